/* evaluation.h: frameworks, assessments and their arithmetic, shared by the
 * evaluation plugin's data and window modules (and the tests)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead.h>

#include "evaluation-score.h"

G_BEGIN_DECLS

#define EVALUATION_OWNER "evaluation"
#define EVALUATION_RESOURCES "/io/github/steadapp/Stead/plugins/evaluation"

/* ------------------------------------------------------------------------ */
/* evaluation-framework.c: a framework read from its JSON and checked       */

/* Checks @data against framework.schema.json and the rules a schema cannot
 * say (ids unique in the file, scale values distinct); the error's message
 * starts with the JSON path of the problem. */
EvaluationFramework *evaluation_framework_parse      (const char    *data,
                                                      gsize          length,
                                                      GError       **error);
/* The frameworks shipped with Stead: their JSON, from the plugin's resources. */
const char * const  *evaluation_framework_builtin_names (void);
GBytes              *evaluation_framework_builtin_bytes (const char *name);

/* The framework kept in the workspace under @id (its definition, parsed). */
EvaluationFramework *evaluation_framework_load       (SteadWorkspace *workspace,
                                                      gint64          id,
                                                      GError        **error);
/* Adds @framework (from @data, its JSON) in @txn, or updates the one with
 * its id and version; returns its row id, and whether it was new. */
gint64               evaluation_framework_store      (SteadTransaction     *txn,
                                                      EvaluationFramework  *framework,
                                                      const char           *data,
                                                      gsize                 length,
                                                      gboolean             *added,
                                                      GError              **error);

/* ------------------------------------------------------------------------ */
/* evaluation-model.c: records, edits (each one undo step) and reads        */

extern const SteadField evaluation_assessment_fields[];
extern const guint evaluation_n_assessment_fields;
extern const SteadField evaluation_action_fields[];
extern const guint evaluation_n_action_fields;
extern const SteadChoice evaluation_confidences[];
extern const SteadChoice evaluation_action_statuses[];

GType            evaluation_assessment_get_type (void);
GType            evaluation_action_get_type     (void);

SteadQueryModel *evaluation_assessments_new     (SteadWorkspace *workspace);
SteadQueryModel *evaluation_actions_new         (SteadWorkspace *workspace);

/* Starts an assessment of the offered framework @builtin (a shipped file's
 * name, "five-features.json", or a framework file's absolute path, see
 * evaluation_frameworks_offered()) or of the framework row @framework;
 * one undo step. */
gint64   evaluation_assessment_start    (SteadWorkspace *workspace,
                                         const char     *builtin,
                                         gint64          framework,
                                         const char     *date,
                                         const char     *title,
                                         GError        **error);
/* @score < 0 clears it; @confidence and @evidence NULL or "" clear them. */
gboolean evaluation_score_set           (SteadWorkspace *workspace,
                                         gint64          assessment,
                                         const char     *statement,
                                         gint64          score,
                                         const char     *confidence,
                                         const char     *evidence,
                                         GError        **error);
gint64   evaluation_evidence_add        (SteadWorkspace *workspace,
                                         gint64          assessment,
                                         const char     *statement,
                                         const char     *location,
                                         const char     *title,
                                         GError        **error);
gboolean evaluation_participant_set     (SteadWorkspace *workspace,
                                         gint64          assessment,
                                         gint64          organisation,
                                         gboolean        taking_part,
                                         GError        **error);
gint64   evaluation_action_add          (SteadWorkspace *workspace,
                                         gint64          assessment,
                                         const char     *dimension,
                                         const char     *statement,
                                         const char     *text,
                                         gint64          owner_organisation,
                                         const char     *owner_name,
                                         const char     *due,
                                         GError        **error);
/* Status "done" stamps the done date with @today; any other clears it. */
gboolean evaluation_action_set_status   (SteadWorkspace *workspace,
                                         gint64          action,
                                         const char     *status,
                                         const char     *today,
                                         GError        **error);

/* The framework row an assessment is of, and its scores. */
gint64            evaluation_assessment_get_framework (SteadWorkspace *workspace,
                                                       gint64          assessment);
EvaluationScores *evaluation_scores_load        (SteadWorkspace *workspace,
                                                 gint64          assessment,
                                                 GError        **error);
/* The assessments of framework row @framework, oldest first, with their
 * scores: what trends and comparisons read. */
GPtrArray        *evaluation_history_load       (SteadWorkspace *workspace,
                                                 gint64          framework,
                                                 GError        **error);
