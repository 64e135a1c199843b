/* test-groups-households.c: household lists, headless: the PSR import,
 * retention purge (no undo step left holding the rows), published needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stead.h"
#include "stead-test-util.h"
#include "groups.h"

typedef struct
{
  char              *dir;
  char              *path;
  GSettings         *settings;
  SteadPluginEngine *engine;
  GPtrArray         *importers;
  SteadWorkspace    *ws;
} Fixture;

/* The fixture tests/data/households/psr-extract.csv: plainly fictional,
 * at real postcodes of the demo's directory; and the needs in a column
 * each, as some suppliers write them. */
static char *psr_good;

static const char psr_columns[] =
  "Ref,Post Code,Need 1,Need 2,Need 3,Name\n"
  "COL-1,GL20 5RL,8,35,,Test Columns One\n"
  "COL-2,GL20 5AD,26,,,Test Columns Two\n";

/* Line 3: a postcode nobody has; line 4: a code that is no PSR code. */
static const char psr_bad[] =
  "Customer Reference,Postcode,Needs Codes,Customer Name\n"
  "BAD-1,GL20 5RL,14,Test Bad One\n"
  "BAD-2,ZZ99 9ZZ,14,Test Bad Two\n"
  "BAD-3,GL20 5AD,14;99,Test Bad Three\n"
  "BAD-4,GL20 5AD,14,Test Bad Four\n";

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *enabled[] = { "partners", "risks", "groups", NULL };
  g_autoptr(GError) error = NULL;

  if (psr_good == NULL)
    {
      g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "households",
                                                        "psr-extract.csv", NULL);

      g_assert_true (g_file_get_contents (fixture, &psr_good, NULL, &error));
    }
  f->dir = g_dir_make_tmp ("stead-households-XXXXXX", &error);
  g_assert_no_error (error);
  f->settings = g_settings_new (APP_ID);
  g_settings_set_strv (f->settings, "enabled-plugins", enabled);
  f->engine = stead_plugin_engine_new (f->settings);
  stead_plugin_engine_load_enabled (f->engine);
  f->importers = stead_import_list_importers (f->engine);
  f->path = g_build_filename (f->dir, "ws.gpkg", NULL);
  f->ws = stead_workspace_create (f->path, "Test", f->engine, &error);
  g_assert_no_error (error);
  /* The demo brings the postcodes, wards, a PSR agreement and 2 lists. */
  g_assert_true (stead_demo_populate (f->ws, 5, 5, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->ws != NULL)
    stead_workspace_close (f->ws);
  g_clear_object (&f->ws);
  g_ptr_array_unref (f->importers);
  g_clear_object (&f->engine);
  g_clear_object (&f->settings);
  stead_test_rm_rf (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static char *
day_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static gboolean
import_psr (Fixture            *f,
            const char         *contents,
            const char         *list,
            const char         *retention,
            gboolean            dry_run,
            SteadImportResult **result,
            GError            **error)
{
  g_autoptr(GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GFile) file = stead_test_write_file (f->dir, "psr.csv", contents);
  SteadImportOptions run = { .dry_run = dry_run, .options = options };
  SteadImporter *importer = stead_import_find_importer (f->importers, "groups-psr-csv", NULL,
                                                        NULL);

  g_assert_nonnull (importer);
  g_hash_table_insert (options, "list", (gpointer) list);
  g_hash_table_insert (options, "agreement", GROUPS_DEMO_AGREEMENT);
  g_hash_table_insert (options, "lawful-basis", "public-task");
  g_hash_table_insert (options, "retention", (gpointer) retention);
  g_hash_table_insert (options, "group", "Dependent on powered medical equipment");
  return stead_import_run (f->ws, importer, file, &run, NULL, NULL, NULL, result, error);
}

static gint64
list_id (Fixture    *f,
         const char *name)
{
  return stead_workspace_query_int64 (f->ws,
                                      "SELECT id FROM groups_household_list WHERE name = ?1",
                                      STEAD_ARGS (STEAD_STRING (name)));
}

static gint64
count_list (Fixture    *f,
            const char *sql,
            gint64      list)
{
  return stead_workspace_query_int64 (f->ws, sql, STEAD_ARGS (STEAD_INT (list)));
}

#define HOUSEHOLDS "SELECT count (*) FROM groups_household WHERE list = ?1"
#define NEEDS                                                                     \
  "SELECT count (*) FROM need WHERE owner = 'groups' AND owner_ref IN "           \
  "(SELECT fid FROM groups_household WHERE list = ?1)"

/* ------------------------------------------------------------------------ */

static void
test_import_good (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *retention = day_from_today (30);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 list;
  guint checked = 0;

  g_assert_true (import_psr (f, psr_good, "Test list", retention, FALSE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 4);
  /* No undo step keeps a copy of the households (remove the list instead),
   * but the audit log has the import by count. */
  g_assert_false (stead_workspace_can_undo (f->ws));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT rows FROM stead_audit WHERE txn = "
                                            "(SELECT max (txn) FROM stead_audit) AND "
                                            "table_name = 'groups_household' AND "
                                            "action = 'insert'"), ==, 4);
  list = list_id (f, "Test list");
  g_assert_cmpint (list, >, 0);
  g_assert_cmpint (count_list (f, HOUSEHOLDS, list), ==, 4);
  /* Codes kept as "14 22" however written; empty needs kept empty. */
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count (*) FROM groups_household WHERE list = ?1 AND "
                     "((reference = 'TEST-0001' AND needs = '14 22') OR "
                     "(reference = 'TEST-0002' AND needs = '14 22 26' "
                     " AND postcode = 'GL20 5AD') OR "
                     "(reference = 'TEST-0003' AND needs = '37') OR "
                     "(reference = 'TEST-0004' AND needs IS NULL))",
                     STEAD_ARGS (STEAD_INT (list))), ==, 4);
  /* The list holds what the options said, and the agreement's points. */
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count (*) FROM groups_household_list WHERE id = ?1 "
                     "AND lawful_basis = 'public-task' AND retention = ?2 AND points_allowed = 1 "
                     "AND group_id = (SELECT id FROM groups_group WHERE category = "
                     "'power-dependent')",
                     STEAD_ARGS (STEAD_INT (list), STEAD_STRING (retention))), ==, 1);
  /* Needs, by hand: 1 → welfare-check + medication; 2 → those and
   * power-dependent; 3 → water; 4 → none. */
  g_assert_cmpint (count_list (f, NEEDS, list), ==, 6);
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count (*) FROM need n JOIN groups_household h "
                     "ON n.owner = 'groups' AND n.owner_ref = h.fid WHERE h.list = ?1 "
                     "AND n.title IS NULL AND n.people = 1 AND n.status = 'open' "
                     /* On the map inside its ward, never at its door. */
                     "AND n.geom IS NOT h.geom "
                     "AND Stead_Contains ((SELECT a.geom FROM area a WHERE a.fid = h.area), "
                     "n.geom) = 1",
                     STEAD_ARGS (STEAD_INT (list))), ==, 6);
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count (*) FROM need n JOIN groups_household h "
                     "ON n.owner = 'groups' AND n.owner_ref = h.fid WHERE h.list = ?1 "
                     "AND h.reference = 'TEST-0002' AND n.kind = 'power-dependent'",
                     STEAD_ARGS (STEAD_INT (list))), ==, 1);

  /* Each household is in the ward containing it, by a second
   * point-in-polygon over every ward. */
  stmt = stead_workspace_prepare (f->ws,
                                  "SELECT ST_MinX (h.geom), ST_MinY (h.geom), h.area "
                                  "FROM groups_household h WHERE h.list = ?1",
                                  &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, list);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(sqlite3_stmt) wards = stead_workspace_prepare (
        f->ws, "SELECT fid, geom FROM area WHERE kind = 'ward'", &error);
      double x = sqlite3_column_double (stmt, 0), y = sqlite3_column_double (stmt, 1);
      gint64 found = 0;

      while (sqlite3_step (wards) == SQLITE_ROW)
        {
          g_autoptr(SteadGeometry) ward = stead_geometry_new_from_gpkg (
            sqlite3_column_blob (wards, 1), sqlite3_column_bytes (wards, 1), NULL, NULL);

          if (ward != NULL && stead_test_inside_by_winding (ward, x, y))
            found = sqlite3_column_int64 (wards, 0);
        }
      g_assert_cmpint (found, >, 0);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 2), ==, found);
      checked++;
    }
  g_assert_cmpuint (checked, ==, 4);

  /* Separate columns of codes read too. */
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_true (import_psr (f, psr_columns, "Columns", retention, FALSE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count (*) FROM groups_household WHERE list = ?1 AND "
                     "((reference = 'COL-1' AND needs = '8 35') OR "
                     "(reference = 'COL-2' AND needs = '26'))",
                     STEAD_ARGS (STEAD_INT (list_id (f, "Columns")))), ==, 2);
}

