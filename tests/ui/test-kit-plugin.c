/* test-kit-plugin.c: the test plugin, written on the kit, as a user meets it
 *
 * What a third party gets from the kit alone: its page lists the records
 * and follows every change, its map layer draws the ones with a place,
 * its importer's rows arrive (a bad one refused by line and field), the
 * workspace search finds them and opens them on the page, and a record
 * removed from the page comes back with Undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "stead-test-util.h"

static SteadApplication *app;
static char *tmp_dir;

static SteadWindow *
open_demo (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "kit.gpkg", NULL);
  g_autoptr(GError) error = NULL;
  SteadWindow *window;

  {
    g_autoptr(SteadWorkspace) ws =
      stead_workspace_create (path, "Kitshire", stead_application_get_plugin_engine (app), &error);

    g_assert_no_error (error);
    g_assert_true (stead_demo_populate (ws, 10, 1, &error));
    stead_workspace_close (ws);
  }
  window = stead_window_new (ADW_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  stead_test_iterate_until (stead_test_is_mapped, window);
  g_assert_true (stead_window_open_workspace (window, path, &error));
  g_assert_no_error (error);
  return window;
}

static GListModel *
page_model (GtkWidget *page)
{
  SteadRecordPage *records = STEAD_RECORD_PAGE (stead_test_find_by_name (page, "testplugin"));

  g_assert_nonnull (records);
  return stead_record_page_get_model (records);
}

static void
test_page_layer_import_search (void)
{
  SteadWindow *window = open_demo ();
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = stead_window_get_page (window, "testplugin.items");
  SteadMarkerLayer *layer;
  g_autoptr(GPtrArray) importers = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  SteadImporter *importer;
  SteadImportOptions options = { 0 };
  SteadRecord *selected;
  GListModel *model;

  /* The page and the layer: three demo items, all with a place. */
  g_assert_nonnull (page);
  model = page_model (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  layer = STEAD_MARKER_LAYER (
    stead_map_view_get_named_layer (stead_window_get_map_view (window), "Test items"));
  g_assert_nonnull (layer);
  g_assert_cmpuint (stead_marker_layer_get_count (layer), ==, 3);

  /* Its importer: two rows arrive, one without a place; one refused. */
  importers = stead_import_list_importers (stead_application_get_plugin_engine (app));
  importer = stead_import_find_importer (importers, "testplugin-items", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stead_importer_get_owner (importer), ==, "testplugin");
  file = stead_test_write_file (tmp_dir, "items.csv",
                                "Name,Number,Lon,Lat\n"
                                "Sandbags,40,-2.15,51.99\n"
                                "Radios,2000,,\n"
                                "Torches,7,,\n");
  options.skip_rejected = TRUE;
  g_assert_true (
    stead_import_run (ws, importer, file, &options, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 2);
  g_assert_cmpuint (result->rejects->len, ==, 1);
  g_assert_cmpuint (((SteadImportReject *) result->rejects->pdata[0])->line, ==, 3);
  g_assert_cmpstr (((SteadImportReject *) result->rejects->pdata[0])->reason, ==,
                   "count “2000” is not a whole number from 0 to 1000");
  stead_test_iterate (50);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  g_assert_cmpuint (stead_marker_layer_get_count (layer), ==, 4);

  /* The search finds an imported item; its hit opens it on the page. */
  hits = stead_workspace_search (ws, "sandb", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((SteadSearchHit *) hits->pdata[0])->owner, ==, "testplugin");
  gtk_widget_activate_action (GTK_WIDGET (window), "testplugin.show", "(sx)", "item",
                              ((SteadSearchHit *) hits->pdata[0])->ref);
  stead_test_iterate (50);
  g_object_get (stead_test_find_by_name (page, "testplugin"), "selected", &selected, NULL);
  g_assert_nonnull (selected);
  g_assert_cmpstr (stead_record_get_title (selected), ==, "Sandbags");
  g_clear_object (&selected);

  /* Removed as a record kind says; Undo brings it back. */
  g_assert_true (
    stead_workspace_remove_record (ws, "item", ((SteadSearchHit *) hits->pdata[0])->ref, &error));
  g_assert_no_error (error);
  stead_test_iterate (50);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_cmpint (
    stead_test_count (ws, "SELECT count(*) FROM testplugin_item WHERE title = 'Sandbags'"), ==, 0);
  g_assert_true (stead_workspace_undo (ws, &error));
  stead_test_iterate (50);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *enabled[] = { "testplugin", NULL };

  app = stead_test_app_new (&argc, &argv, enabled, &tmp_dir);
  g_test_add_func ("/ui/kit-plugin/page-layer-import-search", test_page_layer_import_search);
  return stead_test_app_run (app, tmp_dir);
}
