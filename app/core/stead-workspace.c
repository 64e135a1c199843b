/* stead-workspace.c: one partnership area, one GeoPackage file
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

#include "stead-geometry.h"
#include "stead-plugin-engine-private.h"
#include "stead-sql-functions-private.h"
#include "stead-workspace-addin.h"
#include "stead-workspace-private.h"

/* 'GPKG' and GeoPackage 1.3, as the GeoPackage spec requires. */
#define GPKG_APPLICATION_ID 0x47504B47
#define GPKG_USER_VERSION   10300
#define MAX_UNDO_STEPS      100

typedef enum
{
  TXN_NORMAL,
  TXN_UNDO,
  TXN_REDO,
} TxnKind;

typedef struct
{
  char   *owner;
  char   *summary;
  GBytes *changeset;
} UndoStep;

struct _SteadTransaction
{
  SteadWorkspace  *workspace;
  char            *owner;
  char            *summary;
  sqlite3_session *session;
  TxnKind          kind;
  GArray          *bulk;      /* AuditCount: changes outside the session */
};

typedef struct
{
  char *owner;
  char *resource_dir;
} SchemaSource;

struct _SteadWorkspace
{
  GObject            parent_instance;

  char              *path;
  char              *area_name;
  sqlite3           *db;
  SteadPluginEngine *engine;
  PeasExtensionSet  *addins;
  GHashTable        *addins_by_module;  /* module name -> GObject (borrowed) */
  GQueue             undo;
  GQueue             redo;
  SteadTransaction  *txn;
  char              *last_backup;
  char              *failed_owner;   /* whose schema file failed last */
};

enum {
  PROP_0,
  PROP_PATH,
  PROP_AREA_NAME,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SteadWorkspace, stead_workspace, G_TYPE_OBJECT)
G_DEFINE_QUARK (stead-workspace-error-quark, stead_workspace_error)

static void
undo_step_free (UndoStep *step)
{
  g_free (step->owner);
  g_free (step->summary);
  g_bytes_unref (step->changeset);
  g_free (step);
}

static void
schema_source_free (SchemaSource *source)
{
  g_free (source->owner);
  g_free (source->resource_dir);
  g_free (source);
}

gboolean
stead_sqlite_set_error (GError     **error,
                        sqlite3     *db,
                        int          rc,
                        const char  *what)
{
  int code = STEAD_WORKSPACE_ERROR_SQL;
  int primary = rc & 0xff;

  if (primary == SQLITE_NOTADB)
    code = STEAD_WORKSPACE_ERROR_NOT_SQLITE;
  else if (primary == SQLITE_CORRUPT)
    code = STEAD_WORKSPACE_ERROR_CORRUPT;
  else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    code = STEAD_WORKSPACE_ERROR_BUSY;

  g_set_error (error, STEAD_WORKSPACE_ERROR, code, "%s: %s", what,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  char *errmsg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &errmsg);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_SQL,
                   "%s", errmsg ? errmsg : sqlite3_errstr (rc));
      sqlite3_free (errmsg);
      return FALSE;
    }

  return TRUE;
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static char *
unix_to_iso8601 (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* ------------------------------------------------------------------------ */
/* Checking a file before SQLite touches it                                  */

gboolean
stead_workspace_check_header (const char  *path,
                     GError     **error)
{
  g_autofree char *basename = g_path_get_basename (path);
  guint8 header[100];
  struct stat st;
  guint32 page_size;
  guint32 n_pages;
  ssize_t n;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, STEAD_WORKSPACE_ERROR,
                   saved == ENOENT ? STEAD_WORKSPACE_ERROR_NOT_FOUND : STEAD_WORKSPACE_ERROR_SQL,
                   _("Could not open “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_SQLITE,
                   _("“%s” is not a regular file"), basename);
      return FALSE;
    }

  n = read (fd, header, sizeof header);
  close (fd);

  if (n < 16 || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_SQLITE,
                   _("“%s” is not a Stead workspace: it is not a GeoPackage or SQLite file"),
                   basename);
      return FALSE;
    }

  if (n < (ssize_t) sizeof header)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_SQLITE,
                   _("“%s” is truncated: it ends inside the SQLite header (%zd bytes)"),
                   basename, n);
      return FALSE;
    }

  /* Offsets from "Database File Format", section 1.3 of the SQLite docs. */
  page_size = ((guint32) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || (page_size & (page_size - 1)) != 0)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_CORRUPT,
                   _("“%s” is damaged: its header gives an impossible page size"), basename);
      return FALSE;
    }

  n_pages = GUINT32_FROM_BE (*(guint32 *) (header + 28));
  if (memcmp (header + 24, header + 92, 4) == 0 && n_pages > 0 &&
      (guint64) st.st_size < (guint64) n_pages * page_size)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_SQLITE,
                   _("“%s” is truncated: it has %llu of %llu bytes"),
                   basename, (unsigned long long) st.st_size, (unsigned long long) n_pages * page_size);
      return FALSE;
    }

  if (st.st_size % page_size != 0)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_SQLITE,
                   _("“%s” is truncated: its size is not a whole number of pages"), basename);
      return FALSE;
    }

  return TRUE;
}

static gboolean
table_exists (sqlite3    *db,
              const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static int
pragma_int (sqlite3    *db,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int (stmt, 0);
}

/* ------------------------------------------------------------------------ */
/* Connection                                                                */

static gboolean
configure_connection (SteadWorkspace  *self,
                      GError         **error)
{
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);

  if (!stead_sql_register_functions (self->db, error))
    return FALSE;

  /* WAL keeps readers and the writer apart and survives a kill at any
   * point; secure_delete overwrites deleted personal data. A 64 MB page
   * cache holds a large import's transaction in memory instead of
   * spilling it to the WAL page by page. */
  if (!exec_sql (self->db,
                 "PRAGMA foreign_keys = ON;"
                 "PRAGMA secure_delete = ON;"
                 "PRAGMA synchronous = FULL;"
                 "PRAGMA cache_size = -65536;"
                 "PRAGMA temp_store = MEMORY;",
                 error))
    return FALSE;

  return TRUE;
}

