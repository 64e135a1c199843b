/* stead-import-row.h: the row loop of a tabular import, with typed getters
 *
 * stead_import_context_foreach_row() opens the file as CSV, maps its
 * columns onto the format's fields, and calls back once per row with
 * progress and Cancel handled. The getters read a field as its
 * declaration says (a whole number in range, a number, yes/no, a date, a
 * vocabulary term, a choice, a record of another plugin) and, when the
 * text is not one, reject the row with its line and the field's name:
 *
 *   if (!stead_import_row_get_int (row, "people", &people))
 *     return TRUE;      // rejected: go on with the next row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include "stead-importer.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

typedef struct _SteadImportRow SteadImportRow;

/* Return %FALSE with @error to stop the whole import (the error is given
 * the row's line); a rejected row is not an error. */
typedef gboolean (*SteadImportRowFunc) (SteadImportRow  *row,
                                        gpointer         user_data,
                                        GError         **error);

/* @check (nullable) is called once before the first row, with a row
 * holding no cells: what stead_import_row_has_column() says of it is
 * true of every row. %FALSE with @error stops the import. */
STEAD_AVAILABLE_IN_1_0
gboolean            stead_import_context_foreach_row (SteadImportContext  *context,
                                                      SteadImportRowFunc   check,
                                                      SteadImportRowFunc   func,
                                                      gpointer             user_data,
                                                      GError             **error);

STEAD_AVAILABLE_IN_1_0
SteadImportContext *stead_import_row_get_context     (SteadImportRow      *row);
STEAD_AVAILABLE_IN_1_0
guint64             stead_import_row_get_line        (SteadImportRow      *row);
STEAD_AVAILABLE_IN_1_0
guint64             stead_import_row_get_index       (SteadImportRow      *row);
STEAD_AVAILABLE_IN_1_0
gboolean            stead_import_row_has_column      (SteadImportRow      *row,
                                                      const char          *field);

/* The text as written, leading spaces dropped; %NULL if empty or unmapped.
 * Nothing is checked. */
STEAD_AVAILABLE_IN_1_0
const char         *stead_import_row_peek            (SteadImportRow      *row,
                                                      const char          *field);

/* Each leaves *value alone when the cell is empty (and the field is not
 * required), and returns %FALSE having rejected the row when the text is
 * not a value of the field. */
STEAD_AVAILABLE_IN_1_0
gboolean            stead_import_row_get_text        (SteadImportRow      *row,
                                                      const char          *field,
                                                      const char         **value);
STEAD_AVAILABLE_IN_1_0
gboolean            stead_import_row_get_int         (SteadImportRow      *row,
                                                      const char          *field,
                                                      gint64              *value);
STEAD_AVAILABLE_IN_1_0
gboolean            stead_import_row_get_double      (SteadImportRow      *row,
                                                      const char          *field,
                                                      double              *value);
STEAD_AVAILABLE_IN_1_0
gboolean            stead_import_row_get_bool        (SteadImportRow      *row,
                                                      const char          *field,
                                                      gboolean            *value);
/* DATE: YYYY-MM-DD. TERM and CHOICE: the code. Strings stay valid until
 * the next row. */
STEAD_AVAILABLE_IN_1_0
gboolean            stead_import_row_get_string      (SteadImportRow      *row,
                                                      const char          *field,
                                                      const char         **value);
/* DATE: the moment, for dates with times of day (see stead_parse_date()). */
STEAD_AVAILABLE_IN_1_0
gboolean            stead_import_row_get_time        (SteadImportRow      *row,
                                                      const char          *field,
                                                      gint64              *unix_time);
/* RECORD: the id of the record the cell names, by id or title. */
STEAD_AVAILABLE_IN_1_0
gboolean            stead_import_row_get_record      (SteadImportRow      *row,
                                                      const char          *field,
                                                      gint64              *id);
/* The row's place: its "longitude" and "latitude" fields, or else its
 * "postcode" from the workspace's postcode directory. Rejects the row
 * if it has neither. */
STEAD_AVAILABLE_IN_1_0
gboolean            stead_import_row_get_location    (SteadImportRow      *row,
                                                      double              *lon,
                                                      double              *lat);

/* The cells no field reads, as JSON for the record's extra attributes. */
STEAD_AVAILABLE_IN_1_0
char               *stead_import_row_dup_extra       (SteadImportRow      *row);

STEAD_AVAILABLE_IN_1_0
void                stead_import_row_reject          (SteadImportRow      *row,
                                                      const char          *format,
                                                      ...) G_GNUC_PRINTF (2, 3);
STEAD_AVAILABLE_IN_1_0
gboolean            stead_import_row_is_rejected     (SteadImportRow      *row);

G_END_DECLS
