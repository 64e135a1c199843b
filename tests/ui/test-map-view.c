/* test-map-view.c: the offline map (under Xvfb, no network)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <stead-gtk.h>

#include "stead-test-util.h"

static gboolean
is_sized (gpointer data)
{
  return gtk_widget_get_width (data) > 0 && gtk_widget_get_mapped (data);
}

static void
iterate_for (int ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* A window with the map on the offline background, showing @ws if set. */
static GtkWidget *
map_window_new (SteadWorkspace  *ws,
                const char      *title,
                int              width,
                int              height,
                SteadMapView   **out_view)
{
  GtkWidget *window = gtk_window_new ();
  SteadMapView *view = stead_map_view_new ();

  if (title != NULL)
    gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  stead_map_view_set_base_map (view, STEAD_BASE_MAP_OFFLINE);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  if (ws != NULL)
    stead_map_view_set_workspace (view, ws);
  gtk_window_present (GTK_WINDOW (window));
  *out_view = view;
  return window;
}

/* Pixels that differ between two renders; with @b NULL, the pixels in
 * the red of a cluster of needs (the bubble's fill, premultiplied or not). */
static gsize
count_differing (GdkTexture *a,
                 GdkTexture *b)
{
  int width = gdk_texture_get_width (a);
  int height = gdk_texture_get_height (a);
  g_autofree guchar *pa = g_malloc ((gsize) width * height * 4);
  g_autofree guchar *pb = g_malloc ((gsize) width * height * 4);
  gsize n = 0;

  gdk_texture_download (a, pa, width * 4);
  if (b != NULL)
    {
      g_assert_cmpint (gdk_texture_get_width (b), ==, width);
      g_assert_cmpint (gdk_texture_get_height (b), ==, height);
      gdk_texture_download (b, pb, width * 4);
    }
  for (gsize i = 0; i < (gsize) width * height * 4; i += 4)
    {
      if (b != NULL)
        n += memcmp (pa + i, pb + i, 4) != 0;
      else
        {
          /* Downloads are B8G8R8A8 premultiplied: the needs' vermillion. */
          guchar blue = pa[i], green = pa[i + 1], red = pa[i + 2];

          n += red > 180 && green > 70 && green < 120 && blue < 40;
        }
    }
  return n;
}

static void
test_offline_background (void)
{
  static const SteadCoord ring[] = {
    { -2.20, 51.96 }, { -2.10, 51.96 }, { -2.10, 52.02 }, { -2.20, 52.02 }, { -2.20, 51.96 },
  };
  g_autofree char *dir = g_dir_make_tmp ("stead-map-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "map.gpkg", NULL);
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autoptr(SteadGeometry) polygon = stead_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  GHashTable *colours;
  SteadTransaction *txn;
  ShumateViewport *viewport;
  SteadMapView *view;
  GtkWidget *window;
  double lat, lon;
  int width, height;

  ws = stead_workspace_create (path, "Mapshire", NULL, &error);
  g_assert_no_error (error);
  txn = stead_workspace_begin (ws, "core", "Add boundary", &error);
  g_assert_cmpint (
    stead_transaction_insert_area (txn, "boundary", NULL, "Mapshire", polygon, &error), >, 0);
  g_assert_true (stead_transaction_commit (txn, &error));

  window = map_window_new (ws, NULL, 800, 600, &view);
  stead_test_iterate_until (is_sized, view);
  iterate_for (300);

  /* Zoomed to the boundary: the centre is inside it, at town scale. */
  viewport = stead_map_view_get_viewport (view);
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  g_assert_cmpfloat (lon, >, -2.20);
  g_assert_cmpfloat (lon, <, -2.10);
  g_assert_cmpfloat (lat, >, 51.96);
  g_assert_cmpfloat (lat, <, 52.02);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >=, 10);

  /* Offline, the map is drawn (land, graticule, boundary), not blank. */
  texture = stead_test_render (GTK_WIDGET (view));
  g_assert_nonnull (texture);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_malloc (width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);
  colours = g_hash_table_new (NULL, NULL);
  for (int i = 0; i < width * height; i += 7)
    g_hash_table_add (colours, GUINT_TO_POINTER (((guint32 *) pixels)[i]));
  g_assert_cmpuint (g_hash_table_size (colours), >, 3);
  g_hash_table_unref (colours);

  /* A new area appears without reopening: the layer follows `changed`. */
  g_assert_true (stead_workspace_undo (ws, &error));
  g_assert_no_error (error);

  gtk_window_destroy (GTK_WINDOW (window));
  stead_workspace_close (ws);
}

/* A ward's outline is a line one pixel wide where the ward's edge is:
 * across each edge, the layer's opacity over the boundary's fill adds
 * up to one pixel of the outline's (0.8 over 0.35), on the left edge
 * (upright) and the top (level), and nowhere beside them. */
static void
test_ward_outlines (void)
{
  static const SteadCoord district[] = {
    { -2.30, 51.90 }, { -2.00, 51.90 }, { -2.00, 52.08 }, { -2.30, 52.08 }, { -2.30, 51.90 },
  };
  static const SteadCoord ward[] = {
    { -2.19, 51.97 }, { -2.11, 51.97 }, { -2.11, 52.01 }, { -2.19, 52.01 }, { -2.19, 51.97 },
  };
  g_autofree char *dir = g_dir_make_tmp ("stead-map-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "map.gpkg", NULL);
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autoptr(SteadGeometry) outer = stead_geometry_new_polygon (district, G_N_ELEMENTS (district));
  g_autoptr(SteadGeometry) inner = stead_geometry_new_polygon (ward, G_N_ELEMENTS (ward));
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  SteadTransaction *txn;
  ShumateViewport *viewport;
  SteadMapView *view;
  GtkWidget *window, *layer;
  double left, top, right, bottom;
  int width, height;

  ws = stead_workspace_create (path, "Mapshire", NULL, &error);
  g_assert_no_error (error);
  txn = stead_workspace_begin (ws, "core", "Add areas", &error);
  g_assert_cmpint (
    stead_transaction_insert_area (txn, "boundary", NULL, "Mapshire", outer, &error), >, 0);
  g_assert_cmpint (stead_transaction_insert_area (txn, "ward", NULL, "Middle", inner, &error), >,
                   0);
  g_assert_true (stead_transaction_commit (txn, &error));

  window = map_window_new (ws, NULL, 800, 600, &view);
  stead_test_iterate_until (is_sized, view);
  gtk_widget_set_visible (stead_map_view_get_area_panel (view), FALSE);
  viewport = stead_map_view_get_viewport (view);
  shumate_viewport_set_zoom_level (viewport, 12);
  shumate_map_center_on (stead_map_view_get_map (view), 51.99, -2.15);
  iterate_for (300);

  layer = GTK_WIDGET (stead_map_view_get_area_layer (view));
  shumate_viewport_location_to_widget_coords (viewport, layer, 52.01, -2.19, &left, &top);
  shumate_viewport_location_to_widget_coords (viewport, layer, 51.97, -2.11, &right, &bottom);
  g_assert_cmpfloat (left, >, 20);
  g_assert_cmpfloat (top, >, 20);
  texture = stead_test_render (layer);
  g_assert_nonnull (texture);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  g_assert_cmpfloat (right, <, width - 20);
  g_assert_cmpfloat (bottom, <, height - 20);
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);

#define ALPHA(col, row) (pixels[((gsize) (row) * width + (col)) * 4 + 3] / 255.0)
  {
    double fill = ALPHA ((int) left + 8, (int) (top + bottom) / 2);
    /* One pixel of outline: its 0.8 over the fill. */
    double one = 0.8 * (1 - fill);

    g_assert_cmpfloat_with_epsilon (fill, 0.35, 0.02);
    /* Across the left edge, a row at a time (away from the corners). */
    for (int row = (int) top + 6; row < (int) bottom - 6; row += 3)
      {
        double ink = 0;

        for (int col = (int) left - 3; col <= (int) left + 3; col++)
          ink += ALPHA (col, row) - fill;
        g_assert_cmpfloat_with_epsilon (ink / one, 1.0, 0.2);
        g_assert_cmpfloat_with_epsilon (ALPHA ((int) left - 5, row), fill, 0.01);
        g_assert_cmpfloat_with_epsilon (ALPHA ((int) left + 5, row), fill, 0.01);
      }
    /* Across the top edge, a column at a time, left of the name. */
    for (int col = (int) left + 6; col < (int) left + 60; col += 3)
      {
        double ink = 0;

        for (int row = (int) top - 3; row <= (int) top + 3; row++)
          ink += ALPHA (col, row) - fill;
        g_assert_cmpfloat_with_epsilon (ink / one, 1.0, 0.2);
        g_assert_cmpfloat_with_epsilon (ALPHA (col, (int) top + 5), fill, 0.01);
      }
  }
#undef ALPHA

  gtk_window_destroy (GTK_WINDOW (window));
  stead_workspace_close (ws);
}

/* The offline geography (GSHHG, Debian's gmt-gshhg packages). */

#define GSHHG_DIR "/usr/share/gmt-gshhg"

typedef struct
{
  gsize river;   /* pixels in the rivers' blue */
  gsize coast;   /* in the coastline's darker tone of the sea */
  gsize sea;     /* in the sea's and lakes' light blue */
} GeographyPixels;

static gboolean
background_settled (gpointer data)
{
  gboolean loading;
  int resolution;

  g_object_get (data, "loading", &loading, "resolution", &resolution, NULL);
  return !loading && resolution >= 0;
}

static gboolean
is_near (const guchar *bgra,
         guint         r,
         guint         g,
         guint         b)
{
  return abs (bgra[2] - (int) r) <= 8 && abs (bgra[1] - (int) g) <= 8 &&
         abs (bgra[0] - (int) b) <= 8;
}

/* The background alone at @lat, @lon and @zoom, once its geography is
 * in; its pixels counted by colour (premultiplied, but all opaque). */
