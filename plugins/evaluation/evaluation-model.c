/* evaluation-model.c: the evaluation plugin's records, edits and reads
 *
 * Every edit is one undo step (one statement, or one transaction).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "evaluation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "evaluation-private.h"

const SteadChoice evaluation_confidences[] = {
  { "low", N_("Low") },
  { "medium", N_("Medium") },
  { "high", N_("High") },
  { NULL },
};

static const SteadChoice evaluation_assessment_statuses[] = {
  { "draft", N_("Draft") },
  { "final", N_("Final") },
  { NULL },
};

const SteadChoice evaluation_action_statuses[] = {
  { "open", N_("Open") },
  { "in-progress", N_("In progress") },
  { "done", N_("Done") },
  { "dropped", N_("Dropped") },
  { NULL },
};

#define ASSESSMENT_SET(column) STEAD_SET_SQL ("evaluation_assessment", column)
#define ACTION_SET(column) STEAD_SET_SQL ("evaluation_action", column)

const SteadField evaluation_assessment_fields[] = {
  { "title", .required = TRUE, .label = N_("Title"), .set_sql = ASSESSMENT_SET ("title") },
  { "date", .required = TRUE, .type = STEAD_FIELD_DATE, .label = N_("Date"),
    .set_sql = ASSESSMENT_SET ("date") },
  { "framework_title", .label = N_("Framework") },
  { "status", .type = STEAD_FIELD_CHOICE, .choices = evaluation_assessment_statuses,
    .label = N_("Status"), .set_sql = ASSESSMENT_SET ("status") },
  { "scored", .label = N_("Scored") },
  { "notes", .label = N_("Notes"), .flags = STEAD_FIELD_MULTILINE | STEAD_FIELD_PERSONAL,
    .set_sql = ASSESSMENT_SET ("notes") },
  { "framework", .type = STEAD_FIELD_INT, .flags = STEAD_FIELD_INTERNAL },
};

const guint evaluation_n_assessment_fields = G_N_ELEMENTS (evaluation_assessment_fields);

static const SteadRecordInfo evaluation_assessment_info = {
  .kind = "assessment",
  .owner = EVALUATION_OWNER,
  .title_field = "title",
  .fields = evaluation_assessment_fields,
  .n_fields = G_N_ELEMENTS (evaluation_assessment_fields),
  .edit_summary = N_("Edit assessment “%s”"),
  .title_sql = "SELECT title FROM evaluation_assessment WHERE id = ?1",
};

STEAD_DEFINE_RECORD_TYPE (EvaluationAssessment, evaluation_assessment,
                          &evaluation_assessment_info)

const SteadField evaluation_action_fields[] = {
  { "text", .required = TRUE, .label = N_("Action"), .set_sql = ACTION_SET ("text") },
  { "due", .type = STEAD_FIELD_DATE, .label = N_("Due"), .set_sql = ACTION_SET ("due") },
  { "status", .type = STEAD_FIELD_CHOICE, .choices = evaluation_action_statuses,
    .label = N_("Status"), .set_sql = ACTION_SET ("status") },
  { "owner_organisation", .type = STEAD_FIELD_RECORD, .vocabulary = "organisation",
    .label = N_("Owner"), .set_sql = ACTION_SET ("owner_organisation") },
  { "owner_name", .label = N_("Owner (Person)"), .flags = STEAD_FIELD_PERSONAL,
    .set_sql = ACTION_SET ("owner_name") },
  { "done", .type = STEAD_FIELD_DATE, .label = N_("Done On"), .set_sql = ACTION_SET ("done") },
  { "assessment_title", .label = N_("Assessment") },
  { "about", .label = N_("About") },
  { "overdue", .flags = STEAD_FIELD_HIDDEN },
};

const guint evaluation_n_action_fields = G_N_ELEMENTS (evaluation_action_fields);

char *
evaluation_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Overdue by the library's rule, so the page, the report and the tests agree. */
static void
evaluation_model_derive_action (SteadRecord *record)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *today = evaluation_today ();

  if (evaluation_action_is_overdue (stead_record_get_string (record, "status"),
                                    stead_record_get_string (record, "due"), today))
    {
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, _("overdue"));
    }
  stead_record_set_derived (record, "overdue", &value);
}

