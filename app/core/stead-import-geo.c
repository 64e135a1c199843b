/* stead-import-geo.c: boundaries (GeoJSON, GeoPackage) and CAP 1.2 warnings
 *
 * Boundaries become `area` rows with their codes and names (a ward, an
 * LSOA, the partnership boundary); CAP alerts become hazard areas with an
 * `alert` row each. Needs and resources inside any area are listed by the
 * need_area and resource_area views.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <string.h>

#include "stead-geo-formats.h"
#include "stead-geometry.h"
#include "stead-import-formats-private.h"
#include "stead-proj.h"
#include "stead-workspace.h"
#include "stead-workspace-private.h"

G_DEFINE_QUARK (stead-geo-format-error-quark, stead_geo_format_error)

/* ------------------------------------------------------------------------ */
/* Geometry helpers                                                          */

static gboolean
position_ok (double x,
             double y)
{
  return isfinite (x) && isfinite (y) && x >= -180 && x <= 180 && y >= -90 && y <= 90;
}

/* Checks and converts one ring in place; sets *reason if it is invalid. */
static gboolean
check_ring (GArray     *ring,
            SteadProj  *proj,
            char      **reason)
{
  SteadCoord *c = (SteadCoord *) (gpointer) ring->data;

  if (ring->len < 4)
    {
      *reason = g_strdup_printf (_("a ring has %u positions; a polygon ring needs at least 4"), ring->len);
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
          *reason = g_strdup_printf (_("position %g, %g cannot be converted to longitude and latitude"),
                                     c[i].x, c[i].y);
          return FALSE;
        }
      if (!position_ok (c[i].x, c[i].y))
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
is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_DOUBLE || type == G_TYPE_INT64;
}

