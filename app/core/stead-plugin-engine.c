/* stead-plugin-engine.c: finding, checking and loading plugins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-plugins"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-plugin-engine-private.h"

struct _SteadPluginEngine
{
  GObject     parent_instance;

  PeasEngine *peas;
  GSettings  *settings;       /* nullable: then every plugin found is enabled */
  GHashTable *errors;         /* module name -> why it failed or was refused */
  GHashTable *refused;        /* module names never to load */
  gboolean    syncing;
  gboolean    with_ui;        /* load the plugins' window modules too */
};

enum {
  PLUGINS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SteadPluginEngine, stead_plugin_engine, G_TYPE_OBJECT)

static void
stead_plugin_engine_add_search_path (PeasEngine *peas,
                                     const char *dir)
{
  if (dir == NULL || dir[0] == '\0')
    return;
  g_debug ("Plugin search path: %s", dir);
  peas_engine_add_search_path (peas, dir, dir);
}

/* Search path, in order: the installed plugins, the user's, then
 * STEAD_PLUGIN_PATH for development and tests. A module found twice is
 * taken from the first place. Never from a workspace file. */
static void
stead_plugin_engine_setup_search_paths (SteadPluginEngine *self)
{
  g_autofree char *user_dir = g_build_filename (g_get_user_data_dir (), "stead", "plugins", NULL);
  const char *env = g_getenv ("STEAD_PLUGIN_PATH");

  stead_plugin_engine_add_search_path (self->peas, STEAD_PLUGINDIR);
  stead_plugin_engine_add_search_path (self->peas, user_dir);

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      g_autofree char *host_dir = g_build_filename (g_get_home_dir (), ".local", "share",
                                                    "stead", "plugins", NULL);
      if (g_strcmp0 (host_dir, user_dir) != 0)
        stead_plugin_engine_add_search_path (self->peas, host_dir);
    }

  if (env != NULL)
    {
      g_auto(GStrv) dirs = g_strsplit (env, G_SEARCHPATH_SEPARATOR_S, -1);

      for (guint i = 0; dirs[i] != NULL; i++)
        stead_plugin_engine_add_search_path (self->peas, dirs[i]);
    }
}

void
stead_plugin_engine_report_error (SteadPluginEngine *self,
                                  const char        *module_name,
                                  const char        *message)
{
  g_return_if_fail (STEAD_IS_PLUGIN_ENGINE (self));
  g_return_if_fail (module_name != NULL);

  if (message != NULL)
    g_hash_table_insert (self->errors, g_strdup (module_name), g_strdup (message));
  else
    g_hash_table_remove (self->errors, module_name);
  g_signal_emit (self, signals[PLUGINS_CHANGED], 0);
}

static void
stead_plugin_engine_check_abi (SteadPluginEngine *self)
{
  for (const GList *l = peas_engine_get_plugin_list (self->peas); l != NULL; l = l->next)
    {
      PeasPluginInfo *info = l->data;
      const char *module = peas_plugin_info_get_module_name (info);
      const char *abi = peas_plugin_info_get_external_data (info, "Stead-ABI");
      g_autofree char *message = NULL;

      if (abi == NULL)
        message = g_strdup_printf (_("Plugin “%s” was refused: it does not declare X-Stead-ABI=%s "
                                      "in %s.plugin"),
                                   module, STEAD_PLUGIN_ABI, module);
      else if (g_strcmp0 (abi, STEAD_PLUGIN_ABI) != 0)
        message = g_strdup_printf (_("Plugin “%s” was refused: it was built for plugin ABI %s, "
                                      "and this Stead provides ABI %s"),
                                   module, abi, STEAD_PLUGIN_ABI);

      if (message != NULL)
        {
          g_warning ("%s", message);
          g_hash_table_add (self->refused, g_strdup (module));
          g_hash_table_insert (self->errors, g_strdup (module), g_steal_pointer (&message));
        }
    }
}

/* Runs before libpeas loads a plugin, including one loaded as another's
 * dependency: a refused plugin is never loaded, and neither is anything
 * that depends on it. */
static void
stead_plugin_engine_on_load_plugin (PeasEngine        *peas,
                                    PeasPluginInfo    *info,
                                    SteadPluginEngine *self)
{
  if (g_hash_table_contains (self->refused, peas_plugin_info_get_module_name (info)))
    g_signal_stop_emission_by_name (peas, "load-plugin");
}