static void
test_import_bad (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SteadImportResult) dry = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *retention = day_from_today (30);
  g_autofree char *yesterday = day_from_today (-1);
  gint64 lists = stead_test_count (f->ws, "SELECT count (*) FROM groups_household_list");
  gint64 households = stead_test_count (f->ws, "SELECT count (*) FROM groups_household");
  gint64 needs = stead_test_count (f->ws, "SELECT count (*) FROM need");
  const SteadImportReject *reject;

  /* The dry run says what the real run finds, and writes nothing. */
  g_assert_true (import_psr (f, psr_bad, "Bad list", retention, TRUE, &dry, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dry->rejects->len, ==, 2);
  g_assert_cmpuint (dry->added, ==, 2);

  g_assert_false (import_psr (f, psr_bad, "Bad list", retention, FALSE, &result, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_REJECTED);
  g_clear_error (&error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->rejects->len, ==, 2);
  reject = g_ptr_array_index (result->rejects, 0);
  g_assert_cmpuint (reject->line, ==, 3);
  g_assert_nonnull (strstr (reject->reason, "ZZ99 9ZZ"));
  reject = g_ptr_array_index (result->rejects, 1);
  g_assert_cmpuint (reject->line, ==, 4);
  g_assert_nonnull (strstr (reject->reason, "99"));
  /* Nothing imported: no list, no household, no need. */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_household_list"), ==,
                   lists);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_household"), ==,
                   households);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM need"), ==, needs);

  /* A retention date that is not in the future is refused, as is none. */
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_false (import_psr (f, psr_good, "Late", yesterday, FALSE, &result, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION);
  g_clear_error (&error);
  g_clear_pointer (&result, stead_import_result_free);
  {
    g_autofree char *today = day_from_today (0);

    g_assert_false (import_psr (f, psr_good, "Today", today, FALSE, &result, &error));
    g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION);
    g_clear_error (&error);
  }
  g_assert_cmpint (list_id (f, "Late") + list_id (f, "Today"), ==, 0);
}

