/* stead-feature-table.c: a GeoPackage feature table in one call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A schema file creates its table with a plain CREATE TABLE, then makes it
 * a feature table with one line:
 *
 *   SELECT Stead_AddFeatureTable ('partners_site', 'geom', 'POINT',
 *                                 'Partner sites', 'Rest centres, depots and hubs');
 *
 * That writes all GeoPackage 1.3 asks of a feature table in EPSG:4326: its
 * gpkg_contents and gpkg_geometry_columns rows, the R-tree
 * rtree_<table>_<column>, its six triggers (Annex F.3) and its
 * gpkg_rtree_index row in gpkg_extensions, in the order and with the very
 * text the schema files wrote out by hand before, so that a workspace made
 * now has the schema of one made then.
 *
 * The function is registered on the writer connection only, runs only
 * while the workspace applies schema files (stead-workspace-schema.c),
 * inside their transaction, and is SQLITE_DIRECTONLY: no trigger or view of
 * a hostile file can call it.
 */

#define G_LOG_DOMAIN "stead-feature-table"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "stead-feature-table-private.h"
#include "stead-workspace-private.h"

#define FUNCTION_NAME "Stead_AddFeatureTable"

/* Annex F.3 writes the triggers for a table <t>, its geometry column <c>
 * and its integer primary key <i>; so do these. */
#define F3_NOT_EMPTY "(NEW.<c> NOT NULL AND NOT ST_IsEmpty(NEW.<c>))"
#define F3_EMPTY     "(NEW.<c> IS NULL OR ST_IsEmpty(NEW.<c>))"
#define F3_INSERT \
  "  INSERT OR REPLACE INTO rtree_<t>_<c> VALUES (NEW.<i>, ST_MinX(NEW.<c>), " \
  "ST_MaxX(NEW.<c>), ST_MinY(NEW.<c>), ST_MaxY(NEW.<c>));\n"
#define F3_DELETE_OLD "  DELETE FROM rtree_<t>_<c> WHERE id = OLD.<i>;\n"

static const char * const rtree_statements[] = {
  "CREATE VIRTUAL TABLE rtree_<t>_<c> USING rtree(id, minx, maxx, miny, maxy)",

  "CREATE TRIGGER rtree_<t>_<c>_insert AFTER INSERT ON <t>\n"
  "  WHEN " F3_NOT_EMPTY "\n"
  "BEGIN\n"
  F3_INSERT
  "END",

  "CREATE TRIGGER rtree_<t>_<c>_update1 AFTER UPDATE OF <c> ON <t>\n"
  "  WHEN OLD.<i> = NEW.<i> AND " F3_NOT_EMPTY "\n"
  "BEGIN\n"
  F3_INSERT
  "END",

  "CREATE TRIGGER rtree_<t>_<c>_update2 AFTER UPDATE OF <c> ON <t>\n"
  "  WHEN OLD.<i> = NEW.<i> AND " F3_EMPTY "\n"
  "BEGIN\n"
  F3_DELETE_OLD
  "END",

  "CREATE TRIGGER rtree_<t>_<c>_update3 AFTER UPDATE ON <t>\n"
  "  WHEN OLD.<i> != NEW.<i> AND " F3_NOT_EMPTY "\n"
  "BEGIN\n"
  F3_DELETE_OLD
  F3_INSERT
  "END",

  "CREATE TRIGGER rtree_<t>_<c>_update4 AFTER UPDATE ON <t>\n"
  "  WHEN OLD.<i> != NEW.<i> AND " F3_EMPTY "\n"
  "BEGIN\n"
  "  DELETE FROM rtree_<t>_<c> WHERE id IN (OLD.<i>, NEW.<i>);\n"
  "END",

  "CREATE TRIGGER rtree_<t>_<c>_delete AFTER DELETE ON <t>\n"
  "  WHEN OLD.<c> NOT NULL\n"
  "BEGIN\n"
  F3_DELETE_OLD
  "END",
};

/* A name that needs no quotes: letters, digits and underscores, not
 * starting with a digit, and not an SQL keyword. */
static gboolean
stead_feature_table_check_name (const char  *name,
                                GError     **error)
{
  gsize len = strlen (name);
  gboolean plain = len > 0 && len <= 64 && !g_ascii_isdigit (name[0]) &&
                   !sqlite3_keyword_check (name, (int) len);

  for (gsize i = 0; plain && i < len; i++)
    plain = g_ascii_isalnum (name[i]) || name[i] == '_';

  if (!plain)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_MIGRATION,
                   _("“%s” is not a plain SQL name (letters, digits and _, not a keyword)"),
                   name);
      return FALSE;
    }
  return TRUE;
}

