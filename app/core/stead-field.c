/* stead-field.c: reading and showing a field's values as people write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-field"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "stead-field.h"
#include "stead-plugin-engine.h"
#include "stead-record-provider.h"
#include "stead-vocabulary.h"
#include "stead-workspace.h"

/**
 * stead_field_value_type:
 * @field: a field
 *
 * Returns: the GType its values have: G_TYPE_STRING for text, dates,
 *   terms and choices, G_TYPE_INT64 for whole numbers and records,
 *   G_TYPE_DOUBLE, G_TYPE_BOOLEAN
 */
GType
stead_field_value_type (const SteadField *field)
{
  switch (field->type)
    {
    case STEAD_FIELD_INT:
    case STEAD_FIELD_RECORD:
      return G_TYPE_INT64;
    case STEAD_FIELD_DOUBLE:
      return G_TYPE_DOUBLE;
    case STEAD_FIELD_BOOL:
      return G_TYPE_BOOLEAN;
    case STEAD_FIELD_TEXT:
    case STEAD_FIELD_DATE:
    case STEAD_FIELD_TERM:
    case STEAD_FIELD_CHOICE:
    default:
      return G_TYPE_STRING;
    }
}

/**
 * stead_field_find:
 * @fields: (array length=n_fields): a field table
 * @n_fields: its length
 * @name: a field name ('-' and '_' alike)
 *
 * Returns: (nullable): the field called @name
 */
const SteadField *
stead_field_find (const SteadField *fields,
                  guint             n_fields,
                  const char       *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      const char *a = fields[i].name, *b = name;

      while (*a != '\0' && (*a == *b || ((*a == '_' || *a == '-') && (*b == '_' || *b == '-'))))
        a++, b++;
      if (*a == '\0' && *b == '\0')
        return &fields[i];
    }
  return NULL;
}

/**
 * stead_field_get_label:
 * @field: a field
 *
 * Returns: its label, translated, or its name if it has none
 */
const char *
stead_field_get_label (const SteadField *field)
{
  return field->label != NULL ? g_dgettext (GETTEXT_PACKAGE, field->label) : field->name;
}

/**
 * stead_choice_get_label:
 * @choices: choices ending with { NULL }
 * @code: (nullable): a code
 *
 * Returns: (nullable): its label, translated
 */
