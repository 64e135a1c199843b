/* stead-place-layer.c: the place the map's search chose, marked on the map
 *
 * A pin on each of its points and a strong outline round each of its
 * polygons (an area, a grid square), above every other layer, until the
 * next search or Escape. Drawn with cairo on a surface the size of what
 * is in view, as the area layer is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-place-layer"

#include "config.h"

#include <math.h>

#include "stead-area-layer-private.h"
#include "stead-place-layer-private.h"

#define PIN_RADIUS 10.0
#define PIN_HEIGHT 26.0   /* from the tip to the centre of the head */
#define MARGIN     6.0    /* the widest line, and the pin's border */

struct _SteadPlaceLayer
{
  ShumateLayer  parent_instance;

  SteadPlace   *place;
};

G_DEFINE_FINAL_TYPE (SteadPlaceLayer, stead_place_layer, SHUMATE_TYPE_LAYER)

/* GNOME's purple: not a need (red), a resource or an area (blue). */
static const double mark_rgb[3] = { 0.57, 0.25, 0.67 };

SteadPlaceLayer *
stead_place_layer_new (ShumateViewport *viewport)
{
  return g_object_new (STEAD_TYPE_PLACE_LAYER, "viewport", viewport, NULL);
}

/**
 * stead_place_layer_get_place:
 * @self: a #SteadPlaceLayer
 *
 * Returns: (transfer none) (nullable): the place marked
 */
SteadPlace *
stead_place_layer_get_place (SteadPlaceLayer *self)
{
  g_return_val_if_fail (STEAD_IS_PLACE_LAYER (self), NULL);

  return self->place;
}

/**
 * stead_place_layer_set_place:
 * @self: a #SteadPlaceLayer
 * @place: (nullable): what to mark; %NULL for nothing
 */
