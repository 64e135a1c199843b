/* stead-needs-page.h: the core's needs as records, a page of the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stead-page.h"

G_BEGIN_DECLS

#define STEAD_TYPE_NEEDS_PAGE (stead_needs_page_get_type ())

G_DECLARE_FINAL_TYPE (SteadNeedsPage, stead_needs_page, STEAD, NEEDS_PAGE, SteadPage)

void stead_needs_page_select (SteadNeedsPage *self,
                              gint64          fid);
void stead_needs_page_assign (SteadNeedsPage *self,
                              gint64          fid);

G_END_DECLS
