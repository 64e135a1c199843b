/* evaluation-needs.c: need over time for the evaluation's view and its
 * report: periods, the busiest week, and the charts of a SteadNeedTrends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view and the report section show the same charts, made here from
 * the kit's trends; neither keeps numbers of its own.
 */

#define G_LOG_DOMAIN "evaluation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "evaluation-needs.h"

#define MS_PER_SECOND 1000
/* Areas in a chart: the rest are in the map's shading and the CLI. */
#define MAX_AREAS 25

static GDateTime *
evaluation_needs_local (gint64 ms)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (EVALUATION_NEEDS_TIME_ZONE);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / MS_PER_SECOND);

  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  return g_date_time_to_timezone (utc, zone);
}

static gint64
evaluation_needs_ms (GDateTime *time)
{
  return g_date_time_to_unix (time) * MS_PER_SECOND;
}

/* The local midnight of @year-@month-@day (the day may overflow the month). */
static gint64
evaluation_needs_midnight (int year,
                           int month,
                           int day)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (EVALUATION_NEEDS_TIME_ZONE);
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) time = NULL;

  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  while (month < 1)
    {
      month += 12;
      year--;
    }
  while (month > 12)
    {
      month -= 12;
      year++;
    }
  first = g_date_time_new (zone, year, month, 1, 0, 0, 0);
  time = g_date_time_add_days (first, day - 1);
  return evaluation_needs_ms (time);
}

gint64
evaluation_needs_day_start (gint64 ms,
                            int    days)
{
  g_autoptr(GDateTime) time = evaluation_needs_local (ms);
  int year, month, day;

  g_date_time_get_ymd (time, &year, &month, &day);
  return evaluation_needs_midnight (year, month, day + days);
}

void
evaluation_needs_last_months (gint64  end,
                              int     months,
                              gint64 *from,
                              gint64 *to)
{
  g_autoptr(GDateTime) time = evaluation_needs_local (end);
  int year, month, day;

  /* 1 Dec 2025 to 30 Nov 2026, for an end on 1 Dec 2026. */
  g_date_time_get_ymd (time, &year, &month, &day);
  *to = evaluation_needs_midnight (year, month, day);
  *from = evaluation_needs_midnight (year, month - months, MIN (day, 28));
}

void
evaluation_needs_whole_months (gint64  end,
                               int     months,
                               gint64 *from,
                               gint64 *to)
{
  g_autoptr(GDateTime) time = evaluation_needs_local (end);
  int year, month, day;

  g_date_time_get_ymd (time, &year, &month, &day);
  *to = evaluation_needs_midnight (year, month, 1);
  *from = evaluation_needs_midnight (year, month - months, 1);
}

gint64
evaluation_needs_anchor (SteadWorkspace *workspace)
{
  gint64 end = evaluation_needs_day_start (g_get_real_time () / 1000, 0);
  gint32 first, last;

  /* A workspace whose needs end before today: the periods up to its last
   * day; today, still under way, is left out. */
  if (stead_point_source_get_day_span (workspace, &first, &last))
    end = MIN (end, evaluation_needs_day_start (((gint64) last + 1) * 86400 * MS_PER_SECOND, 0));
  return end;
}

gboolean
evaluation_needs_peak_week (const SteadNeedTrends *weekly,
                            gint64                 first,
                            gint64                 limit,
                            gint64                *from,
                            gint64                *to)
{
  const SteadNeedTrendsBucketRow *peak = NULL;

  g_return_val_if_fail (weekly->bucket == STEAD_NEED_TRENDS_WEEK, FALSE);

  for (guint i = 0; i < weekly->buckets->len; i++)
    {
      const SteadNeedTrendsBucketRow *row =
        &g_array_index (weekly->buckets, SteadNeedTrendsBucketRow, i);

      /* Whole weeks of the period, settled by @limit. */
      if (row->start < first || row->end > limit)
        continue;
      if (row->opened > 0 && (peak == NULL || row->opened > peak->opened))
        peak = row;
    }
  if (peak == NULL)
    return FALSE;
  *from = peak->start;
  *to = peak->end;
  return TRUE;
}

gint64
evaluation_needs_settled_limit (gint64 to,
                                gint64 end)
{
  return MIN (to, evaluation_needs_day_start (end, -EVALUATION_NEEDS_SETTLE_DAYS));
}

