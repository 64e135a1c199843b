/* stead-import-row.c: one loop over a CSV file's rows for every tabular format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "stead-import-context-private.h"
#include "stead-import-row.h"
#include "stead-workspace.h"

struct _SteadImportRow
{
  SteadImportContext *context;
  SteadColumnMap     *map;
  const SteadField   *fields;
  guint               n_fields;
  const char * const *cells;
  guint               n_cells;
  guint64             line;
  guint64             index;
  gboolean            rejected;
  GPtrArray          *strings;   /* what get_string returned for this row */
  char              **names;     /* per column: its name for the extra attributes, or
                                  * NULL if a field reads it */
  GHashTable         *choices;   /* SteadField * → (cell as written → its choice's code) */
  guint               n_names;
  gboolean            extra_taken;
};

/* Progress and Cancel are checked this often. */
#define STEAD_IMPORT_ROW_BATCH 1024

/* What each column no field reads is called in the extra attributes: its
 * header, or "column N" when the header is empty or says it twice. */
static char **
stead_import_row_extra_names (SteadColumnMap     *map,
                              const SteadField   *fields,
                              guint               n_fields,
                              const char * const *header,
                              guint              *n_names)
{
  guint n = g_strv_length ((char **) header);
  g_autofree gboolean *used = g_new0 (gboolean, MAX (n, 1));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  char **names = g_new0 (char *, n + 1);

  for (guint f = 0; f < n_fields; f++)
    {
      int column = stead_column_map_get_column (map, fields[f].name);

      if (column >= 0 && (guint) column < n)
        used[column] = TRUE;
    }
  for (guint c = 0; c < n; c++)
    {
      if (used[c])
        continue;
      if (header[c][0] == '\0' || g_hash_table_contains (seen, header[c]))
        names[c] = g_strdup_printf (_("column %u"), c + 1);
      else
        names[c] = g_strdup (header[c]);
      g_hash_table_add (seen, (gpointer) header[c]);
    }
  *n_names = n;
  return names;
}

/* After the last row: which columns were kept as extra attributes, or
 * not imported, and which fields were read as Windows-1252. */
static void
stead_import_row_warn_after (SteadImportRow *row,
                             SteadCsvReader *reader)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint c = 0; c < row->n_names; c++)
    if (row->names[c] != NULL)
      g_string_append_printf (list, "%s%s", list->len > 0 ? ", " : "", row->names[c]);
  /* A format that never asked for them (or whose every row was rejected
   * before it could) does not keep them. */
  if (list->len > 0 && row->extra_taken)
    stead_import_context_warn (row->context, _("Kept as extra attributes: %s"), list->str);
  else if (list->len > 0)
    stead_import_context_warn (row->context, _("No field reads these columns, so they were not "
                                               "imported: %s"),
                               list->str);
  stead_import_context_note_csv (row->context, reader);
}

/* Cells in neither UTF-8 nor Windows-1252: the row is rejected by the loop. */
static void
stead_import_row_reject_undecodable (SteadImportRow *row,
                                     guint           column)
{
  g_autofree char *name = NULL;
  const char * const *header = (const char * const *) row->context->result->header;

  if (header != NULL && column <= g_strv_length ((char **) header) && header[column - 1][0])
    name = g_strdup (header[column - 1]);
  else
    name = g_strdup_printf (_("column %u"), column);
  stead_import_row_reject (row,
                           _("“%s” holds bytes that are neither UTF-8 nor Windows-1252 text "
                             "(save the file as UTF-8)"),
                           name);
}

static goffset
stead_import_row_file_size (SteadImportContext *context)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (context->file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            NULL, NULL);
  return info != NULL ? g_file_info_get_size (info) : 0;
}

/**
 * stead_import_context_foreach_row:
 * @context: an import of a tabular format (its importer has fields)
 * @check: (scope call) (nullable): called once with the columns, before
 *   the first row
 * @func: (scope call): called for each row
 * @user_data: its data
 * @error: a #GError
 *
 * Opens the file as CSV with its column map (see
 * stead_import_context_open_csv()) and calls @func for every row.
 *
 * Returns: %FALSE if the file could not be read, the import was
 *   cancelled, or @func failed
 */