static gboolean
open_connection (SteadWorkspace  *self,
                 int              flags,
                 GError         **error)
{
  int rc;

  rc = sqlite3_open_v2 (self->path, &self->db, flags | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      stead_sqlite_set_error (error, self->db, rc, _("Could not open the workspace"));
      sqlite3_close (self->db);
      self->db = NULL;
      return FALSE;
    }

  return configure_connection (self, error);
}

/* ------------------------------------------------------------------------ */
/* Schema migrations                                                          */

static int
migration_version (const char *name)
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
compare_names (gconstpointer a,
               gconstpointer b)
{
  int va = migration_version (*(const char * const *) a);
  int vb = migration_version (*(const char * const *) b);

  return (va > vb) - (va < vb);
}

static gboolean
ensure_schema_table (SteadWorkspace  *self,
                     GError         **error)
{
  return exec_sql (self->db,
                   "CREATE TABLE IF NOT EXISTS stead_schema ("
                   "  owner TEXT NOT NULL,"
                   "  version INTEGER NOT NULL,"
                   "  file TEXT NOT NULL,"
                   "  applied DATETIME NOT NULL,"
                   "  PRIMARY KEY (owner, version))",
                   error);
}

static gboolean
schema_version_applied (SteadWorkspace *self,
                        const char     *owner,
                        int             version)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!table_exists (self->db, "stead_schema"))
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
pending_migrations (SteadWorkspace      *self,
                    const SchemaSource  *source,
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
      int version = migration_version (names[i]);

      if (version < 0)
        continue;
      if (!schema_version_applied (self, source->owner, version))
        g_ptr_array_add (pending, g_strdup (names[i]));
    }

  g_ptr_array_sort (pending, compare_names);

  for (guint i = 1; i < pending->len; i++)
    {
      if (compare_names (&pending->pdata[i - 1], &pending->pdata[i]) == 0)
        {
          g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_MIGRATION,
                       _("The schema of “%s” has two files numbered %d: %s and %s"),
                       source->owner, migration_version (pending->pdata[i]),
                       (char *) pending->pdata[i - 1], (char *) pending->pdata[i]);
          return NULL;
        }
    }

  return g_steal_pointer (&pending);
}

static gboolean
apply_migration (SteadWorkspace      *self,
                 const SchemaSource  *source,
                 const char          *name,
                 GError             **error)
{
  g_autofree char *resource = g_build_path ("/", source->resource_dir, name, NULL);
  g_autofree char *now = now_iso8601 ();
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
  if (!exec_sql (self->db, sql, &local_error))
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_MIGRATION,
                   _("Schema file %s of “%s” failed: %s"),
                   name, source->owner, local_error->message);
      return FALSE;
    }

  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO stead_schema (owner, version, file, applied) VALUES (?, ?, ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return stead_sqlite_set_error (error, self->db, sqlite3_errcode (self->db),
                                   _("Could not record the schema version"));
  sqlite3_bind_text (stmt, 1, source->owner, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, migration_version (name));
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return stead_sqlite_set_error (error, self->db, sqlite3_errcode (self->db),
                                   _("Could not record the schema version"));

  return TRUE;
}

static gboolean
seed_taxonomy (SteadWorkspace  *self,
               GError         **error)
{
  static const char *files[] = { "need-kinds", "resource-kinds", "target-groups", "skills", "partner-types" };
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db,
                          "INSERT OR IGNORE INTO taxonomy "
                          "(vocabulary, code, label, parent, description, sort, source) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return stead_sqlite_set_error (error, self->db, sqlite3_errcode (self->db),
                                   _("Could not seed the vocabularies"));

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *resource = g_strdup_printf ("/io/github/steadapp/Stead/core/taxonomy/%s.json",
                                                   files[f]);
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
          sqlite3_bind_text (stmt, 2, json_object_get_string_member (term, "code"), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, json_object_get_string_member (term, "label"), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, json_object_get_string_member_with_default (term, "parent", NULL),
                             -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5, json_object_get_string_member_with_default (term, "description", NULL),
                             -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 6, i);
          sqlite3_bind_text (stmt, 7, source, -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            return stead_sqlite_set_error (error, self->db, sqlite3_errcode (self->db),
                                           _("Could not seed the vocabularies"));
        }
    }

  return TRUE;
}

