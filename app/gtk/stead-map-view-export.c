/* stead-map-view-export.c: the map as it is shown, as PNG or PDF, for a briefing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The map widget (base map and every layer) is rendered to a texture by
 * the window's own GskRenderer, then one cairo drawing adds what a printed
 * map needs: a legend, a scale bar, a north arrow, the attribution and the
 * date. The same drawing goes to an image surface (PNG) or a PDF surface.
 * The file is written through SteadOutput (a temporary file beside it,
 * then a rename); it is 0600 while needs are shown, as their places are
 * where vulnerable people are.
 */

#define G_LOG_DOMAIN "stead-map-view"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "stead-map-view-private.h"

#define EXPORT_MARGIN 12.0
#define EXPORT_LEGEND_WIDTH 150.0

/* The map widget as the window draws it, with its layers. */
static GdkTexture *
stead_map_view_export_texture (SteadMapView  *self,
                               GError       **error)
{
  GtkWidget *map = GTK_WIDGET (self->map);
  GtkNative *native = gtk_widget_get_native (map);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  int width = gtk_widget_get_width (map);
  int height = gtk_widget_get_height (map);

  if (native == NULL || width <= 0 || height <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The map is not shown, so there is no view to export"));
      return NULL;
    }
  paintable = gtk_widget_paintable_new (map);
  snapshot = gtk_snapshot_new ();
  /* A background under the tiles not loaded yet, as on screen. */
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The map drew nothing"));
      return NULL;
    }
  return gsk_renderer_render_texture (gtk_native_get_renderer (native), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static cairo_surface_t *
stead_map_view_export_texture_surface (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  /* GDK's default download format is cairo's ARGB32, premultiplied. */
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* Text at (x, y) (its right or bottom edge there if asked), on a pale box
 * so it reads over any base map. */
static void
stead_map_view_export_text (cairo_t    *cr,
                            const char *text,
                            const char *font,
                            double      x,
                            double      y,
                            gboolean    right,
                            gboolean    bottom,
                            double      max_width)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  PangoRectangle logical;

  pango_layout_set_font_description (layout, desc);
  /* Wrapped to what is left of the width, never off the page. */
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment (layout, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    }
  pango_layout_set_text (layout, text, -1);
  /* Where the text is inside the layout: aligned right, it starts inset. */
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (right)
    x -= logical.x + logical.width;
  if (bottom)
    y -= logical.y + logical.height;
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_rectangle (cr, x + logical.x - 4, y + logical.y - 2, logical.width + 8,
                   logical.height + 4);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* What the map's layers show, in the top left corner. */
static void
stead_map_view_export_legend (SteadMapView *self,
                              cairo_t      *cr)
{
  static const struct { const char *label; double r, g, b; gboolean line; } entries[] = {
    { N_("Needs"), 0.80, 0.14, 0.11, FALSE },
    { N_("Resources"), 0.15, 0.45, 0.75, FALSE },
    { N_("Areas"), 0.35, 0.35, 0.35, TRUE },
    { N_("Selected area"), 0.90, 0.38, 0.0, TRUE },
  };
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string ("Sans 9");
  double x = EXPORT_MARGIN, y = EXPORT_MARGIN, row = 18;
  guint n = G_N_ELEMENTS (entries) - (self->selected == NULL ? 1 : 0);

  pango_layout_set_font_description (layout, desc);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
  cairo_rectangle (cr, x, y, EXPORT_LEGEND_WIDTH, 26 + n * row);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  pango_layout_set_markup (layout, _("<b>Legend</b>"), -1);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_move_to (cr, x + 8, y + 4);
  pango_cairo_show_layout (cr, layout);
  /* The entries are plain: not the heading's bold. */
  pango_layout_set_attributes (layout, NULL);
  for (guint i = 0; i < n; i++)
    {
      double ey = y + 24 + i * row;

      cairo_set_source_rgb (cr, entries[i].r, entries[i].g, entries[i].b);
      if (entries[i].line)
        {
          cairo_set_line_width (cr, 3);
          cairo_rectangle (cr, x + 10, ey + 3, 14, 10);
          cairo_stroke (cr);
        }
      else
        {
          cairo_arc (cr, x + 17, ey + 8, 6, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      pango_layout_set_text (layout, _(entries[i].label), -1);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_move_to (cr, x + 32, ey);
      pango_cairo_show_layout (cr, layout);
    }
}

/* Metres per pixel at the middle of the view (Web Mercator, 256-pixel tiles). */
static double
stead_map_view_export_metres_per_pixel (SteadMapView *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  double zoom = shumate_viewport_get_zoom_level (viewport);

  return 2 * G_PI * 6378137.0 * cos (lat * G_PI / 180) / (256 * pow (2, zoom));
}

/* A bar of a round length (1, 2 or 5 times a power of ten) at most a
 * quarter of the width, bottom left, and a north arrow, top right. */
static void
stead_map_view_export_scale_and_north (SteadMapView *self,
                                       cairo_t      *cr,
                                       double        width,
                                       double        height)
{
  double mpp = stead_map_view_export_metres_per_pixel (self);
  double most = width / 4 * mpp, metres = 1, px;
  g_autofree char *label = NULL;
  double x = EXPORT_MARGIN, y = height - 40;

  for (double power = 1; power < 1e8; power *= 10)
    for (guint i = 0; i < 3; i++)
      {
        double candidate = power * (double[]) { 1, 2, 5 }[i];

        if (candidate <= most)
          metres = candidate;
      }
  px = metres / mpp;
  if (metres >= 1000)
    /* Translators: the length of the scale bar on an exported map */
    label = g_strdup_printf (_("Scale: %g km"), metres / 1000);
  else
    label = g_strdup_printf (_("Scale: %g m"), metres);

  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_rectangle (cr, x - 4, y - 20, MAX (px, 90) + 8, 36);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_set_line_width (cr, 2);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x, y + 8);
  cairo_line_to (cr, x + px, y + 8);
  cairo_line_to (cr, x + px, y);
  cairo_stroke (cr);
  {
    g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
    g_autoptr(PangoFontDescription) desc = pango_font_description_from_string ("Sans 9");

    pango_layout_set_font_description (layout, desc);
    pango_layout_set_text (layout, label, -1);
    cairo_move_to (cr, x, y - 18);
    pango_cairo_show_layout (cr, layout);
  }

  /* North is up on a Web Mercator map. */
  {
    double nx = width - 36, ny = EXPORT_MARGIN + 6;

    cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
    cairo_arc (cr, nx, ny + 22, 20, 0, 2 * G_PI);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
    cairo_move_to (cr, nx, ny + 6);
    cairo_line_to (cr, nx + 8, ny + 34);
    cairo_line_to (cr, nx, ny + 28);
    cairo_line_to (cr, nx - 8, ny + 34);
    cairo_close_path (cr);
    cairo_fill (cr);
    stead_map_view_export_text (cr, C_("compass point", "N"), "Sans Bold 9", nx - 4, ny - 8,
                                FALSE, FALSE, 0);
  }
}

/* Who the base map and the data are from, as the map's licence shows it. */
static char *
stead_map_view_export_attribution (SteadMapView *self)
{
  GString *text = g_string_new (NULL);
  const char *extra = shumate_license_get_extra_text (self->license);

  if (self->online_layer != NULL && self->online_source != NULL &&
      gtk_widget_get_visible (GTK_WIDGET (self->online_layer)))
    {
      const char *license = shumate_map_source_get_license (self->online_source);

      if (license != NULL)
        g_string_append (text, license);
    }
  if (extra != NULL && *extra != '\0')
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, extra);
    }
  return g_string_free (text, FALSE);
}

/* The whole drawing: the map, then what a briefing needs over it. */
static void
stead_map_view_export_draw (SteadMapView    *self,
                            cairo_t         *cr,
                            cairo_surface_t *map,
                            double           width,
                            double           height)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_autofree char *attribution = stead_map_view_export_attribution (self);
  g_autofree char *stamp = NULL;

  cairo_set_source_surface (cr, map, 0, 0);
  cairo_paint (cr);
  /* The selected area's outline is over the map, not in it: drawn again. */
  cairo_save (cr);
  stead_map_view_select_draw_outline (self, cr);
  cairo_restore (cr);
  stead_map_view_export_legend (self, cr);
  stead_map_view_export_scale_and_north (self, cr, width, height);
  /* Translators: when an exported map was made, e.g. "Map of Tewkesbury, 2026-12-01 12:10" */
  stamp = g_strdup_printf (_("Map of %s, %s"),
                           self->workspace != NULL
                             ? stead_workspace_get_area_name (self->workspace) : _("the area"),
                           date);
  /* Top right, between the legend and the north arrow. */
  stead_map_view_export_text (cr, stamp, "Sans Bold 10", width - 70, EXPORT_MARGIN + 4, TRUE,
                              FALSE,
                              MAX (width - 70 - EXPORT_LEGEND_WIDTH - 3 * EXPORT_MARGIN, 60));
  /* Bottom right, clear of the scale bar (at most a quarter of the width). */
  if (*attribution != '\0')
    stead_map_view_export_text (cr, attribution, "Sans 7", width - EXPORT_MARGIN,
                                height - EXPORT_MARGIN, TRUE, TRUE,
                                MAX (width - MAX (width / 4, 90) - 4 * EXPORT_MARGIN, 60));
}

