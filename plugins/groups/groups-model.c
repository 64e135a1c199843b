/* groups-model.c: target groups' records, lists and edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "groups"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "groups.h"

const SteadChoice groups_channels[] = {
  { "visits", N_("Home visits") },
  { "phone", N_("Phone calls") },
  { "door-knock", N_("Door-knocking") },
  { "faith-meeting", N_("Faith meetings") },
  { "community-event", N_("Community events") },
  { "app", N_("App or text messages") },
  { "social-media", N_("Social media") },
  { "letter", N_("Letters") },
  { "radio", N_("Local radio") },
  { "other", N_("Other") },
  { NULL },
};

const SteadChoice groups_strengths[] = {
  { "1", N_("Weak") },
  { "2", N_("Working") },
  { "3", N_("Strong") },
  { NULL },
};

/* UK GDPR Article 6 bases a data-sharing partner's list may come under
 * (special category needs data also needs an Article 9 condition, which
 * the agreement names). */
const SteadChoice groups_lawful_bases[] = {
  { "public-task", N_("Public task") },
  { "vital-interests", N_("Vital interests") },
  { "legitimate-interests", N_("Legitimate interests (emergencies)") },
  { "legal-obligation", N_("Legal obligation") },
  { "consent", N_("Consent") },
  { NULL },
};

/* ------------------------------------------------------------------------ */
/* A group                                                                   */

#define GROUP_SET(column) STEAD_SET_SQL ("groups_group", column)

static const SteadField groups_group_fields[] = {
  { "name", "group;target group", "#group +name", TRUE, .label = N_("Name"),
    .set_sql = GROUP_SET ("name") },
  { "category", "type", "#group +type", .type = STEAD_FIELD_TERM, .vocabulary = "target-group",
    .label = N_("Category"), .set_sql = GROUP_SET ("category") },
  { "description", NULL, NULL, .label = N_("Description"), .flags = STEAD_FIELD_MULTILINE,
    .set_sql = GROUP_SET ("description") },
  { "size", "estimate;estimated size", "#population", .type = STEAD_FIELD_INT, .min = 0,
    .max = 100000000, .label = N_("Estimated Size"), .set_sql = GROUP_SET ("size") },
  { "capacity", NULL, NULL, .type = STEAD_FIELD_BOOL, .label = N_("Cannot Help Themselves"),
    .set_sql = GROUP_SET ("capacity") },
  { "agency", NULL, NULL, .type = STEAD_FIELD_BOOL, .label = N_("Not Permitted to Act"),
    .set_sql = GROUP_SET ("agency") },
  { "awareness", NULL, NULL, .type = STEAD_FIELD_BOOL, .label = N_("Unaware of the Risk"),
    .set_sql = GROUP_SET ("awareness") },
  { "preparedness", NULL, NULL, .type = STEAD_FIELD_BOOL, .label = N_("Unprepared"),
    .set_sql = GROUP_SET ("preparedness") },
  { "resilience", NULL, NULL, .label = N_("Baseline Resilience"), .flags = STEAD_FIELD_MULTILINE,
    .set_sql = GROUP_SET ("resilience") },
  { "counted", .type = STEAD_FIELD_INT, .label = N_("Counted") },
  { "reached_by", .type = STEAD_FIELD_INT, .label = N_("Reached By") },
  { "needs", .flags = STEAD_FIELD_INTERNAL },
};

const SteadRecordInfo groups_group_info = {
  .kind = "target-group",
  .owner = GROUPS_OWNER,
  .title_field = "name",
  .fields = groups_group_fields,
  .n_fields = G_N_ELEMENTS (groups_group_fields),
  .edit_summary = N_("Edit target group “%s”"),
  .title_sql = "SELECT name FROM groups_group WHERE id = ?1",
};

STEAD_DEFINE_RECORD_TYPE (GroupsGroup, groups_group, &groups_group_info)

SteadQueryModel *
groups_groups_new (SteadWorkspace *workspace)
{
  return stead_query_model_new (
    workspace, GROUPS_TYPE_GROUP,
    "SELECT g.id, g.name, g.category, g.description, g.size, g.capacity, g.agency, "
    "  g.awareness, g.preparedness, g.resilience, "
    "  (SELECT sum (c.count) FROM groups_count c WHERE c.group_id = g.id) AS counted, "
    "  (SELECT count (DISTINCT r.organisation) FROM groups_reach r WHERE r.group_id = g.id) "
    "    AS reached_by, "
    "  (SELECT group_concat (n.kind, ' ') FROM groups_need n WHERE n.group_id = g.id) AS needs "
    "FROM groups_group g ORDER BY g.name COLLATE NOCASE, g.id",
    GROUPS_TABLES);
}

