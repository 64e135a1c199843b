/* stead-point-index.c: hierarchical clusters of points, per zoom level
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clustering of mapbox's supercluster (greedy, radius in pixels of a
 * 512-pixel tile, weighted centroids, each zoom built from the one above),
 * with a different engine:
 *
 * - Every item (point or cluster) is stored once; a zoom level is a list
 *   of 32-bit item numbers, so an item that passes through many levels
 *   unclustered costs 4 bytes per level, not a copy.
 * - Neighbours are found with the level sorted (radix sort) by a grid of
 *   cells one radius wide, and three cursors that sweep the rows above,
 *   at and below the cell: O(n) per level, sequential in memory.
 * - Each level's list is kept sorted by tile, so a viewport query is a few
 *   binary searches.
 *
 * Coordinates are Web Mercator in [0, 1].
 */

#define G_LOG_DOMAIN "stead-point-index"

#ifndef _GNU_SOURCE
# define _GNU_SOURCE   /* mremap */
#endif

#include "config.h"

#include <math.h>
#include <string.h>
#ifdef __linux__
# include <sys/mman.h>
#endif

#include "stead-point-index.h"

#define EXTENT     512.0
#define MAX_LAT    85.051128779806589
#define CLUSTER_ID_FLAG 0x80000000u
/* A tile with more items than this makes a level dense, whatever the
 * average: a town among points spread over the country would otherwise
 * be swept tile by tile, each of its points against thousands. */
#define TILE_MODE_MAX_RUN 64

typedef struct
{
  gsize    n;
  guint32 *members;    /* item numbers, sorted by tile at sort_zoom */
  guint    sort_zoom;  /* the level's zoom, but at most 16: 32-bit keys */
  /* Counted by the sort that put the members in tile order, for the
   * choice of cells of the level below; 0 tiles: not counted. */
  gsize    n_tiles;    /* distinct tiles */
  gsize    busiest;    /* members in the fullest tile */
} Level;

struct _SteadPointIndex
{
  gatomicrefcount ref_count;
  SteadPointIndexOptions options;
  gsize           n_points;

  /* Items: the points first (0 .. n_points - 1), then the clusters. */
  gsize           n_items;
  gsize           items_size;
  double         *x;
  double         *y;
  /* The points' bounds: every cluster, a weighted mean, is inside them.
   * Keys of cells and tiles count from there, so that they need fewer
   * bits (and a radix sort fewer passes) for points in one country. */
  double          x_min, x_max, y_min, y_max;
  guint32        *count;         /* by cluster number */
  guint32        *point_id;      /* for points: the caller's id */
  guint8         *formed_zoom;   /* for clusters: the zoom they were made at */
  guint32        *class_count;   /* MAX_CLASSES per cluster, or NULL */
  guint8         *id_class;      /* the caller's classes, by point id (= position) */
  guint32        *child_start;   /* for clusters, by cluster number: into children */
  guint32        *children;      /* item numbers */
  gsize           n_children;
  gsize           children_size;
  gsize           n_clusters;
  gsize           clusters_size;

  /* A filter (stead_point_index_set_live()): which points count, by id,
   * and per cluster how many of its points (of each class) do. */
  guint8         *live_id;
  guint32        *live_count;
  guint32        *live_class_count;

  Level          *levels;        /* [min_zoom .. max_zoom + 1]; max_zoom + 1 is the points,
                                  * whose members are the identity once built (NULL) */
  guint           n_levels;
};

/* Large arrays are mapped directly: they go back to the system as soon as
 * they are freed or shrunk, and grow by remapping instead of copying.
 * Through malloc, whose mmap threshold rises after the first large free,
 * the scratch of one build stayed resident in the heap and a rebuild (on
 * every change of the workspace) peaked 20 MB higher for 1M points. A
 * header in front of each block says how it was made and how big it is. */
typedef struct
{
  gsize mapped;   /* bytes mapped, header included; 0: from malloc */
  gsize bytes;    /* bytes asked for */
} BigHeader;

#define BIG_MIN (256 * 1024)

