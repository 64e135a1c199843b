/* groups-demo.c: the demo area's target groups: who in the borough
 * suffers most, where, and who reaches them (leaving gaps the coverage
 * view shows)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "groups"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "groups.h"
#include "groups-private.h"

typedef struct
{
  const char *name;
  const char *category;
  const char *description;
  guint       causes;            /* GROUPS_DEMO_CAPACITY | … */
  int         per_ward_min, per_ward_max;
  const char *needs;             /* need kinds, space-separated */
  const char *source;            /* where the counts "came from" */
} GroupsDemoGroup;

enum
{
  GROUPS_DEMO_CAPACITY = 1 << 0,
  GROUPS_DEMO_AGENCY = 1 << 1,
  GROUPS_DEMO_AWARENESS = 1 << 2,
  GROUPS_DEMO_PREPAREDNESS = 1 << 3,
};

static const GroupsDemoGroup groups_demo_groups[] = {
  { "Older people living alone", "older-alone",
    "One-person households aged 66 and over; many without a car or family nearby.",
    GROUPS_DEMO_CAPACITY | GROUPS_DEMO_PREPAREDNESS, 180, 1300, "welfare-check food heating",
    "Synthetic census table, after TS003 (demo)" },
  { "Dependent on powered medical equipment", "power-dependent",
    "Home oxygen, dialysis, ventilators and stair lifts: a power cut is a medical emergency.",
    GROUPS_DEMO_CAPACITY, 8, 60, "power-dependent welfare-check evacuation",
    "Synthetic PSR summary (demo)" },
  { "Mobility impaired", "mobility-impaired",
    "People whose day-to-day activities are limited a lot by a disability.",
    GROUPS_DEMO_CAPACITY, 120, 700, "evacuation transport",
    "Synthetic census table, after TS038 (demo)" },
  { "Deaf, blind and partially sighted people", "sensory-impaired",
    "Warnings by siren, loudhailer or text miss them unless given another way.",
    GROUPS_DEMO_AWARENESS, 20, 140, "information welfare-check", "Synthetic PSR summary (demo)" },
  { "People living with dementia", "dementia",
    "May not understand a warning or may refuse to leave home.",
    GROUPS_DEMO_CAPACITY | GROUPS_DEMO_AGENCY, 15, 120, "welfare-check evacuation",
    "Synthetic GP register summary (demo)" },
  { "Families with babies under one", "young-families",
    "Formula, sterilising and warmth; evacuation with buggies and cots.",
    GROUPS_DEMO_PREPAREDNESS, 20, 110, "water heating shelter",
    "Synthetic health visitor summary (demo)" },
  { "Households with little English", "language",
    "Households where no adult has English as a main language.",
    GROUPS_DEMO_AWARENESS, 5, 90, "information", "Synthetic census table, after TS029 (demo)" },
  { "Households without a car", "mobility-impaired",
    "Cannot evacuate or reach a rest centre without transport.",
    GROUPS_DEMO_PREPAREDNESS, 80, 600, "transport evacuation",
    "Synthetic census table, after TS045 (demo)" },
  { "Care home residents", "care-home", "Residents of the borough's care homes.",
    GROUPS_DEMO_CAPACITY | GROUPS_DEMO_AGENCY, 0, 0, "evacuation power-dependent heating",
    "Care Quality Commission register (demo)" },
  { "Rough sleepers and people in hostels", "homeless",
    "Often distrust officials; exposed to heat, cold and flood.",
    GROUPS_DEMO_PREPAREDNESS | GROUPS_DEMO_AWARENESS, 0, 6, "shelter food heating",
    "Outreach team count (demo)" },
  { "Visitors and caravan parks", "visitors",
    "Holidaymakers on riverside caravan and camping parks who do not know the flood risk.",
    GROUPS_DEMO_AWARENESS, 0, 250, "information evacuation", "Park operators' returns (demo)" },
  { "Water dependent households", "water-dependent",
    "Need water for dialysis at home or for personal care.", GROUPS_DEMO_CAPACITY, 3, 30,
    "water welfare-check", "Synthetic PSR summary (demo)" },
};

/* Who reaches which group, and where: a ward-name fragment, or NULL for
 * the whole borough. Left out on purpose: older people living alone in
 * Prior's Park, visitors, people with little English outside the town. */
typedef struct
{
  const char *group;
  const char *organisation;
  const char *channel;
  int         strength;
  const char *wards;             /* ';'-separated ward names, NULL: everywhere */
} GroupsDemoReach;

