/* stead-workspace-addin.h: what a plugin adds to a workspace (no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <glib-object.h>

#include "stead-types.h"

G_BEGIN_DECLS

#define STEAD_TYPE_WORKSPACE_ADDIN (stead_workspace_addin_get_type ())

G_DECLARE_INTERFACE (SteadWorkspaceAddin, stead_workspace_addin, STEAD, WORKSPACE_ADDIN, GObject)

struct _SteadWorkspaceAddinInterface
{
  GTypeInterface parent_iface;

  /* GResource directory holding the plugin's NNN-*.sql files, or NULL. */
  const char *(*get_schema_path) (SteadWorkspaceAddin *self);
  void        (*load)            (SteadWorkspaceAddin *self,
                                  SteadWorkspace      *workspace);
  void        (*unload)          (SteadWorkspaceAddin *self,
                                  SteadWorkspace      *workspace);
  /* Adds the plugin's share of the demo area inside @txn. */
  gboolean    (*populate_demo)   (SteadWorkspaceAddin *self,
                                  SteadTransaction    *txn,
                                  guint                scale,
                                  GRand               *rng,
                                  GError             **error);
  /* The plugin's file formats (libpeas allows one extension type per
   * interface and module, so a plugin with several lists them here):
   * new SteadImporter / SteadExporter objects, transfer full. */
  void        (*add_importers)   (SteadWorkspaceAddin *self,
                                  GPtrArray           *importers);
  void        (*add_exporters)   (SteadWorkspaceAddin *self,
                                  GPtrArray           *exporters);
};

const char *stead_workspace_addin_get_schema_path (SteadWorkspaceAddin *self);
void        stead_workspace_addin_load            (SteadWorkspaceAddin *self,
                                                   SteadWorkspace      *workspace);
void        stead_workspace_addin_unload          (SteadWorkspaceAddin *self,
                                                   SteadWorkspace      *workspace);
gboolean    stead_workspace_addin_populate_demo   (SteadWorkspaceAddin *self,
                                                   SteadTransaction    *txn,
                                                   guint                scale,
                                                   GRand               *rng,
                                                   GError             **error);

void        stead_workspace_addin_add_importers   (SteadWorkspaceAddin *self,
                                                   GPtrArray           *importers);
void        stead_workspace_addin_add_exporters   (SteadWorkspaceAddin *self,
                                                   GPtrArray           *exporters);

G_END_DECLS
