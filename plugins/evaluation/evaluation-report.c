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
  g_autoptr(SteadChart) radar = evaluation_chart_radar (framework, &scores, 1);
  g_autofree char *overall = NULL;
  guint n_scored;

  /* The radar, then its numbers: a dimension's score and how many scored. */
  stead_report_chart (report, radar);
  overall = evaluation_report_percent (evaluation_score_overall (framework, scores, &n_scored));
  stead_report_key_value (report, _("Overall"), overall);
}

static void
evaluation_report_draw_chart (SteadReport *report,
                              cairo_t     *cr,
                              double       x,
                              double       y,
                              double       width,
                              double       height,
                              gpointer     user_data)
{
  stead_chart_draw (user_data, cr, x, y, width, height);
}

/* A chart whose numbers a table of the section's own follows. */
static void
evaluation_report_figure (SteadReport *report,
                          SteadChart  *chart,
                          double       height)
{
  g_autofree char *alt = stead_chart_get_description (chart);

  stead_report_figure (report, alt, 0, height, evaluation_report_draw_chart, chart);
}

/* The trends: a line a dimension over the assessments, then the numbers
 * with a row a dimension (a column a date reads better than a column a
 * dimension when there are ten of them). */
static void
evaluation_report_trends (SteadReport               *report,
                          const EvaluationFramework *framework,
                          GPtrArray                 *history)
{
  g_autoptr(SteadChart) chart = evaluation_chart_trends (framework, history);
  g_autoptr(GPtrArray) trends = evaluation_trends (framework, history);
  g_autofree SteadReportColumn *columns = g_new0 (SteadReportColumn, history->len + 1);
  g_autofree const char **cells = g_new0 (const char *, history->len + 1);

  evaluation_report_figure (report, chart, 260);
  columns[0] = (SteadReportColumn) { _("Dimension"), 3 };
  for (guint a = 0; a < history->len; a++)
    columns[a + 1] = (SteadReportColumn) {
      ((EvaluationScores *) g_ptr_array_index (history, a))->date, 1
    };
  stead_report_table_begin (report, columns, history->len + 1);
  for (guint d = 0; d < trends->len; d++)
    {
      GArray *points = g_ptr_array_index (trends, d);
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

      cells[0] = ((EvaluationDimension *) g_ptr_array_index (framework->dimensions, d))->title;
      for (guint a = 0; a < points->len; a++)
        {
          char *text = evaluation_report_percent (g_array_index (points, EvaluationTrendPoint,
                                                                 a).normalised);

          g_ptr_array_add (texts, text);
          cells[a + 1] = text;
        }
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
  const EvaluationScores *both[] = { earlier, later };
  g_autoptr(SteadChart) radar = evaluation_chart_radar (framework, both, 2);
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
  evaluation_report_figure (report, radar, MIN (stead_report_get_width (report) * 0.75, 360));
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
        {
          evaluation_report_comparison (report, framework,
                                        g_ptr_array_index (history, history->len - 2), latest);
          evaluation_report_trends (report, framework, history);
        }
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
    { _("Action"), 4 }, { _("About"), 3 }, { _("Owner"), 2 }, { _("Due"), 1 },
    { _("Status"), 1 }, { _("Assessment"), 2 },
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
        a->text, a->about != NULL ? a->about : _("the whole assessment"), owner, due,
        stead_choice_get_label (evaluation_action_statuses, a->status), a->assessment_title,
      };

      stead_report_table_row_flagged (report, cells, a->overdue ? 1u << 3 : 0);
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
