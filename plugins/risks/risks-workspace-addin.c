/* risks-workspace-addin.c: the register's schema, formats and demo risks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "risks"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "risks.h"
#include "risks-private.h"

/* ------------------------------------------------------------------------ */
/* The demo area's register: realistic risks for a river town.             */

typedef struct
{
  const char *reference;
  const char *title;
  const char *theme;
  int         likelihood, impact;
  int         l_min, l_max, i_min, i_max;   /* 0: no range */
  gboolean    malicious;
  int         assessed_days_ago;
  int         old_likelihood, old_impact;   /* 0: no earlier review */
  const char *owner;                        /* a demo partner, if present */
  const char *rwcs;
} DemoRisk;

static const DemoRisk demo_risks[] = {
  { "R01", "Fluvial flooding (Severn and Avon)", "Natural and environmental hazards", 4, 4, 0, 0, 3,
    5, FALSE, 200, 4, 3, "Environment Agency, Severn area",
    "Prolonged rain over the catchment; the Severn and Avon overtop defences; 1,500 homes flooded, "
    "the town cut off for three days" },
  { "R02", "Surface water flooding", "Natural and environmental hazards", 4, 3, 0, 0, 0, 0, FALSE,
    150, 0, 0, "Tewkesbury Borough Council",
    "A summer cloudburst overwhelms drains in low-lying streets" },
  { "R03", "Pandemic", "Human, animal and plant health", 3, 5, 0, 0, 0, 0, FALSE, 420, 0, 0,
    "Severnvale Integrated Care Board",
    "A novel respiratory virus; up to half the population ill, 1 in 50 of those hospitalised" },
  { "R04", "High temperatures and heatwaves", "Natural and environmental hazards", 4, 3, 0, 0, 0, 0,
    FALSE, 90, 3, 3, "Severnvale County Council",
    "Five days above 35 °C; excess deaths among older people living alone" },
  { "R05", "Low temperatures and snow", "Natural and environmental hazards", 3, 3, 0, 0, 0, 0,
    FALSE, 300, 0, 0, "Severnvale County Council",
    "A week of snow and ice; rural villages cut off, care visits missed" },
  { "R06", "Storms", "Natural and environmental hazards", 3, 3, 0, 0, 0, 0, FALSE, 380, 0, 0, NULL,
    "A named storm brings down trees and power lines across the borough" },
  { "R07", "Drought", "Natural and environmental hazards", 2, 3, 0, 0, 1, 5, FALSE, 700, 0, 0,
    "Severn Water", "Two dry winters; hosepipe bans and restrictions on non-essential use" },
  { "R08", "Regional electricity failure", "Accidents and systems failures", 3, 4, 2, 4, 0, 0,
    FALSE, 250, 0, 0, "Midshires Electricity Networks",
    "Loss of supply to 40,000 homes for up to 48 hours in winter" },
  { "R09", "Failure of the National Electricity Transmission System",
    "Accidents and systems failures", 2, 5, 0, 0, 0, 0, FALSE, 500, 0, 0, NULL,
    "Nationwide loss of power; restoration takes days" },
  { "R10", "Loss of water supply", "Accidents and systems failures", 2, 3, 0, 0, 0, 0, FALSE, 60, 3,
    3, "Severn Water",
    "The Mythe treatment works flooded; 140,000 people without mains water for a fortnight" },
  { "R11", "Major fire", "Accidents and systems failures", 3, 2, 0, 0, 0, 0, FALSE, 100, 0, 0,
    "Severnvale Fire and Rescue Service",
    "A fire at a care home requires evacuation of 60 residents" },
  { "R12", "Wildfire", "Natural and environmental hazards", 2, 2, 0, 0, 0, 0, FALSE, 1600, 0, 0,
    NULL, "Grass fires on the hills in a dry summer threaten outlying homes" },
  { "R13", "Reservoir or dam collapse", "Accidents and systems failures", 1, 4, 0, 0, 0, 0, FALSE,
    900, 0, 0, "Environment Agency, Severn area",
    "Failure of an upstream embankment during a flood" },
  { "R14", "Animal disease (notifiable)", "Human, animal and plant health", 3, 2, 0, 0, 0, 0, FALSE,
    600, 0, 0, NULL, "Foot and mouth on farms in the vale; movement restrictions for months" },
  { "R15", "Emerging infectious disease", "Human, animal and plant health", 3, 3, 0, 0, 0, 0, FALSE,
    200, 0, 0, "Severnvale Integrated Care Board",
    "An outbreak of a new disease with limited spread" },
  { "R16", "Poor air quality", "Natural and environmental hazards", 3, 2, 0, 0, 0, 0, FALSE, 800, 0,
    0, NULL, "A pollution episode affecting people with respiratory conditions" },
  { "R17", "Public disorder", "Societal", 2, 2, 0, 0, 0, 0, FALSE, 1000, 0, 0, "Severnvale Police",
    "Disorder in the town centre over two nights" },
  { "R18", "Disruption of fuel supply (industrial action)", "Societal", 3, 2, 0, 0, 0, 0, FALSE,
    400, 0, 0, NULL, "Tanker drivers' action empties filling stations for a week" },
  { "R19", "Cyber attack on health and social care", "Cyber", 3, 3, 0, 0, 0, 0, TRUE, 150, 0, 0,
    "Severnvale Integrated Care Board", "Ransomware takes care records offline for two weeks" },
  { "R20", "Terrorist attack in a crowded place", "Terrorism", 3, 3, 0, 0, 0, 0, TRUE, 300, 0, 0,
    "Severnvale Police", "An attack at a summer festival with multiple casualties" },
  { "R21", "Major road traffic accident (M5)", "Accidents and systems failures", 3, 2, 0, 0, 0, 0,
    FALSE, 500, 0, 0, NULL,
    "A multi-vehicle collision closes the motorway; stranded motorists need welfare" },
  { "R22", "Incident at a chemical (COMAH) site", "Accidents and systems failures", 2, 3, 0, 0, 0,
    0, FALSE, 200, 0, 0, NULL,
    "A toxic release from the Ashchurch site; shelter-in-place for 2 km" },
  { "R23", "Telecommunications failure", "Accidents and systems failures", 2, 3, 0, 0, 0, 0, FALSE,
    1500, 0, 0, "Vale Telecom", "Loss of mobile and fixed lines across the borough for a day" },
  { "R24", "Adult social care provider failure", "Societal", 3, 3, 0, 0, 0, 0, FALSE, 100, 0, 0,
    "Severnvale County Council",
    "A large home care provider stops trading; 400 clients need care" },
  { "R25", "Severe space weather", "Natural and environmental hazards", 2, 4, 0, 0, 0, 0, FALSE,
    700, 0, 0, NULL, "A solar storm disrupts satellites, navigation and the grid" },
};

