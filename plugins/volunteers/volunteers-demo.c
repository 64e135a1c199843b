/* volunteers-demo.c: the demo area's volunteers (plainly fictional, at
 * real postcodes of the borough), requests for help and offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "volunteers.h"
#include "volunteers-private.h"

static const char * const volunteers_demo_skills[] = {
  "rest-centre", "befriending", "emotional-support", "first-aid", "delivery", "driving",
  "4x4", "catering", "radio", "interpreting", "flood-warden", "sandbagging", "clean-up",
  "chainsaw", "vrc-registration",
};

/* Partners whose volunteers are in the demo; the rest are from mutual aid
 * groups, or came forward on the day. */
static const char * const volunteers_demo_partners[] = {
  "British Red Cross, Severnvale", "Royal Voluntary Service, Severnvale",
  "Severnvale 4x4 Response", "St John Ambulance, Tewkesbury", "RAYNET Severnvale",
};

static const char * const volunteers_demo_mutual_aid[] = {
  "Priors Park Mutual Aid", "Twyning Flood Group",
};

/* A random postcode of the directory and where it is. */
static gboolean
volunteers_demo_place (SteadTransaction  *txn,
                       gint64             n_postcodes,
                       GRand             *rng,
                       char             **postcode,
                       SteadGeometry    **point,
                       GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = stead_transaction_prepare (
    txn, "SELECT postcode, lon, lat FROM stead_postcode ORDER BY postcode LIMIT 1 OFFSET ?1",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_rand_int_range (rng, 0, (gint32) n_postcodes));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      *postcode = NULL;
      *point = NULL;
      return TRUE;
    }
  *postcode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  *point = stead_geometry_new_point (sqlite3_column_double (stmt, 1),
                                     sqlite3_column_double (stmt, 2));
  return TRUE;
}

static gboolean
volunteers_demo_volunteer (SteadTransaction  *txn,
                           guint              i,
                           gint64             n_postcodes,
                           GRand             *rng,
                           GError           **error)
{
  static const char * const dbs[] = { "none", "none", "basic", "standard", "enhanced",
                                      "enhanced-barred" };
  static const char * const travel[] = { "foot", "bike", "car", "car", "4x4" };
  SteadWorkspace *workspace = stead_transaction_get_workspace (txn);
  g_autofree char *postcode = NULL;
  g_autoptr(SteadGeometry) point = NULL;
  g_autofree char *name = g_strdup_printf ("Demo Volunteer %04u", i + 1);
  g_autofree char *phone = g_strdup_printf ("07700 9%05u", i % 100000);
  guint kind = g_rand_int_range (rng, 0, 10);
  const char *affiliation = kind < 5 ? "partner" : kind < 7 ? "mutual-aid" : "spontaneous";
  const char *mutual_aid = NULL;
  gint64 organisation = 0;
  gint64 fid;
  guint n_skills = g_rand_int_range (rng, 1, 4);

  if (!volunteers_demo_place (txn, n_postcodes, rng, &postcode, &point, error))
    return FALSE;
  if (g_str_equal (affiliation, "partner"))
    {
      SteadRecordProvider *provider = stead_workspace_get_provider (workspace, "organisation");
      const char *partner = volunteers_demo_partners[g_rand_int_range (
        rng, 0, G_N_ELEMENTS (volunteers_demo_partners))];

      organisation = provider != NULL ? stead_record_provider_find (provider, "organisation",
                                                                    partner)
                                      : 0;
      if (organisation == 0)
        affiliation = "spontaneous";
    }
  else if (g_str_equal (affiliation, "mutual-aid"))
    mutual_aid = volunteers_demo_mutual_aid[g_rand_int_range (
      rng, 0, G_N_ELEMENTS (volunteers_demo_mutual_aid))];
  fid = stead_transaction_run (
    txn,
    "INSERT INTO volunteers_volunteer (geom, name, phone, postcode, radius_km, travel, "
    "affiliation, organisation, mutual_aid, dbs_level, status, consent) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, date ('now', '-' || ? || ' days'))",
    STEAD_ARGS (point != NULL ? STEAD_GEOMETRY (point) : STEAD_NULL, STEAD_STRING (name),
                STEAD_STRING (phone), STEAD_TEXT (postcode),
                STEAD_DOUBLE (g_rand_int_range (rng, 2, 16)),
                STEAD_STRING (travel[g_rand_int_range (rng, 0, G_N_ELEMENTS (travel))]),
                STEAD_STRING (affiliation), STEAD_INT_OR_NULL (organisation, organisation > 0),
                STEAD_TEXT (mutual_aid),
                STEAD_STRING (dbs[g_rand_int_range (rng, 0, G_N_ELEMENTS (dbs))]),
                STEAD_STRING (g_rand_int_range (rng, 0, 20) == 0 ? "paused" : "active"),
                STEAD_INT (g_rand_int_range (rng, 10, 700))),
    error);
  if (fid < 0)
    return FALSE;
  for (guint s = 0; s < n_skills; s++)
    if (stead_transaction_run (
          txn, "INSERT OR IGNORE INTO volunteers_skill (volunteer, skill) VALUES (?, ?)",
          STEAD_ARGS (STEAD_INT (fid),
                      STEAD_STRING (volunteers_demo_skills[g_rand_int_range (
                        rng, 0, G_N_ELEMENTS (volunteers_demo_skills))])),
          error) < 0)
      return FALSE;
  return TRUE;
}

