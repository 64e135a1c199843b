/* import.c: import throughput
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage:
 *   import people [ROWS]          a CSV of people with postcodes (name,
 *                                 contact, postcode, a few attributes) into
 *                                 `resource`, geocoded from the directory
 *   import postcodes [ROWS [RUNS]]
 *                                 the postcode directory: two extracts
 *                                 shaped like the ONSPD (ROWS, by default
 *                                 2.6 million, 53 columns, about 1.3 GB;
 *                                 and a year on, with 1% of the live
 *                                 postcodes terminated, 2% moved and 2%
 *                                 more) are written to $TMPDIR; then, RUNS
 *                                 times (3), side by side: the sqlite3
 *                                 shell's .import of the first into a new
 *                                 database, Stead's import of it into an
 *                                 empty directory, and the merge of the
 *                                 newer one into that full directory.
 *                                 Medians, and how many times faster than
 *                                 the shell Stead is.
 *   import households [ROWS]      a Priority Services Register extract of
 *                                 ROWS households (200,000) at the demo's
 *                                 real postcodes, with every plugin on
 *                                 STEAD_PLUGIN_PATH: geocoded, each in its
 *                                 ward, their needs published
 *   import volunteers [ROWS]      a register of ROWS volunteers (100,000)
 *                                 at the demo's real postcodes, with two
 *                                 skills each, by the volunteers plugin
 *
 * Prints one "name value unit" line per figure.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "stead.h"

#include "bench-util.h"

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

/* A well-mixed 64-bit hash (splitmix64's finaliser), so that both
 * extracts agree on every postcode they do not change. */
static guint64
bench_mix (guint64 x)
{
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

/* A number in [0, 1) that belongs to row @i and what it is for, @salt. */
static double
bench_unit (guint i,
            guint salt)
{
  return (bench_mix ((guint64) i * 16 + salt) >> 11) * (1.0 / 9007199254740992.0);
}

typedef enum
{
  EXTRACT_FIRST,   /* @rows postcodes, 30% of them terminated */
  EXTRACT_NEWER,   /* a year on: 1% of the live ones terminated since, 2% moved, 2% new */
} Extract;

/* The directory as the ONS would publish it: @rows postcodes (2% more in
 * the newer extract), 53 columns. */
static gboolean
write_directory (const char  *path,
                 guint        rows,
                 Extract      extract,
                 GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GString) out = g_string_new (onspd_header);
  guint total = extract == EXTRACT_NEWER ? rows + rows / 50 : rows;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    return FALSE;
  for (guint i = 0; i < total; i++)
    {
      g_autofree char *pc = postcode_at (i);
      g_autofree char *pc7 = g_strdup (pc);
      gboolean terminated = i < rows && bench_unit (i, 0) < 0.30;
      gboolean moved = FALSE;
      double lat, lon;
      char lat_s[G_ASCII_DTOSTR_BUF_SIZE], lon_s[G_ASCII_DTOSTR_BUF_SIZE];

      if (extract == EXTRACT_NEWER && i < rows && !terminated)
        {
          terminated = bench_unit (i, 1) < 0.01;
          moved = !terminated && bench_unit (i, 2) < 0.02;
        }
      lat = 50.0 + bench_unit (i, moved ? 5 : 3) * 8.5;
      lon = -6.0 + bench_unit (i, moved ? 6 : 4) * 7.5;
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
        pc7, pc, pc, terminated ? "200901" : "", 100000 + (guint) (bench_unit (i, 7) * 550000),
        10000 + (guint) (bench_unit (i, 8) * 1190000), i % 1000000, i % 1000, i % 1000, i % 1000,
        lat_s, lon_s);
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

/* Seconds the sqlite3 shell takes to `.import` @csv into a new database
 * in @dir, as someone without Stead would load the directory; < 0 if it
 * failed. */
static double
bench_sqlite3_import (const char  *sqlite3,
                      const char  *dir,
                      const char  *csv,
                      GError     **error)
{
  g_autofree char *db = g_build_filename (dir, "shell.db", NULL);
  g_autofree char *command = g_strdup_printf (".import --csv \"%s\" onspd", csv);
  const char *argv[] = { sqlite3, db, command, NULL };
  g_autofree char *err = NULL;
  gint64 t0 = g_get_monotonic_time ();
  double seconds;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                     &err, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return -1;
  seconds = (g_get_monotonic_time () - t0) / 1e6;
  g_unlink (db);
  if (err != NULL && err[0] != '\0')
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "sqlite3: %s", err);
      return -1;
    }
  return seconds;
}

/* Seconds stead_import_run() takes to import @csv into the directory of
 * @ws (merging, as it does by default); < 0 if it failed. */
