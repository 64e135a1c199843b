/* test-geometry.c: GeoPackage geometry blobs and the ST_ SQL functions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "stead.h"
#include "stead-sql-functions-private.h"

static const SteadCoord square[] = { { 0, 0 }, { 10, 0 }, { 10, 10 }, { 0, 10 }, { 0, 0 } };
static const SteadCoord hole[] = { { 4, 4 }, { 6, 4 }, { 6, 6 }, { 4, 6 }, { 4, 4 } };
static const SteadCoord far[] = { { 20, 20 }, { 30, 20 }, { 30, 25 }, { 20, 20 } };

static SteadGeometry *
roundtrip (SteadGeometry *geometry)
{
  g_autoptr(GBytes) blob = stead_geometry_to_gpkg (geometry, 4326);
  g_autoptr(GError) error = NULL;
  gint32 srs = 0;
  SteadGeometry *back;

  back = stead_geometry_new_from_gpkg (g_bytes_get_data (blob, NULL), g_bytes_get_size (blob), &srs,
                                       &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpint (srs, ==, 4326);
  g_assert_true (stead_geometry_equal (geometry, back));
  return back;
}

static void
test_roundtrip (void)
{
  g_autoptr(SteadGeometry) point = stead_geometry_new_point (-2.16, 51.99);
  g_autoptr(SteadGeometry) polygon = stead_geometry_new_polygon (square, G_N_ELEMENTS (square));
  g_autoptr(SteadGeometry) multi = stead_geometry_new_multipolygon ();
  g_autoptr(SteadGeometry) far_polygon = stead_geometry_new_polygon (far, G_N_ELEMENTS (far));
  g_autoptr(SteadGeometry) back = NULL;
  double x, y;
  gsize n;

  back = roundtrip (point);
  g_assert_true (stead_geometry_get_point (back, &x, &y));
  g_assert_cmpfloat (x, ==, -2.16);
  g_assert_cmpfloat (y, ==, 51.99);
  g_clear_pointer (&back, stead_geometry_unref);

  stead_geometry_add_interior_ring (polygon, hole, G_N_ELEMENTS (hole));
  back = roundtrip (polygon);
  g_assert_cmpuint (stead_geometry_get_n_rings (back, 0), ==, 2);
  g_assert_nonnull (stead_geometry_get_ring (back, 0, 1, &n));
  g_assert_cmpuint (n, ==, 5);
  g_clear_pointer (&back, stead_geometry_unref);

  stead_geometry_add_polygon (multi, polygon);
  stead_geometry_add_polygon (multi, far_polygon);
  back = roundtrip (multi);
  g_assert_cmpuint (stead_geometry_get_n_polygons (back), ==, 2);
  g_clear_pointer (&back, stead_geometry_unref);

  for (SteadGeometryType t = STEAD_GEOMETRY_POINT; t <= STEAD_GEOMETRY_MULTIPOLYGON; t++)
    {
      g_autoptr(SteadGeometry) empty = NULL;
      g_autoptr(GBytes) blob = NULL;

      if (t == 4 || t == 5)
        continue;
      empty = stead_geometry_new_empty (t);
      back = roundtrip (empty);
      g_assert_true (stead_geometry_is_empty (back));
      g_clear_pointer (&back, stead_geometry_unref);

      /* The header says empty (flag bit 4). */
      blob = stead_geometry_to_gpkg (empty, 4326);
      g_assert_true (((const guint8 *) g_bytes_get_data (blob, NULL))[3] & 0x10);
    }
}

