/* stead-import-geojson.c: polygons from GeoJSON (RFC 7946, and the 2008
 * form with "crs" that ONS and OS files in British National Grid carry)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "stead-import-geo-private.h"
#include "stead-json-private.h"

G_DEFINE_QUARK (stead-geo-format-error-quark, stead_geo_format_error)

/* ------------------------------------------------------------------------ */
/* Rings and polygons                                                        */

gboolean
stead_geo_position_ok (double x,
                       double y)
{
  return isfinite (x) && isfinite (y) && x >= -180 && x <= 180 && y >= -90 && y <= 90;
}

/* Checks and converts one ring in place; sets *reason if it is invalid. */
gboolean
stead_geo_check_ring (GArray     *ring,
                      SteadProj  *proj,
                      char      **reason)
{
  SteadCoord *c = (SteadCoord *) (gpointer) ring->data;

  if (ring->len < 4)
    {
      *reason =
        g_strdup_printf (_("a ring has %u positions; a polygon ring needs at least 4"), ring->len);
      return FALSE;
    }
  if (c[0].x != c[ring->len - 1].x || c[0].y != c[ring->len - 1].y)
    {
      *reason = g_strdup (_("a ring is not closed (its first and last positions differ)"));
      return FALSE;
    }
  for (guint i = 0; i < ring->len; i++)
    {
      if (proj != NULL && !stead_proj_to_wgs84 (proj, c[i].x, c[i].y, &c[i].x, &c[i].y))
        {
          *reason = g_strdup_printf (
            _("position %g, %g cannot be converted to longitude and latitude"), c[i].x, c[i].y);
          return FALSE;
        }
      if (!stead_geo_position_ok (c[i].x, c[i].y))
        {
          *reason = g_strdup_printf (_("position %g, %g is not a longitude and latitude "
                                       "(is the file in another coordinate system?)"),
                                     c[i].x, c[i].y);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
stead_import_geojson_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_DOUBLE || type == G_TYPE_INT64;
}

static GArray *
stead_import_geojson_ring (JsonNode  *node,
                           char     **reason)
{
  JsonArray *positions;
  GArray *ring;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      *reason = g_strdup (_("a ring is not an array of positions"));
      return NULL;
    }
  positions = json_node_get_array (node);
  ring = g_array_sized_new (FALSE, FALSE, sizeof (SteadCoord), json_array_get_length (positions));
  for (guint i = 0; i < json_array_get_length (positions); i++)
    {
      JsonNode *pos = json_array_get_element (positions, i);
      JsonArray *xy;
      SteadCoord c;

      if (!JSON_NODE_HOLDS_ARRAY (pos) ||
          json_array_get_length (xy = json_node_get_array (pos)) < 2 ||
          !stead_import_geojson_is_number (json_array_get_element (xy, 0)) ||
          !stead_import_geojson_is_number (json_array_get_element (xy, 1)))
        {
          *reason =
            g_strdup_printf (_("position %u of a ring is not [longitude, latitude]"), i + 1);
          g_array_unref (ring);
          return NULL;
        }
      c.x = json_array_get_double_element (xy, 0);
      c.y = json_array_get_double_element (xy, 1);
      g_array_append_val (ring, c);
    }
  return ring;
}

static SteadGeometry *
stead_import_geojson_polygon (JsonNode   *node,
                              SteadProj  *proj,
                              char      **reason)
{
  g_autoptr(SteadGeometry) polygon = NULL;
  JsonArray *rings;

  if (!JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (rings = json_node_get_array (node)) == 0)
    {
      *reason = g_strdup (_("a polygon has no rings"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (rings); i++)
    {
      g_autoptr(GArray) ring =
        stead_import_geojson_ring (json_array_get_element (rings, i), reason);

      if (ring == NULL || !stead_geo_check_ring (ring, proj, reason))
        return NULL;
      if (i == 0)
        polygon = stead_geometry_new_polygon ((SteadCoord *) (gpointer) ring->data, ring->len);
      else
        stead_geometry_add_interior_ring (polygon, (SteadCoord *) (gpointer) ring->data, ring->len);
    }
  return g_steal_pointer (&polygon);
}

/**
 * stead_geojson_read_area:
 * @geometry: a GeoJSON geometry object
 * @proj: (nullable): the conversion from the file's coordinates, or %NULL
 *   for RFC 7946 longitude and latitude
 * @reason: (out): why it cannot be read
 *
 * Reads a Polygon or MultiPolygon, checking that rings are closed and
 * positions are longitudes and latitudes.
 *
 * Returns: (transfer full) (nullable): a multipolygon
 */
SteadGeometry *
stead_geojson_read_area (JsonNode   *geometry,
                         SteadProj  *proj,
                         char      **reason)
{
  g_autoptr(SteadGeometry) multi = stead_geometry_new_multipolygon ();
  JsonObject *object;
  JsonNode *coordinates;
  const char *type;

  if (geometry == NULL || JSON_NODE_HOLDS_NULL (geometry))
    {
      *reason = g_strdup (_("it has no geometry"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (geometry))
    {
      *reason = g_strdup (_("its geometry is not an object"));
      return NULL;
    }
  object = json_node_get_object (geometry);
  type = json_object_get_string_member_with_default (object, "type", "");
  coordinates = json_object_get_member (object, "coordinates");
  if (coordinates == NULL || !JSON_NODE_HOLDS_ARRAY (coordinates))
    {
      *reason = g_strdup_printf (_("its %s geometry has no coordinates"), type);
      return NULL;
    }

  if (g_str_equal (type, "Polygon"))
    {
      g_autoptr(SteadGeometry) polygon = stead_import_geojson_polygon (coordinates, proj, reason);

      if (polygon == NULL)
        return NULL;
      stead_geometry_add_polygon (multi, polygon);
    }
  else if (g_str_equal (type, "MultiPolygon"))
    {
      JsonArray *polygons = json_node_get_array (coordinates);

      if (json_array_get_length (polygons) == 0)
        {
          *reason = g_strdup (_("its MultiPolygon has no polygons"));
          return NULL;
        }
      for (guint i = 0; i < json_array_get_length (polygons); i++)
        {
          g_autoptr(SteadGeometry) polygon =
            stead_import_geojson_polygon (json_array_get_element (polygons, i), proj, reason);

          if (polygon == NULL)
            return NULL;
          stead_geometry_add_polygon (multi, polygon);
        }
    }
  else
    {
      *reason = g_strdup_printf (_("its geometry is a %s, not a Polygon or MultiPolygon"),
                                 type[0] ? type : _("(no type)"));
      return NULL;
    }
  return g_steal_pointer (&multi);
}

/* "urn:ogc:def:crs:EPSG::27700", "EPSG:27700" → a PROJ conversion, NULL for WGS84. */
static gboolean
stead_import_geojson_crs_from_name (const char  *name,
                                    SteadProj  **proj,
                                    GError     **error)
{
  *proj = NULL;
  if (name == NULL || strstr (name, "CRS84") != NULL || g_str_has_suffix (name, ":4326") ||
      g_str_has_suffix (name, "::4326"))
    return TRUE;
  *proj = stead_proj_new (name, error);
  return *proj != NULL;
}

/**
 * stead_geojson_load:
 * @stream: the file
 * @crs_option: (nullable): the coordinate system, overriding the file's
 * @features: (out) (transfer container) (element-type JsonNode): its features
 * @proj: (out) (transfer full) (nullable): the conversion to WGS84, or %NULL
 * @parser_out: (out) (transfer full): the parser, which owns @features
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Returns: %TRUE if the file is a FeatureCollection or Feature
 */
gboolean
stead_geojson_load (GInputStream  *stream,
                    const char    *crs_option,
                    GPtrArray    **features,
                    SteadProj    **proj,
                    JsonParser   **parser_out,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  JsonObject *root;
  const char *type;
  const char *crs = crs_option;

  /* Bounded: a file nested thousands deep would overflow the stack. */
  parser = stead_json_load_stream (stream, cancellable, error);
  if (parser == NULL)
    return FALSE;
  if (json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0,
                   _("This is not GeoJSON: the file is not a JSON object"));
      return FALSE;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  type = json_object_get_string_member_with_default (root, "type", "");

  if (g_str_equal (type, "FeatureCollection"))
    {
      JsonNode *node = json_object_get_member (root, "features");

      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0,
                       _("This is not GeoJSON: the FeatureCollection has no “features” array"));
          return FALSE;
        }
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        g_ptr_array_add (list, json_array_get_element (json_node_get_array (node), i));
    }
  else if (g_str_equal (type, "Feature"))
    g_ptr_array_add (list, json_parser_get_root (parser));
  else
    {
      g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0,
                   _("This is not GeoJSON features: its type is “%s”, not FeatureCollection or "
                      "Feature"),
                   type);
      return FALSE;
    }

  /* RFC 7946 drops "crs", but ONS and OS files in British National Grid
   * still carry the 2008 form. */
  if (crs == NULL && json_object_has_member (root, "crs"))
    {
      JsonNode *node = json_object_get_member (root, "crs");

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *props =
            json_object_get_object_member (json_node_get_object (node), "properties");

          if (props != NULL)
            crs = json_object_get_string_member_with_default (props, "name", NULL);
        }
    }
  if (!stead_import_geojson_crs_from_name (crs, proj, error))
    return FALSE;

  *features = g_steal_pointer (&list);
  *parser_out = g_steal_pointer (&parser);
  return TRUE;
}

static char *
stead_import_geojson_property_text (JsonObject *properties,
                                    const char *name)
{
  JsonNode *node;

  if (properties == NULL || name == NULL ||
      (node = json_object_get_member (properties, name)) == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return *json_node_get_string (node) ? g_strdup (json_node_get_string (node)) : NULL;
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    default:
      return NULL;
    }
}


/* ------------------------------------------------------------------------ */
/* The feature loop                                                          */

gboolean
stead_geojson_foreach_feature (SteadImportContext  *context,
                               SteadFeatureFunc     func,
                               gpointer             user_data,
                               GError             **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) features = NULL;
  g_autoptr(SteadProj) proj = NULL;

  stream = stead_import_context_open (context, error);
  if (stream == NULL)
    return FALSE;
  if (!stead_geojson_load (stream, stead_import_context_get_option (context, "crs"), &features,
                           &proj, &parser, stead_import_context_get_cancellable (context), error))
    return FALSE;

  for (guint i = 0; i < features->len; i++)
    {
      JsonNode *node = g_ptr_array_index (features, i);
      g_autoptr(SteadGeometry) geometry = NULL;
      g_autofree char *reason = NULL;
      g_autofree char *code = NULL;
      g_autofree char *name = NULL;
      SteadFeature feature = { context, i + 1 };
      JsonObject *object;

      if (!stead_import_context_check_cancelled (context, error))
        return FALSE;
      stead_import_context_progress (context, i, features->len);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          stead_feature_reject (&feature, _("feature %u is not an object"), i + 1);
          continue;
        }
      object = json_node_get_object (node);
      if (json_object_has_member (object, "properties") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "properties")))
        feature.properties = json_object_get_object_member (object, "properties");

      geometry =
        stead_geojson_read_area (json_object_get_member (object, "geometry"), proj, &reason);
      if (geometry == NULL)
        {
          stead_feature_reject (&feature, _("feature %u: %s"), i + 1, reason);
          continue;
        }

      if (feature.properties != NULL)
        {
          GList *members = json_object_get_members (feature.properties);
          g_autofree const char **names = g_new0 (const char *, g_list_length (members) + 1);
          guint n = 0;

          for (GList *l = members; l != NULL; l = l->next)
            names[n++] = l->data;
          g_list_free (members);
          code = stead_import_geojson_property_text (
            feature.properties, stead_geo_pick_property (
                                  names, stead_import_context_get_option (context, "code"), TRUE));
          name = stead_import_geojson_property_text (
            feature.properties, stead_geo_pick_property (
                                  names, stead_import_context_get_option (context, "name"), FALSE));
        }
      feature.geometry = geometry;
      feature.code = code;
      feature.name = name;
      if (!func (&feature, user_data, error))
        return FALSE;
    }
  stead_import_context_progress (context, features->len, features->len);
  return TRUE;
}

char *
stead_geojson_dup_property (SteadFeature *feature,
                            const char   *name)
{
  return stead_import_geojson_property_text (feature->properties, name);
}
