/* stead-gtk.h: the Stead window SDK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead.h>

#define STEAD_GTK_INSIDE
# include "stead-application.h"
# include "stead-area-layer.h"
# include "stead-detail-rows.h"
# include "stead-map-view.h"
# include "stead-mbtiles-source.h"
# include "stead-point-layer.h"
# include "stead-renderer.h"
# include "stead-tile-downloader.h"
# include "stead-window.h"
# include "stead-window-addin.h"
#undef STEAD_GTK_INSIDE
