/* groups-coverage.c: exposure, reach and gaps of every group in every area
 *
 * See groups-coverage.h for what is computed and the gap score. Other
 * plugins' records come only through their record kinds: the
 * organisations' and risks' facts_sql, the risks' list_sql (titles) and
 * locate_sql (hazard areas).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "groups"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "groups.h"
#include "groups-coverage.h"

/* What the computation needs of other plugins, copied on the main
 * thread (the providers live there) for the worker. */
typedef struct
{
  char *organisation_facts;
  char *risk_facts;
  char *risk_list;
  char *risk_locate;
  char *volunteer_facts;
} CoverageSources;

typedef struct
{
  gint64         fid;
  char          *name;
  char          *code;
  char          *kind;
  SteadGeometry *geom;      /* NULL if it has none */
  SteadEnvelope  env;
  GArray        *risks;     /* guint indexes into risks touching it, NULL until computed */
} CoverageArea;

typedef struct
{
  gint64         id;
  char          *title;
  char          *name;
  char          *band;
  int            band_sort;
  int            score;
  GPtrArray     *hazards;   /* SteadGeometry */
  GArray        *envs;      /* SteadEnvelope of each */
} CoverageRisk;

typedef struct
{
  gint64   id;
  char    *name;
  GStrv    needs;
  GArray  *cells;           /* guint: its cells, by index into cells */
  GArray  *judged;          /* guint: risk indexes */
  GHashTable *kinds;        /* area kinds its counts use */
} CoverageGroup;

typedef struct
{
  GroupsCoverageCell  cell;
  guint               group_index;
  guint               area_index;
  GArray             *orgs;       /* gint64 organisation ids reaching it */
  GArray             *risks;      /* guint risk indexes */
  GArray             *exposure;   /* GroupsExposure */
  char               *reasons;
} CoverageCell;

struct _GroupsCoverage
{
  gatomicrefcount  ref_count;
  gint64           suppress_below;
  GArray          *areas;       /* CoverageArea */
  GArray          *risks;       /* CoverageRisk */
  GArray          *groups;      /* CoverageGroup */
  GPtrArray       *cells;       /* CoverageCell, ranked */
  GHashTable      *by_key;      /* "group:area" packed in a gint64 pair -> CoverageCell */
};

/* Both modules of the plugin link this file (a static library): its
 * types are registered once, by name, whichever module comes first. */
GType
groups_coverage_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      GType found = g_type_from_name ("GroupsCoverage");

      if (found == 0)
        found = g_boxed_type_register_static (g_intern_static_string ("GroupsCoverage"),
                                              (GBoxedCopyFunc) groups_coverage_ref,
                                              (GBoxedFreeFunc) groups_coverage_unref);
      g_once_init_leave (&type, found);
    }
  return type;
}

static void
groups_coverage_sources_free (CoverageSources *sources)
{
  g_free (sources->organisation_facts);
  g_free (sources->risk_facts);
  g_free (sources->risk_list);
  g_free (sources->risk_locate);
  g_free (sources->volunteer_facts);
  g_free (sources);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoverageSources, groups_coverage_sources_free)

static CoverageSources *
groups_coverage_sources_new (SteadWorkspace *workspace)
{
  CoverageSources *sources = g_new0 (CoverageSources, 1);
  const SteadRecordKind *kind;

  if ((kind = stead_workspace_get_record_kind (workspace, "organisation")) != NULL)
    sources->organisation_facts = g_strdup (kind->facts_sql);
  if ((kind = stead_workspace_get_record_kind (workspace, "risk")) != NULL)
    {
      sources->risk_facts = g_strdup (kind->facts_sql);
      sources->risk_list = g_strdup (kind->list_sql);
      sources->risk_locate = g_strdup (kind->locate_sql);
    }
  if ((kind = stead_workspace_get_record_kind (workspace, "volunteer")) != NULL)
    sources->volunteer_facts = g_strdup (kind->facts_sql);
  return sources;
}

/**
 * groups_coverage_dup_tables:
 *
 * Returns: (transfer full): the tables (and prefixes ending in '_') the
 *   coverage reads
 */
GStrv
groups_coverage_dup_tables (SteadWorkspace *workspace)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  static const char * const kinds[] = { "organisation", "risk", "volunteer" };

  g_strv_builder_add (builder, "groups_");
  g_strv_builder_add (builder, "area");
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      const SteadRecordKind *kind = stead_workspace_get_record_kind (workspace, kinds[i]);
      g_auto(GStrv) tables = NULL;

      if (kind == NULL || kind->tables == NULL)
        continue;
      tables = g_strsplit (kind->tables, ";", -1);
      for (guint t = 0; tables[t] != NULL; t++)
        if (*tables[t] != '\0')
          g_strv_builder_add (builder, tables[t]);
    }
  return g_strv_builder_end (builder);
}

/* ------------------------------------------------------------------------ */
/* Freeing                                                                   */

static void
groups_coverage_area_clear (gpointer data)
{
  CoverageArea *area = data;

  g_free (area->name);
  g_free (area->code);
  g_free (area->kind);
  g_clear_pointer (&area->geom, stead_geometry_unref);
  g_clear_pointer (&area->risks, g_array_unref);
}

static void
groups_coverage_risk_clear (gpointer data)
{
  CoverageRisk *risk = data;

  g_free (risk->title);
  g_free (risk->name);
  g_free (risk->band);
  g_clear_pointer (&risk->hazards, g_ptr_array_unref);
  g_clear_pointer (&risk->envs, g_array_unref);
}

static void
groups_coverage_group_clear (gpointer data)
{
  CoverageGroup *group = data;

  g_free (group->name);
  g_strfreev (group->needs);
  g_clear_pointer (&group->cells, g_array_unref);
  g_clear_pointer (&group->judged, g_array_unref);
  g_clear_pointer (&group->kinds, g_hash_table_unref);
}

static void
groups_coverage_cell_free (gpointer data)
{
  CoverageCell *cell = data;

  g_clear_pointer (&cell->orgs, g_array_unref);
  g_clear_pointer (&cell->risks, g_array_unref);
  g_clear_pointer (&cell->exposure, g_array_unref);
  g_free (cell->reasons);
  g_free (cell);
}

GroupsCoverage *
groups_coverage_ref (GroupsCoverage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
groups_coverage_unref (GroupsCoverage *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->by_key);
  g_ptr_array_unref (self->cells);
  g_array_unref (self->groups);
  g_array_unref (self->risks);
  g_array_unref (self->areas);
  g_free (self);
}