const char *
stead_choice_get_label (const SteadChoice *choices,
                        const char        *code)
{
  if (code == NULL || choices == NULL)
    return NULL;
  for (guint i = 0; choices[i].code != NULL; i++)
    if (g_str_equal (choices[i].code, code))
      return g_dgettext (GETTEXT_PACKAGE, choices[i].label);
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Parsers                                                                   */

static char *
stead_field_trimmed (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

/* @text without its leading and trailing ASCII white space, as
 * stead_field_trimmed() makes it, but in @buffer when it fits (numbers
 * are parsed a million times in a bulk import), else in *@heap. */
static const char *
stead_field_trimmed_into (const char  *text,
                          char        *buffer,
                          gsize        size,
                          char       **heap)
{
  gsize len;

  if (text == NULL)
    text = "";
  while (g_ascii_isspace (*text))
    text++;
  len = strlen (text);
  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;
  if (len >= size)
    return *heap = g_strndup (text, len);
  memcpy (buffer, text, len);
  buffer[len] = '\0';
  return buffer;
}

gboolean
stead_parse_int (const char *text,
                 gint64      min,
                 gint64      max,
                 gint64     *value)
{
  g_autofree char *heap = NULL;
  char buffer[64];
  const char *copy = stead_field_trimmed_into (text, buffer, sizeof buffer, &heap);
  char *end = NULL;
  gint64 v;

  if (copy[0] == '\0')
    return FALSE;
  errno = 0;
  v = g_ascii_strtoll (copy, &end, 10);
  if (errno != 0 || end == copy || *end != '\0' || v < min || v > max)
    return FALSE;
  *value = v;
  return TRUE;
}

/* "51.501009", "-0.141588": at most 15 digits with at most 22 after the
 * point are exactly a whole number over an exact power of ten, and one
 * IEEE division rounds that as strtod() does (Clinger's fast path), at a
 * tenth of the cost. FALSE for anything else, which strtod() reads. */
static gboolean
stead_field_parse_double_simple (const char *text,
                                 double     *value)
{
  static const double powers[] = { 1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
  const char *p = text;
  gboolean negative = FALSE;
  guint64 mantissa = 0;
  guint digits = 0;
  guint fraction = 0;

  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  for (; g_ascii_isdigit (*p); p++, digits++)
    mantissa = mantissa * 10 + (guint64) (*p - '0');
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++, digits++, fraction++)
      mantissa = mantissa * 10 + (guint64) (*p - '0');
  if (*p != '\0' || digits == 0 || digits > 15 || fraction >= G_N_ELEMENTS (powers))
    return FALSE;
  *value = (double) mantissa / powers[fraction];
  if (negative)
    *value = -*value;
  return TRUE;
}

gboolean
stead_parse_double (const char *text,
                    double     *value)
{
  g_autofree char *heap = NULL;
  char buffer[64];
  const char *copy = stead_field_trimmed_into (text, buffer, sizeof buffer, &heap);
  char *end = NULL;
  double v;

  if (copy[0] == '\0')
    return FALSE;
  if (stead_field_parse_double_simple (copy, value))
    return TRUE;
  errno = 0;
  v = g_ascii_strtod (copy, &end);
  if (errno != 0 || end == copy || *end != '\0' || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

gboolean
stead_parse_bool (const char *text,
                  gboolean   *value)
{
  static const char * const yes[] = { "yes", "y", "true", "t", "1", NULL };
  static const char * const no[] = { "no", "n", "false", "f", "0", NULL };
  g_autofree char *copy = stead_field_trimmed (text);
  g_autofree char *lower = g_ascii_strdown (copy, -1);

  if (g_strv_contains (yes, lower))
    *value = TRUE;
  else if (g_strv_contains (no, lower))
    *value = FALSE;
  else
    return FALSE;
  return TRUE;
}

/* ISO 8601 (date, or date and time with 'T' or a space) or the UK's
 * DD/MM/YYYY with an optional HH:MM[:SS]. Times without a zone are UK
 * local time (GMT or BST); dates alone are midnight UTC. */
gboolean
stead_parse_date (const char *text,
                  gint64     *unix_time)
{
  g_autofree char *copy = stead_field_trimmed (text);
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  GTimeZone *local = london != NULL ? london : utc;
  int d, m, y, hour, minute, second = 0, n;
  char tail;

  if (copy[0] == '\0')
    return FALSE;
  if (strlen (copy) == 10 && copy[4] == '-' &&
      sscanf (copy, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3)
    dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (dt == NULL && strlen (copy) > 10 && copy[4] == '-' && copy[10] == ' ')
    copy[10] = 'T';
  if (dt == NULL)
    dt = g_date_time_new_from_iso8601 (copy, local);
  if (dt == NULL && strlen (copy) > 4 && copy[4] == '-' &&
      sscanf (copy, "%4d-%2d-%2dT%2d:%2d%c", &y, &m, &d, &hour, &minute, &tail) == 5)
    dt = g_date_time_new (local, y, m, d, hour, minute, 0);
  if (dt == NULL && sscanf (copy, "%2d/%2d/%4d%c", &d, &m, &y, &tail) == 3)
    dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (dt == NULL)
    {
      n = sscanf (copy, "%2d/%2d/%4d %2d:%2d:%2d%c", &d, &m, &y, &hour, &minute, &second, &tail);
      if (n == 5 || n == 6)
        dt = g_date_time_new (local, y, m, d, hour, minute, n == 6 ? second : 0);
    }
  if (dt == NULL)
    return FALSE;
  *unix_time = g_date_time_to_unix (dt);
  return TRUE;
}

/**
 * stead_parse_day:
 * @text: a date as people write it
 *
 * Returns: (transfer full) (nullable): the day, YYYY-MM-DD, or %NULL if
 *   @text is not a date
 */
char *
stead_parse_day (const char *text)
{
  g_autofree char *copy = stead_field_trimmed (text);
  g_autoptr(GDateTime) dt = NULL;
  int d, m, y;
  char tail;

  /* A day without a time is that day wherever it is read. */
  if (sscanf (copy, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 ||
      sscanf (copy, "%2d/%2d/%4d%c", &d, &m, &y, &tail) == 3)
    dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  else
    {
      gint64 t;
      g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");

      if (!stead_parse_date (copy, &t))
        return NULL;
      dt = g_date_time_new_from_unix_utc (t);
      if (dt != NULL && london != NULL)
        {
          GDateTime *local = g_date_time_to_timezone (dt, london);

          g_date_time_unref (dt);
          dt = local;
        }
    }
  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y-%m-%d");
}

/* The accepted words of a choice, as a message names them: "Open,
 * Assigned or Met"; for a whole number, with its code ("Low (1), …"). */
static char *
stead_field_choice_list (const SteadChoice *choices,
                         gboolean           with_code)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; choices != NULL && choices[i].code != NULL; i++)
    {
      if (i > 0)
        g_string_append (list, choices[i + 1].code == NULL ? _(" or ") : ", ");
      g_string_append (list, g_dgettext (GETTEXT_PACKAGE, choices[i].label));
      if (with_code)
        g_string_append_printf (list, " (%s)", choices[i].code);
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* The choice @text names by code, or by its label (as written or
 * translated), in any case; NULL if none. */
static const SteadChoice *
stead_field_find_choice (const SteadChoice *choices,
                         const char        *text)
{
  g_autofree char *key = NULL;
  guint by_code = G_MAXUINT;

  /* A bulk import gives codes a million times: the first choice whose
   * code it is, found without folding a label; only the labels of the
   * choices before it can still come first. */
  for (guint i = 0; choices != NULL && choices[i].code != NULL && by_code == G_MAXUINT; i++)
    if (g_ascii_strcasecmp (choices[i].code, text) == 0)
      by_code = i;
  if (by_code == 0)
    return &choices[0];

  key = g_utf8_casefold (text, -1);
  for (guint i = 0; choices != NULL && choices[i].code != NULL && i < by_code; i++)
    {
      const SteadChoice *c = &choices[i];
      g_autofree char *label = g_utf8_casefold (c->label, -1);
      g_autofree char *translated = g_utf8_casefold (g_dgettext (GETTEXT_PACKAGE, c->label), -1);

      if (g_str_equal (label, key) || g_str_equal (translated, key))
        return c;
    }
  return by_code != G_MAXUINT ? &choices[by_code] : NULL;
}

/* The message for a whole number outside the field's range. */
static void
stead_field_set_int_error (const SteadField  *field,
                           const char        *label,
                           const char        *text,
                           GError           **error)
{
  g_autoptr(GString) values = NULL;

  if (field->min == 0 && field->max == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s “%s” is not a whole number"), label, text);
      return;
    }
  if (field->max >= 1000000)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s “%s” is not a whole number of %" G_GINT64_FORMAT " or more"), label, text,
                   field->min);
      return;
    }
  if (field->max - field->min > 5)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s “%s” is not a whole number from %" G_GINT64_FORMAT " to "
                                                                             "%" G_GINT64_FORMAT),
                   label, text, field->min, field->max);
      return;
    }
  /* A handful of values: name them ("1, 2, 3 or 4"). */
  values = g_string_new (NULL);
  for (gint64 n = field->min; n <= field->max; n++)
    {
      if (n > field->min)
        g_string_append (values, n == field->max ? _(" or ") : ", ");
      g_string_append_printf (values, "%" G_GINT64_FORMAT, n);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s “%s” is not %s"), label, text,
               values->str);
}

/* A whole number, or for one with .choices (urgency 1–4) the code or
 * the label of one of them in any case ("High", "3"). */
static gboolean
stead_field_parse_int (const SteadField  *field,
                       const char        *label,
                       const char        *text,
                       GValue            *value,
                       GError           **error)
{
  gint64 min = field->min, max = field->max, v;
  const SteadChoice *choice = stead_field_find_choice (field->choices, text);

  if (min == 0 && max == 0)
    min = G_MININT64, max = G_MAXINT64;
  if (choice != NULL && stead_parse_int (choice->code, min, max, &v))
    ;
  else if (field->choices != NULL)
    {
      g_autofree char *list = stead_field_choice_list (field->choices, TRUE);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s “%s” is not one of: %s"), label, text, list);
      return FALSE;
    }
  else if (!stead_parse_int (text, min, max, &v))
    {
      stead_field_set_int_error (field, label, text, error);
      return FALSE;
    }
  g_value_init (value, G_TYPE_INT64);
  g_value_set_int64 (value, v);
  return TRUE;
}

/* A choice by code, or by its label (as written or translated), in any case. */
static gboolean
stead_field_parse_choice (const SteadField  *field,
                          const char        *label,
                          const char        *text,
                          GValue            *value,
                          GError           **error)
{
  const SteadChoice *c = stead_field_find_choice (field->choices, text);
  g_autofree char *list = NULL;

  if (c != NULL)
    {
      g_value_init (value, G_TYPE_STRING);
      g_value_set_string (value, c->code);
      return TRUE;
    }
  list = stead_field_choice_list (field->choices, FALSE);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s “%s” is not one of: %s"),
               label, text, list);
  return FALSE;
}

