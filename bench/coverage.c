/* coverage.c: the target groups' coverage (issue #14: ≤ 200 ms)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: coverage [--groups 15] [--areas 1000] [--partners 500] [--runs 7]
 * Makes a workspace with the partners, risks and groups plugins in a
 * temporary folder: AREAS wards (64-vertex polygons on a grid over the
 * demo area), GROUPS groups counted in every ward, PARTNERS organisations
 * (a third instrumental) each reaching two groups, half of them in 20
 * listed wards; 24 risks with hazard polygons of 400 vertices (flood
 * zones along lines across the area, and one covering most of it) and
 * 200 places. Then times groups_coverage_compute() (its own reader
 * included) and the asynchronous path. Prints one "name value unit"
 * line per figure.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "stead.h"
#include "bench-util.h"
#include "groups-coverage.h"

static SteadGeometry *
coverage_bench_blob (double  cx,
                     double  cy,
                     double  rx,
                     double  ry,
                     guint   n,
                     double  wobble,
                     GRand  *rng)
{
  g_autofree SteadCoord *ring = g_new (SteadCoord, n + 1);
  SteadGeometry *polygon, *multi;

  for (guint i = 0; i < n; i++)
    {
      double t = 2 * G_PI * i / n;
      double k = 1 + g_rand_double_range (rng, -wobble, wobble);

      ring[i].x = cx + rx * k * cos (t);
      ring[i].y = cy + ry * k * sin (t);
    }
  ring[n] = ring[0];
  polygon = stead_geometry_new_polygon (ring, n + 1);
  multi = stead_geometry_new_multipolygon ();
  stead_geometry_add_polygon (multi, polygon);
  stead_geometry_unref (polygon);
  return multi;
}

/* A flood zone: a band along a wavy line across the area. */
static SteadGeometry *
coverage_bench_band (double  x0,
                     double  y0,
                     double  x1,
                     double  y1,
                     double  width,
                     guint   n,
                     GRand  *rng)
{
  g_autofree SteadCoord *ring = g_new (SteadCoord, 2 * n + 1);
  double dx = x1 - x0, dy = y1 - y0, len = sqrt (dx * dx + dy * dy);
  double nx = -dy / len, ny = dx / len;
  SteadGeometry *polygon, *multi;

  for (guint i = 0; i < n; i++)
    {
      double t = (double) i / (n - 1);
      double wave = 0.01 * sin (t * 12 * G_PI);
      double w = width * (1 + g_rand_double_range (rng, -0.3, 0.3));

      ring[i].x = x0 + dx * t + nx * (wave + w);
      ring[i].y = y0 + dy * t + ny * (wave + w);
      ring[2 * n - 1 - i].x = x0 + dx * t + nx * (wave - w);
      ring[2 * n - 1 - i].y = y0 + dy * t + ny * (wave - w);
    }
  ring[2 * n] = ring[0];
  polygon = stead_geometry_new_polygon (ring, 2 * n + 1);
  multi = stead_geometry_new_multipolygon ();
  stead_geometry_add_polygon (multi, polygon);
  stead_geometry_unref (polygon);
  return multi;
}

