/* groups-psr.c: Priority Services Register household extracts (CSV)
 *
 * An energy or water company shares its Priority Services Register with
 * the partnership under a data-sharing agreement: a row per household
 * with the supplier's reference, the postcode (and often the UPRN), the
 * PSR needs codes ("14;22", "14 22", or a column each) and the contact.
 * Extracts differ by supplier, so the columns are found by name. Each
 * import makes a new household list, with the agreement it came under,
 * its lawful basis and the date it must be deleted; every household is
 * placed at its postcode in the workspace's postcode directory, in the
 * ward there. A row that cannot be placed is rejected by its line, and
 * then nothing is imported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "groups"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "groups.h"

static const SteadField groups_psr_fields[] = {
  { "reference", "ref;customer reference;customer ref;psr reference;psr ref;account;"
    "account number;account no;customer number;customer id;mpan;mprn;supply number;id",
    "#household +code", TRUE, .label = N_("Reference"), .flags = STEAD_FIELD_PERSONAL },
  { "postcode", "post code;postal code;pcd;premises postcode;supply postcode", "#loc +postcode",
    .label = N_("Postcode"), .flags = STEAD_FIELD_PERSONAL },
  { "uprn", "unique property reference number;property reference", "#loc +uprn",
    .label = N_("UPRN"), .flags = STEAD_FIELD_PERSONAL },
  { "needs", "needs codes;needs code;psr codes;psr code;psr needs;psr needs codes;"
    "vulnerability codes;vulnerability;needs", "#indicator +psr", .label = N_("PSR Needs Codes"),
    .flags = STEAD_FIELD_PERSONAL },
  { "need_1", "need 1;needs code 1;need code 1;psr code 1;code 1", NULL,
    .label = N_("PSR Needs Code 1"), .flags = STEAD_FIELD_PERSONAL },
  { "need_2", "need 2;needs code 2;need code 2;psr code 2;code 2", NULL,
    .label = N_("PSR Needs Code 2"), .flags = STEAD_FIELD_PERSONAL },
  { "need_3", "need 3;needs code 3;need code 3;psr code 3;code 3", NULL,
    .label = N_("PSR Needs Code 3"), .flags = STEAD_FIELD_PERSONAL },
  { "need_4", "need 4;needs code 4;need code 4;psr code 4;code 4", NULL,
    .label = N_("PSR Needs Code 4"), .flags = STEAD_FIELD_PERSONAL },
  { "need_5", "need 5;needs code 5;need code 5;psr code 5;code 5", NULL,
    .label = N_("PSR Needs Code 5"), .flags = STEAD_FIELD_PERSONAL },
  { "need_6", "need 6;needs code 6;need code 6;psr code 6;code 6", NULL,
    .label = N_("PSR Needs Code 6"), .flags = STEAD_FIELD_PERSONAL },
  { "name", "customer name;full name;householder;account holder;contact name;surname",
    "#contact +name", .label = N_("Name"), .flags = STEAD_FIELD_PERSONAL },
  { "phone", "telephone;telephone number;phone number;contact number;tel;mobile",
    "#contact +phone", .label = N_("Phone"), .flags = STEAD_FIELD_PERSONAL },
  { "address", "address line 1;address 1;full address;premises address;supply address",
    "#loc +address", .label = N_("Address"), .flags = STEAD_FIELD_PERSONAL },
};

static const char * const groups_psr_need_columns[] = {
  "need_1", "need_2", "need_3", "need_4", "need_5", "need_6",
};

static void
groups_psr_place_free (gpointer data)
{
  groups_household_place_clear (data);
  g_free (data);
}

/* Households are written this many to a statement: a statement's own
 * work (its cursors, the table's AUTOINCREMENT counter read and written
 * back) was a third of a row's. */
#define GROUPS_PSR_BATCH   64
#define GROUPS_PSR_COLUMNS 10

