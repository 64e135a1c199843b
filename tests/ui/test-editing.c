/* test-editing.c: editing never loses the user's work (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stead-test-util.h"

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

/* The message dialog the window shows now (a form, a question). */
static GtkWidget *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return find_dialog () != NULL;
}

/* As a click on the dialog's button: the response, then it closes. */
static void
respond (GtkWidget  *dialog,
         const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static gboolean
has_no_dialog (gpointer data)
{
  return find_dialog () == NULL;
}

/* Shows the Partners page with the organisation @id selected. */
static GtkWidget *
select_partner (SteadWindow *window,
                gint64       id)
{
  GtkWidget *page = stead_window_get_page (window, "partners.directory");
  GtkWidget *records;

  stead_window_show_page (window, "partners.directory");
  stead_test_iterate_until (stead_test_is_mapped, page);
  records = gtk_widget_get_ancestor (stead_test_find_by_name (page, "records"),
                                     STEAD_TYPE_RECORD_PAGE);
  g_assert_true (stead_record_page_select (STEAD_RECORD_PAGE (records), id));
  return page;
}

static gboolean
has_no_window (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
has_items (gpointer model)
{
  return g_list_model_get_n_items (model) > 0;
}

/* Editing a site and saving it: saved, one undo step, and no critical
 * (the suite runs with fatal criticals). */
static void
test_save_site (void)
{
  SteadWindow *window = open_window ("sites.gpkg", TRUE);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = select_partner (
    window, count (ws, "SELECT organisation FROM partners_site ORDER BY fid LIMIT 1"));
  GtkWidget *sites = stead_test_find_by_name (page, "sites");
  GListModel *model;
  GtkWidget *dialog, *name;
  g_autoptr(SteadRecord) site = NULL;
  g_autofree char *sql = NULL;

  g_assert_nonnull (sites);
  model = stead_record_list_get_model (STEAD_RECORD_LIST (sites));
  g_assert_nonnull (model);
  stead_test_iterate_until (has_items, model);
  site = g_list_model_get_item (model, 0);
  g_signal_emit_by_name (sites, "edit", site);
  stead_test_iterate_until (has_dialog, NULL);
  dialog = find_dialog ();
  name = stead_test_find_by_name (dialog, "name");
  g_assert_nonnull (name);
  gtk_editable_set_text (GTK_EDITABLE (name), "Renamed depot");
  respond (dialog, "save");
  stead_test_iterate_until (has_no_dialog, NULL);
  sql = g_strdup_printf ("SELECT count(*) FROM partners_site WHERE fid = %" G_GINT64_FORMAT
                         " AND name = 'Renamed depot'", stead_record_get_id (site));
  g_assert_cmpint (count (ws, sql), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (count (ws, sql), ==, 0);

  /* A new site too. */
  {
    gint64 before = count (ws, "SELECT count(*) FROM partners_site");

    g_signal_emit_by_name (sites, "add");
    stead_test_iterate_until (has_dialog, NULL);
    dialog = find_dialog ();
    gtk_editable_set_text (GTK_EDITABLE (stead_test_find_by_name (dialog, "name")), "New hall");
    respond (dialog, "save");
    stead_test_iterate_until (has_no_dialog, NULL);
    g_assert_cmpint (count (ws, "SELECT count(*) FROM partners_site"), ==, before + 1);
  }

  /* Placed by its postcode instead of a position; then placed again. */
  g_signal_emit_by_name (sites, "edit", site);
  stead_test_iterate_until (has_dialog, NULL);
  dialog = find_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (stead_test_find_by_name (dialog, "position")), "");
  gtk_editable_set_text (GTK_EDITABLE (stead_test_find_by_name (dialog, "postcode")), "GL20 5PT");
  respond (dialog, "save");
  stead_test_iterate_until (has_no_dialog, NULL);
  g_signal_emit_by_name (sites, "edit", site);
  stead_test_iterate_until (has_dialog, NULL);
  dialog = find_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (stead_test_find_by_name (dialog, "position")),
                         "51.99, -2.1");
  respond (dialog, "save");
  stead_test_iterate_until (has_no_dialog, NULL);
  stead_window_show_page (window, "map");
  stead_test_iterate (200);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
detail_row (GtkWidget  *page,
            const char *label)
{
  GtkWidget *row = stead_test_find_by_label (stead_test_find_by_name (page, "detail"), label);

  g_assert_nonnull (row);
  return row;
}

static gboolean
is_not_modified (gpointer row)
{
  return !stead_entry_row_get_modified (row);
}

static gint64
first_partner (SteadWorkspace *ws)
{
  return count (ws, "SELECT id FROM partners_organisation ORDER BY name LIMIT 1");
}

/* Escape puts the saved value back; leaving the row saves, once. */
static void
test_escape_and_focus_out (void)
{
  SteadWindow *window = open_window ("escape.gpkg", TRUE);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  gint64 id = first_partner (ws);
  GtkWidget *page = select_partner (window, id);
  GtkWidget *row = detail_row (page, "Website");
  g_autofree char *saved = stead_test_text (ws, "SELECT website FROM partners_organisation "
                                                "ORDER BY name LIMIT 1");
  GtkWidget *other = detail_row (page, "Description");

  /* Typed, then Escape (the key the row's controller hears). */
  gtk_widget_grab_focus (row);
  stead_test_iterate_until (stead_test_is_mapped, row);
  gtk_editable_set_text (GTK_EDITABLE (row), "https://typed.example.org");
  g_assert_true (stead_entry_row_get_modified (STEAD_ENTRY_ROW (row)));
  if (stead_test_have_xdotool ())
    {
      SteadTestFocus focus = { GTK_WIDGET (window), row };

      gtk_window_present (GTK_WINDOW (window));
      stead_test_iterate_until (stead_test_has_focus_in, &focus);
      stead_test_keys ("Escape");
      stead_test_iterate_until (is_not_modified, row);
    }
  else
    stead_entry_row_revert (STEAD_ENTRY_ROW (row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, saved != NULL ? saved : "");
  g_assert_false (stead_entry_row_get_modified (STEAD_ENTRY_ROW (row)));
  g_assert_cmpint (count (ws, "SELECT count(*) FROM partners_organisation WHERE website = "
                              "'https://typed.example.org'"), ==, 0);

  /* Typed, then the focus moves on: saved, as one undo step. */
  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "https://left.example.org");
  gtk_widget_grab_focus (other);
  stead_test_iterate (50);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM partners_organisation WHERE website = "
                              "'https://left.example.org'"), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (count (ws, "SELECT count(*) FROM partners_organisation WHERE website = "
                              "'https://left.example.org'"), ==, 0);

  /* Typed, then Enter: saved, and the row stays where it was. */
  if (stead_test_have_xdotool ())
    {
      SteadTestFocus focus = { GTK_WIDGET (window), row };

      gtk_widget_grab_focus (row);
      stead_test_iterate_until (stead_test_has_focus_in, &focus);
      gtk_editable_set_text (GTK_EDITABLE (row), "https://entered.example.org");
      stead_test_keys ("Return");
      stead_test_iterate_until (is_not_modified, row);
      g_assert_cmpint (count (ws, "SELECT count(*) FROM partners_organisation WHERE website = "
                                  "'https://entered.example.org'"), ==, 1);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Typing not yet saved when another workspace opens in the window is
 * saved first, into the workspace it was typed for. */
static void
test_pending_edit_survives_switch (void)
{
  SteadWindow *window = open_window ("switch-a.gpkg", TRUE);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  g_autofree char *a = g_strdup (stead_workspace_get_path (ws));
  g_autofree char *b = g_build_filename (tmp_dir, "switch-b.gpkg", NULL);
  GtkWidget *page = select_partner (window, first_partner (ws));
  GtkWidget *row = detail_row (page, "Areas Served");
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(SteadWorkspace) other =
      stead_workspace_create (b, "Elsewhere", stead_application_get_plugin_engine (app), &error);

    g_assert_no_error (error);
    stead_workspace_close (other);
  }
  gtk_editable_set_text (GTK_EDITABLE (row), "Typed before the switch");
  g_assert_true (stead_window_open_workspace (window, b, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stead_workspace_get_path (stead_window_get_workspace (window)), ==, b);
  g_assert_true (stead_window_open_workspace (window, a, &error));
  g_assert_no_error (error);
  ws = stead_window_get_workspace (window);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM partners_organisation WHERE areas_served = "
                              "'Typed before the switch'"), ==, 1);

  /* And a value that cannot be saved keeps the window on its workspace. */
  page = select_partner (window, first_partner (ws));
  row = detail_row (page, "Name");
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_assert_false (stead_window_open_workspace (window, b, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Name"));
  g_clear_error (&error);
  g_assert_cmpstr (stead_workspace_get_path (stead_window_get_workspace (window)), ==, a);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Closing the window saves what was typed; what cannot be saved is
 * asked about, and the window stays until the user discards it. */
static void
test_pending_edit_survives_close (void)
{
  SteadWindow *window = open_window ("close.gpkg", TRUE);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  g_autofree char *path = g_strdup (stead_workspace_get_path (ws));
  gint64 id = first_partner (ws);
  GtkWidget *page = select_partner (window, id);
  GtkWidget *row = detail_row (page, "Areas Served");
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  gtk_editable_set_text (GTK_EDITABLE (row), "Typed before closing");
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  stead_test_iterate_until (has_no_window, &window);
  {
    g_autoptr(SteadWorkspace) reopened =
      stead_workspace_open (path, stead_application_get_plugin_engine (app), &error);

    g_assert_no_error (error);
    g_assert_cmpint (count (reopened, "SELECT count(*) FROM partners_organisation "
                                      "WHERE areas_served = 'Typed before closing'"), ==, 1);
    stead_workspace_close (reopened);
  }

  window = stead_window_new (ADW_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (stead_window_open_workspace (window, path, &error));
  g_assert_no_error (error);
  page = select_partner (window, id);
  row = detail_row (page, "Name");
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  gtk_window_close (GTK_WINDOW (window));
  stead_test_iterate_until (has_dialog, NULL);
  dialog = find_dialog ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "Name"));
  /* Keep Editing: the window and the typing stay. */
  respond (dialog, "keep");
  stead_test_iterate_until (has_no_dialog, NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  /* Discard: it closes, and the name is as it was. */
  gtk_window_close (GTK_WINDOW (window));
  stead_test_iterate_until (has_dialog, NULL);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  respond (find_dialog (), "discard");
  stead_test_iterate_until (has_no_window, &window);
  {
    g_autoptr(SteadWorkspace) reopened =
      stead_workspace_open (path, stead_application_get_plugin_engine (app), &error);
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM partners_organisation WHERE "
                                            "id = %" G_GINT64_FORMAT " AND name != ''", id);

    g_assert_no_error (error);
    g_assert_cmpint (count (reopened, sql), ==, 1);
    stead_workspace_close (reopened);
  }
}

static gboolean
on_show_help (SteadApplication *application,
              const char       *uri,
              char            **shown)
{
  g_free (*shown);
  *shown = g_strdup (uri);
  return TRUE;
}

static gboolean
has_string (gpointer data)
{
  return *(char **) data != NULL;
}

static gboolean
is_primary_menu_button (GtkWidget  *widget,
                        const char *unused)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget));
}

