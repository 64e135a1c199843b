/* partners-oruk.c: partners as Open Referral UK (HSDS 3.0) JSON, in and out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "partners"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "partners.h"
#include "partners-exchange-private.h"

static const char *
partners_oruk_member_string (JsonObject *object,
                             const char *name)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, name)) == NULL ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
partners_oruk_dup_member (JsonObject *object,
                          const char *name)
{
  const char *value = partners_oruk_member_string (object, name);

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

static gboolean
partners_oruk_member_double (JsonObject *object,
                             const char *name,
                             double     *value)
{
  JsonNode *node;
  GType type;

  if (object == NULL || (node = json_object_get_member (object, name)) == NULL ||
      !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_DOUBLE || type == G_TYPE_INT64)
    {
      *value = json_node_get_double (node);
      return TRUE;
    }
  if (type == G_TYPE_STRING)
    return stead_parse_double (json_node_get_string (node), value);
  return FALSE;
}

static JsonArray *
partners_oruk_member_array (JsonObject *object,
                            const char *name)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, name)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

/* A member Stead has no place for goes into the notes as "name: value",
 * never silently dropped. */
static void
partners_oruk_keep_in_notes (PartnersRecord     *r,
                             const char *prefix,
                             const char *name,
                             JsonNode   *value)
{
  g_autofree char *text = NULL;

  if (JSON_NODE_HOLDS_NULL (value))
    return;
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    {
      if (*json_node_get_string (value) == '\0')
        return;
      text = g_strdup (json_node_get_string (value));
    }
  else
    text = json_to_string (value, FALSE);
  if (JSON_NODE_HOLDS_ARRAY (value) && json_array_get_length (json_node_get_array (value)) == 0)
    return;
  if (r->notes->len > 0)
    g_string_append_c (r->notes, '\n');
  g_string_append_printf (r->notes, "%s%s: %s", prefix, name, text);
}

static void
partners_oruk_read_phones (JsonArray  *phones,
                           char      **phone,
                           char      **phone_24h)
{
  for (guint i = 0; phones != NULL && i < json_array_get_length (phones); i++)
    {
      JsonObject *p = json_array_get_object_element (phones, i);
      const char *number = partners_oruk_member_string (p, "number");
      const char *description = partners_oruk_member_string (p, "description");

      if (number == NULL)
        continue;
      if (description != NULL &&
          (strstr (description, "24") != NULL || g_str_has_prefix (description, "Out of hours")))
        {
          if (*phone_24h == NULL)
            *phone_24h = g_strdup (number);
        }
      else if (*phone == NULL)
        *phone = g_strdup (number);
    }
}

static const char * const partners_oruk_known_organisation_members[] = {
  "id", "name", "description", "website", "url", "organization_identifiers", "contacts", "phones",
  "locations", "services", "x_stead", NULL
};

/* An ORUK location as a site: its first address, position and capacity. */
static PartnersSite *
partners_oruk_read_site (JsonObject *l)
{
  JsonArray *addresses = partners_oruk_member_array (l, "addresses");
  JsonObject *stead_site = NULL;
  PartnersSite *site = g_new0 (PartnersSite, 1);

  site->capacity = -1;
  site->source_id = partners_oruk_dup_member (l, "id");
  site->name = partners_oruk_dup_member (l, "name");
  site->what = partners_oruk_dup_member (l, "description");
  if (addresses != NULL && json_array_get_length (addresses) > 0)
    {
      JsonObject *a = json_array_get_object_element (addresses, 0);
      static const char * const keys[] = { "address_1", "address_2", "city", NULL };
      g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;

      for (const char * const *key = keys; *key; key++)
        if (partners_oruk_member_string (a, *key) != NULL &&
            *partners_oruk_member_string (a, *key) != '\0')
          g_strv_builder_add (parts, partners_oruk_member_string (a, *key));
      strv = g_strv_builder_end (parts);
      if (strv[0] != NULL)
        site->address = g_strjoinv (", ", strv);
      site->postcode = partners_oruk_dup_member (a, "postal_code");
    }
  site->has_position = partners_oruk_member_double (l, "latitude", &site->lat) &&
                       partners_oruk_member_double (l, "longitude", &site->lon);
  if (json_object_has_member (l, "x_stead") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (l, "x_stead")))
    stead_site = json_object_get_object_member (l, "x_stead");
  if (stead_site != NULL && json_object_has_member (stead_site, "capacity"))
    site->capacity = json_object_get_int_member (stead_site, "capacity");
  if (site->name == NULL)
    site->name = g_strdup (site->address ? site->address : _("Site"));
  return site;
}