static gpointer
stead_point_index_big_realloc (gpointer mem,
                               gsize    bytes)
{
  BigHeader *old = mem != NULL ? (BigHeader *) mem - 1 : NULL;
  BigHeader *block;
#ifdef __linux__
  gsize page = 4096;
  gsize want = bytes >= BIG_MIN ? (bytes + sizeof (BigHeader) + page - 1) & ~(page - 1) : 0;

  if (want != 0)
    {
      gboolean from_malloc = old != NULL && old->mapped == 0;

      /* After a remap @old may be gone: nothing reads it then. */
      if (old != NULL && !from_malloc)
        block = old->mapped == want ? old : mremap (old, old->mapped, want, MREMAP_MAYMOVE);
      else
        block = mmap (NULL, want, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (block == MAP_FAILED)
        g_error ("%s: out of memory (%" G_GSIZE_FORMAT " bytes)", G_STRFUNC, want);
      if (from_malloc)
        {
          memcpy (block + 1, old + 1, MIN (old->bytes, bytes));
          g_free (old);
        }
      block->mapped = want;
      block->bytes = bytes;
      return block + 1;
    }
  if (old != NULL && old->mapped != 0)
    {
      block = g_malloc (sizeof (BigHeader) + bytes);
      memcpy (block + 1, old + 1, MIN (old->bytes, bytes));
      munmap (old, old->mapped);
      block->mapped = 0;
      block->bytes = bytes;
      return block + 1;
    }
#endif
  block = g_realloc (old, sizeof (BigHeader) + bytes);
  block->mapped = 0;
  block->bytes = bytes;
  return block + 1;
}

static void
stead_point_index_big_free (gpointer mem)
{
  BigHeader *block = mem != NULL ? (BigHeader *) mem - 1 : NULL;

  if (block == NULL)
    return;
#ifdef __linux__
  if (block->mapped != 0)
    {
      munmap (block, block->mapped);
      return;
    }
#endif
  g_free (block);
}

#define big_renew(type, mem, n)                                                                    \
  ((type *) stead_point_index_big_realloc ((mem), sizeof (type) * (gsize) (n)))
#define big_new(type, n) big_renew (type, NULL, (n))

G_DEFINE_BOXED_TYPE (SteadPointIndex,
                     stead_point_index,
                     stead_point_index_ref,
                     stead_point_index_unref)

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
stead_point_index_lon_to_x (double lon)
{
  return CLAMP (lon / 360.0 + 0.5, 0.0, 1.0);
}

static inline double
stead_point_index_lat_to_y (double lat)
{
  double s = sin (CLAMP (lat, -MAX_LAT, MAX_LAT) * G_PI / 180.0);
  double y = 0.5 - 0.25 * log ((1 + s) / (1 - s)) / G_PI;

  return CLAMP (y, 0.0, 1.0);
}

static inline double
stead_point_index_x_to_lon (double x)
{
  return (x - 0.5) * 360.0;
}

static inline double
stead_point_index_y_to_lat (double y)
{
  double y2 = (180.0 - y * 360.0) * G_PI / 180.0;

  return 360.0 * atan (exp (y2)) / G_PI - 90.0;
}

/* Scratch buffers shared by every level of one build. */
typedef struct
{
  guint64 *keys;
  guint32 *order;
  guint64 *keys_tmp;
  guint32 *order_tmp;
  gsize   *counts;      /* 2 x 65536 */
  guint8  *visited;
  gsize    size;        /* elements in each of the arrays above */
  guint    n_threads;
  /* Each band's new clusters and their children, kept from level to
   * level: their pages are faulted in once, not at every level. */
  GArray  *band_clusters[3];
  GArray  *band_children[3];
} Scratch;

static void
stead_point_index_scratch_resize (Scratch *scratch,
                                  gsize    size)
{
  size = MAX (size, 1);
  scratch->keys = big_renew (guint64, scratch->keys, size + 1);   /* + a sentinel */
  scratch->order = big_renew (guint32, scratch->order, size);
  scratch->keys_tmp = big_renew (guint64, scratch->keys_tmp, size);
  scratch->order_tmp = big_renew (guint32, scratch->order_tmp, size);
  scratch->visited = big_renew (guint8, scratch->visited, size);
  scratch->size = size;
}

/* Levels only get smaller going down: the scratch follows them, so that
 * its memory is back by the time the small levels pile up. */
static void
stead_point_index_scratch_fit (Scratch *scratch,
                               gsize    n)
{
  if (scratch->size > 65536 && n < scratch->size - scratch->size / 8)
    stead_point_index_scratch_resize (scratch, n);
}

typedef struct
{
  const guint64 *keys;
  const guint32 *order;
  guint64       *keys_out;
  guint32       *order_out;
  gsize         *counts;    /* 1 << bits: histogram, then write positions */
  gsize          begin;
  gsize          end;
  guint          shift;
  guint64        mask;      /* (1 << bits) - 1 */
} RadixJob;

static gpointer
stead_point_index_radix_count (gpointer data)
{
  RadixJob *job = data;

  memset (job->counts, 0, (job->mask + 1) * sizeof (gsize));
  for (gsize i = job->begin; i < job->end; i++)
    job->counts[(job->keys[i] >> job->shift) & job->mask]++;
  return NULL;
}

static gpointer
stead_point_index_radix_scatter (gpointer data)
{
  RadixJob *job = data;

  if (job->order == NULL)   /* packed: the order in the keys' low half */
    for (gsize i = job->begin; i < job->end; i++)
      job->keys_out[job->counts[(job->keys[i] >> job->shift) & job->mask]++] = job->keys[i];
  else
    for (gsize i = job->begin; i < job->end; i++)
      {
        gsize to = job->counts[(job->keys[i] >> job->shift) & job->mask]++;
        job->keys_out[to] = job->keys[i];
        job->order_out[to] = job->order[i];
      }
  return NULL;
}

/* Runs @func on both halves, the second on a thread of its own. */
static void
stead_point_index_run_halves (GThreadFunc  func,
                              RadixJob    *jobs,
                              guint        n_jobs)
{
  GThread *thread = n_jobs > 1 ? g_thread_new ("stead-radix", func, &jobs[1]) : NULL;

  func (&jobs[0]);
  if (thread != NULL)
    g_thread_join (thread);
}

/* LSD radix sort of @order by @keys, only the passes the largest key
 * needs, each of at most 12 bits: with more buckets than that, the
 * scatter's writes go to more cache lines than the cache holds, and two
 * passes of 16 bits cost more than three of 9. @keys are permuted along
 * with @order; keys of 32 bits at most are sorted with their order in
 * one 64-bit word, half the arrays to write to. Large inputs are counted
 * and scattered in two halves on two cores; each half keeps its place
 * within a bucket, so the sort stays stable. */
static void
stead_point_index_radix_sort (Scratch *scratch,
                              guint64 *keys,
                              guint64 *keys_tmp,
                              guint32 *order,
                              gsize    n)
{
  guint64 max_key = 0;
  guint bits = 0, passes, digit;
  gboolean packed;
  guint n_jobs = (n >= 262144 && scratch->n_threads > 1) ? 2 : 1;
  RadixJob jobs[2];

  for (gsize i = 0; i < n; i++)
    max_key = MAX (max_key, keys[i]);
  while (max_key > 0)
    {
      bits++;
      max_key >>= 1;
    }
  if (n < 2)
    return;
  passes = (bits + 11) / 12;
  digit = passes > 0 ? (bits + passes - 1) / passes : 0;
  packed = passes > 0 && bits <= 32;
  if (packed)
    for (gsize i = 0; i < n; i++)
      keys[i] = keys[i] << 32 | order[i];

  /* Ping-pong between the arrays and the scratch ones; one copy at most. */
  {
  guint64 *src_keys = keys, *dst_keys = keys_tmp;
  guint32 *src_order = packed ? NULL : order, *dst_order = packed ? NULL : scratch->order_tmp;

  for (guint pass = 0; pass < passes; pass++)
    {
      gsize sum = 0;

      for (guint j = 0; j < n_jobs; j++)
        {
          jobs[j].keys = src_keys;
          jobs[j].order = src_order;
          jobs[j].keys_out = dst_keys;
          jobs[j].order_out = dst_order;
          jobs[j].counts = scratch->counts + j * 65536;
          jobs[j].begin = n * j / n_jobs;
          jobs[j].end = n * (j + 1) / n_jobs;
          jobs[j].shift = pass * digit + (packed ? 32 : 0);
          jobs[j].mask = ((guint64) 1 << digit) - 1;
        }
      stead_point_index_run_halves (stead_point_index_radix_count, jobs, n_jobs);

      /* Bucket by bucket: the first half's elements, then the second's. */
      for (guint b = 0; b <= jobs[0].mask; b++)
        for (guint j = 0; j < n_jobs; j++)
          {
            gsize c = jobs[j].counts[b];
            jobs[j].counts[b] = sum;
            sum += c;
          }
      stead_point_index_run_halves (stead_point_index_radix_scatter, jobs, n_jobs);

      {
        guint64 *k = src_keys;
        guint32 *o = src_order;

        src_keys = dst_keys;
        src_order = dst_order;
        dst_keys = k;
        dst_order = o;
      }
    }

  if (packed)
    for (gsize i = 0; i < n; i++)
      {
        guint64 k = src_keys[i];

        order[i] = (guint32) k;
        keys[i] = k >> 32;
      }
  else if (src_keys != keys)
    {
      memcpy (keys, src_keys, n * sizeof (guint64));
      memcpy (order, src_order, n * sizeof (guint32));
    }
  }
}

static inline guint64
stead_point_index_tile_key_of (double x,
                               double y,
                               guint  zoom)
{
  guint64 w = (guint64) 1 << zoom;
  guint64 tx = MIN ((guint64) (x * w), w - 1);
  guint64 ty = MIN ((guint64) (y * w), w - 1);

  return ty * w + tx;
}

typedef void (*RangeFunc) (gpointer data,
                           gsize    begin,
                           gsize    end);

typedef struct
{
  RangeFunc func;
  gpointer  data;
  gsize     begin;
  gsize     end;
} RangeJob;

static gpointer
stead_point_index_range_thread (gpointer data)
{
  RangeJob *job = data;

  job->func (job->data, job->begin, job->end);
  return NULL;
}

/* @func over [0, @n), in two halves on two cores when it is worth a
 * thread. Each element is written by one half only, so the result is the
 * same however many cores there are. */
static void
stead_point_index_parallel (const Scratch *scratch,
                            gsize          n,
                            RangeFunc      func,
                            gpointer       data)
{
  RangeJob second = { func, data, n / 2, n };
  GThread *thread;

  if (n < 131072 || scratch->n_threads < 2)
    {
      func (data, 0, n);
      return;
    }
  thread = g_thread_new ("stead-range", stead_point_index_range_thread, &second);
  func (data, 0, n / 2);
  g_thread_join (thread);
}

/* Per element of a level: its key for a sort, or its copy in cell order. */
typedef struct
{
  const SteadPointIndex *self;
  const guint32         *members;
  guint64               *keys;
  guint32               *order;
  guint                  zoom;
  double                 inv_r;
  guint64                width;
  guint64                col_base;   /* cells or tiles left of the points' bounds */
  guint64                row_base;
} KeyJob;

/* A cell or tile one below the points' lowest: what keys count from. A
 * cluster's mean may round past the bounds, but never by a cell. */
static inline guint64
stead_point_index_key_base (double low,
                            double scale)
{
  guint64 c = (guint64) (low * scale);

  return c > 0 ? c - 1 : 0;
}

/* How a sort by tile at @zoom counts its keys: from the points' bounds. */
static void
stead_point_index_tile_key_job (const SteadPointIndex *self,
                                guint                  zoom,
                                KeyJob                *job)
{
  guint64 w = (guint64) 1 << zoom;

  job->zoom = zoom;
  job->col_base = stead_point_index_key_base (self->x_min, w);
  job->row_base = stead_point_index_key_base (self->y_min, w);
  job->width = MIN ((guint64) (self->x_max * w), w - 1) + 2 - job->col_base;
}

static inline guint64
stead_point_index_tile_key_from (const KeyJob *job,
                                 double        x,
                                 double        y)
{
  guint64 w = (guint64) 1 << job->zoom;
  guint64 tx = MIN ((guint64) (x * w), w - 1);
  guint64 ty = MIN ((guint64) (y * w), w - 1);

  return (ty - job->row_base) * job->width + (tx - job->col_base);
}

/* Tile keys at job->zoom, counted from (col_base, row_base) in rows of
 * job->width tiles: from the points' bounds for a sort (the same order,
 * fewer bits), or from 0 in rows of the whole world. */
static void
stead_point_index_tile_keys (gpointer data,
                             gsize    begin,
                             gsize    end)
{
  KeyJob *job = data;
  const double *x = job->self->x, *y = job->self->y;

  for (gsize i = begin; i < end; i++)
    {
      guint32 item = job->members != NULL ? job->members[i] : (guint32) i;

      job->keys[i] = stead_point_index_tile_key_from (job, x[item], y[item]);
    }
}

static void
stead_point_index_cell_keys (gpointer data,
                             gsize    begin,
                             gsize    end)
{
  KeyJob *job = data;
  const double *x = job->self->x, *y = job->self->y;

  for (gsize i = begin; i < end; i++)
    {
      guint32 item = job->members != NULL ? job->members[i] : (guint32) i;
      /* +1: column 0 stays free */
      guint64 cx = (guint64) (x[item] * job->inv_r) + 1 - job->col_base;
      guint64 cy = (guint64) (y[item] * job->inv_r) + 1 - job->row_base;

      job->keys[i] = cy * job->width + cx;
      job->order[i] = item;
    }
}

/* How many distinct keys sorted @keys hold, and how many the most
 * frequent one is. */
static void
stead_point_index_count_tiles (const guint64 *keys,
                               gsize          n,
                               gsize         *distinct,
                               gsize         *busiest)
{
  gsize run = 0, most = 0, tiles = 0;

  /* Whether a key starts a run is not predictable: no branch on it. The
   * count of the busiest is as it always was, which the choice between
   * tiles and cells (and so the clusters) rests on: this loop once did
   * MAX (busiest, ++run), which steps the run twice whenever the run
   * reaches the busiest so far. */
  for (gsize i = 0; i < n; i++)
    {
      gsize fresh = i == 0 || keys[i] != keys[i - 1];

      tiles += fresh;
      run = (run & -(gsize) !fresh) + 1;
      if (run >= most)
        most = ++run;
    }
  *distinct = tiles;
  *busiest = most;
}

/* Sorts @level's members (item numbers) by tile at its sort_zoom, in
 * place, and counts its tiles from the sorted keys. Their keys are
 * computed here, or (@keys_ready) were written to the scratch's
 * keys_tmp by the sweep that made the level. */
static void
stead_point_index_sort_by_tile (SteadPointIndex *self,
                                Scratch         *scratch,
                                Level           *level,
                                gboolean         keys_ready)
{
  KeyJob job = { .self = self, .members = level->members, .keys = scratch->keys };
  gsize n = level->n;

  if (keys_ready)
    {
      stead_point_index_radix_sort (scratch, scratch->keys_tmp, scratch->keys, level->members, n);
      stead_point_index_count_tiles (scratch->keys_tmp, n, &level->n_tiles, &level->busiest);
      return;
    }
  stead_point_index_tile_key_job (self, level->sort_zoom, &job);
  stead_point_index_parallel (scratch, n, stead_point_index_tile_keys, &job);
  stead_point_index_radix_sort (scratch, scratch->keys, scratch->keys_tmp, level->members, n);
  stead_point_index_count_tiles (scratch->keys, n, &level->n_tiles, &level->busiest);
}

static void
stead_point_index_grow_items (SteadPointIndex *self,
                              gsize            needed)
{
  if (needed <= self->items_size)
    return;
  /* Small steps: large blocks grow by remapping, not copying, and a
   * generous step would be held for nothing at the peak. */
  self->items_size = MAX (needed, self->items_size + self->items_size / 8);
  self->x = big_renew (double, self->x, self->items_size);
  self->y = big_renew (double, self->y, self->items_size);
}

/* Points count 1 each; only clusters store their count. */
static inline guint32
stead_point_index_item_count (const SteadPointIndex *self,
                              guint32                item)
{
  return item < self->n_points ? 1 : self->count[item - self->n_points];
}

typedef struct
{
  SteadPointIndex *self;
  const guint64   *keys;
  const guint32   *items;     /* item numbers, in cell order */
  guint8          *visited;
  gsize            n;
  guint64          width;
  guint64          col_base;   /* of the cells, as in the keys */
  guint64          row_base;
  gboolean         tile_mode;
  double           inv_r;
  double           r2;
  /* Where the sweep writes each output's key for the level's sort by
   * tile, at the output's place (NULL: not sorted by tile), and how. */
  guint64         *tile_keys;
  KeyJob           tile_key;
} Sweep;

typedef struct
{
  double  x;
  double  y;
  guint32 count;
  guint32 first_child;
  guint32 n_children;
} LocalCluster;

typedef struct
{
  Sweep   *sweep;
  gsize    begin;
  gsize    end;
  guint32 *group;      /* the seed's group; grows as needed */
  gsize    group_size;
  guint32 *members;    /* item numbers, or CLUSTER_ID_FLAG | local cluster */
  gsize    n_members;  /* at most end - begin: the band writes in place */
  GArray  *clusters;   /* LocalCluster */
  GArray  *children;
  /* Where the merge puts the band's outputs */
  gsize    first_item;
  gsize    first_cluster;
  gsize    first_child;
  gsize    first_out;
  guint32 *level_members;
  guint    zoom;
  gboolean above_unswept;   /* the row above the band's first is swept after it */
} SweepBand;

static gsize
stead_point_index_lower_bound_key (const guint64 *keys,
                                   gsize          n,
                                   guint64        key)
{
  gsize lo = 0, hi = n;

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

/* Greedy in cell order over the seeds of one band, each taking what is
 * left within the radius in the rows above, at and below its cell. What
 * comes before a seed in cell order is taken already (as a seed or by
 * one), so only the rest of its own row is read, and the row below with
 * a cursor that sweeps it; the row above only where that was not swept
 * first, above the band's first row while another band sweeps there.
 * Reads the items, writes only this band's outputs and @visited of its
 * own rows and of the row below them. */
static gpointer
stead_point_index_sweep_band (gpointer data)
{
  SweepBand *band = data;
  const Sweep *w = band->sweep;
  /* Locals the compiler may keep in registers: the band's writes cannot
   * change them. */
  const guint64 *restrict keys = w->keys;
  const guint32 *restrict items = w->items;
  const double *restrict xs = w->self->x;
  const double *restrict ys = w->self->y;
  guint8 *restrict visited = w->visited;
  const gsize n = w->n;
  const guint64 width = w->width;
  const double r2 = w->r2;
  /* The band's outputs go where its seeds were; so do their keys. */
  guint64 *tile_keys = w->tile_keys != NULL ? w->tile_keys + band->begin : NULL;
  gsize cursor[3];
  guint64 first_row_end = band->begin < n ? (keys[band->begin] / width + 1) * width : 0;

  for (int d = 0; d < 3; d++)
    {
      guint64 first_row = band->begin < n ? keys[band->begin] / width : 0;

      cursor[d] =
        first_row + d >= 1
          ? stead_point_index_lower_bound_key (keys, n, (first_row + d - 1) * width)
          : 0;
    }

  for (gsize s = band->begin; s < band->end; s++)
    {
      double px, py;
      guint64 cx, cy;
      double wx, wy;
      guint32 total;
      guint n_group = 0;

      if (visited[s])
        continue;
      visited[s] = 1;
      px = xs[items[s]];
      py = ys[items[s]];

      /* The cell again from the position: no 64-bit division per seed. */
      if (w->tile_mode)
        {
          guint64 tiles = width - 2;

          cx = MIN ((guint64) (px * tiles), tiles - 1) + 1;
          cy = MIN ((guint64) (py * tiles), tiles - 1) + 1;
        }
      else
        {
          cx = (guint64) (px * w->inv_r) + 1 - w->col_base;
          cy = (guint64) (py * w->inv_r) + 1 - w->row_base;
        }

      band->group[n_group++] = items[s];
      total = stead_point_index_item_count (w->self, items[s]);
      wx = px * total;
      wy = py * total;

#pragma GCC unroll 3
      for (int d = 0; d < 3; d++)
        {
          guint64 row = cy + d - 1;
          guint64 lo = row * width + cx - 1;
          guint64 hi = row * width + cx + 1;
          gsize k;

          if (d == 1)
            k = s + 1;
          else if (d == 0 && !(band->above_unswept && keys[s] < first_row_end))
            continue;
          else
            {
              k = cursor[d];
              while (keys[k] < lo)   /* keys[n] is the largest key: no test of k */
                k++;
              cursor[d] = k;
            }
          for (; keys[k] <= hi; k++)
            {
              double dx, dy;
              guint32 q_item, c;

              if (visited[k])
                continue;
              q_item = items[k];
              dx = xs[q_item] - px;
              dy = ys[q_item] - py;
              if (dx * dx + dy * dy > r2)
                continue;
              visited[k] = 1;
              if (G_UNLIKELY (n_group == band->group_size))
                {
                  band->group_size *= 2;
                  band->group = g_renew (guint32, band->group, band->group_size);
                }
              band->group[n_group++] = q_item;
              c = stead_point_index_item_count (w->self, q_item);
              total += c;
              wx += xs[q_item] * c;
              wy += ys[q_item] * c;
            }
        }

      if (n_group == 1)
        {
          if (tile_keys != NULL)
            tile_keys[band->n_members] = stead_point_index_tile_key_from (&w->tile_key, px, py);
          band->members[band->n_members++] = items[s];   /* passes through unchanged */
        }
      else
        {
          LocalCluster lc = { wx / total, wy / total, total, band->children->len, n_group };

          if (tile_keys != NULL)
            tile_keys[band->n_members] = stead_point_index_tile_key_from (&w->tile_key, lc.x,
                                                                          lc.y);
          g_array_append_vals (band->children, band->group, n_group);
          band->members[band->n_members++] = CLUSTER_ID_FLAG | band->clusters->len;
          g_array_append_val (band->clusters, lc);
        }
    }
  return NULL;
}

typedef struct
{
  guint64 key;
  guint32 item;
} KeyedItem;

static int
stead_point_index_compare_keyed (gconstpointer a,
                                 gconstpointer b)
{
  guint64 x = ((const KeyedItem *) a)->key, y = ((const KeyedItem *) b)->key;

  return (x > y) - (x < y);
}

/* @level's members are sorted by tile at its sort_zoom except the
 * clusters made for it (items from @first_new on): sorts those few and
 * merges them in. Only the new ones' tiles are computed; each finds its
 * place among the others by binary search (their positions are scattered
 * in memory, so a tile key per member would cost a cache miss each), and
 * the others move up in blocks. */
static void
stead_point_index_place_new_clusters (SteadPointIndex *self,
                                      Scratch         *scratch,
                                      Level           *level,
                                      gsize            first_new)
{
  gsize n = level->n;
  guint zoom = level->sort_zoom;
  g_autoptr(GArray) fresh = g_array_new (FALSE, FALSE, sizeof (KeyedItem));
  guint32 *members = level->members;
  gsize n_old = 0;

  for (gsize i = 0; i < n; i++)
    {
      guint32 item = members[i];

      if (item >= first_new)
        {
          KeyedItem k = { stead_point_index_tile_key_of (self->x[item], self->y[item], zoom),
                          item };
          g_array_append_val (fresh, k);
        }
      else
        members[n_old++] = item;   /* compacted in place */
    }
  if (fresh->len == 0)
    return;

  g_array_sort (fresh, stead_point_index_compare_keyed);

  /* From the back: the last new one goes after every old one whose key
   * is not greater than its own, and so on down. */
  {
    gsize old_end = n_old;   /* old members not yet moved: [0, old_end) */
    gsize write = n;         /* filled from here on */

    for (guint j = fresh->len; j-- > 0;)
      {
        const KeyedItem *c = &g_array_index (fresh, KeyedItem, j);
        gsize lo = 0, hi = old_end, block;

        /* The first old member with a key greater than the new one's. */
        while (lo < hi)
          {
            gsize mid = lo + (hi - lo) / 2;
            guint32 item = members[mid];

            if (stead_point_index_tile_key_of (self->x[item], self->y[item], zoom) <= c->key)
              lo = mid + 1;
            else
              hi = mid;
          }
        block = old_end - lo;
        write -= block;
        memmove (members + write, members + lo, block * sizeof (guint32));
        members[--write] = c->item;
        old_end = lo;
      }
    g_assert (write == old_end);
  }
  (void) scratch;
}

/* Room for items, clusters and children up to these totals. */
static void
stead_point_index_reserve (SteadPointIndex *self,
                           gsize            n_items,
                           gsize            n_clusters,
                           gsize            n_children)
{
  stead_point_index_grow_items (self, n_items);
  if (n_clusters + 1 > self->clusters_size)
    {
      self->clusters_size = MAX (MAX (1024, n_clusters + 1), self->clusters_size * 2);
      self->child_start = big_renew (guint32, self->child_start, self->clusters_size);
      self->formed_zoom = big_renew (guint8, self->formed_zoom, self->clusters_size);
      self->count = big_renew (guint32, self->count, self->clusters_size);
    }
  if (n_children > self->children_size)
    {
      self->children_size = MAX (MAX (4096, n_children),
                                 self->children_size + self->children_size / 4);
      self->children = big_renew (guint32, self->children, self->children_size);
    }
}

/* Writes one band's clusters and members at the places worked out for
 * them; bands write disjoint ranges. */
static gpointer
stead_point_index_merge_band (gpointer data)
{
  SweepBand *band = data;
  SteadPointIndex *self = band->sweep->self;
  const LocalCluster *lcs = (const LocalCluster *) band->clusters->data;

  for (guint c = 0; c < band->clusters->len; c++)
    {
      gsize item = band->first_item + c, cluster = band->first_cluster + c;

      self->x[item] = lcs[c].x;
      self->y[item] = lcs[c].y;
      self->count[cluster] = lcs[c].count;
      self->formed_zoom[cluster] = band->zoom;
      self->child_start[cluster] = band->first_child + lcs[c].first_child;
    }
  if (band->children->len > 0)
    memcpy (self->children + band->first_child, band->children->data,
            band->children->len * sizeof (guint32));

  /* Fix cluster references up and close the gaps between bands: the
   * members move down (or stay), never over what is still to be read. */
  for (gsize m = 0; m < band->n_members; m++)
    {
      guint32 member = band->members[m];

      band->level_members[band->first_out + m] =
        member & CLUSTER_ID_FLAG ? band->first_item + (member & ~CLUSTER_ID_FLAG) : member;
    }
  if (band->sweep->tile_keys != NULL)   /* the same moves */
    for (gsize m = 0; m < band->n_members; m++)
      band->sweep->tile_keys[band->first_out + m] = band->sweep->tile_keys[band->begin + m];
  return NULL;
}

/* Clusters the members of @above into level @zoom. */
static void
stead_point_index_cluster_level (SteadPointIndex *self,
                                 Scratch         *scratch,
                                 const Level     *above,
                                 Level           *level,
                                 guint            zoom,
                                 double           r)
{
  gsize n = above->n;
  guint64 width;
  guint64 col_base = 0, row_base = 0;
  guint64 *keys = scratch->keys;
  /* The members' item numbers, sorted along with the keys: the sort is
   * stable whatever rides with the keys. */
  guint32 *order = scratch->order;
  guint8 *visited = scratch->visited;
  double inv_r = 1.0 / r;
  gboolean tile_mode = FALSE;
  gsize first_cluster_item;
  gsize out = 0;
  gboolean keep_order;

  level->members = big_new (guint32, MAX (n, 1));

  /* Sparse levels (few points per tile of the zoom above, and none
   * crowded, as with points spread over a country) use those tiles as the
   * cells: the members are already sorted by them, so no sort is needed.
   * Dense levels use cells one radius wide, sorted. Either way a cell is
   * at least r wide. */
  {
    guint64 tiles = (guint64) 1 << above->sort_zoom;
    gsize distinct = 0, busiest = 0;
    gboolean have_keys = FALSE;
    KeyJob tile_job = { .self = self, .members = above->members, .keys = keys,
                        .zoom = above->sort_zoom, .width = tiles };

    /* The sort that ordered the level above counted its tiles; levels
     * whose order was kept are counted here. */
    if (r <= 1.0 / tiles && above->n_tiles > 0)
      {
        distinct = above->n_tiles;
        busiest = above->busiest;
      }
    else if (r <= 1.0 / tiles)
      {
        stead_point_index_parallel (scratch, n, stead_point_index_tile_keys, &tile_job);
        have_keys = TRUE;
        stead_point_index_count_tiles (keys, n, &distinct, &busiest);
      }

    if (distinct > 0 && n <= distinct * 4 && busiest <= TILE_MODE_MAX_RUN)
      {
        tile_mode = TRUE;
        if (!have_keys)
          stead_point_index_parallel (scratch, n, stead_point_index_tile_keys, &tile_job);
        /* +1 on both axes keeps column and row 0 free for the sweep. */
        width = tiles + 2;
        for (gsize i = 0; i < n; i++)
          {
            guint64 tx = keys[i] & (tiles - 1), ty = keys[i] >> above->sort_zoom;

            keys[i] = (ty + 1) * width + tx + 1;
            order[i] = above->members != NULL ? above->members[i] : (guint32) i;
          }
      }
    else
      {
        KeyJob job = { .self = self, .members = above->members, .keys = keys, .order = order,
                       .inv_r = inv_r };

        col_base = stead_point_index_key_base (self->x_min, inv_r);
        row_base = stead_point_index_key_base (self->y_min, inv_r);
        width = (guint64) (self->x_max * inv_r) + 4 - col_base;
        job.col_base = col_base;
        job.row_base = row_base;
        job.width = width;
        stead_point_index_parallel (scratch, n, stead_point_index_cell_keys, &job);
        stead_point_index_radix_sort (scratch, keys, scratch->keys_tmp, order, n);
      }
  }
  first_cluster_item = self->n_items;
  keys[n] = G_MAXUINT64;
  /* Swept in the tile order of the level above, the points that pass
   * through stay in that order (one zoom finer, still valid cells for the
   * next level): then only the new clusters are placed, instead of the
   * whole level sorted by tile again. */
  keep_order = tile_mode && above->sort_zoom <= zoom + 1;
  memset (visited, 0, n);

  {
    Sweep sweep = {
      .self = self, .keys = keys, .items = order, .visited = visited,
      .n = n, .width = width, .col_base = col_base, .row_base = row_base,
      .tile_mode = tile_mode, .inv_r = inv_r, .r2 = r * r,
      .tile_keys = keep_order ? NULL : scratch->keys_tmp,   /* free once sorted by cell */
    };
    SweepBand bands[3] = { { 0 } };
    guint n_bands = 1;

    stead_point_index_tile_key_job (self, MIN (zoom, 16), &sweep.tile_key);
    bands[0].begin = 0;
    bands[0].end = n;

    /* Two cores: rows split in two bands that cannot touch each other
     * (a seed reaches one row up and down), swept at once; the two rows
     * between them after. Deterministic: the same input, the same result. */
    if (n >= 200000 && scratch->n_threads > 1)
      {
        guint64 mid_row = keys[n / 2] / width;
        gsize end_a = stead_point_index_lower_bound_key (keys, n, (mid_row - 1) * width);
        gsize begin_b = stead_point_index_lower_bound_key (keys, n, (mid_row + 1) * width);

        if (mid_row + row_base >= 3 && end_a > 0 && begin_b < n)
          {
            bands[0].end = end_a;
            bands[1].begin = begin_b;
            bands[1].end = n;
            bands[2].begin = end_a;
            bands[2].end = begin_b;
            bands[1].above_unswept = TRUE;   /* the seam's last row */
            n_bands = 3;
          }
      }

    for (guint b = 0; b < n_bands; b++)
      {
        bands[b].sweep = &sweep;
        bands[b].group_size = 1024;
        bands[b].group = g_new (guint32, bands[b].group_size);
        /* Each band has at most one output per seed of its own range. */
        bands[b].members = level->members + bands[b].begin;
        bands[b].n_members = 0;
        if (scratch->band_clusters[b] == NULL)
          {
            scratch->band_clusters[b] = g_array_new (FALSE, FALSE, sizeof (LocalCluster));
            scratch->band_children[b] = g_array_new (FALSE, FALSE, sizeof (guint32));
          }
        bands[b].clusters = g_array_set_size (scratch->band_clusters[b], 0);
        bands[b].children = g_array_set_size (scratch->band_children[b], 0);
      }

    if (n_bands == 3)
      {
        GThread *thread = g_thread_new ("stead-sweep", stead_point_index_sweep_band, &bands[1]);

        stead_point_index_sweep_band (&bands[0]);
        g_thread_join (thread);
        stead_point_index_sweep_band (&bands[2]);
      }
    else
      stead_point_index_sweep_band (&bands[0]);

    /* Clusters are numbered band by band in the order of their regions
     * (first, seam, last), so results are the same on any number of
     * cores. Each band's place in the arrays is known now: the seam's
     * members are moved first (their place is read by the last band's
     * move), then the first and the last band are written at once. */
    {
      static const guint region_order[3] = { 0, 2, 1 };
      gsize item = self->n_items, cluster = self->n_clusters, child = self->n_children;

      for (guint i = 0; i < n_bands; i++)
        {
          SweepBand *band = &bands[n_bands == 3 ? region_order[i] : i];

          band->first_item = item;
          band->first_cluster = cluster;
          band->first_child = child;
          band->first_out = out;
          item += band->clusters->len;
          cluster += band->clusters->len;
          child += band->children->len;
          out += band->n_members;
        }
      stead_point_index_reserve (self, item, cluster, child);
      for (guint b = 0; b < n_bands; b++)
        {
          bands[b].level_members = level->members;
          bands[b].zoom = zoom;
        }

      if (n_bands == 3)
        {
          GThread *thread;

          stead_point_index_merge_band (&bands[2]);
          thread = g_thread_new ("stead-merge", stead_point_index_merge_band, &bands[1]);
          stead_point_index_merge_band (&bands[0]);
          g_thread_join (thread);
        }
      else
        stead_point_index_merge_band (&bands[0]);

      self->n_items = item;
      self->n_clusters = cluster;
      self->n_children = child;
      self->child_start[cluster] = child;
    }
    for (guint b = 0; b < n_bands; b++)
      g_free (bands[b].group);
  }

  level->n = out;
  level->members = big_renew (guint32, level->members, MAX (out, 1));

  if (keep_order)
    {
      level->sort_zoom = above->sort_zoom;
      level->n_tiles = 0;
      stead_point_index_place_new_clusters (self, scratch, level, first_cluster_item);
    }
  else
    {
      level->sort_zoom = MIN (zoom, 16);
      stead_point_index_sort_by_tile (self, scratch, level, TRUE);
    }
}

typedef struct
{
  SteadPointIndex *self;
  const double    *lonlat;
  const guint32   *ids;
  gsize            begin;
  gsize            end;
  double           x_min, x_max, y_min, y_max;
} ProjectJob;

static gpointer
stead_point_index_project_range (gpointer data)
{
  ProjectJob *job = data;
  SteadPointIndex *self = job->self;

  job->x_min = job->y_min = 1;
  job->x_max = job->y_max = 0;
  for (gsize i = job->begin; i < job->end; i++)
    {
      double x = stead_point_index_lon_to_x (job->lonlat[2 * i]);
      double y = stead_point_index_lat_to_y (job->lonlat[2 * i + 1]);

      self->x[i] = x;
      self->y[i] = y;
      self->point_id[i] = job->ids != NULL ? job->ids[i] : (guint32) i;
      /* Comparisons a NaN fails: it cannot spoil the bounds. */
      if (x < job->x_min)
        job->x_min = x;
      if (x > job->x_max)
        job->x_max = x;
      if (y < job->y_min)
        job->y_min = y;
      if (y > job->y_max)
        job->y_max = y;
    }
  return NULL;
}

/* Projecting (a sine and a logarithm a point) is split over the cores. */
static void
stead_point_index_project_points (SteadPointIndex *self,
                                  const double    *lonlat,
                                  const guint32   *ids,
                                  gsize            n)
{
  guint n_threads = self->options.n_threads > 0 ? self->options.n_threads : g_get_num_processors ();
  GThread *threads[8];
  ProjectJob jobs[8];

  n_threads = CLAMP (n_threads, 1, G_N_ELEMENTS (jobs));
  if (n < 65536)
    n_threads = 1;

  for (guint t = 0; t < n_threads; t++)
    {
      jobs[t].self = self;
      jobs[t].lonlat = lonlat;
      jobs[t].ids = ids;
      jobs[t].begin = n * t / n_threads;
      jobs[t].end = n * (t + 1) / n_threads;
      threads[t] =
        t == 0 ? NULL : g_thread_new ("stead-project", stead_point_index_project_range, &jobs[t]);
    }
  stead_point_index_project_range (&jobs[0]);
  for (guint t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);

  self->x_min = self->y_min = 1;
  self->x_max = self->y_max = 0;
  for (guint t = 0; t < n_threads; t++)
    {
      self->x_min = MIN (self->x_min, jobs[t].x_min);
      self->x_max = MAX (self->x_max, jobs[t].x_max);
      self->y_min = MIN (self->y_min, jobs[t].y_min);
      self->y_max = MAX (self->y_max, jobs[t].y_max);
    }
  /* No point with a position (none at all): the whole world. */
  if (self->x_min > self->x_max || self->y_min > self->y_max)
    {
      self->x_min = self->y_min = 0;
      self->x_max = self->y_max = 1;
    }
}

typedef struct
{
  SteadPointIndex *self;
  const guint8    *item_class;   /* by item number, for the points */
  gsize            first;        /* the level's first cluster */
  guint32         *from;         /* a permutation, for the gathers below */
  gpointer         dest;
  gconstpointer    src;
  gboolean         ids;          /* 32-bit numbers, not doubles */
} ClassJob;

static void
stead_point_index_count_range (gpointer data,
                               gsize    begin,
                               gsize    end)
{
  ClassJob *job = data;
  SteadPointIndex *self = job->self;

  for (gsize c = job->first + begin; c < job->first + end; c++)
    {
      guint32 *counts = self->class_count + c * STEAD_POINT_INDEX_MAX_CLASSES;

      memset (counts, 0, STEAD_POINT_INDEX_MAX_CLASSES * sizeof (guint32));
      for (guint32 i = self->child_start[c]; i < self->child_start[c + 1]; i++)
        {
          guint32 child = self->children[i];

          if (child < self->n_points)
            counts[job->item_class[child]]++;
          else
            for (guint k = 0; k < STEAD_POINT_INDEX_MAX_CLASSES; k++)
              counts[k] += self->class_count[(child - self->n_points) *
                                             STEAD_POINT_INDEX_MAX_CLASSES + k];
        }
    }
}

static void
stead_point_index_item_classes (gpointer data,
                                gsize    begin,
                                gsize    end)
{
  ClassJob *job = data;
  guint8 *item_class = job->dest;

  for (gsize i = begin; i < end; i++)
    item_class[i] = job->self->id_class[job->self->point_id[i]];
}

/* Clusters are numbered in the order they were made, and a cluster is
 * made of points and of clusters made at zooms above its own: the
 * clusters of one zoom add up the classes of their members at once, on
 * both cores, one zoom after the other. */
static void
stead_point_index_count_classes (SteadPointIndex *self,
                                 const Scratch   *scratch)
{
  g_autofree guint8 *item_class = g_new (guint8, MAX (self->n_points, 1));
  ClassJob job = { .self = self, .item_class = item_class, .dest = item_class };

  /* The points' classes in item order: neighbours in memory, as the
   * members of a cluster are. */
  stead_point_index_parallel (scratch, self->n_points, stead_point_index_item_classes, &job);

  self->class_count = big_new (guint32, MAX (self->n_clusters, 1) * STEAD_POINT_INDEX_MAX_CLASSES);
  for (gsize first = 0; first < self->n_clusters;)
    {
      gsize end = first;

      while (end < self->n_clusters && self->formed_zoom[end] == self->formed_zoom[first])
        end++;
      job.first = first;
      stead_point_index_parallel (scratch, end - first, stead_point_index_count_range, &job);
      first = end;
    }
}

/* dest[i] = src[from[i]], of doubles or (ids) of 32-bit numbers. */
static void
stead_point_index_gather_range (gpointer data,
                                gsize    begin,
                                gsize    end)
{
  ClassJob *job = data;

  if (job->ids)
    for (gsize i = begin; i < end; i++)
      ((guint32 *) job->dest)[i] = ((const guint32 *) job->src)[job->from[i]];
  else
    for (gsize i = begin; i < end; i++)
      ((double *) job->dest)[i] = ((const double *) job->src)[job->from[i]];
}

/* Puts point @from[i] at position i, for every i: one array at a time,
 * gathered into the scratch and copied back, so that no array is mapped
 * (and faulted in) again. A gather's loads are independent of each
 * other; following the permutation's cycles in place would wait for
 * each load in turn. */
static void
stead_point_index_permute_points (SteadPointIndex *self,
                                  const Scratch   *scratch,
                                  const guint32   *from,
                                  gsize            n)
{
  ClassJob job = { .self = self, .from = (guint32 *) from, .dest = scratch->keys_tmp };

  g_assert (scratch->size >= n);

  job.src = self->x;
  stead_point_index_parallel (scratch, n, stead_point_index_gather_range, &job);
  memcpy (self->x, job.dest, n * sizeof (double));

  job.src = self->y;
  stead_point_index_parallel (scratch, n, stead_point_index_gather_range, &job);
  memcpy (self->y, job.dest, n * sizeof (double));

  job.src = self->point_id;
  job.ids = TRUE;
  stead_point_index_parallel (scratch, n, stead_point_index_gather_range, &job);
  memcpy (self->point_id, job.dest, n * sizeof (guint32));
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
  return stead_point_index_new_classified (lonlat, ids, NULL, n_points, options);
}

/**
 * stead_point_index_new_classified:
 * @lonlat: (array): 2 × @n_points doubles, longitude then latitude
 * @ids: (array) (nullable): an id per point; by default its position
 * @classes: (array) (nullable): a class per point, below
 *   %STEAD_POINT_INDEX_MAX_CLASSES (needs, resources, sites…); %NULL: all 0;
 *   with classes, @ids must be %NULL (a point's id is its position)
 * @n_points: how many points
 * @options: (nullable): clustering options
 *
 * As stead_point_index_new(), clustering points of every class together,
 * so that one cluster stands for one place; each cluster also counts its
 * members of each class (stead_point_index_get_class_counts()).
 *
 * Returns: (transfer full): the index
 */
SteadPointIndex *
stead_point_index_new_classified (const double                 *lonlat,
                                  const guint32                *ids,
                                  const guint8                 *classes,
                                  gsize                         n_points,
                                  const SteadPointIndexOptions *options)
{
  SteadPointIndex *self;
  Scratch scratch;
  Level *raw;
  gsize n_alloc = MAX (n_points, 1);

  g_return_val_if_fail (lonlat != NULL || n_points == 0, NULL);
  g_return_val_if_fail (n_points < CLUSTER_ID_FLAG / 2, NULL);
  g_return_val_if_fail (classes == NULL || ids == NULL, NULL);

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

  stead_point_index_grow_items (self, n_points + n_points / 4 + 16);
  self->point_id = big_new (guint32, n_alloc);
  stead_point_index_project_points (self, lonlat, ids, n_points);
  self->n_items = n_points;

  memset (&scratch, 0, sizeof scratch);
  stead_point_index_scratch_resize (&scratch, n_alloc);
  scratch.counts = g_new (gsize, 2 * 65536);
  scratch.n_threads =
    self->options.n_threads > 0 ? self->options.n_threads : g_get_num_processors ();

  /* The points themselves, as the level above the highest clustered zoom.
   * They are renumbered in tile order, so that neighbours on the map are
   * neighbours in memory: the clustering then reads sequentially. */
  raw = &self->levels[self->options.max_zoom + 1];
  raw->n = n_points;
  raw->members = big_new (guint32, n_alloc);
  for (gsize i = 0; i < n_points; i++)
    raw->members[i] = i;
  raw->sort_zoom = MIN (self->options.max_zoom + 1, 16);
  stead_point_index_sort_by_tile (self, &scratch, raw, FALSE);
  if (classes != NULL)
    {
      for (gsize i = 0; i < n_points; i++)
        g_return_val_if_fail (classes[i] < STEAD_POINT_INDEX_MAX_CLASSES, NULL);
      self->id_class = big_new (guint8, n_alloc);
      memcpy (self->id_class, classes, n_points);
    }
  stead_point_index_permute_points (self, &scratch, raw->members, n_points);
  /* The points' level is the identity now: no need to keep it as a list. */
  g_clear_pointer (&raw->members, stead_point_index_big_free);

  for (int z = self->options.max_zoom; z >= (int) self->options.min_zoom; z--)
    {
      stead_point_index_scratch_fit (&scratch, self->levels[z + 1].n);
      stead_point_index_cluster_level (self, &scratch, &self->levels[z + 1], &self->levels[z], z,
                     self->options.radius / (EXTENT * (double) ((guint64) 1 << z)));
    }

  stead_point_index_big_free (scratch.keys);
  stead_point_index_big_free (scratch.order);
  stead_point_index_big_free (scratch.keys_tmp);
  stead_point_index_big_free (scratch.order_tmp);
  g_free (scratch.counts);
  stead_point_index_big_free (scratch.visited);
  for (guint b = 0; b < G_N_ELEMENTS (scratch.band_clusters); b++)
    {
      g_clear_pointer (&scratch.band_clusters[b], g_array_unref);
      g_clear_pointer (&scratch.band_children[b], g_array_unref);
    }

  /* Give back what the growth left over. */
  self->x = big_renew (double, self->x, MAX (self->n_items, 1));
  self->y = big_renew (double, self->y, MAX (self->n_items, 1));
  self->count = big_renew (guint32, self->count, MAX (self->n_clusters, 1));
  if (self->id_class != NULL)
    stead_point_index_count_classes (self, &scratch);   /* only its n_threads now */

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
    stead_point_index_big_free (self->levels[i].members);
  g_free (self->levels);
  stead_point_index_big_free (self->x);
  stead_point_index_big_free (self->y);
  stead_point_index_big_free (self->count);
  stead_point_index_big_free (self->point_id);
  stead_point_index_big_free (self->formed_zoom);
  stead_point_index_big_free (self->class_count);
  stead_point_index_big_free (self->id_class);
  stead_point_index_big_free (self->live_id);
  stead_point_index_big_free (self->live_count);
  stead_point_index_big_free (self->live_class_count);
  stead_point_index_big_free (self->child_start);
  stead_point_index_big_free (self->children);
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

static guint
stead_point_index_clamp_zoom (SteadPointIndex *self,
                              guint            zoom)
{
  return CLAMP (zoom, self->options.min_zoom, self->options.max_zoom + 1);
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

  return self->levels[stead_point_index_clamp_zoom (self, zoom)].n;
}

/* With a filter: how many of the item's points count. */
static inline guint32
stead_point_index_live_item_count (const SteadPointIndex *self,
                                   guint32                item)
{
  return item < self->n_points ? self->live_id[self->point_id[item]] != 0
                               : self->live_count[item - self->n_points];
}

/* The one point that counts under @item, whose live count is 1. */
static guint32
stead_point_index_live_leaf (const SteadPointIndex *self,
                             guint32                item)
{
  while (item >= self->n_points)
    {
      gsize cluster = item - self->n_points;
      guint32 next = item;

      for (guint32 c = self->child_start[cluster]; c < self->child_start[cluster + 1]; c++)
        if (stead_point_index_live_item_count (self, self->children[c]) > 0)
          {
            next = self->children[c];
            break;
          }
      if (next == item)
        break;
      item = next;
    }
  return item;
}

/**
 * stead_point_index_set_live:
 * @self: a #SteadPointIndex
 * @live: (array) (nullable): per point id, nonzero if it counts; %NULL:
 *   every point counts again
 *
 * Filters the index without rebuilding it (a time slider's step): queries
 * then leave out the clusters with no point that counts and report the
 * counts of those that do, a cluster with one such point becomes that
 * point, and class counts and leaves count only them. Clusters keep
 * their places. O(points + clusters). Not while another thread queries
 * the index.
 */
void
stead_point_index_set_live (SteadPointIndex *self,
                            const guint8    *live)
{
  gsize n_alloc = MAX (self->n_points, 1);
  gsize n_clusters = MAX (self->n_clusters, 1);

  g_return_if_fail (self != NULL);

  if (live == NULL)
    {
      g_clear_pointer (&self->live_id, stead_point_index_big_free);
      g_clear_pointer (&self->live_count, stead_point_index_big_free);
      g_clear_pointer (&self->live_class_count, stead_point_index_big_free);
      return;
    }
  if (self->live_id == NULL)
    {
      self->live_id = big_new (guint8, n_alloc);
      self->live_count = big_new (guint32, n_clusters);
      if (self->id_class != NULL)
        self->live_class_count = big_new (guint32, n_clusters * STEAD_POINT_INDEX_MAX_CLASSES);
    }
  memcpy (self->live_id, live, self->n_points);

  /* Clusters are numbered in the order they were made, each from points
   * and clusters made before it. */
  for (gsize k = 0; k < self->n_clusters; k++)
    {
      guint32 total = 0;
      guint32 *classes =
        self->live_class_count != NULL ? self->live_class_count + k * STEAD_POINT_INDEX_MAX_CLASSES
                                       : NULL;

      if (classes != NULL)
        memset (classes, 0, STEAD_POINT_INDEX_MAX_CLASSES * sizeof (guint32));
      for (guint32 i = self->child_start[k]; i < self->child_start[k + 1]; i++)
        {
          guint32 child = self->children[i];

          if (child < self->n_points)
            {
              guint32 id = self->point_id[child];

              if (live[id] == 0)
                continue;
              total++;
              if (classes != NULL)
                classes[self->id_class[id]]++;
            }
          else
            {
              gsize sub = child - self->n_points;

              total += self->live_count[sub];
              if (classes != NULL)
                for (guint c = 0; c < STEAD_POINT_INDEX_MAX_CLASSES; c++)
                  classes[c] += self->live_class_count[sub * STEAD_POINT_INDEX_MAX_CLASSES + c];
            }
        }
      self->live_count[k] = total;
    }
}

static void
stead_point_index_query_box (SteadPointIndex *self,
                             guint            zoom,
                             double           x0,
                             double           y0,
                             double           x1,
                             double           y1,
                             GArray          *out)
{
  const Level *level = &self->levels[zoom];
  const guint32 *members = level->members;
  guint64 w;

  zoom = level->sort_zoom;
  w = (guint64) 1 << zoom;
  guint64 tx0 = MIN ((guint64) (MAX (x0, 0.0) * w), w - 1);
  guint64 tx1 = MIN ((guint64) (MAX (x1, 0.0) * w), w - 1);
  guint64 ty0 = MIN ((guint64) (MAX (y0, 0.0) * w), w - 1);
  guint64 ty1 = MIN ((guint64) (MAX (y1, 0.0) * w), w - 1);

  for (guint64 ty = ty0; ty <= ty1; ty++)
    {
      guint64 first = ty * w + tx0;
      guint64 last = ty * w + tx1;
      gsize lo = 0;
      gsize hi = level->n;

      /* Binary search on the tile of each member, computed as needed. */
      while (lo < hi)
        {
          gsize mid = lo + (hi - lo) / 2;
          guint32 item = members != NULL ? members[mid] : (guint32) mid;

          if (stead_point_index_tile_key_of (self->x[item], self->y[item], zoom) < first)
            lo = mid + 1;
          else
            hi = mid;
        }

      for (gsize i = lo; i < level->n; i++)
        {
          guint32 item = members != NULL ? members[i] : (guint32) i;
          double x = self->x[item];
          double y = self->y[item];
          SteadPointCluster c;

          if (stead_point_index_tile_key_of (x, y, zoom) > last)
            break;
          if (x < x0 || x > x1 || y < y0 || y > y1)
            continue;
          if (self->live_id != NULL)
            {
              guint32 live = stead_point_index_live_item_count (self, item);

              if (live == 0)
                continue;
              /* A cluster of one point that counts is that point. */
              if (live == 1)
                item = stead_point_index_live_leaf (self, item);
              x = self->x[item];
              y = self->y[item];
            }
          c.lon = stead_point_index_x_to_lon (x);
          c.lat = stead_point_index_y_to_lat (y);
          c.count = self->live_id != NULL ? stead_point_index_live_item_count (self, item)
                                          : stead_point_index_item_count (self, item);
          c.id = item < self->n_points ? self->point_id[item]
                                        : CLUSTER_ID_FLAG | (guint32) (item - self->n_points);
          g_array_append_val (out, c);
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
  double y0, y1;

  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);

  zoom = stead_point_index_clamp_zoom (self, zoom);
  y0 = stead_point_index_lat_to_y (north);
  y1 = stead_point_index_lat_to_y (south);

  if (east - west >= 360.0)
    stead_point_index_query_box (self, zoom, 0, y0, 1, y1, out);
  else if (west <= east)
    stead_point_index_query_box (self, zoom, stead_point_index_lon_to_x (west), y0,
                                 stead_point_index_lon_to_x (east), y1, out);
  else
    {
      stead_point_index_query_box (self, zoom, stead_point_index_lon_to_x (west), y0, 1, y1, out);
      stead_point_index_query_box (self, zoom, 0, y0, stead_point_index_lon_to_x (east), y1, out);
    }
}

static gboolean
stead_point_index_cluster_of (SteadPointIndex *self,
                              guint32          cluster_id,
                              gsize           *cluster)
{
  if (!(cluster_id & CLUSTER_ID_FLAG))
    return FALSE;
  *cluster = cluster_id & ~CLUSTER_ID_FLAG;
  return *cluster < self->n_clusters;
}

static void
stead_point_index_collect_leaves (SteadPointIndex *self,
                                  guint32          item,
                                  GArray          *out_ids)
{
  gsize cluster;

  if (item < self->n_points)
    {
      if (self->live_id == NULL || self->live_id[self->point_id[item]] != 0)
        g_array_append_val (out_ids, self->point_id[item]);
      return;
    }
  cluster = item - self->n_points;
  for (guint32 c = self->child_start[cluster]; c < self->child_start[cluster + 1]; c++)
    stead_point_index_collect_leaves (self, self->children[c], out_ids);
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
  gsize cluster;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out_ids != NULL, FALSE);

  if (!stead_point_index_cluster_of (self, cluster_id, &cluster))
    return FALSE;
  stead_point_index_collect_leaves (self, self->n_points + cluster, out_ids);
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
  gsize cluster;

  g_return_val_if_fail (self != NULL, 0);

  if (!stead_point_index_cluster_of (self, cluster_id, &cluster))
    return self->options.max_zoom + 1;
  /* A cluster is made from at least two items of the zoom above. */
  return self->formed_zoom[cluster] + 1;
}

/**
 * stead_point_index_get_class_counts:
 * @self: a #SteadPointIndex
 * @item: a query item (a cluster or a single point)
 * @counts: (out caller-allocates) (array fixed-size=4): per class, how many
 *   of the item's points are of it
 *
 * A single point counts 1 in its class; an unknown cluster counts nothing.
 */
void
stead_point_index_get_class_counts (SteadPointIndex         *self,
                                    const SteadPointCluster *item,
                                    guint32                 *counts)
{
  gsize cluster;

  g_return_if_fail (self != NULL);
  g_return_if_fail (item != NULL && counts != NULL);

  memset (counts, 0, STEAD_POINT_INDEX_MAX_CLASSES * sizeof (guint32));
  if (stead_point_index_cluster_of (self, item->id, &cluster))
    {
      if (self->live_id != NULL)
        {
          if (self->live_class_count == NULL)
            counts[0] = self->live_count[cluster];
          else
            memcpy (counts, self->live_class_count + cluster * STEAD_POINT_INDEX_MAX_CLASSES,
                    STEAD_POINT_INDEX_MAX_CLASSES * sizeof (guint32));
          return;
        }
      if (self->class_count == NULL)
        counts[0] = self->count[cluster];
      else
        memcpy (counts, self->class_count + cluster * STEAD_POINT_INDEX_MAX_CLASSES,
                STEAD_POINT_INDEX_MAX_CLASSES * sizeof (guint32));
      return;
    }
  if (item->count != 1)
    return;
  if (self->live_id != NULL && item->id < self->n_points && self->live_id[item->id] == 0)
    return;
  if (self->id_class == NULL)
    counts[0] = 1;
  else if (item->id < self->n_points)
    counts[self->id_class[item->id]] = 1;
}
