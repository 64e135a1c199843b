/* stead-record-cell.h: one field of a record in a list's column
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_GTK_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead-gtk.h> can be included directly."
#endif

#include <gtk/gtk.h>
#include <stead.h>

G_BEGIN_DECLS

#define STEAD_TYPE_RECORD_CELL (stead_record_cell_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadRecordCell, stead_record_cell, STEAD, RECORD_CELL, GtkWidget)

STEAD_AVAILABLE_IN_1_0
GtkWidget  *stead_record_cell_new        (const char      *field,
                                          const char      *alert_field);
STEAD_AVAILABLE_IN_1_0
void        stead_record_cell_set_record (SteadRecordCell *self,
                                          SteadRecord     *record);
STEAD_AVAILABLE_IN_1_0
const char *stead_record_cell_get_text   (SteadRecordCell *self);

G_END_DECLS
