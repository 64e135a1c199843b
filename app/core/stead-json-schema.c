/* stead-json-schema.c: JSON checked against a JSON Schema (the subset data files use)
 *
 * The keywords of drafts 07 and 2020-12 that Stead's data files need, with
 * the path of the first problem in each message, so that whoever wrote the
 * file can find it. A keyword the validator does not know that would
 * constrain the instance ($ref, oneOf…) is a schema error, never ignored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-json-schema"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "stead-json-schema.h"

G_DEFINE_QUARK (stead-json-schema-error-quark, stead_json_schema_error)

/* Keywords that only describe. */
static const char * const stead_json_schema_annotations[] = {
  "$schema", "$id", "$comment", "title", "description", "default", "examples", NULL
};

static const char * const stead_json_schema_keywords[] = {
  "type", "required", "properties", "additionalProperties", "items", "enum", "const",
  "minimum", "maximum", "minLength", "minItems", "pattern", NULL
};

static gboolean stead_json_schema_check (JsonObject  *schema,
                                         JsonNode    *instance,
                                         const char  *path,
                                         GError     **error);

void
stead_json_schema_set_error (GError     **error,
                             const char  *path,
                             const char  *format,
                             ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: a JSON path ("$.dimensions[2].id") and what is wrong there */
  g_set_error (error, STEAD_JSON_SCHEMA_ERROR, STEAD_JSON_SCHEMA_ERROR_INVALID, _("%s: %s"),
               path, what);
}

static gboolean
stead_json_path_is_identifier (const char *name)
{
  if (name[0] == '\0' || g_ascii_isdigit (name[0]))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '$')
      return FALSE;
  return TRUE;
}

char *
stead_json_path_member (const char *parent,
                        const char *name)
{
  g_autoptr(GString) escaped = NULL;

  if (stead_json_path_is_identifier (name))
    return g_strconcat (parent, ".", name, NULL);
  escaped = g_string_new (NULL);
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (escaped, '\\');
      g_string_append_c (escaped, *p);
    }
  return g_strdup_printf ("%s[\"%s\"]", parent, escaped->str);
}

char *
stead_json_path_element (const char *parent,
                         guint       index)
{
  return g_strdup_printf ("%s[%u]", parent, index);
}

static gboolean
stead_json_schema_bad (GError     **error,
                       const char  *path,
                       const char  *keyword)
{
  g_set_error (error, STEAD_JSON_SCHEMA_ERROR, STEAD_JSON_SCHEMA_ERROR_SCHEMA,
               _("The schema’s “%s” at %s is not one Stead can check"), keyword, path);
  return FALSE;
}

static gboolean
stead_json_schema_is_integer (JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    return TRUE;
  if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);
      return isfinite (d) && d == floor (d);
    }
  return FALSE;
}

static gboolean
stead_json_schema_has_type (JsonNode   *node,
                            const char *type)
{
  JsonNodeType node_type = JSON_NODE_TYPE (node);

  if (g_str_equal (type, "object"))
    return node_type == JSON_NODE_OBJECT;
  if (g_str_equal (type, "array"))
    return node_type == JSON_NODE_ARRAY;
  if (g_str_equal (type, "null"))
    return node_type == JSON_NODE_NULL;
  if (node_type != JSON_NODE_VALUE)
    return FALSE;
  if (g_str_equal (type, "string"))
    return json_node_get_value_type (node) == G_TYPE_STRING;
  if (g_str_equal (type, "boolean"))
    return json_node_get_value_type (node) == G_TYPE_BOOLEAN;
  if (g_str_equal (type, "integer"))
    return stead_json_schema_is_integer (node);
  if (g_str_equal (type, "number"))
    return json_node_get_value_type (node) == G_TYPE_INT64 ||
           json_node_get_value_type (node) == G_TYPE_DOUBLE;
  return FALSE;
}

static const char *
stead_json_schema_type_name (const char *type)
{
  if (g_str_equal (type, "object"))
    return _("an object");
  if (g_str_equal (type, "array"))
    return _("an array");
  if (g_str_equal (type, "string"))
    return _("a string");
  if (g_str_equal (type, "integer"))
    return _("an integer");
  if (g_str_equal (type, "number"))
    return _("a number");
  if (g_str_equal (type, "boolean"))
    return _("true or false");
  return _("null");
}

