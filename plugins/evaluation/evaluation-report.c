/* evaluation-report.c: the latest assessment of each framework, what moved
 * since the one before, and the actions still open, in the report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "evaluation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "evaluation-private.h"

/* "67%", or "not scored". */
static char *
evaluation_report_percent (double normalised)
{
  if (isnan (normalised))
    return g_strdup (_("not scored"));
  return g_strdup_printf (_("%.0f%%"), normalised * 100);
}

/* "+17 points", "−8 points", "no change". */
static char *
evaluation_report_change (double delta)
{
  long points = lround (delta * 100);

  if (isnan (delta))
    return g_strdup (_("not compared"));
  if (points == 0)
    return g_strdup (_("no change"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%+ld point", "%+ld points",
                                       labs (points)),
                          points);
}

static void
evaluation_report_latest (SteadReport               *report,
                          const EvaluationFramework *framework,
                          const EvaluationScores    *scores)
{
  g_autoptr(GArray) dimensions = evaluation_score_dimensions (framework, scores);
  const SteadReportColumn columns[] = {
    { _("Dimension"), 4 }, { _("Score"), 1 }, { _("Statements scored"), 1 },
  };
  g_autofree char *overall = NULL;
  guint n_scored;

  overall = evaluation_report_percent (evaluation_score_overall (framework, scores, &n_scored));
  stead_report_key_value (report, _("Overall"), overall);
  stead_report_table_begin (report, columns, G_N_ELEMENTS (columns));
  for (guint d = 0; d < dimensions->len; d++)
    {
      EvaluationDimension *dim = g_ptr_array_index (framework->dimensions, d);
      EvaluationDimensionScore *score = &g_array_index (dimensions, EvaluationDimensionScore, d);
      g_autofree char *percent = evaluation_report_percent (score->normalised);
      /* TRANSLATORS: statements scored of all, "2 of 3" */
      g_autofree char *count = g_strdup_printf (_("%u of %u"), score->n_scored,
                                                score->n_statements);
      const char *cells[] = { dim->title, percent, count };

      stead_report_table_row (report, cells);
    }
  stead_report_table_end (report);
}

static void
evaluation_report_comparison (SteadReport               *report,
                              const EvaluationFramework *framework,
                              const EvaluationScores    *earlier,
                              const EvaluationScores    *later)
{
  g_autoptr(EvaluationComparison) comparison = evaluation_compare (framework, earlier, later);
  const SteadReportColumn dimension_columns[] = {
    { _("Dimension"), 4 }, { earlier->date, 1 }, { later->date, 1 }, { _("Change"), 1 },
  };
  const SteadReportColumn statement_columns[] = {
    { _("Statement"), 4 }, { _("Before"), 1 }, { _("After"), 1 }, { _("Moved"), 1 },
    { _("Evidence"), 4 },
  };
  g_autofree char *heading = g_strdup_printf (_("Since %s (%s)"), earlier->title,
                                              earlier->date);
  guint moved = 0;

  stead_report_heading (report, 2, heading);
  stead_report_table_begin (report, dimension_columns, G_N_ELEMENTS (dimension_columns));
  for (guint d = 0; d < comparison->dimensions->len; d++)
    {
      EvaluationDimension *dim = g_ptr_array_index (framework->dimensions, d);
      EvaluationDimensionChange *change = &g_array_index (comparison->dimensions,
                                                          EvaluationDimensionChange, d);
      g_autofree char *before = evaluation_report_percent (change->before);
      g_autofree char *after = evaluation_report_percent (change->after);
      g_autofree char *delta = evaluation_report_change (change->delta);
      const char *cells[] = { dim->title, before, after, delta };

      stead_report_table_row_flagged (report, cells,
                                      change->move == EVALUATION_MOVE_DOWN ? 1u << 3 : 0);
    }
  stead_report_table_end (report);

  for (guint i = 0; i < comparison->statements->len; i++)
    if (g_array_index (comparison->statements, EvaluationStatementChange, i).move ==
          EVALUATION_MOVE_UP ||
        g_array_index (comparison->statements, EvaluationStatementChange, i).move ==
          EVALUATION_MOVE_DOWN)
      moved++;
  if (moved == 0)
    {
      stead_report_paragraph (report, _("No statement’s score moved."));
      return;
    }
  stead_report_heading (report, 2, _("Statements that moved"));
  stead_report_table_begin (report, statement_columns, G_N_ELEMENTS (statement_columns));
  for (guint i = 0; i < comparison->statements->len; i++)
    {
      EvaluationStatementChange *c = &g_array_index (comparison->statements,
                                                     EvaluationStatementChange, i);
      g_autofree char *move = NULL;

      if (c->move != EVALUATION_MOVE_UP && c->move != EVALUATION_MOVE_DOWN)
        continue;
      /* TRANSLATORS: "up 1", "down 2": the direction and the scale steps */
      move = g_strdup_printf (_("%s %" G_GINT64_FORMAT), evaluation_move_label (c->move),
                              ABS (c->delta));
      {
        const char *cells[] = {
          c->statement->text, evaluation_framework_scale_label (framework, c->before),
          evaluation_framework_scale_label (framework, c->after), move,
          c->evidence != NULL ? c->evidence : _("none recorded"),
        };

        stead_report_table_row_flagged (report, cells,
                                        c->move == EVALUATION_MOVE_DOWN ? 1u << 3 : 0);
      }
    }
  stead_report_table_end (report);
}

