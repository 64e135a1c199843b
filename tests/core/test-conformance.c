/* test-conformance.c: GeoPackage conformance of what Stead writes and of its views
 *
 * What a GIS user relies on: need_area and resource_area list, in plain
 * SQL, exactly the pairs Stead's own point-in-polygon finds, and follow
 * every write, undo and redo; a workspace made by an older Stead is
 * upgraded to GeoPackage 1.3 DATETIME values and gets the views' edges.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "stead-test-util.h"
#include "stead-version-macros.h"
#include "stead-sql-functions-private.h"

typedef struct
{
  char           *dir;
  char           *path;
  SteadWorkspace *ws;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("stead-conformance-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "ws.gpkg", NULL);
  f->ws = stead_workspace_create (f->path, "Test area", NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->ws != NULL)
    stead_workspace_close (f->ws);
  g_clear_object (&f->ws);
  stead_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Rows of @sql (two integer columns) as "a:b" lines, sorted. */
static char *
pairs (SteadWorkspace *ws,
       const char     *sql)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (ws, sql, NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (lines, g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                             (gint64) sqlite3_column_int64 (stmt, 0),
                                             (gint64) sqlite3_column_int64 (stmt, 1)));
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (lines, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The views against Stead_Contains, row by row, for needs and resources. */
static void
assert_views_agree (SteadWorkspace *ws)
{
  g_autofree char *needs = pairs (ws, "SELECT need, area FROM need_area");
  g_autofree char *needs_c =
    pairs (ws, "SELECT n.fid, a.fid FROM need n, area a WHERE Stead_Contains (a.geom, n.geom)");
  g_autofree char *resources = pairs (ws, "SELECT resource, area FROM resource_area");
  g_autofree char *resources_c = pairs (
    ws, "SELECT s.fid, a.fid FROM resource s, area a WHERE Stead_Contains (a.geom, s.geom)");

  g_assert_cmpstr (needs, ==, needs_c);
  g_assert_cmpstr (resources, ==, resources_c);
}

static gint64
add_area (SteadWorkspace *ws,
          const char     *code,
          SteadGeometry  *geometry)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadTransaction) txn = stead_workspace_begin (ws, "core", "Add an area", &error);
  gint64 fid;

  g_assert_no_error (error);
  fid = stead_transaction_insert_area (txn, "ward", code, code, geometry, &error);
  g_assert_no_error (error);
  g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));
  return fid;
}

static void
run (SteadWorkspace   *ws,
     const char       *summary,
     const char       *sql,
     const SteadValue *values,
     guint             n_values)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (stead_workspace_edit (ws, "core", summary, sql, values, n_values, &error), >=,
                   0);
  g_assert_no_error (error);
}

/* A concave star with a hole, and a square apart: the shapes where an
 * even-odd count goes wrong if an edge is lost or counted twice. */
static SteadGeometry *
star_with_hole (double cx,
                double cy)
{
  SteadCoord star[17];
  static const SteadCoord hole[] = {
    { -0.01, -0.01 }, { 0.01, -0.01 }, { 0.01, 0.01 }, { -0.01, 0.01 }, { -0.01, -0.01 },
  };
  SteadCoord shifted[G_N_ELEMENTS (hole)];
  static const SteadCoord square[] = {
    { 0.10, 0.10 }, { 0.14, 0.10 }, { 0.14, 0.14 }, { 0.10, 0.14 }, { 0.10, 0.10 },
  };
  SteadCoord apart[G_N_ELEMENTS (square)];
  g_autoptr(SteadGeometry) polygon = NULL;
  g_autoptr(SteadGeometry) other = NULL;
  SteadGeometry *multi = stead_geometry_new_multipolygon ();

  for (guint i = 0; i < 16; i++)
    {
      double r = i % 2 == 0 ? 0.05 : 0.02;

      star[i].x = cx + r * cos (i * G_PI / 8);
      star[i].y = cy + r * sin (i * G_PI / 8);
    }
  star[16] = star[0];
  for (guint i = 0; i < G_N_ELEMENTS (hole); i++)
    shifted[i] = (SteadCoord) { cx + hole[i].x, cy + hole[i].y };
  for (guint i = 0; i < G_N_ELEMENTS (square); i++)
    apart[i] = (SteadCoord) { cx + square[i].x, cy + square[i].y };
  polygon = stead_geometry_new_polygon (star, G_N_ELEMENTS (star));
  stead_geometry_add_interior_ring (polygon, shifted, G_N_ELEMENTS (shifted));
  other = stead_geometry_new_polygon (apart, G_N_ELEMENTS (apart));
  stead_geometry_add_polygon (multi, polygon);
  stead_geometry_add_polygon (multi, other);
  return multi;
}

