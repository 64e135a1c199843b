/* test-search.c: the workspace search in the header (Ctrl+K), as a user meets it (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "stead-test-util.h"

static SteadApplication *app;
static char *tmp_dir;

#define count stead_test_count

static SteadWindow *
open_window (const char *name,
             const char *area_name,
             gboolean    demo)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

  return stead_test_open_window (app, path, area_name, demo ? 50 : 0);
}

typedef struct
{
  GListModel *model;
  const char *title;
} HitWait;

/* Whether the first hit listed is titled @title. */
static gboolean
first_hit_is (gpointer data)
{
  HitWait *wait = data;
  g_autoptr(GObject) first = g_list_model_get_item (wait->model, 0);
  g_autofree char *title = NULL;

  if (first == NULL)
    return FALSE;
  g_object_get (first, "title", &title, NULL);
  return g_strcmp0 (title, wait->title) == 0;
}

static gboolean
stack_shows (gpointer data)
{
  GtkStack *stack = data;
  const char *want = g_object_get_data (G_OBJECT (stack), "want");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), want) == 0;
}

static void
wait_for_stack (GtkWidget  *stack,
                const char *name)
{
  g_object_set_data (G_OBJECT (stack), "want", (gpointer) name);
  stead_test_iterate_until (stack_shows, stack);
}

/* The search's widgets, by name, as a user or a screen reader finds them. */
typedef struct
{
  GtkWidget  *button;
  GtkWidget  *popover;
  GtkWidget  *entry;
  GtkWidget  *stack;
  GListModel *results;
} Search;

static Search
find_search (SteadWindow *window)
{
  GtkWidget *list;
  Search s;

  s.button = stead_test_find_by_label (GTK_WIDGET (window), "Search the Workspace");
  s.popover = stead_test_find_by_name (GTK_WIDGET (window), "workspace-search");
  s.entry = stead_test_find_by_name (GTK_WIDGET (window), "workspace-search-entry");
  s.stack = stead_test_find_by_name (GTK_WIDGET (window), "workspace-search-stack");
  g_assert_nonnull (s.button);
  g_assert_true (GTK_IS_MENU_BUTTON (s.button));
  g_assert_nonnull (s.popover);
  g_assert_nonnull (s.entry);
  g_assert_nonnull (s.stack);
  list = stead_test_find_by_name (GTK_WIDGET (window), "workspace-search-results");
  g_assert_true (GTK_IS_LIST_VIEW (list));
  s.results = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  return s;
}

#define xdotool stead_test_xdotool
#define has_focus_in stead_test_has_focus_in

/* A partner whose name xdotool can type on any keymap: letters and spaces. */
static char *
plain_partner_name (SteadWorkspace *ws)
{
  return stead_test_text (ws, "SELECT name FROM partners_organisation "
                              "WHERE name NOT GLOB '*[^A-Za-z ]*' "
                              "ORDER BY length (name) DESC LIMIT 1");
}

/* With real keys from the X server: Ctrl+K opens it on the entry, Escape
 * gives the focus back; typing a partner's name lists it first, Down and
 * Up move through the hits, Enter opens the Partners page on it; Ctrl+F
 * is still that page's own search. */