static cairo_status_t
stead_map_view_export_write (void                *closure,
                             const unsigned char *data,
                             unsigned int         length)
{
  GOutputStream *stream = closure;

  return g_output_stream_write_all (stream, data, length, NULL, NULL, NULL)
           ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/**
 * stead_map_view_export_view:
 * @self: a #SteadMapView
 * @file: where to write: a .pdf file, else PNG
 * @error: a #GError
 *
 * Writes the map as it is shown (base map, layers, the selected area)
 * with a legend, a scale bar, a north arrow, the attribution and the
 * date: PNG at the map's size in pixels, PDF at that size in points.
 * The file is whole or not written; 0600 while needs are shown.
 *
 * Returns: %TRUE if the file was written
 */
gboolean
stead_map_view_export_view (SteadMapView  *self,
                            GFile         *file,
                            GError       **error)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(SteadOutput) output = NULL;
  g_autofree char *name = NULL;
  cairo_surface_t *map, *target;
  cairo_status_t status;
  GOutputStream *stream;
  gboolean pdf;
  double width, height;
  cairo_t *cr;

  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!(texture = stead_map_view_export_texture (self, error)))
    return FALSE;
  name = g_file_get_basename (file);
  pdf = g_str_has_suffix (name, ".pdf") || g_str_has_suffix (name, ".PDF");
  output = stead_output_new (file, gtk_widget_get_visible (GTK_WIDGET (self->needs))
                                     ? STEAD_OUTPUT_FLAGS_PERSONAL : STEAD_OUTPUT_FLAGS_NONE);
  if (self->workspace != NULL)
    stead_output_protect_workspace (output, stead_workspace_get_path (self->workspace));
  if (!(stream = stead_output_open (output, error)))
    return FALSE;

  map = stead_map_view_export_texture_surface (texture);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  target = pdf ? cairo_pdf_surface_create_for_stream (stead_map_view_export_write, stream, width,
                                                      height)
               : cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
  cr = cairo_create (target);
  stead_map_view_export_draw (self, cr, map, width, height);
  cairo_destroy (cr);
  if (pdf)
    cairo_surface_finish (target);
  else
    cairo_surface_write_to_png_stream (target, stead_map_view_export_write, stream);
  status = cairo_surface_status (target);
  cairo_surface_destroy (target);
  cairo_surface_destroy (map);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), name,
                   cairo_status_to_string (status));
      stead_output_abandon (output);
      return FALSE;
    }
  return stead_output_commit (output, NULL, error);
}

