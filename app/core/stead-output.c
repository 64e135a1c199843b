/* stead-output.c: files Stead writes (exports, reports, rejects), whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A temporary file in the destination's folder (so the rename is atomic),
 * ".NAME.XXXXXX", 0600 for personal data and 0644 less the umask
 * otherwise; fsync, close, rename over the destination, fsync the folder.
 * Until the rename the destination is untouched, and an output dropped
 * before it removes its temporary file. A destination that is the
 * workspace, one of its -wal, -shm or -journal files, or an input of the
 * same command is refused before anything is created: by device and
 * inode when the file exists (a hard link or a symbolic link to it), and
 * by canonical name (a -wal file that is not there yet).
 */

#define G_LOG_DOMAIN "stead-output"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "stead-output.h"
#include "stead-workspace-private.h"

typedef enum
{
  STEAD_OUTPUT_INPUT,
  STEAD_OUTPUT_WORKSPACE,
  STEAD_OUTPUT_WORKSPACE_JOURNAL,
} SteadOutputRole;

typedef struct
{
  GFile           *file;
  SteadOutputRole  role;
  char            *workspace;   /* for a journal: the workspace's name */
} SteadOutputProtected;

struct _SteadOutput
{
  GObject           parent_instance;

  GFile            *destination;
  SteadOutputFlags  flags;
  GArray           *protected;   /* SteadOutputProtected */
  char             *tmp_path;    /* set from open until commit or abandon */
  int               fd;
  GOutputStream    *stream;
  gboolean          committed;
};

G_DEFINE_FINAL_TYPE (SteadOutput, stead_output, G_TYPE_OBJECT)

static void
stead_output_protected_clear (SteadOutputProtected *p)
{
  g_clear_object (&p->file);
  g_clear_pointer (&p->workspace, g_free);
}

static void
stead_output_finalize (GObject *object)
{
  SteadOutput *self = STEAD_OUTPUT (object);

  stead_output_abandon (self);
  g_clear_object (&self->destination);
  g_clear_pointer (&self->protected, g_array_unref);

  G_OBJECT_CLASS (stead_output_parent_class)->finalize (object);
}

static void
stead_output_class_init (SteadOutputClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = stead_output_finalize;
}

static void
stead_output_init (SteadOutput *self)
{
  self->fd = -1;
  self->protected = g_array_new (FALSE, TRUE, sizeof (SteadOutputProtected));
  g_array_set_clear_func (self->protected, (GDestroyNotify) stead_output_protected_clear);
}

/**
 * stead_output_new:
 * @destination: the file to write
 * @flags: whether it holds personal data
 *
 * Returns: (transfer full): an output, not yet open
 */
SteadOutput *
stead_output_new (GFile            *destination,
                  SteadOutputFlags  flags)
{
  SteadOutput *self;

  g_return_val_if_fail (G_IS_FILE (destination), NULL);

  self = g_object_new (STEAD_TYPE_OUTPUT, NULL);
  self->destination = g_object_ref (destination);
  self->flags = flags;
  return self;
}

static void
stead_output_add_protected (SteadOutput     *self,
                            GFile           *file,
                            SteadOutputRole  role,
                            const char      *workspace)
{
  SteadOutputProtected p = { g_object_ref (file), role, g_strdup (workspace) };

  g_array_append_val (self->protected, p);
}

/**
 * stead_output_protect:
 * @self: a #SteadOutput, not yet open
 * @file: a file the same command reads
 */
void
stead_output_protect (SteadOutput *self,
                      GFile       *file)
{
  g_return_if_fail (STEAD_IS_OUTPUT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->tmp_path == NULL);

  stead_output_add_protected (self, file, STEAD_OUTPUT_INPUT, NULL);
}

/**
 * stead_output_protect_workspace:
 * @self: a #SteadOutput, not yet open
 * @path: the workspace file the command reads; its -wal, -shm and
 *   -journal files are protected too
 */
