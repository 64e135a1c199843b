/* test-need-trends.c: need over time against a brute-force oracle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The oracle reads every need with SQL of its own, works out its times
 * with GDateTime (not the code under test's parser or offsets), its areas
 * with the need_area view, and counts in plain loops.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "stead.h"
#include "stead-test-util.h"

typedef struct
{
  gint64  fid;
  char   *kind;
  gint64  opened;     /* ms */
  gint64  end;        /* ms when met, closed or cancelled; -1 while open */
  gboolean resolved;  /* met or closed */
} Row;

static gint64
iso_ms (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return -1;
  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    {
      /* A date alone: midnight UTC. */
      g_autofree char *full = g_strconcat (text, "T00:00:00Z", NULL);

      dt = g_date_time_new_from_iso8601 (full, utc);
    }
  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
}

/* Midnight of a local date, in ms. */
static gint64
local_ms (const char *zone,
          int         y,
          int         m,
          int         d)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) dt = g_date_time_new (tz, y, m, d, 0, 0, 0);

  return g_date_time_to_unix (dt) * 1000;
}

static void
row_clear (gpointer data)
{
  g_free (((Row *) data)->kind);
}

static GArray *
read_rows (SteadWorkspace *ws)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
    ws,
    "SELECT fid, kind, opened, "
    "  CASE status WHEN 'open' THEN NULL WHEN 'assigned' THEN NULL "
    "  ELSE ifnull (closed, met) END, status = 'met' OR status = 'closed' FROM need",
    NULL);

  g_array_set_clear_func (rows, row_clear);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Row r = {
        sqlite3_column_int64 (stmt, 0),
        g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        iso_ms ((const char *) sqlite3_column_text (stmt, 2)),
        iso_ms ((const char *) sqlite3_column_text (stmt, 3)),
        sqlite3_column_int (stmt, 4) != 0,
      };

      g_array_append_val (rows, r);
    }
  return rows;
}

