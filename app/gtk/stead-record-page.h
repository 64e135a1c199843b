/* stead-record-page.h: a plugin's records: search, filters, list, details
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

#define STEAD_TYPE_RECORD_PAGE (stead_record_page_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadRecordPage, stead_record_page, STEAD, RECORD_PAGE, GtkWidget)

typedef gboolean (*SteadRecordFilterFunc) (SteadRecord *record,
                                           gpointer     user_data);

STEAD_AVAILABLE_IN_1_0
SteadWorkspace *stead_record_page_get_workspace   (SteadRecordPage       *self);
STEAD_AVAILABLE_IN_1_0
void            stead_record_page_set_workspace   (SteadRecordPage       *self,
                                                   SteadWorkspace        *workspace);
STEAD_AVAILABLE_IN_1_0
void            stead_record_page_set_model       (SteadRecordPage       *self,
                                                   GListModel            *model);
STEAD_AVAILABLE_IN_1_0
GListModel     *stead_record_page_get_model       (SteadRecordPage       *self);
STEAD_AVAILABLE_IN_1_0
GListModel     *stead_record_page_get_shown       (SteadRecordPage       *self);
STEAD_AVAILABLE_IN_1_0
SteadRecord    *stead_record_page_get_selected    (SteadRecordPage       *self);
STEAD_AVAILABLE_IN_1_0
gboolean        stead_record_page_select          (SteadRecordPage       *self,
                                                   gint64                 id);
STEAD_AVAILABLE_IN_1_0
void            stead_record_page_set_search      (SteadRecordPage       *self,
                                                   const char            *text);
STEAD_AVAILABLE_IN_1_0
const char     *stead_record_page_get_search      (SteadRecordPage       *self);
STEAD_AVAILABLE_IN_1_0
void            stead_record_page_set_filter_func (SteadRecordPage       *self,
                                                   SteadRecordFilterFunc  func,
                                                   gpointer               user_data,
                                                   GDestroyNotify         destroy);
STEAD_AVAILABLE_IN_1_0
void            stead_record_page_refilter        (SteadRecordPage       *self);
STEAD_AVAILABLE_IN_1_0
void            stead_record_page_show_all        (SteadRecordPage       *self);
/* Selects the record, showing all records first if a filter hides it. */
STEAD_AVAILABLE_IN_1_0
void            stead_record_page_reveal           (SteadRecordPage   *self,
                                                    gint64             id);
STEAD_AVAILABLE_IN_1_0
void            stead_record_page_set_n_records   (SteadRecordPage       *self,
                                                   int                    n_records);
STEAD_AVAILABLE_IN_1_0
void            stead_record_page_show_view       (SteadRecordPage       *self,
                                                   const char            *name);
STEAD_AVAILABLE_IN_1_0
GtkColumnView  *stead_record_page_get_column_view (SteadRecordPage       *self);
STEAD_AVAILABLE_IN_1_0
void            stead_record_page_toast           (SteadRecordPage       *self,
                                                   const char            *message);
STEAD_AVAILABLE_IN_1_0
void            stead_record_page_toast_undo      (SteadRecordPage       *self,
                                                   const char            *message);
STEAD_AVAILABLE_IN_1_0
void            stead_record_page_show_error      (SteadRecordPage       *self,
                                                   const GError          *error);

STEAD_AVAILABLE_IN_1_0
gboolean        stead_record_page_get_folded      (SteadRecordPage       *self);

G_END_DECLS
