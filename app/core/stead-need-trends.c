/* stead-need-trends.c: the change in need over time (volume, pattern, type)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over the core `need` table (on read-only connections of their
 * own, one per core, each a range of fids) adds every need to the views
 * it belongs to. "Where" is not a spatial join per need: the areas of the
 * query's kind are put once in a grid of 1024 × 1024 cells. A cell no edge of any
 * area touches lies wholly in one face of the areas' outlines, so its
 * answer is worked out once, at its centre; a need in a cell an edge
 * touches is tested exactly, against the edges of its row of cells that
 * span its latitude. Both tests are the even-odd rule on the edges of
 * stead_area_edge with the arithmetic of the need_area view, so the
 * counts are the view's.
 */

#define G_LOG_DOMAIN "stead-need-trends"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "stead-need-trends.h"
#include "stead-record.h"
#include "stead-record-provider.h"
#include "stead-vocabulary.h"
#include "stead-workspace.h"
#include "stead-workspace-addin.h"

#define NT_MS_PER_HOUR  G_GINT64_CONSTANT (3600000)
#define NT_MS_PER_DAY   G_GINT64_CONSTANT (86400000)
#define NT_NONE         G_MININT64
#define NT_GRID         1024
#define NT_CELL_NONE    0xFFFFu
#define NT_CELL_MIXED   0xFFFEu
#define NT_CELL_MULTI   0xFFFDu
#define NT_MAX_AREAS    0xFFF0u
#define NT_MAX_THREADS  2

/* ------------------------------------------------------------------------ */
/* Times                                                                    */

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static gint64
stead_need_trends_days_from_civil (gint64 y,
                                   int    m,
                                   int    d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static gboolean
stead_need_trends_digits (const char *s,
                          int         n,
                          int        *out)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (s[i] < '0' || s[i] > '9')
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *out = v;
  return TRUE;
}

/* "2026-07-20T10:15:00.000Z" (the kit's form), a space for the T, no
 * fraction, an offset, or a date alone: milliseconds, or NT_NONE. */
static gint64
stead_need_trends_parse_time (const char *s)
{
  int y, mo, d, h = 0, mi = 0, sec = 0, ms = 0;
  gint64 offset = 0;
  const char *p;

  if (s == NULL || !stead_need_trends_digits (s, 4, &y) || s[4] != '-' ||
      !stead_need_trends_digits (s + 5, 2, &mo) || s[7] != '-' ||
      !stead_need_trends_digits (s + 8, 2, &d) || mo < 1 || mo > 12 || d < 1 || d > 31)
    return NT_NONE;
  p = s + 10;
  if (*p == 'T' || *p == ' ')
    {
      if (!stead_need_trends_digits (p + 1, 2, &h) || p[3] != ':' ||
          !stead_need_trends_digits (p + 4, 2, &mi))
        return NT_NONE;
      p += 6;
      if (*p == ':')
        {
          if (!stead_need_trends_digits (p + 1, 2, &sec))
            return NT_NONE;
          p += 3;
          if (*p == '.')
            {
              int scale = 100;

              for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10)
                ms += (*p - '0') * scale;
            }
        }
      if (*p == '+' || *p == '-')
        {
          int oh, om = 0;

          if (!stead_need_trends_digits (p + 1, 2, &oh))
            return NT_NONE;
          if (!stead_need_trends_digits (p + (p[3] == ':' ? 4 : 3), 2, &om))
            om = 0;
          offset = (*p == '+' ? 1 : -1) * ((gint64) oh * 60 + om) * 60000;
        }
    }
  return stead_need_trends_days_from_civil (y, mo, d) * NT_MS_PER_DAY +
         (((gint64) h * 60 + mi) * 60 + sec) * 1000 + ms - offset;
}

static GDateTime *
stead_need_trends_local (GTimeZone *tz,
                         gint64     ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);

  return g_date_time_to_timezone (utc, tz);
}

/* The first instant of the bucket holding @ms. */
static gint64
stead_need_trends_bucket_floor (GTimeZone             *tz,
                                SteadNeedTrendsBucket  bucket,
                                gint64                 ms)
{
  g_autoptr(GDateTime) local = stead_need_trends_local (tz, ms);
  g_autoptr(GDateTime) start = NULL;
  int y, m, d;

  g_date_time_get_ymd (local, &y, &m, &d);
  if (bucket == STEAD_NEED_TRENDS_MONTH)
    d = 1;
  start = g_date_time_new (tz, y, m, d, 0, 0, 0);
  if (bucket == STEAD_NEED_TRENDS_WEEK)
    {
      GDateTime *monday = g_date_time_add_days (start, 1 - g_date_time_get_day_of_week (start));

      g_date_time_get_ymd (monday, &y, &m, &d);
      g_date_time_unref (monday);
      g_date_time_unref (start);
      start = g_date_time_new (tz, y, m, d, 0, 0, 0);
    }
  return g_date_time_to_unix (start) * 1000;
}

static gint64
stead_need_trends_bucket_next (GTimeZone             *tz,
                               SteadNeedTrendsBucket  bucket,
                               gint64                 start)
{
  g_autoptr(GDateTime) local = stead_need_trends_local (tz, start);
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  int y, m, d;

  switch (bucket)
    {
    case STEAD_NEED_TRENDS_DAY:
      next = g_date_time_add_days (local, 1);
      break;
    case STEAD_NEED_TRENDS_WEEK:
      next = g_date_time_add_days (local, 7);
      break;
    case STEAD_NEED_TRENDS_MONTH:
    default:
      next = g_date_time_add_months (local, 1);
      break;
    }
  /* Local midnight, whatever the clocks did in between. */
  g_date_time_get_ymd (next, &y, &m, &d);
  midnight = g_date_time_new (tz, y, m, d, 0, 0, 0);
  return g_date_time_to_unix (midnight) * 1000;
}

/* ------------------------------------------------------------------------ */
/* Where: the areas in a grid                                               */

typedef struct
{
  double x1, y1, x2, y2;
  double max_x;          /* a point at or right of it is not crossed */
  guint  area;
} NtEdge;

typedef struct
{
  gint64 fid;
  char  *code;
  char  *name;
} NtArea;

typedef struct
{
  GArray  *areas;        /* of NtArea */
  double   x0, y0, dx, dy;
  guint16 *cells;        /* NT_GRID²: an area, or NONE, MIXED or MULTI */
  guint   *row_start;    /* NT_GRID + 1 */
  NtEdge  *row_edges;
} NtAreaIndex;

static void
stead_need_trends_area_index_free (NtAreaIndex *index)
{
  for (guint i = 0; i < index->areas->len; i++)
    {
      NtArea *area = &g_array_index (index->areas, NtArea, i);

      g_free (area->code);
      g_free (area->name);
    }
  g_array_unref (index->areas);
  g_free (index->cells);
  g_free (index->row_start);
  g_free (index->row_edges);
  g_free (index);
}

/* The areas holding (x, y), by the even-odd rule on their edges that
 * span y (the row's, rightmost first, so that the loop stops at the
 * first edge wholly to the left): their count, at most @max_out of them
 * in @out. @flags (bit 0: parity, bit 1: seen) and @seen are scratch of
 * one per area, left clear. */
