/* need-trends.c: need over time, 1,000,000 needs over a year (issue #16: ≤ 300 ms)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: need-trends [--needs N] [--runs R] [--keep PATH] [--measure PATH].
 * Makes the demo's areas in a
 * temporary workspace and N needs (1,000,000) over the year to 1
 * December 2026 around the demo's places, then runs itself again on that
 * file (so that the peak memory is the aggregation's, not the build's)
 * to aggregate every view (weekly volume, backlog, resolution times, per
 * ward and kind, hour × weekday, target groups, and a baseline against
 * an incident) R times (5). Prints one "name value unit" line per
 * figure: the median and best times, peak RSS and the counts.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <sys/resource.h>

#include "stead.h"

#include "bench-util.h"

#define YEAR_START 1764547200   /* 1 December 2025 00:00 UTC */
#define DAY        86400

static const char *kinds[] = {
  "welfare-check", "food", "medication", "transport", "heating", "power-dependent",
  "information", "emotional-support", "water", "shelter", "evacuation", "clean-up",
};

static gboolean
need_trends_bench_build (const char  *path,
                         guint        n,
                         GError     **error)
{
  g_autoptr(SteadWorkspace) ws = stead_workspace_create (path, "Bench", NULL, error);
  SteadTransaction *txn = NULL;
  g_autoptr(SteadBulkIndex) bulk = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rng = g_rand_new_with_seed (16);
  gint64 fid;

  if (ws == NULL || !stead_demo_populate (ws, 2000, 16, error))
    return FALSE;
  {
    g_autoptr(sqlite3_stmt) stmt =
      stead_workspace_prepare (ws, "SELECT ST_MinX (geom), ST_MinY (geom) FROM need", error);

    if (stmt == NULL)
      return FALSE;
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        double xy[2] = { sqlite3_column_double (stmt, 0), sqlite3_column_double (stmt, 1) };

        g_array_append_vals (places, xy, 2);
      }
  }
  /* A failure below leaves the scratch file to be removed: no rollback. */
  txn = stead_workspace_begin (ws, "core", "Bench needs", error);
  if (txn == NULL || stead_transaction_run (txn, "DELETE FROM need", NULL, 0, error) < 0 ||
      (bulk = stead_bulk_index_begin (txn, "need", error)) == NULL)
    return FALSE;
  insert = stead_transaction_prepare (txn,
                                      "INSERT INTO need (geom, kind, status, opened, closed) "
                                      "VALUES (?, ?, ?, ?, ?) RETURNING fid",
                                      error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      guint p = g_rand_int_range (rng, 0, places->len / 2);
      double x = g_array_index (places, double, 2 * p) + g_rand_double_range (rng, -2e-4, 2e-4);
      double y = g_array_index (places, double, 2 * p + 1) + g_rand_double_range (rng, -2e-4, 2e-4);
      g_autoptr(SteadGeometry) point = stead_geometry_new_point (x, y);
      g_autoptr(GBytes) blob = stead_geometry_to_gpkg (point, STEAD_SRS_WGS84);
      gint64 opened = YEAR_START + (gint64) g_rand_int_range (rng, 0, 365 * DAY);
      double hours = exp (log (36.0) + 1.1 * g_rand_double_range (rng, -2, 2));
      gint64 closed = opened + (gint64) (hours * 3600);
      g_autoptr(GDateTime) o = g_date_time_new_from_unix_utc (opened);
      g_autoptr(GDateTime) c = g_date_time_new_from_unix_utc (closed);
      g_autofree char *os = g_date_time_format (o, "%Y-%m-%dT%H:%M:%S.000Z");
      g_autofree char *cs = closed < YEAR_START + 365 * DAY 
                                ? g_date_time_format (c, "%Y-%m-%dT%H:%M:%S.000Z") : NULL;

      sqlite3_bind_blob (insert, 1, g_bytes_get_data (blob, NULL), (int) g_bytes_get_size (blob),
                         SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 2, kinds[g_rand_int_range (rng, 0, G_N_ELEMENTS (kinds))], -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, cs != NULL ? "closed" : "open", -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, os, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 5, cs, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (insert) != SQLITE_ROW)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "insert: %s",
                       sqlite3_errmsg (sqlite3_db_handle (insert)));
          return FALSE;
        }
      fid = sqlite3_column_int64 (insert, 0);
      sqlite3_reset (insert);
      stead_bulk_index_add (bulk, fid, x, y);
    }
  g_clear_pointer (&insert, sqlite3_finalize);
  if (!stead_bulk_index_finish (bulk, error))
    return FALSE;
  g_clear_pointer (&bulk, stead_bulk_index_free);
  if (!stead_transaction_commit (g_steal_pointer (&txn), error))
    return FALSE;
  stead_workspace_close (ws);
  return TRUE;
}

static double
need_trends_bench_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