static GArray *
json_ring (JsonNode  *node,
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

      if (!JSON_NODE_HOLDS_ARRAY (pos) || json_array_get_length (xy = json_node_get_array (pos)) < 2 ||
          !is_number (json_array_get_element (xy, 0)) || !is_number (json_array_get_element (xy, 1)))
        {
          *reason = g_strdup_printf (_("position %u of a ring is not [longitude, latitude]"), i + 1);
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
json_polygon (JsonNode   *node,
              SteadProj  *proj,
              char      **reason)
{
  g_autoptr(SteadGeometry) polygon = NULL;
  JsonArray *rings;

  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (rings = json_node_get_array (node)) == 0)
    {
      *reason = g_strdup (_("a polygon has no rings"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (rings); i++)
    {
      g_autoptr(GArray) ring = json_ring (json_array_get_element (rings, i), reason);

      if (ring == NULL || !check_ring (ring, proj, reason))
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
      g_autoptr(SteadGeometry) polygon = json_polygon (coordinates, proj, reason);

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
          g_autoptr(SteadGeometry) polygon = json_polygon (json_array_get_element (polygons, i), proj, reason);

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
crs_from_name (const char  *name,
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
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  JsonObject *root;
  const char *type;
  const char *crs = crs_option;

  if (!json_parser_load_from_stream (parser, stream, cancellable, error))
    {
      if (error != NULL && *error != NULL && (*error)->domain == JSON_PARSER_ERROR)
        g_prefix_error (error, _("This is not valid JSON: "));
      return FALSE;
    }
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0, _("This is not GeoJSON: the file is not a JSON object"));
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
                   _("This is not GeoJSON features: its type is “%s”, not FeatureCollection or Feature"), type);
      return FALSE;
    }

  /* RFC 7946 drops "crs", but ONS and OS files in British National Grid
   * still carry the 2008 form. */
  if (crs == NULL && json_object_has_member (root, "crs"))
    {
      JsonNode *node = json_object_get_member (root, "crs");

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *props = json_object_get_object_member (json_node_get_object (node), "properties");

          if (props != NULL)
            crs = json_object_get_string_member_with_default (props, "name", NULL);
        }
    }
  if (!crs_from_name (crs, proj, error))
    return FALSE;

  *features = g_steal_pointer (&list);
  *parser_out = g_steal_pointer (&parser);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Boundaries into `area`                                                   */

/* ONS names its code and name columns like WD24CD and WD24NM. */
static const char *
pick_property (const char * const *names,
               const char         *wanted,
               const char         *ons_suffix,
               const char * const *fallbacks)
{
  if (wanted != NULL)
    return g_strv_contains (names, wanted) ? wanted : NULL;
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *lower = g_ascii_strdown (names[i], -1);

      if (g_str_has_suffix (lower, ons_suffix) && strlen (lower) > 2)
        return names[i];
    }
  for (guint j = 0; fallbacks[j] != NULL; j++)
    for (guint i = 0; names[i] != NULL; i++)
      if (g_ascii_strcasecmp (names[i], fallbacks[j]) == 0)
        return names[i];
  return NULL;
}

static const char * const code_fallbacks[] = { "code", "id", "ref", "gss_code", NULL };
static const char * const name_fallbacks[] = { "name", "title", "label", "area", NULL };

typedef struct
{
  SteadTransaction *txn;
  sqlite3_stmt     *find;
  sqlite3_stmt     *insert;
  sqlite3_stmt     *update;
  const char       *kind;
  const char       *source;
  gboolean          no_count;   /* the caller counts */
} AreaWriter;

static gboolean
area_writer_init (AreaWriter          *w,
                  SteadImportContext  *context,
                  const char          *source,
                  GError             **error)
{
  w->txn = stead_import_context_get_transaction (context);
  w->kind = stead_import_context_get_option (context, "kind");
  if (w->kind == NULL)
    w->kind = "boundary";
  w->source = source;
  w->find = stead_transaction_prepare (w->txn, "SELECT fid FROM area WHERE kind = ? AND code = ?", error);
  if (w->find == NULL)
    return FALSE;
  w->insert = stead_transaction_prepare (w->txn,
                                         "INSERT INTO area (geom, kind, code, name, source) VALUES (?1, ?2, ?3, ?4, ?5)",
                                         error);
  if (w->insert == NULL)
    return FALSE;
  w->update = stead_transaction_prepare (w->txn,
                                         "UPDATE area SET geom = ?1, name = ?4, source = ?5 WHERE fid = ?6",
                                         error);
  return w->update != NULL;
}

static void
area_writer_clear (AreaWriter *w)
{
  g_clear_pointer (&w->find, sqlite3_finalize);
  g_clear_pointer (&w->insert, sqlite3_finalize);
  g_clear_pointer (&w->update, sqlite3_finalize);
}

/* Adds the area, or updates the one of the same kind and code. */
static gboolean
area_writer_write (AreaWriter          *w,
                   SteadImportContext  *context,
                   SteadGeometry       *geometry,
                   const char          *code,
                   const char          *name,
                   gint64              *fid_out,
                   GError             **error)
{
  g_autoptr(GBytes) blob = stead_geometry_to_gpkg (geometry, 4326);
  gint64 fid = 0;
  sqlite3_stmt *stmt;

  if (code != NULL)
    {
      sqlite3_bind_text (w->find, 1, w->kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (w->find, 2, code, -1, SQLITE_STATIC);
      if (sqlite3_step (w->find) == SQLITE_ROW)
        fid = sqlite3_column_int64 (w->find, 0);
      sqlite3_reset (w->find);
    }

  stmt = fid != 0 ? w->update : w->insert;
  sqlite3_bind_blob (stmt, 1, g_bytes_get_data (blob, NULL), g_bytes_get_size (blob), SQLITE_STATIC);
  if (fid == 0)
    {
      sqlite3_bind_text (stmt, 2, w->kind, -1, SQLITE_STATIC);
      if (code != NULL)
        sqlite3_bind_text (stmt, 3, code, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 3);
    }
  else
    sqlite3_bind_int64 (stmt, 6, fid);
  sqlite3_bind_text (stmt, 4, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, w->source, -1, SQLITE_STATIC);
  if (!stead_transaction_step (w->txn, stmt, error))
    return FALSE;
  sqlite3_clear_bindings (stmt);

  if (fid == 0)
    fid = sqlite3_last_insert_rowid (stead_workspace_get_db (stead_transaction_get_workspace (w->txn)));
  else if (!w->no_count)
    stead_import_context_updated_named (context, name);
  if (stmt == w->insert && !w->no_count)
    stead_import_context_added_named (context, name);
  if (fid_out != NULL)
    *fid_out = fid;
  return TRUE;
}

static char *
property_text (JsonObject *properties,
               const char *name)
{
  JsonNode *node;

  if (properties == NULL || name == NULL || (node = json_object_get_member (properties, name)) == NULL ||
      !JSON_NODE_HOLDS_VALUE (node))
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

static gboolean
run_geojson_areas (SteadImporter       *importer,
                   SteadImportContext  *context,
                   GError             **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) features = NULL;
  g_autoptr(SteadProj) proj = NULL;
  g_autofree char *source = g_file_get_basename (stead_import_context_get_file (context));
  AreaWriter w = { 0 };
  gboolean ok = TRUE;

  stream = stead_import_context_open (context, error);
  if (stream == NULL)
    return FALSE;
  if (!stead_geojson_load (stream, stead_import_context_get_option (context, "crs"), &features, &proj,
                           &parser, stead_import_context_get_cancellable (context), error))
    return FALSE;
  if (!area_writer_init (&w, context, source, error))
    {
      area_writer_clear (&w);
      return FALSE;
    }

  for (guint i = 0; ok && i < features->len; i++)
    {
      JsonNode *node = g_ptr_array_index (features, i);
      g_autoptr(SteadGeometry) geometry = NULL;
      g_autofree char *reason = NULL;
      g_autofree char *code = NULL;
      g_autofree char *name = NULL;
      g_autofree const char **names = NULL;
      JsonObject *feature, *properties = NULL;

      if (!stead_import_context_check_cancelled (context, error))
        {
          ok = FALSE;
          break;
        }
      stead_import_context_progress (context, i, features->len);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          stead_import_context_reject (context, 0, i + 1, NULL, 0, _("feature %u is not an object"), i + 1);
          continue;
        }
      feature = json_node_get_object (node);
      if (json_object_has_member (feature, "properties") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (feature, "properties")))
        properties = json_object_get_object_member (feature, "properties");

      geometry = stead_geojson_read_area (json_object_get_member (feature, "geometry"), proj, &reason);
      if (geometry == NULL)
        {
          stead_import_context_reject (context, 0, i + 1, NULL, 0, _("feature %u: %s"), i + 1, reason);
          continue;
        }

      if (properties != NULL)
        {
          GList *members = json_object_get_members (properties);
          guint n = 0;

          names = g_new0 (const char *, g_list_length (members) + 1);
          for (GList *l = members; l != NULL; l = l->next)
            names[n++] = l->data;
          g_list_free (members);
          code = property_text (properties,
                                pick_property (names, stead_import_context_get_option (context, "code"),
                                               "cd", code_fallbacks));
          name = property_text (properties,
                                pick_property (names, stead_import_context_get_option (context, "name"),
                                               "nm", name_fallbacks));
        }
      if (name == NULL)
        {
          stead_import_context_reject (context, 0, i + 1, NULL, 0,
                                       _("feature %u has no name (choose its property with --option name=PROPERTY)"),
                                       i + 1);
          continue;
        }

      ok = area_writer_write (&w, context, geometry, code, name, NULL, error);
    }

  area_writer_clear (&w);
  return ok;
}

