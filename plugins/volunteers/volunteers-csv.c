/* volunteers-csv.c: the register as CSV, a volunteer a row
 *
 * Columns are mapped by the volunteer's fields (volunteers.h), so a header
 * of "Full name", "Mobile", "Post code" is read as well as the export's
 * own. The home postcode is geocoded from the workspace's directory; the
 * skills cell lists skills by code or label, "first-aid; driving". An
 * import is all or nothing: a bad row is rejected by its line and, unless
 * the user chose to skip rejects, nothing is imported. The export leaves
 * personal columns out unless personal data is asked for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "volunteers.h"
#include "volunteers-private.h"

/* The fields read as text, as they are numbered in
 * volunteers_volunteer_fields (the table's own columns); the rest are
 * postcode (3), radius_km (4), organisation (8) and skills (23). */
enum
{
  VOLUNTEERS_CSV_POSTCODE = 3,
  VOLUNTEERS_CSV_RADIUS = 4,
  VOLUNTEERS_CSV_ORGANISATION = 8,
  VOLUNTEERS_CSV_N_COLUMNS = 23,   /* name … review: columns of volunteers_volunteer */
  VOLUNTEERS_CSV_SKILLS = 23,
};

#define VOLUNTEERS_CSV_INSERT                                                     \
  "INSERT INTO volunteers_volunteer (geom, name, phone, email, postcode, radius_km, travel, " \
  "  languages, affiliation, organisation, mutual_aid, dbs_level, dbs_scheme, dbs_number, " \
  "  dbs_date, id_checked, badge_number, badge_issued, badge_returned, emergency_name, "  \
  "  emergency_phone, status, consent, review, extra) "                           \
  "VALUES (?1, ?2, ?3, ?4, ?5, coalesce (?6, 5), coalesce (?7, 'foot'), ?8, "      \
  "  coalesce (?9, CASE WHEN ?10 IS NOT NULL THEN 'partner' ELSE 'spontaneous' END), " \
  "  ?10, ?11, coalesce (?12, 'none'), coalesce (?13, 'dbs'), ?14, ?15, ?16, ?17, ?18, " \
  "  ?19, ?20, ?21, coalesce (?22, 'active'), ?23, ?24, ?25)"

typedef struct
{
  GHashTable     *skills;   /* code, and label folded, -> code */
  SteadBulkIndex *bulk;
  sqlite3_stmt   *insert;
  sqlite3_stmt   *skill;
} VolunteersCsvImport;

static gboolean
volunteers_csv_load_skills (SteadTransaction  *txn,
                            GHashTable        *skills,
                            GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    stead_transaction_prepare (txn,
                               "SELECT code, label FROM taxonomy WHERE vocabulary = 'skill'",
                               error);

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      const char *label = (const char *) sqlite3_column_text (stmt, 1);

      g_hash_table_insert (skills, g_utf8_casefold (code, -1), g_strdup (code));
      if (label != NULL)
        g_hash_table_insert (skills, g_utf8_casefold (label, -1), g_strdup (code));
    }
  return TRUE;
}

/* "first-aid; Driving" as codes, or NULL having rejected the row. */
static GPtrArray *
volunteers_csv_read_skills (VolunteersCsvImport *self,
                            SteadImportRow      *row)
{
  const char *text = stead_import_row_peek (row, "skills");
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return g_steal_pointer (&codes);
  parts = g_strsplit_set (text, ";,", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *folded = g_utf8_casefold (g_strstrip (parts[i]), -1);
      const char *code;

      if (*folded == '\0')
        continue;
      code = g_hash_table_lookup (self->skills, folded);
      if (code == NULL)
        {
          stead_import_row_reject (row, _("“%s” is not a skill of the workspace’s list"),
                                   parts[i]);
          return NULL;
        }
      if (!g_ptr_array_find_with_equal_func (codes, code, g_str_equal, NULL))
        g_ptr_array_add (codes, (gpointer) code);
    }
  return g_steal_pointer (&codes);
}

