/* stead-choice-row.h: a record's field chosen from its terms or choices
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

#define STEAD_TYPE_CHOICE_ROW (stead_choice_row_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadChoiceRow, stead_choice_row, STEAD, CHOICE_ROW, AdwComboRow)

STEAD_AVAILABLE_IN_1_0
GtkWidget   *stead_choice_row_new        (const char     *field);
STEAD_AVAILABLE_IN_1_0
SteadRecord *stead_choice_row_get_record (SteadChoiceRow *self);
STEAD_AVAILABLE_IN_1_0
void         stead_choice_row_set_record (SteadChoiceRow *self,
                                          SteadRecord    *record);
STEAD_AVAILABLE_IN_1_0
void         stead_choice_row_set_terms  (SteadChoiceRow *self,
                                          GListModel     *terms);

G_END_DECLS
