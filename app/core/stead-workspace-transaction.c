/* stead-workspace-transaction.c: one user action, one transaction, one undo step
 *
 * A transaction records its changes with the session extension: the
 * changeset is the undo step (inverted), the audit entry and the unit of
 * exchange between copies. Before it commits, the plugins' publish hooks
 * bring the `need` and `resource` rows they derive up to date and their
 * index hooks the search index, in the same transaction, so nothing
 * derived is ever a second write.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-workspace"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "stead-area-edges-private.h"
#include "stead-geometry.h"
#include "stead-search.h"
#include "stead-workspace-addin.h"
#include "stead-workspace-private.h"

#define MAX_UNDO_STEPS      100
/* Beyond this many rows of one table a hook is told "all of them". */
#define MAX_TOUCHED_ROWIDS  4096

typedef struct
{
  char *table;
  int   op;
  guint rows;
} AuditCount;

void
stead_undo_step_free (SteadUndoStep *step)
{
  g_free (step->owner);
  g_free (step->summary);
  g_bytes_unref (step->changeset);
  g_free (step);
}

static void
stead_workspace_transaction_touched_free (SteadTouched *touched)
{
  g_free (touched->table);
  g_clear_pointer (&touched->rowids, g_array_unref);
  g_free (touched);
}

/**
 * stead_session_records_table:
 * @table: a table name
 *
 * Whether the session records @table: not the indexes maintained by
 * triggers (R-tree and FTS shadow tables), the areas' edges (rebuilt with
 * the areas, undo and redo included), the search index, the audit log
 * and the schema record. The postcode directory and its attribution are
 * reference data, replaced whole and too large to keep in memory for undo;
 * their imports report through stead_transaction_note_bulk(). Saved column
 * maps outlive undo.
 */
gboolean
stead_session_records_table (const char *table)
{
  static const char *skip[] = { "rtree_", "stead_search", "stead_audit", "stead_schema", "sqlite_",
                                "gpkg_", "stead_postcode", "stead_attribution",
                                "stead_import_mapping", "stead_area_edge" };

  for (guint i = 0; i < G_N_ELEMENTS (skip); i++)
    if (g_str_has_prefix (table, skip[i]))
      return FALSE;
  return TRUE;
}

static int
stead_workspace_transaction_filter (void       *user_data,
                                    const char *table)
{
  return stead_session_records_table (table);
}

/* The update hook: which rows of which tables this transaction wrote. */
static void
stead_workspace_transaction_on_update (void          *user_data,
                                       int            op,
                                       const char    *database,
                                       const char    *table,
                                       sqlite3_int64  rowid)
{
  SteadTransaction *txn = user_data;
  SteadTouched *touched = txn->last;

  if (touched == NULL || strcmp (touched->table, table) != 0)
    {
      touched = NULL;
      for (guint i = 0; i < txn->touched->len && touched == NULL; i++)
        if (strcmp (((SteadTouched *) g_ptr_array_index (txn->touched, i))->table, table) == 0)
          touched = g_ptr_array_index (txn->touched, i);
      if (touched == NULL)
        {
          if (!stead_session_records_table (table))
            return;
          touched = g_new0 (SteadTouched, 1);
          touched->table = g_strdup (table);
          touched->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_ptr_array_add (txn->touched, touched);
        }
      txn->last = touched;
    }

  switch (op)
    {
    case SQLITE_INSERT: touched->inserted++; break;
    case SQLITE_UPDATE: touched->updated++; break;
    case SQLITE_DELETE: touched->deleted++; break;
    default: break;
    }

  if (touched->rowids != NULL)
    {
      gint64 id = rowid;

      if (touched->rowids->len >= MAX_TOUCHED_ROWIDS)
        g_clear_pointer (&touched->rowids, g_array_unref);
      else if (touched->rowids->len == 0 ||
               g_array_index (touched->rowids, gint64, touched->rowids->len - 1) != id)
        g_array_append_val (touched->rowids, id);
    }
}

static SteadTransaction *
stead_workspace_transaction_begin (SteadWorkspace  *self,
                                   const char      *owner,
                                   const char      *summary,
                                   SteadTxnKind     kind,
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

  /* Nothing commits into a workspace that is read-only, or has not
   * passed (or is still running) its quick check. */
  if (!stead_workspace_wait_for_check (self, error))
    return NULL;

  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      stead_sqlite_set_error (error, self->db, rc, _("Could not start a change"));
      return NULL;
    }

  /* A bulk transaction keeps nothing for undo: at a million rows the
   * session's copy of every row was most of the memory used. */
  rc = kind == STEAD_TXN_BULK || kind == STEAD_TXN_PURGE
         ? SQLITE_OK
         : sqlite3session_create (self->db, "main", &session);
  if (rc == SQLITE_OK && session != NULL)
    {
      sqlite3session_table_filter (session, stead_workspace_transaction_filter, NULL);
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
  txn->touched =
    g_ptr_array_new_with_free_func ((GDestroyNotify) stead_workspace_transaction_touched_free);
  self->txn = txn;
  sqlite3_update_hook (self->db, stead_workspace_transaction_on_update, txn);

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

  return stead_workspace_transaction_begin (self, owner, summary, STEAD_TXN_NORMAL, error);
}

/*
 * stead_workspace_begin_bulk:
 *
 * As stead_workspace_begin(), for a change too large to undo (the demo
 * area): the session records nothing, the update hook counts the rows for
 * the audit log, and the commit is no undo step; the history before it
 * is cleared, as its steps may no longer apply. Publish and index hooks
 * run as for any change.
 */
