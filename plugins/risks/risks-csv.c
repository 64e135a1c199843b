/* risks-csv.c: the risk register as CSV, in and out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "risks"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "risks.h"
#include "risks-private.h"

/* Scores are read by risks_csv_parse_score(): the fields are text here. */
static const SteadField risks_csv_fields[] = {
  { "reference",
    "ref;id;risk id;risk ref;risk reference;reference number;nrr id;nrr reference;code",
    "#x_risk +id", TRUE, .label = N_("Reference") },
  { "title", "risk;name;risk title;risk name", "#x_risk +name", TRUE, .label = N_("Title") },
  { "theme", "category;group", "#x_risk +theme", .label = N_("Theme") },
  { "likelihood", "l;likelihood score", "#x_likelihood", TRUE, .label = N_("Likelihood") },
  { "impact", "i;impact score;overall impact", "#x_impact", TRUE, .label = N_("Impact") },
  { "likelihood_min", "likelihood min;likelihood from", NULL, .label = N_("Likelihood at least") },
  { "likelihood_max", "likelihood max;likelihood to", NULL, .label = N_("Likelihood at most") },
  { "impact_min", "impact min;impact from", NULL, .label = N_("Impact at least") },
  { "impact_max", "impact max;impact to", NULL, .label = N_("Impact at most") },
  { "malicious", "malicious risk", NULL, .label = N_("Malicious") },
  { "hazard", "hazard description;risk description;description", "#description",
    .label = N_("Hazard") },
  { "rwcs", "reasonable worst case;reasonable worst-case scenario;scenario", NULL },
  { "controls", "controls in place;plans in place", NULL },
  { "treatment", "further treatment", NULL },
  { "owner",
    "risk owner;lead;lead assessor;lead organisation;lead organization;lead responder;owner "
    "organisation",
    "#org +owner", .label = N_("Owner") },   /* a partner by id or name, added if new */
  { "status", NULL, NULL, .type = STEAD_FIELD_CHOICE, .choices = risks_statuses,
    .label = N_("Status") },
  /* The register's own next review; without it, the band's interval after
   * the assessment. */
  { "review", "review date;next review;next review date;review due;date of next review",
    NULL, .type = STEAD_FIELD_DATE, .label = N_("Review") },
};

/* ------------------------------------------------------------------------ */
/* Import                                                                    */

typedef struct
{
  GHashTable *likelihood_labels;   /* lower-case label -> score */
  GHashTable *impact_labels;
  char       *likelihood_words;    /* "1–5 or Very low, Low, …" for messages */
  char       *impact_words;
  GDate       today;
  char       *today_text;
} RisksCsvImport;

/* A score as registers write it: "4", "4 - Likely", "4: High", or the
 * active scheme's label for it ("Medium high"), case ignored. */
static gboolean
risks_csv_parse_score (const char  *text,
                       GHashTable  *labels,
                       gint64      *score)
{
  g_autofree char *lower = NULL;
  gpointer found;

  if (stead_parse_int (text, 1, 5, score))
    return TRUE;
  if (text[0] >= '1' && text[0] <= '5' && text[1] != '\0' && !g_ascii_isdigit (text[1]) &&
      text[1] != '.')
    {
      const char *rest = text + 1;

      while (*rest == ' ')
        rest++;
      if (*rest == '-' || *rest == ':' || *rest == '(' || *rest == '=' ||
          g_unichar_isalpha (g_utf8_get_char (rest)))
        {
          *score = text[0] - '0';
          return TRUE;
        }
    }
  lower = g_utf8_strdown (text, -1);
  g_strstrip (lower);
  if (labels != NULL && g_hash_table_lookup_extended (labels, lower, NULL, &found))
    {
      *score = GPOINTER_TO_INT (found);
      return TRUE;
    }
  return FALSE;
}

/* The active scheme's labels for one axis, lower case, to their scores;
 * @words: what a message says is accepted. */
