/* test-groups-exchange.c: target groups' Census counts, IMD and HXL/CSV
 * exports with small-number suppression, headless
 *
 * The oracles read the fixture files and the exports with plain string
 * handling of their own (test_split), never with the importers' code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stead.h"
#include "stead-test-util.h"
#include "groups.h"

typedef struct
{
  char              *dir;
  GSettings         *settings;
  SteadPluginEngine *engine;
  SteadWorkspace    *ws;
  GPtrArray         *importers;
  GPtrArray         *exporters;
} Fixture;

#define TS003_ALONE_66 \
  "Household composition: One person household: Aged 66 years and over; measures: Value"
#define TS003_ALONE_OTHER "Household composition: One person household: Other; measures: Value"
#define TS029_NOT_WELL \
  "Proficiency in English language: Main language is not English (English or Welsh in Wales): " \
  "Cannot speak English well"
#define TS029_NOT_AT_ALL \
  "Proficiency in English language: Main language is not English (English or Welsh in Wales): " \
  "Cannot speak English"

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *enabled[] = { "partners", "risks", "groups", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("stead-groups-exchange-XXXXXX", &error);
  g_assert_no_error (error);
  f->settings = g_settings_new (APP_ID);
  g_settings_set_strv (f->settings, "enabled-plugins", enabled);
  f->engine = stead_plugin_engine_new (f->settings);
  stead_plugin_engine_load_enabled (f->engine);
  f->importers = stead_import_list_importers (f->engine);
  f->exporters = stead_export_list_exporters (f->engine);
  path = g_build_filename (f->dir, "ws.gpkg", NULL);
  f->ws = stead_workspace_create (path, "Test", f->engine, &error);
  g_assert_no_error (error);
  /* The real wards and LSOAs of Tewkesbury, and the demo's groups. */
  g_assert_true (stead_demo_populate (f->ws, 50, 5, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  stead_workspace_close (f->ws);
  g_clear_object (&f->ws);
  g_ptr_array_unref (f->importers);
  g_ptr_array_unref (f->exporters);
  g_clear_object (&f->engine);
  g_clear_object (&f->settings);
  stead_test_rm_rf (f->dir);
  g_free (f->dir);
}

static GFile *
data_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "groups", name, NULL);

  return g_file_new_for_path (path);
}

static char *
data_text (const char *name)
{
  g_autoptr(GFile) file = data_file (name);
  char *text = NULL;

  g_assert_true (g_file_load_contents (file, NULL, &text, NULL, NULL, NULL));
  return text;
}

/* @text as a file of the test's own. */
static GFile *
test_file (Fixture    *f,
           const char *name,
           const char *text)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return g_file_new_for_path (path);
}

static void
assert_detected (Fixture    *f,
                 GFile      *file,
                 const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = stead_import_detect (f->importers, file, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (stead_importer_get_id (g_ptr_array_index (found, 0)), ==, id);
}

/* Imports @name with "key", "value", … options (NULL-terminated). */
static gboolean
import_with (Fixture            *f,
             const char         *id,
             GFile              *file,
             gboolean            dry_run,
             gboolean            skip_rejected,
             SteadImportResult **result,
             GError            **error,
             ...)
{
  g_autoptr(GHashTable) table = g_hash_table_new (g_str_hash, g_str_equal);
  SteadImportOptions options = { .dry_run = dry_run, .skip_rejected = skip_rejected,
                                 .options = table };
  SteadImporter *importer = stead_import_find_importer (f->importers, id, NULL, NULL);
  const char *key;
  va_list args;

  g_assert_nonnull (importer);
  va_start (args, error);
  while ((key = va_arg (args, const char *)) != NULL)
    g_hash_table_insert (table, (gpointer) key, va_arg (args, char *));
  va_end (args);
  return stead_import_run (f->ws, importer, file, &options, NULL, NULL, NULL, result, error);
}

static char *
export_text (Fixture    *f,
             const char *id,
             gboolean    personal)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  SteadExportOptions options = { .include_personal = personal };
  g_autoptr(GError) error = NULL;

  g_assert_true (stead_exporter_run (stead_export_find_exporter (f->exporters, id, NULL), f->ws,
                                     out, &options, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

/* ------------------------------------------------------------------------ */
/* The oracle: CSV read with plain string handling (quotes, "" inside).      */

static GPtrArray *
test_split (const char *line)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) cell = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line;; p++)
    {
      if (quoted && *p == '"' && p[1] == '"')
        g_string_append_c (cell, '"'), p++;
      else if (*p == '"')
        quoted = !quoted;
      else if ((*p == ',' && !quoted) || *p == '\0' || *p == '\r' || *p == '\n')
        {
          g_ptr_array_add (cells, g_strdup (cell->str));
          g_string_truncate (cell, 0);
          if (*p != ',')
            break;
        }
      else
        g_string_append_c (cell, *p);
    }
  return cells;
}

