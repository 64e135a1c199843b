/* groups-household-layer.h: households on the map, counted per area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead-gtk.h>

G_BEGIN_DECLS

#define GROUPS_TYPE_HOUSEHOLD_LAYER (groups_household_layer_get_type ())
G_DECLARE_FINAL_TYPE (GroupsHouseholdLayer, groups_household_layer, GROUPS, HOUSEHOLD_LAYER,
                      ShumateLayer)

GroupsHouseholdLayer *groups_household_layer_new           (ShumateViewport      *viewport,
                                                            SteadWorkspace       *workspace);
gboolean              groups_household_layer_get_points_shown (GroupsHouseholdLayer *self);

G_END_DECLS
