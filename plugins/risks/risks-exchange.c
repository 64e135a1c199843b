/* risks-exchange.c: the register as CSV and PDF (its report section), hazard areas from GeoJSON
 *
 * Importers are built on the core import framework: one transaction, a
 * dry run that counts and names what would be added and updated, and
 * nothing kept unless every record can be taken.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "risks"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "risks.h"
#include "risks-private.h"

/* ------------------------------------------------------------------------ */
/* CSV import                                                               */

static const SteadImportField csv_fields[] = {
  { "reference", "ref;id;risk id;risk ref;risk reference;reference number;nrr id;nrr reference;code", "#x_risk +id", TRUE },
  { "title", "risk;name;risk title;risk name", "#x_risk +name", TRUE },
  { "theme", "category;group", "#x_risk +theme", FALSE },
  { "likelihood", "l;likelihood score", "#x_likelihood", TRUE },
  { "impact", "i;impact score;overall impact", "#x_impact", TRUE },
  { "likelihood_min", "likelihood min;likelihood from", NULL, FALSE },
  { "likelihood_max", "likelihood max;likelihood to", NULL, FALSE },
  { "impact_min", "impact min;impact from", NULL, FALSE },
  { "impact_max", "impact max;impact to", NULL, FALSE },
  { "malicious", "malicious risk", NULL, FALSE },
  { "hazard", "hazard description;risk description;description", "#description", FALSE },
  { "rwcs", "reasonable worst case;reasonable worst-case scenario;scenario", NULL, FALSE },
  { "controls", "controls in place;plans in place", NULL, FALSE },
  { "treatment", "further treatment", NULL, FALSE },
  { "owner", "risk owner;lead;lead assessor;lead organisation;lead organization;lead responder;owner organisation", "#org +owner", FALSE },
  { "status", NULL, NULL, FALSE },
};

static const char *
csv_value (SteadColumnMap     *map,
           const char * const *row,
           guint               n_row,
           const char         *field)
{
  int column = stead_column_map_get_column (map, field);
  const char *value;

  if (column < 0 || (guint) column >= n_row)
    return NULL;
  value = row[column];
  while (*value == ' ')
    value++;
  return *value != '\0' ? value : NULL;
}

/* A score as registers write it: "4", "4 - Likely", "4: High", or the
 * active scheme's label for it ("Medium high"), case ignored. */
