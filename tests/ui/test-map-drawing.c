/* test-map-drawing.c: drawing an area on the map and keeping it as a hazard area, with the real
 * pointer and keyboard of the X server (under Xvfb, xdotool)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "stead-test-util.h"

static SteadApplication *app;
static char *tmp_dir;

static gboolean
is_draw_button (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  return GTK_IS_TOGGLE_BUTTON (widget) && tooltip != NULL &&
         g_str_has_prefix (tooltip, "Draw an Area");
}

static GtkWidget *
find_draw_button (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (is_draw_button (child))
        return child;
      if ((found = find_draw_button (child)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
mapped_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_mapped (window))
        return window;
    }
  return NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return mapped_dialog () != NULL;
}

static gboolean
has_no_dialog (gpointer data)
{
  return mapped_dialog () == NULL;
}

typedef struct
{
  SteadWorkspace *workspace;
  const char     *name;
} AreaWait;

static gboolean
area_saved (gpointer data)
{
  AreaWait *wait = data;
  g_autoptr(sqlite3_stmt) stmt =
    stead_workspace_prepare (wait->workspace, "SELECT count(*) FROM area WHERE name = ?", NULL);

  sqlite3_bind_text (stmt, 1, wait->name, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 1;
}

static gboolean
has_index (gpointer data)
{
  return stead_point_layer_get_index (
           stead_map_view_get_point_layer (data, STEAD_POINT_LAYER_NEEDS)) != NULL;
}

/* Whether the pixels along the polygon's edges (@px, in the map's pixels),
 * away from the panel, changed between @before and @after: the fraction
 * of the places looked at. */
static double
edges_changed (GdkTexture         *before,
               GdkTexture         *after,
               const double        px[][2],
               guint               n,
               const GdkRectangle *panel)
{
  int width = gdk_texture_get_width (before), height = gdk_texture_get_height (before);
  g_autofree guint32 *a = g_new (guint32, (gsize) width * height);
  g_autofree guint32 *b = g_new (guint32, (gsize) width * height);
  guint looked = 0, changed = 0;

  g_assert_cmpint (gdk_texture_get_width (after), ==, width);
  gdk_texture_download (before, (guchar *) a, width * 4);
  gdk_texture_download (after, (guchar *) b, width * 4);
  for (guint e = 0; e < n; e++)
    {
      const double *p = px[e], *q = px[(e + 1) % n];
      double length = hypot (q[0] - p[0], q[1] - p[1]);

      /* Every 6 pixels, away from the corners' dots. */
      for (double t = 10; t < length - 10; t += 6)
        {
          int x = (int) round (p[0] + (q[0] - p[0]) * t / length);
          int y = (int) round (p[1] + (q[1] - p[1]) * t / length);
          gboolean differs = FALSE;

          if (x < 2 || y < 2 || x >= width - 2 || y >= height - 2 ||
              (x >= panel->x - 4 && x <= panel->x + panel->width + 4 && y >= panel->y - 4 &&
               y <= panel->y + panel->height + 4))
            continue;
          looked++;
          for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
              differs |= a[(y + dy) * width + x + dx] != b[(y + dy) * width + x + dx];
          changed += differs;
        }
    }
  g_assert_cmpuint (looked, >=, 20);
  return (double) changed / looked;
}

/* Draws a polygon through @corners (fractions of the map's size) with the
 * pointer, as a user does: the tool's button, a click per corner, a double
 * click on the last. @ring gets where the pointer was, on the map. */