static double
bench_import_directory (SteadWorkspace     *ws,
                        SteadImporter      *importer,
                        const char         *csv,
                        SteadImportResult **result,
                        GError            **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  SteadImportOptions options = { 0 };
  gint64 t0 = g_get_monotonic_time ();

  if (!stead_import_run (ws, importer, file, &options, NULL, NULL, NULL, result, error))
    return -1;
  return (g_get_monotonic_time () - t0) / 1e6;
}

/* The median of @runs timings in @times, with its name. */
static double
bench_print_median (const char *name,
                    GArray     *times)
{
  double median = bench_percentile (times, 0.5);

  printf ("%s %.2f s\n", name, median);
  return median;
}

static int
bench_postcodes (guint rows,
                 guint runs)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-bench-XXXXXX", NULL);
  g_autofree char *ws_path = g_build_filename (dir, "ws.gpkg", NULL);
  g_autofree char *first = g_build_filename (dir, "onspd-first.csv", NULL);
  g_autofree char *newer = g_build_filename (dir, "onspd-newer.csv", NULL);
  g_autofree char *sqlite3 = g_find_program_in_path ("sqlite3");
  g_autoptr(GPtrArray) importers = stead_import_list_importers (NULL);
  SteadImporter *importer = find (importers, "postcodes");
  g_autoptr(GArray) shell_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) first_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) merge_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rng = g_rand_new_with_seed (3);
  double shell, first_s, merge_s;
  GStatBuf st;
  gint64 t0;
  guint found = 0;
  const guint lookups = 100000;

  if (sqlite3 == NULL)
    {
      g_printerr ("import: the sqlite3 shell is not installed (build-aux/deps.txt)\n");
      return 1;
    }
  if (!write_directory (first, rows, EXTRACT_FIRST, &error) ||
      !write_directory (newer, rows, EXTRACT_NEWER, &error))
    {
      g_printerr ("import: %s\n", error->message);
      return 1;
    }
  g_stat (first, &st);

  /* Side by side, each run: the shell's .import, then Stead's first
   * import into an empty directory and the merge of the newer extract
   * into the full one. */
  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(SteadWorkspace) ws = NULL;
      g_autoptr(SteadImportResult) first_result = NULL;
      g_autoptr(SteadImportResult) merge_result = NULL;
      double seconds;

      seconds = bench_sqlite3_import (sqlite3, dir, first, &error);
      if (seconds < 0)
        {
          g_printerr ("import: %s\n", error->message);
          return 1;
        }
      g_array_append_val (shell_times, seconds);

      ws = stead_workspace_create (ws_path, "Bench", NULL, &error);
      g_assert_no_error (error);
      seconds = bench_import_directory (ws, importer, first, &first_result, &error);
      if (seconds < 0)
        {
          g_printerr ("import: %s\n", error->message);
          return 1;
        }
      g_array_append_val (first_times, seconds);
      seconds = bench_import_directory (ws, importer, newer, &merge_result, &error);
      if (seconds < 0)
        {
          g_printerr ("import: %s\n", error->message);
          return 1;
        }
      g_array_append_val (merge_times, seconds);

      if (run + 1 == runs)
        {
          g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
            ws, "SELECT lon, lat FROM stead_postcode WHERE postcode = ?", NULL);

          printf ("postcodes_rows_read %llu rows\n",
                  (unsigned long long) (first_result->added + first_result->skipped));
          printf ("postcodes_live_imported %llu rows\n", (unsigned long long) first_result->added);
          printf ("postcodes_merge_added %llu rows\n", (unsigned long long) merge_result->added);
          printf ("postcodes_merge_updated %llu rows\n",
                  (unsigned long long) merge_result->updated);
          printf ("postcodes_merge_removed %llu rows\n",
                  (unsigned long long) merge_result->removed);
          t0 = g_get_monotonic_time ();
          for (guint i = 0; i < lookups; i++)
            {
              g_autofree char *pc = postcode_at (g_rand_int_range (rng, 0, rows));
              g_autofree char *key = stead_postcode_normalize (pc);

              sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
              if (sqlite3_step (stmt) == SQLITE_ROW)
                found++;
              sqlite3_reset (stmt);
            }
          printf ("postcode_lookup %.2f us\n", (g_get_monotonic_time () - t0) / (double) lookups);
          printf ("postcode_lookups_found %u of %u\n", found, lookups);
        }
      stead_workspace_close (ws);
      g_clear_object (&ws);
      bench_remove_workspace_files (ws_path);
    }

  printf ("postcodes_file_size %.0f MB\n", st.st_size / 1e6);
  printf ("postcodes_runs %u runs\n", runs);
  shell = bench_print_median ("postcodes_sqlite3_import", shell_times);
  first_s = bench_print_median ("postcodes_import", first_times);
  merge_s = bench_print_median ("postcodes_merge", merge_times);
  printf ("postcodes_throughput %.0f MB/s\n", st.st_size / 1e6 / first_s);
  printf ("postcodes_import_vs_sqlite3 %.1f x\n", shell / first_s);
  printf ("postcodes_merge_vs_sqlite3 %.1f x\n", shell / merge_s);

  g_unlink (first);
  g_unlink (newer);
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
  g_unlink (dir_csv);
  g_unlink (people_csv);
  bench_remove_workspace (dir, ws_path);
  return 0;
}

