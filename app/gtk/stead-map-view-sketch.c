/* stead-map-view-sketch.c: drawing an area on the map to see what is inside
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shift and drag draws a rectangle; the "Draw an Area" tool draws a
 * polygon: a click per corner, a double click or Enter to finish, Escape
 * to give up, with a hint over the map saying so. What was drawn stays on
 * the map, summarised in the panel beside it, until the panel is closed;
 * the panel offers what plugins can do with it (SteadMapView's area
 * actions: "Save as Hazard Area…"), and SteadMapView::area-drawn hands it
 * to them too.
 */

#define G_LOG_DOMAIN "stead-map-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "stead-area-panel-private.h"
#include "stead-map-view-private.h"

static void stead_map_view_sketch_keep (SteadMapView  *self,
                                        SteadGeometry *polygon);

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
  double x0 = MIN (self->band_x, self->band_x + dx), x1 = MAX (self->band_x, self->band_x + dx);
  double y0 = MIN (self->band_y, self->band_y + dy), y1 = MAX (self->band_y, self->band_y + dy);
  double north, west, south, east;

  gtk_widget_set_visible (self->band, FALSE);
  if (x1 - x0 < 4 || y1 - y0 < 4)
    return;
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map), x0, y0,
                                              &north, &west);
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map), x1, y1,
                                              &south, &east);
  {
    const SteadCoord ring[] = {
      { west, south }, { east, south }, { east, north }, { west, north }, { west, south },
    };
    g_autoptr(SteadGeometry) box = stead_geometry_new_polygon (ring, G_N_ELEMENTS (ring));

    stead_map_view_sketch_keep (self, box);
  }
}

/* A path through @n corners, in the map's pixels. */
void
stead_map_view_sketch_path (SteadMapView     *self,
                            cairo_t          *cr,
                            const SteadCoord *coords,
                            gsize             n)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);

  for (gsize i = 0; i < n; i++)
    {
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self->map), coords[i].y,
                                                  coords[i].x, &x, &y);
      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
}

/* While drawing: the corners so far, joined, and the edges the next click
 * would add, to the pointer. Once drawn: the area, until dismissed. */
static void
stead_map_view_sketch_draw (GtkDrawingArea *area,
                            cairo_t        *cr,
                            int             width,
                            int             height,
                            gpointer        user_data)
{
  SteadMapView *self = user_data;
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (self->vertices->len > 0)
    {
      const SteadCoord *first = &g_array_index (self->vertices, SteadCoord, 0);
      double x, y;

      stead_map_view_sketch_path (self, cr, first, self->vertices->len);
      if (!isnan (self->pointer_x))
        {
          cairo_line_to (cr, self->pointer_x, self->pointer_y);
          shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self->map), first->y,
                                                      first->x, &x, &y);
          cairo_line_to (cr, x, y);
        }
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      for (guint i = 0; i < self->vertices->len; i++)
        {
          const SteadCoord *c = &g_array_index (self->vertices, SteadCoord, i);

          shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self->map), c->y, c->x,
                                                      &x, &y);
          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, 4, 0, 2 * G_PI);
        }
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
  else if (self->drawn_shown && self->drawn != NULL)
    {
      gsize n;
      const SteadCoord *ring = stead_geometry_get_ring (self->drawn, 0, 0, &n);

      stead_map_view_sketch_path (self, cr, ring, n);
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.18);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }
}

/* The drawn area is off the map, and its actions out of the panel: the
 * panel was closed or shows something else. */
void
stead_map_view_sketch_hide_drawn (SteadMapView *self)
{
  if (!self->drawn_shown)
    return;
  self->drawn_shown = FALSE;
  stead_area_panel_set_actions (STEAD_AREA_PANEL (self->area_panel), NULL);
  gtk_widget_queue_draw (self->sketch);
}

static void
stead_map_view_sketch_on_panel_visible (SteadMapView *self)
{
  if (!gtk_widget_get_visible (self->area_panel))
    stead_map_view_sketch_hide_drawn (self);
}

/* Summarises what lies inside @polygon beside the map, keeps it on the map
 * with what plugins offer to do with it, and tells them. */