static GeographyPixels
count_geography (SteadMapView *view,
                 double        lat,
                 double        lon,
                 double        zoom,
                 int           expected_resolution)
{
  GtkWidget *background = gtk_widget_get_first_child (GTK_WIDGET (stead_map_view_get_map (view)));
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  GeographyPixels counts = { 0 };
  int width, height, resolution;

  shumate_viewport_set_zoom_level (stead_map_view_get_viewport (view), zoom);
  shumate_map_center_on (stead_map_view_get_map (view), lat, lon);
  stead_test_iterate_until (background_settled, background);
  g_assert_cmpfloat (fabs (shumate_viewport_get_zoom_level (stead_map_view_get_viewport (view)) -
                           zoom), <, 1e-9);
  g_object_get (background, "resolution", &resolution, NULL);
  if (expected_resolution >= 0)
    g_assert_cmpint (resolution, ==, expected_resolution);

  texture = stead_test_render (background);
  g_assert_nonnull (texture);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);
  for (gsize i = 0; i < (gsize) width * height * 4; i += 4)
    {
      counts.river += is_near (pixels + i, 107, 163, 219);
      counts.coast += is_near (pixels + i, 92, 133, 158);
      counts.sea += is_near (pixels + i, 173, 207, 224);
    }
  g_test_message ("at %.2f, %.2f zoom %.1f: river %" G_GSIZE_FORMAT ", coast %" G_GSIZE_FORMAT
                  ", sea %" G_GSIZE_FORMAT " of %d pixels",
                  lat, lon, zoom, counts.river, counts.coast, counts.sea, width * height);
  return counts;
}

/* Offline, the demo's view shows the Severn and the Avon at Tewkesbury
 * and the Severn estuary; Dover shows coast and sea; a view of moorland
 * with no river in the data (east of the Peak District, checked in
 * test-shore) shows neither, only land. */
static void
test_offline_geography (void)
{
  g_autofree char *high = g_build_filename (GSHHG_DIR, "binned_GSHHS_h.nc", NULL);
  g_autofree char *intermediate = g_build_filename (GSHHG_DIR, "binned_GSHHS_i.nc", NULL);
  GeographyPixels demo, dover, moor;
  SteadMapView *view;
  GtkWidget *window;
  int detail;

  if (!g_file_test (intermediate, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("GSHHG (Debian's gmt-gshhg-low and -high) is not installed");
      return;
    }
  detail = g_file_test (high, G_FILE_TEST_EXISTS) ? 3 : 2;   /* high, else intermediate */

  /* About what the window shows of the demo area. */
  window = map_window_new (NULL, NULL, 1200, 900, &view);
  stead_test_iterate_until (is_sized, view);
  iterate_for (300);   /* the view's own first zoom, to Great Britain */

  demo = count_geography (view, STEAD_DEMO_CENTER_LAT, STEAD_DEMO_CENTER_LON, 10.8, detail);
  g_assert_cmpuint (demo.river, >, 500);
  g_assert_cmpuint (demo.coast, >, 50);

  dover = count_geography (view, 51.12, 1.31, 10, detail);
  g_assert_cmpuint (dover.coast, >, 300);
  g_assert_cmpuint (dover.sea, >, 1200 * 900 / 10);

  moor = count_geography (view, 53.26, -1.50, 12, detail);
  g_assert_cmpuint (moor.river, ==, 0);
  g_assert_cmpuint (moor.coast, ==, 0);
  g_assert_cmpuint (moor.sea, ==, 0);

  /* Zoomed out to Great Britain, coarser detail: the sea around it. */
  g_assert_cmpuint (count_geography (view, 54.5, -3.0, 5.5, 1).sea, >, 1200 * 900 / 5);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Without GSHHG installed (STEAD_GSHHG_DIR empty, in a child process so
 * the shared reader starts afresh), the background is the grid on land
 * colour, and nothing is said about it. */
static void
test_offline_geography_missing (void)
{
  if (g_test_subprocess ())
    {
      GtkWidget *background;
      SteadMapView *view;
      GtkWidget *window = map_window_new (NULL, NULL, 400, 300, &view);
      g_autoptr(GdkTexture) texture = NULL;
      g_autofree guchar *pixels = NULL;
      gboolean loading;
      int resolution;
      gsize water = 0;

      stead_test_iterate_until (is_sized, view);
      iterate_for (300);
      background = gtk_widget_get_first_child (GTK_WIDGET (stead_map_view_get_map (view)));
      shumate_viewport_set_zoom_level (stead_map_view_get_viewport (view), 8);
      shumate_map_center_on (stead_map_view_get_map (view), 51.12, 1.31);
      iterate_for (500);
      g_object_get (background, "loading", &loading, "resolution", &resolution, NULL);
      g_assert_false (loading);
      g_assert_cmpint (resolution, ==, -1);
      texture = stead_test_render (background);
      pixels = g_malloc (400 * 300 * 4);
      gdk_texture_download (texture, pixels, 400 * 4);
      for (gsize i = 0; i < 400 * 300 * 4; i += 4)
        water += is_near (pixels + i, 173, 207, 224) || is_near (pixels + i, 92, 133, 158);
      g_assert_cmpuint (water, ==, 0);
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }

  {
    /* The child's environment is its own: no setenv here, with threads. */
    g_autofree char *dir = g_dir_make_tmp ("stead-no-gshhg-XXXXXX", NULL);
    g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
    const char *child_argv[] = { self, "-p", "/ui/map-view/offline-geography-missing",
                                 "--GTestSubprocess", NULL };
    g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "STEAD_GSHHG_DIR", dir, TRUE);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(GError) error = NULL;
    int status;

    g_assert_nonnull (self);
    g_assert_true (g_spawn_sync (NULL, (char **) child_argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                 &err, &status, &error));
    g_assert_no_error (error);
    g_rmdir (dir);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("the child failed: %s%s", out, err);
    g_assert_null (strstr (err, "Offline map"));
    g_assert_null (strstr (err, "HDF5"));
  }
}

static gboolean
indexes_built (gpointer data)
{
  SteadMapView *view = data;

  return stead_point_layer_get_index (
           stead_map_view_get_point_layer (view, STEAD_POINT_LAYER_NEEDS)) != NULL &&
         stead_point_layer_get_index (
           stead_map_view_get_point_layer (view, STEAD_POINT_LAYER_RESOURCES)) != NULL;
}

/* The merged layer (badges, points alone) drawn alone, as it is now. */
static GdkTexture *
render_points (SteadMapView *view)
{
  iterate_for (100);
  return stead_test_render (
    GTK_WIDGET (stead_map_view_get_point_layer (view, STEAD_POINT_LAYER_MERGED)));
}

static gboolean
merged_index_replaced (gpointer data)
{
  SteadMapView *view = data;
  SteadPointLayer *merged = stead_map_view_get_point_layer (view, STEAD_POINT_LAYER_MERGED);
  gpointer before = g_object_get_data (G_OBJECT (view), "index-before");

  return stead_point_layer_get_index (merged) != NULL &&
         stead_point_layer_get_index (merged) != before;
}

static void
show_met_needs (SteadMapView *view)
{
  const char *met[] = { "met", NULL };
  SteadPointLayer *merged = stead_map_view_get_point_layer (view, STEAD_POINT_LAYER_MERGED);

  g_object_set_data (G_OBJECT (view), "index-before", stead_point_layer_get_index (merged));
  stead_point_layer_set_filter (stead_map_view_get_point_layer (view, STEAD_POINT_LAYER_NEEDS),
                                NULL, met);
  stead_test_iterate_until (merged_index_replaced, view);
}

/* Once the view has gone where it goes by itself on opening (the area). */
static void
look_at (SteadMapView *view,
         double        zoom)
{
  for (guint i = 0; i < 2; i++)
    {
      iterate_for (400);
      shumate_viewport_set_zoom_level (stead_map_view_get_viewport (view), zoom);
      shumate_map_center_on (stead_map_view_get_map (view), STEAD_DEMO_CENTER_LAT,
                             STEAD_DEMO_CENTER_LON);
    }
}

/* A plugin's layer that keeps clear of the badges, as the households'
 * counts do: what it was given to keep clear of, each time it drew. */
#define TEST_TYPE_CLEAR_LAYER (test_clear_layer_get_type ())
G_DECLARE_FINAL_TYPE (TestClearLayer, test_clear_layer, TEST, CLEAR_LAYER, ShumateLayer)

struct _TestClearLayer
{
  ShumateLayer parent_instance;
  guint        n_drawn;
  GArray      *seen;  /* of graphene_rect_t, when it last drew */
};

G_DEFINE_FINAL_TYPE (TestClearLayer, test_clear_layer, SHUMATE_TYPE_LAYER)

static void
test_clear_layer_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  TestClearLayer *self = TEST_CLEAR_LAYER (widget);
  GtkWidget *map = gtk_widget_get_ancestor (widget, STEAD_TYPE_MAP_VIEW);

  self->n_drawn++;
  g_array_set_size (self->seen, 0);
  stead_map_view_get_label_bounds (STEAD_MAP_VIEW (map), widget, self->seen);
}

static void
test_clear_layer_finalize (GObject *object)
{
  g_array_unref (TEST_CLEAR_LAYER (object)->seen);
  G_OBJECT_CLASS (test_clear_layer_parent_class)->finalize (object);
}

/* As a layer over the map does: drawn again when the view moves. */
static void
test_clear_layer_constructed (GObject *object)
{
  G_OBJECT_CLASS (test_clear_layer_parent_class)->constructed (object);
  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (object)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), object, G_CONNECT_SWAPPED);
}

static void
test_clear_layer_class_init (TestClearLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->constructed = test_clear_layer_constructed;
  G_OBJECT_CLASS (klass)->finalize = test_clear_layer_finalize;
  GTK_WIDGET_CLASS (klass)->snapshot = test_clear_layer_snapshot;
}

static void
test_clear_layer_init (TestClearLayer *self)
{
  self->seen = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
}

