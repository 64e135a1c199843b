/* stead-area-summary.c: what needs and resources lie inside an area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gap at a glance: needs and resources inside a polygon, summed by
 * kind. The R-tree narrows the rows to the polygon's envelope, then each
 * point is tested against the polygon itself.
 */

#define G_LOG_DOMAIN "stead-area-summary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-area-summary.h"
#include "stead-workspace-private.h"
#include "stead-geometry.h"
#include "stead-workspace.h"

static const char *const need_statuses[STEAD_NEED_N_STATUSES] = {
  "open", "assigned", "met", "closed", "cancelled",
};

/**
 * stead_need_status_to_string:
 * @status: a #SteadNeedStatus
 *
 * Returns: the status as the need table spells it ("open", "assigned", …)
 */
const char *
stead_need_status_to_string (SteadNeedStatus status)
{
  g_return_val_if_fail (status < STEAD_NEED_N_STATUSES, NULL);

  return need_statuses[status];
}

static void
stead_area_summary_row_clear (SteadAreaSummaryRow *row)
{
  g_free (row->kind);
  g_free (row->unit);
}

static void
stead_area_capacity_clear (SteadAreaCapacity *capacity)
{
  g_free (capacity->unit);
}

void
stead_area_summary_free (SteadAreaSummary *summary)
{
  if (summary == NULL)
    return;
  g_array_unref (summary->rows);
  g_array_unref (summary->need_fids);
  g_array_unref (summary->resource_fids);
  g_array_unref (summary->capacities);
  g_free (summary);
}

static SteadAreaSummaryRow *
stead_area_summary_row_for_kind (SteadAreaSummary *summary,
                                 GHashTable       *by_kind,
                                 const char       *kind)
{
  gpointer index;

  if (!g_hash_table_lookup_extended (by_kind, kind, NULL, &index))
    {
      SteadAreaSummaryRow row = { g_strdup (kind), 0, 0, 0, 0, NULL };

      g_array_append_val (summary->rows, row);
      index = GUINT_TO_POINTER (summary->rows->len - 1);
      g_hash_table_insert (by_kind, g_strdup (kind), index);
    }
  return &g_array_index (summary->rows, SteadAreaSummaryRow, GPOINTER_TO_UINT (index));
}

/* The capacity counted in @unit: one entry per unit, NULL its own. */
static SteadAreaCapacity *
stead_area_summary_capacity_for_unit (SteadAreaSummary *summary,
                                      const char       *unit)
{
  SteadAreaCapacity entry = { g_strdup (unit), 0, 0 };

  for (guint i = 0; i < summary->capacities->len; i++)
    {
      SteadAreaCapacity *capacity = &g_array_index (summary->capacities, SteadAreaCapacity, i);

      if (g_strcmp0 (capacity->unit, unit) == 0)
        {
          g_free (entry.unit);
          return capacity;
        }
    }
  g_array_append_val (summary->capacities, entry);
  return &g_array_index (summary->capacities, SteadAreaCapacity, summary->capacities->len - 1);
}

static int
stead_area_summary_compare_capacities (gconstpointer a,
                                       gconstpointer b)
{
  return g_strcmp0 (((const SteadAreaCapacity *) a)->unit,
                    ((const SteadAreaCapacity *) b)->unit);
}

static int
stead_area_summary_compare_rows (gconstpointer a,
                                 gconstpointer b)
{
  return g_strcmp0 (((const SteadAreaSummaryRow *) a)->kind,
                    ((const SteadAreaSummaryRow *) b)->kind);
}

/* Every need, whatever its status (counted by status); the open and
 * assigned ones are summed by kind. Every resource with its kind's unit. */
/* With a range of days (?5 to ?6, days since 1970), only the needs live
 * in it (opened by its last day, not closed before its first), and every
 * one of them is summed, whatever its status now. */
#define NEEDS_IN_BOX \
  "SELECT n.fid, n.geom, NULL, n.kind, n.people, " \
  "?5 IS NOT NULL OR n.status IN ('open', 'assigned'), n.status " \
  "FROM rtree_need_geom r JOIN need n ON n.fid = r.id " \
  "WHERE r.minx <= ?1 AND r.maxx >= ?2 AND r.miny <= ?3 AND r.maxy >= ?4 " \
  "AND (?5 IS NULL OR (CAST (julianday (n.opened) - 2440587.5 AS INTEGER) <= ?6 " \
  "AND (n.closed IS NULL OR CAST (julianday (n.closed) - 2440587.5 AS INTEGER) >= ?5)))"
