/* test-csv.c: the CSV quirks spreadsheets and partners send
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stead.h"

static SteadCsvReader *
reader_for (const char *text,
            gssize      len,
            GError    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len < 0 ? strlen (text) : (gsize) len);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  SteadCsvReader *reader = stead_csv_reader_new (stream, "partners.csv");

  if (!stead_csv_reader_read_header (reader, NULL, error))
    g_clear_object (&reader);
  return reader;
}

/* Every row as "a|b|c@line", one per line. */
static char *
dump (SteadCsvReader *reader,
      GError        **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  GPtrArray *row = NULL;
  guint64 line;

  while (stead_csv_reader_next (reader, &row, &line, NULL, error))
    {
      for (guint i = 0; i < row->len; i++)
        g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", (char *) g_ptr_array_index (row, i));
      g_string_append_printf (out, "@%llu\n", (unsigned long long) line);
      g_ptr_array_unref (row);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
check (const char *input,
       gssize      len,
       const char *header,
       const char *rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadCsvReader) reader = reader_for (input, len, &error);
  g_autofree char *joined = NULL;
  g_autofree char *got = NULL;

  g_assert_no_error (error);
  joined = g_strjoinv ("|", (char **) stead_csv_reader_get_header (reader));
  g_assert_cmpstr (joined, ==, header);
  got = dump (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, rows);
}

static void
test_quotes_and_newlines (void)
{
  check ("name,notes\n\"Red Cross, Gloucester\",\"says \"\"hello\"\"\"\n\"Line one\nline "
         "two\",x\nlast,y\n",
         -1, "name|notes",
         "Red Cross, Gloucester|says \"hello\"@2\nLine one\nline two|x@3\nlast|y@5\n");
}

static void
test_crlf_bom_blank_lines (void)
{
  check ("\xef\xbb\xbfname,postcode\r\nA,GL20 5AA\r\n\r\nB,GL20 6BB\r\nC,GL20 7CC", -1,
         "name|postcode",
         "A|GL20 5AA@2\nB|GL20 6BB@4\nC|GL20 7CC@5\n");
}

static void
test_delimiters (void)
{
  check ("name;postcode;people\nA;GL20 5AA;3\n", -1, "name|postcode|people", "A|GL20 5AA|3@2\n");
  check ("name\tpostcode\nA\tGL20 5AA\n", -1, "name|postcode", "A|GL20 5AA@2\n");
  /* Commas inside quotes do not vote. */
  check ("\"a,b,c\";d\n1;2\n", -1, "a,b,c|d", "1|2@2\n");
}

static void
test_windows_1252 (void)
{
  g_autoptr(GError) error = NULL;
  /* "Café" and "£5" as Excel on Windows saves them. */
  g_autoptr(SteadCsvReader) reader = reader_for ("name,cost\nCaf\xe9,\xa3" "5\n", -1, &error);
  g_autofree char *rows = NULL;

  g_assert_no_error (error);
  g_assert_true (stead_csv_reader_get_is_windows_1252 (reader));
  rows = dump (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rows, ==, "Café|£5@2\n");
}

static void
test_hxl (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadCsvReader) reader = reader_for (
    "Organisation,Postcode,Notes\n#org +name,#loc +postcode,\nRed Cross,GL20 5AA,\n", -1, &error);
  g_autofree char *rows = NULL;
  const char * const *tags;

  g_assert_no_error (error);
  tags = stead_csv_reader_get_hxl_tags (reader);
  g_assert_nonnull (tags);
  g_assert_cmpstr (tags[0], ==, "#org +name");
  g_assert_cmpstr (tags[1], ==, "#loc +postcode");
  rows = dump (reader, &error);
  g_assert_cmpstr (rows, ==, "Red Cross|GL20 5AA|@3\n");

  /* A first data row that merely has a # in it is data. */
  {
    g_autoptr(SteadCsvReader) plain = reader_for ("name,ref\nFlat 1,#42\nB,7\n", -1, &error);
    g_assert_null (stead_csv_reader_get_hxl_tags (plain));
  }
}

