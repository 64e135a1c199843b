/* stead-map-view.h: the map of needs and resources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_GTK_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead-gtk.h> can be included directly."
#endif

#include <gtk/gtk.h>
#include <shumate/shumate.h>
#include <stead.h>

#include "stead-area-layer.h"
#include "stead-point-layer.h"

G_BEGIN_DECLS

#define STEAD_TYPE_MAP_VIEW (stead_map_view_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadMapView, stead_map_view, STEAD, MAP_VIEW, GtkWidget)

typedef enum
{
  STEAD_BASE_MAP_OFFLINE,        /* the locally drawn background only */
  STEAD_BASE_MAP_OPENSTREETMAP,  /* OSM tiles over the offline background */
  STEAD_BASE_MAP_CUSTOM,         /* the partnership's own XYZ tile server */
} SteadBaseMap;

#define STEAD_TYPE_BASE_MAP (stead_base_map_get_type ())
STEAD_AVAILABLE_IN_1_0
GType stead_base_map_get_type (void) G_GNUC_CONST;

STEAD_AVAILABLE_IN_1_0
SteadMapView   *stead_map_view_new             (void);
STEAD_AVAILABLE_IN_1_0
SteadWorkspace *stead_map_view_get_workspace   (SteadMapView   *self);
STEAD_AVAILABLE_IN_1_0
void            stead_map_view_set_workspace   (SteadMapView   *self,
                                                SteadWorkspace *workspace);
STEAD_AVAILABLE_IN_1_0
SteadBaseMap    stead_map_view_get_base_map    (SteadMapView   *self);
STEAD_AVAILABLE_IN_1_0
void            stead_map_view_set_base_map    (SteadMapView   *self,
                                                SteadBaseMap    base_map);
STEAD_AVAILABLE_IN_1_0
gboolean        stead_map_view_get_offline     (SteadMapView   *self);
STEAD_AVAILABLE_IN_1_0
ShumateMap     *stead_map_view_get_map         (SteadMapView   *self);
STEAD_AVAILABLE_IN_1_0
ShumateViewport*stead_map_view_get_viewport    (SteadMapView   *self);
/* Overlay layers added by plugins; drawn above the base map. */
STEAD_AVAILABLE_IN_1_0
void            stead_map_view_set_custom_tiles (SteadMapView  *self,
                                                 const char    *url_template,
                                                 const char    *attribution);
STEAD_AVAILABLE_IN_1_0
gboolean        stead_map_view_check_tile_url  (const char     *url_template,
                                                GError        **error);
STEAD_AVAILABLE_IN_1_0
gboolean        stead_map_view_add_mbtiles     (SteadMapView   *self,
                                                const char     *path,
                                                GError        **error);
STEAD_AVAILABLE_IN_1_0
void            stead_map_view_remove_mbtiles  (SteadMapView   *self,
                                                const char     *path);
STEAD_AVAILABLE_IN_1_0
char          **stead_map_view_get_mbtiles     (SteadMapView   *self);
STEAD_AVAILABLE_IN_1_0
gboolean        stead_map_view_select_area     (SteadMapView   *self,
                                                gint64          area_fid);
STEAD_AVAILABLE_IN_1_0
gboolean        stead_map_view_show_area       (SteadMapView   *self,
                                                gint64          area_fid);
STEAD_AVAILABLE_IN_1_0
GtkWidget      *stead_map_view_get_area_panel  (SteadMapView   *self);
STEAD_AVAILABLE_IN_1_0
void            stead_map_view_select_box      (SteadMapView   *self,
                                                double          west,
                                                double          south,
                                                double          east,
                                                double          north);
STEAD_AVAILABLE_IN_1_0
void            stead_map_view_add_layer       (SteadMapView   *self,
                                                ShumateLayer   *layer);
STEAD_AVAILABLE_IN_1_0
void            stead_map_view_set_area_shading (SteadMapView     *self,
                                                 SteadAreaMeasure  measure);
STEAD_AVAILABLE_IN_1_0
SteadAreaMeasure stead_map_view_get_area_shading (SteadMapView    *self);
STEAD_AVAILABLE_IN_1_0
SteadGeometry  *stead_map_view_get_drawn_area  (SteadMapView   *self);
STEAD_AVAILABLE_IN_1_0
gboolean        stead_map_view_export_view     (SteadMapView   *self,
                                                GFile          *file,
                                                GError        **error);
