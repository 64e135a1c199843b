/* stead-import-csv.c: the core's own formats, and needs and resources as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-import"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stead-geometry.h"
#include "stead-import-formats-private.h"
#include "stead-workspace.h"
#include "stead-workspace-private.h"

/* ------------------------------------------------------------------------ */
/* One GObject type for every core importer, described by a table.          */

#define STEAD_TYPE_CORE_IMPORTER (stead_core_importer_get_type ())
G_DECLARE_FINAL_TYPE (SteadCoreImporter, stead_core_importer, STEAD, CORE_IMPORTER, GObject)

struct _SteadCoreImporter
{
  GObject                      parent_instance;
  const SteadCoreImportFormat *format;
};

static const char *
core_importer_get_id (SteadImporter *importer)
{
  return STEAD_CORE_IMPORTER (importer)->format->id;
}

static const char *
core_importer_get_title (SteadImporter *importer)
{
  return _(STEAD_CORE_IMPORTER (importer)->format->title);
}

static const char * const *
core_importer_get_extensions (SteadImporter *importer)
{
  return STEAD_CORE_IMPORTER (importer)->format->extensions;
}

static const SteadImportField *
core_importer_get_fields (SteadImporter *importer,
                          guint         *n_fields)
{
  const SteadCoreImportFormat *format = STEAD_CORE_IMPORTER (importer)->format;

  *n_fields = format->n_fields;
  return format->fields;
}

static gboolean
core_importer_run (SteadImporter       *importer,
                   SteadImportContext  *context,
                   GError             **error)
{
  return STEAD_CORE_IMPORTER (importer)->format->run (importer, context, error);
}

static void
core_importer_iface_init (SteadImporterInterface *iface)
{
  iface->get_id = core_importer_get_id;
  iface->get_title = core_importer_get_title;
  iface->get_extensions = core_importer_get_extensions;
  iface->get_fields = core_importer_get_fields;
  iface->run = core_importer_run;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (SteadCoreImporter, stead_core_importer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEAD_TYPE_IMPORTER, core_importer_iface_init))

static void
stead_core_importer_class_init (SteadCoreImporterClass *klass)
{
}

static void
stead_core_importer_init (SteadCoreImporter *self)
{
}

#define STEAD_TYPE_CORE_EXPORTER (stead_core_exporter_get_type ())
G_DECLARE_FINAL_TYPE (SteadCoreExporter, stead_core_exporter, STEAD, CORE_EXPORTER, GObject)

struct _SteadCoreExporter
{
  GObject                      parent_instance;
  const SteadCoreExportFormat *format;
};

static const char *
core_exporter_get_id (SteadExporter *exporter)
{
  return STEAD_CORE_EXPORTER (exporter)->format->id;
}

static const char *
core_exporter_get_title (SteadExporter *exporter)
{
  return _(STEAD_CORE_EXPORTER (exporter)->format->title);
}

static const char * const *
core_exporter_get_extensions (SteadExporter *exporter)
{
  return STEAD_CORE_EXPORTER (exporter)->format->extensions;
}

static gboolean
core_exporter_run (SteadExporter            *exporter,
                   SteadWorkspace           *workspace,
                   GOutputStream            *stream,
                   const SteadExportOptions *options,
                   GCancellable             *cancellable,
                   GError                  **error)
{
  return STEAD_CORE_EXPORTER (exporter)->format->run (exporter, workspace, stream, options, cancellable, error);
}

static void
core_exporter_iface_init (SteadExporterInterface *iface)
{
  iface->get_id = core_exporter_get_id;
  iface->get_title = core_exporter_get_title;
  iface->get_extensions = core_exporter_get_extensions;
  iface->run = core_exporter_run;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (SteadCoreExporter, stead_core_exporter, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEAD_TYPE_EXPORTER, core_exporter_iface_init))

static void
stead_core_exporter_class_init (SteadCoreExporterClass *klass)
{
}

static void
stead_core_exporter_init (SteadCoreExporter *self)
{
}

