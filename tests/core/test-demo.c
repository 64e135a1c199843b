/* test-demo.c: the demo area is the real open geography it ships
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The oracles are the source files in data/demo, read here with json-glib
 * and plain C (their polygons, a point-in-polygon of this file's own, the
 * GeoPackage blobs parsed here), never through Stead's readers.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "stead.h"
#include "stead-test-util.h"

#define N_POSTCODES 2627

/* ------------------------------------------------------------------------ */
/* The source files, read here                                              */

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "demo", name, NULL);
}

/* Rings as flat x, y doubles; a shape is every ring of its polygons. */
typedef struct
{
  char      *code;
  char      *name;
  GPtrArray *rings;   /* GArray of double: x0, y0, x1, y1, … */
} Shape;

static void
shape_free (Shape *shape)
{
  g_free (shape->code);
  g_free (shape->name);
  g_ptr_array_unref (shape->rings);
  g_free (shape);
}

static void
add_ring (Shape     *shape,
          JsonArray *positions)
{
  GArray *ring = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < json_array_get_length (positions); i++)
    {
      JsonArray *xy = json_array_get_array_element (positions, i);
      double x = json_array_get_double_element (xy, 0);
      double y = json_array_get_double_element (xy, 1);

      g_array_append_val (ring, x);
      g_array_append_val (ring, y);
    }
  g_ptr_array_add (shape->rings, ring);
}

static void
add_polygon (Shape     *shape,
             JsonArray *rings)
{
  for (guint r = 0; r < json_array_get_length (rings); r++)
    add_ring (shape, json_array_get_array_element (rings, r));
}

/* The features of a GeoJSON file, with the properties named for code and
 * name. */
static GPtrArray *
read_shapes (const char *file,
             const char *code_property,
             const char *name_property)
{
  g_autofree char *path = data_path (file);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *shapes = g_ptr_array_new_with_free_func ((GDestroyNotify) shape_free);
  JsonArray *features;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  features = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "features");
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *feature = json_array_get_object_element (features, i);
      JsonObject *properties = json_object_get_object_member (feature, "properties");
      JsonObject *geometry = json_object_get_object_member (feature, "geometry");
      JsonArray *coordinates = json_object_get_array_member (geometry, "coordinates");
      const char *type = json_object_get_string_member (geometry, "type");
      Shape *shape = g_new0 (Shape, 1);

      shape->code = g_strdup (json_object_get_string_member (properties, code_property));
      shape->name = g_strdup (json_object_get_string_member (properties, name_property));
      shape->rings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      if (g_str_equal (type, "Polygon"))
        add_polygon (shape, coordinates);
      else
        {
          g_assert_cmpstr (type, ==, "MultiPolygon");
          for (guint p = 0; p < json_array_get_length (coordinates); p++)
            add_polygon (shape, json_array_get_array_element (coordinates, p));
        }
      g_ptr_array_add (shapes, shape);
    }
  return shapes;
}

/* Even-odd over every ring: a point in a hole crosses its ring too. The
 * polygons of these files do not overlap, so this is "inside one of them". */
static gboolean
shape_contains (const Shape *shape,
                double       x,
                double       y)
{
  gboolean inside = FALSE;

  for (guint r = 0; r < shape->rings->len; r++)
    {
      GArray *ring = g_ptr_array_index (shape->rings, r);
      const double *c = (const double *) (gpointer) ring->data;
      guint n = ring->len / 2;

      for (guint i = 0, j = n - 1; i < n; j = i++)
        if ((c[2 * i + 1] > y) != (c[2 * j + 1] > y) &&
            x < (c[2 * j] - c[2 * i]) * (y - c[2 * i + 1]) / (c[2 * j + 1] - c[2 * i + 1]) +
                  c[2 * i])
          inside = !inside;
    }
  return inside;
}

static const Shape *
shape_by_code (GPtrArray  *shapes,
               const char *code)
{
  for (guint i = 0; i < shapes->len; i++)
    if (g_strcmp0 (((Shape *) g_ptr_array_index (shapes, i))->code, code) == 0)
      return g_ptr_array_index (shapes, i);
  return NULL;
}

