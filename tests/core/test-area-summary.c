/* test-area-summary.c: the gap at a glance, against a brute-force count
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "stead.h"
#include "stead-test-util.h"

typedef struct
{
  guint  needs;
  gint64 people;
  guint  resources;
  gint64 capacity;
} Sums;

/* Every row, its geometry parsed and tested with the winding number: no
 * index, no shortcut, and not the library's point-in-polygon. */
static GHashTable *
brute_force (SteadWorkspace *ws,
             SteadGeometry  *area)
{
  GHashTable *sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *queries[] = {
    "SELECT geom, kind, people, status IN ('open', 'assigned') FROM need",
    "SELECT geom, kind, capacity, availability IN ('available', 'limited') FROM resource",
  };

  for (guint q = 0; q < 2; q++)
    {
      g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (ws, queries[q], NULL);

      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autoptr(SteadGeometry) point = stead_geometry_new_from_gpkg (
            sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), NULL, NULL);
          const char *kind = (const char *) sqlite3_column_text (stmt, 1);
          double x, y;
          Sums *s;

          g_assert_true (stead_geometry_get_point (point, &x, &y));
          if (!stead_test_inside_by_winding (area, x, y))
            continue;
          if (q == 0 && !sqlite3_column_int (stmt, 3))
            continue;
          if (!(s = g_hash_table_lookup (sums, kind)))
            g_hash_table_insert (sums, g_strdup (kind), (s = g_new0 (Sums, 1)));
          if (q == 0)
            {
              s->needs++;
              s->people += sqlite3_column_int64 (stmt, 2);
            }
          else
            {
              s->resources++;
              if (sqlite3_column_int (stmt, 3))
                s->capacity += sqlite3_column_int64 (stmt, 2);
            }
        }
    }
  return sums;
}

static void
assert_matches (SteadAreaSummary *summary,
                GHashTable       *expected)
{
  guint total_needs = 0;
  guint total_resources = 0;

  g_assert_cmpuint (summary->rows->len, ==, g_hash_table_size (expected));
  for (guint i = 0; i < summary->rows->len; i++)
    {
      SteadAreaSummaryRow *row = &g_array_index (summary->rows, SteadAreaSummaryRow, i);
      Sums *s = g_hash_table_lookup (expected, row->kind);

      g_assert_nonnull (s);
      g_assert_cmpuint (row->needs, ==, s->needs);
      g_assert_cmpint (row->people, ==, s->people);
      g_assert_cmpuint (row->resources, ==, s->resources);
      g_assert_cmpint (row->capacity, ==, s->capacity);
      total_needs += row->needs;
      total_resources += row->resources;
    }
  g_assert_cmpuint (summary->need_fids->len, ==, total_needs);
  g_assert_cmpuint (summary->resource_fids->len, ==, total_resources);
}

static void
test_matches_brute_force (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-summary-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.gpkg", NULL);
  g_autoptr(SteadWorkspace) ws = stead_workspace_create (path, "Demo", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) areas = NULL;
  guint checked = 0;

  g_assert_true (stead_demo_populate (ws, 3000, 11, &error));
  g_assert_no_error (error);

  /* Every area of the demo: boundary, 22 wards, 50 LSOAs, the flood zone. */
  areas = stead_workspace_prepare (ws, "SELECT fid, geom FROM area", NULL);
  while (sqlite3_step (areas) == SQLITE_ROW)
    {
      g_autoptr(SteadGeometry) area = stead_geometry_new_from_gpkg (
        sqlite3_column_blob (areas, 1), sqlite3_column_bytes (areas, 1), NULL, NULL);
      g_autoptr(SteadAreaSummary) summary =
        stead_area_summary_new_for_area (ws, sqlite3_column_int64 (areas, 0), &error);
      g_autoptr(GHashTable) expected = brute_force (ws, area);

      g_assert_no_error (error);
      assert_matches (summary, expected);
      checked++;
    }
  g_assert_cmpuint (checked, ==, 1 + 22 + 50 + 1);

  /* A drawn polygon with a hole in it. */
  {
    static const SteadCoord outer[] = {
      { -2.20, 51.96 }, { -2.10, 51.96 }, { -2.10, 52.02 }, { -2.20, 52.02 }, { -2.20, 51.96 }
    };
    static const SteadCoord hole[] = {
      { -2.17, 51.98 }, { -2.14, 51.98 }, { -2.14, 52.00 }, { -2.17, 52.00 }, { -2.17, 51.98 }
    };
    g_autoptr(SteadGeometry) drawn = stead_geometry_new_polygon (outer, G_N_ELEMENTS (outer));
    g_autoptr(SteadAreaSummary) summary = NULL;
    g_autoptr(GHashTable) expected = NULL;

    stead_geometry_add_interior_ring (drawn, hole, G_N_ELEMENTS (hole));
    summary = stead_area_summary_new (ws, drawn, &error);
    expected = brute_force (ws, drawn);
    g_assert_no_error (error);
    assert_matches (summary, expected);
    g_assert_cmpuint (summary->need_fids->len, >, 0);
  }

  /* No such area. */
  g_assert_null (stead_area_summary_new_for_area (ws, 99999, &error));
  g_assert_nonnull (error);
}

