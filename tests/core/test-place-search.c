/* test-place-search.c: what the map's search finds, checked against published positions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "stead.h"
#include "stead-test-util.h"

#define AREA "Vale of Placebury"

#define metres_between stead_test_metres_between

/* ------------------------------------------------------------------------ */
/* Grid references: the values Ordnance Survey publishes                    */

typedef struct
{
  const char *text;
  double      easting;
  double      northing;
  double      size;
} GridCase;

/* Where each comes from: the examples ("SO 89 32" = 389000
 * 232000, "TQ 30 80" = 530000 180000); Ben Nevis's summit, NN 166 712 on
 * OS maps; the Caister water tower of OS's "A guide to coordinate
 * systems in Great Britain", TG 51409 13177 = 651409 313177; SV 00 00,
 * the grid's false origin. */
static const GridCase grid_cases[] = {
  { "SO 89 32", 389000, 232000, 1000 },
  { "SO8932", 389000, 232000, 1000 },
  { "so 89 32", 389000, 232000, 1000 },
  { "  sO8932 ", 389000, 232000, 1000 },
  { "SO 89000 32000", 389000, 232000, 1 },
  { "SO8900032000", 389000, 232000, 1 },
  { "SO 8 3", 380000, 230000, 10000 },
  { "SO 893 321", 389300, 232100, 100 },
  { "SO 8930 3210", 389300, 232100, 10 },
  { "TQ 30 80", 530000, 180000, 1000 },
  { "TQ3080", 530000, 180000, 1000 },
  { "NN 166 712", 216600, 771200, 100 },
  { "TG 51409 13177", 651409, 313177, 1 },
  { "SV 00 00", 0, 0, 1000 },
  { "HP 60 10", 460000, 1210000, 1000 },
  { "389000,232000", 389000, 232000, 1 },
  { "389000 232000", 389000, 232000, 1 },
  { "389000, 232000", 389000, 232000, 1 },
  { "651409.903,313177.270", 651409.903, 313177.270, 1 },
};

static void
test_grid_ref_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (grid_cases); i++)
    {
      const GridCase *c = &grid_cases[i];
      double e = -1, n = -1, size = -1;

      g_test_message ("%s", c->text);
      g_assert_true (stead_grid_ref_parse (c->text, &e, &n, &size));
      g_assert_cmpfloat_with_epsilon (e, c->easting, 1e-6);
      g_assert_cmpfloat_with_epsilon (n, c->northing, 1e-6);
      g_assert_cmpfloat_with_epsilon (size, c->size, 1e-9);
    }
}

/* Letters that name no square of Great Britain's grid, digits that do
 * not split evenly, and anything else. */
static void
test_grid_ref_refused (void)
{
  static const char *refused[] = {
    "SI 89 32",        /* no I in the grid */
    "IO 89 32",
    "S0 89 32",        /* a zero for the O */
    "XO 89 32",        /* X's 500 km square is south of the grid */
    "TZ 00 00",        /* east of it */
    "AA 00 00",
    "SO",              /* a 100 km square alone is not asked for */
    "SO 893",          /* odd digit counts */
    "SO893",
    "SO 89 321",       /* unequal halves */
    "SO 89 32 1",
    "SO 89000032000",  /* twelve digits */
    "SO 89a32",
    "SO-89-32",
    "52 2",            /* degrees, not metres */
    "52.0, -2.15",
    "389000",
    "389000,,232000",
    "389000 232000 5",
    "800000 100000",   /* east of the grid */
    "-389000 232000",
    "",
    "Tewkesbury",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      double e, n, size;

      g_test_message ("%s", refused[i]);
      g_assert_false (stead_grid_ref_parse (refused[i], &e, &n, &size));
    }
}