/* Two lists, one due on day D, one on D + 1; a need of another owner. */
static void
test_purge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *d = day_from_today (10);
  g_autofree char *d1 = day_from_today (11);
  g_autofree char *before = day_from_today (9);
  gint64 first, second, other, core_need, n_first, audit_before, txn;
  gint64 needs_before;
  guint n = 0;

  /* The demo's lists are due long after D. */
  g_assert_cmpint (stead_workspace_edit (f->ws, "groups", "Keep the demo lists",
                                         "UPDATE groups_household_list SET retention = ?1",
                                         STEAD_ARGS (STEAD_STRING ("2099-01-01")), &error), ==, 2);
  g_assert_true (import_psr (f, psr_good, "Due first", d, FALSE, &result, &error));
  g_assert_no_error (error);
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_true (import_psr (f, psr_columns, "Due second", d1, FALSE, &result, &error));
  g_assert_no_error (error);
  first = list_id (f, "Due first");
  second = list_id (f, "Due second");
  other = list_id (f, "Midshires PSR extract (demo)");
  n_first = count_list (f, HOUSEHOLDS, first);
  g_assert_cmpint (n_first, ==, 4);
  core_need = stead_workspace_edit (
    f->ws, "core", "Add a need",
    "INSERT INTO need (kind, people, opened, owner, owner_ref) VALUES ('food', 2, "
    "'2026-01-01T00:00:00.000Z', 'test', ?1)",
    STEAD_ARGS (STEAD_INT (stead_test_count (f->ws, "SELECT min (fid) FROM groups_household "
                                                    "WHERE list = (SELECT max (id) FROM "
                                                    "groups_household_list)"))),
    &error);
  g_assert_no_error (error);
  /* A household edit, undone: the redo step holds a household's row. */
  g_assert_cmpint (stead_workspace_edit (f->ws, "groups", "Edit a household",
                                         "UPDATE groups_household SET phone = '01632 960999' "
                                         "WHERE list = ?1 AND reference = 'TEST-0001'",
                                         STEAD_ARGS (STEAD_INT (first)), &error), ==, 1);
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_assert_true (stead_workspace_can_redo (f->ws));
  needs_before = stead_test_count (f->ws, "SELECT count (*) FROM need");

  /* The day before D: nothing goes. */
  g_assert_true (groups_households_purge_expired (f->ws, before, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (count_list (f, HOUSEHOLDS, first), ==, 4);

  audit_before = stead_test_count (f->ws, "SELECT coalesce (max (txn), 0) FROM stead_audit");
  /* Day D: exactly the first list goes. */
  g_assert_true (groups_households_purge_expired (f->ws, d, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (count_list (f, HOUSEHOLDS, first), ==, 0);
  g_assert_cmpint (count_list (f, NEEDS, first), ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM need"), ==, needs_before - 6);
  g_assert_cmpint (count_list (f, HOUSEHOLDS, second), ==, 2);
  /* 8 and 35 both give information; 26 power. */
  g_assert_cmpint (count_list (f, NEEDS, second), ==, 2);
  g_assert_cmpint (count_list (f, HOUSEHOLDS, other), >, 0);
  g_assert_cmpint (stead_workspace_query_int64 (f->ws, "SELECT count (*) FROM need WHERE fid = ?1",
                                                STEAD_ARGS (STEAD_INT (core_need))), ==, 1);
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count (*) FROM groups_household_list WHERE id = ?1 "
                     "AND purged IS NOT NULL", STEAD_ARGS (STEAD_INT (first))), ==, 1);

  /* Audited in one transaction, by count, naming nobody. */
  txn = stead_test_count (f->ws, "SELECT max (txn) FROM stead_audit");
  g_assert_cmpint (txn, ==, audit_before + 1);
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT rows FROM stead_audit WHERE txn = ?1 "
                     "AND table_name = 'groups_household' AND action = 'delete'",
                     STEAD_ARGS (STEAD_INT (txn))), ==, 4);
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT rows FROM stead_audit WHERE txn = ?1 "
                     "AND table_name = 'need' AND action = 'delete'",
                     STEAD_ARGS (STEAD_INT (txn))), ==, 6);
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count (*) FROM stead_audit WHERE txn = ?1 AND "
                     "(summary LIKE '%Test Householder%' OR summary LIKE '%TEST-000%' "
                     "OR summary LIKE '%01632%' OR summary NOT LIKE '%4 households%')",
                     STEAD_ARGS (STEAD_INT (txn))), ==, 0);

  /* No undo or redo step brings them back: undo everything there is. */
  g_assert_false (stead_workspace_can_redo (f->ws));
  while (stead_workspace_can_undo (f->ws))
    {
      if (!stead_workspace_undo (f->ws, &error))
        break;
    }
  g_clear_error (&error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_household WHERE "
                                            "reference LIKE 'TEST-%' "
                                            "OR name LIKE 'Test Householder%'"), ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM need WHERE owner = 'groups' "
                                            "AND owner_ref NOT IN "
                                            "(SELECT fid FROM groups_household)"), ==, 0);
}

