/* stead-import-postcodes.c: the offline postcode directory
 *
 * Reads the ONS Postcode Directory and the National Statistics Postcode
 * Lookup (CSV with a header: the older names pcd/pcds, oseast1m, osnrth1m,
 * osgrdind and the 2025 names pcd7/pcd8, east1m, north1m, gridind, matched
 * by name) and OS Code-Point Open (CSV without a header: postcode, quality,
 * eastings, northings, …). Keeps live postcodes only (no termination
 * date), optionally only those inside one area, and replaces the
 * workspace's directory with them. Then every importer can geocode by
 * postcode with no network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "stead-import-formats-private.h"
#include "stead-proj.h"
#include "stead-workspace.h"
#include "stead-workspace-private.h"

/* Only for the column map's benefit (the directory's own names are
 * matched first); none is required, since Code-Point has no header. */
static const SteadImportField postcode_fields[] = {
  { "postcode", "pcds;pcd;pcd7;pcd8;pcd2;post code", "#loc +postcode", FALSE },
  { "terminated", "doterm;date of termination", NULL, FALSE },
  { "latitude", "lat", "#geo +lat", FALSE },
  { "longitude", "long;lon;lng", "#geo +lon", FALSE },
  { "easting", "oseast1m;east1m;eastings", NULL, FALSE },
  { "northing", "osnrth1m;north1m;northings", NULL, FALSE },
  { "grid-quality", "osgrdind;gridind", NULL, FALSE },
};

static const char * const extensions[] = { "csv", NULL };

#define ATTRIBUTION_ONS \
  "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. " \
  "Contains OS data © Crown copyright and database right %d."
#define ATTRIBUTION_OS \
  "Contains OS data © Crown copyright and database right %d. " \
  "Licensed under the Open Government Licence v.3.0."

typedef enum
{
  LAYOUT_DIRECTORY,   /* ONSPD or NSPL, with a header */
  LAYOUT_CODE_POINT,  /* Code-Point Open, no header */
} Layout;

static gboolean
looks_numeric (const char *text)
{
  double v;

  return text != NULL && stead_import_parse_double (text, &v);
}

static const char *
column (const char * const *row,
        guint               n_row,
        int                 index)
{
  if (index < 0 || (guint) index >= n_row)
    return NULL;
  return row[index];
}

