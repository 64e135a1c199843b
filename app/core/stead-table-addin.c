/* stead-table-addin.c: a workspace addin described by a table
 *
 * The one SteadWorkspaceAddin and SteadRecordProvider type behind every
 * SteadWorkspaceAddinInfo, registered in a plugin's module through a
 * libpeas extension factory by stead_workspace_addin_register().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-workspace-addin"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "stead-format.h"
#include "stead-record-provider.h"
#include "stead-report-section.h"
#include "stead-search.h"
#include "stead-workspace.h"
#include "stead-workspace-addin.h"

#define STEAD_TYPE_TABLE_ADDIN (stead_table_addin_get_type ())
G_DECLARE_FINAL_TYPE (SteadTableAddin, stead_table_addin, STEAD, TABLE_ADDIN, GObject)

struct _SteadTableAddin
{
  GObject                        parent_instance;
  const SteadWorkspaceAddinInfo *info;
};

static const SteadWorkspaceAddinInfo *
stead_table_addin_info (gpointer self)
{
  return STEAD_TABLE_ADDIN (self)->info;
}

static const char *
stead_table_addin_get_schema_path (SteadWorkspaceAddin *addin)
{
  return stead_table_addin_info (addin)->schema_path;
}

static void
stead_table_addin_load (SteadWorkspaceAddin *addin,
                        SteadWorkspace      *workspace)
{
  const SteadWorkspaceAddinInfo *info = stead_table_addin_info (addin);

  if (info->load != NULL)
    info->load (workspace);
}

static void
stead_table_addin_unload (SteadWorkspaceAddin *addin,
                          SteadWorkspace      *workspace)
{
  const SteadWorkspaceAddinInfo *info = stead_table_addin_info (addin);

  if (info->unload != NULL)
    info->unload (workspace);
}

static gboolean
stead_table_addin_populate_demo (SteadWorkspaceAddin  *addin,
                                 SteadTransaction     *txn,
                                 guint                 scale,
                                 GRand                *rng,
                                 GError              **error)
{
  const SteadWorkspaceAddinInfo *info = stead_table_addin_info (addin);

  return info->populate_demo == NULL || info->populate_demo (txn, scale, rng, error);
}

static void
stead_table_addin_add_importers (SteadWorkspaceAddin *addin,
                                 GPtrArray           *importers)
{
  const SteadWorkspaceAddinInfo *info = stead_table_addin_info (addin);

  for (guint i = 0; info->importers != NULL && info->importers[i] != NULL; i++)
    g_ptr_array_add (importers, stead_importer_new (info->importers[i], info->module));
}

static void
stead_table_addin_add_exporters (SteadWorkspaceAddin *addin,
                                 GPtrArray           *exporters)
{
  const SteadWorkspaceAddinInfo *info = stead_table_addin_info (addin);

  for (guint i = 0; info->exporters != NULL && info->exporters[i] != NULL; i++)
    g_ptr_array_add (exporters, stead_exporter_new (info->exporters[i], info->module));
}

static void
stead_table_addin_add_report_sections (SteadWorkspaceAddin *addin,
                                       GPtrArray           *sections)
{
  const SteadWorkspaceAddinInfo *info = stead_table_addin_info (addin);

  for (guint i = 0; info->report_sections != NULL && info->report_sections[i] != NULL; i++)
    g_ptr_array_add (sections, stead_report_section_new (info->report_sections[i]));
}

static gboolean
stead_table_addin_publish (SteadWorkspaceAddin  *addin,
                           SteadTransaction     *txn,
                           const char * const   *tables,
                           GError              **error)
{
  const SteadWorkspaceAddinInfo *info = stead_table_addin_info (addin);

  return info->publish == NULL || info->publish (txn, tables, error);
}

/* Whether @tables touches what @kind's entries are built from. */
static gboolean
stead_table_addin_kind_changed (const SteadRecordKind *kind,
                                const char * const    *tables)
{
  g_auto(GStrv) sources = NULL;

  if (tables == NULL)
    return TRUE;
  sources = g_strsplit (kind->tables != NULL ? kind->tables : "", ";", -1);
  for (guint i = 0; sources[i] != NULL; i++)
    if (sources[i][0] != '\0' && stead_tables_have (tables, sources[i]))
      return TRUE;
  return FALSE;
}

/* The kind's first table holds its records; the others feed their text. */
static char *
stead_table_addin_main_table (const SteadRecordKind *kind)
{
  const char *tables = kind->tables != NULL ? kind->tables : "";
  const char *end = strchr (tables, ';');

  return end != NULL ? g_strndup (tables, end - tables) : g_strdup (tables);
}

static gboolean
stead_table_addin_put_rows (const SteadWorkspaceAddinInfo  *info,
                            const SteadRecordKind          *kind,
                            SteadTransaction               *txn,
                            sqlite3_stmt                   *stmt,
                            GError                        **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!stead_search_put (txn, info->module, kind->kind, sqlite3_column_int64 (stmt, 0),
                           (const char *) sqlite3_column_text (stmt, 1),
                           (const char *) sqlite3_column_text (stmt, 2), error))
      return FALSE;
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not index %s: %s"), kind->kind,
                   sqlite3_errmsg (sqlite3_db_handle (stmt)));
      return FALSE;
    }
  return TRUE;
}

/* A kind's search entries: those of the rows the change wrote, or all of
 * them when something they are made from changed elsewhere. */
