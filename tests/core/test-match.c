/* test-match.c: who may take a request, why not, and who should take which
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "stead.h"
#include "stead-match-private.h"

#define TODAY 20000                     /* 4 Oct 2024, a Friday */
#define KM_PER_DEGREE (6371.0088 * G_PI / 180)
#define FIRST_AID 0
#define DELIVERY 1

static const char * const skill_labels[64] = { "First aid", "Shopping and medication delivery" };
static const SteadMatchInsurance any_policy = { 0, G_MAXINT32 };

static void
options_for_test (SteadMatchOptions *options)
{
  stead_match_options_init (options);
  options->today = TODAY;
  options->skill_labels = skill_labels;
  options->needs_training = 1 << FIRST_AID;
}

/* A volunteer @km north of the request at (-2.16, 52.0): along a meridian
 * the great-circle distance is the latitude difference. */
static SteadMatchVolunteer
volunteer_at (double km)
{
  SteadMatchVolunteer volunteer = { 0, };

  volunteer.id = 1;
  volunteer.longitude = -2.16;
  volunteer.latitude = 52.0 + km / KM_PER_DEGREE;
  volunteer.radius_km = 5;
  volunteer.skills = (1 << FIRST_AID) | (1 << DELIVERY);
  volunteer.dbs = STEAD_MATCH_DBS_ENHANCED_BARRED;
  volunteer.capacity = 2;
  volunteer.insurance = &any_policy;
  volunteer.n_insurance = 1;
  return volunteer;
}

static SteadMatchRequest
request_here (void)
{
  SteadMatchRequest request = { 0, };

  request.id = 1;
  request.longitude = -2.16;
  request.latitude = 52.0;
  request.urgency = 2;
  request.activity = "shopping for a shielding adult";
  return request;
}

/* The rule for one volunteer, and its reason into @reason. */
static SteadMatchRule
check_one (const SteadMatchVolunteer *volunteer,
           const SteadMatchRequest   *request,
           char                     **reason)
{
  SteadMatchOptions options;
  g_autoptr(SteadMatcher) matcher = NULL;
  SteadMatchRule rule;

  options_for_test (&options);
  matcher = stead_matcher_new (volunteer, 1, &options);
  rule = stead_matcher_check (matcher, request, 0, NULL);
  if (reason != NULL)
    *reason = stead_matcher_describe (matcher, request, 0);
  return rule;
}

static void
test_distance (void)
{
  SteadMatchVolunteer near = volunteer_at (4.98), far = volunteer_at (5.02);
  SteadMatchRequest request = request_here ();
  g_autofree char *reason = NULL;
  g_autofree char *near_reason = NULL;

  g_assert_cmpint (check_one (&near, &request, &near_reason), ==, STEAD_MATCH_ELIGIBLE);
  g_assert_cmpstr (near_reason, ==, "5.0 km away, within their 5.0 km radius");
  g_assert_cmpint (check_one (&far, &request, &reason), ==, STEAD_MATCH_DISTANCE);
  g_assert_cmpstr (reason, ==, "5.0 km away, beyond their 5.0 km travel radius");
  far.radius_km = 5.03;
  g_assert_cmpint (check_one (&far, &request, NULL), ==, STEAD_MATCH_ELIGIBLE);
  /* East-west too, at this latitude. */
  far = volunteer_at (0);
  far.longitude += 4.9 / (KM_PER_DEGREE * cos (52.0 * G_PI / 180));
  g_assert_cmpint (check_one (&far, &request, NULL), ==, STEAD_MATCH_ELIGIBLE);
  far.longitude += 0.2 / (KM_PER_DEGREE * cos (52.0 * G_PI / 180));
  g_assert_cmpint (check_one (&far, &request, NULL), ==, STEAD_MATCH_DISTANCE);
}

static void
test_skills (void)
{
  SteadMatchVolunteer volunteer = volunteer_at (1);
  SteadMatchRequest request = request_here ();
  g_autofree char *reason = NULL;

  request.skills = 1 << DELIVERY;
  g_assert_cmpint (check_one (&volunteer, &request, NULL), ==, STEAD_MATCH_ELIGIBLE);
  volunteer.skills = 1 << FIRST_AID;
  g_assert_cmpint (check_one (&volunteer, &request, &reason), ==, STEAD_MATCH_SKILL);
  g_assert_cmpstr (reason, ==, "does not have the skill needed: Shopping and medication delivery");
  /* All needed, not any. */
  request.skills = (1 << DELIVERY) | (1 << FIRST_AID);
  volunteer.skills = 1 << DELIVERY;
  g_assert_cmpint (check_one (&volunteer, &request, NULL), ==, STEAD_MATCH_SKILL);
}

static void
test_checks (void)
{
  SteadMatchVolunteer volunteer = volunteer_at (1);
  SteadMatchRequest request = request_here ();
  g_autofree char *reason = NULL;
  g_autofree char *regulated = NULL;

  request.dbs = STEAD_MATCH_DBS_ENHANCED;
  volunteer.dbs = STEAD_MATCH_DBS_ENHANCED;
  g_assert_cmpint (check_one (&volunteer, &request, NULL), ==, STEAD_MATCH_ELIGIBLE);
  volunteer.dbs = STEAD_MATCH_DBS_STANDARD;
  g_assert_cmpint (check_one (&volunteer, &request, &reason), ==, STEAD_MATCH_DBS);
  g_assert_cmpstr (reason, ==, "enhanced DBS needed; they have standard DBS");

  /* Regulated activity: enhanced is not enough. */
  request.dbs = STEAD_MATCH_DBS_NONE;
  request.regulated = TRUE;
  volunteer.dbs = STEAD_MATCH_DBS_ENHANCED;
  g_assert_cmpint (check_one (&volunteer, &request, &regulated), ==, STEAD_MATCH_REGULATED);
  g_assert_cmpstr (regulated, ==, "enhanced DBS with barred list needed for shopping for a "
                                  "shielding adult — regulated activity");
  volunteer.dbs = STEAD_MATCH_DBS_ENHANCED_BARRED;
  g_assert_cmpint (check_one (&volunteer, &request, NULL), ==, STEAD_MATCH_ELIGIBLE);
}

