/* stead-importer.c: the import framework every format is built on
 *
 * One import is one transaction. The importer reads and writes through a
 * SteadImportContext; stead_import_run() counts what it reports, then
 * rolls back (a dry run, a reject the user did not accept, an error or
 * Cancel) or commits. A dry run runs exactly the same code as the real
 * run, so its counts are the real run's counts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-importer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "stead-csv-writer.h"
#include "stead-geometry.h"
#include "stead-importer.h"
#include "stead-import-context-private.h"
#include "stead-import-formats-private.h"
#include "stead-output.h"
#include "stead-plugin-engine.h"
#include "stead-record-provider.h"
#include "stead-workspace.h"
#include "stead-workspace-addin.h"
#include "stead-workspace-private.h"


G_DEFINE_INTERFACE (SteadImporter, stead_importer, G_TYPE_OBJECT)
G_DEFINE_QUARK (stead-import-error-quark, stead_import_error)

static void
stead_importer_default_init (SteadImporterInterface *iface)
{
}

/**
 * stead_importer_get_id:
 * @self: a #SteadImporter
 *
 * Returns: the format's short name, as given to `--format`
 */
const char *
stead_importer_get_id (SteadImporter *self)
{
  g_return_val_if_fail (STEAD_IS_IMPORTER (self), NULL);

  return STEAD_IMPORTER_GET_IFACE (self)->get_id (self);
}

const char *
stead_importer_get_title (SteadImporter *self)
{
  SteadImporterInterface *iface;

  g_return_val_if_fail (STEAD_IS_IMPORTER (self), NULL);

  iface = STEAD_IMPORTER_GET_IFACE (self);
  return iface->get_title != NULL ? iface->get_title (self) : iface->get_id (self);
}

/**
 * stead_importer_get_extensions:
 * @self: a #SteadImporter
 *
 * Returns: (nullable) (array zero-terminated=1): file name extensions
 */
const char * const *
stead_importer_get_extensions (SteadImporter *self)
{
  SteadImporterInterface *iface;

  g_return_val_if_fail (STEAD_IS_IMPORTER (self), NULL);

  iface = STEAD_IMPORTER_GET_IFACE (self);
  return iface->get_extensions != NULL ? iface->get_extensions (self) : NULL;
}

/**
 * stead_importer_get_fields:
 * @self: a #SteadImporter
 * @n_fields: (out): how many
 *
 * Returns: (nullable) (array length=n_fields): the fields of a tabular
 *   format, for the column map
 */
const SteadImportField *
stead_importer_get_fields (SteadImporter *self,
                           guint         *n_fields)
{
  SteadImporterInterface *iface;

  g_return_val_if_fail (STEAD_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (n_fields != NULL, NULL);

  *n_fields = 0;
  iface = STEAD_IMPORTER_GET_IFACE (self);
  return iface->get_fields != NULL ? iface->get_fields (self, n_fields) : NULL;
}

/**
 * stead_importer_get_flags:
 *
 * Returns: its #SteadImportFormatFlags (%STEAD_IMPORT_NOT_UNDOABLE…)
 */
guint
stead_importer_get_flags (SteadImporter *self)
{
  SteadImporterInterface *iface;

  g_return_val_if_fail (STEAD_IS_IMPORTER (self), 0);

  iface = STEAD_IMPORTER_GET_IFACE (self);
  return iface->get_flags != NULL ? iface->get_flags (self) : 0;
}

const char *
stead_importer_get_owner (SteadImporter *self)
{
  SteadImporterInterface *iface;
  const char *owner = NULL;

  g_return_val_if_fail (STEAD_IS_IMPORTER (self), NULL);

  iface = STEAD_IMPORTER_GET_IFACE (self);
  if (iface->get_owner != NULL)
    owner = iface->get_owner (self);
  if (owner == NULL)
    owner = g_object_get_data (G_OBJECT (self), "stead-plugin");
  return owner != NULL ? owner : STEAD_CORE_OWNER;
}

/**
 * stead_importer_get_options:
 * @self: a #SteadImporter
 *
 * Returns: (nullable): the options it takes, ending with { NULL }
 */
const SteadFormatOption *
stead_importer_get_options (SteadImporter *self)
{
  SteadImporterInterface *iface;

  g_return_val_if_fail (STEAD_IS_IMPORTER (self), NULL);

  iface = STEAD_IMPORTER_GET_IFACE (self);
  return iface->get_options != NULL ? iface->get_options (self) : NULL;
}

static gboolean
stead_importer_declares_option (SteadImporter *self,
                                const char    *key)
{
  const SteadFormatOption *options = stead_importer_get_options (self);

  for (guint i = 0; options != NULL && options[i].key != NULL; i++)
    if (g_str_equal (options[i].key, key))
      return TRUE;
  return FALSE;
}

/**
 * stead_importer_detect:
 * @self: a #SteadImporter
 * @sample: the start of a file
 *
 * Returns: how well @sample fits the format: 0 not at all, more the
 *   better (see %STEAD_IMPORT_FITS_SURELY)
 */
guint
stead_importer_detect (SteadImporter           *self,
                       const SteadImportSample *sample)
{
  SteadImporterInterface *iface;

  g_return_val_if_fail (STEAD_IS_IMPORTER (self), 0);
  g_return_val_if_fail (sample != NULL, 0);

  iface = STEAD_IMPORTER_GET_IFACE (self);
  if (iface->detect != NULL)
    return iface->detect (self, sample);
  return stead_import_detect_by_header (self, sample);
}

/**
 * stead_importer_check_options:
 * @self: a #SteadImporter
 * @options: (nullable): key=value strings
 * @error: a #GError, naming the option it does not take
 *
 * Returns: %TRUE if @self declares every key of @options
 */
gboolean
stead_importer_check_options (SteadImporter  *self,
                              GHashTable     *options,
                              GError        **error)
{
  g_return_val_if_fail (STEAD_IS_IMPORTER (self), FALSE);

  return stead_format_check_options (stead_importer_get_id (self),
                                     stead_importer_get_options (self), options, error);
}

/* ------------------------------------------------------------------------ */
/* Results                                                                   */

static void
stead_importer_reject_free (SteadImportReject *reject)
{
  g_free (reject->reason);
  g_strfreev (reject->row);
  g_free (reject);
}

static SteadImportResult *
stead_importer_result_new (SteadImporter *importer,
                           gboolean       dry_run)
{
  SteadImportResult *result = g_new0 (SteadImportResult, 1);

  result->dry_run = dry_run;
  result->rejects = g_ptr_array_new_with_free_func ((GDestroyNotify) stead_importer_reject_free);
  result->warnings = g_ptr_array_new_with_free_func (g_free);
  result->added_names = g_ptr_array_new_with_free_func (g_free);
  result->updated_names = g_ptr_array_new_with_free_func (g_free);
  result->removed_names = g_ptr_array_new_with_free_func (g_free);
  result->linked_names = g_ptr_array_new_with_free_func (g_free);
  result->importer_id = g_strdup (stead_importer_get_id (importer));
  return result;
}

void
stead_import_result_free (SteadImportResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->linked_names, g_ptr_array_unref);
  g_ptr_array_unref (result->rejects);
  g_ptr_array_unref (result->warnings);
  g_ptr_array_unref (result->added_names);
  g_ptr_array_unref (result->updated_names);
  g_ptr_array_unref (result->removed_names);
  g_strfreev (result->header);
  g_free (result->map);
  g_free (result->importer_id);
  g_free (result);
}

