/* partners-page.h: the partner directory page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead-gtk.h>

G_BEGIN_DECLS

#define PARTNERS_TYPE_PAGE (partners_page_get_type ())
G_DECLARE_FINAL_TYPE (PartnersPage, partners_page, PARTNERS, PAGE, GtkWidget)

#define PARTNERS_TYPE_ROW (partners_row_get_type ())
G_DECLARE_FINAL_TYPE (PartnersRow, partners_row, PARTNERS, ROW, GObject)

GtkWidget  *partners_page_new              (SteadWorkspace *workspace);
GListModel *partners_page_get_model        (PartnersPage   *self);   /* filtered and sorted PartnersRow */
void        partners_page_set_search       (PartnersPage   *self,
                                            const char     *text);
void        partners_page_set_filter       (PartnersPage   *self,
                                            const char     *type,
                                            const char     *tier);
gboolean    partners_page_select           (PartnersPage   *self,
                                            gint64          id);
void        partners_page_show_all         (PartnersPage   *self);
gint64      partners_page_get_selected     (PartnersPage   *self);
gboolean    partners_page_edit_field       (PartnersPage   *self,
                                            const char     *field,
                                            const char     *value);
GtkWidget  *partners_page_get_network      (PartnersPage   *self);

gint64      partners_row_get_id            (PartnersRow    *row);
const char *partners_row_get_name          (PartnersRow    *row);
const char *partners_row_get_flag          (PartnersRow    *row);
guint       partners_row_get_issues        (PartnersRow    *row);

/* partners-network.c */
#define PARTNERS_TYPE_NETWORK (partners_network_get_type ())
G_DECLARE_FINAL_TYPE (PartnersNetwork, partners_network, PARTNERS, NETWORK, GtkWidget)

GtkWidget  *partners_network_new           (void);
void        partners_network_load          (PartnersNetwork *self,
                                            SteadWorkspace  *workspace);
guint       partners_network_get_n_nodes   (PartnersNetwork *self);
guint       partners_network_get_n_edges   (PartnersNetwork *self);

G_END_DECLS
