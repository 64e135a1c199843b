/* groups-page-model.c: what the Target Groups page lists and edits
 * beyond the foundation: a group's needs, the partners who reach it and
 * the risks it was judged exposed to, as records titled for people, and
 * the edits of places, reach, exposure and engagement, each one undo step
 *
 * Other plugins' records (organisations, risks, agreements) are named
 * through their record providers, never read from their tables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "groups"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "groups.h"

/* ------------------------------------------------------------------------ */
/* Records titled for the page                                               */

static const SteadField groups_need_item_fields[] = {
  { "kind", .required = TRUE, .type = STEAD_FIELD_TERM, .vocabulary = "need-kind",
    .label = N_("Need") },
  { "label", .label = N_("Need") },
  { "description", .label = N_("Description") },
};

const SteadRecordInfo groups_need_item_info = {
  .kind = "target-group-need", .owner = GROUPS_OWNER, .title_field = "label",
  .fields = groups_need_item_fields, .n_fields = G_N_ELEMENTS (groups_need_item_fields),
  .edit_summary = N_("Edit a need of the group (%s)"),
};

STEAD_DEFINE_RECORD_TYPE (GroupsNeedItem, groups_need_item, &groups_need_item_info)

/* The strength as a choice ("Strong"), so lists show its label. */
static const SteadField groups_reach_item_fields[] = {
  { "partner", .label = N_("Partner") },
  { "organisation", .required = TRUE, .type = STEAD_FIELD_RECORD, .vocabulary = "organisation",
    .label = N_("Partner") },
  { "channel", .required = TRUE, .type = STEAD_FIELD_CHOICE, .choices = groups_channels,
    .label = N_("Channel") },
  { "strength", .type = STEAD_FIELD_CHOICE, .choices = groups_strengths,
    .label = N_("Relationship") },
  { "areas", .label = N_("Areas Covered") },
  { "coverage", .label = N_("Covers") },
  { "notes", .label = N_("Notes"), .flags = STEAD_FIELD_MULTILINE },
};

static void
groups_page_model_reach_derive (SteadRecord *record)
{
  g_auto(GValue) partner = G_VALUE_INIT;
  g_auto(GValue) coverage = G_VALUE_INIT;
  char *title = stead_workspace_get_record_title (stead_record_get_workspace (record),
                                                  "organisation",
                                                  stead_record_get_int (record, "organisation"));
  const char *areas = stead_record_get_string (record, "areas");

  g_value_init (&partner, G_TYPE_STRING);
  g_value_take_string (&partner,
                       title != NULL ? title : g_strdup (_("A partner no longer listed")));
  stead_record_set_derived (record, "partner", &partner);
  /* No areas listed: everywhere the group is. */
  g_value_init (&coverage, G_TYPE_STRING);
  g_value_take_string (&coverage, areas != NULL && *areas != '\0'
                                    ? g_strdup_printf (_("In %s"), areas)
                                    : g_strdup (_("Everywhere the group is")));
  stead_record_set_derived (record, "coverage", &coverage);
}

const SteadRecordInfo groups_reach_item_info = {
  .kind = "target-group-reach", .owner = GROUPS_OWNER, .title_field = "partner",
  .fields = groups_reach_item_fields, .n_fields = G_N_ELEMENTS (groups_reach_item_fields),
  .edit_summary = N_("Edit how a partner reaches the group (%s)"),
  .derive = groups_page_model_reach_derive,
};

STEAD_DEFINE_RECORD_TYPE (GroupsReachItem, groups_reach_item, &groups_reach_item_info)

static const SteadField groups_exposure_item_fields[] = {
  { "title", .label = N_("Risk") },
  { "risk", .type = STEAD_FIELD_RECORD, .vocabulary = "risk", .label = N_("Risk") },
  { "note", .label = N_("Why") },
};

static void
groups_page_model_exposure_derive (SteadRecord *record)
{
  g_auto(GValue) title = G_VALUE_INIT;
  char *text = stead_workspace_get_record_title (stead_record_get_workspace (record), "risk",
                                                 stead_record_get_int (record, "risk"));

  g_value_init (&title, G_TYPE_STRING);
  g_value_take_string (&title, text != NULL ? text : g_strdup (_("A risk no longer listed")));
  stead_record_set_derived (record, "title", &title);
}

const SteadRecordInfo groups_exposure_item_info = {
  .kind = "target-group-exposure", .owner = GROUPS_OWNER, .title_field = "title",
  .fields = groups_exposure_item_fields, .n_fields = G_N_ELEMENTS (groups_exposure_item_fields),
  .edit_summary = N_("Edit an exposure of the group (%s)"),
  .derive = groups_page_model_exposure_derive,
};

