/* volunteers-tasks.c: tasks given by partners, and a volunteer's child
 * records (availability, exceptions, training, insurance, PPE)
 *
 * A task is a request given to volunteers by a partner organisation, only
 * under an active, unexpired agreement that allows tasking (read through
 * the "agreement" record kind's facts: allows_tasking, parties). Its status
 * moves new → offered → accepted → in-progress → done, offered may go back
 * to new when declined, and any but a done task may be cancelled; each move
 * is stamped and is one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "volunteers.h"

const SteadChoice volunteers_task_statuses[] = {
  { "new", N_("New") },
  { "offered", N_("Offered") },
  { "accepted", N_("Accepted") },
  { "in-progress", N_("In Progress") },
  { "done", N_("Done") },
  { "cancelled", N_("Cancelled") },
  { NULL },
};

const SteadChoice volunteers_weekdays[] = {
  { "1", N_("Monday") },
  { "2", N_("Tuesday") },
  { "3", N_("Wednesday") },
  { "4", N_("Thursday") },
  { "5", N_("Friday") },
  { "6", N_("Saturday") },
  { "7", N_("Sunday") },
  { NULL },
};

/* The moves allowed, and the time each stamps. */
static const struct
{
  const char *from;
  const char *to;
} volunteers_task_moves[] = {
  { "new", "offered" },
  { "offered", "accepted" },
  { "offered", "new" },           /* declined: offer it to someone else */
  { "accepted", "in-progress" },
  { "in-progress", "done" },
  { "new", "cancelled" },
  { "offered", "cancelled" },
  { "accepted", "cancelled" },
  { "in-progress", "cancelled" },
};

gboolean
volunteers_task_move_allowed (const char *from,
                              const char *to)
{
  for (guint i = 0; from != NULL && to != NULL && i < G_N_ELEMENTS (volunteers_task_moves); i++)
    if (g_str_equal (volunteers_task_moves[i].from, from) &&
        g_str_equal (volunteers_task_moves[i].to, to))
      return TRUE;
  return FALSE;
}

static char *
volunteers_tasks_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static char *
volunteers_tasks_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * volunteers_organisation_can_task:
 * @today: (nullable): "YYYY-MM-DD", NULL for today
 *
 * Returns: whether @organisation is a party to an active agreement, signed
 *   by @today and not expired before it, that allows tasking volunteers
 */
gboolean
volunteers_organisation_can_task (SteadWorkspace *workspace,
                                  gint64          organisation,
                                  const char     *today)
{
  const SteadRecordKind *kind = stead_workspace_get_record_kind (workspace, "agreement");
  g_autoptr(sqlite3_stmt) facts = NULL;
  g_autofree char *day = today != NULL ? g_strdup (today) : volunteers_tasks_today ();
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, organisation);
  int tasking, parties, status, expiry, signed_on;

  if (kind == NULL || kind->facts_sql == NULL || organisation <= 0)
    return FALSE;   /* the partners plugin is off: no one may task */
  facts = stead_record_kind_prepare_facts (kind, workspace, NULL, NULL);
  if (facts == NULL)
    return FALSE;
  tasking = stead_statement_column_index (facts, "allows_tasking");
  parties = stead_statement_column_index (facts, "parties");
  status = stead_statement_column_index (facts, "status");
  expiry = stead_statement_column_index (facts, "expiry");
  signed_on = stead_statement_column_index (facts, "signed");
  if (tasking < 0 || parties < 0)
    return FALSE;
  while (sqlite3_step (facts) == SQLITE_ROW)
    {
      const char *who = (const char *) sqlite3_column_text (facts, parties);
      const char *until = expiry >= 0 ? (const char *) sqlite3_column_text (facts, expiry) : NULL;
      const char *from =
        signed_on >= 0 ? (const char *) sqlite3_column_text (facts, signed_on) : NULL;
      g_auto(GStrv) each = NULL;

      if (sqlite3_column_int (facts, tasking) == 0 || who == NULL ||
          (status >= 0 &&
           g_strcmp0 ((const char *) sqlite3_column_text (facts, status), "active") != 0) ||
          (until != NULL && *until != '\0' && strncmp (until, day, 10) < 0) ||
          (from != NULL && *from != '\0' && strncmp (from, day, 10) > 0))
        continue;
      each = g_strsplit (who, " ", -1);
      if (g_strv_contains ((const char * const *) each, id))
        return TRUE;
    }
  return FALSE;
}

