/* volunteers-model.c: the register's records, lists and edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "volunteers.h"

const SteadChoice volunteers_travel_modes[] = {
  { "foot", N_("On foot") },
  { "bike", N_("Bicycle") },
  { "car", N_("Car") },
  { "4x4", N_("4×4") },
  { NULL },
};

const SteadChoice volunteers_affiliations[] = {
  { "partner", N_("A partner organisation") },
  { "mutual-aid", N_("A mutual aid group") },
  { "spontaneous", N_("Spontaneous") },
  { NULL },
};

const SteadChoice volunteers_dbs_levels[] = {
  { "none", N_("None") },
  { "basic", N_("Basic") },
  { "standard", N_("Standard") },
  { "enhanced", N_("Enhanced") },
  { "enhanced-barred", N_("Enhanced with barred lists") },
  { NULL },
};

const SteadChoice volunteers_dbs_schemes[] = {
  { "dbs", N_("DBS (England and Wales)") },
  { "disclosure-scotland", N_("Disclosure Scotland") },
  { "accessni", N_("AccessNI") },
  { NULL },
};

const SteadChoice volunteers_statuses[] = {
  { "applicant", N_("Applicant") },
  { "active", N_("Active") },
  { "paused", N_("Paused") },
  { "left", N_("Left") },
  { NULL },
};

#define VOLUNTEER_SET(column) "UPDATE volunteers_volunteer SET " column " = ?1 WHERE fid = ?2"

const SteadField volunteers_volunteer_fields[] = {
  { "name", "full name;volunteer", "#contact +name", TRUE, .label = N_("Name"),
    .flags = STEAD_FIELD_PERSONAL, .set_sql = VOLUNTEER_SET ("name") },
  { "phone", "telephone;mobile", "#contact +phone", .label = N_("Phone"),
    .flags = STEAD_FIELD_PERSONAL, .set_sql = VOLUNTEER_SET ("phone") },
  { "email", "e-mail", "#contact +email", .label = N_("Email"), .flags = STEAD_FIELD_PERSONAL,
    .set_sql = VOLUNTEER_SET ("email") },
  { "postcode", "post code", "#loc +postcode", .label = N_("Home Postcode"),
    .flags = STEAD_FIELD_PERSONAL },
  { "radius_km", "radius;travel radius", NULL, .type = STEAD_FIELD_DOUBLE,
    .label = N_("Travel Radius (km)"), .set_sql = VOLUNTEER_SET ("radius_km") },
  { "travel", "transport;means", NULL, .type = STEAD_FIELD_CHOICE,
    .choices = volunteers_travel_modes, .label = N_("Travels By"),
    .set_sql = VOLUNTEER_SET ("travel") },
  { "languages", NULL, NULL, .label = N_("Languages Besides English"),
    .set_sql = VOLUNTEER_SET ("languages") },
  { "affiliation", NULL, NULL, .type = STEAD_FIELD_CHOICE, .choices = volunteers_affiliations,
    .label = N_("Affiliation"), .set_sql = VOLUNTEER_SET ("affiliation") },
  { "organisation", "partner", NULL, .type = STEAD_FIELD_RECORD, .vocabulary = "organisation",
    .label = N_("Partner Organisation"), .set_sql = VOLUNTEER_SET ("organisation") },
  { "mutual_aid", "mutual aid group", NULL, .label = N_("Mutual Aid Group"),
    .set_sql = VOLUNTEER_SET ("mutual_aid") },
  { "dbs_level", "dbs;dbs check", NULL, .type = STEAD_FIELD_CHOICE,
    .choices = volunteers_dbs_levels, .label = N_("Criminal Record Check"),
    .set_sql = VOLUNTEER_SET ("dbs_level") },
  { "dbs_scheme", NULL, NULL, .type = STEAD_FIELD_CHOICE, .choices = volunteers_dbs_schemes,
    .label = N_("Checked By"), .set_sql = VOLUNTEER_SET ("dbs_scheme") },
  { "dbs_number", "certificate number", NULL, .label = N_("Certificate Number"),
    .flags = STEAD_FIELD_PERSONAL, .set_sql = VOLUNTEER_SET ("dbs_number") },
  { "dbs_date", "certificate date", NULL, .type = STEAD_FIELD_DATE,
    .label = N_("Certificate Date"), .flags = STEAD_FIELD_PERSONAL,
    .set_sql = VOLUNTEER_SET ("dbs_date") },
  { "id_checked", NULL, NULL, .type = STEAD_FIELD_DATE, .label = N_("Identity Checked"),
    .set_sql = VOLUNTEER_SET ("id_checked") },
  { "badge_number", NULL, NULL, .label = N_("Badge Number"),
    .set_sql = VOLUNTEER_SET ("badge_number") },
  { "badge_issued", NULL, NULL, .type = STEAD_FIELD_DATE, .label = N_("Badge Issued"),
    .set_sql = VOLUNTEER_SET ("badge_issued") },
  { "badge_returned", NULL, NULL, .type = STEAD_FIELD_DATE, .label = N_("Badge Returned"),
    .set_sql = VOLUNTEER_SET ("badge_returned") },
  { "emergency_name", NULL, NULL, .label = N_("Emergency Contact"),
    .flags = STEAD_FIELD_PERSONAL, .set_sql = VOLUNTEER_SET ("emergency_name") },
  { "emergency_phone", NULL, NULL, .label = N_("Emergency Contact Phone"),
    .flags = STEAD_FIELD_PERSONAL, .set_sql = VOLUNTEER_SET ("emergency_phone") },
  { "status", NULL, NULL, .type = STEAD_FIELD_CHOICE, .choices = volunteers_statuses,
    .label = N_("Status"), .set_sql = VOLUNTEER_SET ("status") },
  { "consent", NULL, NULL, .type = STEAD_FIELD_DATE, .label = N_("Consent Given"),
    .set_sql = VOLUNTEER_SET ("consent") },
  { "review", NULL, NULL, .type = STEAD_FIELD_DATE, .label = N_("Review By"),
    .set_sql = VOLUNTEER_SET ("review") },
  { "skills", .label = N_("Skills") },
  { "longitude", .type = STEAD_FIELD_DOUBLE, .flags = STEAD_FIELD_INTERNAL },
  { "latitude", .type = STEAD_FIELD_DOUBLE, .flags = STEAD_FIELD_INTERNAL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (volunteers_volunteer_fields) == VOLUNTEERS_N_VOLUNTEER_FIELDS);

const SteadRecordInfo volunteers_volunteer_info = {
  .kind = "volunteer",
  .owner = VOLUNTEERS_OWNER,
  .title_field = "name",
  .fields = volunteers_volunteer_fields,
  .n_fields = G_N_ELEMENTS (volunteers_volunteer_fields),
  /* The title is personal data: never in the undo history or the audit. */
  .edit_summary = N_("Edit a volunteer"),
  .title_sql = "SELECT name FROM volunteers_volunteer WHERE fid = ?1",
};

