/* stead-place-layer-private.h: the place the map's search chose, marked on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>
#include <stead.h>

G_BEGIN_DECLS

#define STEAD_TYPE_PLACE_LAYER (stead_place_layer_get_type ())

G_DECLARE_FINAL_TYPE (SteadPlaceLayer, stead_place_layer, STEAD, PLACE_LAYER, ShumateLayer)

SteadPlaceLayer *stead_place_layer_new       (ShumateViewport *viewport);
SteadPlace      *stead_place_layer_get_place (SteadPlaceLayer *self);
void             stead_place_layer_set_place (SteadPlaceLayer *self,
                                              SteadPlace      *place);

G_END_DECLS
