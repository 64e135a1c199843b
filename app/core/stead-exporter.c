/* stead-exporter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-exporter"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-exporter.h"
#include "stead-import-formats-private.h"
#include "stead-output.h"
#include "stead-workspace.h"

G_DEFINE_INTERFACE (SteadExporter, stead_exporter, G_TYPE_OBJECT)

static void
stead_exporter_default_init (SteadExporterInterface *iface)
{
}

/**
 * stead_exporter_get_id:
 * @self: a #SteadExporter
 *
 * Returns: the format's short name, as given to `--format`
 */
const char *
stead_exporter_get_id (SteadExporter *self)
{
  g_return_val_if_fail (STEAD_IS_EXPORTER (self), NULL);

  return STEAD_EXPORTER_GET_IFACE (self)->get_id (self);
}

const char *
stead_exporter_get_title (SteadExporter *self)
{
  SteadExporterInterface *iface;

  g_return_val_if_fail (STEAD_IS_EXPORTER (self), NULL);

  iface = STEAD_EXPORTER_GET_IFACE (self);
  return iface->get_title != NULL ? iface->get_title (self) : iface->get_id (self);
}

/**
 * stead_exporter_get_extensions:
 * @self: a #SteadExporter
 *
 * Returns: (nullable) (array zero-terminated=1): file name extensions
 */
const char * const *
stead_exporter_get_extensions (SteadExporter *self)
{
  SteadExporterInterface *iface;

  g_return_val_if_fail (STEAD_IS_EXPORTER (self), NULL);

  iface = STEAD_EXPORTER_GET_IFACE (self);
  return iface->get_extensions != NULL ? iface->get_extensions (self) : NULL;
}

/**
 * stead_exporter_run:
 * @self: a #SteadExporter
 * @workspace: what to export
 * @stream: where to write
 * @options: personal data and format options
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Returns: %TRUE if everything was written
 */
gboolean
stead_exporter_run (SteadExporter            *self,
                    SteadWorkspace           *workspace,
                    GOutputStream            *stream,
                    const SteadExportOptions *options,
                    GCancellable             *cancellable,
                    GError                  **error)
{
  SteadExporterInterface *iface;

  g_return_val_if_fail (STEAD_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  iface = STEAD_EXPORTER_GET_IFACE (self);
  if (!stead_format_check_options (stead_exporter_get_id (self), stead_exporter_get_options (self),
                                   options->options, error))
    return FALSE;
  if (iface->run == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The format “%s” cannot export"), stead_exporter_get_id (self));
      return FALSE;
    }
  return iface->run (self, workspace, stream, options, cancellable, error);
}

/**
 * stead_export_list_personal:
 * @workspace: a #SteadWorkspace
 * @error: a #GError
 *
 * What an export leaves out unless options->include_personal: every
 * column stead_personal_data lists, whichever plugin registered it.
 *
 * Returns: (transfer full) (nullable) (element-type utf8 utf8): a set of
 *   "table.column" names, or %NULL if it could not be read, when an
 *   export must not go on
 */
GHashTable *
stead_export_list_personal (SteadWorkspace  *workspace,
                            GError         **error)
{
  g_autoptr(GHashTable) columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SteadRows rows;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);

  stmt = stead_workspace_prepare (
    workspace, "SELECT table_name || '.' || column_name FROM stead_personal_data", error);
  if (stmt == NULL)
    return NULL;
  rows = (SteadRows) STEAD_ROWS_INIT (stmt, "stead_personal_data");
  while (stead_rows_next (&rows))
    g_hash_table_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (!stead_rows_end (&rows, error))
    return NULL;
  return g_steal_pointer (&columns);
}

/**
 * stead_exporter_write_file:
 * @self: a #SteadExporter
 * @workspace: what to export
 * @file: where to write
 * @options: personal data and format options
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Writes the export beside @file and renames it over @file once it is
 * whole; on an error or Cancel, @file is as it was and nothing is left
 * beside it. @file may not be the workspace or one of its journal files.
 * An export with personal data is created 0600.
 *
 * Returns: %TRUE if @file holds the whole export
 */
gboolean
stead_exporter_write_file (SteadExporter            *self,
                           SteadWorkspace           *workspace,
                           GFile                    *file,
                           const SteadExportOptions *options,
                           GCancellable             *cancellable,
                           GError                  **error)
{
  g_autoptr(SteadOutput) output = NULL;
  GOutputStream *stream;

  g_return_val_if_fail (STEAD_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  /* Refused options create nothing. */
  if (!stead_format_check_options (stead_exporter_get_id (self), stead_exporter_get_options (self),
                                   options->options, error))
    return FALSE;
  output = stead_output_new (file, options->include_personal ? STEAD_OUTPUT_FLAGS_PERSONAL
                                                             : STEAD_OUTPUT_FLAGS_NONE);
  stead_output_protect_workspace (output, stead_workspace_get_path (workspace));
  stream = stead_output_open (output, error);
  if (stream == NULL)
    return FALSE;
  /* Dropping @output unfinished removes what was written. */
  return stead_exporter_run (self, workspace, stream, options, cancellable, error) &&
         stead_output_commit (output, cancellable, error);
}

const char *
stead_exporter_get_owner (SteadExporter *self)
{
  SteadExporterInterface *iface;
  const char *owner = NULL;

  g_return_val_if_fail (STEAD_IS_EXPORTER (self), NULL);

  iface = STEAD_EXPORTER_GET_IFACE (self);
  if (iface->get_owner != NULL)
    owner = iface->get_owner (self);
  if (owner == NULL)
    owner = g_object_get_data (G_OBJECT (self), "stead-plugin");
  return owner != NULL ? owner : "core";
}

/**
 * stead_exporter_get_options:
 * @self: a #SteadExporter
 *
 * Returns: (nullable): the options it takes, ending with { NULL }
 */
const SteadFormatOption *
stead_exporter_get_options (SteadExporter *self)
{
  SteadExporterInterface *iface;

  g_return_val_if_fail (STEAD_IS_EXPORTER (self), NULL);

  iface = STEAD_EXPORTER_GET_IFACE (self);
  return iface->get_options != NULL ? iface->get_options (self) : NULL;
}

/**
 * stead_workspace_dup_uid:
 * @workspace: a #SteadWorkspace
 *
 * Returns: (transfer full) (nullable): the workspace's own id, which its
 *   exports' stable ids carry (see stead_export_stable_id())
 */
char *
stead_workspace_dup_uid (SteadWorkspace *workspace)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);

  stmt = stead_workspace_prepare (workspace, "SELECT uid FROM stead_workspace", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/**
 * stead_export_stable_id:
 * @uid: (nullable): from stead_workspace_dup_uid()
 * @table: the row's table, e.g. "need"
 * @id: its id in that table
 * @source_id: (nullable): the id it had in the file it came from
 *
 * The id an export writes for a row so that importing the file again,
 * here or in another workspace, updates the row instead of adding it:
 * @source_id if the row came from elsewhere (it is that record's id
 * everywhere), else "stead:<uid>:<table>:<id>", which
 * stead_import_context_find_own_id() turns back into @id in this
 * workspace and which other workspaces keep as the source id.
 *
 * Returns: (transfer full): the id
 */
char *
stead_export_stable_id (const char *uid,
                        const char *table,
                        gint64      id,
                        const char *source_id)
{
  g_return_val_if_fail (table != NULL, NULL);

  if (source_id != NULL && source_id[0] != '\0')
    return g_strdup (source_id);
  return g_strdup_printf ("stead:%s:%s:%" G_GINT64_FORMAT, uid != NULL ? uid : "", table, id);
}
