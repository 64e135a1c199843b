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
#include "stead-json-private.h"

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

/* The member's text, or @fallback if it has none. */
static const char *
partners_oruk_string_or (JsonObject *object,
                         const char *name,
                         const char *fallback)
{
  const char *value = partners_oruk_member_string (object, name);

  return value != NULL ? value : fallback;
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

/* ------------------------------------------------------------------------ */
/* What has no column: kept as JSON, written back by the export              */

static gboolean
partners_oruk_is_empty (JsonNode *value)
{
  return JSON_NODE_HOLDS_NULL (value) ||
         (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING &&
          *json_node_get_string (value) == '\0') ||
         (JSON_NODE_HOLDS_ARRAY (value) &&
          json_array_get_length (json_node_get_array (value)) == 0);
}

/* The members of @object not in @consumed, plus @more (taken), as JSON
 * text; NULL if there are none. */
static char *
partners_oruk_extra (JsonObject         *object,
                     const char * const *consumed,
                     JsonObject         *more)
{
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  GList *members = object != NULL ? json_object_get_members (object) : NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);

      if (!g_strv_contains (consumed, l->data) && !partners_oruk_is_empty (value))
        json_object_set_member (extra, l->data, json_node_copy (value));
    }
  g_list_free (members);
  members = more != NULL ? json_object_get_members (more) : NULL;
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (extra, l->data,
                            json_node_copy (json_object_get_member (more, l->data)));
  g_list_free (members);
  if (json_object_get_size (extra) == 0)
    return NULL;
  node = json_node_init_object (json_node_alloc (), extra);
  return json_to_string (node, FALSE);
}

/* Phones as Stead writes them (a number, voice, a description) need no
 * extra; any other member, or a phone that has no column, keeps them all. */
static gboolean
partners_oruk_phones_plain (JsonArray *phones,
                            guint      n_mapped)
{
  static const char * const plain[] = { "number", "type", "description", NULL };

  if (phones == NULL)
    return TRUE;
  if (json_array_get_length (phones) > n_mapped)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (phones); i++)
    {
      JsonNode *node = json_array_get_element (phones, i);
      GList *members;
      gboolean ok = TRUE;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return FALSE;
      members = json_object_get_members (json_node_get_object (node));
      for (GList *l = members; l != NULL && ok; l = l->next)
        ok = g_strv_contains (plain, l->data);
      g_list_free (members);
      if (!ok || g_strcmp0 (partners_oruk_member_string (json_node_get_object (node), "type"),
                            "text") == 0)
        return FALSE;
    }
  return TRUE;
}

/* The first voice number and the first 24-hour one; says how many it took. */
static guint
partners_oruk_read_phones (JsonArray  *phones,
                           char      **phone,
                           char      **phone_24h)
{
  guint n = 0;

  for (guint i = 0; phones != NULL && i < json_array_get_length (phones); i++)
    {
      JsonObject *p = JSON_NODE_HOLDS_OBJECT (json_array_get_element (phones, i))
                        ? json_array_get_object_element (phones, i) : NULL;
      const char *number = partners_oruk_member_string (p, "number");
      const char *description = partners_oruk_member_string (p, "description");

      if (number == NULL)
        continue;
      if (description != NULL &&
          (strstr (description, "24") != NULL || g_str_has_prefix (description, "Out of hours")))
        {
          if (*phone_24h == NULL && ++n)
            *phone_24h = g_strdup (number);
        }
      else if (*phone == NULL && ++n)
        *phone = g_strdup (number);
    }
  return n;
}

static JsonObject *
partners_oruk_member_object (JsonObject *object,
                             const char *name)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, name)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

/* "1 Quay St, Tewkesbury": the site's one address line. */
static char *
partners_oruk_address_text (JsonObject *a)
{
  static const char * const keys[] = { "address_1", "address_2", "city", NULL };
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (const char * const *key = keys; *key; key++)
    if (partners_oruk_member_string (a, *key) != NULL &&
        *partners_oruk_member_string (a, *key) != '\0')
      g_strv_builder_add (parts, partners_oruk_member_string (a, *key));
  strv = g_strv_builder_end (parts);
  return strv[0] != NULL ? g_strjoinv (", ", strv) : NULL;
}

