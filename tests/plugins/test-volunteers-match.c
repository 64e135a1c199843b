/* test-volunteers-match.c: stead-cli match on a workspace's register and requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "stead.h"
#include "stead-test-util.h"
#include "volunteers.h"

#define KM_PER_DEGREE (6371.0088 * G_PI / 180)

typedef struct
{
  char              *dir;
  char              *path;
  GSettings         *settings;
  SteadPluginEngine *engine;
} Fixture;

static void
add_volunteer (SteadTransaction *txn,
               double            km_north,
               double            radius,
               const char       *dbs,
               gint64            partner)
{
  g_autoptr(SteadGeometry) point = stead_geometry_new_point (-2.16,
                                                             52.0 + km_north / KM_PER_DEGREE);
  g_autoptr(GError) error = NULL;
  gint64 fid;

  fid = stead_transaction_run (txn,
                               "INSERT INTO volunteers_volunteer (geom, name, radius_km, "
                               "dbs_level, affiliation, organisation) VALUES (?, 'Test Person', "
                               "?, ?, ?, ?)",
                               STEAD_ARGS (STEAD_GEOMETRY (point), STEAD_DOUBLE (radius),
                                           STEAD_STRING (dbs),
                                           STEAD_STRING (partner > 0 ? "partner" : "spontaneous"),
                                           STEAD_INT_OR_NULL (partner, partner > 0)), &error);
  g_assert_no_error (error);
  stead_transaction_run (txn, "INSERT INTO volunteers_skill (volunteer, skill) "
                              "VALUES (?, 'delivery')", STEAD_ARGS (STEAD_INT (fid)), &error);
  g_assert_no_error (error);
}

static void
add_request (SteadTransaction *txn,
             double            km_north,
             int               urgency,
             gboolean          regulated)
{
  g_autoptr(SteadGeometry) point = stead_geometry_new_point (-2.16,
                                                             52.0 + km_north / KM_PER_DEGREE);
  g_autoptr(GError) error = NULL;

  stead_transaction_run (txn,
                         "INSERT INTO volunteers_request (geom, kind, title, urgency, skills, "
                         "regulated, organisation) VALUES (?, 'food', 'Someone (fictional)', ?, "
                         "'delivery', ?, 7)",
                         STEAD_ARGS (STEAD_GEOMETRY (point), STEAD_INT (urgency),
                                     STEAD_INT (regulated)), &error);
  g_assert_no_error (error);
}

/* Volunteers 1 (0 km, radius 5) and 2 (3 km north, radius 2.5, enhanced
 * with barred list); request 1 (1 km north, critical) reaches both,
 * request 2 (1 km south) only volunteer 1, request 3 (regulated, 30 km
 * away) none; one task a day each. The optimum: 1 → 2, 2 → 1 (greedy would leave request 2). */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *enabled[] = { "partners", "volunteers", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autoptr(SteadTransaction) txn = NULL;

  f->dir = g_dir_make_tmp ("stead-vmatch-XXXXXX", &error);
  g_assert_no_error (error);
  f->settings = g_settings_new (APP_ID);
  g_settings_set_strv (f->settings, "enabled-plugins", enabled);
  f->engine = stead_plugin_engine_new (f->settings);
  stead_plugin_engine_load_enabled (f->engine);
  f->path = g_build_filename (f->dir, "ws.gpkg", NULL);
  ws = stead_workspace_create (f->path, "Test", f->engine, &error);
  g_assert_no_error (error);
  txn = stead_workspace_begin (ws, "volunteers", "Test data", &error);
  g_assert_no_error (error);
  add_volunteer (txn, 0, 5, "basic", 0);
  add_volunteer (txn, 3, 2.5, "enhanced-barred", 9);
  add_request (txn, 1, 4, FALSE);
  add_request (txn, -1, 1, FALSE);
  add_request (txn, 30, 2, TRUE);
  stead_transaction_run (txn, "UPDATE volunteers_setting SET value = 1 WHERE key = "
                              "'tasks-per-day'", NULL, 0, &error);
  g_assert_no_error (error);
  /* Partner 7, who raised the requests, may task volunteers (an active,
   * signed tasking agreement it is a party to); partner 9 may not. */
  if (g_strcmp0 (data, "no-agreement") != 0)
    {
      const char *sql[] = {
        "INSERT INTO partners_organisation (id, name) VALUES (7, 'Tasking Partner'), "
        "(9, 'Other Partner')",
        "INSERT INTO partners_agreement (id, title, kind, signed, status, allows_tasking) "
        "VALUES (1, 'Tasking', 'mou', date ('now', '-10 days'), 'active', 1)",
        "INSERT INTO partners_agreement_party (agreement, organisation) VALUES (1, 7)",
      };

      for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
        {
          stead_transaction_run (txn, sql[i], NULL, 0, &error);
          g_assert_no_error (error);
        }
    }
  g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));
  g_assert_no_error (error);
  stead_workspace_close (ws);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_chmod (f->path, 0644);
  g_clear_object (&f->engine);
  g_clear_object (&f->settings);
  stead_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