static const char * const geojson_extensions[] = { "geojson", "json", NULL };

const SteadCoreImportFormat stead_import_geojson_areas = {
  "geojson-areas", N_("Boundaries and areas (GeoJSON)"), geojson_extensions,
  NULL, 0, run_geojson_areas,
};

/* ------------------------------------------------------------------------ */
/* GeoPackage layers                                                         */

static SteadGeometry *
convert_geometry (SteadGeometry  *in,
                  SteadProj      *proj,
                  char          **reason)
{
  g_autoptr(SteadGeometry) multi = stead_geometry_new_multipolygon ();
  SteadGeometryType type = stead_geometry_get_geometry_type (in);
  guint n_polygons;

  if (type != STEAD_GEOMETRY_POLYGON && type != STEAD_GEOMETRY_MULTIPOLYGON)
    {
      *reason = g_strdup (_("it is not a polygon"));
      return NULL;
    }
  if (stead_geometry_is_empty (in))
    {
      *reason = g_strdup (_("its geometry is empty"));
      return NULL;
    }

  n_polygons = type == STEAD_GEOMETRY_POLYGON ? 1 : stead_geometry_get_n_polygons (in);
  for (guint p = 0; p < n_polygons; p++)
    {
      g_autoptr(SteadGeometry) polygon = NULL;
      guint n_rings = stead_geometry_get_n_rings (in, p);

      for (guint r = 0; r < n_rings; r++)
        {
          g_autoptr(GArray) ring = g_array_new (FALSE, FALSE, sizeof (SteadCoord));
          const SteadCoord *coords;
          gsize n;

          coords = stead_geometry_get_ring (in, p, r, &n);
          g_array_append_vals (ring, coords, n);
          if (!check_ring (ring, proj, reason))
            return NULL;
          if (r == 0)
            polygon = stead_geometry_new_polygon ((SteadCoord *) (gpointer) ring->data, ring->len);
          else
            stead_geometry_add_interior_ring (polygon, (SteadCoord *) (gpointer) ring->data, ring->len);
        }
      if (polygon != NULL)
        stead_geometry_add_polygon (multi, polygon);
    }
  return g_steal_pointer (&multi);
}

static gboolean
sqlite_fail (sqlite3     *db,
             const char  *what,
             GError     **error)
{
  g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT, "%s: %s", what, sqlite3_errmsg (db));
  return FALSE;
}

/**
 * stead_gpkg_read_areas:
 * @context: an import of a GeoPackage file
 * @func: (scope call): called with each polygon feature, in WGS84
 * @user_data: its data
 * @error: a #GError
 *
 * Reads the polygon layer of a GeoPackage (the only one, or the one named
 * by the "layer" option) read-only, converts it from its coordinate
 * system, and rejects features without a valid polygon by number. Code
 * and name columns are found as for GeoJSON ("code"/"name" options, ONS
 * ..CD/..NM names); without a name column, features are named by layer
 * and number.
 *
 * Returns: %FALSE on an error that stops the import
 */
