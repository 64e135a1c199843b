/* test-groups-page.c: the Target Groups page as a resilience officer adds
 * a group, counts, reach and engagement, reads the gaps and purges a
 * household list (under Xvfb)
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

static SteadWindow *
open_window (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

  return stead_test_open_window (app, path, "Partnershire", 50);
}

/* The message dialog open now whose heading is @heading. */
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

static AdwMessageDialog *
wait_dialog (const char *heading)
{
  stead_test_iterate_until (dialog_is_open, (gpointer) heading);
  return find_dialog (heading);
}

static void
save_dialog (const char *heading)
{
  respond (find_dialog (heading), "save");
  stead_test_iterate_until (dialog_is_closed, (gpointer) heading);
}

static void
set_entry (AdwMessageDialog *dialog,
           const char       *field,
           const char       *text)
{
  GtkWidget *row = stead_test_find_by_name (GTK_WIDGET (dialog), field);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Chooses the term whose label is @label in a form's combo row. */
static void
choose (AdwMessageDialog *dialog,
        const char       *field,
        const char       *label)
{
  GtkWidget *row = stead_test_find_by_name (GTK_WIDGET (dialog), field);
  GListModel *terms;

  g_assert_true (ADW_IS_COMBO_ROW (row));
  terms = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  for (guint i = 0; i < g_list_model_get_n_items (terms); i++)
    {
      g_autoptr(SteadTerm) term = g_list_model_get_item (terms, i);

      if (g_str_equal (stead_term_get_label (term), label))
        {
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
          return;
        }
    }
  g_error ("No choice “%s” for %s", label, field);
}

static GtkWidget *
show_groups_page (SteadWindow *window)
{
  GtkWidget *page = stead_window_get_page (window, "groups.groups");
  GtkWidget *records;

  g_assert_nonnull (page);
  stead_window_show_page (window, "groups.groups");
  records = stead_test_find_by_name (page, "records");
  stead_test_iterate_until (stead_test_is_mapped, records);
  return page;
}

/* Selects the group called @name in the list, by its position. */
static gint64
select_group (GtkWidget  *page,
              const char *name)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (stead_test_find_by_name (page, "records"));
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SteadRecord) group = g_list_model_get_item (model, i);

      if (g_strcmp0 (stead_record_get_string (group, "name"), name) == 0)
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), i, TRUE);
          stead_test_iterate (50);
          return stead_record_get_id (group);
        }
    }
  g_error ("No group “%s” listed", name);
}

static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
undo (SteadWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
}

/* ------------------------------------------------------------------------ */