/* Every row of a text, split; the first is the header. */
static GPtrArray *
test_rows (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && lines[i][0] != '\r')
      g_ptr_array_add (rows, test_split (lines[i]));
  return rows;
}

static GPtrArray *
test_file_rows (const char *name)
{
  g_autofree char *text = data_text (name);

  return test_rows (text);
}

static int
test_column (GPtrArray  *rows,
             const char *name)
{
  GPtrArray *header = g_ptr_array_index (rows, 0);

  for (guint c = 0; c < header->len; c++)
    if (g_str_equal (g_ptr_array_index (header, c), name))
      return (int) c;
  g_error ("no column “%s”", name);
}

static const char *
test_cell (GPtrArray *rows,
           guint      row,
           int        column)
{
  return g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, row), column);
}

static gint64
group_id (Fixture    *f,
          const char *name)
{
  return stead_workspace_query_int64 (f->ws, "SELECT id FROM groups_group WHERE name = ?1",
                                      STEAD_ARGS (STEAD_STRING (name)));
}

static gint64
count_in (Fixture    *f,
          gint64      group,
          const char *code)
{
  return stead_workspace_query_int64 (
    f->ws,
    "SELECT coalesce ((SELECT c.count FROM groups_count c JOIN area a ON a.fid = c.area "
    "WHERE c.group_id = ?1 AND a.code = ?2), -1)",
    STEAD_ARGS (STEAD_INT (group), STEAD_STRING (code)));
}

/* Each row's count in the workspace is the sum of @columns in the file. */
static void
assert_counts_are (Fixture            *f,
                   gint64              group,
                   const char         *file,
                   const char * const *columns)
{
  g_autoptr(GPtrArray) rows = test_file_rows (file);
  int code = test_column (rows, "geography code");

  g_assert_cmpuint (rows->len, >, 1);
  for (guint r = 1; r < rows->len; r++)
    {
      gint64 expected = 0;

      for (guint c = 0; columns[c] != NULL; c++)
        expected += g_ascii_strtoll (test_cell (rows, r, test_column (rows, columns[c])), NULL, 10);
      g_assert_cmpint (count_in (f, group, test_cell (rows, r, code)), ==, expected);
    }
}

/* ------------------------------------------------------------------------ */
/* Census                                                                    */

/* A new group's counts per ward come from the column chosen, summed;
 * the group is made by the import, and named in what it says. */
static void
test_census_counts (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GFile) file = data_file ("census2021-ts003-ward.csv");
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(SteadImportResult) dry = NULL;
  g_autoptr(GError) error = NULL;
  gint64 groups = stead_test_count (f->ws, "SELECT count (*) FROM groups_group");
  gint64 counts = stead_test_count (f->ws, "SELECT count (*) FROM groups_count");
  gint64 group;

  /* A dry run says what would happen, and changes nothing. */
  g_assert_true (import_with (f, "groups-census", file, TRUE, FALSE, &dry, &error, "group",
                              "Older people on their own", "columns", TS003_ALONE_66, NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (dry->added, ==, 6);
  g_assert_cmpuint (dry->updated, ==, 0);
  g_assert_cmpuint (dry->rejects->len, ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_group"), ==, groups);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_count"), ==, counts);

  g_assert_true (import_with (f, "groups-census", file, FALSE, FALSE, &result, &error, "group",
                              "Older people on their own", "columns", TS003_ALONE_66, NULL));
  g_assert_no_error (error);
  g_assert_true (result->committed);
  g_assert_cmpuint (result->added, ==, dry->added);
  g_assert_cmpuint (result->linked_names->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result->linked_names, 0),
                            "Older people on their own"));
  group = group_id (f, "Older people on their own");
  g_assert_cmpint (group, >, 0);
  assert_counts_are (f, group, "census2021-ts003-ward.csv", STEAD_STRV (TS003_ALONE_66));
  /* The source from the file's name; the date is Census Day 2021. */
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws,
                     "SELECT count (*) FROM groups_count WHERE group_id = ?1 "
                     "AND source = 'ONS Census 2021 TS003' AND date = '2021-03-21'",
                     STEAD_ARGS (STEAD_INT (group))), ==, 6);
  /* An area the file does not name has no count. */
  g_assert_cmpint (count_in (f, group, "E05004428"), ==, -1);
}

/* Two columns summed (people who cannot speak English well, or at all),
 * named by the end of their names as a user would type them; another
 * column gives other counts. */