static void
test_grid_ref_format (void)
{
  g_autofree char *so = stead_grid_ref_format (389000, 232000, 2);
  g_autofree char *so_within = stead_grid_ref_format (389999, 232999, 2);
  g_autofree char *tq = stead_grid_ref_format (530000, 180000, 2);
  g_autofree char *nn = stead_grid_ref_format (216666, 771288, 3);
  g_autofree char *tg = stead_grid_ref_format (651409.903, 313177.270, 5);
  g_autofree char *sv = stead_grid_ref_format (0, 0, 0);
  g_autofree char *outside = stead_grid_ref_format (700000, 0, 2);

  g_assert_cmpstr (so, ==, "SO 89 32");
  g_assert_cmpstr (so_within, ==, "SO 89 32");
  g_assert_cmpstr (tq, ==, "TQ 30 80");
  g_assert_cmpstr (nn, ==, "NN 166 712");
  g_assert_cmpstr (tg, ==, "TG 51409 13177");
  g_assert_cmpstr (sv, ==, "SV");
  g_assert_null (outside);

  /* Every 100 km square of the grid reads back as the corner it names. */
  for (int e = 0; e < 7; e++)
    for (int n = 0; n < 13; n++)
      {
        g_autofree char *ref = stead_grid_ref_format (e * 100000 + 12340, n * 100000 + 56780, 4);
        double re, rn;

        g_assert_true (stead_grid_ref_parse (ref, &re, &rn, NULL));
        g_assert_cmpfloat (re, ==, e * 100000 + 12340);
        g_assert_cmpfloat (rn, ==, n * 100000 + 56780);
      }
}

/* ------------------------------------------------------------------------ */
/* Coordinates                                                               */

static void
test_coordinates (void)
{
  static const struct
  {
    const char *text;
    double      lat;
    double      lon;
  } cases[] = {
    { "52.0, -2.15", 52.0, -2.15 },
    { "52.0,-2.15", 52.0, -2.15 },
    { "52 -2.15", 52.0, -2.15 },
    { "52.0; -2.15", 52.0, -2.15 },
    { "52°N 2.15°W", 52.0, -2.15 },
    { "52° N, 2.15° W", 52.0, -2.15 },
    { "52N 2.15W", 52.0, -2.15 },
    { "N52 W2.15", 52.0, -2.15 },
    { "2.15°W 52°N", 52.0, -2.15 },
    { "52°0′0″N 2°9′0″W", 52.0, -2.15 },
    { "52°0'0\"N 2°9'0\"W", 52.0, -2.15 },
    { "52 0 0 N 2 9 0 W", 52.0, -2.15 },
    { "51°30′N 0°7.5′W", 51.5, -0.125 },
    { "33.9°S 151.2°E", -33.9, 151.2 },
  };
  static const char *refused[] = {
    "91, 0", "52, 181", "52°61′N 2°W", "52N, -2.15", "52N 2.15N", "N1 9", "52 0 2 9",
    "52.5°30′N 2°W", "-52°N 2°W", "52, 2, 3", "hello", "", "GL20 5AB", "SO 89 32",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double lat = 0, lon = 0;

      g_test_message ("%s", cases[i].text);
      g_assert_true (stead_coordinates_parse (cases[i].text, &lat, &lon));
      g_assert_cmpfloat_with_epsilon (lat, cases[i].lat, 1e-9);
      g_assert_cmpfloat_with_epsilon (lon, cases[i].lon, 1e-9);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      double lat, lon;

      g_test_message ("%s", refused[i]);
      g_assert_false (stead_coordinates_parse (refused[i], &lat, &lon));
    }
}

/* ------------------------------------------------------------------------ */
/* Searching a workspace                                                     */

typedef struct
{
  char              *dir;
  GSettings         *settings;
  SteadPluginEngine *engine;
  SteadWorkspace    *ws;
} Fixture;

/* The demo area (Tewkesbury) with partners, its postcodes from the real
 * Code-Point Open extract. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *enabled[] = { "partners", "risks", NULL };
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("stead-place-XXXXXX", &error);
  g_assert_no_error (error);
  f->settings = g_settings_new (APP_ID);
  g_settings_set_strv (f->settings, "enabled-plugins", enabled);
  f->engine = stead_plugin_engine_new (f->settings);
  stead_plugin_engine_load_enabled (f->engine);
  path = g_build_filename (f->dir, "ws.gpkg", NULL);
  f->ws = stead_workspace_create (path, AREA, f->engine, &error);
  g_assert_no_error (error);
  g_assert_true (stead_demo_populate (f->ws, 50, 5, &error));
  g_assert_no_error (error);

  /* The demo brings the real postcode directory (OS Code-Point Open). */
  g_assert_cmpint (stead_workspace_count_rows (f->ws, "stead_postcode"), ==, 2627);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  stead_workspace_close (f->ws);
  g_clear_object (&f->ws);
  g_clear_object (&f->engine);
  g_clear_object (&f->settings);
  stead_test_rm_rf (f->dir);
  g_free (f->dir);
}

static GPtrArray *
find (Fixture    *f,
      const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *places = stead_workspace_find_places (f->ws, text, 20, &error);

  g_assert_no_error (error);
  g_assert_nonnull (places);
  return places;
}

