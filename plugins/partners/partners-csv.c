/* partners-csv.c: partners as CSV, a row for each site and contact of an
 * organisation (whose columns repeat on each), read back as one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "partners"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "partners.h"
#include "partners-exchange-private.h"

static const SteadChoice partners_csv_tiers[] = {
  { "instrumental", N_("Instrumental") },
  { "contributing", N_("Contributing") },
  { "occasional", N_("Occasional") },
  { NULL }
};

/* The columns, in the order the export writes them. */
static const SteadField partners_csv_fields[] = {
  { "id", "identifier;ref;reference", "#org +id" },
  { "name", "organisation;organization;partner;org name", "#org +name;#org", TRUE,
    .label = N_("Name") },
  { "type", "organisation type;category", "#org +type", .type = STEAD_FIELD_TERM,
    .vocabulary = "partner-type", .label = N_("Type") },
  { "tier", NULL, NULL, .type = STEAD_FIELD_CHOICE, .choices = partners_csv_tiers,
    .label = N_("Tier") },
  { "description", "about;summary", "#description" },
  { "website", "web;url;web site", "#contact +url" },
  { "charity_number", "charity number;charity no;registered charity number", NULL },
  { "company_number", "company number;company no", NULL },
  { "areas_served", "areas served;area;coverage", "#adm2 +name" },
  { "notes", "note;comments", "#meta +notes" },
  { "contact_name", "contact;contact name", "#contact +name", .flags = STEAD_FIELD_PERSONAL },
  { "contact_role", "role;job title;title", "#contact +role" },
  { "phone", "telephone;tel;phone number", "#contact +phone", .flags = STEAD_FIELD_PERSONAL },
  { "phone_24h", "24/7;24 hour phone;out of hours;emergency phone", "#contact +phone +emergency",
    .flags = STEAD_FIELD_PERSONAL },
  { "email", "e-mail;email address", "#contact +email", .flags = STEAD_FIELD_PERSONAL },
  { "site_name", "site;location;premises", "#loc +name" },
  { "address", "street address;address 1", "#loc +address" },
  { "postcode", "post code;postal code", "#loc +postcode" },
  { "latitude", "lat", "#geo +lat", .type = STEAD_FIELD_DOUBLE, .label = N_("Latitude") },
  { "longitude", "lon;long;lng", "#geo +lon", .type = STEAD_FIELD_DOUBLE,
    .label = N_("Longitude") },
};

/* ------------------------------------------------------------------------ */
/* Import                                                                    */

static PartnersSite *
partners_csv_read_site (SteadImportRow *row)
{
  const char *name = NULL, *address = NULL, *postcode = NULL;
  PartnersSite *s;

  if (!stead_import_row_get_text (row, "site_name", &name) ||
      !stead_import_row_get_text (row, "address", &address) ||
      !stead_import_row_get_text (row, "postcode", &postcode))
    return NULL;
  if (name == NULL && address == NULL && postcode == NULL)
    return NULL;

  s = g_new0 (PartnersSite, 1);
  s->capacity = -1;
  s->name = g_strdup (name ? name : address ? address : postcode);
  s->address = g_strdup (address);
  s->postcode = g_strdup (postcode);
  if (stead_import_row_peek (row, "latitude") != NULL &&
      stead_import_row_peek (row, "longitude") != NULL)
    {
      if (!stead_import_row_get_double (row, "latitude", &s->lat) ||
          !stead_import_row_get_double (row, "longitude", &s->lon))
        {
          partners_site_free (s);
          return NULL;
        }
      s->has_position = TRUE;
    }
  else if (s->postcode != NULL)
    s->has_position = stead_import_context_geocode (stead_import_row_get_context (row), s->postcode,
                                                    &s->lon, &s->lat);
  return s;
}

/* The organisations of the file, by id, in the order first met: the rows
 * of one are its contacts and sites, one each a row. */
typedef struct
{
  GHashTable *by_key;    /* id -> PartnersCsvEntry */
  GPtrArray  *entries;
} PartnersCsvImport;

