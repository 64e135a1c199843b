/* test-evaluation.c: the evaluation plugin headless: frameworks and their
 * validation, the import, the arithmetic, the demo and the report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "stead.h"
#include "stead-test-util.h"
#include "evaluation.h"

typedef struct
{
  SteadTestPlugins  plugins;
  GPtrArray        *importers;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *enabled[] = { "partners", "evaluation", NULL };

  stead_test_plugins_setup (&f->plugins, enabled, g_strcmp0 (data, "demo") == 0);
  f->importers = stead_import_list_importers (f->plugins.engine);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->importers, g_ptr_array_unref);
  stead_test_plugins_teardown (&f->plugins);
}

static const char * const shipped[] = {
  "five-features.json", "nrs-lrf.json", "undrr-scorecard.json", NULL
};

static char *
framework_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "frameworks", name, NULL);
}

static char *
read_framework (const char *name)
{
  g_autofree char *path = framework_path (name);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* ------------------------------------------------------------------------ */
/* The shipped frameworks                                                   */

static void
test_shipped_validate (void)
{
  /* What each file holds, counted by hand from DOMAIN.md §2 and §5. */
  static const struct { const char *name; guint dimensions; guint statements; guint scale;
                        const char *lowest; const char *highest; } want[] = {
    { "five-features.json", 5, 15, 4, "Not met", "Leading practice" },
    { "nrs-lrf.json", 15, 15, 4, "Not met", "Leading practice" },
    { "undrr-scorecard.json", 10, 10, 4, "0: Not in place", "3: Fully" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      g_autofree char *text = read_framework (want[i].name);
      g_autoptr(GError) error = NULL;
      g_autoptr(EvaluationFramework) framework = evaluation_framework_parse (text, strlen (text),
                                                                             &error);

      g_assert_no_error (error);
      g_assert_cmpuint (framework->dimensions->len, ==, want[i].dimensions);
      g_assert_cmpuint (evaluation_framework_n_statements (framework), ==, want[i].statements);
      g_assert_cmpuint (framework->scale->len, ==, want[i].scale);
      g_assert_cmpint (evaluation_framework_scale_min (framework), ==, 0);
      g_assert_cmpint (evaluation_framework_scale_max (framework), ==, 3);
      g_assert_cmpstr (evaluation_framework_scale_label (framework, 0), ==, want[i].lowest);
      g_assert_cmpstr (evaluation_framework_scale_label (framework, 3), ==, want[i].highest);
      g_assert_nonnull (framework->citation);
      g_assert_true (g_str_has_prefix (framework->url, "https://"));
      /* Nothing here was checked word for word: every file says so. */
      g_assert_false (framework->verified);
      g_assert_nonnull (framework->note);
    }
}

/* The shipped files are the plugin's: the resources hold the same bytes. */
static void
test_shipped_resources (void)
{
  for (guint i = 0; shipped[i] != NULL; i++)
    {
      g_autofree char *text = read_framework (shipped[i]);
      g_autoptr(GBytes) bytes = evaluation_framework_builtin_bytes (shipped[i]);

      g_assert_nonnull (bytes);
      g_assert_cmpuint (g_bytes_get_size (bytes), ==, strlen (text));
      g_assert_cmpint (memcmp (g_bytes_get_data (bytes, NULL), text, strlen (text)), ==, 0);
    }
}

static gboolean
have_jsonschema (void)
{
  int status = -1;

  return g_spawn_command_line_sync ("python3 -c 'import jsonschema'", NULL, NULL, &status,
                                    NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

/* python3-jsonschema, an independent validator, on a file: TRUE if valid. */
static gboolean
jsonschema_accepts (const char *path)
{
  g_autofree char *schema = framework_path ("framework.schema.json");
  const char *argv[] = {
    "python3", "-c",
    "import json, sys, jsonschema\n"
    "schema = json.load (open (sys.argv[1]))\n"
    "jsonschema.Draft202012Validator.check_schema (schema)\n"
    "try:\n"
    "    instance = json.load (open (sys.argv[2]))\n"
    "except ValueError:\n"
    "    sys.exit (1)\n"
    "sys.exit (0 if jsonschema.Draft202012Validator (schema).is_valid (instance) else 1)\n",
    schema, path, NULL
  };
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, NULL));
  return g_spawn_check_wait_status (status, NULL);
}

static void
test_shipped_oracle (void)
{
  if (!have_jsonschema ())
    {
      g_test_skip ("python3-jsonschema is not installed");
      return;
    }
  for (guint i = 0; shipped[i] != NULL; i++)
    {
      g_autofree char *path = framework_path (shipped[i]);

      g_assert_true (jsonschema_accepts (path));
    }
}

/* ------------------------------------------------------------------------ */
/* Bad frameworks: each refused with its path, and nothing changed          */

typedef struct
{
  const char *name;
  const char *error;          /* the message holds this */
  gboolean    schema_rule;    /* python3-jsonschema refuses it too */
  void      (*mutate) (JsonObject *root);
  const char *text;           /* instead of mutate: the whole file */
} BadCase;

static JsonObject *
dimension (JsonObject *root,
           guint       i)
{
  return json_array_get_object_element (json_object_get_array_member (root, "dimensions"), i);
}

static JsonObject *
statement (JsonObject *root,
           guint       d,
           guint       s)
{
  return json_array_get_object_element (
    json_object_get_array_member (dimension (root, d), "statements"), s);
}

static JsonObject *
scale_value (JsonObject *root,
             guint       i)
{
  return json_array_get_object_element (
    json_object_get_array_member (json_object_get_object_member (root, "scale"), "values"), i);
}

static void
mutate_missing_id (JsonObject *root)
{
  json_object_remove_member (statement (root, 2, 0), "id");
}

static void
mutate_missing_title (JsonObject *root)
{
  json_object_remove_member (root, "title");
}

static void
mutate_version_number (JsonObject *root)
{
  json_object_set_int_member (root, "version", 2);
}

static void
mutate_statements_object (JsonObject *root)
{
  json_object_set_object_member (dimension (root, 4), "statements", json_object_new ());
}

static void
mutate_bad_kind (JsonObject *root)
{
  json_object_set_string_member (json_object_get_object_member (root, "scale"), "kind", "stars");
}

static void
mutate_duplicate_statement (JsonObject *root)
{
  json_object_set_string_member (statement (root, 1, 2), "id", "strategy.1");
}

static void
mutate_duplicate_dimension (JsonObject *root)
{
  json_object_set_string_member (dimension (root, 3), "id", "intelligence");
}

static void
mutate_empty_statements (JsonObject *root)
{
  json_object_set_array_member (dimension (root, 0), "statements", json_array_new ());
}

static void
mutate_duplicate_scale (JsonObject *root)
{
  json_object_set_int_member (scale_value (root, 2), "value", 1);
}

static void
mutate_scale_range (JsonObject *root)
{
  json_object_set_int_member (scale_value (root, 3), "value", -1);
}

static void
mutate_one_scale_value (JsonObject *root)
{
  JsonArray *values = json_object_get_array_member (json_object_get_object_member (root,
                                                                                   "scale"),
                                                    "values");

  while (json_array_get_length (values) > 1)
    json_array_remove_element (values, 1);
}

static void
mutate_unknown_member (JsonObject *root)
{
  json_object_set_string_member (statement (root, 0, 1), "weight", "2");
}

static void
mutate_bad_id (JsonObject *root)
{
  json_object_set_string_member (statement (root, 0, 0), "id", "Strategy 1");
}

static void
mutate_empty_text (JsonObject *root)
{
  json_object_set_string_member (statement (root, 3, 1), "text", "");
}

static const BadCase bad_cases[] = {
  { "missing-required", "$.dimensions[2].statements[0].id: required", TRUE, mutate_missing_id },
  { "missing-title", "$.title: required", TRUE, mutate_missing_title },
  { "wrong-type", "$.version: expected a string", TRUE, mutate_version_number },
  { "wrong-type-array", "$.dimensions[4].statements: expected an array", TRUE,
    mutate_statements_object },
  { "bad-enum", "$.scale.kind: not one of \"tiers\", \"levels\"", TRUE, mutate_bad_kind },
  { "duplicate-statement",
    "$.dimensions[1].statements[2].id: “strategy.1” is already the id of "
    "$.dimensions[0].statements[0]", FALSE, mutate_duplicate_statement },
  { "duplicate-dimension", "$.dimensions[3].id: “intelligence” is already the id of "
    "$.dimensions[1]", FALSE, mutate_duplicate_dimension },
  { "empty-statements", "$.dimensions[0].statements: empty", TRUE, mutate_empty_statements },
  { "duplicate-scale", "$.scale.values[2].value: 1 is already a value of the scale, at "
    "$.scale.values[1]", FALSE, mutate_duplicate_scale },
  { "scale-below-minimum", "$.scale.values[3].value: less than 0", TRUE, mutate_scale_range },
  { "scale-one-value", "$.scale.values: needs at least 2 items", TRUE, mutate_one_scale_value },
  { "unknown-member", "$.dimensions[0].statements[1].weight: not allowed here", TRUE,
    mutate_unknown_member },
  { "bad-pattern", "$.dimensions[0].statements[0].id: “Strategy 1” does not match", TRUE,
    mutate_bad_id },
  { "empty-text", "$.dimensions[3].statements[1].text: empty", TRUE, mutate_empty_text },
  { "not-json", "This is not valid JSON", TRUE, NULL, "{ \"id\": \"x\", \"dimensions\": [ }" },
  { "not-object", "$: expected an object", TRUE, NULL, "[1, 2, 3]" },
  { "empty-file", "This is not valid JSON", TRUE, NULL, "" },
};

static char *
bad_text (const BadCase *bad)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (bad->text != NULL)
    return g_strdup (bad->text);
  text = read_framework ("five-features.json");
  root = json_from_string (text, NULL);
  bad->mutate (json_node_get_object (root));
  return json_to_string (root, TRUE);
}

