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

#include "stead-search.h"
#include "stead-value.h"
#include "stead-workspace.h"

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
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) stead_search_hit_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *query = NULL;
  int rc;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  query = stead_search_make_query (text);
  if (query == NULL || limit == 0)
    return g_steal_pointer (&hits);

  stmt = stead_workspace_prepare (workspace,
                                  "SELECT owner, kind, ref, title, "
                                  "  nullif (snippet (stead_search, 4, '', '', '…', 10), '') "
                                  "FROM stead_search WHERE stead_search MATCH ?1 "
                                  "ORDER BY bm25 (stead_search, 0, 0, 0, 8.0, 1.0) LIMIT ?2",
                                  error);
  if (stmt == NULL)
    return NULL;
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
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not search: %s"),
                   sqlite3_errstr (rc));
      return NULL;
    }
  return g_steal_pointer (&hits);
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

  if (!stead_transaction_query_int64 (txn, "SELECT id FROM stead_search_key WHERE owner = ? AND kind = ? AND ref = ?",
                                      STEAD_ARGS (STEAD_TEXT (owner), STEAD_TEXT (kind), STEAD_INT (ref)), &id))
    return TRUE;
  return stead_transaction_run (txn, "DELETE FROM stead_search WHERE rowid = ?", STEAD_ARGS (STEAD_INT (id)), error) >= 0 &&
         stead_transaction_run (txn, "DELETE FROM stead_search_key WHERE id = ?", STEAD_ARGS (STEAD_INT (id)), error) >= 0;
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
  id = stead_transaction_run (txn, "INSERT INTO stead_search_key (owner, kind, ref) VALUES (?, ?, ?)",
                              STEAD_ARGS (STEAD_STRING (owner), STEAD_STRING (kind), STEAD_INT (ref)), error);
  if (id < 0)
    return FALSE;
  return stead_transaction_run (txn,
                                "INSERT INTO stead_search (rowid, owner, kind, ref, title, body) "
                                "VALUES (?, ?, ?, ?, ?, ?)",
                                STEAD_ARGS (STEAD_INT (id), STEAD_STRING (owner), STEAD_STRING (kind),
                                            STEAD_INT (ref), STEAD_STRING (title ? title : ""),
                                            STEAD_STRING (body ? body : "")),
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
                                STEAD_ARGS (STEAD_STRING (owner), STEAD_STRING (kind)), error) >= 0 &&
         stead_transaction_run (txn, "DELETE FROM stead_search_key WHERE owner = ? AND kind = ?",
                                STEAD_ARGS (STEAD_STRING (owner), STEAD_STRING (kind)), error) >= 0;
}
