/* stead-workspace-addin.c: what a plugin adds to a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-workspace-addin"

#include "config.h"

#include "stead-workspace-addin.h"

G_DEFINE_INTERFACE (SteadWorkspaceAddin, stead_workspace_addin, G_TYPE_OBJECT)

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