SteadTransaction *
stead_workspace_begin_bulk (SteadWorkspace  *self,
                            const char      *owner,
                            const char      *summary,
                            GError         **error)
{
  g_assert (STEAD_IS_WORKSPACE (self) && owner != NULL && summary != NULL);

  return stead_workspace_transaction_begin (self, owner, summary, STEAD_TXN_BULK, error);
}

/**
 * stead_workspace_begin_purge:
 * @self: a #SteadWorkspace
 * @owner: the plugin's module name
 * @summary: what is purged, by count ("Purge “PSR June” (212 households)"):
 *   it is the audit log's entry, so never name a person
 * @forget_tables: (nullable) (array zero-terminated=1): tables no undo or
 *   redo step may keep any row of once the purge is done (the purged
 *   list's rows)
 * @error: a #GError
 *
 * Starts a purge of personal data whose retention has come. It is no
 * undo step (Undo must never bring the rows back): the session records
 * nothing, the audit log gets the rows deleted per table, by count. When
 * it commits, every undo or redo step that holds a row it wrote, or any
 * row of @forget_tables, is dropped, with the older undo steps (and the
 * later redo steps) that could only be applied after it. Publish and
 * index hooks run as for any change.
 *
 * Returns: (transfer full) (nullable): the transaction
 */
SteadTransaction *
stead_workspace_begin_purge (SteadWorkspace     *self,
                             const char         *owner,
                             const char         *summary,
                             const char * const *forget_tables,
                             GError            **error)
{
  SteadTransaction *txn;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (owner != NULL, NULL);
  g_return_val_if_fail (summary != NULL, NULL);

  txn = stead_workspace_transaction_begin (self, owner, summary, STEAD_TXN_PURGE, error);
  if (txn != NULL)
    txn->forget = g_strdupv ((char **) forget_tables);
  return txn;
}

SteadWorkspace *
stead_transaction_get_workspace (SteadTransaction *txn)
{
  g_return_val_if_fail (txn != NULL, NULL);

  return txn->workspace;
}

const char *
stead_transaction_get_owner (SteadTransaction *txn)
{
  g_return_val_if_fail (txn != NULL, NULL);

  return txn->owner;
}

static void stead_workspace_transaction_free_counts (GArray *counts);

static void
stead_workspace_transaction_free (SteadTransaction *txn)
{
  if (txn->workspace->db != NULL && txn->workspace->txn == txn)
    sqlite3_update_hook (txn->workspace->db, NULL, NULL);
  if (txn->session != NULL)
    sqlite3session_delete (txn->session);
  if (txn->bulk != NULL)
    stead_workspace_transaction_free_counts (txn->bulk);
  g_ptr_array_unref (txn->touched);
  g_strfreev (txn->forget);
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
  stead_workspace_transaction_free (txn);
}

gboolean
stead_transaction_exec (SteadTransaction  *txn,
                        const char        *sql,
                        GError           **error)
{
  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  return stead_sql_exec (txn->workspace->db, sql, error);
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

/* ------------------------------------------------------------------------ */
/* Typed values                                                              */

/* Binds @values, text and blobs as @kept says: SQLITE_TRANSIENT copies
 * them, SQLITE_STATIC binds the caller's own, for a statement run (and
 * its bindings cleared) before the caller returns. */
static void
stead_workspace_transaction_bind (sqlite3_stmt            *stmt,
                                  const SteadValue        *values,
                                  guint                    n_values,
                                  sqlite3_destructor_type  kept)
{
  sqlite3_clear_bindings (stmt);
  for (guint i = 0; i < n_values; i++)
    {
      int n = (int) i + 1;

      switch (values[i].type)
        {
        case STEAD_VALUE_TEXT:
          sqlite3_bind_text (stmt, n, values[i].v.text, -1, kept);
          break;
        case STEAD_VALUE_INT:
          sqlite3_bind_int64 (stmt, n, values[i].v.i);
          break;
        case STEAD_VALUE_DOUBLE:
          sqlite3_bind_double (stmt, n, values[i].v.d);
          break;
        case STEAD_VALUE_BLOB:
          sqlite3_bind_blob64 (stmt, n, g_bytes_get_data (values[i].v.blob, NULL),
                               g_bytes_get_size (values[i].v.blob), kept);
          break;
        case STEAD_VALUE_GEOMETRY:
          {
            g_autoptr(GBytes) blob = stead_geometry_to_gpkg (values[i].v.geometry, STEAD_SRS_WGS84);

            sqlite3_bind_blob64 (stmt, n, g_bytes_get_data (blob, NULL), g_bytes_get_size (blob),
                                 SQLITE_TRANSIENT);
          }
          break;
        case STEAD_VALUE_NULL:
        default:
          sqlite3_bind_null (stmt, n);
          break;
        }
    }
}

/**
 * stead_statement_bind:
 * @stmt: a prepared statement
 * @values: (array length=n_values): its parameters, from ?1 on
 * @n_values: how many
 *
 * Binds @values to @stmt's parameters (clearing the others).
 */
void
stead_statement_bind (sqlite3_stmt     *stmt,
                      const SteadValue *values,
                      guint             n_values)
{
  g_return_if_fail (stmt != NULL);

  stead_workspace_transaction_bind (stmt, values, n_values, SQLITE_TRANSIENT);
}

static gboolean
stead_workspace_transaction_is_insert (const char *sql)
{
  while (g_ascii_isspace (*sql))
    sql++;
  return g_ascii_strncasecmp (sql, "INSERT", 6) == 0 ||
         g_ascii_strncasecmp (sql, "REPLACE", 7) == 0;
}

/**
 * stead_transaction_step_values:
 * @txn: a transaction
 * @stmt: a statement prepared in @txn, to run many times
 * @values: (array length=n_values): its parameters
 * @n_values: how many
 * @error: a #GError
 *
 * Binds @values (not copied: they outlive the call), runs @stmt, resets
 * it and clears its bindings.
 *
 * Returns: the new row's id for an INSERT, else the number of rows
 *   changed; -1 on error
 */
gint64
stead_transaction_step_values (SteadTransaction  *txn,
                               sqlite3_stmt      *stmt,
                               const SteadValue  *values,
                               guint              n_values,
                               GError           **error)
{
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (txn != NULL, -1);
  g_return_val_if_fail (stmt != NULL, -1);

  db = txn->workspace->db;
  /* The values outlive the step: bound, not copied (a bulk import runs
   * this a million times), and unbound again before they go. */
  stead_workspace_transaction_bind (stmt, values, n_values, SQLITE_STATIC);
  ok = stead_transaction_step (txn, stmt, error);
  sqlite3_clear_bindings (stmt);
  if (!ok)
    return -1;
  if (stead_workspace_transaction_is_insert (sqlite3_sql (stmt)) && sqlite3_changes (db) > 0)
    return sqlite3_last_insert_rowid (db);
  return sqlite3_changes (db);
}

/* Statements run by stead_transaction_run() are prepared once per
 * workspace: the SQL is constant text in the callers' code. */
static sqlite3_stmt *
stead_workspace_transaction_cached (SteadTransaction  *txn,
                                    const char        *sql,
                                    GError           **error)
{
  SteadWorkspace *self = txn->workspace;
  sqlite3_stmt *stmt;

  g_mutex_lock (&self->statements_lock);
  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

      if (rc != SQLITE_OK)
        {
          g_mutex_unlock (&self->statements_lock);
          stead_sqlite_set_error (error, self->db, rc, _("Could not prepare a change"));
          return NULL;
        }
      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
    }
  g_mutex_unlock (&self->statements_lock);
  return stmt;
}