/* An ORUK contact, with its phones. */
static PartnersContact *
partners_oruk_read_contact (JsonObject *c)
{
  PartnersContact *contact = g_new0 (PartnersContact, 1);

  contact->source_id = partners_oruk_dup_member (c, "id");
  contact->name = partners_oruk_dup_member (c, "name");
  contact->role = partners_oruk_dup_member (c, "title");
  contact->email = partners_oruk_dup_member (c, "email");
  partners_oruk_read_phones (partners_oruk_member_array (c, "phones"), &contact->phone,
                             &contact->phone_24h);
  if (contact->name == NULL)
    contact->name = g_strdup (contact->role ? contact->role : _("Contact"));
  return contact;
}

static PartnersRecord *
partners_oruk_read_organisation (JsonObject *org)
{
  g_autoptr(PartnersRecord) r = partners_record_new ();
  JsonObject *stead = NULL;
  JsonArray *array;
  GList *members;

  r->source_id = partners_oruk_dup_member (org, "id");
  r->name = partners_oruk_dup_member (org, "name");
  r->description = partners_oruk_dup_member (org, "description");
  r->website = partners_oruk_dup_member (org, "website");
  if (r->website == NULL)
    r->website = partners_oruk_dup_member (org, "url");

  if (json_object_has_member (org, "x_stead") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (org, "x_stead")))
    stead = json_object_get_object_member (org, "x_stead");
  if (stead != NULL)
    {
      r->type = partners_oruk_dup_member (stead, "type");
      r->tier = partners_oruk_dup_member (stead, "tier");
      r->areas_served = partners_oruk_dup_member (stead, "areas_served");
      if (partners_oruk_member_string (stead, "notes") != NULL)
        g_string_append (r->notes, partners_oruk_member_string (stead, "notes"));
    }

  /* Charity and company numbers: identifiers with the org-id.guide schemes. */
  array = partners_oruk_member_array (org, "organization_identifiers");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *ident = json_array_get_object_element (array, i);
      const char *scheme = partners_oruk_member_string (ident, "identifier_scheme");
      const char *value = partners_oruk_member_string (ident, "identifier");

      if (value == NULL)
        continue;
      if (g_strcmp0 (scheme, "GB-CHC") == 0 || g_strcmp0 (scheme, "GB-SC") == 0 ||
          g_strcmp0 (scheme, "GB-NIC") == 0)
        stead_set_str (&r->charity_number, value);
      else if (g_strcmp0 (scheme, "GB-COH") == 0)
        stead_set_str (&r->company_number, value);
      else
        partners_oruk_keep_in_notes (r, "", "organization_identifier",
                                     json_array_get_element (array, i));
    }

  array = partners_oruk_member_array (org, "contacts");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_ptr_array_add (r->contacts,
                     partners_oruk_read_contact (json_array_get_object_element (array, i)));

  /* Phones of the organisation itself: its switchboard. */
  {
    g_autofree char *phone = NULL;
    g_autofree char *phone_24h = NULL;

    partners_oruk_read_phones (partners_oruk_member_array (org, "phones"), &phone, &phone_24h);
    if (phone != NULL || phone_24h != NULL)
      {
        PartnersContact *contact = g_new0 (PartnersContact, 1);

        contact->name = g_strdup (_("Switchboard"));
        contact->phone = g_steal_pointer (&phone);
        contact->phone_24h = g_steal_pointer (&phone_24h);
        g_ptr_array_add (r->contacts, contact);
      }
  }

  array = partners_oruk_member_array (org, "locations");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_ptr_array_add (r->sites, partners_oruk_read_site (json_array_get_object_element (array, i)));

  /* Services: capabilities when Stead wrote them, notes otherwise. */
  array = partners_oruk_member_array (org, "services");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *s = json_array_get_object_element (array, i);
      JsonObject *cap = NULL;

      if (s != NULL && json_object_has_member (s, "x_stead") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (s, "x_stead")))
        cap = json_object_get_object_member (s, "x_stead");
      if (cap != NULL && partners_oruk_member_string (cap, "kind") != NULL)
        {
          PartnersCapability *c = g_new0 (PartnersCapability, 1);

          c->kind = partners_oruk_dup_member (cap, "kind");
          c->quantity = json_object_get_int_member_with_default (cap, "quantity", 1);
          c->lead_time_hours = json_object_has_member (cap, "lead_time_hours")
                               ? json_object_get_int_member (cap, "lead_time_hours") : -1;
          c->conditions = partners_oruk_dup_member (s, "description");
          c->site_source_id = partners_oruk_dup_member (cap, "location_id");
          g_ptr_array_add (r->capabilities, c);
        }
      else
        partners_oruk_keep_in_notes (r, "", "service", json_array_get_element (array, i));
    }

  members = json_object_get_members (org);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (partners_oruk_known_organisation_members, l->data))
      partners_oruk_keep_in_notes (r, "", l->data, json_object_get_member (org, l->data));
  g_list_free (members);

  return g_steal_pointer (&r);
}

