/* partners-model.c: edits of the partner directory, flags and publishing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "partners"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "partners.h"

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

void
partners_organisation_ref_free (PartnersOrganisationRef *ref)
{
  g_free (ref->name);
  g_free (ref);
}

/**
 * partners_list_organisations:
 * @workspace: a workspace with the partners plugin
 *
 * Returns: (transfer container) (element-type PartnersOrganisationRef):
 *   every organisation, by name
 */
GPtrArray *
partners_list_organisations (SteadWorkspace *workspace)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) partners_organisation_ref_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = stead_workspace_prepare (workspace,
                                  "SELECT id, name FROM partners_organisation ORDER BY name COLLATE NOCASE", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      PartnersOrganisationRef *ref = g_new0 (PartnersOrganisationRef, 1);

      ref->id = sqlite3_column_int64 (stmt, 0);
      ref->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_ptr_array_add (list, ref);
    }
  return list;
}

char *
partners_get_organisation_name (SteadWorkspace *workspace,
                                gint64          id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = stead_workspace_prepare (workspace, "SELECT name FROM partners_organisation WHERE id = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gboolean
is_known_type (SteadWorkspace *workspace,
               const char     *type)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = stead_workspace_prepare (workspace,
                                  "SELECT 1 FROM taxonomy WHERE vocabulary = 'partner-type' AND code = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
check_value (SteadWorkspace  *workspace,
             const char      *field,
             const char      *value,
             GError         **error)
{
  static const char * const tiers[] = { "instrumental", "contributing", "occasional", NULL };

  if (g_str_equal (field, "name") && (value == NULL || *g_strstrip (g_strdup (value)) == '\0'))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("A partner needs a name"));
      return FALSE;
    }
  if (g_str_equal (field, "type") && (value == NULL || !is_known_type (workspace, value)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a partner type"), value ? value : "");
      return FALSE;
    }
  if (g_str_equal (field, "tier") && (value == NULL || !g_strv_contains (tiers, value)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a tier: instrumental, contributing or occasional"), value ? value : "");
      return FALSE;
    }
  return TRUE;
}

gint64
partners_organisation_add (SteadWorkspace  *workspace,
                           const char      *name,
                           const char      *type,
                           const char      *tier,
                           GError         **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *summary = NULL;
  gint64 id;

  if (type == NULL)
    type = "other";
  if (tier == NULL)
    tier = "contributing";
  if (!check_value (workspace, "name", name, error) || !check_value (workspace, "type", type, error) ||
      !check_value (workspace, "tier", tier, error))
    return 0;

  /* TRANSLATORS: an undo step; %s is an organisation */
  summary = g_strdup_printf (_("Add partner “%s”"), name);
  txn = stead_workspace_begin (workspace, PARTNERS_OWNER, summary, error);
  if (txn == NULL)
    return 0;
  stmt = stead_transaction_prepare (txn, "INSERT INTO partners_organisation (name, type, tier) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, tier, -1, SQLITE_STATIC);
  if (!stead_transaction_step (txn, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (stead_workspace_get_db (workspace));
  if (!stead_transaction_commit (g_steal_pointer (&txn), error))
    return 0;
  return id;
}

/**
 * partners_organisation_set:
 * @workspace: the workspace
 * @id: an organisation
 * @field: name, type, tier, description, website, charity_number,
 *   company_number, areas_served or notes
 * @value: (nullable): the new value; %NULL or "" clears an optional field
 * @error: a #GError
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
  /* One constant statement per editable column: the column list is the
   * whitelist, and no SQL is ever built from the caller's text. */
#define SET(column) { #column, "UPDATE partners_organisation SET " #column " = ?, " \
                               "updated = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?" }
  static const struct { const char *field; const char *sql; } setters[] = {
    SET (name), SET (type), SET (tier), SET (description), SET (website), SET (charity_number),
    SET (company_number), SET (areas_served), SET (notes),
  };
#undef SET
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name = NULL;
  g_autofree char *summary = NULL;
  const char *sql = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (setters) && field != NULL; i++)
    if (g_str_equal (setters[i].field, field))
      sql = setters[i].sql;
  if (sql == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "No partner field “%s”", field);
      return FALSE;
    }
  if (!check_value (workspace, field, value, error))
    return FALSE;
  name = partners_get_organisation_name (workspace, id);
  if (name == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The partner no longer exists"));
      return FALSE;
    }

  summary = g_strdup_printf (_("Edit partner “%s”"), name);
  txn = stead_workspace_begin (workspace, PARTNERS_OWNER, summary, error);
  if (txn == NULL)
    return FALSE;
  stmt = stead_transaction_prepare (txn, sql, error);
  if (stmt == NULL)
    return FALSE;
  if (value != NULL && *value != '\0')
    sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!stead_transaction_step (txn, stmt, error))
    return FALSE;
  if (g_str_equal (field, "name") && !partners_publish_resources (txn, error))
    return FALSE;
  return stead_transaction_commit (g_steal_pointer (&txn), error);
}

gboolean
partners_organisation_delete (SteadWorkspace  *workspace,
                              gint64           id,
                              GError         **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name = partners_get_organisation_name (workspace, id);
  g_autofree char *summary = NULL;

  if (name == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The partner no longer exists"));
      return FALSE;
    }
  summary = g_strdup_printf (_("Remove partner “%s”"), name);
  txn = stead_workspace_begin (workspace, PARTNERS_OWNER, summary, error);
  if (txn == NULL)
    return FALSE;
  /* Explicit, so that the undo step holds every row it takes away. */
  {
    static const char *deletes[] = {
      "DELETE FROM partners_capability WHERE organisation = ?",
      "DELETE FROM partners_contact WHERE organisation = ?",
      "DELETE FROM partners_log WHERE organisation = ?",
      "DELETE FROM partners_agreement_party WHERE organisation = ?",
      "DELETE FROM partners_site WHERE organisation = ?",
      "DELETE FROM partners_organisation WHERE id = ?",
    };

    for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
      {
        g_autoptr(sqlite3_stmt) del = stead_transaction_prepare (txn, deletes[i], error);

        if (del == NULL)
          return FALSE;
        sqlite3_bind_int64 (del, 1, id);
        if (!stead_transaction_step (txn, del, error))
          return FALSE;
      }
  }
  if (!partners_publish_resources (txn, error))
    return FALSE;
  return stead_transaction_commit (g_steal_pointer (&txn), error);
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
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *org = partners_get_organisation_name (workspace, organisation);
  g_autofree char *summary = NULL;
  const char *values[] = { name, role, phone, phone_24h, email };
  gint64 id;

  if (org == NULL || name == NULL || *name == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           org == NULL ? _("The partner no longer exists") : _("A contact needs a name"));
      return 0;
    }
  /* The contact's name is personal data: it stays out of the audit log. */
  summary = g_strdup_printf (_("Add a contact to “%s”"), org);
  txn = stead_workspace_begin (workspace, PARTNERS_OWNER, summary, error);
  if (txn == NULL)
    return 0;
  stmt = stead_transaction_prepare (txn,
                                    "INSERT INTO partners_contact (organisation, name, role, phone, phone_24h, email) "
                                    "VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, organisation);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (values[i] != NULL && *values[i] != '\0')
      sqlite3_bind_text (stmt, i + 2, values[i], -1, SQLITE_STATIC);
  if (!stead_transaction_step (txn, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (stead_workspace_get_db (workspace));
  if (!stead_transaction_commit (g_steal_pointer (&txn), error))
    return 0;
  return id;
}

gint64
partners_log_add (SteadWorkspace  *workspace,
                  gint64           organisation,
                  const char      *date,
                  const char      *note,
                  GError         **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *org = partners_get_organisation_name (workspace, organisation);
  g_autofree char *summary = NULL;
  gint64 id;

  if (org == NULL || note == NULL || *note == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           org == NULL ? _("The partner no longer exists") : _("A note cannot be empty"));
      return 0;
    }
  summary = g_strdup_printf (_("Add a note on “%s”"), org);
  txn = stead_workspace_begin (workspace, PARTNERS_OWNER, summary, error);
  if (txn == NULL)
    return 0;
  stmt = stead_transaction_prepare (txn, "INSERT INTO partners_log (organisation, date, note) "
                                         "VALUES (?, coalesce (?, date ('now')), ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, organisation);
  if (date != NULL)
    sqlite3_bind_text (stmt, 2, date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, note, -1, SQLITE_STATIC);
  if (!stead_transaction_step (txn, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (stead_workspace_get_db (workspace));
  if (!stead_transaction_commit (g_steal_pointer (&txn), error))
    return 0;
  return id;
}

/**
 * partners_publish_resources:
 * @txn: a transaction of the partners plugin
 * @error: a #GError
 *
 * Every capability at a site with a location is a resource on the map:
 * its kind, its quantity as capacity, owner "partners" and the site as
 * owner_ref. Rows no longer backed by a capability go; changed ones are
 * rewritten. Called in the same transaction as the change, so undo takes
 * both back.
 */
gboolean
partners_publish_resources (SteadTransaction  *txn,
                            GError           **error)
{
  return stead_transaction_exec (txn,
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

/**
 * partners_reindex:
 * @workspace: the workspace
 * @error: a #GError
 *
 * Rewrites the partners' rows of the search index: each organisation
 * with its type, tier, description, sites and the flags of its
 * agreements as of today, so that "expired" or "review due" finds them.
 * The search index is not user data: this is no undo step.
 */
gboolean
partners_reindex (SteadWorkspace  *workspace,
                  GError         **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(sqlite3_stmt) orgs = NULL;
  g_autoptr(sqlite3_stmt) agreements = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  txn = stead_workspace_begin (workspace, PARTNERS_OWNER, _("Index partners for search"), error);
  if (txn == NULL)
    return FALSE;
  if (!stead_transaction_exec (txn, "DELETE FROM stead_search WHERE owner = 'partners'", error))
    return FALSE;
  orgs = stead_transaction_prepare (txn,
                                    "SELECT o.id, o.name, coalesce (t.label, o.type), o.tier, "
                                    "  coalesce (o.description, '') || ' ' || coalesce (o.areas_served, '') || ' ' || "
                                    "  coalesce ((SELECT group_concat (s.name || ' ' || coalesce (s.what, ''), ' ') "
                                    "             FROM partners_site s WHERE s.organisation = o.id), '') "
                                    "FROM partners_organisation o "
                                    "LEFT JOIN taxonomy t ON t.vocabulary = 'partner-type' AND t.code = o.type",
                                    error);
  agreements = stead_transaction_prepare (txn,
                                          "SELECT a.review, a.expiry, a.status, a.title FROM partners_agreement a "
                                          "JOIN partners_agreement_party p ON p.agreement = a.id WHERE p.organisation = ?",
                                          error);
  insert = stead_transaction_prepare (txn, "INSERT INTO stead_search (owner, ref, title, body) VALUES ('partners', ?, ?, ?)",
                                      error);
  if (orgs == NULL || agreements == NULL || insert == NULL)
    return FALSE;

  while (sqlite3_step (orgs) == SQLITE_ROW)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      gint64 id = sqlite3_column_int64 (orgs, 0);

      g_string_append_printf (body, "%s %s %s", (const char *) sqlite3_column_text (orgs, 2),
                              (const char *) sqlite3_column_text (orgs, 3), (const char *) sqlite3_column_text (orgs, 4));
      sqlite3_bind_int64 (agreements, 1, id);
      while (sqlite3_step (agreements) == SQLITE_ROW)
        {
          PartnersFlag flag = partners_agreement_flag ((const char *) sqlite3_column_text (agreements, 0),
                                                       (const char *) sqlite3_column_text (agreements, 1),
                                                       (const char *) sqlite3_column_text (agreements, 2), &today);

          g_string_append_printf (body, " %s", (const char *) sqlite3_column_text (agreements, 3));
          if (flag != PARTNERS_FLAG_NONE)
            g_string_append_printf (body, " %s", partners_flag_label (flag));
        }
      sqlite3_reset (agreements);

      sqlite3_bind_int64 (insert, 1, id);
      sqlite3_bind_text (insert, 2, (const char *) sqlite3_column_text (orgs, 1), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 3, body->str, -1, SQLITE_TRANSIENT);
      if (!stead_transaction_step (txn, insert, error))
        return FALSE;
    }
  return stead_transaction_commit (g_steal_pointer (&txn), error);
}

/* ------------------------------------------------------------------------ */
/* Contacts, sites, capabilities, agreements and notes: add, change, remove */

typedef enum { V_NULL, V_TEXT, V_INT, V_BLOB } ValueType;

typedef struct
{
  ValueType     type;
  const char   *text;
  gint64        i;
  GBytes       *blob;
} Value;

static Value
text_value (const char *text)
{
  Value v = { text != NULL && *text != '\0' ? V_TEXT : V_NULL, text, 0, NULL };
  return v;
}

static Value
int_value (gint64 i,
           gboolean present)
{
  Value v = { present ? V_INT : V_NULL, NULL, i, NULL };
  return v;
}

/* One statement as one undo step; publishes resources when asked.
 * Returns the new row's id for an INSERT, 1 otherwise, 0 on error. */
static gint64
edit (SteadWorkspace  *workspace,
      const char      *summary,
      const char      *sql,
      const Value     *values,
      guint            n_values,
      gboolean         publish,
      GError         **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = stead_workspace_get_db (workspace);
  gint64 result = 1;

  txn = stead_workspace_begin (workspace, PARTNERS_OWNER, summary, error);
  if (txn == NULL)
    return 0;
  stmt = stead_transaction_prepare (txn, sql, error);
  if (stmt == NULL)
    return 0;
  for (guint i = 0; i < n_values; i++)
    switch (values[i].type)
      {
      case V_TEXT: sqlite3_bind_text (stmt, i + 1, values[i].text, -1, SQLITE_TRANSIENT); break;
      case V_INT: sqlite3_bind_int64 (stmt, i + 1, values[i].i); break;
      case V_BLOB:
        sqlite3_bind_blob (stmt, i + 1, g_bytes_get_data (values[i].blob, NULL), g_bytes_get_size (values[i].blob),
                           SQLITE_TRANSIENT);
        break;
      case V_NULL:
      default:
        sqlite3_bind_null (stmt, i + 1);
        break;
      }
  if (!stead_transaction_step (txn, stmt, error))
    return 0;
  if (g_str_has_prefix (sql, "INSERT"))
    result = sqlite3_last_insert_rowid (db);
  else if (sqlite3_changes (db) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("It no longer exists"));
      return 0;
    }
  if (publish && !partners_publish_resources (txn, error))
    return 0;
  if (!stead_transaction_commit (g_steal_pointer (&txn), error))
    return 0;
  return result;
}

static char *
summary_for (SteadWorkspace *workspace,
             const char     *format,
             const char     *table,
             gint64          id)
{
#define OWNER_OF(child, key) \
  { child, "SELECT o.name FROM " child " t JOIN partners_organisation o ON o.id = t.organisation WHERE t." key " = ?" }
  static const struct { const char *table; const char *sql; } queries[] = {
    OWNER_OF ("partners_contact", "id"), OWNER_OF ("partners_site", "fid"),
    OWNER_OF ("partners_capability", "id"), OWNER_OF ("partners_log", "id"),
  };
#undef OWNER_OF
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *sql = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    if (g_str_equal (queries[i].table, table))
      sql = queries[i].sql;
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = stead_workspace_prepare (workspace, sql, NULL);
  sqlite3_bind_int64 (stmt, 1, id);
  return g_strdup_printf (format, sqlite3_step (stmt) == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0) : "?");
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
  g_autofree char *summary = summary_for (workspace, _("Edit a contact of “%s”"), "partners_contact", id);
  Value values[] = { text_value (name), text_value (role), text_value (phone), text_value (phone_24h),
                     text_value (email), int_value (id, TRUE) };

  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("A contact needs a name"));
      return FALSE;
    }
  return edit (workspace, summary,
               "UPDATE partners_contact SET name = ?, role = ?, phone = ?, phone_24h = ?, email = ? WHERE id = ?",
               values, G_N_ELEMENTS (values), FALSE, error) != 0;
}

gboolean
partners_contact_delete (SteadWorkspace  *workspace,
                         gint64           id,
                         GError         **error)
{
  g_autofree char *summary = summary_for (workspace, _("Remove a contact of “%s”"), "partners_contact", id);
  Value values[] = { int_value (id, TRUE) };

  return edit (workspace, summary, "DELETE FROM partners_contact WHERE id = ?", values, 1, FALSE, error) != 0;
}

/* A site's position: the one given, else its postcode from the directory. */
static GBytes *
site_geometry (SteadWorkspace *workspace,
               const char     *postcode,
               const double   *lon_lat)
{
  g_autoptr(SteadGeometry) point = NULL;
  double lon, lat;

  if (lon_lat != NULL)
    {
      lon = lon_lat[0];
      lat = lon_lat[1];
    }
  else if (postcode == NULL || !stead_workspace_lookup_postcode (workspace, postcode, &lon, &lat))
    return NULL;
  point = stead_geometry_new_point (lon, lat);
  return stead_geometry_to_gpkg (point, 4326);
}

static gboolean
check_site (const char    *name,
            gint64         capacity,
            const double  *lon_lat,
            GError       **error)
{
  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("A site needs a name"));
      return FALSE;
    }
  if (lon_lat != NULL && (lon_lat[0] < -180 || lon_lat[0] > 180 || lon_lat[1] < -90 || lon_lat[1] > 90))
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
  g_autofree char *org = partners_get_organisation_name (workspace, organisation);
  g_autofree char *summary = NULL;
  g_autoptr(GBytes) geometry = NULL;
  Value values[8];

  if (!check_site (name, capacity, lon_lat, error))
    return 0;
  geometry = site_geometry (workspace, postcode, lon_lat);
  summary = g_strdup_printf (_("Add site “%s” of “%s”"), name, org ? org : "?");
  values[0] = int_value (organisation, TRUE);
  values[1] = text_value (name);
  values[2] = text_value (what);
  values[3] = text_value (address);
  values[4] = text_value (postcode);
  values[5] = int_value (capacity, capacity >= 0);
  values[6] = (Value) { geometry ? V_BLOB : V_NULL, NULL, 0, geometry };
  return edit (workspace, summary,
               "INSERT INTO partners_site (organisation, name, what, address, postcode, capacity, geom) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)", values, 7, TRUE, error);
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
  g_autofree char *summary = summary_for (workspace, _("Edit a site of “%s”"), "partners_site", fid);
  g_autoptr(GBytes) geometry = NULL;
  Value values[7];

  if (!check_site (name, capacity, lon_lat, error))
    return FALSE;
  geometry = site_geometry (workspace, postcode, lon_lat);
  values[0] = text_value (name);
  values[1] = text_value (what);
  values[2] = text_value (address);
  values[3] = text_value (postcode);
  values[4] = int_value (capacity, capacity >= 0);
  values[5] = (Value) { geometry ? V_BLOB : V_NULL, NULL, 0, geometry };
  values[6] = int_value (fid, TRUE);
  return edit (workspace, summary,
               "UPDATE partners_site SET name = ?, what = ?, address = ?, postcode = ?, capacity = ?, geom = ? "
               "WHERE fid = ?", values, 7, TRUE, error) != 0;
}

