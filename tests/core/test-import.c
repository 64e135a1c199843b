/* test-import.c: the import framework and the core formats
 *
 * What an officer relies on: a dry run counts exactly what the real run
 * does; a bad record anywhere (even the last) leaves nothing behind; an
 * import never "succeeds" with nothing; postcodes geocode offline; bad
 * boundaries and alerts are refused by record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "stead-test-util.h"

typedef struct
{
  char           *dir;
  SteadWorkspace *ws;
  GPtrArray      *importers;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("stead-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "ws.gpkg", NULL);
  f->ws = stead_workspace_create (path, "Test area", NULL, &error);
  g_assert_no_error (error);
  f->importers = stead_import_list_importers (NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  stead_workspace_close (f->ws);
  g_clear_object (&f->ws);
  g_ptr_array_unref (f->importers);
  stead_test_rm_rf (f->dir);
  g_free (f->dir);
}

static SteadImporter *
importer (Fixture    *f,
          const char *id)
{
  g_autoptr(GError) error = NULL;
  SteadImporter *imp = stead_import_find_importer (f->importers, id, NULL, &error);

  g_assert_no_error (error);
  return imp;
}

/* A fingerprint of every user table, to prove that nothing changed. */
static char *
snapshot (Fixture *f)
{
  static const char *tables[] = { "need", "resource", "area", "alert", "stead_postcode",
                                  "stead_attribution", "stead_import_mapping" };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1", tables[i]);
      g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (f->ws, sql, NULL);

      g_string_append_printf (out, "[%s]", tables[i]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const guchar *blob = sqlite3_column_blob (stmt, c);
              int n = sqlite3_column_bytes (stmt, c);

              g_string_append_c (out, '|');
              for (int b = 0; blob != NULL && b < n; b++)
                g_string_append_printf (out, "%02x", blob[b]);
            }
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}

static gboolean
run_import (Fixture            *f,
            const char         *id,
            GFile              *file,
            SteadImportOptions *options,
            SteadImportResult **result,
            GError            **error)
{
  SteadImportOptions defaults = { 0 };

  return stead_import_run (f->ws, importer (f, id), file, options ? options : &defaults,
                           NULL, NULL, NULL, result, error);
}

#define ONSPD_OLD                                                                                  \
  "pcd,pcd2,pcds,dointr,doterm,oscty,oslaud,osward,usertype,oseast1m,osnrth1m,osgrdind,lat,long\n" \
  "SW1A1AA,SW1A 1AA,SW1A "                                                                         \
  "1AA,198001,,E99999999,E09000033,E05013806,1,529090,179645,1,51.501009,-0.141588\n"              \
  "GL201AA,GL20 1AA,GL20 "                                                                         \
  "1AA,198001,,E10000013,E07000083,E05010700,0,389000,232800,1,51.993000,-2.158000\n"              \
  "GL201AB,GL20 1AB,GL20 "                                                                         \
  "1AB,198001,200012,E10000013,E07000083,E05010700,0,389100,232900,1,51.994000,-2.157000\n"        \
  "GL207ZZ,GL20 7ZZ,GL20 "                                                                         \
  "7ZZ,198001,,E10000013,E07000083,E05010700,0,391000,234000,1,52.003000,-2.130000\n"              \
  "ZZ991ZZ,ZZ99 1ZZ,ZZ99 1ZZ,198001,,,,,,,,9,99.999999,0.000000\n"

/* The 2025 names: pcd7/pcd8, east1m/north1m, gridind, lad25cd. */
#define ONSPD_2025                                                                                 \
  "pcd7,pcd8,pcds,dointr,doterm,usrtypind,east1m,north1m,gridind,lad25cd,wd25cd,lat,long\n"        \
  "SW1A1AA,SW1A 1AA,SW1A 1AA,198001,,1,529090,179645,1,E09000033,E05013806,51.501009,-0.141588\n"  \
  "GL201AA,GL20 1AA,GL20 1AA,198001,,0,389000,232800,1,E07000083,E05010700,51.993000,-2.158000\n"  \
  "GL201AB,GL20 1AB,GL20 "                                                                         \
  "1AB,198001,202301,0,389100,232900,1,E07000083,E05010700,51.994000,-2.157000\n"

static void
load_postcodes (Fixture *f)
{
  g_autoptr(GFile) file = stead_test_write_file (f->dir, "onspd.csv", ONSPD_OLD);
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (run_import (f, "postcodes", file, NULL, &result, &error));
  g_assert_no_error (error);
}

static void
test_postcodes_old_names (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GFile) file = stead_test_write_file (f->dir, "onspd.csv", ONSPD_OLD);
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double lon, lat;

  g_assert_true (run_import (f, "postcodes", file, NULL, &result, &error));
  g_assert_no_error (error);
  /* Live postcodes with a position; the terminated one and the one with
   * no grid reference are skipped, not rejected. */
  g_assert_cmpuint (result->added, ==, 3);
  g_assert_cmpuint (result->skipped, ==, 2);
  g_assert_cmpuint (result->rejects->len, ==, 0);
  g_assert_true (result->committed);

  g_assert_true (stead_workspace_lookup_postcode (f->ws, "sw1a 1aa", &lon, &lat));
  g_assert_cmpfloat_with_epsilon (lon, -0.141588, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 51.501009, 1e-9);
  g_assert_true (stead_workspace_lookup_postcode (f->ws, "SW1A1AA", &lon, &lat));
  g_assert_false (stead_workspace_lookup_postcode (f->ws, "GL20 1AB", &lon, &lat));
  g_assert_false (stead_workspace_lookup_postcode (f->ws, "not a postcode", &lon, &lat));

  /* OGL attribution is kept. */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM stead_attribution WHERE source = "
                                            "'postcodes' "
                                            "AND text LIKE '%Open Government Licence%'"),
                   ==, 1);
}

