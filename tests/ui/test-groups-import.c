/* test-groups-import.c: a Census table imported as a target group's
 * counts from the window's import dialog, its options chosen as a user
 * would (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <stead-gtk.h>

#include "stead-test-util.h"

#include "stead-import-dialog-private.h"

#define TS003_ALONE_66 \
  "Household composition: One person household: Aged 66 years and over; measures: Value"

static SteadApplication *app;
static char *tmp_dir;

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

static void
find_all (GtkWidget *root,
          GType      type,
          GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      find_all (child, type, found);
    }
}

static gint64
count_in (SteadWorkspace *ws,
          const char     *group,
          const char     *code)
{
  return stead_workspace_query_int64 (
    ws,
    "SELECT c.count FROM groups_count c JOIN groups_group g ON g.id = c.group_id "
    "JOIN area a ON a.fid = c.area WHERE g.name = ?1 AND a.code = ?2",
    STEAD_ARGS (STEAD_STRING (group), STEAD_STRING (code)));
}

static void
test_census_from_the_dialog (void)
{
  SteadWindow *window = stead_window_new (ADW_APPLICATION (app));
  g_autofree char *path = g_build_filename (tmp_dir, "census.gpkg", NULL);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "groups",
                                                "census2021-ts003-ward.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(GPtrArray) drop_downs = g_ptr_array_new ();
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  SteadImportDialog *dialog;
  SteadImportResult *result;
  GtkWidget *group_row, *columns_row;
  GListModel *titles;
  guint older = GTK_INVALID_LIST_POSITION;
  gboolean destroyed = FALSE;

  {
    g_autoptr(SteadWorkspace) ws =
      stead_workspace_create (path, "Census", stead_application_get_plugin_engine (app), &error);

    g_assert_no_error (error);
    g_assert_true (stead_demo_populate (ws, 50, 5, &error));
    stead_workspace_close (ws);
  }
  gtk_window_present (GTK_WINDOW (window));
  stead_test_iterate_until (stead_test_is_mapped, window);
  g_assert_true (stead_window_open_workspace (window, path, &error));
  g_assert_no_error (error);

  dialog = STEAD_IMPORT_DIALOG (stead_window_import_file (window, file));
  stead_test_iterate_until (dialog_idle, dialog);
  g_assert_cmpstr (stead_import_dialog_get_format (dialog), ==, "groups-census");
  {
    g_autofree char *summary = stead_import_dialog_get_summary (dialog);

    /* The message names the option as the dialog shows it. */
    g_assert_nonnull (strstr (summary, "“Target group”"));
    g_assert_null (strstr (summary, "--"));
  }

  /* The group: typed, or chosen from the groups there are. */
  group_row = stead_import_dialog_get_option_row (dialog, "group");
  g_assert_true (ADW_IS_ENTRY_ROW (group_row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (group_row)), ==,
                   "Target group");
  find_all (group_row, GTK_TYPE_DROP_DOWN, drop_downs);
  g_assert_cmpuint (drop_downs->len, ==, 1);
  titles = gtk_drop_down_get_model (g_ptr_array_index (drop_downs, 0));
  for (guint i = 0; i < g_list_model_get_n_items (titles); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (titles), i),
                     "Older people living alone"))
      older = i;
  g_assert_cmpuint (older, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (g_ptr_array_index (drop_downs, 0), older);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (group_row)), ==,
                   "Older people living alone");
  stead_test_iterate_until (dialog_idle, dialog);
  {
    g_autofree char *summary = stead_import_dialog_get_summary (dialog);

    g_assert_nonnull (strstr (summary, "“Columns counted”"));
  }

  /* The columns: a tick box each, but not those the fields read. */
  columns_row = stead_import_dialog_get_option_row (dialog, "columns");
  g_assert_true (ADW_IS_EXPANDER_ROW (columns_row));
  find_all (columns_row, GTK_TYPE_CHECK_BUTTON, checks);
  g_assert_cmpuint (checks->len, ==, 22);
  for (guint i = 0; i < checks->len; i++)
    {
      const char *name = g_object_get_data (G_OBJECT (g_ptr_array_index (checks, i)),
                                            "stead-option-columns");

      g_assert_cmpstr (name, !=, "geography code");
      if (g_str_equal (name, TS003_ALONE_66))
        gtk_check_button_set_active (g_ptr_array_index (checks, i), TRUE);
    }
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (columns_row)),
                            "1 column: One person household: Aged 66 years and over"));
  g_assert_null (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (columns_row)),
                         "measures"));
  stead_test_iterate_until (dialog_idle, dialog);
  result = stead_import_dialog_get_result (dialog);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->updated, ==, 6);
  g_assert_cmpuint (result->rejects->len, ==, 0);
  g_assert_cmpint (count_in (stead_window_get_workspace (window), "Older people living alone",
                             "E05004408"), !=, 412);

  g_signal_connect_swapped (dialog, "destroy", G_CALLBACK (set_true), &destroyed);
  stead_import_dialog_import (dialog);
  stead_test_iterate_until (is_destroyed, &destroyed);
  /* The file's numbers, in the wards it names. */
  g_assert_cmpint (count_in (stead_window_get_workspace (window), "Older people living alone",
                             "E05004408"), ==, 412);
  g_assert_cmpint (count_in (stead_window_get_workspace (window), "Older people living alone",
                             "E05008574"), ==, 610);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("stead-groups-ui-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    const char *enabled[] = { "partners", "risks", "groups", NULL };

    g_settings_set_strv (settings, "enabled-plugins", enabled);
    g_settings_set_string (settings, "base-map", "offline");
  }
  app = stead_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/groups/census-from-the-dialog", test_census_from_the_dialog);

  ret = g_test_run ();
  g_object_unref (app);
  stead_test_rm_rf (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