static gboolean
volunteers_tasks_refuse_organisation (SteadWorkspace  *workspace,
                                      gint64           organisation,
                                      GError         **error)
{
  g_autofree char *name = organisation > 0
                            ? stead_workspace_get_record_title (workspace, "organisation",
                                                                organisation)
                            : NULL;

  if (name == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _("A task needs a partner organisation that may task volunteers"));
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                 _("“%s” has no active agreement that allows it to task volunteers"), name);
  return FALSE;
}

/**
 * volunteers_task_add:
 * @volunteers: (array length=n_volunteers) (nullable): who is given it
 *
 * Returns: the new task's id, or -1 with @error (nothing changed)
 */
gint64
volunteers_task_add (SteadWorkspace  *workspace,
                     gint64           request,
                     gint64           organisation,
                     const gint64    *volunteers,
                     guint            n_volunteers,
                     GError         **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  g_autofree char *status = NULL;
  gint64 task;

  status = stead_workspace_query_text (workspace,
                                       "SELECT status FROM volunteers_request WHERE fid = ?1",
                                       STEAD_ARGS (STEAD_INT (request)));
  if (status == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("That request for help no longer exists"));
      return -1;
    }
  if (g_str_equal (status, "done") || g_str_equal (status, "cancelled"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The request for help is closed: reopen it before tasking"));
      return -1;
    }
  if (!volunteers_organisation_can_task (workspace, organisation, NULL))
    {
      volunteers_tasks_refuse_organisation (workspace, organisation, error);
      return -1;
    }
  for (guint i = 0; i < n_volunteers; i++)
    if (stead_workspace_query_int64 (workspace,
                                     "SELECT count (*) FROM volunteers_volunteer WHERE fid = ?1",
                                     STEAD_ARGS (STEAD_INT (volunteers[i]))) == 0)
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("A volunteer given the task is no longer on the register"));
        return -1;
      }

  txn = stead_workspace_begin (workspace, VOLUNTEERS_OWNER, _("Task a request for help"), error);
  if (txn == NULL)
    return -1;
  task = stead_transaction_run (txn,
                                "INSERT INTO volunteers_task (request, organisation) VALUES (?, ?)",
                                STEAD_ARGS (STEAD_INT (request), STEAD_INT (organisation)), error);
  if (task < 0)
    return -1;
  for (guint i = 0; i < n_volunteers; i++)
    if (stead_transaction_run (txn,
                               "INSERT OR IGNORE INTO volunteers_task_volunteer (task, volunteer) "
                               "VALUES (?, ?)",
                               STEAD_ARGS (STEAD_INT (task), STEAD_INT (volunteers[i])),
                               error) < 0)
      return -1;
  if (stead_transaction_run (txn,
                             "UPDATE volunteers_request SET status = 'assigned' "
                             "WHERE fid = ?1 AND status = 'open'",
                             STEAD_ARGS (STEAD_INT (request)), error) < 0 ||
      !stead_transaction_commit (g_steal_pointer (&txn), error))
    return -1;
  return task;
}

/**
 * volunteers_task_move:
 * @status: the status to move to
 * @now: (nullable): the time to stamp, "YYYY-MM-DDTHH:MM:SSZ"; NULL for now
 *
 * Returns: FALSE with @error when the move is not allowed (nothing changed)
 */
