/* test-plugin-pages.c: the Partners and Risks pages as a user meets them (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "stead-test-util.h"

static SteadApplication *app;
static char *tmp_dir;

#define count stead_test_count

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

  return stead_test_open_window (app, path, "Partnershire", demo ? 50 : 0);
}

static void
test_empty_state (void)
{
  SteadWindow *window = open_window ("empty.gpkg", FALSE);
  GtkWidget *page = stead_window_get_page (window, "partners.directory");
  GtkWidget *stack;
  GtkWidget *empty;

  g_assert_nonnull (page);
  stack = stead_test_find_by_name (page, "records-stack");
  g_assert_nonnull (stack);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  /* It offers both ways to start. */
  empty = gtk_stack_get_child_by_name (GTK_STACK (stack), "empty");
  g_assert_nonnull (stead_test_find_by_label (empty, "Add Partner"));
  g_assert_nonnull (stead_test_find_by_label (empty, "Import…"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_list_search_filter_edit (void)
{
  SteadWindow *window = open_window ("demo.gpkg", TRUE);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = stead_window_get_page (window, "partners.directory");
  GtkWidget *search;
  GtkColumnView *view;
  GtkSelectionModel *selection;
  GListModel *model;
  CountWait wait;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (page);
  stead_window_show_page (window, "partners.directory");
  view = GTK_COLUMN_VIEW (stead_test_find_by_name (page, "records"));
  search = stead_test_find_by_name (page, "search");
  selection = gtk_column_view_get_model (view);
  model = G_LIST_MODEL (selection);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==,
                    count (ws, "SELECT count(*) FROM partners_organisation"));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (view)), ==, 5);

  /* Searching "expired" shows the partners with an expired agreement. */
  gtk_editable_set_text (GTK_EDITABLE (search), "expired");
  wait.model = model;
  wait.want = count (ws, "SELECT count(DISTINCT p.organisation) FROM partners_agreement a "
                         "JOIN partners_agreement_party p ON p.agreement = a.id "
                         "WHERE a.expiry < date('now', 'localtime') AND a.status != 'ended'");
  g_assert_cmpuint (wait.want, >, 0);
  stead_test_iterate_until (has_count, &wait);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  wait.want = count (ws, "SELECT count(*) FROM partners_organisation");
  stead_test_iterate_until (has_count, &wait);
  g_assert_false (gtk_widget_get_visible (stead_test_find_by_name (page, "no-matches")));

  /* Nothing matches: the page says so, and Show All brings them back. */
  gtk_editable_set_text (GTK_EDITABLE (search), "zzyzx-no-such-partner");
  wait.want = 0;
  stead_test_iterate_until (has_count, &wait);
  g_assert_true (gtk_widget_get_visible (stead_test_find_by_name (page, "no-matches")));
  gtk_widget_activate (stead_test_find_by_name (page, "show-all"));
  wait.want = count (ws, "SELECT count(*) FROM partners_organisation");
  stead_test_iterate_until (has_count, &wait);
  g_assert_false (gtk_widget_get_visible (stead_test_find_by_name (page, "no-matches")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");

  /* Filtered to the instrumental core. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (stead_test_find_by_name (page, "tier-filter")), 1);
  wait.want = count (ws, "SELECT count(*) FROM partners_organisation WHERE tier = 'instrumental'");
  stead_test_iterate_until (has_count, &wait);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (stead_test_find_by_name (page, "tier-filter")), 0);

  /* Select one, edit its website in place, undo it. */
  gtk_selection_model_select_item (selection, 0, TRUE);
  {
    GtkWidget *row = stead_test_find_by_label (stead_test_find_by_name (page, "detail"), "Website");

    g_assert_nonnull (row);
    gtk_editable_set_text (GTK_EDITABLE (row), "https://edited.example.org");
    g_signal_emit_by_name (row, "apply");
    g_assert_cmpint (count (ws, "SELECT count(*) FROM partners_organisation WHERE website = "
                                "'https://edited.example.org'"),
                     ==, 1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    g_assert_cmpint (count (ws, "SELECT count(*) FROM partners_organisation WHERE website = "
                                "'https://edited.example.org'"),
                     ==, 0);
    /* The row follows the record back, without being rebuilt. */
    g_assert_true (row ==
                   stead_test_find_by_label (stead_test_find_by_name (page, "detail"), "Website"));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), !=, "https://edited.example.org");
  }

  /* The Partner sites layer on the map: a marker for every placed site. */
  {
    ShumateLayer *sites =
      stead_map_view_get_named_layer (stead_window_get_map_view (window), "Partner sites");

    g_assert_true (STEAD_IS_MARKER_LAYER (sites));
    g_assert_cmpuint (stead_marker_layer_get_count (STEAD_MARKER_LAYER (sites)), ==,
                      count (ws, "SELECT count(*) FROM partners_site WHERE geom IS NOT NULL"));
    g_assert_cmpuint (stead_marker_layer_get_count (STEAD_MARKER_LAYER (sites)), >, 10);
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
    stead_test_iterate_until (stead_test_is_unmapped, page);
    gtk_editable_set_text (GTK_EDITABLE (search), "no such partner anywhere");
    wait.want = 0;
    stead_test_iterate_until (has_count, &wait);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (stead_window_get_map_view (window)),
                                               "partners.show-record", "x",
                                               sqlite3_column_int64 (stmt, 0)));
    stead_test_iterate_until (stead_test_is_mapped, page);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
    name_row = stead_test_find_by_label (stead_test_find_by_name (page, "detail"), "Name");
    g_assert_nonnull (name_row);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==,
                     (const char *) sqlite3_column_text (stmt, 1));
  }

  /* The network view has the core and its agreements. */
  {
    GtkWidget *network = stead_test_find_by_name (page, "network");

    g_assert_nonnull (network);
    gtk_toggle_button_set_active (
      GTK_TOGGLE_BUTTON (stead_test_find_by_name (page, "network-toggle")), TRUE);
    stead_test_iterate_until (stead_test_is_mapped, network);
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
  matrix = stead_test_find_by_name (page, "matrix");
  g_assert_nonnull (matrix);
  stead_test_iterate_until (stead_test_is_mapped, matrix);
  model = G_LIST_MODEL (
    gtk_column_view_get_model (GTK_COLUMN_VIEW (stead_test_find_by_name (page, "records"))));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==,
                    count (ws, "SELECT count(*) FROM risks_risk"));

  /* Clicking the cell likelihood 4, impact 3 shows only its risks. */
  g_signal_emit_by_name (matrix, "cell-activated", 4, 3);
  wait.model = model;
  wait.want = count (ws, "SELECT count(*) FROM risks_risk WHERE likelihood = 4 AND impact = 3");
  g_assert_cmpuint (wait.want, >, 0);
  stead_test_iterate_until (has_count, &wait);
  g_signal_emit_by_name (matrix, "cell-activated", 0, 0);
  wait.want = count (ws, "SELECT count(*) FROM risks_risk");
  stead_test_iterate_until (has_count, &wait);

  /* Searching "overdue" finds the risks whose review date has passed. */
  gtk_editable_set_text (GTK_EDITABLE (stead_test_find_by_name (page, "search")), "overdue");
  wait.want =
    count (ws, "SELECT count(*) FROM risks_risk WHERE review < date ('now', 'localtime')");
  g_assert_cmpuint (wait.want, >, 0);
  stead_test_iterate_until (has_count, &wait);
  gtk_editable_set_text (GTK_EDITABLE (stead_test_find_by_name (page, "search")), "");

  /* Dragging R03 to likelihood 4 re-scores it, keeping history. */
  id = count (ws, "SELECT id FROM risks_risk WHERE reference = 'R03'");
  g_signal_emit_by_name (matrix, "risk-moved", id, 4, 5);
  /* It asks why first (tests/ui/test-risks-page.c tries that fully). */
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
    AdwMessageDialog *dialog = NULL;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
        dialog = l->data;
    g_assert_nonnull (dialog);
    gtk_editable_set_text (
      GTK_EDITABLE (stead_test_find_by_label (GTK_WIDGET (dialog), "Why (for the history)")),
      "Moved on the matrix");
    adw_message_dialog_response (dialog, "save");
    gtk_window_close (GTK_WINDOW (dialog));
  }
  g_assert_cmpint (count (ws, "SELECT likelihood FROM risks_risk WHERE reference = 'R03'"), ==, 4);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM risks_review v JOIN risks_risk r ON r.id = "
                              "v.risk "
                              "WHERE r.reference = 'R03' AND v.note = 'Moved on the matrix'"),
                   ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (count (ws, "SELECT likelihood FROM risks_risk WHERE reference = 'R03'"), ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* File ▸ Report…: one PDF of every enabled plugin's sections, and a
 * failed write leaves the file that was there. */
static void
test_report_from_window (void)
{
  SteadWindow *window = open_window ("report.gpkg", TRUE);
  g_autofree char *path = g_build_filename (tmp_dir, "report.pdf", NULL);
  g_autofree char *text_path = g_build_filename (tmp_dir, "report.txt", NULL);
  g_autofree char *command = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent/folder/report.pdf");
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  int status;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.report", NULL));
  g_assert_true (stead_window_write_report (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &pdf, &length, &error));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  command = g_strdup_printf ("pdftotext -layout '%s' '%s'", path, text_path);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_get_contents (text_path, &text, NULL, &error));
  g_assert_nonnull (strstr (text, "Partners and agreements"));
  g_assert_nonnull (strstr (text, "Community risk register"));
  g_assert_nonnull (strstr (text, "Partnershire"));

  g_assert_false (stead_window_write_report (window, nowhere, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Never over the workspace itself, which stays a workspace. */
  {
    SteadWorkspace *ws = stead_window_get_workspace (window);
    g_autoptr(GFile) ws_file = g_file_new_for_path (stead_workspace_get_path (ws));
    g_autofree char *head = NULL;

    g_assert_false (stead_window_write_report (window, ws_file, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
    g_assert_true (g_file_get_contents (stead_workspace_get_path (ws), &head, NULL, NULL));
    g_assert_true (g_str_has_prefix (head, "SQLite format 3"));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *enabled[] = { "partners", "risks", NULL };

  app = stead_test_app_new (&argc, &argv, enabled, &tmp_dir);

  g_test_add_func ("/ui/partners/empty-state", test_empty_state);
  g_test_add_func ("/ui/partners/list-search-filter-edit", test_list_search_filter_edit);
  g_test_add_func ("/ui/risks/matrix-register", test_risks_page);
  g_test_add_func ("/ui/report/from-window", test_report_from_window);

  return stead_test_app_run (app, tmp_dir);
}