static gboolean
backup_before_migration (SteadWorkspace  *self,
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
      stead_sqlite_set_error (error, dest, rc, _("Could not back up the workspace before updating the schema"));
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
static gboolean
apply_schemas (SteadWorkspace  *self,
               GPtrArray       *sources,
               const char      *create_area_name,
               GError         **error)
{
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  gboolean any = FALSE;
  gboolean core_changed = FALSE;

  for (guint i = 0; i < sources->len; i++)
    {
      GPtrArray *pending = pending_migrations (self, g_ptr_array_index (sources, i), error);

      if (pending == NULL)
        return FALSE;
      any |= pending->len > 0;
      if (pending->len > 0 &&
          g_strcmp0 (((SchemaSource *) g_ptr_array_index (sources, i))->owner, STEAD_CORE_OWNER) == 0)
        core_changed = TRUE;
      g_ptr_array_add (plans, pending);
    }

  if (!any && create_area_name == NULL)
    return TRUE;

  if (create_area_name == NULL && !backup_before_migration (self, error))
    return FALSE;

  if (!exec_sql (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!ensure_schema_table (self, error))
    goto failed;

  for (guint i = 0; i < sources->len; i++)
    {
      const SchemaSource *source = g_ptr_array_index (sources, i);
      GPtrArray *pending = g_ptr_array_index (plans, i);

      for (guint j = 0; j < pending->len; j++)
        {
          if (!apply_migration (self, source, g_ptr_array_index (pending, j), error))
            {
              g_free (self->failed_owner);
              self->failed_owner = g_strdup (source->owner);
              goto failed;
            }
        }

      if (i == 0 && create_area_name != NULL)
        {
          g_autoptr(sqlite3_stmt) stmt = NULL;
          g_autofree char *now = now_iso8601 ();

          if (sqlite3_prepare_v2 (self->db,
                                  "INSERT INTO stead_workspace (id, format_version, area_name, created) "
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

      if (i == 0 && core_changed && !seed_taxonomy (self, error))
        goto failed;
    }

  if (!exec_sql (self->db, "COMMIT", error))
    goto failed;

  return TRUE;

failed:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static SchemaSource *
schema_source_new (const char *owner,
                   const char *resource_dir)
{
  SchemaSource *source = g_new0 (SchemaSource, 1);

  source->owner = g_strdup (owner);
  source->resource_dir = g_strdup (resource_dir);
  return source;
}

gboolean
stead_workspace_apply_schema (SteadWorkspace  *self,
                              const char      *owner,
                              const char      *resource_dir,
                              GError         **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) schema_source_free);

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

  g_ptr_array_add (sources, schema_source_new (owner, resource_dir));
  return apply_schemas (self, sources, NULL, error);
}

int
stead_workspace_get_schema_version (SteadWorkspace *self,
                                    const char     *owner)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), 0);
  g_return_val_if_fail (owner != NULL, 0);

  if (self->db == NULL || !table_exists (self->db, "stead_schema"))
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

/* ------------------------------------------------------------------------ */
/* Addins                                                                    */

static const char *
addin_schema_path (GObject *addin)
{
  return stead_workspace_addin_get_schema_path (STEAD_WORKSPACE_ADDIN (addin));
}

static void
collect_addin_schema (PeasExtensionSet *set,
                      PeasPluginInfo   *info,
                      GObject          *exten,
                      gpointer          user_data)
{
  GPtrArray *sources = user_data;
  const char *path = addin_schema_path (exten);

  if (path != NULL)
    g_ptr_array_add (sources, schema_source_new (peas_plugin_info_get_module_name (info), path));
}

static void
load_addin (SteadWorkspace *self,
            PeasPluginInfo *info,
            GObject        *exten)
{
  const char *module = peas_plugin_info_get_module_name (info);

  g_hash_table_insert (self->addins_by_module, g_strdup (module), exten);
  stead_workspace_addin_load (STEAD_WORKSPACE_ADDIN (exten), self);
}

static void
on_extension_added (PeasExtensionSet *set,
                    PeasPluginInfo   *info,
                    GObject          *exten,
                    gpointer          user_data)
{
  SteadWorkspace *self = user_data;
  g_autoptr(GError) error = NULL;
  const char *module = peas_plugin_info_get_module_name (info);
  const char *path = addin_schema_path (exten);

  /* A plugin enabled while the workspace is open: its schema first. */
  if (path != NULL && !stead_workspace_apply_schema (self, module, path, &error))
    {
      g_warning ("Plugin “%s” not loaded for %s: %s", module, self->path, error->message);
      if (self->engine != NULL)
        stead_plugin_engine_report_error (self->engine, module, error->message);
      return;
    }

  load_addin (self, info, exten);
}

static void
on_extension_removed (PeasExtensionSet *set,
                      PeasPluginInfo   *info,
                      GObject          *exten,
                      gpointer          user_data)
{
  SteadWorkspace *self = user_data;
  const char *module = peas_plugin_info_get_module_name (info);

  if (!g_hash_table_contains (self->addins_by_module, module))
    return;

  stead_workspace_addin_unload (STEAD_WORKSPACE_ADDIN (exten), self);
  g_hash_table_remove (self->addins_by_module, module);
}

static void
load_existing_addin (PeasExtensionSet *set,
                     PeasPluginInfo   *info,
                     GObject          *exten,
                     gpointer          user_data)
{
  load_addin (user_data, info, exten);
}

static void
unload_addin (gpointer key,
              gpointer value,
              gpointer user_data)
{
  stead_workspace_addin_unload (STEAD_WORKSPACE_ADDIN (value), user_data);
}

GObject *
stead_workspace_get_addin (SteadWorkspace *self,
                           const char     *module_name)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (module_name != NULL, NULL);

  return g_hash_table_lookup (self->addins_by_module, module_name);
}

void
stead_workspace_foreach_addin (SteadWorkspace *self,
                               void          (*func) (SteadWorkspace *workspace,
                                                      const char     *module_name,
                                                      GObject        *addin,
                                                      gpointer        user_data),
                               gpointer        user_data)
{
  g_autoptr(GList) keys = NULL;

  g_return_if_fail (STEAD_IS_WORKSPACE (self));
  g_return_if_fail (func != NULL);

  /* In module-name order, so output such as `stead-cli info` is stable. */
  keys = g_list_sort (g_hash_table_get_keys (self->addins_by_module), (GCompareFunc) g_strcmp0);
  for (const GList *l = keys; l != NULL; l = l->next)
    func (self, l->data, g_hash_table_lookup (self->addins_by_module, l->data), user_data);
}

/* ------------------------------------------------------------------------ */
/* Open, create, close                                                       */

static gboolean
read_marker (SteadWorkspace  *self,
             GError         **error)
{
  g_autofree char *basename = g_path_get_basename (self->path);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int application_id;
  int rc;

  /* The first read: a damaged or foreign file fails here. */
  rc = sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM sqlite_master", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      g_autofree char *what = g_strdup_printf (_("“%s” cannot be read"), basename);
      return stead_sqlite_set_error (error, self->db, rc, what);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  application_id = pragma_int (self->db, "PRAGMA application_id");

  if (!table_exists (self->db, "stead_workspace"))
    {
      if ((guint32) application_id == GPKG_APPLICATION_ID || table_exists (self->db, "gpkg_contents"))
        g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_STEAD,
                     _("“%s” is a GeoPackage, but not a Stead workspace. Import its layers into a workspace instead."),
                     basename);
      else
        g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_STEAD,
                     _("“%s” is an SQLite database, but not a Stead workspace"), basename);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (self->db, "SELECT format_version, area_name FROM stead_workspace WHERE id = 1",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_STEAD,
                   _("“%s” is not a Stead workspace: its stead_workspace marker is empty"), basename);
      return FALSE;
    }

  if (sqlite3_column_int (stmt, 0) > STEAD_WORKSPACE_FORMAT_VERSION)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Stead (format %d; this version reads up to %d)"),
                   basename, sqlite3_column_int (stmt, 0), STEAD_WORKSPACE_FORMAT_VERSION);
      return FALSE;
    }

  g_free (self->area_name);
  self->area_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  return TRUE;
}

