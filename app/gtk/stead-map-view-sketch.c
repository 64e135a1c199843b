/* stead-map-view-sketch.c: drawing an area on the map to see what is inside
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shift and drag draws a rectangle; the "Draw an Area" tool draws a
 * polygon: a click per corner, a double click or Enter to finish, Escape
 * to give up. Either is summarised in the panel beside the map; a polygon
 * is kept, and offered to plugins through SteadMapView::area-drawn.
 */

#define G_LOG_DOMAIN "stead-map-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "stead-map-view-private.h"

/* Shift and drag draws a rectangle to summarise; a plain drag pans. */
static void
stead_map_view_sketch_on_band_begin (GtkGestureDrag *gesture,
                                     double          x,
                                     double          y,
                                     SteadMapView   *self)
{
  GdkModifierType state;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  if (!(state & GDK_SHIFT_MASK) || self->workspace == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->band_drawn = TRUE;
  self->band_x = x;
  self->band_y = y;
  gtk_widget_set_margin_start (self->band, (int) x);
  gtk_widget_set_margin_top (self->band, (int) y);
  gtk_widget_set_size_request (self->band, 1, 1);
  gtk_widget_set_visible (self->band, TRUE);
}

static void
stead_map_view_sketch_on_band_update (GtkGestureDrag *gesture,
                                      double          dx,
                                      double          dy,
                                      SteadMapView   *self)
{
  gtk_widget_set_margin_start (self->band, (int) MIN (self->band_x, self->band_x + dx));
  gtk_widget_set_margin_top (self->band, (int) MIN (self->band_y, self->band_y + dy));
  gtk_widget_set_size_request (self->band, (int) MAX (1, fabs (dx)), (int) MAX (1, fabs (dy)));
}

static void
stead_map_view_sketch_on_band_end (GtkGestureDrag *gesture,
                                   double          dx,
                                   double          dy,
                                   SteadMapView   *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double lat0, lon0, lat1, lon1;
  double x0 = MIN (self->band_x, self->band_x + dx), x1 = MAX (self->band_x, self->band_x + dx);
  double y0 = MIN (self->band_y, self->band_y + dy), y1 = MAX (self->band_y, self->band_y + dy);

  gtk_widget_set_visible (self->band, FALSE);
  if (x1 - x0 < 4 || y1 - y0 < 4)
    return;
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map), x0, y0,
                                              &lat0, &lon0);
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map), x1, y1,
                                              &lat1, &lon1);
  stead_map_view_select_box (self, lon0, lat1, lon1, lat0);
}

static void
stead_map_view_sketch_draw (GtkDrawingArea *area,
                            cairo_t        *cr,
                            int             width,
                            int             height,
                            gpointer        user_data)
{
  SteadMapView *self = user_data;
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);

  if (self->vertices->len == 0)
    return;
  for (guint i = 0; i < self->vertices->len; i++)
    {
      const SteadCoord *c = &g_array_index (self->vertices, SteadCoord, i);
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self->map), c->y, c->x,
                                                  &x, &y);
      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
      cairo_arc (cr, x, y, 3, 0, 2 * G_PI);
      cairo_move_to (cr, x, y);
    }
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
}

static void
stead_map_view_sketch_end (SteadMapView *self)
{
  g_array_set_size (self->vertices, 0);
  gtk_widget_queue_draw (self->sketch);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->draw_button), FALSE);
}

/* Summarises what lies inside the polygon drawn so far, and stops drawing. */
static void
stead_map_view_sketch_finish (SteadMapView *self)
{
  g_autoptr(GArray) ring = NULL;
  g_autoptr(SteadGeometry) polygon = NULL;
  g_autoptr(SteadAreaSummary) summary = NULL;
  SteadCoord first;

  if (self->vertices->len < 3 || self->workspace == NULL)
    {
      stead_map_view_sketch_end (self);
      return;
    }

  ring = g_array_copy (self->vertices);
  first = g_array_index (ring, SteadCoord, 0);
  g_array_append_val (ring, first);
  polygon = stead_geometry_new_polygon ((const SteadCoord *) ring->data, ring->len);
  summary = stead_area_summary_new (self->workspace, polygon, NULL);
  if (summary != NULL)
    stead_map_view_show_summary (self, _("Drawn area"), summary);
  g_clear_pointer (&self->drawn, stead_geometry_unref);
  self->drawn = stead_geometry_ref (polygon);
  stead_map_view_sketch_end (self);
  /* Plugins can keep it: a hazard area of a risk, say. */
  stead_map_view_emit_area_drawn (self, polygon);
}

static void
stead_map_view_sketch_on_toggled (GtkToggleButton *button,
                                  SteadMapView    *self)
{
  /* The double click that ends a polygon must not zoom the map. */
  shumate_map_set_zoom_on_double_click (self->map, !gtk_toggle_button_get_active (button));
  if (!gtk_toggle_button_get_active (button))
    {
      g_array_set_size (self->vertices, 0);
      gtk_widget_queue_draw (self->sketch);
    }
}

