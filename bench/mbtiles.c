/* mbtiles.c: reading tiles from an MBTiles file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: mbtiles [FILE.mbtiles]. Without a file, makes one of 21,845
 * tiles (zooms 0 to 7) of 20 KB each, about 430 MB less compression, in
 * a temporary folder. Prints one "name value unit" line per figure.
 */

#include "config.h"

#include <stdio.h>

#include <glib/gstdio.h>

#include "stead.h"

static char *
make_file (const char *dir,
           gboolean    indexed)
{
  char *path = g_build_filename (dir, indexed ? "bench.mbtiles" : "bench-unindexed.mbtiles", NULL);
  g_autofree guint8 *blob = g_malloc (20 * 1024);
  g_autoptr(GRand) rng = g_rand_new_with_seed (1);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  for (guint i = 0; i < 20 * 1024; i++)
    blob[i] = g_rand_int_range (rng, 0, 256);

  sqlite3_open (path, &db);
  sqlite3_exec (db,
                "CREATE TABLE metadata (name TEXT, value TEXT);"
                "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, "
                "tile_data BLOB);"
                "INSERT INTO metadata VALUES ('name', 'bench'), ('format', 'png'), ('minzoom', "
                "'0'), ('maxzoom', '7');"
                "BEGIN;",
                NULL, NULL, NULL);
  if (indexed)
    sqlite3_exec (db,
                  "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);",
                  NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &stmt, NULL);
  for (int z = 0; z <= 7; z++)
    for (int x = 0; x < (1 << z); x++)
      for (int y = 0; y < (1 << z); y++)
        {
          blob[0] = (guint8) x;
          blob[1] = (guint8) y;
          sqlite3_bind_int (stmt, 1, z);
          sqlite3_bind_int (stmt, 2, x);
          sqlite3_bind_int (stmt, 3, y);
          sqlite3_bind_blob (stmt, 4, blob, 20 * 1024, SQLITE_TRANSIENT);
          sqlite3_step (stmt);
          sqlite3_reset (stmt);
        }
  sqlite3_finalize (stmt);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);
  return path;
}

/* Random tiles of every zoom, one at a time; prints mean and worst. */
static int
measure (const char *path,
         const char *suffix)
{
  g_autoptr(SteadMBTiles) tiles = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rng = g_rand_new_with_seed (2);
  double total = 0, worst = 0, first = 0;
  const int reads = 5000;

  if (!(tiles = stead_mbtiles_open (path, &error)))
    {
      g_printerr ("mbtiles: %s\n", error->message);
      return 1;
    }

  for (int i = 0; i < reads; i++)
    {
      guint z = g_rand_int_range (rng, stead_mbtiles_get_min_zoom (tiles),
                                  stead_mbtiles_get_max_zoom (tiles) + 1);
      guint x = g_rand_int_range (rng, 0, 1 << z);
      guint y = g_rand_int_range (rng, 0, 1 << z);
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(GBytes) tile = stead_mbtiles_get_tile (tiles, z, x, y, NULL);
      double ms = (g_get_monotonic_time () - t0) / 1000.0;

      if (tile == NULL)
        {
          g_printerr ("mbtiles: tile %u/%u/%u missing\n", z, x, y);
          return 1;
        }
      if (i == 0)
        first = ms;
      else
        {
          total += ms;
          worst = MAX (worst, ms);
        }
    }

  printf ("tile_read_first%s %.4f ms\n", suffix, first);
  printf ("tile_read_mean%s %.4f ms\n", suffix, total / (reads - 1));
  printf ("tile_read_max%s %.4f ms\n", suffix, worst);
  return 0;
}

/* Usage: mbtiles [FILE.mbtiles]. Without a file, makes two of 21,845
 * tiles of 20 KB (zooms 0-7), with and without the usual index on
 * (zoom_level, tile_column, tile_row): a file without it is indexed in
 * memory on its first read, which "_first" measures. */
int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *unindexed = NULL;
  int status;

  if (argc > 1)
    return measure (argv[1], "");

  dir = g_dir_make_tmp ("stead-bench-XXXXXX", NULL);
  path = make_file (dir, TRUE);
  unindexed = make_file (dir, FALSE);
  status = measure (path, "");
  if (status == 0)
    status = measure (unindexed, "_unindexed");
  g_unlink (path);
  g_unlink (unindexed);
  g_rmdir (dir);
  return status;
}
