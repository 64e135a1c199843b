/* test-volunteers-exchange.c: the volunteers' CSV, formula escaping in every
 * CSV export of the app, requests and offers published, donations
 *
 * The oracles read the workspace with SQL and the files with a CSV reader
 * of their own: none calls the code under test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stead.h"
#include "stead-test-util.h"
#include "volunteers.h"

typedef struct
{
  char              *dir;
  char              *path;
  GSettings         *settings;
  SteadPluginEngine *engine;
  SteadWorkspace    *ws;
  GPtrArray         *importers;
  GPtrArray         *exporters;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *enabled[] = { "partners", "risks", "groups", "volunteers", NULL };
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("stead-volunteers-exchange-XXXXXX", &error);
  g_assert_no_error (error);
  f->settings = g_settings_new (APP_ID);
  g_settings_set_strv (f->settings, "enabled-plugins", enabled);
  f->engine = stead_plugin_engine_new (f->settings);
  stead_plugin_engine_load_enabled (f->engine);
  f->path = g_build_filename (f->dir, "ws.gpkg", NULL);
  f->ws = stead_workspace_create (f->path, "Test", f->engine, &error);
  g_assert_no_error (error);
  g_assert_true (stead_demo_populate (f->ws, 50, 5, &error));
  g_assert_no_error (error);
  f->importers = stead_import_list_importers (f->engine);
  f->exporters = stead_export_list_exporters (f->engine);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_ptr_array_unref (f->importers);
  g_ptr_array_unref (f->exporters);
  if (f->ws != NULL)
    stead_workspace_close (f->ws);
  g_clear_object (&f->ws);
  g_clear_object (&f->engine);
  g_clear_object (&f->settings);
  stead_test_rm_rf (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static GFile *
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return g_file_new_for_path (path);
}

static gboolean
import (Fixture            *f,
        GFile              *file,
        gboolean            dry_run,
        SteadImportResult **result,
        GError            **error)
{
  SteadImportOptions options = { .dry_run = dry_run };
  SteadImporter *importer = stead_import_find_importer (f->importers, "volunteers-csv", NULL,
                                                        NULL);

  g_assert_nonnull (importer);
  return stead_import_run (f->ws, importer, file, &options, NULL, NULL, NULL, result, error);
}

static char *
export_with (Fixture       *f,
             SteadExporter *exporter,
             gboolean       personal,
             GError       **error)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  SteadExportOptions options = { .include_personal = personal };

  if (!stead_exporter_run (exporter, f->ws, out, &options, NULL, error))
    return NULL;
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static char *
export_text (Fixture    *f,
             const char *id,
             gboolean    personal)
{
  g_autoptr(GError) error = NULL;
  char *text = export_with (f, stead_export_find_exporter (f->exporters, id, NULL), personal,
                            &error);

  g_assert_no_error (error);
  return text;
}

/* ------------------------------------------------------------------------ */
/* The oracle: RFC 4180 read character by character (quotes, "" inside,    */
/* line breaks inside quotes).                                               */

static GPtrArray *
test_csv_rows (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) cell = g_string_new (NULL);
  gboolean quoted = FALSE, any = FALSE;

  for (const char *p = text;; p++)
    {
      if (quoted)
        {
          if (*p == '\0')
            g_error ("unterminated quote");
          if (*p == '"' && p[1] == '"')
            g_string_append_c (cell, '"'), p++;
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (cell, *p);
          continue;
        }
      if (*p == '"')
        quoted = any = TRUE;
      else if (*p == ',')
        {
          g_ptr_array_add (row, g_strdup (cell->str));
          g_string_truncate (cell, 0);
          any = TRUE;
        }
      else if (*p == '\r' || *p == '\n' || *p == '\0')
        {
          if (*p == '\r' && p[1] == '\n')
            p++;
          if (any || cell->len > 0)
            {
              g_ptr_array_add (row, g_strdup (cell->str));
              g_ptr_array_add (rows, row);
              row = g_ptr_array_new_with_free_func (g_free);
            }
          g_string_truncate (cell, 0);
          any = FALSE;
          if (*p == '\0')
            break;
        }
      else
        g_string_append_c (cell, *p), any = TRUE;
    }
  g_ptr_array_unref (row);
  return rows;
}

static int
test_column (GPtrArray  *header,
             const char *name)
{
  for (guint i = 0; i < header->len; i++)
    if (g_str_equal (g_ptr_array_index (header, i), name))
      return (int) i;
  return -1;
}

/* A cell a spreadsheet would run: = + - @ tab or CR first, unless it is a
 * plain decimal number. */
static gboolean
test_is_formula (const char *cell)
{
  if (strchr ("=+-@\t\r", cell[0]) == NULL || cell[0] == '\0')
    return FALSE;
  return !g_regex_match_simple ("^[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?$", cell, 0, 0);
}

