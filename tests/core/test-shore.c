/* test-shore.c: real geography from the packaged GSHHG files, checked against known places
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads Debian's gmt-gshhg files where they are installed (each test is
 * skipped where they are not). The oracles are independent of the
 * reader: places whose coordinates are known, distances by the plain
 * haversine formula along each polyline sampled every 50 m, an even-odd
 * ray cast for what a point lies in, and the Earth's land area.
 */

#include "config.h"

#include <math.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "stead-shore-private.h"

#define EARTH_KM 6371.0088

typedef struct
{
  const char *name;
  double      lat;
  double      lon;
} Place;

static const Place lands_end = { "Land's End", 50.066, -5.714 };
static const Place dover = { "Dover", 51.12, 1.31 };
static const Place tewkesbury = { "Tewkesbury", 51.99, -2.16 };
static const Place birmingham = { "Birmingham", 52.48, -1.90 };
static const Place north_sea = { "the North Sea", 54.5, 3.0 };
static const Place irish_sea = { "the Irish Sea", 53.5, -5.5 };
static const Place lough_neagh = { "Lough Neagh", 54.62, -6.42 };
/* Lakes across many bins and their corners: GSHHG keeps the Caspian as
 * a lake. */
static const Place lake_superior = { "Lake Superior", 47.7, -87.5 };
static const Place lake_victoria = { "Lake Victoria", -1.0, 33.0 };
static const Place caspian = { "the Caspian Sea", 42.0, 50.5 };
static const Place oxford = { "Oxford", 51.75, -1.26 };
static const Place leeds = { "Leeds", 53.80, -1.55 };
static const Place channel = { "the English Channel", 50.2, -1.0 };
/* Moorland east of the Peak District: no river in WDBII near it. The
 * map test's view with neither rivers nor coast is centred here. */
static const Place moor = { "the moor by Chesterfield", 53.26, -1.50 };

static double
haversine_km (double lat1,
              double lon1,
              double lat2,
              double lon2)
{
  double r = G_PI / 180;
  double a = pow (sin ((lat2 - lat1) * r / 2), 2) +
             cos (lat1 * r) * cos (lat2 * r) * pow (sin ((lon2 - lon1) * r / 2), 2);

  return 2 * EARTH_KM * asin (sqrt (a));
}

/* The nearest a polyline comes to @place, sampling each edge every 50 m
 * or less. */
static double
line_distance_km (const SteadShoreLine *line,
                  const Place          *place)
{
  double best = G_MAXDOUBLE;

  for (gsize i = 0; i + 1 < line->n_points; i++)
    {
      const SteadCoord *a = &line->points[i], *b = &line->points[i + 1];
      double length = haversine_km (a->y, a->x, b->y, b->x);
      guint steps = MAX (1, (guint) ceil (length / 0.05));

      for (guint s = 0; s <= steps; s++)
        {
          double t = (double) s / steps;

          best = MIN (best, haversine_km (place->lat, place->lon, a->y + t * (b->y - a->y),
                                          a->x + t * (b->x - a->x)));
        }
    }
  return best;
}

static GPtrArray *
load_around (SteadShore           *shore,
             SteadShoreResolution  resolution,
             const Place          *place,
             double                margin)
{
  SteadEnvelope box = { place->lon - margin, place->lat - margin, place->lon + margin,
                        place->lat + margin };
  g_autoptr(GError) error = NULL;
  GPtrArray *bins = stead_shore_load (shore, resolution, &box, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bins);
  return bins;
}

/* The nearest line of @kind (and of a level at most @max_level) to @place. */
static double
nearest_km (GPtrArray      *bins,
            SteadShoreKind  kind,
            guint           max_level,
            const Place    *place)
{
  double best = G_MAXDOUBLE;

  for (guint b = 0; b < bins->len; b++)
    {
      guint n;
      const SteadShoreLine *lines = stead_shore_bin_get_lines (bins->pdata[b], &n);

      for (guint i = 0; i < n; i++)
        if (lines[i].kind == kind && lines[i].level <= max_level)
          best = MIN (best, line_distance_km (&lines[i], place));
    }
  return best;
}