static GroupsCoverage *
groups_coverage_new (void)
{
  GroupsCoverage *self = g_new0 (GroupsCoverage, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->suppress_below = 5;
  self->areas = g_array_new (FALSE, TRUE, sizeof (CoverageArea));
  g_array_set_clear_func (self->areas, groups_coverage_area_clear);
  self->risks = g_array_new (FALSE, TRUE, sizeof (CoverageRisk));
  g_array_set_clear_func (self->risks, groups_coverage_risk_clear);
  self->groups = g_array_new (FALSE, TRUE, sizeof (CoverageGroup));
  g_array_set_clear_func (self->groups, groups_coverage_group_clear);
  self->cells = g_ptr_array_new_with_free_func (groups_coverage_cell_free);
  self->by_key = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  return self;
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                   */

static sqlite3_stmt *
groups_coverage_prepare (sqlite3     *db,
                         const char  *sql,
                         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not read the coverage: %s"),
                   sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static gboolean
groups_coverage_step_done (sqlite3  *db,
                           int       rc,
                           GError  **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not read the coverage: %s"),
               sqlite3_errmsg (db));
  return FALSE;
}

static char *
groups_coverage_column_dup (sqlite3_stmt *stmt,
                            int           column)
{
  if (column < 0 || sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static SteadGeometry *
groups_coverage_column_geometry (sqlite3_stmt *stmt,
                                 int           column)
{
  const guint8 *blob = sqlite3_column_blob (stmt, column);
  int n = sqlite3_column_bytes (stmt, column);
  SteadGeometry *geom;

  if (blob == NULL || n <= 0)
    return NULL;
  geom = stead_geometry_new_from_gpkg (blob, n, NULL, NULL);
  if (geom != NULL && stead_geometry_is_empty (geom))
    g_clear_pointer (&geom, stead_geometry_unref);
  return geom;
}

static gint64
groups_coverage_pair_key (gint64 group,
                          gint64 area)
{
  /* Ids stay far below 2^31 in a workspace: one 64-bit key a pair. */
  return (group << 32) ^ (area & 0xffffffff);
}

static CoverageCell *
groups_coverage_cell_for (GroupsCoverage *self,
                          GHashTable     *cells_by_key,
                          guint           group_index,
                          guint           area_index)
{
  CoverageGroup *group = &g_array_index (self->groups, CoverageGroup, group_index);
  CoverageArea *area = &g_array_index (self->areas, CoverageArea, area_index);
  gint64 key = groups_coverage_pair_key (group->id, area->fid);
  CoverageCell *cell = g_hash_table_lookup (cells_by_key, &key);

  if (cell != NULL)
    return cell;
  cell = g_new0 (CoverageCell, 1);
  cell->group_index = group_index;
  cell->area_index = area_index;
  cell->cell.group = group->id;
  cell->cell.area = area->fid;
  g_ptr_array_add (self->cells, cell);
  g_array_append_val (group->cells, self->cells->len);
  g_hash_table_insert (cells_by_key, g_memdup2 (&key, sizeof key), cell);
  return cell;
}

static gboolean
groups_coverage_read_groups (GroupsCoverage  *self,
                             sqlite3         *db,
                             GHashTable      *group_index,
                             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = groups_coverage_prepare (db, "SELECT g.id, g.name, "
                                      "(SELECT group_concat (n.kind, ' ') FROM groups_need n "
                                      " WHERE n.group_id = g.id) FROM groups_group g ORDER BY g.id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CoverageGroup group = { 0 };
      const char *needs = (const char *) sqlite3_column_text (stmt, 2);

      group.id = sqlite3_column_int64 (stmt, 0);
      group.name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      group.needs = g_strsplit (needs != NULL ? needs : "", " ", -1);
      group.cells = g_array_new (FALSE, FALSE, sizeof (guint));
      group.judged = g_array_new (FALSE, FALSE, sizeof (guint));
      group.kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_array_append_val (self->groups, group);
      g_hash_table_insert (group_index, g_memdup2 (&group.id, sizeof group.id),
                           GUINT_TO_POINTER (self->groups->len));
    }
  return groups_coverage_step_done (db, rc, error);
}

/* The areas of every kind a count uses, and wards. */
static gboolean
groups_coverage_read_areas (GroupsCoverage  *self,
                            sqlite3         *db,
                            GHashTable      *area_index,
                            GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = groups_coverage_prepare (db,
                                  "SELECT fid, name, code, kind, geom FROM area "
                                  "WHERE kind = 'ward' OR kind IN (SELECT DISTINCT a.kind "
                                  "FROM groups_count c JOIN area a ON a.fid = c.area) "
                                  "ORDER BY fid",
                                  error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CoverageArea area = { 0 };

      area.fid = sqlite3_column_int64 (stmt, 0);
      area.name = groups_coverage_column_dup (stmt, 1);
      area.code = groups_coverage_column_dup (stmt, 2);
      area.kind = groups_coverage_column_dup (stmt, 3);
      area.geom = groups_coverage_column_geometry (stmt, 4);
      if (area.geom != NULL && !stead_geometry_get_envelope (area.geom, &area.env))
        g_clear_pointer (&area.geom, stead_geometry_unref);
      g_array_append_val (self->areas, area);
      g_hash_table_insert (area_index, g_memdup2 (&area.fid, sizeof area.fid),
                           GUINT_TO_POINTER (self->areas->len));
    }
  return groups_coverage_step_done (db, rc, error);
}

/* Index + 1 of @id in @table, 0 if absent. */
static guint
groups_coverage_index_of (GHashTable *table,
                          gint64      id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, &id));
}

static gboolean
groups_coverage_read_counts (GroupsCoverage  *self,
                             sqlite3         *db,
                             GHashTable      *group_index,
                             GHashTable      *area_index,
                             GHashTable      *cells_by_key,
                             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = groups_coverage_prepare (db, "SELECT group_id, area, count FROM groups_count", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint g = groups_coverage_index_of (group_index, sqlite3_column_int64 (stmt, 0));
      guint a = groups_coverage_index_of (area_index, sqlite3_column_int64 (stmt, 1));
      CoverageCell *cell;
      CoverageGroup *group;
      CoverageArea *area;

      if (g == 0 || a == 0)
        continue;
      group = &g_array_index (self->groups, CoverageGroup, g - 1);
      area = &g_array_index (self->areas, CoverageArea, a - 1);
      if (area->kind != NULL && !g_hash_table_contains (group->kinds, area->kind))
        g_hash_table_add (group->kinds, g_strdup (area->kind));
      cell = groups_coverage_cell_for (self, cells_by_key, g - 1, a - 1);
      cell->cell.count = sqlite3_column_int64 (stmt, 2);
      cell->cell.size += cell->cell.count;
    }
  return groups_coverage_step_done (db, rc, error);
}

/* A place counts in every area of its group's kinds (wards if none)
 * whose polygon holds it. */
static gboolean
groups_coverage_read_places (GroupsCoverage  *self,
                             sqlite3         *db,
                             GHashTable      *group_index,
                             GHashTable      *cells_by_key,
                             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = groups_coverage_prepare (db,
                                  "SELECT group_id, people, geom FROM groups_place "
                                  "WHERE geom IS NOT NULL",
                                  error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint g = groups_coverage_index_of (group_index, sqlite3_column_int64 (stmt, 0));
      gint64 people = sqlite3_column_type (stmt, 1) == SQLITE_NULL
                        ? 1 : sqlite3_column_int64 (stmt, 1);
      const guint8 *blob = sqlite3_column_blob (stmt, 2);
      CoverageGroup *group;
      double x, y;

      if (g == 0 || blob == NULL ||
          !stead_gpkg_blob_get_point (blob, sqlite3_column_bytes (stmt, 2), &x, &y))
        continue;
      group = &g_array_index (self->groups, CoverageGroup, g - 1);
      for (guint a = 0; a < self->areas->len; a++)
        {
          CoverageArea *area = &g_array_index (self->areas, CoverageArea, a);
          gboolean kind_ok = g_hash_table_size (group->kinds) > 0
                               ? g_hash_table_contains (group->kinds, area->kind)
                               : g_strcmp0 (area->kind, "ward") == 0;
          CoverageCell *cell;

          if (!kind_ok || area->geom == NULL || x < area->env.min_x || x > area->env.max_x ||
              y < area->env.min_y || y > area->env.max_y ||
              !stead_geometry_contains_point (area->geom, x, y))
            continue;
          cell = groups_coverage_cell_for (self, cells_by_key, g - 1, a);
          cell->cell.n_places++;
          cell->cell.size += people;
        }
    }
  return groups_coverage_step_done (db, rc, error);
}

static gboolean
groups_coverage_read_risks (GroupsCoverage         *self,
                            sqlite3                *db,
                            const CoverageSources  *sources,
                            GHashTable             *risk_index,
                            GCancellable           *cancellable,
                            GError                **error)
{
  g_autoptr(sqlite3_stmt) facts = NULL;
  g_autoptr(sqlite3_stmt) list = NULL;
  g_autoptr(sqlite3_stmt) locate = NULL;
  g_autoptr(GHashTable) titles = NULL;
  int c_score, c_band, c_sort, c_archived, c_name;
  int rc;

  if (sources->risk_facts == NULL)
    return TRUE;   /* no plugin describes risks: no exposure but the judged */
  if (!(facts = groups_coverage_prepare (db, sources->risk_facts, error)))
    return FALSE;
  titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  if (sources->risk_list != NULL)
    {
      if (!(list = groups_coverage_prepare (db, sources->risk_list, error)))
        return FALSE;
      while ((rc = sqlite3_step (list)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (list, 0);

          g_hash_table_insert (titles, g_memdup2 (&id, sizeof id),
                               groups_coverage_column_dup (list, 1));
        }
      if (!groups_coverage_step_done (db, rc, error))
        return FALSE;
    }
  if (sources->risk_locate != NULL && !(locate = groups_coverage_prepare (db, sources->risk_locate,
                                                                          error)))
    return FALSE;

  c_score = stead_statement_column_index (facts, "score");
  c_band = stead_statement_column_index (facts, "band");
  c_sort = stead_statement_column_index (facts, "band_sort");
  c_archived = stead_statement_column_index (facts, "archived");
  c_name = stead_statement_column_index (facts, "name");
  while ((rc = sqlite3_step (facts)) == SQLITE_ROW)
    {
      CoverageRisk risk = { 0 };

      if (c_archived >= 0 && sqlite3_column_int (facts, c_archived) != 0)
        continue;
      risk.id = sqlite3_column_int64 (facts, 0);
      risk.score = c_score >= 0 ? CLAMP (sqlite3_column_int (facts, c_score), 0,
                                         GROUPS_COVERAGE_MAX_SCORE) : 0;
      risk.band = groups_coverage_column_dup (facts, c_band);
      risk.band_sort = c_sort >= 0 ? sqlite3_column_int (facts, c_sort) : 0;
      risk.title = g_strdup (g_hash_table_lookup (titles, &risk.id));
      risk.name = groups_coverage_column_dup (facts, c_name);
      if (risk.title == NULL)
        risk.title = g_strdup (risk.name != NULL ? risk.name : "");
      if (risk.name == NULL)
        risk.name = g_strdup (risk.title);
      risk.hazards = g_ptr_array_new_with_free_func ((GDestroyNotify) stead_geometry_unref);
      risk.envs = g_array_new (FALSE, FALSE, sizeof (SteadEnvelope));
      if (locate != NULL)
        {
          int lrc;

          sqlite3_reset (locate);
          sqlite3_bind_int64 (locate, 1, risk.id);
          while ((lrc = sqlite3_step (locate)) == SQLITE_ROW)
            {
              SteadGeometry *geom = groups_coverage_column_geometry (locate, 0);
              SteadEnvelope env;

              if (geom == NULL || !stead_geometry_get_envelope (geom, &env))
                {
                  g_clear_pointer (&geom, stead_geometry_unref);
                  continue;
                }
              g_ptr_array_add (risk.hazards, geom);
              g_array_append_val (risk.envs, env);
            }
          if (!groups_coverage_step_done (db, lrc, error))
            {
              groups_coverage_risk_clear (&risk);
              return FALSE;
            }
        }
      g_array_append_val (self->risks, risk);
      g_hash_table_insert (risk_index, g_memdup2 (&risk.id, sizeof risk.id),
                           GUINT_TO_POINTER (self->risks->len));
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  return groups_coverage_step_done (db, rc, error);
}

static gboolean
groups_coverage_read_judged (GroupsCoverage  *self,
                             sqlite3         *db,
                             GHashTable      *group_index,
                             GHashTable      *risk_index,
                             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = groups_coverage_prepare (db, "SELECT group_id, risk FROM groups_exposure", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint g = groups_coverage_index_of (group_index, sqlite3_column_int64 (stmt, 0));
      guint r = groups_coverage_index_of (risk_index, sqlite3_column_int64 (stmt, 1));
      guint risk = r - 1;

      if (g == 0 || r == 0)
        continue;   /* a risk no plugin describes now, or archived */
      g_array_append_val (g_array_index (self->groups, CoverageGroup, g - 1).judged, risk);
    }
  return groups_coverage_step_done (db, rc, error);
}

/* Organisation id -> 1 instrumental, 2 fluid (contributing, occasional). */
static gboolean
groups_coverage_read_tiers (sqlite3                *db,
                            const CoverageSources  *sources,
                            GHashTable             *tiers,
                            GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int c_tier;
  int rc;

  if (sources->organisation_facts == NULL)
    return TRUE;
  if (!(stmt = groups_coverage_prepare (db, sources->organisation_facts, error)))
    return FALSE;
  c_tier = stead_statement_column_index (stmt, "tier");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *tier = c_tier >= 0 ? (const char *) sqlite3_column_text (stmt, c_tier) : NULL;
      guint value = g_strcmp0 (tier, "instrumental") == 0 ? 1
                    : (g_strcmp0 (tier, "contributing") == 0 ||
                       g_strcmp0 (tier, "occasional") == 0) ? 2 : 0;

      if (value != 0)
        g_hash_table_insert (tiers, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (value));
    }
  return groups_coverage_step_done (db, rc, error);
}

static void
groups_coverage_cell_add_org (CoverageCell *cell,
                              gint64        organisation)
{
  if (cell->orgs == NULL)
    cell->orgs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (cell->orgs, organisation);
}

/* Reach rows: those with areas reach the cells there, the others every
 * cell of the group. */
static gboolean
groups_coverage_read_reach (GroupsCoverage  *self,
                            sqlite3         *db,
                            GHashTable      *group_index,
                            GHashTable      *cells_by_key,
                            GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = groups_coverage_prepare (db,
                                  "SELECT r.group_id, r.organisation, ra.area FROM groups_reach r "
                                  "LEFT JOIN groups_reach_area ra ON ra.reach = r.id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 group_id = sqlite3_column_int64 (stmt, 0);
      guint g = groups_coverage_index_of (group_index, group_id);
      gint64 organisation = sqlite3_column_int64 (stmt, 1);

      if (g == 0)
        continue;
      if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
        {
          CoverageGroup *group = &g_array_index (self->groups, CoverageGroup, g - 1);

          for (guint i = 0; i < group->cells->len; i++)
            {
              guint c = g_array_index (group->cells, guint, i) - 1;

              groups_coverage_cell_add_org (g_ptr_array_index (self->cells, c), organisation);
            }
        }
      else
        {
          gint64 key = groups_coverage_pair_key (group_id, sqlite3_column_int64 (stmt, 2));
          CoverageCell *cell = g_hash_table_lookup (cells_by_key, &key);

          if (cell != NULL)
            groups_coverage_cell_add_org (cell, organisation);
        }
    }
  return groups_coverage_step_done (db, rc, error);
}

static int
groups_coverage_compare_ids (gconstpointer a,
                             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
groups_coverage_count_reach (CoverageCell *cell,
                             GHashTable   *tiers)
{
  gint64 last = G_MININT64;

  if (cell->orgs == NULL)
    return;
  g_array_sort (cell->orgs, groups_coverage_compare_ids);
  for (guint i = 0; i < cell->orgs->len; i++)
    {
      gint64 org = g_array_index (cell->orgs, gint64, i);
      guint tier;

      if (org == last)
        continue;   /* one organisation by two channels counts once */
      last = org;
      tier = GPOINTER_TO_UINT (g_hash_table_lookup (tiers, &org));
      if (tier == 1)
        cell->cell.instrumental++;
      else if (tier == 2)
        cell->cell.fluid++;
    }
}

/* Volunteers: a plugin's "volunteer" facts (skills, radius_km,
 * longitude, latitude). */
typedef struct
{
  GStrv  skills;
  double radius_km;
  double x;
  double y;
} CoverageVolunteer;

static void
groups_coverage_volunteer_clear (gpointer data)
{
  g_strfreev (((CoverageVolunteer *) data)->skills);
}

static gboolean
groups_coverage_read_volunteers (sqlite3                *db,
                                 const CoverageSources  *sources,
                                 GArray                 *volunteers,
                                 GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int c_skills, c_radius, c_x, c_y;
  int rc;

  if (sources->volunteer_facts == NULL)
    return TRUE;
  if (!(stmt = groups_coverage_prepare (db, sources->volunteer_facts, error)))
    return FALSE;
  c_skills = stead_statement_column_index (stmt, "skills");
  c_radius = stead_statement_column_index (stmt, "radius_km");
  c_x = stead_statement_column_index (stmt, "longitude");
  c_y = stead_statement_column_index (stmt, "latitude");
  if (c_skills < 0 || c_radius < 0 || c_x < 0 || c_y < 0)
    return TRUE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CoverageVolunteer volunteer;
      const char *skills = (const char *) sqlite3_column_text (stmt, c_skills);

      if (sqlite3_column_type (stmt, c_x) == SQLITE_NULL ||
          sqlite3_column_type (stmt, c_y) == SQLITE_NULL)
        continue;
      volunteer.skills = g_strsplit (skills != NULL ? skills : "", " ", -1);
      volunteer.radius_km = sqlite3_column_double (stmt, c_radius);
      volunteer.x = sqlite3_column_double (stmt, c_x);
      volunteer.y = sqlite3_column_double (stmt, c_y);
      g_array_append_val (volunteers, volunteer);
    }
  return groups_coverage_step_done (db, rc, error);
}

static guint
groups_coverage_count_volunteers (const CoverageGroup *group,
                                  const CoverageArea  *area,
                                  GArray              *volunteers)
{
  double cx, cy;
  guint n = 0;

  if (volunteers->len == 0 || area->geom == NULL || group->needs[0] == NULL)
    return 0;
  cx = (area->env.min_x + area->env.max_x) / 2;
  cy = (area->env.min_y + area->env.max_y) / 2;
  for (guint i = 0; i < volunteers->len; i++)
    {
      CoverageVolunteer *v = &g_array_index (volunteers, CoverageVolunteer, i);
      gboolean skilled = FALSE;

      for (guint s = 0; !skilled && v->skills[s] != NULL; s++)
        skilled = *v->skills[s] != '\0' &&
                  g_strv_contains ((const char * const *) group->needs, v->skills[s]);
      if (skilled && stead_match_distance_km (cx, cy, v->x, v->y) <= v->radius_km)
        n++;
    }
  return n;
}

/* ------------------------------------------------------------------------ */
/* Exposure                                                                  */

static gboolean
groups_coverage_envelopes_meet (const SteadEnvelope *a,
                                const SteadEnvelope *b)
{
  return a->min_x <= b->max_x && b->min_x <= a->max_x && a->min_y <= b->max_y &&
         b->min_y <= a->max_y;
}

/* The risks whose hazard areas meet @area: envelopes first. */
static void
groups_coverage_area_risks (GroupsCoverage *self,
                            CoverageArea   *area)
{
  area->risks = g_array_new (FALSE, FALSE, sizeof (guint));
  if (area->geom == NULL)
    return;
  for (guint r = 0; r < self->risks->len; r++)
    {
      CoverageRisk *risk = &g_array_index (self->risks, CoverageRisk, r);

      for (guint h = 0; h < risk->hazards->len; h++)
        if (groups_coverage_envelopes_meet (&g_array_index (risk->envs, SteadEnvelope, h),
                                            &area->env) &&
            stead_geometry_intersects (g_ptr_array_index (risk->hazards, h), area->geom))
          {
            g_array_append_val (area->risks, r);
            break;
          }
    }
}

/* The risks whose hazard areas hold one of the group's places. */
static gboolean
groups_coverage_read_place_risks (GroupsCoverage  *self,
                                  sqlite3         *db,
                                  GHashTable      *group_index,
                                  GHashTable      *cells_by_key,
                                  GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (self->risks->len == 0)
    return TRUE;
  stmt = groups_coverage_prepare (db,
                                  "SELECT group_id, geom FROM groups_place WHERE geom IS NOT NULL",
                                  error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 group_id = sqlite3_column_int64 (stmt, 0);
      guint g = groups_coverage_index_of (group_index, group_id);
      const guint8 *blob = sqlite3_column_blob (stmt, 1);
      CoverageGroup *group;
      double x, y;

      if (g == 0 || blob == NULL ||
          !stead_gpkg_blob_get_point (blob, sqlite3_column_bytes (stmt, 1), &x, &y))
        continue;
      group = &g_array_index (self->groups, CoverageGroup, g - 1);
      for (guint r = 0; r < self->risks->len; r++)
        {
          CoverageRisk *risk = &g_array_index (self->risks, CoverageRisk, r);
          gboolean holds = FALSE;

          for (guint h = 0; !holds && h < risk->hazards->len; h++)
            {
              SteadEnvelope *env = &g_array_index (risk->envs, SteadEnvelope, h);

              holds = x >= env->min_x && x <= env->max_x && y >= env->min_y && y <= env->max_y &&
                      stead_geometry_contains_point (g_ptr_array_index (risk->hazards, h), x, y);
            }
          if (!holds)
            continue;
          /* Every cell of the group whose area holds the place. */
          for (guint i = 0; i < group->cells->len; i++)
            {
              CoverageCell *cell =
                g_ptr_array_index (self->cells, g_array_index (group->cells, guint, i) - 1);
              CoverageArea *area = &g_array_index (self->areas, CoverageArea, cell->area_index);

              if (area->geom == NULL || x < area->env.min_x || x > area->env.max_x ||
                  y < area->env.min_y || y > area->env.max_y ||
                  !stead_geometry_contains_point (area->geom, x, y))
                continue;
              if (cell->risks == NULL)
                cell->risks = g_array_new (FALSE, FALSE, sizeof (guint));
              g_array_append_val (cell->risks, r);
            }
        }
    }
  (void) cells_by_key;
  return groups_coverage_step_done (db, rc, error);
}

static int
groups_coverage_compare_exposure (gconstpointer a,
                                  gconstpointer b)
{
  const GroupsExposure *x = a, *y = b;

  if (x->score != y->score)
    return y->score - x->score;
  if (x->band_sort != y->band_sort)
    return y->band_sort - x->band_sort;
  return g_strcmp0 (x->title, y->title);
}

static GroupsExposure *
groups_coverage_exposure_find (GArray *exposure,
                               gint64  risk)
{
  for (guint i = 0; i < exposure->len; i++)
    if (g_array_index (exposure, GroupsExposure, i).risk == risk)
      return &g_array_index (exposure, GroupsExposure, i);
  return NULL;
}

static void
groups_coverage_exposure_add (GroupsCoverage *self,
                              GArray         *exposure,
                              guint           risk_index,
                              gboolean        derived)
{
  CoverageRisk *risk = &g_array_index (self->risks, CoverageRisk, risk_index);
  GroupsExposure *e = groups_coverage_exposure_find (exposure, risk->id);

  if (e == NULL)
    {
      GroupsExposure fresh = { risk->id, risk->title, risk->band, risk->band_sort, risk->score,
                               FALSE, FALSE, risk->name };

      g_array_append_val (exposure, fresh);
      e = &g_array_index (exposure, GroupsExposure, exposure->len - 1);
    }
  if (derived)
    e->derived = TRUE;
  else
    e->judged = TRUE;
}

static void
groups_coverage_cell_exposure (GroupsCoverage *self,
                               CoverageCell   *cell)
{
  CoverageArea *area = &g_array_index (self->areas, CoverageArea, cell->area_index);
  CoverageGroup *group = &g_array_index (self->groups, CoverageGroup, cell->group_index);

  cell->exposure = g_array_new (FALSE, FALSE, sizeof (GroupsExposure));
  if (area->risks == NULL)
    groups_coverage_area_risks (self, area);
  for (guint i = 0; i < area->risks->len; i++)
    groups_coverage_exposure_add (self, cell->exposure, g_array_index (area->risks, guint, i),
                                  TRUE);
  for (guint i = 0; cell->risks != NULL && i < cell->risks->len; i++)
    groups_coverage_exposure_add (self, cell->exposure, g_array_index (cell->risks, guint, i),
                                  TRUE);
  for (guint i = 0; i < group->judged->len; i++)
    groups_coverage_exposure_add (self, cell->exposure, g_array_index (group->judged, guint, i),
                                  FALSE);
  g_array_sort (cell->exposure, groups_coverage_compare_exposure);
  cell->cell.exposure = (const GroupsExposure *) cell->exposure->data;
  cell->cell.n_exposure = cell->exposure->len;
}

/* ------------------------------------------------------------------------ */
/* The gap and its reasons                                                   */

static char *
groups_coverage_thousands (gint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, ABS (n));
  GString *out = g_string_new (n < 0 ? "-" : "");
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        /* TRANSLATORS: the thousands separator in 1,240 */
        g_string_append (out, C_("thousands", ","));
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

/**
 * groups_coverage_format_size:
 *
 * Returns: (transfer full): "1,240", or "fewer than 5" for a size
 *   1..(suppress-below − 1)
 */
char *
groups_coverage_format_size (GroupsCoverage *self,
                             gint64          size)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (size > 0 && size < self->suppress_below)
    return g_strdup_printf (_("fewer than %" G_GINT64_FORMAT), self->suppress_below);
  return groups_coverage_thousands (size);
}

/* "Older people living alone" -> "older people living alone"; "PSR…" kept. */
static char *
groups_coverage_lower_first (const char *text)
{
  gunichar c, next;
  const char *rest;

  if (text == NULL || *text == '\0')
    return g_strdup ("");
  c = g_utf8_get_char (text);
  rest = g_utf8_next_char (text);
  next = *rest != '\0' ? g_utf8_get_char (rest) : 0;
  if (!g_unichar_isupper (c) || g_unichar_isupper (next))
    return g_strdup (text);
  {
    char buf[8] = { 0 };

    g_unichar_to_utf8 (g_unichar_tolower (c), buf);
    return g_strconcat (buf, rest, NULL);
  }
}

static char *
groups_coverage_reasons (GroupsCoverage *self,
                         CoverageCell   *cell)
{
  const GroupsCoverageCell *c = &cell->cell;
  g_autofree char *size = groups_coverage_format_size (self, c->size);
  g_autofree char *who = groups_coverage_lower_first (c->group_name);
  g_autofree char *exposure = NULL;
  g_autofree char *reach = NULL;
  g_autofree char *volunteers = NULL;

  if (c->n_exposure == 0)
    exposure = g_strdup (_("with no known exposure"));
  else
    {
      g_autofree char *risk = groups_coverage_lower_first (c->exposure[0].name);
      g_autofree char *first = c->exposure[0].band != NULL
                                 /* TRANSLATORS: a risk and its band: "fluvial flooding (High)" */
                                 ? g_strdup_printf (_("%s (%s)"), risk, c->exposure[0].band)
                                 : g_strdup (risk);

      if (c->n_exposure == 1)
        exposure = g_strdup_printf (_("exposed to %s"), first);
      else
        exposure = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "exposed to %s and %u other risk",
                                                 "exposed to %s and %u other risks",
                                                 c->n_exposure - 1),
                                    first, c->n_exposure - 1);
    }

  if (c->instrumental == 0 && c->fluid == 0)
    reach = g_strdup (_("reached by no instrumental partner"));
  else if (c->instrumental == 0)
    reach = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "reached by no instrumental partner, only %u fluid one",
                                          "reached by no instrumental partner, only %u fluid ones",
                                          c->fluid),
                             c->fluid);
  else if (c->fluid == 0)
    reach = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "reached by %u instrumental partner",
                                          "reached by %u instrumental partners", c->instrumental),
                             c->instrumental);
  else
    {
      g_autofree char *fluid = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u fluid partner",
                                                             "%u fluid partners", c->fluid),
                                                c->fluid);

      reach = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "reached by %u instrumental partner and %s",
                                            "reached by %u instrumental partners and %s",
                                            c->instrumental),
                               c->instrumental, fluid);
    }
  if (c->volunteers > 0)
    volunteers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, ", %u volunteer nearby",
                                               ", %u volunteers nearby", c->volunteers),
                                  c->volunteers);

  /* TRANSLATORS: "1,240 older people living alone in Prior's Park, exposed
   * to fluvial flooding (High), reached by no instrumental partner" */
  return g_strdup_printf (_("%s %s in %s, %s, %s%s"), size, who, c->area_name, exposure, reach,
                          volunteers != NULL ? volunteers : "");
}