void
evaluation_needs_year_before (gint64  from,
                              gint64  to,
                              gint64 *before_from,
                              gint64 *before_to)
{
  g_autoptr(GDateTime) start = evaluation_needs_local (from);
  g_autoptr(GDateTime) end = evaluation_needs_local (to);
  g_autoptr(GDateTime) start_before = g_date_time_add_weeks (start, -52);
  g_autoptr(GDateTime) end_before = g_date_time_add_weeks (end, -52);

  *before_from = evaluation_needs_ms (start_before);
  *before_to = evaluation_needs_ms (end_before);
}

gboolean
evaluation_needs_default_compare (SteadWorkspace        *workspace,
                                  SteadNeedTrendsQuery  *query,
                                  GCancellable          *cancellable,
                                  GError               **error)
{
  g_autoptr(SteadNeedTrends) weekly = NULL;
  SteadNeedTrendsQuery weeks;

  stead_need_trends_query_init (&weeks, query->from, query->to, STEAD_NEED_TRENDS_WEEK);
  weeks.area_kind = query->area_kind;
  weeks.time_zone = query->time_zone;
  weekly = stead_need_trends_compute (workspace, &weeks, cancellable, error);
  if (weekly == NULL)
    return FALSE;
  if (!evaluation_needs_peak_week (weekly, query->from,
                                   evaluation_needs_settled_limit (query->to,
                                                                   evaluation_needs_anchor (
                                                                     workspace)),
                                   &query->incident_from, &query->incident_to))
    {
      query->baseline_from = query->baseline_to = 0;
      query->incident_from = query->incident_to = 0;
      return FALSE;
    }
  evaluation_needs_year_before (query->incident_from, query->incident_to,
                                &query->baseline_from, &query->baseline_to);
  return TRUE;
}

char *
evaluation_needs_format_iso (gint64 ms)
{
  g_autoptr(GDateTime) time = evaluation_needs_local (ms);

  return g_date_time_format (time, "%Y-%m-%d");
}

gboolean
evaluation_needs_parse_iso (const char *text,
                            gboolean    end,
                            gint64     *ms)
{
  int year, month, day;
  char extra;

  if (text == NULL ||
      sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &extra) != 3 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  *ms = evaluation_needs_midnight (year, month, day + (end ? 1 : 0));
  return TRUE;
}

static char *
evaluation_needs_format_day (gint64 ms)
{
  g_autoptr(GDateTime) time = evaluation_needs_local (ms);

  /* Translators: a day of the need trends, strftime format */
  return g_date_time_format (time, _("%-d %b %Y"));
}

char *
evaluation_needs_format_period (gint64 from,
                                gint64 to)
{
  g_autofree char *first = evaluation_needs_format_day (from);
  g_autofree char *last = evaluation_needs_format_day (evaluation_needs_day_start (to, -1));

  if (g_str_equal (first, last))
    return g_steal_pointer (&first);
  /* Translators: a period, its first and last days */
  return g_strdup_printf (_("%s – %s"), first, last);
}

char *
evaluation_needs_format_hours (double hours)
{
  if (isnan (hours))
    return g_strdup (_("none resolved"));
  if (hours < 48)
    return g_strdup_printf (_("%.1f hours"), hours);
  return g_strdup_printf (_("%.1f days"), hours / 24);
}

char *
evaluation_needs_bucket_label (SteadNeedTrendsBucket bucket,
                               gint64                start)
{
  g_autoptr(GDateTime) time = evaluation_needs_local (start);

  switch (bucket)
    {
    case STEAD_NEED_TRENDS_DAY:
      /* Translators: a day's bucket of the need trends, strftime format */
      return g_date_time_format (time, _("%-d %b %Y"));
    case STEAD_NEED_TRENDS_WEEK:
      /* Translators: a week's bucket ("week commencing"), strftime format */
      return g_date_time_format (time, _("w/c %-d %b %Y"));
    case STEAD_NEED_TRENDS_MONTH:
    default:
      /* Translators: a month's bucket of the need trends, strftime format */
      return g_date_time_format (time, _("%b %Y"));
    }
}

gboolean
evaluation_needs_has_compare (const SteadNeedTrends *trends)
{
  return trends->baseline_days > 0 && trends->incident_days > 0;
}

