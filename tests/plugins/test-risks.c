/* test-risks.c: the risks plugin, headless
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "stead.h"
#include "stead-test-util.h"
#include "stead-workspace-private.h"
#include "risks.h"

typedef struct
{
  char              *dir;
  GSettings         *settings;
  SteadPluginEngine *engine;
  SteadWorkspace    *ws;
  GPtrArray         *importers;
  GPtrArray         *exporters;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *both[] = { "partners", "risks", NULL };
  const char *risks_only[] = { "risks", NULL };
  const char * const *enabled = g_strcmp0 (data, "risks-only") == 0 ? risks_only : both;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("stead-risks-XXXXXX", &error);
  g_assert_no_error (error);
  f->settings = g_settings_new (APP_ID);
  g_settings_set_strv (f->settings, "enabled-plugins", enabled);
  f->engine = stead_plugin_engine_new (f->settings);
  stead_plugin_engine_load_enabled (f->engine);
  path = g_build_filename (f->dir, "ws.gpkg", NULL);
  f->ws = stead_workspace_create (path, "Test", f->engine, &error);
  g_assert_no_error (error);
  if (g_strcmp0 (data, "demo") == 0)
    g_assert_true (stead_demo_populate (f->ws, 50, 5, &error));
  f->importers = stead_import_list_importers (f->engine);
  f->exporters = stead_export_list_exporters (f->engine);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  stead_workspace_close (f->ws);
  g_clear_object (&f->ws);
  g_ptr_array_unref (f->importers);
  g_ptr_array_unref (f->exporters);
  g_clear_object (&f->engine);
  g_clear_object (&f->settings);
  stead_test_rm_rf (f->dir);
  g_free (f->dir);
}

static gboolean
import (Fixture            *f,
        const char         *id,
        GFile              *file,
        gboolean            dry_run,
        SteadImportResult **result,
        GError            **error)
{
  SteadImportOptions options = { .dry_run = dry_run };

  return stead_import_run (f->ws, stead_import_find_importer (f->importers, id, NULL, NULL), file,
                           &options, NULL, NULL, NULL, result, error);
}

/* The text of the first column of @sql's first row, with @key bound. */
static char *
query_text (SteadWorkspace *ws,
            const char     *sql,
            const char     *key)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (ws, sql, NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* ------------------------------------------------------------------------ */

/* Bands come from the configured matrix, not from code. */
static void
test_banding (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadTransaction) txn = NULL;
  struct { int l, i; const char *band;
  } cases[] = {
    { 1, 1, "low" },  { 5, 5, "very-high" }, { 3, 3, "medium" },
    { 4, 4, "high" }, { 1, 5, "medium" },    { 5, 1, "medium" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(RisksBand) band = risks_band_for (f->ws, cases[k].l, cases[k].i);

      g_assert_nonnull (band);
      g_assert_cmpstr (band->code, ==, cases[k].band);
    }
  g_assert_null (risks_band_for (f->ws, 0, 3));

  /* A forum that rates 3x3 as high changes the data, and the band follows. */
  txn = stead_workspace_begin (f->ws, "risks", "Configure the matrix", &error);
  g_assert_true (stead_transaction_exec (
    txn, "UPDATE risks_band_matrix SET band = 'high' WHERE likelihood = 3 AND impact = 3", &error));
  g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));
  {
    g_autoptr(RisksBand) band = risks_band_for (f->ws, 3, 3);

    g_assert_cmpstr (band->code, ==, "high");
    g_assert_cmpint (band->review_months, ==, 12);
  }

  /* The older local scheme's labels, switched to as data. */
  g_assert_true (risks_set_scheme (f->ws, "legacy-crr", &error));
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT count(*) FROM risks_scale s JOIN risks_scheme c ON c.code "
                             "= s.scheme "
                             "WHERE c.active AND s.axis = 'likelihood' AND s.label = "
                             "'Probable' AND s.score = 5"),
    ==, 1);
  g_assert_false (risks_set_scheme (f->ws, "no-such-scheme", &error));
  g_clear_error (&error);
}

/* The seed matrix is symmetric, so a lookup with likelihood and impact
 * swapped passes on it: here the forum rates likelihood 1, impact 5 as very
 * high and likelihood 5, impact 1 as low, and each risk takes the band and
 * review date of its own cell: in the lookup, in the register the page
 * lists, and in the review date set when it is added. The oracle is the
 * cell written here and the band's table. */
static void
test_band_asymmetric_cell (Fixture       *f,
                           gconstpointer  data)
{
  const struct { const char *ref; int l, i; const char *band; } cases[] = {
    { "A15", 1, 5, "very-high" },
    { "A51", 5, 1, "low" },
  };
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(SteadQueryModel) risks = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 ids[G_N_ELEMENTS (cases)];

  txn = stead_workspace_begin (f->ws, "risks", "Configure the matrix", &error);
  g_assert_true (stead_transaction_exec (
    txn, "UPDATE risks_band_matrix SET band = 'very-high' WHERE likelihood = 1 AND impact = 5",
    &error));
  g_assert_true (stead_transaction_exec (
    txn, "UPDATE risks_band_matrix SET band = 'low' WHERE likelihood = 5 AND impact = 1", &error));
  g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));
  g_assert_no_error (error);

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      ids[k] = risks_risk_add (f->ws, cases[k].ref, "Asymmetric", NULL, cases[k].l, cases[k].i,
                               FALSE, &error);
      g_assert_no_error (error);
    }

  risks = risks_register_new (f->ws);
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(RisksBand) band = risks_band_for (f->ws, cases[k].l, cases[k].i);
      g_autofree char *label =
        query_text (f->ws, "SELECT label FROM risks_band WHERE code = ?", cases[k].band);
      g_autofree char *months =
        query_text (f->ws, "SELECT review_months FROM risks_band WHERE code = ?", cases[k].band);
      g_autofree char *review =
        query_text (f->ws, "SELECT review FROM risks_risk WHERE reference = ?", cases[k].ref);
      g_autofree char *shown = NULL;
      g_autoptr(GDateTime) due = NULL;
      g_autofree char *expected = NULL;
      SteadRecord *record = stead_query_model_lookup (risks, ids[k]);

      g_assert_nonnull (band);
      g_assert_cmpstr (band->code, ==, cases[k].band);

      g_assert_nonnull (record);
      shown = stead_record_dup_display (record, "band");
      g_assert_cmpstr (shown, ==, label);

      due = g_date_time_add_months (now, atoi (months));
      expected = g_date_time_format (due, "%Y-%m-%d");
      g_assert_cmpstr (review, ==, expected);
    }
}