/**
 * stead_import_result_write_rejects:
 * @result: the result of a run
 * @stream: where to write
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Writes the rejected rows as CSV: the line, the reason, then the row as
 * it was read under the file's own header, so it can be fixed and
 * imported again.
 *
 * Returns: %TRUE if written
 */
gboolean
stead_import_result_write_rejects (SteadImportResult  *result,
                                   GOutputStream      *stream,
                                   GCancellable       *cancellable,
                                   GError            **error)
{
  g_autoptr(SteadCsvWriter) writer = NULL;

  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  /* Not translated: a file for other programs. */
  writer = stead_csv_writer_new (stream, cancellable);
  stead_csv_writer_add (writer, "stead_line");
  stead_csv_writer_add (writer, "stead_record");
  stead_csv_writer_add (writer, "stead_reason");
  for (guint i = 0; result->header != NULL && result->header[i] != NULL; i++)
    stead_csv_writer_add (writer, result->header[i]);
  if (!stead_csv_writer_end_row (writer, error))
    return FALSE;

  for (guint i = 0; i < result->rejects->len; i++)
    {
      const SteadImportReject *reject = g_ptr_array_index (result->rejects, i);

      if (reject->line > 0)
        stead_csv_writer_add_int (writer, reject->line);
      else
        stead_csv_writer_add (writer, NULL);
      if (reject->index > 0)
        stead_csv_writer_add_int (writer, reject->index);
      else
        stead_csv_writer_add (writer, NULL);
      stead_csv_writer_add (writer, reject->reason);
      for (guint j = 0; reject->row != NULL && reject->row[j] != NULL; j++)
        stead_csv_writer_add (writer, reject->row[j]);
      if (!stead_csv_writer_end_row (writer, error))
        return FALSE;
    }
  return stead_csv_writer_finish (writer, error);
}

/* One count of the sentence, after a comma unless it comes first. */
static void
stead_importer_describe_count (GString    *out,
                               const char *format,
                               guint64     n)
{
  if (out->len > 0 && out->str[out->len - 1] != ' ')
    g_string_append (out, ", ");
  g_string_append_printf (out, format, (unsigned long long) n);
}

/**
 * stead_import_result_save_rejects:
 * @result: the result of a run
 * @file: where to write
 * @workspace: (nullable): the workspace imported into
 * @input: (nullable): the file imported
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Writes the rejects (see stead_import_result_write_rejects()) beside
 * @file and renames them over it: created 0600, since the rows are whole
 * and hold whatever personal data the input did; refused if @file is the
 * workspace, one of its journal files or the input; on an error @file is
 * as it was.
 *
 * Returns: %TRUE if @file holds every reject
 */
gboolean
stead_import_result_save_rejects (SteadImportResult  *result,
                                  GFile              *file,
                                  SteadWorkspace     *workspace,
                                  GFile              *input,
                                  GCancellable       *cancellable,
                                  GError            **error)
{
  g_autoptr(SteadOutput) output = NULL;
  GOutputStream *stream;

  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  output = stead_output_new (file, STEAD_OUTPUT_FLAGS_PERSONAL);
  if (workspace != NULL)
    stead_output_protect_workspace (output, stead_workspace_get_path (workspace));
  if (input != NULL)
    stead_output_protect (output, input);
  stream = stead_output_open (output, error);
  return stream != NULL &&
         stead_import_result_write_rejects (result, stream, cancellable, error) &&
         stead_output_commit (output, cancellable, error);
}

/**
 * stead_import_result_describe:
 * @result: the result of a run
 *
 * Returns: (transfer full): one sentence for the user: what was added,
 *   updated and rejected (“12 rows added, 3 updated, 0 rejected”), or,
 *   when nothing was committed, that nothing changed and what would have
 *   (“Nothing was imported: 1 row rejected; 11 rows would be added, 3
 *   would be updated”)
 */
char *
stead_import_result_describe (SteadImportResult *result)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint64 rejected;
  gboolean done;

  g_return_val_if_fail (result != NULL, NULL);

  rejected = result->rejects->len;
  done = result->committed;
  if (!done)
    /* TRANSLATORS: what follows says what would have been imported */
    g_string_append (out, result->dry_run ? _("Dry run, nothing changed: ")
                                          : _("Nothing was imported: "));
  if (!done && !result->dry_run && rejected > 0)
    {
      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE, "%llu row rejected; ",
                                           "%llu rows rejected; ", rejected),
                              (unsigned long long) rejected);
      rejected = 0;
    }
  if (done)
    stead_importer_describe_count (
      out, g_dngettext (GETTEXT_PACKAGE, "%llu row added", "%llu rows added", result->added),
      result->added);
  else
    stead_importer_describe_count (out,
                                   g_dngettext (GETTEXT_PACKAGE, "%llu row would be added",
                                                "%llu rows would be added", result->added),
                                   result->added);
  if (done)
    stead_importer_describe_count (
      out, g_dngettext (GETTEXT_PACKAGE, "%llu updated", "%llu updated", result->updated),
      result->updated);
  else
    stead_importer_describe_count (out,
                                   g_dngettext (GETTEXT_PACKAGE, "%llu would be updated",
                                                "%llu would be updated", result->updated),
                                   result->updated);
  if (result->removed > 0 && done)
    stead_importer_describe_count (
      out, g_dngettext (GETTEXT_PACKAGE, "%llu removed", "%llu removed", result->removed),
      result->removed);
  else if (result->removed > 0)
    stead_importer_describe_count (out,
                                   g_dngettext (GETTEXT_PACKAGE, "%llu would be removed",
                                                "%llu would be removed", result->removed),
                                   result->removed);
  if (done || result->dry_run)
    stead_importer_describe_count (
      out, g_dngettext (GETTEXT_PACKAGE, "%llu rejected", "%llu rejected", rejected), rejected);
  if (result->skipped > 0)
    stead_importer_describe_count (
      out, g_dngettext (GETTEXT_PACKAGE, "%llu skipped", "%llu skipped", result->skipped),
      result->skipped);
  return g_string_free (g_steal_pointer (&out), FALSE);
}


