/* stead-import-gpkg.c: polygons from a layer of a partner's GeoPackage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "stead-compat.h"
#include "stead-import-geo-private.h"

static SteadGeometry *
stead_import_gpkg_convert_geometry (SteadGeometry  *in,
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
          if (!stead_geo_check_ring (ring, proj, reason))
            return NULL;
          if (r == 0)
            polygon = stead_geometry_new_polygon ((SteadCoord *) (gpointer) ring->data, ring->len);
          else
            stead_geometry_add_interior_ring (polygon, (SteadCoord *) (gpointer) ring->data,
                                              ring->len);
        }
      if (polygon != NULL)
        stead_geometry_add_polygon (multi, polygon);
    }
  return g_steal_pointer (&multi);
}

static gboolean
stead_import_gpkg_fail (sqlite3     *db,
                        const char  *what,
                        GError     **error)
{
  g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT, "%s: %s", what,
               sqlite3_errmsg (db));
  return FALSE;
}

/* The polygon layer to read: the only one, or the one --option layer
 * names. Sets its table, geometry column and coordinate system. */
static gboolean
stead_import_gpkg_choose_layer (sqlite3     *db,
                                const char  *source,
                                const char  *wanted,
                                char       **table,
                                char       **geom_column,
                                gint64      *srs_id,
                                GError     **error)
{
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "SELECT table_name, column_name, srs_id FROM gpkg_geometry_columns "
                          "WHERE upper(geometry_type_name) IN ('POLYGON', 'MULTIPOLYGON', "
                          "'GEOMETRY', "
                          "'MULTISURFACE', 'SURFACE', 'CURVEPOLYGON') ORDER BY table_name",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   _("%s is not a GeoPackage with feature tables (%s)"), source,
                   sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      g_ptr_array_add (layers, g_strdup (name));
      if ((wanted == NULL && *table == NULL) || (wanted != NULL && g_str_equal (wanted, name)))
        {
          stead_set_str (table, name);
          stead_set_str (geom_column, (const char *) sqlite3_column_text (stmt, 1));
          *srs_id = sqlite3_column_int64 (stmt, 2);
        }
    }
  sqlite3_finalize (stmt);
  g_ptr_array_add (layers, NULL);

  if (layers->len == 1)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   _("%s has no polygon layers"), source);
      return FALSE;
    }
  if (wanted != NULL && *table == NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) layers->pdata);

      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION,
                   _("%s has no polygon layer “%s”; it has %s"), source, wanted, list);
      return FALSE;
    }
  if (wanted == NULL && layers->len > 2)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) layers->pdata);

      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION,
                   _("%s has several polygon layers (%s); choose one as the “Layer”"),
                   source, list);
      return FALSE;
    }
  return TRUE;
}

/* The conversion from the layer's coordinate system, or NULL for WGS84. */
static gboolean
stead_import_gpkg_layer_proj (sqlite3     *db,
                              const char  *table,
                              gint64       srs_id,
                              SteadProj  **proj,
                              GError     **error)
{
  g_autofree char *crs = NULL;
  sqlite3_stmt *stmt = NULL;

  *proj = NULL;
  if (srs_id == 4326)
    return TRUE;
  if (sqlite3_prepare_v2 (db,
                          "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys "
                          "WHERE srs_id = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return stead_import_gpkg_fail (db, _("Cannot read the GeoPackage’s coordinate systems"),
                                     error);
    }
  sqlite3_bind_int64 (stmt, 1, srs_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    crs = g_strdup_printf ("%s:%lld", (const char *) sqlite3_column_text (stmt, 0),
                           (long long) sqlite3_column_int64 (stmt, 1));
  sqlite3_finalize (stmt);
  if (crs == NULL)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   _("Layer %s uses coordinate system %lld, which the GeoPackage does not define"),
                   table, (long long) srs_id);
      return FALSE;
    }
  if (g_ascii_strcasecmp (crs, "EPSG:4326") == 0)
    return TRUE;
  *proj = stead_proj_new (crs, error);
  return *proj != NULL;
}

/* Reads one row of the layer as a feature; FALSE if it was rejected. */
static gboolean
stead_import_gpkg_read_row (SteadFeature   *feature,
                            SteadProj      *proj,
                            gboolean        has_name,
                            SteadGeometry **geometry)
{
  sqlite3_stmt *stmt = feature->row;
  g_autoptr(SteadGeometry) in = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *reason = NULL;
  long long index = feature->index;

  if (sqlite3_column_type (stmt, 0) != SQLITE_BLOB)
    {
      stead_feature_reject (feature, _("feature %lld has no geometry"), index);
      return FALSE;
    }
  in = stead_geometry_new_from_gpkg (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0),
                                     NULL, &local_error);
  if (in == NULL)
    {
      stead_feature_reject (feature, _("feature %lld: %s"), index, local_error->message);
      return FALSE;
    }
  *geometry = stead_import_gpkg_convert_geometry (in, proj, &reason);
  if (*geometry == NULL)
    {
      stead_feature_reject (feature, _("feature %lld: %s"), index, reason);
      return FALSE;
    }
  if (has_name && feature->name == NULL)
    {
      stead_feature_reject (feature, _("feature %lld has no name"), index);
      return FALSE;
    }
  return TRUE;
}

