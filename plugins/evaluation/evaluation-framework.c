/* evaluation-framework.c: a framework read from its JSON and checked
 *
 * Frameworks are data (data/frameworks/ (one JSON file each)). A file is checked against
 * framework.schema.json with the kit's validator, then against what a
 * schema cannot say: statement and dimension ids unique in the file, scale
 * values distinct. Every problem names its JSON path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "evaluation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "evaluation-private.h"
#include "evaluation-resources.h"
#include "stead-json-private.h"
#include "stead-json-schema.h"

static const char * const evaluation_builtin_names[] = {
  "five-features.json", "nrs-lrf.json", "undrr-scorecard.json", NULL
};

const char * const *
evaluation_framework_builtin_names (void)
{
  return evaluation_builtin_names;
}

GBytes *
evaluation_framework_builtin_bytes (const char *name)
{
  g_autofree char *path = g_strconcat (EVALUATION_RESOURCES "/frameworks/", name, NULL);

  /* From the plugin's own resource, whoever links it (a test, a fuzzer). */
  return g_resource_lookup_data (evaluation_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                 NULL);
}

static JsonNode *
evaluation_framework_schema (void)
{
  static gsize schema;

  if (g_once_init_enter (&schema))
    {
      g_autoptr(GBytes) bytes = evaluation_framework_builtin_bytes ("framework.schema.json");
      g_autoptr(GError) error = NULL;
      JsonNode *node = json_from_string (g_bytes_get_data (bytes, NULL), &error);

      /* Shipped in the plugin: a failure here is a build bug. */
      g_assert_no_error (error);
      g_once_init_leave (&schema, (gsize) node);
    }
  return (JsonNode *) schema;
}

static char *
evaluation_framework_dup_member (JsonObject *object,
                                 const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? g_strdup (json_node_get_string (node))
                                                      : NULL;
}

/* Ids are unique within the file: a statement's id names its score. */
static gboolean
evaluation_framework_claim_id (GHashTable  *seen,
                               const char  *id,
                               const char  *path,
                               GError     **error)
{
  g_autofree char *at = stead_json_path_member (path, "id");
  const char *first = g_hash_table_lookup (seen, id);

  if (first != NULL)
    {
      stead_json_schema_set_error (error, at, _("“%s” is already the id of %s"), id, first);
      return FALSE;
    }
  g_hash_table_insert (seen, (char *) id, g_strdup (path));
  return TRUE;
}

static gboolean
evaluation_framework_read_scale (EvaluationFramework  *framework,
                                 JsonArray            *values,
                                 GError              **error)
{
  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      JsonObject *object = json_array_get_object_element (values, i);
      EvaluationScaleValue value = { json_object_get_int_member (object, "value") };

      for (guint j = 0; j < framework->scale->len; j++)
        if (g_array_index (framework->scale, EvaluationScaleValue, j).value == value.value)
          {
            g_autofree char *item = stead_json_path_element ("$.scale.values", i);
            g_autofree char *at = stead_json_path_member (item, "value");

            stead_json_schema_set_error (error, at,
                                         _("%" G_GINT64_FORMAT " is already a value of the "
                                           "scale, at $.scale.values[%u]"),
                                         value.value, j);
            return FALSE;
          }
      value.label = evaluation_framework_dup_member (object, "label");
      value.description = evaluation_framework_dup_member (object, "description");
      g_array_append_val (framework->scale, value);
    }
  return TRUE;
}

static gint
evaluation_framework_compare_values (gconstpointer a,
                                     gconstpointer b)
{
  gint64 x = ((const EvaluationScaleValue *) a)->value;
  gint64 y = ((const EvaluationScaleValue *) b)->value;

  return x < y ? -1 : x > y;
}