typedef struct
{
  PartnersRecord *record;
  guint64         line;
  guint64         index;
} PartnersCsvEntry;

static void
partners_csv_entry_free (PartnersCsvEntry *e)
{
  partners_record_free (e->record);
  g_free (e);
}

static gboolean
partners_csv_read_row (SteadImportRow  *row,
                       gpointer         user_data,
                       GError         **error)
{
  PartnersCsvImport *self = user_data;
  const char *text[10] = { NULL };
  const char *contact[5] = { NULL };
  static const char * const record_fields[] = {
    "id",      "name",           "type",           "tier",         "description",
    "website", "charity_number", "company_number", "areas_served", "notes",
  };
  static const char * const contact_fields[] = { "contact_name", "contact_role", "phone",
                                                "phone_24h", "email" };
  g_autofree char *key = NULL;
  PartnersCsvEntry *entry;
  PartnersRecord *r;
  PartnersSite *site;

  for (guint i = 0; i < G_N_ELEMENTS (record_fields); i++)
    if (!stead_import_row_get_string (row, record_fields[i], &text[i]))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (contact_fields); i++)
    if (!stead_import_row_get_text (row, contact_fields[i], &contact[i]))
      return TRUE;
  site = partners_csv_read_site (row);
  if (stead_import_row_is_rejected (row))
    return TRUE;

  /* A later row of the same organisation adds its next contact and site:
   * the same id anywhere in the file, or without ids the same name on the
   * row just before (two branches of one name further apart stay two). */
  if (text[0] != NULL)
    {
      key = g_strdup (text[0]);
      entry = g_hash_table_lookup (self->by_key, key);
    }
  else
    {
      PartnersCsvEntry *last =
        self->entries->len > 0 ? g_ptr_array_index (self->entries, self->entries->len - 1) : NULL;

      entry = last != NULL && last->record->source_id == NULL && text[1] != NULL &&
                  last->record->name != NULL &&
                  g_utf8_collate (last->record->name, text[1]) == 0
                ? last
                : NULL;
    }
  if (entry == NULL)
    {
      entry = g_new0 (PartnersCsvEntry, 1);
      entry->record = r = partners_record_new ();
      entry->line = stead_import_row_get_line (row);
      entry->index = stead_import_row_get_index (row);
      r->source_id = g_strdup (text[0]);
      r->name = g_strdup (text[1]);
      r->type = g_strdup (text[2]);
      r->tier = g_strdup (text[3]);
      r->description = g_strdup (text[4]);
      r->website = g_strdup (text[5]);
      r->charity_number = g_strdup (text[6]);
      r->company_number = g_strdup (text[7]);
      r->areas_served = g_strdup (text[8]);
      if (text[9] != NULL)
        g_string_append (r->notes, text[9]);
      r->extra = stead_import_row_dup_extra (row);
      g_ptr_array_add (self->entries, entry);
      if (key != NULL)
        g_hash_table_insert (self->by_key, g_steal_pointer (&key), entry);
    }
  r = entry->record;
  if (contact[0] != NULL || contact[2] != NULL || contact[3] != NULL || contact[4] != NULL)
    {
      PartnersContact *c = g_new0 (PartnersContact, 1);

      c->name = g_strdup (contact[0] ? contact[0] : _("Contact"));
      c->role = g_strdup (contact[1]);
      c->phone = g_strdup (contact[2]);
      c->phone_24h = g_strdup (contact[3]);
      c->email = g_strdup (contact[4]);
      g_ptr_array_add (r->contacts, c);
    }
  if (site != NULL)
    g_ptr_array_add (r->sites, site);
  return TRUE;
}

