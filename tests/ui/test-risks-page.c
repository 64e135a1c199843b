/* test-risks-page.c: the Risks page as an officer re-scores, starts and
 * publishes a register (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "stead-test-util.h"
#include "stead-window-private.h"

static SteadApplication *app;
static char *tmp_dir;

#define count stead_test_count

static SteadWindow *
open_window (const char *name,
             gboolean    demo)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

  return stead_test_open_window (app, path, "Partnershire", demo ? 50 : 0);
}

/* The message dialog (a form, a choice) open now whose heading is @heading. */
static AdwMessageDialog *
find_dialog (const char *heading)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      return l->data;
  return NULL;
}

/* What a button of the dialog does: the response, then the dialog closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static gboolean
dialog_is_open (gpointer heading)
{
  return find_dialog (heading) != NULL;
}

static gboolean
dialog_is_closed (gpointer heading)
{
  return find_dialog (heading) == NULL;
}

/* The position of the risk @reference in the list shown, or G_MAXUINT. */
static guint
list_position (GListModel *model,
               const char *reference)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SteadRecord) record = g_list_model_get_item (model, i);

      if (g_strcmp0 (stead_record_get_string (record, "reference"), reference) == 0)
        return i;
    }
  return G_MAXUINT;
}

/* The band a cell is in and the date its review interval gives from
 * today, read from the tables and GDate: not through the page. */
static char *
expected_preview_part (SteadWorkspace *ws,
                       int             likelihood,
                       int             impact)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
    ws, "SELECT b.label, b.review_months FROM risks_band_matrix m JOIN risks_band b "
        "ON b.code = m.band WHERE m.likelihood = ?1 AND m.impact = ?2", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate date;
  char buf[16];

  sqlite3_bind_int (stmt, 1, likelihood);
  sqlite3_bind_int (stmt, 2, impact);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  g_date_add_months (&date, sqlite3_column_int (stmt, 1));
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
  return g_strdup_printf ("%s band, next review by %s", sqlite3_column_text (stmt, 0), buf);
}

/* Re-scoring from the detail pane: the dialog names each score's label
 * and previews the band and review date; the risk, re-scored out of the
 * cell the list is filtered to, stays selected and the page says why it
 * is still there; one undo puts it back. */
