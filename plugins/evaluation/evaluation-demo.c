/* evaluation-demo.c: the demo area's self-assessments
 *
 * The partnership assessed itself against the five features a year ago
 * and again last month: most features moved up, operations slipped when a
 * rota lapsed, and of the actions agreed some are done and some overdue.
 * It also made a first assessment against the National Resilience
 * Standards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "evaluation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "evaluation-private.h"

typedef struct
{
  const char *statement;
  int         before;     /* -1: not scored */
  int         after;
  const char *confidence;
  const char *evidence;   /* for the later score */
} EvaluationDemoScore;

static const EvaluationDemoScore evaluation_demo_scores[] = {
  { "strategy.1", 1, 2, "high", "Capability strategy endorsed by the strategic board in March." },
  { "strategy.2", 1, 1, "medium", "Sponsors named for four of the seven lead partners." },
  { "strategy.3", 0, 1, "medium", "Indicators agreed; this is the first review against them." },
  { "intelligence.1", 1, 2, "high", "Twelve target groups counted per ward from the Census." },
  { "intelligence.2", 0, 1, "medium", "Data-sharing agreement signed with the electricity "
    "network for the Priority Services Register." },
  { "intelligence.3", 1, 1, "low", "Needs logged during the February floods; not yet analysed." },
  { "management.1", 1, 1, "medium", "Role cards written for the rest centre; manual in draft." },
  { "management.2", 1, 2, "high", "Volunteer readiness checked quarterly; DBS tracked." },
  { "management.3", -1, 1, "medium", "Action log kept since the last assessment." },
  { "coordination.1", 2, 2, "high", "Reach recorded for every group; gaps reviewed monthly." },
  { "coordination.2", 1, 2, "medium", "Warning cascade tested with the mosque and the carers "
    "network." },
  { "coordination.3", 1, 1, "medium", "CVS sits on the planning group; attendance uneven." },
  { "operations.1", 1, 1, "medium", "Call-out test reached 60% of volunteers within an hour." },
  { "operations.2", 1, 0, "low", "Rota lapsed over the summer; needs went unmet for two days." },
  { "operations.3", 0, 1, "high", "Exercise Severn Rise held in October; debrief published." },
};

static const char * const evaluation_demo_participants[] = {
  "Tewkesbury Borough Council", "Severnvale County Council", "British Red Cross, Severnvale",
  "Severnvale Council for Voluntary Service", "Age Friendly Tewkesbury", "Tewkesbury Mosque",
};

typedef struct
{
  gboolean    later;        /* agreed at the later assessment */
  const char *statement;
  const char *text;
  const char *owner;
  int         due_days;     /* from today: negative is past */
  const char *status;
  int         done_days;    /* done this many days ago */
} EvaluationDemoAction;

static const EvaluationDemoAction evaluation_demo_actions[] = {
  { FALSE, "intelligence.2", "Sign a data-sharing agreement for the Priority Services Register",
    "Tewkesbury Borough Council", -200, "done", 230 },
  { FALSE, "strategy.1", "Take the capability strategy to the strategic board",
    "Severnvale County Council", -280, "done", 300 },
  { FALSE, "operations.1", "Test the volunteer call-out twice a year",
    "British Red Cross, Severnvale", -20, "open", 0 },
  { TRUE, "operations.2", "Restore the summer rota and name a deputy coordinator",
    "Severnvale Council for Voluntary Service", -5, "in-progress", 0 },
  { TRUE, "intelligence.3", "Analyse the needs logged in the February floods",
    "Tewkesbury Borough Council", 60, "open", 0 },
  { TRUE, "coordination.3", "Agree a VCS attendance pattern for the planning group",
    "Age Friendly Tewkesbury", 90, "open", 0 },
};

static gint64
evaluation_demo_find (SteadWorkspace *workspace,
                      const char     *name)
{
  SteadRecordProvider *provider = stead_workspace_get_provider (workspace, "organisation");

  return provider != NULL ? stead_record_provider_find (provider, "organisation", name) : 0;
}