/* Add Group asks a name and category, saves one undo step, and selects it. */
static void
test_add_group (void)
{
  SteadWindow *window = open_window ("add-group.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_groups_page (window);
  GtkWidget *records = gtk_widget_get_first_child (page);
  gint64 before = count (ws, "SELECT count(*) FROM groups_group");
  AdwMessageDialog *dialog;

  g_assert_true (STEAD_IS_RECORD_PAGE (records));
  g_signal_emit_by_name (records, "add");
  dialog = wait_dialog ("Add Target Group");
  set_entry (dialog, "name", "Narrowboat dwellers");
  choose (dialog, "category", "Socially isolated");
  save_dialog ("Add Target Group");
  g_assert_cmpint (count (ws, "SELECT count(*) FROM groups_group"), ==, before + 1);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM groups_group WHERE name = "
                              "'Narrowboat dwellers' AND category = 'isolated'"), ==, 1);
  {
    SteadRecord *selected = stead_record_page_get_selected (STEAD_RECORD_PAGE (records));

    g_assert_nonnull (selected);
    g_assert_cmpstr (stead_record_get_string (selected, "name"), ==, "Narrowboat dwellers");
  }
  undo (window);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM groups_group"), ==, before);

  /* A group with counts, reach and places removed after asking, then
   * back whole with Undo. */
  {
    gint64 homes = select_group (page, "Care home residents");
    g_autofree char *children = g_strdup_printf (
      "SELECT (SELECT count(*) FROM groups_count WHERE group_id = %1$" G_GINT64_FORMAT ") + "
      "(SELECT count(*) FROM groups_place WHERE group_id = %1$" G_GINT64_FORMAT ") + "
      "(SELECT count(*) FROM groups_reach WHERE group_id = %1$" G_GINT64_FORMAT ")", homes);
    gint64 n = count (ws, children);

    g_assert_cmpint (n, >, 0);
    click (stead_test_find_by_name (records, "remove"));
    dialog = wait_dialog ("Remove?");
    respond (dialog, "remove");
    stead_test_iterate_until (dialog_is_closed, (gpointer) "Remove?");
    g_assert_cmpint (count (ws, "SELECT count(*) FROM groups_group"), ==, before - 1);
    g_assert_cmpint (count (ws, children), ==, 0);
    stead_test_iterate (50);
    undo (window);
    g_assert_cmpint (count (ws, "SELECT count(*) FROM groups_group"), ==, before);
    g_assert_cmpint (count (ws, children), ==, n);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A count for an area of the workspace is added in a form, edited in
 * place in its row (the area's name over the number) and removed, each
 * one undo step. */
static void
test_counts (void)
{
  SteadWindow *window = open_window ("counts.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_groups_page (window);
  gint64 group = select_group (page, "Older people living alone");
  g_autofree char *lsoa = stead_test_text (
    ws, "SELECT name FROM area WHERE kind = 'lsoa' ORDER BY name LIMIT 1");
  g_autofree char *label = g_strdup_printf ("%s (lsoa)", lsoa);
  g_autofree char *sql = NULL;
  gint64 counts = count (ws, "SELECT count(*) FROM groups_count");
  gint64 shurdington;
  AdwMessageDialog *dialog;
  GtkWidget *row;

  click (stead_test_find_by_name (page, "add-count"));
  dialog = wait_dialog ("Add a Count for an Area");
  choose (dialog, "area", label);
  set_entry (dialog, "count", "42");
  set_entry (dialog, "source", "Street survey");
  save_dialog ("Add a Count for an Area");
  sql = g_strdup_printf ("SELECT c.count FROM groups_count c JOIN area a ON a.fid = c.area "
                         "WHERE c.group_id = %" G_GINT64_FORMAT " AND a.kind = 'lsoa' "
                         "AND a.name = '%s' AND c.source = 'Street survey'", group, lsoa);
  g_assert_cmpint (count (ws, sql), ==, 42);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM groups_count"), ==, counts + 1);
  /* Its row is there, under the area's name. */
  stead_test_iterate (100);
  g_assert_nonnull (stead_test_find_by_name (page, lsoa));
  undo (window);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM groups_count"), ==, counts);

  /* A count for an area already counted replaces it, as the form says. */
  click (stead_test_find_by_name (page, "add-count"));
  dialog = wait_dialog ("Add a Count for an Area");
  choose (dialog, "area", "Shurdington (ward)");
  set_entry (dialog, "count", "7");
  save_dialog ("Add a Count for an Area");
  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) || ':' || sum (c.count) FROM groups_count c JOIN area a "
                         "ON a.fid = c.area WHERE c.group_id = %" G_GINT64_FORMAT
                         " AND a.name = 'Shurdington'", group);
  {
    g_autofree char *text = stead_test_text (ws, sql);

    g_assert_cmpstr (text, ==, "1:7");
  }
  g_assert_cmpint (count (ws, "SELECT count(*) FROM groups_count"), ==, counts);
  undo (window);

  /* In place: Shurdington's number typed over and saved. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT c.count FROM groups_count c JOIN area a ON a.fid = c.area "
                         "WHERE c.group_id = %" G_GINT64_FORMAT " AND a.name = 'Shurdington'",
                         group);
  shurdington = count (ws, sql);
  stead_test_iterate (100);
  row = stead_test_find_by_name (stead_test_find_by_name (page, "counts"), "Shurdington");
  g_assert_true (STEAD_IS_ENTRY_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Shurdington");
  {
    g_autofree char *shown = g_strdup_printf ("%" G_GINT64_FORMAT, shurdington);

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, shown);
  }
  gtk_editable_set_text (GTK_EDITABLE (row), "1301");
  g_assert_true (stead_entry_row_commit (STEAD_ENTRY_ROW (row)));
  g_assert_cmpint (count (ws, sql), ==, 1301);
  /* The total above follows. */
  {
    g_autofree char *total_sql = g_strdup_printf (
      "SELECT sum (count) || ' people counted in ' || count (*) || ' areas' FROM groups_count "
      "WHERE group_id = %" G_GINT64_FORMAT, group);
    g_autofree char *total = stead_test_text (ws, total_sql);

    g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (
                       stead_test_find_by_name (page, "counts-group"))), ==, total);
  }
  /* Not a number: said, and nothing changes. */
  gtk_editable_set_text (GTK_EDITABLE (row), "lots");
  g_assert_false (stead_entry_row_commit (STEAD_ENTRY_ROW (row)));
  g_assert_cmpint (count (ws, sql), ==, 1301);
  stead_entry_row_revert (STEAD_ENTRY_ROW (row));
  undo (window);
  g_assert_cmpint (count (ws, sql), ==, shurdington);

  /* Removed from its row, and back with Undo. */
  click (stead_test_find_by_name (row, "remove-count"));
  {
    g_autofree char *rows = g_strdup_printf ("SELECT count(*) FROM (%s)", sql);

    g_assert_cmpint (count (ws, rows), ==, 0);
  }
  g_assert_cmpint (count (ws, "SELECT count(*) FROM groups_count"), ==, counts - 1);
  undo (window);
  g_assert_cmpint (count (ws, sql), ==, shurdington);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A place is added where a postcode is, shown on the map there, and
 * removed, each one undo step. */
static void
test_places (void)
{
  SteadWindow *window = open_window ("places.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_groups_page (window);
  gint64 group = select_group (page, "Rough sleepers and people in hostels");
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM groups_place p, stead_postcode c WHERE p.group_id = %" G_GINT64_FORMAT
    " AND p.name = 'Night shelter' AND p.what = 'hostel' AND p.people = 12 "
    "AND c.postcode = 'GL205RL' AND abs (ST_MinX (p.geom) - c.lon) < 1e-6 "
    "AND abs (ST_MinY (p.geom) - c.lat) < 1e-6", group);
  gint64 places = count (ws, "SELECT count(*) FROM groups_place");
  AdwMessageDialog *dialog;
  GtkWidget *row;
  double lat, lon;

  click (stead_test_find_by_name (page, "add-place"));
  dialog = wait_dialog ("Add a Place");
  set_entry (dialog, "name", "Night shelter");
  set_entry (dialog, "what", "hostel");
  set_entry (dialog, "people", "12");
  set_entry (dialog, "position", "GL20 5RL");
  save_dialog ("Add a Place");
  g_assert_cmpint (count (ws, "SELECT count(*) FROM groups_place"), ==, places + 1);
  g_assert_cmpint (count (ws, sql), ==, 1);
  stead_test_iterate (100);
  row = stead_test_find_by_name (stead_test_find_by_name (page, "places"), "Night shelter");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "12 people"));

  /* Show on Map: the map, centred on it. */
  click (stead_test_find_by_name (row, "show-place"));
  g_assert_cmpstr (stead_window_get_page_id (window), ==, "map");
  {
    ShumateViewport *viewport = stead_map_view_get_viewport (stead_window_get_map_view (window));
    g_autofree char *where = stead_test_text (
      ws, "SELECT lat || ' ' || lon FROM stead_postcode WHERE postcode = 'GL205RL'");

    g_assert_cmpint (sscanf (where, "%lf %lf", &lat, &lon), ==, 2);
    g_assert_cmpfloat (fabs (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)) - lat),
                       <, 1e-4);
    g_assert_cmpfloat (fabs (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) - lon),
                       <, 1e-4);
  }
  show_groups_page (window);
  click (stead_test_find_by_name (row, "remove-place"));
  g_assert_cmpint (count (ws, "SELECT count(*) FROM groups_place"), ==, places);
  undo (window);
  g_assert_cmpint (count (ws, sql), ==, 1);
  undo (window);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM groups_place"), ==, places);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A partner who reaches the group, by a channel, in named areas; an area
 * name the workspace does not have is refused and changes nothing. */