test_text (Fixture       *f,
           gconstpointer  data)
{
  SteadTestCli r = stead_test_run_cli ("match", f->path, NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "3 open requests, 2 volunteers: 2 assigned (3.0 km in all), "
                                   "1 unmet\n"));
  g_assert_nonnull (strstr (r.out, "request 1: volunteer 2, 2.0 km\n"));
  g_assert_nonnull (strstr (r.out, "request 2: volunteer 1, 1.0 km\n"));
  g_assert_nonnull (strstr (r.out, "request 3: unmet — no volunteer within reach\n"));
  /* Names are personal: never printed. */
  g_assert_null (strstr (r.out, "Test Person"));
  g_assert_null (strstr (r.out, "fictional"));
  stead_test_cli_clear (&r);
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  SteadTestCli r = stead_test_run_cli ("match", f->path, "--json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *assignments;

  g_assert_cmpint (r.status, ==, 0);
  json_parser_load_from_data (parser, r.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "assigned"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (root, "unmet"), ==, 1);
  g_assert_false (json_object_get_boolean_member (root, "applied"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "distance_km"), 3.0, 1e-6);
  assignments = json_object_get_array_member (root, "assignments");
  g_assert_cmpuint (json_array_get_length (assignments), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (assignments, 0),
                                               "volunteer"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (assignments, 0),
                                               "organisation"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (assignments, 1),
                                               "volunteer"), ==, 1);
  g_assert_true (json_object_get_null_member (json_array_get_object_element (assignments, 2),
                                              "volunteer"));
  stead_test_cli_clear (&r);
}

/* Nobody who may task them: matched, but no task is given. */
static void
test_apply_without_agreement (Fixture       *f,
                              gconstpointer  data)
{
  SteadTestCli r = stead_test_run_cli ("match", f->path, "--apply", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadWorkspace) ws = NULL;

  g_assert_cmpint (r.status, ==, 0);
  stead_test_cli_clear (&r);
  ws = stead_workspace_open (f->path, f->engine, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM volunteers_task"), ==, 0);
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM volunteers_request WHERE "
                                         "status = 'open'"), ==, 3);
  stead_workspace_close (ws);
}

static void
test_apply (Fixture       *f,
            gconstpointer  data)
{
  SteadTestCli r = stead_test_run_cli ("match", f->path, "--apply", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadWorkspace) ws = NULL;

  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "2 tasks offered (one undo step)"));
  stead_test_cli_clear (&r);

  ws = stead_workspace_open (f->path, f->engine, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM volunteers_task WHERE status = "
                                         "'offered' AND organisation = 7 AND offered IS NOT NULL"),
                   ==, 2);
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM volunteers_task t JOIN "
                                         "volunteers_task_volunteer v ON v.task = t.id WHERE "
                                         "(t.request, v.volunteer) IN (VALUES (1, 2), (2, 1))"),
                   ==, 2);
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM volunteers_request WHERE "
                                         "status = 'assigned'"), ==, 2);
  /* One transaction, audited as one step over the four tables (the
   * requests' published needs among them). */
  g_assert_cmpint (stead_test_count (ws, "SELECT count (DISTINCT txn) FROM stead_audit WHERE "
                                         "summary = 'Offer 2 requests to volunteers'"), ==, 1);
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM stead_audit WHERE "
                                         "summary = 'Offer 2 requests to volunteers'"), ==, 4);
  stead_workspace_close (ws);

  /* Matched already: nothing more to give. */
  r = stead_test_run_cli ("match", f->path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "1 open requests, 2 volunteers: 0 assigned"));
  stead_test_cli_clear (&r);
}