gboolean
stead_gpkg_read_areas (SteadImportContext  *context,
                       SteadAreaReadFunc    func,
                       gpointer             user_data,
                       GError             **error)
{
  g_autofree char *path = g_file_get_path (stead_import_context_get_file (context));
  g_autofree char *source = g_file_get_basename (stead_import_context_get_file (context));
  g_autofree char *uri = NULL;
  g_autofree char *table = NULL;
  g_autofree char *geom_column = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *crs = NULL;
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SteadProj) proj = NULL;
  const char *wanted = stead_import_context_get_option (context, "layer");
  const char *code_col, *name_col;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  gint64 srs_id = 4326, total = 0, index = 0;

  if (path == NULL)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   _("A GeoPackage must be a local file"));
      return FALSE;
    }
  /* Read-only and immutable: never touch the partner's file. */
  uri = g_strdup_printf ("file:%s?mode=ro", path);
  if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
    {
      sqlite_fail (db, _("Cannot open the GeoPackage"), error);
      goto out;
    }
  if (sqlite3_prepare_v2 (db,
                          "SELECT table_name, column_name, srs_id FROM gpkg_geometry_columns "
                          "WHERE upper(geometry_type_name) IN ('POLYGON', 'MULTIPOLYGON', 'GEOMETRY', 'MULTISURFACE', 'SURFACE', 'CURVEPOLYGON') "
                          "ORDER BY table_name",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   _("%s is not a GeoPackage with feature tables (%s)"), source, sqlite3_errmsg (db));
      goto out;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      g_ptr_array_add (layers, g_strdup (name));
      if ((wanted == NULL && table == NULL) || (wanted != NULL && g_str_equal (wanted, name)))
        {
          g_free (table);
          table = g_strdup (name);
          geom_column = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          srs_id = sqlite3_column_int64 (stmt, 2);
        }
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_ptr_array_add (layers, NULL);

  if (layers->len == 1)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   _("%s has no polygon layers"), source);
      goto out;
    }
  if (wanted != NULL && table == NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) layers->pdata);

      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION,
                   _("%s has no polygon layer “%s”; it has %s"), source, wanted, list);
      goto out;
    }
  if (wanted == NULL && layers->len > 2)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) layers->pdata);

      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION,
                   _("%s has several polygon layers (%s); choose one with --option layer=NAME"), source, list);
      goto out;
    }

  if (srs_id != 4326)
    {
      if (sqlite3_prepare_v2 (db, "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = ?",
                              -1, &stmt, NULL) != SQLITE_OK)
        {
          sqlite_fail (db, _("Cannot read the GeoPackage’s coordinate systems"), error);
          goto out;
        }
      sqlite3_bind_int64 (stmt, 1, srs_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        crs = g_strdup_printf ("%s:%lld", (const char *) sqlite3_column_text (stmt, 0),
                               (long long) sqlite3_column_int64 (stmt, 1));
      g_clear_pointer (&stmt, sqlite3_finalize);
      if (crs == NULL)
        {
          g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                       _("Layer %s uses coordinate system %lld, which the GeoPackage does not define"),
                       table, (long long) srs_id);
          goto out;
        }
      if (g_ascii_strcasecmp (crs, "EPSG:4326") != 0)
        {
          proj = stead_proj_new (crs, error);
          if (proj == NULL)
            goto out;
        }
    }

  /* Column names come from the file: quote them, and use only those that
   * the table really has. */
  sql = sqlite3_mprintf ("SELECT name FROM pragma_table_info(%Q)", table);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite_fail (db, _("Cannot read the layer"), error);
      goto out;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_ptr_array_add (columns, NULL);
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_free (g_steal_pointer (&sql));

  code_col = pick_property ((const char * const *) columns->pdata,
                            stead_import_context_get_option (context, "code"), "cd", code_fallbacks);
  name_col = pick_property ((const char * const *) columns->pdata,
                            stead_import_context_get_option (context, "name"), "nm", name_fallbacks);
  if (name_col == NULL && stead_import_context_get_option (context, "name") != NULL)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION,
                   _("Layer %s has no column “%s”"), table, stead_import_context_get_option (context, "name"));
      goto out;
    }

  sql = sqlite3_mprintf ("SELECT count(*) FROM \"%w\"", table);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    total = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_free (g_steal_pointer (&sql));

  {
    char *name_expr = name_col != NULL ? sqlite3_mprintf ("\"%w\"", name_col) : sqlite3_mprintf ("NULL");
    char *code_expr = code_col != NULL ? sqlite3_mprintf ("\"%w\"", code_col) : sqlite3_mprintf ("NULL");

    sql = sqlite3_mprintf ("SELECT \"%w\", %s, %s FROM \"%w\"", geom_column, name_expr, code_expr, table);
    sqlite3_free (name_expr);
    sqlite3_free (code_expr);
  }
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite_fail (db, _("Cannot read the layer"), error);
      goto out;
    }

  ok = TRUE;
  for (int rc; ok && (rc = sqlite3_step (stmt)) != SQLITE_DONE;)
    {
      g_autoptr(SteadGeometry) in = NULL;
      g_autoptr(SteadGeometry) geometry = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *reason = NULL;
      const char *name, *code;

      if (rc != SQLITE_ROW)
        {
          ok = sqlite_fail (db, _("Cannot read the layer"), error);
          break;
        }
      index++;
      if (!stead_import_context_check_cancelled (context, error))
        {
          ok = FALSE;
          break;
        }
      stead_import_context_progress (context, index, total);

      name = (const char *) sqlite3_column_text (stmt, 1);
      code = (const char *) sqlite3_column_text (stmt, 2);
      if (sqlite3_column_type (stmt, 0) != SQLITE_BLOB)
        {
          stead_import_context_reject (context, 0, index, NULL, 0, _("feature %lld has no geometry"), (long long) index);
          continue;
        }
      in = stead_geometry_new_from_gpkg (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0),
                                         NULL, &local_error);
      if (in == NULL)
        {
          stead_import_context_reject (context, 0, index, NULL, 0, _("feature %lld: %s"), (long long) index,
                                       local_error->message);
          continue;
        }
      geometry = convert_geometry (in, proj, &reason);
      if (geometry == NULL)
        {
          stead_import_context_reject (context, 0, index, NULL, 0, _("feature %lld: %s"), (long long) index, reason);
          continue;
        }
      if (name_col != NULL && (name == NULL || name[0] == '\0'))
        {
          stead_import_context_reject (context, 0, index, NULL, 0, _("feature %lld has no name"), (long long) index);
          continue;
        }
      {
        g_autofree char *fallback = name_col == NULL ? g_strdup_printf ("%s %lld", table, (long long) index) : NULL;

        ok = func (context, index, geometry, code && code[0] ? code : NULL, fallback ? fallback : name, user_data, error);
      }
    }

out:
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_free (sql);
  sql = NULL;
  sqlite3_close (db);
  return ok;
}

static gboolean
write_gpkg_area (SteadImportContext  *context,
                 guint64              index,
                 SteadGeometry       *geometry,
                 const char          *code,
                 const char          *name,
                 gpointer             user_data,
                 GError             **error)
{
  return area_writer_write (user_data, context, geometry, code, name, NULL, error);
}