static void
test_header (void)
{
  g_autoptr(SteadGeometry) polygon = stead_geometry_new_polygon (far, G_N_ELEMENTS (far));
  g_autoptr(SteadGeometry) point = stead_geometry_new_point (1, 2);
  g_autoptr(GBytes) blob = stead_geometry_to_gpkg (polygon, 4326);
  g_autoptr(GBytes) point_blob = stead_geometry_to_gpkg (point, 27700);
  const guint8 *b = g_bytes_get_data (blob, NULL);
  double env[4];
  gint32 srs;

  g_assert_cmpint (b[0], ==, 'G');
  g_assert_cmpint (b[1], ==, 'P');
  g_assert_cmpint (b[2], ==, 0);
  g_assert_cmpint (b[3], ==, 0x03); /* little endian, xy envelope */
  memcpy (&srs, b + 4, 4);
  g_assert_cmpint (GINT32_FROM_LE (srs), ==, 4326);
  memcpy (env, b + 8, sizeof env);
  g_assert_cmpfloat (env[0], ==, 20);  /* minx, maxx, miny, maxy */
  g_assert_cmpfloat (env[1], ==, 30);
  g_assert_cmpfloat (env[2], ==, 20);
  g_assert_cmpfloat (env[3], ==, 25);
  /* WKB follows: little-endian polygon. */
  g_assert_cmpint (b[40], ==, 1);
  g_assert_cmpint (b[41], ==, 3);

  /* Points carry no envelope. */
  b = g_bytes_get_data (point_blob, NULL);
  g_assert_cmpint (b[3], ==, 0x01);
  g_assert_cmpuint (g_bytes_get_size (point_blob), ==, 8 + 21);
}

static void
put_be32 (GByteArray *a, guint32 v)
{
  v = GUINT32_TO_BE (v);
  g_byte_array_append (a, (guint8 *) &v, 4);
}
static void
put_le32 (GByteArray *a, guint32 v)
{
  v = GUINT32_TO_LE (v);
  g_byte_array_append (a, (guint8 *) &v, 4);
}
static void
put_be_double (GByteArray *a, double d)
{
  guint64 v;
  memcpy (&v, &d, 8);
  v = GUINT64_TO_BE (v);
  g_byte_array_append (a, (guint8 *) &v, 8);
}
static void
put_le_double (GByteArray *a, double d)
{
  guint64 v;
  memcpy (&v, &d, 8);
  v = GUINT64_TO_LE (v);
  g_byte_array_append (a, (guint8 *) &v, 8);
}

