/* fuzz-csv.c: the CSV reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "stead.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(SteadCsvReader) reader = stead_csv_reader_new (stream, "fuzz.csv");
  GPtrArray *row = NULL;
  guint64 line = 0, last = 0;

  if (!stead_csv_reader_read_header (reader, NULL, NULL))
    return 0;
  g_assert_nonnull (stead_csv_reader_get_header (reader));
  while (stead_csv_reader_next (reader, &row, &line, NULL, NULL))
    {
      /* Every field is UTF-8 and lines only go forward. */
      for (guint i = 0; i < row->len; i++)
        g_assert_true (g_utf8_validate (g_ptr_array_index (row, i), -1, NULL));
      g_assert_cmpuint (line, >=, last);
      last = line;
      g_ptr_array_unref (row);
    }
  return 0;
}