static gint64
risks_workspace_addin_demo_area (SteadTransaction  *txn,
           const char        *code,
           const char        *name,
           const SteadCoord  *ring,
           gsize              n,
           GError           **error)
{
  g_autoptr(SteadGeometry) polygon = stead_geometry_new_polygon (ring, n);
  g_autoptr(SteadGeometry) multi = stead_geometry_new_multipolygon ();

  stead_geometry_add_polygon (multi, polygon);
  return stead_transaction_insert_area (txn, "hazard", code, name, multi, error);
}

static gboolean
risks_workspace_addin_populate_demo (SteadTransaction     *txn,
                                     guint                 scale,
                                     GRand                *rng,
                                     GError              **error)
{
  SteadWorkspace *workspace = stead_transaction_get_workspace (txn);
  /* Owners are the partners' demo organisations, when partners is on. */
  SteadRecordProvider *partners = stead_workspace_get_provider (workspace, "organisation");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 ids[G_N_ELEMENTS (demo_risks)];

  for (guint i = 0; i < G_N_ELEMENTS (demo_risks); i++)
    {
      const DemoRisk *d = &demo_risks[i];
      g_autoptr(GDateTime) assessed_dt = g_date_time_add_days (now, -d->assessed_days_ago);
      g_autofree char *assessed = g_date_time_format (assessed_dt, "%Y-%m-%d");
      g_autofree char *review_date = NULL;
      gint64 owner = partners != NULL && d->owner != NULL
                       ? stead_record_provider_find (partners, "organisation", d->owner)
                       : 0;
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, g_date_time_get_day_of_month (assessed_dt),
                      g_date_time_get_month (assessed_dt), g_date_time_get_year (assessed_dt));
      review_date = risks_review_date (workspace, d->likelihood, d->impact, &date);

      ids[i] = stead_transaction_run (
        txn,
        "INSERT INTO risks_risk (reference, title, theme, likelihood, impact, "
        "likelihood_min, likelihood_max, impact_min, impact_max, malicious, assessed, "
        "review, trend, rwcs, controls, lead_assessor, owner) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
        STEAD_ARGS (
          STEAD_TEXT (d->reference), STEAD_TEXT (d->title), STEAD_TEXT (d->theme),
          STEAD_INT (d->likelihood), STEAD_INT (d->impact),
          STEAD_INT_OR_NULL (d->l_min, d->l_min > 0), STEAD_INT_OR_NULL (d->l_max, d->l_max > 0),
          STEAD_INT_OR_NULL (d->i_min, d->i_min > 0), STEAD_INT_OR_NULL (d->i_max, d->i_max > 0),
          STEAD_INT (d->malicious), STEAD_TEXT (assessed), STEAD_TEXT (review_date),
          STEAD_TEXT (d->old_likelihood > 0
                        ? risks_trend (d->old_likelihood, d->old_impact, d->likelihood, d->impact)
                        : NULL),
          STEAD_TEXT (d->rwcs),
          STEAD_TEXT ("Multi-agency plan in place; exercised in the last three years"),
          STEAD_INT_OR_NULL (owner, owner > 0)),
        error);
      if (ids[i] < 0)
        return FALSE;

      if (stead_transaction_run (txn,
                                 "INSERT INTO risks_impact (risk, dimension, score) "
                                 "SELECT ?1, code, max (1, min (5, ?2 + (sort % 3) - 1)) FROM "
                                 "risks_dimension "
                                 "WHERE scheme = (SELECT code FROM risks_scheme WHERE active)",
                                 STEAD_ARGS (STEAD_INT (ids[i]), STEAD_INT (d->impact)), error) < 0)
        return FALSE;

      if (d->old_likelihood > 0)
        {
          g_autoptr(GDateTime) before = g_date_time_add_days (assessed_dt, -365);
          g_autofree char *date_text = g_date_time_format (before, "%Y-%m-%d");

          if (stead_transaction_run (
                txn,
                "INSERT INTO risks_review (risk, date, likelihood, impact, note) "
                "VALUES (?, ?, ?, ?, 'Annual review')",
                STEAD_ARGS (STEAD_INT (ids[i]), STEAD_TEXT (date_text),
                            STEAD_INT (d->old_likelihood), STEAD_INT (d->old_impact)),
                error) < 0)
            return FALSE;
        }

      if (stead_transaction_run (
            txn, "INSERT INTO risks_link (risk, kind, title) VALUES (?, 'plan', ?)",
            STEAD_ARGS (STEAD_INT (ids[i]), STEAD_TEXT (i < 2 ? "Multi-agency flood plan"
                                                              : "Generic emergency response plan")),
            error) < 0)
        return FALSE;
    }

  /* Hazard areas: the core demo's flood zone for fluvial flooding, and a
   * few of the register's own. */
  {
    /* On the real geography: Prior's Park, the Mythe works on the
     * Tewkesbury bank of the Severn, Ashchurch (a zone that, like real
     * ones, does not stop at the borough boundary). */
    static const SteadCoord surface[] = { { -2.160, 51.979 },
                                          { -2.146, 51.979 },
                                          { -2.146, 51.987 },
                                          { -2.159, 51.988 },
                                          { -2.160, 51.979 } };
    static const SteadCoord mythe[] = { { -2.163, 52.001 }, { -2.157, 52.001 }, { -2.157, 52.007 },
                                        { -2.163, 52.007 }, { -2.163, 52.001 } };
    SteadCoord comah[25];
    struct { gint64 area; int risk; } links[4] = { { 0, 0 } };

    for (int k = 0; k < 24; k++)
      {
        comah[k].x = -2.110 + 0.029 * cos (2 * G_PI * k / 24);
        comah[k].y = 51.998 + 0.018 * sin (2 * G_PI * k / 24);
      }
    comah[24] = comah[0];

    stead_transaction_query_int64 (
      txn, "SELECT fid FROM area WHERE kind = 'hazard' AND code = 'DEMO-H01'", NULL, 0,
      &links[0].area);
    links[1].area =
      risks_workspace_addin_demo_area (txn, "R02-A", _("Surface water hotspot: Priors Park"),
                                       surface, G_N_ELEMENTS (surface), error);
    links[1].risk = 1;
    links[2].area = risks_workspace_addin_demo_area (
      txn, "R10-A", _("Mythe treatment works flood cell"), mythe, G_N_ELEMENTS (mythe), error);
    links[2].risk = 9;
    links[3].area = risks_workspace_addin_demo_area (
      txn, "R22-A", _("COMAH public information zone (2 km)"), comah, G_N_ELEMENTS (comah), error);
    links[3].risk = 21;
    for (guint k = 0; k < G_N_ELEMENTS (links); k++)
      if (links[k].area > 0 &&
          stead_transaction_run (
            txn, "INSERT INTO risks_hazard (area, risk) VALUES (?, ?)",
            STEAD_ARGS (STEAD_INT (links[k].area), STEAD_INT (ids[links[k].risk])), error) < 0)
        return FALSE;
  }
  return TRUE;
}

