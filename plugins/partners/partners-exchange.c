/* partners-exchange.c: Open Referral UK (HSDS 3.0) JSON, CSV and vCard
 *
 * Every importer here is built on the core import framework: one
 * transaction, a dry run that counts what would be added, updated
 * (matched by identifier, or by name and postcode) and rejected, and
 * nothing kept unless every record can be taken.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "partners"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "partners.h"
#include "partners-private.h"

/* ------------------------------------------------------------------------ */
/* One organisation and what belongs to it, as read from a file.           */

typedef struct
{
  char   *name, *role, *phone, *phone_24h, *email, *source_id;
} Contact;

typedef struct
{
  char     *name, *address, *postcode, *what, *source_id;
  gboolean  has_position;
  double    lon, lat;
  gint64    capacity;   /* -1: none */
} Site;

typedef struct
{
  char   *kind, *conditions, *site_source_id;
  gint64  quantity;
  gint64  lead_time_hours;   /* -1: none */
} Capability;

typedef struct
{
  char      *source_id;
  char      *name, *type, *tier, *description, *website;
  char      *charity_number, *company_number, *areas_served;
  GString   *notes;
  GPtrArray *contacts;       /* Contact */
  GPtrArray *sites;          /* Site */
  GPtrArray *capabilities;   /* Capability */
} Record;

static void
contact_free (Contact *c)
{
  g_free (c->name); g_free (c->role); g_free (c->phone); g_free (c->phone_24h); g_free (c->email); g_free (c->source_id);
  g_free (c);
}

static void
site_free (Site *s)
{
  g_free (s->name); g_free (s->address); g_free (s->postcode); g_free (s->what); g_free (s->source_id);
  g_free (s);
}

static void
capability_free (Capability *c)
{
  g_free (c->kind); g_free (c->conditions); g_free (c->site_source_id);
  g_free (c);
}

static Record *
record_new (void)
{
  Record *r = g_new0 (Record, 1);

  r->notes = g_string_new (NULL);
  r->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) contact_free);
  r->sites = g_ptr_array_new_with_free_func ((GDestroyNotify) site_free);
  r->capabilities = g_ptr_array_new_with_free_func ((GDestroyNotify) capability_free);
  return r;
}

static void
record_free (Record *r)
{
  g_free (r->source_id); g_free (r->name); g_free (r->type); g_free (r->tier); g_free (r->description);
  g_free (r->website); g_free (r->charity_number); g_free (r->company_number); g_free (r->areas_served);
  g_string_free (r->notes, TRUE);
  g_ptr_array_unref (r->contacts);
  g_ptr_array_unref (r->sites);
  g_ptr_array_unref (r->capabilities);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Record, record_free)

static void
set_str (char       **str,
         const char  *value)
{
  g_free (*str);
  *str = g_strdup (value);
}

/* The organisation this record updates: same identifier, else same name
 * and the same postcode at its first site. */
