/* stead-import-features.c: one loop over the polygons of a GeoJSON file or
 * a GeoPackage layer, for every format that reads areas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "stead-import-geo-private.h"

char *stead_geojson_dup_property (SteadFeature *feature,
                                  const char   *name);
char *stead_gpkg_dup_property    (SteadFeature *feature,
                                  const char   *name);

/* A GeoPackage is an SQLite file: its name or its first 16 bytes say so. */
static gboolean
stead_import_features_is_gpkg (SteadImportContext *context)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *basename = g_file_get_basename (stead_import_context_get_file (context));
  char magic[16];
  gsize n = 0;

  if (basename != NULL && g_str_has_suffix (basename, ".gpkg"))
    return TRUE;
  /* Through the context, which refuses FIFOs and devices before opening. */
  stream = stead_import_context_open (context, NULL);
  return stream != NULL && g_input_stream_read_all (stream, magic, sizeof magic, &n, NULL, NULL) &&
         n == sizeof magic && memcmp (magic, "SQLite format 3", 16) == 0;
}

/**
 * stead_import_context_foreach_feature:
 * @context: an import of polygons
 * @func: (scope call): called with each feature that has a polygon
 * @user_data: its data
 * @error: a #GError
 *
 * Reads the file's polygon features, as GeoJSON (options "crs", "code",
 * "name": declare STEAD_GEOJSON_OPTIONS) or, if the file is a GeoPackage,
 * from its polygon layer (options "layer", "code", "name":
 * STEAD_GPKG_OPTIONS). Positions are converted to longitude and latitude.
 *
 * Returns: %FALSE if the file could not be read, the import was
 *   cancelled, or @func failed
 */
gboolean
stead_import_context_foreach_feature (SteadImportContext  *context,
                                      SteadFeatureFunc     func,
                                      gpointer             user_data,
                                      GError             **error)
{
  g_return_val_if_fail (context != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (stead_import_features_is_gpkg (context))
    return stead_gpkg_foreach_feature (context, func, user_data, error);
  return stead_geojson_foreach_feature (context, func, user_data, error);
}

SteadImportContext *
stead_feature_get_context (SteadFeature *feature)
{
  return feature->context;
}

guint64
stead_feature_get_index (SteadFeature *feature)
{
  return feature->index;
}

SteadGeometry *
stead_feature_get_geometry (SteadFeature *feature)
{
  return feature->geometry;
}

const char *
stead_feature_get_code (SteadFeature *feature)
{
  return feature->code;
}

const char *
stead_feature_get_name (SteadFeature *feature)
{
  return feature->name;
}

/**
 * stead_feature_dup_property:
 * @feature: a feature
 * @name: a GeoJSON property, or a column of the GeoPackage layer (case
 *   ignored)
 *
 * Returns: (transfer full) (nullable): its value as text
 */
char *
stead_feature_dup_property (SteadFeature *feature,
                            const char   *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  if (feature->row != NULL)
    return stead_gpkg_dup_property (feature, name);
  return stead_geojson_dup_property (feature, name);
}

void
stead_feature_reject (SteadFeature *feature,
                      const char   *format,
                      ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  stead_import_context_reject (feature->context, 0, feature->index, NULL, 0, "%s", reason);
}

/* The property or column holding codes (or names): the one asked for,
 * ONS's WD24CD / WD24NM style, or a usual name. */
const char *
stead_geo_pick_property (const char * const *names,
                         const char         *wanted,
                         gboolean            code)
{
  static const char * const code_fallbacks[] = { "code", "id", "ref", "gss_code", NULL };
  static const char * const name_fallbacks[] = { "name", "title", "label", "area", NULL };
  const char * const *fallbacks = code ? code_fallbacks : name_fallbacks;
  const char *ons_suffix = code ? "cd" : "nm";

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
