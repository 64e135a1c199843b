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
#include <json-glib/json-glib.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "stead-test-util.h"
#include "stead-json-private.h"

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
  /* A test that hands the file to stead-cli closes it first. */
  if (f->ws != NULL)
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

  /* A second directory is merged into the first... */
  g_clear_pointer (&result, stead_import_result_free);
  g_clear_object (&file);
  file = stead_test_write_file (f->dir, "one.csv", "pcds,doterm,lat,long\nGL20 5AB,,52.0,-2.1\n");
  g_assert_true (run_import (f, "postcodes", file, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM stead_postcode"), ==, 3);

  /* ...and replaces it only when asked to. */
  {
    g_autoptr(GHashTable) replace = g_hash_table_new (g_str_hash, g_str_equal);
    SteadImportOptions options = { .options = replace };

    g_hash_table_insert (replace, "replace", "yes");
    g_clear_pointer (&result, stead_import_result_free);
    g_assert_true (run_import (f, "postcodes", file, &options, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM stead_postcode"), ==, 1);
  }
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
  g_autoptr(GFile) ws_file = NULL;
  g_autofree char *input_before = NULL;
  g_autofree char *input_after = NULL;
  mode_t old_umask;

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

  /* The user can take the rejects away as CSV, with line and reason:
   * whole rows, so 0600 whatever the umask. */
  g_assert_cmpuint (result->rejects->len, ==, 1);
  rejects_path = g_build_filename (f->dir, "rejects.csv", NULL);
  rejects_file = g_file_new_for_path (rejects_path);
  old_umask = umask (0);
  g_assert_true (stead_import_result_save_rejects (result, rejects_file, f->ws, file, NULL,
                                                   &error));
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_cmpuint (stead_test_file_mode (rejects_path), ==, 0600);
  g_assert_true (g_file_get_contents (rejects_path, &rejects, NULL, &error));
  g_assert_true (g_str_has_prefix (rejects, "stead_line,stead_record,stead_reason,Ref,Need,"));
  g_test_message ("%s", rejects);
  g_assert_nonnull (strstr (rejects, "\r\n6,4,\"urgency “9” is not one of: Low (1), "
                                     "Medium (2), High (3) or Critical (4)\",N4,food,Late,1,9,"
                                     "GL20 1AA,2026-11-03\r\n"));

  /* Never over the file imported or the workspace. */
  g_assert_true (g_file_load_contents (file, NULL, &input_before, NULL, NULL, NULL));
  g_assert_false (stead_import_result_save_rejects (result, file, f->ws, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (g_file_load_contents (file, NULL, &input_after, NULL, NULL, NULL));
  g_assert_cmpstr (input_after, ==, input_before);
  ws_file = g_file_new_for_path (stead_workspace_get_path (f->ws));
  g_assert_false (stead_import_result_save_rejects (result, ws_file, f->ws, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  {
    g_autofree char *head = NULL;

    g_assert_true (g_file_load_contents (ws_file, NULL, &head, NULL, NULL, NULL));
    g_assert_true (g_str_has_prefix (head, "SQLite format 3"));
  }
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

/* Another GeoPackage with a polygon layer at @path: a workspace's `area`
 * table holding one area of @kind, E07000083 "Tewkesbury". */
static void
write_area_gpkg (const char *other_path,
                 const char *kind)
{
  g_autoptr(SteadWorkspace) other = NULL;
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(SteadGeometry) polygon = NULL;
  g_autoptr(SteadGeometry) multi = stead_geometry_new_multipolygon ();
  g_autoptr(GError) error = NULL;
  const SteadCoord ring[] = { { -2.2, 51.9 }, { -2.0, 51.9 }, { -2.0, 52.0 }, { -2.2, 51.9 } };

  other = stead_workspace_create (other_path, "Other", NULL, &error);
  g_assert_no_error (error);
  polygon = stead_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
  stead_geometry_add_polygon (multi, polygon);
  txn = stead_workspace_begin (other, "core", "Add", &error);
  g_assert_cmpint (stead_transaction_insert_area (txn, kind, "E07000083", "Tewkesbury", multi,
                                                  &error), >, 0);
  g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));
  stead_workspace_close (other);
}

static void
test_gpkg_areas (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (f->dir, "other.gpkg", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  write_area_gpkg (other_path, "boundary");

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
        /* An alert has no lines to speak of: its refusals name the area. */
        if (strstr (error->message, "area 1 (“A”)") != NULL)
          {
            g_assert_nonnull (strstr (error->message, "record 1: area 1 (“A”)"));
            g_assert_null (strstr (error->message, "line"));
          }
        g_clear_error (&error);
        g_clear_pointer (&after, g_free);
        after = snapshot (f);
        g_assert_cmpstr (before, ==, after);
      }
  }
}

static GFile *
data_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", dir, name, NULL);

  return g_file_new_for_path (path);
}

/* Distance in metres on a sphere of radius 6371 km: the test's own. */
static double
haversine_m (double lat1,
             double lon1,
             double lat2,
             double lon2)
{
  double p1 = lat1 * G_PI / 180, p2 = lat2 * G_PI / 180;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2 * 6371000 * asin (sqrt (a));
}

static SteadGeometry *
area_geometry (Fixture    *f,
               const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (f->ws, sql, NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return stead_geometry_new_from_gpkg (sqlite3_column_blob (stmt, 0),
                                       sqlite3_column_bytes (stmt, 0), NULL, NULL);
}

/* The specification's earthquake and a real tsunami message give their
 * place as a circle of radius 0: a point, mapped 100 m around it. */
static void
test_cap_point_circle (Fixture       *f,
                       gconstpointer  data)
{
  static const struct { const char *file; double lat, lon; } points[] = {
    { "oasis-earthquake.xml", 32.9525, -115.5527 },
    { "noaa-tsunami-cancellation-update.xml", 55.3, -134.9 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      g_autoptr(GFile) file = data_file ("cap", points[i].file);
      g_autoptr(SteadImportResult) result = NULL;
      g_autoptr(SteadGeometry) geometry = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;
      const SteadCoord *ring;
      gsize n;

      g_assert_true (run_import (f, "cap", file, NULL, &result, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (result->added, ==, 1);
      g_assert_cmpuint (result->rejects->len, ==, 0);
      g_assert_cmpuint (result->warnings->len, ==, 1);
      g_assert_nonnull (strstr (g_ptr_array_index (result->warnings, 0), "radius 0"));
      name = stead_test_text (f->ws, "SELECT name FROM area WHERE kind = 'hazard' "
                                     "ORDER BY fid DESC LIMIT 1");
      g_assert_nonnull (strstr (name, "a point"));
      g_assert_nonnull (strstr (name, "100 m"));

      /* Every vertex 100 m from the point, by the test's own great circle. */
      geometry = area_geometry (f, "SELECT geom FROM area WHERE kind = 'hazard' "
                                   "ORDER BY fid DESC LIMIT 1");
      g_assert_nonnull (geometry);
      ring = stead_geometry_get_ring (geometry, 0, 0, &n);
      g_assert_cmpuint (n, >=, 4);
      for (gsize k = 0; k < n; k++)
        g_assert_cmpfloat_with_epsilon (
          haversine_m (points[i].lat, points[i].lon, ring[k].y, ring[k].x), 100, 2);
    }
  /* The alert says exactly what it said: the area description, the sender
   * name, the category, and the circle itself in extra. */
  g_assert_cmpint (
    stead_test_count (f->ws,
                      "SELECT count(*) FROM alert WHERE identifier = 'TRI13970876.2' "
                      "AND area_desc = '1 mi. WSW of Brawley, CA; 11 mi. N of El Centro, CA; "
                      "30 mi. E of OCOTILLO (quarry); 1 mi. N of the Imperial Fault' "
                      "AND sender_name = 'Southern California Seismic Network (TriNet) "
                      "operated by Caltech and USGS' AND category = 'Geo' "
                      "AND json_extract (extra, '$.area.circle') = '32.9525,-115.5527 0' "
                      "AND json_extract (extra, '$.info.parameter[2].value') = '3.4 Ml'"),
    ==, 1);

  /* A negative radius is still no circle, and says so. */
  {
    g_autoptr(GFile) bad = stead_test_write_file (
      f->dir, "negative.xml",
      CAP_HEAD CAP_INFO ("Minor") "<area><areaDesc>A</areaDesc><circle>52,-2 -1</circle>"
                                  "</area></info></alert>");
    g_autoptr(GError) error = NULL;

    g_assert_false (run_import (f, "cap", bad, NULL, NULL, &error));
    g_assert_nonnull (strstr (error->message, "radius must be from 0"));
  }
}

/* Every text an element of the file holds (but polygons, which are the
 * geometry, and times, which are stored in UTC), read with libxml2's
 * reader: the oracle for "nothing the alert says is dropped". */
static GPtrArray *
cap_leaf_texts (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  xmlTextReader *reader = xmlReaderForFile (path, NULL, XML_PARSE_NONET);
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *element = NULL;

  g_assert_nonnull (reader);
  while (xmlTextReaderRead (reader) == 1)
    {
      int type = xmlTextReaderNodeType (reader);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          g_free (element);
          element = g_strdup ((const char *) xmlTextReaderConstLocalName (reader));
        }
      else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA) &&
               !g_str_equal (element, "polygon") && !g_str_equal (element, "sent") &&
               !g_str_equal (element, "onset") && !g_str_equal (element, "expires"))
        g_ptr_array_add (texts, g_strstrip (g_strdup ((const char *) xmlTextReaderConstValue (
                                  reader))));
    }
  xmlFreeTextReader (reader);
  return texts;
}

/* Geocodes, sender name, category, language and every other element of
 * real alerts are in the workspace after the import. */
static void
test_cap_keeps_fields (Fixture       *f,
                       gconstpointer  data)
{
  static const char *files[] = { "ea-severe-flood-warning-wainfleet.xml",
                                 "oasis-thunderstorm.xml", "eccc-frost-bilingual-excerpt.xml" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GFile) file = data_file ("cap", files[i]);
      g_autoptr(GHashTable) stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GPtrArray) texts = cap_leaf_texts (file);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (run_import (f, "cap", file, NULL, NULL, &error));
      g_assert_no_error (error);
      stmt = stead_workspace_prepare (
        f->ws, "SELECT * FROM alert WHERE identifier IN (SELECT identifier FROM alert "
               "ORDER BY id DESC LIMIT 1)", NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const char *text = (const char *) sqlite3_column_text (stmt, c);
            const char *column = sqlite3_column_name (stmt, c);

            if (text == NULL)
              continue;
            if (g_str_equal (column, "extra") || g_str_equal (column, "geocodes"))
              {
                g_autoptr(JsonNode) node = json_from_string (text, &error);

                g_assert_no_error (error);
                stead_test_json_leaves (node, stored);
              }
            else if (g_str_equal (column, "category"))
              {
                g_auto(GStrv) words = g_strsplit (text, " ", -1);

                for (guint w = 0; words[w] != NULL; w++)
                  g_hash_table_add (stored, g_strdup (words[w]));
              }
            else
              g_hash_table_add (stored, g_strdup (text));
          }
      for (guint t = 0; t < texts->len; t++)
        {
          const char *text = g_ptr_array_index (texts, t);

          if (*text != '\0' && !g_hash_table_contains (stored, text))
            g_error ("%s: “%.60s” was not kept", files[i], text);
        }
    }
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM alert WHERE geocodes = "
                                            "'[{\"valueName\":\"TargetAreaCode\",\"value\":"
                                            "\"053FWFSTEEP4\"}]' AND language = 'en-GB' "
                                            "AND sender_name = 'Environment Agency' "
                                            "AND category = 'Met'"),
                   ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT json_array_length (geocodes) FROM alert "
                                            "WHERE identifier = 'KSTO1055887203'"),
                   ==, 3);
}