/* ------------------------------------------------------------------------ */
/* What belongs to a group                                                   */

static const SteadField groups_count_fields[] = {
  { "area_name", .label = N_("Area") },
  { "area_kind", .label = N_("Kind of Area") },
  { "area_code", .label = N_("Code") },
  { "area", .type = STEAD_FIELD_INT, .flags = STEAD_FIELD_INTERNAL },
  { "count", .type = STEAD_FIELD_INT, .min = 0, .max = 100000000, .label = N_("Count"),
    .set_sql = STEAD_SET_SQL ("groups_count", "count") },
  { "source", .label = N_("Source"), .set_sql = STEAD_SET_SQL ("groups_count", "source") },
  { "date", .type = STEAD_FIELD_DATE, .label = N_("Date"),
    .set_sql = STEAD_SET_SQL ("groups_count", "date") },
};

const SteadRecordInfo groups_count_info = {
  .kind = "target-group-count", .owner = GROUPS_OWNER, .title_field = "area_name",
  .fields = groups_count_fields, .n_fields = G_N_ELEMENTS (groups_count_fields),
  .edit_summary = N_("Edit count in “%s”"),
  .title_sql = "SELECT a.name FROM groups_count c JOIN area a ON a.fid = c.area WHERE c.id = ?1",
};

STEAD_DEFINE_RECORD_TYPE (GroupsCount, groups_count, &groups_count_info)

#define PLACE_SET(column) "UPDATE groups_place SET " column " = ?1 WHERE fid = ?2"

static const SteadField groups_place_fields[] = {
  { "name", .required = TRUE, .label = N_("Name"), .set_sql = PLACE_SET ("name") },
  { "what", .label = N_("What It Is"), .set_sql = PLACE_SET ("what") },
  { "people", .type = STEAD_FIELD_INT, .min = 0, .max = 1000000, .label = N_("People"),
    .set_sql = PLACE_SET ("people") },
  { "postcode", .label = N_("Postcode") },
  { "source", .label = N_("Source"), .set_sql = PLACE_SET ("source") },
  { "longitude", .type = STEAD_FIELD_DOUBLE, .flags = STEAD_FIELD_INTERNAL },
  { "latitude", .type = STEAD_FIELD_DOUBLE, .flags = STEAD_FIELD_INTERNAL },
};

const SteadRecordInfo groups_place_info = {
  .kind = "target-group-place", .owner = GROUPS_OWNER, .title_field = "name",
  .fields = groups_place_fields, .n_fields = G_N_ELEMENTS (groups_place_fields),
  .edit_summary = N_("Edit place “%s”"),
  .title_sql = "SELECT name FROM groups_place WHERE fid = ?1",
};

STEAD_DEFINE_RECORD_TYPE (GroupsPlace, groups_place, &groups_place_info)

static const SteadField groups_reach_fields[] = {
  { "organisation", .required = TRUE, .type = STEAD_FIELD_RECORD, .vocabulary = "organisation",
    .label = N_("Partner") },
  { "channel", .required = TRUE, .type = STEAD_FIELD_CHOICE, .choices = groups_channels,
    .label = N_("Channel"), .set_sql = STEAD_SET_SQL ("groups_reach", "channel") },
  { "strength", .type = STEAD_FIELD_INT, .min = 1, .max = 3, .choices = groups_strengths,
    .label = N_("Relationship"), .set_sql = STEAD_SET_SQL ("groups_reach", "strength") },
  { "areas", .label = N_("Areas Covered") },
  { "notes", .label = N_("Notes"), .set_sql = STEAD_SET_SQL ("groups_reach", "notes") },
};

const SteadRecordInfo groups_reach_info = {
  .kind = "target-group-reach", .owner = GROUPS_OWNER, .title_field = "channel",
  .fields = groups_reach_fields, .n_fields = G_N_ELEMENTS (groups_reach_fields),
  .edit_summary = N_("Edit how a partner reaches the group (%s)"),
  .title_sql = "SELECT channel FROM groups_reach WHERE id = ?1",
};

STEAD_DEFINE_RECORD_TYPE (GroupsReach, groups_reach, &groups_reach_info)

#define ENGAGEMENT_SET(column) STEAD_SET_SQL ("groups_engagement", column)