static void
test_rescore_keeps_risk (void)
{
  SteadWindow *window = open_window ("rescore.gpkg", TRUE);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = stead_window_get_page (window, "risks.register");
  GtkWidget *matrix, *info;
  GtkColumnView *view;
  GListModel *model;
  AdwMessageDialog *dialog;
  GtkWidget *preview, *likelihood;
  g_autofree char *expected = NULL;
  gint64 reviews;
  guint position;

  stead_window_show_page (window, "risks.register");
  matrix = stead_test_find_by_name (page, "matrix");
  stead_test_iterate_until (stead_test_is_mapped, matrix);
  view = GTK_COLUMN_VIEW (stead_test_find_by_name (page, "records"));
  model = G_LIST_MODEL (gtk_column_view_get_model (view));
  info = stead_test_find_by_name (page, "filter-info");
  g_assert_nonnull (info);

  /* Filtered to R05's cell (likelihood 3, impact 3), R05 selected. */
  g_assert_cmpint (count (ws, "SELECT likelihood * 10 + impact FROM risks_risk "
                              "WHERE reference = 'R05'"), ==, 33);
  g_signal_emit_by_name (matrix, "cell-activated", 3, 3);
  stead_test_iterate_until_count (
    model, count (ws, "SELECT count(*) FROM risks_risk WHERE likelihood = 3 AND impact = 3"));
  position = list_position (model, "R05");
  g_assert_cmpuint (position, !=, G_MAXUINT);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), position, TRUE);
  g_assert_false (gtk_widget_get_visible (info));

  /* The scores row names the labels of the shipped NRR scales. */
  {
    GtkWidget *scores = stead_test_find_by_name (page, "scores");
    const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (scores));

    g_assert_nonnull (strstr (title, "1–5%"));
    g_assert_nonnull (strstr (title, "Moderate"));
  }

  reviews = count (ws, "SELECT count(*) FROM risks_review");
  gtk_widget_activate (stead_test_find_by_name (page, "rescore"));
  stead_test_iterate_until (dialog_is_open, (gpointer) "Review the Scores");
  dialog = find_dialog ("Review the Scores");
  preview = stead_test_find_by_name (GTK_WIDGET (dialog), "preview");
  g_assert_nonnull (preview);
  expected = expected_preview_part (ws, 3, 3);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (preview)), expected));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (preview)), "Moderate"));

  /* Likelihood 4: the preview follows before anything is saved. */
  likelihood = stead_test_find_by_label (GTK_WIDGET (dialog), "Likelihood");
  g_assert_true (ADW_IS_COMBO_ROW (likelihood));
  {
    GListModel *choices = adw_combo_row_get_model (ADW_COMBO_ROW (likelihood));
    guint four = G_MAXUINT;

    for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
      {
        g_autoptr(SteadTerm) term = g_list_model_get_item (choices, i);

        /* Every choice says what it means, not a bare number. */
        g_assert_cmpuint (strlen (stead_term_get_label (term)), >, 4);
        if (g_str_equal (stead_term_get_code (term), "4"))
          four = i;
      }
    g_assert_cmpuint (four, !=, G_MAXUINT);
    adw_combo_row_set_selected (ADW_COMBO_ROW (likelihood), four);
  }
  g_free (expected);
  expected = expected_preview_part (ws, 4, 3);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (preview)), expected));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (preview)), "5–25%"));
  g_assert_cmpint (count (ws, "SELECT likelihood FROM risks_risk WHERE reference = 'R05'"), ==, 3);

  respond (dialog, "save");
  stead_test_iterate_until (dialog_is_closed, (gpointer) "Review the Scores");
  g_assert_cmpint (count (ws, "SELECT likelihood FROM risks_risk WHERE reference = 'R05'"), ==, 4);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM risks_review"), ==, reviews + 1);

  /* Still listed and selected, though no longer in the cell, and said so. */
  stead_test_iterate (100);
  position = list_position (model, "R05");
  g_assert_cmpuint (position, !=, G_MAXUINT);
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (model), position));
  g_assert_true (gtk_widget_get_visible (info));
  {
    const char *text = gtk_label_get_text (
      GTK_LABEL (stead_test_find_by_name (page, "filter-info-label")));

    g_assert_nonnull (strstr (text, "R05"));
    g_assert_nonnull (strstr (text, "no longer matches"));
  }

  /* Choosing another risk of the cell: R05 is still listed, still said why. */
  {
    guint other = position == 0 ? 1 : 0;

    g_assert_cmpuint (g_list_model_get_n_items (model), >, 1);
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), other, TRUE);
    g_assert_cmpuint (list_position (model, "R05"), !=, G_MAXUINT);
    g_assert_true (gtk_widget_get_visible (info));
  }

  /* Show All clears the filter and the line. */
  gtk_widget_activate (stead_test_find_by_name (page, "filter-info-clear"));
  stead_test_iterate_until_count (model, count (ws, "SELECT count(*) FROM risks_risk"));
  g_assert_false (gtk_widget_get_visible (info));

  /* One undo step: the scores and the history as they were. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (count (ws, "SELECT likelihood FROM risks_risk WHERE reference = 'R05'"), ==, 3);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM risks_review"), ==, reviews);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A drop on another cell asks why; Cancel changes nothing, Save keeps
 * the reason in the history as one undo step. */