static void
draw_with_pointer (SteadMapView *view,
                   const double  corners[4][2],
                   SteadCoord    ring[5],
                   double        px[4][2])
{
  GtkWidget *map = GTK_WIDGET (stead_map_view_get_map (view));
  GtkWidget *button = find_draw_button (GTK_WIDGET (view));
  GtkWidget *hint;

  g_assert_nonnull (button);
  stead_test_click (button);
  stead_test_iterate (300);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));

  /* Says how, over the map, clear of its buttons. */
  hint = stead_test_find_by_text (GTK_WIDGET (view),
                     "Click to add points, double-click to finish, Escape to cancel");
  g_assert_nonnull (hint);
  g_assert_true (gtk_widget_get_mapped (hint));
  {
    graphene_rect_t hint_box, button_box;

    g_assert_true (gtk_widget_compute_bounds (hint, GTK_WIDGET (view), &hint_box));
    g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (view), &button_box));
    g_assert_cmpfloat (hint_box.origin.x + hint_box.size.width, <, button_box.origin.x);
  }

  for (guint i = 0; i < 4; i++)
    {
      double x = corners[i][0] * gtk_widget_get_width (map);
      double y = corners[i][1] * gtk_widget_get_height (map);

      shumate_viewport_widget_coords_to_location (stead_map_view_get_viewport (view), map, x, y,
                                                  &ring[i].y, &ring[i].x);
      px[i][0] = x;
      px[i][1] = y;
      stead_test_pointer (map, x, y, i == 3 ? "click --repeat 2 --delay 80 1" : "click 1");
      stead_test_iterate (i == 3 ? 700 : 250);
    }
  ring[4] = ring[0];
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_false (gtk_widget_get_mapped (hint));
}

/* Keeps the drawn area as a hazard area called @name from the panel's menu,
 * with the pointer: the menu's item, the form's Save. */
static void
save_as_hazard_area (SteadMapView *view,
                     const char   *name)
{
  GtkWidget *panel = stead_map_view_get_area_panel (view);
  GtkWidget *button = stead_test_find_by_label (panel, "Use This Area");
  GtkWidget *popover, *item, *dialog, *row, *save;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  stead_test_click (button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  stead_test_iterate_until (stead_test_is_mapped, popover);
  stead_test_iterate (200);
  item = stead_test_find_by_text (popover, "Save as Hazard Area…");
  g_assert_nonnull (item);
  stead_test_click (item);
  stead_test_iterate_until (has_dialog, NULL);

  dialog = mapped_dialog ();
  row = stead_test_find_by_label (dialog, "Name");
  g_assert_true (GTK_IS_EDITABLE (row));
  gtk_editable_set_text (GTK_EDITABLE (row), name);
  stead_test_iterate (100);
  save = stead_test_find_by_label (dialog, "Save");
  g_assert_nonnull (save);
  g_assert_true (gtk_widget_get_sensitive (save));
  stead_test_click (save);
  stead_test_iterate_until (has_no_dialog, NULL);
}

/* The saved area's corners are where the pointer clicked, within a pixel
 * and a half at the zoom it was drawn at. */
static void
assert_saved_where_clicked (SteadWorkspace   *ws,
                            const char       *name,
                            const SteadCoord  ring[5],
                            double            zoom)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
    ws, "SELECT geom FROM area WHERE name = ? AND kind = 'hazard'", NULL);
  g_autoptr(SteadGeometry) saved = NULL;
  g_autoptr(GError) error = NULL;
  double pixel_lon = 360.0 / (256.0 * exp2 (zoom));
  const SteadCoord *got;
  gsize n;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  saved = stead_geometry_new_from_gpkg (sqlite3_column_blob (stmt, 0),
                                        sqlite3_column_bytes (stmt, 0), NULL, &error);
  g_assert_no_error (error);
  got = stead_geometry_get_ring (saved, 0, 0, &n);
  g_assert_cmpuint (n, ==, 5);
  for (guint i = 0; i < n; i++)
    {
      /* In Web Mercator a pixel spans cos (latitude) as many degrees of
       * latitude as of longitude. */
      g_assert_cmpfloat (fabs (got[i].x - ring[i].x), <, 1.5 * pixel_lon);
      g_assert_cmpfloat (fabs (got[i].y - ring[i].y), <,
                         1.5 * pixel_lon * cos (ring[i].y * G_PI / 180));
    }
}