/* The julian day of the local date that starts @ms's bucket. */
static guint
bucket_key (GTimeZone             *tz,
            SteadNeedTrendsBucket  bucket,
            gint64                 ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  if (bucket == STEAD_NEED_TRENDS_WEEK)
    g_date_subtract_days (&date, g_date_get_weekday (&date) - G_DATE_MONDAY);
  else if (bucket == STEAD_NEED_TRENDS_MONTH)
    g_date_set_day (&date, 1);
  return g_date_get_julian (&date);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
assert_resolution (GArray                          *durations,
                   const SteadNeedTrendsResolution *got)
{
  gsize n = durations->len;
  double median, p90;

  g_assert_cmpuint (got->count, ==, n);
  if (n == 0)
    return;
  g_array_sort (durations, compare_int64);
  median = n % 2 ? g_array_index (durations, gint64, n / 2)
                 : (g_array_index (durations, gint64, n / 2 - 1) +
                    g_array_index (durations, gint64, n / 2)) / 2.0;
  /* Nearest rank: the smallest with at least 90% at or below it. */
  {
    gsize rank = 1;

    while (rank * 10 < n * 9)
      rank++;
    p90 = g_array_index (durations, gint64, rank - 1);
  }
  g_assert_cmpfloat_with_epsilon (got->median_hours, median / 3600000.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (got->p90_hours, p90 / 3600000.0, 1e-9);
}

static gboolean
in (gint64 t,
    gint64 from,
    gint64 to)
{
  return t >= from && t < to;
}

/* Every view of @t against the rows. */
static void
assert_oracle (SteadWorkspace        *ws,
               GArray                *rows,
               const SteadNeedTrendsQuery *q,
               const SteadNeedTrends *t)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (q->time_zone);
  g_autoptr(GHashTable) opened = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) closed = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) kinds = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) by_fid = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint when[7][24] = { { 0 } };
  guint total = 0, n_closed = 0, placed = 0, base = 0, inc = 0;

  /* The range is whole buckets about the query's. */
  g_assert_cmpuint (bucket_key (tz, q->bucket, q->from), ==, bucket_key (tz, q->bucket, t->from));
  g_assert_cmpint (t->from, <=, q->from);
  g_assert_cmpint (t->to, >=, q->to);
  g_assert_cmpuint (bucket_key (tz, q->bucket, t->to - 1), ==,
                    bucket_key (tz, q->bucket, q->to - 1));

  for (guint i = 0; i < rows->len; i++)
    {
      Row *r = &g_array_index (rows, Row, i);

      g_hash_table_insert (by_fid, &r->fid, r);
      if (r->end >= 0 && in (r->end, t->from, t->to))
        {
          guint key = bucket_key (tz, q->bucket, r->end);

          g_hash_table_insert (closed, GUINT_TO_POINTER (key),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (
                                 g_hash_table_lookup (closed, GUINT_TO_POINTER (key))) + 1));
          n_closed++;
        }
      if (!in (r->opened, t->from, t->to))
        continue;
      {
        guint key = bucket_key (tz, q->bucket, r->opened);
        g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (r->opened / 1000);
        g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
        GArray *d = g_hash_table_lookup (kinds, r->kind);

        g_hash_table_insert (opened, GUINT_TO_POINTER (key),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (
                               g_hash_table_lookup (opened, GUINT_TO_POINTER (key))) + 1));
        when[g_date_time_get_day_of_week (local) - 1][g_date_time_get_hour (local)]++;
        total++;
        if (d == NULL)
          g_hash_table_insert (kinds, r->kind, (d = g_array_new (FALSE, FALSE, sizeof (gint64))));
        /* The first element counts the kind's needs; the rest are durations. */
        if (d->len == 0)
          {
            gint64 zero = 0;

            g_array_append_val (d, zero);
          }
        g_array_index (d, gint64, 0)++;
        if (r->resolved && r->end >= r->opened)
          {
            gint64 duration = r->end - r->opened;

            g_array_append_val (d, duration);
            g_array_append_val (all, duration);
          }
      }
    }

  /* Volume. */
  g_assert_cmpuint (t->total, ==, total);
  g_assert_cmpuint (t->closed, ==, n_closed);
  for (guint b = 0; b < t->buckets->len; b++)
    {
      const SteadNeedTrendsBucketRow *row =
        &g_array_index (t->buckets, SteadNeedTrendsBucketRow, b);
      guint key = bucket_key (tz, q->bucket, row->start);
      guint backlog = 0;

      /* Each starts at local midnight where the last ended. */
      g_assert_cmpuint (key, ==, bucket_key (tz, STEAD_NEED_TRENDS_DAY, row->start));
      g_assert_cmpuint (key, !=, bucket_key (tz, STEAD_NEED_TRENDS_DAY, row->start - 1));
      g_assert_cmpint (row->start, ==, b == 0 ? t->from
                                              : g_array_index (t->buckets, SteadNeedTrendsBucketRow,
                                                               b - 1).end);
      g_assert_cmpuint (bucket_key (tz, q->bucket, row->end - 1), ==, key);
      g_assert_cmpuint (row->opened, ==,
                        GPOINTER_TO_UINT (g_hash_table_lookup (opened, GUINT_TO_POINTER (key))));
      g_assert_cmpuint (row->closed, ==,
                        GPOINTER_TO_UINT (g_hash_table_lookup (closed, GUINT_TO_POINTER (key))));
      for (guint i = 0; i < rows->len; i++)
        {
          Row *r = &g_array_index (rows, Row, i);

          backlog += r->opened < row->end && (r->end < 0 || r->end >= row->end);
        }
      g_assert_cmpuint (row->backlog, ==, backlog);
    }
  g_assert_cmpint (g_array_index (t->buckets, SteadNeedTrendsBucketRow, t->buckets->len - 1).end,
                   ==, t->to);
  assert_resolution (all, &t->resolution);

  /* When. */
  for (int d = 0; d < 7; d++)
    for (int h = 0; h < 24; h++)
      g_assert_cmpuint (t->when[d][h], ==, when[d][h]);

  /* Type. */
  g_assert_cmpuint (t->kinds->len, >=, g_hash_table_size (kinds));
  for (guint i = 0; i < t->kinds->len; i++)
    {
      const SteadNeedTrendsKind *k = &g_array_index (t->kinds, SteadNeedTrendsKind, i);
      GArray *d = g_hash_table_lookup (kinds, k->kind);
      guint count = d != NULL ? (guint) g_array_index (d, gint64, 0) : 0;
      guint kb = 0, ki = 0;

      g_assert_cmpuint (k->count, ==, count);
      g_assert_cmpfloat_with_epsilon (k->share, total ? (double) count / total : 0, 1e-12);
      if (i > 0)
        g_assert_cmpuint (k->count, <=, g_array_index (t->kinds, SteadNeedTrendsKind, i - 1).count);
      if (d != NULL)
        {
          g_autoptr(GArray) durations = g_array_new (FALSE, FALSE, sizeof (gint64));

          g_array_append_vals (durations, (gint64 *) d->data + 1, d->len - 1);
          assert_resolution (durations, &k->resolution);
        }
      else
        g_assert_cmpuint (k->resolution.count, ==, 0);
      for (guint r = 0; r < rows->len; r++)
        {
          Row *row = &g_array_index (rows, Row, r);

          if (strcmp (row->kind, k->kind) != 0)
            continue;
          kb += in (row->opened, q->baseline_from, q->baseline_to);
          ki += in (row->opened, q->incident_from, q->incident_to);
        }
      if (q->baseline_to > q->baseline_from)
        {
          g_assert_cmpuint (k->baseline, ==, kb);
          g_assert_cmpuint (k->incident, ==, ki);
          g_assert_cmpfloat_with_epsilon (k->baseline_per_day,
                                          kb / ((q->baseline_to - q->baseline_from) / 86400000.0),
                                          1e-9);
          g_assert_cmpfloat_with_epsilon (k->incident_per_day,
                                          ki / ((q->incident_to - q->incident_from) / 86400000.0),
                                          1e-9);
        }
      base += kb;
      inc += ki;
    }
  if (q->baseline_to > q->baseline_from)
    {
      g_assert_cmpuint (t->baseline_total, ==, base);
      g_assert_cmpuint (t->incident_total, ==, inc);
      for (guint i = 0; i < t->kinds->len; i++)
        {
          const SteadNeedTrendsKind *k = &g_array_index (t->kinds, SteadNeedTrendsKind, i);

          g_assert_cmpfloat_with_epsilon (k->share_change,
                                          (inc ? (double) k->incident / inc : 0) -
                                            (base ? (double) k->baseline / base : 0),
                                          1e-12);
        }
    }

  /* Where: the need_area view. */
  {
    g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
      ws, "SELECT area, need FROM need_area WHERE kind = ?1 ORDER BY need", NULL);
    g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          g_free);
    g_autoptr(GHashTable) placed_set = g_hash_table_new (g_int64_hash, g_int64_equal);
    guint n_areas = stead_test_count (ws, "SELECT count (*) FROM area WHERE kind = 'ward'");

    g_assert_cmpuint (t->areas->len, ==, n_areas);
    sqlite3_bind_text (stmt, 1, q->area_kind != NULL ? q->area_kind : "ward", -1, SQLITE_STATIC);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        gint64 area = sqlite3_column_int64 (stmt, 0);
        gint64 fid = sqlite3_column_int64 (stmt, 1);
        Row *r = g_hash_table_lookup (by_fid, &fid);
        guint *c = g_hash_table_lookup (counts, &area);
        const SteadNeedTrendsArea *a = stead_need_trends_find_area (t, area);

        g_assert_nonnull (a);
        if (c == NULL)
          g_hash_table_insert (counts, g_memdup2 (&area, sizeof area),
                               (c = g_new0 (guint, 3 + t->kinds->len)));
        if (in (r->opened, t->from, t->to))
          {
            c[0]++;
            g_hash_table_add (placed_set, &r->fid);
            for (guint k = 0; k < t->kinds->len; k++)
              c[3 + k] +=
                strcmp (g_array_index (t->kinds, SteadNeedTrendsKind, k).kind, r->kind) == 0;
          }
        c[1] += in (r->opened, q->baseline_from, q->baseline_to);
        c[2] += in (r->opened, q->incident_from, q->incident_to);
      }
    placed = g_hash_table_size (placed_set);
    for (guint i = 0; i < t->areas->len; i++)
      {
        const SteadNeedTrendsArea *a = &g_array_index (t->areas, SteadNeedTrendsArea, i);
        guint *c = g_hash_table_lookup (counts, &a->fid);
        guint zero[64] = { 0 };

        g_assert_cmpuint (t->kinds->len, <, G_N_ELEMENTS (zero) - 3);
        if (c == NULL)
          c = zero;
        g_assert_cmpuint (a->count, ==, c[0]);
        for (guint k = 0; k < t->kinds->len; k++)
          g_assert_cmpuint (a->by_kind[k], ==, c[3 + k]);
        if (q->baseline_to > q->baseline_from)
          {
            g_assert_cmpuint (a->baseline, ==, c[1]);
            g_assert_cmpuint (a->incident, ==, c[2]);
          }
      }
    g_assert_cmpuint (t->outside, ==, total - placed);
  }
}

