/* map-time.c: the map's time slider on many needs: one step of Play, against a rebuild
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads a workspace's needs (every status, as the slider does) and
 * resources into the map's merged index once, then steps a 30-day window
 * a week at a time through the needs' span, filtering the same index in
 * place (stead_point_snapshot_set_days()) and querying the overview as
 * the map draws it. Prints the load (what a rebuild per step would cost)
 * and the step's median and 95th percentile.
 *
 * Usage: map-time WS.gpkg   (e.g. stead-cli demo --scale 1000000 WS.gpkg)
 */

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "stead.h"

#include "bench-util.h"

/* The thread's CPU time, in ms: the machine may be shared. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  static const char * const every_status[] = {
    "open", "assigned", "met", "closed", "cancelled", NULL
  };
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autoptr(SteadPointSnapshot) snapshot = NULL;
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) steps_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (SteadPointCluster));
  g_autoptr(GError) error = NULL;
  SteadEnvelope extent;
  gint32 first, last;
  gint64 start;
  double load_ms, load_cpu;

  if (argc != 2)
    {
      fprintf (stderr, "Usage: %s WS.gpkg\n", argv[0]);
      return 77;   /* skipped: it needs a workspace */
    }
  if (!(ws = stead_workspace_open_full (argv[1], NULL, STEAD_WORKSPACE_OPEN_READ_ONLY, &error)))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  if (!stead_point_source_get_day_span (ws, &first, &last) ||
      !stead_point_source_get_extent (ws, &extent))
    {
      fprintf (stderr, "No dated needs\n");
      return 1;
    }

  start = g_get_monotonic_time ();
  load_cpu = cpu_ms ();
  snapshot = stead_point_source_load_merged (ws, NULL, every_status, NULL, NULL, 0, NULL, &error);
  load_ms = (g_get_monotonic_time () - start) / 1000.0;
  load_cpu = cpu_ms () - load_cpu;
  if (snapshot == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("points %" G_GSIZE_FORMAT " count\n", stead_point_snapshot_get_n_points (snapshot));
  printf ("load-and-index %.1f ms\n", load_ms);
  printf ("load-and-index-cpu %.1f ms (this thread; the index builds on more)\n", load_cpu);

  for (gint32 end = first + 29; end <= last; end += 7)
    {
      gint32 from = end - 29;
      gsize live;
      double ms, cpu = cpu_ms ();

      start = g_get_monotonic_time ();
      live = stead_point_snapshot_set_days (snapshot, &from, end);
      g_array_set_size (items, 0);
      stead_point_index_query (stead_point_snapshot_get_index (snapshot), 10, extent.min_x,
                               extent.min_y, extent.max_x, extent.max_y, items);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (steps, ms);
      cpu = cpu_ms () - cpu;
      g_array_append_val (steps_cpu, cpu);
      (void) live;
    }
  printf ("steps %u count\n", steps->len);
  printf ("step-median %.2f ms\n", bench_percentile (steps, 0.5));
  printf ("step-p95 %.2f ms\n", bench_percentile (steps, 0.95));
  printf ("step-cpu-median %.2f ms\n", bench_percentile (steps_cpu, 0.5));
  printf ("step-cpu-p95 %.2f ms\n", bench_percentile (steps_cpu, 0.95));
  return 0;
}