static const GroupsDemoReach groups_demo_reach[] = {
  { "Older people living alone", "Age Friendly Tewkesbury", "visits", 3,
    "Tewkesbury Town with Mitton;Tewkesbury Newtown;Northway" },
  { "Older people living alone", "Royal Voluntary Service, Severnvale", "phone", 2,
    "Winchcombe;Isbourne;Cleeve Hill" },
  { "Older people living alone", "British Red Cross, Severnvale", "visits", 2,
    "Tewkesbury Town with Mitton;Tewkesbury Newtown;Northway;Twyning;Winchcombe;"
    "Ashchurch with Walton Cardiff;Brockworth;Churchdown Brookfield;Churchdown St John's" },
  { "Dependent on powered medical equipment", "Midshires Electricity Networks", "phone", 3, NULL },
  { "Dependent on powered medical equipment", "Severnvale Integrated Care Board", "visits", 2,
    NULL },
  { "Mobility impaired", "Severnvale County Council", "visits", 2, NULL },
  { "Deaf, blind and partially sighted people", "Vale Carers Network", "app", 1, NULL },
  { "People living with dementia", "Vale Carers Network", "visits", 2,
    "Tewkesbury Town with Mitton;Tewkesbury Prior's Park" },
  { "Families with babies under one", "Severnvale Integrated Care Board", "visits", 3, NULL },
  { "Households with little English", "Tewkesbury Mosque", "faith-meeting", 3,
    "Tewkesbury Town with Mitton;Tewkesbury Newtown" },
  { "Households with little English", "Tewkesbury Interpreters Collective", "phone", 2,
    "Tewkesbury Town with Mitton" },
  { "Households without a car", "Severnvale Bus Company", "app", 1, NULL },
  { "Care home residents", "Severnvale County Council", "phone", 3, NULL },
  { "Rough sleepers and people in hostels", "Tewkesbury Foodbank", "visits", 2, NULL },
  { "Water dependent households", "Severn Water", "phone", 3, NULL },
  { "Older people living alone", "Priors Park Mutual Aid", "door-knock", 1,
    "Tewkesbury Prior's Park" },
};

typedef struct
{
  const char *group;
  const char *name;
  const char *what;
  int         people;
  const char *postcode;
} GroupsDemoPlace;

/* Fictional homes and units at real postcodes of the borough. */
static const GroupsDemoPlace groups_demo_places[] = {
  { "Care home residents", "Abbey Meadows Care Home", "care home", 48, "GL20 5AD" },
  { "Care home residents", "Mythe View Nursing Home", "nursing home", 36, "GL20 6EB" },
  { "Care home residents", "Winchcombe Court", "care home", 30, "GL54 5LJ" },
  { "Care home residents", "Brockworth House", "care home", 52, "GL3 4HD" },
  { "Care home residents", "Cleeve Lodge", "nursing home", 40, "GL52 8TF" },
  { "Rough sleepers and people in hostels", "Quay Street Hostel", "hostel", 14, "GL20 5BG" },
  { "Dependent on powered medical equipment", "Vale Satellite Dialysis Unit", "dialysis unit",
    22, "GL20 5GJ" },
  { "Visitors and caravan parks", "Severn Bank Caravan Park", "caravan park", 220, "GL20 6EE" },
  { "Visitors and caravan parks", "Twyning Riverside Camping", "camp site", 120, "GL20 6DF" },
  { "Families with babies under one", "Northway Children's Centre", "children's centre", 40,
    "GL20 8PT" },
};

typedef struct
{
  const char *group;
  int         days_ago;
  const char *organisation;
  const char *channel;
  const char *summary;
  const char *needs_change;
} GroupsDemoEngagement;

static const GroupsDemoEngagement groups_demo_engagement[] = {
  { "Households with little English", 40, "Tewkesbury Mosque", "faith-meeting",
    "Talked through the flood warning service after Friday prayers.",
    "Asked for warnings in Bengali and Urdu; two families had no way to leave." },
  { "Older people living alone", 75, "Age Friendly Tewkesbury", "visits",
    "Winter warmth visits in the town centre.",
    "Several had no working heating; referred to the warm spaces scheme." },
  { "Visitors and caravan parks", 200, "Tewkesbury Borough Council", "community-event",
    "Met park operators before the season.",
    "Operators agreed to pass on flood alerts; no evacuation plan at Twyning." },
  { "Dependent on powered medical equipment", 120, "Midshires Electricity Networks", "phone",
    "Checked the Priority Services Register list with the network operator.", NULL },
};

