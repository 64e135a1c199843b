/* risks-model.c: scoring, banding, review dates and edits of the register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "risks"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "risks.h"

void
risks_band_free (RisksBand *band)
{
  g_free (band->code);
  g_free (band->label);
  g_free (band->colour);
  g_free (band);
}

/**
 * risks_band_for:
 * @workspace: a workspace with the risks plugin
 * @likelihood: 1–5
 * @impact: 1–5
 *
 * Returns: (transfer full) (nullable): the band the configured matrix
 *   gives the score
 */
RisksBand *
risks_band_for (SteadWorkspace *workspace,
                int             likelihood,
                int             impact)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  RisksBand *band;

  stmt = stead_workspace_prepare (
    workspace,
    "SELECT b.code, b.label, b.colour, b.review_months FROM risks_band_matrix m "
    "JOIN risks_band b ON b.code = m.band WHERE m.likelihood = ? AND m.impact = ?",
    NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, likelihood);
  sqlite3_bind_int (stmt, 2, impact);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  band = g_new0 (RisksBand, 1);
  band->code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  band->label = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  band->colour = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  band->review_months = sqlite3_column_int (stmt, 3);
  return band;
}

/**
 * risks_review_date:
 * @from: the date of the assessment
 *
 * Returns: (transfer full) (nullable): YYYY-MM-DD, the band's review
 *   interval after @from
 */
char *
risks_review_date (SteadWorkspace *workspace,
                   int             likelihood,
                   int             impact,
                   GDate          *from)
{
  g_autoptr(RisksBand) band = risks_band_for (workspace, likelihood, impact);
  GDate date = *from;
  char buf[16];

  if (band == NULL)
    return NULL;
  g_date_add_months (&date, band->review_months);
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
  return g_strdup (buf);
}

/* Since the last review: the score likelihood × impact went up, down or not. */
const char *
risks_trend (int old_likelihood,
             int old_impact,
             int likelihood,
             int impact)
{
  int before = old_likelihood * old_impact, after = likelihood * impact;

  return after > before ? "increasing" : after < before ? "decreasing" : "stable";
}

/* ------------------------------------------------------------------------ */
/* Records                                                                   */

const SteadChoice risks_statuses[] = {
  { "draft", N_("Draft") },
  { "active", N_("Active") },
  { "archived", N_("Archived") },
  { NULL },
};

static const SteadChoice risks_malicious[] = {
  { "0", N_("Non-malicious (assessed over 5 years)") },
  { "1", N_("Malicious (assessed over 2 years)") },
  { NULL },
};

static const SteadChoice risks_link_kinds[] = {
  { "plan", N_("Plan") },
  { "document", N_("Document") },
  { "target-group", N_("Target group exposed") },
  { NULL },
};

static const SteadChoice risks_trends[] = {
  { "increasing", N_("Increasing") },
  { "stable", N_("Stable") },
  { "decreasing", N_("Decreasing") },
  { NULL },
};

#define RISK_SET(column) STEAD_SET_SQL ("risks_risk", column)