/* Purge Now of a single list: the kit's purge leaves the step before it
 * undoable when that step holds no household. */
static void
test_purge_keeps_other_steps (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 demo = list_id (f, "Midshires PSR extract (demo)");
  gint64 group;

  group = groups_group_add (f->ws, "Test group", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (groups_household_list_purge (f->ws, demo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_list (f, HOUSEHOLDS, demo), ==, 0);
  /* The purge is no step; the group's addition still is. */
  g_assert_cmpstr (stead_workspace_get_undo_label (f->ws), ==, "Add target group “Test group”");
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_workspace_query_int64 (f->ws, "SELECT count (*) FROM groups_group "
                                                "WHERE id = ?1", STEAD_ARGS (STEAD_INT (group))),
                   ==, 0);
  g_assert_cmpint (count_list (f, HOUSEHOLDS, demo), ==, 0);
}

/* Editing and removing households keeps their needs in step. */
static void
test_publish (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *retention = day_from_today (30);
  gint64 list, fid;

  g_assert_true (import_psr (f, psr_good, "Publish", retention, FALSE, &result, &error));
  g_assert_no_error (error);
  list = list_id (f, "Publish");
  fid = stead_workspace_query_int64 (f->ws, "SELECT fid FROM groups_household WHERE list = ?1 "
                                     "AND reference = 'TEST-0001'",
                                     STEAD_ARGS (STEAD_INT (list)));
#define KINDS_OF                                                                          \
  "SELECT group_concat (kind, ' ') FROM (SELECT kind FROM need WHERE owner = 'groups' " \
  "AND owner_ref = ?1 ORDER BY kind)"

  g_assert_cmpstr (stead_workspace_query_text (f->ws, KINDS_OF, STEAD_ARGS (STEAD_INT (fid))),
                   ==, "medication welfare-check");
  g_assert_cmpint (stead_workspace_edit (f->ws, "groups", "Edit a household",
                                         "UPDATE groups_household SET needs = '26 37' "
                                         "WHERE fid = ?1",
                                         STEAD_ARGS (STEAD_INT (fid)), &error), ==, 1);
  g_assert_cmpstr (stead_workspace_query_text (f->ws, KINDS_OF, STEAD_ARGS (STEAD_INT (fid))),
                   ==, "power-dependent water");
  /* Moved to another household's place and ward: its needs move to that ward. */
  g_assert_cmpint (stead_workspace_edit (f->ws, "groups", "Move a household",
                                         "UPDATE groups_household SET (geom, area) = (SELECT "
                                         "geom, area FROM groups_household WHERE list = ?2 AND "
                                         "reference = 'TEST-0003') WHERE fid = ?1",
                                         STEAD_ARGS (STEAD_INT (fid), STEAD_INT (list)), &error),
                   ==, 1);
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count (*) FROM need n JOIN groups_household h "
                     "ON h.fid = n.owner_ref WHERE n.owner = 'groups' AND n.owner_ref = ?1 "
                     "AND Stead_Contains ((SELECT a.geom FROM area a WHERE a.fid = (SELECT area "
                     "FROM groups_household WHERE list = ?2 AND reference = 'TEST-0003')), "
                     "n.geom) = 1",
                     STEAD_ARGS (STEAD_INT (fid), STEAD_INT (list))), ==, 2);
  g_assert_cmpint (stead_workspace_edit (f->ws, "groups", "Remove a household",
                                         "DELETE FROM groups_household WHERE fid = ?1",
                                         STEAD_ARGS (STEAD_INT (fid)), &error), ==, 1);
  g_assert_null (stead_workspace_query_text (f->ws, KINDS_OF, STEAD_ARGS (STEAD_INT (fid))));
  /* Undone, the household and its needs are back as they were. */
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_assert_cmpstr (stead_workspace_query_text (f->ws, KINDS_OF, STEAD_ARGS (STEAD_INT (fid))),
                   ==, "power-dependent water");
  g_assert_cmpint (groups_household_list_of_need (f->ws, fid), ==, list);
}