static gboolean
volunteers_demo_request (SteadTransaction  *txn,
                         gint64             n_postcodes,
                         GRand             *rng,
                         GError           **error)
{
  static const struct
  {
    const char *kind, *skills, *dbs;
    gboolean regulated;
  } requests[] = {
    { "food", "delivery", "enhanced-barred", TRUE },
    { "medication", "delivery driving", "enhanced-barred", TRUE },
    { "welfare-check", "befriending", "enhanced", FALSE },
    { "transport", "driving", "basic", FALSE },
    { "clean-up", "clean-up", "none", FALSE },
    { "clean-up", "sandbagging", "none", FALSE },
    { "emotional-support", "emotional-support", "enhanced", FALSE },
    { "evacuation", "4x4", "basic", FALSE },
    { "information", "interpreting", "basic", FALSE },
  };
  guint r = g_rand_int_range (rng, 0, G_N_ELEMENTS (requests));
  g_autofree char *postcode = NULL;
  g_autoptr(SteadGeometry) point = NULL;
  int hours = g_rand_int_range (rng, -24 * 20, 24 * 5);

  if (!volunteers_demo_place (txn, n_postcodes, rng, &postcode, &point, error))
    return FALSE;
  return stead_transaction_run (
           txn,
           "INSERT INTO volunteers_request (geom, kind, title, people, urgency, skills, "
           "dbs_level, regulated, window_start, window_end, status, opened) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
           "strftime ('%Y-%m-%dT%H:00:00Z', 'now', ? || ' hours'), "
           "strftime ('%Y-%m-%dT%H:00:00Z', 'now', ? || ' hours'), ?, "
           "strftime ('%Y-%m-%dT%H:00:00Z', 'now', ? || ' hours'))",
           STEAD_ARGS (STEAD_GEOMETRY (point), STEAD_STRING (requests[r].kind),
                       STEAD_STRING ("Demo request (fictional)"),
                       STEAD_INT (g_rand_int_range (rng, 1, 4)),
                       STEAD_INT (g_rand_int_range (rng, 1, 5)), STEAD_STRING (requests[r].skills),
                       STEAD_STRING (requests[r].dbs), STEAD_INT (requests[r].regulated),
                       STEAD_INT (hours), STEAD_INT (hours + g_rand_int_range (rng, 2, 72)),
                       STEAD_STRING (hours < -24 * 7 ? "done" : "open"),
                       /* Raised before its window, and never in the future. */
                       STEAD_INT (MIN (hours - 6, -1))),
           error) >= 0;
}

/* ------------------------------------------------------------------------ */
/* Readiness (vready): checks, badges, training with some expired,          */
/* insurance from partners, PPE, availability, and a few tasks              */

static gint64
volunteers_demo_organisation (SteadWorkspace *workspace,
                              const char     *name)
{
  SteadRecordProvider *provider = stead_workspace_get_provider (workspace, "organisation");

  return provider != NULL ? stead_record_provider_find (provider, "organisation", name) : 0;
}

/* A date @days from today (negative: past), as SQL computes it. */
#define VOLUNTEERS_DEMO_DAY "date ('now', ? || ' days')"

