/* partners-model.c: the partner directory's records, edits, flags and
 * what it publishes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "partners"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "partners.h"

/* ------------------------------------------------------------------------ */
/* Flags of agreements                                                      */

/**
 * partners_agreement_flag:
 * @review: (nullable): the review date, YYYY-MM-DD
 * @expiry: (nullable): the expiry date, YYYY-MM-DD
 * @status: (nullable): the agreement's status; ended ones are never flagged
 * @today: the date to judge by
 *
 * Returns: what needs attention, the most urgent first
 */
PartnersFlag
partners_agreement_flag (const char *review,
                         const char *expiry,
                         const char *status,
                         GDate      *today)
{
  GDate date;

  if (g_strcmp0 (status, "ended") == 0)
    return PARTNERS_FLAG_NONE;

  if (expiry != NULL && *expiry != '\0')
    {
      g_date_clear (&date, 1);
      g_date_set_parse (&date, expiry);
      if (g_date_valid (&date) && g_date_compare (&date, today) < 0)
        return PARTNERS_FLAG_EXPIRED;
    }
  if (review != NULL && *review != '\0')
    {
      g_date_clear (&date, 1);
      g_date_set_parse (&date, review);
      if (g_date_valid (&date))
        {
          int days = g_date_days_between (today, &date);

          if (days < 0)
            return PARTNERS_FLAG_REVIEW_OVERDUE;
          if (days <= PARTNERS_REVIEW_NOTICE_DAYS)
            return PARTNERS_FLAG_REVIEW_DUE;
        }
    }
  return PARTNERS_FLAG_NONE;
}

const char *
partners_flag_label (PartnersFlag flag)
{
  switch (flag)
    {
    case PARTNERS_FLAG_REVIEW_DUE: return _("Review due");
    case PARTNERS_FLAG_REVIEW_OVERDUE: return _("Review overdue");
    case PARTNERS_FLAG_EXPIRED: return _("Expired");
    case PARTNERS_FLAG_NONE:
    default:
      return NULL;
    }
}

/* Today, local time. Records derive their flags from it one by one (a
 * hundred thousand on a load): the date is looked up once a minute, not
 * for each (the time zone means a stat of /etc/localtime). */
G_LOCK_DEFINE_STATIC (partners_today);

void
partners_today (GDate *date)
{
  static GDate today;
  static gint64 checked;
  gint64 now_us = g_get_monotonic_time ();

  G_LOCK (partners_today);
  if (checked == 0 || now_us - checked > 60 * G_USEC_PER_SEC)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
      checked = now_us;
    }
  *date = today;
  G_UNLOCK (partners_today);
}

/* ------------------------------------------------------------------------ */
/* Records                                                                   */

static const SteadChoice partners_tiers[] = {
  { "instrumental", N_("Instrumental") },
  { "contributing", N_("Contributing") },
  { "occasional", N_("Occasional") },
  { NULL },
};

static const SteadChoice partners_agreement_kinds[] = {
  { "mou", N_("Memorandum of understanding") },
  { "data-sharing", N_("Data-sharing agreement") },
  { "mutual-aid", N_("Mutual aid agreement") },
  { "contract", N_("Contract") },
  { "other", N_("Other") },
  { NULL },
};

static const SteadChoice partners_agreement_statuses[] = {
  { "draft", N_("Draft") },
  { "active", N_("Active") },
  { "lapsed", N_("Lapsed") },
  { "ended", N_("Ended") },
  { NULL },
};

#define ORG_SET(column)                                                                            \
  "UPDATE partners_organisation SET " column                                                       \
  " = ?1, updated = strftime ('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?2"

const SteadField partners_organisation_fields[] = {
  { "name", .required = TRUE, .label = N_("Name"), .set_sql = ORG_SET ("name") },
  { "type", .required = TRUE, .type = STEAD_FIELD_TERM, .vocabulary = "partner-type",
    .label = N_("Type"), .set_sql = ORG_SET ("type") },
  { "tier", .required = TRUE, .type = STEAD_FIELD_CHOICE, .choices = partners_tiers,
    .label = N_("Tier"), .set_sql = ORG_SET ("tier") },
  { "description", .label = N_("Description"), .set_sql = ORG_SET ("description") },
  { "website", .label = N_("Website"), .set_sql = ORG_SET ("website") },
  { "charity_number", .label = N_("Charity Number"), .set_sql = ORG_SET ("charity_number") },
  { "company_number", .label = N_("Company Number"), .set_sql = ORG_SET ("company_number") },
  { "areas_served", .label = N_("Areas Served"), .set_sql = ORG_SET ("areas_served") },
  { "notes", .label = N_("Notes"), .flags = STEAD_FIELD_MULTILINE, .set_sql = ORG_SET ("notes") },
  { "sites", .flags = STEAD_FIELD_HIDDEN },
  { "agreements", .flags = STEAD_FIELD_INTERNAL },
  { "next_review", .type = STEAD_FIELD_DATE, .label = N_("Next Review") },
  { "issues", .type = STEAD_FIELD_INT, .flags = STEAD_FIELD_INTERNAL },
  { "flag", .label = N_("Flag"), .flags = STEAD_FIELD_HIDDEN },
  { "attention", .label = N_("Open Issues") },
};

const guint partners_n_organisation_fields = G_N_ELEMENTS (partners_organisation_fields);

/* The agreements' review|expiry|status, ';'-separated: the next review
 * date, how many need attention and the worst of them. */