static guint
stead_need_trends_area_index_test (const NtAreaIndex *index,
                                   double             x,
                                   double             y,
                                   guint8            *flags,
                                   guint             *seen,
                                   guint             *out,
                                   guint              max_out)
{
  int row = (int) floor ((y - index->y0) / index->dy);
  guint n = 0, n_seen = 0;

  if (row < 0 || row >= NT_GRID)
    return 0;
  for (guint i = index->row_start[row];
       i < index->row_start[row + 1] && index->row_edges[i].max_x > x; i++)
    {
      const NtEdge *e = &index->row_edges[i];

      if ((e->y1 > y) != (e->y2 > y) &&
          x < (e->x2 - e->x1) * (y - e->y1) / (e->y2 - e->y1) + e->x1)
        {
          if (!(flags[e->area] & 2))
            seen[n_seen++] = e->area;
          flags[e->area] = (flags[e->area] ^ 1) | 2;
        }
    }
  for (guint i = 0; i < n_seen; i++)
    {
      if (flags[seen[i]] & 1)
        {
          if (n < max_out)
            out[n] = seen[i];
          n++;
        }
      flags[seen[i]] = 0;
    }
  return n;
}

static guint
stead_need_trends_area_index_locate (const NtAreaIndex *index,
                                     double             x,
                                     double             y,
                                     guint8            *flags,
                                     guint             *seen,
                                     guint             *out,
                                     guint              max_out)
{
  int cx = (int) floor ((x - index->x0) / index->dx);
  int cy = (int) floor ((y - index->y0) / index->dy);
  guint cell;

  if (cx < 0 || cy < 0 || cx >= NT_GRID || cy >= NT_GRID)
    return 0;
  cell = index->cells[(gsize) cy * NT_GRID + cx];
  if (cell == NT_CELL_NONE)
    return 0;
  if (cell < NT_MAX_AREAS)
    {
      out[0] = cell;
      return 1;
    }
  return stead_need_trends_area_index_test (index, x, y, flags, seen, out, max_out);
}

static int
stead_need_trends_clamp_cell (double v)
{
  return (int) CLAMP (floor (v), 0, NT_GRID - 1);
}

/* Rightmost first. */
static int
stead_need_trends_edge_compare (const void *a,
                                const void *b)
{
  double x = ((const NtEdge *) a)->max_x, y = ((const NtEdge *) b)->max_x;

  return x > y ? -1 : x < y;
}

typedef struct
{
  double x;
  guint  area;
} NtCrossing;

static int
stead_need_trends_crossing_compare (gconstpointer a,
                                    gconstpointer b)
{
  double x = ((const NtCrossing *) a)->x, y = ((const NtCrossing *) b)->x;

  return x < y ? -1 : x > y;
}

static NtAreaIndex *
stead_need_trends_area_index_new (sqlite3      *db,
                                  const char   *kind,
                                  GError      **error)
{
  g_autoptr(sqlite3_stmt) areas = NULL;
  g_autoptr(sqlite3_stmt) edges = NULL;
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (NtEdge));
  g_autoptr(GHashTable) by_fid = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree guint8 *parity = NULL;
  NtAreaIndex *index = g_new0 (NtAreaIndex, 1);
  double minx = G_MAXDOUBLE, miny = G_MAXDOUBLE, maxx = -G_MAXDOUBLE, maxy = -G_MAXDOUBLE;

  index->areas = g_array_new (FALSE, FALSE, sizeof (NtArea));
  if (sqlite3_prepare_v2 (db, "SELECT fid, code, name FROM area WHERE kind = ?1 ORDER BY fid",
                          -1, &areas, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db,
                          "SELECT e.area, e.x1, e.y1, e.x2, e.y2 FROM stead_area_edge e "
                          "JOIN area a ON a.fid = e.area WHERE a.kind = ?1 "
                          "AND e.min_area <= a.fid AND e.max_area >= a.fid",
                          -1, &edges, NULL) != SQLITE_OK)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_SQL,
                   _("Could not read the areas: %s"), sqlite3_errmsg (db));
      stead_need_trends_area_index_free (index);
      return NULL;
    }
  sqlite3_bind_text (areas, 1, kind, -1, SQLITE_STATIC);
  while (sqlite3_step (areas) == SQLITE_ROW && index->areas->len < NT_MAX_AREAS)
    {
      NtArea area = {
        sqlite3_column_int64 (areas, 0),
        g_strdup ((const char *) sqlite3_column_text (areas, 1)),
        g_strdup ((const char *) sqlite3_column_text (areas, 2)),
      };

      g_array_append_val (index->areas, area);
    }
  for (guint i = 0; i < index->areas->len; i++)
    g_hash_table_insert (by_fid, &g_array_index (index->areas, NtArea, i).fid,
                         GUINT_TO_POINTER (i + 1));

  sqlite3_bind_text (edges, 1, kind, -1, SQLITE_STATIC);
  while (sqlite3_step (edges) == SQLITE_ROW)
    {
      gint64 fid = sqlite3_column_int64 (edges, 0);
      guint area = GPOINTER_TO_UINT (g_hash_table_lookup (by_fid, &fid));
      NtEdge e = {
        sqlite3_column_double (edges, 1), sqlite3_column_double (edges, 2),
        sqlite3_column_double (edges, 3), sqlite3_column_double (edges, 4), 0, area - 1,
      };

      if (area == 0)
        continue;
      e.max_x = MAX (e.x1, e.x2);
      g_array_append_val (all, e);
      minx = MIN (minx, MIN (e.x1, e.x2));
      maxx = MAX (maxx, MAX (e.x1, e.x2));
      miny = MIN (miny, MIN (e.y1, e.y2));
      maxy = MAX (maxy, MAX (e.y1, e.y2));
    }

  index->cells = g_new (guint16, (gsize) NT_GRID * NT_GRID);
  index->row_start = g_new0 (guint, NT_GRID + 1);
  if (all->len == 0)
    {
      for (gsize i = 0; i < (gsize) NT_GRID * NT_GRID; i++)
        index->cells[i] = NT_CELL_NONE;
      index->x0 = index->y0 = 0;
      index->dx = index->dy = 1;
      return index;
    }
  /* A margin, so that every edge is well inside the grid. */
  index->dx = (maxx - minx) * 1.002 / NT_GRID + 1e-9;
  index->dy = (maxy - miny) * 1.002 / NT_GRID + 1e-9;
  index->x0 = minx - (maxx - minx) * 0.001 - 0.5e-9 * NT_GRID;
  index->y0 = miny - (maxy - miny) * 0.001 - 0.5e-9 * NT_GRID;

  /* Every edge in each row of cells its extent spans. */
  for (guint i = 0; i < all->len; i++)
    {
      const NtEdge *e = &g_array_index (all, NtEdge, i);
      int r0 = stead_need_trends_clamp_cell ((MIN (e->y1, e->y2) - index->y0) / index->dy);
      int r1 = stead_need_trends_clamp_cell ((MAX (e->y1, e->y2) - index->y0) / index->dy);

      for (int r = r0; r <= r1; r++)
        index->row_start[r + 1]++;
    }
  for (int r = 0; r < NT_GRID; r++)
    index->row_start[r + 1] += index->row_start[r];
  index->row_edges = g_new (NtEdge, index->row_start[NT_GRID]);
  {
    g_autofree guint *fill = g_memdup2 (index->row_start, sizeof (guint) * NT_GRID);

    for (guint i = 0; i < all->len; i++)
      {
        const NtEdge *e = &g_array_index (all, NtEdge, i);
        int r0 = stead_need_trends_clamp_cell ((MIN (e->y1, e->y2) - index->y0) / index->dy);
        int r1 = stead_need_trends_clamp_cell ((MAX (e->y1, e->y2) - index->y0) / index->dy);

        for (int r = r0; r <= r1; r++)
          index->row_edges[fill[r]++] = *e;
      }
    for (int r = 0; r < NT_GRID; r++)
      qsort (index->row_edges + index->row_start[r], index->row_start[r + 1] - index->row_start[r],
             sizeof (NtEdge), stead_need_trends_edge_compare);
  }

  /* The cells an edge touches are tested need by need; the others take
   * the answer of their centre. */
  memset (index->cells, 0, sizeof (guint16) * NT_GRID * NT_GRID);
  for (guint i = 0; i < all->len; i++)
    {
      const NtEdge *e = &g_array_index (all, NtEdge, i);
      int c0 = stead_need_trends_clamp_cell ((MIN (e->x1, e->x2) - index->x0) / index->dx);
      int c1 = stead_need_trends_clamp_cell ((MAX (e->x1, e->x2) - index->x0) / index->dx);
      int r0 = stead_need_trends_clamp_cell ((MIN (e->y1, e->y2) - index->y0) / index->dy);
      int r1 = stead_need_trends_clamp_cell ((MAX (e->y1, e->y2) - index->y0) / index->dy);

      for (int r = r0; r <= r1; r++)
        for (int c = c0; c <= c1; c++)
          index->cells[(gsize) r * NT_GRID + c] = NT_CELL_MIXED;
    }
  /* Row by row, the crossings at the centres' latitude from the right:
   * a centre is inside the areas crossed an odd number of times to its
   * right (the test above, for all the row's cells at once). */
  parity = g_new0 (guint8, MAX (index->areas->len, 1));
  {
    g_autoptr(GArray) crossings = g_array_new (FALSE, FALSE, sizeof (NtCrossing));

    for (int r = 0; r < NT_GRID; r++)
      {
        double yc = index->y0 + (r + 0.5) * index->dy;
        guint inside = 0, xor = 0, next;

        g_array_set_size (crossings, 0);
        for (guint i = index->row_start[r]; i < index->row_start[r + 1]; i++)
          {
            const NtEdge *e = &index->row_edges[i];

            if ((e->y1 > yc) != (e->y2 > yc))
              {
                NtCrossing x = { (e->x2 - e->x1) * (yc - e->y1) / (e->y2 - e->y1) + e->x1,
                                 e->area };

                g_array_append_val (crossings, x);
              }
          }
        g_array_sort (crossings, stead_need_trends_crossing_compare);
        next = crossings->len;
        for (int c = NT_GRID - 1; c >= 0; c--)
          {
            guint16 *cell = &index->cells[(gsize) r * NT_GRID + c];
            double xc = index->x0 + (c + 0.5) * index->dx;

            for (; next > 0 && xc < g_array_index (crossings, NtCrossing, next - 1).x; next--)
              {
                guint area = g_array_index (crossings, NtCrossing, next - 1).area;

                parity[area] ^= 1;
                inside += parity[area] ? 1 : -1;
                xor ^= area;
              }
            if (*cell != NT_CELL_MIXED)
              *cell = inside == 0 ? NT_CELL_NONE : inside == 1 ? (guint16) xor : NT_CELL_MULTI;
          }
        for (guint i = 0; i < crossings->len; i++)
          parity[g_array_index (crossings, NtCrossing, i).area] = 0;
      }
  }
  return index;
}

