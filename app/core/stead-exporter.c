/* stead-exporter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-exporter"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-exporter.h"
#include "stead-import-formats-private.h"

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
  if (!stead_format_check_options (stead_exporter_get_id (self), stead_exporter_get_options (self),
                                   options->options, error))
    return FALSE;
  if (iface->run == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The format “%s” cannot export"), stead_exporter_get_id (self));
      return FALSE;
    }
  return iface->run (self, workspace, stream, options, cancellable, error);
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

/**
 * stead_exporter_get_options:
 * @self: a #SteadExporter
 *
 * Returns: (nullable): the options it takes, ending with { NULL }
 */
const SteadFormatOption *
stead_exporter_get_options (SteadExporter *self)
{
  SteadExporterInterface *iface;

  g_return_val_if_fail (STEAD_IS_EXPORTER (self), NULL);

  iface = STEAD_EXPORTER_GET_IFACE (self);
  return iface->get_options != NULL ? iface->get_options (self) : NULL;
}
