/* test-import-kit.c: the pieces a plugin's importer is built from
 *
 * A format described by a table; options it does not declare refused;
 * the row loop's typed getters, each rule's both bounds, rejecting with
 * the line and the field's name; the feature loop over GeoJSON and a
 * GeoPackage layer with any property of a feature.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stead-test-util.h"

typedef struct
{
  char           *dir;
  SteadWorkspace *ws;
  GString        *seen;       /* what the test format's rows gave, one line each */
  const char     *property;   /* the feature property the feature test shows */
} Fixture;

static Fixture *current;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("stead-import-kit-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "ws.gpkg", NULL);
  f->ws = stead_workspace_create (path, "Test area", NULL, &error);
  g_assert_no_error (error);
  f->seen = g_string_new (NULL);
  f->property = "colour";
  current = f;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  stead_workspace_close (f->ws);
  g_clear_object (&f->ws);
  stead_test_rm_rf (f->dir);
  g_free (f->dir);
  g_string_free (f->seen, TRUE);
  current = NULL;
}

/* ------------------------------------------------------------------------ */
/* A format with one field of each type                                     */

static const SteadChoice test_levels[] = {
  { "low", "Low" },
  { "high", "High" },
  { NULL }
};

static const SteadField test_fields[] = {
  { "name", "title", NULL, TRUE },
  { "count", "number", NULL, .type = STEAD_FIELD_INT, .min = 2, .max = 40 },
  { "ratio", NULL, NULL, .type = STEAD_FIELD_DOUBLE },
  { "ready", NULL, NULL, .type = STEAD_FIELD_BOOL },
  { "day", NULL, NULL, .type = STEAD_FIELD_DATE },
  { "kind", NULL, NULL, .type = STEAD_FIELD_TERM, .vocabulary = "need-kind" },
  { "level", NULL, NULL, .type = STEAD_FIELD_CHOICE, .choices = test_levels },
};

static const SteadFormatOption test_options[] = {
  { "prefix", "Put before every name" },
  { NULL }
};

static gboolean
test_row (SteadImportRow  *row,
          gpointer         user_data,
          GError         **error)
{
  SteadImportContext *context = stead_import_row_get_context (row);
  const char *name = NULL, *day = NULL, *kind = NULL, *level = NULL;
  const char *prefix = stead_import_context_get_option (context, "prefix");
  gint64 count = -1;
  double ratio = -1;
  gboolean ready = 2;

  if (!stead_import_row_get_text (row, "name", &name) ||
      !stead_import_row_get_int (row, "count", &count) ||
      !stead_import_row_get_double (row, "ratio", &ratio) ||
      !stead_import_row_get_bool (row, "ready", &ready) ||
      !stead_import_row_get_string (row, "day", &day) ||
      !stead_import_row_get_string (row, "kind", &kind) ||
      !stead_import_row_get_string (row, "level", &level))
    return TRUE;
  g_string_append_printf (current->seen, "%s%s|%" G_GINT64_FORMAT "|%g|%d|%s|%s|%s\n",
                          prefix ? prefix : "", name, count, ratio, ready, day ? day : "-",
                          kind ? kind : "-", level ? level : "-");
  stead_import_context_added (context, 1);
  return TRUE;
}

static gboolean
test_run (SteadImportContext  *context,
          GError             **error)
{
  return stead_import_context_foreach_row (context, NULL, test_row, NULL, error);
}

static const SteadImportFormat test_format = {
  .id = "test-kit",
  .title = "Test kit (CSV)",
  .extensions = STEAD_EXTENSIONS ("csv"),
  .fields = test_fields,
  .n_fields = G_N_ELEMENTS (test_fields),
  .options = test_options,
  .run = test_run,
};