SteadChart *
evaluation_needs_volume_chart (const SteadNeedTrends *t)
{
  SteadChart *chart = stead_chart_new (STEAD_CHART_LINE, _("Needs opened and closed"));
  guint n = t->buckets->len;
  g_autofree double *opened = g_new (double, MAX (n, 1));
  g_autofree double *closed = g_new (double, MAX (n, 1));
  g_autofree double *backlog = g_new (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      const SteadNeedTrendsBucketRow *row =
        &g_array_index (t->buckets, SteadNeedTrendsBucketRow, i);
      g_autofree char *label = evaluation_needs_bucket_label (t->bucket, row->start);

      stead_chart_add_category (chart, label);
      opened[i] = row->opened;
      closed[i] = row->closed;
      backlog[i] = row->backlog;
    }
  stead_chart_add_series (chart, _("Opened"), opened, n);
  stead_chart_add_series (chart, _("Closed"), closed, n);
  stead_chart_add_series (chart, _("Backlog"), backlog, n);
  stead_chart_set_axis_titles (chart,
                               t->bucket == STEAD_NEED_TRENDS_DAY    ? _("Day")
                               : t->bucket == STEAD_NEED_TRENDS_WEEK ? _("Week")
                                                                     : _("Month"),
                               _("Needs"));
  return chart;
}

SteadChart *
evaluation_needs_resolution_chart (const SteadNeedTrends *t)
{
  SteadChart *chart = stead_chart_new (STEAD_CHART_BAR, _("Time to resolution"));
  guint n = t->kinds->len + 1;
  g_autofree double *median = g_new (double, n);
  g_autofree double *p90 = g_new (double, n);

  stead_chart_add_category (chart, _("All needs"));
  median[0] = t->resolution.count > 0 ? t->resolution.median_hours : NAN;
  p90[0] = t->resolution.count > 0 ? t->resolution.p90_hours : NAN;
  for (guint i = 0; i < t->kinds->len; i++)
    {
      const SteadNeedTrendsKind *kind = &g_array_index (t->kinds, SteadNeedTrendsKind, i);

      stead_chart_add_category (chart, kind->label);
      median[i + 1] = kind->resolution.count > 0 ? kind->resolution.median_hours : NAN;
      p90[i + 1] = kind->resolution.count > 0 ? kind->resolution.p90_hours : NAN;
    }
  stead_chart_add_series (chart, _("Median"), median, n);
  stead_chart_add_series (chart, _("90th percentile"), p90, n);
  stead_chart_set_value_format (chart, 1, _(" h"));
  stead_chart_set_axis_titles (chart, _("Kind of need"), _("Hours"));
  return chart;
}

static int
evaluation_needs_compare_areas (gconstpointer a,
                                gconstpointer b)
{
  const SteadNeedTrendsArea *x = *(const SteadNeedTrendsArea * const *) a;
  const SteadNeedTrendsArea *y = *(const SteadNeedTrendsArea * const *) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_utf8_collate (x->name != NULL ? x->name : "", y->name != NULL ? y->name : "");
}

static int
evaluation_needs_compare_rise (gconstpointer a,
                               gconstpointer b)
{
  const SteadNeedTrendsArea *x = *(const SteadNeedTrendsArea * const *) a;
  const SteadNeedTrendsArea *y = *(const SteadNeedTrendsArea * const *) b;

  if (x->incident != y->incident)
    return x->incident > y->incident ? -1 : 1;
  return g_utf8_collate (x->name != NULL ? x->name : "", y->name != NULL ? y->name : "");
}

/* The areas with needs (of the range, or @periods: of the baseline or
 * the incident), in @compare's order, at most MAX_AREAS. */
static GPtrArray *
evaluation_needs_sorted_areas (const SteadNeedTrends *t,
                               gboolean               periods,
                               GCompareFunc           compare)
{
  GPtrArray *areas = g_ptr_array_new ();

  for (guint i = 0; i < t->areas->len; i++)
    {
      SteadNeedTrendsArea *area = &g_array_index (t->areas, SteadNeedTrendsArea, i);

      if (periods ? area->incident > 0 || area->baseline > 0 : area->count > 0)
        g_ptr_array_add (areas, area);
    }
  g_ptr_array_sort (areas, compare);
  if (areas->len > MAX_AREAS)
    g_ptr_array_set_size (areas, MAX_AREAS);
  return areas;
}

