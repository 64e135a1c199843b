/* groups-map-model.c: what the target groups' map layers draw, read from
 * the workspace (no GTK: the window module draws it, tests check it)
 *
 * Households are personal data: the map shows them as counts per area,
 * and as points only past the privacy zoom, for a list whose agreement
 * allows points, when personal data may be shown. A list past its
 * retention date is never read, even before it is purged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "groups"

#include "config.h"

#include "groups.h"

/* A list still within its retention: the start of the retention day
 * ends it (as the purge does). */
#define GROUPS_MAP_LIST_CURRENT "l.retention > date ('now', 'localtime') AND l.purged IS NULL"

SteadQueryModel *
groups_map_places_new (SteadWorkspace *workspace)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);

  return stead_query_model_new (workspace, GROUPS_TYPE_PLACE,
                                "SELECT fid AS id, name, what, people, postcode, source, "
                                "ST_MinX (geom) AS longitude, ST_MinY (geom) AS latitude "
                                "FROM groups_place WHERE geom IS NOT NULL "
                                "ORDER BY name COLLATE NOCASE",
                                GROUPS_TABLES);
}

/* Appends the (area, value) rows of @stmt, bound already. */
static void
groups_map_read_pairs (sqlite3_stmt *stmt,
                       GArray       *fids,
                       GArray       *values)
{
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 fid = sqlite3_column_int64 (stmt, 0);
      double value = sqlite3_column_double (stmt, 1);

      g_array_append_val (fids, fid);
      g_array_append_val (values, value);
    }
}

void
groups_map_group_counts (SteadWorkspace *workspace,
                         gint64          group,
                         GArray         *fids,
                         GArray         *values)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_if_fail (STEAD_IS_WORKSPACE (workspace));

  stmt = stead_workspace_prepare (workspace,
                                  "SELECT c.area, c.count FROM groups_count c "
                                  "JOIN area a ON a.fid = c.area WHERE c.group_id = ?1 "
                                  "ORDER BY c.area",
                                  NULL);
  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, group);
  groups_map_read_pairs (stmt, fids, values);
}

void
groups_map_area_attribute (SteadWorkspace *workspace,
                           const char     *attribute,
                           GArray         *fids,
                           GArray         *values)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_if_fail (STEAD_IS_WORKSPACE (workspace));
  g_return_if_fail (attribute != NULL);

  stmt = stead_workspace_prepare (workspace,
                                  "SELECT t.area, t.value FROM groups_area_attribute t "
                                  "JOIN area a ON a.fid = t.area WHERE t.attribute = ?1 "
                                  "ORDER BY t.area",
                                  NULL);
  if (stmt != NULL)
    sqlite3_bind_text (stmt, 1, attribute, -1, SQLITE_TRANSIENT);
  groups_map_read_pairs (stmt, fids, values);
}

void
groups_map_household_counts (SteadWorkspace *workspace,
                             gboolean        except_points,
                             GArray         *fids,
                             GArray         *counts)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_if_fail (STEAD_IS_WORKSPACE (workspace));

  stmt = stead_workspace_prepare (workspace,
                                  "SELECT h.area, count (*) FROM groups_household h "
                                  "JOIN groups_household_list l ON l.id = h.list "
                                  "WHERE " GROUPS_MAP_LIST_CURRENT " AND h.area IS NOT NULL "
                                  "AND NOT (?1 AND l.points_allowed = 1 AND h.geom IS NOT NULL) "
                                  "GROUP BY h.area ORDER BY h.area",
                                  NULL);
  if (stmt != NULL)
    sqlite3_bind_int (stmt, 1, except_points ? 1 : 0);
  groups_map_read_pairs (stmt, fids, counts);
}

void
groups_map_household_points (SteadWorkspace *workspace,
                             GArray         *lonlat)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_if_fail (STEAD_IS_WORKSPACE (workspace));

  stmt = stead_workspace_prepare (workspace,
                                  "SELECT ST_MinX (h.geom), ST_MinY (h.geom) "
                                  "FROM groups_household h "
                                  "JOIN groups_household_list l ON l.id = h.list "
                                  "WHERE " GROUPS_MAP_LIST_CURRENT " AND l.points_allowed = 1 "
                                  "AND h.geom IS NOT NULL",
                                  NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      double xy[2] = { sqlite3_column_double (stmt, 0), sqlite3_column_double (stmt, 1) };

      g_array_append_vals (lonlat, xy, 2);
    }
}

gint64
groups_map_privacy_zoom (SteadWorkspace *workspace)
{
  gint64 zoom = groups_setting_get (workspace, "privacy-zoom");

  return zoom > 0 ? zoom : GROUPS_MAP_PRIVACY_ZOOM;
}

/* Where an area's count goes: the middle of its envelope, from the R-tree. */
gboolean
groups_map_area_centre (SteadWorkspace *workspace,
                        gint64          area,
                        double         *lon,
                        double         *lat)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = stead_workspace_prepare (workspace,
                                  "SELECT (minx + maxx) / 2, (miny + maxy) / 2 "
                                  "FROM rtree_area_geom WHERE id = ?1",
                                  NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, area);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *lon = sqlite3_column_double (stmt, 0);
  *lat = sqlite3_column_double (stmt, 1);
  return TRUE;
}
