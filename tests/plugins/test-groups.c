/* test-groups.c: the target groups plugin's records and references, headless
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stead.h"
#include "stead-test-util.h"
#include "groups.h"

typedef SteadTestPlugins Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *enabled[] = { "partners", "risks", "groups", NULL };

  stead_test_plugins_setup (f, enabled, g_strcmp0 (data, "demo") == 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  stead_test_plugins_teardown (f);
}

static gint64
group_id (Fixture    *f,
          const char *name)
{
  return stead_workspace_query_int64 (f->ws, "SELECT id FROM groups_group WHERE name = ?1",
                                      STEAD_ARGS (STEAD_STRING (name)));
}

/* The demo tells the story the coverage view is for: groups counted in
 * every ward, partners reaching some of them, and gaps. */
static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  gint64 older = group_id (f, "Older people living alone");
  gint64 priors = stead_workspace_query_int64 (
    f->ws, "SELECT fid FROM area WHERE kind = 'ward' AND name = 'Tewkesbury Prior''s Park'",
    NULL, 0);

  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_group"), ==, 12);
  g_assert_cmpint (older, >, 0);
  g_assert_cmpint (priors, >, 0);
  /* Counted in each of the 22 wards, and its size is their sum. */
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count (*) FROM groups_count WHERE group_id = ?1",
                     STEAD_ARGS (STEAD_INT (older))), ==, 22);
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT size FROM groups_group WHERE id = ?1",
                     STEAD_ARGS (STEAD_INT (older))), ==,
                   stead_workspace_query_int64 (
                     f->ws, "SELECT sum (count) FROM groups_count WHERE group_id = ?1",
                     STEAD_ARGS (STEAD_INT (older))));
  /* Somebody reaches them in the town, nobody instrumental in Prior's Park:
   * the mutual aid group there is a contributing partner. */
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count (*) FROM groups_reach WHERE group_id = ?1",
                     STEAD_ARGS (STEAD_INT (older))), ==, 4);
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count FROM groups_count WHERE group_id = ?1 AND area = ?2",
                     STEAD_ARGS (STEAD_INT (older), STEAD_INT (priors))), ==, 1240);
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws,
                     "SELECT count (*) FROM groups_reach r JOIN groups_reach_area ra "
                     "ON ra.reach = r.id WHERE r.group_id = ?1 AND ra.area = ?2",
                     STEAD_ARGS (STEAD_INT (older), STEAD_INT (priors))), ==, 1);
  /* A household's needs are on the map inside its ward, never at its door. */
  {
    g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
      f->ws,
      "SELECT n.geom, h.geom, a.geom FROM need n JOIN groups_household h ON h.fid = n.owner_ref "
      "JOIN area a ON a.fid = h.area WHERE n.owner = 'groups'",
      NULL);
    guint n = 0;

    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        g_autoptr(SteadGeometry) need = stead_geometry_new_from_gpkg (
          sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), NULL, NULL);
        g_autoptr(SteadGeometry) ward = stead_geometry_new_from_gpkg (
          sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2), NULL, NULL);
        double x, y;

        g_assert_nonnull (need);
        g_assert_true (stead_geometry_get_point (need, &x, &y));
        g_assert_true (stead_geometry_contains_point (ward, x, y));
        g_assert_false (sqlite3_column_bytes (stmt, 0) == sqlite3_column_bytes (stmt, 1) &&
                        memcmp (sqlite3_column_blob (stmt, 0), sqlite3_column_blob (stmt, 1),
                                sqlite3_column_bytes (stmt, 0)) == 0);
        n++;
      }
    g_assert_cmpuint (n, >, 500);
  }
  /* Places at real postcodes of the directory. */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_place WHERE geom IS "
                                            "NOT NULL"), ==, 10);
}

/* Removing a partner, a risk or a group leaves no reference behind, in
 * one undo step. */
static void
test_references (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 org = stead_record_provider_find (stead_workspace_get_provider (f->ws, "organisation"),
                                           "organisation", "Vale Carers Network");
  gint64 n_reach = stead_test_count (f->ws, "SELECT count (*) FROM groups_reach");
  gint64 dementia = group_id (f, "People living with dementia");
  g_auto(GStrv) sentences = NULL;
  g_autofree char *sentence = NULL;

  g_assert_cmpint (org, >, 0);
  sentences = stead_workspace_describe_removal (f->ws, "organisation", org);
  g_assert_nonnull (sentences);
  sentence = g_strjoinv (" ", sentences);
  g_assert_nonnull (strstr (sentence, "2 target groups"));

  g_assert_true (stead_workspace_remove_record (f->ws, "organisation", org, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count (*) FROM groups_reach WHERE organisation = ?1",
                     STEAD_ARGS (STEAD_INT (org))), ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_reach_area ra WHERE "
                                            "NOT EXISTS (SELECT 1 FROM groups_reach r WHERE "
                                            "r.id = ra.reach)"), ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_reach"), ==,
                   n_reach - 2);
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_reach"), ==, n_reach);

  /* A group goes with all that is its own; a household list it named stays. */
  g_assert_true (stead_workspace_edit (f->ws, "groups", "Add a list",
                                       "INSERT INTO groups_household_list (name, group_id, "
                                       "lawful_basis, received, retention) VALUES ('L', ?, "
                                       "'public-task', '2026-01-01', '2027-01-01')",
                                       STEAD_ARGS (STEAD_INT (dementia)), &error) > 0);
  g_assert_true (groups_group_delete (f->ws, dementia, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_group"), ==, 11);
  for (guint i = 0; i < 2; i++)
    {
      const char *tables[] = { "groups_count", "groups_reach" };
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM %s WHERE group_id NOT IN "
                                              "(SELECT id FROM groups_group)", tables[i]);

      g_assert_cmpint (stead_test_count (f->ws, sql), ==, 0);
    }
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_household_list WHERE "
                                            "name = 'L' AND group_id IS NULL"), ==, 1);
}