static void
test_keys (void)
{
  g_autofree char *title = g_strdup_printf ("Searchshire %d", (int) getpid ());
  SteadWindow *window;
  SteadWorkspace *ws;
  g_autofree char *name = NULL;
  g_autofree char *typed = NULL;
  GtkWidget *map_row, *page, *name_row;
  SteadTestFocus focus;
  HitWait hit;
  Search s;

  if (!stead_test_can_type ())
    return;

  window = open_window ("keys.gpkg", title, TRUE);
  ws = stead_window_get_workspace (window);
  s = find_search (window);
  g_assert_true (gtk_widget_get_sensitive (s.button));
  stead_test_iterate (300);

  /* The focus is on the sidebar's Map row; Ctrl+K moves it to the entry. */
  map_row = stead_test_find_by_name (GTK_WIDGET (window), "map");
  g_assert_nonnull (map_row);
  gtk_widget_grab_focus (map_row);
  focus.root = GTK_WIDGET (window);
  focus.widget = map_row;
  stead_test_iterate_until (has_focus_in, &focus);
  xdotool (title, "key ctrl+k");
  stead_test_iterate_until (stead_test_is_mapped, s.popover);
  focus.widget = s.entry;
  stead_test_iterate_until (has_focus_in, &focus);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (s.stack)), ==, "start");

  /* Escape closes it, and the focus is where it was. */
  xdotool (title, "key Escape");
  stead_test_iterate_until (stead_test_is_unmapped, s.popover);
  focus.widget = map_row;
  stead_test_iterate_until (has_focus_in, &focus);

  /* Down and Up move through the hits; the entry keeps the focus. The
   * demo area is Tewkesbury: many records say so. */
  xdotool (title, "key ctrl+k");
  stead_test_iterate_until (stead_test_is_mapped, s.popover);
  xdotool (title, "type --delay 20 'tewk'");
  wait_for_stack (s.stack, "results");
  g_assert_cmpuint (g_list_model_get_n_items (s.results), >, 2);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (s.results)), ==, 0);
  xdotool (title, "key Down Down");
  stead_test_iterate (100);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (s.results)), ==, 2);
  xdotool (title, "key Up");
  stead_test_iterate (100);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (s.results)), ==, 1);
  focus.widget = s.entry;
  g_assert_true (has_focus_in (&focus));

  /* Typing a partner's name over it lists that partner first. */
  name = plain_partner_name (ws);
  typed = g_strdup_printf ("key ctrl+a type --delay 20 '%s'", name);
  xdotool (title, typed);
  hit.model = s.results;
  hit.title = name;
  stead_test_iterate_until (first_hit_is, &hit);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (s.results)), ==, 0);

  /* Enter: the Partners page, with that partner selected. */
  xdotool (title, "key Return");
  page = stead_window_get_page (window, "partners.directory");
  stead_test_iterate_until (stead_test_is_mapped, page);
  g_assert_false (gtk_widget_get_mapped (s.popover));
  name_row = stead_test_find_by_label (stead_test_find_by_name (page, "detail"), "Name");
  g_assert_nonnull (name_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, name);

  /* Ctrl+F is the page's own search, not the workspace's. */
  gtk_widget_grab_focus (stead_test_find_by_name (page, "records"));
  stead_test_iterate (100);
  xdotool (title, "key ctrl+f");
  focus.widget = stead_test_find_by_name (page, "search");
  stead_test_iterate_until (has_focus_in, &focus);
  g_assert_false (gtk_widget_get_mapped (s.popover));

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  ShumateViewport *viewport;
  double           zoom;
} ZoomWait;

static gboolean
zoomed_in (gpointer data)
{
  ZoomWait *wait = data;

  return shumate_viewport_get_zoom_level (wait->viewport) > wait->zoom + 0.5;
}

/* An area's hit switches to the map, zoomed to the area, with what lies
 * inside it beside the map. The shortcut is Ctrl+K. */