static gboolean
start (SteadWorkspace     *self,
       const char         *create_area_name,
       GError            **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) schema_source_free);

  g_ptr_array_add (sources, schema_source_new (STEAD_CORE_OWNER, STEAD_CORE_SCHEMA_PATH));

  if (self->engine != NULL)
    {
      self->addins = stead_plugin_engine_create_extension_set (self->engine,
                                                               STEAD_TYPE_WORKSPACE_ADDIN);
      peas_extension_set_foreach (self->addins, collect_addin_schema, sources);
    }

  if (!apply_schemas (self, sources, create_area_name, error))
    {
      /* A plugin's schema failed: Preferences shows it on that plugin,
       * and the message says how to open the workspace without it. */
      if (self->engine != NULL && self->failed_owner != NULL &&
          g_strcmp0 (self->failed_owner, STEAD_CORE_OWNER) != 0 &&
          error != NULL && *error != NULL)
        {
          stead_plugin_engine_report_error (self->engine, self->failed_owner, (*error)->message);
          char *message = g_strdup_printf (_("%s. Switch the plugin “%s” off in Preferences to open the workspace without it."),
                                           (*error)->message, self->failed_owner);

          g_free ((*error)->message);
          (*error)->message = message;
        }
      return FALSE;
    }

  if (create_area_name != NULL && !read_marker (self, error))
    return FALSE;

  if (self->addins != NULL)
    {
      g_signal_connect (self->addins, "extension-added", G_CALLBACK (on_extension_added), self);
      g_signal_connect (self->addins, "extension-removed", G_CALLBACK (on_extension_removed), self);
      peas_extension_set_foreach (self->addins, load_existing_addin, self);
    }

  return TRUE;
}

/**
 * stead_workspace_open:
 * @path: a workspace file
 * @engine: (nullable): the plugins whose workspace addins to load
 * @error: a #GError
 *
 * Opens a workspace, checking first that it is one. Schema files of the
 * core and of enabled plugins not yet applied are applied in one
 * transaction after a backup copy; if any fails the file is unchanged and
 * @error names the plugin and the file.
 *
 * Returns: (transfer full) (nullable): the workspace
 */
SteadWorkspace *
stead_workspace_open (const char         *path,
                      SteadPluginEngine  *engine,
                      GError            **error)
{
  g_autoptr(SteadWorkspace) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (engine == NULL || STEAD_IS_PLUGIN_ENGINE (engine), NULL);

  if (!stead_workspace_check_header (path, error))
    return NULL;

  self = g_object_new (STEAD_TYPE_WORKSPACE, "path", path, NULL);
  g_set_object (&self->engine, engine);

  if (!open_connection (self, SQLITE_OPEN_READWRITE, error))
    return NULL;
  if (!read_marker (self, error))
    return NULL;
  if (!exec_sql (self->db, "PRAGMA journal_mode = WAL", error))
    return NULL;
  if (!start (self, NULL, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * stead_workspace_create:
 * @path: where to create the workspace; must not exist
 * @area_name: the partnership area's name
 * @engine: (nullable): the plugins whose workspace addins to load
 * @error: a #GError
 *
 * Creates a new workspace file, readable only by its owner.
 *
 * Returns: (transfer full) (nullable): the workspace
 */
SteadWorkspace *
stead_workspace_create (const char         *path,
                        const char         *area_name,
                        SteadPluginEngine  *engine,
                        GError            **error)
{
  g_autoptr(SteadWorkspace) self = NULL;
  g_autofree char *basename = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (engine == NULL || STEAD_IS_PLUGIN_ENGINE (engine), NULL);

  if (area_name == NULL || area_name[0] == '\0')
    {
      g_autofree char *base = g_path_get_basename (path);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      basename = g_steal_pointer (&base);
      area_name = basename;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, STEAD_WORKSPACE_ERROR,
                   saved == EEXIST ? STEAD_WORKSPACE_ERROR_EXISTS : STEAD_WORKSPACE_ERROR_SQL,
                   _("Could not create “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }
  close (fd);

  self = g_object_new (STEAD_TYPE_WORKSPACE, "path", path, NULL);
  g_set_object (&self->engine, engine);

  if (!open_connection (self, SQLITE_OPEN_READWRITE, error) ||
      !exec_sql (self->db,
                 "PRAGMA application_id = 1196444487;" /* 'GPKG' */
                 "PRAGMA user_version = 10300;"
                 "PRAGMA journal_mode = WAL;",
                 error) ||
      !start (self, area_name, error))
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      stead_workspace_close (self);
      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * stead_workspace_close:
 * @self: a #SteadWorkspace
 *
 * Unloads the plugins' addins and closes the file. An open transaction
 * is rolled back. Safe to call more than once.
 */
void
stead_workspace_close (SteadWorkspace *self)
{
  g_return_if_fail (STEAD_IS_WORKSPACE (self));

  if (self->txn != NULL)
    stead_transaction_rollback (self->txn);

  if (self->addins != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->addins, self);
      g_hash_table_foreach (self->addins_by_module, unload_addin, self);
      g_hash_table_remove_all (self->addins_by_module);
      g_clear_object (&self->addins);
    }

  g_queue_clear_full (&self->undo, (GDestroyNotify) undo_step_free);
  g_queue_clear_full (&self->redo, (GDestroyNotify) undo_step_free);

  if (self->db != NULL)
    {
      int rc = sqlite3_close (self->db);

      if (rc != SQLITE_OK)
        {
          g_warning ("Closing %s: %s; statements were left open", self->path, sqlite3_errstr (rc));
          sqlite3_close_v2 (self->db);
        }
      self->db = NULL;
    }
}

gboolean
stead_workspace_is_closed (SteadWorkspace *self)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), TRUE);

  return self->db == NULL;
}

/* ------------------------------------------------------------------------ */
/* Accessors                                                                 */

const char *
stead_workspace_get_path (SteadWorkspace *self)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), NULL);

  return self->path;
}

const char *
stead_workspace_get_area_name (SteadWorkspace *self)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), NULL);

  return self->area_name;
}

SteadPluginEngine *
stead_workspace_get_engine (SteadWorkspace *self)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), NULL);

  return self->engine;
}

sqlite3 *
stead_workspace_get_db (SteadWorkspace *self)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), NULL);

  return self->db;
}

/**
 * stead_workspace_prepare:
 * @self: a #SteadWorkspace
 * @sql: one SQL statement, with `?` for every value
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the statement; finalize it
 */