SteadChart *
evaluation_needs_areas_chart (const SteadNeedTrends *t)
{
  SteadChart *chart = stead_chart_new (STEAD_CHART_BAR, _("Needs per area"));
  g_autoptr(GPtrArray) areas = NULL;
  g_autofree double *values = NULL;
  g_autofree double *shares = NULL;

  areas = evaluation_needs_sorted_areas (t, FALSE, evaluation_needs_compare_areas);
  values = g_new (double, areas->len + 1);
  shares = g_new (double, areas->len + 1);

  for (guint i = 0; i < areas->len; i++)
    {
      const SteadNeedTrendsArea *area = g_ptr_array_index (areas, i);

      stead_chart_add_category (chart, area->name != NULL ? area->name : area->code);
      values[i] = area->count;
      shares[i] = t->total > 0 ? 100.0 * area->count / t->total : 0;
    }
  stead_chart_add_series (chart, _("Needs opened"), values, areas->len);
  for (guint i = 0; i < areas->len; i++)
    {
      g_autofree char *share = g_strdup_printf (_("%.1f%%"), shares[i]);

      stead_chart_set_value_label (chart, 0, i, share);
    }
  stead_chart_set_axis_titles (chart, _("Area"), _("Needs"));
  return chart;
}

SteadChart *
evaluation_needs_when_chart (const SteadNeedTrends *t)
{
  static const char *days[] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
    N_("Friday"), N_("Saturday"), N_("Sunday"),
  };
  SteadChart *chart = stead_chart_new (STEAD_CHART_HEAT_GRID,
                                       _("Needs opened by hour of day and day of the week"));

  for (guint h = 0; h < 24; h++)
    {
      g_autofree char *hour = g_strdup_printf ("%02u", h);

      stead_chart_add_category (chart, hour);
    }
  for (guint d = 0; d < 7; d++)
    {
      double values[24];

      for (guint h = 0; h < 24; h++)
        values[h] = t->when[d][h];
      stead_chart_add_series (chart, _(days[d]), values, 24);
    }
  stead_chart_set_axis_titles (chart, _("Hour of day"), _("Day of the week"));
  return chart;
}

guint
evaluation_needs_n_groups (const SteadNeedTrends *t)
{
  guint n = 0;

  for (guint i = 0; i < t->groups->len; i++)
    n += g_array_index (t->groups, SteadNeedTrendsGroup, i).count > 0;
  return n;
}

SteadChart *
evaluation_needs_groups_chart (const SteadNeedTrends *t)
{
  SteadChart *chart = stead_chart_new (STEAD_CHART_BAR, _("Needs per target group"));
  g_autofree double *values = g_new (double, t->groups->len + 1);

  for (guint i = 0; i < t->groups->len; i++)
    {
      const SteadNeedTrendsGroup *group = &g_array_index (t->groups, SteadNeedTrendsGroup, i);

      if (group->count == 0)
        continue;
      values[stead_chart_add_category (chart, group->name)] = group->count;
    }
  stead_chart_add_series (chart, _("Needs opened"), values, stead_chart_get_n_categories (chart));
  stead_chart_set_axis_titles (chart, _("Target group"), _("Needs"));
  return chart;
}

SteadChart *
evaluation_needs_kinds_chart (const SteadNeedTrends *t)
{
  SteadChart *chart = stead_chart_new (STEAD_CHART_BAR, _("Share of needs by kind"));
  gboolean compare = evaluation_needs_has_compare (t);
  guint n = t->kinds->len;
  g_autofree double *share = g_new (double, n + 1);
  g_autofree double *baseline = g_new (double, n + 1);
  g_autofree double *incident = g_new (double, n + 1);

  for (guint i = 0; i < n; i++)
    {
      const SteadNeedTrendsKind *kind = &g_array_index (t->kinds, SteadNeedTrendsKind, i);

      stead_chart_add_category (chart, kind->label);
      share[i] = kind->share * 100;
      baseline[i] = kind->baseline_share * 100;
      incident[i] = kind->incident_share * 100;
    }
  stead_chart_add_series (chart, _("Period"), share, n);
  if (compare)
    {
      stead_chart_add_series (chart, _("Baseline"), baseline, n);
      stead_chart_add_series (chart, _("Incident"), incident, n);
      for (guint i = 0; i < n; i++)
        {
          const SteadNeedTrendsKind *kind = &g_array_index (t->kinds, SteadNeedTrendsKind, i);
          long points = lround (kind->share_change * 1000);
          g_autofree char *change = NULL;

          /* Translators: the change in a kind's share, in tenths of a percentage point */
          change = points == 0 ? g_strdup (_("no change"))
                               : g_strdup_printf (_("%+.1f points"), points / 10.0);
          stead_chart_set_value_label (chart, 2, i, change);
        }
    }
  for (guint i = 0; i < n; i++)
    {
      const SteadNeedTrendsKind *kind = &g_array_index (t->kinds, SteadNeedTrendsKind, i);
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u need",
                                                             "%u needs", kind->count),
                                                kind->count);

      stead_chart_set_value_label (chart, 0, i, count);
    }
  stead_chart_set_value_format (chart, 1, "%");
  stead_chart_set_axis_titles (chart, _("Kind of need"), _("Share of needs"));
  return chart;
}

