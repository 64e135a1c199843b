/* test-shipped-notes.c: what Stead ships speaks to its users
 *
 * The vocabularies and risk scales a new workspace is seeded with cite
 * their public sources; none points at a document users never have
 * (the developers' shared/DOMAIN.md) or keeps the developers' [I]/[V]
 * confidence marks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stead.h"
#include "stead-test-util.h"

static const char *const internal[] = { "DOMAIN.md", "shared/", "[I]", "[V]", NULL };

static const char *
stead_test_internal_mark (const char *text)
{
  for (guint i = 0; text != NULL && internal[i] != NULL; i++)
    if (strstr (text, internal[i]) != NULL)
      return internal[i];
  return NULL;
}

/* Every text in every table of a new workspace with the plugins. */
static void
test_seeded_workspace (void)
{
  const char *enabled[] = { "partners", "risks", NULL };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(SteadPluginEngine) engine = NULL;
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autoptr(sqlite3_stmt) tables = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("stead-notes-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "ws.gpkg", NULL);
  guint sources = 0;

  g_settings_set_strv (settings, "enabled-plugins", enabled);
  engine = stead_plugin_engine_new (settings);
  stead_plugin_engine_load_enabled (engine);
  ws = stead_workspace_create (path, "Test", engine, &error);
  g_assert_no_error (error);

  tables = stead_workspace_prepare (ws, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "AND (name = 'taxonomy' OR name LIKE 'risks_%')", &error);
  g_assert_no_error (error);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      g_autoptr(sqlite3_stmt) rows = stead_workspace_prepare (ws, sql, &error);

      g_assert_no_error (error);
      while (sqlite3_step (rows) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (rows); c++)
          {
            const char *text = (const char *) sqlite3_column_text (rows, c);
            const char *mark = stead_test_internal_mark (text);

            if (mark != NULL)
              g_error ("%s.%s says “%s”: %s", table, sqlite3_column_name (rows, c), mark, text);
            if (g_str_equal (table, "taxonomy") &&
                g_str_equal (sqlite3_column_name (rows, c), "source") && text != NULL)
              sources++;
          }
    }
  /* Every seeded term says where it comes from, and a source has a URL. */
  g_assert_cmpint (sources, ==, stead_test_count (ws, "SELECT count(*) FROM taxonomy"));
  g_assert_cmpint (sources, >, 50);
  g_assert_cmpint (stead_test_count (ws, "SELECT count(*) FROM taxonomy "
                                         "WHERE source NOT LIKE '%https://%'"), ==, 0);
  g_clear_pointer (&tables, sqlite3_finalize);
  stead_workspace_close (ws);
  stead_test_rm_rf (dir);
}

static void
stead_test_check_tree (const char *dir,
                       guint      *files)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      const char *mark;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          stead_test_check_tree (path, files);
          continue;
        }
      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      mark = stead_test_internal_mark (text);
      if (mark != NULL)
        g_error ("%s says “%s”", path, mark);
      (*files)++;
    }
}

/* The JSON files themselves, including those no table holds yet. */
static void
test_shipped_files (void)
{
  g_autofree char *data = g_test_build_filename (G_TEST_DIST, "..", "data", NULL);
  guint files = 0;

  stead_test_check_tree (data, &files);
  g_assert_cmpuint (files, >=, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shipped/notes/seeded-workspace", test_seeded_workspace);
  g_test_add_func ("/shipped/notes/files", test_shipped_files);

  return g_test_run ();
}