static void
test_census_sum_and_choice (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GFile) ts029 = data_file ("census2021-ts029-ward.csv");
  g_autoptr(GFile) ts003 = data_file ("census2021-ts003-ward.csv");
  g_autoptr(GFile) ts045 = data_file ("census2021-ts045-lsoa.csv");
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(SteadImportResult) other = NULL;
  g_autoptr(SteadImportResult) lsoa = NULL;
  g_autoptr(GError) error = NULL;
  gint64 older = group_id (f, "Older people living alone");
  gint64 cars = group_id (f, "Households without a car");

  g_assert_true (import_with (f, "groups-census", ts029, FALSE, FALSE, &result, &error, "group",
                              "Little or no English", "columns",
                              "cannot speak english well | Cannot speak English", NULL));
  g_assert_no_error (error);
  assert_counts_are (f, group_id (f, "Little or no English"), "census2021-ts029-ward.csv",
                     STEAD_STRV (TS029_NOT_WELL, TS029_NOT_AT_ALL));

  /* An existing group, by name: its counts in these wards are replaced. */
  g_assert_true (import_with (f, "groups-census", ts003, FALSE, FALSE, &other, &error, "group",
                              "older people living alone", "columns", "One person household: Other",
                              NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (other->updated, ==, 6);
  g_assert_cmpuint (other->linked_names->len, ==, 0);
  assert_counts_are (f, older, "census2021-ts003-ward.csv", STEAD_STRV (TS003_ALONE_OTHER));

  /* LSOAs are areas too; by the group's id. */
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, cars);

    g_assert_true (import_with (f, "groups-census", ts045, FALSE, FALSE, &lsoa, &error, "group",
                                id, "columns", "No cars or vans in household", "date",
                                "2021-03-21", NULL));
    g_assert_no_error (error);
    g_assert_cmpuint (lsoa->added, ==, 4);
    assert_counts_are (f, cars, "census2021-ts045-lsoa.csv",
                       STEAD_STRV ("Number of cars or vans: No cars or vans in household"));
  }
}

/* A code that is no area of the workspace is rejected by line, and
 * nothing is imported: not the other rows, not the new group. */
static void
test_census_unknown_code (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GFile) file = data_file ("census2021-ts003-ward-unknown.csv");
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(SteadImportResult) skipped = NULL;
  g_autoptr(GError) error = NULL;
  gint64 groups = stead_test_count (f->ws, "SELECT count (*) FROM groups_group");
  gint64 counts = stead_test_count (f->ws, "SELECT count (*) FROM groups_count");
  SteadImportReject *reject;

  g_assert_false (import_with (f, "groups-census", file, FALSE, FALSE, &result, &error, "group",
                               "Older people on their own", "columns", TS003_ALONE_66, NULL));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_REJECTED);
  g_assert_nonnull (result);
  g_assert_false (result->committed);
  g_assert_cmpuint (result->rejects->len, ==, 1);
  reject = g_ptr_array_index (result->rejects, 0);
  g_assert_cmpuint (reject->line, ==, 5);
  g_assert_cmpstr (reject->reason, ==, "E05009999 is not an area of this workspace");
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_group"), ==, groups);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_count"), ==, counts);
  g_assert_cmpint (group_id (f, "Older people on their own"), ==, 0);

  /* Skipping the reject imports the rest. */
  g_clear_error (&error);
  g_assert_true (import_with (f, "groups-census", file, FALSE, TRUE, &skipped, &error, "group",
                              "Older people on their own", "columns", TS003_ALONE_66, NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (skipped->added, ==, 4);
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count (*) FROM groups_count WHERE group_id = ?1",
                     STEAD_ARGS (STEAD_INT (group_id (f, "Older people on their own")))), ==, 4);
}

/* Importing again updates each count (one per group and area). */
static void
test_census_reimport (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GFile) file = data_file ("census2021-ts003-ward.csv");
  g_autoptr(SteadImportResult) first = NULL;
  g_autoptr(SteadImportResult) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 group, rows;

  g_assert_true (import_with (f, "groups-census", file, FALSE, FALSE, &first, &error, "group",
                              "Living alone", "columns", TS003_ALONE_66, NULL));
  g_assert_no_error (error);
  group = group_id (f, "Living alone");
  rows = stead_test_count (f->ws, "SELECT count (*) FROM groups_count");
  g_assert_true (import_with (f, "groups-census", file, FALSE, FALSE, &again, &error, "group",
                              "Living alone", "columns",
                              TS003_ALONE_66 "|" TS003_ALONE_OTHER, "source", "Census TS003",
                              NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (again->added, ==, 0);
  g_assert_cmpuint (again->updated, ==, 6);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_count"), ==, rows);
  assert_counts_are (f, group, "census2021-ts003-ward.csv",
                     STEAD_STRV (TS003_ALONE_66, TS003_ALONE_OTHER));
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count (*) FROM groups_count WHERE group_id = ?1 "
                     "AND source = 'Census TS003'", STEAD_ARGS (STEAD_INT (group))), ==, 6);
}

