/* stead-import-areas.c: boundaries in and out of `area`
 *
 * Boundaries become `area` rows with their codes and names (a ward, an
 * LSOA, the partnership boundary), from GeoJSON or a GeoPackage layer.
 * Needs and resources inside any area are listed by the need_area and
 * resource_area views.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-import-formats-private.h"
#include "stead-import-geo-private.h"
#include "stead-output.h"
#include "stead-workspace.h"

/* ------------------------------------------------------------------------ */
/* Writing areas                                                             */

void
stead_area_writer_init (SteadAreaWriter    *writer,
                        SteadImportContext *context,
                        const char         *kind,
                        const char         *source)
{
  writer->txn = stead_import_context_get_transaction (context);
  writer->kind = kind;
  writer->source = source;
  writer->no_count = FALSE;
}

/* Adds the area, or updates the one of the same kind and code; @extra
 * (JSON, nullable) is merged into what the area kept from earlier files. */
static gboolean
stead_import_areas_write_full (SteadAreaWriter     *writer,
                               SteadImportContext  *context,
                               SteadGeometry       *geometry,
                               const char          *code,
                               const char          *name,
                               const char          *extra,
                               gint64              *fid_out,
                               GError             **error)
{
  gint64 fid = 0;

  if (code != NULL && !stead_transaction_query_int64 (
                        writer->txn, "SELECT fid FROM area WHERE kind = ? AND code = ?",
                        STEAD_ARGS (STEAD_STRING (writer->kind), STEAD_STRING (code)), &fid))
    fid = 0;

  if (fid != 0)
    {
      if (stead_transaction_run (writer->txn,
                                 "UPDATE area SET geom = ?1, name = ?2, source = ?3, "
                                 "extra = CASE WHEN ?5 IS NULL THEN extra "
                                 "ELSE json_patch (coalesce (extra, '{}'), ?5) END WHERE fid = ?4",
                                 STEAD_ARGS (STEAD_GEOMETRY (geometry), STEAD_STRING (name),
                                             STEAD_STRING (writer->source), STEAD_INT (fid),
                                             STEAD_STRING (extra)),
                                 error) < 0)
        return FALSE;
      if (!writer->no_count)
        stead_import_context_updated_named (context, name);
    }
  else
    {
      fid = stead_transaction_run (
        writer->txn,
        "INSERT INTO area (geom, kind, code, name, source, extra) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        STEAD_ARGS (STEAD_GEOMETRY (geometry), STEAD_STRING (writer->kind), STEAD_STRING (code),
                    STEAD_STRING (name), STEAD_STRING (writer->source), STEAD_STRING (extra)),
        error);
      if (fid < 0)
        return FALSE;
      if (!writer->no_count)
        stead_import_context_added_named (context, name);
    }
  if (fid_out != NULL)
    *fid_out = fid;
  return TRUE;
}

/* Adds the area, or updates the one of the same kind and code. */
gboolean
stead_area_writer_write (SteadAreaWriter     *writer,
                         SteadImportContext  *context,
                         SteadGeometry       *geometry,
                         const char          *code,
                         const char          *name,
                         gint64              *fid_out,
                         GError             **error)
{
  return stead_import_areas_write_full (writer, context, geometry, code, name, NULL, fid_out,
                                        error);
}

/* ------------------------------------------------------------------------ */
/* Boundaries from GeoJSON and GeoPackage                                    */

static gboolean
stead_import_areas_write (SteadFeature  *feature,
                          gpointer       user_data,
                          GError       **error)
{
  const char *name = stead_feature_get_name (feature);
  g_autofree char *extra = NULL;

  if (name == NULL)
    {
      stead_feature_reject (
        feature, _("feature %llu has no name (choose the “Name property” that holds it)"),
        (unsigned long long) stead_feature_get_index (feature));
      return TRUE;
    }
  extra = stead_feature_dup_extra (feature);
  return stead_import_areas_write_full (user_data, stead_feature_get_context (feature),
                                        stead_feature_get_geometry (feature),
                                        stead_feature_get_code (feature), name, extra, NULL,
                                        error);
}

static gboolean
stead_import_areas_run (SteadImportContext  *context,
                        GError             **error)
{
  g_autofree char *source = g_file_get_basename (stead_import_context_get_file (context));
  const char *kind = stead_import_context_get_option (context, "kind");
  SteadAreaWriter writer;

  stead_area_writer_init (&writer, context, kind != NULL ? kind : "boundary", source);
  return stead_import_context_foreach_feature (context, stead_import_areas_write, &writer, error);
}

#define STEAD_AREA_KIND_OPTION                                                                     \
  {                                                                                                \
    "kind", N_("What the areas are: boundary (the default), hazard, …"), N_("Kind of area")       \
  }

