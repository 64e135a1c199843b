/* risks-private.h: the risks plugin's types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead.h>

G_BEGIN_DECLS

extern const SteadWorkspaceAddinInfo risks_workspace_addin;

/* The register, one risk a row, as the CSV and PDF exports write it. The
 * owner (column RISKS_REGISTER_OWNER) is a partner organisation's id. */
#define RISKS_REGISTER_SQL                                                                         \
  "SELECT r.reference, r.title, r.theme, r.likelihood, r.impact, r.likelihood_min, "               \
  "r.likelihood_max, "                                                                             \
  "  r.impact_min, r.impact_max, CASE r.malicious WHEN 1 THEN 'yes' ELSE 'no' END, r.hazard, "     \
  "r.rwcs, "                                                                                       \
  "  r.controls, r.treatment, r.owner, r.status, b.label, r.assessed, r.review, r.trend, "         \
  "b.colour "                                                                                      \
  "FROM risks_risk r LEFT JOIN risks_band_matrix m ON m.likelihood = r.likelihood AND m.impact = " \
  "r.impact "                                                                                      \
  "LEFT JOIN risks_band b ON b.code = m.band ORDER BY r.reference"
#define RISKS_REGISTER_OWNER 14

/* Column @column of a RISKS_REGISTER_SQL row as text (the owner by name). */
char *risks_register_column (SteadWorkspace *workspace,
                             sqlite3_stmt   *stmt,
                             int             column);

extern const SteadImportFormat risks_csv_import;
extern const SteadImportFormat risks_hazards_geojson_import;
extern const SteadImportFormat risks_hazards_gpkg_import;
extern const SteadExportFormat risks_csv_export;
extern const SteadExportFormat risks_pdf_export;

extern const SteadReportSectionInfo risks_report_section;

G_END_DECLS
