/* stead-area-layer-private.h: what the area layer shares with other layers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stead-area-layer.h"

G_BEGIN_DECLS

void stead_area_layer_trace_geometry (cairo_t         *cr,
                                      ShumateViewport *viewport,
                                      GtkWidget       *widget,
                                      SteadGeometry   *geometry);

G_END_DECLS