static gint64
find_match (SteadTransaction *txn,
            Record           *r)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (r->source_id != NULL)
    {
      stmt = stead_transaction_prepare (txn, "SELECT id FROM partners_organisation WHERE source_id = ?", NULL);
      sqlite3_bind_text (stmt, 1, r->source_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        return sqlite3_column_int64 (stmt, 0);
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  if (r->sites->len > 0 && ((Site *) g_ptr_array_index (r->sites, 0))->postcode != NULL)
    {
      g_autofree char *want = stead_postcode_normalize (((Site *) g_ptr_array_index (r->sites, 0))->postcode);

      stmt = stead_transaction_prepare (txn,
                                        "SELECT o.id, s.postcode FROM partners_organisation o "
                                        "JOIN partners_site s ON s.organisation = o.id "
                                        "WHERE o.name = ? COLLATE NOCASE", NULL);
      sqlite3_bind_text (stmt, 1, r->name, -1, SQLITE_STATIC);
      while (want != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *have = stead_postcode_normalize ((const char *) sqlite3_column_text (stmt, 1));

          if (g_strcmp0 (have, want) == 0)
            return sqlite3_column_int64 (stmt, 0);
        }
    }
  return 0;
}

/* Adds or updates one organisation with its contacts, sites and
 * capabilities, which replace those it had. */
static gboolean
write_record (SteadImportContext  *context,
              Record              *r,
              GError             **error)
{
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  g_autoptr(GHashTable) site_ids = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 id = find_match (txn, r);
  const char *notes = r->notes->len ? r->notes->str : NULL;

  if (id != 0)
    {
      static const char *children[] = {
        "DELETE FROM partners_capability WHERE organisation = ?",
        "DELETE FROM partners_contact WHERE organisation = ?",
        "DELETE FROM partners_site WHERE organisation = ?",
      };

      for (guint i = 0; i < G_N_ELEMENTS (children); i++)
        if (stead_transaction_run (txn, children[i], STEAD_ARGS (STEAD_INT (id)), error) < 0)
          return FALSE;
      if (stead_transaction_run (txn,
                                 "UPDATE partners_organisation SET name = ?1, type = coalesce (?2, type), "
                                 "tier = coalesce (?3, tier), description = ?4, website = ?5, charity_number = ?6, "
                                 "company_number = ?7, areas_served = ?8, notes = ?9, "
                                 "source_id = coalesce (?10, source_id), "
                                 "updated = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?11",
                                 STEAD_ARGS (STEAD_TEXT (r->name), STEAD_TEXT (r->type), STEAD_TEXT (r->tier),
                                             STEAD_TEXT (r->description), STEAD_TEXT (r->website),
                                             STEAD_TEXT (r->charity_number), STEAD_TEXT (r->company_number),
                                             STEAD_TEXT (r->areas_served), STEAD_TEXT (notes), STEAD_TEXT (r->source_id),
                                             STEAD_INT (id)),
                                 error) < 0)
        return FALSE;
      stead_import_context_updated_named (context, r->name);
    }
  else
    {
      id = stead_transaction_run (txn,
                                  "INSERT INTO partners_organisation (name, type, tier, description, website, "
                                  "charity_number, company_number, areas_served, notes, source_id) "
                                  "VALUES (?1, coalesce (?2, 'other'), coalesce (?3, 'contributing'), ?4, ?5, ?6, ?7, "
                                  "?8, ?9, ?10)",
                                  STEAD_ARGS (STEAD_TEXT (r->name), STEAD_TEXT (r->type), STEAD_TEXT (r->tier),
                                              STEAD_TEXT (r->description), STEAD_TEXT (r->website),
                                              STEAD_TEXT (r->charity_number), STEAD_TEXT (r->company_number),
                                              STEAD_TEXT (r->areas_served), STEAD_TEXT (notes), STEAD_TEXT (r->source_id)),
                                  error);
      if (id < 0)
        return FALSE;
      stead_import_context_added_named (context, r->name);
    }

  for (guint i = 0; i < r->contacts->len; i++)
    {
      Contact *c = g_ptr_array_index (r->contacts, i);

      if (stead_transaction_run (txn,
                                 "INSERT INTO partners_contact (organisation, name, role, phone, phone_24h, email, "
                                 "source_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 STEAD_ARGS (STEAD_INT (id), STEAD_TEXT (c->name), STEAD_TEXT (c->role),
                                             STEAD_TEXT (c->phone), STEAD_TEXT (c->phone_24h), STEAD_TEXT (c->email),
                                             STEAD_TEXT (c->source_id)),
                                 error) < 0)
        return FALSE;
    }

  for (guint i = 0; i < r->sites->len; i++)
    {
      Site *s = g_ptr_array_index (r->sites, i);
      g_autoptr(SteadGeometry) point = s->has_position ? stead_geometry_new_point (s->lon, s->lat) : NULL;
      gint64 fid;

      fid = stead_transaction_run (txn,
                                   "INSERT INTO partners_site (geom, organisation, name, address, postcode, what, "
                                   "capacity, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                   STEAD_ARGS (STEAD_GEOMETRY (point), STEAD_INT (id), STEAD_TEXT (s->name),
                                               STEAD_TEXT (s->address), STEAD_TEXT (s->postcode), STEAD_TEXT (s->what),
                                               STEAD_INT_OR_NULL (s->capacity, s->capacity >= 0),
                                               STEAD_TEXT (s->source_id)),
                                   error);
      if (fid < 0)
        return FALSE;
      if (s->source_id != NULL)
        g_hash_table_insert (site_ids, s->source_id, GSIZE_TO_POINTER ((gsize) fid));
    }

  for (guint i = 0; i < r->capabilities->len; i++)
    {
      Capability *c = g_ptr_array_index (r->capabilities, i);
      gsize site = c->site_source_id ? GPOINTER_TO_SIZE (g_hash_table_lookup (site_ids, c->site_source_id)) : 0;

      if (stead_transaction_run (txn,
                                 "INSERT INTO partners_capability (organisation, site, kind, quantity, conditions, "
                                 "lead_time_hours) VALUES (?, ?, ?, ?, ?, ?)",
                                 STEAD_ARGS (STEAD_INT (id), STEAD_INT_OR_NULL ((gint64) site, site != 0),
                                             STEAD_STRING (c->kind), STEAD_INT (c->quantity), STEAD_TEXT (c->conditions),
                                             STEAD_INT_OR_NULL (c->lead_time_hours, c->lead_time_hours >= 0)),
                                 error) < 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_vocabulary_code (SteadImportContext *context,
                    const char         *vocabulary,
                    const char         *code)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = stead_workspace_prepare (stead_import_context_get_workspace (context),
                                  "SELECT 1 FROM taxonomy WHERE vocabulary = ? AND code = ?", NULL);
  sqlite3_bind_text (stmt, 1, vocabulary, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* What must hold before a record is written; NULL if it is fine. */
static char *
check_record (SteadImportContext *context,
              Record             *r)
{
  static const char * const tiers[] = { "instrumental", "contributing", "occasional", NULL };

  if (r->name == NULL || *r->name == '\0')
    return g_strdup (_("it has no name"));
  if (r->type != NULL && !is_vocabulary_code (context, "partner-type", r->type))
    return g_strdup_printf (_("“%s” is not a partner type"), r->type);
  if (r->tier != NULL && !g_strv_contains (tiers, r->tier))
    return g_strdup_printf (_("“%s” is not a tier (instrumental, contributing or occasional)"), r->tier);
  for (guint i = 0; i < r->capabilities->len; i++)
    {
      Capability *c = g_ptr_array_index (r->capabilities, i);

      if (!is_vocabulary_code (context, "resource-kind", c->kind))
        return g_strdup_printf (_("capability “%s” is not a resource kind"), c->kind);
    }
  for (guint i = 0; i < r->sites->len; i++)
    {
      Site *s = g_ptr_array_index (r->sites, i);

      if (s->has_position && (s->lon < -180 || s->lon > 180 || s->lat < -90 || s->lat > 90))
        return g_strdup_printf (_("location “%s” has latitude and longitude out of range"), s->name ? s->name : "");
    }
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Open Referral UK / HSDS 3.0                                              */

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, name)) == NULL ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
dup_member (JsonObject *object,
            const char *name)
{
  const char *value = member_string (object, name);

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

static gboolean
member_double (JsonObject *object,
               const char *name,
               double     *value)
{
  JsonNode *node;
  GType type;

  if (object == NULL || (node = json_object_get_member (object, name)) == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_DOUBLE || type == G_TYPE_INT64)
    {
      *value = json_node_get_double (node);
      return TRUE;
    }
  if (type == G_TYPE_STRING)
    return stead_import_parse_double (json_node_get_string (node), value);
  return FALSE;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, name)) == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

/* A member Stead has no place for goes into the notes as "name: value",
 * never silently dropped. */
static void
keep_in_notes (Record     *r,
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
read_phones (JsonArray  *phones,
             char      **phone,
             char      **phone_24h)
{
  for (guint i = 0; phones != NULL && i < json_array_get_length (phones); i++)
    {
      JsonObject *p = json_array_get_object_element (phones, i);
      const char *number = member_string (p, "number");
      const char *description = member_string (p, "description");

      if (number == NULL)
        continue;
      if (description != NULL && (strstr (description, "24") != NULL || g_str_has_prefix (description, "Out of hours")))
        {
          if (*phone_24h == NULL)
            *phone_24h = g_strdup (number);
        }
      else if (*phone == NULL)
        *phone = g_strdup (number);
    }
}

static const char * const known_organisation_members[] = {
  "id", "name", "description", "website", "url", "organization_identifiers", "contacts", "phones",
  "locations", "services", "x_stead", NULL
};

static Record *
read_organisation (JsonObject *org)
{
  g_autoptr(Record) r = record_new ();
  JsonObject *stead = NULL;
  JsonArray *array;
  GList *members;

  r->source_id = dup_member (org, "id");
  r->name = dup_member (org, "name");
  r->description = dup_member (org, "description");
  r->website = dup_member (org, "website");
  if (r->website == NULL)
    r->website = dup_member (org, "url");

  if (json_object_has_member (org, "x_stead") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (org, "x_stead")))
    stead = json_object_get_object_member (org, "x_stead");
  if (stead != NULL)
    {
      r->type = dup_member (stead, "type");
      r->tier = dup_member (stead, "tier");
      r->areas_served = dup_member (stead, "areas_served");
      if (member_string (stead, "notes") != NULL)
        g_string_append (r->notes, member_string (stead, "notes"));
    }

  /* Charity and company numbers: identifiers with the org-id.guide schemes. */
  array = member_array (org, "organization_identifiers");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *ident = json_array_get_object_element (array, i);
      const char *scheme = member_string (ident, "identifier_scheme");
      const char *value = member_string (ident, "identifier");

      if (value == NULL)
        continue;
      if (g_strcmp0 (scheme, "GB-CHC") == 0 || g_strcmp0 (scheme, "GB-SC") == 0 || g_strcmp0 (scheme, "GB-NIC") == 0)
        set_str (&r->charity_number, value);
      else if (g_strcmp0 (scheme, "GB-COH") == 0)
        set_str (&r->company_number, value);
      else
        keep_in_notes (r, "", "organization_identifier", json_array_get_element (array, i));
    }

  array = member_array (org, "contacts");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *c = json_array_get_object_element (array, i);
      Contact *contact = g_new0 (Contact, 1);

      contact->source_id = dup_member (c, "id");
      contact->name = dup_member (c, "name");
      contact->role = dup_member (c, "title");
      contact->email = dup_member (c, "email");
      read_phones (member_array (c, "phones"), &contact->phone, &contact->phone_24h);
      if (contact->name == NULL)
        contact->name = g_strdup (contact->role ? contact->role : _("Contact"));
      g_ptr_array_add (r->contacts, contact);
    }

  /* Phones of the organisation itself: its switchboard. */
  {
    g_autofree char *phone = NULL;
    g_autofree char *phone_24h = NULL;

    read_phones (member_array (org, "phones"), &phone, &phone_24h);
    if (phone != NULL || phone_24h != NULL)
      {
        Contact *contact = g_new0 (Contact, 1);

        contact->name = g_strdup (_("Switchboard"));
        contact->phone = g_steal_pointer (&phone);
        contact->phone_24h = g_steal_pointer (&phone_24h);
        g_ptr_array_add (r->contacts, contact);
      }
  }

  array = member_array (org, "locations");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *l = json_array_get_object_element (array, i);
      JsonArray *addresses = member_array (l, "addresses");
      JsonObject *stead_site = NULL;
      Site *site = g_new0 (Site, 1);

      site->capacity = -1;
      site->source_id = dup_member (l, "id");
      site->name = dup_member (l, "name");
      site->what = dup_member (l, "description");
      if (addresses != NULL && json_array_get_length (addresses) > 0)
        {
          JsonObject *a = json_array_get_object_element (addresses, 0);
          g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
          g_auto(GStrv) strv = NULL;

          for (const char * const *key = (const char * const[]) { "address_1", "address_2", "city", NULL }; *key; key++)
            if (member_string (a, *key) != NULL && *member_string (a, *key) != '\0')
              g_strv_builder_add (parts, member_string (a, *key));
          strv = g_strv_builder_end (parts);
          if (strv[0] != NULL)
            site->address = g_strjoinv (", ", strv);
          site->postcode = dup_member (a, "postal_code");
        }
      site->has_position = member_double (l, "latitude", &site->lat) && member_double (l, "longitude", &site->lon);
      if (json_object_has_member (l, "x_stead") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (l, "x_stead")))
        stead_site = json_object_get_object_member (l, "x_stead");
      if (stead_site != NULL && json_object_has_member (stead_site, "capacity"))
        site->capacity = json_object_get_int_member (stead_site, "capacity");
      if (site->name == NULL)
        site->name = g_strdup (site->address ? site->address : _("Site"));
      g_ptr_array_add (r->sites, site);
    }

  /* Services: capabilities when Stead wrote them, notes otherwise. */
  array = member_array (org, "services");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *s = json_array_get_object_element (array, i);
      JsonObject *cap = NULL;

      if (s != NULL && json_object_has_member (s, "x_stead") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (s, "x_stead")))
        cap = json_object_get_object_member (s, "x_stead");
      if (cap != NULL && member_string (cap, "kind") != NULL)
        {
          Capability *c = g_new0 (Capability, 1);

          c->kind = dup_member (cap, "kind");
          c->quantity = json_object_get_int_member_with_default (cap, "quantity", 1);
          c->lead_time_hours = json_object_has_member (cap, "lead_time_hours")
                               ? json_object_get_int_member (cap, "lead_time_hours") : -1;
          c->conditions = dup_member (s, "description");
          c->site_source_id = dup_member (cap, "location_id");
          g_ptr_array_add (r->capabilities, c);
        }
      else
        keep_in_notes (r, "", "service", json_array_get_element (array, i));
    }

  members = json_object_get_members (org);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known_organisation_members, l->data))
      keep_in_notes (r, "", l->data, json_object_get_member (org, l->data));
  g_list_free (members);

  return g_steal_pointer (&r);
}