/* The first place found for @text, which must be of @label. */
static SteadPlace *
find_first (Fixture    *f,
            const char *text,
            const char *label)
{
  g_autoptr(GPtrArray) places = find (f, text);
  SteadPlace *first;

  g_test_message ("%s", text);
  g_assert_cmpuint (places->len, >, 0);
  first = g_ptr_array_index (places, 0);
  g_assert_cmpstr (stead_place_get_label (first), ==, label);
  return g_object_ref (first);
}

/* The position PROJ gives is the WGS84 one, within 5 m of what was
 * computed beforehand; OSGB36's own latitude and longitude (what
 * forgetting the datum shift would give) are about 100 m away. */
static void
test_grid_ref_to_wgs84 (Fixture       *f,
                        gconstpointer  data)
{
  static const struct
  {
    const char *text;
    double      lat, lon;       /* WGS84 */
    double      osgb_lat, osgb_lon;
  } cases[] = {
    /* SW1A 1AA (Buckingham Palace): the ONS Postcode Directory gives
     * 529090 179645 and lat 51.501009, long -0.141588. */
    { "529090 179645", 51.501009, -0.141588, 51.5004980, -0.1399829 },
    { "TQ 29090 79645", 51.501009, -0.141588, 51.5004980, -0.1399829 },
    /* Tewkesbury: cs2cs (PROJ 9.1.1) EPSG:27700 to EPSG:4326, and the
     * same from an independent implementation of OS's inverse
     * Transverse Mercator on Airy 1830 and the EPSG:1314 Helmert
     * (tx 446.448 m, ty -125.157, tz 542.060, rx 0.1502″, ry 0.2470″,
     * rz 0.8421″, s -20.4894 ppm), agreeing to 1e-7 degrees. */
    { "SO 89000 32000", 51.9863445, -2.1615883, 51.9859203, -2.1601970 },
    { "389000,232000", 51.9863445, -2.1615883, 51.9859203, -2.1601970 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SteadPlace) place = find_first (f, cases[i].text, "Grid reference");
      SteadEnvelope extent;
      double lon, lat;

      g_assert_cmpint (stead_place_get_kind (place), ==, STEAD_PLACE_GRID_REFERENCE);
      g_assert_false (stead_place_get_extent (place, &extent));   /* a point */
      stead_place_get_location (place, &lon, &lat);
      g_assert_cmpfloat (metres_between (lon, lat, cases[i].lon, cases[i].lat), <, 5);
      g_assert_cmpfloat (metres_between (lon, lat, cases[i].osgb_lon, cases[i].osgb_lat), >, 80);
    }
}

/* "SO 89 32" is the kilometre square north-east of 389000 232000: its
 * south-west corner there, its middle at 389500 232500 (cs2cs:
 * 51.9908497, -2.1543230), its outline drawn. */
static void
test_grid_square (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SteadPlace) place = find_first (f, "so8932", "Grid reference");
  GPtrArray *shapes = stead_place_get_shapes (place);
  SteadEnvelope extent;
  double lon, lat;

  g_assert_cmpstr (stead_place_get_title (place), ==, "SO 89 32");
  g_assert_cmpstr (stead_place_get_detail (place), ==, "389000, 232000");
  g_assert_cmpuint (shapes->len, ==, 1);
  g_assert_cmpint (stead_geometry_get_geometry_type (g_ptr_array_index (shapes, 0)), ==,
                   STEAD_GEOMETRY_POLYGON);
  g_assert_true (stead_place_get_extent (place, &extent));
  stead_place_get_location (place, &lon, &lat);
  g_assert_cmpfloat (metres_between (lon, lat, -2.1543230, 51.9908497), <, 5);
  /* West edge through the corner's longitude, south edge its latitude. */
  g_assert_cmpfloat (metres_between (extent.min_x, lat, -2.1615883, lat), <, 20);
  g_assert_cmpfloat (metres_between (lon, extent.min_y, lon, 51.9863445), <, 20);
  /* About 1 km across. */
  g_assert_cmpfloat (metres_between (extent.min_x, lat, extent.max_x, lat), >, 990);
  g_assert_cmpfloat (metres_between (extent.min_x, lat, extent.max_x, lat), <, 1040);

  /* Numbers are a position and nothing else. */
  {
    g_autoptr(GPtrArray) places = find (f, "389000 232000");

    g_assert_cmpuint (places->len, ==, 1);
  }
}

