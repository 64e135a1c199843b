/* test-plugins.c: finding, refusing, ordering, loading and unloading plugins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stead.h>

static char *tmp_dir;

typedef struct
{
  GSettings         *settings;
  SteadPluginEngine *engine;
  GPtrArray         *load_order;
  char              *path;
} Fixture;

static void
on_load_plugin (PeasEngine     *peas,
                PeasPluginInfo *info,
                GPtrArray      *order)
{
  if (peas_plugin_info_is_loaded (info))
    g_ptr_array_add (order, g_strdup (peas_plugin_info_get_module_name (info)));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static guint counter;

  f->settings = g_settings_new (APP_ID);
  g_settings_set_strv (f->settings, "enabled-plugins", NULL);
  f->engine = stead_plugin_engine_new (f->settings);
  f->load_order = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect_after (stead_plugin_engine_get_peas (f->engine), "load-plugin",
                          G_CALLBACK (on_load_plugin), f->load_order);
  f->path = g_strdup_printf ("%s/ws-%u.gpkg", tmp_dir, counter++);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  g_clear_object (&f->engine);
  g_clear_object (&f->settings);
  g_ptr_array_unref (f->load_order);
  g_unlink (f->path);
  g_free (f->path);
}

static gboolean
has_plugin (SteadPluginEngine *engine,
            const char        *module)
{
  g_autoptr(GList) list = stead_plugin_engine_list_plugins (engine);

  for (const GList *l = list; l != NULL; l = l->next)
    if (g_str_equal (peas_plugin_info_get_module_name (l->data), module))
      return TRUE;
  return FALSE;
}

static gboolean
table_exists (SteadWorkspace *ws,
              const char     *table)
{
  return stead_workspace_count_rows (ws, table) >= 0;
}

static void
test_found (Fixture       *f,
            gconstpointer  data)
{
  g_assert_true (has_plugin (f->engine, "testplugin"));
  g_assert_true (has_plugin (f->engine, "testdep"));
  g_assert_true (has_plugin (f->engine, "noabi"));
  g_assert_true (has_plugin (f->engine, "badschema"));
  /* Nothing loads until enabled. */
  g_assert_false (stead_plugin_engine_is_enabled (f->engine, "testplugin"));
}

static void
test_abi_refused (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *message = stead_plugin_engine_get_error (f->engine, "noabi");

  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "X-Stead-ABI"));
  g_assert_false (stead_plugin_engine_set_enabled (f->engine, "noabi", TRUE, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "X-Stead-ABI"));
  g_assert_false (stead_plugin_engine_is_enabled (f->engine, "noabi"));
  g_assert_cmpuint (f->load_order->len, ==, 0);

  /* Even enabled in the settings, it is never loaded. */
  {
    const char *enabled[] = { "noabi", "testplugin", NULL };
    g_settings_set_strv (f->settings, "enabled-plugins", enabled);
    stead_plugin_engine_load_enabled (f->engine);
    g_assert_false (stead_plugin_engine_is_enabled (f->engine, "noabi"));
    g_assert_true (stead_plugin_engine_is_enabled (f->engine, "testplugin"));
  }
}

/* A plugin built for another ABI is found but never loaded, even
 * enabled in the settings, and the message says which ABI it declares
 * and which this Stead provides. abi2 is a real, loadable module: only
 * the check stands between it and the workspace. */
static void
test_other_abi_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *message = stead_plugin_engine_get_error (f->engine, "abi2");
  const char *enabled[] = { "abi2", "testplugin", NULL };
  g_autofree char *provided = g_strdup_printf ("ABI %s", STEAD_PLUGIN_ABI);

  g_assert_cmpstr (STEAD_PLUGIN_ABI, !=, "2");
  g_assert_true (has_plugin (f->engine, "abi2"));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "“abi2”"));
  g_assert_nonnull (strstr (message, "ABI 2"));
  g_assert_nonnull (strstr (message, provided));

  g_assert_false (stead_plugin_engine_set_enabled (f->engine, "abi2", TRUE, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "ABI 2"));
  g_assert_false (stead_plugin_engine_is_enabled (f->engine, "abi2"));
  g_assert_cmpuint (f->load_order->len, ==, 0);

  g_settings_set_strv (f->settings, "enabled-plugins", enabled);
  stead_plugin_engine_load_enabled (f->engine);
  g_assert_false (stead_plugin_engine_is_enabled (f->engine, "abi2"));
  g_assert_true (stead_plugin_engine_is_enabled (f->engine, "testplugin"));
  g_assert_false (g_ptr_array_find_with_equal_func (f->load_order, "abi2", g_str_equal, NULL));
}

