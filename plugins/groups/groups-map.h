/* groups-map.h: the target groups' layers on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead-gtk.h>

G_BEGIN_DECLS

/* The window addin table's hooks (groups-gtk-plugin.c). */
void       groups_map_load          (SteadWindowAddin *addin,
                                     SteadWindow      *window);
GPtrArray *groups_map_describe_area (SteadWindowAddin *addin,
                                     SteadWorkspace   *workspace,
                                     gint64            area);

extern const char * const groups_map_area_columns[];

G_END_DECLS