static void
test_drag_asks_why (void)
{
  SteadWindow *window = open_window ("drag.gpkg", TRUE);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = stead_window_get_page (window, "risks.register");
  GtkWidget *matrix, *why;
  AdwMessageDialog *dialog;
  gint64 id, reviews;

  stead_window_show_page (window, "risks.register");
  matrix = stead_test_find_by_name (page, "matrix");
  stead_test_iterate_until (stead_test_is_mapped, matrix);
  id = count (ws, "SELECT id FROM risks_risk WHERE reference = 'R01'");
  reviews = count (ws, "SELECT count(*) FROM risks_review");

  g_signal_emit_by_name (matrix, "risk-moved", id, 5, 5);
  stead_test_iterate_until (dialog_is_open, (gpointer) "Review the Scores");
  dialog = find_dialog ("Review the Scores");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "R01"));
  respond (dialog, "cancel");
  stead_test_iterate_until (dialog_is_closed, (gpointer) "Review the Scores");
  g_assert_cmpint (count (ws, "SELECT count(*) FROM risks_risk WHERE reference = 'R01' "
                              "AND likelihood = 5 AND impact = 5"), ==, 0);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM risks_review"), ==, reviews);

  g_signal_emit_by_name (matrix, "risk-moved", id, 5, 5);
  stead_test_iterate_until (dialog_is_open, (gpointer) "Review the Scores");
  dialog = find_dialog ("Review the Scores");
  why = stead_test_find_by_label (GTK_WIDGET (dialog), "Why (for the history)");
  g_assert_nonnull (why);
  gtk_editable_set_text (GTK_EDITABLE (why), "Severn defences breached in the exercise");
  respond (dialog, "save");
  stead_test_iterate_until (dialog_is_closed, (gpointer) "Review the Scores");
  g_assert_cmpint (count (ws, "SELECT count(*) FROM risks_risk WHERE reference = 'R01' "
                              "AND likelihood = 5 AND impact = 5"), ==, 1);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM risks_review WHERE note = "
                              "'Severn defences breached in the exercise'"), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (count (ws, "SELECT count(*) FROM risks_risk WHERE reference = 'R01' "
                              "AND likelihood = 5 AND impact = 5"), ==, 0);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM risks_review"), ==, reviews);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The matrix's legend: each band of the register, the range bar and the
 * movement marker. */
