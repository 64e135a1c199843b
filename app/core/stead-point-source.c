/* stead-point-source.c: the needs or resources a map draws, read off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A load reads the need or resource table through a read-only connection
 * of its own (WAL lets it read while the window writes), with the kind and
 * state filters bound as JSON arrays, and builds the SteadPointIndex the
 * map clusters and picks from. Nothing here knows GTK.
 */

#define G_LOG_DOMAIN "stead-point-source"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "stead-point-source.h"
#include "stead-workspace-private.h"
#include "stead-workspace.h"

struct _SteadPointSnapshot
{
  grefcount        ref_count;
  SteadPointIndex *index;
  guint16         *category;  /* per point: kind << 8 | state << 4 | urgency */
  gint64          *fid;       /* per point: the row (a site: its place in the sites given) */
  guint8          *classes;   /* per point, merged loads only: SteadPointClass */
  gint32          *opened;    /* per point: the day it opened (days since 1970), or G_MININT32 */
  gint32          *closed;    /* per point: the day it closed, or G_MAXINT32 */
  gsize            n;
};

G_DEFINE_BOXED_TYPE (SteadPointSnapshot, stead_point_snapshot,
                     stead_point_snapshot_ref, stead_point_snapshot_unref)

SteadPointSnapshot *
stead_point_snapshot_ref (SteadPointSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_ref_count_inc (&self->ref_count);
  return self;
}

void
stead_point_snapshot_unref (SteadPointSnapshot *self)
{
  g_return_if_fail (self != NULL);

  if (!g_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->index, stead_point_index_unref);
  g_free (self->category);
  g_free (self->fid);
  g_free (self->classes);
  g_free (self->opened);
  g_free (self->closed);
  g_free (self);
}

/**
 * stead_point_snapshot_get_index:
 * @self: a #SteadPointSnapshot
 *
 * Returns: (transfer none): the clusters of the points
 */
SteadPointIndex *
stead_point_snapshot_get_index (SteadPointSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->index;
}

gsize
stead_point_snapshot_get_n_points (SteadPointSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n;
}

/**
 * stead_point_snapshot_get_categories:
 * @self: a #SteadPointSnapshot
 *
 * Returns: (array) (transfer none): per point, its category (see
 *   STEAD_POINT_CATEGORY_KIND() and the others)
 */
const guint16 *
stead_point_snapshot_get_categories (SteadPointSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->category;
}

/**
 * stead_point_snapshot_get_fids:
 * @self: a #SteadPointSnapshot
 *
 * Returns: (array) (transfer none): per point, its row in the table
 */
const gint64 *
stead_point_snapshot_get_fids (SteadPointSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->fid;
}

/**
 * stead_point_snapshot_get_classes:
 * @self: a #SteadPointSnapshot
 *
 * Returns: (array) (transfer none) (nullable): per point, its
 *   #SteadPointClass, for a merged load; %NULL for needs or resources alone
 */
const guint8 *
stead_point_snapshot_get_classes (SteadPointSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->classes;
}

/**
 * stead_point_snapshot_set_days:
 * @self: a #SteadPointSnapshot
 * @first: (nullable): the first day of a range (days since 1 January
 *   1970), or %NULL to count every point again
 * @last: the range's last day, with @first
 *
 * Filters the snapshot's index to the points live in the range, both ends
 * included: a need opened on or before @last and not closed before
 * @first; a point without dates (a resource, a site) is always live. The
 * index is not rebuilt (stead_point_index_set_live()). Main thread only.
 *
 * Returns: how many points are live
 */
gsize
stead_point_snapshot_set_days (SteadPointSnapshot *self,
                               const gint32       *first,
                               gint32              last)
{
  g_autofree guint8 *live = NULL;
  gsize n_live = 0;

  g_return_val_if_fail (self != NULL, 0);

  if (first == NULL)
    {
      stead_point_index_set_live (self->index, NULL);
      return self->n;
    }
  live = g_new (guint8, MAX (self->n, 1));
  for (gsize i = 0; i < self->n; i++)
    {
      live[i] = self->opened[i] <= last && self->closed[i] >= *first;
      n_live += live[i];
    }
  stead_point_index_set_live (self->index, live);
  return n_live;
}

/**
 * stead_point_snapshot_is_live:
 * @self: a #SteadPointSnapshot
 * @i: a point, in the index's numbering
 * @first: the first day of a range (days since 1 January 1970)
 * @last: its last day
 *
 * Returns: whether the point is live in the range, both ends included
 */
