/* stead-importer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-importer"

#include "config.h"

#include "stead-importer.h"

G_DEFINE_INTERFACE (SteadImporter, stead_importer, G_TYPE_OBJECT)

static void
stead_importer_default_init (SteadImporterInterface *iface)
{
}

/**
 * stead_importer_get_id:
 * @self: a #SteadImporter
 *
 * Returns: the format's short name, as given to `--format`
 */
const char *
stead_importer_get_id (SteadImporter *self)
{
  g_return_val_if_fail (STEAD_IS_IMPORTER (self), NULL);

  return STEAD_IMPORTER_GET_IFACE (self)->get_id (self);
}

const char *
stead_importer_get_title (SteadImporter *self)
{
  SteadImporterInterface *iface;

  g_return_val_if_fail (STEAD_IS_IMPORTER (self), NULL);

  iface = STEAD_IMPORTER_GET_IFACE (self);
  return iface->get_title != NULL ? iface->get_title (self) : iface->get_id (self);
}

/**
 * stead_importer_get_extensions:
 * @self: a #SteadImporter
 *
 * Returns: (nullable) (array zero-terminated=1): file name extensions
 */
const char * const *
stead_importer_get_extensions (SteadImporter *self)
{
  SteadImporterInterface *iface;

  g_return_val_if_fail (STEAD_IS_IMPORTER (self), NULL);

  iface = STEAD_IMPORTER_GET_IFACE (self);
  return iface->get_extensions != NULL ? iface->get_extensions (self) : NULL;
}