/* Points all over the shapes, and on the rows of their vertices (a ray
 * through a vertex is where a half-open rule decides). */
static void
add_points (SteadWorkspace *ws,
            double          cx,
            double          cy,
            guint32         seed)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadTransaction) txn = stead_workspace_begin (ws, "core", "Add points", &error);

  for (guint i = 0; i < 600; i++)
    {
      double x = cx + g_rand_double_range (rng, -0.06, 0.16);
      double y = cy + g_rand_double_range (rng, -0.06, 0.16);

      if (i % 5 == 0)
        y = cy + (i % 3 == 0 ? 0.05 : 0.02) * sin ((i % 16) * G_PI / 8);
      if (i % 7 == 0)
        y = cy + (i % 2 == 0 ? -0.01 : 0.10);
      if (i % 2 == 0)
        g_assert_cmpint (stead_transaction_insert_need (txn, "food", NULL, x, y, 1, 2, NULL,
                                                        1767225600, NULL, 0, &error), >, 0);
      else
        g_assert_cmpint (stead_transaction_insert_resource (txn, "transport", NULL, x, y, 1, NULL,
                                                            NULL, 0, &error), >, 0);
    }
  g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));
  g_assert_no_error (error);
}

static void
test_views_follow_writes (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(SteadGeometry) star = star_with_hole (-2.16, 51.99);
  g_autoptr(SteadGeometry) moved = star_with_hole (-2.13, 51.99);
  g_autoptr(SteadGeometry) tip = stead_geometry_new_point (-2.13 + 0.035, 51.99);
  g_autofree char *before = NULL;
  g_autofree char *after_move = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GError) error = NULL;
  gint64 area;

  add_points (f->ws, -2.16, 51.99, 1);
  area = add_area (f->ws, "STAR", star);
  add_area (f->ws, "STAR-2", moved);
  assert_views_agree (f->ws);
  before = pairs (f->ws, "SELECT need, area FROM need_area");
  /* Some inside, some in the hole or outside. */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need_area"), >, 20);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(DISTINCT need) FROM need_area"), <,
                   stead_test_count (f->ws, "SELECT count(*) FROM need"));
  /* The centre is in the hole: no need near it is in the star. */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need_area h JOIN need n ON "
                                            "n.fid = h.need WHERE h.code = 'STAR' AND "
                                            "abs (ST_MinX (n.geom) + 2.16) < 0.009 AND "
                                            "abs (ST_MinY (n.geom) - 51.99) < 0.009"),
                   ==, 0);

  /* The area moves: the views follow, and follow undo and redo. */
  run (f->ws, "Move the star", "UPDATE area SET geom = ?1 WHERE fid = ?2",
       STEAD_ARGS (STEAD_GEOMETRY (moved), STEAD_INT (area)));
  assert_views_agree (f->ws);
  after_move = pairs (f->ws, "SELECT need, area FROM need_area");
  g_assert_cmpstr (after_move, !=, before);
  g_assert_true (stead_workspace_undo (f->ws, &error));
  assert_views_agree (f->ws);
  now = pairs (f->ws, "SELECT need, area FROM need_area");
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);
  g_assert_true (stead_workspace_redo (f->ws, &error));
  now = pairs (f->ws, "SELECT need, area FROM need_area");
  g_assert_cmpstr (now, ==, after_move);
  g_clear_pointer (&now, g_free);

  /* Deleted, and the deletion undone. */
  run (f->ws, "Remove the star", "DELETE FROM area WHERE fid = ?1", STEAD_ARGS (STEAD_INT (area)));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need_area WHERE code = 'STAR'"),
                   ==, 0);
  assert_views_agree (f->ws);
  g_assert_true (stead_workspace_undo (f->ws, &error));
  now = pairs (f->ws, "SELECT need, area FROM need_area");
  g_assert_cmpstr (now, ==, after_move);

  /* Needs that move are placed again, by the views alone: all on the ray
   * through the tip of both stars, so each lies in both. */
  run (f->ws, "Move the needs", "UPDATE need SET geom = ?1",
       STEAD_ARGS (STEAD_GEOMETRY (tip)));
  assert_views_agree (f->ws);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need_area"), ==,
                   2 * stead_test_count (f->ws, "SELECT count(*) FROM need"));
  assert_views_agree (f->ws);
}