/* A bilingual alert keeps each language's info; the languages share the
 * one hazard area they both describe. */
static void
test_cap_bilingual (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GFile) file = data_file ("cap", "eccc-frost-bilingual-excerpt.xml");
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (run_import (f, "cap", file, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 1);
  g_assert_cmpuint (result->updated, ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM area WHERE kind = 'hazard'"), ==,
                   1);
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT count(DISTINCT area) FROM alert WHERE area_desc = "
                             "'Green Bay - White Bay'"), ==, 1);
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT count(*) FROM alert WHERE area_desc = 'Green Bay - White Bay' "
                             "AND ((language = 'en-CA' AND event = 'frost' AND headline = "
                             "'yellow advisory - frost - in effect') OR (language = 'fr-CA' AND "
                             "event = 'gel' AND sender_name = 'Environnement Canada'))"),
    ==, 2);

  /* Again: the same area and both rows, updated. */
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_true (run_import (f, "cap", file, NULL, &result, &error));
  g_assert_cmpuint (result->added, ==, 0);
  g_assert_cmpuint (result->updated, ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM alert"), ==, 2);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM area WHERE kind = 'hazard'"), ==,
                   1);
}

/* A Cancel removes the areas of the alert it names, and says so; one that
 * names an alert the workspace does not have changes nothing. */
static void
test_cap_cancel_counts (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GFile) alert = NULL;
  g_autoptr(GFile) cancel = NULL;
  g_autoptr(GFile) nws = data_file ("cap", "nws-fire-weather-watch-cancel.xml");
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *summary = NULL;

  alert = stead_test_write_file (
    f->dir, "alert.xml",
    CAP_HEAD CAP_INFO ("Severe") "<area><areaDesc>River Avon at Tewkesbury</areaDesc>"
                                 "<circle>51.99,-2.16 1</circle></area>"
                                 "<area><areaDesc>Mythe</areaDesc><circle>52.01,-2.16 1.5</circle>"
                                 "</area></info></alert>");
  g_assert_true (run_import (f, "cap", alert, NULL, NULL, &error));
  g_assert_no_error (error);

  before = snapshot (f);
  g_assert_false (run_import (f, "cap", nws, NULL, &result, &error));
  g_assert_nonnull (strstr (error->message, "not in this workspace"));
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  cancel = stead_test_write_file (
    f->dir, "cancel.xml",
    "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>EA-2026-0043</identifier>"
    "<sender>floodwarnings@environment-agency.gov.uk</sender><sent>2026-11-30T08:00:00Z</sent>"
    "<status>Actual</status><msgType>Cancel</msgType><scope>Public</scope><references>"
    "floodwarnings@environment-agency.gov.uk,EA-2026-0042,2026-11-29T08:00:00+00:00"
    "</references></alert>");
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_true (run_import (f, "cap", cancel, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->removed, ==, 2);
  g_assert_cmpuint (result->updated, ==, 0);
  g_assert_cmpuint (result->added, ==, 0);
  summary = stead_import_result_describe (result);
  g_assert_nonnull (strstr (summary, "2 removed"));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM area WHERE kind = 'hazard'"), ==,
                   0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM alert"), ==, 0);
}

/* "Billion laughs" and external entities: refused before anything is
 * expanded, quickly, changing nothing. */
static void
test_cap_entities (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) laughs = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE alert [\n"
                                            "<!ENTITY l0 \"ha\">\n");
  g_autofree char *before = snapshot (f);
  const char *others[] = {
    "<?xml version=\"1.0\"?><!DOCTYPE alert [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
    "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&x;</identifier></alert>",
    "<!DOCTYPE alert SYSTEM \"http://example.org/cap.dtd\">"
    "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"/>",
  };

  for (guint i = 1; i <= 30; i++)
    g_string_append_printf (laughs, "<!ENTITY l%u \"&l%u;&l%u;&l%u;&l%u;\">\n", i, i - 1, i - 1,
                            i - 1, i - 1);
  g_string_append (laughs, "]>\n");
  g_string_append (laughs, CAP_HEAD + strlen ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
  g_string_append (laughs, "  <info><event>&l30;</event><urgency>Past</urgency>"
                           "<severity>Minor</severity><certainty>Unknown</certainty>"
                           "<headline>&l30;</headline><area><areaDesc>&l30;</areaDesc>"
                           "<circle>52,-2 1</circle></area></info></alert>\n");

  for (guint i = 0; i <= G_N_ELEMENTS (others); i++)
    {
      g_autoptr(GFile) file = stead_test_write_file (
        f->dir, "entities.xml", i == 0 ? laughs->str : others[i - 1]);
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      gint64 start = g_get_monotonic_time ();

      g_assert_false (run_import (f, "cap", file, NULL, NULL, &error));
      g_assert_nonnull (strstr (error->message, "DOCTYPE"));
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
      after = snapshot (f);
      g_assert_cmpstr (before, ==, after);
    }
}

/* A FIFO (or device) named as the file is refused before it is opened:
 * opening one waits for a writer for ever. */