static gboolean
run_gpkg_areas (SteadImporter       *importer,
                SteadImportContext  *context,
                GError             **error)
{
  g_autofree char *source = g_file_get_basename (stead_import_context_get_file (context));
  AreaWriter w = { 0 };
  gboolean ok;

  ok = area_writer_init (&w, context, source, error) &&
       stead_gpkg_read_areas (context, write_gpkg_area, &w, error);
  area_writer_clear (&w);
  return ok;
}

static const char * const gpkg_extensions[] = { "gpkg", NULL };

const SteadCoreImportFormat stead_import_gpkg_areas = {
  "gpkg-areas", N_("Boundaries and areas (GeoPackage layer)"), gpkg_extensions,
  NULL, 0, run_gpkg_areas,
};

/* ------------------------------------------------------------------------ */
/* CAP 1.2                                                                   */

#define CAP_NS "urn:oasis:names:tc:emergency:cap:1.2"

static xmlNode *
cap_child (xmlNode    *parent,
           const char *name)
{
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE && xmlStrcmp (n->name, (const xmlChar *) name) == 0)
      return n;
  return NULL;
}

static char *
cap_text (xmlNode    *parent,
          const char *name)
{
  xmlNode *node = cap_child (parent, name);
  xmlChar *content;
  char *text;

  if (node == NULL)
    return NULL;
  content = xmlNodeGetContent (node);
  text = g_strstrip (g_strdup ((const char *) content));
  xmlFree (content);
  if (text[0] == '\0' || !g_utf8_validate (text, -1, NULL))
    {
      g_free (text);
      return NULL;
    }
  return text;
}

/* "lat,lon lat,lon …", closed, at least four pairs. */
static SteadGeometry *
cap_polygon (const char  *text,
             char       **reason)
{
  g_auto(GStrv) pairs = g_strsplit_set (text, " \t\r\n", -1);
  g_autoptr(GArray) ring = g_array_new (FALSE, FALSE, sizeof (SteadCoord));

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) ll = NULL;
      SteadCoord c;

      if (pairs[i][0] == '\0')
        continue;
      ll = g_strsplit (pairs[i], ",", -1);
      if (g_strv_length (ll) != 2 || !stead_import_parse_double (ll[0], &c.y) ||
          !stead_import_parse_double (ll[1], &c.x))
        {
          *reason = g_strdup_printf (_("“%s” in a polygon is not “latitude,longitude”"), pairs[i]);
          return NULL;
        }
      g_array_append_val (ring, c);
    }
  if (!check_ring (ring, NULL, reason))
    return NULL;
  return stead_geometry_new_polygon ((SteadCoord *) (gpointer) ring->data, ring->len);
}

/* "lat,lon radius-km": a 36-sided polygon. */
static SteadGeometry *
cap_circle (const char  *text,
            char       **reason)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_auto(GStrv) split = g_strsplit_set (copy, " \t\r\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) ll = NULL;
  SteadCoord ring[37];
  double lat, lon, radius;

  for (guint i = 0; split[i] != NULL; i++)
    if (split[i][0] != '\0')
      g_strv_builder_add (builder, split[i]);
  parts = g_strv_builder_end (builder);
  if (g_strv_length (parts) != 2 || (ll = g_strsplit (parts[0], ",", -1)) == NULL || g_strv_length (ll) != 2 ||
      !stead_import_parse_double (ll[0], &lat) || !stead_import_parse_double (ll[1], &lon) ||
      !stead_import_parse_double (parts[1], &radius) || radius <= 0 || radius > 2000 || !position_ok (lon, lat))
    {
      *reason = g_strdup_printf (_("circle “%s” is not “latitude,longitude radius-in-km”"), text);
      return NULL;
    }
  for (guint i = 0; i < 36; i++)
    {
      double a = 2 * G_PI * i / 36;
      double dlat = radius / 111.32 * sin (a);
      double dlon = radius / (111.32 * cos (lat * G_PI / 180)) * cos (a);

      ring[i].x = CLAMP (lon + dlon, -180, 180);
      ring[i].y = CLAMP (lat + dlat, -90, 90);
    }
  ring[36] = ring[0];
  return stead_geometry_new_polygon (ring, 37);
}

static gboolean
cap_enum (const char         *value,
          const char * const *allowed)
{
  return value != NULL && g_strv_contains (allowed, value);
}

static const char * const cap_severity[] = { "Extreme", "Severe", "Moderate", "Minor", "Unknown", NULL };
static const char * const cap_urgency[] = { "Immediate", "Expected", "Future", "Past", "Unknown", NULL };
static const char * const cap_certainty[] = { "Observed", "Likely", "Possible", "Unlikely", "Unknown", NULL };
static const char * const cap_status[] = { "Actual", "Exercise", "System", "Test", "Draft", NULL };
static const char * const cap_msg_type[] = { "Alert", "Update", "Cancel", "Ack", "Error", NULL };