/**
 * stead_transaction_run:
 * @txn: a transaction
 * @sql: one constant SQL statement, with `?` for every value
 * @values: (array length=n_values): its parameters
 * @n_values: how many
 * @error: a #GError
 *
 * Runs one statement of a transaction of several, e.g.
 * `stead_transaction_run (txn, "DELETE FROM x WHERE id = ?", STEAD_ARGS (STEAD_INT (id)), &error)`.
 *
 * Returns: the new row's id for an INSERT, else the number of rows
 *   changed; -1 on error
 */
gint64
stead_transaction_run (SteadTransaction  *txn,
                       const char        *sql,
                       const SteadValue  *values,
                       guint              n_values,
                       GError           **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, -1);
  g_return_val_if_fail (sql != NULL, -1);

  stmt = stead_workspace_transaction_cached (txn, sql, error);
  if (stmt == NULL)
    return -1;
  return stead_transaction_step_values (txn, stmt, values, n_values, error);
}

/**
 * stead_workspace_edit:
 * @self: a #SteadWorkspace
 * @owner: the plugin's module name
 * @summary: the undo step's label (no personal data)
 * @sql: one constant SQL statement that writes
 * @values: (array length=n_values): its parameters
 * @n_values: how many
 * @error: a #GError
 *
 * One statement as one undo step: begins a transaction, runs @sql with
 * @values, and commits (running the plugins' publish and index hooks).
 * An UPDATE or DELETE that matches no row fails with
 * %G_IO_ERROR_NOT_FOUND and changes nothing.
 *
 * Returns: the new row's id for an INSERT, else the number of rows
 *   changed; 0 on error
 */
gint64
stead_workspace_edit (SteadWorkspace    *self,
                      const char        *owner,
                      const char        *summary,
                      const char        *sql,
                      const SteadValue  *values,
                      guint              n_values,
                      GError           **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  gint64 result;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), 0);
  g_return_val_if_fail (sql != NULL, 0);

  txn = stead_workspace_begin (self, owner, summary, error);
  if (txn == NULL)
    return 0;
  result = stead_transaction_run (txn, sql, values, n_values, error);
  if (result < 0)
    return 0;
  if (result == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("It no longer exists"));
      return 0;
    }
  if (!stead_transaction_commit (g_steal_pointer (&txn), error))
    return 0;
  return result;
}

/**
 * stead_transaction_query_int64:
 * @txn: a transaction
 * @sql: a constant SELECT giving one integer
 * @values: (array length=n_values): its parameters
 * @n_values: how many
 * @value: (out): the integer, or 0 when there is no row or it is NULL
 *
 * Returns: %TRUE if there was a row
 */
