/* evaluation-needs.h: need over time for the evaluation's view and its
 * report: periods, the busiest week, and the charts of a SteadNeedTrends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead.h>

G_BEGIN_DECLS

/* The periods' days are UK days, as the need trends count them. */
#define EVALUATION_NEEDS_TIME_ZONE "Europe/London"

/* The local midnight starting the day of @ms, @days later (ms). */
gint64      evaluation_needs_day_start          (gint64                  ms,
                                                 int                     days);
/* The end of the periods (a UK midnight): the start of today, or of the
 * day after the last need opened or closed if that is earlier (a
 * workspace of past needs). Today, still under way, is left out. */
gint64      evaluation_needs_anchor             (SteadWorkspace         *workspace);
/* [from, to): the @months months up to @end (evaluation_needs_anchor()). */
void        evaluation_needs_last_months        (gint64                  end,
                                                 int                     months,
                                                 gint64                 *from,
                                                 gint64                 *to);
/* [from, to): the @months whole calendar months before the month of the
 * day @end starts. */
void        evaluation_needs_whole_months       (gint64                  end,
                                                 int                     months,
                                                 gint64                 *from,
                                                 gint64                 *to);
/* A week is compared once its needs have had the time to be resolved:
 * the weeks of today's caseload, still open, are not an incident yet. */
#define EVALUATION_NEEDS_SETTLE_DAYS 28

/* The end of the weeks [first, to) that may be an incident, @end being
 * evaluation_needs_anchor(). */
gint64      evaluation_needs_settled_limit      (gint64                  to,
                                                 gint64                  end);
/* The week of most needs opened (the first of equals) of weekly buckets,
 * of the whole weeks from @first that end by @limit. */
gboolean    evaluation_needs_peak_week          (const SteadNeedTrends  *weekly,
                                                 gint64                  first,
                                                 gint64                  limit,
                                                 gint64                 *from,
                                                 gint64                 *to);
/* The same weeks 52 weeks earlier (the same weekdays, a year before). */
void        evaluation_needs_year_before        (gint64                  from,
                                                 gint64                  to,
                                                 gint64                 *before_from,
                                                 gint64                 *before_to);
/* The comparison of the busiest week of [from, to) with the same week a
 * year before: into @query's baseline and incident; %FALSE if no need
 * was opened in the range. Runs the trends (weekly) once. */
gboolean    evaluation_needs_default_compare    (SteadWorkspace         *workspace,
                                                 SteadNeedTrendsQuery   *query,
                                                 GCancellable           *cancellable,
                                                 GError                **error);

/* "2026-07-20", and back: the local day's start (or, @end, the next day's). */
char       *evaluation_needs_format_iso         (gint64                  ms);
gboolean    evaluation_needs_parse_iso          (const char             *text,
                                                 gboolean                end,
                                                 gint64                 *ms);
/* "20 Jul 2026 – 26 Jul 2026" of [from, to). */
char       *evaluation_needs_format_period      (gint64                  from,
                                                 gint64                  to);
char       *evaluation_needs_format_hours       (double                  hours);
char       *evaluation_needs_bucket_label       (SteadNeedTrendsBucket   bucket,
                                                 gint64                  start);

/* Target groups with needs in the range. */
guint       evaluation_needs_n_groups           (const SteadNeedTrends  *trends);
gboolean    evaluation_needs_has_compare        (const SteadNeedTrends  *trends);
/* The charts (each with its numbers as its table). */
SteadChart *evaluation_needs_volume_chart       (const SteadNeedTrends  *trends);
SteadChart *evaluation_needs_resolution_chart   (const SteadNeedTrends  *trends);
SteadChart *evaluation_needs_areas_chart        (const SteadNeedTrends  *trends);
SteadChart *evaluation_needs_when_chart         (const SteadNeedTrends  *trends);
SteadChart *evaluation_needs_groups_chart       (const SteadNeedTrends  *trends);
SteadChart *evaluation_needs_kinds_chart        (const SteadNeedTrends  *trends);
SteadChart *evaluation_needs_compare_kinds_chart (const SteadNeedTrends *trends);
SteadChart *evaluation_needs_compare_areas_chart (const SteadNeedTrends *trends);
/* "1,234 needs opened, 1,100 closed; 134 open at the end." */
char       *evaluation_needs_summary            (const SteadNeedTrends  *trends);

G_END_DECLS
