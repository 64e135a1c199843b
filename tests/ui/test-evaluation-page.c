/* test-evaluation-page.c: the Evaluation page as an officer scores a
 * statement, undoes it, compares two assessments and reads the actions
 * (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
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


/* A dimension's score in percent, by SQL from the stored scores: the mean
 * of its scored statements (ids "dimension.n") over the 0..3 scale. */
static double
oracle_percent (SteadWorkspace *ws,
                gint64          assessment,
                const char     *dimension)
{
  g_autofree char *like = g_strconcat (dimension, ".%", NULL);
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
    ws, "SELECT avg (score) * 100.0 / 3 FROM evaluation_score "
        "WHERE assessment = ?1 AND statement LIKE ?2 AND score IS NOT NULL", NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, assessment);
  sqlite3_bind_text (stmt, 2, like, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_type (stmt, 0) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 0);
}

static gint64
assessment_id (SteadWorkspace *ws,
               const char     *title)
{
  return stead_workspace_query_int64 (ws, "SELECT id FROM evaluation_assessment WHERE title = ?1",
                                      STEAD_ARGS (STEAD_STRING (title)));
}

/* The five features' dimensions, in the file's order. */
static const char * const five_ids[] = {
  "strategy", "intelligence", "management", "coordination", "operations", NULL
};
static const char * const five_titles[] = {
  "Strategy and leadership", "Intelligence", "Management systems",
  "Coordination and communication", "Operations", NULL
};

static SteadChart *
chart_named (GtkWidget  *page,
             const char *name)
{
  GtkWidget *view = stead_test_find_by_name (page, name);

  g_assert_nonnull (view);
  g_assert_true (STEAD_IS_CHART_VIEW (view));
  return stead_chart_view_get_chart (STEAD_CHART_VIEW (view));
}

/* Every spoke of @chart's @series is @assessment's dimension score. */
static void
assert_radar_series (SteadWorkspace *ws,
                     SteadChart     *chart,
                     guint           series,
                     gint64          assessment)
{
  g_assert_cmpint (stead_chart_get_kind (chart), ==, STEAD_CHART_RADAR);
  g_assert_cmpuint (stead_chart_get_n_categories (chart), ==, 5);
  for (guint d = 0; five_ids[d] != NULL; d++)
    {
      g_assert_cmpstr (stead_chart_get_category (chart, d), ==, five_titles[d]);
      g_assert_cmpfloat_with_epsilon (stead_chart_get_value (chart, series, d),
                                      oracle_percent (ws, assessment, five_ids[d]), 1e-9);
    }
}

/* The radar of the chosen assessment, beside its numbers, follows a score. */
static void
test_radar (void)
{
  SteadWindow *window = open_window ("radar.gpkg", 50);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_page (window);
  gint64 annual, first;
  SteadChart *chart;
  double before;

  stead_test_iterate_until (stead_test_is_mapped, stead_test_find_by_name (page, "records"));
  first = select_assessment (page, "First self-assessment");
  chart = chart_named (page, "assessment-chart");
  g_assert_cmpuint (stead_chart_get_n_series (chart), ==, 1);
  assert_radar_series (ws, chart, 0, first);
  /* The first had a statement of management systems unscored: 2 of 3. */
  g_assert_true (isfinite (stead_chart_get_value (chart, 0, 2)));

  annual = select_assessment (page, "Annual self-assessment");
  chart = chart_named (page, "assessment-chart");
  assert_radar_series (ws, chart, 0, annual);
  before = stead_chart_get_value (chart, 0, 0);

  /* Strategy 1 from good practice (2) to leading practice (3): a third of a step more. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (stead_test_find_by_name (page, "score-strategy.1")),
                              4);
  stead_test_iterate (100);
  chart = chart_named (page, "assessment-chart");
  g_assert_cmpfloat_with_epsilon (stead_chart_get_value (chart, 0, 0), before + 100.0 / 9, 1e-9);
  assert_radar_series (ws, chart, 0, annual);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Chooses the first item of the drop-down @name that starts with @prefix. */
static gboolean
drop_down_choose (GtkWidget  *page,
                  const char *name,
                  const char *prefix)
{
  GtkDropDown *drop = GTK_DROP_DOWN (stead_test_find_by_name (page, name));
  GtkStringList *items = GTK_STRING_LIST (gtk_drop_down_get_model (drop));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (items)), i = 0;

  while (i < n && !g_str_has_prefix (gtk_string_list_get_string (items, i), prefix))
    i++;
  if (i == n)
    return FALSE;
  gtk_drop_down_set_selected (drop, i);
  stead_test_iterate (50);
  return TRUE;
}