/* The choices the import needs, asked for by their labels. */
static void
test_census_options (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = data_file ("census2021-ts003-ward.csv");
  gint64 counts = stead_test_count (f->ws, "SELECT count (*) FROM groups_count");
  g_autoptr(GError) error = NULL;

  g_assert_false (import_with (f, "groups-census", file, TRUE, FALSE, NULL, &error, "group",
                               "Living alone", NULL));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION);
  g_assert_nonnull (strstr (error->message, "Columns counted"));
  g_clear_error (&error);
  g_assert_false (import_with (f, "groups-census", file, TRUE, FALSE, NULL, &error, "columns",
                               TS003_ALONE_66, NULL));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION);
  g_assert_nonnull (strstr (error->message, "Target group"));
  g_clear_error (&error);
  /* Three columns say "aged 66 years and over": the message names them. */
  g_assert_false (import_with (f, "groups-census", file, TRUE, FALSE, NULL, &error, "group",
                               "Living alone", "columns", "aged 66 years and over; measures",
                               NULL));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION);
  g_assert_nonnull (strstr (error->message, "All aged 66 years and over"));
  g_clear_error (&error);
  g_assert_false (import_with (f, "groups-census", file, TRUE, FALSE, NULL, &error, "group",
                               "Living alone", "columns", "Aged 99 and over", NULL));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_count"), ==, counts);
}

/* Which format a file is, by its header. */
static void
test_detect (Fixture       *f,
             gconstpointer  data)
{
  static const char * const files[][2] = {
    { "census2021-ts003-ward.csv", "groups-census" },
    { "census2021-ts038-ward.csv", "groups-census" },
    { "census2021-ts045-lsoa.csv", "groups-census" },
    { "imd2019-file7-sample.csv", "groups-imd" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GFile) file = data_file (files[i][0]);

      assert_detected (f, file, files[i][1]);
    }
}

/* ------------------------------------------------------------------------ */
/* IMD                                                                       */

static double
attribute (Fixture    *f,
           const char *code,
           const char *name)
{
  g_autofree char *text = stead_workspace_query_text (
    f->ws,
    "SELECT v.value FROM groups_area_attribute v JOIN area a ON a.fid = v.area "
    "WHERE a.code = ?1 AND v.attribute = ?2",
    STEAD_ARGS (STEAD_STRING (code), STEAD_STRING (name)));

  return text != NULL ? g_ascii_strtod (text, NULL) : -1;
}

static void
test_imd (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GFile) file = data_file ("imd2019-file7-sample.csv");
  g_autoptr(GPtrArray) rows = test_file_rows ("imd2019-file7-sample.csv");
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(SteadImportResult) again = NULL;
  g_autoptr(GError) error = NULL;
  int code = test_column (rows, "LSOA code (2011)");
  int score = test_column (rows, "Index of Multiple Deprivation (IMD) Score");
  int rank =
    test_column (rows, "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)");
  int decile = test_column (
    rows, "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)");
  int crime = test_column (rows, "Crime Decile (where 1 is most deprived 10% of LSOAs)");
  guint inside = 0;

  g_assert_true (import_with (f, "groups-imd", file, FALSE, FALSE, &result, &error, NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 4);
  g_assert_cmpuint (result->skipped, ==, 3);
  g_assert_cmpuint (result->rejects->len, ==, 0);
  g_assert_cmpuint (result->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (result->warnings, 0), ==,
                   "3 LSOAs outside this workspace skipped");
  for (guint r = 1; r < rows->len; r++)
    {
      const char *lsoa = test_cell (rows, r, code);

      if (!g_str_has_prefix (test_cell (rows, r, 3), "Tewkesbury"))
        {
          g_assert_cmpfloat (attribute (f, lsoa, "imd-decile"), ==, -1);
          continue;
        }
      inside++;
      g_assert_cmpfloat_with_epsilon (attribute (f, lsoa, "imd-score"),
                                      g_ascii_strtod (test_cell (rows, r, score), NULL), 1e-9);
      g_assert_cmpfloat (attribute (f, lsoa, "imd-rank"), ==,
                         g_ascii_strtod (test_cell (rows, r, rank), NULL));
      g_assert_cmpfloat (attribute (f, lsoa, "imd-decile"), ==,
                         g_ascii_strtod (test_cell (rows, r, decile), NULL));
      g_assert_cmpfloat (attribute (f, lsoa, "imd-crime-decile"), ==,
                         g_ascii_strtod (test_cell (rows, r, crime), NULL));
    }
  g_assert_cmpuint (inside, ==, 4);
  /* 12 attributes each: score, rank, decile and 9 domain deciles. */
  g_assert_cmpint (stead_test_count (f->ws,
                                     "SELECT count (*) FROM groups_area_attribute WHERE "
                                     "source = 'English Indices of Deprivation 2019 (MHCLG)'"),
                   ==, 4 * 12);

  g_assert_true (import_with (f, "groups-imd", file, FALSE, FALSE, &again, &error, NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (again->added, ==, 0);
  g_assert_cmpuint (again->updated, ==, 4);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_area_attribute"), ==,
                   4 * 12);
}

/* The 2025 indices, by LSOAs of 2021, are read the same and say so. */
static void
test_imd_2025 (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *text = data_text ("imd2019-file7-sample.csv");
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *at = strstr (text, "LSOA code (2011)");

  g_assert_nonnull (at);
  memcpy (at, "LSOA code (2021)", strlen ("LSOA code (2021)"));
  file = test_file (f, "iod2025.csv", text);
  assert_detected (f, file, "groups-imd");
  g_assert_true (import_with (f, "groups-imd", file, FALSE, FALSE, &result, &error, NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 4);
  g_assert_cmpint (stead_test_count (f->ws,
                                     "SELECT count (*) FROM groups_area_attribute WHERE "
                                     "source = 'English Indices of Deprivation 2025 (MHCLG)'"),
                   ==, 4 * 12);
}

/* A decile that is not one, in an LSOA of the workspace, is rejected by
 * line and nothing is imported; in another LSOA it is no concern. */
static void
test_imd_bad_value (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *text = data_text ("imd2019-file7-sample.csv");
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) edited = g_string_new (NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SteadImportReject *reject;

  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);
      g_autofree char *line = NULL;

      /* The IMD decile is the 7th column: Tewkesbury 005A (line 6) and
       * the City of London 001A (line 2). */
      if (g_str_has_prefix (lines[i], "E01022432") || g_str_has_prefix (lines[i], "E01000001"))
        {
          g_free (cells[6]);
          cells[6] = g_strdup ("11");
        }
      line = g_strjoinv (",", cells);
      g_string_append_printf (edited, "%s\n", line);
    }
  file = test_file (f, "bad-file7.csv", edited->str);
  g_assert_false (import_with (f, "groups-imd", file, FALSE, FALSE, &result, &error, NULL));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_REJECTED);
  g_assert_cmpuint (result->rejects->len, ==, 1);
  reject = g_ptr_array_index (result->rejects, 0);
  g_assert_cmpuint (reject->line, ==, 6);
  g_assert_nonnull (strstr (reject->reason, "“11”"));
  g_assert_nonnull (strstr (reject->reason, "decile from 1 to 10"));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_area_attribute"), ==, 0);
}

