/* stead-vocabulary.h: terms of the shared vocabularies, as lists and lookups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <gio/gio.h>

#include "stead-field.h"
#include "stead-types.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

#define STEAD_TYPE_TERM (stead_term_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadTerm, stead_term, STEAD, TERM, GObject)

STEAD_AVAILABLE_IN_1_0
SteadTerm  *stead_term_new                  (const char     *code,
                                             const char     *label,
                                             const char     *description);
STEAD_AVAILABLE_IN_1_0
const char *stead_term_get_code             (SteadTerm      *self);
STEAD_AVAILABLE_IN_1_0
const char *stead_term_get_label            (SteadTerm      *self);
STEAD_AVAILABLE_IN_1_0
const char *stead_term_get_description      (SteadTerm      *self);

STEAD_AVAILABLE_IN_1_0
GListModel *stead_vocabulary_new            (SteadWorkspace    *workspace,
                                             const char        *vocabulary);
STEAD_AVAILABLE_IN_1_0
GListModel *stead_terms_new_for_query       (SteadWorkspace     *workspace,
                                             const char         *sql,
                                             const char         *param,
                                             const char * const *tables);
STEAD_AVAILABLE_IN_1_0
GListModel *stead_choices_model_new         (const SteadChoice *choices);
STEAD_AVAILABLE_IN_1_0
GListModel *stead_field_choices_new         (const SteadField  *field,
                                             SteadWorkspace    *workspace);
STEAD_AVAILABLE_IN_1_0
guint       stead_terms_find                (GListModel        *terms,
                                             const char        *code);

STEAD_AVAILABLE_IN_1_0
char       *stead_workspace_lookup_term     (SteadWorkspace    *workspace,
                                             const char        *vocabulary,
                                             const char        *text);
STEAD_AVAILABLE_IN_1_0
char       *stead_workspace_get_term_label  (SteadWorkspace    *workspace,
                                             const char        *vocabulary,
                                             const char        *code);
STEAD_AVAILABLE_IN_1_0
char       *stead_workspace_list_terms      (SteadWorkspace    *workspace,
                                             const char        *vocabulary);

G_END_DECLS
