/* groups-census.c: a target group's counts per area from an ONS Census
 * 2021 bulk table, as Nomis publishes them
 *
 * The bulk files (census2021-ts003-ward.csv, -lsoa.csv, …) have three
 * columns, "date", "geography" and "geography code", then one column
 * per category ("Household composition: One person household: Aged 66
 * years and over; measures: Value"). The officer picks the group, the
 * column or columns whose sum is the group's count, and the source; each
 * code must be an area of the workspace (a ward, an LSOA, a parish…),
 * and one that is not is rejected with its line, so that nothing is
 * imported unless the officer skips it. Importing again updates the
 * counts (one count per group and area).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "groups"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "groups.h"
#include "groups-private.h"

static const SteadField groups_census_fields[] = {
  { "geography_code", "geography code;area code;code;ward code;lsoa code;gss code", "#adm3 +code",
    TRUE, .label = N_("Area Code") },
  { "geography", "area;area name;name", "#adm3 +name", .label = N_("Area Name") },
  { "date", "year;census date", "#date", .label = N_("Date") },
};

#define GROUPS_CENSUS_COLUMNS_LABEL N_("Columns counted")
#define GROUPS_CENSUS_GROUP_LABEL N_("Target group")

static const SteadFormatOption groups_census_options[] = {
  { "group", N_("The group the counts are of: a group's name, or a new group's name"),
    GROUPS_CENSUS_GROUP_LABEL, STEAD_FIELD_RECORD, "target-group" },
  { "columns", N_("The columns whose sum is the group's count in each area"),
    GROUPS_CENSUS_COLUMNS_LABEL, STEAD_FORMAT_OPTION_COLUMNS },
  { "source", N_("Where the counts come from (by default the table the file name gives)"),
    N_("Source"), STEAD_FIELD_TEXT },
  { "date", N_("The date of the counts, YYYY-MM-DD (by default the file's “date” column)"),
    N_("Date of the counts"), STEAD_FIELD_TEXT },
  { NULL }
};

/* A Nomis bulk table: its three first columns say so. */
static guint
groups_census_detect (const SteadImportSample *sample)
{
  if (sample->content != STEAD_IMPORT_CONTENT_TEXT ||
      !stead_import_sample_has_column (sample, "date") ||
      !stead_import_sample_has_column (sample, "geography") ||
      !stead_import_sample_has_column (sample, "geography code"))
    return 0;
  return STEAD_IMPORT_FITS_SURELY;
}

/* "ONS Census 2021 TS003" from census2021-ts003-ward.csv. */
static char *
groups_census_default_source (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (basename, -1);
  const char *table = strstr (lower, "census2021-");

  if (table != NULL)
    {
      g_autofree char *code = g_strndup (table + strlen ("census2021-"),
                                         strcspn (table + strlen ("census2021-"), "-._"));
      g_autofree char *upper = g_ascii_strup (code, -1);

      if (upper[0] != '\0')
        return g_strdup_printf (_("ONS Census 2021 %s"), upper);
    }
  return g_strdup (_("ONS Census 2021"));
}

/* The day of a "date" cell: a date as people write it, or the year of a
 * census, which is its Census Day. NULL if neither. */
static char *
groups_census_parse_day (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (g_str_equal (trimmed, "2021"))
    return g_strdup ("2021-03-21");
  if (g_str_equal (trimmed, "2011"))
    return g_strdup ("2011-03-27");
  return trimmed[0] != '\0' ? stead_parse_day (trimmed) : NULL;
}

