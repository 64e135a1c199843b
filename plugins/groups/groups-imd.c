/* groups-imd.c: the English Indices of Deprivation by LSOA (2019, and
 * 2025 laid out the same), as area attributes for shading and prioritising
 *
 * The published "File 7" (all ranks, deciles and scores) has a row for
 * each of England's 32,844 LSOAs of 2011: "LSOA code (2011)", its name,
 * the district, then for the IMD and each domain a score, a rank and a
 * decile. The LSOAs of the workspace get imd-score, imd-rank,
 * imd-decile and the domains' deciles in groups_area_attribute; every
 * other LSOA of the file is counted and skipped, never rejected, since
 * the file covers all of England.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "groups"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "groups.h"
#include "groups-private.h"

#define IMD_DECILE(domain) domain " Decile (where 1 is most deprived 10% of LSOAs)"

/* The fields, each the attribute it gives (the code column first). */
static const SteadField groups_imd_fields[] = {
  { "lsoa_code", "LSOA code (2011);LSOA code (2021);lsoa11cd;lsoa21cd;lsoa code;lsoa",
    "#adm4 +code", TRUE,
    .label = N_("LSOA Code") },
  { "imd-score", "Index of Multiple Deprivation (IMD) Score;imd score", .type = STEAD_FIELD_DOUBLE,
    .label = N_("IMD Score") },
  { "imd-rank", "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived);imd rank",
    .type = STEAD_FIELD_INT, .label = N_("IMD Rank") },
  { "imd-decile", IMD_DECILE ("Index of Multiple Deprivation (IMD)") ";imd decile",
    .type = STEAD_FIELD_INT, .label = N_("IMD Decile") },
  { "imd-income-decile", IMD_DECILE ("Income"), .type = STEAD_FIELD_INT,
    .label = N_("Income Decile") },
  { "imd-employment-decile", IMD_DECILE ("Employment"), .type = STEAD_FIELD_INT,
    .label = N_("Employment Decile") },
  { "imd-education-decile", IMD_DECILE ("Education, Skills and Training"),
    .type = STEAD_FIELD_INT, .label = N_("Education, Skills and Training Decile") },
  { "imd-health-decile", IMD_DECILE ("Health Deprivation and Disability"),
    .type = STEAD_FIELD_INT, .label = N_("Health Deprivation and Disability Decile") },
  { "imd-crime-decile", IMD_DECILE ("Crime"), .type = STEAD_FIELD_INT,
    .label = N_("Crime Decile") },
  { "imd-housing-decile", IMD_DECILE ("Barriers to Housing and Services"),
    .type = STEAD_FIELD_INT, .label = N_("Barriers to Housing and Services Decile") },
  { "imd-environment-decile", IMD_DECILE ("Living Environment"), .type = STEAD_FIELD_INT,
    .label = N_("Living Environment Decile") },
  { "imd-idaci-decile", IMD_DECILE ("Income Deprivation Affecting Children Index (IDACI)"),
    .type = STEAD_FIELD_INT, .label = N_("Income Deprivation Affecting Children Decile") },
  { "imd-idaopi-decile", IMD_DECILE ("Income Deprivation Affecting Older People (IDAOPI)"),
    .type = STEAD_FIELD_INT, .label = N_("Income Deprivation Affecting Older People Decile") },
};

static const SteadFormatOption groups_imd_options[] = {
  { "source", N_("Where the values come from (by default the English Indices of Deprivation "
                 "of the file's year)"),
    N_("Source"), STEAD_FIELD_TEXT },
  { NULL }
};

static guint
groups_imd_detect (const SteadImportSample *sample)
{
  /* The 2019 indices are by LSOAs of 2011; the 2025 ones, laid out the
   * same, by those of 2021. */
  if (sample->content != STEAD_IMPORT_CONTENT_TEXT ||
      (!stead_import_sample_has_column (sample, "LSOA code (2011)") &&
       !stead_import_sample_has_column (sample, "LSOA code (2021)")) ||
      !stead_import_sample_has_column (sample, IMD_DECILE ("Index of Multiple Deprivation (IMD)")))
    return 0;
  return STEAD_IMPORT_FITS_SURELY;
}

