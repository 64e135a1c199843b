/* test-json-schema.c: the kit's JSON Schema validator, each keyword on
 * both sides of its bound, with the path of the problem
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stead-json-schema.h"

typedef struct
{
  const char *schema;
  const char *instance;
  const char *error;      /* NULL: valid */
} Case;

static const Case cases[] = {
  /* type, one and several */
  { "{\"type\": \"integer\"}", "3", NULL },
  { "{\"type\": \"integer\"}", "3.0", NULL },
  { "{\"type\": \"integer\"}", "3.5", "$: expected an integer" },
  { "{\"type\": \"number\"}", "3.5", NULL },
  { "{\"type\": \"string\"}", "null", "$: expected a string" },
  { "{\"type\": [\"string\", \"null\"]}", "null", NULL },
  { "{\"type\": [\"string\", \"null\"]}", "true", "$: expected a string or null" },
  { "{\"type\": \"boolean\"}", "\"yes\"", "$: expected true or false" },
  /* required, properties, additionalProperties, with the paths */
  { "{\"required\": [\"a\", \"b\"]}", "{\"a\": 1}", "$.b: required" },
  { "{\"required\": [\"a\"]}", "{\"a\": 1}", NULL },
  { "{\"properties\": {\"a\": {\"type\": \"string\"}}}", "{\"a\": 1}", "$.a: expected a string" },
  { "{\"additionalProperties\": false, \"properties\": {\"a\": {}}}", "{\"a\": 1, \"odd key\": 2}",
    "$[\"odd key\"]: not allowed here" },
  { "{\"additionalProperties\": {\"type\": \"integer\"}}", "{\"x\": 1, \"y\": \"2\"}",
    "$.y: expected an integer" },
  /* items and minItems */
  { "{\"items\": {\"properties\": {\"id\": {\"minLength\": 2}}}}",
    "[{\"id\": \"ab\"}, {\"id\": \"c\"}]", "$[1].id: shorter than 2 characters" },
  { "{\"minItems\": 2}", "[1]", "$: needs at least 2 items" },
  { "{\"minItems\": 2}", "[1, 2]", NULL },
  { "{\"minItems\": 1}", "[]", "$: empty" },
  /* enum and const, numbers compared as numbers */
  { "{\"enum\": [1, \"a\"]}", "1.0", NULL },
  { "{\"enum\": [1, \"a\"]}", "\"b\"", "$: not one of 1, \"a\"" },
  { "{\"const\": \"x\"}", "\"x\"", NULL },
  { "{\"const\": \"x\"}", "\"y\"", "$: must be \"x\"" },
  /* minimum and maximum, at and past each bound */
  { "{\"minimum\": 0, \"maximum\": 10}", "0", NULL },
  { "{\"minimum\": 0, \"maximum\": 10}", "10", NULL },
  { "{\"minimum\": 0, \"maximum\": 10}", "-1", "$: less than 0" },
  { "{\"minimum\": 0, \"maximum\": 10}", "10.5", "$: more than 10" },
  /* minLength counts characters, not bytes; pattern */
  { "{\"minLength\": 2}", "\"é\"", "$: shorter than 2 characters" },
  { "{\"minLength\": 2}", "\"éé\"", NULL },
  { "{\"pattern\": \"^[a-z]+$\"}", "\"abc\"", NULL },
  { "{\"pattern\": \"^[a-z]+$\"}", "\"abC\"", "$: “abC” does not match ^[a-z]+$" },
  /* annotations are ignored */
  { "{\"title\": \"T\", \"description\": \"D\", \"$schema\": \"x\"}", "1", NULL },
};

static void
test_keywords (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) schema = json_from_string (cases[i].schema, NULL);
      g_autoptr(JsonNode) instance = json_from_string (cases[i].instance, NULL);
      g_autoptr(GError) error = NULL;
      gboolean valid;

      g_test_message ("%s against %s", cases[i].instance, cases[i].schema);
      g_assert_nonnull (schema);
      g_assert_nonnull (instance);
      valid = stead_json_schema_validate (schema, instance, &error);
      if (cases[i].error == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (valid);
        }
      else
        {
          g_assert_false (valid);
          g_assert_error (error, STEAD_JSON_SCHEMA_ERROR, STEAD_JSON_SCHEMA_ERROR_INVALID);
          g_assert_cmpstr (error->message, ==, cases[i].error);
        }
    }
}

/* A keyword it cannot check is refused, never ignored. */
static void
test_unknown_keyword (void)
{
  g_autoptr(JsonNode) schema = json_from_string ("{\"oneOf\": [{}]}", NULL);
  g_autoptr(JsonNode) instance = json_from_string ("1", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (stead_json_schema_validate (schema, instance, &error));
  g_assert_error (error, STEAD_JSON_SCHEMA_ERROR, STEAD_JSON_SCHEMA_ERROR_SCHEMA);
  g_assert_nonnull (strstr (error->message, "oneOf"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-schema/keywords", test_keywords);
  g_test_add_func ("/json-schema/unknown-keyword", test_unknown_keyword);
  return g_test_run ();
}