static int
groups_coverage_compare_cells (gconstpointer a,
                               gconstpointer b)
{
  const GroupsCoverageCell *x = &(*(CoverageCell * const *) a)->cell;
  const GroupsCoverageCell *y = &(*(CoverageCell * const *) b)->cell;
  int cmp;

  if (x->gap != y->gap)
    return x->gap > y->gap ? -1 : 1;
  if (x->size != y->size)
    return x->size > y->size ? -1 : 1;
  if ((cmp = g_utf8_collate (x->group_name, y->group_name)) != 0)
    return cmp;
  if ((cmp = g_utf8_collate (x->area_name, y->area_name)) != 0)
    return cmp;
  return x->area < y->area ? -1 : x->area > y->area;
}

static void
groups_coverage_finish_cell (GroupsCoverage *self,
                             CoverageCell   *cell,
                             GHashTable     *tiers,
                             GArray         *volunteers)
{
  GroupsCoverageCell *c = &cell->cell;
  CoverageArea *area = &g_array_index (self->areas, CoverageArea, cell->area_index);
  CoverageGroup *group = &g_array_index (self->groups, CoverageGroup, cell->group_index);

  c->group_name = group->name;
  c->area_name = area->name != NULL ? area->name : "";
  c->area_code = area->code;
  c->area_kind = area->kind;
  groups_coverage_cell_exposure (self, cell);
  groups_coverage_count_reach (cell, tiers);
  c->volunteers = groups_coverage_count_volunteers (group, area, volunteers);
  c->exposure_weight = c->n_exposure > 0
                         ? (double) c->exposure[0].score / GROUPS_COVERAGE_MAX_SCORE
                         : GROUPS_COVERAGE_UNEXPOSED_WEIGHT;
  c->shortfall = 1.0 / (1.0 + c->instrumental + c->fluid / 2.0 + c->volunteers / 4.0);
  c->gap = (double) c->size * c->exposure_weight * c->shortfall;
}