/* ------------------------------------------------------------------------ */
/* CSV                                                                      */

/* The register as the oracle sees it: every column the CSV carries, the
 * skills sorted, the point to the metre, in registration order. */
#define REGISTER_DUMP                                                             \
  "SELECT group_concat (line, char (10)) FROM (SELECT json_array (v.name, "    \
  "v.phone, v.email, v.postcode, printf ('%.3f', v.radius_km), v.travel, v.languages, " \
  "v.affiliation, v.organisation, v.mutual_aid, v.dbs_level, v.dbs_scheme, v.dbs_number, " \
  "v.dbs_date, v.id_checked, v.badge_number, v.badge_issued, v.badge_returned, "    \
  "v.emergency_name, v.emergency_phone, v.status, v.consent, v.review, "            \
  "(SELECT group_concat (skill, ' ') FROM (SELECT skill FROM volunteers_skill "      \
  "WHERE volunteer = v.fid ORDER BY skill)), printf ('%.5f %.5f', ST_MinX (v.geom), " \
  "ST_MinY (v.geom))) AS line FROM volunteers_volunteer v ORDER BY v.fid)"

static void
clear_register (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadTransaction) txn = stead_workspace_begin (f->ws, "volunteers", "Clear", &error);

  g_assert_no_error (error);
  g_assert_cmpint (stead_transaction_run (txn, "DELETE FROM volunteers_task_volunteer", NULL, 0,
                                          &error), >=, 0);
  g_assert_cmpint (stead_transaction_run (txn, "UPDATE volunteers_offer SET volunteer = NULL",
                                          NULL, 0, &error), >=, 0);
  g_assert_cmpint (stead_transaction_run (txn, "DELETE FROM volunteers_skill", NULL, 0, &error),
                   >=, 0);
  g_assert_cmpint (stead_transaction_run (txn, "DELETE FROM volunteers_volunteer", NULL, 0,
                                          &error), >=, 0);
  g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));
  g_assert_no_error (error);
}

/* The register out with personal data and in again is the same register,
 * every column, skill and home point; without personal data no personal
 * column is written. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *before = NULL, *after = NULL, *text = NULL, *open = NULL;
  gint64 n = stead_test_count (f->ws, "SELECT count (*) FROM volunteers_volunteer");
  const char *personal[] = { "name", "phone", "email", "postcode", "dbs_number", "dbs_date",
                             "emergency_name", "emergency_phone" };

  /* Every column filled somewhere, a skill by label and a comma in a name. */
  g_assert_cmpint (stead_workspace_edit (
                     f->ws, "volunteers", "Fill",
                     "UPDATE volunteers_volunteer SET email = 'a@example.org', "
                     "languages = 'Welsh, Polish', dbs_number = '0012 3456 7890', "
                     "dbs_date = '2025-01-02', id_checked = '2025-02-03', badge_number = 'B-' "
                     "|| fid, badge_issued = '2025-03-04', badge_returned = '2026-04-05', "
                     "emergency_name = 'Kin, Next', emergency_phone = '07700 900001', "
                     "review = '2027-01-01', radius_km = 7.25 WHERE fid % 3 = 0",
                     NULL, 0, &error), >, 0);
  g_assert_no_error (error);
  before = stead_test_text (f->ws, REGISTER_DUMP);
  text = export_text (f, "volunteers-csv", TRUE);
  open = export_text (f, "volunteers-csv", FALSE);

  rows = test_csv_rows (open);
  g_assert_cmpuint (rows->len, ==, n + 1);
  for (guint i = 0; i < G_N_ELEMENTS (personal); i++)
    g_assert_cmpint (test_column (g_ptr_array_index (rows, 0), personal[i]), ==, -1);
  g_assert_cmpint (test_column (g_ptr_array_index (rows, 0), "skills"), >=, 0);
  g_assert_cmpint (test_column (g_ptr_array_index (rows, 0), "badge_number"), >=, 0);
  g_assert_null (strstr (open, "Demo Volunteer"));
  g_assert_null (strstr (open, "07700"));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = test_csv_rows (text);
  g_assert_cmpint (test_column (g_ptr_array_index (rows, 0), "name"), ==, 0);
  g_assert_cmpint (test_column (g_ptr_array_index (rows, 0), "longitude"), ==, -1);

  clear_register (f);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM volunteers_volunteer"), ==, 0);
  file = write_file (f, "register.csv", text);
  g_assert_true (import (f, file, FALSE, &result, &error));
  g_assert_no_error (error);
  g_assert_true (result->committed);
  g_assert_cmpuint (result->rejects->len, ==, 0);
  g_assert_cmpuint (result->added, ==, n);
  after = stead_test_text (f->ws, REGISTER_DUMP);
  g_assert_cmpstr (after, ==, before);
  /* The spatial index holds every imported home. */
  g_assert_cmpint (stead_test_count (f->ws,
                                     "SELECT count (*) FROM rtree_volunteers_volunteer_geom"),
                   ==, stead_test_count (f->ws, "SELECT count (*) FROM volunteers_volunteer "
                                                "WHERE geom IS NOT NULL"));
}