/* A household checked and waiting for its batch; the texts are the
 * import's (the reference's set, the needs' cache, the batch's chunk). */
typedef struct
{
  const GroupsHouseholdPlace *place;
  const char                 *reference;
  const char                 *uprn;
  const char                 *needs;
  const char                 *name;
  const char                 *phone;
  const char                 *address;
} GroupsPsrHousehold;

typedef struct
{
  SteadImportContext *context;
  SteadTransaction   *txn;
  gint64              list;
  GHashTable         *places;       /* normalized postcode → GroupsHouseholdPlace */
  GHashTable         *references;   /* references seen: each once per list */
  GHashTable         *needs;        /* codes as written → normalized: a list repeats a few */
  SteadBulkIndex     *bulk;
  GStringChunk       *texts;        /* the waiting households' other texts */
  sqlite3_stmt       *insert;       /* a whole batch */
  GroupsPsrHousehold  waiting[GROUPS_PSR_BATCH];
  guint               n_waiting;
} GroupsPsrImport;

/* INSERT … VALUES (?, …), … for @n households, ?1… bound in order. */
static char *
groups_psr_insert_sql (guint n)
{
  GString *sql = g_string_new ("INSERT INTO groups_household (geom, list, reference, postcode, "
                               "uprn, needs, name, phone, address, area) VALUES ");

  for (guint i = 0; i < n; i++)
    g_string_append (sql, i > 0 ? ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                : "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  return g_string_free (sql, FALSE);
}

/* As STEAD_TEXT binds: NULL or empty text is NULL. */
static void
groups_psr_bind_text (sqlite3_stmt *stmt,
                      int           column,
                      const char   *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
}

/* Writes the waiting households in one statement; their fids follow
 * each other (AUTOINCREMENT), the last one's the statement's last. */
static gboolean
groups_psr_flush (GroupsPsrImport  *self,
                  GError          **error)
{
  g_autoptr(sqlite3_stmt) partial = NULL;
  sqlite3_stmt *stmt;
  gint64 first;
  gboolean ok;

  if (self->n_waiting == 0)
    return TRUE;
  if (self->n_waiting < GROUPS_PSR_BATCH)
    {
      g_autofree char *sql = groups_psr_insert_sql (self->n_waiting);

      stmt = partial = stead_transaction_prepare (self->txn, sql, error);
    }
  else
    {
      if (self->insert == NULL)
        {
          g_autofree char *sql = groups_psr_insert_sql (GROUPS_PSR_BATCH);

          self->insert = stead_transaction_prepare (self->txn, sql, error);
        }
      stmt = self->insert;
    }
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < self->n_waiting; i++)
    {
      const GroupsPsrHousehold *h = &self->waiting[i];
      int c = (int) (i * GROUPS_PSR_COLUMNS);

      sqlite3_bind_blob (stmt, c + 1, g_bytes_get_data (h->place->blob, NULL),
                         (int) g_bytes_get_size (h->place->blob), SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, c + 2, self->list);
      sqlite3_bind_text (stmt, c + 3, h->reference, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, c + 4, h->place->postcode, -1, SQLITE_STATIC);
      groups_psr_bind_text (stmt, c + 5, h->uprn);
      groups_psr_bind_text (stmt, c + 6, h->needs);
      groups_psr_bind_text (stmt, c + 7, h->name);
      groups_psr_bind_text (stmt, c + 8, h->phone);
      groups_psr_bind_text (stmt, c + 9, h->address);
      if (h->place->ward > 0)
        sqlite3_bind_int64 (stmt, c + 10, h->place->ward);
      else
        sqlite3_bind_null (stmt, c + 10);
    }
  ok = stead_transaction_step (self->txn, stmt, error);
  sqlite3_clear_bindings (stmt);
  if (!ok)
    return FALSE;
  first = sqlite3_last_insert_rowid (sqlite3_db_handle (stmt)) - self->n_waiting + 1;
  for (guint i = 0; i < self->n_waiting; i++)
    stead_bulk_index_add (self->bulk, first + i, self->waiting[i].place->lon,
                          self->waiting[i].place->lat);
  stead_import_context_added (self->context, self->n_waiting);
  self->n_waiting = 0;
  g_string_chunk_clear (self->texts);
  return TRUE;
}

