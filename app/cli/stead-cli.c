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

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include <gio/gunixoutputstream.h>
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

/* One member of a JSON object: a string (NULL as null), a number, a truth value. */
static void
stead_cli_json_string (JsonBuilder *builder,
                       const char  *name,
                       const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
stead_cli_json_int (JsonBuilder *builder,
                    const char  *name,
                    gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
stead_cli_json_bool (JsonBuilder *builder,
                     const char  *name,
                     gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static int
stead_cli_usage_error (GOptionContext *context,
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
stead_cli_input_error (const char   *file,
                       const GError *error)
{
  /* One line: the file and the problem. */
  g_autofree char *message = g_strdelimit (g_strdup (error->message), "\n", ' ');

  g_autofree char *basename = file != NULL ? g_path_get_basename (file) : NULL;

  if (file != NULL && strstr (message, file) == NULL && strstr (message, basename) == NULL)
    g_printerr ("stead-cli: %s: %s\n", file, message);
  else
    g_printerr ("stead-cli: %s\n", message);
  return EXIT_BAD_INPUT;
}

static GOptionContext *
stead_cli_new_context (const char         *command,
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
stead_cli_load_plugins (void)
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

/* Opens the workspace of a command. Only a command that reads says when
 * edits are off (a writing one fails with the reason). */
static SteadWorkspace *
stead_cli_open (const char               *path,
                SteadPluginEngine        *engine,
                SteadWorkspaceOpenFlags   flags,
                gboolean                  note,
                GError                  **error)
{
  SteadWorkspace *workspace = stead_workspace_open_full (path, engine, flags, error);
  const char *reason = workspace != NULL ? stead_workspace_get_read_only_reason (workspace) : NULL;

  if (note && reason != NULL)
    /* TRANSLATORS: the second %s says why, e.g. "the file cannot be written (…)" */
    g_printerr (_("Note: %s is read-only: %s; edits are off\n"), path, reason);
  return workspace;
}

static gboolean
stead_cli_parse (GOptionContext  *context,
                 int             *argc,
                 char          ***argv,
                 int              n_positional,
                 int             *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = stead_cli_usage_error (context, error->message);
      return FALSE;
    }
  /* argv[0] is the command itself */
  if (*argc - 1 != n_positional)
    {
      *status = stead_cli_usage_error (context, *argc - 1 < n_positional ? _("Missing argument")
                                                              : _("Too many arguments"));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */

static int
stead_cli_cmd_new (int    argc,
                   char **argv)
{
  g_autofree char *name = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The partnership area's name"), N_("AREA") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    stead_cli_new_context ("new", "WS.gpkg", _("Create an empty workspace."), entries);
  g_autoptr(SteadPluginEngine) engine = NULL;
  g_autoptr(SteadWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!stead_cli_parse (context, &argc, &argv, 1, &status))
    return status;

  engine = stead_cli_load_plugins ();
  workspace = stead_workspace_create (argv[1], name, engine, &error);
  if (workspace == NULL)
    return stead_cli_input_error (argv[1], error);

  g_print (_("Created %s (area “%s”)\n"), argv[1], stead_workspace_get_area_name (workspace));
  return EXIT_SUCCESS;
}

static int
stead_cli_cmd_demo (int    argc,
                    char **argv)
{
  int scale = STEAD_DEMO_DEFAULT_SCALE;
  int seed = STEAD_DEMO_DEFAULT_SEED;
  const GOptionEntry entries[] = { { "scale", 0, 0, G_OPTION_ARG_INT, &scale,
                                     N_("How many households’ needs (default 200)"), "N" },
                                   { "seed", 0, 0, G_OPTION_ARG_INT, &seed,
                                     N_("Random seed; the same seed gives the same area"), "N" },
                                   { NULL } };
  g_autoptr(GOptionContext) context = stead_cli_new_context (
    "demo", "WS.gpkg", _("Create the demo area: a fictional partnership around Tewkesbury."),
    entries);
  g_autoptr(SteadPluginEngine) engine = NULL;
  g_autoptr(SteadWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!stead_cli_parse (context, &argc, &argv, 1, &status))
    return status;
  if (scale < 0)
    return stead_cli_usage_error (context, _("--scale must be zero or more"));

  engine = stead_cli_load_plugins ();
  workspace = stead_workspace_create (argv[1], _("Tewkesbury (demo)"), engine, &error);
  if (workspace == NULL)
    return stead_cli_input_error (argv[1], error);

  if (!stead_demo_populate (workspace, (guint) scale, (guint32) seed, &error))
    {
      g_autofree char *wal = g_strconcat (argv[1], "-wal", NULL);
      g_autofree char *shm = g_strconcat (argv[1], "-shm", NULL);

      /* The file is new: leave nothing half-made behind. */
      stead_workspace_close (workspace);
      g_unlink (argv[1]);
      g_unlink (wal);
      g_unlink (shm);
      return stead_cli_input_error (argv[1], error);
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
stead_cli_info_addin (SteadWorkspace *workspace,
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
stead_cli_cmd_info (int    argc,
                    char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = stead_cli_new_context (
    "info", "WS.gpkg", _("Show the plugins, schema versions and row counts."), entries);
  g_autoptr(SteadPluginEngine) engine = NULL;
  g_autoptr(SteadWorkspace) workspace = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  InfoData data = { builder, FALSE };
  int status;

  if (!stead_cli_parse (context, &argc, &argv, 1, &status))
    return status;

  engine = stead_cli_load_plugins ();
  workspace = stead_cli_open (argv[1], engine, STEAD_WORKSPACE_OPEN_READ_ONLY, TRUE, &error);
  if (workspace == NULL)
    return stead_cli_input_error (argv[1], error);

  data.json = json;
  json_builder_begin_object (builder);
  stead_cli_json_string (builder, "path", argv[1]);
  stead_cli_json_string (builder, "area_name", stead_workspace_get_area_name (workspace));
  stead_cli_json_int (builder, "format_version", STEAD_WORKSPACE_FORMAT_VERSION);

  if (!json)
    {
      g_print (_("Workspace: %s\n"), argv[1]);
      g_print (_("Area: %s\n"), stead_workspace_get_area_name (workspace));
      g_print (_("Plugins:\n"));
    }
  json_builder_set_member_name (builder, "plugins");
  json_builder_begin_array (builder);
  stead_workspace_foreach_addin (workspace, stead_cli_info_addin, &data);
  json_builder_end_array (builder);
  if (!json && stead_plugin_engine_list_plugins (engine) == NULL)
    g_print ("  %s\n", _("(none installed)"));

  if (!json)
    g_print (_("Schema:\n"));
  json_builder_set_member_name (builder, "schema");
  json_builder_begin_object (builder);
  stmt = stead_workspace_prepare (
    workspace, "SELECT owner, max(version) FROM stead_schema GROUP BY owner ORDER BY owner", NULL);
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
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Licence statements of the open data imported (OGL asks for them). */
  json_builder_set_member_name (builder, "attribution");
  json_builder_begin_object (builder);
  stmt = stead_workspace_prepare (
    workspace, "SELECT source, text FROM stead_attribution ORDER BY source", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *source = (const char *) sqlite3_column_text (stmt, 0);
      const char *text = (const char *) sqlite3_column_text (stmt, 1);

      json_builder_set_member_name (builder, source);
      json_builder_add_string_value (builder, text);
      if (!json)
        g_print (_("Data source (%s): %s\n"), source, text);
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
stead_cli_cmd_check (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = stead_cli_new_context (
    "check", "WS.gpkg", _("Check integrity and GeoPackage conformance, changing nothing."), NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!stead_cli_parse (context, &argc, &argv, 1, &status))
    return status;

  /* Opened only for the note that edits are off; the check itself reads
   * files too damaged to open. */
  {
    g_autoptr(SteadPluginEngine) engine = stead_cli_load_plugins ();
    g_autoptr(SteadWorkspace) workspace =
      stead_cli_open (argv[1], engine, STEAD_WORKSPACE_OPEN_READ_ONLY, TRUE, NULL);
  }

  if (!stead_check_file (argv[1], &problems, &error))
    return stead_cli_input_error (argv[1], error);

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
stead_cli_print_format (GObject    *format,
                        const char *direction)
{
  const char * const *extensions;
  const SteadFormatOption *options;
  g_autofree char *joined = NULL;
  const char *id, *title, *owner;

  if (STEAD_IS_IMPORTER (format))
    {
      id = stead_importer_get_id (STEAD_IMPORTER (format));
      title = stead_importer_get_title (STEAD_IMPORTER (format));
      extensions = stead_importer_get_extensions (STEAD_IMPORTER (format));
      owner = stead_importer_get_owner (STEAD_IMPORTER (format));
      options = stead_importer_get_options (STEAD_IMPORTER (format));
    }
  else
    {
      id = stead_exporter_get_id (STEAD_EXPORTER (format));
      title = stead_exporter_get_title (STEAD_EXPORTER (format));
      extensions = stead_exporter_get_extensions (STEAD_EXPORTER (format));
      owner = stead_exporter_get_owner (STEAD_EXPORTER (format));
      options = stead_exporter_get_options (STEAD_EXPORTER (format));
    }

  joined = extensions != NULL ? g_strjoinv (",", (char **) extensions) : g_strdup ("");
  g_print ("%-7s %-22s %-14s %-10s %s\n", direction, id, joined, owner, title);
  /* The options it takes, under it: --option KEY=VALUE, and the label
   * that messages call it by. */
  for (guint i = 0; options != NULL && options[i].key != NULL; i++)
    g_print ("%-7s   --option %s=…  %s%s%s\n", "", options[i].key,
             options[i].label != NULL ? _(options[i].label) : "",
             options[i].label != NULL ? ": " : "",
             options[i].description != NULL ? _(options[i].description) : "");
}

static int
stead_cli_cmd_formats (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = stead_cli_new_context (
    "formats", "", _("List the import and export formats the plugins offer."), NULL);
  g_autoptr(SteadPluginEngine) engine = NULL;
  int status;

  if (!stead_cli_parse (context, &argc, &argv, 0, &status))
    return status;

  engine = stead_cli_load_plugins ();

  g_print ("%-7s %-22s %-14s %-10s %s\n", _("KIND"), _("FORMAT"), _("EXTENSIONS"), _("PLUGIN"),
           _("TITLE"));
  {
    g_autoptr(GPtrArray) all_importers = stead_import_list_importers (engine);
    g_autoptr(GPtrArray) all_exporters = stead_export_list_exporters (engine);

    for (guint i = 0; i < all_importers->len; i++)
      stead_cli_print_format (g_ptr_array_index (all_importers, i), "import");
    for (guint i = 0; i < all_exporters->len; i++)
      stead_cli_print_format (g_ptr_array_index (all_exporters, i), "export");
  }
  return EXIT_SUCCESS;
}

/* KEY=VALUE strings into a table. */
static gboolean
stead_cli_parse_options (char        **pairs,
                         GHashTable  **table,
                         GOptionContext *context,
                         int          *status)
{
  *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; pairs != NULL && pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');

      if (eq == NULL || eq == pairs[i])
        {
          g_autofree char *message =
            g_strdup_printf (_("--option takes KEY=VALUE, not “%s”"), pairs[i]);

          *status = stead_cli_usage_error (context, message);
          return FALSE;
        }
      g_hash_table_insert (*table, g_strndup (pairs[i], eq - pairs[i]), g_strdup (eq + 1));
    }
  return TRUE;
}

static int
stead_cli_cmd_import (int    argc,
                      char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *map = NULL;
  g_autofree char *within = NULL;
  g_autofree char *rejects_path = NULL;
  g_auto(GStrv) option_pairs = NULL;
  gboolean dry_run = FALSE;
  gboolean skip_rejected = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("The format (see “stead-cli formats”); by default, from the file name"), N_("FORMAT") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Count what would be added, updated and rejected; change nothing"), NULL },
    { "map", 'm', 0, G_OPTION_ARG_STRING, &map,
      N_("Which column feeds which field, over the automatic mapping"), N_("field=Column,…") },
    { "within", 0, 0, G_OPTION_ARG_STRING, &within,
      N_("Keep only what lies inside the area with this code"), N_("CODE") },
    { "option", 'o', 0, G_OPTION_ARG_STRING_ARRAY, &option_pairs,
      N_("A format option, e.g. kind=food"), N_("KEY=VALUE") },
    { "skip-rejected", 0, 0, G_OPTION_ARG_NONE, &skip_rejected,
      N_("Import the good records even if some are rejected"), NULL },
    { "rejects", 0, 0, G_OPTION_ARG_FILENAME, &rejects_path,
      N_("Write the rejected records, with line and reason, to a CSV file"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the counts as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    stead_cli_new_context ("import", "WS.gpkg INPUT",
                           _("Import a file into the workspace: all of it, in one "
                              "transaction, or nothing."),
                           entries);
  g_autoptr(SteadPluginEngine) engine = NULL;
  g_autoptr(SteadWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) importers = NULL;
  g_autoptr(GHashTable) options_table = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GFile) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  SteadImportOptions options = { 0 };
  SteadImporter *importer;
  gboolean ok;
  int status;

  if (!stead_cli_parse (context, &argc, &argv, 2, &status))
    return status;
  if (!stead_cli_parse_options (option_pairs, &options_table, context, &status))
    return status;

  engine = stead_cli_load_plugins ();
  input = g_file_new_for_commandline_arg (argv[2]);
  if (!g_file_query_exists (input, NULL))
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No such file"));
      return stead_cli_input_error (argv[2], error);
    }
  importers = stead_import_list_importers (engine);
  importer = stead_import_find_importer (importers, format, input, &error);
  if (importer == NULL)
    return stead_cli_input_error (argv[2], error);
  /* A key the format does not take is bad usage: say which it takes. */
  if (!stead_importer_check_options (importer, options_table, &error))
    return stead_cli_usage_error (NULL, error->message);

  /* A dry run works on a private copy: the file is only read. */
  workspace = stead_cli_open (argv[1], engine,
                              dry_run ? STEAD_WORKSPACE_OPEN_SCRATCH : STEAD_WORKSPACE_OPEN_DEFAULT,
                              dry_run, &error);
  if (workspace == NULL)
    return stead_cli_input_error (argv[1], error);
  if (!dry_run && stead_workspace_is_read_only (workspace))
    {
      g_autofree char *name = g_path_get_basename (argv[1]);

      g_set_error (&error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_READ_ONLY,
                   _("“%s” is read-only: %s"), name,
                   stead_workspace_get_read_only_reason (workspace));
      return stead_cli_input_error (argv[1], error);
    }
  if (rejects_path != NULL)
    {
      /* Refused before anything is imported: the workspace or the input. */
      g_autoptr(GFile) out = g_file_new_for_commandline_arg (rejects_path);
      g_autoptr(SteadOutput) rejects = stead_output_new (out, STEAD_OUTPUT_FLAGS_PERSONAL);

      stead_output_protect_workspace (rejects, argv[1]);
      stead_output_protect (rejects, input);
      if (!stead_output_check (rejects, &error))
        return stead_cli_input_error (rejects_path, error);
    }

  options.dry_run = dry_run;
  options.skip_rejected = skip_rejected;
  options.map = map;
  options.within = within;
  options.options = options_table;

  ok = stead_import_run (workspace, importer, input, &options, NULL, NULL, NULL, &result, &error);

  if (result != NULL && rejects_path != NULL && result->rejects->len > 0)
    {
      g_autoptr(GFile) out = g_file_new_for_commandline_arg (rejects_path);
      g_autoptr(GError) write_error = NULL;

      /* Whole rows, personal data and all: 0600. */
      if (!stead_import_result_save_rejects (result, out, workspace, input, NULL, &write_error))
        return stead_cli_input_error (rejects_path, write_error);
    }

  if (result != NULL && json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      gboolean committed = ok && result->committed;

      summary = stead_import_result_describe (result);
      json_builder_begin_object (builder);
      stead_cli_json_string (builder, "format", stead_importer_get_id (importer));
      stead_cli_json_bool (builder, "dry_run", dry_run);
      stead_cli_json_bool (builder, "committed", committed);
      /* What changed: nothing, unless committed. What the file gives is
       * would_add and would_update, whether committed or not. */
      stead_cli_json_int (builder, "added", committed ? result->added : 0);
      stead_cli_json_int (builder, "updated", committed ? result->updated : 0);
      stead_cli_json_int (builder, "removed", committed ? result->removed : 0);
      stead_cli_json_int (builder, "would_add", result->added);
      stead_cli_json_int (builder, "would_update", result->updated);
      stead_cli_json_int (builder, "would_remove", result->removed);
      stead_cli_json_int (builder, "skipped", result->skipped);
      stead_cli_json_string (builder, "summary", summary);
      stead_cli_json_string (builder, "map", result->map);
      json_builder_set_member_name (builder, "rejected");
      json_builder_begin_array (builder);
      for (guint i = 0; i < result->rejects->len; i++)
        {
          const SteadImportReject *reject = g_ptr_array_index (result->rejects, i);

          json_builder_begin_object (builder);
          stead_cli_json_int (builder, "line", reject->line);
          stead_cli_json_int (builder, "record", reject->index);
          stead_cli_json_string (builder, "reason", reject->reason);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "added_names");
      json_builder_begin_array (builder);
      for (guint i = 0; i < result->added_names->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (result->added_names, i));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "updated_names");
      json_builder_begin_array (builder);
      for (guint i = 0; i < result->updated_names->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (result->updated_names, i));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "linked_names");
      json_builder_begin_array (builder);
      for (guint i = 0; i < result->linked_names->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (result->linked_names, i));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "warnings");
      json_builder_begin_array (builder);
      for (guint i = 0; i < result->warnings->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (result->warnings, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      text = json_to_string (root, TRUE);
      g_print ("%s\n", text);
    }
  else if (result != NULL)
    {
      summary = stead_import_result_describe (result);
      g_print ("%s: %s\n", argv[2], summary);
      if (result->map != NULL)
        g_print (_("Columns: %s\n"), result->map);
      for (guint i = 0; i < result->warnings->len; i++)
        g_print (_("Warning: %s\n"), (const char *) g_ptr_array_index (result->warnings, i));
      /* "Added" only for what was: a refused run or a failed commit added nothing. */
      gboolean committed = ok && result->committed;

      for (guint i = 0; i < MIN (result->added_names->len, 20); i++)
        g_print (committed ? _("Added: %s\n") : _("To add: %s\n"),
                 (const char *) g_ptr_array_index (result->added_names, i));
      if (result->added_names->len > 20)
        g_print (committed ? _("… and %u more added\n") : _("… and %u more to add\n"),
                 result->added_names->len - 20);
      for (guint i = 0; i < MIN (result->updated_names->len, 20); i++)
        g_print (committed ? _("Updated: %s\n") : _("To update: %s\n"),
                 (const char *) g_ptr_array_index (result->updated_names, i));
      if (result->updated_names->len > 20)
        g_print (committed ? _("… and %u more updated\n") : _("… and %u more to update\n"),
                 result->updated_names->len - 20);
      for (guint i = 0; i < result->linked_names->len; i++)
        g_print (committed ? _("Also added: %s\n") : _("Also to add: %s\n"),
                 (const char *) g_ptr_array_index (result->linked_names, i));
      for (guint i = 0; i < MIN (result->removed_names->len, 20); i++)
        g_print (committed ? _("Removed: %s\n") : _("To remove: %s\n"),
                 (const char *) g_ptr_array_index (result->removed_names, i));
      for (guint i = 0; i < MIN (result->rejects->len, 20); i++)
        {
          const SteadImportReject *reject = g_ptr_array_index (result->rejects, i);

          if (reject->line > 0)
            g_print (_("Rejected, line %llu: %s\n"), (unsigned long long) reject->line,
                     reject->reason);
          else
            g_print (_("Rejected, record %llu: %s\n"), (unsigned long long) reject->index,
                     reject->reason);
        }
      if (result->rejects->len > 20)
        g_print (_("… and %u more (--rejects FILE writes them all)\n"), result->rejects->len - 20);
    }

  if (!ok)
    return stead_cli_input_error (argv[2], error);
  return EXIT_SUCCESS;
}

/* A failed export or report: what the workspace could not give (a damaged
 * page, a failed query) names the workspace; the rest, the output. */
static int
stead_cli_output_error (const char   *workspace,
                        const char   *output,
                        const GError *error)
{
  return stead_cli_input_error (error->domain == STEAD_WORKSPACE_ERROR ? workspace : output, error);
}

static int
stead_cli_cmd_export (int    argc,
                      char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) option_pairs = NULL;
  gboolean include_personal = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("The format (see “stead-cli formats”)"),
      N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write; standard output if not given"), N_("FILE") },
    { "include-personal", 0, 0, G_OPTION_ARG_NONE, &include_personal,
      N_("Include personal data, which is left out by default"), NULL },
    { "option", 0, 0, G_OPTION_ARG_STRING_ARRAY, &option_pairs,
      N_("A format option, e.g. kind=ward"), N_("KEY=VALUE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = stead_cli_new_context ("export", "WS.gpkg",
                                                   _("Export from the workspace."), entries);
  g_autoptr(SteadPluginEngine) engine = NULL;
  g_autoptr(SteadWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) exporters = NULL;
  g_autoptr(GHashTable) options_table = NULL;
  g_autoptr(GError) error = NULL;
  SteadExportOptions options = { 0 };
  SteadExporter *exporter;
  int status;

  if (!stead_cli_parse (context, &argc, &argv, 1, &status))
    return status;
  if (format == NULL)
    return stead_cli_usage_error (context, _("Choose a format with --format (see “stead-cli "
                                              "formats”)"));
  if (!stead_cli_parse_options (option_pairs, &options_table, context, &status))
    return status;

  engine = stead_cli_load_plugins ();
  exporters = stead_export_list_exporters (engine);
  exporter = stead_export_find_exporter (exporters, format, &error);
  if (exporter == NULL)
    return stead_cli_usage_error (context, error->message);

  workspace = stead_cli_open (argv[1], engine, STEAD_WORKSPACE_OPEN_READ_ONLY, TRUE, &error);
  if (workspace == NULL)
    return stead_cli_input_error (argv[1], error);

  options.include_personal = include_personal;
  options.options = options_table;
  if (output != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

      /* Never over the workspace; written beside and renamed over; 0600
       * with personal data; nothing left behind on an error. */
      if (!stead_exporter_write_file (exporter, workspace, file, &options, NULL, &error))
        return stead_cli_output_error (argv[1], output, error);
    }
  else
    {
      g_autoptr(GOutputStream) stream = g_unix_output_stream_new (1, FALSE);

      if (!stead_exporter_run (exporter, workspace, stream, &options, NULL, &error))
        return stead_cli_input_error (argv[1], error);
    }
  return EXIT_SUCCESS;
}

static int
stead_cli_cmd_report (int    argc,
                      char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *marking = NULL;
  g_autofree char *version = NULL;
  g_autofree char *format_name = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write: a PDF, or HTML if its name ends .html"), N_("FILE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      N_("pdf or html (default: from the file’s name)"), N_("FORMAT") },
    { "marking", 0, 0, G_OPTION_ARG_STRING, &marking,
      N_("Protective marking on every page: OFFICIAL (the default) or OFFICIAL-SENSITIVE"),
      N_("MARKING") },
    { "version", 0, 0, G_OPTION_ARG_STRING, &version,
      N_("The version printed on every page (default: the change count)"), N_("VERSION") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = stead_cli_new_context ("report", "WS.gpkg --output FILE.pdf",
                                                   _("Write a partnership report from the enabled "
                                                     "plugins’ sections."), entries);
  g_autoptr(SteadPluginEngine) engine = NULL;
  g_autoptr(SteadWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) options_table = NULL;
  SteadReportOptions options = { 0 };
  SteadReportFormat format;
  int status;

  if (!stead_cli_parse (context, &argc, &argv, 1, &status))
    return status;
  if (output == NULL)
    return stead_cli_usage_error (context, _("Choose the file to write with --output"));
  file = g_file_new_for_commandline_arg (output);
  format = stead_report_format_for_file (file);
  if (format_name != NULL && !stead_report_format_parse (format_name, &format, &error))
    return stead_cli_usage_error (context, error->message);

  engine = stead_cli_load_plugins ();
  workspace = stead_cli_open (argv[1], engine, STEAD_WORKSPACE_OPEN_READ_ONLY, TRUE, &error);
  if (workspace == NULL)
    return stead_cli_input_error (argv[1], error);
  /* Checked as an export's options are: a marking that is not one of
   * the two is refused before anything is written. */
  options_table = g_hash_table_new (g_str_hash, g_str_equal);
  if (marking != NULL)
    g_hash_table_insert (options_table, (gpointer) "marking", marking);
  if (version != NULL)
    g_hash_table_insert (options_table, (gpointer) "version", version);
  if (!stead_report_options_parse (&options, options_table, &error))
    return stead_cli_usage_error (context, error->message);
  sections = stead_report_list_sections (workspace);
  if (!stead_report_write_file_as (workspace, sections, format, &options, file, NULL, &error))
    return stead_cli_output_error (argv[1], output, error);
  return EXIT_SUCCESS;
}

/* One line a hit: its kind, its title (padded to the longest, in
 * characters) and owner:ref, what the window's <owner>.show takes. */
static void
stead_cli_print_hits (GPtrArray *hits)
{
  glong width = 0;

  for (guint i = 0; i < hits->len; i++)
    {
      const SteadSearchHit *hit = g_ptr_array_index (hits, i);

      width = MAX (width, g_utf8_strlen (hit->title, -1));
    }
  width = MIN (width, 48);
  for (guint i = 0; i < hits->len; i++)
    {
      const SteadSearchHit *hit = g_ptr_array_index (hits, i);
      glong pad = MAX (width - g_utf8_strlen (hit->title, -1), 0);

      g_print ("%-14s %s%*s  %s:%" G_GINT64_FORMAT "\n", hit->kind, hit->title, (int) pad, "",
               hit->owner, hit->ref);
    }
}

static void
stead_cli_print_hits_json (GPtrArray *hits)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < hits->len; i++)
    {
      const SteadSearchHit *hit = g_ptr_array_index (hits, i);

      json_builder_begin_object (builder);
      stead_cli_json_string (builder, "kind", hit->kind);
      stead_cli_json_string (builder, "title", hit->title);
      stead_cli_json_string (builder, "owner", hit->owner);
      stead_cli_json_int (builder, "ref", hit->ref);
      stead_cli_json_string (builder, "snippet", hit->snippet);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  g_print ("%s\n", text);
}

static int
stead_cli_cmd_search (int    argc,
                      char **argv)
{
  gboolean json = FALSE;
  int limit = 20;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N hits (default 20)"), "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = stead_cli_new_context ("search", "WS.gpkg TEXT",
                                                   _("Find records by name or text, best first: "
                                                     "what the window’s search finds."),
                                                   entries);
  g_autoptr(SteadPluginEngine) engine = NULL;
  g_autoptr(SteadWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *query = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!stead_cli_parse (context, &argc, &argv, 2, &status))
    return status;
  if (limit < 1)
    return stead_cli_usage_error (context, _("--limit must be 1 or more"));
  if (!(query = stead_search_make_query (argv[2])))
    return stead_cli_usage_error (context, _("Give a word to search for"));

  engine = stead_cli_load_plugins ();
  workspace = stead_cli_open (argv[1], engine, STEAD_WORKSPACE_OPEN_READ_ONLY, TRUE, &error);
  if (workspace == NULL)
    return stead_cli_input_error (argv[1], error);
  hits = stead_workspace_search (workspace, argv[2], (guint) limit, &error);
  if (hits == NULL)
    return stead_cli_input_error (argv[1], error);

  if (json)
    stead_cli_print_hits_json (hits);
  else if (hits->len == 0)
    /* Not an error: nothing matched. */
    g_printerr (_("No results for “%s” in %s\n"), argv[2], argv[1]);
  else
    stead_cli_print_hits (hits);
  return EXIT_SUCCESS;
}

/* The local midnight (Europe/London, as the trends count days) of
 * "YYYY-MM-DD", in ms; with @next, of the day after. */
static gboolean
stead_cli_parse_day (const char *text,
                     gboolean    next,
                     gint64     *out)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/London");
  g_autoptr(GDateTime) day = NULL;
  int y, m, d;
  char end;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  day = g_date_time_new (tz, y, m, d, 0, 0, 0);
  if (next)
    {
      GDateTime *after = g_date_time_add_days (day, 1);

      g_date_time_unref (day);
      day = g_date_time_new (tz, g_date_time_get_year (after), g_date_time_get_month (after),
                             g_date_time_get_day_of_month (after), 0, 0, 0);
      g_date_time_unref (after);
    }
  *out = g_date_time_to_unix (day) * 1000;
  return TRUE;
}

/* "D..D", both days included. */
static gboolean
stead_cli_parse_period (const char *text,
                        gint64     *from,
                        gint64     *to)
{
  g_auto(GStrv) parts = text != NULL ? g_strsplit (text, "..", 3) : NULL;

  return parts != NULL && g_strv_length (parts) == 2 &&
         stead_cli_parse_day (parts[0], FALSE, from) && stead_cli_parse_day (parts[1], TRUE, to) &&
         *to > *from;
}

static char *
stead_cli_day (gint64      ms,
               const char *zone)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (local, "%Y-%m-%d");
}

static void
stead_cli_json_double (JsonBuilder *builder,
                       const char  *name,
                       double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

static void
stead_cli_print_trends_json (const SteadNeedTrends *t)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *from = stead_cli_day (t->from, t->time_zone);
  g_autofree char *to = stead_cli_day (t->to - 1, t->time_zone);
  static const char *buckets[] = { "day", "week", "month" };

  json_builder_begin_object (builder);
  stead_cli_json_string (builder, "from", from);
  stead_cli_json_string (builder, "to", to);
  stead_cli_json_string (builder, "bucket", buckets[t->bucket]);
  stead_cli_json_string (builder, "time_zone", t->time_zone);
  stead_cli_json_int (builder, "total", t->total);
  stead_cli_json_int (builder, "closed", t->closed);
  stead_cli_json_int (builder, "resolved", t->resolution.count);
  stead_cli_json_double (builder, "median_hours", t->resolution.median_hours);
  stead_cli_json_double (builder, "p90_hours", t->resolution.p90_hours);
  json_builder_set_member_name (builder, "volume");
  json_builder_begin_array (builder);
  for (guint i = 0; i < t->buckets->len; i++)
    {
      const SteadNeedTrendsBucketRow *b = &g_array_index (t->buckets, SteadNeedTrendsBucketRow, i);
      g_autofree char *start = stead_cli_day (b->start, t->time_zone);

      json_builder_begin_object (builder);
      stead_cli_json_string (builder, "start", start);
      stead_cli_json_int (builder, "opened", b->opened);
      stead_cli_json_int (builder, "closed", b->closed);
      stead_cli_json_int (builder, "backlog", b->backlog);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "kinds");
  json_builder_begin_array (builder);
  for (guint i = 0; i < t->kinds->len; i++)
    {
      const SteadNeedTrendsKind *k = &g_array_index (t->kinds, SteadNeedTrendsKind, i);

      json_builder_begin_object (builder);
      stead_cli_json_string (builder, "kind", k->kind);
      stead_cli_json_string (builder, "label", k->label);
      stead_cli_json_int (builder, "count", k->count);
      stead_cli_json_double (builder, "share", k->share);
      stead_cli_json_double (builder, "median_hours", k->resolution.median_hours);
      stead_cli_json_double (builder, "p90_hours", k->resolution.p90_hours);
      stead_cli_json_int (builder, "baseline", k->baseline);
      stead_cli_json_int (builder, "incident", k->incident);
      stead_cli_json_double (builder, "baseline_per_day", k->baseline_per_day);
      stead_cli_json_double (builder, "incident_per_day", k->incident_per_day);
      stead_cli_json_double (builder, "share_change", k->share_change);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "areas");
  json_builder_begin_array (builder);
  for (guint i = 0; i < t->areas->len; i++)
    {
      const SteadNeedTrendsArea *a = &g_array_index (t->areas, SteadNeedTrendsArea, i);

      json_builder_begin_object (builder);
      stead_cli_json_int (builder, "fid", a->fid);
      stead_cli_json_string (builder, "code", a->code);
      stead_cli_json_string (builder, "name", a->name);
      stead_cli_json_int (builder, "count", a->count);
      json_builder_set_member_name (builder, "by_kind");
      json_builder_begin_object (builder);
      for (guint k = 0; k < t->kinds->len; k++)
        stead_cli_json_int (builder, g_array_index (t->kinds, SteadNeedTrendsKind, k).kind,
                            a->by_kind[k]);
      json_builder_end_object (builder);
      stead_cli_json_int (builder, "baseline", a->baseline);
      stead_cli_json_int (builder, "incident", a->incident);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  stead_cli_json_int (builder, "outside", t->outside);
  json_builder_set_member_name (builder, "when");
  json_builder_begin_array (builder);
  for (int d = 0; d < 7; d++)
    {
      json_builder_begin_array (builder);
      for (int h = 0; h < 24; h++)
        json_builder_add_int_value (builder, t->when[d][h]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);
  for (guint i = 0; i < t->groups->len; i++)
    {
      const SteadNeedTrendsGroup *g = &g_array_index (t->groups, SteadNeedTrendsGroup, i);

      json_builder_begin_object (builder);
      stead_cli_json_int (builder, "id", g->id);
      stead_cli_json_string (builder, "name", g->name);
      stead_cli_json_int (builder, "count", g->count);
      stead_cli_json_int (builder, "baseline", g->baseline);
      stead_cli_json_int (builder, "incident", g->incident);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  stead_cli_json_int (builder, "baseline_total", t->baseline_total);
  stead_cli_json_int (builder, "incident_total", t->incident_total);
  json_builder_set_member_name (builder, "differences");
  json_builder_begin_array (builder);
  for (guint i = 0; i < t->differences->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (t->differences, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  g_print ("%s\n", text);
}

static void
stead_cli_print_trends (const SteadNeedTrends *t)
{
  g_autofree char *from = stead_cli_day (t->from, t->time_zone);
  g_autofree char *to = stead_cli_day (t->to - 1, t->time_zone);

  g_print (_("Needs from %s to %s: %u opened, %u closed\n"), from, to, t->total, t->closed);
  g_print (_("Time to resolution: median %.1f h, 90th percentile %.1f h (%u needs)\n"),
           t->resolution.median_hours, t->resolution.p90_hours, t->resolution.count);
  g_print ("\n%-12s %8s %8s %8s\n", _("From"), _("Opened"), _("Closed"), _("Backlog"));
  for (guint i = 0; i < t->buckets->len; i++)
    {
      const SteadNeedTrendsBucketRow *b = &g_array_index (t->buckets, SteadNeedTrendsBucketRow, i);
      g_autofree char *start = stead_cli_day (b->start, t->time_zone);

      g_print ("%-12s %8u %8u %8u\n", start, b->opened, b->closed, b->backlog);
    }
  g_print ("\n%-36s %8s %7s %9s %9s\n", _("Kind"), _("Needs"), _("Share"), _("Median h"),
           _("P90 h"));
  for (guint i = 0; i < t->kinds->len; i++)
    {
      const SteadNeedTrendsKind *k = &g_array_index (t->kinds, SteadNeedTrendsKind, i);

      g_print ("%-36s %8u %6.1f%% %9.1f %9.1f\n", k->label, k->count, 100 * k->share,
               k->resolution.median_hours, k->resolution.p90_hours);
    }
  g_print ("\n%-36s %8s\n", _("Area"), _("Needs"));
  for (guint i = 0; i < t->areas->len; i++)
    {
      const SteadNeedTrendsArea *a = &g_array_index (t->areas, SteadNeedTrendsArea, i);

      g_print ("%-36s %8u\n", a->name, a->count);
    }
  if (t->outside > 0)
    g_print ("%-36s %8u\n", _("In no area"), t->outside);
  if (t->groups->len > 0)
    {
      g_print ("\n%-36s %8s\n", _("Target group"), _("Needs"));
      for (guint i = 0; i < t->groups->len; i++)
        {
          const SteadNeedTrendsGroup *g = &g_array_index (t->groups, SteadNeedTrendsGroup, i);

          g_print ("%-36s %8u\n", g->name, g->count);
        }
    }
  if (t->differences->len > 0)
    {
      g_print ("\n%s\n", _("Baseline against incident:"));
      for (guint i = 0; i < t->differences->len; i++)
        g_print ("  %s\n", (const char *) g_ptr_array_index (t->differences, i));
    }
}

static int
stead_cli_cmd_need_trends (int    argc,
                           char **argv)
{
  g_autofree char *from_s = NULL, *to_s = NULL, *bucket_s = NULL, *baseline_s = NULL,
                  *incident_s = NULL, *area_kind = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_s, N_("The first day (default: a year ago)"),
      N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_s, N_("The last day (default: today)"),
      N_("YYYY-MM-DD") },
    { "bucket", 0, 0, G_OPTION_ARG_STRING, &bucket_s, N_("day, week (default) or month"),
      N_("B") },
    { "area-kind", 0, 0, G_OPTION_ARG_STRING, &area_kind, N_("Areas to count in (default ward)"),
      N_("KIND") },
    { "baseline", 0, 0, G_OPTION_ARG_STRING, &baseline_s, N_("The baseline period, both days in"),
      N_("D..D") },
    { "incident", 0, 0, G_OPTION_ARG_STRING, &incident_s, N_("The incident period, both days in"),
      N_("D..D") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = stead_cli_new_context (
    "need-trends", "WS.gpkg",
    _("Needs over time: volume, where, when, who, type, and a baseline against an incident. "
      "Days are UK days (Europe/London)."),
    entries);
  g_autoptr(SteadPluginEngine) engine = NULL;
  g_autoptr(SteadWorkspace) workspace = NULL;
  g_autoptr(SteadNeedTrends) trends = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  SteadNeedTrendsQuery query;
  gint64 from, to;
  int status;

  if (!stead_cli_parse (context, &argc, &argv, 1, &status))
    return status;
  if (!stead_cli_parse_day (to_s != NULL ? to_s : today, TRUE, &to))
    return stead_cli_usage_error (context, _("--to must be a date, YYYY-MM-DD"));
  if (from_s == NULL)
    {
      g_autoptr(GDateTime) year_ago = g_date_time_add_years (now, -1);
      g_autofree char *day = g_date_time_format (year_ago, "%Y-%m-%d");

      from_s = g_strdup (to_s != NULL ? to_s : day);
      if (to_s != NULL)
        {
          /* A year before --to. */
          int y, m, d;

          sscanf (to_s, "%4d-%2d-%2d", &y, &m, &d);
          g_free (from_s);
          from_s = g_strdup_printf ("%04d-%02d-%02d", y - 1, m, m == 2 && d == 29 ? 28 : d);
        }
    }
  if (!stead_cli_parse_day (from_s, FALSE, &from))
    return stead_cli_usage_error (context, _("--from must be a date, YYYY-MM-DD"));
  if (to <= from)
    return stead_cli_usage_error (context, _("--to must not be before --from"));
  stead_need_trends_query_init (&query, from, to, STEAD_NEED_TRENDS_WEEK);
  if (g_strcmp0 (bucket_s, "day") == 0)
    query.bucket = STEAD_NEED_TRENDS_DAY;
  else if (g_strcmp0 (bucket_s, "month") == 0)
    query.bucket = STEAD_NEED_TRENDS_MONTH;
  else if (bucket_s != NULL && strcmp (bucket_s, "week") != 0)
    return stead_cli_usage_error (context, _("--bucket must be day, week or month"));
  if ((baseline_s != NULL) != (incident_s != NULL))
    return stead_cli_usage_error (context, _("Give both --baseline and --incident"));
  if (baseline_s != NULL &&
      (!stead_cli_parse_period (baseline_s, &query.baseline_from, &query.baseline_to) ||
       !stead_cli_parse_period (incident_s, &query.incident_from, &query.incident_to)))
    return stead_cli_usage_error (context,
                                  _("--baseline and --incident must be two dates, "
                                    "YYYY-MM-DD..YYYY-MM-DD, the first not after the second"));
  query.area_kind = area_kind;

  engine = stead_cli_load_plugins ();
  workspace = stead_cli_open (argv[1], engine, STEAD_WORKSPACE_OPEN_READ_ONLY, TRUE, &error);
  if (workspace == NULL)
    return stead_cli_input_error (argv[1], error);
  trends = stead_need_trends_compute (workspace, &query, NULL, &error);
  if (trends == NULL)
    return stead_cli_input_error (argv[1], error);
  if (json)
    stead_cli_print_trends_json (trends);
  else
    stead_cli_print_trends (trends);
  return EXIT_SUCCESS;
}

static const Command commands[] = {
  { "new", "WS.gpkg [--name AREA]", N_("Create an empty workspace"), stead_cli_cmd_new },
  { "demo", "WS.gpkg [--scale N]", N_("Create the demo area"), stead_cli_cmd_demo },
  { "info", "WS.gpkg [--json]", N_("Plugins, schema versions, row counts"), stead_cli_cmd_info },
  { "check", "WS.gpkg", N_("Integrity and GeoPackage conformance"), stead_cli_cmd_check },
  { "formats", "", N_("Import and export formats the plugins offer"), stead_cli_cmd_formats },
  { "import", "WS.gpkg INPUT [--format F] [--dry-run] [--map M]",
    N_("Import a file, all or nothing"), stead_cli_cmd_import },
  { "export", "WS.gpkg --format F [--output OUT]", N_("Export, personal data left out"),
    stead_cli_cmd_export },
  { "report", "WS.gpkg --output FILE.pdf", N_("A partnership report (PDF or HTML)"),
    stead_cli_cmd_report },
  { "search", "WS.gpkg TEXT [--limit N] [--json]", N_("Find records by name or text"),
    stead_cli_cmd_search },
  { "need-trends", "WS.gpkg [--from D] [--to D] [--bucket day|week|month] "
    "[--baseline D..D] [--incident D..D] [--json]",
    N_("Needs over time: volume, pattern, type, compare"), stead_cli_cmd_need_trends },
};

/* The built-in commands, then those of the loaded plugins (@plugin_commands). */
static void
stead_cli_print_usage (FILE      *out,
                       GPtrArray *plugin_commands)
{
  fprintf (out, "%s\n", _("Usage: stead-cli COMMAND [ARGS…]"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *synopsis = g_strdup_printf ("%s %s", commands[i].name, commands[i].args);
      fprintf (out, "  %-34s %s\n", synopsis, _(commands[i].summary));
    }
  if (plugin_commands != NULL && plugin_commands->len > 0)
    {
      fprintf (out, "\n%s\n", _("Commands of the enabled plugins:"));
      for (guint i = 0; i < plugin_commands->len; i++)
        {
          const SteadCommand *command = g_ptr_array_index (plugin_commands, i);
          g_autofree char *synopsis = g_strdup_printf ("%s %s", command->name,
                                                       command->args != NULL ? command->args : "");

          fprintf (out, "  %-34s %s\n", synopsis,
                   command->summary != NULL ? _(command->summary) : "");
        }
    }
  fprintf (out, "\n%s\n", _("Run “stead-cli COMMAND --help” for a command’s options."));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(SteadPluginEngine) engine = NULL;
  g_autoptr(GPtrArray) plugin_commands = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("stead-cli");

  if (argc < 2)
    {
      stead_cli_print_usage (stderr, NULL);
      return EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      engine = stead_cli_load_plugins ();
      plugin_commands = stead_plugin_engine_list_commands (engine);
      stead_cli_print_usage (stdout, plugin_commands);
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

  /* Not built in: perhaps a plugin's. */
  engine = stead_cli_load_plugins ();
  plugin_commands = stead_plugin_engine_list_commands (engine);
  for (guint i = 0; i < plugin_commands->len; i++)
    {
      const SteadCommand *command = g_ptr_array_index (plugin_commands, i);

      if (g_str_equal (argv[1], command->name))
        return command->run (engine, argc - 1, argv + 1);
    }

  g_printerr ("stead-cli: %s\n", _("unknown command"));
  stead_cli_print_usage (stderr, plugin_commands);
  return EXIT_USAGE;
}