static void
add_need (SteadWorkspace *ws,
          double          x,
          double          y,
          const char     *kind,
          const char     *status,
          const char     *opened,
          const char     *closed)
{
  g_autoptr(SteadGeometry) point = stead_geometry_new_point (x, y);
  g_autoptr(GError) error = NULL;

  stead_workspace_edit (ws, "core", "Add a need",
                        "INSERT INTO need (geom, kind, status, opened, closed) "
                        "VALUES (?, ?, ?, ?, ?)",
                        STEAD_ARGS (STEAD_GEOMETRY (point), STEAD_STRING (kind),
                                    STEAD_STRING (status), STEAD_STRING (opened),
                                    STEAD_STRING (closed)),
                        &error);
  g_assert_no_error (error);
}

static SteadWorkspace *
demo_workspace (char **dir)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  SteadWorkspace *ws;

  *dir = g_dir_make_tmp ("stead-trends-XXXXXX", NULL);
  path = g_build_filename (*dir, "demo.gpkg", NULL);
  ws = stead_workspace_create (path, "Demo", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (stead_demo_populate (ws, 3000, 7, &error));
  g_assert_no_error (error);
  return ws;
}

/* Every view, every bucket, in UTC and UK time, on the demo with needs
 * on the edges of days, weeks (Monday 2 March 2026), months (February)
 * and summer time. */