static const SteadField risks_risk_fields[] = {
  { "reference", .required = TRUE, .label = N_("Reference"), .set_sql = RISK_SET ("reference") },
  { "title", .required = TRUE, .label = N_("Title"), .set_sql = RISK_SET ("title") },
  { "theme", .label = N_("Theme"), .set_sql = RISK_SET ("theme") },
  { "hazard", .label = N_("Hazard"), .set_sql = RISK_SET ("hazard") },
  { "rwcs", .label = N_("Reasonable Worst Case"), .flags = STEAD_FIELD_MULTILINE,
    .set_sql = RISK_SET ("rwcs") },
  { "malicious", .type = STEAD_FIELD_CHOICE, .choices = risks_malicious, .label = N_("Assessment"),
    .set_sql = RISK_SET ("malicious") },
  { "controls", .label = N_("Controls in Place"), .flags = STEAD_FIELD_MULTILINE,
    .set_sql = RISK_SET ("controls") },
  { "treatment", .label = N_("Further Treatment"), .flags = STEAD_FIELD_MULTILINE,
    .set_sql = RISK_SET ("treatment") },
  { "status", .type = STEAD_FIELD_CHOICE, .choices = risks_statuses, .label = N_("Status"),
    .set_sql = RISK_SET ("status") },
  { "owner", .type = STEAD_FIELD_RECORD, .vocabulary = "organisation", .label = N_("Owner"),
    .set_sql = RISK_SET ("owner") },
  { "lead_assessor", .type = STEAD_FIELD_RECORD, .vocabulary = "organisation",
    .label = N_("Lead Assessor"), .set_sql = RISK_SET ("lead_assessor") },
  { "likelihood", .type = STEAD_FIELD_INT, .min = 1, .max = 5, .label = N_("L") },
  { "impact", .type = STEAD_FIELD_INT, .min = 1, .max = 5, .label = N_("I") },
  { "likelihood_min", .type = STEAD_FIELD_INT, .min = 1, .max = 5,
    .label = N_("Likelihood at Least"), .set_sql = RISK_SET ("likelihood_min") },
  { "likelihood_max", .type = STEAD_FIELD_INT, .min = 1, .max = 5,
    .label = N_("Likelihood at Most"), .set_sql = RISK_SET ("likelihood_max") },
  { "impact_min", .type = STEAD_FIELD_INT, .min = 1, .max = 5, .label = N_("Impact at Least"),
    .set_sql = RISK_SET ("impact_min") },
  { "impact_max", .type = STEAD_FIELD_INT, .min = 1, .max = 5, .label = N_("Impact at Most"),
    .set_sql = RISK_SET ("impact_max") },
  { "review", .type = STEAD_FIELD_DATE, .label = N_("Review"), .set_sql = RISK_SET ("review") },
  { "assessed", .type = STEAD_FIELD_DATE, .label = N_("Assessed") },
  { "trend", .type = STEAD_FIELD_CHOICE, .choices = risks_trends, .label = N_("Trend") },
  { "band", .label = N_("Band") },
  { "band_sort", .type = STEAD_FIELD_INT, .flags = STEAD_FIELD_INTERNAL },
  { "overdue", .flags = STEAD_FIELD_HIDDEN },
};

/* Overdue when the review date has passed: the page flags it, and
 * searching "overdue" finds it. */
static void
risks_model_derive_risk (SteadRecord *record)
{
  g_auto(GValue) value = G_VALUE_INIT;
  const char *review = stead_record_get_string (record, "review");
  char today[16];
  GDate now;

  risks_today (&now);
  g_date_strftime (today, sizeof today, "%Y-%m-%d", &now);
  if (review != NULL && strcmp (review, today) < 0)
    {
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, _("overdue"));
    }
  stead_record_set_derived (record, "overdue", &value);
}

const SteadRecordInfo risks_risk_info = {
  .kind = "risk",
  .owner = RISKS_OWNER,
  .title_field = "title",
  .fields = risks_risk_fields,
  .n_fields = G_N_ELEMENTS (risks_risk_fields),
  .edit_summary = N_("Edit risk “%s”"),
  .title_sql = "SELECT reference || ' ' || title FROM risks_risk WHERE id = ?1",
  .derive = risks_model_derive_risk,
};

STEAD_DEFINE_RECORD_TYPE (RisksRisk, risks_risk, &risks_risk_info)

static const SteadField risks_review_fields[] = {
  { "date", .type = STEAD_FIELD_DATE, .label = N_("Date") },
  { "likelihood", .type = STEAD_FIELD_INT, .label = N_("Likelihood") },
  { "impact", .type = STEAD_FIELD_INT, .label = N_("Impact") },
  { "note", .label = N_("Note") },
  { "summary", .flags = STEAD_FIELD_HIDDEN },
};

static void
risks_model_derive_review (SteadRecord *record)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_take_string (&value, g_strdup_printf (_("Likelihood %d · impact %d"),
                                                (int) stead_record_get_int (record, "likelihood"),
                                                (int) stead_record_get_int (record, "impact")));
  stead_record_set_derived (record, "summary", &value);
}

