/* partners-gtk-plugin.c: the partners' window module: the Partners page
 * and the map layer of partner sites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "partners"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stead-gtk.h>

#include "partners.h"
#include "partners-page.h"

/* The resources partners publish come from their sites (owner_ref). */
static gboolean
partners_gtk_plugin_find_published (SteadWorkspace  *workspace,
                                    gint64           owner_ref,
                                    const char     **kind,
                                    gint64          *id)
{
  *kind = "organisation";
  *id = partners_site_organisation (workspace, owner_ref);
  return *id != 0;
}

static ShumateLayer *
partners_gtk_plugin_create_layer (SteadWorkspace  *workspace,
                                  ShumateViewport *viewport)
{
  g_autoptr(SteadQueryModel) places = partners_places_new (workspace);
  SteadMarkerLayer *layer = stead_marker_layer_new (viewport, G_LIST_MODEL (places),
                                                    "system-users-symbolic", "instrumental");

  /* A site's name is a public place's, not personal data. */
  stead_marker_layer_set_name_field (layer, "name");
  return SHUMATE_LAYER (layer);
}

static const SteadWindowAddinInfo partners_gtk_plugin = {
  .module = PARTNERS_OWNER,
  .page_name = "partners.directory",
  .title = N_("Partners"),
  .icon_name = "system-users-symbolic",
  .page_type = partners_page_get_type,
  .find_published = partners_gtk_plugin_find_published,
  .layer_title = N_("Partner sites"),
  .create_layer = partners_gtk_plugin_create_layer,
  .domain = GETTEXT_PACKAGE,
};

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  stead_window_addin_register (module, &partners_gtk_plugin);
}