static gboolean
holds_services (JsonArray *array)
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
organisations_of (JsonNode  *root,
                  gboolean  *services,
                  GError   **error)
{
  JsonObject *object;
  JsonArray *array;

  *services = FALSE;
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      array = json_node_get_array (root);
      *services = holds_services (array);
      return json_array_ref (array);
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    goto bad;
  object = json_node_get_object (root);
  if ((array = member_array (object, "organizations")) != NULL)
    return json_array_ref (array);
  if ((array = member_array (object, "contents")) != NULL || (array = member_array (object, "content")) != NULL)
    {
      *services = holds_services (array);
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
               _("This is not Open Referral UK data: expected organizations (an array, “organizations” or “contents”) or services with their organization"));
  return NULL;
}

static gboolean
run_oruk (SteadImporter       *importer,
          SteadImportContext  *context,
          GError             **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonArray) orgs = NULL;
  gboolean services;

  stream = stead_import_context_open (context, error);
  if (stream == NULL)
    return FALSE;
  if (!json_parser_load_from_stream (parser, stream, stead_import_context_get_cancellable (context), error))
    {
      g_prefix_error (error, _("This is not valid JSON: "));
      return FALSE;
    }

  {
    JsonNode *root = json_parser_get_root (parser);
    JsonObject *object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;

    if (object != NULL && json_object_has_member (object, "name") && !json_object_has_member (object, "organization") &&
        member_array (object, "organizations") == NULL && member_array (object, "contents") == NULL &&
        member_array (object, "content") == NULL)
      {
        g_autoptr(Record) r = read_organisation (object);
        g_autofree char *problem = check_record (context, r);

        if (problem != NULL)
          {
            stead_import_context_reject (context, 0, 1, NULL, 0, _("organization 1 (%s): %s"),
                                         r->name ? r->name : _("no name"), problem);
            return TRUE;
          }
        return write_record (context, r, error);
      }
    if (root == NULL || !(orgs = organisations_of (root, &services, error)))
      {
        if (error != NULL && *error == NULL)
          g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT, _("This is not Open Referral UK data"));
        return FALSE;
      }
  }

  for (guint i = 0; i < json_array_get_length (orgs); i++)
    {
      JsonNode *node = json_array_get_element (orgs, i);
      g_autoptr(Record) r = NULL;
      g_autofree char *problem = NULL;
      JsonObject *org;

      if (!stead_import_context_check_cancelled (context, error))
        return FALSE;
      stead_import_context_progress (context, i, json_array_get_length (orgs));

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          stead_import_context_reject (context, 0, i + 1, NULL, 0, _("organization %u is not a JSON object"), i + 1);
          continue;
        }
      org = json_node_get_object (node);
      if (services)
        {
          if (!json_object_has_member (org, "organization") ||
              !JSON_NODE_HOLDS_OBJECT (json_object_get_member (org, "organization")))
            {
              stead_import_context_reject (context, 0, i + 1, NULL, 0, _("service %u has no organization"), i + 1);
              continue;
            }
          org = json_object_get_object_member (org, "organization");
        }

      r = read_organisation (org);
      problem = check_record (context, r);
      if (problem != NULL)
        {
          g_autofree char *id = r->source_id ? g_strdup_printf (", id %s", r->source_id) : g_strdup ("");

          stead_import_context_reject (context, 0, i + 1, NULL, 0, _("organization %u (%s%s): %s"), i + 1,
                                       r->name ? r->name : _("no name"), id, problem);
          continue;
        }
      if (!write_record (context, r, error))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* CSV: one organisation a row, with one contact and one site               */

