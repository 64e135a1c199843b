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

/* A polygon drawn on the map can become a hazard area of a risk: the one
 * drawn when the form opened, whatever is drawn meanwhile. */
static gboolean
risks_gtk_plugin_save_area (SteadForm  *form,
                            gpointer    user_data,
                            GError    **error)
{
  SteadGeometry *polygon = user_data;

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
  SteadGeometry *polygon =
    window != NULL ? stead_map_view_get_drawn_area (stead_window_get_map_view (window)) : NULL;

  if (workspace == NULL)
    return;
  if (polygon == NULL)
    {
      stead_window_show_toast (window, adw_toast_new (_("Draw an area on the map first")));
      return;
    }
  stead_form_present (stead_form_new (GTK_WIDGET (window), _("Save as Hazard Area"),
                                      _("The area you drew becomes a hazard area of the risk, on "
                                        "the map for everyone."),
                                      fields, G_N_ELEMENTS (fields), NULL, NULL, NULL, workspace,
                                      risks_gtk_plugin_save_area, stead_geometry_ref (polygon),
                                      (GDestroyNotify) stead_geometry_unref));
}

/* Offered in the panel beside a drawn area, for as long as it is shown. */
static const SteadAreaAction risks_gtk_plugin_area_actions[] = {
  { N_("Save as Hazard Area…"), RISKS_OWNER ".save-drawn-area" },
};

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
  .domain = GETTEXT_PACKAGE,
  .area_actions = risks_gtk_plugin_area_actions,
  .n_area_actions = G_N_ELEMENTS (risks_gtk_plugin_area_actions),
};

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  stead_window_addin_register (module, &risks_gtk_plugin);
}