/* A household's text for its batch: NULL for none. */
static const char *
groups_psr_keep (GroupsPsrImport *self,
                 const char      *text)
{
  return text != NULL && *text != '\0' ? g_string_chunk_insert (self->texts, text) : NULL;
}

/* The postcode's place and ward, looked up once per postcode. */
static const GroupsHouseholdPlace *
groups_psr_place (GroupsPsrImport  *self,
                  const char       *postcode,
                  GError          **error)
{
  g_autofree char *key = stead_postcode_normalize (postcode);
  GroupsHouseholdPlace *place;

  if (key == NULL)
    key = g_strdup (postcode);
  place = g_hash_table_lookup (self->places, key);
  if (place != NULL)
    return place;
  place = g_new0 (GroupsHouseholdPlace, 1);
  place->found = stead_import_context_geocode (self->context, postcode, &place->lon, &place->lat);
  if (place->found)
    {
      gsize len = strlen (key);

      place->ward = groups_households_ward_at (self->txn, place->lon, place->lat, error);
      if (place->ward < 0)
        {
          groups_psr_place_free (place);
          return NULL;
        }
      /* Kept as the directory writes it: "GL20 5AD", however it was typed. */
      place->postcode = len > 3 ? g_strdup_printf ("%.*s %s", (int) (len - 3), key, key + len - 3)
                                : g_strdup (key);
      groups_household_place_set_point (place);
    }
  g_hash_table_insert (self->places, g_steal_pointer (&key), place);
  return place;
}

static gboolean
groups_psr_import_row (SteadImportRow  *row,
                       gpointer         user_data,
                       GError         **error)
{
  GroupsPsrImport *self = user_data;
  g_autoptr(GString) codes = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  const char *needs;
  char *kept;
  const char *reference = NULL, *postcode = NULL, *uprn = NULL;
  const char *name = NULL, *phone = NULL, *address = NULL, *text = NULL;
  const GroupsHouseholdPlace *place;

  if (!stead_import_row_get_text (row, "reference", &reference) ||
      !stead_import_row_get_text (row, "postcode", &postcode) ||
      !stead_import_row_get_text (row, "uprn", &uprn) ||
      !stead_import_row_get_text (row, "needs", &text) ||
      !stead_import_row_get_text (row, "name", &name) ||
      !stead_import_row_get_text (row, "phone", &phone) ||
      !stead_import_row_get_text (row, "address", &address))
    return TRUE;
  if (text != NULL)
    g_string_append (codes, text);
  for (guint i = 0; i < G_N_ELEMENTS (groups_psr_need_columns); i++)
    {
      const char *code = stead_import_row_peek (row, groups_psr_need_columns[i]);

      if (code != NULL)
        g_string_append_printf (codes, " %s", code);
    }
  needs = g_hash_table_lookup (self->needs, codes->str);
  if (needs == NULL)
    {
      char *normal = groups_psr_normalize_needs (codes->str, &local_error);

      if (normal == NULL)
        {
          stead_import_row_reject (row, "%s", local_error->message);
          return TRUE;
        }
      g_hash_table_insert (self->needs, g_strdup (codes->str), normal);
      needs = normal;
    }
  if (postcode == NULL)
    {
      stead_import_row_reject (row, uprn != NULL
                                      ? _("no postcode: a household is placed by its postcode, "
                                          "and a UPRN alone cannot be placed offline")
                                      : _("no postcode: a household is placed by its postcode"));
      return TRUE;
    }
  place = groups_psr_place (self, postcode, error);
  if (place == NULL)
    return FALSE;
  if (!place->found)
    {
      stead_import_row_reject (
        row, _("postcode “%s” is not in the workspace’s postcode directory"), postcode);
      return TRUE;
    }
  if (g_hash_table_contains (self->references, reference))
    {
      stead_import_row_reject (row, _("reference “%s” is given twice"), reference);
      return TRUE;
    }
  kept = g_strdup (reference);
  g_hash_table_add (self->references, kept);
  self->waiting[self->n_waiting++] = (GroupsPsrHousehold) {
    place, kept, groups_psr_keep (self, uprn), needs, groups_psr_keep (self, name),
    groups_psr_keep (self, phone), groups_psr_keep (self, address)
  };
  return self->n_waiting < GROUPS_PSR_BATCH || groups_psr_flush (self, error);
}