static void
test_oracle (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(SteadWorkspace) ws = demo_workspace (&dir);
  g_autoptr(GArray) rows = NULL;
  static const char *zones[] = { "UTC", "Europe/London" };
  double x = -2.155, y = 51.995;   /* Tewkesbury */

  add_need (ws, x, y, "food", "open", "2026-03-01T23:59:59.999Z", NULL);
  add_need (ws, x, y, "food", "closed", "2026-03-02T00:00:00.000Z", "2026-03-02T00:00:00.000Z");
  add_need (ws, x, y, "food", "met", "2026-02-28T23:59:59.999Z", "2026-03-01T00:00:00.000Z");
  add_need (ws, x, y, "water", "cancelled", "2026-03-01T00:00:00.000Z", "2026-03-31T23:00:00Z");
  add_need (ws, x, y, "water", "open", "2026-07-01T23:30:00.000Z", NULL);   /* BST: 2 July */
  add_need (ws, x, y, "water", "closed", "2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00Z");
  add_need (ws, x, y, "water", "closed", "2025-11-30T12:00:00.000Z", "2025-12-03T12:00:00Z");
  rows = read_rows (ws);

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    for (SteadNeedTrendsBucket b = STEAD_NEED_TRENDS_DAY; b <= STEAD_NEED_TRENDS_MONTH; b++)
      {
        SteadNeedTrendsQuery q;
        g_autoptr(SteadNeedTrends) t = NULL;
        g_autoptr(GError) error = NULL;

        stead_need_trends_query_init (&q, local_ms (zones[z], 2025, 12, 3),
                                      local_ms (zones[z], 2026, 11, 20), b);
        q.time_zone = zones[z];
        q.baseline_from = local_ms (zones[z], 2025, 7, 7);
        q.baseline_to = local_ms (zones[z], 2025, 8, 4);
        q.incident_from = local_ms (zones[z], 2026, 7, 20);
        q.incident_to = local_ms (zones[z], 2026, 7, 27);
        t = stead_need_trends_compute (ws, &q, NULL, &error);
        g_assert_no_error (error);
        g_test_message ("%s, bucket %d: %u needs in %u buckets", zones[z], b, t->total,
                        t->buckets->len);
        g_assert_cmpuint (t->total, >, 1000);
        assert_oracle (ws, rows, &q, t);
      }
}