/* An address as Stead writes it: the line, the postcode, GB, physical. */
static gboolean
partners_oruk_addresses_plain (JsonArray *addresses)
{
  static const char * const plain[] = { "address_1", "postal_code", "country", "address_type",
                                        NULL };
  JsonObject *a;
  GList *members;
  gboolean ok = TRUE;

  if (addresses == NULL || json_array_get_length (addresses) == 0)
    return TRUE;
  if (json_array_get_length (addresses) > 1 ||
      !JSON_NODE_HOLDS_OBJECT (json_array_get_element (addresses, 0)))
    return FALSE;
  a = json_array_get_object_element (addresses, 0);
  members = json_object_get_members (a);
  for (GList *l = members; l != NULL && ok; l = l->next)
    ok = g_strv_contains (plain, l->data);
  g_list_free (members);
  return ok && g_strcmp0 (partners_oruk_member_string (a, "country"), "GB") == 0 &&
         g_strcmp0 (partners_oruk_member_string (a, "address_type"), "physical") == 0;
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                   */

/* The contacts of a record, by identifier: the same person appears at
 * the organisation, its locations and its services. */
static void
partners_oruk_add_contact (PartnersRecord  *r,
                           PartnersContact *contact)
{
  for (guint i = 0; contact->source_id != NULL && i < r->contacts->len; i++)
    if (g_strcmp0 (((PartnersContact *) g_ptr_array_index (r->contacts, i))->source_id,
                   contact->source_id) == 0)
      {
        partners_contact_free (contact);
        return;
      }
  g_ptr_array_add (r->contacts, contact);
}

/* An ORUK contact, with its phones. */
static PartnersContact *
partners_oruk_read_contact (JsonObject *c)
{
  static const char * const consumed[] = { "id", "name", "title", "email", "phones", NULL };
  PartnersContact *contact = g_new0 (PartnersContact, 1);
  JsonArray *phones = partners_oruk_member_array (c, "phones");
  g_autoptr(JsonObject) more = json_object_new ();
  guint mapped;

  contact->source_id = partners_oruk_dup_member (c, "id");
  contact->name = partners_oruk_dup_member (c, "name");
  contact->role = partners_oruk_dup_member (c, "title");
  contact->email = partners_oruk_dup_member (c, "email");
  mapped = partners_oruk_read_phones (phones, &contact->phone, &contact->phone_24h);
  if (!partners_oruk_phones_plain (phones, mapped))
    json_object_set_array_member (more, "phones", json_array_ref (phones));
  contact->extra = partners_oruk_extra (c, consumed, more);
  if (contact->name == NULL)
    contact->name = g_strdup (contact->role ? contact->role : _("Contact"));
  return contact;
}

static void
partners_oruk_read_contacts (PartnersRecord *r,
                             JsonArray      *array)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
      partners_oruk_add_contact (r, partners_oruk_read_contact (
                                      json_array_get_object_element (array, i)));
}

/* An ORUK location as a site of @r: its first address, position and
 * capacity; its contacts become the organisation's. Once per identifier. */
static PartnersSite *
partners_oruk_read_site (PartnersRecord *r,
                         JsonObject     *l)
{
  static const char * const consumed[] = { "id",        "name",     "description", "latitude",
                                           "longitude", "addresses", "x_stead",    "contacts",
                                           NULL };
  static const char * const physical[] = { "id",       "name",      "description", "latitude",
                                           "longitude", "addresses", "x_stead",    "contacts",
                                           "location_type", NULL };
  JsonArray *addresses = partners_oruk_member_array (l, "addresses");
  JsonObject *stead_site = partners_oruk_member_object (l, "x_stead");
  g_autoptr(JsonObject) more = json_object_new ();
  PartnersSite *site = g_new0 (PartnersSite, 1);

  site->capacity = -1;
  site->source_id = partners_oruk_dup_member (l, "id");
  for (guint i = 0; site->source_id != NULL && i < r->sites->len; i++)
    if (g_strcmp0 (((PartnersSite *) g_ptr_array_index (r->sites, i))->source_id,
                   site->source_id) == 0)
      {
        partners_site_free (site);
        return g_ptr_array_index (r->sites, i);
      }
  site->name = partners_oruk_dup_member (l, "name");
  site->what = partners_oruk_dup_member (l, "description");
  if (addresses != NULL && json_array_get_length (addresses) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (addresses, 0)))
    {
      JsonObject *a = json_array_get_object_element (addresses, 0);

      site->address = partners_oruk_address_text (a);
      site->postcode = partners_oruk_dup_member (a, "postal_code");
    }
  if (!partners_oruk_addresses_plain (addresses))
    json_object_set_array_member (more, "addresses", json_array_ref (addresses));
  site->has_position = partners_oruk_member_double (l, "latitude", &site->lat) &&
                       partners_oruk_member_double (l, "longitude", &site->lon);
  if (stead_site != NULL && json_object_has_member (stead_site, "capacity"))
    site->capacity = json_object_get_int_member (stead_site, "capacity");
  /* Stead writes "physical" itself: only another type needs keeping. */
  site->extra = partners_oruk_extra (
    l,
    g_strcmp0 (partners_oruk_member_string (l, "location_type"), "physical") == 0 ? physical
                                                                                   : consumed,
    more);
  partners_oruk_read_contacts (r, partners_oruk_member_array (l, "contacts"));
  if (site->name == NULL)
    site->name = g_strdup (site->address ? site->address : _("Site"));
  g_ptr_array_add (r->sites, site);
  return site;
}

/* One service: a capability when Stead wrote it, else a service kept with
 * all it says. @at (nullable) is the service_at_location it came in. */