static const SteadField groups_engagement_fields[] = {
  { "date", .required = TRUE, .type = STEAD_FIELD_DATE, .label = N_("Date"),
    .set_sql = ENGAGEMENT_SET ("date") },
  { "summary", .required = TRUE, .label = N_("What Happened"), .flags = STEAD_FIELD_MULTILINE,
    .set_sql = ENGAGEMENT_SET ("summary") },
  { "organisation", .type = STEAD_FIELD_RECORD, .vocabulary = "organisation",
    .label = N_("Partner"), .set_sql = ENGAGEMENT_SET ("organisation") },
  { "channel", .type = STEAD_FIELD_CHOICE, .choices = groups_channels, .label = N_("Channel"),
    .set_sql = ENGAGEMENT_SET ("channel") },
  { "needs_change", .label = N_("What Changed in Their Needs"), .flags = STEAD_FIELD_MULTILINE,
    .set_sql = ENGAGEMENT_SET ("needs_change") },
};

const SteadRecordInfo groups_engagement_info = {
  .kind = "target-group-engagement", .owner = GROUPS_OWNER, .title_field = "summary",
  .fields = groups_engagement_fields, .n_fields = G_N_ELEMENTS (groups_engagement_fields),
  .edit_summary = N_("Edit engagement of %s"),
  .title_sql = "SELECT date FROM groups_engagement WHERE id = ?1",
};

STEAD_DEFINE_RECORD_TYPE (GroupsEngagement, groups_engagement, &groups_engagement_info)

#define LIST_SET(column) STEAD_SET_SQL ("groups_household_list", column)

static const SteadField groups_household_list_fields[] = {
  { "name", .required = TRUE, .label = N_("Name"), .set_sql = LIST_SET ("name") },
  { "group_id", .type = STEAD_FIELD_RECORD, .vocabulary = "target-group",
    .label = N_("Target Group"), .set_sql = LIST_SET ("group_id") },
  { "agreement", .type = STEAD_FIELD_RECORD, .vocabulary = "agreement",
    .label = N_("Data-Sharing Agreement"), .set_sql = LIST_SET ("agreement") },
  { "lawful_basis", .required = TRUE, .type = STEAD_FIELD_CHOICE,
    .choices = groups_lawful_bases, .label = N_("Lawful Basis"),
    .set_sql = LIST_SET ("lawful_basis") },
  { "received", .required = TRUE, .type = STEAD_FIELD_DATE, .label = N_("Received") },
  { "retention", .required = TRUE, .type = STEAD_FIELD_DATE, .label = N_("Delete On"),
    .set_sql = LIST_SET ("retention") },
  { "points_allowed", .type = STEAD_FIELD_BOOL, .label = N_("Agreement Allows Points on the Map"),
    .set_sql = LIST_SET ("points_allowed") },
  { "source", .label = N_("Source"), .set_sql = LIST_SET ("source") },
  { "households", .type = STEAD_FIELD_INT, .label = N_("Households") },
  { "purged", .label = N_("Purged") },
};

const SteadRecordInfo groups_household_list_info = {
  .kind = "household-list", .owner = GROUPS_OWNER, .title_field = "name",
  .fields = groups_household_list_fields, .n_fields = G_N_ELEMENTS (groups_household_list_fields),
  .edit_summary = N_("Edit household list “%s”"),
  .title_sql = "SELECT name FROM groups_household_list WHERE id = ?1",
};

STEAD_DEFINE_RECORD_TYPE (GroupsHouseholdList, groups_household_list, &groups_household_list_info)

#define GROUPS_LIST_SQL                                                                      \
  "SELECT l.id, l.name, l.group_id, l.agreement, l.lawful_basis, l.received, l.retention, " \
  "  l.points_allowed, l.source, l.purged, "                                                \
  "  (SELECT count (*) FROM groups_household_current h WHERE h.list = l.id) AS households " \
  "FROM groups_household_list l "

SteadQueryModel *
groups_household_lists_new (SteadWorkspace *workspace)
{
  return stead_query_model_new (workspace, GROUPS_TYPE_HOUSEHOLD_LIST,
                                GROUPS_LIST_SQL "ORDER BY l.retention, l.id", GROUPS_TABLES);
}

