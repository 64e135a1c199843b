/* test-map-search.c: the search on the map (Ctrl+F), with real keys (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "stead-test-util.h"

static SteadApplication *app;
static char *tmp_dir;

/* The search's widgets, by name, as a user or a screen reader finds them. */
typedef struct
{
  SteadWindow  *window;
  SteadMapView *view;
  GtkWidget    *card;
  GtkWidget    *entry;
  GtkWidget    *stack;
  GtkWidget    *mark;
  GListModel   *results;
  char         *title;    /* the window's, for xdotool */
} MapSearch;

static void
map_search_find (MapSearch *s)
{
  GtkWidget *list;

  s->view = stead_window_get_map_view (s->window);
  s->card = stead_test_find_by_name (GTK_WIDGET (s->view), "map-search");
  s->entry = stead_test_find_by_name (GTK_WIDGET (s->view), "map-search-entry");
  s->stack = stead_test_find_by_name (GTK_WIDGET (s->view), "map-search-stack");
  s->mark = stead_test_find_by_name (GTK_WIDGET (s->view), "place-mark");
  list = stead_test_find_by_name (GTK_WIDGET (s->view), "map-search-results");
  g_assert_nonnull (s->card);
  g_assert_true (GTK_IS_SEARCH_ENTRY (s->entry));
  g_assert_true (GTK_IS_STACK (s->stack));
  g_assert_true (SHUMATE_IS_LAYER (s->mark));
  g_assert_true (GTK_IS_LIST_VIEW (list));
  s->results = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
}

/* The demo area (Tewkesbury) and its real postcodes (OS Code-Point Open). */
static void
map_search_open (MapSearch  *s,
                 const char *file)
{
  g_autofree char *path = g_build_filename (tmp_dir, file, NULL);
  SteadWorkspace *ws;

  s->title = g_strdup_printf ("Mapsearchshire %d %s", (int) getpid (), file);
  s->window = stead_test_open_window (app, path, s->title, 50);
  ws = stead_window_get_workspace (s->window);
  /* The demo brings the directory itself. */
  g_assert_cmpint (stead_workspace_count_rows (ws, "stead_postcode"), ==, 2627);
  map_search_find (s);
  stead_test_iterate_until (stead_test_is_mapped, s->view);
  stead_test_iterate (300);
}

static void
map_search_clear (MapSearch *s)
{
  gtk_window_destroy (GTK_WINDOW (s->window));
  g_free (s->title);
}

/* Real keys from the X server, at the window. */
static void
xdotool (MapSearch  *s,
         const char *commands)
{
  stead_test_xdotool (s->title, commands);
}

typedef struct
{
  GListModel *model;
  const char *title;
  const char *description;
  guint       more_than;  /* places listed */
} PlaceWait;

/* Whether the first place listed is @title, of @description, among more
 * than @more_than. */
static gboolean
first_place_is (gpointer data)
{
  PlaceWait *wait = data;
  g_autoptr(SteadPlace) first = g_list_model_get_item (wait->model, 0);

  return first != NULL && g_strcmp0 (stead_place_get_title (first), wait->title) == 0 &&
         g_strcmp0 (stead_place_get_description (first), wait->description) == 0 &&
         g_list_model_get_n_items (wait->model) > wait->more_than;
}

static gboolean
stack_shows (gpointer data)
{
  GtkStack *stack = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack),
                    g_object_get_data (G_OBJECT (stack), "want")) == 0;
}

typedef struct
{
  ShumateViewport *viewport;
  double           lon, lat;
  double           metres;
  double           min_zoom;
} CentreWait;

#define metres_between stead_test_metres_between

/* Whether the map has come to rest on the place, close enough in. */
static gboolean
centred_on (gpointer data)
{
  CentreWait *wait = data;
  ShumateLocation *centre = SHUMATE_LOCATION (wait->viewport);

  return metres_between (shumate_location_get_longitude (centre),
                         shumate_location_get_latitude (centre), wait->lon, wait->lat) <
           wait->metres &&
         shumate_viewport_get_zoom_level (wait->viewport) >= wait->min_zoom;
}

static void
wait_for_centre (MapSearch *s,
                 double     lon,
                 double     lat,
                 double     metres,
                 double     min_zoom)
{
  CentreWait wait = { stead_map_view_get_viewport (s->view), lon, lat, metres, min_zoom };

  stead_test_iterate_until (centred_on, &wait);
  /* The flight's last frames. */
  stead_test_iterate (300);
  g_assert_true (centred_on (&wait));
}

