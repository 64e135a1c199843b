/* stead-import-needs.c: needs and resources as CSV, in and out
 *
 * Needs and resources are the core's own feature tables: one row a
 * point, placed by longitude and latitude or by postcode. Large files
 * are indexed in one go (stead-bulk-index.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-bulk-index-private.h"
#include "stead-casework-private.h"
#include "stead-csv-writer.h"
#include "stead-geometry.h"
#include "stead-import-formats-private.h"
#include "stead-import-row.h"
#include "stead-output.h"
#include "stead-vocabulary.h"
#include "stead-workspace.h"
#include "stead-workspace-private.h"

/* ------------------------------------------------------------------------ */
/* Import                                                                    */

#define STEAD_LOCATION_FIELDS                                                                      \
  { "postcode", "post code;postal code;zip", "#loc +postcode;#adm4 +postcode",                     \
    .label = N_("Postcode") },                                                                    \
    { "longitude", "lon;long;lng;x", "#geo +lon", .type = STEAD_FIELD_DOUBLE,                      \
      .label = N_("Longitude") },                                                                 \
  {                                                                                                \
    "latitude", "lat;y", "#geo +lat", .type = STEAD_FIELD_DOUBLE, .label = N_("Latitude")         \
  }

static const SteadField stead_import_needs_need_fields[] = {
  { "id", "identifier;ref;reference;source id;case;case number", "#x_id;#id",
    .label = N_("Reference") },
  { "kind", "need;type;need kind;category", "#x_kind;#sector", .type = STEAD_FIELD_TERM,
    .vocabulary = "need-kind", .label = N_("Kind") },
  { "title", "description;summary;name;details", "#description", .label = N_("Title") },
  { "people", "people affected;persons;household size;number of people", "#affected;#reached",
    .type = STEAD_FIELD_INT, .min = 0, .max = 1000000, .label = N_("People") },
  { "urgency", "priority", "#x_urgency;#priority", .type = STEAD_FIELD_INT, .min = 1, .max = 4,
    .choices = stead_casework_urgencies, .label = N_("Urgency") },
  { "status", "state", "#status", .type = STEAD_FIELD_CHOICE,
    .choices = stead_casework_statuses, .label = N_("Status") },
  { "opened", "date;reported;created;date opened", "#date", .type = STEAD_FIELD_DATE,
    .label = N_("Opened") },
  { "closed", "date closed;closed at;resolved", NULL, .type = STEAD_FIELD_DATE,
    .label = N_("Closed") },
  STEAD_LOCATION_FIELDS,
};

static const SteadField stead_import_needs_resource_fields[] = {
  { "id", "identifier;ref;reference;source id", "#x_id;#id", .label = N_("Reference") },
  { "kind", "resource;type;resource kind;category", "#x_kind;#sector", .type = STEAD_FIELD_TERM,
    .vocabulary = "resource-kind", .label = N_("Kind") },
  { "title", "name;description;summary", "#description;#org", .label = N_("Title") },
  { "capacity", "quantity;places;beds;count", "#capacity;#value", .type = STEAD_FIELD_INT, .min = 0,
    .max = 10000000, .label = N_("Capacity") },
  { "availability", "status;available", "#status", .type = STEAD_FIELD_CHOICE,
    .choices = stead_casework_availabilities, .label = N_("Availability") },
  STEAD_LOCATION_FIELDS,
};

static const SteadFormatOption stead_import_needs_options[] = {
  { "kind", N_("The kind of every row without one (a code or label of the vocabulary)"),
    N_("Kind of every row"), STEAD_FIELD_TERM, "need-kind" },
  { NULL }
};

static const SteadFormatOption stead_import_resources_options[] = {
  { "kind", N_("The kind of every row without one (a code or label of the vocabulary)"),
    N_("Kind of every row"), STEAD_FIELD_TERM, "resource-kind" },
  { NULL }
};