static const SteadRecordInfo risks_review_info = {
  .kind = "review", .owner = RISKS_OWNER, .title_field = "summary",
  .fields = risks_review_fields, .n_fields = G_N_ELEMENTS (risks_review_fields),
  .derive = risks_model_derive_review,
};

STEAD_DEFINE_RECORD_TYPE (RisksReview, risks_review, &risks_review_info)

static const SteadField risks_link_fields[] = {
  { "kind", .required = TRUE, .type = STEAD_FIELD_CHOICE, .choices = risks_link_kinds,
    .label = N_("Kind") },
  { "title", .required = TRUE, .label = N_("Title") },
  { "ref", .label = N_("Link, path or target group code") },
};

static const SteadRecordInfo risks_link_info = {
  .kind = "link", .owner = RISKS_OWNER, .title_field = "title",
  .fields = risks_link_fields, .n_fields = G_N_ELEMENTS (risks_link_fields),
};

STEAD_DEFINE_RECORD_TYPE (RisksLink, risks_link, &risks_link_info)

static const SteadField risks_hazard_fields[] = {
  { "name", .label = N_("Name") },
};

static const SteadRecordInfo risks_hazard_info = {
  .kind = "hazard-area", .owner = RISKS_OWNER, .title_field = "name",
  .fields = risks_hazard_fields, .n_fields = G_N_ELEMENTS (risks_hazard_fields),
};

STEAD_DEFINE_RECORD_TYPE (RisksHazard, risks_hazard, &risks_hazard_info)

static const SteadField risks_impact_fields[] = {
  { "code", .flags = STEAD_FIELD_INTERNAL },
  { "label", .label = N_("Dimension") },
  { "score", .type = STEAD_FIELD_INT, .min = 0, .max = 5, .label = N_("Score") },
};

static const SteadRecordInfo risks_impact_info = {
  .kind = "impact", .owner = RISKS_OWNER, .title_field = "label",
  .fields = risks_impact_fields, .n_fields = G_N_ELEMENTS (risks_impact_fields),
};

STEAD_DEFINE_RECORD_TYPE (RisksImpact, risks_impact, &risks_impact_info)

static const char * const risks_tables[] = { "risks_", "area", NULL };

SteadQueryModel *
risks_register_new (SteadWorkspace *workspace)
{
  return stead_query_model_new (
    workspace, RISKS_TYPE_RISK,
    "SELECT r.id, r.reference, r.title, r.theme, r.hazard, r.rwcs, r.malicious, "
    "  r.controls, r.treatment, r.status, r.owner, r.lead_assessor, r.likelihood, "
    "  r.impact, r.likelihood_min, r.likelihood_max, r.impact_min, r.impact_max, "
    "  r.review, r.assessed, r.trend, b.label AS band, coalesce (b.sort, 0) AS band_sort "
    "FROM risks_risk r LEFT JOIN risks_band_matrix m ON m.likelihood = r.likelihood "
    "AND m.impact = r.impact LEFT JOIN risks_band b ON b.code = m.band",
    risks_tables);
}

/**
 * risks_children_new:
 * @type: RISKS_TYPE_REVIEW, _LINK, _HAZARD or _IMPACT
 * @risk: whose
 *
 * Returns: (transfer full): the risk's records of @type (impacts: one per
 *   dimension of the active scheme, score 0 when not set)
 */