#define RESOURCES_IN_BOX \
  "SELECT s.fid, s.geom, NULL, s.kind, s.capacity, s.availability IN ('available', 'limited'), " \
  "t.unit FROM rtree_resource_geom r JOIN resource s ON s.fid = r.id " \
  "LEFT JOIN taxonomy t ON t.vocabulary = 'resource-kind' AND t.code = s.kind " \
  "WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ?"

static gboolean
stead_area_summary_scan (sqlite3           *db,
                         SteadGeometry     *area,
                         const SteadEnvelope *env,
                         const char        *sql,
                         gboolean           needs,
                         SteadAreaSummary  *summary,
                         GHashTable        *by_kind,
                         const gint32      *days,
                         GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_SQL,
                   _("Could not read the workspace: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  /* Boxes that overlap the envelope; rounding only widens them. */
  sqlite3_bind_double (stmt, 1, env->max_x);
  sqlite3_bind_double (stmt, 2, env->min_x);
  sqlite3_bind_double (stmt, 3, env->max_y);
  sqlite3_bind_double (stmt, 4, env->min_y);
  if (needs && days != NULL)
    {
      sqlite3_bind_int (stmt, 5, days[0]);
      sqlite3_bind_int (stmt, 6, days[1]);
    }

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(SteadGeometry) point = NULL;
      gint64 fid = sqlite3_column_int64 (stmt, 0);
      double x, y;
      const char *kind = (const char *) sqlite3_column_text (stmt, 3);
      gint64 amount = sqlite3_column_int64 (stmt, 4);
      gboolean counts = sqlite3_column_int (stmt, 5);
      SteadAreaSummaryRow *row;

      /* The R-tree holds float-rounded boxes: the exact point decides. */
      point = stead_geometry_new_from_gpkg (sqlite3_column_blob (stmt, 1),
                                            sqlite3_column_bytes (stmt, 1), NULL, NULL);
      if (point == NULL || !stead_geometry_get_point (point, &x, &y) ||
          !stead_geometry_contains_point (area, x, y))
        continue;

      if (needs)
        {
          const char *status = (const char *) sqlite3_column_text (stmt, 6);

          for (guint s = 0; s < STEAD_NEED_N_STATUSES; s++)
            if (g_strcmp0 (status, need_statuses[s]) == 0)
              summary->needs_by_status[s]++;
          if (!counts)
            continue;
          row = stead_area_summary_row_for_kind (summary, by_kind, kind);
          g_array_append_val (summary->need_fids, fid);
          row->needs++;
          row->people += amount;
        }
      else
        {
          const char *unit = (const char *) sqlite3_column_text (stmt, 6);
          SteadAreaCapacity *capacity = stead_area_summary_capacity_for_unit (summary, unit);

          row = stead_area_summary_row_for_kind (summary, by_kind, kind);
          if (row->unit == NULL)
            row->unit = g_strdup (unit);
          g_array_append_val (summary->resource_fids, fid);
          row->resources++;
          capacity->resources++;
          if (counts)
            {
              row->capacity += amount;
              capacity->capacity += amount;
            }
        }
    }

  return TRUE;
}

static SteadAreaSummary *
stead_area_summary_summarise (sqlite3        *db,
                              SteadGeometry  *area,
                              const gint32   *days,
                              GError        **error)
{
  g_autoptr(GHashTable) by_kind = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(SteadAreaSummary) summary = g_new0 (SteadAreaSummary, 1);
  SteadEnvelope env;

  summary->rows = g_array_new (FALSE, FALSE, sizeof (SteadAreaSummaryRow));
  g_array_set_clear_func (summary->rows, (GDestroyNotify) stead_area_summary_row_clear);
  summary->need_fids = g_array_new (FALSE, FALSE, sizeof (gint64));
  summary->resource_fids = g_array_new (FALSE, FALSE, sizeof (gint64));
  summary->capacities = g_array_new (FALSE, FALSE, sizeof (SteadAreaCapacity));
  g_array_set_clear_func (summary->capacities, (GDestroyNotify) stead_area_capacity_clear);

  if (stead_geometry_get_n_polygons (area) == 0 || !stead_geometry_get_envelope (area, &env))
    return g_steal_pointer (&summary);

  if (!stead_area_summary_scan (db, area, &env, NEEDS_IN_BOX, TRUE, summary, by_kind, days,
                                error) ||
      !stead_area_summary_scan (db, area, &env, RESOURCES_IN_BOX, FALSE, summary, by_kind, NULL,
                                error))
    return NULL;

  g_array_sort (summary->rows, stead_area_summary_compare_rows);
  g_array_sort (summary->capacities, stead_area_summary_compare_capacities);
  return g_steal_pointer (&summary);
}

