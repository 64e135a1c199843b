/* fuzz-gpkg-geometry.c: the GeoPackage geometry blob reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Besides surviving any input and round-tripping what parses, the
 * envelope must be right, checked against oracles written here: the
 * header's doubles read straight from the bytes as GeoPackage 1.3
 * (§2.1.3) lays them out (minx, maxx, miny, maxy, in the header's byte
 * order), and the min/max of the coordinates the geometry holds.
 */

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "stead.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The header's XY envelope, from the bytes: FALSE if the header is too
 * short or not a GeoPackage one; *has is FALSE when it carries none. */
static gboolean
fuzz_header_envelope (const uint8_t *data,
                      size_t         size,
                      gboolean      *has,
                      SteadEnvelope *envelope)
{
  double values[4];
  gboolean little;
  guint indicator;

  if (size < 8 || data[0] != 'G' || data[1] != 'P')
    return FALSE;
  little = data[3] & 1;
  indicator = (data[3] >> 1) & 7;
  *has = indicator != 0;
  if (!*has)
    return TRUE;
  if (indicator > 4 || size < 8 + 4 * 8)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      guint64 bits;

      memcpy (&bits, data + 8 + 8 * i, 8);
      bits = little ? GUINT64_FROM_LE (bits) : GUINT64_FROM_BE (bits);
      memcpy (&values[i], &bits, 8);
    }
  envelope->min_x = values[0];
  envelope->max_x = values[1];
  envelope->min_y = values[2];
  envelope->max_y = values[3];
  return TRUE;
}

static void
fuzz_bounds_add (SteadEnvelope *bounds,
                 guint         *n,
                 gboolean      *nan_seen,
                 double         x,
                 double         y)
{
  if (isnan (x) || isnan (y))
    *nan_seen = TRUE;
  if ((*n)++ == 0)
    {
      bounds->min_x = bounds->max_x = x;
      bounds->min_y = bounds->max_y = y;
      return;
    }
  bounds->min_x = x < bounds->min_x ? x : bounds->min_x;
  bounds->max_x = x > bounds->max_x ? x : bounds->max_x;
  bounds->min_y = y < bounds->min_y ? y : bounds->min_y;
  bounds->max_y = y > bounds->max_y ? y : bounds->max_y;
}

/* The min/max of the point, of the line's coordinates, or of each
 * polygon's exterior ring (which bounds the polygon); FALSE if there are
 * none or a NaN, where min and max mean nothing. */
static gboolean
fuzz_coordinate_bounds (SteadGeometry *geometry,
                        SteadEnvelope *bounds)
{
  gboolean nan_seen = FALSE;
  guint n = 0;
  double x, y;

  if (stead_geometry_is_empty (geometry))
    return FALSE;
  switch (stead_geometry_get_geometry_type (geometry))
    {
    case STEAD_GEOMETRY_POINT:
      if (stead_geometry_get_point (geometry, &x, &y))
        fuzz_bounds_add (bounds, &n, &nan_seen, x, y);
      break;

    case STEAD_GEOMETRY_LINESTRING:
      {
        gsize n_coords = 0;
        const SteadCoord *c = stead_geometry_get_coords (geometry, &n_coords);

        for (gsize i = 0; i < n_coords; i++)
          fuzz_bounds_add (bounds, &n, &nan_seen, c[i].x, c[i].y);
      }
      break;

    default:
      for (guint p = 0; p < stead_geometry_get_n_polygons (geometry); p++)
        {
          gsize n_coords = 0;
          const SteadCoord *c = stead_geometry_get_n_rings (geometry, p) > 0
                                  ? stead_geometry_get_ring (geometry, p, 0, &n_coords)
                                  : NULL;

          for (gsize i = 0; c != NULL && i < n_coords; i++)
            fuzz_bounds_add (bounds, &n, &nan_seen, c[i].x, c[i].y);
        }
      break;
    }
  return n > 0 && !nan_seen;
}

/* Bit for bit, so that a NaN read from the header equals itself. */
static void
fuzz_assert_same_bits (const SteadEnvelope *a,
                       const SteadEnvelope *b)
{
  g_assert_cmpmem (a, sizeof *a, b, sizeof *b);
}

/* By value (no NaN here; 0 and -0 are one bound). */
static void
fuzz_assert_same_bounds (const SteadEnvelope *a,
                         const SteadEnvelope *b)
{
  g_assert_cmpfloat (a->min_x, ==, b->min_x);
  g_assert_cmpfloat (a->max_x, ==, b->max_x);
  g_assert_cmpfloat (a->min_y, ==, b->min_y);
  g_assert_cmpfloat (a->max_y, ==, b->max_y);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SteadGeometry) geometry = NULL;
  SteadEnvelope envelope, header, bounds;
  gboolean empty = TRUE, has_header = FALSE, header_read;
  gint32 srs = 0;

  header_read = fuzz_header_envelope (data, size, &has_header, &header);
  if (stead_gpkg_blob_get_envelope (data, size, &envelope, &empty, NULL) && !empty &&
      header_read && has_header)
    /* Taken from the header as it is, in its order. */
    fuzz_assert_same_bits (&envelope, &header);
  {
    double x, y;
    stead_gpkg_blob_get_point (data, size, &x, &y);
  }

  geometry = stead_geometry_new_from_gpkg (data, size, &srs, NULL);
  if (geometry != NULL)
    {
      /* What parses must survive a round trip unchanged. */
      g_autoptr(GBytes) blob = stead_geometry_to_gpkg (geometry, srs);
      const uint8_t *written = g_bytes_get_data (blob, NULL);
      gsize written_size = g_bytes_get_size (blob);
      g_autoptr(SteadGeometry) again = stead_geometry_new_from_gpkg (written, written_size, NULL,
                                                                     NULL);
      g_assert_nonnull (again);
      /* NaN coordinates never compare equal; everything else must. */
      if (stead_geometry_get_envelope (geometry, &envelope) &&
          !isnan (envelope.min_x) && !isnan (envelope.max_x) &&
          !isnan (envelope.min_y) && !isnan (envelope.max_y))
        g_assert_true (stead_geometry_equal (geometry, again));
      stead_geometry_contains_point (geometry, 0.5, 0.5);

      if (fuzz_coordinate_bounds (geometry, &bounds))
        {
          /* The geometry's envelope is the min/max of its coordinates... */
          g_assert_true (stead_geometry_get_envelope (geometry, &envelope));
          fuzz_assert_same_bounds (&envelope, &bounds);

          /* ...and so is what a blob without one in its header gives... */
          if (header_read && !has_header && !(data[3] & (1 << 4)))
            {
              g_assert_true (stead_gpkg_blob_get_envelope (data, size, &envelope, &empty, NULL));
              g_assert_false (empty);
              fuzz_assert_same_bounds (&envelope, &bounds);
            }

          /* ...and the header Stead writes for anything but a point. */
          if (stead_geometry_get_geometry_type (geometry) != STEAD_GEOMETRY_POINT)
            {
              g_assert_true (fuzz_header_envelope (written, written_size, &has_header, &header));
              g_assert_true (has_header);
              fuzz_assert_same_bounds (&header, &bounds);
            }
        }
    }
  return 0;
}
