/* test-point-source.c: the points a map draws, against the table read back by SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "stead.h"
#include "stead-test-util.h"

/* One demo area for every test: they only read it. */
static SteadWorkspace *demo;

/* Every point of the snapshot is its row: where ST_MinX/ST_MinY put it,
 * with the kind's place in the taxonomy and the row's state. The index
 * gives each point alone above its last clustering zoom. */
static const char need_row_sql[] =
  "SELECT ST_MinX (t.geom), ST_MinY (t.geom), coalesce (x.sort, 255), t.urgency, t.status "
  "FROM need t LEFT JOIN taxonomy x ON x.code = t.kind AND x.vocabulary = 'need-kind' "
  "WHERE t.fid = ?";
static const char resource_row_sql[] =
  "SELECT ST_MinX (t.geom), ST_MinY (t.geom), coalesce (x.sort, 255), 0, t.availability "
  "FROM resource t LEFT JOIN taxonomy x ON x.code = t.kind AND x.vocabulary = 'resource-kind' "
  "WHERE t.fid = ?";

static void
check_points (SteadWorkspace     *ws,
              SteadPointSnapshot *snapshot,
              const char         *row_sql)
{
  g_autoptr(sqlite3_stmt) row = stead_workspace_prepare (ws, row_sql, NULL);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (SteadPointCluster));
  SteadPointIndex *index = stead_point_snapshot_get_index (snapshot);
  const guint16 *category = stead_point_snapshot_get_categories (snapshot);
  const gint64 *fid = stead_point_snapshot_get_fids (snapshot);
  const char *states[] = { "open", "assigned", "met", "available", "limited", "committed" };

  stead_point_index_query (index, stead_point_index_get_max_zoom (index) + 1,
                           -180, -85, 180, 85, items);
  g_assert_cmpuint (items->len, ==, stead_point_snapshot_get_n_points (snapshot));
  for (guint i = 0; i < items->len; i++)
    {
      const SteadPointCluster *item = &g_array_index (items, SteadPointCluster, i);
      const char *state;
      guint want_state = 3;

      g_assert_cmpuint (item->count, ==, 1);
      sqlite3_reset (row);
      sqlite3_bind_int64 (row, 1, fid[item->id]);
      g_assert_cmpint (sqlite3_step (row), ==, SQLITE_ROW);
      g_assert_cmpfloat_with_epsilon (item->lon, sqlite3_column_double (row, 0), 1e-7);
      g_assert_cmpfloat_with_epsilon (item->lat, sqlite3_column_double (row, 1), 1e-7);
      g_assert_cmpuint (STEAD_POINT_CATEGORY_KIND (category[item->id]), ==,
                        MIN (sqlite3_column_int (row, 2), 255));
      g_assert_cmpuint (STEAD_POINT_CATEGORY_URGENCY (category[item->id]), ==,
                        sqlite3_column_int (row, 3));
      state = (const char *) sqlite3_column_text (row, 4);
      for (guint s = 0; s < G_N_ELEMENTS (states); s++)
        if (g_strcmp0 (state, states[s]) == 0)
          want_state = s % 3;
      g_assert_cmpuint (STEAD_POINT_CATEGORY_STATE (category[item->id]), ==, want_state);
    }
}

/* Loads the points, and checks that there are as many as @count_sql
 * counts in the table, each where its row says. Returns how many. */
static gsize
check_load (SteadPointSourceKind  kind,
            const char * const   *kinds,
            const char * const   *states,
            const char           *count_sql,
            const char           *row_sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadPointSnapshot) snapshot = NULL;
  gsize n;

  snapshot = stead_point_source_load (demo, kind, kinds, states, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  n = stead_point_snapshot_get_n_points (snapshot);
  g_assert_cmpint (n, ==, stead_test_count (demo, count_sql));
  g_assert_cmpint (n, ==,
                   stead_point_index_get_n_points (stead_point_snapshot_get_index (snapshot)));
  g_assert_cmpint (n, >, 0);
  check_points (demo, snapshot, row_sql);
  return n;
}

/* By default the open and assigned needs: history is not on the map.
 * The filters are the second case: a state, then a kind. */
static void
test_needs_and_filters (void)
{
  const char *met[] = { "met", NULL };
  const char *food[] = { "food", NULL };
  gsize open, hungry;

  open = check_load (STEAD_POINT_SOURCE_NEEDS, NULL, NULL,
                     "SELECT count(*) FROM need WHERE status IN ('open', 'assigned')",
                     need_row_sql);
  check_load (STEAD_POINT_SOURCE_NEEDS, NULL, met,
              "SELECT count(*) FROM need WHERE status = 'met'", need_row_sql);
  hungry = check_load (STEAD_POINT_SOURCE_NEEDS, food, NULL,
                       "SELECT count(*) FROM need WHERE kind = 'food' "
                       "AND status IN ('open', 'assigned')", need_row_sql);
  g_assert_cmpuint (hungry, <, open);
}