static gboolean
coverage_bench_populate (SteadWorkspace  *workspace,
                         guint            n_groups,
                         guint            n_areas,
                         guint            n_partners,
                         GRand           *rng,
                         GError         **error)
{
  g_autoptr(SteadTransaction) txn = stead_workspace_begin (workspace, "groups", "Coverage bench",
                                                          error);
  guint cols = (guint) ceil (sqrt (n_areas * 1.6));
  double x0 = STEAD_DEMO_CENTER_LON - 0.3, y0 = STEAD_DEMO_CENTER_LAT - 0.2;
  double w = 0.6 / cols, h = 0.4 / ceil ((double) n_areas / cols);
  g_autoptr(GArray) areas = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (txn == NULL)
    return FALSE;
  for (guint i = 0; i < n_areas; i++)
    {
      double cx = x0 + (i % cols + 0.5) * w, cy = y0 + (i / cols + 0.5) * h;
      g_autoptr(SteadGeometry) geom = coverage_bench_blob (cx, cy, w * 0.55, h * 0.55, 64, 0.05,
                                                           rng);
      g_autofree char *code = g_strdup_printf ("E05%06u", i);
      g_autofree char *name = g_strdup_printf ("Ward %u", i);
      gint64 fid = stead_transaction_insert_area (txn, "ward", code, name, geom, error);

      if (fid < 0)
        return FALSE;
      g_array_append_val (areas, fid);
    }
  for (guint g = 1; g <= n_groups; g++)
    {
      g_autofree char *name = g_strdup_printf ("Group %u", g);

      if (stead_transaction_run (txn, "INSERT INTO groups_group (id, name) VALUES (?, ?)",
                                 STEAD_ARGS (STEAD_INT (g), STEAD_STRING (name)), error) < 0)
        return FALSE;
      for (guint a = 0; a < areas->len; a++)
        if (stead_transaction_run (txn,
                                   "INSERT INTO groups_count (group_id, area, count) "
                                   "VALUES (?, ?, ?)",
                                   STEAD_ARGS (STEAD_INT (g),
                                               STEAD_INT (g_array_index (areas, gint64, a)),
                                               STEAD_INT (g_rand_int_range (rng, 0, 1500))),
                                   error) < 0)
          return FALSE;
    }
  for (guint p = 1; p <= n_partners; p++)
    {
      g_autofree char *name = g_strdup_printf ("Partner %u", p);
      const char *tier = p % 3 == 0 ? "instrumental" : p % 3 == 1 ? "contributing" : "occasional";

      if (stead_transaction_run (txn, "INSERT INTO partners_organisation (id, name, tier) "
                                      "VALUES (?, ?, ?)",
                                 STEAD_ARGS (STEAD_INT (p), STEAD_STRING (name),
                                             STEAD_STRING (tier)), error) < 0)
        return FALSE;
      for (guint k = 0; k < 2; k++)
        {
          gint64 reach = stead_transaction_run (
            txn, "INSERT OR IGNORE INTO groups_reach (group_id, organisation) VALUES (?, ?)",
            STEAD_ARGS (STEAD_INT (g_rand_int_range (rng, 1, n_groups + 1)), STEAD_INT (p)),
            error);

          if (reach < 0)
            return FALSE;
          if (reach == 0 || p % 2 == 0)
            continue;   /* everywhere the group is */
          for (guint a = 0; a < 20; a++)
            if (stead_transaction_run (
                  txn, "INSERT OR IGNORE INTO groups_reach_area (reach, area) VALUES (?, ?)",
                  STEAD_ARGS (STEAD_INT (reach),
                              STEAD_INT (g_array_index (areas, gint64,
                                                        g_rand_int_range (rng, 0, areas->len)))),
                  error) < 0)
              return FALSE;
        }
    }
  for (guint r = 1; r <= 24; r++)
    {
      g_autofree char *reference = g_strdup_printf ("B%02u", r);
      g_autofree char *title = g_strdup_printf ("Bench risk %u", r);
      g_autoptr(SteadGeometry) hazard = NULL;
      gint64 area;

      if (r == 24)
        hazard = coverage_bench_blob (STEAD_DEMO_CENTER_LON, STEAD_DEMO_CENTER_LAT, 0.25, 0.17,
                                      400, 0.02, rng);
      else
        hazard = coverage_bench_band (x0 + g_rand_double_range (rng, 0, 0.6), y0,
                                      x0 + g_rand_double_range (rng, 0, 0.6), y0 + 0.4, 0.008,
                                      200, rng);
      if (stead_transaction_run (txn, "INSERT INTO risks_risk (id, reference, title, likelihood, "
                                      "impact) VALUES (?, ?, ?, ?, ?)",
                                 STEAD_ARGS (STEAD_INT (1000 + r), STEAD_STRING (reference),
                                             STEAD_STRING (title),
                                             STEAD_INT (g_rand_int_range (rng, 1, 6)),
                                             STEAD_INT (g_rand_int_range (rng, 1, 6))),
                                 error) < 0)
        return FALSE;
      area = stead_transaction_insert_area (txn, "hazard", reference, title, hazard, error);
      if (area < 0 ||
          stead_transaction_run (txn, "INSERT INTO risks_hazard (area, risk) VALUES (?, ?)",
                                 STEAD_ARGS (STEAD_INT (area), STEAD_INT (1000 + r)), error) < 0)
        return FALSE;
    }
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(SteadGeometry) point = stead_geometry_new_point (
        x0 + g_rand_double_range (rng, 0, 0.6), y0 + g_rand_double_range (rng, 0, 0.4));
      g_autoptr(GBytes) blob = stead_geometry_to_gpkg (point, 4326);

      if (stead_transaction_run (txn, "INSERT INTO groups_place (geom, group_id, name, people) "
                                      "VALUES (?, ?, 'Place', ?)",
                                 STEAD_ARGS (STEAD_BLOB (blob),
                                             STEAD_INT (g_rand_int_range (rng, 1, n_groups + 1)),
                                             STEAD_INT (g_rand_int_range (rng, 5, 60))),
                                 error) < 0)
        return FALSE;
    }
  return stead_transaction_commit (g_steal_pointer (&txn), error);
}

