/* test-evaluation-needs.c: the Evaluation page's Need over Time view
 * counts off the main thread, agrees with counts of the test's own SQL,
 * counts again for another period, says when a period has no need, and
 * compares the demo's flood week with the same week a year before
 * (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stead-test-util.h"

static SteadApplication *app;
static char *tmp_dir;

static GtkWidget *
show_view (SteadWindow *window)
{
  GtkWidget *page = stead_window_get_page (window, "evaluation.assessments");
  GtkWidget *toggle, *view;

  g_assert_nonnull (page);
  stead_window_show_page (window, "evaluation.assessments");
  stead_test_iterate_until (stead_test_is_mapped, page);
  toggle = stead_test_find_by_name (page, "view-needs");
  g_assert_nonnull (toggle);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  view = stead_test_find_by_name (page, "needs");
  g_assert_nonnull (view);
  stead_test_iterate_until (stead_test_is_mapped, view);
  return view;
}

static gboolean
is_idle (gpointer view)
{
  gboolean busy;

  g_object_get (view, "busy", &busy, NULL);
  return !busy;
}

static gboolean
is_busy (GtkWidget *view)
{
  return !is_idle (view);
}

static SteadChart *
chart_of (GtkWidget  *view,
          const char *name)
{
  GtkWidget *chart_view = stead_test_find_by_name (view, name);

  g_assert_nonnull (chart_view);
  return stead_chart_view_get_chart (STEAD_CHART_VIEW (chart_view));
}

static void
set_entry (GtkWidget  *view,
           const char *name,
           const char *text)
{
  GtkWidget *entry = stead_test_find_by_name (view, name);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "apply");
}

static const char *
entry_text (GtkWidget  *view,
            const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (stead_test_find_by_name (view, name)));
}

/* Custom dates: the view counts again (busy at once), then shows. */
static void
set_period (GtkWidget  *view,
            const char *from,
            const char *to)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (stead_test_find_by_name (view, "period")), 2);
  set_entry (view, "from", from);
  set_entry (view, "to", to);
  g_assert_true (is_busy (view));
  stead_test_iterate_until (is_idle, view);
}