static void
test_training (void)
{
  SteadMatchVolunteer volunteer = volunteer_at (1);
  SteadMatchRequest request = request_here ();
  SteadMatchTraining course = { FIRST_AID, TODAY - 3 };
  g_autofree char *expired = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *before = NULL;

  request.skills = 1 << FIRST_AID;
  g_assert_cmpint (check_one (&volunteer, &request, &missing), ==, STEAD_MATCH_TRAINING);
  g_assert_cmpstr (missing, ==, "no first aid training on record");
  volunteer.training = &course;
  volunteer.n_training = 1;
  g_assert_cmpint (check_one (&volunteer, &request, &expired), ==, STEAD_MATCH_TRAINING);
  g_assert_cmpstr (expired, ==, "first aid certificate expired 3 days ago");
  /* In date on the day is in date; the day before is not. */
  course.expires = TODAY;
  g_assert_cmpint (check_one (&volunteer, &request, NULL), ==, STEAD_MATCH_ELIGIBLE);
  course.expires = TODAY - 1;
  g_assert_cmpint (check_one (&volunteer, &request, NULL), ==, STEAD_MATCH_TRAINING);
  /* For a request next week, it must last till then. */
  course.expires = TODAY + 3;
  request.window_start = (gint64) (TODAY + 7) * 1440 + 600;
  request.window_end = request.window_start + 120;
  g_assert_cmpint (check_one (&volunteer, &request, &before), ==, STEAD_MATCH_TRAINING);
  g_assert_cmpstr (before, ==, "first aid certificate expires on 7 Oct 2024, before the request");
  /* Training for a skill the request does not need does not matter. */
  request.skills = 1 << DELIVERY;
  g_assert_cmpint (check_one (&volunteer, &request, NULL), ==, STEAD_MATCH_ELIGIBLE);
}

static void
test_insurance (void)
{
  SteadMatchVolunteer volunteer = volunteer_at (1);
  SteadMatchRequest request = request_here ();
  SteadMatchInsurance policy = { 1 << FIRST_AID, TODAY + 100 };
  g_autofree char *none = NULL;
  g_autofree char *cover = NULL;
  g_autofree char *expired = NULL;

  request.skills = 1 << DELIVERY;
  volunteer.n_insurance = 0;
  g_assert_cmpint (check_one (&volunteer, &request, &none), ==, STEAD_MATCH_INSURANCE);
  g_assert_cmpstr (none, ==, "no insurance on record");
  volunteer.insurance = &policy;
  volunteer.n_insurance = 1;
  g_assert_cmpint (check_one (&volunteer, &request, &cover), ==, STEAD_MATCH_INSURANCE);
  g_assert_cmpstr (cover, ==, "insurance does not cover Shopping and medication delivery");
  policy.activities |= 1 << DELIVERY;
  g_assert_cmpint (check_one (&volunteer, &request, NULL), ==, STEAD_MATCH_ELIGIBLE);
  policy.expires = TODAY - 2;
  g_assert_cmpint (check_one (&volunteer, &request, &expired), ==, STEAD_MATCH_INSURANCE);
  g_assert_cmpstr (expired, ==, "insurance expired 2 days ago");
  policy.expires = TODAY;
  g_assert_cmpint (check_one (&volunteer, &request, NULL), ==, STEAD_MATCH_ELIGIBLE);
}

/* Minutes of @day (Unix days) at @hour:@minute. */
static gint64
at (gint32 day,
    int    hour,
    int    minute)
{
  return (gint64) day * 1440 + hour * 60 + minute;
}

/* The next day after TODAY that is @weekday (1 Monday), by GDateTime. */
static gint32
next_weekday (int weekday)
{
  for (gint32 day = TODAY + 1;; day++)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc ((gint64) day * 86400);

      if (g_date_time_get_day_of_week (time) == weekday)
        return day;
    }
}

static void
test_availability (void)
{
  SteadMatchVolunteer volunteer = volunteer_at (1);
  SteadMatchRequest request = request_here ();
  gint32 monday = next_weekday (1);
  SteadMatchSlot slot = { 1, 11 * 60 + 59, 13 * 60 };
  SteadMatchException away = { monday, monday, FALSE };
  g_autofree char *outside = NULL;
  g_autofree char *away_reason = NULL;

  request.window_start = at (monday, 10, 0);
  request.window_end = at (monday, 12, 0);
  /* No pattern: any time. */
  g_assert_cmpint (check_one (&volunteer, &request, NULL), ==, STEAD_MATCH_ELIGIBLE);
  volunteer.slots = &slot;
  volunteer.n_slots = 1;
  g_assert_cmpint (check_one (&volunteer, &request, NULL), ==, STEAD_MATCH_ELIGIBLE);
  slot.start = 12 * 60;    /* from when the window ends */
  g_assert_cmpint (check_one (&volunteer, &request, &outside), ==, STEAD_MATCH_AVAILABILITY);
  g_assert_cmpstr (outside, ==, "not available in the request’s time window");
  slot.start = 8 * 60, slot.finish = 10 * 60;   /* till when it starts */
  g_assert_cmpint (check_one (&volunteer, &request, NULL), ==, STEAD_MATCH_AVAILABILITY);
  slot.finish = 10 * 60 + 1;
  g_assert_cmpint (check_one (&volunteer, &request, NULL), ==, STEAD_MATCH_ELIGIBLE);
  slot.weekday = 2;        /* Tuesdays */
  g_assert_cmpint (check_one (&volunteer, &request, NULL), ==, STEAD_MATCH_AVAILABILITY);
  /* A window over Monday night into Tuesday finds Tuesday's slot. */
  request.window_end = at (monday + 1, 11, 0);
  g_assert_cmpint (check_one (&volunteer, &request, NULL), ==, STEAD_MATCH_ELIGIBLE);
  /* Dated exceptions: away on the Monday, available all Monday. */
  request.window_end = at (monday, 12, 0);
  slot.weekday = 1;
  volunteer.exceptions = &away;
  volunteer.n_exceptions = 1;
  g_assert_cmpint (check_one (&volunteer, &request, &away_reason), ==, STEAD_MATCH_AVAILABILITY);
  g_assert_cmpstr (away_reason, ==, "away during the request’s time window");
  away.day_from = away.day_to = monday + 1;
  g_assert_cmpint (check_one (&volunteer, &request, NULL), ==, STEAD_MATCH_ELIGIBLE);
  away.day_from = away.day_to = monday;
  away.available = TRUE;
  slot.weekday = 3;
  g_assert_cmpint (check_one (&volunteer, &request, NULL), ==, STEAD_MATCH_ELIGIBLE);
}

