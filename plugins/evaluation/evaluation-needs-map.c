/* evaluation-needs-map.c: the areas shaded by the needs opened in the
 * period the Need over Time view shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One overlay layer a window, off until the view's Show on Map; the view
 * gives it its counts (those of its own table, the kit's trends) and the
 * period its legend names.
 */

#define G_LOG_DOMAIN "evaluation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "evaluation-needs-view.h"

#define LAYER_KEY "evaluation-needs-layer"
#define PERIOD_KEY "evaluation-needs-period"

static void
evaluation_needs_map_weak_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
evaluation_needs_map_draw_swatch (GtkDrawingArea *area,
                                  cairo_t        *cr,
                                  int             width,
                                  int             height,
                                  gpointer        user_data)
{
  const double *rgb = g_object_get_data (G_OBJECT (area), "evaluation-rgb");

  stead_area_layer_draw_swatch (cr, STEAD_AREA_STYLE_SHADED, rgb, width, height);
}

static GtkWidget *
evaluation_needs_map_label (const char *text,
                            gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* The five classes, and the period they count. */
static GtkWidget *
evaluation_needs_map_legend (ShumateLayer *layer,
                             gpointer      user_data)
{
  SteadAreaLayer *areas = STEAD_AREA_LAYER (layer);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  const char *period = g_object_get_data (G_OBJECT (layer), PERIOD_KEY);
  gboolean any = FALSE;

  for (guint i = 0; i < 5; i++)
    {
      double from, to, rgb[3];
      g_autofree char *text = NULL;
      GtkWidget *row, *swatch;

      if (!stead_area_layer_get_class (areas, i, &from, &to, rgb))
        continue;
      any = TRUE;
      /* Whole needs: a class above the first starts above the last. */
      if (i > 0)
        from = floor (from) + 1;
      text = from >= to ? g_strdup_printf ("%.0f", to) : g_strdup_printf ("%.0f – %.0f", from, to);
      row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      swatch = gtk_drawing_area_new ();
      g_object_set_data_full (G_OBJECT (swatch), "evaluation-rgb",
                              g_memdup2 (rgb, sizeof rgb), g_free);
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 22);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch),
                                      evaluation_needs_map_draw_swatch, NULL, NULL);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (row), swatch);
      gtk_box_append (GTK_BOX (row), evaluation_needs_map_label (text, FALSE));
      gtk_box_append (GTK_BOX (box), row);
    }
  if (any && period != NULL)
    {
      g_autofree char *note = g_strdup_printf (_("Needs opened per ward, %s. Not shaded: none."),
                                               period);

      gtk_box_append (GTK_BOX (box), evaluation_needs_map_label (note, TRUE));
    }
  else
    gtk_box_append (GTK_BOX (box),
                    evaluation_needs_map_label (_("Choose a period in Evaluation ▸ Need over Time "
                                                  "to shade the wards by its needs."),
                                                TRUE));
  return box;
}

void
evaluation_needs_map_load (SteadWindowAddin *addin,
                           SteadWindow      *window)
{
  SteadMapView *map = stead_window_get_map_view (window);
  SteadAreaLayer *layer;
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  layer = g_object_ref_sink (stead_area_layer_new_overlay (stead_map_view_get_viewport (map),
                                                           STEAD_AREA_STYLE_SHADED));
  stead_area_layer_set_workspace (layer, stead_window_get_workspace (window));
  gtk_widget_set_visible (GTK_WIDGET (layer), FALSE);
  stead_window_addin_add_layer (addin, SHUMATE_LAYER (layer), _("Needs in the Evaluation Period"));
  stead_map_view_set_layer_legend (map, SHUMATE_LAYER (layer), evaluation_needs_map_legend, NULL,
                                   NULL);
  g_weak_ref_init (ref, layer);
  g_object_set_data_full (G_OBJECT (window), LAYER_KEY, ref, evaluation_needs_map_weak_free);
  g_object_unref (layer);
}

/* The window's layer, if its plugin is loaded: (transfer full). */
static SteadAreaLayer *
evaluation_needs_map_get (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GWeakRef *ref = root != NULL ? g_object_get_data (G_OBJECT (root), LAYER_KEY) : NULL;

  return ref != NULL ? g_weak_ref_get (ref) : NULL;
}

gboolean
evaluation_needs_map_set (GtkWidget             *widget,
                          const SteadNeedTrends *trends,
                          const char            *period)
{
  g_autoptr(SteadAreaLayer) layer = evaluation_needs_map_get (widget);
  g_autoptr(GArray) fids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  if (layer == NULL)
    return FALSE;
  for (guint i = 0; trends != NULL && i < trends->areas->len; i++)
    {
      const SteadNeedTrendsArea *area = &g_array_index (trends->areas, SteadNeedTrendsArea, i);
      double value = area->count;

      if (area->count == 0)
        continue;
      g_array_append_val (fids, area->fid);
      g_array_append_val (values, value);
    }
  stead_area_layer_set_values (layer, (const gint64 *) fids->data, (const double *) values->data,
                               fids->len);
  g_object_set_data_full (G_OBJECT (layer), PERIOD_KEY, g_strdup (period), g_free);
  return TRUE;
}

gboolean
evaluation_needs_map_show (GtkWidget *widget)
{
  g_autoptr(SteadAreaLayer) layer = evaluation_needs_map_get (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (layer == NULL || !STEAD_IS_WINDOW (root))
    return FALSE;
  gtk_widget_set_visible (GTK_WIDGET (layer), TRUE);
  stead_window_show_page (STEAD_WINDOW (root), "map");
  return TRUE;
}