static void
stead_map_view_sketch_keep (SteadMapView  *self,
                            SteadGeometry *polygon)
{
  g_autoptr(SteadAreaSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  gint32 days[2];

  if (self->workspace == NULL ||
      !(summary = stead_area_summary_new_in_days (self->workspace, polygon,
                                                  stead_map_view_time_days (self, days), &error)))
    {
      if (error != NULL)
        g_message ("%s", error->message);
      return;
    }
  stead_map_view_show_summary (self, _("Drawn area"), summary);
  stead_map_view_remember_summary (self, 0, polygon, _("Drawn area"));
  g_clear_pointer (&self->drawn, stead_geometry_unref);
  self->drawn = stead_geometry_ref (polygon);
  self->drawn_shown = TRUE;
  if (g_menu_model_get_n_items (G_MENU_MODEL (self->area_actions)) > 0)
    stead_area_panel_set_actions (STEAD_AREA_PANEL (self->area_panel),
                                  G_MENU_MODEL (self->area_actions));
  gtk_widget_queue_draw (self->sketch);
  stead_map_view_emit_area_drawn (self, polygon);
}

static void
stead_map_view_sketch_end (SteadMapView *self)
{
  g_array_set_size (self->vertices, 0);
  gtk_widget_queue_draw (self->sketch);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->draw_button), FALSE);
}

/* Keeps the polygon drawn so far, and stops drawing. */
static void
stead_map_view_sketch_finish (SteadMapView *self)
{
  g_autoptr(GArray) ring = NULL;
  g_autoptr(SteadGeometry) polygon = NULL;
  SteadCoord first;

  if (self->vertices->len < 3)
    {
      stead_map_view_sketch_end (self);
      return;
    }

  ring = g_array_copy (self->vertices);
  first = g_array_index (ring, SteadCoord, 0);
  g_array_append_val (ring, first);
  polygon = stead_geometry_new_polygon ((const SteadCoord *) ring->data, ring->len);
  stead_map_view_sketch_end (self);
  stead_map_view_sketch_keep (self, polygon);
}

static void
stead_map_view_sketch_on_toggled (GtkToggleButton *button,
                                  SteadMapView    *self)
{
  gboolean drawing = gtk_toggle_button_get_active (button);

  g_array_set_size (self->vertices, 0);
  self->last_press_time = 0;
  self->finish_on_release = FALSE;
  /* A new drawing replaces the last one, and has the whole map. */
  if (drawing)
    gtk_widget_set_visible (self->area_panel, FALSE);
  gtk_widget_set_visible (self->hint, drawing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.finish-drawing", drawing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.cancel-drawing", drawing);
  /* The double click that ends a polygon must not zoom the map. libshumate
   * honours this from 1.6 on; before, the press is kept from the map
   * (stead_map_view_sketch_press). */
  shumate_map_set_zoom_on_double_click (self->map, !drawing);
  gtk_widget_queue_draw (self->sketch);
}

static void
stead_map_view_sketch_finish_action (GtkWidget  *widget,
                                     const char *action,
                                     GVariant   *param)
{
  stead_map_view_sketch_finish (STEAD_MAP_VIEW (widget));
}

static void
stead_map_view_sketch_cancel_action (GtkWidget  *widget,
                                     const char *action,
                                     GVariant   *param)
{
  stead_map_view_sketch_end (STEAD_MAP_VIEW (widget));
}

/* Whether this press and the one before make a double click. The map's
 * own gestures claim each click, which resets the click gesture's count
 * (n_press stays 1 for a real double click), so the times and places of
 * the presses tell it too. */
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
              (self->last_press_time != 0 && time >= self->last_press_time &&
               time - self->last_press_time <= (guint32) double_time &&
               hypot (x - self->last_press_x, y - self->last_press_y) <= MAX (double_distance, 8));
  self->last_press_time = is_double ? 0 : time;
  self->last_press_x = x;
  self->last_press_y = y;
  return is_double;
}

gboolean
stead_map_view_sketch_is_drawing (SteadMapView *self)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->draw_button));
}

/* While drawing, the press that makes a double click ends the polygon on
 * its release. It is claimed, so the map never sees it: libshumate 1.0
 * zooms in on a double click whatever zoom-on-double-click says. */