STEAD_DEFINE_RECORD_TYPE (VolunteersVolunteer, volunteers_volunteer, &volunteers_volunteer_info)

SteadQueryModel *
volunteers_register_new (SteadWorkspace *workspace)
{
  return stead_query_model_new (
    workspace, VOLUNTEERS_TYPE_VOLUNTEER,
    "SELECT v.fid AS id, v.name, v.phone, v.email, v.postcode, v.radius_km, v.travel, "
    "  v.languages, v.affiliation, v.organisation, v.mutual_aid, v.dbs_level, v.dbs_scheme, "
    "  v.dbs_number, v.dbs_date, v.id_checked, v.badge_number, v.badge_issued, "
    "  v.badge_returned, v.emergency_name, v.emergency_phone, v.status, v.consent, v.review, "
    "  (SELECT group_concat (s.skill, ' ') FROM volunteers_skill s WHERE s.volunteer = v.fid) "
    "    AS skills, "
    "  ST_MinX (v.geom) AS longitude, ST_MinY (v.geom) AS latitude "
    "FROM volunteers_volunteer v ORDER BY v.name COLLATE NOCASE, v.fid",
    VOLUNTEERS_TABLES);
}

gint64
volunteers_volunteer_add (SteadWorkspace  *workspace,
                          const char      *name,
                          const char      *postcode,
                          GError         **error)
{
  g_autoptr(SteadGeometry) point = NULL;
  double lon, lat;

  if (postcode != NULL && *postcode != '\0')
    {
      if (!stead_workspace_lookup_postcode (workspace, postcode, &lon, &lat))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is not a postcode of the workspace’s directory"), postcode);
          return -1;
        }
      point = stead_geometry_new_point (lon, lat);
    }
  return stead_workspace_edit (
    workspace, VOLUNTEERS_OWNER, _("Register a volunteer"),
    "INSERT INTO volunteers_volunteer (geom, name, postcode) VALUES (?, ?, ?)",
    STEAD_ARGS (point != NULL ? STEAD_GEOMETRY (point) : STEAD_NULL, STEAD_STRING (name),
                STEAD_TEXT (postcode)),
    error);
}

gboolean
volunteers_volunteer_delete (SteadWorkspace  *workspace,
                             gint64           id,
                             GError         **error)
{
  return stead_workspace_remove_record (workspace, "volunteer", id, error);
}

gint64
volunteers_setting_get (SteadWorkspace *workspace,
                        const char     *key)
{
  return stead_workspace_query_int64 (workspace,
                                      "SELECT value FROM volunteers_setting WHERE key = ?1",
                                      STEAD_ARGS (STEAD_STRING (key)));
}

gboolean
volunteers_setting_set (SteadWorkspace  *workspace,
                        const char      *key,
                        gint64           value,
                        GError         **error)
{
  return stead_workspace_edit (workspace, VOLUNTEERS_OWNER, _("Change a volunteers setting"),
                               "UPDATE volunteers_setting SET value = ?2 WHERE key = ?1",
                               STEAD_ARGS (STEAD_STRING (key), STEAD_INT (value)), error) > 0;
}
