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
                       STEAD_STRING (hours < -24 * 7 ? "done" : "open"), STEAD_INT (hours - 6)),
           error) >= 0;
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
  return TRUE;
}