static void
test_bad_refused (Fixture       *f,
                  gconstpointer  data)
{
  SteadImporter *importer = stead_import_find_importer (f->importers, "evaluation-framework",
                                                        NULL, NULL);
  gboolean oracle = have_jsonschema ();

  g_assert_nonnull (importer);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *bad = &bad_cases[i];
      g_autofree char *text = bad_text (bad);
      g_autofree char *name = g_strconcat (bad->name, ".json", NULL);
      g_autoptr(GFile) file = stead_test_write_file (f->plugins.dir, name, text);
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) parse_error = NULL;
      g_autoptr(SteadImportResult) result = NULL;
      SteadImportOptions options = { 0 };
      gint64 frameworks = stead_test_count (f->plugins.ws,
                                            "SELECT count (*) FROM evaluation_framework");
      gint64 audit = stead_test_count (f->plugins.ws, "SELECT count (*) FROM stead_audit");

      g_test_message ("%s", bad->name);
      g_assert_null (evaluation_framework_parse (text, strlen (text), &parse_error));
      g_assert_nonnull (strstr (parse_error->message, bad->error));
      g_assert_false (stead_import_run (f->plugins.ws, importer, file, &options, NULL, NULL, NULL,
                                        &result, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, bad->error));
      g_assert_cmpint (stead_test_count (f->plugins.ws,
                                         "SELECT count (*) FROM evaluation_framework"),
                       ==, frameworks);
      g_assert_cmpint (stead_test_count (f->plugins.ws, "SELECT count (*) FROM stead_audit"), ==,
                       audit);
      /* The independent validator agrees on what the schema says. */
      if (oracle && bad->schema_rule)
        {
          g_autofree char *path = g_file_get_path (file);

          g_assert_false (jsonschema_accepts (path));
        }
    }
}

/* Deeper than the kit's bound: refused before json-glib recurses. */
static void
test_too_deep (void)
{
  g_autoptr(GString) text = g_string_new ("{\"id\": ");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  g_assert_null (evaluation_framework_parse (text->str, text->len, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "nested more than 512 levels"));
}