static void
test_reach (void)
{
  SteadWindow *window = open_window ("reach.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_groups_page (window);
  gint64 group = select_group (page, "Visitors and caravan parks");
  SteadRecordList *reach = STEAD_RECORD_LIST (stead_test_find_by_name (page, "reach"));
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM groups_reach r JOIN groups_reach_area ra ON ra.reach = r.id "
    "JOIN area a ON a.fid = ra.area WHERE r.group_id = %" G_GINT64_FORMAT " AND "
    "r.channel = 'door-knock' AND r.strength = 3 AND a.name IN ('Twyning', "
    "'Tewkesbury Prior''s Park')", group);
  gint64 reaches = count (ws, "SELECT count(*) FROM groups_reach");
  AdwMessageDialog *dialog;

  g_assert_cmpuint (g_list_model_get_n_items (stead_record_list_get_model (reach)), ==, 0);
  g_signal_emit_by_name (reach, "add");
  dialog = wait_dialog ("Add a Partner Who Reaches Them");
  choose (dialog, "organisation", "Tewkesbury Foodbank");
  choose (dialog, "channel", "Door-knocking");
  choose (dialog, "strength", "Strong");
  set_entry (dialog, "area_names", "Twyning; Atlantis");
  /* Said before saving. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (stead_test_find_by_name (GTK_WIDGET (dialog),
                                                                           "preview"))),
                   ==, "No area called “Atlantis” in the workspace");
  respond (dialog, "save");
  stead_test_iterate (100);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM groups_reach"), ==, reaches);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM groups_reach_area ra WHERE NOT EXISTS "
                              "(SELECT 1 FROM groups_reach r WHERE r.id = ra.reach)"), ==, 0);
  stead_test_iterate_until (dialog_is_closed, (gpointer) "Add a Partner Who Reaches Them");

  g_signal_emit_by_name (reach, "add");
  dialog = wait_dialog ("Add a Partner Who Reaches Them");
  choose (dialog, "organisation", "Tewkesbury Foodbank");
  choose (dialog, "channel", "Door-knocking");
  choose (dialog, "strength", "Strong");
  set_entry (dialog, "area_names", "Twyning; Tewkesbury Prior's Park");
  set_entry (dialog, "notes", "Volunteers knock on caravans before a flood");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (stead_test_find_by_name (GTK_WIDGET (dialog),
                                                                           "preview"))),
                   ==, "Covers 2 areas");
  save_dialog ("Add a Partner Who Reaches Them");
  g_assert_cmpint (count (ws, "SELECT count(*) FROM groups_reach"), ==, reaches + 1);
  g_assert_cmpint (count (ws, sql), ==, 2);
  stead_test_iterate_until_count (stead_record_list_get_model (reach), 1);
  {
    g_autoptr(SteadRecord) row = g_list_model_get_item (stead_record_list_get_model (reach), 0);

    /* Titled by the partner, as the partners' provider names it. */
    g_assert_cmpstr (stead_record_get_title (row), ==, "Tewkesbury Foodbank");
    g_assert_cmpstr (stead_record_get_string (row, "coverage"), ==,
                     "In Tewkesbury Prior's Park, Twyning");

    /* Edited: the areas as they were, one of them dropped, weaker. */
    g_signal_emit_by_name (reach, "edit", row);
    dialog = wait_dialog ("Edit How a Partner Reaches Them");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (stead_test_find_by_name (
                       GTK_WIDGET (dialog), "area_names"))),
                     ==, "Tewkesbury Prior's Park; Twyning");
    set_entry (dialog, "area_names", "Twyning");
    choose (dialog, "strength", "Weak");
    save_dialog ("Edit How a Partner Reaches Them");
    g_assert_cmpint (count (ws, "SELECT count(*) FROM groups_reach"), ==, reaches + 1);
    {
      g_autofree char *edited = g_strdup_printf (
        "SELECT count(*) FROM groups_reach r JOIN groups_reach_area ra ON ra.reach = r.id "
        "JOIN area a ON a.fid = ra.area WHERE r.id = %" G_GINT64_FORMAT " AND r.strength = 1",
        stead_record_get_id (row));

      g_assert_cmpint (count (ws, edited), ==, 1);
    }
    undo (window);
    g_assert_cmpint (count (ws, sql), ==, 2);
  }
  undo (window);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM groups_reach"), ==, reaches);
  g_assert_cmpint (count (ws, sql), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* An engagement is logged for today, listed first (newest first), and
 * undone in one step. */
static void
test_engagement (void)
{
  SteadWindow *window = open_window ("engagement.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_groups_page (window);
  gint64 group = select_group (page, "Households with little English");
  SteadRecordList *log = STEAD_RECORD_LIST (stead_test_find_by_name (page, "engagement"));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM groups_engagement WHERE group_id = %" G_GINT64_FORMAT " AND date = '%s' "
    "AND summary = 'Coffee morning at the library' AND needs_change = 'Want leaflets in Polish'",
    group, today);
  gint64 entries = count (ws, "SELECT count(*) FROM groups_engagement");
  guint listed;
  AdwMessageDialog *dialog;

  stead_test_iterate (100);
  listed = g_list_model_get_n_items (stead_record_list_get_model (log));
  g_assert_cmpuint (listed, >, 0);
  g_signal_emit_by_name (log, "add");
  dialog = wait_dialog ("Log an Engagement");
  set_entry (dialog, "summary", "Coffee morning at the library");
  set_entry (dialog, "needs_change", "Want leaflets in Polish");
  choose (dialog, "channel", "Community events");
  save_dialog ("Log an Engagement");
  g_assert_cmpint (count (ws, sql), ==, 1);
  stead_test_iterate_until_count (stead_record_list_get_model (log), listed + 1);
  {
    g_autoptr(SteadRecord) first = g_list_model_get_item (stead_record_list_get_model (log), 0);

    g_assert_cmpstr (stead_record_get_string (first, "summary"), ==,
                     "Coffee morning at the library");
  }
  /* Edited: the form starts from the entry, and saves one step. */
  {
    g_autoptr(SteadRecord) first = g_list_model_get_item (stead_record_list_get_model (log), 0);
    g_autofree char *edited = g_strdup_printf (
      "SELECT count(*) FROM groups_engagement WHERE id = %" G_GINT64_FORMAT " AND summary = "
      "'Coffee morning at the library' AND needs_change = 'Leaflets in Polish and Romanian'",
      stead_record_get_id (first));
    GtkWidget *summary;

    g_signal_emit_by_name (log, "edit", first);
    dialog = wait_dialog ("Edit Engagement");
    summary = stead_test_find_by_name (GTK_WIDGET (dialog), "summary");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (summary)), ==,
                     "Coffee morning at the library");
    set_entry (dialog, "needs_change", "Leaflets in Polish and Romanian");
    save_dialog ("Edit Engagement");
    g_assert_cmpint (count (ws, edited), ==, 1);
    g_assert_cmpint (count (ws, "SELECT count(*) FROM groups_engagement"), ==, entries + 1);
    undo (window);
    g_assert_cmpint (count (ws, sql), ==, 1);

    /* Removed, and back with Undo. */
    g_signal_emit_by_name (log, "remove", first);
    g_assert_cmpint (count (ws, "SELECT count(*) FROM groups_engagement"), ==, entries);
    undo (window);
    g_assert_cmpint (count (ws, sql), ==, 1);
  }
  undo (window);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM groups_engagement"), ==, entries);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A risk the partnership judges the group exposed to, chosen from the
 * register through the risks' records, and removed; each one step. */