STEAD_AVAILABLE_IN_1_0
void            stead_map_view_add_area_action (SteadMapView   *self,
                                                const char     *label,
                                                const char     *action);
STEAD_AVAILABLE_IN_1_0
void            stead_map_view_remove_area_action (SteadMapView *self,
                                                   const char   *action);
STEAD_AVAILABLE_IN_1_0
void            stead_map_view_add_named_layer (SteadMapView   *self,
                                                ShumateLayer   *layer,
                                                const char     *title);
/* What a plugin layer's marks mean, made each time the layer list
 * opens and shown under the layer's switch: a legend, a choice. */
typedef GtkWidget *(*SteadMapLegendFunc) (ShumateLayer *layer,
                                          gpointer      user_data);
STEAD_AVAILABLE_IN_1_0
void            stead_map_view_set_layer_legend (SteadMapView      *self,
                                                 ShumateLayer      *layer,
                                                 SteadMapLegendFunc legend,
                                                 gpointer           user_data,
                                                 GDestroyNotify     destroy);
/* Where the map's own controls are, in @widget's coordinates: nothing
 * of a plugin's layer is drawn there. */
STEAD_AVAILABLE_IN_1_0
void            stead_map_view_get_control_bounds (SteadMapView    *self,
                                                   GtkWidget       *widget,
                                                   GArray          *boxes);
/* Where the map writes names and counts this frame (areas' names, the
 * badges of needs and resources, places' names), in @widget's
 * coordinates: for a plugin's layer drawn over the areas and under the
 * points, to keep its own text clear of them. */
STEAD_AVAILABLE_IN_1_0
void            stead_map_view_get_label_bounds (SteadMapView      *self,
                                                 GtkWidget         *widget,
                                                 GArray            *boxes);
/* Rows of text a plugin lists for an area in the panel beside the map:
 * a GPtrArray of GStrv, one per row, as many cells as columns. */
typedef GPtrArray *(*SteadMapAreaRowsFunc) (SteadWorkspace *workspace,
                                            gint64          area,
                                            gpointer        user_data);
STEAD_AVAILABLE_IN_1_0
ShumateLayer   *stead_map_view_get_named_layer (SteadMapView   *self,
                                                const char     *title);
STEAD_AVAILABLE_IN_1_0
void            stead_map_view_remove_layer    (SteadMapView   *self,
                                                ShumateLayer   *layer);
STEAD_AVAILABLE_IN_1_0
void            stead_map_view_zoom_to_area    (SteadMapView   *self);
STEAD_AVAILABLE_IN_1_0
SteadAreaLayer *stead_map_view_get_area_layer  (SteadMapView   *self);
STEAD_AVAILABLE_IN_1_0
SteadPointLayer*stead_map_view_get_point_layer (SteadMapView   *self,
                                                SteadPointLayerKind kind);
STEAD_AVAILABLE_IN_1_0
SteadPlace     *stead_map_view_get_search_place (SteadMapView  *self);

/* Picking a position (a form's "Pick on Map"): called once, with
 * @picked FALSE if the user cancelled. */
typedef void (*SteadMapViewPickFunc) (gboolean picked,
                                      double   lon,
                                      double   lat,
                                      gpointer user_data);
STEAD_AVAILABLE_IN_1_0
void            stead_map_view_begin_pick      (SteadMapView         *self,
                                                const char           *hint,
                                                SteadMapViewPickFunc  func,
                                                gpointer              user_data,
                                                GDestroyNotify        destroy);
STEAD_AVAILABLE_IN_1_0
gboolean        stead_map_view_is_picking      (SteadMapView         *self);
STEAD_AVAILABLE_IN_1_0
void            stead_map_view_cancel_pick     (SteadMapView         *self);
STEAD_AVAILABLE_IN_1_0
void            stead_map_view_pick_centre     (SteadMapView         *self);
/* Centres on a need (else a resource) with its popover. */
STEAD_AVAILABLE_IN_1_0
gboolean        stead_map_view_show_point      (SteadMapView         *self,
                                                gboolean              need,
                                                gint64                fid);

G_END_DECLS
