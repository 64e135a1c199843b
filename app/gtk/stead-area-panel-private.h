/* stead-area-panel-private.h: the gap at a glance, beside the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <stead.h>

G_BEGIN_DECLS

#define STEAD_TYPE_AREA_PANEL (stead_area_panel_get_type ())

G_DECLARE_FINAL_TYPE (SteadAreaPanel, stead_area_panel, STEAD, AREA_PANEL, GtkWidget)

GtkWidget  *stead_area_panel_new          (void);
void        stead_area_panel_set_summary  (SteadAreaPanel   *self,
                                           SteadWorkspace   *workspace,
                                           const char       *title,
                                           SteadAreaSummary *summary);
void        stead_area_panel_set_note     (SteadAreaPanel   *self,
                                           const char       *note);
const char *stead_area_panel_get_note     (SteadAreaPanel   *self);
GListModel *stead_area_panel_get_kinds    (SteadAreaPanel   *self);
GListModel *stead_area_panel_get_items    (SteadAreaPanel   *self);
void        stead_area_panel_set_actions  (SteadAreaPanel   *self,
                                           GMenuModel       *actions);
GMenuModel *stead_area_panel_get_actions  (SteadAreaPanel   *self);
/* A plugin's rows for the area shown (its target groups): a heading
 * and a table of up to five columns of text, under the totals. */
void        stead_area_panel_clear_sections (SteadAreaPanel *self);
void        stead_area_panel_add_section  (SteadAreaPanel     *self,
                                           const char         *heading,
                                           const char * const *columns,
                                           GPtrArray          *rows);
/* For tests: a section's rows, cells split by tabs, rows ended by newlines. */
STEAD_PRIVATE_API
char       *stead_area_panel_dup_section_text (SteadAreaPanel *self,
                                               const char     *heading);
void        stead_area_panel_set_show_personal (SteadAreaPanel *self,
                                                gboolean        show_personal);
gboolean    stead_area_panel_get_show_personal (SteadAreaPanel *self);

G_END_DECLS
