/* test-plugin-pages.c: the Partners and Risks pages as a user meets them (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stead-gtk.h>

static SteadApplication *app;
static char *tmp_dir;

static void
iterate_until (gboolean (*condition) (gpointer),
               gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (condition (data));
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
is_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type,
           guint      nth)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        {
          if (nth == 0)
            return child;
          nth--;
        }
      /* Depth first, counting matches on the way. */
      if ((found = find_type (child, type, nth)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_ENTRY_ROW (child) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;
      if ((found = find_row (child, title)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_named_child (GtkWidget  *root,
                  const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_STACK (child) && gtk_stack_get_child_by_name (GTK_STACK (child), name) != NULL)
        return gtk_stack_get_child_by_name (GTK_STACK (child), name);
      if ((found = find_named_child (child, name)) != NULL)
        return found;
    }
  return NULL;
}

static gint64
count (SteadWorkspace *ws,
       const char     *sql)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (ws, sql, NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

typedef struct
{
  GListModel *model;
  guint       want;
} CountWait;

static gboolean
has_count (gpointer data)
{
  CountWait *w = data;

  return g_list_model_get_n_items (w->model) == w->want;
}

static SteadWindow *
open_window (const char *name,
             gboolean    demo)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  SteadWindow *window;

  {
    g_autoptr(SteadWorkspace) ws = stead_workspace_create (path, "Partnershire",
                                                           stead_application_get_plugin_engine (app), &error);

    g_assert_no_error (error);
    if (demo)
      g_assert_true (stead_demo_populate (ws, 50, 3, &error));
    stead_workspace_close (ws);
  }
  window = stead_window_new (ADW_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  iterate_until (is_mapped, window);
  g_assert_true (stead_window_open_workspace (window, path, &error));
  g_assert_no_error (error);
  return window;
}

static void
test_empty_state (void)
{
  SteadWindow *window = open_window ("empty.gpkg", FALSE);
  GtkWidget *page = stead_window_get_page (window, "partners.directory");
  GtkStack *stack;

  g_assert_nonnull (page);
  stack = GTK_STACK (find_type (page, GTK_TYPE_STACK, 0));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  /* It offers both ways to start. */
  g_assert_nonnull (find_type (gtk_stack_get_child_by_name (stack, "empty"), GTK_TYPE_BUTTON, 1));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_list_search_filter_edit (void)
{
  SteadWindow *window = open_window ("demo.gpkg", TRUE);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = stead_window_get_page (window, "partners.directory");
  GtkColumnView *view;
  GtkSelectionModel *selection;
  GListModel *model;
  CountWait wait;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (page);
  stead_window_show_page (window, "partners.directory");
  view = GTK_COLUMN_VIEW (find_type (page, GTK_TYPE_COLUMN_VIEW, 0));
  selection = gtk_column_view_get_model (view);
  model = G_LIST_MODEL (selection);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, count (ws, "SELECT count(*) FROM partners_organisation"));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (view)), ==, 5);

  /* Searching "expired" shows the partners with an expired agreement. */
  gtk_editable_set_text (GTK_EDITABLE (find_type (page, GTK_TYPE_SEARCH_ENTRY, 0)), "expired");
  wait.model = model;
  wait.want = count (ws, "SELECT count(DISTINCT p.organisation) FROM partners_agreement a "
                         "JOIN partners_agreement_party p ON p.agreement = a.id "
                         "WHERE a.expiry < date('now', 'localtime') AND a.status != 'ended'");
  g_assert_cmpuint (wait.want, >, 0);
  iterate_until (has_count, &wait);
  gtk_editable_set_text (GTK_EDITABLE (find_type (page, GTK_TYPE_SEARCH_ENTRY, 0)), "");
  wait.want = count (ws, "SELECT count(*) FROM partners_organisation");
  iterate_until (has_count, &wait);

  /* Filtered to the instrumental core. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_type (page, GTK_TYPE_DROP_DOWN, 1)), 1);
  wait.want = count (ws, "SELECT count(*) FROM partners_organisation WHERE tier = 'instrumental'");
  iterate_until (has_count, &wait);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_type (page, GTK_TYPE_DROP_DOWN, 1)), 0);

  /* Select one, edit its website in place, undo it. */
  gtk_selection_model_select_item (selection, 0, TRUE);
  {
    GtkWidget *row = find_row (page, "Website");
    g_autoptr(GObject) item = g_list_model_get_item (model, 0);

    g_assert_nonnull (row);
    gtk_editable_set_text (GTK_EDITABLE (row), "https://edited.example.org");
    g_signal_emit_by_name (row, "apply");
    g_assert_cmpint (count (ws, "SELECT count(*) FROM partners_organisation WHERE website = 'https://edited.example.org'"), ==, 1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    g_assert_cmpint (count (ws, "SELECT count(*) FROM partners_organisation WHERE website = 'https://edited.example.org'"), ==, 0);
  }

  /* The Partner sites layer on the map: a marker for every placed site. */
  {
    ShumateMarkerLayer *sites = g_object_get_data (G_OBJECT (window), "partners-sites-layer");
    GList *markers;

    g_assert_nonnull (sites);
    markers = shumate_marker_layer_get_markers (sites);
    g_assert_cmpuint (g_list_length (markers), ==, count (ws, "SELECT count(*) FROM partners_site WHERE geom IS NOT NULL"));
    g_assert_cmpuint (g_list_length (markers), >, 10);
    g_list_free (markers);
  }

  /* "Open Record" on a partner's resource in a map popover opens the
   * Partners page on that site's organisation, even when the list is
   * searched for something else. */
  {
    g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (ws,
      "SELECT r.owner_ref, o.name FROM resource r JOIN partners_site s ON s.fid = r.owner_ref "
      "JOIN partners_organisation o ON o.id = s.organisation "
      "WHERE r.owner = 'partners' ORDER BY o.name DESC LIMIT 1", NULL);
    GtkWidget *name_row;

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    stead_window_show_page (window, "map");
    iterate_until (is_unmapped, page);
    gtk_editable_set_text (GTK_EDITABLE (find_type (page, GTK_TYPE_SEARCH_ENTRY, 0)), "no such partner anywhere");
    wait.want = 0;
    iterate_until (has_count, &wait);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (stead_window_get_map_view (window)), "partners.show-record",
                                               "x", sqlite3_column_int64 (stmt, 0)));
    iterate_until (is_mapped, page);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_type (page, GTK_TYPE_SEARCH_ENTRY, 0))), ==, "");
    name_row = find_row (page, "Name");
    g_assert_nonnull (name_row);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, (const char *) sqlite3_column_text (stmt, 1));
  }

  /* The network view has the core and its agreements. */
  {
    GtkWidget *network = find_named_child (page, "network");

    g_assert_nonnull (network);
    gtk_stack_set_visible_child (GTK_STACK (gtk_widget_get_parent (network)), network);
    iterate_until (is_mapped, network);
  }

  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The risk register: the matrix holds every risk, a click on a cell
 * filters the register, a drag re-scores with history and undo. */