/**
 * stead_format_count:
 * @n: a count
 *
 * Returns: (transfer full): @n as the dry run writes counts for people:
 *   4236 as "4,236"
 */
char *
stead_format_count (guint64 n)
{
  char buffer[32];
  char digits[24];
  int len, out = 0;

  len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, n);
  for (int i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        buffer[out++] = ',';
      buffer[out++] = digits[i];
    }
  buffer[out] = '\0';
  return g_strdup (buffer);
}

/* ------------------------------------------------------------------------ */
/* Options naming columns                                                    */

/* The column @name is: whole, in any case, else the one column whose name
 * holds it, else the one whose name ends with it; -1 with @error naming
 * the candidates. */
static int
stead_importer_find_column (const char * const  *header,
                            const char          *name,
                            const char          *label,
                            GError             **error)
{
  g_autofree char *needle = g_utf8_casefold (name, -1);
  g_autoptr(GPtrArray) partial = g_ptr_array_new ();
  int found = -1, ending = -1;
  guint n_ending = 0;

  for (guint c = 0; header != NULL && header[c] != NULL; c++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (header[c]));
      g_autofree char *folded = g_utf8_casefold (trimmed, -1);

      if (g_str_equal (folded, needle))
        return (int) c;
      if (strstr (folded, needle) != NULL)
        {
          found = (int) c;
          g_ptr_array_add (partial, (gpointer) header[c]);
        }
      if (g_str_has_suffix (folded, needle))
        {
          ending = (int) c;
          n_ending++;
        }
    }
  /* "Cannot speak English" is the end of one column's name, if a part of
   * another's ("… Cannot speak English well"). */
  if (partial->len == 1)
    return found;
  if (n_ending == 1)
    return ending;
  if (partial->len == 0)
    g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION,
                 /* TRANSLATORS: %s: a column name; %s: an option's label */
                 _("The file has no column “%s” (in “%s”)"), name, label);
  else
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < partial->len && i < 4; i++)
        g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "",
                                (const char *) g_ptr_array_index (partial, i));
      if (partial->len > 4)
        g_string_append (names, ", …");
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION,
                   /* TRANSLATORS: %s: what the user wrote; %s: an option's label; %s: columns */
                   _("“%s” (in “%s”) could be any of %s: give the whole name"), name, label,
                   names->str);
    }
  return -1;
}

/**
 * stead_import_find_columns:
 * @header: the file's column names
 * @value: an option's value: column names separated by '|'
 * @label: the option's label, for messages
 * @error: a #GError
 *
 * Reads a %STEAD_FORMAT_OPTION_COLUMNS option: each name is a column of
 * @header, whole in any case, or a part of exactly one column's name
 * ("Aged 66 years and over" when only one column says so), or the end of
 * exactly one.
 *
 * Returns: (transfer full) (element-type gint): the columns' indexes, in
 *   the order given and each once; %NULL with @error when a name fits no
 *   column or several, or none is given
 */
GArray *
stead_import_find_columns (const char * const  *header,
                           const char          *value,
                           const char          *label,
                           GError             **error)
{
  g_auto(GStrv) names = g_strsplit (value != NULL ? value : "", "|", -1);
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (int));

  g_return_val_if_fail (label != NULL, NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      int column;
      gboolean again = FALSE;

      g_strstrip (names[i]);
      if (names[i][0] == '\0')
        continue;
      column = stead_importer_find_column (header, names[i], label, error);
      if (column < 0)
        return NULL;
      for (guint j = 0; j < columns->len; j++)
        again |= g_array_index (columns, int, j) == column;
      if (!again)
        g_array_append_val (columns, column);
    }
  if (columns->len == 0)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION,
                   /* TRANSLATORS: %s: an option's label */
                   _("Choose one or more columns in “%s”"), label);
      return NULL;
    }
  return g_steal_pointer (&columns);
}

/* ------------------------------------------------------------------------ */
/* Stable ids                                                                */

/**
 * stead_import_context_find_own_id:
 * @context: the import's context
 * @table: the table the rows are imported into, e.g. "need"
 * @lookup_sql: a constant query giving the row's id with the id as ?1,
 *   e.g. "SELECT fid FROM need WHERE fid = ?1"
 * @id: (nullable): the id the file gives the row
 *
 * Whether @id is one this workspace's exports wrote for a row of @table
 * (see stead_export_stable_id()) and that row is still there: then the
 * import updates it. Any other id is the record's id in another system
 * or workspace: match it with the table's source_id.
 *
 * Returns: the row's id, or 0
 */
gint64
stead_import_context_find_own_id (SteadImportContext *context,
                                  const char         *table,
                                  const char         *lookup_sql,
                                  const char         *id)
{
  g_autofree char *prefix = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 n = 0, found = 0;

  g_return_val_if_fail (context != NULL, 0);
  g_return_val_if_fail (table != NULL, 0);
  g_return_val_if_fail (lookup_sql != NULL, 0);

  if (id == NULL || !g_str_has_prefix (id, "stead:"))
    return 0;
  if (context->uid == NULL)
    {
      stmt = stead_transaction_prepare (context->txn, "SELECT uid FROM stead_workspace", NULL);
      if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0))
        context->uid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      else
        context->uid = g_strdup ("");
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  prefix = g_strdup_printf ("stead:%s:%s:", context->uid, table);
  if (context->uid[0] == '\0' || !g_str_has_prefix (id, prefix) ||
      !stead_parse_int (id + strlen (prefix), 1, G_MAXINT64, &n))
    return 0;
  if (!stead_transaction_query_int64 (context->txn, lookup_sql, STEAD_ARGS (STEAD_INT (n)),
                                      &found))
    return 0;
  return found;
}

/* ------------------------------------------------------------------------ */
/* The context                                                               */

GFile *
stead_import_context_get_file (SteadImportContext *context)
{
  return context->file;
}

SteadWorkspace *
stead_import_context_get_workspace (SteadImportContext *context)
{
  return context->workspace;
}

SteadTransaction *
stead_import_context_get_transaction (SteadImportContext *context)
{
  return context->txn;
}

GCancellable *
stead_import_context_get_cancellable (SteadImportContext *context)
{
  return context->cancellable;
}

gboolean
stead_import_context_is_dry_run (SteadImportContext *context)
{
  return context->options->dry_run;
}