static void
test_capacity_rule (void)
{
  SteadMatchVolunteer volunteer = volunteer_at (1);
  SteadMatchRequest request = request_here ();
  g_autofree char *reason = NULL;

  volunteer.capacity = 0;
  volunteer.load = 2;
  g_assert_cmpint (check_one (&volunteer, &request, &reason), ==, STEAD_MATCH_CAPACITY);
  g_assert_cmpstr (reason, ==, "already has 2 tasks that day");
}

static void
test_suggest (void)
{
  SteadMatchVolunteer volunteers[5];
  SteadMatchRequest request = request_here ();
  SteadMatchOptions options;
  g_autoptr(SteadMatcher) matcher = NULL;
  g_autoptr(GArray) eligible = g_array_new (FALSE, FALSE, sizeof (SteadMatchCandidate));
  g_autoptr(GArray) excluded = g_array_new (FALSE, FALSE, sizeof (SteadMatchCandidate));
  guint beyond;

  volunteers[0] = volunteer_at (3);
  volunteers[1] = volunteer_at (1);
  volunteers[1].load = 1;
  volunteers[2] = volunteer_at (1);           /* as near, less loaded: first */
  volunteers[3] = volunteer_at (2);
  volunteers[3].dbs = STEAD_MATCH_DBS_BASIC;  /* excluded */
  volunteers[4] = volunteer_at (400);         /* out of anyone's reach */
  request.dbs = STEAD_MATCH_DBS_STANDARD;
  options_for_test (&options);
  matcher = stead_matcher_new (volunteers, G_N_ELEMENTS (volunteers), &options);
  beyond = stead_matcher_suggest (matcher, &request, eligible, excluded);
  g_assert_cmpuint (beyond, ==, 1);
  g_assert_cmpuint (eligible->len, ==, 3);
  g_assert_cmpuint (g_array_index (eligible, SteadMatchCandidate, 0).volunteer, ==, 2);
  g_assert_cmpuint (g_array_index (eligible, SteadMatchCandidate, 1).volunteer, ==, 1);
  g_assert_cmpuint (g_array_index (eligible, SteadMatchCandidate, 2).volunteer, ==, 0);
  g_assert_cmpfloat_with_epsilon (g_array_index (eligible, SteadMatchCandidate, 2).distance_km,
                                  3.0, 1e-6);
  g_assert_cmpuint (excluded->len, ==, 1);
  g_assert_cmpuint (g_array_index (excluded, SteadMatchCandidate, 0).volunteer, ==, 3);
  g_assert_cmpint (g_array_index (excluded, SteadMatchCandidate, 0).rule, ==, STEAD_MATCH_DBS);
}

/* The grid finds the same eligible as looking at everyone. */
static void
test_suggest_grid (void)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (7);
  g_autofree SteadMatchVolunteer *volunteers = g_new0 (SteadMatchVolunteer, 3000);
  SteadMatchOptions options;
  g_autoptr(SteadMatcher) matcher = NULL;
  g_autoptr(GArray) eligible = g_array_new (FALSE, FALSE, sizeof (SteadMatchCandidate));
  g_autoptr(GArray) excluded = g_array_new (FALSE, FALSE, sizeof (SteadMatchCandidate));

  for (guint i = 0; i < 3000; i++)
    {
      volunteers[i] = volunteer_at (0);
      volunteers[i].longitude = g_rand_double_range (rng, -3, -1);
      volunteers[i].latitude = g_rand_double_range (rng, 51.5, 53);
      volunteers[i].radius_km = g_rand_double_range (rng, 0.5, 15);
    }
  options_for_test (&options);
  matcher = stead_matcher_new (volunteers, 3000, &options);
  for (guint t = 0; t < 50; t++)
    {
      SteadMatchRequest request = request_here ();
      guint expected = 0;

      request.longitude = g_rand_double_range (rng, -3.2, -0.8);
      request.latitude = g_rand_double_range (rng, 51.4, 53.1);
      stead_matcher_suggest (matcher, &request, eligible, excluded);
      /* The oracle: a spherical law of cosines over all. */
      for (guint i = 0; i < 3000; i++)
        {
          double p1 = request.latitude * G_PI / 180, p2 = volunteers[i].latitude * G_PI / 180;
          double dl = (volunteers[i].longitude - request.longitude) * G_PI / 180;
          double c = sin (p1) * sin (p2) + cos (p1) * cos (p2) * cos (dl);
          double km = 6371.0088 * acos (CLAMP (c, -1, 1));

          if (km <= volunteers[i].radius_km - 1e-6)
            expected++;
          else if (km > volunteers[i].radius_km + 1e-6)
            continue;
          else
            expected = G_MAXUINT;   /* on the bound: too close to call */
        }
      if (expected != G_MAXUINT)
        g_assert_cmpuint (eligible->len, ==, expected);
      for (guint i = 1; i < eligible->len; i++)
        g_assert_cmpfloat (g_array_index (eligible, SteadMatchCandidate, i - 1).distance_km, <=,
                           g_array_index (eligible, SteadMatchCandidate, i).distance_km);
    }
}