/* A term of the workspace's vocabulary, by code or label in any case. */
static gboolean
stead_field_parse_term (const SteadField  *field,
                        SteadWorkspace    *workspace,
                        const char        *label,
                        const char        *text,
                        GValue            *value,
                        GError           **error)
{
  char *code = NULL;
  g_autofree char *list = NULL;

  if (workspace != NULL)
    code = stead_workspace_lookup_term (workspace, field->vocabulary, text);
  if (code != NULL)
    {
      g_value_init (value, G_TYPE_STRING);
      g_value_take_string (value, code);
      return TRUE;
    }
  list = workspace != NULL ? stead_workspace_list_terms (workspace, field->vocabulary) : NULL;
  if (list != NULL && list[0] != '\0')
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s “%s” is not one of: %s"),
                 label, text, list);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s “%s” is not in the list"),
                 label, text);
  return FALSE;
}

/* Another plugin's record, by id or by title. */
static gboolean
stead_field_parse_record (const SteadField  *field,
                          SteadWorkspace    *workspace,
                          const char        *label,
                          const char        *text,
                          GValue            *value,
                          GError           **error)
{
  SteadRecordProvider *provider =
    workspace != NULL ? stead_workspace_get_provider (workspace, field->vocabulary) : NULL;
  gint64 id = 0;

  if (provider != NULL)
    {
      if (stead_parse_int (text, 1, G_MAXINT64, &id) &&
          !stead_record_provider_exists (provider, field->vocabulary, id))
        id = 0;
      if (id == 0)
        id = stead_record_provider_find (provider, field->vocabulary, text);
    }
  if (id == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   provider != NULL
                     ? _("%s “%s” is not in the list")
                     : _("%s “%s” cannot be looked up: the plugin that keeps them is off"),
                   label, text);
      return FALSE;
    }
  g_value_init (value, G_TYPE_INT64);
  g_value_set_int64 (value, id);
  return TRUE;
}