/* Every resource by default; by availability when asked. */
static void
test_resources (void)
{
  const char *limited[] = { "limited", NULL };
  gsize all, some;

  all = check_load (STEAD_POINT_SOURCE_RESOURCES, NULL, NULL,
                    "SELECT count(*) FROM resource", resource_row_sql);
  some = check_load (STEAD_POINT_SOURCE_RESOURCES, NULL, limited,
                     "SELECT count(*) FROM resource WHERE availability = 'limited'",
                     resource_row_sql);
  g_assert_cmpuint (some, <, all);
}

/* Needs, resources and sites in one load: each point is its row (or
 * site), of its class, and every cluster's counts are those of its
 * members' rows, counted again by SQL. */
static void
test_merged (void)
{
  const double sites[] = { -2.16, 51.99, -2.10, 52.00, -2.16, 51.99 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadPointSnapshot) snapshot = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (SteadPointCluster));
  g_autoptr(GArray) leaves = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(sqlite3_stmt) count_needs = NULL;
  g_autoptr(sqlite3_stmt) count_resources = NULL;
  gint64 n_needs, n_resources;
  SteadPointIndex *index;
  const guint8 *classes;
  const gint64 *fid;
  gsize n;

  snapshot = stead_point_source_load_merged (demo, NULL, NULL, NULL, sites, 3, NULL, &error);
  g_assert_no_error (error);
  n_needs = stead_test_count (demo, "SELECT count(*) FROM need "
                                    "WHERE status IN ('open', 'assigned')");
  n_resources = stead_test_count (demo, "SELECT count(*) FROM resource");
  n = stead_point_snapshot_get_n_points (snapshot);
  g_assert_cmpint (n, ==, n_needs + n_resources + 3);
  index = stead_point_snapshot_get_index (snapshot);
  classes = stead_point_snapshot_get_classes (snapshot);
  fid = stead_point_snapshot_get_fids (snapshot);
  g_assert_nonnull (classes);

  count_needs = stead_workspace_prepare (
    demo, "SELECT count(*) FROM need WHERE status IN ('open', 'assigned') "
          "AND fid IN (SELECT value FROM json_each (?))", NULL);
  count_resources = stead_workspace_prepare (
    demo, "SELECT count(*) FROM resource WHERE fid IN (SELECT value FROM json_each (?))", NULL);
  for (guint zoom = 4; zoom <= 14; zoom += 2)
    {
      g_array_set_size (items, 0);
      stead_point_index_query (index, zoom, -180, -85, 180, 85, items);
      for (guint i = 0; i < items->len; i++)
        {
          const SteadPointCluster *item = &g_array_index (items, SteadPointCluster, i);
          g_autoptr(GString) need_rows = g_string_new ("[0");
          g_autoptr(GString) resource_rows = g_string_new ("[0");
          guint32 counts[STEAD_POINT_INDEX_MAX_CLASSES], sites_seen = 0;

          g_array_set_size (leaves, 0);
          if (item->count == 1)
            g_array_append_val (leaves, item->id);
          else
            g_assert_true (stead_point_index_get_leaves (index, item->id, leaves));
          for (guint l = 0; l < leaves->len; l++)
            {
              guint32 p = g_array_index (leaves, guint32, l);

              if (classes[p] == STEAD_POINT_CLASS_NEED)
                g_string_append_printf (need_rows, ",%" G_GINT64_FORMAT, fid[p]);
              else if (classes[p] == STEAD_POINT_CLASS_RESOURCE)
                g_string_append_printf (resource_rows, ",%" G_GINT64_FORMAT, fid[p]);
              else
                sites_seen++;
            }
          g_string_append_c (need_rows, ']');
          g_string_append_c (resource_rows, ']');
          stead_point_index_get_class_counts (index, item, counts);
          sqlite3_reset (count_needs);
          sqlite3_bind_text (count_needs, 1, need_rows->str, -1, SQLITE_TRANSIENT);
          g_assert_cmpint (sqlite3_step (count_needs), ==, SQLITE_ROW);
          g_assert_cmpint (counts[STEAD_POINT_CLASS_NEED], ==, sqlite3_column_int (count_needs, 0));
          sqlite3_reset (count_resources);
          sqlite3_bind_text (count_resources, 1, resource_rows->str, -1, SQLITE_TRANSIENT);
          g_assert_cmpint (sqlite3_step (count_resources), ==, SQLITE_ROW);
          g_assert_cmpint (counts[STEAD_POINT_CLASS_RESOURCE], ==,
                           sqlite3_column_int (count_resources, 0));
          g_assert_cmpint (counts[STEAD_POINT_CLASS_SITE], ==, sites_seen);
          g_assert_cmpint (counts[0] + counts[1] + counts[2], ==, item->count);
        }
    }
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async_and_cancel (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SteadPointSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  stead_point_source_load_async (demo, STEAD_POINT_SOURCE_NEEDS, NULL, NULL, NULL,
                                 on_loaded, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  snapshot = stead_point_source_load_finish (demo, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stead_point_snapshot_get_n_points (snapshot), ==,
                   stead_test_count (demo, "SELECT count(*) FROM need "
                                            "WHERE status IN ('open', 'assigned')"));
  g_clear_object (&result);
  g_clear_pointer (&snapshot, stead_point_snapshot_unref);

  /* A newer load cancels the last: it says so, and gives nothing. */
  stead_point_source_load_async (demo, STEAD_POINT_SOURCE_NEEDS, NULL, NULL, cancellable,
                                 on_loaded, &result);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  snapshot = stead_point_source_load_finish (demo, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (snapshot);
  g_clear_object (&result);
}

static void
test_extent_and_details (void)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(SteadPointDetails) need = NULL;
  g_autoptr(SteadPointDetails) resource = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *state = NULL;
  SteadEnvelope extent;
  gint64 fid;

  /* The box around every point, from the geometries themselves. */
  g_assert_true (stead_point_source_get_extent (demo, &extent));
  stmt = stead_workspace_prepare (demo,
                                  "SELECT min(x), min(y), max(x), max(y) FROM "
                                  "(SELECT ST_MinX (geom) x, ST_MinY (geom) y FROM need UNION ALL "
                                  " SELECT ST_MinX (geom), ST_MinY (geom) FROM resource)", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  /* The R-tree rounds outwards to single precision. */
  g_assert_cmpfloat_with_epsilon (extent.min_x, sqlite3_column_double (stmt, 0), 1e-4);
  g_assert_cmpfloat_with_epsilon (extent.min_y, sqlite3_column_double (stmt, 1), 1e-4);
  g_assert_cmpfloat_with_epsilon (extent.max_x, sqlite3_column_double (stmt, 2), 1e-4);
  g_assert_cmpfloat_with_epsilon (extent.max_y, sqlite3_column_double (stmt, 3), 1e-4);
  g_assert_cmpfloat (extent.min_x, <, extent.max_x);

  fid = stead_test_count (demo, "SELECT max(fid) FROM need");
  need = stead_point_source_get_details (demo, STEAD_POINT_SOURCE_NEEDS, fid);
  g_assert_nonnull (need);
  kind = stead_test_text (demo, "SELECT kind FROM need ORDER BY fid DESC");
  state = stead_test_text (demo, "SELECT status FROM need ORDER BY fid DESC");
  g_assert_cmpstr (need->kind, ==, kind);
  g_assert_cmpstr (need->state, ==, state);
  g_assert_cmpint (need->amount, ==,
                   stead_test_count (demo, "SELECT people FROM need ORDER BY fid DESC"));
  g_assert_cmpint (need->urgency, ==,
                   stead_test_count (demo, "SELECT urgency FROM need ORDER BY fid DESC"));
  g_assert_nonnull (need->opened);

  fid = stead_test_count (demo, "SELECT min(fid) FROM resource");
  resource = stead_point_source_get_details (demo, STEAD_POINT_SOURCE_RESOURCES, fid);
  g_assert_nonnull (resource);
  g_clear_pointer (&state, g_free);
  state = stead_test_text (demo, "SELECT availability FROM resource ORDER BY fid");
  g_assert_cmpstr (resource->state, ==, state);
  g_assert_cmpint (resource->amount, ==,
                   stead_test_count (demo, "SELECT capacity FROM resource ORDER BY fid"));
  g_assert_null (resource->opened);

  g_assert_null (stead_point_source_get_details (demo, STEAD_POINT_SOURCE_NEEDS, 424242));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("stead-points-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.gpkg", NULL);
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  demo = stead_workspace_create (path, "Demo", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (stead_demo_populate (demo, 300, 7, &error));
  g_assert_no_error (error);

  g_test_add_func ("/core/point-source/needs-and-filters", test_needs_and_filters);
  g_test_add_func ("/core/point-source/resources", test_resources);
  g_test_add_func ("/core/point-source/merged", test_merged);
  g_test_add_func ("/core/point-source/async-and-cancel", test_async_and_cancel);
  g_test_add_func ("/core/point-source/extent-and-details", test_extent_and_details);
  status = g_test_run ();

  stead_workspace_close (demo);
  g_clear_object (&demo);
  stead_test_rm_rf (dir);
  return status;
}
