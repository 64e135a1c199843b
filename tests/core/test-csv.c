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

static void
test_bad_bytes_later (void)
{
  g_autoptr(GString) csv = g_string_new ("name,notes\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadCsvReader) reader = NULL;
  g_autofree char *rows = NULL;

  guint n_rows = 0;

  /* UTF-8 at first, then a byte that is not, after the first read
   * (the reader reads 256 KiB at a time). */
  while (csv->len < 600000)
    {
      g_string_append (csv, "name,caf\xc3\xa9\n");
      n_rows++;
    }
  g_string_append (csv, "bad,\xff\xfe\n");
  reader = reader_for (csv->str, csv->len, &error);
  g_assert_no_error (error);
  rows = dump (reader, &error);
  g_assert_error (error, STEAD_CSV_ERROR, STEAD_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "partners.csv"));
  /* The line of the bad bytes, not of the read they came in. */
  {
    g_autofree char *line = g_strdup_printf ("line %u:", n_rows + 2);

    g_assert_nonnull (strstr (error->message, line));
  }
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

  return g_test_run ();
}