gboolean
stead_point_snapshot_is_live (SteadPointSnapshot *self,
                              gsize               i,
                              gint32              first,
                              gint32              last)
{
  g_return_val_if_fail (self != NULL && i < self->n, FALSE);

  return self->opened[i] <= last && self->closed[i] >= first;
}

static char *
stead_point_source_to_json (const char * const *values)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (values == NULL)
    return NULL;
  builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* The owners switched off, whose rows leave the map (NULL: none). */
static char *
stead_point_source_absent_json (SteadWorkspace *workspace)
{
  g_auto(GStrv) owners = stead_workspace_list_absent_owners (workspace);

  return owners != NULL && owners[0] != NULL
           ? stead_point_source_to_json ((const char * const *) owners) : NULL;
}

static const char *
stead_point_source_sql (SteadPointSourceKind kind)
{
  /* Positions are read from the geometry blobs without allocating (faster
   * than joining the R-tree, which is for area queries). The filters are
   * bound as JSON arrays: ?1 kinds (NULL for all), ?2 states, ?3 the
   * owners switched off (their rows leave the map with them). By default
   * needs that are met, closed or cancelled are history, not on the map. */
  if (kind == STEAD_POINT_SOURCE_NEEDS)
    return "SELECT n.fid, n.geom, "
           "(CASE n.status WHEN 'open' THEN 0 WHEN 'assigned' THEN 1 WHEN 'met' THEN 2 "
           "ELSE 3 END << 4) | n.urgency, n.kind, "
           "CAST (julianday (n.opened) - 2440587.5 AS INTEGER), "
           "CAST (julianday (n.closed) - 2440587.5 AS INTEGER) "
           "FROM need n "
           "WHERE (?1 IS NULL OR n.kind IN (SELECT value FROM json_each (?1))) "
           "AND n.status IN (SELECT value FROM json_each "
           "(coalesce (?2, '[\"open\", \"assigned\"]'))) "
           "AND (?3 IS NULL OR n.owner IS NULL "
           "  OR n.owner NOT IN (SELECT value FROM json_each (?3)))";
  return "SELECT s.fid, s.geom, "
         "(CASE s.availability WHEN 'available' THEN 0 WHEN 'limited' THEN 1 "
         "WHEN 'committed' THEN 2 ELSE 3 END << 4), s.kind, NULL, NULL "
         "FROM resource s "
         "WHERE (?1 IS NULL OR s.kind IN (SELECT value FROM json_each (?1))) "
         "AND (?2 IS NULL OR s.availability IN (SELECT value FROM json_each (?2))) "
         "AND (?3 IS NULL OR s.owner IS NULL "
         "  OR s.owner NOT IN (SELECT value FROM json_each (?3)))";
}

/* The kinds' places in the taxonomy, read once: a colour each. Stored
 * one up, so that 0 is "not found". */
static GHashTable *
stead_point_source_read_kinds (sqlite3              *db,
                               SteadPointSourceKind  kind)
{
  GHashTable *places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT code, sort FROM taxonomy WHERE vocabulary = ?", -1,
                          &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, kind == STEAD_POINT_SOURCE_NEEDS ? "need-kind" : "resource-kind",
                         -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_insert (places, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                             GUINT_TO_POINTER (MIN (sqlite3_column_int (stmt, 1), 254) + 1));
    }
  sqlite3_finalize (stmt);
  return places;
}

/* Steps through the rows into the arrays; FALSE if cancelled. */
static gboolean
stead_point_source_read_rows (sqlite3_stmt *stmt,
                              GHashTable   *places,
                              GArray       *lonlat,
                              GArray       *category,
                              GArray       *fid,
                              GArray       *days,
                              GCancellable *cancellable)
{
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *kind = (const char *) sqlite3_column_text (stmt, 3);
      guint found = kind != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (places, kind)) : 0;
      guint16 cat = (guint16) ((found > 0 ? found - 1 : 255) << 8 |
                               (sqlite3_column_int (stmt, 2) & 0xff));
      double lon, lat;
      gint32 opened, closed;

      if (!stead_gpkg_blob_get_point (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1),
                                      &lon, &lat))
        continue;   /* no position: not on the map */

      g_array_append_val (fid, id);
      g_array_append_val (lonlat, lon);
      g_array_append_val (lonlat, lat);
      g_array_append_val (category, cat);
      /* Undated (a resource): always there. */
      opened = sqlite3_column_type (stmt, 4) != SQLITE_NULL ? sqlite3_column_int (stmt, 4)
                                                            : G_MININT32;
      closed = sqlite3_column_type (stmt, 5) != SQLITE_NULL ? sqlite3_column_int (stmt, 5)
                                                            : G_MAXINT32;
      g_array_append_val (days, opened);
      g_array_append_val (days, closed);

      if ((fid->len & 0xffff) == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;
    }
  return TRUE;
}

