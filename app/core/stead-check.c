/* stead-check.c: integrity and GeoPackage conformance of a workspace file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-check"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "stead-check.h"
#include "stead-geometry.h"
#include "stead-sql-functions-private.h"
#include "stead-workspace-private.h"

#define GPKG_APPLICATION_ID 0x47504B47

typedef struct
{
  sqlite3   *db;
  GPtrArray *problems;
} Check;

static void G_GNUC_PRINTF (2, 3)
stead_check_problem (Check      *check,
                     const char *format,
                     ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (check->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

static sqlite3_stmt *
stead_check_prepare (Check      *check,
                     const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (check->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      stead_check_problem (check, _("Query failed: %s"), sqlite3_errmsg (check->db));
      return NULL;
    }
  return stmt;
}

static gboolean
stead_check_has_table (Check      *check,
                       const char *name)
{
  g_autoptr(sqlite3_stmt) stmt =
    stead_check_prepare (check, "SELECT 1 FROM sqlite_master WHERE name = ? AND type = 'table'");

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static void
stead_check_integrity (Check *check)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if ((stmt = stead_check_prepare (check, "PRAGMA integrity_check")))
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *row = (const char *) sqlite3_column_text (stmt, 0);
        g_auto(GStrv) lines = NULL;

        if (g_strcmp0 (row, "ok") == 0)
          continue;
        /* One stead_check_problem per line, as the CLI prints them. */
        lines = g_strsplit (row, "\n", -1);
        for (guint i = 0; lines[i] != NULL; i++)
          if (lines[i][0] != '\0' && !g_str_has_prefix (lines[i], "*** in database"))
            stead_check_problem (check, _("Integrity: %s"), lines[i]);
      }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if ((stmt = stead_check_prepare (check, "PRAGMA foreign_key_check")))
    while (sqlite3_step (stmt) == SQLITE_ROW)
      stead_check_problem (check, _("Foreign key: row %lld of %s refers to a missing row of %s"),
               (long long) sqlite3_column_int64 (stmt, 1),
               sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 2));
}