static int
compare_kinds (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every household's needs as the PSR vocabulary gives them, worked out
 * here from its codes: "fid kind urgency" a line, by household and kind. */
static char *
expected_needs (Fixture *f)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
    f->ws, "SELECT fid, needs FROM groups_household WHERE geom IS NOT NULL AND needs IS NOT NULL "
    "ORDER BY fid", NULL);
  GString *out = g_string_new (NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_auto(GStrv) codes = g_strsplit ((const char *) sqlite3_column_text (stmt, 1), " ", -1);
      g_autoptr(GPtrArray) kinds = g_ptr_array_new ();

      for (guint i = 0; codes[i] != NULL; i++)
        {
          const char *kind = groups_psr_need_kind (codes[i]);

          if (kind != NULL && !g_ptr_array_find_with_equal_func (kinds, kind, g_str_equal, NULL))
            g_ptr_array_add (kinds, (gpointer) kind);
        }
      g_ptr_array_sort (kinds, compare_kinds);
      for (guint i = 0; i < kinds->len; i++)
        {
          const char *kind = g_ptr_array_index (kinds, i);

          g_string_append_printf (out, "%" G_GINT64_FORMAT " %s %d\n",
                                  (gint64) sqlite3_column_int64 (stmt, 0), kind,
                                  g_str_equal (kind, "power-dependent") ||
                                  g_str_equal (kind, "water") ? 3 : 2);
        }
    }
  return g_string_free (out, FALSE);
}

static char *
published_needs (Fixture *f)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
    f->ws, "SELECT owner_ref, kind, urgency FROM need WHERE owner = 'groups' "
    "ORDER BY owner_ref, kind", NULL);
  GString *out = g_string_new (NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%" G_GINT64_FORMAT " %s %d\n",
                            (gint64) sqlite3_column_int64 (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1),
                            sqlite3_column_int (stmt, 2));
  return g_string_free (out, FALSE);
}

/* Lists too large to publish household by household (more rows than a
 * transaction keeps the ids of): every household's needs published once,
 * in its ward, whether the list is the first with needs or comes after
 * others that have theirs already. */
