/* stead-feature-table-private.h: a GeoPackage feature table in one call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "stead-version-macros.h"

G_BEGIN_DECLS

STEAD_PRIVATE_API
gboolean stead_feature_table_add           (sqlite3         *db,
                                            const char      *table,
                                            const char      *column,
                                            const char      *geometry_type,
                                            const char      *identifier,
                                            const char      *description,
                                            GError         **error);
gboolean stead_feature_table_register      (sqlite3         *db,
                                            const gboolean  *allowed,
                                            GError         **error);

G_END_DECLS
