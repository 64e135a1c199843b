/* stead-need-trends.h: the change in need over time (volume, pattern, type)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <gio/gio.h>

#include "stead-types.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

/* How long a bucket of the volume is, in the query's time zone. */
typedef enum
{
  STEAD_NEED_TRENDS_DAY,
  STEAD_NEED_TRENDS_WEEK,    /* Monday to Sunday */
  STEAD_NEED_TRENDS_MONTH,
} SteadNeedTrendsBucket;

/* Times are milliseconds since 1970-01-01T00:00:00Z; periods are
 * [start, end). The range is widened to whole buckets. */
typedef struct
{
  gint64                 from;           /* first instant of the range */
  gint64                 to;             /* its end (exclusive) */
  SteadNeedTrendsBucket  bucket;
  const char            *area_kind;      /* areas of "where": NULL for "ward" */
  const char            *time_zone;      /* of buckets and hours: NULL for Europe/London */
  gint64                 baseline_from;  /* both 0: no comparison */
  gint64                 baseline_to;
  gint64                 incident_from;
  gint64                 incident_to;
  gpointer               padding[4];
} SteadNeedTrendsQuery;

/* How long needs took from opened to met or closed (the need's closed
 * time, or its met time), of those met or closed now. */
typedef struct
{
  guint   count;          /* resolved needs */
  double  median_hours;   /* the middle one; the mean of the two middle ones for an even count */
  double  p90_hours;      /* the ⌈0.9 n⌉-th shortest (nearest rank) */
} SteadNeedTrendsResolution;

/* One bucket of the volume. */
typedef struct
{
  gint64  start;
  gint64  end;
  guint   opened;         /* needs opened in the bucket */
  guint   closed;         /* needs met, closed or cancelled in it */
  guint   backlog;        /* needs open at its end: opened before it, not closed before it */
} SteadNeedTrendsBucketRow;

/* One kind of need: type, and the comparison. */
typedef struct
{
  char                      *kind;              /* taxonomy code */
  char                      *label;             /* its label, or the code */
  guint                      count;             /* opened in the range */
  double                     share;             /* of all needs opened in the range, 0–1 */
  SteadNeedTrendsResolution  resolution;        /* of those opened in the range */
  guint                      baseline;          /* opened in the baseline period */
  guint                      incident;          /* opened in the incident period */
  double                     baseline_per_day;
  double                     incident_per_day;
  double                     baseline_share;    /* of the period's needs, 0–1 */
  double                     incident_share;
  double                     share_change;      /* incident_share − baseline_share */
} SteadNeedTrendsKind;

/* One area of the query's kind: where. */
typedef struct
{
  gint64   fid;
  char    *code;
  char    *name;
  guint    count;          /* needs opened in the range inside it */
  guint   *by_kind;        /* of those, per kind (result's kinds' order) */
  guint    baseline;
  guint    incident;
  double   baseline_per_day;
  double   incident_per_day;
} SteadNeedTrendsArea;

/* One target group (a "target-group" record, as the plugins'
 * need_groups_sql link their needs to it): who. */
typedef struct
{
  gint64   id;
  char    *name;
  guint    count;          /* needs opened in the range of the group */
  guint    baseline;
  guint    incident;
} SteadNeedTrendsGroup;

typedef struct
{
  SteadNeedTrendsBucket      bucket;
  gint64                     from;         /* the range, widened to whole buckets */
  gint64                     to;
  char                      *time_zone;
  char                      *area_kind;
  /* Volume */
  GArray                    *buckets;      /* of SteadNeedTrendsBucketRow, in order */
  guint                      total;        /* needs opened in the range */
  guint                      closed;       /* needs closed in the range */
  SteadNeedTrendsResolution  resolution;   /* of the needs opened in the range */
  /* Type (most needs first) */
  GArray                    *kinds;        /* of SteadNeedTrendsKind */
  /* Pattern */
  GArray                    *areas;        /* of SteadNeedTrendsArea, by fid */
  guint                      outside;      /* needs of the range in none of those areas */
  guint                      when[7][24];  /* opened in the range: [Monday = 0][local hour] */
  GArray                    *groups;       /* of SteadNeedTrendsGroup, most needs first */
  /* Compare (all 0 without a baseline and an incident period) */
  double                     baseline_days;
  double                     incident_days;
  guint                      baseline_total;
  guint                      incident_total;
  GPtrArray                 *differences;  /* char *: translated sentences, most notable first */
} SteadNeedTrends;

STEAD_AVAILABLE_IN_1_0
void             stead_need_trends_query_init     (SteadNeedTrendsQuery   *query,
                                                   gint64                  from,
                                                   gint64                  to,
                                                   SteadNeedTrendsBucket   bucket);
STEAD_AVAILABLE_IN_1_0
SteadNeedTrends *stead_need_trends_compute        (SteadWorkspace             *workspace,
                                                   const SteadNeedTrendsQuery *query,
                                                   GCancellable               *cancellable,
                                                   GError                    **error);
STEAD_AVAILABLE_IN_1_0
void             stead_need_trends_compute_async  (SteadWorkspace             *workspace,
                                                   const SteadNeedTrendsQuery *query,
                                                   GCancellable               *cancellable,
                                                   GAsyncReadyCallback         callback,
                                                   gpointer                    user_data);
STEAD_AVAILABLE_IN_1_0
SteadNeedTrends *stead_need_trends_compute_finish (SteadWorkspace             *workspace,
                                                   GAsyncResult               *result,
                                                   GError                    **error);
STEAD_AVAILABLE_IN_1_0
void             stead_need_trends_free           (SteadNeedTrends            *trends);
STEAD_AVAILABLE_IN_1_0
const SteadNeedTrendsKind *stead_need_trends_find_kind (const SteadNeedTrends *trends,
                                                        const char            *kind);
STEAD_AVAILABLE_IN_1_0
const SteadNeedTrendsArea *stead_need_trends_find_area (const SteadNeedTrends *trends,
                                                        gint64                 fid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SteadNeedTrends, stead_need_trends_free)

G_END_DECLS