sqlite3_stmt *
stead_workspace_prepare (SteadWorkspace  *self,
                         const char      *sql,
                         GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if (self->db == NULL)
    {
      g_set_error_literal (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_CLOSED,
                           _("The workspace is closed"));
      return NULL;
    }

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      stead_sqlite_set_error (error, self->db, rc, _("Could not prepare a query"));
      return NULL;
    }

  return stmt;
}

/**
 * stead_workspace_count_rows:
 * @self: a #SteadWorkspace
 * @table: a table name
 *
 * Returns: the number of rows in @table, or -1 if there is no such table
 */
gint64
stead_workspace_count_rows (SteadWorkspace *self,
                            const char     *table)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), -1);
  g_return_val_if_fail (table != NULL, -1);

  /* Table names cannot be bound; only a name sqlite_master lists is used,
   * quoted as an identifier. */
  if (self->db == NULL || !table_exists (self->db, table))
    return -1;
  quoted = sqlite3_mprintf ("%w", table);
  sql = g_strconcat ("SELECT count(*) FROM \"", quoted, "\"", NULL);
  sqlite3_free (g_steal_pointer (&quoted));

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
stead_workspace_set_area_name (SteadWorkspace  *self,
                               const char      *area_name,
                               GError         **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (area_name != NULL, FALSE);

  if (g_strcmp0 (area_name, self->area_name) == 0)
    return TRUE;

  summary = g_strdup_printf (_("Rename area to “%s”"), area_name);
  if (!(txn = stead_workspace_begin (self, STEAD_CORE_OWNER, summary, error)))
    return FALSE;
  if (!(stmt = stead_transaction_prepare (txn, "UPDATE stead_workspace SET area_name = ? WHERE id = 1", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, area_name, -1, SQLITE_STATIC);
  if (!stead_transaction_step (txn, stmt, error))
    return FALSE;
  return stead_transaction_commit (g_steal_pointer (&txn), error);
}

/* ------------------------------------------------------------------------ */
/* Transactions                                                              */

/* Tables whose changes are not user data: indexes maintained by triggers
 * (R-tree and FTS shadow tables), the audit log and the schema record. */
static int
session_table_filter (void       *user_data,
                      const char *table)
{
  /* The postcode directory and its attribution are reference data, replaced
   * whole and too large to keep in memory for undo; their imports report
   * through stead_transaction_note_bulk(). Saved column maps outlive undo. */
  static const char *skip[] = { "rtree_", "stead_search", "stead_audit", "stead_schema", "sqlite_", "gpkg_",
                                "stead_postcode", "stead_attribution", "stead_import_mapping" };

  for (guint i = 0; i < G_N_ELEMENTS (skip); i++)
    if (g_str_has_prefix (table, skip[i]))
      return 0;
  return 1;
}

static SteadTransaction *
begin_internal (SteadWorkspace  *self,
                const char      *owner,
                const char      *summary,
                TxnKind          kind,
                GError         **error)
{
  SteadTransaction *txn;
  sqlite3_session *session = NULL;
  int rc;

  if (self->db == NULL)
    {
      g_set_error_literal (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_CLOSED,
                           _("The workspace is closed"));
      return NULL;
    }

  if (self->txn != NULL)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_BUSY,
                   _("Another change (“%s”) is still in progress"), self->txn->summary);
      return NULL;
    }

  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      stead_sqlite_set_error (error, self->db, rc, _("Could not start a change"));
      return NULL;
    }

  rc = sqlite3session_create (self->db, "main", &session);
  if (rc == SQLITE_OK)
    {
      sqlite3session_table_filter (session, session_table_filter, NULL);
      rc = sqlite3session_attach (session, NULL);
    }
  if (rc != SQLITE_OK)
    {
      stead_sqlite_set_error (error, self->db, rc, _("Could not record a change"));
      if (session != NULL)
        sqlite3session_delete (session);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return NULL;
    }

  txn = g_new0 (SteadTransaction, 1);
  txn->workspace = g_object_ref (self);
  txn->owner = g_strdup (owner);
  txn->summary = g_strdup (summary);
  txn->session = session;
  txn->kind = kind;
  self->txn = txn;

  return txn;
}

/**
 * stead_workspace_begin:
 * @self: a #SteadWorkspace
 * @owner: the plugin's module name ("core" for the core)
 * @summary: what the user did, in their words (e.g. "Add partner “Red Cross”");
 *   it labels the undo step and the audit rows, so keep personal data out
 * @error: a #GError
 *
 * Starts the one transaction of a user action. Commit it with
 * stead_transaction_commit(); dropping it (g_autoptr) rolls it back.
 *
 * Returns: (transfer full) (nullable): the transaction
 */
SteadTransaction *
stead_workspace_begin (SteadWorkspace  *self,
                       const char      *owner,
                       const char      *summary,
                       GError         **error)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (owner != NULL, NULL);
  g_return_val_if_fail (summary != NULL, NULL);

  return begin_internal (self, owner, summary, TXN_NORMAL, error);
}

SteadWorkspace *
stead_transaction_get_workspace (SteadTransaction *txn)
{
  g_return_val_if_fail (txn != NULL, NULL);

  return txn->workspace;
}

static void free_counts (GArray *counts);

static void
transaction_free (SteadTransaction *txn)
{
  if (txn->session != NULL)
    sqlite3session_delete (txn->session);
  if (txn->bulk != NULL)
    free_counts (txn->bulk);
  if (txn->workspace->txn == txn)
    txn->workspace->txn = NULL;
  g_object_unref (txn->workspace);
  g_free (txn->owner);
  g_free (txn->summary);
  g_free (txn);
}

/**
 * stead_transaction_rollback:
 * @txn: (transfer full): a transaction
 *
 * Undoes everything done in @txn and frees it.
 */
void
stead_transaction_rollback (SteadTransaction *txn)
{
  if (txn == NULL)
    return;

  if (txn->workspace->db != NULL && !sqlite3_get_autocommit (txn->workspace->db))
    sqlite3_exec (txn->workspace->db, "ROLLBACK", NULL, NULL, NULL);
  transaction_free (txn);
}

gboolean
stead_transaction_exec (SteadTransaction  *txn,
                        const char        *sql,
                        GError           **error)
{
  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  return exec_sql (txn->workspace->db, sql, error);
}

sqlite3_stmt *
stead_transaction_prepare (SteadTransaction  *txn,
                           const char        *sql,
                           GError           **error)
{
  g_return_val_if_fail (txn != NULL, NULL);

  return stead_workspace_prepare (txn->workspace, sql, error);
}