static void
test_coordinates_place (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SteadPlace) decimal = find_first (f, "51.99, -2.16", "Coordinates");
  g_autoptr(SteadPlace) dms = find_first (f, "51°59′24″N 2°9′36″W", "Coordinates");
  double lon, lat;

  stead_place_get_location (decimal, &lon, &lat);
  g_assert_cmpfloat_with_epsilon (lon, -2.16, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 51.99, 1e-9);
  g_assert_cmpstr (stead_place_get_title (decimal), ==, "51.99000, -2.16000");
  g_assert_cmpstr (stead_place_get_detail (decimal), ==, "51°59′24″ N, 2°9′36″ W");
  stead_place_get_location (dms, &lon, &lat);
  g_assert_cmpfloat_with_epsilon (lon, -2.16, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 51.99, 1e-9);
}

/* A whole postcode as written in any way finds its row of the directory;
 * GL20 5AB is at 389259 232684 in Code-Point Open, which cs2cs puts at
 * 51.9924993, -2.1578385. */
static void
test_postcode (Fixture       *f,
               gconstpointer  data)
{
  static const char *written[] = { "GL20 5AB", "GL205AB", "gl20 5ab", " Gl205Ab ", "GL20  5AB" };
  double want_lon, want_lat;

  g_assert_true (stead_test_count (f->ws, "SELECT count(*) FROM stead_postcode "
                                          "WHERE postcode = 'GL205AB'") == 1);
  {
    g_autoptr(sqlite3_stmt) row = stead_workspace_prepare (
      f->ws, "SELECT lon, lat FROM stead_postcode WHERE postcode = 'GL205AB'", NULL);

    g_assert_cmpint (sqlite3_step (row), ==, SQLITE_ROW);
    want_lon = sqlite3_column_double (row, 0);
    want_lat = sqlite3_column_double (row, 1);
  }
  g_assert_cmpfloat (metres_between (want_lon, want_lat, -2.1578385, 51.9924993), <, 5);

  for (guint i = 0; i < G_N_ELEMENTS (written); i++)
    {
      g_autoptr(GPtrArray) places = find (f, written[i]);
      SteadPlace *place;
      double lon, lat;

      g_test_message ("%s", written[i]);
      g_assert_cmpuint (places->len, ==, 1);
      place = g_ptr_array_index (places, 0);
      g_assert_cmpint (stead_place_get_kind (place), ==, STEAD_PLACE_POSTCODE);
      g_assert_cmpstr (stead_place_get_label (place), ==, "Postcode");
      g_assert_cmpstr (stead_place_get_title (place), ==, "GL20 5AB");
      stead_place_get_location (place, &lon, &lat);
      g_assert_cmpfloat (lon, ==, want_lon);
      g_assert_cmpfloat (lat, ==, want_lat);
    }

  /* Not in this directory: nothing, not an error. */
  {
    g_autoptr(GPtrArray) places = find (f, "SW1A 1AA");

    g_assert_cmpuint (places->len, ==, 0);
  }
}

/* A district is the box its postcodes cover; the start of a postcode
 * lists the first few that start so. */
static void
test_postcode_district (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SteadPlace) district = find_first (f, "gl20", "Postcode district");
  g_autoptr(SteadPlace) sector = find_first (f, "GL20 5", "Postcode sector");
  g_autoptr(GPtrArray) units = find (f, "GL20 5A");
  g_autofree char *count = NULL;
  g_autofree char *detail = NULL;
  SteadEnvelope extent;
  gint64 n_units;

  /* Counted here by pattern: GL20 and three characters, not GL2 0AA. */
  count = stead_test_text (f->ws, "SELECT count(*) FROM stead_postcode "
                                  "WHERE postcode GLOB 'GL20[0-9][A-Z][A-Z]'");
  detail = g_strdup_printf ("%s postcodes", count);
  g_assert_cmpstr (stead_place_get_title (district), ==, "GL20");
  g_assert_cmpstr (stead_place_get_detail (district), ==, detail);
  g_assert_true (stead_place_get_extent (district, &extent));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM stead_postcode WHERE "
                                            "postcode GLOB 'GL20[0-9][A-Z][A-Z]' AND lon = "
                                            "(SELECT min (lon) FROM stead_postcode "
                                            "WHERE postcode GLOB 'GL20[0-9][A-Z][A-Z]')"),
                   >=, 1);
  g_assert_cmpstr (stead_place_get_title (sector), ==, "GL20 5");

  n_units = stead_test_count (f->ws, "SELECT count(*) FROM stead_postcode "
                                     "WHERE postcode GLOB 'GL205A*'");
  g_assert_cmpint (n_units, >, 2);
  /* The postcodes come first; partner sites whose address holds the
   * postcode may follow them. */
  g_assert_cmpuint (units->len, >=, MIN (n_units, 8));
  for (guint i = 0; i < MIN (n_units, 8); i++)
    {
      SteadPlace *unit = g_ptr_array_index (units, i);

      g_assert_cmpint (stead_place_get_kind (unit), ==, STEAD_PLACE_POSTCODE);
      g_assert_true (g_str_has_prefix (stead_place_get_title (unit), "GL20 5A"));
    }
  for (guint i = MIN (n_units, 8); i < units->len; i++)
    g_assert_cmpint (stead_place_get_kind (g_ptr_array_index (units, i)), !=,
                     STEAD_PLACE_POSTCODE);
}

