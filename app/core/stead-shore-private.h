/* stead-shore-private.h: coastlines, lakes and rivers read offline from GSHHG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "stead-geometry.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

/* GSHHG's resolutions, coarsest first: bins of 20°, 10°, 5° and 2°. */
typedef enum
{
  STEAD_SHORE_CRUDE,
  STEAD_SHORE_LOW,
  STEAD_SHORE_INTERMEDIATE,
  STEAD_SHORE_HIGH,
  STEAD_SHORE_N_RESOLUTIONS
} SteadShoreResolution;

typedef enum
{
  /* Part of a shoreline, open where it meets the bin's edges. Its level
   * is that of the polygon it bounds: 1 land and sea, 2 a lake, 3 an
   * island in a lake, 4 a pond on such an island. */
  STEAD_SHORE_COAST,
  /* A closed ring within one bin, filled with what lies inside it: the
   * same levels (odd is dry, even is water; no rings for the sea). */
  STEAD_SHORE_AREA,
  /* A river or canal; its level is WDBII's class: 0 a river wide enough
   * to have banks, 1-4 permanent rivers from major to minor, 5-7
   * intermittent ones, 8-10 canals. */
  STEAD_SHORE_RIVER,
} SteadShoreKind;

#define STEAD_SHORE_RIVER_MINOR 4  /* the last class of permanent rivers */

typedef struct
{
  SteadShoreKind    kind;
  guint             level;
  gsize             n_points;
  const SteadCoord *points;   /* x longitude, y latitude, in degrees */
} SteadShoreLine;

typedef struct _SteadShore SteadShore;
typedef struct _SteadShoreBin SteadShoreBin;

STEAD_PRIVATE_API
SteadShore           *stead_shore_new                  (const char           *dir);
STEAD_PRIVATE_API
SteadShore           *stead_shore_get_default          (void);
STEAD_PRIVATE_API
SteadShore           *stead_shore_ref                  (SteadShore           *self);
STEAD_PRIVATE_API
void                  stead_shore_unref                (SteadShore           *self);
STEAD_PRIVATE_API
gboolean              stead_shore_has_resolution       (SteadShore           *self,
                                                        SteadShoreResolution  resolution);
STEAD_PRIVATE_API
SteadShoreResolution  stead_shore_resolution_for_zoom  (double                zoom);
STEAD_PRIVATE_API
gboolean              stead_shore_pick_resolution      (SteadShore           *self,
                                                        double                zoom,
                                                        SteadShoreResolution *resolution);
STEAD_PRIVATE_API
GPtrArray            *stead_shore_load                 (SteadShore           *self,
                                                        SteadShoreResolution  resolution,
                                                        const SteadEnvelope  *box,
                                                        GCancellable         *cancellable,
                                                        GError              **error);

STEAD_PRIVATE_API
SteadShoreBin        *stead_shore_bin_ref              (SteadShoreBin        *bin);
STEAD_PRIVATE_API
void                  stead_shore_bin_unref            (SteadShoreBin        *bin);
STEAD_PRIVATE_API
void                  stead_shore_bin_get_envelope     (SteadShoreBin        *bin,
                                                        SteadEnvelope        *envelope);
STEAD_PRIVATE_API
const SteadShoreLine *stead_shore_bin_get_lines        (SteadShoreBin        *bin,
                                                        guint                *n_lines);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SteadShore, stead_shore_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SteadShoreBin, stead_shore_bin_unref)

G_END_DECLS