/* A GeoPackage point blob's coordinates. */
static gboolean
stead_need_trends_blob_point (const guint8 *blob,
                              int           size,
                              double       *x,
                              double       *y)
{
  static const int envelope[] = { 0, 32, 48, 48, 64 };
  int flags, env, offset;
  guint32 type;
  gboolean le;

  if (blob == NULL || size < 8 || blob[0] != 'G' || blob[1] != 'P')
    return FALSE;
  flags = blob[3];
  env = (flags >> 1) & 7;
  if ((flags & 0x10) != 0 || env > 4)
    return FALSE;   /* empty */
  offset = 8 + envelope[env];
  if (size < offset + 21)
    return FALSE;
  le = blob[offset] == 1;
  memcpy (&type, blob + offset + 1, 4);
  memcpy (x, blob + offset + 5, 8);
  memcpy (y, blob + offset + 13, 8);
  if (le != (G_BYTE_ORDER == G_LITTLE_ENDIAN))
    {
      guint64 bx, by;

      memcpy (&bx, x, 8);
      memcpy (&by, y, 8);
      bx = GUINT64_SWAP_LE_BE (bx);
      by = GUINT64_SWAP_LE_BE (by);
      memcpy (x, &bx, 8);
      memcpy (y, &by, 8);
      type = GUINT32_SWAP_LE_BE (type);
    }
  return type % 1000 == 1 && !isnan (*x) && !isnan (*y);
}

/* ------------------------------------------------------------------------ */
/* The pass                                                                 */

typedef struct
{
  /* The query, resolved. */
  SteadWorkspace        *workspace;
  SteadNeedTrendsBucket  bucket;
  gint64                 from, to;
  gint64                 periods[2][2];   /* baseline, incident; both 0: none */
  gboolean               compare;
  char                  *area_kind;
  char                  *time_zone;
  GTimeZone             *tz;
  GArray                *bounds;          /* gint64: n_buckets + 1 */
  gint64                 hour0;
  gint32                *offsets;         /* ms, per UTC hour from hour0 */
  gsize                  n_offsets;
  GPtrArray             *group_sqls;      /* const char * (static data of the plugins) */
  const char            *group_title_sql;
  NtAreaIndex           *areas;
  GCancellable          *cancellable;
} NtJob;

typedef struct
{
  GArray *durations;    /* gint64 ms */
  guint   count;
  guint   in_period[2];
} NtKindAcc;

typedef struct
{
  guint      *opened, *closed;
  gint       *backlog;          /* differences: n_buckets + 1 */
  GPtrArray  *kind_codes;       /* char * */
  GArray     *kinds;            /* NtKindAcc */
  guint      *area_count;       /* n_areas */
  guint      *area_period[2];
  GArray     *area_kind;        /* guint, n_areas × kinds (grown as kinds come) */
  guint       outside;
  guint       total, closed_total;
  guint       period_total[2];
  guint       when[7][24];
  guint       last_kind;
} NtAcc;

static void
stead_need_trends_job_free (NtJob *job)
{
  g_clear_object (&job->workspace);
  g_free (job->area_kind);
  g_free (job->time_zone);
  g_clear_pointer (&job->tz, g_time_zone_unref);
  g_clear_pointer (&job->bounds, g_array_unref);
  g_free (job->offsets);
  g_clear_pointer (&job->group_sqls, g_ptr_array_unref);
  g_clear_pointer (&job->areas, stead_need_trends_area_index_free);
  g_clear_object (&job->cancellable);
  g_free (job);
}

