/* stead-proj.h: coordinate conversion with PROJ (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SteadProj SteadProj;

SteadProj *stead_proj_new          (const char  *source_crs,
                                    GError     **error);
gboolean   stead_proj_to_wgs84     (SteadProj   *self,
                                    double       x,
                                    double       y,
                                    double      *lon,
                                    double      *lat);
void       stead_proj_free         (SteadProj   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SteadProj, stead_proj_free)

G_END_DECLS
