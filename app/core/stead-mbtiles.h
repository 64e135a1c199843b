/* stead-mbtiles.h: offline raster tiles from an MBTiles file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <gio/gio.h>

#include "stead-geometry.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

#define STEAD_TYPE_MBTILES (stead_mbtiles_get_type ())
#define STEAD_MBTILES_ERROR (stead_mbtiles_error_quark ())

typedef enum
{
  STEAD_MBTILES_ERROR_INVALID,      /* not an MBTiles file */
  STEAD_MBTILES_ERROR_UNSUPPORTED,  /* e.g. vector (pbf) tiles */
  STEAD_MBTILES_ERROR_NOT_FOUND,    /* no such tile */
} SteadMBTilesError;

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadMBTiles, stead_mbtiles, STEAD, MBTILES, GObject)

STEAD_AVAILABLE_IN_1_0
GQuark        stead_mbtiles_error_quark       (void);
STEAD_AVAILABLE_IN_1_0
SteadMBTiles *stead_mbtiles_open              (const char    *path,
                                               GError       **error);
STEAD_AVAILABLE_IN_1_0
const char   *stead_mbtiles_get_path          (SteadMBTiles  *self);
STEAD_AVAILABLE_IN_1_0
const char   *stead_mbtiles_get_name          (SteadMBTiles  *self);
STEAD_AVAILABLE_IN_1_0
const char   *stead_mbtiles_get_format        (SteadMBTiles  *self);
STEAD_AVAILABLE_IN_1_0
const char   *stead_mbtiles_get_attribution   (SteadMBTiles  *self);
STEAD_AVAILABLE_IN_1_0
guint         stead_mbtiles_get_min_zoom      (SteadMBTiles  *self);
STEAD_AVAILABLE_IN_1_0
guint         stead_mbtiles_get_max_zoom      (SteadMBTiles  *self);
STEAD_AVAILABLE_IN_1_0
gboolean      stead_mbtiles_get_bounds        (SteadMBTiles  *self,
                                               SteadEnvelope *bounds);
STEAD_AVAILABLE_IN_1_0
GBytes       *stead_mbtiles_get_tile          (SteadMBTiles  *self,
                                               guint          zoom,
                                               guint          x,
                                               guint          y,
                                               GError       **error);

G_END_DECLS
