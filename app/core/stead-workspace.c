/* stead-workspace.c: one partnership area, one GeoPackage file
 *
 * Opening, creating and closing the file, its connection and the plugins'
 * addins; the schema is applied by stead-workspace-schema.c and changes
 * go through stead-workspace-transaction.c.
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
#include "stead-feature-table-private.h"
#include "stead-plugin-engine-private.h"
#include "stead-sql-functions-private.h"
#include "stead-workspace-addin.h"
#include "stead-workspace-private.h"


/* 'GPKG' and GeoPackage 1.3, as the GeoPackage spec requires. */
#define GPKG_APPLICATION_ID 0x47504B47
#define GPKG_USER_VERSION   10300

enum {
  PROP_0,
  PROP_PATH,
  PROP_AREA_NAME,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_READ_ONLY,
  PROP_READ_ONLY_REASON,
  PROP_CHECKING,
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
  else if (primary == SQLITE_READONLY)
    code = STEAD_WORKSPACE_ERROR_READ_ONLY;
  else if (primary == SQLITE_FULL)
    {
      /* SQLite's "database or disk is full" does not say what to do. */
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_FULL,
                   _("%s: the disk is full; free some space and try again"), what);
      return FALSE;
    }

  g_set_error (error, STEAD_WORKSPACE_ERROR, code, "%s: %s", what,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

gboolean
stead_sql_exec (sqlite3     *db,
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

/* GeoPackage 1.3 DATETIME: YYYY-MM-DDTHH:MM:SS.SSSZ in UTC, milliseconds
 * always (GLib's %f would give microseconds). */
char *
stead_datetime_format (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *seconds = NULL;

  if (dt == NULL)
    return NULL;
  utc = g_date_time_to_utc (dt);
  seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (utc) / 1000);
}

char *
stead_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return stead_datetime_format (now);
}

gboolean
stead_sql_table_exists (sqlite3    *db,
                        const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (
        db, "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", -1, &stmt,
        NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static int
stead_workspace_pragma_int (sqlite3    *db,
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
/* Checking a file before and after SQLite opens it                          */

void
stead_file_access_clear (SteadFileAccess *access)
{
  g_clear_pointer (&access->uri, g_free);
  g_clear_pointer (&access->reader_uri, g_free);
  g_clear_pointer (&access->why_not, g_free);
}

/**
 * stead_workspace_find_backup:
 * @path: a workspace file
 *
 * Returns: (transfer full) (nullable): the newest backup copy made
 *   beside @path before a schema update, or %NULL
 */
char *
stead_workspace_find_backup (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".backup-", NULL);
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  g_autofree char *newest = NULL;
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    /* The names end in a timestamp that sorts as text; not its -wal or -shm. */
    if (g_str_has_prefix (name, prefix) && !g_str_has_suffix (name, "-wal") &&
        !g_str_has_suffix (name, "-shm") && g_strcmp0 (name, newest) > 0)
      {
        g_free (newest);
        newest = g_strdup (name);
      }
  return newest != NULL ? g_build_filename (dir, newest, NULL) : NULL;
}

/**
 * stead_workspace_damage_advice:
 * @path: a damaged workspace file
 *
 * Returns: (transfer full): what to do about it, naming the backup to restore
 */
char *
stead_workspace_damage_advice (const char *path)
{
  g_autofree char *backup = stead_workspace_find_backup (path);

  if (backup != NULL)
    return g_strdup_printf (_("restore the backup “%s”, or an earlier copy of the workspace"),
                            backup);
  return g_strdup (_("restore an earlier copy of the workspace"));
}

/* A file type that must never be opened: reading a FIFO waits for a
 * writer forever, a device may be anything. */
static const char *
stead_workspace_describe_not_a_file (mode_t mode)
{
  if (S_ISDIR (mode))
    return _("“%s” is a folder, not a workspace file");
  if (S_ISFIFO (mode))
    return _("“%s” is a named pipe (FIFO), not a workspace file");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _("“%s” is a device, not a workspace file");
  if (S_ISSOCK (mode))
    return _("“%s” is a socket, not a workspace file");
  if (!S_ISREG (mode))
    return _("“%s” is not a regular file");
  return NULL;
}

static gboolean
stead_workspace_read_header (const char  *path,
                             const char  *basename,
                             GError     **error)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find (NULL);
  g_autofree sqlite3_file *file = g_malloc0 (vfs->szOsFile);
  guint8 header[100] = { 0 };
  sqlite3_int64 size = 0;
  guint32 page_size;
  ssize_t n;
  int flags = 0;
  int rc;

  /* Through SQLite's own file layer: should this process have the file
   * open already (the window opening it again), closing a descriptor of
   * our own would drop SQLite's POSIX locks on it, and another process
   * could then checkpoint it and delete its WAL while it is in use.
   * SQLite keeps such a descriptor open until its locks are released. */
  rc = vfs->xOpen (vfs, path, file, SQLITE_OPEN_READONLY | SQLITE_OPEN_MAIN_DB, &flags);
  if (rc != SQLITE_OK)
    {
      int saved = errno;
      g_set_error (error, STEAD_WORKSPACE_ERROR,
                   saved == ENOENT ? STEAD_WORKSPACE_ERROR_NOT_FOUND : STEAD_WORKSPACE_ERROR_SQL,
                   _("Could not open “%s”: %s"), path, g_strerror (saved));
      if (file->pMethods != NULL)
        file->pMethods->xClose (file);
      return FALSE;
    }
  if (file->pMethods->xFileSize (file, &size) != SQLITE_OK)
    size = 0;
  n = (ssize_t) MIN (size, (sqlite3_int64) sizeof header);
  if (n > 0 && file->pMethods->xRead (file, header, (int) n, 0) != SQLITE_OK)
    n = 0;
  file->pMethods->xClose (file);

  if (n < 16 || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_SQLITE,
                   _("“%s” is not a Stead workspace: it is not a GeoPackage or SQLite file"),
                   basename);
      return FALSE;
    }

  if (n < (ssize_t) sizeof header)
    {
      g_autofree char *advice = stead_workspace_damage_advice (path);

      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_SQLITE,
                   _("“%s” is truncated: it ends inside the SQLite header (%zd bytes); %s"),
                   basename, n, advice);
      return FALSE;
    }

  /* Offsets from "Database File Format", section 1.3 of the SQLite docs.
   * SQLite reads the page size from the file itself, before its WAL. */
  page_size = ((guint32) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || (page_size & (page_size - 1)) != 0)
    {
      g_autofree char *advice = stead_workspace_damage_advice (path);

      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_CORRUPT,
                   _("“%s” is damaged: its header gives an impossible page size; %s"), basename,
                   advice);
      return FALSE;
    }

  return TRUE;
}