static gint64
groups_coverage_read_suppress_below (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 value = 5;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM groups_setting WHERE key = 'suppress-below'", -1,
                          &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  return MAX (value, 0);
}

static gboolean
groups_coverage_has_groups (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  return sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                 "AND name = 'groups_group'", -1, &stmt, NULL) == SQLITE_OK &&
         sqlite3_step (stmt) == SQLITE_ROW;
}

static GroupsCoverage *
groups_coverage_compute_with (const CoverageSources  *sources,
                              sqlite3                *db,
                              GCancellable           *cancellable,
                              GError                **error)
{
  g_autoptr(GroupsCoverage) self = groups_coverage_new ();
  g_autoptr(GHashTable) group_index = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                             g_free, NULL);
  g_autoptr(GHashTable) area_index = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                            g_free, NULL);
  g_autoptr(GHashTable) risk_index = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                            g_free, NULL);
  g_autoptr(GHashTable) tiers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) volunteers = g_array_new (FALSE, FALSE, sizeof (CoverageVolunteer));
  GHashTable *cells_by_key = self->by_key;

  g_array_set_clear_func (volunteers, groups_coverage_volunteer_clear);

  /* One snapshot of the file for every statement. */
  if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not read the coverage: %s"),
                   sqlite3_errmsg (db));
      return NULL;
    }
  self->suppress_below = groups_coverage_read_suppress_below (db);
  if (!groups_coverage_has_groups (db))
    {
      /* A file the groups plugin never set up (opened read-only): no cells. */
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return g_steal_pointer (&self);
    }
  if (!groups_coverage_read_groups (self, db, group_index, error) ||
      !groups_coverage_read_areas (self, db, area_index, error) ||
      !groups_coverage_read_counts (self, db, group_index, area_index, cells_by_key, error) ||
      !groups_coverage_read_places (self, db, group_index, cells_by_key, error) ||
      !groups_coverage_read_risks (self, db, sources, risk_index, cancellable, error) ||
      !groups_coverage_read_judged (self, db, group_index, risk_index, error) ||
      !groups_coverage_read_place_risks (self, db, group_index, cells_by_key, error) ||
      !groups_coverage_read_tiers (db, sources, tiers, error) ||
      !groups_coverage_read_reach (self, db, group_index, cells_by_key, error) ||
      !groups_coverage_read_volunteers (db, sources, volunteers, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return NULL;
    }
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);

  for (guint i = 0; i < self->cells->len; i++)
    {
      if (i % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      groups_coverage_finish_cell (self, g_ptr_array_index (self->cells, i), tiers, volunteers);
    }
  g_ptr_array_sort (self->cells, groups_coverage_compare_cells);
  for (guint i = 0; i < self->cells->len; i++)
    {
      CoverageCell *cell = g_ptr_array_index (self->cells, i);

      cell->cell.rank = i + 1;
      cell->reasons = groups_coverage_reasons (self, cell);
      cell->cell.reasons = cell->reasons;
    }
  return g_steal_pointer (&self);
}

