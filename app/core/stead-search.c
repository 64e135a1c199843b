/* stead-search.c: the workspace's search index, and searching it
 *
 * stead_search is an FTS5 table written only by index hooks (inside the
 * committing transaction); stead_search_key maps (owner, kind, ref) to
 * the entry's rowid so an entry is replaced without scanning the index.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-search"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-record-provider.h"
#include "stead-search-private.h"
#include "stead-search.h"
#include "stead-value.h"
#include "stead-workspace-private.h"

void
stead_search_hit_free (SteadSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->owner);
  g_free (hit->kind);
  g_free (hit->title);
  g_free (hit->snippet);
  g_free (hit);
}

/**
 * stead_search_make_query:
 * @text: what the user typed
 *
 * Turns free text into an FTS5 query: every word must match, each as the
 * start of a word ("sev red" finds "Severnvale Red Cross"). FTS5 syntax in
 * @text has no effect: words are quoted.
 *
 * Returns: (transfer full) (nullable): the query, or %NULL if @text has no
 *   words
 */
char *
stead_search_make_query (const char *text)
{
  g_autoptr(GString) query = NULL;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;
  query = g_string_new (NULL);
  p = text;
  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        {
          if (query->len > 0)
            g_string_append_c (query, ' ');
          g_string_append_c (query, '"');
          g_string_append_len (query, start, p - start);
          g_string_append (query, "\"*");
        }
    }
  if (query->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
}

static GPtrArray *
stead_search_hits_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) stead_search_hit_free);
}

/* What every search runs: the best @limit entries for @query, titles
 * counting eight times the rest. */
#define STEAD_SEARCH_SQL                                                        \
  "SELECT owner, kind, ref, title, "                                            \
  "  nullif (snippet (stead_search, 4, '', '', '…', 10), '') "                  \
  "FROM stead_search WHERE stead_search MATCH ?1 "                              \
  "ORDER BY bm25 (stead_search, 0, 0, 0, 8.0, 1.0) LIMIT ?2"

/* Runs the search on @db (the workspace's connection, or a reader of its
 * own in a thread). Also what the map's place search asks. */
GPtrArray *
stead_search_run (sqlite3     *db,
                  const char  *query,
                  guint        limit,
                  GError     **error)
{
  g_autoptr(GPtrArray) hits = stead_search_hits_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, STEAD_SEARCH_SQL, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      stead_sqlite_set_error (error, db, rc, _("Could not search"));
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int) MIN (limit, G_MAXINT));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SteadSearchHit *hit = g_new0 (SteadSearchHit, 1);

      hit->owner = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      hit->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      hit->ref = sqlite3_column_int64 (stmt, 2);
      hit->title = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      hit->snippet = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (hits, hit);
    }
  if (rc != SQLITE_DONE)
    {
      stead_sqlite_set_error (error, db, rc, _("Could not search"));
      return NULL;
    }
  return g_steal_pointer (&hits);
}

/**
 * stead_workspace_search:
 * @workspace: a #SteadWorkspace
 * @text: what the user typed
 * @limit: at most this many hits
 * @error: a #GError
 *
 * Searches what the core and the plugins indexed: titles count more than
 * text. Reads only.
 *
 * Returns: (transfer container) (element-type SteadSearchHit): the hits,
 *   best first
 */
GPtrArray *
stead_workspace_search (SteadWorkspace  *workspace,
                        const char      *text,
                        guint            limit,
                        GError         **error)
{
  g_autofree char *query = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  query = stead_search_make_query (text);
  if (query == NULL || limit == 0)
    return stead_search_hits_new ();
  if (workspace->db == NULL)
    {
      g_set_error_literal (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_CLOSED,
                           _("The workspace is closed"));
      return NULL;
    }
  return stead_search_run (workspace->db, query, limit, error);
}

typedef struct
{
  char  *query;
  guint  limit;
} SteadSearchJob;

static void
stead_search_job_free (SteadSearchJob *job)
{
  g_free (job->query);
  g_free (job);
}

static void
stead_search_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  SteadSearchJob *job = task_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *hits;
  sqlite3 *db;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!(db = stead_workspace_open_reader (source_object, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  hits = stead_search_run (db, job->query, job->limit, &error);
  sqlite3_close (db);
  if (hits == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, hits, (GDestroyNotify) g_ptr_array_unref);
  else
    g_ptr_array_unref (hits);
}

/**
 * stead_workspace_search_async:
 * @workspace: a #SteadWorkspace
 * @text: what the user typed
 * @limit: at most this many hits
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the hits
 * @user_data: for @callback
 *
 * Searches as stead_workspace_search() does, in a thread on a read-only
 * connection of its own, so a large index never holds up the window.
 * What it finds is what was committed when it ran.
 */
void
stead_workspace_search_async (SteadWorkspace      *workspace,
                              const char          *text,
                              guint                limit,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SteadSearchJob *job;

  g_return_if_fail (STEAD_IS_WORKSPACE (workspace));
  g_return_if_fail (text != NULL);

  task = g_task_new (workspace, cancellable, callback, user_data);
  g_task_set_source_tag (task, stead_workspace_search_async);
  job = g_new0 (SteadSearchJob, 1);
  job->query = stead_search_make_query (text);
  job->limit = limit;
  g_task_set_task_data (task, job, (GDestroyNotify) stead_search_job_free);
  if (job->query == NULL || limit == 0)
    {
      g_task_return_pointer (task, stead_search_hits_new (), (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  g_task_run_in_thread (task, stead_search_thread);
}

/**
 * stead_workspace_search_finish:
 * @workspace: a #SteadWorkspace
 * @result: the #GAsyncResult
 * @error: a #GError; %G_IO_ERROR_CANCELLED if it was cancelled
 *
 * Returns: (transfer container) (element-type SteadSearchHit): the hits,
 *   best first
 */
GPtrArray *
stead_workspace_search_finish (SteadWorkspace  *workspace,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, workspace), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * stead_workspace_search_is_empty:
 * @workspace: a #SteadWorkspace
 *
 * Returns: %TRUE if nothing is indexed yet: no search can find anything
 */
gboolean
stead_workspace_search_is_empty (SteadWorkspace *workspace)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), TRUE);

  stmt = stead_workspace_prepare (workspace, "SELECT NOT EXISTS (SELECT 1 FROM stead_search_key)",
                                  NULL);
  return stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) != 0;
}