static gboolean
partners_csv_run (SteadImportContext  *context,
                  GError             **error)
{
  PartnersCsvImport self;
  gboolean ok;

  self.by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.entries = g_ptr_array_new_with_free_func ((GDestroyNotify) partners_csv_entry_free);
  ok = stead_import_context_foreach_row (context, NULL, partners_csv_read_row, &self, error);
  for (guint i = 0; ok && i < self.entries->len; i++)
    {
      PartnersCsvEntry *e = g_ptr_array_index (self.entries, i);
      g_autofree char *problem = partners_record_check (context, e->record);

      if (problem != NULL)
        stead_import_context_reject (context, e->line, e->index, NULL, 0, "%s", problem);
      else
        ok = partners_record_write (context, e->record, error);
    }
  g_hash_table_unref (self.by_key);
  g_ptr_array_unref (self.entries);
  return ok;
}

const SteadImportFormat partners_csv_import = {
  .id = "partners-csv",
  .title = N_("Partners (CSV)"),
  .extensions = STEAD_EXTENSIONS ("csv", "tsv"),
  .fields = partners_csv_fields,
  .n_fields = G_N_ELEMENTS (partners_csv_fields),
  .run = partners_csv_run,
  .domain = GETTEXT_PACKAGE,
};

/* ------------------------------------------------------------------------ */
/* Export                                                                    */

static gboolean
partners_csv_wants_hxl (const SteadExportOptions *options)
{
  const char *hxl = options->options != NULL ? g_hash_table_lookup (options->options, "hxl") : NULL;
  gboolean value = FALSE;

  return hxl != NULL && (!stead_parse_bool (hxl, &value) || value);
}

/* The first of a field's HXL tags, the one the importer maps by. */
static void
partners_csv_add_hxl (SteadCsvWriter   *writer,
                      const SteadField *field)
{
  g_auto(GStrv) tags = field->hxl != NULL ? g_strsplit (field->hxl, ";", 2) : NULL;

  stead_csv_writer_add (writer, tags != NULL ? tags[0] : NULL);
}

/* The column each of partners_csv_fields is read from, for the personal
 * data stead_personal_data lists. */
static const char * const partners_csv_sources[] = {
  "partners_organisation.source_id", "partners_organisation.name",
  "partners_organisation.type", "partners_organisation.tier",
  "partners_organisation.description", "partners_organisation.website",
  "partners_organisation.charity_number", "partners_organisation.company_number",
  "partners_organisation.areas_served", "partners_organisation.notes",
  "partners_contact.name", "partners_contact.role", "partners_contact.phone",
  "partners_contact.phone_24h", "partners_contact.email",
  "partners_site.name", "partners_site.address", "partners_site.postcode",
  "partners_site.geom", "partners_site.geom",
};
G_STATIC_ASSERT (G_N_ELEMENTS (partners_csv_sources) == G_N_ELEMENTS (partners_csv_fields));

