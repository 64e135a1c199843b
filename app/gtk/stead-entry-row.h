/* stead-entry-row.h: a record's field, edited in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_GTK_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead-gtk.h> can be included directly."
#endif

#include <adwaita.h>
#include <stead.h>

G_BEGIN_DECLS

#define STEAD_TYPE_ENTRY_ROW (stead_entry_row_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadEntryRow, stead_entry_row, STEAD, ENTRY_ROW, AdwEntryRow)

STEAD_AVAILABLE_IN_1_0
GtkWidget   *stead_entry_row_new        (const char  *field);
STEAD_AVAILABLE_IN_1_0
SteadRecord *stead_entry_row_get_record (SteadEntryRow *self);
STEAD_AVAILABLE_IN_1_0
void         stead_entry_row_set_record (SteadEntryRow *self,
                                         SteadRecord   *record);
STEAD_AVAILABLE_IN_1_0
const char  *stead_entry_row_get_field  (SteadEntryRow *self);
STEAD_AVAILABLE_IN_1_0
gboolean     stead_entry_row_commit     (SteadEntryRow *self);
STEAD_AVAILABLE_IN_1_0
gboolean     stead_entry_row_get_modified (SteadEntryRow *self);
STEAD_AVAILABLE_IN_1_0
gboolean     stead_entry_row_save       (SteadEntryRow *self,
                                         GError       **error);
STEAD_AVAILABLE_IN_1_0
void         stead_entry_row_revert     (SteadEntryRow *self);
STEAD_AVAILABLE_IN_1_0
GtkWidget   *stead_entry_rows_save_all  (GtkWidget     *root,
                                         GError       **error);

G_END_DECLS