SteadQueryModel *
groups_children_new (SteadWorkspace *workspace,
                     GType           type,
                     gint64          group)
{
  const char *sql = NULL;
  SteadQueryModel *model;

  if (type == GROUPS_TYPE_COUNT)
    sql = "SELECT c.id, a.name AS area_name, a.kind AS area_kind, a.code AS area_code, "
          "c.area, c.count, c.source, c.date "
          "FROM groups_count c JOIN area a ON a.fid = c.area WHERE c.group_id = ?1 "
          "ORDER BY a.kind, a.name COLLATE NOCASE";
  else if (type == GROUPS_TYPE_PLACE)
    sql = "SELECT fid AS id, name, what, people, postcode, source, ST_MinX (geom) AS longitude, "
          "ST_MinY (geom) AS latitude FROM groups_place WHERE group_id = ?1 "
          "ORDER BY name COLLATE NOCASE";
  else if (type == GROUPS_TYPE_REACH)
    sql = "SELECT r.id, r.organisation, r.channel, r.strength, r.notes, "
          "(SELECT group_concat (a.name, ', ') FROM groups_reach_area ra "
          "JOIN area a ON a.fid = ra.area WHERE ra.reach = r.id) AS areas "
          "FROM groups_reach r WHERE r.group_id = ?1 ORDER BY r.strength DESC, r.id";
  else if (type == GROUPS_TYPE_ENGAGEMENT)
    sql = "SELECT id, date, summary, organisation, channel, needs_change FROM groups_engagement "
          "WHERE group_id = ?1 ORDER BY date DESC, id DESC";
  else if (type == GROUPS_TYPE_HOUSEHOLD_LIST)
    sql = GROUPS_LIST_SQL "WHERE l.group_id = ?1 ORDER BY l.retention, l.id";
  g_return_val_if_fail (sql != NULL, NULL);

  model = stead_query_model_new (workspace, type, sql, GROUPS_TABLES);
  stead_query_model_set_params (model, STEAD_ARGS (STEAD_INT (group)));
  return model;
}

/* ------------------------------------------------------------------------ */
/* Edits: each one undo step                                                 */

gint64
groups_group_add (SteadWorkspace  *workspace,
                  const char      *name,
                  const char      *category,
                  GError         **error)
{
  g_autofree char *summary = g_strdup_printf (_("Add target group “%s”"), name);

  return stead_workspace_edit (workspace, GROUPS_OWNER, summary,
                               "INSERT INTO groups_group (name, category) VALUES (?, ?)",
                               STEAD_ARGS (STEAD_STRING (name), STEAD_TEXT (category)), error);
}

gboolean
groups_group_delete (SteadWorkspace  *workspace,
                     gint64           id,
                     GError         **error)
{
  return stead_workspace_remove_record (workspace, "target-group", id, error);
}

gboolean
groups_count_set (SteadWorkspace  *workspace,
                  gint64           group,
                  gint64           area,
                  gint64           count,
                  const char      *source,
                  const char      *date,
                  GError         **error)
{
  if (count < 0)
    return stead_workspace_edit (workspace, GROUPS_OWNER, _("Remove a count"),
                                 "DELETE FROM groups_count WHERE group_id = ? AND area = ?",
                                 STEAD_ARGS (STEAD_INT (group), STEAD_INT (area)), error) > 0;
  return stead_workspace_edit (
           workspace, GROUPS_OWNER, _("Set a count"),
           /* REPLACE, not an upsert: an upsert that updates gives no new row
            * id, which stead_workspace_edit() reads as nothing changed. */
           "INSERT OR REPLACE INTO groups_count (group_id, area, count, source, date) "
           "VALUES (?, ?, ?, ?, ?)",
           STEAD_ARGS (STEAD_INT (group), STEAD_INT (area), STEAD_INT (count), STEAD_TEXT (source),
                       STEAD_TEXT (date)),
           error) > 0;
}

gint64
groups_reach_add (SteadWorkspace  *workspace,
                  gint64           group,
                  gint64           organisation,
                  const char      *channel,
                  int              strength,
                  GError         **error)
{
  return stead_workspace_edit (
    workspace, GROUPS_OWNER, _("Add a partner who reaches the group"),
    "INSERT INTO groups_reach (group_id, organisation, channel, strength) VALUES (?, ?, ?, ?)",
    STEAD_ARGS (STEAD_INT (group), STEAD_INT (organisation), STEAD_STRING (channel),
                STEAD_INT (strength)),
    error);
}

gint64
groups_engagement_add (SteadWorkspace  *workspace,
                       gint64           group,
                       const char      *date,
                       gint64           organisation,
                       const char      *channel,
                       const char      *summary,
                       const char      *needs_change,
                       GError         **error)
{
  return stead_workspace_edit (
    workspace, GROUPS_OWNER, _("Log an engagement"),
    "INSERT INTO groups_engagement (group_id, date, organisation, channel, summary, needs_change) "
    "VALUES (?, ?, ?, ?, ?, ?)",
    STEAD_ARGS (STEAD_INT (group), STEAD_STRING (date),
                STEAD_INT_OR_NULL (organisation, organisation > 0), STEAD_TEXT (channel),
                STEAD_STRING (summary), STEAD_TEXT (needs_change)),
    error);
}