static gint64
stead_workspace_file_size (const char *path,
                           const char *suffix)
{
  g_autofree char *name = g_strconcat (path, suffix, NULL);
  GStatBuf st;

  return g_stat (name, &st) == 0 ? (gint64) st.st_size : -1;
}

/* A WAL is 32 bytes of header, then frames: more than that holds changes. */
#define WAL_HEADER_SIZE 32

/**
 * stead_workspace_probe_file:
 * @path: a workspace file
 * @for_writing: whether it is to be opened for editing
 * @access: (out caller-allocates): how to open it
 * @error: a #GError
 *
 * Refuses what is not a file (a folder, a FIFO, a device) without opening
 * it, and what is not an SQLite file at all; everything else is left to
 * SQLite, which reads the file together with its write-ahead log. A file
 * that cannot be written, or lies in a folder that cannot be written, is
 * to be opened read-only, and @access says why.
 *
 * Returns: %FALSE if @path cannot be a workspace
 */
gboolean
stead_workspace_probe_file (const char       *path,
                            gboolean          for_writing,
                            SteadFileAccess  *access,
                            GError          **error)
{
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = g_path_get_dirname (absolute);
  g_autofree char *escaped = NULL;
  const char *not_a_file;
  GStatBuf st;
  gint64 wal_size;
  gboolean has_shm;
  gboolean file_ok, dir_ok;
  int file_errno = 0, dir_errno = 0;

  memset (access, 0, sizeof *access);

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, STEAD_WORKSPACE_ERROR,
                   saved == ENOENT ? STEAD_WORKSPACE_ERROR_NOT_FOUND : STEAD_WORKSPACE_ERROR_SQL,
                   _("Could not open “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if ((not_a_file = stead_workspace_describe_not_a_file (st.st_mode)) != NULL)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_A_FILE, not_a_file,
                   basename);
      return FALSE;
    }
  if (!stead_workspace_read_header (path, basename, error))
    return FALSE;

  file_ok = g_access (path, W_OK) == 0;
  if (!file_ok)
    file_errno = errno;
  /* SQLite keeps its -wal and -shm files beside the workspace. */
  dir_ok = g_access (dir, W_OK) == 0;
  if (!dir_ok)
    dir_errno = errno;
  access->writable = file_ok && dir_ok;
  if (!file_ok)
    access->why_not = g_strdup_printf (_("the file cannot be written (%s)"),
                                       g_strerror (file_errno));
  else if (!dir_ok)
    access->why_not = g_strdup_printf (_("its folder cannot be written (%s)"),
                                       g_strerror (dir_errno));

  wal_size = stead_workspace_file_size (path, "-wal");
  has_shm = stead_workspace_file_size (path, "-shm") >= 0;
  escaped = g_uri_escape_string (absolute, "/", FALSE);

  if (wal_size > WAL_HEADER_SIZE && !has_shm && !dir_ok)
    {
      /* SQLite reads a WAL only through its -shm index, and cannot make
       * one here; without the WAL it would show old data. */
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_READ_ONLY,
                   _("“%s” has changes in “%s-wal” that can only be read where its folder can be "
                     "written: copy both files together into a folder you can write to, and open "
                     "the copy"),
                   basename, basename);
      stead_file_access_clear (access);
      return FALSE;
    }

  if (for_writing && access->writable)
    access->uri = g_strconcat ("file:", escaped, NULL);
  else if (access->writable && wal_size <= WAL_HEADER_SIZE)
    {
      /* Only to read, where SQLite may make its -wal and -shm: a
       * read-only connection would leave them behind, one that may write
       * (and never does) removes them when it closes. */
      access->uri = g_strconcat ("file:", escaped, NULL);
      access->query_only = TRUE;
    }
  else if (wal_size > WAL_HEADER_SIZE || access->writable)
    access->uri = g_strconcat ("file:", escaped, "?mode=ro", NULL);
  else
    /* Nothing in a WAL, and no -wal or -shm could be made (or would be
     * made as another user, which would lock the owner out): the file
     * alone, without locks. */
    access->uri = g_strconcat ("file:", escaped, "?mode=ro&immutable=1", NULL);

  if (g_str_has_suffix (access->uri, escaped))
    access->reader_uri = g_strconcat (access->uri, "?mode=ro", NULL);
  else
    access->reader_uri = g_strdup (access->uri);
  return TRUE;
}

/* A file shorter than its header says, with no WAL that could hold the
 * rest (the WAL is read as SQLite reads it: after the file is opened).
 *
 * The header is read through SQLite's own handle on the file: closing a
 * descriptor of our own would drop every POSIX lock this process holds
 * on it, SQLite's included, and another process could then take the
 * file as unused, checkpoint it and delete the WAL under our feet. */
static gboolean
stead_workspace_check_not_truncated (sqlite3     *db,
                                     const char  *path,
                                     GError     **error)
{
  g_autofree char *basename = g_path_get_basename (path);
  sqlite3_file *file = NULL;
  guint8 header[100];
  guint32 page_size, n_pages;
  sqlite3_int64 size = -1;

  if (stead_workspace_file_size (path, "-wal") > WAL_HEADER_SIZE)
    return TRUE;
  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
      file == NULL || file->pMethods == NULL ||
      file->pMethods->xRead (file, header, sizeof header, 0) != SQLITE_OK ||
      file->pMethods->xFileSize (file, &size) != SQLITE_OK)
    return TRUE;

  page_size = ((guint32) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  n_pages = ((guint32) header[28] << 24) | ((guint32) header[29] << 16) |
            ((guint32) header[30] << 8) | header[31];
  /* The in-header size counts only when the change counter matches
   * "version-valid-for" (section 1.3.7 of the file format). */
  if (memcmp (header + 24, header + 92, 4) == 0 && n_pages > 0 && size >= 0 &&
      (guint64) size < (guint64) n_pages * page_size)
    {
      g_autofree char *advice = stead_workspace_damage_advice (path);

      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_SQLITE,
                   _("“%s” is truncated: it has %llu of %llu bytes; %s"), basename,
                   (unsigned long long) size, (unsigned long long) n_pages * page_size, advice);
      return FALSE;
    }
  return TRUE;
}

/**
 * stead_workspace_check_opened:
 * @db: a connection SQLite has just opened
 * @path: its file
 * @error: a #GError
 *
 * The first read, through the write-ahead log: a damaged or foreign file
 * fails here, as does one whose pages are missing from both the file
 * and its log, with what to do about it.
 *
 * Returns: %TRUE if SQLite can read it
 */