static void
partners_oruk_read_service (PartnersRecord *r,
                            JsonObject     *s,
                            JsonObject     *at)
{
  static const char * const consumed[] = { "id",           "name",     "description",
                                           "status",       "url",      "email",
                                           "organization", "contacts", NULL };
  JsonObject *cap = partners_oruk_member_object (s, "x_stead");
  g_autoptr(JsonObject) more = json_object_new ();
  PartnersService *service;

  if (cap != NULL && partners_oruk_member_string (cap, "kind") != NULL && at == NULL)
    {
      PartnersCapability *c = g_new0 (PartnersCapability, 1);

      c->kind = partners_oruk_dup_member (cap, "kind");
      c->quantity = json_object_get_int_member_with_default (cap, "quantity", 1);
      c->lead_time_hours = json_object_has_member (cap, "lead_time_hours")
                             ? json_object_get_int_member (cap, "lead_time_hours")
                             : -1;
      c->conditions = partners_oruk_dup_member (s, "description");
      c->site_source_id = partners_oruk_dup_member (cap, "location_id");
      g_ptr_array_add (r->capabilities, c);
      return;
    }

  service = g_new0 (PartnersService, 1);
  service->source_id = partners_oruk_dup_member (s, "id");
  service->name = partners_oruk_dup_member (s, "name");
  service->description = partners_oruk_dup_member (s, "description");
  service->status = partners_oruk_dup_member (s, "status");
  service->url = partners_oruk_dup_member (s, "url");
  service->email = partners_oruk_dup_member (s, "email");
  partners_oruk_read_contacts (r, partners_oruk_member_array (s, "contacts"));
  if (at != NULL)
    {
      static const char * const at_consumed[] = { "service", "location", "contacts", NULL };
      JsonObject *location = partners_oruk_member_object (at, "location");
      g_autofree char *rest = NULL;
      g_autoptr(JsonNode) rest_node = NULL;
      JsonObject *kept;
      JsonArray *ats = json_array_new ();

      if (location != NULL)
        {
          PartnersSite *site = partners_oruk_read_site (r, location);

          service->site_source_id = g_strdup (site->source_id);
        }
      else
        service->site_source_id = partners_oruk_dup_member (at, "location_id");
      partners_oruk_read_contacts (r, partners_oruk_member_array (at, "contacts"));
      /* What the service at location says of itself, and where it is. */
      rest = partners_oruk_extra (at, at_consumed, NULL);
      rest_node = rest != NULL ? json_from_string (rest, NULL) : NULL;
      kept = rest_node != NULL ? json_object_ref (json_node_get_object (rest_node))
                               : json_object_new ();
      if (service->site_source_id != NULL)
        json_object_set_string_member (kept, "location_id", service->site_source_id);
      json_array_add_object_element (ats, kept);
      json_object_set_array_member (more, "service_at_locations", ats);
    }
  service->extra = partners_oruk_extra (s, consumed, more);
  g_ptr_array_add (r->services, service);
}

static const char * const partners_oruk_organisation_consumed[] = {
  "id",       "name",   "description", "website",  "organization_identifiers",
  "contacts", "phones", "locations",   "services", "x_stead",
  NULL
};

static PartnersRecord *
partners_oruk_read_organisation (JsonObject *org)
{
  g_autoptr(PartnersRecord) r = partners_record_new ();
  g_autoptr(JsonObject) more = json_object_new ();
  JsonObject *stead = partners_oruk_member_object (org, "x_stead");
  JsonArray *others = json_array_new ();
  JsonArray *array;

  r->source_id = partners_oruk_dup_member (org, "id");
  r->name = partners_oruk_dup_member (org, "name");
  r->description = partners_oruk_dup_member (org, "description");
  r->website = partners_oruk_dup_member (org, "website");
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
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *ident = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *scheme = partners_oruk_member_string (ident, "identifier_scheme");
      const char *value = partners_oruk_member_string (ident, "identifier");
      gboolean charity = g_strcmp0 (scheme, "GB-CHC") == 0 || g_strcmp0 (scheme, "GB-SC") == 0 ||
                         g_strcmp0 (scheme, "GB-NIC") == 0;

      static const char * const plain[] = { "identifier_scheme", "identifier_type",
                                            "identifier", NULL };
      g_autofree char *more_than_plain = NULL;
      gboolean mapped = FALSE;

      if (value != NULL && charity && r->charity_number == NULL)
        mapped = (r->charity_number = g_strdup (value)) != NULL;
      else if (value != NULL && g_strcmp0 (scheme, "GB-COH") == 0 && r->company_number == NULL)
        mapped = (r->company_number = g_strdup (value)) != NULL;
      /* One with more than Stead writes (its own id) is kept as it is. */
      more_than_plain = partners_oruk_extra (ident, plain, NULL);
      if (!mapped || more_than_plain != NULL)
        json_array_add_element (others, json_node_copy (node));
    }
  if (json_array_get_length (others) > 0)
    json_object_set_array_member (more, "organization_identifiers", others);
  else
    json_array_unref (others);

  partners_oruk_read_contacts (r, partners_oruk_member_array (org, "contacts"));

  /* Phones of the organisation itself: its switchboard. */
  {
    g_autofree char *phone = NULL;
    g_autofree char *phone_24h = NULL;
    JsonArray *phones = partners_oruk_member_array (org, "phones");
    guint mapped = partners_oruk_read_phones (phones, &phone, &phone_24h);

    if (phone != NULL || phone_24h != NULL || !partners_oruk_phones_plain (phones, mapped))
      {
        PartnersContact *contact = g_new0 (PartnersContact, 1);

        contact->name = g_strdup (_("Switchboard"));
        contact->phone = g_steal_pointer (&phone);
        contact->phone_24h = g_steal_pointer (&phone_24h);
        if (!partners_oruk_phones_plain (phones, mapped))
          {
            g_autoptr(JsonObject) kept = json_object_new ();

            json_object_set_array_member (kept, "phones", json_array_ref (phones));
            contact->extra = partners_oruk_extra (NULL, NULL, kept);
          }
        g_ptr_array_add (r->contacts, contact);
      }
  }

  array = partners_oruk_member_array (org, "locations");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
      partners_oruk_read_site (r, json_array_get_object_element (array, i));

  array = partners_oruk_member_array (org, "services");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
      partners_oruk_read_service (r, json_array_get_object_element (array, i), NULL);

  r->extra = partners_oruk_extra (org, partners_oruk_organisation_consumed, more);
  return g_steal_pointer (&r);
}