/* Another tool changes an area: the views leave it out rather than keep
 * its old outline. */
static void
test_views_drop_areas_changed_elsewhere (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(SteadGeometry) star = star_with_hole (-2.16, 51.99);
  g_autoptr(SteadGeometry) moved = star_with_hole (-1.0, 50.0);
  g_autoptr(GBytes) blob = stead_geometry_to_gpkg (moved, 4326);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  add_points (f->ws, -2.16, 51.99, 2);
  add_area (f->ws, "STAR", star);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need_area"), >, 0);
  stead_workspace_close (f->ws);
  g_clear_object (&f->ws);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_true (stead_sql_register_functions (db, &error));
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE area SET geom = ? WHERE code = 'STAR'", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, g_bytes_get_data (blob, NULL), g_bytes_get_size (blob),
                     SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  f->ws = stead_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need_area"), ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM resource_area"), ==, 0);
}

static void
exec_raw (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A workspace as Stead wrote it before core schema 8: times without
 * milliseconds or with microseconds, views that call Stead_Contains. */
static void
test_upgrade_from_schema_7 (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(SteadGeometry) star = star_with_hole (-2.16, 51.99);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *audit = NULL;
  sqlite3 *db = NULL;

  add_points (f->ws, -2.16, 51.99, 3);
  add_area (f->ws, "STAR", star);
  stead_workspace_close (f->ws);
  g_clear_object (&f->ws);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_true (stead_sql_register_functions (db, &error));
  exec_raw (db,
            "DELETE FROM stead_schema WHERE owner = 'core' AND version > 7;"
            "ALTER TABLE taxonomy DROP COLUMN unit;"
            /* 010-casework.sql */
            "DROP INDEX need_assignee; DROP INDEX need_opened; DROP INDEX need_status;"
            "DROP INDEX resource_availability;"
            "ALTER TABLE need DROP COLUMN assignee; ALTER TABLE need DROP COLUMN assigned;"
            "ALTER TABLE need DROP COLUMN met; ALTER TABLE need DROP COLUMN notes;"
            "DELETE FROM stead_personal_data WHERE table_name = 'need' AND column_name = 'notes';"
            "DROP TRIGGER stead_workspace_uid; ALTER TABLE stead_workspace DROP COLUMN uid;"
            "DROP VIEW need_area; DROP VIEW resource_area;"
            "DROP TRIGGER stead_area_edge_area_update; DROP TRIGGER stead_area_edge_area_delete;"
            "DROP TABLE stead_area_edge;"
            "CREATE VIEW need_area AS SELECT n.fid AS need, a.fid AS area, a.kind AS kind, "
            "  a.code AS code, a.name AS name FROM need n JOIN rtree_area_geom r"
            "  ON r.minx <= ST_MinX (n.geom) AND r.maxx >= ST_MaxX (n.geom)"
            "  AND r.miny <= ST_MinY (n.geom) AND r.maxy >= ST_MaxY (n.geom)"
            "  JOIN area a ON a.fid = r.id WHERE Stead_Contains (a.geom, n.geom);"
            "CREATE VIEW resource_area AS SELECT s.fid AS resource, a.fid AS area, "
            "  a.kind AS kind, a.code AS code, a.name AS name FROM resource s"
            "  JOIN rtree_area_geom r ON r.minx <= ST_MinX (s.geom) AND r.maxx >= ST_MaxX (s.geom)"
            "  AND r.miny <= ST_MinY (s.geom) AND r.maxy >= ST_MaxY (s.geom)"
            "  JOIN area a ON a.fid = r.id WHERE Stead_Contains (a.geom, s.geom);"
            "UPDATE need SET opened = '2025-11-09T10:12:00Z', closed = '2025-11-10T00:12:00Z'"
            "  WHERE fid = 1;"
            "UPDATE need SET opened = '2025-11-09' WHERE fid = 2;"
            "UPDATE need SET opened = 'last Tuesday' WHERE fid = 3;"
            "UPDATE stead_workspace SET created = '2026-12-01T10:20:00.582038Z';"
            "UPDATE stead_schema SET applied = '2026-12-01T10:20:00.604674Z';"
            "DROP TRIGGER stead_audit_no_update;"
            "UPDATE stead_audit SET time = '2026-12-01T10:20:00.612393Z';"
            "CREATE TRIGGER stead_audit_no_update BEFORE UPDATE ON stead_audit BEGIN"
            "  SELECT RAISE (ABORT, 'stead_audit is append-only'); END;");
  sqlite3_close (db);

  f->ws = stead_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stead_workspace_get_schema_version (f->ws, "core"), >=, 8);
  {
    /* An older workspace gets its own id, for the stable ids of its exports. */
    g_autofree char *uid = stead_workspace_dup_uid (f->ws);

    g_assert_cmpuint (strlen (uid), ==, 32);
    g_assert_cmpuint (strspn (uid, "0123456789abcdef"), ==, 32);
  }
  backup = stead_workspace_get_last_backup (f->ws);
  g_assert_nonnull (backup);
  /* Resource kinds gain the unit their capacity counts (schema 9). */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM taxonomy WHERE "
                                            "vocabulary = 'resource-kind' AND code = "
                                            "'rest-centre' AND unit = 'places'"),
                   ==, 1);
  /* Needs gain casework columns, empty, their notes personal (schema 10). */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need WHERE assignee IS NULL "
                                            "AND assigned IS NULL AND met IS NULL "
                                            "AND notes IS NULL"),
                   ==, stead_test_count (f->ws, "SELECT count(*) FROM need"));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM stead_personal_data WHERE "
                                            "table_name = 'need' AND column_name = 'notes'"),
                   ==, 1);

  /* The same instants, in GeoPackage 1.3's form; what is no time, kept. */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need WHERE fid = 1 AND "
                                            "opened = '2025-11-09T10:12:00.000Z' AND "
                                            "closed = '2025-11-10T00:12:00.000Z'"),
                   ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need WHERE fid = 2 AND "
                                            "opened = '2025-11-09T00:00:00.000Z'"),
                   ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need WHERE fid = 3 AND "
                                            "opened = 'last Tuesday'"),
                   ==, 1);
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT count(*) FROM stead_workspace "
                             "WHERE created = '2026-12-01T10:20:00.582Z'"), ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM stead_schema WHERE applied "
                                            "NOT GLOB '*-*-*T*:*:*.[0-9][0-9][0-9]Z'"),
                   ==, 0);
  audit = stead_test_text (f->ws, "SELECT time FROM stead_audit ORDER BY id LIMIT 1");
  g_assert_cmpstr (audit, ==, "2026-12-01T10:20:00.612Z");

  /* Still append-only. */
  {
    g_autoptr(SteadTransaction) txn = stead_workspace_begin (f->ws, "core", "Tamper", &error);

    g_assert_false (stead_transaction_exec (txn, "UPDATE stead_audit SET summary = 'x'", &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "append-only"));
  }

  /* The views are the new ones, with the areas' edges built. */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM sqlite_master WHERE type = "
                                            "'view' AND sql LIKE '%Stead_Contains%'"),
                   ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need_area"), >, 0);
  assert_views_agree (f->ws);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/conformance/views-follow-writes", test_views_follow_writes);
  ADD ("/core/conformance/views-drop-areas-changed-elsewhere",
       test_views_drop_areas_changed_elsewhere);
  ADD ("/core/conformance/upgrade-from-schema-7", test_upgrade_from_schema_7);

  return g_test_run ();
}