static GtkWidget *
find_primary_menu_button (GtkWidget *root)
{
  if (is_primary_menu_button (root, NULL))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_primary_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The label of the menu item (in sections too) that activates @action. */
static char *
menu_label_for (GMenuModel *menu,
                const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *item_action = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      char *label = NULL;

      if (section != NULL && (label = menu_label_for (section, action)) != NULL)
        return label;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) &&
          g_str_equal (item_action, action) &&
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        return label;
    }
  return NULL;
}

/* F1 and Help in the main menu open the user guide (the launcher is
 * mocked: the test takes the signal the default handler would answer). */
static void
test_help (void)
{
  SteadWindow *window = open_window ("help.gpkg", FALSE);
  g_autofree char *shown = NULL;
  g_autofree char *label = NULL;
  GtkWidget *menu_button = find_primary_menu_button (GTK_WIDGET (window));
  gulong id = g_signal_connect (app, "show-help", G_CALLBACK (on_show_help), &shown);

  g_assert_nonnull (menu_button);
  label = menu_label_for (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)),
                          "app.help");
  g_assert_cmpstr (label, ==, "_Help");
  {
    g_auto(GStrv) accels =
      gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");

    g_assert_nonnull (accels);
    g_assert_cmpstr (accels[0], ==, "F1");
  }
  if (stead_test_have_xdotool ())
    {
      gtk_window_present (GTK_WINDOW (window));
      stead_test_iterate_until (stead_test_is_mapped, window);
      stead_test_iterate (100);
      stead_test_keys ("F1");
    }
  else
    g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  stead_test_iterate_until (has_string, &shown);
  g_assert_cmpstr (shown, ==, "help:io.github.steadapp.Stead");
  g_signal_handler_disconnect (app, id);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A note of contact typed for one partner stays that partner's when
 * another is chosen, or the workspace closes, before it is added. */