static gboolean
same_boxes (GArray *a,
            GArray *b)
{
  return a->len == b->len &&
         (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (graphene_rect_t)) == 0);
}

/* The badges move without the view moving (other needs shown): a
 * plugin's layer draws again, and keeps clear of where they are now,
 * not where they were (or its numbers sit under today's badges). */
static void
test_plugin_layer_follows_badges (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-map-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.gpkg", NULL);
  g_autoptr(SteadWorkspace) ws = stead_workspace_create (path, "Demo", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) now = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  TestClearLayer *layer;
  SteadMapView *view;
  GtkWidget *window;
  guint drawn;

  g_assert_true (stead_demo_populate (ws, 500, 3, &error));
  window = map_window_new (ws, NULL, 800, 600, &view);
  layer = g_object_new (TEST_TYPE_CLEAR_LAYER, "viewport", stead_map_view_get_viewport (view),
                        NULL);
  stead_map_view_add_named_layer (view, SHUMATE_LAYER (layer), "Test");
  stead_test_iterate_until (indexes_built, view);
  look_at (view, 12);
  iterate_for (200);
  stead_map_view_get_label_bounds (view, GTK_WIDGET (layer), before);
  g_assert_cmpuint (before->len, >=, 5);
  g_assert_true (same_boxes (layer->seen, before));

  drawn = layer->n_drawn;
  show_met_needs (view);
  iterate_for (300);
  stead_map_view_get_label_bounds (view, GTK_WIDGET (layer), now);
  g_assert_false (same_boxes (now, before));
  g_assert_cmpuint (layer->n_drawn, >, drawn);
  g_assert_true (same_boxes (layer->seen, now));

  /* The map's controls change (the summary panel goes): drawn again. */
  drawn = layer->n_drawn;
  gtk_widget_set_visible (stead_map_view_get_area_panel (view),
                          !gtk_widget_get_visible (stead_map_view_get_area_panel (view)));
  iterate_for (300);
  g_assert_cmpuint (layer->n_drawn, >, drawn);
  g_array_set_size (now, 0);
  stead_map_view_get_label_bounds (view, GTK_WIDGET (layer), now);
  g_assert_true (same_boxes (layer->seen, now));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Badges are drawn from images kept between frames: after the data or
 * the view changes, what a view that drew the old badges shows is what
 * a new view, which never drew them, shows for the same data and view. */
static void
test_badge_images (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-map-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.gpkg", NULL);
  g_autoptr(SteadWorkspace) ws = stead_workspace_create (path, "Demo", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) first = NULL;
  g_autoptr(GdkTexture) changed = NULL;
  g_autoptr(GdkTexture) fresh = NULL;
  g_autoptr(GdkTexture) zoomed = NULL;
  g_autoptr(GdkTexture) fresh_zoomed = NULL;
  g_autoptr(GArray) badges = g_array_new (FALSE, FALSE, sizeof (SteadPointBadge));
  SteadMapView *warm, *cold;
  GtkWidget *warm_window, *cold_window;

  g_assert_true (stead_demo_populate (ws, 500, 3, &error));
  warm_window = map_window_new (ws, NULL, 800, 600, &warm);
  stead_test_iterate_until (indexes_built, warm);
  look_at (warm, 12);
  first = render_points (warm);
  stead_point_layer_get_badges (stead_map_view_get_point_layer (warm, STEAD_POINT_LAYER_MERGED),
                                badges);
  g_assert_cmpuint (badges->len, >=, 5);

  /* The data: the met needs instead of the open ones. */
  show_met_needs (warm);
  changed = render_points (warm);
  g_assert_cmpuint (count_differing (first, changed), >, 0);

  cold_window = map_window_new (ws, NULL, 800, 600, &cold);
  stead_test_iterate_until (indexes_built, cold);
  show_met_needs (cold);
  look_at (cold, 12);
  fresh = render_points (cold);
  g_assert_cmpuint (count_differing (changed, fresh), ==, 0);

  /* The view: a zoom step in, and the clusters split. */
  look_at (warm, 13);
  look_at (cold, 13);
  zoomed = render_points (warm);
  g_assert_cmpuint (count_differing (changed, zoomed), >, 0);
  gtk_window_destroy (GTK_WINDOW (cold_window));
  cold_window = map_window_new (ws, NULL, 800, 600, &cold);
  stead_test_iterate_until (indexes_built, cold);
  show_met_needs (cold);
  look_at (cold, 13);
  fresh_zoomed = render_points (cold);
  g_assert_cmpuint (count_differing (zoomed, fresh_zoomed), ==, 0);

  gtk_window_destroy (GTK_WINDOW (cold_window));
  gtk_window_destroy (GTK_WINDOW (warm_window));
  g_clear_object (&ws);
  stead_test_rm_rf (dir);
}

static void
test_needs_and_resources (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-map-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.gpkg", NULL);
  g_autoptr(SteadWorkspace) ws = stead_workspace_create (path, "Demo", NULL, NULL);
  g_autoptr(GError) error = NULL;
  SteadPointLayer *needs;
  SteadMapView *view;
  GtkWidget *window;
  gint64 open_needs;
  SteadTransaction *txn;

  g_assert_true (stead_demo_populate (ws, 500, 3, &error));

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  view = stead_map_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  stead_map_view_set_workspace (view, ws);
  gtk_window_present (GTK_WINDOW (window));
  stead_test_iterate_until (indexes_built, view);

  /* Open and assigned needs, and every resource, are on the map. */
  needs = stead_map_view_get_point_layer (view, STEAD_POINT_LAYER_NEEDS);
  open_needs =
    stead_test_count (ws, "SELECT count(*) FROM need WHERE status IN ('open', 'assigned')");
  g_assert_cmpint (open_needs, >, 0);
  g_assert_cmpuint (stead_point_layer_get_n_points (needs), ==,
                    open_needs);
  g_assert_cmpuint (stead_point_layer_get_n_points (
                      stead_map_view_get_point_layer (view, STEAD_POINT_LAYER_RESOURCES)),
                    ==, stead_workspace_count_rows (ws, "resource"));

  /* What is drawn can be picked where it is drawn. */
  {
    g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (SteadPointCluster));
    ShumateViewport *viewport = stead_map_view_get_viewport (view);
    SteadPointCluster picked;
    double x, y;
    guint zoom;

    g_autoptr(GArray) badges = g_array_new (FALSE, FALSE, sizeof (SteadPointBadge));
    SteadPointLayer *merged = stead_map_view_get_point_layer (view, STEAD_POINT_LAYER_MERGED);
    guint n_drawn = 0;

    iterate_for (200);
    zoom = (guint) floor (shumate_viewport_get_zoom_level (viewport));
    /* Every badge opens where it is drawn; a need drawn alone is picked. */
    stead_point_layer_get_badges (merged, badges);
    for (guint i = 0; i < badges->len; i++)
      {
        const SteadPointBadge *b = &g_array_index (badges, SteadPointBadge, i);

        x = b->box.origin.x + b->box.size.width / 2;
        y = b->box.origin.y + b->box.size.height / 2;
        /* A badge with needs is the needs layer's to open, else the resources'. */
        g_assert_true (stead_point_layer_pick (
          b->n_needs > 0 ? needs
                         : stead_map_view_get_point_layer (view, STEAD_POINT_LAYER_RESOURCES),
          x, y, &picked, NULL));
        g_assert_cmpuint (picked.count, >, 1);
        g_assert_cmpuint (
          stead_point_index_get_expansion_zoom (stead_point_layer_get_index (needs), picked.id),
          >, zoom);
        n_drawn += b->n_needs > 0;
      }
    stead_point_index_query (stead_point_layer_get_index (needs), zoom, -180, -85, 180, 85, items);
    g_assert_cmpuint (items->len, >, 0);
    for (guint i = 0; i < items->len; i++)
      {
        SteadPointCluster *c = &g_array_index (items, SteadPointCluster, i);
        guint32 counts[STEAD_POINT_INDEX_MAX_CLASSES];
        gboolean under = FALSE;
        gint64 fid = -1;

        stead_point_index_get_class_counts (stead_point_layer_get_index (needs), c, counts);
        if (c->count > 1 || counts[STEAD_POINT_CLASS_NEED] != 1)
          continue;
        shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (needs), c->lat, c->lon,
                                                    &x, &y);
        for (guint j = 0; j < badges->len; j++)
          {
            graphene_rect_t reach;

            graphene_rect_inset_r (&g_array_index (badges, SteadPointBadge, j).box, -8, -8,
                                   &reach);
            under |= graphene_rect_contains_point (&reach, &GRAPHENE_POINT_INIT (x, y));
          }
        if (under || x < 0 || y < 0 || x > gtk_widget_get_width (GTK_WIDGET (needs)) ||
            y > gtk_widget_get_height (GTK_WIDGET (needs)))
          continue;
        g_assert_true (stead_point_layer_pick (needs, x, y, &picked, &fid));
        g_assert_cmpint (fid, >, 0);
        n_drawn++;
      }
    g_assert_cmpuint (n_drawn, >, 0);
    /* Far from everything, nothing. */
    g_assert_false (stead_point_layer_pick (needs, -500, -500, &picked, NULL));

    /* Drawn: markers and bubbles in the needs' colours, under whichever
     * renderer this run has (cairo surface or render nodes). */
    {
      g_autoptr(GdkTexture) shown = stead_test_render (GTK_WIDGET (view));
      g_autoptr(GdkTexture) hidden = NULL;

      g_test_message ("renderer: %s", G_OBJECT_TYPE_NAME (gtk_native_get_renderer (
                                        gtk_widget_get_native (GTK_WIDGET (view)))));
      g_assert_cmpuint (count_differing (shown, NULL), >, 0);

      /* Switched off in the layer list: not drawn, not clickable. */
      gtk_widget_set_visible (GTK_WIDGET (needs), FALSE);
      iterate_for (50);
      hidden = stead_test_render (GTK_WIDGET (view));
      /* Every marker is at least a few pixels. */
      g_assert_cmpuint (count_differing (shown, hidden), >=, 20 * n_drawn);
      g_assert_false (stead_point_layer_pick (needs, x, y, &picked, NULL));
      gtk_widget_set_visible (GTK_WIDGET (needs), TRUE);
    }
  }

  /* Filtered by status: the met needs instead of the open ones. */
  {
    const char *met[] = { "met", NULL };
    gint64 met_needs = stead_test_count (ws, "SELECT count(*) FROM need WHERE status = 'met'");
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    stead_point_layer_set_filter (needs, NULL, met);
    while (stead_point_layer_get_n_points (needs) !=
             (gsize) met_needs &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
    g_assert_cmpuint (stead_point_layer_get_n_points (needs), ==,
                      met_needs);
    stead_point_layer_set_filter (needs, NULL, NULL);
    while (stead_point_layer_get_n_points (needs) !=
             (gsize) open_needs &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
  }

  /* Picking an area shows what is inside it, by kind, and lists it. */
  {
    gint64 boundary = stead_test_count (ws, "SELECT fid FROM area WHERE kind = 'boundary'");
    g_autoptr(SteadAreaSummary) summary = stead_area_summary_new_for_area (ws, boundary, NULL);
    GtkWidget *panel = stead_map_view_get_area_panel (view);

    g_assert_false (gtk_widget_get_visible (panel));
    g_assert_true (stead_map_view_select_area (view, boundary));
    g_assert_true (gtk_widget_get_visible (panel));
    g_assert_cmpuint (summary->rows->len, >, 0);
    g_assert_false (stead_map_view_select_area (view, 424242));

    /* Inside a ward and a hazard area both, a click picks the hazard:
     * in a flood, the warning is what matters. */
    {
      g_autoptr(sqlite3_stmt) both = stead_workspace_prepare (ws,
        "SELECT ST_MinX (n.geom), ST_MinY (n.geom), h.area FROM need_area h "
        "JOIN need_area w ON w.need = h.need AND w.kind = 'ward' "
        "JOIN need n ON n.fid = h.need WHERE h.kind = 'hazard' LIMIT 1", NULL);

      g_assert_cmpint (sqlite3_step (both), ==, SQLITE_ROW);
      g_assert_cmpint (stead_area_layer_pick_area (stead_map_view_get_area_layer (view),
                                                   sqlite3_column_double (both, 0),
                                                   sqlite3_column_double (both, 1)),
                       ==, sqlite3_column_int64 (both, 2));
    }

    /* A drawn rectangle is summarised too. */
    gtk_widget_set_visible (panel, FALSE);
    stead_map_view_select_box (view, -2.3, 51.9, -2.0, 52.1);
    g_assert_true (gtk_widget_get_visible (panel));
  }

  /* A choropleth of needs per ward shades the wards. */
  {
    g_autoptr(sqlite3_stmt) wards =
      stead_workspace_prepare (ws, "SELECT fid FROM area WHERE kind = 'ward'", NULL);
    g_autoptr(GArray) fids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GdkTexture) before = NULL;
    g_autoptr(GdkTexture) after = NULL;
    g_autofree guchar *a = NULL, *b = NULL;
    gsize differ = 0, size;

    while (sqlite3_step (wards) == SQLITE_ROW)
      {
        gint64 fid = sqlite3_column_int64 (wards, 0);
        g_autoptr(SteadAreaSummary) summary = stead_area_summary_new_for_area (ws, fid, NULL);
        double n = summary->need_fids->len;

        g_array_append_val (fids, fid);
        g_array_append_val (values, n);
      }
    g_assert_cmpuint (fids->len, ==, 22);

    /* The summary panel would cover the map in this small window. */
    gtk_widget_set_visible (stead_map_view_get_area_panel (view), FALSE);
    iterate_for (100);
    before = stead_test_render (GTK_WIDGET (view));
    stead_area_layer_set_values (stead_map_view_get_area_layer (view), (gint64 *) fids->data,
                                 (double *) values->data, fids->len);
    iterate_for (100);
    after = stead_test_render (GTK_WIDGET (view));
    g_assert_nonnull (before);
    g_assert_nonnull (after);
    size = gdk_texture_get_width (before) * gdk_texture_get_height (before) * 4;
    a = g_malloc (size);
    b = g_malloc (size);
    gdk_texture_download (before, a, gdk_texture_get_width (before) * 4);
    gdk_texture_download (after, b, gdk_texture_get_width (after) * 4);
    for (gsize i = 0; i < size; i += 4)
      differ += memcmp (a + i, b + i, 4) != 0;
    /* The wards cover a good part of the view. */
    g_assert_cmpuint (differ, >, size / 4 / 20);
    stead_area_layer_set_values (stead_map_view_get_area_layer (view), NULL, NULL, 0);
  }

  /* A new need appears once the workspace reports the change. */
  txn = stead_workspace_begin (ws, "core", "Add need", &error);
  g_assert_cmpint (stead_transaction_insert_need (txn, "food", NULL, -2.16, 51.99, 1, 2, "open",
                                                  1767225600, NULL, 0, &error),
                   >, 0);
  g_assert_true (stead_transaction_commit (txn, &error));
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (stead_point_layer_get_n_points (needs) !=
             (gsize) open_needs + 1 &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_cmpuint (stead_point_layer_get_n_points (needs), ==,
                    open_needs + 1);

  gtk_window_destroy (GTK_WINDOW (window));
  stead_workspace_close (ws);
}

static char *make_red_mbtiles_as (const char *dir,
                                  const char *format);

static char *
make_red_mbtiles (const char *dir)
{
  return make_red_mbtiles_as (dir, "png");
}

static char *
make_red_mbtiles_as (const char *dir,
                     const char *format)
{
  /* 256x256 of rgb(220, 20, 30), lossless WebP (made with ImageMagick). */
  static const guint8 red_webp[] = {
    0x52, 0x49, 0x46, 0x46, 0x24, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50,
    0x56, 0x50, 0x38, 0x4c, 0x18, 0x00, 0x00, 0x00, 0x2f, 0xff, 0xc0, 0x3f,
    0x00, 0x07, 0x50, 0x8a, 0x72, 0xd7, 0xa3, 0xff, 0x01, 0x00, 0x45, 0xfa,
    0xff, 0x9f, 0x22, 0xfa, 0x9f, 0xfa, 0xdf, 0x7f
  };
  g_autofree char *name = g_strdup_printf ("red-%s.mbtiles", format);
  char *path = g_build_filename (dir, g_str_equal (format, "png") ? "red.mbtiles" : name, NULL);
  g_autofree char *metadata = NULL;
  g_autofree guchar *pixels = g_malloc (256 * 256 * 4);
  g_autoptr(GBytes) memory = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) image = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  for (int i = 0; i < 256 * 256; i++)
    {
      pixels[4 * i] = 220;   /* R8G8B8A8 */
      pixels[4 * i + 1] = 20;
      pixels[4 * i + 2] = 30;
      pixels[4 * i + 3] = 255;
    }
  memory = g_bytes_new (pixels, 256 * 256 * 4);
  texture = gdk_memory_texture_new (256, 256, GDK_MEMORY_R8G8B8A8, memory, 256 * 4);
  image = g_str_equal (format, "webp") ? g_bytes_new_static (red_webp, sizeof red_webp)
                                       : gdk_texture_save_to_png_bytes (texture);
  metadata = g_strdup_printf ("INSERT INTO metadata VALUES ('name', 'Red'), ('format', '%s'), "
                              "('minzoom', '0'),"
                              " ('maxzoom', '16'), ('attribution', 'Red test tiles');",
                              format);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE metadata (name TEXT, value TEXT);"
                                 "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, "
                                 "tile_row INTEGER, tile_data BLOB);",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, metadata, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (
    sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &stmt, NULL), ==,
    SQLITE_OK);
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  /* Every tile around the test area, at every zoom, in TMS rows. */
  for (int z = 0; z <= 16; z++)
    {
      double n = 1 << z;
      int x0 = (int) ((-2.5 + 180) / 360 * n), x1 = (int) ((-1.8 + 180) / 360 * n);
      int y0 = (int) ((1 - asinh (tan (52.2 * G_PI / 180)) / G_PI) / 2 * n);
      int y1 = (int) ((1 - asinh (tan (51.8 * G_PI / 180)) / G_PI) / 2 * n);

      for (int x = x0; x <= x1; x++)
        for (int y = y0; y <= y1; y++)
          {
            sqlite3_bind_int (stmt, 1, z);
            sqlite3_bind_int (stmt, 2, x);
            sqlite3_bind_int (stmt, 3, (1 << z) - 1 - y);
            sqlite3_bind_blob (stmt, 4, g_bytes_get_data (image, NULL), g_bytes_get_size (image),
                               SQLITE_STATIC);
            g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
            sqlite3_reset (stmt);
          }
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return path;
}

