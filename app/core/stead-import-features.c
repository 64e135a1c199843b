/* stead-import-features.c: one loop over the polygons of a GeoJSON file or
 * a GeoPackage layer, for every format that reads areas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "stead-import-context-private.h"
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

typedef struct
{
  SteadFeatureFunc  func;
  gpointer          user_data;
  GPtrArray        *names;   /* the extra attributes' names, in the order first seen */
  GHashTable       *seen;
} SteadImportFeaturesLoop;

/* One GeoJSON property as text: numbers as JSON writes them, objects and
 * arrays as JSON; %NULL for null and the empty string. */
static char *
stead_import_features_json_text (JsonNode *node)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return json_to_string (node, FALSE);
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return *json_node_get_string (node) != '\0' ? g_strdup (json_node_get_string (node)) : NULL;
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return json_to_string (node, FALSE);
    }
}

/* One GeoPackage column as text; a BLOB (other than the geometry) as
 * "base64:" and its bytes in base64; %NULL for NULL and the empty string. */
static char *
stead_import_features_column_text (sqlite3_stmt *stmt,
                                   int           column)
{
  const char *text;

  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      return NULL;
    case SQLITE_BLOB:
      {
        g_autofree char *base64 = g_base64_encode (sqlite3_column_blob (stmt, column),
                                                   sqlite3_column_bytes (stmt, column));

        return g_strconcat ("base64:", base64, NULL);
      }
    default:
      text = (const char *) sqlite3_column_text (stmt, column);
      return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
    }
}

static void
stead_import_features_add (SteadImportFeaturesLoop *loop,
                           GString                 *json,
                           const char              *name,
                           const char              *text)
{
  if (text == NULL)
    return;
  stead_import_extra_add (json, name, text);
  if (!g_hash_table_contains (loop->seen, name))
    {
      char *copy = g_strdup (name);

      g_hash_table_add (loop->seen, copy);
      g_ptr_array_add (loop->names, copy);
    }
}

/* What the feature holds besides its geometry, code and name. The code
 * and name come from the properties the loops picked, picked again here
 * the same way. */
static char *
stead_import_features_extra (SteadImportFeaturesLoop *loop,
                             SteadFeature            *feature)
{
  SteadImportContext *context = feature->context;
  const char *want_code = stead_import_context_get_option (context, "code");
  const char *want_name = stead_import_context_get_option (context, "name");
  GString *json = g_string_new (NULL);

  if (feature->row != NULL)
    {
      const char * const *columns = feature->columns;
      const char *geometry = sqlite3_column_name (feature->row, 0);
      const char *code = stead_geo_pick_property (columns, want_code, TRUE);
      const char *name = stead_geo_pick_property (columns, want_name, FALSE);

      for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
        {
          g_autofree char *text = NULL;

          if (g_strcmp0 (columns[i], geometry) == 0 || g_strcmp0 (columns[i], code) == 0 ||
              g_strcmp0 (columns[i], name) == 0)
            continue;
          text = stead_import_features_column_text (feature->row, 3 + i);
          stead_import_features_add (loop, json, columns[i], text);
        }
    }
  else if (feature->properties != NULL)
    {
      GList *members = json_object_get_members (feature->properties);
      g_autofree const char **names = g_new0 (const char *, g_list_length (members) + 1);
      const char *code, *name;
      guint n = 0;

      for (GList *l = members; l != NULL; l = l->next)
        names[n++] = l->data;
      g_list_free (members);
      code = stead_geo_pick_property (names, want_code, TRUE);
      name = stead_geo_pick_property (names, want_name, FALSE);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *text = NULL;

          if (g_strcmp0 (names[i], code) == 0 || g_strcmp0 (names[i], name) == 0)
            continue;
          text = stead_import_features_json_text (
            json_object_get_member (feature->properties, names[i]));
          stead_import_features_add (loop, json, names[i], text);
        }
    }
  return stead_import_extra_finish (json);
}

static gboolean
stead_import_features_each (SteadFeature  *feature,
                            gpointer       user_data,
                            GError       **error)
{
  SteadImportFeaturesLoop *loop = user_data;
  SteadImportContext *context = feature->context;
  gboolean ok;

  context->feature_extra = stead_import_features_extra (loop, feature);
  ok = loop->func (feature, loop->user_data, error);
  g_clear_pointer (&context->feature_extra, g_free);
  return ok;
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
  SteadImportFeaturesLoop loop = { func, user_data };
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) list = g_string_new (NULL);
  gboolean ok;

  g_return_val_if_fail (context != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  loop.names = names;
  loop.seen = seen;
  context->extra_taken = FALSE;
  if (stead_import_features_is_gpkg (context))
    ok = stead_gpkg_foreach_feature (context, stead_import_features_each, &loop, error);
  else
    ok = stead_geojson_foreach_feature (context, stead_import_features_each, &loop, error);
  if (!ok)
    return FALSE;

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "",
                            (const char *) g_ptr_array_index (names, i));
  if (list->len > 0 && context->extra_taken)
    stead_import_context_warn (context, _("Kept as extra attributes: %s"), list->str);
  else if (list->len > 0)
    stead_import_context_warn (context, _("No field reads these properties, so they were not "
                                          "imported: %s"),
                               list->str);
  return TRUE;
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

/**
 * stead_feature_dup_extra:
 * @feature: a feature
 *
 * What the feature holds that its code and name were not taken from, so
 * that the record keeps it: store it in the record's `extra` column.
 * Calling it also tells the loop that the format keeps them.
 *
 * Returns: (transfer full) (nullable): a JSON object of the file's
 *   property or column names to their text (nulls and empty strings left
 *   out); %NULL if there is nothing
 */
char *
stead_feature_dup_extra (SteadFeature *feature)
{
  g_return_val_if_fail (feature != NULL, NULL);

  feature->context->extra_taken = TRUE;
  return g_strdup (feature->context->feature_extra);
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
