/* risks-private.h: the risks plugin's types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead.h>

G_BEGIN_DECLS

#define RISKS_TYPE_WORKSPACE_ADDIN (risks_workspace_addin_get_type ())
G_DECLARE_FINAL_TYPE (RisksWorkspaceAddin, risks_workspace_addin, RISKS, WORKSPACE_ADDIN, GObject)

#define RISKS_TYPE_CSV_IMPORTER (risks_csv_importer_get_type ())
G_DECLARE_FINAL_TYPE (RisksCsvImporter, risks_csv_importer, RISKS, CSV_IMPORTER, GObject)

#define RISKS_TYPE_HAZARDS_IMPORTER (risks_hazards_importer_get_type ())
G_DECLARE_FINAL_TYPE (RisksHazardsImporter, risks_hazards_importer, RISKS, HAZARDS_IMPORTER, GObject)

#define RISKS_TYPE_GPKG_HAZARDS_IMPORTER (risks_gpkg_hazards_importer_get_type ())
G_DECLARE_FINAL_TYPE (RisksGpkgHazardsImporter, risks_gpkg_hazards_importer, RISKS, GPKG_HAZARDS_IMPORTER, GObject)

#define RISKS_TYPE_CSV_EXPORTER (risks_csv_exporter_get_type ())
G_DECLARE_FINAL_TYPE (RisksCsvExporter, risks_csv_exporter, RISKS, CSV_EXPORTER, GObject)

#define RISKS_TYPE_PDF_EXPORTER (risks_pdf_exporter_get_type ())
G_DECLARE_FINAL_TYPE (RisksPdfExporter, risks_pdf_exporter, RISKS, PDF_EXPORTER, GObject)

#define RISKS_TYPE_REPORT_SECTION (risks_report_section_get_type ())
G_DECLARE_FINAL_TYPE (RisksReportSection, risks_report_section, RISKS, REPORT_SECTION, GObject)

G_END_DECLS