STEAD_DEFINE_RECORD_TYPE (GroupsExposureItem, groups_exposure_item, &groups_exposure_item_info)

/* A household of a list: personal data, every column but the area. */
static const SteadField groups_household_fields[] = {
  { "reference", .label = N_("Reference"), .flags = STEAD_FIELD_PERSONAL },
  { "name", .label = N_("Name"), .flags = STEAD_FIELD_PERSONAL },
  { "phone", .label = N_("Phone"), .flags = STEAD_FIELD_PERSONAL },
  { "address", .label = N_("Address"), .flags = STEAD_FIELD_PERSONAL },
  { "postcode", .label = N_("Postcode"), .flags = STEAD_FIELD_PERSONAL },
  { "needs", .label = N_("Needs Codes"), .flags = STEAD_FIELD_PERSONAL },
  { "area_name", .label = N_("Area") },
};

const SteadRecordInfo groups_household_info = {
  .kind = "household", .owner = GROUPS_OWNER, .title_field = "reference",
  .fields = groups_household_fields, .n_fields = G_N_ELEMENTS (groups_household_fields),
  .edit_summary = N_("Edit a household"),
};

STEAD_DEFINE_RECORD_TYPE (GroupsHousehold, groups_household, &groups_household_info)

SteadQueryModel *
groups_page_children_new (SteadWorkspace *workspace,
                          GType           type,
                          gint64          group)
{
  const char *sql = NULL;
  SteadQueryModel *model;

  if (type == GROUPS_TYPE_NEED_ITEM)
    sql = "SELECT n.rowid AS id, n.kind, coalesce (t.label, n.kind) AS label, t.description "
          "FROM groups_need n LEFT JOIN taxonomy t ON t.vocabulary = 'need-kind' "
          "AND t.code = n.kind WHERE n.group_id = ?1 ORDER BY t.sort, label";
  else if (type == GROUPS_TYPE_REACH_ITEM)
    sql = "SELECT r.id, r.organisation, r.channel, CAST (r.strength AS TEXT) AS strength, "
          "r.notes, (SELECT group_concat (a.name, ', ') FROM "
          "(SELECT a.name FROM groups_reach_area ra JOIN area a ON a.fid = ra.area "
          "WHERE ra.reach = r.id ORDER BY a.name COLLATE NOCASE) a) AS areas "
          "FROM groups_reach r WHERE r.group_id = ?1 ORDER BY r.strength DESC, r.id";
  else if (type == GROUPS_TYPE_EXPOSURE_ITEM)
    sql = "SELECT rowid AS id, risk, note FROM groups_exposure WHERE group_id = ?1 "
          "ORDER BY rowid";
  else if (type == GROUPS_TYPE_HOUSEHOLD)
    /* ?1 is a household list here. */
    sql = "SELECT h.fid AS id, h.reference, h.name, h.phone, h.address, h.postcode, h.needs, "
          "a.name AS area_name FROM groups_household h LEFT JOIN area a ON a.fid = h.area "
          "WHERE h.list = ?1 ORDER BY h.fid";
  else
    return groups_children_new (workspace, type, group);

  model = stead_query_model_new (workspace, type, sql, GROUPS_TABLES);
  stead_query_model_set_params (model, STEAD_ARGS (STEAD_INT (group)));
  return model;
}

/* Areas a count or a reach can name: every area but hazard zones and
 * the partnership's boundary, by kind and name. */
#define GROUPS_AREAS_SQL                                                                   \
  "SELECT CAST (fid AS TEXT), name || ' (' || kind || ')' FROM area "                      \
  "WHERE kind NOT IN ('hazard', 'boundary') ORDER BY kind = 'ward' DESC, kind, name COLLATE NOCASE"

GListModel *
groups_areas_new (SteadWorkspace *workspace)
{
  return stead_terms_new_for_query (workspace, GROUPS_AREAS_SQL, NULL, STEAD_STRV ("area"));
}

/* An area by name (a ward first), or 0. */
gint64
groups_area_find (SteadWorkspace *workspace,
                  const char     *name)
{
  return stead_workspace_query_int64 (
    workspace,
    "SELECT fid FROM area WHERE name = ?1 COLLATE NOCASE AND kind NOT IN ('hazard', 'boundary') "
    "ORDER BY kind = 'ward' DESC, fid LIMIT 1",
    STEAD_ARGS (STEAD_STRING (name)));
}