/* ------------------------------------------------------------------------ */
/* Assignment against brute force                                             */
/* ------------------------------------------------------------------------ */

typedef struct
{
  guint   n_requests, n_volunteers;
  double  cost[6][5];      /* < 0: not eligible */
  double  penalty[6];
  guint   capacity[5];
  guint   used[5];
  double  best;
} BruteForce;

static void
brute_force (BruteForce *bf,
             guint       r,
             double      so_far)
{
  if (so_far >= bf->best)
    return;
  if (r == bf->n_requests)
    {
      bf->best = so_far;
      return;
    }
  brute_force (bf, r + 1, so_far + bf->penalty[r]);
  for (guint v = 0; v < bf->n_volunteers; v++)
    if (bf->cost[r][v] >= 0 && bf->used[v] < bf->capacity[v])
      {
        bf->used[v]++;
        brute_force (bf, r + 1, so_far + bf->cost[r][v]);
        bf->used[v]--;
      }
}

static void
test_optimal_brute_force (void)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (15);
  guint n_worse_greedy = 0;

  for (guint t = 0; t < 400; t++)
    {
      SteadMatchVolunteer volunteers[5];
      SteadMatchRequest requests[6];
      SteadMatchOptions options;
      g_autoptr(SteadMatcher) matcher = NULL;
      SteadMatchResult result, greedy;
      BruteForce bf = { 0, };
      g_autofree guint *used = NULL;

      bf.n_requests = (guint) g_rand_int_range (rng, 1, 7);
      bf.n_volunteers = (guint) g_rand_int_range (rng, 1, 6);
      options_for_test (&options);
      options.penalty_km = g_rand_double_range (rng, 1, 8);
      options.k = 5;
      for (guint v = 0; v < bf.n_volunteers; v++)
        {
          volunteers[v] = volunteer_at (0);
          volunteers[v].longitude = -2.16 + g_rand_double_range (rng, -0.08, 0.08);
          volunteers[v].latitude = 52.0 + g_rand_double_range (rng, -0.05, 0.05);
          volunteers[v].radius_km = g_rand_double_range (rng, 1, 8);
          volunteers[v].skills = (guint64) g_rand_int_range (rng, 0, 4);
          volunteers[v].capacity = bf.capacity[v] = (guint) g_rand_int_range (rng, 0, 3);
        }
      for (guint r = 0; r < bf.n_requests; r++)
        {
          requests[r] = request_here ();
          requests[r].longitude = -2.16 + g_rand_double_range (rng, -0.08, 0.08);
          requests[r].latitude = 52.0 + g_rand_double_range (rng, -0.05, 0.05);
          requests[r].skills = (guint64) g_rand_int_range (rng, 0, 4) & (1 << DELIVERY);
          requests[r].urgency = (guint) g_rand_int_range (rng, 1, 5);
          bf.penalty[r] = options.penalty_km * options.urgency_weight[requests[r].urgency];
          for (guint v = 0; v < bf.n_volunteers; v++)
            {
              /* The oracle's own distance and rules: radius and skills. */
              double p1 = requests[r].latitude * G_PI / 180;
              double p2 = volunteers[v].latitude * G_PI / 180;
              double dl = (volunteers[v].longitude - requests[r].longitude) * G_PI / 180;
              double km = 6371.0088 * acos (CLAMP (sin (p1) * sin (p2)
                                                   + cos (p1) * cos (p2) * cos (dl), -1, 1));

              bf.cost[r][v] = km <= volunteers[v].radius_km
                              && (requests[r].skills & ~volunteers[v].skills) == 0
                              && volunteers[v].capacity > 0 ? km : -1;
            }
        }
      bf.best = G_MAXDOUBLE;
      brute_force (&bf, 0, 0);

      matcher = stead_matcher_new (volunteers, bf.n_volunteers, &options);
      stead_matcher_assign (matcher, requests, bf.n_requests, STEAD_MATCH_OPTIMAL, &result);
      stead_matcher_assign (matcher, requests, bf.n_requests, STEAD_MATCH_GREEDY, &greedy);
      g_assert_cmpfloat_with_epsilon (result.cost, bf.best, 1e-6);
      g_assert_cmpfloat (greedy.cost, >=, bf.best - 1e-6);
      if (greedy.cost > bf.best + 1e-6)
        n_worse_greedy++;
      /* The cost it reports is the cost of what it chose. */
      used = g_new0 (guint, bf.n_volunteers);
      {
        double cost = 0;

        for (guint r = 0; r < bf.n_requests; r++)
          {
            guint v = result.volunteer_of[r];

            if (v == G_MAXUINT)
              cost += bf.penalty[r];
            else
              {
                g_assert_cmpfloat (bf.cost[r][v], >=, 0);
                cost += bf.cost[r][v];
                used[v]++;
              }
          }
        g_assert_cmpfloat_with_epsilon (cost, result.cost, 1e-6);
        for (guint v = 0; v < bf.n_volunteers; v++)
          g_assert_cmpuint (used[v], <=, bf.capacity[v]);
      }
      stead_match_result_clear (&result);
      stead_match_result_clear (&greedy);
    }
  /* Random cases where greedy is worse exist: the comparison can fail. */
  g_assert_cmpuint (n_worse_greedy, >, 0);
}