void
stead_output_protect_workspace (SteadOutput *self,
                                const char  *path)
{
  static const char * const journals[] = { "-wal", "-shm", "-journal" };
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (STEAD_IS_OUTPUT (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (self->tmp_path == NULL);

  file = g_file_new_for_path (path);
  name = g_file_get_basename (file);
  stead_output_add_protected (self, file, STEAD_OUTPUT_WORKSPACE, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (journals); i++)
    {
      g_autofree char *journal_path = g_strconcat (path, journals[i], NULL);
      g_autoptr(GFile) journal = g_file_new_for_path (journal_path);

      stead_output_add_protected (self, journal, STEAD_OUTPUT_WORKSPACE_JOURNAL, name);
    }
}

/* The absolute name with the folder's symbolic links resolved: the file
 * itself need not exist. */
static char *
stead_output_canonical_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *real_dir = NULL;
  char *resolved;

  if (path == NULL)
    return NULL;
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  resolved = realpath (dir, NULL);
  real_dir = g_strdup (resolved != NULL ? resolved : dir);
  free (resolved);
  return g_build_filename (real_dir, base, NULL);
}

static gboolean
stead_output_same_file (GFile     *a,
                        GFileInfo *a_info,
                        GFile     *b)
{
  g_autoptr(GFileInfo) b_info = NULL;
  g_autofree char *a_name = NULL;
  g_autofree char *b_name = NULL;

  if (g_file_equal (a, b))
    return TRUE;
  b_info = g_file_query_info (b, G_FILE_ATTRIBUTE_UNIX_DEVICE "," G_FILE_ATTRIBUTE_UNIX_INODE,
                              G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (a_info != NULL && b_info != NULL &&
      g_file_info_get_attribute_uint32 (a_info, G_FILE_ATTRIBUTE_UNIX_DEVICE) ==
        g_file_info_get_attribute_uint32 (b_info, G_FILE_ATTRIBUTE_UNIX_DEVICE) &&
      g_file_info_get_attribute_uint64 (a_info, G_FILE_ATTRIBUTE_UNIX_INODE) ==
        g_file_info_get_attribute_uint64 (b_info, G_FILE_ATTRIBUTE_UNIX_INODE))
    return TRUE;
  a_name = stead_output_canonical_name (a);
  b_name = stead_output_canonical_name (b);
  return a_name != NULL && b_name != NULL && g_str_equal (a_name, b_name);
}

/**
 * stead_output_check:
 * @self: a #SteadOutput
 * @error: a #GError
 *
 * Refuses a destination that is protected, or that is there and is not a
 * regular file (a folder, a device, a FIFO: the rename would replace it),
 * so that a command can refuse it before it does anything else.
 * stead_output_open() checks again.
 *
 * Returns: %TRUE if the destination may be written
 */
gboolean
stead_output_check (SteadOutput  *self,
                    GError      **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (STEAD_IS_OUTPUT (self), FALSE);

  name = g_file_get_parse_name (self->destination);
  info = g_file_query_info (self->destination,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_UNIX_DEVICE
                            "," G_FILE_ATTRIBUTE_UNIX_INODE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), _("Cannot write “%s”: "),
                                  name);
      return FALSE;
    }

  for (guint i = 0; i < self->protected->len; i++)
    {
      const SteadOutputProtected *p = &g_array_index (self->protected, SteadOutputProtected, i);

      if (!stead_output_same_file (self->destination, info, p->file))
        continue;
      if (p->role == STEAD_OUTPUT_WORKSPACE)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                     _("“%s” is the workspace: writing there would destroy it; choose another "
                       "file"), name);
      else if (p->role == STEAD_OUTPUT_WORKSPACE_JOURNAL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                     _("“%s” belongs to the workspace “%s” (its journal): writing there would "
                       "damage it; choose another file"), name, p->workspace);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                     _("“%s” is a file this command reads: choose another file to write"), name);
      return FALSE;
    }

  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder: choose a file name"), name);
      return FALSE;
    }
  if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a regular file: choose another file"), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
stead_output_set_errno (GError     **error,
                        int          saved,
                        const char  *format,
                        const char  *name)
{
  g_autofree char *what = g_strdup_printf (format, name);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", what,
               g_strerror (saved));
  return FALSE;
}

/**
 * stead_output_open:
 * @self: a #SteadOutput
 * @error: a #GError
 *
 * Refuses a protected destination, then creates the temporary file.
 *
 * Returns: (transfer none) (nullable): the stream to write to
 */
GOutputStream *
stead_output_open (SteadOutput  *self,
                   GError      **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmpl = NULL;
  gboolean personal;
  int fd;

  g_return_val_if_fail (STEAD_IS_OUTPUT (self), NULL);
  g_return_val_if_fail (self->tmp_path == NULL && !self->committed, NULL);

  path = g_file_get_path (self->destination);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (self->destination);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot write “%s”: only local files are supported"), uri);
      return NULL;
    }
  if (!stead_output_check (self, error))
    return NULL;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmpl = g_strdup_printf ("%s" G_DIR_SEPARATOR_S ".%s.XXXXXX", dir, base);
  personal = (self->flags & STEAD_OUTPUT_FLAGS_PERSONAL) != 0;
  fd = g_mkstemp_full (tmpl, O_WRONLY | O_CLOEXEC, personal ? 0600 : 0644);
  if (fd < 0)
    {
      stead_output_set_errno (error, errno, _("Cannot create a file in “%s”"), dir);
      return NULL;
    }
  /* The umask may only take bits away; personal data is 0600 exactly. */
  if (personal && fchmod (fd, 0600) != 0)
    {
      int saved = errno;

      close (fd);
      g_unlink (tmpl);
      stead_output_set_errno (error, saved, _("Cannot protect “%s”"), tmpl);
      return NULL;
    }
  self->tmp_path = g_steal_pointer (&tmpl);
  self->fd = fd;
  self->stream = g_unix_output_stream_new (fd, TRUE);
  return self->stream;
}