static char *
cap_datetime (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (text == NULL)
    return NULL;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return NULL;
  utc = g_date_time_to_utc (dt);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * stead_cap_parse:
 * @data: the XML
 * @length: its size
 * @alert: (out): the parsed alert
 * @error: a #GError
 *
 * Parses and checks a CAP 1.2 alert: the required elements, the values
 * of the enumerations, the polygons and circles.
 *
 * Returns: %TRUE if it is a valid alert
 */
gboolean
stead_cap_parse (const char     *data,
                 gsize           length,
                 SteadCapAlert  *alert,
                 GError        **error)
{
  xmlDoc *doc;
  xmlNode *root;
  gboolean ok = FALSE;
  guint n_info = 0;

  memset (alert, 0, sizeof *alert);
  alert->areas = g_ptr_array_new_with_free_func ((GDestroyNotify) stead_cap_area_free);

  if (length > G_MAXINT)
    {
      g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0, _("The alert is too large"));
      return FALSE;
    }
  /* No network, no external entities, no entity expansion. */
  doc = xmlReadMemory (data, (int) length, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      const xmlError *e = xmlGetLastError ();

      g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0, _("This is not well-formed XML (line %d: %s)"),
                   e ? e->line : 0, e && e->message ? g_strstrip (e->message) : "");
      return FALSE;
    }
  root = xmlDocGetRootElement (doc);
  if (root == NULL || xmlStrcmp (root->name, (const xmlChar *) "alert") != 0 ||
      root->ns == NULL || xmlStrcmp (root->ns->href, (const xmlChar *) CAP_NS) != 0)
    {
      g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0,
                   _("This is not a CAP 1.2 alert: the root element is not <alert> in the namespace %s"), CAP_NS);
      goto out;
    }

  alert->identifier = cap_text (root, "identifier");
  alert->sender = cap_text (root, "sender");
  {
    g_autofree char *sent = cap_text (root, "sent");

    alert->sent = cap_datetime (sent);
  }
  {
    g_autofree char *status = cap_text (root, "status");
    g_autofree char *msg_type = cap_text (root, "msgType");

    if (alert->identifier == NULL || alert->sender == NULL || alert->sent == NULL)
      {
        g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0,
                     _("The alert lacks %s, which CAP 1.2 requires"),
                     alert->identifier == NULL ? "<identifier>" : alert->sender == NULL ? "<sender>" : "<sent> (a date and time)");
        goto out;
      }
    if (!cap_enum (status, cap_status) || !cap_enum (msg_type, cap_msg_type))
      {
        g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0,
                     _("The alert’s %s is missing or not a CAP 1.2 value"),
                     !cap_enum (status, cap_status) ? "<status>" : "<msgType>");
        goto out;
      }
    alert->status = g_steal_pointer (&status);
    alert->msg_type = g_steal_pointer (&msg_type);
    alert->references = cap_text (root, "references");
  }

  for (xmlNode *info = root->children; info != NULL; info = info->next)
    {
      g_autofree char *event = NULL;
      g_autofree char *severity = NULL;
      g_autofree char *urgency = NULL;
      g_autofree char *certainty = NULL;
      g_autofree char *onset_text = NULL;
      g_autofree char *expires_text = NULL;
      g_autofree char *onset = NULL;
      g_autofree char *expires = NULL;
      guint n_area = 0;

      if (info->type != XML_ELEMENT_NODE || xmlStrcmp (info->name, (const xmlChar *) "info") != 0)
        continue;
      n_info++;
      event = cap_text (info, "event");
      severity = cap_text (info, "severity");
      urgency = cap_text (info, "urgency");
      certainty = cap_text (info, "certainty");
      if (event == NULL || !cap_enum (severity, cap_severity) || !cap_enum (urgency, cap_urgency) ||
          !cap_enum (certainty, cap_certainty))
        {
          g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0,
                       _("<info> %u: %s is missing or not a CAP 1.2 value"), n_info,
                       event == NULL ? "<event>" : !cap_enum (severity, cap_severity) ? "<severity>" :
                       !cap_enum (urgency, cap_urgency) ? "<urgency>" : "<certainty>");
          goto out;
        }
      onset_text = cap_text (info, "onset");
      expires_text = cap_text (info, "expires");
      onset = cap_datetime (onset_text);
      expires = cap_datetime (expires_text);
      if ((onset_text != NULL && onset == NULL) || (expires_text != NULL && expires == NULL))
        {
          g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0, _("<info> %u: %s is not a date and time"), n_info,
                       onset == NULL && onset_text != NULL ? "<onset>" : "<expires>");
          goto out;
        }

      for (xmlNode *area = info->children; area != NULL; area = area->next)
        {
          SteadCapArea *a;

          if (area->type != XML_ELEMENT_NODE || xmlStrcmp (area->name, (const xmlChar *) "area") != 0)
            continue;
          n_area++;
          a = g_new0 (SteadCapArea, 1);
          a->event = g_strdup (event);
          a->severity = g_strdup (severity);
          a->urgency = g_strdup (urgency);
          a->certainty = g_strdup (certainty);
          a->onset = g_strdup (onset);
          a->expires = g_strdup (expires);
          a->headline = cap_text (info, "headline");
          a->description = cap_text (info, "description");
          a->instruction = cap_text (info, "instruction");
          a->area_desc = cap_text (area, "areaDesc");
          a->geometry = stead_geometry_new_multipolygon ();
          g_ptr_array_add (alert->areas, a);

          if (a->area_desc == NULL)
            {
              a->reason = g_strdup_printf (_("<info> %u, <area> %u has no <areaDesc>"), n_info, n_area);
              continue;
            }
          for (xmlNode *shape = area->children; shape != NULL && a->reason == NULL; shape = shape->next)
            {
              g_autoptr(SteadGeometry) polygon = NULL;
              g_autofree char *reason = NULL;
              xmlChar *content;

              if (shape->type != XML_ELEMENT_NODE)
                continue;
              if (xmlStrcmp (shape->name, (const xmlChar *) "polygon") != 0 &&
                  xmlStrcmp (shape->name, (const xmlChar *) "circle") != 0)
                continue;
              content = xmlNodeGetContent (shape);
              if (xmlStrcmp (shape->name, (const xmlChar *) "polygon") == 0)
                polygon = cap_polygon ((const char *) content, &reason);
              else
                polygon = cap_circle ((const char *) content, &reason);
              xmlFree (content);
              if (polygon == NULL)
                a->reason = g_strdup_printf (_("area “%s”: %s"), a->area_desc, reason);
              else
                stead_geometry_add_polygon (a->geometry, polygon);
            }
          if (a->reason == NULL && stead_geometry_get_n_polygons (a->geometry) == 0)
            a->reason = g_strdup_printf (_("area “%s” has no <polygon> or <circle> (geocodes alone cannot be mapped)"),
                                         a->area_desc);
        }
    }

  if (n_info == 0 && g_strcmp0 (alert->msg_type, "Cancel") != 0)
    {
      g_set_error (error, STEAD_GEO_FORMAT_ERROR, 0, _("The alert has no <info>, so no hazard to map"));
      goto out;
    }
  ok = TRUE;