static gint64
groups_demo_find (SteadWorkspace *workspace,
                  const char     *kind,
                  const char     *name)
{
  SteadRecordProvider *provider = stead_workspace_get_provider (workspace, kind);

  return provider != NULL ? stead_record_provider_find (provider, kind, name) : 0;
}

static gint64
groups_demo_ward (SteadTransaction *txn,
                  const char       *name)
{
  return stead_workspace_query_int64 (stead_transaction_get_workspace (txn),
                                      "SELECT fid FROM area WHERE kind = 'ward' AND name = ?1",
                                      STEAD_ARGS (STEAD_STRING (name)));
}

static gboolean
groups_demo_counts (SteadTransaction       *txn,
                    const GroupsDemoGroup  *group,
                    gint64                  id,
                    GRand                  *rng,
                    GError                **error)
{
  g_autoptr(sqlite3_stmt) wards = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *census_day = g_strdup ("2021-03-21");
  gint64 total = 0;

  if (group->per_ward_max == 0)
    return TRUE;
  wards = stead_transaction_prepare (
    txn, "SELECT fid, name FROM area WHERE kind = 'ward' ORDER BY name", error);
  if (wards == NULL)
    return FALSE;
  while (sqlite3_step (wards) == SQLITE_ROW)
    {
      gint64 area = sqlite3_column_int64 (wards, 0);
      int count = g_rand_int_range (rng, group->per_ward_min, group->per_ward_max + 1);

      /* The gap the demo is about: many older people alone in the flood
       * zone of Prior's Park, reached by no instrumental partner. */
      if (g_str_equal (group->category, "older-alone") &&
          g_strcmp0 ((const char *) sqlite3_column_text (wards, 1),
                     "Tewkesbury Prior's Park") == 0)
        count = 1240;

      total += count;
      if (stead_transaction_run (
            txn,
            "INSERT INTO groups_count (group_id, area, count, source, date) "
            "VALUES (?, ?, ?, ?, ?)",
            STEAD_ARGS (STEAD_INT (id), STEAD_INT (area), STEAD_INT (count),
                        STEAD_STRING (group->source), STEAD_STRING (census_day)),
            error) < 0)
        return FALSE;
    }
  return stead_transaction_run (txn, "UPDATE groups_group SET size = ?1 WHERE id = ?2",
                                STEAD_ARGS (STEAD_INT (total), STEAD_INT (id)), error) >= 0;
}

