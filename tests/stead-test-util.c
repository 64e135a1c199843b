/* stead-test-util.c: what the tests share
 *
 * Widgets are found by what a user or an accessibility tool sees of them:
 * their name (set in the .ui) or their label (accessible label, row title
 * or button label), never by type and position.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "stead-test-util.h"

void
stead_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        stead_test_rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

gint64
stead_test_count (SteadWorkspace *workspace,
                  const char     *sql)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (workspace, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

char *
stead_test_text (SteadWorkspace *workspace,
                 const char     *sql)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (workspace, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

GFile *
stead_test_write_file (const char *dir,
                       const char *name,
                       const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

/* PDFs are read back with poppler's tools (poppler-utils): an oracle
 * that shares nothing with the cairo code that wrote them. */
gboolean
stead_test_have_poppler (void)
{
  g_autofree char *text = g_find_program_in_path ("pdftotext");
  g_autofree char *info = g_find_program_in_path ("pdfinfo");

  return text != NULL && info != NULL;
}

static char *
stead_test_run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The text of page @page of @pdf (every page if 0), laid out as printed. */
char *
stead_test_pdf_text (const char *pdf,
                     guint       page)
{
  g_autofree char *number = g_strdup_printf ("%u", page);

  if (page == 0)
    return stead_test_run_tool ((const char *[]) { "pdftotext", "-layout", "-enc", "UTF-8",
                                                   pdf, "-", NULL });
  return stead_test_run_tool ((const char *[]) { "pdftotext", "-layout", "-enc", "UTF-8",
                                                 "-f", number, "-l", number, pdf, "-", NULL });
}

guint
stead_test_pdf_pages (const char *pdf)
{
  g_autofree char *info = stead_test_run_tool ((const char *[]) { "pdfinfo", pdf, NULL });
  const char *line = strstr (info, "\nPages:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("\nPages:"), NULL, 10);
}

/* Adds every leaf of @node to @leaves (a set of strings it owns): strings
 * as they are, numbers and booleans as JSON. */
void
stead_test_json_leaves (JsonNode   *node,
                        GHashTable *leaves)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        stead_test_json_leaves (json_object_get_member (json_node_get_object (node), l->data),
                                leaves);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
      stead_test_json_leaves (json_array_get_element (json_node_get_array (node), i), leaves);
  else if (JSON_NODE_HOLDS_VALUE (node))
    g_hash_table_add (leaves, json_node_get_value_type (node) == G_TYPE_STRING
                                ? g_strdup (json_node_get_string (node))
                                : json_to_string (node, FALSE));
}

/* Asserts that every value the query's first column holds is in @text
 * (what a PDF shows of a table, say); returns how many there were. */
guint
stead_test_assert_all_in (SteadWorkspace *workspace,
                          const char     *sql,
                          const char     *text)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (workspace, sql, NULL);
  guint n = 0;

  g_assert_nonnull (stmt);
  for (; sqlite3_step (stmt) == SQLITE_ROW; n++)
    g_assert_nonnull (strstr (text, (const char *) sqlite3_column_text (stmt, 0)));
  return n;
}

#ifdef STEAD_TEST_WITH_GTK

void
stead_test_iterate_until (gboolean (*condition) (gpointer),
                          gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (condition (data));
}

void
stead_test_iterate (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

GtkWidget *
stead_test_find_by_name (GtkWidget  *root,
                         const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = stead_test_find_by_name (child, name)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
stead_test_has_label (GtkWidget  *widget,
                      const char *label)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), label) == 0)
    return TRUE;
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      g_autofree char *plain = g_strdup (gtk_button_get_label (GTK_BUTTON (widget)));
      char *out = plain;

      /* Mnemonics are not what the user reads. */
      for (const char *in = plain; *in != '\0'; in++)
        if (*in != '_')
          *out++ = *in;
      *out = '\0';
      if (g_strcmp0 (plain, label) == 0)
        return TRUE;
    }
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), label) == 0;
}

GtkWidget *
stead_test_find_by_label (GtkWidget  *root,
                          const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (stead_test_has_label (child, label))
        return child;
      if ((found = stead_test_find_by_label (child, label)) != NULL)
        return found;
    }
  return NULL;
}

gboolean
stead_test_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

gboolean
stead_test_is_unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

gboolean
stead_test_model_has_count (GListModel *model,
                            guint       want)
{
  return g_list_model_get_n_items (model) == want;
}

/* For a UI test's main(): GTK and GTest set up (criticals fatal), a
 * scratch folder in @tmp_dir, and the application as the test runs it:
 * @plugins enabled, the offline base map (no network), not unique,
 * registered. */
SteadApplication *
stead_test_app_new (int                 *argc,
                    char              ***argv,
                    const char * const  *plugins,
                    char               **tmp_dir)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  SteadApplication *app;

  gtk_test_init (argc, argv, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  *tmp_dir = g_dir_make_tmp ("stead-ui-XXXXXX", &error);
  g_assert_no_error (error);

  settings = g_settings_new (APP_ID);
  g_settings_set_strv (settings, "enabled-plugins", plugins);
  g_settings_set_string (settings, "base-map", "offline");
  app = stead_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

/* Runs the tests added, then removes @app and the scratch folder. */
int
stead_test_app_run (SteadApplication *app,
                    char             *tmp_dir)
{
  int status = g_test_run ();

  g_object_unref (app);
  stead_test_rm_rf (tmp_dir);
  g_free (tmp_dir);
  return status;
}

/* A new workspace at @path (the demo area at @demo_scale, 0: empty),
 * open in a new window of @app, shown. */
SteadWindow *
stead_test_open_window (SteadApplication *app,
                        const char       *path,
                        const char       *area_name,
                        guint             demo_scale)
{
  SteadPluginEngine *engine = stead_application_get_plugin_engine (app);
  g_autoptr(GError) error = NULL;
  SteadWindow *window;

  {
    g_autoptr(SteadWorkspace) ws = stead_workspace_create (path, area_name, engine, &error);

    g_assert_no_error (error);
    if (demo_scale > 0)
      g_assert_true (stead_demo_populate (ws, demo_scale, 3, &error));
    g_assert_no_error (error);
    stead_workspace_close (ws);
  }
  window = stead_window_new (ADW_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  stead_test_iterate_until (stead_test_is_mapped, window);
  g_assert_true (stead_window_open_workspace (window, path, &error));
  g_assert_no_error (error);
  return window;
}

#endif