static gboolean
evaluation_report_frameworks (SteadReport     *report,
                              SteadWorkspace  *workspace,
                              GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
    workspace,
    "SELECT id FROM evaluation_framework f WHERE EXISTS "
    "(SELECT 1 FROM evaluation_assessment a WHERE a.framework = f.id) ORDER BY title, version",
    error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (ids->len == 0)
    {
      stead_report_paragraph (report, _("No assessment has been made yet."));
      return TRUE;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(EvaluationFramework) framework = NULL;
      g_autoptr(GPtrArray) history = NULL;
      EvaluationScores *latest;
      g_autofree char *heading = NULL;

      framework = evaluation_framework_load (workspace, g_array_index (ids, gint64, i), error);
      if (framework == NULL)
        return FALSE;
      history = evaluation_history_load (workspace, g_array_index (ids, gint64, i), error);
      if (history == NULL)
        return FALSE;
      latest = g_ptr_array_index (history, history->len - 1);
      stead_report_heading (report, 1, framework->title);
      /* TRANSLATORS: the latest assessment's title and date */
      heading = g_strdup_printf (_("Latest assessment: %s (%s)"), latest->title, latest->date);
      stead_report_heading (report, 2, heading);
      evaluation_report_latest (report, framework, latest);
      if (history->len > 1)
        evaluation_report_comparison (report, framework,
                                      g_ptr_array_index (history, history->len - 2), latest);
      if (!framework->verified && framework->note != NULL)
        stead_report_paragraph (report, framework->note);
    }
  return TRUE;
}

static gboolean
evaluation_report_actions (SteadReport     *report,
                           SteadWorkspace  *workspace,
                           GError         **error)
{
  g_autofree char *today = evaluation_today ();
  g_autoptr(GPtrArray) actions = evaluation_open_actions_load (workspace, today, error);
  const SteadReportColumn columns[] = {
    { _("Action"), 4 }, { _("Owner"), 2 }, { _("Due"), 1 }, { _("Status"), 1 },
    { _("Assessment"), 2 },
  };
  guint overdue = 0;
  g_autofree char *summary = NULL;

  if (actions == NULL)
    return FALSE;
  stead_report_heading (report, 1, _("Open and overdue actions"));
  if (actions->len == 0)
    {
      stead_report_paragraph (report, _("No action agreed in an assessment is open."));
      return TRUE;
    }
  for (guint i = 0; i < actions->len; i++)
    overdue += ((EvaluationOpenAction *) g_ptr_array_index (actions, i))->overdue;
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action open, of which %u overdue.",
                                          "%u actions open, of which %u overdue.", actions->len),
                             actions->len, overdue);
  stead_report_paragraph (report, summary);
  stead_report_table_begin (report, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < actions->len; i++)
    {
      EvaluationOpenAction *a = g_ptr_array_index (actions, i);
      g_autofree char *due = a->due == NULL ? g_strdup (_("no date"))
                             : a->overdue ? g_strdup_printf (_("%s overdue"), a->due)
                                          : g_strdup (a->due);
      /* A person's name is personal data: the report names none. */
      const char *owner = a->owner == NULL ? _("nobody yet")
                          : a->owner_is_person ? _("a named person") : a->owner;
      const char *cells[] = {
        a->text, owner, due,
        stead_choice_get_label (evaluation_action_statuses, a->status), a->assessment_title,
      };

      stead_report_table_row_flagged (report, cells, a->overdue ? 1u << 2 : 0);
    }
  stead_report_table_end (report);
  return TRUE;
}

static gboolean
evaluation_report_draw (SteadReport     *report,
                        SteadWorkspace  *workspace,
                        GCancellable    *cancellable,
                        GError         **error)
{
  return evaluation_report_frameworks (report, workspace, error) &&
         evaluation_report_actions (report, workspace, error);
}

const SteadReportSectionInfo evaluation_report_section = {
  .title = N_("Self-assessment of the capability"),
  .owner = EVALUATION_OWNER,
  .draw = evaluation_report_draw,
  .domain = GETTEXT_PACKAGE,
};