/**
 * stead_workspace_get_kind_label:
 * @workspace: a #SteadWorkspace
 * @kind: a kind of record ("organisation", "area"…)
 *
 * What a user calls a record of @kind, as the plugin that provides it
 * says ("partner"), in lower case for the middle of a sentence; @kind
 * itself if no enabled plugin provides it.
 *
 * Returns: (transfer none): the label, translated
 */
const char *
stead_workspace_get_kind_label (SteadWorkspace *workspace,
                                const char     *kind)
{
  SteadRecordProvider *provider;
  const SteadRecordKind *info;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  /* The core's own records. */
  if (g_str_equal (kind, "area"))
    return _("area");
  provider = stead_workspace_get_provider (workspace, kind);
  info = provider != NULL ? stead_record_provider_get_kind (provider, kind) : NULL;
  if (info == NULL || info->label == NULL)
    return kind;
  return g_dgettext (GETTEXT_PACKAGE, info->label);
}

gboolean
stead_search_delete (SteadTransaction  *txn,
                     const char        *owner,
                     const char        *kind,
                     gint64             ref,
                     GError           **error)
{
  gint64 id;

  g_return_val_if_fail (txn != NULL, FALSE);

  if (!stead_transaction_query_int64 (
        txn, "SELECT id FROM stead_search_key WHERE owner = ? AND kind = ? AND ref = ?",
        STEAD_ARGS (STEAD_TEXT (owner), STEAD_TEXT (kind), STEAD_INT (ref)), &id))
    return TRUE;
  return stead_transaction_run (txn, "DELETE FROM stead_search WHERE rowid = ?",
                                STEAD_ARGS (STEAD_INT (id)), error) >= 0 &&
         stead_transaction_run (txn, "DELETE FROM stead_search_key WHERE id = ?",
                                STEAD_ARGS (STEAD_INT (id)), error) >= 0;
}

/**
 * stead_search_put:
 * @txn: the committing transaction (an index hook's)
 * @owner: the plugin's module name
 * @kind: the record's kind
 * @ref: the record's id
 * @title: what the record is called
 * @body: (nullable): more words that should find it; no personal data
 * @error: a #GError
 *
 * Adds the record to the search index, or replaces its entry.
 */
gboolean
stead_search_put (SteadTransaction  *txn,
                  const char        *owner,
                  const char        *kind,
                  gint64             ref,
                  const char        *title,
                  const char        *body,
                  GError           **error)
{
  gint64 id;

  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (owner != NULL && kind != NULL, FALSE);

  if (!stead_search_delete (txn, owner, kind, ref, error))
    return FALSE;
  id = stead_transaction_run (
    txn, "INSERT INTO stead_search_key (owner, kind, ref) VALUES (?, ?, ?)",
    STEAD_ARGS (STEAD_STRING (owner), STEAD_STRING (kind), STEAD_INT (ref)), error);
  if (id < 0)
    return FALSE;
  return stead_transaction_run (
           txn,
           "INSERT INTO stead_search (rowid, owner, kind, ref, title, body) "
           "VALUES (?, ?, ?, ?, ?, ?)",
           STEAD_ARGS (STEAD_INT (id), STEAD_STRING (owner), STEAD_STRING (kind), STEAD_INT (ref),
                       STEAD_STRING (title ? title : ""), STEAD_STRING (body ? body : "")),
           error) >= 0;
}

/* Every entry of one kind of @owner's records (before indexing them anew). */
gboolean
stead_search_delete_all (SteadTransaction  *txn,
                         const char        *owner,
                         const char        *kind,
                         GError           **error)
{
  g_return_val_if_fail (txn != NULL, FALSE);

  return stead_transaction_run (txn,
                                "DELETE FROM stead_search WHERE rowid IN "
                                "(SELECT id FROM stead_search_key WHERE owner = ? AND kind = ?)",
                                STEAD_ARGS (STEAD_STRING (owner), STEAD_STRING (kind)),
                                error) >= 0 &&
         stead_transaction_run (txn, "DELETE FROM stead_search_key WHERE owner = ? AND kind = ?",
                                STEAD_ARGS (STEAD_STRING (owner), STEAD_STRING (kind)), error) >= 0;
}
