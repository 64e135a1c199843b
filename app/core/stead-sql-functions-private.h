/* stead-sql-functions-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

STEAD_PRIVATE_API
gboolean stead_sql_register_functions (sqlite3  *db,
                                       GError  **error);

G_END_DECLS