/* Pixels of the mark's purple the mark layer draws (alone, with cairo). */
static guint
mark_pixels (MapSearch *s)
{
  int width = gtk_widget_get_width (s->mark), height = gtk_widget_get_height (s->mark);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (s->mark);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n = 0;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (node != NULL)
    {
      cr = cairo_create (surface);
      gsk_render_node_draw (node, cr);
      cairo_destroy (cr);
    }
  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    {
      const guint32 *row =
        (const guint32 *) (cairo_image_surface_get_data (surface) +
                           (gsize) y * cairo_image_surface_get_stride (surface));

      for (int x = 0; x < width; x++)
        {
          int a = row[x] >> 24, r = (row[x] >> 16) & 0xff, g = (row[x] >> 8) & 0xff;
          int b = row[x] & 0xff;

          /* rgb (0.57, 0.25, 0.67), opaque: the pin's fill and the outline. */
          n += a > 240 && abs (r - 145) < 16 && abs (g - 64) < 16 && abs (b - 171) < 16;
        }
    }
  cairo_surface_destroy (surface);
  return n;
}

static void
wait_for_stack (MapSearch  *s,
                const char *name)
{
  g_object_set_data (G_OBJECT (s->stack), "want", (gpointer) name);
  stead_test_iterate_until (stack_shows, s->stack);
}

/* Ctrl+F: the search shows, the focus in its entry. */
static void
open_search (MapSearch *s)
{
  SteadTestFocus focus = { GTK_WIDGET (s->window), s->entry };

  xdotool (s, "key ctrl+f");
  stead_test_iterate_until (stead_test_is_mapped, s->card);
  stead_test_iterate_until (stead_test_has_focus_in, &focus);
}

/* Types @keys (xdotool's words) and waits for the first place listed to
 * be @title, described as @description, among more than @more_than. */
static void
type_and_wait (MapSearch  *s,
               const char *keys,
               const char *title,
               const char *description,
               guint       more_than)
{
  PlaceWait place = { s->results, title, description, more_than };

  xdotool (s, keys);
  stead_test_iterate_until (first_place_is, &place);
}

/* Ctrl+F on the map page (the focus in the sidebar), a postcode typed in
 * lower case: the map flies there and pins it; Escape takes the pin off.
 * Down and Enter go to the third postcode listed; a grid reference typed
 * with Enter at once outlines its square. */