static gint64
import_file (Fixture     *f,
             const char  *path,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GPtrArray) candidates = stead_import_detect (f->importers, file, NULL, NULL);
  SteadImportOptions options = { 0 };

  /* Found by its content, as `stead-cli import` and the dialog find it. */
  g_assert_nonnull (candidates);
  g_assert_cmpuint (candidates->len, ==, 1);
  g_assert_cmpstr (stead_importer_get_id (g_ptr_array_index (candidates, 0)), ==,
                   "evaluation-framework");
  if (!stead_import_run (f->plugins.ws, g_ptr_array_index (candidates, 0), file, &options, NULL,
                         NULL, NULL, &result, error))
    return -1;
  return (gint64) result->added * 10 + (gint64) result->updated;
}

static void
test_import_versions (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = framework_path ("undrr-scorecard.json");
  g_autofree char *text = read_framework ("undrr-scorecard.json");
  g_autoptr(JsonNode) root = json_from_string (text, NULL);
  g_autofree char *changed = NULL;
  g_autofree char *changed_path = NULL;
  g_autoptr(GFile) changed_file = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (import_file (f, path, &error), ==, 10);
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->plugins.ws, "SELECT count (*) FROM evaluation_framework"),
                   ==, 1);
  /* The same id and version again: updated, not doubled. */
  json_object_set_string_member (json_node_get_object (root), "title", "Scorecard, retitled");
  changed = json_to_string (root, TRUE);
  changed_file = stead_test_write_file (f->plugins.dir, "retitled.json", changed);
  changed_path = g_file_get_path (changed_file);
  g_assert_cmpint (import_file (f, changed_path, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->plugins.ws, "SELECT count (*) FROM evaluation_framework"),
                   ==, 1);
  g_assert_cmpint (stead_test_count (f->plugins.ws,
                                     "SELECT count (*) FROM evaluation_framework "
                                     "WHERE title = 'Scorecard, retitled'"), ==, 1);
  /* Another version is kept beside it. */
  json_object_set_string_member (json_node_get_object (root), "version", "2024");
  g_free (changed);
  changed = json_to_string (root, TRUE);
  g_clear_object (&changed_file);
  changed_file = stead_test_write_file (f->plugins.dir, "retitled.json", changed);
  g_assert_cmpint (import_file (f, changed_path, &error), ==, 10);
  g_assert_cmpint (stead_test_count (f->plugins.ws,
                                     "SELECT count (*) FROM evaluation_framework "
                                     "WHERE key = 'undrr-scorecard-preliminary'"), ==, 2);
  /* Each import is one undo step. */
  g_assert_true (stead_workspace_undo (f->plugins.ws, &error));
  g_assert_cmpint (stead_test_count (f->plugins.ws, "SELECT count (*) FROM evaluation_framework"),
                   ==, 1);
  g_assert_true (stead_workspace_undo (f->plugins.ws, &error));
  g_assert_cmpint (stead_test_count (f->plugins.ws,
                                     "SELECT count (*) FROM evaluation_framework "
                                     "WHERE title = 'Scorecard, retitled'"), ==, 0);
}

/* ------------------------------------------------------------------------ */
/* The arithmetic, against sums done by hand                                */

/* Two dimensions of unequal size on a 0..4 scale. */
static const char small_framework[] =
  "{ \"id\": \"small\", \"title\": \"Small\", \"version\": \"1\", "
  "  \"source\": { \"citation\": \"A test\" }, \"licence\": \"CC0\", "
  "  \"scale\": { \"values\": [ {\"value\": 4, \"label\": \"Four\"}, "
  "    {\"value\": 0, \"label\": \"Zero\"}, {\"value\": 1, \"label\": \"One\"}, "
  "    {\"value\": 2, \"label\": \"Two\"}, {\"value\": 3, \"label\": \"Three\"} ] }, "
  "  \"dimensions\": [ "
  "    { \"id\": \"a\", \"title\": \"A\", \"statements\": [ {\"id\": \"a1\", \"text\": \"A1\"}, "
  "      {\"id\": \"a2\", \"text\": \"A2\"} ] }, "
  "    { \"id\": \"b\", \"title\": \"B\", \"statements\": [ {\"id\": \"b1\", \"text\": \"B1\"}, "
  "      {\"id\": \"b2\", \"text\": \"B2\"}, {\"id\": \"b3\", \"text\": \"B3\"} ] } ] }";

static EvaluationScores *
small_scores (gint64       id,
              const char  *date,
              const gint64 values[5])
{
  static const char * const ids[] = { "a1", "a2", "b1", "b2", "b3" };
  EvaluationScores *scores = evaluation_scores_new (id, date, date);

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *evidence = g_strdup_printf ("evidence %s %s", date, ids[i]);

      evaluation_scores_set (scores, ids[i], values[i]);
      evaluation_scores_set_evidence (scores, ids[i], evidence);
    }
  return scores;
}

#define CLOSE(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 1e-9)

