/* stead-workspace-private.h: the workspace's insides, shared by its files
 *
 * stead-workspace.c (open, create, close, addins),
 * stead-workspace-schema.c (migrations) and
 * stead-workspace-transaction.c (transactions, hooks, undo and redo).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libpeas/peas.h>

#include "stead-workspace.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

#define STEAD_CORE_OWNER "core"
#define STEAD_CORE_SCHEMA_PATH "/io/github/steadapp/Stead/core/schema"

typedef enum
{
  STEAD_TXN_NORMAL,
  STEAD_TXN_UNDO,
  STEAD_TXN_REDO,
  STEAD_TXN_INDEX,   /* rebuilds derived data only: no undo step */
  STEAD_TXN_BULK,    /* not recorded by the session: audited, no undo step */
  STEAD_TXN_PURGE,   /* as BULK, and the steps holding what it deletes go too */
} SteadTxnKind;

typedef struct
{
  char   *owner;
  char   *summary;
  GBytes *changeset;
} SteadUndoStep;

typedef struct
{
  char *owner;
  char *resource_dir;
} SteadSchemaSource;

/* Rows of one table a transaction touched, as the update hook saw them. */
typedef struct
{
  char       *table;
  GArray     *rowids;   /* gint64; NULL once there are too many to keep */
  guint       inserted; /* rows as the update hook counted them, for a */
  guint       updated;  /* bulk transaction's audit */
  guint       deleted;
} SteadTouched;

struct _SteadTransaction
{
  SteadWorkspace  *workspace;
  char            *owner;
  char            *summary;
  sqlite3_session *session;   /* NULL in a bulk transaction */
  SteadTxnKind     kind;
  GArray          *bulk;      /* AuditCount: changes outside the session */
  GPtrArray       *touched;   /* SteadTouched, in the order first seen */
  SteadTouched    *last;      /* the one the update hook saw last */
  GStrv            forget;    /* PURGE: tables no undo or redo step may keep */
};

struct _SteadWorkspace
{
  GObject            parent_instance;

  char              *path;
  char              *area_name;
  sqlite3           *db;
  SteadPluginEngine *engine;
  PeasExtensionSet  *addins;
  GHashTable        *addins_by_module;  /* module name -> GObject (borrowed) */
  GPtrArray         *addin_order;       /* module names, dependencies first */
  GQueue             undo;
  GQueue             redo;
  SteadTransaction  *txn;
  GHashTable        *statements;        /* SQL text -> sqlite3_stmt, for stead_transaction_run() */
  GMutex             statements_lock;
  GHashTable        *terms;             /* vocabulary -> its terms, until the taxonomy changes */
  GMutex             terms_lock;
  char              *last_backup;
  char              *failed_owner;      /* whose schema file failed last */
  gboolean           applying_schema;   /* schema files may call Stead_AddFeatureTable */

  SteadWorkspaceOpenFlags flags;
  char              *reader_uri;        /* how readers open the file (read-only, immutable…) */
  gboolean           read_only;         /* nothing may be written: see read_only_reason */
  char              *read_only_reason;  /* why the file cannot be edited, for the user */
  GPtrArray         *unapplied;         /* owners whose schema was never applied (read-only) */
  char              *damage;            /* set once, if the quick check failed */
  gboolean           checking;          /* the quick check runs in a thread */
  GMutex             check_lock;
  GCond              check_cond;
  GCancellable      *check_cancellable;
};

/* How to open a workspace file with SQLite, decided before it is opened. */
typedef struct
{
  char     *uri;        /* for sqlite3_open_v2 (SQLITE_OPEN_URI) */
  char     *reader_uri; /* the same, for a read-only connection */
  gboolean  writable;   /* the file and its folder can be written */
  char     *why_not;    /* if not, why: "the file cannot be written (…)" */
  gboolean  query_only; /* read-write to SQLite, so that it removes the -wal and
                         * -shm it makes, but never written (PRAGMA query_only) */
} SteadFileAccess;


/* stead-workspace.c */
STEAD_PRIVATE_API
gboolean  stead_sqlite_set_error            (GError            **error,
                                             sqlite3            *db,
                                             int                 rc,
                                             const char         *what);
STEAD_PRIVATE_API
gboolean  stead_sql_exec                    (sqlite3            *db,
                                             const char         *sql,
                                             GError            **error);
gboolean  stead_sql_table_exists            (sqlite3            *db,
                                             const char         *name);
char     *stead_datetime_format             (GDateTime          *dt);
char     *stead_now_iso8601                 (void);
STEAD_PRIVATE_API
gboolean  stead_workspace_probe_file        (const char         *path,
                                             gboolean            for_writing,
                                             SteadFileAccess    *access,
                                             GError            **error);
STEAD_PRIVATE_API
void      stead_file_access_clear           (SteadFileAccess    *access);
STEAD_PRIVATE_API
sqlite3  *stead_file_access_open            (const SteadFileAccess *access,
                                             const char         *path,
                                             gboolean            for_writing,
                                             int                 flags,
                                             int                 busy_timeout_ms,
                                             GError            **error);
STEAD_PRIVATE_API
gboolean  stead_workspace_check_opened      (sqlite3            *db,
                                             const char         *path,
                                             GError            **error);
STEAD_PRIVATE_API
char     *stead_workspace_find_backup       (const char         *path);
STEAD_PRIVATE_API
char     *stead_workspace_damage_advice     (const char         *path);
gboolean  stead_workspace_wait_for_check    (SteadWorkspace     *self,
                                             GError            **error);
void      stead_workspace_notify_undo_state (SteadWorkspace     *self);
void      stead_workspace_refresh_area_name (SteadWorkspace     *self);
void      stead_workspace_emit_changed      (SteadWorkspace     *self,
                                             const char * const *tables);
STEAD_PRIVATE_API
sqlite3  *stead_workspace_get_db            (SteadWorkspace     *self);
STEAD_PRIVATE_API
GStrv     stead_workspace_list_absent_owners (SteadWorkspace    *self);
STEAD_PRIVATE_API
GHashTable *stead_workspace_list_absent_areas (SteadWorkspace   *self);

/* stead-workspace-schema.c */
SteadSchemaSource *stead_schema_source_new  (const char         *owner,
                                             const char         *resource_dir);
void      stead_schema_source_free          (SteadSchemaSource  *source);
gboolean  stead_workspace_apply_schemas     (SteadWorkspace     *self,
                                             GPtrArray          *sources,
                                             const char         *create_area_name,
                                             GError            **error);
gboolean  stead_workspace_schemas_pending   (SteadWorkspace     *self,
                                             GPtrArray          *sources,
                                             gboolean           *pending,
                                             GError            **error);
char     *stead_workspace_newer_schema      (SteadWorkspace     *self,
                                             GPtrArray          *sources);

/* stead-workspace-transaction.c */
void      stead_undo_step_free              (SteadUndoStep      *step);
SteadTransaction *stead_workspace_begin_bulk (SteadWorkspace    *self,
                                             const char         *owner,
                                             const char         *summary,
                                             GError            **error);
STEAD_PRIVATE_API
void      stead_transaction_note_bulk       (SteadTransaction   *txn,
                                             const char         *table,
                                             int                 op,
                                             guint               rows);
gboolean  stead_session_records_table       (const char         *table);
void      stead_transaction_pause_session   (SteadTransaction   *txn,
                                             gboolean            pause);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SteadFileAccess, stead_file_access_clear)

G_END_DECLS