static gboolean
volunteers_csv_import_row (SteadImportRow  *row,
                           gpointer         user_data,
                           GError         **error)
{
  VolunteersCsvImport *self = user_data;
  SteadImportContext *context = stead_import_row_get_context (row);
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  const char *text[VOLUNTEERS_CSV_N_COLUMNS] = { NULL };
  g_autoptr(GPtrArray) skills = NULL;
  g_autofree char *extra = NULL;
  guint8 point[29];
  gboolean has_point = FALSE;
  double radius = -1, lon = 0, lat = 0;
  gint64 organisation = 0, fid;

  for (guint i = 0; i < VOLUNTEERS_CSV_N_COLUMNS; i++)
    if (i != VOLUNTEERS_CSV_RADIUS && i != VOLUNTEERS_CSV_ORGANISATION &&
        !stead_import_row_get_string (row, volunteers_volunteer_fields[i].name, &text[i]))
      return TRUE;
  if (!stead_import_row_get_double (row, "radius_km", &radius) ||
      !stead_import_row_get_record (row, "organisation", &organisation))
    return TRUE;
  if (stead_import_row_peek (row, "radius_km") != NULL && radius < 0)
    {
      stead_import_row_reject (row, _("A travel radius cannot be below 0 km"));
      return TRUE;
    }
  if (text[VOLUNTEERS_CSV_POSTCODE] != NULL)
    {
      if (!stead_import_context_geocode (context, text[VOLUNTEERS_CSV_POSTCODE], &lon, &lat))
        {
          stead_import_row_reject (row, _("“%s” is not a postcode of the workspace’s directory"),
                                   text[VOLUNTEERS_CSV_POSTCODE]);
          return TRUE;
        }
      stead_gpkg_point_blob (point, lon, lat);
      has_point = TRUE;
    }
  if ((skills = volunteers_csv_read_skills (self, row)) == NULL)
    return TRUE;
  extra = stead_import_row_dup_extra (row);

  sqlite3_reset (self->insert);
  sqlite3_clear_bindings (self->insert);
  if (has_point)
    sqlite3_bind_blob (self->insert, 1, point, sizeof point, SQLITE_STATIC);
  for (guint i = 0; i < VOLUNTEERS_CSV_N_COLUMNS; i++)
    if (text[i] != NULL && *text[i] != '\0')
      sqlite3_bind_text (self->insert, (int) i + 2, text[i], -1, SQLITE_STATIC);
  if (stead_import_row_peek (row, "radius_km") != NULL)
    sqlite3_bind_double (self->insert, VOLUNTEERS_CSV_RADIUS + 2, radius);
  if (organisation > 0)
    sqlite3_bind_int64 (self->insert, VOLUNTEERS_CSV_ORGANISATION + 2, organisation);
  if (extra != NULL)
    sqlite3_bind_text (self->insert, 25, extra, -1, SQLITE_STATIC);
  if (!stead_transaction_step (txn, self->insert, error))
    return FALSE;
  fid = sqlite3_last_insert_rowid (sqlite3_db_handle (self->insert));
  if (has_point)
    stead_bulk_index_add (self->bulk, fid, lon, lat);
  for (guint i = 0; i < skills->len; i++)
    {
      sqlite3_reset (self->skill);
      sqlite3_bind_int64 (self->skill, 1, fid);
      sqlite3_bind_text (self->skill, 2, g_ptr_array_index (skills, i), -1, SQLITE_STATIC);
      if (!stead_transaction_step (txn, self->skill, error))
        return FALSE;
    }
  stead_import_context_added (context, 1);
  return TRUE;
}

static gboolean
volunteers_csv_import (SteadImportContext  *context,
                       GError             **error)
{
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  VolunteersCsvImport self = { NULL };
  gboolean ok = FALSE;

  self.skills = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (volunteers_csv_load_skills (txn, self.skills, error) &&
      (self.insert = stead_transaction_prepare (txn, VOLUNTEERS_CSV_INSERT, error)) != NULL &&
      (self.skill = stead_transaction_prepare (txn,
                                               "INSERT OR IGNORE INTO volunteers_skill "
                                               "(volunteer, skill) VALUES (?1, ?2)",
                                               error)) != NULL &&
      (self.bulk = stead_bulk_index_begin (txn, "volunteers_volunteer", error)) != NULL)
    {
      ok = stead_import_context_foreach_row (context, NULL, volunteers_csv_import_row, &self,
                                             error);
      ok = stead_bulk_index_finish (g_steal_pointer (&self.bulk), error) && ok;
    }
  g_clear_pointer (&self.bulk, stead_bulk_index_free);
  g_clear_pointer (&self.insert, sqlite3_finalize);
  g_clear_pointer (&self.skill, sqlite3_finalize);
  g_hash_table_unref (self.skills);
  return ok;
}

const SteadImportFormat volunteers_csv_import_format = {
  .id = "volunteers-csv",
  .title = N_("Volunteers (CSV)"),
  .extensions = STEAD_EXTENSIONS ("csv", "tsv"),
  .fields = volunteers_volunteer_fields,
  .n_fields = VOLUNTEERS_N_VOLUNTEER_FIELDS,
  .run = volunteers_csv_import,
  .domain = GETTEXT_PACKAGE,
  /* A register by the ten thousand is personal data: no copy for Undo. */
  .flags = STEAD_IMPORT_NOT_UNDOABLE,
};