static void
stead_check_header (Check *check)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if ((stmt = stead_check_prepare (check, "PRAGMA application_id")) &&
      sqlite3_step (stmt) == SQLITE_ROW &&
      (guint32) sqlite3_column_int (stmt, 0) != GPKG_APPLICATION_ID)
    stead_check_problem (check, _("GeoPackage: application_id is 0x%08x, not 'GPKG'"),
             (guint32) sqlite3_column_int (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);

  if ((stmt = stead_check_prepare (check, "PRAGMA user_version")) &&
      sqlite3_step (stmt) == SQLITE_ROW &&
      (sqlite3_column_int (stmt, 0) < 10200 || sqlite3_column_int (stmt, 0) >= 10400))
    stead_check_problem (check,
                         _("GeoPackage: user_version is %d, not a GeoPackage 1.2/1.3 version"),
                         sqlite3_column_int (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (const char * const *t = (const char * const[]) { "gpkg_spatial_ref_sys", "gpkg_contents",
                                                         "gpkg_geometry_columns", "stead_workspace",
                                                         "stead_schema", "stead_audit", NULL };
       *t != NULL; t++)
    if (!stead_check_has_table (check, *t))
      stead_check_problem (check, _("Missing table %s"), *t);

  if (stead_check_has_table (check, "gpkg_spatial_ref_sys"))
    {
      static const int required[] = { -1, 0, 4326 };

      for (guint i = 0; i < G_N_ELEMENTS (required); i++)
        {
          int srs = required[i];

          g_clear_pointer (&stmt, sqlite3_finalize);
          if ((stmt = stead_check_prepare (check, "SELECT 1 FROM gpkg_spatial_ref_sys WHERE srs_id "
                                                  "= ?")))
            {
              sqlite3_bind_int (stmt, 1, srs);
              if (sqlite3_step (stmt) != SQLITE_ROW)
                stead_check_problem (
                  check, _("GeoPackage: gpkg_spatial_ref_sys lacks the required srs_id %d"), srs);
            }
        }
    }
}

/* The triggers that keep stead_audit append-only, and the core schema
 * version that made each: dropping one lets the change log be rewritten. */
static const struct
{
  const char *name;
  int         since;
} stead_check_audit_triggers[] = {
  { "stead_audit_no_update", 2 },
  { "stead_audit_no_delete", 2 },
  { "stead_audit_no_replace", 5 },
};

static void
stead_check_audit (Check *check)
{
  g_autoptr(sqlite3_stmt) version = NULL;
  g_autoptr(sqlite3_stmt) trigger = NULL;
  int core = 0;

  if (!stead_check_has_table (check, "stead_audit") ||
      !stead_check_has_table (check, "stead_schema"))
    return;
  version = stead_check_prepare (check,
                                 "SELECT max (version) FROM stead_schema WHERE owner = 'core'");
  trigger = stead_check_prepare (check, "SELECT 1 FROM sqlite_master WHERE type = 'trigger' "
                                        "AND name = ? AND tbl_name = 'stead_audit' "
                                        "AND sql LIKE '%RAISE%ABORT%'");
  if (version == NULL || trigger == NULL)
    return;
  if (sqlite3_step (version) == SQLITE_ROW)
    core = sqlite3_column_int (version, 0);

  for (guint i = 0; i < G_N_ELEMENTS (stead_check_audit_triggers); i++)
    {
      if (core < stead_check_audit_triggers[i].since)
        continue;
      sqlite3_bind_text (trigger, 1, stead_check_audit_triggers[i].name, -1, SQLITE_STATIC);
      if (sqlite3_step (trigger) != SQLITE_ROW)
        stead_check_problem (check,
                             _("Audit: the trigger %s that keeps stead_audit append-only is "
                               "missing; the change log could be rewritten"),
                             stead_check_audit_triggers[i].name);
      sqlite3_reset (trigger);
    }
}

static gboolean
stead_check_type_matches (const char        *declared,
                          SteadGeometryType  type)
{
  if (g_ascii_strcasecmp (declared, "GEOMETRY") == 0)
    return TRUE;
  switch (type)
    {
    case STEAD_GEOMETRY_POINT: return g_ascii_strcasecmp (declared, "POINT") == 0;
    case STEAD_GEOMETRY_LINESTRING: return g_ascii_strcasecmp (declared, "LINESTRING") == 0;
    case STEAD_GEOMETRY_POLYGON: return g_ascii_strcasecmp (declared, "POLYGON") == 0 ||
                                        g_ascii_strcasecmp (declared, "CURVEPOLYGON") == 0;
    case STEAD_GEOMETRY_MULTIPOLYGON: return g_ascii_strcasecmp (declared, "MULTIPOLYGON") == 0 ||
                                             g_ascii_strcasecmp (declared, "MULTISURFACE") == 0;
    default: return FALSE;
    }
}

static void
stead_check_feature_table (Check      *check,
                           const char *table,
                           const char *column,
                           const char *declared,
                           int         srs_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  char *quoted_t;
  char *quoted_c;
  gint64 with_geometry = 0;
  gint64 bad = 0;

  if (!stead_check_has_table (check, table))
    {
      stead_check_problem (check, _("GeoPackage: gpkg_contents lists %s, which does not exist"),
                           table);
      return;
    }

  /* Identifiers come from gpkg_geometry_columns and are quoted with %w. */
  quoted_t = sqlite3_mprintf ("%w", table);
  quoted_c = sqlite3_mprintf ("%w", column);
  sql = g_strdup_printf ("SELECT rowid, \"%s\" FROM \"%s\"", quoted_c, quoted_t);
  sqlite3_free (quoted_t);
  sqlite3_free (quoted_c);

  if (!(stmt = stead_check_prepare (check, sql)))
    return;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(SteadGeometry) geometry = NULL;
      g_autoptr(GError) error = NULL;
      gint32 blob_srs = 0;

      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        continue;

      geometry = stead_geometry_new_from_gpkg (sqlite3_column_blob (stmt, 1),
                                               sqlite3_column_bytes (stmt, 1), &blob_srs, &error);
      if (geometry == NULL)
        {
          if (bad++ < 10)
            stead_check_problem (check, _("%s row %lld: %s"), table,
                     (long long) sqlite3_column_int64 (stmt, 0), error->message);
          continue;
        }
      if (blob_srs != srs_id && bad++ < 10)
        stead_check_problem (check,
                             _("%s row %lld: geometry has srs_id %d, the column declares %d"),
                             table, (long long) sqlite3_column_int64 (stmt, 0), blob_srs, srs_id);
      if (!stead_check_type_matches (declared, stead_geometry_get_geometry_type (geometry)) &&
          bad++ < 10)
        stead_check_problem (check, _("%s row %lld: geometry type does not match the declared %s"),
                             table, (long long) sqlite3_column_int64 (stmt, 0), declared);
      if (!stead_geometry_is_empty (geometry))
        with_geometry++;
    }

  if (bad > 10)
    stead_check_problem (check, _("%s: %lld more bad geometries"), table, (long long) (bad - 10));

  /* The spatial index must hold exactly the non-empty geometries. */
  {
    g_autoptr(sqlite3_stmt) ext =
      stead_check_prepare (check, "SELECT 1 FROM gpkg_extensions WHERE table_name = ? "
                                  "AND column_name = ? AND extension_name = 'gpkg_rtree_index'");
    g_autofree char *rtree = g_strdup_printf ("rtree_%s_%s", table, column);

    if (ext == NULL)
      return;
    sqlite3_bind_text (ext, 1, table, -1, SQLITE_STATIC);
    sqlite3_bind_text (ext, 2, column, -1, SQLITE_STATIC);
    if (sqlite3_step (ext) == SQLITE_ROW)
      {
        g_autoptr(sqlite3_stmt) count = NULL;
        g_autofree char *count_sql = NULL;
        char *quoted_r;

        if (!stead_check_has_table (check, rtree))
          {
            stead_check_problem (check, _("GeoPackage: the spatial index %s is missing"), rtree);
            return;
          }
        quoted_r = sqlite3_mprintf ("%w", rtree);
        count_sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", quoted_r);
        sqlite3_free (quoted_r);
        if ((count = stead_check_prepare (check, count_sql)) &&
            sqlite3_step (count) == SQLITE_ROW && sqlite3_column_int64 (count, 0) != with_geometry)
          stead_check_problem (
            check, _("GeoPackage: the spatial index %s has %lld entries for %lld geometries"),
            rtree, (long long) sqlite3_column_int64 (count, 0), (long long) with_geometry);

        /* The tree itself: node structure, parent links, bounds. */
        {
          g_autoptr(sqlite3_stmt) tree = stead_check_prepare (check, "SELECT rtreecheck (?)");

          if (tree != NULL)
            {
              sqlite3_bind_text (tree, 1, rtree, -1, SQLITE_STATIC);
              if (sqlite3_step (tree) == SQLITE_ROW &&
                  g_strcmp0 ((const char *) sqlite3_column_text (tree, 0), "ok") != 0)
                stead_check_problem (check, _("GeoPackage: the spatial index %s is damaged: %s"),
                         rtree, (const char *) sqlite3_column_text (tree, 0));
            }
        }
      }
  }
}

static void
stead_check_features (Check *check)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!stead_check_has_table (check, "gpkg_contents") ||
      !stead_check_has_table (check, "gpkg_geometry_columns"))
    return;

  stmt = stead_check_prepare (check,
                  "SELECT c.table_name, g.column_name, g.geometry_type_name, g.srs_id "
                  "FROM gpkg_contents c LEFT JOIN gpkg_geometry_columns g USING (table_name) "
                  "WHERE c.data_type = 'features' ORDER BY c.table_name");
  if (stmt == NULL)
    return;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (stmt, 0);

      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        {
          stead_check_problem (
            check, _("GeoPackage: feature table %s has no gpkg_geometry_columns row"), table);
          continue;
        }
      stead_check_feature_table (check, table, (const char *) sqlite3_column_text (stmt, 1),
                                 (const char *) sqlite3_column_text (stmt, 2),
                                 sqlite3_column_int (stmt, 3));
    }
}