typedef struct
{
  gboolean        need;            /* else a resource */
  SteadBulkIndex *bulk;
  char           *default_kind;    /* the code --option kind names */
  gint64          now;
} SteadImportNeeds;

/* A record updated from a newer file keeps the extra attributes the file
 * no longer has; those it has take the file's values. */
#define STEAD_IMPORT_NEEDS_MERGE_EXTRA \
  "extra = CASE WHEN ?9 IS NULL THEN extra ELSE json_patch (coalesce (extra, '{}'), ?9) END"
#define STEAD_IMPORT_NEEDS_MERGE_EXTRA_7 \
  "extra = CASE WHEN ?7 IS NULL THEN extra ELSE json_patch (coalesce (extra, '{}'), ?7) END"

/* Which of @fields the file has, as bits: an update keeps what a file
 * without the column (an export without personal data) does not say. */
static gint64
stead_import_needs_columns (SteadImportRow     *row,
                            const char * const *fields)
{
  gint64 mask = 0;

  for (guint i = 0; fields[i] != NULL; i++)
    if (stead_import_row_has_column (row, fields[i]))
      mask |= 1 << i;
  return mask;
}

static gboolean
stead_import_needs_row (SteadImportRow  *row,
                        gpointer         user_data,
                        GError         **error)
{
  static const char * const need_columns[] = { "title",  "people", "urgency", "status",
                                               "opened", "closed", NULL };
  static const char * const resource_columns[] = { "title", "capacity", "availability", NULL };
  SteadImportNeeds *self = user_data;
  SteadImportContext *context = stead_import_row_get_context (row);
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  const char *kind = self->default_kind, *id = NULL, *title = NULL, *status;
  gint64 count = 1, urgency = 2, opened = self->now, closed = 0, fid = 0, written;
  g_autoptr(GBytes) point = NULL;
  g_autofree char *opened_text = NULL;
  g_autofree char *closed_text = NULL;
  g_autofree char *extra = NULL;
  guint8 blob[29];
  double lon, lat;

  status = self->need ? "open" : "available";
  if (!stead_import_row_get_string (row, "kind", &kind) ||
      !stead_import_row_get_text (row, "id", &id) ||
      !stead_import_row_get_text (row, "title", &title))
    return TRUE;
  if (kind == NULL)
    {
      stead_import_row_reject (row, _("no kind"));
      return TRUE;
    }
  if (self->need)
    {
      if (!stead_import_row_get_int (row, "people", &count) ||
          !stead_import_row_get_int (row, "urgency", &urgency) ||
          !stead_import_row_get_string (row, "status", &status) ||
          !stead_import_row_get_time (row, "opened", &opened) ||
          !stead_import_row_get_time (row, "closed", &closed))
        return TRUE;
    }
  else if (!stead_import_row_get_int (row, "capacity", &count) ||
           !stead_import_row_get_string (row, "availability", &status))
    return TRUE;

  if (!stead_import_row_get_location (row, &lon, &lat))
    return TRUE;
  if (!stead_import_context_is_within (context, lon, lat))
    {
      stead_import_context_skipped (context, 1);
      return TRUE;
    }

  /* The row this workspace exported, else the one that came with this id. */
  if (id != NULL)
    fid = self->need ? stead_import_context_find_own_id (
                         context, "need", "SELECT fid FROM need WHERE fid = ?1", id)
                     : stead_import_context_find_own_id (
                         context, "resource", "SELECT fid FROM resource WHERE fid = ?1", id);
  if (fid != 0)
    {
      gint64 owned = 0;

      /* A plugin's row (a group's need, a partner's site) is kept by that
       * plugin, which publishes it again: edit it there. */
      if (stead_transaction_query_int64 (txn,
                                         self->need
                                           ? "SELECT owner IS NOT NULL FROM need WHERE fid = ?"
                                           : "SELECT owner IS NOT NULL FROM resource WHERE fid = ?",
                                         STEAD_ARGS (STEAD_INT (fid)), &owned) &&
          owned)
        {
          stead_import_context_skipped (context, 1);
          return TRUE;
        }
    }
  if (id != NULL && fid == 0 &&
      !stead_transaction_query_int64 (txn,
                                      self->need ? "SELECT fid FROM need WHERE source_id = ?"
                                                 : "SELECT fid FROM resource WHERE source_id = ?",
                                      STEAD_ARGS (STEAD_STRING (id)), &fid))
    fid = 0;

  stead_gpkg_point_blob (blob, lon, lat);
  point = g_bytes_new_static (blob, sizeof blob);
  extra = stead_import_row_dup_extra (row);
  if (self->need)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (opened);

      opened_text = stead_datetime_format (dt);
      if (stead_import_row_peek (row, "closed") != NULL)
        {
          g_autoptr(GDateTime) closed_dt = g_date_time_new_from_unix_utc (closed);

          closed_text = stead_datetime_format (closed_dt);
        }
      if (fid != 0)
        written = stead_transaction_run (
          txn,
          "UPDATE need SET geom = ?1, kind = ?2, "
          "title = CASE WHEN ?10 & 1 THEN ?3 ELSE title END, "
          "people = CASE WHEN ?10 & 2 THEN ?4 ELSE people END, "
          "urgency = CASE WHEN ?10 & 4 THEN ?5 ELSE urgency END, "
          "status = CASE WHEN ?10 & 8 THEN ?6 ELSE status END, "
          "opened = CASE WHEN ?10 & 16 THEN ?7 ELSE opened END, "
          "closed = CASE WHEN ?10 & 32 THEN ?11 ELSE closed END, " STEAD_IMPORT_NEEDS_MERGE_EXTRA
          " WHERE fid = ?8",
          STEAD_ARGS (STEAD_BLOB (point), STEAD_STRING (kind), STEAD_TEXT (title),
                      STEAD_INT (count), STEAD_INT (urgency), STEAD_STRING (status),
                      STEAD_STRING (opened_text), STEAD_INT (fid), STEAD_STRING (extra),
                      STEAD_INT (stead_import_needs_columns (row, need_columns)),
                      STEAD_STRING (closed_text)),
          error);
      else
        written = stead_transaction_run (
          txn,
          "INSERT INTO need (geom, kind, title, people, urgency, status, opened, "
          "source_id, extra, closed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
          STEAD_ARGS (STEAD_BLOB (point), STEAD_STRING (kind), STEAD_TEXT (title),
                      STEAD_INT (count), STEAD_INT (urgency), STEAD_STRING (status),
                      STEAD_STRING (opened_text), STEAD_TEXT (id), STEAD_STRING (extra),
                      STEAD_STRING (closed_text)),
          error);
    }
  else if (fid != 0)
    written = stead_transaction_run (
      txn,
      "UPDATE resource SET geom = ?1, kind = ?2, "
      "title = CASE WHEN ?8 & 1 THEN ?3 ELSE title END, "
      "capacity = CASE WHEN ?8 & 2 THEN ?4 ELSE capacity END, "
      "availability = CASE WHEN ?8 & 4 THEN ?5 ELSE availability END, "
      STEAD_IMPORT_NEEDS_MERGE_EXTRA_7 " WHERE fid = ?6",
      STEAD_ARGS (STEAD_BLOB (point), STEAD_STRING (kind), STEAD_TEXT (title), STEAD_INT (count),
                  STEAD_STRING (status), STEAD_INT (fid), STEAD_STRING (extra),
                  STEAD_INT (stead_import_needs_columns (row, resource_columns))),
      error);
  else
    written = stead_transaction_run (
      txn,
      "INSERT INTO resource (geom, kind, title, capacity, availability, source_id, extra) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
      STEAD_ARGS (STEAD_BLOB (point), STEAD_STRING (kind), STEAD_TEXT (title), STEAD_INT (count),
                  STEAD_STRING (status), STEAD_TEXT (id), STEAD_STRING (extra)),
      error);
  if (written < 0)
    return FALSE;

  if (fid != 0)
    stead_import_context_updated (context, 1);
  else
    {
      stead_bulk_index_add (self->bulk, written, lon, lat);
      stead_import_context_added (context, 1);
    }
  return TRUE;
}

