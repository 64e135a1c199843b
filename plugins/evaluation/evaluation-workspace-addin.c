/* evaluation-workspace-addin.c: the evaluation plugin's schema, records
 * others find, and references to partner organisations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "evaluation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "evaluation-private.h"

/* An organisation removed leaves the assessments it took part in, and its
 * actions without an owner. */
static gboolean
evaluation_workspace_addin_record_removed (SteadTransaction  *txn,
                                           const char        *kind,
                                           gint64             id,
                                           GError           **error)
{
  if (!g_str_equal (kind, "organisation"))
    return TRUE;
  return stead_transaction_run (txn, "DELETE FROM evaluation_participant WHERE organisation = ?1",
                                STEAD_ARGS (STEAD_INT (id)), error) >= 0 &&
         stead_transaction_run (txn,
                                "UPDATE evaluation_action SET owner_organisation = NULL "
                                "WHERE owner_organisation = ?1",
                                STEAD_ARGS (STEAD_INT (id)), error) >= 0;
}

static const SteadReferenceCount evaluation_references[] = {
  { "organisation", "SELECT count (*) FROM evaluation_participant WHERE organisation = ?1",
    N_("It took part in %" G_GINT64_FORMAT " assessment, which will no longer list it."),
    N_("It took part in %" G_GINT64_FORMAT " assessments, which will no longer list it.") },
  { "organisation", "SELECT count (*) FROM evaluation_action WHERE owner_organisation = ?1",
    N_("It owns %" G_GINT64_FORMAT " assessment action, which will have no owner."),
    N_("It owns %" G_GINT64_FORMAT " assessment actions, which will have no owner.") },
};

static char *
evaluation_workspace_addin_describe_references (SteadWorkspace *workspace,
                                                const char     *kind,
                                                gint64          id)
{
  return stead_describe_reference_counts (workspace, evaluation_references,
                                          G_N_ELEMENTS (evaluation_references), GETTEXT_PACKAGE,
                                          kind, id);
}

static const SteadRecordKind evaluation_record_kinds[] = {
  { "assessment", N_("assessment"),
    "SELECT id, title FROM evaluation_assessment ORDER BY date DESC, id DESC",
    "SELECT title FROM evaluation_assessment WHERE id = ?1",
    "SELECT id FROM evaluation_assessment WHERE title = ?1 COLLATE NOCASE ORDER BY id LIMIT 1",
    "evaluation_assessment",
    STEAD_STATEMENTS ("DELETE FROM evaluation_action WHERE assessment = ?1",
                      "DELETE FROM evaluation_participant WHERE assessment = ?1",
                      "DELETE FROM evaluation_evidence WHERE assessment = ?1",
                      "DELETE FROM evaluation_score WHERE assessment = ?1",
                      "DELETE FROM evaluation_assessment WHERE id = ?1"),
    "SELECT a.id, a.title, f.title FROM evaluation_assessment a "
    "JOIN evaluation_framework f ON f.id = a.framework" },
  { "evaluation-action", N_("assessment action"),
    "SELECT id, text AS title FROM evaluation_action ORDER BY due IS NULL, due, id",
    "SELECT text FROM evaluation_action WHERE id = ?1",
    "SELECT id FROM evaluation_action WHERE text = ?1 COLLATE NOCASE ORDER BY id LIMIT 1",
    "evaluation_action",
    STEAD_STATEMENTS ("DELETE FROM evaluation_action WHERE id = ?1"),
    "SELECT id, text, coalesce (statement, dimension, '') FROM evaluation_action" },
};

const SteadWorkspaceAddinInfo evaluation_workspace_addin = {
  .module = EVALUATION_OWNER,
  .schema_path = EVALUATION_RESOURCES "/schema",
  .record_kinds = evaluation_record_kinds,
  .n_record_kinds = G_N_ELEMENTS (evaluation_record_kinds),
  .populate_demo = evaluation_demo_populate,
  .record_removed = evaluation_workspace_addin_record_removed,
  .describe_references = evaluation_workspace_addin_describe_references,
  .report_sections = (const SteadReportSectionInfo * const[]) { &evaluation_report_section,
                                                                &evaluation_needs_report_section,
                                                                NULL },
  .importers = (const SteadImportFormat * const[]) { &evaluation_framework_import, NULL },
};
