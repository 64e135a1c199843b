/* evaluation-needs-report.c: need over time in the report: the last
 * twelve months by month, resolution, kinds, when, where, who, and the
 * busiest week against the same week a year before
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "evaluation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "evaluation-needs.h"
#include "evaluation-private.h"

#define REPORT_MONTHS 12

static void
evaluation_needs_report_chart (SteadReport *report,
                               SteadChart  *chart)
{
  g_autoptr(SteadChart) owned = chart;

  stead_report_chart (report, owned);
}

static void
evaluation_needs_report_compare (SteadReport           *report,
                                 const SteadNeedTrends *t,
                                 const SteadNeedTrendsQuery *query)
{
  g_autofree char *incident = evaluation_needs_format_period (query->incident_from,
                                                              query->incident_to);
  g_autofree char *baseline = evaluation_needs_format_period (query->baseline_from,
                                                              query->baseline_to);
  g_autofree char *intro = NULL;

  stead_report_heading (report, 1, _("The busiest week against the same week a year before"));
  intro = g_strdup_printf (_("The busiest week of the period, %s, had %u needs; the same week a "
                             "year before, %s, had %u."),
                           incident, t->incident_total, baseline, t->baseline_total);
  stead_report_paragraph (report, intro);
  stead_report_key_value (report, _("Incident week"), incident);
  stead_report_key_value (report, _("Baseline week"), baseline);
  stead_report_heading (report, 2, _("The differences"));
  for (guint i = 0; i < t->differences->len; i++)
    {
      /* Translators: one of a list of the differences */
      g_autofree char *item = g_strdup_printf (_("• %s"),
                                               (const char *) g_ptr_array_index (t->differences,
                                                                                 i));

      stead_report_paragraph (report, item);
    }
  evaluation_needs_report_chart (report, evaluation_needs_compare_kinds_chart (t));
  evaluation_needs_report_chart (report, evaluation_needs_compare_areas_chart (t));
}

static gboolean
evaluation_needs_report_draw (SteadReport     *report,
                              SteadWorkspace  *workspace,
                              GCancellable    *cancellable,
                              GError         **error)
{
  g_autoptr(SteadNeedTrends) t = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *period = NULL;
  g_autofree char *intro = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *median = NULL;
  g_autofree char *p90 = NULL;
  SteadNeedTrendsQuery query;
  gint64 from, to;
  gboolean compare;

  evaluation_needs_whole_months (evaluation_needs_anchor (workspace), REPORT_MONTHS, &from, &to);
  stead_need_trends_query_init (&query, from, to, STEAD_NEED_TRENDS_MONTH);
  compare = evaluation_needs_default_compare (workspace, &query, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  t = stead_need_trends_compute (workspace, &query, cancellable, error);
  if (t == NULL)
    return FALSE;

  period = evaluation_needs_format_period (t->from, t->to);
  if (t->total == 0)
    {
      intro = g_strdup_printf (_("No need was opened from %s."), period);
      stead_report_paragraph (report, intro);
      return TRUE;
    }
  summary = evaluation_needs_summary (t);
  /* Translators: the period of the need trends, then what they counted */
  intro = g_strdup_printf (_("The twelve months %s: %s"), period, summary);
  stead_report_paragraph (report, intro);

  stead_report_heading (report, 1, _("Volume"));
  evaluation_needs_report_chart (report, evaluation_needs_volume_chart (t));

  stead_report_heading (report, 1, _("Time to resolution"));
  median = evaluation_needs_format_hours (t->resolution.count > 0 ? t->resolution.median_hours
                                                                  : NAN);
  p90 = evaluation_needs_format_hours (t->resolution.count > 0 ? t->resolution.p90_hours : NAN);
  stead_report_key_value (report, _("Median"), median);
  stead_report_key_value (report, _("90th percentile"), p90);
  evaluation_needs_report_chart (report, evaluation_needs_resolution_chart (t));

  stead_report_heading (report, 1, _("Kinds of need"));
  evaluation_needs_report_chart (report, evaluation_needs_kinds_chart (t));

  stead_report_heading (report, 1, _("When needs are opened"));
  evaluation_needs_report_chart (report, evaluation_needs_when_chart (t));

  stead_report_heading (report, 1, _("Where"));
  evaluation_needs_report_chart (report, evaluation_needs_areas_chart (t));

  stead_report_heading (report, 1, _("Who"));
  if (evaluation_needs_n_groups (t) > 0)
    evaluation_needs_report_chart (report, evaluation_needs_groups_chart (t));
  else
    stead_report_paragraph (report, _("No need of the period is linked to a target group."));

  if (compare)
    evaluation_needs_report_compare (report, t, &query);
  return TRUE;
}

const SteadReportSectionInfo evaluation_needs_report_section = {
  .title = N_("Need over time"),
  .owner = EVALUATION_OWNER,
  .draw = evaluation_needs_report_draw,
  .domain = GETTEXT_PACKAGE,
};