static gboolean
groups_psr_option_error (GError     **error,
                         const char  *message,
                         const char  *value)
{
  g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION, message, value);
  return FALSE;
}

static gboolean
groups_psr_import (SteadImportContext  *context,
                   GError             **error)
{
  SteadWorkspace *workspace = stead_import_context_get_workspace (context);
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  const char *name = stead_import_context_get_option (context, "list");
  const char *group_text = stead_import_context_get_option (context, "group");
  const char *agreement_text = stead_import_context_get_option (context, "agreement");
  const char *basis = stead_import_context_get_option (context, "lawful-basis");
  const char *retention_text = stead_import_context_get_option (context, "retention");
  const char *received_text = stead_import_context_get_option (context, "received");
  g_autoptr(GHashTable) places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        groups_psr_place_free);
  g_autoptr(SteadBulkIndex) bulk = NULL;
  g_autoptr(GHashTable) references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            NULL);
  g_autoptr(GHashTable) needs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *today = groups_households_today ();
  g_autofree char *retention = NULL;
  g_autofree char *received = NULL;
  g_autofree char *source = g_file_get_basename (stead_import_context_get_file (context));
  SteadRecordProvider *provider;
  gint64 group = 0, agreement = 0;
  gboolean points, ok;
  GroupsPsrImport self = { context, txn, 0, places, references, needs };

  if (name == NULL || *name == '\0')
    return groups_psr_option_error (error, _("Choose a “%s”: the new household list’s name"),
                                    _("List Name"));
  if (stead_workspace_query_int64 (workspace,
                                   "SELECT count (*) FROM groups_household_list "
                                   "WHERE name = ?1 COLLATE NOCASE",
                                   STEAD_ARGS (STEAD_STRING (name))) > 0)
    return groups_psr_option_error (error, _("There is already a household list called “%s”"),
                                    name);
  if (basis == NULL || stead_choice_get_label (groups_lawful_bases, basis) == NULL)
    return groups_psr_option_error (error, _("Choose a “%s”"), _("Lawful Basis"));
  if (retention_text == NULL || (retention = stead_parse_day (retention_text)) == NULL)
    return groups_psr_option_error (error, _("Give a “%s”: the day the list must be deleted"),
                                    _("Delete On"));
  if (g_strcmp0 (retention, today) <= 0)
    return groups_psr_option_error (error, _("The list would be deleted as soon as it is "
                                             "imported: “Delete On” (%s) must be after today"),
                                    retention);
  if (received_text == NULL)
    received = g_strdup (today);
  else if ((received = stead_parse_day (received_text)) == NULL)
    return groups_psr_option_error (error, _("“%s” is not a date"), received_text);
  else if (g_strcmp0 (received, today) > 0)
    return groups_psr_option_error (error, _("The list cannot have been received on %s, "
                                             "after today"),
                                    received);
  if (group_text != NULL && *group_text != '\0')
    {
      group = stead_workspace_query_int64 (workspace,
                                           "SELECT id FROM groups_group WHERE name = ?1 "
                                           "COLLATE NOCASE OR CAST (id AS TEXT) = ?1 "
                                           "ORDER BY id LIMIT 1",
                                           STEAD_ARGS (STEAD_STRING (group_text)));
      if (group == 0)
        return groups_psr_option_error (error, _("There is no target group “%s”"), group_text);
    }
  provider = stead_workspace_get_provider (workspace, "agreement");
  if (agreement_text == NULL || *agreement_text == '\0')
    return groups_psr_option_error (error, _("Choose the “%s” the list came under"),
                                    _("Data-Sharing Agreement"));
  if (provider == NULL)
    return groups_psr_option_error (error, _("There is no agreement “%s”: switch the Partners "
                                             "plugin on to keep agreements"),
                                    agreement_text);
  agreement = stead_record_provider_find (provider, "agreement", agreement_text);
  if (agreement == 0)
    {
      gint64 id = g_ascii_strtoll (agreement_text, NULL, 10);

      if (id > 0 && stead_record_provider_exists (provider, "agreement", id))
        agreement = id;
    }
  if (agreement == 0)
    return groups_psr_option_error (error, _("There is no data-sharing agreement “%s”"),
                                    agreement_text);
  /* Whether the agreement lets households be drawn as points: the
   * partners' facts of the kind say. */
  {
    g_autoptr(GHashTable) allowed = groups_households_agreements_allowing_points (workspace);

    points = g_hash_table_contains (allowed, &agreement);
  }

  self.list = stead_transaction_run (
    txn,
    "INSERT INTO groups_household_list (name, group_id, agreement, lawful_basis, received, "
    "retention, points_allowed, source, imported) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
    "strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))",
    STEAD_ARGS (STEAD_STRING (name), STEAD_INT_OR_NULL (group, group > 0), STEAD_INT (agreement),
                STEAD_STRING (basis), STEAD_STRING (received), STEAD_STRING (retention),
                STEAD_INT (points), STEAD_TEXT (source)),
    error);
  if (self.list < 0)
    return FALSE;
  /* 200,000 households: their R-tree built once, not row by row. */
  bulk = self.bulk = stead_bulk_index_begin (txn, "groups_household", error);
  if (bulk == NULL)
    return FALSE;
  self.texts = g_string_chunk_new (4096);
  ok = stead_import_context_foreach_row (context, NULL, groups_psr_import_row, &self, error) &&
       groups_psr_flush (&self, error) && stead_bulk_index_finish (bulk, error);
  g_clear_pointer (&self.insert, sqlite3_finalize);
  g_string_chunk_free (self.texts);
  return ok;
}