/* The Code-Point file: postcode and admin ward (columns 1 and 10), no header. */
static GPtrArray *
read_codepoint (void)
{
  g_autofree char *path = data_path ("codepoint-open-2014-08-tewkesbury.csv");
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char **fields;

      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      g_strdelimit (lines[i], "\"", ' ');
      fields = g_strsplit (lines[i], ",", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 10);
      for (guint f = 0; fields[f] != NULL; f++)
        g_strstrip (fields[f]);
      g_ptr_array_add (rows, fields);
    }
  return rows;
}

/* "GL3 2JR" and "GL193BB" as the directory keys them: no space. */
static char *
postcode_key (const char *postcode)
{
  GString *key = g_string_new (NULL);

  for (const char *p = postcode; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (key, g_ascii_toupper (*p));
  return g_string_free (key, FALSE);
}

/* ------------------------------------------------------------------------ */
/* GeoPackage blobs, parsed here (GeoPackage 1.3, clause 2.1.3)            */

typedef struct
{
  const guint8 *p;
  const guint8 *end;
} Reader;

static guint32
read_u32 (Reader  *r,
          gboolean little)
{
  guint32 v;

  g_assert_cmpint (r->end - r->p, >=, 4);
  memcpy (&v, r->p, 4);
  r->p += 4;
  return little ? GUINT32_FROM_LE (v) : GUINT32_FROM_BE (v);
}

static double
read_double (Reader  *r,
             gboolean little)
{
  guint64 bits;
  double v;

  g_assert_cmpint (r->end - r->p, >=, 8);
  memcpy (&bits, r->p, 8);
  r->p += 8;
  bits = little ? GUINT64_FROM_LE (bits) : GUINT64_FROM_BE (bits);
  memcpy (&v, &bits, 8);
  return v;
}

/* Skips the header ("GP", version, flags, srs_id, envelope) to the WKB. */
static Reader
blob_wkb (const guint8 *blob,
          int           size)
{
  static const guint envelope_doubles[] = { 0, 4, 6, 6, 8 };
  Reader r = { blob, blob + size };
  guint indicator;

  g_assert_cmpint (size, >=, 8);
  g_assert_true (blob[0] == 'G' && blob[1] == 'P');
  indicator = (blob[3] >> 1) & 7;
  g_assert_cmpuint (indicator, <, G_N_ELEMENTS (envelope_doubles));
  r.p += 8 + 8 * envelope_doubles[indicator];
  return r;
}

/* A WKB point's x and y. */
static void
blob_point (const guint8 *blob,
            int           size,
            double       *x,
            double       *y)
{
  Reader r = blob_wkb (blob, size);
  gboolean little = *r.p++ == 1;

  g_assert_cmpuint (read_u32 (&r, little), ==, 1);
  *x = read_double (&r, little);
  *y = read_double (&r, little);
}

static void
wkb_polygon_rings (Reader    *r,
                   GPtrArray *rings)
{
  gboolean little = *r->p++ == 1;
  guint32 n_rings;

  g_assert_cmpuint (read_u32 (r, little), ==, 3);
  n_rings = read_u32 (r, little);
  for (guint32 i = 0; i < n_rings; i++)
    {
      guint32 n = read_u32 (r, little);
      GArray *ring = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * n);

      for (guint32 k = 0; k < 2 * n; k++)
        {
          double v = read_double (r, little);

          g_array_append_val (ring, v);
        }
      g_ptr_array_add (rings, ring);
    }
}

/* Every ring of a WKB polygon or multipolygon, in order. */
static GPtrArray *
blob_rings (const guint8 *blob,
            int           size)
{
  GPtrArray *rings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  Reader r = blob_wkb (blob, size);
  Reader peek = r;
  gboolean little = *peek.p++ == 1;
  guint32 type = read_u32 (&peek, little);

  if (type == 3)
    wkb_polygon_rings (&r, rings);
  else
    {
      guint32 n;

      g_assert_cmpuint (type, ==, 6);
      r = peek;
      n = read_u32 (&r, little);
      for (guint32 i = 0; i < n; i++)
        wkb_polygon_rings (&r, rings);
    }
  g_assert_true (r.p == r.end);
  return rings;
}

/* ------------------------------------------------------------------------ */
/* Fixture: a demo workspace without plugins                               */