/* Hand-worked cases: bucket edges, the median and 90th percentile of an
 * odd and an even count, and the hour of a need in summer time. */
static void
test_by_hand (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-trends-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "hand.gpkg", NULL);
  g_autoptr(SteadWorkspace) ws = stead_workspace_create (path, "Hand", NULL, NULL);
  SteadNeedTrendsQuery q;
  g_autoptr(SteadNeedTrends) t = NULL;
  g_autoptr(SteadNeedTrends) utc = NULL;
  g_autoptr(GError) error = NULL;
  const SteadNeedTrendsKind *food, *water;

  /* Food: 1, 2, 3, 4 and 100 hours: median 3, p90 the 5th (100). */
  add_need (ws, 0, 0, "food", "closed", "2026-03-01T23:59:59.999Z", "2026-03-02T00:59:59.999Z");
  add_need (ws, 0, 0, "food", "closed", "2026-03-02T00:00:00.000Z", "2026-03-02T02:00:00.000Z");
  add_need (ws, 0, 0, "food", "met", "2026-03-02T00:00:00.000Z", "2026-03-02T03:00:00.000Z");
  add_need (ws, 0, 0, "food", "closed", "2026-03-09T00:00:00.000Z", "2026-03-09T04:00:00.000Z");
  add_need (ws, 0, 0, "food", "closed", "2026-03-10T00:00:00.000Z", "2026-03-14T04:00:00.000Z");
  /* Water: 1, 2, 3 and 10 hours (median 2.5, p90 the 4th: 10), one
   * cancelled (no resolution) and one open in summer time. */
  add_need (ws, 0, 0, "water", "closed", "2026-02-28T23:59:59.999Z", "2026-03-01T00:59:59.999Z");
  add_need (ws, 0, 0, "water", "closed", "2026-03-31T00:00:00.000Z", "2026-03-31T02:00:00.000Z");
  add_need (ws, 0, 0, "water", "closed", "2026-03-31T00:00:00.000Z", "2026-03-31T03:00:00.000Z");
  add_need (ws, 0, 0, "water", "closed", "2026-03-31T00:00:00.000Z", "2026-03-31T10:00:00.000Z");
  add_need (ws, 0, 0, "water", "cancelled", "2026-03-04T00:00:00.000Z", "2026-03-04T01:00:00Z");
  add_need (ws, 0, 0, "water", "open", "2026-07-01T23:30:00.000Z", NULL);

  stead_need_trends_query_init (&q, local_ms ("Europe/London", 2026, 2, 1),
                                local_ms ("Europe/London", 2026, 8, 1),
                                STEAD_NEED_TRENDS_MONTH);
  t = stead_need_trends_compute (ws, &q, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (t->total, ==, 11);
  g_assert_cmpuint (t->buckets->len, ==, 6);
  /* February: one water need at its last millisecond, closed in March. */
  g_assert_cmpuint (g_array_index (t->buckets, SteadNeedTrendsBucketRow, 0).opened, ==, 1);
  g_assert_cmpuint (g_array_index (t->buckets, SteadNeedTrendsBucketRow, 0).closed, ==, 0);
  g_assert_cmpuint (g_array_index (t->buckets, SteadNeedTrendsBucketRow, 0).backlog, ==, 1);
  g_assert_cmpuint (g_array_index (t->buckets, SteadNeedTrendsBucketRow, 1).opened, ==, 9);
  g_assert_cmpuint (g_array_index (t->buckets, SteadNeedTrendsBucketRow, 1).closed, ==, 10);
  g_assert_cmpuint (g_array_index (t->buckets, SteadNeedTrendsBucketRow, 1).backlog, ==, 0);
  g_assert_cmpuint (g_array_index (t->buckets, SteadNeedTrendsBucketRow, 5).backlog, ==, 1);
  food = stead_need_trends_find_kind (t, "food");
  water = stead_need_trends_find_kind (t, "water");
  g_assert_cmpuint (food->resolution.count, ==, 5);
  g_assert_cmpfloat_with_epsilon (food->resolution.median_hours, 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (food->resolution.p90_hours, 100, 1e-9);
  g_assert_cmpuint (water->resolution.count, ==, 4);
  g_assert_cmpfloat_with_epsilon (water->resolution.median_hours, 2.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (water->resolution.p90_hours, 10, 1e-9);
  /* All nine: 1 1 2 2 3 3 4 10 100: median 3, p90 the 9th. */
  g_assert_cmpfloat_with_epsilon (t->resolution.median_hours, 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (t->resolution.p90_hours, 100, 1e-9);
  /* By default UK time: 00:30 on Thursday 2 July; in UTC 23:30 on Wednesday. */
  g_assert_cmpuint (t->when[3][0], ==, 1);
  g_assert_cmpuint (t->when[2][23], ==, 0);
  q.time_zone = "UTC";
  utc = stead_need_trends_compute (ws, &q, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (utc->when[3][0], ==, 0);
  g_assert_cmpuint (utc->when[2][23], ==, 1);
  /* The week to Sunday 1 March holds its last millisecond's two needs;
   * the week from Monday 2 March its first millisecond's two, and one
   * on the Wednesday. */
  g_clear_pointer (&t, stead_need_trends_free);
  q.bucket = STEAD_NEED_TRENDS_WEEK;
  q.from = local_ms ("UTC", 2026, 2, 25);
  q.to = local_ms ("UTC", 2026, 3, 3);
  t = stead_need_trends_compute (ws, &q, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (t->buckets->len, ==, 2);
  g_assert_cmpint (t->from, ==, local_ms ("UTC", 2026, 2, 23));
  g_assert_cmpuint (g_array_index (t->buckets, SteadNeedTrendsBucketRow, 0).opened, ==, 2);
  g_assert_cmpuint (g_array_index (t->buckets, SteadNeedTrendsBucketRow, 1).opened, ==, 3);

  /* Nonsense is refused. */
  g_clear_pointer (&t, stead_need_trends_free);
  q.to = q.from;
  t = stead_need_trends_compute (ws, &q, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (t);
}

/* The demo's flood: the week from 20 July 2026 against the same weeks
 * of 2025 names the flood's kinds and the Tewkesbury town wards. */
static void
test_flood_week (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(SteadWorkspace) ws = demo_workspace (&dir);
  SteadNeedTrendsQuery q;
  g_autoptr(SteadNeedTrends) t = NULL;
  g_autoptr(GError) error = NULL;
  const SteadNeedTrendsKind *evacuation;
  gboolean where = FALSE;

  stead_need_trends_query_init (&q, local_ms ("Europe/London", 2024, 12, 1),
                                local_ms ("Europe/London", 2026, 12, 1), STEAD_NEED_TRENDS_WEEK);
  q.baseline_from = local_ms ("Europe/London", 2025, 7, 7);
  q.baseline_to = local_ms ("Europe/London", 2025, 8, 4);
  q.incident_from = local_ms ("Europe/London", 2026, 7, 20);
  q.incident_to = local_ms ("Europe/London", 2026, 7, 27);
  t = stead_need_trends_compute (ws, &q, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < t->differences->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (t->differences, i));
  g_assert_cmpuint (t->differences->len, >=, 3);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (t->differences, 0), "All needs: "));
  g_assert_cmpfloat (t->incident_total / t->incident_days,
                     >, 5 * t->baseline_total / t->baseline_days);
  evacuation = stead_need_trends_find_kind (t, "evacuation");
  g_assert_cmpfloat (evacuation->share_change, >, 0.1);
  g_assert_cmpfloat (evacuation->incident_per_day, >, 10 * evacuation->baseline_per_day);
  for (guint i = 0; i < t->differences->len; i++)
    where |= g_str_has_prefix (g_ptr_array_index (t->differences, i), "Most of the rise was in "
                                                                      "Tewkesbury") ||
             g_str_has_prefix (g_ptr_array_index (t->differences, i), "The largest rise was in "
                                                                      "Tewkesbury");
  g_assert_true (where);
  /* The peak of the weekly volume is that week. */
  {
    guint peak = 0;

    for (guint b = 1; b < t->buckets->len; b++)
      if (g_array_index (t->buckets, SteadNeedTrendsBucketRow, b).opened >
          g_array_index (t->buckets, SteadNeedTrendsBucketRow, peak).opened)
        peak = b;
    g_assert_cmpint (g_array_index (t->buckets, SteadNeedTrendsBucketRow, peak).start, ==,
                     q.incident_from);
  }
}

static void
on_computed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SteadNeedTrends **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = stead_need_trends_compute_finish (STEAD_WORKSPACE (source), result, &error);
  if (*out == NULL)
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      *out = GINT_TO_POINTER (1);
    }
}

/* Off the main thread, the same figures; cancelled, an error. The file
 * read-only is not changed by a byte. */
static void
test_async_cancel_read_only (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(SteadWorkspace) ws = demo_workspace (&dir);
  g_autofree char *path = g_strdup (stead_workspace_get_path (ws));
  g_autoptr(SteadWorkspace) ro = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SteadNeedTrendsQuery q;
  g_autoptr(SteadNeedTrends) sync = NULL;
  SteadNeedTrends *async = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize n_before, n_after;

  stead_need_trends_query_init (&q, local_ms ("Europe/London", 2025, 1, 1),
                                local_ms ("Europe/London", 2026, 12, 1), STEAD_NEED_TRENDS_DAY);
  sync = stead_need_trends_compute (ws, &q, NULL, &error);
  g_assert_no_error (error);
  stead_need_trends_compute_async (ws, &q, NULL, on_computed, &async);
  while (async == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (async->total, ==, sync->total);
  g_assert_cmpuint (async->buckets->len, ==, sync->buckets->len);
  g_assert_cmpstr (g_array_index (async->kinds, SteadNeedTrendsKind, 0).label, ==,
                   g_array_index (sync->kinds, SteadNeedTrendsKind, 0).label);
  stead_need_trends_free (async);

  g_cancellable_cancel (cancellable);
  async = NULL;
  stead_need_trends_compute_async (ws, &q, cancellable, on_computed, &async);
  while (async == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (async == GINT_TO_POINTER (1));
  g_assert_null (stead_need_trends_compute (ws, &q, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  stead_workspace_close (ws);
  g_clear_object (&ws);
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);
  g_assert_true (g_file_get_contents (path, &before, &n_before, NULL));
  ro = stead_workspace_open_full (path, NULL, STEAD_WORKSPACE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_clear_pointer (&sync, stead_need_trends_free);
  sync = stead_need_trends_compute (ro, &q, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sync->total, >, 1000);
  stead_workspace_close (ro);
  /* The command reads the same, and refuses nonsense with a usage error. */
  {
    SteadTestCli cli = stead_test_run_cli ("need-trends", path, "--from", "2025-01-01", "--to",
                                           "2026-11-30", "--bucket", "month", "--baseline",
                                           "2025-07-07..2025-08-03", "--incident",
                                           "2026-07-20..2026-07-26", "--json", NULL);
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root;

    g_test_message ("%s", cli.err);
    g_assert_cmpint (cli.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, cli.out, -1, NULL));
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpint (json_array_get_length (json_object_get_array_member (root, "volume")), ==,
                     23);
    g_assert_cmpint (json_array_get_length (json_object_get_array_member (root, "differences")),
                     >, 0);
    stead_test_cli_clear (&cli);
    cli = stead_test_run_cli ("need-trends", path, "--bucket", "year", NULL);
    g_assert_cmpint (cli.status, ==, 2);
    stead_test_cli_clear (&cli);
    cli = stead_test_run_cli ("need-trends", path, "--baseline", "2025-07-07..2025-06-01",
                              "--incident", "2026-07-20..2026-07-26", NULL);
    g_assert_cmpint (cli.status, ==, 2);
    stead_test_cli_clear (&cli);
  }
  g_assert_true (g_file_get_contents (path, &after, &n_after, NULL));
  g_assert_cmpmem (before, n_before, after, n_after);
  g_chmod (path, 0600);
  stead_test_rm_rf (dir);
}

/* Who: the groups plugin's households and the volunteers' requests for a
 * target group, against the plugins' tables joined here. */
static void
test_groups (void)
{
  static const char * const plugins[] = { "partners", "groups", "volunteers", NULL };
  SteadTestPlugins f;
  SteadNeedTrendsQuery q;
  g_autoptr(SteadNeedTrends) t = NULL;
  g_autoptr(GError) error = NULL;
  guint linked = 0;

  stead_test_plugins_setup (&f, plugins, TRUE);
  stead_workspace_edit (f.ws, "volunteers", "Requests for a group",
                        "UPDATE volunteers_request SET group_id = "
                        "(SELECT max (id) FROM groups_group) WHERE fid % 2 = 0",
                        NULL, 0, &error);
  g_assert_no_error (error);

  stead_need_trends_query_init (&q, local_ms ("UTC", 2000, 1, 1), local_ms ("UTC", 2040, 1, 1),
                                STEAD_NEED_TRENDS_MONTH);
  t = stead_need_trends_compute (f.ws, &q, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
      f.ws,
      "SELECT g.id, g.name, "
      "  (SELECT count (*) FROM need n WHERE n.owner = 'groups' AND n.owner_ref IN "
      "    (SELECT h.fid FROM groups_household h WHERE h.list IN "
      "      (SELECT l.id FROM groups_household_list l WHERE l.group_id = g.id))) + "
      "  (SELECT count (*) FROM need n WHERE n.owner = 'volunteers' AND n.owner_ref IN "
      "    (SELECT r.fid FROM volunteers_request r WHERE r.group_id = g.id)) AS c "
      "FROM groups_group g WHERE c > 0",
      NULL);
    guint n = 0;

    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        gboolean found = FALSE;

        for (guint i = 0; i < t->groups->len; i++)
          {
            const SteadNeedTrendsGroup *g = &g_array_index (t->groups, SteadNeedTrendsGroup, i);

            if (g->id != id)
              continue;
            found = TRUE;
            g_assert_cmpstr (g->name, ==, (const char *) sqlite3_column_text (stmt, 1));
            g_assert_cmpuint (g->count, ==, sqlite3_column_int (stmt, 2));
            linked += g->count;
          }
        g_assert_true (found);
        n++;
      }
    g_assert_cmpuint (t->groups->len, ==, n);
  }
  g_test_message ("%u groups, %u needs linked", t->groups->len, linked);
  /* Both plugins link needs. */
  g_assert_cmpint (stead_test_count (f.ws, "SELECT count (*) FROM need n JOIN volunteers_request r "
                                            "ON r.fid = n.owner_ref WHERE n.owner = 'volunteers' "
                                            "AND r.group_id IS NOT NULL"), >, 0);
  g_assert_cmpint (stead_test_count (f.ws, "SELECT count (*) FROM need WHERE owner = 'groups'"),
                   >, 0);
  stead_test_plugins_teardown (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/need-trends/oracle", test_oracle);
  g_test_add_func ("/need-trends/by-hand", test_by_hand);
  g_test_add_func ("/need-trends/flood-week", test_flood_week);
  g_test_add_func ("/need-trends/async-cancel-read-only", test_async_cancel_read_only);
  g_test_add_func ("/need-trends/groups", test_groups);
  return g_test_run ();
}
