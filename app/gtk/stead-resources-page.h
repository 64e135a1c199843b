/* stead-resources-page.h: the core's resources as records, a page of the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stead-page.h"

G_BEGIN_DECLS

#define STEAD_TYPE_RESOURCES_PAGE (stead_resources_page_get_type ())

G_DECLARE_FINAL_TYPE (SteadResourcesPage, stead_resources_page, STEAD, RESOURCES_PAGE, SteadPage)

G_END_DECLS
