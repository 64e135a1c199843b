/* stead-background-layer-private.h: the offline background of the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define STEAD_TYPE_BACKGROUND_LAYER (stead_background_layer_get_type ())

G_DECLARE_FINAL_TYPE (
  SteadBackgroundLayer, stead_background_layer, STEAD, BACKGROUND_LAYER, ShumateLayer)

SteadBackgroundLayer *stead_background_layer_new           (ShumateViewport      *viewport);

double                stead_map_mercator_y                 (double                lat);
void                  stead_map_mercator_transform         (ShumateViewport      *viewport,
                                                            GtkWidget            *widget,
                                                            double                m[6]);

G_END_DECLS