static void
test_import_fifo (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "pipe.geojson", NULL);
  g_autoptr(GFile) fifo = g_file_new_for_path (path);
  const char *formats[] = { "cap", "geojson-areas", "needs-csv" };

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (run_import (f, formats[i], fifo, NULL, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
    }
  {
    g_autoptr(GFile) null = g_file_new_for_path ("/dev/zero");
    g_autoptr(GError) error = NULL;

    g_assert_false (run_import (f, "geojson-areas", null, NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  }
}

/* JSON nested 100,000 deep (which overflowed the stack) is refused with
 * the reason; nesting inside strings does not count. */
static void
test_geojson_deep (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) deep = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shallow = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  file = stead_test_write_file (f->dir, "deep.geojson", deep->str);
  g_assert_false (run_import (f, "geojson-areas", file, NULL, NULL, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "nested more than 512"));
  g_clear_error (&error);

  /* 512 levels are read; brackets inside strings are text. */
  g_assert_true (stead_json_check_bounds ("[[\"[[[[{{{{\\\"[[[[\"]]", 19, 2, &error));
  g_assert_no_error (error);
  g_assert_false (stead_json_check_bounds ("[[[]]]", 6, 2, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  shallow = g_strnfill (512, '[');
  g_assert_true (stead_json_check_bounds (shallow, 512, 512, NULL));
  g_assert_false (stead_json_check_bounds (shallow, 512, 511, NULL));
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
      g_assert_true (g_str_has_prefix (text, "id,kind,"));
      g_assert_nonnull (strstr (text, "food"));
      if (personal)
        g_assert_nonnull (strstr (text, "Mrs Example"));
      else
        g_assert_null (strstr (text, "Mrs Example"));
    }
}

/* A resource's title often names a volunteer: out of the export unless
 * personal data is asked for, as a need's title is. */
static void
test_export_resources_redacts (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) exporters = stead_export_list_exporters (NULL);
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(GError) error = NULL;
  SteadExportOptions options = { 0 };

  txn = stead_workspace_begin (f->ws, "core", "Add", &error);
  stead_transaction_insert_resource (txn, "volunteers", "Jo Bloggs, 4x4 driver", -2.1, 52.0, 1,
                                     "available", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));

  for (guint personal = 0; personal < 2; personal++)
    {
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
      g_autofree char *text = NULL;

      options.include_personal = personal;
      g_assert_true (stead_exporter_run (stead_export_find_exporter (exporters, "resources-csv",
                                                                     NULL),
                                         f->ws, out, &options, NULL, &error));
      g_assert_no_error (error);
      g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
      g_output_stream_close (out, NULL, NULL);
      text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
      g_assert_nonnull (strstr (text, "volunteers"));
      if (personal)
        g_assert_nonnull (strstr (text, "Jo Bloggs"));
      else
        g_assert_null (strstr (text, "Jo Bloggs"));
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

/* The R-tree's rows, "id minx maxx miny maxy" a line, by id. */
static char *
rtree_rows (sqlite3_stmt *stmt)
{
  GString *out = g_string_new (NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%" G_GINT64_FORMAT " %.9g %.9g %.9g %.9g\n",
                            (gint64) sqlite3_column_int64 (stmt, 0),
                            sqlite3_column_double (stmt, 1), sqlite3_column_double (stmt, 2),
                            sqlite3_column_double (stmt, 3), sqlite3_column_double (stmt, 4));
  return g_string_free (out, FALSE);
}

/* The index a bulk import builds (packed anew, or its points inserted in
 * Z-order) holds exactly what SQLite's own R-tree holds when the same
 * points are inserted one by one, as the insert trigger does: an R-tree
 * of another connection, filled row by row, is the oracle. */
static void
test_bulk_index_as_row_by_row (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (17);
  /* Packed into an empty index; inserted among more; packed with the rest. */
  const guint sizes[] = { 2500, 1200, 6000 };
  g_autoptr(GError) error = NULL;

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GString) csv = g_string_new ("kind,longitude,latitude\n");
      g_autofree char *name = g_strdup_printf ("bulk%u.csv", s);
      g_autoptr(GFile) file = NULL;
      g_autoptr(sqlite3_stmt) points = NULL;
      g_autoptr(sqlite3_stmt) indexed = NULL;
      g_autoptr(sqlite3_stmt) insert = NULL;
      g_autoptr(sqlite3_stmt) oracle = NULL;
      g_autofree char *got = NULL;
      g_autofree char *want = NULL;
      sqlite3 *db = NULL;

      for (guint i = 0; i < sizes[s]; i++)
        g_string_append_printf (csv, "food,%.7f,%.7f\n", g_rand_double_range (rng, -6.0, 1.7),
                                g_rand_double_range (rng, 49.9, 58.6));
      file = stead_test_write_file (f->dir, name, csv->str);
      g_assert_true (run_import (f, "needs-csv", file, NULL, NULL, &error));
      g_assert_no_error (error);

      g_assert_cmpint (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL), ==,
                       SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "CREATE VIRTUAL TABLE oracle USING rtree (id, minx, "
                                         "maxx, miny, maxy)", NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO oracle VALUES (?, ?, ?, ?, ?)", -1,
                                           &insert, NULL), ==, SQLITE_OK);
      points = stead_workspace_prepare (f->ws, "SELECT fid, ST_MinX (geom), ST_MaxX (geom), "
                                               "ST_MinY (geom), ST_MaxY (geom) FROM need "
                                               "WHERE geom IS NOT NULL ORDER BY random ()",
                                        &error);
      g_assert_no_error (error);
      while (sqlite3_step (points) == SQLITE_ROW)
        {
          for (int c = 0; c < 5; c++)
            sqlite3_bind_value (insert, c + 1, sqlite3_column_value (points, c));
          g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
          sqlite3_reset (insert);
        }
      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT * FROM oracle ORDER BY id", -1, &oracle,
                                           NULL), ==, SQLITE_OK);
      indexed = stead_workspace_prepare (f->ws, "SELECT id, minx, maxx, miny, maxy "
                                                "FROM rtree_need_geom ORDER BY id",
                                         &error);
      g_assert_no_error (error);
      got = rtree_rows (indexed);
      want = rtree_rows (oracle);
      g_assert_cmpstr (got, ==, want);
      g_clear_pointer (&insert, sqlite3_finalize);
      g_clear_pointer (&oracle, sqlite3_finalize);
      sqlite3_close (db);

      /* And each entry in the leaf the rowid table names. */
      {
        g_autoptr(sqlite3_stmt) check =
          stead_workspace_prepare (f->ws, "SELECT rtreecheck ('rtree_need_geom')", NULL);

        g_assert_cmpint (sqlite3_step (check), ==, SQLITE_ROW);
        g_assert_cmpstr ((const char *) sqlite3_column_text (check, 0), ==, "ok");
      }
      g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM rtree_need_geom_rowid r "
                                                "WHERE NOT EXISTS (SELECT 1 FROM need "
                                                "WHERE fid = r.rowid)"), ==, 0);
    }
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

/* ------------------------------------------------------------------------ */
/* Imports keep every field                                                  */

/* The extra attributes of one row, read back with json-glib (not with
 * the JSON the importer wrote), as "name=value;" in the file's order. */
static char *
extra_of (Fixture    *f,
          const char *sql)
{
  g_autofree char *json = stead_test_text (f->ws, sql);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  GList *members;

  if (json == NULL)
    return NULL;
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    g_string_append_printf (out, "%s=%s;", (const char *) l->data,
                            json_object_get_string_member (object, l->data));
  g_list_free (members);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
has_warning (SteadImportResult *result,
             const char        *text)
{
  for (guint i = 0; i < result->warnings->len; i++)
    if (g_str_equal (g_ptr_array_index (result->warnings, i), text))
      return TRUE;
  return FALSE;
}

/* Columns no field reads: kept with their own names; an empty or repeated
 * name, or a cell beyond the header, as "column N"; empty cells left out;
 * text that needs escaping in JSON kept exactly. */
static void
test_csv_keeps_unmapped_columns (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *extra = NULL;
  SteadImportOptions options = { .dry_run = TRUE };

  file = stead_test_write_file (
    f->dir, "needs.csv",
    "Ref,kind,title,longitude,latitude,Ward,Notes,,Notes\r\n"
    "A1,food,Parcel,-2.15,51.99,Tewkesbury East,\"gate code \"\"12\"\"\r\nback door\",x,"
    "second\\notes\r\n"
    "A2,food,Water,-2.16,51.98,,,,,beyond\r\n");
  g_assert_true (run_import (f, "needs-csv", file, &options, &result, &error));
  g_assert_no_error (error);
  g_assert_true (has_warning (result, "Kept as extra attributes: Ward, Notes, column 8, column 9"));

  options.dry_run = FALSE;
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_true (run_import (f, "needs-csv", file, &options, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 2);
  extra = extra_of (f, "SELECT extra FROM need WHERE source_id = 'A1'");
  g_assert_cmpstr (extra, ==,
                   "Ward=Tewkesbury East;Notes=gate code \"12\"\r\nback door;column 8=x;"
                   "column 9=second\\notes;");
  g_clear_pointer (&extra, g_free);
  extra = extra_of (f, "SELECT extra FROM need WHERE source_id = 'A2'");
  g_assert_cmpstr (extra, ==, "column 10=beyond;");
  g_clear_pointer (&extra, g_free);

  /* A newer file updates what it has and keeps what it lacks. */
  g_clear_object (&file);
  g_clear_pointer (&result, stead_import_result_free);
  file = stead_test_write_file (f->dir, "newer.csv",
                                "Ref,kind,longitude,latitude,Ward,Phase\r\n"
                                "A1,food,-2.15,51.99,Tewkesbury North,2\r\n");
  g_assert_true (run_import (f, "needs-csv", file, &options, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->updated, ==, 1);
  extra = extra_of (f, "SELECT extra FROM need WHERE source_id = 'A1'");
  g_assert_cmpstr (extra, ==,
                   "Ward=Tewkesbury North;Notes=gate code \"12\"\r\nback door;column 8=x;"
                   "column 9=second\\notes;Phase=2;");
  g_clear_pointer (&extra, g_free);

  /* Resources too; a file whose every column is a field keeps nothing. */
  g_clear_object (&file);
  g_clear_pointer (&result, stead_import_result_free);
  file = stead_test_write_file (f->dir, "halls.csv",
                                "title,kind,capacity,longitude,latitude,Keyholder\r\n"
                                "Hall,rest-centre,40,-2.15,51.99,Parish clerk\r\n"
                                "Church,rest-centre,20,-2.16,51.99,\r\n");
  g_assert_true (run_import (f, "resources-csv", file, &options, &result, &error));
  g_assert_no_error (error);
  extra = extra_of (f, "SELECT extra FROM resource WHERE title = 'Hall'");
  g_assert_cmpstr (extra, ==, "Keyholder=Parish clerk;");
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM resource WHERE title = 'Church' "
                                            "AND extra IS NULL"),
                   ==, 1);
}

static void
check_wards_extra (Fixture    *f,
                   const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *features;
  guint checked = 0;

  /* The oracle: the file itself, read with json-glib. */
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  features = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "features");
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *properties = json_object_get_object_member (
        json_array_get_object_element (features, i), "properties");
      g_autofree char *sql = g_strdup_printf (
        "SELECT extra FROM area WHERE kind = 'ward' AND code = '%s'",
        json_object_get_string_member (properties, "WD13CD"));
      g_autofree char *extra = extra_of (f, sql);
      g_autofree char *want =
        g_strdup_printf ("WD13CDO=%s;", json_object_get_string_member (properties, "WD13CDO"));

      /* WD13NMW is null in every feature of the file: nothing to keep. */
      g_assert_true (json_object_get_null_member (properties, "WD13NMW"));
      g_assert_cmpstr (extra, ==, want);
      checked++;
    }
  g_assert_cmpuint (checked, ==, 22);
}