static void
stead_need_trends_acc_free (NtAcc *acc)
{
  g_free (acc->opened);
  g_free (acc->closed);
  g_free (acc->backlog);
  g_ptr_array_unref (acc->kind_codes);
  for (guint i = 0; i < acc->kinds->len; i++)
    g_array_unref (g_array_index (acc->kinds, NtKindAcc, i).durations);
  g_array_unref (acc->kinds);
  g_free (acc->area_count);
  g_free (acc->area_period[0]);
  g_free (acc->area_period[1]);
  g_array_unref (acc->area_kind);
  g_free (acc);
}

static NtAcc *
stead_need_trends_acc_new (const NtJob *job)
{
  NtAcc *acc = g_new0 (NtAcc, 1);
  guint n_buckets = job->bounds->len - 1;
  guint n_areas = job->areas->areas->len;

  acc->opened = g_new0 (guint, n_buckets);
  acc->closed = g_new0 (guint, n_buckets);
  acc->backlog = g_new0 (gint, n_buckets + 1);
  acc->kind_codes = g_ptr_array_new_with_free_func (g_free);
  acc->kinds = g_array_new (FALSE, TRUE, sizeof (NtKindAcc));
  acc->area_count = g_new0 (guint, MAX (n_areas, 1));
  acc->area_period[0] = g_new0 (guint, MAX (n_areas, 1));
  acc->area_period[1] = g_new0 (guint, MAX (n_areas, 1));
  acc->area_kind = g_array_new (FALSE, TRUE, sizeof (guint));
  return acc;
}

static guint
stead_need_trends_acc_kind (NtAcc       *acc,
                            const NtJob *job,
                            const char  *kind)
{
  guint n = acc->kind_codes->len;
  NtKindAcc k = { 0 };

  if (n > 0 && strcmp (g_ptr_array_index (acc->kind_codes, acc->last_kind), kind) == 0)
    return acc->last_kind;
  for (guint i = 0; i < n; i++)
    if (strcmp (g_ptr_array_index (acc->kind_codes, i), kind) == 0)
      return acc->last_kind = i;
  g_ptr_array_add (acc->kind_codes, g_strdup (kind));
  k.durations = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (acc->kinds, k);
  g_array_set_size (acc->area_kind, (n + 1) * MAX (job->areas->areas->len, 1));
  /* Kind-major: the new kind's row is at the end, already zero. */
  return acc->last_kind = n;
}