/**
 * stead_import_context_get_option:
 * @context: the import
 * @key: an importer-specific option, e.g. "kind"
 *
 * Returns: (nullable): its value, from `--option key=value` or the dialog
 */
const char *
stead_import_context_get_option (SteadImportContext *context,
                                 const char         *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  /* Reading one it did not declare is the format's own bug. */
  if (G_UNLIKELY (!stead_importer_declares_option (context->importer, key)))
    g_critical ("Import format “%s” reads option “%s” without declaring it",
                stead_importer_get_id (context->importer), key);
  if (context->options->options == NULL)
    return NULL;
  return g_hash_table_lookup (context->options->options, key);
}

/**
 * stead_import_context_open:
 * @context: the import
 * @error: a #GError
 *
 * Returns: (transfer full): the file, buffered
 */
GInputStream *
stead_import_context_open (SteadImportContext  *context,
                           GError             **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;

  /* Opening a FIFO for reading waits for a writer, forever; a device never
   * ends. Only regular files (or links to them) are read. */
  info = g_file_query_info (context->file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, context->cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_autofree char *name = g_file_get_parse_name (context->file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s is not a regular file (a pipe, a device or a folder), so it is not "
                     "read"),
                   name);
      return NULL;
    }
  stream = g_file_read (context->file, context->cancellable, error);
  if (stream == NULL)
    return NULL;
  return g_buffered_input_stream_new_sized (G_INPUT_STREAM (stream), 1 << 16);
}