/* ------------------------------------------------------------------------ */
/* Edits                                                                     */

/* Whether another plugin keeps a record of @kind with @id. */
static gboolean
groups_page_model_exists (SteadWorkspace *workspace,
                          const char     *kind,
                          gint64          id)
{
  SteadRecordProvider *provider = stead_workspace_get_provider (workspace, kind);

  return id > 0 && provider != NULL && stead_record_provider_exists (provider, kind, id);
}

gboolean
groups_need_add (SteadWorkspace  *workspace,
                 gint64           group,
                 const char      *kind,
                 GError         **error)
{
  if (stead_workspace_query_int64 (workspace,
                                   "SELECT count (*) FROM groups_need WHERE group_id = ?1 "
                                   "AND kind = ?2",
                                   STEAD_ARGS (STEAD_INT (group), STEAD_STRING (kind))) > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("The group already has that need"));
      return FALSE;
    }
  return stead_workspace_edit (workspace, GROUPS_OWNER, _("Add a need of the group"),
                               "INSERT INTO groups_need (group_id, kind) VALUES (?, ?)",
                               STEAD_ARGS (STEAD_INT (group), STEAD_STRING (kind)), error) > 0;
}

gboolean
groups_need_remove (SteadWorkspace  *workspace,
                    gint64           group,
                    const char      *kind,
                    GError         **error)
{
  return stead_workspace_edit (workspace, GROUPS_OWNER, _("Remove a need of the group"),
                               "DELETE FROM groups_need WHERE group_id = ? AND kind = ?",
                               STEAD_ARGS (STEAD_INT (group), STEAD_STRING (kind)), error) > 0;
}

gint64
groups_place_add (SteadWorkspace  *workspace,
                  gint64           group,
                  const char      *name,
                  const char      *what,
                  gint64           people,
                  double           lon,
                  double           lat,
                  GError         **error)
{
  g_autoptr(SteadGeometry) point = stead_geometry_new_point (lon, lat);
  g_autofree char *summary = g_strdup_printf (_("Add place “%s”"), name);

  return stead_workspace_edit (
    workspace, GROUPS_OWNER, summary,
    "INSERT INTO groups_place (geom, group_id, name, what, people) VALUES (?, ?, ?, ?, ?)",
    STEAD_ARGS (STEAD_GEOMETRY (point), STEAD_INT (group), STEAD_STRING (name), STEAD_TEXT (what),
                STEAD_INT_OR_NULL (people, people >= 0)),
    error);
}

gboolean
groups_place_delete (SteadWorkspace  *workspace,
                     gint64           place,
                     GError         **error)
{
  return stead_workspace_edit (workspace, GROUPS_OWNER, _("Remove a place"),
                               "DELETE FROM groups_place WHERE fid = ?",
                               STEAD_ARGS (STEAD_INT (place)), error) > 0;
}

/* Adds (@reach 0) or changes how a partner reaches a group, with the
 * areas it covers (none: everywhere the group is), as one undo step. */
gint64
groups_reach_save (SteadWorkspace  *workspace,
                   gint64           reach,
                   gint64           group,
                   gint64           organisation,
                   const char      *channel,
                   int              strength,
                   const char      *notes,
                   const gint64    *areas,
                   guint            n_areas,
                   GError         **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  gint64 id = reach;

  if (!groups_page_model_exists (workspace, "organisation", organisation))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Choose a partner"));
      return 0;
    }
  if (strength < 1 || strength > 3)
    strength = 2;
  if (stead_workspace_query_int64 (workspace,
                                   "SELECT count (*) FROM groups_reach WHERE group_id = ?1 AND "
                                   "organisation = ?2 AND channel = ?3 AND id != ?4",
                                   STEAD_ARGS (STEAD_INT (group), STEAD_INT (organisation),
                                               STEAD_STRING (channel), STEAD_INT (reach))) > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("That partner already reaches the group by that channel"));
      return 0;
    }
  txn = stead_workspace_begin (workspace, GROUPS_OWNER,
                               reach == 0 ? _("Add a partner who reaches the group")
                                          : _("Change how a partner reaches the group"),
                               error);
  if (txn == NULL)
    return 0;
  if (reach == 0)
    id = stead_transaction_run (
      txn,
      "INSERT INTO groups_reach (group_id, organisation, channel, strength, notes) "
      "VALUES (?, ?, ?, ?, ?)",
      STEAD_ARGS (STEAD_INT (group), STEAD_INT (organisation), STEAD_STRING (channel),
                  STEAD_INT (strength), STEAD_TEXT (notes)),
      error);
  else if (stead_transaction_run (
             txn,
             "UPDATE groups_reach SET organisation = ?, channel = ?, strength = ?, notes = ? "
             "WHERE id = ?",
             STEAD_ARGS (STEAD_INT (organisation), STEAD_STRING (channel), STEAD_INT (strength),
                         STEAD_TEXT (notes), STEAD_INT (reach)),
             error) <= 0 ||
           stead_transaction_run (txn, "DELETE FROM groups_reach_area WHERE reach = ?",
                                  STEAD_ARGS (STEAD_INT (reach)), error) < 0)
    return 0;
  if (id <= 0)
    return 0;
  for (guint i = 0; i < n_areas; i++)
    if (stead_transaction_run (txn,
                               "INSERT OR IGNORE INTO groups_reach_area (reach, area) "
                               "VALUES (?, ?)",
                               STEAD_ARGS (STEAD_INT (id), STEAD_INT (areas[i])), error) < 0)
      return 0;
  return stead_transaction_commit (g_steal_pointer (&txn), error) ? id : 0;
}

