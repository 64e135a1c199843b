/* test-window.c: the window as a user meets it (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stead-gtk.h>

#include "stead-test-util.h"

#include "stead-import-dialog-private.h"
#include "stead-window-private.h"

static SteadApplication *app;
static char *tmp_dir;

static GtkWidget *
find_named (GtkWidget  *root,
            GType       type,
            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = find_named (child, type, name)))
        return found;
    }
  return NULL;
}

static SteadWindow *
new_window (void)
{
  SteadWindow *window = stead_window_new (ADW_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  stead_test_iterate_until (stead_test_is_mapped, window);
  return window;
}

static char *
new_workspace (const char *name)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadWorkspace) ws =
    stead_workspace_create (path, "Windowshire", stead_application_get_plugin_engine (app), &error);

  g_assert_no_error (error);
  stead_workspace_close (ws);
  return path;
}

static void
test_welcome (void)
{
  SteadWindow *window = new_window ();

  g_assert_cmpstr (stead_window_get_view_name (window), ==, "welcome");
  g_assert_null (stead_window_get_workspace (window));

  /* The map follows the base-map setting (offline in the tests). */
  {
    GSettings *settings = stead_application_get_settings (app);
    SteadMapView *map = stead_window_get_map_view (window);

    g_assert_cmpint (stead_map_view_get_base_map (map), ==, STEAD_BASE_MAP_OFFLINE);
    g_settings_set_string (settings, "base-map", "openstreetmap");
    g_assert_cmpint (stead_map_view_get_base_map (map), ==, STEAD_BASE_MAP_OPENSTREETMAP);
    g_settings_set_string (settings, "base-map", "offline");
    g_assert_cmpint (stead_map_view_get_base_map (map), ==, STEAD_BASE_MAP_OFFLINE);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_open_shows_plugin_page (void)
{
  SteadWindow *window = new_window ();
  SteadPluginEngine *engine = stead_application_get_plugin_engine (app);
  g_autofree char *path = new_workspace ("pages.gpkg");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) recents = NULL;

  g_assert_true (stead_window_open_workspace (window, path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stead_window_get_view_name (window), ==, "workspace");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Windowshire");

  /* The sidebar lists the Map and the test plugin's page. */
  g_assert_nonnull (stead_window_get_page (window, "map"));
  g_assert_nonnull (stead_window_get_page (window, "testplugin.items"));
  g_assert_nonnull (find_named (GTK_WIDGET (window), GTK_TYPE_LIST_BOX_ROW, "map"));
  g_assert_nonnull (find_named (GTK_WIDGET (window), GTK_TYPE_LIST_BOX_ROW, "testplugin.items"));

  /* Its map layer is on the map. */
  {
    GtkWidget *layer = GTK_WIDGET (
      stead_map_view_get_named_layer (stead_window_get_map_view (window), "Test items"));

    g_assert_nonnull (layer);
    g_assert_true (gtk_widget_get_parent (layer) ==
                   GTK_WIDGET (stead_map_view_get_map (stead_window_get_map_view (window))));
  }

  /* Switched off in Preferences: the page and the layer go at once. */
  {
    g_autoptr(GtkWidget) layer = g_object_ref (GTK_WIDGET (
      stead_map_view_get_named_layer (stead_window_get_map_view (window), "Test items")));

    g_assert_true (stead_plugin_engine_set_enabled (engine, "testplugin", FALSE, &error));
    g_assert_null (gtk_widget_get_parent (layer));
  }
  g_assert_null (stead_window_get_page (window, "testplugin.items"));
  g_assert_null (find_named (GTK_WIDGET (window), GTK_TYPE_LIST_BOX_ROW, "testplugin.items"));

  /* And back. */
  g_assert_true (stead_plugin_engine_set_enabled (engine, "testplugin", TRUE, &error));
  g_assert_nonnull (stead_window_get_page (window, "testplugin.items"));
  g_assert_nonnull (find_named (GTK_WIDGET (window), GTK_TYPE_LIST_BOX_ROW, "testplugin.items"));

  /* It is now the most recent workspace. */
  recents = g_settings_get_strv (stead_application_get_settings (app), "recent-workspaces");
  g_assert_nonnull (recents[0]);
  g_assert_true (g_str_has_suffix (recents[0], "pages.gpkg"));

  /* Closing goes back to the welcome page, with nothing left behind. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-workspace", NULL);
  g_assert_cmpstr (stead_window_get_view_name (window), ==, "welcome");
  g_assert_null (stead_window_get_page (window, "testplugin.items"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Pages are made when first shown, not before the first frame; made on
 * demand, they work: a record shown through an action opens its page
 * with it, and a page asked for by id is there. */
static void
test_pages_built_on_first_show (void)
{
  SteadWindow *window = new_window ();
  g_autofree char *path = new_workspace ("lazy.gpkg");
  g_autoptr(GError) error = NULL;
  SteadWorkspace *ws;
  gint64 fid;

  g_assert_true (stead_window_open_workspace (window, path, &error));
  g_assert_no_error (error);
  ws = stead_window_get_workspace (window);
  stead_workspace_edit (ws, "core", "Add need",
                        "INSERT INTO need (kind, opened) VALUES ('food', '2026-01-01T00:00:00Z')",
                        NULL, 0, &error);
  g_assert_no_error (error);
  fid = stead_test_count (ws, "SELECT max (fid) FROM need");
  gtk_window_present (GTK_WINDOW (window));
  stead_test_iterate (300);

  /* Only the map is made; the others are in the sidebar all the same. */
  g_assert_true (stead_window_is_page_built (window, "map"));
  g_assert_false (stead_window_is_page_built (window, "core.needs"));
  g_assert_false (stead_window_is_page_built (window, "core.resources"));
  g_assert_false (stead_window_is_page_built (window, "testplugin.items"));
  g_assert_nonnull (find_named (GTK_WIDGET (window), GTK_TYPE_LIST_BOX_ROW, "core.needs"));
  g_assert_nonnull (find_named (GTK_WIDGET (window), GTK_TYPE_LIST_BOX_ROW, "testplugin.items"));

  /* Chosen in the sidebar: made, and shown. */
  stead_window_show_page (window, "testplugin.items");
  g_assert_true (stead_window_is_page_built (window, "testplugin.items"));
  g_assert_cmpstr (stead_window_get_page_id (window), ==, "testplugin.items");
  g_assert_true (gtk_widget_get_visible (stead_window_get_page (window, "testplugin.items")));
  g_assert_false (stead_window_is_page_built (window, "core.needs"));

  /* A record shown by an action (search, Open Record): its page is made
   * and shows it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "core.show", "(sx)", "need",
                                             fid));
  g_assert_true (stead_window_is_page_built (window, "core.needs"));
  g_assert_cmpstr (stead_window_get_page_id (window), ==, "core.needs");
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (stead_window_get_page (window, "core.needs")), ==,
                   "SteadNeedsPage");

  /* Asked for by id: made then. */
  g_assert_false (stead_window_is_page_built (window, "core.resources"));
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (stead_window_get_page (window, "core.resources")), ==,
                   "SteadResourcesPage");
  g_assert_true (stead_window_is_page_built (window, "core.resources"));
  g_assert_cmpstr (stead_window_get_page_id (window), ==, "core.needs");

  /* Closing takes the made and the unmade pages alike. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-workspace", NULL);
  g_assert_false (stead_window_is_page_built (window, "core.needs"));
  g_assert_null (find_named (GTK_WIDGET (window), GTK_TYPE_LIST_BOX_ROW, "core.needs"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_bad_file (void)
{
  SteadWindow *window = new_window ();
  g_autofree char *path = g_build_filename (tmp_dir, "notes.gpkg", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "this is not a workspace\n", -1, &error);
  g_assert_no_error (error);
  g_assert_false (stead_window_open_workspace (window, path, &error));
  g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_SQLITE);
  g_assert_cmpstr (stead_window_get_view_name (window), ==, "welcome");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A workspace made by a newer Stead opens, read-only, and the window says
 * so above the page; a change is refused. */
static void
test_read_only_banner (void)
{
  SteadWindow *window = new_window ();
  g_autofree char *path = new_workspace ("future.gpkg");
  g_autoptr(GError) error = NULL;
  GtkWidget *banner;
  GtkWidget *label;
  SteadTransaction *txn;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO stead_schema (owner, version, file, applied) VALUES "
                                 "('core', 99, 'from-the-future.sql', "
                                 "'2031-01-01T00:00:00.000Z')",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_true (stead_window_open_workspace (window, path, &error));
  g_assert_no_error (error);
  banner = find_named (GTK_WIDGET (window), GTK_TYPE_REVEALER, "read-only-banner");
  g_assert_nonnull (banner);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  label = gtk_widget_get_first_child (gtk_revealer_get_child (GTK_REVEALER (banner)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "newer Stead"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "99"));

  txn = stead_workspace_begin (stead_window_get_workspace (window), "testplugin", "Add item",
                               &error);
  g_assert_null (txn);
  g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* A workspace that can be edited has no banner. */
  g_clear_pointer (&path, g_free);
  path = new_workspace ("present.gpkg");
  g_assert_true (stead_window_open_workspace (window, path, &error));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gint64
count_items (SteadWorkspace *ws)
{
  return stead_workspace_count_rows (ws, "testplugin_item");
}

static void
test_undo_redo (void)
{
  SteadWindow *window = new_window ();
  g_autofree char *path = new_workspace ("undo.gpkg");
  g_autoptr(GError) error = NULL;
  SteadWorkspace *ws;
  SteadTransaction *txn;

  g_assert_true (stead_window_open_workspace (window, path, &error));
  ws = stead_window_get_workspace (window);
  g_assert_false (stead_workspace_can_undo (ws));

  txn = stead_workspace_begin (ws, "testplugin", "Add item", &error);
  g_assert_true (stead_transaction_exec (
    txn, "INSERT INTO testplugin_item (title) VALUES ('Sandbags')", &error));
  g_assert_true (stead_transaction_commit (txn, &error));
  g_assert_cmpint (count_items (ws), ==, 1);

  /* Ctrl+Z runs win.undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (count_items (ws), ==, 0);
  g_assert_true (stead_workspace_can_redo (ws));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpint (count_items (ws), ==, 1);

  {
    g_auto(GStrv) undo = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.undo");
    g_auto(GStrv) redo = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.redo");

    g_assert_cmpstr (undo[0], ==, "<Control>z");
    g_assert_cmpstr (redo[0], ==, "<Shift><Control>z");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
dialog_idle (gpointer data)
{
  return !stead_import_dialog_is_busy (data);
}

static gboolean
is_destroyed (gpointer data)
{
  return *(gboolean *) data;
}

static void
set_true (gboolean *flag)
{
  *flag = TRUE;
}

/* The import dialog: it checks the file at once (nothing changes), the
 * user maps a column, the check runs again, Import commits, Undo undoes. */
static void
test_import_dialog (void)
{
  SteadWindow *window = new_window ();
  g_autofree char *path = new_workspace ("import.gpkg");
  g_autofree char *csv = g_build_filename (tmp_dir, "shelters.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(GError) error = NULL;
  SteadImportDialog *dialog;
  SteadImportResult *result;
  SteadWorkspace *ws;
  gboolean destroyed = FALSE;

  g_file_set_contents (csv, "Site,Kind,Places,X,Y\n"
                            "Town Hall,rest-centre,120,-2.16,51.99\n"
                            "School,rest-centre,80,-2.15,51.98\n"
                            "Bad,rest-centre,many,-2.15,51.98\n", -1, &error);
  g_assert_no_error (error);
  g_assert_true (stead_window_open_workspace (window, path, &error));
  ws = stead_window_get_workspace (window);

  dialog = STEAD_IMPORT_DIALOG (stead_window_import_file (window, file));
  g_assert_nonnull (dialog);
  g_signal_connect_swapped (dialog, "destroy", G_CALLBACK (set_true), &destroyed);
  g_assert_true (stead_import_dialog_select_format (dialog, "resources-csv"));
  stead_test_iterate_until (dialog_idle, dialog);

  /* Without a title column the dry run still counts; with "Places" mapped
   * to capacity, the third row is rejected with its line. */
  g_assert_true (stead_import_dialog_set_column (dialog, "title", "Site"));
  g_assert_true (stead_import_dialog_set_column (dialog, "capacity", "Places"));
  stead_test_iterate_until (dialog_idle, dialog);
  result = stead_import_dialog_get_result (dialog);
  g_assert_nonnull (result);
  g_assert_true (result->dry_run);
  g_assert_cmpuint (result->added, ==, 2);
  g_assert_cmpuint (result->rejects->len, ==, 1);
  g_assert_cmpuint (((SteadImportReject *) g_ptr_array_index (result->rejects, 0))->line, ==, 4);
  g_assert_cmpint (stead_workspace_count_rows (ws, "resource"), ==, 0);

  /* Import refuses while a record is rejected: nothing changes. */
  stead_import_dialog_import (dialog);
  stead_test_iterate_until (dialog_idle, dialog);
  g_assert_false (destroyed);
  g_assert_cmpint (stead_workspace_count_rows (ws, "resource"), ==, 0);

  /* Leave the bad column out: all three import, and the dialog closes. */
  g_assert_true (stead_import_dialog_set_column (dialog, "capacity", NULL));
  stead_test_iterate_until (dialog_idle, dialog);
  stead_import_dialog_import (dialog);
  stead_test_iterate_until (is_destroyed, &destroyed);
  g_assert_cmpint (stead_workspace_count_rows (ws, "resource"), ==, 3);

  /* One step of undo takes the whole import back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (stead_workspace_count_rows (ws, "resource"), ==, 0);

  {
    g_auto(GStrv) accels =
      gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.import");

    g_assert_cmpstr (accels[0], ==, "<Control>i");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The import dialog speaks the user's words: the format is found from the
 * content (a postcode directory named .csv is a postcode directory), a
 * file two formats fit names both, each option of the format is a
 * labelled widget of its kind, and no message shows CLI syntax. */
static void
test_import_dialog_options (void)
{
  SteadWindow *window = new_window ();
  g_autofree char *path = new_workspace ("import-options.gpkg");
  g_autofree char *either = g_build_filename (tmp_dir, "points.csv", NULL);
  g_autofree char *onspd = g_build_filename (tmp_dir, "ONSPD_FEB_2024_UK.csv", NULL);
  g_autofree char *areas = g_build_filename (tmp_dir, "wards.json", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  SteadImportDialog *dialog;
  SteadImportResult *result;
  GtkWidget *row;
  GListModel *model;
  guint food = GTK_INVALID_LIST_POSITION;

  g_file_set_contents (either, "Site,Longitude,Latitude\nHall,-2.16,51.99\n", -1, &error);
  g_file_set_contents (onspd, "pcd,pcd2,pcds,dointr,doterm,oscty,oslaua,osward,usertype,"
                              "oseast1m,osnrth1m,osgrdind,lat,long\n"
                              "GL205AA,GL20 5AA,GL20 5AA,198001,,E10000013,E07000083,E05010705,0,"
                              "389247,232765,1,51.993567,-2.158401\n", -1, &error);
  g_file_set_contents (areas, "{\"type\":\"FeatureCollection\",\"features\":[]}", -1, &error);
  g_assert_no_error (error);
  g_assert_true (stead_window_open_workspace (window, path, &error));

  /* Needs and resources read this file as well: the dialog names both. */
  file = g_file_new_for_path (either);
  dialog = STEAD_IMPORT_DIALOG (stead_window_import_file (window, file));
  stead_test_iterate_until (dialog_idle, dialog);
  g_assert_cmpstr (stead_import_dialog_get_format_note (dialog), ==,
                   "This file could be Needs (CSV) or Resources (CSV): choose which");
  g_assert_true (stead_import_dialog_select_format (dialog, "needs-csv"));
  stead_test_iterate_until (dialog_idle, dialog);
  {
    g_autofree char *summary = stead_import_dialog_get_summary (dialog);

    /* No kind yet: the message names the option by its label. */
    g_test_message ("%s", summary);
    g_assert_nonnull (strstr (summary, "“Kind of every row”"));
    g_assert_null (strstr (summary, "--"));
    g_assert_null (strstr (summary, "=…"));
  }
  row = stead_import_dialog_get_option_row (dialog, "kind");
  g_assert_true (ADW_IS_COMBO_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Kind of every row");
  model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i),
                     "Food and essential shopping"))
      food = i;
  g_assert_cmpuint (food, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), food);
  stead_test_iterate_until (dialog_idle, dialog);
  result = stead_import_dialog_get_result (dialog);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->added, ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&file);

  /* ONSPD, named .csv: a postcode directory, with a switch for its option. */
  file = g_file_new_for_path (onspd);
  dialog = STEAD_IMPORT_DIALOG (stead_window_import_file (window, file));
  stead_test_iterate_until (dialog_idle, dialog);
  g_assert_cmpstr (stead_import_dialog_get_format (dialog), ==, "postcodes");
  g_assert_cmpstr (stead_import_dialog_get_format_note (dialog), ==, "");
  row = stead_import_dialog_get_option_row (dialog, "replace");
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Replace the whole directory");
  g_assert_true (GTK_IS_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row))));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&file);

  /* GeoJSON: its options are entries with their labels. */
  file = g_file_new_for_path (areas);
  dialog = STEAD_IMPORT_DIALOG (stead_window_import_file (window, file));
  stead_test_iterate_until (dialog_idle, dialog);
  g_assert_cmpstr (stead_import_dialog_get_format (dialog), ==, "geojson-areas");
  row = stead_import_dialog_get_option_row (dialog, "name");
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Name property");
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_demo_and_shortcuts (void)
{
  SteadWindow *window = new_window ();
  g_autofree char *demo = g_build_filename (g_get_user_data_dir (), "stead", "demo.gpkg", NULL);
  SteadWorkspace *ws;

  g_unlink (demo);

  /* "Open the demo area" builds it once, then opens it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL));
  ws = stead_window_get_workspace (window);
  g_assert_nonnull (ws);
  g_assert_cmpstr (stead_workspace_get_area_name (ws), ==, "Tewkesbury (demo)");
  g_assert_cmpint (stead_workspace_count_rows (ws, "need"), ==, STEAD_DEMO_DEFAULT_SCALE);
  g_assert_cmpint (stead_workspace_count_rows (ws, "testplugin_item"), ==, 3);
  g_assert_cmpstr (stead_window_get_view_name (window), ==, "workspace");

  /* The keyboard shortcuts window is there when asked for (built then). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (gtk_widget_get_visible (
    GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)))));
  gtk_window_close (GTK_WINDOW (gtk_application_window_get_help_overlay (
    GTK_APPLICATION_WINDOW (window))));

  /* Asked again, the same demo, as it is. */
  stead_window_close_workspace (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL));
  g_assert_cmpint (stead_workspace_count_rows (stead_window_get_workspace (window), "need"), ==,
                   STEAD_DEMO_DEFAULT_SCALE);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (demo);
}