/* ------------------------------------------------------------------------ */
/* What each item of the file is                                             */

typedef enum
{
  PARTNERS_ORUK_UNKNOWN,
  PARTNERS_ORUK_ORGANIZATION,
  PARTNERS_ORUK_SERVICE,
  PARTNERS_ORUK_SERVICE_AT_LOCATION,
  PARTNERS_ORUK_LOCATION,
  PARTNERS_ORUK_TAXONOMY_TERM,
  PARTNERS_ORUK_TAXONOMY,
  PARTNERS_ORUK_GEOJSON,
} PartnersOrukShape;

static gboolean
partners_oruk_has_any (JsonObject         *o,
                       const char * const *names)
{
  for (const char * const *n = names; *n != NULL; n++)
    if (json_object_has_member (o, *n))
      return TRUE;
  return FALSE;
}

/* By the members HSDS 3.0 gives each object, never by "name" alone. */
static PartnersOrukShape
partners_oruk_shape (JsonObject *o)
{
  static const char * const geojson_types[] = { "Feature", "FeatureCollection", "Point",
                                                "Polygon", "MultiPolygon", NULL };
  static const char * const service_only[] = {
    "organization",     "organization_id",     "status",        "service_at_locations",
    "eligibility_description", "fees", "fees_description", "application_process",
    "service_areas",    "program",             NULL
  };
  static const char * const location_only[] = { "location_type", "latitude", "longitude",
                                                "addresses",     "transportation",
                                                "external_identifier", NULL };
  static const char * const organisation_only[] = {
    "description", "website", "email", "organization_identifiers", "contacts", "phones",
    "locations", "services", "programs", "funding", "tax_status", "year_incorporated",
    "legal_status", "logo", "uri", "parent_organization_id", "alternate_name",
    "additional_websites", "x_stead", NULL
  };
  const char *type = partners_oruk_member_string (o, "type");

  if ((type != NULL && g_strv_contains (geojson_types, type)) ||
      json_object_has_member (o, "features") || json_object_has_member (o, "geometry"))
    return PARTNERS_ORUK_GEOJSON;
  if ((partners_oruk_member_object (o, "service") != NULL ||
       partners_oruk_member_string (o, "service_id") != NULL) &&
      (partners_oruk_member_object (o, "location") != NULL ||
       partners_oruk_member_string (o, "location_id") != NULL))
    return PARTNERS_ORUK_SERVICE_AT_LOCATION;
  if (json_object_has_member (o, "code") &&
      partners_oruk_has_any (o, (const char * const[]) { "taxonomy", "taxonomy_detail",
                                                         "taxonomy_id", "term_uri", "parent_id",
                                                         NULL }))
    return PARTNERS_ORUK_TAXONOMY_TERM;
  if (json_object_has_member (o, "version") && json_object_has_member (o, "name") &&
      !json_object_has_member (o, "services") && !json_object_has_member (o, "locations"))
    return PARTNERS_ORUK_TAXONOMY;
  if (partners_oruk_member_string (o, "name") == NULL && !json_object_has_member (o, "id"))
    return PARTNERS_ORUK_UNKNOWN;
  /* Before services: a location may name its organization_id too. */
  if (partners_oruk_has_any (o, location_only))
    return PARTNERS_ORUK_LOCATION;
  if (partners_oruk_has_any (o, service_only))
    return PARTNERS_ORUK_SERVICE;
  if (json_object_has_member (o, "id") || partners_oruk_has_any (o, organisation_only))
    return PARTNERS_ORUK_ORGANIZATION;
  return PARTNERS_ORUK_UNKNOWN;
}

static const char *
partners_oruk_shape_name (PartnersOrukShape shape)
{
  switch (shape)
    {
    case PARTNERS_ORUK_TAXONOMY_TERM:
      return _("a taxonomy term");
    case PARTNERS_ORUK_TAXONOMY:
      return _("a taxonomy");
    case PARTNERS_ORUK_GEOJSON:
      return _("GeoJSON");
    case PARTNERS_ORUK_LOCATION:
      return _("a location");
    default:
      return _("of no Open Referral kind Stead knows");
    }
}