typedef struct
{
  char           *dir;
  char           *path;
  SteadWorkspace *ws;
  GPtrArray      *boundary;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("stead-demo-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "demo.gpkg", NULL);
  f->ws = stead_workspace_create (f->path, "Tewkesbury (demo)", NULL, &error);
  g_assert_no_error (error);
  /* More needs than postcodes: some are a few metres off theirs. */
  g_assert_true (stead_demo_populate (f->ws, GPOINTER_TO_UINT (data), 11, &error));
  g_assert_no_error (error);
  f->boundary = read_shapes ("district-2013.geojson", "LAD13CD", "LAD13NM");
  g_assert_cmpuint (f->boundary->len, ==, 1);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->ws);
  g_ptr_array_unref (f->boundary);
  stead_test_rm_rf (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The areas of one kind are the features of the file, every one: the
 * same codes, names and vertices. */
static void
assert_areas_are (SteadWorkspace *ws,
                  const char     *kind,
                  GPtrArray      *shapes)
{
  g_autoptr(sqlite3_stmt) stmt =
    stead_workspace_prepare (ws, "SELECT code, name, geom FROM area WHERE kind = ?", NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      const Shape *shape = shape_by_code (shapes, code);
      g_autoptr(GPtrArray) rings = NULL;

      g_assert_nonnull (shape);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, shape->name);
      g_assert_false (g_hash_table_contains (seen, shape->code));
      g_hash_table_add (seen, shape->code);

      rings = blob_rings (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));
      g_assert_cmpuint (rings->len, ==, shape->rings->len);
      for (guint r = 0; r < rings->len; r++)
        {
          GArray *got = g_ptr_array_index (rings, r);
          GArray *want = g_ptr_array_index (shape->rings, r);

          g_assert_cmpuint (got->len, ==, want->len);
          g_assert_cmpmem (got->data, got->len * sizeof (double), want->data,
                           want->len * sizeof (double));
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, shapes->len);
}

/* The boundary, the 22 wards of 2013 and the 50 LSOAs of 2011 are those
 * of the files, and the flood zone lies inside the boundary. */
static void
test_areas_are_the_open_data (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) wards = read_shapes ("wards-2013.geojson", "WD13CD", "WD13NM");
  g_autoptr(GPtrArray) lsoas = read_shapes ("lsoa-2011.geojson", "LSOA11CD", "LSOA11NM");
  g_autoptr(GPtrArray) zone = read_shapes ("flood-zone.geojson", "code", "name");
  const Shape *boundary = g_ptr_array_index (f->boundary, 0);
  const Shape *flood = g_ptr_array_index (zone, 0);

  g_assert_cmpuint (wards->len, ==, 22);
  g_assert_cmpuint (lsoas->len, ==, 50);
  g_assert_cmpstr (boundary->code, ==, "E07000083");

  assert_areas_are (f->ws, "boundary", f->boundary);
  assert_areas_are (f->ws, "ward", wards);
  assert_areas_are (f->ws, "lsoa", lsoas);
  assert_areas_are (f->ws, "hazard", zone);
  g_assert_cmpint (stead_workspace_count_rows (f->ws, "area"), ==, 1 + 22 + 50 + 1);

  /* Every vertex of the flood zone is inside the boundary. */
  for (guint r = 0; r < flood->rings->len; r++)
    {
      GArray *ring = g_ptr_array_index (flood->rings, r);

      for (guint i = 0; i < ring->len; i += 2)
        g_assert_true (shape_contains (boundary, g_array_index (ring, double, i),
                                       g_array_index (ring, double, i + 1)));
    }
}

/* The postcode directory is the Code-Point file, and each postcode lies
 * in the ward OS gives it: eastings and northings became longitude and
 * latitude, the right way round. */
static void
test_postcodes_are_code_point (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) wards = read_shapes ("wards-2013.geojson", "WD13CD", "WD13NM");
  g_autoptr(GPtrArray) rows = read_codepoint ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint in_ward = 0;

  g_assert_cmpuint (rows->len, ==, N_POSTCODES);
  g_assert_cmpint (stead_workspace_count_rows (f->ws, "stead_postcode"), ==, N_POSTCODES);
  stmt = stead_workspace_prepare (f->ws, "SELECT lon, lat FROM stead_postcode WHERE postcode = ?",
                                  NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autofree char *key = postcode_key (row[0]);
      const Shape *ward = shape_by_code (wards, row[9]);

      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_nonnull (ward);
      in_ward += shape_contains (ward, sqlite3_column_double (stmt, 0),
                                 sqlite3_column_double (stmt, 1));
      sqlite3_reset (stmt);
    }
  /* Two lie a few metres over the generalised ward lines. */
  g_test_message ("%u of %u postcodes in their ward", in_ward, N_POSTCODES);
  g_assert_cmpuint (in_ward, >=, N_POSTCODES - 5);
}