static const SteadRecordInfo evaluation_action_info = {
  .kind = "evaluation-action",
  .owner = EVALUATION_OWNER,
  .title_field = "text",
  .fields = evaluation_action_fields,
  .n_fields = G_N_ELEMENTS (evaluation_action_fields),
  .edit_summary = N_("Edit action “%s”"),
  .title_sql = "SELECT text FROM evaluation_action WHERE id = ?1",
  .derive = evaluation_model_derive_action,
};

STEAD_DEFINE_RECORD_TYPE (EvaluationAction, evaluation_action, &evaluation_action_info)

/* What an action is about, from its framework's definition: "Dimension:
 * statement" for a statement, the dimension's title for a dimension. */
#define EVALUATION_ACTION_ABOUT_SQL \
  "coalesce ((SELECT json_extract (d.value, '$.title') || ': ' || " \
  "                  json_extract (s.value, '$.text') " \
  "           FROM evaluation_framework f, json_each (f.definition, '$.dimensions') d, " \
  "                json_each (d.value, '$.statements') s " \
  "           WHERE f.id = a.framework AND json_extract (s.value, '$.id') = c.statement), " \
  "          (SELECT json_extract (d.value, '$.title') " \
  "           FROM evaluation_framework f, json_each (f.definition, '$.dimensions') d " \
  "           WHERE f.id = a.framework AND json_extract (d.value, '$.id') = c.dimension))"

SteadQueryModel *
evaluation_assessments_new (SteadWorkspace *workspace)
{
  return stead_query_model_new (
    workspace, evaluation_assessment_get_type (),
    "SELECT a.id, a.title, a.date, f.title AS framework_title, a.status, "
    "(SELECT count (score) FROM evaluation_score s WHERE s.assessment = a.id) AS scored, "
    "a.notes, a.framework "
    "FROM evaluation_assessment a JOIN evaluation_framework f ON f.id = a.framework "
    "ORDER BY a.date DESC, a.id DESC",
    STEAD_STRV ("evaluation_assessment", "evaluation_framework", "evaluation_score"));
}

/* Every action, open ones first by due date (none last). */
SteadQueryModel *
evaluation_actions_new (SteadWorkspace *workspace)
{
  return stead_query_model_new (
    workspace, evaluation_action_get_type (),
    "SELECT c.id, c.text, c.due, c.status, c.owner_organisation, c.owner_name, c.done, "
    "a.title AS assessment_title, " EVALUATION_ACTION_ABOUT_SQL " AS about "
    "FROM evaluation_action c JOIN evaluation_assessment a ON a.id = c.assessment "
    "ORDER BY c.status IN ('done', 'dropped'), c.due IS NULL, c.due, c.id",
    STEAD_STRV ("evaluation_action", "evaluation_assessment", "evaluation_framework"));
}

gint64
evaluation_assessment_start (SteadWorkspace  *workspace,
                             const char      *builtin,
                             gint64           framework,
                             const char      *date,
                             const char      *title,
                             GError         **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  gint64 id;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), -1);

  if (title == NULL || g_strstrip (g_strdup (title))[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("An assessment needs a title"));
      return -1;
    }
  txn = stead_workspace_begin (workspace, EVALUATION_OWNER, _("Start an assessment"), error);
  if (txn == NULL)
    return -1;
  if (builtin != NULL)
    {
      g_autoptr(GBytes) bytes = evaluation_framework_offered_bytes (builtin, error);
      g_autoptr(EvaluationFramework) parsed = NULL;
      gsize length;
      const char *data;

      if (bytes == NULL)
        return -1;
      data = g_bytes_get_data (bytes, &length);
      parsed = evaluation_framework_parse (data, length, error);
      if (parsed == NULL ||
          !stead_transaction_query_int64 (
            txn, "SELECT id FROM evaluation_framework WHERE key = ?1 AND version = ?2",
            STEAD_ARGS (STEAD_STRING (parsed->key), STEAD_STRING (parsed->version)),
            &framework))
        framework = parsed == NULL ? -1
                                   : evaluation_framework_store (txn, parsed, data, length, NULL,
                                                                 error);
      if (framework < 0)
        return -1;
    }
  id = stead_transaction_run (txn,
                              "INSERT INTO evaluation_assessment (framework, date, title) "
                              "VALUES (?, ?, ?)",
                              STEAD_ARGS (STEAD_INT (framework), STEAD_STRING (date),
                                          STEAD_STRING (title)),
                              error);
  if (id < 0 || !stead_transaction_commit (g_steal_pointer (&txn), error))
    return -1;
  return id;
}

