/* stead-position.h: positions as people write them: grid references and coordinates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <glib.h>

#include "stead-version-macros.h"

G_BEGIN_DECLS

STEAD_AVAILABLE_IN_1_0
gboolean        stead_grid_ref_parse        (const char    *text,
                                             double        *easting,
                                             double        *northing,
                                             double        *size);
STEAD_AVAILABLE_IN_1_0
char           *stead_grid_ref_format       (double         easting,
                                             double         northing,
                                             guint          digits);
STEAD_AVAILABLE_IN_1_0
gboolean        stead_coordinates_parse     (const char    *text,
                                             double        *lat,
                                             double        *lon);

G_END_DECLS