void
stead_map_view_sketch_press (SteadMapView    *self,
                             GtkGestureClick *gesture,
                             int              n_press,
                             double           x,
                             double           y)
{
  self->finish_on_release = stead_map_view_is_on_map (self, x, y) &&
                            stead_map_view_sketch_is_double (self, gesture, n_press, x, y);
  if (self->finish_on_release)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* While drawing, a click on the map adds a corner; the release of a
 * double click ends the polygon. */
void
stead_map_view_sketch_click (SteadMapView *self,
                             double        x,
                             double        y)
{
  SteadCoord c;

  if (self->finish_on_release)
    {
      self->finish_on_release = FALSE;
      stead_map_view_sketch_finish (self);
      return;
    }
  if (!stead_map_view_is_on_map (self, x, y) || hypot (x - self->press_x, y - self->press_y) > 8)
    return;   /* on a button, or a pan */

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

/**
 * stead_map_view_add_area_action:
 * @self: a #SteadMapView
 * @label: what the menu item says ("Save as Hazard Area…")
 * @action: a detailed action name the window can activate ("risks.save-drawn-area"),
 *   which finds the area with stead_map_view_get_drawn_area()
 *
 * Offers @action for an area drawn on the map, in the panel that
 * summarises it. Remove it with stead_map_view_remove_area_action().
 */
void
stead_map_view_add_area_action (SteadMapView *self,
                                const char   *label,
                                const char   *action)
{
  g_return_if_fail (STEAD_IS_MAP_VIEW (self));
  g_return_if_fail (label != NULL && action != NULL);

  g_menu_append (self->area_actions, label, action);
  if (self->drawn_shown)
    stead_area_panel_set_actions (STEAD_AREA_PANEL (self->area_panel),
                                  G_MENU_MODEL (self->area_actions));
}

void
stead_map_view_remove_area_action (SteadMapView *self,
                                   const char   *action)
{
  GMenuModel *menu;

  g_return_if_fail (STEAD_IS_MAP_VIEW (self));
  g_return_if_fail (action != NULL);

  menu = G_MENU_MODEL (self->area_actions);
  for (int i = g_menu_model_get_n_items (menu) - 1; i >= 0; i--)
    {
      g_autofree char *name = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        g_menu_remove (self->area_actions, i);
    }
  if (g_menu_model_get_n_items (menu) == 0)
    stead_area_panel_set_actions (STEAD_AREA_PANEL (self->area_panel), NULL);
}

void
stead_map_view_sketch_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "map.finish-drawing", NULL,
                                   stead_map_view_sketch_finish_action);
  gtk_widget_class_install_action (widget_class, "map.cancel-drawing", NULL,
                                   stead_map_view_sketch_cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "map.finish-drawing", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "map.finish-drawing",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "map.cancel-drawing", NULL);
}

/* The tool's button joins @controls; the hint, the rectangle and the
 * polygon being drawn are overlays that never take a click. */
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.finish-drawing", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.cancel-drawing", FALSE);

  /* Top centre, clear of the layer list (left) and the controls (right). */
  self->hint = gtk_label_new (_("Click to add points, double-click to finish, Escape to cancel"));
  gtk_label_set_wrap (GTK_LABEL (self->hint), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->hint), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (self->hint, "osd");
  gtk_widget_add_css_class (self->hint, "stead-map-hint");
  gtk_widget_set_halign (self->hint, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->hint, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->hint, 12);
  gtk_widget_set_margin_start (self->hint, 64);
  gtk_widget_set_margin_end (self->hint, 64);
  gtk_widget_set_can_target (self->hint, FALSE);
  gtk_widget_set_visible (self->hint, FALSE);

  self->band = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->band, "stead-selection-band");
  gtk_widget_set_halign (self->band, GTK_ALIGN_START);
  gtk_widget_set_valign (self->band, GTK_ALIGN_START);
  gtk_widget_set_can_target (self->band, FALSE);
  gtk_widget_set_visible (self->band, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->band);

  self->vertices = g_array_new (FALSE, FALSE, sizeof (SteadCoord));
  self->area_actions = g_menu_new ();
  self->sketch = gtk_drawing_area_new ();
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->sketch), stead_map_view_sketch_draw,
                                  self, NULL);
  gtk_widget_set_can_target (self->sketch, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->sketch);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->hint);
  g_signal_connect_object (viewport, "notify", G_CALLBACK (gtk_widget_queue_draw), self->sketch,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->area_panel, "notify::visible",
                           G_CALLBACK (stead_map_view_sketch_on_panel_visible), self,
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
  g_clear_object (&self->area_actions);
}
