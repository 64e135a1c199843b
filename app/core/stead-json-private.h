/* stead-json-private.h: files read with bounds, and JSON within them, for the
 * importers (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "stead-version-macros.h"

G_BEGIN_DECLS

/* Deeper than this, json-glib's recursive parser would run out of stack
 * long before any real ORUK or GeoJSON file gets there (they stay under
 * a dozen levels). */
#define STEAD_JSON_MAX_DEPTH 512
/* json-glib keeps the whole tree in memory, about ten times the text. */
#define STEAD_JSON_MAX_BYTES ((gsize) 512 * 1024 * 1024)

STEAD_PRIVATE_API
GBytes     *stead_input_stream_read_bounded (GInputStream  *stream,
                                             gsize          max_bytes,
                                             GCancellable  *cancellable,
                                             GError       **error);
STEAD_PRIVATE_API
gboolean    stead_json_check_bounds (const char    *data,
                                     gsize          length,
                                     guint          max_depth,
                                     GError       **error);
STEAD_PRIVATE_API
JsonParser *stead_json_load_data    (const char    *data,
                                     gsize          length,
                                     GError       **error);
STEAD_PRIVATE_API
JsonParser *stead_json_load_stream  (GInputStream  *stream,
                                     GCancellable  *cancellable,
                                     GError       **error);

G_END_DECLS
