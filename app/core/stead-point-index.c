/* stead-point-index.c: hierarchical clusters of points, per zoom level
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clustering of mapbox's supercluster (greedy, radius in pixels of a
 * 512-pixel tile, weighted centroids, each zoom built from the one above),
 * with a different engine: neighbours are found through a hashed grid of
 * cells one radius wide, built with a radix sort, so a level costs O(n);
 * and each level is kept sorted by tile, so a viewport query is a few
 * binary searches. Web Mercator coordinates in [0, 1].
 */

#define G_LOG_DOMAIN "stead-point-index"

#include "config.h"

#include <math.h>
#include <string.h>

#include "stead-point-index.h"

#define EXTENT     512.0
#define ZOOM_BITS  5
#define MAX_LAT    85.051128779806589

typedef struct
{
  gsize    n;
  double  *x;
  double  *y;
  guint32 *count;
  guint32 *id;           /* point id (count 1, raw level) or cluster id */
  guint32 *child_start;  /* n + 1 offsets into children; NULL on the raw level */
  guint32 *children;     /* indexes into the level below (zoom + 1) */
  guint64 *tile_key;     /* items are sorted by this */
  guint    zoom;
} Level;

struct _SteadPointIndex
{
  gatomicrefcount ref_count;
  SteadPointIndexOptions options;
  gsize           n_points;
  Level          *levels;   /* levels[z] for min_zoom..max_zoom + 1 */
  guint           n_levels;
};

G_DEFINE_BOXED_TYPE (SteadPointIndex, stead_point_index, stead_point_index_ref, stead_point_index_unref)

void
stead_point_index_options_init (SteadPointIndexOptions *options)
{
  g_return_if_fail (options != NULL);

  options->min_zoom = 0;
  options->max_zoom = 16;
  options->radius = 60.0;
  options->n_threads = 0;
}

static inline double
lon_to_x (double lon)
{
  return lon / 360.0 + 0.5;
}

static inline double
lat_to_y (double lat)
{
  double s = sin (CLAMP (lat, -MAX_LAT, MAX_LAT) * G_PI / 180.0);
  double y = 0.5 - 0.25 * log ((1 + s) / (1 - s)) / G_PI;

  return CLAMP (y, 0.0, 1.0);
}

static inline double
x_to_lon (double x)
{
  return (x - 0.5) * 360.0;
}

static inline double
y_to_lat (double y)
{
  double y2 = (180.0 - y * 360.0) * G_PI / 180.0;

  return 360.0 * atan (exp (y2)) / G_PI - 90.0;
}

/* LSD radix sort of @order by @keys (16-bit digits, only the passes the
 * largest key needs). @keys are permuted along with @order. */
static void
radix_sort (guint64 *keys,
            guint32 *order,
            gsize    n)
{
  g_autofree guint64 *keys_tmp = NULL;
  g_autofree guint32 *order_tmp = NULL;
  g_autofree gsize *counts = NULL;
  guint64 max_key = 0;
  guint passes = 0;

  for (gsize i = 0; i < n; i++)
    max_key = MAX (max_key, keys[i]);
  while (max_key > 0)
    {
      passes++;
      max_key >>= 16;
    }
  if (passes == 0 || n < 2)
    return;

  keys_tmp = g_new (guint64, n);
  order_tmp = g_new (guint32, n);
  counts = g_new (gsize, 65536);

  for (guint pass = 0; pass < passes; pass++)
    {
      guint shift = pass * 16;
      gsize sum = 0;

      memset (counts, 0, 65536 * sizeof (gsize));
      for (gsize i = 0; i < n; i++)
        counts[(keys[i] >> shift) & 0xffff]++;
      for (guint b = 0; b < 65536; b++)
        {
          gsize c = counts[b];
          counts[b] = sum;
          sum += c;
        }
      for (gsize i = 0; i < n; i++)
        {
          gsize to = counts[(keys[i] >> shift) & 0xffff]++;
          keys_tmp[to] = keys[i];
          order_tmp[to] = order[i];
        }
      memcpy (keys, keys_tmp, n * sizeof (guint64));
      memcpy (order, order_tmp, n * sizeof (guint32));
    }
}