/* What ORUK and HSDS publishers serve: an array of items, {"organizations":
 * […]}, an API page ({"contents": […]} in HSDS 3.0, {"content": […]} in
 * the ORUK v1 API), or one item. */
static JsonArray *
partners_oruk_items_of (JsonNode  *root,
                        GError   **error)
{
  JsonObject *object;
  JsonArray *array;

  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    return json_array_ref (json_node_get_array (root));
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    goto bad;
  object = json_node_get_object (root);
  if ((array = partners_oruk_member_array (object, "organizations")) != NULL ||
      (array = partners_oruk_member_array (object, "contents")) != NULL ||
      (array = partners_oruk_member_array (object, "content")) != NULL)
    return json_array_ref (array);
  switch (partners_oruk_shape (object))
    {
    case PARTNERS_ORUK_ORGANIZATION:
    case PARTNERS_ORUK_SERVICE:
    case PARTNERS_ORUK_SERVICE_AT_LOCATION:
    case PARTNERS_ORUK_LOCATION:
      array = json_array_new ();
      json_array_add_element (array, json_node_copy (root));
      return array;
    case PARTNERS_ORUK_UNKNOWN:
      break;
    default:
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   _("This is not Open Referral UK data: the file is %s, not organizations, "
                     "services or locations"),
                   partners_oruk_shape_name (partners_oruk_shape (object)));
      return NULL;
    }
bad:
  g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
               _("This is not Open Referral UK data: expected organizations, services, "
                 "services at locations or locations (an array, “organizations” or "
                 "“contents”)"));
  return NULL;
}

/* The file's organisations, each read once however many services name it. */
typedef struct
{
  GPtrArray  *records;   /* PartnersRecord */
  GArray     *first;     /* guint: the item each record came from first */
  GHashTable *by_id;     /* source id → PartnersRecord */
} PartnersOrukFile;

static PartnersRecord *
partners_oruk_file_organisation (PartnersOrukFile *file,
                                 JsonObject       *org,
                                 guint             item)
{
  const char *id = partners_oruk_member_string (org, "id");
  PartnersRecord *r = id != NULL ? g_hash_table_lookup (file->by_id, id) : NULL;

  if (r != NULL)
    return r;
  r = partners_oruk_read_organisation (org);
  g_ptr_array_add (file->records, r);
  g_array_append_val (file->first, item);
  if (r->source_id != NULL)
    g_hash_table_insert (file->by_id, r->source_id, r);
  return r;
}

/* A service's organisation: its own object, or one the file holds by id. */
static PartnersRecord *
partners_oruk_service_organisation (PartnersOrukFile *file,
                                    JsonObject       *service,
                                    guint             item)
{
  JsonObject *org = partners_oruk_member_object (service, "organization");
  const char *id = partners_oruk_member_string (service, "organization_id");

  if (org != NULL)
    return partners_oruk_file_organisation (file, org, item);
  return id != NULL ? g_hash_table_lookup (file->by_id, id) : NULL;
}

static void
partners_oruk_read_item (SteadImportContext *context,
                         PartnersOrukFile   *file,
                         JsonNode           *node,
                         guint               n)
{
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  PartnersOrukShape shape = o != NULL ? partners_oruk_shape (o) : PARTNERS_ORUK_UNKNOWN;
  const char *name = partners_oruk_member_string (o, "name");
  JsonObject *service = NULL;
  PartnersRecord *r;

  switch (shape)
    {
    case PARTNERS_ORUK_ORGANIZATION:
      partners_oruk_file_organisation (file, o, n);
      return;
    case PARTNERS_ORUK_SERVICE:
    case PARTNERS_ORUK_SERVICE_AT_LOCATION:
      service = shape == PARTNERS_ORUK_SERVICE ? o : partners_oruk_member_object (o, "service");
      r = service != NULL ? partners_oruk_service_organisation (file, service, n) : NULL;
      if (r == NULL)
        {
          stead_import_context_reject (
            context, 0, n, NULL, 0,
            shape == PARTNERS_ORUK_SERVICE
              ? _("record %u is a service (“%s”) without its organization, and the file has "
                  "none with its organization_id")
              : _("record %u is a service at a location, without its service and that "
                  "service’s organization"),
            n, name ? name : partners_oruk_member_string (service, "name"));
          return;
        }
      partners_oruk_read_service (r, service, shape == PARTNERS_ORUK_SERVICE ? NULL : o);
      return;
    case PARTNERS_ORUK_LOCATION:
      r = partners_oruk_member_string (o, "organization_id") != NULL
            ? g_hash_table_lookup (file->by_id, partners_oruk_member_string (o, "organization_id"))
            : NULL;
      if (r == NULL)
        {
          stead_import_context_reject (
            context, 0, n, NULL, 0,
            _("record %u is a location (“%s”) of no organization in the file: Stead keeps "
              "locations as sites of their organization"),
            n, name ? name : "");
          return;
        }
      partners_oruk_read_site (r, o);
      return;
    default:
      stead_import_context_reject (context, 0, n, NULL, 0,
                                   _("record %u is %s, not an organization, service, service at "
                                     "location or location"),
                                   n, o != NULL ? partners_oruk_shape_name (shape)
                                                : _("not a JSON object"));
      return;
    }
}