/* The test's own count: needs opened in the UK month @year-@month. */
static gint64
count_month (SteadWorkspace *ws,
             int             year,
             int             month)
{
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  g_autoptr(GDateTime) first = g_date_time_new (london, year, month, 1, 0, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_add_months (first, 1);
  g_autoptr(GDateTime) first_utc = g_date_time_to_utc (first);
  g_autoptr(GDateTime) next_utc = g_date_time_to_utc (next);
  g_autofree char *from = g_date_time_format (first_utc, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *to = g_date_time_format (next_utc, "%Y-%m-%dT%H:%M:%SZ");

  return stead_workspace_query_int64 (ws,
                                      "SELECT count (*) FROM need "
                                      "WHERE julianday (opened) >= julianday (?1) "
                                      "AND julianday (opened) < julianday (?2)",
                                      STEAD_ARGS (STEAD_STRING (from), STEAD_STRING (to)));
}

/* The test's own count: needs opened from the UK day @first to @last. */
static gint64
count_days (SteadWorkspace *ws,
            int             year,
            int             month,
            int             day,
            int             days)
{
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  g_autoptr(GDateTime) first = g_date_time_new (london, year, month, day, 0, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_add_days (first, days);
  g_autoptr(GDateTime) first_utc = g_date_time_to_utc (first);
  g_autoptr(GDateTime) next_utc = g_date_time_to_utc (next);
  g_autofree char *from = g_date_time_format (first_utc, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *to = g_date_time_format (next_utc, "%Y-%m-%dT%H:%M:%SZ");

  return stead_workspace_query_int64 (ws,
                                      "SELECT count (*) FROM need "
                                      "WHERE julianday (opened) >= julianday (?1) "
                                      "AND julianday (opened) < julianday (?2)",
                                      STEAD_ARGS (STEAD_STRING (from), STEAD_STRING (to)));
}

static const char *
first_difference (GtkWidget *view)
{
  GtkWidget *first = gtk_widget_get_first_child (stead_test_find_by_name (view, "differences"));

  g_assert_nonnull (first);
  return gtk_label_get_text (GTK_LABEL (first));
}

static void
test_needs_view (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "demo.gpkg", NULL);
  SteadWindow *window = stead_test_open_window (app, path, "Partnershire", 50);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *view = show_view (window);
  GtkWidget *empty = stead_test_find_by_name (view, "empty");
  SteadChart *volume;
  guint n;

  /* Shown, it counts off the main thread with a spinner, then shows. */
  stead_test_iterate_until (is_idle, view);
  g_assert_nonnull (chart_of (view, "volume-chart"));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    /* The last twelve months hold the demo's flood until mid-2027. */
    if (g_date_time_get_year (now) * 100 + g_date_time_get_month (now) < 202707)
      g_assert_cmpstr (entry_text (view, "incident-from"), ==, "2026-07-20");
  }

  /* Twelve months by month: every month's opened needs, counted here. */
  set_period (view, "2025-12-01", "2026-11-30");
  volume = chart_of (view, "volume-chart");
  g_assert_cmpuint (stead_chart_get_n_categories (volume), ==, 12);
  g_assert_cmpstr (stead_chart_get_category (volume, 0), ==, "Dec 2025");
  g_assert_cmpstr (stead_chart_get_category (volume, 11), ==, "Nov 2026");
  for (guint i = 0; i < 12; i++)
    {
      int year = i == 0 ? 2025 : 2026, month = i == 0 ? 12 : (int) i;

      g_assert_cmpfloat (stead_chart_get_value (volume, 0, i), ==,
                         (double) count_month (ws, year, month));
    }
  g_assert_cmpfloat (stead_chart_get_value (volume, 0, 7), >, 0);   /* July: the flood */
  g_assert_false (gtk_widget_get_mapped (empty));

  /* The comparison: the flood week against the same week a year before. */
  g_assert_cmpstr (entry_text (view, "incident-from"), ==, "2026-07-20");
  g_assert_cmpstr (entry_text (view, "incident-to"), ==, "2026-07-26");
  g_assert_cmpstr (entry_text (view, "baseline-from"), ==, "2025-07-21");
  g_assert_cmpstr (entry_text (view, "baseline-to"), ==, "2025-07-27");
  {
    GtkWidget *differences = stead_test_find_by_name (view, "differences");
    GtkWidget *first = gtk_widget_get_first_child (differences);
    g_autofree char *expected = NULL;
    g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
    g_autoptr(GDateTime) monday = g_date_time_new (london, 2026, 7, 20, 0, 0, 0);
    g_autoptr(GDateTime) next = g_date_time_add_weeks (monday, 1);
    g_autoptr(GDateTime) monday_utc = g_date_time_to_utc (monday);
    g_autoptr(GDateTime) next_utc = g_date_time_to_utc (next);
    g_autofree char *from = g_date_time_format (monday_utc, "%Y-%m-%dT%H:%M:%SZ");
    g_autofree char *to = g_date_time_format (next_utc, "%Y-%m-%dT%H:%M:%SZ");
    gint64 week = stead_workspace_query_int64 (ws,
                                               "SELECT count (*) FROM need "
                                               "WHERE julianday (opened) >= julianday (?1) "
                                               "AND julianday (opened) < julianday (?2)",
                                               STEAD_ARGS (STEAD_STRING (from),
                                                           STEAD_STRING (to)));

    /* Most notable first: all needs, as counted here. */
    g_assert_nonnull (first);
    expected = g_strdup_printf ("• All needs: %" G_GINT64_FORMAT " in the incident week against",
                                week);
    g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (first)), expected));
  }

  /* A comparison of the user's: two weeks of the flood against the same
   * two weeks a year before; Busiest Week goes back to the default. */
  {
    g_autofree char *expected = NULL;
    gint64 incident = count_days (ws, 2026, 7, 20, 14);

    set_entry (view, "incident-to", "2026-08-02");
    set_entry (view, "baseline-to", "2025-08-03");
    g_assert_true (is_busy (view));
    stead_test_iterate_until (is_idle, view);
    expected = g_strdup_printf ("• All needs: %" G_GINT64_FORMAT " in the incident period",
                                incident);
    g_assert_true (g_str_has_prefix (first_difference (view), expected));
    /* Changing the period keeps the user's comparison. */
    set_period (view, "2025-12-01", "2026-11-30");
    g_assert_cmpstr (entry_text (view, "incident-to"), ==, "2026-08-02");
    g_assert_true (g_str_has_prefix (first_difference (view), expected));

    g_signal_emit_by_name (stead_test_find_by_name (view, "busiest-week"), "clicked");
    stead_test_iterate_until (is_idle, view);
    g_assert_cmpstr (entry_text (view, "incident-to"), ==, "2026-07-26");
    g_assert_cmpstr (entry_text (view, "baseline-to"), ==, "2025-07-27");
  }

  /* Show on Map: the map, its wards shaded by the period's needs. */
  {
    GtkWidget *button = stead_test_find_by_name (view, "show-on-map");

    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
    stead_test_iterate (50);
    GWeakRef *ref = g_object_get_data (G_OBJECT (window), "evaluation-needs-layer");
    g_autoptr(SteadAreaLayer) layer = NULL;
    gint64 fid;
    double value;

    g_assert_cmpstr (stead_window_get_page_id (window), ==, "map");
    g_assert_nonnull (ref);
    layer = g_weak_ref_get (ref);
    g_assert_nonnull (layer);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (layer)));
    /* The busiest ward's shade is its count in the period's table. */
    fid = stead_workspace_query_int64 (ws, "SELECT fid FROM area WHERE kind = 'ward' AND "
                                       "name = ?1",
                                       STEAD_ARGS (STEAD_STRING (
                                         stead_chart_get_category (chart_of (view, "areas-chart"),
                                                                   0))));
    g_assert_cmpint (fid, >, 0);
    g_assert_true (stead_area_layer_get_value (layer, fid, &value));
    g_assert_cmpfloat (value, ==, stead_chart_get_value (chart_of (view, "areas-chart"), 0, 0));
    view = show_view (window);
    empty = stead_test_find_by_name (view, "empty");
  }

  /* Another period counts again: three months by month. */
  set_period (view, "2026-06-01", "2026-08-31");
  volume = chart_of (view, "volume-chart");
  n = stead_chart_get_n_categories (volume);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat (stead_chart_get_value (volume, 0, 1), ==,
                     (double) count_month (ws, 2026, 7));
  g_assert_cmpfloat (stead_chart_get_value (volume, 0, 2), ==,
                     (double) count_month (ws, 2026, 8));

  /* A preset counts again too, and a new period cancels the last. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (stead_test_find_by_name (view, "period")), 1);
  g_assert_true (is_busy (view));
  adw_combo_row_set_selected (ADW_COMBO_ROW (stead_test_find_by_name (view, "bucket")), 1);
  stead_test_iterate_until (is_idle, view);
  g_assert_nonnull (strstr (stead_chart_get_category (chart_of (view, "volume-chart"), 0),
                            "w/c "));

  /* No need in the period: the empty state says so. */
  set_period (view, "2019-01-01", "2019-12-31");
  stead_test_iterate_until (stead_test_is_mapped, empty);
  g_assert_true (gtk_widget_get_mapped (empty));

  /* A day that is not one: refused, named, nothing counted. */
  set_entry (view, "from", "2026-02-30");
  g_assert_true (is_idle (view));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (stead_test_find_by_name (view,
                                                                                    "status"))),
                            "“2026-02-30” is not a date"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A workspace with needs and no assessment yet: the empty state offers
 * Need over Time, which shows with its toolbar, and the empty state comes
 * back with the list. */