gboolean
volunteers_task_move (SteadWorkspace  *workspace,
                      gint64           task,
                      const char      *status,
                      const char      *now,
                      GError         **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  g_autofree char *from = NULL;
  g_autofree char *stamp = now != NULL ? g_strdup (now) : volunteers_tasks_now ();
  g_autofree char *summary = NULL;
  const char *label = stead_choice_get_label (volunteers_task_statuses, status);
  gint64 request, organisation;

  if (label == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a task status: new, offered, accepted, in-progress, done or "
                     "cancelled"),
                   status != NULL ? status : "");
      return FALSE;
    }
  from = stead_workspace_query_text (workspace, "SELECT status FROM volunteers_task WHERE id = ?1",
                                     STEAD_ARGS (STEAD_INT (task)));
  if (from == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("That task no longer exists"));
      return FALSE;
    }
  if (!volunteers_task_move_allowed (from, status))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A task that is %s cannot be moved to %s"),
                   g_dgettext (GETTEXT_PACKAGE,
                               stead_choice_get_label (volunteers_task_statuses, from)),
                   g_dgettext (GETTEXT_PACKAGE, label));
      return FALSE;
    }
  /* Offering it on needs the tasking agreement still in force. */
  organisation = stead_workspace_query_int64 (workspace,
                                              "SELECT organisation FROM volunteers_task "
                                              "WHERE id = ?1",
                                              STEAD_ARGS (STEAD_INT (task)));
  if (!g_str_equal (status, "cancelled") &&
      !volunteers_organisation_can_task (workspace, organisation, NULL))
    return volunteers_tasks_refuse_organisation (workspace, organisation, error);

  summary = g_strdup_printf (_("Move a task to %s"), g_dgettext (GETTEXT_PACKAGE, label));
  txn = stead_workspace_begin (workspace, VOLUNTEERS_OWNER, summary, error);
  if (txn == NULL)
    return FALSE;
  if (stead_transaction_run (
        txn,
        "UPDATE volunteers_task SET status = ?2, "
        "offered = CASE ?2 WHEN 'offered' THEN ?3 WHEN 'new' THEN NULL ELSE offered END, "
        "accepted = CASE ?2 WHEN 'accepted' THEN ?3 ELSE accepted END, "
        "started = CASE ?2 WHEN 'in-progress' THEN ?3 ELSE started END, "
        "finished = CASE WHEN ?2 IN ('done', 'cancelled') THEN ?3 ELSE finished END "
        "WHERE id = ?1",
        STEAD_ARGS (STEAD_INT (task), STEAD_STRING (status), STEAD_STRING (stamp)), error) < 0)
    return FALSE;
  request = stead_workspace_query_int64 (workspace,
                                         "SELECT request FROM volunteers_task WHERE id = ?1",
                                         STEAD_ARGS (STEAD_INT (task)));
  /* Done closes the request; cancelled reopens it when no other task is live. */
  if (g_str_equal (status, "done") &&
      stead_transaction_run (txn,
                             "UPDATE volunteers_request SET status = 'done', closed = ?2 "
                             "WHERE fid = ?1 AND status IN ('open', 'assigned')",
                             STEAD_ARGS (STEAD_INT (request), STEAD_STRING (stamp)), error) < 0)
    return FALSE;
  if (g_str_equal (status, "cancelled") &&
      stead_transaction_run (txn,
                             "UPDATE volunteers_request SET status = 'open' "
                             "WHERE fid = ?1 AND status = 'assigned' AND NOT EXISTS (SELECT 1 "
                             "FROM volunteers_task t WHERE t.request = ?1 "
                             "AND t.status NOT IN ('done', 'cancelled'))",
                             STEAD_ARGS (STEAD_INT (request)), error) < 0)
    return FALSE;
  return stead_transaction_commit (g_steal_pointer (&txn), error);
}

/**
 * volunteers_task_log:
 * @hours: hours given to it, or negative to leave them
 * @outcome: (nullable): what came of it, or NULL to leave it
 */