/* Reads one table's rows into the arrays, each point of class @klass. */
static gboolean
stead_point_source_read_table (sqlite3               *db,
                               SteadPointSourceKind   kind,
                               const char * const    *kinds,
                               const char * const    *states,
                               const char            *absent,
                               GArray                *lonlat,
                               GArray                *category,
                               GArray                *fid,
                               GArray                *days,
                               GCancellable          *cancellable,
                               GError               **error)
{
  g_autofree char *kinds_json = stead_point_source_to_json (kinds);
  g_autofree char *states_json = stead_point_source_to_json (states);
  g_autoptr(GHashTable) places = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, stead_point_source_sql (kind), -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Could not read the map's points: %s", sqlite3_errmsg (db));
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, kinds_json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, states_json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, absent, -1, SQLITE_STATIC);
  places = stead_point_source_read_kinds (db, kind);
  stead_point_source_read_rows (stmt, places, lonlat, category, fid, days, cancellable);
  sqlite3_finalize (stmt);
  return TRUE;
}

/* Loads needs (or resources), then with @merged resources and the sites,
 * into one index where each point has its class. */
static SteadPointSnapshot *
stead_point_source_load_full (SteadWorkspace        *workspace,
                              SteadPointSourceKind   kind,
                              const char * const    *kinds,
                              const char * const    *states,
                              gboolean               merged,
                              const char * const    *resource_kinds,
                              const double          *sites,
                              gsize                  n_sites,
                              const char            *absent,
                              GCancellable          *cancellable,
                              GError               **error)
{
  g_autoptr(GArray) lonlat = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) category = g_array_new (FALSE, FALSE, sizeof (guint16));
  g_autoptr(GArray) fid = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GByteArray) classes = NULL;
  SteadPointSnapshot *snapshot;
  SteadPointIndexOptions options;
  sqlite3 *db;

  if (!(db = stead_workspace_open_reader (workspace, error)))
    return NULL;
  if (!stead_point_source_read_table (db, kind, kinds, states, absent, lonlat, category, fid,
                                      days, cancellable, error))
    {
      sqlite3_close (db);
      return NULL;
    }
  if (merged)
    {
      guint n_needs = fid->len, n_resources;

      classes = g_byte_array_new ();
      g_assert (kind == STEAD_POINT_SOURCE_NEEDS);
      if (!stead_point_source_read_table (db, STEAD_POINT_SOURCE_RESOURCES, resource_kinds, NULL,
                                          absent, lonlat,
                                          category, fid, days, cancellable, error))
        {
          sqlite3_close (db);
          return NULL;
        }
      n_resources = fid->len - n_needs;
      g_byte_array_set_size (classes, fid->len + n_sites);
      memset (classes->data, STEAD_POINT_CLASS_NEED, n_needs);
      memset (classes->data + n_needs, STEAD_POINT_CLASS_RESOURCE, n_resources);
      memset (classes->data + fid->len, STEAD_POINT_CLASS_SITE, n_sites);
      for (gsize i = 0; i < n_sites; i++)
        {
          gint64 place = (gint64) i;
          guint16 cat = 255 << 8;
          gint32 always[2] = { G_MININT32, G_MAXINT32 };

          g_array_append_vals (lonlat, sites + 2 * i, 2);
          g_array_append_val (fid, place);
          g_array_append_val (category, cat);
          g_array_append_vals (days, always, 2);
        }
    }
  sqlite3_close (db);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  snapshot = g_new0 (SteadPointSnapshot, 1);
  g_ref_count_init (&snapshot->ref_count);
  snapshot->n = fid->len;
  /* Clustered down to the map's last zoom: what is still one cluster
   * there is in one place, and the map lists it. */
  stead_point_index_options_init (&options);
  options.max_zoom = STEAD_POINT_SOURCE_MAX_ZOOM;
  snapshot->index = stead_point_index_new_classified (
    (const double *) lonlat->data, NULL, classes != NULL ? classes->data : NULL, snapshot->n,
    &options);
  snapshot->category = (guint16 *) g_array_free (g_steal_pointer (&category), FALSE);
  snapshot->fid = (gint64 *) g_array_free (g_steal_pointer (&fid), FALSE);
  if (classes != NULL)
    snapshot->classes = g_byte_array_free (g_steal_pointer (&classes), FALSE);
  snapshot->opened = g_new (gint32, MAX (snapshot->n, 1));
  snapshot->closed = g_new (gint32, MAX (snapshot->n, 1));
  for (gsize i = 0; i < snapshot->n; i++)
    {
      snapshot->opened[i] = g_array_index (days, gint32, 2 * i);
      snapshot->closed[i] = g_array_index (days, gint32, 2 * i + 1);
    }
  return snapshot;
}