gboolean
stead_transaction_query_int64 (SteadTransaction *txn,
                               const char       *sql,
                               const SteadValue *values,
                               guint             n_values,
                               gint64           *value)
{
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (txn != NULL, FALSE);

  *value = 0;
  stmt = stead_workspace_transaction_cached (txn, sql, NULL);
  if (stmt == NULL)
    return FALSE;
  stead_workspace_transaction_bind (stmt, values, n_values, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return found;
}

/* ------------------------------------------------------------------------ */
/* What a transaction touched                                               */

/**
 * stead_transaction_get_rowids:
 * @txn: a transaction
 * @table: a table
 * @n_rowids: (out): how many
 *
 * For publish and index hooks that work row by row: the rows of @table
 * this transaction has written so far.
 *
 * Returns: (nullable) (array length=n_rowids): the rowids, or %NULL if
 *   the table was not touched (@n_rowids 0) or too many rows were to
 *   keep (@n_rowids G_MAXUINT: treat every row as changed)
 */
const gint64 *
stead_transaction_get_rowids (SteadTransaction *txn,
                              const char       *table,
                              guint            *n_rowids)
{
  g_return_val_if_fail (txn != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);

  *n_rowids = 0;
  for (guint i = 0; i < txn->touched->len; i++)
    {
      SteadTouched *touched = g_ptr_array_index (txn->touched, i);

      if (strcmp (touched->table, table) != 0)
        continue;
      if (touched->rowids == NULL)
        {
          *n_rowids = G_MAXUINT;
          return NULL;
        }
      *n_rowids = touched->rowids->len;
      return (const gint64 *) (gpointer) touched->rowids->data;
    }
  return NULL;
}

/**
 * stead_transaction_get_changed_rows:
 * @txn: a transaction, in a publish or index hook
 * @tables: (nullable): the tables it touched, as the hook was given them
 *   (%NULL: everything is being rebuilt)
 * @sources: what the derived data is made from, ';'-separated ("risks_risk;taxonomy")
 * @table: the one of @sources whose rows the derived rows follow
 * @rowids: (out) (array length=n_rowids): its rows written in @txn
 * @n_rowids: (out): how many
 *
 * Returns: %TRUE if only @table's rows in @rowids need doing again
 */
gboolean
stead_transaction_get_changed_rows (SteadTransaction    *txn,
                                    const char * const  *tables,
                                    const char          *sources,
                                    const char          *table,
                                    const gint64       **rowids,
                                    guint               *n_rowids)
{
  g_auto(GStrv) names = NULL;

  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (sources != NULL && table != NULL, FALSE);

  *rowids = NULL;
  *n_rowids = 0;
  if (tables == NULL)
    return FALSE;
  names = g_strsplit (sources, ";", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      /* Another source changed: its rows are not the derived rows' own. */
      for (guint t = 0; tables[t] != NULL; t++)
        if (names[i][0] != '\0' && strcmp (tables[t], table) != 0 &&
            stead_tables_have ((const char * const[]) { tables[t], NULL }, names[i]))
          return FALSE;
    }
  *rowids = stead_transaction_get_rowids (txn, table, n_rowids);
  return *n_rowids != G_MAXUINT;
}

static GStrv
stead_workspace_transaction_touched_tables (SteadTransaction *txn)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < txn->touched->len; i++)
    g_strv_builder_add (builder, ((SteadTouched *) g_ptr_array_index (txn->touched, i))->table);
  if (txn->bulk != NULL)
    for (guint i = 0; i < txn->bulk->len; i++)
      g_strv_builder_add (builder, g_array_index (txn->bulk, AuditCount, i).table);
  return g_strv_builder_end (builder);
}

/**
 * stead_tables_have:
 * @tables: (nullable): tables a transaction touched; %NULL means all
 * @name: a table name, or a prefix ending in "_" ("partners_")
 *
 * Returns: whether @tables holds @name or a table with that prefix
 */
gboolean
stead_tables_have (const char * const *tables,
                   const char         *name)
{
  gboolean prefix;

  g_return_val_if_fail (name != NULL, FALSE);

  if (tables == NULL)
    return TRUE;
  prefix = g_str_has_suffix (name, "_");
  for (guint i = 0; tables[i] != NULL; i++)
    if (prefix ? g_str_has_prefix (tables[i], name) : strcmp (tables[i], name) == 0)
      return TRUE;
  return FALSE;
}

typedef struct
{
  char            *tables;
  SteadReloadFunc  reload;
} SteadFollow;

static void
stead_workspace_transaction_follow_free (gpointer data)
{
  SteadFollow *follow = data;

  g_free (follow->tables);
  g_free (follow);
}

static void
stead_workspace_follow_changed (SteadWorkspace     *workspace,
                                const char * const *tables,
                                gpointer            owner)
{
  static GQuark quark;
  SteadFollow *follow;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("stead-follow");
  follow = g_object_get_qdata (owner, quark);
  if (follow != NULL && stead_tables_have (tables, follow->tables))
    follow->reload (owner);
}

/**
 * stead_workspace_follow:
 * @slot: (inout) (nullable): where @owner keeps its workspace
 * @workspace: (nullable): the workspace to show, or %NULL for none
 * @owner: a #GObject
 * @tables: a table, or a prefix ending in '_' ("partners_")
 * @reload: (scope notified): what brings @owner up to date
 *
 * Replaces the boilerplate of a view following a workspace: drops the
 * old one, keeps @workspace, reloads now and on each change to @tables.
 */
void
stead_workspace_follow (SteadWorkspace  **slot,
                        SteadWorkspace   *workspace,
                        gpointer          owner,
                        const char       *tables,
                        SteadReloadFunc   reload)
{
  SteadFollow *follow;

  g_return_if_fail (slot != NULL);
  g_return_if_fail (workspace == NULL || STEAD_IS_WORKSPACE (workspace));
  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (tables != NULL && reload != NULL);

  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, stead_workspace_follow_changed, owner);
  g_set_object (slot, workspace);
  follow = g_new0 (SteadFollow, 1);
  follow->tables = g_strdup (tables);
  follow->reload = reload;
  g_object_set_qdata_full (owner, g_quark_from_static_string ("stead-follow"), follow,
                           stead_workspace_transaction_follow_free);
  if (workspace != NULL)
    g_signal_connect_object (workspace, "changed", G_CALLBACK (stead_workspace_follow_changed),
                             owner, 0);
  reload (owner);
}

typedef struct
{
  SteadTransaction  *txn;
  const char        *kind;
  gint64             id;
  GStrv              tables;
  gboolean           publish;
  gboolean           ok;
  GError           **error;
} HookData;

