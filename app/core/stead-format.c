/* stead-format.c: formats described by tables, and the list of them all
 *
 * Every format the core and the plugins offer is a SteadImportFormat or
 * SteadExportFormat table behind one of two small GObject types, so a
 * format costs its table and its run function. The lists the import
 * dialog, the export menu and `stead-cli formats` show are gathered here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-format"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-format.h"
#include "stead-import-formats-private.h"
#include "stead-plugin-engine.h"
#include "stead-workspace-addin.h"

/* ------------------------------------------------------------------------ */
/* Importers                                                                 */

#define STEAD_TYPE_FORMAT_IMPORTER (stead_format_importer_get_type ())
G_DECLARE_FINAL_TYPE (SteadFormatImporter, stead_format_importer, STEAD, FORMAT_IMPORTER, GObject)

struct _SteadFormatImporter
{
  GObject                  parent_instance;
  const SteadImportFormat *format;
  char                    *owner;
};

static const char *
stead_format_translate (const char *domain,
                        const char *text)
{
  return text != NULL ? g_dgettext (domain != NULL ? domain : GETTEXT_PACKAGE, text) : NULL;
}

static const char *
stead_format_importer_get_id (SteadImporter *importer)
{
  return STEAD_FORMAT_IMPORTER (importer)->format->id;
}

static const char *
stead_format_importer_get_title (SteadImporter *importer)
{
  const SteadImportFormat *format = STEAD_FORMAT_IMPORTER (importer)->format;

  return stead_format_translate (format->domain, format->title);
}

static const char * const *
stead_format_importer_get_extensions (SteadImporter *importer)
{
  return STEAD_FORMAT_IMPORTER (importer)->format->extensions;
}

static const SteadField *
stead_format_importer_get_fields (SteadImporter *importer,
                                  guint         *n_fields)
{
  const SteadImportFormat *format = STEAD_FORMAT_IMPORTER (importer)->format;

  *n_fields = format->n_fields;
  return format->fields;
}

static const char *
stead_format_importer_get_owner (SteadImporter *importer)
{
  return STEAD_FORMAT_IMPORTER (importer)->owner;
}

static const SteadFormatOption *
stead_format_importer_get_options (SteadImporter *importer)
{
  return STEAD_FORMAT_IMPORTER (importer)->format->options;
}

static guint
stead_format_importer_get_flags (SteadImporter *importer)
{
  return STEAD_FORMAT_IMPORTER (importer)->format->flags;
}

static gboolean
stead_format_importer_run (SteadImporter       *importer,
                           SteadImportContext  *context,
                           GError             **error)
{
  return STEAD_FORMAT_IMPORTER (importer)->format->run (context, error);
}

static guint
stead_format_importer_detect (SteadImporter           *importer,
                              const SteadImportSample *sample)
{
  const SteadImportFormat *format = STEAD_FORMAT_IMPORTER (importer)->format;

  if (format->detect != NULL)
    return format->detect (sample);
  return stead_import_detect_by_header (importer, sample);
}

static void
stead_format_importer_iface_init (SteadImporterInterface *iface)
{
  iface->detect = stead_format_importer_detect;
  iface->get_id = stead_format_importer_get_id;
  iface->get_title = stead_format_importer_get_title;
  iface->get_extensions = stead_format_importer_get_extensions;
  iface->get_fields = stead_format_importer_get_fields;
  iface->get_owner = stead_format_importer_get_owner;
  iface->get_options = stead_format_importer_get_options;
  iface->run = stead_format_importer_run;
  iface->get_flags = stead_format_importer_get_flags;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (SteadFormatImporter,
                               stead_format_importer,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEAD_TYPE_IMPORTER,
                                                      stead_format_importer_iface_init))

static void
stead_format_importer_finalize (GObject *object)
{
  g_free (STEAD_FORMAT_IMPORTER (object)->owner);
  G_OBJECT_CLASS (stead_format_importer_parent_class)->finalize (object);
}

static void
stead_format_importer_class_init (SteadFormatImporterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = stead_format_importer_finalize;
}