gint64
evaluation_assessment_get_framework (SteadWorkspace *workspace,
                                     gint64          assessment)
{
  return stead_workspace_query_int64 (workspace,
                                      "SELECT framework FROM evaluation_assessment WHERE id = ?1",
                                      STEAD_ARGS (STEAD_INT (assessment)));
}

gboolean
evaluation_score_set (SteadWorkspace  *workspace,
                      gint64           assessment,
                      const char      *statement,
                      gint64           score,
                      const char      *confidence,
                      const char      *evidence,
                      GError         **error)
{
  g_autoptr(EvaluationFramework) framework = NULL;
  g_autoptr(SteadTransaction) txn = NULL;
  gint64 changed;

  framework = evaluation_framework_load (
    workspace, evaluation_assessment_get_framework (workspace, assessment), error);
  if (framework == NULL)
    return FALSE;
  if (evaluation_framework_find_statement (framework, statement, NULL) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a statement of %s"), statement, framework->title);
      return FALSE;
    }
  if (score >= 0 && evaluation_framework_scale_label (framework, score) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%" G_GINT64_FORMAT " is not a value of the scale of %s"), score,
                   framework->title);
      return FALSE;
    }
  if (confidence != NULL && confidence[0] != '\0' &&
      stead_choice_get_label (evaluation_confidences, confidence) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Confidence “%s” is not one of low, medium or high"), confidence);
      return FALSE;
    }
  txn = stead_workspace_begin (workspace, EVALUATION_OWNER, _("Score a statement"), error);
  if (txn == NULL ||
      (changed = stead_transaction_run (
         txn,
         "UPDATE evaluation_score SET score = ?3, confidence = ?4, evidence = ?5 "
         "WHERE assessment = ?1 AND statement = ?2",
         STEAD_ARGS (STEAD_INT (assessment), STEAD_STRING (statement),
                     STEAD_INT_OR_NULL (score, score >= 0), STEAD_TEXT (confidence),
                     STEAD_TEXT (evidence)),
         error)) < 0)
    return FALSE;
  if (changed == 0 &&
      stead_transaction_run (
        txn,
        "INSERT INTO evaluation_score (assessment, statement, score, confidence, evidence) "
        "VALUES (?1, ?2, ?3, ?4, ?5)",
        STEAD_ARGS (STEAD_INT (assessment), STEAD_STRING (statement),
                    STEAD_INT_OR_NULL (score, score >= 0), STEAD_TEXT (confidence),
                    STEAD_TEXT (evidence)),
        error) < 0)
    return FALSE;
  return stead_transaction_commit (g_steal_pointer (&txn), error);
}