out:
  xmlFreeDoc (doc);
  if (!ok)
    stead_cap_alert_clear (alert);
  return ok;
}

void
stead_cap_area_free (SteadCapArea *area)
{
  g_free (area->event);
  g_free (area->severity);
  g_free (area->urgency);
  g_free (area->certainty);
  g_free (area->onset);
  g_free (area->expires);
  g_free (area->headline);
  g_free (area->description);
  g_free (area->instruction);
  g_free (area->area_desc);
  g_free (area->reason);
  g_clear_pointer (&area->geometry, stead_geometry_unref);
  g_free (area);
}

void
stead_cap_alert_clear (SteadCapAlert *alert)
{
  g_clear_pointer (&alert->identifier, g_free);
  g_clear_pointer (&alert->sender, g_free);
  g_clear_pointer (&alert->sent, g_free);
  g_clear_pointer (&alert->status, g_free);
  g_clear_pointer (&alert->msg_type, g_free);
  g_clear_pointer (&alert->references, g_free);
  g_clear_pointer (&alert->areas, g_ptr_array_unref);
}

/* Removes the areas of earlier alerts that @references ("sender,identifier,sent …") names. */
static gboolean
cap_cancel_references (SteadTransaction  *txn,
                       SteadImportContext *context,
                       const char        *references,
                       GError           **error)
{
  g_auto(GStrv) refs = g_strsplit_set (references ? references : "", " \t\r\n", -1);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = stead_transaction_prepare (txn,
                                    "DELETE FROM area WHERE fid IN "
                                    "(SELECT area FROM alert WHERE sender = ? AND identifier = ?)",
                                    error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; refs[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (refs[i], ",", 3);

      if (g_strv_length (parts) < 2)
        continue;
      sqlite3_bind_text (stmt, 1, parts[0], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, parts[1], -1, SQLITE_STATIC);
      if (!stead_transaction_step (txn, stmt, error))
        return FALSE;
      stead_import_context_updated (context,
                                    sqlite3_changes (stead_workspace_get_db (stead_transaction_get_workspace (txn))));
    }
  return TRUE;
}

static gboolean
run_cap (SteadImporter       *importer,
         SteadImportContext  *context,
         GError             **error)
{
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  g_autofree char *data = NULL;
  g_autofree char *source = g_file_get_basename (stead_import_context_get_file (context));
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) remove = NULL;
  SteadCapAlert alert;
  gsize length;
  AreaWriter w = { 0 };
  gboolean ok = FALSE;

  if (!g_file_load_contents (stead_import_context_get_file (context), stead_import_context_get_cancellable (context),
                             &data, &length, NULL, error))
    return FALSE;
  if (!stead_cap_parse (data, length, &alert, error))
    {
      g_prefix_error (error, "%s: ", source);
      return FALSE;
    }

  if (g_str_equal (alert.msg_type, "Cancel") || g_str_equal (alert.msg_type, "Update"))
    if (!cap_cancel_references (txn, context, alert.references, error))
      goto out;
  if (g_str_equal (alert.msg_type, "Cancel"))
    {
      ok = TRUE;
      goto out;
    }

  if (!area_writer_init (&w, context, source, error))
    goto out;
  w.kind = "hazard";
  w.no_count = TRUE;

  find = stead_transaction_prepare (txn,
                                    "SELECT area FROM alert WHERE sender = ? AND identifier = ? AND area_desc = ?",
                                    error);
  remove = stead_transaction_prepare (txn, "DELETE FROM area WHERE fid = ?", error);
  insert = stead_transaction_prepare (txn,
                                      "INSERT INTO alert (area, identifier, sender, sent, status, msg_type, event, "
                                      "severity, urgency, certainty, onset, expires, headline, description, "
                                      "instruction, area_desc) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                      error);
  if (find == NULL || remove == NULL || insert == NULL)
    goto out;

  ok = TRUE;
  for (guint i = 0; ok && i < alert.areas->len; i++)
    {
      SteadCapArea *a = g_ptr_array_index (alert.areas, i);
      g_autofree char *name = NULL;
      gint64 fid, old = 0;

      if (a->reason != NULL)
        {
          stead_import_context_reject (context, 0, i + 1, NULL, 0, "%s", a->reason);
          continue;
        }

      /* The same alert imported again replaces its area. */
      sqlite3_bind_text (find, 1, alert.sender, -1, SQLITE_STATIC);
      sqlite3_bind_text (find, 2, alert.identifier, -1, SQLITE_STATIC);
      sqlite3_bind_text (find, 3, a->area_desc, -1, SQLITE_STATIC);
      if (sqlite3_step (find) == SQLITE_ROW)
        old = sqlite3_column_int64 (find, 0);
      sqlite3_reset (find);
      if (old != 0)
        {
          sqlite3_bind_int64 (remove, 1, old);
          if (!stead_transaction_step (txn, remove, error))
            {
              ok = FALSE;
              break;
            }
        }

      name = g_strdup_printf ("%s: %s", a->event, a->area_desc);
      if (!area_writer_write (&w, context, a->geometry, NULL, name, &fid, error))
        {
          ok = FALSE;
          break;
        }
      if (old != 0)
        stead_import_context_updated_named (context, name);
      else
        stead_import_context_added_named (context, name);

      sqlite3_bind_int64 (insert, 1, fid);
      sqlite3_bind_text (insert, 2, alert.identifier, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, alert.sender, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, alert.sent, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 5, alert.status, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 6, alert.msg_type, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 7, a->event, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 8, a->severity, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 9, a->urgency, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 10, a->certainty, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 11, a->onset, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 12, a->expires, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 13, a->headline, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 14, a->description, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 15, a->instruction, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 16, a->area_desc, -1, SQLITE_STATIC);
      ok = stead_transaction_step (txn, insert, error);
      sqlite3_clear_bindings (insert);
    }

out:
  area_writer_clear (&w);
  stead_cap_alert_clear (&alert);
  return ok;
}

static const char * const cap_extensions[] = { "cap", "xml", NULL };

const SteadCoreImportFormat stead_import_cap = {
  "cap", N_("Warnings (CAP 1.2 alert)"), cap_extensions,
  NULL, 0, run_cap,
};

/* ------------------------------------------------------------------------ */
/* Areas as GeoJSON                                                          */

static void
append_ring (GString          *out,
             const SteadCoord *ring,
             gsize             n)
{
  char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (out, '[');
  for (gsize i = 0; i < n; i++)
    g_string_append_printf (out, "%s[%s,%s]", i ? "," : "",
                            g_ascii_formatd (x, sizeof x, "%.7f", ring[i].x),
                            g_ascii_formatd (y, sizeof y, "%.7f", ring[i].y));
  g_string_append_c (out, ']');
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *json = NULL;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  json_node_set_string (node, text);
  json = json_to_string (node, FALSE);
  g_string_append (out, json);
}

static gboolean
export_areas (SteadExporter            *exporter,
              SteadWorkspace           *workspace,
              GOutputStream            *stream,
              const SteadExportOptions *options,
              GCancellable             *cancellable,
              GError                  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) out = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[\n");
  const char *kind = options->options ? g_hash_table_lookup (options->options, "kind") : NULL;
  gboolean first = TRUE;

  stmt = stead_workspace_prepare (workspace,
                                  "SELECT geom, kind, code, name FROM area WHERE geom IS NOT NULL "
                                  "AND (?1 IS NULL OR kind = ?1) ORDER BY fid",
                                  error);
  if (stmt == NULL)
    return FALSE;
  if (kind != NULL)
    sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(SteadGeometry) geometry = NULL;
      guint n_polygons;

      geometry = stead_geometry_new_from_gpkg (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), NULL, NULL);
      if (geometry == NULL || stead_geometry_is_empty (geometry))
        continue;

      g_string_append (out, first ? "" : ",\n");
      first = FALSE;
      g_string_append (out, "{\"type\":\"Feature\",\"properties\":{\"kind\":");
      append_json_string (out, (const char *) sqlite3_column_text (stmt, 1));
      g_string_append (out, ",\"code\":");
      append_json_string (out, (const char *) sqlite3_column_text (stmt, 2));
      g_string_append (out, ",\"name\":");
      append_json_string (out, (const char *) sqlite3_column_text (stmt, 3));
      g_string_append (out, "},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[");

      n_polygons = stead_geometry_get_geometry_type (geometry) == STEAD_GEOMETRY_POLYGON
                   ? 1 : stead_geometry_get_n_polygons (geometry);
      for (guint p = 0; p < n_polygons; p++)
        {
          g_string_append (out, p ? ",[" : "[");
          for (guint r = 0; r < stead_geometry_get_n_rings (geometry, p); r++)
            {
              gsize n;
              const SteadCoord *ring = stead_geometry_get_ring (geometry, p, r, &n);

              if (r > 0)
                g_string_append_c (out, ',');
              append_ring (out, ring, n);
            }
          g_string_append_c (out, ']');
        }
      g_string_append (out, "]}}");

      if (out->len > 1 << 16)
        {
          if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
            return FALSE;
          g_string_truncate (out, 0);
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  g_string_append (out, "\n]}\n");
  return g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error);
}

const SteadCoreExportFormat stead_export_areas_geojson = {
  "areas-geojson", N_("Areas (GeoJSON)"), geojson_extensions, export_areas,
};
