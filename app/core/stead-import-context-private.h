/* stead-import-context-private.h: what one import run holds
 *
 * Shared by stead-importer.c (the run) and stead-import-row.c (the row
 * loop) and stead-import-features.c (the feature loop).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "stead-geometry.h"
#include "stead-importer.h"

G_BEGIN_DECLS

struct _SteadImportContext
{
  SteadWorkspace          *workspace;
  SteadTransaction        *txn;
  SteadImporter           *importer;
  GFile                   *file;
  GCancellable            *cancellable;
  const SteadImportOptions *options;
  SteadImportResult       *result;
  SteadGeometry           *within;
  SteadEnvelope            within_env;
  SteadImportProgressFunc  progress;
  gpointer                 progress_data;
  gint64                   last_progress;
  sqlite3_stmt            *geocode;
  /* The feature loop: the extra attributes of the feature being written,
   * and whether the format asked for them. */
  char                    *feature_extra;
  gboolean                 extra_taken;
  char                    *uid;          /* the workspace's, once asked for */
};

/* Extra attributes: a JSON object of names to text, a member at a time.
 * Pass the GString to _finish, which closes the object and returns it. */
void  stead_import_extra_add        (GString            *json,
                                     const char         *name,
                                     const char         *text);
char *stead_import_extra_finish     (GString            *json);

/* A normalised postcode ("SW1A1AA") and its NUL. */
#define STEAD_POSTCODE_KEY_SIZE 8

gboolean stead_postcode_normalize_to (const char *postcode,
                                      char        out[STEAD_POSTCODE_KEY_SIZE]);

/* After the last row of a CSV: warns of fields read as Windows-1252. */
void  stead_import_context_note_csv (SteadImportContext *context,
                                     SteadCsvReader     *reader);

G_END_DECLS
