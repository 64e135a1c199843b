/* volunteers-private.h: the volunteers' data module, inside the plugin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead.h>

G_BEGIN_DECLS

extern const SteadWorkspaceAddinInfo volunteers_workspace_addin;

/* volunteers-demo.c: the demo area's volunteers, requests and offers. */
gboolean volunteers_demo_populate (SteadTransaction  *txn,
                                   guint              scale,
                                   GRand             *rng,
                                   GError           **error);

/* volunteers-publish.c: requests as needs, offers as resources. */
gboolean volunteers_publish (SteadTransaction    *txn,
                             const char * const  *tables,
                             GError             **error);

/* volunteers-csv.c: the register as CSV. */
extern const SteadImportFormat volunteers_csv_import_format;
extern const SteadExportFormat volunteers_csv_export_format;

/* volunteers-report.c, -badges.c, -tasklist.c: the report's section, the ID
 * badge sheet and a tasking organisation's task list. */
extern const SteadReportSectionInfo volunteers_report_section;
extern const SteadExportFormat volunteers_badges_format;
extern const SteadExportFormat volunteers_tasklist_format;

G_END_DECLS