static void
partners_model_derive_organisation (SteadRecord *record)
{
  const char *agreements = stead_record_get_string (record, "agreements");
  g_auto(GStrv) each = g_strsplit (agreements != NULL ? agreements : "", ";", -1);
  PartnersFlag worst = PARTNERS_FLAG_NONE;
  g_autofree char *next = NULL;
  gint64 issues = 0;
  GDate today;

  partners_today (&today);
  for (guint i = 0; agreements != NULL && each[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (each[i], "|", 3);
      const char *review, *expiry, *status;
      PartnersFlag flag;

      if (g_strv_length (parts) != 3)
        continue;
      review = *parts[0] != '\0' ? parts[0] : NULL;
      expiry = *parts[1] != '\0' ? parts[1] : NULL;
      status = parts[2];
      flag = partners_agreement_flag (review, expiry, status, &today);
      if (flag != PARTNERS_FLAG_NONE)
        issues++;
      worst = MAX (worst, flag);
      if (review != NULL && g_strcmp0 (status, "ended") != 0 &&
          (next == NULL || strcmp (review, next) < 0))
        stead_set_str (&next, review);
    }

  {
    g_auto(GValue) v_next = G_VALUE_INIT;
    g_auto(GValue) v_issues = G_VALUE_INIT;
    g_auto(GValue) v_flag = G_VALUE_INIT;
    g_auto(GValue) v_attention = G_VALUE_INIT;

    if (next != NULL)
      {
        g_value_init (&v_next, G_TYPE_STRING);
        g_value_set_string (&v_next, next);
      }
    g_value_init (&v_issues, G_TYPE_INT64);
    g_value_set_int64 (&v_issues, issues);
    if (worst != PARTNERS_FLAG_NONE)
      {
        g_value_init (&v_flag, G_TYPE_STRING);
        g_value_set_string (&v_flag, partners_flag_label (worst));
        g_value_init (&v_attention, G_TYPE_STRING);
        g_value_take_string (&v_attention, g_strdup_printf ("%" G_GINT64_FORMAT " · %s", issues,
                                                            partners_flag_label (worst)));
      }
    stead_record_set_derived (record, "attention", &v_attention);
    stead_record_set_derived (record, "next_review", &v_next);
    stead_record_set_derived (record, "issues", &v_issues);
    stead_record_set_derived (record, "flag", &v_flag);
  }
}

const SteadRecordInfo partners_organisation_info = {
  .kind = "organisation",
  .owner = PARTNERS_OWNER,
  .title_field = "name",
  .fields = partners_organisation_fields,
  .n_fields = G_N_ELEMENTS (partners_organisation_fields),
  .edit_summary = N_("Edit partner “%s”"),
  .title_sql = "SELECT name FROM partners_organisation WHERE id = ?1",
  .derive = partners_model_derive_organisation,
};

STEAD_DEFINE_RECORD_TYPE (PartnersOrganisation, partners_organisation, &partners_organisation_info)

const SteadField partners_contact_fields[] = {
  { "name", .required = TRUE, .label = N_("Name"), .flags = STEAD_FIELD_PERSONAL },
  { "role", .label = N_("Role") },
  { "phone", .label = N_("Phone"), .flags = STEAD_FIELD_PERSONAL },
  { "phone_24h", .label = N_("24/7 Phone"), .flags = STEAD_FIELD_PERSONAL },
  { "email", .label = N_("Email"), .flags = STEAD_FIELD_PERSONAL },
};

const guint partners_n_contact_fields = G_N_ELEMENTS (partners_contact_fields);

static const SteadRecordInfo partners_contact_info = {
  .kind = "contact", .owner = PARTNERS_OWNER, .title_field = "name",
  .fields = partners_contact_fields, .n_fields = G_N_ELEMENTS (partners_contact_fields),
};

STEAD_DEFINE_RECORD_TYPE (PartnersContact, partners_contact, &partners_contact_info)

const SteadField partners_site_fields[] = {
  { "name", .required = TRUE, .label = N_("Name") },
  { "what", .label = N_("What Is There") },
  { "address", .label = N_("Address") },
  { "postcode", .label = N_("Postcode (places it on the map if no position)") },
  { "capacity", .type = STEAD_FIELD_INT, .min = 0, .max = G_MAXINT32, .label = N_("Capacity") },
  { "longitude", .type = STEAD_FIELD_DOUBLE, .label = N_("Longitude") },
  { "latitude", .type = STEAD_FIELD_DOUBLE, .label = N_("Latitude") },
  { "capabilities", .flags = STEAD_FIELD_HIDDEN },
  { "map_note", .flags = STEAD_FIELD_HIDDEN },
};

const guint partners_n_site_fields = G_N_ELEMENTS (partners_site_fields);

/* A site without a position is not on the map: the page says so. */
static void
partners_model_derive_site (SteadRecord *record)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (stead_record_is_null (record, "longitude"))
    {
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, _("Not on the map"));
    }
  stead_record_set_derived (record, "map_note", &value);
}

static const SteadRecordInfo partners_site_info = {
  .kind = "site", .owner = PARTNERS_OWNER, .title_field = "name",
  .fields = partners_site_fields, .n_fields = G_N_ELEMENTS (partners_site_fields),
  .derive = partners_model_derive_site,
};

STEAD_DEFINE_RECORD_TYPE (PartnersSite, partners_site, &partners_site_info)

const SteadField partners_capability_fields[] = {
  { "kind", .required = TRUE, .type = STEAD_FIELD_TERM, .vocabulary = "resource-kind",
    .label = N_("Kind") },
  { "quantity", .type = STEAD_FIELD_INT, .min = 0, .max = G_MAXINT32, .label = N_("Quantity") },
  { "site", .type = STEAD_FIELD_INT, .label = N_("Site") },
  { "conditions", .label = N_("Conditions") },
  { "lead_time_hours", .type = STEAD_FIELD_INT, .min = 0, .max = 10000,
    .label = N_("Lead Time (hours)") },
};

const guint partners_n_capability_fields = G_N_ELEMENTS (partners_capability_fields);

static const SteadRecordInfo partners_capability_info = {
  .kind = "capability", .owner = PARTNERS_OWNER, .title_field = "kind",
  .fields = partners_capability_fields, .n_fields = G_N_ELEMENTS (partners_capability_fields),
};

STEAD_DEFINE_RECORD_TYPE (PartnersCapability, partners_capability, &partners_capability_info)