static inline guint64
tile_key_of (double x,
             double y,
             guint  zoom)
{
  guint64 w = (guint64) 1 << zoom;
  guint64 tx = MIN ((guint64) (x * w), w - 1);
  guint64 ty = MIN ((guint64) (y * w), w - 1);

  return ty * w + tx;
}

/* Sorts a level's items by tile, so queries find them by binary search. */
static void
sort_by_tile (Level *level)
{
  gsize n = level->n;
  g_autofree guint32 *order = g_new (guint32, n);
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  g_autofree guint32 *count = NULL;
  g_autofree guint32 *id = NULL;

  level->tile_key = g_new (guint64, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      order[i] = i;
      level->tile_key[i] = tile_key_of (level->x[i], level->y[i], level->zoom);
    }
  radix_sort (level->tile_key, order, n);

  x = g_steal_pointer (&level->x);
  y = g_steal_pointer (&level->y);
  count = g_steal_pointer (&level->count);
  id = g_steal_pointer (&level->id);
  level->x = g_new (double, MAX (n, 1));
  level->y = g_new (double, MAX (n, 1));
  level->count = g_new (guint32, MAX (n, 1));
  level->id = g_new (guint32, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    {
      level->x[i] = x[order[i]];
      level->y[i] = y[order[i]];
      level->count[i] = count[order[i]];
      level->id[i] = id[order[i]];
    }

  if (level->child_start != NULL)
    {
      g_autofree guint32 *start = g_steal_pointer (&level->child_start);
      g_autofree guint32 *children = g_steal_pointer (&level->children);
      guint32 at = 0;

      level->child_start = g_new (guint32, n + 1);
      level->children = g_new (guint32, MAX (start[n], 1));
      for (gsize i = 0; i < n; i++)
        {
          guint32 from = start[order[i]];
          guint32 len = start[order[i] + 1] - from;

          level->child_start[i] = at;
          memcpy (level->children + at, children + from, len * sizeof (guint32));
          at += len;
        }
      level->child_start[n] = at;
    }

  /* Cluster ids name the item's place in its level. */
  if (level->child_start != NULL)
    for (gsize i = 0; i < n; i++)
      if (level->count[i] > 1)
        level->id[i] = ((guint32) i << ZOOM_BITS) | level->zoom;
}

/* Open addressing from a cell key to its run in the sorted items. */
typedef struct
{
  guint64 *keys;
  guint32 *starts;
  guint32 *ends;
  gsize    mask;
} CellTable;

static inline gsize
hash_key (guint64 key)
{
  key ^= key >> 33;
  key *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  key ^= key >> 33;
  return (gsize) key;
}

static inline gboolean
cell_lookup (const CellTable *table,
             guint64          key,
             guint32         *start,
             guint32         *end)
{
  gsize slot = hash_key (key) & table->mask;

  while (table->keys[slot] != G_MAXUINT64)
    {
      if (table->keys[slot] == key)
        {
          *start = table->starts[slot];
          *end = table->ends[slot];
          return TRUE;
        }
      slot = (slot + 1) & table->mask;
    }
  return FALSE;
}

/* Clusters the items of @above (zoom + 1) into @level (zoom). */
static void
cluster_level (const Level *above,
               Level       *level,
               double       r)
{
  gsize n = above->n;
  guint64 width = (guint64) ceil (1.0 / r) + 1;
  g_autofree guint64 *keys = g_new (guint64, MAX (n, 1));
  g_autofree guint32 *order = g_new (guint32, MAX (n, 1));
  g_autofree guint8 *visited = g_new0 (guint8, MAX (n, 1));
  g_autoptr(GArray) children = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n);
  g_autoptr(GArray) starts = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n / 2 + 1);
  g_autoptr(GArray) xs = g_array_sized_new (FALSE, FALSE, sizeof (double), n / 2 + 1);
  g_autoptr(GArray) ys = g_array_sized_new (FALSE, FALSE, sizeof (double), n / 2 + 1);
  g_autoptr(GArray) counts = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n / 2 + 1);
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n / 2 + 1);
  CellTable table;
  gsize n_cells = 0;
  gsize table_size = 16;
  double r2 = r * r;

  for (gsize i = 0; i < n; i++)
    {
      guint64 cx = (guint64) (above->x[i] / r);
      guint64 cy = (guint64) (above->y[i] / r);

      keys[i] = cy * width + cx;
      order[i] = i;
    }
  radix_sort (keys, order, n);

  for (gsize i = 0; i < n; i++)
    if (i == 0 || keys[i] != keys[i - 1])
      n_cells++;
  while (table_size < n_cells * 2)
    table_size <<= 1;
  table.keys = g_new (guint64, table_size);
  table.starts = g_new (guint32, table_size);
  table.ends = g_new (guint32, table_size);
  table.mask = table_size - 1;
  memset (table.keys, 0xff, table_size * sizeof (guint64));

  for (gsize i = 0; i < n;)
    {
      gsize j = i;
      gsize slot = hash_key (keys[i]) & table.mask;

      while (j < n && keys[j] == keys[i])
        j++;
      while (table.keys[slot] != G_MAXUINT64)
        slot = (slot + 1) & table.mask;
      table.keys[slot] = keys[i];
      table.starts[slot] = i;
      table.ends[slot] = j;
      i = j;
    }

  /* Greedy, in cell order (so neighbours are close in memory). */
  for (gsize s = 0; s < n; s++)
    {
      guint32 p = order[s];
      guint64 cx, cy;
      double wx, wy;
      guint32 total;
      guint32 first_child;
      double px = above->x[p];
      double py = above->y[p];

      if (visited[p])
        continue;
      visited[p] = 1;

      first_child = children->len;
      g_array_append_val (children, p);
      total = above->count[p];
      wx = px * total;
      wy = py * total;

      cx = keys[s] % width;
      cy = keys[s] / width;
      for (guint64 ny = (cy > 0 ? cy - 1 : 0); ny <= cy + 1; ny++)
        for (guint64 nx = (cx > 0 ? cx - 1 : 0); nx <= cx + 1; nx++)
          {
            guint32 start, end;

            if (!cell_lookup (&table, ny * width + nx, &start, &end))
              continue;
            for (guint32 k = start; k < end; k++)
              {
                guint32 q = order[k];
                double dx, dy;

                if (visited[q])
                  continue;
                dx = above->x[q] - px;
                dy = above->y[q] - py;
                if (dx * dx + dy * dy > r2)
                  continue;
                visited[q] = 1;
                g_array_append_val (children, q);
                total += above->count[q];
                wx += above->x[q] * above->count[q];
                wy += above->y[q] * above->count[q];
              }
          }

      g_array_append_val (starts, first_child);
      if (children->len - first_child == 1)
        {
          /* Nothing near: the item passes through unchanged. */
          g_array_append_val (xs, px);
          g_array_append_val (ys, py);
          g_array_append_val (counts, above->count[p]);
          g_array_append_val (ids, above->id[p]);
        }
      else
        {
          double cxw = wx / total;
          double cyw = wy / total;
          guint32 no_id = 0;

          g_array_append_val (xs, cxw);
          g_array_append_val (ys, cyw);
          g_array_append_val (counts, total);
          g_array_append_val (ids, no_id);
        }
    }

  g_free (table.keys);
  g_free (table.starts);
  g_free (table.ends);

  level->n = xs->len;
  level->x = (double *) g_array_free (g_steal_pointer (&xs), FALSE);
  level->y = (double *) g_array_free (g_steal_pointer (&ys), FALSE);
  level->count = (guint32 *) g_array_free (g_steal_pointer (&counts), FALSE);
  level->id = (guint32 *) g_array_free (g_steal_pointer (&ids), FALSE);
  g_array_append_val (starts, children->len);
  level->child_start = (guint32 *) g_array_free (g_steal_pointer (&starts), FALSE);
  level->children = (guint32 *) g_array_free (g_steal_pointer (&children), FALSE);

  sort_by_tile (level);
}