static int
need_trends_bench_measure (const char *path,
                           guint       runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadWorkspace) ws =
    stead_workspace_open_full (path, NULL, STEAD_WORKSPACE_OPEN_READ_ONLY, &error);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/London");
  g_autoptr(GDateTime) from = g_date_time_new (tz, 2025, 12, 1, 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_new (tz, 2026, 12, 1, 0, 0, 0);
  g_autoptr(GDateTime) b0 = g_date_time_new (tz, 2025, 12, 1, 0, 0, 0);
  g_autoptr(GDateTime) b1 = g_date_time_new (tz, 2026, 6, 1, 0, 0, 0);
  g_autoptr(GDateTime) i0 = g_date_time_new (tz, 2026, 7, 20, 0, 0, 0);
  g_autoptr(GDateTime) i1 = g_date_time_new (tz, 2026, 7, 27, 0, 0, 0);
  g_autoptr(SteadNeedTrends) last = NULL;
  struct rusage usage;
  SteadNeedTrendsQuery q;
  guint placed = 0;

  if (ws == NULL)
    {
      g_printerr ("need-trends: %s\n", error->message);
      return 1;
    }
  stead_need_trends_query_init (&q, g_date_time_to_unix (from) * 1000,
                                g_date_time_to_unix (to) * 1000, STEAD_NEED_TRENDS_WEEK);
  q.baseline_from = g_date_time_to_unix (b0) * 1000;
  q.baseline_to = g_date_time_to_unix (b1) * 1000;
  q.incident_from = g_date_time_to_unix (i0) * 1000;
  q.incident_to = g_date_time_to_unix (i1) * 1000;
  for (guint run = 0; run < runs; run++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double ms, cpu0 = need_trends_bench_cpu_ms (), cpu_ms;

      g_clear_pointer (&last, stead_need_trends_free);
      last = stead_need_trends_compute (ws, &q, NULL, &error);
      if (last == NULL)
        {
          g_printerr ("need-trends: %s\n", error->message);
          return 1;
        }
      ms = (g_get_monotonic_time () - t0) / 1e3;
      cpu_ms = need_trends_bench_cpu_ms () - cpu0;
      g_array_append_val (times, ms);
      g_array_append_val (cpu, cpu_ms);
    }
  getrusage (RUSAGE_SELF, &usage);
  for (guint i = 0; i < last->areas->len; i++)
    placed += g_array_index (last->areas, SteadNeedTrendsArea, i).count;
  printf ("need-trends-best %.1f ms\n", bench_percentile (times, 0));
  printf ("need-trends-median %.1f ms\n", bench_percentile (times, 0.5));
  /* On a busy machine the wall time waits for the cores; the CPU time
   * (both threads) does not. */
  printf ("need-trends-cpu-median %.1f ms\n", bench_percentile (cpu, 0.5));
  printf ("need-trends-peak-rss %ld KB\n", usage.ru_maxrss);
  printf ("need-trends-threads %u count\n", MIN (g_get_num_processors (), 2));
  printf ("need-trends-needs %u count\n", last->total);
  printf ("need-trends-closed %u count\n", last->closed);
  printf ("need-trends-buckets %u count\n", last->buckets->len);
  printf ("need-trends-kinds %u count\n", last->kinds->len);
  printf ("need-trends-areas %u count\n", last->areas->len);
  printf ("need-trends-in-areas %u count\n", placed);
  printf ("need-trends-outside %u count\n", last->outside);
  printf ("need-trends-median-hours %.2f hours\n", last->resolution.median_hours);
  printf ("need-trends-p90-hours %.2f hours\n", last->resolution.p90_hours);
  printf ("need-trends-differences %u count\n", last->differences->len);
  stead_workspace_close (ws);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *measure = NULL;
  g_autofree char *keep = NULL;
  int n = 1000000, runs = 5;
  GOptionEntry entries[] = {
    { "needs", 0, 0, G_OPTION_ARG_INT, &n, "Needs to make", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Aggregations to time", "R" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Make the workspace at PATH and keep it",
      "PATH" },
    { "measure", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &measure, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *runs_s = NULL;
  int status = 0;
  gint64 t0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n < 1 || runs < 1)
    {
      g_printerr ("need-trends: %s\n", error != NULL ? error->message : "bad --needs or --runs");
      return 2;
    }
  if (measure != NULL)
    return need_trends_bench_measure (measure, runs);

  dir = g_dir_make_tmp ("stead-need-trends-XXXXXX", NULL);
  path = keep != NULL ? g_strdup (keep) : g_build_filename (dir, "bench.gpkg", NULL);
  t0 = g_get_monotonic_time ();
  if (!need_trends_bench_build (path, n, &error))
    {
      g_printerr ("need-trends: %s\n", error->message);
      bench_remove_workspace (dir, path);
      return 1;
    }
  printf ("need-trends-build %.1f s\n", (g_get_monotonic_time () - t0) / 1e6);
  fflush (stdout);
  runs_s = g_strdup_printf ("%d", runs);
  {
    const char *child[] = { argv[0], "--measure", path, "--runs", runs_s, NULL };

    if (!g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                       NULL, NULL, &status, &error) ||
        !g_spawn_check_wait_status (status, &error))
      {
        g_printerr ("need-trends: %s\n", error->message);
        status = 1;
      }
  }
  if (keep == NULL)
    bench_remove_workspace (dir, path);
  else
    g_rmdir (dir);
  return status;
}