static gboolean
partners_oruk_holds_services (JsonArray *array)
{
  JsonNode *first = json_array_get_length (array) > 0 ? json_array_get_element (array, 0) : NULL;

  return first != NULL && JSON_NODE_HOLDS_OBJECT (first) &&
         json_object_has_member (json_node_get_object (first), "organization");
}

/* What ORUK and HSDS publishers serve: an array of organizations,
 * {"organizations": […]}, an API page of organizations or of services
 * with their organization ({"contents": […]} in HSDS 3.0, {"content": […]}
 * in the ORUK v1 API), a bare array of services, or one service. */
static JsonArray *
partners_oruk_organisations_of (JsonNode  *root,
                                gboolean  *services,
                                GError   **error)
{
  JsonObject *object;
  JsonArray *array;

  *services = FALSE;
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      array = json_node_get_array (root);
      *services = partners_oruk_holds_services (array);
      return json_array_ref (array);
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    goto bad;
  object = json_node_get_object (root);
  if ((array = partners_oruk_member_array (object, "organizations")) != NULL)
    return json_array_ref (array);
  if ((array = partners_oruk_member_array (object, "contents")) != NULL ||
      (array = partners_oruk_member_array (object, "content")) != NULL)
    {
      *services = partners_oruk_holds_services (array);
      return json_array_ref (array);
    }
  if (json_object_has_member (object, "organization") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "organization")))
    {
      array = json_array_new ();
      json_array_add_element (array, json_node_copy (root));
      *services = TRUE;
      return array;
    }
bad:
  g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
               _("This is not Open Referral UK data: expected organizations (an array, "
                  "“organizations” or “contents”) or services with their organization"));
  return NULL;
}

