/* groups-private.h: the target groups' data module, inside the plugin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead.h>

G_BEGIN_DECLS

extern const SteadWorkspaceAddinInfo groups_workspace_addin;

/* groups-demo.c: the demo area's groups, inside the demo's transaction. */
gboolean groups_demo_populate (SteadTransaction  *txn,
                               guint              scale,
                               GRand             *rng,
                               GError           **error);

/* groups-report.c (gcov): the coverage section and `stead-cli groups-gaps`. */
extern const SteadReportSectionInfo groups_report_section;
extern const SteadCommand           groups_gaps_command;

G_END_DECLS