static void
stead_format_importer_init (SteadFormatImporter *self)
{
}

/**
 * stead_importer_new:
 * @format: (not nullable): a static description of the format
 * @owner: (nullable): the owning plugin's module name (%NULL: the core)
 *
 * Returns: (transfer full): an importer reading @format
 */
SteadImporter *
stead_importer_new (const SteadImportFormat *format,
                    const char              *owner)
{
  SteadFormatImporter *self;

  g_return_val_if_fail (format != NULL && format->id != NULL && format->run != NULL, NULL);

  self = g_object_new (STEAD_TYPE_FORMAT_IMPORTER, NULL);
  self->format = format;
  self->owner = g_strdup (owner);
  return STEAD_IMPORTER (self);
}

/* ------------------------------------------------------------------------ */
/* Exporters                                                                 */

#define STEAD_TYPE_FORMAT_EXPORTER (stead_format_exporter_get_type ())
G_DECLARE_FINAL_TYPE (SteadFormatExporter, stead_format_exporter, STEAD, FORMAT_EXPORTER, GObject)

struct _SteadFormatExporter
{
  GObject                  parent_instance;
  const SteadExportFormat *format;
  char                    *owner;
};

static const char *
stead_format_exporter_get_id (SteadExporter *exporter)
{
  return STEAD_FORMAT_EXPORTER (exporter)->format->id;
}

static const char *
stead_format_exporter_get_title (SteadExporter *exporter)
{
  const SteadExportFormat *format = STEAD_FORMAT_EXPORTER (exporter)->format;

  return stead_format_translate (format->domain, format->title);
}

static const char * const *
stead_format_exporter_get_extensions (SteadExporter *exporter)
{
  return STEAD_FORMAT_EXPORTER (exporter)->format->extensions;
}

static const char *
stead_format_exporter_get_owner (SteadExporter *exporter)
{
  return STEAD_FORMAT_EXPORTER (exporter)->owner;
}

static const SteadFormatOption *
stead_format_exporter_get_options (SteadExporter *exporter)
{
  return STEAD_FORMAT_EXPORTER (exporter)->format->options;
}

static gboolean
stead_format_exporter_run (SteadExporter            *exporter,
                           SteadWorkspace           *workspace,
                           GOutputStream            *stream,
                           const SteadExportOptions *options,
                           GCancellable             *cancellable,
                           GError                  **error)
{
  return STEAD_FORMAT_EXPORTER (exporter)->format->run (workspace, stream, options, cancellable,
                                                        error);
}

static void
stead_format_exporter_iface_init (SteadExporterInterface *iface)
{
  iface->get_id = stead_format_exporter_get_id;
  iface->get_title = stead_format_exporter_get_title;
  iface->get_extensions = stead_format_exporter_get_extensions;
  iface->get_owner = stead_format_exporter_get_owner;
  iface->get_options = stead_format_exporter_get_options;
  iface->run = stead_format_exporter_run;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (SteadFormatExporter,
                               stead_format_exporter,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEAD_TYPE_EXPORTER,
                                                      stead_format_exporter_iface_init))

static void
stead_format_exporter_finalize (GObject *object)
{
  g_free (STEAD_FORMAT_EXPORTER (object)->owner);
  G_OBJECT_CLASS (stead_format_exporter_parent_class)->finalize (object);
}

static void
stead_format_exporter_class_init (SteadFormatExporterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = stead_format_exporter_finalize;
}

static void
stead_format_exporter_init (SteadFormatExporter *self)
{
}

/**
 * stead_exporter_new:
 * @format: (not nullable): a static description of the format
 * @owner: (nullable): the owning plugin's module name (%NULL: the core)
 *
 * Returns: (transfer full): an exporter writing @format
 */
SteadExporter *
stead_exporter_new (const SteadExportFormat *format,
                    const char              *owner)
{
  SteadFormatExporter *self;

  g_return_val_if_fail (format != NULL && format->id != NULL && format->run != NULL, NULL);

  self = g_object_new (STEAD_TYPE_FORMAT_EXPORTER, NULL);
  self->format = format;
  self->owner = g_strdup (owner);
  return STEAD_EXPORTER (self);
}