typedef struct
{
  gint64    id;
  char     *text;
  char     *due;                 /* nullable */
  char     *status;
  char     *owner;               /* the organisation's title or the person's name (nullable) */
  gboolean  owner_is_person;     /* personal data: shown only when allowed */
  char     *assessment_title;
  char     *about;               /* "Dimension: statement", the dimension, or NULL */
  char     *statement;           /* the statement's id, or NULL */
  gboolean  overdue;
} EvaluationOpenAction;

/* Actions not done or dropped, by due date (none last), each with whether
 * it is overdue on @today. */
GPtrArray        *evaluation_open_actions_load  (SteadWorkspace *workspace,
                                                 const char     *today,
                                                 GError        **error);
/* The actions of @assessment (0: of all), or only those still open. */
GPtrArray        *evaluation_actions_load       (SteadWorkspace *workspace,
                                                 gint64          assessment,
                                                 gboolean        open_only,
                                                 const char     *today,
                                                 GError        **error);
/* The organisations (gint64 * ids) that took part in @assessment. */
GHashTable       *evaluation_participants_load  (SteadWorkspace *workspace,
                                                 gint64          assessment);
/* The titles (or locations) of a statement's links and documents. */
GPtrArray        *evaluation_evidence_load      (SteadWorkspace *workspace,
                                                 gint64          assessment,
                                                 const char     *statement);

typedef struct
{
  gint64  id;
  char   *key;
  char   *version;
  char   *title;
} EvaluationFrameworkRow;

/* The frameworks kept in the workspace (EvaluationFrameworkRow). */
GPtrArray        *evaluation_frameworks_load    (SteadWorkspace *workspace);
void              evaluation_framework_row_free (EvaluationFrameworkRow *row);
char             *evaluation_today              (void);

/* ------------------------------------------------------------------------ */
/* For phase 2's charts: the numbers a radar or a trend line draws.         */

/* Per-dimension scores of one assessment (EvaluationDimensionScore, in the
 * framework's order), with the framework in @framework if not NULL. */
GArray           *evaluation_assessment_dimension_scores (SteadWorkspace       *workspace,
                                                          gint64                assessment,
                                                          EvaluationFramework **framework,
                                                          GError              **error);

/* ------------------------------------------------------------------------ */
/* evaluation-charts.c: the charts the page and the report draw             */

/* A radar: a spoke a dimension, a closed line an assessment (one, or an
 * earlier and a later one overlaid), each dimension's score as % of the
 * scale (0–100; not scored: missing). */
SteadChart       *evaluation_chart_radar        (const EvaluationFramework      *framework,
                                                 const EvaluationScores * const *scores,
                                                 guint                           n_scores);
/* A line a dimension across @history's assessments (EvaluationScores,
 * oldest first; their dates the categories). */
SteadChart       *evaluation_chart_trends       (const EvaluationFramework *framework,
                                                 GPtrArray                 *history);
/* The same for one dimension (the framework's @dimension-th): its title the
 * chart's, one line. */
SteadChart       *evaluation_chart_dimension_trend (const EvaluationFramework *framework,
                                                    GPtrArray                 *history,
                                                    guint                      dimension);
/* Whether any statement of @scores is scored. */
gboolean          evaluation_scores_any         (const EvaluationScores    *scores);

/* ------------------------------------------------------------------------ */
/* evaluation-framework.c: frameworks offered when starting an assessment   */

typedef struct
{
  char                *name;       /* a shipped file's name, or a file's absolute path */
  EvaluationFramework *framework;
} EvaluationOfferedFramework;

/* The directories plugins and users put framework files (*.json) in:
 * $XDG_DATA_HOME/stead/frameworks, then each of $XDG_DATA_DIRS'
 * stead/frameworks (where a plugin installs its own). */
GStrv             evaluation_framework_dirs     (void);
/* The frameworks shipped with Stead, then those in @dirs (NULL: the
 * default ones) that validate, in file-name order; one that does not is
 * skipped, its path and the problem's JSON path added to @problems
 * (strings) if not NULL. A key and version offered twice is offered once,
 * the first found. */
GPtrArray        *evaluation_frameworks_offered (const char * const *dirs,
                                                 GPtrArray         **problems);
void              evaluation_offered_framework_free (EvaluationOfferedFramework *offered);
/* The JSON of @name: a shipped framework's, or the file's at an absolute path. */
GBytes           *evaluation_framework_offered_bytes (const char  *name,
                                                      GError     **error);

G_END_DECLS