/* A demo area an earlier Stead made (no demo attribution: drawn wards) is
 * put aside, kept, and the real one made in its place. */
static void
test_old_demo_replaced (void)
{
  SteadWindow *window = new_window ();
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "stead", NULL);
  g_autofree char *demo = g_build_filename (dir, "demo.gpkg", NULL);
  g_autoptr(GDir) folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  const char *name;

  g_mkdir_with_parents (dir, 0700);
  g_unlink (demo);
  {
    g_autoptr(SteadWorkspace) old =
      stead_workspace_create (demo, "Old demo", stead_application_get_plugin_engine (app), &error);

    g_assert_no_error (error);
    stead_workspace_close (old);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL));
  g_assert_cmpstr (stead_workspace_get_area_name (stead_window_get_workspace (window)), ==,
                   "Tewkesbury (demo)");
  folder = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_prefix (name, "demo.gpkg.old-"))
      aside = g_build_filename (dir, name, NULL);
  g_assert_nonnull (aside);
  {
    g_autoptr(SteadWorkspace) kept = stead_workspace_open_full (aside, NULL,
                                                                STEAD_WORKSPACE_OPEN_READ_ONLY,
                                                                &error);
    g_assert_no_error (error);
    g_assert_cmpstr (stead_workspace_get_area_name (kept), ==, "Old demo");
  }
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (demo);
  g_unlink (aside);
}