/* Drawn twice in a row with the pointer: each time the double click that
 * ends it leaves the zoom alone, the area stays on the map beside its
 * summary, and "Save as Hazard Area…" saves it where it was drawn, the
 * first time as the second. */
static void
test_draw_and_save_twice (void)
{
  static const double corners[2][4][2] = {
    { { 0.20, 0.25 }, { 0.45, 0.22 }, { 0.48, 0.70 }, { 0.18, 0.72 } },
    { { 0.12, 0.30 }, { 0.40, 0.35 }, { 0.35, 0.80 }, { 0.15, 0.65 } },
  };
  g_autofree char *path = g_build_filename (tmp_dir, "draw.gpkg", NULL);
  SteadWindow *window;
  SteadWorkspace *ws;
  SteadMapView *view;
  ShumateViewport *viewport;
  GtkWidget *panel;

  if (!stead_test_have_xdotool ())
    {
      g_test_skip ("needs an X server (Xvfb) and xdotool for pointer events");
      return;
    }
  window = stead_test_open_window (app, path, "Drawshire", 50);
  ws = stead_window_get_workspace (window);
  view = stead_window_get_map_view (window);
  viewport = stead_map_view_get_viewport (view);
  panel = stead_map_view_get_area_panel (view);
  stead_test_iterate_until (stead_test_is_mapped, view);
  stead_test_iterate_until (has_index, view);
  stead_test_iterate (500);

  for (guint k = 0; k < 2; k++)
    {
      g_autofree char *name = g_strdup_printf ("Drawn flood zone %u", k + 1);
      g_autoptr(GdkTexture) before = NULL;
      g_autoptr(GdkTexture) after = NULL;
      double zoom = shumate_viewport_get_zoom_level (viewport);
      double lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
      gint64 hazards = stead_test_count (ws, "SELECT count(*) FROM area WHERE kind = 'hazard'");
      AreaWait wait = { ws, name };
      SteadCoord ring[5];
      double px[4][2];
      graphene_rect_t bounds;
      GdkRectangle panel_box;

      gtk_widget_set_visible (panel, FALSE);
      stead_test_iterate (100);
      before = stead_test_render (GTK_WIDGET (view));
      draw_with_pointer (view, corners[k], ring, px);

      /* The double click ended the polygon and did not zoom in. */
      g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, zoom);
      g_assert_cmpfloat (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), ==, lat);

      /* Still on the map, with its summary beside it. */
      g_assert_true (gtk_widget_get_visible (panel));
      g_assert_nonnull (stead_test_find_by_text (panel, "Drawn area"));
      after = stead_test_render (GTK_WIDGET (view));
      g_assert_true (gtk_widget_compute_bounds (panel, GTK_WIDGET (view), &bounds));
      panel_box = (GdkRectangle) { bounds.origin.x, bounds.origin.y, bounds.size.width,
                                   bounds.size.height };
      g_assert_cmpfloat (edges_changed (before, after, (const double (*)[2]) px, 4, &panel_box),
                         >=, 0.9);

      save_as_hazard_area (view, name);
      stead_test_iterate_until (area_saved, &wait);
      g_assert_cmpint (stead_test_count (ws, "SELECT count(*) FROM area WHERE kind = 'hazard'"),
                       ==, hazards + 1);
      assert_saved_where_clicked (ws, name, ring, zoom);

      /* Saving did not take it off the map. */
      stead_test_iterate (200);
      g_assert_true (gtk_widget_get_visible (panel));
      g_clear_object (&after);
      after = stead_test_render (GTK_WIDGET (view));
      g_assert_cmpfloat (edges_changed (before, after, (const double (*)[2]) px, 4, &panel_box),
                         >=, 0.9);
    }

  /* Closing the summary takes the area off the map. */
  stead_test_click (stead_test_find_by_label (panel, "Close"));
  stead_test_iterate (200);
  g_assert_false (gtk_widget_get_visible (panel));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Escape gives up a polygon half drawn: nothing summarised or kept, the
 * tool and its hint off, and Escape does nothing more. */
