/* stead-csv-writer.h: RFC 4180 CSV out to a stream, a buffer at a time
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

typedef struct _SteadCsvWriter SteadCsvWriter;

/* Rows end with CRLF; a field is quoted when it holds a comma, a quote
 * or a line break; NULL is an empty field.
 *
 * Text cells a spreadsheet would run as a formula (starting with = + - @,
 * a tab or a carriage return) get a single quote in front, as OWASP
 * advises against CSV injection: "=HYPERLINK(…)" is written "'=HYPERLINK(…)".
 * A cell that is a plain decimal number ("-2.15", "+44", "-1e-05") is
 * left as it is: no spreadsheet runs a number, and the numbers a field
 * declares (stead_csv_writer_add_int(), _add_double()) stay numbers. */
STEAD_AVAILABLE_IN_1_0
SteadCsvWriter *stead_csv_writer_new       (GOutputStream   *stream,
                                            GCancellable    *cancellable);
STEAD_AVAILABLE_IN_1_0
void            stead_csv_writer_add       (SteadCsvWriter  *self,
                                            const char      *value);
STEAD_AVAILABLE_IN_1_0
void            stead_csv_writer_add_int   (SteadCsvWriter  *self,
                                            gint64           value);
/* With @digits decimals, whatever the locale. */
STEAD_AVAILABLE_IN_1_0
void            stead_csv_writer_add_double (SteadCsvWriter *self,
                                             double          value,
                                             int             digits);
/* Ends the row; writes out what is buffered when it is large. */
STEAD_AVAILABLE_IN_1_0
gboolean        stead_csv_writer_end_row   (SteadCsvWriter  *self,
                                            GError         **error);
/* Writes out the rest. */
STEAD_AVAILABLE_IN_1_0
gboolean        stead_csv_writer_finish    (SteadCsvWriter  *self,
                                            GError         **error);
STEAD_AVAILABLE_IN_1_0
void            stead_csv_writer_free      (SteadCsvWriter  *self);

/* One RFC 4180 field, quoted if it must be; formulas are not escaped. */
STEAD_AVAILABLE_IN_1_0
void            stead_csv_append_field     (GString         *out,
                                            const char      *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SteadCsvWriter, stead_csv_writer_free)

G_END_DECLS