const SteadField partners_agreement_fields[] = {
  { "title", .required = TRUE, .label = N_("Title") },
  { "kind", .required = TRUE, .type = STEAD_FIELD_CHOICE, .choices = partners_agreement_kinds,
    .label = N_("Kind") },
  { "parties", .label = N_("Other Parties (names, separated by ;)") },
  { "scope", .label = N_("Scope") },
  { "data_fields", .label = N_("Data Shared (for data-sharing)") },
  { "signed", .type = STEAD_FIELD_DATE, .label = N_("Signed") },
  { "review", .type = STEAD_FIELD_DATE, .label = N_("Review") },
  { "expiry", .type = STEAD_FIELD_DATE, .label = N_("Expiry") },
  { "status", .type = STEAD_FIELD_CHOICE, .choices = partners_agreement_statuses,
    .label = N_("Status") },
  { "document", .label = N_("Document Link") },
  { "allows_points", .type = STEAD_FIELD_BOOL,
    .label = N_("Households May Be Shown as Points on the Map") },
  { "allows_tasking", .type = STEAD_FIELD_BOOL,
    .label = N_("Parties May Task Registered Volunteers") },
  { "flag", .flags = STEAD_FIELD_HIDDEN },
};

const guint partners_n_agreement_fields = G_N_ELEMENTS (partners_agreement_fields);

static void
partners_model_derive_agreement (SteadRecord *record)
{
  g_auto(GValue) value = G_VALUE_INIT;
  PartnersFlag flag;
  GDate today;

  partners_today (&today);
  flag = partners_agreement_flag (stead_record_get_string (record, "review"),
                                  stead_record_get_string (record, "expiry"),
                                  stead_record_get_string (record, "status"), &today);
  if (flag != PARTNERS_FLAG_NONE)
    {
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, partners_flag_label (flag));
    }
  stead_record_set_derived (record, "flag", &value);
}

static const SteadRecordInfo partners_agreement_info = {
  .kind = "agreement", .owner = PARTNERS_OWNER, .title_field = "title",
  .fields = partners_agreement_fields, .n_fields = G_N_ELEMENTS (partners_agreement_fields),
  .derive = partners_model_derive_agreement,
};

STEAD_DEFINE_RECORD_TYPE (PartnersAgreement, partners_agreement, &partners_agreement_info)

static const SteadField partners_log_fields[] = {
  { "note", .required = TRUE, .label = N_("Note") },
  { "date", .type = STEAD_FIELD_DATE, .label = N_("Date") },
};

static const SteadRecordInfo partners_log_info = {
  .kind = "note", .owner = PARTNERS_OWNER, .title_field = "note",
  .fields = partners_log_fields, .n_fields = G_N_ELEMENTS (partners_log_fields),
};

STEAD_DEFINE_RECORD_TYPE (PartnersLog, partners_log, &partners_log_info)

/* The partners' places on the map: every site with a position. */
static const SteadField partners_place_fields[] = {
  { "title" },
  { "name" },
  { "longitude", .type = STEAD_FIELD_DOUBLE },
  { "latitude", .type = STEAD_FIELD_DOUBLE },
  { "instrumental", .type = STEAD_FIELD_BOOL },
};

static const SteadRecordInfo partners_place_info = {
  .kind = "site", .owner = PARTNERS_OWNER,
  .fields = partners_place_fields, .n_fields = G_N_ELEMENTS (partners_place_fields),
};

STEAD_DEFINE_RECORD_TYPE (PartnersPlace, partners_place, &partners_place_info)

static const char * const partners_tables[] = { "partners_", "taxonomy", NULL };
GType partners_place_get_type (void);

SteadQueryModel *
partners_organisations_new (SteadWorkspace *workspace)
{
  return stead_query_model_new (
    workspace, PARTNERS_TYPE_ORGANISATION,
    "SELECT o.id, o.name, o.type, o.tier, o.description, o.website, o.charity_number, "
    "  o.company_number, o.areas_served, o.notes, "
    "  (SELECT group_concat (s.name || ' ' || coalesce (s.postcode, '') || ' ' || "
    "     coalesce (s.what, ''), ' ') FROM partners_site s WHERE s.organisation = o.id) "
    "    AS sites, "
    "  (SELECT group_concat (coalesce (a.review, '') || '|' || coalesce (a.expiry, '') "
    "     || '|' || a.status, ';') FROM partners_agreement a "
    "   JOIN partners_agreement_party p ON p.agreement = a.id "
    "   WHERE p.organisation = o.id) AS agreements "
    "FROM partners_organisation o",
    partners_tables);
}

SteadQueryModel *
partners_places_new (SteadWorkspace *workspace)
{
  return stead_query_model_new (
    workspace, partners_place_get_type (),
    "SELECT s.fid AS id, o.name || ': ' || s.name || coalesce (' (' || s.what || ')', '') "
    "  AS title, s.name AS name, ST_MinX (s.geom) AS longitude, ST_MinY (s.geom) AS latitude, "
    "  o.tier = 'instrumental' AS instrumental "
    "FROM partners_site s JOIN partners_organisation o ON o.id = s.organisation "
    "WHERE s.geom IS NOT NULL",
    partners_tables);
}

/**
 * partners_children_new:
 * @type: PARTNERS_TYPE_CONTACT, _SITE, _CAPABILITY, _AGREEMENT or _LOG
 * @organisation: whose
 *
 * Returns: (transfer full): the organisation's records of @type
 */