static void
test_exposure (void)
{
  SteadWindow *window = open_window ("exposure.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_groups_page (window);
  gint64 group = select_group (page, "Visitors and caravan parks");
  SteadRecordList *exposure = STEAD_RECORD_LIST (stead_test_find_by_name (page, "exposure"));
  g_autofree char *title = stead_test_text (
    ws, "SELECT reference || ' ' || title FROM risks_risk WHERE reference = 'R01'");
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM groups_exposure e JOIN risks_risk r ON r.id = e.risk WHERE "
    "e.group_id = %" G_GINT64_FORMAT " AND r.reference = 'R01' AND e.note = 'Riverside pitches'",
    group);
  AdwMessageDialog *dialog;

  g_signal_emit_by_name (exposure, "add");
  dialog = wait_dialog ("Add a Risk They Are Exposed To");
  choose (dialog, "risk", title);
  set_entry (dialog, "note", "Riverside pitches");
  save_dialog ("Add a Risk They Are Exposed To");
  g_assert_cmpint (count (ws, sql), ==, 1);
  stead_test_iterate_until_count (stead_record_list_get_model (exposure), 1);
  {
    g_autoptr(SteadRecord) row = g_list_model_get_item (stead_record_list_get_model (exposure), 0);

    /* Titled as the risks' provider names it. */
    g_assert_cmpstr (stead_record_get_title (row), ==, title);
    g_signal_emit_by_name (exposure, "remove", row);
  }
  g_assert_cmpint (count (ws, sql), ==, 0);
  undo (window);
  g_assert_cmpint (count (ws, sql), ==, 1);
  undo (window);
  g_assert_cmpint (count (ws, sql), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
coverage_ready (gpointer view)
{
  GtkWidget *gaps = stead_test_find_by_name (view, "gaps");
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (gaps)));

  return g_list_model_get_n_items (model) > 0;
}

/* "1,067": a count as the sentences write it. */
static char *
with_commas (gint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, n);
  GString *text = g_string_new (NULL);
  gsize length = strlen (digits);

  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append_c (text, ',');
      g_string_append_c (text, digits[i]);
    }
  return g_string_free (text, FALSE);
}

