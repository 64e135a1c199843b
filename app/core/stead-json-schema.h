/* stead-json-schema.h: JSON checked against a JSON Schema (the subset data files use)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "stead-version-macros.h"

G_BEGIN_DECLS

#define STEAD_JSON_SCHEMA_ERROR (stead_json_schema_error_quark ())

typedef enum
{
  STEAD_JSON_SCHEMA_ERROR_INVALID,   /* the instance does not conform */
  STEAD_JSON_SCHEMA_ERROR_SCHEMA,    /* the schema uses what the validator does not know */
} SteadJsonSchemaError;

STEAD_PRIVATE_API
GQuark    stead_json_schema_error_quark (void);

/* Checks @instance against @schema: type, required, properties,
 * additionalProperties, items, enum, const, minimum, maximum, minLength,
 * minItems and pattern (annotations such as title and description are
 * ignored). The first problem found is an error whose message starts with
 * its JSON path: "$.dimensions[2].statements[0].id: required". */
STEAD_PRIVATE_API
gboolean  stead_json_schema_validate    (JsonNode     *schema,
                                         JsonNode     *instance,
                                         GError      **error);

/* The path of a member or an element below @parent, as the errors write
 * it: "$.scale", "$.dimensions[2]", "$[\"odd key\"]". */
STEAD_PRIVATE_API
char     *stead_json_path_member        (const char   *parent,
                                         const char   *name);
STEAD_PRIVATE_API
char     *stead_json_path_element       (const char   *parent,
                                         guint         index);

/* An error at @path, for rules of a file's own beyond its schema. */
STEAD_PRIVATE_API
void      stead_json_schema_set_error   (GError      **error,
                                         const char   *path,
                                         const char   *format,
                                         ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
