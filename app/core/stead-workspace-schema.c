/* stead-workspace-schema.c: applying the core's and the plugins' schema files
 *
 * Each owner's ordered NNN-name.sql files (in a GResource directory) not
 * yet recorded in stead_schema are applied in one transaction, after a
 * backup copy; on failure the file is unchanged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-workspace"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "stead-workspace-private.h"

void
stead_schema_source_free (SteadSchemaSource *source)
{
  g_free (source->owner);
  g_free (source->resource_dir);
  g_free (source);
}

SteadSchemaSource *
stead_schema_source_new (const char *owner,
                         const char *resource_dir)
{
  SteadSchemaSource *source = g_new0 (SteadSchemaSource, 1);

  source->owner = g_strdup (owner);
  source->resource_dir = g_strdup (resource_dir);
  return source;
}

static int
stead_workspace_schema_migration_version (const char *name)
{
  guint64 version;
  char *end = NULL;

  if (!g_str_has_suffix (name, ".sql") || !g_ascii_isdigit (name[0]))
    return -1;
  version = g_ascii_strtoull (name, &end, 10);
  if (end == name || *end != '-' || version == 0 || version > G_MAXINT)
    return -1;
  return (int) version;
}

static int
stead_workspace_schema_compare_names (gconstpointer a,
                                      gconstpointer b)
{
  int va = stead_workspace_schema_migration_version (*(const char * const *) a);
  int vb = stead_workspace_schema_migration_version (*(const char * const *) b);

  return (va > vb) - (va < vb);
}

static gboolean
stead_workspace_schema_ensure_schema_table (SteadWorkspace  *self,
                                            GError         **error)
{
  return stead_sql_exec (self->db,
                   "CREATE TABLE IF NOT EXISTS stead_schema ("
                   "  owner TEXT NOT NULL,"
                   "  version INTEGER NOT NULL,"
                   "  file TEXT NOT NULL,"
                   "  applied DATETIME NOT NULL,"
                   "  PRIMARY KEY (owner, version))",
                   error);
}

static gboolean
stead_workspace_schema_version_applied (SteadWorkspace *self,
                                        const char     *owner,
                                        int             version)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!stead_sql_table_exists (self->db, "stead_schema"))
    return FALSE;
  if (sqlite3_prepare_v2 (self->db, "SELECT 1 FROM stead_schema WHERE owner = ? AND version = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, version);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* Lists the migration files of @source not yet applied, in order. */
static GPtrArray *
stead_workspace_schema_pending_migrations (SteadWorkspace      *self,
                                           const SteadSchemaSource  *source,
                                           GError             **error)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) names = NULL;

  names = g_resources_enumerate_children (source->resource_dir, 0, &local_error);
  if (names == NULL)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_MIGRATION,
                   _("The schema of “%s” cannot be read from %s: %s"),
                   source->owner, source->resource_dir, local_error->message);
      return NULL;
    }

  for (guint i = 0; names[i] != NULL; i++)
    {
      int version = stead_workspace_schema_migration_version (names[i]);

      if (version < 0)
        continue;
      if (!stead_workspace_schema_version_applied (self, source->owner, version))
        g_ptr_array_add (pending, g_strdup (names[i]));
    }

  g_ptr_array_sort (pending, stead_workspace_schema_compare_names);

  for (guint i = 1; i < pending->len; i++)
    {
      if (stead_workspace_schema_compare_names (&pending->pdata[i - 1], &pending->pdata[i]) == 0)
        {
          g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_MIGRATION,
                       _("The schema of “%s” has two files numbered %d: %s and %s"),
                       source->owner, stead_workspace_schema_migration_version (pending->pdata[i]),
                       (char *) pending->pdata[i - 1], (char *) pending->pdata[i]);
          return NULL;
        }
    }

  return g_steal_pointer (&pending);
}