static void
stead_workspace_transaction_run_hook (SteadWorkspace *workspace,
                                      const char     *module_name,
                                      GObject        *addin,
                                      gpointer        user_data)
{
  HookData *data = user_data;

  if (!data->ok)
    return;
  if (data->publish)
    data->ok = stead_workspace_addin_publish (STEAD_WORKSPACE_ADDIN (addin), data->txn,
                                              (const char * const *) data->tables, data->error);
  else
    data->ok = stead_workspace_addin_index (STEAD_WORKSPACE_ADDIN (addin), data->txn,
                                            (const char * const *) data->tables, data->error);
  if (!data->ok && data->error != NULL && *data->error != NULL)
    g_prefix_error (data->error, "%s: ", module_name);
}

/* The areas are the core's own records in the search index; their edges
 * are what the need_area and resource_area views test points against. */
static gboolean
stead_workspace_transaction_index_areas (SteadTransaction  *txn,
                                         GStrv              tables,
                                         GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const gint64 *rowids;
  guint n = 0;

  if (!stead_tables_have ((const char * const *) tables, "area"))
    return TRUE;
  rowids = tables != NULL ? stead_transaction_get_rowids (txn, "area", &n) : NULL;
  if (!stead_area_edges_update (txn, rowids, n, error))
    return FALSE;
  if (rowids == NULL)
    {
      if (!stead_search_delete_all (txn, STEAD_CORE_OWNER, "area", error))
        return FALSE;
      stmt = stead_transaction_prepare (
        txn, "SELECT fid, name, kind || ' ' || coalesce (code, '') FROM area", error);
    }
  else
    {
      for (guint i = 0; i < n; i++)
        if (!stead_search_delete (txn, STEAD_CORE_OWNER, "area", rowids[i], error))
          return FALSE;
      stmt =
        stead_transaction_prepare (txn,
                                   "SELECT fid, name, kind || ' ' || coalesce (code, '') FROM area "
                                   "WHERE fid = ?",
                                   error);
    }
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; rowids == NULL ? i == 0 : i < n; i++)
    {
      if (rowids != NULL)
        {
          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, rowids[i]);
        }
      while (sqlite3_step (stmt) == SQLITE_ROW)
        if (!stead_search_put (txn, STEAD_CORE_OWNER, "area", sqlite3_column_int64 (stmt, 0),
                               (const char *) sqlite3_column_text (stmt, 1),
                               (const char *) sqlite3_column_text (stmt, 2), error))
          return FALSE;
    }
  return TRUE;
}

/* Derived data, in the committing transaction: the plugins' need and
 * resource rows (not when undoing or redoing: the step holds them), then
 * the search index of everything touched. */
static gboolean
stead_workspace_transaction_run_hooks (SteadTransaction  *txn,
                                       GError           **error)
{
  HookData data = { txn, NULL, 0, NULL, TRUE, TRUE, error };
  gboolean all = txn->kind == STEAD_TXN_INDEX;

  if (txn->touched->len == 0 && txn->bulk == NULL && !all)
    return TRUE;

  if (txn->kind == STEAD_TXN_NORMAL || txn->kind == STEAD_TXN_BULK ||
      txn->kind == STEAD_TXN_PURGE)
    {
      data.tables = stead_workspace_transaction_touched_tables (txn);
      stead_workspace_foreach_addin (txn->workspace, stead_workspace_transaction_run_hook, &data);
      g_clear_pointer (&data.tables, g_strfreev);
      if (!data.ok)
        return FALSE;
    }

  data.publish = FALSE;
  data.tables = all ? NULL : stead_workspace_transaction_touched_tables (txn);
  if (!stead_workspace_transaction_index_areas (txn, data.tables, error))
    data.ok = FALSE;
  else
    stead_workspace_foreach_addin (txn->workspace, stead_workspace_transaction_run_hook, &data);
  g_clear_pointer (&data.tables, g_strfreev);
  return data.ok;
}

/* ------------------------------------------------------------------------ */
/* Records other plugins refer to                                           */

static void
stead_workspace_transaction_removed_hook (SteadWorkspace *workspace,
                                          const char     *module_name,
                                          GObject        *addin,
                                          gpointer        user_data)
{
  HookData *data = user_data;

  if (data->ok)
    data->ok = stead_workspace_addin_record_removed (STEAD_WORKSPACE_ADDIN (addin), data->txn,
                                                     data->kind, data->id, data->error);
}

/**
 * stead_transaction_record_removed:
 * @txn: the transaction removing the record
 * @kind: its kind ("organisation")
 * @id: its id
 * @error: a #GError
 *
 * Called by the plugin that owns a record, in the transaction that
 * removes it: every plugin clears its references to the record (in the
 * same undo step) or refuses, saying why.
 *
 * Returns: %FALSE if a plugin refused; roll back then
 */
gboolean
stead_transaction_record_removed (SteadTransaction  *txn,
                                  const char        *kind,
                                  gint64             id,
                                  GError           **error)
{
  HookData data = { txn, kind, id, NULL, FALSE, TRUE, error };

  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  /* The core's own reference: needs assigned to a partner organisation
   * (stead-casework.c) are no longer assigned to anyone. */
  if (g_str_equal (kind, "organisation") &&
      stead_transaction_run (txn,
                             "UPDATE need SET assignee = NULL, "
                             "  status = CASE WHEN status = 'assigned' THEN 'open' ELSE status END "
                             "WHERE assignee = ?1",
                             STEAD_ARGS (STEAD_INT (id)), error) < 0)
    return FALSE;
  stead_workspace_foreach_addin (txn->workspace, stead_workspace_transaction_removed_hook, &data);
  return data.ok;
}