SteadQueryModel *
risks_children_new (SteadWorkspace *workspace,
                    GType           type,
                    gint64          risk)
{
  const char *sql = NULL;
  SteadQueryModel *model;

  if (type == RISKS_TYPE_REVIEW)
    sql = "SELECT id, date, likelihood, impact, note FROM risks_review WHERE risk = ?1 ORDER BY "
          "date DESC, id DESC";
  else if (type == RISKS_TYPE_LINK)
    sql = "SELECT id, kind, title, ref FROM risks_link WHERE risk = ?1 ORDER BY id";
  else if (type == RISKS_TYPE_HAZARD)
    sql = "SELECT a.fid AS id, a.name FROM risks_hazard h JOIN area a ON a.fid = h.area WHERE "
          "h.risk = ?1 "
          "ORDER BY a.fid";
  else if (type == RISKS_TYPE_IMPACT)
    sql = "SELECT d.rowid AS id, d.code, d.label, coalesce (i.score, 0) AS score FROM "
          "risks_dimension d "
          "JOIN risks_scheme s ON s.code = d.scheme AND s.active "
          "LEFT JOIN risks_impact i ON i.risk = ?1 AND i.dimension = d.code ORDER BY d.sort";
  g_return_val_if_fail (sql != NULL, NULL);

  model = stead_query_model_new (workspace, type, sql, risks_tables);
  stead_query_model_set_params (model, STEAD_ARGS (STEAD_INT (risk)));
  return model;
}

/* The active scheme's labels of one axis, as terms "1"…"5". */
GListModel *
risks_scale_labels_new (SteadWorkspace *workspace,
                        const char     *axis)
{
  return stead_terms_new_for_query (
    workspace,
    /* A label that is only the number says nothing: the threshold instead. */
    "SELECT s.score, s.score || ' – ' || CASE WHEN s.label = CAST (s.score AS TEXT) "
    "  AND coalesce (s.threshold, '') != '' THEN s.threshold ELSE s.label END, s.threshold "
    "FROM risks_scale s "
    "JOIN risks_scheme c ON c.code = s.scheme AND c.active WHERE s.axis = ?1 "
    "ORDER BY s.score",
    axis, risks_tables);
}

/**
 * risks_scale_label_array:
 * @likelihood: (out caller-allocates) (array fixed-size=5): labels of
 *   likelihood 1–5 of the active scheme, or %NULL; free each
 * @impact: (out caller-allocates) (array fixed-size=5): the same for impact
 */
void
risks_scale_label_array (SteadWorkspace  *workspace,
                         char           **likelihood,
                         char           **impact)
{
  g_autoptr(sqlite3_stmt) stmt =
    stead_workspace_prepare (workspace,
                             "SELECT axis, score, label FROM risks_scale WHERE scheme = "
                             "(SELECT code FROM risks_scheme WHERE active)",
                             NULL);

  for (int k = 0; k < 5; k++)
    likelihood[k] = impact[k] = NULL;
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      int score = sqlite3_column_int (stmt, 1);
      char **labels = g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "likelihood")
                        ? likelihood
                        : impact;

      if (score >= 1 && score <= 5)
        stead_set_str (&labels[score - 1], (const char *) sqlite3_column_text (stmt, 2));
    }
}

GListModel *
risks_themes_new (SteadWorkspace *workspace)
{
  return stead_terms_new_for_query (workspace,
                                    "SELECT t.label, t.label FROM risks_theme t "
                                    "JOIN risks_scheme c ON c.code = t.scheme AND c.active ORDER "
                                    "BY t.sort",
                                    NULL, risks_tables);
}

GListModel *
risks_schemes_new (SteadWorkspace *workspace)
{
  return stead_terms_new_for_query (
    workspace, "SELECT code, name FROM risks_scheme ORDER BY code DESC", NULL, risks_tables);
}

void
risks_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static gboolean
risks_model_check_score (int          value,
                         const char  *what,
                         GError     **error)
{
  if (value < 1 || value > 5)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s %d is not on the 1–5 scale"), what, value);
      return FALSE;
    }
  return TRUE;
}