static void
test_depends_order (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) saved = NULL;

  g_assert_true (stead_plugin_engine_set_enabled (f->engine, "testdep", TRUE, &error));
  g_assert_no_error (error);

  /* testdep depends on testplugin: that loads first. */
  g_assert_cmpuint (f->load_order->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (f->load_order, 0), ==, "testplugin");
  g_assert_cmpstr (g_ptr_array_index (f->load_order, 1), ==, "testdep");
  saved = g_settings_get_strv (f->settings, "enabled-plugins");
  g_assert_true (g_strv_contains ((const char * const *) saved, "testdep"));

  /* Disabling what others depend on disables them too. */
  g_assert_true (stead_plugin_engine_set_enabled (f->engine, "testplugin", FALSE, &error));
  g_assert_false (stead_plugin_engine_is_enabled (f->engine, "testdep"));
  g_clear_pointer (&saved, g_strfreev);
  saved = g_settings_get_strv (f->settings, "enabled-plugins");
  g_assert_false (g_strv_contains ((const char * const *) saved, "testdep"));
  g_assert_false (g_strv_contains ((const char * const *) saved, "testplugin"));
}

static void
test_workspace_load_unload (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (stead_plugin_engine_set_enabled (f->engine, "testplugin", TRUE, &error));
  ws = stead_workspace_create (f->path, "Plugshire", f->engine, &error);
  g_assert_no_error (error);

  /* Its schema made its tables; its addin is loaded. */
  g_assert_true (table_exists (ws, "testplugin_item"));
  g_assert_cmpint (stead_workspace_get_schema_version (ws, "testplugin"), ==, 10);
  g_assert_nonnull (stead_workspace_get_addin (ws, "testplugin"));
  g_assert_true (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (ws), "testplugin-loaded")));

  /* Disabled at run time: unloaded, nothing left behind. */
  g_assert_true (stead_plugin_engine_set_enabled (f->engine, "testplugin", FALSE, &error));
  g_assert_null (stead_workspace_get_addin (ws, "testplugin"));
  g_assert_false (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (ws), "testplugin-loaded")));

  /* Enabled again: loaded again, its data still there. */
  g_assert_true (stead_plugin_engine_set_enabled (f->engine, "testplugin", TRUE, &error));
  g_assert_nonnull (stead_workspace_get_addin (ws, "testplugin"));
  g_assert_true (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (ws), "testplugin-loaded")));

  /* Closing unloads every addin. */
  stead_workspace_close (ws);
  g_assert_false (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (ws), "testplugin-loaded")));
  g_clear_object (&ws);

  /* A plugin enabled after creation gets its schema on the next open. */
  g_assert_true (stead_plugin_engine_set_enabled (f->engine, "testplugin", FALSE, &error));
  {
    g_autofree char *other = g_strconcat (f->path, ".2", NULL);
    g_autoptr(SteadWorkspace) plain = stead_workspace_create (other, "Plain", f->engine, &error);

    g_assert_no_error (error);
    g_assert_false (table_exists (plain, "testplugin_item"));
    stead_workspace_close (plain);
    g_clear_object (&plain);

    g_assert_true (stead_plugin_engine_set_enabled (f->engine, "testplugin", TRUE, &error));
    plain = stead_workspace_open (other, f->engine, &error);
    g_assert_no_error (error);
    g_assert_true (table_exists (plain, "testplugin_item"));
    stead_workspace_close (plain);
    g_unlink (other);
  }
}

