/* stead-workspace-addin.c: what a plugin adds to a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-workspace-addin"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "stead-format.h"
#include "stead-record-provider.h"
#include "stead-report-section.h"
#include "stead-plugin-engine.h"
#include "stead-search.h"
#include "stead-workspace.h"
#include "stead-workspace-addin.h"

G_DEFINE_INTERFACE (SteadWorkspaceAddin, stead_workspace_addin, G_TYPE_OBJECT)
G_DEFINE_QUARK (stead-workspace-addin-workspace, stead_workspace_addin_workspace)

static void
stead_workspace_addin_default_init (SteadWorkspaceAddinInterface *iface)
{
}

/**
 * stead_workspace_addin_get_schema_path:
 * @self: a #SteadWorkspaceAddin
 *
 * Returns: (nullable): the GResource directory of the plugin's ordered
 *   NNN-name.sql schema files
 */
const char *
stead_workspace_addin_get_schema_path (SteadWorkspaceAddin *self)
{
  SteadWorkspaceAddinInterface *iface;

  g_return_val_if_fail (STEAD_IS_WORKSPACE_ADDIN (self), NULL);

  iface = STEAD_WORKSPACE_ADDIN_GET_IFACE (self);
  return iface->get_schema_path != NULL ? iface->get_schema_path (self) : NULL;
}

void
stead_workspace_addin_load (SteadWorkspaceAddin *self,
                            SteadWorkspace      *workspace)
{
  SteadWorkspaceAddinInterface *iface;

  g_return_if_fail (STEAD_IS_WORKSPACE_ADDIN (self));
  g_return_if_fail (workspace != NULL);

  g_object_set_qdata (G_OBJECT (self), stead_workspace_addin_workspace_quark (), workspace);
  iface = STEAD_WORKSPACE_ADDIN_GET_IFACE (self);
  if (iface->load != NULL)
    iface->load (self, workspace);
}

void
stead_workspace_addin_unload (SteadWorkspaceAddin *self,
                              SteadWorkspace      *workspace)
{
  SteadWorkspaceAddinInterface *iface;

  g_return_if_fail (STEAD_IS_WORKSPACE_ADDIN (self));
  g_return_if_fail (workspace != NULL);

  iface = STEAD_WORKSPACE_ADDIN_GET_IFACE (self);
  if (iface->unload != NULL)
    iface->unload (self, workspace);
  g_object_set_qdata (G_OBJECT (self), stead_workspace_addin_workspace_quark (), NULL);
}

/**
 * stead_workspace_addin_populate_demo:
 * @self: a #SteadWorkspaceAddin
 * @txn: the demo's transaction
 * @scale: how many households the demo area has
 * @rng: the demo's random numbers (seeded, so the demo is repeatable)
 * @error: a #GError
 *
 * Returns: %TRUE on success, or if the plugin adds nothing to the demo
 */
gboolean
stead_workspace_addin_populate_demo (SteadWorkspaceAddin  *self,
                                     SteadTransaction     *txn,
                                     guint                 scale,
                                     GRand                *rng,
                                     GError              **error)
{
  SteadWorkspaceAddinInterface *iface;

  g_return_val_if_fail (STEAD_IS_WORKSPACE_ADDIN (self), FALSE);
  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (rng != NULL, FALSE);

  iface = STEAD_WORKSPACE_ADDIN_GET_IFACE (self);
  if (iface->populate_demo == NULL)
    return TRUE;
  return iface->populate_demo (self, txn, scale, rng, error);
}

/**
 * stead_workspace_addin_add_importers:
 * @self: a #SteadWorkspaceAddin
 * @importers: (element-type SteadImporter): where to add them
 */
void
stead_workspace_addin_add_importers (SteadWorkspaceAddin *self,
                                     GPtrArray           *importers)
{
  SteadWorkspaceAddinInterface *iface;

  g_return_if_fail (STEAD_IS_WORKSPACE_ADDIN (self));

  iface = STEAD_WORKSPACE_ADDIN_GET_IFACE (self);
  if (iface->add_importers != NULL)
    iface->add_importers (self, importers);
}

/**
 * stead_workspace_addin_add_exporters:
 * @self: a #SteadWorkspaceAddin
 * @exporters: (element-type SteadExporter): where to add them
 */
void
stead_workspace_addin_add_exporters (SteadWorkspaceAddin *self,
                                     GPtrArray           *exporters)
{
  SteadWorkspaceAddinInterface *iface;

  g_return_if_fail (STEAD_IS_WORKSPACE_ADDIN (self));

  iface = STEAD_WORKSPACE_ADDIN_GET_IFACE (self);
  if (iface->add_exporters != NULL)
    iface->add_exporters (self, exporters);
}

/**
 * stead_workspace_addin_get_workspace:
 * @self: a #SteadWorkspaceAddin
 *
 * Returns: (transfer none) (nullable): the workspace @self is loaded in,
 *   between its load and unload
 */
SteadWorkspace *
stead_workspace_addin_get_workspace (SteadWorkspaceAddin *self)
{
  g_return_val_if_fail (STEAD_IS_WORKSPACE_ADDIN (self), NULL);

  return g_object_get_qdata (G_OBJECT (self), stead_workspace_addin_workspace_quark ());
}

gboolean
stead_workspace_addin_publish (SteadWorkspaceAddin  *self,
                               SteadTransaction     *txn,
                               const char * const   *tables,
                               GError              **error)
{
  SteadWorkspaceAddinInterface *iface;

  g_return_val_if_fail (STEAD_IS_WORKSPACE_ADDIN (self), FALSE);

  iface = STEAD_WORKSPACE_ADDIN_GET_IFACE (self);
  return iface->publish == NULL || iface->publish (self, txn, tables, error);
}