static void
test_legend (void)
{
  SteadWindow *window = open_window ("legend.gpkg", TRUE);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = stead_window_get_page (window, "risks.register");
  GtkWidget *legend = stead_test_find_by_name (page, "legend");
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (ws, "SELECT label FROM risks_band",
                                                          NULL);
  guint n = 0;

  g_assert_true (GTK_IS_FLOW_BOX (legend));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_nonnull (stead_test_find_by_text (legend, (const char *) sqlite3_column_text (stmt,
                                                                                            0)));
      n++;
    }
  g_assert_cmpuint (n, >=, 4);
  g_assert_nonnull (stead_test_find_by_text (legend, "Range of scores"));
  g_assert_nonnull (stead_test_find_by_text (legend, "Moved since the last review"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The empty register offers the NRR 2023 starter set; the risks picked
 * are added, as in the shipped file, in one undo step. */
static void
test_starter_set (void)
{
  SteadWindow *window = open_window ("starter.gpkg", FALSE);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = stead_window_get_page (window, "risks.register");
  g_autofree char *data = g_test_build_filename (G_TEST_DIST, "..", "data", "risks",
                                                 "nrr-2023.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  JsonObject *root;
  JsonArray *risks;
  guint n;

  g_assert_true (json_parser_load_from_file (parser, data, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  /* It cites where it comes from and under what licence. */
  g_assert_nonnull (strstr (json_object_get_string_member (root, "source"),
                            "National Risk Register 2023"));
  g_assert_nonnull (strstr (json_object_get_string_member (root, "licence"),
                            "Open Government Licence"));
  risks = json_object_get_array_member (root, "risks");
  n = json_array_get_length (risks);
  g_assert_cmpuint (n, >=, 30);

  stead_window_show_page (window, "risks.register");
  g_assert_cmpint (count (ws, "SELECT count(*) FROM risks_risk"), ==, 0);
  gtk_widget_activate (stead_test_find_by_name (page, "starter"));
  stead_test_iterate_until (dialog_is_open, (gpointer) "Start from the National Risk Register");
  dialog = find_dialog ("Start from the National Risk Register");

  /* Every risk of the file is offered, chosen; two are left out. */
  for (guint i = 0; i < n; i++)
    {
      JsonObject *risk = json_array_get_object_element (risks, i);
      GtkWidget *check = stead_test_find_by_name (
        GTK_WIDGET (dialog), json_object_get_string_member (risk, "reference"));

      g_assert_true (GTK_IS_CHECK_BUTTON (check));
      g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
    }
  /* "All risks" off and on again chooses none, then every one. */
  {
    GtkWidget *all = stead_test_find_by_name (GTK_WIDGET (dialog), "starter-all");

    gtk_check_button_set_active (GTK_CHECK_BUTTON (all), FALSE);
    g_assert_false (gtk_check_button_get_active (
      GTK_CHECK_BUTTON (stead_test_find_by_name (GTK_WIDGET (dialog), "NRR-54"))));
    /* Nothing to add: Add Risks waits for a choice. */
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (all), TRUE);
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
    g_assert_true (gtk_check_button_get_active (
      GTK_CHECK_BUTTON (stead_test_find_by_name (GTK_WIDGET (dialog), "NRR-54"))));
  }
  gtk_check_button_set_active (
    GTK_CHECK_BUTTON (stead_test_find_by_name (GTK_WIDGET (dialog), "NRR-52")), FALSE);
  gtk_check_button_set_active (
    GTK_CHECK_BUTTON (stead_test_find_by_name (GTK_WIDGET (dialog), "NRR-C8")), FALSE);
  respond (dialog, "add");
  stead_test_iterate_until (dialog_is_closed, (gpointer) "Start from the National Risk Register");

  g_assert_cmpint (count (ws, "SELECT count(*) FROM risks_risk"), ==, n - 2);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM risks_risk WHERE reference IN "
                              "('NRR-52', 'NRR-C8')"), ==, 0);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM risks_risk WHERE status != 'draft'"), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *risk = json_array_get_object_element (risks, i);
      const char *reference = json_object_get_string_member (risk, "reference");
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (g_str_equal (reference, "NRR-52") || g_str_equal (reference, "NRR-C8"))
        continue;
      stmt = stead_workspace_prepare (ws, "SELECT title, theme, malicious FROM risks_risk "
                                          "WHERE reference = ?", NULL);
      sqlite3_bind_text (stmt, 1, reference, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==,
                       json_object_get_string_member (risk, "title"));
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==,
                       json_object_get_string_member (risk, "theme"));
      g_assert_cmpint (sqlite3_column_int (stmt, 2), ==,
                       json_object_get_boolean_member_with_default (risk, "malicious", FALSE));
    }
  /* Every theme is one of the active scheme's, so the theme row shows it. */
  g_assert_cmpint (count (ws, "SELECT count(*) FROM risks_risk WHERE theme NOT IN "
                              "(SELECT label FROM risks_theme)"), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (count (ws, "SELECT count(*) FROM risks_risk"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
page_is_gone (gpointer window)
{
  return stead_window_get_page (window, "risks.register") == NULL;
}

static gboolean
page_is_back (gpointer window)
{
  return stead_window_get_page (window, "risks.register") != NULL;
}

/* A hazard area of a risk and one that is no plugin's, each with a point
 * inside it (the middle of its box, checked by picking it). */
static gint64
pick_at_centre (SteadAreaLayer *areas,
                SteadWorkspace *ws,
                gint64          fid)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
    ws, "SELECT (ST_MinX (geom) + ST_MaxX (geom)) / 2, (ST_MinY (geom) + ST_MaxY (geom)) / 2 "
        "FROM area WHERE fid = ?", NULL);

  sqlite3_bind_int64 (stmt, 1, fid);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return stead_area_layer_pick_area (areas, sqlite3_column_double (stmt, 0),
                                     sqlite3_column_double (stmt, 1));
}

/* Switching Risks off in Preferences takes its page and its hazard areas
 * off the map (areas that are no plugin's stay); on again, they are back. */
static void
test_disabled_plugin_leaves_map (void)
{
  SteadWindow *window = open_window ("disable.gpkg", TRUE);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  SteadAreaLayer *areas = stead_map_view_get_area_layer (stead_window_get_map_view (window));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) before = g_settings_get_strv (settings, "enabled-plugins");
  const char *without_risks[] = { "partners", NULL };
  gint64 hazard, other = 0;

  /* A risk's hazard area whose middle is inside it; and the core's flood zone. */
  {
    g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
      ws, "SELECT area FROM risks_hazard ORDER BY area", NULL);

    hazard = 0;
    while (hazard == 0 && sqlite3_step (stmt) == SQLITE_ROW)
      if (pick_at_centre (areas, ws, sqlite3_column_int64 (stmt, 0)) ==
          sqlite3_column_int64 (stmt, 0))
        hazard = sqlite3_column_int64 (stmt, 0);
  }
  g_assert_cmpint (hazard, >, 0);
  {
    g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
      ws, "SELECT fid FROM area WHERE kind = 'hazard' AND fid NOT IN "
          "(SELECT area FROM risks_hazard) ORDER BY fid", NULL);

    while (other == 0 && sqlite3_step (stmt) == SQLITE_ROW)
      if (pick_at_centre (areas, ws, sqlite3_column_int64 (stmt, 0)) ==
          sqlite3_column_int64 (stmt, 0))
        other = sqlite3_column_int64 (stmt, 0);
  }

  g_settings_set_strv (settings, "enabled-plugins", without_risks);
  stead_test_iterate_until (page_is_gone, window);
  g_assert_cmpint (pick_at_centre (areas, ws, hazard), !=, hazard);
  if (other != 0)
    g_assert_cmpint (pick_at_centre (areas, ws, other), ==, other);
  /* Still in the file: nothing was removed. */
  g_assert_cmpint (count (ws, "SELECT count(*) FROM area WHERE fid IN "
                              "(SELECT area FROM risks_hazard)"), >, 0);

  g_settings_set_strv (settings, "enabled-plugins", (const char * const *) before);
  stead_test_iterate_until (page_is_back, window);
  g_assert_cmpint (pick_at_centre (areas, ws, hazard), ==, hazard);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Export offers the format of the page in view and a file name from the
 * area, what it holds and the date. */
