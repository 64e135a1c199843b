/* csv-read.c: CSV reading throughput
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: csv-read [FILE.csv]. Without a file, reads 1,000,000 generated
 * rows of people with postcodes (about 90 MB) from memory. Prints one
 * "name value unit" line per figure.
 */

#include "config.h"

#include <stdio.h>

#include "stead.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(SteadCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint64 rows = 0, size = 0;
  gint64 t0;
  double seconds;

  if (argc > 1)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[1]);
      g_autoptr(GFileInfo) info =
        g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, &error);

      if (info == NULL || !(stream = G_INPUT_STREAM (g_file_read (file, NULL, &error))))
        {
          g_printerr ("csv-read: %s\n", error->message);
          return 1;
        }
      size = g_file_info_get_size (info);
    }
  else
    {
      g_autoptr(GString) csv = g_string_new ("name,phone,postcode,needs,notes\n");
      g_autoptr(GRand) rng = g_rand_new_with_seed (1);
      GBytes *bytes;

      for (guint i = 0; i < 1000000; i++)
        g_string_append_printf (
          csv, "Resident %u,01684 %06u,GL20 %u%c%c,%u,\"Lives alone, ground floor\"\n", i,
          g_rand_int_range (rng, 0, 999999), g_rand_int_range (rng, 1, 9),
          'A' + g_rand_int_range (rng, 0, 26), 'A' + g_rand_int_range (rng, 0, 26),
          g_rand_int_range (rng, 1, 4));
      size = csv->len;
      bytes = g_string_free_to_bytes (g_steal_pointer (&csv));
      stream = g_memory_input_stream_new_from_bytes (bytes);
      g_bytes_unref (bytes);
    }

  t0 = g_get_monotonic_time ();
  reader = stead_csv_reader_new (stream, argc > 1 ? argv[1] : "generated.csv");
  if (!stead_csv_reader_read_header (reader, NULL, &error))
    {
      g_printerr ("csv-read: %s\n", error->message);
      return 1;
    }
  /* The importers' path: fields borrowed, no copy per row. */
  {
    const char * const *fields;
    guint n_fields;

    while (stead_csv_reader_next_fields (reader, &fields, &n_fields, NULL, NULL, &error))
      rows++;
  }
  if (error != NULL)
    {
      g_printerr ("csv-read: %s\n", error->message);
      return 1;
    }
  seconds = (g_get_monotonic_time () - t0) / 1e6;

  printf ("csv_rows %" G_GUINT64_FORMAT " count\n", rows);
  printf ("csv_size %.1f MB\n", size / 1e6);
  printf ("csv_read_time %.1f ms\n", seconds * 1000);
  printf ("csv_throughput %.1f MB/s\n", size / 1e6 / seconds);
  return 0;
}
