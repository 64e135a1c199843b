/* stead-tile-key-private.h: a tile server's API key in the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     stead_tile_key_lookup_async  (const char           *url_template,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
char    *stead_tile_key_lookup_finish (GAsyncResult         *result,
                                       GError              **error);
void     stead_tile_key_store_async   (const char           *url_template,
                                       const char           *key,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean stead_tile_key_store_finish  (GAsyncResult         *result,
                                       GError              **error);
char    *stead_tile_key_fill          (const char           *url_template,
                                       const char           *key);

G_END_DECLS
