/* volunteers-page.h: the Volunteers page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead-gtk.h>

G_BEGIN_DECLS

#define VOLUNTEERS_TYPE_PAGE (volunteers_page_get_type ())
G_DECLARE_FINAL_TYPE (VolunteersPage, volunteers_page, VOLUNTEERS, PAGE, SteadPage)

G_END_DECLS
