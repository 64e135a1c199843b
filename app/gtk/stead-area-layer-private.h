/* stead-area-layer-private.h: what the area layer shares with other layers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stead-area-layer.h"
#include "stead-point-layer.h"

G_BEGIN_DECLS

/* A name placed on the map, and the box it takes (with its halo), in the
 * layer's coordinates; priority 0 boundary, 1 ward, 2 LSOA, 3 hazard. */
typedef struct
{
  graphene_rect_t box;
  gint64          fid;
  guint           priority;
} SteadAreaLabel;

STEAD_PRIVATE_API
const SteadAreaLabel *stead_area_layer_get_labels    (SteadAreaLayer        *self,
                                                      guint                 *n_labels);
gboolean              stead_area_layer_set_reserved  (SteadAreaLayer        *self,
                                                      const graphene_rect_t *boxes,
                                                      guint                  n);
void                  stead_area_layer_warning_style (const char            *severity,
                                                      double                 rgb[3],
                                                      double                 dashes[2],
                                                      int                   *n_dashes);

void                  stead_area_layer_draw_label    (GtkWidget             *widget,
                                                      GtkSnapshot           *snapshot,
                                                      PangoLayout           *layout,
                                                      double                 x,
                                                      double                 y);
void                  stead_area_layer_set_avoid     (SteadAreaLayer        *self,
                                                      SteadPointLayer       *points);

void stead_area_layer_trace_geometry (cairo_t         *cr,
                                      ShumateViewport *viewport,
                                      GtkWidget       *widget,
                                      SteadGeometry   *geometry);

G_END_DECLS