/* A ward by part of its name, in any case: the start of a word, a piece
 * from the middle, or the starts of two words. */
static void
test_area (Fixture       *f,
           gconstpointer  data)
{
  static const struct
  {
    const char *text;
    const char *name;
  } cases[] = {
    /* Names and codes as data/demo/wards-2013.geojson has them. */
    { "newt", "Tewkesbury Newtown" },
    { "NORTHWAY", "Northway" },
    { "bury town", "Tewkesbury Town with Mitton" },
    { "churchdown st", "Churchdown St John's" },
    { "E05004408", "Ashchurch with Walton Cardiff" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SteadPlace) place = find_first (f, cases[i].text, "Ward");
      g_autoptr(sqlite3_stmt) box = NULL;
      SteadEnvelope extent;

      g_assert_cmpstr (stead_place_get_title (place), ==, cases[i].name);
      g_assert_cmpint (stead_place_get_kind (place), ==, STEAD_PLACE_AREA);
      g_assert_cmpstr (stead_place_get_owner (place), ==, "core");
      g_assert_cmpstr (stead_place_get_record_kind (place), ==, "area");
      /* Its extent is the area's, as the GeoPackage R-tree has it. */
      box = stead_workspace_prepare (f->ws, "SELECT r.minx, r.miny, r.maxx, r.maxy, a.code "
                                            "FROM rtree_area_geom r JOIN area a ON a.fid = r.id "
                                            "WHERE a.fid = ?", NULL);
      sqlite3_bind_int64 (box, 1, stead_place_get_ref (place));
      g_assert_cmpint (sqlite3_step (box), ==, SQLITE_ROW);
      g_assert_true (stead_place_get_extent (place, &extent));
      g_assert_cmpfloat_with_epsilon (extent.min_x, sqlite3_column_double (box, 0), 1e-5);
      g_assert_cmpfloat_with_epsilon (extent.min_y, sqlite3_column_double (box, 1), 1e-5);
      g_assert_cmpfloat_with_epsilon (extent.max_x, sqlite3_column_double (box, 2), 1e-5);
      g_assert_cmpfloat_with_epsilon (extent.max_y, sqlite3_column_double (box, 3), 1e-5);
      g_assert_cmpstr (stead_place_get_detail (place), ==,
                       (const char *) sqlite3_column_text (box, 4));
    }

  /* Words that are no place. */
  {
    g_autoptr(GPtrArray) places = find (f, "qqzzxx");

    g_assert_cmpuint (places->len, ==, 0);
  }
}

/* A partner site by its name is where the site is; a partner is where
 * all its sites are. */
