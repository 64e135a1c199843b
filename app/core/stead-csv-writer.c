/* stead-csv-writer.c: RFC 4180 CSV out to a stream, a buffer at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-csv"

#include "config.h"

#include <string.h>

#include "stead-csv-writer.h"

struct _SteadCsvWriter
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GString       *out;
  gboolean       row_started;
  guint64        rows;
};

/* Written out, and Cancel checked, every so many bytes. */
#define STEAD_CSV_WRITER_BUFFER (1 << 16)

SteadCsvWriter *
stead_csv_writer_new (GOutputStream *stream,
                      GCancellable  *cancellable)
{
  SteadCsvWriter *self;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  self = g_new0 (SteadCsvWriter, 1);
  self->stream = g_object_ref (stream);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->out = g_string_sized_new (STEAD_CSV_WRITER_BUFFER + 4096);
  return self;
}

void
stead_csv_writer_free (SteadCsvWriter *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->stream);
  g_clear_object (&self->cancellable);
  g_string_free (self->out, TRUE);
  g_free (self);
}

/* Appends @value as one RFC 4180 field, quoted if it must be. */
void
stead_csv_append_field (GString    *out,
                        const char *value)
{
  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* A sign, digits with at most one point, an exponent: nothing else. */
static gboolean
stead_csv_writer_is_number (const char *p)
{
  gboolean digits = FALSE;

  if (*p == '+' || *p == '-')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits = TRUE;
  if (!digits)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0';
}

/* Whether a spreadsheet could run @value as a formula: it starts with
 * = + - @, a tab or a carriage return, and is not a plain number. */
static gboolean
stead_csv_writer_is_formula (const char *value)
{
  if (value == NULL || value[0] == '\0' || strchr ("=+-@\t\r", value[0]) == NULL)
    return FALSE;
  return !stead_csv_writer_is_number (value);
}

static void
stead_csv_writer_next_field (SteadCsvWriter *self)
{
  if (self->row_started)
    g_string_append_c (self->out, ',');
  self->row_started = TRUE;
}

/* A text cell: escaped if it is a formula. */
void
stead_csv_writer_add (SteadCsvWriter *self,
                      const char     *value)
{
  g_autofree char *escaped = NULL;

  stead_csv_writer_next_field (self);
  if (stead_csv_writer_is_formula (value))
    value = escaped = g_strconcat ("'", value, NULL);
  stead_csv_append_field (self->out, value);
}

void
stead_csv_writer_add_int (SteadCsvWriter *self,
                          gint64          value)
{
  char buf[24];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  stead_csv_writer_next_field (self);
  stead_csv_append_field (self->out, buf);
}

void
stead_csv_writer_add_double (SteadCsvWriter *self,
                             double          value,
                             int             digits)
{
  char format[8], buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_snprintf (format, sizeof format, "%%.%df", CLAMP (digits, 0, 15));
  stead_csv_writer_next_field (self);
  stead_csv_append_field (self->out, g_ascii_formatd (buf, sizeof buf, format, value));
}

static gboolean
stead_csv_writer_flush (SteadCsvWriter  *self,
                        GError         **error)
{
  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return FALSE;
  if (!g_output_stream_write_all (self->stream, self->out->str, self->out->len, NULL,
                                  self->cancellable, error))
    return FALSE;
  g_string_truncate (self->out, 0);
  return TRUE;
}

gboolean
stead_csv_writer_end_row (SteadCsvWriter  *self,
                          GError         **error)
{
  g_string_append (self->out, "\r\n");
  self->row_started = FALSE;
  self->rows++;
  if (self->out->len < STEAD_CSV_WRITER_BUFFER)
    return TRUE;
  return stead_csv_writer_flush (self, error);
}

gboolean
stead_csv_writer_finish (SteadCsvWriter  *self,
                         GError         **error)
{
  return stead_csv_writer_flush (self, error);
}