static void
test_enable_while_open (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SteadWorkspace) ws = stead_workspace_create (f->path, "Plugshire", f->engine, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (ws);
  g_assert_false (table_exists (ws, "testplugin_item"));
  g_assert_true (stead_plugin_engine_set_enabled (f->engine, "testplugin", TRUE, &error));
  g_assert_true (table_exists (ws, "testplugin_item"));
  g_assert_nonnull (stead_workspace_get_addin (ws, "testplugin"));
}

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (contents, len);
}

static void
test_bad_schema (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SteadWorkspace) ws = stead_workspace_create (f->path, "Plugshire", f->engine, NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  const char *message;

  g_assert_nonnull (ws);
  stead_workspace_close (ws);
  g_clear_object (&ws);
  before = read_bytes (f->path);

  /* Opening with the broken plugin enabled fails, says which plugin and
   * file, and leaves the file exactly as it was. */
  g_assert_true (stead_plugin_engine_set_enabled (f->engine, "badschema", TRUE, &error));
  g_assert_no_error (error);
  g_assert_null (stead_workspace_open (f->path, f->engine, &error));
  g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_MIGRATION);
  g_assert_nonnull (strstr (error->message, "badschema"));
  g_assert_nonnull (strstr (error->message, "002-broken.sql"));
  g_clear_error (&error);
  after = read_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));

  /* Enabled while a workspace is open: the plugin is reported as failed,
   * the workspace keeps working and is unchanged. */
  g_assert_true (stead_plugin_engine_set_enabled (f->engine, "badschema", FALSE, &error));
  ws = stead_workspace_open (f->path, f->engine, &error);
  g_assert_no_error (error);
  stead_plugin_engine_set_enabled (f->engine, "badschema", TRUE, NULL);
  g_assert_null (stead_workspace_get_addin (ws, "badschema"));
  g_assert_false (table_exists (ws, "badschema_thing"));
  message = stead_plugin_engine_get_error (f->engine, "badschema");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "002-broken.sql"));
}

static void
test_load_failure (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *message;

  /* ghost.plugin names a module that is not there (see main). */
  g_assert_true (has_plugin (f->engine, "ghost"));
  g_assert_false (stead_plugin_engine_set_enabled (f->engine, "ghost", TRUE, &error));
  g_assert_nonnull (error);
  message = stead_plugin_engine_get_error (f->engine, "ghost");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "ghost"));

  /* The rest carries on. */
  g_assert_true (stead_plugin_engine_set_enabled (f->engine, "testplugin", TRUE, NULL));
  g_assert_true (stead_plugin_engine_is_enabled (f->engine, "testplugin"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *plugin_dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  /* Refused and failing plugins are logged as warnings on purpose; only
   * criticals stay fatal here. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  /* A plugin whose module is missing: it is found, and fails to load. */
  tmp_dir = g_dir_make_tmp ("stead-plugins-XXXXXX", &error);
  g_assert_no_error (error);
  plugin_dir = g_build_filename (tmp_dir, "ghost", NULL);
  g_mkdir_with_parents (plugin_dir, 0700);
  g_file_set_contents (
    g_build_filename (plugin_dir, "ghost.plugin", NULL),
    "[Plugin]\nModule=ghost\nName=Ghost\nDescription=Has no module\nX-Stead-ABI=1\n", -1, &error);
  g_assert_no_error (error);
  path = g_strdup_printf ("%s:%s", g_getenv ("STEAD_PLUGIN_PATH"), tmp_dir);
  g_setenv ("STEAD_PLUGIN_PATH", path, TRUE);

#define ADD(name, func) \
  g_test_add ("/plugins/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("found", test_found);
  ADD ("abi-refused", test_abi_refused);
  ADD ("other-abi-refused", test_other_abi_refused);
  ADD ("depends-order", test_depends_order);
  ADD ("workspace-load-unload", test_workspace_load_unload);
  ADD ("enable-while-open", test_enable_while_open);
  ADD ("bad-schema", test_bad_schema);
  ADD ("load-failure", test_load_failure);

  ret = g_test_run ();
  g_unlink (g_build_filename (plugin_dir, "ghost.plugin", NULL));
  g_rmdir (plugin_dir);
  return ret;
}