void
stead_import_add_core_importers (GPtrArray *importers)
{
  static const SteadCoreImportFormat *formats[] = {
    &stead_import_needs_csv,
    &stead_import_resources_csv,
    &stead_import_postcodes,
    &stead_import_geojson_areas,
    &stead_import_gpkg_areas,
    &stead_import_cap,
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      SteadCoreImporter *importer = g_object_new (STEAD_TYPE_CORE_IMPORTER, NULL);

      importer->format = formats[i];
      g_ptr_array_add (importers, importer);
    }
}

void
stead_export_add_core_exporters (GPtrArray *exporters)
{
  static const SteadCoreExportFormat *formats[] = {
    &stead_export_needs_csv,
    &stead_export_resources_csv,
    &stead_export_areas_geojson,
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      SteadCoreExporter *exporter = g_object_new (STEAD_TYPE_CORE_EXPORTER, NULL);

      exporter->format = formats[i];
      g_ptr_array_add (exporters, exporter);
    }
}

/* ------------------------------------------------------------------------ */
/* Parsing fields                                                            */

gboolean
stead_import_parse_int (const char *text,
                        gint64      min,
                        gint64      max,
                        gint64     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;
  gint64 v;

  if (copy[0] == '\0')
    return FALSE;
  errno = 0;
  v = g_ascii_strtoll (copy, &end, 10);
  if (errno != 0 || end == copy || *end != '\0' || v < min || v > max)
    return FALSE;
  *value = v;
  return TRUE;
}

