/* fuzz-csv.c: the CSV reader, checked against Debian's libcsv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stead's parser must read every input exactly as libcsv does in strict
 * mode (CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL): the same rows and
 * fields, and a syntax error exactly when libcsv reports one.
 */

#include "config.h"

#include <csv.h>
#include <stdint.h>
#include <string.h>

#include "stead.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

typedef struct
{
  GPtrArray *rows;      /* of GPtrArray of utf8 */
  GPtrArray *current;
  gboolean   cp1252;
} Oracle;

static void
oracle_field (void   *text,
              size_t  len,
              void   *user_data)
{
  Oracle *o = user_data;
  char *field = o->cp1252
                  ? g_convert (text ? text : "", len, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL)
                  : g_strndup (text ? text : "", len);

  g_ptr_array_add (o->current, field != NULL ? field : g_strdup (""));
}

static void
oracle_row (int   c,
            void *user_data)
{
  Oracle *o = user_data;

  if (o->current->len == 0)
    return;
  g_ptr_array_add (o->rows, o->current);
  o->current = g_ptr_array_new_with_free_func (g_free);
}

/* libcsv's rows, or NULL if it finds a syntax error. */
static GPtrArray *
oracle_parse (const uint8_t *data,
              size_t         size,
              char           delimiter,
              gboolean       cp1252)
{
  struct csv_parser p;
  Oracle o = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref),
               g_ptr_array_new_with_free_func (g_free), cp1252 };
  gboolean ok;

  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      size -= 3;
    }
  csv_init (&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL);
  csv_set_delim (&p, (unsigned char) delimiter);
  ok = csv_parse (&p, data, size, oracle_field, oracle_row, &o) == size &&
       csv_fini (&p, oracle_field, oracle_row, &o) == 0;
  csv_free (&p);
  g_ptr_array_unref (o.current);
  if (!ok)
    {
      g_ptr_array_unref (o.rows);
      return NULL;
    }
  return o.rows;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(SteadCsvReader) reader = stead_csv_reader_new (stream, "fuzz.csv");
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *row = NULL;
  guint64 line = 0, last = 0;
  guint next;

  if (!stead_csv_reader_read_header (reader, NULL, &error))
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_assert_nonnull (stead_csv_reader_get_header (reader));

  expected = oracle_parse (data, size, stead_csv_reader_get_delimiter (reader),
                           stead_csv_reader_get_is_windows_1252 (reader));
  /* The header, and the HXL row if there is one, were read already. */
  next = stead_csv_reader_get_hxl_tags (reader) != NULL ? 2 : 1;

  while (stead_csv_reader_next (reader, &row, &line, NULL, &error))
    {
      /* Every field is UTF-8 and lines only go forward. */
      for (guint i = 0; i < row->len; i++)
        g_assert_true (g_utf8_validate (g_ptr_array_index (row, i), -1, NULL));
      g_assert_cmpuint (line, >=, last);
      last = line;

      /* The same fields as libcsv. */
      if (expected != NULL)
        {
          GPtrArray *want;

          g_assert_cmpuint (next, <, expected->len);
          want = g_ptr_array_index (expected, next++);
          g_assert_cmpuint (row->len, ==, want->len);
          for (guint i = 0; i < row->len; i++)
            g_assert_cmpstr (g_ptr_array_index (row, i), ==, g_ptr_array_index (want, i));
        }
      g_ptr_array_unref (row);
    }

  if (error != NULL && g_error_matches (error, STEAD_CSV_ERROR, STEAD_CSV_ERROR_ENCODING))
    return 0;
  /* A syntax error exactly when libcsv finds one, and no rows left over. */
  if (expected == NULL)
    g_assert_error (error, STEAD_CSV_ERROR, STEAD_CSV_ERROR_SYNTAX);
  else
    {
      g_assert_no_error (error);
      g_assert_cmpuint (next, ==, expected->len);
    }
  return 0;
}