static char *
make_mbtiles (const char *name)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE metadata (name TEXT, value TEXT);"
                                 "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, "
                                 "tile_row INTEGER, tile_data BLOB);"
                                 "INSERT INTO metadata VALUES ('format', 'png');",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  return path;
}

static void
test_maps_remembered_per_workspace (void)
{
  SteadWindow *window = new_window ();
  SteadMapView *map = stead_window_get_map_view (window);
  g_autofree char *a = new_workspace ("maps-a.gpkg");
  g_autofree char *b = new_workspace ("maps-b.gpkg");
  g_autofree char *tiles = make_mbtiles ("county.mbtiles");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) listed = NULL;

  g_assert_true (stead_window_open_workspace (window, a, &error));
  g_assert_true (stead_map_view_add_mbtiles (map, tiles, &error));
  g_assert_no_error (error);
  stead_map_view_set_base_map (map, STEAD_BASE_MAP_OPENSTREETMAP);

  /* Another area opens with its own (default) maps. */
  g_assert_true (stead_window_open_workspace (window, b, &error));
  listed = stead_map_view_get_mbtiles (map);
  g_assert_cmpuint (g_strv_length (listed), ==, 0);
  g_assert_cmpint (stead_map_view_get_base_map (map), ==, STEAD_BASE_MAP_OFFLINE);
  g_clear_pointer (&listed, g_strfreev);

  /* And the first comes back with its offline map and base map. */
  g_assert_true (stead_window_open_workspace (window, a, &error));
  listed = stead_map_view_get_mbtiles (map);
  g_assert_cmpuint (g_strv_length (listed), ==, 1);
  g_assert_cmpstr (listed[0], ==, tiles);
  g_assert_cmpint (stead_map_view_get_base_map (map), ==, STEAD_BASE_MAP_OPENSTREETMAP);

  stead_map_view_set_base_map (map, STEAD_BASE_MAP_OFFLINE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_custom_tile_server (void)
{
  SteadWindow *window = new_window ();
  SteadMapView *map = stead_window_get_map_view (window);
  GSettings *settings = stead_application_get_settings (app);
  g_autoptr(GError) error = NULL;

  /* Addresses are checked before they are used. */
  g_assert_false (
    stead_map_view_check_tile_url ("ftp://tiles.example.org/{z}/{x}/{y}.png", &error));
  g_clear_error (&error);
  g_assert_false (stead_map_view_check_tile_url ("https://tiles.example.org/tile.png", &error));
  g_assert_nonnull (strstr (error->message, "{z}"));
  g_clear_error (&error);
  g_assert_true (
    stead_map_view_check_tile_url ("https://tiles.example.org/{z}/{x}/{y}.png?key={key}", NULL));

  /* Loopback only: nothing leaves the machine in the tests. */
  g_settings_set_string (settings, "custom-tile-url", "http://127.0.0.1:9/{z}/{x}/{y}.png");
  g_settings_set_string (settings, "custom-tile-attribution", "Test tiles");
  stead_map_view_set_base_map (map, STEAD_BASE_MAP_CUSTOM);
  g_assert_cmpint (stead_map_view_get_base_map (map), ==, STEAD_BASE_MAP_CUSTOM);
  stead_map_view_set_base_map (map, STEAD_BASE_MAP_OFFLINE);
  g_settings_reset (settings, "custom-tile-url");
  g_settings_reset (settings, "custom-tile-attribution");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  /* A refused test plugin is logged as a warning on purpose. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  tmp_dir = g_dir_make_tmp ("stead-ui-XXXXXX", &error);
  g_assert_no_error (error);

  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    const char *enabled[] = { "testplugin", NULL };

    g_settings_set_strv (settings, "enabled-plugins", enabled);
    g_settings_set_string (settings, "base-map", "offline");
  }

  app = stead_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/window/welcome", test_welcome);
  g_test_add_func ("/ui/window/open-shows-plugin-page", test_open_shows_plugin_page);
  g_test_add_func ("/ui/window/pages-built-on-first-show", test_pages_built_on_first_show);
  g_test_add_func ("/ui/window/bad-file", test_bad_file);
  g_test_add_func ("/ui/window/undo-redo", test_undo_redo);
  g_test_add_func ("/ui/window/read-only-banner", test_read_only_banner);
  g_test_add_func ("/ui/window/import-dialog", test_import_dialog);
  g_test_add_func ("/ui/window/import-dialog-options", test_import_dialog_options);
  g_test_add_func ("/ui/window/demo-and-shortcuts", test_demo_and_shortcuts);
  g_test_add_func ("/ui/window/old-demo-replaced", test_old_demo_replaced);
  g_test_add_func ("/ui/window/maps-remembered-per-workspace", test_maps_remembered_per_workspace);
  g_test_add_func ("/ui/window/custom-tile-server", test_custom_tile_server);

  ret = g_test_run ();
  g_object_unref (app);
  return ret;
}