static char **
stead_plugin_engine_get_enabled (SteadPluginEngine *self)
{
  if (self->settings != NULL)
    return g_settings_get_strv (self->settings, "enabled-plugins");

  /* No settings (a CLI without the schema installed): everything found. */
  {
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

    for (const GList *l = peas_engine_get_plugin_list (self->peas); l != NULL; l = l->next)
      if (!peas_plugin_info_is_hidden (l->data))
        g_strv_builder_add (builder, peas_plugin_info_get_module_name (l->data));
    return g_strv_builder_end (builder);
  }
}

/* The enabled set is what is loaded now, plus names in the setting that
 * are not installed here (kept, so they load once they are). */
static void
stead_plugin_engine_save_enabled (SteadPluginEngine *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) old = NULL;
  g_auto(GStrv) now = NULL;

  if (self->settings == NULL)
    return;

  builder = g_strv_builder_new ();
  old = g_settings_get_strv (self->settings, "enabled-plugins");
  for (guint i = 0; old[i] != NULL; i++)
    if (peas_engine_get_plugin_info (self->peas, old[i]) == NULL)
      g_strv_builder_add (builder, old[i]);

  for (const GList *l = peas_engine_get_plugin_list (self->peas); l != NULL; l = l->next)
    if (peas_plugin_info_is_loaded (l->data) && !peas_plugin_info_is_hidden (l->data))
      g_strv_builder_add (builder, peas_plugin_info_get_module_name (l->data));

  now = g_strv_builder_end (builder);
  self->syncing = TRUE;
  g_settings_set_strv (self->settings, "enabled-plugins", (const char * const *) now);
  self->syncing = FALSE;
}

/* A plugin with a window names its window module (X-Stead-UI=partners-gtk);
 * that module is hidden and depends on the plugin, so it goes when the
 * plugin goes. Headless, it is never loaded: the CLI loads no GTK. */
static PeasPluginInfo *
stead_plugin_engine_ui_module (SteadPluginEngine *self,
                               PeasPluginInfo    *info)
{
  const char *ui = peas_plugin_info_get_external_data (info, "Stead-UI");

  return ui != NULL ? peas_engine_get_plugin_info (self->peas, ui) : NULL;
}

static gboolean stead_plugin_engine_load_one (SteadPluginEngine  *self,
                          PeasPluginInfo     *info,
                          GError            **error);

static void
stead_plugin_engine_load_ui (SteadPluginEngine *self,
                             PeasPluginInfo    *info)
{
  PeasPluginInfo *ui = self->with_ui ? stead_plugin_engine_ui_module (self, info) : NULL;

  if (ui != NULL && !peas_plugin_info_is_loaded (ui))
    stead_plugin_engine_load_one (self, ui, NULL);
}

static gboolean
stead_plugin_engine_load_one (SteadPluginEngine  *self,
                              PeasPluginInfo     *info,
                              GError            **error)
{
  const char *module = peas_plugin_info_get_module_name (info);
  g_autoptr(GError) local_error = NULL;

  if (g_hash_table_contains (self->refused, module))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           g_hash_table_lookup (self->errors, module));
      return FALSE;
    }

  if (peas_plugin_info_is_loaded (info))
    {
      stead_plugin_engine_load_ui (self, info);
      return TRUE;
    }

  /* Cleared first: loading may report a new error (a failed schema). */
  g_hash_table_remove (self->errors, module);

  if (!peas_engine_load_plugin (self->peas, info))
    {
      const char * const *deps = (const char * const *) peas_plugin_info_get_dependencies (info);
      g_autofree char *message = NULL;

      if (!peas_plugin_info_is_available (info, &local_error) && local_error != NULL)
        message =
          g_strdup_printf (_("Plugin “%s” failed to load: %s"), module, local_error->message);
      else
        message = g_strdup_printf (_("Plugin “%s” failed to load"), module);

      /* A dependency that was refused or missing says more. */
      for (; deps != NULL && *deps != NULL; deps++)
        {
          if (g_hash_table_contains (self->refused, *deps))
            {
              g_free (message);
              message = g_strdup_printf (_("Plugin “%s” cannot load: it depends on “%s”, which "
                                            "was refused"),
                                         module, *deps);
            }
          else if (peas_engine_get_plugin_info (self->peas, *deps) == NULL)
            {
              g_free (message);
              message = g_strdup_printf (_("Plugin “%s” cannot load: it depends on “%s”, which is "
                                            "not installed"),
                                         module, *deps);
            }
        }

      g_warning ("%s", message);
      g_hash_table_insert (self->errors, g_strdup (module), g_strdup (message));
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, message);
      return FALSE;
    }

  stead_plugin_engine_load_ui (self, info);
  return TRUE;
}