gboolean
volunteers_task_log (SteadWorkspace  *workspace,
                     gint64           task,
                     double           hours,
                     const char      *outcome,
                     GError         **error)
{
  if (isnan (hours) || hours > 10000)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Hours logged must be a number of hours, up to 10,000"));
      return FALSE;
    }
  return stead_workspace_edit (workspace, VOLUNTEERS_OWNER, _("Log a task’s hours and outcome"),
                               "UPDATE volunteers_task SET "
                               "hours = CASE WHEN ?2 < 0 THEN hours ELSE ?2 END, "
                               "outcome = CASE WHEN ?4 THEN outcome ELSE ?3 END WHERE id = ?1",
                               STEAD_ARGS (STEAD_INT (task), STEAD_DOUBLE (hours),
                                           STEAD_TEXT (outcome), STEAD_INT (outcome == NULL)),
                               error) > 0;
}

gboolean
volunteers_task_assign (SteadWorkspace  *workspace,
                        gint64           task,
                        gint64           volunteer,
                        gboolean         assigned,
                        GError         **error)
{
  g_autofree char *status =
    stead_workspace_query_text (workspace, "SELECT status FROM volunteers_task WHERE id = ?1",
                                STEAD_ARGS (STEAD_INT (task)));

  if (status == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("That task no longer exists"));
      return FALSE;
    }
  if (g_str_equal (status, "done") || g_str_equal (status, "cancelled"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The task is closed: its volunteers can no longer change"));
      return FALSE;
    }
  if (assigned &&
      stead_workspace_query_int64 (workspace,
                                   "SELECT count (*) FROM volunteers_volunteer WHERE fid = ?1",
                                   STEAD_ARGS (STEAD_INT (volunteer))) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("That volunteer is no longer on the register"));
      return FALSE;
    }
  return stead_workspace_edit (workspace, VOLUNTEERS_OWNER,
                               assigned ? _("Give a volunteer a task")
                                        : _("Take a volunteer off a task"),
                               assigned ? "INSERT INTO volunteers_task_volunteer (task, volunteer) "
                                          "VALUES (?1, ?2)"
                                        : "DELETE FROM volunteers_task_volunteer "
                                          "WHERE task = ?1 AND volunteer = ?2",
                               STEAD_ARGS (STEAD_INT (task), STEAD_INT (volunteer)), error) > 0;
}

/* ------------------------------------------------------------------------ */
/* Task records                                                             */

static const SteadField volunteers_task_fields[] = {
  { "request", .label = N_("Request"), .type = STEAD_FIELD_INT, .flags = STEAD_FIELD_INTERNAL },
  { "kind", .type = STEAD_FIELD_TERM, .vocabulary = "need-kind", .label = N_("Kind of Help") },
  { "urgency", .type = STEAD_FIELD_INT, .label = N_("Urgency") },
  { "organisation", .type = STEAD_FIELD_RECORD, .vocabulary = "organisation",
    .label = N_("Tasked By") },
  { "status", .type = STEAD_FIELD_CHOICE, .choices = volunteers_task_statuses,
    .label = N_("Status") },
  { "created", .label = N_("Created") },
  { "offered", .label = N_("Offered") },
  { "accepted", .label = N_("Accepted") },
  { "started", .label = N_("Started") },
  { "finished", .label = N_("Finished") },
  { "hours", .type = STEAD_FIELD_DOUBLE, .label = N_("Hours"),
    .set_sql = "UPDATE volunteers_task SET hours = ?1 WHERE id = ?2" },
  { "outcome", .label = N_("Outcome"), .flags = STEAD_FIELD_MULTILINE,
    .set_sql = "UPDATE volunteers_task SET outcome = ?1 WHERE id = ?2" },
  { "volunteers", .label = N_("Volunteers"), .flags = STEAD_FIELD_INTERNAL },
  { "n_volunteers", .type = STEAD_FIELD_INT, .label = N_("Volunteers") },
};

const SteadRecordInfo volunteers_task_info = {
  .kind = "volunteer-task",
  .owner = VOLUNTEERS_OWNER,
  .title_field = "kind",
  .fields = volunteers_task_fields,
  .n_fields = G_N_ELEMENTS (volunteers_task_fields),
  .edit_summary = N_("Edit a task"),
};

STEAD_DEFINE_RECORD_TYPE (VolunteersTask, volunteers_task, &volunteers_task_info)

