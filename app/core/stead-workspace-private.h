/* stead-workspace-private.h: internal workspace API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stead-workspace.h"

G_BEGIN_DECLS

#define STEAD_CORE_OWNER "core"
#define STEAD_CORE_SCHEMA_PATH "/io/github/steadapp/Stead/core/schema"

gboolean stead_sqlite_set_error (GError     **error,
                                 sqlite3     *db,
                                 int          rc,
                                 const char  *what);

G_END_DECLS

G_BEGIN_DECLS

void     stead_transaction_note_bulk  (SteadTransaction *txn,
                                       const char       *table,
                                       int               op,
                                       guint             rows);
gboolean stead_workspace_check_header (const char  *path,
                                       GError     **error);

G_END_DECLS
