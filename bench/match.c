/* match.c: assigning volunteers to requests, optimal against greedy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: match [--volunteers N] [--requests N,N…] [--seed S] [--k K] [--threads N]
 * Volunteers (capacity 2, radius 2–10 km, 1–3 of 8 skills, one needing
 * training) and requests (0–1 skill, urgency 1–4, a few needing checks)
 * around 40 towns in a 60 × 60 km county; prints for each number of
 * requests the time (wall and CPU of all threads), assigned and total
 * cost of the optimal assignment (candidate edges included) and of the
 * greedy baseline, in one process, and the time of one suggestion. One
 * "name value unit" line per figure. On a shared machine compare _cpu.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "stead.h"

#define N_TOWNS 40
#define N_SKILLS 8

/* CPU time of the process (every thread), ms. */
static double
bench_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static void
bench_place (GRand  *rng,
             double *towns,
             double *lon,
             double *lat)
{
  guint town = (guint) g_rand_int_range (rng, 0, N_TOWNS);
  double r = fabs (g_rand_double_range (rng, -1, 1) + g_rand_double_range (rng, -1, 1)) * 0.04;
  double a = g_rand_double_range (rng, 0, 2 * G_PI);

  *lon = towns[2 * town] + r * cos (a) * 1.6;
  *lat = towns[2 * town + 1] + r * sin (a);
}

static void
bench_requests (GRand             *rng,
                double            *towns,
                SteadMatchRequest *requests,
                guint              n)
{
  for (guint i = 0; i < n; i++)
    {
      SteadMatchRequest *request = &requests[i];

      request->id = i + 1;
      bench_place (rng, towns, &request->longitude, &request->latitude);
      request->skills = g_rand_int_range (rng, 0, 3) == 0
                        ? 0 : G_GUINT64_CONSTANT (1) << g_rand_int_range (rng, 0, N_SKILLS);
      request->urgency = (guint) g_rand_int_range (rng, 1, 5);
      request->dbs = g_rand_int_range (rng, 0, 10) == 0 ? STEAD_MATCH_DBS_ENHANCED
                                                         : STEAD_MATCH_DBS_NONE;
      request->regulated = g_rand_int_range (rng, 0, 20) == 0;
      request->activity = "shopping for a shielding adult";
    }
}