SteadQueryModel *
volunteers_tasks_new (SteadWorkspace *workspace,
                      const char     *status)
{
  SteadQueryModel *model = stead_query_model_new (
    workspace, VOLUNTEERS_TYPE_TASK,
    "SELECT t.id, t.request, r.kind, r.urgency, t.organisation, t.status, t.created, t.offered, "
    "  t.accepted, t.started, t.finished, t.hours, t.outcome, "
    "  (SELECT group_concat (x.volunteer, ' ') FROM volunteers_task_volunteer x "
    "   WHERE x.task = t.id) AS volunteers, "
    "  (SELECT count (*) FROM volunteers_task_volunteer x WHERE x.task = t.id) AS n_volunteers "
    "FROM volunteers_task t JOIN volunteers_request r ON r.fid = t.request "
    "WHERE ?1 IS NULL OR t.status = ?1 ORDER BY t.created DESC, t.id DESC",
    VOLUNTEERS_TABLES);

  stead_query_model_set_params (model, STEAD_ARGS (STEAD_TEXT (status)));
  return model;
}

/* ------------------------------------------------------------------------ */
/* A volunteer's child records                                              */

static const SteadField volunteers_availability_fields[] = {
  { "weekday", .required = TRUE, .type = STEAD_FIELD_INT, .min = 1, .max = 7,
    .choices = volunteers_weekdays, .label = N_("Day") },
  { "start", .required = TRUE, .label = N_("From (HH:MM)") },
  { "finish", .required = TRUE, .label = N_("Until (HH:MM)") },
};

static const SteadField volunteers_exception_fields[] = {
  { "date_from", .required = TRUE, .type = STEAD_FIELD_DATE, .label = N_("From") },
  { "date_to", .required = TRUE, .type = STEAD_FIELD_DATE, .label = N_("Until") },
  { "available", .type = STEAD_FIELD_BOOL, .label = N_("Available (rather than away)") },
  { "note", .label = N_("Note"), .set_sql = "UPDATE volunteers_exception SET note = ?1 "
                                            "WHERE id = ?2" },
};

static const SteadField volunteers_training_fields[] = {
  { "course", .required = TRUE, .label = N_("Course"),
    .set_sql = "UPDATE volunteers_training SET course = ?1 WHERE id = ?2" },
  { "skill", .type = STEAD_FIELD_TERM, .vocabulary = "skill", .label = N_("Qualifies For"),
    .set_sql = "UPDATE volunteers_training SET skill = ?1 WHERE id = ?2" },
  { "completed", .type = STEAD_FIELD_DATE, .label = N_("Completed"),
    .set_sql = "UPDATE volunteers_training SET completed = ?1 WHERE id = ?2" },
  { "expires", .type = STEAD_FIELD_DATE, .label = N_("Expires"),
    .set_sql = "UPDATE volunteers_training SET expires = ?1 WHERE id = ?2" },
};

static const SteadField volunteers_insurance_fields[] = {
  { "organisation", .type = STEAD_FIELD_RECORD, .vocabulary = "organisation",
    .label = N_("Policy Holder"),
    .set_sql = "UPDATE volunteers_insurance SET organisation = ?1 WHERE id = ?2" },
  { "kind", .required = TRUE, .type = STEAD_FIELD_CHOICE, .choices = volunteers_insurance_kinds,
    .label = N_("Kind"), .set_sql = "UPDATE volunteers_insurance SET kind = ?1 WHERE id = ?2" },
  { "activities", .label = N_("Activities Covered (skills; empty: all)"),
    .set_sql = "UPDATE volunteers_insurance SET activities = ?1 WHERE id = ?2" },
  { "expires", .type = STEAD_FIELD_DATE, .label = N_("Expires"),
    .set_sql = "UPDATE volunteers_insurance SET expires = ?1 WHERE id = ?2" },
};