gboolean
stead_import_context_foreach_row (SteadImportContext  *context,
                                  SteadImportRowFunc   check,
                                  SteadImportRowFunc   func,
                                  gpointer             user_data,
                                  GError             **error)
{
  g_autoptr(SteadCsvReader) reader = NULL;
  g_autoptr(SteadColumnMap) map = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) names = NULL;
  g_autoptr(GHashTable) choices = g_hash_table_new_full (NULL, NULL, NULL,
                                                         (GDestroyNotify) g_hash_table_unref);
  SteadImportRow row = { 0 };
  goffset size;

  g_return_val_if_fail (context != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  reader = stead_import_context_open_csv (context, &map, error);
  if (reader == NULL)
    return FALSE;
  size = stead_import_row_file_size (context);

  row.context = context;
  row.map = map;
  row.fields = stead_importer_get_fields (context->importer, &row.n_fields);
  row.strings = strings;
  row.choices = choices;
  row.names = names = stead_import_row_extra_names (map, row.fields, row.n_fields,
                                                    stead_csv_reader_get_header (reader),
                                                    &row.n_names);
  if (check != NULL && !check (&row, user_data, error))
    return FALSE;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;

      if (!stead_csv_reader_next_fields (reader, &row.cells, &row.n_cells, &row.line,
                                         context->cancellable, &local_error))
        {
          if (local_error == NULL)
            break;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      row.index++;
      row.rejected = FALSE;
      g_ptr_array_set_size (strings, 0);
      if (row.index % STEAD_IMPORT_ROW_BATCH == 0)
        {
          if (!stead_import_context_check_cancelled (context, error))
            return FALSE;
          stead_import_context_progress (context, stead_csv_reader_get_bytes_read (reader), size);
        }
      if (stead_csv_reader_get_undecodable (reader) > 0)
        {
          stead_import_row_reject_undecodable (&row, stead_csv_reader_get_undecodable (reader));
          continue;
        }
      if (!func (&row, user_data, &local_error))
        {
          if (local_error != NULL)
            g_prefix_error (&local_error, _("Line %llu: "), (unsigned long long) row.line);
          else
            local_error =
              g_error_new (STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                           _("Line %llu could not be imported"), (unsigned long long) row.line);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  stead_import_row_warn_after (&row, reader);
  stead_import_context_progress (context, size, size);
  return TRUE;
}

SteadImportContext *
stead_import_row_get_context (SteadImportRow *row)
{
  return row->context;
}

/**
 * stead_import_row_get_line:
 * @row: a row
 *
 * Returns: the file's line the row starts on, from 1
 */
guint64
stead_import_row_get_line (SteadImportRow *row)
{
  return row->line;
}

/**
 * stead_import_row_get_index:
 * @row: a row
 *
 * Returns: the row's number among the records, from 1
 */
guint64
stead_import_row_get_index (SteadImportRow *row)
{
  return row->index;
}

/**
 * stead_import_row_has_column:
 * @row: a row
 * @field: a field of the format
 *
 * Returns: whether a column of the file feeds @field
 */
gboolean
stead_import_row_has_column (SteadImportRow *row,
                             const char     *field)
{
  return stead_column_map_get_column (row->map, field) >= 0;
}

const char *
stead_import_row_peek (SteadImportRow *row,
                       const char     *field)
{
  int column = stead_column_map_get_column (row->map, field);
  const char *value;

  if (column < 0 || (guint) column >= row->n_cells)
    return NULL;
  value = row->cells[column];
  while (*value == ' ')
    value++;
  return *value != '\0' ? value : NULL;
}

/**
 * stead_import_row_dup_extra:
 * @row: a row
 *
 * What the row holds that no field of the format reads, so that the
 * record keeps it: store it in the record's `extra` column. Calling it
 * also tells the row loop that the format keeps these columns, so the
 * import says "Kept as extra attributes: …" and not "not imported".
 *
 * Returns: (transfer full) (nullable): a JSON object of the file's column
 *   names (or "column N") to the cells' text, empty cells left out;
 *   %NULL if there is nothing
 */
char *
stead_import_row_dup_extra (SteadImportRow *row)
{
  g_autoptr(GString) json = NULL;

  g_return_val_if_fail (row != NULL, NULL);

  row->extra_taken = TRUE;
  for (guint c = 0; c < row->n_cells; c++)
    {
      const char *cell = row->cells[c];
      g_autofree char *beyond = NULL;

      if (cell[0] == '\0' || (c < row->n_names && row->names[c] == NULL))
        continue;
      if (c >= row->n_names)
        beyond = g_strdup_printf (_("column %u"), c + 1);
      if (json == NULL)
        json = g_string_new (NULL);
      stead_import_extra_add (json, beyond != NULL ? beyond : row->names[c], cell);
    }
  return json != NULL ? stead_import_extra_finish (g_steal_pointer (&json)) : NULL;
}

void
stead_import_row_reject (SteadImportRow *row,
                         const char     *format,
                         ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  /* The first problem is the one the user is told about. */
  if (row->rejected)
    return;
  row->rejected = TRUE;
  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  stead_import_context_reject (row->context, row->line, row->index, row->cells, row->n_cells, "%s",
                               reason);
}

gboolean
stead_import_row_is_rejected (SteadImportRow *row)
{
  return row->rejected;
}

/* Reads @name as its declaration says; %FALSE (row rejected) if the text
 * is not a value. @value is left unset for an empty optional cell. */
static gboolean
stead_import_row_parse (SteadImportRow *row,
                        const char     *name,
                        GType           expected,
                        GValue         *value)
{
  const SteadField *field = stead_field_find (row->fields, row->n_fields, name);
  g_autoptr(GError) local_error = NULL;
  SteadField import_field;

  if (field == NULL)
    {
      g_critical ("Import format “%s” has no field “%s”",
                  stead_importer_get_id (row->context->importer), name);
      return FALSE;
    }
  if (stead_field_value_type (field) != expected)
    {
      g_critical ("Field “%s” of import format “%s” is not of the type read", name,
                  stead_importer_get_id (row->context->importer));
      return FALSE;
    }
  /* Rejects name the field as the column map does: "urgency", not "Urgency". */
  import_field = *field;
  import_field.label = NULL;
  if (!stead_field_parse (&import_field, row->context->workspace, stead_import_row_peek (row, name),
                          value, &local_error))
    {
      stead_import_row_reject (row, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* TEXT: the text without surrounding spaces. */
gboolean
stead_import_row_get_text (SteadImportRow  *row,
                           const char      *field,
                           const char     **value)
{
  return stead_import_row_get_string (row, field, value);
}

/* A text field as stead_field_parse() reads it (the cell without its
 * surrounding ASCII white space), without the GValue and the copy: the
 * cell itself when it has nothing to trim, which it stays valid as long
 * as. %FALSE for what only stead_field_parse() says (an empty required
 * cell, a field that is not text). */
static gboolean
stead_import_row_read_text (SteadImportRow  *row,
                            const char      *name,
                            const char     **out)
{
  const SteadField *field = stead_field_find (row->fields, row->n_fields, name);
  const char *text;
  gsize len;

  if (field == NULL || field->type != STEAD_FIELD_TEXT)
    return FALSE;
  text = stead_import_row_peek (row, name);
  while (text != NULL && g_ascii_isspace (*text))
    text++;
  len = text != NULL ? strlen (text) : 0;
  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;
  if (len == 0)
    return !field->required;
  if (text[len] == '\0')
    *out = text;
  else
    {
      g_ptr_array_add (row->strings, g_strndup (text, len));
      *out = g_ptr_array_index (row->strings, row->strings->len - 1);
    }
  return TRUE;
}

/* Choices as stead_field_parse() reads them, once for each way the file
 * writes them: a register gives its few statuses a hundred thousand
 * times, and each reading folds and translates the labels. The cache
 * holds the choice tables' own codes, by the cell as written. */
static GHashTable *
stead_import_row_choice_cache (SteadImportRow *row,
                               const char     *name)
{
  const SteadField *field = stead_field_find (row->fields, row->n_fields, name);
  GHashTable *known;

  if (field == NULL || field->type != STEAD_FIELD_CHOICE)
    return NULL;
  known = g_hash_table_lookup (row->choices, field);
  if (known == NULL)
    {
      known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (row->choices, (gpointer) field, known);
    }
  return known;
}

static void
stead_import_row_remember_choice (SteadImportRow *row,
                                  GHashTable     *known,
                                  const char     *name,
                                  const char     *code)
{
  const SteadField *field = stead_field_find (row->fields, row->n_fields, name);
  const char *text = stead_import_row_peek (row, name);

  for (guint i = 0; text != NULL && field->choices[i].code != NULL; i++)
    if (g_str_equal (field->choices[i].code, code))
      {
        g_hash_table_insert (known, g_strdup (text), (gpointer) field->choices[i].code);
        return;
      }
}

/* Reads @field into *@out, of the C type for @type; leaves it alone for
 * an empty optional cell. Strings stay valid until the next row. */
static gboolean
stead_import_row_read (SteadImportRow *row,
                       const char     *field,
                       GType           type,
                       gpointer        out)
{
  g_auto(GValue) v = G_VALUE_INIT;
  GHashTable *choices = NULL;

  /* Text by the million: read straight from the cell; a choice once for
   * each way it is written. */
  if (type == G_TYPE_STRING && stead_import_row_read_text (row, field, out))
    return TRUE;
  if (type == G_TYPE_STRING && (choices = stead_import_row_choice_cache (row, field)) != NULL)
    {
      const char *text = stead_import_row_peek (row, field);
      const char *code = text != NULL ? g_hash_table_lookup (choices, text) : NULL;

      if (code != NULL)
        {
          *(const char **) out = code;
          return TRUE;
        }
    }
  if (!stead_import_row_parse (row, field, type, &v))
    return FALSE;
  if (!G_IS_VALUE (&v))
    return TRUE;
  switch (type)
    {
    case G_TYPE_INT64:
      *(gint64 *) out = g_value_get_int64 (&v);
      break;
    case G_TYPE_DOUBLE:
      *(double *) out = g_value_get_double (&v);
      break;
    case G_TYPE_BOOLEAN:
      *(gboolean *) out = g_value_get_boolean (&v);
      break;
    default:
      g_ptr_array_add (row->strings, g_value_dup_string (&v));
      *(const char **) out = g_ptr_array_index (row->strings, row->strings->len - 1);
      if (choices != NULL)
        stead_import_row_remember_choice (row, choices, field, g_value_get_string (&v));
    }
  return TRUE;
}

gboolean
stead_import_row_get_int (SteadImportRow *row,
                          const char     *field,
                          gint64         *value)
{
  return stead_import_row_read (row, field, G_TYPE_INT64, value);
}

gboolean
stead_import_row_get_double (SteadImportRow *row,
                             const char     *field,
                             double         *value)
{
  return stead_import_row_read (row, field, G_TYPE_DOUBLE, value);
}

gboolean
stead_import_row_get_bool (SteadImportRow *row,
                           const char     *field,
                           gboolean       *value)
{
  return stead_import_row_read (row, field, G_TYPE_BOOLEAN, value);
}

gboolean
stead_import_row_get_string (SteadImportRow  *row,
                             const char      *field,
                             const char     **value)
{
  return stead_import_row_read (row, field, G_TYPE_STRING, value);
}

gboolean
stead_import_row_get_time (SteadImportRow *row,
                           const char     *field,
                           gint64         *unix_time)
{
  g_auto(GValue) v = G_VALUE_INIT;

  /* The field's rules (required, a date at all), then its time of day. */
  if (!stead_import_row_parse (row, field, G_TYPE_STRING, &v))
    return FALSE;
  if (G_IS_VALUE (&v) && !stead_parse_date (stead_import_row_peek (row, field), unix_time))
    {
      stead_import_row_reject (row, _("%s “%s” is not a date and time"), field,
                               stead_import_row_peek (row, field));
      return FALSE;
    }
  return TRUE;
}

gboolean
stead_import_row_get_record (SteadImportRow *row,
                             const char     *field,
                             gint64         *id)
{
  return stead_import_row_read (row, field, G_TYPE_INT64, id);
}

gboolean
stead_import_row_get_location (SteadImportRow *row,
                               double         *lon,
                               double         *lat)
{
  const char *lon_text = stead_import_row_peek (row, "longitude");
  const char *lat_text = stead_import_row_peek (row, "latitude");
  const char *postcode = stead_import_row_peek (row, "postcode");

  if (lon_text != NULL || lat_text != NULL)
    {
      if (lon_text == NULL || lat_text == NULL || !stead_parse_double (lon_text, lon) ||
          !stead_parse_double (lat_text, lat) || *lon < -180 || *lon > 180 || *lat < -90 ||
          *lat > 90)
        {
          stead_import_row_reject (
            row, _("longitude and latitude “%s”, “%s” are not a position in degrees"),
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
          stead_import_row_reject (row, _("“%s” is not a UK postcode"), postcode);
          return FALSE;
        }
      if (!stead_import_context_geocode (row->context, postcode, lon, lat))
        {
          stead_import_row_reject (
            row, _("postcode “%s” is not in the workspace’s postcode directory"), postcode);
          return FALSE;
        }
      return TRUE;
    }

  stead_import_row_reject (row, _("no location: give a postcode, or longitude and latitude"));
  return FALSE;
}