static void
test_partner_site (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *name = stead_test_text (f->ws, "SELECT name FROM partners_site "
                                                  "WHERE geom IS NOT NULL ORDER BY fid LIMIT 1");
  g_autoptr(SteadPlace) site = find_first (f, name, "Partner site");
  g_autoptr(sqlite3_stmt) at = NULL;
  double lon, lat;

  g_assert_cmpstr (stead_place_get_title (site), ==, name);
  g_assert_cmpstr (stead_place_get_owner (site), ==, "partners");
  g_assert_cmpstr (stead_place_get_record_kind (site), ==, "site");
  at = stead_workspace_prepare (f->ws, "SELECT ST_MinX (geom), ST_MinY (geom) FROM partners_site "
                                       "WHERE fid = ?", NULL);
  sqlite3_bind_int64 (at, 1, stead_place_get_ref (site));
  g_assert_cmpint (sqlite3_step (at), ==, SQLITE_ROW);
  stead_place_get_location (site, &lon, &lat);
  g_assert_cmpfloat_with_epsilon (lon, sqlite3_column_double (at, 0), 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, sqlite3_column_double (at, 1), 1e-9);

  /* A partner: a pin on each site it has. */
  {
    g_autofree char *partner =
      stead_test_text (f->ws, "SELECT o.name FROM partners_organisation o "
                              "JOIN partners_site s ON s.organisation = o.id "
                              "WHERE s.geom IS NOT NULL AND o.name NOT GLOB '*[^A-Za-z ]*' "
                              "GROUP BY o.id ORDER BY count(*) DESC, o.id LIMIT 1");
    g_autoptr(sqlite3_stmt) sites = stead_workspace_prepare (
      f->ws, "SELECT count(*) FROM partners_site s JOIN partners_organisation o "
             "ON o.id = s.organisation WHERE s.geom IS NOT NULL AND o.name = ?", NULL);
    g_autoptr(GPtrArray) places = find (f, partner);
    SteadPlace *found = NULL;

    for (guint i = 0; i < places->len && found == NULL; i++)
      if (g_strcmp0 (stead_place_get_label (g_ptr_array_index (places, i)), "Partner") == 0)
        found = g_ptr_array_index (places, i);
    g_assert_nonnull (found);
    g_assert_cmpstr (stead_place_get_title (found), ==, partner);
    sqlite3_bind_text (sites, 1, partner, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (sites), ==, SQLITE_ROW);
    g_assert_cmpint (stead_place_get_shapes (found)->len, ==, sqlite3_column_int (sites, 0));
    g_assert_cmpint (stead_place_get_shapes (found)->len, >, 0);
  }
}

static void
on_found (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = stead_workspace_find_places_finish (STEAD_WORKSPACE (object), result, &error);
  g_assert_no_error (error);
}

static void
on_cancelled (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_null (stead_workspace_find_places_finish (STEAD_WORKSPACE (object), result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *done = TRUE;
}

/* In a thread, on a reader of its own: the same places; cancelled, none. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) sync = find (f, "GL20 5");
  g_autoptr(GPtrArray) async = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  stead_workspace_find_places_async (f->ws, "GL20 5", 20, NULL, on_found, &async);
  while (async == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (async->len, ==, sync->len);
  g_assert_cmpuint (async->len, >, 1);
  for (guint i = 0; i < sync->len; i++)
    g_assert_cmpstr (stead_place_get_title (g_ptr_array_index (async, i)), ==,
                     stead_place_get_title (g_ptr_array_index (sync, i)));

  g_cancellable_cancel (cancellable);
  stead_workspace_find_places_async (f->ws, "GL20 5", 20, cancellable, on_cancelled, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  /* Nothing typed, nothing found. */
  {
    g_autoptr(GPtrArray) none = find (f, "   ");

    g_assert_cmpuint (none->len, ==, 0);
  }
  /* At most as many as asked for. */
  {
    g_autoptr(GPtrArray) few = stead_workspace_find_places (f->ws, "GL20", 3, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (few->len, ==, 3);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/place/grid-ref/parse", test_grid_ref_parse);
  g_test_add_func ("/place/grid-ref/refused", test_grid_ref_refused);
  g_test_add_func ("/place/grid-ref/format", test_grid_ref_format);
  g_test_add_func ("/place/coordinates", test_coordinates);
  g_test_add ("/place/grid-ref/wgs84", Fixture, NULL, fixture_setup, test_grid_ref_to_wgs84,
              fixture_teardown);
  g_test_add ("/place/grid-ref/square", Fixture, NULL, fixture_setup, test_grid_square,
              fixture_teardown);
  g_test_add ("/place/coordinates/place", Fixture, NULL, fixture_setup, test_coordinates_place,
              fixture_teardown);
  g_test_add ("/place/postcode/whole", Fixture, NULL, fixture_setup, test_postcode,
              fixture_teardown);
  g_test_add ("/place/postcode/district", Fixture, NULL, fixture_setup, test_postcode_district,
              fixture_teardown);
  g_test_add ("/place/area", Fixture, NULL, fixture_setup, test_area, fixture_teardown);
  g_test_add ("/place/partner-site", Fixture, NULL, fixture_setup, test_partner_site,
              fixture_teardown);
  g_test_add ("/place/async", Fixture, NULL, fixture_setup, test_async, fixture_teardown);

  return g_test_run ();
}
