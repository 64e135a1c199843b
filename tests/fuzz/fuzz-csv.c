/* fuzz-csv.c: the CSV reader, checked against Debian's libcsv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stead's parser must read every input exactly as libcsv does in strict
 * mode (CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL): the same rows and
 * fields, each row on the line it starts on, and a syntax error exactly
 * when libcsv reports one. libcsv is fed a byte at a time, so the oracle
 * knows the byte each row starts at, and counts the line ends before it
 * in the raw input (CRLF, CR and LF one each), apart from the parser.
 * Text is decoded as the reader promises: UTF-16 with a byte order mark
 * converted first (iconv, through g_convert); each field that is not
 * UTF-8, or all of a file read as Windows-1252, through iconv's
 * WINDOWS-1252; a field that is neither (or holds NUL) makes its row
 * undecodable, naming the field.
 */

#include "config.h"

#include <csv.h>
#include <stdint.h>
#include <string.h>

#include "stead.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

typedef struct
{
  GPtrArray *fields;   /* utf8, or NULL for a field that is text in neither encoding */
  guint64    line;
  guint      bad;      /* the first NULL field, from 1 */
} OracleRow;

typedef struct
{
  GPtrArray    *rows;      /* of OracleRow */
  GPtrArray    *current;
  gboolean      cp1252;
  const guint8 *data;
  gsize         pos;       /* the byte being fed */
  gssize        start;     /* the first byte of the row being read, or -1 */
  guint64      *lines;     /* line ends before each byte */
} Oracle;

static void
oracle_row_free (OracleRow *row)
{
  g_ptr_array_unref (row->fields);
  g_free (row);
}

static char *
oracle_decode (const char *text,
               size_t      len,
               gboolean    cp1252)
{
  if (memchr (text, '\0', len) != NULL)
    return NULL;
  if (!cp1252 && g_utf8_validate_len (text, len, NULL))
    return g_strndup (text, len);
  return g_convert (text, len, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
}

static void
oracle_field (void   *text,
              size_t  len,
              void   *user_data)
{
  Oracle *o = user_data;

  g_ptr_array_add (o->current, oracle_decode (text ? text : "", len, o->cp1252));
}

static void
oracle_row (int   c,
            void *user_data)
{
  Oracle *o = user_data;
  OracleRow *row;

  if (o->current->len == 0)
    {
      o->start = -1;
      return;
    }
  row = g_new0 (OracleRow, 1);
  row->fields = g_steal_pointer (&o->current);
  g_assert_cmpint (o->start, >=, 0);
  row->line = 1 + o->lines[o->start];
  for (guint i = 0; i < row->fields->len && row->bad == 0; i++)
    if (g_ptr_array_index (row->fields, i) == NULL)
      row->bad = i + 1;
  g_ptr_array_add (o->rows, row);
  o->current = g_ptr_array_new_with_free_func (g_free);
  o->start = -1;
}

/* libcsv's rows, or NULL if it finds a syntax error. */
static GPtrArray *
oracle_parse (const uint8_t *data,
              size_t         size,
              char           delimiter,
              gboolean       cp1252)
{
  struct csv_parser p;
  Oracle o = { g_ptr_array_new_with_free_func ((GDestroyNotify) oracle_row_free),
               g_ptr_array_new_with_free_func (g_free), cp1252 };
  gboolean ok = TRUE;

  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      size -= 3;
    }
  o.data = data;
  o.start = -1;
  o.lines = g_new0 (guint64, size + 1);
  for (gsize i = 0; i < size; i++)
    o.lines[i + 1] = o.lines[i] + (data[i] == '\n' ||
                                   (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n')));

  csv_init (&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL);
  csv_set_delim (&p, (unsigned char) delimiter);
  for (o.pos = 0; ok && o.pos < size; o.pos++)
    {
      if (o.start < 0 && data[o.pos] != '\r' && data[o.pos] != '\n')
        o.start = o.pos;
      ok = csv_parse (&p, data + o.pos, 1, oracle_field, oracle_row, &o) == 1;
    }
  ok = ok && csv_fini (&p, oracle_field, oracle_row, &o) == 0;
  csv_free (&p);
  g_ptr_array_unref (o.current);
  g_free (o.lines);
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
  g_autofree char *converted = NULL;
  const char *utf16 = NULL;
  GPtrArray *row = NULL;
  guint64 line = 0, last = 0;
  gsize converted_len = 0;
  guint next;

  /* UTF-16 with a byte order mark: the oracle reads it converted. */
  if (size >= 2 && data[0] == 0xff && data[1] == 0xfe)
    utf16 = "UTF-16LE";
  else if (size >= 2 && data[0] == 0xfe && data[1] == 0xff)
    utf16 = "UTF-16BE";
  if (utf16 != NULL)
    converted = g_convert ((const char *) data + 2, size - 2, "UTF-8", utf16, NULL,
                           &converted_len, NULL);

  if (!stead_csv_reader_read_header (reader, NULL, &error))
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_assert_nonnull (stead_csv_reader_get_header (reader));
  if (utf16 != NULL)
    g_assert_false (stead_csv_reader_get_is_windows_1252 (reader));

  if (utf16 == NULL)
    expected = oracle_parse (data, size, stead_csv_reader_get_delimiter (reader),
                             stead_csv_reader_get_is_windows_1252 (reader));
  else if (converted != NULL)
    expected = oracle_parse ((const guint8 *) converted, converted_len,
                             stead_csv_reader_get_delimiter (reader), FALSE);
  /* The header, and the HXL row if there is one, were read already. */
  next = stead_csv_reader_get_hxl_tags (reader) != NULL ? 2 : 1;

  while (stead_csv_reader_next (reader, &row, &line, NULL, &error))
    {
      /* Every field is UTF-8 and lines only go forward. */
      for (guint i = 0; i < row->len; i++)
        g_assert_true (g_utf8_validate (g_ptr_array_index (row, i), -1, NULL));
      g_assert_cmpuint (line, >=, last);
      last = line;

      /* The same fields as libcsv, from the same line. */
      if (expected != NULL)
        {
          OracleRow *want;

          g_assert_cmpuint (next, <, expected->len);
          want = g_ptr_array_index (expected, next++);
          g_assert_cmpuint (line, ==, want->line);
          g_assert_cmpuint (stead_csv_reader_get_undecodable (reader), ==, want->bad);
          g_assert_cmpuint (row->len, ==, want->fields->len);
          for (guint i = 0; i < row->len; i++)
            if (g_ptr_array_index (want->fields, i) != NULL)
              g_assert_cmpstr (g_ptr_array_index (row, i), ==,
                               g_ptr_array_index (want->fields, i));
        }
      g_ptr_array_unref (row);
    }

  /* UTF-16 that iconv cannot convert is an encoding error. */
  if (utf16 != NULL && converted == NULL)
    {
      g_assert_error (error, STEAD_CSV_ERROR, STEAD_CSV_ERROR_ENCODING);
      return 0;
    }
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
