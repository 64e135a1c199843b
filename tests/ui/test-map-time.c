/* test-map-time.c: the map's time slider filters needs to a range of days, and plays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stead-gtk.h>

#include "stead-map-view-private.h"
#include "stead-test-util.h"

#define N_NEEDS 400
#define N_RESOURCES 30

/* What the test made, to count by brute force: days since 1970. */
typedef struct
{
  gint32   opened;
  gint32   closed;   /* G_MAXINT32: still open */
  gboolean open_now; /* open or assigned */
  double   x, y;
} Need;

static gint32
day_of (int year,
        int month,
        int day)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (year, month, day, 0, 0, 0);

  return (gint32) (g_date_time_to_unix (time) / 86400);
}

static char *
iso_of (gint32 day,
        int    hour)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc ((gint64) day * 86400 + hour * 3600);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S.000Z");
}

static void
add_need (SteadWorkspace *ws,
          const Need     *need,
          const char     *status)
{
  g_autoptr(SteadGeometry) point = stead_geometry_new_point (need->x, need->y);
  g_autoptr(GError) error = NULL;
  g_autofree char *opened = iso_of (need->opened, 9);
  g_autofree char *closed = need->closed != G_MAXINT32 ? iso_of (need->closed, 17) : NULL;

  stead_workspace_edit (ws, "core", "Add",
                        "INSERT INTO need (geom, kind, status, opened, closed) "
                        "VALUES (?, 'food', ?, ?, ?)",
                        STEAD_ARGS (STEAD_GEOMETRY (point), STEAD_STRING (status),
                                    STEAD_STRING (opened), STEAD_STRING (closed)),
                        &error);
  g_assert_no_error (error);
}

static guint
brute_force (const Need *needs,
             guint       n,
             gboolean    dated,
             gint32      first,
             gint32      last)
{
  guint live = 0;

  for (guint i = 0; i < n; i++)
    if (dated ? needs[i].opened <= last && needs[i].closed >= first : needs[i].open_now)
      live++;
  return live;
}

/* Sums what the merged index shows, at a zoom, over the whole world. */
static void
count_shown (SteadPointLayer *merged,
             guint            zoom,
             guint           *n_needs,
             guint           *n_resources)
{
  SteadPointIndex *index = stead_point_layer_get_index (merged);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (SteadPointCluster));

  *n_needs = *n_resources = 0;
  stead_point_index_query (index, zoom, -180, -85, 180, 85, items);
  for (guint i = 0; i < items->len; i++)
    {
      guint32 counts[STEAD_POINT_INDEX_MAX_CLASSES];
      const SteadPointCluster *item = &g_array_index (items, SteadPointCluster, i);

      stead_point_index_get_class_counts (index, item, counts);
      g_assert_cmpuint (counts[0] + counts[1] + counts[2] + counts[3], ==, item->count);
      g_assert_cmpuint (item->count, >, 0);
      *n_needs += counts[STEAD_POINT_CLASS_NEED];
      *n_resources += counts[STEAD_POINT_CLASS_RESOURCE];
    }
}

typedef struct
{
  SteadPointLayer *merged;
  SteadPointIndex *before;
} Reload;

static gboolean
reloaded (gpointer data)
{
  Reload *reload = data;
  SteadPointIndex *index = stead_point_layer_get_index (reload->merged);

  return index != NULL && index != reload->before;
}

static void
on_areas_shaded (SteadMapView *view,
                 guint        *count)
{
  (*count)++;
}

static gboolean
shaded_at_least (gpointer data)
{
  const guint *counts = data;

  return counts[0] >= counts[1];
}

static gboolean
stopped (gpointer data)
{
  return !stead_map_view_time_is_playing (data);
}