/**
 * groups_coverage_compute_db:
 * @db: a connection to the workspace's file (a reader)
 *
 * Must be called on the main thread (it asks the plugins for their
 * record kinds); the work is done on @db.
 *
 * Returns: (transfer full) (nullable): the coverage
 */
GroupsCoverage *
groups_coverage_compute_db (SteadWorkspace  *workspace,
                            sqlite3         *db,
                            GCancellable    *cancellable,
                            GError         **error)
{
  g_autoptr(CoverageSources) sources = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (db != NULL, NULL);

  sources = groups_coverage_sources_new (workspace);
  return groups_coverage_compute_with (sources, db, cancellable, error);
}

/**
 * groups_coverage_compute:
 *
 * Returns: (transfer full) (nullable): the coverage, computed now
 */
GroupsCoverage *
groups_coverage_compute (SteadWorkspace  *workspace,
                         GError         **error)
{
  g_autoptr(sqlite3_stmt) probe = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);

  /* On the workspace's own connection: a read-only file of an older
   * schema is read from a private copy brought up to date in memory,
   * which a reader of the file would not see. */
  if (!(probe = stead_workspace_prepare (workspace, "SELECT 1", error)))
    return NULL;
  return groups_coverage_compute_db (workspace, sqlite3_db_handle (probe), NULL, error);
}

