/* stead-area-summary.h: what needs and resources lie inside an area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <glib-object.h>

#include "stead-types.h"

G_BEGIN_DECLS

/* One kind of need or resource inside the area. */
typedef struct
{
  char   *kind;
  guint   needs;        /* open or assigned needs of this kind */
  gint64  people;       /* people those needs affect */
  guint   resources;    /* resources of this kind */
  gint64  capacity;     /* their capacity, if available or limited */
} SteadAreaSummaryRow;

typedef struct
{
  GArray *rows;         /* of SteadAreaSummaryRow, by kind */
  GArray *need_fids;    /* gint64: the needs inside */
  GArray *resource_fids;/* gint64: the resources inside */
} SteadAreaSummary;

SteadAreaSummary *stead_area_summary_new          (SteadWorkspace  *workspace,
                                                   SteadGeometry   *area,
                                                   GError         **error);
SteadAreaSummary *stead_area_summary_new_for_area (SteadWorkspace  *workspace,
                                                   gint64           area_fid,
                                                   GError         **error);
void              stead_area_summary_free         (SteadAreaSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SteadAreaSummary, stead_area_summary_free)

G_END_DECLS