static gboolean
parse_score (const char  *text,
             GHashTable  *labels,   /* lower-case label -> score */
             gint64      *score)
{
  g_autofree char *lower = NULL;
  gpointer found;

  if (stead_import_parse_int (text, 1, 5, score))
    return TRUE;
  if (text[0] >= '1' && text[0] <= '5' && text[1] != '\0' && !g_ascii_isdigit (text[1]) && text[1] != '.')
    {
      const char *rest = text + 1;

      while (*rest == ' ')
        rest++;
      if (*rest == '-' || *rest == ':' || *rest == '(' || *rest == '=' || g_unichar_isalpha (g_utf8_get_char (rest)))
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

/* The active scheme's labels for one axis, lower case, to their scores. */
static GHashTable *
scale_labels (SteadWorkspace *workspace,
              const char     *axis)
{
  GHashTable *labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (workspace,
    "SELECT score, label FROM risks_scale WHERE axis = ? AND score BETWEEN 1 AND 5 "
    "AND scheme = (SELECT code FROM risks_scheme WHERE active)", NULL);

  if (stmt == NULL)
    return labels;
  sqlite3_bind_text (stmt, 1, axis, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (sqlite3_column_type (stmt, 1) == SQLITE_TEXT)
      {
        char *label = g_utf8_strdown ((const char *) sqlite3_column_text (stmt, 1), -1);

        g_hash_table_replace (labels, g_strstrip (label), GINT_TO_POINTER (sqlite3_column_int (stmt, 0)));
      }
  return labels;
}

static gboolean
parse_bool (const char *text,
            gboolean   *value)
{
  static const char * const yes[] = { "yes", "y", "true", "1", "malicious", NULL };
  static const char * const no[] = { "no", "n", "false", "0", "non-malicious", NULL };
  g_autofree char *lower = NULL;

  if (text == NULL)
    {
      *value = FALSE;
      return TRUE;
    }
  lower = g_ascii_strdown (text, -1);
  g_strstrip (lower);
  if (g_strv_contains (yes, lower))
    *value = TRUE;
  else if (g_strv_contains (no, lower))
    *value = FALSE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
run_csv (SteadImporter       *importer,
         SteadImportContext  *context,
         GError             **error)
{
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  SteadWorkspace *workspace = stead_import_context_get_workspace (context);
  g_autoptr(SteadCsvReader) reader = NULL;
  g_autoptr(SteadColumnMap) map = NULL;
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) history = NULL;
  SteadRecordProvider *partners;
  g_autoptr(GHashTable) likelihood_labels = NULL;
  g_autoptr(GHashTable) impact_labels = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today_text = g_date_time_format (now, "%Y-%m-%d");
  GDate today;
  guint64 index = 0;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));

  reader = stead_import_context_open_csv (context, &map, error);
  if (reader == NULL)
    return FALSE;

  find = stead_transaction_prepare (txn, "SELECT id, likelihood, impact, assessed FROM risks_risk WHERE reference = ?", error);
  insert = stead_transaction_prepare (txn,
                                      "INSERT INTO risks_risk (reference, title, theme, likelihood, impact, likelihood_min, "
                                      "likelihood_max, impact_min, impact_max, malicious, hazard, rwcs, controls, treatment, "
                                      "owner, status, assessed, review) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                                      "coalesce (?16, 'active'), ?17, ?18)", error);
  update = stead_transaction_prepare (txn,
                                      "UPDATE risks_risk SET title = ?2, theme = ?3, likelihood = ?4, impact = ?5, "
                                      "likelihood_min = ?6, likelihood_max = ?7, impact_min = ?8, impact_max = ?9, malicious = ?10, "
                                      "hazard = ?11, rwcs = ?12, controls = ?13, treatment = ?14, owner = coalesce (?15, owner), "
                                      "status = coalesce (?16, status), assessed = ?17, review = ?18, trend = ?19 "
                                      "WHERE reference = ?1", error);
  history = stead_transaction_prepare (txn, "INSERT INTO risks_review (risk, date, likelihood, impact, note) VALUES (?, ?, ?, ?, ?)",
                                       error);
  partners = stead_workspace_get_provider (workspace, "organisation");
  if (find == NULL || insert == NULL || update == NULL || history == NULL)
    return FALSE;
  likelihood_labels = scale_labels (workspace, "likelihood");
  impact_labels = scale_labels (workspace, "impact");

  for (;;)
    {
      const char * const *row;
      guint n_row;
      guint64 line;
      gint64 scores[6] = { 0 }, id = 0, owner_id = 0;
      const char *score_fields[] = { "likelihood", "impact", "likelihood_min", "likelihood_max", "impact_min", "impact_max" };
      const char *reference, *title, *text;
      gboolean malicious, bad = FALSE;
      int old_l = 0, old_i = 0;
      g_autofree char *review = NULL;
      g_autofree char *old_assessed = NULL;
      sqlite3_stmt *stmt;

      if (!stead_csv_reader_next_fields (reader, &row, &n_row, &line, stead_import_context_get_cancellable (context), error))
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          break;
        }
      index++;
#define GET(field) csv_value (map, row, n_row, field)
      reference = GET ("reference");
      title = GET ("title");
      if (reference == NULL || title == NULL)
        {
          stead_import_context_reject (context, line, index, row, n_row, _("a risk needs a reference and a title"));
          continue;
        }
      for (guint s = 0; s < G_N_ELEMENTS (score_fields); s++)
        {
          text = GET (score_fields[s]);
          if (text == NULL && s < 2)
            {
              stead_import_context_reject (context, line, index, row, n_row, _("%s is missing"), score_fields[s]);
              bad = TRUE;
              break;
            }
          if (text != NULL && !parse_score (text, s == 0 || s == 2 || s == 3 ? likelihood_labels : impact_labels,
                                            &scores[s]))
            {
              stead_import_context_reject (context, line, index, row, n_row, _("%s “%s” is not on the 1–5 scale"),
                                           score_fields[s], text);
              bad = TRUE;
              break;
            }
        }
      if (bad)
        continue;
      if ((scores[2] && scores[2] > scores[0]) || (scores[3] && scores[3] < scores[0]) ||
          (scores[4] && scores[4] > scores[1]) || (scores[5] && scores[5] < scores[1]))
        {
          stead_import_context_reject (context, line, index, row, n_row, _("a range does not include its score"));
          continue;
        }
      if (!parse_bool (GET ("malicious"), &malicious))
        {
          stead_import_context_reject (context, line, index, row, n_row, _("malicious “%s” is not yes or no"), GET ("malicious"));
          continue;
        }
      if ((text = GET ("status")) != NULL && !g_strv_contains ((const char * const[]) { "draft", "active", "archived", NULL }, text))
        {
          stead_import_context_reject (context, line, index, row, n_row, _("status “%s” is not draft, active or archived"), text);
          continue;
        }
      if ((text = GET ("owner")) != NULL)
        {
          if (partners != NULL)
            owner_id = stead_record_provider_find (partners, "organisation", text);
          if (owner_id == 0)
            {
              stead_import_context_reject (context, line, index, row, n_row, _("owner “%s” is not a partner"), text);
              continue;
            }
        }

      sqlite3_bind_text (find, 1, reference, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (find) == SQLITE_ROW)
        {
          id = sqlite3_column_int64 (find, 0);
          old_l = sqlite3_column_int (find, 1);
          old_i = sqlite3_column_int (find, 2);
          old_assessed = g_strdup ((const char *) sqlite3_column_text (find, 3));
        }
      sqlite3_reset (find);

      review = risks_review_date (workspace, scores[0], scores[1], &today);
      stmt = id != 0 ? update : insert;
      sqlite3_bind_text (stmt, 1, reference, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
      if ((text = GET ("theme")) != NULL) sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT); else sqlite3_bind_null (stmt, 3);
      for (guint s = 0; s < 6; s++)
        {
          if (scores[s])
            sqlite3_bind_int64 (stmt, 4 + s, scores[s]);
          else
            sqlite3_bind_null (stmt, 4 + s);
        }
      sqlite3_bind_int (stmt, 10, malicious);
      {
        const char *texts[] = { "hazard", "rwcs", "controls", "treatment" };

        for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
          {
            if ((text = GET (texts[t])) != NULL)
              sqlite3_bind_text (stmt, 11 + t, text, -1, SQLITE_TRANSIENT);
            else
              sqlite3_bind_null (stmt, 11 + t);
          }
      }
      if (owner_id)
        sqlite3_bind_int64 (stmt, 15, owner_id);
      else
        sqlite3_bind_null (stmt, 15);
      if ((text = GET ("status")) != NULL) sqlite3_bind_text (stmt, 16, text, -1, SQLITE_TRANSIENT); else sqlite3_bind_null (stmt, 16);
#undef GET
      /* New scores are a review; the same scores keep the old assessment. */
      if (id != 0 && old_l == scores[0] && old_i == scores[1] && old_assessed != NULL)
        {
          g_autoptr(RisksBand) band = NULL;
          GDate assessed;

          g_date_clear (&assessed, 1);
          g_date_set_parse (&assessed, old_assessed);
          g_free (review);
          review = g_date_valid (&assessed) ? risks_review_date (workspace, scores[0], scores[1], &assessed) : NULL;
          sqlite3_bind_text (stmt, 17, old_assessed, -1, SQLITE_TRANSIENT);
        }
      else
        sqlite3_bind_text (stmt, 17, today_text, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 18, review, -1, SQLITE_TRANSIENT);
      if (id != 0)
        sqlite3_bind_text (stmt, 19, risks_trend (old_l, old_i, scores[0], scores[1]), -1, SQLITE_STATIC);

      if (!stead_transaction_step (txn, stmt, error))
        {
          g_prefix_error (error, _("Line %llu: "), (unsigned long long) line);
          return FALSE;
        }
      sqlite3_clear_bindings (stmt);
      if (id != 0)
        {
          if (old_l != scores[0] || old_i != scores[1])
            {
              sqlite3_bind_int64 (history, 1, id);
              sqlite3_bind_text (history, 2, old_assessed ? old_assessed : today_text, -1, SQLITE_TRANSIENT);
              sqlite3_bind_int (history, 3, old_l);
              sqlite3_bind_int (history, 4, old_i);
              sqlite3_bind_text (history, 5, _("Before an imported review"), -1, SQLITE_STATIC);
              if (!stead_transaction_step (txn, history, error))
                return FALSE;
            }
          stead_import_context_updated_named (context, reference);
        }
      else
        stead_import_context_added_named (context, reference);
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Hazard areas from GeoJSON                                                */

static char *
feature_string (JsonObject *properties,
                const char *name)
{
  JsonNode *node;

  if (properties == NULL || (node = json_object_get_member (properties, name)) == NULL ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static gboolean
run_hazards (SteadImporter       *importer,
             SteadImportContext  *context,
             GError             **error)
{
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) features = NULL;
  g_autoptr(SteadProj) proj = NULL;
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) link = NULL;
  g_autofree char *source = g_file_get_basename (stead_import_context_get_file (context));
  const char *default_risk = stead_import_context_get_option (context, "risk");

  stream = stead_import_context_open (context, error);
  if (stream == NULL)
    return FALSE;
  if (!stead_geojson_load (stream, stead_import_context_get_option (context, "crs"), &features, &proj, &parser,
                           stead_import_context_get_cancellable (context), error))
    return FALSE;
  find = stead_transaction_prepare (txn, "SELECT id FROM risks_risk WHERE reference = ?", error);
  link = stead_transaction_prepare (txn, "INSERT INTO risks_hazard (area, risk) VALUES (?, ?)", error);
  if (find == NULL || link == NULL)
    return FALSE;

  for (guint i = 0; i < features->len; i++)
    {
      JsonNode *node = g_ptr_array_index (features, i);
      JsonObject *feature, *properties = NULL;
      g_autoptr(SteadGeometry) geometry = NULL;
      g_autofree char *reason = NULL;
      g_autofree char *reference = NULL;
      g_autofree char *name = NULL;
      gint64 risk = 0, area;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          stead_import_context_reject (context, 0, i + 1, NULL, 0, _("feature %u is not an object"), i + 1);
          continue;
        }
      feature = json_node_get_object (node);
      if (json_object_has_member (feature, "properties") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (feature, "properties")))
        properties = json_object_get_object_member (feature, "properties");

      geometry = stead_geojson_read_area (json_object_get_member (feature, "geometry"), proj, &reason);
      if (geometry == NULL)
        {
          stead_import_context_reject (context, 0, i + 1, NULL, 0, _("feature %u: %s"), i + 1, reason);
          continue;
        }
      reference = feature_string (properties, "risk");
      if (reference == NULL)
        reference = g_strdup (default_risk);
      if (reference == NULL)
        {
          stead_import_context_reject (context, 0, i + 1, NULL, 0,
                                       _("feature %u names no risk (a “risk” property, or --option risk=REF)"), i + 1);
          continue;
        }
      sqlite3_bind_text (find, 1, reference, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (find) == SQLITE_ROW)
        risk = sqlite3_column_int64 (find, 0);
      sqlite3_reset (find);
      if (risk == 0)
        {
          stead_import_context_reject (context, 0, i + 1, NULL, 0, _("feature %u: there is no risk %s"), i + 1, reference);
          continue;
        }
      name = feature_string (properties, "name");
      if (name == NULL)
        name = g_strdup_printf (_("%s hazard area %u"), reference, i + 1);

      area = stead_transaction_insert_area (txn, "hazard", reference, name, geometry, error);
      if (area <= 0)
        return FALSE;
      sqlite3_bind_int64 (link, 1, area);
      sqlite3_bind_int64 (link, 2, risk);
      if (!stead_transaction_step (txn, link, error))
        return FALSE;
      stead_import_context_added_named (context, name);
    }
  (void) source;
  return TRUE;
}