/* ------------------------------------------------------------------------ */
/* Options                                                                   */

/**
 * stead_format_check_options:
 * @format_id: the format, for the message
 * @declared: (nullable): the options it takes, ending with { NULL }
 * @options: (nullable): key=value strings given by the user
 * @error: a #GError
 *
 * Returns: %TRUE if every key of @options is one @declared lists
 */
gboolean
stead_format_check_options (const char              *format_id,
                            const SteadFormatOption *declared,
                            GHashTable              *options,
                            GError                 **error)
{
  GHashTableIter iter;
  gpointer key;

  if (options == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, options);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(GString) known = g_string_new (NULL);
      gboolean found = FALSE;

      for (guint i = 0; declared != NULL && declared[i].key != NULL; i++)
        {
          found |= g_str_equal (declared[i].key, key);
          g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", declared[i].key);
        }
      if (found)
        continue;
      if (known->len == 0)
        g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION,
                     _("The format “%s” takes no options (not “%s”)"), format_id,
                     (const char *) key);
      else
        g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION,
                     _("The format “%s” has no option “%s”; it takes %s"), format_id,
                     (const char *) key, known->str);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Every format there is                                                    */

static void
stead_format_collect_extension (PeasExtensionSet *set,
                                PeasPluginInfo   *info,
                                PeasExtension    *extension,
                                gpointer          user_data)
{
  /* Which plugin a hand-written format object came from, for get_owner (). */
  g_object_set_data_full (G_OBJECT (extension), "stead-plugin",
                          g_strdup (peas_plugin_info_get_module_name (info)), g_free);
  g_ptr_array_add (user_data, g_object_ref (extension));
}

static void
stead_format_collect_addin_importers (PeasExtensionSet *set,
                                      PeasPluginInfo   *info,
                                      PeasExtension    *extension,
                                      gpointer          user_data)
{
  stead_workspace_addin_add_importers (STEAD_WORKSPACE_ADDIN (extension), user_data);
}

static void
stead_format_collect_addin_exporters (PeasExtensionSet *set,
                                      PeasPluginInfo   *info,
                                      PeasExtension    *extension,
                                      gpointer          user_data)
{
  stead_workspace_addin_add_exporters (STEAD_WORKSPACE_ADDIN (extension), user_data);
}

/**
 * stead_import_list_importers:
 * @engine: (nullable): the plugin engine, or %NULL for the core formats only
 *
 * Returns: (transfer container) (element-type SteadImporter): the core
 *   formats, then those of the loaded plugins
 */
GPtrArray *
stead_import_list_importers (SteadPluginEngine *engine)
{
  static const SteadImportFormat *formats[] = {
    &stead_import_needs_csv,
    &stead_import_resources_csv,
    &stead_import_postcodes,
    &stead_import_geojson_areas,
    &stead_import_gpkg_areas,
    &stead_import_cap,
  };
  GPtrArray *importers = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    g_ptr_array_add (importers, stead_importer_new (formats[i], NULL));
  if (engine != NULL)
    {
      g_autoptr(PeasExtensionSet) set = NULL;

      set = stead_plugin_engine_create_extension_set (engine, STEAD_TYPE_IMPORTER);
      peas_extension_set_foreach (set, stead_format_collect_extension, importers);
      g_clear_object (&set);
      set = stead_plugin_engine_create_extension_set (engine, STEAD_TYPE_WORKSPACE_ADDIN);
      peas_extension_set_foreach (set, stead_format_collect_addin_importers, importers);
    }
  return importers;
}

/**
 * stead_export_list_exporters:
 * @engine: (nullable): the plugin engine, or %NULL for the core formats only
 *
 * Returns: (transfer container) (element-type SteadExporter): the core
 *   formats, then those of the loaded plugins
 */