/* Before the first row: every row needs a kind and a place. */
static gboolean
stead_import_needs_check_columns (SteadImportRow  *header,
                                  gpointer         user_data,
                                  GError         **error)
{
  SteadImportNeeds *self = user_data;

  if (!stead_import_row_has_column (header, "kind") && self->default_kind == NULL)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   _("No column gives the kind: choose the column of “Kind”, or choose a "
                     "“Kind of every row”"));
      return FALSE;
    }
  if (!stead_import_row_has_column (header, "postcode") &&
      (!stead_import_row_has_column (header, "longitude") ||
       !stead_import_row_has_column (header, "latitude")))
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   _("No column gives a location: choose the column of “Postcode”, or those of "
                     "“Longitude” and “Latitude”"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
stead_import_needs_run (SteadImportContext  *context,
                        gboolean             need,
                        GError             **error)
{
  SteadWorkspace *workspace = stead_import_context_get_workspace (context);
  const char *kind = stead_import_context_get_option (context, "kind");
  g_autoptr(SteadBulkIndex) bulk = NULL;
  g_autofree char *default_kind = NULL;
  SteadImportNeeds self = { need };

  if (kind != NULL)
    {
      default_kind =
        stead_workspace_lookup_term (workspace, need ? "need-kind" : "resource-kind", kind);
      if (default_kind == NULL)
        {
          g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION,
                       need ? _("“%s” is not a need kind in this workspace’s vocabulary")
                            : _("“%s” is not a resource kind in this workspace’s vocabulary"),
                       kind);
          return FALSE;
        }
    }
  bulk = stead_bulk_index_begin (stead_import_context_get_transaction (context),
                                 need ? "need" : "resource", error);
  if (bulk == NULL)
    return FALSE;

  self.bulk = bulk;
  self.default_kind = default_kind;
  self.now = g_get_real_time () / G_USEC_PER_SEC;
  return stead_import_context_foreach_row (context, stead_import_needs_check_columns,
                                           stead_import_needs_row, &self, error) &&
         stead_bulk_index_finish (bulk, error);
}