static void
test_review_date_from_band (Fixture       *f,
                            gconstpointer  data)
{
  GDate from;
  g_autofree char *high = NULL;
  g_autofree char *medium = NULL;
  g_autofree char *low = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 29, G_DATE_NOVEMBER, 2026);
  high = risks_review_date (f->ws, 4, 4, &from);
  medium = risks_review_date (f->ws, 3, 3, &from);
  low = risks_review_date (f->ws, 1, 1, &from);
  g_assert_cmpstr (high, ==, "2027-11-29");    /* High: yearly */
  g_assert_cmpstr (medium, ==, "2028-11-29");  /* Medium: two-yearly */
  g_assert_cmpstr (low, ==, "2030-11-29");     /* Low: four-yearly */

  /* A new risk's review date is set from its band, from today. */
  id = risks_risk_add (f->ws, "HL12", "Fluvial flooding", NULL, 4, 4, FALSE, &error);
  g_assert_no_error (error);
  stored = stead_test_text (f->ws, "SELECT review FROM risks_risk WHERE reference = 'HL12'");
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    GDate today;

    g_date_clear (&today, 1);
    g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                    g_date_time_get_year (now));
    expected = risks_review_date (f->ws, 4, 4, &today);
  }
  g_assert_cmpstr (stored, ==, expected);
  g_assert_cmpint (id, >, 0);

  /* Duplicate references and off-scale scores are refused. */
  g_assert_cmpint (risks_risk_add (f->ws, "HL12", "Again", NULL, 1, 1, FALSE, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (risks_risk_add (f->ws, "HL13", "Off scale", NULL, 6, 1, FALSE, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_rescore_records_history (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *trend = NULL;
  gint64 id = risks_risk_add (f->ws, "R1", "Heatwave", "Natural and environmental hazards", 3, 3,
                              FALSE, &error);

  g_assert_true (risks_risk_set (f->ws, id, "likelihood_min", "2", &error));
  g_assert_true (risks_risk_set (f->ws, id, "likelihood_max", "4", &error));
  g_assert_no_error (error);
  /* A range that does not include the score is refused in plain words. */
  g_assert_false (risks_risk_set (f->ws, id, "impact_max", "1", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (risks_risk_rescore (f->ws, id, 4, 4, "Hotter summers", &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM risks_review WHERE likelihood = "
                                            "3 AND "
                                            "impact = 3 "
                                            "AND likelihood_min = 2 AND note = 'Hotter summers'"),
                   ==, 1);
  trend = stead_test_text (f->ws, "SELECT trend FROM risks_risk WHERE reference = 'R1'");
  g_assert_cmpstr (trend, ==, "increasing");
  /* The range still holds around 4; the band is High now. */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT likelihood_max FROM risks_risk WHERE reference "
                                            "= 'R1'"),
                   ==, 4);

  /* One undo step takes the review back, history and all. */
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT likelihood FROM risks_risk WHERE reference = 'R1'"), ==, 3);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM risks_review"), ==, 0);
}

/* Every risk not archived is placed in the cell of its scores, with
 * where its last review had it; links and drawn areas are one step each. */
static void
test_placement_links_areas (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) placements = NULL;
  const SteadCoord ring[] = { { -2.2, 51.9 }, { -2.1, 51.9 }, { -2.1, 52.0 }, { -2.2, 51.9 } };
  g_autoptr(SteadGeometry) polygon = stead_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
  gint64 a = risks_risk_add (f->ws, "A1", "First", NULL, 2, 3, FALSE, &error);
  gint64 b = risks_risk_add (f->ws, "B1", "Second", NULL, 5, 5, FALSE, &error);
  gint64 c = risks_risk_add (f->ws, "C1", "Archived", NULL, 1, 1, FALSE, &error);
  gint64 link, area;

  g_assert_true (risks_risk_set (f->ws, c, "status", "archived", &error));
  g_assert_true (risks_risk_rescore (f->ws, a, 4, 3, NULL, &error));
  g_assert_no_error (error);

  placements = risks_matrix_placements (f->ws);
  g_assert_cmpuint (placements->len, ==, 2);
  {
    RisksPlacement *p0 = g_ptr_array_index (placements, 0), *p1 = g_ptr_array_index (placements, 1);

    g_assert_cmpstr (p0->reference, ==, "A1");
    g_assert_cmpint (p0->likelihood, ==, 4);
    g_assert_cmpint (p0->impact, ==, 3);
    g_assert_cmpint (p0->previous_likelihood, ==, 2);
    g_assert_cmpint (p0->previous_impact, ==, 3);
    g_assert_cmpstr (p1->reference, ==, "B1");
    g_assert_cmpint (p1->likelihood, ==, 5);
    g_assert_cmpint (p1->previous_likelihood, ==, 0);
    g_assert_cmpint (p1->id, ==, b);
  }

  /* Impact per dimension of the active scheme. */
  g_assert_true (risks_impact_set (f->ws, a, "economic", 4, &error));
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT score FROM risks_impact WHERE dimension = 'economic'"), ==, 4);
  g_assert_true (risks_impact_set (f->ws, a, "economic", 0, &error));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM risks_impact"), ==, 0);
  g_assert_false (risks_impact_set (f->ws, a, "vibes", 3, &error));
  g_clear_error (&error);
  g_assert_false (risks_impact_set (f->ws, a, "economic", 9, &error));
  g_clear_error (&error);

  link = risks_link_add (f->ws, a, "plan", "Multi-agency flood plan",
                         "https://plans.example.org/flood.pdf", &error);
  g_assert_cmpint (link, >, 0);
  g_assert_cmpint (risks_link_add (f->ws, a, "rumour", "Nope", NULL, &error), ==, 0);
  g_clear_error (&error);
  g_assert_true (risks_link_delete (f->ws, link, &error));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM risks_link"), ==, 0);

  area = risks_hazard_area_add (f->ws, a, "Drawn flood cell", polygon, &error);
  g_assert_no_error (error);
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT count(*) FROM area a JOIN risks_hazard h ON h.area = a.fid "
                  "WHERE a.kind = 'hazard' AND a.code = 'A1' AND a.name = 'Drawn flood cell'"),
    ==, 1);
  if (!stead_workspace_undo (f->ws, &error))
    g_error ("undo: %s", error->message);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM area"), ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM risks_hazard"), ==, 0);
  g_assert_cmpint (area, >, 0);
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM risks_risk"), >=, 25);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM risks_hazard h JOIN area a ON "
                                            "a.fid = "
                                            "h.area WHERE a.kind = 'hazard'"),
                   >=, 3);
  /* Every risk sits in the matrix: scores on the 1–5 scale with a band. */
  g_assert_cmpint (stead_test_count (f->ws,
                                     "SELECT count(*) FROM risks_risk r JOIN risks_band_matrix m "
                                     "ON m.likelihood = r.likelihood AND m.impact = r.impact"),
                   ==, stead_test_count (f->ws, "SELECT count(*) FROM risks_risk"));
  /* Owners are partners of the demo. */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM risks_risk r JOIN "
                                            "partners_organisation o "
                                            "ON o.id = r.owner"),
                   >, 10);
  /* Some reviews are overdue, so the page has something to flag. */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM risks_risk WHERE review < date "
                                            "('now', "
                                            "'localtime')"),
                   >, 0);
}

/* The register is in the workspace search: by title and by its scenario,
 * and a risk renamed is found by its new title only. */