gboolean
partners_site_delete (SteadWorkspace  *workspace,
                      gint64           fid,
                      GError         **error)
{
  g_autofree char *summary = summary_for (workspace, _("Remove a site of “%s”"), "partners_site", fid);
  Value values[] = { int_value (fid, TRUE) };

  /* Its capabilities stay with the organisation, no longer at a place. */
  return edit (workspace, summary, "DELETE FROM partners_site WHERE fid = ?", values, 1, TRUE, error) != 0;
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
  g_autofree char *org = partners_get_organisation_name (workspace, organisation);
  g_autofree char *summary = NULL;
  g_autoptr(sqlite3_stmt) known = NULL;
  Value values[6];

  known = stead_workspace_prepare (workspace, "SELECT 1 FROM taxonomy WHERE vocabulary = 'resource-kind' AND code = ?", NULL);
  sqlite3_bind_text (known, 1, kind ? kind : "", -1, SQLITE_STATIC);
  if (kind == NULL || sqlite3_step (known) != SQLITE_ROW)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("“%s” is not a resource kind"), kind ? kind : "");
      return 0;
    }
  if (quantity < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("A quantity cannot be negative"));
      return 0;
    }
  summary = g_strdup_printf (_("Add a capability of “%s”"), org ? org : "?");
  values[0] = int_value (organisation, TRUE);
  values[1] = int_value (site, site > 0);
  values[2] = text_value (kind);
  values[3] = int_value (quantity, TRUE);
  values[4] = text_value (conditions);
  values[5] = int_value (lead_time_hours, lead_time_hours >= 0);
  return edit (workspace, summary,
               "INSERT INTO partners_capability (organisation, site, kind, quantity, conditions, lead_time_hours) "
               "VALUES (?, ?, ?, ?, ?, ?)", values, 6, TRUE, error);
}