/* A string value, or the error @message (with the label and text) if NULL. */
static gboolean
stead_field_take_string (char        *string,
                         const char  *message,
                         const char  *label,
                         const char  *text,
                         GValue      *value,
                         GError     **error)
{
  if (string == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, message, label, text);
      return FALSE;
    }
  g_value_init (value, G_TYPE_STRING);
  g_value_take_string (value, string);
  return TRUE;
}

/**
 * stead_field_parse:
 * @field: the field
 * @workspace: (nullable): for terms and records: where to look them up
 * @text: (nullable): what the user or the file says
 * @value: (out caller-allocates): an unset #GValue; set to the field's
 *   value type, or left unset for an empty optional field (NULL)
 * @error: a #GError, naming the field and the problem
 *
 * Reads @text as @field's type: a whole number in its range, a term or
 * choice by code or label in any case, a record by id or title, a date
 * as YYYY-MM-DD or DD/MM/YYYY.
 *
 * Returns: %TRUE if @text is a valid value (or empty and optional)
 */
gboolean
stead_field_parse (const SteadField  *field,
                   SteadWorkspace    *workspace,
                   const char        *text,
                   GValue            *value,
                   GError           **error)
{
  g_autofree char *copy = stead_field_trimmed (text);
  const char *label;
  double d;
  gboolean b;

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (value != NULL && !G_IS_VALUE (value), FALSE);

  label = stead_field_get_label (field);
  if (copy[0] == '\0')
    {
      if (!field->required)
        return TRUE;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s is needed"), label);
      return FALSE;
    }

  switch (field->type)
    {
    case STEAD_FIELD_INT:
      return stead_field_parse_int (field, label, copy, value, error);
    case STEAD_FIELD_DOUBLE:
      if (!stead_parse_double (copy, &d))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("%s “%s” is not a number"), label, copy);
          return FALSE;
        }
      g_value_init (value, G_TYPE_DOUBLE);
      g_value_set_double (value, d);
      return TRUE;
    case STEAD_FIELD_BOOL:
      if (!stead_parse_bool (copy, &b))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("%s “%s” is not yes or no"), label, copy);
          return FALSE;
        }
      g_value_init (value, G_TYPE_BOOLEAN);
      g_value_set_boolean (value, b);
      return TRUE;
    case STEAD_FIELD_DATE:
      return stead_field_take_string (stead_parse_day (copy),
                                      _("%s “%s” is not a date (YYYY-MM-DD or DD/MM/YYYY)"), label,
                                      copy, value, error);
    case STEAD_FIELD_TERM:
      return stead_field_parse_term (field, workspace, label, copy, value, error);
    case STEAD_FIELD_CHOICE:
      return stead_field_parse_choice (field, label, copy, value, error);
    case STEAD_FIELD_RECORD:
      return stead_field_parse_record (field, workspace, label, copy, value, error);
    case STEAD_FIELD_TEXT:
    default:
      g_value_init (value, G_TYPE_STRING);
      g_value_take_string (value, g_steal_pointer (&copy));
      return TRUE;
    }
}