gboolean
stead_workspace_check_opened (sqlite3     *db,
                              const char  *path,
                              GError     **error)
{
  g_autofree char *basename = g_path_get_basename (path);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_master", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      g_autofree char *what = g_strdup_printf (_("“%s” cannot be read"), basename);
      g_autoptr(GError) local = NULL;
      int primary = rc & 0xff;

      /* Pages missing from the file and its WAL say more than "malformed". */
      if (!stead_workspace_check_not_truncated (db, path, error))
        return FALSE;
      stead_sqlite_set_error (&local, db, rc, what);
      if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
        {
          g_autofree char *advice = stead_workspace_damage_advice (path);

          g_set_error (error, local->domain, local->code, "%s; %s", local->message, advice);
        }
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  return stead_workspace_check_not_truncated (db, path, error);
}

/* ------------------------------------------------------------------------ */
/* Connection                                                                */

static gboolean
stead_workspace_configure_connection (SteadWorkspace  *self,
                                      GError         **error)
{
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);

  if (!stead_sql_register_functions (self->db, error) ||
      !stead_feature_table_register (self->db, &self->applying_schema, error))
    return FALSE;

  /* WAL keeps readers and the writer apart and survives a kill at any
   * point; secure_delete overwrites deleted personal data. A 64 MB page
   * cache holds a large import's transaction in memory instead of
   * spilling it to the WAL page by page. */
  if (!stead_sql_exec (self->db,
                 "PRAGMA foreign_keys = ON;"
                 "PRAGMA secure_delete = ON;"
                 "PRAGMA synchronous = FULL;"
                 "PRAGMA cache_size = -65536;"
                 "PRAGMA temp_store = MEMORY;",
                 error))
    return FALSE;

  return TRUE;
}

/**
 * stead_file_access_open:
 * @access: how stead_workspace_probe_file() says to open the file
 * @path: the file
 * @for_writing: whether changes are to be written
 * @flags: more SQLITE_OPEN_* flags (the mutex mode)
 * @busy_timeout_ms: how long the first read may wait for another
 *   connection building the WAL's index; 0 for not at all
 * @error: a #GError
 *
 * Opens the connection the probe chose: read-write only for changes, or
 * where SQLite may make a -wal and -shm (so that it removes them again),
 * then with PRAGMA query_only; and reads it once, so that a damaged or
 * foreign file fails here (stead_workspace_check_opened()).
 *
 * Returns: (transfer full) (nullable): the connection
 */
sqlite3 *
stead_file_access_open (const SteadFileAccess  *access,
                        const char             *path,
                        gboolean                for_writing,
                        int                     flags,
                        int                     busy_timeout_ms,
                        GError                **error)
{
  gboolean write = (for_writing && access->writable) || access->query_only;
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (access->uri, &db,
                        (write ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) | flags |
                          SQLITE_OPEN_URI,
                        NULL);
  if (rc == SQLITE_OK && access->query_only)
    rc = sqlite3_exec (db, "PRAGMA query_only = ON", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      stead_sqlite_set_error (error, db, rc, _("Could not open the workspace"));
      sqlite3_close (db);
      return NULL;
    }
  if (busy_timeout_ms > 0)
    sqlite3_busy_timeout (db, busy_timeout_ms);
  if (!stead_workspace_check_opened (db, path, error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/* A connection to a file just created. */
static gboolean
stead_workspace_open_connection (SteadWorkspace  *self,
                                 GError         **error)
{
  int rc;

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      stead_sqlite_set_error (error, self->db, rc, _("Could not open the workspace"));
      sqlite3_close (self->db);
      self->db = NULL;
      return FALSE;
    }

  return stead_workspace_configure_connection (self, error);
}

/* A copy of a file in WAL mode says so in its header (bytes 18 and 19
 * are 2), and memdb cannot open a WAL: the copy is set to rollback mode
 * (1) by writing its header directly, before anything reads it, and its
 * change counter (bytes 24 to 27) is moved on so that no connection keeps
 * the page as the backup left it. */
static int
stead_workspace_copy_rollback_mode (sqlite3 *db)
{
  sqlite3_file *file = NULL;
  unsigned char header[28];
  guint32 counter;
  int rc;

  rc = sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file);
  if (rc != SQLITE_OK || file == NULL || file->pMethods == NULL)
    return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
  if ((rc = file->pMethods->xRead (file, header, sizeof header, 0)) != SQLITE_OK)
    return rc;
  if (header[18] != 2 && header[19] != 2)
    return SQLITE_OK;
  header[18] = header[19] = 1;
  memcpy (&counter, header + 24, sizeof counter);
  counter = GUINT32_TO_BE (GUINT32_FROM_BE (counter) + 1);
  memcpy (header + 24, &counter, sizeof counter);
  return file->pMethods->xWrite (file, header, sizeof header, 0);
}

/* Replaces the connection to the file with a private copy of it in
 * memory: what is written from now on stays there. */
static gboolean
stead_workspace_copy_to_memory (SteadWorkspace  *self,
                                GError         **error)
{
  static gint copies;
  sqlite3 *file_db = self->db;
  sqlite3_backup *backup;
  g_autofree char *page_size = NULL;
  g_autofree char *uri = NULL;
  sqlite3_int64 limit = G_GINT64_CONSTANT (1) << 40;
  int rc;

  /* A named database of SQLite's memdb, which the readers of other
   * threads (stead_workspace_open_reader()) open too: they read the copy
   * as this build's schema, not the file. It lasts while this
   * connection is open. */
  uri = g_strdup_printf ("file:/stead-copy-%d-%d?vfs=memdb", (int) getpid (),
                         g_atomic_int_add (&copies, 1));
  self->db = NULL;
  rc = sqlite3_open_v2 (uri, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX |
                          SQLITE_OPEN_URI, NULL);
  /* memdb's default limit is 1 GiB; a workspace may be larger. */
  if (rc == SQLITE_OK)
    rc = sqlite3_file_control (self->db, "main", SQLITE_FCNTL_SIZE_LIMIT, &limit);
  /* An in-memory copy must have the file's page size. */
  page_size = g_strdup_printf ("PRAGMA page_size = %d",
                               stead_workspace_pragma_int (file_db, "PRAGMA page_size"));
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, page_size, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (self->db, "main", file_db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (self->db);
      else
        {
          sqlite3_backup_step (backup, -1);
          rc = sqlite3_backup_finish (backup);
        }
    }
  if (rc == SQLITE_OK)
    rc = stead_workspace_copy_rollback_mode (self->db);
  if (rc != SQLITE_OK)
    {
      stead_sqlite_set_error (error, self->db, rc, _("Could not read the workspace into memory"));
      sqlite3_close (self->db);
      self->db = file_db;
      return FALSE;
    }
  sqlite3_close (file_db);
  g_free (self->reader_uri);
  self->reader_uri = g_steal_pointer (&uri);
  return stead_workspace_configure_connection (self, error);
}

/* ------------------------------------------------------------------------ */
/* Addins                                                                    */

static const char *
stead_workspace_addin_schema_path (GObject *addin)
{
  return stead_workspace_addin_get_schema_path (STEAD_WORKSPACE_ADDIN (addin));
}

static void
stead_workspace_collect_addin_schema (PeasExtensionSet *set,
                                      PeasPluginInfo   *info,
                                      GObject          *exten,
                                      gpointer          user_data)
{
  GPtrArray *sources = user_data;
  const char *path = stead_workspace_addin_schema_path (exten);

  if (path != NULL)
    g_ptr_array_add (sources,
                     stead_schema_source_new (peas_plugin_info_get_module_name (info), path));
}

static void
stead_workspace_load_addin (SteadWorkspace *self,
                            PeasPluginInfo *info,
                            GObject        *exten)
{
  const char *module = peas_plugin_info_get_module_name (info);

  g_hash_table_insert (self->addins_by_module, g_strdup (module), exten);
  g_clear_pointer (&self->addin_order, g_ptr_array_unref);
  stead_workspace_addin_load (STEAD_WORKSPACE_ADDIN (exten), self);
}

static void
stead_workspace_on_extension_added (PeasExtensionSet *set,
                                    PeasPluginInfo   *info,
                                    GObject          *exten,
                                    gpointer          user_data)
{
  SteadWorkspace *self = user_data;
  g_autoptr(GError) error = NULL;
  const char *module = peas_plugin_info_get_module_name (info);
  const char *path = stead_workspace_addin_schema_path (exten);

  /* A plugin enabled while the workspace is open: its schema first. */
  if (path != NULL && !stead_workspace_apply_schema (self, module, path, &error))
    {
      g_warning ("Plugin “%s” not loaded for %s: %s", module, self->path, error->message);
      if (self->engine != NULL)
        stead_plugin_engine_report_error (self->engine, module, error->message);
      return;
    }

  stead_workspace_load_addin (self, info, exten);
  /* Its areas, needs and resources are back on the map. */
  stead_workspace_emit_changed (self, STEAD_STRV ("area", "need", "resource"));
}

static void
stead_workspace_on_extension_removed (PeasExtensionSet *set,
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
  g_clear_pointer (&self->addin_order, g_ptr_array_unref);
  /* Its areas, needs and resources leave the map with it. */
  stead_workspace_emit_changed (self, STEAD_STRV ("area", "need", "resource"));
}

/**
 * stead_workspace_list_absent_owners:
 * @self: a #SteadWorkspace
 *
 * The plugins whose tables the workspace holds but which are not loaded
 * (switched off, or not installed): what they published stays in the
 * file but leaves the map with them.
 *
 * Returns: (transfer full): their module names, in order
 */
GStrv
stead_workspace_list_absent_owners (SteadWorkspace *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), NULL);

  if (self->db != NULL)
    stmt = stead_workspace_prepare (self, "SELECT DISTINCT owner FROM stead_schema "
                                          "WHERE owner != 'core' ORDER BY owner", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *owner = (const char *) sqlite3_column_text (stmt, 0);

      if (owner != NULL && !g_hash_table_contains (self->addins_by_module, owner))
        g_strv_builder_add (builder, owner);
    }
  return g_strv_builder_end (builder);
}