static SteadImportResult *
run (Fixture     *f,
     const char  *csv,
     GHashTable  *options,
     GError     **error)
{
  g_autoptr(SteadImporter) importer = stead_importer_new (&test_format, "testkit");
  g_autoptr(GFile) file = stead_test_write_file (f->dir, "in.csv", csv);
  SteadImportOptions opts = { .dry_run = TRUE, .options = options };
  SteadImportResult *result = NULL;

  if (!stead_import_run (f->ws, importer, file, &opts, NULL, NULL, NULL, &result, error))
    g_clear_pointer (&result, stead_import_result_free);
  return result;
}

static const char *
reject_reason (SteadImportResult *result,
               guint              i)
{
  g_assert_cmpuint (i, <, result->rejects->len);
  return ((SteadImportReject *) g_ptr_array_index (result->rejects, i))->reason;
}

static guint64
reject_line (SteadImportResult *result,
             guint              i)
{
  return ((SteadImportReject *) g_ptr_array_index (result->rejects, i))->line;
}

static void
test_format_object (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SteadImporter) importer = stead_importer_new (&test_format, "testkit");
  const SteadImportField *fields;
  guint n = 0;

  g_assert_cmpstr (stead_importer_get_id (importer), ==, "test-kit");
  g_assert_cmpstr (stead_importer_get_title (importer), ==, "Test kit (CSV)");
  g_assert_cmpstr (stead_importer_get_owner (importer), ==, "testkit");
  g_assert_cmpstr (stead_importer_get_extensions (importer)[0], ==, "csv");
  g_assert_null (stead_importer_get_extensions (importer)[1]);
  fields = stead_importer_get_fields (importer, &n);
  g_assert_cmpuint (n, ==, 7);
  g_assert_cmpstr (fields[6].name, ==, "level");
  g_assert_cmpstr (stead_importer_get_options (importer)[0].key, ==, "prefix");
}

/* Every type read, and empty optional cells left alone. */
static void
test_typed_getters (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadImportResult) result = NULL;

  result = run (f,
                "title,number,ratio,ready,day,kind,level\n"
                "Alpha,2,0.5,yes,29/11/2026,Food,high\n"
                "Beta,40,-1e3,No,2026-01-02,drinking WATER,Low\n"
                "  Gamma  ,,,,,,\n",
                NULL, &error);
  g_assert_no_error (error);
  if (result->rejects->len > 0)
    g_test_message ("rejected: %s", reject_reason (result, 0));
  g_assert_cmpuint (result->rejects->len, ==, 0);
  g_assert_cmpuint (result->added, ==, 3);
  g_assert_cmpstr (f->seen->str, ==,
                   "Alpha|2|0.5|1|2026-11-29|food|high\n"
                   "Beta|40|-1000|0|2026-01-02|water|low\n"
                   "Gamma|-1|-1|2|-|-|-\n");
}

/* Each rule rejects the row, naming its line and the field; one reject a
 * row; the good rows still come through. */
static void
test_rejects (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  static const struct { const char *row; const char *reason;
  } cases[] = {
    { "A,1,,,,,", "count “1” is not a whole number from 2 to 40" },   /* below the minimum */
    { "B,41,,,,,", "count “41” is not a whole number from 2 to 40" }, /* above the maximum */
    { "C,2.5,,,,,", "count “2.5” is not a whole number from 2 to 40" },
    { "D,,half,,,,", "ratio “half” is not a number" },
    { "E,,,maybe,,,", "ready “maybe” is not yes or no" },
    { "F,,,,31/02/2026,,", "day “31/02/2026” is not a date (YYYY-MM-DD or DD/MM/YYYY)" },
    /* A wrong word gets the words that would do. */
    { "G,,,,,spaceships,",
      "kind “spaceships” is not one of: Clean-up and property protection, Drinking water, "
      "Emergency shelter, Emotional support, Food and essential shopping, Heating or cooling, "
      "Help to evacuate, Information in an accessible form, Medication collection or delivery, "
      "Power for medical equipment, Transport or Welfare check" },
    { "H,,,,,,medium", "level “medium” is not one of: Low or High" },
    { ",3,,,,,", "name is needed" },
    { "J,0,x,maybe,,,",
      "count “0” is not a whole number from 2 to 40" }, /* the first problem only */
  };
  g_autoptr(GString) csv = g_string_new ("name,count,ratio,ready,day,kind,level\n");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_string_append_printf (csv, "%s\nok%u,2,,,,,\n", cases[i].row, i);
  result = run (f, csv->str, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->rejects->len, ==, G_N_ELEMENTS (cases));
  g_assert_cmpuint (result->added, ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (reject_reason (result, i), ==, cases[i].reason);
      g_assert_cmpuint (reject_line (result, i), ==, 2 + 2 * i);
    }
}