/* Capacity holds on a crowded case: 600 requests, 100 volunteers of 2. */
static void
test_capacity (void)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (3);
  SteadMatchVolunteer volunteers[100];
  g_autofree SteadMatchRequest *requests = g_new (SteadMatchRequest, 600);
  SteadMatchOptions options;
  g_autoptr(SteadMatcher) matcher = NULL;
  SteadMatchResult result;
  guint used[100] = { 0, };

  for (guint v = 0; v < 100; v++)
    {
      volunteers[v] = volunteer_at (g_rand_double_range (rng, -3, 3));
      volunteers[v].longitude += g_rand_double_range (rng, -0.04, 0.04);
      volunteers[v].radius_km = 8;
    }
  for (guint r = 0; r < 600; r++)
    {
      requests[r] = request_here ();
      requests[r].latitude += g_rand_double_range (rng, -0.02, 0.02);
    }
  options_for_test (&options);
  options.k = 100;   /* every volunteer a candidate of every request */
  matcher = stead_matcher_new (volunteers, 100, &options);
  stead_matcher_assign (matcher, requests, 600, STEAD_MATCH_OPTIMAL, &result);
  for (guint r = 0; r < 600; r++)
    if (result.volunteer_of[r] != G_MAXUINT)
      used[result.volunteer_of[r]]++;
  for (guint v = 0; v < 100; v++)
    g_assert_cmpuint (used[v], <=, 2);
  g_assert_cmpuint (result.n_assigned, ==, 200);
  stead_match_result_clear (&result);
}

/* Greedy gives the critical request its nearest volunteer, the only one
 * the other can reach; the optimum sends it to its second. */