void
stead_place_layer_set_place (SteadPlaceLayer *self,
                             SteadPlace      *place)
{
  g_return_if_fail (STEAD_IS_PLACE_LAYER (self));
  g_return_if_fail (place == NULL || STEAD_IS_PLACE (place));

  if (g_set_object (&self->place, place))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A pin whose tip is at (@x, @y): a disc above a point, and a white dot. */
static void
stead_place_layer_draw_pin (cairo_t *cr,
                            double   x,
                            double   y)
{
  double cy = y - PIN_HEIGHT;
  double spread = acos (PIN_RADIUS / PIN_HEIGHT);

  cairo_new_path (cr);
  cairo_move_to (cr, x, y);
  cairo_arc (cr, x, cy, PIN_RADIUS, G_PI / 2 + spread, G_PI / 2 - spread + 2 * G_PI);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, mark_rgb[0], mark_rgb[1], mark_rgb[2]);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
  cairo_arc (cr, x, cy, PIN_RADIUS * 0.4, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
stead_place_layer_draw_shape (cairo_t         *cr,
                              ShumateViewport *viewport,
                              GtkWidget       *widget,
                              SteadGeometry   *shape)
{
  SteadGeometryType type = stead_geometry_get_geometry_type (shape);
  double x, y;

  if (type == STEAD_GEOMETRY_POINT)
    {
      double lon, lat;

      stead_geometry_get_point (shape, &lon, &lat);
      shumate_viewport_location_to_widget_coords (viewport, widget, lat, lon, &x, &y);
      stead_place_layer_draw_pin (cr, x, y);
      return;
    }

  cairo_new_path (cr);
  if (type == STEAD_GEOMETRY_LINESTRING)
    {
      gsize n;
      const SteadCoord *coords = stead_geometry_get_coords (shape, &n);

      for (gsize i = 0; i < n; i++)
        {
          shumate_viewport_location_to_widget_coords (viewport, widget, coords[i].y, coords[i].x,
                                                      &x, &y);
          cairo_line_to (cr, x, y);
        }
    }
  else
    {
      stead_area_layer_trace_geometry (cr, viewport, widget, shape);
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_set_source_rgba (cr, mark_rgb[0], mark_rgb[1], mark_rgb[2], 0.12);
      cairo_fill_preserve (cr);
    }
  /* A white halo under the line keeps it clear on any base map. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, MARGIN);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, mark_rgb[0], mark_rgb[1], mark_rgb[2]);
  cairo_set_line_width (cr, 3);
  cairo_stroke (cr);
}

/* What the place covers on screen, pins and lines included. */
static gboolean
stead_place_layer_bounds (SteadPlaceLayer *self,
                          graphene_rect_t *bounds)
{
  GtkWidget *widget = GTK_WIDGET (self);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  GPtrArray *shapes = stead_place_get_shapes (self->place);
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  for (guint i = 0; i < shapes->len; i++)
    {
      SteadGeometry *shape = g_ptr_array_index (shapes, i);
      gboolean pin = stead_geometry_get_geometry_type (shape) == STEAD_GEOMETRY_POINT;
      SteadEnvelope env;
      double ax, ay, bx, by;

      if (!stead_geometry_get_envelope (shape, &env))
        continue;
      shumate_viewport_location_to_widget_coords (viewport, widget, env.max_y, env.min_x, &ax,
                                                  &ay);
      shumate_viewport_location_to_widget_coords (viewport, widget, env.min_y, env.max_x, &bx,
                                                  &by);
      x0 = MIN (x0, ax - (pin ? PIN_RADIUS : 0));
      x1 = MAX (x1, bx + (pin ? PIN_RADIUS : 0));
      y0 = MIN (y0, ay - (pin ? PIN_HEIGHT + PIN_RADIUS : 0));
      y1 = MAX (y1, by);
    }
  x0 = MAX (floor (x0) - MARGIN, 0);
  y0 = MAX (floor (y0) - MARGIN, 0);
  x1 = MIN (ceil (x1) + MARGIN, width);
  y1 = MIN (ceil (y1) + MARGIN, height);
  if (x1 <= x0 || y1 <= y0)
    return FALSE;
  graphene_rect_init (bounds, x0, y0, x1 - x0, y1 - y0);
  return TRUE;
}

static void
stead_place_layer_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  SteadPlaceLayer *self = STEAD_PLACE_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  GPtrArray *shapes;
  graphene_rect_t bounds;
  cairo_t *cr;

  if (self->place == NULL || viewport == NULL ||
      shumate_viewport_get_reference_map_source (viewport) == NULL ||
      !stead_place_layer_bounds (self, &bounds))
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  shapes = stead_place_get_shapes (self->place);
  /* Outlines first, so that no line crosses a pin. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < shapes->len; i++)
      {
        SteadGeometry *shape = g_ptr_array_index (shapes, i);

        if ((stead_geometry_get_geometry_type (shape) == STEAD_GEOMETRY_POINT) == (pass == 1))
          stead_place_layer_draw_shape (cr, viewport, widget, shape);
      }
  cairo_destroy (cr);
}

static void
stead_place_layer_dispose (GObject *object)
{
  SteadPlaceLayer *self = STEAD_PLACE_LAYER (object);

  g_clear_object (&self->place);
  G_OBJECT_CLASS (stead_place_layer_parent_class)->dispose (object);
}

static void
stead_place_layer_constructed (GObject *object)
{
  SteadPlaceLayer *self = STEAD_PLACE_LAYER (object);

  G_OBJECT_CLASS (stead_place_layer_parent_class)->constructed (object);
  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

static void
stead_place_layer_class_init (SteadPlaceLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stead_place_layer_dispose;
  object_class->constructed = stead_place_layer_constructed;
  widget_class->snapshot = stead_place_layer_snapshot;
}

static void
stead_place_layer_init (SteadPlaceLayer *self)
{
  /* A mark, not a control: clicks go through to the map. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_name (GTK_WIDGET (self), "place-mark");
}
