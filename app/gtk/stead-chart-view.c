/* stead-chart-view.c: a chart in the window, with its numbers as a table beside it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-chart-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-chart-view.h"

/* Narrower than this, the table goes below the chart. */
#define STEAD_CHART_VIEW_BESIDE_WIDTH 640
#define STEAD_CHART_VIEW_MIN_CHART    160

/* ------------------------------------------------------------------------ */
/* The canvas: the chart drawn at the size it is given                      */

#define STEAD_TYPE_CHART_CANVAS (stead_chart_canvas_get_type ())
G_DECLARE_FINAL_TYPE (SteadChartCanvas, stead_chart_canvas, STEAD, CHART_CANVAS, GtkWidget)

struct _SteadChartCanvas
{
  GtkWidget   parent_instance;
  SteadChart *chart;
};

G_DEFINE_FINAL_TYPE (SteadChartCanvas, stead_chart_canvas, GTK_TYPE_WIDGET)

static void
stead_chart_canvas_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  SteadChartCanvas *self = STEAD_CHART_CANVAS (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* The chart's colours are chosen against white: a white card in any style. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (self->chart != NULL)
    stead_chart_draw (self->chart, cr, 8, 8, width - 16, height - 16);
  cairo_destroy (cr);
}

static void
stead_chart_canvas_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  *minimum = STEAD_CHART_VIEW_MIN_CHART;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 560 : 340;
}

static void
stead_chart_canvas_dispose (GObject *object)
{
  g_clear_object (&STEAD_CHART_CANVAS (object)->chart);

  G_OBJECT_CLASS (stead_chart_canvas_parent_class)->dispose (object);
}

static void
stead_chart_canvas_class_init (SteadChartCanvasClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = stead_chart_canvas_dispose;
  widget_class->snapshot = stead_chart_canvas_snapshot;
  widget_class->measure = stead_chart_canvas_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "chart");
}

static void
stead_chart_canvas_init (SteadChartCanvas *self)
{
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}

/* ------------------------------------------------------------------------ */
/* The view                                                                 */

struct _SteadChartView
{
  GtkWidget         parent_instance;

  SteadChart       *chart;
  GtkWidget        *canvas;      /* SteadChartCanvas */
  GtkWidget        *scroller;
  GtkColumnView    *table;        /* owned by the scroller */
  GtkStringList    *rows_model;   /* a row's index, as text; owned by the table */
  GPtrArray        *rows;         /* GStrv, the chart's table */
};

enum
{
  PROP_0,
  PROP_CHART,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SteadChartView, stead_chart_view, GTK_TYPE_WIDGET)

static void
stead_chart_view_setup_cell (GtkSignalListItemFactory *factory,
                             GtkListItem              *item,
                             gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* The numbers can be copied. */
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (item, label);
}

static void
stead_chart_view_bind_cell (GtkSignalListItemFactory *factory,
                            GtkListItem              *item,
                            SteadChartView           *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkStringObject *index = gtk_list_item_get_item (item);
  guint row = (guint) g_ascii_strtoull (gtk_string_object_get_string (index), NULL, 10);
  const char *text = "";

  if (self->rows != NULL && row < self->rows->len)
    {
      char **cells = g_ptr_array_index (self->rows, row);

      if (column < g_strv_length (cells))
        text = cells[column];
    }
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

/* A new table for each chart: GTK 4.8's column view does not take its
 * columns being removed while it is shown (a critical in its focus
 * tracking). */
static void
stead_chart_view_new_table (SteadChartView *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  self->rows_model = gtk_string_list_new (NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (self->rows_model));
  self->table = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (
    g_steal_pointer (&selection))));
  gtk_column_view_set_show_column_separators (self->table, TRUE);
  gtk_column_view_set_show_row_separators (self->table, TRUE);
  gtk_column_view_set_reorderable (self->table, FALSE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->table));
}

/* The table's columns and rows, the canvas' chart and accessible text. */
static void
stead_chart_view_update (SteadChartView *self)
{
  g_auto(GStrv) titles = NULL;
  g_autofree char *description = NULL;
  const char *title;

  stead_chart_view_new_table (self);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_set_object (&STEAD_CHART_CANVAS (self->canvas)->chart, self->chart);
  gtk_widget_queue_draw (self->canvas);
  if (self->chart == NULL)
    {
      gtk_widget_set_visible (self->scroller, FALSE);
      return;
    }

  titles = stead_chart_get_table (self->chart, &self->rows);
  for (guint i = 0; titles[i] != NULL; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", G_CALLBACK (stead_chart_view_setup_cell), NULL);
      g_signal_connect_object (factory, "bind", G_CALLBACK (stead_chart_view_bind_cell), self, 0);
      column = gtk_column_view_column_new (titles[i], factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, i == 0);
      gtk_column_view_append_column (self->table, column);
    }
  {
    g_autoptr(GPtrArray) indices = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < self->rows->len; i++)
      g_ptr_array_add (indices, g_strdup_printf ("%u", i));
    g_ptr_array_add (indices, NULL);
    gtk_string_list_splice (self->rows_model, 0, 0, (const char * const *) indices->pdata);
  }
  gtk_widget_set_visible (self->scroller, self->rows->len > 0);

  title = stead_chart_get_title (self->chart);
  description = stead_chart_get_description (self->chart);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  {
    /* Translators: the accessible name of a chart's table; %s is its title */
    g_autofree char *table = g_strdup_printf (_("Numbers of “%s”"), title != NULL ? title : "");

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->table),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, table, -1);
  }
}