static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = stead_workspace_search (f->ws, "pandemic", 10, &error);
  g_autoptr(GPtrArray) renamed = NULL;
  g_autoptr(GPtrArray) old = NULL;
  SteadSearchHit *hit;
  gint64 id;

  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >=, 1);
  hit = hits->pdata[0];
  g_assert_cmpstr (hit->owner, ==, "risks");
  g_assert_cmpstr (hit->kind, ==, "risk");
  id = stead_test_count (f->ws, "SELECT id FROM risks_risk WHERE title = 'Pandemic'");
  g_assert_cmpint (hit->ref, ==, id);
  g_assert_nonnull (strstr (hit->title, "Pandemic"));

  g_assert_true (risks_risk_set (f->ws, id, "title", "Novel respiratory virus", &error));
  g_assert_no_error (error);
  renamed = stead_workspace_search (f->ws, "respiratory virus", 10, &error);
  g_assert_cmpuint (renamed->len, >=, 1);
  g_assert_cmpint (((SteadSearchHit *) renamed->pdata[0])->ref, ==, id);
  old = stead_workspace_search (f->ws, "pandemic", 10, &error);
  for (guint i = 0; i < old->len; i++)
    g_assert_cmpint (((SteadSearchHit *) old->pdata[i])->ref, !=, id);
}

/* What the export @id writes. */
static char *
export_format (Fixture     *f,
               const char  *id,
               GError     **error)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  SteadExportOptions options = { 0 };

  if (!stead_exporter_run (stead_export_find_exporter (f->exporters, id, NULL), f->ws,
                           out, &options, NULL, error))
    return NULL;
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

/* The register as the CSV export writes it. */
static char *
export_csv (Fixture  *f,
            GError  **error)
{
  return export_format (f, "risks-csv", error);
}

/* The ids of the formats stead_import_detect() finds for @file, joined by
 * spaces. */
static char *
detect_ids (Fixture *f,
            GFile   *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fit = stead_import_detect (f->importers, file, NULL, &error);
  g_autoptr(GString) ids = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < fit->len; i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? " " : "",
                            stead_importer_get_id (g_ptr_array_index (fit, i)));
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* Every format the core and the plugins register is found from the
 * content of a real file of its kind, whatever the file is called; a
 * file two formats read as well names both. */
static void
test_detect_every_format (Fixture       *f,
                          gconstpointer  data)
{
  static const char * const cap[] = {
    "ea-severe-flood-warning-wainfleet.xml", "eccc-frost-bilingual-excerpt.xml",
    "noaa-tsunami-cancellation-update.xml", "nws-fire-weather-watch-cancel.xml",
    "oasis-earthquake.xml", "oasis-thunderstorm.xml",
  };
  static const char * const oruk[] = {
    "hsds-location.json", "hsds-organization-full-excerpt.json", "hsds-organization-simple.json",
    "hsds-service-at-location-simple.json", "hsds-service-simple.json",
    "hsds-taxonomy-term-list.json",
  };
  /* Written as the publishers write them (ONSPD's own columns). */
  static const struct { const char *name, *text, *ids; } samples[] = {
    { "ONSPD_FEB_2024_UK.csv",
      "pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,parish,usertype,oseast1m,osnrth1m,"
      "osgrdind,oshlthau,nhser,ctry,rgn,streg,pcon,eer,teclec,ttwa,pct,itl,statsward,oa01,"
      "casward,npark,lsoa01,msoa01,ur01ind,oac01,oa11,lsoa11,msoa11,wz11,sicbl,bua24,ru11ind,"
      "oac11,lat,long,lep1,lep2,pfa,imd,calncv,icb,oa21,lsoa21,msoa21\r\n"
      "\"GL20 5AA\",\"GL20  5AA\",\"GL20 5AA\",\"198001\",\"\",\"E10000013\",\"E58000512\","
      "\"E07000083\",\"E05010705\",\"E04001058\",\"0\",\"389247\",\"232765\",\"1\","
      "\"E18000009\",\"E40000006\",\"E92000001\",\"E12000009\",\"0\",\"E14001535\","
      "\"E15000009\",\"E17000002\",\"E30000220\",\"E16000083\",\"E06000123\",\"23UGFE\","
      "\"E00113560\",\"23UGFE\",\"E99999999\",\"E01022462\",\"E02004664\",\"5\",\"1C2\","
      "\"E00113560\",\"E01022462\",\"E02004664\",\"E33025418\",\"E38000062\",\"E63007956\","
      "\"C1\",\"6A4\",51.993567,-2.158401,\"E37000018\",\"\",\"E23000033\",20871,"
      "\"E56000001\",\"E54000043\",\"E00113560\",\"E01022462\",\"E02004664\"\r\n",
      "postcodes" },
    { "gl.csv",
      "\"GL193BB\",10,379773,223031,\"E92000001\",\"E19000002\",\"E18000010\",\"E10000013\","
      "\"E07000083\",\"E05004418\"\r\n",
      "postcodes" },
    { "areas.json",
      "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
      "{\"name\":\"Ward\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
      "[[[-2.2,51.9],[-2.1,51.9],[-2.1,52],[-2.2,51.9]]]}}]}",
      "geojson-areas risks-hazards-geojson" },
    { "cases.txt", "Case,Need,Urgency,Postcode\r\nC1,food,High,GL20 5AA\r\n", "needs-csv" },
    { "shelters.csv", "Name,Kind,Places,Availability,Postcode\r\nHall,rest-centre,120,"
      "Available,GL20 5AA\r\n", "resources-csv" },
    { "either.csv", "kind,postcode\r\nfood,GL20 5AA\r\n", "needs-csv resources-csv" },
    { "register.csv", "Risk ID,Risk title,Likelihood,Impact,Risk owner\r\n"
      "R1,Flooding,4,4,Cumbria Resilience Forum\r\n", "risks-csv" },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cap); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cap", cap[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *ids = detect_ids (f, file);

      g_assert_cmpstr (ids, ==, "cap");
    }
  for (guint i = 0; i < G_N_ELEMENTS (oruk); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "oruk", oruk[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *ids = detect_ids (f, file);

      g_assert_cmpstr (ids, ==, "partners-oruk");
    }
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(GFile) file = stead_test_write_file (f->dir, samples[i].name, samples[i].text);
      g_autofree char *ids = detect_ids (f, file);

      g_test_message ("%s: %s", samples[i].name, ids);
      g_assert_cmpstr (ids, ==, samples[i].ids);
    }

  /* The app's own exports, each found again. */
  {
    static const char * const formats[] = { "needs-csv", "resources-csv", "partners-csv",
                                            "risks-csv", "partners-oruk" };

    for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
      {
        g_autofree char *text = export_format (f, formats[i], &error);
        g_autoptr(GFile) file = NULL;
        g_autofree char *ids = NULL;

        g_assert_no_error (error);
        file = stead_test_write_file (f->dir, "export.dat", text);
        ids = detect_ids (f, file);
        g_test_message ("%s export: %s", formats[i], ids);
        g_assert_cmpstr (ids, ==, formats[i]);
      }
  }

  /* A GeoPackage is read by two formats: both are named, and the CLI's
   * lookup asks the user to choose. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (stead_workspace_get_path (f->ws));
    g_autofree char *ids = detect_ids (f, file);

    g_assert_cmpstr (ids, ==, "gpkg-areas risks-hazards-gpkg");
    g_assert_null (stead_import_find_importer (f->importers, NULL, file, &error));
    g_assert_nonnull (strstr (error->message, "Boundaries and areas (GeoPackage layer) or "
                                              "Hazard areas of risks (GeoPackage layer)"));
    g_clear_error (&error);
  }
}

static void
test_csv_round_trip (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *csv = NULL;

  file = stead_test_write_file (f->dir, "register.csv",
                     "Ref,Risk,Theme,Likelihood,Impact,Impact min,Impact max,Malicious,Owner\r\n"
                     "H23,Pandemic,\"Human, animal and plant health\",3,5,,,no,\r\n"
                     "HL12,Fluvial flooding,Natural and environmental hazards,4,4,3,5,no,\r\n"
                     "L7,Terrorist attack in a crowded place,Terrorism,3,3,,,yes,\r\n");
  g_assert_true (import (f, "risks-csv", file, TRUE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 3);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM risks_risk"), ==, 0);
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_true (import (f, "risks-csv", file, FALSE, &result, &error));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM risks_risk WHERE reference = "
                                            "'L7' AND "
                                            "malicious = 1"),
                   ==, 1);

  /* A score change on re-import is a review: the old scores go to history. */
  g_clear_object (&file);
  g_clear_pointer (&result, stead_import_result_free);
  file = stead_test_write_file (f->dir, "again.csv",
                                "reference,title,likelihood,impact\r\nH23,Pandemic,4,5\r\n");
  g_assert_true (import (f, "risks-csv", file, FALSE, &result, &error));
  g_assert_cmpuint (result->updated, ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM risks_review r JOIN risks_risk k "
                                            "ON k.id = "
                                            "r.risk "
                                            "WHERE k.reference = 'H23' AND r.likelihood = 3"),
                   ==, 1);

  /* A bad last row: nothing is imported, and the line is named. */
  g_clear_object (&file);
  g_clear_pointer (&result, stead_import_result_free);
  file = stead_test_write_file (f->dir, "bad.csv",
                     "reference,title,likelihood,impact\r\nX1,Fine,2,2\r\nX2,Off scale,7,2\r\n");
  g_assert_false (import (f, "risks-csv", file, FALSE, &result, &error));
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_clear_error (&error);
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT count(*) FROM risks_risk WHERE reference LIKE 'X%'"), ==, 0);

  /* Scores as registers write them: "4 - Likely", "2: low", or the active
   * scale's label (NRR impact: Minor … Catastrophic); an unknown word is
   * still refused. */
  g_clear_object (&file);
  g_clear_pointer (&result, stead_import_result_free);
  file = stead_test_write_file (f->dir, "labels.csv", "reference,title,likelihood,impact\r\n"
                                      "W1,Worded,4 - Likely,Significant\r\n"
                                      "W2,Worded too,2: low,catastrophic \r\n");
  g_assert_true (import (f, "risks-csv", file, FALSE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM risks_risk WHERE reference = "
                                            "'W1' AND "
                                            "likelihood = 4 AND impact = 4"),
                   ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM risks_risk WHERE reference = "
                                            "'W2' AND "
                                            "likelihood = 2 AND impact = 5"),
                   ==, 1);
  g_clear_object (&file);
  g_clear_pointer (&result, stead_import_result_free);
  file = stead_test_write_file (f->dir, "word.csv",
                                "reference,title,likelihood,impact\r\nW3,Vague,Quite likely,3\r\n");
  g_assert_false (import (f, "risks-csv", file, FALSE, &result, &error));
  g_assert_nonnull (strstr (error->message, "Quite likely"));
  g_clear_error (&error);

  /* An owner not yet a partner becomes one (see test_csv_owners_become_partners). */

  csv = export_csv (f, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (csv, "reference,title,theme,likelihood,impact,"));
  g_assert_nonnull (strstr (csv, "HL12,Fluvial flooding,Natural and environmental "
                                 "hazards,4,4,,,3,5,no,"));
}