/* The core geometry types of GeoPackage 1.3, in capitals; the others need
 * an extension of their own. */
static const char *
stead_feature_table_geometry_type (const char *name)
{
  static const char * const types[] = {
    "GEOMETRY", "POINT", "LINESTRING", "POLYGON",
    "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION",
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_ascii_strcasecmp (name, types[i]) == 0)
      return types[i];
  return NULL;
}

/* Checks that @table is an ordinary table with @column declared as @type,
 * and returns the name of its integer primary key, which the triggers use. */
static char *
stead_feature_table_find_key (sqlite3     *db,
                              const char  *table,
                              const char  *column,
                              const char  *type,
                              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *key = NULL;
  g_autofree char *declared = NULL;
  gboolean has_column = FALSE;
  int keys = 0;

  if (sqlite3_prepare_v2 (db,
                          "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ? "
                          "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      stead_sqlite_set_error (error, db, sqlite3_errcode (db), _("Could not read the schema"));
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_MIGRATION,
                   _("There is no table “%s”: create it first, with its geometry column"),
                   table);
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (sqlite3_prepare_v2 (db, "SELECT name, type, pk FROM pragma_table_info (?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      stead_sqlite_set_error (error, db, sqlite3_errcode (db), _("Could not read the schema"));
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *name_type = (const char *) sqlite3_column_text (stmt, 1);

      if (sqlite3_column_int (stmt, 2) > 0 && ++keys == 1 &&
          g_ascii_strcasecmp (name_type, "INTEGER") == 0)
        key = g_strdup (name);
      if (g_strcmp0 (name, column) == 0)
        {
          has_column = TRUE;
          declared = g_strdup (name_type);
        }
    }

  if (!has_column)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_MIGRATION,
                   _("The table “%s” has no column “%s”"), table, column);
      return NULL;
    }
  /* GeoPackage declares the column with the type gpkg_geometry_columns names. */
  if (g_ascii_strcasecmp (declared, type) != 0)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_MIGRATION,
                   _("The column “%s” of “%s” is declared “%s”, not %s"),
                   column, table, declared, type);
      return NULL;
    }
  if (keys != 1 || key == NULL)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_MIGRATION,
                   _("The table “%s” needs an INTEGER PRIMARY KEY for its spatial index"),
                   table);
      return NULL;
    }
  if (!stead_feature_table_check_name (key, error))
    return NULL;

  return g_steal_pointer (&key);
}

/* Names are plain SQL names (stead_feature_table_check_name), so they stand
 * unquoted, as in Annex F.3 and in the triggers of existing workspaces. */
static char *
stead_feature_table_expand (const char *template,
                            const char *table,
                            const char *column,
                            const char *key)
{
  const char *names[][2] = { { "<t>", table }, { "<c>", column }, { "<i>", key } };
  GString *sql = g_string_new (template);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      char *escaped = sqlite3_mprintf ("%w", names[i][1]);

      g_assert (escaped != NULL);
      g_string_replace (sql, names[i][0], escaped, 0);
      sqlite3_free (escaped);
    }
  return g_string_free (sql, FALSE);
}