static void
test_publish_bulk (Fixture       *f,
                   gconstpointer  data)
{
  static const char *codes[] = { "14", "1;2;3", "26 37", "15", "22;14;20", "", "12 26", "8" };
  g_autoptr(GPtrArray) postcodes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *retention = day_from_today (30);
  g_autoptr(GError) error = NULL;

  stmt = stead_workspace_prepare (f->ws, "SELECT postcode FROM stead_postcode ORDER BY 1", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (postcodes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_assert_cmpuint (postcodes->len, >, 0);
  for (guint l = 0; l < 2; l++)
    {
      g_autoptr(GString) csv = g_string_new ("Customer Reference,Postcode,Needs Codes\n");
      g_autoptr(SteadImportResult) result = NULL;
      g_autofree char *name = g_strdup_printf ("Bulk %u", l);
      g_autofree char *want = NULL;
      g_autofree char *got = NULL;
      const guint n = 5000;

      for (guint i = 0; i < n; i++)
        g_string_append_printf (csv, "BULK-%u-%u,%s,\"%s\"\n", l, i,
                                (char *) g_ptr_array_index (postcodes, (i * 7u) % postcodes->len),
                                codes[(i + l) % G_N_ELEMENTS (codes)]);
      g_assert_true (import_psr (f, csv->str, name, retention, FALSE, &result, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (result->added, ==, n);
      /* Each household in the spatial index under its own fid, at its point. */
      g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_household h "
                                                "WHERE geom IS NOT NULL AND NOT EXISTS (SELECT 1 "
                                                "FROM rtree_groups_household_geom r WHERE r.id = "
                                                "h.fid AND r.minx <= ST_MinX (h.geom) AND "
                                                "r.maxx >= ST_MinX (h.geom) AND r.miny <= "
                                                "ST_MinY (h.geom) AND r.maxy >= ST_MinY (h.geom))"),
                       ==, 0);
      g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM "
                                                "rtree_groups_household_geom"), ==,
                       stead_test_count (f->ws, "SELECT count (*) FROM groups_household "
                                                "WHERE geom IS NOT NULL"));
      want = expected_needs (f);
      got = published_needs (f);
      g_assert_cmpstr (got, ==, want);
      /* At a point of the household's ward, or nowhere without one. */
      g_assert_cmpint (stead_workspace_query_int64 (
                         f->ws, "SELECT count (*) FROM need n JOIN groups_household h "
                         "ON h.fid = n.owner_ref WHERE n.owner = 'groups' AND NOT ("
                         "h.area IS NULL AND n.geom IS NULL OR Stead_Contains ((SELECT geom "
                         "FROM area WHERE fid = h.area), n.geom) = 1)", NULL, 0), ==, 0);
    }
  g_assert_cmpint (count_list (f, NEEDS, list_id (f, "Bulk 1")), >, 5000);
}

/* Read-only: an expired list is never written, only left unread; a
 * writable open purges it. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *yesterday = day_from_today (-1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize len_before, len_after;
  gint64 demo = list_id (f, "Midshires PSR extract (demo)");
  gint64 n = count_list (f, HOUSEHOLDS, demo);

  g_assert_cmpint (n, >, 0);
  g_assert_cmpint (stead_workspace_edit (f->ws, "groups", "Shorten a list's retention",
                                         "UPDATE groups_household_list SET retention = ?1 "
                                         "WHERE id = ?2",
                                         STEAD_ARGS (STEAD_STRING (yesterday), STEAD_INT (demo)),
                                         &error), ==, 1);
  stead_workspace_close (f->ws);
  g_clear_object (&f->ws);
  g_assert_true (g_file_get_contents (f->path, &before, &len_before, NULL));

  f->ws = stead_workspace_open_full (f->path, f->engine, STEAD_WORKSPACE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_list (f, HOUSEHOLDS, demo), ==, n);
  g_assert_cmpint (count_list (f, "SELECT count (*) FROM groups_household_current "
                                  "WHERE list = ?1", demo), ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_household_current"),
                   >, 0);
  stead_workspace_close (f->ws);
  g_clear_object (&f->ws);
  g_assert_true (g_file_get_contents (f->path, &after, &len_after, NULL));
  g_assert_cmpuint (len_before, ==, len_after);
  g_assert_true (memcmp (before, after, len_before) == 0);

  f->ws = stead_workspace_open (f->path, f->engine, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_list (f, HOUSEHOLDS, demo), ==, 0);
  g_assert_cmpint (count_list (f, NEEDS, demo), ==, 0);
  g_assert_false (stead_workspace_can_undo (f->ws));
}

/* While the workspace is open, a list goes the moment its day comes: here
 * its retention is brought forward to today, as if midnight had passed. */