/* Every need and resource is inside the boundary, at a postcode or a few
 * metres from one; each postcode has a need before any has two; the
 * flood's needs are in the flood zone. */
static void
test_needs_at_postcodes_inside (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) zone = read_shapes ("flood-zone.geojson", "code", "name");
  const Shape *boundary = g_ptr_array_index (f->boundary, 0);
  g_autoptr(GArray) postcodes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GHashTable) at = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint inside_boundary = 0, exact = 0, incident = 0, incident_flooded = 0, rest = 0,
        rest_flooded = 0, n = 0;
  const char *tables[] = { "need", "resource" };

  stmt = stead_workspace_prepare (f->ws, "SELECT lon, lat FROM stead_postcode", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double xy[2] = { sqlite3_column_double (stmt, 0), sqlite3_column_double (stmt, 1) };

      g_array_append_vals (postcodes, xy, 2);
      if (shape_contains (boundary, xy[0], xy[1]))
        {
          inside_boundary++;
          /* Code-Point gives some postcodes the same position. */
          g_hash_table_add (places, g_strdup_printf ("%.9f %.9f", xy[0], xy[1]));
        }
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf (
        "SELECT geom, %s FROM %s ORDER BY fid", t == 0 ? "opened" : "NULL", tables[t]);

      stmt = stead_workspace_prepare (f->ws, sql, NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *opened = (const char *) sqlite3_column_text (stmt, 1);
          double x, y, nearest = G_MAXDOUBLE;
          g_autofree char *key = NULL;
          gboolean flooded;

          blob_point (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), &x, &y);
          if (!shape_contains (boundary, x, y))
            g_error ("%s %u at %.6f, %.6f is outside the boundary", tables[t], n, x, y);
          for (guint i = 0; i < postcodes->len; i += 2)
            nearest = MIN (nearest, hypot ((g_array_index (postcodes, double, i) - x) * 68700,
                                           (g_array_index (postcodes, double, i + 1) - y) *
                                             111320));
          /* 20 m, with room for the metres-per-degree here and there. */
          g_assert_cmpfloat (nearest, <, 21);
          key = g_strdup_printf ("%.9f %.9f", x, y);
          if (nearest == 0 && !g_hash_table_contains (at, key))
            exact++;
          g_hash_table_add (at, g_steal_pointer (&key));
          n++;

          if (opened == NULL)
            continue;
          flooded = shape_contains (g_ptr_array_index (zone, 0), x, y);
          /* The flood's week and the recovery after it. */
          if (strcmp (opened, "2026-07-19T23") >= 0 && strcmp (opened, "2026-10-01") < 0)
            {
              incident++;
              incident_flooded += flooded;
            }
          else
            {
              rest++;
              rest_flooded += flooded;
            }
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  g_assert_cmpuint (n, ==, stead_workspace_count_rows (f->ws, "need") +
                             stead_workspace_count_rows (f->ws, "resource"));
  /* Code-Point puts three just outside the generalised boundary. */
  g_assert_cmpuint (inside_boundary, ==, N_POSTCODES - 3);
  /* Scale 5000 is well over the postcodes: every place has a record. */
  g_assert_cmpuint (exact, ==, g_hash_table_size (places));
  g_test_message ("flood zone: %u of %u incident needs, %u of %u others", incident_flooded,
                  incident, rest_flooded, rest);
  g_assert_cmpuint (incident_flooded * 2, >, incident);
  g_assert_cmpuint (rest_flooded * 10, <, rest);
}

/* ------------------------------------------------------------------------ */
/* As an officer meets it: stead-cli                                        */

static int
run_cli (char       **out,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, (char *) g_getenv ("STEAD_CLI"));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, &err,
                &wait_status, &error);
  g_assert_no_error (error);
  if (err != NULL && *err != '\0')
    g_test_message ("stderr: %s", err);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

/* The README's postcode workflow on the demo: a needs file with postcodes
 * and no positions imports whole, each need in its postcode's ward. */