int
main (int    argc,
      char **argv)
{
  int n_volunteers = 50000, seed = 1;
  double penalty = 20;
  int k = 8, threads = 0;
  g_autofree char *request_counts = g_strdup ("10000,100000");
  const GOptionEntry entries[] = {
    { "volunteers", 0, 0, G_OPTION_ARG_INT, &n_volunteers, "Volunteers", "N" },
    { "requests", 0, 0, G_OPTION_ARG_STRING, &request_counts, "Requests, comma-separated", "N,N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Random seed", "S" },
    { "k", 0, 0, G_OPTION_ARG_INT, &k, "Nearest eligible candidates per request", "K" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, "Threads for assigning (0: cores)", "N" },
    { "penalty", 0, 0, G_OPTION_ARG_DOUBLE, &penalty, "Penalty of an unmet request, km", "KM" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rng = NULL;
  g_autoptr(SteadMatcher) matcher = NULL;
  g_auto(GStrv) counts = NULL;
  g_autofree SteadMatchVolunteer *volunteers = NULL;
  g_autofree SteadMatchTraining *training = NULL;
  SteadMatchInsurance policy = { 0, G_MAXINT32 };
  SteadMatchOptions options;
  double towns[2 * N_TOWNS];
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_volunteers < 1)
    {
      g_printerr ("match: %s\n", error != NULL ? error->message : "--volunteers must be 1 or more");
      return 2;
    }
  rng = g_rand_new_with_seed ((guint32) seed);
  for (guint t = 0; t < N_TOWNS; t++)
    {
      towns[2 * t] = -2.6 + g_rand_double_range (rng, 0, 0.87);
      towns[2 * t + 1] = 51.7 + g_rand_double_range (rng, 0, 0.54);
    }

  stead_match_options_init (&options);
  options.needs_training = 1;   /* skill 0, as first aid */
  options.penalty_km = penalty;
  options.k = (guint) MAX (1, k);
  options.threads = (guint) MAX (0, threads);
  volunteers = g_new0 (SteadMatchVolunteer, n_volunteers);
  training = g_new (SteadMatchTraining, n_volunteers);
  for (int i = 0; i < n_volunteers; i++)
    {
      SteadMatchVolunteer *volunteer = &volunteers[i];
      int n_skills = g_rand_int_range (rng, 1, 4);

      volunteer->id = i + 1;
      bench_place (rng, towns, &volunteer->longitude, &volunteer->latitude);
      volunteer->radius_km = g_rand_double_range (rng, 2, 10);
      for (int s = 0; s < n_skills; s++)
        volunteer->skills |= G_GUINT64_CONSTANT (1) << g_rand_int_range (rng, 0, N_SKILLS);
      volunteer->dbs = (SteadMatchDbs) g_rand_int_range (rng, 0, 5);
      volunteer->capacity = 2;
      training[i].skill = 0;
      training[i].expires = options.today + g_rand_int_range (rng, -60, 700);
      volunteer->training = &training[i];
      volunteer->n_training = 1;
      volunteer->insurance = &policy;
      volunteer->n_insurance = 1;
    }

  start = g_get_monotonic_time ();
  matcher = stead_matcher_new (volunteers, n_volunteers, &options);
  g_print ("grid_%d %.1f ms\n", n_volunteers, (g_get_monotonic_time () - start) / 1000.0);

  /* One suggestion: the median of 200. */
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) eligible = g_array_new (FALSE, FALSE, sizeof (SteadMatchCandidate));
      g_autoptr(GArray) excluded = g_array_new (FALSE, FALSE, sizeof (SteadMatchCandidate));
      SteadMatchRequest requests[200] = { { 0, } };
      double worst = 0, sum = 0;

      bench_requests (rng, towns, requests, G_N_ELEMENTS (requests));
      for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
        {
          double ms;

          start = g_get_monotonic_time ();
          stead_matcher_suggest (matcher, &requests[i], eligible, excluded);
          ms = (g_get_monotonic_time () - start) / 1000.0;
          worst = MAX (worst, ms);
          sum += ms;
          g_array_append_val (times, ms);
        }
      g_print ("suggest_%d_mean %.2f ms\n", n_volunteers, sum / G_N_ELEMENTS (requests));
      g_print ("suggest_%d_max %.2f ms\n", n_volunteers, worst);
    }

  counts = g_strsplit (request_counts, ",", -1);
  for (guint c = 0; counts[c] != NULL; c++)
    {
      guint n = (guint) g_ascii_strtoull (counts[c], NULL, 10);
      g_autofree SteadMatchRequest *requests = g_new0 (SteadMatchRequest, MAX (n, 1));
      SteadMatchResult optimal, greedy;
      double optimal_ms, greedy_ms, optimal_cpu, greedy_cpu;

      bench_requests (rng, towns, requests, n);
      start = g_get_monotonic_time ();
      optimal_cpu = bench_cpu_ms ();
      stead_matcher_assign (matcher, requests, n, STEAD_MATCH_OPTIMAL, &optimal);
      optimal_ms = (g_get_monotonic_time () - start) / 1000.0;
      optimal_cpu = bench_cpu_ms () - optimal_cpu;
      start = g_get_monotonic_time ();
      greedy_cpu = bench_cpu_ms ();
      stead_matcher_assign (matcher, requests, n, STEAD_MATCH_GREEDY, &greedy);
      greedy_ms = (g_get_monotonic_time () - start) / 1000.0;
      greedy_cpu = bench_cpu_ms () - greedy_cpu;

      g_print ("optimal_%u_time %.1f ms\n", n, optimal_ms);
      g_print ("optimal_%u_cpu %.1f ms\n", n, optimal_cpu);
      g_print ("optimal_%u_assigned %u requests\n", n, optimal.n_assigned);
      g_print ("optimal_%u_unmet %u requests\n", n, n - optimal.n_assigned);
      g_print ("optimal_%u_cost %.1f km\n", n, optimal.cost);
      g_print ("optimal_%u_cost_m %" G_GINT64_FORMAT " m\n", n, optimal.cost_m);
      g_print ("optimal_%u_distance %.1f km\n", n, optimal.distance_km);
      g_print ("greedy_%u_time %.1f ms\n", n, greedy_ms);
      g_print ("greedy_%u_cpu %.1f ms\n", n, greedy_cpu);
      g_print ("greedy_%u_assigned %u requests\n", n, greedy.n_assigned);
      g_print ("greedy_%u_unmet %u requests\n", n, n - greedy.n_assigned);
      g_print ("greedy_%u_cost %.1f km\n", n, greedy.cost);
      g_print ("greedy_%u_distance %.1f km\n", n, greedy.distance_km);
      if (optimal.n_assigned < n)
        g_print ("greedy_%u_unmet_ratio %.2f x\n", n,
                 (double) (n - greedy.n_assigned) / (n - optimal.n_assigned));
      stead_match_result_clear (&optimal);
      stead_match_result_clear (&greedy);
    }
  return EXIT_SUCCESS;
}
