/* test-volunteers.c: the volunteers plugin's register and references, headless
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stead.h"
#include "stead-test-util.h"
#include "volunteers.h"

typedef SteadTestPlugins Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *enabled[] = { "partners", "risks", "groups", "volunteers", NULL };

  stead_test_plugins_setup (f, enabled, g_strcmp0 (data, "demo") == 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  stead_test_plugins_teardown (f);
}

/* The demo's register: fictional people at real postcodes, a skill or
 * more each, half of them with a partner. */
static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  gint64 n = stead_test_count (f->ws, "SELECT count (*) FROM volunteers_volunteer");

  g_assert_cmpint (n, ==, 150);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM volunteers_volunteer WHERE "
                                            "geom IS NULL OR postcode NOT IN (SELECT postcode "
                                            "FROM stead_postcode)"), ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM volunteers_volunteer v "
                                            "WHERE NOT EXISTS (SELECT 1 FROM volunteers_skill s "
                                            "WHERE s.volunteer = v.fid)"), ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM volunteers_volunteer WHERE "
                                            "affiliation = 'partner' AND organisation IS NOT "
                                            "NULL"), >, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM volunteers_volunteer WHERE "
                                            "name NOT LIKE 'Demo Volunteer %'"), ==, 0);
  /* Requests are raised before their window opens, and never after the
   * demo was made: the need table is what evaluation counts over time. */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM volunteers_request"), >, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM volunteers_request WHERE "
                                            "julianday (opened) > julianday ('now') OR "
                                            "julianday (opened) > julianday (window_start)"),
                   ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM need WHERE "
                                            "julianday (opened) > julianday ('now')"), ==, 0);
}

/* A partner removed: its volunteers become spontaneous, in the same undo
 * step; a volunteer removed takes their skills with them. */
static void
test_references (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 org = stead_workspace_query_int64 (
    f->ws, "SELECT organisation FROM volunteers_volunteer WHERE organisation IS NOT NULL "
           "GROUP BY organisation ORDER BY count (*) DESC LIMIT 1", NULL, 0);
  gint64 affiliated = stead_workspace_query_int64 (
    f->ws, "SELECT count (*) FROM volunteers_volunteer WHERE organisation = ?1",
    STEAD_ARGS (STEAD_INT (org)));
  gint64 volunteer = stead_test_count (f->ws, "SELECT min (fid) FROM volunteers_volunteer");
  g_auto(GStrv) sentences = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *sentence = NULL;

  g_assert_cmpint (affiliated, >, 1);
  sentences = stead_workspace_describe_removal (f->ws, "organisation", org);
  sentence = g_strjoinv (" ", sentences);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " volunteers are affiliated", affiliated);
  g_assert_nonnull (strstr (sentence, expected));
  g_assert_true (stead_workspace_remove_record (f->ws, "organisation", org, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count (*) FROM volunteers_volunteer WHERE organisation = ?1",
                     STEAD_ARGS (STEAD_INT (org))), ==, 0);
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count (*) FROM volunteers_volunteer WHERE organisation = ?1",
                     STEAD_ARGS (STEAD_INT (org))), ==, affiliated);

  g_assert_true (volunteers_volunteer_delete (f->ws, volunteer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count (*) FROM volunteers_skill WHERE volunteer = ?1",
                     STEAD_ARGS (STEAD_INT (volunteer))), ==, 0);
  /* Undo brings the person back whole. */
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count (*) FROM volunteers_skill WHERE volunteer = ?1",
                     STEAD_ARGS (STEAD_INT (volunteer))), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/volunteers/demo", Fixture, "demo", fixture_setup, test_demo, fixture_teardown);
  g_test_add ("/volunteers/references", Fixture, "demo", fixture_setup, test_references,
              fixture_teardown);

  return g_test_run ();
}
