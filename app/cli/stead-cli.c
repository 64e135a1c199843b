/* stead-cli.c: every data job without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The interface is a contract (see ARCHITECTURE.md, "Headless"): exit 0 on
 * success, 1 on bad input with one line naming the file and the problem,
 * 2 on bad usage. A failed command leaves the workspace as it was.
 */

#define G_LOG_DOMAIN "stead-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include <glib/gstdio.h>
#include <string.h>

#include "stead.h"

#define EXIT_BAD_INPUT 1
#define EXIT_USAGE     2

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct
{
  const char  *name;
  const char  *args;
  const char  *summary;
  CommandFunc  func;
} Command;

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_printerr ("stead-cli: %s\n", message);
  if (context != NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
    }
  return EXIT_USAGE;
}

static int
input_error (const char   *file,
             const GError *error)
{
  /* One line: the file and the problem. */
  g_autofree char *message = g_strdelimit (g_strdup (error->message), "\n", ' ');

  if (file != NULL && strstr (message, file) == NULL)
    g_printerr ("stead-cli: %s: %s\n", file, message);
  else
    g_printerr ("stead-cli: %s\n", message);
  return EXIT_BAD_INPUT;
}

static GOptionContext *
new_context (const char         *command,
             const char         *args,
             const char         *summary,
             const GOptionEntry *entries)
{
  g_autofree char *parameter = g_strdup_printf ("%s %s", command, args);
  GOptionContext *context = g_option_context_new (parameter);

  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

/* Plugins enabled in the user's settings; every plugin found if the
 * settings schema is not installed (e.g. a bare build tree). */
static SteadPluginEngine *
load_plugins (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  SteadPluginEngine *engine;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    settings = g_settings_new (APP_ID);

  engine = stead_plugin_engine_new (settings);
  stead_plugin_engine_load_enabled (engine);
  return engine;
}

static gboolean
parse (GOptionContext  *context,
       int             *argc,
       char          ***argv,
       int              n_positional,
       int             *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage_error (context, error->message);
      return FALSE;
    }
  /* argv[0] is the command itself */
  if (*argc - 1 != n_positional)
    {
      *status = usage_error (context, *argc - 1 < n_positional ? _("Missing argument")
                                                              : _("Too many arguments"));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */

static int
cmd_new (int    argc,
         char **argv)
{
  g_autofree char *name = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The partnership area's name"), N_("AREA") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = new_context ("new", "WS.gpkg", _("Create an empty workspace."), entries);
  g_autoptr(SteadPluginEngine) engine = NULL;
  g_autoptr(SteadWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!parse (context, &argc, &argv, 1, &status))
    return status;

  engine = load_plugins ();
  workspace = stead_workspace_create (argv[1], name, engine, &error);
  if (workspace == NULL)
    return input_error (argv[1], error);

  g_print (_("Created %s (area “%s”)\n"), argv[1], stead_workspace_get_area_name (workspace));
  return EXIT_SUCCESS;
}

static int
cmd_demo (int    argc,
          char **argv)
{
  int scale = STEAD_DEMO_DEFAULT_SCALE;
  int seed = STEAD_DEMO_DEFAULT_SEED;
  const GOptionEntry entries[] = {
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale, N_("How many households’ needs (default 200)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Random seed; the same seed gives the same area"), "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = new_context ("demo", "WS.gpkg",
                                                   _("Create the demo area: a fictional partnership around Tewkesbury."),
                                                   entries);
  g_autoptr(SteadPluginEngine) engine = NULL;
  g_autoptr(SteadWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!parse (context, &argc, &argv, 1, &status))
    return status;
  if (scale < 0)
    return usage_error (context, _("--scale must be zero or more"));

  engine = load_plugins ();
  workspace = stead_workspace_create (argv[1], _("Tewkesbury (demo)"), engine, &error);
  if (workspace == NULL)
    return input_error (argv[1], error);

  if (!stead_demo_populate (workspace, (guint) scale, (guint32) seed, &error))
    {
      g_autofree char *wal = g_strconcat (argv[1], "-wal", NULL);
      g_autofree char *shm = g_strconcat (argv[1], "-shm", NULL);

      /* The file is new: leave nothing half-made behind. */
      stead_workspace_close (workspace);
      g_unlink (argv[1]);
      g_unlink (wal);
      g_unlink (shm);
      return input_error (argv[1], error);
    }

  g_print (_("Created the demo area in %s: %lld needs, %lld resources\n"),
           argv[1], (long long) stead_workspace_count_rows (workspace, "need"),
           (long long) stead_workspace_count_rows (workspace, "resource"));
  return EXIT_SUCCESS;
}

typedef struct
{
  JsonBuilder *builder;
  gboolean     json;
} InfoData;

static void
info_addin (SteadWorkspace *workspace,
            const char     *module,
            GObject        *addin,
            gpointer        user_data)
{
  InfoData *data = user_data;
  PeasEngine *peas = stead_plugin_engine_get_peas (stead_workspace_get_engine (workspace));
  PeasPluginInfo *info = peas_engine_get_plugin_info (peas, module);
  int version = stead_workspace_get_schema_version (workspace, module);

  if (data->json)
    {
      json_builder_begin_object (data->builder);
      json_builder_set_member_name (data->builder, "module");
      json_builder_add_string_value (data->builder, module);
      json_builder_set_member_name (data->builder, "name");
      json_builder_add_string_value (data->builder, peas_plugin_info_get_name (info));
      json_builder_set_member_name (data->builder, "version");
      json_builder_add_string_value (data->builder, peas_plugin_info_get_version (info));
      json_builder_set_member_name (data->builder, "schema_version");
      json_builder_add_int_value (data->builder, version);
      json_builder_end_object (data->builder);
    }
  else
    g_print ("  %-16s %-24s schema %d\n", module, peas_plugin_info_get_name (info), version);
}

static int
cmd_info (int    argc,
          char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = new_context ("info", "WS.gpkg",
                                                   _("Show the plugins, schema versions and row counts."),
                                                   entries);
  g_autoptr(SteadPluginEngine) engine = NULL;
  g_autoptr(SteadWorkspace) workspace = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  InfoData data = { builder, FALSE };
  int status;

  if (!parse (context, &argc, &argv, 1, &status))
    return status;

  engine = load_plugins ();
  workspace = stead_workspace_open (argv[1], engine, &error);
  if (workspace == NULL)
    return input_error (argv[1], error);

  data.json = json;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, argv[1]);
  json_builder_set_member_name (builder, "area_name");
  json_builder_add_string_value (builder, stead_workspace_get_area_name (workspace));
  json_builder_set_member_name (builder, "format_version");
  json_builder_add_int_value (builder, STEAD_WORKSPACE_FORMAT_VERSION);

  if (!json)
    {
      g_print (_("Workspace: %s\n"), argv[1]);
      g_print (_("Area: %s\n"), stead_workspace_get_area_name (workspace));
      g_print (_("Plugins:\n"));
    }
  json_builder_set_member_name (builder, "plugins");
  json_builder_begin_array (builder);
  stead_workspace_foreach_addin (workspace, info_addin, &data);
  json_builder_end_array (builder);
  if (!json && stead_plugin_engine_list_plugins (engine) == NULL)
    g_print ("  %s\n", _("(none installed)"));

  if (!json)
    g_print (_("Schema:\n"));
  json_builder_set_member_name (builder, "schema");
  json_builder_begin_object (builder);
  stmt = stead_workspace_prepare (workspace,
                                  "SELECT owner, max(version) FROM stead_schema GROUP BY owner ORDER BY owner",
                                  NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *owner = (const char *) sqlite3_column_text (stmt, 0);

      json_builder_set_member_name (builder, owner);
      json_builder_add_int_value (builder, sqlite3_column_int (stmt, 1));
      if (!json)
        g_print ("  %-16s %d\n", owner, sqlite3_column_int (stmt, 1));
    }
  json_builder_end_object (builder);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!json)
    g_print (_("Rows:\n"));
  json_builder_set_member_name (builder, "tables");
  json_builder_begin_object (builder);
  /* User tables; spatial index, search index and SQLite shadow tables
   * are left out. */
  stmt = stead_workspace_prepare (workspace,
                                  "SELECT name FROM sqlite_master WHERE type = 'table' "
                                  "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                                  "AND name NOT LIKE 'rtree\\_%' ESCAPE '\\' "
                                  "AND name NOT LIKE 'gpkg\\_%' ESCAPE '\\' "
                                  "AND name NOT LIKE 'stead\\_search\\_%' ESCAPE '\\' "
                                  "ORDER BY name",
                                  NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (stmt, 0);
      gint64 rows = stead_workspace_count_rows (workspace, table);

      json_builder_set_member_name (builder, table);
      json_builder_add_int_value (builder, rows);
      if (!json)
        g_print ("  %-24s %" G_GINT64_FORMAT "\n", table, rows);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  if (json)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      g_autofree char *text = NULL;

      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }

  return EXIT_SUCCESS;
}

