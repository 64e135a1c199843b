/* test-volunteers-readiness.c: who may be deployed, for which roles and
 * why not; expiry alerts; tasks and the agreements that allow them;
 * a volunteer's child records — headless
 *
 * The expected reasons are written out in full: the sentences a
 * coordinator reads. Every date bound is tried on both sides, judged on a
 * fixed day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "stead.h"
#include "stead-test-util.h"
#include "volunteers.h"
#include "partners.h"

#define TODAY "2026-06-15"

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

/* Setting up: the plugins' own tables, written as a test may. */
static gint64
run (Fixture          *f,
     const char       *owner,
     const char       *sql,
     const SteadValue *values,
     guint             n_values)
{
  g_autoptr(GError) error = NULL;
  gint64 result = stead_workspace_edit (f->ws, owner, "Test set-up", sql, values, n_values,
                                        &error);

  g_assert_no_error (error);
  return result;
}

/* A volunteer ready for every seeded role on TODAY. */
static gint64
add_ready (Fixture    *f,
           const char *skills)
{
  g_auto(GStrv) each = g_strsplit (skills, " ", -1);
  gint64 id = run (f, "volunteers",
                   "INSERT INTO volunteers_volunteer (name, status, consent, id_checked, "
                   "badge_number, badge_issued, dbs_level, dbs_date) VALUES ('Test Volunteer', "
                   "'active', '2025-01-10', '2025-01-10', 'B1', '2025-01-11', 'enhanced-barred', "
                   "'2025-01-05')",
                   NULL, 0);

  for (guint i = 0; each[i] != NULL; i++)
    run (f, "volunteers", "INSERT INTO volunteers_skill (volunteer, skill) VALUES (?, ?)",
         STEAD_ARGS (STEAD_INT (id), STEAD_STRING (each[i])));
  run (f, "volunteers",
       "INSERT INTO volunteers_training (volunteer, course, skill, completed, expires) VALUES "
       "(?1, 'First aid certificate', 'first-aid', '2025-02-01', '2028-02-01'), "
       "(?1, 'Off-road driving', '4x4', '2025-02-01', '2028-02-01'), "
       "(?1, 'Chainsaw safety', 'chainsaw', '2025-02-01', NULL)",
       STEAD_ARGS (STEAD_INT (id)));
  run (f, "volunteers",
       "INSERT INTO volunteers_insurance (volunteer, kind, activities, expires) VALUES "
       "(?1, 'public-liability', NULL, '2027-01-01'), (?1, 'motor', NULL, '2027-01-01')",
       STEAD_ARGS (STEAD_INT (id)));
  run (f, "volunteers",
       "INSERT INTO volunteers_ppe (volunteer, item, issued) VALUES (?1, 'hi-vis', '2025-03-01'), "
       "(?1, 'gloves', '2025-03-01'), (?1, 'chainsaw-ppe', '2025-03-01')",
       STEAD_ARGS (STEAD_INT (id)));
  return id;
}

