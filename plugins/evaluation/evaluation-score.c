/* evaluation-score.c: the arithmetic of assessments
 *
 * A statement's score is a value of its framework's scale. A dimension
 * scores the mean of its scored statements, normalised to 0..1 of the
 * scale so that frameworks with different scales read alike; unscored
 * statements are counted, never taken as zero. The overall score gives
 * each dimension the same weight.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "evaluation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "evaluation-private.h"

/* Normalised scores closer than this are the same. */
#define EVALUATION_SAME_EPSILON 1e-9

static void
evaluation_score_statement_free (EvaluationStatement *statement)
{
  g_free (statement->id);
  g_free (statement->text);
  g_free (statement->guidance);
  g_free (statement);
}

static void
evaluation_score_dimension_free (EvaluationDimension *dimension)
{
  g_free (dimension->id);
  g_free (dimension->title);
  g_clear_pointer (&dimension->statements, g_ptr_array_unref);
  g_free (dimension);
}

static void
evaluation_score_scale_value_clear (EvaluationScaleValue *value)
{
  g_free (value->label);
  g_free (value->description);
}

void
evaluation_framework_free (EvaluationFramework *framework)
{
  if (framework == NULL)
    return;
  g_free (framework->key);
  g_free (framework->version);
  g_free (framework->title);
  g_free (framework->description);
  g_free (framework->citation);
  g_free (framework->url);
  g_free (framework->licence);
  g_free (framework->note);
  g_clear_pointer (&framework->scale, g_array_unref);
  g_clear_pointer (&framework->dimensions, g_ptr_array_unref);
  g_free (framework);
}

EvaluationFramework *
evaluation_framework_new (void)
{
  EvaluationFramework *framework = g_new0 (EvaluationFramework, 1);

  framework->scale = g_array_new (FALSE, TRUE, sizeof (EvaluationScaleValue));
  g_array_set_clear_func (framework->scale, (GDestroyNotify) evaluation_score_scale_value_clear);
  framework->dimensions = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                          evaluation_score_dimension_free);
  return framework;
}

EvaluationDimension *
evaluation_dimension_new (void)
{
  EvaluationDimension *dimension = g_new0 (EvaluationDimension, 1);

  dimension->statements = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                          evaluation_score_statement_free);
  return dimension;
}

EvaluationStatement *
evaluation_statement_new (void)
{
  return g_new0 (EvaluationStatement, 1);
}

gint64
evaluation_framework_scale_min (const EvaluationFramework *framework)
{
  gint64 min = G_MAXINT64;

  for (guint i = 0; i < framework->scale->len; i++)
    min = MIN (min, g_array_index (framework->scale, EvaluationScaleValue, i).value);
  return framework->scale->len > 0 ? min : 0;
}

gint64
evaluation_framework_scale_max (const EvaluationFramework *framework)
{
  gint64 max = G_MININT64;

  for (guint i = 0; i < framework->scale->len; i++)
    max = MAX (max, g_array_index (framework->scale, EvaluationScaleValue, i).value);
  return framework->scale->len > 0 ? max : 0;
}

const char *
evaluation_framework_scale_label (const EvaluationFramework *framework,
                                  gint64                     value)
{
  for (guint i = 0; i < framework->scale->len; i++)
    {
      const EvaluationScaleValue *v = &g_array_index (framework->scale, EvaluationScaleValue, i);

      if (v->value == value)
        return v->label;
    }
  return NULL;
}

const EvaluationStatement *
evaluation_framework_find_statement (const EvaluationFramework *framework,
                                     const char                *id,
                                     guint                     *dimension)
{
  for (guint d = 0; d < framework->dimensions->len; d++)
    {
      EvaluationDimension *dim = g_ptr_array_index (framework->dimensions, d);

      for (guint s = 0; s < dim->statements->len; s++)
        {
          EvaluationStatement *statement = g_ptr_array_index (dim->statements, s);

          if (g_str_equal (statement->id, id))
            {
              if (dimension != NULL)
                *dimension = d;
              return statement;
            }
        }
    }
  return NULL;
}