static int
cmd_check (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = new_context ("check", "WS.gpkg",
                                                   _("Check integrity and GeoPackage conformance, changing nothing."),
                                                   NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!parse (context, &argc, &argv, 1, &status))
    return status;

  if (!stead_check_file (argv[1], &problems, &error))
    return input_error (argv[1], error);

  if (problems->len == 0)
    {
      g_print (_("%s: OK\n"), argv[1]);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < problems->len; i++)
    g_printerr ("stead-cli: %s: %s\n", argv[1], (const char *) g_ptr_array_index (problems, i));
  return EXIT_BAD_INPUT;
}

static void
print_format (PeasExtensionSet *set,
              PeasPluginInfo   *info,
              GObject          *exten,
              gpointer          user_data)
{
  const char *direction = user_data;
  const char * const *extensions;
  g_autofree char *joined = NULL;
  const char *id;
  const char *title;

  if (STEAD_IS_IMPORTER (exten))
    {
      id = stead_importer_get_id (STEAD_IMPORTER (exten));
      title = stead_importer_get_title (STEAD_IMPORTER (exten));
      extensions = stead_importer_get_extensions (STEAD_IMPORTER (exten));
    }
  else
    {
      id = stead_exporter_get_id (STEAD_EXPORTER (exten));
      title = stead_exporter_get_title (STEAD_EXPORTER (exten));
      extensions = stead_exporter_get_extensions (STEAD_EXPORTER (exten));
    }

  joined = extensions != NULL ? g_strjoinv (",", (char **) extensions) : g_strdup ("");
  g_print ("%-7s %-20s %-12s %-12s %s\n", direction, id, joined,
           peas_plugin_info_get_module_name (info), title);
}

