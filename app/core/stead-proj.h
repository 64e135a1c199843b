/* stead-proj.h: coordinate conversion with PROJ (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include "stead-version-macros.h"

G_BEGIN_DECLS

typedef struct _SteadProj SteadProj;

STEAD_AVAILABLE_IN_1_0
SteadProj *stead_proj_new          (const char  *source_crs,
                                    GError     **error);
STEAD_AVAILABLE_IN_1_0
gboolean   stead_proj_to_wgs84     (SteadProj   *self,
                                    double       x,
                                    double       y,
                                    double      *lon,
                                    double      *lat);
STEAD_AVAILABLE_IN_1_0
void       stead_proj_free         (SteadProj   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SteadProj, stead_proj_free)

G_END_DECLS