/* A register names its owners as it knows them: those not yet partners
 * are listed by the dry run, added once by the import however many risks
 * they own, and matched in any case. */
static void
test_csv_owners_become_partners (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) result = NULL;

  file = stead_test_write_file (f->dir, "owners.csv",
                                "reference,title,likelihood,impact,owner\r\n"
                                "C1,Flooding,4,4,Cumbria Resilience Forum\r\n"
                                "C2,Storms,3,3,cumbria resilience forum\r\n"
                                "C3,Heat,2,3,Environment Agency\r\n");
  g_assert_true (import (f, "risks-csv", file, TRUE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 3);
  g_assert_cmpuint (result->rejects->len, ==, 0);
  g_assert_cmpuint (result->linked_names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (result->linked_names, 0), ==,
                   "partner “Cumbria Resilience Forum”");
  g_assert_cmpstr (g_ptr_array_index (result->linked_names, 1), ==, "partner “Environment Agency”");
  /* A dry run only says so. */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation"), ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM risks_risk"), ==, 0);
  g_clear_pointer (&result, stead_import_result_free);

  g_assert_true (import (f, "risks-csv", file, FALSE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation"), ==, 2);
  g_assert_cmpint (stead_test_count (f->ws,
                                     "SELECT count(*) FROM risks_risk r JOIN partners_organisation "
                                     "o ON o.id = r.owner WHERE o.name = 'Cumbria Resilience "
                                     "Forum' AND r.reference IN ('C1', 'C2')"), ==, 2);
  g_clear_pointer (&result, stead_import_result_free);

  /* Again: they are partners now, nothing more to add. */
  g_assert_true (import (f, "risks-csv", file, TRUE, &result, &error));
  g_assert_cmpuint (result->updated, ==, 3);
  g_assert_cmpuint (result->linked_names->len, ==, 0);
}

/* With partners off, the owner's name stays with the risk. */
static void
test_csv_owner_kept_without_partners (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autofree char *owner = NULL;

  file = stead_test_write_file (f->dir, "owners.csv",
                                "reference,title,likelihood,impact,owner\r\n"
                                "C1,Flooding,4,4,Cumbria Resilience Forum\r\n");
  g_assert_true (import (f, "risks-csv", file, FALSE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 1);
  g_assert_cmpuint (result->linked_names->len, ==, 0);
  owner = query_text (f->ws, "SELECT json_extract (extra, '$.owner') FROM risks_risk "
                             "WHERE reference = ?", "C1");
  g_assert_cmpstr (owner, ==, "Cumbria Resilience Forum");
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM risks_risk WHERE owner IS NULL"),
                   ==, 1);
}

/* Status and scores by code or label in any case; a wrong word is told
 * the words that would do. */
static void
test_csv_vocabulary_words (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *status = NULL;
  g_auto(GStrv) words = NULL;
  g_autofree char *csv = NULL;

  /* The oracle: the scheme's own labels, read here, and the statuses. */
  labels = query_text (f->ws, "SELECT group_concat (label, '|') FROM (SELECT label FROM "
                              "risks_scale WHERE axis = ? AND scheme = (SELECT code FROM "
                              "risks_scheme WHERE active) ORDER BY score)", "impact");
  words = g_strsplit (labels, "|", -1);
  g_assert_cmpuint (g_strv_length (words), ==, 5);
  g_assert_cmpstr (words[0], !=, "1");   /* words, not numbers */
  csv = g_strdup_printf ("reference,title,likelihood,impact,status\r\n"
                         "V1,One,1,%s,ACTIVE\r\nV2,Two,2,%s,archived\r\nV3,Three,5,3,dRaFt\r\n",
                         g_ascii_strup (words[0], -1), g_ascii_strdown (words[3], -1));
  file = stead_test_write_file (f->dir, "words.csv", csv);
  if (!import (f, "risks-csv", file, FALSE, &result, &error))
    g_error ("%s", error->message);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT impact FROM risks_risk "
                                            "WHERE reference = 'V1'"), ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT impact FROM risks_risk "
                                            "WHERE reference = 'V2'"), ==, 4);
  status = query_text (f->ws, "SELECT status FROM risks_risk WHERE reference = ?", "V2");
  g_assert_cmpstr (status, ==, "archived");
  g_clear_object (&file);
  g_clear_pointer (&result, stead_import_result_free);

  file = stead_test_write_file (f->dir, "wrong.csv",
                                "reference,title,likelihood,impact,status\r\n"
                                "W1,One,1,sometimes,active\r\nW2,Two,1,1,asleep\r\n");
  g_assert_false (import (f, "risks-csv", file, FALSE, &result, &error));
  g_clear_error (&error);
  g_assert_cmpuint (result->rejects->len, ==, 2);
  {
    const SteadImportReject *r0 = g_ptr_array_index (result->rejects, 0);
    const SteadImportReject *r1 = g_ptr_array_index (result->rejects, 1);

    g_test_message ("%s / %s", r0->reason, r1->reason);
    g_assert_nonnull (strstr (r0->reason, "“sometimes” is not on the scale: 1–5 or "));
    g_assert_nonnull (strstr (r0->reason, words[0]));
    g_assert_nonnull (strstr (r0->reason, words[4]));
    g_assert_nonnull (strstr (r1->reason, "“asleep” is not one of: Draft, Active or Archived"));
  }
}