typedef struct
{
  CoverageSources *sources;
  sqlite3         *db;
} ComputeData;

static void
groups_coverage_compute_data_free (gpointer data)
{
  ComputeData *compute = data;

  groups_coverage_sources_free (compute->sources);
  if (compute->db != NULL)
    sqlite3_close (compute->db);
  g_free (compute);
}

static void
groups_coverage_compute_thread (GTask        *task,
                                gpointer      source_object,
                                gpointer      task_data,
                                GCancellable *cancellable)
{
  ComputeData *compute = task_data;
  GError *error = NULL;
  GroupsCoverage *coverage;

  coverage = groups_coverage_compute_with (compute->sources, compute->db, cancellable, &error);
  if (coverage == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, coverage, (GDestroyNotify) groups_coverage_unref);
}

/**
 * groups_coverage_compute_async:
 *
 * Computes the coverage in a thread, on a read connection of its own.
 */
void
groups_coverage_compute_async (SteadWorkspace      *workspace,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *compute;
  GError *error = NULL;

  g_return_if_fail (STEAD_IS_WORKSPACE (workspace));

  task = g_task_new (workspace, cancellable, callback, user_data);
  g_task_set_source_tag (task, groups_coverage_compute_async);
  compute = g_new0 (ComputeData, 1);
  compute->sources = groups_coverage_sources_new (workspace);
  g_task_set_task_data (task, compute, groups_coverage_compute_data_free);
  if (!(compute->db = stead_workspace_open_reader (workspace, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, groups_coverage_compute_thread);
}

/**
 * groups_coverage_compute_finish:
 *
 * Returns: (transfer full) (nullable): the coverage
 */
GroupsCoverage *
groups_coverage_compute_finish (SteadWorkspace  *workspace,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, workspace), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Reading a coverage                                                        */

guint
groups_coverage_get_n_cells (GroupsCoverage *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->cells->len;
}

const GroupsCoverageCell *
groups_coverage_get_cell (GroupsCoverage *self,
                          guint           index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->cells->len, NULL);

  return &((CoverageCell *) g_ptr_array_index (self->cells, index))->cell;
}

const GroupsCoverageCell *
groups_coverage_lookup (GroupsCoverage *self,
                        gint64          group,
                        gint64          area)
{
  gint64 key = groups_coverage_pair_key (group, area);
  CoverageCell *cell;

  g_return_val_if_fail (self != NULL, NULL);

  cell = g_hash_table_lookup (self->by_key, &key);
  return cell != NULL && cell->cell.group == group && cell->cell.area == area ? &cell->cell
                                                                              : NULL;
}

/**
 * groups_coverage_list_area:
 *
 * Returns: (transfer container) (element-type GroupsCoverageCell): the
 *   cells of @area, ranked
 */
GPtrArray *
groups_coverage_list_area (GroupsCoverage *self,
                           gint64          area)
{
  GPtrArray *cells = g_ptr_array_new ();

  g_return_val_if_fail (self != NULL, cells);

  for (guint i = 0; i < self->cells->len; i++)
    {
      CoverageCell *cell = g_ptr_array_index (self->cells, i);

      if (cell->cell.area == area)
        g_ptr_array_add (cells, &cell->cell);
    }
  return cells;
}

/**
 * groups_coverage_list_group:
 *
 * Returns: (transfer container) (element-type GroupsCoverageCell): the
 *   cells of @group, ranked
 */
GPtrArray *
groups_coverage_list_group (GroupsCoverage *self,
                            gint64          group)
{
  GPtrArray *cells = g_ptr_array_new ();

  g_return_val_if_fail (self != NULL, cells);

  for (guint i = 0; i < self->cells->len; i++)
    {
      CoverageCell *cell = g_ptr_array_index (self->cells, i);

      if (cell->cell.group == group)
        g_ptr_array_add (cells, &cell->cell);
    }
  return cells;
}

guint
groups_coverage_count_unreached (GroupsCoverage *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->cells->len; i++)
    {
      const GroupsCoverageCell *cell = &((CoverageCell *) g_ptr_array_index (self->cells, i))->cell;

      if (cell->instrumental == 0 && cell->n_exposure > 0 && cell->size > 0)
        n++;
    }
  return n;
}

