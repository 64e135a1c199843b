/* volunteers-tasklist.c: a tasking organisation's task list (CSV)
 *
 * Given only to a partner that is party to an active, unexpired agreement
 * allowing tasking (the partners' "agreement" facts: allows_tasking,
 * parties, status, expiry), and holding only its own tasks. Where a task
 * is: its exact point only when such an agreement also allows points
 * (allows_points), else the postcode sector nearest to it ("GL20 5").
 * Volunteers' names only with personal data; a request's title never.
 * Without an organisation named, the file has its columns and no task.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "volunteers.h"
#include "volunteers-private.h"

typedef struct
{
  gboolean tasking;
  gboolean points;
} VolunteersTasklistTerms;

static gboolean
volunteers_tasklist_has_party (const char *parties,
                               gint64      organisation)
{
  g_auto(GStrv) ids = parties != NULL ? g_strsplit (parties, " ", -1) : NULL;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (g_ascii_strtoll (ids[i], NULL, 10) == organisation)
      return TRUE;
  return FALSE;
}

/* What the organisation's agreements allow, from their facts. */
static VolunteersTasklistTerms
volunteers_tasklist_terms (SteadWorkspace *workspace,
                           gint64          organisation)
{
  const SteadRecordKind *kind = stead_workspace_get_record_kind (workspace, "agreement");
  VolunteersTasklistTerms terms = { FALSE, FALSE };
  g_autoptr(sqlite3_stmt) facts = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  int tasking, points, parties, status, expiry;

  if (kind == NULL || kind->facts_sql == NULL ||
      (facts = stead_record_kind_prepare_facts (kind, workspace, NULL, NULL)) == NULL)
    return terms;
  tasking = stead_statement_column_index (facts, "allows_tasking");
  points = stead_statement_column_index (facts, "allows_points");
  parties = stead_statement_column_index (facts, "parties");
  status = stead_statement_column_index (facts, "status");
  expiry = stead_statement_column_index (facts, "expiry");
  if (tasking < 0 || parties < 0)
    return terms;   /* no agreement says it allows tasking */
  while (sqlite3_step (facts) == SQLITE_ROW)
    {
      const char *state = status >= 0 ? (const char *) sqlite3_column_text (facts, status) : NULL;
      const char *until = expiry >= 0 ? (const char *) sqlite3_column_text (facts, expiry) : NULL;

      if (sqlite3_column_int (facts, tasking) == 0 ||
          (state != NULL && !g_str_equal (state, "active")) ||
          (until != NULL && g_strcmp0 (until, today) < 0) ||
          !volunteers_tasklist_has_party ((const char *) sqlite3_column_text (facts, parties),
                                          organisation))
        continue;
      terms.tasking = TRUE;
      terms.points |= points >= 0 && sqlite3_column_int (facts, points) != 0;
    }
  return terms;
}

/* The postcode sector ("GL20 5") of the directory's postcode nearest to a
 * point: the outward code and the first digit of the inward one. */
#define VOLUNTEERS_TASKLIST_SECTOR                                                \
  "SELECT CASE WHEN instr (p, ' ') > 0 THEN substr (p, 1, instr (p, ' ') + 1) "    \
  "  ELSE substr (p, 1, length (p) - 2) END FROM (SELECT postcode AS p FROM stead_postcode " \
  "  ORDER BY (lon - ?1) * (lon - ?1) + (lat - ?2) * (lat - ?2) LIMIT 1)"

#define VOLUNTEERS_TASKLIST_SELECT                                                \
  "SELECT t.id, t.status, r.kind, r.people, r.urgency, r.skills, r.window_start, "  \
  "  r.window_end, t.offered, t.accepted, t.started, t.finished, t.hours, "        \
  "  ST_MinX (r.geom), ST_MinY (r.geom), "                                         \
  "  (SELECT group_concat (v.name, '; ') FROM volunteers_task_volunteer tv "       \
  "    JOIN volunteers_volunteer v ON v.fid = tv.volunteer WHERE tv.task = t.id), " \
  "  (SELECT count (*) FROM volunteers_task_volunteer tv WHERE tv.task = t.id) "   \
  "FROM volunteers_task t JOIN volunteers_request r ON r.fid = t.request "         \
  "WHERE t.organisation = ?1 ORDER BY t.id"