/* Seconds of CPU this process has used: on a machine others share, the
 * figure the wall clock blurs. */
static double
bench_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
         usage.ru_stime.tv_usec / 1e6;
}

static int
bench_households (guint rows)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-bench-XXXXXX", NULL);
  g_autofree char *ws_path = g_build_filename (dir, "ws.gpkg", NULL);
  g_autofree char *psr_csv = g_build_filename (dir, "psr.csv", NULL);
  g_autoptr(SteadPluginEngine) engine = NULL;
  g_autoptr(GPtrArray) importers = NULL;
  g_autoptr(GPtrArray) postcodes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new (
    "Customer Reference,Postcode,UPRN,Needs Codes,Customer Name,Telephone,Address Line 1\n");
  g_autoptr(GRand) rng = g_rand_new_with_seed (5);
  g_autoptr(GHashTable) opts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GFile) psr_file = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_months (now, 3);
  g_autofree char *retention = g_date_time_format (later, "%Y-%m-%d");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  static const char *codes[] = { "14", "14;22", "22 26", "15", "20;14", "8", "37", "3;12" };
  SteadImportOptions options = { .options = opts };
  SteadImporter *psr;
  double cpu0;
  gint64 t0;

  /* No settings: every plugin found is loaded, as in a bare build tree;
   * the demo gives the real directory, the wards and an agreement. */
  engine = stead_plugin_engine_new (NULL);
  stead_plugin_engine_load_enabled (engine);
  importers = stead_import_list_importers (engine);
  psr = find (importers, "groups-psr-csv");
  if (psr == NULL)
    {
      g_printerr ("import: no groups-psr-csv importer: set STEAD_PLUGIN_PATH\n");
      return 1;
    }
  ws = stead_workspace_create (ws_path, "Bench", engine, &error);
  if (ws == NULL || !stead_demo_populate (ws, 1, 5, &error))
    {
      g_printerr ("import: %s\n", error->message);
      return 1;
    }
  stmt = stead_workspace_prepare (ws, "SELECT postcode FROM stead_postcode", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (postcodes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint i = 0; i < rows; i++)
    g_string_append_printf (csv, "BENCH-%07u,%s,,%s,Bench Householder %u,01632 960%03u,"
                            "%u Bench Street\n",
                            i, (char *) g_ptr_array_index (postcodes, g_rand_int_range (
                                                             rng, 0, postcodes->len)),
                            codes[g_rand_int_range (rng, 0, G_N_ELEMENTS (codes))], i, i % 1000,
                            i % 200 + 1);
  g_file_set_contents (psr_csv, csv->str, csv->len, &error);
  g_assert_no_error (error);
  psr_file = g_file_new_for_path (psr_csv);

  g_hash_table_insert (opts, "list", "Bench PSR");
  g_hash_table_insert (opts, "agreement", "Priority Services Register data sharing (demo)");
  g_hash_table_insert (opts, "lawful-basis", "public-task");
  g_hash_table_insert (opts, "retention", retention);

  options.dry_run = TRUE;
  t0 = g_get_monotonic_time ();
  if (!stead_import_run (ws, psr, psr_file, &options, NULL, NULL, NULL, &result, &error))
    {
      g_printerr ("import: %s\n", error->message);
      return 1;
    }
  printf ("households_dry_run %.3f s\n", (g_get_monotonic_time () - t0) / 1e6);
  g_clear_pointer (&result, stead_import_result_free);

  options.dry_run = FALSE;
  t0 = g_get_monotonic_time ();
  cpu0 = bench_cpu_seconds ();
  if (!stead_import_run (ws, psr, psr_file, &options, NULL, NULL, NULL, &result, &error))
    {
      g_printerr ("import: %s\n", error->message);
      return 1;
    }
  printf ("households_rows %llu rows\n", (unsigned long long) result->added);
  printf ("households_import %.3f s\n", (g_get_monotonic_time () - t0) / 1e6);
  printf ("households_import_cpu %.3f s\n", bench_cpu_seconds () - cpu0);
  printf ("households_needs %lld rows\n",
          (long long) stead_workspace_query_int64 (
            ws, "SELECT count (*) FROM need WHERE owner = 'groups' AND owner_ref IN "
            "(SELECT fid FROM groups_household WHERE reference LIKE 'BENCH-%')", NULL, 0));

  stead_workspace_close (ws);
  g_unlink (psr_csv);
  bench_remove_workspace (dir, ws_path);
  return 0;
}

