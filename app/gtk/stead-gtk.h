/* stead-gtk.h: the Stead window SDK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead.h>

#define STEAD_GTK_INSIDE
# include "stead-application.h"
# include "stead-area-layer.h"
# include "stead-chart-view.h"
# include "stead-choice-row.h"
# include "stead-entry-row.h"
# include "stead-field-group.h"
# include "stead-record-cell.h"
# include "stead-record-form.h"
# include "stead-record-list.h"
# include "stead-page.h"
# include "stead-record-page.h"
# include "stead-position-row.h"
# include "stead-map-view.h"
# include "stead-marker-layer.h"
# include "stead-mbtiles-source.h"
# include "stead-point-layer.h"
# include "stead-renderer.h"
# include "stead-tile-downloader.h"
# include "stead-window.h"
# include "stead-window-addin.h"
#undef STEAD_GTK_INSIDE
