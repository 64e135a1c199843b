/* stead-preferences-window.c: plugins and the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "stead-application.h"
#include "stead-map-view.h"
#include "stead-preferences-window.h"
#include "stead-tile-key-private.h"

struct _SteadPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  SteadPluginEngine    *engine;
  GSettings            *settings;
  AdwPreferencesGroup  *plugins_group;
  GPtrArray            *plugin_rows;
  gboolean              updating;
  guint                 rebuild_source;
  GtkWidget            *url_row;
  GtkWidget            *tile_status;
};

G_DEFINE_FINAL_TYPE (SteadPreferencesWindow, stead_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void stead_preferences_window_rebuild_plugins (SteadPreferencesWindow *self);

static void
stead_preferences_window_on_switch_active (GtkSwitch              *sw,
                                           GParamSpec             *pspec,
                                           SteadPreferencesWindow *self)
{
  const char *module = g_object_get_data (G_OBJECT (sw), "module");
  g_autoptr(GError) error = NULL;

  if (self->updating)
    return;

  /* Applied at once: open workspaces and windows gain or lose what the
   * plugin provides. The rows are rebuilt from the engine afterwards. */
  if (!stead_plugin_engine_set_enabled (self->engine, module, gtk_switch_get_active (sw), &error))
    g_message ("%s", error->message);
}

static void
stead_preferences_window_rebuild_plugins (SteadPreferencesWindow *self)
{
  g_autoptr(GList) plugins = stead_plugin_engine_list_plugins (self->engine);

  self->updating = TRUE;

  for (guint i = 0; i < self->plugin_rows->len; i++)
    adw_preferences_group_remove (self->plugins_group, g_ptr_array_index (self->plugin_rows, i));
  g_ptr_array_set_size (self->plugin_rows, 0);

  for (const GList *l = plugins; l != NULL; l = l->next)
    {
      PeasPluginInfo *info = l->data;
      const char *module = peas_plugin_info_get_module_name (info);
      const char *problem = stead_plugin_engine_get_error (self->engine, module);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *sw = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), peas_plugin_info_get_name (info));
      gtk_widget_set_name (row, module);
      gtk_switch_set_active (GTK_SWITCH (sw),
                             stead_plugin_engine_is_enabled (self->engine, module));
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      peas_plugin_info_get_name (info), -1);
      g_object_set_data_full (G_OBJECT (sw), "module", g_strdup (module), g_free);
      g_signal_connect (sw, "notify::active",
                        G_CALLBACK (stead_preferences_window_on_switch_active), self);

      if (problem != NULL)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem);
          gtk_widget_add_css_class (row, "error");
          gtk_widget_set_tooltip_text (icon, problem);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
          /* Refused or failed to load: libpeas will not try again. */
          if (!stead_plugin_engine_is_enabled (self->engine, module))
            gtk_widget_set_sensitive (sw, FALSE);
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), peas_plugin_info_get_description (info));

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
      adw_preferences_group_add (self->plugins_group, row);
      g_ptr_array_add (self->plugin_rows, row);
    }

  if (plugins == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No plugins are installed"));
      adw_preferences_group_add (self->plugins_group, row);
      g_ptr_array_add (self->plugin_rows, row);
    }

  self->updating = FALSE;
}

static gboolean
stead_preferences_window_rebuild_in_idle (gpointer user_data)
{
  SteadPreferencesWindow *self = user_data;

  self->rebuild_source = 0;
  stead_preferences_window_rebuild_plugins (self);
  return G_SOURCE_REMOVE;
}

/* Rows are rebuilt after the signal that changed them returns: the switch
 * being toggled must not be destroyed inside its own handler. */
static void
stead_preferences_window_on_plugins_changed (SteadPreferencesWindow *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add (stead_preferences_window_rebuild_in_idle, self);
}

static void
stead_preferences_window_set_tile_status (SteadPreferencesWindow *self,
                                          const char             *message,
                                          gboolean                is_error)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->tile_status), message);
  gtk_widget_set_visible (self->tile_status, message != NULL);
  if (is_error)
    gtk_widget_add_css_class (self->tile_status, "error");
  else
    gtk_widget_remove_css_class (self->tile_status, "error");
}

static void
stead_preferences_window_on_url_apply (AdwEntryRow            *row,
                                       SteadPreferencesWindow *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GError) error = NULL;

  if (url[0] != '\0' && !stead_map_view_check_tile_url (url, &error))
    {
      stead_preferences_window_set_tile_status (self, error->message, TRUE);
      return;
    }
  stead_preferences_window_set_tile_status (self, NULL, FALSE);
  g_settings_set_string (self->settings, "custom-tile-url", url);
}

static void
stead_preferences_window_on_key_stored (GObject      *object,
                                        GAsyncResult *result,
                                        gpointer      user_data)
{
  g_autoptr(SteadPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!stead_tile_key_store_finish (result, &error))
    {
      g_autofree char *message =
        g_strdup_printf (_("The key could not be kept in the keyring: %s"), error->message);
      stead_preferences_window_set_tile_status (self, message, TRUE);
      return;
    }
  stead_preferences_window_set_tile_status (self, _("The key is in the keyring"), FALSE);
  if (STEAD_IS_APPLICATION (g_application_get_default ()))
    g_signal_emit_by_name (g_application_get_default (), "tile-key-changed");
}