static char *
stead_importer_header_signature (const char * const *header)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; header != NULL && header[i] != NULL; i++)
    {
      g_autofree char *lower = g_utf8_strdown (header[i], -1);

      g_checksum_update (sum, (const guchar *) lower, -1);
      g_checksum_update (sum, (const guchar *) "\x1f", 1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/**
 * stead_import_get_saved_map:
 * @workspace: a workspace
 * @importer_id: a format
 * @header: a CSV header
 *
 * Returns: (transfer full) (nullable): the column map last used for files
 *   with this header, as a --map spec
 */
char *
stead_import_get_saved_map (SteadWorkspace     *workspace,
                            const char         *importer_id,
                            const char * const *header)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *source = stead_importer_header_signature (header);

  stmt = stead_workspace_prepare (
    workspace, "SELECT spec FROM stead_import_mapping WHERE importer = ? AND source = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, importer_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, source, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gboolean
stead_importer_save_map (SteadImportContext  *context,
                         const char * const  *header,
                         const char          *spec,
                         GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *source = stead_importer_header_signature (header);

  stmt = stead_transaction_prepare (context->txn,
                                    "INSERT OR REPLACE INTO stead_import_mapping (importer, "
                                    "source, spec) "
                                    "VALUES (?, ?, ?)",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, stead_importer_get_id (context->importer), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, spec, -1, SQLITE_STATIC);
  return stead_transaction_step (context->txn, stmt, error);
}

/**
 * stead_import_context_open_csv:
 * @context: the import
 * @map: (out) (transfer full): the column map for the importer's fields
 * @error: a #GError
 *
 * Opens the file as CSV, reads its header (and HXL row), and maps its
 * columns: automatically, then the map saved for this header, then the
 * user's --map. A required field without a column is an error.
 *
 * Returns: (transfer full) (nullable): the reader, positioned at the
 *   first row
 */
SteadCsvReader *
stead_import_context_open_csv (SteadImportContext  *context,
                               SteadColumnMap     **map,
                               GError             **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(SteadCsvReader) reader = NULL;
  g_autoptr(SteadColumnMap) columns = NULL;
  g_autofree char *basename = g_file_get_basename (context->file);
  g_autofree char *saved = NULL;
  g_autofree char *spec = NULL;
  const SteadImportField *fields;
  const char * const *header;
  guint n_fields;

  fields = stead_importer_get_fields (context->importer, &n_fields);
  g_return_val_if_fail (fields != NULL, NULL);

  stream = stead_import_context_open (context, error);
  if (stream == NULL)
    return NULL;
  reader = stead_csv_reader_new (stream, basename);
  if (!stead_csv_reader_read_header (reader, context->cancellable, error))
    return NULL;
  if (stead_csv_reader_get_is_windows_1252 (reader))
    stead_import_context_warn (context, _("%s is not UTF-8; it was read as Windows-1252"),
                               basename);

  header = stead_csv_reader_get_header (reader);
  columns =
    stead_column_map_new_auto (fields, n_fields, header, stead_csv_reader_get_hxl_tags (reader));

  saved = stead_import_get_saved_map (context->workspace, stead_importer_get_id (context->importer),
                                      header);
  if (saved != NULL && !stead_column_map_apply_spec (columns, saved, NULL))
    g_debug ("The saved map “%s” no longer applies", saved);
  if (context->options->map != NULL &&
      !stead_column_map_apply_spec (columns, context->options->map, error))
    return NULL;
  if (!stead_column_map_check (columns, error))
    return NULL;

  spec = stead_column_map_to_spec (columns);
  if (!stead_importer_save_map (context, header, spec, error))
    return NULL;

  g_strfreev (context->result->header);
  context->result->header = g_strdupv ((char **) header);
  g_free (context->result->map);
  context->result->map = g_steal_pointer (&spec);

  *map = g_steal_pointer (&columns);
  return g_steal_pointer (&reader);
}

/* One JSON string, escaped; text that is not UTF-8 (a foreign
 * GeoPackage's) is made valid first. */
static void
stead_importer_append_json_string (GString    *out,
                                   const char *text)
{
  g_autofree char *valid = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    switch (*p)
      {
      case '"':
        g_string_append (out, "\\\"");
        break;
      case '\\':
        g_string_append (out, "\\\\");
        break;
      case '\n':
        g_string_append (out, "\\n");
        break;
      case '\r':
        g_string_append (out, "\\r");
        break;
      case '\t':
        g_string_append (out, "\\t");
        break;
      default:
        if (*p < 0x20)
          g_string_append_printf (out, "\\u%04x", *p);
        else
          g_string_append_c (out, (char) *p);
      }
  g_string_append_c (out, '"');
}

/**
 * stead_import_extra_add: (skip)
 * @json: the object so far (empty to start one)
 * @name: the attribute's name in the file
 * @text: its value
 *
 * Adds one member to the JSON object of a record's extra attributes.
 */
void
stead_import_extra_add (GString    *json,
                        const char *name,
                        const char *text)
{
  g_string_append_c (json, json->len == 0 ? '{' : ',');
  stead_importer_append_json_string (json, name);
  g_string_append_c (json, ':');
  stead_importer_append_json_string (json, text);
}

/**
 * stead_import_extra_finish: (skip)
 * @json: (transfer full): the object stead_import_extra_add() built
 *
 * Returns: (transfer full) (nullable): the JSON text, %NULL if it has no
 *   member
 */
char *
stead_import_extra_finish (GString *json)
{
  if (json->len == 0)
    {
      g_string_free (json, TRUE);
      return NULL;
    }
  g_string_append_c (json, '}');
  return g_string_free (json, FALSE);
}

void
stead_import_context_note_csv (SteadImportContext *context,
                               SteadCsvReader     *reader)
{
  guint64 n = stead_csv_reader_get_n_windows_1252_fields (reader);
  g_autofree char *basename = NULL;

  if (n == 0)
    return;
  basename = g_file_get_basename (context->file);
  stead_import_context_warn (context,
                             g_dngettext (GETTEXT_PACKAGE,
                                          "%s is UTF-8 but for %llu field, which was read as "
                                          "Windows-1252",
                                          "%s is UTF-8 but for %llu fields, which were read as "
                                          "Windows-1252",
                                          n),
                             basename, (unsigned long long) n);
}

void
stead_import_context_added (SteadImportContext *context,
                            guint64             n)
{
  context->result->added += n;
}

void
stead_import_context_updated (SteadImportContext *context,
                              guint64             n)
{
  context->result->updated += n;
}

/* Names kept for the dry run's lists; a million-row import keeps counts only. */
#define MAX_NAMES 10000

/**
 * stead_import_context_added_named:
 * @context: the import
 * @name: what the record is called, for the dry run's list (not personal data)
 *
 * Counts one record added, by name.
 */
void
stead_import_context_added_named (SteadImportContext *context,
                                  const char         *name)
{
  context->result->added++;
  if (context->result->added_names->len < MAX_NAMES)
    g_ptr_array_add (context->result->added_names, g_strdup (name));
}

/**
 * stead_import_context_updated_named:
 * @context: the import
 * @name: what the record is called
 *
 * Counts one record updated, by name.
 */
void
stead_import_context_updated_named (SteadImportContext *context,
                                    const char         *name)
{
  context->result->updated++;
  if (context->result->updated_names->len < MAX_NAMES)
    g_ptr_array_add (context->result->updated_names, g_strdup (name));
}

/**
 * stead_import_context_removed_named:
 * @context: the import
 * @name: what the record is called
 *
 * Counts one record the file removes (a cancelled warning), by name.
 */
void
stead_import_context_removed_named (SteadImportContext *context,
                                    const char         *name)
{
  context->result->removed++;
  if (context->result->removed_names->len < MAX_NAMES)
    g_ptr_array_add (context->result->removed_names, g_strdup (name));
}

void
stead_import_context_skipped (SteadImportContext *context,
                              guint64             n)
{
  context->result->skipped += n;
}

/**
 * stead_import_context_removed:
 * @context: the import
 * @n: how many records the file removes (postcodes it says are terminated)
 */
void
stead_import_context_removed (SteadImportContext *context,
                              guint64             n)
{
  context->result->removed += n;
}

/**
 * stead_import_context_reject:
 * @context: the import
 * @line: the line the record starts on, or 0
 * @index: the record's number from 1 (a feature, an alert), or 0
 * @row: (nullable) (array length=n_row): the fields as read
 * @n_row: how many
 * @format: the reason, for the user: what is wrong and with which field
 * @...: arguments
 *
 * Records a record that cannot be imported. The import goes on, so that
 * the user sees every problem at once; the run then rolls back unless
 * the user asked to skip rejected records.
 */
void
stead_import_context_reject (SteadImportContext *context,
                             guint64             line,
                             guint64             index,
                             const char * const *row,
                             guint               n_row,
                             const char         *format,
                             ...)
{
  SteadImportReject *reject = g_new0 (SteadImportReject, 1);
  va_list args;

  va_start (args, format);
  reject->reason = g_strdup_vprintf (format, args);
  va_end (args);
  reject->line = line;
  reject->index = index;
  if (row != NULL)
    {
      reject->row = g_new0 (char *, n_row + 1);
      for (guint i = 0; i < n_row; i++)
        reject->row[i] = g_strdup (row[i]);
    }
  g_ptr_array_add (context->result->rejects, reject);
}

void
stead_import_context_warn (SteadImportContext *context,
                           const char         *format,
                           ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (context->result->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

/**
 * stead_import_context_progress:
 * @context: the import
 * @done: e.g. bytes read
 * @total: e.g. the file's size
 *
 * Reports progress; cheap enough to call for every row (it reports at most
 * ten times a second).
 */
void
stead_import_context_progress (SteadImportContext *context,
                               guint64             done,
                               guint64             total)
{
  gint64 now;

  if (context->progress == NULL || total == 0)
    return;
  now = g_get_monotonic_time ();
  if (now - context->last_progress < G_USEC_PER_SEC / 10 && done < total)
    return;
  context->last_progress = now;
  context->progress (MIN (1.0, (double) done / (double) total), context->progress_data);
}

gboolean
stead_import_context_check_cancelled (SteadImportContext  *context,
                                      GError             **error)
{
  return !g_cancellable_set_error_if_cancelled (context->cancellable, error);
}

/**
 * stead_import_context_is_within:
 * @context: the import
 * @lon: longitude
 * @lat: latitude
 *
 * Returns: %TRUE if no area was asked for (--within), or the point lies
 *   inside it
 */
gboolean
stead_import_context_is_within (SteadImportContext *context,
                                double              lon,
                                double              lat)
{
  if (context->within == NULL)
    return TRUE;
  if (lon < context->within_env.min_x || lon > context->within_env.max_x ||
      lat < context->within_env.min_y || lat > context->within_env.max_y)
    return FALSE;
  return stead_geometry_contains_point (context->within, lon, lat);
}

/* stead_postcode_normalize() into @out, with no allocation: the postcode
 * directory's import normalises millions. */
gboolean
stead_postcode_normalize_to (const char *postcode,
                             char        out[STEAD_POSTCODE_KEY_SIZE])
{
  guint len = 0;
  guint letters = 0;
  guint digits = 0;

  if (postcode == NULL)
    return FALSE;

  for (const char *p = postcode; *p != '\0';)
    {
      gunichar u = (guchar) *p;
      char c;

      if (u < 0x80)
        p++;
      else
        {
          u = g_utf8_get_char_validated (p, -1);
          if (u == (gunichar) -1 || u == (gunichar) -2)
            return FALSE;
          p = g_utf8_next_char (p);
        }

      /* Spreadsheets put no-break and thin spaces in postcodes too. */
      if (u == ' ' || u == '\t' || u == '\n' || u == '\r' || u == '\f' || u == '"' ||
          (u > 0x7f && (g_unichar_isspace (u) || u == 0x00A0 || u == 0x2007 || u == 0x202F)))
        continue;
      if (u > 0x7f)
        return FALSE;
      c = (char) u;
      if (g_ascii_isalpha (c))
        letters++;
      else if (g_ascii_isdigit (c))
        digits++;
      else
        return FALSE;
      if (len == STEAD_POSTCODE_KEY_SIZE - 1)
        return FALSE;
      out[len++] = g_ascii_toupper (c);
    }
  out[len] = '\0';

  /* Outward code of 2–4 characters, inward code of a digit and two letters. */
  return len >= 5 && letters >= 2 && digits >= 1 && g_ascii_isdigit (out[len - 3]) &&
         g_ascii_isalpha (out[len - 2]) && g_ascii_isalpha (out[len - 1]) &&
         g_ascii_isalpha (out[0]);
}

/**
 * stead_postcode_normalize:
 * @postcode: a UK postcode as written, e.g. " sw1a 1aa"
 *
 * Returns: (transfer full) (nullable): upper case without spaces
 *   ("SW1A1AA"), or %NULL if it cannot be a postcode
 */
char *
stead_postcode_normalize (const char *postcode)
{
  char key[STEAD_POSTCODE_KEY_SIZE];

  return stead_postcode_normalize_to (postcode, key) ? g_strdup (key) : NULL;
}

static gboolean
stead_importer_lookup_postcode (sqlite3_stmt *stmt,
                                const char   *postcode,
                                double       *lon,
                                double       *lat)
{
  char key[STEAD_POSTCODE_KEY_SIZE];
  gboolean found = FALSE;

  if (!stead_postcode_normalize_to (postcode, key))
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *lon = sqlite3_column_double (stmt, 0);
      *lat = sqlite3_column_double (stmt, 1);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return found;
}

#define LOOKUP_SQL "SELECT lon, lat FROM stead_postcode WHERE postcode = ?"

/**
 * stead_import_context_geocode:
 * @context: the import
 * @postcode: a postcode as written
 * @lon: (out): longitude
 * @lat: (out): latitude
 *
 * Looks the postcode up in the workspace's offline postcode directory.
 *
 * Returns: %TRUE if found
 */
gboolean
stead_import_context_geocode (SteadImportContext *context,
                              const char         *postcode,
                              double             *lon,
                              double             *lat)
{
  if (context->geocode == NULL)
    {
      context->geocode = stead_transaction_prepare (context->txn, LOOKUP_SQL, NULL);
      if (context->geocode == NULL)
        return FALSE;
    }
  return stead_importer_lookup_postcode (context->geocode, postcode, lon, lat);
}

/**
 * stead_workspace_lookup_postcode:
 * @workspace: a workspace
 * @postcode: a postcode as written
 * @lon: (out): longitude
 * @lat: (out): latitude
 *
 * Returns: %TRUE if the offline postcode directory has it
 */
gboolean
stead_workspace_lookup_postcode (SteadWorkspace *workspace,
                                 const char     *postcode,
                                 double         *lon,
                                 double         *lat)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (lon != NULL && lat != NULL, FALSE);

  stmt = stead_workspace_prepare (workspace, LOOKUP_SQL, NULL);
  return stmt != NULL && stead_importer_lookup_postcode (stmt, postcode, lon, lat);
}

/* ------------------------------------------------------------------------ */
/* Running                                                                   */

static SteadGeometry *
stead_importer_load_area (SteadWorkspace  *workspace,
                          const char      *code,
                          GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = stead_workspace_prepare (
    workspace, "SELECT geom FROM area WHERE code = ? AND geom IS NOT NULL ORDER BY fid LIMIT 1",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION,
                   _("No area with the code “%s” in this workspace; import its boundary first"),
                   code);
      return NULL;
    }
  return stead_geometry_new_from_gpkg (sqlite3_column_blob (stmt, 0),
                                       sqlite3_column_bytes (stmt, 0), NULL, error);
}

static void
stead_importer_context_clear (SteadImportContext *context)
{
  g_clear_pointer (&context->geocode, sqlite3_finalize);
  g_clear_pointer (&context->within, stead_geometry_unref);
  g_clear_pointer (&context->uid, g_free);
}

/* Runs @importer inside @txn and judges what it found: an importer that
 * failed, Cancel, nothing to import, or rejects @options do not accept
 * are errors (*result_out is set for the rejects). @txn stays open. */
static gboolean
stead_importer_run_in (SteadTransaction         *txn,
                       SteadImporter            *importer,
                       GFile                    *file,
                       const SteadImportOptions *options,
                       SteadImportProgressFunc   progress,
                       gpointer                  progress_data,
                       GCancellable             *cancellable,
                       SteadImportResult       **result_out,
                       GError                  **error)
{
  SteadImportContext context = { 0 };
  g_autoptr(SteadImportResult) result = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  SteadWorkspace *workspace = stead_transaction_get_workspace (txn);
  gboolean ok;

  if (STEAD_IMPORTER_GET_IFACE (importer)->run == NULL)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_UNKNOWN,
                   _("The format “%s” cannot import"), stead_importer_get_id (importer));
      return FALSE;
    }
  if (!stead_importer_check_options (importer, options->options, error))
    return FALSE;

  result = stead_importer_result_new (importer, options->dry_run);

  context.workspace = workspace;
  context.txn = txn;
  context.importer = importer;
  context.file = file;
  context.cancellable = cancellable;
  context.options = options;
  context.result = result;
  context.progress = progress;
  context.progress_data = progress_data;

  if (options->within != NULL)
    {
      context.within = stead_importer_load_area (workspace, options->within, error);
      if (context.within == NULL)
        return FALSE;
      stead_geometry_get_envelope (context.within, &context.within_env);
    }

  ok = STEAD_IMPORTER_GET_IFACE (importer)->run (importer, &context, error);
  stead_importer_context_clear (&context);
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  if (!ok)
    {
      /* The reason must reach the user: an importer that fails must say why. */
      g_return_val_if_fail (error == NULL || *error != NULL, FALSE);
      return FALSE;
    }

  if (result->added == 0 && result->updated == 0 && result->removed == 0 &&
      result->rejects->len == 0)
    {
      if (result->skipped > 0)
        g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_EMPTY,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "Nothing to import from %s: its one record was skipped",
                                  "Nothing to import from %s: all %llu records were skipped",
                                  result->skipped),
                     basename, (unsigned long long) result->skipped);
      else
        g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_EMPTY,
                     _("%s has no records to import"), basename);
      return FALSE;
    }

  if (result->rejects->len > 0 && !options->dry_run)
    {
      const SteadImportReject *first = g_ptr_array_index (result->rejects, 0);
      /* Formats without lines (GeoJSON, CAP) number their records. */
      g_autofree char *where =
        first->line > 0 ? g_strdup_printf (_("line %llu"), (unsigned long long) first->line)
                        : g_strdup_printf (_("record %llu"), (unsigned long long) first->index);

      if (result->added == 0 && result->updated == 0 && result->removed == 0)
        {
          g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_REJECTED,
                       _("Every record of %s was rejected; nothing was imported. The first, at "
                         "%s: %s"),
                       basename, where, first->reason);
          *result_out = g_steal_pointer (&result);
          return FALSE;
        }
      if (!options->skip_rejected)
        {
          g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_REJECTED,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%u record of %s cannot be imported, so nothing was imported "
                                    "(%s: %s). Fix it, or skip it and import the rest.",
                                    "%u records of %s cannot be imported, so nothing was imported "
                                    "(the first, at %s: %s). Fix them, or skip them and "
                                    "import the rest.",
                                    result->rejects->len),
                       result->rejects->len, basename, where, first->reason);
          *result_out = g_steal_pointer (&result);
          return FALSE;
        }
    }

  *result_out = g_steal_pointer (&result);
  return TRUE;
}