/**
 * stead_point_index_new:
 * @lonlat: (array): 2 × @n_points doubles, longitude then latitude
 * @ids: (array) (nullable): an id per point; by default its position
 * @n_points: how many points
 * @options: (nullable): clustering options
 *
 * Builds every zoom level. Safe to call from a worker thread; the index is
 * immutable afterwards and can be queried from any thread.
 *
 * Returns: (transfer full): the index
 */
SteadPointIndex *
stead_point_index_new (const double                 *lonlat,
                       const guint32                *ids,
                       gsize                         n_points,
                       const SteadPointIndexOptions *options)
{
  SteadPointIndex *self;
  Level *raw;

  g_return_val_if_fail (lonlat != NULL || n_points == 0, NULL);
  g_return_val_if_fail (n_points < (1u << (32 - ZOOM_BITS)), NULL);

  self = g_new0 (SteadPointIndex, 1);
  g_atomic_ref_count_init (&self->ref_count);
  if (options != NULL)
    self->options = *options;
  else
    stead_point_index_options_init (&self->options);
  self->options.max_zoom = MIN (self->options.max_zoom, 24);
  self->options.min_zoom = MIN (self->options.min_zoom, self->options.max_zoom);
  self->n_points = n_points;
  self->n_levels = self->options.max_zoom + 2;
  self->levels = g_new0 (Level, self->n_levels);

  /* The raw points, as the level above the highest clustered zoom. */
  raw = &self->levels[self->options.max_zoom + 1];
  raw->zoom = self->options.max_zoom + 1;
  raw->n = n_points;
  raw->x = g_new (double, MAX (n_points, 1));
  raw->y = g_new (double, MAX (n_points, 1));
  raw->count = g_new (guint32, MAX (n_points, 1));
  raw->id = g_new (guint32, MAX (n_points, 1));
  for (gsize i = 0; i < n_points; i++)
    {
      raw->x[i] = lon_to_x (lonlat[2 * i]);
      raw->y[i] = lat_to_y (lonlat[2 * i + 1]);
      raw->count[i] = 1;
      raw->id[i] = ids != NULL ? ids[i] : (guint32) i;
    }
  sort_by_tile (raw);

  for (int z = self->options.max_zoom; z >= (int) self->options.min_zoom; z--)
    {
      self->levels[z].zoom = z;
      cluster_level (&self->levels[z + 1], &self->levels[z],
                     self->options.radius / (EXTENT * (double) ((guint64) 1 << z)));
    }

  return self;
}

