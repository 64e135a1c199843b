/* stead-marker-layer.h: a few dozen records on the map, one marker each
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

#define STEAD_TYPE_MARKER_LAYER (stead_marker_layer_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadMarkerLayer, stead_marker_layer, STEAD, MARKER_LAYER, ShumateLayer)

STEAD_AVAILABLE_IN_1_0
SteadMarkerLayer *stead_marker_layer_new       (ShumateViewport *viewport,
                                                GListModel      *records,
                                                const char      *icon_name,
                                                const char      *accent_field);
STEAD_AVAILABLE_IN_1_0
guint             stead_marker_layer_get_count (SteadMarkerLayer *self);
STEAD_AVAILABLE_IN_1_0
void              stead_marker_layer_get_positions  (SteadMarkerLayer *self,
                                                     GArray           *lonlat);
STEAD_AVAILABLE_IN_1_0
void              stead_marker_layer_set_merged     (SteadMarkerLayer *self,
                                                     gboolean          merged);
STEAD_AVAILABLE_IN_1_0
void              stead_marker_layer_set_name_field (SteadMarkerLayer *self,
                                                     const char       *name_field);
STEAD_AVAILABLE_IN_1_0
const char       *stead_marker_layer_get_place_name (SteadMarkerLayer *self,
                                                     guint             place);
STEAD_AVAILABLE_IN_1_0
void              stead_marker_layer_snapshot_place (SteadMarkerLayer *self,
                                                     GtkSnapshot      *snapshot,
                                                     GtkWidget        *widget,
                                                     guint             place,
                                                     double            x,
                                                     double            y);

G_END_DECLS