static void
test_arithmetic (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EvaluationFramework) framework = evaluation_framework_parse (
    small_framework, strlen (small_framework), &error);
  /* a2 unscored in the earlier one. */
  const gint64 earlier_values[5] = { 4, -1, 0, 2, 1 };
  const gint64 later_values[5] = { 2, 3, 1, 2, 4 };
  g_autoptr(EvaluationScores) earlier = small_scores (1, "2025-03-01", earlier_values);
  g_autoptr(EvaluationScores) later = small_scores (2, "2026-03-01", later_values);
  g_autoptr(GArray) dims = NULL;
  g_autoptr(EvaluationComparison) comparison = NULL;
  g_autoptr(GPtrArray) history = g_ptr_array_new ();
  g_autoptr(GPtrArray) trends = NULL;
  EvaluationStatementChange *c;
  guint n_scored;

  g_assert_no_error (error);
  /* The scale is sorted, whatever the file's order. */
  g_assert_cmpint (g_array_index (framework->scale, EvaluationScaleValue, 0).value, ==, 0);
  g_assert_cmpint (g_array_index (framework->scale, EvaluationScaleValue, 4).value, ==, 4);

  dims = evaluation_score_dimensions (framework, earlier);
  /* A: 4 of one scored = 4/4; B: (0 + 2 + 1) / 3 = 1, 1/4. */
  g_assert_cmpuint (g_array_index (dims, EvaluationDimensionScore, 0).n_scored, ==, 1);
  g_assert_cmpuint (g_array_index (dims, EvaluationDimensionScore, 0).n_statements, ==, 2);
  CLOSE (g_array_index (dims, EvaluationDimensionScore, 0).mean, 4.0);
  CLOSE (g_array_index (dims, EvaluationDimensionScore, 0).normalised, 1.0);
  g_assert_cmpuint (g_array_index (dims, EvaluationDimensionScore, 1).n_scored, ==, 3);
  CLOSE (g_array_index (dims, EvaluationDimensionScore, 1).normalised, 0.25);
  /* Each dimension counts once: (1 + 0.25) / 2, not the statements' 7/16. */
  CLOSE (evaluation_score_overall (framework, earlier, &n_scored), 0.625);
  g_assert_cmpuint (n_scored, ==, 4);

  comparison = evaluation_compare (framework, earlier, later);
  /* A: 2.5/4 = 0.625, down 0.375; B: 7/3/4 = 0.58333, up 0.33333. */
  CLOSE (g_array_index (comparison->dimensions, EvaluationDimensionChange, 0).after, 0.625);
  CLOSE (g_array_index (comparison->dimensions, EvaluationDimensionChange, 0).delta, -0.375);
  g_assert_cmpint (g_array_index (comparison->dimensions, EvaluationDimensionChange, 0).move, ==,
                   EVALUATION_MOVE_DOWN);
  CLOSE (g_array_index (comparison->dimensions, EvaluationDimensionChange, 1).after, 7.0 / 12);
  CLOSE (g_array_index (comparison->dimensions, EvaluationDimensionChange, 1).delta,
         7.0 / 12 - 0.25);
  g_assert_cmpint (g_array_index (comparison->dimensions, EvaluationDimensionChange, 1).move, ==,
                   EVALUATION_MOVE_UP);
  CLOSE (comparison->overall_before, 0.625);
  CLOSE (comparison->overall_after, (0.625 + 7.0 / 12) / 2);

  g_assert_cmpuint (comparison->statements->len, ==, 5);
  c = &g_array_index (comparison->statements, EvaluationStatementChange, 0);  /* a1 4 -> 2 */
  g_assert_cmpint (c->move, ==, EVALUATION_MOVE_DOWN);
  g_assert_cmpint (c->delta, ==, -2);
  g_assert_cmpstr (c->evidence, ==, "evidence 2026-03-01 a1");
  c = &g_array_index (comparison->statements, EvaluationStatementChange, 1);  /* a2 - -> 3 */
  g_assert_cmpint (c->move, ==, EVALUATION_MOVE_UNKNOWN);
  g_assert_false (c->has_before);
  g_assert_true (c->has_after);
  c = &g_array_index (comparison->statements, EvaluationStatementChange, 2);  /* b1 0 -> 1 */
  g_assert_cmpint (c->move, ==, EVALUATION_MOVE_UP);
  g_assert_cmpint (c->delta, ==, 1);
  c = &g_array_index (comparison->statements, EvaluationStatementChange, 3);  /* b2 2 -> 2 */
  g_assert_cmpint (c->move, ==, EVALUATION_MOVE_SAME);
  g_assert_cmpint (c->delta, ==, 0);
  c = &g_array_index (comparison->statements, EvaluationStatementChange, 4);  /* b3 1 -> 4 */
  g_assert_cmpint (c->move, ==, EVALUATION_MOVE_UP);
  g_assert_cmpint (c->delta, ==, 3);
  g_assert_cmpuint (c->dimension, ==, 1);

  /* The other way round, every move turns over. */
  {
    g_autoptr(EvaluationComparison) back = evaluation_compare (framework, later, earlier);

    CLOSE (g_array_index (back->dimensions, EvaluationDimensionChange, 0).delta, 0.375);
    g_assert_cmpint (g_array_index (back->statements, EvaluationStatementChange, 0).move, ==,
                     EVALUATION_MOVE_UP);
    g_assert_cmpint (g_array_index (back->statements, EvaluationStatementChange, 4).delta, ==,
                     -3);
    g_assert_cmpstr (g_array_index (back->statements, EvaluationStatementChange, 4).evidence, ==,
                     "evidence 2025-03-01 b3");
  }

  g_ptr_array_add (history, earlier);
  g_ptr_array_add (history, later);
  trends = evaluation_trends (framework, history);
  g_assert_cmpuint (trends->len, ==, 2);
  CLOSE (g_array_index ((GArray *) g_ptr_array_index (trends, 0), EvaluationTrendPoint,
                        0).normalised, 1.0);
  CLOSE (g_array_index ((GArray *) g_ptr_array_index (trends, 0), EvaluationTrendPoint,
                        1).normalised, 0.625);
  CLOSE (g_array_index ((GArray *) g_ptr_array_index (trends, 1), EvaluationTrendPoint,
                        0).normalised, 0.25);
  g_assert_cmpstr (g_array_index ((GArray *) g_ptr_array_index (trends, 1), EvaluationTrendPoint,
                                  1).date, ==, "2026-03-01");

  /* Nothing scored: no score, not zero. */
  {
    g_autoptr(EvaluationScores) none = evaluation_scores_new (3, "2027-01-01", "none");
    g_autoptr(GArray) empty = evaluation_score_dimensions (framework, none);

    g_assert_true (isnan (g_array_index (empty, EvaluationDimensionScore, 0).normalised));
    g_assert_true (isnan (evaluation_score_overall (framework, none, NULL)));
  }
}

