/* stead-map-view-select.c: which area a click selects, and its outline on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A click inside areas that overlap (a ward, its LSOAs, the boundary, a
 * flood zone) is a choice: a small popover lists every area under it,
 * smallest first, and the one chosen is summarised. Never one picked
 * silently. The area summarised is outlined on the map for as long as its
 * summary is shown; a need or resource chosen in the summary's list is
 * centred on the map with its popover (Open Record).
 */

#define G_LOG_DOMAIN "stead-map-view"

#include "config.h"

#include <glib/gi18n.h>

#include "stead-area-panel-private.h"
#include "stead-map-view-private.h"

/* Every ring of the selected area, in the map's pixels: on screen, and
 * in an exported view. */
void
stead_map_view_select_draw_outline (SteadMapView *self,
                                    cairo_t      *cr)
{

  if (self->selected == NULL || !gtk_widget_get_visible (self->area_panel))
    return;
  for (guint p = 0; p < stead_geometry_get_n_polygons (self->selected); p++)
    for (guint r = 0; r < stead_geometry_get_n_rings (self->selected, p); r++)
      {
        gsize n;
        const SteadCoord *ring = stead_geometry_get_ring (self->selected, p, r, &n);

        cairo_new_sub_path (cr);
        stead_map_view_sketch_path (self, cr, ring, n);
        cairo_close_path (cr);
      }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* A white casing under the colour: seen on any base map. */
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 6);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 0.90, 0.38, 0.0);
  cairo_set_line_width (cr, 3);
  cairo_stroke (cr);
}

static void
stead_map_view_select_draw (GtkDrawingArea *area,
                            cairo_t        *cr,
                            int             width,
                            int             height,
                            gpointer        user_data)
{
  stead_map_view_select_draw_outline (user_data, cr);
}

/**
 * stead_map_view_select_outline:
 * @self: a #SteadMapView
 * @area: (nullable): the area whose summary is shown, or %NULL
 *
 * Outlines @area on the map while its summary is shown.
 */
void
stead_map_view_select_outline (SteadMapView  *self,
                               SteadGeometry *area)
{
  g_clear_pointer (&self->selected, stead_geometry_unref);
  if (area != NULL)
    self->selected = stead_geometry_ref (area);
  gtk_widget_queue_draw (self->outline);
}

/* Outlines the area row @fid (its summary was just shown). */
void
stead_map_view_select_outline_area (SteadMapView *self,
                                    gint64        fid)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(SteadGeometry) area = NULL;

  stmt = stead_workspace_prepare (self->workspace, "SELECT geom FROM area WHERE fid = ?", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, fid);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_BLOB)
    area = stead_geometry_new_from_gpkg (sqlite3_column_blob (stmt, 0),
                                         sqlite3_column_bytes (stmt, 0), NULL, NULL);
  stead_map_view_select_outline (self, area);
}

static void
stead_map_view_select_on_panel_visible (SteadMapView *self)
{
  if (!gtk_widget_get_visible (self->area_panel))
    stead_map_view_select_outline (self, NULL);
}

static void
stead_map_view_select_on_chosen (GtkButton    *button,
                                 SteadMapView *self)
{
  gint64 fid = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "area"));

  gtk_popover_popdown (GTK_POPOVER (self->choice));
  stead_map_view_select_area (self, fid);
}

/* "Northway (ward)": the area's name and what kind of area it is. */
static char *
stead_map_view_select_label (SteadMapView *self,
                             gint64        fid)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
    self->workspace, "SELECT coalesce (name, code, ''), kind FROM area WHERE fid = ?", NULL);

  if (stmt == NULL)
    return g_strdup (_("Area"));
  sqlite3_bind_int64 (stmt, 1, fid);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return g_strdup (_("Area"));
  /* Translators: an area under the pointer: its name and its kind (ward, LSOA, boundary…) */
  return g_strdup_printf (_("%s (%s)"), (const char *) sqlite3_column_text (stmt, 0),
                          (const char *) sqlite3_column_text (stmt, 1));
}

/**
 * stead_map_view_select_at:
 * @self: a #SteadMapView
 * @lon: longitude of the click
 * @lat: latitude of the click
 * @x: where it was, in the map view's pixels
 * @y: where it was
 *
 * Summarises the one area under the point; where several overlap, offers
 * them all in a popover; where there is none, closes the summary.
 */
void
stead_map_view_select_at (SteadMapView *self,
                          double        lon,
                          double        lat,
                          double        x,
                          double        y)
{
  g_autoptr(GArray) fids = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *box;

  if (self->workspace == NULL ||
      !(fids = stead_area_summary_areas_at (self->workspace, lon, lat, &error)))
    {
      if (error != NULL)
        g_message ("%s", error->message);
      return;
    }
  if (fids->len == 0)
    {
      gtk_widget_set_visible (self->area_panel, FALSE);
      return;
    }
  if (fids->len == 1)
    {
      stead_map_view_select_area (self, g_array_index (fids, gint64, 0));
      return;
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  {
    GtkWidget *heading = gtk_label_new (_("Which Area?"));

    gtk_widget_add_css_class (heading, "heading");
    gtk_widget_set_margin_bottom (heading, 6);
    gtk_box_append (GTK_BOX (box), heading);
  }
  for (guint i = 0; i < fids->len; i++)
    {
      gint64 fid = g_array_index (fids, gint64, i);
      g_autofree char *label = stead_map_view_select_label (self, fid);
      GtkWidget *button = gtk_button_new_with_label (label);

      gtk_widget_add_css_class (button, "flat");
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
      g_object_set_data (G_OBJECT (button), "area", GSIZE_TO_POINTER (fid));
      g_signal_connect_object (button, "clicked", G_CALLBACK (stead_map_view_select_on_chosen),
                               self, 0);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_popover_set_child (GTK_POPOVER (self->choice), box);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->choice),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->choice));
}

/* A need or resource chosen in the summary: centred, with its popover. */
static void
stead_map_view_select_on_item (SteadMapView *self,
                               gboolean      need,
                               gint64        fid)
{
  stead_map_view_show_point (self, need, fid);
}

void
stead_map_view_select_init (SteadMapView *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);

  self->outline = gtk_drawing_area_new ();
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->outline), stead_map_view_select_draw,
                                  self, NULL);
  gtk_widget_set_can_target (self->outline, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->outline);
  g_signal_connect_object (viewport, "notify", G_CALLBACK (gtk_widget_queue_draw), self->outline,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->area_panel, "notify::visible",
                           G_CALLBACK (stead_map_view_select_on_panel_visible), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->area_panel, "item-activated",
                           G_CALLBACK (stead_map_view_select_on_item), self, G_CONNECT_SWAPPED);

  self->choice = gtk_popover_new ();
  gtk_widget_set_parent (self->choice, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->choice), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Areas under the pointer"), -1);
}

void
stead_map_view_select_dispose (SteadMapView *self)
{
  g_clear_pointer (&self->choice, gtk_widget_unparent);
  g_clear_pointer (&self->selected, stead_geometry_unref);
}
