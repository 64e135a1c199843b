/* partners-vcard.c: partner contacts as vCard 4.0 (RFC 6350)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "partners"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "partners.h"
#include "partners-exchange-private.h"

#define PARTNERS_VCARD_COL(stmt, i) ((const char *) sqlite3_column_text (stmt, i))

/* vCard 4.0 (RFC 6350): escaped values, lines folded at 75 octets. */
static void
partners_vcard_escape (GString    *out,
                       const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\' || *p == ',' || *p == ';')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p != '\r')
        g_string_append_c (out, *p);
    }
}

static void
partners_vcard_line (GString    *out,
                     const char *name,
                     const char *value)
{
  g_autoptr(GString) line = g_string_new (name);
  gsize col = 0;

  if (value == NULL || *value == '\0')
    return;
  g_string_append_c (line, ':');
  partners_vcard_escape (line, value);
  for (const char *p = line->str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize len = g_utf8_next_char (p) - p;

      /* Fold before a character that would pass 75 octets. */
      if (col + len > 75)
        {
          g_string_append (out, "\r\n ");
          col = 1;
        }
      g_string_append_len (out, p, len);
      col += len;
    }
  g_string_append (out, "\r\n");
}

static gboolean
partners_vcard_run (SteadWorkspace           *workspace,
                    GOutputStream            *stream,
                    const SteadExportOptions *options,
                    GCancellable             *cancellable,
                    GError                  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  SteadRows rows;

  /* A vCard is nothing but a person's contact details. */
  if (!options->include_personal)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           _("Contacts are personal data: export them as vCards only when you "
                              "choose to "
                              "include personal data (--include-personal)"));
      return FALSE;
    }

  stmt = stead_workspace_prepare (
    workspace,
    "SELECT c.id, c.name, c.role, c.phone, c.phone_24h, c.email, o.name "
    "FROM partners_contact c JOIN partners_organisation o ON o.id = c.organisation "
    "ORDER BY o.name, c.name",
    error);
  if (stmt == NULL)
    return FALSE;
  rows = (SteadRows) STEAD_ROWS_INIT (stmt, "partners_contact");
  while (stead_rows_next (&rows))
    {
      g_autofree char *uid = g_strdup_printf ("urn:stead:partners-contact:%lld",
                                              (long long) sqlite3_column_int64 (stmt, 0));

      g_string_append (out, "BEGIN:VCARD\r\nVERSION:4.0\r\n");
      partners_vcard_line (out, "FN", PARTNERS_VCARD_COL (stmt, 1));
      partners_vcard_line (out, "ORG", PARTNERS_VCARD_COL (stmt, 6));
      partners_vcard_line (out, "TITLE", PARTNERS_VCARD_COL (stmt, 2));
      partners_vcard_line (out, "TEL;VALUE=text;TYPE=work,voice", PARTNERS_VCARD_COL (stmt, 3));
      partners_vcard_line (out, "TEL;VALUE=text;TYPE=work,voice;PREF=1;X-STEAD-AVAILABILITY=24-7",
                           PARTNERS_VCARD_COL (stmt, 4));
      partners_vcard_line (out, "EMAIL;TYPE=work", PARTNERS_VCARD_COL (stmt, 5));
      partners_vcard_line (out, "UID", uid);
      g_string_append (out, "END:VCARD\r\n");
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  if (!stead_rows_end (&rows, error))
    return FALSE;
  return g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error);
}

const SteadExportFormat partners_vcard_export = {
  .id = "partners-vcard",
  .title = N_("Partner contacts (vCard 4.0)"),
  .extensions = STEAD_EXTENSIONS ("vcf"),
  .run = partners_vcard_run,
  .domain = GETTEXT_PACKAGE,
};
