/* stead-map-view-search.c: the map's search (Ctrl+F) and the place it marks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ctrl+F (map.search) or the search button opens SteadMapSearch over the
 * top of the map. The place chosen is flown to (its extent fitted, or a
 * point shown at street level) and marked by SteadPlaceLayer above every
 * other layer, until the next place is chosen, Escape is pressed on the
 * map, or another workspace is shown.
 */

#define G_LOG_DOMAIN "stead-map-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "stead-map-search-private.h"
#include "stead-map-view-private.h"
#include "stead-place-layer-private.h"

/* A point (a postcode, a site, eastings and northings) is shown at street
 * level; a fitted extent never closer. */
#define POINT_ZOOM 16.0
#define MAX_FIT_ZOOM 17.0

/**
 * stead_map_view_get_search_place:
 * @self: a #SteadMapView
 *
 * Returns: (transfer none) (nullable): the place the map's search chose
 *   and marks, until the next search or Escape
 */
SteadPlace *
stead_map_view_get_search_place (SteadMapView *self)
{
  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), NULL);

  return stead_place_layer_get_place (self->place_layer);
}

/* The zoom at which @extent fills most of the map, measured in the
 * map's own projection at zoom 0. */
static double
stead_map_view_search_fit_zoom (SteadMapView        *self,
                                const SteadEnvelope *extent)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  double width = gtk_widget_get_width (GTK_WIDGET (self->map)) * 0.8;
  double height = gtk_widget_get_height (GTK_WIDGET (self->map)) * 0.8;
  double dx, dy;

  if (source == NULL || width <= 0 || height <= 0)
    return POINT_ZOOM;
  dx = fabs (shumate_map_source_get_x (source, 0, extent->max_x) -
             shumate_map_source_get_x (source, 0, extent->min_x));
  dy = fabs (shumate_map_source_get_y (source, 0, extent->min_y) -
             shumate_map_source_get_y (source, 0, extent->max_y));
  return MIN (log2 (width / MAX (dx, 1e-9)), log2 (height / MAX (dy, 1e-9)));
}

static void
stead_map_view_search_on_place_chosen (SteadMapView *self,
                                       SteadPlace   *place)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  SteadEnvelope extent;
  double lon, lat, zoom = POINT_ZOOM;

  /* Above the layers plugins added since, a partner's sites say. */
  gtk_widget_insert_before (GTK_WIDGET (self->place_layer), GTK_WIDGET (self->map), NULL);
  stead_place_layer_set_place (self->place_layer, place);
  stead_place_get_location (place, &lon, &lat);
  if (stead_place_get_extent (place, &extent))
    zoom = MIN (stead_map_view_search_fit_zoom (self, &extent), MAX_FIT_ZOOM);
  zoom = CLAMP (zoom, shumate_viewport_get_min_zoom_level (viewport),
                shumate_viewport_get_max_zoom_level (viewport));
  shumate_map_go_to_full (self->map, lat, lon, zoom);
  gtk_widget_grab_focus (GTK_WIDGET (self->map));
}

static void
stead_map_view_search_action (GtkWidget  *widget,
                              const char *action,
                              GVariant   *param)
{
  SteadMapView *self = STEAD_MAP_VIEW (widget);

  /* Ctrl+F on another page is not the map's. */
  if (gtk_widget_get_mapped (widget))
    stead_map_search_open (STEAD_MAP_SEARCH (self->search));
}

/* Escape on the map closes the search, else forgets the place marked;
 * while drawing an area, it is the drawing's. */
static gboolean
stead_map_view_search_on_key_pressed (SteadMapView          *self,
                                      guint                  keyval,
                                      guint                  keycode,
                                      GdkModifierType        state,
                                      GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Escape || stead_map_view_sketch_is_drawing (self))
    return FALSE;
  if (stead_map_view_is_picking (self))
    {
      stead_map_view_cancel_pick (self);
      return TRUE;
    }
  if (gtk_widget_get_visible (self->search))
    {
      stead_map_search_close (STEAD_MAP_SEARCH (self->search));
      return TRUE;
    }
  if (stead_place_layer_get_place (self->place_layer) == NULL)
    return FALSE;
  stead_place_layer_set_place (self->place_layer, NULL);
  return TRUE;
}

static void
stead_map_view_search_on_workspace (SteadMapView *self,
                                    GParamSpec   *pspec)
{
  stead_place_layer_set_place (self->place_layer, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.search", self->workspace != NULL);
}

void
stead_map_view_search_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "map.search", NULL,
                                   stead_map_view_search_action);
}

/* The search button leads @controls; the search's card goes over the
 * top of the map, above everything else, and the mark above every
 * layer. */
void
stead_map_view_search_init (SteadMapView *self,
                            GtkBox       *controls)
{
  GtkEventController *keys, *shortcuts;

  self->place_layer = stead_place_layer_new (shumate_map_get_viewport (self->map));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->place_layer));

  self->search = stead_map_search_new ();
  g_object_bind_property (self, "workspace", self->search, "workspace", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->search, "place-chosen",
                           G_CALLBACK (stead_map_view_search_on_place_chosen), self,
                           G_CONNECT_SWAPPED);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->search);

  gtk_box_prepend (controls, stead_map_view_control_button ("edit-find-symbolic", "map.search",
                                                            _("Search the Map")));

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (stead_map_view_search_on_key_pressed),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->map), keys);

  /* Ctrl+F wherever the focus is while the map shows (a click on the map
   * leaves it where it was), unless the focus is somewhere that searches
   * itself: the window runs this after the focus's own shortcuts. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                      gtk_named_action_new ("map.search")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect (self, "notify::workspace", G_CALLBACK (stead_map_view_search_on_workspace),
                    NULL);
  stead_map_view_search_on_workspace (self, NULL);
}