/* The bucket holding @ms (from ≤ ms < to). */
static guint
stead_need_trends_bucket_of (const NtJob *job,
                             gint64       ms)
{
  const gint64 *b = (const gint64 *) job->bounds->data;
  guint lo = 0, hi = job->bounds->len - 1;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (b[mid] <= ms)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
stead_need_trends_scan (const NtJob  *job,
                        sqlite3      *db,
                        gint64        fid_from,   /* exclusive */
                        gint64        fid_to,     /* inclusive */
                        NtAcc        *acc,
                        GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree guint8 *flags = g_new0 (guint8, MAX (job->areas->areas->len, 1));
  g_autofree guint *seen = g_new0 (guint, MAX (job->areas->areas->len, 1));
  guint n_buckets = job->bounds->len - 1;
  guint n_areas = job->areas->areas->len;
  guint64 row = 0;
  int rc;

  if (sqlite3_prepare_v2 (db,
                          "SELECT kind, opened, coalesce (closed, met), status, geom "
                          "FROM need WHERE fid > ?1 AND fid <= ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_SQL,
                   _("Could not read the needs: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, fid_from);
  sqlite3_bind_int64 (stmt, 2, fid_to);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 0);
      gint64 opened = stead_need_trends_parse_time ((const char *) sqlite3_column_text (stmt, 1));
      const char *status = (const char *) sqlite3_column_text (stmt, 3);
      /* Met, closed or cancelled: out of the backlog since it was closed
       * (or met); met or closed: resolved. */
      gboolean resolved = status != NULL && (status[0] == 'm' || strcmp (status, "closed") == 0);
      gint64 closed = resolved || g_strcmp0 (status, "cancelled") == 0
                        ? stead_need_trends_parse_time (
                            (const char *) sqlite3_column_text (stmt, 2))
                        : NT_NONE;
      gboolean in_range, in_period[2] = { FALSE, FALSE };
      guint k, first, last;

      if ((++row & 0xFFFF) == 0 && g_cancellable_set_error_if_cancelled (job->cancellable, error))
        return FALSE;
      if (kind == NULL || opened == NT_NONE)
        continue;

      /* Closed, and open at the end of each bucket from its opening (or
       * the first) to the last that ends by its closing. */
      if (closed != NT_NONE && closed >= job->from && closed < job->to)
        acc->closed[stead_need_trends_bucket_of (job, closed)]++, acc->closed_total++;
      if (opened < job->to && (closed == NT_NONE || closed >= job->from))
        {
          first = opened < job->from ? 0 : stead_need_trends_bucket_of (job, opened);
          last = closed == NT_NONE || closed >= job->to
                   ? n_buckets
                   : stead_need_trends_bucket_of (job, closed);
          /* Open at the end of buckets first … last - 1. */
          if (last > first)
            {
              acc->backlog[first]++;
              acc->backlog[last]--;
            }
        }

      in_range = opened >= job->from && opened < job->to;
      for (int p = 0; p < 2 && job->compare; p++)
        in_period[p] = opened >= job->periods[p][0] && opened < job->periods[p][1];
      if (!in_range && !in_period[0] && !in_period[1])
        continue;

      k = stead_need_trends_acc_kind (acc, job, kind);
      {
        NtKindAcc *ka = &g_array_index (acc->kinds, NtKindAcc, k);
        guint hit[8];
        guint n_hit = 0;
        double x, y;

        if (stead_need_trends_blob_point (sqlite3_column_blob (stmt, 4),
                                          sqlite3_column_bytes (stmt, 4), &x, &y))
          n_hit = MIN (stead_need_trends_area_index_locate (job->areas, x, y, flags, seen, hit,
                                                            G_N_ELEMENTS (hit)),
                       G_N_ELEMENTS (hit));
        for (int p = 0; p < 2; p++)
          if (in_period[p])
            {
              ka->in_period[p]++;
              acc->period_total[p]++;
              for (guint i = 0; i < n_hit; i++)
                acc->area_period[p][hit[i]]++;
            }
        if (!in_range)
          continue;

        acc->total++;
        ka->count++;
        acc->opened[stead_need_trends_bucket_of (job, opened)]++;
        if (closed != NT_NONE && closed >= opened && resolved)
          {
            gint64 duration = closed - opened;

            g_array_append_val (ka->durations, duration);
          }
        {
          gsize h = (gsize) ((opened - job->hour0) / NT_MS_PER_HOUR);
          gint64 local = opened + (h < job->n_offsets ? job->offsets[h] : 0);
          gint64 day = local >= 0 ? local / NT_MS_PER_DAY
                                  : (local - NT_MS_PER_DAY + 1) / NT_MS_PER_DAY;
          int weekday = (int) (((day + 3) % 7 + 7) % 7);   /* 1970-01-01 was a Thursday */

          acc->when[weekday][(local - day * NT_MS_PER_DAY) / NT_MS_PER_HOUR]++;
        }
        if (n_hit == 0)
          acc->outside++;
        for (guint i = 0; i < n_hit; i++)
          {
            acc->area_count[hit[i]]++;
            g_array_index (acc->area_kind, guint, (gsize) k * n_areas + hit[i])++;
          }
      }
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_SQL,
                   _("Could not read the needs: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

/* Adds @b into @a. */
static void
stead_need_trends_acc_merge (NtAcc       *a,
                             NtAcc       *b,
                             const NtJob *job)
{
  guint n_buckets = job->bounds->len - 1;
  guint n_areas = job->areas->areas->len;

  for (guint i = 0; i < n_buckets; i++)
    {
      a->opened[i] += b->opened[i];
      a->closed[i] += b->closed[i];
    }
  for (guint i = 0; i <= n_buckets; i++)
    a->backlog[i] += b->backlog[i];
  for (guint i = 0; i < n_areas; i++)
    {
      a->area_count[i] += b->area_count[i];
      a->area_period[0][i] += b->area_period[0][i];
      a->area_period[1][i] += b->area_period[1][i];
    }
  for (guint k = 0; k < b->kinds->len; k++)
    {
      NtKindAcc *kb = &g_array_index (b->kinds, NtKindAcc, k);
      guint ka_i = stead_need_trends_acc_kind (a, job, g_ptr_array_index (b->kind_codes, k));
      NtKindAcc *ka = &g_array_index (a->kinds, NtKindAcc, ka_i);

      ka->count += kb->count;
      ka->in_period[0] += kb->in_period[0];
      ka->in_period[1] += kb->in_period[1];
      g_array_append_vals (ka->durations, kb->durations->data, kb->durations->len);
      for (guint i = 0; i < n_areas; i++)
        g_array_index (a->area_kind, guint, (gsize) ka_i * n_areas + i) +=
          g_array_index (b->area_kind, guint, (gsize) k * n_areas + i);
    }
  a->outside += b->outside;
  a->total += b->total;
  a->closed_total += b->closed_total;
  a->period_total[0] += b->period_total[0];
  a->period_total[1] += b->period_total[1];
  for (int d = 0; d < 7; d++)
    for (int h = 0; h < 24; h++)
      a->when[d][h] += b->when[d][h];
}

/* ------------------------------------------------------------------------ */
/* Resolution times                                                         */

/* The @k-th smallest (from 0) of @v, reordering it. */
static gint64
stead_need_trends_select (gint64 *v,
                          gsize   n,
                          gsize   k)
{
  gsize lo = 0, hi = n - 1;

  while (lo < hi)
    {
      gint64 pivot = v[lo + (hi - lo) / 2];
      gsize i = lo, j = hi;

      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              gint64 t = v[i];

              v[i] = v[j];
              v[j] = t;
              i++;
              if (j == 0)
                break;
              j--;
            }
        }
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        return v[k];
    }
  return v[k];
}

static void
stead_need_trends_resolution (GArray                    *durations,
                              SteadNeedTrendsResolution *out)
{
  gint64 *v = (gint64 *) durations->data;
  gsize n = durations->len;

  out->count = n;
  out->median_hours = out->p90_hours = 0;
  if (n == 0)
    return;
  out->p90_hours = stead_need_trends_select (v, n, (9 * n + 9) / 10 - 1) / (double) NT_MS_PER_HOUR;
  if (n % 2 == 1)
    out->median_hours = stead_need_trends_select (v, n, n / 2) / (double) NT_MS_PER_HOUR;
  else
    {
      gint64 lower = stead_need_trends_select (v, n, n / 2 - 1);
      gint64 upper = G_MAXINT64;

      /* The smallest of those above the lower middle one. */
      for (gsize i = n / 2; i < n; i++)
        upper = MIN (upper, v[i]);
      out->median_hours = (lower + upper) / 2.0 / NT_MS_PER_HOUR;
    }
}

/* ------------------------------------------------------------------------ */
/* The result                                                               */

static int
stead_need_trends_kind_compare (gconstpointer a,
                                gconstpointer b)
{
  const SteadNeedTrendsKind *ka = a, *kb = b;

  if (ka->count != kb->count)
    return ka->count > kb->count ? -1 : 1;
  return strcmp (ka->kind, kb->kind);
}

static int
stead_need_trends_group_compare (gconstpointer a,
                                 gconstpointer b)
{
  const SteadNeedTrendsGroup *ga = a, *gb = b;

  if (ga->count != gb->count)
    return ga->count > gb->count ? -1 : 1;
  return ga->id < gb->id ? -1 : ga->id > gb->id;
}

static char *
stead_need_trends_rate (double per_day,
                        double days)
{
  /* Weeks when the baseline is a week or more, else days. */
  if (days >= 7)
    return g_strdup_printf (_("%.1f a week"), per_day * 7);
  return g_strdup_printf (_("%.1f a day"), per_day);
}

typedef struct
{
  double  score;
  char   *text;
} NtSentence;

static int
stead_need_trends_sentence_compare (gconstpointer a,
                                    gconstpointer b)
{
  const NtSentence *sa = a, *sb = b;

  return sa->score > sb->score ? -1 : sa->score < sb->score;
}

/* A difference between the periods, or NULL when it is not notable. */
static char *
stead_need_trends_difference (const char *what,
                              guint       incident,
                              guint       baseline,
                              double      incident_days,
                              double      baseline_days,
                              double     *score)
{
  double rate_i = incident / incident_days, rate_b = baseline / baseline_days;
  double expected = rate_b * incident_days;
  gboolean week = fabs (incident_days - 7) < 0.01;
  g_autofree char *rate = stead_need_trends_rate (rate_b, baseline_days);

  *score = fabs (incident - expected);
  if (*score < 5)
    return NULL;
  if (baseline == 0)
    return g_strdup_printf (week ? _("%s: %u in the incident week against none in the baseline")
                                 : _("%s: %u in the incident period against none in the baseline"),
                            what, incident);
  if (rate_i < 2 * rate_b && rate_i > 0.5 * rate_b)
    return NULL;
  return g_strdup_printf (week
                           ? _("%s: %u in the incident week against %s in the baseline (%.1fx)")
                           : _("%s: %u in the incident period against %s in the baseline (%.1fx)"),
                          what, incident, rate, rate_i / rate_b);
}

static void
stead_need_trends_differences (SteadNeedTrends *t)
{
  g_autoptr(GArray) sentences = g_array_new (FALSE, FALSE, sizeof (NtSentence));
  double score, best_rise = 0, total_rise;
  const SteadNeedTrendsArea *best = NULL;
  NtSentence s;

  s.text = stead_need_trends_difference (_("All needs"), t->incident_total, t->baseline_total,
                                         t->incident_days, t->baseline_days, &score);
  if (s.text != NULL)
    {
      s.score = G_MAXDOUBLE;
      g_array_append_val (sentences, s);
    }
  for (guint i = 0; i < t->kinds->len; i++)
    {
      const SteadNeedTrendsKind *k = &g_array_index (t->kinds, SteadNeedTrendsKind, i);

      s.text = stead_need_trends_difference (k->label, k->incident, k->baseline, t->incident_days,
                              t->baseline_days, &s.score);
      if (s.text != NULL)
        g_array_append_val (sentences, s);
    }
  g_array_sort (sentences, stead_need_trends_sentence_compare);

  /* Where the rise was. */
  total_rise = t->incident_total - t->baseline_total / t->baseline_days * t->incident_days;
  for (guint i = 0; i < t->areas->len; i++)
    {
      const SteadNeedTrendsArea *a = &g_array_index (t->areas, SteadNeedTrendsArea, i);
      double rise = a->incident - a->baseline_per_day * t->incident_days;

      if (rise > best_rise)
        best_rise = rise, best = a;
    }
  for (guint i = 0; i < sentences->len; i++)
    g_ptr_array_add (t->differences, g_array_index (sentences, NtSentence, i).text);
  if (best != NULL && best_rise >= 5 && total_rise > 0)
    g_ptr_array_add (t->differences,
                     g_strdup_printf (best_rise * 2 > total_rise
                                        ? _("Most of the rise was in %s (+%.0f)")
                                        : _("The largest rise was in %s (+%.0f)"),
                                      best->name, best_rise));
}

static gboolean
stead_need_trends_groups (const NtJob      *job,
                          sqlite3          *db,
                          SteadNeedTrends  *t,
                          GError          **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) groups = g_array_new (FALSE, TRUE, sizeof (SteadNeedTrendsGroup));

  for (guint q = 0; q < job->group_sqls->len; q++)
    {
      g_autofree char *sql = g_strdup_printf (
        "SELECT t.group_id, t.group_name, n.opened FROM (%s) t JOIN need n ON n.fid = t.need",
        (const char *) g_ptr_array_index (job->group_sqls, q));
      g_autoptr(sqlite3_stmt) stmt = NULL;

      /* A plugin's tables may not be in the file yet (enabled since, and
       * the file opened read-only: the workspace migrated a copy of it
       * in memory, this reads the file): then it published nothing. */
      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          g_debug ("Target groups of needs left out: %s", sqlite3_errmsg (db));
          continue;
        }
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          const char *name = (const char *) sqlite3_column_text (stmt, 1);
          gint64 opened =
            stead_need_trends_parse_time ((const char *) sqlite3_column_text (stmt, 2));
          gpointer found;
          SteadNeedTrendsGroup *g;

          if (sqlite3_column_type (stmt, 0) == SQLITE_NULL || opened == NT_NONE)
            continue;
          if (!g_hash_table_lookup_extended (by_id, &id, NULL, &found))
            {
              SteadNeedTrendsGroup fresh = { id, NULL, 0, 0, 0 };

              g_array_append_val (groups, fresh);
              found = GUINT_TO_POINTER (groups->len);
              g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), found);
            }
          g = &g_array_index (groups, SteadNeedTrendsGroup, GPOINTER_TO_UINT (found) - 1);
          if (g->name == NULL && name != NULL)
            g->name = g_strdup (name);
          g->count += opened >= job->from && opened < job->to;
          if (job->compare)
            {
              g->baseline += opened >= job->periods[0][0] && opened < job->periods[0][1];
              g->incident += opened >= job->periods[1][0] && opened < job->periods[1][1];
            }
        }
    }
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, by_id);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_free (key);
  }

  /* Names the plugins left out are the target group's record's. */
  for (guint i = 0; i < groups->len; i++)
    {
      SteadNeedTrendsGroup *g = &g_array_index (groups, SteadNeedTrendsGroup, i);
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (g->name != NULL || job->group_title_sql == NULL)
        continue;
      if (sqlite3_prepare_v2 (db, job->group_title_sql, -1, &stmt, NULL) == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, g->id);
          if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
            g->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
        }
    }
  for (guint i = 0; i < groups->len; i++)
    {
      SteadNeedTrendsGroup *g = &g_array_index (groups, SteadNeedTrendsGroup, i);

      if (g->name == NULL)
        g->name = g_strdup_printf (_("Target group %" G_GINT64_FORMAT), g->id);
    }
  g_array_sort (groups, stead_need_trends_group_compare);
  g_array_append_vals (t->groups, groups->data, groups->len);
  return TRUE;
}

