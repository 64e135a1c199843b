/* stead-search-popover-private.h: the workspace search under the header's search button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <stead.h>

G_BEGIN_DECLS

#define STEAD_TYPE_SEARCH_POPOVER (stead_search_popover_get_type ())

G_DECLARE_FINAL_TYPE (SteadSearchPopover, stead_search_popover, STEAD, SEARCH_POPOVER, GtkPopover)

SteadWorkspace *stead_search_popover_get_workspace (SteadSearchPopover *self);
void            stead_search_popover_set_workspace (SteadSearchPopover *self,
                                                    SteadWorkspace     *workspace);

G_END_DECLS