gboolean
stead_import_parse_double (const char *text,
                           double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;
  double v;

  if (copy[0] == '\0')
    return FALSE;
  errno = 0;
  v = g_ascii_strtod (copy, &end);
  if (errno != 0 || end == copy || *end != '\0' || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

/* ISO 8601 (date or date and time) or the UK's DD/MM/YYYY. */
gboolean
stead_import_parse_date (const char *text,
                         gint64     *unix_time)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  int d, m, y;
  char tail;

  if (copy[0] == '\0')
    return FALSE;
  dt = g_date_time_new_from_iso8601 (copy, utc);
  if (dt == NULL && strlen (copy) == 10 && copy[4] == '-' &&
      sscanf (copy, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3)
    dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (dt == NULL && sscanf (copy, "%2d/%2d/%4d%c", &d, &m, &y, &tail) == 3)
    dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (dt == NULL)
    return FALSE;
  *unix_time = g_date_time_to_unix (dt);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Needs and resources                                                       */

static const SteadImportField need_fields[] = {
  { "id", "identifier;ref;reference;source id;case;case number", "#x_id;#id", FALSE },
  { "kind", "need;type;need kind;category", "#x_kind;#sector", FALSE },
  { "title", "description;summary;name;details", "#description", FALSE },
  { "people", "people affected;persons;household size;number of people", "#affected;#reached", FALSE },
  { "urgency", "priority", "#x_urgency;#priority", FALSE },
  { "status", "state", "#status", FALSE },
  { "opened", "date;reported;created;date opened", "#date", FALSE },
  { "postcode", "post code;postal code;zip", "#loc +postcode;#adm4 +postcode", FALSE },
  { "longitude", "lon;long;lng;x", "#geo +lon", FALSE },
  { "latitude", "lat;y", "#geo +lat", FALSE },
};

static const SteadImportField resource_fields[] = {
  { "id", "identifier;ref;reference;source id", "#x_id;#id", FALSE },
  { "kind", "resource;type;resource kind;category", "#x_kind;#sector", FALSE },
  { "title", "name;description;summary", "#description;#org", FALSE },
  { "capacity", "quantity;places;beds;count", "#capacity;#value", FALSE },
  { "availability", "status;available", "#status", FALSE },
  { "postcode", "post code;postal code;zip", "#loc +postcode;#adm4 +postcode", FALSE },
  { "longitude", "lon;long;lng;x", "#geo +lon", FALSE },
  { "latitude", "lat;y", "#geo +lat", FALSE },
};

static const char * const csv_extensions[] = { "csv", "tsv", "txt", NULL };

typedef struct
{
  SteadImportContext *context;
  SteadColumnMap     *map;
  const char * const *row;
  guint               n_row;
  guint64             line;
  guint64             index;
} Row;

static const char *
field (Row        *r,
       const char *name)
{
  int column = stead_column_map_get_column (r->map, name);
  const char *value;

  if (column < 0 || (guint) column >= r->n_row)
    return NULL;
  value = r->row[column];
  while (*value == ' ')
    value++;
  return *value != '\0' ? value : NULL;
}

/* The vocabulary's codes, by code and by label, lower case. */
static GHashTable *
load_vocabulary (SteadWorkspace *workspace,
                 const char     *vocabulary)
{
  GHashTable *terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = stead_workspace_prepare (workspace, "SELECT code, label FROM taxonomy WHERE vocabulary = ?", NULL);
  if (stmt == NULL)
    return terms;
  sqlite3_bind_text (stmt, 1, vocabulary, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      const char *label = (const char *) sqlite3_column_text (stmt, 1);

      g_hash_table_insert (terms, g_utf8_strdown (code, -1), g_strdup (code));
      g_hash_table_insert (terms, g_utf8_strdown (label, -1), g_strdup (code));
    }
  return terms;
}

static const char *
lookup_term (GHashTable *terms,
             const char *text)
{
  g_autofree char *key = g_utf8_strdown (text, -1);

  g_strstrip (key);
  return g_hash_table_lookup (terms, key);
}

/* Where the row is: longitude and latitude, or a postcode from the
 * directory. Rejects the row and returns FALSE if neither. */
static gboolean
row_location (Row    *r,
              double *lon,
              double *lat)
{
  const char *lon_text = field (r, "longitude");
  const char *lat_text = field (r, "latitude");
  const char *postcode = field (r, "postcode");

  if (lon_text != NULL || lat_text != NULL)
    {
      if (lon_text == NULL || lat_text == NULL ||
          !stead_import_parse_double (lon_text, lon) || !stead_import_parse_double (lat_text, lat) ||
          *lon < -180 || *lon > 180 || *lat < -90 || *lat > 90)
        {
          stead_import_context_reject (r->context, r->line, r->index, r->row, r->n_row,
                                       _("longitude and latitude “%s”, “%s” are not a position in degrees"),
                                       lon_text ? lon_text : "", lat_text ? lat_text : "");
          return FALSE;
        }
      return TRUE;
    }

  if (postcode != NULL)
    {
      g_autofree char *normal = stead_postcode_normalize (postcode);

      if (normal == NULL)
        {
          stead_import_context_reject (r->context, r->line, r->index, r->row, r->n_row,
                                       _("“%s” is not a UK postcode"), postcode);
          return FALSE;
        }
      if (!stead_import_context_geocode (r->context, postcode, lon, lat))
        {
          stead_import_context_reject (r->context, r->line, r->index, r->row, r->n_row,
                                       _("postcode “%s” is not in the workspace’s postcode directory"),
                                       postcode);
          return FALSE;
        }
      return TRUE;
    }

  stead_import_context_reject (r->context, r->line, r->index, r->row, r->n_row,
                               _("no location: give a postcode, or longitude and latitude"));
  return FALSE;
}

static goffset
file_size (SteadImportContext *context)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (stead_import_context_get_file (context), G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  return info != NULL ? g_file_info_get_size (info) : 0;
}

typedef enum { TABLE_NEED, TABLE_RESOURCE } Table;

static gboolean
import_features (SteadImporter       *importer,
                 SteadImportContext  *context,
                 Table                table,
                 GError             **error)
{
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  SteadWorkspace *workspace = stead_import_context_get_workspace (context);
  GCancellable *cancellable = stead_import_context_get_cancellable (context);
  g_autoptr(SteadCsvReader) reader = NULL;
  g_autoptr(SteadColumnMap) map = NULL;
  g_autoptr(GHashTable) terms = NULL;
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  const char *default_kind = stead_import_context_get_option (context, "kind");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  goffset size;
  Row r = { context, NULL, NULL, 0, 0 };

  reader = stead_import_context_open_csv (context, &map, error);
  if (reader == NULL)
    return FALSE;
  r.map = map;
  size = file_size (context);

  terms = load_vocabulary (workspace, table == TABLE_NEED ? "need-kind" : "resource-kind");
  if (default_kind != NULL && lookup_term (terms, default_kind) == NULL)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION,
                   _("“%s” is not a %s kind in this workspace’s vocabulary"), default_kind,
                   table == TABLE_NEED ? _("need") : _("resource"));
      return FALSE;
    }
  if (stead_column_map_get_column (map, "kind") < 0 && default_kind == NULL)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   _("No column gives the kind; map one (kind=Column) or give one kind for every row (--option kind=…)"));
      return FALSE;
    }
  if (stead_column_map_get_column (map, "postcode") < 0 &&
      (stead_column_map_get_column (map, "longitude") < 0 || stead_column_map_get_column (map, "latitude") < 0))
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   _("No column gives a location; map a postcode, or longitude and latitude"));
      return FALSE;
    }

  if (table == TABLE_NEED)
    {
      find = stead_transaction_prepare (txn, "SELECT fid FROM need WHERE source_id = ?", error);
      insert = stead_transaction_prepare (txn,
                                          "INSERT INTO need (geom, kind, title, people, urgency, status, opened, source_id) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
      update = stead_transaction_prepare (txn,
                                          "UPDATE need SET geom = ?1, kind = ?2, title = ?3, people = ?4, "
                                          "urgency = ?5, status = ?6, opened = ?7 WHERE fid = ?9", error);
    }
  else
    {
      find = stead_transaction_prepare (txn, "SELECT fid FROM resource WHERE source_id = ?", error);
      insert = stead_transaction_prepare (txn,
                                          "INSERT INTO resource (geom, kind, title, capacity, availability, source_id) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5, ?8)", error);
      update = stead_transaction_prepare (txn,
                                          "UPDATE resource SET geom = ?1, kind = ?2, title = ?3, capacity = ?4, "
                                          "availability = ?5 WHERE fid = ?9", error);
    }
  if (find == NULL || insert == NULL || update == NULL)
    return FALSE;

  for (;;)
    {
      g_autoptr(GBytes) blob = NULL;
      g_autoptr(SteadGeometry) point = NULL;
      const char *kind_text, *kind, *id, *text;
      gint64 count = 1, urgency = 2, opened = now, fid = 0;
      const char *status;
      double lon, lat;
      sqlite3_stmt *stmt;

      if (!stead_csv_reader_next_fields (reader, &r.row, &r.n_row, &r.line, cancellable, error))
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          break;
        }
      r.index++;
      if ((r.index & 1023) == 0)
        {
          if (!stead_import_context_check_cancelled (context, error))
            return FALSE;
          stead_import_context_progress (context, stead_csv_reader_get_bytes_read (reader), size);
        }

      kind_text = field (&r, "kind");
      if (kind_text == NULL)
        kind_text = default_kind;
      if (kind_text == NULL)
        {
          stead_import_context_reject (context, r.line, r.index, r.row, r.n_row, _("no kind"));
          continue;
        }
      kind = lookup_term (terms, kind_text);
      if (kind == NULL)
        {
          stead_import_context_reject (context, r.line, r.index, r.row, r.n_row,
                                       _("“%s” is not a kind in the vocabulary"), kind_text);
          continue;
        }

      if (table == TABLE_NEED)
        {
          status = "open";
          if ((text = field (&r, "people")) != NULL && !stead_import_parse_int (text, 0, 1000000, &count))
            {
              stead_import_context_reject (context, r.line, r.index, r.row, r.n_row,
                                           _("people “%s” is not a whole number of 0 or more"), text);
              continue;
            }
          if ((text = field (&r, "urgency")) != NULL && !stead_import_parse_int (text, 1, 4, &urgency))
            {
              stead_import_context_reject (context, r.line, r.index, r.row, r.n_row,
                                           _("urgency “%s” is not 1, 2, 3 or 4"), text);
              continue;
            }
          if ((text = field (&r, "status")) != NULL)
            {
              static const char * const statuses[] = { "open", "assigned", "met", "closed", "cancelled", NULL };
              g_autofree char *lower = g_ascii_strdown (text, -1);

              if (!g_strv_contains (statuses, g_strstrip (lower)))
                {
                  stead_import_context_reject (context, r.line, r.index, r.row, r.n_row,
                                               _("status “%s” is not one of open, assigned, met, closed, cancelled"),
                                               text);
                  continue;
                }
              status = g_intern_string (lower);
            }
          if ((text = field (&r, "opened")) != NULL && !stead_import_parse_date (text, &opened))
            {
              stead_import_context_reject (context, r.line, r.index, r.row, r.n_row,
                                           _("date “%s” is not a date (YYYY-MM-DD or DD/MM/YYYY)"), text);
              continue;
            }
        }
      else
        {
          status = "available";
          if ((text = field (&r, "capacity")) != NULL && !stead_import_parse_int (text, 0, 10000000, &count))
            {
              stead_import_context_reject (context, r.line, r.index, r.row, r.n_row,
                                           _("capacity “%s” is not a whole number of 0 or more"), text);
              continue;
            }
          if ((text = field (&r, "availability")) != NULL)
            {
              static const char * const states[] = { "available", "limited", "committed", "unavailable", NULL };
              g_autofree char *lower = g_ascii_strdown (text, -1);

              if (!g_strv_contains (states, g_strstrip (lower)))
                {
                  stead_import_context_reject (context, r.line, r.index, r.row, r.n_row,
                                               _("availability “%s” is not one of available, limited, committed, unavailable"),
                                               text);
                  continue;
                }
              status = g_intern_string (lower);
            }
        }

      if (!row_location (&r, &lon, &lat))
        continue;
      if (!stead_import_context_is_within (context, lon, lat))
        {
          stead_import_context_skipped (context, 1);
          continue;
        }

      id = field (&r, "id");
      if (id != NULL)
        {
          sqlite3_bind_text (find, 1, id, -1, SQLITE_STATIC);
          if (sqlite3_step (find) == SQLITE_ROW)
            fid = sqlite3_column_int64 (find, 0);
          sqlite3_reset (find);
        }

      point = stead_geometry_new_point (lon, lat);
      blob = stead_geometry_to_gpkg (point, 4326);
      stmt = fid != 0 ? update : insert;
      sqlite3_bind_blob (stmt, 1, g_bytes_get_data (blob, NULL), g_bytes_get_size (blob), SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
      text = field (&r, "title");
      if (text != NULL)
        sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 3);
      sqlite3_bind_int64 (stmt, 4, count);
      if (table == TABLE_NEED)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (opened);
          g_autofree char *iso = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");

          sqlite3_bind_int64 (stmt, 5, urgency);
          sqlite3_bind_text (stmt, 6, status, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 7, iso, -1, SQLITE_TRANSIENT);
        }
      else
        sqlite3_bind_text (stmt, 5, status, -1, SQLITE_STATIC);
      if (fid != 0)
        sqlite3_bind_int64 (stmt, 9, fid);
      else if (id != NULL)
        sqlite3_bind_text (stmt, 8, id, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 8);

      if (!stead_transaction_step (txn, stmt, error))
        {
          g_prefix_error (error, _("Line %llu: "), (unsigned long long) r.line);
          return FALSE;
        }
      sqlite3_clear_bindings (stmt);
      if (fid != 0)
        stead_import_context_updated (context, 1);
      else
        stead_import_context_added (context, 1);
    }

  stead_import_context_progress (context, size, size);
  return TRUE;
}

