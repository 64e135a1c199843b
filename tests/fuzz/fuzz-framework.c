/* fuzz-framework.c: an evaluation framework read from JSON and checked
 * against its schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "evaluation.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EvaluationFramework) framework = evaluation_framework_parse ((const char *) data,
                                                                         size, &error);
  g_autoptr(EvaluationScores) scores = NULL;
  g_autoptr(GArray) dimensions = NULL;

  if (framework == NULL)
    {
      /* A refusal always says why, in text. */
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  /* What is accepted can be scored: each statement at the scale's top. */
  g_assert_cmpuint (framework->scale->len, >=, 2);
  g_assert_cmpuint (framework->dimensions->len, >=, 1);
  scores = evaluation_scores_new (1, "2026-01-01", "fuzz");
  for (guint d = 0; d < framework->dimensions->len; d++)
    {
      EvaluationDimension *dimension = g_ptr_array_index (framework->dimensions, d);

      for (guint s = 0; s < dimension->statements->len; s++)
        evaluation_scores_set (scores,
                               ((EvaluationStatement *) g_ptr_array_index (dimension->statements,
                                                                           s))->id,
                               evaluation_framework_scale_max (framework));
    }
  dimensions = evaluation_score_dimensions (framework, scores);
  for (guint d = 0; d < dimensions->len; d++)
    g_assert_cmpfloat (g_array_index (dimensions, EvaluationDimensionScore, d).normalised, ==,
                       1.0);
  return 0;
}