static gboolean
stead_json_schema_check_type (JsonNode    *type,
                              JsonNode    *instance,
                              const char  *path,
                              GError     **error)
{
  g_autoptr(GString) names = g_string_new (NULL);

  if (JSON_NODE_HOLDS_VALUE (type) && json_node_get_value_type (type) == G_TYPE_STRING)
    {
      const char *name = json_node_get_string (type);

      if (stead_json_schema_has_type (instance, name))
        return TRUE;
      stead_json_schema_set_error (error, path, _("expected %s"),
                                   stead_json_schema_type_name (name));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (type))
    return stead_json_schema_bad (error, path, "type");
  for (guint i = 0; i < json_array_get_length (json_node_get_array (type)); i++)
    {
      const char *name = json_array_get_string_element (json_node_get_array (type), i);

      if (name == NULL)
        return stead_json_schema_bad (error, path, "type");
      if (stead_json_schema_has_type (instance, name))
        return TRUE;
      if (names->len > 0)
        g_string_append (names, _(" or "));
      g_string_append (names, stead_json_schema_type_name (name));
    }
  stead_json_schema_set_error (error, path, _("expected %s"), names->str);
  return FALSE;
}

/* JSON equality, as enum and const compare: 1 and 1.0 are equal. */
static gboolean
stead_json_schema_equal (JsonNode *a,
                         JsonNode *b)
{
  if (JSON_NODE_HOLDS_VALUE (a) && JSON_NODE_HOLDS_VALUE (b) &&
      stead_json_schema_has_type (a, "number") && stead_json_schema_has_type (b, "number"))
    return json_node_get_double (a) == json_node_get_double (b);
  return json_node_equal (a, b);
}

static char *
stead_json_schema_describe (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static gboolean
stead_json_schema_check_enum (JsonNode    *values,
                              JsonNode    *instance,
                              const char  *path,
                              GError     **error)
{
  g_autoptr(GString) names = g_string_new (NULL);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (values))
    return stead_json_schema_bad (error, path, "enum");
  array = json_node_get_array (values);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *value = json_array_get_element (array, i);
      g_autofree char *text = NULL;

      if (stead_json_schema_equal (value, instance))
        return TRUE;
      text = stead_json_schema_describe (value);
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, text);
    }
  stead_json_schema_set_error (error, path, _("not one of %s"), names->str);
  return FALSE;
}

