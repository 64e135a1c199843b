/* stead-casework.h: needs and resources as records: list, filter, add, assign, close
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <gio/gio.h>

#include "stead-query-model.h"
#include "stead-record.h"
#include "stead-types.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

/* The core's need and resource rows as SteadRecord (their id is the fid). */
#define STEAD_TYPE_NEED (stead_need_get_type ())
#define STEAD_TYPE_RESOURCE (stead_resource_get_type ())
STEAD_AVAILABLE_IN_1_0
GType            stead_need_get_type               (void) G_GNUC_CONST;
STEAD_AVAILABLE_IN_1_0
GType            stead_resource_get_type           (void) G_GNUC_CONST;

/* What the Needs page lists: every member NULL (or 0) lets everything by. */
typedef struct
{
  const char *status;        /* a status, or "active": open or assigned */
  const char *kind;          /* a need-kind code */
  int         urgency;       /* 1–4, 0: any */
  gint64      assignee;      /* an organisation's id; -1: unassigned; 0: any */
  gint64      area;          /* an area's fid: needs inside it; 0: anywhere */
  const char *opened_since;  /* an ISO 8601 time: opened then or later */
} SteadNeedFilter;

typedef struct
{
  const char *kind;          /* a resource-kind code */
  const char *availability;
  const char *owner;         /* the module that published it; "" the core's own */
} SteadResourceFilter;

STEAD_AVAILABLE_IN_1_0
SteadQueryModel *stead_needs_new                   (SteadWorkspace            *workspace);
STEAD_AVAILABLE_IN_1_0
void             stead_needs_set_filter            (SteadQueryModel           *needs,
                                                    const SteadNeedFilter     *filter);
/* One need with every field (notes too), for a detail pane: fid 0 is none. */
STEAD_AVAILABLE_IN_1_0
SteadQueryModel *stead_need_detail_new             (SteadWorkspace            *workspace);
STEAD_AVAILABLE_IN_1_0
void             stead_need_detail_set_fid         (SteadQueryModel           *detail,
                                                    gint64                     fid);

STEAD_AVAILABLE_IN_1_0
SteadQueryModel *stead_resources_new               (SteadWorkspace            *workspace);
STEAD_AVAILABLE_IN_1_0
void             stead_resources_set_filter        (SteadQueryModel           *resources,
                                                    const SteadResourceFilter *filter);

/* Each one undo step. */
STEAD_AVAILABLE_IN_1_0
gint64           stead_need_add                    (SteadWorkspace            *workspace,
                                                    const char                *kind,
                                                    gint64                     people,
                                                    int                        urgency,
                                                    const char                *title,
                                                    double                     lon,
                                                    double                     lat,
                                                    GError                   **error);
STEAD_AVAILABLE_IN_1_0
gboolean         stead_need_set_status             (SteadWorkspace            *workspace,
                                                    gint64                     fid,
                                                    const char                *status,
                                                    GError                   **error);
STEAD_AVAILABLE_IN_1_0
gboolean         stead_need_assign                 (SteadWorkspace            *workspace,
                                                    gint64                     fid,
                                                    gint64                     organisation,
                                                    GError                   **error);
STEAD_AVAILABLE_IN_1_0
gboolean         stead_need_set_notes              (SteadWorkspace            *workspace,
                                                    gint64                     fid,
                                                    const char                *notes,
                                                    GError                   **error);
STEAD_AVAILABLE_IN_1_0
gboolean         stead_need_move                   (SteadWorkspace            *workspace,
                                                    gint64                     fid,
                                                    double                     lon,
                                                    double                     lat,
                                                    GError                   **error);
STEAD_AVAILABLE_IN_1_0
gboolean         stead_need_remove                 (SteadWorkspace            *workspace,
                                                    gint64                     fid,
                                                    GError                   **error);
STEAD_AVAILABLE_IN_1_0
gboolean         stead_resource_set_availability   (SteadWorkspace            *workspace,
                                                    gint64                     fid,
                                                    const char                *availability,
                                                    GError                   **error);

STEAD_AVAILABLE_IN_1_0
const char      *stead_need_status_label           (const char                *status);
STEAD_AVAILABLE_IN_1_0
const char      *stead_need_urgency_label          (int                        urgency);
/* The areas of @kind ("ward") as SteadTerm: code the fid, label the name. */
STEAD_AVAILABLE_IN_1_0
GListModel      *stead_workspace_list_areas        (SteadWorkspace            *workspace,
                                                    const char                *kind);
STEAD_AVAILABLE_IN_1_0
gint64           stead_workspace_count_needs       (SteadWorkspace            *workspace);
STEAD_AVAILABLE_IN_1_0
gint64           stead_workspace_count_resources   (SteadWorkspace            *workspace);
/* The ward (or other smallest area) a need is in, or NULL. */
STEAD_AVAILABLE_IN_1_0
char            *stead_need_dup_area_name          (SteadWorkspace            *workspace,
                                                    gint64                     fid);

/* A position as people write it: a postcode of the workspace's directory,
 * a British National Grid reference ("SO 89 32") or "lat, lon". On
 * success @description says what it resolved to. */
STEAD_AVAILABLE_IN_1_0
gboolean         stead_workspace_resolve_position  (SteadWorkspace            *workspace,
                                                    const char                *text,
                                                    double                    *lon,
                                                    double                    *lat,
                                                    char                     **description,
                                                    GError                   **error);

G_END_DECLS