static void
test_foreign_encodings (void)
{
  g_autoptr(GByteArray) big = g_byte_array_new ();
  g_autoptr(GByteArray) z = g_byte_array_new ();
  g_autoptr(SteadGeometry) g = NULL;
  g_autoptr(GError) error = NULL;
  SteadEnvelope env;
  gboolean empty;
  double x, y;
  gint32 srs;

  /* Big-endian header and WKB point, as other tools may write. */
  g_byte_array_append (big, (const guint8 *) "GP\0\0", 4);
  put_be32 (big, 4326);
  g_byte_array_append (big, (const guint8 *) "\0", 1);
  put_be32 (big, 1);
  put_be_double (big, -1.5);
  put_be_double (big, 52.25);
  g = stead_geometry_new_from_gpkg (big->data, big->len, &srs, &error);
  g_assert_no_error (error);
  g_assert_true (stead_geometry_get_point (g, &x, &y));
  g_assert_cmpfloat (x, ==, -1.5);
  g_assert_cmpfloat (y, ==, 52.25);
  g_assert_cmpint (srs, ==, 4326);
  g_clear_pointer (&g, stead_geometry_unref);

  /* An XYZ envelope (indicator 2) and an ISO PointZ (1001). */
  g_byte_array_append (z, (const guint8 *) "GP\0\x05", 4);
  put_le32 (z, 4326);
  for (int i = 0; i < 6; i++)
    put_le_double (z, (double[]) { 3, 3, 4, 4, 9, 9 }[i]);
  g_byte_array_append (z, (const guint8 *) "\1", 1);
  put_le32 (z, 1001);
  put_le_double (z, 3);
  put_le_double (z, 4);
  put_le_double (z, 9);
  g = stead_geometry_new_from_gpkg (z->data, z->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (stead_geometry_get_point (g, &x, &y));
  g_assert_cmpfloat (x, ==, 3);
  g_assert_cmpfloat (y, ==, 4);
  g_assert_true (stead_gpkg_blob_get_envelope (z->data, z->len, &env, &empty, &error));
  g_assert_false (empty);
  g_assert_cmpfloat (env.min_x, ==, 3);
  g_assert_cmpfloat (env.max_y, ==, 4);
}

static void
test_malformed (void)
{
  g_autoptr(SteadGeometry) polygon = stead_geometry_new_polygon (square, G_N_ELEMENTS (square));
  g_autoptr(SteadGeometry) multi = stead_geometry_new_multipolygon ();
  g_autoptr(GBytes) blob = NULL;
  g_autoptr(GByteArray) unsupported = g_byte_array_new ();
  g_autoptr(GByteArray) huge = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  const guint8 *data;
  gsize len;

  stead_geometry_add_interior_ring (polygon, hole, G_N_ELEMENTS (hole));
  stead_geometry_add_polygon (multi, polygon);
  blob = stead_geometry_to_gpkg (multi, 4326);
  data = g_bytes_get_data (blob, &len);

  /* Every truncation of a valid blob is an error, never a crash. */
  for (gsize cut = 0; cut < len; cut++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, cut);
      SteadEnvelope env;

      g_assert_null (stead_geometry_new_from_gpkg (copy, cut, NULL, &error));
      g_assert_error (error, STEAD_GEOMETRY_ERROR, STEAD_GEOMETRY_ERROR_INVALID);
      g_clear_error (&error);
      if (cut < 40)
        {
          g_assert_false (stead_gpkg_blob_get_envelope (copy, cut, &env, NULL, &error));
          g_clear_error (&error);
        }
    }

  g_assert_null (stead_geometry_new_from_gpkg ((const guint8 *) "XP\0\1\0\0\0\0", 8, NULL, &error));
  g_assert_error (error, STEAD_GEOMETRY_ERROR, STEAD_GEOMETRY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "magic"));
  g_clear_error (&error);

  /* A well-formed MultiPoint: not something Stead stores. */
  g_byte_array_append (unsupported, (const guint8 *) "GP\0\1", 4);
  put_le32 (unsupported, 4326);
  g_byte_array_append (unsupported, (const guint8 *) "\1", 1);
  put_le32 (unsupported, 4);
  put_le32 (unsupported, 0);
  g_assert_null (stead_geometry_new_from_gpkg (unsupported->data, unsupported->len, NULL, &error));
  g_assert_error (error, STEAD_GEOMETRY_ERROR, STEAD_GEOMETRY_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  /* A ring claiming four billion points in a few bytes. */
  g_byte_array_append (huge, (const guint8 *) "GP\0\1", 4);
  put_le32 (huge, 4326);
  g_byte_array_append (huge, (const guint8 *) "\1", 1);
  put_le32 (huge, 3);
  put_le32 (huge, 1);
  put_le32 (huge, 0xffffffffu);
  g_assert_null (stead_geometry_new_from_gpkg (huge->data, huge->len, NULL, &error));
  g_assert_error (error, STEAD_GEOMETRY_ERROR, STEAD_GEOMETRY_ERROR_INVALID);
}

static void
test_contains (void)
{
  g_autoptr(SteadGeometry) polygon = stead_geometry_new_polygon (square, G_N_ELEMENTS (square));
  g_autoptr(SteadGeometry) multi = stead_geometry_new_multipolygon ();
  g_autoptr(SteadGeometry) far_polygon = stead_geometry_new_polygon (far, G_N_ELEMENTS (far));

  stead_geometry_add_interior_ring (polygon, hole, G_N_ELEMENTS (hole));
  g_assert_true (stead_geometry_contains_point (polygon, 2, 2));
  g_assert_false (stead_geometry_contains_point (polygon, 5, 5));   /* in the hole */
  g_assert_false (stead_geometry_contains_point (polygon, 11, 5));
  stead_geometry_add_polygon (multi, polygon);
  stead_geometry_add_polygon (multi, far_polygon);
  g_assert_true (stead_geometry_contains_point (multi, 25, 21));
  g_assert_false (stead_geometry_contains_point (multi, 15, 15));
}

