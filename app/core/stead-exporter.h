/* stead-exporter.h: one file format a plugin can export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <gio/gio.h>

#include "stead-types.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

#define STEAD_TYPE_EXPORTER (stead_exporter_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_INTERFACE (SteadExporter, stead_exporter, STEAD, EXPORTER, GObject)

typedef struct
{
  /* Personal data (columns listed in stead_personal_data) is left out
   * unless the user asks for it. */
  gboolean    include_personal;
  GHashTable *options;   /* (nullable) format-specific key=value strings */
} SteadExportOptions;

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
  /* Writes the whole export to @stream; may run on a worker thread. */
  gboolean            (*run)             (SteadExporter            *self,
                                          SteadWorkspace           *workspace,
                                          GOutputStream            *stream,
                                          const SteadExportOptions *options,
                                          GCancellable             *cancellable,
                                          GError                  **error);
  /* The owning plugin's module name ("core" if NULL). */
  const char         *(*get_owner)       (SteadExporter *self);
  /* The --option keys it reads, ending with { NULL }; others are refused. */
  const SteadFormatOption *(*get_options) (SteadExporter *self);

  gpointer            padding[6];
};

STEAD_AVAILABLE_IN_1_0
const char         *stead_exporter_get_id         (SteadExporter *self);
STEAD_AVAILABLE_IN_1_0
const char         *stead_exporter_get_title      (SteadExporter *self);
STEAD_AVAILABLE_IN_1_0
const char * const *stead_exporter_get_extensions (SteadExporter *self);
STEAD_AVAILABLE_IN_1_0
const char         *stead_exporter_get_owner      (SteadExporter *self);
STEAD_AVAILABLE_IN_1_0
const SteadFormatOption *stead_exporter_get_options (SteadExporter *self);
STEAD_AVAILABLE_IN_1_0
gboolean            stead_exporter_run            (SteadExporter            *self,
                                                   SteadWorkspace           *workspace,
                                                   GOutputStream            *stream,
                                                   const SteadExportOptions *options,
                                                   GCancellable             *cancellable,
                                                   GError                  **error);
/* The id an export writes for a row, the same in every workspace the
 * file reaches: its @source_id if it came from elsewhere, else
 * "stead:<workspace uid>:<table>:<id>". See docs/plugin-guide.md. */
STEAD_AVAILABLE_IN_1_0
char               *stead_workspace_dup_uid       (SteadWorkspace           *workspace);
STEAD_AVAILABLE_IN_1_0
char               *stead_export_stable_id        (const char               *uid,
                                                   const char               *table,
                                                   gint64                    id,
                                                   const char               *source_id);
/* The columns registered in stead_personal_data, as "table.column". */
STEAD_AVAILABLE_IN_1_0
GHashTable         *stead_export_list_personal    (SteadWorkspace           *workspace,
                                                   GError                  **error);

/* Runs the export into @file through a #SteadOutput: never over the
 * workspace, whole or not at all, 0600 when personal data is included. */
STEAD_AVAILABLE_IN_1_0
gboolean            stead_exporter_write_file     (SteadExporter            *self,
                                                   SteadWorkspace           *workspace,
                                                   GFile                    *file,
                                                   const SteadExportOptions *options,
                                                   GCancellable             *cancellable,
                                                   GError                  **error);

STEAD_AVAILABLE_IN_1_0
GPtrArray          *stead_export_list_exporters   (SteadPluginEngine        *engine);
STEAD_AVAILABLE_IN_1_0
SteadExporter      *stead_export_find_exporter    (GPtrArray                *exporters,
                                                   const char               *id,
                                                   GError                  **error);

G_END_DECLS