/* Purging one list takes its households and their needs, nothing else. */
static void
test_purge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 lists[2];
  gint64 other_needs = stead_test_count (f->ws, "SELECT count (*) FROM need");

  for (guint l = 0; l < 2; l++)
    {
      lists[l] = stead_workspace_edit (f->ws, "groups", "Add a list",
                                       "INSERT INTO groups_household_list (name, lawful_basis, "
                                       "received, retention) VALUES (?, 'public-task', "
                                       "'2026-01-01', '2027-01-01')",
                                       STEAD_ARGS (STEAD_STRING (l == 0 ? "A" : "B")), &error);
      g_assert_cmpint (lists[l], >, 0);
      for (guint h = 0; h < 3 + l; h++)
        {
          g_autofree char *ref = g_strdup_printf ("H%u-%u", l, h);
          gint64 fid = stead_workspace_edit (f->ws, "groups", "Add a household",
                                             "INSERT INTO groups_household (list, reference) "
                                             "VALUES (?, ?)",
                                             STEAD_ARGS (STEAD_INT (lists[l]), STEAD_STRING (ref)),
                                             &error);

          g_assert_cmpint (fid, >, 0);
          g_assert_cmpint (stead_workspace_edit (f->ws, "groups", "Publish",
                                                 "INSERT INTO need (kind, opened, owner, "
                                                 "owner_ref) VALUES ('welfare-check', "
                                                 "'2026-01-01T00:00:00Z', 'groups', ?)",
                                                 STEAD_ARGS (STEAD_INT (fid)), &error), >, 0);
        }
    }
  g_assert_true (groups_household_list_purge (f->ws, lists[0], &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count (*) FROM groups_household WHERE list = ?1",
                     STEAD_ARGS (STEAD_INT (lists[0]))), ==, 0);
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count (*) FROM groups_household WHERE list = ?1",
                     STEAD_ARGS (STEAD_INT (lists[1]))), ==, 4);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM need"), ==, other_needs + 4);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM need WHERE owner = 'groups' "
                                            "AND owner_ref NOT IN (SELECT fid FROM "
                                            "groups_household)"), ==, 0);
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT purged IS NOT NULL FROM groups_household_list WHERE id = ?1",
                     STEAD_ARGS (STEAD_INT (lists[0]))), ==, 1);
  /* The audit log says how many, never who. */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM stead_audit WHERE summary "
                                            "LIKE 'Purge A (3 households)' AND table_name = "
                                            "'groups_household' AND rows = 3"), ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM stead_audit WHERE summary "
                                            "LIKE '%H0-%'"), ==, 0);
}

/* The map never draws a list past its retention day, even before the
 * purge has run (here no main loop runs, so the plugin's watch cannot
 * purge it): expired yesterday and expiring today are left out, both
 * as counts and as points; tomorrow's is drawn. */
static void
test_map_leaves_out_expired (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 ward = stead_workspace_query_int64 (f->ws, "SELECT min (fid) FROM area WHERE kind = "
                                             "'ward'", NULL, 0);
  const int days[] = { -1, 0, 1 };
  const guint sizes[] = { 3, 5, 7 };
  g_autoptr(GArray) fids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  double total = 0;

  g_assert_true (stead_workspace_edit (f->ws, "groups", "Clear", "DELETE FROM groups_household",
                                       NULL, 0, &error) >= 0 || error != NULL);
  g_clear_error (&error);
  for (guint l = 0; l < G_N_ELEMENTS (days); l++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO groups_household_list (name, "
                                              "lawful_basis, received, retention, "
                                              "points_allowed) VALUES (?, 'public-task', "
                                              "'2026-01-01', date ('now', 'localtime', "
                                              "'%+d days'), 1)",
                                              days[l]);
      g_autofree char *name = g_strdup_printf ("List %u", l);
      gint64 list = stead_workspace_edit (f->ws, "groups", "Add a list", sql,
                                          STEAD_ARGS (STEAD_STRING (name)), &error);

      g_assert_no_error (error);
      for (guint h = 0; h < sizes[l]; h++)
        {
          g_autofree char *ref = g_strdup_printf ("L%u-%u", l, h);
          g_autoptr(SteadGeometry) point = stead_geometry_new_point (-2.16 + h * 1e-3, 51.99);

          stead_workspace_edit (f->ws, "groups", "Add a household",
                                "INSERT INTO groups_household (geom, list, reference, area) "
                                "VALUES (?, ?, ?, ?)",
                                STEAD_ARGS (STEAD_GEOMETRY (point), STEAD_INT (list),
                                            STEAD_STRING (ref), STEAD_INT (ward)),
                                &error);
          g_assert_no_error (error);
        }
    }
  groups_map_household_counts (f->ws, FALSE, fids, counts);
  for (guint i = 0; i < counts->len; i++)
    total += g_array_index (counts, double, i);
  g_assert_cmpfloat (total, ==, 7);
  groups_map_household_points (f->ws, points);
  g_assert_cmpuint (points->len, ==, 2 * 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/groups/demo", Fixture, "demo", fixture_setup, test_demo, fixture_teardown);
  g_test_add ("/groups/references", Fixture, "demo", fixture_setup, test_references,
              fixture_teardown);
  g_test_add ("/groups/purge", Fixture, NULL, fixture_setup, test_purge, fixture_teardown);
  g_test_add ("/groups/map-leaves-out-expired", Fixture, "demo", fixture_setup,
              test_map_leaves_out_expired, fixture_teardown);

  return g_test_run ();
}
