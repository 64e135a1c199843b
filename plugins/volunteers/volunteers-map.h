/* volunteers-map.h: the volunteers' map layer, in the window module
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead-gtk.h>

G_BEGIN_DECLS

#define VOLUNTEERS_TYPE_MAP (volunteers_map_get_type ())
G_DECLARE_FINAL_TYPE (VolunteersMap, volunteers_map, VOLUNTEERS, MAP, GObject)

/* Whether homes may be drawn: personal data shown and zoomed to the
 * workspace's privacy zoom or past it. */
gboolean volunteers_map_homes_allowed (SteadWorkspace   *workspace,
                                       double            zoom,
                                       gboolean          show_personal);
/* The window addin's load hook: adds the Volunteers layer. */
void     volunteers_map_load          (SteadWindowAddin *addin,
                                       SteadWindow      *window);

G_END_DECLS