static void
stead_need_trends_kind_clear (gpointer data)
{
  SteadNeedTrendsKind *k = data;

  g_free (k->kind);
  g_free (k->label);
}

static void
stead_need_trends_area_clear (gpointer data)
{
  SteadNeedTrendsArea *a = data;

  g_free (a->code);
  g_free (a->name);
  g_free (a->by_kind);
}

static void
stead_need_trends_group_clear (gpointer data)
{
  g_free (((SteadNeedTrendsGroup *) data)->name);
}

static SteadNeedTrends *
stead_need_trends_result (const NtJob *job,
                          NtAcc       *acc)
{
  SteadNeedTrends *t = g_new0 (SteadNeedTrends, 1);
  guint n_buckets = job->bounds->len - 1;
  guint n_areas = job->areas->areas->len;
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree guint *order = g_new (guint, MAX (acc->kinds->len, 1));
  gint backlog = 0;

  t->bucket = job->bucket;
  t->from = job->from;
  t->to = job->to;
  t->time_zone = g_strdup (job->time_zone);
  t->area_kind = g_strdup (job->area_kind);
  t->buckets = g_array_sized_new (FALSE, TRUE, sizeof (SteadNeedTrendsBucketRow), n_buckets);
  t->kinds = g_array_new (FALSE, TRUE, sizeof (SteadNeedTrendsKind));
  g_array_set_clear_func (t->kinds, stead_need_trends_kind_clear);
  t->areas = g_array_new (FALSE, TRUE, sizeof (SteadNeedTrendsArea));
  g_array_set_clear_func (t->areas, stead_need_trends_area_clear);
  t->groups = g_array_new (FALSE, TRUE, sizeof (SteadNeedTrendsGroup));
  g_array_set_clear_func (t->groups, stead_need_trends_group_clear);
  t->differences = g_ptr_array_new_with_free_func (g_free);

  for (guint b = 0; b < n_buckets; b++)
    {
      SteadNeedTrendsBucketRow row = {
        g_array_index (job->bounds, gint64, b), g_array_index (job->bounds, gint64, b + 1),
        acc->opened[b], acc->closed[b], 0,
      };

      backlog += acc->backlog[b];
      row.backlog = (guint) MAX (backlog, 0);
      g_array_append_val (t->buckets, row);
    }
  t->total = acc->total;
  t->closed = acc->closed_total;
  memcpy (t->when, acc->when, sizeof t->when);
  t->outside = acc->outside;
  if (job->compare)
    {
      t->baseline_days = (job->periods[0][1] - job->periods[0][0]) / (double) NT_MS_PER_DAY;
      t->incident_days = (job->periods[1][1] - job->periods[1][0]) / (double) NT_MS_PER_DAY;
      t->baseline_total = acc->period_total[0];
      t->incident_total = acc->period_total[1];
    }

  for (guint k = 0; k < acc->kinds->len; k++)
    {
      NtKindAcc *ka = &g_array_index (acc->kinds, NtKindAcc, k);
      SteadNeedTrendsKind kind = { 0 };

      kind.kind = g_strdup (g_ptr_array_index (acc->kind_codes, k));
      kind.count = ka->count;
      kind.share = acc->total > 0 ? (double) ka->count / acc->total : 0;
      g_array_append_vals (all, ka->durations->data, ka->durations->len);
      stead_need_trends_resolution (ka->durations, &kind.resolution);
      if (job->compare)
        {
          kind.baseline = ka->in_period[0];
          kind.incident = ka->in_period[1];
          kind.baseline_per_day = kind.baseline / t->baseline_days;
          kind.incident_per_day = kind.incident / t->incident_days;
          kind.baseline_share = t->baseline_total > 0 ? (double) kind.baseline / t->baseline_total
                                                      : 0;
          kind.incident_share = t->incident_total > 0 ? (double) kind.incident / t->incident_total
                                                      : 0;
          kind.share_change = kind.incident_share - kind.baseline_share;
        }
      g_array_append_val (t->kinds, kind);
    }
  stead_need_trends_resolution (all, &t->resolution);
  /* Most needs first; each area's counts by kind in that order. */
  {
    g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (char *));

    for (guint k = 0; k < t->kinds->len; k++)
      g_array_append_val (codes, g_array_index (t->kinds, SteadNeedTrendsKind, k).kind);
    g_array_sort (t->kinds, stead_need_trends_kind_compare);
    for (guint k = 0; k < t->kinds->len; k++)
      for (guint j = 0; j < codes->len; j++)
        if (g_array_index (codes, char *, j) ==
            g_array_index (t->kinds, SteadNeedTrendsKind, k).kind)
          order[k] = j;
  }
  for (guint i = 0; i < n_areas; i++)
    {
      const NtArea *na = &g_array_index (job->areas->areas, NtArea, i);
      SteadNeedTrendsArea area = { na->fid, g_strdup (na->code), g_strdup (na->name),
                                   acc->area_count[i], g_new0 (guint, MAX (t->kinds->len, 1)) };

      for (guint k = 0; k < t->kinds->len; k++)
        area.by_kind[k] = g_array_index (acc->area_kind, guint, (gsize) order[k] * n_areas + i);
      if (job->compare)
        {
          area.baseline = acc->area_period[0][i];
          area.incident = acc->area_period[1][i];
          area.baseline_per_day = area.baseline / t->baseline_days;
          area.incident_per_day = area.incident / t->incident_days;
        }
      g_array_append_val (t->areas, area);
    }
  return t;
}

