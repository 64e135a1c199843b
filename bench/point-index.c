/* point-index.c: building and querying SteadPointIndex
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: point-index [--random N] [--seed S] [POINTS.csv]
 * POINTS.csv: lon,lat per line, or any CSV with longitude and latitude
 * columns named in its header (e.g. `stead-cli export WS --format
 * needs-csv`); a row that is not a point stops it with its line number.
 * --random N makes N points uniform over the world, as supercluster's own
 * benchmark does. Prints one "name value unit" line per figure.
 */

#include "config.h"

#include <math.h>

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "stead.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static gboolean
parse_coordinate (const char *text,
                  double      limit,
                  double     *value)
{
  char *end;

  if (text == NULL || *text == '\0')
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  while (g_ascii_isspace (*end))
    end++;
  return end != text && *end == '\0' && isfinite (*value) && fabs (*value) <= limit;
}

static int
find_column (const char * const *header,
             const char * const *names)
{
  for (int i = 0; header[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (header[i]));
      g_autofree char *lower = g_ascii_strdown (name, -1);

      if (g_strv_contains (names, lower))
        return i;
    }
  return -1;
}

/* Longitude and latitude from a CSV file (the app's own reader: quotes,
 * CRLF, BOM, ; or tab). Columns are found by name (lon/lng/longitude/x,
 * lat/latitude/y); without such a header the first two columns are
 * lon,lat and the first row is a point too. A row that is not a point
 * is an error naming its line: a benchmark must not silently measure
 * fewer points than the file holds. */
static GArray *
read_csv (const char  *path,
          GError     **error)
{
  static const char * const lon_names[] = { "lon", "lng", "long", "longitude", "x", NULL };
  static const char * const lat_names[] = { "lat", "latitude", "y", NULL };
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
  g_autoptr(SteadCsvReader) reader = NULL;
  const char * const *header;
  const char * const *fields;
  guint n_fields;
  guint64 line;
  int lon_col, lat_col;
  double lon, lat;
  GError *local = NULL;

  if (stream == NULL)
    return NULL;
  reader = stead_csv_reader_new (G_INPUT_STREAM (stream), path);
  if (!stead_csv_reader_read_header (reader, NULL, error))
    return NULL;
  header = stead_csv_reader_get_header (reader);
  lon_col = find_column (header, lon_names);
  lat_col = find_column (header, lat_names);
  if (lon_col < 0 || lat_col < 0)
    {
      lon_col = 0;
      lat_col = 1;
      if (g_strv_length ((char **) header) < 2 ||
          !parse_coordinate (header[0], 180, &lon) || !parse_coordinate (header[1], 90, &lat))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: line 1 is neither lon,lat nor a header naming lon and lat columns",
                       path);
          return NULL;
        }
      g_array_append_val (points, lon);
      g_array_append_val (points, lat);
    }

  while (stead_csv_reader_next_fields (reader, &fields, &n_fields, &line, NULL, &local))
    {
      if (n_fields == 1 && *fields[0] == '\0')
        continue;   /* a blank line */
      if ((guint) MAX (lon_col, lat_col) >= n_fields ||
          !parse_coordinate (fields[lon_col], 180, &lon) ||
          !parse_coordinate (fields[lat_col], 90, &lat))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: line %" G_GUINT64_FORMAT " has no longitude and latitude", path, line);
          return NULL;
        }
      g_array_append_val (points, lon);
      g_array_append_val (points, lat);
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (points->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: no points", path);
      return NULL;
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