SteadPointIndex *
stead_point_index_ref (SteadPointIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
stead_point_index_unref (SteadPointIndex *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; i < self->n_levels; i++)
    {
      Level *level = &self->levels[i];

      g_free (level->x);
      g_free (level->y);
      g_free (level->count);
      g_free (level->id);
      g_free (level->child_start);
      g_free (level->children);
      g_free (level->tile_key);
    }
  g_free (self->levels);
  g_free (self);
}

gsize
stead_point_index_get_n_points (SteadPointIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_points;
}

guint
stead_point_index_get_max_zoom (SteadPointIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->options.max_zoom;
}

static const Level *
level_for_zoom (SteadPointIndex *self,
                guint            zoom)
{
  zoom = CLAMP (zoom, self->options.min_zoom, self->options.max_zoom + 1);
  return &self->levels[zoom];
}

/**
 * stead_point_index_get_n_items:
 * @self: a #SteadPointIndex
 * @zoom: a zoom level
 *
 * Returns: how many clusters and single points the level has
 */
gsize
stead_point_index_get_n_items (SteadPointIndex *self,
                               guint            zoom)
{
  g_return_val_if_fail (self != NULL, 0);

  return level_for_zoom (self, zoom)->n;
}

static gsize
lower_bound (const guint64 *keys,
             gsize          n,
             guint64        key)
{
  gsize lo = 0;
  gsize hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (keys[mid] < key)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
query_box (const Level *level,
           double       x0,
           double       y0,
           double       x1,
           double       y1,
           GArray      *out)
{
  guint64 w = (guint64) 1 << level->zoom;
  guint64 tx0 = MIN ((guint64) (MAX (x0, 0.0) * w), w - 1);
  guint64 tx1 = MIN ((guint64) (MAX (x1, 0.0) * w), w - 1);
  guint64 ty0 = MIN ((guint64) (MAX (y0, 0.0) * w), w - 1);
  guint64 ty1 = MIN ((guint64) (MAX (y1, 0.0) * w), w - 1);

  for (guint64 ty = ty0; ty <= ty1; ty++)
    {
      gsize i = lower_bound (level->tile_key, level->n, ty * w + tx0);
      guint64 last = ty * w + tx1;

      for (; i < level->n && level->tile_key[i] <= last; i++)
        {
          SteadPointCluster item;

          if (level->x[i] < x0 || level->x[i] > x1 || level->y[i] < y0 || level->y[i] > y1)
            continue;
          item.lon = x_to_lon (level->x[i]);
          item.lat = y_to_lat (level->y[i]);
          item.count = level->count[i];
          item.id = level->id[i];
          g_array_append_val (out, item);
        }
    }
}

/**
 * stead_point_index_query:
 * @self: a #SteadPointIndex
 * @zoom: the map's zoom level (above max_zoom: single points)
 * @west: the box's west longitude
 * @south: its south latitude
 * @east: its east longitude; less than @west for a box across 180°
 * @north: its north latitude
 * @out: (element-type SteadPointCluster): where to append the items
 *
 * Appends every cluster and single point of the level whose position is
 * inside the box.
 */
void
stead_point_index_query (SteadPointIndex *self,
                         guint            zoom,
                         double           west,
                         double           south,
                         double           east,
                         double           north,
                         GArray          *out)
{
  const Level *level;
  double y0, y1;

  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);

  level = level_for_zoom (self, zoom);
  y0 = lat_to_y (north);
  y1 = lat_to_y (south);

  if (east - west >= 360.0)
    query_box (level, 0, y0, 1, y1, out);
  else if (west <= east)
    query_box (level, lon_to_x (west), y0, lon_to_x (east), y1, out);
  else
    {
      query_box (level, lon_to_x (west), y0, 1, y1, out);
      query_box (level, 0, y0, lon_to_x (east), y1, out);
    }
}

