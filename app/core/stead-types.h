/* stead-types.h: shared typedefs for libstead-core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _SteadGeometry         SteadGeometry;
typedef struct _SteadPluginEngine     SteadPluginEngine;
typedef struct _SteadRecord           SteadRecord;
typedef struct _SteadTransaction      SteadTransaction;
typedef struct _SteadWorkspace        SteadWorkspace;
typedef struct _SteadWorkspaceAddin   SteadWorkspaceAddin;

/* A static NULL-terminated list of strings, for the tables plugins fill:
 * STEAD_STRV ("csv", "tsv"). */
#define STEAD_STRV(...) ((const char * const[]) { __VA_ARGS__, NULL })
#define STEAD_EXTENSIONS(...) STEAD_STRV (__VA_ARGS__)
#define STEAD_STATEMENTS(...) STEAD_STRV (__VA_ARGS__)

/* One option a file format takes (`--option key=value`, a row of the
 * import dialog). Formats declare theirs; an import or export given one
 * it does not declare is refused. The dialog shows each as a widget of
 * its type with its label, and messages name it by the label, never by
 * the key. */
typedef struct
{
  const char    *key;
  const char    *description;   /* N_(), in the format's gettext domain */
  const char    *label;         /* N_("Kind of every row"); NULL: the key */
  guint          type;          /* a SteadFieldType: TEXT (the default), BOOL, TERM, CHOICE or
                                 * RECORD (an id or title of kind .vocabulary, or a new
                                 * record's title), or STEAD_FORMAT_OPTION_COLUMNS */
  const char    *vocabulary;    /* TERM: the taxonomy vocabulary */
  gconstpointer  choices;       /* CHOICE: SteadChoice[], ending with { NULL } */
} SteadFormatOption;

/* An option type beside the SteadFieldTypes: one or more columns of the
 * file being imported, by name, separated by '|' (column names of
 * published tables hold commas and semicolons). The import dialog lists
 * the file's header to tick; stead_import_find_columns() reads the value. */
#define STEAD_FORMAT_OPTION_COLUMNS 0x100u

/* The GeoPackage spatial reference system every Stead feature table uses. */
#define STEAD_SRS_WGS84 4326

G_END_DECLS