static gboolean
groups_demo_reach_add (SteadTransaction       *txn,
                       const GroupsDemoReach  *reach,
                       GError                **error)
{
  SteadWorkspace *workspace = stead_transaction_get_workspace (txn);
  gint64 group = stead_workspace_query_int64 (workspace,
                                              "SELECT id FROM groups_group WHERE name = ?1",
                                              STEAD_ARGS (STEAD_STRING (reach->group)));
  gint64 organisation = groups_demo_find (workspace, "organisation", reach->organisation);
  g_auto(GStrv) wards = NULL;
  gint64 id;

  if (group == 0 || organisation == 0)
    return TRUE;   /* the partners plugin is off: nobody reaches anybody */
  id = stead_transaction_run (
    txn, "INSERT INTO groups_reach (group_id, organisation, channel, strength) VALUES (?, ?, ?, ?)",
    STEAD_ARGS (STEAD_INT (group), STEAD_INT (organisation), STEAD_STRING (reach->channel),
                STEAD_INT (reach->strength)),
    error);
  if (id < 0)
    return FALSE;
  if (reach->wards == NULL)
    return TRUE;
  wards = g_strsplit (reach->wards, ";", -1);
  for (guint i = 0; wards[i] != NULL; i++)
    {
      gint64 area = groups_demo_ward (txn, wards[i]);

      if (area != 0 &&
          stead_transaction_run (txn, "INSERT INTO groups_reach_area (reach, area) VALUES (?, ?)",
                                 STEAD_ARGS (STEAD_INT (id), STEAD_INT (area)), error) < 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
groups_demo_place_add (SteadTransaction       *txn,
                       const GroupsDemoPlace  *place,
                       GError                **error)
{
  SteadWorkspace *workspace = stead_transaction_get_workspace (txn);
  g_autoptr(SteadGeometry) point = NULL;
  gint64 group = stead_workspace_query_int64 (workspace,
                                              "SELECT id FROM groups_group WHERE name = ?1",
                                              STEAD_ARGS (STEAD_STRING (place->group)));
  double lon, lat;

  if (!stead_workspace_lookup_postcode (workspace, place->postcode, &lon, &lat))
    return TRUE;
  point = stead_geometry_new_point (lon, lat);
  return stead_transaction_run (
           txn,
           "INSERT INTO groups_place (geom, group_id, name, what, people, postcode, source) "
           "VALUES (?, ?, ?, ?, ?, ?, 'Demo data')",
           STEAD_ARGS (STEAD_GEOMETRY (point), STEAD_INT (group), STEAD_STRING (place->name),
                       STEAD_STRING (place->what), STEAD_INT (place->people),
                       STEAD_STRING (place->postcode)),
           error) >= 0;
}

gboolean
groups_demo_populate (SteadTransaction  *txn,
                      guint              scale,
                      GRand             *rng,
                      GError           **error)
{
  SteadWorkspace *workspace = stead_transaction_get_workspace (txn);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  for (guint i = 0; i < G_N_ELEMENTS (groups_demo_groups); i++)
    {
      const GroupsDemoGroup *g = &groups_demo_groups[i];
      g_auto(GStrv) needs = g_strsplit (g->needs, " ", -1);
      gint64 id = stead_transaction_run (
        txn,
        "INSERT INTO groups_group (name, category, description, capacity, agency, awareness, "
        "preparedness) VALUES (?, ?, ?, ?, ?, ?, ?)",
        STEAD_ARGS (STEAD_STRING (g->name), STEAD_STRING (g->category),
                    STEAD_STRING (g->description),
                    STEAD_INT ((g->causes & GROUPS_DEMO_CAPACITY) != 0),
                    STEAD_INT ((g->causes & GROUPS_DEMO_AGENCY) != 0),
                    STEAD_INT ((g->causes & GROUPS_DEMO_AWARENESS) != 0),
                    STEAD_INT ((g->causes & GROUPS_DEMO_PREPAREDNESS) != 0)),
        error);

      if (id < 0 || !groups_demo_counts (txn, g, id, rng, error))
        return FALSE;
      for (guint n = 0; needs[n] != NULL; n++)
        if (stead_transaction_run (txn, "INSERT INTO groups_need (group_id, kind) VALUES (?, ?)",
                                   STEAD_ARGS (STEAD_INT (id), STEAD_STRING (needs[n])),
                                   error) < 0)
          return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (groups_demo_places); i++)
    if (!groups_demo_place_add (txn, &groups_demo_places[i], error))
      return FALSE;
  /* Residents of care homes are counted at their homes, not per ward. */
  if (stead_transaction_run (txn,
                             "UPDATE groups_group SET size = (SELECT sum (people) "
                             "FROM groups_place p WHERE p.group_id = groups_group.id) "
                             "WHERE category = 'care-home'",
                             NULL, 0, error) < 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (groups_demo_reach); i++)
    if (!groups_demo_reach_add (txn, &groups_demo_reach[i], error))
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (groups_demo_engagement); i++)
    {
      const GroupsDemoEngagement *e = &groups_demo_engagement[i];
      g_autoptr(GDateTime) day = g_date_time_add_days (now, -e->days_ago);
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
      gint64 group = stead_workspace_query_int64 (workspace,
                                                  "SELECT id FROM groups_group WHERE name = ?1",
                                                  STEAD_ARGS (STEAD_STRING (e->group)));
      gint64 organisation = groups_demo_find (workspace, "organisation", e->organisation);

      if (stead_transaction_run (
            txn,
            "INSERT INTO groups_engagement (group_id, date, organisation, channel, summary, "
            "needs_change) VALUES (?, ?, ?, ?, ?, ?)",
            STEAD_ARGS (STEAD_INT (group), STEAD_STRING (date),
                        STEAD_INT_OR_NULL (organisation, organisation > 0),
                        STEAD_STRING (e->channel), STEAD_STRING (e->summary),
                        STEAD_TEXT (e->needs_change)),
            error) < 0)
        return FALSE;
    }
  /* Exposure the partnership judged: older people alone to heatwaves. */
  {
    gint64 heat = groups_demo_find (workspace, "risk", "R04");
    gint64 older = stead_workspace_query_int64 (
      workspace, "SELECT id FROM groups_group WHERE category = 'older-alone'", NULL, 0);

    if (heat != 0 && older != 0 &&
        stead_transaction_run (txn,
                               "INSERT INTO groups_exposure (group_id, risk, note) "
                               "VALUES (?, ?, ?)",
                               STEAD_ARGS (STEAD_INT (older), STEAD_INT (heat),
                                           STEAD_STRING ("Excess deaths in heatwaves are "
                                                         "highest among older people alone")),
                               error) < 0)
      return FALSE;
  }
  return groups_households_populate_demo (txn, scale, rng, error);
}