/* A GeoPackage polygon layer (flood zones, say) as hazard areas of a risk:
 * the one given with --option risk=REF, or the one each feature's code names. */
typedef struct
{
  SteadTransaction *txn;
  sqlite3_stmt     *find;
  sqlite3_stmt     *link;
  const char       *risk;
} HazardWriter;

static gboolean
write_gpkg_hazard (SteadImportContext  *context,
                   guint64              index,
                   SteadGeometry       *geometry,
                   const char          *code,
                   const char          *name,
                   gpointer             user_data,
                   GError             **error)
{
  HazardWriter *w = user_data;
  const char *reference = w->risk != NULL ? w->risk : code;
  gint64 risk = 0, area;

  if (reference != NULL)
    {
      sqlite3_bind_text (w->find, 1, reference, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (w->find) == SQLITE_ROW)
        risk = sqlite3_column_int64 (w->find, 0);
      sqlite3_reset (w->find);
    }
  if (risk == 0)
    {
      stead_import_context_reject (context, 0, index, NULL, 0,
                                   reference ? _("feature %llu: there is no risk %s") :
                                               _("feature %llu names no risk (--option risk=REF)%s"),
                                   (unsigned long long) index, reference ? reference : "");
      return TRUE;
    }
  area = stead_transaction_insert_area (w->txn, "hazard", reference, name, geometry, error);
  if (area <= 0)
    return FALSE;
  sqlite3_bind_int64 (w->link, 1, area);
  sqlite3_bind_int64 (w->link, 2, risk);
  if (!stead_transaction_step (w->txn, w->link, error))
    return FALSE;
  stead_import_context_added_named (context, name);
  return TRUE;
}

