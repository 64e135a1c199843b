/* evaluation-charts.c: the charts of assessments, the same in the window
 * and the report: a radar of the dimensions' scores (one assessment, or
 * two overlaid) and the dimensions' scores over time
 *
 * A dimension's score is its normalised mean (evaluation-score.c) shown
 * as a percentage of the scale, 0 to 100, so frameworks with different
 * scales read alike; a dimension with nothing scored is a missing value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "evaluation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "evaluation.h"

static void
evaluation_charts_percent_axis (SteadChart *chart)
{
  stead_chart_set_range (chart, 0, 100);
  stead_chart_set_value_format (chart, 0, "%");
}

/* The series' name: the assessment's title and date. */
static char *
evaluation_charts_series_name (const EvaluationScores *scores)
{
  /* TRANSLATORS: an assessment's title and its date */
  return g_strdup_printf (_("%s (%s)"), scores->title, scores->date);
}

SteadChart *
evaluation_chart_radar (const EvaluationFramework      *framework,
                        const EvaluationScores * const *scores,
                        guint                           n_scores)
{
  g_autofree char *title = NULL;
  SteadChart *chart;

  g_return_val_if_fail (framework != NULL, NULL);
  g_return_val_if_fail (n_scores == 1 || n_scores == 2, NULL);

  if (n_scores == 1)
    /* TRANSLATORS: a radar chart's title; the assessment's title */
    title = g_strdup_printf (_("Score per dimension: %s"), scores[0]->title);
  else
    /* TRANSLATORS: a radar chart's title; the two assessments' dates */
    title = g_strdup_printf (_("Score per dimension: %s and %s"), scores[0]->date,
                             scores[1]->date);
  chart = stead_chart_new (STEAD_CHART_RADAR, title);
  for (guint d = 0; d < framework->dimensions->len; d++)
    stead_chart_add_category (chart, ((EvaluationDimension *) g_ptr_array_index (
                                         framework->dimensions, d))->title);
  for (guint i = 0; i < n_scores; i++)
    {
      g_autoptr(GArray) dimensions = evaluation_score_dimensions (framework, scores[i]);
      /* Two overlaid: their dates tell them apart, as the table's columns. */
      g_autofree char *name = n_scores == 1 ? evaluation_charts_series_name (scores[i])
                                            : g_strdup (scores[i]->date);
      g_autofree double *values = g_new (double, dimensions->len);

      for (guint d = 0; d < dimensions->len; d++)
        values[d] = g_array_index (dimensions, EvaluationDimensionScore, d).normalised * 100;
      stead_chart_add_series (chart, name, values, dimensions->len);
      for (guint d = 0; n_scores == 1 && d < dimensions->len; d++)
        {
          EvaluationDimensionScore *score = &g_array_index (dimensions,
                                                            EvaluationDimensionScore, d);
          /* TRANSLATORS: beside a dimension's score: its statements scored of all */
          g_autofree char *label = g_strdup_printf (_("%u of %u scored"), score->n_scored,
                                                    score->n_statements);

          stead_chart_set_value_label (chart, i, d, label);
        }
    }
  evaluation_charts_percent_axis (chart);
  stead_chart_set_axis_titles (chart, _("Dimension"), _("Score, % of the scale"));
  return chart;
}

static SteadChart *
evaluation_charts_trends_of (const EvaluationFramework *framework,
                            GPtrArray                 *history,
                            int                        dimension)
{
  g_autoptr(GPtrArray) trends = NULL;
  SteadChart *chart;

  g_return_val_if_fail (framework != NULL && history != NULL, NULL);
  g_return_val_if_fail (dimension < (int) framework->dimensions->len, NULL);

  chart = stead_chart_new (STEAD_CHART_LINE,
                           dimension < 0 ? _("Score per dimension over time")
                                         : ((EvaluationDimension *) g_ptr_array_index (
                                              framework->dimensions, dimension))->title);
  for (guint a = 0; a < history->len; a++)
    stead_chart_add_category (chart,
                              ((EvaluationScores *) g_ptr_array_index (history, a))->date);
  trends = evaluation_trends (framework, history);
  for (guint d = dimension < 0 ? 0 : dimension;
       d < (dimension < 0 ? trends->len : (guint) dimension + 1); d++)
    {
      GArray *points = g_ptr_array_index (trends, d);
      g_autofree double *values = g_new (double, MAX (points->len, 1));

      for (guint a = 0; a < points->len; a++)
        values[a] = g_array_index (points, EvaluationTrendPoint, a).normalised * 100;
      stead_chart_add_series (chart,
                              ((EvaluationDimension *) g_ptr_array_index (framework->dimensions,
                                                                          d))->title,
                              values, points->len);
    }
  evaluation_charts_percent_axis (chart);
  /* One dimension's chart is small: its title says what the score is of. */
  stead_chart_set_axis_titles (chart, _("Assessment date"),
                               dimension < 0 ? _("Score, % of the scale") : _("Score"));
  return chart;
}

SteadChart *
evaluation_chart_trends (const EvaluationFramework *framework,
                         GPtrArray                 *history)
{
  return evaluation_charts_trends_of (framework, history, -1);
}

SteadChart *
evaluation_chart_dimension_trend (const EvaluationFramework *framework,
                                  GPtrArray                 *history,
                                  guint                      dimension)
{
  return evaluation_charts_trends_of (framework, history, (int) dimension);
}

gboolean
evaluation_scores_any (const EvaluationScores *scores)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, scores->scores);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value != NULL)
      return TRUE;
  return FALSE;
}