/**
 * stead_transaction_step:
 * @txn: a transaction
 * @stmt: a prepared and bound statement that writes
 * @error: a #GError
 *
 * Runs @stmt to completion and resets it, so it can be bound again.
 *
 * Returns: %TRUE if the statement ran
 */
gboolean
stead_transaction_step (SteadTransaction  *txn,
                        sqlite3_stmt      *stmt,
                        GError           **error)
{
  int rc;

  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (stmt != NULL, FALSE);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return stead_sqlite_set_error (error, txn->workspace->db, rc, _("Could not save the change"));

  return TRUE;
}

typedef struct
{
  char *table;
  int   op;
  guint rows;
} AuditCount;

static const char *
op_name (int op)
{
  switch (op)
    {
    case SQLITE_INSERT: return "insert";
    case SQLITE_UPDATE: return "update";
    case SQLITE_DELETE: return "delete";
    default: g_assert_not_reached ();
    }
}

/* Counts rows per table and action, in the order tables first appear. */
static GArray *
count_changes (const void *changeset,
               int         size)
{
  GArray *counts = g_array_new (FALSE, TRUE, sizeof (AuditCount));
  sqlite3_changeset_iter *iter = NULL;

  if (sqlite3changeset_start (&iter, size, (void *) changeset) != SQLITE_OK)
    return counts;

  while (sqlite3changeset_next (iter) == SQLITE_ROW)
    {
      const char *table;
      int n_cols;
      int op;
      int indirect;
      guint i;

      sqlite3changeset_op (iter, &table, &n_cols, &op, &indirect);
      for (i = 0; i < counts->len; i++)
        {
          AuditCount *c = &g_array_index (counts, AuditCount, i);

          if (c->op == op && strcmp (c->table, table) == 0)
            {
              c->rows++;
              break;
            }
        }
      if (i == counts->len)
        {
          AuditCount c = { g_strdup (table), op, 1 };
          g_array_append_val (counts, c);
        }
    }
  sqlite3changeset_finalize (iter);

  return counts;
}

static void
free_counts (GArray *counts)
{
  for (guint i = 0; i < counts->len; i++)
    g_free (g_array_index (counts, AuditCount, i).table);
  g_array_unref (counts);
}

static gboolean
write_audit (SteadTransaction  *txn,
             GArray            *counts,
             GError           **error)
{
  sqlite3 *db = txn->workspace->db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = now_iso8601 ();
  gint64 txn_id = 1;

  if (sqlite3_prepare_v2 (db, "SELECT coalesce(max(txn), 0) + 1 FROM stead_audit", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    txn_id = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO stead_audit (txn, time, owner, table_name, action, rows, summary) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return stead_sqlite_set_error (error, db, sqlite3_errcode (db), _("Could not write the audit log"));

  for (guint i = 0; i < counts->len; i++)
    {
      const AuditCount *c = &g_array_index (counts, AuditCount, i);

      sqlite3_bind_int64 (stmt, 1, txn_id);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, txn->owner, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, c->table, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, op_name (c->op), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, c->rows);
      sqlite3_bind_text (stmt, 7, txn->summary, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return stead_sqlite_set_error (error, db, sqlite3_errcode (db), _("Could not write the audit log"));
      sqlite3_reset (stmt);
    }

  return TRUE;
}

static void
notify_undo_state (SteadWorkspace *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
}

static void
refresh_area_name (SteadWorkspace *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT area_name FROM stead_workspace WHERE id = 1", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (name, self->area_name) != 0)
        {
          g_free (self->area_name);
          self->area_name = g_strdup (name);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AREA_NAME]);
        }
    }
}

/**
 * stead_transaction_commit:
 * @txn: (transfer full): a transaction
 * @error: a #GError
 *
 * Commits @txn: writes its audit rows, makes it the undo step and emits
 * #SteadWorkspace::changed with the tables it touched. On failure
 * everything in @txn is rolled back. @txn is freed either way.
 *
 * Returns: %TRUE if the change is saved
 */
gboolean
stead_transaction_commit (SteadTransaction  *txn,
                          GError           **error)
{
  SteadWorkspace *self;
  g_autoptr(GObject) hold = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  GArray *counts;
  void *changeset = NULL;
  int size = 0;
  int rc;

  g_return_val_if_fail (txn != NULL, FALSE);

  self = txn->workspace;
  hold = g_object_ref (G_OBJECT (self));

  rc = sqlite3session_changeset (txn->session, &size, &changeset);
  if (rc != SQLITE_OK)
    {
      stead_sqlite_set_error (error, self->db, rc, _("Could not record the change"));
      stead_transaction_rollback (txn);
      return FALSE;
    }

  counts = count_changes (changeset, size);
  if (txn->bulk != NULL)
    {
      for (guint i = 0; i < txn->bulk->len; i++)
        {
          AuditCount c = g_array_index (txn->bulk, AuditCount, i);

          c.table = g_strdup (c.table);
          g_array_append_val (counts, c);
        }
    }
  if (counts->len > 0 && !write_audit (txn, counts, error))
    {
      free_counts (counts);
      sqlite3_free (changeset);
      stead_transaction_rollback (txn);
      return FALSE;
    }

  rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      stead_sqlite_set_error (error, self->db, rc, _("Could not save the change"));
      free_counts (counts);
      sqlite3_free (changeset);
      stead_transaction_rollback (txn);
      return FALSE;
    }

  if (size > 0)
    {
      UndoStep *step = g_new0 (UndoStep, 1);

      step->owner = g_strdup (txn->owner);
      step->summary = g_strdup (txn->summary);
      step->changeset = g_bytes_new (changeset, size);

      switch (txn->kind)
        {
        case TXN_NORMAL:
          g_queue_clear_full (&self->redo, (GDestroyNotify) undo_step_free);
          g_queue_push_head (&self->undo, step);
          while (g_queue_get_length (&self->undo) > MAX_UNDO_STEPS)
            undo_step_free (g_queue_pop_tail (&self->undo));
          break;

        case TXN_UNDO:
          /* The step undone moves to the redo stack with its original
           * summary; its own changeset is what redo re-applies. */
          undo_step_free (step);
          g_queue_push_head (&self->redo, g_queue_pop_head (&self->undo));
          break;

        case TXN_REDO:
          undo_step_free (step);
          g_queue_push_head (&self->undo, g_queue_pop_head (&self->redo));
          break;

        default:
          g_assert_not_reached ();
        }
    }
  sqlite3_free (changeset);

  tables = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < counts->len; i++)
    {
      const char *table = g_array_index (counts, AuditCount, i).table;

      if (!g_ptr_array_find_with_equal_func (tables, table, g_str_equal, NULL))
        g_ptr_array_add (tables, g_strdup (table));
    }
  g_ptr_array_add (tables, NULL);
  free_counts (counts);

  transaction_free (txn);

  if (tables->len > 1)
    {
      if (g_strv_contains ((const char * const *) tables->pdata, "stead_workspace"))
        refresh_area_name (self);
      notify_undo_state (self);
      g_signal_emit (self, signals[CHANGED], 0, (const char * const *) tables->pdata);
    }

  return TRUE;
}