static gboolean
groups_imd_run (SteadImportContext  *context,
                GError             **error)
{
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  GCancellable *cancellable = stead_import_context_get_cancellable (context);
  g_autoptr(SteadColumnMap) map = NULL;
  g_autoptr(SteadCsvReader) reader = NULL;
  g_autoptr(GHashTable) areas = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autoptr(GError) local_error = NULL;
  int columns[G_N_ELEMENTS (groups_imd_fields)];
  const char * const *header;
  const char * const *cells;
  const char *text;
  const char *source;
  guint n_cells;
  guint64 line, index = 0, size = 0, outside = 0;

  reader = stead_import_context_open_csv (context, &map, error);
  if (reader == NULL)
    return FALSE;
  header = stead_csv_reader_get_header (reader);
  for (guint f = 0; f < G_N_ELEMENTS (groups_imd_fields); f++)
    columns[f] = stead_column_map_get_column (map, groups_imd_fields[f].name);
  text = stead_import_context_get_option (context, "source");
  if (text != NULL)
    source = text;
  else if (columns[0] >= 0 && g_str_has_suffix (header[columns[0]], "(2021)"))
    source = _("English Indices of Deprivation 2025 (MHCLG)");
  else
    source = _("English Indices of Deprivation 2019 (MHCLG)");

  areas = groups_areas_by_code (txn, error);
  if (areas == NULL)
    return FALSE;
  upsert = stead_transaction_prepare (
    txn,
    "INSERT INTO groups_area_attribute (area, attribute, value, source) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (area, attribute) DO UPDATE SET value = excluded.value, "
    "source = excluded.source",
    error);
  if (upsert == NULL)
    return FALSE;
  size = groups_file_size (stead_import_context_get_file (context));

  while (stead_csv_reader_next_fields (reader, &cells, &n_cells, &line, cancellable, &local_error))
    {
      double values[G_N_ELEMENTS (groups_imd_fields)];
      gboolean present[G_N_ELEMENTS (groups_imd_fields)] = { FALSE };
      char code[32];
      gpointer fid_ptr;
      gboolean ok = TRUE;
      gboolean had;
      gint64 one = 0;
      int fid;

      index++;
      if ((index & 1023) == 0)
        stead_import_context_progress (context, stead_csv_reader_get_bytes_read (reader), size);
      g_strlcpy (code, columns[0] < (int) n_cells ? cells[columns[0]] : "", sizeof code);
      g_strstrip (code);
      for (char *p = code; *p != '\0'; p++)
        *p = g_ascii_toupper (*p);
      if (code[0] == '\0')
        {
          stead_import_context_reject (context, line, index, cells, n_cells,
                                       _("Line %" G_GUINT64_FORMAT " has no LSOA code"), line);
          continue;
        }
      /* England's other LSOAs: not this workspace's, and not wrong. */
      if (!g_hash_table_lookup_extended (areas, code, NULL, &fid_ptr))
        {
          outside++;
          continue;
        }
      fid = GPOINTER_TO_INT (fid_ptr);
      if (g_hash_table_contains (seen, GINT_TO_POINTER (fid)))
        {
          stead_import_context_reject (context, line, index, cells, n_cells,
                                       _("%s is in the file twice"), code);
          continue;
        }
      for (guint f = 1; ok && f < G_N_ELEMENTS (groups_imd_fields); f++)
        {
          const SteadField *field = &groups_imd_fields[f];
          const char *cell = columns[f] >= 0 && columns[f] < (int) n_cells ? cells[columns[f]] : "";
          gint64 whole;

          if (cell[0] == '\0')
            continue;
          if (field->type == STEAD_FIELD_DOUBLE)
            ok = stead_parse_double (cell, &values[f]);
          else if (g_str_has_suffix (field->name, "-decile"))
            ok = stead_parse_int (cell, 1, 10, &whole), values[f] = whole;
          else
            ok = stead_parse_int (cell, 1, 1000000, &whole), values[f] = whole;
          if (!ok)
            stead_import_context_reject (context, line, index, cells, n_cells,
                                         _("“%s” in column “%s” is not a %s"), cell,
                                         header[columns[f]],
                                         g_str_has_suffix (field->name, "-decile")
                                           ? _("decile from 1 to 10")
                                           : field->type == STEAD_FIELD_DOUBLE ? _("number")
                                                                               : _("rank"));
          present[f] = TRUE;
        }
      if (!ok)
        continue;
      g_hash_table_add (seen, GINT_TO_POINTER (fid));
      had = stead_transaction_query_int64 (
        txn, "SELECT 1 FROM groups_area_attribute WHERE area = ?1 AND attribute LIKE 'imd-%'",
        STEAD_ARGS (STEAD_INT (fid)), &one);
      for (guint f = 1; f < G_N_ELEMENTS (groups_imd_fields); f++)
        if (present[f] &&
            stead_transaction_step_values (txn, upsert,
                                           STEAD_ARGS (STEAD_INT (fid),
                                                       STEAD_STRING (groups_imd_fields[f].name),
                                                       STEAD_DOUBLE (values[f]),
                                                       STEAD_TEXT (source)),
                                           error) < 0)
          return FALSE;
      if (had)
        stead_import_context_updated (context, 1);
      else
        stead_import_context_added (context, 1);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  stead_import_context_skipped (context, outside);
  if (outside > 0)
    {
      g_autofree char *n = stead_format_count (outside);

      stead_import_context_warn (context,
                                 g_dngettext (GETTEXT_PACKAGE,
                                              "%s LSOA outside this workspace skipped",
                                              "%s LSOAs outside this workspace skipped",
                                              outside),
                                 n);
    }
  return TRUE;
}

const SteadImportFormat groups_imd_import = {
  .id = "groups-imd",
  .title = N_("English Indices of Deprivation by LSOA (CSV)"),
  .extensions = STEAD_EXTENSIONS ("csv"),
  .fields = groups_imd_fields,
  .n_fields = G_N_ELEMENTS (groups_imd_fields),
  .options = groups_imd_options,
  .run = groups_imd_run,
  .domain = GETTEXT_PACKAGE,
  .detect = groups_imd_detect,
};