static gboolean
run_gpkg_hazards (SteadImporter       *importer,
                  SteadImportContext  *context,
                  GError             **error)
{
  HazardWriter w = { stead_import_context_get_transaction (context), NULL, NULL,
                     stead_import_context_get_option (context, "risk") };
  gboolean ok;

  w.find = stead_transaction_prepare (w.txn, "SELECT id FROM risks_risk WHERE reference = ?", error);
  w.link = stead_transaction_prepare (w.txn, "INSERT INTO risks_hazard (area, risk) VALUES (?, ?)", error);
  ok = w.find != NULL && w.link != NULL && stead_gpkg_read_areas (context, write_gpkg_hazard, &w, error);
  g_clear_pointer (&w.find, sqlite3_finalize);
  g_clear_pointer (&w.link, sqlite3_finalize);
  return ok;
}

/* ------------------------------------------------------------------------ */
/* Export                                                                   */

/* The owner is a partner organisation's id: its name comes from the
 * partners' record provider (column 14), when partners is on. */
#define REGISTER_SQL \
  "SELECT r.reference, r.title, r.theme, r.likelihood, r.impact, r.likelihood_min, r.likelihood_max, r.impact_min, " \
  "  r.impact_max, CASE r.malicious WHEN 1 THEN 'yes' ELSE 'no' END, r.hazard, r.rwcs, r.controls, r.treatment, " \
  "  r.owner, r.status, b.label, r.assessed, r.review, r.trend " \
  "FROM risks_risk r LEFT JOIN risks_band_matrix m ON m.likelihood = r.likelihood AND m.impact = r.impact " \
  "LEFT JOIN risks_band b ON b.code = m.band ORDER BY r.reference"