static char *
evaluation_demo_date (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static gint64
evaluation_demo_framework (SteadTransaction  *txn,
                           const char        *builtin,
                           GError           **error)
{
  g_autoptr(GBytes) bytes = evaluation_framework_builtin_bytes (builtin);
  g_autoptr(EvaluationFramework) framework = NULL;
  const char *data;
  gsize length;

  data = g_bytes_get_data (bytes, &length);
  framework = evaluation_framework_parse (data, length, error);
  if (framework == NULL)
    return -1;
  return evaluation_framework_store (txn, framework, data, length, NULL, error);
}

static gint64
evaluation_demo_assessment (SteadTransaction  *txn,
                            gint64             framework,
                            int                days,
                            const char        *title,
                            const char        *status,
                            GError           **error)
{
  g_autofree char *date = evaluation_demo_date (days);

  return stead_transaction_run (txn,
                                "INSERT INTO evaluation_assessment (framework, date, title, "
                                "status) VALUES (?, ?, ?, ?)",
                                STEAD_ARGS (STEAD_INT (framework), STEAD_STRING (date),
                                            STEAD_STRING (title), STEAD_STRING (status)),
                                error);
}

static gboolean
evaluation_demo_score (SteadTransaction  *txn,
                       gint64             assessment,
                       const char        *statement,
                       int                score,
                       const char        *confidence,
                       const char        *evidence,
                       GError           **error)
{
  return stead_transaction_run (txn,
                                "INSERT INTO evaluation_score (assessment, statement, score, "
                                "confidence, evidence) VALUES (?, ?, ?, ?, ?)",
                                STEAD_ARGS (STEAD_INT (assessment), STEAD_STRING (statement),
                                            STEAD_INT_OR_NULL (score, score >= 0),
                                            STEAD_TEXT (confidence), STEAD_TEXT (evidence)),
                                error) >= 0;
}

static gboolean
evaluation_demo_five_features (SteadTransaction  *txn,
                               GError           **error)
{
  SteadWorkspace *workspace = stead_transaction_get_workspace (txn);
  gint64 framework = evaluation_demo_framework (txn, "five-features.json", error);
  gint64 earlier, later;

  if (framework < 0 ||
      (earlier = evaluation_demo_assessment (txn, framework, -395, _("First self-assessment"),
                                             "final", error)) < 0 ||
      (later = evaluation_demo_assessment (txn, framework, -30, _("Annual self-assessment"),
                                           "final", error)) < 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (evaluation_demo_scores); i++)
    {
      const EvaluationDemoScore *s = &evaluation_demo_scores[i];

      if (!evaluation_demo_score (txn, earlier, s->statement, s->before, NULL, NULL, error) ||
          !evaluation_demo_score (txn, later, s->statement, s->after, s->confidence, s->evidence,
                                  error))
        return FALSE;
    }
  if (stead_transaction_run (txn,
                             "INSERT INTO evaluation_evidence (assessment, statement, kind, "
                             "location, title) VALUES (?, 'operations.3', 'document', "
                             "'Exercises/Severn Rise debrief.pdf', 'Exercise Severn Rise debrief')",
                             STEAD_ARGS (STEAD_INT (later)), error) < 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (evaluation_demo_participants); i++)
    {
      gint64 organisation = evaluation_demo_find (workspace, evaluation_demo_participants[i]);

      if (organisation <= 0)
        continue;
      for (int round = 0; round < 2; round++)
        /* The mosque joined for the second assessment. */
        if ((round == 1 || i < 5) &&
            stead_transaction_run (txn,
                                   "INSERT INTO evaluation_participant (assessment, "
                                   "organisation) VALUES (?, ?)",
                                   STEAD_ARGS (STEAD_INT (round == 0 ? earlier : later),
                                               STEAD_INT (organisation)),
                                   error) < 0)
          return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (evaluation_demo_actions); i++)
    {
      const EvaluationDemoAction *a = &evaluation_demo_actions[i];
      gint64 owner = evaluation_demo_find (workspace, a->owner);
      g_autofree char *due = evaluation_demo_date (a->due_days);
      g_autofree char *done = a->done_days > 0 ? evaluation_demo_date (-a->done_days) : NULL;

      if (stead_transaction_run (
            txn,
            "INSERT INTO evaluation_action (assessment, statement, text, owner_organisation, "
            "due, status, done) VALUES (?, ?, ?, ?, ?, ?, ?)",
            STEAD_ARGS (STEAD_INT (a->later ? later : earlier), STEAD_STRING (a->statement),
                        STEAD_STRING (a->text), STEAD_INT_OR_NULL (owner, owner > 0),
                        STEAD_STRING (due), STEAD_STRING (a->status), STEAD_TEXT (done)),
            error) < 0)
        return FALSE;
    }
  return TRUE;
}

/* A first, draft assessment against the standards: tiers for the
 * standards most about communities. */
static gboolean
evaluation_demo_standards (SteadTransaction  *txn,
                           GError           **error)
{
  static const struct { const char *statement; int tier; const char *evidence; } tiers[] = {
    { "governance.1", 2, "Terms of reference and secretariat reviewed this year." },
    { "risk-assessment.1", 2, "Community Risk Register published." },
    { "communicating-risk.1", 1, "Register online; no plain-language summaries yet." },
    { "community-resilience.1", 1, "Target groups known; community plans in two parishes." },
    { "exercising.1", 2, "Exercise Severn Rise, with a published debrief." },
    { "recovery.1", 0, "No recovery coordinating group terms of reference." },
  };
  gint64 framework = evaluation_demo_framework (txn, "nrs-lrf.json", error);
  gint64 assessment;

  if (framework < 0 ||
      (assessment = evaluation_demo_assessment (txn, framework, -60,
                                                _("Standards self-assurance"), "draft",
                                                error)) < 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (tiers); i++)
    if (!evaluation_demo_score (txn, assessment, tiers[i].statement, tiers[i].tier, "medium",
                                tiers[i].evidence, error))
      return FALSE;
  return TRUE;
}

gboolean
evaluation_demo_populate (SteadTransaction  *txn,
                          guint              scale,
                          GRand             *rng,
                          GError           **error)
{
  return evaluation_demo_five_features (txn, error) && evaluation_demo_standards (txn, error);
}