/**
 * stead_area_summary_new:
 * @workspace: a workspace
 * @area: a polygon or multipolygon (longitude, latitude)
 * @error: a #GError
 *
 * Sums, by kind, the open and assigned needs (and the people they affect)
 * and the resources (and the capacity of those available or limited)
 * whose points lie inside @area; the capacity again by unit (a kind's unit
 * is in the taxonomy), never across units; and every need inside by status.
 *
 * Returns: (transfer full) (nullable): the summary
 */
SteadAreaSummary *
stead_area_summary_new (SteadWorkspace  *workspace,
                        SteadGeometry   *area,
                        GError         **error)
{
  return stead_area_summary_new_in_days (workspace, area, NULL, error);
}

/**
 * stead_area_summary_new_in_days:
 * @workspace: a workspace
 * @area: a polygon or multipolygon (longitude, latitude)
 * @days: (array fixed-size=2) (nullable): a range of days (since 1 January
 *   1970), first and last, both included; %NULL: today
 * @error: a #GError
 *
 * As stead_area_summary_new(), of the needs live in the range (opened on
 * or before its last day, not closed before its first), all of them
 * summed by kind whatever their status now: the map's time slider.
 * Resources have no dates: all of them.
 *
 * Returns: (transfer full) (nullable): the summary
 */
SteadAreaSummary *
stead_area_summary_new_in_days (SteadWorkspace  *workspace,
                                SteadGeometry   *area,
                                const gint32    *days,
                                GError         **error)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (area != NULL, NULL);

  return stead_area_summary_summarise (stead_workspace_get_db (workspace), area, days, error);
}

/**
 * stead_area_summary_new_for_area:
 * @workspace: a workspace
 * @area_fid: a row of the area table
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the summary of that area
 */
SteadAreaSummary *
stead_area_summary_new_for_area (SteadWorkspace  *workspace,
                                 gint64           area_fid,
                                 GError         **error)
{
  return stead_area_summary_new_for_area_in_days (workspace, area_fid, NULL, error);
}

/**
 * stead_area_summary_new_for_area_in_days:
 * @workspace: a workspace
 * @area_fid: a row of the area table
 * @days: (array fixed-size=2) (nullable): as stead_area_summary_new_in_days()
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the summary of that area
 */
SteadAreaSummary *
stead_area_summary_new_for_area_in_days (SteadWorkspace  *workspace,
                                         gint64           area_fid,
                                         const gint32    *days,
                                         GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(SteadGeometry) area = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);

  if (!(stmt = stead_workspace_prepare (workspace, "SELECT geom FROM area WHERE fid = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, area_fid);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) != SQLITE_BLOB)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_SQL,
                   _("There is no area %lld with a shape"), (long long) area_fid);
      return NULL;
    }
  area = stead_geometry_new_from_gpkg (sqlite3_column_blob (stmt, 0),
                                       sqlite3_column_bytes (stmt, 0), NULL, error);
  if (area == NULL)
    return NULL;
  return stead_area_summary_new_in_days (workspace, area, days, error);
}

typedef struct
{
  gint64 fid;
  double size;
} AreaAt;

static int
stead_area_summary_compare_sizes (gconstpointer a,
                                  gconstpointer b)
{
  const AreaAt *x = a, *y = b;

  return x->size < y->size ? -1 : x->size > y->size ? 1 : (x->fid > y->fid) - (x->fid < y->fid);
}

/**
 * stead_area_summary_areas_at:
 * @workspace: a workspace
 * @lon: longitude
 * @lat: latitude
 * @error: a #GError
 *
 * Every area whose shape contains the point: a ward, its LSOA and the
 * boundary overlap, and a click on them is a choice between them.
 *
 * Returns: (transfer full) (element-type gint64) (nullable): their fids,
 *   the smallest (by envelope) first
 */
GArray *
stead_area_summary_areas_at (SteadWorkspace  *workspace,
                             double           lon,
                             double           lat,
                             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (AreaAt));
  GArray *fids;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);

  stmt = stead_workspace_prepare (workspace,
                                  "SELECT a.fid, a.geom, (r.maxx - r.minx) * (r.maxy - r.miny) "
                                  "FROM rtree_area_geom r JOIN area a ON a.fid = r.id "
                                  "WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? "
                                  "AND r.maxy >= ?",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_double (stmt, 1, lon);
  sqlite3_bind_double (stmt, 2, lon);
  sqlite3_bind_double (stmt, 3, lat);
  sqlite3_bind_double (stmt, 4, lat);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(SteadGeometry) area = stead_geometry_new_from_gpkg (
        sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1), NULL, NULL);
      AreaAt at = { sqlite3_column_int64 (stmt, 0), sqlite3_column_double (stmt, 2) };

      if (area != NULL && stead_geometry_contains_point (area, lon, lat))
        g_array_append_val (found, at);
    }

  g_array_sort (found, stead_area_summary_compare_sizes);
  fids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), found->len);
  for (guint i = 0; i < found->len; i++)
    g_array_append_val (fids, g_array_index (found, AreaAt, i).fid);
  return fids;
}