/**
 * stead_point_source_load:
 * @workspace: a #SteadWorkspace
 * @kind: needs or resources
 * @kinds: (nullable) (array zero-terminated=1): the kinds to load
 *   (taxonomy codes), or %NULL for all
 * @states: (nullable) (array zero-terminated=1): the statuses (needs) or
 *   availabilities (resources) to load; %NULL for open and assigned
 *   needs, or every resource
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Reads the points with a position and builds their index. Blocks: call
 * it from a worker thread (stead_point_source_load_async() does). It
 * reads through a connection of its own, never the workspace's.
 *
 * Returns: (transfer full) (nullable): the points, or %NULL on error
 */
SteadPointSnapshot *
stead_point_source_load (SteadWorkspace        *workspace,
                         SteadPointSourceKind   kind,
                         const char * const    *kinds,
                         const char * const    *states,
                         GCancellable          *cancellable,
                         GError               **error)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_autofree char *absent = stead_point_source_absent_json (workspace);

  return stead_point_source_load_full (workspace, kind, kinds, states, FALSE, NULL, NULL, 0,
                                       absent, cancellable, error);
}

/**
 * stead_point_source_load_merged:
 * @workspace: a #SteadWorkspace
 * @kinds: (nullable) (array zero-terminated=1): the need kinds to load, or %NULL for all
 * @states: (nullable) (array zero-terminated=1): the need statuses to load;
 *   %NULL for open and assigned
 * @resource_kinds: (nullable) (array zero-terminated=1): the resource kinds
 *   to load, %NULL for all (an empty array: none)
 * @sites: (array) (nullable): 2 × @n_sites doubles, longitude then
 *   latitude: a plugin's places (partner sites) to cluster with them
 * @n_sites: how many sites
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Needs, every resource and the sites in one index, so that one cluster
 * stands for one place and counts each class of its members
 * (stead_point_snapshot_get_classes(), stead_point_index_get_class_counts()).
 * A site's "row" is its place in @sites. Blocks, as stead_point_source_load().
 *
 * Returns: (transfer full) (nullable): the points, or %NULL on error
 */
SteadPointSnapshot *
stead_point_source_load_merged (SteadWorkspace        *workspace,
                                const char * const    *kinds,
                                const char * const    *states,
                                const char * const    *resource_kinds,
                                const double          *sites,
                                gsize                  n_sites,
                                GCancellable          *cancellable,
                                GError               **error)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (sites != NULL || n_sites == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_autofree char *absent = stead_point_source_absent_json (workspace);

  return stead_point_source_load_full (workspace, STEAD_POINT_SOURCE_NEEDS, kinds, states, TRUE,
                                       resource_kinds, sites, n_sites, absent, cancellable, error);
}

typedef struct
{
  SteadPointSourceKind   kind;
  char                 **kinds;
  char                 **states;
  gboolean               merged;
  char                 **resource_kinds;
  GArray                *sites;   /* lon, lat doubles */
  char                  *absent;  /* owners switched off, as JSON (read on the main thread) */
} LoadRequest;

static void
stead_point_source_request_free (LoadRequest *request)
{
  g_strfreev (request->kinds);
  g_strfreev (request->states);
  g_strfreev (request->resource_kinds);
  g_free (request->absent);
  g_clear_pointer (&request->sites, g_array_unref);
  g_free (request);
}

static void
stead_point_source_load_thread (GTask        *task,
                                gpointer      source_object,
                                gpointer      task_data,
                                GCancellable *cancellable)
{
  LoadRequest *request = task_data;
  GError *error = NULL;
  SteadPointSnapshot *snapshot;

  snapshot = stead_point_source_load_full (
    source_object, request->kind, (const char * const *) request->kinds,
    (const char * const *) request->states, request->merged,
    (const char * const *) request->resource_kinds,
    request->sites != NULL ? (const double *) request->sites->data : NULL,
    request->sites != NULL ? request->sites->len / 2 : 0, request->absent, cancellable, &error);
  if (snapshot == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, snapshot, (GDestroyNotify) stead_point_snapshot_unref);
}

