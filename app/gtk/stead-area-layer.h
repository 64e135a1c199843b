/* stead-area-layer.h: the workspace's areas on the map
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

#define STEAD_TYPE_AREA_LAYER (stead_area_layer_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadAreaLayer, stead_area_layer, STEAD, AREA_LAYER, ShumateLayer)

/* How a layer draws its areas: the map's own draws every area and names
 * them; a plugin's overlay draws only the areas given a value. */
typedef enum
{
  STEAD_AREA_STYLE_MAP,      /* every area, outlined and named, shaded by value */
  STEAD_AREA_STYLE_SHADED,   /* only the areas with a value, filled by class */
  STEAD_AREA_STYLE_HATCHED,  /* only the areas with a value, hatched and outlined */
} SteadAreaStyle;

STEAD_AVAILABLE_IN_1_0
SteadAreaLayer *stead_area_layer_new           (ShumateViewport      *viewport);
STEAD_AVAILABLE_IN_1_0
SteadAreaLayer *stead_area_layer_new_overlay   (ShumateViewport      *viewport,
                                                SteadAreaStyle        style);
STEAD_AVAILABLE_IN_1_0
void                  stead_area_layer_set_workspace (SteadAreaLayer *self,
                                                            SteadWorkspace       *workspace);
STEAD_AVAILABLE_IN_1_0
gboolean              stead_area_layer_get_extent    (SteadAreaLayer *self,
                                                            SteadEnvelope        *extent);
STEAD_AVAILABLE_IN_1_0
gboolean              stead_area_layer_get_class     (SteadAreaLayer *self,
                                                      guint           index,
                                                      double         *from,
                                                      double         *to,
                                                      double          rgb[3]);
STEAD_AVAILABLE_IN_1_0
void                  stead_area_layer_set_values    (SteadAreaLayer *self,
                                                            const gint64   *fids,
                                                            const double   *values,
                                                            gsize           n);
STEAD_AVAILABLE_IN_1_0
void                  stead_area_layer_set_breaks    (SteadAreaLayer *self,
                                                      const double   *breaks);
STEAD_AVAILABLE_IN_1_0
gboolean              stead_area_layer_get_value     (SteadAreaLayer *self,
                                                      gint64          fid,
                                                      double         *value);
STEAD_AVAILABLE_IN_1_0
gboolean              stead_area_layer_get_label_point (SteadAreaLayer *self,
                                                        gint64          fid,
                                                        double         *lon,
                                                        double         *lat);
STEAD_AVAILABLE_IN_1_0
void                  stead_area_layer_draw_swatch   (cairo_t        *cr,
                                                      SteadAreaStyle  style,
                                                      const double    rgb[3],
                                                      double          width,
                                                      double          height);
STEAD_AVAILABLE_IN_1_0
gint64                stead_area_layer_pick_area     (SteadAreaLayer *self,
                                                            double                lon,
                                                            double                lat);

G_END_DECLS