SteadQueryModel *
partners_children_new (SteadWorkspace *workspace,
                       GType           type,
                       gint64          organisation)
{
  const char *sql = NULL;
  SteadQueryModel *model;

  if (type == PARTNERS_TYPE_CONTACT)
    sql = "SELECT id, name, role, phone, phone_24h, email FROM partners_contact WHERE organisation "
          "= ?1 ORDER BY id";
  else if (type == PARTNERS_TYPE_SITE)
    sql = "SELECT s.fid AS id, s.name, s.what, s.address, s.postcode, s.capacity, "
          "  ST_MinX (s.geom) AS longitude, ST_MinY (s.geom) AS latitude, "
          "  (SELECT group_concat (coalesce (t.label, c.kind) || ' × ' || c.quantity, ', ') "
          "   FROM partners_capability c LEFT JOIN taxonomy t ON t.vocabulary = 'resource-kind' "
          "AND t.code = c.kind "
          "   WHERE c.site = s.fid) AS capabilities "
          "FROM partners_site s WHERE s.organisation = ?1 ORDER BY s.fid";
  else if (type == PARTNERS_TYPE_CAPABILITY)
    sql = "SELECT id, kind, quantity, site, conditions, lead_time_hours FROM partners_capability "
          "WHERE organisation = ?1 ORDER BY id";
  else if (type == PARTNERS_TYPE_AGREEMENT)
    sql = "SELECT a.id, a.title, a.kind, a.scope, a.data_fields, a.signed, a.review, a.expiry, "
          "a.status, a.document, a.allows_points, a.allows_tasking, "
          "  (SELECT group_concat (o.name, '; ') FROM partners_agreement_party q "
          "   JOIN partners_organisation o ON o.id = q.organisation "
          "   WHERE q.agreement = a.id AND q.organisation != ?1) AS parties "
          "FROM partners_agreement a JOIN partners_agreement_party p ON p.agreement = a.id "
          "WHERE p.organisation = ?1 ORDER BY a.review";
  else if (type == PARTNERS_TYPE_LOG)
    sql =
      "SELECT id, date, note FROM partners_log WHERE organisation = ?1 ORDER BY date DESC, id DESC";
  g_return_val_if_fail (sql != NULL, NULL);

  model = stead_query_model_new (workspace, type, sql, partners_tables);
  stead_query_model_set_params (model, STEAD_ARGS (STEAD_INT (organisation)));
  return model;
}

/* The organisation a site belongs to, or 0. */
gint64
partners_site_organisation (SteadWorkspace *workspace,
                            gint64          site)
{
  return stead_workspace_query_int64 (workspace,
                                      "SELECT organisation FROM partners_site WHERE fid = ?",
                                      STEAD_ARGS (STEAD_INT (site)));
}

char *
partners_get_organisation_name (SteadWorkspace *workspace,
                                gint64          id)
{
  return stead_workspace_query_text (
    workspace, "SELECT name FROM partners_organisation WHERE id = ?", STEAD_ARGS (STEAD_INT (id)));
}

/* ------------------------------------------------------------------------ */
/* Organisations                                                             */

/* Reads @text as the organisation field @name, for an edit by arguments. */
static gboolean
partners_model_check (SteadWorkspace  *workspace,
                      const char      *name,
                      const char      *text,
                      GValue          *value,
                      GError         **error)
{
  const SteadField *field = stead_field_find (partners_organisation_fields,
                                              G_N_ELEMENTS (partners_organisation_fields), name);

  return stead_field_parse (field, workspace, text, value, error);
}

gint64
partners_organisation_add (SteadWorkspace  *workspace,
                           const char      *name,
                           const char      *type,
                           const char      *tier,
                           GError         **error)
{
  g_auto(GValue) v_name = G_VALUE_INIT;
  g_auto(GValue) v_type = G_VALUE_INIT;
  g_auto(GValue) v_tier = G_VALUE_INIT;
  g_autofree char *summary = NULL;

  if (!partners_model_check (workspace, "name", name, &v_name, error) ||
      !partners_model_check (workspace, "type", type != NULL ? type : "other", &v_type, error) ||
      !partners_model_check (workspace, "tier", tier != NULL ? tier : "contributing", &v_tier,
                             error))
    return 0;

  /* TRANSLATORS: an undo step; %s is an organisation */
  summary = g_strdup_printf (_("Add partner “%s”"), g_value_get_string (&v_name));
  return stead_workspace_edit (
    workspace, PARTNERS_OWNER, summary,
    "INSERT INTO partners_organisation (name, type, tier) VALUES (?, ?, ?)",
    STEAD_ARGS (stead_value_from_gvalue (&v_name), stead_value_from_gvalue (&v_type),
                stead_value_from_gvalue (&v_tier)),
    error);
}

/**
 * partners_organisation_set:
 * @field: name, type, tier, description, website, charity_number,
 *   company_number, areas_served or notes
 * @value: (nullable): the new value; %NULL or "" clears an optional field
 *
 * Returns: %TRUE if saved (one undo step)
 */
gboolean
partners_organisation_set (SteadWorkspace  *workspace,
                           gint64           id,
                           const char      *field,
                           const char      *value,
                           GError         **error)
{
  return stead_workspace_save_field (workspace, &partners_organisation_info, id, field, value,
                                     error);
}

/* Other plugins clear their references to it in the same undo step. */
gboolean
partners_organisation_delete (SteadWorkspace  *workspace,
                              gint64           id,
                              GError         **error)
{
  return stead_workspace_remove_record (workspace, "organisation", id, error);
}

/* ------------------------------------------------------------------------ */
/* Contacts, sites, capabilities, agreements and notes                      */

static char *
partners_model_summary (SteadWorkspace *workspace,
                        const char     *format,
                        const char     *sql,
                        gint64          id)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (workspace, sql, NULL);
  const char *name = NULL;

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        name = (const char *) sqlite3_column_text (stmt, 0);
    }
  return g_strdup_printf (format, name != NULL ? name : "?");
}

#define ORG_OF(table, key)                                                                         \
  "SELECT o.name FROM " table                                                                      \
  " t JOIN partners_organisation o ON o.id = t.organisation WHERE t." key " = ?"
#define ORG_NAME "SELECT name FROM partners_organisation WHERE id = ?"

static gboolean
partners_model_exists (SteadWorkspace  *workspace,
                       gint64           organisation,
                       GError         **error)
{
  g_autofree char *name = partners_get_organisation_name (workspace, organisation);

  if (name == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         _("The partner no longer exists"));
  return name != NULL;
}

static gboolean
partners_model_require (const char  *text,
                        const char  *message,
                        GError     **error)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, message);
  return FALSE;
}

gint64
partners_contact_add (SteadWorkspace  *workspace,
                      gint64           organisation,
                      const char      *name,
                      const char      *role,
                      const char      *phone,
                      const char      *phone_24h,
                      const char      *email,
                      GError         **error)
{
  g_autofree char *summary = NULL;

  if (!partners_model_exists (workspace, organisation, error) ||
      !partners_model_require (name, _("A contact needs a name"), error))
    return 0;
  /* The contact's name is personal data: it stays out of the audit log. */
  summary = partners_model_summary (workspace, _("Add a contact to “%s”"), ORG_NAME, organisation);
  return stead_workspace_edit (
    workspace, PARTNERS_OWNER, summary,
    "INSERT INTO partners_contact (organisation, name, role, phone, phone_24h, email) "
    "VALUES (?, ?, ?, ?, ?, ?)",
    STEAD_ARGS (STEAD_INT (organisation), STEAD_TEXT (name), STEAD_TEXT (role), STEAD_TEXT (phone),
                STEAD_TEXT (phone_24h), STEAD_TEXT (email)),
    error);
}

