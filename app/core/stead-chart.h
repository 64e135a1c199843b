/* stead-chart.h: labelled, colour-blind safe charts any plugin fills and cairo draws
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <cairo.h>
#include <glib-object.h>

#include "stead-version-macros.h"

G_BEGIN_DECLS

#define STEAD_TYPE_CHART (stead_chart_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadChart, stead_chart, STEAD, CHART, GObject)

/* What a chart shows. The categories are the labels along the category
 * axis (or round a radar); each series gives one value per category. */
typedef enum
{
  /* Bars side by side, one a series in each category (one series: plain bars). */
  STEAD_CHART_BAR,
  /* The series' bars stacked in each category (negative values count as 0). */
  STEAD_CHART_STACKED_BAR,
  /* A line a series across the categories, which are times in order. */
  STEAD_CHART_LINE,
  /* A spoke a category, a closed line a series (scores against a framework). */
  STEAD_CHART_RADAR,
  /* A grid: the categories across, a row a series (hour of day × weekday),
   * each cell shaded on one hue's ramp, with the ramp as the legend. */
  STEAD_CHART_HEAT_GRID,
} SteadChartKind;

STEAD_AVAILABLE_IN_1_0
SteadChart     *stead_chart_new                (SteadChartKind      kind,
                                                const char         *title);
STEAD_AVAILABLE_IN_1_0
SteadChartKind  stead_chart_get_kind           (SteadChart         *self);
STEAD_AVAILABLE_IN_1_0
const char     *stead_chart_get_title          (SteadChart         *self);
STEAD_AVAILABLE_IN_1_0
void            stead_chart_set_title          (SteadChart         *self,
                                                const char         *title);

/* The category axis' labels, in order (NULL-terminated). */
STEAD_AVAILABLE_IN_1_0
void            stead_chart_set_categories     (SteadChart         *self,
                                                const char * const *categories);
STEAD_AVAILABLE_IN_1_0
guint           stead_chart_add_category       (SteadChart         *self,
                                                const char         *label);
STEAD_AVAILABLE_IN_1_0
guint           stead_chart_get_n_categories   (SteadChart         *self);
STEAD_AVAILABLE_IN_1_0
const char     *stead_chart_get_category       (SteadChart         *self,
                                                guint               index);

/* A series: its name (the legend's, the table's column) and up to one
 * value a category; NAN is a value that is missing. Returns its index. */
STEAD_AVAILABLE_IN_1_0
guint           stead_chart_add_series         (SteadChart         *self,
                                                const char         *name,
                                                const double       *values,
                                                guint               n_values);
STEAD_AVAILABLE_IN_1_0
guint           stead_chart_get_n_series       (SteadChart         *self);
STEAD_AVAILABLE_IN_1_0
const char     *stead_chart_get_series_name    (SteadChart         *self,
                                                guint               series);
STEAD_AVAILABLE_IN_1_0
void            stead_chart_set_value          (SteadChart         *self,
                                                guint               series,
                                                guint               category,
                                                double              value);
STEAD_AVAILABLE_IN_1_0
double          stead_chart_get_value          (SteadChart         *self,
                                                guint               series,
                                                guint               category);
/* A value's own label ("Good practice"), shown beside its number. */
STEAD_AVAILABLE_IN_1_0
void            stead_chart_set_value_label    (SteadChart         *self,
                                                guint               series,
                                                guint               category,
                                                const char         *label);

/* The value axis runs from @min to @max; NAN for either: from the data
 * (and 0). */
STEAD_AVAILABLE_IN_1_0
void            stead_chart_set_range          (SteadChart         *self,
                                                double              min,
                                                double              max);
/* Values are shown with @decimals decimals, followed by @unit ("%",
 * " days"; NULL for none). */
STEAD_AVAILABLE_IN_1_0
void            stead_chart_set_value_format   (SteadChart         *self,
                                                guint               decimals,
                                                const char         *unit);
/* The value in the chart's format, as the axis and the table show it. */
STEAD_AVAILABLE_IN_1_0
char           *stead_chart_format_value       (SteadChart         *self,
                                                double              value);
/* The axes' titles (translated; NULL for none). */
STEAD_AVAILABLE_IN_1_0
void            stead_chart_set_axis_titles    (SteadChart         *self,
                                                const char         *category_axis,
                                                const char         *value_axis);
/* What the chart shows in words, for a screen reader and the report's
 * caption; without one, a sentence made from the kind and the data. */
STEAD_AVAILABLE_IN_1_0
void            stead_chart_set_description    (SteadChart         *self,
                                                const char         *description);
STEAD_AVAILABLE_IN_1_0
char           *stead_chart_get_description    (SteadChart         *self);
/* %TRUE if there is no value to draw: the chart says "No data". */
STEAD_AVAILABLE_IN_1_0
gboolean        stead_chart_is_empty           (SteadChart         *self);

/* Draws the chart in the box (user units: points in a PDF, pixels in a
 * window) with its title, legend, axes and labels; no text overlaps
 * another or leaves the box. A chart is drawn by one thread at a time
 * (a report's worker, or the window's). */
STEAD_AVAILABLE_IN_1_0
void            stead_chart_draw               (SteadChart         *self,
                                                cairo_t            *cr,
                                                double              x,
                                                double              y,
                                                double              width,
                                                double              height);
/* The boxes (cairo_rectangle_t, in user space) of every text the last
 * stead_chart_draw() placed: for tests and tooltips. Returns: (transfer none) */
STEAD_AVAILABLE_IN_1_0
GArray         *stead_chart_get_label_boxes    (SteadChart         *self);

/* The numbers as a table: a row a category, its label first, then a
 * column a series (the value formatted, with its label). Returns:
 * (transfer full) the columns' titles, and in @rows (element-type GStrv)
 * the rows. */
STEAD_AVAILABLE_IN_1_0
GStrv           stead_chart_get_table          (SteadChart         *self,
                                                GPtrArray         **rows);

/* The palette: Okabe–Ito, as "#rrggbb", for the series in order (it
 * cycles after 8), and the heat grid's single-hue ramp at @t in [0, 1]. */
STEAD_AVAILABLE_IN_1_0
const char     *stead_chart_series_colour      (guint               series);
STEAD_AVAILABLE_IN_1_0
void            stead_chart_ramp_colour        (double              t,
                                                double             *red,
                                                double             *green,
                                                double             *blue);

G_END_DECLS