static GHashTable *
risks_csv_scale_labels (SteadWorkspace  *workspace,
                        const char      *axis,
                        char           **words)
{
  GHashTable *labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) list = g_string_new (_("1–5"));
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (workspace,
    "SELECT score, label FROM risks_scale WHERE axis = ? AND score BETWEEN 1 AND 5 "
    "AND scheme = (SELECT code FROM risks_scheme WHERE active) ORDER BY score", NULL);
  guint n = 0;

  if (stmt != NULL)
    sqlite3_bind_text (stmt, 1, axis, -1, SQLITE_STATIC);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    if (sqlite3_column_type (stmt, 1) == SQLITE_TEXT)
      {
        const char *text = (const char *) sqlite3_column_text (stmt, 1);
        char *label = g_utf8_strdown (text, -1);

        g_hash_table_replace (labels, g_strstrip (label),
                              GINT_TO_POINTER (sqlite3_column_int (stmt, 0)));
        /* A scale whose labels are its numbers (NRR 2023 likelihood) says 1–5. */
        if (atoi (text) == sqlite3_column_int (stmt, 0) && strspn (text, "0123456789 ") ==
                                                             strlen (text))
          continue;
        g_string_append (list, n++ == 0 ? _(" or ") : ", ");
        g_string_append (list, text);
      }
  *words = g_string_free (g_steal_pointer (&list), FALSE);
  return labels;
}

/* Malicious or not, as registers write it. */
static gboolean
risks_csv_parse_malicious (const char *text,
                           gboolean   *value)
{
  g_autofree char *lower = NULL;

  *value = FALSE;
  if (text == NULL || stead_parse_bool (text, value))
    return TRUE;
  lower = g_ascii_strdown (text, -1);
  g_strstrip (lower);
  if (g_str_equal (lower, "malicious") || g_str_equal (lower, "non-malicious"))
    {
      *value = g_str_equal (lower, "malicious");
      return TRUE;
    }
  return FALSE;
}

/* The six scores: likelihood and impact, then their ranges. */
static gboolean
risks_csv_read_scores (RisksCsvImport *self,
                       SteadImportRow *row,
                       gint64          scores[6])
{
  static const char * const fields[] = {
    "likelihood", "impact", "likelihood_min", "likelihood_max", "impact_min", "impact_max"
  };

  for (guint s = 0; s < G_N_ELEMENTS (fields); s++)
    {
      const char *text = NULL;

      /* Required (likelihood, impact) and present: the field rules say so. */
      if (!stead_import_row_get_text (row, fields[s], &text))
        return FALSE;
      if (text != NULL &&
          !risks_csv_parse_score (
            text, s == 0 || s == 2 || s == 3 ? self->likelihood_labels : self->impact_labels,
            &scores[s]))
        {
          /* Named as the column map names it, like the kit's rejects. */
          stead_import_row_reject (row, _("%s “%s” is not on the scale: %s"), fields[s], text,
                                   s == 0 || s == 2 || s == 3 ? self->likelihood_words
                                                              : self->impact_words);
          return FALSE;
        }
    }
  if ((scores[2] && scores[2] > scores[0]) || (scores[3] && scores[3] < scores[0]) ||
      (scores[4] && scores[4] > scores[1]) || (scores[5] && scores[5] < scores[1]))
    {
      stead_import_row_reject (row, _("a range does not include its score"));
      return FALSE;
    }
  return TRUE;
}

/* What the register had for a reference, if anything. */
typedef struct
{
  gint64  id;
  int     likelihood;
  int     impact;
  char   *assessed;
} RisksCsvOld;

static void
risks_csv_find_old (SteadTransaction *txn,
                    const char       *reference,
                    RisksCsvOld      *old)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = stead_transaction_prepare (
    txn, "SELECT id, likelihood, impact, assessed FROM risks_risk WHERE reference = ?", NULL);
  if (stmt == NULL)
    return;
  stead_statement_bind (stmt, STEAD_ARGS (STEAD_STRING (reference)));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      old->id = sqlite3_column_int64 (stmt, 0);
      old->likelihood = sqlite3_column_int (stmt, 1);
      old->impact = sqlite3_column_int (stmt, 2);
      old->assessed = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
    }
}