static gboolean
stead_workspace_schema_apply_migration (SteadWorkspace      *self,
                                        const SteadSchemaSource  *source,
                                        const char          *name,
                                        GError             **error)
{
  g_autofree char *resource = g_build_path ("/", source->resource_dir, name, NULL);
  g_autofree char *now = stead_now_iso8601 ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  gsize len;

  bytes = g_resources_lookup_data (resource, 0, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_MIGRATION,
                   _("Schema file %s of “%s” cannot be read: %s"),
                   name, source->owner, local_error->message);
      return FALSE;
    }

  sql = g_strndup (g_bytes_get_data (bytes, &len), g_bytes_get_size (bytes));
  if (!stead_sql_exec (self->db, sql, &local_error))
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_MIGRATION,
                   _("Schema file %s of “%s” failed: %s"),
                   name, source->owner, local_error->message);
      return FALSE;
    }

  if (sqlite3_prepare_v2 (
        self->db, "INSERT INTO stead_schema (owner, version, file, applied) VALUES (?, ?, ?, ?)",
        -1, &stmt, NULL) != SQLITE_OK)
    return stead_sqlite_set_error (error, self->db, sqlite3_errcode (self->db),
                                   _("Could not record the schema version"));
  sqlite3_bind_text (stmt, 1, source->owner, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, stead_workspace_schema_migration_version (name));
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return stead_sqlite_set_error (error, self->db, sqlite3_errcode (self->db),
                                   _("Could not record the schema version"));

  return TRUE;
}

static gboolean
stead_workspace_schema_seed_taxonomy (SteadWorkspace  *self,
                                      GError         **error)
{
  static const char *files[] = { "need-kinds", "resource-kinds", "target-groups", "skills",
                                 "partner-types", "psr-needs" };
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db,
                          /* A term already there keeps what the partnership
                           * made of it; only a unit it never had is added,
                           * and a source note as first shipped (pointing at
                           * a developers' document users never had) gives
                           * way to the public sources. */
                          "INSERT INTO taxonomy "
                          "(vocabulary, code, label, parent, description, sort, source, unit) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                          "ON CONFLICT (vocabulary, code) DO UPDATE SET "
                          "unit = coalesce (taxonomy.unit, excluded.unit), "
                          "source = CASE WHEN taxonomy.source LIKE '%shared/DOMAIN.md%' "
                          "THEN excluded.source ELSE taxonomy.source END "
                          "WHERE taxonomy.unit IS NULL "
                          "OR taxonomy.source LIKE '%shared/DOMAIN.md%'",
                          -1, &stmt, NULL) != SQLITE_OK)
    return stead_sqlite_set_error (error, self->db, sqlite3_errcode (self->db),
                                   _("Could not seed the vocabularies"));

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *resource =
        g_strdup_printf ("/io/github/steadapp/Stead/core/taxonomy/%s.json", files[f]);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GBytes) bytes = NULL;
      const char *vocabulary;
      const char *source;
      JsonObject *root;
      JsonArray *terms;

      bytes = g_resources_lookup_data (resource, 0, error);
      if (bytes == NULL)
        return FALSE;
      if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                       g_bytes_get_size (bytes), error))
        return FALSE;

      root = json_node_get_object (json_parser_get_root (parser));
      vocabulary = json_object_get_string_member (root, "vocabulary");
      source = json_object_get_string_member_with_default (root, "source", NULL);
      terms = json_object_get_array_member (root, "terms");

      for (guint i = 0; i < json_array_get_length (terms); i++)
        {
          JsonObject *term = json_array_get_object_element (terms, i);

          sqlite3_reset (stmt);
          sqlite3_bind_text (stmt, 1, vocabulary, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, json_object_get_string_member (term, "code"), -1,
                             SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, json_object_get_string_member (term, "label"), -1,
                             SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4,
                             json_object_get_string_member_with_default (term, "parent", NULL), -1,
                             SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5,
                             json_object_get_string_member_with_default (term, "description", NULL),
                             -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 6, i);
          sqlite3_bind_text (stmt, 7, source, -1, SQLITE_STATIC);
          /* What a resource kind's capacity is counted in. */
          sqlite3_bind_text (stmt, 8,
                             json_object_get_string_member_with_default (term, "unit", NULL), -1,
                             SQLITE_STATIC);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            return stead_sqlite_set_error (error, self->db, sqlite3_errcode (self->db),
                                           _("Could not seed the vocabularies"));
        }
    }

  return TRUE;
}

