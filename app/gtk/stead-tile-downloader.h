/* stead-tile-downloader.h: online XYZ tiles, fetched as the tile policies ask
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_GTK_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead-gtk.h> can be included directly."
#endif

#include <shumate/shumate.h>

#include <stead.h>

G_BEGIN_DECLS

#define STEAD_TYPE_TILE_DOWNLOADER (stead_tile_downloader_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadTileDownloader, stead_tile_downloader, STEAD, TILE_DOWNLOADER,
                      ShumateDataSource)

STEAD_AVAILABLE_IN_1_0
SteadTileDownloader *stead_tile_downloader_new           (const char          *url_template,
                                                          const char          *cache_key);
STEAD_AVAILABLE_IN_1_0
gboolean             stead_tile_downloader_get_reachable (SteadTileDownloader *self);
STEAD_AVAILABLE_IN_1_0
void                 stead_tile_downloader_set_reachable (SteadTileDownloader *self,
                                                          gboolean             reachable);

G_END_DECLS