/* A register's own review date is kept; the columns the register has and
 * Stead does not are kept with each risk. */
static void
test_csv_keeps_register_fields (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *review = NULL;
  g_autofree char *computed = NULL;
  g_autofree char *extra = NULL;
  GDate today;

  file = stead_test_write_file (f->dir, "register.csv",
                                "Ref,Risk,Likelihood,Impact,Next review,Lead officer,Notes\r\n"
                                "H23,Pandemic,3,5,31/03/2027,J. Smith,\"Reviewed, see minutes\"\r\n"
                                "H24,Drought,2,2,,,\r\n");
  g_assert_true (import (f, "risks-csv", file, TRUE, &result, &error));
  g_assert_no_error (error);
  {
    gboolean warned = FALSE;

    for (guint i = 0; i < result->warnings->len; i++)
      warned |= g_str_equal (g_ptr_array_index (result->warnings, i),
                             "Kept as extra attributes: Lead officer, Notes");
    g_assert_true (warned);
  }
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_true (import (f, "risks-csv", file, FALSE, &result, &error));
  g_assert_no_error (error);

  review = stead_test_text (f->ws, "SELECT review FROM risks_risk WHERE reference = 'H23'");
  g_assert_cmpstr (review, ==, "2027-03-31");
  g_clear_pointer (&review, g_free);
  /* Without one, the band's interval from today (the risks model's rule). */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  computed = risks_review_date (f->ws, 2, 2, &today);
  review = stead_test_text (f->ws, "SELECT review FROM risks_risk WHERE reference = 'H24'");
  g_assert_cmpstr (review, ==, computed);
  g_clear_pointer (&review, g_free);

  extra = stead_test_text (f->ws, "SELECT json_extract (extra, '$.\"Lead officer\"') || '|' || "
                                  "json_extract (extra, '$.Notes') FROM risks_risk "
                                  "WHERE reference = 'H23'");
  g_assert_cmpstr (extra, ==, "J. Smith|Reviewed, see minutes");
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM risks_risk WHERE reference = "
                                            "'H24' AND extra IS NULL"),
                   ==, 1);

  /* A review date that is not a date rejects the row, by line. */
  g_clear_object (&file);
  g_clear_pointer (&result, stead_import_result_free);
  file = stead_test_write_file (f->dir, "bad.csv",
                                "reference,title,likelihood,impact,review\r\n"
                                "H23,Pandemic,3,5,2027-06-30\r\nH24,Drought,2,2,soon\r\n");
  g_assert_false (import (f, "risks-csv", file, FALSE, &result, &error));
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_assert_nonnull (strstr (error->message, "soon"));
  review = stead_test_text (f->ws, "SELECT review FROM risks_risk WHERE reference = 'H23'");
  g_assert_cmpstr (review, ==, "2027-03-31");
}

/* The first run of text at @line's column @column (within two), up to a
 * gap of two spaces; NULL if the line has nothing there. */
static char *
layout_cell_at (const char *line,
                gsize       column)
{
  gsize start = strspn (line, " ");
  const char *end;

  if (line[start] == '\0' || start + 2 < column || start > column + 2)
    return NULL;
  end = strstr (line + start, "  ");
  if (end == NULL)
    end = line + strlen (line);
  return g_strndup (line + start, (gsize) (end - line) - start);
}

/* Every risk's row of the register, as pdftotext -layout lays it out:
 * the reference, then the title (wrapped over the lines below it in the
 * same column), the likelihood, the impact and the band, each as the
 * workspace holds it. Returns how many rows were checked. */
