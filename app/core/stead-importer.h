/* stead-importer.h: one file format a plugin can import
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

#define STEAD_TYPE_IMPORTER (stead_importer_get_type ())

G_DECLARE_INTERFACE (SteadImporter, stead_importer, STEAD, IMPORTER, GObject)

/* Plugins register implementations with
 * peas_object_module_register_extension_type (module, STEAD_TYPE_IMPORTER, …);
 * `stead-cli formats` and the window list every one the loaded plugins
 * provide. */
struct _SteadImporterInterface
{
  GTypeInterface parent_iface;

  const char         *(*get_id)          (SteadImporter *self);
  const char         *(*get_title)       (SteadImporter *self);
  const char * const *(*get_extensions)  (SteadImporter *self);
};

const char         *stead_importer_get_id         (SteadImporter *self);
const char         *stead_importer_get_title      (SteadImporter *self);
const char * const *stead_importer_get_extensions (SteadImporter *self);

G_END_DECLS
