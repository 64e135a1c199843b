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

/* ------------------------------------------------------------------------ */
/* Frameworks offered: shipped, and files plugins and users put in place    */

/* A framework file is far smaller than this (the import's bound too). */
#define EVALUATION_FRAMEWORK_MAX_BYTES ((gsize) 8 * 1024 * 1024)

GStrv
evaluation_framework_dirs (void)
{
  const char * const *system = g_get_system_data_dirs ();
  g_autoptr(GStrvBuilder) dirs = g_strv_builder_new ();
  g_autofree char *user = g_build_filename (g_get_user_data_dir (), "stead", "frameworks", NULL);

  g_strv_builder_add (dirs, user);
  for (guint i = 0; system[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (system[i], "stead", "frameworks", NULL);

      g_strv_builder_add (dirs, dir);
    }
  return g_strv_builder_end (dirs);
}

void
evaluation_offered_framework_free (EvaluationOfferedFramework *offered)
{
  g_free (offered->name);
  g_clear_pointer (&offered->framework, evaluation_framework_free);
  g_free (offered);
}

GBytes *
evaluation_framework_offered_bytes (const char  *name,
                                    GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  GBytes *bytes;

  g_return_val_if_fail (name != NULL, NULL);

  if (!g_path_is_absolute (name))
    {
      bytes = strchr (name, '/') == NULL ? evaluation_framework_builtin_bytes (name) : NULL;
      if (bytes == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("Stead ships no framework “%s”"), name);
      return bytes;
    }
  file = g_file_new_for_path (name);
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;
  return stead_input_stream_read_bounded (G_INPUT_STREAM (stream),
                                          EVALUATION_FRAMEWORK_MAX_BYTES, NULL, error);
}

static gboolean
evaluation_framework_offered_add (GPtrArray  *offered,
                                  const char *name,
                                  GBytes     *bytes,
                                  GError    **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  EvaluationFramework *framework = evaluation_framework_parse (data, length, error);
  EvaluationOfferedFramework *item;

  if (framework == NULL)
    return FALSE;
  for (guint i = 0; i < offered->len; i++)
    {
      EvaluationOfferedFramework *other = g_ptr_array_index (offered, i);

      if (g_str_equal (other->framework->key, framework->key) &&
          g_str_equal (other->framework->version, framework->version))
        {
          evaluation_framework_free (framework);
          return TRUE;
        }
    }
  item = g_new0 (EvaluationOfferedFramework, 1);
  item->name = g_strdup (name);
  item->framework = framework;
  g_ptr_array_add (offered, item);
  return TRUE;
}

static gint
evaluation_framework_compare_paths (gconstpointer a,
                                    gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
evaluation_framework_offered_scan (GPtrArray  *offered,
                                   const char *dir,
                                   GPtrArray  *problems)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  if (listing == NULL)
    return;
  while ((entry = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (entry, ".json") && !g_str_has_suffix (entry, ".schema.json"))
      g_ptr_array_add (names, g_build_filename (dir, entry, NULL));
  g_ptr_array_sort (names, evaluation_framework_compare_paths);
  for (guint i = 0; i < names->len; i++)
    {
      const char *path = g_ptr_array_index (names, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = evaluation_framework_offered_bytes (path, &error);

      if (bytes == NULL || !evaluation_framework_offered_add (offered, path, bytes, &error))
        {
          /* TRANSLATORS: a framework file's path, and what is wrong with it */
          g_autofree char *problem = g_strdup_printf (_("%s: %s"), path, error->message);

          g_message ("Framework skipped: %s", problem);
          if (problems != NULL)
            g_ptr_array_add (problems, g_steal_pointer (&problem));
        }
    }
}

GPtrArray *
evaluation_frameworks_offered (const char * const *dirs,
                               GPtrArray         **problems)
{
  GPtrArray *offered = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                       evaluation_offered_framework_free);
  g_auto(GStrv) defaults = dirs == NULL ? evaluation_framework_dirs () : NULL;

  if (problems != NULL)
    *problems = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; evaluation_builtin_names[i] != NULL; i++)
    {
      g_autoptr(GBytes) bytes = evaluation_framework_builtin_bytes (evaluation_builtin_names[i]);
      g_autoptr(GError) error = NULL;

      /* Shipped and tested: a failure here is a build bug. */
      if (!evaluation_framework_offered_add (offered, evaluation_builtin_names[i], bytes,
                                             &error))
        g_critical ("Shipped framework %s: %s", evaluation_builtin_names[i], error->message);
    }
  if (dirs == NULL)
    dirs = (const char * const *) defaults;
  for (guint d = 0; dirs[d] != NULL; d++)
    evaluation_framework_offered_scan (offered, dirs[d], problems != NULL ? *problems : NULL);
  return offered;
}