/* The whole of England: 32,844 rows, the workspace's 50 LSOAs among
 * them, the rest skipped, fast. */
static void
test_imd_full_size (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) sample = test_file_rows ("imd2019-file7-sample.csv");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *path = g_build_filename (f->dir, "file7.csv", NULL);
  GPtrArray *header = g_ptr_array_index (sample, 0);
  guint n = 0, n_lsoas = 0;
  gint64 start;
  double seconds;

  for (guint c = 0; c < header->len; c++)
    g_string_append_printf (text, "%s\"%s\"", c > 0 ? "," : "",
                            (char *) g_ptr_array_index (header, c));
  g_string_append (text, "\r\n");
  stmt = stead_workspace_prepare (f->ws, "SELECT code FROM area WHERE kind = 'lsoa'", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_string_append_printf (text, "%s,Tewkesbury,E07000083,Tewkesbury,12.5,%u,%u",
                              sqlite3_column_text (stmt, 0), 1000 + n, 1 + n % 10);
      for (guint c = 7; c < header->len; c++)
        g_string_append (text, ",3");
      g_string_append (text, "\r\n");
      n++;
      n_lsoas++;
    }
  for (; n < 32844; n++)
    {
      g_string_append_printf (text, "E99%06u,Elsewhere %u,E06000001,Elsewhere,20.25,%u,5", n,
                              n, n + 1);
      for (guint c = 7; c < header->len; c++)
        g_string_append (text, ",7");
      g_string_append (text, "\r\n");
    }
  g_assert_cmpuint (n_lsoas, ==, 50);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  file = g_file_new_for_path (path);

  start = g_get_monotonic_time ();
  import_with (f, "groups-imd", file, FALSE, FALSE, &result, &error, NULL);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_assert_no_error (error);
  g_assert_true (result->committed);
  g_test_message ("imported File 7 (32,844 rows) in %.3f s", seconds);
  g_assert_cmpuint (result->added, ==, 50);
  g_assert_cmpuint (result->skipped, ==, 32794);
  g_assert_cmpstr (g_ptr_array_index (result->warnings, 0), ==,
                   "32,794 LSOAs outside this workspace skipped");
  g_assert_cmpfloat (seconds, <, 5.0);
}

/* ------------------------------------------------------------------------ */
/* Exports                                                                   */

static gint64
area_id (Fixture    *f,
         const char *code)
{
  return stead_workspace_query_int64 (f->ws, "SELECT fid FROM area WHERE code = ?1",
                                      STEAD_ARGS (STEAD_STRING (code)));
}

static void
set_count (Fixture    *f,
           gint64      group,
           const char *code,
           gint64      count)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (groups_count_set (f->ws, group, area_id (f, code), count, "Test", "2021-03-21",
                                   &error));
  g_assert_no_error (error);
}

/* The HXL row of @group in @code, or NULL. */
static GPtrArray *
hxl_row (GPtrArray  *rows,
         const char *group,
         const char *code)
{
  for (guint r = 2; r < rows->len; r++)
    if (g_str_equal (test_cell (rows, r, 0), code) && g_str_equal (test_cell (rows, r, 3), group))
      return g_ptr_array_index (rows, r);
  return NULL;
}

