/* stead-map-view-empty.c: a workspace with no areas yet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A new workspace has nothing to show, and the map of the whole UK says
 * nothing of what to do next. So over it the map says how to begin: import
 * the partnership's boundary (and wards, LSOAs) from a GeoJSON or
 * GeoPackage file, with a button for the window's Import. It goes when the
 * first area arrives, and the map then shows that area. A workspace that
 * already has needs or resources shows those instead, uncovered.
 */

#define G_LOG_DOMAIN "stead-map-view"

#include "config.h"

#include <glib/gi18n.h>

#include "stead-map-view-private.h"

static gboolean
stead_map_view_empty_has_areas (SteadMapView *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = stead_workspace_prepare (self->workspace, "SELECT 1 FROM area LIMIT 1", NULL);
  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
stead_map_view_empty_has_points (SteadMapView *self)
{
  SteadEnvelope extent;

  return stead_point_source_get_extent (self->workspace, &extent);
}

/* Shown for an open workspace with no areas and nothing else to show
 * (needs and resources imported first are not hidden under it); when the
 * first area arrives, the map goes to it. */
void
stead_map_view_empty_update (SteadMapView *self)
{
  gboolean was_shown = gtk_widget_get_visible (self->empty_state);
  gboolean shown = self->workspace != NULL && !stead_workspace_is_closed (self->workspace) &&
                   !stead_map_view_empty_has_areas (self) &&
                   !stead_map_view_empty_has_points (self);

  gtk_widget_set_visible (self->empty_state, shown);
  /* Once laid out again: the area layer reads the new areas after this. */
  if (was_shown && !shown && self->workspace != NULL)
    {
      self->zoom_to_extent = FALSE;
      self->zoom_pending = TRUE;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
}

/* A card, not an AdwStatusPage: the page scrolls, and over a short map
 * its button would be cut off. */
void
stead_map_view_empty_init (SteadMapView *self)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("mark-location-symbolic");
  GtkWidget *title = gtk_label_new (_("Import your boundary"));
  GtkWidget *text = gtk_label_new (
    _("Import the partnership's boundary, and its wards or LSOAs, from a GeoJSON or "
      "GeoPackage file: the map then shows your area, and needs and resources are counted "
      "in each part of it."));
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Import Boundary…"));

  gtk_image_set_pixel_size (GTK_IMAGE (icon), 48);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_widget_add_css_class (title, "title-2");
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_justify (GTK_LABEL (title), GTK_JUSTIFY_CENTER);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 40);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.import");
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (card), icon);
  gtk_box_append (GTK_BOX (card), title);
  gtk_box_append (GTK_BOX (card), text);
  gtk_box_append (GTK_BOX (card), button);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "stead-map-empty");
  gtk_widget_set_halign (card, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (card, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (card, 64);
  gtk_widget_set_margin_end (card, 64);
  gtk_widget_set_margin_top (card, 64);
  gtk_widget_set_margin_bottom (card, 48);
  gtk_widget_set_visible (card, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), card);
  self->empty_state = card;
}