GPtrArray *
stead_export_list_exporters (SteadPluginEngine *engine)
{
  static const SteadExportFormat *formats[] = {
    &stead_export_needs_csv,
    &stead_export_resources_csv,
    &stead_export_areas_geojson,
  };
  GPtrArray *exporters = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    g_ptr_array_add (exporters, stead_exporter_new (formats[i], NULL));
  if (engine != NULL)
    {
      g_autoptr(PeasExtensionSet) set = NULL;

      set = stead_plugin_engine_create_extension_set (engine, STEAD_TYPE_EXPORTER);
      peas_extension_set_foreach (set, stead_format_collect_extension, exporters);
      g_clear_object (&set);
      set = stead_plugin_engine_create_extension_set (engine, STEAD_TYPE_WORKSPACE_ADDIN);
      peas_extension_set_foreach (set, stead_format_collect_addin_exporters, exporters);
    }
  return exporters;
}

static gboolean
stead_format_has_extension (const char * const *extensions,
                            const char         *basename)
{
  g_autofree char *lower = g_utf8_strdown (basename, -1);

  for (guint i = 0; extensions != NULL && extensions[i] != NULL; i++)
    {
      g_autofree char *suffix = g_strconcat (".", extensions[i], NULL);

      if (g_str_has_suffix (lower, suffix))
        return TRUE;
    }
  return FALSE;
}

/**
 * stead_import_find_importer:
 * @importers: (element-type SteadImporter): from stead_import_list_importers()
 * @id: (nullable): a format id, or %NULL to choose by @file's content
 *   (stead_import_detect()), and failing that by its extension
 * @file: (nullable): the file to import
 * @error: a #GError; when several formats fit, it names them
 *
 * Returns: (transfer none) (nullable): the importer
 */
SteadImporter *
stead_import_find_importer (GPtrArray   *importers,
                            const char  *id,
                            GFile       *file,
                            GError     **error)
{
  g_autofree char *basename = file != NULL ? g_file_get_basename (file) : NULL;
  SteadImporter *found = NULL;
  guint n_found = 0;

  if (id == NULL && file != NULL)
    {
      g_autoptr(GPtrArray) fit = stead_import_detect (importers, file, NULL, NULL);

      if (fit != NULL && fit->len == 1)
        return g_ptr_array_index (fit, 0);
      if (fit != NULL && fit->len > 1)
        {
          g_autofree char *names = stead_import_describe_candidates (fit);
          g_autoptr(GString) ids = g_string_new (NULL);

          for (guint i = 0; i < fit->len; i++)
            g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "",
                                    stead_importer_get_id (g_ptr_array_index (fit, i)));
          g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_UNKNOWN,
                       _("“%s” could be %s; choose one with --format (%s)"), basename, names,
                       ids->str);
          return NULL;
        }
    }

  for (guint i = 0; i < importers->len; i++)
    {
      SteadImporter *importer = g_ptr_array_index (importers, i);

      if (id != NULL)
        {
          if (g_str_equal (stead_importer_get_id (importer), id))
            return importer;
        }
      else if (basename != NULL &&
               stead_format_has_extension (stead_importer_get_extensions (importer), basename))
        {
          if (found == NULL)
            found = importer;
          n_found++;
        }
    }

  if (id != NULL)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_UNKNOWN,
                   _("No import format “%s” (see “stead-cli formats”)"), id);
      return NULL;
    }
  if (n_found == 1)
    return found;

  if (n_found == 0)
    g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_UNKNOWN,
                 _("No import format reads “%s”; choose one with --format"), basename);
  else
    g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_UNKNOWN,
                 _("Several import formats read “%s”; choose one with --format"), basename);
  return NULL;
}

/**
 * stead_export_find_exporter:
 * @exporters: (element-type SteadExporter): from stead_export_list_exporters()
 * @id: a format id
 * @error: a #GError
 *
 * Returns: (transfer none) (nullable): the exporter
 */
SteadExporter *
stead_export_find_exporter (GPtrArray   *exporters,
                            const char  *id,
                            GError     **error)
{
  for (guint i = 0; i < exporters->len; i++)
    if (g_str_equal (stead_exporter_get_id (g_ptr_array_index (exporters, i)), id))
      return g_ptr_array_index (exporters, i);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("No export format “%s” (see “stead-cli formats”)"), id);
  return NULL;
}