static gboolean
stead_import_needs_run_needs (SteadImportContext  *context,
                              GError             **error)
{
  return stead_import_needs_run (context, TRUE, error);
}

static gboolean
stead_import_needs_run_resources (SteadImportContext  *context,
                                  GError             **error)
{
  return stead_import_needs_run (context, FALSE, error);
}

const SteadImportFormat stead_import_needs_csv = {
  .id = "needs-csv",
  .title = N_("Needs (CSV)"),
  .extensions = STEAD_EXTENSIONS ("csv", "tsv", "txt"),
  .fields = stead_import_needs_need_fields,
  .n_fields = G_N_ELEMENTS (stead_import_needs_need_fields),
  .options = stead_import_needs_options,
  .run = stead_import_needs_run_needs,
};

const SteadImportFormat stead_import_resources_csv = {
  .id = "resources-csv",
  .title = N_("Resources (CSV)"),
  .extensions = STEAD_EXTENSIONS ("csv", "tsv", "txt"),
  .fields = stead_import_needs_resource_fields,
  .n_fields = G_N_ELEMENTS (stead_import_needs_resource_fields),
  .options = stead_import_resources_options,
  .run = stead_import_needs_run_resources,
};

/* ------------------------------------------------------------------------ */
/* Export                                                                    */

/* Columns (names in the table) exported for a feature table, after the
 * row's stable id; the geometry comes out as longitude and latitude. */
