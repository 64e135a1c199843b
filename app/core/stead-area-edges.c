/* stead-area-edges.c: the edges of the areas, for point-in-area in plain SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The need_area and resource_area views (schema/008-conformance.sql) test
 * a point against an area with the even-odd rule over the rows of
 * stead_area_edge, so GDAL and QGIS run them (the R-tree module and the
 * ST_MinX family are all they need). This keeps those rows: every edge
 * of every ring, from the area's geometry, rebuilt in the transaction
 * that writes the area (undo and redo too).
 * An edge is the pair stead_geometry_contains_point() tests, c[i] and
 * c[i - 1] (the last for the first), kept as x1/y1 and x2/y2 so that the
 * views compute exactly what it does; rings of fewer than three points
 * count for nothing there and are left out, as are horizontal edges and
 * edges with a coordinate that is not finite, which never count either.
 */

#define G_LOG_DOMAIN "stead-area-edges"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "stead-area-edges-private.h"
#include "stead-geometry.h"
#include "stead-workspace-private.h"

static gboolean
stead_area_edges_add_area (SteadTransaction  *txn,
                           sqlite3_stmt      *insert,
                           gint64             fid,
                           SteadGeometry     *geometry,
                           GError           **error)
{
  for (guint p = 0; p < stead_geometry_get_n_polygons (geometry); p++)
    for (guint r = 0; r < stead_geometry_get_n_rings (geometry, p); r++)
      {
        gsize n = 0;
        const SteadCoord *c = stead_geometry_get_ring (geometry, p, r, &n);

        if (c == NULL || n < 3)
          continue;
        for (gsize i = 0, j = n - 1; i < n; j = i++)
          {
            if (c[i].y == c[j].y || !isfinite (c[i].x) || !isfinite (c[i].y) ||
                !isfinite (c[j].x) || !isfinite (c[j].y))
              continue;
            sqlite3_bind_int64 (insert, 1, fid);
            sqlite3_bind_double (insert, 2, MIN (c[i].x, c[j].x));
            sqlite3_bind_double (insert, 3, MAX (c[i].x, c[j].x));
            sqlite3_bind_double (insert, 4, MIN (c[i].y, c[j].y));
            sqlite3_bind_double (insert, 5, MAX (c[i].y, c[j].y));
            sqlite3_bind_double (insert, 6, c[i].x);
            sqlite3_bind_double (insert, 7, c[i].y);
            sqlite3_bind_double (insert, 8, c[j].x);
            sqlite3_bind_double (insert, 9, c[j].y);
            if (!stead_transaction_step (txn, insert, error))
              return FALSE;
          }
      }
  return TRUE;
}

/**
 * stead_area_edges_update:
 * @txn: the transaction that wrote the areas
 * @fids: (nullable) (array length=n_fids): the areas written (inserted,
 *   changed or deleted), or %NULL for every area
 * @n_fids: how many
 * @error: a #GError
 *
 * Brings the edges of those areas up to date.
 *
 * Returns: %TRUE on success
 */
gboolean
stead_area_edges_update (SteadTransaction  *txn,
                         const gint64      *fids,
                         guint              n_fids,
                         GError           **error)
{
  g_autoptr(sqlite3_stmt) remove = NULL;
  g_autoptr(sqlite3_stmt) areas = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  g_return_val_if_fail (txn != NULL, FALSE);

  if (fids == NULL)
    {
      remove = stead_transaction_prepare (txn, "DELETE FROM stead_area_edge", error);
      areas = stead_transaction_prepare (txn, "SELECT fid, geom FROM area", error);
    }
  else
    {
      remove = stead_transaction_prepare (txn,
                                          "DELETE FROM stead_area_edge "
                                          "WHERE min_area <= ?1 AND max_area >= ?1 AND area = ?1",
                                          error);
      areas = stead_transaction_prepare (txn, "SELECT fid, geom FROM area WHERE fid = ?", error);
    }
  if (remove == NULL || areas == NULL)
    return FALSE;
  insert = stead_transaction_prepare (txn,
                                      "INSERT INTO stead_area_edge (min_area, max_area, minx, "
                                      "maxx, miny, maxy, area, x1, y1, x2, y2) "
                                      "VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?1, ?6, ?7, ?8, ?9)",
                                      error);
  if (insert == NULL)
    return FALSE;

  for (guint k = 0; fids == NULL ? k == 0 : k < n_fids; k++)
    {
      int rc;

      if (fids != NULL)
        {
          sqlite3_bind_int64 (remove, 1, fids[k]);
          sqlite3_reset (areas);
          sqlite3_bind_int64 (areas, 1, fids[k]);
        }
      if (!stead_transaction_step (txn, remove, error))
        return FALSE;

      while ((rc = sqlite3_step (areas)) == SQLITE_ROW)
        {
          g_autoptr(SteadGeometry) geometry = NULL;

          if (sqlite3_column_type (areas, 1) != SQLITE_BLOB)
            continue;
          geometry = stead_geometry_new_from_gpkg (sqlite3_column_blob (areas, 1),
                                                   sqlite3_column_bytes (areas, 1), NULL, NULL);
          if (geometry != NULL &&
              !stead_area_edges_add_area (txn, insert, sqlite3_column_int64 (areas, 0), geometry,
                                          error))
            return FALSE;
        }
      if (rc != SQLITE_DONE)
        return stead_sqlite_set_error (error, stead_workspace_get_db (
                                         stead_transaction_get_workspace (txn)),
                                       rc, _("Could not index the areas"));
    }
  return TRUE;
}