/**
 * stead_workspace_list_absent_areas:
 * @self: a #SteadWorkspace
 *
 * The areas that belong to a plugin which is not loaded: those a column
 * of one of its tables refers to with a foreign key to `area` (the risks'
 * hazard areas, say). The map leaves them out while it is switched off.
 *
 * Returns: (transfer full) (element-type gint64 gint64): a set of area fids
 */
GHashTable *
stead_workspace_list_absent_areas (SteadWorkspace *self)
{
  GHashTable *areas = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_auto(GStrv) owners = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), areas);

  owners = stead_workspace_list_absent_owners (self);
  for (guint i = 0; owners != NULL && owners[i] != NULL; i++)
    {
      g_autoptr(sqlite3_stmt) links = stead_workspace_prepare (
        self,
        "SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list (m.name) f "
        "WHERE m.type = 'table' AND f.\"table\" = 'area' "
        "AND substr (m.name, 1, length (?1) + 1) = ?1 || '_'", NULL);

      if (links == NULL)
        continue;
      sqlite3_bind_text (links, 1, owners[i], -1, SQLITE_TRANSIENT);
      while (sqlite3_step (links) == SQLITE_ROW)
        {
          /* Names from the schema itself, quoted as identifiers (%w):
           * no value from the data is ever part of the statement. */
          char *sql = sqlite3_mprintf ("SELECT \"%w\" FROM \"%w\" WHERE \"%w\" IS NOT NULL",
                                       (const char *) sqlite3_column_text (links, 1),
                                       (const char *) sqlite3_column_text (links, 0),
                                       (const char *) sqlite3_column_text (links, 1));
          sqlite3_stmt *stmt = NULL;

          if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK)
            while (sqlite3_step (stmt) == SQLITE_ROW)
              {
                gint64 *fid = g_new (gint64, 1);

                *fid = sqlite3_column_int64 (stmt, 0);
                g_hash_table_add (areas, fid);
              }
          sqlite3_finalize (stmt);
          sqlite3_free (sql);
        }
    }
  return areas;
}

static void
stead_workspace_load_existing_addin (PeasExtensionSet *set,
                                     PeasPluginInfo   *info,
                                     GObject          *exten,
                                     gpointer          user_data)
{
  SteadWorkspace *self = user_data;
  const char *module = peas_plugin_info_get_module_name (info);

  /* Read-only, a plugin whose tables were never made has nothing here. */
  if (self->read_only && self->unapplied != NULL &&
      stead_workspace_addin_schema_path (exten) != NULL &&
      g_ptr_array_find_with_equal_func (self->unapplied, module, g_str_equal, NULL))
    {
      g_debug ("%s: plugin “%s” not loaded: read-only, without its tables", self->path, module);
      return;
    }
  stead_workspace_load_addin (self, info, exten);
}

