/* stead-json.c: JSON read with bounds, for the importers
 *
 * Whole files are read only up to a limit, so that a huge or endless input
 * fails with a message instead of exhausting memory.
 *
 * json-glib parses recursively: an array nested 80,000 deep (160 KB of
 * "[") overflows the stack. So the bytes are read up to a size limit and
 * scanned once for nesting, outside strings, before json-glib sees them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-json"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-importer.h"
#include "stead-json-private.h"

/**
 * stead_json_check_bounds:
 * @data: JSON text
 * @length: its size
 * @max_depth: the deepest nesting of arrays and objects allowed
 * @error: a #GError
 *
 * Returns: %TRUE if no array or object is nested deeper than @max_depth
 */
gboolean
stead_json_check_bounds (const char  *data,
                         gsize        length,
                         guint        max_depth,
                         GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  guint64 line = 1;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\n')
        line++;
      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            {
              g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                           _("The JSON is nested more than %u levels deep (line %" G_GUINT64_FORMAT
                             "); no Open Referral or GeoJSON file is, so it is not read"),
                           max_depth, line);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

/**
 * stead_input_stream_read_bounded:
 * @stream: the file
 * @max_bytes: the most it may hold
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): all of @stream, or %NULL (a
 *   %STEAD_IMPORT_ERROR_FORMAT error) if it holds more than @max_bytes
 */
GBytes *
stead_input_stream_read_bounded (GInputStream  *stream,
                                 gsize          max_bytes,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[65536];

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (bytes->len + (gsize) n > max_bytes)
        {
          g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                       _("The file is larger than %u MB, more than a file of this kind can "
                         "hold; it is not read"),
                       (guint) (max_bytes / (1024 * 1024)));
          return NULL;
        }
      g_byte_array_append (bytes, buffer, n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/**
 * stead_json_load_stream:
 * @stream: the file
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Reads at most %STEAD_JSON_MAX_BYTES, checks the nesting, then parses.
 * A file that is not JSON is a %STEAD_IMPORT_ERROR_FORMAT error saying
 * where.
 *
 * Returns: (transfer full) (nullable): the parser, holding the root
 */
JsonParser *
stead_json_load_stream (GInputStream  *stream,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize length;

  bytes = stead_input_stream_read_bounded (stream, STEAD_JSON_MAX_BYTES, cancellable, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  return stead_json_load_data (data, length, error);
}

/**
 * stead_json_load_data:
 * @data: (array length=length) (nullable): JSON text
 * @length: its size
 * @error: a #GError
 *
 * Checks the nesting, then parses, as stead_json_load_stream() does for
 * text already in memory (a file read with its own bound, a resource).
 *
 * Returns: (transfer full) (nullable): the parser, holding the root
 */
JsonParser *
stead_json_load_data (const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;

  if (!stead_json_check_bounds (data, length, STEAD_JSON_MAX_DEPTH, error))
    return NULL;
  if (!json_parser_load_from_data (parser, data != NULL ? data : "", length, &local_error))
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   _("This is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  return g_steal_pointer (&parser);
}