static double
red_fraction (GtkWidget *widget)
{
  g_autoptr(GdkTexture) texture = stead_test_render (widget);
  g_autofree guchar *pixels = NULL;
  int width, height;
  guint red = 0;

  if (texture == NULL)
    return 0;
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_malloc (width * height * 4);

  gdk_texture_download (texture, pixels, width * 4);
  for (int i = 0; i < width * height; i++)
    {
      /* Cairo ARGB32, little endian: B G R A. */
      guchar b = pixels[4 * i], g = pixels[4 * i + 1], r = pixels[4 * i + 2];
      if (r > 180 && g < 60 && b < 70)
        red++;
    }
  return (double) red / (width * height);
}

static void
test_mbtiles_base_map (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-map-XXXXXX", NULL);
  g_autofree char *tiles = make_red_mbtiles (dir);
  g_autofree char *text = g_build_filename (dir, "notes.mbtiles", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) listed = NULL;
  SteadMapView *view;
  GtkWidget *window;
  double before, after = 0;

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  view = stead_map_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  stead_test_iterate_until (is_sized, view);
  iterate_for (200);
  shumate_viewport_set_zoom_level (stead_map_view_get_viewport (view), 12);
  shumate_map_center_on (stead_map_view_get_map (view), 51.99, -2.16);
  iterate_for (200);
  before = red_fraction (GTK_WIDGET (view));
  g_assert_cmpfloat (before, <, 0.01);

  /* A file that is not MBTiles is refused, and nothing changes. */
  g_file_set_contents (text, "hello", -1, NULL);
  g_assert_false (stead_map_view_add_mbtiles (view, text, &error));
  g_assert_error (error, STEAD_MBTILES_ERROR, STEAD_MBTILES_ERROR_INVALID);
  g_clear_error (&error);

  /* The offline tiles are drawn, read off the main thread. */
  g_assert_true (stead_map_view_add_mbtiles (view, tiles, &error));
  g_assert_no_error (error);
  listed = stead_map_view_get_mbtiles (view);
  g_assert_cmpuint (g_strv_length (listed), ==, 1);
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while ((after = red_fraction (GTK_WIDGET (view))) < 0.5 && g_get_monotonic_time () < deadline)
      iterate_for (100);
  }
  g_assert_cmpfloat (after, >=, 0.5);

  /* Removed again: the background shows. */
  stead_map_view_remove_mbtiles (view, tiles);
  iterate_for (200);
  g_assert_cmpfloat (red_fraction (GTK_WIDGET (view)), <, 0.01);

  /* WebP tiles are drawn as well (gdk-pixbuf's WebP loader). */
  {
    g_autofree char *webp = make_red_mbtiles_as (dir, "webp");
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    g_assert_true (stead_map_view_add_mbtiles (view, webp, &error));
    g_assert_no_error (error);
    while ((after = red_fraction (GTK_WIDGET (view))) < 0.5 && g_get_monotonic_time () < deadline)
      iterate_for (100);
    g_assert_cmpfloat (after, >=, 0.5);
    stead_map_view_remove_mbtiles (view, webp);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef gboolean (*WidgetMatch) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_widget (GtkWidget   *root,
             WidgetMatch  match,
             gconstpointer data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* @type: a GType, as GSIZE_TO_POINTER (GTK_TYPE_…) */
static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, (GType) GPOINTER_TO_SIZE (type));
}