static gboolean
partners_oruk_run (SteadImportContext  *context,
                   GError             **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(GPtrArray) records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) partners_record_free);
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  PartnersOrukFile file = { records, first, by_id };
  guint n_items;

  stream = stead_import_context_open (context, error);
  if (stream == NULL)
    return FALSE;
  /* Bounded in size and depth: a file nested 80,000 deep overflowed the stack. */
  parser = stead_json_load_stream (stream, stead_import_context_get_cancellable (context), error);
  if (parser == NULL)
    return FALSE;
  items = partners_oruk_items_of (json_parser_get_root (parser), error);
  if (items == NULL)
    return FALSE;

  /* Organisations first, so that a service or location later in the file
   * finds its organization by id; then the rest, in order. */
  n_items = json_array_get_length (items);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n_items; i++)
      {
        JsonNode *node = json_array_get_element (items, i);
        gboolean is_org = JSON_NODE_HOLDS_OBJECT (node) &&
                          partners_oruk_shape (json_node_get_object (node)) ==
                            PARTNERS_ORUK_ORGANIZATION;

        if (!stead_import_context_check_cancelled (context, error))
          return FALSE;
        if (is_org == (pass == 0))
          partners_oruk_read_item (context, &file, node, i + 1);
        stead_import_context_progress (context, pass * n_items + i, 2 * n_items);
      }

  for (guint i = 0; i < records->len; i++)
    {
      PartnersRecord *r = g_ptr_array_index (records, i);
      g_autofree char *problem = partners_record_check (context, r);
      guint n = g_array_index (first, guint, i);

      if (problem != NULL)
        {
          g_autofree char *id =
            r->source_id ? g_strdup_printf (", id %s", r->source_id) : g_strdup ("");

          stead_import_context_reject (context, 0, n, NULL, 0, _("organization %u (%s%s): %s"), n,
                                       r->name ? r->name : _("no name"), id, problem);
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

/* A record's `extra` column: what the file it came from said that has no
 * column, as an object; NULL if none. */
static JsonObject *
partners_oruk_parse_extra (sqlite3_stmt *stmt,
                           int           column)
{
  g_autoptr(JsonNode) node = NULL;

  if (COL (stmt, column) == NULL ||
      (node = json_from_string (COL (stmt, column), NULL)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

/* The members of @extra that Stead did not write itself. */
static void
partners_oruk_add_extra (JsonBuilder        *b,
                         JsonObject         *extra,
                         const char * const *written)
{
  GList *members = extra != NULL ? json_object_get_members (extra) : NULL;

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (written, l->data))
      {
        json_builder_set_member_name (b, l->data);
        json_builder_add_value (b, json_node_copy (json_object_get_member (extra, l->data)));
      }
  g_list_free (members);
}

/* Whether an object of @array has @member equal to @value. */
static gboolean
partners_oruk_array_holds (JsonArray  *array,
                           const char *member,
                           const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)) &&
        g_strcmp0 (partners_oruk_member_string (json_array_get_object_element (array, i), member),
                   value) == 0)
      return TRUE;
  return FALSE;
}

/* The phones as the file gave them, then those the columns add. */
static void
partners_oruk_export_phones (JsonBuilder  *b,
                             JsonObject   *extra,
                             sqlite3_stmt *stmt,
                             int           phone,
                             int           phone_24h)
{
  JsonArray *kept = partners_oruk_member_array (extra, "phones");

  json_builder_set_member_name (b, "phones");
  json_builder_begin_array (b);
  for (guint i = 0; kept != NULL && i < json_array_get_length (kept); i++)
    json_builder_add_value (b, json_node_copy (json_array_get_element (kept, i)));
  if (!partners_oruk_array_holds (kept, "number", COL (stmt, phone)))
    partners_oruk_add_phone (b, COL (stmt, phone), NULL);
  if (!partners_oruk_array_holds (kept, "number", COL (stmt, phone_24h)))
    partners_oruk_add_phone (b, COL (stmt, phone_24h), "24/7");
  json_builder_end_array (b);
}

/* The organisation's contacts (personal data: only when asked for). */
static gboolean
partners_oruk_export_contacts (JsonBuilder   *b,
                               sqlite3_stmt  *contacts,
                               gint64         id,
                               gboolean       include_personal,
                               GError       **error)
{
  static const char * const written[] = { "id", "name", "title", "email", "phones", NULL };
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
      g_autoptr(JsonObject) extra = partners_oruk_parse_extra (contacts, 6);

      json_builder_begin_object (b);
      partners_oruk_add_string (b, "id", COL (contacts, 0));
      partners_oruk_add_string (b, "name", COL (contacts, 1));
      partners_oruk_add_string (b, "title", COL (contacts, 2));
      partners_oruk_add_string (b, "email", COL (contacts, 5));
      partners_oruk_export_phones (b, extra, contacts, 3, 4);
      partners_oruk_add_extra (b, extra, written);
      json_builder_end_object (b);
    }
  ok = stead_rows_end (&rows, error);
  sqlite3_reset (contacts);
  json_builder_end_array (b);
  return ok;
}

