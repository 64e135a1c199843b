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
#include <math.h>

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

/* Rows are gathered in a temporary table without the register's CHECK
 * constraints, then written in one statement: SQLite builds the lists of
 * its IN (…) constraints once a statement, so row by row they would be
 * built 100,000 times. Each row's fid is fixed as it is read (the first
 * free one plus its place), for the spatial index and the skills. */
#define VOLUNTEERS_CSV_STAGE                                                      \
  "CREATE TEMP TABLE volunteers_csv_stage (seq INTEGER PRIMARY KEY, geom, name, phone, " \
  "  email, postcode, radius_km, travel, languages, affiliation, organisation, "   \
  "  mutual_aid, dbs_level, dbs_scheme, dbs_number, dbs_date, id_checked, "        \
  "  badge_number, badge_issued, badge_returned, emergency_name, emergency_phone, " \
  "  status, consent, review, extra); "                                           \
  "CREATE TEMP TABLE volunteers_csv_stage_skill (seq INTEGER, skill TEXT);"
#define VOLUNTEERS_CSV_UNSTAGE                                                    \
  "DROP TABLE IF EXISTS temp.volunteers_csv_stage; "                              \
  "DROP TABLE IF EXISTS temp.volunteers_csv_stage_skill;"
#define VOLUNTEERS_CSV_INSERT                                                     \
  "INSERT INTO temp.volunteers_csv_stage VALUES (?26, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, " \
  "  ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)"
/* The time registered is the column's default as its insert trigger
 * would rewrite it (GeoPackage DATETIME, milliseconds): given so, the
 * trigger finds nothing to do, where it would otherwise write every
 * new volunteer a second time. */
#define VOLUNTEERS_CSV_WRITE                                                      \
  "INSERT INTO volunteers_volunteer (fid, geom, name, phone, email, postcode, radius_km, " \
  "  travel, languages, affiliation, organisation, mutual_aid, dbs_level, dbs_scheme, " \
  "  dbs_number, dbs_date, id_checked, badge_number, badge_issued, badge_returned, "   \
  "  emergency_name, emergency_phone, status, consent, review, extra, registered) "  \
  "SELECT ?1 + seq, geom, name, phone, email, postcode, coalesce (radius_km, 5), "  \
  "  coalesce (travel, 'foot'), languages, coalesce (affiliation, CASE WHEN "       \
  "  organisation IS NOT NULL THEN 'partner' ELSE 'spontaneous' END), organisation, " \
  "  mutual_aid, coalesce (dbs_level, 'none'), coalesce (dbs_scheme, 'dbs'), dbs_number, " \
  "  dbs_date, id_checked, badge_number, badge_issued, badge_returned, emergency_name, " \
  "  emergency_phone, coalesce (status, 'active'), consent, review, extra, "        \
  "  strftime ('%Y-%m-%dT%H:%M:%S.000Z', 'now') "                                   \
  "FROM temp.volunteers_csv_stage ORDER BY seq"
#define VOLUNTEERS_CSV_WRITE_SKILLS                                               \
  "INSERT OR IGNORE INTO volunteers_skill (volunteer, skill) "                    \
  "SELECT ?1 + seq, skill FROM temp.volunteers_csv_stage_skill ORDER BY seq"
/* The first fid free, less one: AUTOINCREMENT never gives one again. */
#define VOLUNTEERS_CSV_BASE                                                       \
  "SELECT max (coalesce ((SELECT max (fid) FROM volunteers_volunteer), 0), "        \
  "  coalesce ((SELECT seq FROM sqlite_sequence WHERE name = 'volunteers_volunteer'), 0))"

typedef struct
{
  double   lon;
  double   lat;
  gboolean found;
} VolunteersCsvPlace;

typedef struct
{
  GHashTable     *skills;   /* code, and label folded, -> code */
  GHashTable     *cells;    /* skills cell as written -> GPtrArray of codes */
  GHashTable     *places;   /* postcode as written -> VolunteersCsvPlace */
  SteadBulkIndex *bulk;
  sqlite3_stmt   *insert;
  sqlite3_stmt   *skill;
  gint64          base;     /* the fids of this import follow it */
  gint64          n;        /* rows staged */
  gboolean        mapped[VOLUNTEERS_N_VOLUNTEER_FIELDS];   /* the file has its column */
} VolunteersCsvImport;

/* Which fields the file has a column for: the others are not asked for
 * on every row. */
