/* import.c: import throughput
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage:
 *   import people [ROWS]          a CSV of people with postcodes (name,
 *                                 contact, postcode, a few attributes) into
 *                                 `resource`, geocoded from the directory
 *   import postcodes [FILE.csv]   the postcode directory; without a file,
 *                                 one shaped like the ONSPD (2.6 million
 *                                 rows, 53 columns, about 1.3 GB) is written
 *                                 to $TMPDIR first
 *
 * Prints one "name value unit" line per figure.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "stead.h"

static char *
postcode_at (guint i)
{
  /* AA0 0AA style, distinct for i < 26*26*100*10*26*26 */
  return g_strdup_printf ("%c%c%u %u%c%c", 'A' + (i / 676000) % 26, 'A' + (i / 26000) % 26,
                          (i / 2600) % 10 + 1, (i / 676) % 10, 'A' + (i / 26) % 26, 'A' + i % 26);
}

/* ONSPD column names (2025), 53 of them. */
static const char *onspd_header = "pcd7,pcd8,pcds,dointr,doterm,usrtypind,east1m,north1m,gridind,"
                                  "oa21cd,cty25cd,ced25cd,lad25cd,wd25cd,"
                                  "nhser24cd,ctry25cd,rgn25cd,pcon24cd,ttwa15cd,itl25cd,npark16cd,"
                                  "lsoa21cd,msoa21cd,wz11cd,sicbl24cd,"
                                  "bua24cd,ruc21ind,oac11ind,lat,long,lep21cd1,lep21cd2,pfa23cd,"
                                  "imd20ind,calncv,icb23cd,oa11cd,lsoa11cd,"
                                  "msoa11cd,ccg19cd,ru11ind,oac01ind,ur01ind,bua11cd,buasd11cd,"
                                  "teclec,pct,nuts,casward,ward98,oa01,hro,sh10\n";

static gboolean
write_directory (const char  *path,
                 guint        rows,
                 GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GString) out = g_string_new (onspd_header);
  g_autoptr(GRand) rng = g_rand_new_with_seed (7);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    return FALSE;
  for (guint i = 0; i < rows; i++)
    {
      g_autofree char *pc = postcode_at (i);
      g_autofree char *pc7 = g_strdup (pc);
      gboolean terminated = g_rand_int_range (rng, 0, 100) < 30;
      double lat = 50.0 + g_rand_double (rng) * 8.5;
      double lon = -6.0 + g_rand_double (rng) * 7.5;
      char lat_s[G_ASCII_DTOSTR_BUF_SIZE], lon_s[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (lat_s, sizeof lat_s, "%.6f", lat);
      g_ascii_formatd (lon_s, sizeof lon_s, "%.6f", lon);
      g_string_append_printf (
        out,
        "\"%s\",\"%s\",\"%s\",\"198001\",\"%s\",\"0\",\"%06u\",\"%07u\",\"1\",\"E00%06u\","
        "\"E10000013\",\"E58000555\",\"E07000083\",\"E05010700\",\"E40000006\",\"E92000001\","
        "\"E12000009\",\"E14001535\",\"E30000199\",\"E06000052\",\"E26000001\",\"E01022%03u\","
        "\"E02004%03u\",\"E33024%03u\",\"E38000062\",\"E63012345\",\"C1\",\"4B2\",%s,%s,"
        "\"E37000043\",\"\",\"E23000035\",\"12345\",\"E56000025\",\"E54000042\",\"E00112233\","
        "\"E01022333\",\"E02004444\",\"E38000062\",\"C1\",\"4B\",\"1\",\"E34004444\",\"\","
        "\"E24000006\",\"5QN\",\"E05010700\",\"00AA\",\"00AA\",\"00AA\",\"E19000003\","
        "\"E20000123\"\n",
        pc7, pc, pc, terminated ? "200901" : "", g_rand_int_range (rng, 100000, 650000),
        g_rand_int_range (rng, 10000, 1200000), i % 1000000, i % 1000, i % 1000, i % 1000, lat_s,
        lon_s);
      if (out->len > 1 << 20)
        {
          if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), out->str, out->len, NULL, NULL,
                                          error))
            return FALSE;
          g_string_truncate (out, 0);
        }
    }
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), out->str, out->len, NULL, NULL, error))
    return FALSE;
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

static SteadImporter *
find (GPtrArray  *importers,
      const char *id)
{
  return stead_import_find_importer (importers, id, NULL, NULL);
}

