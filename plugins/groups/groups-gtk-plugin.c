/* groups-gtk-plugin.c: the target groups' window module: the Target
 * Groups page and the map layers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "groups"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stead-gtk.h>

#include "groups.h"
#include "groups-map.h"
#include "groups-page.h"

/* The needs the groups publish come from households (owner_ref): Open
 * Record shows the household list they are on. */
static gboolean
groups_gtk_plugin_find_published (SteadWorkspace  *workspace,
                                  gint64           owner_ref,
                                  const char     **kind,
                                  gint64          *id)
{
  *kind = "household-list";
  *id = groups_household_list_of (workspace, owner_ref);
  return *id != 0;
}

static const SteadWindowAddinInfo groups_gtk_plugin = {
  .module = GROUPS_OWNER,
  .page_name = "groups.groups",
  .title = N_("Target Groups"),
  .icon_name = "system-users-symbolic",
  .page_type = groups_page_get_type,
  .find_published = groups_gtk_plugin_find_published,
  .domain = GETTEXT_PACKAGE,
  /* gmap: the map's layers, and an area's groups in its panel */
  .load = groups_map_load,
  .area_heading = N_("Target Groups"),
  .area_columns = groups_map_area_columns,
  .describe_area = groups_map_describe_area,
};

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  stead_window_addin_register (module, &groups_gtk_plugin);
}