gboolean
stead_workspace_addin_index (SteadWorkspaceAddin  *self,
                             SteadTransaction     *txn,
                             const char * const   *tables,
                             GError              **error)
{
  SteadWorkspaceAddinInterface *iface;

  g_return_val_if_fail (STEAD_IS_WORKSPACE_ADDIN (self), FALSE);

  iface = STEAD_WORKSPACE_ADDIN_GET_IFACE (self);
  return iface->index == NULL || iface->index (self, txn, tables, error);
}

gboolean
stead_workspace_addin_record_removed (SteadWorkspaceAddin  *self,
                                      SteadTransaction     *txn,
                                      const char           *kind,
                                      gint64                id,
                                      GError              **error)
{
  SteadWorkspaceAddinInterface *iface;

  g_return_val_if_fail (STEAD_IS_WORKSPACE_ADDIN (self), FALSE);

  iface = STEAD_WORKSPACE_ADDIN_GET_IFACE (self);
  return iface->record_removed == NULL || iface->record_removed (self, txn, kind, id, error);
}

/**
 * stead_workspace_addin_describe_references:
 *
 * Returns: (transfer full) (nullable): a sentence, or %NULL
 */
char *
stead_workspace_addin_describe_references (SteadWorkspaceAddin *self,
                                           SteadWorkspace      *workspace,
                                           const char          *kind,
                                           gint64               id)
{
  SteadWorkspaceAddinInterface *iface;

  g_return_val_if_fail (STEAD_IS_WORKSPACE_ADDIN (self), NULL);

  iface = STEAD_WORKSPACE_ADDIN_GET_IFACE (self);
  return iface->describe_references != NULL ? iface->describe_references (self, workspace, kind, id)
                                            : NULL;
}

/**
 * stead_workspace_addin_add_report_sections:
 * @sections: (element-type SteadReportSection): where to add them
 */
void
stead_workspace_addin_add_report_sections (SteadWorkspaceAddin *self,
                                           GPtrArray           *sections)
{
  SteadWorkspaceAddinInterface *iface;

  g_return_if_fail (STEAD_IS_WORKSPACE_ADDIN (self));

  iface = STEAD_WORKSPACE_ADDIN_GET_IFACE (self);
  if (iface->add_report_sections != NULL)
    iface->add_report_sections (self, sections);
}

/**
 * stead_workspace_addin_get_commands:
 *
 * Returns: (nullable) (array zero-terminated=1): the plugin's stead-cli commands
 */
const SteadCommand * const *
stead_workspace_addin_get_commands (SteadWorkspaceAddin *self)
{
  SteadWorkspaceAddinInterface *iface;

  g_return_val_if_fail (STEAD_IS_WORKSPACE_ADDIN (self), NULL);

  iface = STEAD_WORKSPACE_ADDIN_GET_IFACE (self);
  return iface->get_commands != NULL ? iface->get_commands (self) : NULL;
}

/**
 * stead_workspace_addin_get_need_groups_sql:
 *
 * Returns: (nullable): the SQL giving the target groups of the needs the
 *   plugin published (columns need, group_id, group_name)
 */
const char *
stead_workspace_addin_get_need_groups_sql (SteadWorkspaceAddin *self)
{
  SteadWorkspaceAddinInterface *iface;

  g_return_val_if_fail (STEAD_IS_WORKSPACE_ADDIN (self), NULL);

  iface = STEAD_WORKSPACE_ADDIN_GET_IFACE (self);
  return iface->get_need_groups_sql != NULL ? iface->get_need_groups_sql (self) : NULL;
}

static void
stead_workspace_addin_collect_commands (PeasExtensionSet *set,
                                        PeasPluginInfo   *info,
                                        PeasExtension    *extension,
                                        gpointer          user_data)
{
  GPtrArray *commands = user_data;
  const SteadCommand * const *mine =
    stead_workspace_addin_get_commands (STEAD_WORKSPACE_ADDIN (extension));

  for (guint i = 0; mine != NULL && mine[i] != NULL; i++)
    g_ptr_array_add (commands, (gpointer) mine[i]);
}

static int
stead_workspace_addin_compare_commands (gconstpointer a,
                                        gconstpointer b)
{
  const SteadCommand *ca = *(const SteadCommand * const *) a;
  const SteadCommand *cb = *(const SteadCommand * const *) b;

  return g_strcmp0 (ca->name, cb->name);
}

/**
 * stead_plugin_engine_list_commands:
 * @engine: the plugin engine
 *
 * The stead-cli commands of the loaded plugins, by name. They are the
 * plugins' static data: valid while @engine keeps them loaded.
 *
 * Returns: (transfer container) (element-type SteadCommand): the commands
 */
GPtrArray *
stead_plugin_engine_list_commands (SteadPluginEngine *engine)
{
  g_autoptr(PeasExtensionSet) set = NULL;
  GPtrArray *commands = g_ptr_array_new ();

  g_return_val_if_fail (engine != NULL, commands);

  set = stead_plugin_engine_create_extension_set (engine, STEAD_TYPE_WORKSPACE_ADDIN);
  peas_extension_set_foreach (set, stead_workspace_addin_collect_commands, commands);
  g_ptr_array_sort (commands, stead_workspace_addin_compare_commands);
  return commands;
}