static void
test_malformed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadCsvReader) reader =
    reader_for ("name,notes\nA,ok\nB,\"unclosed\nC,d\n", -1, &error);
  g_autofree char *rows = NULL;

  g_assert_no_error (error);
  rows = dump (reader, &error);
  g_assert_error (error, STEAD_CSV_ERROR, STEAD_CSV_ERROR_SYNTAX);
  /* It names the file and the line the bad row starts on. */
  g_assert_nonnull (strstr (error->message, "partners.csv"));
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_clear_error (&error);

  {
    /* Text after a closing quote: refused, whether found while reading
     * the header (all in the first read) or later. */
    g_autoptr(SteadCsvReader) stray = reader_for ("a,b\n1,\"x\"y\n", -1, &error);
    g_autofree char *r = stray != NULL ? dump (stray, &error) : NULL;
    g_assert_error (error, STEAD_CSV_ERROR, STEAD_CSV_ERROR_SYNTAX);
    g_assert_nonnull (strstr (error->message, "line 2"));
    g_clear_error (&error);
  }

  {
    g_autoptr(SteadCsvReader) empty = reader_for ("", 0, &error);
    g_assert_null (empty);
    g_assert_error (error, STEAD_CSV_ERROR, STEAD_CSV_ERROR_EMPTY);
  }
}