/**
 * stead_check_file:
 * @path: a workspace file
 * @problems: (out) (transfer full): one line per stead_check_problem found
 * @error: a #GError
 *
 * Checks a workspace without changing it: SQLite integrity, foreign keys,
 * the GeoPackage tables, the triggers that keep the audit log
 * append-only, every geometry blob and every spatial index.
 *
 * Returns: %FALSE if the file could not be checked at all (@error says
 *   why); otherwise %TRUE, with an empty @problems if all is well
 */
gboolean
stead_check_file (const char  *path,
                  GPtrArray  **problems,
                  GError     **error)
{
  g_auto(SteadFileAccess) access = { 0 };
  Check check = { 0 };
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  if (!stead_workspace_probe_file (path, FALSE, &access, error))
    return FALSE;

  /* Read-write only so that SQLite removes the -wal and -shm it makes;
   * never written (see SteadFileAccess). */
  rc = sqlite3_open_v2 (access.uri, &check.db,
                        (access.query_only ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) |
                          SQLITE_OPEN_URI,
                        NULL);
  if (rc == SQLITE_OK && access.query_only)
    rc = sqlite3_exec (check.db, "PRAGMA query_only = ON", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      stead_sqlite_set_error (error, check.db, rc, _("Could not open the workspace"));
      sqlite3_close (check.db);
      return FALSE;
    }
  if (!stead_workspace_check_opened (check.db, path, error) ||
      !stead_sql_register_functions (check.db, error))
    {
      sqlite3_close (check.db);
      return FALSE;
    }

  check.problems = g_ptr_array_new_with_free_func (g_free);
  stead_check_integrity (&check);
  stead_check_header (&check);
  stead_check_audit (&check);
  stead_check_features (&check);
  sqlite3_close (check.db);

  *problems = check.problems;
  return TRUE;
}
