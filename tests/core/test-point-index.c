/* test-point-index.c: clusters and viewport queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "stead.h"

#define N_POINTS 20000

static double *
make_points (guint32 seed)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (seed);
  double *points = g_new (double, 2 * N_POINTS);

  /* Half in a town-sized blob (heavy clustering), half over Britain. */
  for (guint i = 0; i < N_POINTS; i++)
    {
      if (i % 2 == 0)
        {
          points[2 * i] = -2.16 + g_rand_double_range (rng, -0.05, 0.05);
          points[2 * i + 1] = 51.99 + g_rand_double_range (rng, -0.03, 0.03);
        }
      else
        {
          points[2 * i] = g_rand_double_range (rng, -8, 2);
          points[2 * i + 1] = g_rand_double_range (rng, 50, 59);
        }
    }
  return points;
}

static int
compare_u32 (gconstpointer a,
             gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

static void
test_every_point_once (void)
{
  g_autofree double *points = make_points (1);
  g_autoptr(SteadPointIndex) index = stead_point_index_new (points, NULL, N_POINTS, NULL);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (SteadPointCluster));
  g_autoptr(GArray) leaves = g_array_new (FALSE, FALSE, sizeof (guint32));

  g_assert_cmpuint (stead_point_index_get_n_points (index), ==, N_POINTS);

  for (guint zoom = 0; zoom <= 17; zoom++)
    {
      guint64 total = 0;

      g_array_set_size (items, 0);
      g_array_set_size (leaves, 0);
      stead_point_index_query (index, zoom, -180, -85, 180, 85, items);
      g_assert_cmpuint (items->len, ==, stead_point_index_get_n_items (index, zoom));

      for (guint i = 0; i < items->len; i++)
        {
          SteadPointCluster *item = &g_array_index (items, SteadPointCluster, i);
          guint before = leaves->len;

          total += item->count;
          if (item->count == 1)
            g_array_append_val (leaves, item->id);
          else
            {
              g_assert_true (stead_point_index_get_leaves (index, item->id, leaves));
              /* A cluster's count is its number of points. */
              g_assert_cmpuint (leaves->len - before, ==, item->count);
              g_assert_cmpuint (stead_point_index_get_expansion_zoom (index, item->id), >, zoom);
            }
        }

      /* Counts add up, and each point is in exactly one item. */
      g_assert_cmpuint (total, ==, N_POINTS);
      g_array_sort (leaves, compare_u32);
      g_assert_cmpuint (leaves->len, ==, N_POINTS);
      for (guint i = 0; i < leaves->len; i++)
        g_assert_cmpuint (g_array_index (leaves, guint32, i), ==, i);
    }

  /* Clustering happens: the town is one item at zoom 5, many at 16. */
  g_assert_cmpuint (stead_point_index_get_n_items (index, 0), <, 50);
  g_assert_cmpuint (stead_point_index_get_n_items (index, 16), >,
                    stead_point_index_get_n_items (index, 8));
  g_assert_cmpuint (stead_point_index_get_n_items (index, 17), ==, N_POINTS);
}

static void
test_query_is_exact (void)
{
  g_autofree double *points = make_points (2);
  g_autoptr(SteadPointIndex) index = stead_point_index_new (points, NULL, N_POINTS, NULL);
  g_autoptr(GRand) rng = g_rand_new_with_seed (3);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (SteadPointCluster));
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (SteadPointCluster));

  /* Single points: the query returns exactly the points in the box. */
  for (guint q = 0; q < 200; q++)
    {
      double west = g_rand_double_range (rng, -8, 2);
      double south = g_rand_double_range (rng, 50, 59);
      double east = west + g_rand_double_range (rng, 0.001, 3);
      double north = south + g_rand_double_range (rng, 0.001, 2);
      g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autoptr(GArray) want = g_array_new (FALSE, FALSE, sizeof (guint32));

      g_array_set_size (items, 0);
      stead_point_index_query (index, 17, west, south, east, north, items);
      for (guint i = 0; i < items->len; i++)
        {
          g_assert_cmpuint (g_array_index (items, SteadPointCluster, i).count, ==, 1);
          g_array_append_val (got, g_array_index (items, SteadPointCluster, i).id);
        }
      for (guint32 i = 0; i < N_POINTS; i++)
        if (points[2 * i] >= west && points[2 * i] <= east &&
            points[2 * i + 1] >= south && points[2 * i + 1] <= north)
          g_array_append_val (want, i);

      g_array_sort (got, compare_u32);
      g_assert_cmpuint (got->len, ==, want->len);
      for (guint i = 0; i < got->len; i++)
        g_assert_cmpuint (g_array_index (got, guint32, i), ==, g_array_index (want, guint32, i));
    }

  /* Clusters: the query returns exactly the level's items in the box. */
  for (guint zoom = 3; zoom <= 16; zoom++)
    {
      double west = -3.5, south = 51.0, east = -1.0, north = 53.0;
      guint expected = 0;

      g_array_set_size (all, 0);
      g_array_set_size (items, 0);
      stead_point_index_query (index, zoom, -180, -85, 180, 85, all);
      stead_point_index_query (index, zoom, west, south, east, north, items);
      for (guint i = 0; i < all->len; i++)
        {
          SteadPointCluster *c = &g_array_index (all, SteadPointCluster, i);
          if (c->lon >= west && c->lon <= east && c->lat >= south && c->lat <= north)
            expected++;
        }
      g_assert_cmpuint (items->len, ==, expected);
    }

  /* A box across 180° finds points on both sides. */
  {
    double across[] = { 179.5, 10.0, -179.5, 10.0, 0.0, 10.0 };
    g_autoptr(SteadPointIndex) small = stead_point_index_new (across, NULL, 3, NULL);

    g_array_set_size (items, 0);
    stead_point_index_query (small, 17, 179, 9, -179, 11, items);
    g_assert_cmpuint (items->len, ==, 2);
  }
}