/* A partner that owns or assesses risks is removed: the risks stay,
 * without an owner or assessor, in the same undo step. */
static gboolean
risks_workspace_addin_record_removed (SteadTransaction     *txn,
                                      const char           *kind,
                                      gint64                id,
                                      GError              **error)
{
  if (!g_str_equal (kind, "organisation"))
    return TRUE;
  return stead_transaction_run (txn, "UPDATE risks_risk SET owner = NULL WHERE owner = ?",
                                STEAD_ARGS (STEAD_INT (id)), error) >= 0 &&
         stead_transaction_run (
           txn, "UPDATE risks_risk SET lead_assessor = NULL WHERE lead_assessor = ?",
           STEAD_ARGS (STEAD_INT (id)), error) >= 0;
}

static char *
risks_workspace_addin_describe_references (SteadWorkspace      *workspace,
                                           const char          *kind,
                                           gint64               id)
{
  int n;

  if (!g_str_equal (kind, "organisation"))
    return NULL;
  n = stead_workspace_query_int64 (
    workspace, "SELECT count(*) FROM risks_risk WHERE owner = ?1 OR lead_assessor = ?1",
    STEAD_ARGS (STEAD_INT (id)));
  if (n == 0)
    return NULL;
  return g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "%d risk names it as owner or lead assessor; it will have none.",
                 "%d risks name it as owner or lead assessor; they will have none.", n),
    n);
}

