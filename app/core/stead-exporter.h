/* stead-exporter.h: one file format a plugin can export
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

#define STEAD_TYPE_EXPORTER (stead_exporter_get_type ())

G_DECLARE_INTERFACE (SteadExporter, stead_exporter, STEAD, EXPORTER, GObject)

/* Plugins register implementations with
 * peas_object_module_register_extension_type (module, STEAD_TYPE_EXPORTER, …);
 * `stead-cli formats` and the window list every one the loaded plugins
 * provide. */
struct _SteadExporterInterface
{
  GTypeInterface parent_iface;

  const char         *(*get_id)          (SteadExporter *self);
  const char         *(*get_title)       (SteadExporter *self);
  const char * const *(*get_extensions)  (SteadExporter *self);
};

const char         *stead_exporter_get_id         (SteadExporter *self);
const char         *stead_exporter_get_title      (SteadExporter *self);
const char * const *stead_exporter_get_extensions (SteadExporter *self);

G_END_DECLS