/* Text as the row loop reads it without stead_field_parse(): every kind
 * of surrounding white space trimmed, the inside kept, a cell of white
 * space alone empty (and a required one rejected), as stead_field_parse()
 * reads the same cells. */
static void
test_text_cells (Fixture       *f,
                 gconstpointer  data)
{
  static const char *cells[] = { "plain", "\tTabbed\t", " two  words ", "x", " \t ", "\" a, b \"" };
  static const char *read[] = { "plain", "Tabbed", "two  words", "x", NULL, "a, b" };
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GString) csv = g_string_new ("name,count,ratio,ready,day,kind,level\n");
  g_autoptr(GString) expected = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      const char *unquoted = cells[i][0] == '"' ? " a, b " : cells[i];

      g_string_append_printf (csv, "%s,,,,,,\n", cells[i]);
      /* The oracle: the field parser on the same cell. */
      g_assert_true (stead_field_parse (&test_fields[0], NULL, unquoted, &value, NULL) ==
                     (read[i] != NULL));
      if (read[i] != NULL)
        {
          g_assert_cmpstr (g_value_get_string (&value), ==, read[i]);
          g_string_append_printf (expected, "%s|-1|-1|2|-|-|-\n", read[i]);
        }
    }
  result = run (f, csv->str, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->seen->str, ==, expected->str);
  g_assert_cmpuint (result->added, ==, G_N_ELEMENTS (cells) - 1);
  g_assert_cmpuint (result->rejects->len, ==, 1);
  g_assert_cmpstr (reject_reason (result, 0), ==, "name is needed");
  g_assert_cmpuint (reject_line (result, 0), ==, 6);
}

/* A choice written many ways over many rows: each row gets its own
 * choice, however often another spelling came before; a wrong word is
 * rejected each time it comes. */
static void
test_choice_cells (Fixture       *f,
                   gconstpointer  data)
{
  static const char *cells[] = { "Low", "high", "LOW", "medium", "High", "low", " high",
                                 "medium", "HIGH", "" };
  static const char *read[] = { "low", "high", "low", NULL, "high", "low", "high", NULL, "high",
                                "-" };
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GString) csv = g_string_new ("name,count,ratio,ready,day,kind,level\n");
  g_autoptr(GString) expected = g_string_new (NULL);

  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
      {
        g_string_append_printf (csv, "n%u,,,,,,%s\n", i, cells[i]);
        if (read[i] != NULL)
          g_string_append_printf (expected, "n%u|-1|-1|2|-|-|%s\n", i, read[i]);
      }
  result = run (f, csv->str, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->seen->str, ==, expected->str);
  g_assert_cmpuint (result->rejects->len, ==, 4);
  g_assert_cmpstr (reject_reason (result, 3), ==, "level “medium” is not one of: Low or High");
  g_assert_cmpuint (reject_line (result, 3), ==, 2 + G_N_ELEMENTS (cells) + 7);
}

/* A choice by code or label in any case; where one choice's label is
 * another's code, the first choice in the list wins, whichever way the
 * text matches it. */