static int
bench_postcodes (const char *given)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-bench-XXXXXX", NULL);
  g_autofree char *ws_path = g_build_filename (dir, "ws.gpkg", NULL);
  g_autofree char *csv = given ? g_strdup (given) : g_build_filename (dir, "onspd.csv", NULL);
  g_autoptr(GPtrArray) importers = stead_import_list_importers (NULL);
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(GRand) rng = g_rand_new_with_seed (3);
  SteadImportOptions options = { 0 };
  GStatBuf st;
  gint64 t0;
  double seconds;
  guint found = 0;
  const guint lookups = 100000;

  if (given == NULL && !write_directory (csv, 2600000, &error))
    {
      g_printerr ("import: %s\n", error->message);
      return 1;
    }
  g_stat (csv, &st);

  ws = stead_workspace_create (ws_path, "Bench", NULL, &error);
  g_assert_no_error (error);

  t0 = g_get_monotonic_time ();
  if (!stead_import_run (ws, find (importers, "postcodes"), file, &options, NULL, NULL, NULL,
                         &result, &error))
    {
      g_printerr ("import: %s\n", error->message);
      return 1;
    }
  seconds = (g_get_monotonic_time () - t0) / 1e6;
  printf ("postcodes_rows_read %llu rows\n",
          (unsigned long long) (result->added + result->skipped));
  printf ("postcodes_live_imported %llu rows\n", (unsigned long long) result->added);
  printf ("postcodes_file_size %.0f MB\n", st.st_size / 1e6);
  printf ("postcodes_import %.2f s\n", seconds);
  printf ("postcodes_throughput %.0f MB/s\n", st.st_size / 1e6 / seconds);

  t0 = g_get_monotonic_time ();
  {
    g_autoptr(sqlite3_stmt) stmt =
      stead_workspace_prepare (ws, "SELECT lon, lat FROM stead_postcode WHERE postcode = ?", NULL);

    for (guint i = 0; i < lookups; i++)
      {
        g_autofree char *pc = postcode_at (g_rand_int_range (rng, 0, 2600000));
        g_autofree char *key = stead_postcode_normalize (pc);

        sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
        if (sqlite3_step (stmt) == SQLITE_ROW)
          found++;
        sqlite3_reset (stmt);
      }
  }
  printf ("postcode_lookup %.2f us\n", (g_get_monotonic_time () - t0) / (double) lookups);
  printf ("postcode_lookups_found %u of %u\n", found, lookups);

  stead_workspace_close (ws);
  g_unlink (ws_path);
  {
    g_autofree char *wal = g_strconcat (ws_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (ws_path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  if (given == NULL)
    g_unlink (csv);
  g_rmdir (dir);
  return 0;
}

static int
bench_people (guint rows)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-bench-XXXXXX", NULL);
  g_autofree char *ws_path = g_build_filename (dir, "ws.gpkg", NULL);
  g_autofree char *dir_csv = g_build_filename (dir, "postcodes.csv", NULL);
  g_autofree char *people_csv = g_build_filename (dir, "people.csv", NULL);
  g_autoptr(GPtrArray) importers = stead_import_list_importers (NULL);
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("pcds,doterm,lat,long\n");
  g_autoptr(GRand) rng = g_rand_new_with_seed (5);
  g_autoptr(GHashTable) opts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GFile) people_file = NULL;
  g_autoptr(GFile) dir_file = NULL;
  SteadImportOptions options = { .options = opts };
  const guint n_postcodes = 30000;
  gint64 t0;

  /* An area's directory: 30,000 postcodes. */
  for (guint i = 0; i < n_postcodes; i++)
    {
      g_autofree char *pc = postcode_at (i * 37);

      g_string_append_printf (csv, "%s,,%.6f,%.6f\n", pc, 51.9 + g_rand_double (rng) * 0.2,
                              -2.3 + g_rand_double (rng) * 0.3);
    }
  g_file_set_contents (dir_csv, csv->str, csv->len, &error);
  g_assert_no_error (error);

  g_string_assign (csv, "name,contact,postcode,vehicle,first_aid,languages\n");
  for (guint i = 0; i < rows; i++)
    {
      g_autofree char *pc = postcode_at (g_rand_int_range (rng, 0, n_postcodes) * 37);

      g_string_append_printf (csv, "Volunteer %u,07700 %06u,%s,%s,%s,\"English, Polish\"\n", i,
                              g_rand_int_range (rng, 0, 999999), pc,
                              g_rand_boolean (rng) ? "yes" : "no",
                              g_rand_boolean (rng) ? "yes" : "no");
    }
  g_file_set_contents (people_csv, csv->str, csv->len, &error);
  g_assert_no_error (error);

  ws = stead_workspace_create (ws_path, "Bench", NULL, &error);
  g_assert_no_error (error);
  dir_file = g_file_new_for_path (dir_csv);
  if (!stead_import_run (ws, find (importers, "postcodes"), dir_file, &options, NULL, NULL, NULL,
                         NULL, &error))
    {
      g_printerr ("import: %s\n", error->message);
      return 1;
    }

  g_hash_table_insert (opts, "kind", "volunteers");
  options.map = "title=name";
  people_file = g_file_new_for_path (people_csv);

  options.dry_run = TRUE;
  t0 = g_get_monotonic_time ();
  if (!stead_import_run (ws, find (importers, "resources-csv"), people_file, &options, NULL, NULL,
                         NULL, &result, &error))
    {
      g_printerr ("import: %s\n", error->message);
      return 1;
    }
  printf ("people_dry_run %.3f s\n", (g_get_monotonic_time () - t0) / 1e6);
  g_clear_pointer (&result, stead_import_result_free);

  options.dry_run = FALSE;
  t0 = g_get_monotonic_time ();
  if (!stead_import_run (ws, find (importers, "resources-csv"), people_file, &options, NULL, NULL,
                         NULL, &result, &error))
    {
      g_printerr ("import: %s\n", error->message);
      return 1;
    }
  printf ("people_rows %llu rows\n", (unsigned long long) result->added);
  printf ("people_import %.3f s\n", (g_get_monotonic_time () - t0) / 1e6);

  stead_workspace_close (ws);
  g_unlink (ws_path);
  g_unlink (dir_csv);
  g_unlink (people_csv);
  {
    g_autofree char *wal = g_strconcat (ws_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (ws_path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc >= 2 && g_str_equal (argv[1], "postcodes"))
    return bench_postcodes (argc > 2 ? argv[2] : NULL);
  if (argc >= 2 && g_str_equal (argv[1], "people"))
    return bench_people (argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 100000);
  g_printerr ("Usage: import people [ROWS] | import postcodes [FILE.csv]\n");
  return 2;
}
