/* stead-output.h: files Stead writes (exports, reports, rejects), whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sqlite3.h>

#include "stead-version-macros.h"

G_BEGIN_DECLS

#define STEAD_TYPE_OUTPUT (stead_output_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadOutput, stead_output, STEAD, OUTPUT, GObject)

typedef enum
{
  STEAD_OUTPUT_FLAGS_NONE     = 0,
  /* It holds personal data: created 0600, whatever the umask. */
  STEAD_OUTPUT_FLAGS_PERSONAL = 1 << 0,
} SteadOutputFlags;

/* An output is written to a temporary file beside @destination, flushed to
 * disk and renamed over it by stead_output_commit(); dropping it before
 * that (an error, Cancel) removes the temporary file and leaves whatever
 * was at @destination as it was. It never writes over a protected file:
 * the workspace (and its -wal, -shm and -journal files) or an input of the
 * same command, compared by device and inode and by name. */
STEAD_AVAILABLE_IN_1_0
SteadOutput   *stead_output_new               (GFile            *destination,
                                               SteadOutputFlags  flags);
/* Before stead_output_open(): @path is the workspace the command reads. */
STEAD_AVAILABLE_IN_1_0
void           stead_output_protect_workspace (SteadOutput      *self,
                                               const char       *path);
/* Before stead_output_open(): @file is read by the same command. */
STEAD_AVAILABLE_IN_1_0
void           stead_output_protect           (SteadOutput      *self,
                                               GFile            *file);
/* Refuses a protected destination, or one there that is not a regular
 * file; creates nothing. */
STEAD_AVAILABLE_IN_1_0
gboolean       stead_output_check             (SteadOutput      *self,
                                               GError          **error);
/* Checks the destination and creates the temporary file. Returns: (transfer none) */
STEAD_AVAILABLE_IN_1_0
GOutputStream *stead_output_open              (SteadOutput      *self,
                                               GError          **error);
/* fsync, close, rename over the destination. */
STEAD_AVAILABLE_IN_1_0
gboolean       stead_output_commit            (SteadOutput      *self,
                                               GCancellable     *cancellable,
                                               GError          **error);
/* Removes the temporary file; what was at the destination stays. */
STEAD_AVAILABLE_IN_1_0
void           stead_output_abandon           (SteadOutput      *self);

/* The row loop of an export or a report: any result of sqlite3_step() but
 * a row or the end is an error (a corrupt page, an I/O error), never a
 * short file.
 *
 *   SteadRows rows = STEAD_ROWS_INIT (stmt, "need");
 *
 *   while (stead_rows_next (&rows))
 *     …
 *   if (!stead_rows_end (&rows, error))
 *     return FALSE;
 */
typedef struct
{
  sqlite3_stmt *stmt;
  const char   *table;   /* named in the error */
  guint64       n_rows;  /* rows read so far */
  int           rc;      /* the last sqlite3_step() result */
  /*< private >*/
  gpointer      padding[2];
} SteadRows;

#define STEAD_ROWS_INIT(stmt, table) { (stmt), (table), 0, SQLITE_OK, { NULL, NULL } }

STEAD_AVAILABLE_IN_1_0
gboolean       stead_rows_next                (SteadRows        *rows);
/* %TRUE if the loop reached the end; else @error names the table and the row. */
STEAD_AVAILABLE_IN_1_0
gboolean       stead_rows_end                 (SteadRows        *rows,
                                               GError          **error);

G_END_DECLS