static void
test_escape_cancels (void)
{
  static const double corners[2][2] = { { 0.30, 0.30 }, { 0.50, 0.35 } };
  g_autofree char *path = g_build_filename (tmp_dir, "escape.gpkg", NULL);
  SteadWindow *window;
  SteadMapView *view;
  GtkWidget *map, *button, *hint, *panel;
  double zoom;

  if (!stead_test_have_xdotool ())
    {
      g_test_skip ("needs an X server (Xvfb) and xdotool for key and pointer events");
      return;
    }
  window = stead_test_open_window (app, path, "Escapeshire", 50);
  view = stead_window_get_map_view (window);
  map = GTK_WIDGET (stead_map_view_get_map (view));
  panel = stead_map_view_get_area_panel (view);
  stead_test_iterate_until (stead_test_is_mapped, view);
  stead_test_iterate_until (has_index, view);
  stead_test_iterate (500);
  gtk_widget_set_visible (panel, FALSE);
  zoom = shumate_viewport_get_zoom_level (stead_map_view_get_viewport (view));

  button = find_draw_button (GTK_WIDGET (view));
  stead_test_click (button);
  stead_test_iterate (300);
  hint = stead_test_find_by_text (GTK_WIDGET (view),
                     "Click to add points, double-click to finish, Escape to cancel");
  g_assert_true (gtk_widget_get_mapped (hint));
  for (guint i = 0; i < 2; i++)
    {
      stead_test_pointer (map, corners[i][0] * gtk_widget_get_width (map),
                          corners[i][1] * gtk_widget_get_height (map), "click 1");
      stead_test_iterate (250);
    }
  stead_test_keys ("Escape");
  stead_test_iterate (300);

  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_false (gtk_widget_get_mapped (hint));
  g_assert_false (gtk_widget_get_visible (panel));
  g_assert_null (stead_map_view_get_drawn_area (view));
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (stead_map_view_get_viewport (view)), ==,
                     zoom);

  /* Clicks on the map are clicks again, not corners. */
  stead_test_pointer (map, corners[0][0] * gtk_widget_get_width (map),
                      corners[0][1] * gtk_widget_get_height (map), "click 1");
  stead_test_iterate (300);
  g_assert_null (stead_map_view_get_drawn_area (view));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* In an 800x600 window the whole map fits beside the sidebar: its zoom
 * and drawing buttons are on screen, and so is the hint. */
static void
test_small_window (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "small.gpkg", NULL);
  SteadWindow *window = stead_test_open_window (app, path, "Smallshire", 50);
  SteadMapView *view = stead_window_get_map_view (window);
  GtkWidget *button, *hint;
  graphene_rect_t box;
  int width;

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  stead_test_iterate_until (stead_test_is_mapped, view);
  stead_test_iterate (300);
  width = gtk_widget_get_width (GTK_WIDGET (window));
  g_assert_cmpint (width, <=, 800);

  button = find_draw_button (GTK_WIDGET (view));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  stead_test_iterate (100);
  hint = stead_test_find_by_text (GTK_WIDGET (view),
                                  "Click to add points, double-click to finish, Escape to cancel");
  for (guint i = 0; i < 3; i++)
    {
      GtkWidget *widget = i == 0   ? button
                          : i == 1 ? hint
                                   : stead_test_find_by_label (GTK_WIDGET (view), "Zoom In");

      g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &box));
      g_assert_cmpfloat (box.origin.x, >=, 0);
      g_assert_cmpfloat (box.origin.x + box.size.width, <=, width);
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *enabled[] = { "partners", "risks", NULL };

  app = stead_test_app_new (&argc, &argv, enabled, &tmp_dir);

  g_test_add_func ("/ui/map-drawing/draw-and-save-twice", test_draw_and_save_twice);
  g_test_add_func ("/ui/map-drawing/escape-cancels", test_escape_cancels);
  g_test_add_func ("/ui/map-drawing/small-window", test_small_window);

  return stead_test_app_run (app, tmp_dir);
}