static gboolean
volunteers_demo_readiness_one (SteadTransaction  *txn,
                               gint64             fid,
                               gint64             holder,
                               gint64             council,
                               GRand             *rng,
                               GError           **error)
{
  /* Training each skill needs: a three-year certificate, some lapsed. */
  static const struct { const char *skill, *course; } courses[] = {
    { "first-aid", "First aid certificate" },
    { "4x4", "Off-road driving assessment" },
    { "chainsaw", "Chainsaw maintenance and cross-cutting" },
  };
  static const struct { const char *skill, *item; } kit[] = {
    { "flood-warden", "hi-vis" }, { "sandbagging", "gloves" }, { "chainsaw", "chainsaw-ppe" },
    { "clean-up", "gloves" },
  };
  static const char * const sizes[] = { "S", "M", "L", "XL" };
  static const char * const starts[] = { "09:00", "13:00", "18:00" };
  static const char * const finishes[] = { "12:30", "17:00", "21:00" };
  g_autofree char *badge = g_strdup_printf ("SV-%05" G_GINT64_FORMAT, fid);
  gboolean has_badge = g_rand_int_range (rng, 0, 100) < 88;
  gint64 insurer = holder > 0 ? holder : council;
  guint n_slots = g_rand_int_range (rng, 1, 4);

  if (stead_transaction_run (
        txn,
        "UPDATE volunteers_volunteer SET id_checked = CASE WHEN ?2 THEN date ('now', ?3 || "
        "' days') END, badge_number = CASE WHEN ?4 THEN ?5 END, badge_issued = CASE WHEN ?4 "
        "THEN date ('now', ?3 || ' days') END, badge_returned = CASE WHEN ?4 AND ?6 THEN "
        "date ('now', '-2 days') END, dbs_date = CASE WHEN dbs_level != 'none' THEN "
        "date ('now', ?7 || ' days') END WHERE fid = ?1",
        STEAD_ARGS (STEAD_INT (fid), STEAD_INT (g_rand_int_range (rng, 0, 100) < 92),
                    STEAD_INT (-g_rand_int_range (rng, 5, 600)), STEAD_INT (has_badge),
                    STEAD_STRING (badge), STEAD_INT (g_rand_int_range (rng, 0, 100) < 3),
                    STEAD_INT (-g_rand_int_range (rng, 20, 1250))),
        error) < 0)
    return FALSE;

  for (guint c = 0; c < G_N_ELEMENTS (courses); c++)
    {
      int completed = -g_rand_int_range (rng, 60, 1300);

      if (g_rand_int_range (rng, 0, 100) < 85 &&
          stead_transaction_run (
            txn,
            "INSERT INTO volunteers_training (volunteer, course, skill, completed, expires) "
            "SELECT ?1, ?2, ?3, date ('now', ?4 || ' days'), date ('now', ?4 || ' days', "
            "'+3 years') WHERE EXISTS (SELECT 1 FROM volunteers_skill WHERE volunteer = ?1 "
            "AND skill = ?3)",
            STEAD_ARGS (STEAD_INT (fid), STEAD_STRING (courses[c].course),
                        STEAD_STRING (courses[c].skill), STEAD_INT (completed)),
            error) < 0)
        return FALSE;
    }

  /* Public liability from their partner's policy, or the council's
   * volunteer scheme; motor cover of their own for drivers. */
  if (insurer > 0 && g_rand_int_range (rng, 0, 100) < 90 &&
      stead_transaction_run (txn,
                             "INSERT INTO volunteers_insurance (volunteer, organisation, kind, "
                             "expires) VALUES (?, ?, 'public-liability', " VOLUNTEERS_DEMO_DAY
                             ")",
                             STEAD_ARGS (STEAD_INT (fid), STEAD_INT (insurer),
                                         STEAD_INT (g_rand_int_range (rng, -20, 400))),
                             error) < 0)
    return FALSE;
  if (g_rand_int_range (rng, 0, 100) < 75 &&
      stead_transaction_run (txn,
                             "INSERT INTO volunteers_insurance (volunteer, kind, activities, "
                             "expires) SELECT ?1, 'motor', 'driving 4x4', date ('now', ?2 || "
                             "' days') WHERE EXISTS (SELECT 1 FROM volunteers_skill WHERE "
                             "volunteer = ?1 AND skill IN ('driving', '4x4'))",
                             STEAD_ARGS (STEAD_INT (fid),
                                         STEAD_INT (g_rand_int_range (rng, -30, 365))),
                             error) < 0)
    return FALSE;

  for (guint k = 0; k < G_N_ELEMENTS (kit); k++)
    if (g_rand_int_range (rng, 0, 100) < 80 &&
        stead_transaction_run (
          txn,
          "INSERT INTO volunteers_ppe (volunteer, item, size, issued) SELECT ?1, ?2, ?3, "
          "date ('now', ?4 || ' days') WHERE EXISTS (SELECT 1 FROM volunteers_skill WHERE "
          "volunteer = ?1 AND skill = ?5) AND NOT EXISTS (SELECT 1 FROM volunteers_ppe WHERE "
          "volunteer = ?1 AND item = ?2)",
          STEAD_ARGS (STEAD_INT (fid), STEAD_STRING (kit[k].item),
                      STEAD_STRING (sizes[g_rand_int_range (rng, 0, G_N_ELEMENTS (sizes))]),
                      STEAD_INT (-g_rand_int_range (rng, 10, 500)), STEAD_STRING (kit[k].skill)),
          error) < 0)
      return FALSE;

  /* A weekly pattern, and now and then a week away. */
  for (guint s = 0; s < n_slots; s++)
    {
      guint slot = g_rand_int_range (rng, 0, G_N_ELEMENTS (starts));

      if (stead_transaction_run (txn,
                                 "INSERT INTO volunteers_availability (volunteer, weekday, start, "
                                 "finish) VALUES (?, ?, ?, ?)",
                                 STEAD_ARGS (STEAD_INT (fid),
                                             STEAD_INT (g_rand_int_range (rng, 1, 8)),
                                             STEAD_STRING (starts[slot]),
                                             STEAD_STRING (finishes[slot])),
                                 error) < 0)
        return FALSE;
    }
  if (g_rand_int_range (rng, 0, 10) == 0)
    {
      int from = g_rand_int_range (rng, -3, 40);

      if (stead_transaction_run (txn,
                                 "INSERT INTO volunteers_exception (volunteer, date_from, "
                                 "date_to, available, note) VALUES (?1, date ('now', ?2 || "
                                 "' days'), date ('now', ?2 || ' days', '+6 days'), 0, "
                                 "'Away')",
                                 STEAD_ARGS (STEAD_INT (fid), STEAD_INT (from)), error) < 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
volunteers_demo_readiness (SteadTransaction  *txn,
                           GRand             *rng,
                           GError           **error)
{
  SteadWorkspace *workspace = stead_transaction_get_workspace (txn);
  gint64 council = volunteers_demo_organisation (workspace, "Tewkesbury Borough Council");
  gint64 taskers[] = {
    volunteers_demo_organisation (workspace, "British Red Cross, Severnvale"),
    volunteers_demo_organisation (workspace, "Royal Voluntary Service, Severnvale"),
  };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) holders = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) requests = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  static const char * const statuses[] = { "new", "offered", "accepted", "in-progress", "done",
                                           "cancelled" };

  stmt = stead_transaction_prepare (txn,
                                    "SELECT fid, coalesce (organisation, 0) "
                                    "FROM volunteers_volunteer ORDER BY fid",
                                    error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 fid = sqlite3_column_int64 (stmt, 0), holder = sqlite3_column_int64 (stmt, 1);

      g_array_append_val (ids, fid);
      g_array_append_val (holders, holder);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  for (guint i = 0; i < ids->len; i++)
    if (!volunteers_demo_readiness_one (txn, g_array_index (ids, gint64, i),
                                        g_array_index (holders, gint64, i), council, rng, error))
      return FALSE;

  /* A task board: some open requests tasked by the Red Cross and the
   * RVS under the demo tasking agreement, in every status. */
  if (taskers[0] <= 0 || taskers[1] <= 0 || ids->len == 0)
    return TRUE;
  stmt = stead_transaction_prepare (txn,
                                    "SELECT fid FROM volunteers_request WHERE status = 'open' "
                                    "ORDER BY fid",
                                    error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 fid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (requests, fid);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  for (guint r = 0; r < requests->len / 5; r++)
    {
      const char *status = statuses[r % G_N_ELEMENTS (statuses)];
      gint64 request = g_array_index (requests, gint64, r * 5);
      gint64 task = stead_transaction_run (
        txn,
        "INSERT INTO volunteers_task (request, organisation, status, created, offered, "
        "accepted, started, finished, hours, outcome) VALUES (?1, ?2, ?3, "
        "strftime ('%Y-%m-%dT%H:%M:%fZ', 'now', '-30 hours'), "
        "CASE WHEN ?3 NOT IN ('new') THEN strftime ('%Y-%m-%dT%H:%M:%fZ', 'now', '-28 hours') "
        "END, CASE WHEN ?3 IN ('accepted', 'in-progress', 'done') THEN "
        "strftime ('%Y-%m-%dT%H:%M:%fZ', 'now', '-26 hours') END, "
        "CASE WHEN ?3 IN ('in-progress', 'done') THEN "
        "strftime ('%Y-%m-%dT%H:%M:%fZ', 'now', '-5 hours') END, "
        "CASE WHEN ?3 IN ('done', 'cancelled') THEN "
        "strftime ('%Y-%m-%dT%H:%M:%fZ', 'now', '-2 hours') END, "
        "CASE WHEN ?3 = 'done' THEN 2.5 END, "
        "CASE ?3 WHEN 'done' THEN 'Delivered' WHEN 'cancelled' THEN 'No longer needed' END)",
        STEAD_ARGS (STEAD_INT (request), STEAD_INT (taskers[r % 2]), STEAD_STRING (status)),
        error);

      if (task < 0 ||
          stead_transaction_run (txn,
                                 "INSERT INTO volunteers_task_volunteer (task, volunteer) "
                                 "VALUES (?, ?)",
                                 STEAD_ARGS (STEAD_INT (task),
                                             STEAD_INT (g_array_index (
                                               ids, gint64, g_rand_int_range (rng, 0, ids->len)))),
                                 error) < 0 ||
          stead_transaction_run (txn,
                                 "UPDATE volunteers_request SET status = CASE ?2 WHEN 'done' "
                                 "THEN 'done' WHEN 'cancelled' THEN 'open' ELSE 'assigned' END, "
                                 "closed = CASE ?2 WHEN 'done' THEN strftime "
                                 "('%Y-%m-%dT%H:%M:%fZ', 'now', '-2 hours') END WHERE fid = ?1",
                                 STEAD_ARGS (STEAD_INT (request), STEAD_STRING (status)),
                                 error) < 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
volunteers_demo_populate (SteadTransaction  *txn,
                          guint              scale,
                          GRand             *rng,
                          GError           **error)
{
  static const struct
  {
    const char *kind, *item, *held_at;
    int         quantity;
  } offers[] = {
    { "water-supply", "Bottled water (2 l)", "Northway Supermarket depot", 400 },
    { "warm-space", "Blankets", "Methodist Church hall", 120 },
    { "food-supply", "Tinned food", "Tewkesbury Foodbank", 250 },
    { "transport", NULL, NULL, 4 },
    { "community-hub", "Church hall", "Tewkesbury Abbey", 1 },
  };
  gint64 n_postcodes = 0;
  guint n_volunteers = MIN (3 * (guint64) scale, 100000);
  guint n_requests = MIN (3 * (guint64) scale / 4, 25000);

  if (!stead_transaction_query_int64 (txn, "SELECT count (*) FROM stead_postcode", NULL, 0,
                                      &n_postcodes))
    return FALSE;
  if (n_postcodes == 0)
    return TRUE;
  for (guint i = 0; i < n_volunteers; i++)
    if (!volunteers_demo_volunteer (txn, i, n_postcodes, rng, error))
      return FALSE;
  for (guint i = 0; i < n_requests; i++)
    if (!volunteers_demo_request (txn, n_postcodes, rng, error))
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (offers); i++)
    {
      g_autofree char *postcode = NULL;
      g_autoptr(SteadGeometry) point = NULL;

      if (!volunteers_demo_place (txn, n_postcodes, rng, &postcode, &point, error) ||
          stead_transaction_run (
            txn,
            "INSERT INTO volunteers_offer (geom, kind, source, item, quantity, condition, "
            "held_at, description) VALUES (?, ?, 'public', ?, ?, 'new', ?, 'Demo offer')",
            STEAD_ARGS (STEAD_GEOMETRY (point), STEAD_STRING (offers[i].kind),
                        STEAD_TEXT (offers[i].item), STEAD_INT (offers[i].quantity),
                        STEAD_TEXT (offers[i].held_at)),
            error) < 0)
        return FALSE;
    }
  return volunteers_demo_readiness (txn, rng, error);
}
