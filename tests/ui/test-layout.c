/* test-layout.c: the window at the sizes people use it (under Xvfb)
 *
 * At 1600x1000 (or the screen's size, if smaller) the sidebar and each
 * record page's list and details sit side by side; at 800x600 and
 * 600x600 the sidebar folds behind the Show Pages button, a record page
 * shows one pane at a time, and no widget
 * the user can see reaches past the window's edge. The partners'
 * network places its labels apart and its nodes select partners.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stead-test-util.h"

#ifdef GDK_WINDOWING_X11
# include <gdk/x11/gdkx.h>
#endif

static SteadApplication *app;
static char *tmp_dir;

#define SLACK 1.5

static const char *const pages[] = { "map", "partners.directory", "risks.register", NULL };

typedef struct
{
  GtkWidget *window;
  int        width;
} SizeWait;

static gboolean
has_width (gpointer data)
{
  SizeWait *w = data;

  /* Less the frame the window draws around itself, if any. */
  return ABS (gtk_widget_get_width (w->window) - w->width) <= 12;
}

/* The first mapped widget under @root (not counting what a scrolled
 * window or a list scrolls) whose box reaches out of @frame. */
static GtkWidget *
find_overflow (GtkWidget             *root,
               GtkWidget             *window,
               const graphene_rect_t *frame)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;
      GtkWidget *found;

      if (!gtk_widget_get_mapped (child) || !gtk_widget_get_child_visible (child) ||
          GTK_IS_NATIVE (child))
        continue;
      /* A folded sidebar waits, hidden, beside the window. */
      if (ADW_IS_FLAP (root) && child == adw_flap_get_flap (ADW_FLAP (root)) &&
          adw_flap_get_reveal_progress (ADW_FLAP (root)) == 0)
        continue;
      /* So does the pane of a folded record page not shown. */
      if (ADW_IS_LEAFLET (root) && adw_leaflet_get_folded (ADW_LEAFLET (root)) &&
          child != adw_leaflet_get_visible_child (ADW_LEAFLET (root)))
        continue;
      if (!gtk_widget_compute_bounds (child, window, &bounds))
        continue;
      /* The header bar's style reaches a pixel over the window's edge. */
      if (bounds.origin.x < frame->origin.x - SLACK || bounds.origin.y < frame->origin.y - SLACK ||
          bounds.origin.x + bounds.size.width > frame->origin.x + frame->size.width + SLACK ||
          bounds.origin.y + bounds.size.height > frame->origin.y + frame->size.height + SLACK)
        return child;
      /* What scrolls may be larger than its view; the view is checked. */
      if (GTK_IS_SCROLLED_WINDOW (child) || GTK_IS_VIEWPORT (child) ||
          GTK_IS_COLUMN_VIEW (child) || GTK_IS_LIST_VIEW (child) || SHUMATE_IS_MAP (child))
        continue;
      if ((found = find_overflow (child, window, frame)) != NULL)
        return found;
    }
  return NULL;
}

/* The wide size: 1600x1000, or as much of it as the screen has. */
static void
wide_size (int *width,
           int *height)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle geometry = { 0, 0, 1600, 1000 };

  if (monitor != NULL)
    gdk_monitor_get_geometry (monitor, &geometry);
  *width = MIN (1600, geometry.width);
  *height = MIN (1000, geometry.height);
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
is_settled (gpointer flap)
{
  double progress = adw_flap_get_reveal_progress (flap);

  return progress == 0 || progress == 1;
}

static void
resize (SteadWindow *window,
        int          width,
        int          height)
{
  SizeWait wait = { GTK_WIDGET (window), width };

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  stead_test_iterate_until (has_width, &wait);
  /* Folding and unfolding slide: 250 ms. */
  stead_test_iterate (400);
  stead_test_iterate_until (is_settled, stead_test_find_by_name (GTK_WIDGET (window),
                                                                 "sidebar-flap"));
}

