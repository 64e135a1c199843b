/* stead-map-view-empty.c: a workspace with no areas yet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A new workspace has nothing to show, and the map of the whole UK says
 * nothing of what to do next. So over it the map says how to begin: import
 * the partnership's boundary (and wards, LSOAs) from a GeoJSON or
 * GeoPackage file, with a button for the window's Import. It goes when the
 * first area arrives, and the map then shows that area.
 */

#define G_LOG_DOMAIN "stead-map-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "stead-map-view-private.h"

static gboolean
stead_map_view_empty_has_areas (SteadMapView *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = stead_workspace_prepare (self->workspace, "SELECT 1 FROM area LIMIT 1", NULL);
  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;
}

/* Shown for an open workspace with no areas; when the first area arrives,
 * the map goes to it. */
void
stead_map_view_empty_update (SteadMapView *self)
{
  gboolean was_shown = gtk_widget_get_visible (self->empty_state);
  gboolean shown = self->workspace != NULL && !stead_workspace_is_closed (self->workspace) &&
                   !stead_map_view_empty_has_areas (self);

  gtk_widget_set_visible (self->empty_state, shown);
  /* Once laid out again: the area layer reads the new areas after this. */
  if (was_shown && !shown && self->workspace != NULL)
    {
      self->zoom_to_extent = FALSE;
      self->zoom_pending = TRUE;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
}

void
stead_map_view_empty_init (SteadMapView *self)
{
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Import Boundary…"));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.import");
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "mark-location-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Import your boundary"));
  adw_status_page_set_description (
    ADW_STATUS_PAGE (page),
    _("Import the partnership's boundary, and its wards or LSOAs, from a GeoJSON or "
      "GeoPackage file: the map then shows your area, and needs and resources are counted "
      "in each part of it."));
  adw_status_page_set_child (ADW_STATUS_PAGE (page), button);
  gtk_widget_add_css_class (page, "compact");
  gtk_widget_add_css_class (page, "card");
  gtk_widget_add_css_class (page, "stead-map-empty");
  gtk_widget_set_halign (page, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (page, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (page, 340, -1);
  gtk_widget_set_margin_start (page, 24);
  gtk_widget_set_margin_end (page, 24);
  gtk_widget_set_visible (page, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), page);
  self->empty_state = page;
}