static gboolean
is_label_matching (GtkWidget     *widget,
                   gconstpointer  regex)
{
  return GTK_IS_LABEL (widget) &&
         g_regex_match ((GRegex *) regex, gtk_label_get_text (GTK_LABEL (widget)), 0, NULL);
}

static gboolean
is_menu_button_titled (GtkWidget     *widget,
                       gconstpointer  tooltip)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_check_labelled (GtkWidget     *widget,
                   gconstpointer  text)
{
  return GTK_IS_CHECK_BUTTON (widget) &&
         g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), text) == 0;
}

static gboolean
drop_files (SteadMapView *view,
            const char   *path)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GSList files = { file, NULL };
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (&files));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        {
          g_signal_emit_by_name (controller, "drop", &value, 100.0, 100.0, &accepted);
          break;
        }
    }
  g_value_unset (&value);
  return accepted;
}

static GtkWindow *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return window;
    }
  return NULL;
}

/* What a user does: drop files on the map, then use the layer list to
 * see the offline map, remove it, and switch layers and base maps. */
static void
test_layer_list_and_drop (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-map-XXXXXX", NULL);
  g_autofree char *tiles = make_red_mbtiles (dir);
  g_autofree char *text = g_build_filename (dir, "notes.mbtiles", NULL);
  g_auto(GStrv) listed = NULL;
  SteadMapView *view;
  GtkWidget *window, *button, *popover, *label, *remove, *check;
  GtkWindow *dialog;
  double red = 0;

  window = map_window_new (NULL, NULL, 640, 480, &view);
  stead_test_iterate_until (is_sized, view);
  iterate_for (200);   /* the view places itself once it has a size */
  shumate_viewport_set_zoom_level (stead_map_view_get_viewport (view), 12);
  shumate_map_center_on (stead_map_view_get_map (view), 51.99, -2.16);
  iterate_for (200);

  /* A dropped file that is not MBTiles: a dialog says why, nothing added. */
  g_file_set_contents (text, "hello", -1, NULL);
  g_test_expect_message ("stead-map-view", G_LOG_LEVEL_MESSAGE, "*notes.mbtiles*");
  g_assert_true (drop_files (view, text));
  g_test_assert_expected_messages ();
  listed = stead_map_view_get_mbtiles (view);
  g_assert_cmpuint (g_strv_length (listed), ==, 0);
  g_clear_pointer (&listed, g_strfreev);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_window_destroy (dialog);

  /* A dropped MBTiles file is drawn over the background. */
  g_assert_true (drop_files (view, tiles));
  listed = stead_map_view_get_mbtiles (view);
  g_assert_cmpuint (g_strv_length (listed), ==, 1);
  g_assert_cmpstr (listed[0], ==, tiles);
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while ((red = red_fraction (GTK_WIDGET (view))) < 0.5 && g_get_monotonic_time () < deadline)
      iterate_for (100);
  }
  g_assert_cmpfloat (red, >=, 0.5);

  /* The layer list names it; its remove button takes it away. */
  button = find_widget (GTK_WIDGET (view), is_menu_button_titled, "Base Map and Layers");
  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  iterate_for (100);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_nonnull (popover);
  label = find_widget (popover, is_label, "red.mbtiles");
  g_assert_nonnull (label);
  remove = gtk_widget_get_next_sibling (label);
  g_assert_true (GTK_IS_BUTTON (remove));
  g_signal_emit_by_name (remove, "clicked");
  iterate_for (200);
  g_clear_pointer (&listed, g_strfreev);
  listed = stead_map_view_get_mbtiles (view);
  g_assert_cmpuint (g_strv_length (listed), ==, 0);
  g_assert_cmpfloat (red_fraction (GTK_WIDGET (view)), <, 0.01);

  /* Base map and layer switches act at once. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  iterate_for (100);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  check = find_widget (popover, is_check_labelled, "OpenStreetMap");
  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_cmpint (stead_map_view_get_base_map (view), ==, STEAD_BASE_MAP_OPENSTREETMAP);
  check = find_widget (popover, is_check_labelled, "Offline background only");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_cmpint (stead_map_view_get_base_map (view), ==, STEAD_BASE_MAP_OFFLINE);
  check = find_widget (popover, is_check_labelled, "Needs");
  g_assert_nonnull (check);
  g_assert_true (gtk_widget_get_visible (
    GTK_WIDGET (stead_map_view_get_point_layer (view, STEAD_POINT_LAYER_NEEDS))));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  g_assert_false (gtk_widget_get_visible (
    GTK_WIDGET (stead_map_view_get_point_layer (view, STEAD_POINT_LAYER_NEEDS))));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_draw_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) && g_str_has_prefix (gtk_widget_get_tooltip_text (widget)
                                                              ? gtk_widget_get_tooltip_text (widget)
                                                              : "",
                                                            "Draw an Area");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The texts of every label below @root, in tree order, joined by "|". */
static void
append_label_texts (GtkWidget *root,
                    GString   *out)
{
  if (GTK_IS_LABEL (root))
    g_string_append_printf (out, "%s%s", out->len > 0 ? "|" : "",
                            gtk_label_get_text (GTK_LABEL (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    append_label_texts (child, out);
}

/* One "Kind|needs|people|resources|capacity" string a row of the first
 * column view below @panel, as its labels read on screen, sorted. */
static GPtrArray *
panel_kind_rows (GtkWidget *panel)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *view = find_widget (panel, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_COLUMN_VIEW));
  GtkWidget *list;

  g_assert_nonnull (view);
  list = find_widget (view, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_LIST_VIEW));
  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_str_equal (gtk_widget_get_css_name (row), "row") && gtk_widget_get_visible (row))
      {
        GString *text = g_string_new (NULL);

        append_label_texts (row, text);
        g_ptr_array_add (rows, g_string_free (text, FALSE));
      }
  g_ptr_array_sort (rows, compare_strings);
  return rows;
}

/* The same rows from SQL alone, for the convex quadrilateral @corners:
 * a point is inside when it is on the same side of all four edges (the
 * cross products share a sign). Open and assigned needs count, with
 * their people; every resource counts, with the capacity of the available
 * and limited ones. Kinds are shown by their vocabulary label. */
#define KINDS_IN_QUAD_SQL \
  "WITH pts AS (" \
  "  SELECT kind, 1 AS need, status IN ('open', 'assigned') AS counts, people AS amount, " \
  "    ST_MinX (geom) AS x, ST_MinY (geom) AS y FROM need " \
  "  UNION ALL SELECT kind, 0, availability IN ('available', 'limited'), capacity, " \
  "    ST_MinX (geom), ST_MinY (geom) FROM resource), " \
  "side AS (SELECT *, " \
  "  (?3 - ?1) * (y - ?2) - (?4 - ?2) * (x - ?1) AS a, " \
  "  (?5 - ?3) * (y - ?4) - (?6 - ?4) * (x - ?3) AS b, " \
  "  (?7 - ?5) * (y - ?6) - (?8 - ?6) * (x - ?5) AS c, " \
  "  (?1 - ?7) * (y - ?8) - (?2 - ?8) * (x - ?7) AS d FROM pts), " \
  "inside AS (SELECT * FROM side WHERE (a > 0 AND b > 0 AND c > 0 AND d > 0) " \
  "  OR (a < 0 AND b < 0 AND c < 0 AND d < 0)) " \
  "SELECT coalesce ((SELECT label FROM taxonomy t WHERE t.code = inside.kind " \
  "    AND t.vocabulary IN ('need-kind', 'resource-kind') LIMIT 1), kind), " \
  "  sum (need AND counts), total (CASE WHEN need AND counts THEN amount END), " \
  "  sum (NOT need), total (CASE WHEN NOT need AND counts THEN amount END), " \
  "  (SELECT unit FROM taxonomy t WHERE t.code = inside.kind " \
  "    AND t.vocabulary = 'resource-kind') " \
  "FROM inside GROUP BY kind HAVING sum (need AND counts) + sum (NOT need) > 0"