gint64
risks_risk_add (SteadWorkspace  *workspace,
                const char      *reference,
                const char      *title,
                const char      *theme,
                int              likelihood,
                int              impact,
                gboolean         malicious,
                GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *review = NULL;
  char assessed[16];
  GDate now;
  gint64 id;

  if (reference == NULL || *reference == '\0' || title == NULL || *title == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A risk needs a reference and a title"));
      return 0;
    }
  if (!risks_model_check_score (likelihood, _("Likelihood"), error) ||
      !risks_model_check_score (impact, _("Impact"), error))
    return 0;

  risks_today (&now);
  g_date_strftime (assessed, sizeof assessed, "%Y-%m-%d", &now);
  review = risks_review_date (workspace, likelihood, impact, &now);
  /* TRANSLATORS: an undo step; %s is a risk's reference and title */
  summary = g_strdup_printf (_("Add risk “%s %s”"), reference, title);
  id = stead_workspace_edit (
    workspace, RISKS_OWNER, summary,
    "INSERT INTO risks_risk (reference, title, theme, likelihood, impact, malicious, assessed, "
    "review) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    STEAD_ARGS (STEAD_TEXT (reference), STEAD_TEXT (title), STEAD_TEXT (theme),
                STEAD_INT (likelihood), STEAD_INT (impact), STEAD_INT (malicious ? 1 : 0),
                STEAD_TEXT (assessed), STEAD_TEXT (review)),
    &local_error);
  if (id == 0)
    {
      if (strstr (local_error->message, "UNIQUE") != NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("There is already a risk %s"),
                     reference);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return id;
}

/**
 * risks_add_starter:
 * @risks: (array length=n): the risks to add
 * @n: how many
 *
 * Adds @risks as drafts, assessed today, in one undo step; a reference
 * the register has already is left as it is.
 *
 * Returns: how many were added; 0 with @error if none could be
 */
guint
risks_add_starter (SteadWorkspace      *workspace,
                   const RisksStarter  *risks,
                   guint                n,
                   GError             **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  g_autofree char *summary = NULL;
  char assessed[16];
  guint added = 0;
  GDate now;

  risks_today (&now);
  g_date_strftime (assessed, sizeof assessed, "%Y-%m-%d", &now);
  /* TRANSLATORS: an undo step */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Add %u risk from the starter set",
                                          "Add %u risks from the starter set", n), n);
  txn = stead_workspace_begin (workspace, RISKS_OWNER, summary, error);
  if (txn == NULL)
    return 0;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *review = NULL;
      gint64 changed;

      if (!risks_model_check_score (risks[i].likelihood, _("Likelihood"), error) ||
          !risks_model_check_score (risks[i].impact, _("Impact"), error))
        return 0;
      review = risks_review_date (workspace, risks[i].likelihood, risks[i].impact, &now);
      changed = stead_transaction_run (
        txn,
        "INSERT INTO risks_risk (reference, title, theme, likelihood, impact, malicious, assessed, "
        "review, status) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'draft' "
        "WHERE NOT EXISTS (SELECT 1 FROM risks_risk WHERE reference = ?1)",
        STEAD_ARGS (STEAD_TEXT (risks[i].reference), STEAD_TEXT (risks[i].title),
                    STEAD_TEXT (risks[i].theme), STEAD_INT (risks[i].likelihood),
                    STEAD_INT (risks[i].impact), STEAD_INT (risks[i].malicious ? 1 : 0),
                    STEAD_TEXT (assessed), STEAD_TEXT (review)),
        error);
      if (changed < 0)
        return 0;
      added += changed > 0;
    }
  if (added == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           _("The register has every risk chosen already"));
      return 0;
    }
  if (!stead_transaction_commit (g_steal_pointer (&txn), error))
    return 0;
  return added;
}

char *
risks_get_label (SteadWorkspace *workspace,
                 gint64          id)
{
  return stead_workspace_query_text (
    workspace, "SELECT reference || ' ' || title FROM risks_risk WHERE id = ?",
    STEAD_ARGS (STEAD_INT (id)));
}

/**
 * risks_risk_set:
 * @field: reference, title, theme, hazard, rwcs, malicious, controls,
 *   treatment, status, lead_assessor, owner, likelihood_min,
 *   likelihood_max, impact_min, impact_max or review
 *
 * Scores themselves change with risks_risk_rescore(), which keeps history.
 */
