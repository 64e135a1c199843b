/* stead-background-layer.c: the offline background of the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawn locally in one snapshot, so the map is useful with no network,
 * which is exactly when it is needed: a land colour and a graticule. The
 * areas are SteadAreaLayer's, above it.
 */

#define G_LOG_DOMAIN "stead-background-layer"

#include "config.h"

#include <math.h>

#include "stead-background-layer-private.h"

struct _SteadBackgroundLayer
{
  ShumateLayer parent_instance;
};

G_DEFINE_FINAL_TYPE (SteadBackgroundLayer, stead_background_layer, SHUMATE_TYPE_LAYER)

static double
stead_background_layer_graticule_step (double span)
{
  static const double steps[] = { 30,  10,   5,    2,    1,     0.5,   0.2,
                                  0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (span / steps[i] >= 4)
      return steps[i];
  return steps[G_N_ELEMENTS (steps) - 1];
}

static void
stead_background_layer_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  static const GdkRGBA land = { 0.949, 0.937, 0.914, 1.0 };
  static const GdkRGBA line = { 0.55, 0.6, 0.65, 0.45 };
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double north, south, east, west;
  double lat_step, lon_step;

  if (width <= 0 || height <= 0 || viewport == NULL ||
      shumate_viewport_get_reference_map_source (viewport) == NULL)
    return;

  /* Colour nodes only, no cairo surface: cheap on every renderer, which
   * matters most for the very first frame. */
  gtk_snapshot_append_color (snapshot, &land, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* Graticule, every step degrees, about 4 to 12 lines across. */
  shumate_viewport_widget_coords_to_location (viewport, widget, 0, 0, &north, &west);
  shumate_viewport_widget_coords_to_location (viewport, widget, width, height, &south, &east);
  lon_step = stead_background_layer_graticule_step (fabs (east - west));
  lat_step = stead_background_layer_graticule_step (fabs (north - south));

  for (double lon = floor (MIN (west, east) / lon_step) * lon_step; lon <= MAX (west, east);
       lon += lon_step)
    {
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, widget, north, lon, &x, &y);
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (round (x), 0, 1, height));
    }
  for (double lat = floor (MIN (north, south) / lat_step) * lat_step; lat <= MAX (north, south);
       lat += lat_step)
    {
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, widget, lat, west, &x, &y);
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, round (y), width, 1));
    }
}

static void
stead_background_layer_on_viewport_changed (SteadBackgroundLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
stead_background_layer_constructed (GObject *object)
{
  SteadBackgroundLayer *self = STEAD_BACKGROUND_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (stead_background_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify",
                           G_CALLBACK (stead_background_layer_on_viewport_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
stead_background_layer_class_init (SteadBackgroundLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = stead_background_layer_constructed;
  widget_class->snapshot = stead_background_layer_snapshot;
}

static void
stead_background_layer_init (SteadBackgroundLayer *self)
{
}

SteadBackgroundLayer *
stead_background_layer_new (ShumateViewport *viewport)
{
  return g_object_new (STEAD_TYPE_BACKGROUND_LAYER, "viewport", viewport, NULL);
}
