/* test-map-view.c: the offline map (under Xvfb, no network)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stead-gtk.h>

static gboolean
is_sized (gpointer data)
{
  return gtk_widget_get_width (data) > 0 && gtk_widget_get_mapped (data);
}

static void
iterate_until (gboolean (*condition) (gpointer),
               gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (condition (data));
}

static void
iterate_for (int ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static GdkTexture *
render (GtkWidget *widget)
{
  GdkPaintable *paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  GdkTexture *texture;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_object_unref (paintable);
  return texture;
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
  g_assert_cmpint (stead_transaction_insert_area (txn, "boundary", NULL, "Mapshire", polygon, &error), >, 0);
  g_assert_true (stead_transaction_commit (txn, &error));

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  view = stead_map_view_new ();
  stead_map_view_set_base_map (view, STEAD_BASE_MAP_OFFLINE);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  stead_map_view_set_workspace (view, ws);
  gtk_window_present (GTK_WINDOW (window));
  iterate_until (is_sized, view);
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
  texture = render (GTK_WIDGET (view));
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

static gboolean
indexes_built (gpointer data)
{
  SteadMapView *view = data;

  return stead_point_layer_get_index (stead_map_view_get_point_layer (view, STEAD_POINT_LAYER_NEEDS)) != NULL &&
         stead_point_layer_get_index (stead_map_view_get_point_layer (view, STEAD_POINT_LAYER_RESOURCES)) != NULL;
}

static gint64
count (SteadWorkspace *ws,
       const char     *sql)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (ws, sql, NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
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
  iterate_until (indexes_built, view);

  /* Open and assigned needs, and every resource, are on the map. */
  needs = stead_map_view_get_point_layer (view, STEAD_POINT_LAYER_NEEDS);
  open_needs = count (ws, "SELECT count(*) FROM need WHERE status IN ('open', 'assigned')");
  g_assert_cmpint (open_needs, >, 0);
  g_assert_cmpuint (stead_point_index_get_n_points (stead_point_layer_get_index (needs)), ==, open_needs);
  g_assert_cmpuint (stead_point_index_get_n_points (stead_point_layer_get_index (stead_map_view_get_point_layer (view, STEAD_POINT_LAYER_RESOURCES))),
                    ==, stead_workspace_count_rows (ws, "resource"));

  /* A new need appears once the workspace reports the change. */
  txn = stead_workspace_begin (ws, "core", "Add need", &error);
  g_assert_cmpint (stead_transaction_insert_need (txn, "food", NULL, -2.16, 51.99, 1, 2, "open", 1767225600,
                                                  NULL, 0, &error), >, 0);
  g_assert_true (stead_transaction_commit (txn, &error));
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (stead_point_index_get_n_points (stead_point_layer_get_index (needs)) != (gsize) open_needs + 1 &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_cmpuint (stead_point_index_get_n_points (stead_point_layer_get_index (needs)), ==, open_needs + 1);

  gtk_window_destroy (GTK_WINDOW (window));
  stead_workspace_close (ws);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/map-view/offline-background", test_offline_background);
  g_test_add_func ("/ui/map-view/needs-and-resources", test_needs_and_resources);

  return g_test_run ();
}
