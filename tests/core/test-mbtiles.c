/* test-mbtiles.c: offline tiles, the TMS flip, and files that are refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "stead.h"

static char *dir;

static char *
make_db (const char *name,
         const char *sql)
{
  char *path = g_build_filename (dir, name, NULL);
  sqlite3 *db = NULL;

  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return path;
}

#define SCHEMA \
  "CREATE TABLE metadata (name TEXT, value TEXT);" \
  "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"

static void
test_tms_flip (void)
{
  g_autofree char *path = make_db (
    "good.mbtiles", SCHEMA
    "INSERT INTO metadata VALUES ('name', 'Tewkesbury'), ('format', 'png'), ('minzoom', '1'),"
    " ('maxzoom', '2'), ('bounds', '-2.3,51.9,-2.0,52.1'), ('attribution', 'Test tiles');"
    /* TMS: row 1 of zoom 1 is the northern half. */
    "INSERT INTO tiles VALUES (1, 0, 1, CAST('north-west' AS BLOB)), (1, 0, 0, CAST('south-west' "
    "AS BLOB)),"
    " (2, 3, 0, CAST('far south-east' AS BLOB));");
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadMBTiles) tiles = stead_mbtiles_open (path, &error);
  g_autoptr(GBytes) nw = NULL;
  g_autoptr(GBytes) sw = NULL;
  g_autoptr(GBytes) se = NULL;
  SteadEnvelope bounds;

  g_assert_no_error (error);
  g_assert_cmpstr (stead_mbtiles_get_name (tiles), ==, "Tewkesbury");
  g_assert_cmpstr (stead_mbtiles_get_format (tiles), ==, "png");
  g_assert_cmpstr (stead_mbtiles_get_attribution (tiles), ==, "Test tiles");
  g_assert_cmpuint (stead_mbtiles_get_min_zoom (tiles), ==, 1);
  g_assert_cmpuint (stead_mbtiles_get_max_zoom (tiles), ==, 2);
  g_assert_true (stead_mbtiles_get_bounds (tiles, &bounds));
  g_assert_cmpfloat (bounds.min_x, ==, -2.3);
  g_assert_cmpfloat (bounds.max_y, ==, 52.1);

  /* XYZ row 0 is the north. */
  nw = stead_mbtiles_get_tile (tiles, 1, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (nw, NULL), g_bytes_get_size (nw), "north-west", 10);
  sw = stead_mbtiles_get_tile (tiles, 1, 0, 1, &error);
  g_assert_cmpmem (g_bytes_get_data (sw, NULL), g_bytes_get_size (sw), "south-west", 10);
  se = stead_mbtiles_get_tile (tiles, 2, 3, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (se, NULL), g_bytes_get_size (se), "far south-east", 14);

  g_assert_null (stead_mbtiles_get_tile (tiles, 1, 1, 0, &error));
  g_assert_error (error, STEAD_MBTILES_ERROR, STEAD_MBTILES_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (stead_mbtiles_get_tile (tiles, 1, 2, 0, &error));
  g_assert_error (error, STEAD_MBTILES_ERROR, STEAD_MBTILES_ERROR_NOT_FOUND);
}

/* The layouts writers use: a table with the usual unique index, one
 * without it (indexed in memory on first read), and mb-util's
 * deduplicated map + images behind a "tiles" view. Each serves the same
 * tiles, flipped the same way. */