/* Comparison: two radars overlaid; trends: a chart a dimension, a point an
 * assessment; a framework assessed once has no trend yet. */
static void
test_view_charts (void)
{
  SteadWindow *window = open_window ("view-charts.gpkg", 50);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_page (window);
  gint64 first = assessment_id (ws, "First self-assessment");
  gint64 annual = assessment_id (ws, "Annual self-assessment");
  g_autoptr(sqlite3_stmt) dates = NULL;
  g_autoptr(GPtrArray) want_dates = g_ptr_array_new_with_free_func (g_free);
  SteadChart *chart;
  guint n;

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (stead_test_find_by_name (page,
                                                                            "view-compare")),
                                TRUE);
  stead_test_iterate (50);
  /* Listed by date: the demo's are days before today, as the workspace has them. */
  {
    g_autofree char *first_date = stead_test_text (
      ws, "SELECT date FROM evaluation_assessment WHERE title = 'First self-assessment'");
    g_autofree char *annual_date = stead_test_text (
      ws, "SELECT date FROM evaluation_assessment WHERE title = 'Annual self-assessment'");

    g_assert_true (drop_down_choose (page, "compare-before", first_date));
    g_assert_true (drop_down_choose (page, "compare-after", annual_date));
  }
  chart = chart_named (page, "compare-chart");
  g_assert_cmpuint (stead_chart_get_n_series (chart), ==, 2);
  assert_radar_series (ws, chart, 0, first);
  assert_radar_series (ws, chart, 1, annual);
  /* Two series, told apart by more than colour. */
  g_assert_cmpstr (stead_chart_series_colour (0), !=, stead_chart_series_colour (1));
  g_assert_null (stead_test_find_by_name (page, "compare-empty"));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (stead_test_find_by_name (page, "view-trends")),
                                TRUE);
  stead_test_iterate (50);
  g_assert_true (drop_down_choose (page, "trends-framework", "Features of effective"));
  /* The oracle: the five features' assessments, oldest first. */
  dates = stead_workspace_prepare (ws, "SELECT a.date, a.id FROM evaluation_assessment a "
                                       "JOIN evaluation_framework f ON f.id = a.framework "
                                       "WHERE f.key = 'five-features' ORDER BY a.date, a.id",
                                   NULL);
  while (sqlite3_step (dates) == SQLITE_ROW)
    g_ptr_array_add (want_dates, g_strdup ((const char *) sqlite3_column_text (dates, 0)));
  g_clear_pointer (&dates, sqlite3_finalize);
  g_assert_cmpuint (want_dates->len, ==, 2);
  for (guint d = 0; five_ids[d] != NULL; d++)
    {
      g_autofree char *name = g_strdup_printf ("trends-chart-%u", d);

      chart = chart_named (page, name);
      g_assert_cmpint (stead_chart_get_kind (chart), ==, STEAD_CHART_LINE);
      g_assert_cmpstr (stead_chart_get_title (chart), ==, five_titles[d]);
      n = stead_chart_get_n_categories (chart);
      g_assert_cmpuint (n, ==, want_dates->len);
      for (guint a = 0; a < n; a++)
        g_assert_cmpstr (stead_chart_get_category (chart, a), ==,
                         g_ptr_array_index (want_dates, a));
      g_assert_cmpfloat_with_epsilon (stead_chart_get_value (chart, 0, 0),
                                      oracle_percent (ws, first, five_ids[d]), 1e-9);
      g_assert_cmpfloat_with_epsilon (stead_chart_get_value (chart, 0, 1),
                                      oracle_percent (ws, annual, five_ids[d]), 1e-9);
    }
  g_assert_null (stead_test_find_by_name (page, "trends-chart-5"));

  /* The standards were assessed once. */
  g_assert_true (drop_down_choose (page, "trends-framework", "National Resilience"));
  g_assert_nonnull (stead_test_find_by_name (page, "trends-empty"));
  g_assert_null (stead_test_find_by_name (page, "trends-chart-0"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Nothing assessed: the views say what to do rather than show nothing. */
static void
test_empty_views (void)
{
  SteadWindow *window = open_window ("empty-views.gpkg", 0);
  GtkWidget *page = show_page (window);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (stead_test_find_by_name (page,
                                                                            "view-compare")),
                                TRUE);
  stead_test_iterate (50);
  g_assert_nonnull (stead_test_find_by_name (page, "compare-empty"));
  g_assert_nonnull (stead_test_find_by_text (page, "Score a Second Assessment to Compare"));
  g_assert_null (stead_test_find_by_name (page, "compare-chart"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (stead_test_find_by_name (page, "view-trends")),
                                TRUE);
  stead_test_iterate (50);
  g_assert_nonnull (stead_test_find_by_name (page, "trends-empty"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static AdwMessageDialog *
open_dialog (const char *heading)
{
  for (guint tries = 0; tries < 100; tries++)
    {
      g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

      for (GList *l = toplevels; l != NULL; l = l->next)
        if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_mapped (l->data) &&
            g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
          return l->data;
      stead_test_iterate (20);
    }
  g_error ("No dialog “%s” opened", heading);
}

/* An action added from a statement's row is about that statement, and the
 * actions view says so. */
static void
test_statement_action (void)
{
  SteadWindow *window = open_window ("statement-action.gpkg", 50);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_page (window);
  const char *about = "Strategy and leadership: Leaders of the partner organisations sponsor "
                      "the capability and commit resources to it.";
  AdwMessageDialog *dialog;
  gint64 id;

  stead_test_iterate_until (stead_test_is_mapped, stead_test_find_by_name (page, "records"));
  id = select_assessment (page, "Annual self-assessment");
  g_signal_emit_by_name (stead_test_find_by_name (page, "add-action-strategy.2"), "clicked");
  dialog = open_dialog ("Add Action");
  gtk_editable_set_text (GTK_EDITABLE (stead_test_find_by_name (GTK_WIDGET (dialog), "text")),
                         "Ask the fire service to name a sponsor");
  adw_message_dialog_response (dialog, "save");
  stead_test_iterate (100);
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM evaluation_action WHERE "
                                         "text = 'Ask the fire service to name a sponsor' AND "
                                         "statement = 'strategy.2' AND dimension = 'strategy'"),
                   ==, 1);
  g_assert_cmpint (stead_workspace_query_int64 (ws, "SELECT assessment FROM evaluation_action "
                                                    "WHERE statement = 'strategy.2'", NULL, 0),
                   ==, id);
  /* The editor's rows and the actions view say what it is about. */
  g_assert_nonnull (stead_test_find_by_text (page, "Ask the fire service to name a sponsor"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (
                     stead_test_find_by_name (page, "actions-strategy.2"))), ==,
                   "1 action agreed, listed below");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (
                     stead_test_find_by_name (page, "actions-strategy.1"))), ==,
                   "Agree what will be done about this statement.");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (stead_test_find_by_name (page,
                                                                            "view-actions")),
                                TRUE);
  stead_test_iterate (100);
  g_assert_nonnull (stead_test_find_by_text (page, about));
  /* One undo step. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  stead_test_iterate (100);
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM evaluation_action WHERE "
                                         "statement = 'strategy.2'"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A framework a plugin or the user put in a data directory is offered when
 * starting; a malformed one is named with its JSON path, and skipped. */
static char *frameworks_dir;

static void
test_offered_framework (void)
{
  SteadWindow *window = open_window ("offered.gpkg", 0);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_page (window);
  AdwMessageDialog *dialog;
  GtkWidget *row;
  GListModel *terms;
  const char *body;
  gboolean chosen = FALSE;

  g_signal_emit_by_name (stead_test_find_by_name (page, "start"), "clicked");
  dialog = open_dialog ("Start an Assessment");
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, frameworks_dir));
  g_assert_nonnull (strstr (body, "bad.json: "));
  g_assert_nonnull (strstr (body, "$.dimensions[0]"));
  row = stead_test_find_by_name (GTK_WIDGET (dialog), "framework");
  terms = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  /* The three shipped and the good file. */
  g_assert_cmpuint (g_list_model_get_n_items (terms), ==, 4);
  for (guint i = 0; i < g_list_model_get_n_items (terms); i++)
    {
      g_autoptr(SteadTerm) term = g_list_model_get_item (terms, i);

      if (g_str_equal (stead_term_get_label (term), "Plugin framework (version 2)"))
        {
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
          chosen = TRUE;
        }
    }
  g_assert_true (chosen);
  adw_message_dialog_response (dialog, "save");
  stead_test_iterate (100);
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM evaluation_assessment a "
                                         "JOIN evaluation_framework f ON f.id = a.framework "
                                         "WHERE f.key = 'plugin-framework'"), ==, 1);
  /* Its statement is there to score. */
  g_assert_nonnull (stead_test_find_by_name (page, "score-p.1"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
write_frameworks (const char *data_home)
{
  static const char good[] =
    "{ \"id\": \"plugin-framework\", \"title\": \"Plugin framework\", \"version\": \"2\", "
    "  \"source\": { \"citation\": \"A plugin\" }, \"licence\": \"CC0\", "
    "  \"scale\": { \"values\": [ {\"value\": 0, \"label\": \"No\"}, "
    "    {\"value\": 1, \"label\": \"Yes\"} ] }, "
    "  \"dimensions\": [ { \"id\": \"p\", \"title\": \"P\", "
    "    \"statements\": [ {\"id\": \"p.1\", \"text\": \"A plugin's statement\"} ] } ] }";
  /* A dimension without statements. */
  static const char bad[] =
    "{ \"id\": \"bad\", \"title\": \"Bad\", \"version\": \"1\", "
    "  \"source\": { \"citation\": \"A plugin\" }, \"licence\": \"CC0\", "
    "  \"scale\": { \"values\": [ {\"value\": 0, \"label\": \"No\"}, "
    "    {\"value\": 1, \"label\": \"Yes\"} ] }, "
    "  \"dimensions\": [ { \"id\": \"p\", \"title\": \"P\" } ] }";

  frameworks_dir = g_build_filename (data_home, "stead", "frameworks", NULL);
  g_assert_cmpint (g_mkdir_with_parents (frameworks_dir, 0700), ==, 0);
  g_object_unref (stead_test_write_file (frameworks_dir, "good.json", good));
  g_object_unref (stead_test_write_file (frameworks_dir, "bad.json", bad));
}

int
main (int   argc,
      char *argv[])
{
  const char *enabled[] = { "partners", "evaluation", NULL };
  g_autofree char *data_home = g_dir_make_tmp ("stead-frameworks-XXXXXX", NULL);
  int status;

  /* Before anything reads it: where the user's frameworks are. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  write_frameworks (data_home);
  app = stead_test_app_new (&argc, &argv, enabled, &tmp_dir);

  g_test_add_func ("/ui/evaluation/empty-start", test_empty_start);
  g_test_add_func ("/ui/evaluation/score-undo", test_score_undo);
  g_test_add_func ("/ui/evaluation/views", test_views);
  g_test_add_func ("/ui/evaluation/radar", test_radar);
  g_test_add_func ("/ui/evaluation/view-charts", test_view_charts);
  g_test_add_func ("/ui/evaluation/empty-views", test_empty_views);
  g_test_add_func ("/ui/evaluation/statement-action", test_statement_action);
  g_test_add_func ("/ui/evaluation/offered-framework", test_offered_framework);

  status = stead_test_app_run (app, tmp_dir);
  stead_test_rm_rf (data_home);
  g_free (frameworks_dir);
  return status;
}