/* The badges on screen: each counts only needs live in the range. */
static void
assert_badges_live (SteadWorkspace  *ws,
                    SteadPointLayer *merged,
                    gint32           first,
                    gint32           last)
{
  g_autoptr(GArray) badges = g_array_new (FALSE, FALSE, sizeof (SteadPointBadge));
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
    ws, "SELECT opened, closed FROM need WHERE fid = ?", NULL);
  guint checked = 0;

  stead_point_layer_get_badges (merged, badges);
  for (guint i = 0; i < badges->len; i++)
    {
      g_autoptr(GArray) fids = g_array_new (FALSE, FALSE, sizeof (gint64));
      const SteadPointBadge *badge = &g_array_index (badges, SteadPointBadge, i);

      g_assert_true (stead_point_layer_get_badge_members (merged, i, STEAD_POINT_CLASS_NEED,
                                                          fids));
      g_assert_cmpuint (fids->len, ==, badge->n_needs);
      for (guint j = 0; j < fids->len; j++)
        {
          g_autofree char *first_iso = iso_of (first, 0);
          g_autofree char *after_last = iso_of (last + 1, 0);
          const char *opened, *closed;

          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, g_array_index (fids, gint64, j));
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          opened = (const char *) sqlite3_column_text (stmt, 0);
          closed = (const char *) sqlite3_column_text (stmt, 1);
          /* ISO 8601 in UTC sorts as text. */
          g_assert_cmpstr (opened, <, after_last);
          g_assert_true (closed == NULL || g_strcmp0 (closed, first_iso) >= 0);
          checked++;
        }
    }
  g_test_message ("%u badges, %u needs in them checked", badges->len, checked);
}

static void
assert_summary (SteadWorkspace *ws,
                const Need     *needs,
                gboolean        dated,
                gint32          first,
                gint32          last)
{
  const SteadCoord ring[] = {
    { -3, 51 }, { -1, 51 }, { -1, 53 }, { -3, 53 }, { -3, 51 },
  };
  g_autoptr(SteadGeometry) box = stead_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
  gint32 days[2] = { first, last };
  g_autoptr(SteadAreaSummary) summary =
    stead_area_summary_new_in_days (ws, box, dated ? days : NULL, NULL);

  g_assert_nonnull (summary);
  g_assert_cmpuint (summary->need_fids->len, ==, brute_force (needs, N_NEEDS, dated, first, last));
  g_assert_cmpuint (summary->resource_fids->len, ==, N_RESOURCES);
}

static void
assert_shown (SteadWorkspace  *ws,
              SteadPointLayer *merged,
              const Need      *needs,
              gboolean         dated,
              gint32           first,
              gint32           last)
{
  const guint zooms[] = { 0, 8, 12, 16, 20 };
  guint expected = brute_force (needs, N_NEEDS, dated, first, last);

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      guint n_needs, n_resources;

      count_shown (merged, zooms[z], &n_needs, &n_resources);
      g_assert_cmpuint (n_needs, ==, expected);
      g_assert_cmpuint (n_resources, ==, N_RESOURCES);
    }
  g_assert_cmpuint (stead_point_layer_get_n_points (
                      stead_map_view_get_point_layer (
                        STEAD_MAP_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (merged),
                                                                 STEAD_TYPE_MAP_VIEW)),
                        STEAD_POINT_LAYER_NEEDS)),
                    ==, expected);
  if (dated)
    assert_badges_live (ws, merged, first, last);
  assert_summary (ws, needs, dated, first, last);
}

/* Needs over January to March 2026, some closed, some at the very ends
 * of the ranges tried; resources, which have no dates, always shown. */