static void
stead_map_view_export_on_response (GtkNativeDialog *chooser,
                                   int              response,
                                   SteadMapView    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->export_chooser);
  if (file == NULL)
    return;
  if (!stead_map_view_export_view (self, file, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (
        GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("Could Not Export the View"),
        error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
stead_map_view_export_action (GtkWidget  *widget,
                              const char *action,
                              GVariant   *param)
{
  SteadMapView *self = STEAD_MAP_VIEW (widget);
  g_autoptr(GtkFileFilter) png = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;

  if (self->export_chooser != NULL)
    return;
  self->export_chooser = gtk_file_chooser_native_new (
    _("Export View"), GTK_WINDOW (gtk_widget_get_root (widget)), GTK_FILE_CHOOSER_ACTION_SAVE,
    _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (pdf, _("PDF document"));
  gtk_file_filter_add_suffix (pdf, "pdf");
  gtk_file_filter_set_name (png, _("PNG image"));
  gtk_file_filter_add_suffix (png, "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->export_chooser), pdf);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->export_chooser), png);
  /* Translators: the file name an exported map is offered, with its date */
  name = g_strdup_printf (_("Map %s.pdf"), stamp);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);
  g_signal_connect_object (self->export_chooser, "response",
                           G_CALLBACK (stead_map_view_export_on_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

void
stead_map_view_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "map.export-view", NULL,
                                   stead_map_view_export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "map.export-view", NULL);
}

void
stead_map_view_export_dispose (SteadMapView *self)
{
  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);
}