static gboolean
run_needs (SteadImporter       *importer,
           SteadImportContext  *context,
           GError             **error)
{
  return import_features (importer, context, TABLE_NEED, error);
}

static gboolean
run_resources (SteadImporter       *importer,
               SteadImportContext  *context,
               GError             **error)
{
  return import_features (importer, context, TABLE_RESOURCE, error);
}

const SteadCoreImportFormat stead_import_needs_csv = {
  "needs-csv", N_("Needs (CSV)"), csv_extensions,
  need_fields, G_N_ELEMENTS (need_fields), run_needs,
};

const SteadCoreImportFormat stead_import_resources_csv = {
  "resources-csv", N_("Resources (CSV)"), csv_extensions,
  resource_fields, G_N_ELEMENTS (resource_fields), run_resources,
};

/* ------------------------------------------------------------------------ */
/* Export                                                                    */

static GHashTable *
personal_columns (SteadWorkspace *workspace,
                  const char     *table)
{
  GHashTable *columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = stead_workspace_prepare (workspace,
                                  "SELECT column_name FROM stead_personal_data WHERE table_name = ?", NULL);
  if (stmt == NULL)
    return columns;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  return columns;
}

/* Columns (names in the table) exported for a feature table; the geometry
 * comes out as longitude and latitude. */