static void
check_size (SteadWindow *window,
            int          width,
            int          height,
            gboolean     narrow)
{
  gboolean small = width <= 600;
  int min_width;

  resize (window, width, height);
  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  /* Nothing holds the window wider than that. */
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL,
                      NULL, NULL);
  g_assert_cmpint (min_width, <=, width);
  g_assert_cmpint (stead_window_get_sidebar_folded (window), ==, narrow);
  g_assert_cmpint (gtk_widget_get_visible (stead_test_find_by_name (GTK_WIDGET (window),
                                                                    "show-pages")), ==, narrow);

  for (guint i = 0; pages[i] != NULL; i++)
    {
      GtkWidget *page = stead_window_get_page (window, pages[i]);
      GtkWidget *records, *overflow;

      g_assert_nonnull (page);
      stead_window_show_page (window, pages[i]);
      stead_test_iterate_until (stead_test_is_mapped, page);
      stead_test_iterate (400);
      stead_test_iterate_until (is_settled, stead_test_find_by_name (GTK_WIDGET (window),
                                                                     "sidebar-flap"));
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, width);
      {
        GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
        graphene_rect_t frame;

        g_assert_true (gtk_widget_compute_bounds (content, GTK_WIDGET (window), &frame));
        g_assert_cmpfloat (frame.size.width, <=, width);
        overflow = find_overflow (content, GTK_WIDGET (window), &frame);
      }
      if (overflow != NULL)
        g_error ("At %dx%d on %s, a %s (%s) reaches past the window", width, height, pages[i],
                 G_OBJECT_TYPE_NAME (overflow), gtk_widget_get_name (overflow));
      records = stead_test_find_by_name (page, "records");
      if (records != NULL)
        {
          GtkWidget *record_page = gtk_widget_get_ancestor (records, STEAD_TYPE_RECORD_PAGE);

          /* At 600 the list and its details take turns; wide, they are side
           * by side (at 800, either, as their content needs). */
          if (small || !narrow)
            g_assert_cmpint (stead_record_page_get_folded (STEAD_RECORD_PAGE (record_page)), ==,
                             small);
        }
      /* Folded, choosing a page hid the sidebar again. */
      if (narrow)
        g_assert_false (gtk_widget_get_child_visible (
          adw_flap_get_flap (ADW_FLAP (stead_test_find_by_name (GTK_WIDGET (window),
                                                                "sidebar-flap")))) &&
                        adw_flap_get_reveal_flap (ADW_FLAP (stead_test_find_by_name (
                          GTK_WIDGET (window), "sidebar-flap"))));
    }
}

/* A picture to look at, for a person checking the layout by eye (kept
 * in $STEAD_SCREENSHOT_DIR if set). */
static void
save_screenshot (SteadWindow *window,
                 const char  *name)
{
  g_autoptr(GdkTexture) texture = stead_test_render (GTK_WIDGET (window));
  const char *dir = g_getenv ("STEAD_SCREENSHOT_DIR");
  g_autofree char *path = g_build_filename (dir != NULL ? dir : tmp_dir, name, NULL);

  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), >=, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