static void
stead_workspace_unload_addin (gpointer key,
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

/* Module names, each after the plugins it depends on, else by name. */
static GPtrArray *
stead_workspace_addin_order (SteadWorkspace *self)
{
  g_autoptr(GList) keys = NULL;
  GPtrArray *order = g_ptr_array_new_with_free_func (g_free);
  PeasEngine *peas = self->engine != NULL ? stead_plugin_engine_get_peas (self->engine) : NULL;
  gboolean progress = TRUE;

  keys = g_list_sort (g_hash_table_get_keys (self->addins_by_module), (GCompareFunc) g_strcmp0);
  while (progress)
    {
      progress = FALSE;
      for (GList *l = keys; l != NULL;)
        {
          GList *next = l->next;
          PeasPluginInfo *info = peas != NULL ? peas_engine_get_plugin_info (peas, l->data) : NULL;
          const char * const *deps =
            info != NULL ? (const char * const *) peas_plugin_info_get_dependencies (info) : NULL;
          /* X-Stead-After: plugins to come after when they are loaded,
           * without depending on them (the groups' demo names the risks'). */
          const char *after =
            info != NULL ? peas_plugin_info_get_external_data (info, "Stead-After") : NULL;
          g_auto(GStrv) afters = after != NULL ? g_strsplit (after, ";", -1) : NULL;
          gboolean ready = TRUE;

          for (guint d = 0; deps != NULL && deps[d] != NULL && ready; d++)
            if (g_hash_table_contains (self->addins_by_module, deps[d]) &&
                !g_ptr_array_find_with_equal_func (order, deps[d], g_str_equal, NULL))
              ready = FALSE;
          for (guint d = 0; afters != NULL && afters[d] != NULL && ready; d++)
            if (g_hash_table_contains (self->addins_by_module, g_strstrip (afters[d])) &&
                !g_ptr_array_find_with_equal_func (order, afters[d], g_str_equal, NULL))
              ready = FALSE;
          if (ready)
            {
              g_ptr_array_add (order, g_strdup (l->data));
              keys = g_list_delete_link (keys, l);
              progress = TRUE;
              break;
            }
          l = next;
        }
    }
  /* A cycle (libpeas refuses those) would leave some: by name. */
  for (GList *l = keys; l != NULL; l = l->next)
    g_ptr_array_add (order, g_strdup (l->data));
  return order;
}

/**
 * stead_workspace_foreach_addin:
 * @self: a #SteadWorkspace
 * @func: called for each loaded addin
 * @user_data: for @func
 *
 * Calls @func for the addins of the enabled plugins, each after those of
 * the plugins it depends on, otherwise in module-name order (so output
 * such as `stead-cli info` is stable).
 */
void
stead_workspace_foreach_addin (SteadWorkspace *self,
                               void          (*func) (SteadWorkspace *workspace,
                                                      const char     *module_name,
                                                      GObject        *addin,
                                                      gpointer        user_data),
                               gpointer        user_data)
{
  g_autoptr(GPtrArray) order = NULL;

  g_return_if_fail (STEAD_IS_WORKSPACE (self));
  g_return_if_fail (func != NULL);

  if (self->addin_order == NULL)
    self->addin_order = stead_workspace_addin_order (self);
  order = g_ptr_array_ref (self->addin_order);
  for (guint i = 0; i < order->len; i++)
    {
      GObject *addin = g_hash_table_lookup (self->addins_by_module, g_ptr_array_index (order, i));

      if (addin != NULL)
        func (self, g_ptr_array_index (order, i), addin, user_data);
    }
}

/* ------------------------------------------------------------------------ */
/* Open, create, close                                                       */

static gboolean
stead_workspace_read_marker (SteadWorkspace  *self,
                             GError         **error)
{
  g_autofree char *basename = g_path_get_basename (self->path);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int application_id;
  int rc;

  application_id = stead_workspace_pragma_int (self->db, "PRAGMA application_id");

  if (!stead_sql_table_exists (self->db, "stead_workspace"))
    {
      if ((guint32) application_id == GPKG_APPLICATION_ID ||
          stead_sql_table_exists (self->db, "gpkg_contents"))
        g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_STEAD,
                     _("“%s” is a GeoPackage, but not a Stead workspace. Import its layers into a "
                        "workspace instead."),
                     basename);
      else
        g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_STEAD,
                     _("“%s” is an SQLite database, but not a Stead workspace"), basename);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT format_version, area_name FROM stead_workspace WHERE id = 1", -1,
                           &stmt, NULL);
  if (rc != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_STEAD,
                   _("“%s” is not a Stead workspace: its stead_workspace marker is empty"),
                   basename);
      return FALSE;
    }

  if (sqlite3_column_int (stmt, 0) > STEAD_WORKSPACE_FORMAT_VERSION)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Stead (format %d; this version reads "
                      "up to %d)"),
                   basename, sqlite3_column_int (stmt, 0), STEAD_WORKSPACE_FORMAT_VERSION);
      return FALSE;
    }

  g_free (self->area_name);
  self->area_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  return TRUE;
}

/* PRAGMA quick_check on @db: %NULL if it passes (or was cancelled), else
 * its first problems. */
static char *
stead_workspace_quick_check (sqlite3      *db,
                             GCancellable *cancellable)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check (3)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *row = (const char *) sqlite3_column_text (stmt, 0);

        if (g_strcmp0 (row, "ok") == 0)
          continue;
        if (problems->len > 0)
          g_string_append (problems, "; ");
        g_string_append (problems, row);
      }
  if ((rc & 0xff) == SQLITE_INTERRUPT && cancellable != NULL &&
      g_cancellable_is_cancelled (cancellable))
    return NULL;
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      if (problems->len > 0)
        g_string_append (problems, "; ");
      g_string_append (problems, sqlite3_errmsg (db));
    }
  if (problems->len == 0)
    return NULL;
  g_strdelimit (problems->str, "\n", ' ');
  return g_string_free (g_steal_pointer (&problems), FALSE);
}

static char *
stead_workspace_damaged_reason (SteadWorkspace *self,
                                const char     *problems)
{
  g_autofree char *advice = stead_workspace_damage_advice (self->path);

  /* What SQLite found is for "stead-cli check" and the log; the user is
   * told what it means and what to do. */
  g_debug ("%s: quick check: %s", self->path, problems);
  /* TRANSLATORS: %s is what to do, e.g. "restore the backup “…”" */
  return g_strdup_printf (_("it is damaged (“stead-cli check” lists where); %s"), advice);
}

static void
stead_workspace_set_damaged (SteadWorkspace *self,
                             const char     *problems)
{
  g_autofree char *reason = stead_workspace_damaged_reason (self, problems);

  g_mutex_lock (&self->check_lock);
  if (self->damage == NULL)
    self->damage = g_steal_pointer (&reason);
  g_mutex_unlock (&self->check_lock);
}

static int
stead_workspace_check_progress (void *data)
{
  return g_cancellable_is_cancelled (data);
}