/* The volunteers' register: rows as a volunteer centre's spreadsheet
 * gives them (its own headings), at real postcodes, skills by label. */
static int
bench_volunteers (guint rows)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ws.gpkg", NULL);
  g_autofree char *register_csv = g_build_filename (dir, "register.csv", NULL);
  g_autoptr(SteadPluginEngine) engine = stead_plugin_engine_new (NULL);
  g_autoptr(GPtrArray) importers = NULL;
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(sqlite3_stmt) places = NULL;
  g_autoptr(GPtrArray) postcodes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new ("Full name,Mobile,Post code,Skills,Travel radius,"
                                          "DBS,Status\n");
  static const char *skills[] = { "first-aid; driving", "Befriending / check in and chat",
                                  "delivery, catering", "sandbagging; clean-up", "radio" };
  static const char *checks[] = { "none", "Basic", "enhanced", "" };
  SteadImportOptions options = { 0 };
  SteadImporter *importer;
  double cpu0;
  gint64 t0;

  stead_plugin_engine_load_enabled (engine);
  importers = stead_import_list_importers (engine);
  importer = find (importers, "volunteers-csv");
  if (importer == NULL)
    {
      g_printerr ("import: no volunteers-csv importer: set STEAD_PLUGIN_PATH\n");
      return 1;
    }
  ws = stead_workspace_create (path, "Bench", engine, &error);
  if (ws == NULL || !stead_demo_populate (ws, 1, 5, &error))
    {
      g_printerr ("import: %s\n", error->message);
      return 1;
    }
  places = stead_workspace_prepare (ws, "SELECT postcode FROM stead_postcode ORDER BY 1",
                                    &error);
  g_assert_no_error (error);
  while (sqlite3_step (places) == SQLITE_ROW)
    g_ptr_array_add (postcodes, g_strdup ((const char *) sqlite3_column_text (places, 0)));
  for (guint i = 0; i < rows; i++)
    g_string_append_printf (text, "Bench Volunteer %u,07700 9%05u,%s,\"%s\",%u,%s,active\n", i,
                            i % 100000, (char *) g_ptr_array_index (postcodes,
                                                                    (i * 7919u) % postcodes->len),
                            skills[i % G_N_ELEMENTS (skills)], 2 + i % 14,
                            checks[i % G_N_ELEMENTS (checks)]);
  if (!g_file_set_contents (register_csv, text->str, text->len, &error))
    {
      g_printerr ("import: %s\n", error->message);
      return 1;
    }
  file = g_file_new_for_path (register_csv);

  t0 = g_get_monotonic_time ();
  cpu0 = bench_cpu_seconds ();
  if (!stead_import_run (ws, importer, file, &options, NULL, NULL, NULL, &result, &error) ||
      !result->committed)
    {
      g_printerr ("import: %s\n", error != NULL ? error->message : "not committed");
      return 1;
    }
  printf ("volunteers_rows %llu rows\n", (unsigned long long) result->added);
  printf ("volunteers_import %.3f s\n", (g_get_monotonic_time () - t0) / 1e6);
  printf ("volunteers_import_cpu %.3f s\n", bench_cpu_seconds () - cpu0);
  printf ("volunteers_skills %lld rows\n",
          (long long) stead_workspace_query_int64 (ws, "SELECT count (*) FROM volunteers_skill",
                                                   NULL, 0));

  g_clear_pointer (&places, sqlite3_finalize);
  stead_workspace_close (ws);
  g_unlink (register_csv);
  bench_remove_workspace (dir, path);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc >= 2 && g_str_equal (argv[1], "postcodes"))
    return bench_postcodes (argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 2600000,
                            argc > 3 ? (guint) g_ascii_strtoull (argv[3], NULL, 10) : 3);
  if (argc >= 2 && g_str_equal (argv[1], "people"))
    return bench_people (argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 100000);
  if (argc >= 2 && g_str_equal (argv[1], "households"))
    return bench_households (argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 200000);
  if (argc >= 2 && g_str_equal (argv[1], "volunteers"))
    return bench_volunteers (argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 100000);
  g_printerr ("Usage: import people [ROWS] | import postcodes [ROWS [RUNS]] | "
              "import households [ROWS] | import volunteers [ROWS]\n");
  return 2;
}