static gboolean
stead_workspace_schema_backup_before_migration (SteadWorkspace  *self,
                                                GError         **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *backup_path = g_strdup_printf ("%s.backup-%s", self->path, stamp);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int fd;
  int rc;

  /* Created 0600 first: the copy holds the same personal data. */
  fd = g_open (backup_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write a backup to “%s” before updating the schema: %s"),
                   backup_path, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (backup_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
      if (backup != NULL)
        {
          sqlite3_backup_step (backup, -1);
          rc = sqlite3_backup_finish (backup);
        }
      else
        rc = sqlite3_errcode (dest);
    }

  if (rc != SQLITE_OK)
    {
      stead_sqlite_set_error (error, dest, rc,
                              _("Could not back up the workspace before updating the schema"));
      sqlite3_close (dest);
      g_unlink (backup_path);
      return FALSE;
    }

  sqlite3_close (dest);
  g_free (self->last_backup);
  self->last_backup = g_steal_pointer (&backup_path);
  g_debug ("Backed up %s to %s", self->path, self->last_backup);
  return TRUE;
}

/* Applies every missing migration of @sources in one transaction, after a
 * backup copy. On failure nothing is written to the workspace. */
gboolean
stead_workspace_apply_schemas (SteadWorkspace  *self,
               GPtrArray       *sources,
               const char      *create_area_name,
               GError         **error)
{
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  gboolean any = FALSE;
  gboolean core_changed = FALSE;

  for (guint i = 0; i < sources->len; i++)
    {
      GPtrArray *pending =
        stead_workspace_schema_pending_migrations (self, g_ptr_array_index (sources, i), error);

      if (pending == NULL)
        return FALSE;
      any |= pending->len > 0;
      if (pending->len > 0 &&
          g_strcmp0 (((SteadSchemaSource *) g_ptr_array_index (sources, i))->owner,
                     STEAD_CORE_OWNER) == 0)
        core_changed = TRUE;
      g_ptr_array_add (plans, pending);
    }

  if (!any && create_area_name == NULL)
    return TRUE;

  /* A private copy in memory needs no backup: the file is not written. */
  if (create_area_name == NULL && (self->flags & STEAD_WORKSPACE_OPEN_SCRATCH) == 0 &&
      !stead_workspace_schema_backup_before_migration (self, error))
    return FALSE;

  if (!stead_sql_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Schema files may call Stead_AddFeatureTable; nothing else can. */
  self->applying_schema = TRUE;

  if (!stead_workspace_schema_ensure_schema_table (self, error))
    goto failed;

  for (guint i = 0; i < sources->len; i++)
    {
      const SteadSchemaSource *source = g_ptr_array_index (sources, i);
      GPtrArray *pending = g_ptr_array_index (plans, i);

      for (guint j = 0; j < pending->len; j++)
        {
          if (!stead_workspace_schema_apply_migration (self, source, g_ptr_array_index (pending, j),
                                                       error))
            {
              g_free (self->failed_owner);
              self->failed_owner = g_strdup (source->owner);
              goto failed;
            }
        }

      if (i == 0 && create_area_name != NULL)
        {
          g_autoptr(sqlite3_stmt) stmt = NULL;
          g_autofree char *now = stead_now_iso8601 ();

          if (sqlite3_prepare_v2 (self->db,
                                  "INSERT INTO stead_workspace (id, format_version, area_name, "
                                  "created) "
                                  "VALUES (1, ?, ?, ?)",
                                  -1, &stmt, NULL) != SQLITE_OK)
            {
              stead_sqlite_set_error (error, self->db, sqlite3_errcode (self->db),
                                      _("Could not mark the file as a Stead workspace"));
              goto failed;
            }
          sqlite3_bind_int (stmt, 1, STEAD_WORKSPACE_FORMAT_VERSION);
          sqlite3_bind_text (stmt, 2, create_area_name, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            {
              stead_sqlite_set_error (error, self->db, sqlite3_errcode (self->db),
                                      _("Could not mark the file as a Stead workspace"));
              goto failed;
            }
        }

      if (i == 0 && core_changed && !stead_workspace_schema_seed_taxonomy (self, error))
        goto failed;
    }

  self->applying_schema = FALSE;
  if (!stead_sql_exec (self->db, "COMMIT", error))
    goto failed;

  return TRUE;

failed:
  self->applying_schema = FALSE;
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Whether any of @sources has schema files not yet applied. */
gboolean
stead_workspace_schemas_pending (SteadWorkspace  *self,
                                 GPtrArray       *sources,
                                 gboolean        *pending,
                                 GError         **error)
{
  *pending = FALSE;
  for (guint i = 0; i < sources->len; i++)
    {
      g_autoptr(GPtrArray) files =
        stead_workspace_schema_pending_migrations (self, g_ptr_array_index (sources, i), error);

      if (files == NULL)
        return FALSE;
      *pending |= files->len > 0;
    }
  return TRUE;
}

/* The highest version among an owner's schema files in this build. */
static int
stead_workspace_schema_known_version (const SteadSchemaSource *source)
{
  g_auto(GStrv) names = g_resources_enumerate_children (source->resource_dir, 0, NULL);
  int known = 0;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    known = MAX (known, stead_workspace_schema_migration_version (names[i]));
  return known;
}

/**
 * stead_workspace_newer_schema:
 * @self: a workspace
 * @sources: the core's and the plugins' schema sources
 *
 * Returns: (nullable): why the workspace cannot be edited by this build
 *   because a newer Stead has updated its schema, or %NULL
 */
char *
stead_workspace_newer_schema (SteadWorkspace *self,
                              GPtrArray      *sources)
{
  for (guint i = 0; i < sources->len; i++)
    {
      const SteadSchemaSource *source = g_ptr_array_index (sources, i);
      int stored = stead_workspace_get_schema_version (self, source->owner);

      if (stored > stead_workspace_schema_known_version (source))
        /* TRANSLATORS: %s is "core" or a plugin's module name, %d its schema version */
        return g_strdup_printf (_("made by a newer Stead (%s schema %d); update Stead to edit it"),
                                source->owner, stored);
    }
  return NULL;
}

gboolean
stead_workspace_apply_schema (SteadWorkspace  *self,
                              const char      *owner,
                              const char      *resource_dir,
                              GError         **error)
{
  g_autoptr(GPtrArray) sources =
    g_ptr_array_new_with_free_func ((GDestroyNotify) stead_schema_source_free);

  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (owner != NULL, FALSE);
  g_return_val_if_fail (resource_dir != NULL, FALSE);

  if (self->db == NULL)
    {
      g_set_error_literal (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_CLOSED,
                           _("The workspace is closed"));
      return FALSE;
    }
  if (self->txn != NULL)
    {
      g_set_error_literal (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_BUSY,
                           _("The schema cannot change while a change is in progress"));
      return FALSE;
    }

  g_ptr_array_add (sources, stead_schema_source_new (owner, resource_dir));
  if (self->read_only)
    {
      gboolean pending;

      if (!stead_workspace_schemas_pending (self, sources, &pending, error))
        return FALSE;
      if (pending)
        {
          g_autofree char *basename = g_path_get_basename (self->path);

          g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_READ_ONLY,
                       _("The schema of “%s” cannot be added to “%s”: it is open read-only"),
                       owner, basename);
          return FALSE;
        }
      return TRUE;
    }
  return stead_workspace_apply_schemas (self, sources, NULL, error);
}

int
stead_workspace_get_schema_version (SteadWorkspace *self,
                                    const char     *owner)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), 0);
  g_return_val_if_fail (owner != NULL, 0);

  if (self->db == NULL || !stead_sql_table_exists (self->db, "stead_schema"))
    return 0;
  if (sqlite3_prepare_v2 (self->db, "SELECT max(version) FROM stead_schema WHERE owner = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int (stmt, 0);
}

char *
stead_workspace_get_last_backup (SteadWorkspace *self)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), NULL);

  return g_strdup (self->last_backup);
}