static gboolean
partners_csv_export_run (SteadWorkspace            *workspace,
                         GOutputStream             *stream,
                         const SteadExportOptions  *options,
                         GCancellable              *cancellable,
                         GError                   **error)
{
  g_autoptr(SteadCsvWriter) writer = stead_csv_writer_new (stream, cancellable);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) contacts = NULL;
  g_autoptr(sqlite3_stmt) sites = NULL;
  g_autoptr(GHashTable) personal = stead_export_list_personal (workspace, error);
  g_autofree char *uid = stead_workspace_dup_uid (workspace);
  gboolean kept[G_N_ELEMENTS (partners_csv_fields)];
  SteadRows rows;

  if (personal == NULL)
    return FALSE;

  /* The organisation's columns of partners_csv_fields, then a row for
   * each of its contacts and sites: row n holds the n-th of each. */
  stmt = stead_workspace_prepare (
    workspace,
    "SELECT o.id, o.name, o.type, o.tier, o.description, o.website, o.charity_number, "
    "o.company_number, o.areas_served, o.notes, o.source_id "
    "FROM partners_organisation o ORDER BY o.id",
    error);
  if (stmt == NULL)
    return FALSE;
  contacts = stead_workspace_prepare (workspace,
                                      "SELECT name, role, phone, phone_24h, email "
                                      "FROM partners_contact WHERE organisation = ? ORDER BY id",
                                      error);
  sites = stead_workspace_prepare (workspace,
                                   "SELECT name, address, postcode, geom "
                                   "FROM partners_site WHERE organisation = ? ORDER BY fid",
                                   error);
  if (contacts == NULL || sites == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (partners_csv_fields); i++)
    {
      /* Left out if the field says so or the workspace lists its column. */
      kept[i] = options->include_personal ||
                (!(partners_csv_fields[i].flags & STEAD_FIELD_PERSONAL) &&
                 !g_hash_table_contains (personal, partners_csv_sources[i]));
      if (kept[i])
        stead_csv_writer_add (writer, partners_csv_fields[i].name);
    }
  if (!stead_csv_writer_end_row (writer, error))
    return FALSE;
  if (partners_csv_wants_hxl (options))
    {
      for (guint i = 0; i < G_N_ELEMENTS (partners_csv_fields); i++)
        if (kept[i])
          partners_csv_add_hxl (writer, &partners_csv_fields[i]);
      if (!stead_csv_writer_end_row (writer, error))
        return FALSE;
    }

  rows = (SteadRows) STEAD_ROWS_INIT (stmt, "partners_organisation");
  while (stead_rows_next (&rows))
    {
      g_autofree char *id =
        stead_export_stable_id (uid, "partners_organisation", sqlite3_column_int64 (stmt, 0),
                                (const char *) sqlite3_column_text (stmt, 10));
      SteadRows contact_rows = STEAD_ROWS_INIT (contacts, "partners_contact");
      SteadRows site_rows = STEAD_ROWS_INIT (sites, "partners_site");
      gboolean more_contacts = TRUE, more_sites = TRUE;

      sqlite3_bind_int64 (contacts, 1, sqlite3_column_int64 (stmt, 0));
      sqlite3_bind_int64 (sites, 1, sqlite3_column_int64 (stmt, 0));
      for (guint n = 0;; n++)
        {
          gboolean contact, site, point;
          double x = 0, y = 0;

          contact = more_contacts && (more_contacts = stead_rows_next (&contact_rows));
          site = more_sites && (more_sites = stead_rows_next (&site_rows));
          if (n > 0 && !contact && !site)
            break;
          point = site && stead_gpkg_blob_get_point (sqlite3_column_blob (sites, 3),
                                                     sqlite3_column_bytes (sites, 3), &x, &y);
          for (guint i = 0; i < G_N_ELEMENTS (partners_csv_fields); i++)
            {
              if (!kept[i])
                continue;
              if (i == 0)
                stead_csv_writer_add (writer, id);
              else if (i < 10)
                stead_csv_writer_add (writer, (const char *) sqlite3_column_text (stmt, i));
              else if (i < 15)
                stead_csv_writer_add (
                  writer, contact ? (const char *) sqlite3_column_text (contacts, i - 10) : NULL);
              else if (i < 18)
                stead_csv_writer_add (
                  writer, site ? (const char *) sqlite3_column_text (sites, i - 15) : NULL);
              else if (point)
                stead_csv_writer_add_double (writer, i == 18 ? y : x, 6);
              else
                stead_csv_writer_add (writer, NULL);
            }
          if (!stead_csv_writer_end_row (writer, error))
            return FALSE;
        }
      if (!stead_rows_end (&contact_rows, error) || !stead_rows_end (&site_rows, error))
        return FALSE;
      sqlite3_reset (contacts);
      sqlite3_reset (sites);
    }
  return stead_rows_end (&rows, error) && stead_csv_writer_finish (writer, error);
}

static const SteadFormatOption partners_csv_export_options[] = {
  { "hxl", N_("yes: a row of HXL hashtags under the header"), N_("HXL hashtags"),
    STEAD_FIELD_BOOL },
  { NULL }
};

const SteadExportFormat partners_csv_export = {
  .id = "partners-csv",
  .title = N_("Partners (CSV)"),
  .extensions = STEAD_EXTENSIONS ("csv"),
  .options = partners_csv_export_options,
  .run = partners_csv_export_run,
  .domain = GETTEXT_PACKAGE,
};