/* A scale that does not start at 0: normalised from its lowest value. */
static void
test_scale_from_one (void)
{
  g_autoptr(GString) text = g_string_new (small_framework);
  g_autoptr(GError) error = NULL;
  g_autoptr(EvaluationFramework) framework = NULL;
  g_autoptr(EvaluationScores) scores = evaluation_scores_new (1, "2026-01-01", "one");
  g_autoptr(GArray) dims = NULL;

  /* Values 1..5 instead of 0..4. */
  g_string_replace (text, "{\"value\": 0,", "{\"value\": 5,", 1);
  framework = evaluation_framework_parse (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (evaluation_framework_scale_min (framework), ==, 1);
  g_assert_cmpint (evaluation_framework_scale_max (framework), ==, 5);
  evaluation_scores_set (scores, "a1", 3);
  evaluation_scores_set (scores, "b1", 1);
  evaluation_scores_set (scores, "b2", 5);
  dims = evaluation_score_dimensions (framework, scores);
  /* (3 - 1) / (5 - 1); B: mean 3, the same. */
  CLOSE (g_array_index (dims, EvaluationDimensionScore, 0).normalised, 0.5);
  CLOSE (g_array_index (dims, EvaluationDimensionScore, 1).normalised, 0.5);
  evaluation_scores_set (scores, "a1", 1);
  g_array_unref (g_steal_pointer (&dims));
  dims = evaluation_score_dimensions (framework, scores);
  CLOSE (g_array_index (dims, EvaluationDimensionScore, 0).normalised, 0.0);
}

static void
test_overdue (void)
{
  g_assert_true (evaluation_action_is_overdue ("open", "2026-01-01", "2026-01-02"));
  g_assert_true (evaluation_action_is_overdue ("in-progress", "2025-12-31", "2026-01-02"));
  g_assert_false (evaluation_action_is_overdue ("open", "2026-01-02", "2026-01-02"));
  g_assert_false (evaluation_action_is_overdue ("open", "2026-01-03", "2026-01-02"));
  g_assert_false (evaluation_action_is_overdue ("done", "2025-01-01", "2026-01-02"));
  g_assert_false (evaluation_action_is_overdue ("dropped", "2025-01-01", "2026-01-02"));
  g_assert_false (evaluation_action_is_overdue ("open", NULL, "2026-01-02"));
}

/* ------------------------------------------------------------------------ */
/* The model, on the demo                                                   */

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  SteadWorkspace *ws = f->plugins.ws;
  g_autoptr(GError) error = NULL;
  g_autoptr(EvaluationFramework) framework = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autofree char *today = evaluation_today ();
  gint64 five = stead_workspace_query_int64 (
    ws, "SELECT id FROM evaluation_framework WHERE key = 'five-features'", NULL, 0);
  gint64 overdue_sql;
  guint overdue = 0;

  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM evaluation_assessment"), ==, 3);
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM evaluation_assessment a "
                                         "JOIN evaluation_framework f ON f.id = a.framework "
                                         "WHERE f.key = 'nrs-lrf'"), ==, 1);
  /* Two of the five features, a year apart, with evidence and partners. */
  history = evaluation_history_load (ws, five, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpint (stead_test_count (ws, "SELECT CAST (julianday (max (date)) - "
                                         "julianday (min (date)) AS INTEGER) FROM "
                                         "evaluation_assessment a JOIN evaluation_framework f "
                                         "ON f.id = a.framework WHERE f.key = 'five-features'"),
                   ==, 365);
  g_assert_cmpuint (g_hash_table_size (((EvaluationScores *) g_ptr_array_index (history,
                                                                                1))->evidence),
                    ==, 15);
  g_assert_cmpint (stead_test_count (ws, "SELECT count (DISTINCT organisation) "
                                         "FROM evaluation_participant"), ==, 6);
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM evaluation_action "
                                         "WHERE status = 'done' AND done IS NOT NULL"), ==, 2);

  /* Overdue, by SQL's own date arithmetic against the library's. */
  overdue_sql = stead_test_count (ws, "SELECT count (*) FROM evaluation_action WHERE "
                                      "due < date ('now', 'localtime') AND "
                                      "status NOT IN ('done', 'dropped')");
  open = evaluation_open_actions_load (ws, today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 4);
  for (guint i = 0; i < open->len; i++)
    overdue += ((EvaluationOpenAction *) g_ptr_array_index (open, i))->overdue;
  g_assert_cmpint (overdue, ==, overdue_sql);
  g_assert_cmpint (overdue, ==, 2);
  /* By due date, earliest first. */
  for (guint i = 1; i < open->len; i++)
    g_assert_cmpstr (((EvaluationOpenAction *) g_ptr_array_index (open, i - 1))->due, <=,
                     ((EvaluationOpenAction *) g_ptr_array_index (open, i))->due);

  /* Strategy and leadership by hand: (1 + 1 + 0) / 3 of 3, then (2 + 1 + 1) / 3 of 3. */
  {
    g_autoptr(GArray) first = evaluation_assessment_dimension_scores (
      ws, ((EvaluationScores *) g_ptr_array_index (history, 0))->assessment, &framework, &error);
    g_autoptr(GArray) second = evaluation_assessment_dimension_scores (
      ws, ((EvaluationScores *) g_ptr_array_index (history, 1))->assessment, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (((EvaluationDimension *) g_ptr_array_index (framework->dimensions,
                                                                 0))->title, ==,
                     "Strategy and leadership");
    CLOSE (g_array_index (first, EvaluationDimensionScore, 0).normalised, 2.0 / 9);
    CLOSE (g_array_index (second, EvaluationDimensionScore, 0).normalised, 4.0 / 9);
    /* Management systems had one statement unscored at first. */
    g_assert_cmpuint (g_array_index (first, EvaluationDimensionScore, 2).n_scored, ==, 2);
    /* Operations went down: (1 + 1 + 0) then (1 + 0 + 1): the same; 2 of 9 each. */
    CLOSE (g_array_index (second, EvaluationDimensionScore, 4).normalised, 2.0 / 9);
  }
}