static void
stead_workspace_check_thread (GTask        *task,
                              gpointer      source_object,
                              gpointer      task_data,
                              GCancellable *cancellable)
{
  SteadWorkspace *self = source_object;
  g_autoptr(GError) error = NULL;
  g_autofree char *problems = NULL;
  sqlite3 *db = stead_workspace_open_reader (self, &error);

  if (db != NULL)
    {
      sqlite3_progress_handler (db, 1000, stead_workspace_check_progress, cancellable);
      problems = stead_workspace_quick_check (db, cancellable);
      sqlite3_close (db);
    }
  else if (!g_cancellable_is_cancelled (cancellable))
    problems = g_strdup (error->message);

  if (problems != NULL)
    stead_workspace_set_damaged (self, problems);
  g_mutex_lock (&self->check_lock);
  self->checking = FALSE;
  g_cond_broadcast (&self->check_cond);
  g_mutex_unlock (&self->check_lock);
  g_task_return_boolean (task, TRUE);
}

static void
stead_workspace_on_checked (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  SteadWorkspace *self = STEAD_WORKSPACE (object);

  g_object_notify_by_pspec (object, properties[PROP_CHECKING]);
  if (self->damage != NULL)
    {
      g_debug ("%s: %s", self->path, self->damage);
      g_object_notify_by_pspec (object, properties[PROP_READ_ONLY]);
      g_object_notify_by_pspec (object, properties[PROP_READ_ONLY_REASON]);
    }
}

/* The quick check, now or in a thread; a damaged file opens read-only. */
static void
stead_workspace_run_quick_check (SteadWorkspace *self,
                                 gboolean        later)
{
  if (later)
    {
      g_autoptr(GTask) task = NULL;

      self->checking = TRUE;
      self->check_cancellable = g_cancellable_new ();
      task = g_task_new (self, self->check_cancellable, stead_workspace_on_checked, NULL);
      g_task_set_source_tag (task, stead_workspace_run_quick_check);
      g_task_run_in_thread (task, stead_workspace_check_thread);
    }
  else
    {
      g_autofree char *problems = stead_workspace_quick_check (self->db, NULL);

      if (problems != NULL)
        stead_workspace_set_damaged (self, problems);
    }
}

/**
 * stead_workspace_wait_for_check:
 * @self: a workspace
 * @error: a #GError
 *
 * Waits for the quick check started at opening, if it still runs.
 *
 * Returns: %TRUE if the workspace may be changed: it is not read-only
 *   and passed the check
 */
gboolean
stead_workspace_wait_for_check (SteadWorkspace  *self,
                                GError         **error)
{
  g_autofree char *basename = NULL;
  const char *reason;

  g_mutex_lock (&self->check_lock);
  while (self->checking)
    g_cond_wait (&self->check_cond, &self->check_lock);
  g_mutex_unlock (&self->check_lock);

  if (!stead_workspace_is_read_only (self))
    return TRUE;
  basename = g_path_get_basename (self->path);
  reason = stead_workspace_get_read_only_reason (self);
  if (reason != NULL)
    g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_READ_ONLY,
                 _("“%s” is read-only: %s"), basename, reason);
  else
    g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_READ_ONLY,
                 _("“%s” was opened only to read"), basename);
  return FALSE;
}

static void
stead_workspace_collect_unapplied (SteadWorkspace *self,
                                   GPtrArray      *sources)
{
  g_clear_pointer (&self->unapplied, g_ptr_array_unref);
  self->unapplied = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < sources->len; i++)
    {
      const SteadSchemaSource *source = g_ptr_array_index (sources, i);

      if (stead_workspace_get_schema_version (self, source->owner) == 0)
        g_ptr_array_add (self->unapplied, g_strdup (source->owner));
    }
}

static gboolean
stead_workspace_start (SteadWorkspace     *self,
                       const char         *create_area_name,
                       GError            **error)
{
  g_autoptr(GPtrArray) sources =
    g_ptr_array_new_with_free_func ((GDestroyNotify) stead_schema_source_free);
  int core_before =
    create_area_name == NULL ? stead_workspace_get_schema_version (self, STEAD_CORE_OWNER) : 0;
  gboolean pending = TRUE;
  gboolean applied = FALSE;

  g_ptr_array_add (sources, stead_schema_source_new (STEAD_CORE_OWNER, STEAD_CORE_SCHEMA_PATH));

  if (self->engine != NULL)
    {
      self->addins = stead_plugin_engine_create_extension_set (self->engine,
                                                               STEAD_TYPE_WORKSPACE_ADDIN);
      peas_extension_set_foreach (self->addins, stead_workspace_collect_addin_schema, sources);
    }

  if (create_area_name == NULL)
    {
      g_autofree char *newer = stead_workspace_newer_schema (self, sources);
      gboolean check = (self->flags & STEAD_WORKSPACE_OPEN_READ_ONLY) == 0 &&
                       (self->flags & STEAD_WORKSPACE_OPEN_SCRATCH) == 0;

      /* A newer Stead's schema is read, never written by this one (a
       * private copy may still be). */
      if (newer != NULL)
        {
          self->read_only |= (self->flags & STEAD_WORKSPACE_OPEN_SCRATCH) == 0;
          g_free (self->read_only_reason);
          self->read_only_reason = g_steal_pointer (&newer);
        }
      if (!stead_workspace_schemas_pending (self, sources, &pending, error))
        return FALSE;
      /* Nothing commits into a damaged workspace, a schema update
       * included: the check comes first, in a thread only when there is
       * nothing to update. */
      if (check)
        stead_workspace_run_quick_check (self, !pending && (self->flags &
                                                            STEAD_WORKSPACE_OPEN_CHECK_LATER));
      if (pending && stead_workspace_is_read_only (self))
        {
          /* Read as this build's schema, in a private copy: the file is
           * not written. A copy that cannot be updated is read as it is. */
          g_autoptr(GError) local_error = NULL;

          if (stead_workspace_copy_to_memory (self, &local_error))
            {
              self->flags |= STEAD_WORKSPACE_OPEN_SCRATCH;
              applied = stead_workspace_apply_schemas (self, sources, NULL, &local_error);
            }
          if (!applied)
            g_debug ("%s is read with its own schema: %s", self->path, local_error->message);
          pending = FALSE;
        }
    }

  if (pending && !stead_workspace_apply_schemas (self, sources, create_area_name, error))
    {
      /* A plugin's schema failed: Preferences shows it on that plugin,
       * and the message says how to open the workspace without it. */
      if (self->engine != NULL && self->failed_owner != NULL &&
          g_strcmp0 (self->failed_owner, STEAD_CORE_OWNER) != 0 &&
          error != NULL && *error != NULL)
        {
          stead_plugin_engine_report_error (self->engine, self->failed_owner, (*error)->message);
          char *message = g_strdup_printf (_("%s. Switch the plugin “%s” off in Preferences to "
                                              "open the workspace without it."),
                                           (*error)->message, self->failed_owner);

          g_free ((*error)->message);
          (*error)->message = message;
        }
      return FALSE;
    }
  stead_workspace_collect_unapplied (self, sources);

  if (create_area_name != NULL && !stead_workspace_read_marker (self, error))
    return FALSE;

  if (self->addins != NULL)
    {
      g_signal_connect (self->addins, "extension-added",
                        G_CALLBACK (stead_workspace_on_extension_added), self);
      g_signal_connect (self->addins, "extension-removed",
                        G_CALLBACK (stead_workspace_on_extension_removed), self);
      peas_extension_set_foreach (self->addins, stead_workspace_load_existing_addin, self);
    }

  /* The search index of a workspace made before it knew record kinds, and
   * the areas' edges of one made before the views used them (core schema
   * 8), are rebuilt, once, as part of the upgrade (a backup was made first). */
  if (core_before > 0 && core_before < 8 && pending && !stead_workspace_reindex (self, error))
    return FALSE;

  return TRUE;
}