static const Level *
cluster_level_of (SteadPointIndex *self,
                  guint32          cluster_id,
                  gsize           *index)
{
  guint zoom = cluster_id & ((1 << ZOOM_BITS) - 1);
  const Level *level;

  if (zoom < self->options.min_zoom || zoom > self->options.max_zoom)
    return NULL;
  level = &self->levels[zoom];
  *index = cluster_id >> ZOOM_BITS;
  if (*index >= level->n || level->count[*index] < 2)
    return NULL;
  return level;
}

static void
collect_leaves (SteadPointIndex *self,
                guint            zoom,
                gsize            index,
                GArray          *out_ids)
{
  const Level *level = &self->levels[zoom];

  if (level->child_start == NULL)
    {
      g_array_append_val (out_ids, level->id[index]);
      return;
    }
  for (guint32 c = level->child_start[index]; c < level->child_start[index + 1]; c++)
    collect_leaves (self, zoom + 1, level->children[c], out_ids);
}

/**
 * stead_point_index_get_leaves:
 * @self: a #SteadPointIndex
 * @cluster_id: an id from a query item with count > 1
 * @out_ids: (element-type guint32): where to append the points' ids
 *
 * Returns: %FALSE if @cluster_id is not a cluster of this index
 */
gboolean
stead_point_index_get_leaves (SteadPointIndex *self,
                              guint32          cluster_id,
                              GArray          *out_ids)
{
  const Level *level;
  gsize index;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out_ids != NULL, FALSE);

  if (!(level = cluster_level_of (self, cluster_id, &index)))
    return FALSE;
  collect_leaves (self, level->zoom, index, out_ids);
  return TRUE;
}

/**
 * stead_point_index_get_expansion_zoom:
 * @self: a #SteadPointIndex
 * @cluster_id: a cluster id
 *
 * Returns: the zoom at which the cluster splits into several items, what
 *   a click on the cluster zooms to
 */
guint
stead_point_index_get_expansion_zoom (SteadPointIndex *self,
                                      guint32          cluster_id)
{
  const Level *level;
  gsize index;
  guint zoom;

  g_return_val_if_fail (self != NULL, 0);

  if (!(level = cluster_level_of (self, cluster_id, &index)))
    return self->options.max_zoom + 1;

  zoom = level->zoom;
  while (level->child_start != NULL &&
         level->child_start[index + 1] - level->child_start[index] == 1 &&
         zoom <= self->options.max_zoom)
    {
      index = level->children[level->child_start[index]];
      zoom++;
      level = &self->levels[zoom];
    }
  return zoom + 1;
}
