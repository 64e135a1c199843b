/* partners-report.c: the partners' report section: partners by tier, agreements needing attention
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "partners"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "partners.h"
#include "partners-private.h"

/* How many partners each tier holds, in the tiers' order. */
static gboolean
partners_report_tiers (SteadReport     *report,
                       SteadWorkspace  *workspace,
                       GError         **error)
{
  const SteadField *tier = stead_field_find (partners_organisation_fields,
                                             partners_n_organisation_fields, "tier");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *intro = NULL;
  gint64 total = stead_workspace_count_rows (workspace, "partners_organisation");

  g_assert (tier != NULL && tier->choices != NULL);
  stmt = stead_workspace_prepare (workspace,
                                  "SELECT count (*) FROM partners_organisation WHERE tier = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  intro = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "The directory holds %d partner organisation. "
                                        "Instrumental partners are those the response depends "
                                        "on; contributing and occasional ones are called on as "
                                        "needed.",
                                        "The directory holds %d partner organisations. "
                                        "Instrumental partners are those the response depends "
                                        "on; contributing and occasional ones are called on as "
                                        "needed.", (int) total),
                           (int) total);
  stead_report_paragraph (report, intro);
  for (guint i = 0; tier->choices[i].code != NULL; i++)
    {
      SteadRows rows = STEAD_ROWS_INIT (stmt, "partners_organisation");
      g_autofree char *count = NULL;
      int n = 0;

      stead_statement_bind (stmt, STEAD_ARGS (STEAD_TEXT (tier->choices[i].code)));
      if (stead_rows_next (&rows))
        n = sqlite3_column_int (stmt, 0);
      else if (!stead_rows_end (&rows, error))
        return FALSE;
      sqlite3_reset (stmt);
      count = g_strdup_printf ("%d", n);
      stead_report_key_value (report, g_dgettext (GETTEXT_PACKAGE, tier->choices[i].label), count);
    }
  return TRUE;
}

/* An agreement that needs attention, as its row of the table. */
typedef struct
{
  PartnersFlag  flag;
  char         *cells[6];
} PartnersReportRow;

static void
partners_report_row_free (PartnersReportRow *row)
{
  for (guint i = 0; i < G_N_ELEMENTS (row->cells); i++)
    g_free (row->cells[i]);
  g_free (row);
}

/* The most urgent first; then by review date. */
static int
partners_report_row_compare (gconstpointer a,
                             gconstpointer b)
{
  const PartnersReportRow *x = *(const PartnersReportRow * const *) a;
  const PartnersReportRow *y = *(const PartnersReportRow * const *) b;

  if (x->flag != y->flag)
    return x->flag > y->flag ? -1 : 1;
  return g_strcmp0 (x->cells[3], y->cells[3]);
}

static GPtrArray *
partners_report_flagged (SteadWorkspace  *workspace,
                         GCancellable    *cancellable,
                         GError         **error)
{
  const SteadField *kind = stead_field_find (partners_agreement_fields, partners_n_agreement_fields,
                                             "kind");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GDate today;
  SteadRows read;

  stmt = stead_workspace_prepare (workspace,
                                  "SELECT a.title, a.kind, (SELECT group_concat (o.name, ', ') "
                                  "  FROM partners_agreement_party p "
                                  "  JOIN partners_organisation o ON o.id = p.organisation "
                                  "  WHERE p.agreement = a.id), a.review, a.expiry, a.status "
                                  "FROM partners_agreement a ORDER BY a.title", error);
  if (stmt == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) partners_report_row_free);
  partners_today (&today);
  read = (SteadRows) STEAD_ROWS_INIT (stmt, "partners_agreement");
  while (stead_rows_next (&read))
    {
      const char *review = (const char *) sqlite3_column_text (stmt, 3);
      const char *expiry = (const char *) sqlite3_column_text (stmt, 4);
      const char *status = (const char *) sqlite3_column_text (stmt, 5);
      PartnersFlag flag = partners_agreement_flag (review, expiry, status, &today);
      PartnersReportRow *row;
      const char *kind_label;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (flag == PARTNERS_FLAG_NONE)
        continue;
      kind_label = stead_choice_get_label (kind != NULL ? kind->choices : NULL,
                                           (const char *) sqlite3_column_text (stmt, 1));
      row = g_new0 (PartnersReportRow, 1);
      row->flag = flag;
      row->cells[0] = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (kind_label == NULL)
        kind_label = (const char *) sqlite3_column_text (stmt, 1);
      row->cells[1] = g_strdup (kind_label);
      row->cells[2] = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->cells[3] = g_strdup (review != NULL ? review : "—");
      row->cells[4] = g_strdup (expiry != NULL ? expiry : "—");
      row->cells[5] = g_strdup (partners_flag_label (flag));
      g_ptr_array_add (rows, row);
    }
  if (!stead_rows_end (&read, error))
    return NULL;
  g_ptr_array_sort (rows, partners_report_row_compare);
  return g_steal_pointer (&rows);
}

static gboolean
partners_report_agreements (SteadReport     *report,
                            SteadWorkspace  *workspace,
                            GCancellable    *cancellable,
                            GError         **error)
{
  const SteadReportColumn columns[] = {
    { _("Agreement"), 3 }, { _("Kind"), 2 }, { _("Parties"), 3 },
    { _("Review"), 1.8 }, { _("Expiry"), 1.8 }, { _("Attention"), 1.9 },
  };
  g_autoptr(GPtrArray) rows = partners_report_flagged (workspace, cancellable, error);
  g_autofree char *notice = NULL;

  if (rows == NULL)
    return FALSE;
  stead_report_heading (report, 1, _("Agreements needing attention"));
  if (rows->len == 0)
    {
      stead_report_paragraph (report, _("No agreement is due for review, overdue or expired."));
      return TRUE;
    }
  notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Agreements whose review is due within %d day, whose "
                                         "review date has passed, or that have expired; ended "
                                         "agreements are left out.",
                                         "Agreements whose review is due within %d days, whose "
                                         "review date has passed, or that have expired; ended "
                                         "agreements are left out.", PARTNERS_REVIEW_NOTICE_DAYS),
                            PARTNERS_REVIEW_NOTICE_DAYS);
  stead_report_paragraph (report, notice);
  stead_report_table_begin (report, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < rows->len; i++)
    {
      PartnersReportRow *row = g_ptr_array_index (rows, i);

      stead_report_table_row (report, (const char * const *) row->cells);
    }
  stead_report_table_end (report);
  return TRUE;
}

static gboolean
partners_report_draw (SteadReport         *report,
                      SteadWorkspace      *workspace,
                      GCancellable        *cancellable,
                      GError             **error)
{
  return partners_report_tiers (report, workspace, error) &&
         partners_report_agreements (report, workspace, cancellable, error);
}

const SteadReportSectionInfo partners_report_section = {
  .title = N_("Partners and agreements"),
  .owner = PARTNERS_OWNER,
  .draw = partners_report_draw,
  .domain = GETTEXT_PACKAGE,
};