static EvaluationFramework *
evaluation_framework_read (JsonObject  *root,
                           GError     **error)
{
  g_autoptr(EvaluationFramework) framework = evaluation_framework_new ();
  g_autoptr(GHashTable) dimension_ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                               g_free);
  g_autoptr(GHashTable) statement_ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                               g_free);
  JsonObject *source = json_object_get_object_member (root, "source");
  JsonArray *dimensions = json_object_get_array_member (root, "dimensions");

  framework->key = evaluation_framework_dup_member (root, "id");
  framework->version = evaluation_framework_dup_member (root, "version");
  framework->title = evaluation_framework_dup_member (root, "title");
  framework->description = evaluation_framework_dup_member (root, "description");
  framework->citation = evaluation_framework_dup_member (source, "citation");
  framework->url = evaluation_framework_dup_member (source, "url");
  framework->licence = evaluation_framework_dup_member (root, "licence");
  framework->note = evaluation_framework_dup_member (root, "note");
  framework->verified = json_object_get_boolean_member_with_default (root, "verified", FALSE);
  if (!evaluation_framework_read_scale (
        framework,
        json_object_get_array_member (json_object_get_object_member (root, "scale"), "values"),
        error))
    return NULL;
  g_array_sort (framework->scale, evaluation_framework_compare_values);

  for (guint d = 0; d < json_array_get_length (dimensions); d++)
    {
      JsonObject *object = json_array_get_object_element (dimensions, d);
      JsonArray *statements = json_object_get_array_member (object, "statements");
      g_autofree char *path = stead_json_path_element ("$.dimensions", d);
      g_autofree char *statements_path = stead_json_path_member (path, "statements");
      EvaluationDimension *dimension = evaluation_dimension_new ();

      g_ptr_array_add (framework->dimensions, dimension);
      dimension->id = evaluation_framework_dup_member (object, "id");
      dimension->title = evaluation_framework_dup_member (object, "title");
      if (!evaluation_framework_claim_id (dimension_ids, dimension->id, path, error))
        return NULL;
      for (guint s = 0; s < json_array_get_length (statements); s++)
        {
          JsonObject *item = json_array_get_object_element (statements, s);
          g_autofree char *at = stead_json_path_element (statements_path, s);
          EvaluationStatement *statement = evaluation_statement_new ();

          g_ptr_array_add (dimension->statements, statement);
          statement->id = evaluation_framework_dup_member (item, "id");
          statement->text = evaluation_framework_dup_member (item, "text");
          statement->guidance = evaluation_framework_dup_member (item, "guidance");
          statement->verified = json_object_get_boolean_member_with_default (
            item, "verified", framework->verified);
          if (!evaluation_framework_claim_id (statement_ids, statement->id, at, error))
            return NULL;
        }
    }
  return g_steal_pointer (&framework);
}

/**
 * evaluation_framework_parse:
 *
 * Returns: (transfer full) (nullable): the framework, or %NULL with the
 *   JSON path of the first problem (a %STEAD_IMPORT_ERROR_FORMAT error)
 */
EvaluationFramework *
evaluation_framework_parse (const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = stead_json_load_data (data, length, error);
  g_autoptr(GError) local_error = NULL;
  EvaluationFramework *framework;
  JsonNode *root;

  if (parser == NULL)
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   _("This is not valid JSON: the file is empty"));
      return NULL;
    }
  if (!stead_json_schema_validate (evaluation_framework_schema (), root, &local_error) ||
      (framework = evaluation_framework_read (json_node_get_object (root), &local_error)) == NULL)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   _("This is not an evaluation framework: %s"), local_error->message);
      return NULL;
    }
  return framework;
}

EvaluationFramework *
evaluation_framework_load (SteadWorkspace  *workspace,
                           gint64           id,
                           GError         **error)
{
  g_autofree char *definition = stead_workspace_query_text (
    workspace, "SELECT definition FROM evaluation_framework WHERE id = ?1",
    STEAD_ARGS (STEAD_INT (id)));

  if (definition == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The workspace has no framework %" G_GINT64_FORMAT), id);
      return NULL;
    }
  return evaluation_framework_parse (definition, strlen (definition), error);
}

gint64
evaluation_framework_store (SteadTransaction     *txn,
                            EvaluationFramework  *framework,
                            const char           *data,
                            gsize                 length,
                            gboolean             *added,
                            GError              **error)
{
  g_autofree char *text = g_strndup (data, length);
  gint64 id = 0;

  if (!stead_transaction_query_int64 (
        txn, "SELECT id FROM evaluation_framework WHERE key = ?1 AND version = ?2",
        STEAD_ARGS (STEAD_STRING (framework->key), STEAD_STRING (framework->version)), &id))
    id = 0;
  if (added != NULL)
    *added = id <= 0;
  if (id > 0)
    return stead_transaction_run (txn,
                                  "UPDATE evaluation_framework SET title = ?2, definition = ?3 "
                                  "WHERE id = ?1",
                                  STEAD_ARGS (STEAD_INT (id), STEAD_STRING (framework->title),
                                              STEAD_STRING (text)),
                                  error) < 0 ? -1 : id;
  return stead_transaction_run (txn,
                                "INSERT INTO evaluation_framework (key, version, title, "
                                "definition) VALUES (?, ?, ?, ?)",
                                STEAD_ARGS (STEAD_STRING (framework->key),
                                            STEAD_STRING (framework->version),
                                            STEAD_STRING (framework->title),
                                            STEAD_STRING (text)),
                                error);
}