gint64
evaluation_evidence_add (SteadWorkspace  *workspace,
                         gint64           assessment,
                         const char      *statement,
                         const char      *location,
                         const char      *title,
                         GError         **error)
{
  g_autofree char *where = g_strstrip (g_strdup (location != NULL ? location : ""));
  const char *kind = g_uri_peek_scheme (where) != NULL &&
                     !g_str_has_prefix (where, "file:") ? "link" : "document";

  if (where[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Evidence needs a link or the path of a document"));
      return -1;
    }
  return stead_workspace_edit (workspace, EVALUATION_OWNER, _("Add evidence"),
                               "INSERT INTO evaluation_evidence (assessment, statement, kind, "
                               "location, title) VALUES (?, ?, ?, ?, ?)",
                               STEAD_ARGS (STEAD_INT (assessment), STEAD_STRING (statement),
                                           STEAD_STRING (kind), STEAD_STRING (where),
                                           STEAD_TEXT (title)),
                               error);
}

gboolean
evaluation_participant_set (SteadWorkspace  *workspace,
                            gint64           assessment,
                            gint64           organisation,
                            gboolean         taking_part,
                            GError         **error)
{
  if (taking_part)
    return stead_workspace_edit (workspace, EVALUATION_OWNER, _("Add a participant"),
                                 "INSERT OR IGNORE INTO evaluation_participant "
                                 "(assessment, organisation) VALUES (?, ?)",
                                 STEAD_ARGS (STEAD_INT (assessment), STEAD_INT (organisation)),
                                 error) > 0;
  return stead_workspace_edit (workspace, EVALUATION_OWNER, _("Remove a participant"),
                               "DELETE FROM evaluation_participant "
                               "WHERE assessment = ?1 AND organisation = ?2",
                               STEAD_ARGS (STEAD_INT (assessment), STEAD_INT (organisation)),
                               error) > 0;
}

gint64
evaluation_action_add (SteadWorkspace  *workspace,
                       gint64           assessment,
                       const char      *dimension,
                       const char      *statement,
                       const char      *text,
                       gint64           owner_organisation,
                       const char      *owner_name,
                       const char      *due,
                       GError         **error)
{
  if (text == NULL || g_strstrip (g_strdup (text))[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("An action needs to say what is to be done"));
      return -1;
    }
  return stead_workspace_edit (
    workspace, EVALUATION_OWNER, _("Add an action"),
    "INSERT INTO evaluation_action (assessment, dimension, statement, text, "
    "owner_organisation, owner_name, due) VALUES (?, ?, ?, ?, ?, ?, ?)",
    STEAD_ARGS (STEAD_INT (assessment), STEAD_TEXT (dimension), STEAD_TEXT (statement),
                STEAD_STRING (text), STEAD_INT_OR_NULL (owner_organisation,
                                                        owner_organisation > 0),
                STEAD_TEXT (owner_name), STEAD_TEXT (due)),
    error);
}

gboolean
evaluation_action_set_status (SteadWorkspace  *workspace,
                              gint64           action,
                              const char      *status,
                              const char      *today,
                              GError         **error)
{
  if (stead_choice_get_label (evaluation_action_statuses, status) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Status “%s” is not one of open, in progress, done or dropped"), status);
      return FALSE;
    }
  return stead_workspace_edit (workspace, EVALUATION_OWNER, _("Change an action’s status"),
                               "UPDATE evaluation_action SET status = ?2, done = ?3 "
                               "WHERE id = ?1",
                               STEAD_ARGS (STEAD_INT (action), STEAD_STRING (status),
                                           g_str_equal (status, "done") ? STEAD_STRING (today)
                                                                        : STEAD_NULL),
                               error) > 0;
}

static EvaluationScores *
evaluation_model_scores_read (SteadWorkspace  *workspace,
                        gint64           assessment,
                        const char      *date,
                        const char      *title,
                        GError         **error)
{
  g_autoptr(EvaluationScores) scores = evaluation_scores_new (assessment, date, title);
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
    workspace,
    "SELECT statement, score, evidence, confidence FROM evaluation_score WHERE assessment = ?1",
    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, assessment);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *statement = (const char *) sqlite3_column_text (stmt, 0);

      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        evaluation_scores_set (scores, statement, sqlite3_column_int64 (stmt, 1));
      evaluation_scores_set_evidence (scores, statement,
                                      (const char *) sqlite3_column_text (stmt, 2));
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        g_hash_table_insert (scores->confidence, g_strdup (statement),
                             g_strdup ((const char *) sqlite3_column_text (stmt, 3)));
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not read the scores: %s"),
                   sqlite3_errmsg (sqlite3_db_handle (stmt)));
      return NULL;
    }
  return g_steal_pointer (&scores);
}

EvaluationScores *
evaluation_scores_load (SteadWorkspace  *workspace,
                        gint64           assessment,
                        GError         **error)
{
  g_autofree char *date = stead_workspace_query_text (
    workspace, "SELECT date FROM evaluation_assessment WHERE id = ?1",
    STEAD_ARGS (STEAD_INT (assessment)));
  g_autofree char *title = stead_workspace_query_text (
    workspace, "SELECT title FROM evaluation_assessment WHERE id = ?1",
    STEAD_ARGS (STEAD_INT (assessment)));

  if (date == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The workspace has no assessment %" G_GINT64_FORMAT), assessment);
      return NULL;
    }
  return evaluation_model_scores_read (workspace, assessment, date, title, error);
}

GPtrArray *
evaluation_history_load (SteadWorkspace  *workspace,
                         gint64           framework,
                         GError         **error)
{
  g_autoptr(GPtrArray) history = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                 evaluation_scores_free);
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
    workspace,
    "SELECT id, date, title FROM evaluation_assessment WHERE framework = ?1 "
    "ORDER BY date, id",
    error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, framework);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      EvaluationScores *scores = evaluation_model_scores_read (
        workspace, sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
        (const char *) sqlite3_column_text (stmt, 2), error);

      if (scores == NULL)
        return NULL;
      g_ptr_array_add (history, scores);
    }
  return g_steal_pointer (&history);
}