static gboolean
ring_contains (const SteadShoreLine *ring,
               double                lon,
               double                lat)
{
  gboolean inside = FALSE;

  for (gsize i = 0, j = ring->n_points - 1; i < ring->n_points; j = i++)
    {
      const SteadCoord *a = &ring->points[i], *b = &ring->points[j];

      if ((a->y > lat) != (b->y > lat) &&
          lon < (b->x - a->x) * (lat - a->y) / (b->y - a->y) + a->x)
        inside = !inside;
    }
  return inside;
}

/* What @place lies in: the highest level of the areas around it (they
 * nest: an island in a lake in land), 0 for the sea. */
static guint
level_at (GPtrArray   *bins,
          const Place *place)
{
  guint level = 0;

  for (guint b = 0; b < bins->len; b++)
    {
      guint n;
      const SteadShoreLine *lines = stead_shore_bin_get_lines (bins->pdata[b], &n);

      for (guint i = 0; i < n; i++)
        if (lines[i].kind == STEAD_SHORE_AREA && ring_contains (&lines[i], place->lon, place->lat))
          level = MAX (level, lines[i].level);
    }
  return level;
}

static SteadShore *
installed_shore (SteadShoreResolution resolution)
{
  g_autoptr(SteadShore) shore = stead_shore_new (NULL);

  if (!stead_shore_has_resolution (shore, resolution))
    {
      g_test_skip ("GSHHG (Debian's gmt-gshhg-low and -high) is not installed");
      return NULL;
    }
  return g_steal_pointer (&shore);
}

static void
test_coast_at_known_places (gconstpointer data)
{
  SteadShoreResolution resolution = GPOINTER_TO_UINT (data);
  /* Good to about 25 km, 5 km, 1 km and 200 m. */
  static const double tolerance[] = { 25, 6, 2, 2 };
  g_autoptr(SteadShore) shore = installed_shore (resolution);
  const Place *coast[] = { &lands_end, &dover };

  if (shore == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (coast); i++)
    {
      g_autoptr(GPtrArray) bins = load_around (shore, resolution, coast[i], 0.5);
      double km = nearest_km (bins, STEAD_SHORE_COAST, 1, coast[i]);

      g_test_message ("coast %.2f km from %s", km, coast[i]->name);
      g_assert_cmpfloat (km, <, tolerance[resolution]);
    }
}

/* No shoreline of any level comes into the box around Birmingham, and
 * the city is dry land. */
static void
test_inland_city_is_land (gconstpointer data)
{
  SteadShoreResolution resolution = GPOINTER_TO_UINT (data);
  g_autoptr(SteadShore) shore = installed_shore (resolution);
  g_autoptr(GPtrArray) bins = NULL;
  guint n_coast = 0;

  if (shore == NULL)
    return;

  bins = load_around (shore, resolution, &birmingham, 0.5);
  for (guint b = 0; b < bins->len; b++)
    {
      guint n;
      const SteadShoreLine *lines = stead_shore_bin_get_lines (bins->pdata[b], &n);

      for (guint i = 0; i < n; i++)
        {
          if (lines[i].kind != STEAD_SHORE_COAST)
            continue;
          n_coast++;
          for (gsize p = 0; p + 1 < lines[i].n_points; p++)
            {
              const SteadCoord *a = &lines[i].points[p], *c = &lines[i].points[p + 1];

              /* Sampled every 0.005°, finer than the 0.2° box. */
              for (guint s = 0; s <= 100; s++)
                {
                  double lon = a->x + s / 100.0 * (c->x - a->x);
                  double lat = a->y + s / 100.0 * (c->y - a->y);

                  g_assert_false (fabs (lon - birmingham.lon) < 0.1 &&
                                  fabs (lat - birmingham.lat) < 0.1);
                }
            }
        }
    }
  g_assert_cmpuint (level_at (bins, &birmingham), ==, 1);
  if (resolution >= STEAD_SHORE_LOW)
    {
      g_autoptr(GPtrArray) south = load_around (shore, resolution, &oxford, 0.5);
      g_autoptr(GPtrArray) north = load_around (shore, resolution, &leeds, 0.5);

      g_assert_cmpuint (level_at (south, &oxford), ==, 1);
      g_assert_cmpuint (level_at (north, &leeds), ==, 1);
    }
  /* Its bins hold coast somewhere, or the test above proves nothing;
   * at 20° the one bin reaches the Bristol Channel and the Wash. */
  g_assert_cmpuint (n_coast, >, 0);
}