/* The real 2013 wards of Tewkesbury: code and name from WD13CD and WD13NM,
 * the old-style code WD13CDO kept; the export writes it back. */
static void
test_geojson_keeps_properties (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo",
                                                 "wards-2013.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GHashTable) table = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) typed = NULL;
  g_autofree char *extra = NULL;
  SteadImportOptions options = { .options = table };

  g_hash_table_insert (table, "kind", "ward");
  g_assert_true (run_import (f, "geojson-areas", file, &options, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 22);
  g_assert_true (has_warning (result, "Kept as extra attributes: WD13CDO"));
  check_wards_extra (f, path);

  /* Exported with the areas, so a round trip keeps them. */
  {
    g_autoptr(GPtrArray) exporters = stead_export_list_exporters (NULL);
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
    g_autofree char *text = NULL;
    SteadExportOptions export_options = { 0 };

    g_assert_true (stead_exporter_run (stead_export_find_exporter (exporters, "areas-geojson",
                                                                   NULL),
                                       f->ws, out, &export_options, NULL, &error));
    g_assert_no_error (error);
    g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
    g_output_stream_close (out, NULL, NULL);
    text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
    g_assert_nonnull (strstr (text, "\"code\":\"E05004408\",\"name\":\"Ashchurch with Walton "
                                    "Cardiff\",\"WD13CDO\":\"23UGGE\"}"));
  }

  /* Properties that are not strings, as text; the code and name options
   * take theirs out of the extra attributes. */
  typed = stead_test_write_file (
    f->dir, "typed.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
    "{\"ref\":\"Z1\",\"label\":\"Zone\",\"pop\":1200,\"share\":0.25,\"flood\":true,"
    "\"none\":null,\"empty\":\"\",\"tags\":[\"a\",\"b\"]},\"geometry\":{\"type\":\"Polygon\","
    "\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}}]}");
  g_hash_table_insert (table, "code", "ref");
  g_hash_table_insert (table, "name", "label");
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_true (run_import (f, "geojson-areas", typed, &options, &result, &error));
  g_assert_no_error (error);
  extra = extra_of (f, "SELECT extra FROM area WHERE code = 'Z1'");
  g_assert_cmpstr (extra, ==, "pop=1200;share=0.25;flood=true;tags=[\"a\",\"b\"];");
}

/* A GeoPackage layer: every column but the geometry, the code's and the
 * name's, fid included. */
static void
test_gpkg_keeps_columns (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (f->dir, "other.gpkg", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *extra = NULL;

  write_area_gpkg (other_path, "district");

  file = g_file_new_for_path (other_path);
  g_assert_true (run_import (f, "gpkg-areas", file, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_true (has_warning (result, "Kept as extra attributes: fid, kind"));
  extra = extra_of (f, "SELECT extra FROM area WHERE code = 'E07000083'");
  g_assert_cmpstr (extra, ==, "fid=1;kind=district;");
}

/* ------------------------------------------------------------------------ */
/* Encodings                                                                 */

/* A byte that is text in neither UTF-8 nor Windows-1252 rejects its row,
 * by line and column, after quoted cells of several lines; the others
 * are read as Windows-1252. */
static void
test_undecodable_row_rejected (Fixture       *f,
                               gconstpointer  data)
{
  static const char csv[] = "kind,title,longitude,latitude\r\n"
                            "food,\"Caf\xe9\r\nround the back\",-2.1,52.0\r\n"
                            "food,Bad \x81 byte,-2.1,52.0\r\n"
                            "water,\xa3" "5 voucher,-2.1,52.0\r\n";
  g_autofree char *path = g_build_filename (f->dir, "cp.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const SteadImportReject *reject;
  SteadImportOptions options = { .skip_rejected = TRUE };

  g_assert_true (g_file_set_contents (path, csv, sizeof csv - 1, NULL));
  before = snapshot (f);
  g_assert_false (run_import (f, "needs-csv", file, NULL, &result, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "line 4"));
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (result->rejects->len, ==, 1);
  reject = g_ptr_array_index (result->rejects, 0);
  g_assert_cmpuint (reject->line, ==, 4);
  g_assert_nonnull (strstr (reject->reason, "“title”"));
  g_assert_nonnull (strstr (reject->reason, "neither UTF-8 nor Windows-1252"));

  g_clear_error (&error);
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_true (run_import (f, "needs-csv", file, &options, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need"), ==, 2);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need WHERE title = "
                                            "'Café\r\nround the back'"),
                   ==, 1);
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT count(*) FROM need WHERE title = '£5 voucher'"), ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need WHERE title LIKE 'Bad%'"),
                   ==, 0);
}

/* Excel's "Unicode Text" and council systems write UTF-16 with a BOM. */
static void
test_utf16_csv (Fixture       *f,
                gconstpointer  data)
{
  static const char *utf8 = "kind\ttitle\tlongitude\tlatitude\r\n"
                            "food\t\"Zoë’s\r\nparcel\"\t-2.1\t52.0\r\n"
                            "food\tLate\t-2.1\tnorth\r\n";
  g_autofree char *path = g_build_filename (f->dir, "unicode.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) bytes = g_string_new_len ("\xff\xfe", 2);
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *utf16 = NULL;
  gsize len = 0;

  utf16 = g_convert (utf8, -1, "UTF-16LE", "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  g_string_append_len (bytes, utf16, len);
  g_assert_true (g_file_set_contents (path, bytes->str, bytes->len, NULL));

  g_assert_false (run_import (f, "needs-csv", file, NULL, &result, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_REJECTED);
  /* The bad row starts on line 4: the quoted cell took two. */
  g_assert_nonnull (strstr (error->message, "line 4"));
  g_clear_error (&error);
  g_clear_pointer (&result, stead_import_result_free);
  {
    SteadImportOptions options = { .skip_rejected = TRUE };

    g_assert_true (run_import (f, "needs-csv", file, &options, &result, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need WHERE title = "
                                            "'Zoë’s\r\nparcel'"),
                   ==, 1);
}

/* ------------------------------------------------------------------------ */
/* Honest results                                                            */

#define THREE_AND_A_BAD_ONE                                                                        \
  "kind,title,longitude,latitude\n"                                                                \
  "food,One,-2.1,52.0\n"                                                                           \
  "food,\"Two,\nover two lines\",-2.1,52.0\n"                                                      \
  "food,Three,-2.1,52.0\n"                                                                         \
  "food,Nowhere,-2.1,north\n"

/* The dry run finds what the real run does, rejects included; neither says
 * anything was added unless it was. */
static void
test_dry_run_with_rejects (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GFile) file = stead_test_write_file (f->dir, "needs.csv", THREE_AND_A_BAD_ONE);
  g_autoptr(SteadImportResult) dry = NULL;
  g_autoptr(SteadImportResult) refused = NULL;
  g_autoptr(SteadImportResult) skipped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  SteadImportOptions options = { .dry_run = TRUE };

  g_assert_true (run_import (f, "needs-csv", file, &options, &dry, &error));
  g_assert_no_error (error);
  g_assert_false (dry->committed);
  g_assert_cmpuint (dry->added, ==, 3);
  g_assert_cmpuint (dry->rejects->len, ==, 1);
  g_assert_cmpuint (((SteadImportReject *) g_ptr_array_index (dry->rejects, 0))->line, ==, 6);
  text = stead_import_result_describe (dry);
  g_assert_cmpstr (text, ==, "Dry run, nothing changed: 3 rows would be added, 0 would be "
                             "updated, 1 rejected");
  g_clear_pointer (&text, g_free);

  options.dry_run = FALSE;
  g_assert_false (run_import (f, "needs-csv", file, &options, &refused, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_REJECTED);
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (refused->committed);
  g_assert_cmpuint (refused->added, ==, dry->added);
  g_assert_cmpuint (refused->rejects->len, ==, dry->rejects->len);
  text = stead_import_result_describe (refused);
  g_assert_cmpstr (text, ==, "Nothing was imported: 1 row rejected; 3 rows would be added, 0 "
                             "would be updated");
  g_clear_pointer (&text, g_free);

  options.skip_rejected = TRUE;
  g_assert_true (run_import (f, "needs-csv", file, &options, &skipped, &error));
  g_assert_no_error (error);
  g_assert_true (skipped->committed);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need"), ==, 3);
  text = stead_import_result_describe (skipped);
  g_assert_cmpstr (text, ==, "3 rows added, 0 updated, 1 rejected");
}

/* Fills the disk, as a quota or RLIMIT_FSIZE does: a write past @limit
 * bytes of any file fails (with SIGXFSZ ignored, as EFBIG). */
static void
set_file_size_limit (rlim_t limit)
{
  struct rlimit rl;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &rl), ==, 0);
  rl.rlim_cur = limit == RLIM_INFINITY ? rl.rlim_max : limit;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &rl), ==, 0);
}

/* A commit that cannot be written (the disk is full) imports nothing and
 * says so: no "added", the workspace as it was. */
static void
test_commit_fails (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("kind,title,longitude,latitude\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) checkpoint = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = g_build_filename (f->dir, "ws.gpkg", NULL);
  SteadImportOptions options = { 0 };
  void (*old_handler) (int);

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (csv, "food,Parcel %u,-2.1,52.0\n", i);
  file = stead_test_write_file (f->dir, "needs.csv", csv->str);

  /* An empty log, so that the commit is the first to write to it. */
  checkpoint = stead_workspace_prepare (f->ws, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
  g_assert_cmpint (sqlite3_step (checkpoint), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (checkpoint, 0), ==, 0);
  g_clear_pointer (&checkpoint, sqlite3_finalize);

  old_handler = signal (SIGXFSZ, SIG_IGN);
  set_file_size_limit (8192);
  g_assert_false (run_import (f, "needs-csv", file, &options, &result, &error));
  set_file_size_limit (RLIM_INFINITY);
  signal (SIGXFSZ, old_handler);

  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Nothing was imported from needs.csv: the "
                                                   "workspace could not be saved"));
  g_assert_nonnull (result);
  g_assert_false (result->committed);
  text = stead_import_result_describe (result);
  g_assert_cmpstr (text, ==, "Nothing was imported: 300 rows would be added, 0 would be updated");
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need"), ==, 0);
  g_clear_error (&error);

  /* Still nothing once the space is back, and the next import works. */
  stead_workspace_close (f->ws);
  g_clear_object (&f->ws);
  f->ws = stead_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need"), ==, 0);
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_true (run_import (f, "needs-csv", file, &options, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need"), ==, 300);
}

/* ------------------------------------------------------------------------ */
/* The postcode directory merges                                             */

/* Code-Point Open's rows, read with a plain split (the oracle): postcode
 * to its eastings and northings. */
static GHashTable *
code_point_rows (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = g_strsplit (g_strstrip (lines[i]), ",", -1);
      g_autofree char *postcode = NULL;

      if (g_strv_length (cells) < 4)
        continue;
      postcode = g_strndup (cells[0] + 1, strlen (cells[0]) - 2);   /* "GL193BB" */
      g_hash_table_insert (rows, g_steal_pointer (&postcode),
                           g_strdup_printf ("%s,%s", cells[2], cells[3]));
    }
  return rows;
}

static void
test_postcodes_merge (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo",
                                                 "codepoint-open-2014-08-tewkesbury.csv", NULL);
  g_autoptr(GHashTable) oracle = code_point_rows (path);
  g_autoptr(GFile) code_point = g_file_new_for_path (path);
  g_autoptr(GFile) extract = NULL;
  g_autoptr(GHashTable) table = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  SteadImportOptions options = { .options = table };
  double lon, lat, moved_lon, moved_lat;

  /* Every live postcode of the borough, placed. */
  g_assert_true (run_import (f, "postcodes", code_point, &options, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, g_hash_table_size (oracle));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM stead_postcode"), ==,
                   g_hash_table_size (oracle));
  g_assert_true (g_hash_table_contains (oracle, "GL194JN"));
  g_assert_true (stead_workspace_lookup_postcode (f->ws, "GL19 4JN", &lon, &lat));
  g_assert_true (stead_workspace_lookup_postcode (f->ws, "GL19 3BB", &moved_lon, &moved_lat));

  /* A newer extract, ONSPD-shaped: one terminated since, one moved, one
   * new (outside the borough), one terminated long ago that the
   * directory never had, and one as it was. */
  extract = stead_test_write_file (f->dir, "onspd-2026.csv",
                                   "pcds,doterm,lat,long\n"
                                   "GL19 4JN,202511,51.95,-2.25\n"
                                   "GL19 3BB,,51.9400,-2.3000\n"
                                   "SW1A 1AA,,51.501009,-0.141588\n"
                                   "GL20 9ZZ,199001,52.0,-2.1\n");
  before = snapshot (f);
  options.dry_run = TRUE;
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_true (run_import (f, "postcodes", extract, &options, &result, &error));
  g_assert_no_error (error);
  text = stead_import_result_describe (result);
  g_assert_cmpstr (text, ==, "Dry run, nothing changed: 1 row would be added, 1 would be updated, "
                             "1 would be removed, 0 rejected, 1 skipped");
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  options.dry_run = FALSE;
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_true (run_import (f, "postcodes", extract, &options, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 1);
  g_assert_cmpuint (result->updated, ==, 1);
  g_assert_cmpuint (result->removed, ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM stead_postcode"), ==,
                   g_hash_table_size (oracle));
  g_assert_false (stead_workspace_lookup_postcode (f->ws, "GL19 4JN", &lon, &lat));
  g_assert_true (stead_workspace_lookup_postcode (f->ws, "GL19 3BB", &lon, &lat));
  g_assert_cmpfloat_with_epsilon (lat, 51.94, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, -2.3, 1e-9);
  g_assert_true (stead_workspace_lookup_postcode (f->ws, "SW1A 1AA", &lon, &lat));
  /* The rest of the borough is where Code-Point put it. */
  g_assert_true (stead_workspace_lookup_postcode (f->ws, "GL19 4AA", &lon, &lat));

  /* The same extract again changes nothing, and says so. */
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_false (run_import (f, "postcodes", extract, &options, &result, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_EMPTY);
  g_clear_error (&error);

  /* Replacing is asked for, and the dry run says how much goes. */
  g_hash_table_insert (table, "replace", "yes");
  options.dry_run = TRUE;
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_true (run_import (f, "postcodes", extract, &options, &result, &error));
  g_assert_no_error (error);
  g_assert_true (has_warning (result, "Replaces the whole directory (2,627 postcodes)"));
  g_assert_cmpuint (result->removed, ==, 2627);
  options.dry_run = FALSE;
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_true (run_import (f, "postcodes", extract, &options, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM stead_postcode"), ==, 2);

  g_hash_table_insert (table, "replace", "perhaps");
  g_assert_false (run_import (f, "postcodes", extract, &options, NULL, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION);
  g_assert_nonnull (strstr (error->message, "perhaps"));
}

/* Postcode @i of a made-up area, "AB1 0AA" style, distinct for i < 676,000. */
static char *
merge_postcode (guint i)
{
  return g_strdup_printf ("%c%c%u %u%c%c", 'A' + (i / 26000) % 26, 'B', (i / 2600) % 10 + 1,
                          (i / 676) % 10, 'A' + (i / 26) % 26, 'A' + i % 26);
}

typedef struct
{
  GHashTable *directory;   /* postcode without spaces -> "lon,lat" */
  guint64     added;
  guint64     updated;
  guint64     removed;
  guint64     unchanged;
} MergeOracle;

/* One row of an extract into @csv, and applied to the oracle as the merge
 * is specified: in file order. */
static void
merge_oracle_row (MergeOracle *oracle,
                  GString     *csv,
                  guint        i,
                  gboolean     terminated,
                  guint        place)
{
  g_autofree char *postcode = merge_postcode (i);
  g_auto(GStrv) halves = g_strsplit (postcode, " ", 2);
  g_autofree char *key = g_strconcat (halves[0], halves[1], NULL);
  double lon = -2.0 - (place % 1000) / 1e4;
  double lat = 51.0 + (place / 1000) / 1e4;
  g_autofree char *position = g_strdup_printf ("%.6f,%.6f", lon, lat);
  const char *was = g_hash_table_lookup (oracle->directory, key);

  g_string_append_printf (csv, "%s,%s,%.6f,%.6f\n", postcode, terminated ? "202512" : "", lat,
                          lon);
  if (terminated && was != NULL)
    {
      g_hash_table_remove (oracle->directory, key);
      oracle->removed++;
    }
  else if (terminated || g_strcmp0 (was, position) == 0)
    oracle->unchanged++;
  else
    {
      if (was == NULL)
        oracle->added++;
      else
        oracle->updated++;
      g_hash_table_insert (oracle->directory, g_steal_pointer (&key), g_steal_pointer (&position));
    }
}

static void
merge_oracle_reset_counts (MergeOracle *oracle)
{
  oracle->added = oracle->updated = oracle->removed = oracle->unchanged = 0;
}

/* The directory as the workspace holds it: postcode -> "lon,lat". */
static GHashTable *
merge_directory (Fixture *f)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
    f->ws, "SELECT postcode, printf ('%.6f,%.6f', lon, lat) FROM stead_postcode", NULL);
  GHashTable *directory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (directory, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  return directory;
}

static void
assert_same_directory (GHashTable *expected,
                       GHashTable *got)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (got), ==, g_hash_table_size (expected));
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (got, key), ==, value);
}

/* A whole directory and a newer extract, tens of thousands of rows (the
 * import writes them in batches of 16,384): the directory ends as the rows say,
 * read in file order, and the counts are those of a row at a time. Some
 * postcodes are named twice in the extract, the later row winning:
 * terminated then live again, moved then terminated, moved twice. */
static void
test_postcodes_merge_in_order (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GHashTable) directory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           g_free);
  g_autoptr(GHashTable) got = NULL;
  g_autoptr(GString) csv = g_string_new ("pcds,doterm,lat,long\n");
  g_autoptr(GFile) first = NULL;
  g_autoptr(GFile) newer = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MergeOracle oracle = { directory };
  const guint n = 40000;

  for (guint i = 0; i < n; i++)
    merge_oracle_row (&oracle, csv, i, i % 10 == 3, i);
  /* The last batch moves and terminates some of the first's. */
  for (guint i = 0; i < 3000; i += 7)
    merge_oracle_row (&oracle, csv, i, i % 11 == 0, i + 5);
  first = stead_test_write_file (f->dir, "first.csv", csv->str);
  g_assert_true (run_import (f, "postcodes", first, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, oracle.added);
  g_assert_cmpuint (result->updated, ==, oracle.updated);
  g_assert_cmpuint (result->removed, ==, oracle.removed);
  g_assert_cmpuint (oracle.updated, >, 0);
  got = merge_directory (f);
  assert_same_directory (directory, got);

  merge_oracle_reset_counts (&oracle);
  g_string_assign (csv, "pcds,doterm,lat,long\n");
  for (guint i = 0; i < n + n / 8; i++)
    {
      gboolean terminated = i < n && (i % 10 == 3 || i % 50 == 7);

      merge_oracle_row (&oracle, csv, i, terminated, i % 40 == 1 ? i + 7 : i);
      /* Only in the first batch: the others are written as batches. */
      if (i < 16000 && i % 9001 == 11)
        merge_oracle_row (&oracle, csv, i, !terminated, i + 1);
      if (i < 16000 && i % 12007 == 5)
        {
          merge_oracle_row (&oracle, csv, i, FALSE, i + 2);
          merge_oracle_row (&oracle, csv, i, FALSE, i + 3);
        }
    }
  newer = stead_test_write_file (f->dir, "newer.csv", csv->str);
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_true (run_import (f, "postcodes", newer, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, oracle.added);
  g_assert_cmpuint (result->updated, ==, oracle.updated);
  g_assert_cmpuint (result->removed, ==, oracle.removed);
  g_assert_cmpuint (result->skipped, ==, oracle.unchanged);
  g_assert_cmpuint (oracle.removed, >, 0);
  g_assert_cmpuint (oracle.updated, >, 0);
  g_clear_pointer (&got, g_hash_table_unref);
  got = merge_directory (f);
  assert_same_directory (directory, got);
}

/* ------------------------------------------------------------------------ */
/* What stead-cli import says                                                */

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliRun;

static void
cli_run_free (CliRun *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliRun, cli_run_free)

static void
cli_child_setup (gpointer user_data)
{
  rlim_t *limit = user_data;

  if (limit != NULL)
    {
      struct rlimit rl = { *limit, *limit };

      signal (SIGXFSZ, SIG_IGN);
      setrlimit (RLIMIT_FSIZE, &rl);
    }
}

/* Runs stead-cli with @args (NULL-terminated), files no larger than
 * *@limit if it is given. */
static CliRun *
cli (rlim_t     *limit,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  CliRun *run = g_new0 (CliRun, 1);
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("STEAD_CLI"));
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
                               cli_child_setup, limit, &run->out, &run->err, &wait_status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  g_test_message ("stead-cli %s…: %d\n%s%s", first, run->status, run->out, run->err);
  return run;
}

static void
test_cli_says_what_changed (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *ws = g_build_filename (f->dir, "ws.gpkg", NULL);
  g_autoptr(GFile) file = stead_test_write_file (f->dir, "needs.csv", THREE_AND_A_BAD_ONE);
  g_autofree char *csv = g_file_get_path (file);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  stead_workspace_close (f->ws);
  g_clear_object (&f->ws);
  {
    g_autoptr(CliRun) r = cli (NULL, "import", ws, csv, "-f", "needs-csv", "--dry-run", NULL);

    g_autofree char *want = g_strdup_printf (
      "%s: Dry run, nothing changed: 3 rows would be added, 0 would be updated, 1 rejected\n"
      "Columns: kind=kind,title=title,longitude=longitude,latitude=latitude\n"
      "Rejected, line 6: longitude and latitude “-2.1”, “north” are not a position in degrees\n",
      csv);

    g_assert_cmpint (r->status, ==, 0);
    g_assert_cmpstr (r->out, ==, want);
  }
  {
    /* Refused for its reject: nothing "added", and exit 1. */
    g_autoptr(CliRun) r = cli (NULL, "import", ws, csv, "-f", "needs-csv", NULL);

    g_autofree char *want = g_strdup_printf (
      "%s: Nothing was imported: 1 row rejected; 3 rows would be added, 0 would be updated\n",
      csv);

    g_assert_cmpint (r->status, ==, 1);
    g_assert_true (g_str_has_prefix (r->out, want));
    g_assert_null (strstr (r->out, "added:"));
    g_assert_null (strstr (r->out, "rows added"));
    g_assert_nonnull (strstr (r->err, "nothing was imported (line 6:"));
  }
  {
    g_autoptr(CliRun) r = cli (NULL, "import", ws, csv, "-f", "needs-csv", "--json", NULL);

    g_assert_cmpint (r->status, ==, 1);
    g_assert_true (json_parser_load_from_data (parser, r->out, -1, &error));
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_false (json_object_get_boolean_member (root, "committed"));
    g_assert_cmpint (json_object_get_int_member (root, "added"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (root, "would_add"), ==, 3);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "rejected")), ==,
                      1);
    g_assert_cmpstr (json_object_get_string_member (root, "summary"), ==,
                     "Nothing was imported: 1 row rejected; 3 rows would be added, 0 would be "
                     "updated");
  }
  {
    /* An option the format does not take: bad usage, with the ones it does. */
    g_autoptr(CliRun) r =
      cli (NULL, "import", ws, csv, "-f", "needs-csv", "--option", "colour=red", NULL);

    g_assert_cmpint (r->status, ==, 2);
    g_assert_nonnull (strstr (r->err, "stead-cli: The format “needs-csv” has no option "
                                      "“colour”; it takes kind\n"));
  }
  {
    g_autoptr(CliRun) r = cli (NULL, "import", ws, csv, "-f", "needs-csv", "--skip-rejected",
                               "--json", NULL);

    g_assert_cmpint (r->status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, r->out, -1, &error));
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_true (json_object_get_boolean_member (root, "committed"));
    g_assert_cmpint (json_object_get_int_member (root, "added"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (root, "would_add"), ==, 3);
  }
}

/* The disk fills during the commit: exit 1, saying so, and nothing
 * changed in the workspace. */
static void
test_cli_commit_fails (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *ws = g_build_filename (f->dir, "ws.gpkg", NULL);
  g_autoptr(GString) rows = g_string_new ("kind,title,longitude,latitude\n");
  g_autoptr(GFile) small = stead_test_write_file (f->dir, "small.csv",
                                                  "kind,longitude,latitude\nfood,-2.1,52.0\n");
  g_autoptr(GFile) big = NULL;
  g_autofree char *small_path = g_file_get_path (small);
  g_autofree char *big_path = NULL;
  g_autoptr(GError) error = NULL;
  rlim_t limit = 65536;   /* room for the shared-memory index, not for the commit */

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (rows, "food,Parcel %u,-2.1,52.0\n", i);
  big = stead_test_write_file (f->dir, "big.csv", rows->str);
  big_path = g_file_get_path (big);

  stead_workspace_close (f->ws);
  g_clear_object (&f->ws);
  {
    /* Opened for writing once (schemas of the plugins), then closed: the
     * log is empty for the next. */
    g_autoptr(CliRun) r = cli (NULL, "import", ws, small_path, "-f", "needs-csv", NULL);

    g_assert_cmpint (r->status, ==, 0);
  }
  {
    g_autoptr(CliRun) r = cli (&limit, "import", ws, big_path, "-f", "needs-csv", NULL);
    g_autofree char *want = g_strdup_printf (
      "%s: Nothing was imported: 3000 rows would be added, 0 would be updated\n"
      "Columns: kind=kind,title=title,longitude=longitude,latitude=latitude\n",
      big_path);
    const char *line = strstr (r->err, "stead-cli: ");

    /* One line of its own (the test plugins' warnings aside) says why. */
    g_assert_cmpint (r->status, ==, 1);
    g_assert_nonnull (line);
    g_assert_null (strstr (line + 1, "stead-cli: "));
    g_assert_true (g_str_has_prefix (line, "stead-cli: Nothing was imported from big.csv: "
                                           "the workspace could not be saved"));
    g_assert_cmpstr (r->out, ==, want);
  }
  f->ws = stead_workspace_open (ws, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need"), ==, 1);
}

/* A damaged page of `area`: the GeoJSON export fails naming the table and
 * the row the oracle counts in the file's bytes, and writes no file. */
static void
test_export_areas_damaged (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) exporters = stead_export_list_exporters (NULL);
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = g_strdup (stead_workspace_get_path (f->ws));
  g_autofree char *damaged = NULL;
  guint before;

  txn = stead_workspace_begin (f->ws, "core", "Add areas", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 1500; i++)
    {
      SteadCoord ring[] = { { -2.1, 52 }, { -2.0, 52 }, { -2.0, 52.1 }, { -2.1, 52 } };
      g_autoptr(SteadGeometry) triangle = stead_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
      g_autofree char *code = g_strdup_printf ("E%08u", i);

      g_assert_cmpint (stead_transaction_insert_area (txn, "ward", code, "A ward of the test area",
                                                      triangle, &error), >, 0);
    }
  g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));
  g_assert_no_error (error);
  stead_workspace_close (f->ws);

  damaged = stead_test_damaged_copy (source, "area", &before);
  ws = stead_workspace_open (damaged, NULL, &error);
  g_assert_no_error (error);
  stead_test_assert_damaged (ws, stead_export_find_exporter (exporters, "areas-geojson", NULL),
                             "area", before + 1);
  stead_workspace_close (ws);
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