static void
test_greedy_worse (void)
{
  SteadMatchVolunteer volunteers[2] = { volunteer_at (0), volunteer_at (3) };
  SteadMatchRequest requests[2] = { request_here (), request_here () };
  SteadMatchOptions options;
  g_autoptr(SteadMatcher) matcher = NULL;
  SteadMatchResult optimal, greedy;

  volunteers[0].capacity = volunteers[1].capacity = 1;
  volunteers[1].radius_km = 2.5;
  requests[0].urgency = 4;
  requests[0].latitude += 1.0 / KM_PER_DEGREE;     /* 1 km from V0, 2 from V1 */
  requests[1].urgency = 1;
  requests[1].latitude -= 1.0 / KM_PER_DEGREE;     /* 1 km from V0, 4 from V1 */
  options_for_test (&options);
  matcher = stead_matcher_new (volunteers, 2, &options);
  stead_matcher_assign (matcher, requests, 2, STEAD_MATCH_GREEDY, &greedy);
  stead_matcher_assign (matcher, requests, 2, STEAD_MATCH_OPTIMAL, &optimal);
  g_assert_cmpuint (greedy.n_assigned, ==, 1);
  g_assert_cmpuint (greedy.volunteer_of[0], ==, 0);
  g_assert_cmpuint (greedy.volunteer_of[1], ==, G_MAXUINT);
  g_assert_cmpuint (optimal.n_assigned, ==, 2);
  g_assert_cmpuint (optimal.volunteer_of[0], ==, 1);
  g_assert_cmpuint (optimal.volunteer_of[1], ==, 0);
  g_assert_cmpfloat_with_epsilon (optimal.cost, 3.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (greedy.cost, 1.0 + options.penalty_km, 1e-6);
  stead_match_result_clear (&optimal);
  stead_match_result_clear (&greedy);
}

/* ------------------------------------------------------------------------ */
/* Assignment against an independent min-cost flow, in whole metres          */
/* ------------------------------------------------------------------------ */

/* The oracle: source → request → volunteer (or → sink: unmet) → sink,
 * one unit per request, by successive shortest paths found by
 * Bellman-Ford on the residual graph (nothing shared with the matcher). */
typedef struct
{
  guint  n_nodes;
  GArray *to, *cap, *cost;   /* edges in pairs: e and e ^ 1 its reverse */
} Oracle;

static void
oracle_edge (Oracle *o,
             guint   a,
             guint   b,
             gint    cap,
             gint64  cost)
{
  gint zero = 0;
  gint64 back = -cost;

  g_array_append_val (o->to, b);
  g_array_append_val (o->cap, cap);
  g_array_append_val (o->cost, cost);
  g_array_append_val (o->to, a);
  g_array_append_val (o->cap, zero);
  g_array_append_val (o->cost, back);
}

static gint64
oracle_min_cost (Oracle *o,
                 guint   source,
                 guint   sink,
                 guint   units,
                 GArray *from)
{
  gint64 total = 0;
  g_autofree gint64 *dist = g_new (gint64, o->n_nodes);
  g_autofree gint *via = g_new (gint, o->n_nodes);

  for (guint f = 0; f < units; f++)
    {
      gboolean changed = TRUE;

      for (guint v = 0; v < o->n_nodes; v++)
        dist[v] = G_MAXINT64, via[v] = -1;
      dist[source] = 0;
      for (guint round = 0; changed && round < o->n_nodes; round++)
        {
          changed = FALSE;
          for (guint e = 0; e < o->to->len; e++)
            {
              guint a = g_array_index (from, guint, e), b = g_array_index (o->to, guint, e);

              if (g_array_index (o->cap, gint, e) > 0 && dist[a] != G_MAXINT64
                  && dist[a] + g_array_index (o->cost, gint64, e) < dist[b])
                {
                  dist[b] = dist[a] + g_array_index (o->cost, gint64, e);
                  via[b] = (gint) e;
                  changed = TRUE;
                }
            }
        }
      g_assert_cmpint (dist[sink], <, G_MAXINT64);
      total += dist[sink];
      for (guint v = sink; v != source;)
        {
          gint e = via[v];

          g_array_index (o->cap, gint, e)--;
          g_array_index (o->cap, gint, e ^ 1)++;
          v = g_array_index (from, guint, e);
        }
    }
  return total;
}

/* The oracle's own great-circle distance (spherical law of cosines). */
static double
oracle_km (const SteadMatchRequest   *request,
           const SteadMatchVolunteer *volunteer)
{
  double p1 = request->latitude * G_PI / 180, p2 = volunteer->latitude * G_PI / 180;
  double dl = (volunteer->longitude - request->longitude) * G_PI / 180;

  return 6371.0088 * acos (CLAMP (sin (p1) * sin (p2) + cos (p1) * cos (p2) * cos (dl), -1, 1));
}

static gint64
oracle_metres (const SteadMatchRequest   *request,
               const SteadMatchVolunteer *volunteer)
{
  return (gint64) llround (oracle_km (request, volunteer) * 1000);
}

/* The oracle's minimum for these, and the matcher's on 1 and 2 threads
 * equal to it, each choice costing what the result says, within every
 * capacity; counts cases with some unmet and with a volunteer full. */
static void
check_against_oracle (const SteadMatchRequest   *requests,
                      guint                      nr,
                      const SteadMatchVolunteer *volunteers,
                      guint                      nv,
                      SteadMatchOptions         *options,
                      guint                     *n_unmet,
                      guint                     *n_full)
{
  Oracle o = { nr + nv + 2, };
  g_autoptr(GArray) from = g_array_new (FALSE, FALSE, sizeof (guint));
  guint source = nr + nv, sink = nr + nv + 1;
  gint64 best;

  o.to = g_array_new (FALSE, FALSE, sizeof (guint));
  o.cap = g_array_new (FALSE, FALSE, sizeof (gint));
  o.cost = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* The oracle's graph, by its own rules: radius, skills, capacity. */
  for (guint r = 0; r < nr; r++)
    {
      gint64 penalty = (gint64) llround (options->penalty_km
                                         * options->urgency_weight[requests[r].urgency] * 1000);

      oracle_edge (&o, source, r, 1, 0);
      oracle_edge (&o, r, sink, 1, penalty);
      for (guint v = 0; v < nv; v++)
        {
          gint64 m = oracle_metres (&requests[r], &volunteers[v]);

          if (oracle_km (&requests[r], &volunteers[v]) <= volunteers[v].radius_km
              && (requests[r].skills & ~volunteers[v].skills) == 0
              && volunteers[v].capacity > 0)
            oracle_edge (&o, r, nr + v, 1, m);
        }
    }
  for (guint v = 0; v < nv; v++)
    oracle_edge (&o, nr + v, sink, (gint) volunteers[v].capacity, 0);
  for (guint e = 0; e < o.to->len; e++)
    {
      guint a = g_array_index (o.to, guint, e ^ 1);

      g_array_append_val (from, a);
    }
  best = oracle_min_cost (&o, source, sink, nr, from);

  /* One thread; two, a component each; two sharing every component. */
  for (guint mode = 0; mode < 3; mode++)
    {
      g_autoptr(SteadMatcher) matcher = NULL;
      SteadMatchResult result;
      g_autofree guint *used = g_new0 (guint, nv);
      gint64 cost = 0;
      guint threads = mode == 0 ? 1 : 2;

      options->threads = threads;
      matcher = stead_matcher_new (volunteers, nv, options);
      if (mode == 2)
        stead_matcher_set_shared_min (matcher, 1);
      stead_matcher_assign (matcher, requests, nr, STEAD_MATCH_OPTIMAL, &result);
      g_assert_cmpint (result.cost_m, ==, best);
      /* What it chose is what it says it costs, within every capacity. */
      for (guint r = 0; r < nr; r++)
        {
          guint v = result.volunteer_of[r];

          if (v == G_MAXUINT)
            cost += (gint64) llround (options->penalty_km
                                      * options->urgency_weight[requests[r].urgency] * 1000);
          else
            {
              g_assert_cmpuint (v, <, nv);
              g_assert_cmpfloat (oracle_km (&requests[r], &volunteers[v]), <=,
                                 volunteers[v].radius_km + 1e-9);
              cost += oracle_metres (&requests[r], &volunteers[v]);
              used[v]++;
              if (used[v] == 2)
                (*n_full)++;
            }
        }
      g_assert_cmpint (cost, ==, result.cost_m);
      for (guint v = 0; v < nv; v++)
        g_assert_cmpuint (used[v], <=, volunteers[v].capacity);
      if (result.n_assigned < nr && threads == 1)
        (*n_unmet)++;
      stead_match_result_clear (&result);
    }
  g_array_unref (o.to);
  g_array_unref (o.cap);
  g_array_unref (o.cost);
}

/* Random cases in one or two towns 40 km apart (so in separate
 * components), volunteers of capacity 0–2, some on the same spot (ties),
 * penalties from below a typical distance (unmet is cheaper) to above,
 * urgencies 1–4; every eligible a candidate. Optimal on 1 and 2 threads. */
static void
test_optimal_flow (void)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (1515);
  guint n_unmet_cheaper = 0, n_two_towns = 0, n_full = 0;

  for (guint t = 0; t < 60; t++)
    {
      guint nr = (guint) g_rand_int_range (rng, 1, 40), nv = (guint) g_rand_int_range (rng, 1, 25);
      g_autofree SteadMatchVolunteer *volunteers = g_new (SteadMatchVolunteer, nv);
      g_autofree SteadMatchRequest *requests = g_new (SteadMatchRequest, nr);
      gboolean two_towns = g_rand_boolean (rng);
      SteadMatchOptions options;

      options_for_test (&options);
      options.penalty_km = g_rand_double_range (rng, 0.3, 6);
      options.k = 64;
      for (guint v = 0; v < nv; v++)
        {
          double town = two_towns && g_rand_boolean (rng) ? 0.6 : 0;

          if (v > 0 && g_rand_int_range (rng, 0, 5) == 0)
            volunteers[v] = volunteers[g_rand_int_range (rng, 0, (gint) v)];
          else
            {
              volunteers[v] = volunteer_at (0);
              volunteers[v].longitude = -2.16 + town + g_rand_double_range (rng, -0.03, 0.03);
              volunteers[v].latitude = 52.0 + g_rand_double_range (rng, -0.02, 0.02);
              volunteers[v].radius_km = g_rand_double_range (rng, 1, 5);
              volunteers[v].skills = (guint64) g_rand_int_range (rng, 0, 4);
            }
          volunteers[v].capacity = (guint) g_rand_int_range (rng, 0, 3);
        }
      for (guint r = 0; r < nr; r++)
        {
          double town = two_towns && g_rand_boolean (rng) ? 0.6 : 0;

          requests[r] = request_here ();
          requests[r].longitude = -2.16 + town + g_rand_double_range (rng, -0.03, 0.03);
          requests[r].latitude = 52.0 + g_rand_double_range (rng, -0.02, 0.02);
          requests[r].skills = (guint64) g_rand_int_range (rng, 0, 4) & (1 << DELIVERY);
          requests[r].urgency = (guint) g_rand_int_range (rng, 1, 5);
        }
      check_against_oracle (requests, nr, volunteers, nv, &options, &n_unmet_cheaper, &n_full);
      n_two_towns += two_towns;
    }
  /* The cases meant to be there are there. */
  g_assert_cmpuint (n_unmet_cheaper, >, 5);
  g_assert_cmpuint (n_two_towns, >, 5);
  g_assert_cmpuint (n_full, >, 5);
}