static guint
assert_register_rows (SteadWorkspace *ws,
                      const char     *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
    ws,
    "SELECT r.reference, r.title, r.likelihood, r.impact, b.label FROM risks_risk r "
    "JOIN risks_band_matrix m ON m.likelihood = r.likelihood AND m.impact = r.impact "
    "JOIN risks_band b ON b.code = m.band",
    NULL);
  guint checked = 0;

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *reference = (const char *) sqlite3_column_text (stmt, 0);
      const char *title = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *ref_re = g_regex_escape_string (reference, -1);
      g_autofree char *band_re =
        g_regex_escape_string ((const char *) sqlite3_column_text (stmt, 4), -1);
      g_autofree char *pattern =
        g_strdup_printf ("^ *%s +(.+?) +([1-5]) +([1-5]) +%s( |$)", ref_re, band_re);
      g_autoptr(GRegex) row_re = g_regex_new (pattern, 0, 0, NULL);
      g_autoptr(GString) shown = g_string_new (NULL);
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *likelihood = NULL;
      g_autofree char *impact = NULL;
      guint k = 0;
      int column = 0;

      while (lines[k] != NULL && !g_regex_match (row_re, lines[k], 0, &match))
        {
          g_clear_pointer (&match, g_match_info_unref);
          k++;
        }
      if (lines[k] == NULL)
        g_error ("No row “%s … %d %d” in the register:\n%s", reference,
                 sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3), text);

      likelihood = g_match_info_fetch (match, 2);
      impact = g_match_info_fetch (match, 3);
      g_assert_cmpint (atoi (likelihood), ==, sqlite3_column_int (stmt, 2));
      g_assert_cmpint (atoi (impact), ==, sqlite3_column_int (stmt, 3));

      /* The title: its first line here, the rest below in its column. */
      g_assert_true (g_match_info_fetch_pos (match, 1, &column, NULL));
      {
        g_autofree char *first = g_match_info_fetch (match, 1);

        g_string_append (shown, first);
      }
      for (guint next = k + 1; lines[next] != NULL; next++)
        {
          g_autofree char *more = layout_cell_at (lines[next], (gsize) column);

          if (more == NULL)
            break;
          g_string_append_printf (shown, " %s", more);
        }
      g_assert_cmpstr (shown->str, ==, title);
      checked++;
    }
  return checked;
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  SteadExportOptions options = { 0 };
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  const char *bytes;
  gsize size;

  g_assert_true (stead_exporter_run (stead_export_find_exporter (f->exporters, "risks-pdf", NULL),
                                     f->ws, out, &options, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  bytes = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out));
  size = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_cmpuint (size, >, 2000);
  g_assert_true (g_str_has_prefix (bytes, "%PDF-"));

  /* What a reader sees: the heading, and every risk of the register. */
  if (!stead_test_have_poppler ())
    {
      g_test_skip ("needs pdftotext and pdfinfo (poppler-utils, in build-aux/deps.txt)");
      return;
    }
  pdf = g_build_filename (f->dir, "register.pdf", NULL);
  g_file_set_contents (pdf, bytes, size, &error);
  g_assert_no_error (error);
  text = stead_test_pdf_text (pdf, 0);
  g_assert_nonnull (strstr (text, "Community risk register"));
  g_assert_null (strstr (text, "Contents"));
  g_assert_cmpuint (stead_test_assert_all_in (f->ws, "SELECT reference FROM risks_risk", text), ==,
                    25);
  g_assert_cmpuint (assert_register_rows (f->ws, text), ==, 25);
}


/* A register long enough for several pages, with long titles and long
 * references, issued OFFICIAL-SENSITIVE: what pdftotext reads back (an
 * oracle that shares nothing with cairo) has every reference and every
 * review date whole, the marking at the head and foot of every page,
 * "Page N of M" and the version. */
static void
test_pdf_publishable (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GFile) file = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "long.pdf", NULL);
  g_autofree char *text = NULL;
  SteadExportOptions options = { .options = keys };
  SteadExporter *exporter = stead_export_find_exporter (f->exporters, "risks-pdf", NULL);
  guint pages, n_overdue = 0, found = 0;
  const char *at;

  for (int k = 1; k <= 90; k++)
    {
      g_autofree char *reference = g_strdup_printf ("NRR-CYBER-TRANSPORT-%03d", k);
      g_autofree char *title = g_strdup_printf (
        "Cyber attack on the transport sector disrupting the rail, road and port networks of the "
        "partnership area for several days in winter (scenario %d of the long register)", k);
      g_autofree char *review = g_strdup_printf ("%04d-%02d-%02d", k % 3 == 0 ? 2021 : 2091,
                                                 1 + k % 12, 1 + k % 28);
      gint64 id = risks_risk_add (f->ws, reference, title, NULL, 1 + k % 5, 1 + (k / 5) % 5,
                                  FALSE, &error);

      g_assert_no_error (error);
      g_assert_true (risks_risk_set (f->ws, id, "review", review, &error));
      g_assert_no_error (error);
      n_overdue += k % 3 == 0;
    }

  /* A marking that is not one is refused, naming it, and nothing is written. */
  g_hash_table_insert (keys, "marking", "SECRET");
  file = g_file_new_for_path (pdf);
  g_assert_false (stead_exporter_write_file (exporter, f->ws, file, &options, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "SECRET"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_hash_table_insert (keys, "marking", "official-sensitive");
  g_hash_table_insert (keys, "version", "2.1");
  g_assert_true (stead_exporter_write_file (exporter, f->ws, file, &options, NULL, &error));
  g_assert_no_error (error);
  if (!stead_test_have_poppler ())
    {
      g_test_skip ("needs pdftotext and pdfinfo (poppler-utils, in build-aux/deps.txt)");
      return;
    }
  pages = stead_test_pdf_pages (pdf);
  g_assert_cmpuint (pages, >=, 3);
  text = stead_test_pdf_text (pdf, 0);
  g_assert_cmpuint (stead_test_assert_all_in (f->ws, "SELECT reference FROM risks_risk", text), ==,
                    90);
  g_assert_cmpuint (stead_test_assert_all_in (f->ws, "SELECT review FROM risks_risk", text), ==,
                    90);
  /* Overdue reviews say so, each. */
  for (at = strstr (text, " overdue"); at != NULL; at = strstr (at + 1, " overdue"))
    found++;
  g_assert_cmpuint (found, >=, n_overdue);

  for (guint page = 1; page <= pages; page++)
    {
      g_autofree char *page_text = stead_test_pdf_text (pdf, page);
      g_autofree char *number = g_strdup_printf ("Page %u of %u", page, pages);
      const char *first = strstr (page_text, "OFFICIAL-SENSITIVE");

      g_assert_nonnull (first);
      g_assert_nonnull (strstr (first + 1, "OFFICIAL-SENSITIVE"));  /* head and foot */
      g_assert_nonnull (strstr (page_text, number));
      g_assert_nonnull (strstr (page_text, "Version 2.1"));
      g_assert_nonnull (strstr (page_text, "Issued "));
    }
  g_assert_nonnull (strstr (text, "Page 1 of"));
}

/* The workspace reopened with only @enabled switched on. */
static SteadWorkspace *
reopen_with (Fixture            *f,
             const char * const *enabled,
             SteadPluginEngine **engine)
{
  g_autofree char *path = g_strdup (stead_workspace_get_path (f->ws));
  g_autoptr(GError) error = NULL;
  SteadWorkspace *ws;

  g_settings_set_strv (f->settings, "enabled-plugins", enabled);
  *engine = stead_plugin_engine_new (f->settings);
  stead_plugin_engine_load_enabled (*engine);
  ws = stead_workspace_open (path, *engine, &error);
  g_assert_no_error (error);
  return ws;
}

/* What a plugin switched off published leaves the map with it: its
 * resources (partners' sites) and the areas its tables refer to (risks'
 * hazard areas); the rest stays, and nothing is removed from the file. */
static void
test_absent_plugin_off_map (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) none = stead_workspace_list_absent_owners (f->ws);
  g_autoptr(GHashTable) no_areas = stead_workspace_list_absent_areas (f->ws);
  gint64 placed = stead_test_count (f->ws, "SELECT count(*) FROM resource WHERE geom IS NOT NULL");
  gint64 not_partners = stead_test_count (
    f->ws, "SELECT count(*) FROM resource WHERE geom IS NOT NULL AND coalesce (owner, '') "
           "!= 'partners'");
  g_autoptr(SteadPointSnapshot) all = NULL;

  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (g_hash_table_size (no_areas), ==, 0);
  g_assert_cmpint (placed, >, not_partners);
  all = stead_point_source_load (f->ws, STEAD_POINT_SOURCE_RESOURCES, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stead_point_snapshot_get_n_points (all), ==, placed);
  stead_workspace_close (f->ws);

  /* Partners off: its resources leave, the core's stay; no area is its. */
  {
    const char *enabled[] = { "risks", NULL };
    g_autoptr(SteadPluginEngine) engine = NULL;
    g_autoptr(SteadWorkspace) ws = reopen_with (f, enabled, &engine);
    g_auto(GStrv) absent = stead_workspace_list_absent_owners (ws);
    g_autoptr(GHashTable) areas = stead_workspace_list_absent_areas (ws);
    g_autoptr(SteadPointSnapshot) shown =
      stead_point_source_load (ws, STEAD_POINT_SOURCE_RESOURCES, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstrv (absent, ((const char *[]) { "partners", NULL }));
    g_assert_cmpuint (g_hash_table_size (areas), ==, 0);
    g_assert_cmpuint (stead_point_snapshot_get_n_points (shown), ==, not_partners);
    g_assert_cmpint (stead_test_count (ws, "SELECT count(*) FROM resource WHERE geom IS NOT NULL"),
                     ==, placed);
    stead_workspace_close (ws);
  }

  /* Risks off: exactly its hazard areas are left out. */
  {
    const char *enabled[] = { "partners", NULL };
    g_autoptr(SteadPluginEngine) engine = NULL;
    g_autoptr(SteadWorkspace) ws = reopen_with (f, enabled, &engine);
    g_auto(GStrv) absent = stead_workspace_list_absent_owners (ws);
    g_autoptr(GHashTable) areas = stead_workspace_list_absent_areas (ws);
    g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (ws, "SELECT area FROM risks_hazard",
                                                            NULL);
    guint n = 0;

    g_assert_cmpstrv (absent, ((const char *[]) { "risks", NULL }));
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        gint64 fid = sqlite3_column_int64 (stmt, 0);

        g_assert_true (g_hash_table_contains (areas, &fid));
        n++;
      }
    g_assert_cmpuint (n, >, 0);
    g_assert_cmpuint (g_hash_table_size (areas), ==, n);
    g_clear_pointer (&stmt, sqlite3_finalize);
    stead_workspace_close (ws);
  }
  /* The fixture closes what it opened. */
  {
    const char *enabled[] = { "partners", "risks", NULL };
    g_autofree char *path = g_strdup (stead_workspace_get_path (f->ws));

    g_clear_object (&f->ws);
    g_settings_set_strv (f->settings, "enabled-plugins", enabled);
    f->ws = stead_workspace_open (path, f->engine, &error);
    g_assert_no_error (error);
  }
}