static void
test_purge_while_open (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = day_from_today (0);
  gint64 demo = list_id (f, "Midshires PSR extract (demo)");
  gint64 start = g_get_monotonic_time ();
  g_autofree char *purged = NULL;

  g_assert_true (groups_households_is_watched (f->ws));
  g_assert_cmpint (count_list (f, HOUSEHOLDS, demo), >, 0);
  g_assert_cmpint (stead_workspace_edit (f->ws, "groups", "Bring a list's retention forward",
                                         "UPDATE groups_household_list SET retention = ?1 "
                                         "WHERE id = ?2",
                                         STEAD_ARGS (STEAD_STRING (today), STEAD_INT (demo)),
                                         &error), ==, 1);
  while (count_list (f, HOUSEHOLDS, demo) > 0 &&
         g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (count_list (f, HOUSEHOLDS, demo), ==, 0);
  g_assert_cmpint (count_list (f, NEEDS, demo), ==, 0);
  /* The edit that made it due held the purged list's row: it went too,
   * so nothing can un-purge the list. */
  g_assert_false (stead_workspace_can_undo (f->ws));
  purged = stead_workspace_query_text (f->ws, "SELECT purged FROM groups_household_list "
                                       "WHERE id = ?1", STEAD_ARGS (STEAD_INT (demo)));
  g_assert_nonnull (purged);
}

/* Every export leaves out what stead_personal_data lists unless personal
 * data is asked for: each personal column of a household is there, and
 * each column the importer reads is flagged personal. */
static void
test_personal_columns (Fixture       *f,
                       gconstpointer  data)
{
  static const char *personal[] = { "geom", "reference", "postcode", "uprn", "needs", "name",
                                    "phone", "address" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) listed = stead_export_list_personal (f->ws, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (personal); i++)
    {
      g_autofree char *column = g_strconcat ("groups_household.", personal[i], NULL);

      g_assert_true (g_hash_table_contains (listed, column));
    }
  /* Columns that are not about a person stay exportable. */
  g_assert_false (g_hash_table_contains (listed, "groups_household.area"));
  g_assert_false (g_hash_table_contains (listed, "groups_household.list"));
  for (guint i = 0; i < groups_psr_format.n_fields; i++)
    g_assert_true (groups_psr_format.fields[i].flags & STEAD_FIELD_PERSONAL);
  /* The import's one transaction is audited by count, naming no one. */
  {
    g_autoptr(SteadImportResult) result = NULL;
    g_autofree char *retention = day_from_today (30);

    g_assert_true (import_psr (f, psr_good, "Audit", retention, FALSE, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM stead_audit WHERE "
                                              "summary LIKE '%Householder%' OR "
                                              "summary LIKE '%01632%' OR "
                                              "summary LIKE '%TEST-0%'"), ==, 0);
  }
}

/* The partners offer their data-sharing agreements, and say which let
 * households be points on the map; a list follows its agreement. */
static void
test_agreement_kind (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SteadRecordProvider *provider = stead_workspace_get_provider (f->ws, "agreement");
  g_autoptr(GListModel) listed = NULL;
  gint64 psr, mou, demo = list_id (f, "Midshires PSR extract (demo)");

  g_assert_nonnull (provider);
  listed = stead_record_provider_list (provider, "agreement");
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==,
                    stead_test_count (f->ws, "SELECT count (*) FROM partners_agreement "
                                             "WHERE kind = 'data-sharing'"));
  g_assert_cmpuint (g_list_model_get_n_items (listed), >, 0);
  mou = stead_test_count (f->ws, "SELECT id FROM partners_agreement WHERE kind = 'mou'");
  g_assert_cmpint (mou, >, 0);
  g_assert_false (stead_record_provider_exists (provider, "agreement", mou));
  psr = stead_record_provider_find (provider, "agreement", GROUPS_DEMO_AGREEMENT);
  g_assert_cmpint (psr, >, 0);
  {
    g_autoptr(GHashTable) allowed = groups_households_agreements_allowing_points (f->ws);

    g_assert_true (g_hash_table_contains (allowed, &psr));
    g_assert_false (g_hash_table_contains (allowed, &mou));
  }
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT points_allowed FROM groups_household_list WHERE id = ?1",
                     STEAD_ARGS (STEAD_INT (demo))), ==, 1);

  /* The agreement no longer allows points: nor does its list. */
  g_assert_cmpint (stead_workspace_edit (f->ws, "partners", "Edit agreement",
                                         "UPDATE partners_agreement SET allows_points = 0 "
                                         "WHERE id = ?1", STEAD_ARGS (STEAD_INT (psr)), &error),
                   ==, 1);
  {
    g_autoptr(GHashTable) allowed = groups_households_agreements_allowing_points (f->ws);

    g_assert_false (g_hash_table_contains (allowed, &psr));
  }
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT points_allowed FROM groups_household_list WHERE id = ?1",
                     STEAD_ARGS (STEAD_INT (demo))), ==, 0);
  /* Removed: the list names no agreement, and says so before. */
  {
    g_auto(GStrv) said = stead_workspace_describe_removal (f->ws, "agreement", psr);
    g_autofree char *all = said != NULL ? g_strjoinv (" ", said) : g_strdup ("");

    g_assert_nonnull (strstr (all, "household list"));
  }
  g_assert_true (stead_workspace_remove_record (f->ws, "agreement", psr, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count (*) FROM groups_household_list WHERE id = ?1 "
                     "AND agreement IS NULL", STEAD_ARGS (STEAD_INT (demo))), ==, 1);
}

