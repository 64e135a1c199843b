/* partners-page.h: the partner directory page and its network view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead-gtk.h>

G_BEGIN_DECLS

#define PARTNERS_TYPE_PAGE (partners_page_get_type ())
G_DECLARE_FINAL_TYPE (PartnersPage, partners_page, PARTNERS, PAGE, SteadPage)


/* partners-network.c */
#define PARTNERS_TYPE_NETWORK (partners_network_get_type ())
G_DECLARE_FINAL_TYPE (PartnersNetwork, partners_network, PARTNERS, NETWORK, GtkWidget)

GtkWidget  *partners_network_new           (void);
void        partners_network_set_workspace (PartnersNetwork *self,
                                            SteadWorkspace  *workspace);
void        partners_network_set_shown     (PartnersNetwork *self,
                                            GListModel      *shown);
void        partners_network_set_selected  (PartnersNetwork *self,
                                            gint64           id);
guint       partners_network_get_n_nodes   (PartnersNetwork *self);
guint       partners_network_get_n_edges   (PartnersNetwork *self);

G_END_DECLS