/* Reads the polygon layer of a GeoPackage (the only one, or the one named
 * by the "layer" option) read-only, converting it from its coordinate
 * system. Without a name column, features are named by layer and number. */
gboolean
stead_gpkg_foreach_feature (SteadImportContext  *context,
                            SteadFeatureFunc     func,
                            gpointer             user_data,
                            GError             **error)
{
  g_autofree char *path = g_file_get_path (stead_import_context_get_file (context));
  g_autofree char *source = g_file_get_basename (stead_import_context_get_file (context));
  g_autofree char *uri = NULL;
  g_autofree char *table = NULL;
  g_autofree char *geom_column = NULL;
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SteadProj) proj = NULL;
  const char *wanted_name = stead_import_context_get_option (context, "name");
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
  /* Read-only: never touch the partner's file. */
  uri = g_strdup_printf ("file:%s?mode=ro", path);
  if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
    {
      stead_import_gpkg_fail (db, _("Cannot open the GeoPackage"), error);
      goto out;
    }
  if (!stead_import_gpkg_choose_layer (db, source,
                                       stead_import_context_get_option (context, "layer"), &table,
                                       &geom_column, &srs_id, error) ||
      !stead_import_gpkg_layer_proj (db, table, srs_id, &proj, error))
    goto out;

  /* Column names come from the file: quote them, and use only those that
   * the table really has. */
  if (sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info(?)", -1, &stmt, NULL) !=
      SQLITE_OK)
    {
      stead_import_gpkg_fail (db, _("Cannot read the layer"), error);
      goto out;
    }
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_ptr_array_add (columns, NULL);
  g_clear_pointer (&stmt, sqlite3_finalize);

  code_col = stead_geo_pick_property ((const char * const *) columns->pdata,
                                      stead_import_context_get_option (context, "code"), TRUE);
  name_col = stead_geo_pick_property ((const char * const *) columns->pdata, wanted_name, FALSE);
  if (name_col == NULL && wanted_name != NULL)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION,
                   _("Layer %s has no column “%s”"), table, wanted_name);
      goto out;
    }

  {
    char *count = sqlite3_mprintf ("SELECT count(*) FROM \"%w\"", table);

    if (sqlite3_prepare_v2 (db, count, -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step (stmt) == SQLITE_ROW)
      total = sqlite3_column_int64 (stmt, 0);
    g_clear_pointer (&stmt, sqlite3_finalize);
    sqlite3_free (count);
  }

  /* geometry, name, code, then every column for stead_feature_dup_property(). */
  {
    char *name_expr =
      name_col != NULL ? sqlite3_mprintf ("\"%w\"", name_col) : sqlite3_mprintf ("NULL");
    char *code_expr =
      code_col != NULL ? sqlite3_mprintf ("\"%w\"", code_col) : sqlite3_mprintf ("NULL");
    char *select = sqlite3_mprintf ("SELECT \"%w\", %s, %s, * FROM \"%w\"", geom_column, name_expr,
                                    code_expr, table);
    int rc = sqlite3_prepare_v2 (db, select, -1, &stmt, NULL);

    sqlite3_free (name_expr);
    sqlite3_free (code_expr);
    sqlite3_free (select);
    if (rc != SQLITE_OK)
      {
        stead_import_gpkg_fail (db, _("Cannot read the layer"), error);
        goto out;
      }
  }

  ok = TRUE;
  for (int rc; ok && (rc = sqlite3_step (stmt)) != SQLITE_DONE;)
    {
      g_autoptr(SteadGeometry) geometry = NULL;
      g_autofree char *fallback = NULL;
      SteadFeature feature = { context, ++index };
      const char *name, *code;

      if (rc != SQLITE_ROW)
        {
          ok = stead_import_gpkg_fail (db, _("Cannot read the layer"), error);
          break;
        }
      if (!stead_import_context_check_cancelled (context, error))
        {
          ok = FALSE;
          break;
        }
      stead_import_context_progress (context, index, total);

      name = (const char *) sqlite3_column_text (stmt, 1);
      code = (const char *) sqlite3_column_text (stmt, 2);
      feature.row = stmt;
      feature.columns = (const char * const *) columns->pdata;
      feature.name = name != NULL && name[0] != '\0' ? name : NULL;
      feature.code = code != NULL && code[0] != '\0' ? code : NULL;
      if (!stead_import_gpkg_read_row (&feature, proj, name_col != NULL, &geometry))
        continue;
      if (name_col == NULL)
        feature.name = fallback = g_strdup_printf ("%s %lld", table, (long long) index);
      feature.geometry = geometry;
      ok = func (&feature, user_data, error);
    }

out:
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
  return ok;
}

char *
stead_gpkg_dup_property (SteadFeature *feature,
                         const char   *name)
{
  for (guint i = 0; feature->columns != NULL && feature->columns[i] != NULL; i++)
    if (g_ascii_strcasecmp (feature->columns[i], name) == 0)
      {
        const char *text = (const char *) sqlite3_column_text (feature->row, 3 + i);

        return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
      }
  return NULL;
}