/**
 * stead_workspace_open:
 * @path: a workspace file
 * @engine: (nullable): the plugins whose workspace addins to load
 * @error: a #GError
 *
 * Opens a workspace as stead_workspace_open_full() does with
 * %STEAD_WORKSPACE_OPEN_DEFAULT.
 *
 * Returns: (transfer full) (nullable): the workspace
 */
SteadWorkspace *
stead_workspace_open (const char         *path,
                      SteadPluginEngine  *engine,
                      GError            **error)
{
  return stead_workspace_open_full (path, engine, STEAD_WORKSPACE_OPEN_DEFAULT, error);
}

/**
 * stead_workspace_open_full:
 * @path: a workspace file
 * @engine: (nullable): the plugins whose workspace addins to load
 * @flags: how to open it
 * @error: a #GError
 *
 * Opens a workspace, checking first that it is one. A folder, FIFO or
 * device is refused before it is opened; SQLite then reads the file with
 * its write-ahead log, and only what SQLite cannot read is refused, with
 * what to do about it.
 *
 * To edit it, the file and its folder must be writable, its schema not
 * from a newer Stead, and it must pass `PRAGMA quick_check`; otherwise it
 * opens read-only and stead_workspace_get_read_only_reason() says why.
 * Schema files of the core and of enabled plugins not yet applied are
 * then applied in one transaction after a backup copy; if any fails the
 * file is unchanged and @error names the plugin and the file. A workspace
 * opened read-only is never written: an older schema is brought up to
 * date in a private copy in memory.
 *
 * Returns: (transfer full) (nullable): the workspace
 */
SteadWorkspace *
stead_workspace_open_full (const char               *path,
                           SteadPluginEngine        *engine,
                           SteadWorkspaceOpenFlags   flags,
                           GError                  **error)
{
  g_autoptr(SteadWorkspace) self = NULL;
  g_auto(SteadFileAccess) access = { 0 };
  gboolean for_writing =
    (flags & (STEAD_WORKSPACE_OPEN_READ_ONLY | STEAD_WORKSPACE_OPEN_SCRATCH)) == 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (engine == NULL || STEAD_IS_PLUGIN_ENGINE (engine), NULL);

  if (!stead_workspace_probe_file (path, for_writing, &access, error))
    return NULL;

  self = g_object_new (STEAD_TYPE_WORKSPACE, "path", path, NULL);
  g_set_object (&self->engine, engine);
  self->flags = flags;
  self->reader_uri = g_strdup (access.reader_uri);
  self->read_only = !for_writing || !access.writable;
  self->read_only_reason = g_steal_pointer (&access.why_not);
  if (flags & STEAD_WORKSPACE_OPEN_SCRATCH)
    self->read_only = FALSE;

  self->db = stead_file_access_open (&access, path, for_writing, SQLITE_OPEN_FULLMUTEX, 0, error);
  if (self->db == NULL || !stead_workspace_configure_connection (self, error))
    return NULL;
  if (!stead_workspace_read_marker (self, error))
    return NULL;
  if ((flags & STEAD_WORKSPACE_OPEN_SCRATCH) && !stead_workspace_copy_to_memory (self, error))
    return NULL;
  if (!self->read_only && (flags & STEAD_WORKSPACE_OPEN_SCRATCH) == 0 &&
      !stead_sql_exec (self->db, "PRAGMA journal_mode = WAL", error))
    return NULL;
  if (!stead_workspace_start (self, NULL, error))
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
  g_autofree char *absolute = NULL;
  g_autofree char *escaped = NULL;
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
  absolute = g_canonicalize_filename (path, NULL);
  escaped = g_uri_escape_string (absolute, "/", FALSE);
  self->reader_uri = g_strconcat ("file:", escaped, "?mode=ro", NULL);

  if (!stead_workspace_open_connection (self, error) ||
      !stead_sql_exec (self->db,
                 "PRAGMA application_id = 1196444487;" /* 'GPKG' */
                 "PRAGMA user_version = 10300;"
                 "PRAGMA journal_mode = WAL;",
                 error) ||
      !stead_workspace_start (self, area_name, error))
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

  /* A quick check still running stops; it reads on a connection of its own. */
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);

  if (self->addins != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->addins, self);
      g_hash_table_foreach (self->addins_by_module, stead_workspace_unload_addin, self);
      g_hash_table_remove_all (self->addins_by_module);
      g_clear_pointer (&self->addin_order, g_ptr_array_unref);
      g_clear_object (&self->addins);
    }

  g_queue_clear_full (&self->undo, (GDestroyNotify) stead_undo_step_free);
  g_queue_clear_full (&self->redo, (GDestroyNotify) stead_undo_step_free);

  g_mutex_lock (&self->statements_lock);
  g_hash_table_remove_all (self->statements);
  g_mutex_unlock (&self->statements_lock);
  g_mutex_lock (&self->terms_lock);
  g_clear_pointer (&self->terms, g_hash_table_unref);
  g_mutex_unlock (&self->terms_lock);

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

/**
 * stead_workspace_is_read_only:
 * @self: a #SteadWorkspace
 *
 * Returns: %TRUE if no change can be made: it was opened only to read, or
 *   it cannot be edited (see stead_workspace_get_read_only_reason())
 */
gboolean
stead_workspace_is_read_only (SteadWorkspace *self)
{
  gboolean damaged;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), TRUE);

  g_mutex_lock (&self->check_lock);
  damaged = self->damage != NULL;
  g_mutex_unlock (&self->check_lock);
  return self->read_only || damaged;
}

