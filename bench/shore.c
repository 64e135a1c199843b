/* shore.c: how long the offline map's geography takes to load
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: shore [DIR]. Loads the coastlines, lakes and rivers of the UK
 * (11°W-2°E, 49°N-61°N) from Debian's gmt-gshhg files (or DIR) at each
 * installed resolution, and the whole world at crude (what the map loads
 * zoomed out): "cold" with a new reader (files opened, bins read and
 * closed into areas), the median of 5, and "warm" from its session
 * cache. Prints one "name value unit" line per figure; the target is
 * 100 ms cold for the UK at every resolution.
 */

#include "config.h"

#include <stdio.h>

#include "bench-util.h"
#include "stead-shore-private.h"

#define RUNS 5

static const char * const names[] = { "crude", "low", "intermediate", "high" };

static gboolean
measure (const char           *dir,
         const char           *place,
         const SteadEnvelope  *box,
         SteadShoreResolution  resolution)
{
  g_autoptr(GArray) cold = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) warm = g_array_new (FALSE, FALSE, sizeof (double));
  gsize n_lines = 0, n_points = 0;

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(SteadShore) shore = stead_shore_new (dir);
      g_autoptr(GPtrArray) bins = NULL;
      g_autoptr(GPtrArray) again = NULL;
      g_autoptr(GError) error = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double ms;

      bins = stead_shore_load (shore, resolution, box, NULL, &error);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      if (bins == NULL)
        {
          g_printerr ("shore: %s\n", error->message);
          return FALSE;
        }
      g_array_append_val (cold, ms);

      t0 = g_get_monotonic_time ();
      again = stead_shore_load (shore, resolution, box, NULL, &error);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (warm, ms);

      n_lines = n_points = 0;
      for (guint b = 0; b < bins->len; b++)
        {
          guint n;
          const SteadShoreLine *lines = stead_shore_bin_get_lines (bins->pdata[b], &n);

          n_lines += n;
          for (guint i = 0; i < n; i++)
            n_points += lines[i].n_points;
        }
    }

  printf ("%s_load_%s_cold %.1f ms\n", place, names[resolution], bench_percentile (cold, 0.5));
  printf ("%s_load_%s_cold_max %.1f ms\n", place, names[resolution],
          bench_percentile (cold, 1.0));
  printf ("%s_load_%s_warm %.3f ms\n", place, names[resolution], bench_percentile (warm, 0.5));
  printf ("%s_%s_lines %" G_GSIZE_FORMAT " count\n", place, names[resolution], n_lines);
  printf ("%s_%s_points %" G_GSIZE_FORMAT " count\n", place, names[resolution], n_points);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  const SteadEnvelope uk = { -11, 49, 2, 61 };
  const SteadEnvelope world = { -180, -90, 180, 90 };
  const char *dir = argc > 1 ? argv[1] : NULL;
  g_autoptr(SteadShore) probe = stead_shore_new (dir);

  if (!stead_shore_has_resolution (probe, STEAD_SHORE_CRUDE))
    {
      printf ("# GSHHG is not installed (Debian: gmt-gshhg-low, gmt-gshhg-high)\n");
      return 0;
    }
  for (guint r = 0; r < STEAD_SHORE_N_RESOLUTIONS; r++)
    {
      if (!stead_shore_has_resolution (probe, r))
        printf ("# %s: not installed\n", names[r]);
      else if (!measure (dir, "uk", &uk, r))
        return 1;
    }
  return measure (dir, "world", &world, STEAD_SHORE_CRUDE) ? 0 : 1;
}
