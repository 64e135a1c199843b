/* stead-workspace.h: one partnership area, one GeoPackage file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sqlite3.h>

#include "stead-types.h"
#include "stead-value.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

#define STEAD_TYPE_WORKSPACE (stead_workspace_get_type ())
#define STEAD_WORKSPACE_ERROR (stead_workspace_error_quark ())

/* The workspace format this build writes and understands. */
#define STEAD_WORKSPACE_FORMAT_VERSION 1

typedef enum
{
  STEAD_WORKSPACE_ERROR_NOT_FOUND,   /* no such file */
  STEAD_WORKSPACE_ERROR_EXISTS,      /* create over an existing file */
  STEAD_WORKSPACE_ERROR_NOT_SQLITE,  /* truncated, or not an SQLite file at all */
  STEAD_WORKSPACE_ERROR_CORRUPT,     /* SQLite says the file is damaged */
  STEAD_WORKSPACE_ERROR_NOT_STEAD,   /* a valid SQLite/GeoPackage file, but not a Stead workspace */
  STEAD_WORKSPACE_ERROR_TOO_NEW,     /* written by a newer Stead */
  STEAD_WORKSPACE_ERROR_MIGRATION,   /* a schema file failed; the file is unchanged */
  STEAD_WORKSPACE_ERROR_SQL,         /* a statement failed */
  STEAD_WORKSPACE_ERROR_BUSY,        /* another transaction is open */
  STEAD_WORKSPACE_ERROR_CONFLICT,    /* undo/redo no longer applies to the data */
  STEAD_WORKSPACE_ERROR_CLOSED,      /* the workspace was closed */
  STEAD_WORKSPACE_ERROR_READ_ONLY,   /* opened read-only: the file, its folder, a newer schema */
  STEAD_WORKSPACE_ERROR_FULL,        /* the disk is full; nothing was changed */
  STEAD_WORKSPACE_ERROR_NOT_A_FILE,  /* a folder, FIFO or device, refused before it is opened */
} SteadWorkspaceError;

/**
 * SteadWorkspaceOpenFlags:
 * @STEAD_WORKSPACE_OPEN_DEFAULT: for editing when the file, its folder
 *   and its schema allow it, read-only (saying why) when they do not
 * @STEAD_WORKSPACE_OPEN_READ_ONLY: only to read: nothing is ever written
 *   to the file (no schema update, no transaction), and no writer is
 *   waited for
 * @STEAD_WORKSPACE_OPEN_CHECK_LATER: the quick integrity check runs in a
 *   thread instead of before returning; a change waits for it
 * @STEAD_WORKSPACE_OPEN_SCRATCH: a private copy in memory: changes are
 *   made there and lost on close, the file is only read (for dry runs)
 */
typedef enum
{
  STEAD_WORKSPACE_OPEN_DEFAULT     = 0,
  STEAD_WORKSPACE_OPEN_READ_ONLY   = 1 << 0,
  STEAD_WORKSPACE_OPEN_CHECK_LATER = 1 << 1,
  STEAD_WORKSPACE_OPEN_SCRATCH     = 1 << 2,
} SteadWorkspaceOpenFlags;

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadWorkspace, stead_workspace, STEAD, WORKSPACE, GObject)

STEAD_AVAILABLE_IN_1_0
GQuark             stead_workspace_error_quark          (void);

STEAD_AVAILABLE_IN_1_0
SteadWorkspace    *stead_workspace_create               (const char         *path,
                                                         const char         *area_name,
                                                         SteadPluginEngine  *engine,
                                                         GError            **error);
STEAD_AVAILABLE_IN_1_0
SteadWorkspace    *stead_workspace_open                 (const char         *path,
                                                         SteadPluginEngine  *engine,
                                                         GError            **error);
STEAD_AVAILABLE_IN_1_0
SteadWorkspace    *stead_workspace_open_full            (const char         *path,
                                                         SteadPluginEngine  *engine,
                                                         SteadWorkspaceOpenFlags flags,
                                                         GError            **error);
STEAD_AVAILABLE_IN_1_0
void               stead_workspace_close                (SteadWorkspace     *self);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_workspace_is_closed            (SteadWorkspace     *self);

STEAD_AVAILABLE_IN_1_0
const char        *stead_workspace_get_path             (SteadWorkspace     *self);
STEAD_AVAILABLE_IN_1_0
const char        *stead_workspace_get_area_name        (SteadWorkspace     *self);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_workspace_set_area_name        (SteadWorkspace     *self,
                                                         const char         *area_name,
                                                         GError            **error);