#define REGISTER_OWNER 14

static char *
risks_exchange_column (SteadWorkspace *workspace,
                       sqlite3_stmt   *stmt,
                       int             column)
{
  if (column == REGISTER_OWNER)
    return sqlite3_column_type (stmt, column) == SQLITE_NULL
             ? NULL
             : stead_workspace_get_record_title (workspace, "organisation", sqlite3_column_int64 (stmt, column));
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
export_csv (SteadExporter            *exporter,
            SteadWorkspace           *workspace,
            GOutputStream            *stream,
            const SteadExportOptions *options,
            GCancellable             *cancellable,
            GError                  **error)
{
  static const char *header[] = {
    "reference", "title", "theme", "likelihood", "impact", "likelihood_min", "likelihood_max", "impact_min", "impact_max",
    "malicious", "hazard", "rwcs", "controls", "treatment", "owner", "status", "band", "assessed", "review", "trend",
  };
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (workspace, REGISTER_SQL, error);
  g_autoptr(GString) out = g_string_new (NULL);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    g_string_append_printf (out, "%s%s", i ? "," : "", header[i]);
  g_string_append (out, "\r\n");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (guint i = 0; i < G_N_ELEMENTS (header); i++)
        {
          g_autofree char *value = risks_exchange_column (workspace, stmt, i);

          if (i)
            g_string_append_c (out, ',');
          stead_csv_append_field (out, value);
        }
      g_string_append (out, "\r\n");
    }
  return g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error);
}

