/* partners-private.h: the partners plugin's types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead.h>

G_BEGIN_DECLS

#define PARTNERS_TYPE_WORKSPACE_ADDIN (partners_workspace_addin_get_type ())
G_DECLARE_FINAL_TYPE (PartnersWorkspaceAddin, partners_workspace_addin, PARTNERS, WORKSPACE_ADDIN, GObject)

#define PARTNERS_TYPE_ORUK_IMPORTER (partners_oruk_importer_get_type ())
G_DECLARE_FINAL_TYPE (PartnersOrukImporter, partners_oruk_importer, PARTNERS, ORUK_IMPORTER, GObject)

#define PARTNERS_TYPE_CSV_IMPORTER (partners_csv_importer_get_type ())
G_DECLARE_FINAL_TYPE (PartnersCsvImporter, partners_csv_importer, PARTNERS, CSV_IMPORTER, GObject)

#define PARTNERS_TYPE_ORUK_EXPORTER (partners_oruk_exporter_get_type ())
G_DECLARE_FINAL_TYPE (PartnersOrukExporter, partners_oruk_exporter, PARTNERS, ORUK_EXPORTER, GObject)

#define PARTNERS_TYPE_CSV_EXPORTER (partners_csv_exporter_get_type ())
G_DECLARE_FINAL_TYPE (PartnersCsvExporter, partners_csv_exporter, PARTNERS, CSV_EXPORTER, GObject)

#define PARTNERS_TYPE_VCARD_EXPORTER (partners_vcard_exporter_get_type ())
G_DECLARE_FINAL_TYPE (PartnersVcardExporter, partners_vcard_exporter, PARTNERS, VCARD_EXPORTER, GObject)

#define PARTNERS_TYPE_REPORT_SECTION (partners_report_section_get_type ())
G_DECLARE_FINAL_TYPE (PartnersReportSection, partners_report_section, PARTNERS, REPORT_SECTION,
                      GObject)

G_END_DECLS