STEAD_AVAILABLE_IN_1_0
SteadPluginEngine *stead_workspace_get_engine           (SteadWorkspace     *self);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_workspace_is_read_only         (SteadWorkspace     *self);
STEAD_AVAILABLE_IN_1_0
const char        *stead_workspace_get_read_only_reason (SteadWorkspace     *self);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_workspace_is_checking          (SteadWorkspace     *self);

/* Reading. Writes go through a SteadTransaction. */
STEAD_AVAILABLE_IN_1_0
sqlite3_stmt      *stead_workspace_prepare              (SteadWorkspace     *self,
                                                         const char         *sql,
                                                         GError            **error);
/* One value read: the first row's first column. */
STEAD_AVAILABLE_IN_1_0
gint64             stead_workspace_query_int64          (SteadWorkspace     *self,
                                                         const char         *sql,
                                                         const SteadValue   *values,
                                                         guint               n_values);
STEAD_AVAILABLE_IN_1_0
char              *stead_workspace_query_text           (SteadWorkspace     *self,
                                                         const char         *sql,
                                                         const SteadValue   *values,
                                                         guint               n_values);
STEAD_AVAILABLE_IN_1_0
gint64             stead_workspace_count_rows           (SteadWorkspace     *self,
                                                         const char         *table);
/* A read-only connection of its own, for a worker thread (WAL lets it
 * read while the window writes); with the kit's SQL functions. Close it
 * with sqlite3_close(). */
STEAD_AVAILABLE_IN_1_0
sqlite3           *stead_workspace_open_reader          (SteadWorkspace     *self,
                                                         GError            **error);

/* Schema: ordered NNN-*.sql files below a GResource directory. */
STEAD_AVAILABLE_IN_1_0
gboolean           stead_workspace_apply_schema         (SteadWorkspace     *self,
                                                         const char         *owner,
                                                         const char         *resource_dir,
                                                         GError            **error);
STEAD_AVAILABLE_IN_1_0
int                stead_workspace_get_schema_version   (SteadWorkspace     *self,
                                                         const char         *owner);
STEAD_AVAILABLE_IN_1_0
char              *stead_workspace_get_last_backup      (SteadWorkspace     *self);

/* Transactions: one user action, one undo step, audited. */
STEAD_AVAILABLE_IN_1_0
SteadTransaction  *stead_workspace_begin                (SteadWorkspace     *self,
                                                         const char         *owner,
                                                         const char         *summary,
                                                         GError            **error);
/* A purge of personal data past its retention: no undo step, audited by
 * count, and every undo or redo step holding a row it deletes (or any
 * row of @forget_tables) is dropped with it. */
STEAD_AVAILABLE_IN_1_0
SteadTransaction  *stead_workspace_begin_purge          (SteadWorkspace     *self,
                                                         const char         *owner,
                                                         const char         *summary,
                                                         const char * const *forget_tables,
                                                         GError            **error);
STEAD_AVAILABLE_IN_1_0
SteadWorkspace    *stead_transaction_get_workspace      (SteadTransaction   *txn);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_transaction_exec               (SteadTransaction   *txn,
                                                         const char         *sql,
                                                         GError            **error);
STEAD_AVAILABLE_IN_1_0
sqlite3_stmt      *stead_transaction_prepare            (SteadTransaction   *txn,
                                                         const char         *sql,
                                                         GError            **error);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_transaction_step               (SteadTransaction   *txn,
                                                         sqlite3_stmt       *stmt,
                                                         GError            **error);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_transaction_commit             (SteadTransaction   *txn,
                                                         GError            **error);
STEAD_AVAILABLE_IN_1_0
void               stead_transaction_rollback           (SteadTransaction   *txn);
STEAD_AVAILABLE_IN_1_0
const char        *stead_transaction_get_owner          (SteadTransaction   *txn);

/* Typed values: one statement is one undo step, or one step of many. */
STEAD_AVAILABLE_IN_1_0
gint64             stead_workspace_edit                 (SteadWorkspace     *self,
                                                         const char         *owner,
                                                         const char         *summary,
                                                         const char         *sql,
                                                         const SteadValue   *values,
                                                         guint               n_values,
                                                         GError            **error);
STEAD_AVAILABLE_IN_1_0
gint64             stead_transaction_run                (SteadTransaction   *txn,
                                                         const char         *sql,
                                                         const SteadValue   *values,
                                                         guint               n_values,
                                                         GError            **error);