static gboolean
export_features (SteadWorkspace            *workspace,
                 const char                *table,
                 const char * const        *columns,
                 GOutputStream             *stream,
                 const SteadExportOptions  *options,
                 GCancellable              *cancellable,
                 GError                   **error)
{
  g_autoptr(GHashTable) personal = personal_columns (workspace, table);
  g_autoptr(GString) sql = g_string_new ("SELECT geom");
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  guint64 n = 0;

  for (guint i = 0; columns[i] != NULL; i++)
    {
      if (!options->include_personal && g_hash_table_contains (personal, columns[i]))
        continue;
      g_ptr_array_add (kept, (gpointer) columns[i]);
      g_string_append_printf (sql, ", \"%s\"", columns[i]);
    }
  /* Table and column names come from this file, never from input. */
  g_string_append_printf (sql, " FROM \"%s\" ORDER BY fid", table);

  stmt = stead_workspace_prepare (workspace, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < kept->len; i++)
    {
      stead_csv_append_field (out, g_ptr_array_index (kept, i));
      g_string_append_c (out, ',');
    }
  g_string_append (out, "longitude,latitude\r\n");

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double x, y;

      for (guint i = 0; i < kept->len; i++)
        {
          stead_csv_append_field (out, (const char *) sqlite3_column_text (stmt, i + 1));
          g_string_append_c (out, ',');
        }
      if (stead_gpkg_blob_get_point (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), &x, &y))
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.6f", x));
          g_string_append_c (out, ',');
          g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.6f", y));
        }
      else
        g_string_append_c (out, ',');
      g_string_append (out, "\r\n");

      if (out->len > 1 << 16)
        {
          if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
            return FALSE;
          g_string_truncate (out, 0);
        }
      if ((++n & 1023) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }

  return g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error);
}

static gboolean
export_needs (SteadExporter            *exporter,
              SteadWorkspace           *workspace,
              GOutputStream            *stream,
              const SteadExportOptions *options,
              GCancellable             *cancellable,
              GError                  **error)
{
  static const char * const columns[] = {
    "fid", "source_id", "kind", "title", "people", "urgency", "status", "opened", "closed", "owner", NULL
  };

  return export_features (workspace, "need", columns, stream, options, cancellable, error);
}

static gboolean
export_resources (SteadExporter            *exporter,
                  SteadWorkspace           *workspace,
                  GOutputStream            *stream,
                  const SteadExportOptions *options,
                  GCancellable             *cancellable,
                  GError                  **error)
{
  static const char * const columns[] = {
    "fid", "source_id", "kind", "title", "capacity", "availability", "owner", NULL
  };

  return export_features (workspace, "resource", columns, stream, options, cancellable, error);
}

static const char * const csv_only[] = { "csv", NULL };

const SteadCoreExportFormat stead_export_needs_csv = {
  "needs-csv", N_("Needs (CSV)"), csv_only, export_needs,
};

const SteadCoreExportFormat stead_export_resources_csv = {
  "resources-csv", N_("Resources (CSV)"), csv_only, export_resources,
};