static void
test_choice_order (void)
{
  static const SteadChoice crossed[] = {
    { "red", "Blue" },
    { "blue", "Red" },
    { "green", "Green" },
    { NULL }
  };
  static const struct { const char *text; const char *code; } cases[] = {
    { "red", "red" }, { "RED", "red" }, { "Blue", "red" }, { "blue", "red" },
    { "green", "green" }, { "GREEN", "green" }, { "Gr\u00e9en", NULL }, { "", NULL },
  };
  SteadField field = { "colour", NULL, NULL, .type = STEAD_FIELD_CHOICE, .choices = crossed };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_autoptr(GError) error = NULL;
      gboolean ok = stead_field_parse (&field, NULL, cases[i].text, &value, &error);

      if (cases[i].code == NULL && cases[i].text[0] != '\0')
        {
          g_assert_false (ok);
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
          continue;
        }
      g_assert_no_error (error);
      g_assert_true (ok);
      if (cases[i].code == NULL)
        g_assert_false (G_IS_VALUE (&value));
      else
        g_assert_cmpstr (g_value_get_string (&value), ==, cases[i].code);
    }
}

/* Options: the declared one reaches the format; any other is refused
 * before anything is read. */
static void
test_options_declared (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (options, "prefix", "x-");
  result = run (f, "name\nAlpha\n", options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->seen->str, ==, "x-Alpha|-1|-1|2|-|-|-\n");
  g_clear_pointer (&result, stead_import_result_free);

  g_hash_table_insert (options, "prefx", "y-");
  g_string_truncate (f->seen, 0);
  result = run (f, "name\nAlpha\n", options, &error);
  g_assert_null (result);
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION);
  g_assert_nonnull (strstr (error->message, "“prefx”"));
  g_assert_nonnull (strstr (error->message, "prefix"));
  g_assert_cmpstr (f->seen->str, ==, "");
}

/* The check before the first row sees the columns; failing it stops the
 * import with no row read. */
static gboolean
test_check_columns (SteadImportRow  *header,
                    gpointer         user_data,
                    GError         **error)
{
  if (!stead_import_row_has_column (header, "count"))
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT, "No count column");
      return FALSE;
    }
  return TRUE;
}

static gboolean
test_run_checked (SteadImportContext  *context,
                  GError             **error)
{
  return stead_import_context_foreach_row (context, test_check_columns, test_row, NULL, error);
}