static const char *
hxl_cell (GPtrArray  *rows,
          const char *group,
          const char *code,
          const char *tag)
{
  GPtrArray *tags = g_ptr_array_index (rows, 1);
  GPtrArray *row = hxl_row (rows, group, code);

  g_assert_nonnull (row);
  for (guint c = 0; c < tags->len; c++)
    if (g_str_equal (g_ptr_array_index (tags, c), tag))
      return g_ptr_array_index (row, c);
  g_error ("no tag %s", tag);
}

/* Both bounds (4 hidden, 5 shown), 0 shown as 0, and a group whose total
 * would give its one small cell away. */
static void
test_hxl_suppression (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  gint64 bounds = groups_group_add (f->ws, "Bounds", NULL, &error);
  gint64 lonely = groups_group_add (f->ws, "One small cell", NULL, &error);
  gint64 tiny = groups_group_add (f->ws, "Tiny", NULL, &error);
  int counted;

  g_assert_no_error (error);
  set_count (f, bounds, "E05004408", 4);
  set_count (f, bounds, "E05004422", 5);
  set_count (f, bounds, "E05004425", 0);
  set_count (f, bounds, "E05004427", 1);
  set_count (f, bounds, "E05008574", 12);
  set_count (f, lonely, "E05004408", 3);
  set_count (f, lonely, "E05004422", 8);
  set_count (f, lonely, "E05004425", 20);
  set_count (f, lonely, "E05004427", 0);
  set_count (f, tiny, "E05004408", 3);
  set_count (f, tiny, "E05004422", 0);

  text = export_text (f, "groups-hxl", FALSE);
  rows = test_rows (text);
  /* A header row, then the HXL hashtags. */
  g_assert_cmpstr (test_cell (rows, 0, 0), ==, "Area code");
  g_assert_cmpstr (test_cell (rows, 1, 0), ==, "#adm3+code");
  g_assert_cmpstr (test_cell (rows, 1, 1), ==, "#adm3+name");
  g_assert_cmpstr (test_cell (rows, 1, 5), ==, "#population");
  g_assert_cmpstr (test_cell (rows, 1, 6), ==, "#inneed+households");
  g_assert_cmpstr (test_cell (rows, 1, 7), ==, "#reached");

  g_assert_cmpstr (hxl_cell (rows, "Bounds", "E05004408", "#population"), ==, "");
  g_assert_nonnull (strstr (hxl_cell (rows, "Bounds", "E05004408", "#meta+note"),
                            "Fewer than 5"));
  g_assert_cmpstr (hxl_cell (rows, "Bounds", "E05004427", "#population"), ==, "");
  g_assert_cmpstr (hxl_cell (rows, "Bounds", "E05004422", "#population"), ==, "5");
  g_assert_cmpstr (hxl_cell (rows, "Bounds", "E05004422", "#meta+note"), ==, "");
  g_assert_cmpstr (hxl_cell (rows, "Bounds", "E05004425", "#population"), ==, "0");
  g_assert_cmpstr (hxl_cell (rows, "Bounds", "E05008574", "#population"), ==, "12");
  g_assert_cmpstr (hxl_cell (rows, "Bounds", "E05008574", "#adm3+name"), ==,
                   "Tewkesbury Prior's Park");

  /* One small cell: the smallest other is left empty with it, so the
   * group's total (in the groups export) less the cells shown is two
   * cells, never the small one. */
  g_assert_cmpstr (hxl_cell (rows, "One small cell", "E05004408", "#population"), ==, "");
  g_assert_cmpstr (hxl_cell (rows, "One small cell", "E05004422", "#population"), ==, "");
  g_assert_nonnull (strstr (hxl_cell (rows, "One small cell", "E05004422", "#meta+note"),
                            "total"));
  g_assert_cmpstr (hxl_cell (rows, "One small cell", "E05004425", "#population"), ==, "20");
  g_assert_cmpstr (hxl_cell (rows, "One small cell", "E05004427", "#population"), ==, "0");

  /* No number from 1 to 4 anywhere in a count column; every group's
   * empty counts are none or two or more, unless its total is hidden. */
  /* A group's estimated size is a count too: 4 hidden, 5 shown. */
  g_assert_cmpint (stead_workspace_edit (f->ws, "groups", "Sizes",
                                         "UPDATE groups_group SET size = CASE name "
                                         "WHEN 'Tiny' THEN 4 WHEN 'Bounds' THEN 5 END "
                                         "WHERE name IN ('Tiny', 'Bounds')",
                                         NULL, 0, &error), ==, 2);
  g_assert_no_error (error);
  csv = export_text (f, "groups-csv", FALSE);
  groups = test_rows (csv);
  counted = test_column (groups, "counted");
  for (guint g = 1; g < groups->len; g++)
    {
      const char *name = test_cell (groups, g, 1);
      const char *total = test_cell (groups, g, counted);
      guint empty = 0, cells = 0;

      for (guint r = 2; r < rows->len; r++)
        if (g_str_equal (test_cell (rows, r, 3), name))
          {
            cells++;
            empty += test_cell (rows, r, 5)[0] == '\0';
          }
      if (total[0] != '\0')
        g_assert_true (empty == 0 || empty >= 2);
      if (g_str_equal (name, "Tiny"))
        {
          g_assert_cmpuint (cells, ==, 2);
          g_assert_cmpstr (total, ==, "");
          g_assert_cmpstr (test_cell (groups, g, test_column (groups, "size")), ==, "");
          g_assert_cmpstr (test_cell (groups, g, test_column (groups, "note")), ==,
                           "Fewer than 5: left empty");
        }
      if (g_str_equal (name, "Bounds"))
        {
          g_assert_cmpstr (total, ==, "22");
          g_assert_cmpstr (test_cell (groups, g, test_column (groups, "size")), ==, "5");
          g_assert_cmpstr (test_cell (groups, g, test_column (groups, "note")), ==, "");
        }
    }
  for (guint r = 2; r < rows->len; r++)
    for (guint c = 5; c <= 7; c++)
      {
        gint64 v = g_ascii_strtoll (test_cell (rows, r, c), NULL, 10);

        g_assert_false (v >= 1 && v <= 4);
      }

  /* The threshold is the workspace's: at 10, the 8 is hidden by itself. */
  g_assert_true (groups_setting_set (f->ws, "suppress-below", 10, &error));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&rows, g_ptr_array_unref);
  text = export_text (f, "groups-hxl", FALSE);
  rows = test_rows (text);
  g_assert_nonnull (strstr (hxl_cell (rows, "One small cell", "E05004422", "#meta+note"),
                            "Fewer than 10"));
  g_assert_cmpstr (hxl_cell (rows, "Bounds", "E05008574", "#population"), ==, "12");
}

