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

#include "stead-marker-layer.h"

G_BEGIN_DECLS

#define STEAD_TYPE_POINT_LAYER (stead_point_layer_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadPointLayer, stead_point_layer, STEAD, POINT_LAYER, ShumateLayer)

typedef enum
{
  STEAD_POINT_LAYER_NEEDS,
  STEAD_POINT_LAYER_RESOURCES,
  STEAD_POINT_LAYER_MERGED,
} SteadPointLayerKind;

/* A badge of a merged layer: where it is drawn, and what it counts. */
typedef struct
{
  graphene_rect_t box;
  guint32         n_needs;
  guint32         n_resources;
  guint32         n_sites;
} SteadPointBadge;

/* A place's name written beside its marker (a partner site, a rest
 * centre): the box it takes, and its text. */
typedef struct
{
  graphene_rect_t  box;
  const char      *name;   /* valid until the next layout */
  SteadPointClass  klass;
  gint64           fid;    /* a resource's row, or a site's place */
} SteadPointName;

/* The zoom from which places' names are written beside their markers. */
#define STEAD_POINT_LAYER_NAME_ZOOM 13.0

STEAD_AVAILABLE_IN_1_0
SteadPointLayer *stead_point_layer_new           (ShumateViewport     *viewport,
                                                  SteadPointLayerKind  kind);
STEAD_AVAILABLE_IN_1_0
void             stead_point_layer_set_workspace (SteadPointLayer     *self,
                                                  SteadWorkspace      *workspace);
STEAD_AVAILABLE_IN_1_0
SteadPointIndex *stead_point_layer_get_index     (SteadPointLayer     *self);
STEAD_AVAILABLE_IN_1_0
gsize            stead_point_layer_get_n_points  (SteadPointLayer     *self);
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
guint            stead_point_layer_kind_symbol   (guint                kind_index);
STEAD_AVAILABLE_IN_1_0
void             stead_point_layer_draw_kind_symbol (cairo_t          *cr,
                                                  guint                kind_index,
                                                  double               cx,
                                                  double               cy,
                                                  double               r);
STEAD_AVAILABLE_IN_1_0
SteadPointLayer *stead_point_layer_new_merged    (ShumateViewport     *viewport,
                                                  SteadPointLayer     *needs,
                                                  SteadPointLayer     *resources);
STEAD_AVAILABLE_IN_1_0
void             stead_point_layer_add_sites     (SteadPointLayer     *self,
                                                  SteadMarkerLayer    *sites);
STEAD_AVAILABLE_IN_1_0
void             stead_point_layer_remove_sites  (SteadPointLayer     *self,
                                                  SteadMarkerLayer    *sites);
STEAD_AVAILABLE_IN_1_0
void             stead_point_layer_keep_clear_of (SteadPointLayer     *self,
                                                  GtkWidget           *control);
STEAD_AVAILABLE_IN_1_0
guint            stead_point_layer_get_badges    (SteadPointLayer     *self,
                                                  GArray              *badges);
STEAD_AVAILABLE_IN_1_0
gboolean         stead_point_layer_get_badge_members (SteadPointLayer *self,
                                                  guint                badge,
                                                  SteadPointClass      klass,
                                                  GArray              *fids);
STEAD_AVAILABLE_IN_1_0
guint            stead_point_layer_get_names     (SteadPointLayer     *self,
                                                  GArray              *names);
STEAD_AVAILABLE_IN_1_0
void             stead_point_layer_set_show_personal (SteadPointLayer *self,
                                                  gboolean             show_personal);
STEAD_AVAILABLE_IN_1_0
void             stead_point_layer_set_days      (SteadPointLayer     *self,
                                                  gboolean             dated,
                                                  gint32               first,
                                                  gint32               last);
STEAD_AVAILABLE_IN_1_0
void             stead_point_layer_set_filter    (SteadPointLayer     *self,
                                                  const char * const  *kinds,
                                                  const char * const  *states);

G_END_DECLS