gboolean
risks_risk_set (SteadWorkspace  *workspace,
                gint64           id,
                const char      *field,
                const char      *value,
                GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  if (stead_workspace_save_field (workspace, &risks_risk_info, id, field, value, &local_error))
    return TRUE;
  /* The CHECK constraints (a range around its score) speak SQL; say it
   * in the user's terms. */
  if (local_error->domain == STEAD_WORKSPACE_ERROR)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 _("“%s” is not a valid %s for this risk"), value ? value : "", field);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * risks_risk_rescore:
 * @note: (nullable): why, for the history
 *
 * A review: the old scores go to the history, the new ones set the band,
 * the trend and the next review date. One undo step.
 */
gboolean
risks_risk_rescore (SteadWorkspace  *workspace,
                    gint64           id,
                    int              likelihood,
                    int              impact,
                    const char      *note,
                    GError         **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(sqlite3_stmt) old = NULL;
  g_autofree char *label = risks_get_label (workspace, id);
  g_autofree char *summary = NULL;
  g_autofree char *review = NULL;
  char assessed[16];
  int old_l, old_i;
  GDate now;

  if (label == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The risk no longer exists"));
      return FALSE;
    }
  if (!risks_model_check_score (likelihood, _("Likelihood"), error) ||
      !risks_model_check_score (impact, _("Impact"), error))
    return FALSE;

  risks_today (&now);
  g_date_strftime (assessed, sizeof assessed, "%Y-%m-%d", &now);
  review = risks_review_date (workspace, likelihood, impact, &now);
  summary = g_strdup_printf (_("Re-score risk “%s”"), label);
  txn = stead_workspace_begin (workspace, RISKS_OWNER, summary, error);
  if (txn == NULL)
    return FALSE;

  old = stead_transaction_prepare (txn, "SELECT likelihood, impact FROM risks_risk WHERE id = ?",
                                   error);
  if (old == NULL)
    return FALSE;
  sqlite3_bind_int64 (old, 1, id);
  if (sqlite3_step (old) != SQLITE_ROW)
    return FALSE;
  old_l = sqlite3_column_int (old, 0);
  old_i = sqlite3_column_int (old, 1);

  if (stead_transaction_run (
        txn,
        "INSERT INTO risks_review (risk, date, likelihood, impact, likelihood_min, likelihood_max, "
        "impact_min, impact_max, note) SELECT id, coalesce (assessed, date ('now')), likelihood, "
        "impact, likelihood_min, likelihood_max, impact_min, impact_max, ?2 FROM risks_risk "
        "WHERE id = ?1",
        STEAD_ARGS (STEAD_INT (id), STEAD_TEXT (note)), error) < 0)
    return FALSE;
  /* Ranges that no longer hold around the new score are dropped. */
  if (stead_transaction_run (
        txn,
        "UPDATE risks_risk SET likelihood = ?1, impact = ?2, assessed = ?3, review = ?4, trend = "
        "?5, "
        "likelihood_min = CASE WHEN likelihood_min <= ?1 THEN likelihood_min END, "
        "likelihood_max = CASE WHEN likelihood_max >= ?1 THEN likelihood_max END, "
        "impact_min = CASE WHEN impact_min <= ?2 THEN impact_min END, "
        "impact_max = CASE WHEN impact_max >= ?2 THEN impact_max END WHERE id = ?6",
        STEAD_ARGS (STEAD_INT (likelihood), STEAD_INT (impact), STEAD_TEXT (assessed),
                    STEAD_TEXT (review),
                    STEAD_TEXT (risks_trend (old_l, old_i, likelihood, impact)), STEAD_INT (id)),
        error) < 0)
    return FALSE;
  return stead_transaction_commit (g_steal_pointer (&txn), error);
}

/* The risk's rows; the hazard areas go with it (the area rows first, so
 * the undo step holds them). */
gboolean
risks_risk_delete (SteadWorkspace  *workspace,
                   gint64           id,
                   GError         **error)
{
  return stead_workspace_remove_record (workspace, "risk", id, error);
}