static gboolean
volunteers_csv_check (SteadImportRow  *row,
                      gpointer         user_data,
                      GError         **error)
{
  VolunteersCsvImport *self = user_data;

  for (guint i = 0; i < VOLUNTEERS_N_VOLUNTEER_FIELDS; i++)
    self->mapped[i] = stead_import_row_has_column (row, volunteers_volunteer_fields[i].name);
  return TRUE;
}

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
  const char *text = self->mapped[VOLUNTEERS_CSV_SKILLS] ? stead_import_row_peek (row, "skills")
                                                         : NULL;
  GPtrArray *known;
  g_autoptr(GPtrArray) codes = NULL;
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return g_ptr_array_new ();
  /* A register repeats its few combinations of skills. */
  if ((known = g_hash_table_lookup (self->cells, text)) != NULL)
    return g_ptr_array_ref (known);
  codes = g_ptr_array_new ();
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
  g_hash_table_insert (self->cells, g_strdup (text), g_ptr_array_ref (codes));
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
  double radius = NAN, lon = 0, lat = 0;
  gint64 organisation = 0, seq;

  for (guint i = 0; i < VOLUNTEERS_CSV_N_COLUMNS; i++)
    if (self->mapped[i] && i != VOLUNTEERS_CSV_RADIUS && i != VOLUNTEERS_CSV_ORGANISATION &&
        !stead_import_row_get_string (row, volunteers_volunteer_fields[i].name, &text[i]))
      return TRUE;
  if ((self->mapped[VOLUNTEERS_CSV_RADIUS] &&
       !stead_import_row_get_double (row, "radius_km", &radius)) ||
      (self->mapped[VOLUNTEERS_CSV_ORGANISATION] &&
       !stead_import_row_get_record (row, "organisation", &organisation)))
    return TRUE;
  if (!isnan (radius) && radius < 0)
    {
      stead_import_row_reject (row, _("A travel radius cannot be below 0 km"));
      return TRUE;
    }
  if (text[VOLUNTEERS_CSV_POSTCODE] != NULL)
    {
      VolunteersCsvPlace *place = g_hash_table_lookup (self->places,
                                                       text[VOLUNTEERS_CSV_POSTCODE]);

      if (place == NULL)
        {
          place = g_new0 (VolunteersCsvPlace, 1);
          place->found = stead_import_context_geocode (context, text[VOLUNTEERS_CSV_POSTCODE],
                                                       &place->lon, &place->lat);
          g_hash_table_insert (self->places, g_strdup (text[VOLUNTEERS_CSV_POSTCODE]), place);
        }
      lon = place->lon;
      lat = place->lat;
      if (!place->found)
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
  if (!isnan (radius))
    sqlite3_bind_double (self->insert, VOLUNTEERS_CSV_RADIUS + 2, radius);
  if (organisation > 0)
    sqlite3_bind_int64 (self->insert, VOLUNTEERS_CSV_ORGANISATION + 2, organisation);
  if (extra != NULL)
    sqlite3_bind_text (self->insert, 25, extra, -1, SQLITE_STATIC);
  seq = ++self->n;
  sqlite3_bind_int64 (self->insert, 26, seq);
  if (!stead_transaction_step (txn, self->insert, error))
    return FALSE;
  if (has_point)
    stead_bulk_index_add (self->bulk, self->base + seq, lon, lat);
  for (guint i = 0; i < skills->len; i++)
    {
      sqlite3_reset (self->skill);
      sqlite3_bind_int64 (self->skill, 1, seq);
      sqlite3_bind_text (self->skill, 2, g_ptr_array_index (skills, i), -1, SQLITE_STATIC);
      if (!stead_transaction_step (txn, self->skill, error))
        return FALSE;
    }
  stead_import_context_added (context, 1);
  return TRUE;
}

/* The staged rows into the register. Every value has been checked as its
 * field declares (a choice is one of its codes, a radius not below 0), so
 * the table's CHECK constraints, which SQLite 3.40 evaluates by building
 * each IN (…) list anew for every row, are set aside for this one
 * statement: a third of the import's time at 100,000 rows. */
static gboolean
volunteers_csv_write (SteadTransaction  *txn,
                      gint64             base,
                      GError           **error)
{
  gboolean ok;

  if (!stead_transaction_exec (txn, "PRAGMA ignore_check_constraints = ON", error))
    return FALSE;
  ok = stead_transaction_run (txn, VOLUNTEERS_CSV_WRITE, STEAD_ARGS (STEAD_INT (base)),
                              error) >= 0;
  return stead_transaction_exec (txn, "PRAGMA ignore_check_constraints = OFF",
                                 ok ? error : NULL) && ok;
}

static gboolean
volunteers_csv_import (SteadImportContext  *context,
                       GError             **error)
{
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  VolunteersCsvImport self = { NULL };
  gboolean ok = FALSE;

  self.skills = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self.cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);
  self.places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (volunteers_csv_load_skills (txn, self.skills, error) &&
      stead_transaction_query_int64 (txn, VOLUNTEERS_CSV_BASE, NULL, 0, &self.base) &&
      stead_transaction_exec (txn, VOLUNTEERS_CSV_UNSTAGE VOLUNTEERS_CSV_STAGE, error) &&
      (self.insert = stead_transaction_prepare (txn, VOLUNTEERS_CSV_INSERT, error)) != NULL &&
      (self.skill = stead_transaction_prepare (txn,
                                               "INSERT INTO temp.volunteers_csv_stage_skill "
                                               "(seq, skill) VALUES (?1, ?2)",
                                               error)) != NULL &&
      (self.bulk = stead_bulk_index_begin (txn, "volunteers_volunteer", error)) != NULL)
    ok = stead_import_context_foreach_row (context, volunteers_csv_check, volunteers_csv_import_row,
                                           &self,
                                           error) &&
         volunteers_csv_write (txn, self.base, error) &&
         stead_transaction_run (txn, VOLUNTEERS_CSV_WRITE_SKILLS,
                                STEAD_ARGS (STEAD_INT (self.base)), error) >= 0;
  if (self.bulk != NULL)
    ok = stead_bulk_index_finish (g_steal_pointer (&self.bulk), ok ? error : NULL) && ok;
  g_clear_pointer (&self.insert, sqlite3_finalize);
  g_clear_pointer (&self.skill, sqlite3_finalize);
  /* Whatever happened: the staging tables go. */
  ok = stead_transaction_exec (txn, VOLUNTEERS_CSV_UNSTAGE, ok ? error : NULL) && ok;
  g_hash_table_unref (self.cells);
  g_hash_table_unref (self.places);
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