static const SteadField volunteers_ppe_fields[] = {
  { "item", .required = TRUE, .type = STEAD_FIELD_CHOICE, .choices = volunteers_ppe_items,
    .label = N_("Item") },
  { "size", .label = N_("Size"), .set_sql = "UPDATE volunteers_ppe SET size = ?1 WHERE id = ?2" },
  { "issued", .required = TRUE, .type = STEAD_FIELD_DATE, .label = N_("Issued"),
    .set_sql = "UPDATE volunteers_ppe SET issued = ?1 WHERE id = ?2" },
  { "returned", .type = STEAD_FIELD_DATE, .label = N_("Returned"),
    .set_sql = "UPDATE volunteers_ppe SET returned = ?1 WHERE id = ?2" },
};

const SteadRecordInfo volunteers_child_info[VOLUNTEERS_N_CHILDREN] = {
  [VOLUNTEERS_CHILD_AVAILABILITY] = {
    .kind = "volunteer-availability", .owner = VOLUNTEERS_OWNER, .title_field = "weekday",
    .fields = volunteers_availability_fields,
    .n_fields = G_N_ELEMENTS (volunteers_availability_fields),
    .edit_summary = N_("Edit a volunteer’s availability") },
  [VOLUNTEERS_CHILD_EXCEPTION] = {
    .kind = "volunteer-exception", .owner = VOLUNTEERS_OWNER, .title_field = "date_from",
    .fields = volunteers_exception_fields, .n_fields = G_N_ELEMENTS (volunteers_exception_fields),
    .edit_summary = N_("Edit a volunteer’s availability") },
  [VOLUNTEERS_CHILD_TRAINING] = {
    .kind = "volunteer-training", .owner = VOLUNTEERS_OWNER, .title_field = "course",
    .fields = volunteers_training_fields, .n_fields = G_N_ELEMENTS (volunteers_training_fields),
    .edit_summary = N_("Edit a volunteer’s training") },
  [VOLUNTEERS_CHILD_INSURANCE] = {
    .kind = "volunteer-insurance", .owner = VOLUNTEERS_OWNER, .title_field = "kind",
    .fields = volunteers_insurance_fields, .n_fields = G_N_ELEMENTS (volunteers_insurance_fields),
    .edit_summary = N_("Edit a volunteer’s insurance") },
  [VOLUNTEERS_CHILD_PPE] = {
    .kind = "volunteer-ppe", .owner = VOLUNTEERS_OWNER, .title_field = "item",
    .fields = volunteers_ppe_fields, .n_fields = G_N_ELEMENTS (volunteers_ppe_fields),
    .edit_summary = N_("Edit a volunteer’s equipment") },
};

STEAD_DEFINE_RECORD_TYPE (VolunteersAvailability, volunteers_availability,
                          &volunteers_child_info[VOLUNTEERS_CHILD_AVAILABILITY])
STEAD_DEFINE_RECORD_TYPE (VolunteersException, volunteers_exception,
                          &volunteers_child_info[VOLUNTEERS_CHILD_EXCEPTION])
STEAD_DEFINE_RECORD_TYPE (VolunteersTraining, volunteers_training,
                          &volunteers_child_info[VOLUNTEERS_CHILD_TRAINING])
STEAD_DEFINE_RECORD_TYPE (VolunteersInsurance, volunteers_insurance,
                          &volunteers_child_info[VOLUNTEERS_CHILD_INSURANCE])
STEAD_DEFINE_RECORD_TYPE (VolunteersPpe, volunteers_ppe,
                          &volunteers_child_info[VOLUNTEERS_CHILD_PPE])

