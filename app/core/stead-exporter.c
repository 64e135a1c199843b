/* stead-exporter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-exporter"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-exporter.h"
#include "stead-import-formats-private.h"
#include "stead-plugin-engine.h"
#include "stead-workspace-addin.h"

G_DEFINE_INTERFACE (SteadExporter, stead_exporter, G_TYPE_OBJECT)

static void
stead_exporter_default_init (SteadExporterInterface *iface)
{
}

/**
 * stead_exporter_get_id:
 * @self: a #SteadExporter
 *
 * Returns: the format's short name, as given to `--format`
 */
const char *
stead_exporter_get_id (SteadExporter *self)
{
  g_return_val_if_fail (STEAD_IS_EXPORTER (self), NULL);

  return STEAD_EXPORTER_GET_IFACE (self)->get_id (self);
}

const char *
stead_exporter_get_title (SteadExporter *self)
{
  SteadExporterInterface *iface;

  g_return_val_if_fail (STEAD_IS_EXPORTER (self), NULL);

  iface = STEAD_EXPORTER_GET_IFACE (self);
  return iface->get_title != NULL ? iface->get_title (self) : iface->get_id (self);
}

/**
 * stead_exporter_get_extensions:
 * @self: a #SteadExporter
 *
 * Returns: (nullable) (array zero-terminated=1): file name extensions
 */
const char * const *
stead_exporter_get_extensions (SteadExporter *self)
{
  SteadExporterInterface *iface;

  g_return_val_if_fail (STEAD_IS_EXPORTER (self), NULL);

  iface = STEAD_EXPORTER_GET_IFACE (self);
  return iface->get_extensions != NULL ? iface->get_extensions (self) : NULL;
}

/**
 * stead_exporter_run:
 * @self: a #SteadExporter
 * @workspace: what to export
 * @stream: where to write
 * @options: personal data and format options
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Returns: %TRUE if everything was written
 */
gboolean
stead_exporter_run (SteadExporter            *self,
                    SteadWorkspace           *workspace,
                    GOutputStream            *stream,
                    const SteadExportOptions *options,
                    GCancellable             *cancellable,
                    GError                  **error)
{
  SteadExporterInterface *iface;

  g_return_val_if_fail (STEAD_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  iface = STEAD_EXPORTER_GET_IFACE (self);
  if (iface->run == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The format “%s” cannot export"), stead_exporter_get_id (self));
      return FALSE;
    }
  return iface->run (self, workspace, stream, options, cancellable, error);
}

static void
collect_addin_exporters (PeasExtensionSet *set,
                         PeasPluginInfo   *info,
                         PeasExtension    *extension,
                         gpointer          user_data)
{
  GPtrArray *formats = user_data;
  guint before = formats->len;

  stead_workspace_addin_add_exporters (STEAD_WORKSPACE_ADDIN (extension), formats);
  for (guint i = before; i < formats->len; i++)
    g_object_set_data_full (g_ptr_array_index (formats, i), "stead-plugin",
                            g_strdup (peas_plugin_info_get_module_name (info)), g_free);
}

/**
 * stead_export_list_exporters:
 * @engine: (nullable): the plugin engine, or %NULL for the core formats only
 *
 * Returns: (transfer container) (element-type SteadExporter): the core
 *   formats, then those of the loaded plugins
 */
GPtrArray *
stead_export_list_exporters (SteadPluginEngine *engine)
{
  GPtrArray *exporters = g_ptr_array_new_with_free_func (g_object_unref);

  stead_export_add_core_exporters (exporters);
  if (engine != NULL)
    {
      g_autoptr(PeasExtensionSet) set = NULL;

      set = stead_plugin_engine_create_extension_set (engine, STEAD_TYPE_EXPORTER);
      peas_extension_set_foreach (set, stead_import_collect_extension, exporters);
      g_clear_object (&set);
      set = stead_plugin_engine_create_extension_set (engine, STEAD_TYPE_WORKSPACE_ADDIN);
      peas_extension_set_foreach (set, collect_addin_exporters, exporters);
    }
  return exporters;
}

/**
 * stead_export_find_exporter:
 * @exporters: (element-type SteadExporter): from stead_export_list_exporters()
 * @id: a format id
 * @error: a #GError
 *
 * Returns: (transfer none) (nullable): the exporter
 */
SteadExporter *
stead_export_find_exporter (GPtrArray   *exporters,
                            const char  *id,
                            GError     **error)
{
  for (guint i = 0; i < exporters->len; i++)
    if (g_str_equal (stead_exporter_get_id (g_ptr_array_index (exporters, i)), id))
      return g_ptr_array_index (exporters, i);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("No export format “%s” (see “stead-cli formats”)"), id);
  return NULL;
}

const char *
stead_exporter_get_owner (SteadExporter *self)
{
  SteadExporterInterface *iface;
  const char *owner = NULL;

  g_return_val_if_fail (STEAD_IS_EXPORTER (self), NULL);

  iface = STEAD_EXPORTER_GET_IFACE (self);
  if (iface->get_owner != NULL)
    owner = iface->get_owner (self);
  if (owner == NULL)
    owner = g_object_get_data (G_OBJECT (self), "stead-plugin");
  return owner != NULL ? owner : "core";
}