static gboolean
volunteers_tasklist_export (SteadWorkspace            *workspace,
                            GOutputStream             *stream,
                            const SteadExportOptions  *options,
                            GCancellable              *cancellable,
                            GError                   **error)
{
  const char *named = options->options != NULL
                        ? g_hash_table_lookup (options->options, "organisation")
                        : NULL;
  static const char *const header[] = {
    "task", "status", "need_kind", "people", "urgency", "skills", "window_start", "window_end",
    "offered", "accepted", "started", "finished", "hours", "where", "longitude", "latitude",
    "volunteers", "volunteer_names",
  };
  g_autoptr(SteadCsvWriter) writer = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) sector = NULL;
  g_autofree char *title = NULL;
  VolunteersTasklistTerms terms;
  const SteadRecordKind *kind;
  gint64 organisation = 0;
  SteadRows rows;

  /* No organisation named: the columns only, so that a list meant for
   * one partner never holds another's tasks. */
  if (named == NULL || *named == '\0')
    {
      writer = stead_csv_writer_new (stream, cancellable);
      for (guint i = 0; i < 14; i++)
        stead_csv_writer_add (writer, header[i]);
      stead_csv_writer_add (writer, header[16]);
      return stead_csv_writer_end_row (writer, error) && stead_csv_writer_finish (writer, error);
    }
  kind = stead_workspace_get_record_kind (workspace, "organisation");
  if (kind != NULL && kind->find_sql != NULL)
    organisation = stead_workspace_query_int64 (workspace, kind->find_sql,
                                                STEAD_ARGS (STEAD_STRING (named)));
  if (organisation <= 0)
    organisation = g_ascii_strtoll (named, NULL, 10);
  title = organisation > 0 ? stead_workspace_get_record_title (workspace, "organisation",
                                                                organisation)
                           : NULL;
  if (title == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("“%s” is not a partner organisation of the workspace"), named);
      return FALSE;
    }
  terms = volunteers_tasklist_terms (workspace, organisation);
  if (!terms.tasking)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("“%s” has no active agreement that allows it to task volunteers: it is "
                     "given no task list"),
                   title);
      return FALSE;
    }

  stmt = stead_workspace_prepare (workspace, VOLUNTEERS_TASKLIST_SELECT, error);
  sector = stmt != NULL ? stead_workspace_prepare (workspace, VOLUNTEERS_TASKLIST_SECTOR, error)
                        : NULL;
  if (sector == NULL)
    return FALSE;
  writer = stead_csv_writer_new (stream, cancellable);
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    if (i < 14 || (i < 16 && terms.points) || i == 16 ||
        (i == 17 && options->include_personal))
      stead_csv_writer_add (writer, header[i]);
  if (!stead_csv_writer_end_row (writer, error))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, organisation);
  rows = (SteadRows) STEAD_ROWS_INIT (stmt, "volunteers_task");
  while (stead_rows_next (&rows))
    {
      gboolean placed = sqlite3_column_type (stmt, 13) != SQLITE_NULL;

      for (int i = 0; i < 13; i++)
        stead_csv_writer_add (writer, (const char *) sqlite3_column_text (stmt, i));
      if (placed)
        {
          sqlite3_reset (sector);
          sqlite3_bind_double (sector, 1, sqlite3_column_double (stmt, 13));
          sqlite3_bind_double (sector, 2, sqlite3_column_double (stmt, 14));
          stead_csv_writer_add (writer, sqlite3_step (sector) == SQLITE_ROW
                                          ? (const char *) sqlite3_column_text (sector, 0)
                                          : NULL);
        }
      else
        stead_csv_writer_add (writer, NULL);
      if (terms.points)
        for (int i = 13; i < 15; i++)
          {
            if (placed)
              stead_csv_writer_add_double (writer, sqlite3_column_double (stmt, i), 6);
            else
              stead_csv_writer_add (writer, NULL);
          }
      stead_csv_writer_add_int (writer, sqlite3_column_int64 (stmt, 16));
      if (options->include_personal)
        stead_csv_writer_add (writer, (const char *) sqlite3_column_text (stmt, 15));
      if (!stead_csv_writer_end_row (writer, error))
        return FALSE;
    }
  return stead_rows_end (&rows, error) && stead_csv_writer_finish (writer, error);
}

const SteadExportFormat volunteers_tasklist_format = {
  .id = "volunteers-tasklist",
  .title = N_("A tasking organisation’s task list (CSV)"),
  .extensions = STEAD_EXTENSIONS ("csv"),
  .options = (const SteadFormatOption[]) {
    { "organisation", N_("The partner organisation whose tasks these are"),
      N_("Tasking organisation"), STEAD_FIELD_RECORD, "organisation" },
    { NULL } },
  .run = volunteers_tasklist_export,
  .domain = GETTEXT_PACKAGE,
};