static void
test_postcodes_2025_names (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GFile) file = stead_test_write_file (f->dir, "onspd2025.csv", ONSPD_2025);
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double lon, lat;

  g_assert_true (run_import (f, "postcodes", file, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 2);
  g_assert_cmpuint (result->skipped, ==, 1);
  g_assert_true (stead_workspace_lookup_postcode (f->ws, "GL20 1AA", &lon, &lat));
  g_assert_cmpfloat_with_epsilon (lat, 51.993, 1e-9);

  /* A second directory replaces the first. */
  g_clear_pointer (&result, stead_import_result_free);
  g_clear_object (&file);
  file = stead_test_write_file (f->dir, "one.csv", "pcds,doterm,lat,long\nGL20 5AB,,52.0,-2.1\n");
  g_assert_true (run_import (f, "postcodes", file, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM stead_postcode"), ==, 1);
}

/* Code-Point Open has no header and gives British National Grid eastings
 * and northings. Known points: ONS publish both for every postcode. */
static void
test_postcodes_code_point (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double lon, lat, dx, dy;

  file = stead_test_write_file (f->dir, "sw.csv",
                     "\"SW1A "
                     "1AA\",10,529090,179645,\"E92000001\",\"E19000003\",\"E18000007\",\"\","
                     "\"E09000033\",\"E05013806\"\r\n"
                     "\"GL20 "
                     "5AB\",10,389000,232800,\"E92000001\",\"\",\"\",\"E10000013\",\"E07000083\","
                     "\"E05010700\"\r\n"
                     "\"BAD\",10,389000,232800,\"E92000001\",\"\",\"\",\"E10000013\",\"E07000083\","
                     "\"E05010700\"\r\n");
  g_assert_false (run_import (f, "postcodes", file, NULL, &result, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_REJECTED);
  g_assert_cmpuint (result->rejects->len, ==, 1);
  g_assert_cmpuint (((SteadImportReject *) g_ptr_array_index (result->rejects, 0))->line, ==, 3);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM stead_postcode"), ==, 0);
  g_clear_error (&error);
  g_clear_pointer (&result, stead_import_result_free);

  {
    SteadImportOptions options = { .skip_rejected = TRUE };

    g_assert_true (run_import (f, "postcodes", file, &options, &result, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (result->added, ==, 2);

  g_assert_true (stead_workspace_lookup_postcode (f->ws, "SW1A 1AA", &lon, &lat));
  /* Within 1 m of the ONSPD position for SW1A 1AA (51.501009, -0.141588). */
  dy = (lat - 51.501009) * 111320.0;
  dx = (lon - -0.141588) * 111320.0 * cos (51.501009 * G_PI / 180);
  g_assert_cmpfloat (hypot (dx, dy), <, 1.0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM stead_attribution WHERE text "
                                            "LIKE 'Contains OS data%'"),
                   ==, 1);
}

static void
test_postcodes_not_a_directory (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GFile) file = stead_test_write_file (f->dir, "people.csv", "name,phone\nAnn,0123\n");
  g_autoptr(GError) error = NULL;

  g_assert_false (run_import (f, "postcodes", file, NULL, NULL, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "not a postcode directory"));
}

#define NEEDS_CSV \
  "Ref,Need,Description,People,Urgency,Postcode,Date\r\n" \
  "N1,food,\"Parcel, weekly\",2,3,GL20 1AA,2026-11-01\r\n" \
  "N2,Medication collection or delivery,Insulin,1,4,sw1a 1aa,01/11/2026\r\n" \
  "N3,water,\"Bottled\nwater\",4,2,GL20 7ZZ,2026-11-02\r\n"

/* Runs @file as a dry run, then for real with @options (skip_rejected as
 * it says): the dry run changes nothing and counts exactly what the real
 * run does, rejects (line and reason) included. */
static void
dry_run_then_real (Fixture             *f,
                   GFile               *file,
                   SteadImportOptions   options,
                   SteadImportResult  **dry,
                   SteadImportResult  **real)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (f);
  g_autofree char *after_dry = NULL;

  options.dry_run = TRUE;
  g_assert_true (run_import (f, "needs-csv", file, &options, dry, &error));
  g_assert_no_error (error);
  g_assert_false ((*dry)->committed);
  after_dry = snapshot (f);
  g_assert_cmpstr (before, ==, after_dry);

  options.dry_run = FALSE;
  g_assert_true (run_import (f, "needs-csv", file, &options, real, &error));
  g_assert_no_error (error);
  g_assert_true ((*real)->committed);
  g_assert_cmpuint ((*dry)->added, ==, (*real)->added);
  g_assert_cmpuint ((*dry)->updated, ==, (*real)->updated);
  g_assert_cmpuint ((*dry)->rejects->len, ==, (*real)->rejects->len);
  for (guint i = 0; i < (*dry)->rejects->len; i++)
    {
      const SteadImportReject *a = g_ptr_array_index ((*dry)->rejects, i);
      const SteadImportReject *b = g_ptr_array_index ((*real)->rejects, i);

      g_assert_cmpuint (a->line, ==, b->line);
      g_assert_cmpstr (a->reason, ==, b->reason);
    }
}

static void
test_needs_dry_run_equals_real (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) dry = NULL;
  g_autoptr(SteadImportResult) real = NULL;
  g_autoptr(SteadImportResult) again = NULL;
  g_autoptr(GError) error = NULL;
  SteadImportOptions options = { .dry_run = TRUE };

  load_postcodes (f);
  file = stead_test_write_file (f->dir, "needs.csv", NEEDS_CSV);
  dry_run_then_real (f, file, (SteadImportOptions) { 0 }, &dry, &real);
  g_assert_cmpuint (real->added, ==, 3);

  /* Geocoded from the directory; the label matched the vocabulary. */
  g_assert_cmpint (stead_test_count (f->ws,
                                     "SELECT count(*) FROM need WHERE source_id = 'N2' AND kind = "
                                     "'medication' "
                                     "AND abs(ST_MinY(geom) - 51.501009) < 1e-9 AND urgency = 4"),
                   ==, 1);
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT count(*) FROM need WHERE title = 'Bottled\nwater'"), ==, 1);

  /* The importer writes points exactly as the geometry library does. */
  {
    g_autoptr(sqlite3_stmt) stmt =
      stead_workspace_prepare (f->ws, "SELECT geom FROM need WHERE source_id = 'N1'", NULL);
    g_autoptr(SteadGeometry) point = NULL;
    g_autoptr(GBytes) expected = NULL;
    double lon, lat;

    g_assert_true (stead_workspace_lookup_postcode (f->ws, "GL20 1AA", &lon, &lat));
    point = stead_geometry_new_point (lon, lat);
    expected = stead_geometry_to_gpkg (point, 4326);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpmem (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0),
                     g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
  }
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM rtree_need_geom"), ==, 3);

  /* The same file again updates, matched by identifier. */
  options.dry_run = TRUE;
  g_assert_true (run_import (f, "needs-csv", file, &options, &again, &error));
  g_assert_cmpuint (again->added, ==, 0);
  g_assert_cmpuint (again->updated, ==, 3);

  /* One undo step takes the import back. */
  g_assert_true (stead_workspace_can_undo (f->ws));
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need"), ==, 0);
}

/* A dry run of a file with rejects counts exactly what a real run that
 * skips the rejected rows then does: the same rows added and updated, the
 * same rejects at the same lines for the same reasons, and the dry run
 * changes nothing. The oracle for both is the file itself: which of its
 * rows are good was decided when it was written. */
static void
test_needs_dry_run_with_rejects (Fixture       *f,
                                 gconstpointer  data)
{
  static const guint64 reject_lines[] = { 3, 5, 8, 9 };
  static const char *reject_words[] = { "urgency", "GL99 9ZZ", "31/31/2026", "kind" };
  g_autoptr(GFile) first = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) dry = NULL;
  g_autoptr(SteadImportResult) real = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;

  load_postcodes (f);
  first = stead_test_write_file (f->dir, "first.csv",
                                 "Ref,Need,Description,People,Urgency,Postcode,Date\r\n"
                                 "N1,food,Parcel weekly,2,3,GL20 1AA,2026-11-01\r\n");
  g_assert_true (run_import (f, "needs-csv", first, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Line 2 updates N1; 4 and 6-7 (a quoted line break) add N4 and N5;
   * 3, 5, 8 and 9 are rejected, the last on the file's last line. */
  file = stead_test_write_file (f->dir, "rejects.csv",
                                "Ref,Need,Description,People,Urgency,Postcode,Date\r\n"
                                "N1,food,Parcel monthly,3,3,GL20 1AA,2026-11-05\r\n"
                                "R1,food,Too urgent,1,9,GL20 1AA,2026-11-05\r\n"
                                "N4,water,Bottled,4,2,GL20 7ZZ,2026-11-06\r\n"
                                "R2,food,Nowhere,1,2,GL99 9ZZ,2026-11-06\r\n"
                                "N5,food,\"Two\nlines\",1,2,sw1a 1aa,2026-11-07\r\n"
                                "R3,water,No such day,1,2,GL20 1AA,31/31/2026\r\n"
                                "R4,,No kind,1,2,GL20 1AA,2026-11-08\r\n");
  dry_run_then_real (f, file, (SteadImportOptions) { .skip_rejected = TRUE }, &dry, &real);

  for (guint r = 0; r < 2; r++)
    {
      SteadImportResult *result = r == 0 ? dry : real;

      g_assert_cmpuint (result->added, ==, 2);
      g_assert_cmpuint (result->updated, ==, 1);
      g_assert_cmpuint (result->rejects->len, ==, G_N_ELEMENTS (reject_lines));
      for (guint i = 0; i < result->rejects->len; i++)
        {
          const SteadImportReject *reject = g_ptr_array_index (result->rejects, i);

          g_assert_cmpuint (reject->line, ==, reject_lines[i]);
          g_assert_nonnull (strstr (reject->reason, reject_words[i]));
        }
    }

  /* What the real run left: N1 updated, N4 and N5 added, no R row. */
  ids = stead_test_text (f->ws, "SELECT group_concat (source_id, ',') FROM "
                                "(SELECT source_id FROM need ORDER BY source_id)");
  g_assert_cmpstr (ids, ==, "N1,N4,N5");
  g_assert_cmpint (stead_test_count (f->ws, "SELECT people FROM need WHERE source_id = 'N1'"), ==,
                   3);
}

static void
test_reject_on_last_row (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *rejects_path = NULL;
  g_autofree char *rejects = NULL;
  g_autoptr(GFile) rejects_file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;

  load_postcodes (f);
  file = stead_test_write_file (f->dir, "needs.csv",
                                NEEDS_CSV "N4,food,Late,1,9,GL20 1AA,2026-11-03\r\n");
  before = snapshot (f);

  g_assert_false (run_import (f, "needs-csv", file, NULL, &result, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "line 6"));
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need"), ==, 0);

  /* The user can take the rejects away as CSV, with line and reason. */
  g_assert_cmpuint (result->rejects->len, ==, 1);
  rejects_path = g_build_filename (f->dir, "rejects.csv", NULL);
  rejects_file = g_file_new_for_path (rejects_path);
  stream = g_file_replace (rejects_file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (
    stead_import_result_write_rejects (result, G_OUTPUT_STREAM (stream), NULL, &error));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error));
  g_assert_true (g_file_get_contents (rejects_path, &rejects, NULL, &error));
  g_assert_true (g_str_has_prefix (rejects, "stead_line,stead_record,stead_reason,Ref,Need,"));
  g_test_message ("%s", rejects);
  g_assert_nonnull (strstr (rejects, "\r\n6,4,\"urgency “9” is not 1, 2, 3 or "
                                     "4\",N4,food,Late,1,9,GL20 1AA,2026-11-03\r\n"));
}

static void
test_syntax_error_on_last_row (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  load_postcodes (f);
  file = stead_test_write_file (f->dir, "needs.csv",
                                NEEDS_CSV "N4,food,\"unterminated,1,2,GL20 1AA,2026-11-03\r\n");
  before = snapshot (f);
  g_assert_false (run_import (f, "needs-csv", file, NULL, NULL, &error));
  g_assert_error (error, STEAD_CSV_ERROR, STEAD_CSV_ERROR_SYNTAX);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_nothing_to_import (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GFile) header_only = stead_test_write_file (f->dir, "empty.csv", "kind,postcode\r\n");
  g_autoptr(GFile) empty = stead_test_write_file (f->dir, "zero.csv", "");
  g_autoptr(GError) error = NULL;

  g_assert_false (run_import (f, "needs-csv", header_only, NULL, NULL, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_false (run_import (f, "needs-csv", empty, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM stead_audit"), ==, 0);
}

static void
test_map_and_saved_map (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  const char *header[] = { "Site", "What", "Beds", "X", "Y", NULL };
  SteadImportOptions options = { .map = "title=Site,kind=What,capacity=Beds,longitude=X,latitude="
                                        "Y" };

  file = stead_test_write_file (f->dir, "sites.csv",
                                "Site,What,Beds,X,Y\nHall,rest-centre,40,-2.15,51.99\n");

  /* Without the map, nothing says where the rows are. */
  g_assert_false (run_import (f, "resources-csv", file, NULL, NULL, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT);
  g_clear_error (&error);

  /* A map naming a column that is not there is refused. */
  {
    SteadImportOptions bad = { .map = "title=Nope" };

    g_assert_false (run_import (f, "resources-csv", file, &bad, NULL, &error));
    g_assert_error (error, STEAD_COLUMN_MAP_ERROR, STEAD_COLUMN_MAP_ERROR_UNKNOWN);
    g_clear_error (&error);
  }

  g_assert_true (run_import (f, "resources-csv", file, &options, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT capacity FROM resource WHERE title = 'Hall' "
                                            "AND kind = "
                                            "'rest-centre'"),
                   ==, 40);

  /* Remembered for this layout of columns: next time no --map is needed. */
  saved = stead_import_get_saved_map (f->ws, "resources-csv", header);
  g_assert_nonnull (saved);
  g_assert_nonnull (strstr (saved, "capacity=Beds"));
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_true (run_import (f, "resources-csv", file, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 1);
}

static void
test_windows_1252_warning (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GFile) file = stead_test_write_file (
    f->dir, "cp.csv", "kind,title,longitude,latitude\nfood,Caf\xe9,-2.1,52.0\n");
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (run_import (f, "needs-csv", file, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result->warnings, 0), "Windows-1252"));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need WHERE title = 'Café'"), ==,
                   1);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("kind,longitude,latitude\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  SteadImportOptions options = { 0 };

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (csv, "food,-2.%04u,52.0\n", i);
  file = stead_test_write_file (f->dir, "big.csv", csv->str);
  g_cancellable_cancel (cancellable);
  g_assert_false (stead_import_run (f->ws, importer (f, "needs-csv"), file, &options, NULL, NULL,
                                    cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need"), ==, 0);
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  guint      progress_calls;
  double     last_fraction;
  SteadImportResult *result;
  GError    *error;
  guint      changed;
} AsyncData;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  AsyncData *d = user_data;

  g_assert_cmpfloat (fraction, >=, d->last_fraction);
  d->last_fraction = fraction;
  d->progress_calls++;
}

static void
on_done (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  AsyncData *d = user_data;

  d->ok = stead_import_run_finish (STEAD_WORKSPACE (source), res, &d->result, &d->error);
  g_main_loop_quit (d->loop);
}

static void
on_changed (SteadWorkspace     *ws,
            const char * const *tables,
            gpointer            user_data)
{
  AsyncData *d = user_data;

  g_assert_true (g_strv_contains (tables, "need"));
  d->changed++;
}

static void
test_async_progress (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("kind,longitude,latitude\n");
  g_autoptr(GFile) file = NULL;
  AsyncData d = { 0 };
  SteadImportOptions options = { 0 };

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (csv, "food,-2.%04u,52.0\n", i % 10000);
  file = stead_test_write_file (f->dir, "big.csv", csv->str);

  d.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (f->ws, "changed", G_CALLBACK (on_changed), &d);
  stead_import_run_async (f->ws, importer (f, "needs-csv"), file, &options, on_progress, &d, NULL,
                          on_done, &d);
  g_main_loop_run (d.loop);
  /* Progress callbacks may still be queued: let them run. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_no_error (d.error);
  g_assert_true (d.ok);
  g_assert_true (d.result->committed);
  g_assert_cmpuint (d.result->added, ==, 20000);
  g_assert_cmpuint (d.progress_calls, >=, 1);
  g_assert_cmpfloat (d.last_fraction, ==, 1.0);
  g_assert_cmpuint (d.changed, ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need"), ==, 20000);
  stead_import_result_free (d.result);
  g_main_loop_unref (d.loop);
  g_signal_handlers_disconnect_by_data (f->ws, &d);
}

typedef struct
{
  GCancellable *cancellable;
  AsyncData    *d;
} CancelData;

static void
cancel_on_progress (double   fraction,
                    gpointer user_data)
{
  CancelData *c = user_data;

  c->d->progress_calls++;
  if (fraction < 1.0)
    g_cancellable_cancel (c->cancellable);
}

/* Cancel pressed while the worker is importing: nothing is kept. */
static void
test_cancel_midway (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("kind,longitude,latitude\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AsyncData d = { 0 };
  CancelData c = { cancellable, &d };
  SteadImportOptions options = { 0 };

  for (guint i = 0; i < 400000; i++)
    g_string_append_printf (csv, "food,-2.%06u,52.0\n", i);
  file = stead_test_write_file (f->dir, "big.csv", csv->str);
  before = snapshot (f);

  d.loop = g_main_loop_new (NULL, FALSE);
  stead_import_run_async (f->ws, importer (f, "needs-csv"), file, &options, cancel_on_progress, &c,
                          cancellable, on_done, &d);
  g_main_loop_run (d.loop);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_false (d.ok);
  g_assert_error (d.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (d.progress_calls, >=, 1);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need"), ==, 0);
  g_assert_false (stead_workspace_can_undo (f->ws));
  g_clear_error (&d.error);
  g_clear_pointer (&d.result, stead_import_result_free);
  g_main_loop_unref (d.loop);
}

static void
test_within_area (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GFile) boundary = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SteadImportOptions options = { .within = "E07000083" };

  boundary =
    stead_test_write_file (f->dir, "lad.geojson",
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                "\"properties\":{\"LAD24CD\":\"E07000083\",\"LAD24NM\":\"Tewkesbury\"},"
                "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-2.3,51.9],[-2.0,51.9],"
                "[-2.0,52.1],[-2.3,52.1],[-2.3,51.9]]]}}]}");
  g_assert_true (run_import (f, "geojson-areas", boundary, NULL, NULL, &error));
  g_assert_no_error (error);

  file = stead_test_write_file (f->dir, "onspd.csv", ONSPD_OLD);
  g_assert_true (run_import (f, "postcodes", file, &options, &result, &error));
  g_assert_no_error (error);
  /* SW1A 1AA is in London, not Tewkesbury. */
  g_assert_cmpuint (result->added, ==, 2);
  g_assert_cmpuint (result->skipped, ==, 3);

  options.within = "E99999999";
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_false (run_import (f, "postcodes", file, &options, &result, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION);
}

static void
test_geojson_areas (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GFile) good = NULL;
  g_autoptr(GFile) bad = NULL;
  g_autoptr(GFile) bng = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GHashTable *options = g_hash_table_new (g_str_hash, g_str_equal);
  SteadImportOptions with_kind = { .options = options };
  g_autoptr(SteadTransaction) txn = NULL;

  g_hash_table_insert (options, "kind", "ward");
  good = stead_test_write_file (f->dir, "wards.geojson",
                     "{\"type\":\"FeatureCollection\",\"features\":["
                     "{\"type\":\"Feature\",\"properties\":{\"WD24CD\":\"E05010700\",\"WD24NM\":"
                     "\"Tewkesbury East\"},"
                     "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-2.2,51.98],[-2.1,51."
                     "98],[-2.1,52.0],[-2.2,52.0],[-2.2,51.98]],"
                     "[[-2.16,51.985],[-2.15,51.985],[-2.15,51.99],[-2.16,51.985]]]}},"
                     "{\"type\":\"Feature\",\"properties\":{\"WD24CD\":\"E05010701\",\"WD24NM\":"
                     "\"Tewkesbury West\"},"
                     "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[[[[-2.3,51.98],[-2."
                     "2,51.98],[-2.2,52.0],[-2.3,51.98]]],"
                     "[[[-2.4,51.9],[-2.35,51.9],[-2.35,51.95],[-2.4,51.9]]]]}}]}");
  g_assert_true (run_import (f, "geojson-areas", good, &with_kind, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 2);
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT count(*) FROM area WHERE kind = 'ward' AND code = 'E05010701' "
                             "AND name = 'Tewkesbury West' AND ST_GeometryType(geom) = "
                             "'MULTIPOLYGON'"),
    ==, 1);

  /* Point-in-area: a need inside the east ward (not in its hole). */
  txn = stead_workspace_begin (f->ws, "core", "Add needs", &error);
  g_assert_nonnull (stead_transaction_insert_need (txn, "food", "In", -2.12, 51.99, 1, 2, "open", 0,
                                                   NULL, 0, &error)
                      ? txn
                      : NULL);
  stead_transaction_insert_need (txn, "food", "In the hole", -2.155, 51.986, 1, 2, "open", 0, NULL,
                                 0, &error);
  stead_transaction_insert_need (txn, "food", "Out", -1.0, 51.0, 1, 2, "open", 0, NULL, 0, &error);
  g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT count(*) FROM need_area WHERE code = 'E05010700'"), ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need_area na JOIN need n ON "
                                            "n.fid = na.need "
                                            "WHERE n.title = 'In'"),
                   ==, 1);

  /* Feature 2 has an unclosed ring: named by its number, nothing imported. */
  bad = stead_test_write_file (
    f->dir, "bad.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"name\":\"A\"},\"geometry\":{\"type\":\"Polygon\","
    "\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"name\":\"B\"},\"geometry\":{\"type\":\"Polygon\","
    "\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}}]}");
  before = snapshot (f);
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_false (run_import (f, "geojson-areas", bad, NULL, &result, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "feature 2"));
  g_assert_nonnull (strstr (error->message, "not closed"));
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  /* Not JSON at all. */
  g_clear_object (&bad);
  bad = stead_test_write_file (f->dir, "trunc.geojson",
                               "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":");
  g_assert_false (run_import (f, "geojson-areas", bad, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* The 2008 "crs" member: British National Grid, converted. */
  bng = stead_test_write_file (
    f->dir, "bng.geojson",
    "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":"
    "{\"name\":\"urn:ogc:def:crs:EPSG::27700\"}},\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"code\":\"X1\",\"name\":\"Westminster square\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[529000,179500],[529200,179500],"
    "[529200,179800],[529000,179800],[529000,179500]]]}}]}");
  g_assert_true (run_import (f, "geojson-areas", bng, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM area WHERE code = 'X1' AND "
                                            "ST_MinX(geom) "
                                            "BETWEEN -0.145 AND -0.14 "
                                            "AND ST_MinY(geom) BETWEEN 51.49 AND 51.51"),
                   ==, 1);
  g_hash_table_unref (options);
}

static void
test_gpkg_areas (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (f->dir, "other.gpkg", NULL);
  g_autoptr(SteadWorkspace) other = NULL;
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(SteadGeometry) polygon = NULL;
  g_autoptr(SteadGeometry) multi = stead_geometry_new_multipolygon ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const SteadCoord ring[] = { { -2.2, 51.9 }, { -2.0, 51.9 }, { -2.0, 52.0 }, { -2.2, 51.9 } };

  /* Another GeoPackage with a polygon layer: a workspace's `area` table. */
  other = stead_workspace_create (other_path, "Other", NULL, &error);
  g_assert_no_error (error);
  polygon = stead_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
  stead_geometry_add_polygon (multi, polygon);
  txn = stead_workspace_begin (other, "core", "Add", &error);
  g_assert_cmpint (
    stead_transaction_insert_area (txn, "boundary", "E07000083", "Tewkesbury", multi, &error), >,
    0);
  g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));
  stead_workspace_close (other);

  file = g_file_new_for_path (other_path);
  g_assert_true (run_import (f, "gpkg-areas", file, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM area WHERE code = 'E07000083' "
                                            "AND name = 'Tewkesbury'"),
                   ==, 1);

  /* A file that is not a GeoPackage. */
  g_clear_object (&file);
  file = stead_test_write_file (f->dir, "fake.gpkg", "this is not sqlite");
  g_assert_false (run_import (f, "gpkg-areas", file, NULL, NULL, &error));
  g_assert_nonnull (error);
}

#define CAP_HEAD \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n" \
  "  <identifier>EA-2026-0042</identifier>\n" \
  "  <sender>floodwarnings@environment-agency.gov.uk</sender>\n" \
  "  <sent>2026-11-29T08:00:00+00:00</sent>\n" \
  "  <status>Actual</status>\n  <msgType>Alert</msgType>\n  <scope>Public</scope>\n"

#define CAP_INFO(severity)                                                                         \
  "  <info>\n    <category>Met</category>\n    <event>Flood Warning</event>\n"                     \
  "    <urgency>Immediate</urgency>\n    <severity>" severity                                      \
  "</severity>\n    <certainty>Likely</certainty>\n"                                               \
  "    <onset>2026-11-29T09:00:00+00:00</onset>\n    <expires>2026-11-30T09:00:00Z</expires>\n"    \
  "    <headline>Flooding is expected: River Avon at Tewkesbury</headline>\n"

static void
test_cap (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GFile) good = NULL;
  g_autoptr(GFile) bad = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(SteadTransaction) txn = NULL;

  good = stead_test_write_file (
    f->dir, "alert.xml",
    CAP_HEAD CAP_INFO ("Severe") "    <area>\n      <areaDesc>River Avon at Tewkesbury</areaDesc>\n"
                                 "      <polygon>51.98,-2.17 51.98,-2.14 52.0,-2.14 52.0,-2.17 "
                                 "51.98,-2.17</polygon>\n"
                                 "    </area>\n"
                                 "    <area>\n      <areaDesc>Mythe</areaDesc>\n      "
                                 "<circle>52.01,-2.16 1.5</circle>\n    </area>\n"
                                 "  </info>\n</alert>\n");

  txn = stead_workspace_begin (f->ws, "core", "Add needs", &error);
  stead_transaction_insert_need (txn, "evacuation", "Inside", -2.155, 51.99, 3, 4, "open", 0, NULL,
                                 0, &error);
  stead_transaction_insert_need (txn, "evacuation", "Outside", -2.3, 51.99, 3, 4, "open", 0, NULL,
                                 0, &error);
  g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));

  g_assert_true (run_import (f, "cap", good, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 2);
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT count(*) FROM alert WHERE severity = 'Severe' AND urgency = "
                             "'Immediate' "
                             "AND certainty = 'Likely' AND onset = '2026-11-29T09:00:00.000Z' "
                             "AND expires = '2026-11-30T09:00:00.000Z'"),
    ==, 2);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM area WHERE kind = 'hazard'"), ==,
                   2);
  /* The needs inside the warning area. */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need_area na JOIN alert a ON "
                                            "a.area = na.area "
                                            "WHERE a.area_desc = 'River Avon at Tewkesbury'"),
                   ==, 1);

  /* The same alert again replaces, not duplicates. */
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_true (run_import (f, "cap", good, NULL, &result, &error));
  g_assert_cmpuint (result->updated, ==, 2);
  g_assert_cmpuint (result->added, ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM area WHERE kind = 'hazard'"), ==,
                   2);

  before = snapshot (f);
  {
    const char *malformed[] = {
      /* not XML */
      "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>x</identifier",
      /* CAP 1.1 namespace */
      "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.1\"></alert>",
      /* no severity */
      CAP_HEAD
      "  <info><event>Flood</event><urgency>Immediate</urgency><certainty>Likely</certainty>"
      "<area><areaDesc>A</areaDesc><circle>52,-2 1</circle></area></info></alert>",
      /* a severity CAP does not have */
      CAP_HEAD CAP_INFO ("Catastrophic") "<area><areaDesc>A</areaDesc><circle>52,-2 "
                                         "1</circle></area></info></alert>",
      /* an open polygon */
      CAP_HEAD CAP_INFO ("Minor") "<area><areaDesc>A</areaDesc><polygon>52,-2 52,-1 53,-1 "
                                  "53,-2</polygon></area></info></alert>",
      /* an area with geocodes only */
      CAP_HEAD CAP_INFO ("Minor") "<area><areaDesc>A</areaDesc><geocode><valueName>X</"
                                  "valueName><value>1</value></geocode></area></info></alert>",
      /* no sent time */
      "<alert "
      "xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>x</identifier><sender>y</sender>"
      "<status>Actual</status><msgType>Alert</msgType></alert>",
    };

    for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
      {
        g_autofree char *name = g_strdup_printf ("bad%u.xml", i);

        g_clear_object (&bad);
        bad = stead_test_write_file (f->dir, name, malformed[i]);
        g_assert_false (run_import (f, "cap", bad, NULL, NULL, &error));
        g_assert_nonnull (error);
        g_test_message ("%s: %s", name, error->message);
        g_clear_error (&error);
        g_clear_pointer (&after, g_free);
        after = snapshot (f);
        g_assert_cmpstr (before, ==, after);
      }
  }
}