/* A bar chart of @names' rates a day in the baseline and the incident,
 * each with its count as the value's label. */
static SteadChart *
evaluation_needs_compare_chart (const char          *title,
                                const char          *axis,
                                const char * const  *names,
                                const guint         *baseline,
                                const guint         *incident,
                                guint                n,
                                const SteadNeedTrends *t)
{
  SteadChart *chart = stead_chart_new (STEAD_CHART_BAR, title);
  g_autofree double *before = g_new (double, n + 1);
  g_autofree double *during = g_new (double, n + 1);

  for (guint i = 0; i < n; i++)
    {
      stead_chart_add_category (chart, names[i]);
      before[i] = t->baseline_days > 0 ? baseline[i] / t->baseline_days : NAN;
      during[i] = t->incident_days > 0 ? incident[i] / t->incident_days : NAN;
    }
  stead_chart_add_series (chart, _("Baseline"), before, n);
  stead_chart_add_series (chart, _("Incident"), during, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *b = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u need",
                                                         "%u needs", baseline[i]),
                                            baseline[i]);
      g_autofree char *d = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u need",
                                                         "%u needs", incident[i]),
                                            incident[i]);

      stead_chart_set_value_label (chart, 0, i, b);
      stead_chart_set_value_label (chart, 1, i, d);
    }
  stead_chart_set_value_format (chart, 1, NULL);
  stead_chart_set_axis_titles (chart, axis, _("Needs opened a day"));
  return chart;
}

SteadChart *
evaluation_needs_compare_kinds_chart (const SteadNeedTrends *t)
{
  guint n = t->kinds->len;
  g_autofree const char **names = g_new0 (const char *, n + 1);
  g_autofree guint *baseline = g_new (guint, n + 1);
  g_autofree guint *incident = g_new (guint, n + 1);

  for (guint i = 0; i < n; i++)
    {
      const SteadNeedTrendsKind *kind = &g_array_index (t->kinds, SteadNeedTrendsKind, i);

      names[i] = kind->label;
      baseline[i] = kind->baseline;
      incident[i] = kind->incident;
    }
  return evaluation_needs_compare_chart (_("Needs a day by kind: baseline and incident"),
                                         _("Kind of need"), names, baseline, incident, n, t);
}

SteadChart *
evaluation_needs_compare_areas_chart (const SteadNeedTrends *t)
{
  g_autoptr(GPtrArray) areas = evaluation_needs_sorted_areas (t, TRUE,
                                                                     evaluation_needs_compare_rise);
  guint n = areas->len;
  g_autofree const char **names = g_new0 (const char *, n + 1);
  g_autofree guint *baseline = g_new (guint, n + 1);
  g_autofree guint *incident = g_new (guint, n + 1);

  for (guint i = 0; i < n; i++)
    {
      const SteadNeedTrendsArea *area = g_ptr_array_index (areas, i);

      names[i] = area->name != NULL ? area->name : area->code;
      baseline[i] = area->baseline;
      incident[i] = area->incident;
    }
  return evaluation_needs_compare_chart (_("Needs a day by area: baseline and incident"),
                                         _("Area"), names, baseline, incident, n, t);
}

char *
evaluation_needs_summary (const SteadNeedTrends *t)
{
  guint backlog = 0;
  g_autofree char *opened = NULL;
  g_autofree char *open = NULL;

  if (t->buckets->len > 0)
    backlog = g_array_index (t->buckets, SteadNeedTrendsBucketRow, t->buckets->len - 1).backlog;
  opened = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u need opened, %u closed",
                                         "%u needs opened, %u closed", t->total),
                            t->total, t->closed);
  open = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open at the end",
                                       "%u open at the end", backlog),
                          backlog);
  /* Translators: the needs opened and closed in a period; those still open */
  return g_strdup_printf (_("%s; %s."), opened, open);
}