/**
 * stead_workspace_get_read_only_reason:
 * @self: a #SteadWorkspace
 *
 * Why this workspace cannot be edited, to show the user, e.g. "made by a
 * newer Stead (core schema 5); update Stead to edit it", "the file cannot
 * be written (Permission denied)" or "it is damaged (…); restore the
 * backup …". Set even when the workspace was opened only to read.
 *
 * Returns: (nullable): the reason, or %NULL if it could be edited
 */
const char *
stead_workspace_get_read_only_reason (SteadWorkspace *self)
{
  const char *reason;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), NULL);

  g_mutex_lock (&self->check_lock);
  reason = self->damage != NULL ? self->damage : self->read_only_reason;
  g_mutex_unlock (&self->check_lock);
  return reason;
}

/**
 * stead_workspace_is_checking:
 * @self: a #SteadWorkspace
 *
 * Returns: %TRUE while the quick check of %STEAD_WORKSPACE_OPEN_CHECK_LATER
 *   runs; changes wait for it
 */
gboolean
stead_workspace_is_checking (SteadWorkspace *self)
{
  gboolean checking;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), FALSE);

  g_mutex_lock (&self->check_lock);
  checking = self->checking;
  g_mutex_unlock (&self->check_lock);
  return checking;
}

sqlite3 *
stead_workspace_get_db (SteadWorkspace *self)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), NULL);

  return self->db;
}

/**
 * stead_workspace_open_reader:
 * @self: a #SteadWorkspace
 * @error: a #GError
 *
 * A read-only connection of its own to the workspace file, for a worker
 * thread (WAL lets it read while the window writes). Close it with
 * sqlite3_close().
 *
 * Returns: (transfer full) (nullable): the connection
 */
sqlite3 *
stead_workspace_open_reader (SteadWorkspace  *self,
                             GError         **error)
{
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), NULL);

  rc = sqlite3_open_v2 (self->reader_uri != NULL ? self->reader_uri : self->path, &db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX |
                          (self->reader_uri != NULL ? SQLITE_OPEN_URI : 0),
                        NULL);
  if (rc != SQLITE_OK)
    {
      stead_sqlite_set_error (error, db, rc, _("Could not read the workspace"));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, TRUE);
  sqlite3_busy_timeout (db, 5000);
  if (!stead_sql_register_functions (db, error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

void
stead_workspace_notify_undo_state (SteadWorkspace *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
}

void
stead_workspace_refresh_area_name (SteadWorkspace *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT area_name FROM stead_workspace WHERE id = 1", -1, &stmt,
                          NULL) == SQLITE_OK &&
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

void
stead_workspace_emit_changed (SteadWorkspace     *self,
                              const char * const *tables)
{
  if (g_strv_contains (tables, "taxonomy"))
    {
      g_mutex_lock (&self->terms_lock);
      g_clear_pointer (&self->terms, g_hash_table_unref);
      g_mutex_unlock (&self->terms_lock);
    }
  g_signal_emit (self, signals[CHANGED], 0, tables);
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

/* One value of a constant SELECT's first row, for the read helpers. */
static sqlite3_stmt *
stead_workspace_query (SteadWorkspace   *self,
                       const char       *sql,
                       const SteadValue *values,
                       guint             n_values)
{
  sqlite3_stmt *stmt = stead_workspace_prepare (self, sql, NULL);

  if (stmt == NULL)
    return NULL;
  stead_statement_bind (stmt, values, n_values);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    g_clear_pointer (&stmt, sqlite3_finalize);
  return stmt;
}

/**
 * stead_workspace_query_int64:
 * @self: a #SteadWorkspace
 * @sql: a constant SELECT giving one integer
 * @values: (array length=n_values): its parameters
 * @n_values: how many
 *
 * Returns: the first row's integer; 0 when there is no row, it is NULL
 *   or the query fails
 */
gint64
stead_workspace_query_int64 (SteadWorkspace   *self,
                             const char       *sql,
                             const SteadValue *values,
                             guint             n_values)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_query (self, sql, values, n_values);

  return stmt != NULL ? sqlite3_column_int64 (stmt, 0) : 0;
}

/**
 * stead_workspace_query_text:
 * @self: a #SteadWorkspace
 * @sql: a constant SELECT giving one text
 * @values: (array length=n_values): its parameters
 * @n_values: how many
 *
 * Returns: (transfer full) (nullable): the first row's text; %NULL when
 *   there is no row, it is NULL or the query fails
 */
char *
stead_workspace_query_text (SteadWorkspace   *self,
                            const char       *sql,
                            const SteadValue *values,
                            guint             n_values)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_query (self, sql, values, n_values);

  return stmt != NULL ? g_strdup ((const char *) sqlite3_column_text (stmt, 0)) : NULL;
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
  if (self->db == NULL || !stead_sql_table_exists (self->db, table))
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
  if (!(stmt = stead_transaction_prepare (
          txn, "UPDATE stead_workspace SET area_name = ? WHERE id = 1", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, area_name, -1, SQLITE_STATIC);
  if (!stead_transaction_step (txn, stmt, error))
    return FALSE;
  return stead_transaction_commit (g_steal_pointer (&txn), error);
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
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_mutex_clear (&self->statements_lock);
  g_mutex_clear (&self->terms_lock);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->area_name, g_free);
  g_clear_pointer (&self->last_backup, g_free);
  g_clear_pointer (&self->failed_owner, g_free);
  g_clear_pointer (&self->reader_uri, g_free);
  g_clear_pointer (&self->read_only_reason, g_free);
  g_clear_pointer (&self->damage, g_free);
  g_clear_pointer (&self->unapplied, g_ptr_array_unref);
  g_clear_object (&self->check_cancellable);
  g_mutex_clear (&self->check_lock);
  g_cond_clear (&self->check_cond);

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

    case PROP_READ_ONLY:
      g_value_set_boolean (value, stead_workspace_is_read_only (self));
      break;

    case PROP_READ_ONLY_REASON:
      g_value_set_string (value, stead_workspace_get_read_only_reason (self));
      break;

    case PROP_CHECKING:
      g_value_set_boolean (value, stead_workspace_is_checking (self));
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
  /**
   * SteadWorkspace:read-only:
   *
   * Whether no change can be made; it becomes %TRUE when the quick check
   * run with %STEAD_WORKSPACE_OPEN_CHECK_LATER finds damage.
   */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY_REASON] =
    g_param_spec_string ("read-only-reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECKING] =
    g_param_spec_boolean ("checking", NULL, NULL, FALSE,
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
stead_workspace_finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
stead_workspace_init (SteadWorkspace *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
  self->addins_by_module = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->statements =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stead_workspace_finalize_statement);
  g_mutex_init (&self->statements_lock);
  g_mutex_init (&self->terms_lock);
  g_mutex_init (&self->check_lock);
  g_cond_init (&self->check_cond);
}