guint
evaluation_framework_n_statements (const EvaluationFramework *framework)
{
  guint n = 0;

  for (guint d = 0; d < framework->dimensions->len; d++)
    n += ((EvaluationDimension *) g_ptr_array_index (framework->dimensions, d))->statements->len;
  return n;
}

/* ------------------------------------------------------------------------ */

EvaluationScores *
evaluation_scores_new (gint64      assessment,
                       const char *date,
                       const char *title)
{
  EvaluationScores *scores = g_new0 (EvaluationScores, 1);

  scores->assessment = assessment;
  scores->date = g_strdup (date);
  scores->title = g_strdup (title);
  scores->scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  scores->evidence = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  scores->confidence = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return scores;
}

void
evaluation_scores_free (EvaluationScores *scores)
{
  if (scores == NULL)
    return;
  g_free (scores->date);
  g_free (scores->title);
  g_clear_pointer (&scores->scores, g_hash_table_unref);
  g_clear_pointer (&scores->evidence, g_hash_table_unref);
  g_clear_pointer (&scores->confidence, g_hash_table_unref);
  g_free (scores);
}

void
evaluation_scores_set (EvaluationScores *scores,
                       const char       *statement,
                       gint64            score)
{
  if (score < 0)
    {
      g_hash_table_remove (scores->scores, statement);
      return;
    }
  g_hash_table_insert (scores->scores, g_strdup (statement), g_memdup2 (&score, sizeof score));
}

void
evaluation_scores_set_evidence (EvaluationScores *scores,
                                const char       *statement,
                                const char       *evidence)
{
  if (evidence == NULL || evidence[0] == '\0')
    g_hash_table_remove (scores->evidence, statement);
  else
    g_hash_table_insert (scores->evidence, g_strdup (statement), g_strdup (evidence));
}

gboolean
evaluation_scores_get (const EvaluationScores *scores,
                       const char             *statement,
                       gint64                 *score)
{
  gint64 *value = g_hash_table_lookup (scores->scores, statement);

  if (value == NULL)
    return FALSE;
  *score = *value;
  return TRUE;
}

/* ------------------------------------------------------------------------ */

GArray *
evaluation_score_dimensions (const EvaluationFramework *framework,
                             const EvaluationScores    *scores)
{
  GArray *result = g_array_sized_new (FALSE, TRUE, sizeof (EvaluationDimensionScore),
                                      framework->dimensions->len);
  gint64 min = evaluation_framework_scale_min (framework);
  gint64 max = evaluation_framework_scale_max (framework);

  for (guint d = 0; d < framework->dimensions->len; d++)
    {
      EvaluationDimension *dim = g_ptr_array_index (framework->dimensions, d);
      EvaluationDimensionScore score = { dim->statements->len, 0, NAN, NAN };
      double sum = 0;

      for (guint s = 0; s < dim->statements->len; s++)
        {
          EvaluationStatement *statement = g_ptr_array_index (dim->statements, s);
          gint64 value;

          if (scores != NULL && evaluation_scores_get (scores, statement->id, &value))
            {
              sum += value;
              score.n_scored++;
            }
        }
      if (score.n_scored > 0)
        {
          score.mean = sum / score.n_scored;
          score.normalised = max > min ? (score.mean - min) / (double) (max - min) : 0;
        }
      g_array_append_val (result, score);
    }
  return result;
}

double
evaluation_score_overall (const EvaluationFramework *framework,
                          const EvaluationScores    *scores,
                          guint                     *n_scored)
{
  g_autoptr(GArray) dimensions = evaluation_score_dimensions (framework, scores);
  double sum = 0;
  guint n = 0, statements = 0;

  for (guint d = 0; d < dimensions->len; d++)
    {
      EvaluationDimensionScore *score = &g_array_index (dimensions, EvaluationDimensionScore, d);

      statements += score->n_scored;
      if (score->n_scored > 0)
        {
          sum += score->normalised;
          n++;
        }
    }
  if (n_scored != NULL)
    *n_scored = statements;
  return n > 0 ? sum / n : NAN;
}

static EvaluationMove
evaluation_score_move_of (double delta)
{
  if (isnan (delta))
    return EVALUATION_MOVE_UNKNOWN;
  if (fabs (delta) < EVALUATION_SAME_EPSILON)
    return EVALUATION_MOVE_SAME;
  return delta > 0 ? EVALUATION_MOVE_UP : EVALUATION_MOVE_DOWN;
}

