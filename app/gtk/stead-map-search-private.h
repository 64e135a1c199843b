/* stead-map-search-private.h: the search on the map (Ctrl+F), over its top edge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <stead.h>

G_BEGIN_DECLS

#define STEAD_TYPE_MAP_SEARCH (stead_map_search_get_type ())

G_DECLARE_FINAL_TYPE (SteadMapSearch, stead_map_search, STEAD, MAP_SEARCH, GtkWidget)

GtkWidget      *stead_map_search_new           (void);
SteadWorkspace *stead_map_search_get_workspace (SteadMapSearch *self);
void            stead_map_search_set_workspace (SteadMapSearch *self,
                                                SteadWorkspace *workspace);
void            stead_map_search_open          (SteadMapSearch *self);
void            stead_map_search_close         (SteadMapSearch *self);

G_END_DECLS
