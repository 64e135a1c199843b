/* test-needs-page.c: the Needs page, the map popover's actions and the position entry (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

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
             guint       scale)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

  return stead_test_open_window (app, path, "Needshire", scale);
}

static GListModel *
shown_of (GtkWidget *page)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (stead_test_find_by_name (page, "records"));

  return G_LIST_MODEL (gtk_column_view_get_model (view));
}

static void
wait_for_count (GListModel *model,
                gint64      want)
{
  CountWait wait = { model, (guint) want };

  stead_test_iterate_until (has_count, &wait);
}

/* Whether any label under @root shows @text. */
static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  if (GTK_IS_EDITABLE (root) && strstr (gtk_editable_get_text (GTK_EDITABLE (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

/* The last toplevel that is a message dialog: the form just presented. */
static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = ADW_MESSAGE_DIALOG (window);
    }
  return found;
}

/* An empty workspace: the page says how to start, in the sidebar after
 * the map. */
static void
test_empty (void)
{
  SteadWindow *window = open_window ("empty.gpkg", 0);
  GtkWidget *page = stead_window_get_page (window, "core.needs");
  GtkWidget *stack;

  g_assert_nonnull (page);
  g_assert_nonnull (stead_window_get_page (window, "core.resources"));
  stack = stead_test_find_by_name (page, "records-stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  g_assert_nonnull (stead_test_find_by_label (page, "Add Need"));
  /* Resources come from partners' sites and imports: no Add to a dead end. */
  page = stead_window_get_page (window, "core.resources");
  stack = stead_test_find_by_name (page, "records-stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  g_assert_false (gtk_widget_get_visible (stead_test_find_by_name (page, "empty-add")));
  g_assert_true (gtk_widget_get_visible (stead_test_find_by_name (page, "empty-import")));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every need listed; each filter lists what its own count says; a filter
 * that leaves none says so, not "no needs yet". */
static void
test_filters (void)
{
  SteadWindow *window = open_window ("filters.gpkg", 60);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = stead_window_get_page (window, "core.needs");
  GListModel *shown;
  GtkDropDown *status, *urgency;
  GtkWidget *stack;

  stead_window_show_page (window, "core.needs");
  shown = shown_of (page);
  wait_for_count (shown, count (ws, "SELECT count(*) FROM need"));
  status = GTK_DROP_DOWN (stead_test_find_by_name (page, "status-filter"));
  urgency = GTK_DROP_DOWN (stead_test_find_by_name (page, "urgency-filter"));
  /* All, Open or Assigned, Open, Assigned, Met, Closed, Cancelled */
  gtk_drop_down_set_selected (status, 5);
  wait_for_count (shown, count (ws, "SELECT count(*) FROM need WHERE status = 'closed'"));
  gtk_drop_down_set_selected (status, 4);
  wait_for_count (shown, count (ws, "SELECT count(*) FROM need WHERE status = 'met'"));
  /* Any, Critical, High, Medium, Low */
  gtk_drop_down_set_selected (urgency, 3);
  wait_for_count (shown, count (ws, "SELECT count(*) FROM need WHERE status = 'met' "
                                    "AND urgency = 2"));
  /* The button of the other filters says one is on. */
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (
                     stead_test_find_by_name (page, "more-filters"))),
                   ==, "_Filters (1)");
  gtk_drop_down_set_selected (status, 6);
  gtk_drop_down_set_selected (urgency, 1);
  wait_for_count (shown, count (ws, "SELECT count(*) FROM need WHERE status = 'cancelled' "
                                    "AND urgency = 4"));
  if (g_list_model_get_n_items (shown) == 0)
    {
      stack = stead_test_find_by_name (page, "records-stack");
      g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "records");
    }
  gtk_drop_down_set_selected (status, 0);
  gtk_drop_down_set_selected (urgency, 0);
  wait_for_count (shown, count (ws, "SELECT count(*) FROM need"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The columns are sized to the needs once they are in, not to the empty
 * list the page starts with: a date and a partner's name are whole. */
static void
test_columns_fit (void)
{
  SteadWindow *window = open_window ("columns.gpkg", 60);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = stead_window_get_page (window, "core.needs");
  GtkColumnView *view;
  g_autofree char *name = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  GtkColumnViewColumn *opened, *assignee;
  int date_px, name_px;

  stead_window_show_page (window, "core.needs");
  wait_for_count (shown_of (page), count (ws, "SELECT count(*) FROM need"));
  view = GTK_COLUMN_VIEW (stead_test_find_by_name (page, "records"));
  /* The shortest partner name any need is assigned to: one that fits. */
  name = stead_test_text (ws, "SELECT o.name FROM need n JOIN partners_organisation o "
                              "ON o.id = n.assignee ORDER BY length (o.name) LIMIT 1");
  g_assert_nonnull (name);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (view), "2026-10-31");
  pango_layout_get_pixel_size (layout, &date_px, NULL);
  pango_layout_set_text (layout, name, -1);
  pango_layout_get_pixel_size (layout, &name_px, NULL);
  opened = stead_test_column_titled (view, "Opened");
  assignee = stead_test_column_titled (view, "Assigned to");
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (opened), >=, date_px + 16);
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (assignee), >=, MIN (name_px + 16, 180));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog () == NULL;
}

/* Add a need by grid reference: a bad position keeps Save off and says
 * why; the need is in the file, selected; one undo removes it. */
static void
test_add_assign_status (void)
{
  SteadWindow *window = open_window ("add.gpkg", 30);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = stead_window_get_page (window, "core.needs");
  GtkWidget *records = stead_test_find_by_name (page, "needs");
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *position, *kind;
  gint64 before = count (ws, "SELECT count(*) FROM need");
  gint64 fid, org;
  GListModel *shown;

  stead_window_show_page (window, "core.needs");
  shown = shown_of (page);
  wait_for_count (shown, before);
  g_signal_emit_by_name (records, "add");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  position = stead_test_find_by_name (GTK_WIDGET (dialog), "position");
  kind = stead_test_find_by_name (GTK_WIDGET (dialog), "kind");
  g_assert_true (STEAD_IS_POSITION_ROW (position));
  /* Not set, then the kinds. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), 1);
  gtk_editable_set_text (GTK_EDITABLE (position), "the big tree");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_nonnull (strstr (stead_position_row_get_problem (STEAD_POSITION_ROW (position)),
                            "grid reference"));
  gtk_editable_set_text (GTK_EDITABLE (position), "SO 89 32");
  g_assert_null (stead_position_row_get_problem (STEAD_POSITION_ROW (position)));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  /* As the Save button does: the response, then the dialog closes. */
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  stead_test_iterate_until (dialog_gone, NULL);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM need"), ==, before + 1);
  fid = count (ws, "SELECT max(fid) FROM need");
  g_assert_cmpint (count (ws, "SELECT count(*) FROM need WHERE fid = (SELECT max(fid) FROM need) "
                              "AND abs (ST_MinX (geom) + 2.15432) < 0.0002 "
                              "AND abs (ST_MinY (geom) - 51.99085) < 0.0002"),
                   ==, 1);
  wait_for_count (shown, before + 1);

  /* Assign it to a partner (the provider's organisation): assigned. */
  org = count (ws, "SELECT min(id) FROM partners_organisation");
  g_assert_true (stead_need_assign (ws, fid, org, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM need WHERE status = 'assigned' "
                              "AND assigned IS NOT NULL AND assignee = (SELECT min(id) FROM "
                              "partners_organisation)"),
                   >=, 1);

  /* Mark Met from the page's detail: one undo step back to assigned. */
  g_assert_true (stead_page_show (STEAD_PAGE (page), "need", fid));
  stead_test_iterate (200);
  g_signal_emit_by_name (stead_test_find_by_name (page, "mark-met"), "clicked");
  g_assert_cmpint (count (ws, g_strdup_printf ("SELECT count(*) FROM need WHERE fid = %"
                                               G_GINT64_FORMAT " AND status = 'met' "
                                               "AND met IS NOT NULL", fid)),
                   ==, 1);
  g_assert_true (stead_workspace_undo (ws, &error));
  g_assert_cmpint (count (ws, g_strdup_printf ("SELECT count(*) FROM need WHERE fid = %"
                                               G_GINT64_FORMAT " AND status = 'assigned' "
                                               "AND met IS NULL", fid)),
                   ==, 1);
  g_assert_true (stead_workspace_redo (ws, &error));
  g_assert_cmpint (count (ws, g_strdup_printf ("SELECT count(*) FROM need WHERE fid = %"
                                               G_GINT64_FORMAT " AND status = 'met'", fid)),
                   ==, 1);

  /* Undo back to before the add: the need is gone. */
  while (count (ws, "SELECT count(*) FROM need") > before)
    g_assert_true (stead_workspace_undo (ws, &error));
  wait_for_count (shown, before);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A need a plugin published (its owner the plugin's module) opens in that
 * plugin's page: Open Record on the Needs page selects there the record
 * the need's reference names, as the plugin resolves it. */
static void
test_plugin_need_opens_there (void)
{
  SteadWindow *window = open_window ("owned.gpkg", 20);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = stead_window_get_page (window, "core.needs");
  GtkWidget *partners = stead_window_get_page (window, "partners.directory");
  SteadRecordPage *records = STEAD_RECORD_PAGE (stead_test_find_by_name (page, "needs"));
  g_autoptr(GError) error = NULL;
  /* A partner site's reference, and (the oracle) the organisation it is of. */
  gint64 site = count (ws, "SELECT min(fid) FROM partners_site");
  gint64 org = count (ws, g_strdup_printf ("SELECT organisation FROM partners_site "
                                           "WHERE fid = %" G_GINT64_FORMAT, site));
  gint64 fid;
  SteadRecord *selected;

  stead_workspace_edit (ws, "partners", "Publish a need",
                        "INSERT INTO need (kind, opened, owner, owner_ref) "
                        "VALUES ('welfare', '2026-11-30T09:00:00.000Z', 'partners', ?)",
                        STEAD_ARGS (STEAD_INT (site)), &error);
  g_assert_no_error (error);
  fid = count (ws, "SELECT max(fid) FROM need");
  stead_window_show_page (window, "core.needs");
  wait_for_count (shown_of (page), count (ws, "SELECT count(*) FROM need"));
  g_assert_true (stead_record_page_select (records, fid));
  stead_test_iterate (200);
  g_assert_true (gtk_widget_get_visible (stead_test_find_by_name (page, "open-in-plugin")));
  g_signal_emit_by_name (stead_test_find_by_name (page, "open-in-plugin"), "clicked");
  stead_test_iterate (200);
  g_assert_cmpstr (stead_window_get_page_id (window), ==, "partners.directory");
  selected = stead_record_page_get_selected (
    STEAD_RECORD_PAGE (stead_test_find_by_name (partners, "partners")));
  g_assert_nonnull (selected);
  g_assert_cmpint (stead_record_get_id (selected), ==, org);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The popover of a need on the map: Mark Met writes it (one undo step);
 * Open Record opens the Needs page on it. */
static void
test_popover_actions (void)
{
  SteadWindow *window = open_window ("popover.gpkg", 30);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  SteadMapView *map = stead_window_get_map_view (window);
  g_autoptr(GError) error = NULL;
  GtkWidget *met, *open;
  gint64 fid = stead_need_add (ws, "food", 2, 3, "Mrs Example, no food", -2.16, 51.99, &error);
  GtkWidget *page = stead_window_get_page (window, "core.needs");

  g_assert_no_error (error);
  stead_window_show_page (window, "map");
  stead_test_iterate (300);
  g_assert_true (stead_map_view_show_point (map, TRUE, fid));
  /* The title is personal data: not shown, as the setting is off. */
  g_assert_true (shows_text (GTK_WIDGET (map), "Food"));
  g_assert_false (shows_text (GTK_WIDGET (map), "Mrs Example"));
  met = stead_test_find_by_name (GTK_WIDGET (map), "mark-met");
  g_assert_nonnull (met);
  g_assert_nonnull (stead_test_find_by_name (GTK_WIDGET (map), "assign"));
  g_signal_emit_by_name (met, "clicked");
  g_assert_cmpint (count (ws, g_strdup_printf ("SELECT count(*) FROM need WHERE fid = %"
                                               G_GINT64_FORMAT " AND status = 'met'", fid)),
                   ==, 1);
  g_assert_true (stead_workspace_undo (ws, &error));
  g_assert_cmpint (count (ws, g_strdup_printf ("SELECT count(*) FROM need WHERE fid = %"
                                               G_GINT64_FORMAT " AND status = 'open'", fid)),
                   ==, 1);

  g_assert_true (stead_map_view_show_point (map, TRUE, fid));
  /* Met needs offer no Mark Met; every need offers Open Record. */
  open = stead_test_find_by_name (GTK_WIDGET (map), "open-record");
  g_assert_nonnull (open);
  g_signal_emit_by_name (open, "clicked");
  g_assert_cmpstr (stead_window_get_page_id (window), ==, "core.needs");
  {
    SteadRecord *selected = stead_record_page_get_selected (
      STEAD_RECORD_PAGE (stead_test_find_by_name (page, "needs")));

    g_assert_nonnull (selected);
    g_assert_cmpint (stead_record_get_id (selected), ==, fid);
  }
  stead_test_iterate (300);
  g_assert_true (shows_text (page, "Food"));
  g_assert_false (shows_text (page, "Mrs Example"));

  /* Assign… opens the need on its page, with the partners to choose from. */
  stead_window_show_page (window, "map");
  g_assert_true (stead_map_view_show_point (map, TRUE, fid));
  g_signal_emit_by_name (stead_test_find_by_name (GTK_WIDGET (map), "assign"), "clicked");
  g_assert_cmpstr (stead_window_get_page_id (window), ==, "core.needs");
  g_assert_cmpint (stead_record_get_id (stead_record_page_get_selected (STEAD_RECORD_PAGE (
                     stead_test_find_by_name (page, "needs")))),
                   ==, fid);
  stead_test_iterate (200);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The position entry on its own: a postcode of the directory, a grid
 * reference, coordinates, and a clear error for anything else. */
static void
test_position_row (void)
{
  SteadWindow *window = open_window ("position.gpkg", 10);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *row = g_object_ref_sink (stead_position_row_new (ws));
  g_autofree char *postcode = stead_test_text (ws, "SELECT postcode FROM stead_postcode "
                                                   "ORDER BY postcode LIMIT 1");
  double lon, lat;

  gtk_editable_set_text (GTK_EDITABLE (row), "51.99, -2.16");
  g_assert_true (stead_position_row_get_position (STEAD_POSITION_ROW (row), &lon, &lat));
  g_assert_cmpfloat_with_epsilon (lat, 51.99, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, -2.16, 1e-9);
  gtk_editable_set_text (GTK_EDITABLE (row), "SO 89 32");
  g_assert_true (stead_position_row_get_position (STEAD_POSITION_ROW (row), &lon, &lat));
  g_assert_cmpfloat (stead_test_metres_between (lon, lat, -2.15432, 51.99085), <, 5);
  g_assert_nonnull (strstr (stead_position_row_get_resolved (STEAD_POSITION_ROW (row)), "SO"));
  gtk_editable_set_text (GTK_EDITABLE (row), postcode);
  g_assert_true (stead_position_row_get_position (STEAD_POSITION_ROW (row), &lon, &lat));
  g_assert_nonnull (strstr (stead_position_row_get_resolved (STEAD_POSITION_ROW (row)),
                            "Postcode"));
  gtk_editable_set_text (GTK_EDITABLE (row), "north of the church");
  g_assert_false (stead_position_row_get_position (STEAD_POSITION_ROW (row), &lon, &lat));
  g_assert_nonnull (strstr (stead_position_row_get_problem (STEAD_POSITION_ROW (row)),
                            "north of the church"));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_object_unref (row);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Pick on Map: the dialog steps aside for the map, the next click (here
 * the map's centre) is the position, and the dialog comes back with it on
 * the page it was opened from; Escape's path (cancel) changes nothing. */
static void
test_pick_on_map (void)
{
  SteadWindow *window = open_window ("pick.gpkg", 10);
  GtkWidget *page = stead_window_get_page (window, "core.needs");
  SteadMapView *map = stead_window_get_map_view (window);
  AdwMessageDialog *dialog;
  GtkWidget *position;
  double lon, lat;

  stead_window_show_page (window, "core.needs");
  g_signal_emit_by_name (stead_test_find_by_name (page, "needs"), "add");
  dialog = find_dialog ();
  position = stead_test_find_by_name (GTK_WIDGET (dialog), "position");

  g_signal_emit_by_name (stead_test_find_by_name (position, "pick-on-map"), "clicked");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpstr (stead_window_get_page_id (window), ==, "map");
  g_assert_true (stead_map_view_is_picking (map));
  stead_map_view_cancel_pick (map);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpstr (stead_window_get_page_id (window), ==, "core.needs");
  g_assert_false (stead_position_row_get_position (STEAD_POSITION_ROW (position), NULL, NULL));

  g_signal_emit_by_name (stead_test_find_by_name (position, "pick-on-map"), "clicked");
  g_assert_true (stead_map_view_is_picking (map));
  /* The map shown, it goes to the workspace's area. */
  stead_test_iterate (800);
  stead_map_view_pick_centre (map);
  g_assert_false (stead_map_view_is_picking (map));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpstr (stead_window_get_page_id (window), ==, "core.needs");
  g_assert_true (stead_position_row_get_position (STEAD_POSITION_ROW (position), &lon, &lat));
  /* The demo's map is over Tewkesbury. */
  g_assert_cmpfloat (fabs (lon + 2.1), <, 0.6);
  g_assert_cmpfloat (fabs (lat - 52.0), <, 0.4);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* With personal data allowed, a need's description and notes are shown
 * and edit in place; the Resources page lists what there is. */
static void
test_personal_and_resources (void)
{
  SteadWindow *window = open_window ("personal.gpkg", 20);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GSettings *settings = stead_application_get_settings (app);
  GtkWidget *page = stead_window_get_page (window, "core.needs");
  GtkWidget *resources = stead_window_get_page (window, "core.resources");
  g_autoptr(GError) error = NULL;
  GtkDropDown *availability;
  gint64 fid = stead_need_add (ws, "food", 2, 3, "Mrs Example, no food", -2.16, 51.99, &error);

  g_assert_no_error (error);
  g_settings_set_boolean (settings, "show-personal-data", TRUE);
  stead_window_show_page (window, "core.needs");
  g_assert_true (stead_page_show (STEAD_PAGE (page), "need", fid));
  stead_test_iterate (300);
  g_assert_true (shows_text (page, "Mrs Example"));
  g_assert_true (stead_need_set_notes (ws, fid, "Daughter visits on Fridays", &error));
  stead_test_iterate (300);
  g_assert_true (shows_text (page, "Daughter visits"));
  g_settings_set_boolean (settings, "show-personal-data", FALSE);
  stead_test_iterate (100);
  g_assert_false (gtk_widget_get_visible (stead_test_find_by_name (page, "personal")));

  stead_window_show_page (window, "core.resources");
  wait_for_count (shown_of (resources), count (ws, "SELECT count(*) FROM resource"));
  availability = GTK_DROP_DOWN (stead_test_find_by_name (resources, "availability-filter"));
  /* Any, Available, Limited, Committed, Unavailable */
  gtk_drop_down_set_selected (availability, 1);
  wait_for_count (shown_of (resources),
                  count (ws, "SELECT count(*) FROM resource WHERE availability = 'available'"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A partner's site is placed with the same entry: a grid reference. */
static void
test_site_position (void)
{
  SteadWindow *window = open_window ("site.gpkg", 10);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = stead_window_get_page (window, "partners.directory");
  gint64 org = count (ws, "SELECT min(id) FROM partners_organisation");
  gint64 before = count (ws, "SELECT count(*) FROM partners_site");
  AdwMessageDialog *dialog;
  GtkWidget *position, *name;

  g_assert_nonnull (page);
  stead_window_show_page (window, "partners.directory");
  g_assert_true (stead_page_show (STEAD_PAGE (page), "organisation", org));
  stead_test_iterate (200);
  g_signal_emit_by_name (stead_test_find_by_name (page, "sites"), "add");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_null (stead_test_find_by_name (GTK_WIDGET (dialog), "longitude"));
  position = stead_test_find_by_name (GTK_WIDGET (dialog), "position");
  name = stead_test_find_by_name (GTK_WIDGET (dialog), "name");
  g_assert_true (STEAD_IS_POSITION_ROW (position));
  gtk_editable_set_text (GTK_EDITABLE (name), "Depot");
  gtk_editable_set_text (GTK_EDITABLE (position), "lat 52");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (GTK_EDITABLE (position), "SO 89 32");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (count (ws, "SELECT count(*) FROM partners_site"), ==, before + 1);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM partners_site WHERE name = 'Depot' "
                              "AND abs (ST_MinX (geom) + 2.15432) < 0.0002 "
                              "AND abs (ST_MinY (geom) - 51.99085) < 0.0002"),
                   ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *enabled[] = { "partners", NULL };

  app = stead_test_app_new (&argc, &argv, enabled, &tmp_dir);

  g_test_add_func ("/ui/needs/empty", test_empty);
  g_test_add_func ("/ui/needs/filters", test_filters);
  g_test_add_func ("/ui/needs/columns-fit", test_columns_fit);
  g_test_add_func ("/ui/needs/plugin-need-opens-there", test_plugin_need_opens_there);
  g_test_add_func ("/ui/needs/add-assign-status", test_add_assign_status);
  g_test_add_func ("/ui/needs/popover-actions", test_popover_actions);
  g_test_add_func ("/ui/needs/position-row", test_position_row);
  g_test_add_func ("/ui/needs/site-position", test_site_position);
  g_test_add_func ("/ui/needs/pick-on-map", test_pick_on_map);
  g_test_add_func ("/ui/needs/personal-and-resources", test_personal_and_resources);

  return stead_test_app_run (app, tmp_dir);
}
