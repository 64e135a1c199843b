/* evaluation-private.h: inside the evaluation plugin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "evaluation.h"

G_BEGIN_DECLS

extern const SteadWorkspaceAddinInfo evaluation_workspace_addin;

/* evaluation-score.c: empty parts of a framework, for the parser to fill. */
EvaluationFramework *evaluation_framework_new (void);
EvaluationDimension *evaluation_dimension_new (void);
EvaluationStatement *evaluation_statement_new (void);

/* evaluation-import.c */
extern const SteadImportFormat evaluation_framework_import;

/* evaluation-report.c */
extern const SteadReportSectionInfo evaluation_report_section;

/* evaluation-needs-report.c */
extern const SteadReportSectionInfo evaluation_needs_report_section;

/* evaluation-demo.c: inside the demo's transaction. */
gboolean evaluation_demo_populate (SteadTransaction  *txn,
                                   guint              scale,
                                   GRand             *rng,
                                   GError           **error);

G_END_DECLS
