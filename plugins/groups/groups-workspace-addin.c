/* groups-workspace-addin.c: target groups' schema, records others use,
 * and references to other plugins' records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "groups"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "groups.h"
#include "groups-private.h"

/* ------------------------------------------------------------------------ */
/* Other plugins' records                                                    */

static gboolean
groups_workspace_addin_record_removed (SteadTransaction  *txn,
                                       const char        *kind,
                                       gint64             id,
                                       GError           **error)
{
  if (g_str_equal (kind, "organisation"))
    return stead_transaction_run (txn,
                                  "DELETE FROM groups_reach_area WHERE reach IN "
                                  "(SELECT id FROM groups_reach WHERE organisation = ?1)",
                                  STEAD_ARGS (STEAD_INT (id)), error) >= 0 &&
           stead_transaction_run (txn, "DELETE FROM groups_reach WHERE organisation = ?1",
                                  STEAD_ARGS (STEAD_INT (id)), error) >= 0 &&
           stead_transaction_run (txn,
                                  "UPDATE groups_engagement SET organisation = NULL "
                                  "WHERE organisation = ?1",
                                  STEAD_ARGS (STEAD_INT (id)), error) >= 0;
  if (g_str_equal (kind, "risk"))
    return stead_transaction_run (txn, "DELETE FROM groups_exposure WHERE risk = ?1",
                                  STEAD_ARGS (STEAD_INT (id)), error) >= 0;
  if (g_str_equal (kind, "agreement"))
    return stead_transaction_run (txn,
                                  "UPDATE groups_household_list SET agreement = NULL "
                                  "WHERE agreement = ?1",
                                  STEAD_ARGS (STEAD_INT (id)), error) >= 0;
  return TRUE;
}

/* What removing another plugin's record changes here: how many of ours
 * name it, in a sentence for the confirmation dialog. */
static const SteadReferenceCount groups_references[] = {
  { "organisation", "SELECT count (DISTINCT group_id) FROM groups_reach WHERE organisation = ?1",
    N_("It reaches %" G_GINT64_FORMAT " target group, which will lose that link."),
    N_("It reaches %" G_GINT64_FORMAT " target groups, which will lose that link.") },
  { "risk", "SELECT count (*) FROM groups_exposure WHERE risk = ?1",
    N_("%" G_GINT64_FORMAT " target group is recorded as exposed to it."),
    N_("%" G_GINT64_FORMAT " target groups are recorded as exposed to it.") },
  { "agreement", "SELECT count (*) FROM groups_household_list WHERE agreement = ?1",
    N_("%" G_GINT64_FORMAT " household list came under it, and will name no agreement."),
    N_("%" G_GINT64_FORMAT " household lists came under it, and will name no agreement.") },
};

static char *
groups_workspace_addin_describe_references (SteadWorkspace *workspace,
                                            const char     *kind,
                                            gint64          id)
{
  return stead_describe_reference_counts (workspace, groups_references,
                                          G_N_ELEMENTS (groups_references), GETTEXT_PACKAGE,
                                          kind, id);
}

static const SteadRecordKind groups_record_kinds[] = {
  { "target-group", N_("target group"),
    "SELECT id, name AS title FROM groups_group ORDER BY name COLLATE NOCASE",
    "SELECT name FROM groups_group WHERE id = ?1",
    "SELECT id FROM groups_group WHERE name = ?1 COLLATE NOCASE ORDER BY id LIMIT 1",
    "groups_group",
    STEAD_STATEMENTS ("DELETE FROM groups_need WHERE group_id = ?1",
                      "DELETE FROM groups_count WHERE group_id = ?1",
                      "DELETE FROM groups_place WHERE group_id = ?1",
                      "DELETE FROM groups_reach_area WHERE reach IN "
                      "(SELECT id FROM groups_reach WHERE group_id = ?1)",
                      "DELETE FROM groups_reach WHERE group_id = ?1",
                      "DELETE FROM groups_exposure WHERE group_id = ?1",
                      "DELETE FROM groups_engagement WHERE group_id = ?1",
                      "UPDATE groups_household_list SET group_id = NULL WHERE group_id = ?1",
                      "DELETE FROM groups_group WHERE id = ?1"),
    "SELECT id, name, coalesce (description, '') || ' ' || coalesce (resilience, '') "
    "FROM groups_group",
    "SELECT geom FROM groups_place WHERE group_id = ?1 AND geom IS NOT NULL",
    "INSERT INTO groups_group (name) VALUES (?1)" },
  { "household-list", N_("household list"),
    "SELECT id, name AS title FROM groups_household_list ORDER BY name COLLATE NOCASE",
    "SELECT name FROM groups_household_list WHERE id = ?1",
    "SELECT id FROM groups_household_list WHERE name = ?1 COLLATE NOCASE ORDER BY id LIMIT 1",
    "groups_household_list",
    STEAD_STATEMENTS ("DELETE FROM need WHERE owner = 'groups' AND owner_ref IN "
                      "(SELECT fid FROM groups_household WHERE list = ?1)",
                      "DELETE FROM groups_household WHERE list = ?1",
                      "DELETE FROM groups_household_list WHERE id = ?1") },
};

/* Lists past their retention date go as soon as a writable workspace
 * opens (a read-only one is never written: the view leaves them out). */
static void
groups_workspace_addin_load (SteadWorkspace *workspace)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  g_autofree char *today = NULL;

  if (stead_workspace_is_read_only (workspace))
    return;
  next = groups_households_next_expiry (workspace);
  today = groups_households_today ();
  if (next != NULL && g_strcmp0 (next, today) <= 0 &&
      !groups_households_purge_expired (workspace, today, NULL, &error))
    g_warning ("Could not purge the household lists past their retention date: %s",
               error->message);
  /* And the others the moment their day comes, while it is open. */
  groups_households_watch (workspace);
}

static void
groups_workspace_addin_unload (SteadWorkspace *workspace)
{
  groups_households_unwatch (workspace);
}

static gboolean
groups_workspace_addin_publish (SteadTransaction    *txn,
                                const char * const  *tables,
                                GError             **error)
{
  return groups_households_publish (txn, tables, error);
}

const SteadWorkspaceAddinInfo groups_workspace_addin = {
  .module = GROUPS_OWNER,
  .schema_path = "/io/github/steadapp/Stead/plugins/groups/schema",
  .record_kinds = groups_record_kinds,
  .n_record_kinds = G_N_ELEMENTS (groups_record_kinds),
  .load = groups_workspace_addin_load,
  .unload = groups_workspace_addin_unload,
  .publish = groups_workspace_addin_publish,
  .populate_demo = groups_demo_populate,
  .record_removed = groups_workspace_addin_record_removed,
  .describe_references = groups_workspace_addin_describe_references,
  .report_sections = (const SteadReportSectionInfo * const[]) { &groups_report_section, NULL },
  .commands = (const SteadCommand * const[]) { &groups_gaps_command, NULL },
  /* A household's needs are its list's target group's. */
  .need_groups_sql = "SELECT n.fid AS need, g.id AS group_id, g.name AS group_name "
                     "FROM need n JOIN groups_household h ON h.fid = n.owner_ref "
                     "JOIN groups_household_list l ON l.id = h.list "
                     "JOIN groups_group g ON g.id = l.group_id WHERE n.owner = 'groups'",
  .importers = (const SteadImportFormat * const[]) { &groups_census_import, &groups_imd_import,
                                                     &groups_csv_import, &groups_psr_format,
                                                     NULL },
  .exporters = (const SteadExportFormat * const[]) { &groups_hxl_export, &groups_csv_export,
                                                     NULL },
};