/**
 * stead_transaction_note_bulk:
 * @txn: a transaction
 * @table: a table the session does not record (the postcode directory)
 * @op: %SQLITE_INSERT, %SQLITE_UPDATE or %SQLITE_DELETE
 * @rows: how many rows
 *
 * Records a change the undo history cannot hold, for the audit log and
 * the #SteadWorkspace::changed signal.
 */
void
stead_transaction_note_bulk (SteadTransaction *txn,
                             const char       *table,
                             int               op,
                             guint             rows)
{
  AuditCount c = { g_strdup (table), op, rows };

  g_return_if_fail (txn != NULL);

  if (rows == 0)
    {
      g_free (c.table);
      return;
    }
  if (txn->bulk == NULL)
    txn->bulk = g_array_new (FALSE, TRUE, sizeof (AuditCount));
  g_array_append_val (txn->bulk, c);
}

/* ------------------------------------------------------------------------ */
/* Undo and redo                                                             */

static int
abort_on_conflict (void                   *user_data,
                   int                     conflict,
                   sqlite3_changeset_iter *iter)
{
  return SQLITE_CHANGESET_ABORT;
}

static gboolean
apply_step_in_txn (SteadWorkspace  *self,
                   UndoStep        *step,
                   TxnKind          kind,
                   GError         **error)
{
  g_autofree char *summary = NULL;
  g_autoptr(sqlite3_stmt) check = NULL;
  SteadTransaction *txn;
  const void *data;
  void *inverted = NULL;
  gsize size;
  int n_inverted = 0;
  int rc;

  data = g_bytes_get_data (step->changeset, &size);
  summary = g_strdup_printf (kind == TXN_UNDO ? _("Undo “%s”") : _("Redo “%s”"), step->summary);

  if (!(txn = begin_internal (self, step->owner, summary, kind, error)))
    return FALSE;

  if (kind == TXN_UNDO)
    {
      rc = sqlite3changeset_invert ((int) size, data, &n_inverted, &inverted);
      if (rc != SQLITE_OK)
        {
          stead_transaction_rollback (txn);
          return stead_sqlite_set_error (error, self->db, rc, _("Could not undo"));
        }
      rc = sqlite3changeset_apply (self->db, n_inverted, inverted, NULL, abort_on_conflict, NULL);
      sqlite3_free (inverted);
    }
  else
    {
      rc = sqlite3changeset_apply (self->db, (int) size, (void *) data, NULL, abort_on_conflict, NULL);
    }

  /* Foreign keys were off while the step was applied (it holds every row
   * its change touched, cascades included); the result must still hold. */
  if (rc == SQLITE_OK && sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &check, NULL) == SQLITE_OK &&
      sqlite3_step (check) == SQLITE_ROW)
    rc = SQLITE_CONSTRAINT_FOREIGNKEY;

  if (rc != SQLITE_OK)
    {
      stead_transaction_rollback (txn);
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_CONFLICT,
                   kind == TXN_UNDO ? _("Cannot undo “%s”: the data has changed since")
                                    : _("Cannot redo “%s”: the data has changed since"),
                   step->summary);
      return FALSE;
    }

  return stead_transaction_commit (txn, error);
}

/* A step holds every row its change touched, cascades included: applied
 * with foreign keys on, ON DELETE CASCADE would delete rows the step then
 * finds missing. So foreign keys are off while it is applied, and checked
 * before it commits. */
static gboolean
apply_step (SteadWorkspace  *self,
            UndoStep        *step,
            TxnKind          kind,
            GError         **error)
{
  gboolean ok;

  sqlite3_exec (self->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
  ok = apply_step_in_txn (self, step, kind, error);
  sqlite3_exec (self->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  return ok;
}

gboolean
stead_workspace_can_undo (SteadWorkspace *self)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), FALSE);

  return !g_queue_is_empty (&self->undo);
}

gboolean
stead_workspace_can_redo (SteadWorkspace *self)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), FALSE);

  return !g_queue_is_empty (&self->redo);
}

const char *
stead_workspace_get_undo_label (SteadWorkspace *self)
{
  UndoStep *step;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), NULL);

  step = g_queue_peek_head (&self->undo);
  return step != NULL ? step->summary : NULL;
}

const char *
stead_workspace_get_redo_label (SteadWorkspace *self)
{
  UndoStep *step;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), NULL);

  step = g_queue_peek_head (&self->redo);
  return step != NULL ? step->summary : NULL;
}

/**
 * stead_workspace_undo:
 * @self: a #SteadWorkspace
 * @error: a #GError
 *
 * Reverts the last committed change, as a transaction of its own (audited).
 * Fails without changing anything if the rows it touched have changed
 * since.
 *
 * Returns: %TRUE if the change was undone
 */
gboolean
stead_workspace_undo (SteadWorkspace  *self,
                      GError         **error)
{
  UndoStep *step;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), FALSE);

  if (!(step = g_queue_peek_head (&self->undo)))
    {
      g_set_error_literal (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_CONFLICT,
                           _("There is nothing to undo"));
      return FALSE;
    }

  return apply_step (self, step, TXN_UNDO, error);
}

gboolean
stead_workspace_redo (SteadWorkspace  *self,
                      GError         **error)
{
  UndoStep *step;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), FALSE);

  if (!(step = g_queue_peek_head (&self->redo)))
    {
      g_set_error_literal (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_CONFLICT,
                           _("There is nothing to redo"));
      return FALSE;
    }

  return apply_step (self, step, TXN_REDO, error);
}