/* Households of a list are counted per ward (#inneed), suppressed like
 * every count, and no one is ever named, even when personal data is
 * asked for. */
static void
test_exports_never_personal (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadTransaction) txn = NULL;
  gint64 group = group_id (f, "Dependent on powered medical equipment");
  gint64 northway = area_id (f, "E05004422");
  gint64 mitton = area_id (f, "E05004427");
  gint64 newtown = area_id (f, "E05004425");
  gint64 list;

  txn = stead_workspace_begin (f->ws, "groups", "Test households", &error);
  g_assert_no_error (error);
  /* The demo's own household lists go first: the counts are this test's. */
  g_assert_cmpint (stead_transaction_run (txn, "DELETE FROM groups_household", NULL, 0, &error),
                   >=, 0);
  list = stead_transaction_run (
    txn,
    "INSERT INTO groups_household_list (name, group_id, lawful_basis, received, retention) "
    "VALUES ('Test PSR', ?1, 'public-task', '2026-01-01', '2027-01-01')",
    STEAD_ARGS (STEAD_INT (group)), &error);
  g_assert_cmpint (list, >, 0);
  /* 6 in Northway, 2 in Mitton, 1 in Newtown: two small cells, so the
   * 6 may be shown. */
  for (int i = 0; i < 9; i++)
    {
      g_autofree char *ref = g_strdup_printf ("PSR-REF-%04d", i);
      g_autofree char *name = g_strdup_printf ("Zebedee Quartermain-%d", i);

      g_assert_cmpint (stead_transaction_run (
                         txn,
                         "INSERT INTO groups_household (list, reference, postcode, needs, name, "
                         "phone, address, area) VALUES (?, ?, 'GL20 5RL', '14 22', ?, "
                         "'07700 900461', '1 Fictional Row', ?)",
                         STEAD_ARGS (STEAD_INT (list), STEAD_STRING (ref), STEAD_STRING (name),
                                     STEAD_INT (i < 6 ? northway : i < 8 ? mitton : newtown)),
                         &error), >, 0);
    }
  g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));
  g_assert_no_error (error);

  for (int personal = 0; personal <= 1; personal++)
    {
      g_autofree char *hxl = export_text (f, "groups-hxl", personal);
      g_autofree char *csv = export_text (f, "groups-csv", personal);
      g_autoptr(GPtrArray) rows = test_rows (hxl);
      const char *group_name = "Dependent on powered medical equipment";

      g_assert_cmpstr (hxl_cell (rows, group_name, "E05004422", "#inneed+households"), ==, "6");
      g_assert_cmpstr (hxl_cell (rows, group_name, "E05004427", "#inneed+households"), ==, "");
      g_assert_cmpstr (hxl_cell (rows, group_name, "E05004425", "#inneed+households"), ==, "");
      g_assert_cmpstr (hxl_cell (rows, group_name, "E05004408", "#inneed+households"), ==, "0");
      for (guint i = 0; i < 2; i++)
        {
          const char *text = i == 0 ? hxl : csv;

          g_assert_null (strstr (text, "Zebedee"));
          g_assert_null (strstr (text, "Quartermain"));
          g_assert_null (strstr (text, "07700"));
          g_assert_null (strstr (text, "PSR-REF"));
          g_assert_null (strstr (text, "GL20 5RL"));
          g_assert_null (strstr (text, "Fictional Row"));
        }
    }
}