#define GOOD_ROWS                                                                 \
  "Full name,Mobile,Post code,Skills,Travel radius,DBS,Status\r\n"                \
  "Ann Example,07700 900111,GL20 5RL,\"first-aid; Driving\",8,Enhanced,active\r\n" \
  "Bob Example,,gl205rl,,,,paused\r\n"

/* A dry run counts and changes nothing; the real run maps the user's
 * headings, geocodes the postcode, takes skills by code or label. */
static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadImportResult) dry = NULL, result = NULL;
  g_autoptr(GFile) file = write_file (f, "good.csv", GOOD_ROWS);
  gint64 n = stead_test_count (f->ws, "SELECT count (*) FROM volunteers_volunteer");
  g_autofree char *ann = NULL, *bob = NULL, *skills = NULL, *before = NULL, *after = NULL;

  g_assert_true (import (f, file, TRUE, &dry, &error));
  g_assert_no_error (error);
  g_assert_false (dry->committed);
  g_assert_cmpuint (dry->added, ==, 2);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM volunteers_volunteer"), ==, n);

  before = stead_test_text (f->ws, "SELECT strftime ('%Y-%m-%dT%H:%M:%S.000Z', 'now')");
  g_assert_true (import (f, file, FALSE, &result, &error));
  g_assert_no_error (error);
  g_assert_true (result->committed);
  after = stead_test_text (f->ws, "SELECT strftime ('%Y-%m-%dT%H:%M:%S.000Z', 'now')");
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM volunteers_volunteer"), ==,
                   n + 2);
  /* Registered as they were imported, a GeoPackage DATETIME (milliseconds). */
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count (*) FROM volunteers_volunteer WHERE name IN "
                     "('Ann Example', 'Bob Example') AND registered BETWEEN ?1 AND ?2 AND "
                     "registered = strftime ('%Y-%m-%dT%H:%M:%fZ', registered)",
                     STEAD_ARGS (STEAD_STRING (before), STEAD_STRING (after))), ==, 2);
  ann = stead_test_text (f->ws, "SELECT json_array (phone, postcode, radius_km, dbs_level, "
                                "status, affiliation, travel, "
                                "ST_MinX (geom) = (SELECT lon FROM stead_postcode "
                                "WHERE replace (postcode, ' ', '') = 'GL205RL'), "
                                "ST_MinY (geom) = (SELECT lat FROM stead_postcode "
                                "WHERE replace (postcode, ' ', '') = 'GL205RL')) "
                                "FROM volunteers_volunteer WHERE name = 'Ann Example'");
  g_assert_cmpstr (ann, ==,
                   "[\"07700 900111\",\"GL20 5RL\",8.0,\"enhanced\",\"active\",\"spontaneous\","
                   "\"foot\",1,1]");
  bob = stead_test_text (f->ws, "SELECT json_array (radius_km, dbs_level, status, "
                                "geom IS NOT NULL) FROM volunteers_volunteer "
                                "WHERE name = 'Bob Example'");
  g_assert_cmpstr (bob, ==, "[5.0,\"none\",\"paused\",1]");
  skills = stead_test_text (f->ws, "SELECT group_concat (skill, ' ') FROM (SELECT skill FROM "
                                   "volunteers_skill s JOIN volunteers_volunteer v "
                                   "ON v.fid = s.volunteer WHERE v.name = 'Ann Example' "
                                   "ORDER BY skill)");
  g_assert_cmpstr (skills, ==, "driving first-aid");
}

/* A bad row is named by its line, and nothing of the file is imported:
 * an unknown postcode, an unknown skill, a status that is not one, a
 * negative radius, each on the last line and on the first. */