/**
 * partners_capability_update:
 * @id: the capability
 *
 * Returns: %TRUE if saved (one undo step)
 */
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
  g_autofree char *summary = summary_for (workspace, _("Edit a capability of “%s”"), "partners_capability", id);
  g_autoptr(sqlite3_stmt) known = NULL;
  Value values[6];

  known = stead_workspace_prepare (workspace, "SELECT 1 FROM taxonomy WHERE vocabulary = 'resource-kind' AND code = ?", NULL);
  sqlite3_bind_text (known, 1, kind ? kind : "", -1, SQLITE_STATIC);
  if (kind == NULL || sqlite3_step (known) != SQLITE_ROW || quantity < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   quantity < 0 ? _("A quantity cannot be negative") : _("“%s” is not a resource kind"), kind ? kind : "");
      return FALSE;
    }
  values[0] = int_value (site, site > 0);
  values[1] = text_value (kind);
  values[2] = int_value (quantity, TRUE);
  values[3] = text_value (conditions);
  values[4] = int_value (lead_time_hours, lead_time_hours >= 0);
  values[5] = int_value (id, TRUE);
  return edit (workspace, summary,
               "UPDATE partners_capability SET site = ?, kind = ?, quantity = ?, conditions = ?, lead_time_hours = ? "
               "WHERE id = ?", values, 6, TRUE, error) != 0;
}

