/* stead-mbtiles.c: offline raster tiles from an MBTiles file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MBTiles 1.3: an SQLite file with a metadata table (name, format,
 * bounds, minzoom, maxzoom, attribution) and a tiles table whose rows are
 * in TMS order (row 0 at the south). Stead asks in XYZ order (row 0 at the
 * north) and flips. Read-only; safe to call from worker threads.
 */

#define G_LOG_DOMAIN "stead-mbtiles"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "stead-mbtiles.h"

struct _SteadMBTiles
{
  GObject        parent_instance;

  char          *path;
  sqlite3       *db;
  GMutex         lock;
  sqlite3_stmt  *tile_stmt;
  gboolean       lookup_checked;   /* stead_mbtiles_ensure_lookup () has run */
  char          *name;
  char          *format;
  char          *attribution;
  guint          min_zoom;
  guint          max_zoom;
  gboolean       has_bounds;
  SteadEnvelope  bounds;
};

G_DEFINE_FINAL_TYPE (SteadMBTiles, stead_mbtiles, G_TYPE_OBJECT)
G_DEFINE_QUARK (stead-mbtiles-error-quark, stead_mbtiles_error)

static void
stead_mbtiles_finalize (GObject *object)
{
  SteadMBTiles *self = STEAD_MBTILES (object);

  g_clear_pointer (&self->tile_stmt, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  g_free (self->name);
  g_free (self->format);
  g_free (self->attribution);

  G_OBJECT_CLASS (stead_mbtiles_parent_class)->finalize (object);
}

static void
stead_mbtiles_class_init (SteadMBTilesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = stead_mbtiles_finalize;
}

static void
stead_mbtiles_init (SteadMBTiles *self)
{
  g_mutex_init (&self->lock);
}

static void
stead_mbtiles_set_str (char       **field,
                       const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static gboolean
stead_mbtiles_invalid (GError     **error,
                       const char  *path,
                       const char  *why)
{
  g_autofree char *name = g_path_get_basename (path);

  g_set_error (error, STEAD_MBTILES_ERROR, STEAD_MBTILES_ERROR_INVALID,
               _("“%s” is not an MBTiles file: %s"), name, why);
  return FALSE;
}

static gboolean
stead_mbtiles_parse_bounds (const char    *text,
                            SteadEnvelope *bounds)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  double v[4];

  if (g_strv_length (parts) != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      char *end;

      v[i] = g_ascii_strtod (g_strstrip (parts[i]), &end);
      if (end == parts[i] || *end != '\0')
        return FALSE;
    }
  if (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90 || v[0] > v[2] || v[1] > v[3])
    return FALSE;
  bounds->min_x = v[0];
  bounds->min_y = v[1];
  bounds->max_x = v[2];
  bounds->max_y = v[3];
  return TRUE;
}

/**
 * stead_mbtiles_open:
 * @path: an MBTiles file
 * @error: a #GError
 *
 * Opens an MBTiles file read-only and reads its metadata. A file that is
 * not SQLite, lacks the metadata or tiles table, or holds vector tiles is
 * refused with a message saying which.
 *
 * Returns: (transfer full) (nullable): the tiles
 */
SteadMBTiles *
stead_mbtiles_open (const char  *path,
                    GError     **error)
{
  g_autoptr(SteadMBTiles) self = NULL;
  g_autoptr(GString) why = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean have_zooms = FALSE;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no file “%s”"), path);
      return NULL;
    }

  self = g_object_new (STEAD_TYPE_MBTILES, NULL);
  self->path = g_strdup (path);
  self->min_zoom = 0;
  self->max_zoom = 22;

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (self->db, "SELECT name, value FROM metadata", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      stead_mbtiles_invalid (error, path,
                             rc == SQLITE_NOTADB || sqlite3_errcode (self->db) == SQLITE_NOTADB
                               ? _("it is not an SQLite file")
                               : _("it has no metadata table"));
      sqlite3_finalize (stmt);
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      if (key == NULL || value == NULL)
        continue;
      if (g_str_equal (key, "name"))
        stead_mbtiles_set_str (&self->name, value);
      else if (g_str_equal (key, "format"))
        stead_mbtiles_set_str (&self->format, value);
      else if (g_str_equal (key, "attribution"))
        stead_mbtiles_set_str (&self->attribution, value);
      else if (g_str_equal (key, "minzoom"))
        {
          self->min_zoom = (guint) CLAMP (g_ascii_strtoll (value, NULL, 10), 0, 30);
          have_zooms = TRUE;
        }
      else if (g_str_equal (key, "maxzoom"))
        self->max_zoom = (guint) CLAMP (g_ascii_strtoll (value, NULL, 10), 0, 30);
      else if (g_str_equal (key, "bounds"))
        self->has_bounds = stead_mbtiles_parse_bounds (value, &self->bounds);
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (rc != SQLITE_DONE)
    {
      stead_mbtiles_invalid (error, path, sqlite3_errmsg (self->db));
      return NULL;
    }

  if (self->format == NULL)
    {
      stead_mbtiles_invalid (error, path, _("its metadata names no tile format"));
      return NULL;
    }
  if (g_ascii_strcasecmp (self->format, "pbf") == 0 ||
      g_ascii_strcasecmp (self->format, "mvt") == 0)
    {
      g_autofree char *name = g_path_get_basename (path);

      g_set_error (error, STEAD_MBTILES_ERROR, STEAD_MBTILES_ERROR_UNSUPPORTED,
                   _("“%s” holds vector tiles, which this version of Stead cannot draw; use "
                      "raster (PNG, JPEG or WebP) tiles"),
                   name);
      return NULL;
    }
  if (g_ascii_strcasecmp (self->format, "png") != 0 &&
      g_ascii_strcasecmp (self->format, "jpg") != 0 &&
      g_ascii_strcasecmp (self->format, "jpeg") != 0 &&
      g_ascii_strcasecmp (self->format, "webp") != 0)
    {
      g_autofree char *reason =
        g_strdup_printf (_("its tile format “%s” is not PNG, JPEG or WebP"), self->format);
      stead_mbtiles_invalid (error, path, reason);
      return NULL;
    }
  if (self->min_zoom > self->max_zoom)
    {
      stead_mbtiles_invalid (error, path, _("its minzoom is above its maxzoom"));
      return NULL;
    }

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? "
                           "AND tile_row = ?",
                           -1, &self->tile_stmt, NULL);
  if (rc != SQLITE_OK)
    {
      stead_mbtiles_invalid (error, path,
                             _("it has no tiles table with zoom_level, tile_column, tile_row and "
                                "tile_data"));
      return NULL;
    }

  /* Files without zoom metadata: take the range from the tiles. */
  if (!have_zooms &&
      sqlite3_prepare_v2 (self->db, "SELECT min(zoom_level), max(zoom_level) FROM tiles", -1, &stmt,
                          NULL) == SQLITE_OK)
    {
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        {
          self->min_zoom = sqlite3_column_int (stmt, 0);
          self->max_zoom = sqlite3_column_int (stmt, 1);
        }
      sqlite3_finalize (stmt);
    }

  if (self->name == NULL)
    self->name = g_path_get_basename (path);

  return g_steal_pointer (&self);
}