static gboolean
stead_import_needs_export_table (SteadWorkspace            *workspace,
                                 const char                *table,
                                 const char * const        *columns,
                                 GOutputStream             *stream,
                                 const SteadExportOptions  *options,
                                 GCancellable              *cancellable,
                                 GError                   **error)
{
  g_autoptr(GHashTable) personal = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT geom, fid, source_id");
  g_autofree char *uid = stead_workspace_dup_uid (workspace);
  g_autoptr(SteadCsvWriter) writer = stead_csv_writer_new (stream, cancellable);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  SteadRows rows;

  personal = stead_export_list_personal (workspace, error);
  if (personal == NULL)
    return FALSE;
  for (guint i = 0; columns[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat (table, ".", columns[i], NULL);

      if (!options->include_personal && g_hash_table_contains (personal, name))
        continue;
      g_ptr_array_add (kept, (gpointer) columns[i]);
      /* Table and column names come from this file, never from input. */
      g_string_append_c (sql, ',');
      g_string_append (sql, columns[i]);
    }
  g_string_append (sql, " FROM ");
  g_string_append (sql, table);
  g_string_append (sql, " ORDER BY fid");

  stmt = stead_workspace_prepare (workspace, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  /* First the stable id, which a re-import matches (never personal). */
  stead_csv_writer_add (writer, "id");
  for (guint i = 0; i < kept->len; i++)
    stead_csv_writer_add (writer, g_ptr_array_index (kept, i));
  stead_csv_writer_add (writer, "longitude");
  stead_csv_writer_add (writer, "latitude");
  if (!stead_csv_writer_end_row (writer, error))
    return FALSE;

  /* A damaged page is an error naming the row, never the end of the file. */
  rows = (SteadRows) STEAD_ROWS_INIT (stmt, table);
  while (stead_rows_next (&rows))
    {
      double x, y;
      g_autofree char *id =
        stead_export_stable_id (uid, table, sqlite3_column_int64 (stmt, 1),
                                (const char *) sqlite3_column_text (stmt, 2));

      stead_csv_writer_add (writer, id);
      for (guint i = 0; i < kept->len; i++)
        stead_csv_writer_add (writer, (const char *) sqlite3_column_text (stmt, i + 3));
      if (stead_gpkg_blob_get_point (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0),
                                     &x, &y))
        {
          stead_csv_writer_add_double (writer, x, 6);
          stead_csv_writer_add_double (writer, y, 6);
        }
      else
        {
          stead_csv_writer_add (writer, NULL);
          stead_csv_writer_add (writer, NULL);
        }
      if (!stead_csv_writer_end_row (writer, error))
        return FALSE;
    }
  return stead_rows_end (&rows, error) && stead_csv_writer_finish (writer, error);
}

static gboolean
stead_import_needs_export_needs (SteadWorkspace           *workspace,
                                 GOutputStream            *stream,
                                 const SteadExportOptions *options,
                                 GCancellable             *cancellable,
                                 GError                  **error)
{
  static const char * const columns[] = { "kind",   "title",  "people", "urgency", "status",
                                         "opened", "closed", "owner",  NULL };

  return stead_import_needs_export_table (workspace, "need", columns, stream, options, cancellable,
                                          error);
}

static gboolean
stead_import_needs_export_resources (SteadWorkspace           *workspace,
                                     GOutputStream            *stream,
                                     const SteadExportOptions *options,
                                     GCancellable             *cancellable,
                                     GError                  **error)
{
  static const char * const columns[] = {
    "kind", "title", "capacity", "availability", "owner", NULL
  };

  return stead_import_needs_export_table (workspace, "resource", columns, stream, options,
                                          cancellable, error);
}

const SteadExportFormat stead_export_needs_csv = {
  .id = "needs-csv",
  .title = N_("Needs (CSV)"),
  .extensions = STEAD_EXTENSIONS ("csv"),
  .run = stead_import_needs_export_needs,
};

const SteadExportFormat stead_export_resources_csv = {
  .id = "resources-csv",
  .title = N_("Resources (CSV)"),
  .extensions = STEAD_EXTENSIONS ("csv"),
  .run = stead_import_needs_export_resources,
};