static void
test_needs_without_assessments (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "no-assessments.gpkg", NULL);
  SteadWindow *window = stead_test_open_window (app, path, "Partnershire", 50);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  g_autoptr(GError) error = NULL;
  GtkWidget *page, *button, *view, *stack;

  g_assert_cmpint (stead_workspace_edit (ws, "evaluation", "Remove the demo's assessments",
                                         "DELETE FROM evaluation_assessment", NULL, 0, &error),
                   >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (stead_workspace_count_rows (ws, "need"), >, 0);
  page = stead_window_get_page (window, "evaluation.assessments");
  stead_window_show_page (window, "evaluation.assessments");
  stead_test_iterate_until (stead_test_is_mapped, page);
  stack = stead_test_find_by_name (page, "records-stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");

  button = stead_test_find_by_name (page, "empty-needs");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_signal_emit_by_name (button, "clicked");
  view = stead_test_find_by_name (page, "needs");
  stead_test_iterate_until (stead_test_is_mapped, view);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "records");
  g_assert_true (gtk_widget_get_mapped (stead_test_find_by_name (page, "view-needs")));
  stead_test_iterate_until (is_idle, view);
  g_assert_nonnull (chart_of (view, "volume-chart"));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (stead_test_find_by_name (page, "view-list")),
                                TRUE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *enabled[] = { "partners", "evaluation", NULL };

  app = stead_test_app_new (&argc, &argv, enabled, &tmp_dir);

  g_test_add_func ("/ui/evaluation/needs", test_needs_view);
  g_test_add_func ("/ui/evaluation/needs-without-assessments", test_needs_without_assessments);

  return stead_test_app_run (app, tmp_dir);
}