static gboolean
run_postcodes (SteadImporter       *importer,
               SteadImportContext  *context,
               GError             **error)
{
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  GCancellable *cancellable = stead_import_context_get_cancellable (context);
  g_autoptr(SteadCsvReader) reader = NULL;
  g_autoptr(SteadColumnMap) map = NULL;
  g_autoptr(SteadProj) proj = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) attribution = NULL;
  gboolean header_is_data = FALSE;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *attribution_text = NULL;
  g_autofree char *now_iso = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  const char * const *header;
  Layout layout;
  int c_postcode, c_term, c_lat, c_lon, c_east, c_north, c_grid;
  guint64 index = 0, added = 0, replaced;
  goffset size;

  reader = stead_import_context_open_csv (context, &map, error);
  if (reader == NULL)
    return FALSE;

  info = g_file_query_info (stead_import_context_get_file (context), G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  size = info != NULL ? g_file_info_get_size (info) : 0;

  header = stead_csv_reader_get_header (reader);
  c_postcode = stead_column_map_get_column (map, "postcode");
  c_term = stead_column_map_get_column (map, "terminated");
  c_lat = stead_column_map_get_column (map, "latitude");
  c_lon = stead_column_map_get_column (map, "longitude");
  c_east = stead_column_map_get_column (map, "easting");
  c_north = stead_column_map_get_column (map, "northing");
  c_grid = stead_column_map_get_column (map, "grid-quality");

  if (c_postcode < 0 && g_strv_length ((char **) header) >= 4)
    {
      g_autofree char *pc = stead_postcode_normalize (header[0]);

      if (pc != NULL && looks_numeric (header[2]) && looks_numeric (header[3]))
        {
          /* Code-Point Open: the "header" is the first postcode. */
          layout = LAYOUT_CODE_POINT;
          c_postcode = 0;
          c_east = 2;
          c_north = 3;
          c_lat = c_lon = c_term = c_grid = -1;
          header_is_data = TRUE;
        }
      else
        layout = LAYOUT_DIRECTORY;
    }
  else
    layout = LAYOUT_DIRECTORY;

  if (c_postcode < 0)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   _("This is not a postcode directory: no postcode column (pcds, pcd, pcd7) "
                     "and not Code-Point Open"));
      return FALSE;
    }
  if ((c_lat < 0 || c_lon < 0) && (c_east < 0 || c_north < 0))
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   _("This postcode directory has no positions: neither lat and long "
                     "nor eastings and northings (oseast1m/osnrth1m or east1m/north1m)"));
      return FALSE;
    }
  if (c_lat < 0 || c_lon < 0)
    {
      proj = stead_proj_new ("EPSG:27700", error);
      if (proj == NULL)
        return FALSE;
    }

  /* The directory is replaced whole. */
  if (!stead_transaction_exec (txn, "DELETE FROM stead_postcode", error))
    return FALSE;
  replaced = sqlite3_changes (stead_workspace_get_db (stead_import_context_get_workspace (context)));
  stead_transaction_note_bulk (txn, "stead_postcode", SQLITE_DELETE, replaced);

  insert = stead_transaction_prepare (txn,
                                      "INSERT OR REPLACE INTO stead_postcode (postcode, lon, lat) VALUES (?, ?, ?)",
                                      error);
  if (insert == NULL)
    return FALSE;

  for (;;)
    {
      g_autofree char *postcode = NULL;
      const char * const *row;
      const char *text;
      guint n_row;
      guint64 line;
      double lon, lat;

      if (header_is_data)
        {
          row = header;
          n_row = g_strv_length ((char **) header);
          line = 1;
          header_is_data = FALSE;
        }
      else if (!stead_csv_reader_next_fields (reader, &row, &n_row, &line, cancellable, error))
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          break;
        }
      index++;
      if ((index & 4095) == 0)
        {
          if (!stead_import_context_check_cancelled (context, error))
            return FALSE;
          stead_import_context_progress (context, stead_csv_reader_get_bytes_read (reader), size);
        }

      text = column (row, n_row, c_postcode);
      postcode = stead_postcode_normalize (text);
      if (postcode == NULL)
        {
          stead_import_context_reject (context, line, index, row, n_row,
                                       _("“%s” is not a UK postcode"), text ? text : "");
          continue;
        }

      /* Terminated postcodes are history, not addresses. */
      text = column (row, n_row, c_term);
      if (text != NULL && text[0] != '\0')
        {
          stead_import_context_skipped (context, 1);
          continue;
        }
      /* Grid reference quality 9: no grid reference. */
      text = column (row, n_row, c_grid);
      if (text != NULL && g_str_equal (text, "9"))
        {
          stead_import_context_skipped (context, 1);
          continue;
        }

      if (proj == NULL)
        {
          if (!stead_import_parse_double (column (row, n_row, c_lat) ? column (row, n_row, c_lat) : "", &lat) ||
              !stead_import_parse_double (column (row, n_row, c_lon) ? column (row, n_row, c_lon) : "", &lon))
            {
              stead_import_context_reject (context, line, index, row, n_row,
                                           _("postcode %s: lat and long are not numbers"), text ? postcode : postcode);
              continue;
            }
          /* The directory writes 99.999999, 0 for postcodes with no position. */
          if (lat > 90 || lat < -90 || lon < -180 || lon > 180)
            {
              stead_import_context_skipped (context, 1);
              continue;
            }
        }
      else
        {
          double e, n;

          if (!stead_import_parse_double (column (row, n_row, c_east) ? column (row, n_row, c_east) : "", &e) ||
              !stead_import_parse_double (column (row, n_row, c_north) ? column (row, n_row, c_north) : "", &n) ||
              e < 0 || e > 800000 || n < 0 || n > 1400000)
            {
              stead_import_context_reject (context, line, index, row, n_row,
                                           _("postcode %s: eastings and northings are not a British National Grid position"),
                                           postcode);
              continue;
            }
          if (e == 0 && n == 0)
            {
              stead_import_context_skipped (context, 1);
              continue;
            }
          if (!stead_proj_to_wgs84 (proj, e, n, &lon, &lat))
            {
              stead_import_context_reject (context, line, index, row, n_row,
                                           _("postcode %s: cannot convert its grid reference"), postcode);
              continue;
            }
        }

      if (!stead_import_context_is_within (context, lon, lat))
        {
          stead_import_context_skipped (context, 1);
          continue;
        }

      sqlite3_bind_text (insert, 1, postcode, -1, SQLITE_STATIC);
      sqlite3_bind_double (insert, 2, lon);
      sqlite3_bind_double (insert, 3, lat);
      if (!stead_transaction_step (txn, insert, error))
        return FALSE;
      added++;
    }

  stead_import_context_added (context, added);
  stead_transaction_note_bulk (txn, "stead_postcode", SQLITE_INSERT, added);

  attribution_text = g_strdup_printf (layout == LAYOUT_CODE_POINT ? ATTRIBUTION_OS : ATTRIBUTION_ONS,
                                      g_date_time_get_year (now));
  attribution = stead_transaction_prepare (txn,
                                           "INSERT OR REPLACE INTO stead_attribution (source, text, imported) "
                                           "VALUES ('postcodes', ?, ?)",
                                           error);
  if (attribution == NULL)
    return FALSE;
  sqlite3_bind_text (attribution, 1, attribution_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (attribution, 2, now_iso, -1, SQLITE_STATIC);
  if (!stead_transaction_step (txn, attribution, error))
    return FALSE;
  stead_transaction_note_bulk (txn, "stead_attribution", SQLITE_INSERT, 1);

  stead_import_context_progress (context, size, size);
  return TRUE;
}

const SteadCoreImportFormat stead_import_postcodes = {
  "postcodes", N_("Postcode directory (ONSPD, NSPL, Code-Point Open)"), extensions,
  postcode_fields, G_N_ELEMENTS (postcode_fields), run_postcodes,
};