static void
test_check_before_rows (Fixture       *f,
                        gconstpointer  data)
{
  SteadImportFormat format = test_format;
  g_autoptr(SteadImporter) importer = NULL;
  g_autoptr(GFile) file = stead_test_write_file (f->dir, "in.csv", "name,ratio\nAlpha,1\n");
  g_autoptr(GError) error = NULL;
  SteadImportOptions opts = { 0 };

  format.run = test_run_checked;
  importer = stead_importer_new (&format, NULL);
  g_assert_false (stead_import_run (f->ws, importer, file, &opts, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT);
  g_assert_cmpstr (error->message, ==, "No count column");
  g_assert_cmpstr (f->seen->str, ==, "");
  g_assert_cmpstr (stead_importer_get_owner (importer), ==, "core");
}

/* ------------------------------------------------------------------------ */
/* The feature loop                                                          */

static gboolean
test_feature (SteadFeature  *feature,
              gpointer       user_data,
              GError       **error)
{
  g_autofree char *colour = stead_feature_dup_property (feature, current->property);
  SteadEnvelope env;

  stead_geometry_get_envelope (stead_feature_get_geometry (feature), &env);
  g_string_append_printf (current->seen, "%" G_GUINT64_FORMAT "|%s|%s|%s|%.1f,%.1f\n",
                          stead_feature_get_index (feature), stead_feature_get_code (feature),
                          stead_feature_get_name (feature), colour ? colour : "-", env.min_x,
                          env.max_y);
  stead_import_context_added (stead_feature_get_context (feature), 1);
  return TRUE;
}

static gboolean
test_run_features (SteadImportContext  *context,
                   GError             **error)
{
  return stead_import_context_foreach_feature (context, test_feature, NULL, error);
}

static const SteadFormatOption test_feature_options[] = {
  STEAD_GEOJSON_OPTIONS,
  STEAD_GPKG_OPTIONS,
  { NULL }
};

static const SteadImportFormat test_feature_format = {
  .id = "test-features",
  .extensions = STEAD_EXTENSIONS ("geojson", "gpkg"),
  .options = test_feature_options,
  .run = test_run_features,
};

static SteadImportResult *
run_features (Fixture     *f,
              GFile       *file,
              GError     **error)
{
  g_autoptr(SteadImporter) importer = stead_importer_new (&test_feature_format, NULL);
  SteadImportOptions opts = { .dry_run = TRUE };
  SteadImportResult *result = NULL;

  if (!stead_import_run (f->ws, importer, file, &opts, NULL, NULL, NULL, &result, error))
    g_test_message ("%s", (*error)->message);
  g_assert_nonnull (result);
  return result;
}

#define SQUARE(x, y)                                                                               \
  "[[[" #x "," #y "],[" #x ".5," #y "],[" #x ".5," #y ".5],[" #x "," #y "],[" #x "," #y "]]]"

static void
test_features_geojson (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GFile) file = NULL;

  file = stead_test_write_file (
    f->dir, "areas.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"WD24CD\":\"E05001\",\"WD24NM\":\"Ashchurch\","
    "\"colour\":\"red\"},"
    " \"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE (
      -2, 51) "}},"
              "{\"type\":\"Feature\",\"properties\":{\"WD24CD\":\"E05002\",\"WD24NM\":"
              "\"Brockworth\"},"
              " \"geometry\":{\"type\":\"Point\",\"coordinates\":[-2,51]}},"
              "7,"
              "{\"type\":\"Feature\",\"properties\":{\"code\":7,\"name\":\"Cleeve\"},"
              " \"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE (-3, 52) "}}]}");
  result = run_features (f, file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->seen->str, ==, "1|E05001|Ashchurch|red|-2.5,51.5\n4|7|Cleeve|-|-3.5,52.5\n");
  g_assert_cmpuint (result->rejects->len, ==, 2);
  g_assert_cmpstr (reject_reason (result, 0), ==,
                   "feature 2: its geometry is a Point, not a Polygon or MultiPolygon");
  g_assert_cmpstr (reject_reason (result, 1), ==, "feature 3 is not an object");
}

static void
test_features_gpkg (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadWorkspace) other = NULL;
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(SteadGeometry) square = NULL;
  g_autofree char *path = g_build_filename (f->dir, "other.gpkg", NULL);
  SteadCoord ring[] = { { 1, 50 }, { 1.5, 50 }, { 1.5, 50.5 }, { 1, 50 } };

  /* A partner's GeoPackage: here, another workspace's area layer. */
  other = stead_workspace_create (path, "Other", NULL, &error);
  g_assert_no_error (error);
  square = stead_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
  txn = stead_workspace_begin (other, "core", "test", &error);
  g_assert_no_error (error);
  g_assert_cmpint (stead_transaction_insert_area (txn, "boundary", "E1", "Alpha", square, &error),
                   >, 0);
  g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));
  stead_workspace_close (other);

  file = g_file_new_for_path (path);
  f->property = "KIND";
  result = run_features (f, file, &error);
  g_assert_no_error (error);
  /* "kind" is any other column, read by name in any case. */
  g_assert_cmpuint (result->rejects->len, ==, 0);
  g_assert_cmpstr (f->seen->str, ==, "1|E1|Alpha|boundary|1.0,50.5\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/import-kit/format-object", test_format_object);
  ADD ("/import-kit/typed-getters", test_typed_getters);
  ADD ("/import-kit/rejects", test_rejects);
  ADD ("/import-kit/text-cells", test_text_cells);
  ADD ("/import-kit/choice-cells", test_choice_cells);
  g_test_add_func ("/import-kit/choice-order", test_choice_order);
  ADD ("/import-kit/options-declared", test_options_declared);
  ADD ("/import-kit/check-before-rows", test_check_before_rows);
  ADD ("/import-kit/features-geojson", test_features_geojson);
  ADD ("/import-kit/features-gpkg", test_features_gpkg);
#undef ADD

  return g_test_run ();
}
