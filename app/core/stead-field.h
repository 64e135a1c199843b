/* stead-field.h: a field of a record, declared once
 *
 * One table of SteadField per kind of record says what each field is:
 * its type, range or vocabulary, whether it is required or personal, how
 * an import finds its column, and the constant statement that saves it.
 * Records, field rows, forms and importers all read the same table, so a
 * rule is written once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <glib-object.h>

#include "stead-types.h"
#include "stead-value.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

typedef enum
{
  STEAD_FIELD_TEXT,
  STEAD_FIELD_INT,      /* a whole number in [min, max] (both 0: any); with .choices, their
                         * codes ("3") or labels ("High") */
  STEAD_FIELD_DOUBLE,
  STEAD_FIELD_BOOL,     /* yes/no, true/false, 1/0 */
  STEAD_FIELD_DATE,     /* YYYY-MM-DD; DD/MM/YYYY is read too */
  STEAD_FIELD_TERM,     /* a code of the taxonomy vocabulary .vocabulary (code or label) */
  STEAD_FIELD_CHOICE,   /* a code of .choices (code or label) */
  STEAD_FIELD_RECORD,   /* the id of a record of kind .vocabulary, from its SteadRecordProvider */
} SteadFieldType;

typedef enum
{
  STEAD_FIELD_PERSONAL  = 1 << 0,   /* personal data: redacted in exports unless asked */
  STEAD_FIELD_MULTILINE = 1 << 1,   /* long text */
  STEAD_FIELD_HIDDEN    = 1 << 2,   /* not shown in forms and lists, but searched */
  STEAD_FIELD_INTERNAL  = 1 << 3,   /* neither shown nor searched (raw values for derive) */
  STEAD_FIELD_PLUGIN    = 1 << 4,   /* a plugin's module name ("partners"): shown as its name */
} SteadFieldFlags;

typedef struct
{
  const char *code;
  const char *label;    /* N_(): translated when shown */
} SteadChoice;

typedef struct
{
  const char        *name;        /* the column and property name, e.g. "postcode" */
  const char        *aliases;     /* other CSV header names, ';'-separated */
  const char        *hxl;         /* HXL tag, e.g. "#loc +postcode" */
  gboolean           required;
  SteadFieldType     type;
  const char        *label;       /* N_("Postcode") */
  gint64             min;
  gint64             max;
  const char        *vocabulary;  /* TERM: taxonomy vocabulary; RECORD: record kind */
  const SteadChoice *choices;     /* CHOICE (and INT: named numbers): ending with { NULL } */
  const char *set_sql; /* "UPDATE t SET col = ?1 WHERE id = ?2", or NULL: not editable alone */
  guint              flags;       /* SteadFieldFlags */
} SteadField;

/* The fields an import reads are the same declarations. */
typedef SteadField SteadImportField;

STEAD_AVAILABLE_IN_1_0
GType              stead_field_value_type     (const SteadField   *field);
STEAD_AVAILABLE_IN_1_0
const SteadField  *stead_field_find           (const SteadField   *fields,
                                               guint               n_fields,
                                               const char         *name);
STEAD_AVAILABLE_IN_1_0
const char        *stead_field_get_label      (const SteadField   *field);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_field_parse          (const SteadField   *field,
                                               SteadWorkspace     *workspace,
                                               const char         *text,
                                               GValue             *value,
                                               GError            **error);
STEAD_AVAILABLE_IN_1_0
char              *stead_field_format         (const SteadField   *field,
                                               SteadWorkspace     *workspace,
                                               const GValue       *value);
STEAD_AVAILABLE_IN_1_0
const char        *stead_choice_get_label     (const SteadChoice  *choices,
                                               const char         *code);
STEAD_AVAILABLE_IN_1_0
SteadValue         stead_value_from_gvalue    (const GValue       *value);

/* Parsers for text as people write it: surrounding spaces ignored. */
STEAD_AVAILABLE_IN_1_0
gboolean           stead_parse_int            (const char         *text,
                                               gint64              min,
                                               gint64              max,
                                               gint64             *value);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_parse_double         (const char         *text,
                                               double             *value);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_parse_bool           (const char         *text,
                                               gboolean           *value);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_parse_date           (const char         *text,
                                               gint64             *unix_time);
STEAD_AVAILABLE_IN_1_0
char              *stead_parse_day            (const char         *text);

G_END_DECLS
