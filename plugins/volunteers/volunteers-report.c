/* volunteers-report.c: the report's section on volunteers' readiness and
 * tasking
 *
 * Counts of people, never people: a count from 1 to 4 is written "fewer
 * than 5", as the target groups write theirs, and when a table would then
 * hold one such count beside its total, the next smallest is suppressed
 * too, so that the total less the others does not give it back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "volunteers.h"
#include "volunteers-private.h"

#define VOLUNTEERS_REPORT_SUPPRESS_BELOW 5

typedef struct
{
  char   *label;
  gint64  count;
  gboolean suppressed;
} VolunteersReportRow;

static void
volunteers_report_row_clear (gpointer data)
{
  g_free (((VolunteersReportRow *) data)->label);
}

/* Primary suppression of 1 … 4, then secondary: a lone suppressed count
 * takes the next smallest with it. */
static void
volunteers_report_suppress (GArray *rows)
{
  guint n = 0;
  int next = -1;

  for (guint i = 0; i < rows->len; i++)
    {
      VolunteersReportRow *row = &g_array_index (rows, VolunteersReportRow, i);

      row->suppressed = row->count > 0 && row->count < VOLUNTEERS_REPORT_SUPPRESS_BELOW;
      n += row->suppressed;
    }
  if (n != 1)
    return;
  for (guint i = 0; i < rows->len; i++)
    {
      VolunteersReportRow *row = &g_array_index (rows, VolunteersReportRow, i);

      if (!row->suppressed && row->count > 0 &&
          (next < 0 || row->count < g_array_index (rows, VolunteersReportRow, next).count))
        next = (int) i;
    }
  if (next >= 0)
    g_array_index (rows, VolunteersReportRow, next).suppressed = TRUE;
}

static char *
volunteers_report_format (gint64   count,
                          gboolean suppressed)
{
  if (suppressed && count < VOLUNTEERS_REPORT_SUPPRESS_BELOW)
    /* TRANSLATORS: a small count of people left out of a report */
    return g_strdup_printf (_("fewer than %d"), VOLUNTEERS_REPORT_SUPPRESS_BELOW);
  if (suppressed)
    /* TRANSLATORS: a count left out so that a total cannot give back a small one */
    return g_strdup (C_("count", "not shown"));
  return stead_format_count ((guint64) count);
}

/* A table of label and count from @sql (label, count), with its total. */
static gboolean
volunteers_report_counts (SteadReport     *report,
                          SteadWorkspace  *workspace,
                          const char      *heading,
                          const char      *column,
                          const char      *sql,
                          const SteadChoice *labels,
                          GError         **error)
{
  const SteadReportColumn columns[] = { { column, 3 }, { _("People"), 1 } };
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (workspace, sql, error);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (VolunteersReportRow));
  g_autofree char *total_text = NULL;
  gint64 total = 0;

  if (stmt == NULL)
    return FALSE;
  g_array_set_clear_func (rows, volunteers_report_row_clear);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      VolunteersReportRow row = { NULL, sqlite3_column_int64 (stmt, 1) };

      row.label = g_strdup (code != NULL ? code : _("Not recorded"));
      for (guint i = 0; labels != NULL && code != NULL && labels[i].code != NULL; i++)
        if (g_str_equal (labels[i].code, code))
          {
            g_free (row.label);
            row.label = g_strdup (g_dgettext (GETTEXT_PACKAGE, labels[i].label));
          }
      total += row.count;
      g_array_append_val (rows, row);
    }
  volunteers_report_suppress (rows);
  stead_report_heading (report, 2, heading);
  if (rows->len == 0)
    {
      stead_report_paragraph (report, _("None yet."));
      return TRUE;
    }
  stead_report_table_begin (report, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < rows->len; i++)
    {
      VolunteersReportRow *row = &g_array_index (rows, VolunteersReportRow, i);
      g_autofree char *count = volunteers_report_format (row->count, row->suppressed);
      const char *cells[] = { row->label, count };

      stead_report_table_row (report, cells);
    }
  total_text = volunteers_report_format (total, total > 0 &&
                                                total < VOLUNTEERS_REPORT_SUPPRESS_BELOW);
  {
    const char *cells[] = { _("All"), total_text };

    stead_report_table_row (report, cells);
  }
  stead_report_table_end (report);
  return TRUE;
}

static const SteadChoice volunteers_report_task_statuses[] = {
  { "new", N_("New") },
  { "offered", N_("Offered") },
  { "accepted", N_("Accepted") },
  { "in-progress", N_("In progress") },
  { "done", N_("Done") },
  { "cancelled", N_("Cancelled") },
  { NULL },
};