static void
test_slider_filters_and_plays (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-map-time-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "time.gpkg", NULL);
  g_autoptr(SteadWorkspace) ws = stead_workspace_create (path, "Time", NULL, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);
  g_autofree Need *needs = g_new0 (Need, N_NEEDS);
  static const char * const closed_statuses[] = { "met", "closed", "cancelled" };
  gint32 jan1 = day_of (2026, 1, 1);
  gint32 first = day_of (2026, 2, 1), last = day_of (2026, 2, 14);
  gint32 shown_first, shown_last, previous_end;
  SteadPointLayer *merged;
  SteadMapView *view;
  GtkWidget *window;
  Reload reload;
  guint steps = 0;
  guint shaded[2] = { 0, 0 };
  gint64 ward;

  for (guint i = 0; i < N_NEEDS; i++)
    {
      Need *need = &needs[i];
      gboolean closed = g_rand_int_range (rand, 0, 3) == 0;

      need->x = -2.2 + g_rand_double_range (rand, -0.1, 0.1);
      need->y = 52.0 + g_rand_double_range (rand, -0.1, 0.1);
      need->opened = jan1 + g_rand_int_range (rand, 0, 89);
      need->closed = closed ? need->opened + g_rand_int_range (rand, 0, 20) : G_MAXINT32;
      /* Both ends of the range: opened on its last day, closed on its
       * first (in), and a day either side of them (out). */
      if (i == 0)
        need->opened = last, need->closed = G_MAXINT32;
      else if (i == 1)
        need->opened = last + 1, need->closed = G_MAXINT32;
      else if (i == 2)
        need->opened = first - 10, need->closed = first;
      else if (i == 3)
        need->opened = first - 10, need->closed = first - 1;
      need->open_now = need->closed == G_MAXINT32 && g_rand_boolean (rand);
      add_need (ws, need,
                need->closed != G_MAXINT32 ? closed_statuses[i % 3]
                                           : need->open_now ? (i % 2 ? "open" : "assigned")
                                                            : "met");
    }
  for (guint i = 0; i < N_RESOURCES; i++)
    {
      g_autoptr(SteadGeometry) point =
        stead_geometry_new_point (-2.2 + g_rand_double_range (rand, -0.1, 0.1),
                                  52.0 + g_rand_double_range (rand, -0.1, 0.1));
      g_autoptr(GError) error = NULL;

      stead_workspace_edit (ws, "core", "Add",
                            "INSERT INTO resource (geom, kind, capacity) VALUES (?, 'shelter', 10)",
                            STEAD_ARGS (STEAD_GEOMETRY (point)), &error);
      g_assert_no_error (error);
    }

  /* One ward round them all, to shade. */
  {
    const SteadCoord ring[] = {
      { -2.4, 51.8 }, { -2.0, 51.8 }, { -2.0, 52.2 }, { -2.4, 52.2 }, { -2.4, 51.8 },
    };
    g_autoptr(SteadGeometry) polygon = stead_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
    g_autoptr(GError) error = NULL;

    stead_workspace_edit (ws, "core", "Add",
                          "INSERT INTO area (geom, kind, code, name) "
                          "VALUES (?, 'ward', 'W1', 'Ward')",
                          STEAD_ARGS (STEAD_GEOMETRY (polygon)), &error);
    g_assert_no_error (error);
    ward = stead_test_count (ws, "SELECT max (fid) FROM area");
  }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  view = stead_map_view_new ();
  stead_map_view_set_base_map (view, STEAD_BASE_MAP_OFFLINE);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  stead_map_view_set_workspace (view, ws);
  gtk_window_present (GTK_WINDOW (window));
  merged = stead_map_view_get_point_layer (view, STEAD_POINT_LAYER_MERGED);
  reload = (Reload) { merged, NULL };
  stead_test_iterate_until (reloaded, &reload);
  stead_test_iterate (300);

  /* Off: today's map, the open and assigned needs. */
  g_assert_false (stead_map_view_get_time_range (view, NULL, NULL));
  assert_shown (ws, merged, needs, FALSE, 0, 0);

  /* On: the needs live in the range, both ends included. */
  reload.before = stead_point_layer_get_index (merged);
  stead_map_view_set_time_range (view, TRUE, first, last);
  stead_test_iterate_until (reloaded, &reload);
  stead_test_iterate (200);
  g_assert_true (stead_map_view_get_time_range (view, &shown_first, &shown_last));
  g_assert_cmpint (shown_first, ==, first);
  g_assert_cmpint (shown_last, ==, last);
  assert_shown (ws, merged, needs, TRUE, first, last);

  /* Moved: the same index, filtered again (no reload). */
  reload.before = stead_point_layer_get_index (merged);
  stead_map_view_set_time_range (view, TRUE, first - 30, first - 1);
  g_assert_true (stead_point_layer_get_index (merged) == reload.before);
  stead_test_iterate (200);
  assert_shown (ws, merged, needs, TRUE, first - 30, first - 1);
  stead_map_view_set_time_range (view, TRUE, last, last);
  stead_test_iterate (200);
  assert_shown (ws, merged, needs, TRUE, last, last);

  /* Shaded by needs: the ward's value, and so the legend, follow too. */
  g_signal_connect (view, "areas-shaded", G_CALLBACK (on_areas_shaded), shaded);
  shaded[1] = 1;
  stead_map_view_set_area_shading (view, STEAD_AREA_MEASURE_NEEDS);
  stead_test_iterate_until (shaded_at_least, shaded);
  {
    double value;

    g_assert_true (stead_area_layer_get_value (stead_map_view_get_area_layer (view), ward,
                                               &value));
    g_assert_cmpfloat (value, ==, brute_force (needs, N_NEEDS, TRUE, last, last));
    shaded[1] = shaded[0] + 1;
    stead_map_view_set_time_range (view, TRUE, first, last);
    stead_test_iterate_until (shaded_at_least, shaded);
    g_assert_true (stead_area_layer_get_value (stead_map_view_get_area_layer (view), ward,
                                               &value));
    g_assert_cmpfloat (value, ==, brute_force (needs, N_NEEDS, TRUE, first, last));
  }
  stead_map_view_set_area_shading (view, STEAD_AREA_MEASURE_NONE);

  /* Play: a week a step from the start of the span to its end, where it
   * stops; every step shows what is live then. */
  stead_map_view_time_set_interval (view, 30);
  stead_map_view_set_time_range (view, TRUE, jan1, jan1 + 6);
  stead_map_view_time_play (view, TRUE);
  g_assert_true (stead_map_view_time_is_playing (view));
  stead_map_view_get_time_range (view, &shown_first, &previous_end);
  while (stead_map_view_time_is_playing (view))
    {
      gint32 end;

      g_main_context_iteration (NULL, TRUE);
      stead_map_view_get_time_range (view, &shown_first, &end);
      if (end != previous_end)
        {
          g_assert_cmpint (end, >, previous_end);
          g_assert_cmpint (end - previous_end, <=, 7);
          g_assert_cmpint (end - shown_first, ==, 6);
          if (steps++ % 4 == 0)
            assert_shown (ws, merged, needs, TRUE, shown_first, end);
          previous_end = end;
        }
    }
  g_assert_cmpuint (steps, >=, 10);
  stead_map_view_get_time_range (view, &shown_first, &shown_last);
  {
    gint32 span_last = 0;

    for (guint i = 0; i < N_NEEDS; i++)
      span_last = MAX (span_last, MAX (needs[i].opened, needs[i].closed == G_MAXINT32
                                                          ? 0 : needs[i].closed));
    g_assert_cmpint (shown_last, ==, span_last);
  }
  assert_shown (ws, merged, needs, TRUE, shown_first, shown_last);

  /* Paused midway: it stays where it was. */
  stead_map_view_set_time_range (view, TRUE, jan1, jan1 + 6);
  stead_map_view_time_play (view, TRUE);
  stead_test_iterate_until (stopped, view);   /* to the end again */
  stead_map_view_set_time_range (view, TRUE, jan1, jan1 + 6);
  stead_map_view_time_play (view, TRUE);
  stead_test_iterate (70);
  stead_map_view_time_play (view, FALSE);
  stead_map_view_get_time_range (view, NULL, &previous_end);
  stead_test_iterate (120);
  stead_map_view_get_time_range (view, NULL, &shown_last);
  g_assert_false (stead_map_view_time_is_playing (view));
  g_assert_cmpint (shown_last, ==, previous_end);

  /* Off again: today's map. */
  reload.before = stead_point_layer_get_index (merged);
  stead_map_view_set_time_range (view, FALSE, 0, 0);
  stead_test_iterate_until (reloaded, &reload);
  stead_test_iterate (200);
  assert_shown (ws, merged, needs, FALSE, 0, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  stead_workspace_close (ws);
  stead_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/ui/map-time/filters-and-plays", test_slider_filters_and_plays);
  return g_test_run ();
}