/* The gaps, largest first, in words; the older people living alone in
 * Prior's Park where a hand calculation puts them: their count, times
 * the best score of the risks whose hazard areas are there (fluvial
 * flooding R01, surface water R02, heatwave R04 judged everywhere) over
 * 25, over 1 + instrumental + fluid / 2 partners covering the ward. A
 * gap opened selects its group. */
static void
test_coverage (void)
{
  SteadWindow *window = open_window ("coverage.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_groups_page (window);
  GtkWidget *view = stead_test_find_by_name (page, "coverage");
  GtkWidget *records = gtk_widget_get_first_child (page);
  GListModel *gaps;
  gint64 size = count (ws, "SELECT c.count FROM groups_count c JOIN groups_group g ON "
                           "g.id = c.group_id JOIN area a ON a.fid = c.area WHERE "
                           "g.category = 'older-alone' AND a.name = 'Tewkesbury Prior''s Park'");
  gint64 older = count (ws, "SELECT id FROM groups_group WHERE category = 'older-alone'");
  gint64 best = count (ws, "SELECT max (likelihood * impact) FROM risks_risk WHERE reference IN "
                           "('R01', 'R02', 'R04')");
  const char *reach_sql =
    "SELECT count (DISTINCT o.id) FROM groups_reach r JOIN groups_group g ON g.id = r.group_id "
    "JOIN partners_organisation o ON o.id = r.organisation WHERE g.category = 'older-alone' "
    "AND o.tier %s 'instrumental' AND (NOT EXISTS (SELECT 1 FROM groups_reach_area ra WHERE "
    "ra.reach = r.id) OR EXISTS (SELECT 1 FROM groups_reach_area ra JOIN area a ON "
    "a.fid = ra.area WHERE ra.reach = r.id AND a.name = 'Tewkesbury Prior''s Park'))";
  g_autofree char *instrumental_sql = g_strdup_printf (reach_sql, "=");
  g_autofree char *fluid_sql = g_strdup_printf (reach_sql, "!=");
  gint64 instrumental = count (ws, instrumental_sql), fluid = count (ws, fluid_sql);
  double expected = size * best / 25.0 / (1 + instrumental + fluid / 2.0);
  g_autofree char *number = with_commas (size);
  g_autofree char *words = g_strdup_printf ("%s older people living alone in "
                                            "Tewkesbury Prior's Park", number);
  double previous = G_MAXDOUBLE;
  guint found = G_MAXUINT, larger = 0;

  g_assert_cmpint (size, >, 0);
  g_assert_cmpint (instrumental, ==, 0);
  g_assert_cmpint (fluid, ==, 1);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (stead_test_find_by_name (page, "view-coverage")),
                                TRUE);
  stead_test_iterate_until (stead_test_is_mapped, view);
  stead_test_iterate_until (coverage_ready, view);
  g_assert_false (gtk_widget_get_visible (stead_test_find_by_name (view, "coverage-spinner")));
  gaps = G_LIST_MODEL (gtk_list_view_get_model (
    GTK_LIST_VIEW (stead_test_find_by_name (view, "gaps"))));
  for (guint i = 0; i < g_list_model_get_n_items (gaps); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (gaps, i);
      g_autofree char *reasons = NULL;
      double gap;
      guint rank;

      g_object_get (item, "reasons", &reasons, "gap", &gap, "rank", &rank, NULL);
      /* Ranked from the largest gap down, each row its rank. */
      g_assert_cmpuint (rank, ==, i + 1);
      g_assert_cmpfloat (gap, <=, previous);
      previous = gap;
      if (gap > expected + 0.5)
        larger++;
      if (g_str_has_prefix (reasons, words))
        {
          g_assert_cmpuint (found, ==, G_MAXUINT);
          found = i;
          g_assert_nonnull (strstr (reasons, "reached by no instrumental partner"));
          g_assert_nonnull (strstr (reasons, "flooding"));
          g_assert_cmpfloat (fabs (gap - expected), <, 0.5);
        }
    }
  g_assert_cmpuint (found, !=, G_MAXUINT);
  g_test_message ("Prior's Park older people alone: gap %.1f, row %u", expected, found + 1);
  g_assert_cmpuint (found, ==, larger);

  /* Opened: its group selected. */
  g_signal_emit_by_name (stead_test_find_by_name (view, "gaps"), "activate", found);
  stead_test_iterate (50);
  g_assert_cmpint (stead_record_get_id (stead_record_page_get_selected (
                     STEAD_RECORD_PAGE (records))), ==, older);

  /* Exposure through hazard areas: one row a risk, however often the
   * group is chosen again. */
  {
    GtkWidget *derived = stead_test_find_by_name (page, "derived");
    guint rows[2] = { 0, 0 };

    for (guint pass = 0; pass < 2; pass++)
      {
        select_group (page, "Mobility impaired");
        select_group (page, "Older people living alone");
        for (GtkWidget *row = gtk_widget_get_first_child (derived); row != NULL;
             row = gtk_widget_get_next_sibling (row))
          rows[pass] += GTK_IS_LIST_BOX_ROW (row);
      }
    g_assert_cmpuint (rows[0], >, 0);
    g_assert_cmpuint (rows[0], ==, rows[1]);
    /* A row opens its risk in the register. */
    {
      GtkWidget *first = gtk_widget_get_first_child (derived);

      while (first != NULL && !ADW_IS_ACTION_ROW (first))
        first = gtk_widget_get_next_sibling (first);
      g_assert_nonnull (first);
      g_signal_emit_by_name (first, "activate");
      g_assert_cmpstr (stead_window_get_page_id (window), ==, "risks.register");
      g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)),
                                stead_record_get_title (stead_record_page_get_selected (
                                  STEAD_RECORD_PAGE (gtk_widget_get_first_child (
                                    stead_window_get_page (window, "risks.register")))))));
      stead_window_show_page (window, "groups.groups");
    }
    g_assert_true (ADW_IS_ACTION_ROW (gtk_widget_get_first_child (derived)) ||
                   ADW_IS_ACTION_ROW (gtk_widget_get_last_child (derived)));
  }

  /* Show Gaps from the group: the coverage view with its cells only, one
   * an area it is counted in. */
  {
    g_autofree char *areas_sql = g_strdup_printf (
      "SELECT count(*) FROM groups_count WHERE group_id = %" G_GINT64_FORMAT, older);
    gint64 areas = count (ws, areas_sql);
    g_autofree char *of = g_strdup_printf ("of %" G_GINT64_FORMAT " areas", areas);
    GtkWidget *row = stead_test_find_by_name (page, "gaps-row");

    select_group (page, "Older people living alone");
    g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), of));
    gtk_toggle_button_set_active (
      GTK_TOGGLE_BUTTON (stead_test_find_by_name (page, "view-list")), TRUE);
    click (stead_test_find_by_name (page, "show-gaps"));
    g_assert_true (gtk_toggle_button_get_active (
      GTK_TOGGLE_BUTTON (stead_test_find_by_name (page, "view-coverage"))));
    stead_test_iterate (50);
    g_assert_cmpuint (g_list_model_get_n_items (gaps), ==, areas);
    for (guint i = 0; i < g_list_model_get_n_items (gaps); i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (gaps, i);
        gint64 id;

        g_object_get (item, "group", &id, NULL);
        g_assert_cmpint (id, ==, older);
      }
    stead_record_page_set_search (STEAD_RECORD_PAGE (records), NULL);
  }

  /* The list shown by the record page itself (Ctrl+F): the buttons follow. */
  stead_record_page_show_view (STEAD_RECORD_PAGE (records), "list");
  g_assert_true (gtk_toggle_button_get_active (
    GTK_TOGGLE_BUTTON (stead_test_find_by_name (page, "view-list"))));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (stead_test_find_by_name (page, "view-coverage")),
                                TRUE);

  /* The page's search narrows the gaps: every one left names the ward. */
  stead_record_page_set_search (STEAD_RECORD_PAGE (records), "prior's park");
  stead_test_iterate (50);
  g_assert_cmpuint (g_list_model_get_n_items (gaps), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (gaps); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (gaps, i);
      g_autofree char *reasons = NULL;

      g_object_get (item, "reasons", &reasons, NULL);
      g_assert_nonnull (strstr (reasons, "Prior's Park"));
    }
  {
    guint all = count (ws, "SELECT count(*) FROM groups_count c JOIN area a ON a.fid = c.area "
                           "WHERE a.name = 'Tewkesbury Prior''s Park'");

    /* A group with a count there, or places, has a cell there. */
    g_assert_cmpuint (g_list_model_get_n_items (gaps), >=, all);
  }
  stead_record_page_set_search (STEAD_RECORD_PAGE (records), NULL);

  /* A change recomputes it, with the spinner meanwhile. */
  {
    g_autoptr(GError) error = NULL;

    stead_workspace_edit (ws, "groups", "Test", "DELETE FROM groups_place", NULL, 0, &error);
    g_assert_no_error (error);
    stead_workspace_edit (ws, "groups", "Test", "DELETE FROM groups_count", NULL, 0, &error);
    g_assert_no_error (error);
    g_assert_true (gtk_widget_get_visible (stead_test_find_by_name (view, "coverage-spinner")));
    stead_test_iterate_until (stead_test_is_mapped,
                              stead_test_find_by_name (view, "coverage-empty"));
    g_assert_false (gtk_widget_get_visible (stead_test_find_by_name (view, "coverage-spinner")));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ------------------------------------------------------------------------ */
/* Household lists                                                           */

static gint64
add_list (SteadWorkspace *ws,
          gint64          group,
          const char     *name,
          int             days,
          int             households)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);
  g_autofree char *retention = g_date_time_format (then, "%Y-%m-%d");
  gint64 list = stead_workspace_edit (
    ws, "groups", "Test list",
    "INSERT INTO groups_household_list (name, group_id, lawful_basis, received, retention) "
    "VALUES (?, ?, 'vital-interests', '2026-01-05', ?)",
    STEAD_ARGS (STEAD_STRING (name), STEAD_INT (group), STEAD_STRING (retention)), &error);

  g_assert_no_error (error);
  for (int i = 0; i < households; i++)
    {
      g_autofree char *reference = g_strdup_printf ("PSR-%s-%d", name, i);
      g_autofree char *person = g_strdup_printf ("Ada Fictional %d", i);
      gint64 fid = stead_workspace_edit (
        ws, "groups", "Test household",
        "INSERT INTO groups_household (list, reference, postcode, needs, name, phone) "
        "VALUES (?, ?, 'GL20 5RL', '14 22', ?, '01684 000000')",
        STEAD_ARGS (STEAD_INT (list), STEAD_STRING (reference), STEAD_STRING (person)), &error);

      g_assert_no_error (error);
      stead_workspace_edit (ws, "groups", "Test need",
                            "INSERT INTO need (kind, owner, owner_ref, status, opened) "
                            "VALUES ('welfare-check', 'groups', ?, 'open', '2026-01-05T09:00:00Z')",
                            STEAD_ARGS (STEAD_INT (fid)), &error);
      g_assert_no_error (error);
    }
  return list;
}