test_sizes (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "layout.gpkg", NULL);
  SteadWindow *window = stead_test_open_window (app, path, "Partnershire", 50);
  GtkWidget *flap = stead_test_find_by_name (GTK_WIDGET (window), "sidebar-flap");
  GtkWidget *partners = stead_window_get_page (window, "partners.directory");
  GtkWidget *record_page;
  int wide_width, wide_height;

  wide_size (&wide_width, &wide_height);
  check_size (window, wide_width, wide_height, FALSE);
  save_screenshot (window, "layout-wide.png");
  check_size (window, 800, 600, TRUE);
  save_screenshot (window, "layout-800x600.png");
  check_size (window, 600, 600, TRUE);
  save_screenshot (window, "layout-600x600.png");

  /* Show Pages brings the sidebar over the page; choosing one hides it. */
  gtk_toggle_button_set_active (
    GTK_TOGGLE_BUTTON (stead_test_find_by_name (GTK_WIDGET (window), "show-pages")), TRUE);
  g_assert_true (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
  stead_window_show_page (window, "partners.directory");
  g_assert_false (adw_flap_get_reveal_flap (ADW_FLAP (flap)));

  /* Folded, a partner chosen shows its details, and Back the list. */
  stead_test_iterate_until (stead_test_is_mapped, partners);
  record_page = gtk_widget_get_ancestor (stead_test_find_by_name (partners, "records"),
                                         STEAD_TYPE_RECORD_PAGE);
  gtk_selection_model_select_item (
    gtk_column_view_get_model (GTK_COLUMN_VIEW (stead_test_find_by_name (partners, "records"))),
    0, TRUE);
  stead_test_iterate_until (stead_test_is_mapped, stead_test_find_by_name (partners, "detail"));
  gtk_widget_activate (stead_test_find_by_name (partners, "back-to-list"));
  stead_test_iterate_until (stead_test_is_mapped, stead_test_find_by_name (partners, "records"));
  g_assert_true (stead_record_page_get_folded (STEAD_RECORD_PAGE (record_page)));

  /* The welcome page has no pages to show. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-workspace", NULL));
  g_assert_false (gtk_widget_get_visible (stead_test_find_by_name (GTK_WIDGET (window),
                                                                   "show-pages")));
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (stead_window_open_workspace (window, path, &error));
    g_assert_no_error (error);
  }
  g_assert_true (gtk_widget_get_visible (stead_test_find_by_name (GTK_WIDGET (window),
                                                                  "show-pages")));

  /* Wide again: side by side, the sidebar back. */
  check_size (window, wide_width, wide_height, FALSE);
  g_assert_true (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The sidebar's pages, top to bottom, as their ids. */
static char *
sidebar_order (SteadWindow *window)
{
  GtkWidget *row = stead_test_find_by_name (GTK_WIDGET (window), "map");
  GtkWidget *list = gtk_widget_get_parent (row);
  g_autoptr(GString) order = g_string_new (NULL);

  for (int i = 0; (row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)));
       i++)
    g_string_append_printf (order, "%s%s", i > 0 ? " " : "", gtk_widget_get_name (row));
  return g_string_free (g_steal_pointer (&order), FALSE);
}