/**
 * stead_plugin_engine_load_enabled:
 * @self: a #SteadPluginEngine
 *
 * Loads every enabled plugin (and what each depends on). A plugin that
 * fails is logged and reported by stead_plugin_engine_get_error(); the
 * others load regardless.
 */
void
stead_plugin_engine_load_enabled (SteadPluginEngine *self)
{
  g_auto(GStrv) enabled = NULL;

  g_return_if_fail (STEAD_IS_PLUGIN_ENGINE (self));

  enabled = stead_plugin_engine_get_enabled (self);
  for (guint i = 0; enabled[i] != NULL; i++)
    {
      PeasPluginInfo *info = peas_engine_get_plugin_info (self->peas, enabled[i]);

      if (info == NULL)
        {
          g_debug ("Enabled plugin “%s” is not installed", enabled[i]);
          continue;
        }
      stead_plugin_engine_load_one (self, info, NULL);
    }

  g_signal_emit (self, signals[PLUGINS_CHANGED], 0);
}

/**
 * stead_plugin_engine_set_enabled:
 * @self: a #SteadPluginEngine
 * @module_name: the plugin's module name
 * @enabled: whether to load or unload it
 * @error: a #GError
 *
 * Loads or unloads a plugin at once (open workspaces and windows add or
 * remove what it provides) and saves the choice. Unloading a plugin also
 * unloads the plugins that depend on it.
 *
 * Returns: %TRUE on success
 */
gboolean
stead_plugin_engine_set_enabled (SteadPluginEngine  *self,
                                 const char         *module_name,
                                 gboolean            enabled,
                                 GError            **error)
{
  PeasPluginInfo *info;
  gboolean ret = TRUE;

  g_return_val_if_fail (STEAD_IS_PLUGIN_ENGINE (self), FALSE);
  g_return_val_if_fail (module_name != NULL, FALSE);

  info = peas_engine_get_plugin_info (self->peas, module_name);
  if (info == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no plugin “%s”"), module_name);
      return FALSE;
    }

  if (enabled)
    ret = stead_plugin_engine_load_one (self, info, error);
  else if (peas_plugin_info_is_loaded (info))
    peas_engine_unload_plugin (self->peas, info);

  stead_plugin_engine_save_enabled (self);
  g_signal_emit (self, signals[PLUGINS_CHANGED], 0);

  return ret;
}

gboolean
stead_plugin_engine_is_enabled (SteadPluginEngine *self,
                                const char        *module_name)
{
  PeasPluginInfo *info;

  g_return_val_if_fail (STEAD_IS_PLUGIN_ENGINE (self), FALSE);
  g_return_val_if_fail (module_name != NULL, FALSE);

  info = peas_engine_get_plugin_info (self->peas, module_name);
  return info != NULL && peas_plugin_info_is_loaded (info);
}

/**
 * stead_plugin_engine_get_error:
 * @self: a #SteadPluginEngine
 * @module_name: the plugin's module name
 *
 * Returns: (nullable): why the plugin was refused or failed to load
 */
const char *
stead_plugin_engine_get_error (SteadPluginEngine *self,
                               const char        *module_name)
{
  g_return_val_if_fail (STEAD_IS_PLUGIN_ENGINE (self), NULL);
  g_return_val_if_fail (module_name != NULL, NULL);

  return g_hash_table_lookup (self->errors, module_name);
}

/**
 * stead_plugin_engine_list_plugins:
 * @self: a #SteadPluginEngine
 *
 * Returns: (transfer container) (element-type PeasPluginInfo): every plugin
 *   found, sorted by name, hidden ones left out
 */
GList *
stead_plugin_engine_list_plugins (SteadPluginEngine *self)
{
  GList *list = NULL;

  g_return_val_if_fail (STEAD_IS_PLUGIN_ENGINE (self), NULL);

  for (const GList *l = peas_engine_get_plugin_list (self->peas); l != NULL; l = l->next)
    if (!peas_plugin_info_is_hidden (l->data))
      list = g_list_prepend (list, l->data);

  return g_list_reverse (list);
}

/**
 * stead_plugin_engine_set_with_ui:
 * @self: a #SteadPluginEngine
 * @with_ui: whether the plugins' window modules load with them
 *
 * The application sets this before loading plugins; the CLI never does,
 * so it loads no GTK.
 */