/* ------------------------------------------------------------------------ */
/* Commit                                                                    */

static const char *
stead_workspace_transaction_op_name (int op)
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
stead_workspace_transaction_count_changes (const void *changeset,
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

/* A bulk transaction's counts: what the update hook saw, per table and
 * action, in the order tables first appear. */
static GArray *
stead_workspace_transaction_count_touched (SteadTransaction *txn)
{
  GArray *counts = g_array_new (FALSE, TRUE, sizeof (AuditCount));

  for (guint i = 0; i < txn->touched->len; i++)
    {
      const SteadTouched *touched = g_ptr_array_index (txn->touched, i);
      const struct { int op; guint rows; } ops[] = {
        { SQLITE_INSERT, touched->inserted },
        { SQLITE_UPDATE, touched->updated },
        { SQLITE_DELETE, touched->deleted },
      };

      for (guint o = 0; o < G_N_ELEMENTS (ops); o++)
        if (ops[o].rows > 0)
          {
            AuditCount c = { g_strdup (touched->table), ops[o].op, ops[o].rows };
            g_array_append_val (counts, c);
          }
    }
  return counts;
}

static void
stead_workspace_transaction_free_counts (GArray *counts)
{
  for (guint i = 0; i < counts->len; i++)
    g_free (g_array_index (counts, AuditCount, i).table);
  g_array_unref (counts);
}

static gboolean
stead_workspace_transaction_write_audit (SteadTransaction  *txn,
                                         GArray            *counts,
                                         GError           **error)
{
  sqlite3 *db = txn->workspace->db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = stead_now_iso8601 ();
  gint64 txn_id = 1;

  if (sqlite3_prepare_v2 (db, "SELECT coalesce(max(txn), 0) + 1 FROM stead_audit", -1, &stmt,
                          NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    txn_id = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO stead_audit (txn, time, owner, table_name, action, rows, "
                          "summary) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return stead_sqlite_set_error (error, db, sqlite3_errcode (db),
                                   _("Could not write the audit log"));

  for (guint i = 0; i < counts->len; i++)
    {
      const AuditCount *c = &g_array_index (counts, AuditCount, i);

      sqlite3_bind_int64 (stmt, 1, txn_id);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, txn->owner, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, c->table, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, stead_workspace_transaction_op_name (c->op), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, c->rows);
      sqlite3_bind_text (stmt, 7, txn->summary, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return stead_sqlite_set_error (error, db, sqlite3_errcode (db),
                                       _("Could not write the audit log"));
      sqlite3_reset (stmt);
    }

  return TRUE;
}

/* Whether an undo or redo step holds a row @purge wrote, or any row of
 * the tables it forgets. */
static gboolean
stead_workspace_transaction_step_holds (SteadTransaction *purge,
                                        GHashTable       *rows,
                                        SteadUndoStep    *step)
{
  sqlite3_changeset_iter *iter = NULL;
  gboolean holds = FALSE;

  if (sqlite3changeset_start (&iter, g_bytes_get_size (step->changeset),
                              (void *) g_bytes_get_data (step->changeset, NULL)) != SQLITE_OK)
    return TRUE;   /* unreadable: not worth the risk */

  while (!holds && sqlite3changeset_next (iter) == SQLITE_ROW)
    {
      const char *table;
      int n_cols, op, indirect;
      unsigned char *pk = NULL;
      sqlite3_value *value = NULL;
      const SteadTouched *touched = NULL;

      sqlite3changeset_op (iter, &table, &n_cols, &op, &indirect);
      if (purge->forget != NULL && g_strv_contains ((const char * const *) purge->forget, table))
        {
          holds = TRUE;
          break;
        }
      for (guint i = 0; i < purge->touched->len && touched == NULL; i++)
        if (strcmp (((SteadTouched *) g_ptr_array_index (purge->touched, i))->table, table) == 0)
          touched = g_ptr_array_index (purge->touched, i);
      if (touched == NULL)
        continue;
      if (touched->rowids == NULL)
        {
          holds = TRUE;   /* too many to keep: every row of the table */
          break;
        }
      sqlite3changeset_pk (iter, &pk, &n_cols);
      for (int c = 0; c < n_cols && value == NULL; c++)
        if (pk[c])
          {
            if (op == SQLITE_INSERT)
              sqlite3changeset_new (iter, c, &value);
            else
              sqlite3changeset_old (iter, c, &value);
          }
      if (value == NULL || sqlite3_value_type (value) != SQLITE_INTEGER)
        holds = TRUE;
      else
        {
          g_autofree char *key =
            g_strdup_printf ("%s:%" G_GINT64_FORMAT, table,
                             (gint64) sqlite3_value_int64 (value));

          holds = g_hash_table_contains (rows, key);
        }
    }
  sqlite3changeset_finalize (iter);
  return holds;
}

/* Drops from @queue (undo or redo, the next step at its head) the first
 * step holding what @purge deleted, and every step beyond it, which could
 * only be applied after it. */
static void
stead_workspace_transaction_forget (SteadTransaction *purge,
                                    GQueue           *queue)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint first = 0;

  for (guint i = 0; i < purge->touched->len; i++)
    {
      const SteadTouched *touched = g_ptr_array_index (purge->touched, i);

      for (guint r = 0; touched->rowids != NULL && r < touched->rowids->len; r++)
        g_hash_table_add (rows, g_strdup_printf ("%s:%" G_GINT64_FORMAT, touched->table,
                                                 g_array_index (touched->rowids, gint64, r)));
    }
  for (GList *l = queue->head; l != NULL; l = l->next, first++)
    if (stead_workspace_transaction_step_holds (purge, rows, l->data))
      break;
  while (g_queue_get_length (queue) > first)
    stead_undo_step_free (g_queue_pop_tail (queue));
}

/**
 * stead_transaction_commit:
 * @txn: (transfer full): a transaction
 * @error: a #GError
 *
 * Runs the plugins' publish and index hooks in @txn, then commits it:
 * writes its audit rows, makes it the undo step and emits
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

  if (!stead_workspace_transaction_run_hooks (txn, error))
    {
      stead_transaction_rollback (txn);
      return FALSE;
    }

  rc = txn->session != NULL ? sqlite3session_changeset (txn->session, &size, &changeset)
                            : SQLITE_OK;
  if (rc != SQLITE_OK)
    {
      stead_sqlite_set_error (error, self->db, rc, _("Could not record the change"));
      stead_transaction_rollback (txn);
      return FALSE;
    }

  counts = txn->session != NULL ? stead_workspace_transaction_count_changes (changeset, size)
                                : stead_workspace_transaction_count_touched (txn);
  if (txn->bulk != NULL)
    {
      for (guint i = 0; i < txn->bulk->len; i++)
        {
          AuditCount c = g_array_index (txn->bulk, AuditCount, i);

          c.table = g_strdup (c.table);
          g_array_append_val (counts, c);
        }
    }
  if (counts->len > 0 && !stead_workspace_transaction_write_audit (txn, counts, error))
    {
      stead_workspace_transaction_free_counts (counts);
      sqlite3_free (changeset);
      stead_transaction_rollback (txn);
      return FALSE;
    }

  sqlite3_update_hook (self->db, NULL, NULL);
  rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      stead_sqlite_set_error (error, self->db, rc, _("Could not save the change"));
      stead_workspace_transaction_free_counts (counts);
      sqlite3_free (changeset);
      stead_transaction_rollback (txn);
      return FALSE;
    }

  if (size > 0)
    {
      SteadUndoStep *step = g_new0 (SteadUndoStep, 1);

      step->owner = g_strdup (txn->owner);
      step->summary = g_strdup (txn->summary);
      step->changeset = g_bytes_new (changeset, size);

      switch (txn->kind)
        {
        case STEAD_TXN_NORMAL:
          g_queue_clear_full (&self->redo, (GDestroyNotify) stead_undo_step_free);
          g_queue_push_head (&self->undo, step);
          while (g_queue_get_length (&self->undo) > MAX_UNDO_STEPS)
            stead_undo_step_free (g_queue_pop_tail (&self->undo));
          break;

        case STEAD_TXN_UNDO:
          /* The step undone moves to the redo stack with its original
           * summary; its own changeset is what redo re-applies. */
          stead_undo_step_free (step);
          g_queue_push_head (&self->redo, g_queue_pop_head (&self->undo));
          break;

        case STEAD_TXN_REDO:
          stead_undo_step_free (step);
          g_queue_push_head (&self->undo, g_queue_pop_head (&self->redo));
          break;

        case STEAD_TXN_INDEX:
        default:
          stead_undo_step_free (step);
          break;
        }
    }
  else if (txn->kind == STEAD_TXN_BULK && counts->len > 0)
    {
      g_queue_clear_full (&self->undo, (GDestroyNotify) stead_undo_step_free);
      g_queue_clear_full (&self->redo, (GDestroyNotify) stead_undo_step_free);
    }
  else if (txn->kind == STEAD_TXN_PURGE && counts->len > 0)
    {
      stead_workspace_transaction_forget (txn, &self->undo);
      stead_workspace_transaction_forget (txn, &self->redo);
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
  stead_workspace_transaction_free_counts (counts);

  stead_workspace_transaction_free (txn);

  if (tables->len > 1)
    {
      if (g_strv_contains ((const char * const *) tables->pdata, "stead_workspace"))
        stead_workspace_refresh_area_name (self);
      stead_workspace_notify_undo_state (self);
      stead_workspace_emit_changed (self, (const char * const *) tables->pdata);
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

/**
 * stead_transaction_pause_session:
 * @txn: a transaction
 * @pause: %TRUE before writes to tables the session does not record
 *   (stead_session_records_table() is %FALSE for them), %FALSE after
 *
 * While paused, the session's hook does not ask which table each row
 * written is in, which the bulk load of a million rows of reference data
 * (the postcode directory) would otherwise do a million times. Nothing
 * the undo history keeps may be written in between.
 */
void
stead_transaction_pause_session (SteadTransaction *txn,
                                 gboolean          pause)
{
  g_return_if_fail (txn != NULL);

  /* A transaction that is not an undo step (the demo) records nothing. */
  if (txn->session != NULL)
    sqlite3session_enable (txn->session, !pause);
}

/**
 * stead_workspace_reindex:
 * @self: a #SteadWorkspace
 * @error: a #GError
 *
 * Rebuilds the search index of every record (after the index's own
 * schema changed). Not an undo step.
 */
gboolean
stead_workspace_reindex (SteadWorkspace  *self,
                         GError         **error)
{
  SteadTransaction *txn;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), FALSE);

  txn = stead_workspace_transaction_begin (self, STEAD_CORE_OWNER, _("Rebuild the search index"),
                                           STEAD_TXN_INDEX, error);
  if (txn == NULL)
    return FALSE;
  return stead_transaction_commit (txn, error);
}