static void
test_hazards_geojson (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GFile) good = NULL;
  g_autoptr(GFile) bad = NULL;
  gint64 areas = stead_test_count (f->ws, "SELECT count(*) FROM area");

  risks_risk_add (f->ws, "HL12", "Fluvial flooding", NULL, 4, 4, FALSE, &error);
  g_assert_no_error (error);

  /* Feature 2 has an unclosed ring: reported by its index, nothing imported. */
  bad = stead_test_write_file (f->dir, "bad.geojson",
                    "{\"type\":\"FeatureCollection\",\"features\":["
                    "{\"type\":\"Feature\",\"properties\":{\"risk\":\"HL12\",\"name\":\"Zone "
                    "3\"},\"geometry\":{\"type\":\"Polygon\","
                    "\"coordinates\":[[[-2.2,51.9],[-2.1,51.9],[-2.1,52.0],[-2.2,51.9]]]}},"
                    "{\"type\":\"Feature\",\"properties\":{\"risk\":\"HL12\"},\"geometry\":{"
                    "\"type\":\"Polygon\","
                    "\"coordinates\":[[[-2.2,51.9],[-2.1,51.9],[-2.1,52.0],[-2.2,52.0]]]}}]}");
  g_assert_false (import (f, "risks-hazards-geojson", bad, FALSE, &result, &error));
  g_assert_nonnull (strstr (error->message, "feature 2"));
  g_clear_error (&error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM area"), ==, areas);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM risks_hazard"), ==, 0);

  /* A risk that does not exist is a reject too. */
  g_clear_object (&bad);
  g_clear_pointer (&result, stead_import_result_free);
  bad = stead_test_write_file (f->dir, "unknown.geojson",
                    "{\"type\":\"Feature\",\"properties\":{\"risk\":\"ZZ9\"},\"geometry\":{"
                    "\"type\":\"Polygon\","
                    "\"coordinates\":[[[-2.2,51.9],[-2.1,51.9],[-2.1,52.0],[-2.2,51.9]]]}}");
  g_assert_false (import (f, "risks-hazards-geojson", bad, FALSE, &result, &error));
  g_assert_nonnull (strstr (error->message, "ZZ9"));
  g_clear_error (&error);

  g_clear_pointer (&result, stead_import_result_free);
  good = stead_test_write_file (f->dir, "zones.geojson",
                     "{\"type\":\"FeatureCollection\",\"features\":["
                     "{\"type\":\"Feature\",\"properties\":{\"risk\":\"HL12\",\"name\":\"Flood "
                     "zone 3\"},\"geometry\":{\"type\":\"MultiPolygon\","
                     "\"coordinates\":[[[[-2.2,51.9],[-2.1,51.9],[-2.1,52.0],[-2.2,51.9]]]]}}]}");
  g_assert_true (import (f, "risks-hazards-geojson", good, FALSE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM risks_hazard h JOIN area a ON "
                                            "a.fid = "
                                            "h.area "
                                            "WHERE a.kind = 'hazard' AND a.name = 'Flood zone 3'"),
                   ==, 1);

  /* From a GeoPackage layer too: another workspace's hazard areas, named
   * by their codes (the risk references). */
  {
    g_autofree char *other_path = g_build_filename (f->dir, "zones.gpkg", NULL);
    g_autoptr(SteadWorkspace) other = stead_workspace_create (other_path, "Zones", NULL, &error);
    g_autoptr(SteadTransaction) txn = NULL;
    g_autoptr(GFile) gpkg = g_file_new_for_path (other_path);
    const SteadCoord ring[] = { { -2.3, 51.9 }, { -2.2, 51.9 }, { -2.2, 52.0 }, { -2.3, 51.9 } };
    g_autoptr(SteadGeometry) polygon = stead_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
    g_autoptr(SteadGeometry) multi = stead_geometry_new_multipolygon ();

    stead_geometry_add_polygon (multi, polygon);
    txn = stead_workspace_begin (other, "core", "Add", &error);
    g_assert_cmpint (stead_transaction_insert_area (txn, "hazard", "HL12", "Zone 2", multi, &error),
                     >, 0);
    g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));
    stead_workspace_close (other);

    g_clear_pointer (&result, stead_import_result_free);
    g_assert_true (import (f, "risks-hazards-gpkg", gpkg, FALSE, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM risks_hazard h JOIN area a ON "
                                              "a.fid = "
                                              "h.area WHERE a.name = 'Zone 2'"),
                     ==, 1);
    g_assert_true (stead_workspace_undo (f->ws, &error));
    g_assert_no_error (error);
  }

  /* Removing the risk takes its hazard areas off the map; undo restores them. */
  g_assert_true (risks_risk_delete (
    f->ws, stead_test_count (f->ws, "SELECT id FROM risks_risk WHERE reference = 'HL12'"), &error));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM area"), ==, areas);
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT count(*) FROM area WHERE name = 'Flood zone 3'"), ==, 1);
}