/* The groups out and back in: a new workspace gets them, the same one
 * updates them; a wrong cause is rejected by line. */
static void
test_groups_csv (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *csv = export_text (f, "groups-csv", FALSE);
  g_autofree char *path = g_build_filename (f->dir, "groups.csv", NULL);
  g_autofree char *bad_path = g_build_filename (f->dir, "bad.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(SteadImportResult) again = NULL;
  g_autoptr(SteadImportResult) fresh = NULL;
  g_autoptr(SteadImportResult) rejected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = test_rows (csv);
  gint64 groups = stead_test_count (f->ws, "SELECT count (*) FROM groups_group");
  SteadImportReject *reject;
  gint64 older;

  g_assert_cmpuint (rows->len, ==, groups + 1);
  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  g_assert_true (import_with (f, "groups-csv", file, FALSE, FALSE, &again, &error, NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (again->added, ==, 0);
  g_assert_cmpuint (again->updated, ==, groups);

  g_assert_true (g_file_set_contents (
    bad_path,
    "name,category,size,causes,needs\n"
    "Tenants of Mythe Road flats,older-alone,40,capacity; awareness,food;heating\n"
    "Bargees,visitors,12,floating,information\n",
    -1, NULL));
  g_assert_false (import_with (f, "groups-csv", bad, FALSE, FALSE, &rejected, &error, NULL));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_REJECTED);
  g_assert_cmpuint (rejected->rejects->len, ==, 1);
  reject = g_ptr_array_index (rejected->rejects, 0);
  g_assert_cmpuint (reject->line, ==, 3);
  g_assert_nonnull (strstr (reject->reason, "floating"));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count (*) FROM groups_group"), ==, groups);
  g_clear_error (&error);
  g_assert_true (import_with (f, "groups-csv", bad, FALSE, TRUE, &fresh, &error, NULL));
  g_assert_no_error (error);
  older = group_id (f, "Tenants of Mythe Road flats");
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws,
                     "SELECT capacity * 1000 + agency * 100 + awareness * 10 + preparedness "
                     "FROM groups_group WHERE id = ?1", STEAD_ARGS (STEAD_INT (older))), ==, 1010);
  g_assert_cmpint (stead_workspace_query_int64 (
                     f->ws, "SELECT count (*) FROM groups_need WHERE group_id = ?1 "
                     "AND kind IN ('food', 'heating')", STEAD_ARGS (STEAD_INT (older))), ==, 2);
}

/* The rule itself, cell by cell. */
static void
test_suppress_cells (void)
{
  GroupsCell one[] = { { 3 }, { 9 }, { 7 }, { 0 }, { -1 } };
  GroupsCell two[] = { { 1 }, { 4 }, { 5 }, { 0 } };
  GroupsCell alone[] = { { 2 }, { 0 } };

  g_assert_cmpuint (groups_suppress_cells (one, G_N_ELEMENTS (one), 5), ==, 2);
  g_assert_true (one[0].suppressed && !one[0].secondary);
  g_assert_true (one[2].suppressed && one[2].secondary);
  g_assert_false (one[1].suppressed || one[3].suppressed || one[4].suppressed);
  g_assert_cmpuint (groups_suppress_cells (two, G_N_ELEMENTS (two), 5), ==, 2);
  g_assert_false (two[2].suppressed || two[3].suppressed);
  g_assert_cmpuint (groups_suppress_cells (alone, G_N_ELEMENTS (alone), 5), ==, 1);
  g_assert_false (groups_suppress_hides (0, 5));
  g_assert_true (groups_suppress_hides (4, 5));
  g_assert_false (groups_suppress_hides (5, 5));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/groups-exchange/census/counts", test_census_counts);
  ADD ("/groups-exchange/census/sum-and-choice", test_census_sum_and_choice);
  ADD ("/groups-exchange/census/unknown-code", test_census_unknown_code);
  ADD ("/groups-exchange/census/reimport", test_census_reimport);
  ADD ("/groups-exchange/census/options", test_census_options);
  ADD ("/groups-exchange/detect", test_detect);
  ADD ("/groups-exchange/imd/sample", test_imd);
  ADD ("/groups-exchange/imd/bad-value", test_imd_bad_value);
  ADD ("/groups-exchange/imd/2025", test_imd_2025);
  ADD ("/groups-exchange/imd/full-size", test_imd_full_size);
  ADD ("/groups-exchange/hxl/suppression", test_hxl_suppression);
  ADD ("/groups-exchange/exports/never-personal", test_exports_never_personal);
  ADD ("/groups-exchange/groups-csv", test_groups_csv);
#undef ADD
  g_test_add_func ("/groups-exchange/suppress-cells", test_suppress_cells);
  return g_test_run ();
}
