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

  stmt = stead_workspace_prepare (workspace,
                                  "SELECT b.code, b.label, b.colour, b.review_months FROM risks_band_matrix m "
                                  "JOIN risks_band b ON b.code = m.band WHERE m.likelihood = ? AND m.impact = ?", NULL);
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

static void
today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
}

static gboolean
check_score (int          value,
             const char  *what,
             GError     **error)
{
  if (value < 1 || value > 5)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s %d is not on the 1–5 scale"), what, value);
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
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *review = NULL;
  char assessed[16];
  GDate now;
  gint64 id;

  if (reference == NULL || *reference == '\0' || title == NULL || *title == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("A risk needs a reference and a title"));
      return 0;
    }
  if (!check_score (likelihood, _("Likelihood"), error) || !check_score (impact, _("Impact"), error))
    return 0;

  today (&now);
  g_date_strftime (assessed, sizeof assessed, "%Y-%m-%d", &now);
  review = risks_review_date (workspace, likelihood, impact, &now);
  /* TRANSLATORS: an undo step; %s is a risk's reference and title */
  summary = g_strdup_printf (_("Add risk “%s %s”"), reference, title);
  txn = stead_workspace_begin (workspace, RISKS_OWNER, summary, error);
  if (txn == NULL)
    return 0;
  stmt = stead_transaction_prepare (txn,
                                    "INSERT INTO risks_risk (reference, title, theme, likelihood, impact, malicious, assessed, review) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, reference, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
  if (theme != NULL && *theme != '\0')
    sqlite3_bind_text (stmt, 3, theme, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, likelihood);
  sqlite3_bind_int (stmt, 5, impact);
  sqlite3_bind_int (stmt, 6, malicious ? 1 : 0);
  sqlite3_bind_text (stmt, 7, assessed, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, review, -1, SQLITE_STATIC);
  if (!stead_transaction_step (txn, stmt, error))
    {
      if (error != NULL && *error != NULL && strstr ((*error)->message, "UNIQUE") != NULL)
        {
          g_clear_error (error);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("There is already a risk %s"), reference);
        }
      return 0;
    }
  id = sqlite3_last_insert_rowid (stead_workspace_get_db (workspace));
  if (!stead_transaction_commit (g_steal_pointer (&txn), error))
    return 0;
  return id;
}