/* Text as shown: a time as stored (ISO 8601 in UTC, "2026-07-09T19:14:05.000Z")
 * reads as the local date and time to the minute, "2026-07-09 20:14", which
 * sorts the same way; anything else as it is. */
static char *
stead_field_format_text (const char *text)
{
  gsize length = text != NULL ? strlen (text) : 0;

  if (length >= 20 && length <= 30 && text[4] == '-' && text[10] == 'T' &&
      text[length - 1] == 'Z' && g_ascii_isdigit (text[0]))
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (text, NULL);
      g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

      if (local != NULL)
        return g_date_time_format (local, "%Y-%m-%d %H:%M");
    }
  return g_strdup (text != NULL ? text : "");
}

/**
 * stead_field_format:
 * @field: the field
 * @workspace: (nullable): for the labels of terms and records
 * @value: (nullable): a value of the field's type, or unset (NULL)
 *
 * Returns: (transfer full): the value as shown to people ("" for none)
 */
char *
stead_field_format (const SteadField *field,
                    SteadWorkspace   *workspace,
                    const GValue     *value)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (value == NULL || !G_IS_VALUE (value))
    return g_strdup ("");

  switch (field->type)
    {
    case STEAD_FIELD_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (value));
    case STEAD_FIELD_DOUBLE:
      return g_strdup_printf ("%g", g_value_get_double (value));
    case STEAD_FIELD_BOOL:
      return g_strdup (g_value_get_boolean (value) ? _("Yes") : _("No"));
    case STEAD_FIELD_TERM:
      {
        char *label = workspace != NULL
                        ? stead_workspace_get_term_label (workspace, field->vocabulary,
                                                          g_value_get_string (value))
                        : NULL;

        return label != NULL ? label : g_strdup (g_value_get_string (value));
      }
    case STEAD_FIELD_CHOICE:
      {
        const char *label = stead_choice_get_label (field->choices, g_value_get_string (value));

        return g_strdup (label != NULL ? label : g_value_get_string (value));
      }
    case STEAD_FIELD_RECORD:
      {
        char *title = workspace != NULL ? stead_workspace_get_record_title (
                                            workspace, field->vocabulary, g_value_get_int64 (value))
                                        : NULL;

        return title != NULL ? title : g_strdup ("");
      }
    case STEAD_FIELD_TEXT:
    case STEAD_FIELD_DATE:
    default:
      if ((field->flags & STEAD_FIELD_PLUGIN) != 0 && workspace != NULL &&
          g_value_get_string (value) != NULL && stead_workspace_get_engine (workspace) != NULL)
        {
          PeasPluginInfo *info = peas_engine_get_plugin_info (
            stead_plugin_engine_get_peas (stead_workspace_get_engine (workspace)),
            g_value_get_string (value));

          if (info != NULL)
            return g_strdup (peas_plugin_info_get_name (info));
        }
      return stead_field_format_text (g_value_get_string (value));
    }
}

/**
 * stead_value_from_gvalue:
 * @value: (nullable): a string, int64, int, double or boolean #GValue, or
 *   unset
 *
 * Returns: the value to bind (borrowing @value's string)
 */
SteadValue
stead_value_from_gvalue (const GValue *value)
{
  if (value == NULL || !G_IS_VALUE (value))
    return STEAD_NULL;
  if (G_VALUE_HOLDS_STRING (value))
    return STEAD_STRING (g_value_get_string (value));
  if (G_VALUE_HOLDS_INT64 (value))
    return STEAD_INT (g_value_get_int64 (value));
  if (G_VALUE_HOLDS_INT (value))
    return STEAD_INT (g_value_get_int (value));
  if (G_VALUE_HOLDS_DOUBLE (value))
    return STEAD_DOUBLE (g_value_get_double (value));
  if (G_VALUE_HOLDS_BOOLEAN (value))
    return STEAD_INT (g_value_get_boolean (value) ? 1 : 0);
  return STEAD_NULL;
}
