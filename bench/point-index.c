/* point-index.c: building and querying SteadPointIndex
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: point-index [--random N] [--seed S] [POINTS.csv]
 * POINTS.csv has lon,lat per line (a header line is skipped). --random N
 * makes N points uniform over the world, as supercluster's own benchmark
 * does. Prints one "name value unit" line per figure.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "stead.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static GArray *
read_csv (const char  *path,
          GError     **error)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *contents = NULL;
  char *line;
  char *save = NULL;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  for (line = strtok_r (contents, "\n", &save); line != NULL; line = strtok_r (NULL, "\n", &save))
    {
      char *end;
      double lon = g_ascii_strtod (line, &end);
      double lat;

      if (end == line || *end != ',')
        continue;   /* a header or a blank line */
      lat = g_ascii_strtod (end + 1, NULL);
      g_array_append_val (points, lon);
      g_array_append_val (points, lat);
    }
  return g_steal_pointer (&points);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("[POINTS.csv]");
  g_autoptr(GArray) points = NULL;
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (SteadPointCluster));
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rng = NULL;
  g_autoptr(SteadPointIndex) first = NULL;
  g_autoptr(SteadPointIndex) index = NULL;
  SteadPointIndexOptions options;
  struct rusage usage;
  int random_n = 0;
  int seed = 1;
  int n_queries = 2000;
  double t0, t1;
  gsize n;
  double total_ms = 0;
  gsize total_items = 0;
  const GOptionEntry entries[] = {
    { "random", 0, 0, G_OPTION_ARG_INT, &random_n, "N random points over the world", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Random seed", "S" },
    { "queries", 0, 0, G_OPTION_ARG_INT, &n_queries, "How many viewport queries", "Q" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("point-index: %s\n", error->message);
      return 2;
    }

  rng = g_rand_new_with_seed (seed);
  if (argc > 1)
    {
      if (!(points = read_csv (argv[1], &error)))
        {
          g_printerr ("point-index: %s\n", error->message);
          return 1;
        }
    }
  else
    {
      if (random_n <= 0)
        random_n = 1000000;
      points = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * random_n);
      for (int i = 0; i < random_n; i++)
        {
          double lon = g_rand_double_range (rng, -180, 180);
          double lat = g_rand_double_range (rng, -85, 85);
          g_array_append_val (points, lon);
          g_array_append_val (points, lat);
        }
    }
  n = points->len / 2;

  stead_point_index_options_init (&options);
  options.radius = 60;
  options.max_zoom = 16;

  /* The first displayable level: the raw points and the highest zoom. */
  options.min_zoom = options.max_zoom;
  t0 = now_ms ();
  first = stead_point_index_new ((double *) points->data, NULL, n, &options);
  t1 = now_ms ();
  printf ("points %" G_GSIZE_FORMAT " count\n", n);
  printf ("index_first_level %.1f ms\n", t1 - t0);
  g_clear_pointer (&first, stead_point_index_unref);

  options.min_zoom = 0;
  t0 = now_ms ();
  index = stead_point_index_new ((double *) points->data, NULL, n, &options);
  t1 = now_ms ();
  printf ("index_all_levels %.1f ms\n", t1 - t0);
  printf ("items_zoom_0 %" G_GSIZE_FORMAT " count\n", stead_point_index_get_n_items (index, 0));
  printf ("items_zoom_16 %" G_GSIZE_FORMAT " count\n", stead_point_index_get_n_items (index, 16));

  /* Viewports of 1920x1080 pixels (256-pixel tiles) at zooms 0 to 17. */
  for (int q = 0; q < n_queries; q++)
    {
      guint zoom = q % 18;
      double half_w = 1920.0 / 2 / (256.0 * (1 << zoom)) * 360.0;
      double half_h = MIN (1080.0 / 2 / (256.0 * (1 << zoom)) * 170.0, 85.0);
      gsize pick = g_rand_int_range (rng, 0, n);
      double lon = g_array_index (points, double, 2 * pick);
      double lat = g_array_index (points, double, 2 * pick + 1);

      g_array_set_size (out, 0);
      t0 = now_ms ();
      stead_point_index_query (index, zoom, MAX (lon - half_w, -180), MAX (lat - half_h, -85),
                               MIN (lon + half_w, 180), MIN (lat + half_h, 85), out);
      total_ms += now_ms () - t0;
      total_items += out->len;
    }
  printf ("query_mean %.4f ms\n", total_ms / n_queries);
  printf ("query_items_mean %.1f count\n", (double) total_items / n_queries);

  getrusage (RUSAGE_SELF, &usage);
  printf ("peak_rss %.1f MB\n", usage.ru_maxrss / 1024.0);
  return 0;
}
