/* stead-mbtiles-source.h: an MBTiles file as a libshumate data source
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

#define STEAD_TYPE_MBTILES_SOURCE (stead_mbtiles_source_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadMBTilesSource, stead_mbtiles_source, STEAD, MBTILES_SOURCE,
                      ShumateDataSource)

STEAD_AVAILABLE_IN_1_0
SteadMBTilesSource *stead_mbtiles_source_new         (SteadMBTiles       *tiles);
STEAD_AVAILABLE_IN_1_0
SteadMBTiles       *stead_mbtiles_source_get_tiles   (SteadMBTilesSource *self);
STEAD_AVAILABLE_IN_1_0
ShumateMapSource   *stead_mbtiles_source_new_renderer (SteadMBTiles      *tiles);

G_END_DECLS