/**
 * stead_output_commit:
 * @self: a #SteadOutput, open
 * @cancellable: (nullable): a #GCancellable; once cancelled, nothing is renamed
 * @error: a #GError
 *
 * Flushes the temporary file to disk and renames it over the destination.
 * On failure the temporary file is removed and the destination is as it
 * was.
 *
 * Returns: %TRUE if the destination now holds what was written
 */
gboolean
stead_output_commit (SteadOutput   *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  int dir_fd;

  g_return_val_if_fail (STEAD_IS_OUTPUT (self), FALSE);
  g_return_val_if_fail (self->tmp_path != NULL, FALSE);

  path = g_file_get_path (self->destination);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !g_output_stream_flush (self->stream, cancellable, error))
    goto failed;
  if (fsync (self->fd) != 0)
    {
      stead_output_set_errno (error, errno, _("Cannot write “%s”"), path);
      goto failed;
    }
  self->fd = -1;
  if (!g_output_stream_close (self->stream, NULL, error))
    goto failed;
  /* The last moment to be refused: nothing has replaced anything yet. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto failed;
  if (g_rename (self->tmp_path, path) != 0)
    {
      stead_output_set_errno (error, errno, _("Cannot write “%s”"), path);
      goto failed;
    }
  g_clear_pointer (&self->tmp_path, g_free);
  g_clear_object (&self->stream);
  self->committed = TRUE;

  /* The rename itself, to disk. */
  dir = g_path_get_dirname (path);
  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
  return TRUE;

failed:
  stead_output_abandon (self);
  return FALSE;
}

/**
 * stead_output_abandon:
 * @self: a #SteadOutput
 *
 * Removes the temporary file, if there is one; what was at the
 * destination stays as it was. Dropping the last reference does the same.
 */
void
stead_output_abandon (SteadOutput *self)
{
  g_return_if_fail (STEAD_IS_OUTPUT (self));

  if (self->stream != NULL)
    g_output_stream_close (self->stream, NULL, NULL);
  g_clear_object (&self->stream);
  self->fd = -1;
  if (self->tmp_path != NULL)
    g_unlink (self->tmp_path);
  g_clear_pointer (&self->tmp_path, g_free);
}

/**
 * stead_rows_next:
 * @rows: a #SteadRows, from STEAD_ROWS_INIT()
 *
 * Steps the statement.
 *
 * Returns: %TRUE if there is a row; %FALSE at the end or on an error, which
 *   stead_rows_end() tells apart
 */
gboolean
stead_rows_next (SteadRows *rows)
{
  g_return_val_if_fail (rows != NULL && rows->stmt != NULL, FALSE);

  if (rows->rc == SQLITE_ROW)
    rows->n_rows++;
  rows->rc = sqlite3_step (rows->stmt);
  return rows->rc == SQLITE_ROW;
}

/**
 * stead_rows_end:
 * @rows: a #SteadRows whose stead_rows_next() returned %FALSE
 * @error: a #GError
 *
 * Returns: %TRUE if every row was read; %FALSE with @error (in
 *   %STEAD_WORKSPACE_ERROR, %STEAD_WORKSPACE_ERROR_CORRUPT for a damaged
 *   page) naming the table and the row the loop reached
 */
gboolean
stead_rows_end (SteadRows  *rows,
                GError    **error)
{
  g_autofree char *what = NULL;

  g_return_val_if_fail (rows != NULL && rows->stmt != NULL, FALSE);
  g_return_val_if_fail (rows->rc != SQLITE_ROW && rows->rc != SQLITE_OK, FALSE);

  if (rows->rc == SQLITE_DONE)
    return TRUE;
  what = g_strdup_printf (_("Could not read “%s” at row %" G_GUINT64_FORMAT), rows->table,
                          rows->n_rows + 1);
  return stead_sqlite_set_error (error, sqlite3_db_handle (rows->stmt), rows->rc, what);
}