/* Small-number suppression: 5 unless the partnership says otherwise. */
static void
test_setting (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (groups_setting_get (f->ws, "suppress-below"), ==, 5);
  g_assert_cmpint (groups_setting_get (f->ws, "privacy-zoom"), ==, 15);
  g_assert_true (groups_setting_set (f->ws, "suppress-below", 10, &error));
  g_assert_no_error (error);
  g_assert_cmpint (groups_setting_get (f->ws, "suppress-below"), ==, 10);
  g_assert_cmpint (groups_setting_get (f->ws, "privacy-zoom"), ==, 15);
  stead_workspace_close (f->ws);
  g_clear_object (&f->ws);
  f->ws = stead_workspace_open (f->path, f->engine, &error);
  g_assert_no_error (error);
  g_assert_cmpint (groups_setting_get (f->ws, "suppress-below"), ==, 10);
  /* Both bounds: 1 is the least (0 would suppress nothing). */
  g_assert_true (groups_setting_set (f->ws, "suppress-below", 1, &error));
  g_assert_no_error (error);
  g_assert_false (groups_setting_set (f->ws, "suppress-below", 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpint (groups_setting_get (f->ws, "suppress-below"), ==, 1);
  /* Its row gone (another tool deleted it): the default, not 0. */
  g_assert_cmpint (stead_workspace_edit (f->ws, "groups", "Drop a setting",
                                         "DELETE FROM groups_setting WHERE key = ?1",
                                         STEAD_ARGS (STEAD_STRING ("suppress-below")), &error),
                   ==, 1);
  g_assert_cmpint (groups_setting_get (f->ws, "suppress-below"), ==, 5);
}

/* The demo: ~2,000 households (10 per unit of scale), under the PSR
 * agreement with the electricity network, one list close to expiry. */
static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  gint64 demo = list_id (f, "Midshires PSR extract (demo)");
  gint64 soon = list_id (f, "Severn Water PSR, winter check (demo)");

  g_assert_cmpint (count_list (f, HOUSEHOLDS, demo), ==, 50);
  g_assert_cmpint (count_list (f, HOUSEHOLDS, soon), >, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_household "
                                            "WHERE area IS NULL OR geom IS NULL"), ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_household WHERE "
                                            "name NOT LIKE 'Demo Householder %' OR "
                                            "phone NOT LIKE '01632 960%'"), ==, 0);
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT points_allowed FROM groups_household_list WHERE id = ?1",
                     STEAD_ARGS (STEAD_INT (demo))), ==, 1);
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT julianday (retention) - julianday ('now', 'localtime') "
                     "FROM groups_household_list WHERE id = ?1",
                     STEAD_ARGS (STEAD_INT (soon))), <=, 7);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM taxonomy "
                                            "WHERE vocabulary = 'psr-need'"), ==, 29);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/groups/households/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("import-good", test_import_good);
  ADD ("import-bad-rejected-by-line", test_import_bad);
  ADD ("purge-exactly-expired", test_purge);
  ADD ("purge-keeps-other-steps", test_purge_keeps_other_steps);
  ADD ("purge-while-open", test_purge_while_open);
  ADD ("publish-in-step", test_publish);
  ADD ("publish-bulk", test_publish_bulk);
  ADD ("read-only-never-written", test_read_only);
  ADD ("personal-columns", test_personal_columns);
  ADD ("agreement-kind", test_agreement_kind);
  ADD ("suppress-below-setting", test_setting);
  ADD ("demo", test_demo);
#undef ADD

  return g_test_run ();
}