const char *
stead_mbtiles_get_path (SteadMBTiles *self)
{
  g_return_val_if_fail (STEAD_IS_MBTILES (self), NULL);
  return self->path;
}

const char *
stead_mbtiles_get_name (SteadMBTiles *self)
{
  g_return_val_if_fail (STEAD_IS_MBTILES (self), NULL);
  return self->name;
}

const char *
stead_mbtiles_get_format (SteadMBTiles *self)
{
  g_return_val_if_fail (STEAD_IS_MBTILES (self), NULL);
  return self->format;
}

const char *
stead_mbtiles_get_attribution (SteadMBTiles *self)
{
  g_return_val_if_fail (STEAD_IS_MBTILES (self), NULL);
  return self->attribution;
}

guint
stead_mbtiles_get_min_zoom (SteadMBTiles *self)
{
  g_return_val_if_fail (STEAD_IS_MBTILES (self), 0);
  return self->min_zoom;
}

guint
stead_mbtiles_get_max_zoom (SteadMBTiles *self)
{
  g_return_val_if_fail (STEAD_IS_MBTILES (self), 0);
  return self->max_zoom;
}

/**
 * stead_mbtiles_get_bounds:
 * @self: a #SteadMBTiles
 * @bounds: (out): west, south, east, north
 *
 * Returns: %FALSE if the file gives no (valid) bounds
 */
gboolean
stead_mbtiles_get_bounds (SteadMBTiles  *self,
                          SteadEnvelope *bounds)
{
  g_return_val_if_fail (STEAD_IS_MBTILES (self), FALSE);

  if (self->has_bounds && bounds != NULL)
    *bounds = self->bounds;
  return self->has_bounds;
}

/* Tile lookups must use an index: MBTiles writers normally make one on
 * (zoom_level, tile_column, tile_row), but a file without it would scan
 * the whole table for every tile. The file is read-only, so such a file
 * gets the index as a temporary table, made once, on the first read (a
 * worker thread: the window does not wait). Called with the lock held. */