/* Larger crowded cases (more requests than time, so the auction runs
 * many phases and its early stop, when the prices prove the assignment
 * optimal, is tried on assignments that are not yet): still the
 * oracle's minimum, whichever request goes unmet by urgency. */
static void
test_optimal_flow_crowded (void)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (2929);
  guint n_unmet = 0, n_full = 0;

  for (guint t = 0; t < 40; t++)
    {
      guint nr = (guint) g_rand_int_range (rng, 20, 200);
      guint nv = (guint) g_rand_int_range (rng, 8, 70);
      g_autofree SteadMatchVolunteer *volunteers = g_new (SteadMatchVolunteer, nv);
      g_autofree SteadMatchRequest *requests = g_new (SteadMatchRequest, nr);
      SteadMatchOptions options;

      options_for_test (&options);
      options.penalty_km = g_rand_double_range (rng, 0.2, 4);
      options.k = 64;   /* every eligible a candidate, as the oracle's */
      for (guint v = 0; v < nv; v++)
        {
          volunteers[v] = volunteer_at (0);
          volunteers[v].longitude = -2.16 + g_rand_double_range (rng, -0.05, 0.05);
          volunteers[v].latitude = 52.0 + g_rand_double_range (rng, -0.03, 0.03);
          volunteers[v].radius_km = g_rand_double_range (rng, 1, 5);
          volunteers[v].skills = (guint64) g_rand_int_range (rng, 0, 4);
          volunteers[v].capacity = (guint) g_rand_int_range (rng, 1, 3);
        }
      for (guint r = 0; r < nr; r++)
        {
          requests[r] = request_here ();
          requests[r].longitude = -2.16 + g_rand_double_range (rng, -0.05, 0.05);
          requests[r].latitude = 52.0 + g_rand_double_range (rng, -0.03, 0.03);
          requests[r].skills = (guint64) g_rand_int_range (rng, 0, 4) & (1 << DELIVERY);
          requests[r].urgency = (guint) g_rand_int_range (rng, 1, 5);
        }
      check_against_oracle (requests, nr, volunteers, nv, &options, &n_unmet, &n_full);
    }
  g_assert_cmpuint (n_unmet, >, 8);
  g_assert_cmpuint (n_full, >, 8);
}

/* A crowded county (more requests than time, towns overlapping): the same
 * total on one thread and two, capacity held, and never worse than greedy. */
