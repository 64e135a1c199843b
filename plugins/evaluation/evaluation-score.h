/* evaluation-score.h: the arithmetic of assessments (no SQL, no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     *id;
  char     *text;
  char     *guidance;     /* nullable */
  gboolean  verified;     /* the wording was checked against the source */
} EvaluationStatement;

typedef struct
{
  char      *id;
  char      *title;
  GPtrArray *statements;  /* EvaluationStatement */
} EvaluationDimension;

typedef struct
{
  gint64  value;
  char   *label;
  char   *description;    /* nullable */
} EvaluationScaleValue;

typedef struct
{
  char      *key;         /* the file's "id" */
  char      *version;
  char      *title;
  char      *description;
  char      *citation;
  char      *url;
  char      *licence;
  char      *note;
  gboolean   verified;
  GArray    *scale;       /* EvaluationScaleValue, lowest first */
  GPtrArray *dimensions;  /* EvaluationDimension */
} EvaluationFramework;

void        evaluation_framework_free           (EvaluationFramework       *framework);
gint64      evaluation_framework_scale_min      (const EvaluationFramework *framework);
gint64      evaluation_framework_scale_max      (const EvaluationFramework *framework);
const char *evaluation_framework_scale_label    (const EvaluationFramework *framework,
                                                 gint64                     value);
const EvaluationStatement *
            evaluation_framework_find_statement (const EvaluationFramework *framework,
                                                 const char                *id,
                                                 guint                     *dimension);
guint       evaluation_framework_n_statements   (const EvaluationFramework *framework);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EvaluationFramework, evaluation_framework_free)

/* One assessment's scores by statement id, with the evidence for each. */
typedef struct
{
  gint64      assessment;
  char       *date;       /* YYYY-MM-DD */
  char       *title;
  GHashTable *scores;     /* statement id -> gint64 * */
  GHashTable *evidence;   /* statement id -> text */
  GHashTable *confidence; /* statement id -> "low", "medium" or "high" */
} EvaluationScores;

EvaluationScores *evaluation_scores_new          (gint64            assessment,
                                                  const char       *date,
                                                  const char       *title);
void              evaluation_scores_free         (EvaluationScores *scores);
void              evaluation_scores_set          (EvaluationScores *scores,
                                                  const char       *statement,
                                                  gint64            score);
void              evaluation_scores_set_evidence (EvaluationScores *scores,
                                                  const char       *statement,
                                                  const char       *evidence);
gboolean          evaluation_scores_get          (const EvaluationScores *scores,
                                                  const char             *statement,
                                                  gint64                 *score);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EvaluationScores, evaluation_scores_free)

/* A dimension's score: the mean of its scored statements, and that mean
 * on 0..1 of the scale (min 0, max 1); NAN when none is scored. */
typedef struct
{
  guint   n_statements;
  guint   n_scored;
  double  mean;
  double  normalised;
} EvaluationDimensionScore;

/* EvaluationDimensionScore per dimension, in the framework's order. */
GArray *evaluation_score_dimensions (const EvaluationFramework *framework,
                                     const EvaluationScores    *scores);
/* The mean of the dimensions' normalised scores, each dimension counting
 * once whatever its number of statements (NAN if none is scored);
 * @n_scored: how many statements are. */
double  evaluation_score_overall    (const EvaluationFramework *framework,
                                     const EvaluationScores    *scores,
                                     guint                     *n_scored);

typedef enum
{
  EVALUATION_MOVE_UNKNOWN,    /* one side is not scored */
  EVALUATION_MOVE_UP,
  EVALUATION_MOVE_DOWN,
  EVALUATION_MOVE_SAME,
} EvaluationMove;

typedef struct
{
  guint                      dimension;
  const EvaluationStatement *statement;
  gboolean                   has_before;
  gboolean                   has_after;
  gint64                     before;
  gint64                     after;
  gint64                     delta;      /* after - before, in scale steps */
  EvaluationMove             move;
  const char                *evidence;   /* for the later score (nullable) */
} EvaluationStatementChange;

typedef struct
{
  double         before;                 /* normalised, NAN if none scored */
  double         after;
  double         delta;                  /* after - before, on 0..1 */
  EvaluationMove move;
} EvaluationDimensionChange;

typedef struct
{
  GArray *statements;                    /* EvaluationStatementChange */
  GArray *dimensions;                    /* EvaluationDimensionChange */
  double  overall_before;
  double  overall_after;
} EvaluationComparison;

/* What moved from @earlier to @later (both of @framework). */
EvaluationComparison *evaluation_compare         (const EvaluationFramework *framework,
                                                  const EvaluationScores    *earlier,
                                                  const EvaluationScores    *later);
void                  evaluation_comparison_free (EvaluationComparison      *comparison);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EvaluationComparison, evaluation_comparison_free)

typedef struct
{
  gint64      assessment;
  const char *date;
  double      normalised;                /* NAN: none scored */
  guint       n_scored;
} EvaluationTrendPoint;

/* Per dimension (in the framework's order) a GArray of
 * EvaluationTrendPoint, one per assessment of @history (EvaluationScores,
 * oldest first). */
GPtrArray *evaluation_trends (const EvaluationFramework *framework,
                              GPtrArray                 *history);

gboolean   evaluation_action_is_open    (const char *status);
/* Open, with a due date (YYYY-MM-DD) before @today. */
gboolean   evaluation_action_is_overdue (const char *status,
                                         const char *due,
                                         const char *today);
const char *evaluation_move_label       (EvaluationMove move);

G_END_DECLS