static void
test_area_on_map (void)
{
  SteadWindow *window = open_window ("areas.gpkg", "Areashire", TRUE);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  SteadMapView *map = stead_window_get_map_view (window);
  ShumateViewport *viewport = stead_map_view_get_viewport (map);
  g_autofree char *area = stead_test_text (ws, "SELECT name FROM area WHERE kind = 'ward' "
                                               "ORDER BY fid LIMIT 1");
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                "win.search");
  GtkWidget *partners, *panel;
  ZoomWait zoom;
  HitWait hit;
  Search s;
  double lat, lon;

  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>k"));
  s = find_search (window);
  stead_test_iterate_until (stead_test_is_mapped, map);
  stead_test_iterate (300);
  zoom.viewport = viewport;
  zoom.zoom = shumate_viewport_get_zoom_level (viewport);

  /* From another page: the hit brings the map back. */
  stead_window_show_page (window, "partners.directory");
  partners = stead_window_get_page (window, "partners.directory");
  stead_test_iterate_until (stead_test_is_mapped, partners);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  stead_test_iterate_until (stead_test_is_mapped, s.popover);
  gtk_editable_set_text (GTK_EDITABLE (s.entry), area);
  hit.model = s.results;
  hit.title = area;
  stead_test_iterate_until (first_hit_is, &hit);
  {
    g_autoptr(GObject) first = g_list_model_get_item (s.results, 0);
    g_autofree char *owner = NULL;
    g_autofree char *kind = NULL;
    g_autofree char *subtitle = NULL;

    g_object_get (first, "owner", &owner, "kind", &kind, "subtitle", &subtitle, NULL);
    g_assert_cmpstr (owner, ==, "core");
    g_assert_cmpstr (kind, ==, "area");
    g_assert_true (g_str_has_prefix (subtitle, "Area"));
  }
  g_signal_emit_by_name (s.entry, "activate");

  stead_test_iterate_until (stead_test_is_mapped, map);
  stead_test_iterate_until (zoomed_in, &zoom);
  g_assert_false (gtk_widget_get_mapped (s.popover));

  /* Its summary beside the map (on a narrow one, along its foot), and all
   * of the area in what the summary leaves of the map. */
  panel = stead_map_view_get_area_panel (map);
  g_assert_true (gtk_widget_get_visible (panel));
  g_assert_nonnull (stead_test_find_by_text (panel, area));
  {
    GtkWidget *shumate = GTK_WIDGET (stead_map_view_get_map (map));
    g_autoptr(sqlite3_stmt) box = NULL;
    graphene_rect_t sheet;
    gboolean below;
    double x, y;

    g_assert_true (gtk_widget_compute_bounds (panel, shumate, &sheet));
    below = sheet.size.width > gtk_widget_get_width (shumate) / 2;

    box = stead_workspace_prepare (ws, "SELECT minx, miny, maxx, maxy FROM rtree_area_geom "
                                       "WHERE id = (SELECT fid FROM area WHERE name = ?)", NULL);
    sqlite3_bind_text (box, 1, area, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (box), ==, SQLITE_ROW);
    for (int corner = 0; corner < 4; corner++)
      {
        lon = sqlite3_column_double (box, corner % 2 == 0 ? 0 : 2);
        lat = sqlite3_column_double (box, corner < 2 ? 1 : 3);
        shumate_viewport_location_to_widget_coords (viewport, shumate, lat, lon, &x, &y);
        g_assert_cmpfloat (x, >=, 0);
        g_assert_cmpfloat (x, <=, gtk_widget_get_width (shumate) -
                                    (below ? 0 : gtk_widget_get_width (panel)));
        g_assert_cmpfloat (y, >=, 0);
        g_assert_cmpfloat (y, <=, below ? sheet.origin.y : gtk_widget_get_height (shumate));
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* What it says when nothing matches, when nothing is indexed yet, and
 * that it is off with no workspace open. */
static void
test_empty_states (void)
{
  SteadWindow *window = open_window ("empty-states.gpkg", "Emptyshire", TRUE);
  SteadWindow *bare;
  GtkWidget *none;
  Search s = find_search (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  stead_test_iterate_until (stead_test_is_mapped, s.popover);
  gtk_editable_set_text (GTK_EDITABLE (s.entry), "qqzzxx");
  wait_for_stack (s.stack, "none");
  none = stead_test_find_by_name (s.popover, "workspace-search-none");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (none)), ==,
                   "No results for “qqzzxx”");
  g_assert_cmpuint (g_list_model_get_n_items (s.results), ==, 0);
  gtk_popover_popdown (GTK_POPOVER (s.popover));

  /* Closed: the search is off, and forgets what was typed. */
  stead_window_close_workspace (window);
  g_assert_false (gtk_widget_get_sensitive (s.button));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  stead_test_iterate (200);
  g_assert_false (gtk_widget_get_mapped (s.popover));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (s.entry)), ==, "");
  gtk_window_destroy (GTK_WINDOW (window));

  /* Nothing indexed: a hint, even for words that would match. */
  bare = open_window ("bare.gpkg", "Bareshire", FALSE);
  s = find_search (bare);
  g_assert_true (gtk_widget_get_sensitive (s.button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bare), "win.search", NULL));
  stead_test_iterate_until (stead_test_is_mapped, s.popover);
  wait_for_stack (s.stack, "nothing");
  gtk_editable_set_text (GTK_EDITABLE (s.entry), "Bareshire");
  stead_test_iterate (400);
  wait_for_stack (s.stack, "nothing");
  gtk_window_destroy (GTK_WINDOW (bare));
}

/* A window with no workspace: nothing to search. */
static void
test_no_workspace (void)
{
  SteadWindow *window = stead_window_new (ADW_APPLICATION (app));
  Search s;

  gtk_window_present (GTK_WINDOW (window));
  stead_test_iterate_until (stead_test_is_mapped, window);
  s = find_search (window);
  g_assert_false (gtk_widget_get_sensitive (s.button));
  /* Ctrl+K does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  stead_test_iterate (200);
  g_assert_false (gtk_widget_get_mapped (s.popover));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *enabled[] = { "partners", "risks", NULL };

  app = stead_test_app_new (&argc, &argv, enabled, &tmp_dir);

  g_test_add_func ("/ui/search/no-workspace", test_no_workspace);
  g_test_add_func ("/ui/search/empty-states", test_empty_states);
  g_test_add_func ("/ui/search/area-on-map", test_area_on_map);
  g_test_add_func ("/ui/search/keys", test_keys);

  return stead_test_app_run (app, tmp_dir);
}
