/* test-headless.c: the data side of every plugin runs without GTK
 *
 * stead-cli and any headless use load the plugins' data modules only:
 * with every plugin enabled, a demo workspace built, imported into,
 * exported and reported on, no GTK, libadwaita or libshumate is mapped
 * into the process.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stead-test-util.h"

/* The shared objects mapped into this process (from /proc/self/maps). */
static char *
mapped_libraries (void)
{
  g_autofree char *maps = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&maps);
}

static void
assert_no_toolkit (void)
{
  g_autofree char *maps = mapped_libraries ();
  static const char * const toolkits[] = { "libgtk-4.so", "libadwaita-1.so", "libshumate-1.0.so" };

  /* The oracle works: GLib itself is there. */
  g_assert_nonnull (strstr (maps, "libglib-2.0.so"));
  for (guint i = 0; i < G_N_ELEMENTS (toolkits); i++)
    if (strstr (maps, toolkits[i]) != NULL)
      g_error ("%s is loaded in a headless process", toolkits[i]);
}

static void
test_every_plugin_headless (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(SteadPluginEngine) engine = NULL;
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autoptr(GPtrArray) exporters = NULL;
  g_autoptr(GPtrArray) importers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("stead-headless-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "ws.gpkg", NULL);
  guint enabled = 0;

  engine = stead_plugin_engine_new (settings);
  for (GList *l = stead_plugin_engine_list_plugins (engine); l != NULL; l = l->next)
    {
      PeasPluginInfo *info = l->data;
      const char *module = peas_plugin_info_get_module_name (info);

      /* badschema fails on purpose (see test-plugins). */
      if (peas_plugin_info_is_hidden (info) || g_str_equal (module, "badschema"))
        continue;
      if (stead_plugin_engine_set_enabled (engine, module, TRUE, NULL))
        enabled++;
    }
  /* partners, risks and the test plugin at least. */
  g_assert_cmpuint (enabled, >=, 3);
  g_assert_true (stead_plugin_engine_is_enabled (engine, "partners"));
  g_assert_true (stead_plugin_engine_is_enabled (engine, "risks"));

  ws = stead_workspace_create (path, "Headless", engine, &error);
  g_assert_no_error (error);
  g_assert_true (stead_demo_populate (ws, 100, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (ws, "SELECT count(*) FROM partners_organisation"), >, 0);

  /* Every format can be listed and every export written. */
  importers = stead_import_list_importers (engine);
  exporters = stead_export_list_exporters (engine);
  g_assert_cmpuint (importers->len, >, 6);
  for (guint i = 0; i < exporters->len; i++)
    {
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
      SteadExportOptions options = { .include_personal = TRUE };

      if (!stead_exporter_run (exporters->pdata[i], ws, out, &options, NULL, &error))
        g_error ("%s: %s", stead_exporter_get_id (exporters->pdata[i]), error->message);
    }
  {
    g_autoptr(GPtrArray) sections = stead_report_list_sections (ws);
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

    g_assert_true (stead_report_write (ws, sections, out, NULL, &error));
    g_assert_no_error (error);
  }

  assert_no_toolkit ();
  stead_workspace_close (ws);
  stead_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Refused test plugins (noabi, abi2, ghost) are logged as warnings on purpose. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_test_add_func ("/core/headless/every-plugin", test_every_plugin_headless);
  return g_test_run ();
}