static const struct
{
  const char *list_sql;
  const char *insert_sql;   /* ?1 the volunteer, then the fields in order */
  const char *delete_sql;
  const char *add_summary;
  const char *remove_summary;
} volunteers_children[VOLUNTEERS_N_CHILDREN] = {
  [VOLUNTEERS_CHILD_AVAILABILITY] = {
    "SELECT id, weekday, start, finish FROM volunteers_availability WHERE volunteer = ?1 "
    "ORDER BY weekday, start",
    "INSERT INTO volunteers_availability (volunteer, weekday, start, finish) VALUES (?, ?, ?, ?)",
    "DELETE FROM volunteers_availability WHERE id = ?1",
    N_("Add a volunteer’s available time"), N_("Remove a volunteer’s available time") },
  [VOLUNTEERS_CHILD_EXCEPTION] = {
    "SELECT id, date_from, date_to, available, note FROM volunteers_exception "
    "WHERE volunteer = ?1 ORDER BY date_from",
    "INSERT INTO volunteers_exception (volunteer, date_from, date_to, available, note) "
    "VALUES (?, ?, ?, coalesce (?, 0), ?)",
    "DELETE FROM volunteers_exception WHERE id = ?1",
    N_("Add an exception to a volunteer’s availability"),
    N_("Remove an exception to a volunteer’s availability") },
  [VOLUNTEERS_CHILD_TRAINING] = {
    "SELECT id, course, skill, completed, expires FROM volunteers_training "
    "WHERE volunteer = ?1 ORDER BY expires IS NULL, expires, id",
    "INSERT INTO volunteers_training (volunteer, course, skill, completed, expires) "
    "VALUES (?, ?, ?, ?, ?)",
    "DELETE FROM volunteers_training WHERE id = ?1",
    N_("Add a volunteer’s training"), N_("Remove a volunteer’s training") },
  [VOLUNTEERS_CHILD_INSURANCE] = {
    "SELECT id, organisation, kind, activities, expires FROM volunteers_insurance "
    "WHERE volunteer = ?1 ORDER BY kind, expires",
    "INSERT INTO volunteers_insurance (volunteer, organisation, kind, activities, expires) "
    "VALUES (?, ?, ?, ?, ?)",
    "DELETE FROM volunteers_insurance WHERE id = ?1",
    N_("Add a volunteer’s insurance"), N_("Remove a volunteer’s insurance") },
  [VOLUNTEERS_CHILD_PPE] = {
    "SELECT id, item, size, issued, returned FROM volunteers_ppe WHERE volunteer = ?1 "
    "ORDER BY issued, id",
    "INSERT INTO volunteers_ppe (volunteer, item, size, issued, returned) VALUES (?, ?, ?, ?, ?)",
    "DELETE FROM volunteers_ppe WHERE id = ?1",
    N_("Issue a volunteer equipment"), N_("Remove a volunteer’s equipment") },
};

GType
volunteers_child_get_type (VolunteersChild child)
{
  switch (child)
    {
    case VOLUNTEERS_CHILD_AVAILABILITY:
      return volunteers_availability_get_type ();
    case VOLUNTEERS_CHILD_EXCEPTION:
      return volunteers_exception_get_type ();
    case VOLUNTEERS_CHILD_TRAINING:
      return volunteers_training_get_type ();
    case VOLUNTEERS_CHILD_INSURANCE:
      return volunteers_insurance_get_type ();
    case VOLUNTEERS_CHILD_PPE:
      return volunteers_ppe_get_type ();
    default:
      g_return_val_if_reached (G_TYPE_INVALID);
    }
}

/**
 * volunteers_children_new:
 *
 * Returns: (transfer full): @volunteer's records of @child (its id is ?1:
 *   stead_query_model_set_params() moves the list to another volunteer)
 */
SteadQueryModel *
volunteers_children_new (SteadWorkspace  *workspace,
                         VolunteersChild  child,
                         gint64           volunteer)
{
  SteadQueryModel *model;

  g_return_val_if_fail (child < VOLUNTEERS_N_CHILDREN, NULL);
  model = stead_query_model_new (workspace, volunteers_child_get_type (child),
                                 volunteers_children[child].list_sql, VOLUNTEERS_TABLES);
  stead_query_model_set_params (model, STEAD_ARGS (STEAD_INT (volunteer)));
  return model;
}

static const char *
volunteers_tasks_lookup (const char * const *names,
                         const char * const *values,
                         const char         *name)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