typedef struct
{
  GMainLoop      *loop;
  GroupsCoverage *coverage;
  GError         *error;
} AsyncWait;

static void
coverage_bench_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  AsyncWait *wait = user_data;

  wait->coverage = groups_coverage_compute_finish (STEAD_WORKSPACE (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(SteadPluginEngine) engine = NULL;
  g_autoptr(SteadWorkspace) workspace = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rng = g_rand_new_with_seed (14);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  int n_groups = 15, n_areas = 1000, n_partners = 500, runs = 7;
  guint n_cells = 0, n_exposed = 0;
  AsyncWait wait = { loop, NULL, NULL };
  gint64 t0;
  const GOptionEntry entries[] = {
    { "groups", 0, 0, G_OPTION_ARG_INT, &n_groups, "Target groups", "N" },
    { "areas", 0, 0, G_OPTION_ARG_INT, &n_areas, "Wards", "N" },
    { "partners", 0, 0, G_OPTION_ARG_INT, &n_partners, "Partner organisations", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Timed computations", "N" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_groups < 1 || n_areas < 1 ||
      n_partners < 1 || runs < 1)
    {
      g_printerr ("coverage: %s\n", error != NULL ? error->message : "bad counts");
      return 2;
    }

  engine = stead_plugin_engine_new (NULL);
  stead_plugin_engine_load_enabled (engine);
  dir = g_dir_make_tmp ("stead-coverage-XXXXXX", &error);
  path = dir != NULL ? g_build_filename (dir, "bench.gpkg", NULL) : NULL;
  if (path != NULL)
    workspace = stead_workspace_create (path, "Coverage bench", engine, &error);
  if (workspace == NULL ||
      stead_workspace_get_record_kind (workspace, "risk") == NULL ||
      !coverage_bench_populate (workspace, n_groups, n_areas, n_partners, rng, &error))
    {
      g_printerr ("coverage: could not make the workspace: %s\n",
                  error != NULL ? error->message : "the risks plugin is not loaded");
      return 1;
    }

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GroupsCoverage) coverage = NULL;
      double ms;

      t0 = g_get_monotonic_time ();
      coverage = groups_coverage_compute (workspace, &error);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      if (coverage == NULL)
        {
          g_printerr ("coverage: %s\n", error->message);
          return 1;
        }
      g_array_append_val (times, ms);
      n_cells = groups_coverage_get_n_cells (coverage);
      n_exposed = 0;
      for (guint c = 0; c < n_cells; c++)
        n_exposed += groups_coverage_get_cell (coverage, c)->n_exposure > 0;
    }

  t0 = g_get_monotonic_time ();
  groups_coverage_compute_async (workspace, NULL, coverage_bench_done, &wait);
  g_main_loop_run (loop);
  if (wait.coverage == NULL)
    {
      g_printerr ("coverage: %s\n", wait.error->message);
      return 1;
    }
  printf ("coverage_async %.1f ms\n", (g_get_monotonic_time () - t0) / 1000.0);
  groups_coverage_unref (wait.coverage);

  printf ("coverage_cells %u count\n", n_cells);
  printf ("coverage_cells_exposed %u count\n", n_exposed);
  printf ("coverage_p50 %.1f ms\n", bench_percentile (times, 0.5));
  printf ("coverage_max %.1f ms\n", bench_percentile (times, 1.0));
  stead_workspace_close (workspace);
  g_clear_object (&workspace);
  bench_remove_workspace (dir, path);
  return bench_percentile (times, 0.5) <= 200 ? 0 : 1;
}
