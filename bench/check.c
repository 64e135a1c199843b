/* check.c: `stead-cli check` on the demo area at 100,000 and 1,000,000 needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: check [--runs R] [SCALE…]. For each scale (by default 100000
 * and 1000000), makes the demo area with every plugin on
 * STEAD_PLUGIN_PATH in a temporary folder, then checks it R times (5)
 * with stead_check_file(), as `stead-cli check` does, and prints the
 * median; and, for comparison, the median of PRAGMA integrity_check
 * alone on one connection, which the check runs beside the rest. Prints
 * one "name value unit" line per figure.
 */

#include "config.h"

#include <stdio.h>

#include "stead.h"

#include "bench-util.h"

/* Seconds that PRAGMA integrity_check alone takes on @path. */
static double
check_bench_integrity_only (const char *path)
{
  sqlite3 *db = NULL;
  gint64 t0 = g_get_monotonic_time ();

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA integrity_check", NULL, NULL, NULL) != SQLITE_OK)
    g_printerr ("check: integrity_check: %s\n", sqlite3_errmsg (db));
  sqlite3_close (db);
  return (g_get_monotonic_time () - t0) / 1e6;
}

/* Checks @path @runs times, and runs PRAGMA integrity_check alone as
 * often; prints the medians. */
static gboolean
check_bench_measure (const char *path,
                     guint       scale,
                     guint       runs)
{
  g_autoptr(GArray) check_s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) integrity_s = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double seconds;

      if (!stead_check_file (path, &problems, &error))
        {
          g_printerr ("check: %s\n", error->message);
          return FALSE;
        }
      seconds = (g_get_monotonic_time () - t0) / 1e6;
      g_array_append_val (check_s, seconds);
      if (problems->len > 0)
        {
          g_printerr ("check: %s: %s\n", path, (const char *) g_ptr_array_index (problems, 0));
          return FALSE;
        }
      seconds = check_bench_integrity_only (path);
      g_array_append_val (integrity_s, seconds);
    }
  printf ("check_%u %.3f s\n", scale, bench_percentile (check_s, 0.5));
  printf ("check_%u_max %.3f s\n", scale, bench_percentile (check_s, 1.0));
  printf ("integrity_check_only_%u %.3f s\n", scale, bench_percentile (integrity_s, 0.5));
  return TRUE;
}

static gboolean
check_bench_scale (SteadPluginEngine *engine,
                   guint              scale,
                   guint              runs)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-check-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.gpkg", NULL);
  g_autoptr(SteadWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  gboolean ok;

  workspace = stead_workspace_create (path, "Tewkesbury (demo)", engine, &error);
  ok = workspace != NULL && stead_demo_populate (workspace, scale, STEAD_DEMO_DEFAULT_SEED, &error);
  if (workspace != NULL)
    stead_workspace_close (workspace);
  if (!ok)
    g_printerr ("check: could not make the demo: %s\n", error->message);
  else
    {
      printf ("demo_build_%u %.1f s\n", scale, (g_get_monotonic_time () - t0) / 1e6);
      ok = check_bench_measure (path, scale, runs);
    }
  bench_remove_workspace (dir, path);
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("[SCALE…]");
  g_autoptr(SteadPluginEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  int runs = 5;
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Checks per scale (5)", "R" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1)
    {
      g_printerr ("check: %s\n", error != NULL ? error->message : "bad --runs");
      return 2;
    }

  /* No settings: every plugin found is loaded, as in a bare build tree. */
  engine = stead_plugin_engine_new (NULL);
  stead_plugin_engine_load_enabled (engine);
  if (argc < 2)
    return check_bench_scale (engine, 100000, runs) && check_bench_scale (engine, 1000000, runs)
             ? 0
             : 1;
  for (int i = 1; i < argc; i++)
    if (!check_bench_scale (engine, (guint) g_ascii_strtoull (argv[i], NULL, 10), runs))
      return 1;
  return 0;
}