/* Shading areas: each ward's value is the brute-force sum inside it; the
 * boundary and hazard areas are left out; a cancelled run says so. */
static void
test_measure_per_area (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-summary-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.gpkg", NULL);
  g_autoptr(SteadWorkspace) ws = stead_workspace_create (path, "Demo", NULL, NULL);
  g_autoptr(GError) error = NULL;
  static const SteadAreaMeasure measures[] = {
    STEAD_AREA_MEASURE_NEEDS,
    STEAD_AREA_MEASURE_PEOPLE,
    STEAD_AREA_MEASURE_RESOURCES,
    STEAD_AREA_MEASURE_CAPACITY,
  };
  g_autoptr(GHashTable) units = stead_test_taxonomy_units ();
  gint64 divisions;

  g_assert_true (stead_demo_populate (ws, 2000, 7, &error));
  g_assert_no_error (error);
  {
    g_autoptr(sqlite3_stmt) count = stead_workspace_prepare (ws,
      "SELECT count(*) FROM area WHERE kind NOT IN ('boundary', 'hazard')", NULL);

    g_assert_cmpint (sqlite3_step (count), ==, SQLITE_ROW);
    divisions = sqlite3_column_int64 (count, 0);
    /* The wards and the LSOAs. */
    g_assert_cmpint (divisions, ==, 22 + 50);
  }

  for (guint m = 0; m < G_N_ELEMENTS (measures); m++)
    {
      g_autoptr(GArray) fids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
      double total = 0;

      g_assert_true (stead_area_measure_compute (path, measures[m], fids, values, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (fids->len, ==, divisions);
      for (guint i = 0; i < fids->len; i++)
        {
          g_autoptr(sqlite3_stmt) stmt =
            stead_workspace_prepare (ws, "SELECT geom, kind FROM area WHERE fid = ?", NULL);
          g_autoptr(SteadGeometry) area = NULL;
          g_autoptr(GHashTable) expected = NULL;
          GHashTableIter iter;
          Sums *sums;
          const char *kind;
          double want = 0;

          sqlite3_bind_int64 (stmt, 1, g_array_index (fids, gint64, i));
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), !=, "boundary");
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), !=, "hazard");
          area = stead_geometry_new_from_gpkg (sqlite3_column_blob (stmt, 0),
                                               sqlite3_column_bytes (stmt, 0), NULL, NULL);
          expected = brute_force (ws, area);
          g_hash_table_iter_init (&iter, expected);
          while (g_hash_table_iter_next (&iter, (gpointer *) &kind, (gpointer *) &sums))
            want += measures[m] == STEAD_AREA_MEASURE_NEEDS ? sums->needs
                  : measures[m] == STEAD_AREA_MEASURE_PEOPLE ? sums->people
                  : measures[m] == STEAD_AREA_MEASURE_RESOURCES ? sums->resources
                  /* Capacity: places only (the taxonomy file's unit), never summed across units. */
                  : g_strcmp0 (g_hash_table_lookup (units, kind), "places") == 0 ? sums->capacity
                  : 0;
          g_assert_cmpfloat (g_array_index (values, double, i), ==, want);
          total += want;
        }
      /* The demo's wards hold most of what there is. */
      g_assert_cmpfloat (total, >, 0);
    }

  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GArray) fids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

    g_cancellable_cancel (cancellable);
    g_assert_false (stead_area_measure_compute (path, STEAD_AREA_MEASURE_NEEDS, fids, values,
                                                cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_false (stead_area_measure_compute ("/nonexistent/none.gpkg", STEAD_AREA_MEASURE_NEEDS,
                                                fids, values, NULL, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "none.gpkg"));
  }
}

static gint64
add_resource (SteadWorkspace *ws,
              const char     *kind,
              double          x,
              double          y,
              gint64          capacity,
              const char     *availability)
{
  g_autoptr(SteadGeometry) point = stead_geometry_new_point (x, y);
  g_autoptr(GError) error = NULL;
  gint64 fid = stead_workspace_edit (
    ws, "core", "Add a resource",
    "INSERT INTO resource (geom, kind, title, capacity, availability) VALUES (?, ?, ?, ?, ?)",
    STEAD_ARGS (STEAD_GEOMETRY (point), STEAD_STRING (kind), STEAD_STRING ("J. Smith"),
                STEAD_INT (capacity), STEAD_STRING (availability)),
    &error);

  g_assert_no_error (error);
  return fid;
}