/**
 * risks_set_scheme:
 * @scheme: nrr-2023, legacy-crr, or another seeded scheme
 *
 * Switches the scales the register is read against.
 */
gboolean
risks_set_scheme (SteadWorkspace  *workspace,
                  const char      *scheme,
                  GError         **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  gint64 active;

  txn = stead_workspace_begin (workspace, RISKS_OWNER, _("Change the risk scales"), error);
  if (txn == NULL)
    return FALSE;
  if (stead_transaction_run (txn, "UPDATE risks_scheme SET active = (code = ?)",
                             STEAD_ARGS (STEAD_TEXT (scheme)), error) < 0)
    return FALSE;
  stead_transaction_query_int64 (txn, "SELECT count(*) FROM risks_scheme WHERE active", NULL, 0,
                                 &active);
  if (active != 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No risk scheme “%s”"), scheme);
      return FALSE;
    }
  return stead_transaction_commit (g_steal_pointer (&txn), error);
}

void
risks_placement_free (RisksPlacement *placement)
{
  g_free (placement->reference);
  g_free (placement);
}

/**
 * risks_matrix_placements:
 * @workspace: a workspace with the risks plugin
 *
 * Returns: (transfer container) (element-type RisksPlacement): every risk
 *   not archived, by reference: its cell, its ranges, and the cell of its
 *   last review, so the matrix can show movement
 */
GPtrArray *
risks_matrix_placements (SteadWorkspace *workspace)
{
  GPtrArray *placements = g_ptr_array_new_with_free_func ((GDestroyNotify) risks_placement_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = stead_workspace_prepare (
    workspace,
    "SELECT r.id, r.reference, r.likelihood, r.impact, coalesce (r.likelihood_min, 0), "
    "coalesce (r.likelihood_max, 0), coalesce (r.impact_min, 0), coalesce (r.impact_max, 0), "
    "coalesce (v.likelihood, 0), coalesce (v.impact, 0) "
    "FROM risks_risk r LEFT JOIN risks_review v ON v.id = "
    "  (SELECT id FROM risks_review WHERE risk = r.id ORDER BY date DESC, id DESC LIMIT 1) "
    "WHERE r.status != 'archived' ORDER BY r.reference",
    NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      RisksPlacement *p = g_new0 (RisksPlacement, 1);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->reference = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      p->likelihood = sqlite3_column_int (stmt, 2);
      p->impact = sqlite3_column_int (stmt, 3);
      p->likelihood_min = sqlite3_column_int (stmt, 4);
      p->likelihood_max = sqlite3_column_int (stmt, 5);
      p->impact_min = sqlite3_column_int (stmt, 6);
      p->impact_max = sqlite3_column_int (stmt, 7);
      p->previous_likelihood = sqlite3_column_int (stmt, 8);
      p->previous_impact = sqlite3_column_int (stmt, 9);
      g_ptr_array_add (placements, p);
    }
  return placements;
}

gint64
risks_link_add (SteadWorkspace  *workspace,
                gint64           risk,
                const char      *kind,
                const char      *title,
                const char      *ref,
                GError         **error)
{
  g_autofree char *label = risks_get_label (workspace, risk);
  g_autofree char *summary = NULL;

  if (label == NULL || stead_choice_get_label (risks_link_kinds, kind) == NULL || title == NULL ||
      *title == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           label == NULL ? _("The risk no longer exists")
                                         : _("A link needs a kind and a title"));
      return 0;
    }
  summary = g_strdup_printf (_("Link “%s” to risk “%s”"), title, label);
  return stead_workspace_edit (
    workspace, RISKS_OWNER, summary,
    "INSERT INTO risks_link (risk, kind, title, ref) VALUES (?, ?, ?, ?)",
    STEAD_ARGS (STEAD_INT (risk), STEAD_TEXT (kind), STEAD_TEXT (title), STEAD_TEXT (ref)), error);
}

gboolean
risks_link_delete (SteadWorkspace  *workspace,
                   gint64           id,
                   GError         **error)
{
  return stead_workspace_edit (workspace, RISKS_OWNER, _("Remove a link of a risk"),
                               "DELETE FROM risks_link WHERE id = ?", STEAD_ARGS (STEAD_INT (id)),
                               error) != 0;
}

