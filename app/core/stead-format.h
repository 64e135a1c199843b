/* stead-format.h: an import or export format described by a table
 *
 * A plugin's file formats are data: an id, a title, the extensions, the
 * fields a column map fills, the options it takes, and the one function
 * that reads or writes. stead_importer_new() and stead_exporter_new()
 * turn a description into the SteadImporter or SteadExporter the import
 * dialog, the export menu and `stead-cli` list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include "stead-exporter.h"
#include "stead-importer.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

typedef gboolean (*SteadImportFunc) (SteadImportContext  *context,
                                     GError             **error);
typedef guint    (*SteadImportDetectFunc) (const SteadImportSample *sample);
typedef gboolean (*SteadExportFunc) (SteadWorkspace            *workspace,
                                     GOutputStream             *stream,
                                     const SteadExportOptions  *options,
                                     GCancellable              *cancellable,
                                     GError                   **error);

/* STEAD_IMPORT_NOT_UNDOABLE: the format brings personal data by the
 * hundred thousand (a household list). Its import is audited by count but
 * is no undo step, so that no copy of the rows stays in memory for Undo
 * (and a purge has none to hunt down); the undo history before it is
 * cleared. The user removes what it added instead. */
typedef enum
{
  STEAD_IMPORT_NOT_UNDOABLE = 1 << 0,
} SteadImportFormatFlags;

typedef struct _SteadImportFormat
{
  const char              *id;          /* "partners-csv", as given to --format */
  const char              *title;       /* N_("Partners (CSV)") */
  const char * const      *extensions;  /* without dots, ending with NULL */
  const SteadField        *fields;      /* tabular formats: what the column map fills */
  guint                    n_fields;
  const SteadFormatOption *options;     /* the --option keys it reads, ending with { NULL } */
  SteadImportFunc          run;         /* on a worker thread, inside the import's transaction */
  const char              *domain;      /* gettext domain of the strings (NULL: Stead's) */
  /* How well a file's start fits (see SteadImportSample), or NULL: a
   * tabular format fits a CSV whose header fills its required fields and
   * two or more in all. */
  SteadImportDetectFunc    detect;
  guint                    flags;       /* SteadImportFormatFlags */
  gpointer                 padding[2];
} SteadImportFormat;

typedef struct _SteadExportFormat
{
  const char              *id;
  const char              *title;
  const char * const      *extensions;
  const SteadFormatOption *options;
  SteadExportFunc          run;         /* may run on a worker thread */
  const char              *domain;
  gpointer                 padding[4];
} SteadExportFormat;

/* Detectors for formats that read any GeoJSON or any GeoPackage: they
 * fit half-surely, so that a file two such formats read is the user's
 * choice between them. */
STEAD_AVAILABLE_IN_1_0
guint          stead_import_detect_geojson (const SteadImportSample *sample);
STEAD_AVAILABLE_IN_1_0
guint          stead_import_detect_gpkg    (const SteadImportSample *sample);

STEAD_AVAILABLE_IN_1_0
SteadImporter *stead_importer_new (const SteadImportFormat *format,
                                   const char              *owner);
STEAD_AVAILABLE_IN_1_0
SteadExporter *stead_exporter_new (const SteadExportFormat *format,
                                   const char              *owner);

G_END_DECLS