/* ------------------------------------------------------------------------ */
/* The user's words, and ids that come back                                 */

/* @text with the case of every other ASCII letter swapped: "hIgH". */
static char *
odd_case (const char *text)
{
  char *out = g_strdup (text);
  guint n = 0;

  for (char *p = out; *p != '\0'; p++)
    if (g_ascii_isalpha (*p))
      *p = n++ % 2 ? g_ascii_toupper (*p) : g_ascii_tolower (*p);
  return out;
}

/* The terms of a shipped vocabulary, read from its JSON (the oracle). */
static GPtrArray *
shipped_terms (const char *file)
{
  g_autofree char *path =
    g_test_build_filename (G_TEST_DIST, "..", "data", "taxonomy", file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *pairs = g_ptr_array_new_with_free_func (g_free);
  JsonArray *terms;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  terms = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "terms");
  for (guint i = 0; i < json_array_get_length (terms); i++)
    {
      JsonObject *term = json_array_get_object_element (terms, i);

      g_ptr_array_add (pairs, g_strdup (json_object_get_string_member (term, "code")));
      g_ptr_array_add (pairs, g_strdup (json_object_get_string_member (term, "label")));
    }
  return pairs;
}

/* Every vocabulary field of needs and resources takes its code or its
 * label in any case: each kind of the shipped taxonomy, each urgency
 * (Low…Critical as the app shows them, and 1–4), each status and
 * availability. */