static gboolean
partners_oruk_run (SteadImportContext  *context,
                   GError             **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonArray) orgs = NULL;
  gboolean services;

  stream = stead_import_context_open (context, error);
  if (stream == NULL)
    return FALSE;
  if (!json_parser_load_from_stream (parser, stream, stead_import_context_get_cancellable (context),
                                     error))
    {
      g_prefix_error (error, _("This is not valid JSON: "));
      return FALSE;
    }

  {
    JsonNode *root = json_parser_get_root (parser);
    JsonObject *object =
      root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;

    if (object != NULL && json_object_has_member (object, "name") &&
        !json_object_has_member (object, "organization") &&
        partners_oruk_member_array (object, "organizations") == NULL &&
        partners_oruk_member_array (object, "contents") == NULL &&
        partners_oruk_member_array (object, "content") == NULL)
      {
        g_autoptr(PartnersRecord) r = partners_oruk_read_organisation (object);
        g_autofree char *problem = partners_record_check (context, r);

        if (problem != NULL)
          {
            stead_import_context_reject (context, 0, 1, NULL, 0, _("organization 1 (%s): %s"),
                                         r->name ? r->name : _("no name"), problem);
            return TRUE;
          }
        return partners_record_write (context, r, error);
      }
    if (root == NULL || !(orgs = partners_oruk_organisations_of (root, &services, error)))
      {
        if (error != NULL && *error == NULL)
          g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                       _("This is not Open Referral UK data"));
        return FALSE;
      }
  }

  for (guint i = 0; i < json_array_get_length (orgs); i++)
    {
      JsonNode *node = json_array_get_element (orgs, i);
      g_autoptr(PartnersRecord) r = NULL;
      g_autofree char *problem = NULL;
      JsonObject *org;

      if (!stead_import_context_check_cancelled (context, error))
        return FALSE;
      stead_import_context_progress (context, i, json_array_get_length (orgs));

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          stead_import_context_reject (context, 0, i + 1, NULL, 0,
                                       _("organization %u is not a JSON object"), i + 1);
          continue;
        }
      org = json_node_get_object (node);
      if (services)
        {
          if (!json_object_has_member (org, "organization") ||
              !JSON_NODE_HOLDS_OBJECT (json_object_get_member (org, "organization")))
            {
              stead_import_context_reject (context, 0, i + 1, NULL, 0,
                                           _("service %u has no organization"), i + 1);
              continue;
            }
          org = json_object_get_object_member (org, "organization");
        }

      r = partners_oruk_read_organisation (org);
      problem = partners_record_check (context, r);
      if (problem != NULL)
        {
          g_autofree char *id =
            r->source_id ? g_strdup_printf (", id %s", r->source_id) : g_strdup ("");

          stead_import_context_reject (context, 0, i + 1, NULL, 0, _("organization %u (%s%s): %s"),
                                       i + 1, r->name ? r->name : _("no name"), id, problem);
          continue;
        }
      if (!partners_record_write (context, r, error))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Export                                                                    */

