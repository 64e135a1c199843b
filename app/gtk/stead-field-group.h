/* stead-field-group.h: the fields of a record, each a row edited in place
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

#define STEAD_TYPE_FIELD_GROUP (stead_field_group_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadFieldGroup, stead_field_group, STEAD, FIELD_GROUP, AdwPreferencesGroup)

STEAD_AVAILABLE_IN_1_0
GtkWidget   *stead_field_group_new        (const char         *fields);
STEAD_AVAILABLE_IN_1_0
SteadRecord *stead_field_group_get_record (SteadFieldGroup    *self);
STEAD_AVAILABLE_IN_1_0
void         stead_field_group_set_record (SteadFieldGroup    *self,
                                           SteadRecord        *record);
STEAD_AVAILABLE_IN_1_0
void         stead_field_group_set_choices (SteadFieldGroup *self,
                                            const char      *field,
                                            GListModel      *terms);
STEAD_AVAILABLE_IN_1_0
GtkWidget   *stead_field_group_get_row    (SteadFieldGroup    *self,
                                           const char         *field);

G_END_DECLS
