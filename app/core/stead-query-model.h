/* stead-query-model.h: the records one query finds, kept up to date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <gio/gio.h>

#include "stead-record.h"
#include "stead-types.h"
#include "stead-value.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

#define STEAD_TYPE_QUERY_MODEL (stead_query_model_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadQueryModel, stead_query_model, STEAD, QUERY_MODEL, GObject)

STEAD_AVAILABLE_IN_1_0
SteadQueryModel *stead_query_model_new          (SteadWorkspace     *workspace,
                                                 GType               record_type,
                                                 const char         *sql,
                                                 const char * const *tables);
STEAD_AVAILABLE_IN_1_0
void             stead_query_model_set_params   (SteadQueryModel    *self,
                                                 const SteadValue   *values,
                                                 guint               n_values);
STEAD_AVAILABLE_IN_1_0
void             stead_query_model_reload       (SteadQueryModel    *self);
STEAD_AVAILABLE_IN_1_0
gboolean         stead_query_model_get_loading  (SteadQueryModel    *self);
STEAD_AVAILABLE_IN_1_0
SteadWorkspace  *stead_query_model_get_workspace (SteadQueryModel   *self);
STEAD_AVAILABLE_IN_1_0
SteadRecord     *stead_query_model_lookup       (SteadQueryModel    *self,
                                                 gint64              id);
STEAD_AVAILABLE_IN_1_0
int              stead_query_model_get_position (SteadQueryModel   *self,
                                                 gint64             id);
STEAD_AVAILABLE_IN_1_0
void             stead_query_model_set_notify_only (SteadQueryModel *self,
                                                    gboolean         notify_only);
STEAD_AVAILABLE_IN_1_0
void             stead_query_model_set_async_threshold (SteadQueryModel *self,
                                                        guint            n_rows);

G_END_DECLS