const SteadImportFormat groups_psr_format = {
  .id = "groups-psr-csv",
  .title = N_("Priority Services Register households (CSV)"),
  .extensions = STEAD_EXTENSIONS ("csv", "tsv", "txt"),
  .fields = groups_psr_fields,
  .n_fields = G_N_ELEMENTS (groups_psr_fields),
  .options = (const SteadFormatOption[]) {
    { "list", N_("The name of the new household list"), N_("List Name") },
    { "agreement", N_("The data-sharing agreement the list came under (its title)"),
      N_("Data-Sharing Agreement") },
    { "lawful-basis", N_("The UK GDPR basis the list is held on"), N_("Lawful Basis"),
      STEAD_FIELD_CHOICE, NULL, groups_lawful_bases },
    { "retention", N_("The day the list must be deleted (YYYY-MM-DD), after today"),
      N_("Delete On") },
    { "received", N_("The day the list was received (YYYY-MM-DD; today if not given)"),
      N_("Received") },
    { "group", N_("The target group the households belong to (its name)"), N_("Target Group") },
    { NULL } },
  .run = groups_psr_import,
  .domain = GETTEXT_PACKAGE,
  /* Undo would keep every household in memory: the list is removed or
   * purged instead. */
  .flags = STEAD_IMPORT_NOT_UNDOABLE,
};