static gboolean
risks_csv_read_row (SteadImportRow  *row,
                    gpointer         user_data,
                    GError         **error)
{
  RisksCsvImport *self = user_data;
  SteadImportContext *context = stead_import_row_get_context (row);
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  SteadWorkspace *workspace = stead_import_context_get_workspace (context);
  const char *text[7] = { NULL };   /* reference, title, theme, hazard, rwcs, controls, treatment */
  static const char * const text_fields[] = { "reference", "title",    "theme",    "hazard",
                                             "rwcs",      "controls", "treatment" };
  const char *status = NULL, *assessed, *given_review = NULL, *owner_name = NULL;
  gint64 scores[6] = { 0 }, owner = 0;
  gboolean malicious;
  g_autofree char *review = NULL;
  g_autofree char *extra = NULL;
  RisksCsvOld old = { 0 };
  SteadValue args[20];

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    if (!stead_import_row_get_text (row, text_fields[i], &text[i]))
      return TRUE;
  if (!risks_csv_read_scores (self, row, scores) ||
      !stead_import_row_get_text (row, "owner", &owner_name) ||
      !stead_import_row_get_string (row, "status", &status) ||
      !stead_import_row_get_string (row, "review", &given_review))
    return TRUE;
  if (!risks_csv_parse_malicious (stead_import_row_peek (row, "malicious"), &malicious))
    {
      stead_import_row_reject (row, _("malicious “%s” is not one of: yes, no, malicious or "
                                      "non-malicious"),
                               stead_import_row_peek (row, "malicious"));
      return TRUE;
    }

  /* An owner not yet a partner becomes one; with partners off, the
   * register's name for it is kept with the risk. */
  if (owner_name != NULL)
    {
      g_autoptr(GError) local = NULL;

      owner = stead_import_context_find_or_add_record (context, "organisation", owner_name,
                                                       &local);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }

  risks_csv_find_old (txn, text[0], &old);
  /* New scores are a review; the same scores keep the old assessment. */
  assessed = self->today_text;
  if (old.id != 0 && old.likelihood == scores[0] && old.impact == scores[1] && old.assessed != NULL)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_parse (&date, old.assessed);
      assessed = old.assessed;
      review =
        g_date_valid (&date) ? risks_review_date (workspace, scores[0], scores[1], &date) : NULL;
    }
  else
    review = risks_review_date (workspace, scores[0], scores[1], &self->today);
  if (given_review != NULL)
    {
      g_free (review);
      review = g_strdup (given_review);
    }
  extra = stead_import_row_dup_extra (row);
  if (owner_name != NULL && owner == 0)
    {
      g_autoptr(sqlite3_stmt) stmt = stead_transaction_prepare (
        txn, "SELECT json_set (coalesce (?1, '{}'), '$.owner', ?2)", error);

      if (stmt == NULL)
        {
          g_free (old.assessed);
          return FALSE;
        }
      stead_statement_bind (stmt, STEAD_ARGS (STEAD_STRING (extra), STEAD_STRING (owner_name)));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_free (extra);
          extra = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
        }
    }

  args[0] = STEAD_STRING (text[0]);
  args[1] = STEAD_STRING (text[1]);
  args[2] = STEAD_TEXT (text[2]);
  for (guint s = 0; s < 6; s++)
    args[3 + s] = STEAD_INT_OR_NULL (scores[s], scores[s] != 0);
  args[9] = STEAD_INT (malicious);
  for (guint t = 0; t < 4; t++)
    args[10 + t] = STEAD_TEXT (text[3 + t]);
  args[14] = STEAD_INT_OR_NULL (owner, owner != 0);
  args[15] = STEAD_TEXT (status);
  args[16] = STEAD_STRING (assessed);
  args[17] = STEAD_TEXT (review);
  args[18] = STEAD_STRING (risks_trend (old.likelihood, old.impact, scores[0], scores[1]));
  args[19] = STEAD_STRING (extra);

  if (stead_transaction_run (
        txn,
        old.id != 0
          ? "UPDATE risks_risk SET title = ?2, theme = ?3, likelihood = ?4, impact = ?5, "
            "likelihood_min = ?6, likelihood_max = ?7, impact_min = ?8, impact_max = ?9, "
            "malicious = ?10, hazard = ?11, rwcs = ?12, controls = ?13, treatment = ?14, "
            "owner = coalesce (?15, owner), status = coalesce (?16, status), assessed = ?17, "
            "review = ?18, trend = ?19, extra = CASE WHEN ?20 IS NULL THEN extra "
            "ELSE json_patch (coalesce (extra, '{}'), ?20) END WHERE reference = ?1"
          : "INSERT INTO risks_risk (reference, title, theme, likelihood, impact, "
            "likelihood_min, likelihood_max, impact_min, impact_max, malicious, hazard, rwcs, "
            "controls, treatment, owner, status, assessed, review, extra) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
            "coalesce (?16, 'active'), ?17, ?18, ?20)",
        args, G_N_ELEMENTS (args), error) < 0)
    {
      g_free (old.assessed);
      return FALSE;
    }

  if (old.id != 0 && (old.likelihood != scores[0] || old.impact != scores[1]) &&
      stead_transaction_run (
        txn,
        "INSERT INTO risks_review (risk, date, likelihood, impact, note) "
        "VALUES (?, ?, ?, ?, ?)",
        STEAD_ARGS (STEAD_INT (old.id),
                    STEAD_STRING (old.assessed ? old.assessed : self->today_text),
                    STEAD_INT (old.likelihood), STEAD_INT (old.impact),
                    STEAD_STRING (_("Before an imported review"))),
        error) < 0)
    {
      g_free (old.assessed);
      return FALSE;
    }
  if (old.id != 0)
    stead_import_context_updated_named (context, text[0]);
  else
    stead_import_context_added_named (context, text[0]);
  g_free (old.assessed);
  return TRUE;
}

