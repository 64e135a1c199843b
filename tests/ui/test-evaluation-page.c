/* test-evaluation-page.c: the Evaluation page as an officer scores a
 * statement, undoes it, compares two assessments and reads the actions
 * (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stead-test-util.h"

static SteadApplication *app;
static char *tmp_dir;

static SteadWindow *
open_window (const char *name,
             guint       demo_scale)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

  return stead_test_open_window (app, path, "Partnershire", demo_scale);
}

static GtkWidget *
show_page (SteadWindow *window)
{
  GtkWidget *page = stead_window_get_page (window, "evaluation.assessments");
  g_assert_nonnull (page);
  stead_window_show_page (window, "evaluation.assessments");
  stead_test_iterate_until (stead_test_is_mapped, page);
  return page;
}

static gint64
select_assessment (GtkWidget  *page,
                   const char *title)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (stead_test_find_by_name (page, "records"));
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SteadRecord) record = g_list_model_get_item (model, i);

      if (g_strcmp0 (stead_record_get_title (record), title) == 0)
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), i, TRUE);
          stead_test_iterate (50);
          return stead_record_get_id (record);
        }
    }
  g_error ("No assessment “%s” listed", title);
}

static gint64
score_of (SteadWorkspace *ws,
          gint64          assessment,
          const char     *statement)
{
  return stead_workspace_query_int64 (ws,
                                      "SELECT coalesce (score, -1) FROM evaluation_score "
                                      "WHERE assessment = ?1 AND statement = ?2",
                                      STEAD_ARGS (STEAD_INT (assessment),
                                                  STEAD_STRING (statement)));
}

/* A new workspace: the empty state offers to start, and starting gives
 * an assessment with every statement to score. */
static void
test_empty_start (void)
{
  SteadWindow *window = open_window ("empty.gpkg", 0);
  GtkWidget *page = show_page (window);
  GtkWidget *start = stead_test_find_by_name (page, "start");

  g_assert_nonnull (start);
  stead_test_iterate_until (stead_test_is_mapped, start);
  g_assert_true (gtk_widget_get_mapped (start));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_score_undo (void)
{
  SteadWindow *window = open_window ("demo.gpkg", 50);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_page (window);
  gint64 id;

  stead_test_iterate_until (stead_test_is_mapped, stead_test_find_by_name (page, "records"));
  id = select_assessment (page, "Annual self-assessment");
  GtkWidget *score = stead_test_find_by_name (page, "score-strategy.1");
  GtkWidget *evidence = stead_test_find_by_name (page, "evidence-strategy.1");

  g_assert_nonnull (score);
  /* The demo's score shows: Good practice, the third of the scale after "Not scored". */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (score)), ==, 3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (evidence)), ==,
                   "Capability strategy endorsed by the strategic board in March.");

  adw_combo_row_set_selected (ADW_COMBO_ROW (score), 4);
  stead_test_iterate (50);
  g_assert_cmpint (score_of (ws, id, "strategy.1"), ==, 3);

  /* One undo step, and the editor follows it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  stead_test_iterate (100);
  g_assert_cmpint (score_of (ws, id, "strategy.1"), ==, 2);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (score)), ==, 3);

  /* Not scored clears the score, and keeps the evidence. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (score), 0);
  stead_test_iterate (50);
  g_assert_cmpint (score_of (ws, id, "strategy.1"), ==, -1);
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM evaluation_score WHERE "
                                         "statement = 'strategy.1' AND evidence LIKE "
                                         "'Capability strategy%' AND score IS NULL"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_views (void)
{
  SteadWindow *window = open_window ("views.gpkg", 50);
  GtkWidget *page = show_page (window);
  GtkToggleButton *compare = GTK_TOGGLE_BUTTON (stead_test_find_by_name (page, "view-compare"));
  GtkToggleButton *trends = GTK_TOGGLE_BUTTON (stead_test_find_by_name (page, "view-trends"));
  GtkToggleButton *actions = GTK_TOGGLE_BUTTON (stead_test_find_by_name (page, "view-actions"));
  GtkColumnView *list;

  gtk_toggle_button_set_active (compare, TRUE);
  stead_test_iterate (50);
  /* The latest two are chosen: the standards' and the five features' are of
   * different frameworks, so choose the two five-features ones. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (stead_test_find_by_name (page, "compare-before")),
                              0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (stead_test_find_by_name (page, "compare-after")),
                              2);
  stead_test_iterate (50);
  g_assert_nonnull (stead_test_find_by_text (page, "Statements That Moved"));
  g_assert_nonnull (stead_test_find_by_text (page, "up by 22 points"));
  g_assert_nonnull (stead_test_find_by_text (page, "Rota lapsed over the summer; needs went "
                                                    "unmet for two days."));

  gtk_toggle_button_set_active (trends, TRUE);
  stead_test_iterate (50);
  g_assert_nonnull (stead_test_find_by_text (page, "Trends per Dimension"));

  gtk_toggle_button_set_active (actions, TRUE);
  stead_test_iterate (50);
  list = GTK_COLUMN_VIEW (stead_test_find_by_name (page, "actions-list"));
  /* Open ones only, by due date. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (list))),
                    ==, 4);
  g_assert_nonnull (stead_test_find_by_text (page, "4 actions open, of which 2 overdue."));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *enabled[] = { "partners", "evaluation", NULL };

  app = stead_test_app_new (&argc, &argv, enabled, &tmp_dir);

  g_test_add_func ("/ui/evaluation/empty-start", test_empty_start);
  g_test_add_func ("/ui/evaluation/score-undo", test_score_undo);
  g_test_add_func ("/ui/evaluation/views", test_views);

  return stead_test_app_run (app, tmp_dir);
}