static const SteadImportField csv_fields[] = {
  { "id", "identifier;ref;reference", "#org +id", FALSE },
  { "name", "organisation;organization;partner;org name", "#org +name;#org", TRUE },
  { "type", "organisation type;category", "#org +type", FALSE },
  { "tier", NULL, NULL, FALSE },
  { "description", "about;summary", "#description", FALSE },
  { "website", "web;url;web site", "#contact +url", FALSE },
  { "charity_number", "charity number;charity no;registered charity number", NULL, FALSE },
  { "company_number", "company number;company no", NULL, FALSE },
  { "areas_served", "areas served;area;coverage", "#adm2 +name", FALSE },
  { "notes", "note;comments", "#meta +notes", FALSE },
  { "contact_name", "contact;contact name", "#contact +name", FALSE },
  { "contact_role", "role;job title;title", "#contact +role", FALSE },
  { "phone", "telephone;tel;phone number", "#contact +phone", FALSE },
  { "phone_24h", "24/7;24 hour phone;out of hours;emergency phone", "#contact +phone +emergency", FALSE },
  { "email", "e-mail;email address", "#contact +email", FALSE },
  { "site_name", "site;location;premises", "#loc +name", FALSE },
  { "address", "street address;address 1", "#loc +address", FALSE },
  { "postcode", "post code;postal code", "#loc +postcode", FALSE },
  { "latitude", "lat", "#geo +lat", FALSE },
  { "longitude", "lon;long;lng", "#geo +lon", FALSE },
};