/* Everything but the commit: on success the transaction is left open in
 * *txn_out (NULL for a dry run, which is rolled back). */
static gboolean
stead_importer_run_import (SteadWorkspace           *workspace,
                           SteadImporter            *importer,
                           GFile                    *file,
                           const SteadImportOptions *options,
                           SteadImportProgressFunc   progress,
                           gpointer                  progress_data,
                           GCancellable             *cancellable,
                           SteadTransaction        **txn_out,
                           SteadImportResult       **result_out,
                           GError                  **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *summary = NULL;

  /* TRANSLATORS: the undo label and audit summary of an import */
  summary = g_strdup_printf (_("Import %s"), basename);
  /* Personal data by the hundred thousand is no undo step (see
   * STEAD_IMPORT_NOT_UNDOABLE): audited by count, nothing kept for Undo. */
  if (stead_importer_get_flags (importer) & STEAD_IMPORT_NOT_UNDOABLE)
    txn = stead_workspace_begin_bulk (workspace, stead_importer_get_owner (importer), summary,
                                      error);
  else
    txn = stead_workspace_begin (workspace, stead_importer_get_owner (importer), summary, error);
  if (txn == NULL)
    return FALSE;

  if (!stead_importer_run_in (txn, importer, file, options, progress, progress_data, cancellable,
                              result_out, error))
    return FALSE;

  if (options->dry_run)
    g_clear_pointer (&txn, stead_transaction_rollback);

  *txn_out = g_steal_pointer (&txn);
  return TRUE;
}