/* The row of the household list @name in the view. */
static GtkWidget *
list_row (GtkWidget  *view,
          const char *name)
{
  return stead_test_find_by_name (stead_test_find_by_name (view, "household-lists"), name);
}

/* Retention counted down in days; Purge Now asks first, naming the list
 * and how many households, then deletes them and their needs. */
static void
test_purge (void)
{
  SteadWindow *window = open_window ("purge.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_groups_page (window);
  GtkWidget *view = stead_test_find_by_name (page, "households");
  gint64 group = count (ws, "SELECT id FROM groups_group WHERE category = 'power-dependent'");
  gint64 lists_before = count (ws, "SELECT count(*) FROM groups_household_list");
  /* Due tomorrow: one due today is purged by the plugin's retention watch
   * within a second of being added. */
  gint64 kept = add_list (ws, group, "Severn Water PSR", 1, 2);
  gint64 list = add_list (ws, group, "Midshires PSR extract", 12, 3);
  g_autofree char *heading = g_strdup ("Purge “Midshires PSR extract”?");
  g_autofree char *households_sql = g_strdup_printf (
    "SELECT count(*) FROM groups_household WHERE list = %" G_GINT64_FORMAT, list);
  g_autofree char *needs_sql = g_strdup_printf (
    "SELECT count(*) FROM need WHERE owner = 'groups' AND owner_ref IN (SELECT fid FROM "
    "groups_household WHERE list = %" G_GINT64_FORMAT ")", list);
  gint64 needs = count (ws, "SELECT count(*) FROM need");
  AdwMessageDialog *dialog;
  GtkWidget *row;

  (void) lists_before;
  gtk_toggle_button_set_active (
    GTK_TOGGLE_BUTTON (stead_test_find_by_name (page, "view-households")), TRUE);
  stead_test_iterate_until (stead_test_is_mapped, view);
  stead_test_iterate (100);
  row = list_row (view, "Midshires PSR extract");
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (stead_test_find_by_name (row, "countdown"))),
                   ==, "Deleted in 12 days");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "3 households"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Dependent on powered medical equipment"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Vital interests"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (stead_test_find_by_name (
                     list_row (view, "Severn Water PSR"), "countdown"))),
                   ==, "Deleted tomorrow");

  /* Open Record on a need a household published: its list, selected. */
  {
    g_autofree char *first = g_strdup_printf (
      "SELECT min (fid) FROM groups_household WHERE list = %" G_GINT64_FORMAT, kept);

    gtk_toggle_button_set_active (
      GTK_TOGGLE_BUTTON (stead_test_find_by_name (page, "view-list")), TRUE);
    stead_window_show_page (window, "map");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "groups.show-record", "x",
                                               count (ws, first)));
    g_assert_cmpstr (stead_window_get_page_id (window), ==, "groups.groups");
    stead_test_iterate_until (stead_test_is_mapped, view);
    g_assert_true (gtk_list_box_row_is_selected (
      GTK_LIST_BOX_ROW (list_row (view, "Severn Water PSR"))));
    g_assert_nonnull (strstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (
                                stead_test_find_by_name (view, "households"))),
                              "Severn Water PSR"));
  }

  /* Cancel changes nothing. */
  click (stead_test_find_by_name (row, "purge"));
  dialog = wait_dialog (heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "3 households"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Midshires PSR extract"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "cannot be undone"));
  respond (dialog, "cancel");
  stead_test_iterate_until (dialog_is_closed, heading);
  g_assert_cmpint (count (ws, households_sql), ==, 3);

  click (stead_test_find_by_name (row, "purge"));
  dialog = wait_dialog (heading);
  respond (dialog, "purge");
  stead_test_iterate_until (dialog_is_closed, heading);
  g_assert_cmpint (count (ws, households_sql), ==, 0);
  g_assert_cmpint (count (ws, needs_sql), ==, 0);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM need"), ==, needs - 3);
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT count(*) FROM groups_household WHERE list = %" G_GINT64_FORMAT, kept);

    g_assert_cmpint (count (ws, sql), ==, 2);
  }
  /* Purged: said so, and nothing left to purge. */
  stead_test_iterate (100);
  row = list_row (view, "Midshires PSR extract");
  g_assert_true (g_str_has_prefix (
    gtk_label_get_text (GTK_LABEL (stead_test_find_by_name (row, "countdown"))), "Purged"));
  g_assert_false (gtk_widget_get_sensitive (stead_test_find_by_name (row, "purge")));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
