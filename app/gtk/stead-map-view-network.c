/* stead-map-view-network.c: whether the online base maps can be shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With no network (the GNetworkMonitor says so, or tiles fail to download
 * for want of one) an online base map would be a blank grid credited to
 * OpenStreetMap. So the map says "Offline", takes the online layer and its
 * attribution away and shows the offline background; the base map the
 * user chose stays chosen, and comes back with the network.
 */

#define G_LOG_DOMAIN "stead-map-view"

#include "config.h"

#include <glib/gi18n.h>

#include "stead-map-view-private.h"

/* The downloader of the online base map chosen, if one is. */
static SteadTileDownloader *
stead_map_view_network_chosen_tiles (SteadMapView *self)
{
  if (self->base_map == STEAD_BASE_MAP_OPENSTREETMAP)
    return self->osm_tiles;
  if (self->base_map == STEAD_BASE_MAP_CUSTOM && self->custom != NULL)
    return self->custom_tiles;
  return NULL;
}

/* Offline when the monitor sees no network or the chosen server could not
 * be reached; the chip shows only when an online base map is chosen. */
void
stead_map_view_network_update (SteadMapView *self)
{
  SteadTileDownloader *tiles = stead_map_view_network_chosen_tiles (self);
  gboolean offline = !g_network_monitor_get_network_available (self->monitor) ||
                     (tiles != NULL && !stead_tile_downloader_get_reachable (tiles));

  gtk_widget_set_visible (self->offline_chip, offline && tiles != NULL);
  if (offline == self->offline)
    return;
  self->offline = offline;
  stead_map_view_update_online_layer (self);
  g_object_notify (G_OBJECT (self), "offline");
}

static void
stead_map_view_network_on_changed (SteadMapView    *self,
                                   gboolean         available,
                                   GNetworkMonitor *monitor)
{
  /* The network is back: try the servers again. */
  if (g_network_monitor_get_network_available (monitor))
    {
      stead_tile_downloader_set_reachable (self->osm_tiles, TRUE);
      if (self->custom_tiles != NULL)
        stead_tile_downloader_set_reachable (self->custom_tiles, TRUE);
    }
  stead_map_view_network_update (self);
}

/* Follows a tile server's :reachable. */
void
stead_map_view_network_watch (SteadMapView        *self,
                              SteadTileDownloader *tiles)
{
  g_signal_connect_object (tiles, "notify::reachable",
                           G_CALLBACK (stead_map_view_network_update), self, G_CONNECT_SWAPPED);
}

void
stead_map_view_set_network_monitor (SteadMapView    *self,
                                    GNetworkMonitor *monitor)
{
  g_return_if_fail (STEAD_IS_MAP_VIEW (self));
  g_return_if_fail (G_IS_NETWORK_MONITOR (monitor));

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_func (self->monitor, stead_map_view_network_on_changed, self);
  g_set_object (&self->monitor, monitor);
  g_signal_connect_object (monitor, "network-changed",
                           G_CALLBACK (stead_map_view_network_on_changed), self,
                           G_CONNECT_SWAPPED);
  stead_map_view_network_on_changed (self, g_network_monitor_get_network_available (monitor),
                                     monitor);
}

/**
 * stead_map_view_get_offline:
 * @self: a #SteadMapView
 *
 * Returns: %TRUE if the online base maps cannot be shown for want of a
 *   network, so the offline background is shown instead
 */
gboolean
stead_map_view_get_offline (SteadMapView *self)
{
  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), FALSE);

  return self->offline;
}

/* The "Offline" chip, top left, and the system's network monitor. */
void
stead_map_view_network_init (SteadMapView *self)
{
  GtkWidget *chip = gtk_label_new (_("Offline"));

  gtk_widget_add_css_class (chip, "osd");
  gtk_widget_add_css_class (chip, "stead-offline-chip");
  gtk_widget_set_tooltip_text (chip, _("No network: the offline background is shown until it "
                                       "returns"));
  /* Under the layer list's button (32 px, 12 from the corner), where
   * neither the search's card (top middle) nor an area's summary (right)
   * opens, however narrow the map. */
  gtk_widget_set_halign (chip, GTK_ALIGN_START);
  gtk_widget_set_valign (chip, GTK_ALIGN_START);
  gtk_widget_set_margin_top (chip, 12 + 32 + 8);
  gtk_widget_set_margin_start (chip, 12);
  gtk_widget_set_visible (chip, FALSE);
  gtk_widget_set_can_target (chip, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), chip);
  self->offline_chip = chip;

  stead_map_view_network_watch (self, self->osm_tiles);
  stead_map_view_set_network_monitor (self, g_network_monitor_get_default ());
}

void
stead_map_view_network_dispose (SteadMapView *self)
{
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_func (self->monitor, stead_map_view_network_on_changed, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->osm_tiles);
  g_clear_object (&self->custom_tiles);
}