static GPtrArray *
sql_kind_rows (SteadWorkspace   *ws,
               const SteadCoord *corners,
               gint64            totals[4])
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (ws, KINDS_IN_QUAD_SQL, NULL);

  g_assert_nonnull (stmt);
  for (int i = 0; i < 4; i++)
    {
      sqlite3_bind_double (stmt, 2 * i + 1, corners[i].x);
      sqlite3_bind_double (stmt, 2 * i + 2, corners[i].y);
    }
  memset (totals, 0, 4 * sizeof (gint64));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 v[4];

      const char *unit = (const char *) sqlite3_column_text (stmt, 5);
      g_autofree char *capacity = NULL;

      for (int i = 0; i < 4; i++)
        totals[i] += v[i] = sqlite3_column_int64 (stmt, i + 1);
      /* A capacity is shown in its kind's unit, and only where there are resources. */
      capacity = v[2] == 0 ? g_strdup ("")
                 : unit != NULL ? g_strdup_printf ("%" G_GINT64_FORMAT " %s", v[3], unit)
                                : g_strdup_printf ("%" G_GINT64_FORMAT, v[3]);
      g_ptr_array_add (rows, g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT
                                              "|%" G_GINT64_FORMAT "|%s",
                                              sqlite3_column_text (stmt, 0), v[0], v[1], v[2],
                                              capacity));
    }
  g_ptr_array_sort (rows, compare_strings);
  return rows;
}

/* The polygon tool with real pointer events from the X server: click the
 * tool, click three corners, double-click the fourth; the side panel
 * then sums exactly what lies inside that polygon, as its labels read and
 * as SQL counts it with no help from the code that drew it. */
static void
test_draw_polygon_with_pointer (void)
{
  g_autofree char *title = g_strdup_printf ("Stead polygon test %d", (int) getpid ());
  g_autofree char *dir = g_dir_make_tmp ("stead-map-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.gpkg", NULL);
  g_autoptr(SteadWorkspace) ws = stead_workspace_create (path, "Demo", NULL, NULL);
  g_autoptr(GError) error = NULL;
  static const double corners[4][2] = {
    { 0.30, 0.30 }, { 0.70, 0.28 }, { 0.72, 0.70 }, { 0.28, 0.72 }
  };
  SteadCoord ring[5];
  SteadGeometry *drawn;
  GtkWidget *window, *button, *map;
  SteadMapView *view;
  double zoom;

  if (!stead_test_have_xdotool ())
    {
      g_test_skip ("needs an X server (Xvfb) and xdotool for pointer events");
      return;
    }

  g_assert_true (stead_demo_populate (ws, 400, 5, &error));
  window = map_window_new (ws, title, 800, 600, &view);
  stead_test_iterate_until (indexes_built, view);
  iterate_for (300);
  gtk_widget_set_visible (stead_map_view_get_area_panel (view), FALSE);
  iterate_for (100);
  map = GTK_WIDGET (stead_map_view_get_map (view));
  zoom = shumate_viewport_get_zoom_level (stead_map_view_get_viewport (view));

  button = find_widget (GTK_WIDGET (view), is_draw_button, NULL);
  g_assert_nonnull (button);
  stead_test_click (button);
  iterate_for (300);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));

  /* Corners far apart: single clicks; the last one double. */
  for (guint i = 0; i < 4; i++)
    {
      double x = corners[i][0] * gtk_widget_get_width (map);
      double y = corners[i][1] * gtk_widget_get_height (map);

      shumate_viewport_widget_coords_to_location (stead_map_view_get_viewport (view), map, x, y,
                                                  &ring[i].y, &ring[i].x);
      stead_test_pointer (map, x, y, i == 3 ? "click --repeat 2 --delay 80 1" : "click 1");
      iterate_for (i == 3 ? 500 : 250);
    }
  ring[4] = ring[0];

  /* Drawn: the tool is off again, the double click did not zoom, the
   * panel shows the polygon's sums. */
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (stead_map_view_get_viewport (view)), ==,
                     zoom);
  g_assert_true (gtk_widget_get_visible (stead_map_view_get_area_panel (view)));
  drawn = stead_map_view_get_drawn_area (view);
  g_assert_nonnull (drawn);
  {
    gsize n;
    const SteadCoord *got = stead_geometry_get_ring (drawn, 0, 0, &n);

    g_assert_cmpuint (n, ==, 5);
    for (guint i = 0; i < 5; i++)
      {
        /* Within a pixel of where the pointer was sent. */
        g_assert_cmpfloat (fabs (got[i].x - ring[i].x), <, 0.001);
        g_assert_cmpfloat (fabs (got[i].y - ring[i].y), <, 0.001);
      }

    /* What the panel shows, read from its labels, against SQL alone. */
    {
      GtkWidget *panel = stead_map_view_get_area_panel (view);
      g_autoptr(GPtrArray) shown = NULL;
      g_autoptr(GPtrArray) want = NULL;
      g_autoptr(GRegex) totals_re = g_regex_new (
        "^(\\d+) open needs?, (\\d+) (?:person|people) affected; (\\d+) resources?$", 0, 0,
        NULL);
      g_autoptr(GMatchInfo) match = NULL;
      GtkWidget *totals;
      gint64 sums[4];

      iterate_for (300);
      want = sql_kind_rows (ws, got, sums);
      shown = panel_kind_rows (panel);
      for (guint i = 0; i < want->len; i++)
        g_test_message ("kind row: %s", (char *) g_ptr_array_index (want, i));
      g_assert_cmpuint (shown->len, ==, want->len);
      for (guint i = 0; i < want->len; i++)
        g_assert_cmpstr (g_ptr_array_index (shown, i), ==, g_ptr_array_index (want, i));

      totals = find_widget (panel, is_label_matching, totals_re);
      g_assert_nonnull (totals);
      g_assert_true (g_regex_match (totals_re, gtk_label_get_text (GTK_LABEL (totals)), 0,
                                    &match));
      for (int i = 0; i < 3; i++)
        {
          g_autofree char *number = g_match_info_fetch (match, i + 1);

          g_assert_cmpint (g_ascii_strtoll (number, NULL, 10), ==, sums[i]);
        }

      /* The demo's needs are spread over the town: some inside, not all. */
      g_assert_cmpint (sums[0], >, 0);
      g_assert_cmpint (sums[0], <, stead_workspace_count_rows (ws, "need"));
    }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  stead_workspace_close (ws);
}

static gboolean
is_label_ending (GtkWidget     *widget,
                 gconstpointer  suffix)
{
  return GTK_IS_LABEL (widget) &&
         g_str_has_suffix (gtk_label_get_label (GTK_LABEL (widget)), suffix);
}

static gboolean
is_label_starting (GtkWidget     *widget,
                   gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) &&
         g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix);
}

/* Waits out the zoom's animation, then says how far it is from @want. */
static double
zoom_settled_off (ShumateViewport *viewport,
                  double           want)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (fabs (shumate_viewport_get_zoom_level (viewport) - want) > 1e-9 &&
         g_get_monotonic_time () < deadline)
    iterate_for (20);
  iterate_for (300);   /* and nothing else moves it afterwards */
  return fabs (shumate_viewport_get_zoom_level (viewport) - want);
}

/* One step doubles the scale: the Zoom In and Zoom Out buttons, + and -
 * with or without Ctrl, and each notch of a mouse wheel (about the
 * pointer) change the zoom by exactly one level, with the X server's
 * pointer and keyboard. */
static void
test_zoom_steps (void)
{
  g_autofree char *title = g_strdup_printf ("Stead zoom test %d", (int) getpid ());
  static const struct
  {
    const char *keys;
    double      by;
  } keys[] = {
    { "plus", 1 }, { "minus", -1 }, { "ctrl+equal", 1 }, { "ctrl+minus", -1 },
    { "ctrl+plus", 1 }, { "KP_Subtract", -1 }, { "KP_Add", 1 }, { "equal", 1 },
  };
  ShumateViewport *viewport;
  SteadMapView *view;
  GtkWidget *window, *map;
  double zoom = 10;

  if (!stead_test_have_xdotool ())
    {
      g_test_skip ("needs an X server (Xvfb) and xdotool for pointer and key events");
      return;
    }
  window = map_window_new (NULL, title, 800, 600, &view);
  stead_test_iterate_until (is_sized, view);
  iterate_for (300);
  viewport = stead_map_view_get_viewport (view);
  map = GTK_WIDGET (stead_map_view_get_map (view));
  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_map_center_on (stead_map_view_get_map (view), 51.99, -2.16);
  iterate_for (200);

  /* The buttons. */
  stead_test_click (stead_test_find_by_label (GTK_WIDGET (view), "Zoom In"));
  g_assert_cmpfloat (zoom_settled_off (viewport, ++zoom), <, 1e-9);
  stead_test_click (stead_test_find_by_label (GTK_WIDGET (view), "Zoom Out"));
  g_assert_cmpfloat (zoom_settled_off (viewport, --zoom), <, 1e-9);

  /* The keys, with the map focused and the pointer over it. */
  stead_test_pointer (map, 40, 300, NULL);
  gtk_widget_grab_focus (map);
  iterate_for (100);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_test_message ("key %s", keys[i].keys);
      stead_test_keys (keys[i].keys);
      zoom += keys[i].by;
      g_assert_cmpfloat (zoom_settled_off (viewport, zoom), <, 1e-9);
    }

  /* A wheel's notch (buttons 4 and 5), about the pointer: what is under
   * it stays under it. */
  {
    double lat, lon, x, y;

    shumate_viewport_widget_coords_to_location (viewport, map, 200, 150, &lat, &lon);
    stead_test_pointer (map, 200, 150, "click 4");
    g_assert_cmpfloat (zoom_settled_off (viewport, ++zoom), <, 1e-9);
    shumate_viewport_location_to_widget_coords (viewport, map, lat, lon, &x, &y);
    g_assert_cmpfloat (hypot (x - 200, y - 150), <, 1.5);
    stead_test_pointer (map, 200, 150, "click 5");
    g_assert_cmpfloat (zoom_settled_off (viewport, --zoom), <, 1e-9);
    shumate_viewport_location_to_widget_coords (viewport, map, lat, lon, &x, &y);
    g_assert_cmpfloat (hypot (x - 200, y - 150), <, 1.5);
  }

  /* Notches in quick succession add up, each a whole level. */
  stead_test_pointer (map, 400, 300, "click --repeat 3 --delay 30 4");
  zoom += 3;
  g_assert_cmpfloat (zoom_settled_off (viewport, zoom), <, 1e-9);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_show_record (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  *(gint64 *) user_data = g_variant_get_int64 (parameter);
}