static void
test_keys (void)
{
  MapSearch s = { 0 };
  SteadTestFocus focus;
  GtkWidget *none, *map_row;
  double lon, lat;

  if (!stead_test_can_type ())
    return;
  map_search_open (&s, "keys.gpkg");
  g_assert_false (gtk_widget_get_visible (s.card));
  g_assert_null (stead_map_view_get_search_place (s.view));
  g_assert_cmpuint (mark_pixels (&s), ==, 0);

  /* Ctrl+F wherever the focus is on the map page. */
  map_row = stead_test_find_by_name (GTK_WIDGET (s.window), "map");
  gtk_widget_grab_focus (map_row);
  open_search (&s);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (s.stack)), ==, "start");

  /* Nothing: it says so. */
  xdotool (&s, "type --delay 20 'qqzzxx'");
  wait_for_stack (&s, "none");
  none = stead_test_find_by_name (s.card, "map-search-none");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (none)), ==, "No places match");

  /* A postcode of the directory, as people type it. */
  type_and_wait (&s, "key ctrl+a type --delay 20 'gl20 5ab'", "GL20 5AB", "Postcode", 0);
  xdotool (&s, "key Return");
  stead_test_iterate_until (stead_test_is_unmapped, s.card);

  /* Where the directory has it, and where OS's 389259 232684 is in WGS84
   * (cs2cs, PROJ 9.1.1: 51.9924993, -2.1578385); street level. */
  {
    g_autoptr(sqlite3_stmt) row = stead_workspace_prepare (
      stead_window_get_workspace (s.window),
      "SELECT lon, lat FROM stead_postcode WHERE postcode = 'GL205AB'", NULL);

    g_assert_cmpint (sqlite3_step (row), ==, SQLITE_ROW);
    lon = sqlite3_column_double (row, 0);
    lat = sqlite3_column_double (row, 1);
  }
  g_assert_cmpfloat (metres_between (lon, lat, -2.1578385, 51.9924993), <, 5);
  wait_for_centre (&s, lon, lat, 5, 15);
  g_assert_nonnull (stead_map_view_get_search_place (s.view));
  g_assert_cmpstr (stead_place_get_title (stead_map_view_get_search_place (s.view)), ==,
                   "GL20 5AB");
  g_assert_cmpuint (mark_pixels (&s), >, 80);
  /* The map has the keyboard: Escape there takes the pin off. */
  focus.root = GTK_WIDGET (s.window);
  focus.widget = GTK_WIDGET (stead_map_view_get_map (s.view));
  stead_test_iterate_until (stead_test_has_focus_in, &focus);
  xdotool (&s, "key Escape");
  stead_test_iterate (200);
  g_assert_null (stead_map_view_get_search_place (s.view));
  g_assert_cmpuint (mark_pixels (&s), ==, 0);

  /* Down and Enter: the third postcode that starts so. */
  open_search (&s);
  type_and_wait (&s, "key ctrl+a type --delay 20 'GL20 5A'", "GL20 5AB", "Postcode", 3);
  xdotool (&s, "key Down Down");
  stead_test_iterate (100);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (s.results)), ==, 2);
  {
    g_autoptr(SteadPlace) third = g_list_model_get_item (s.results, 2);
    g_autofree char *third_title = g_strdup (stead_place_get_title (third));

    xdotool (&s, "key Return");
    stead_test_iterate_until (stead_test_is_unmapped, s.card);
    stead_place_get_location (third, &lon, &lat);
    wait_for_centre (&s, lon, lat, 5, 15);
    g_assert_cmpstr (stead_place_get_title (stead_map_view_get_search_place (s.view)), ==,
                     third_title);
  }

  /* A grid reference, Enter before the search's pause is over: the
   * square's middle, 389500 232500 (cs2cs: 51.9908497, -2.1543230),
   * outlined; the pin before it gone. */
  open_search (&s);
  xdotool (&s, "key ctrl+a type --delay 5 'SO 89 32'");
  xdotool (&s, "key Return");
  stead_test_iterate_until (stead_test_is_unmapped, s.card);
  wait_for_centre (&s, -2.1543230, 51.9908497, 5, 13);
  g_assert_cmpint (stead_place_get_kind (stead_map_view_get_search_place (s.view)), ==,
                   STEAD_PLACE_GRID_REFERENCE);
  g_assert_cmpuint (mark_pixels (&s), >, 400);

  map_search_clear (&s);
}

/* Whether @inner lies wholly inside @outer, both in @outer's coordinates. */
static gboolean
lies_within (GtkWidget *inner,
             GtkWidget *outer)
{
  graphene_rect_t a, b;

  g_assert_true (gtk_widget_compute_bounds (inner, outer, &a));
  g_assert_true (gtk_widget_compute_bounds (outer, outer, &b));
  return graphene_rect_contains_rect (&b, &a);
}

static gboolean
overlaps (GtkWidget *a,
          GtkWidget *b,
          GtkWidget *common)
{
  graphene_rect_t ra, rb;

  g_assert_true (gtk_widget_compute_bounds (a, common, &ra));
  g_assert_true (gtk_widget_compute_bounds (b, common, &rb));
  return graphene_rect_intersection (&ra, &rb, NULL);
}

/* Escape in the search closes it and gives the focus back; opened again,
 * what was typed is there, selected. A ward is flown to whole and
 * outlined; closing the workspace takes the search and the mark away. */