static gboolean
stead_json_schema_check_object (JsonObject  *schema,
                                JsonObject  *object,
                                const char  *path,
                                GError     **error)
{
  JsonNode *required = json_object_get_member (schema, "required");
  JsonNode *properties = json_object_get_member (schema, "properties");
  JsonNode *additional = json_object_get_member (schema, "additionalProperties");
  g_autoptr(GList) members = NULL;

  if (properties != NULL && !JSON_NODE_HOLDS_OBJECT (properties))
    return stead_json_schema_bad (error, path, "properties");
  if (required != NULL)
    {
      JsonArray *names;

      if (!JSON_NODE_HOLDS_ARRAY (required))
        return stead_json_schema_bad (error, path, "required");
      names = json_node_get_array (required);
      for (guint i = 0; i < json_array_get_length (names); i++)
        {
          const char *name = json_array_get_string_element (names, i);
          g_autofree char *at = NULL;

          if (name == NULL)
            return stead_json_schema_bad (error, path, "required");
          if (json_object_has_member (object, name))
            continue;
          at = stead_json_path_member (path, name);
          stead_json_schema_set_error (error, at, _("required"));
          return FALSE;
        }
    }

  /* In the file's order, so that the first problem is the first in the file. */
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *at = stead_json_path_member (path, name);
      JsonNode *value = json_object_get_member (object, name);
      JsonNode *sub = properties != NULL ?
                        json_object_get_member (json_node_get_object (properties), name) : NULL;

      if (sub == NULL)
        sub = additional;
      if (sub == NULL)
        continue;
      if (JSON_NODE_HOLDS_VALUE (sub) && json_node_get_value_type (sub) == G_TYPE_BOOLEAN)
        {
          if (json_node_get_boolean (sub))
            continue;
          stead_json_schema_set_error (error, at, _("not allowed here"));
          return FALSE;
        }
      if (!JSON_NODE_HOLDS_OBJECT (sub))
        return stead_json_schema_bad (error, at, "properties");
      if (!stead_json_schema_check (json_node_get_object (sub), value, at, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
stead_json_schema_check_array (JsonObject  *schema,
                               JsonArray   *array,
                               const char  *path,
                               GError     **error)
{
  JsonNode *items = json_object_get_member (schema, "items");
  guint length = json_array_get_length (array);

  if (json_object_has_member (schema, "minItems"))
    {
      gint64 min = json_object_get_int_member (schema, "minItems");

      if ((gint64) length < min)
        {
          if (length == 0)
            stead_json_schema_set_error (error, path, _("empty"));
          else
            stead_json_schema_set_error (error, path,
                                         g_dngettext (GETTEXT_PACKAGE,
                                                      "needs at least %" G_GINT64_FORMAT " item",
                                                      "needs at least %" G_GINT64_FORMAT " items",
                                                      min),
                                         min);
          return FALSE;
        }
    }
  if (items == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (items))
    return stead_json_schema_bad (error, path, "items");
  for (guint i = 0; i < length; i++)
    {
      g_autofree char *at = stead_json_path_element (path, i);

      if (!stead_json_schema_check (json_node_get_object (items),
                                    json_array_get_element (array, i), at, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
stead_json_schema_check_string (JsonObject  *schema,
                                const char  *text,
                                const char  *path,
                                GError     **error)
{
  if (json_object_has_member (schema, "minLength"))
    {
      gint64 min = json_object_get_int_member (schema, "minLength");

      if ((gint64) g_utf8_strlen (text, -1) < min)
        {
          if (text[0] == '\0')
            stead_json_schema_set_error (error, path, _("empty"));
          else
            stead_json_schema_set_error (error, path,
                                         _("shorter than %" G_GINT64_FORMAT " characters"), min);
          return FALSE;
        }
    }
  if (json_object_has_member (schema, "pattern"))
    {
      const char *pattern = json_object_get_string_member (schema, "pattern");
      g_autoptr(GRegex) regex = NULL;

      if (pattern == NULL ||
          (regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL)) == NULL)
        return stead_json_schema_bad (error, path, "pattern");
      if (!g_regex_match (regex, text, 0, NULL))
        {
          stead_json_schema_set_error (error, path, _("“%s” does not match %s"), text, pattern);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
stead_json_schema_check_number (JsonObject  *schema,
                                double       value,
                                const char  *path,
                                GError     **error)
{
  if (json_object_has_member (schema, "minimum") &&
      value < json_object_get_double_member (schema, "minimum"))
    {
      stead_json_schema_set_error (error, path, _("less than %g"),
                                   json_object_get_double_member (schema, "minimum"));
      return FALSE;
    }
  if (json_object_has_member (schema, "maximum") &&
      value > json_object_get_double_member (schema, "maximum"))
    {
      stead_json_schema_set_error (error, path, _("more than %g"),
                                   json_object_get_double_member (schema, "maximum"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
stead_json_schema_check (JsonObject  *schema,
                         JsonNode    *instance,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GList) keywords = json_object_get_members (schema);
  JsonNode *node;

  for (GList *l = keywords; l != NULL; l = l->next)
    if (!g_strv_contains (stead_json_schema_annotations, l->data) &&
        !g_strv_contains (stead_json_schema_keywords, l->data))
      return stead_json_schema_bad (error, path, l->data);

  if ((node = json_object_get_member (schema, "type")) != NULL &&
      !stead_json_schema_check_type (node, instance, path, error))
    return FALSE;
  if ((node = json_object_get_member (schema, "enum")) != NULL &&
      !stead_json_schema_check_enum (node, instance, path, error))
    return FALSE;
  if ((node = json_object_get_member (schema, "const")) != NULL &&
      !stead_json_schema_equal (node, instance))
    {
      g_autofree char *text = stead_json_schema_describe (node);

      stead_json_schema_set_error (error, path, _("must be %s"), text);
      return FALSE;
    }

  switch (JSON_NODE_TYPE (instance))
    {
    case JSON_NODE_OBJECT:
      return stead_json_schema_check_object (schema, json_node_get_object (instance), path,
                                             error);
    case JSON_NODE_ARRAY:
      return stead_json_schema_check_array (schema, json_node_get_array (instance), path,
                                            error);
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (instance) == G_TYPE_STRING)
        return stead_json_schema_check_string (schema, json_node_get_string (instance), path,
                                               error);
      if (stead_json_schema_has_type (instance, "number"))
        return stead_json_schema_check_number (schema, json_node_get_double (instance), path,
                                               error);
      return TRUE;
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/**
 * stead_json_schema_validate:
 * @schema: a JSON Schema (an object)
 * @instance: the JSON to check
 * @error: a #GError
 *
 * Returns: %TRUE if @instance conforms to @schema
 */
gboolean
stead_json_schema_validate (JsonNode  *schema,
                            JsonNode  *instance,
                            GError   **error)
{
  g_return_val_if_fail (schema != NULL, FALSE);
  g_return_val_if_fail (instance != NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (schema))
    return stead_json_schema_bad (error, "$", "type");
  return stead_json_schema_check (json_node_get_object (schema), instance, "$", error);
}