static void
stead_mbtiles_ensure_lookup (SteadMBTiles *self)
{
  sqlite3_stmt *plan = NULL;
  sqlite3_stmt *indexed = NULL;
  gboolean scans = FALSE;

  self->lookup_checked = TRUE;
  if (sqlite3_prepare_v2 (self->db,
                          "EXPLAIN QUERY PLAN SELECT tile_data FROM tiles "
                          "WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                          -1, &plan, NULL) != SQLITE_OK)
    return;
  while (sqlite3_step (plan) == SQLITE_ROW)
    {
      const char *detail = (const char *) sqlite3_column_text (plan, 3);

      if (detail != NULL && g_str_has_prefix (detail, "SCAN "))
        scans = TRUE;
    }
  sqlite3_finalize (plan);
  if (!scans)
    return;

  /* Only a table has rowids to index (a view's are NULL). */
  if (sqlite3_prepare_v2 (
        self->db, "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'tiles'", -1,
        &plan, NULL) != SQLITE_OK)
    return;
  scans = sqlite3_step (plan) == SQLITE_ROW;
  sqlite3_finalize (plan);
  if (!scans)
    {
      g_debug ("%s has no index on its tiles, and they are a view: each read scans", self->name);
      return;
    }

  if (sqlite3_exec (self->db,
                    "PRAGMA temp_store = MEMORY;"
                    "CREATE TEMP TABLE stead_tile_index (z INTEGER, x INTEGER, y INTEGER, rid "
                    "INTEGER, "
                    "  PRIMARY KEY (z, x, y)) WITHOUT ROWID;"
                    "INSERT OR IGNORE INTO temp.stead_tile_index "
                    "  SELECT zoom_level, tile_column, tile_row, rowid FROM main.tiles;",
                    NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db,
                          "SELECT tile_data FROM main.tiles WHERE rowid = "
                          "(SELECT rid FROM temp.stead_tile_index WHERE z = ?1 AND x = ?2 AND y = "
                          "?3)",
                          -1, &indexed, NULL) != SQLITE_OK)
    {
      g_debug ("%s has no index on its tiles and cannot be given one: %s", self->name,
               sqlite3_errmsg (self->db));
      sqlite3_exec (self->db, "DROP TABLE IF EXISTS temp.stead_tile_index", NULL, NULL, NULL);
      return;
    }
  g_debug ("%s has no index on its tiles: indexed them in memory", self->name);
  sqlite3_finalize (self->tile_stmt);
  self->tile_stmt = indexed;
}

/**
 * stead_mbtiles_get_tile:
 * @self: a #SteadMBTiles
 * @zoom: zoom level
 * @x: column
 * @y: row, XYZ order (0 at the north); flipped to the file's TMS rows
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the encoded image
 */
GBytes *
stead_mbtiles_get_tile (SteadMBTiles  *self,
                        guint          zoom,
                        guint          x,
                        guint          y,
                        GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  GBytes *bytes = NULL;
  guint64 n;

  g_return_val_if_fail (STEAD_IS_MBTILES (self), NULL);

  n = (guint64) 1 << MIN (zoom, 30);
  if (zoom > 30 || x >= n || y >= n)
    {
      g_set_error (error, STEAD_MBTILES_ERROR, STEAD_MBTILES_ERROR_NOT_FOUND,
                   "Tile %u/%u/%u is outside the world", zoom, x, y);
      return NULL;
    }

  locker = g_mutex_locker_new (&self->lock);
  if (!self->lookup_checked)
    stead_mbtiles_ensure_lookup (self);
  sqlite3_reset (self->tile_stmt);
  sqlite3_bind_int (self->tile_stmt, 1, zoom);
  sqlite3_bind_int64 (self->tile_stmt, 2, x);
  sqlite3_bind_int64 (self->tile_stmt, 3, (gint64) (n - 1 - y));
  if (sqlite3_step (self->tile_stmt) == SQLITE_ROW && sqlite3_column_bytes (self->tile_stmt, 0) > 0)
    bytes = g_bytes_new (sqlite3_column_blob (self->tile_stmt, 0),
                         sqlite3_column_bytes (self->tile_stmt, 0));
  sqlite3_reset (self->tile_stmt);

  if (bytes == NULL)
    g_set_error (error, STEAD_MBTILES_ERROR, STEAD_MBTILES_ERROR_NOT_FOUND,
                 "No tile %u/%u/%u in %s", zoom, x, y, self->name);
  return bytes;
}