void
stead_plugin_engine_set_with_ui (SteadPluginEngine *self,
                                 gboolean           with_ui)
{
  g_return_if_fail (STEAD_IS_PLUGIN_ENGINE (self));

  self->with_ui = with_ui;
}

PeasEngine *
stead_plugin_engine_get_peas (SteadPluginEngine *self)
{
  g_return_val_if_fail (STEAD_IS_PLUGIN_ENGINE (self), NULL);

  return self->peas;
}

/**
 * stead_plugin_engine_create_extension_set:
 * @self: a #SteadPluginEngine
 * @exten_type: an extension point interface
 *
 * Returns: (transfer full): the extensions of the loaded plugins that
 *   implement @exten_type; it follows plugins loaded and unloaded later
 */
PeasExtensionSet *
stead_plugin_engine_create_extension_set (SteadPluginEngine *self,
                                          GType              exten_type)
{
  g_return_val_if_fail (STEAD_IS_PLUGIN_ENGINE (self), NULL);

  return peas_extension_set_new (self->peas, exten_type, NULL);
}

static void
stead_plugin_engine_on_enabled_changed (SteadPluginEngine *self,
                                        const char        *key,
                                        GSettings         *settings)
{
  g_auto(GStrv) enabled = NULL;

  if (self->syncing)
    return;

  /* Changed from outside (gsettings set, another instance): follow it. */
  enabled = g_settings_get_strv (settings, "enabled-plugins");
  for (const GList *l = peas_engine_get_plugin_list (self->peas); l != NULL; l = l->next)
    {
      PeasPluginInfo *info = l->data;
      gboolean want = g_strv_contains ((const char * const *) enabled,
                                       peas_plugin_info_get_module_name (info));

      /* Window modules follow their plugin. */
      if (peas_plugin_info_is_hidden (info))
        continue;
      if (want && !peas_plugin_info_is_loaded (info))
        stead_plugin_engine_load_one (self, info, NULL);
      else if (!want && peas_plugin_info_is_loaded (info))
        peas_engine_unload_plugin (self->peas, info);
    }
  g_signal_emit (self, signals[PLUGINS_CHANGED], 0);
}

/**
 * stead_plugin_engine_new:
 * @settings: (nullable): settings of schema io.github.steadapp.Stead,
 *   whose "enabled-plugins" key is the enabled set
 *
 * Finds the plugins on the search path and refuses those that do not
 * declare this build's ABI. Nothing is loaded until
 * stead_plugin_engine_load_enabled().
 *
 * Returns: (transfer full): a new engine
 */
SteadPluginEngine *
stead_plugin_engine_new (GSettings *settings)
{
  SteadPluginEngine *self;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (STEAD_TYPE_PLUGIN_ENGINE, NULL);
  g_set_object (&self->settings, settings);

  stead_plugin_engine_setup_search_paths (self);
  peas_engine_rescan_plugins (self->peas);
  stead_plugin_engine_check_abi (self);

  g_signal_connect (self->peas, "load-plugin", G_CALLBACK (stead_plugin_engine_on_load_plugin),
                    self);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::enabled-plugins",
                             G_CALLBACK (stead_plugin_engine_on_enabled_changed), self,
                             G_CONNECT_SWAPPED);

  return self;
}

static void
stead_plugin_engine_dispose (GObject *object)
{
  SteadPluginEngine *self = STEAD_PLUGIN_ENGINE (object);

  if (self->peas != NULL)
    g_signal_handlers_disconnect_by_data (self->peas, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->peas);

  G_OBJECT_CLASS (stead_plugin_engine_parent_class)->dispose (object);
}

static void
stead_plugin_engine_finalize (GObject *object)
{
  SteadPluginEngine *self = STEAD_PLUGIN_ENGINE (object);

  g_clear_pointer (&self->errors, g_hash_table_unref);
  g_clear_pointer (&self->refused, g_hash_table_unref);

  G_OBJECT_CLASS (stead_plugin_engine_parent_class)->finalize (object);
}

static void
stead_plugin_engine_class_init (SteadPluginEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = stead_plugin_engine_dispose;
  object_class->finalize = stead_plugin_engine_finalize;

  /**
   * SteadPluginEngine::plugins-changed:
   *
   * Emitted after plugins were loaded, unloaded, refused or failed.
   */
  signals[PLUGINS_CHANGED] =
    g_signal_new ("plugins-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
stead_plugin_engine_init (SteadPluginEngine *self)
{
  self->peas = peas_engine_new ();
  self->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->refused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
