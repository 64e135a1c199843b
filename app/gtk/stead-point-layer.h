/* stead-point-layer.h: needs or resources on the map, clustered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_GTK_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead-gtk.h> can be included directly."
#endif

#include <shumate/shumate.h>
#include <stead.h>

G_BEGIN_DECLS

#define STEAD_TYPE_POINT_LAYER (stead_point_layer_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadPointLayer, stead_point_layer, STEAD, POINT_LAYER, ShumateLayer)

typedef enum
{
  STEAD_POINT_LAYER_NEEDS,
  STEAD_POINT_LAYER_RESOURCES,
} SteadPointLayerKind;

STEAD_AVAILABLE_IN_1_0
SteadPointLayer *stead_point_layer_new           (ShumateViewport     *viewport,
                                                  SteadPointLayerKind  kind);
STEAD_AVAILABLE_IN_1_0
void             stead_point_layer_set_workspace (SteadPointLayer     *self,
                                                  SteadWorkspace      *workspace);
STEAD_AVAILABLE_IN_1_0
SteadPointIndex *stead_point_layer_get_index     (SteadPointLayer     *self);
STEAD_AVAILABLE_IN_1_0
gboolean         stead_point_layer_pick          (SteadPointLayer     *self,
                                                  double               x,
                                                  double               y,
                                                  SteadPointCluster   *item,
                                                  gint64              *fid);
STEAD_AVAILABLE_IN_1_0
gboolean         stead_point_layer_get_members   (SteadPointLayer     *self,
                                                  const SteadPointCluster *item,
                                                  GArray              *fids);
STEAD_AVAILABLE_IN_1_0
SteadPointLayerKind stead_point_layer_get_kind   (SteadPointLayer     *self);
STEAD_AVAILABLE_IN_1_0
void             stead_point_layer_kind_colour   (guint                kind_index,
                                                  GdkRGBA             *rgba);
STEAD_AVAILABLE_IN_1_0
void             stead_point_layer_set_filter    (SteadPointLayer     *self,
                                                  const char * const  *kinds,
                                                  const char * const  *states);

G_END_DECLS