/* The popover the view shows now, if any. */
static GtkWidget *
shown_popover (SteadMapView *view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && gtk_widget_get_mapped (child))
      return child;
  return NULL;
}

static gboolean
has_popover (gpointer view)
{
  return shown_popover (view) != NULL;
}

static gboolean
resources_indexed (gpointer view)
{
  return stead_point_layer_get_n_points (
           stead_map_view_get_point_layer (view, STEAD_POINT_LAYER_RESOURCES)) == 2;
}

static void
popdown_popover (SteadMapView *view)
{
  GtkWidget *popover = shown_popover (view);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  iterate_for (200);
}

/* The items of the needs' level at @zoom that hold any of @fids, and how
 * many of @fids each holds (in @counts, as many as items). */
static guint
items_holding (SteadPointLayer   *needs,
               guint              zoom,
               const gint64      *fids,
               guint              n_fids,
               SteadPointCluster *found,
               guint             *counts)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (SteadPointCluster));
  guint n = 0;

  stead_point_index_query (stead_point_layer_get_index (needs), zoom, -3, 51, -1, 53, items);
  for (guint i = 0; i < items->len; i++)
    {
      SteadPointCluster *c = &g_array_index (items, SteadPointCluster, i);
      g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (gint64));
      guint held = 0;

      guint32 by_class[STEAD_POINT_INDEX_MAX_CLASSES];

      g_assert_true (stead_point_layer_get_members (needs, c, members));
      stead_point_index_get_class_counts (stead_point_layer_get_index (needs), c, by_class);
      g_assert_cmpuint (members->len, ==, by_class[STEAD_POINT_CLASS_NEED]);
      for (guint m = 0; m < members->len; m++)
        for (guint f = 0; f < n_fids; f++)
          held += g_array_index (members, gint64, m) == fids[f];
      if (held > 0)
        {
          found[n] = *c;
          counts[n++] = held;
        }
    }
  return n;
}

/* A click on a cluster zooms to where it splits, centred on it; a cluster
 * whose needs are all in one place (a metre apart) cannot split, and a
 * click lists them instead, each showing its record. The split is found
 * from the geometry alone: two groups of needs a known distance apart are
 * one cluster while they are within the cluster radius (60 pixels of a
 * 512-pixel tile, 30 of the map's 256-pixel tiles) of each other. */
static void
test_cluster_click (void)
{
  g_autofree char *title = g_strdup_printf ("Stead cluster test %d", (int) getpid ());
  g_autofree char *dir = g_dir_make_tmp ("stead-map-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cluster.gpkg", NULL);
  g_autoptr(SteadWorkspace) ws = stead_workspace_create (path, "Clustershire", NULL, NULL);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) show = g_simple_action_new ("show-record", G_VARIANT_TYPE_INT64);
  g_autoptr(GError) error = NULL;
  const double lat = 51.99, west = -2.1618, gap = 0.0036, metre = 0.0000146;
  ShumateViewport *viewport;
  SteadPointLayer *needs;
  SteadMapView *view;
  GtkWidget *window, *map, *popover;
  SteadTransaction *txn;
  SteadPointCluster found[8];
  guint counts[8], n, split = 0;
  gint64 fids[6], opened = 0;
  double x, y;

  if (!stead_test_have_xdotool ())
    {
      g_test_skip ("needs an X server (Xvfb) and xdotool for pointer events");
      return;
    }

  /* Three needs at the west spot, three at the east one, each within a
   * metre of its neighbours. */
  txn = stead_workspace_begin (ws, "core", "Add needs", &error);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %u", i < 3 ? "West" : "East", i % 3 + 1);

      fids[i] = stead_transaction_insert_need (txn, "food", name,
                                               west + (i < 3 ? 0 : gap) + (i % 3) * 0.5 * metre,
                                               lat + (i % 3) * 0.3 * metre, 2, 2, "open",
                                               1767225600, "test", 100 + i, &error);
      g_assert_no_error (error);
    }
  g_assert_true (stead_transaction_commit (txn, &error));

  /* Where the two spots part: the lowest zoom at which they are more than
   * 30 pixels apart. */
  for (guint z = 0; z <= 19 && split == 0; z++)
    if (gap / 360.0 * 256.0 * exp2 (z) > 30)
      split = z;
  g_assert_cmpuint (split, >, 4);
  g_assert_cmpuint (split, <, 19);

  window = map_window_new (ws, title, 800, 600, &view);
  /* The members are listed by title: personal data, shown as allowed. */
  g_object_set (stead_map_view_get_area_panel (view), "show-personal", TRUE, NULL);
  g_signal_connect (show, "activate", G_CALLBACK (on_show_record), &opened);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (show));
  gtk_widget_insert_action_group (window, "test", G_ACTION_GROUP (group));
  stead_test_iterate_until (indexes_built, view);
  iterate_for (300);
  viewport = stead_map_view_get_viewport (view);
  map = GTK_WIDGET (stead_map_view_get_map (view));
  needs = stead_map_view_get_point_layer (view, STEAD_POINT_LAYER_NEEDS);
  gtk_widget_set_visible (stead_map_view_get_area_panel (view), FALSE);

  /* Three levels out, the six are one cluster; a click on it zooms to
   * where it splits, centred on it. */
  shumate_viewport_set_zoom_level (viewport, split - 3);
  shumate_map_center_on (stead_map_view_get_map (view), lat, west + gap / 2);
  iterate_for (300);
  n = items_holding (needs, split - 3, fids, 6, found, counts);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (found[0].count, ==, 6);
  shumate_viewport_location_to_widget_coords (viewport, map, found[0].lat, found[0].lon, &x, &y);
  stead_test_pointer (map, x, y, "click 1");
  g_assert_cmpfloat (zoom_settled_off (viewport, split), <, 1e-9);
  shumate_viewport_location_to_widget_coords (viewport, map, found[0].lat, found[0].lon, &x, &y);
  g_assert_cmpfloat (hypot (x - gtk_widget_get_width (map) / 2.0,
                            y - gtk_widget_get_height (map) / 2.0), <, 1.5);

  /* There they are two clusters; a level out, still one. */
  n = items_holding (needs, split, fids, 6, found, counts);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (counts[0], ==, 3);
  g_assert_cmpuint (counts[1], ==, 3);
  g_assert_cmpuint (items_holding (needs, split - 1, fids, 6, found + 2, counts + 2), ==, 1);

  /* The west three are within a metre: never apart on this map. A click
   * lists them where they are, and does not zoom. */
  {
    guint w = found[0].lon < found[1].lon ? 0 : 1;
    GtkWidget *list, *row, *open;

    g_assert_cmpuint (stead_point_index_get_expansion_zoom (stead_point_layer_get_index (needs),
                                                            found[w].id),
                      >, shumate_viewport_get_max_zoom_level (viewport));
    shumate_viewport_location_to_widget_coords (viewport, map, found[w].lat, found[w].lon, &x,
                                                &y);
    stead_test_pointer (map, x, y, "click 1");
    stead_test_iterate_until (has_popover, view);
    g_assert_cmpfloat (zoom_settled_off (viewport, split), <, 1e-9);
    popover = shown_popover (view);
    list = find_widget (popover, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_LIST_VIEW));
    g_assert_nonnull (list);
    g_assert_cmpuint (g_list_model_get_n_items (
                        G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)))),
                      ==, 3);
    g_assert_nonnull (find_widget (popover, is_label, "3 needs here"));
    for (guint i = 1; i <= 3; i++)
      {
        g_autofree char *name = g_strdup_printf ("West %u", i);

        g_assert_nonnull (find_widget (popover, is_label, name));
      }

    /* A member shows its own record, which opens in its plugin. */
    row = find_widget (popover, is_label, "West 2");
    stead_test_click (row);
    stead_test_iterate_until (has_popover, view);
    iterate_for (200);
    popover = shown_popover (view);
    g_assert_nonnull (find_widget (popover, is_label_ending, "West 2\n2 people affected\n"
                                   "Urgency: Medium\nStatus: Open\nOpened: 2026-01-01"));
    open = stead_test_find_by_label (popover, "Open Record");
    g_assert_nonnull (open);
    stead_test_click (open);
    iterate_for (200);
    g_assert_cmpint (opened, ==, 101);
  }

  /* Two resources join the west three (a rest centre taking them in): a
   * click lists needs and resources, as many of each as the file holds
   * there, and a resource in the list shows its own record. */
  {
    g_autofree char *heading = NULL;
    GtkWidget *list, *row;
    gint64 n_needs, n_resources;

    popdown_popover (view);
    txn = stead_workspace_begin (ws, "core", "Add a rest centre", &error);
    for (guint i = 0; i < 2; i++)
      {
        g_autofree char *name = g_strdup_printf ("Hall %u", i + 1);

        stead_transaction_insert_resource (txn, "rest-centre", name, west - i * 0.3 * metre,
                                           lat - i * 0.2 * metre, 40, "available", NULL, 0,
                                           &error);
        g_assert_no_error (error);
      }
    g_assert_true (stead_transaction_commit (txn, &error));
    n_needs = stead_test_count (ws, "SELECT count(*) FROM need WHERE title LIKE 'West %'");
    n_resources = stead_test_count (ws, "SELECT count(*) FROM resource");
    g_assert_cmpint (n_resources, ==, 2);
    stead_test_iterate_until (resources_indexed, view);
    shumate_viewport_set_zoom_level (viewport, shumate_viewport_get_max_zoom_level (viewport));
    shumate_map_center_on (stead_map_view_get_map (view), lat, west);
    iterate_for (300);

    shumate_viewport_location_to_widget_coords (viewport, map, lat, west, &x, &y);
    stead_test_pointer (map, x, y, "click 1");
    stead_test_iterate_until (has_popover, view);
    iterate_for (300);
    popover = shown_popover (view);
    list = find_widget (popover, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_LIST_VIEW));
    g_assert_nonnull (list);
    g_assert_cmpuint (g_list_model_get_n_items (
                        G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)))),
                      ==, n_needs + n_resources);
    heading = g_strdup_printf ("%d needs and %d resources here", (int) n_needs,
                               (int) n_resources);
    g_assert_nonnull (find_widget (popover, is_label, heading));
    for (guint i = 1; i <= 3; i++)
      {
        g_autofree char *name = g_strdup_printf ("West %u", i);

        g_assert_nonnull (find_widget (popover, is_label, name));
      }
    for (guint i = 1; i <= 2; i++)
      {
        g_autofree char *name = g_strdup_printf ("Hall %u", i);

        g_assert_nonnull (find_widget (popover, is_label, name));
      }

    row = find_widget (popover, is_label, "Hall 2");
    stead_test_click (row);
    stead_test_iterate_until (has_popover, view);
    iterate_for (200);
    popover = shown_popover (view);
    g_assert_nonnull (find_widget (popover, is_label_starting, "Hall 2\nCapacity: 40\n"));
  }

  popdown_popover (view);
  gtk_window_destroy (GTK_WINDOW (window));
  stead_workspace_close (ws);
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