/* ------------------------------------------------------------------------ */
/* Undo and redo                                                             */

static int
stead_workspace_transaction_abort_on_conflict (void                   *user_data,
                                               int                     conflict,
                                               sqlite3_changeset_iter *iter)
{
  return SQLITE_CHANGESET_ABORT;
}

static gboolean
stead_workspace_transaction_apply_in_txn (SteadWorkspace  *self,
                                          SteadUndoStep   *step,
                                          SteadTxnKind     kind,
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
  summary =
    g_strdup_printf (kind == STEAD_TXN_UNDO ? _("Undo “%s”") : _("Redo “%s”"), step->summary);

  if (!(txn = stead_workspace_transaction_begin (self, step->owner, summary, kind, error)))
    return FALSE;

  if (kind == STEAD_TXN_UNDO)
    {
      rc = sqlite3changeset_invert ((int) size, data, &n_inverted, &inverted);
      if (rc != SQLITE_OK)
        {
          stead_transaction_rollback (txn);
          return stead_sqlite_set_error (error, self->db, rc, _("Could not undo"));
        }
      rc = sqlite3changeset_apply (self->db, n_inverted, inverted, NULL,
                                   stead_workspace_transaction_abort_on_conflict, NULL);
      sqlite3_free (inverted);
    }
  else
    {
      rc = sqlite3changeset_apply (self->db, (int) size, (void *) data, NULL,
                                   stead_workspace_transaction_abort_on_conflict, NULL);
    }

  /* Foreign keys were off while the step was applied (it holds every row
   * its change touched, cascades included); the result must still hold. */
  if (rc == SQLITE_OK &&
      sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &check, NULL) == SQLITE_OK &&
      sqlite3_step (check) == SQLITE_ROW)
    rc = SQLITE_CONSTRAINT_FOREIGNKEY;

  if (rc != SQLITE_OK)
    {
      stead_transaction_rollback (txn);
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_CONFLICT,
                   kind == STEAD_TXN_UNDO ? _("Cannot undo “%s”: the data has changed since")
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
stead_workspace_transaction_apply (SteadWorkspace  *self,
                                   SteadUndoStep   *step,
                                   SteadTxnKind     kind,
                                   GError         **error)
{
  gboolean ok;

  sqlite3_exec (self->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
  ok = stead_workspace_transaction_apply_in_txn (self, step, kind, error);
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
  SteadUndoStep *step;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), NULL);

  step = g_queue_peek_head (&self->undo);
  return step != NULL ? step->summary : NULL;
}