static void
test_bad_row (Fixture       *f,
              gconstpointer  data)
{
  static const char *const bad[] = {
    "Cy Example,,ZZ99 9ZZ,,,,", "Cy Example,,GL20 5RL,juggling,,,",
    "Cy Example,,GL20 5RL,,,,retired", "Cy Example,,,,-1,,", "Cy Example,,,,,Enhancedish,",
    ",,GL20 5RL,,,,",
  };
  gint64 n = stead_test_count (f->ws, "SELECT count (*) FROM volunteers_volunteer");
  gint64 skills = stead_test_count (f->ws, "SELECT count (*) FROM volunteers_skill");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    for (guint last = 0; last < 2; last++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(SteadImportResult) result = NULL;
        g_autofree char *text =
          last ? g_strconcat (GOOD_ROWS, bad[i], "\r\n", NULL)
               : g_strconcat ("Full name,Mobile,Post code,Skills,Travel radius,DBS,Status\r\n",
                              bad[i], "\r\nAnn Example,,GL20 5RL,,,,\r\n", NULL);
        g_autoptr(GFile) file = write_file (f, "bad.csv", text);
        SteadImportReject *reject;

        import (f, file, FALSE, &result, &error);
        g_assert_nonnull (result);
        g_assert_false (result->committed);
        g_assert_cmpuint (result->rejects->len, ==, 1);
        reject = g_ptr_array_index (result->rejects, 0);
        g_assert_cmpuint (reject->line, ==, last ? 4 : 2);
        g_assert_nonnull (reject->reason);
        g_test_message ("%s: %s", bad[i], reject->reason);
        g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM volunteers_volunteer"),
                         ==, n);
        g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM volunteers_skill"), ==,
                         skills);
      }
}

/* ------------------------------------------------------------------------ */
/* Formula injection, in every CSV exporter                                  */

static const char *const formula_payloads[] = {
  "=HYPERLINK(\"http://x.invalid\",\"STEADX\")", "+STEADX+1", "-STEADX-1", "@SUM(STEADX)",
  "\t=STEADX", "\r=STEADX",
};

/* Every text column of every table of the plugins and the core given a
 * payload in its first rows, wherever its constraints take one. */
static guint
plant_formulas (SteadWorkspace *ws)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) tables = NULL;
  g_autoptr(GPtrArray) updates = g_ptr_array_new_with_free_func (g_free);
  guint planted = 0, k = 0;

  tables = stead_workspace_prepare (ws,
                                    "SELECT m.name, p.name FROM sqlite_master m, "
                                    "pragma_table_info (m.name) p WHERE m.type = 'table' "
                                    "AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE "
                                    "'gpkg_%' AND m.name NOT LIKE 'rtree_%' "
                                    "AND m.name NOT IN ('taxonomy', 'stead_postcode', "
                                    "'stead_personal_data') AND upper (p.type) = 'TEXT' "
                                    "AND p.pk = 0",
                                    &error);
  g_assert_no_error (error);
  while (sqlite3_step (tables) == SQLITE_ROW)
    g_ptr_array_add (updates,
                     g_strdup_printf ("UPDATE \"%s\" SET \"%s\" = ?1 WHERE rowid IN "
                                      "(SELECT rowid FROM \"%s\" ORDER BY rowid LIMIT 3)",
                                      sqlite3_column_text (tables, 0),
                                      sqlite3_column_text (tables, 1),
                                      sqlite3_column_text (tables, 0)));
  for (guint i = 0; i < updates->len; i++)
    {
      g_autoptr(GError) refused = NULL;
      const char *payload = formula_payloads[k++ % G_N_ELEMENTS (formula_payloads)];

      if (stead_workspace_edit (ws, "volunteers", "Plant", g_ptr_array_index (updates, i),
                                STEAD_ARGS (STEAD_STRING (payload)), &refused) > 0)
        planted++;
    }
  return planted;
}

static gboolean
test_exporter_is_csv (SteadExporter *exporter)
{
  const char * const *extensions = stead_exporter_get_extensions (exporter);

  return extensions != NULL && g_strv_contains (extensions, "csv");
}

static void
test_formulas_every_exporter (Fixture       *f,
                              gconstpointer  data)
{
  guint planted, csv = 0, seen = 0;

  planted = plant_formulas (f->ws);
  g_test_message ("%u columns planted", planted);
  g_assert_cmpuint (planted, >, 20);

  for (guint i = 0; i < f->exporters->len; i++)
    {
      SteadExporter *exporter = g_ptr_array_index (f->exporters, i);
      guint payloads = 0, refused = 0, data_rows = 0;

      if (!test_exporter_is_csv (exporter))
        continue;
      csv++;
      for (guint personal = 0; personal < 2; personal++)
        {
          g_autoptr(GError) export_error = NULL;
          g_autofree char *text = export_with (f, exporter, personal, &export_error);
          g_autoptr(GPtrArray) rows = NULL;

          if (text == NULL)
            {
              /* Only an exporter that needs an option may refuse. */
              const SteadFormatOption *options = stead_exporter_get_options (exporter);

              g_test_message ("%s: %s", stead_exporter_get_id (exporter), export_error->message);
              g_assert_true (options != NULL && options[0].key != NULL);
              refused++;
              continue;
            }
          rows = test_csv_rows (text);
          data_rows += rows->len > 0 ? rows->len - 1 : 0;
          for (guint r = 0; r < rows->len; r++)
            {
              GPtrArray *row = g_ptr_array_index (rows, r);

              for (guint c = 0; c < row->len; c++)
                {
                  const char *cell = g_ptr_array_index (row, c);

                  if (test_is_formula (cell))
                    g_error ("%s writes a formula on row %u, column %u: %s",
                             stead_exporter_get_id (exporter), r + 1, c + 1, cell);
                  if (strstr (cell, "STEADX") != NULL)
                    payloads++;
                }
            }
        }
      g_test_message ("%s: %u planted cells escaped", stead_exporter_get_id (exporter),
                      payloads);
      /* Each exporter's own planted cells reached its file, escaped (a
       * task list for no one named has no row to carry them). */
      if (refused == 0 && data_rows > 0)
        g_assert_cmpuint (payloads, >, 0);
      seen += payloads;
    }
  /* The core's needs and resources, partners, risks, groups, volunteers… */
  g_assert_cmpuint (csv, >=, 5);
  /* The payloads reached the files: the check above saw them. */
  g_assert_cmpuint (seen, >, 20);
}

