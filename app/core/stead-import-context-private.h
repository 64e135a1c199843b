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
};

G_END_DECLS