static gboolean
risks_csv_run (SteadImportContext  *context,
               GError             **error)
{
  SteadWorkspace *workspace = stead_import_context_get_workspace (context);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  RisksCsvImport self = { 0 };
  gboolean ok;

  g_date_clear (&self.today, 1);
  g_date_set_dmy (&self.today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  self.today_text = g_date_time_format (now, "%Y-%m-%d");
  self.likelihood_labels = risks_csv_scale_labels (workspace, "likelihood",
                                                   &self.likelihood_words);
  self.impact_labels = risks_csv_scale_labels (workspace, "impact", &self.impact_words);
  ok = stead_import_context_foreach_row (context, NULL, risks_csv_read_row, &self, error);
  g_hash_table_unref (self.likelihood_labels);
  g_hash_table_unref (self.impact_labels);
  g_free (self.likelihood_words);
  g_free (self.impact_words);
  g_free (self.today_text);
  return ok;
}

const SteadImportFormat risks_csv_import = {
  .id = "risks-csv",
  .title = N_("Risk register (CSV)"),
  .extensions = STEAD_EXTENSIONS ("csv", "tsv"),
  .fields = risks_csv_fields,
  .n_fields = G_N_ELEMENTS (risks_csv_fields),
  .run = risks_csv_run,
  .domain = GETTEXT_PACKAGE,
};

/* ------------------------------------------------------------------------ */
/* Export                                                                    */

/* The owner is a partner organisation's id: its name comes from the
 * partners' record provider, when partners is on. */
char *
risks_register_column (SteadWorkspace *workspace,
                       sqlite3_stmt   *stmt,
                       int             column)
{
  if (column == RISKS_REGISTER_OWNER)
    return sqlite3_column_type (stmt, column) == SQLITE_NULL
             ? NULL
             : stead_workspace_get_record_title (workspace, "organisation",
                                                 sqlite3_column_int64 (stmt, column));
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
risks_csv_export_run (SteadWorkspace            *workspace,
                      GOutputStream             *stream,
                      const SteadExportOptions  *options,
                      GCancellable              *cancellable,
                      GError                   **error)
{
  static const char * const header[] = {
    "reference",      "title",          "theme",      "likelihood", "impact",
    "likelihood_min", "likelihood_max", "impact_min", "impact_max", "malicious",
    "hazard",         "rwcs",           "controls",   "treatment",  "owner",
    "status",         "band",           "assessed",   "review",     "trend",
  };
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (workspace, RISKS_REGISTER_SQL, error);
  g_autoptr(SteadCsvWriter) writer = stead_csv_writer_new (stream, cancellable);
  SteadRows rows = STEAD_ROWS_INIT (stmt, "risks_risk");

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    stead_csv_writer_add (writer, header[i]);
  if (!stead_csv_writer_end_row (writer, error))
    return FALSE;
  while (stead_rows_next (&rows))
    {
      for (guint i = 0; i < G_N_ELEMENTS (header); i++)
        {
          g_autofree char *value = risks_register_column (workspace, stmt, i);

          stead_csv_writer_add (writer, value);
        }
      if (!stead_csv_writer_end_row (writer, error))
        return FALSE;
    }
  return stead_rows_end (&rows, error) && stead_csv_writer_finish (writer, error);
}

const SteadExportFormat risks_csv_export = {
  .id = "risks-csv",
  .title = N_("Risk register (CSV)"),
  .extensions = STEAD_EXTENSIONS ("csv"),
  .run = risks_csv_export_run,
  .domain = GETTEXT_PACKAGE,
};
