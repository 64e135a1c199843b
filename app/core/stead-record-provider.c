/* stead-record-provider.c: records one plugin owns and others refer to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-record-provider"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-query-model.h"
#include "stead-record-provider.h"
#include "stead-workspace-addin.h"
#include "stead-workspace-private.h"

G_DEFINE_INTERFACE (SteadRecordProvider, stead_record_provider, G_TYPE_OBJECT)

static SteadWorkspace *
stead_record_provider_workspace (SteadRecordProvider *self)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE_ADDIN (self), NULL);

  return stead_workspace_addin_get_workspace (STEAD_WORKSPACE_ADDIN (self));
}

static GListModel *
stead_record_provider_real_list (SteadRecordProvider *self,
                                 const char          *kind)
{
  const SteadRecordKind *info = stead_record_provider_get_kind (self, kind);
  SteadWorkspace *workspace = stead_record_provider_workspace (self);
  g_auto(GStrv) tables = NULL;

  if (info == NULL || workspace == NULL || info->list_sql == NULL)
    return G_LIST_MODEL (g_list_store_new (STEAD_TYPE_RECORD));
  tables = g_strsplit (info->tables != NULL ? info->tables : "", ";", -1);
  return G_LIST_MODEL (stead_query_model_new (workspace, STEAD_TYPE_RECORD, info->list_sql,
                                              (const char * const *) tables));
}

static char *
stead_record_provider_real_get_title (SteadRecordProvider *self,
                                      const char          *kind,
                                      gint64               id)
{
  const SteadRecordKind *info = stead_record_provider_get_kind (self, kind);
  SteadWorkspace *workspace = stead_record_provider_workspace (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (info == NULL || workspace == NULL || info->title_sql == NULL)
    return NULL;
  stmt = stead_workspace_prepare (workspace, info->title_sql, NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gboolean
stead_record_provider_real_exists (SteadRecordProvider *self,
                                   const char          *kind,
                                   gint64               id)
{
  g_autofree char *title = stead_record_provider_get_title (self, kind, id);

  return title != NULL;
}

static gint64
stead_record_provider_real_find (SteadRecordProvider *self,
                                 const char          *kind,
                                 const char          *title)
{
  const SteadRecordKind *info = stead_record_provider_get_kind (self, kind);
  SteadWorkspace *workspace = stead_record_provider_workspace (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *trimmed = NULL;

  if (info == NULL || workspace == NULL || info->find_sql == NULL || title == NULL)
    return 0;
  stmt = stead_workspace_prepare (workspace, info->find_sql, NULL);
  if (stmt == NULL)
    return 0;
  trimmed = g_strstrip (g_strdup (title));
  sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
stead_record_provider_real_remove (SteadRecordProvider  *self,
                                  SteadTransaction     *txn,
                                  const char           *kind,
                                  gint64                id,
                                  GError              **error)
{
  const SteadRecordKind *info = stead_record_provider_get_kind (self, kind);

  if (info == NULL || info->delete_sql == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("No plugin can remove a %s"),
                   kind);
      return FALSE;
    }
  for (guint i = 0; info->delete_sql[i] != NULL; i++)
    if (stead_transaction_run (txn, info->delete_sql[i], STEAD_ARGS (STEAD_INT (id)), error) < 0)
      return FALSE;
  return TRUE;
}

static void
stead_record_provider_default_init (SteadRecordProviderInterface *iface)
{
  iface->list = stead_record_provider_real_list;
  iface->get_title = stead_record_provider_real_get_title;
  iface->exists = stead_record_provider_real_exists;
  iface->find = stead_record_provider_real_find;
  iface->remove = stead_record_provider_real_remove;
}

/**
 * stead_record_provider_get_kind:
 * @self: a #SteadRecordProvider
 * @kind: a kind of record
 *
 * Returns: (nullable): how @self describes @kind, or %NULL if it does not
 *   provide it
 */