/* ------------------------------------------------------------------------ */
/* Published                                                                */

/* Every request is one need and every offer one resource, in step: the
 * oracle compares each column with its own mapping. */
#define NEEDS_OUT_OF_STEP                                                         \
  "SELECT (SELECT count (*) FROM volunteers_request r WHERE (SELECT count (*) FROM need n " \
  "  WHERE n.owner = 'volunteers' AND n.owner_ref = r.fid AND n.kind = r.kind "   \
  "  AND n.people = r.people AND n.urgency = r.urgency AND n.title IS NULL "       \
  "  AND n.geom IS r.geom AND n.status = (CASE WHEN r.status = 'done' THEN 'met' " \
  "    WHEN r.status = 'open' THEN 'open' WHEN r.status = 'assigned' THEN 'assigned' " \
  "    WHEN r.status = 'cancelled' THEN 'cancelled' END)) != 1) "                 \
  "+ (SELECT count (*) FROM need n WHERE n.owner = 'volunteers' AND n.owner_ref NOT IN " \
  "  (SELECT fid FROM volunteers_request))"
#define RESOURCES_OUT_OF_STEP                                                     \
  "SELECT (SELECT count (*) FROM volunteers_offer o WHERE (SELECT count (*) FROM resource x " \
  "  WHERE x.owner = 'volunteers' AND x.owner_ref = o.fid AND x.kind = o.kind "   \
  "  AND x.capacity = o.quantity AND x.title IS NULL AND x.geom IS o.geom "        \
  "  AND x.availability = (CASE WHEN o.status IN ('used', 'withdrawn') THEN 'unavailable' " \
  "    ELSE o.status END)) != 1) "                                                \
  "+ (SELECT count (*) FROM resource x WHERE x.owner = 'volunteers' AND x.owner_ref NOT IN " \
  "  (SELECT fid FROM volunteers_offer))"

static void
assert_in_step (Fixture *f)
{
  g_assert_cmpint (stead_test_count (f->ws, NEEDS_OUT_OF_STEP), ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, RESOURCES_OUT_OF_STEP), ==, 0);
}