static void
stead_preferences_window_on_key_apply (AdwEntryRow            *row,
                                       SteadPreferencesWindow *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "custom-tile-url");

  if (url[0] == '\0')
    {
      stead_preferences_window_set_tile_status (self, _("Set the tile server address first"), TRUE);
      return;
    }
  stead_tile_key_store_async (url, gtk_editable_get_text (GTK_EDITABLE (row)), NULL,
                              stead_preferences_window_on_key_stored, g_object_ref (self));
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static gboolean
stead_preferences_window_base_map_to_index (GValue   *value,
                                            GVariant *variant,
                                            gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, g_str_equal (nick, "offline")  ? 0
                           : g_str_equal (nick, "custom") ? 2
                                                          : 1);
  return TRUE;
}

static GVariant *
stead_preferences_window_index_to_base_map (const GValue       *value,
                                            const GVariantType *expected,
                                            gpointer            user_data)
{
  static const char *nicks[] = { "offline", "openstreetmap", "custom" };

  return g_variant_new_string (nicks[MIN (g_value_get_uint (value), 2)]);
}

static void
stead_preferences_window_dispose (GObject *object)
{
  SteadPreferencesWindow *self = STEAD_PREFERENCES_WINDOW (object);

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->plugin_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (stead_preferences_window_parent_class)->dispose (object);
}

static void
stead_preferences_window_class_init (SteadPreferencesWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = stead_preferences_window_dispose;
}

static void
stead_preferences_window_init (SteadPreferencesWindow *self)
{
  self->plugin_rows = g_ptr_array_new ();
}

GtkWidget *
stead_preferences_window_new (GtkWindow         *parent,
                              SteadPluginEngine *engine,
                              GSettings         *settings)
{
  SteadPreferencesWindow *self;
  AdwPreferencesPage *page;
  AdwPreferencesGroup *group;
  GtkWidget *row;
  GtkStringList *choices;

  g_return_val_if_fail (STEAD_IS_PLUGIN_ENGINE (engine), NULL);

  self = g_object_new (STEAD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "search-enabled", FALSE,
                       NULL);
  self->engine = g_object_ref (engine);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;

  page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (page, _("General"));
  adw_preferences_page_set_icon_name (page, "preferences-system-symbolic");

  if (self->settings != NULL)
    {
      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (group, _("Map"));
      choices = gtk_string_list_new ((const char * const[]) { _("Offline background only"),
                                                              _("OpenStreetMap"),
                                                              _("Custom tile server"), NULL });
      row = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Base map"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("The offline background is always drawn underneath"));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
      g_object_unref (choices);
      g_settings_bind_with_mapping (self->settings, "base-map", row, "selected",
                                    G_SETTINGS_BIND_DEFAULT,
                                    stead_preferences_window_base_map_to_index,
                                    stead_preferences_window_index_to_base_map, NULL, NULL);
      adw_preferences_group_add (group, row);

      /* The partnership's own tile server, or a service such as the OS
       * Maps API: {key} in the address takes the key from the keyring. */
      self->url_row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_row),
                                     _("Custom tile server address, e.g. "
                                        "https://tiles.example.org/{z}/{x}/{y}.png?key={key}"));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->url_row), TRUE);
      {
        g_autofree char *url = g_settings_get_string (self->settings, "custom-tile-url");
        gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
      }
      g_signal_connect (self->url_row, "apply", G_CALLBACK (stead_preferences_window_on_url_apply),
                        self);
      adw_preferences_group_add (group, self->url_row);

      row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Custom tile attribution"));
      g_settings_bind (self->settings, "custom-tile-attribution", row, "text",
                       G_SETTINGS_BIND_DEFAULT);
      adw_preferences_group_add (group, row);

      row = adw_password_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("API key (kept in the keyring)"));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_signal_connect (row, "apply", G_CALLBACK (stead_preferences_window_on_key_apply), self);
      adw_preferences_group_add (group, row);

      /* Need and resource titles name people (stead_personal_data). */
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Show names in area summaries"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Titles of needs and resources are personal data; "
                                     "otherwise each is named by its kind"));
      {
        GtkWidget *toggle = gtk_switch_new ();

        gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
        g_settings_bind (self->settings, "show-personal-data", toggle, "active",
                         G_SETTINGS_BIND_DEFAULT);
      }
      adw_preferences_group_add (group, row);

      self->tile_status = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->tile_status), "");
      gtk_widget_set_visible (self->tile_status, FALSE);
      adw_preferences_group_add (group, self->tile_status);

      adw_preferences_page_add (page, group);
    }

  self->plugins_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->plugins_group, _("Plugins"));
  adw_preferences_group_set_description (self->plugins_group,
                                         _("Switching a plugin on or off applies at once"));
  adw_preferences_page_add (page, self->plugins_group);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);

  g_signal_connect_object (engine, "plugins-changed",
                           G_CALLBACK (stead_preferences_window_on_plugins_changed), self,
                           G_CONNECT_SWAPPED);
  stead_preferences_window_rebuild_plugins (self);

  return GTK_WIDGET (self);
}