EvaluationComparison *
evaluation_compare (const EvaluationFramework *framework,
                    const EvaluationScores    *earlier,
                    const EvaluationScores    *later)
{
  EvaluationComparison *comparison = g_new0 (EvaluationComparison, 1);
  g_autoptr(GArray) before = evaluation_score_dimensions (framework, earlier);
  g_autoptr(GArray) after = evaluation_score_dimensions (framework, later);

  comparison->statements = g_array_new (FALSE, TRUE, sizeof (EvaluationStatementChange));
  comparison->dimensions = g_array_new (FALSE, TRUE, sizeof (EvaluationDimensionChange));
  for (guint d = 0; d < framework->dimensions->len; d++)
    {
      EvaluationDimension *dim = g_ptr_array_index (framework->dimensions, d);
      EvaluationDimensionChange change = { 0 };

      for (guint s = 0; s < dim->statements->len; s++)
        {
          EvaluationStatement *statement = g_ptr_array_index (dim->statements, s);
          EvaluationStatementChange sc = { d, statement };

          sc.has_before = evaluation_scores_get (earlier, statement->id, &sc.before);
          sc.has_after = evaluation_scores_get (later, statement->id, &sc.after);
          if (sc.has_before && sc.has_after)
            {
              sc.delta = sc.after - sc.before;
              sc.move = evaluation_score_move_of ((double) sc.delta);
            }
          else
            sc.move = EVALUATION_MOVE_UNKNOWN;
          sc.evidence = g_hash_table_lookup (later->evidence, statement->id);
          g_array_append_val (comparison->statements, sc);
        }
      change.before = g_array_index (before, EvaluationDimensionScore, d).normalised;
      change.after = g_array_index (after, EvaluationDimensionScore, d).normalised;
      change.delta = change.after - change.before;
      change.move = evaluation_score_move_of (change.delta);
      g_array_append_val (comparison->dimensions, change);
    }
  comparison->overall_before = evaluation_score_overall (framework, earlier, NULL);
  comparison->overall_after = evaluation_score_overall (framework, later, NULL);
  return comparison;
}

void
evaluation_comparison_free (EvaluationComparison *comparison)
{
  if (comparison == NULL)
    return;
  g_clear_pointer (&comparison->statements, g_array_unref);
  g_clear_pointer (&comparison->dimensions, g_array_unref);
  g_free (comparison);
}

GPtrArray *
evaluation_trends (const EvaluationFramework *framework,
                   GPtrArray                 *history)
{
  GPtrArray *trends = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint d = 0; d < framework->dimensions->len; d++)
    g_ptr_array_add (trends, g_array_new (FALSE, TRUE, sizeof (EvaluationTrendPoint)));
  for (guint a = 0; a < history->len; a++)
    {
      EvaluationScores *scores = g_ptr_array_index (history, a);
      g_autoptr(GArray) dimensions = evaluation_score_dimensions (framework, scores);

      for (guint d = 0; d < dimensions->len; d++)
        {
          EvaluationDimensionScore *score = &g_array_index (dimensions,
                                                            EvaluationDimensionScore, d);
          EvaluationTrendPoint point = { scores->assessment, scores->date, score->normalised,
                                         score->n_scored };

          g_array_append_val (g_ptr_array_index (trends, d), point);
        }
    }
  return trends;
}

gboolean
evaluation_action_is_open (const char *status)
{
  return g_strcmp0 (status, "done") != 0 && g_strcmp0 (status, "dropped") != 0;
}

gboolean
evaluation_action_is_overdue (const char *status,
                              const char *due,
                              const char *today)
{
  return evaluation_action_is_open (status) && due != NULL && due[0] != '\0' &&
         g_strcmp0 (due, today) < 0;
}

const char *
evaluation_move_label (EvaluationMove move)
{
  switch (move)
    {
    case EVALUATION_MOVE_UP:
      return _("up");
    case EVALUATION_MOVE_DOWN:
      return _("down");
    case EVALUATION_MOVE_SAME:
      return _("same");
    case EVALUATION_MOVE_UNKNOWN:
    default:
      return _("not compared");
    }
}
