/* stead-search-private.h: searching the index on a connection of one's own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "stead-search.h"

G_BEGIN_DECLS

GPtrArray *stead_search_run (sqlite3     *db,
                             const char  *query,
                             guint        limit,
                             GError     **error);

G_END_DECLS