/* ------------------------------------------------------------------------ */
/* Export                                                                    */

#define VOLUNTEERS_CSV_SELECT                                                     \
  "SELECT v.name, v.phone, v.email, v.postcode, v.radius_km, v.travel, v.languages, "  \
  "  v.affiliation, v.organisation, v.mutual_aid, v.dbs_level, v.dbs_scheme, v.dbs_number, " \
  "  v.dbs_date, v.id_checked, v.badge_number, v.badge_issued, v.badge_returned, "   \
  "  v.emergency_name, v.emergency_phone, v.status, v.consent, v.review, "          \
  "  (SELECT group_concat (skill, '; ') FROM (SELECT s.skill FROM volunteers_skill s " \
  "    WHERE s.volunteer = v.fid ORDER BY s.skill)) "                               \
  "FROM volunteers_volunteer v ORDER BY v.fid"

/* A column is written unless it is personal (as its field says, or as
 * the workspace lists volunteers_volunteer's column) and personal data
 * was not asked for. Longitude and latitude are the home point: never. */
static gboolean
volunteers_csv_keeps (const SteadField         *field,
                      GHashTable               *personal,
                      const SteadExportOptions *options)
{
  g_autofree char *column = g_strconcat ("volunteers_volunteer.", field->name, NULL);

  if (field->flags & STEAD_FIELD_INTERNAL)
    return FALSE;
  return options->include_personal ||
         (!(field->flags & STEAD_FIELD_PERSONAL) && !g_hash_table_contains (personal, column));
}

static gboolean
volunteers_csv_export (SteadWorkspace            *workspace,
                       GOutputStream             *stream,
                       const SteadExportOptions  *options,
                       GCancellable              *cancellable,
                       GError                   **error)
{
  g_autoptr(SteadCsvWriter) writer = stead_csv_writer_new (stream, cancellable);
  g_autoptr(GHashTable) personal = stead_export_list_personal (workspace, error);
  g_autoptr(GHashTable) organisations = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean kept[VOLUNTEERS_N_VOLUNTEER_FIELDS];
  SteadRows rows;

  if (personal == NULL)
    return FALSE;
  stmt = stead_workspace_prepare (workspace, VOLUNTEERS_CSV_SELECT, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < VOLUNTEERS_N_VOLUNTEER_FIELDS; i++)
    if ((kept[i] = volunteers_csv_keeps (&volunteers_volunteer_fields[i], personal, options)))
      stead_csv_writer_add (writer, volunteers_volunteer_fields[i].name);
  if (!stead_csv_writer_end_row (writer, error))
    return FALSE;

  /* Partners by name, as another workspace knows them. */
  organisations = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  rows = (SteadRows) STEAD_ROWS_INIT (stmt, "volunteers_volunteer");
  while (stead_rows_next (&rows))
    {
      for (guint i = 0; i <= VOLUNTEERS_CSV_SKILLS; i++)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, (int) i);

          if (!kept[i])
            continue;
          if (i == VOLUNTEERS_CSV_RADIUS)
            stead_csv_writer_add_double (writer, sqlite3_column_double (stmt, (int) i), 3);
          else if (i == VOLUNTEERS_CSV_ORGANISATION && value != NULL)
            {
              gint64 id = sqlite3_column_int64 (stmt, (int) i);
              const char *title = g_hash_table_lookup (organisations, &id);

              if (title == NULL)
                {
                  gint64 *key = g_new (gint64, 1);
                  char *found = stead_workspace_get_record_title (workspace, "organisation", id);

                  *key = id;
                  title = found != NULL ? found : g_strdup (value);
                  g_hash_table_insert (organisations, key, (gpointer) title);
                }
              stead_csv_writer_add (writer, title);
            }
          else
            stead_csv_writer_add (writer, value);
        }
      if (!stead_csv_writer_end_row (writer, error))
        return FALSE;
    }
  return stead_rows_end (&rows, error) && stead_csv_writer_finish (writer, error);
}

const SteadExportFormat volunteers_csv_export_format = {
  .id = "volunteers-csv",
  .title = N_("Volunteers (CSV)"),
  .extensions = STEAD_EXTENSIONS ("csv"),
  .run = volunteers_csv_export,
  .domain = GETTEXT_PACKAGE,
};