gint64
groups_coverage_get_suppress_below (GroupsCoverage *self)
{
  g_return_val_if_fail (self != NULL, 5);

  return self->suppress_below;
}

/* ------------------------------------------------------------------------ */
/* GroupsCoverageMonitor                                                     */

#define GROUPS_COVERAGE_DEBOUNCE_MS 300

struct _GroupsCoverageMonitor
{
  GObject          parent_instance;

  SteadWorkspace  *workspace;
  GroupsCoverage  *coverage;
  GStrv            tables;    /* what it reads: groups_coverage_dup_tables() */
  GCancellable    *cancellable;
  guint            timeout;
  gboolean         again;     /* a change came while computing */
};

enum
{
  PROP_0,
  PROP_COVERAGE,
  N_PROPS
};

static GParamSpec *monitor_props[N_PROPS];

static gpointer groups_coverage_monitor_parent_class;
static void groups_coverage_monitor_class_init (GroupsCoverageMonitorClass *klass);
static void groups_coverage_monitor_init (GroupsCoverageMonitor *self);

static void
groups_coverage_monitor_class_intern_init (gpointer klass,
                                           gpointer data)
{
  groups_coverage_monitor_parent_class = g_type_class_peek_parent (klass);
  groups_coverage_monitor_class_init (klass);
}