static VolunteersReadiness *
ready_on (Fixture    *f,
          gint64      id,
          const char *day)
{
  g_autoptr(GError) error = NULL;
  VolunteersReadiness *r = volunteers_readiness_get (f->ws, id, day, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_cmpint (r->volunteer, ==, id);
  return r;
}

static VolunteersReadiness *
ready (Fixture *f,
       gint64   id)
{
  return ready_on (f, id, TODAY);
}

/* Exactly these reasons (joined by "\n"), these roles ready. */
static void
assert_readiness (Fixture    *f,
                  gint64      id,
                  const char *reasons,
                  const char *roles)
{
  g_autoptr(VolunteersReadiness) r = ready (f, id);
  g_autofree char *said = volunteers_readiness_describe (r);
  g_autofree char *ready_roles = g_strjoinv (" ", r->roles_ready);

  g_assert_cmpstr (said, ==, reasons);
  g_assert_cmpstr (ready_roles, ==, roles);
  g_assert_cmpint (r->deployable, ==, *roles != '\0');
}

static void
set_volunteer (Fixture    *f,
               gint64      id,
               const char *sql,
               const char *value)
{
  run (f, "volunteers", sql, STEAD_ARGS (STEAD_INT (id), STEAD_TEXT (value)));
}

/* Everything in order: deployable for every role they have. */
static void
test_ready (Fixture       *f,
            gconstpointer  data)
{
  gint64 id = add_ready (f, "delivery befriending driving 4x4 first-aid chainsaw flood-warden "
                            "sandbagging radio");
  g_autoptr(GError) error = NULL;

  assert_readiness (f, id, NULL,
                    "4x4 befriending chainsaw delivery driving first-aid flood-warden radio "
                    "sandbagging");
  /* No such volunteer, and not a date. */
  g_assert_null (volunteers_readiness_get (f->ws, id + 100, TODAY, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (volunteers_readiness_get (f->ws, id, "15/06/2026x", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* What stops a volunteer for every role: status, consent, identity, badge,
 * no skills; and the dates of each, both sides of today. */
static void
test_general (Fixture       *f,
              gconstpointer  data)
{
  gint64 id = add_ready (f, "radio");
  gint64 bare = run (f, "volunteers",
                     "INSERT INTO volunteers_volunteer (name, status) VALUES ('Bare', 'active')",
                     NULL, 0);

  set_volunteer (f, id, "UPDATE volunteers_volunteer SET status = ?2 WHERE fid = ?1", "applicant");
  assert_readiness (f, id, "Not yet active: still an applicant", "");
  set_volunteer (f, id, "UPDATE volunteers_volunteer SET status = ?2 WHERE fid = ?1", "paused");
  assert_readiness (f, id, "Paused: not taking tasks", "");
  set_volunteer (f, id, "UPDATE volunteers_volunteer SET status = ?2 WHERE fid = ?1", "left");
  assert_readiness (f, id, "Has left", "");
  set_volunteer (f, id, "UPDATE volunteers_volunteer SET status = ?2 WHERE fid = ?1", "active");
  assert_readiness (f, id, NULL, "radio");

  set_volunteer (f, id, "UPDATE volunteers_volunteer SET consent = ?2 WHERE fid = ?1", NULL);
  assert_readiness (f, id, "No consent recorded for keeping their record", "");
  set_volunteer (f, id, "UPDATE volunteers_volunteer SET consent = ?2 WHERE fid = ?1",
                 "2026-06-16");
  assert_readiness (f, id, "No consent recorded for keeping their record", "");
  set_volunteer (f, id, "UPDATE volunteers_volunteer SET consent = ?2 WHERE fid = ?1", TODAY);
  assert_readiness (f, id, NULL, "radio");

  set_volunteer (f, id, "UPDATE volunteers_volunteer SET id_checked = ?2 WHERE fid = ?1", NULL);
  assert_readiness (f, id, "Identity documents not checked", "");
  set_volunteer (f, id, "UPDATE volunteers_volunteer SET id_checked = ?2 WHERE fid = ?1", TODAY);
  assert_readiness (f, id, NULL, "radio");

  set_volunteer (f, id, "UPDATE volunteers_volunteer SET badge_issued = ?2 WHERE fid = ?1", NULL);
  assert_readiness (f, id, "No ID badge issued", "");
  set_volunteer (f, id, "UPDATE volunteers_volunteer SET badge_issued = ?2 WHERE fid = ?1",
                 "2026-06-16");
  assert_readiness (f, id, "No ID badge issued", "");
  set_volunteer (f, id, "UPDATE volunteers_volunteer SET badge_issued = ?2 WHERE fid = ?1",
                 TODAY);
  assert_readiness (f, id, NULL, "radio");
  set_volunteer (f, id, "UPDATE volunteers_volunteer SET badge_returned = ?2 WHERE fid = ?1",
                 TODAY);
  assert_readiness (f, id, "ID badge returned", "");
  set_volunteer (f, id, "UPDATE volunteers_volunteer SET badge_returned = ?2 WHERE fid = ?1",
                 "2026-06-16");
  assert_readiness (f, id, NULL, "radio");

  /* Nothing at all: every general reason, in order. */
  assert_readiness (f, bare,
                    "No consent recorded for keeping their record\n"
                    "Identity documents not checked\n"
                    "No ID badge issued\n"
                    "No skills or roles recorded",
                    "");
}

/* The check each role needs, regulated activity said so, and renewal. */
static void
test_dbs (Fixture       *f,
          gconstpointer  data)
{
  gint64 id = add_ready (f, "delivery befriending driving flood-warden");
  g_autoptr(GError) error = NULL;

  set_volunteer (f, id, "UPDATE volunteers_volunteer SET dbs_level = ?2 WHERE fid = ?1",
                 "enhanced");
  assert_readiness (f, id,
                    "Enhanced DBS with barred list needed for shopping for a shielding adult — "
                    "regulated activity",
                    "befriending driving flood-warden");
  set_volunteer (f, id, "UPDATE volunteers_volunteer SET dbs_level = ?2 WHERE fid = ?1",
                 "standard");
  assert_readiness (f, id,
                    "Enhanced DBS needed for befriending\n"
                    "Enhanced DBS with barred list needed for shopping for a shielding adult — "
                    "regulated activity",
                    "driving flood-warden");
  set_volunteer (f, id, "UPDATE volunteers_volunteer SET dbs_level = ?2 WHERE fid = ?1", "basic");
  assert_readiness (f, id,
                    "Enhanced DBS needed for befriending\n"
                    "Enhanced DBS with barred list needed for shopping for a shielding adult — "
                    "regulated activity",
                    "driving flood-warden");
  set_volunteer (f, id, "UPDATE volunteers_volunteer SET dbs_level = ?2 WHERE fid = ?1", "none");
  assert_readiness (f, id,
                    "Enhanced DBS needed for befriending\n"
                    "Enhanced DBS with barred list needed for shopping for a shielding adult — "
                    "regulated activity\n"
                    "Basic DBS needed for driving",
                    "flood-warden");

  /* Renewal after three years: due on the anniversary. */
  set_volunteer (f, id, "UPDATE volunteers_volunteer SET dbs_level = ?2 WHERE fid = ?1", "basic");
  run (f, "volunteers", "DELETE FROM volunteers_skill WHERE volunteer = ?1 AND skill IN "
                        "('delivery', 'befriending')", STEAD_ARGS (STEAD_INT (id)));
  set_volunteer (f, id, "UPDATE volunteers_volunteer SET dbs_date = ?2 WHERE fid = ?1",
                 "2023-06-16");
  assert_readiness (f, id, NULL, "driving flood-warden");
  set_volunteer (f, id, "UPDATE volunteers_volunteer SET dbs_date = ?2 WHERE fid = ?1",
                 "2023-06-15");
  assert_readiness (f, id, "DBS certificate due for renewal today (needed for driving)",
                    "flood-warden");
  set_volunteer (f, id, "UPDATE volunteers_volunteer SET dbs_date = ?2 WHERE fid = ?1",
                 "2023-06-12");
  assert_readiness (f, id, "DBS certificate due for renewal 3 days ago (needed for driving)",
                    "flood-warden");
  g_assert_true (volunteers_setting_set (f->ws, "dbs-renewal-years", 5, &error));
  g_assert_no_error (error);
  assert_readiness (f, id, NULL, "driving flood-warden");
  set_volunteer (f, id, "UPDATE volunteers_volunteer SET dbs_date = ?2 WHERE fid = ?1", NULL);
  assert_readiness (f, id, "DBS certificate date not recorded (needed for driving)",
                    "flood-warden");
}

static void
set_training (Fixture    *f,
              gint64      id,
              const char *skill,
              const char *completed,
              const char *expires)
{
  run (f, "volunteers",
       "UPDATE volunteers_training SET completed = ?3, expires = ?4 WHERE volunteer = ?1 "
       "AND skill = ?2",
       STEAD_ARGS (STEAD_INT (id), STEAD_STRING (skill), STEAD_TEXT (completed),
                   STEAD_TEXT (expires)));
}

/* Training in date: the expiry is the last good day. */
static void
test_training (Fixture       *f,
               gconstpointer  data)
{
  gint64 id = add_ready (f, "first-aid radio");

  set_training (f, id, "first-aid", "2023-06-01", "2026-06-12");
  assert_readiness (f, id, "First aid certificate expired 3 days ago", "radio");
  set_training (f, id, "first-aid", "2023-06-01", "2026-06-14");
  assert_readiness (f, id, "First aid certificate expired 1 day ago", "radio");
  set_training (f, id, "first-aid", "2023-06-01", TODAY);
  assert_readiness (f, id, NULL, "first-aid radio");
  /* Completed tomorrow: not yet. */
  set_training (f, id, "first-aid", "2026-06-16", "2029-06-16");
  assert_readiness (f, id, "No First aid training recorded", "radio");
  set_training (f, id, "first-aid", TODAY, "2029-06-16");
  assert_readiness (f, id, NULL, "first-aid radio");

  /* An old certificate beside a new one is no reason; another skill's
   * training does not count. */
  run (f, "volunteers",
       "INSERT INTO volunteers_training (volunteer, course, skill, completed, expires) VALUES "
       "(?1, 'First aid (old)', 'first-aid', '2020-01-01', '2023-01-01')",
       STEAD_ARGS (STEAD_INT (id)));
  assert_readiness (f, id, NULL, "first-aid radio");
  run (f, "volunteers", "UPDATE volunteers_training SET skill = 'radio' WHERE volunteer = ?1 "
                        "AND course = 'First aid certificate'", STEAD_ARGS (STEAD_INT (id)));
  assert_readiness (f, id, "First aid (old) expired 1261 days ago", "radio");
  run (f, "volunteers", "DELETE FROM volunteers_training WHERE volunteer = ?1 "
                        "AND skill = 'first-aid'", STEAD_ARGS (STEAD_INT (id)));
  assert_readiness (f, id, "No First aid training recorded", "radio");
}

/* Insurance in date, and covering the activity; motor for drivers. */
static void
test_insurance (Fixture       *f,
                gconstpointer  data)
{
  gint64 id = add_ready (f, "driving flood-warden");

  run (f, "volunteers", "DELETE FROM volunteers_insurance WHERE volunteer = ?1 AND kind = 'motor'",
       STEAD_ARGS (STEAD_INT (id)));
  assert_readiness (f, id, "No Motor insurance (needed for driving)", "flood-warden");
  run (f, "volunteers",
       "INSERT INTO volunteers_insurance (volunteer, kind, expires) VALUES (?1, 'motor', "
       "'2026-06-12')", STEAD_ARGS (STEAD_INT (id)));
  assert_readiness (f, id, "Motor insurance expired 3 days ago", "flood-warden");
  run (f, "volunteers", "UPDATE volunteers_insurance SET expires = ?2 WHERE volunteer = ?1 "
                        "AND kind = 'motor'", STEAD_ARGS (STEAD_INT (id), STEAD_STRING (TODAY)));
  assert_readiness (f, id, NULL, "driving flood-warden");

  /* A policy for some activities only. */
  run (f, "volunteers", "UPDATE volunteers_insurance SET activities = 'driving befriending' "
                        "WHERE volunteer = ?1 AND kind = 'public-liability'",
       STEAD_ARGS (STEAD_INT (id)));
  assert_readiness (f, id, "Public liability insurance does not cover flood warden", "driving");
  run (f, "volunteers", "UPDATE volunteers_insurance SET activities = 'driving flood-warden' "
                        "WHERE volunteer = ?1 AND kind = 'public-liability'",
       STEAD_ARGS (STEAD_INT (id)));
  assert_readiness (f, id, NULL, "driving flood-warden");
  run (f, "volunteers", "UPDATE volunteers_insurance SET expires = '2026-06-14' "
                        "WHERE volunteer = ?1 AND kind = 'public-liability'",
       STEAD_ARGS (STEAD_INT (id)));
  assert_readiness (f, id,
                    "Public liability insurance expired 1 day ago\n"
                    "Public liability insurance expired 1 day ago",
                    "");
}

/* Protective equipment held: issued by today, not yet returned. */
static void
test_ppe (Fixture       *f,
          gconstpointer  data)
{
  gint64 id = add_ready (f, "flood-warden radio");

  run (f, "volunteers", "UPDATE volunteers_ppe SET returned = ?2 WHERE volunteer = ?1 "
                        "AND item = 'hi-vis'", STEAD_ARGS (STEAD_INT (id), STEAD_STRING (TODAY)));
  assert_readiness (f, id, "Hi-vis vest returned (needed for flood warden)", "radio");
  run (f, "volunteers", "UPDATE volunteers_ppe SET returned = '2026-06-16' WHERE volunteer = ?1 "
                        "AND item = 'hi-vis'", STEAD_ARGS (STEAD_INT (id)));
  assert_readiness (f, id, NULL, "flood-warden radio");
  run (f, "volunteers", "UPDATE volunteers_ppe SET issued = '2026-06-16', returned = NULL "
                        "WHERE volunteer = ?1 AND item = 'hi-vis'", STEAD_ARGS (STEAD_INT (id)));
  assert_readiness (f, id, "No Hi-vis vest issued (needed for flood warden)", "radio");
  run (f, "volunteers", "DELETE FROM volunteers_ppe WHERE volunteer = ?1 AND item = 'hi-vis'",
       STEAD_ARGS (STEAD_INT (id)));
  assert_readiness (f, id, "No Hi-vis vest issued (needed for flood warden)", "radio");

  /* The rules are data: a role given PPE by the partnership needs it. */
  run (f, "volunteers", "UPDATE volunteers_role SET ppe = 'helmet' WHERE skill = '*'", NULL, 0);
  assert_readiness (f, id,
                    "No Hi-vis vest issued (needed for flood warden)\n"
                    "No Safety helmet issued (needed for Radio (RAYNET))",
                    "");
}

/* The whole register in one pass says what each one alone says. The
 * demo's checks are dated from the day it is made: judged on that day. */
static void
test_bulk (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GPtrArray) all = volunteers_readiness_all (f->ws, today, &error);
  guint deployable = 0;

  g_assert_no_error (error);
  g_assert_cmpint (all->len, ==, stead_test_count (f->ws, "SELECT count (*) FROM "
                                                          "volunteers_volunteer"));
  for (guint i = 0; i < all->len; i++)
    {
      VolunteersReadiness *r = g_ptr_array_index (all, i);
      g_autoptr(VolunteersReadiness) one = ready_on (f, r->volunteer, today);
      g_autofree char *a = volunteers_readiness_describe (r);
      g_autofree char *b = volunteers_readiness_describe (one);

      g_assert_cmpstr (a, ==, b);
      g_assert_true (g_strv_equal ((const char * const *) r->roles_ready,
                                   (const char * const *) one->roles_ready));
      g_assert_cmpint (r->deployable, ==, one->deployable);
      if (i > 0)
        g_assert_cmpint (r->volunteer, >, ((VolunteersReadiness *) all->pdata[i - 1])->volunteer);
      deployable += r->deployable;
    }
  /* The demo has both kinds. */
  g_assert_cmpint (deployable, >, 0);
  g_assert_cmpint (deployable, <, all->len);
}

/* 100,000 volunteers judged well under a second. */
static void
test_bulk_speed (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *said = NULL;
  gint64 start;
  double seconds;

  run (f, "volunteers",
       "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
       "INSERT INTO volunteers_volunteer (fid, name, status, consent, id_checked, badge_issued, "
       "dbs_level, dbs_date) SELECT i, 'V', CASE i % 10 WHEN 0 THEN 'paused' ELSE 'active' END, "
       "'2025-01-01', '2025-01-01', '2025-01-01', CASE i % 3 WHEN 0 THEN 'enhanced-barred' "
       "ELSE 'basic' END, '2025-01-01' FROM n",
       NULL, 0);
  run (f, "volunteers",
       "INSERT INTO volunteers_skill (volunteer, skill) SELECT fid, CASE fid % 4 WHEN 0 THEN "
       "'delivery' WHEN 1 THEN 'driving' WHEN 2 THEN 'first-aid' ELSE 'flood-warden' END "
       "FROM volunteers_volunteer UNION ALL SELECT fid, 'befriending' FROM volunteers_volunteer "
       "WHERE fid % 2 = 0",
       NULL, 0);
  run (f, "volunteers",
       "INSERT INTO volunteers_insurance (volunteer, kind, expires) SELECT fid, "
       "'public-liability', '2027-01-01' FROM volunteers_volunteer", NULL, 0);
  run (f, "volunteers",
       "INSERT INTO volunteers_training (volunteer, course, skill, expires) SELECT fid, "
       "'First aid', 'first-aid', CASE fid % 8 WHEN 2 THEN '2026-01-01' ELSE '2027-01-01' END "
       "FROM volunteers_volunteer WHERE fid % 4 = 2", NULL, 0);
  run (f, "volunteers",
       "INSERT INTO volunteers_ppe (volunteer, item, issued) SELECT fid, 'hi-vis', '2025-01-01' "
       "FROM volunteers_volunteer WHERE fid % 8 = 3", NULL, 0);

  start = g_get_monotonic_time ();
  all = volunteers_readiness_all (f->ws, TODAY, &error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_no_error (error);
  g_assert_cmpint (all->len, ==, 100000);
  g_test_message ("readiness of 100,000 volunteers: %.3f s", seconds);
  g_assert_cmpfloat (seconds, <, 2.0);   /* well under 1 s alone; the machine is shared */
  /* Volunteer 8 (delivery and befriending, basic DBS): no role. */
  g_assert_false (((VolunteersReadiness *) all->pdata[7])->deployable);
  /* Volunteer 9: driving needs motor insurance: none. */
  g_assert_false (((VolunteersReadiness *) all->pdata[8])->deployable);
  /* Volunteer 3: flood warden with hi-vis; 7 without. */
  g_assert_true (((VolunteersReadiness *) all->pdata[2])->deployable);
  g_assert_false (((VolunteersReadiness *) all->pdata[6])->deployable);
  /* Volunteer 10: paused. */
  g_assert_false (((VolunteersReadiness *) all->pdata[9])->deployable);
  /* Volunteer 2: first aid expired 1 January, befriending on a basic
   * check; 6: first aid in date, enhanced with barred list. */
  said = volunteers_readiness_describe (all->pdata[1]);
  g_assert_cmpstr (said, ==, "Enhanced DBS needed for befriending\n"
                             "First aid expired 165 days ago");
  g_assert_true (((VolunteersReadiness *) all->pdata[5])->deployable);
  g_assert_cmpint (g_strv_length (((VolunteersReadiness *) all->pdata[5])->roles_ready), ==, 2);
}

/* What falls due within the warning days (30), or has passed. */
static void
test_alerts (Fixture       *f,
             gconstpointer  data)
{
  gint64 a = add_ready (f, "first-aid");
  gint64 b = add_ready (f, "first-aid");
  gint64 gone = add_ready (f, "first-aid");
  gint64 org = run (f, "partners", "INSERT INTO partners_organisation (name) VALUES "
                                   "('Test Red Cross')", NULL, 0);
  gint64 agreement;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GString) said = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  set_training (f, a, "first-aid", "2023-07-15", "2026-07-15");   /* today + 30: in */
  set_training (f, b, "first-aid", "2023-07-16", "2026-07-16");   /* today + 31: out */
  set_training (f, gone, "first-aid", "2023-01-01", "2026-06-01");
  set_volunteer (f, gone, "UPDATE volunteers_volunteer SET status = ?2 WHERE fid = ?1", "left");
  /* b's insurance has passed; a renewed one is not flagged. */
  run (f, "volunteers", "UPDATE volunteers_insurance SET expires = '2026-06-12' "
                        "WHERE volunteer = ?1 AND kind = 'motor'", STEAD_ARGS (STEAD_INT (b)));
  run (f, "volunteers", "UPDATE volunteers_insurance SET expires = '2026-06-01' "
                        "WHERE volunteer = ?1 AND kind = 'public-liability'",
       STEAD_ARGS (STEAD_INT (a)));
  run (f, "volunteers", "INSERT INTO volunteers_insurance (volunteer, kind, expires) "
                        "VALUES (?1, 'public-liability', '2027-06-01')",
       STEAD_ARGS (STEAD_INT (a)));
  /* a's DBS dated 2023-07-01: renewal due 2026-07-01, in 16 days; b's
   * dated 2023-07-16: due in 31 days, out. */
  set_volunteer (f, a, "UPDATE volunteers_volunteer SET dbs_date = ?2 WHERE fid = ?1",
                 "2023-07-01");
  set_volunteer (f, b, "UPDATE volunteers_volunteer SET dbs_date = ?2 WHERE fid = ?1",
                 "2023-07-16");
  /* A tasking agreement expiring in 10 days; one not allowing tasking
   * expiring sooner is not the volunteers' business. */
  agreement = run (f, "partners",
                   "INSERT INTO partners_agreement (title, kind, expiry, status, allows_tasking) "
                   "VALUES ('Tasking MoU', 'mou', '2026-06-25', 'active', 1)", NULL, 0);
  run (f, "partners", "INSERT INTO partners_agreement_party (agreement, organisation) "
                      "VALUES (?, ?)", STEAD_ARGS (STEAD_INT (agreement), STEAD_INT (org)));
  run (f, "partners", "INSERT INTO partners_agreement (title, kind, expiry, status) "
                      "VALUES ('Catering', 'contract', '2026-06-20', 'active')", NULL, 0);

  alerts = volunteers_expiry_alerts (f->ws, TODAY, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < alerts->len; i++)
    {
      VolunteersAlert *alert = g_ptr_array_index (alerts, i);

      g_string_append_printf (said, "%s %" G_GINT64_FORMAT " %s %d %s\n", alert->check,
                              alert->volunteer, alert->due, alert->days, alert->text);
    }
  expected = g_strdup_printf ("insurance %" G_GINT64_FORMAT " 2026-06-12 -3 "
                                    "Motor insurance expired 3 days ago\n"
                                    "agreement 0 2026-06-25 10 Tasking MoU expires in 10 days\n"
                                    "dbs %" G_GINT64_FORMAT " 2026-07-01 16 "
                                    "DBS renewal due in 16 days\n"
                                    "training %" G_GINT64_FORMAT " 2026-07-15 30 "
                                    "First aid certificate expires in 30 days\n",
                                    b, a, a);
  g_assert_cmpstr (said->str, ==, expected);

  /* The warning days are a setting. */
  g_assert_true (volunteers_setting_set (f->ws, "expiry-warning-days", 0, &error));
  g_clear_pointer (&alerts, g_ptr_array_unref);
  alerts = volunteers_expiry_alerts (f->ws, TODAY, &error);
  g_assert_cmpint (alerts->len, ==, 1);
}

static gint64
add_request (Fixture *f)
{
  return run (f, "volunteers", "INSERT INTO volunteers_request (kind, title) VALUES "
                               "('shopping', 'Test request')", NULL, 0);
}

/* Tasking only under an active, in-date agreement that allows it. */
static void
test_tasking_agreement (Fixture       *f,
                        gconstpointer  data)
{
  gint64 org = run (f, "partners", "INSERT INTO partners_organisation (name) VALUES "
                                   "('Vale Helpers')", NULL, 0);
  gint64 other = run (f, "partners", "INSERT INTO partners_organisation (name) VALUES "
                                     "('Other Charity')", NULL, 0);
  gint64 request = add_request (f);
  gint64 volunteer = add_ready (f, "delivery");
  gint64 agreement, task;
  g_autoptr(GError) error = NULL;

  /* No agreement: refused, naming it, and nothing changed. */
  task = volunteers_task_add (f->ws, request, org, &volunteer, 1, &error);
  g_assert_cmpint (task, ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_cmpstr (error->message, ==,
                   "“Vale Helpers” has no active agreement that allows it to task volunteers");
  g_clear_error (&error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM volunteers_task"), ==, 0);

  /* An agreement that does not allow tasking. */
  agreement = run (f, "partners", "INSERT INTO partners_agreement (title, kind, status, signed, "
                                  "expiry) VALUES ('MoU', 'mou', 'active', '2026-01-01', "
                                  "'2026-06-15')", NULL, 0);
  run (f, "partners", "INSERT INTO partners_agreement_party (agreement, organisation) "
                      "VALUES (?, ?)", STEAD_ARGS (STEAD_INT (agreement), STEAD_INT (org)));
  g_assert_false (volunteers_organisation_can_task (f->ws, org, TODAY));
  run (f, "partners", "UPDATE partners_agreement SET allows_tasking = 1", NULL, 0);
  g_assert_true (volunteers_organisation_can_task (f->ws, org, TODAY));
  g_assert_false (volunteers_organisation_can_task (f->ws, other, TODAY));   /* not a party */
  {
    g_autoptr(GHashTable) all = volunteers_tasking_organisations (f->ws, TODAY);

    g_assert_cmpint (g_hash_table_size (all), ==, 1);
    g_assert_true (g_hash_table_contains (all, &org));
  }
  g_assert_false (volunteers_organisation_can_task (f->ws, org, "2026-06-16"));   /* expired */
  g_assert_true (volunteers_organisation_can_task (f->ws, org, "2026-01-01"));
  g_assert_false (volunteers_organisation_can_task (f->ws, org, "2025-12-31"));   /* unsigned */
  run (f, "partners", "UPDATE partners_agreement SET status = 'ended'", NULL, 0);
  g_assert_false (volunteers_organisation_can_task (f->ws, org, TODAY));

  /* In force today (no expiry): the task is made, the request assigned. */
  run (f, "partners", "UPDATE partners_agreement SET status = 'active', expiry = NULL", NULL, 0);
  task = volunteers_task_add (f->ws, request, org, &volunteer, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (task, >, 0);
  g_assert_cmpstr (stead_test_text (f->ws, "SELECT status FROM volunteers_request"), ==,
                   "assigned");
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM volunteers_task_volunteer"),
                   ==, 1);
  /* One undo step takes it all back. */
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM volunteers_task"), ==, 0);
  g_assert_cmpstr (stead_test_text (f->ws, "SELECT status FROM volunteers_request"), ==, "open");
  /* Another organisation cannot, with the same request. */
  g_assert_cmpint (volunteers_task_add (f->ws, request, other, NULL, 0, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "Other Charity"));
}

/* The partners' agreement editor says whether an agreement allows tasking:
 * a field of its form, saved with the rest, left as it is by callers that
 * do not say. */
static void
test_tasking_editor (Fixture       *f,
                     gconstpointer  data)
{
  gint64 org = run (f, "partners", "INSERT INTO partners_organisation (name) VALUES "
                                   "('Vale Helpers')", NULL, 0);
  g_autoptr(GError) error = NULL;
  gint64 agreement;

  g_assert_nonnull (stead_field_find (partners_agreement_fields, partners_n_agreement_fields,
                                      "allows_tasking"));
  agreement = partners_agreement_save_full (f->ws, 0, "Tasking MoU", "mou", NULL, NULL, NULL,
                                            NULL, NULL, "active", NULL, 0, 1, &org, 1, &error);
  g_assert_no_error (error);
  g_assert_true (volunteers_organisation_can_task (f->ws, org, NULL));
  /* The older call leaves it. */
  g_assert_cmpint (partners_agreement_save (f->ws, agreement, "Tasking MoU (renamed)", "mou",
                                            NULL, NULL, NULL, NULL, NULL, "active", NULL, 0,
                                            &org, 1, &error), ==, agreement);
  g_assert_true (volunteers_organisation_can_task (f->ws, org, NULL));
  g_assert_cmpint (partners_agreement_save_full (f->ws, agreement, "Tasking MoU", "mou", NULL,
                                                 NULL, NULL, NULL, NULL, "active", NULL, 0, 0,
                                                 &org, 1, &error), ==, agreement);
  g_assert_false (volunteers_organisation_can_task (f->ws, org, NULL));
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_assert_true (volunteers_organisation_can_task (f->ws, org, NULL));
}

/* Every pair of statuses: the moves the board may make, and no others. */
static void
test_task_moves (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const statuses[] = { "new", "offered", "accepted", "in-progress", "done",
                                           "cancelled" };
  static const char * const allowed[] = { "new>offered", "offered>accepted", "offered>new",
                                          "accepted>in-progress", "in-progress>done",
                                          "new>cancelled", "offered>cancelled",
                                          "accepted>cancelled", "in-progress>cancelled", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    for (guint j = 0; j < G_N_ELEMENTS (statuses); j++)
      {
        g_autofree char *pair = g_strdup_printf ("%s>%s", statuses[i], statuses[j]);

        g_assert_cmpint (volunteers_task_move_allowed (statuses[i], statuses[j]), ==,
                         g_strv_contains (allowed, pair));
      }
  g_assert_false (volunteers_task_move_allowed ("new", NULL));
}

static char *
task_row (Fixture *f,
          gint64   task)
{
  return stead_workspace_query_text (
    f->ws,
    "SELECT t.status || '|' || coalesce (t.offered, '') || '|' || coalesce (t.accepted, '') || "
    "'|' || coalesce (t.started, '') || '|' || coalesce (t.finished, '') || '|' || r.status "
    "FROM volunteers_task t JOIN volunteers_request r ON r.fid = t.request WHERE t.id = ?1",
    STEAD_ARGS (STEAD_INT (task)));
}

#define T1 "2026-06-15T09:00:00.000Z"
#define T2 "2026-06-15T09:30:00.000Z"
#define T3 "2026-06-15T10:00:00.000Z"
#define T4 "2026-06-15T12:00:00.000Z"

/* A task through its life, each move stamped and one undo step. */
static void
test_task_life (Fixture       *f,
                gconstpointer  data)
{
  gint64 org = run (f, "partners", "INSERT INTO partners_organisation (name) VALUES "
                                   "('Vale Helpers')", NULL, 0);
  gint64 agreement = run (f, "partners", "INSERT INTO partners_agreement (title, kind, status, "
                                         "allows_tasking) VALUES ('Tasking', 'mou', 'active', 1)",
                          NULL, 0);
  gint64 request = add_request (f);
  gint64 volunteer = add_ready (f, "delivery");
  gint64 second = add_ready (f, "delivery");
  gint64 task, again;
  g_autoptr(GError) error = NULL;
  g_autofree char *row = NULL;

  run (f, "partners", "INSERT INTO partners_agreement_party (agreement, organisation) "
                      "VALUES (?, ?)", STEAD_ARGS (STEAD_INT (agreement), STEAD_INT (org)));
  task = volunteers_task_add (f->ws, request, org, &volunteer, 1, &error);
  g_assert_no_error (error);

  /* Refused: a jump, and a status that is none; nothing changes. */
  g_assert_false (volunteers_task_move (f->ws, task, "done", T1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "A task that is New cannot be moved to Done");
  g_clear_error (&error);
  g_assert_false (volunteers_task_move (f->ws, task, "finished", T1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpstr ((row = task_row (f, task)), ==, "new|||||assigned");
  g_clear_pointer (&row, g_free);

  g_assert_true (volunteers_task_move (f->ws, task, "offered", T1, &error));
  g_assert_cmpstr ((row = task_row (f, task)), ==, "offered|" T1 "||||assigned");
  g_clear_pointer (&row, g_free);
  /* Declined: back to new, offered again. */
  g_assert_true (volunteers_task_move (f->ws, task, "new", T2, &error));
  g_assert_cmpstr ((row = task_row (f, task)), ==, "new|||||assigned");
  g_clear_pointer (&row, g_free);
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_assert_cmpstr ((row = task_row (f, task)), ==, "offered|" T1 "||||assigned");
  g_clear_pointer (&row, g_free);
  g_assert_true (volunteers_task_move (f->ws, task, "accepted", T2, &error));
  g_assert_true (volunteers_task_move (f->ws, task, "in-progress", T3, &error));
  g_assert_false (volunteers_task_move (f->ws, task, "offered", T3, &error));
  g_clear_error (&error);
  g_assert_true (volunteers_task_move (f->ws, task, "done", T4, &error));
  g_assert_no_error (error);
  g_assert_cmpstr ((row = task_row (f, task)), ==,
                   "done|" T1 "|" T2 "|" T3 "|" T4 "|done");
  g_clear_pointer (&row, g_free);
  g_assert_cmpstr (stead_test_text (f->ws, "SELECT closed FROM volunteers_request"), ==, T4);
  /* Done is the end. */
  g_assert_false (volunteers_task_move (f->ws, task, "cancelled", T4, &error));
  g_clear_error (&error);
  g_assert_false (volunteers_task_assign (f->ws, task, second, TRUE, &error));
  g_clear_error (&error);
  /* Undo: one move at a time. */
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_assert_cmpstr ((row = task_row (f, task)), ==, "in-progress|" T1 "|" T2 "|" T3 "||assigned");
  g_clear_pointer (&row, g_free);

  /* Hours and outcome; negative hours leave them. */
  g_assert_true (volunteers_task_log (f->ws, task, 1.5, "Shopping delivered", &error));
  g_assert_true (volunteers_task_log (f->ws, task, -1, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stead_test_text (f->ws, "SELECT hours || ' ' || outcome FROM volunteers_task"),
                   ==, "1.5 Shopping delivered");
  g_assert_false (volunteers_task_log (f->ws, task, NAN, NULL, &error));
  g_clear_error (&error);

  /* A second volunteer joins, and leaves; one step each. */
  g_assert_true (volunteers_task_assign (f->ws, task, second, TRUE, &error));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM volunteers_task_volunteer"),
                   ==, 2);
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM volunteers_task_volunteer"),
                   ==, 1);

  /* Cancelled with another task live: the request stays assigned; the
   * last one cancelled reopens it. */
  again = volunteers_task_add (f->ws, request, org, &second, 1, &error);
  g_assert_no_error (error);
  g_assert_true (volunteers_task_move (f->ws, task, "cancelled", T4, &error));
  g_assert_cmpstr ((row = task_row (f, task)), ==,
                   "cancelled|" T1 "|" T2 "|" T3 "|" T4 "|assigned");
  g_clear_pointer (&row, g_free);
  g_assert_true (volunteers_task_move (f->ws, again, "cancelled", T4, &error));
  g_assert_cmpstr (stead_test_text (f->ws, "SELECT status FROM volunteers_request"), ==, "open");

  /* A closed request is not tasked; nor is a volunteer not on the register. */
  run (f, "volunteers", "UPDATE volunteers_request SET status = 'done'", NULL, 0);
  g_assert_cmpint (volunteers_task_add (f->ws, request, org, NULL, 0, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  run (f, "volunteers", "UPDATE volunteers_request SET status = 'open'", NULL, 0);
  {
    gint64 nobody = second + 1000;

    g_assert_cmpint (volunteers_task_add (f->ws, request, org, &nobody, 1, &error), ==, -1);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM volunteers_task"), ==, 2);

  /* The board's lists: every task, or one status's. */
  {
    g_autoptr(SteadQueryModel) every = volunteers_tasks_new (f->ws, NULL);
    g_autoptr(SteadQueryModel) cancelled = volunteers_tasks_new (f->ws, "cancelled");
    g_autoptr(SteadQueryModel) open = volunteers_tasks_new (f->ws, "new");

    g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (every)), ==, 2);
    g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (cancelled)), ==, 2);
    g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (open)), ==, 0);
  }
}

/* A volunteer's availability, exceptions, training, insurance and PPE:
 * added from the form's texts, checked, removed; one undo step each. */
static void
test_children (Fixture       *f,
               gconstpointer  data)
{
  static const struct
  {
    VolunteersChild child;
    const char     *names[5];
    const char     *good[5];
    const char     *bad[5];
    const char     *error;
    const char     *table;
  } cases[] = {
    { VOLUNTEERS_CHILD_AVAILABILITY, { "weekday", "start", "finish" },
      { "Tuesday", "09:00", "12:30" }, { "2", "12:30", "09:00" }, "09:00 is not after 12:30",
      "volunteers_availability" },
    { VOLUNTEERS_CHILD_AVAILABILITY, { "weekday", "start", "finish" }, { "7", "18:00", "24:00" },
      { "2", "9am", "12:00" }, "Times are written HH:MM, as 09:30", "volunteers_availability" },
    { VOLUNTEERS_CHILD_EXCEPTION, { "date_from", "date_to", "available", "note" },
      { "2026-07-01", "2026-07-14", "no", "Holiday" }, { "2026-07-14", "2026-07-01" },
      "The exception ends before it starts", "volunteers_exception" },
    { VOLUNTEERS_CHILD_TRAINING, { "course", "skill", "completed", "expires" },
      { "First aid at work", "first-aid", "2026-01-01", "2029-01-01" },
      { "First aid at work", "first-aid", "2029-01-01", "2026-01-01" },
      "The training expires before it was completed", "volunteers_training" },
    { VOLUNTEERS_CHILD_INSURANCE, { "kind", "activities", "expires" },
      { "Motor", "driving", "2027-01-01" }, { "vehicle", NULL, "2027-01-01" }, NULL,
      "volunteers_insurance" },
    { VOLUNTEERS_CHILD_PPE, { "item", "size", "issued", "returned" },
      { "hi-vis", "L", "2026-06-01" }, { "hi-vis", "L", "2026-06-01", "2026-05-01" },
      "The equipment was returned before it was issued", "volunteers_ppe" },
    { VOLUNTEERS_CHILD_PPE, { "item", "size", "issued" }, { "gloves", NULL, "2026-06-01" },
      { "gloves", "M", NULL }, "Issued is needed", "volunteers_ppe" },
  };
  gint64 volunteer = add_ready (f, "radio");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *count_sql =
        g_strdup_printf ("SELECT count (*) FROM %s WHERE volunteer = %" G_GINT64_FORMAT,
                         cases[i].table, volunteer);
      gint64 before = stead_test_count (f->ws, count_sql);
      g_autoptr(GError) error = NULL;
      g_autoptr(SteadQueryModel) list = volunteers_children_new (f->ws, cases[i].child,
                                                                 volunteer);
      guint listed = g_list_model_get_n_items (G_LIST_MODEL (list));
      gint64 id;

      /* Bad input: a clear error, nothing changed. */
      id = volunteers_child_add (f->ws, cases[i].child, volunteer, cases[i].names, cases[i].bad,
                                 &error);
      g_assert_cmpint (id, ==, -1);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      if (cases[i].error != NULL)
        g_assert_cmpstr (error->message, ==, cases[i].error);
      g_clear_error (&error);
      g_assert_cmpint (stead_test_count (f->ws, count_sql), ==, before);

      id = volunteers_child_add (f->ws, cases[i].child, volunteer, cases[i].names, cases[i].good,
                                 &error);
      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
      g_assert_cmpint (stead_test_count (f->ws, count_sql), ==, before + 1);
      g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, listed + 1);
      {
        g_autoptr(GObject) first = g_list_model_get_item (G_LIST_MODEL (list), 0);

        g_assert_true (g_type_is_a (G_OBJECT_TYPE (first),
                                    volunteers_child_get_type (cases[i].child)));
      }
      g_assert_true (volunteers_child_remove (f->ws, cases[i].child, id, &error));
      g_assert_cmpint (stead_test_count (f->ws, count_sql), ==, before);
      g_assert_true (stead_workspace_undo (f->ws, &error));
      g_assert_no_error (error);
      g_assert_cmpint (stead_test_count (f->ws, count_sql), ==, before + 1);
    }
  /* What was typed is what is kept: the weekday by name, the kind by label. */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM volunteers_availability WHERE "
                                            "weekday = 2 AND start = '09:00' AND "
                                            "finish = '12:30'"), ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM volunteers_insurance WHERE "
                                            "kind = 'motor' AND activities = 'driving'"), ==, 1);
}

/* The demo: readiness of every kind, and a tasking agreement the
 * councils and the Red Cross share. */
static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) all = volunteers_readiness_all (f->ws, NULL, NULL);
  g_autoptr(GHashTable) checks = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 red_cross = stead_test_count (f->ws, "SELECT id FROM partners_organisation WHERE name "
                                              "LIKE 'British Red Cross%'");
  gint64 fire = stead_test_count (f->ws, "SELECT id FROM partners_organisation WHERE name "
                                         "LIKE '%Fire and Rescue%'");
  g_autoptr(GPtrArray) alerts = volunteers_expiry_alerts (f->ws, NULL, NULL);

  for (guint i = 0; i < all->len; i++)
    {
      VolunteersReadiness *r = g_ptr_array_index (all, i);

      for (guint j = 0; j < r->reasons->len; j++)
        g_hash_table_add (checks, ((VolunteersReason *) r->reasons->pdata[j])->check);
      if (r->deployable)
        g_hash_table_add (checks, "deployable");
    }
  g_assert_true (g_hash_table_contains (checks, "deployable"));
  g_assert_true (g_hash_table_contains (checks, "dbs"));
  g_assert_true (g_hash_table_contains (checks, "training"));
  g_assert_true (g_hash_table_contains (checks, "insurance"));
  g_assert_true (g_hash_table_contains (checks, "ppe"));
  g_assert_true (g_hash_table_contains (checks, "badge"));
  g_assert_true (volunteers_organisation_can_task (f->ws, red_cross, NULL));
  g_assert_false (volunteers_organisation_can_task (f->ws, fire, NULL));
  g_assert_cmpint (alerts->len, >, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM volunteers_availability"), >,
                   0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/volunteers-readiness/ready", Fixture, NULL, fixture_setup, test_ready,
              fixture_teardown);
  g_test_add ("/volunteers-readiness/general", Fixture, NULL, fixture_setup, test_general,
              fixture_teardown);
  g_test_add ("/volunteers-readiness/dbs", Fixture, NULL, fixture_setup, test_dbs,
              fixture_teardown);
  g_test_add ("/volunteers-readiness/training", Fixture, NULL, fixture_setup, test_training,
              fixture_teardown);
  g_test_add ("/volunteers-readiness/insurance", Fixture, NULL, fixture_setup, test_insurance,
              fixture_teardown);
  g_test_add ("/volunteers-readiness/ppe", Fixture, NULL, fixture_setup, test_ppe,
              fixture_teardown);
  g_test_add ("/volunteers-readiness/bulk", Fixture, "demo", fixture_setup, test_bulk,
              fixture_teardown);
  g_test_add ("/volunteers-readiness/bulk-speed", Fixture, NULL, fixture_setup, test_bulk_speed,
              fixture_teardown);
  g_test_add ("/volunteers-readiness/alerts", Fixture, NULL, fixture_setup, test_alerts,
              fixture_teardown);
  g_test_add ("/volunteers-tasks/agreement", Fixture, NULL, fixture_setup, test_tasking_agreement,
              fixture_teardown);
  g_test_add ("/volunteers-tasks/editor", Fixture, NULL, fixture_setup, test_tasking_editor,
              fixture_teardown);
  g_test_add ("/volunteers-tasks/moves", Fixture, NULL, fixture_setup, test_task_moves,
              fixture_teardown);
  g_test_add ("/volunteers-tasks/life", Fixture, NULL, fixture_setup, test_task_life,
              fixture_teardown);
  g_test_add ("/volunteers-readiness/children", Fixture, NULL, fixture_setup, test_children,
              fixture_teardown);
  g_test_add ("/volunteers-readiness/demo", Fixture, "demo", fixture_setup, test_demo,
              fixture_teardown);

  return g_test_run ();
}
