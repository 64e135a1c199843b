/* stead-import-formats-private.h: the formats the core itself offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stead-format.h"

G_BEGIN_DECLS

extern const SteadImportFormat stead_import_needs_csv;
extern const SteadImportFormat stead_import_resources_csv;
extern const SteadImportFormat stead_import_postcodes;
extern const SteadImportFormat stead_import_geojson_areas;
extern const SteadImportFormat stead_import_gpkg_areas;
extern const SteadImportFormat stead_import_cap;

extern const SteadExportFormat stead_export_needs_csv;
extern const SteadExportFormat stead_export_resources_csv;
extern const SteadExportFormat stead_export_areas_geojson;

/* Imports @file with @format into @txn, a transaction the caller holds
 * (the demo area's); any rejected record is an error. */
gboolean stead_import_run_in_transaction (SteadTransaction         *txn,
                                          const SteadImportFormat  *format,
                                          GFile                    *file,
                                          GHashTable               *options,
                                          SteadImportResult       **result,
                                          GError                  **error);

/* The default of stead_importer_detect(): by the header, for formats
 * with fields. */
guint    stead_import_detect_by_header (SteadImporter           *importer,
                                        const SteadImportSample *sample);

gboolean stead_format_check_options (const char              *format_id,
                                     const SteadFormatOption *declared,
                                     GHashTable              *options,
                                     GError                 **error);

G_END_DECLS