static void
test_threads_same_cost (void)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (77);
  guint nv = 1500, nr = 3500;
  g_autofree SteadMatchVolunteer *volunteers = g_new (SteadMatchVolunteer, nv);
  g_autofree SteadMatchRequest *requests = g_new (SteadMatchRequest, nr);
  SteadMatchOptions options;
  SteadMatchResult results[4];

  for (guint v = 0; v < nv; v++)
    {
      double town = 0.1 * g_rand_int_range (rng, 0, 6);

      volunteers[v] = volunteer_at (0);
      volunteers[v].longitude = -2.16 + town + g_rand_double_range (rng, -0.04, 0.04);
      volunteers[v].latitude = 52.0 + town / 2 + g_rand_double_range (rng, -0.03, 0.03);
      volunteers[v].radius_km = g_rand_double_range (rng, 1, 6);
      volunteers[v].skills = (guint64) g_rand_int_range (rng, 0, 4);
    }
  for (guint r = 0; r < nr; r++)
    {
      double town = 0.1 * g_rand_int_range (rng, 0, 6);

      requests[r] = request_here ();
      requests[r].longitude = -2.16 + town + g_rand_double_range (rng, -0.05, 0.05);
      requests[r].latitude = 52.0 + town / 2 + g_rand_double_range (rng, -0.04, 0.04);
      requests[r].skills = (guint64) g_rand_int_range (rng, 0, 4) & (1 << DELIVERY);
      requests[r].urgency = (guint) g_rand_int_range (rng, 1, 5);
    }
  options_for_test (&options);
  /* One thread; two, a town each; two sharing each town. */
  for (guint mode = 0; mode < 3; mode++)
    {
      g_autoptr(SteadMatcher) matcher = NULL;
      g_autofree guint *used = g_new0 (guint, nv);
      guint slot = mode == 0 ? 0 : mode + 1;

      options.threads = mode == 0 ? 1 : 2;
      matcher = stead_matcher_new (volunteers, nv, &options);
      if (mode == 2)
        stead_matcher_set_shared_min (matcher, 1);
      stead_matcher_assign (matcher, requests, nr, STEAD_MATCH_OPTIMAL, &results[slot]);
      for (guint r = 0; r < nr; r++)
        if (results[slot].volunteer_of[r] != G_MAXUINT)
          used[results[slot].volunteer_of[r]]++;
      for (guint v = 0; v < nv; v++)
        g_assert_cmpuint (used[v], <=, 2);
      if (mode == 0)
        stead_matcher_assign (matcher, requests, nr, STEAD_MATCH_GREEDY, &results[1]);
    }
  g_assert_cmpuint (results[0].n_assigned, <, nr);
  g_assert_cmpint (results[0].cost_m, ==, results[2].cost_m);
  g_assert_cmpint (results[0].cost_m, ==, results[3].cost_m);
  g_assert_cmpint (results[0].cost_m, <, results[1].cost_m);
  for (guint i = 0; i < 4; i++)
    stead_match_result_clear (&results[i]);
}

/* One crowded component that both threads bid on together (as on a
 * county's data): the same total as one thread alone, each capacity
 * held, for several seeds. */
static void
test_shared_same_cost (void)
{
  for (guint seed = 1; seed <= 3; seed++)
    {
      g_autoptr(GRand) rng = g_rand_new_with_seed (7000 + seed);
      guint nv = 3000, nr = 8192;
      g_autofree SteadMatchVolunteer *volunteers = g_new (SteadMatchVolunteer, nv);
      g_autofree SteadMatchRequest *requests = g_new (SteadMatchRequest, nr);
      SteadMatchOptions options;
      SteadMatchResult results[2];

      for (guint v = 0; v < nv; v++)
        {
          volunteers[v] = volunteer_at (0);
          volunteers[v].longitude = -2.16 + g_rand_double_range (rng, -0.15, 0.15);
          volunteers[v].latitude = 52.0 + g_rand_double_range (rng, -0.1, 0.1);
          volunteers[v].radius_km = g_rand_double_range (rng, 1, 5);
          volunteers[v].skills = (guint64) g_rand_int_range (rng, 0, 4);
          volunteers[v].capacity = 2;
        }
      for (guint r = 0; r < nr; r++)
        {
          requests[r] = request_here ();
          requests[r].longitude = -2.16 + g_rand_double_range (rng, -0.15, 0.15);
          requests[r].latitude = 52.0 + g_rand_double_range (rng, -0.1, 0.1);
          requests[r].skills = (guint64) g_rand_int_range (rng, 0, 4) & (1 << DELIVERY);
          requests[r].urgency = (guint) g_rand_int_range (rng, 1, 5);
        }
      options_for_test (&options);
      for (guint threads = 1; threads <= 2; threads++)
        {
          g_autoptr(SteadMatcher) matcher = NULL;
          g_autofree guint *used = g_new0 (guint, nv);
          SteadMatchResult *result = &results[threads - 1];

          options.threads = threads;
          matcher = stead_matcher_new (volunteers, nv, &options);
          /* Below the default, so that debug builds test it quickly. */
          stead_matcher_set_shared_min (matcher, nr / 2);
          stead_matcher_assign (matcher, requests, nr, STEAD_MATCH_OPTIMAL, result);
          for (guint r = 0; r < nr; r++)
            if (result->volunteer_of[r] != G_MAXUINT)
              used[result->volunteer_of[r]]++;
          for (guint v = 0; v < nv; v++)
            g_assert_cmpuint (used[v], <=, 2);
        }
      /* Crowded: some left unmet, so the auction's prices were contested. */
      g_assert_cmpuint (results[0].n_assigned, <, nr);
      g_assert_cmpuint (results[0].n_assigned, >, nr / 2);
      g_assert_cmpint (results[0].cost_m, ==, results[1].cost_m);
      g_assert_cmpuint (results[0].n_assigned, ==, results[1].n_assigned);
      stead_match_result_clear (&results[0]);
      stead_match_result_clear (&results[1]);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/match/distance", test_distance);
  g_test_add_func ("/match/skills", test_skills);
  g_test_add_func ("/match/checks", test_checks);
  g_test_add_func ("/match/training", test_training);
  g_test_add_func ("/match/insurance", test_insurance);
  g_test_add_func ("/match/availability", test_availability);
  g_test_add_func ("/match/capacity-rule", test_capacity_rule);
  g_test_add_func ("/match/suggest", test_suggest);
  g_test_add_func ("/match/suggest-grid", test_suggest_grid);
  g_test_add_func ("/match/optimal-brute-force", test_optimal_brute_force);
  g_test_add_func ("/match/capacity", test_capacity);
  g_test_add_func ("/match/greedy-worse", test_greedy_worse);
  g_test_add_func ("/match/optimal-flow", test_optimal_flow);
  g_test_add_func ("/match/optimal-flow-crowded", test_optimal_flow_crowded);
  g_test_add_func ("/match/threads-same-cost", test_threads_same_cost);
  g_test_add_func ("/match/shared-same-cost", test_shared_same_cost);
  return g_test_run ();
}
