/* stead-import-formats-private.h: the formats the core itself offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libpeas/peas.h>

#include "stead-exporter.h"
#include "stead-importer.h"

G_BEGIN_DECLS

/* A built-in format: one GObject type, described by a table. */
typedef struct
{
  const char             *id;
  const char             *title;
  const char * const     *extensions;
  const SteadImportField *fields;
  guint                   n_fields;
  gboolean              (*run) (SteadImporter       *importer,
                                SteadImportContext  *context,
                                GError             **error);
} SteadCoreImportFormat;

typedef struct
{
  const char             *id;
  const char             *title;
  const char * const     *extensions;
  gboolean              (*run) (SteadExporter            *exporter,
                                SteadWorkspace           *workspace,
                                GOutputStream            *stream,
                                const SteadExportOptions *options,
                                GCancellable             *cancellable,
                                GError                  **error);
} SteadCoreExportFormat;

extern const SteadCoreImportFormat stead_import_needs_csv;
extern const SteadCoreImportFormat stead_import_resources_csv;
extern const SteadCoreImportFormat stead_import_postcodes;
extern const SteadCoreImportFormat stead_import_geojson_areas;
extern const SteadCoreImportFormat stead_import_gpkg_areas;
extern const SteadCoreImportFormat stead_import_cap;

extern const SteadCoreExportFormat stead_export_needs_csv;
extern const SteadCoreExportFormat stead_export_resources_csv;
extern const SteadCoreExportFormat stead_export_areas_geojson;

void     stead_import_add_core_importers (GPtrArray *importers);
void     stead_export_add_core_exporters (GPtrArray *exporters);

/* Shared by the core formats. */
void     stead_import_collect_extension (PeasExtensionSet *set,
                                         PeasPluginInfo   *info,
                                         PeasExtension    *extension,
                                         gpointer          user_data);

G_END_DECLS