/* The dry side and the water are closed the right way round: seas are
 * not filled as land, lakes are water inside land. */
static void
test_sea_and_lake (gconstpointer data)
{
  SteadShoreResolution resolution = GPOINTER_TO_UINT (data);
  g_autoptr(SteadShore) shore = installed_shore (resolution);
  const Place *seas[] = { &north_sea, &irish_sea, &channel };
  const Place *lakes[] = { &lough_neagh, &lake_superior, &lake_victoria, &caspian };

  if (shore == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (seas); i++)
    {
      g_autoptr(GPtrArray) bins = load_around (shore, resolution, seas[i], 0.5);

      g_assert_cmpuint (level_at (bins, seas[i]), ==, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (lakes); i++)
    {
      g_autoptr(GPtrArray) bins = NULL;

      if (lakes[i] == &lough_neagh && resolution < STEAD_SHORE_LOW)
        continue;   /* too small for 25 km */
      bins = load_around (shore, resolution, lakes[i], 0.5);
      g_assert_cmpuint (level_at (bins, lakes[i]), ==, 2);
    }
}

/* The Severn and the Avon meet at Tewkesbury: a permanent river passes
 * within 1.5 km at intermediate and high detail. */
static void
test_river_at_tewkesbury (gconstpointer data)
{
  SteadShoreResolution resolution = GPOINTER_TO_UINT (data);
  g_autoptr(SteadShore) shore = installed_shore (resolution);
  g_autoptr(GPtrArray) bins = NULL;
  double km;

  if (shore == NULL)
    return;

  bins = load_around (shore, resolution, &tewkesbury, 0.3);
  km = nearest_km (bins, STEAD_SHORE_RIVER, STEAD_SHORE_RIVER_MINOR, &tewkesbury);
  g_test_message ("river %.2f km from Tewkesbury", km);
  g_assert_cmpfloat (km, <, 1.5);
  /* The town is inland: no shoreline within 10 km (GSHHG's Severn
   * estuary ends some 25 km downstream, near Gloucester). */
  g_assert_cmpfloat (nearest_km (bins, STEAD_SHORE_COAST, 4, &tewkesbury), >, 10);
}

/* The area of a ring on the sphere, edge by edge (each a trapezoid
 * between its meridians and the equator, in sin latitude). */
static double
ring_area_km2 (const SteadShoreLine *ring)
{
  double r = G_PI / 180, sum = 0;

  for (gsize i = 0; i + 1 < ring->n_points; i++)
    {
      const SteadCoord *a = &ring->points[i], *b = &ring->points[i + 1];

      sum += (b->x - a->x) * r * (2 + sin (a->y * r) + sin (b->y * r));
    }
  return fabs (sum) * EARTH_KM * EARTH_KM / 2;
}

/* Closed bin by bin, the land of the whole world (level 1, lakes in it)
 * is the Earth's: 148.9 million km² (CIA World Factbook), within 2%
 * whatever the detail; a bin closed on the wrong side would add or take
 * away a bin's worth of sea. Lakes come to 1.2-3 million km². */
static void
test_world_land_area (gconstpointer data)
{
  SteadShoreResolution resolution = GPOINTER_TO_UINT (data);
  g_autoptr(SteadShore) shore = installed_shore (resolution);
  SteadEnvelope world = { -180, -90, 180, 90 };
  g_autoptr(GPtrArray) bins = NULL;
  g_autoptr(GError) error = NULL;
  double area[5] = { 0 };

  if (shore == NULL)
    return;

  bins = stead_shore_load (shore, resolution, &world, NULL, &error);
  g_assert_no_error (error);
  for (guint b = 0; b < bins->len; b++)
    {
      guint n;
      const SteadShoreLine *lines = stead_shore_bin_get_lines (bins->pdata[b], &n);

      for (guint i = 0; i < n; i++)
        if (lines[i].kind == STEAD_SHORE_AREA)
          {
            g_assert_cmpuint (lines[i].level, >=, 1);
            g_assert_cmpuint (lines[i].level, <=, 4);
            /* Closed: the last point is the first. */
            g_assert_cmpfloat (lines[i].points[0].x, ==, lines[i].points[lines[i].n_points - 1].x);
            g_assert_cmpfloat (lines[i].points[0].y, ==, lines[i].points[lines[i].n_points - 1].y);
            area[lines[i].level] += ring_area_km2 (&lines[i]);
          }
    }
  g_test_message ("land %.2f, lakes %.2f million km2", area[1] / 1e6, area[2] / 1e6);
  g_assert_cmpfloat (fabs (area[1] / 148.94e6 - 1), <, 0.02);
  g_assert_cmpfloat (area[2], >, 1.2e6);
  g_assert_cmpfloat (area[2], <, 3e6);
  /* Islands in lakes lie in lakes, ponds on those islands. */
  g_assert_cmpfloat (area[3], <, area[2]);
  g_assert_cmpfloat (area[4], <=, area[3]);
}

/* What the map test's empty view relies on: nothing within 12 km, the
 * half-diagonal of its window at zoom 12. */
static void
test_moor_has_no_river (gconstpointer data)
{
  SteadShoreResolution resolution = GPOINTER_TO_UINT (data);
  g_autoptr(SteadShore) shore = installed_shore (resolution);
  g_autoptr(GPtrArray) bins = NULL;

  if (shore == NULL)
    return;

  bins = load_around (shore, resolution, &moor, 0.5);
  g_assert_cmpfloat (nearest_km (bins, STEAD_SHORE_RIVER, 10, &moor), >, 12);
  g_assert_cmpfloat (nearest_km (bins, STEAD_SHORE_COAST, 4, &moor), >, 12);
  g_assert_cmpuint (level_at (bins, &moor), ==, 1);
}

/* The bins loaded cover the box asked for, across the prime meridian,
 * and come from the cache the second time. */
static void
test_bins_cover_the_box (void)
{
  g_autoptr(SteadShore) shore = installed_shore (STEAD_SHORE_INTERMEDIATE);
  SteadEnvelope uk = { -11, 49, 2, 61 };
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  double area = 0;

  if (shore == NULL)
    return;

  first = stead_shore_load (shore, STEAD_SHORE_INTERMEDIATE, &uk, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < first->len; i++)
    {
      SteadEnvelope e;

      stead_shore_bin_get_envelope (first->pdata[i], &e);
      g_assert_cmpfloat (e.max_x - e.min_x, ==, 5);
      g_assert_cmpfloat (e.max_y - e.min_y, ==, 5);
      /* Each bin touches the box. */
      g_assert_cmpfloat (e.max_x, >, uk.min_x);
      g_assert_cmpfloat (e.min_x, <, uk.max_x);
      g_assert_cmpfloat (e.max_y, >, uk.min_y);
      g_assert_cmpfloat (e.min_y, <, uk.max_y);
      area += (MIN (e.max_x, uk.max_x) - MAX (e.min_x, uk.min_x)) *
              (MIN (e.max_y, uk.max_y) - MAX (e.min_y, uk.min_y));
    }
  /* Disjoint squares whose overlaps with the box add up to all of it. */
  g_assert_cmpfloat (fabs (area - 13 * 12), <, 1e-9);

  again = stead_shore_load (shore, STEAD_SHORE_INTERMEDIATE, &uk, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, first->len);
  for (guint i = 0; i < first->len; i++)
    g_assert_true (again->pdata[i] == first->pdata[i]);
}

/* Detail follows the zoom, and falls back to what is installed. */
static void
test_resolution_by_zoom (void)
{
  static const char * const names[] = { "binned_GSHHS_c.nc", "binned_GSHHS_l.nc",
                                        "binned_GSHHS_i.nc", "binned_river_i.nc" };
  g_autofree char *dir = g_dir_make_tmp ("stead-shore-XXXXXX", NULL);
  g_autoptr(SteadShore) shore = NULL;
  g_autoptr(SteadShore) real = installed_shore (STEAD_SHORE_INTERMEDIATE);
  SteadShoreResolution r;

  g_assert_cmpint (stead_shore_resolution_for_zoom (2), ==, STEAD_SHORE_CRUDE);
  g_assert_cmpint (stead_shore_resolution_for_zoom (5.5), ==, STEAD_SHORE_LOW);
  g_assert_cmpint (stead_shore_resolution_for_zoom (8), ==, STEAD_SHORE_INTERMEDIATE);
  g_assert_cmpint (stead_shore_resolution_for_zoom (12), ==, STEAD_SHORE_HIGH);
  if (real == NULL)
    return;

  /* Without gmt-gshhg-high: a district gets intermediate detail. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *from = g_build_filename ("/usr/share/gmt-gshhg", names[i], NULL);
      g_autofree char *to = g_build_filename (dir, names[i], NULL);

      g_assert_cmpint (symlink (from, to), ==, 0);
    }
  shore = stead_shore_new (dir);
  g_assert_true (stead_shore_pick_resolution (shore, 12, &r));
  g_assert_cmpint (r, ==, STEAD_SHORE_INTERMEDIATE);
  g_assert_true (stead_shore_pick_resolution (shore, 2, &r));
  g_assert_cmpint (r, ==, STEAD_SHORE_CRUDE);
  g_assert_false (stead_shore_has_resolution (shore, STEAD_SHORE_HIGH));

  /* Shorelines without rivers still load. */
  {
    g_autoptr(GPtrArray) bins = load_around (shore, STEAD_SHORE_LOW, &lands_end, 0.1);

    g_assert_cmpfloat (nearest_km (bins, STEAD_SHORE_COAST, 1, &lands_end), <, 6);
    g_assert_cmpfloat (nearest_km (bins, STEAD_SHORE_RIVER, 10, &lands_end), ==, G_MAXDOUBLE);
  }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *to = g_build_filename (dir, names[i], NULL);

      g_unlink (to);
    }
  g_rmdir (dir);
}