/* ------------------------------------------------------------------------ */
/* Core tables                                                               */

static gboolean
bind_geometry (sqlite3_stmt   *stmt,
               int             index,
               SteadGeometry  *geometry)
{
  g_autoptr(GBytes) blob = NULL;

  if (geometry == NULL)
    return sqlite3_bind_null (stmt, index) == SQLITE_OK;

  blob = stead_geometry_to_gpkg (geometry, STEAD_SRS_WGS84);
  return sqlite3_bind_blob (stmt, index, g_bytes_get_data (blob, NULL),
                            (int) g_bytes_get_size (blob), SQLITE_TRANSIENT) == SQLITE_OK;
}

static gint64
step_insert (SteadTransaction  *txn,
             sqlite3_stmt      *stmt,
             GError           **error)
{
  if (!stead_transaction_step (txn, stmt, error))
    return -1;
  return sqlite3_last_insert_rowid (txn->workspace->db);
}

gint64
stead_transaction_insert_area (SteadTransaction  *txn,
                               const char        *kind,
                               const char        *code,
                               const char        *name,
                               SteadGeometry     *geometry,
                               GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(SteadGeometry) multi = NULL;

  g_return_val_if_fail (txn != NULL, -1);
  g_return_val_if_fail (kind != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  /* The column is MULTIPOLYGON: a single polygon is wrapped. */
  if (geometry != NULL && stead_geometry_get_geometry_type (geometry) == STEAD_GEOMETRY_POLYGON)
    {
      multi = stead_geometry_new_multipolygon ();
      if (!stead_geometry_is_empty (geometry))
        stead_geometry_add_polygon (multi, geometry);
      geometry = multi;
    }

  if (!(stmt = stead_transaction_prepare (txn,
                                          "INSERT INTO area (geom, kind, code, name) VALUES (?, ?, ?, ?)",
                                          error)))
    return -1;
  bind_geometry (stmt, 1, geometry);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, name, -1, SQLITE_STATIC);
  return step_insert (txn, stmt, error);
}

gint64
stead_transaction_insert_need (SteadTransaction  *txn,
                               const char        *kind,
                               const char        *title,
                               double             lon,
                               double             lat,
                               int                people,
                               int                urgency,
                               const char        *status,
                               gint64             opened_unix,
                               const char        *owner,
                               gint64             owner_ref,
                               GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(SteadGeometry) point = stead_geometry_new_point (lon, lat);
  g_autofree char *opened = unix_to_iso8601 (opened_unix);

  g_return_val_if_fail (txn != NULL, -1);
  g_return_val_if_fail (kind != NULL, -1);

  if (!(stmt = stead_transaction_prepare (txn,
                                          "INSERT INTO need (geom, kind, title, people, urgency, status, opened, owner, owner_ref) "
                                          "VALUES (?, ?, ?, ?, ?, coalesce (?, 'open'), ?, ?, ?)",
                                          error)))
    return -1;
  bind_geometry (stmt, 1, point);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, title, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, people);
  sqlite3_bind_int (stmt, 5, urgency);
  sqlite3_bind_text (stmt, 6, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, opened, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, owner, -1, SQLITE_STATIC);
  if (owner_ref > 0)
    sqlite3_bind_int64 (stmt, 9, owner_ref);
  return step_insert (txn, stmt, error);
}

gint64
stead_transaction_insert_resource (SteadTransaction  *txn,
                                   const char        *kind,
                                   const char        *title,
                                   double             lon,
                                   double             lat,
                                   int                capacity,
                                   const char        *availability,
                                   const char        *owner,
                                   gint64             owner_ref,
                                   GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(SteadGeometry) point = stead_geometry_new_point (lon, lat);

  g_return_val_if_fail (txn != NULL, -1);
  g_return_val_if_fail (kind != NULL, -1);

  if (!(stmt = stead_transaction_prepare (txn,
                                          "INSERT INTO resource (geom, kind, title, capacity, availability, owner, owner_ref) "
                                          "VALUES (?, ?, ?, ?, coalesce (?, 'available'), ?, ?)",
                                          error)))
    return -1;
  bind_geometry (stmt, 1, point);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, title, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, capacity);
  sqlite3_bind_text (stmt, 5, availability, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, owner, -1, SQLITE_STATIC);
  if (owner_ref > 0)
    sqlite3_bind_int64 (stmt, 7, owner_ref);
  return step_insert (txn, stmt, error);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */

static void
stead_workspace_dispose (GObject *object)
{
  SteadWorkspace *self = STEAD_WORKSPACE (object);

  stead_workspace_close (self);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (stead_workspace_parent_class)->dispose (object);
}

static void
stead_workspace_finalize (GObject *object)
{
  SteadWorkspace *self = STEAD_WORKSPACE (object);

  g_clear_pointer (&self->addins_by_module, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->area_name, g_free);
  g_clear_pointer (&self->last_backup, g_free);
  g_clear_pointer (&self->failed_owner, g_free);

  G_OBJECT_CLASS (stead_workspace_parent_class)->finalize (object);
}

static void
stead_workspace_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SteadWorkspace *self = STEAD_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_AREA_NAME:
      g_value_set_string (value, self->area_name);
      break;

    case PROP_CAN_UNDO:
      g_value_set_boolean (value, stead_workspace_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, stead_workspace_can_redo (self));
      break;

    case PROP_UNDO_LABEL:
      g_value_set_string (value, stead_workspace_get_undo_label (self));
      break;

    case PROP_REDO_LABEL:
      g_value_set_string (value, stead_workspace_get_redo_label (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_workspace_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SteadWorkspace *self = STEAD_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_workspace_class_init (SteadWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = stead_workspace_dispose;
  object_class->finalize = stead_workspace_finalize;
  object_class->get_property = stead_workspace_get_property;
  object_class->set_property = stead_workspace_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AREA_NAME] =
    g_param_spec_string ("area-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SteadWorkspace::changed:
   * @self: the workspace
   * @tables: the tables the committed transaction touched
   *
   * Emitted after every committed change, undo and redo.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRV | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
stead_workspace_init (SteadWorkspace *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
  self->addins_by_module = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