static void
partners_oruk_add_string (JsonBuilder *b,
                          const char  *name,
                          const char  *value)
{
  if (value == NULL || *value == '\0')
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
partners_oruk_add_phone (JsonBuilder *b,
                         const char  *number,
                         const char  *description)
{
  if (number == NULL)
    return;
  json_builder_begin_object (b);
  partners_oruk_add_string (b, "number", number);
  partners_oruk_add_string (b, "type", "voice");
  partners_oruk_add_string (b, "description", description);
  json_builder_end_object (b);
}

#define COL(stmt, i) ((const char *) sqlite3_column_text (stmt, i))

/* The organisation's contacts (personal data: only when asked for). */
static gboolean
partners_oruk_export_contacts (JsonBuilder   *b,
                               sqlite3_stmt  *contacts,
                               gint64         id,
                               gboolean       include_personal,
                               GError       **error)
{
  SteadRows rows = STEAD_ROWS_INIT (contacts, "partners_contact");
  gboolean ok;

  json_builder_set_member_name (b, "contacts");
  json_builder_begin_array (b);
  if (!include_personal)
    {
      json_builder_end_array (b);
      return TRUE;
    }
  sqlite3_bind_int64 (contacts, 1, id);
  while (stead_rows_next (&rows))
    {
      json_builder_begin_object (b);
      partners_oruk_add_string (b, "id", COL (contacts, 0));
      partners_oruk_add_string (b, "name", COL (contacts, 1));
      partners_oruk_add_string (b, "title", COL (contacts, 2));
      partners_oruk_add_string (b, "email", COL (contacts, 5));
      json_builder_set_member_name (b, "phones");
      json_builder_begin_array (b);
      partners_oruk_add_phone (b, COL (contacts, 3), NULL);
      partners_oruk_add_phone (b, COL (contacts, 4), "24/7");
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  ok = stead_rows_end (&rows, error);
  sqlite3_reset (contacts);
  json_builder_end_array (b);
  return ok;
}

static void
partners_oruk_export_site (JsonBuilder  *b,
                           sqlite3_stmt *sites)
{
  double x, y;

  json_builder_begin_object (b);
  partners_oruk_add_string (b, "id", COL (sites, 0));
  partners_oruk_add_string (b, "location_type", "physical");
  partners_oruk_add_string (b, "name", COL (sites, 1));
  partners_oruk_add_string (b, "description", COL (sites, 4));
  if (stead_gpkg_blob_get_point (sqlite3_column_blob (sites, 6), sqlite3_column_bytes (sites, 6),
                                 &x, &y))
    {
      json_builder_set_member_name (b, "latitude");
      json_builder_add_double_value (b, y);
      json_builder_set_member_name (b, "longitude");
      json_builder_add_double_value (b, x);
    }
  json_builder_set_member_name (b, "addresses");
  json_builder_begin_array (b);
  if (COL (sites, 2) != NULL || COL (sites, 3) != NULL)
    {
      json_builder_begin_object (b);
      partners_oruk_add_string (b, "address_1", COL (sites, 2));
      partners_oruk_add_string (b, "postal_code", COL (sites, 3));
      partners_oruk_add_string (b, "country", "GB");
      partners_oruk_add_string (b, "address_type", "physical");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (sqlite3_column_type (sites, 5) != SQLITE_NULL)
    {
      json_builder_set_member_name (b, "x_stead");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "capacity");
      json_builder_add_int_value (b, sqlite3_column_int64 (sites, 5));
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

/* A capability as a service; its id is stable across export and
 * re-import: the organisation's id and the capability's place in it. */
static void
partners_oruk_export_service (JsonBuilder  *b,
                              sqlite3_stmt *caps,
                              const char   *organisation,
                              guint         n)
{
  g_autofree char *service_id = g_strdup_printf ("%s-service-%u", organisation, n);

  json_builder_begin_object (b);
  partners_oruk_add_string (b, "id", service_id);
  partners_oruk_add_string (b, "name", COL (caps, 6) ? COL (caps, 6) : COL (caps, 1));
  partners_oruk_add_string (b, "description", COL (caps, 3));
  partners_oruk_add_string (b, "status", "active");
  json_builder_set_member_name (b, "x_stead");
  json_builder_begin_object (b);
  partners_oruk_add_string (b, "kind", COL (caps, 1));
  json_builder_set_member_name (b, "quantity");
  json_builder_add_int_value (b, sqlite3_column_int64 (caps, 2));
  if (sqlite3_column_type (caps, 4) != SQLITE_NULL)
    {
      json_builder_set_member_name (b, "lead_time_hours");
      json_builder_add_int_value (b, sqlite3_column_int64 (caps, 4));
    }
  if (sqlite3_column_type (caps, 5) != SQLITE_NULL)
    partners_oruk_add_string (b, "location_id", COL (caps, 5));
  json_builder_end_object (b);
  json_builder_end_object (b);
}

/* The organisation's own members, and those ORUK has none for. */
static void
partners_oruk_export_organisation (JsonBuilder  *b,
                                   sqlite3_stmt *orgs)
{
  partners_oruk_add_string (b, "id", COL (orgs, 1));
  partners_oruk_add_string (b, "name", COL (orgs, 2));
  partners_oruk_add_string (b, "description", COL (orgs, 3));
  partners_oruk_add_string (b, "website", COL (orgs, 4));

  json_builder_set_member_name (b, "organization_identifiers");
  json_builder_begin_array (b);
  for (int i = 5; i <= 6; i++)
    if (COL (orgs, i) != NULL)
      {
        json_builder_begin_object (b);
        partners_oruk_add_string (b, "identifier_scheme", i == 5 ? "GB-CHC" : "GB-COH");
        partners_oruk_add_string (b, "identifier_type",
                                  i == 5 ? "Registered charity number" : "Company number");
        partners_oruk_add_string (b, "identifier", COL (orgs, i));
        json_builder_end_object (b);
      }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "x_stead");
  json_builder_begin_object (b);
  partners_oruk_add_string (b, "type", COL (orgs, 7));
  partners_oruk_add_string (b, "tier", COL (orgs, 8));
  partners_oruk_add_string (b, "areas_served", COL (orgs, 9));
  partners_oruk_add_string (b, "notes", COL (orgs, 10));
  json_builder_end_object (b);
}

static gboolean
partners_oruk_export_run (SteadWorkspace           *workspace,
                          GOutputStream            *stream,
                          const SteadExportOptions *options,
                          GCancellable             *cancellable,
                          GError                  **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(sqlite3_stmt) orgs = NULL;
  g_autoptr(sqlite3_stmt) contacts = NULL;
  g_autoptr(sqlite3_stmt) sites = NULL;
  g_autoptr(sqlite3_stmt) caps = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  SteadRows org_rows;

  orgs = stead_workspace_prepare (
    workspace,
    "SELECT id, coalesce (source_id, 'stead-org-' || id), name, description, "
    "website, charity_number, company_number, type, tier, areas_served, notes "
    "FROM partners_organisation ORDER BY id",
    error);
  contacts = stead_workspace_prepare (
    workspace,
    "SELECT coalesce (source_id, 'stead-contact-' || id), name, role, phone, "
    "phone_24h, email FROM partners_contact WHERE organisation = ? ORDER BY id",
    error);
  sites = stead_workspace_prepare (
    workspace,
    "SELECT coalesce (source_id, 'stead-site-' || fid), name, address, postcode, "
    "what, capacity, geom FROM partners_site WHERE organisation = ? ORDER BY fid",
    error);
  caps = stead_workspace_prepare (
    workspace,
    "SELECT c.id, c.kind, c.quantity, c.conditions, c.lead_time_hours, "
    "coalesce (s.source_id, 'stead-site-' || s.fid), t.label "
    "FROM partners_capability c LEFT JOIN partners_site s ON s.fid = c.site "
    "LEFT JOIN taxonomy t ON t.vocabulary = 'resource-kind' AND t.code = c.kind "
    "WHERE c.organisation = ? ORDER BY c.id",
    error);
  if (orgs == NULL || contacts == NULL || sites == NULL || caps == NULL)
    return FALSE;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "organizations");
  json_builder_begin_array (b);
  org_rows = (SteadRows) STEAD_ROWS_INIT (orgs, "partners_organisation");
  while (stead_rows_next (&org_rows))
    {
      gint64 id = sqlite3_column_int64 (orgs, 0);
      SteadRows site_rows = STEAD_ROWS_INIT (sites, "partners_site");
      SteadRows cap_rows = STEAD_ROWS_INIT (caps, "partners_capability");

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      json_builder_begin_object (b);
      partners_oruk_export_organisation (b, orgs);
      if (!partners_oruk_export_contacts (b, contacts, id, options->include_personal, error))
        return FALSE;

      json_builder_set_member_name (b, "locations");
      json_builder_begin_array (b);
      sqlite3_bind_int64 (sites, 1, id);
      while (stead_rows_next (&site_rows))
        partners_oruk_export_site (b, sites);
      if (!stead_rows_end (&site_rows, error))
        return FALSE;
      sqlite3_reset (sites);
      json_builder_end_array (b);

      json_builder_set_member_name (b, "services");
      json_builder_begin_array (b);
      sqlite3_bind_int64 (caps, 1, id);
      while (stead_rows_next (&cap_rows))
        partners_oruk_export_service (b, caps, COL (orgs, 1), (guint) cap_rows.n_rows + 1);
      if (!stead_rows_end (&cap_rows, error))
        return FALSE;
      sqlite3_reset (caps);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  if (!stead_rows_end (&org_rows, error))
    return FALSE;
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_stream (generator, stream, cancellable, error);
}

#undef COL

/* JSON files are read as organisations whatever the fields: no column map. */
const SteadImportFormat partners_oruk_import = {
  .id = "partners-oruk",
  .title = N_("Partners (Open Referral UK JSON)"),
  .extensions = STEAD_EXTENSIONS ("json"),
  .run = partners_oruk_run,
  .domain = GETTEXT_PACKAGE,
};

const SteadExportFormat partners_oruk_export = {
  .id = "partners-oruk",
  .title = N_("Partners (Open Referral UK JSON)"),
  .extensions = STEAD_EXTENSIONS ("json"),
  .run = partners_oruk_export_run,
  .domain = GETTEXT_PACKAGE,
};