static gboolean
stead_chart_view_beside (int width)
{
  return width >= STEAD_CHART_VIEW_BESIDE_WIDTH;
}

static void
stead_chart_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  SteadChartView *self = STEAD_CHART_VIEW (widget);
  int chart_min, chart_nat, table_min = 0, table_nat = 0;

  gtk_widget_measure (self->canvas, orientation, -1, &chart_min, &chart_nat,
                      NULL, NULL);
  if (gtk_widget_get_visible (self->scroller))
    gtk_widget_measure (self->scroller, orientation, -1, &table_min, &table_nat, NULL, NULL);
  /* At its smallest the table is below the chart: as wide as the wider. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (chart_min, table_min);
      *natural = chart_nat + table_nat;
    }
  else
    {
      *minimum = chart_min + table_min;
      *natural = chart_nat + (for_size >= 0 && stead_chart_view_beside (for_size) ? 0
                                                                                  : table_nat);
      *natural = MAX (*natural, *minimum);
    }
}

static void
stead_chart_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  SteadChartView *self = STEAD_CHART_VIEW (widget);
  int table_min = 0, table_nat = 0;

  if (!gtk_widget_get_visible (self->scroller))
    {
      gtk_widget_allocate (self->canvas, width, height, -1, NULL);
      return;
    }
  if (stead_chart_view_beside (width))
    {
      int table_width;

      gtk_widget_measure (self->scroller, GTK_ORIENTATION_HORIZONTAL, -1, &table_min, &table_nat,
                          NULL, NULL);
      table_width = CLAMP (table_nat, table_min, MAX (table_min, width * 2 / 5));
      table_width = MIN (table_width, width - STEAD_CHART_VIEW_MIN_CHART);
      gtk_widget_allocate (self->canvas, width - table_width, height, -1, NULL);
      gtk_widget_allocate (self->scroller, table_width, height, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (width - table_width,
                                                                                0)));
    }
  else
    {
      int chart_height, table_height;

      gtk_widget_measure (self->scroller, GTK_ORIENTATION_VERTICAL, width, &table_min, &table_nat,
                          NULL, NULL);
      chart_height = MAX (STEAD_CHART_VIEW_MIN_CHART, height * 3 / 5);
      chart_height = MIN (chart_height, MAX (height - table_min, 0));
      table_height = MAX (height - chart_height, table_min);
      gtk_widget_allocate (self->canvas, width, chart_height, -1, NULL);
      gtk_widget_allocate (self->scroller, width, table_height, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, chart_height)));
    }
}

static void
stead_chart_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SteadChartView *self = STEAD_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_chart_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SteadChartView *self = STEAD_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      stead_chart_view_set_chart (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_chart_view_dispose (GObject *object)
{
  SteadChartView *self = STEAD_CHART_VIEW (object);

  g_clear_pointer (&self->canvas, gtk_widget_unparent);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->chart);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (stead_chart_view_parent_class)->dispose (object);
}

static void
stead_chart_view_class_init (SteadChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stead_chart_view_dispose;
  object_class->get_property = stead_chart_view_get_property;
  object_class->set_property = stead_chart_view_set_property;
  widget_class->measure = stead_chart_view_measure;
  widget_class->size_allocate = stead_chart_view_size_allocate;

  properties[PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL, STEAD_TYPE_CHART,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
stead_chart_view_init (SteadChartView *self)
{
  self->canvas = g_object_new (STEAD_TYPE_CHART_CANVAS, NULL);
  gtk_widget_set_parent (self->canvas, GTK_WIDGET (self));

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->scroller), 120);
  stead_chart_view_new_table (self);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  gtk_widget_set_visible (self->scroller, FALSE);
}

/**
 * stead_chart_view_new:
 * @chart: (nullable): the chart to show
 *
 * Returns: (transfer floating): a view of @chart with its table
 */
GtkWidget *
stead_chart_view_new (SteadChart *chart)
{
  return g_object_new (STEAD_TYPE_CHART_VIEW, "chart", chart, NULL);
}

/**
 * stead_chart_view_get_chart:
 * @self: a #SteadChartView
 *
 * Returns: (transfer none) (nullable): the chart shown
 */
SteadChart *
stead_chart_view_get_chart (SteadChartView *self)
{
  g_return_val_if_fail (STEAD_IS_CHART_VIEW (self), NULL);

  return self->chart;
}

void
stead_chart_view_set_chart (SteadChartView *self,
                            SteadChart     *chart)
{
  gboolean changed;

  g_return_if_fail (STEAD_IS_CHART_VIEW (self));
  g_return_if_fail (chart == NULL || STEAD_IS_CHART (chart));

  changed = g_set_object (&self->chart, chart);
  /* The same chart may have new values: the table is made again. */
  stead_chart_view_update (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
}