/**
 * risks_hazard_area_add:
 * @geometry: a polygon or multipolygon in WGS84
 *
 * Adds a hazard area (an `area` row of kind hazard) for @risk: drawn on
 * the map, say. One undo step.
 *
 * Returns: the area's fid, or 0
 */
gint64
risks_hazard_area_add (SteadWorkspace  *workspace,
                       gint64           risk,
                       const char      *name,
                       SteadGeometry   *geometry,
                       GError         **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  g_autofree char *label = risks_get_label (workspace, risk);
  g_autofree char *summary = NULL;
  g_autofree char *reference = NULL;
  int type = stead_geometry_get_geometry_type (geometry);
  gint64 area;

  if (label == NULL || name == NULL || *name == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           label == NULL ? _("The risk no longer exists")
                                         : _("A hazard area needs a name"));
      return 0;
    }
  if (type != STEAD_GEOMETRY_POLYGON && type != STEAD_GEOMETRY_MULTIPOLYGON)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A hazard area must be a polygon"));
      return 0;
    }

  reference = stead_workspace_query_text (
    workspace, "SELECT reference FROM risks_risk WHERE id = ?", STEAD_ARGS (STEAD_INT (risk)));

  summary = g_strdup_printf (_("Add hazard area “%s” to risk “%s”"), name, label);
  txn = stead_workspace_begin (workspace, RISKS_OWNER, summary, error);
  if (txn == NULL)
    return 0;
  area = stead_transaction_insert_area (txn, "hazard", reference, name, geometry, error);
  if (area <= 0 ||
      stead_transaction_run (txn, "INSERT INTO risks_hazard (area, risk) VALUES (?, ?)",
                             STEAD_ARGS (STEAD_INT (area), STEAD_INT (risk)), error) < 0 ||
      !stead_transaction_commit (g_steal_pointer (&txn), error))
    return 0;
  return area;
}

/**
 * risks_impact_set:
 * @dimension: a dimension of the active scheme (human-welfare, economic…)
 * @score: 1–5, or 0 to clear it
 *
 * Returns: %TRUE if saved (one undo step)
 */
gboolean
risks_impact_set (SteadWorkspace  *workspace,
                  gint64           risk,
                  const char      *dimension,
                  int              score,
                  GError         **error)
{
  g_autofree char *label = risks_get_label (workspace, risk);
  g_autofree char *summary = NULL;
  gboolean known = dimension != NULL && stead_workspace_query_int64 (
                                          workspace, "SELECT 1 FROM risks_dimension WHERE code = ?",
                                          STEAD_ARGS (STEAD_STRING (dimension))) == 1;

  if (label == NULL || !known)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   label == NULL ? _("The risk no longer exists")
                                 : _("“%s” is not an impact dimension"),
                   dimension ? dimension : "");
      return FALSE;
    }
  if (score != 0 && !risks_model_check_score (score, _("Impact"), error))
    return FALSE;
  summary = g_strdup_printf (_("Edit risk “%s”"), label);
  if (score != 0)
    return stead_workspace_edit (
             workspace, RISKS_OWNER, summary,
             "INSERT OR REPLACE INTO risks_impact (risk, dimension, score) VALUES (?, ?, ?)",
             STEAD_ARGS (STEAD_INT (risk), STEAD_TEXT (dimension), STEAD_INT (score)), error) != 0;
  {
    g_autoptr(SteadTransaction) txn =
      stead_workspace_begin (workspace, RISKS_OWNER, summary, error);

    return txn != NULL &&
           stead_transaction_run (txn, "DELETE FROM risks_impact WHERE risk = ? AND dimension = ?",
                                  STEAD_ARGS (STEAD_INT (risk), STEAD_TEXT (dimension)),
                                  error) >= 0 &&
           stead_transaction_commit (g_steal_pointer (&txn), error);
  }
}