/**
 * stead_import_run_in_transaction: (skip)
 * @txn: a transaction the caller holds
 * @format: a format the core offers
 * @file: the file to read (a `resource://` URI will do)
 * @options: (nullable): the format's options, as `--option` gives them
 * @result: (out) (optional) (transfer full): the counts
 * @error: a #GError
 *
 * Imports @file as stead_import_run() would, but into @txn, which the
 * caller commits or drops with the rest of its change (the demo area is
 * one transaction). A rejected record, or nothing to import, is an error.
 *
 * Returns: %TRUE if everything in @file was imported into @txn
 */
gboolean
stead_import_run_in_transaction (SteadTransaction         *txn,
                                 const SteadImportFormat  *format,
                                 GFile                    *file,
                                 GHashTable               *options,
                                 SteadImportResult       **result,
                                 GError                  **error)
{
  g_autoptr(SteadImporter) importer = NULL;
  g_autoptr(SteadImportResult) res = NULL;
  SteadImportOptions run_options = { .options = options };

  g_assert (txn != NULL && G_IS_FILE (file));

  importer = stead_importer_new (format, stead_transaction_get_owner (txn));
  if (!stead_importer_run_in (txn, importer, file, &run_options, NULL, NULL, NULL, &res, error))
    return FALSE;
  if (result != NULL)
    *result = g_steal_pointer (&res);
  return TRUE;
}

/* The commit failed (a full disk, a write error): nothing changed, and
 * the user must be told so, and not the counts of a success. */
static void
stead_importer_commit_failed (GFile   *file,
                              GError **error)
{
  g_autofree char *basename = g_file_get_basename (file);

  /* The workspace's own error says why (the disk is full, free space). */
  if (*error != NULL &&
      g_error_matches (*error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_FULL))
    g_prefix_error (error, _("Nothing was imported from %s: "), basename);
  else
    g_prefix_error (error, _("Nothing was imported from %s: the workspace could not be saved: "),
                    basename);
}

/**
 * stead_import_run:
 * @workspace: the workspace to import into
 * @importer: the format
 * @file: the file to read
 * @options: dry run, column map, area, options
 * @progress: (nullable) (scope call): called with the fraction done
 * @progress_data: its data
 * @cancellable: (nullable): a #GCancellable
 * @result: (out) (transfer full) (optional) (nullable): the counts and
 *   rejects; also set when the import fails because of rejects
 * @error: a #GError
 *
 * Imports @file in one transaction, or, for a dry run, counts what would
 * be added, updated and rejected and changes nothing. An import that
 * would add nothing fails; so does one with rejected records unless
 * @options asks to skip them. Cancel or any error changes nothing.
 *
 * Returns: %TRUE if imported (or, for a dry run, checked)
 */
gboolean
stead_import_run (SteadWorkspace           *workspace,
                  SteadImporter            *importer,
                  GFile                    *file,
                  const SteadImportOptions *options,
                  SteadImportProgressFunc   progress,
                  gpointer                  progress_data,
                  GCancellable             *cancellable,
                  SteadImportResult       **result,
                  GError                  **error)
{
  g_autoptr(SteadImportResult) res = NULL;
  SteadTransaction *txn = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (STEAD_IS_IMPORTER (importer), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (!stead_importer_run_import (workspace, importer, file, options, progress, progress_data,
                   cancellable, &txn, &res, error))
    {
      if (result != NULL)
        *result = g_steal_pointer (&res);
      return FALSE;
    }

  if (txn != NULL && !stead_transaction_commit (txn, error))
    {
      stead_importer_commit_failed (file, error);
      if (result != NULL)
        *result = g_steal_pointer (&res);
      return FALSE;
    }
  res->committed = txn != NULL;

  if (result != NULL)
    *result = g_steal_pointer (&res);
  return TRUE;
}

typedef struct
{
  SteadImporter           *importer;
  GFile                   *file;
  SteadImportOptions       options;
  char                    *map;
  char                    *within;
  SteadImportProgressFunc  progress;
  gpointer                 progress_data;
  SteadTransaction        *txn;
  SteadImportResult       *result;
} RunData;

static void
stead_importer_run_data_free (RunData *data)
{
  g_clear_pointer (&data->txn, stead_transaction_rollback);
  g_clear_pointer (&data->result, stead_import_result_free);
  g_object_unref (data->importer);
  g_object_unref (data->file);
  g_clear_pointer (&data->options.options, g_hash_table_unref);
  g_free (data->map);
  g_free (data->within);
  g_free (data);
}

typedef struct
{
  SteadImportProgressFunc func;
  gpointer                data;
  double                  fraction;
} ProgressIdle;

static gboolean
stead_importer_progress_idle (gpointer user_data)
{
  ProgressIdle *idle = user_data;

  idle->func (idle->fraction, idle->data);
  return G_SOURCE_REMOVE;
}

static void
stead_importer_progress_to_main (double   fraction,
                                 gpointer user_data)
{
  GTask *task = user_data;
  RunData *data = g_task_get_task_data (task);
  ProgressIdle *idle = g_new0 (ProgressIdle, 1);

  idle->func = data->progress;
  idle->data = data->progress_data;
  idle->fraction = fraction;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              stead_importer_progress_idle, idle, g_free);
}