static void
test_risks_page (void)
{
  SteadWindow *window = open_window ("risks.gpkg", TRUE);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = stead_window_get_page (window, "risks.register");
  GtkWidget *matrix;
  GListModel *model;
  CountWait wait;
  gint64 id;

  g_assert_nonnull (page);
  stead_window_show_page (window, "risks.register");
  matrix = find_type (page, g_type_from_name ("RisksMatrix"), 0);
  g_assert_nonnull (matrix);
  iterate_until (is_mapped, matrix);
  model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (find_type (page, GTK_TYPE_COLUMN_VIEW, 0))));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, count (ws, "SELECT count(*) FROM risks_risk"));

  /* Clicking the cell likelihood 4, impact 3 shows only its risks. */
  g_signal_emit_by_name (matrix, "cell-activated", 4, 3);
  wait.model = model;
  wait.want = count (ws, "SELECT count(*) FROM risks_risk WHERE likelihood = 4 AND impact = 3");
  g_assert_cmpuint (wait.want, >, 0);
  iterate_until (has_count, &wait);
  g_signal_emit_by_name (matrix, "cell-activated", 0, 0);
  wait.want = count (ws, "SELECT count(*) FROM risks_risk");
  iterate_until (has_count, &wait);

  /* Searching "overdue" finds the risks whose review date has passed. */
  gtk_editable_set_text (GTK_EDITABLE (find_type (page, GTK_TYPE_SEARCH_ENTRY, 0)), "overdue");
  wait.want = count (ws, "SELECT count(*) FROM risks_risk WHERE review < date ('now', 'localtime')");
  g_assert_cmpuint (wait.want, >, 0);
  iterate_until (has_count, &wait);
  gtk_editable_set_text (GTK_EDITABLE (find_type (page, GTK_TYPE_SEARCH_ENTRY, 0)), "");

  /* Dragging R03 to likelihood 4 re-scores it, keeping history. */
  id = count (ws, "SELECT id FROM risks_risk WHERE reference = 'R03'");
  g_signal_emit_by_name (matrix, "risk-moved", id, 4, 5);
  g_assert_cmpint (count (ws, "SELECT likelihood FROM risks_risk WHERE reference = 'R03'"), ==, 4);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM risks_review v JOIN risks_risk r ON r.id = v.risk "
                              "WHERE r.reference = 'R03' AND v.note = 'Moved on the matrix'"), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (count (ws, "SELECT likelihood FROM risks_risk WHERE reference = 'R03'"), ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *enabled[] = { "partners", "risks", NULL };
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  settings = g_settings_new (APP_ID);
  g_settings_set_strv (settings, "enabled-plugins", enabled);
  g_settings_set_string (settings, "base-map", "offline");
  tmp_dir = g_dir_make_tmp ("stead-partners-ui-XXXXXX", &error);
  g_assert_no_error (error);

  app = stead_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/partners/empty-state", test_empty_state);
  g_test_add_func ("/ui/partners/list-search-filter-edit", test_list_search_filter_edit);
  g_test_add_func ("/ui/risks/matrix-register", test_risks_page);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