const SteadRecordKind *
stead_record_provider_get_kind (SteadRecordProvider *self,
                                const char          *kind)
{
  SteadRecordProviderInterface *iface;
  const SteadRecordKind *kinds;
  guint n = 0;

  g_return_val_if_fail (STEAD_IS_RECORD_PROVIDER (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  iface = STEAD_RECORD_PROVIDER_GET_IFACE (self);
  if (iface->get_kinds == NULL)
    return NULL;
  kinds = iface->get_kinds (self, &n);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (kinds[i].kind, kind))
      return &kinds[i];
  return NULL;
}

/**
 * stead_record_provider_list:
 * @self: a #SteadRecordProvider
 * @kind: a kind it provides
 *
 * Returns: (transfer full): every record of @kind (#SteadRecord, id and
 *   title), following changes
 */
GListModel *
stead_record_provider_list (SteadRecordProvider *self,
                            const char          *kind)
{
  g_return_val_if_fail (STEAD_IS_RECORD_PROVIDER (self), NULL);

  return STEAD_RECORD_PROVIDER_GET_IFACE (self)->list (self, kind);
}

/**
 * stead_record_provider_get_title:
 *
 * Returns: (transfer full) (nullable): the record's title, or %NULL if
 *   there is no such record
 */
char *
stead_record_provider_get_title (SteadRecordProvider *self,
                                 const char          *kind,
                                 gint64               id)
{
  g_return_val_if_fail (STEAD_IS_RECORD_PROVIDER (self), NULL);

  return STEAD_RECORD_PROVIDER_GET_IFACE (self)->get_title (self, kind, id);
}

gboolean
stead_record_provider_exists (SteadRecordProvider *self,
                              const char          *kind,
                              gint64               id)
{
  g_return_val_if_fail (STEAD_IS_RECORD_PROVIDER (self), FALSE);

  return STEAD_RECORD_PROVIDER_GET_IFACE (self)->exists (self, kind, id);
}

/**
 * stead_record_provider_find:
 * @title: a record's title, in any case
 *
 * Returns: its id, or 0
 */
gint64
stead_record_provider_find (SteadRecordProvider *self,
                            const char          *kind,
                            const char          *title)
{
  g_return_val_if_fail (STEAD_IS_RECORD_PROVIDER (self), 0);

  return STEAD_RECORD_PROVIDER_GET_IFACE (self)->find (self, kind, title);
}

typedef struct
{
  const char          *kind;
  SteadRecordProvider *found;
  GPtrArray           *sentences;
  gint64               id;
} ProviderSearch;

static void
stead_record_provider_find_kind (SteadWorkspace *workspace,
                                 const char     *module_name,
                                 GObject        *addin,
                                 gpointer        user_data)
{
  ProviderSearch *search = user_data;

  if (search->found == NULL && STEAD_IS_RECORD_PROVIDER (addin) &&
      stead_record_provider_get_kind (STEAD_RECORD_PROVIDER (addin), search->kind) != NULL)
    search->found = STEAD_RECORD_PROVIDER (addin);
}

/**
 * stead_workspace_get_provider:
 * @workspace: a #SteadWorkspace
 * @kind: a kind of record ("organisation", "risk"…)
 *
 * Returns: (transfer none) (nullable): the enabled plugin that provides
 *   @kind, or %NULL if none does
 */
SteadRecordProvider *
stead_workspace_get_provider (SteadWorkspace *workspace,
                              const char     *kind)
{
  ProviderSearch search = { kind, NULL, NULL, 0 };

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  stead_workspace_foreach_addin (workspace, stead_record_provider_find_kind, &search);
  return search.found;
}

/**
 * stead_workspace_get_record_kind:
 *
 * Returns: (nullable): the description of @kind from the plugin that
 *   offers it, or %NULL if no loaded plugin does
 */
const SteadRecordKind *
stead_workspace_get_record_kind (SteadWorkspace *workspace,
                                 const char     *kind)
{
  SteadRecordProvider *provider = stead_workspace_get_provider (workspace, kind);

  return provider != NULL ? stead_record_provider_get_kind (provider, kind) : NULL;
}

/**
 * stead_record_kind_prepare_facts:
 * @kind: a record kind
 * @workspace: the workspace, for its connection when @db is %NULL
 * @db: (nullable): a reader of the workspace (stead_workspace_open_reader())
 *
 * Prepares @kind's facts_sql: a row per record, its id first, then named
 * columns (find them with stead_statement_column_index()).
 *
 * Returns: (transfer full) (nullable): the statement, or %NULL with @error
 *   if the kind offers no facts or they cannot be read
 */
sqlite3_stmt *
stead_record_kind_prepare_facts (const SteadRecordKind  *kind,
                                 SteadWorkspace         *workspace,
                                 sqlite3                *db,
                                 GError                **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (db != NULL || STEAD_IS_WORKSPACE (workspace), NULL);

  if (kind->facts_sql == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Records of kind “%s” offer no facts"), kind->kind);
      return NULL;
    }
  if (db == NULL)
    return stead_workspace_prepare (workspace, kind->facts_sql, error);
  rc = sqlite3_prepare_v2 (db, kind->facts_sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      stead_sqlite_set_error (error, db, rc, _("Could not read the records"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

/**
 * stead_statement_column_index:
 *
 * Returns: the index of @stmt's result column called @name, or -1
 */
int
stead_statement_column_index (sqlite3_stmt *stmt,
                              const char   *name)
{
  int n = sqlite3_column_count (stmt);

  for (int i = 0; i < n; i++)
    if (g_strcmp0 (sqlite3_column_name (stmt, i), name) == 0)
      return i;
  return -1;
}

/**
 * stead_workspace_get_record_title:
 *
 * Returns: (transfer full) (nullable): the title of a record of @kind, or
 *   %NULL if it does not exist or no plugin provides @kind
 */
char *
stead_workspace_get_record_title (SteadWorkspace *workspace,
                                  const char     *kind,
                                  gint64          id)
{
  SteadRecordProvider *provider = stead_workspace_get_provider (workspace, kind);

  return provider != NULL ? stead_record_provider_get_title (provider, kind, id) : NULL;
}

static void
stead_record_provider_collect (SteadWorkspace *workspace,
                               const char     *module_name,
                               GObject        *addin,
                               gpointer        user_data)
{
  ProviderSearch *search = user_data;
  char *sentence = stead_workspace_addin_describe_references (STEAD_WORKSPACE_ADDIN (addin),
                                                              workspace, search->kind, search->id);

  if (sentence != NULL)
    g_ptr_array_add (search->sentences, sentence);
}

/**
 * stead_workspace_describe_removal:
 * @workspace: a #SteadWorkspace
 * @kind: a kind of record
 * @id: one of them
 *
 * Returns: (transfer full): what removing the record changes in other
 *   plugins, a sentence each (empty if nothing)
 */
char **
stead_workspace_describe_removal (SteadWorkspace *workspace,
                                  const char     *kind,
                                  gint64          id)
{
  ProviderSearch search = { kind, NULL, g_ptr_array_new (), id };

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);

  stead_workspace_foreach_addin (workspace, stead_record_provider_collect, &search);
  g_ptr_array_add (search.sentences, NULL);
  return (char **) g_ptr_array_free (search.sentences, FALSE);
}

/**
 * stead_workspace_remove_record:
 * @workspace: a #SteadWorkspace
 * @kind: a kind of record
 * @id: the record
 * @error: a #GError
 *
 * Removes a record as one undo step: every plugin first clears its
 * references to it (or refuses, and nothing changes), then the provider
 * deletes it.
 *
 * Returns: %TRUE if removed
 */
gboolean
stead_workspace_remove_record (SteadWorkspace  *workspace,
                               const char      *kind,
                               gint64           id,
                               GError         **error)
{
  SteadRecordProvider *provider;
  const SteadRecordKind *info;
  g_autoptr(SteadTransaction) txn = NULL;
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  const char *owner = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  provider = stead_workspace_get_provider (workspace, kind);
  if (provider == NULL || STEAD_RECORD_PROVIDER_GET_IFACE (provider)->remove == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("No plugin can remove a %s"),
                   kind);
      return FALSE;
    }
  title = stead_record_provider_get_title (provider, kind, id);
  if (title == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("It no longer exists"));
      return FALSE;
    }
  info = stead_record_provider_get_kind (provider, kind);
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, workspace->addins_by_module);
    while (owner == NULL && g_hash_table_iter_next (&iter, &key, &value))
      if (value == (gpointer) provider)
        owner = key;
  }

  /* TRANSLATORS: an undo step: "Remove Partner organisation “Red Cross”" */
  summary =
    g_strdup_printf (_("Remove %s “%s”"),
                     info->label != NULL ? g_dgettext (GETTEXT_PACKAGE, info->label) : kind, title);
  txn = stead_workspace_begin (workspace, owner != NULL ? owner : STEAD_CORE_OWNER, summary, error);
  if (txn == NULL)
    return FALSE;
  if (!stead_transaction_record_removed (txn, kind, id, error) ||
      !STEAD_RECORD_PROVIDER_GET_IFACE (provider)->remove (provider, txn, kind, id, error))
    return FALSE;
  return stead_transaction_commit (g_steal_pointer (&txn), error);
}

/**
 * stead_describe_reference_counts:
 * @workspace: a workspace
 * @counts: (array length=n_counts): what names records of other plugins
 * @n_counts: how many
 * @domain: the plugin's gettext domain
 * @kind: the kind of the record being removed
 * @id: its id
 *
 * For a plugin's describe_references hook: "3 target groups are
 * recorded as exposed to it."
 *
 * Returns: (transfer full) (nullable): the sentence, or %NULL
 */
char *
stead_describe_reference_counts (SteadWorkspace            *workspace,
                                 const SteadReferenceCount *counts,
                                 guint                      n_counts,
                                 const char                *domain,
                                 const char                *kind,
                                 gint64                     id)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (counts != NULL || n_counts == 0, NULL);

  for (guint i = 0; i < n_counts; i++)
    if (g_str_equal (kind, counts[i].kind))
      {
        gint64 n = stead_workspace_query_int64 (workspace, counts[i].count_sql,
                                                STEAD_ARGS (STEAD_INT (id)));

        if (n > 0)
          return g_strdup_printf (g_dngettext (domain, counts[i].one, counts[i].many, n), n);
      }
  return NULL;
}