gboolean
partners_contact_update (SteadWorkspace  *workspace,
                         gint64           id,
                         const char      *name,
                         const char      *role,
                         const char      *phone,
                         const char      *phone_24h,
                         const char      *email,
                         GError         **error)
{
  g_autofree char *summary = NULL;

  if (!partners_model_require (name, _("A contact needs a name"), error))
    return FALSE;
  summary = partners_model_summary (workspace, _("Edit a contact of “%s”"),
                                    ORG_OF ("partners_contact", "id"), id);
  return stead_workspace_edit (
           workspace, PARTNERS_OWNER, summary,
           "UPDATE partners_contact SET name = ?, role = ?, phone = ?, phone_24h = ?, email = ? "
           "WHERE id = ?",
           STEAD_ARGS (STEAD_TEXT (name), STEAD_TEXT (role), STEAD_TEXT (phone),
                       STEAD_TEXT (phone_24h), STEAD_TEXT (email), STEAD_INT (id)),
           error) != 0;
}

gboolean
partners_contact_delete (SteadWorkspace  *workspace,
                         gint64           id,
                         GError         **error)
{
  g_autofree char *summary = partners_model_summary (workspace, _("Remove a contact of “%s”"),
                                                     ORG_OF ("partners_contact", "id"), id);

  return stead_workspace_edit (workspace, PARTNERS_OWNER, summary,
                               "DELETE FROM partners_contact WHERE id = ?",
                               STEAD_ARGS (STEAD_INT (id)), error) != 0;
}

/* A site's position: the one given, else its postcode from the directory. */
static SteadGeometry *
partners_model_site_point (SteadWorkspace *workspace,
                           const char     *postcode,
                           const double   *lon_lat)
{
  double lon, lat;

  if (lon_lat != NULL)
    return stead_geometry_new_point (lon_lat[0], lon_lat[1]);
  if (postcode != NULL && stead_workspace_lookup_postcode (workspace, postcode, &lon, &lat))
    return stead_geometry_new_point (lon, lat);
  return NULL;
}

static gboolean
partners_model_check_site (const char    *name,
                           const double  *lon_lat,
                           GError       **error)
{
  if (!partners_model_require (name, _("A site needs a name"), error))
    return FALSE;
  if (lon_lat != NULL &&
      (lon_lat[0] < -180 || lon_lat[0] > 180 || lon_lat[1] < -90 || lon_lat[1] > 90))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Longitude and latitude are out of range"));
      return FALSE;
    }
  return TRUE;
}

/**
 * partners_site_add:
 * @lon_lat: (nullable) (array fixed-size=2): longitude and latitude, or
 *   %NULL to place it by its postcode
 * @capacity: places, or -1 for none
 */
gint64
partners_site_add (SteadWorkspace  *workspace,
                   gint64           organisation,
                   const char      *name,
                   const char      *what,
                   const char      *address,
                   const char      *postcode,
                   gint64           capacity,
                   const double    *lon_lat,
                   GError         **error)
{
  g_autoptr(SteadGeometry) point = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *org = NULL;

  if (!partners_model_check_site (name, lon_lat, error))
    return 0;
  point = partners_model_site_point (workspace, postcode, lon_lat);
  org = partners_get_organisation_name (workspace, organisation);
  summary = g_strdup_printf (_("Add site “%s” of “%s”"), name, org != NULL ? org : "?");
  return stead_workspace_edit (
    workspace, PARTNERS_OWNER, summary,
    "INSERT INTO partners_site (organisation, name, what, address, postcode, capacity, geom) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)",
    STEAD_ARGS (STEAD_INT (organisation), STEAD_TEXT (name), STEAD_TEXT (what),
                STEAD_TEXT (address), STEAD_TEXT (postcode),
                STEAD_INT_OR_NULL (capacity, capacity >= 0), STEAD_GEOMETRY (point)),
    error);
}

gboolean
partners_site_update (SteadWorkspace  *workspace,
                      gint64           fid,
                      const char      *name,
                      const char      *what,
                      const char      *address,
                      const char      *postcode,
                      gint64           capacity,
                      const double    *lon_lat,
                      GError         **error)
{
  g_autoptr(SteadGeometry) point = NULL;
  g_autofree char *summary = NULL;

  if (!partners_model_check_site (name, lon_lat, error))
    return FALSE;
  point = partners_model_site_point (workspace, postcode, lon_lat);
  summary = partners_model_summary (workspace, _("Edit a site of “%s”"),
                                    ORG_OF ("partners_site", "fid"), fid);
  return stead_workspace_edit (
           workspace, PARTNERS_OWNER, summary,
           "UPDATE partners_site SET name = ?, what = ?, address = ?, postcode = ?, capacity = ?, "
           "geom = ? WHERE fid = ?",
           STEAD_ARGS (STEAD_TEXT (name), STEAD_TEXT (what), STEAD_TEXT (address),
                       STEAD_TEXT (postcode), STEAD_INT_OR_NULL (capacity, capacity >= 0),
                       STEAD_GEOMETRY (point), STEAD_INT (fid)),
           error) != 0;
}

gboolean
partners_site_delete (SteadWorkspace  *workspace,
                      gint64           fid,
                      GError         **error)
{
  g_autofree char *summary = partners_model_summary (workspace, _("Remove a site of “%s”"),
                                                     ORG_OF ("partners_site", "fid"), fid);

  /* Its capabilities stay with the organisation, no longer at a place. */
  return stead_workspace_edit (workspace, PARTNERS_OWNER, summary,
                               "DELETE FROM partners_site WHERE fid = ?",
                               STEAD_ARGS (STEAD_INT (fid)), error) != 0;
}