/* In one session: applied, then undone in one step. */
static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadWorkspace) ws = stead_workspace_open (f->path, f->engine, &error);
  g_autoptr(VolunteersMatch) match = NULL;

  g_assert_no_error (error);
  match = volunteers_match_new (ws, &error);
  g_assert_no_error (error);
  volunteers_match_run (match, STEAD_MATCH_OPTIMAL);
  g_assert_cmpint (volunteers_match_get_volunteer (match, 0), ==, 2);
  g_assert_cmpint (volunteers_match_get_volunteer (match, 1), ==, 1);
  g_assert_cmpint (volunteers_match_get_volunteer (match, 2), ==, 0);
  /* The greedy baseline leaves request 2 unmet. */
  volunteers_match_run (match, STEAD_MATCH_GREEDY);
  g_assert_cmpint (volunteers_match_get_volunteer (match, 1), ==, 0);
  volunteers_match_run (match, STEAD_MATCH_OPTIMAL);
  g_assert_true (volunteers_match_apply (match, ws, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM volunteers_task"), ==, 2);
  g_assert_cmpstr (stead_workspace_get_undo_label (ws), ==, "Offer 2 requests to volunteers");
  g_assert_true (stead_workspace_undo (ws, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM volunteers_task"), ==, 0);
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM volunteers_task_volunteer"), ==, 0);
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM volunteers_request WHERE "
                                         "status = 'open'"), ==, 3);
  g_assert_false (stead_workspace_can_undo (ws));
  stead_workspace_close (ws);
}

/* Reading never writes: a read-only file works, byte for byte the same. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize n_before, n_after;
  SteadTestCli r;

  g_assert_true (g_file_get_contents (f->path, &before, &n_before, NULL));
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  r = stead_test_run_cli ("match", f->path, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  stead_test_cli_clear (&r);
  r = stead_test_run_cli ("match", f->path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  stead_test_cli_clear (&r);
  g_assert_true (g_file_get_contents (f->path, &after, &n_after, NULL));
  g_assert_cmpuint (n_before, ==, n_after);
  g_assert_true (memcmp (before, after, n_before) == 0);
}

/* One request's suggestion: the eligible ranked, the others with why. */
static void
test_suggest (Fixture       *f,
              gconstpointer  data)
{
  SteadTestCli r = stead_test_run_cli ("match", f->path, "--request", "2", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *first;

  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Request 2: 1 eligible, 1 excluded within reach, 0 beyond "
                                   "reach\n  volunteer 1: 1.0 km away, within their 5.0 km "
                                   "radius\nExcluded:\n  volunteer 2: 4.0 km away, beyond their "
                                   "2.5 km travel radius\n"));
  stead_test_cli_clear (&r);

  /* 30 km away: beyond anyone's reach. */
  r = stead_test_run_cli ("match", f->path, "--request", "3", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  json_parser_load_from_data (parser, r.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "beyond_reach"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "eligible")), ==, 0);
  stead_test_cli_clear (&r);

  r = stead_test_run_cli ("match", f->path, "--request", "1", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  json_parser_load_from_data (parser, r.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "eligible")), ==, 2);
  first = json_array_get_object_element (json_object_get_array_member (root, "eligible"), 0);
  g_assert_cmpint (json_object_get_int_member (first, "volunteer"), ==, 1);   /* 1 km, then 2 */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "distance_km"), 1.0, 1e-6);
  stead_test_cli_clear (&r);

  r = stead_test_run_cli ("match", f->path, "--request", "99", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "Request 99 is not an open request"));
  stead_test_cli_clear (&r);
  r = stead_test_run_cli ("match", f->path, "--request", "2", "--apply", NULL);
  g_assert_cmpint (r.status, ==, 2);
  stead_test_cli_clear (&r);
}

static void
test_exit_codes (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "nowhere.gpkg", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  SteadTestCli r;

  r = stead_test_run_cli ("match", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "Missing argument"));
  stead_test_cli_clear (&r);
  r = stead_test_run_cli ("match", f->path, "--frobnicate", NULL);
  g_assert_cmpint (r.status, ==, 2);
  stead_test_cli_clear (&r);
  r = stead_test_run_cli ("match", f->path, f->path, NULL);
  g_assert_cmpint (r.status, ==, 2);
  stead_test_cli_clear (&r);
  r = stead_test_run_cli ("match", missing, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "nowhere.gpkg"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  stead_test_cli_clear (&r);
  g_assert_true (g_file_set_contents (text, "not a workspace", -1, NULL));
  r = stead_test_run_cli ("match", text, "--apply", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "notes.txt"));
  stead_test_cli_clear (&r);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/volunteers-match/text", Fixture, NULL, fixture_setup, test_text,
              fixture_teardown);
  g_test_add ("/volunteers-match/json", Fixture, NULL, fixture_setup, test_json,
              fixture_teardown);
  g_test_add ("/volunteers-match/apply", Fixture, NULL, fixture_setup, test_apply,
              fixture_teardown);
  g_test_add ("/volunteers-match/apply-without-agreement", Fixture, "no-agreement",
              fixture_setup, test_apply_without_agreement, fixture_teardown);
  g_test_add ("/volunteers-match/suggest", Fixture, NULL, fixture_setup, test_suggest,
              fixture_teardown);
  g_test_add ("/volunteers-match/undo", Fixture, NULL, fixture_setup, test_undo,
              fixture_teardown);
  g_test_add ("/volunteers-match/read-only", Fixture, NULL, fixture_setup, test_read_only,
              fixture_teardown);
  g_test_add ("/volunteers-match/exit-codes", Fixture, NULL, fixture_setup, test_exit_codes,
              fixture_teardown);
  return g_test_run ();
}