static void
test_export_defaults (void)
{
  SteadWindow *window = open_window ("export.gpkg", TRUE);
  g_autoptr(GPtrArray) exporters = stead_export_list_exporters (
    stead_application_get_plugin_engine (app));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  SteadExporter *pdf = stead_export_find_exporter (exporters, "risks-pdf", NULL);
  g_autofree char *name = NULL;
  guint position;

  stead_window_show_page (window, "risks.register");
  position = stead_window_suggest_export_format (window, exporters);
  g_assert_cmpstr (stead_exporter_get_owner (g_ptr_array_index (exporters, position)), ==,
                   "risks");
  stead_window_show_page (window, "partners.directory");
  position = stead_window_suggest_export_format (window, exporters);
  g_assert_cmpstr (stead_exporter_get_owner (g_ptr_array_index (exporters, position)), ==,
                   "partners");
  stead_window_show_page (window, "map");
  position = stead_window_suggest_export_format (window, exporters);
  g_assert_cmpstr (stead_exporter_get_owner (g_ptr_array_index (exporters, position)), ==,
                   "core");

  name = stead_window_suggest_export_name (window, pdf);
  g_assert_true (g_str_has_prefix (name, "Partnershire"));
  g_assert_nonnull (strstr (name, "Risk matrix and register"));
  g_assert_null (strstr (name, "(PDF)"));
  g_assert_nonnull (strstr (name, today));
  g_assert_true (g_str_has_suffix (name, ".pdf"));
  g_assert_true (stead_window_exporter_has_option (pdf, "marking"));

  /* The toast after saving offers to open the file. */
  {
    g_autoptr(GFile) file = g_file_new_for_path ("/tmp/x.pdf");
    g_autoptr(AdwToast) toast = g_object_ref_sink (
      stead_window_saved_toast_new (window, "Exported to %s", file));

    g_assert_cmpstr (adw_toast_get_title (toast), ==, "Exported to x.pdf");
    g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Open");
  }

  /* The partnership report carries the marking chosen. */
  {
    g_autofree char *path = g_build_filename (tmp_dir, "marked.pdf", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;

    g_assert_true (stead_window_write_report_marked (window, file, "OFFICIAL-SENSITIVE", &error));
    g_assert_no_error (error);
    if (stead_test_have_poppler ())
      {
        g_autofree char *text = stead_test_pdf_text (path, 3);

        g_assert_nonnull (strstr (text, "OFFICIAL-SENSITIVE"));
        g_assert_nonnull (strstr (text, "Page 3 of"));
      }
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *enabled[] = { "partners", "risks", NULL };

  app = stead_test_app_new (&argc, &argv, enabled, &tmp_dir);

  g_test_add_func ("/ui/risks/rescore-keeps-risk", test_rescore_keeps_risk);
  g_test_add_func ("/ui/risks/drag-asks-why", test_drag_asks_why);
  g_test_add_func ("/ui/risks/legend", test_legend);
  g_test_add_func ("/ui/risks/starter-set", test_starter_set);
  g_test_add_func ("/ui/risks/disabled-plugin-leaves-map", test_disabled_plugin_leaves_map);
  g_test_add_func ("/ui/risks/export-defaults", test_export_defaults);

  return stead_test_app_run (app, tmp_dir);
}