static void
test_edits (Fixture       *f,
            gconstpointer  data)
{
  SteadWorkspace *ws = f->plugins.ws;
  g_autoptr(GError) error = NULL;
  gint64 org = stead_workspace_query_int64 (
    ws, "SELECT id FROM partners_organisation WHERE name = 'Tewkesbury Mosque'", NULL, 0);
  gint64 id, action;

  g_assert_cmpint (org, >, 0);
  id = evaluation_assessment_start (ws, "undrr-scorecard.json", 0, "2026-06-01", "Scorecard",
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* A score, then Undo: gone; a value off the scale is refused. */
  g_assert_true (evaluation_score_set (ws, id, "e01.1", 2, "high", "Board minutes", &error));
  g_assert_cmpint (stead_workspace_query_int64 (ws, "SELECT score FROM evaluation_score "
                                                    "WHERE assessment = ?1 AND statement = 'e01.1'",
                                                STEAD_ARGS (STEAD_INT (id))), ==, 2);
  g_assert_true (evaluation_score_set (ws, id, "e01.1", 3, "high", "Board minutes", &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_workspace_query_int64 (ws, "SELECT score FROM evaluation_score "
                                                    "WHERE assessment = ?1 AND statement = 'e01.1'",
                                                STEAD_ARGS (STEAD_INT (id))), ==, 3);
  g_assert_true (stead_workspace_undo (ws, &error));
  g_assert_cmpint (stead_workspace_query_int64 (ws, "SELECT score FROM evaluation_score "
                                                    "WHERE assessment = ?1 AND statement = 'e01.1'",
                                                STEAD_ARGS (STEAD_INT (id))), ==, 2);
  g_assert_false (evaluation_score_set (ws, id, "e01.1", 5, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "is not a value of the scale"));
  g_clear_error (&error);
  g_assert_false (evaluation_score_set (ws, id, "nope", 1, NULL, NULL, &error));
  g_clear_error (&error);
  g_assert_false (evaluation_score_set (ws, id, "e01.1", 1, "certain", NULL, &error));
  g_clear_error (&error);

  g_assert_cmpint (evaluation_evidence_add (ws, id, "e01.1", "https://example.org/minutes",
                                            NULL, &error), >, 0);
  g_assert_cmpint (evaluation_evidence_add (ws, id, "e01.1", "Plans/minutes.pdf", NULL, &error),
                   >, 0);
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM evaluation_evidence "
                                         "WHERE kind = 'link'"), ==, 1);
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM evaluation_evidence "
                                         "WHERE kind = 'document'"), ==, 2);

  g_assert_true (evaluation_participant_set (ws, id, org, TRUE, &error));
  action = evaluation_action_add (ws, id, "e01-organise", NULL, "Name a lead", org, NULL,
                                  "2026-07-01", &error);
  g_assert_cmpint (action, >, 0);
  g_assert_true (evaluation_action_set_status (ws, action, "done", "2026-06-20", &error));
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM evaluation_action "
                                         "WHERE done = '2026-06-20'"), ==, 1);
  g_assert_true (evaluation_action_set_status (ws, action, "open", "2026-06-20", &error));
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM evaluation_action "
                                         "WHERE done IS NOT NULL AND text = 'Name a lead'"),
                   ==, 0);

  /* The organisation removed: it no longer took part, its actions have no owner. */
  g_assert_true (stead_workspace_remove_record (ws, "organisation", org, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM evaluation_participant "
                                         "WHERE organisation NOT IN "
                                         "(SELECT id FROM partners_organisation)"), ==, 0);
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM evaluation_action WHERE "
                                         "owner_organisation IS NOT NULL AND owner_organisation "
                                         "NOT IN (SELECT id FROM partners_organisation)"), ==, 0);

  /* The personal columns are registered. */
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM stead_personal_data WHERE "
                                         "owner = 'evaluation'"), ==, 2);
}

/* ------------------------------------------------------------------------ */
/* The charts, against the sums done by hand                                */