static void
test_publish (Fixture       *f,
              gconstpointer  data)
{
  static const char *const statuses[] = { "assigned", "done", "cancelled", "open" };
  static const char *const offer_statuses[] = { "committed", "used", "withdrawn", "available" };
  g_autoptr(GError) error = NULL;
  gint64 requests = stead_test_count (f->ws, "SELECT count (*) FROM volunteers_request");
  gint64 offers = stead_test_count (f->ws, "SELECT count (*) FROM volunteers_offer");
  gint64 fid, offer;

  g_assert_cmpint (requests, >, 10);
  g_assert_cmpint (offers, >, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM need WHERE owner = "
                                            "'volunteers'"), ==, requests);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM resource WHERE owner = "
                                            "'volunteers'"), ==, offers);
  assert_in_step (f);

  fid = stead_test_count (f->ws, "SELECT min (fid) FROM volunteers_request");
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_assert_cmpint (stead_workspace_edit (f->ws, "volunteers", "Status",
                                             "UPDATE volunteers_request SET status = ?1, "
                                             "people = people + 1, urgency = 4 WHERE fid = ?2",
                                             STEAD_ARGS (STEAD_STRING (statuses[i]),
                                                         STEAD_INT (fid)),
                                             &error), ==, 1);
      g_assert_no_error (error);
      assert_in_step (f);
    }
  g_assert_cmpint (stead_workspace_edit (f->ws, "volunteers", "Move",
                                         "UPDATE volunteers_request SET geom = (SELECT geom "
                                         "FROM volunteers_volunteer ORDER BY fid DESC LIMIT 1), "
                                         "kind = 'shopping' WHERE fid = ?1",
                                         STEAD_ARGS (STEAD_INT (fid)), &error), ==, 1);
  assert_in_step (f);
  g_assert_cmpint (stead_workspace_edit (f->ws, "volunteers", "Remove",
                                         "DELETE FROM volunteers_request WHERE fid = ?1",
                                         STEAD_ARGS (STEAD_INT (fid)), &error), ==, 1);
  g_assert_no_error (error);
  assert_in_step (f);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM need WHERE owner = "
                                            "'volunteers'"), ==, requests - 1);
  /* Undo brings the request and its need back together. */
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_assert_no_error (error);
  assert_in_step (f);

  offer = stead_workspace_edit (f->ws, "volunteers", "Offer",
                                "INSERT INTO volunteers_offer (geom, kind, item, quantity) "
                                "SELECT geom, 'storage', 'Blankets', 40 FROM volunteers_request "
                                "LIMIT 1",
                                NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (offer, >, 0);
  assert_in_step (f);
  for (guint i = 0; i < G_N_ELEMENTS (offer_statuses); i++)
    {
      g_assert_cmpint (stead_workspace_edit (f->ws, "volunteers", "Status",
                                             "UPDATE volunteers_offer SET status = ?1, "
                                             "quantity = quantity - 5 WHERE fid = ?2",
                                             STEAD_ARGS (STEAD_STRING (offer_statuses[i]),
                                                         STEAD_INT (offer)),
                                             &error), ==, 1);
      assert_in_step (f);
    }
  g_assert_cmpint (stead_test_count (f->ws, "SELECT capacity FROM resource WHERE owner = "
                                            "'volunteers' AND owner_ref = (SELECT max (fid) "
                                            "FROM volunteers_offer)"), ==, 20);
  g_assert_cmpint (stead_workspace_edit (f->ws, "volunteers", "Remove",
                                         "DELETE FROM volunteers_offer WHERE fid = ?1",
                                         STEAD_ARGS (STEAD_INT (offer)), &error), ==, 1);
  assert_in_step (f);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM resource WHERE owner = "
                                            "'volunteers'"), ==, offers);
}

/* ------------------------------------------------------------------------ */
/* Donations                                                                 */

#define HELD "SELECT coalesce (sum (CASE direction WHEN 'in' THEN quantity ELSE 0 END) - " \
             "sum (CASE direction WHEN 'out' THEN quantity ELSE 0 END), 0) " \
             "FROM volunteers_movement WHERE offer = "