/* Purges a list: its households and the needs they published, in one
 * transaction that is no undo step and takes with it every undo or redo
 * step holding a household (Undo must never bring personal data back
 * past its retention); the audit log records how many rows, never who.
 * The list itself stays, marked purged, so that the page can say when. */
gboolean
groups_household_list_purge (SteadWorkspace  *workspace,
                             gint64           list,
                             GError         **error)
{
  static const char * const forget[] = { "groups_household", NULL };
  g_autoptr(SteadTransaction) txn = NULL;
  g_autofree char *name = NULL;
  g_autofree char *summary = NULL;
  gint64 n;

  name = stead_workspace_query_text (workspace,
                                     "SELECT name FROM groups_household_list WHERE id = ?1",
                                     STEAD_ARGS (STEAD_INT (list)));
  if (name == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("That household list is gone"));
      return FALSE;
    }
  n = stead_workspace_query_int64 (workspace,
                                   "SELECT count (*) FROM groups_household WHERE list = ?1",
                                   STEAD_ARGS (STEAD_INT (list)));
  /* The summary names the list and how many, never who. */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Purge %s (%" G_GINT64_FORMAT
                                          " household)",
                                          "Purge %s (%" G_GINT64_FORMAT " households)", n),
                             name, n);
  txn = stead_workspace_begin_purge (workspace, GROUPS_OWNER, summary, forget, error);
  if (txn == NULL ||
      stead_transaction_run (txn,
                             "DELETE FROM need WHERE owner = 'groups' AND owner_ref IN "
                             "(SELECT fid FROM groups_household WHERE list = ?1)",
                             STEAD_ARGS (STEAD_INT (list)), error) < 0 ||
      stead_transaction_run (txn, "DELETE FROM groups_household WHERE list = ?1",
                             STEAD_ARGS (STEAD_INT (list)), error) < 0 ||
      stead_transaction_run (txn,
                             "UPDATE groups_household_list SET purged = "
                             "strftime ('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
                             STEAD_ARGS (STEAD_INT (list)), error) < 0)
    return FALSE;
  return stead_transaction_commit (g_steal_pointer (&txn), error);
}

/* The settings there are, their defaults and the values they may take:
 * suppression below 1 would publish every small count. */
static const struct
{
  const char *key;
  gint64      fallback, min, max;
} groups_settings[] = {
  { "suppress-below", 5, 1, 1000 },
  { "privacy-zoom", 15, 0, 22 },
};

gint64
groups_setting_get (SteadWorkspace *workspace,
                    const char     *key)
{
  g_autofree char *text = stead_workspace_query_text (workspace,
                                                      "SELECT CAST (value AS TEXT) "
                                                      "FROM groups_setting WHERE key = ?1",
                                                      STEAD_ARGS (STEAD_STRING (key)));

  if (text != NULL)
    return g_ascii_strtoll (text, NULL, 10);
  /* A row someone deleted: the default, never 0 (which would suppress
   * nothing). */
  for (guint i = 0; i < G_N_ELEMENTS (groups_settings); i++)
    if (g_str_equal (key, groups_settings[i].key))
      return groups_settings[i].fallback;
  return 0;
}

gboolean
groups_setting_set (SteadWorkspace  *workspace,
                    const char      *key,
                    gint64           value,
                    GError         **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (groups_settings); i++)
    if (g_str_equal (key, groups_settings[i].key) &&
        (value < groups_settings[i].min || value > groups_settings[i].max))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("%" G_GINT64_FORMAT " is not a value for “%s”: give %" G_GINT64_FORMAT
                       " to %" G_GINT64_FORMAT),
                     value, key, groups_settings[i].min, groups_settings[i].max);
        return FALSE;
      }
  /* A replace, not an upsert: an upsert that updates gives no new rowid,
   * which the edit would take for "nothing changed". */
  return stead_workspace_edit (workspace, GROUPS_OWNER, _("Change a target groups setting"),
                               "INSERT OR REPLACE INTO groups_setting (key, value) VALUES (?, ?)",
                               STEAD_ARGS (STEAD_STRING (key), STEAD_INT (value)), error) > 0;
}