static void
test_large_streaming (void)
{
  g_autoptr(GString) csv = g_string_new ("id,name,notes\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadCsvReader) reader = NULL;
  GPtrArray *row = NULL;
  guint64 line = 0;
  guint n = 0;

  /* Rows straddle the 64 KiB reads; quoted newlines too. */
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (csv, "%u,\"Name %u\",\"first\nsecond, with comma\"\n", i, i);
  reader = reader_for (csv->str, csv->len, &error);
  g_assert_no_error (error);
  while (stead_csv_reader_next (reader, &row, &line, NULL, &error))
    {
      g_autofree char *expected = g_strdup_printf ("Name %u", n);

      g_assert_cmpuint (row->len, ==, 3);
      g_assert_cmpstr (g_ptr_array_index (row, 1), ==, expected);
      g_assert_cmpstr (g_ptr_array_index (row, 2), ==, "first\nsecond, with comma");
      g_assert_cmpuint (line, ==, 2 + 2 * n);
      g_ptr_array_unref (row);
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 20000);
  g_assert_cmpuint (stead_csv_reader_get_bytes_read (reader), ==, csv->len);
}

static void
test_utf8_across_reads (void)
{
  g_autoptr(GString) csv = g_string_new ("name,notes\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadCsvReader) reader = NULL;
  g_autofree char *rows = NULL;

  /* "é" is two bytes; put its first byte last in the first 64 KiB read. */
  while (csv->len < 65536 - 40)
    g_string_append (csv, "filler,0123456789012345678901234567890\n");
  while (csv->len < 65536 - 5)
    g_string_append_c (csv, 'x');
  g_string_append (csv, ",abcé,z\nlast,row\n");
  g_assert_cmpint ((guchar) csv->str[65535], ==, 0xc3);

  reader = reader_for (csv->str, csv->len, &error);
  g_assert_no_error (error);
  g_assert_false (stead_csv_reader_get_is_windows_1252 (reader));
  rows = dump (reader, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (rows, "|abcé|z@"));
  g_assert_nonnull (strstr (rows, "\nlast|row@"));
}

/* A UTF-8 file whose first read is plain ASCII and whose later rows come
 * from a Windows program: those fields are read as Windows-1252 (and
 * counted, for the warning); a field that is neither is flagged, with its
 * column, and the rows after it are read as usual. */
static void
test_bad_bytes_later (void)
{
  g_autoptr(GString) csv = g_string_new ("name,notes\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadCsvReader) reader = NULL;
  const char * const *fields;
  guint n_fields, n_rows = 0, bad = 0;
  guint64 line;

  /* UTF-8 at first, after the first read (256 KiB) bytes that are not. */
  while (csv->len < 600000)
    {
      g_string_append (csv, "name,caf\xc3\xa9\n");
      n_rows++;
    }
  g_string_append (csv, "late,Caf\xe9 \xa3" "5\n");
  g_string_append (csv, "bad,ok,\x90\n");
  g_string_append (csv, "after,Zo\xc3\xab\n");
  reader = reader_for (csv->str, csv->len, &error);
  g_assert_no_error (error);
  g_assert_false (stead_csv_reader_get_is_windows_1252 (reader));
  for (guint i = 0; i < n_rows; i++)
    {
      g_assert_true (stead_csv_reader_next_fields (reader, &fields, &n_fields, &line, NULL,
                                                   &error));
      g_assert_cmpstr (fields[1], ==, "café");
      bad += stead_csv_reader_get_undecodable (reader);
    }
  g_assert_cmpuint (bad, ==, 0);

  g_assert_true (stead_csv_reader_next_fields (reader, &fields, &n_fields, &line, NULL, &error));
  g_assert_cmpstr (fields[1], ==, "Café £5");
  g_assert_cmpuint (line, ==, n_rows + 2);
  g_assert_cmpuint (stead_csv_reader_get_undecodable (reader), ==, 0);

  /* 0x90 is undefined in Windows-1252: the third field. */
  g_assert_true (stead_csv_reader_next_fields (reader, &fields, &n_fields, &line, NULL, &error));
  g_assert_cmpuint (line, ==, n_rows + 3);
  g_assert_cmpuint (stead_csv_reader_get_undecodable (reader), ==, 3);
  g_assert_cmpstr (fields[2], ==, "\xef\xbf\xbd");

  g_assert_true (stead_csv_reader_next_fields (reader, &fields, &n_fields, &line, NULL, &error));
  g_assert_cmpstr (fields[1], ==, "Zoë");
  g_assert_cmpuint (stead_csv_reader_get_undecodable (reader), ==, 0);
  g_assert_false (stead_csv_reader_next_fields (reader, &fields, &n_fields, &line, NULL, &error));
  g_assert_no_error (error);
  /* The two fields that were not UTF-8, for the warning. */
  g_assert_cmpuint (stead_csv_reader_get_n_windows_1252_fields (reader), ==, 2);
}

/* Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined: a row
 * holding one is flagged; the others decode as iconv says they do. */
static void
test_windows_1252_undefined (void)
{
  static const guint8 undefined[] = { 0x81, 0x8d, 0x8f, 0x90, 0x9d };
  g_autoptr(GError) error = NULL;

  for (guint b = 0x80; b <= 0xff; b++)
    {
      g_autofree char *csv = g_strdup_printf ("name,notes\nCaf\xe9,x%cy\n", b);
      g_autoptr(SteadCsvReader) reader = reader_for (csv, -1, &error);
      g_autofree char *want = NULL;
      const char * const *fields;
      char byte = (char) b;
      gboolean is_undefined = memchr (undefined, b, sizeof undefined) != NULL;
      guint n_fields;

      g_assert_no_error (error);
      g_assert_true (stead_csv_reader_get_is_windows_1252 (reader));
      g_assert_true (stead_csv_reader_next_fields (reader, &fields, &n_fields, NULL, NULL,
                                                   &error));
      g_assert_cmpstr (fields[0], ==, "Café");
      want = g_convert (&byte, 1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
      g_assert_true ((want == NULL) == is_undefined);
      g_assert_cmpuint (stead_csv_reader_get_undecodable (reader), ==, is_undefined ? 2 : 0);
      if (want != NULL)
        {
          g_autofree char *cell = g_strdup_printf ("x%sy", want);

          g_assert_cmpstr (fields[1], ==, cell);
        }
    }

  /* Column names that are text in neither: the file is refused, by line. */
  {
    g_autoptr(SteadCsvReader) reader = reader_for ("na\x81me,notes\nA,b\n", -1, &error);

    g_assert_null (reader);
    g_assert_error (error, STEAD_CSV_ERROR, STEAD_CSV_ERROR_ENCODING);
    g_assert_nonnull (strstr (error->message, "partners.csv, line 1"));
  }
}

static void
test_utf16 (void)
{
  static const char *utf8 = "name,notes\r\nCafé,\"two\r\nlines\"\r\nZoë,£5\r\n";
  const char *charsets[] = { "UTF-16LE", "UTF-16BE" };
  const char *boms[] = { "\xff\xfe", "\xfe\xff" };

  for (guint c = 0; c < G_N_ELEMENTS (charsets); c++)
    {
      g_autoptr(GError) error = NULL;
      gsize len = 0;
      g_autofree char *body = g_convert (utf8, -1, charsets[c], "UTF-8", NULL, &len, &error);
      g_autoptr(GString) csv = g_string_new_len (boms[c], 2);

      g_assert_no_error (error);
      g_string_append_len (csv, body, len);
      check (csv->str, csv->len, "name|notes", "Café|two\r\nlines@2\nZoë|£5@4\n");

      /* Cut in the middle of a character: an encoding error, not garbage. */
      {
        g_autoptr(SteadCsvReader) reader = reader_for (csv->str, csv->len - 1, &error);
        g_autofree char *rows = reader != NULL ? dump (reader, &error) : NULL;

        g_assert_error (error, STEAD_CSV_ERROR, STEAD_CSV_ERROR_ENCODING);
        g_assert_nonnull (strstr (error->message, "UTF-16"));
      }
    }
}

/* Line ends before @offset, counted on the bytes: CRLF, CR and LF once each. */
static guint64
count_lines_before (const char *text,
                    gsize       offset)
{
  guint64 n = 0;

  for (gsize i = 0; i < offset; i++)
    if (text[i] == '\n' || (text[i] == '\r' && text[i + 1] != '\n'))
      n++;
  return n;
}

/* Each row's line, after quoted cells of several lines with every kind of
 * line end, is the line its first byte is on. */
static void
test_line_numbers_after_quoted_lines (void)
{
  static const char *line_ends[] = { "\r\n", "\n", "\r" };
  g_autoptr(GString) csv = g_string_new ("name,notes\r\n");
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadCsvReader) reader = NULL;
  const char * const *fields;
  guint n_fields, n = 0;
  guint64 line;

  for (guint i = 0; i < 3000; i++)
    {
      const char *end = line_ends[i % 3];
      const char *inner = line_ends[(i / 3) % 3];

      g_array_append_val (starts, csv->len);
      if (i % 4 == 0)
        g_string_append_printf (csv, "\"Row %u\",\"first%ssecond%sthird\"%s", i, inner, inner, end);
      else if (i % 4 == 1)
        g_string_append_printf (csv, "Row %u,plain%s%s", i, end, end);   /* and a blank line */
      else
        g_string_append_printf (csv, "\"Row %u\",\"%s\"%s", i, inner, end);
    }
  reader = reader_for (csv->str, csv->len, &error);
  g_assert_no_error (error);
  while (stead_csv_reader_next_fields (reader, &fields, &n_fields, &line, NULL, &error))
    {
      g_autofree char *name = g_strdup_printf ("Row %u", n);

      g_assert_cmpstr (fields[0], ==, name);
      g_assert_cmpuint (line, ==, 1 + count_lines_before (csv->str, g_array_index (starts,
                                                                                   gsize, n)));
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3000);
}

/* OWASP's CSV injection rule: a text cell a spreadsheet would run gets a
 * quote in front; numbers, and text that only looks like one, do not. */
static void
test_writer_formulas (void)
{
  static const struct { const char *cell; const char *written; } cases[] = {
    { "=1+2", "'=1+2" },
    { "+SUM(A1:A9)", "'+SUM(A1:A9)" },
    { "-2+3", "'-2+3" },
    { "@SUM(A1)", "'@SUM(A1)" },
    { "\tx", "'\tx" },
    { "\rx", "\"'\rx\"" },
    { "=HYPERLINK(\"http://example.org\",\"y\")",
      "\"'=HYPERLINK(\"\"http://example.org\"\",\"\"y\"\")\"" },
    { "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0" },
    { "+44 1632 960000", "'+44 1632 960000" },
    { "-", "'-" },
    { "-2.15", "-2.15" },
    { "+44", "+44" },
    { "-1e-05", "-1e-05" },
    { "-.5", "-.5" },
    { "a=b", "a=b" },
    { " =1", " =1" },
    { "plain", "plain" },
    { "", "" },
  };
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(SteadCsvWriter) writer = stead_csv_writer_new (out, NULL);
  g_autoptr(GString) want = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      stead_csv_writer_add (writer, cases[i].cell);
      g_string_append_printf (want, "%s%s", i > 0 ? "," : "", cases[i].written);
    }
  stead_csv_writer_add (writer, NULL);
  stead_csv_writer_add_int (writer, -5);
  stead_csv_writer_add_double (writer, -2.15, 2);
  g_string_append (want, ",,-5,-2.15\r\n");
  g_assert_true (stead_csv_writer_end_row (writer, &error));
  g_assert_true (stead_csv_writer_finish (writer, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  got = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_cmpstr (got, ==, want->str);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/csv/quotes-and-newlines", test_quotes_and_newlines);
  g_test_add_func ("/core/csv/crlf-bom-blank-lines", test_crlf_bom_blank_lines);
  g_test_add_func ("/core/csv/delimiters", test_delimiters);
  g_test_add_func ("/core/csv/windows-1252", test_windows_1252);
  g_test_add_func ("/core/csv/hxl", test_hxl);
  g_test_add_func ("/core/csv/malformed", test_malformed);
  g_test_add_func ("/core/csv/large-streaming", test_large_streaming);
  g_test_add_func ("/core/csv/utf8-across-reads", test_utf8_across_reads);
  g_test_add_func ("/core/csv/bad-bytes-later", test_bad_bytes_later);
  g_test_add_func ("/core/csv/writer-formulas", test_writer_formulas);
  g_test_add_func ("/core/csv/windows-1252-undefined", test_windows_1252_undefined);
  g_test_add_func ("/core/csv/utf16", test_utf16);
  g_test_add_func ("/core/csv/line-numbers-after-quoted-lines",
                   test_line_numbers_after_quoted_lines);

  return g_test_run ();
}
