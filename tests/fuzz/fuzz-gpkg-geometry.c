/* fuzz-gpkg-geometry.c: the GeoPackage geometry blob reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdint.h>

#include "stead.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SteadGeometry) geometry = NULL;
  SteadEnvelope envelope;
  gboolean empty;
  gint32 srs = 0;

  stead_gpkg_blob_get_envelope (data, size, &envelope, &empty, NULL);
  {
    double x, y;
    stead_gpkg_blob_get_point (data, size, &x, &y);
  }

  geometry = stead_geometry_new_from_gpkg (data, size, &srs, NULL);
  if (geometry != NULL)
    {
      /* What parses must survive a round trip unchanged. */
      g_autoptr(GBytes) blob = stead_geometry_to_gpkg (geometry, srs);
      g_autoptr(SteadGeometry) again = stead_geometry_new_from_gpkg (
        g_bytes_get_data (blob, NULL), g_bytes_get_size (blob), NULL, NULL);
      g_assert_nonnull (again);
      /* NaN coordinates never compare equal; everything else must. */
      if (stead_geometry_get_envelope (geometry, &envelope) &&
          !isnan (envelope.min_x) && !isnan (envelope.max_x) &&
          !isnan (envelope.min_y) && !isnan (envelope.max_y))
        g_assert_true (stead_geometry_equal (geometry, again));
      stead_geometry_contains_point (geometry, 0.5, 0.5);
    }
  return 0;
}