static void
test_ids_and_empty (void)
{
  double two[] = { -2.16, 51.99, -2.1601, 51.9901 };
  guint32 ids[] = { 700, 900 };
  g_autoptr(SteadPointIndex) index = stead_point_index_new (two, ids, 2, NULL);
  g_autoptr(SteadPointIndex) empty = stead_point_index_new (NULL, NULL, 0, NULL);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (SteadPointCluster));
  g_autoptr(GArray) leaves = g_array_new (FALSE, FALSE, sizeof (guint32));
  SteadPointCluster *c;

  stead_point_index_query (index, 10, -180, -85, 180, 85, items);
  g_assert_cmpuint (items->len, ==, 1);
  c = &g_array_index (items, SteadPointCluster, 0);
  g_assert_cmpuint (c->count, ==, 2);
  /* The weighted centre lies between the two. */
  g_assert_cmpfloat (fabs (c->lon - -2.16005), <, 1e-6);
  g_assert_true (stead_point_index_get_leaves (index, c->id, leaves));
  g_array_sort (leaves, compare_u32);
  g_assert_cmpuint (g_array_index (leaves, guint32, 0), ==, 700);
  g_assert_cmpuint (g_array_index (leaves, guint32, 1), ==, 900);
  g_assert_false (stead_point_index_get_leaves (index, 12345, leaves));

  g_array_set_size (items, 0);
  stead_point_index_query (empty, 5, -180, -85, 180, 85, items);
  g_assert_cmpuint (items->len, ==, 0);
}

static int
compare_clusters (gconstpointer a,
                  gconstpointer b)
{
  const SteadPointCluster *x = a;
  const SteadPointCluster *y = b;

  if (x->lon != y->lon)
    return x->lon < y->lon ? -1 : 1;
  if (x->lat != y->lat)
    return x->lat < y->lat ? -1 : 1;
  return (x->count > y->count) - (x->count < y->count);
}

/* A cluster's points, or the point itself, sorted. */
static GArray *
item_leaves (SteadPointIndex         *index,
             const SteadPointCluster *item)
{
  GArray *leaves = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (item->count == 1)
    g_array_append_val (leaves, item->id);
  else
    g_assert_true (stead_point_index_get_leaves (index, item->id, leaves));
  g_array_sort (leaves, compare_u32);
  return leaves;
}

/* Large enough for the two-core path (bands swept at once, then the seam
 * between them). Swept on two threads, the index must be the one a single
 * thread builds: at every zoom the same items, row by row (position,
 * count, and the same points under each cluster), and every point in
 * exactly one of them. Cluster ids are numbered per build, so clusters
 * are compared by what they hold. */