static void
groups_coverage_monitor_instance_init (GTypeInstance *instance,
                                       gpointer       klass)
{
  groups_coverage_monitor_init ((GroupsCoverageMonitor *) instance);
}

GType
groups_coverage_monitor_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      GType found = g_type_from_name ("GroupsCoverageMonitor");

      if (found == 0)
        found = g_type_register_static_simple (
          G_TYPE_OBJECT, g_intern_static_string ("GroupsCoverageMonitor"),
          sizeof (GroupsCoverageMonitorClass), groups_coverage_monitor_class_intern_init,
          sizeof (GroupsCoverageMonitor), groups_coverage_monitor_instance_init,
          G_TYPE_FLAG_FINAL);
      g_once_init_leave (&type, found);
    }
  return type;
}

static void groups_coverage_monitor_start (GroupsCoverageMonitor *self);

static void
groups_coverage_monitor_done (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(GroupsCoverageMonitor) self = user_data;
  g_autoptr(GError) error = NULL;
  GroupsCoverage *coverage;

  coverage = groups_coverage_compute_finish (STEAD_WORKSPACE (source), result, &error);
  g_clear_object (&self->cancellable);
  if (coverage == NULL)
    {
      /* Kept as it was (a file closed under it, say); the next change retries. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Coverage not computed: %s", error->message);
      return;
    }
  g_clear_pointer (&self->coverage, groups_coverage_unref);
  self->coverage = coverage;
  /* By name: the class may be the other module's copy of this file. */
  g_object_notify (G_OBJECT (self), "coverage");
  if (self->again)
    {
      self->again = FALSE;
      groups_coverage_monitor_refresh (self);
    }
}

static void
groups_coverage_monitor_start (GroupsCoverageMonitor *self)
{
  if (self->workspace == NULL || stead_workspace_is_closed (self->workspace))
    return;
  if (self->cancellable != NULL)
    {
      /* One computation at a time: the next starts when it ends. */
      self->again = TRUE;
      return;
    }
  self->cancellable = g_cancellable_new ();
  groups_coverage_compute_async (self->workspace, self->cancellable, groups_coverage_monitor_done,
                                 g_object_ref (self));
}

static gboolean
groups_coverage_monitor_timeout (gpointer user_data)
{
  GroupsCoverageMonitor *self = user_data;

  self->timeout = 0;
  groups_coverage_monitor_start (self);
  return G_SOURCE_REMOVE;
}

/**
 * groups_coverage_monitor_refresh:
 *
 * Recomputes soon (debounced), off the main thread.
 */
void
groups_coverage_monitor_refresh (GroupsCoverageMonitor *self)
{
  g_return_if_fail (GROUPS_IS_COVERAGE_MONITOR (self));

  if (self->timeout != 0)
    g_source_remove (self->timeout);
  self->timeout = g_timeout_add (GROUPS_COVERAGE_DEBOUNCE_MS, groups_coverage_monitor_timeout,
                                 self);
}

static void
groups_coverage_monitor_changed (SteadWorkspace     *workspace,
                                 const char * const *tables,
                                 gpointer            user_data)
{
  GroupsCoverageMonitor *self = user_data;

  for (guint i = 0; self->tables[i] != NULL; i++)
    if (stead_tables_have (tables, self->tables[i]))
      {
        groups_coverage_monitor_refresh (self);
        return;
      }
}

static void
groups_coverage_monitor_dispose (GObject *object)
{
  GroupsCoverageMonitor *self = GROUPS_COVERAGE_MONITOR (object);

  if (self->timeout != 0)
    g_source_remove (self->timeout);
  self->timeout = 0;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_func (self->workspace, groups_coverage_monitor_changed, self);
  g_clear_object (&self->workspace);
  G_OBJECT_CLASS (groups_coverage_monitor_parent_class)->dispose (object);
}

static void
groups_coverage_monitor_finalize (GObject *object)
{
  GroupsCoverageMonitor *self = GROUPS_COVERAGE_MONITOR (object);

  g_clear_pointer (&self->coverage, groups_coverage_unref);
  g_strfreev (self->tables);
  G_OBJECT_CLASS (groups_coverage_monitor_parent_class)->finalize (object);
}

static void
groups_coverage_monitor_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  GroupsCoverageMonitor *self = GROUPS_COVERAGE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_COVERAGE:
      g_value_set_boxed (value, self->coverage);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
groups_coverage_monitor_class_init (GroupsCoverageMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = groups_coverage_monitor_dispose;
  object_class->finalize = groups_coverage_monitor_finalize;
  object_class->get_property = groups_coverage_monitor_get_property;

  monitor_props[PROP_COVERAGE] =
    g_param_spec_boxed ("coverage", NULL, NULL, GROUPS_TYPE_COVERAGE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, monitor_props);
}

static void
groups_coverage_monitor_init (GroupsCoverageMonitor *self)
{
}

/**
 * groups_coverage_monitor_new:
 *
 * Returns: (transfer full): a monitor that computes @workspace's coverage
 *   now and after every change to what it reads
 */
GroupsCoverageMonitor *
groups_coverage_monitor_new (SteadWorkspace *workspace)
{
  GroupsCoverageMonitor *self;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (GROUPS_TYPE_COVERAGE_MONITOR, NULL);
  self->workspace = g_object_ref (workspace);
  self->tables = groups_coverage_dup_tables (workspace);
  g_signal_connect_object (workspace, "changed", G_CALLBACK (groups_coverage_monitor_changed),
                           self, 0);
  groups_coverage_monitor_start (self);
  return self;
}

/**
 * groups_coverage_monitor_get_coverage:
 *
 * Returns: (transfer none) (nullable): the latest coverage
 */
GroupsCoverage *
groups_coverage_monitor_get_coverage (GroupsCoverageMonitor *self)
{
  g_return_val_if_fail (GROUPS_IS_COVERAGE_MONITOR (self), NULL);

  return self->coverage;
}