static void
test_export_redacts (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) exporters = stead_export_list_exporters (NULL);
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(GError) error = NULL;
  SteadExportOptions options = { 0 };

  txn = stead_workspace_begin (f->ws, "core", "Add", &error);
  stead_transaction_insert_need (txn, "food", "Mrs Example, 3 Flood Lane", -2.1, 52.0, 1, 2, "open",
                                 0, NULL, 0, &error);
  g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));

  for (guint personal = 0; personal < 2; personal++)
    {
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
      g_autofree char *text = NULL;

      options.include_personal = personal;
      g_assert_true (stead_exporter_run (stead_export_find_exporter (exporters, "needs-csv", NULL),
                                         f->ws, out, &options, NULL, &error));
      g_assert_no_error (error);
      g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
      g_output_stream_close (out, NULL, NULL);
      text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
      g_assert_true (g_str_has_prefix (text, "fid,source_id,kind,"));
      g_assert_nonnull (strstr (text, "food"));
      if (personal)
        g_assert_nonnull (strstr (text, "Mrs Example"));
      else
        g_assert_null (strstr (text, "Mrs Example"));
    }
}

static void
test_find_importer (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GFile) geojson = g_file_new_for_path ("/x/wards.GeoJSON");
  g_autoptr(GFile) csv = g_file_new_for_path ("/x/people.csv");
  g_autoptr(GError) error = NULL;
  SteadImporter *imp;

  imp = stead_import_find_importer (f->importers, NULL, geojson, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stead_importer_get_id (imp), ==, "geojson-areas");
  g_assert_null (stead_import_find_importer (f->importers, NULL, csv, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_UNKNOWN);
  g_clear_error (&error);
  g_assert_null (stead_import_find_importer (f->importers, "nope", NULL, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_UNKNOWN);
}

static gboolean
rtree_matches_brute_force (Fixture *f,
                           double   minx,
                           double   maxx,
                           double   miny,
                           double   maxy)
{
  g_autoptr(sqlite3_stmt) indexed = NULL;
  g_autoptr(sqlite3_stmt) brute = NULL;
  gint64 a, b;

  indexed = stead_workspace_prepare (
    f->ws,
    "SELECT count(*) FROM need n JOIN rtree_need_geom r ON r.id = n.fid "
    "WHERE r.maxx >= ?1 AND r.minx <= ?2 AND r.maxy >= ?3 AND r.miny <= ?4 "
    "AND ST_MinX(n.geom) BETWEEN ?1 AND ?2 AND ST_MinY(n.geom) BETWEEN ?3 AND ?4",
    NULL);
  brute =
    stead_workspace_prepare (f->ws,
                             "SELECT count(*) FROM need WHERE ST_MinX(geom) BETWEEN ?1 AND ?2 "
                             "AND ST_MinY(geom) BETWEEN ?3 AND ?4",
                             NULL);
  for (int i = 0; i < 2; i++)
    {
      sqlite3_stmt *stmt = i == 0 ? indexed : brute;

      sqlite3_bind_double (stmt, 1, minx);
      sqlite3_bind_double (stmt, 2, maxx);
      sqlite3_bind_double (stmt, 3, miny);
      sqlite3_bind_double (stmt, 4, maxy);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    }
  a = sqlite3_column_int64 (indexed, 0);
  b = sqlite3_column_int64 (brute, 0);
  return a == b && b > 0;
}

/* A large import packs the spatial index anew; a small one inserts into
 * it. Either way it must be a valid R-tree that finds every point. */
static void
test_spatial_index (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (11);
  const guint sizes[] = { 3000, 200, 5000 };
  g_autoptr(GError) error = NULL;
  guint64 total = 0;

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GString) csv = g_string_new ("kind,longitude,latitude\n");
      g_autofree char *name = g_strdup_printf ("points%u.csv", s);
      g_autoptr(GFile) file = NULL;
      g_autoptr(SteadImportResult) result = NULL;

      for (guint i = 0; i < sizes[s]; i++)
        g_string_append_printf (csv, "food,%.6f,%.6f\n", g_rand_double_range (rng, -2.5, -1.8),
                                g_rand_double_range (rng, 51.7, 52.2));
      file = stead_test_write_file (f->dir, name, csv->str);
      g_assert_true (run_import (f, "needs-csv", file, NULL, &result, &error));
      g_assert_no_error (error);
      total += result->added;

      g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM rtree_need_geom"), ==, total);
      {
        g_autoptr(sqlite3_stmt) check =
          stead_workspace_prepare (f->ws, "SELECT rtreecheck ('rtree_need_geom')", NULL);

        g_assert_cmpint (sqlite3_step (check), ==, SQLITE_ROW);
        g_assert_cmpstr ((const char *) sqlite3_column_text (check, 0), ==, "ok");
      }
      g_assert_true (rtree_matches_brute_force (f, -2.2, -2.0, 51.8, 52.0));
      g_assert_true (rtree_matches_brute_force (f, -2.5, -1.8, 51.7, 52.2));
      g_assert_true (rtree_matches_brute_force (f, -2.35, -2.3, 51.9, 51.96));
    }

  /* The insert trigger is back: a need added later is indexed. */
  {
    g_autoptr(SteadTransaction) txn = stead_workspace_begin (f->ws, "core", "Add", &error);

    stead_transaction_insert_need (txn, "food", "Later", 0.5, 50.5, 1, 2, "open", 0, NULL, 0,
                                   &error);
    g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));
    g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM rtree_need_geom"), ==,
                     total + 1);
  }

  /* Undo takes the imports' rows and their index entries away. */
  for (guint s = 0; s < G_N_ELEMENTS (sizes) + 1; s++)
    g_assert_true (stead_workspace_undo (f->ws, &error));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need"), ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM rtree_need_geom"), ==, 0);
}