static void
test_parallel_bands (void)
{
  const gsize n = 300000;
  g_autofree double *points = g_new (double, 2 * n);
  g_autoptr(GRand) rng = g_rand_new_with_seed (9);
  g_autoptr(SteadPointIndex) one = NULL;
  g_autoptr(SteadPointIndex) two = NULL;
  SteadPointIndexOptions options;

  for (gsize i = 0; i < n; i++)
    {
      gboolean town = i % 3 == 0;

      points[2 * i] =
        town ? -2.16 + g_rand_double_range (rng, -0.05, 0.05) : g_rand_double_range (rng, -8, 2);
      points[2 * i + 1] =
        town ? 51.99 + g_rand_double_range (rng, -0.03, 0.03) : g_rand_double_range (rng, 50, 59);
    }

  stead_point_index_options_init (&options);
  options.n_threads = 1;
  one = stead_point_index_new (points, NULL, n, &options);
  options.n_threads = 2;
  two = stead_point_index_new (points, NULL, n, &options);

  for (guint zoom = 0; zoom <= 17; zoom++)
    {
      g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (SteadPointCluster));
      g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (SteadPointCluster));
      g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (guint32));

      stead_point_index_query (one, zoom, -180, -85, 180, 85, a);
      stead_point_index_query (two, zoom, -180, -85, 180, 85, b);
      g_assert_cmpuint (a->len, ==, b->len);
      g_array_sort (a, compare_clusters);
      g_array_sort (b, compare_clusters);
      for (guint i = 0; i < a->len; i++)
        {
          const SteadPointCluster *x = &g_array_index (a, SteadPointCluster, i);
          const SteadPointCluster *y = &g_array_index (b, SteadPointCluster, i);

          g_assert_cmpfloat (x->lon, ==, y->lon);
          g_assert_cmpfloat (x->lat, ==, y->lat);
          g_assert_cmpuint (x->count, ==, y->count);
          {
            g_autoptr(GArray) la = item_leaves (one, x);
            g_autoptr(GArray) lb = item_leaves (two, y);

            g_assert_cmpuint (la->len, ==, x->count);
            g_assert_cmpmem (la->data, la->len * sizeof (guint32), lb->data,
                             lb->len * sizeof (guint32));
            g_array_append_vals (all, lb->data, lb->len);
          }
          if (x->count > 1)
            g_assert_cmpuint (stead_point_index_get_expansion_zoom (one, x->id), ==,
                              stead_point_index_get_expansion_zoom (two, y->id));
        }

      /* Every point in exactly one item. */
      g_assert_cmpuint (all->len, ==, n);
      g_array_sort (all, compare_u32);
      for (guint i = 0; i < all->len; i++)
        g_assert_cmpuint (g_array_index (all, guint32, i), ==, i);
    }
}

/* One index of needs, resources and sites: every cluster counts its
 * members of each class, checked against its leaves' own classes. */
static void
test_classes_counted_per_cluster (void)
{
  g_autofree double *points = make_points (7);
  g_autofree guint8 *classes = g_new (guint8, N_POINTS);
  g_autoptr(SteadPointIndex) index = NULL;
  g_autoptr(SteadPointIndex) plain = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (SteadPointCluster));
  g_autoptr(GArray) leaves = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GRand) rng = g_rand_new_with_seed (3);

  for (guint i = 0; i < N_POINTS; i++)
    classes[i] = g_rand_int_range (rng, 0, 10) < 7 ? 0 : g_rand_int_range (rng, 1, 3);
  index = stead_point_index_new_classified (points, NULL, classes, N_POINTS, NULL);
  plain = stead_point_index_new (points, NULL, N_POINTS, NULL);

  for (guint zoom = 0; zoom <= 17; zoom++)
    {
      guint64 totals[STEAD_POINT_INDEX_MAX_CLASSES] = { 0 };

      g_array_set_size (items, 0);
      stead_point_index_query (index, zoom, -180, -85, 180, 85, items);
      /* Classes do not change the clustering. */
      g_assert_cmpuint (items->len, ==, stead_point_index_get_n_items (plain, zoom));
      for (guint i = 0; i < items->len; i++)
        {
          SteadPointCluster *item = &g_array_index (items, SteadPointCluster, i);
          guint32 counts[STEAD_POINT_INDEX_MAX_CLASSES];
          guint32 want[STEAD_POINT_INDEX_MAX_CLASSES] = { 0 };

          stead_point_index_get_class_counts (index, item, counts);
          g_array_set_size (leaves, 0);
          if (item->count == 1)
            g_array_append_val (leaves, item->id);
          else
            g_assert_true (stead_point_index_get_leaves (index, item->id, leaves));
          for (guint l = 0; l < leaves->len; l++)
            want[classes[g_array_index (leaves, guint32, l)]]++;
          for (guint k = 0; k < STEAD_POINT_INDEX_MAX_CLASSES; k++)
            {
              g_assert_cmpuint (counts[k], ==, want[k]);
              totals[k] += counts[k];
            }
        }
      for (guint k = 0; k < STEAD_POINT_INDEX_MAX_CLASSES; k++)
        {
          guint64 n = 0;

          for (guint i = 0; i < N_POINTS; i++)
            n += classes[i] == k;
          g_assert_cmpuint (totals[k], ==, n);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/point-index/every-point-once", test_every_point_once);
  g_test_add_func ("/core/point-index/query-is-exact", test_query_is_exact);
  g_test_add_func ("/core/point-index/ids-and-empty", test_ids_and_empty);
  g_test_add_func ("/core/point-index/parallel-bands", test_parallel_bands);
  g_test_add_func ("/core/point-index/classes-counted-per-cluster",
                   test_classes_counted_per_cluster);

  return g_test_run ();
}