static void
test_postcode_needs_import (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-demo-XXXXXX", NULL);
  g_autofree char *ws_path = g_build_filename (dir, "demo.gpkg", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) rows = read_codepoint ();
  g_autoptr(GPtrArray) wards = read_shapes ("wards-2013.geojson", "WD13CD", "WD13NM");
  g_autoptr(GString) csv = g_string_new ("Need,Postcode\n");
  g_autoptr(GFile) needs = NULL;
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *added = NULL;
  guint n = 0, in_ward = 0;
  gint64 before;

  g_assert_cmpint (run_cli (NULL, "demo", ws_path, "--scale", "20", NULL), ==, 0);
  /* Every seventh postcode, written as people write them: "GL20 5AB". */
  for (guint i = 0; i < rows->len; i += 7, n++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autofree char *key = postcode_key (row[0]);
      gsize len = strlen (key);

      g_string_append_printf (csv, "%s,%.*s %s\n", n % 2 ? "food" : "welfare-check",
                              (int) len - 3, key, key + len - 3);
    }
  needs = stead_test_write_file (dir, "needs.csv", csv->str);
  ws = stead_workspace_open (ws_path, NULL, &error);
  g_assert_no_error (error);
  before = stead_workspace_count_rows (ws, "need");
  stead_workspace_close (ws);
  g_clear_object (&ws);

  {
    g_autofree char *needs_path = g_file_get_path (needs);

    g_assert_cmpint (run_cli (&out, "import", ws_path, needs_path, "--format", "needs-csv", NULL),
                     ==, 0);
  }
  added = g_strdup_printf (": %u rows added, 0 updated, 0 rejected", n);
  g_assert_nonnull (strstr (out, added));

  ws = stead_workspace_open (ws_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stead_workspace_count_rows (ws, "need"), ==, before + n);
  stmt = stead_workspace_prepare (ws, "SELECT geom FROM need ORDER BY fid LIMIT -1 OFFSET ?",
                                  NULL);
  sqlite3_bind_int64 (stmt, 1, before);
  for (guint i = 0; i < rows->len; i += 7)
    {
      char **row = g_ptr_array_index (rows, i);
      double x, y;

      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      blob_point (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), &x, &y);
      in_ward += shape_contains (shape_by_code (wards, row[9]), x, y);
    }
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_test_message ("%u of %u imported needs in their postcode's ward", in_ward, n);
  g_assert_cmpuint (in_ward, >=, n - 2);
  g_clear_pointer (&stmt, sqlite3_finalize);
  stead_workspace_close (ws);
  stead_test_rm_rf (dir);
}

/* `stead-cli info` of the demo says whose data it is, in the words the
 * licence asks for, and which vintages. */
static void
test_info_attribution (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-demo-XXXXXX", NULL);
  g_autofree char *ws_path = g_build_filename (dir, "demo.gpkg", NULL);
  g_autofree char *out = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  static const char *statements[] = {
    "Contains OS data © Crown copyright and database right 2014",
    "Contains Royal Mail data © Royal Mail copyright and database right 2014",
    "Source: Office for National Statistics licensed under the Open Government Licence v3.0",
  };
  const char *text;

  g_assert_cmpint (run_cli (NULL, "demo", ws_path, "--scale", "10", NULL), ==, 0);
  g_assert_cmpint (run_cli (&out, "info", ws_path, NULL), ==, 0);
  g_assert_cmpint (run_cli (&json, "info", ws_path, "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  text = json_object_get_string_member (
    json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                   "attribution"),
    "demo");
  g_assert_nonnull (text);
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autofree char *line = g_strconcat ("\n", statements[i], "\n", NULL);

      g_assert_nonnull (strstr (out, line));
      g_assert_nonnull (strstr (text, statements[i]));
    }
  g_assert_nonnull (strstr (text, "wards (2013)"));
  g_assert_nonnull (strstr (text, "LSOAs (2011)"));
  stead_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/demo/areas-are-the-open-data", Fixture, GUINT_TO_POINTER (30), fixture_setup,
              test_areas_are_the_open_data, fixture_teardown);
  g_test_add ("/demo/postcodes-are-code-point", Fixture, GUINT_TO_POINTER (30), fixture_setup,
              test_postcodes_are_code_point, fixture_teardown);
  g_test_add ("/demo/needs-at-postcodes-inside-the-boundary", Fixture, GUINT_TO_POINTER (5000),
              fixture_setup, test_needs_at_postcodes_inside, fixture_teardown);
  g_test_add_func ("/demo/postcode-needs-import", test_postcode_needs_import);
  g_test_add_func ("/demo/info-attribution", test_info_attribution);
  return g_test_run ();
}