static void
test_layouts (void)
{
  static const struct { const char *name; const char *sql; } layouts[] = {
    { "indexed.mbtiles",
      SCHEMA "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);" },
    { "unindexed.mbtiles", SCHEMA },
    { "view.mbtiles",
      "CREATE TABLE metadata (name TEXT, value TEXT);"
      "CREATE TABLE map (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_id TEXT);"
      "CREATE UNIQUE INDEX map_index ON map (zoom_level, tile_column, tile_row);"
      "CREATE TABLE images (tile_data BLOB, tile_id TEXT);"
      "CREATE UNIQUE INDEX images_id ON images (tile_id);"
      "CREATE VIEW tiles AS SELECT map.zoom_level AS zoom_level, map.tile_column AS tile_column, "
      "  map.tile_row AS tile_row, images.tile_data AS tile_data "
      "  FROM map JOIN images ON images.tile_id = map.tile_id;" },
    { "view-unindexed.mbtiles",
      "CREATE TABLE metadata (name TEXT, value TEXT);"
      "CREATE TABLE map (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_id TEXT);"
      "CREATE TABLE images (tile_data BLOB, tile_id TEXT);"
      "CREATE VIEW tiles AS SELECT map.zoom_level AS zoom_level, map.tile_column AS tile_column, "
      "  map.tile_row AS tile_row, images.tile_data AS tile_data "
      "  FROM map JOIN images ON images.tile_id = map.tile_id;" },
  };

  for (guint l = 0; l < G_N_ELEMENTS (layouts); l++)
    {
      g_autofree char *path = make_db (layouts[l].name, layouts[l].sql);
      g_autoptr(SteadMBTiles) tiles = NULL;
      g_autoptr(GError) error = NULL;
      sqlite3 *db = NULL;
      gboolean view = g_str_has_prefix (layouts[l].name, "view");

      /* Zoom 3, every tile, its contents naming it in TMS rows. */
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      sqlite3_exec (db,
                    "INSERT INTO metadata VALUES ('format', 'png'), ('minzoom', '3'), ('maxzoom', "
                    "'3'); BEGIN",
                    NULL, NULL, NULL);
      for (int x = 0; x < 8; x++)
        for (int y = 0; y < 8; y++)
          {
            g_autofree char *sql = NULL;

            if (view)
              sql =
                g_strdup_printf ("INSERT INTO map VALUES (3, %d, %d, 't%d-%d');"
                                 "INSERT INTO images VALUES (CAST('tms %d/%d' AS BLOB), 't%d-%d');",
                                 x, y, x, y, x, y, x, y);
            else
              sql = g_strdup_printf (
                "INSERT INTO tiles VALUES (3, %d, %d, CAST('tms %d/%d' AS BLOB));", x, y, x, y);
            g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
          }
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
      sqlite3_close (db);

      tiles = stead_mbtiles_open (path, &error);
      g_assert_no_error (error);
      for (int x = 0; x < 8; x++)
        for (int y = 0; y < 8; y++)
          {
            g_autoptr(GBytes) tile = stead_mbtiles_get_tile (tiles, 3, x, y, &error);
            g_autofree char *want = g_strdup_printf ("tms %d/%d", x, 7 - y);

            g_assert_no_error (error);
            g_assert_cmpmem (g_bytes_get_data (tile, NULL), g_bytes_get_size (tile), want,
                             strlen (want));
          }
      g_assert_null (stead_mbtiles_get_tile (tiles, 2, 0, 0, &error));
      g_assert_error (error, STEAD_MBTILES_ERROR, STEAD_MBTILES_ERROR_NOT_FOUND);
    }
}

static void
test_refused (void)
{
  struct {
    const char *name;
    const char *sql;
    int         code;
    const char *says;
  } cases[] = {
    { "no-metadata.mbtiles", "CREATE TABLE tiles (zoom_level, tile_column, tile_row, tile_data);",
      STEAD_MBTILES_ERROR_INVALID, "metadata" },
    { "no-format.mbtiles", SCHEMA "INSERT INTO metadata VALUES ('name', 'x');",
      STEAD_MBTILES_ERROR_INVALID, "format" },
    { "vector.mbtiles", SCHEMA "INSERT INTO metadata VALUES ('format', 'pbf');",
      STEAD_MBTILES_ERROR_UNSUPPORTED, "vector" },
    { "odd.mbtiles", SCHEMA "INSERT INTO metadata VALUES ('format', 'tiff');",
      STEAD_MBTILES_ERROR_INVALID, "tiff" },
    { "no-tiles.mbtiles",
      "CREATE TABLE metadata (name TEXT, value TEXT);"
      "INSERT INTO metadata VALUES ('format', 'png');",
      STEAD_MBTILES_ERROR_INVALID, "tiles table" },
    { "zooms.mbtiles",
      SCHEMA "INSERT INTO metadata VALUES ('format', 'png'), ('minzoom', '9'), ('maxzoom', '3');",
      STEAD_MBTILES_ERROR_INVALID, "minzoom" },
  };
  g_autofree char *text = g_build_filename (dir, "notes.mbtiles", NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = make_db (cases[i].name, cases[i].sql);

      g_assert_null (stead_mbtiles_open (path, &error));
      g_assert_error (error, STEAD_MBTILES_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].says));
      g_assert_nonnull (strstr (error->message, cases[i].name));
      g_clear_error (&error);
    }

  g_file_set_contents (text, "not a database at all, just text\n", -1, &error);
  g_assert_null (stead_mbtiles_open (text, &error));
  g_assert_error (error, STEAD_MBTILES_ERROR, STEAD_MBTILES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "SQLite"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("stead-mbtiles-XXXXXX", NULL);

  g_test_add_func ("/core/mbtiles/tms-flip", test_tms_flip);
  g_test_add_func ("/core/mbtiles/layouts", test_layouts);
  g_test_add_func ("/core/mbtiles/refused", test_refused);

  return g_test_run ();
}