static void
evaluation_model_action_free (EvaluationOpenAction *action)
{
  g_free (action->text);
  g_free (action->due);
  g_free (action->status);
  g_free (action->owner);
  g_free (action->assessment_title);
  g_free (action->about);
  g_free (action->statement);
  g_free (action);
}

GPtrArray *
evaluation_actions_load (SteadWorkspace  *workspace,
                         gint64           assessment,
                         gboolean         open_only,
                         const char      *today,
                         GError         **error)
{
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                 evaluation_model_action_free);
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
    workspace,
    "SELECT c.id, c.text, c.due, c.status, c.owner_organisation, c.owner_name, a.title, "
    EVALUATION_ACTION_ABOUT_SQL ", c.statement "
    "FROM evaluation_action c JOIN evaluation_assessment a ON a.id = c.assessment "
    "WHERE ?1 = 0 OR c.assessment = ?1 ORDER BY c.due IS NULL, c.due, c.id",
    error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, assessment);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *status = (const char *) sqlite3_column_text (stmt, 3);
      EvaluationOpenAction *action;
      gint64 organisation = sqlite3_column_int64 (stmt, 4);

      if (open_only && !evaluation_action_is_open (status))
        continue;
      action = g_new0 (EvaluationOpenAction, 1);
      action->id = sqlite3_column_int64 (stmt, 0);
      action->text = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      action->due = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      action->status = g_strdup (status);
      action->owner = organisation > 0
                        ? stead_workspace_get_record_title (workspace, "organisation",
                                                            organisation)
                        : NULL;
      action->owner_is_person = action->owner == NULL && sqlite3_column_type (stmt, 5) !=
                                                           SQLITE_NULL;
      if (action->owner_is_person)
        action->owner = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      action->assessment_title = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      action->about = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      action->statement = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      action->overdue = evaluation_action_is_overdue (status, action->due, today);
      g_ptr_array_add (actions, action);
    }
  return g_steal_pointer (&actions);
}

GPtrArray *
evaluation_open_actions_load (SteadWorkspace  *workspace,
                              const char      *today,
                              GError         **error)
{
  return evaluation_actions_load (workspace, 0, TRUE, today, error);
}

GHashTable *
evaluation_participants_load (SteadWorkspace *workspace,
                              gint64          assessment)
{
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
    workspace, "SELECT organisation FROM evaluation_participant WHERE assessment = ?1", NULL);

  if (stmt == NULL)
    return ids;
  sqlite3_bind_int64 (stmt, 1, assessment);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }
  return ids;
}

GPtrArray *
evaluation_evidence_load (SteadWorkspace *workspace,
                          gint64          assessment,
                          const char     *statement)
{
  GPtrArray *locations = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
    workspace,
    "SELECT coalesce (title, location) FROM evaluation_evidence "
    "WHERE assessment = ?1 AND statement = ?2 ORDER BY id",
    NULL);

  if (stmt == NULL)
    return locations;
  sqlite3_bind_int64 (stmt, 1, assessment);
  sqlite3_bind_text (stmt, 2, statement, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (locations, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  return locations;
}

GPtrArray *
evaluation_frameworks_load (SteadWorkspace *workspace)
{
  GPtrArray *frameworks = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                          evaluation_framework_row_free);
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
    workspace, "SELECT id, key, version, title FROM evaluation_framework ORDER BY title, version",
    NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      EvaluationFrameworkRow *row = g_new0 (EvaluationFrameworkRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->key = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->version = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->title = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (frameworks, row);
    }
  return frameworks;
}

void
evaluation_framework_row_free (EvaluationFrameworkRow *row)
{
  g_free (row->key);
  g_free (row->version);
  g_free (row->title);
  g_free (row);
}

GArray *
evaluation_assessment_dimension_scores (SteadWorkspace       *workspace,
                                        gint64                assessment,
                                        EvaluationFramework **framework,
                                        GError              **error)
{
  g_autoptr(EvaluationFramework) parsed = NULL;
  g_autoptr(EvaluationScores) scores = NULL;
  GArray *result;

  parsed = evaluation_framework_load (
    workspace, evaluation_assessment_get_framework (workspace, assessment), error);
  if (parsed == NULL)
    return NULL;
  scores = evaluation_scores_load (workspace, assessment, error);
  if (scores == NULL)
    return NULL;
  result = evaluation_score_dimensions (parsed, scores);
  if (framework != NULL)
    *framework = g_steal_pointer (&parsed);
  return result;
}