static void
test_escape_and_ward (void)
{
  MapSearch s = { 0 };
  SteadTestFocus focus;
  GtkWidget *map;
  int start, end;

  if (!stead_test_can_type ())
    return;
  map_search_open (&s, "ward.gpkg");
  map = GTK_WIDGET (stead_map_view_get_map (s.view));
  gtk_widget_grab_focus (map);
  focus.root = GTK_WIDGET (s.window);
  focus.widget = map;
  stead_test_iterate_until (stead_test_has_focus_in, &focus);
  open_search (&s);
  type_and_wait (&s, "type --delay 20 'newt'", "Tewkesbury Newtown", "Ward · E05004425", 0);

  xdotool (&s, "key Escape");
  stead_test_iterate_until (stead_test_is_unmapped, s.card);
  stead_test_iterate_until (stead_test_has_focus_in, &focus);
  g_assert_null (stead_map_view_get_search_place (s.view));

  open_search (&s);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (s.entry)), ==, "newt");
  g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (s.entry), &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, 4);
  xdotool (&s, "key Return");
  stead_test_iterate_until (stead_test_is_unmapped, s.card);

  /* All of the ward in view, its outline drawn. */
  {
    g_autoptr(sqlite3_stmt) box = stead_workspace_prepare (
      stead_window_get_workspace (s.window),
      "SELECT minx, miny, maxx, maxy FROM rtree_area_geom "
      "WHERE id = (SELECT fid FROM area WHERE name = 'Tewkesbury Newtown')", NULL);
    ShumateViewport *viewport = stead_map_view_get_viewport (s.view);
    double x, y, lon, lat;

    g_assert_cmpint (sqlite3_step (box), ==, SQLITE_ROW);
    wait_for_centre (&s, (sqlite3_column_double (box, 0) + sqlite3_column_double (box, 2)) / 2,
                     (sqlite3_column_double (box, 1) + sqlite3_column_double (box, 3)) / 2, 5, 12);
    for (int corner = 0; corner < 4; corner++)
      {
        lon = sqlite3_column_double (box, corner % 2 == 0 ? 0 : 2);
        lat = sqlite3_column_double (box, corner < 2 ? 1 : 3);
        shumate_viewport_location_to_widget_coords (viewport, map, lat, lon, &x, &y);
        g_assert_cmpfloat (x, >=, 0);
        g_assert_cmpfloat (x, <=, gtk_widget_get_width (map));
        g_assert_cmpfloat (y, >=, 0);
        g_assert_cmpfloat (y, <=, gtk_widget_get_height (map));
      }
    /* Not a speck: it fills much of the map. */
    shumate_viewport_location_to_widget_coords (viewport, map, sqlite3_column_double (box, 1),
                                                sqlite3_column_double (box, 0), &x, &y);
    g_assert_cmpfloat (y, >, gtk_widget_get_height (map) * 0.75);
  }
  g_assert_cmpuint (mark_pixels (&s), >, 400);

  stead_window_close_workspace (s.window);
  g_assert_null (stead_map_view_get_search_place (s.view));
  gtk_widget_activate_action (GTK_WIDGET (s.view), "map.search", NULL);
  stead_test_iterate (100);
  g_assert_false (gtk_widget_get_visible (s.card));

  map_search_clear (&s);
}

/* In a window 800 by 600: the map is as wide as the window leaves it,
 * and the search lies inside it, clear of the map's buttons. */
static void
test_small_window (void)
{
  MapSearch s = { 0 };
  GtkWidget *zoom_in, *search_button, *layers;

  map_search_open (&s, "small.gpkg");
  gtk_window_set_default_size (GTK_WINDOW (s.window), 800, 600);
  stead_test_iterate (500);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (s.window)), <=, 800);
  g_assert_true (lies_within (GTK_WIDGET (s.view), GTK_WIDGET (s.window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (s.view), "map.search", NULL));
  stead_test_iterate_until (stead_test_is_mapped, s.card);
  gtk_editable_set_text (GTK_EDITABLE (s.entry), "GL20");
  wait_for_stack (&s, "results");
  stead_test_iterate (200);

  zoom_in = stead_test_find_by_label (GTK_WIDGET (s.view), "Zoom In");
  search_button = stead_test_find_by_label (GTK_WIDGET (s.view), "Search the Map");
  layers = stead_test_find_by_label (GTK_WIDGET (s.view), "Base Map and Layers");
  g_assert_nonnull (zoom_in);
  g_assert_nonnull (search_button);
  g_assert_nonnull (layers);
  g_assert_true (lies_within (s.card, GTK_WIDGET (s.view)));
  g_assert_true (lies_within (search_button, GTK_WIDGET (s.view)));
  g_assert_false (overlaps (s.card, zoom_in, GTK_WIDGET (s.view)));
  g_assert_false (overlaps (s.card, search_button, GTK_WIDGET (s.view)));
  g_assert_false (overlaps (s.card, layers, GTK_WIDGET (s.view)));

  map_search_clear (&s);
}

int
main (int   argc,
      char *argv[])
{
  const char *enabled[] = { "partners", "risks", NULL };

  app = stead_test_app_new (&argc, &argv, enabled, &tmp_dir);

  g_test_add_func ("/ui/map-search/keys", test_keys);
  g_test_add_func ("/ui/map-search/escape-and-ward", test_escape_and_ward);
  g_test_add_func ("/ui/map-search/small-window", test_small_window);

  return stead_test_app_run (app, tmp_dir);
}