static void
test_donations (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 offer = stead_test_count (f->ws, "SELECT min (fid) FROM volunteers_offer");
  gint64 request = stead_test_count (f->ws, "SELECT min (fid) FROM volunteers_request");
  g_autofree char *held_sql = g_strdup_printf (HELD "%" G_GINT64_FORMAT, offer);
  gint64 start = stead_test_count (f->ws, held_sql);
  gint64 movements = stead_test_count (f->ws, "SELECT count (*) FROM volunteers_movement");

  g_assert_cmpint (volunteers_donation_balance (f->ws, offer), ==, start);
  g_assert_cmpint (volunteers_movement_add (f->ws, offer, 0, FALSE, 10, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (volunteers_movement_add (f->ws, offer, request, TRUE, 4, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, held_sql), ==, start + 6);
  g_assert_cmpint (volunteers_donation_balance (f->ws, offer), ==, start + 6);

  /* One more than is held: refused, and nothing recorded. */
  g_assert_cmpint (volunteers_movement_add (f->ws, offer, request, TRUE, start + 7, &error), <,
                   0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM volunteers_movement"), ==,
                   movements + 2);
  /* Written by any other path too. */
  g_assert_cmpint (stead_workspace_edit (f->ws, "volunteers", "Out",
                                         "INSERT INTO volunteers_movement (offer, direction, "
                                         "quantity, time) VALUES (?1, 'out', ?2, '2026-01-01')",
                                         STEAD_ARGS (STEAD_INT (offer), STEAD_INT (start + 7)),
                                         &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* A received movement taken back below what was given out: refused. */
  g_assert_cmpint (stead_workspace_edit (f->ws, "volunteers", "Less",
                                         "UPDATE volunteers_movement SET quantity = 1 WHERE "
                                         "offer = ?1 AND direction = 'in' AND quantity = 10",
                                         STEAD_ARGS (STEAD_INT (offer)), &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* Exactly what is held: given out, nothing left. */
  g_assert_cmpint (volunteers_movement_add (f->ws, offer, request, TRUE, start + 6, &error), >,
                   0);
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, held_sql), ==, 0);
  g_assert_cmpint (volunteers_movement_add (f->ws, offer, 0, FALSE, 0, &error), <, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

/* ------------------------------------------------------------------------ */
/* Report, badges, task list                                                 */

static char *
export_pdf_text (Fixture    *f,
                 const char *id,
                 gboolean    personal)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, personal ? "named.pdf" : "open.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SteadExportOptions options = { .include_personal = personal };

  g_assert_true (stead_exporter_write_file (stead_export_find_exporter (f->exporters, id, NULL),
                                            f->ws, file, &options, NULL, &error));
  g_assert_no_error (error);
  return stead_test_pdf_text (path, 0);
}

/* Badges held (not returned) by active volunteers: number, role, issuer,
 * expiry; the name only with personal data. */
static void
test_badges (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *open = NULL, *named = NULL, *first = NULL, *returned = NULL;

  if (!stead_test_have_poppler ())
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_cmpint (stead_workspace_edit (f->ws, "volunteers", "Badges",
                                         "UPDATE volunteers_volunteer SET badge_number = "
                                         "printf ('TB-%03d', fid), badge_issued = '2026-02-03', "
                                         "review = CASE WHEN fid % 2 = 0 THEN '2027-05-06' END, "
                                         "badge_returned = CASE WHEN fid % 7 = 0 THEN "
                                         "'2026-03-01' END WHERE fid <= 14",
                                         NULL, 0, &error), ==, 14);
  g_assert_no_error (error);
  first = stead_test_text (f->ws, "SELECT name FROM volunteers_volunteer WHERE fid = 1");
  returned = stead_test_text (f->ws, "SELECT badge_number FROM volunteers_volunteer "
                                     "WHERE fid = 7");
  open = export_pdf_text (f, "volunteers-badges", FALSE);
  named = export_pdf_text (f, "volunteers-badges", TRUE);
  g_assert_nonnull (strstr (open, "TB-001"));
  g_assert_nonnull (strstr (open, "2027-02-03"));   /* a year after issue */
  g_assert_nonnull (strstr (open, "2027-05-06"));   /* the review date */
  g_assert_null (strstr (open, returned));
  g_assert_null (strstr (open, "Demo Volunteer"));
  g_assert_nonnull (strstr (named, first));
  g_assert_nonnull (strstr (named, "TB-001"));
  g_assert_null (strstr (named, returned));
}

/* Counts in the report section: a small one is "fewer than 5", and the
 * next smallest goes with it when it would be alone. */
static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = stead_report_list_sections (f->ws);
  g_autoptr(GPtrArray) sections = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = g_build_filename (f->dir, "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL, *active = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean left = FALSE, paused = FALSE;

  if (!stead_test_have_poppler ())
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  /* Two who left, six paused, the rest active. */
  g_assert_cmpint (stead_workspace_edit (f->ws, "volunteers", "Status",
                                         "UPDATE volunteers_volunteer SET status = CASE "
                                         "WHEN fid <= 2 THEN 'left' WHEN fid <= 8 THEN 'paused' "
                                         "ELSE 'active' END",
                                         NULL, 0, &error), >, 0);
  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (stead_report_section_get_owner (g_ptr_array_index (all, i)), "volunteers"))
      g_ptr_array_add (sections, g_object_ref (g_ptr_array_index (all, i)));
  g_assert_cmpuint (sections->len, ==, 1);
  g_assert_true (stead_report_write_file (f->ws, sections, file, NULL, &error));
  g_assert_no_error (error);
  text = stead_test_pdf_text (path, 0);
  active = stead_test_text (f->ws, "SELECT count (*) FROM volunteers_volunteer "
                                   "WHERE status = 'active'");
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (g_str_has_prefix (lines[i], "Left"))
        left = g_str_has_suffix (lines[i], "fewer than 5");
      if (g_str_has_prefix (lines[i], "Paused"))
        paused = g_str_has_suffix (lines[i], "not shown");
    }
  g_assert_true (left);
  g_assert_true (paused);
  g_assert_nonnull (strstr (text, active));
  g_assert_null (strstr (text, "Demo Volunteer"));
}

/* No task list for a partner without a tasking agreement, nor for one
 * that is not a partner; without one named, the columns and no task. */
static void
test_tasklist_refused (Fixture       *f,
                       gconstpointer  data)
{
  SteadExporter *exporter = stead_export_find_exporter (f->exporters, "volunteers-tasklist", NULL);
  /* A partner party to no agreement that allows tasking (the demo's
   * tasking agreement names the councils and two charities). */
  g_autofree char *partner = stead_test_text (
    f->ws, "SELECT name FROM partners_organisation o WHERE NOT EXISTS (SELECT 1 FROM "
           "partners_agreement_party p JOIN partners_agreement a ON a.id = p.agreement "
           "WHERE p.organisation = o.id AND a.allows_tasking = 1) ORDER BY id LIMIT 1");
  g_autofree char *tasker = stead_test_text (
    f->ws, "SELECT o.name FROM partners_organisation o JOIN partners_agreement_party p ON "
           "p.organisation = o.id JOIN partners_agreement a ON a.id = p.agreement WHERE "
           "a.allows_tasking = 1 AND a.status = 'active' ORDER BY o.id LIMIT 1");
  const char *names[] = { "No Such Organisation", partner };
  const int codes[] = { G_IO_ERROR_NOT_FOUND, G_IO_ERROR_PERMISSION_DENIED };
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *open = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GHashTable) table = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
      SteadExportOptions options = { .include_personal = TRUE, .options = table };
      g_autoptr(GError) error = NULL;

      g_hash_table_insert (table, "organisation", (gpointer) names[i]);
      g_assert_false (stead_exporter_run (exporter, f->ws, out, &options, NULL, &error));
      g_assert_error (error, G_IO_ERROR, codes[i]);
      g_assert_nonnull (strstr (error->message, names[i]));
      g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), ==,
                        0);
    }
  /* A partner that may task gets its list. */
  {
    g_autoptr(GHashTable) table = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
    SteadExportOptions options = { .options = table };
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (tasker);
    g_hash_table_insert (table, "organisation", tasker);
    g_assert_true (stead_exporter_run (exporter, f->ws, out, &options, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), >, 0);
  }
  /* A task for the partner: still not in a list with no one named. */
  g_assert_cmpint (stead_workspace_edit (f->ws, "volunteers", "Task",
                                         "INSERT INTO volunteers_task (request, organisation) "
                                         "SELECT min (fid), (SELECT min (id) FROM "
                                         "partners_organisation) FROM volunteers_request",
                                         NULL, 0, NULL), >, 0);
  open = export_text (f, "volunteers-tasklist", TRUE);
  rows = test_csv_rows (open);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (test_column (g_ptr_array_index (rows, 0), "task"), ==, 0);
  g_assert_cmpint (test_column (g_ptr_array_index (rows, 0), "longitude"), ==, -1);
}