/* Both loads finish with stead_point_source_load_finish(). */
static void
stead_point_source_run (SteadWorkspace      *workspace,
                        LoadRequest         *request,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (workspace, cancellable, callback, user_data);

  g_task_set_source_tag (task, stead_point_source_load_async);
  request->absent = stead_point_source_absent_json (workspace);
  g_task_set_task_data (task, request, (GDestroyNotify) stead_point_source_request_free);
  g_task_run_in_thread (task, stead_point_source_load_thread);
}

/**
 * stead_point_source_load_async:
 * @workspace: a #SteadWorkspace
 * @kind: needs or resources
 * @kinds: (nullable) (array zero-terminated=1): as stead_point_source_load()
 * @states: (nullable) (array zero-terminated=1): as stead_point_source_load()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context when loaded
 * @user_data: for @callback
 *
 * Loads the points on a worker thread; the filters are copied.
 */
void
stead_point_source_load_async (SteadWorkspace        *workspace,
                               SteadPointSourceKind   kind,
                               const char * const    *kinds,
                               const char * const    *states,
                               GCancellable          *cancellable,
                               GAsyncReadyCallback    callback,
                               gpointer               user_data)
{
  LoadRequest *request;

  g_return_if_fail (STEAD_IS_WORKSPACE (workspace));
  g_return_if_fail (kind == STEAD_POINT_SOURCE_NEEDS || kind == STEAD_POINT_SOURCE_RESOURCES);

  request = g_new0 (LoadRequest, 1);
  request->kind = kind;
  request->kinds = g_strdupv ((char **) kinds);
  request->states = g_strdupv ((char **) states);

  stead_point_source_run (workspace, request, cancellable, callback, user_data);
}

/**
 * stead_point_source_load_merged_async:
 * @workspace: a #SteadWorkspace
 * @kinds: (nullable) (array zero-terminated=1): as stead_point_source_load_merged()
 * @states: (nullable) (array zero-terminated=1): as stead_point_source_load_merged()
 * @resource_kinds: (nullable) (array zero-terminated=1): as stead_point_source_load_merged()
 * @sites: (array) (nullable): as stead_point_source_load_merged(); copied
 * @n_sites: how many sites
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context when loaded
 * @user_data: for @callback
 *
 * stead_point_source_load_merged() on a worker thread; finish with
 * stead_point_source_load_finish().
 */
void
stead_point_source_load_merged_async (SteadWorkspace        *workspace,
                                      const char * const    *kinds,
                                      const char * const    *states,
                                      const char * const    *resource_kinds,
                                      const double          *sites,
                                      gsize                  n_sites,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  LoadRequest *request;

  g_return_if_fail (STEAD_IS_WORKSPACE (workspace));
  g_return_if_fail (sites != NULL || n_sites == 0);

  request = g_new0 (LoadRequest, 1);
  request->kind = STEAD_POINT_SOURCE_NEEDS;
  request->kinds = g_strdupv ((char **) kinds);
  request->states = g_strdupv ((char **) states);
  request->merged = TRUE;
  request->resource_kinds = g_strdupv ((char **) resource_kinds);
  request->sites = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * n_sites);
  g_array_append_vals (request->sites, sites, 2 * n_sites);

  stead_point_source_run (workspace, request, cancellable, callback, user_data);
}

/**
 * stead_point_source_load_finish:
 * @workspace: a #SteadWorkspace
 * @result: the result given to the callback
 * @error: a #GError; %G_IO_ERROR_CANCELLED if the load was cancelled
 *
 * Returns: (transfer full) (nullable): the points, or %NULL on error
 */
SteadPointSnapshot *
stead_point_source_load_finish (SteadWorkspace  *workspace,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, workspace), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == stead_point_source_load_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * stead_point_source_get_extent:
 * @workspace: a #SteadWorkspace
 * @extent: (out): the box around every need and resource
 *
 * Returns: %TRUE if there is at least one need or resource with a position
 */
gboolean
stead_point_source_get_extent (SteadWorkspace *workspace,
                               SteadEnvelope  *extent)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (extent != NULL, FALSE);

  /* The R-tree indexes hold every point's box. */
  stmt = stead_workspace_prepare (workspace,
                                  "SELECT min(minx), min(miny), max(maxx), max(maxy) FROM "
                                  "(SELECT minx, miny, maxx, maxy FROM rtree_need_geom "
                                  " UNION ALL "
                                  " SELECT minx, miny, maxx, maxy FROM rtree_resource_geom)",
                                  NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW ||
      sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return FALSE;
  extent->min_x = sqlite3_column_double (stmt, 0);
  extent->min_y = sqlite3_column_double (stmt, 1);
  extent->max_x = sqlite3_column_double (stmt, 2);
  extent->max_y = sqlite3_column_double (stmt, 3);
  return TRUE;
}

