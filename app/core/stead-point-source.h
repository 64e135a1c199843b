/* stead-point-source.h: the needs or resources a map draws, read off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <gio/gio.h>

#include "stead-geometry.h"
#include "stead-point-index.h"
#include "stead-types.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

typedef enum
{
  STEAD_POINT_SOURCE_NEEDS,
  STEAD_POINT_SOURCE_RESOURCES,
} SteadPointSourceKind;

/* What a point of a merged load is (stead_point_source_load_merged()). */
typedef enum
{
  STEAD_POINT_CLASS_NEED,
  STEAD_POINT_CLASS_RESOURCE,
  STEAD_POINT_CLASS_SITE,
} SteadPointClass;

/* The deepest zoom the points are clustered at: the map's last. */
#define STEAD_POINT_SOURCE_MAX_ZOOM 19

#define STEAD_TYPE_POINT_SNAPSHOT (stead_point_snapshot_get_type ())

/* The points of one load: their index, and per point (in the index's
 * numbering) its category and its row in the need or resource table. */
typedef struct _SteadPointSnapshot SteadPointSnapshot;

/* A point's category: kind << 8 | state << 4 | urgency, where kind is the
 * kind's place in its taxonomy (255 when it is not there), state the
 * need's status (open, assigned, met, other) or the resource's
 * availability (available, limited, committed, other), and urgency a
 * need's 1 to 4 (0 for resources). */
#define STEAD_POINT_CATEGORY_KIND(c)    ((guint) (c) >> 8)
#define STEAD_POINT_CATEGORY_STATE(c)   (((guint) (c) >> 4) & 0xf)
#define STEAD_POINT_CATEGORY_URGENCY(c) ((guint) (c) & 0xf)

/* What is known of one need or resource, for a popover or a tooltip. */
typedef struct
{
  char   *kind;       /* taxonomy code */
  char   *title;      /* or NULL */
  int     amount;     /* people affected (needs), capacity (resources) */
  int     urgency;    /* needs: 1 to 4 */
  char   *state;      /* status (needs), availability (resources) */
  char   *opened;     /* needs: ISO 8601 */
  char   *owner;      /* the module whose record it comes from, or NULL */
  gint64  owner_ref;  /* that record's id */
} SteadPointDetails;

STEAD_AVAILABLE_IN_1_0
GType               stead_point_snapshot_get_type       (void) G_GNUC_CONST;
STEAD_AVAILABLE_IN_1_0
SteadPointSnapshot *stead_point_snapshot_ref            (SteadPointSnapshot    *self);
STEAD_AVAILABLE_IN_1_0
void                stead_point_snapshot_unref          (SteadPointSnapshot    *self);
STEAD_AVAILABLE_IN_1_0
SteadPointIndex    *stead_point_snapshot_get_index      (SteadPointSnapshot    *self);
STEAD_AVAILABLE_IN_1_0
gsize               stead_point_snapshot_get_n_points   (SteadPointSnapshot    *self);
STEAD_AVAILABLE_IN_1_0
const guint16      *stead_point_snapshot_get_categories (SteadPointSnapshot    *self);
STEAD_AVAILABLE_IN_1_0
const gint64       *stead_point_snapshot_get_fids       (SteadPointSnapshot    *self);
STEAD_AVAILABLE_IN_1_0
const guint8       *stead_point_snapshot_get_classes    (SteadPointSnapshot    *self);

STEAD_AVAILABLE_IN_1_0
gsize               stead_point_snapshot_set_days       (SteadPointSnapshot    *self,
                                                         const gint32          *first,
                                                         gint32                 last);
STEAD_AVAILABLE_IN_1_0
gboolean            stead_point_snapshot_is_live        (SteadPointSnapshot    *self,
                                                         gsize                  i,
                                                         gint32                 first,
                                                         gint32                 last);

STEAD_AVAILABLE_IN_1_0
SteadPointSnapshot *stead_point_source_load             (SteadWorkspace        *workspace,
                                                         SteadPointSourceKind   kind,
                                                         const char * const    *kinds,
                                                         const char * const    *states,
                                                         GCancellable          *cancellable,
                                                         GError               **error);
STEAD_AVAILABLE_IN_1_0
void                stead_point_source_load_async       (SteadWorkspace        *workspace,
                                                         SteadPointSourceKind   kind,
                                                         const char * const    *kinds,
                                                         const char * const    *states,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
STEAD_AVAILABLE_IN_1_0
SteadPointSnapshot *stead_point_source_load_merged      (SteadWorkspace        *workspace,
                                                         const char * const    *kinds,
                                                         const char * const    *states,
                                                         const char * const    *resource_kinds,
                                                         const double          *sites,
                                                         gsize                  n_sites,
                                                         GCancellable          *cancellable,
                                                         GError               **error);
STEAD_AVAILABLE_IN_1_0
void                stead_point_source_load_merged_async (SteadWorkspace       *workspace,
                                                         const char * const    *kinds,
                                                         const char * const    *states,
                                                         const char * const    *resource_kinds,
                                                         const double          *sites,
                                                         gsize                  n_sites,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
STEAD_AVAILABLE_IN_1_0
SteadPointSnapshot *stead_point_source_load_finish      (SteadWorkspace        *workspace,
                                                         GAsyncResult          *result,
                                                         GError               **error);

STEAD_AVAILABLE_IN_1_0
gboolean            stead_point_source_get_extent       (SteadWorkspace        *workspace,
                                                         SteadEnvelope         *extent);
STEAD_AVAILABLE_IN_1_0
gboolean            stead_point_source_get_day_span     (SteadWorkspace        *workspace,
                                                         gint32                *first,
                                                         gint32                *last);
STEAD_AVAILABLE_IN_1_0
SteadPointDetails  *stead_point_source_get_details      (SteadWorkspace        *workspace,
                                                         SteadPointSourceKind   kind,
                                                         gint64                 fid);
STEAD_AVAILABLE_IN_1_0
GHashTable         *stead_point_source_get_titles       (SteadWorkspace        *workspace,
                                                         const char            *kind);
STEAD_AVAILABLE_IN_1_0
void                stead_point_details_free            (SteadPointDetails     *details);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SteadPointSnapshot, stead_point_snapshot_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SteadPointDetails, stead_point_details_free)

G_END_DECLS