static void
test_charts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EvaluationFramework) framework = evaluation_framework_parse (
    small_framework, strlen (small_framework), &error);
  const gint64 earlier_values[5] = { 4, -1, 0, 2, 1 };
  const gint64 later_values[5] = { 2, 3, 1, 2, 4 };
  g_autoptr(EvaluationScores) earlier = small_scores (1, "2025-04-01", earlier_values);
  g_autoptr(EvaluationScores) later = small_scores (2, "2026-04-01", later_values);
  const EvaluationScores *both[] = { earlier, later };
  g_autoptr(SteadChart) one = NULL;
  g_autoptr(SteadChart) two = NULL;
  g_autoptr(SteadChart) trends = NULL;
  g_autoptr(GPtrArray) history = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) columns = NULL;

  g_assert_no_error (error);
  /* Unscored is -1 in small_scores: clear it, as the model does. */
  g_hash_table_remove (earlier->scores, "a2");

  one = evaluation_chart_radar (framework, both + 1, 1);
  g_assert_cmpint (stead_chart_get_kind (one), ==, STEAD_CHART_RADAR);
  g_assert_cmpuint (stead_chart_get_n_categories (one), ==, 2);
  g_assert_cmpstr (stead_chart_get_category (one, 0), ==, "A");
  g_assert_cmpstr (stead_chart_get_category (one, 1), ==, "B");
  g_assert_cmpuint (stead_chart_get_n_series (one), ==, 1);
  /* A: (2 + 3) / 2 = 2.5 of 4; B: (1 + 2 + 4) / 3 of 4. */
  CLOSE (stead_chart_get_value (one, 0, 0), 62.5);
  CLOSE (stead_chart_get_value (one, 0, 1), 700.0 / 12);
  g_assert_cmpstr (stead_chart_get_title (one), ==, "Score per dimension: 2026-04-01");

  two = evaluation_chart_radar (framework, both, 2);
  g_assert_cmpuint (stead_chart_get_n_series (two), ==, 2);
  /* Earlier: A only a1 scored, 4 of 4; B (0 + 2 + 1) / 3 = 1 of 4. */
  CLOSE (stead_chart_get_value (two, 0, 0), 100);
  CLOSE (stead_chart_get_value (two, 0, 1), 25);
  CLOSE (stead_chart_get_value (two, 1, 0), 62.5);
  /* Two overlaid: told apart by their dates, the table's columns. */
  g_assert_cmpstr (stead_chart_get_series_name (two, 0), ==, "2025-04-01");
  g_assert_cmpstr (stead_chart_get_series_name (two, 1), ==, "2026-04-01");
  columns = stead_chart_get_table (two, &rows);
  g_assert_cmpuint (g_strv_length (columns), ==, 3);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 0))[0], ==, "A");
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 0))[1], ==, "100%");
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 1))[1], ==, "25%");
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 1))[2], ==, "58%");
  g_ptr_array_unref (rows);
  g_strfreev (columns);
  /* One alone: the table says how many statements each score stands on. */
  columns = stead_chart_get_table (one, &rows);
  g_assert_cmpuint (g_strv_length (columns), ==, 2);
  g_assert_cmpstr (columns[1], ==, "2026-04-01 (2026-04-01)");
  g_assert_nonnull (strstr (((char **) g_ptr_array_index (rows, 0))[1], "2 of 2 scored"));
  g_assert_nonnull (strstr (((char **) g_ptr_array_index (rows, 1))[1], "58%"));
  g_assert_nonnull (strstr (((char **) g_ptr_array_index (rows, 1))[1], "3 of 3 scored"));

  /* Nothing scored: no value to draw. */
  {
    g_autoptr(EvaluationScores) none = evaluation_scores_new (3, "2027-01-01", "None");
    const EvaluationScores *empty[] = { none };
    g_autoptr(SteadChart) blank = evaluation_chart_radar (framework, empty, 1);

    g_assert_false (evaluation_scores_any (none));
    g_assert_true (evaluation_scores_any (later));
    g_assert_true (stead_chart_is_empty (blank));
  }

  /* Trends: a point an assessment (the dates across), a line a dimension. */
  g_ptr_array_add (history, earlier);
  g_ptr_array_add (history, later);
  trends = evaluation_chart_trends (framework, history);
  g_assert_cmpint (stead_chart_get_kind (trends), ==, STEAD_CHART_LINE);
  g_assert_cmpuint (stead_chart_get_n_categories (trends), ==, 2);
  g_assert_cmpstr (stead_chart_get_category (trends, 0), ==, "2025-04-01");
  g_assert_cmpstr (stead_chart_get_category (trends, 1), ==, "2026-04-01");
  g_assert_cmpuint (stead_chart_get_n_series (trends), ==, 2);
  g_assert_cmpstr (stead_chart_get_series_name (trends, 1), ==, "B");
  CLOSE (stead_chart_get_value (trends, 0, 0), 100);
  CLOSE (stead_chart_get_value (trends, 0, 1), 62.5);
  CLOSE (stead_chart_get_value (trends, 1, 0), 25);
  CLOSE (stead_chart_get_value (trends, 1, 1), 700.0 / 12);
}

/* ------------------------------------------------------------------------ */
/* Frameworks a plugin or the user puts in a data directory                 */

static void
test_offered (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->plugins.dir, "frameworks", NULL);
  g_autofree char *missing = g_build_filename (f->plugins.dir, "nowhere", NULL);
  const char *dirs[] = { missing, dir, NULL };
  g_autofree char *five = read_framework ("five-features.json");
  g_autofree char *bad_title = g_strdup (small_framework);
  g_autoptr(GFile) good = NULL;
  g_autoptr(GFile) bad = NULL;
  g_autoptr(GFile) junk = NULL;
  g_autoptr(GPtrArray) offered = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *good_path = NULL;
  g_autofree char *bad_path = NULL;
  g_autofree char *junk_path = NULL;
  EvaluationOfferedFramework *last;
  gint64 id;
  char *at;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  /* "title": a number, where the schema wants a string. */
  at = strstr (bad_title, "\"Small\"");
  memcpy (at, "12345  ", 7);
  good = stead_test_write_file (dir, "b-small.json", small_framework);
  bad = stead_test_write_file (dir, "a-bad.json", bad_title);
  junk = stead_test_write_file (dir, "c-junk.json", "{ \"dimensions\": [ ");
  g_object_unref (stead_test_write_file (dir, "d-again.json", five));
  g_object_unref (stead_test_write_file (dir, "notes.txt", "not a framework"));
  good_path = g_file_get_path (good);
  bad_path = g_file_get_path (bad);
  junk_path = g_file_get_path (junk);

  offered = evaluation_frameworks_offered (dirs, &problems);
  /* The three shipped, then the one good file; the copy of a shipped one once. */
  g_assert_cmpuint (offered->len, ==, 4);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (((EvaluationOfferedFramework *) g_ptr_array_index (offered, i))->name, ==,
                     shipped[i]);
  last = g_ptr_array_index (offered, 3);
  g_assert_cmpstr (last->name, ==, good_path);
  g_assert_cmpstr (last->framework->key, ==, "small");
  /* Each bad file named, with the JSON path of its problem. */
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), bad_path));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "$.title"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 1), junk_path));

  /* Started from its file: the framework is kept in the workspace. */
  id = evaluation_assessment_start (f->plugins.ws, last->name, 0, "2026-05-01", "Small one",
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (stead_test_count (f->plugins.ws,
                                     "SELECT count (*) FROM evaluation_assessment a "
                                     "JOIN evaluation_framework f ON f.id = a.framework "
                                     "WHERE f.key = 'small' AND a.title = 'Small one'"), ==, 1);
  /* A bad one is refused with its JSON path, and changes nothing. */
  g_assert_cmpint (evaluation_assessment_start (f->plugins.ws, bad_path, 0, "2026-05-01", "Bad",
                                                &error), <, 0);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "$.title"));
  g_clear_error (&error);
  g_assert_cmpint (evaluation_assessment_start (f->plugins.ws, "../five-features.json", 0,
                                                "2026-05-01", "Relative", &error), <, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpint (stead_test_count (f->plugins.ws, "SELECT count (*) FROM evaluation_assessment"),
                   ==, 1);
  g_assert_cmpint (stead_test_count (f->plugins.ws, "SELECT count (*) FROM evaluation_framework"),
                   ==, 1);
}

/* The five features in the demo's latest assessment, counted by hand from
 * evaluation-demo.c: a dimension's three scores over 9. */