/* Shading the wards from the layer list: the legend runs from the least
 * to the most open needs in a ward, as the core sums them, and follows a
 * change to the workspace. */
static void
test_shade_areas (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-map-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.gpkg", NULL);
  g_autoptr(SteadWorkspace) ws = stead_workspace_create (path, "Demo", NULL, NULL);
  g_autoptr(GError) error = NULL;
  SteadAreaLayer *areas;
  SteadMapView *view;
  GtkWidget *window, *button, *popover, *dropdown;
  guint counts[2] = { 0, 1 };   /* shaded so far, wanted */
  double from, to, rgb[3], low = G_MAXDOUBLE, high = 0;
  SteadTransaction *txn;

  g_assert_true (stead_demo_populate (ws, 600, 9, &error));
  window = map_window_new (ws, NULL, 800, 600, &view);
  g_signal_connect (view, "areas-shaded", G_CALLBACK (on_areas_shaded), counts);
  stead_test_iterate_until (indexes_built, view);
  areas = stead_map_view_get_area_layer (view);
  g_assert_false (stead_area_layer_get_class (areas, 0, &from, &to, rgb));

  button = find_widget (GTK_WIDGET (view), is_menu_button_titled, "Base Map and Layers");
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  iterate_for (100);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  dropdown = find_widget (popover, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (dropdown);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 1);   /* Open Needs */
  g_assert_cmpint (stead_map_view_get_area_shading (view), ==, STEAD_AREA_MEASURE_NEEDS);
  stead_test_iterate_until (shaded_at_least, counts);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  {
    g_autoptr(GArray) fids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

    g_assert_true (
      stead_area_measure_compute (path, STEAD_AREA_MEASURE_NEEDS, fids, values, NULL, &error));
    for (guint i = 0; i < values->len; i++)
      {
        low = MIN (low, g_array_index (values, double, i));
        high = MAX (high, g_array_index (values, double, i));
      }
  }
  g_assert_cmpfloat (high, >, low);
  g_assert_true (stead_area_layer_get_class (areas, 0, &from, &to, rgb));
  g_assert_cmpfloat (from, ==, low);
  g_assert_true (stead_area_layer_get_class (areas, 4, &from, &to, rgb));
  g_assert_cmpfloat (to, ==, high);

  /* The legend in the layer list shows the top of the scale. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  iterate_for (100);
  {
    g_autofree char *top = g_strdup_printf ("%.0f", high);

    popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
    g_assert_nonnull (find_widget (popover, is_label_ending, top));
  }
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  /* Ten more open needs at one spot inside a ward: shaded again, and the
   * busiest ward now has at least ten more, or that ward is the top. */
  {
    g_autoptr(sqlite3_stmt) spot = stead_workspace_prepare (ws,
      "SELECT ST_MinX (n.geom), ST_MinY (n.geom) FROM need_area w JOIN need n ON n.fid = w.need "
      "WHERE w.kind = 'ward' LIMIT 1", NULL);
    double lon, lat;

    g_assert_cmpint (sqlite3_step (spot), ==, SQLITE_ROW);
    lon = sqlite3_column_double (spot, 0);
    lat = sqlite3_column_double (spot, 1);
    txn = stead_workspace_begin (ws, "core", "Add needs", &error);
    for (int i = 0; i < 10; i++)
      g_assert_cmpint (stead_transaction_insert_need (txn, "food", NULL, lon, lat, 1, 2, "open",
                                                      1767225600, NULL, 0, &error),
                       >, 0);
    g_assert_true (stead_transaction_commit (txn, &error));
  }
  counts[1] = counts[0] + 1;
  stead_test_iterate_until (shaded_at_least, counts);
  {
    g_autoptr(GArray) fids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
    double new_high = 0;

    g_assert_true (
      stead_area_measure_compute (path, STEAD_AREA_MEASURE_NEEDS, fids, values, NULL, &error));
    for (guint i = 0; i < values->len; i++)
      new_high = MAX (new_high, g_array_index (values, double, i));
    g_assert_true (stead_area_layer_get_class (areas, 4, &from, &to, rgb));
    g_assert_cmpfloat (to, ==, new_high);
    g_assert_cmpfloat (new_high, >=, low + 10);
  }

  /* Not shaded again. */
  stead_map_view_set_area_shading (view, STEAD_AREA_MEASURE_NONE);
  g_assert_false (stead_area_layer_get_class (areas, 0, &from, &to, rgb));

  gtk_window_destroy (GTK_WINDOW (window));
  stead_workspace_close (ws);
}

static void
serve_red_tile (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  GPtrArray *agents = user_data;
  GBytes *png = g_object_get_data (G_OBJECT (server), "png");
  const char *agent =
    soup_message_headers_get_one (soup_server_message_get_request_headers (message), "User-Agent");

  g_ptr_array_add (agents, g_strdup (agent != NULL ? agent : ""));
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (png, NULL), g_bytes_get_size (png));
}

static void
test_online_tiles (void)
{
  g_autoptr(GPtrArray) agents = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *url = NULL;
  g_autofree guchar *pixels = g_malloc (256 * 256 * 4);
  g_autoptr(GBytes) memory = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  SteadMapView *view;
  GtkWidget *window;
  double red = 0;

  for (int i = 0; i < 256 * 256; i++)
    {
      pixels[4 * i] = 220;
      pixels[4 * i + 1] = 20;
      pixels[4 * i + 2] = 30;
      pixels[4 * i + 3] = 255;
    }
  memory = g_bytes_new (pixels, 256 * 256 * 4);
  texture = gdk_memory_texture_new (256, 256, GDK_MEMORY_R8G8B8A8, memory, 256 * 4);
  g_object_set_data_full (G_OBJECT (server), "png", gdk_texture_save_to_png_bytes (texture),
                          (GDestroyNotify) g_bytes_unref);

  /* A tile server on loopback: nothing leaves the machine. */
  soup_server_add_handler (server, NULL, serve_red_tile, agents, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/{z}/{x}/{y}.png", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  view = stead_map_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  stead_test_iterate_until (is_sized, view);
  stead_map_view_set_custom_tiles (view, url, "Test tiles");
  stead_map_view_set_base_map (view, STEAD_BASE_MAP_CUSTOM);
  shumate_viewport_set_zoom_level (stead_map_view_get_viewport (view), 12);
  shumate_map_center_on (stead_map_view_get_map (view), 51.99, -2.16);

  {
    gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

    while ((red = red_fraction (GTK_WIDGET (view))) < 0.5 && g_get_monotonic_time () < deadline)
      iterate_for (100);
  }
  g_assert_cmpfloat (red, >=, 0.5);

  /* The server was told who is asking (OSM tile usage policy). */
  g_assert_cmpuint (agents->len, >, 0);
  for (guint i = 0; i < agents->len; i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (agents, i), "Stead/"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/map-view/offline-background", test_offline_background);
  g_test_add_func ("/ui/map-view/ward-outlines", test_ward_outlines);
  g_test_add_func ("/ui/map-view/needs-and-resources", test_needs_and_resources);
  g_test_add_func ("/ui/map-view/badge-images", test_badge_images);
  g_test_add_func ("/ui/map-view/plugin-layer-follows-badges", test_plugin_layer_follows_badges);
  g_test_add_func ("/ui/map-view/mbtiles-base-map", test_mbtiles_base_map);
  g_test_add_func ("/ui/map-view/layer-list-and-drop", test_layer_list_and_drop);
  g_test_add_func ("/ui/map-view/draw-polygon-with-pointer", test_draw_polygon_with_pointer);
  g_test_add_func ("/ui/map-view/zoom-steps", test_zoom_steps);
  g_test_add_func ("/ui/map-view/cluster-click", test_cluster_click);
  g_test_add_func ("/ui/map-view/shade-areas", test_shade_areas);
  g_test_add_func ("/ui/map-view/online-tiles", test_online_tiles);
  g_test_add_func ("/ui/map-view/offline-geography", test_offline_geography);
  g_test_add_func ("/ui/map-view/offline-geography-missing", test_offline_geography_missing);

  return g_test_run ();
}
