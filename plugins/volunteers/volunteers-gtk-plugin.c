/* volunteers-gtk-plugin.c: the volunteers' window module: the Volunteers
 * page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stead-gtk.h>

#include "volunteers.h"
#include "volunteers-map.h"
#include "volunteers-page.h"

static const SteadWindowAddinInfo volunteers_gtk_plugin = {
  .module = VOLUNTEERS_OWNER,
  .page_name = "volunteers.register",
  .title = N_("Volunteers"),
  .icon_name = "emblem-favorite-symbolic",
  .page_type = volunteers_page_get_type,
  .load = volunteers_map_load,
  .domain = GETTEXT_PACKAGE,
};

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  stead_window_addin_register (module, &volunteers_gtk_plugin);
}