static const SteadChoice volunteers_report_request_statuses[] = {
  { "open", N_("Open") },
  { "assigned", N_("Assigned") },
  { "done", N_("Done") },
  { "cancelled", N_("Cancelled") },
  { NULL },
};

static gboolean
volunteers_report_draw (SteadReport     *report,
                        SteadWorkspace  *workspace,
                        GCancellable    *cancellable,
                        GError         **error)
{
  gint64 volunteers = stead_workspace_query_int64 (workspace,
                                                   "SELECT count (*) FROM volunteers_volunteer",
                                                   NULL, 0);
  gint64 tasks = stead_workspace_query_int64 (workspace, "SELECT count (*) FROM volunteers_task",
                                              NULL, 0);
  g_autofree char *hours = NULL;
  g_autofree char *note = NULL;

  if (volunteers == 0 && tasks == 0)
    {
      stead_report_paragraph (report, _("No volunteer is registered yet."));
      return TRUE;
    }

  stead_report_heading (report, 1, _("Readiness"));
  if (!volunteers_report_counts (report, workspace, _("Volunteers by status"), _("Status"),
                                 "SELECT status, count (*) FROM volunteers_volunteer "
                                 "GROUP BY status ORDER BY status",
                                 volunteers_statuses, error) ||
      !volunteers_report_counts (report, workspace,
                                 _("Active volunteers by criminal record check"),
                                 _("Check"),
                                 "SELECT dbs_level, count (*) FROM volunteers_volunteer "
                                 "WHERE status = 'active' GROUP BY dbs_level ORDER BY dbs_level",
                                 volunteers_dbs_levels, error) ||
      !volunteers_report_counts (report, workspace, _("Active volunteers by affiliation"),
                                 _("Affiliation"),
                                 "SELECT affiliation, count (*) FROM volunteers_volunteer "
                                 "WHERE status = 'active' GROUP BY affiliation "
                                 "ORDER BY affiliation",
                                 volunteers_affiliations, error) ||
      !volunteers_report_counts (report, workspace, _("Active volunteers identified"),
                                 _("Identification"),
                                 "SELECT CASE WHEN badge_number IS NOT NULL AND "
                                 "badge_returned IS NULL THEN 'badge' WHEN id_checked IS NOT NULL "
                                 "THEN 'checked' ELSE 'none' END AS k, count (*) "
                                 "FROM volunteers_volunteer WHERE status = 'active' "
                                 "GROUP BY k ORDER BY k",
                                 (const SteadChoice[]) {
                                   { "badge", N_("ID badge issued") },
                                   { "checked", N_("Identity checked, no badge") },
                                   { "none", N_("Neither") },
                                   { NULL } },
                                 error))
    return FALSE;

  stead_report_heading (report, 1, _("Tasking"));
  if (!volunteers_report_counts (report, workspace, _("Requests for help by status"),
                                 _("Status"),
                                 "SELECT status, sum (people) FROM volunteers_request "
                                 "GROUP BY status ORDER BY status",
                                 volunteers_report_request_statuses, error) ||
      !volunteers_report_counts (report, workspace, _("Volunteers on tasks by task status"),
                                 _("Task status"),
                                 "SELECT t.status, count (DISTINCT tv.volunteer) "
                                 "FROM volunteers_task t JOIN volunteers_task_volunteer tv "
                                 "ON tv.task = t.id GROUP BY t.status ORDER BY t.status",
                                 volunteers_report_task_statuses, error))
    return FALSE;
  hours = g_strdup_printf ("%.1f", stead_workspace_query_int64 (
                                     workspace,
                                     "SELECT CAST (round (coalesce (sum (hours), 0) * 10) AS "
                                     "INTEGER) FROM volunteers_task", NULL, 0) / 10.0);
  stead_report_key_value (report, _("Hours logged on tasks"), hours);
  note = g_strdup_printf (_("Counts of people from 1 to %d are written “fewer than %d”, and "
                            "where one would be the only one, the next smallest is not shown "
                            "either."),
                          VOLUNTEERS_REPORT_SUPPRESS_BELOW - 1,
                          VOLUNTEERS_REPORT_SUPPRESS_BELOW);
  stead_report_paragraph (report, note);
  return TRUE;
}

const SteadReportSectionInfo volunteers_report_section = {
  .title = N_("Volunteers: readiness and tasking"),
  .owner = VOLUNTEERS_OWNER,
  .draw = volunteers_report_draw,
  .domain = GETTEXT_PACKAGE,
};