/* A plugin switched off and on again comes back to its place. */
static void
test_sidebar_order (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "order.gpkg", NULL);
  SteadWindow *window = stead_test_open_window (app, path, "Partnershire", 0);
  SteadPluginEngine *engine = stead_application_get_plugin_engine (app);
  g_autofree char *before = sidebar_order (window);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (before, ==, "map core.needs core.resources partners.directory risks.register");
  for (guint i = 0; i < 2; i++)
    {
      const char *module = i == 0 ? "partners" : "risks";
      g_autofree char *after = NULL;

      g_assert_true (stead_plugin_engine_set_enabled (engine, module, FALSE, &error));
      g_assert_no_error (error);
      g_assert_null (stead_window_get_page (window, i == 0 ? "partners.directory"
                                                           : "risks.register"));
      g_assert_true (stead_plugin_engine_set_enabled (engine, module, TRUE, &error));
      g_assert_no_error (error);
      after = sidebar_order (window);
      g_assert_cmpstr (after, ==, before);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_network_nodes (gpointer data)
{
  g_autoptr(GVariant) points = NULL;
  gpointer *wait = data;

  g_object_get (wait[0], "node-points", &points, NULL);
  return g_variant_n_children (points) == GPOINTER_TO_UINT (wait[1]);
}

static gboolean
is_selected (gpointer data)
{
  gpointer *wait = data;
  SteadRecord *record = stead_record_page_get_selected (wait[0]);

  return record != NULL && stead_record_get_id (record) == *(gint64 *) wait[1];
}

/* Who works with whom: a legend, labels that cover no other label, the
 * partners the filters show, and a click that selects a partner. */
static void
test_network (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "network.gpkg", NULL);
  SteadWindow *window = stead_test_open_window (app, path, "Partnershire", 50);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = stead_window_get_page (window, "partners.directory");
  GtkWidget *network = stead_test_find_by_name (page, "network");
  GtkWidget *record_page = gtk_widget_get_ancestor (stead_test_find_by_name (page, "records"),
                                                    STEAD_TYPE_RECORD_PAGE);
  g_autoptr(GVariant) boxes = NULL;
  g_autoptr(GVariant) points = NULL;
  guint n_boxes, overlaps = 0, wanted;
  gpointer wait[2];
  gint64 id;
  double x, y;
  int wide_width, wide_height;

  wide_size (&wide_width, &wide_height);
  resize (window, wide_width, wide_height);
  stead_window_show_page (window, "partners.directory");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (stead_test_find_by_name (page,
                                                                            "network-toggle")),
                                TRUE);
  stead_test_iterate_until (stead_test_is_mapped, network);
  stead_test_iterate (200);

  /* Every partner in the core or with an agreement is a node. */
  wanted = stead_test_count (ws, "SELECT count(*) FROM partners_organisation o WHERE "
                                 "o.tier = 'instrumental' OR EXISTS (SELECT 1 FROM "
                                 "partners_agreement_party p WHERE p.organisation = o.id)");
  g_assert_cmpuint (wanted, >, 10);
  wait[0] = network;
  wait[1] = GUINT_TO_POINTER (wanted);
  stead_test_iterate_until (has_network_nodes, wait);

  /* No two labels overlap, and each is inside the view. */
  g_object_get (network, "label-boxes", &boxes, NULL);
  n_boxes = g_variant_n_children (boxes);
  g_assert_cmpuint (n_boxes, >=, wanted * 3 / 4);
  for (guint i = 0; i < n_boxes; i++)
    {
      double ax, ay, aw, ah;

      g_variant_get_child (boxes, i, "(dddd)", &ax, &ay, &aw, &ah);
      g_assert_cmpfloat (ax, >=, 0);
      g_assert_cmpfloat (ay, >=, 0);
      g_assert_cmpfloat (ax + aw, <=, gtk_widget_get_width (network));
      g_assert_cmpfloat (ay + ah, <=, gtk_widget_get_height (network));
      for (guint j = i + 1; j < n_boxes; j++)
        {
          double bx, by, bw, bh;

          g_variant_get_child (boxes, j, "(dddd)", &bx, &by, &bw, &bh);
          if (ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah)
            overlaps++;
        }
    }
  g_assert_cmpuint (overlaps, ==, 0);

  /* A click on a partner selects it. */
  g_object_get (network, "node-points", &points, NULL);
  g_variant_get_child (points, g_variant_n_children (points) - 1, "(xdd)", &id, &x, &y);
  if (stead_test_have_xdotool ())
    {
      gtk_window_present (GTK_WINDOW (window));
      stead_test_iterate (100);
      stead_test_pointer (network, x, y, "click 1");
    }
  else
    g_signal_emit_by_name (network, "node-activated", id);
  wait[0] = record_page;
  wait[1] = &id;
  stead_test_iterate_until (is_selected, wait);

  /* The tier filter: only the core. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (stead_test_find_by_name (page, "tier-filter")), 1);
  wait[0] = network;
  wait[1] = GUINT_TO_POINTER (stead_test_count (
    ws, "SELECT count(*) FROM partners_organisation WHERE tier = 'instrumental'"));
  stead_test_iterate_until (has_network_nodes, wait);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The size the user gives the window is the size it opens at next time. */
static void
test_size_remembered (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "remember.gpkg", NULL);
  SteadWindow *window = stead_test_open_window (app, path, "Partnershire", 0);
  GSettings *settings = stead_application_get_settings (app);
  SizeWait wait = { NULL, 900 };
  int width, height;

#ifdef GDK_WINDOWING_X11
  if (stead_test_have_xdotool ())
    {
      /* As the user would, through the window manager's side. */
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
      g_autofree char *command =
        g_strdup_printf ("xdotool windowsize %lu 900 700",
                         (gulong) gdk_x11_surface_get_xid (surface));

      g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
    }
  else