/* Runs one INSERT with @values (NULL-terminated) bound in order. */
static gboolean
stead_feature_table_insert (sqlite3            *db,
                            const char         *sql,
                            const char * const *values,
                            GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return stead_sqlite_set_error (error, db, sqlite3_errcode (db),
                                   _("Could not register the feature table"));
  for (int i = 0; values[i] != NULL; i++)
    sqlite3_bind_text (stmt, i + 1, values[i], -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return stead_sqlite_set_error (error, db, sqlite3_errcode (db),
                                   _("Could not register the feature table"));
  return TRUE;
}

/* Registers @table, which has an INTEGER PRIMARY KEY and @column declared
 * as @geometry_type, as a feature table in EPSG:4326 whose R-tree the Annex
 * F.3 triggers keep. It runs inside the caller's transaction, which rolls
 * back on failure. */
gboolean
stead_feature_table_add (sqlite3     *db,
                         const char  *table,
                         const char  *column,
                         const char  *geometry_type,
                         const char  *identifier,
                         const char  *description,
                         GError     **error)
{
  g_autofree char *key = NULL;
  const char *type;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (table != NULL && column != NULL && geometry_type != NULL, FALSE);
  g_return_val_if_fail (identifier != NULL && description != NULL, FALSE);

  /* Ten statements: all or none, so the caller's transaction holds them. */
  if (sqlite3_get_autocommit (db))
    {
      g_set_error_literal (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_MIGRATION,
                           _("A feature table is added by a schema file, inside its transaction"));
      return FALSE;
    }
  if (!stead_feature_table_check_name (table, error) ||
      !stead_feature_table_check_name (column, error))
    return FALSE;
  if (g_str_has_prefix (table, "gpkg_"))
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_MIGRATION,
                   _("“%s”: names starting with gpkg_ belong to GeoPackage"), table);
      return FALSE;
    }
  type = stead_feature_table_geometry_type (geometry_type);
  if (type == NULL)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_MIGRATION,
                   _("“%s” is not a GeoPackage geometry type (POINT, MULTIPOLYGON, …)"),
                   geometry_type);
      return FALSE;
    }
  key = stead_feature_table_find_key (db, table, column, type, error);
  if (key == NULL)
    return FALSE;

  if (!stead_feature_table_insert (db,
                                   "INSERT INTO gpkg_contents "
                                   "(table_name, data_type, identifier, description, srs_id) "
                                   "VALUES (?, 'features', ?, ?, 4326)",
                                   (const char *[]) { table, identifier, description, NULL },
                                   error) ||
      !stead_feature_table_insert (db,
                                   "INSERT INTO gpkg_geometry_columns "
                                   "(table_name, column_name, geometry_type_name, srs_id, z, m) "
                                   "VALUES (?, ?, ?, 4326, 0, 0)",
                                   (const char *[]) { table, column, type, NULL },
                                   error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (rtree_statements); i++)
    {
      g_autofree char *sql = stead_feature_table_expand (rtree_statements[i], table, column, key);

      if (!stead_sql_exec (db, sql, error))
        return FALSE;
    }

  return stead_feature_table_insert (db,
                                     "INSERT INTO gpkg_extensions "
                                     "(table_name, column_name, extension_name, definition, scope) "
                                     "VALUES (?, ?, 'gpkg_rtree_index', "
                                     "'http://www.geopackage.org/spec120/#extension_rtree', "
                                     "'write-only')",
                                     (const char *[]) { table, column, NULL },
                                     error);
}

/* Stead_AddFeatureTable (table, column, geometry_type, identifier, description) */
static void
stead_feature_table_sql_add (sqlite3_context  *context,
                             int               argc,
                             sqlite3_value   **argv)
{
  const gboolean *allowed = sqlite3_user_data (context);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *args[5];

  g_assert (argc == G_N_ELEMENTS (args));

  if (!*allowed)
    {
      sqlite3_result_error (context, FUNCTION_NAME ": only schema files add feature tables", -1);
      return;
    }

  for (int i = 0; i < argc; i++)
    {
      if (sqlite3_value_type (argv[i]) != SQLITE_TEXT)
        {
          sqlite3_result_error (context,
                                FUNCTION_NAME " (table, column, geometry_type, identifier, "
                                "description) takes five strings", -1);
          return;
        }
      args[i] = (const char *) sqlite3_value_text (argv[i]);
    }

  if (!stead_feature_table_add (sqlite3_context_db_handle (context),
                                args[0], args[1], args[2], args[3], args[4], &error))
    {
      message = g_strdup_printf (FUNCTION_NAME ": %s", error->message);
      sqlite3_result_error (context, message, -1);
      return;
    }
  sqlite3_result_null (context);
}

/* Registers Stead_AddFeatureTable on the writer connection, once: it runs
 * only while *@allowed, which the workspace sets while schema files run.
 * (Registering and removing it around each migration would fail while any
 * statement of the connection is active.) */
gboolean
stead_feature_table_register (sqlite3         *db,
                              const gboolean  *allowed,
                              GError         **error)
{
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (allowed != NULL, FALSE);

  rc = sqlite3_create_function (db, FUNCTION_NAME, 5, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                (gpointer) allowed, stead_feature_table_sql_add, NULL, NULL);
  if (rc != SQLITE_OK)
    return stead_sqlite_set_error (error, db, rc, _("Could not register Stead_AddFeatureTable"));
  return TRUE;
}
