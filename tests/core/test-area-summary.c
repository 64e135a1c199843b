/* test-area-summary.c: the gap at a glance, against a brute-force count
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "stead.h"

typedef struct
{
  guint  needs;
  gint64 people;
  guint  resources;
  gint64 capacity;
} Sums;

/* Where the edge a→b passes (x, y): > 0 on its left, < 0 on its right. */
static double
is_left (const SteadCoord *a,
         const SteadCoord *b,
         double            x,
         double            y)
{
  return (b->x - a->x) * (y - a->y) - (x - a->x) * (b->y - a->y);
}

/* The winding number of @ring around (x, y) (Sunday's algorithm): an
 * oracle that shares nothing with the even-odd crossing test of
 * stead_geometry_contains_point(). Each edge i → i + 1, and the last back
 * to the first, so an unclosed ring is closed too. */
static int
winding_number (const SteadCoord *ring,
                gsize             n,
                double            x,
                double            y)
{
  int wn = 0;

  for (gsize i = 0; i < n; i++)
    {
      const SteadCoord *a = &ring[i];
      const SteadCoord *b = &ring[(i + 1) % n];

      if (a->y <= y)
        {
          if (b->y > y && is_left (a, b, x, y) > 0)
            wn++;
        }
      else if (b->y <= y && is_left (a, b, x, y) < 0)
        wn--;
    }
  return wn;
}

/* Inside one of the polygons: within its exterior ring and in none of its
 * holes. */
static gboolean
inside_by_winding (SteadGeometry *area,
                   double         x,
                   double         y)
{
  for (guint p = 0; p < stead_geometry_get_n_polygons (area); p++)
    {
      gboolean inside = FALSE;

      for (guint r = 0; r < stead_geometry_get_n_rings (area, p); r++)
        {
          gsize n;
          const SteadCoord *ring = stead_geometry_get_ring (area, p, r, &n);
          gboolean in_ring = n >= 3 && winding_number (ring, n, x, y) != 0;

          if (r == 0)
            inside = in_ring;
          else if (in_ring)
            inside = FALSE;
        }
      if (inside)
        return TRUE;
    }
  return FALSE;
}

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
          if (!inside_by_winding (area, x, y))
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
          double want = 0;

          sqlite3_bind_int64 (stmt, 1, g_array_index (fids, gint64, i));
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), !=, "boundary");
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), !=, "hazard");
          area = stead_geometry_new_from_gpkg (sqlite3_column_blob (stmt, 0),
                                               sqlite3_column_bytes (stmt, 0), NULL, NULL);
          expected = brute_force (ws, area);
          g_hash_table_iter_init (&iter, expected);
          while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &sums))
            want += measures[m] == STEAD_AREA_MEASURE_NEEDS ? sums->needs
                  : measures[m] == STEAD_AREA_MEASURE_PEOPLE ? sums->people
                  : measures[m] == STEAD_AREA_MEASURE_RESOURCES ? sums->resources
                  : sums->capacity;
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/area-summary/matches-brute-force", test_matches_brute_force);
  g_test_add_func ("/core/area-summary/measure-per-area", test_measure_per_area);

  return g_test_run ();
}
