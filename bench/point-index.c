/* point-index.c: building and querying SteadPointIndex
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: point-index [--random N] [--seed S] [POINTS.csv]
 * POINTS.csv: lon,lat per line, or any CSV with longitude and latitude
 * columns named in its header (e.g. `stead-cli export WS --format
 * needs-csv`); a row that is not a point stops it with its line number.
 * --random N makes N points uniform over the world, as supercluster's own
 * benchmark does; --towns T puts them in T towns over Britain instead (the
 * map's case: most points in clusters). Prints one "name value unit" line
 * per figure.
 *
 * The map's one index holds needs, resources and sites (three classes):
 * its build is timed as index_classified. When node and supercluster 9.1
 * are there (`npm install supercluster@9.1` in a folder named by
 * SUPERCLUSTER_DIR, or bench/node_modules), the same points are loaded
 * into supercluster with the same options, timed and measured in its own
 * process; otherwise that is skipped, and said.
 */

#include "config.h"

#include <math.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

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

/* The process's peak resident set (VmHWM) in MB; 0 where /proc does not say. */
static double
peak_read (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return 0;
  return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
}

/* Loads the points into supercluster (radius 60, extent 512, zooms 0 to
 * 16, as here) in node, reading them as raw doubles; node prints its
 * figures. */
static const char supercluster_js[] =
  "const fs = require ('fs');\n"
  "const sc = require ('supercluster');   /* ESM: its default export */\n"
  "const Supercluster = sc.default || sc;\n"
  "const buf = fs.readFileSync (process.argv[2]);\n"
  "const xy = new Float64Array (buf.buffer, buf.byteOffset, buf.length / 8);\n"
  "const features = [];\n"
  "for (let i = 0; i < xy.length; i += 2)\n"
  "  features.push ({ type: 'Feature', properties: null,\n"
  "                   geometry: { type: 'Point', coordinates: [xy[i], xy[i + 1]] } });\n"
  "const before = process.memoryUsage ().rss;\n"
  "const t0 = process.hrtime.bigint ();\n"
  "const index = new Supercluster ({ radius: 60, extent: 512, minZoom: 0, maxZoom: 16 }).load "
  "(features);\n"
  "const ms = Number (process.hrtime.bigint () - t0) / 1e6;\n"
  "console.log ('supercluster_all_levels ' + ms.toFixed (1) + ' ms');\n"
  "console.log ('supercluster_items_zoom_0 ' + index.getClusters ([-180, -85, 180, 85], 0).length"
  " + ' count');\n"
  "console.log ('supercluster_rss_growth ' + ((process.memoryUsage ().rss - before) / 1048576)"
  ".toFixed (1) + ' MB');\n";