static gint64
query_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? -999 : sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static void
test_sql_functions (void)
{
  g_autoptr(SteadGeometry) polygon = stead_geometry_new_polygon (far, G_N_ELEMENTS (far));
  g_autoptr(SteadGeometry) empty = stead_geometry_new_empty (STEAD_GEOMETRY_POINT);
  g_autoptr(GBytes) blob = stead_geometry_to_gpkg (polygon, 4326);
  g_autoptr(GBytes) empty_blob = stead_geometry_to_gpkg (empty, 4326);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (stead_sql_register_functions (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (
    sqlite3_exec (db,
                  "CREATE TABLE t (fid INTEGER PRIMARY KEY, geom BLOB);"
                  "CREATE VIRTUAL TABLE rtree_t_geom USING rtree(id, minx, maxx, miny, maxy);"
                  "CREATE TRIGGER rtree_t_geom_insert AFTER INSERT ON t "
                  "WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN "
                  "INSERT OR REPLACE INTO rtree_t_geom VALUES (NEW.fid, ST_MinX(NEW.geom), "
                  "ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom)); END;",
                  NULL, NULL, NULL),
    ==, SQLITE_OK);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO t (geom) VALUES (?)", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, g_bytes_get_data (blob, NULL), g_bytes_get_size (blob),
                     SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  sqlite3_bind_blob (stmt, 1, g_bytes_get_data (empty_blob, NULL), g_bytes_get_size (empty_blob),
                     SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  g_assert_cmpint (query_int (db, "SELECT ST_MinX(geom) FROM t WHERE fid = 1"), ==, 20);
  g_assert_cmpint (query_int (db, "SELECT ST_MaxX(geom) FROM t WHERE fid = 1"), ==, 30);
  g_assert_cmpint (query_int (db, "SELECT ST_MaxY(geom) FROM t WHERE fid = 1"), ==, 25);
  g_assert_cmpint (query_int (db, "SELECT ST_IsEmpty(geom) FROM t WHERE fid = 1"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT ST_IsEmpty(geom) FROM t WHERE fid = 2"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT ST_MinX(geom) FROM t WHERE fid = 2"), ==, -999);
  g_assert_cmpint (query_int (db, "SELECT ST_SRID(geom) FROM t WHERE fid = 1"), ==, 4326);
  /* The trigger indexed the polygon, not the empty point. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM rtree_t_geom"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT id FROM rtree_t_geom WHERE minx <= 25 AND maxx >= 25"),
                   ==, 1);

  /* A malformed blob is an error, not a silent wrong index entry. */
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO t (geom) VALUES (x'47500001')", NULL, NULL, NULL),
                   ==, SQLITE_ERROR);
  g_assert_nonnull (strstr (sqlite3_errmsg (db), "truncated"));
  sqlite3_close (db);
}

static void
test_fast_point (void)
{
  g_autoptr(SteadGeometry) point = stead_geometry_new_point (-2.16, 51.99);
  g_autoptr(SteadGeometry) empty = stead_geometry_new_empty (STEAD_GEOMETRY_POINT);
  g_autoptr(SteadGeometry) polygon = stead_geometry_new_polygon (square, G_N_ELEMENTS (square));
  g_autoptr(GBytes) a = stead_geometry_to_gpkg (point, 4326);
  g_autoptr(GBytes) b = stead_geometry_to_gpkg (empty, 4326);
  g_autoptr(GBytes) c = stead_geometry_to_gpkg (polygon, 4326);
  double x = 0, y = 0;

  g_assert_true (
    stead_gpkg_blob_get_point (g_bytes_get_data (a, NULL), g_bytes_get_size (a), &x, &y));
  g_assert_cmpfloat (x, ==, -2.16);
  g_assert_cmpfloat (y, ==, 51.99);
  g_assert_false (
    stead_gpkg_blob_get_point (g_bytes_get_data (b, NULL), g_bytes_get_size (b), &x, &y));
  g_assert_false (
    stead_gpkg_blob_get_point (g_bytes_get_data (c, NULL), g_bytes_get_size (c), &x, &y));
  for (gsize cut = 0; cut < g_bytes_get_size (a); cut++)
    g_assert_false (stead_gpkg_blob_get_point (g_bytes_get_data (a, NULL), cut, &x, &y));
}

/* A point on the surface is inside, where the centre of the envelope is
 * not: a U whose middle is its gap, a ring whose middle is its hole, and
 * the larger of two parts. The oracle is the even-odd rule by hand. */
static gboolean
inside_by_hand (const SteadCoord *ring,
                gsize             n,
                double            x,
                double            y)
{
  gboolean in = FALSE;

  for (gsize i = 0, j = n - 1; i < n; j = i++)
    if ((ring[i].y > y) != (ring[j].y > y) &&
        x < ring[j].x + (y - ring[j].y) * (ring[i].x - ring[j].x) / (ring[i].y - ring[j].y))
      in = !in;
  return in;
}

static void
test_point_on_surface (void)
{
  static const SteadCoord u[] = { { 0, 0 }, { 3, 0 }, { 3, 3 }, { 2, 3 }, { 2, 1 },
                                  { 1, 1 }, { 1, 3 }, { 0, 3 }, { 0, 0 } };
  static const SteadCoord outer[] = { { 0, 0 }, { 10, 0 }, { 10, 10 }, { 0, 10 }, { 0, 0 } };
  static const SteadCoord hole_ring[] = { { 2, 2 }, { 8, 2 }, { 8, 8 }, { 2, 8 }, { 2, 2 } };
  static const SteadCoord small[] = { { 20, 0 }, { 21, 0 }, { 21, 1 }, { 20, 1 }, { 20, 0 } };
  double x, y;

  {
    g_autoptr(SteadGeometry) polygon = stead_geometry_new_polygon (u, G_N_ELEMENTS (u));

    g_assert_false (inside_by_hand (u, G_N_ELEMENTS (u), 1.5, 1.5));   /* the centre: the gap */
    g_assert_true (stead_geometry_point_on_surface (polygon, &x, &y));
    g_assert_true (inside_by_hand (u, G_N_ELEMENTS (u), x, y));
  }
  {
    g_autoptr(SteadGeometry) polygon = stead_geometry_new_polygon (outer, 5);

    stead_geometry_add_interior_ring (polygon, hole_ring, 5);
    g_assert_true (stead_geometry_point_on_surface (polygon, &x, &y));
    g_assert_true (inside_by_hand (outer, 5, x, y));
    g_assert_false (inside_by_hand (hole_ring, 5, x, y));
  }
  {
    g_autoptr(SteadGeometry) multi = stead_geometry_new_multipolygon ();
    g_autoptr(SteadGeometry) a = stead_geometry_new_polygon (small, 5);
    g_autoptr(SteadGeometry) b = stead_geometry_new_polygon (outer, 5);

    stead_geometry_add_polygon (multi, a);
    stead_geometry_add_polygon (multi, b);
    g_assert_true (stead_geometry_point_on_surface (multi, &x, &y));
    g_assert_true (inside_by_hand (outer, 5, x, y));
  }
  {
    g_autoptr(SteadGeometry) point = stead_geometry_new_point (1, 1);

    g_assert_false (stead_geometry_point_on_surface (point, &x, &y));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/geometry/roundtrip", test_roundtrip);
  g_test_add_func ("/core/geometry/point-on-surface", test_point_on_surface);
  g_test_add_func ("/core/geometry/header", test_header);
  g_test_add_func ("/core/geometry/foreign-encodings", test_foreign_encodings);
  g_test_add_func ("/core/geometry/malformed", test_malformed);
  g_test_add_func ("/core/geometry/contains", test_contains);
  g_test_add_func ("/core/geometry/sql-functions", test_sql_functions);
  g_test_add_func ("/core/geometry/fast-point", test_fast_point);

  return g_test_run ();
}