static const struct { const char *title; const char *percent; } five_latest[] = {
  { "Strategy and leadership", "44%" }, { "Intelligence", "44%" },
  { "Management systems", "44%" }, { "Coordination and communication", "56%" },
  { "Operations", "22%" },
};

/* The HTML form: the same figures, as inline SVG with their tables. */
static void
test_report_html (Fixture *f)
{
  g_autofree char *html = g_build_filename (f->plugins.dir, "report.html", NULL);
  g_autofree char *text = NULL;
  const char *section;
  SteadTestCli cli;
  guint figures = 0, svgs = 0;

  cli = stead_test_run_cli ("report", stead_workspace_get_path (f->plugins.ws), "--output", html,
                            NULL);
  g_assert_cmpint (cli.status, ==, 0);
  stead_test_cli_clear (&cli);
  g_assert_true (g_file_get_contents (html, &text, NULL, NULL));
  section = strstr (text, ">Self-assessment of the capability</h2>");
  g_assert_nonnull (section);
  for (const char *p = section; (p = strstr (p, "<figure>")) != NULL; p++)
    figures++;
  for (const char *p = section; (p = strstr (p, "<svg")) != NULL; p++)
    svgs++;
  /* Five features: latest, comparison, trends; the standards: latest. */
  g_assert_cmpuint (figures, >=, 4);
  g_assert_cmpuint (svgs, >=, 4);
  g_assert_nonnull (strstr (section, "<figcaption>Radar chart: Score per dimension: Annual "
                                     "self-assessment"));
  g_assert_nonnull (strstr (section, "<figcaption>Line chart: Score per dimension over time"));
  for (guint d = 0; d < G_N_ELEMENTS (five_latest); d++)
    {
      g_autofree char *row = g_strdup_printf ("<td>%s</td><td>%s (3 of 3 scored)</td>",
                                              five_latest[d].title, five_latest[d].percent);

      g_assert_nonnull (strstr (section, row));
    }
  /* The trends' table: a row a dimension, a column an assessment. */
  g_assert_nonnull (strstr (section, "<td>Management systems</td><td>33%</td><td>44%</td>"));
}

static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->plugins.dir, "report.pdf", NULL);
  g_autoptr(GString) all = g_string_new (NULL);
  SteadTestCli cli;
  guint pages;

  if (!stead_test_have_poppler ())
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  cli = stead_test_run_cli ("report", stead_workspace_get_path (f->plugins.ws), "--output", pdf,
                            NULL);
  g_assert_cmpint (cli.status, ==, 0);
  stead_test_cli_clear (&cli);
  pages = stead_test_pdf_pages (pdf);
  for (guint p = 1; p <= pages; p++)
    {
      g_autofree char *text = stead_test_pdf_text (pdf, p);
      g_string_append (all, text);
    }
  g_assert_nonnull (strstr (all->str, "Self-assessment of the capability"));
  g_assert_nonnull (strstr (all->str, "Latest assessment: Annual self-assessment"));
  g_assert_nonnull (strstr (all->str, "Since First self-assessment"));
  g_assert_nonnull (strstr (all->str, "Statements that moved"));
  g_assert_nonnull (strstr (all->str, "Open and overdue actions"));
  g_assert_nonnull (strstr (all->str, "4 actions open, of which 2 overdue."));
  /* Strategy and leadership: 2/9 = 22% then 4/9 = 44%. */
  g_assert_nonnull (strstr (all->str, "+22 points"));
  g_assert_nonnull (strstr (all->str, "Latest assessment: Standards self-assurance"));

  /* The radar and its numbers: a dimension's score, on how many statements. */
  g_assert_nonnull (strstr (all->str, "Score per dimension: Annual self-assessment"));
  g_assert_nonnull (strstr (all->str, "Radar chart: Score per dimension: Annual self-assessment"));
  for (guint d = 0; d < G_N_ELEMENTS (five_latest); d++)
    {
      g_autofree char *cell = g_strdup_printf ("%s (3 of 3 scored)", five_latest[d].percent);

      g_assert_nonnull (strstr (all->str, five_latest[d].title));
      g_assert_nonnull (strstr (all->str, cell));
    }
  /* The two overlaid, and the trends. */
  g_assert_nonnull (strstr (all->str, "Radar chart: Score per dimension: "));
  g_assert_nonnull (strstr (all->str, "2 series"));
  g_assert_nonnull (strstr (all->str, "Line chart: Score per dimension over time, "
                                      "2 categories, 5 series"));
  /* An open action says what it is about. */
  g_assert_nonnull (strstr (all->str, "About"));
  g_assert_nonnull (strstr (all->str, "Operations: The"));

  test_report_html (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/evaluation/frameworks/shipped-validate", test_shipped_validate);
  g_test_add_func ("/evaluation/frameworks/shipped-resources", test_shipped_resources);
  g_test_add_func ("/evaluation/frameworks/independent-oracle", test_shipped_oracle);
  g_test_add_func ("/evaluation/frameworks/too-deep", test_too_deep);
  g_test_add ("/evaluation/frameworks/bad-refused", Fixture, NULL, fixture_setup,
              test_bad_refused, fixture_teardown);
  g_test_add ("/evaluation/import/versions", Fixture, NULL, fixture_setup, test_import_versions,
              fixture_teardown);
  g_test_add_func ("/evaluation/score/arithmetic", test_arithmetic);
  g_test_add_func ("/evaluation/score/scale-from-one", test_scale_from_one);
  g_test_add_func ("/evaluation/score/overdue", test_overdue);
  g_test_add ("/evaluation/model/demo", Fixture, "demo", fixture_setup, test_demo,
              fixture_teardown);
  g_test_add ("/evaluation/model/edits", Fixture, "demo", fixture_setup, test_edits,
              fixture_teardown);
  g_test_add_func ("/evaluation/charts", test_charts);
  g_test_add ("/evaluation/frameworks/offered", Fixture, NULL, fixture_setup, test_offered,
              fixture_teardown);
  g_test_add ("/evaluation/report", Fixture, "demo", fixture_setup, test_report,
              fixture_teardown);
  return g_test_run ();
}
