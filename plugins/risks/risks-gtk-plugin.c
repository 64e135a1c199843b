/* risks-gtk-plugin.c: the risks' window module: the Risks page, and a
 * polygon drawn on the map kept as a hazard area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "risks"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stead-gtk.h>

#include "risks.h"
#include "risks-page.h"

/* A polygon drawn on the map can become a hazard area of a risk. */
static gboolean
risks_gtk_plugin_save_area (SteadForm  *form,
                            gpointer    user_data,
                            GError    **error)
{
  SteadWindow *window = stead_window_addin_get_window (user_data);
  SteadGeometry *polygon =
    window != NULL ? stead_map_view_get_drawn_area (stead_window_get_map_view (window)) : NULL;

  if (polygon == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("Draw an area on the map first"));
      return FALSE;
    }
  return risks_hazard_area_add (stead_form_get_workspace (form),
                                stead_form_get_int (form, "risk", 0),
                                stead_form_get_text (form, "name"), polygon, error) != 0;
}

static void
risks_gtk_plugin_save_drawn_area (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  static const SteadField fields[] = {
    { "risk", .required = TRUE, .type = STEAD_FIELD_RECORD, .vocabulary = "risk",
      .label = N_("Risk") },
    { "name", .required = TRUE, .label = N_("Name") },
  };
  SteadWindow *window = stead_window_addin_get_window (user_data);
  SteadWorkspace *workspace = window != NULL ? stead_window_get_workspace (window) : NULL;

  if (workspace == NULL)
    return;
  stead_form_present (stead_form_new (GTK_WIDGET (window), _("Save as Hazard Area"),
                                      _("The area you drew becomes a hazard area of the risk, on "
                                         "the map for "
                                         "everyone."),
                                      fields, G_N_ELEMENTS (fields), NULL, NULL, NULL, workspace,
                                      risks_gtk_plugin_save_area, user_data, NULL));
}

static void
risks_gtk_plugin_on_area_drawn (SteadWindowAddin *addin)
{
  AdwToast *toast = adw_toast_new (_("Keep this area as a hazard area of a risk?"));

  adw_toast_set_button_label (toast, _("_Save as Hazard Area…"));
  adw_toast_set_action_name (toast, "risks.save-drawn-area");
  stead_window_show_toast (stead_window_addin_get_window (addin), toast);
}

/* Hazard areas are `area` rows of kind 'hazard': the map's area layer
 * draws them and a click on one summarises what is inside. */
static void
risks_gtk_plugin_load (SteadWindowAddin *addin,
                       SteadWindow      *window)
{
  g_signal_connect_object (stead_window_get_map_view (window), "area-drawn",
                           G_CALLBACK (risks_gtk_plugin_on_area_drawn), addin, G_CONNECT_SWAPPED);
}

static const GActionEntry risks_gtk_plugin_actions[] = {
  { "save-drawn-area", risks_gtk_plugin_save_drawn_area },
};

static const SteadWindowAddinInfo risks_gtk_plugin = {
  .module = RISKS_OWNER,
  .page_name = "risks.register",
  .title = N_("Risks"),
  .icon_name = "dialog-warning-symbolic",
  .page_type = risks_page_get_type,
  .actions = risks_gtk_plugin_actions,
  .n_actions = G_N_ELEMENTS (risks_gtk_plugin_actions),
  .load = risks_gtk_plugin_load,
  .domain = GETTEXT_PACKAGE,
};

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  stead_window_addin_register (module, &risks_gtk_plugin);
}