static gboolean
groups_census_run (SteadImportContext  *context,
                   GError             **error)
{
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  GCancellable *cancellable = stead_import_context_get_cancellable (context);
  g_autoptr(SteadColumnMap) map = NULL;
  g_autoptr(SteadCsvReader) reader = NULL;
  g_autoptr(GArray) counted = NULL;
  g_autoptr(GHashTable) areas = NULL;
  g_autoptr(GHashTable) had = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(sqlite3_stmt) existing = NULL;
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autofree char *source = NULL;
  g_autofree char *fixed_day = NULL;
  g_autoptr(GError) local_error = NULL;
  const char * const *header;
  const char *group_text, *columns_text, *text;
  const char * const *cells;
  guint n_cells;
  guint64 line, index = 0, size = 0;
  int code_column, date_column;
  gint64 group;
  SteadRows rows;

  group_text = stead_import_context_get_option (context, "group");
  if (group_text == NULL || strspn (group_text, " \t") == strlen (group_text))
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION,
                   _("Choose the “%s” the counts are of"), _(GROUPS_CENSUS_GROUP_LABEL));
      return FALSE;
    }
  text = stead_import_context_get_option (context, "date");
  if (text != NULL && (fixed_day = groups_census_parse_day (text)) == NULL)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION,
                   _("“%s” (in “%s”) is not a date: write it as YYYY-MM-DD"), text,
                   _("Date of the counts"));
      return FALSE;
    }

  reader = stead_import_context_open_csv (context, &map, error);
  if (reader == NULL)
    return FALSE;
  header = stead_csv_reader_get_header (reader);
  columns_text = stead_import_context_get_option (context, "columns");
  counted = stead_import_find_columns (header, columns_text, _(GROUPS_CENSUS_COLUMNS_LABEL), error);
  if (counted == NULL)
    return FALSE;
  code_column = stead_column_map_get_column (map, "geography_code");
  date_column = stead_column_map_get_column (map, "date");
  for (guint i = 0; i < counted->len; i++)
    if (g_array_index (counted, int, i) == code_column)
      {
        g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION,
                     _("“%s” holds the areas' codes: it cannot be counted"), header[code_column]);
        return FALSE;
      }

  group = stead_import_context_find_or_add_record (context, "target-group", group_text, error);
  if (group <= 0)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION,
                     _("There is no target group “%s”"), group_text);
      return FALSE;
    }
  text = stead_import_context_get_option (context, "source");
  source = text != NULL ? g_strstrip (g_strdup (text))
                        : groups_census_default_source (stead_import_context_get_file (context));

  areas = groups_areas_by_code (txn, error);
  if (areas == NULL)
    return FALSE;
  existing = stead_transaction_prepare (txn,
                                      "SELECT area FROM groups_count WHERE group_id = ?1", error);
  if (existing == NULL)
    return FALSE;
  sqlite3_bind_int64 (existing, 1, group);
  rows = (SteadRows) STEAD_ROWS_INIT (existing, "groups_count");
  while (stead_rows_next (&rows))
    g_hash_table_add (had, GINT_TO_POINTER ((int) sqlite3_column_int64 (existing, 0)));
  if (!stead_rows_end (&rows, error))
    return FALSE;

  upsert = stead_transaction_prepare (
    txn,
    "INSERT INTO groups_count (group_id, area, count, source, date) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (group_id, area) DO UPDATE SET count = excluded.count, "
    "source = excluded.source, date = excluded.date",
    error);
  if (upsert == NULL)
    return FALSE;

  size = groups_file_size (stead_import_context_get_file (context));

  while (stead_csv_reader_next_fields (reader, &cells, &n_cells, &line, cancellable, &local_error))
    {
      g_autofree char *code = NULL;
      g_autofree char *row_day = NULL;
      const char *day = fixed_day;
      gpointer fid_ptr;
      gint64 count = 0;
      gboolean ok = TRUE;
      int fid;

      index++;
      stead_import_context_progress (context, stead_csv_reader_get_bytes_read (reader), size);
      code = g_ascii_strup (code_column < (int) n_cells ? cells[code_column] : "", -1);
      g_strstrip (code);
      if (code[0] == '\0')
        {
          stead_import_context_reject (context, line, index, cells, n_cells,
                                       _("Line %" G_GUINT64_FORMAT " has no area code"), line);
          continue;
        }
      if (!g_hash_table_lookup_extended (areas, code, NULL, &fid_ptr))
        {
          stead_import_context_reject (context, line, index, cells, n_cells,
                                       _("%s is not an area of this workspace"), code);
          continue;
        }
      fid = GPOINTER_TO_INT (fid_ptr);
      if (g_hash_table_contains (seen, GINT_TO_POINTER (fid)))
        {
          stead_import_context_reject (
            context, line, index, cells, n_cells, _("%s is in the file twice (line %u before)"),
            code, GPOINTER_TO_UINT (g_hash_table_lookup (seen, GINT_TO_POINTER (fid))));
          continue;
        }
      for (guint i = 0; ok && i < counted->len; i++)
        {
          int c = g_array_index (counted, int, i);
          const char *cell = c < (int) n_cells ? cells[c] : "";
          gint64 value;

          if (!stead_parse_int (cell, 0, G_MAXINT32, &value))
            {
              stead_import_context_reject (context, line, index, cells, n_cells,
                                           _("“%s” in column “%s” is not a count"), cell,
                                           header[c]);
              ok = FALSE;
            }
          else
            count += value;
        }
      if (!ok)
        continue;
      if (day == NULL && date_column >= 0 && date_column < (int) n_cells &&
          cells[date_column][0] != '\0')
        {
          day = row_day = groups_census_parse_day (cells[date_column]);
          if (day == NULL)
            {
              stead_import_context_reject (
                context, line, index, cells, n_cells,
                _("“%s” in column “%s” is neither a date nor a census year (2011, 2021)"),
                cells[date_column], header[date_column]);
              continue;
            }
        }
      g_hash_table_insert (seen, GINT_TO_POINTER (fid), GUINT_TO_POINTER ((guint) line));
      if (stead_transaction_step_values (txn, upsert,
                                         STEAD_ARGS (STEAD_INT (group), STEAD_INT (fid),
                                                     STEAD_INT (count), STEAD_TEXT (source),
                                                     STEAD_TEXT (day)),
                                         error) < 0)
        return FALSE;
      if (g_hash_table_contains (had, GINT_TO_POINTER (fid)))
        stead_import_context_updated (context, 1);
      else
        stead_import_context_added (context, 1);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

const SteadImportFormat groups_census_import = {
  .id = "groups-census",
  .title = N_("Census 2021 counts of a target group (CSV)"),
  .extensions = STEAD_EXTENSIONS ("csv"),
  .fields = groups_census_fields,
  .n_fields = G_N_ELEMENTS (groups_census_fields),
  .options = groups_census_options,
  .run = groups_census_run,
  .domain = GETTEXT_PACKAGE,
  .detect = groups_census_detect,
};