static void
test_vocabulary_labels_and_codes (Fixture       *f,
                                  gconstpointer  data)
{
  static const struct { const char *code, *label; } urgencies[] = {
    { "1", "Low" }, { "2", "Medium" }, { "3", "High" }, { "4", "Critical" },
  };
  static const struct { const char *code, *label; } statuses[] = {
    { "open", "Open" }, { "assigned", "Assigned" }, { "met", "Met" }, { "closed", "Closed" },
    { "cancelled", "Cancelled" },
  };
  static const struct { const char *code, *label; } availabilities[] = {
    { "available", "Available" }, { "limited", "Limited" }, { "committed", "Committed" },
    { "unavailable", "Unavailable" },
  };
  g_autoptr(GPtrArray) need_kinds = shipped_terms ("need-kinds.json");
  g_autoptr(GPtrArray) resource_kinds = shipped_terms ("resource-kinds.json");
  g_autoptr(GString) needs = g_string_new ("id,kind,urgency,status,longitude,latitude\n");
  g_autoptr(GString) resources = g_string_new ("id,kind,availability,longitude,latitude\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  guint n = 0, n_needs, n_resources;

  /* Each word twice: by label in odd case, by code in upper case. */
  for (guint i = 0; i < need_kinds->len; i += 2, n++)
    for (guint by_label = 0; by_label < 2; by_label++)
      {
        const char *code = g_ptr_array_index (need_kinds, i);
        const char *label = g_ptr_array_index (need_kinds, i + 1);
        g_autofree char *kind = by_label ? odd_case (label) : g_ascii_strup (code, -1);
        g_autofree char *urgency =
          by_label ? odd_case (urgencies[n % 4].label) : g_strdup (urgencies[n % 4].code);
        g_autofree char *status =
          by_label ? odd_case (statuses[n % 5].label) : g_ascii_strup (statuses[n % 5].code, -1);

        g_string_append_printf (needs, "n%u-%u,\"%s\",%s,%s,-2.16,51.99\n", n, by_label, kind,
                                urgency, status);
      }
  n_needs = need_kinds->len;
  for (guint i = 0; i < resource_kinds->len; i += 2, n++)
    for (guint by_label = 0; by_label < 2; by_label++)
      {
        const char *code = g_ptr_array_index (resource_kinds, i);
        const char *label = g_ptr_array_index (resource_kinds, i + 1);
        g_autofree char *kind = by_label ? odd_case (label) : g_ascii_strup (code, -1);
        g_autofree char *availability = by_label ? odd_case (availabilities[n % 4].label)
                                                 : g_ascii_strup (availabilities[n % 4].code, -1);

        g_string_append_printf (resources, "r%u-%u,\"%s\",%s,-2.16,51.99\n", n, by_label, kind,
                                availability);
      }
  n_resources = resource_kinds->len;

  file = stead_test_write_file (f->dir, "needs.csv", needs->str);
  g_assert_true (run_import (f, "needs-csv", file, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, n_needs);
  g_clear_pointer (&result, stead_import_result_free);
  g_clear_object (&file);
  file = stead_test_write_file (f->dir, "resources.csv", resources->str);
  g_assert_true (run_import (f, "resources-csv", file, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, n_resources);

  /* Both spellings of a word give the same code, the one the oracle says. */
  n = 0;
  for (guint i = 0; i < need_kinds->len; i += 2, n++)
    for (guint by_label = 0; by_label < 2; by_label++)
      {
        g_autofree char *id = g_strdup_printf ("n%u-%u", n, by_label);
        g_autofree char *sql = g_strdup_printf (
          "SELECT count(*) FROM need WHERE source_id = '%s' AND kind = '%s' AND urgency = %s "
          "AND status = '%s'", id, (const char *) g_ptr_array_index (need_kinds, i),
          urgencies[n % 4].code, statuses[n % 5].code);

        g_assert_cmpint (stead_test_count (f->ws, sql), ==, 1);
      }
  for (guint i = 0; i < resource_kinds->len; i += 2, n++)
    for (guint by_label = 0; by_label < 2; by_label++)
      {
        g_autofree char *id = g_strdup_printf ("r%u-%u", n, by_label);
        g_autofree char *sql = g_strdup_printf (
          "SELECT count(*) FROM resource WHERE source_id = '%s' AND kind = '%s' AND "
          "availability = '%s'", id, (const char *) g_ptr_array_index (resource_kinds, i),
          availabilities[n % 4].code);

        g_assert_cmpint (stead_test_count (f->ws, sql), ==, 1);
      }
}

/* A wrong word is refused with the words that would do, and nothing
 * is imported. */
static void
test_vocabulary_wrong_words (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  const char *reasons[4];

  file = stead_test_write_file (f->dir, "wrong.csv",
                                "kind,urgency,status,longitude,latitude\n"
                                "food,Urgent,open,-2.16,51.99\n"
                                "food,0,open,-2.16,51.99\n"
                                "food,High,done,-2.16,51.99\n"
                                "spaceships,Low,open,-2.16,51.99\n");
  g_assert_false (run_import (f, "needs-csv", file, NULL, &result, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_REJECTED);
  g_assert_cmpuint (result->rejects->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    reasons[i] = ((SteadImportReject *) g_ptr_array_index (result->rejects, i))->reason;
  g_assert_cmpstr (reasons[0], ==,
                   "urgency “Urgent” is not one of: Low (1), Medium (2), High (3) or Critical (4)");
  g_assert_cmpstr (reasons[1], ==,
                   "urgency “0” is not one of: Low (1), Medium (2), High (3) or Critical (4)");
  g_assert_cmpstr (reasons[2], ==,
                   "status “done” is not one of: Open, Assigned, Met, Closed or Cancelled");
  g_assert_true (g_str_has_prefix (reasons[3], "kind “spaceships” is not one of: "));
  g_assert_nonnull (strstr (reasons[3], "Food and essential shopping"));
  g_assert_nonnull (strstr (reasons[3], " or Welfare check"));
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

static char *
export_text (SteadWorkspace *ws,
             const char     *format)
{
  g_autoptr(GPtrArray) exporters = stead_export_list_exporters (NULL);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  SteadExportOptions options = { .include_personal = TRUE };
  g_autoptr(GError) error = NULL;

  g_assert_true (stead_exporter_run (stead_export_find_exporter (exporters, format, NULL), ws, out,
                                     &options, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static SteadImportResult *
import_into (SteadWorkspace *ws,
             GPtrArray      *importers,
             const char     *format,
             GFile          *file,
             gboolean        dry_run)
{
  SteadImportOptions options = { .dry_run = dry_run };
  SteadImportResult *result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (stead_import_run (ws, stead_import_find_importer (importers, format, NULL, NULL),
                                   file, &options, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  return result;
}

/* The app's own export imported again updates its rows: here (by the
 * row's own id), and in another workspace after a first import there
 * (by the id it kept); an edited cell updates the row, a new row adds
 * one, and the whole import is one undo step. */
static void
test_export_reimport_updates (Fixture       *f,
                              gconstpointer  data)
{
  static const struct
  {
    const char *format, *table, *rows, *edit_from, *edit_to, *check;
  } kinds[] = {
    { "needs-csv", "need",
      "kind,title,urgency,status,closed,longitude,latitude\n"
      "food,Parcel,Low,open,,-2.16,51.99\nwater,Bottles,2,met,2026-11-03,-2.15,51.98\n"
      "food,Meals,3,open,,-2.14,51.97\n",
      ",Parcel,1,1,", ",Parcel,1,Critical,",
      "SELECT count(*) FROM need WHERE title = 'Parcel' AND urgency = 4" },
    { "resources-csv", "resource",
      "kind,title,capacity,longitude,latitude\n"
      "rest-centre,Hall,120,-2.16,51.99\nrest-centre,School,80,-2.15,51.98\n",
      ",Hall,120,", ",Hall,95,",
      "SELECT count(*) FROM resource WHERE title = 'Hall' AND capacity = 95" },
  };
  g_autofree char *other_path = g_build_filename (f->dir, "other.gpkg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadWorkspace) other = stead_workspace_create (other_path, "Other", NULL, &error);

  g_assert_no_error (error);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *name = g_strdup_printf ("%s.csv", kinds[k].table);
      g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM %s", kinds[k].table);
      g_autoptr(GFile) file = stead_test_write_file (f->dir, name, kinds[k].rows);
      g_autoptr(SteadImportResult) result = NULL;
      g_autofree char *text = NULL;
      g_autofree char *edited = NULL;
      g_autofree char *again = NULL;
      g_autofree char *described = NULL;
      g_autoptr(GString) grown = NULL;
      gint64 n;

      result = import_into (f->ws, f->importers, kinds[k].format, file, FALSE);
      n = stead_test_count (f->ws, count_sql);
      g_assert_cmpint (n, ==, result->added);
      g_clear_pointer (&result, stead_import_result_free);

      /* The export carries an id for each row; imported again, nothing is
       * added and every row is updated. */
      text = export_text (f->ws, kinds[k].format);
      g_test_message ("%s", text);
      g_assert_true (g_str_has_prefix (text, "id,"));
      g_clear_object (&file);
      file = stead_test_write_file (f->dir, "export.csv", text);
      result = import_into (f->ws, f->importers, kinds[k].format, file, TRUE);
      g_assert_cmpuint (result->added, ==, 0);
      g_assert_cmpuint (result->updated, ==, n);
      described = stead_import_result_describe (result);
      g_assert_nonnull (strstr (described, "0 rows would be added"));
      g_clear_pointer (&result, stead_import_result_free);

      /* An edited cell (a word the app shows, for urgency) updates its
       * row; a row with no id is added; one undo takes it all back. */
      g_assert_nonnull (strstr (text, kinds[k].edit_from));
      {
        const char *at = strstr (text, kinds[k].edit_from);

        edited = g_strdup_printf ("%.*s%s%s", (int) (at - text), text, kinds[k].edit_to,
                                  at + strlen (kinds[k].edit_from));
      }
      grown = g_string_new (edited);
      g_string_append (grown, k == 0 ? ",food,Extra,1,2,open,,,,-2.1,51.9\r\n"
                                     : ",rest-centre,Extra,5,available,,-2.1,51.9\r\n");
      g_clear_object (&file);
      file = stead_test_write_file (f->dir, "edited.csv", grown->str);
      result = import_into (f->ws, f->importers, kinds[k].format, file, TRUE);
      g_assert_cmpuint (result->added, ==, 1);
      g_assert_cmpuint (result->updated, ==, n);
      described = (g_free (described), stead_import_result_describe (result));
      g_assert_nonnull (strstr (described, "1 row would be added"));
      g_clear_pointer (&result, stead_import_result_free);
      g_assert_cmpint (stead_test_count (f->ws, kinds[k].check), ==, 0);
      result = import_into (f->ws, f->importers, kinds[k].format, file, FALSE);
      g_clear_pointer (&result, stead_import_result_free);
      g_assert_cmpint (stead_test_count (f->ws, count_sql), ==, n + 1);
      g_assert_cmpint (stead_test_count (f->ws, kinds[k].check), ==, 1);
      g_assert_true (stead_workspace_undo (f->ws, &error));
      g_assert_no_error (error);
      g_assert_cmpint (stead_test_count (f->ws, count_sql), ==, n);
      g_assert_cmpint (stead_test_count (f->ws, kinds[k].check), ==, 0);

      /* Into another workspace: added the first time, updated after (the
       * row without an id cannot be matched: added again); its export,
       * brought back here, updates the rows it came from. */
      result = import_into (other, f->importers, kinds[k].format, file, FALSE);
      g_assert_cmpuint (result->added, ==, n + 1);
      g_clear_pointer (&result, stead_import_result_free);
      result = import_into (other, f->importers, kinds[k].format, file, FALSE);
      g_assert_cmpuint (result->added, ==, 1);
      g_assert_cmpuint (result->updated, ==, n);
      g_clear_pointer (&result, stead_import_result_free);
      /* Every column of the export is a field again, none left in extra. */
      if (k == 0)
        {
          g_assert_cmpint (stead_test_count (other, "SELECT count(*) FROM need WHERE title = "
                                                    "'Bottles' AND status = 'met' AND closed "
                                                    "LIKE '2026-11-0%'"), ==, 1);
          g_assert_cmpint (stead_test_count (other, "SELECT count(*) FROM need WHERE closed IS "
                                                    "NOT NULL"), ==, 1);
        }
      g_assert_cmpint (stead_test_count (other, k == 0 ? "SELECT count(*) FROM need WHERE "
                                                         "extra IS NOT NULL"
                                                       : "SELECT count(*) FROM resource WHERE "
                                                         "extra IS NOT NULL"), ==, 0);
      again = export_text (other, kinds[k].format);
      g_clear_object (&file);
      file = stead_test_write_file (f->dir, "again.csv", again);
      result = import_into (f->ws, f->importers, kinds[k].format, file, TRUE);
      /* The n rows are this workspace's own; the two added there are new. */
      g_assert_cmpuint (result->updated, ==, n);
      g_assert_cmpuint (result->added, ==, 2);
    }
  stead_workspace_close (other);
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
  ADD ("/import/bulk-index-as-row-by-row", test_bulk_index_as_row_by_row);
  ADD ("/import/async-progress", test_async_progress);
  ADD ("/import/cancel-midway", test_cancel_midway);
  ADD ("/import/geojson-areas", test_geojson_areas);
  ADD ("/import/gpkg-areas", test_gpkg_areas);
  ADD ("/import/cap", test_cap);
  ADD ("/import/cap-point-circle", test_cap_point_circle);
  ADD ("/export/areas-damaged", test_export_areas_damaged);
  ADD ("/import/cap-keeps-fields", test_cap_keeps_fields);
  ADD ("/import/cap-bilingual", test_cap_bilingual);
  ADD ("/import/cap-cancel-counts", test_cap_cancel_counts);
  ADD ("/import/cap-entities", test_cap_entities);
  ADD ("/import/fifo-refused", test_import_fifo);
  ADD ("/import/geojson-deep", test_geojson_deep);
  ADD ("/export/needs-redacts-personal", test_export_redacts);
  ADD ("/export/resources-redacts-personal", test_export_resources_redacts);
  ADD ("/import/extra/csv-columns", test_csv_keeps_unmapped_columns);
  ADD ("/import/extra/geojson-properties", test_geojson_keeps_properties);
  ADD ("/import/extra/gpkg-columns", test_gpkg_keeps_columns);
  ADD ("/import/encoding/undecodable-row-rejected", test_undecodable_row_rejected);
  ADD ("/import/encoding/utf16", test_utf16_csv);
  ADD ("/import/results/dry-run-with-rejects", test_dry_run_with_rejects);
  ADD ("/import/results/commit-fails", test_commit_fails);
  ADD ("/import/postcodes/merge", test_postcodes_merge);
  ADD ("/import/postcodes/merge-in-order", test_postcodes_merge_in_order);
  ADD ("/import/cli/says-what-changed", test_cli_says_what_changed);
  ADD ("/import/cli/commit-fails", test_cli_commit_fails);
  ADD ("/import/vocabulary/labels-and-codes", test_vocabulary_labels_and_codes);
  ADD ("/import/vocabulary/wrong-words", test_vocabulary_wrong_words);
  ADD ("/import/ids/export-reimport-updates", test_export_reimport_updates);
#undef ADD

  return g_test_run ();
}