static gboolean
partners_model_check_capability (SteadWorkspace  *workspace,
                                 const char      *kind,
                                 gint64           quantity,
                                 char           **code,
                                 GError         **error)
{
  *code = kind != NULL ? stead_workspace_lookup_term (workspace, "resource-kind", kind) : NULL;
  if (*code == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a resource kind"), kind ? kind : "");
      return FALSE;
    }
  if (quantity < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A quantity cannot be negative"));
      return FALSE;
    }
  return TRUE;
}

gint64
partners_capability_add (SteadWorkspace  *workspace,
                         gint64           organisation,
                         gint64           site,
                         const char      *kind,
                         gint64           quantity,
                         const char      *conditions,
                         gint64           lead_time_hours,
                         GError         **error)
{
  g_autofree char *code = NULL;
  g_autofree char *summary = NULL;

  if (!partners_model_check_capability (workspace, kind, quantity, &code, error))
    return 0;
  summary =
    partners_model_summary (workspace, _("Add a capability of “%s”"), ORG_NAME, organisation);
  return stead_workspace_edit (
    workspace, PARTNERS_OWNER, summary,
    "INSERT INTO partners_capability (organisation, site, kind, quantity, conditions, "
    "lead_time_hours) VALUES (?, ?, ?, ?, ?, ?)",
    STEAD_ARGS (STEAD_INT (organisation), STEAD_INT_OR_NULL (site, site > 0), STEAD_TEXT (code),
                STEAD_INT (quantity), STEAD_TEXT (conditions),
                STEAD_INT_OR_NULL (lead_time_hours, lead_time_hours >= 0)),
    error);
}

gboolean
partners_capability_update (SteadWorkspace  *workspace,
                            gint64           id,
                            gint64           site,
                            const char      *kind,
                            gint64           quantity,
                            const char      *conditions,
                            gint64           lead_time_hours,
                            GError         **error)
{
  g_autofree char *code = NULL;
  g_autofree char *summary = NULL;

  if (!partners_model_check_capability (workspace, kind, quantity, &code, error))
    return FALSE;
  summary = partners_model_summary (workspace, _("Edit a capability of “%s”"),
                                    ORG_OF ("partners_capability", "id"), id);
  return stead_workspace_edit (
           workspace, PARTNERS_OWNER, summary,
           "UPDATE partners_capability SET site = ?, kind = ?, quantity = ?, conditions = ?, "
           "lead_time_hours = ? WHERE id = ?",
           STEAD_ARGS (STEAD_INT_OR_NULL (site, site > 0), STEAD_TEXT (code), STEAD_INT (quantity),
                       STEAD_TEXT (conditions),
                       STEAD_INT_OR_NULL (lead_time_hours, lead_time_hours >= 0), STEAD_INT (id)),
           error) != 0;
}

gboolean
partners_capability_delete (SteadWorkspace  *workspace,
                            gint64           id,
                            GError         **error)
{
  g_autofree char *summary = partners_model_summary (workspace, _("Remove a capability of “%s”"),
                                                     ORG_OF ("partners_capability", "id"), id);

  return stead_workspace_edit (workspace, PARTNERS_OWNER, summary,
                               "DELETE FROM partners_capability WHERE id = ?",
                               STEAD_ARGS (STEAD_INT (id)), error) != 0;
}

gint64
partners_log_add (SteadWorkspace  *workspace,
                  gint64           organisation,
                  const char      *date,
                  const char      *note,
                  GError         **error)
{
  g_autofree char *summary = NULL;

  if (!partners_model_exists (workspace, organisation, error) ||
      !partners_model_require (note, _("A note cannot be empty"), error))
    return 0;
  summary = partners_model_summary (workspace, _("Add a note on “%s”"), ORG_NAME, organisation);
  return stead_workspace_edit (
    workspace, PARTNERS_OWNER, summary,
    "INSERT INTO partners_log (organisation, date, note) VALUES (?, coalesce (?, date ('now')), ?)",
    STEAD_ARGS (STEAD_INT (organisation), STEAD_TEXT (date), STEAD_TEXT (note)), error);
}

gboolean
partners_log_delete (SteadWorkspace  *workspace,
                     gint64           id,
                     GError         **error)
{
  g_autofree char *summary = partners_model_summary (workspace, _("Remove a note on “%s”"),
                                                     ORG_OF ("partners_log", "id"), id);

  return stead_workspace_edit (workspace, PARTNERS_OWNER, summary,
                               "DELETE FROM partners_log WHERE id = ?", STEAD_ARGS (STEAD_INT (id)),
                               error) != 0;
}

/* Dates in agreements are as the API takes them: YYYY-MM-DD exactly. */
static gboolean
partners_model_valid_date (const char *text)
{
  GDate date;

  if (text == NULL || *text == '\0')
    return TRUE;
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  g_date_clear (&date, 1);
  g_date_set_parse (&date, text);
  return g_date_valid (&date);
}

/**
 * partners_agreement_save:
 * @id: the agreement to change, or 0 to add one
 * @allows_points: for a data-sharing agreement, whether the households of
 *   lists that came under it may be shown as points on the map: 1 or 0, or
 *   -1 to leave it as it is (0 for a new one)
 * @parties: (array length=n_parties): the organisations it binds
 *
 * Returns: the agreement's id, or 0 on error (nothing changed)
 */
gint64
partners_agreement_save (SteadWorkspace  *workspace,
                         gint64           id,
                         const char      *title,
                         const char      *kind,
                         const char      *scope,
                         const char      *data_fields,
                         const char      *signed_on,
                         const char      *review,
                         const char      *expiry,
                         const char      *status,
                         const char      *document,
                         int              allows_points,
                         const gint64    *parties,
                         guint            n_parties,
                         GError         **error)
{
  return partners_agreement_save_full (workspace, id, title, kind, scope, data_fields, signed_on,
                                       review, expiry, status, document, allows_points, -1,
                                       parties, n_parties, error);
}

/**
 * partners_agreement_save_full:
 * @allows_tasking: whether its parties may task registered volunteers: 1
 *   or 0, or -1 to leave it as it is (0 for a new one)
 *
 * As partners_agreement_save(), with whether it allows tasking.
 */