static gboolean
run_supercluster (GArray  *points,
                  double  *ms)
{
  const char *dir = g_getenv ("SUPERCLUSTER_DIR");
  g_autofree char *default_dir = g_build_filename (SOURCE_DIR, "node_modules", NULL);
  g_autofree char *module = NULL;
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *tmp = NULL;
  g_autofree char *data_path = NULL;
  g_autofree char *script_path = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;

  if (dir == NULL)
    dir = default_dir;
  module = g_build_filename (dir, "supercluster", "package.json", NULL);
  if (node == NULL || !g_file_test (module, G_FILE_TEST_EXISTS))
    {
      printf ("# supercluster skipped: %s\n",
              node == NULL ? "no node" : "no supercluster (npm install supercluster@9.1)");
      return FALSE;
    }
  tmp = g_dir_make_tmp ("stead-bench-XXXXXX", &error);
  if (tmp == NULL)
    return FALSE;
  data_path = g_build_filename (tmp, "points.f64", NULL);
  script_path = g_build_filename (tmp, "load.cjs", NULL);
  if (g_file_set_contents (data_path, points->data, (gssize) (points->len * sizeof (double)),
                           &error) &&
      g_file_set_contents (script_path, supercluster_js, -1, &error))
    {
      g_autofree char *node_path = g_strdup (dir);
      const char *argv[] = { node, "--max-old-space-size=8192", script_path, data_path, NULL };
      g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "NODE_PATH", node_path, TRUE);

      if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL,
                         &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        printf ("# supercluster failed: %s\n", error->message);
    }
  g_unlink (data_path);
  g_unlink (script_path);
  g_rmdir (tmp);
  if (output == NULL)
    return FALSE;
  fputs (output, stdout);
  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "supercluster_all_levels "))
      *ms = g_ascii_strtod (lines[i] + strlen ("supercluster_all_levels "), NULL);
  return *ms > 0;
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
  int towns = 0;
  int threads = 0;
  double classified_ms, classified_again_ms, supercluster_ms = 0;
  g_autofree guint8 *classes = NULL;
  int seed = 1;
  int n_queries = 2000;
  double t0, t1;
  gsize n;
  double total_ms = 0;
  gsize total_items = 0;
  const GOptionEntry entries[] = {
    { "random", 0, 0, G_OPTION_ARG_INT, &random_n, "N random points over the world", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Random seed", "S" },
    { "towns", 0, 0, G_OPTION_ARG_INT, &towns, "The points in T towns over Britain", "T" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, "Threads for a build (0: one per core)", "N" },
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

          if (towns > 0)
            {
              /* A town per seed of its own, a few km across (Box-Muller). */
              g_autoptr(GRand) town = g_rand_new_with_seed (seed * 7919 + i % towns);
              double r = sqrt (-2 * log (g_rand_double_range (rng, 1e-12, 1)));
              double a = g_rand_double_range (rng, 0, 2 * G_PI);

              lon = g_rand_double_range (town, -5, 1) + 0.03 * r * cos (a);
              lat = g_rand_double_range (town, 50.5, 55) + 0.02 * r * sin (a);
            }
          g_array_append_val (points, lon);
          g_array_append_val (points, lat);
        }
    }
  n = points->len / 2;

  stead_point_index_options_init (&options);
  options.radius = 60;
  options.max_zoom = 16;
  options.n_threads = threads;

  /* The map's one index: needs, resources and sites, each counted.
   * Built first, so that the process's high-water mark then is the
   * points and this build (as the map's worker holds them), nothing
   * left over from the others. */
  classes = g_new (guint8, n);
  for (gsize i = 0; i < n; i++)
    classes[i] = i % 20 == 0 ? 1 : i % 997 == 0 ? 2 : 0;
  {
    g_autoptr(SteadPointIndex) classified = NULL;
    double hwm = peak_read ();

    printf ("rss_before_classified %.1f MB\n", hwm);

    t0 = now_ms ();
    classified = stead_point_index_new_classified ((double *) points->data, NULL, classes, n,
                                                   &options);
    classified_ms = now_ms () - t0;
    printf ("index_classified %.1f ms\n", classified_ms);
    hwm = peak_read ();
    if (hwm > 0)
      printf ("index_classified_peak_rss %.1f MB\n", hwm);

    /* Again, as the map rebuilds it on every change: the first build of
     * a process also pays for its first threads and page faults. */
    g_clear_pointer (&classified, stead_point_index_unref);
    t0 = now_ms ();
    classified = stead_point_index_new_classified ((double *) points->data, NULL, classes, n,
                                                   &options);
    classified_again_ms = now_ms () - t0;
    printf ("index_classified_again %.1f ms\n", classified_again_ms);
  }

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

  fflush (stdout);
  if (run_supercluster (points, &supercluster_ms))
    {
      printf ("speedup_classified_vs_supercluster %.1f x\n", supercluster_ms / classified_ms);
      printf ("speedup_classified_again_vs_supercluster %.1f x\n",
              supercluster_ms / classified_again_ms);
    }
  return 0;
}
