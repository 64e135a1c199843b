/* stead-chart-view.h: a chart in the window, with its numbers as a table beside it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <stead.h>

G_BEGIN_DECLS

#define STEAD_TYPE_CHART_VIEW (stead_chart_view_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadChartView, stead_chart_view, STEAD, CHART_VIEW, GtkWidget)

/* The chart drawn (GtkSnapshot, cairo) at any size, its numbers in a
 * table beside it, or below it when the view is narrow; the chart's
 * title and description are its accessible label and description. */
STEAD_AVAILABLE_IN_1_0
GtkWidget  *stead_chart_view_new       (SteadChart     *chart);
STEAD_AVAILABLE_IN_1_0
SteadChart *stead_chart_view_get_chart (SteadChartView *self);
/* Shows @chart (NULL: none, "No data"); call again after changing it. */
STEAD_AVAILABLE_IN_1_0
void        stead_chart_view_set_chart (SteadChartView *self,
                                        SteadChart     *chart);

G_END_DECLS