static const SteadFormatOption stead_import_areas_geojson_options[] = {
  STEAD_GEOJSON_OPTIONS,
  STEAD_AREA_KIND_OPTION,
  { NULL }
};

static const SteadFormatOption stead_import_areas_gpkg_options[] = {
  STEAD_GPKG_OPTIONS,
  STEAD_AREA_KIND_OPTION,
  { NULL }
};

const SteadImportFormat stead_import_geojson_areas = {
  .id = "geojson-areas",
  .title = N_("Boundaries and areas (GeoJSON)"),
  .extensions = STEAD_EXTENSIONS ("geojson", "json"),
  .options = stead_import_areas_geojson_options,
  .run = stead_import_areas_run,
  .detect = stead_import_detect_geojson,
};

const SteadImportFormat stead_import_gpkg_areas = {
  .id = "gpkg-areas",
  .title = N_("Boundaries and areas (GeoPackage layer)"),
  .extensions = STEAD_EXTENSIONS ("gpkg"),
  .options = stead_import_areas_gpkg_options,
  .run = stead_import_areas_run,
  .detect = stead_import_detect_gpkg,
};

/* ------------------------------------------------------------------------ */
/* Areas as GeoJSON                                                          */

static void
stead_import_areas_append_ring (GString          *out,
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
stead_import_areas_append_string (GString    *out,
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

/* The extra attributes an area was imported with, back as properties
 * (but for any named as kind, code and name are). */
static void
stead_import_areas_append_extra (GString    *out,
                                 const char *extra)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *object;
  GList *members;

  if (extra == NULL)
    return;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, extra, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);

      if (g_str_equal (l->data, "kind") || g_str_equal (l->data, "code") ||
          g_str_equal (l->data, "name") || !JSON_NODE_HOLDS_VALUE (value) ||
          json_node_get_value_type (value) != G_TYPE_STRING)
        continue;
      g_string_append_c (out, ',');
      stead_import_areas_append_string (out, l->data);
      g_string_append_c (out, ':');
      stead_import_areas_append_string (out, json_node_get_string (value));
    }
  g_list_free (members);
}

static gboolean
stead_import_areas_export (SteadWorkspace            *workspace,
                           GOutputStream             *stream,
                           const SteadExportOptions  *options,
                           GCancellable              *cancellable,
                           GError                   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) out = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[\n");
  const char *kind = options->options ? g_hash_table_lookup (options->options, "kind") : NULL;
  gboolean first = TRUE;
  SteadRows rows;

  stmt = stead_workspace_prepare (workspace,
                                  "SELECT geom, kind, code, name, extra FROM area "
                                  "WHERE geom IS NOT NULL "
                                  "AND (?1 IS NULL OR kind = ?1) ORDER BY fid",
                                  error);
  if (stmt == NULL)
    return FALSE;
  if (kind != NULL)
    sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);

  rows = (SteadRows) STEAD_ROWS_INIT (stmt, "area");
  while (stead_rows_next (&rows))
    {
      g_autoptr(SteadGeometry) geometry = NULL;
      guint n_polygons;

      geometry = stead_geometry_new_from_gpkg (sqlite3_column_blob (stmt, 0),
                                               sqlite3_column_bytes (stmt, 0), NULL, NULL);
      if (geometry == NULL || stead_geometry_is_empty (geometry))
        continue;

      g_string_append (out, first ? "" : ",\n");
      first = FALSE;
      g_string_append (out, "{\"type\":\"Feature\",\"properties\":{\"kind\":");
      stead_import_areas_append_string (out, (const char *) sqlite3_column_text (stmt, 1));
      g_string_append (out, ",\"code\":");
      stead_import_areas_append_string (out, (const char *) sqlite3_column_text (stmt, 2));
      g_string_append (out, ",\"name\":");
      stead_import_areas_append_string (out, (const char *) sqlite3_column_text (stmt, 3));
      stead_import_areas_append_extra (out, (const char *) sqlite3_column_text (stmt, 4));
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
              stead_import_areas_append_ring (out, ring, n);
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
  if (!stead_rows_end (&rows, error))
    return FALSE;
  g_string_append (out, "\n]}\n");
  return g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error);
}

static const SteadFormatOption stead_import_areas_export_options[] = {
  { "kind", N_("Only the areas of this kind (boundary, hazard, …)"), N_("Kind of area") },
  { NULL }
};

const SteadExportFormat stead_export_areas_geojson = {
  .id = "areas-geojson",
  .title = N_("Areas (GeoJSON)"),
  .extensions = STEAD_EXTENSIONS ("geojson", "json"),
  .options = stead_import_areas_export_options,
  .run = stead_import_areas_export,
};
