/* stead-record-list.h: a record's child records, as a group of rows
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

#define STEAD_TYPE_RECORD_LIST (stead_record_list_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadRecordList, stead_record_list, STEAD, RECORD_LIST, AdwPreferencesGroup)

STEAD_AVAILABLE_IN_1_0
GtkWidget  *stead_record_list_new       (void);
STEAD_AVAILABLE_IN_1_0
void        stead_record_list_set_model (SteadRecordList *self,
                                         GListModel      *model);
STEAD_AVAILABLE_IN_1_0
GListModel *stead_record_list_get_model (SteadRecordList *self);
STEAD_AVAILABLE_IN_1_0
gboolean    stead_record_list_follow    (SteadRecordList *self,
                                         gint64           parent);

G_END_DECLS