/* Cells a spreadsheet would run get a quote in front; scores stay numbers. */
static void
test_csv_formulas (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *csv = NULL;

  file = stead_test_write_file (f->dir, "formulas.csv",
                                "reference,title,likelihood,impact,hazard,controls\r\n"
                                "F1,=1+1,2,3,@SUM(A1),-see the plan\r\n");
  g_assert_true (import (f, "risks-csv", file, FALSE, &result, &error));
  g_assert_no_error (error);
  csv = export_csv (f, &error);
  g_assert_no_error (error);
  g_test_message ("%s", csv);
  g_assert_nonnull (strstr (csv, "\r\nF1,'=1+1,,2,3,"));
  g_assert_nonnull (strstr (csv, ",'@SUM(A1),"));
  g_assert_nonnull (strstr (csv, ",'-see the plan,"));
}

/* A damaged page of the register: the CSV and the PDF fail naming the
 * table, and leave no file. A damaged page of the index the register is
 * listed by: the PDF's counts (which read the table) are made, and the
 * register itself fails at the row the index's bytes say. */
static void
test_exports_meet_damage (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autofree char *source = g_strdup (stead_workspace_get_path (f->ws));
  g_autofree char *damaged = NULL;
  g_autofree char *damaged_index = NULL;
  g_autofree char *rwcs = g_strnfill (200, 'w');
  guint before, index_before;

  txn = stead_workspace_begin (f->ws, "risks", "Add risks", &error);
  g_assert_no_error (error);
  for (guint i = 1; i <= 1500; i++)
    {
      g_autofree char *reference = g_strdup_printf ("R%04u", i);

      /* References in id order: the register's order is the table's. */
      g_assert_cmpint (stead_transaction_run (txn, "INSERT INTO risks_risk (id, reference, title, "
                                                   "likelihood, impact, rwcs) "
                                                   "VALUES (?, ?, 'Risk', 2, 3, ?)",
                                              STEAD_ARGS (STEAD_INT (i), STEAD_TEXT (reference),
                                                          STEAD_TEXT (rwcs)), &error), >=, 0);
      g_assert_no_error (error);
    }
  g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));
  g_assert_no_error (error);
  stead_workspace_close (f->ws);

  damaged = stead_test_damaged_copy (source, "risks_risk", &before);
  /* The UNIQUE (reference) index, by SQLite's name for it. */
  damaged_index = stead_test_damaged_copy (source, "sqlite_autoindex_risks_risk_1", &index_before);
  ws = stead_workspace_open (damaged, f->engine, &error);
  g_assert_no_error (error);
  stead_test_assert_damaged (ws, stead_export_find_exporter (f->exporters, "risks-csv", NULL),
                             "risks_risk", before + 1);
  stead_test_assert_damaged (ws, stead_export_find_exporter (f->exporters, "risks-pdf", NULL),
                             "risks_risk", 0);
  stead_workspace_close (ws);
  g_clear_object (&ws);

  ws = stead_workspace_open (damaged_index, f->engine, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (index_before, >, 0);
  stead_test_assert_damaged (ws, stead_export_find_exporter (f->exporters, "risks-pdf", NULL),
                             "risks_risk", index_before + 1);
  stead_workspace_close (ws);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/risks/banding", Fixture, NULL, fixture_setup, test_banding, fixture_teardown);
  g_test_add ("/risks/band-asymmetric-cell", Fixture, NULL, fixture_setup,
              test_band_asymmetric_cell, fixture_teardown);
  g_test_add ("/risks/review-date-from-band", Fixture, NULL, fixture_setup,
              test_review_date_from_band, fixture_teardown);
  g_test_add ("/risks/rescore-records-history", Fixture, NULL, fixture_setup,
              test_rescore_records_history, fixture_teardown);
  g_test_add ("/risks/demo", Fixture, "demo", fixture_setup, test_demo, fixture_teardown);
  g_test_add ("/risks/placement-links-areas", Fixture, NULL, fixture_setup,
              test_placement_links_areas, fixture_teardown);
  g_test_add ("/risks/search", Fixture, "demo", fixture_setup, test_search, fixture_teardown);
  g_test_add ("/risks/csv-keeps-register-fields", Fixture, NULL, fixture_setup,
              test_csv_keeps_register_fields, fixture_teardown);
  g_test_add ("/risks/detect-every-format", Fixture, "demo", fixture_setup,
              test_detect_every_format, fixture_teardown);
  g_test_add ("/risks/csv-owners-become-partners", Fixture, NULL, fixture_setup,
              test_csv_owners_become_partners, fixture_teardown);
  g_test_add ("/risks/csv-owner-kept-without-partners", Fixture, "risks-only", fixture_setup,
              test_csv_owner_kept_without_partners, fixture_teardown);
  g_test_add ("/risks/csv-vocabulary-words", Fixture, NULL, fixture_setup,
              test_csv_vocabulary_words, fixture_teardown);
  g_test_add ("/risks/csv-round-trip", Fixture, NULL, fixture_setup, test_csv_round_trip,
              fixture_teardown);
  g_test_add ("/risks/pdf", Fixture, "demo", fixture_setup, test_pdf, fixture_teardown);
  g_test_add ("/risks/absent-plugin-off-map", Fixture, "demo", fixture_setup,
              test_absent_plugin_off_map, fixture_teardown);
  g_test_add ("/risks/pdf-publishable", Fixture, NULL, fixture_setup, test_pdf_publishable,
              fixture_teardown);
  g_test_add ("/risks/hazards-geojson", Fixture, NULL, fixture_setup, test_hazards_geojson,
              fixture_teardown);
  g_test_add ("/risks/csv-formulas", Fixture, NULL, fixture_setup, test_csv_formulas,
              fixture_teardown);
  g_test_add ("/risks/exports-meet-damage", Fixture, NULL, fixture_setup,
              test_exports_meet_damage, fixture_teardown);

  return g_test_run ();
}