static void
stead_importer_run_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  RunData *data = task_data;
  GError *error = NULL;

  if (!stead_importer_run_import (source_object, data->importer, data->file, &data->options,
                   data->progress != NULL ? stead_importer_progress_to_main : NULL, task,
                   cancellable, &data->txn, &data->result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * stead_import_run_async:
 * @workspace: the workspace to import into
 * @importer: the format
 * @file: the file to read
 * @options: dry run, column map, area, options (copied)
 * @progress: (nullable) (scope notified): called on the calling thread's
 *   main context with the fraction done
 * @progress_data: its data, which must outlive the import
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: its data
 *
 * Like stead_import_run(), reading and writing on a worker thread. The
 * commit (and the #SteadWorkspace::changed signal) happens in
 * stead_import_run_finish(), on the calling thread.
 */
void
stead_import_run_async (SteadWorkspace           *workspace,
                        SteadImporter            *importer,
                        GFile                    *file,
                        const SteadImportOptions *options,
                        SteadImportProgressFunc   progress,
                        gpointer                  progress_data,
                        GCancellable             *cancellable,
                        GAsyncReadyCallback       callback,
                        gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (STEAD_IS_WORKSPACE (workspace));
  g_return_if_fail (STEAD_IS_IMPORTER (importer));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (options != NULL);

  data = g_new0 (RunData, 1);
  data->importer = g_object_ref (importer);
  data->file = g_object_ref (file);
  data->options = *options;
  data->map = g_strdup (options->map);
  data->within = g_strdup (options->within);
  data->options.map = data->map;
  data->options.within = data->within;
  if (options->options != NULL)
    data->options.options = g_hash_table_ref (options->options);
  data->progress = progress;
  data->progress_data = progress_data;

  task = g_task_new (workspace, cancellable, callback, user_data);
  g_task_set_source_tag (task, stead_import_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify) stead_importer_run_data_free);
  g_task_run_in_thread (task, stead_importer_run_thread);
}

/**
 * stead_import_run_finish:
 * @workspace: the workspace
 * @result: the #GAsyncResult
 * @import_result: (out) (transfer full) (optional) (nullable): counts and rejects
 * @error: a #GError
 *
 * Commits the import unless it was a dry run or was cancelled meanwhile.
 *
 * Returns: %TRUE if imported (or, for a dry run, checked)
 */
gboolean
stead_import_run_finish (SteadWorkspace     *workspace,
                         GAsyncResult       *result,
                         SteadImportResult **import_result,
                         GError            **error)
{
  GTask *task = G_TASK (result);
  RunData *data;
  gboolean ok;

  g_return_val_if_fail (g_task_is_valid (result, workspace), FALSE);

  data = g_task_get_task_data (task);
  ok = g_task_propagate_boolean (task, error);
  if (ok && g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), error))
    ok = FALSE;
  if (ok && data->txn != NULL)
    {
      ok = stead_transaction_commit (g_steal_pointer (&data->txn), error);
      data->result->committed = ok;
      if (!ok)
        stead_importer_commit_failed (data->file, error);
    }
  g_clear_pointer (&data->txn, stead_transaction_rollback);

  if (import_result != NULL)
    *import_result = g_steal_pointer (&data->result);
  return ok;
}

/**
 * stead_import_context_find_or_add_record:
 * @context: the import's context
 * @kind: a kind of record another plugin provides ("organisation")
 * @title: what the row calls it: its id or its title
 * @error: a #GError, if adding it failed (the import stops)
 *
 * The record a row names, found in the import's transaction (so those
 * added by earlier rows count), or else added by its title with the
 * kind's create_sql, listed in the result's linked_names ("partner
 * “Cumbria Resilience Forum”") and kept only if the import is.
 *
 * Returns: its id; 0 without @error if no loaded plugin keeps @kind or
 *   it cannot add one by title (keep the name some other way)
 */
gint64
stead_import_context_find_or_add_record (SteadImportContext  *context,
                                         const char          *kind,
                                         const char          *title,
                                         GError             **error)
{
  SteadRecordProvider *provider;
  const SteadRecordKind *info;
  g_autofree char *trimmed = NULL;
  gint64 id = 0;

  g_return_val_if_fail (context != NULL, 0);
  g_return_val_if_fail (kind != NULL && title != NULL, 0);

  provider = stead_workspace_get_provider (context->workspace, kind);
  info = provider != NULL ? stead_record_provider_get_kind (provider, kind) : NULL;
  if (info == NULL)
    return 0;
  trimmed = g_strstrip (g_strdup (title));
  if (stead_parse_int (trimmed, 1, G_MAXINT64, &id) &&
      stead_record_provider_exists (provider, kind, id))
    return id;
  id = 0;
  if (info->find_sql != NULL &&
      stead_transaction_query_int64 (context->txn, info->find_sql,
                                     STEAD_ARGS (STEAD_STRING (trimmed)), &id) && id > 0)
    return id;
  if (info->create_sql == NULL)
    return 0;
  id = stead_transaction_run (context->txn, info->create_sql, STEAD_ARGS (STEAD_STRING (trimmed)),
                              error);
  if (id <= 0)
    return 0;
  g_ptr_array_add (context->result->linked_names,
                   /* TRANSLATORS: a kind of record ("partner") and its name */
                   g_strdup_printf (_("%s “%s”"), g_dgettext (GETTEXT_PACKAGE, info->label),
                                    trimmed));
  return id;
}