gint64
partners_agreement_save_full (SteadWorkspace  *workspace,
                              gint64           id,
                              const char      *title,
                              const char      *kind,
                              const char      *scope,
                              const char      *data_fields,
                              const char      *signed_on,
                              const char      *review,
                              const char      *expiry,
                              const char      *status,
                              const char      *document,
                                   int              allows_points,
                              int              allows_tasking,
                              const gint64    *parties,
                              guint            n_parties,
                              GError         **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  g_autofree char *summary = NULL;
  const char *dates[] = { signed_on, review, expiry };
  gint64 result;

  if (!partners_model_require (title, _("An agreement needs a title"), error))
    return 0;
  if (stead_choice_get_label (partners_agreement_kinds, kind) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a kind of agreement: mou, data-sharing, mutual-aid, contract or "
                      "other"),
                   kind ? kind : "");
      return 0;
    }
  if (status != NULL && stead_choice_get_label (partners_agreement_statuses, status) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("“%s” is not a status"),
                   status);
      return 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    if (!partners_model_valid_date (dates[i]))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("“%s” is not a date (YYYY-MM-DD)"), dates[i]);
        return 0;
      }
  if (n_parties == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("An agreement needs at least one party"));
      return 0;
    }

  summary = g_strdup_printf (id ? _("Edit agreement “%s”") : _("Add agreement “%s”"), title);
  txn = stead_workspace_begin (workspace, PARTNERS_OWNER, summary, error);
  if (txn == NULL)
    return 0;
  result = stead_transaction_run (
    txn,
    id ? "UPDATE partners_agreement SET title = ?1, kind = ?2, scope = ?3, data_fields = ?4, "
         "signed = ?5, review = ?6, expiry = ?7, status = ?8, document = ?9, "
         "allows_points = CASE WHEN ?11 < 0 THEN allows_points ELSE ?11 END, "
         "allows_tasking = CASE WHEN ?12 < 0 THEN allows_tasking ELSE ?12 END WHERE id = ?10"
       : "INSERT INTO partners_agreement (title, kind, scope, data_fields, signed, review, "
         "expiry, status, document, allows_points, allows_tasking) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, max (?11, 0), max (?12, 0))",
    STEAD_ARGS (STEAD_TEXT (title), STEAD_TEXT (kind), STEAD_TEXT (scope), STEAD_TEXT (data_fields),
                STEAD_TEXT (signed_on), STEAD_TEXT (review), STEAD_TEXT (expiry),
                STEAD_TEXT (status ? status : "active"), STEAD_TEXT (document), STEAD_INT (id),
                STEAD_INT (allows_points != 0 ? (allows_points > 0 ? 1 : -1) : 0),
                STEAD_INT (allows_tasking != 0 ? (allows_tasking > 0 ? 1 : -1) : 0)),
    error);
  if (result < 0)
    return 0;
  if (id == 0)
    id = result;
  else if (result == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The agreement no longer exists"));
      return 0;
    }
  if (stead_transaction_run (txn, "DELETE FROM partners_agreement_party WHERE agreement = ?",
                             STEAD_ARGS (STEAD_INT (id)), error) < 0)
    return 0;
  for (guint i = 0; i < n_parties; i++)
    if (stead_transaction_run (txn,
                               "INSERT OR IGNORE INTO partners_agreement_party (agreement, "
                               "organisation) VALUES (?, ?)",
                               STEAD_ARGS (STEAD_INT (id), STEAD_INT (parties[i])), error) < 0)
      return 0;
  if (!stead_transaction_commit (g_steal_pointer (&txn), error))
    return 0;
  return id;
}

gboolean
partners_agreement_delete (SteadWorkspace  *workspace,
                           gint64           id,
                           GError         **error)
{
  g_autoptr(SteadTransaction) txn = NULL;

  txn = stead_workspace_begin (workspace, PARTNERS_OWNER, _("Remove an agreement"), error);
  if (txn == NULL)
    return FALSE;
  /* Household lists that came under it name no agreement any more. */
  if (!stead_transaction_record_removed (txn, "agreement", id, error))
    return FALSE;
  if (stead_transaction_run (txn, "DELETE FROM partners_agreement_party WHERE agreement = ?",
                             STEAD_ARGS (STEAD_INT (id)), error) < 0 ||
      stead_transaction_run (txn, "DELETE FROM partners_agreement WHERE id = ?",
                             STEAD_ARGS (STEAD_INT (id)), error) < 0)
    return FALSE;
  return stead_transaction_commit (g_steal_pointer (&txn), error);
}

/* ------------------------------------------------------------------------ */
/* The network of agreements                                                */

/**
 * partners_network_links:
 * @nodes: (element-type PartnersNode): filled, names owned by the caller
 * @edges: (element-type PartnersEdge): filled
 */
void
partners_network_links (SteadWorkspace *workspace,
                        GArray         *nodes,
                        GArray         *edges)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  stmt = stead_workspace_prepare (
    workspace,
    "SELECT o.id, o.name, o.tier = 'instrumental', "
    "  (SELECT count (*) FROM partners_agreement_party p WHERE p.organisation = o.id) AS n "
    "FROM partners_organisation o WHERE o.tier = 'instrumental' OR "
    "  EXISTS (SELECT 1 FROM partners_agreement_party p WHERE p.organisation = o.id) "
    "ORDER BY o.tier = 'instrumental' DESC, n DESC, o.name",
    NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      PartnersNode n = { sqlite3_column_int64 (stmt, 0),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                         sqlite3_column_int (stmt, 2),
                         sqlite3_column_int (stmt, 3),
                         0,
                         0 };
      gint64 *key = g_new (gint64, 1);

      *key = n.id;
      g_hash_table_insert (index, key, GUINT_TO_POINTER (nodes->len + 1));
      g_array_append_val (nodes, n);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = stead_workspace_prepare (
    workspace,
    "SELECT a.organisation, b.organisation, count (*) FROM partners_agreement_party a "
    "JOIN partners_agreement_party b ON a.agreement = b.agreement "
    "AND a.organisation < b.organisation GROUP BY a.organisation, b.organisation",
    NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 ida = sqlite3_column_int64 (stmt, 0), idb = sqlite3_column_int64 (stmt, 1);
      guint a = GPOINTER_TO_UINT (g_hash_table_lookup (index, &ida));
      guint b = GPOINTER_TO_UINT (g_hash_table_lookup (index, &idb));
      PartnersEdge e = { a - 1, b - 1, sqlite3_column_int (stmt, 2) };

      if (a > 0 && b > 0)
        g_array_append_val (edges, e);
    }
}