static void
add_need (SteadWorkspace *ws,
          double          x,
          double          y,
          const char     *status)
{
  g_autoptr(SteadGeometry) point = stead_geometry_new_point (x, y);
  g_autoptr(GError) error = NULL;

  stead_workspace_edit (ws, "core", "Add a need",
                        "INSERT INTO need (geom, kind, title, people, status, opened) "
                        "VALUES (?, 'welfare-check', 'Mrs A. Jones', 2, ?, "
                        "'2026-01-01T00:00:00.000Z')",
                        STEAD_ARGS (STEAD_GEOMETRY (point), STEAD_STRING (status)), &error);
  g_assert_no_error (error);
}

/* Resources of two units in one square: rest-centre places (40 + 12, one
 * committed 500 left out) and sandbags (700 + 3): capacity is summed per
 * unit, as SQL groups it by the units of the taxonomy file, and never
 * across units (1455 would be places plus sandbags). Needs by status. */
static void
test_capacity_per_unit (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-summary-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "units.gpkg", NULL);
  g_autoptr(SteadWorkspace) ws = stead_workspace_create (path, "Units", NULL, NULL);
  g_autoptr(GHashTable) units = stead_test_taxonomy_units ();
  g_autoptr(GHashTable) want = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(SteadAreaSummary) summary = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  static const SteadCoord square[] = {
    { -2.2, 51.9 }, { -2.1, 51.9 }, { -2.1, 52.0 }, { -2.2, 52.0 }, { -2.2, 51.9 }
  };
  g_autoptr(SteadGeometry) area = stead_geometry_new_polygon (square, G_N_ELEMENTS (square));
  static const char *statuses[] = { "open", "open", "open", "assigned", "met", "met", "closed" };
  guint status_want[STEAD_NEED_N_STATUSES] = { 0 };

  g_assert_nonnull (ws);
  add_resource (ws, "rest-centre", -2.15, 51.95, 40, "available");
  add_resource (ws, "rest-centre", -2.16, 51.96, 12, "limited");
  add_resource (ws, "rest-centre", -2.17, 51.97, 500, "committed");
  add_resource (ws, "sandbags", -2.14, 51.94, 700, "available");
  add_resource (ws, "sandbags", -2.13, 51.93, 3, "available");
  add_resource (ws, "sandbags", -2.30, 51.93, 9000, "available");  /* outside */
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    add_need (ws, -2.12 - i * 0.01, 51.91 + i * 0.01, statuses[i]);
  add_need (ws, -2.5, 51.5, "open");  /* outside */

  /* The oracle: SQL sums by kind in the square (a plain box test), then
   * the kinds folded into the file's units. */
  stmt = stead_workspace_prepare (ws,
                                  "SELECT kind, total (CASE WHEN availability IN ('available', "
                                  "'limited') THEN capacity END) FROM resource "
                                  "WHERE ST_MinX (geom) BETWEEN -2.2 AND -2.1 "
                                  "AND ST_MinY (geom) BETWEEN 51.9 AND 52.0 GROUP BY kind",
                                  NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *unit = g_hash_table_lookup (units, sqlite3_column_text (stmt, 0));
      gint64 *sum = g_hash_table_lookup (want, unit);

      g_assert_nonnull (unit);
      if (sum == NULL)
        g_hash_table_insert (want, g_strdup (unit), (sum = g_new0 (gint64, 1)));
      *sum += sqlite3_column_int64 (stmt, 1);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_assert_cmpuint (g_hash_table_size (want), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    for (guint st = 0; st < STEAD_NEED_N_STATUSES; st++)
      if (g_str_equal (statuses[i], stead_need_status_to_string (st)))
        status_want[st]++;

  summary = stead_area_summary_new (ws, area, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->capacities->len, ==, g_hash_table_size (want));
  for (guint i = 0; i < summary->capacities->len; i++)
    {
      SteadAreaCapacity *c = &g_array_index (summary->capacities, SteadAreaCapacity, i);
      gint64 *sum = g_hash_table_lookup (want, c->unit);

      g_assert_nonnull (sum);
      g_assert_cmpint (c->capacity, ==, *sum);
    }
  /* Each kind row carries its kind's unit. */
  for (guint i = 0; i < summary->rows->len; i++)
    {
      SteadAreaSummaryRow *row = &g_array_index (summary->rows, SteadAreaSummaryRow, i);

      if (row->resources > 0)
        g_assert_cmpstr (row->unit, ==, g_hash_table_lookup (units, row->kind));
    }

  /* Every need inside counted by its status; the open and assigned summed by kind. */
  for (guint st = 0; st < STEAD_NEED_N_STATUSES; st++)
    g_assert_cmpuint (summary->needs_by_status[st], ==, status_want[st]);
  g_assert_cmpuint (summary->need_fids->len, ==,
                    status_want[STEAD_NEED_STATUS_OPEN] + status_want[STEAD_NEED_STATUS_ASSIGNED]);

  stead_workspace_close (ws);
  stead_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/area-summary/matches-brute-force", test_matches_brute_force);
  g_test_add_func ("/core/area-summary/measure-per-area", test_measure_per_area);
  g_test_add_func ("/core/area-summary/capacity-per-unit", test_capacity_per_unit);

  return g_test_run ();
}
