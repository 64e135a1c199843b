/* stead-demo.h: the demo area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include "stead-types.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

#define STEAD_DEMO_DEFAULT_SCALE 200
#define STEAD_DEMO_DEFAULT_SEED  2007

/* The licence statements of the demo area's open data (OGL v3: the
 * boundaries, wards, LSOAs and postcodes of Tewkesbury borough), one a
 * line, to show wherever that data is shown; data/demo/README.md. */
#define STEAD_DEMO_ATTRIBUTION                                                      \
  "Contains OS data © Crown copyright and database right 2014\n"                    \
  "Contains Royal Mail data © Royal Mail copyright and database right 2014\n"       \
  "Source: Office for National Statistics licensed under the Open Government Licence v3.0"

/* Centre of the demo area's main town (Tewkesbury, Gloucestershire), WGS84. */
#define STEAD_DEMO_CENTER_LON (-2.1600)
#define STEAD_DEMO_CENTER_LAT (51.9920)

STEAD_AVAILABLE_IN_1_0
gboolean stead_demo_populate (SteadWorkspace *workspace,
                              guint           scale,
                              guint32         seed,
                              GError        **error);

G_END_DECLS