/* Dates as partners' spreadsheets write them. */
static void
test_parse_date (void)
{
  const struct { const char *in; gint64 out; } good[] = {
    { "2026-11-29", 1795910400 },
    { "2026-11-29T14:05:00Z", 1795910400 + 14 * 3600 + 5 * 60 },
    { "2026-11-29 14:05", 1795910400 + 14 * 3600 + 5 * 60 },
    { "29/11/2026", 1795910400 },
    { " 29/11/2026 14:05 ", 1795910400 + 14 * 3600 + 5 * 60 },            /* GMT in November */
    { "01/07/2026 09:30:15", 1782864000 + 9 * 3600 + 30 * 60 + 15 - 3600 }, /* BST in July */
  };
  const char *bad[] = {
    "", "tomorrow", "31/02/2026", "29/11/2026 25:00", "2026-13-01", "29/11/26x"
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 t = 0;

      g_assert_true (stead_parse_date (good[i].in, &t));
      g_assert_cmpint (t, ==, good[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint64 t = 0;

      g_assert_false (stead_parse_date (bad[i], &t));
    }
}

static void
test_postcode_normalize (void)
{
  const struct { const char *in; const char *out; } cases[] = {
    { "SW1A 1AA", "SW1A1AA" }, { " gl20 5ab ", "GL205AB" }, { "M1 1AE", "M11AE" },
    { "B33 8TH", "B338TH" }, { "CR2 6XH", "CR26XH" }, { "DN55 1PT", "DN551PT" },
    { "GL20\u00a05AB", "GL205AB" }, { "GL20\u202f5AB\r", "GL205AB" }, { "gl20\t5ab", "GL205AB" },
    { "", NULL }, { "12345", NULL }, { "SW1A", NULL }, { "SW1A 1A1", NULL }, { "SW1A-1AA", NULL },
    { "GL20 5\u00c5B", NULL }, { "GL20 5A\xff", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = stead_postcode_normalize (cases[i].in);

      g_assert_cmpstr (got, ==, cases[i].out);
    }
}

/* UK postcodes are 5 to 7 characters without the space: an outward code
 * of 2 to 4 and an inward code of 3. Every shape of outward code from 1
 * to 6 letters and digits is tried before an inward code; the oracle is
 * the published format (BS 7666) as a regular expression, and the
 * normalised form is made here by hand. */
static void
test_postcode_at_most_seven (void)
{
  g_autoptr(GRegex) format =
    g_regex_new ("^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$", 0, 0, NULL);
  guint accepted = 0, too_long = 0;

  for (guint length = 1; length <= 6; length++)
    for (guint shape = 0; shape < (1u << length); shape++)
      {
        char outward[8] = { 0 };
        g_autofree char *written = NULL;
        g_autofree char *upper = NULL;
        g_autofree char *compact = NULL;
        g_autofree char *got = NULL;

        /* Bit i set: a digit, else a letter; different ones each place. */
        for (guint i = 0; i < length; i++)
          outward[i] = (shape >> i) & 1 ? '1' + i : 'b' + i;
        written = g_strdup_printf (" %s 9xz", outward);
        upper = g_ascii_strup (outward, -1);
        compact = g_strdup_printf ("%s9XZ", upper);
        got = stead_postcode_normalize (written);

        if (strlen (compact) > 7)
          {
            g_assert_null (got);
            too_long++;
          }
        if (g_regex_match (format, compact, 0, NULL))
          {
            g_assert_cmpstr (got, ==, compact);
            accepted++;
          }
      }
  /* The six shapes of the format, and every outward code of 5 or 6. */
  g_assert_cmpuint (accepted, ==, 6);
  g_assert_cmpuint (too_long, ==, 32 + 64);

  /* An eight-character one written as a user would. */
  g_assert_null (stead_postcode_normalize ("GL20A 5AB"));
  g_assert_null (stead_postcode_normalize ("sw1aa 1aa"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  g_test_add_func ("/import/parse-date", test_parse_date);
  g_test_add_func ("/import/postcode-normalize", test_postcode_normalize);
  g_test_add_func ("/import/postcode-at-most-seven", test_postcode_at_most_seven);
  ADD ("/import/find-importer", test_find_importer);
  ADD ("/import/postcodes/old-names", test_postcodes_old_names);
  ADD ("/import/postcodes/2025-names", test_postcodes_2025_names);
  ADD ("/import/postcodes/code-point-bng", test_postcodes_code_point);
  ADD ("/import/postcodes/not-a-directory", test_postcodes_not_a_directory);
  ADD ("/import/postcodes/within-area", test_within_area);
  ADD ("/import/csv/dry-run-equals-real", test_needs_dry_run_equals_real);
  ADD ("/import/csv/dry-run-with-rejects-equals-skip-rejected", test_needs_dry_run_with_rejects);
  ADD ("/import/csv/reject-on-last-row", test_reject_on_last_row);
  ADD ("/import/csv/syntax-error-on-last-row", test_syntax_error_on_last_row);
  ADD ("/import/csv/nothing-to-import", test_nothing_to_import);
  ADD ("/import/csv/map-and-saved-map", test_map_and_saved_map);
  ADD ("/import/csv/windows-1252", test_windows_1252_warning);
  ADD ("/import/cancel", test_cancel);
  ADD ("/import/spatial-index", test_spatial_index);
  ADD ("/import/async-progress", test_async_progress);
  ADD ("/import/cancel-midway", test_cancel_midway);
  ADD ("/import/geojson-areas", test_geojson_areas);
  ADD ("/import/gpkg-areas", test_gpkg_areas);
  ADD ("/import/cap", test_cap);
  ADD ("/export/needs-redacts-personal", test_export_redacts);
#undef ADD

  return g_test_run ();
}