/* "HH:MM", 00:00 to 24:00. */
static gboolean
volunteers_tasks_valid_time (const char *text)
{
  return text != NULL && strlen (text) == 5 && g_ascii_isdigit (text[0]) &&
         g_ascii_isdigit (text[1]) && text[2] == ':' && g_ascii_isdigit (text[3]) &&
         g_ascii_isdigit (text[4]) &&
         (strcmp (text, "24:00") == 0 || (strcmp (text, "24:00") < 0 && text[3] <= '5'));
}

gint64
volunteers_child_add (SteadWorkspace      *workspace,
                      VolunteersChild      child,
                      gint64               volunteer,
                      const char * const  *names,
                      const char * const  *values,
                      GError             **error)
{
  const SteadRecordInfo *info;
  GValue parsed[8] = { G_VALUE_INIT };
  SteadValue args[9];
  gint64 result = -1;
  guint n;

  g_return_val_if_fail (child < VOLUNTEERS_N_CHILDREN, -1);
  info = &volunteers_child_info[child];
  g_return_val_if_fail (info->n_fields < G_N_ELEMENTS (parsed), -1);

  if (stead_workspace_query_int64 (workspace,
                                   "SELECT count (*) FROM volunteers_volunteer WHERE fid = ?1",
                                   STEAD_ARGS (STEAD_INT (volunteer))) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("That volunteer is no longer on the register"));
      return -1;
    }
  args[0] = STEAD_INT (volunteer);
  for (n = 0; n < info->n_fields; n++)
    {
      const char *text = volunteers_tasks_lookup (names, values, info->fields[n].name);

      if (!stead_field_parse (&info->fields[n], workspace, text != NULL ? text : "", &parsed[n],
                              error))
        goto out;
      args[n + 1] = stead_value_from_gvalue (&parsed[n]);
    }

  /* What the fields alone cannot say. */
  if (child == VOLUNTEERS_CHILD_AVAILABILITY)
    {
      const char *start = g_value_get_string (&parsed[1]);
      const char *finish = g_value_get_string (&parsed[2]);

      if (!volunteers_tasks_valid_time (start) || !volunteers_tasks_valid_time (finish))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Times are written HH:MM, as 09:30"));
          goto out;
        }
      if (strcmp (start, finish) >= 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("%s is not after %s"), finish, start);
          goto out;
        }
    }
  else if (child == VOLUNTEERS_CHILD_EXCEPTION &&
           strcmp (g_value_get_string (&parsed[0]), g_value_get_string (&parsed[1])) > 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The exception ends before it starts"));
      goto out;
    }
  else if (child == VOLUNTEERS_CHILD_TRAINING && G_IS_VALUE (&parsed[2]) &&
           G_IS_VALUE (&parsed[3]) &&
           strcmp (g_value_get_string (&parsed[2]), g_value_get_string (&parsed[3])) > 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The training expires before it was completed"));
      goto out;
    }
  else if (child == VOLUNTEERS_CHILD_PPE && G_IS_VALUE (&parsed[3]) &&
           strcmp (g_value_get_string (&parsed[2]), g_value_get_string (&parsed[3])) > 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The equipment was returned before it was issued"));
      goto out;
    }

  result = stead_workspace_edit (workspace, VOLUNTEERS_OWNER,
                                 g_dgettext (GETTEXT_PACKAGE,
                                             volunteers_children[child].add_summary),
                                 volunteers_children[child].insert_sql, args, n + 1, error);
out:
  for (guint i = 0; i < G_N_ELEMENTS (parsed); i++)
    if (G_IS_VALUE (&parsed[i]))
      g_value_unset (&parsed[i]);
  return result;
}

gboolean
volunteers_child_remove (SteadWorkspace  *workspace,
                         VolunteersChild  child,
                         gint64           id,
                         GError         **error)
{
  g_return_val_if_fail (child < VOLUNTEERS_N_CHILDREN, FALSE);
  return stead_workspace_edit (workspace, VOLUNTEERS_OWNER,
                               g_dgettext (GETTEXT_PACKAGE,
                                           volunteers_children[child].remove_summary),
                               volunteers_children[child].delete_sql,
                               STEAD_ARGS (STEAD_INT (id)), error) > 0;
}
