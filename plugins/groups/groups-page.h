/* groups-page.h: the Target Groups page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead-gtk.h>

G_BEGIN_DECLS

#define GROUPS_TYPE_PAGE (groups_page_get_type ())
G_DECLARE_FINAL_TYPE (GroupsPage, groups_page, GROUPS, PAGE, SteadPage)

G_END_DECLS