/**
 * stead_point_source_get_day_span:
 * @workspace: a #SteadWorkspace
 * @first: (out): the day the first need opened (days since 1 January 1970)
 * @last: (out): the last day a need opened or closed
 *
 * Returns: %FALSE if there are no dated needs
 */
gboolean
stead_point_source_get_day_span (SteadWorkspace *workspace,
                                 gint32         *first,
                                 gint32         *last)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (first != NULL && last != NULL, FALSE);

  /* Times are ISO 8601 text, whose order is the times' order: the first
   * and last opened come from need_opened's ends, not julianday () of a
   * million rows on the main thread. Text not starting with a digit is
   * not a time. */
  stmt = stead_workspace_prepare (
    workspace,
    "SELECT CAST (julianday (lo) - 2440587.5 AS INTEGER), "
    "CAST (max (julianday (hi), coalesce (julianday (hc), 0)) - 2440587.5 AS INTEGER) "
    "FROM (SELECT (SELECT min (opened) FROM need WHERE opened >= '0' AND opened < ':') AS lo, "
    "(SELECT max (opened) FROM need WHERE opened >= '0' AND opened < ':') AS hi, "
    "(SELECT max (closed) FROM need WHERE closed >= '0' AND closed < ':') AS hc) "
    "WHERE julianday (lo) IS NOT NULL AND julianday (hi) IS NOT NULL",
    NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW &&
      sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      *first = sqlite3_column_int (stmt, 0);
      *last = sqlite3_column_int (stmt, 1);
      found = TRUE;
    }
  return found;
}

/**
 * stead_point_source_get_details:
 * @workspace: a #SteadWorkspace
 * @kind: needs or resources
 * @fid: a row of the need or resource table
 *
 * Returns: (transfer full) (nullable): what is known of the need or
 *   resource, or %NULL if there is no such row
 */
SteadPointDetails *
stead_point_source_get_details (SteadWorkspace       *workspace,
                                SteadPointSourceKind  kind,
                                gint64                fid)
{
  gboolean needs = kind == STEAD_POINT_SOURCE_NEEDS;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SteadPointDetails *details;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);

  stmt = stead_workspace_prepare (workspace,
                                  needs ? "SELECT kind, title, people, urgency, status, opened, "
                                          "owner, owner_ref FROM need WHERE fid = ?"
                                        : "SELECT kind, title, capacity, NULL, availability, NULL, "
                                          "owner, owner_ref FROM resource WHERE fid = ?",
                                  NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, fid);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  details = g_new0 (SteadPointDetails, 1);
  details->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  details->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  details->amount = sqlite3_column_int (stmt, 2);
  details->urgency = sqlite3_column_int (stmt, 3);
  details->state = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  details->opened = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  details->owner = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  details->owner_ref = sqlite3_column_int64 (stmt, 7);
  return details;
}

/**
 * stead_point_source_get_titles:
 * @workspace: a #SteadWorkspace
 * @kind: a resource kind (a taxonomy code), as "rest-centre"
 *
 * The titles of the resources of @kind, for naming public places (rest
 * centres) on the map. A resource's title is registered as personal data
 * (stead_personal_data): whoever shows one checks the show-personal-data
 * setting first.
 *
 * Returns: (transfer full): each resource's row (a #gint64, by pointer)
 *   to its title (the empty string when it has none)
 */
GHashTable *
stead_point_source_get_titles (SteadWorkspace *workspace,
                               const char     *kind)
{
  GHashTable *titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), titles);
  g_return_val_if_fail (kind != NULL, titles);

  stmt = stead_workspace_prepare (workspace,
                                  "SELECT fid, coalesce (title, '') FROM resource WHERE kind = ?",
                                  NULL);
  if (stmt == NULL)
    return titles;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (titles, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) },
                                            sizeof (gint64)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  return titles;
}

void
stead_point_details_free (SteadPointDetails *details)
{
  if (details == NULL)
    return;
  g_free (details->kind);
  g_free (details->title);
  g_free (details->state);
  g_free (details->opened);
  g_free (details->owner);
  g_free (details);
}