/* Risks, for the search and other plugins' links; on the map, their hazard areas. */
static const SteadRecordKind risks_record_kinds[] = {
  { "risk", N_("risk"),
    "SELECT id, reference || ' ' || title AS title FROM risks_risk ORDER BY reference",
    "SELECT reference || ' ' || title FROM risks_risk WHERE id = ?1",
    "SELECT id FROM risks_risk WHERE reference = ?1 COLLATE NOCASE OR title = ?1 COLLATE NOCASE "
    "OR reference || ' ' || title = ?1 COLLATE NOCASE ORDER BY id LIMIT 1",
    "risks_risk",
    STEAD_STATEMENTS ("DELETE FROM area WHERE fid IN (SELECT area FROM risks_hazard WHERE risk = "
                      "?1)",
                      "DELETE FROM risks_hazard WHERE risk = ?1",
                      "DELETE FROM risks_impact WHERE risk = ?1",
                      "DELETE FROM risks_review WHERE risk = ?1",
                      "DELETE FROM risks_link WHERE risk = ?1",
                      "DELETE FROM risks_risk WHERE id = ?1"),
    "SELECT id, reference || ' ' || title, coalesce (theme, '') || ' ' || coalesce (hazard, '') || "
    "' ' || "
    "coalesce (rwcs, '') FROM risks_risk",
    "SELECT a.geom FROM risks_hazard h JOIN area a ON a.fid = h.area "
    "WHERE h.risk = ?1 AND a.geom IS NOT NULL ORDER BY a.fid",
    NULL,
    /* For exposure: the score, the band it falls in (higher sort is worse). */
    "SELECT r.id, r.title AS name, r.likelihood * r.impact AS score, b.label AS band, "
    "coalesce (b.sort, 0) AS band_sort, r.status = 'archived' AS archived "
    "FROM risks_risk r LEFT JOIN risks_band_matrix m ON m.likelihood = r.likelihood "
    "AND m.impact = r.impact LEFT JOIN risks_band b ON b.code = m.band" },
};

const SteadWorkspaceAddinInfo risks_workspace_addin = {
  .module = RISKS_OWNER,
  .schema_path = "/io/github/steadapp/Stead/plugins/risks/schema",
  .record_kinds = risks_record_kinds,
  .n_record_kinds = G_N_ELEMENTS (risks_record_kinds),
  .importers = (const SteadImportFormat * const[]) {
    &risks_csv_import, &risks_hazards_geojson_import, &risks_hazards_gpkg_import, NULL
  },
  .exporters = (const SteadExportFormat * const[]) { &risks_csv_export, &risks_pdf_export, NULL },
  .report_sections = (const SteadReportSectionInfo * const[]) { &risks_report_section, NULL },
  .populate_demo = risks_workspace_addin_populate_demo,
  .record_removed = risks_workspace_addin_record_removed,
  .describe_references = risks_workspace_addin_describe_references,
};
