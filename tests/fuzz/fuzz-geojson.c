/* fuzz-geojson.c: the GeoJSON area reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "stead.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GPtrArray) features = NULL;
  g_autoptr(SteadProj) proj = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;

  if (!stead_geojson_load (stream, NULL, &features, &proj, &parser, NULL, &error))
    {
      /* A refusal always says why. */
      g_assert_nonnull (error);
      return 0;
    }
  for (guint i = 0; i < features->len; i++)
    {
      JsonNode *node = g_ptr_array_index (features, i);
      g_autoptr(SteadGeometry) area = NULL;
      g_autofree char *reason = NULL;
      SteadEnvelope env;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      area = stead_geojson_read_area (
        json_object_get_member (json_node_get_object (node), "geometry"), proj, &reason);
      if (area == NULL)
        {
          g_assert_nonnull (reason);
          g_assert_true (g_utf8_validate (reason, -1, NULL));
          continue;
        }
      /* What is accepted is a real area in longitude and latitude. */
      g_assert_cmpint (stead_geometry_get_geometry_type (area), ==, STEAD_GEOMETRY_MULTIPOLYGON);
      g_assert_true (stead_geometry_get_envelope (area, &env));
      g_assert_true (env.min_x >= -180 && env.max_x <= 180 && env.min_y >= -90 && env.max_y <= 90);
      {
        g_autoptr(GBytes) blob = stead_geometry_to_gpkg (area, 4326);
        g_autoptr(SteadGeometry) back = stead_geometry_new_from_gpkg (
          g_bytes_get_data (blob, NULL), g_bytes_get_size (blob), NULL, NULL);

        g_assert_true (stead_geometry_equal (area, back));
      }
    }
  return 0;
}
