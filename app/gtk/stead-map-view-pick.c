/* stead-map-view-pick.c: picking a position on the map for a form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Pick on Map" in a position entry: the next click on the map gives a
 * position instead of showing what is there; a hint over the map says
 * so, with a Cancel button (Escape too).
 */

#define G_LOG_DOMAIN "stead-map-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-map-view-private.h"

static void
stead_map_view_pick_finish (SteadMapView *self,
                            gboolean      picked,
                            double        lon,
                            double        lat)
{
  SteadMapViewPickFunc func = self->pick_func;
  gpointer data = self->pick_data;
  GDestroyNotify destroy = self->pick_destroy;

  self->pick_func = NULL;
  self->pick_data = NULL;
  self->pick_destroy = NULL;
  if (self->pick_hint != NULL)
    gtk_widget_set_visible (self->pick_hint, FALSE);
  if (func != NULL)
    func (picked, lon, lat, data);
  if (destroy != NULL)
    destroy (data);
}

static void
stead_map_view_pick_on_cancel (SteadMapView *self)
{
  stead_map_view_cancel_pick (self);
}

/**
 * stead_map_view_begin_pick:
 * @self: a #SteadMapView
 * @hint: what to click, shown over the map
 * @func: called once: with the position clicked, or not picked if cancelled
 * @user_data: for @func
 * @destroy: (nullable): frees @user_data after @func
 *
 * The next click on the map picks a position (any pick under way is
 * cancelled first).
 */
void
stead_map_view_begin_pick (SteadMapView         *self,
                           const char           *hint,
                           SteadMapViewPickFunc  func,
                           gpointer              user_data,
                           GDestroyNotify        destroy)
{
  g_return_if_fail (STEAD_IS_MAP_VIEW (self));
  g_return_if_fail (func != NULL);

  stead_map_view_cancel_pick (self);
  if (self->pick_hint == NULL)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Cancel"));

      self->pick_hint = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      self->pick_label = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (self->pick_label), TRUE);
      gtk_box_append (GTK_BOX (self->pick_hint), self->pick_label);
      gtk_box_append (GTK_BOX (self->pick_hint), button);
      g_signal_connect_object (button, "clicked", G_CALLBACK (stead_map_view_pick_on_cancel),
                               self, G_CONNECT_SWAPPED);
      gtk_widget_add_css_class (self->pick_hint, "osd");
      gtk_widget_add_css_class (self->pick_hint, "toolbar");
      gtk_widget_set_halign (self->pick_hint, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (self->pick_hint, GTK_ALIGN_START);
      gtk_widget_set_margin_top (self->pick_hint, 12);
      gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->pick_hint);
    }
  gtk_label_set_text (GTK_LABEL (self->pick_label), hint);
  gtk_widget_set_visible (self->pick_hint, TRUE);
  self->pick_func = func;
  self->pick_data = user_data;
  self->pick_destroy = destroy;
}

gboolean
stead_map_view_is_picking (SteadMapView *self)
{
  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), FALSE);

  return self->pick_func != NULL;
}

void
stead_map_view_cancel_pick (SteadMapView *self)
{
  g_return_if_fail (STEAD_IS_MAP_VIEW (self));

  if (self->pick_func != NULL)
    stead_map_view_pick_finish (self, FALSE, 0, 0);
}

/* A click on the map while picking: its position. */
gboolean
stead_map_view_pick_click (SteadMapView *self,
                           double        x,
                           double        y)
{
  double lat, lon;

  if (self->pick_func == NULL)
    return FALSE;
  shumate_viewport_widget_coords_to_location (shumate_map_get_viewport (self->map),
                                              GTK_WIDGET (self->map), x, y, &lat, &lon);
  stead_map_view_pick_finish (self, TRUE, lon, lat);
  return TRUE;
}

/* For tests and the keyboard: picks the centre of the map. */
void
stead_map_view_pick_centre (SteadMapView *self)
{
  ShumateViewport *viewport;

  g_return_if_fail (STEAD_IS_MAP_VIEW (self));

  if (self->pick_func == NULL)
    return;
  viewport = shumate_map_get_viewport (self->map);
  stead_map_view_pick_finish (self, TRUE,
                              shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                              shumate_location_get_latitude (SHUMATE_LOCATION (viewport)));
}

/**
 * stead_map_view_show_point:
 * @self: a #SteadMapView
 * @need: a need (else a resource)
 * @fid: its fid
 *
 * Centres the map on the need or resource, with its popover.
 *
 * Returns: %FALSE if it is not there or has no position
 */
gboolean
stead_map_view_show_point (SteadMapView *self,
                           gboolean      need,
                           gint64        fid)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  double x, y, lon, lat;

  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), FALSE);

  if (self->workspace == NULL)
    return FALSE;
  stmt = stead_workspace_prepare (self->workspace,
                                  need ? "SELECT ST_MinX (geom), ST_MinY (geom) FROM need "
                                         "WHERE fid = ? AND geom IS NOT NULL"
                                       : "SELECT ST_MinX (geom), ST_MinY (geom) FROM resource "
                                         "WHERE fid = ? AND geom IS NOT NULL",
                                  NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, fid);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  lon = sqlite3_column_double (stmt, 0);
  lat = sqlite3_column_double (stmt, 1);
  shumate_map_center_on (self->map, lat, lon);
  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (self->map),
                                              GTK_WIDGET (self->map), lat, lon, &x, &y);
  stead_map_view_popover_show (self, need ? self->needs : self->resources, fid, x, y);
  return TRUE;
}

void
stead_map_view_pick_dispose (SteadMapView *self)
{
  stead_map_view_cancel_pick (self);
}