/* ------------------------------------------------------------------------ */
/* Derived data                                                              */

/**
 * partners_publish_resources:
 * @txn: the committing transaction
 * @error: a #GError
 *
 * Every capability at a site with a location is a resource on the map:
 * its kind, its quantity as capacity, owner "partners" and the site as
 * owner_ref. Rows no longer backed by a capability go; changed ones are
 * rewritten.
 */
gboolean
partners_publish_resources (SteadTransaction  *txn,
                            GError           **error)
{
  return stead_transaction_exec (
    txn,
    "DELETE FROM resource WHERE owner = 'partners' AND NOT EXISTS ("
    "  SELECT 1 FROM partners_capability c JOIN partners_site s ON s.fid = c.site"
    "  JOIN partners_organisation o ON o.id = c.organisation"
    "  WHERE s.fid = resource.owner_ref AND c.kind = resource.kind"
    "  AND s.geom IS NOT NULL AND resource.capacity = c.quantity"
    "  AND resource.geom = s.geom AND resource.title = o.name || ': ' || s.name);"
    "INSERT INTO resource (geom, kind, title, capacity, availability, owner, owner_ref)"
    "  SELECT s.geom, c.kind, o.name || ': ' || s.name, c.quantity, 'available', 'partners', s.fid"
    "  FROM partners_capability c JOIN partners_site s ON s.fid = c.site"
    "  JOIN partners_organisation o ON o.id = c.organisation"
    "  WHERE s.geom IS NOT NULL AND NOT EXISTS ("
    "    SELECT 1 FROM resource r WHERE r.owner = 'partners' AND r.owner_ref = s.fid"
    "    AND r.kind = c.kind AND r.capacity = c.quantity AND r.geom = s.geom"
    "    AND r.title = o.name || ': ' || s.name);",
    error);
}

#define PARTNERS_INDEX_SQL \
  "SELECT o.id, o.name, coalesce (t.label, o.type) || ' ' || o.tier || ' ' || " \
  "  coalesce (o.description, '') || ' ' || coalesce (o.areas_served, '') || ' ' || " \
  "  coalesce ((SELECT group_concat (s.name || ' ' || coalesce (s.what, ''), ' ') " \
  "             FROM partners_site s WHERE s.organisation = o.id), '') " \
  "FROM partners_organisation o " \
  "LEFT JOIN taxonomy t ON t.vocabulary = 'partner-type' AND t.code = o.type"

/* Puts each organisation @orgs gives, with its agreements' titles and flags. */
static gboolean
partners_model_index_rows (SteadTransaction  *txn,
                           sqlite3_stmt      *orgs,
                           GError           **error)
{
  g_autoptr(sqlite3_stmt) agreements = NULL;
  GDate today;

  partners_today (&today);
  agreements = stead_transaction_prepare (
    txn,
    "SELECT a.review, a.expiry, a.status, a.title FROM partners_agreement a "
    "JOIN partners_agreement_party p ON p.agreement = a.id WHERE p.organisation = ?",
    error);
  if (agreements == NULL)
    return FALSE;
  while (sqlite3_step (orgs) == SQLITE_ROW)
    {
      g_autoptr(GString) body = g_string_new ((const char *) sqlite3_column_text (orgs, 2));
      gint64 id = sqlite3_column_int64 (orgs, 0);

      sqlite3_bind_int64 (agreements, 1, id);
      while (sqlite3_step (agreements) == SQLITE_ROW)
        {
          PartnersFlag flag =
            partners_agreement_flag ((const char *) sqlite3_column_text (agreements, 0),
                                     (const char *) sqlite3_column_text (agreements, 1),
                                     (const char *) sqlite3_column_text (agreements, 2), &today);

          g_string_append_printf (body, " %s", (const char *) sqlite3_column_text (agreements, 3));
          if (flag != PARTNERS_FLAG_NONE)
            g_string_append_printf (body, " %s", partners_flag_label (flag));
        }
      sqlite3_reset (agreements);
      if (!stead_search_put (txn, PARTNERS_OWNER, "organisation", id,
                             (const char *) sqlite3_column_text (orgs, 1), body->str, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * partners_index:
 * @txn: the committing transaction
 * @tables: (nullable): what it touched (%NULL: rebuild everything)
 * @error: a #GError
 *
 * The partners' entries in the search index: each organisation with its
 * type, tier, description, sites and its agreements, flagged as of the
 * day of the change ("expired", "review due"). An edit of organisations
 * alone re-indexes just those.
 */
gboolean
partners_index (SteadTransaction    *txn,
                const char * const  *tables,
                GError             **error)
{
  g_autoptr(sqlite3_stmt) orgs = NULL;
  const gint64 *rowids;
  guint n_rowids;

  if (stead_transaction_get_changed_rows (txn, tables, "partners_;taxonomy",
                                          "partners_organisation", &rowids, &n_rowids))
    {
      orgs = n_rowids > 0
               ? stead_transaction_prepare (txn, PARTNERS_INDEX_SQL " WHERE o.id = ?", error)
               : NULL;
      for (guint i = 0; i < n_rowids; i++)
        {
          if (orgs == NULL ||
              !stead_search_delete (txn, PARTNERS_OWNER, "organisation", rowids[i], error))
            return FALSE;
          sqlite3_bind_int64 (orgs, 1, rowids[i]);
          if (!partners_model_index_rows (txn, orgs, error))
            return FALSE;
          sqlite3_reset (orgs);
        }
      return TRUE;
    }
  if (!stead_search_delete_all (txn, PARTNERS_OWNER, "organisation", error))
    return FALSE;
  orgs = stead_transaction_prepare (txn, PARTNERS_INDEX_SQL, error);
  return orgs != NULL && partners_model_index_rows (txn, orgs, error);
}