/* The register's report section alone: matrix and register, without a
 * title page or contents. */
static gboolean
export_pdf (SteadExporter            *exporter,
            SteadWorkspace           *workspace,
            GOutputStream            *stream,
            const SteadExportOptions *options,
            GCancellable             *cancellable,
            GError                  **error)
{
  g_autoptr(GPtrArray) sections = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (sections, g_object_new (RISKS_TYPE_REPORT_SECTION, NULL));
  return stead_report_write_full (workspace, sections, STEAD_REPORT_FLAGS_SECTIONS_ONLY, stream,
                                  cancellable, error);
}

/* ------------------------------------------------------------------------ */


STEAD_DEFINE_IMPORTER (RisksCsvImporter, risks_csv_importer, "risks-csv", N_("Risk register (CSV)"),
                 STEAD_EXTENSIONS ("csv", "tsv"), csv_fields, G_N_ELEMENTS (csv_fields), RISKS_OWNER, run_csv)
STEAD_DEFINE_IMPORTER (RisksHazardsImporter, risks_hazards_importer, "risks-hazards-geojson", N_("Hazard areas of risks (GeoJSON)"),
                 STEAD_EXTENSIONS ("geojson", "json"), NULL, 0, RISKS_OWNER, run_hazards)
STEAD_DEFINE_IMPORTER (RisksGpkgHazardsImporter, risks_gpkg_hazards_importer, "risks-hazards-gpkg",
                 N_("Hazard areas of risks (GeoPackage layer)"), STEAD_EXTENSIONS ("gpkg"), NULL, 0, RISKS_OWNER, run_gpkg_hazards)
STEAD_DEFINE_EXPORTER (RisksCsvExporter, risks_csv_exporter, "risks-csv", N_("Risk register (CSV)"), STEAD_EXTENSIONS ("csv"), RISKS_OWNER, export_csv)
STEAD_DEFINE_EXPORTER (RisksPdfExporter, risks_pdf_exporter, "risks-pdf", N_("Risk matrix and register (PDF)"), STEAD_EXTENSIONS ("pdf"), RISKS_OWNER, export_pdf)
