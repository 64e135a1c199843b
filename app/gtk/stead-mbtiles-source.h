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

G_DECLARE_FINAL_TYPE (SteadMBTilesSource, stead_mbtiles_source, STEAD, MBTILES_SOURCE, ShumateDataSource)

SteadMBTilesSource *stead_mbtiles_source_new         (SteadMBTiles       *tiles);
SteadMBTiles       *stead_mbtiles_source_get_tiles   (SteadMBTilesSource *self);
ShumateMapSource   *stead_mbtiles_source_new_renderer (SteadMBTiles      *tiles);

G_END_DECLS
