/* stead-csv-reader.h: streaming CSV for every importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <gio/gio.h>
#include "stead-version-macros.h"

G_BEGIN_DECLS

#define STEAD_TYPE_CSV_READER (stead_csv_reader_get_type ())
#define STEAD_CSV_ERROR (stead_csv_error_quark ())

typedef enum
{
  STEAD_CSV_ERROR_SYNTAX,    /* a malformed quote */
  STEAD_CSV_ERROR_ENCODING,  /* column names in neither UTF-8 nor Windows-1252; bad UTF-16 */
  STEAD_CSV_ERROR_EMPTY,     /* no header row */
} SteadCsvError;

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadCsvReader, stead_csv_reader, STEAD, CSV_READER, GObject)

STEAD_AVAILABLE_IN_1_0
GQuark              stead_csv_error_quark              (void);
STEAD_AVAILABLE_IN_1_0
SteadCsvReader     *stead_csv_reader_new               (GInputStream    *stream,
                                                        const char      *name);
STEAD_AVAILABLE_IN_1_0
gboolean            stead_csv_reader_read_header       (SteadCsvReader  *self,
                                                        GCancellable    *cancellable,
                                                        GError         **error);
STEAD_AVAILABLE_IN_1_0
const char * const *stead_csv_reader_get_header        (SteadCsvReader  *self);
STEAD_AVAILABLE_IN_1_0
const char * const *stead_csv_reader_get_hxl_tags      (SteadCsvReader  *self);
STEAD_AVAILABLE_IN_1_0
char                stead_csv_reader_get_delimiter     (SteadCsvReader  *self);
STEAD_AVAILABLE_IN_1_0
gboolean            stead_csv_reader_get_is_windows_1252 (SteadCsvReader *self);
STEAD_AVAILABLE_IN_1_0
gboolean            stead_csv_reader_next              (SteadCsvReader  *self,
                                                        GPtrArray      **row,
                                                        guint64         *line,
                                                        GCancellable    *cancellable,
                                                        GError         **error);
STEAD_AVAILABLE_IN_1_0
gboolean            stead_csv_reader_next_fields       (SteadCsvReader       *self,
                                                        const char * const  **fields,
                                                        guint                *n_fields,
                                                        guint64              *line,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
STEAD_AVAILABLE_IN_1_0
guint64             stead_csv_reader_get_n_windows_1252_fields (SteadCsvReader *self);
STEAD_AVAILABLE_IN_1_0
guint               stead_csv_reader_get_undecodable   (SteadCsvReader  *self);
STEAD_AVAILABLE_IN_1_0
guint64             stead_csv_reader_get_bytes_read    (SteadCsvReader  *self);

G_END_DECLS