gboolean
partners_capability_delete (SteadWorkspace  *workspace,
                            gint64           id,
                            GError         **error)
{
  g_autofree char *summary = summary_for (workspace, _("Remove a capability of “%s”"), "partners_capability", id);
  Value values[] = { int_value (id, TRUE) };

  return edit (workspace, summary, "DELETE FROM partners_capability WHERE id = ?", values, 1, TRUE, error) != 0;
}

gboolean
partners_log_delete (SteadWorkspace  *workspace,
                     gint64           id,
                     GError         **error)
{
  g_autofree char *summary = summary_for (workspace, _("Remove a note on “%s”"), "partners_log", id);
  Value values[] = { int_value (id, TRUE) };

  return edit (workspace, summary, "DELETE FROM partners_log WHERE id = ?", values, 1, FALSE, error) != 0;
}

static gboolean
valid_date (const char *text)
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
                         const gint64    *parties,
                         guint            n_parties,
                         GError         **error)
{
  static const char * const kinds[] = { "mou", "data-sharing", "mutual-aid", "contract", "other", NULL };
  static const char * const statuses[] = { "draft", "active", "lapsed", "ended", NULL };
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *summary = NULL;
  const char *dates[] = { signed_on, review, expiry };
  const char *texts[] = { title, kind, scope, data_fields, signed_on, review, expiry, status ? status : "active", document };

  if (title == NULL || *title == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("An agreement needs a title"));
      return 0;
    }
  if (kind == NULL || !g_strv_contains (kinds, kind))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a kind of agreement: mou, data-sharing, mutual-aid, contract or other"), kind ? kind : "");
      return 0;
    }
  if (status != NULL && !g_strv_contains (statuses, status))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("“%s” is not a status"), status);
      return 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    if (!valid_date (dates[i]))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("“%s” is not a date (YYYY-MM-DD)"), dates[i]);
        return 0;
      }
  if (n_parties == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("An agreement needs at least one party"));
      return 0;
    }

  summary = g_strdup_printf (id ? _("Edit agreement “%s”") : _("Add agreement “%s”"), title);
  txn = stead_workspace_begin (workspace, PARTNERS_OWNER, summary, error);
  if (txn == NULL)
    return 0;
  stmt = stead_transaction_prepare (txn,
                                    id ? "UPDATE partners_agreement SET title = ?1, kind = ?2, scope = ?3, data_fields = ?4, "
                                         "signed = ?5, review = ?6, expiry = ?7, status = ?8, document = ?9 WHERE id = ?10"
                                       : "INSERT INTO partners_agreement (title, kind, scope, data_fields, signed, review, "
                                         "expiry, status, document) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                    error);
  if (stmt == NULL)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (texts[i] != NULL && *texts[i] != '\0')
        sqlite3_bind_text (stmt, i + 1, texts[i], -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, i + 1);
    }
  if (id)
    sqlite3_bind_int64 (stmt, 10, id);
  if (!stead_transaction_step (txn, stmt, error))
    return 0;
  if (id == 0)
    id = sqlite3_last_insert_rowid (stead_workspace_get_db (workspace));
  else if (sqlite3_changes (stead_workspace_get_db (workspace)) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The agreement no longer exists"));
      return 0;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = stead_transaction_prepare (txn, "DELETE FROM partners_agreement_party WHERE agreement = ?", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!stead_transaction_step (txn, stmt, error))
    return 0;
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = stead_transaction_prepare (txn, "INSERT OR IGNORE INTO partners_agreement_party (agreement, organisation) VALUES (?, ?)",
                                    error);
  if (stmt == NULL)
    return 0;
  for (guint i = 0; i < n_parties; i++)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, parties[i]);
      if (!stead_transaction_step (txn, stmt, error))
        return 0;
    }
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
  static const char *deletes[] = {
    "DELETE FROM partners_agreement_party WHERE agreement = ?",
    "DELETE FROM partners_agreement WHERE id = ?",
  };

  txn = stead_workspace_begin (workspace, PARTNERS_OWNER, _("Remove an agreement"), error);
  if (txn == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = stead_transaction_prepare (txn, deletes[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!stead_transaction_step (txn, stmt, error))
        return FALSE;
    }
  return stead_transaction_commit (g_steal_pointer (&txn), error);
}