STEAD_AVAILABLE_IN_1_0
gint64             stead_transaction_step_values        (SteadTransaction   *txn,
                                                         sqlite3_stmt       *stmt,
                                                         const SteadValue   *values,
                                                         guint               n_values,
                                                         GError            **error);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_transaction_query_int64        (SteadTransaction   *txn,
                                                         const char         *sql,
                                                         const SteadValue   *values,
                                                         guint               n_values,
                                                         gint64             *value);
STEAD_AVAILABLE_IN_1_0
void               stead_statement_bind                 (sqlite3_stmt       *stmt,
                                                         const SteadValue   *values,
                                                         guint               n_values);

/* For publish and index hooks. */
STEAD_AVAILABLE_IN_1_0
const gint64      *stead_transaction_get_rowids         (SteadTransaction   *txn,
                                                         const char         *table,
                                                         guint              *n_rowids);
/* The rows to bring up to date when, of the tables in @sources (';'-separated,
 * prefixes ending in '_'), only @table changed and its rows are known;
 * %FALSE when everything derived from @sources must be rebuilt. */
STEAD_AVAILABLE_IN_1_0
gboolean           stead_transaction_get_changed_rows   (SteadTransaction   *txn,
                                                         const char * const *tables,
                                                         const char         *sources,
                                                         const char         *table,
                                                         const gint64      **rowids,
                                                         guint              *n_rowids);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_tables_have                    (const char * const *tables,
                                                         const char         *name);

/* For widgets and models that show a workspace: *@slot becomes
 * @workspace (a new reference), and @reload (@owner) runs now and after
 * every change touching a table named @tables (or, ending in '_',
 * starting with it), until @owner is finalized or follows another. */
typedef void (*SteadReloadFunc) (gpointer owner);
STEAD_AVAILABLE_IN_1_0
void               stead_workspace_follow               (SteadWorkspace    **slot,
                                                         SteadWorkspace     *workspace,
                                                         gpointer            owner,
                                                         const char         *tables,
                                                         SteadReloadFunc     reload);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_transaction_record_removed     (SteadTransaction   *txn,
                                                         const char         *kind,
                                                         gint64              id,
                                                         GError            **error);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_workspace_reindex              (SteadWorkspace     *self,
                                                         GError            **error);

/* Undo and redo of committed transactions, for this session only. */
STEAD_AVAILABLE_IN_1_0
gboolean           stead_workspace_can_undo             (SteadWorkspace     *self);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_workspace_can_redo             (SteadWorkspace     *self);
STEAD_AVAILABLE_IN_1_0
const char        *stead_workspace_get_undo_label       (SteadWorkspace     *self);
STEAD_AVAILABLE_IN_1_0
const char        *stead_workspace_get_redo_label       (SteadWorkspace     *self);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_workspace_undo                 (SteadWorkspace     *self,
                                                         GError            **error);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_workspace_redo                 (SteadWorkspace     *self,
                                                         GError            **error);

/* Workspace addins of the enabled plugins, by module name. */
STEAD_AVAILABLE_IN_1_0
GObject           *stead_workspace_get_addin            (SteadWorkspace     *self,
                                                         const char         *module_name);
STEAD_AVAILABLE_IN_1_0
void stead_workspace_foreach_addin (SteadWorkspace *self,
                                    void (*func) (SteadWorkspace *workspace,
                                                  const char *module_name,
                                                  GObject *addin,
                                                  gpointer user_data),
                                    gpointer user_data);

/* Convenience for core tables; inside a transaction. */
STEAD_AVAILABLE_IN_1_0
gint64             stead_transaction_insert_area        (SteadTransaction   *txn,
                                                         const char         *kind,
                                                         const char         *code,
                                                         const char         *name,
                                                         SteadGeometry      *geometry,
                                                         GError            **error);
STEAD_AVAILABLE_IN_1_0
gint64             stead_transaction_insert_need        (SteadTransaction   *txn,
                                                         const char         *kind,
                                                         const char         *title,
                                                         double              lon,
                                                         double              lat,
                                                         int                 people,
                                                         int                 urgency,
                                                         const char         *status,
                                                         gint64              opened_unix,
                                                         const char         *owner,
                                                         gint64              owner_ref,
                                                         GError            **error);
STEAD_AVAILABLE_IN_1_0
gint64             stead_transaction_insert_resource    (SteadTransaction   *txn,
                                                         const char         *kind,
                                                         const char         *title,
                                                         double              lon,
                                                         double              lat,
                                                         int                 capacity,
                                                         const char         *availability,
                                                         const char         *owner,
                                                         gint64              owner_ref,
                                                         GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SteadTransaction, stead_transaction_rollback)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