/* The addresses the file gave, if the site's address is still theirs;
 * else the site's, with what the first of them said beyond it. */
static void
partners_oruk_export_addresses (JsonBuilder  *b,
                                JsonObject   *extra,
                                sqlite3_stmt *sites)
{
  static const char * const line[] = { "address_1", "address_2", "city", "postal_code",
                                       "country", "address_type", NULL };
  JsonArray *kept = partners_oruk_member_array (extra, "addresses");
  JsonObject *first = kept != NULL && json_array_get_length (kept) > 0 &&
                          JSON_NODE_HOLDS_OBJECT (json_array_get_element (kept, 0))
                        ? json_array_get_object_element (kept, 0)
                        : NULL;
  g_autofree char *text = first != NULL ? partners_oruk_address_text (first) : NULL;

  json_builder_set_member_name (b, "addresses");
  json_builder_begin_array (b);
  if (first != NULL && g_strcmp0 (text, COL (sites, 2)) == 0 &&
      g_strcmp0 (partners_oruk_member_string (first, "postal_code"), COL (sites, 3)) == 0)
    {
      for (guint i = 0; i < json_array_get_length (kept); i++)
        json_builder_add_value (b, json_node_copy (json_array_get_element (kept, i)));
    }
  else if (COL (sites, 2) != NULL || COL (sites, 3) != NULL)
    {
      json_builder_begin_object (b);
      partners_oruk_add_string (b, "address_1", COL (sites, 2));
      partners_oruk_add_string (b, "postal_code", COL (sites, 3));
      partners_oruk_add_string (b, "country",
                                partners_oruk_string_or (first, "country", "GB"));
      partners_oruk_add_string (b, "address_type",
                                partners_oruk_string_or (first, "address_type", "physical"));
      partners_oruk_add_extra (b, first, line);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
partners_oruk_export_site (JsonBuilder  *b,
                           sqlite3_stmt *sites)
{
  static const char * const written[] = { "id",       "location_type", "name",      "description",
                                          "latitude", "longitude",     "addresses", "x_stead",
                                          NULL };
  g_autoptr(JsonObject) extra = partners_oruk_parse_extra (sites, 7);
  double x, y;

  json_builder_begin_object (b);
  partners_oruk_add_string (b, "id", COL (sites, 0));
  partners_oruk_add_string (b, "location_type",
                            partners_oruk_string_or (extra, "location_type", "physical"));
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
  partners_oruk_export_addresses (b, extra, sites);
  if (sqlite3_column_type (sites, 5) != SQLITE_NULL)
    {
      json_builder_set_member_name (b, "x_stead");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "capacity");
      json_builder_add_int_value (b, sqlite3_column_int64 (sites, 5));
      json_builder_end_object (b);
    }
  partners_oruk_add_extra (b, extra, written);
  json_builder_end_object (b);
}

/* A capability as a service; its id is stable across export and
 * re-import: the organisation's id and the capability's place in it. */
static void
partners_oruk_export_capability (JsonBuilder  *b,
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

/* A service the organisation came with, as it came. */
static void
partners_oruk_export_service (JsonBuilder  *b,
                              sqlite3_stmt *services)
{
  static const char * const written[] = { "id",  "name",  "description", "status",
                                          "url", "email", NULL };
  g_autoptr(JsonObject) extra = partners_oruk_parse_extra (services, 6);

  json_builder_begin_object (b);
  partners_oruk_add_string (b, "id", COL (services, 0));
  partners_oruk_add_string (b, "name", COL (services, 1));
  partners_oruk_add_string (b, "description", COL (services, 2));
  partners_oruk_add_string (b, "status", COL (services, 3));
  partners_oruk_add_string (b, "url", COL (services, 4));
  partners_oruk_add_string (b, "email", COL (services, 5));
  partners_oruk_add_extra (b, extra, written);
  json_builder_end_object (b);
}

/* The organisation's own members, and those ORUK has none for. */
static void
partners_oruk_export_organisation (JsonBuilder  *b,
                                   sqlite3_stmt *orgs,
                                   JsonObject   *extra)
{
  JsonArray *identifiers = partners_oruk_member_array (extra, "organization_identifiers");

  partners_oruk_add_string (b, "id", COL (orgs, 1));
  partners_oruk_add_string (b, "name", COL (orgs, 2));
  partners_oruk_add_string (b, "description", COL (orgs, 3));
  partners_oruk_add_string (b, "website", COL (orgs, 4));

  json_builder_set_member_name (b, "organization_identifiers");
  json_builder_begin_array (b);
  for (int i = 5; i <= 6; i++)
    if (COL (orgs, i) != NULL &&
        !partners_oruk_array_holds (identifiers, "identifier", COL (orgs, i)))
      {
        json_builder_begin_object (b);
        partners_oruk_add_string (b, "identifier_scheme", i == 5 ? "GB-CHC" : "GB-COH");
        partners_oruk_add_string (b, "identifier_type",
                                  i == 5 ? "Registered charity number" : "Company number");
        partners_oruk_add_string (b, "identifier", COL (orgs, i));
        json_builder_end_object (b);
      }
  for (guint i = 0; identifiers != NULL && i < json_array_get_length (identifiers); i++)
    json_builder_add_value (b, json_node_copy (json_array_get_element (identifiers, i)));
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
  g_autoptr(sqlite3_stmt) services = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  SteadRows org_rows;

  orgs = stead_workspace_prepare (
    workspace,
    /* The stable id of stead_export_stable_id(): a re-import updates. */
    "SELECT id, coalesce (source_id, 'stead:' || (SELECT uid FROM stead_workspace) || "
    "':partners_organisation:' || id), name, description, "
    "website, charity_number, company_number, type, tier, areas_served, notes, extra "
    "FROM partners_organisation ORDER BY id",
    error);
  contacts = stead_workspace_prepare (
    workspace,
    "SELECT coalesce (source_id, 'stead-contact-' || id), name, role, phone, "
    "phone_24h, email, extra FROM partners_contact WHERE organisation = ? ORDER BY id",
    error);
  sites = stead_workspace_prepare (
    workspace,
    "SELECT coalesce (source_id, 'stead-site-' || fid), name, address, postcode, "
    "what, capacity, geom, extra FROM partners_site WHERE organisation = ? ORDER BY fid",
    error);
  caps = stead_workspace_prepare (
    workspace,
    "SELECT c.id, c.kind, c.quantity, c.conditions, c.lead_time_hours, "
    "coalesce (s.source_id, 'stead-site-' || s.fid), t.label "
    "FROM partners_capability c LEFT JOIN partners_site s ON s.fid = c.site "
    "LEFT JOIN taxonomy t ON t.vocabulary = 'resource-kind' AND t.code = c.kind "
    "WHERE c.organisation = ? ORDER BY c.id",
    error);
  services = stead_workspace_prepare (
    workspace,
    "SELECT coalesce (source_id, 'stead-service-' || id), name, description, status, url, "
    "email, extra FROM partners_service WHERE organisation = ? ORDER BY id",
    error);
  if (orgs == NULL || contacts == NULL || sites == NULL || caps == NULL || services == NULL)
    return FALSE;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "organizations");
  json_builder_begin_array (b);
  org_rows = (SteadRows) STEAD_ROWS_INIT (orgs, "partners_organisation");
  while (stead_rows_next (&org_rows))
    {
      static const char * const written[] = { "id",       "name",     "description",
                                              "website",  "organization_identifiers",
                                              "x_stead",  "contacts", "locations",
                                              "services", NULL };
      g_autoptr(JsonObject) extra = partners_oruk_parse_extra (orgs, 11);
      gint64 id = sqlite3_column_int64 (orgs, 0);
      SteadRows site_rows = STEAD_ROWS_INIT (sites, "partners_site");
      SteadRows cap_rows = STEAD_ROWS_INIT (caps, "partners_capability");
      SteadRows service_rows = STEAD_ROWS_INIT (services, "partners_service");

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      json_builder_begin_object (b);
      partners_oruk_export_organisation (b, orgs, extra);
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
        partners_oruk_export_capability (b, caps, COL (orgs, 1), (guint) cap_rows.n_rows + 1);
      if (!stead_rows_end (&cap_rows, error))
        return FALSE;
      sqlite3_reset (caps);
      sqlite3_bind_int64 (services, 1, id);
      while (stead_rows_next (&service_rows))
        partners_oruk_export_service (b, services);
      if (!stead_rows_end (&service_rows, error))
        return FALSE;
      sqlite3_reset (services);
      json_builder_end_array (b);
      partners_oruk_add_extra (b, extra, written);
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

/* JSON that is not GeoJSON, shaped as an HSDS object (an organization,
 * service, location: an id and a name or what it links) or API page. */
static guint
partners_oruk_detect (const SteadImportSample *sample)
{
  if (sample->content != STEAD_IMPORT_CONTENT_JSON || sample->json_type != NULL)
    return 0;
  if (stead_import_sample_has_key (sample, "contents") ||
      stead_import_sample_has_key (sample, "organizations") ||
      (stead_import_sample_has_key (sample, "id") &&
       (stead_import_sample_has_key (sample, "name") ||
        stead_import_sample_has_key (sample, "service") ||
        stead_import_sample_has_key (sample, "location"))))
    return STEAD_IMPORT_FITS_SURELY / 2;
  return 0;
}

/* Each item is recognised by its shape (organization, service, service at
 * location, location): no column map. */
const SteadImportFormat partners_oruk_import = {
  .id = "partners-oruk",
  .title = N_("Partners (Open Referral UK JSON)"),
  .extensions = STEAD_EXTENSIONS ("json"),
  .run = partners_oruk_run,
  .domain = GETTEXT_PACKAGE,
  .detect = partners_oruk_detect,
};

const SteadExportFormat partners_oruk_export = {
  .id = "partners-oruk",
  .title = N_("Partners (Open Referral UK JSON)"),
  .extensions = STEAD_EXTENSIONS ("json"),
  .run = partners_oruk_export_run,
  .domain = GETTEXT_PACKAGE,
};
