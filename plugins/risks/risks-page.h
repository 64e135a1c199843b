/* risks-page.h: the risk register page and its matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead-gtk.h>

G_BEGIN_DECLS

#define RISKS_TYPE_MATRIX (risks_matrix_get_type ())
G_DECLARE_FINAL_TYPE (RisksMatrix, risks_matrix, RISKS, MATRIX, GtkWidget)

GtkWidget *risks_matrix_new            (void);
void       risks_matrix_set_workspace  (RisksMatrix    *self,
                                        SteadWorkspace *workspace);
void       risks_matrix_select_cell    (RisksMatrix    *self,
                                        int             likelihood,
                                        int             impact);
guint      risks_matrix_get_n_risks    (RisksMatrix    *self);
guint      risks_matrix_count_in_cell  (RisksMatrix    *self,
                                        int             likelihood,
                                        int             impact);

#define RISKS_TYPE_PAGE (risks_page_get_type ())
G_DECLARE_FINAL_TYPE (RisksPage, risks_page, RISKS, PAGE, SteadPage)


G_END_DECLS
