/* stead-exporter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-exporter"

#include "config.h"

#include "stead-exporter.h"

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