/* ------------------------------------------------------------------------ */
/* Running                                                                  */

static void
stead_need_trends_collect_group_sql (SteadWorkspace *workspace,
                                     const char     *module_name,
                                     GObject        *addin,
                                     gpointer        user_data)
{
  const char *sql = stead_workspace_addin_get_need_groups_sql (STEAD_WORKSPACE_ADDIN (addin));

  if (sql != NULL)
    g_ptr_array_add (user_data, (gpointer) sql);
}

/* What the query asks, resolved on the caller's thread (the plugins'
 * hooks); FALSE with @error when it makes no sense. */
static NtJob *
stead_need_trends_job_new (SteadWorkspace             *workspace,
                           const SteadNeedTrendsQuery *query,
                           GCancellable               *cancellable,
                           GError                    **error)
{
  NtJob *job;
  const SteadRecordKind *group_kind;

  if (query->to <= query->from)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The end of the range must be after its start"));
      return NULL;
    }
  if ((query->baseline_from != 0 || query->baseline_to != 0 || query->incident_from != 0 ||
       query->incident_to != 0) &&
      (query->baseline_to <= query->baseline_from || query->incident_to <= query->incident_from))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The baseline and the incident period each need an end after their start"));
      return NULL;
    }
  if (query->bucket > STEAD_NEED_TRENDS_MONTH)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown length of bucket"));
      return NULL;
    }

  job = g_new0 (NtJob, 1);
  job->workspace = g_object_ref (workspace);
  job->bucket = query->bucket;
  job->area_kind = g_strdup (query->area_kind != NULL ? query->area_kind : "ward");
  job->time_zone = g_strdup (query->time_zone != NULL ? query->time_zone : "Europe/London");
  job->tz = g_time_zone_new_identifier (job->time_zone);
  if (job->tz == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown time zone “%s”"), job->time_zone);
      stead_need_trends_job_free (job);
      return NULL;
    }
  job->compare = query->baseline_to > query->baseline_from;
  job->periods[0][0] = query->baseline_from;
  job->periods[0][1] = query->baseline_to;
  job->periods[1][0] = query->incident_from;
  job->periods[1][1] = query->incident_to;

  /* Whole buckets. */
  job->bounds = g_array_new (FALSE, FALSE, sizeof (gint64));
  job->from = stead_need_trends_bucket_floor (job->tz, job->bucket, query->from);
  g_array_append_val (job->bounds, job->from);
  for (gint64 b = job->from; b < query->to;)
    {
      b = stead_need_trends_bucket_next (job->tz, job->bucket, b);
      g_array_append_val (job->bounds, b);
    }
  job->to = g_array_index (job->bounds, gint64, job->bounds->len - 1);

  /* The zone's offset for every hour of the range. */
  job->hour0 = job->from - ((job->from % NT_MS_PER_HOUR) + NT_MS_PER_HOUR) % NT_MS_PER_HOUR;
  job->n_offsets = (gsize) ((job->to - job->hour0) / NT_MS_PER_HOUR + 1);
  job->offsets = g_new (gint32, job->n_offsets);
  for (gsize h = 0; h < job->n_offsets; h++)
    {
      gint64 secs = (job->hour0 + (gint64) h * NT_MS_PER_HOUR) / 1000;
      int interval = g_time_zone_find_interval (job->tz, G_TIME_TYPE_UNIVERSAL, secs);

      job->offsets[h] = g_time_zone_get_offset (job->tz, MAX (interval, 0)) * 1000;
    }

  job->group_sqls = g_ptr_array_new ();
  stead_workspace_foreach_addin (workspace, stead_need_trends_collect_group_sql, job->group_sqls);
  group_kind = stead_workspace_get_record_kind (workspace, "target-group");
  job->group_title_sql = group_kind != NULL ? group_kind->title_sql : NULL;
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  return job;
}

typedef struct
{
  const NtJob *job;
  gint64       fid_from, fid_to;
  NtAcc       *acc;
  GError      *error;
} NtPart;

static gpointer
stead_need_trends_part_run (gpointer data)
{
  NtPart *part = data;
  sqlite3 *db = stead_workspace_open_reader (part->job->workspace, &part->error);

  if (db != NULL)
    {
      stead_need_trends_scan (part->job, db, part->fid_from, part->fid_to, part->acc, &part->error);
      sqlite3_close (db);
    }
  return NULL;
}