static const char *
csv_value (SteadColumnMap     *map,
           const char * const *row,
           guint               n_row,
           const char         *field)
{
  int column = stead_column_map_get_column (map, field);
  const char *value;

  if (column < 0 || (guint) column >= n_row)
    return NULL;
  value = row[column];
  while (*value == ' ')
    value++;
  return *value != '\0' ? value : NULL;
}

static gboolean
run_csv (SteadImporter       *importer,
         SteadImportContext  *context,
         GError             **error)
{
  g_autoptr(SteadCsvReader) reader = NULL;
  g_autoptr(SteadColumnMap) map = NULL;
  g_autoptr(GHashTable) types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint64 index = 0;

  reader = stead_import_context_open_csv (context, &map, error);
  if (reader == NULL)
    return FALSE;

  /* Types by code or label. */
  stmt = stead_workspace_prepare (stead_import_context_get_workspace (context),
                                  "SELECT code, label FROM taxonomy WHERE vocabulary = 'partner-type'", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_hash_table_insert (types, g_utf8_strdown ((const char *) sqlite3_column_text (stmt, 0), -1),
                           g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_hash_table_insert (types, g_utf8_strdown ((const char *) sqlite3_column_text (stmt, 1), -1),
                           g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    }

  for (;;)
    {
      g_autoptr(Record) r = record_new ();
      g_autofree char *problem = NULL;
      const char * const *row;
      const char *text;
      guint n_row;
      guint64 line;

      if (!stead_csv_reader_next_fields (reader, &row, &n_row, &line, stead_import_context_get_cancellable (context), error))
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          break;
        }
      index++;

#define GET(field) csv_value (map, row, n_row, field)
      r->source_id = g_strdup (GET ("id"));
      r->name = g_strdup (GET ("name"));
      if ((text = GET ("type")) != NULL)
        {
          g_autofree char *lower = g_utf8_strdown (text, -1);
          const char *code = g_hash_table_lookup (types, lower);

          r->type = g_strdup (code ? code : text);
        }
      r->tier = GET ("tier") ? g_ascii_strdown (GET ("tier"), -1) : NULL;
      r->description = g_strdup (GET ("description"));
      r->website = g_strdup (GET ("website"));
      r->charity_number = g_strdup (GET ("charity_number"));
      r->company_number = g_strdup (GET ("company_number"));
      r->areas_served = g_strdup (GET ("areas_served"));
      if ((text = GET ("notes")) != NULL)
        g_string_append (r->notes, text);
      if (GET ("contact_name") != NULL || GET ("phone") != NULL || GET ("email") != NULL || GET ("phone_24h") != NULL)
        {
          Contact *c = g_new0 (Contact, 1);

          c->name = g_strdup (GET ("contact_name") ? GET ("contact_name") : _("Contact"));
          c->role = g_strdup (GET ("contact_role"));
          c->phone = g_strdup (GET ("phone"));
          c->phone_24h = g_strdup (GET ("phone_24h"));
          c->email = g_strdup (GET ("email"));
          g_ptr_array_add (r->contacts, c);
        }
      if (GET ("site_name") != NULL || GET ("address") != NULL || GET ("postcode") != NULL)
        {
          Site *s = g_new0 (Site, 1);
          const char *lat = GET ("latitude"), *lon = GET ("longitude");

          s->capacity = -1;
          s->name = g_strdup (GET ("site_name") ? GET ("site_name") : GET ("address") ? GET ("address") : GET ("postcode"));
          s->address = g_strdup (GET ("address"));
          s->postcode = g_strdup (GET ("postcode"));
          if (lat != NULL && lon != NULL)
            {
              if (!stead_import_parse_double (lat, &s->lat) || !stead_import_parse_double (lon, &s->lon))
                {
                  stead_import_context_reject (context, line, index, row, n_row,
                                               _("latitude and longitude “%s”, “%s” are not numbers"), lat, lon);
                  site_free (s);
                  continue;
                }
              s->has_position = TRUE;
            }
          else if (s->postcode != NULL)
            s->has_position = stead_import_context_geocode (context, s->postcode, &s->lon, &s->lat);
          g_ptr_array_add (r->sites, s);
        }
#undef GET

      problem = check_record (context, r);
      if (problem != NULL)
        {
          stead_import_context_reject (context, line, index, row, n_row, "%s", problem);
          continue;
        }
      if (!write_record (context, r, error))
        {
          g_prefix_error (error, _("Line %llu: "), (unsigned long long) line);
          return FALSE;
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Writing                                                                  */

static gboolean
flush (GOutputStream  *stream,
       GString        *out,
       gboolean        force,
       GCancellable   *cancellable,
       GError        **error)
{
  if (!force && out->len < (1 << 16))
    return TRUE;
  if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (out, 0);
  return TRUE;
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  if (value == NULL || *value == '\0')
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
add_phone (JsonBuilder *b,
           const char  *number,
           const char  *description)
{
  if (number == NULL)
    return;
  json_builder_begin_object (b);
  add_string (b, "number", number);
  add_string (b, "type", "voice");
  add_string (b, "description", description);
  json_builder_end_object (b);
}

#define COL(stmt, i) ((const char *) sqlite3_column_text (stmt, i))

static gboolean
export_oruk (SteadExporter            *exporter,
             SteadWorkspace           *workspace,
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

  orgs = stead_workspace_prepare (workspace,
                                  "SELECT id, coalesce (source_id, 'stead-org-' || id), name, description, website, "
                                  "charity_number, company_number, type, tier, areas_served, notes "
                                  "FROM partners_organisation ORDER BY id", error);
  contacts = stead_workspace_prepare (workspace,
                                      "SELECT coalesce (source_id, 'stead-contact-' || id), name, role, phone, phone_24h, email "
                                      "FROM partners_contact WHERE organisation = ? ORDER BY id", error);
  sites = stead_workspace_prepare (workspace,
                                   "SELECT coalesce (source_id, 'stead-site-' || fid), name, address, postcode, what, capacity, "
                                   "geom FROM partners_site WHERE organisation = ? ORDER BY fid", error);
  caps = stead_workspace_prepare (workspace,
                                  "SELECT c.id, c.kind, c.quantity, c.conditions, c.lead_time_hours, "
                                  "coalesce (s.source_id, 'stead-site-' || s.fid), t.label "
                                  "FROM partners_capability c LEFT JOIN partners_site s ON s.fid = c.site "
                                  "LEFT JOIN taxonomy t ON t.vocabulary = 'resource-kind' AND t.code = c.kind "
                                  "WHERE c.organisation = ? ORDER BY c.id", error);
  if (orgs == NULL || contacts == NULL || sites == NULL || caps == NULL)
    return FALSE;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "organizations");
  json_builder_begin_array (b);
  while (sqlite3_step (orgs) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (orgs, 0);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      json_builder_begin_object (b);
      add_string (b, "id", COL (orgs, 1));
      add_string (b, "name", COL (orgs, 2));
      add_string (b, "description", COL (orgs, 3));
      add_string (b, "website", COL (orgs, 4));

      json_builder_set_member_name (b, "organization_identifiers");
      json_builder_begin_array (b);
      for (int i = 5; i <= 6; i++)
        if (COL (orgs, i) != NULL)
          {
            json_builder_begin_object (b);
            add_string (b, "identifier_scheme", i == 5 ? "GB-CHC" : "GB-COH");
            add_string (b, "identifier_type", i == 5 ? "Registered charity number" : "Company number");
            add_string (b, "identifier", COL (orgs, i));
            json_builder_end_object (b);
          }
      json_builder_end_array (b);

      /* Contacts hold personal data: only when asked for. */
      json_builder_set_member_name (b, "contacts");
      json_builder_begin_array (b);
      sqlite3_bind_int64 (contacts, 1, id);
      while (options->include_personal && sqlite3_step (contacts) == SQLITE_ROW)
        {
          json_builder_begin_object (b);
          add_string (b, "id", COL (contacts, 0));
          add_string (b, "name", COL (contacts, 1));
          add_string (b, "title", COL (contacts, 2));
          add_string (b, "email", COL (contacts, 5));
          json_builder_set_member_name (b, "phones");
          json_builder_begin_array (b);
          add_phone (b, COL (contacts, 3), NULL);
          add_phone (b, COL (contacts, 4), "24/7");
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      sqlite3_reset (contacts);
      json_builder_end_array (b);

      json_builder_set_member_name (b, "locations");
      json_builder_begin_array (b);
      sqlite3_bind_int64 (sites, 1, id);
      while (sqlite3_step (sites) == SQLITE_ROW)
        {
          double x, y;

          json_builder_begin_object (b);
          add_string (b, "id", COL (sites, 0));
          add_string (b, "location_type", "physical");
          add_string (b, "name", COL (sites, 1));
          add_string (b, "description", COL (sites, 4));
          if (stead_gpkg_blob_get_point (sqlite3_column_blob (sites, 6), sqlite3_column_bytes (sites, 6), &x, &y))
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
              add_string (b, "address_1", COL (sites, 2));
              add_string (b, "postal_code", COL (sites, 3));
              add_string (b, "country", "GB");
              add_string (b, "address_type", "physical");
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
      sqlite3_reset (sites);
      json_builder_end_array (b);

      json_builder_set_member_name (b, "services");
      json_builder_begin_array (b);
      sqlite3_bind_int64 (caps, 1, id);
      for (guint n = 1; sqlite3_step (caps) == SQLITE_ROW; n++)
        {
          /* Stable across export and re-import: the organisation's id and
           * the capability's place in it. */
          g_autofree char *service_id = g_strdup_printf ("%s-service-%u", COL (orgs, 1), n);

          json_builder_begin_object (b);
          add_string (b, "id", service_id);
          add_string (b, "name", COL (caps, 6) ? COL (caps, 6) : COL (caps, 1));
          add_string (b, "description", COL (caps, 3));
          add_string (b, "status", "active");
          json_builder_set_member_name (b, "x_stead");
          json_builder_begin_object (b);
          add_string (b, "kind", COL (caps, 1));
          json_builder_set_member_name (b, "quantity");
          json_builder_add_int_value (b, sqlite3_column_int64 (caps, 2));
          if (sqlite3_column_type (caps, 4) != SQLITE_NULL)
            {
              json_builder_set_member_name (b, "lead_time_hours");
              json_builder_add_int_value (b, sqlite3_column_int64 (caps, 4));
            }
          if (sqlite3_column_type (caps, 5) != SQLITE_NULL)
            add_string (b, "location_id", COL (caps, 5));
          json_builder_end_object (b);
          json_builder_end_object (b);
        }
      sqlite3_reset (caps);
      json_builder_end_array (b);

      /* What ORUK has no member for. */
      json_builder_set_member_name (b, "x_stead");
      json_builder_begin_object (b);
      add_string (b, "type", COL (orgs, 7));
      add_string (b, "tier", COL (orgs, 8));
      add_string (b, "areas_served", COL (orgs, 9));
      add_string (b, "notes", COL (orgs, 10));
      json_builder_end_object (b);

      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_stream (generator, stream, cancellable, error);
}

static gboolean
export_csv (SteadExporter            *exporter,
            SteadWorkspace           *workspace,
            GOutputStream            *stream,
            const SteadExportOptions *options,
            GCancellable             *cancellable,
            GError                  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  /* The first contact and site of each organisation, as the importer reads them. */
  static const char *header[] = {
    "id", "name", "type", "tier", "description", "website", "charity_number", "company_number", "areas_served",
    "notes", "contact_name", "contact_role", "phone", "phone_24h", "email", "site_name", "address", "postcode",
    "latitude", "longitude",
  };
  static const gboolean personal[G_N_ELEMENTS (header)] = { [10] = TRUE, [12] = TRUE, [13] = TRUE, [14] = TRUE };

  stmt = stead_workspace_prepare (workspace,
                                  "SELECT coalesce (o.source_id, 'stead-org-' || o.id), o.name, o.type, o.tier, o.description, "
                                  "o.website, o.charity_number, o.company_number, o.areas_served, o.notes, "
                                  "c.name, c.role, c.phone, c.phone_24h, c.email, s.name, s.address, s.postcode, s.geom "
                                  "FROM partners_organisation o "
                                  "LEFT JOIN partners_contact c ON c.id = (SELECT min (id) FROM partners_contact WHERE organisation = o.id) "
                                  "LEFT JOIN partners_site s ON s.fid = (SELECT min (fid) FROM partners_site WHERE organisation = o.id) "
                                  "ORDER BY o.id", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    {
      if (!options->include_personal && personal[i])
        continue;
      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append (out, header[i]);
    }
  g_string_append (out, "\r\n");

  /* An HXL hashtag row under the header, when asked (--option hxl=yes):
   * the tags the importer maps by. */
  if (options->options != NULL && g_hash_table_lookup (options->options, "hxl") != NULL &&
      !g_str_equal (g_hash_table_lookup (options->options, "hxl"), "no"))
    {
      gboolean first = TRUE;

      for (guint i = 0; i < G_N_ELEMENTS (header); i++)
        {
          const char *tag = NULL;

          if (!options->include_personal && personal[i])
            continue;
          for (guint f = 0; f < G_N_ELEMENTS (csv_fields); f++)
            if (g_str_equal (csv_fields[f].name, header[i]) && csv_fields[f].hxl != NULL)
              {
                g_autofree char *copy = g_strdup (csv_fields[f].hxl);
                char *semicolon = strchr (copy, ';');

                if (semicolon != NULL)
                  *semicolon = '\0';
                tag = g_intern_string (copy);
              }
          if (!first)
            g_string_append_c (out, ',');
          first = FALSE;
          if (tag != NULL)
            g_string_append (out, tag);
        }
      g_string_append (out, "\r\n");
    }

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double x, y;
      gboolean point = stead_gpkg_blob_get_point (sqlite3_column_blob (stmt, 18), sqlite3_column_bytes (stmt, 18), &x, &y);
      gboolean first = TRUE;

      for (guint i = 0; i < G_N_ELEMENTS (header); i++)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          const char *value;

          if (!options->include_personal && personal[i])
            continue;
          if (i < 18)
            value = COL (stmt, i);
          else
            value = point ? g_ascii_formatd (buf, sizeof buf, "%.6f", i == 18 ? y : x) : NULL;
          if (!first)
            g_string_append_c (out, ',');
          first = FALSE;
          stead_csv_append_field (out, value);
        }
      g_string_append (out, "\r\n");
      if (!flush (stream, out, FALSE, cancellable, error))
        return FALSE;
    }
  return flush (stream, out, TRUE, cancellable, error);
}

/* vCard 4.0 (RFC 6350): escaped values, lines folded at 75 octets. */
static void
vcard_escape (GString    *out,
              const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\' || *p == ',' || *p == ';')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p != '\r')
        g_string_append_c (out, *p);
    }
}

static void
vcard_line (GString    *out,
            const char *name,
            const char *value)
{
  g_autoptr(GString) line = g_string_new (name);
  gsize col = 0;

  if (value == NULL || *value == '\0')
    return;
  g_string_append_c (line, ':');
  vcard_escape (line, value);
  for (const char *p = line->str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize len = g_utf8_next_char (p) - p;

      /* Fold before a character that would pass 75 octets. */
      if (col + len > 75)
        {
          g_string_append (out, "\r\n ");
          col = 1;
        }
      g_string_append_len (out, p, len);
      col += len;
    }
  g_string_append (out, "\r\n");
}

static gboolean
export_vcard (SteadExporter            *exporter,
              SteadWorkspace           *workspace,
              GOutputStream            *stream,
              const SteadExportOptions *options,
              GCancellable             *cancellable,
              GError                  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  /* A vCard is nothing but a person's contact details. */
  if (!options->include_personal)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           _("Contacts are personal data: export them as vCards only when you choose to "
                             "include personal data (--include-personal)"));
      return FALSE;
    }

  stmt = stead_workspace_prepare (workspace,
                                  "SELECT c.id, c.name, c.role, c.phone, c.phone_24h, c.email, o.name "
                                  "FROM partners_contact c JOIN partners_organisation o ON o.id = c.organisation "
                                  "ORDER BY o.name, c.name", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *uid = g_strdup_printf ("urn:stead:partners-contact:%lld", (long long) sqlite3_column_int64 (stmt, 0));

      g_string_append (out, "BEGIN:VCARD\r\nVERSION:4.0\r\n");
      vcard_line (out, "FN", COL (stmt, 1));
      vcard_line (out, "ORG", COL (stmt, 6));
      vcard_line (out, "TITLE", COL (stmt, 2));
      vcard_line (out, "TEL;VALUE=text;TYPE=work,voice", COL (stmt, 3));
      vcard_line (out, "TEL;VALUE=text;TYPE=work,voice;PREF=1;X-STEAD-AVAILABILITY=24-7", COL (stmt, 4));
      vcard_line (out, "EMAIL;TYPE=work", COL (stmt, 5));
      vcard_line (out, "UID", uid);
      g_string_append (out, "END:VCARD\r\n");
      if (!flush (stream, out, FALSE, cancellable, error))
        return FALSE;
    }
  return flush (stream, out, TRUE, cancellable, error);
}

#undef COL

/* ------------------------------------------------------------------------ */
/* The GObjects                                                             */


/* JSON files are read as organisations whatever the fields: no column map. */
STEAD_DEFINE_IMPORTER (PartnersOrukImporter, partners_oruk_importer, "partners-oruk", N_("Partners (Open Referral UK JSON)"),
                 STEAD_EXTENSIONS ("json"), NULL, 0, PARTNERS_OWNER, run_oruk)
STEAD_DEFINE_IMPORTER (PartnersCsvImporter, partners_csv_importer, "partners-csv", N_("Partners (CSV)"),
                 STEAD_EXTENSIONS ("csv", "tsv"), csv_fields, G_N_ELEMENTS (csv_fields), PARTNERS_OWNER, run_csv)
STEAD_DEFINE_EXPORTER (PartnersOrukExporter, partners_oruk_exporter, "partners-oruk", N_("Partners (Open Referral UK JSON)"),
                 STEAD_EXTENSIONS ("json"), PARTNERS_OWNER, export_oruk)
STEAD_DEFINE_EXPORTER (PartnersCsvExporter, partners_csv_exporter, "partners-csv", N_("Partners (CSV)"),
                 STEAD_EXTENSIONS ("csv"), PARTNERS_OWNER, export_csv)
STEAD_DEFINE_EXPORTER (PartnersVcardExporter, partners_vcard_exporter, "partners-vcard", N_("Partner contacts (vCard 4.0)"),
                 STEAD_EXTENSIONS ("vcf"), PARTNERS_OWNER, export_vcard)
