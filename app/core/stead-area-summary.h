/* stead-area-summary.h: what needs and resources lie inside an area
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

/* One kind of need or resource inside the area. */
typedef struct
{
  char   *kind;
  guint   needs;        /* open or assigned needs of this kind */
  gint64  people;       /* people those needs affect */
  guint   resources;    /* resources of this kind */
  gint64  capacity;     /* their capacity, if available or limited */
  char   *unit;         /* what that capacity counts (the kind's unit), or NULL */
} SteadAreaSummaryRow;

/* The capacity of one unit: capacities in different units never add up. */
typedef struct
{
  char   *unit;         /* "places", "sandbags", …; NULL for kinds without one */
  guint   resources;    /* resources counted in it */
  gint64  capacity;     /* their capacity, if available or limited */
} SteadAreaCapacity;

/* A need's status, as the need table's status column spells it. */
typedef enum
{
  STEAD_NEED_STATUS_OPEN,
  STEAD_NEED_STATUS_ASSIGNED,   /* in progress */
  STEAD_NEED_STATUS_MET,
  STEAD_NEED_STATUS_CLOSED,
  STEAD_NEED_STATUS_CANCELLED,
  STEAD_NEED_N_STATUSES
} SteadNeedStatus;

typedef struct
{
  GArray *rows;         /* of SteadAreaSummaryRow, by kind */
  GArray *need_fids;    /* gint64: the open or assigned needs inside */
  GArray *resource_fids;/* gint64: the resources inside */
  GArray *capacities;   /* of SteadAreaCapacity, by unit */
  guint   needs_by_status[STEAD_NEED_N_STATUSES];  /* every need inside */
} SteadAreaSummary;

STEAD_AVAILABLE_IN_1_0
const char       *stead_need_status_to_string     (SteadNeedStatus  status);

STEAD_AVAILABLE_IN_1_0
SteadAreaSummary *stead_area_summary_new          (SteadWorkspace  *workspace,
                                                   SteadGeometry   *area,
                                                   GError         **error);
STEAD_AVAILABLE_IN_1_0
SteadAreaSummary *stead_area_summary_new_for_area (SteadWorkspace  *workspace,
                                                   gint64           area_fid,
                                                   GError         **error);
STEAD_AVAILABLE_IN_1_0
SteadAreaSummary *stead_area_summary_new_in_days  (SteadWorkspace  *workspace,
                                                   SteadGeometry   *area,
                                                   const gint32    *days,
                                                   GError         **error);
STEAD_AVAILABLE_IN_1_0
SteadAreaSummary *stead_area_summary_new_for_area_in_days (SteadWorkspace *workspace,
                                                           gint64          area_fid,
                                                           const gint32   *days,
                                                           GError        **error);
STEAD_AVAILABLE_IN_1_0
void              stead_area_summary_free         (SteadAreaSummary *summary);
STEAD_AVAILABLE_IN_1_0
GArray           *stead_area_summary_areas_at     (SteadWorkspace   *workspace,
                                                   double            lon,
                                                   double            lat,
                                                   GError          **error);

/* What a choropleth of the areas shows. */
typedef enum
{
  STEAD_AREA_MEASURE_NONE = -1,  /* not shaded */
  STEAD_AREA_MEASURE_NEEDS,      /* open or assigned needs */
  STEAD_AREA_MEASURE_PEOPLE,     /* people those needs affect */
  STEAD_AREA_MEASURE_RESOURCES,  /* resources */
  STEAD_AREA_MEASURE_CAPACITY,   /* places (the unit below) of those available or limited */
} SteadAreaMeasure;

/* The one unit STEAD_AREA_MEASURE_CAPACITY sums: never several. */
#define STEAD_AREA_MEASURE_CAPACITY_UNIT "places"

STEAD_AVAILABLE_IN_1_0
gboolean          stead_area_measure_compute      (const char       *path,
                                                   SteadAreaMeasure  measure,
                                                   GArray           *out_fids,
                                                   GArray           *out_values,
                                                   GCancellable     *cancellable,
                                                   GError          **error);
STEAD_AVAILABLE_IN_1_0
gboolean          stead_area_measure_compute_in_days (const char       *path,
                                                      SteadAreaMeasure  measure,
                                                      const gint32     *days,
                                                      GArray           *out_fids,
                                                      GArray           *out_values,
                                                      GCancellable     *cancellable,
                                                      GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SteadAreaSummary, stead_area_summary_free)

G_END_DECLS
