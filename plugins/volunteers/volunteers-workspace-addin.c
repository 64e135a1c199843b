/* volunteers-workspace-addin.c: the volunteers' schema, the records others
 * use, and references to other plugins' records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "volunteers.h"
#include "volunteers-private.h"

static gboolean
volunteers_workspace_addin_record_removed (SteadTransaction  *txn,
                                           const char        *kind,
                                           gint64             id,
                                           GError           **error)
{
  if (g_str_equal (kind, "organisation"))
    return stead_transaction_run (txn,
                                  "UPDATE volunteers_volunteer SET organisation = NULL, "
                                  "affiliation = 'spontaneous' WHERE organisation = ?1",
                                  STEAD_ARGS (STEAD_INT (id)), error) >= 0 &&
           stead_transaction_run (txn,
                                  "UPDATE volunteers_insurance SET organisation = NULL "
                                  "WHERE organisation = ?1",
                                  STEAD_ARGS (STEAD_INT (id)), error) >= 0 &&
           stead_transaction_run (txn,
                                  "UPDATE volunteers_request SET organisation = NULL "
                                  "WHERE organisation = ?1",
                                  STEAD_ARGS (STEAD_INT (id)), error) >= 0 &&
           stead_transaction_run (txn,
                                  "UPDATE volunteers_offer SET organisation = NULL "
                                  "WHERE organisation = ?1",
                                  STEAD_ARGS (STEAD_INT (id)), error) >= 0 &&
           stead_transaction_run (txn,
                                  "UPDATE volunteers_task SET status = 'cancelled', outcome = "
                                  "coalesce (outcome, 'Its tasking partner was removed') "
                                  "WHERE organisation = ?1 AND status NOT IN ('done', "
                                  "'cancelled')",
                                  STEAD_ARGS (STEAD_INT (id)), error) >= 0;
  if (g_str_equal (kind, "target-group"))
    return stead_transaction_run (txn,
                                  "UPDATE volunteers_request SET group_id = NULL "
                                  "WHERE group_id = ?1",
                                  STEAD_ARGS (STEAD_INT (id)), error) >= 0;
  return TRUE;
}

/* What removing another plugin's record changes here, for the dialog. */
static const SteadReferenceCount volunteers_references[] = {
  { "organisation",
    "SELECT count (*) FROM volunteers_volunteer WHERE organisation = ?1",
    N_("%" G_GINT64_FORMAT " volunteer is affiliated to it, and will be spontaneous."),
    N_("%" G_GINT64_FORMAT " volunteers are affiliated to it, and will be spontaneous.") },
  { "target-group", "SELECT count (*) FROM volunteers_request WHERE group_id = ?1",
    N_("%" G_GINT64_FORMAT " request for help is for it."),
    N_("%" G_GINT64_FORMAT " requests for help are for it.") },
};

static char *
volunteers_workspace_addin_describe_references (SteadWorkspace *workspace,
                                                const char     *kind,
                                                gint64          id)
{
  return stead_describe_reference_counts (workspace, volunteers_references,
                                          G_N_ELEMENTS (volunteers_references), GETTEXT_PACKAGE,
                                          kind, id);
}

/* Volunteers are people: their names are titles only where personal data
 * may be shown, and nothing of them goes in the search index. */
static const SteadRecordKind volunteers_record_kinds[] = {
  { "volunteer", N_("volunteer"),
    "SELECT fid AS id, name AS title FROM volunteers_volunteer ORDER BY name COLLATE NOCASE",
    "SELECT name FROM volunteers_volunteer WHERE fid = ?1",
    "SELECT fid FROM volunteers_volunteer WHERE name = ?1 COLLATE NOCASE OR badge_number = ?1 "
    "ORDER BY fid LIMIT 1",
    "volunteers_volunteer",
    STEAD_STATEMENTS ("DELETE FROM volunteers_task_volunteer WHERE volunteer = ?1",
                      "UPDATE volunteers_offer SET volunteer = NULL WHERE volunteer = ?1",
                      "DELETE FROM volunteers_skill WHERE volunteer = ?1",
                      "DELETE FROM volunteers_availability WHERE volunteer = ?1",
                      "DELETE FROM volunteers_exception WHERE volunteer = ?1",
                      "DELETE FROM volunteers_training WHERE volunteer = ?1",
                      "DELETE FROM volunteers_insurance WHERE volunteer = ?1",
                      "DELETE FROM volunteers_ppe WHERE volunteer = ?1",
                      "DELETE FROM volunteers_volunteer WHERE fid = ?1"),
    NULL, NULL, NULL,
    /* For target groups' coverage: who could help, and how far they go. */
    .facts_sql = "SELECT v.fid AS id, (SELECT group_concat (s.skill, ' ') FROM "
                 "volunteers_skill s WHERE s.volunteer = v.fid) AS skills, v.radius_km, "
                 "ST_MinX (v.geom) AS longitude, ST_MinY (v.geom) AS latitude "
                 "FROM volunteers_volunteer v WHERE v.status = 'active' AND v.geom IS NOT NULL" },
};

const SteadWorkspaceAddinInfo volunteers_workspace_addin = {
  .module = VOLUNTEERS_OWNER,
  .schema_path = "/io/github/steadapp/Stead/plugins/volunteers/schema",
  .record_kinds = volunteers_record_kinds,
  .n_record_kinds = G_N_ELEMENTS (volunteers_record_kinds),
  .importers = (const SteadImportFormat * const[]) { &volunteers_csv_import_format, NULL },
  .exporters = (const SteadExportFormat * const[]) { &volunteers_csv_export_format,
                                                      &volunteers_badges_format,
                                                      &volunteers_tasklist_format, NULL },
  .report_sections = (const SteadReportSectionInfo * const[]) { &volunteers_report_section,
                                                                NULL },
  .populate_demo = volunteers_demo_populate,
  .publish = volunteers_publish,
  .record_removed = volunteers_workspace_addin_record_removed,
  .describe_references = volunteers_workspace_addin_describe_references,
  .commands = (const SteadCommand * const[]) { &volunteers_match_command, NULL },
  /* A request made for a target group: its name is the groups plugin's. */
  .need_groups_sql = "SELECT n.fid AS need, r.group_id AS group_id, NULL AS group_name "
                     "FROM need n JOIN volunteers_request r ON r.fid = n.owner_ref "
                     "WHERE n.owner = 'volunteers' AND r.group_id IS NOT NULL",
};