static char *
risk_label (SteadWorkspace *workspace,
            gint64          id)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (workspace,
                                                          "SELECT reference || ' ' || title FROM risks_risk WHERE id = ?", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
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
  /* One constant statement per editable column: the column list is the
   * whitelist, and no SQL is ever built from the caller's text. */
#define SET(column) { #column, "UPDATE risks_risk SET " #column " = ? WHERE id = ?" }
  static const struct { const char *field; const char *sql; } setters[] = {
    SET (reference), SET (title), SET (theme), SET (hazard), SET (rwcs), SET (malicious), SET (controls),
    SET (treatment), SET (status), SET (lead_assessor), SET (owner), SET (likelihood_min),
    SET (likelihood_max), SET (impact_min), SET (impact_max), SET (review),
  };
#undef SET
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *label = risk_label (workspace, id);
  g_autofree char *summary = NULL;
  const char *sql = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (setters) && field != NULL; i++)
    if (g_str_equal (setters[i].field, field))
      sql = setters[i].sql;
  if (sql == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "No risk field “%s”", field);
      return FALSE;
    }
  if (label == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The risk no longer exists"));
      return FALSE;
    }
  if ((g_str_equal (field, "title") || g_str_equal (field, "reference")) && (value == NULL || *value == '\0'))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("A risk needs a reference and a title"));
      return FALSE;
    }
  summary = g_strdup_printf (_("Edit risk “%s”"), label);
  txn = stead_workspace_begin (workspace, RISKS_OWNER, summary, error);
  if (txn == NULL)
    return FALSE;
  stmt = stead_transaction_prepare (txn, sql, error);
  if (stmt == NULL)
    return FALSE;
  if (value != NULL && *value != '\0')
    sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!stead_transaction_step (txn, stmt, error))
    {
      /* The CHECK constraints speak SQL; say it in the user's terms. */
      g_clear_error (error);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("“%s” is not a valid %s for this risk"),
                   value ? value : "", field);
      return FALSE;
    }
  return stead_transaction_commit (g_steal_pointer (&txn), error);
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
  g_autoptr(sqlite3_stmt) history = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *label = risk_label (workspace, id);
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
  if (!check_score (likelihood, _("Likelihood"), error) || !check_score (impact, _("Impact"), error))
    return FALSE;

  today (&now);
  g_date_strftime (assessed, sizeof assessed, "%Y-%m-%d", &now);
  review = risks_review_date (workspace, likelihood, impact, &now);
  summary = g_strdup_printf (_("Re-score risk “%s”"), label);
  txn = stead_workspace_begin (workspace, RISKS_OWNER, summary, error);
  if (txn == NULL)
    return FALSE;

  old = stead_transaction_prepare (txn, "SELECT likelihood, impact, likelihood_min, likelihood_max, impact_min, impact_max, "
                                        "coalesce (assessed, date ('now')) FROM risks_risk WHERE id = ?", error);
  history = stead_transaction_prepare (txn, "INSERT INTO risks_review (risk, date, likelihood, impact, likelihood_min, "
                                            "likelihood_max, impact_min, impact_max, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                       error);
  /* Ranges that no longer hold around the new score are dropped. */
  update = stead_transaction_prepare (txn,
                                      "UPDATE risks_risk SET likelihood = ?1, impact = ?2, assessed = ?3, review = ?4, trend = ?5, "
                                      "likelihood_min = CASE WHEN likelihood_min <= ?1 THEN likelihood_min END, "
                                      "likelihood_max = CASE WHEN likelihood_max >= ?1 THEN likelihood_max END, "
                                      "impact_min = CASE WHEN impact_min <= ?2 THEN impact_min END, "
                                      "impact_max = CASE WHEN impact_max >= ?2 THEN impact_max END WHERE id = ?6", error);
  if (old == NULL || history == NULL || update == NULL)
    return FALSE;
  sqlite3_bind_int64 (old, 1, id);
  if (sqlite3_step (old) != SQLITE_ROW)
    return FALSE;
  old_l = sqlite3_column_int (old, 0);
  old_i = sqlite3_column_int (old, 1);

  sqlite3_bind_int64 (history, 1, id);
  sqlite3_bind_value (history, 2, sqlite3_column_value (old, 6));
  for (int c = 0; c < 6; c++)
    sqlite3_bind_value (history, 3 + c, sqlite3_column_value (old, c));
  if (note != NULL && *note != '\0')
    sqlite3_bind_text (history, 9, note, -1, SQLITE_STATIC);
  if (!stead_transaction_step (txn, history, error))
    return FALSE;

  sqlite3_bind_int (update, 1, likelihood);
  sqlite3_bind_int (update, 2, impact);
  sqlite3_bind_text (update, 3, assessed, -1, SQLITE_STATIC);
  sqlite3_bind_text (update, 4, review, -1, SQLITE_STATIC);
  sqlite3_bind_text (update, 5, risks_trend (old_l, old_i, likelihood, impact), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (update, 6, id);
  if (!stead_transaction_step (txn, update, error))
    return FALSE;
  return stead_transaction_commit (g_steal_pointer (&txn), error);
}

gboolean
risks_risk_delete (SteadWorkspace  *workspace,
                   gint64           id,
                   GError         **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  g_autofree char *label = risk_label (workspace, id);
  g_autofree char *summary = NULL;
  static const char *deletes[] = {
    /* The hazard areas go with the risk (the area rows first, so the
     * undo step holds them). */
    "DELETE FROM area WHERE fid IN (SELECT area FROM risks_hazard WHERE risk = ?)",
    "DELETE FROM risks_hazard WHERE risk = ?",
    "DELETE FROM risks_impact WHERE risk = ?",
    "DELETE FROM risks_review WHERE risk = ?",
    "DELETE FROM risks_link WHERE risk = ?",
    "DELETE FROM risks_risk WHERE id = ?",
  };

  if (label == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The risk no longer exists"));
      return FALSE;
    }
  summary = g_strdup_printf (_("Remove risk “%s”"), label);
  txn = stead_workspace_begin (workspace, RISKS_OWNER, summary, error);
  if (txn == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = stead_transaction_prepare (txn, deletes[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!stead_transaction_step (txn, stmt, error))
        return FALSE;
    }
  return stead_transaction_commit (g_steal_pointer (&txn), error);
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
  g_autoptr(sqlite3_stmt) stmt = NULL;

  txn = stead_workspace_begin (workspace, RISKS_OWNER, _("Change the risk scales"), error);
  if (txn == NULL)
    return FALSE;
  stmt = stead_transaction_prepare (txn, "UPDATE risks_scheme SET active = (code = ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scheme, -1, SQLITE_STATIC);
  if (!stead_transaction_step (txn, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = stead_transaction_prepare (txn, "SELECT count(*) FROM risks_scheme WHERE active", error);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) != 1)
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

  stmt = stead_workspace_prepare (workspace,
                                  "SELECT r.id, r.reference, r.likelihood, r.impact, coalesce (r.likelihood_min, 0), "
                                  "coalesce (r.likelihood_max, 0), coalesce (r.impact_min, 0), coalesce (r.impact_max, 0), "
                                  "coalesce (v.likelihood, 0), coalesce (v.impact, 0) "
                                  "FROM risks_risk r LEFT JOIN risks_review v ON v.id = "
                                  "  (SELECT id FROM risks_review WHERE risk = r.id ORDER BY date DESC, id DESC LIMIT 1) "
                                  "WHERE r.status != 'archived' ORDER BY r.reference", NULL);
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
  static const char * const kinds[] = { "plan", "document", "target-group", NULL };
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *label = risk_label (workspace, risk);
  g_autofree char *summary = NULL;
  gint64 id;

  if (label == NULL || kind == NULL || !g_strv_contains (kinds, kind) || title == NULL || *title == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           label == NULL ? _("The risk no longer exists") : _("A link needs a kind and a title"));
      return 0;
    }
  summary = g_strdup_printf (_("Link “%s” to risk “%s”"), title, label);
  txn = stead_workspace_begin (workspace, RISKS_OWNER, summary, error);
  if (txn == NULL)
    return 0;
  stmt = stead_transaction_prepare (txn, "INSERT INTO risks_link (risk, kind, title, ref) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, risk);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, title, -1, SQLITE_STATIC);
  if (ref != NULL && *ref != '\0')
    sqlite3_bind_text (stmt, 4, ref, -1, SQLITE_STATIC);
  if (!stead_transaction_step (txn, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (stead_workspace_get_db (workspace));
  if (!stead_transaction_commit (g_steal_pointer (&txn), error))
    return 0;
  return id;
}

gboolean
risks_link_delete (SteadWorkspace  *workspace,
                   gint64           id,
                   GError         **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  txn = stead_workspace_begin (workspace, RISKS_OWNER, _("Remove a link of a risk"), error);
  if (txn == NULL)
    return FALSE;
  stmt = stead_transaction_prepare (txn, "DELETE FROM risks_link WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!stead_transaction_step (txn, stmt, error))
    return FALSE;
  return stead_transaction_commit (g_steal_pointer (&txn), error);
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) ref = NULL;
  g_autoptr(SteadGeometry) multi = NULL;
  g_autofree char *label = risk_label (workspace, risk);
  g_autofree char *summary = NULL;
  gint64 area;

  if (label == NULL || name == NULL || *name == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           label == NULL ? _("The risk no longer exists") : _("A hazard area needs a name"));
      return 0;
    }
  if (stead_geometry_get_geometry_type (geometry) == STEAD_GEOMETRY_POLYGON)
    {
      multi = stead_geometry_new_multipolygon ();
      stead_geometry_add_polygon (multi, geometry);
    }
  else if (stead_geometry_get_geometry_type (geometry) == STEAD_GEOMETRY_MULTIPOLYGON)
    multi = stead_geometry_ref (geometry);
  else
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("A hazard area must be a polygon"));
      return 0;
    }

  summary = g_strdup_printf (_("Add hazard area “%s” to risk “%s”"), name, label);
  txn = stead_workspace_begin (workspace, RISKS_OWNER, summary, error);
  if (txn == NULL)
    return 0;
  ref = stead_transaction_prepare (txn, "SELECT reference FROM risks_risk WHERE id = ?", error);
  if (ref == NULL)
    return 0;
  sqlite3_bind_int64 (ref, 1, risk);
  sqlite3_step (ref);
  area = stead_transaction_insert_area (txn, "hazard", (const char *) sqlite3_column_text (ref, 0), name, multi, error);
  if (area <= 0)
    return 0;
  stmt = stead_transaction_prepare (txn, "INSERT INTO risks_hazard (area, risk) VALUES (?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, area);
  sqlite3_bind_int64 (stmt, 2, risk);
  if (!stead_transaction_step (txn, stmt, error))
    return 0;
  if (!stead_transaction_commit (g_steal_pointer (&txn), error))
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
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) known = NULL;
  g_autofree char *label = risk_label (workspace, risk);
  g_autofree char *summary = NULL;

  known = stead_workspace_prepare (workspace, "SELECT 1 FROM risks_dimension WHERE code = ?", NULL);
  sqlite3_bind_text (known, 1, dimension ? dimension : "", -1, SQLITE_STATIC);
  if (label == NULL || dimension == NULL || sqlite3_step (known) != SQLITE_ROW)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   label == NULL ? _("The risk no longer exists") : _("“%s” is not an impact dimension"),
                   dimension ? dimension : "");
      return FALSE;
    }
  if (score != 0 && !check_score (score, _("Impact"), error))
    return FALSE;
  summary = g_strdup_printf (_("Edit risk “%s”"), label);
  txn = stead_workspace_begin (workspace, RISKS_OWNER, summary, error);
  if (txn == NULL)
    return FALSE;
  stmt = stead_transaction_prepare (txn, score != 0 ? "INSERT OR REPLACE INTO risks_impact (risk, dimension, score) VALUES (?, ?, ?)"
                                                    : "DELETE FROM risks_impact WHERE risk = ? AND dimension = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, risk);
  sqlite3_bind_text (stmt, 2, dimension, -1, SQLITE_STATIC);
  if (score != 0)
    sqlite3_bind_int (stmt, 3, score);
  if (!stead_transaction_step (txn, stmt, error))
    return FALSE;
  return stead_transaction_commit (g_steal_pointer (&txn), error);
}
