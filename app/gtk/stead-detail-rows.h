/* stead-detail-rows.h: rows for a plugin page's detail pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The row's field name is kept as object data "stead-field" and, for
 * combo rows, the codes of its choices as "stead-codes" (a GListModel of
 * GtkStringObject); stead_detail_row_get_value() reads the value back. */
GtkWidget  *stead_detail_group_new       (const char *title,
                                          const char *description);
GtkWidget  *stead_detail_info_row_new    (const char *title,
                                          const char *subtitle);
GtkWidget  *stead_detail_entry_row_new   (const char *title,
                                          const char *field,
                                          const char *value,
                                          GCallback   on_apply,
                                          gpointer    user_data);
GtkWidget  *stead_detail_combo_row_new   (const char *title,
                                          const char *field,
                                          GListModel *codes,
                                          GListModel *labels,
                                          const char *value,
                                          GCallback   on_selected,
                                          gpointer    user_data);
const char *stead_detail_row_get_field   (GtkWidget  *row);
char       *stead_detail_row_get_value   (GtkWidget  *row);

G_END_DECLS