/* The map's view below the privacy zoom: active volunteers counted by
 * postcode sector, each at the mean of its sector's postcodes. */
static void
test_sectors (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(SteadQueryModel) model = volunteers_sectors_new (f->ws);
  gint64 total = 0;
  guint n;

  for (guint i = 0; i < 200 && g_list_model_get_n_items (G_LIST_MODEL (model)) == 0; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, >, 3);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SteadRecord) record = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autofree char *sector = NULL;
      g_autofree char *sql = NULL;
      gint64 volunteers = 0;
      double lon = 0, lat = 0;
      g_autofree char *expected = NULL, *got = NULL;

      g_object_get (record, "sector", &sector, "volunteers", &volunteers, "longitude", &lon,
                    "latitude", &lat, NULL);
      g_assert_true (g_regex_match_simple ("^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9]$", sector, 0, 0));
      sql = g_strdup_printf ("SELECT printf ('%%.6f %%.6f', avg (lon), avg (lat)) FROM "
                             "stead_postcode WHERE length (replace (postcode, ' ', '')) = "
                             "length ('%s') + 1 AND replace (postcode, ' ', '') LIKE "
                             "replace ('%s', ' ', '') || '__'",
                             sector, sector);
      expected = stead_test_text (f->ws, sql);
      got = g_strdup_printf ("%.6f %.6f", lon, lat);
      g_assert_cmpstr (got, ==, expected);
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("SELECT count (*) FROM volunteers_volunteer WHERE status = 'active' "
                             "AND replace (upper (postcode), ' ', '') LIKE "
                             "replace ('%s', ' ', '') || '__'",
                             sector);
      g_assert_cmpint (volunteers, ==, stead_test_count (f->ws, sql));
      total += volunteers;
    }
  g_assert_cmpint (total, ==, stead_test_count (f->ws, "SELECT count (*) FROM "
                                                       "volunteers_volunteer WHERE status = "
                                                       "'active' AND postcode IS NOT NULL"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/volunteers-exchange/csv/round-trip", test_round_trip);
  ADD ("/volunteers-exchange/csv/import", test_import);
  ADD ("/volunteers-exchange/csv/bad-row", test_bad_row);
  ADD ("/volunteers-exchange/csv/formulas-every-exporter", test_formulas_every_exporter);
  ADD ("/volunteers-exchange/publish", test_publish);
  ADD ("/volunteers-exchange/donations", test_donations);
  ADD ("/volunteers-exchange/badges", test_badges);
  ADD ("/volunteers-exchange/report", test_report);
  ADD ("/volunteers-exchange/sectors", test_sectors);
  ADD ("/volunteers-exchange/tasklist-refused", test_tasklist_refused);
#undef ADD
  return g_test_run ();
}