gboolean
groups_reach_delete (SteadWorkspace  *workspace,
                     gint64           reach,
                     GError         **error)
{
  g_autoptr(SteadTransaction) txn =
    stead_workspace_begin (workspace, GROUPS_OWNER, _("Remove a partner who reaches the group"),
                           error);

  if (txn == NULL ||
      stead_transaction_run (txn, "DELETE FROM groups_reach_area WHERE reach = ?",
                             STEAD_ARGS (STEAD_INT (reach)), error) < 0 ||
      stead_transaction_run (txn, "DELETE FROM groups_reach WHERE id = ?",
                             STEAD_ARGS (STEAD_INT (reach)), error) <= 0)
    return FALSE;
  return stead_transaction_commit (g_steal_pointer (&txn), error);
}

gboolean
groups_exposure_add (SteadWorkspace  *workspace,
                     gint64           group,
                     gint64           risk,
                     const char      *note,
                     GError         **error)
{
  if (!groups_page_model_exists (workspace, "risk", risk))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Choose a risk"));
      return FALSE;
    }
  return stead_workspace_edit (workspace, GROUPS_OWNER, _("Record a risk the group is exposed to"),
                               "INSERT OR REPLACE INTO groups_exposure (group_id, risk, note) "
                               "VALUES (?, ?, ?)",
                               STEAD_ARGS (STEAD_INT (group), STEAD_INT (risk), STEAD_TEXT (note)),
                               error) > 0;
}

gboolean
groups_exposure_remove (SteadWorkspace  *workspace,
                        gint64           group,
                        gint64           risk,
                        GError         **error)
{
  return stead_workspace_edit (workspace, GROUPS_OWNER, _("Remove a risk the group is exposed to"),
                               "DELETE FROM groups_exposure WHERE group_id = ? AND risk = ?",
                               STEAD_ARGS (STEAD_INT (group), STEAD_INT (risk)), error) > 0;
}

gboolean
groups_engagement_update (SteadWorkspace  *workspace,
                          gint64           id,
                          const char      *date,
                          gint64           organisation,
                          const char      *channel,
                          const char      *summary,
                          const char      *needs_change,
                          GError         **error)
{
  return stead_workspace_edit (
           workspace, GROUPS_OWNER, _("Edit an engagement"),
           "UPDATE groups_engagement SET date = ?, organisation = ?, channel = ?, summary = ?, "
           "needs_change = ? WHERE id = ?",
           STEAD_ARGS (STEAD_STRING (date), STEAD_INT_OR_NULL (organisation, organisation > 0),
                       STEAD_TEXT (channel), STEAD_STRING (summary), STEAD_TEXT (needs_change),
                       STEAD_INT (id)),
           error) > 0;
}

gboolean
groups_engagement_delete (SteadWorkspace  *workspace,
                          gint64           id,
                          GError         **error)
{
  return stead_workspace_edit (workspace, GROUPS_OWNER, _("Remove an engagement"),
                               "DELETE FROM groups_engagement WHERE id = ?",
                               STEAD_ARGS (STEAD_INT (id)), error) > 0;
}

/* The household list a household (groups_household.fid) is on, or 0:
 * what a need the groups published (owner_ref) opens. */
gint64
groups_household_list_of (SteadWorkspace *workspace,
                          gint64          household)
{
  return stead_workspace_query_int64 (workspace, "SELECT list FROM groups_household WHERE fid = ?1",
                                      STEAD_ARGS (STEAD_INT (household)));
}