static void
test_pending_note (void)
{
  SteadWindow *window = open_window ("note.gpkg", TRUE);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  g_autofree char *path = g_strdup (stead_workspace_get_path (ws));
  gint64 first = first_partner (ws);
  gint64 second = count (ws, "SELECT id FROM partners_organisation ORDER BY name LIMIT 1 OFFSET 1");
  GtkWidget *page = select_partner (window, first);
  GtkWidget *entry = stead_test_find_by_name (page, "add-note");
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Called about the rest centre");
  select_partner (window, second);
  sql = g_strdup_printf ("SELECT count(*) FROM partners_log WHERE organisation = %" G_GINT64_FORMAT
                         " AND note = 'Called about the rest centre'", first);
  g_assert_cmpint (count (ws, sql), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  /* Typed for the second, then the workspace closes. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Left a message");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-workspace", NULL));
  g_assert_cmpstr (stead_window_get_view_name (window), ==, "welcome");
  g_clear_pointer (&sql, g_free);
  {
    g_autoptr(SteadWorkspace) reopened =
      stead_workspace_open (path, stead_application_get_plugin_engine (app), &error);

    g_assert_no_error (error);
    sql = g_strdup_printf ("SELECT count(*) FROM partners_log WHERE organisation = %"
                           G_GINT64_FORMAT " AND note = 'Left a message'", second);
    g_assert_cmpint (count (reopened, sql), ==, 1);
    stead_workspace_close (reopened);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Quitting asks about a change that cannot be saved, and the app stays. */
static void
test_quit_asks (void)
{
  SteadWindow *window = open_window ("quit.gpkg", TRUE);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = select_partner (window, first_partner (ws));
  GtkWidget *row = detail_row (page, "Name");

  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  stead_test_iterate_until (has_dialog, NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_false (stead_workspace_is_closed (ws));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  respond (find_dialog (), "discard");
  stead_test_iterate_until (has_no_window, &window);
}

/* A list of the selected record's children follows the selection: the
 * one model is moved to the next record (no rows rebuilt from nothing),
 * counted against the table; nothing selected, no rows. */
static void
test_children_follow (void)
{
  SteadWindow *window = open_window ("follow.gpkg", TRUE);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  gint64 first = count (ws, "SELECT min (organisation) FROM partners_site");
  gint64 second = count (ws, "SELECT min (organisation) FROM partners_site "
                             "WHERE organisation > (SELECT min (organisation) FROM partners_site)");
  g_autofree char *sql_second = g_strdup_printf (
    "SELECT count(*) FROM partners_site WHERE organisation = %" G_GINT64_FORMAT, second);
  g_autofree char *sql_first = g_strdup_printf (
    "SELECT count(*) FROM partners_site WHERE organisation = %" G_GINT64_FORMAT, first);
  GtkWidget *page = select_partner (window, first);
  SteadRecordList *sites = STEAD_RECORD_LIST (stead_test_find_by_name (page, "sites"));
  GListModel *model;
  g_autoptr(SteadRecordList) fresh =
    g_object_ref_sink (STEAD_RECORD_LIST (stead_record_list_new ()));

  g_assert_cmpint (second, >, first);
  model = stead_record_list_get_model (sites);
  g_assert_nonnull (model);
  stead_test_iterate_until_count (model, count (ws, sql_first));
  select_partner (window, second);
  g_assert_true (stead_record_list_get_model (sites) == model);
  stead_test_iterate_until_count (model, count (ws, sql_second));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SteadRecord) site = g_list_model_get_item (model, i);
      g_autofree char *owner = g_strdup_printf (
        "SELECT organisation FROM partners_site WHERE fid = %" G_GINT64_FORMAT,
        stead_record_get_id (site));

      g_assert_cmpint (count (ws, owner), ==, second);
    }

  /* Nothing selected: no model; a list with none yet asks for one. */
  g_assert_true (stead_record_list_follow (sites, 0));
  g_assert_null (stead_record_list_get_model (sites));
  g_assert_false (stead_record_list_follow (fresh, second));
  g_assert_null (stead_record_list_get_model (fresh));
  g_assert_true (stead_record_list_follow (fresh, 0));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *enabled[] = { "partners", "risks", NULL };

  app = stead_test_app_new (&argc, &argv, enabled, &tmp_dir);

  g_test_add_func ("/ui/editing/save-site", test_save_site);
  g_test_add_func ("/ui/editing/children-follow", test_children_follow);
  g_test_add_func ("/ui/editing/escape-and-focus-out", test_escape_and_focus_out);
  g_test_add_func ("/ui/editing/pending-edit-survives-switch", test_pending_edit_survives_switch);
  g_test_add_func ("/ui/editing/pending-edit-survives-close", test_pending_edit_survives_close);
  g_test_add_func ("/ui/editing/pending-note", test_pending_note);
  g_test_add_func ("/ui/editing/quit-asks", test_quit_asks);
  g_test_add_func ("/ui/help/f1-and-menu", test_help);

  return stead_test_app_run (app, tmp_dir);
}