static double
stead_area_summary_measure_of (const SteadAreaSummary *summary,
                               SteadAreaMeasure        measure)
{
  double total = 0;

  for (guint i = 0; i < summary->rows->len; i++)
    {
      const SteadAreaSummaryRow *row = &g_array_index (summary->rows, SteadAreaSummaryRow, i);

      switch (measure)
        {
        case STEAD_AREA_MEASURE_NEEDS:
          total += row->needs;
          break;
        case STEAD_AREA_MEASURE_PEOPLE:
          total += row->people;
          break;
        case STEAD_AREA_MEASURE_RESOURCES:
          total += row->resources;
          break;
        case STEAD_AREA_MEASURE_CAPACITY:
          /* Capacities in different units never add up: places to stay
           * (rest centres, warm spaces, hubs) are what a shaded map compares. */
          if (g_strcmp0 (row->unit, STEAD_AREA_MEASURE_CAPACITY_UNIT) == 0)
            total += row->capacity;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return total;
}

/**
 * stead_area_measure_compute:
 * @path: a workspace file
 * @measure: what to sum per area
 * @out_fids: (element-type gint64): where to append the areas
 * @out_values: (element-type gdouble): where to append their values
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Sums @measure inside each area that divides the partnership (every area
 * but the boundary and hazard areas: wards, LSOAs, …), the same way as
 * stead_area_summary_new(). Opens its own read-only connection, so it can
 * run on a worker thread while the window writes (WAL).
 *
 * Returns: %TRUE on success
 */
gboolean
stead_area_measure_compute (const char        *path,
                            SteadAreaMeasure   measure,
                            GArray            *out_fids,
                            GArray            *out_values,
                            GCancellable      *cancellable,
                            GError           **error)
{
  return stead_area_measure_compute_in_days (path, measure, NULL, out_fids, out_values,
                                             cancellable, error);
}

/**
 * stead_area_measure_compute_in_days:
 * @path: a workspace file
 * @measure: what to measure
 * @days: (array fixed-size=2) (nullable): a range of days, as
 *   stead_area_summary_new_in_days(); %NULL: today
 * @out_fids: (element-type gint64): where to append the areas' rows
 * @out_values: (element-type double): where to append their values
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * As stead_area_measure_compute(), counting the needs live in the range:
 * the shading under the map's time slider.
 *
 * Returns: %TRUE on success
 */
gboolean
stead_area_measure_compute_in_days (const char        *path,
                                    SteadAreaMeasure   measure,
                                    const gint32      *days,
                                    GArray            *out_fids,
                                    GArray            *out_values,
                                    GCancellable      *cancellable,
                                    GError           **error)
{
  g_autoptr(sqlite3_stmt) areas = NULL;
  sqlite3 *db = NULL;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (
    measure >= STEAD_AREA_MEASURE_NEEDS && measure <= STEAD_AREA_MEASURE_CAPACITY, FALSE);
  g_return_val_if_fail (out_fids != NULL && out_values != NULL, FALSE);

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db,
                             "SELECT fid, geom FROM area WHERE kind NOT IN ('boundary', 'hazard') "
                             "AND geom IS NOT NULL ORDER BY fid",
                             -1, &areas, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_SQL,
                   _("Could not read the areas of “%s”: %s"), path,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      g_clear_pointer (&areas, sqlite3_finalize);
      sqlite3_close (db);
      return FALSE;
    }

  while (ok && (rc = sqlite3_step (areas)) == SQLITE_ROW)
    {
      gint64 fid = sqlite3_column_int64 (areas, 0);
      g_autoptr(SteadGeometry) area = NULL;
      g_autoptr(SteadAreaSummary) summary = NULL;
      double value;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      area = stead_geometry_new_from_gpkg (sqlite3_column_blob (areas, 1),
                                           sqlite3_column_bytes (areas, 1), NULL, NULL);
      if (area == NULL)
        continue;   /* not a polygon: nothing to shade */
      if (!(summary = stead_area_summary_summarise (db, area, days, error)))
        {
          ok = FALSE;
          break;
        }
      value = stead_area_summary_measure_of (summary, measure);
      g_array_append_val (out_fids, fid);
      g_array_append_val (out_values, value);
    }
  if (ok && rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_SQL,
                   _("Could not read the areas of “%s”: %s"), path, sqlite3_errmsg (db));
      ok = FALSE;
    }
  g_clear_pointer (&areas, sqlite3_finalize);
  sqlite3_close (db);
  return ok;
}
