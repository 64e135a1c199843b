/* stead-point-index.h: hierarchical clusters of points, per zoom level
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <glib-object.h>

#include "stead-types.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

#define STEAD_TYPE_POINT_INDEX (stead_point_index_get_type ())

typedef struct _SteadPointIndex SteadPointIndex;

typedef struct
{
  guint  min_zoom;   /* default 0 */
  guint  max_zoom;   /* default 16: points are never clustered above it */
  double radius;     /* cluster radius in pixels of a 512-pixel tile; default 60 */
  guint  n_threads;  /* 0: one per core */
} SteadPointIndexOptions;

/* One item of a query: a single point (count 1, id = the point's id) or a
 * cluster (count > 1, id = a cluster id for get_leaves/expansion zoom). */
typedef struct
{
  double  lon;
  double  lat;
  guint32 count;
  guint32 id;
} SteadPointCluster;

/* How many classes of points one index can tell apart (needs, resources,
 * sites…): a cluster counts its members of each. */
#define STEAD_POINT_INDEX_MAX_CLASSES 4

STEAD_AVAILABLE_IN_1_0
GType            stead_point_index_get_type           (void) G_GNUC_CONST;
STEAD_AVAILABLE_IN_1_0
void             stead_point_index_options_init       (SteadPointIndexOptions *options);
STEAD_AVAILABLE_IN_1_0
SteadPointIndex *stead_point_index_new                (const double           *lonlat,
                                                       const guint32          *ids,
                                                       gsize                   n_points,
                                                       const SteadPointIndexOptions *options);
STEAD_AVAILABLE_IN_1_0
SteadPointIndex *stead_point_index_new_classified     (const double           *lonlat,
                                                       const guint32          *ids,
                                                       const guint8           *classes,
                                                       gsize                   n_points,
                                                       const SteadPointIndexOptions *options);
STEAD_AVAILABLE_IN_1_0
SteadPointIndex *stead_point_index_ref                (SteadPointIndex        *self);
STEAD_AVAILABLE_IN_1_0
void             stead_point_index_unref              (SteadPointIndex        *self);

STEAD_AVAILABLE_IN_1_0
gsize            stead_point_index_get_n_points       (SteadPointIndex        *self);
STEAD_AVAILABLE_IN_1_0
guint            stead_point_index_get_max_zoom       (SteadPointIndex        *self);
STEAD_AVAILABLE_IN_1_0
gsize            stead_point_index_get_n_items        (SteadPointIndex        *self,
                                                       guint                   zoom);
STEAD_AVAILABLE_IN_1_0
void             stead_point_index_query              (SteadPointIndex        *self,
                                                       guint                   zoom,
                                                       double                  west,
                                                       double                  south,
                                                       double                  east,
                                                       double                  north,
                                                       GArray                 *out);
STEAD_AVAILABLE_IN_1_0
gboolean         stead_point_index_get_leaves         (SteadPointIndex        *self,
                                                       guint32                 cluster_id,
                                                       GArray                 *out_ids);
STEAD_AVAILABLE_IN_1_0
void             stead_point_index_get_class_counts   (SteadPointIndex        *self,
                                                       const SteadPointCluster *item,
                                                       guint32                *counts);
STEAD_AVAILABLE_IN_1_0
void             stead_point_index_set_live           (SteadPointIndex        *self,
                                                       const guint8           *live);
STEAD_AVAILABLE_IN_1_0
guint            stead_point_index_get_expansion_zoom (SteadPointIndex        *self,
                                                       guint32                 cluster_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SteadPointIndex, stead_point_index_unref)

G_END_DECLS