static gboolean
stead_table_addin_index_kind (const SteadWorkspaceAddinInfo  *info,
                              const SteadRecordKind          *kind,
                              SteadTransaction               *txn,
                              const char * const             *tables,
                              GError                        **error)
{
  g_autofree char *main_table = stead_table_addin_main_table (kind);
  g_autofree char *one_sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const gint64 *rowids;
  guint n_rowids;

  if (stead_transaction_get_changed_rows (txn, tables, kind->tables, main_table, &rowids,
                                          &n_rowids))
    {
      if (n_rowids == 0)
        return TRUE;
      /* The plugin's constant SELECT, narrowed to one record. */
      one_sql = g_strconcat ("SELECT * FROM (", kind->index_sql, ") WHERE id = ?1", NULL);
      stmt = stead_transaction_prepare (txn, one_sql, error);
      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < n_rowids; i++)
        {
          if (!stead_search_delete (txn, info->module, kind->kind, rowids[i], error))
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, rowids[i]);
          if (!stead_table_addin_put_rows (info, kind, txn, stmt, error))
            return FALSE;
          sqlite3_reset (stmt);
        }
      return TRUE;
    }

  if (tables != NULL && !stead_table_addin_kind_changed (kind, tables))
    return TRUE;
  if (!stead_search_delete_all (txn, info->module, kind->kind, error))
    return FALSE;
  stmt = stead_transaction_prepare (txn, kind->index_sql, error);
  return stmt != NULL && stead_table_addin_put_rows (info, kind, txn, stmt, error);
}

static gboolean
stead_table_addin_index (SteadWorkspaceAddin  *addin,
                         SteadTransaction     *txn,
                         const char * const   *tables,
                         GError              **error)
{
  const SteadWorkspaceAddinInfo *info = stead_table_addin_info (addin);

  for (guint i = 0; i < info->n_record_kinds; i++)
    {
      const SteadRecordKind *kind = &info->record_kinds[i];

      if (kind->index_sql != NULL && !stead_table_addin_index_kind (info, kind, txn, tables, error))
        return FALSE;
    }
  return info->index == NULL || info->index (txn, tables, error);
}

static gboolean
stead_table_addin_record_removed (SteadWorkspaceAddin  *addin,
                                  SteadTransaction     *txn,
                                  const char           *kind,
                                  gint64                id,
                                  GError              **error)
{
  const SteadWorkspaceAddinInfo *info = stead_table_addin_info (addin);

  return info->record_removed == NULL || info->record_removed (txn, kind, id, error);
}

static char *
stead_table_addin_describe_references (SteadWorkspaceAddin *addin,
                                       SteadWorkspace      *workspace,
                                       const char          *kind,
                                       gint64               id)
{
  const SteadWorkspaceAddinInfo *info = stead_table_addin_info (addin);

  return info->describe_references != NULL ? info->describe_references (workspace, kind, id) : NULL;
}

static const SteadCommand * const *
stead_table_addin_get_commands (SteadWorkspaceAddin *addin)
{
  return stead_table_addin_info (addin)->commands;
}

static const char *
stead_table_addin_get_need_groups_sql (SteadWorkspaceAddin *addin)
{
  return stead_table_addin_info (addin)->need_groups_sql;
}

static void
stead_table_addin_iface_init (SteadWorkspaceAddinInterface *iface)
{
  iface->get_commands = stead_table_addin_get_commands;
  iface->get_need_groups_sql = stead_table_addin_get_need_groups_sql;
  iface->get_schema_path = stead_table_addin_get_schema_path;
  iface->load = stead_table_addin_load;
  iface->unload = stead_table_addin_unload;
  iface->populate_demo = stead_table_addin_populate_demo;
  iface->add_importers = stead_table_addin_add_importers;
  iface->add_exporters = stead_table_addin_add_exporters;
  iface->add_report_sections = stead_table_addin_add_report_sections;
  iface->publish = stead_table_addin_publish;
  iface->index = stead_table_addin_index;
  iface->record_removed = stead_table_addin_record_removed;
  iface->describe_references = stead_table_addin_describe_references;
}

static const SteadRecordKind *
stead_table_addin_get_kinds (SteadRecordProvider *provider,
                             guint               *n_kinds)
{
  const SteadWorkspaceAddinInfo *info = stead_table_addin_info (provider);

  *n_kinds = info->n_record_kinds;
  return info->record_kinds;
}

static void
stead_table_addin_provider_init (SteadRecordProviderInterface *iface)
{
  iface->get_kinds = stead_table_addin_get_kinds;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (SteadTableAddin,
                               stead_table_addin,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEAD_TYPE_WORKSPACE_ADDIN,
                                                      stead_table_addin_iface_init)
                                 G_IMPLEMENT_INTERFACE (STEAD_TYPE_RECORD_PROVIDER,
                                                        stead_table_addin_provider_init))

static void
stead_table_addin_class_init (SteadTableAddinClass *klass)
{
}

static void
stead_table_addin_init (SteadTableAddin *self)
{
}

/* libpeas' factory type still names the deprecated GParameter. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static GObject *
stead_table_addin_new (guint       n_parameters,
                       GParameter *parameters,
                       gpointer    user_data)
{
  SteadTableAddin *self = g_object_new (STEAD_TYPE_TABLE_ADDIN, NULL);

  self->info = user_data;
  return G_OBJECT (self);
}
G_GNUC_END_IGNORE_DEPRECATIONS

/**
 * stead_workspace_addin_register:
 * @module: the plugin's module, in its peas_register_types()
 * @info: (not nullable): a static description of the addin
 *
 * Registers the plugin's workspace addin (and record provider, when
 * @info has record kinds) as @info describes it.
 */
void
stead_workspace_addin_register (PeasObjectModule              *module,
                                const SteadWorkspaceAddinInfo *info)
{
  g_return_if_fail (PEAS_IS_OBJECT_MODULE (module));
  g_return_if_fail (info != NULL && info->module != NULL);

  peas_object_module_register_extension_factory (module, STEAD_TYPE_WORKSPACE_ADDIN,
                                                 stead_table_addin_new, (gpointer) info, NULL);
}