#endif
    gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  wait.window = GTK_WIDGET (window);
  stead_test_iterate_until (has_width, &wait);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  stead_test_iterate_until (is_gone, &window);
  g_assert_cmpint (ABS (g_settings_get_int (settings, "window-width") - 900), <=, 12);
  g_assert_cmpint (ABS (g_settings_get_int (settings, "window-height") - 700), <=, 12);

  /* And a new window opens at it. */
  window = stead_window_new (ADW_APPLICATION (app));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, g_settings_get_int (settings, "window-width"));
  g_assert_cmpint (height, ==, g_settings_get_int (settings, "window-height"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_inscription (GtkWidget  *root,
                  const char *text)
{
  if (GTK_IS_INSCRIPTION (root) &&
      g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_inscription (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Columns as wide as what they show (up to a bound), and as wide as the
 * user made them the next time. */
static void
test_columns (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "columns.gpkg", NULL);
  SteadWindow *window = stead_test_open_window (app, path, "Partnershire", 50);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = stead_window_get_page (window, "partners.directory");
  GtkColumnView *view = GTK_COLUMN_VIEW (stead_test_find_by_name (page, "records"));
  g_autofree char *longest = stead_test_text (
    ws, "SELECT name FROM partners_organisation ORDER BY length (name) DESC LIMIT 1");
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (view), longest);
  GtkColumnViewColumn *name, *tier, *review;
  int name_px;

  stead_window_show_page (window, "partners.directory");
  stead_test_iterate_until (stead_test_is_mapped, page);
  name = stead_test_column_titled (view, "Name");
  tier = stead_test_column_titled (view, "Tier");
  review = stead_test_column_titled (view, "Next Review");
  g_assert_nonnull (name);
  g_assert_nonnull (tier);
  g_assert_nonnull (review);
  pango_layout_get_pixel_size (layout, &name_px, NULL);
  /* The longest demo name is whole, and the short columns are narrower. */
  g_assert_cmpint (name_px, <, 290);
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (name), >=, name_px);
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (tier), <,
                   gtk_column_view_column_get_fixed_width (name));
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (review), <,
                   gtk_column_view_column_get_fixed_width (name));

  /* A name too long for its column keeps both ends, and says the whole. */
  {
    GtkWidget *cell = find_inscription (GTK_WIDGET (view), longest);

    g_assert_nonnull (cell);
    g_assert_cmpint (gtk_inscription_get_text_overflow (GTK_INSCRIPTION (cell)), ==,
                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_MIDDLE);
    g_assert_true (gtk_widget_get_has_tooltip (cell));
  }

  /* The user narrows Tier: kept, in this window's next page and the next. */
  gtk_column_view_column_set_fixed_width (tier, 77);
  gtk_window_destroy (GTK_WINDOW (window));
  window = stead_window_new (ADW_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (stead_window_open_workspace (window, path, &error));
    g_assert_no_error (error);
  }
  page = stead_window_get_page (window, "partners.directory");
  stead_window_show_page (window, "partners.directory");
  stead_test_iterate_until (stead_test_is_mapped, page);
  view = GTK_COLUMN_VIEW (stead_test_find_by_name (page, "records"));
  stead_test_iterate (200);
  tier = stead_test_column_titled (view, "Tier");
  name = stead_test_column_titled (view, "Name");
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (tier), ==, 77);
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (name), >=, name_px);
  g_settings_reset (stead_application_get_settings (app), "column-widths");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *enabled[] = { "partners", "risks", NULL };

  app = stead_test_app_new (&argc, &argv, enabled, &tmp_dir);

  g_test_add_func ("/ui/layout/sizes", test_sizes);
  g_test_add_func ("/ui/layout/sidebar-order", test_sidebar_order);
  g_test_add_func ("/ui/layout/network", test_network);
  g_test_add_func ("/ui/layout/size-remembered", test_size_remembered);
  g_test_add_func ("/ui/layout/columns", test_columns);

  return stead_test_app_run (app, tmp_dir);
}