shows_text (GtkWidget  *root,
            const char *fragment)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && strstr (gtk_label_get_text (GTK_LABEL (child)), fragment))
        return TRUE;
      if (shows_text (child, fragment))
        return TRUE;
    }
  return FALSE;
}

/* Households' names, phones and references are shown only while
 * show-personal-data is on, and hidden again when it goes off. */
static void
test_personal_data (void)
{
  SteadWindow *window = open_window ("personal.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GSettings *settings = stead_application_get_settings (app);
  GtkWidget *page = show_groups_page (window);
  GtkWidget *view = stead_test_find_by_name (page, "households");
  gint64 group = count (ws, "SELECT id FROM groups_group WHERE category = 'power-dependent'");
  GtkWidget *rows;

  g_assert_false (g_settings_get_boolean (settings, "show-personal-data"));
  add_list (ws, group, "Midshires PSR extract", 30, 3);
  gtk_toggle_button_set_active (
    GTK_TOGGLE_BUTTON (stead_test_find_by_name (page, "view-households")), TRUE);
  stead_test_iterate_until (stead_test_is_mapped, view);
  stead_test_iterate (200);
  /* This list's households (the demo may bring lists of its own). */
  g_signal_emit_by_name (list_row (view, "Midshires PSR extract"), "activate");
  g_assert_nonnull (strstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (
                              stead_test_find_by_name (view, "households"))),
                            "Midshires PSR extract"));
  rows = stead_test_find_by_name (view, "household-rows");
  g_assert_true (gtk_widget_get_visible (stead_test_find_by_name (view, "personal-hidden")));
  g_assert_false (gtk_widget_get_mapped (rows));
  g_assert_null (gtk_column_view_get_model (GTK_COLUMN_VIEW (rows)));
  g_assert_false (shows_text (GTK_WIDGET (window), "Ada Fictional"));
  g_assert_false (shows_text (GTK_WIDGET (window), "01684 000000"));
  g_assert_false (shows_text (GTK_WIDGET (window), "PSR-Midshires"));

  g_settings_set_boolean (settings, "show-personal-data", TRUE);
  stead_test_iterate_until (stead_test_is_mapped, rows);
  stead_test_iterate_until_count (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (rows))),
                                  3);
  stead_test_iterate (200);
  g_assert_true (shows_text (rows, "Ada Fictional 0"));
  g_assert_false (gtk_widget_get_visible (stead_test_find_by_name (view, "personal-hidden")));

  g_settings_set_boolean (settings, "show-personal-data", FALSE);
  stead_test_iterate (100);
  g_assert_false (gtk_widget_get_mapped (rows));
  g_assert_null (gtk_column_view_get_model (GTK_COLUMN_VIEW (rows)));
  g_assert_false (shows_text (GTK_WIDGET (window), "Ada Fictional"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The privacy settings of the workspace, each change one undo step. */
static void
test_settings (void)
{
  SteadWindow *window = open_window ("settings.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_groups_page (window);
  GtkWidget *view = stead_test_find_by_name (page, "households");
  GtkSpinButton *suppress, *zoom;

  gtk_toggle_button_set_active (
    GTK_TOGGLE_BUTTON (stead_test_find_by_name (page, "view-households")), TRUE);
  stead_test_iterate_until (stead_test_is_mapped, view);
  suppress = GTK_SPIN_BUTTON (stead_test_find_by_name (view, "suppress-below"));
  zoom = GTK_SPIN_BUTTON (stead_test_find_by_name (view, "privacy-zoom"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (suppress), ==, 5);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (zoom), ==, 15);
  gtk_spin_button_set_value (suppress, 10);
  g_assert_cmpint (count (ws, "SELECT value FROM groups_setting WHERE key = 'suppress-below'"),
                   ==, 10);
  gtk_spin_button_set_value (zoom, 17);
  g_assert_cmpint (count (ws, "SELECT value FROM groups_setting WHERE key = 'privacy-zoom'"),
                   ==, 17);
  undo (window);
  stead_test_iterate (50);
  g_assert_cmpint (count (ws, "SELECT value FROM groups_setting WHERE key = 'privacy-zoom'"),
                   ==, 15);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (zoom), ==, 15);
  g_assert_cmpint (count (ws, "SELECT value FROM groups_setting WHERE key = 'suppress-below'"),
                   ==, 10);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
page_is_gone (gpointer window)
{
  return stead_window_get_page (window, "groups.groups") == NULL;
}

static gboolean
page_is_back (gpointer window)
{
  return stead_window_get_page (window, "groups.groups") != NULL;
}

/* Switched off while the coverage is being worked out, and on again:
 * the page goes and comes back, with nothing left behind or warned. */
static void
test_switch_off (void)
{
  SteadWindow *window = open_window ("switch.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.steadapp.Stead");
  g_auto(GStrv) before = g_settings_get_strv (settings, "enabled-plugins");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) without = NULL;
  GtkWidget *page = show_groups_page (window);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; before[i] != NULL; i++)
    if (!g_str_equal (before[i], "groups"))
      g_strv_builder_add (builder, before[i]);
  without = g_strv_builder_end (builder);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (stead_test_find_by_name (page, "view-coverage")),
                                TRUE);
  /* A change: the coverage is computed again as the page goes. */
  stead_workspace_edit (ws, "groups", "Test", "UPDATE groups_count SET count = count + 1", NULL, 0,
                        &error);
  g_assert_no_error (error);
  g_settings_set_strv (settings, "enabled-plugins", (const char * const *) without);
  stead_test_iterate_until (page_is_gone, window);
  stead_test_iterate (200);
  g_settings_set_strv (settings, "enabled-plugins", (const char * const *) before);
  stead_test_iterate_until (page_is_back, window);
  show_groups_page (window);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *enabled[] = { "partners", "risks", "groups", NULL };

  app = stead_test_app_new (&argc, &argv, enabled, &tmp_dir);

  g_test_add_func ("/ui/groups/add-group", test_add_group);
  g_test_add_func ("/ui/groups/counts", test_counts);
  g_test_add_func ("/ui/groups/places", test_places);
  g_test_add_func ("/ui/groups/reach", test_reach);
  g_test_add_func ("/ui/groups/engagement", test_engagement);
  g_test_add_func ("/ui/groups/exposure", test_exposure);
  g_test_add_func ("/ui/groups/coverage", test_coverage);
  g_test_add_func ("/ui/groups/purge", test_purge);
  g_test_add_func ("/ui/groups/personal-data", test_personal_data);
  g_test_add_func ("/ui/groups/settings", test_settings);
  g_test_add_func ("/ui/groups/switch-off", test_switch_off);

  return stead_test_app_run (app, tmp_dir);
}