/* Not installed: nothing to pick, and loading says so, plainly. */
static void
test_not_installed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-shore-XXXXXX", NULL);
  g_autoptr(SteadShore) shore = stead_shore_new (dir);
  g_autoptr(GError) error = NULL;
  SteadEnvelope box = { -3, 51, -2, 52 };
  SteadShoreResolution r;
  GPtrArray *bins;

  for (guint i = 0; i < STEAD_SHORE_N_RESOLUTIONS; i++)
    g_assert_false (stead_shore_has_resolution (shore, i));
  g_assert_false (stead_shore_pick_resolution (shore, 10, &r));
  bins = stead_shore_load (shore, STEAD_SHORE_LOW, &box, NULL, &error);
  g_assert_null (bins);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const names[] = { "crude", "low", "intermediate", "high" };

  g_test_init (&argc, &argv, NULL);

  for (guint r = 0; r < STEAD_SHORE_N_RESOLUTIONS; r++)
    {
      g_autofree char *coast = g_strdup_printf ("/core/shore/%s/coast-at-known-places", names[r]);
      g_autofree char *inland = g_strdup_printf ("/core/shore/%s/inland-city-is-land", names[r]);
      g_autofree char *sea = g_strdup_printf ("/core/shore/%s/sea-and-lake", names[r]);
      g_autofree char *world = g_strdup_printf ("/core/shore/%s/world-land-area", names[r]);

      g_test_add_data_func (coast, GUINT_TO_POINTER (r), test_coast_at_known_places);
      g_test_add_data_func (inland, GUINT_TO_POINTER (r), test_inland_city_is_land);
      g_test_add_data_func (sea, GUINT_TO_POINTER (r), test_sea_and_lake);
      g_test_add_data_func (world, GUINT_TO_POINTER (r), test_world_land_area);
    }
  g_test_add_data_func ("/core/shore/intermediate/river-at-tewkesbury",
                        GUINT_TO_POINTER (STEAD_SHORE_INTERMEDIATE), test_river_at_tewkesbury);
  g_test_add_data_func ("/core/shore/high/river-at-tewkesbury",
                        GUINT_TO_POINTER (STEAD_SHORE_HIGH), test_river_at_tewkesbury);
  g_test_add_data_func ("/core/shore/intermediate/moor-has-no-river",
                        GUINT_TO_POINTER (STEAD_SHORE_INTERMEDIATE), test_moor_has_no_river);
  g_test_add_data_func ("/core/shore/high/moor-has-no-river", GUINT_TO_POINTER (STEAD_SHORE_HIGH),
                        test_moor_has_no_river);
  g_test_add_func ("/core/shore/bins-cover-the-box", test_bins_cover_the_box);
  g_test_add_func ("/core/shore/resolution-by-zoom", test_resolution_by_zoom);
  g_test_add_func ("/core/shore/not-installed", test_not_installed);

  return g_test_run ();
}