static SteadNeedTrends *
stead_need_trends_job_run (NtJob   *job,
                           GError **error)
{
  sqlite3 *db = stead_workspace_open_reader (job->workspace, error);
  NtPart parts[NT_MAX_THREADS] = { { 0 } };
  GThread *threads[NT_MAX_THREADS] = { NULL };
  SteadNeedTrends *t = NULL;
  gint64 min_fid = 0, max_fid = 0;
  guint n_parts;

  if (db == NULL)
    return NULL;
  job->areas = stead_need_trends_area_index_new (db, job->area_kind, error);
  if (job->areas == NULL)
    {
      sqlite3_close (db);
      return NULL;
    }
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;

    if (sqlite3_prepare_v2 (db, "SELECT coalesce (min (fid), 1) - 1, coalesce (max (fid), 0) "
                                "FROM need", -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step (stmt) == SQLITE_ROW)
      {
        min_fid = sqlite3_column_int64 (stmt, 0);
        max_fid = sqlite3_column_int64 (stmt, 1);
      }
  }

  /* A part per core for a big table; the first on this thread. */
  n_parts = max_fid - min_fid > 100000 ? MIN (g_get_num_processors (), NT_MAX_THREADS) : 1;
  for (guint i = 0; i < n_parts; i++)
    {
      parts[i].job = job;
      parts[i].fid_from = min_fid + (max_fid - min_fid) * i / n_parts;
      parts[i].fid_to = i + 1 == n_parts ? G_MAXINT64
                                         : min_fid + (max_fid - min_fid) * (i + 1) / n_parts;
      parts[i].acc = stead_need_trends_acc_new (job);
    }
  for (guint i = 1; i < n_parts; i++)
    threads[i] = g_thread_new ("stead-need-trends", stead_need_trends_part_run, &parts[i]);
  stead_need_trends_scan (job, db, parts[0].fid_from, parts[0].fid_to, parts[0].acc,
                          &parts[0].error);
  for (guint i = 1; i < n_parts; i++)
    {
      g_thread_join (threads[i]);
      if (parts[0].error == NULL && parts[i].error != NULL)
        g_propagate_error (&parts[0].error, g_steal_pointer (&parts[i].error));
      g_clear_error (&parts[i].error);
      stead_need_trends_acc_merge (parts[0].acc, parts[i].acc, job);
    }

  if (parts[0].error == NULL && !g_cancellable_set_error_if_cancelled (job->cancellable,
                                                                       &parts[0].error))
    {
      t = stead_need_trends_result (job, parts[0].acc);
      if (!stead_need_trends_groups (job, db, t, &parts[0].error))
        g_clear_pointer (&t, stead_need_trends_free);
    }
  if (parts[0].error != NULL)
    g_propagate_error (error, parts[0].error);
  for (guint i = 0; i < n_parts; i++)
    stead_need_trends_acc_free (parts[i].acc);
  sqlite3_close (db);
  return t;
}

/* The kinds' labels and the differences, on the caller's thread (the
 * workspace's vocabulary). */
static void
stead_need_trends_finish (SteadWorkspace  *workspace,
                          SteadNeedTrends *t)
{
  for (guint i = 0; i < t->kinds->len; i++)
    {
      SteadNeedTrendsKind *k = &g_array_index (t->kinds, SteadNeedTrendsKind, i);

      k->label = stead_workspace_get_term_label (workspace, "need-kind", k->kind);
      if (k->label == NULL)
        k->label = g_strdup (k->kind);
    }
  if (t->baseline_days > 0 && t->incident_days > 0)
    stead_need_trends_differences (t);
}

/**
 * stead_need_trends_query_init:
 * @query: a #SteadNeedTrendsQuery
 * @from: the first instant (ms since the epoch)
 * @to: the end of the range (exclusive)
 * @bucket: how long a bucket is
 *
 * A query of every need in the range, by ward, in Europe/London time,
 * with no comparison.
 */
void
stead_need_trends_query_init (SteadNeedTrendsQuery  *query,
                              gint64                 from,
                              gint64                 to,
                              SteadNeedTrendsBucket  bucket)
{
  g_return_if_fail (query != NULL);

  memset (query, 0, sizeof *query);
  query->from = from;
  query->to = to;
  query->bucket = bucket;
}

/**
 * stead_need_trends_compute:
 * @workspace: a #SteadWorkspace
 * @query: what to aggregate
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Aggregates the core `need` table into the views of @query, on
 * read-only connections of its own (it never writes). Blocks: the window
 * calls stead_need_trends_compute_async().
 *
 * Returns: (transfer full) (nullable): the trends
 */
SteadNeedTrends *
stead_need_trends_compute (SteadWorkspace             *workspace,
                           const SteadNeedTrendsQuery *query,
                           GCancellable               *cancellable,
                           GError                    **error)
{
  NtJob *job;
  SteadNeedTrends *t;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  job = stead_need_trends_job_new (workspace, query, cancellable, error);
  if (job == NULL)
    return NULL;
  t = stead_need_trends_job_run (job, error);
  stead_need_trends_job_free (job);
  if (t != NULL)
    stead_need_trends_finish (workspace, t);
  return t;
}

static void
stead_need_trends_task_run (GTask        *task,
                            gpointer      source,
                            gpointer      task_data,
                            GCancellable *cancellable)
{
  GError *error = NULL;
  SteadNeedTrends *t = stead_need_trends_job_run (task_data, &error);

  if (t == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, t, (GDestroyNotify) stead_need_trends_free);
}

/**
 * stead_need_trends_compute_async:
 * @workspace: a #SteadWorkspace
 * @query: what to aggregate (copied)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the trends are ready
 * @user_data: for @callback
 *
 * stead_need_trends_compute() on a worker thread.
 */
void
stead_need_trends_compute_async (SteadWorkspace             *workspace,
                                 const SteadNeedTrendsQuery *query,
                                 GCancellable               *cancellable,
                                 GAsyncReadyCallback         callback,
                                 gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  NtJob *job;

  g_return_if_fail (STEAD_IS_WORKSPACE (workspace));
  g_return_if_fail (query != NULL);

  task = g_task_new (workspace, cancellable, callback, user_data);
  g_task_set_source_tag (task, stead_need_trends_compute_async);
  job = stead_need_trends_job_new (workspace, query, cancellable, &error);
  if (job == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, job, (GDestroyNotify) stead_need_trends_job_free);
  g_task_run_in_thread (task, stead_need_trends_task_run);
}

/**
 * stead_need_trends_compute_finish:
 * @workspace: a #SteadWorkspace
 * @result: the #GAsyncResult
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the trends
 */
SteadNeedTrends *
stead_need_trends_compute_finish (SteadWorkspace  *workspace,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  SteadNeedTrends *t;

  g_return_val_if_fail (g_task_is_valid (result, workspace), NULL);

  t = g_task_propagate_pointer (G_TASK (result), error);
  if (t != NULL)
    stead_need_trends_finish (workspace, t);
  return t;
}

void
stead_need_trends_free (SteadNeedTrends *trends)
{
  if (trends == NULL)
    return;
  g_free (trends->time_zone);
  g_free (trends->area_kind);
  g_clear_pointer (&trends->buckets, g_array_unref);
  g_clear_pointer (&trends->kinds, g_array_unref);
  g_clear_pointer (&trends->areas, g_array_unref);
  g_clear_pointer (&trends->groups, g_array_unref);
  g_clear_pointer (&trends->differences, g_ptr_array_unref);
  g_free (trends);
}

const SteadNeedTrendsKind *
stead_need_trends_find_kind (const SteadNeedTrends *trends,
                             const char            *kind)
{
  g_return_val_if_fail (trends != NULL && kind != NULL, NULL);

  for (guint i = 0; i < trends->kinds->len; i++)
    if (strcmp (g_array_index (trends->kinds, SteadNeedTrendsKind, i).kind, kind) == 0)
      return &g_array_index (trends->kinds, SteadNeedTrendsKind, i);
  return NULL;
}

const SteadNeedTrendsArea *
stead_need_trends_find_area (const SteadNeedTrends *trends,
                             gint64                 fid)
{
  g_return_val_if_fail (trends != NULL, NULL);

  for (guint i = 0; i < trends->areas->len; i++)
    if (g_array_index (trends->areas, SteadNeedTrendsArea, i).fid == fid)
      return &g_array_index (trends->areas, SteadNeedTrendsArea, i);
  return NULL;
}