static int
cmd_formats (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = new_context ("formats", "",
                                                   _("List the import and export formats the plugins offer."),
                                                   NULL);
  g_autoptr(SteadPluginEngine) engine = NULL;
  g_autoptr(PeasExtensionSet) importers = NULL;
  g_autoptr(PeasExtensionSet) exporters = NULL;
  int status;

  if (!parse (context, &argc, &argv, 0, &status))
    return status;

  engine = load_plugins ();
  importers = stead_plugin_engine_create_extension_set (engine, STEAD_TYPE_IMPORTER);
  exporters = stead_plugin_engine_create_extension_set (engine, STEAD_TYPE_EXPORTER);

  g_print ("%-7s %-20s %-12s %-12s %s\n", _("KIND"), _("FORMAT"), _("EXTENSIONS"), _("PLUGIN"), _("TITLE"));
  peas_extension_set_foreach (importers, print_format, (gpointer) "import");
  peas_extension_set_foreach (exporters, print_format, (gpointer) "export");
  return EXIT_SUCCESS;
}

static const Command commands[] = {
  { "new",     "WS.gpkg [--name AREA]", N_("Create an empty workspace"), cmd_new },
  { "demo",    "WS.gpkg [--scale N]",   N_("Create the demo area"), cmd_demo },
  { "info",    "WS.gpkg [--json]",      N_("Plugins, schema versions, row counts"), cmd_info },
  { "check",   "WS.gpkg",               N_("Integrity and GeoPackage conformance"), cmd_check },
  { "formats", "",                      N_("Import and export formats the plugins offer"), cmd_formats },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: stead-cli COMMAND [ARGS…]"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *synopsis = g_strdup_printf ("%s %s", commands[i].name, commands[i].args);
      fprintf (out, "  %-34s %s\n", synopsis, _(commands[i].summary));
    }
  fprintf (out, "\n%s\n", _("Run “stead-cli COMMAND --help” for a command’s options."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("stead-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_SUCCESS;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("stead-cli %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].func (argc - 1, argv + 1);

  g_printerr ("stead-cli: %s\n", _("unknown command"));
  print_usage (stderr);
  return EXIT_USAGE;
}