const char *
stead_workspace_get_redo_label (SteadWorkspace *self)
{
  SteadUndoStep *step;

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
  SteadUndoStep *step;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), FALSE);

  if (!(step = g_queue_peek_head (&self->undo)))
    {
      g_set_error_literal (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_CONFLICT,
                           _("There is nothing to undo"));
      return FALSE;
    }

  return stead_workspace_transaction_apply (self, step, STEAD_TXN_UNDO, error);
}

gboolean
stead_workspace_redo (SteadWorkspace  *self,
                      GError         **error)
{
  SteadUndoStep *step;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (self), FALSE);

  if (!(step = g_queue_peek_head (&self->redo)))
    {
      g_set_error_literal (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_CONFLICT,
                           _("There is nothing to redo"));
      return FALSE;
    }

  return stead_workspace_transaction_apply (self, step, STEAD_TXN_REDO, error);
}

/* ------------------------------------------------------------------------ */
/* Core tables                                                               */

static char *
stead_workspace_transaction_unix_to_iso8601 (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  if (dt == NULL)
    return NULL;
  return stead_datetime_format (dt);
}

gint64
stead_transaction_insert_area (SteadTransaction  *txn,
                               const char        *kind,
                               const char        *code,
                               const char        *name,
                               SteadGeometry     *geometry,
                               GError           **error)
{
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

  return stead_transaction_run (txn,
                                "INSERT INTO area (geom, kind, code, name) VALUES (?, ?, ?, ?)",
                                STEAD_ARGS (STEAD_GEOMETRY (geometry), STEAD_STRING (kind),
                                            STEAD_STRING (code), STEAD_STRING (name)),
                                error);
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
  g_autoptr(SteadGeometry) point = stead_geometry_new_point (lon, lat);
  g_autofree char *opened = stead_workspace_transaction_unix_to_iso8601 (opened_unix);

  g_return_val_if_fail (txn != NULL, -1);
  g_return_val_if_fail (kind != NULL, -1);

  return stead_transaction_run (
    txn,
    "INSERT INTO need (geom, kind, title, people, urgency, status, opened, owner, owner_ref) "
    "VALUES (?, ?, ?, ?, ?, coalesce (?, 'open'), ?, ?, ?)",
    STEAD_ARGS (STEAD_GEOMETRY (point), STEAD_STRING (kind), STEAD_STRING (title),
                STEAD_INT (people), STEAD_INT (urgency), STEAD_TEXT (status), STEAD_TEXT (opened),
                STEAD_TEXT (owner), STEAD_INT_OR_NULL (owner_ref, owner_ref > 0)),
    error);
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
  g_autoptr(SteadGeometry) point = stead_geometry_new_point (lon, lat);

  g_return_val_if_fail (txn != NULL, -1);
  g_return_val_if_fail (kind != NULL, -1);

  return stead_transaction_run (
    txn,
    "INSERT INTO resource (geom, kind, title, capacity, availability, owner, owner_ref) "
    "VALUES (?, ?, ?, ?, coalesce (?, 'available'), ?, ?)",
    STEAD_ARGS (STEAD_GEOMETRY (point), STEAD_STRING (kind), STEAD_STRING (title),
                STEAD_INT (capacity), STEAD_TEXT (availability), STEAD_TEXT (owner),
                STEAD_INT_OR_NULL (owner_ref, owner_ref > 0)),
    error);
}