static void
stead_map_view_sketch_finish_action (GtkWidget  *widget,
                                     const char *action,
                                     GVariant   *param)
{
  SteadMapView *self = STEAD_MAP_VIEW (widget);

  if (stead_map_view_sketch_is_drawing (self))
    stead_map_view_sketch_finish (self);
}

static void
stead_map_view_sketch_cancel_action (GtkWidget  *widget,
                                     const char *action,
                                     GVariant   *param)
{
  stead_map_view_sketch_end (STEAD_MAP_VIEW (widget));
}

/* The map's own gestures claim each click, which resets the click
 * gesture's count: n_press stays 1 for a real double click. So double
 * clicks are told by the release times and places too. */
static gboolean
stead_map_view_sketch_is_double (SteadMapView    *self,
                                 GtkGestureClick *gesture,
                                 int              n_press,
                                 double           x,
                                 double           y)
{
  guint32 time = gtk_event_controller_get_current_event_time (GTK_EVENT_CONTROLLER (gesture));
  int double_time = 400, double_distance = 5;
  gboolean is_double;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                "gtk-double-click-time", &double_time,
                "gtk-double-click-distance", &double_distance,
                NULL);
  is_double = n_press >= 2 ||
              (self->last_release_time != 0 && time >= self->last_release_time &&
               time - self->last_release_time <= (guint32) double_time &&
               hypot (x - self->last_release_x, y - self->last_release_y) <=
                 MAX (double_distance, 8));
  self->last_release_time = is_double ? 0 : time;
  self->last_release_x = x;
  self->last_release_y = y;
  return is_double;
}

gboolean
stead_map_view_sketch_is_drawing (SteadMapView *self)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->draw_button));
}

/* Drawing a polygon: each click on the map adds a corner, a double
 * click ends it. */
void
stead_map_view_sketch_click (SteadMapView    *self,
                             GtkGestureClick *gesture,
                             int              n_press,
                             double           x,
                             double           y)
{
  SteadCoord c;

  if (!stead_map_view_is_on_map (self, x, y))
    return;
  if (stead_map_view_sketch_is_double (self, gesture, n_press, x, y))
    {
      stead_map_view_sketch_finish (self);
      return;
    }
  if (hypot (x - self->press_x, y - self->press_y) > 8)
    return;   /* a pan */

  shumate_viewport_widget_coords_to_location (shumate_map_get_viewport (self->map),
                                              GTK_WIDGET (self->map), x, y, &c.y, &c.x);
  g_array_append_val (self->vertices, c);
  gtk_widget_queue_draw (self->sketch);
}

/**
 * stead_map_view_get_drawn_area:
 * @self: a #SteadMapView
 *
 * Returns: (transfer none) (nullable): the last polygon the user drew
 */
SteadGeometry *
stead_map_view_get_drawn_area (SteadMapView *self)
{
  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), NULL);

  return self->drawn;
}

void
stead_map_view_sketch_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "map.finish-drawing", NULL,
                                   stead_map_view_sketch_finish_action);
  gtk_widget_class_install_action (widget_class, "map.cancel-drawing", NULL,
                                   stead_map_view_sketch_cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "map.finish-drawing", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "map.cancel-drawing", NULL);
}

/* The tool's button joins @controls; the rectangle and the polygon being
 * drawn are overlays that never take a click. */
void
stead_map_view_sketch_init (SteadMapView *self,
                            GtkBox       *controls)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  GtkGesture *drag;

  /* Draw a polygon: click its corners, double-click or Enter to finish. */
  self->draw_button = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (self->draw_button), "edit-select-all-symbolic");
  gtk_widget_set_tooltip_text (self->draw_button,
                               _("Draw an Area: click its corners, "
                                 "double-click to see what is inside"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->draw_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Draw an Area"), -1);
  gtk_widget_add_css_class (self->draw_button, "osd");
  g_signal_connect (self->draw_button, "toggled", G_CALLBACK (stead_map_view_sketch_on_toggled),
                    self);
  gtk_box_append (controls, self->draw_button);

  self->band = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->band, "stead-selection-band");
  gtk_widget_set_halign (self->band, GTK_ALIGN_START);
  gtk_widget_set_valign (self->band, GTK_ALIGN_START);
  gtk_widget_set_can_target (self->band, FALSE);
  gtk_widget_set_visible (self->band, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->band);

  self->vertices = g_array_new (FALSE, FALSE, sizeof (SteadCoord));
  self->sketch = gtk_drawing_area_new ();
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->sketch), stead_map_view_sketch_draw,
                                  self, NULL);
  gtk_widget_set_can_target (self->sketch, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->sketch);
  g_signal_connect_object (viewport, "notify", G_CALLBACK (gtk_widget_queue_draw), self->sketch,
                           G_CONNECT_SWAPPED);

  drag = gtk_gesture_drag_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (stead_map_view_sketch_on_band_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (stead_map_view_sketch_on_band_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (stead_map_view_sketch_on_band_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

void
stead_map_view_sketch_dispose (SteadMapView *self)
{
  g_clear_pointer (&self->drawn, stead_geometry_unref);
  g_clear_pointer (&self->vertices, g_array_unref);
}
