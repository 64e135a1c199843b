/* test-partners.c: the partners plugin, headless
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "stead-test-util.h"
#include "partners.h"

typedef struct
{
  char              *dir;
  GSettings         *settings;
  SteadPluginEngine *engine;
  SteadWorkspace    *ws;
  GPtrArray         *importers;
  GPtrArray         *exporters;
} Fixture;

static SteadWorkspace *
new_workspace (Fixture    *f,
               const char *name,
               gboolean    demo)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  SteadWorkspace *ws = stead_workspace_create (path, "Test", f->engine, &error);

  g_assert_no_error (error);
  if (demo)
    {
      g_assert_true (stead_demo_populate (ws, 50, 7, &error));
      g_assert_no_error (error);
    }
  return ws;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *enabled[] = { "partners", NULL };
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("stead-partners-XXXXXX", &error);
  g_assert_no_error (error);
  f->settings = g_settings_new (APP_ID);
  g_settings_set_strv (f->settings, "enabled-plugins", enabled);
  f->engine = stead_plugin_engine_new (f->settings);
  stead_plugin_engine_load_enabled (f->engine);
  f->ws = new_workspace (f, "ws.gpkg", data != NULL);
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

static char *
export_text (Fixture        *f,
             SteadWorkspace *ws,
             const char     *id,
             gboolean        personal,
             GError        **error)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  SteadExportOptions options = { .include_personal = personal };

  if (!stead_exporter_run (stead_export_find_exporter (f->exporters, id, NULL), ws, out, &options,
                           NULL, error))
    return NULL;
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

/* Equal texts, without printing megabytes when they are not. */
static void
assert_same_text (const char *a,
                  const char *b)
{
  gsize i = 0;

  while (a[i] != '\0' && a[i] == b[i])
    i++;
  if (a[i] != b[i])
    g_error ("the texts differ at byte %" G_GSIZE_FORMAT ": “%.80s” and “%.80s”", i, a + i, b + i);
}

static gboolean
import (Fixture            *f,
        SteadWorkspace     *ws,
        const char         *id,
        GFile              *file,
        SteadImportResult **result,
        GError            **error)
{
  SteadImportOptions options = { 0 };
  SteadImporter *importer = stead_import_find_importer (f->importers, id, NULL, NULL);

  g_assert_nonnull (importer);
  return stead_import_run (ws, importer, file, &options, NULL, NULL, NULL, result, error);
}

/* ------------------------------------------------------------------------ */

static void
test_crud_and_undo (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 id, contact;

  id = partners_organisation_add (f->ws, "Tewkesbury Lions", "voluntary", "contributing", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (stead_workspace_get_undo_label (f->ws), ==, "Add partner “Tewkesbury Lions”");

  g_assert_true (partners_organisation_set (f->ws, id, "tier", "instrumental", &error));
  g_assert_true (
    partners_organisation_set (f->ws, id, "website", "https://lions.example.org", &error));
  g_assert_no_error (error);

  /* Bad values are refused and change nothing. */
  g_assert_false (partners_organisation_set (f->ws, id, "type", "pirates", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (partners_organisation_set (f->ws, id, "tier", "gold", &error));
  g_clear_error (&error);
  g_assert_false (partners_organisation_set (f->ws, id, "name", "  ", &error));
  g_clear_error (&error);
  g_assert_false (partners_organisation_set (f->ws, id, "id; DROP TABLE x", "1", &error));
  g_clear_error (&error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation WHERE tier "
                                            "= "
                                            "'instrumental' "
                                            "AND website = 'https://lions.example.org'"),
                   ==, 1);

  contact = partners_contact_add (f->ws, id, "Pat Example", "Chair", "01632 960000", "07700 900000",
                                  "pat@lions.example.org", &error);
  g_assert_cmpint (contact, >, 0);
  /* The audit log and undo label keep personal data out. */
  g_assert_null (strstr (stead_workspace_get_undo_label (f->ws), "Pat"));
  g_assert_cmpint (partners_log_add (f->ws, id, "2026-11-01", "Met at the exercise", &error), >, 0);

  /* Each edit is one undo step. */
  g_assert_true (stead_workspace_undo (f->ws, &error));  /* log */
  g_assert_true (stead_workspace_undo (f->ws, &error));  /* contact */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_contact"), ==, 0);
  g_assert_true (stead_workspace_undo (f->ws, &error));  /* website */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation WHERE "
                                            "website IS NULL"),
                   ==, 1);
  g_assert_true (stead_workspace_redo (f->ws, &error));
  g_assert_true (stead_workspace_redo (f->ws, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_contact"), ==, 1);

  /* Removing takes everything of the partner; undo brings it all back. */
  g_assert_true (partners_organisation_delete (f->ws, id, &error));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation"), ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_contact"), ==, 0);
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_assert_no_error (error);
  name = partners_get_organisation_name (f->ws, id);
  g_assert_cmpstr (name, ==, "Tewkesbury Lions");
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_contact"), ==, 1);
}

/* Everything in the detail pane can be added, changed and removed, each
 * one undo step; sites and capabilities follow onto the map. */
static void
test_children (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const double position[] = { -2.16, 51.99 };
  const double bad_position[] = { -2.16, 151.99 };
  gint64 org, other, contact, site, capability, agreement, parties[2];

  org =
    partners_organisation_add (f->ws, "Vale Shelter Trust", "voluntary", "contributing", &error);
  other = partners_organisation_add (f->ws, "Vale Council", "category-1", "instrumental", &error);
  g_assert_no_error (error);

  contact = partners_contact_add (f->ws, org, "Sam", NULL, NULL, NULL, NULL, &error);
  g_assert_true (partners_contact_update (f->ws, contact, "Sam Example", "Warden", "01632 960444",
                                          NULL, NULL, &error));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_contact WHERE name = "
                                            "'Sam Example' "
                                            "AND role = 'Warden'"),
                   ==, 1);
  g_assert_false (partners_contact_update (f->ws, contact, "", NULL, NULL, NULL, NULL, &error));
  g_clear_error (&error);

  /* A site with no position and no known postcode is not on the map. */
  site = partners_site_add (f->ws, org, "Hall", "Rest centre", "1 Church St", "ZZ99 9ZZ", 80, NULL,
                            &error);
  g_assert_cmpint (site, >, 0);
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT count(*) FROM partners_site WHERE geom IS NULL"), ==, 1);
  g_assert_cmpint (
    partners_site_add (f->ws, org, "Nowhere", NULL, NULL, NULL, -1, bad_position, &error), ==, 0);
  g_clear_error (&error);

  capability =
    partners_capability_add (f->ws, org, site, "rest-centre", 80, "Evenings only", 2, &error);
  g_assert_cmpint (capability, >, 0);
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT count(*) FROM resource WHERE owner = 'partners'"), ==, 0);
  g_assert_cmpint (partners_capability_add (f->ws, org, site, "unicorns", 1, NULL, -1, &error), ==,
                   0);
  g_clear_error (&error);

  /* Given a position, the site's capability is a resource on the map. */
  g_assert_true (partners_site_update (f->ws, site, "Hall", "Rest centre", "1 Church St",
                                       "ZZ99 9ZZ", 80, position, &error));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM resource WHERE owner = "
                                            "'partners' AND kind "
                                            "= 'rest-centre' "
                                            "AND capacity = 80"),
                   ==, 1);
  g_assert_true (
    partners_capability_update (f->ws, capability, site, "rest-centre", 120, NULL, 2, &error));
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT capacity FROM resource WHERE owner = 'partners'"), ==, 120);
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT capacity FROM resource WHERE owner = 'partners'"), ==, 80);

  /* Agreements bind parties; dates are checked. */
  parties[0] = org;
  parties[1] = other;
  agreement = partners_agreement_save (f->ws, 0, "Rest centre MoU", "mou", "Use of the hall", NULL,
                                       "2025-01-01", "2026-12-01", "2028-01-01", "active",
                                       "https://docs.example.org/mou.pdf", -1, parties, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_agreement_party"), ==,
                   2);
  g_assert_cmpint (partners_agreement_save (f->ws, agreement, "Rest centre MoU", "mou", NULL, NULL,
                                            "01/01/2025", NULL, NULL, NULL, NULL, -1, parties, 2,
                                            &error),
                   ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpint (partners_agreement_save (f->ws, agreement, "Rest centre MoU", "handshake", NULL,
                                            NULL, NULL, NULL, NULL, NULL, NULL, -1, parties, 2,
                                            &error),
                   ==, 0);
  g_clear_error (&error);
  g_assert_cmpint (partners_agreement_save (f->ws, agreement, "Rest centre MoU (renewed)", "mou",
                                            NULL, NULL, NULL, NULL, "2030-01-01", "active", NULL,
                                            -1, parties, 1, &error),
                   ==, agreement);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_agreement_party"), ==,
                   1);
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_agreement_party"), ==,
                   2);
  g_assert_true (partners_agreement_delete (f->ws, agreement, &error));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_agreement"), ==, 0);

  /* Removing a site takes its resource off the map; the note goes too. */
  g_assert_true (partners_site_delete (f->ws, site, &error));
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT count(*) FROM resource WHERE owner = 'partners'"), ==, 0);
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT count(*) FROM partners_capability WHERE site IS NULL"), ==, 1);
  g_assert_true (partners_capability_delete (f->ws, capability, &error));
  g_assert_true (partners_contact_delete (f->ws, contact, &error));
  {
    gint64 note = partners_log_add (f->ws, org, NULL, "Called about winter cover", &error);

    g_assert_cmpint (note, >, 0);
    g_assert_true (partners_log_delete (f->ws, note, &error));
  }
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_log"), ==, 0);
}

static void
test_flags_by_date (void)
{
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 29, G_DATE_NOVEMBER, 2026);

  g_assert_cmpint (partners_agreement_flag (NULL, NULL, "active", &today), ==, PARTNERS_FLAG_NONE);
  g_assert_cmpint (partners_agreement_flag ("2027-06-01", "2028-01-01", "active", &today), ==,
                   PARTNERS_FLAG_NONE);
  /* Review within 30 days: due; the day itself still due; passed: overdue. */
  g_assert_cmpint (partners_agreement_flag ("2026-12-29", NULL, "active", &today), ==,
                   PARTNERS_FLAG_REVIEW_DUE);
  g_assert_cmpint (partners_agreement_flag ("2026-12-30", NULL, "active", &today), ==,
                   PARTNERS_FLAG_NONE);
  g_assert_cmpint (partners_agreement_flag ("2026-11-29", NULL, "active", &today), ==,
                   PARTNERS_FLAG_REVIEW_DUE);
  g_assert_cmpint (partners_agreement_flag ("2026-11-28", NULL, "active", &today), ==,
                   PARTNERS_FLAG_REVIEW_OVERDUE);
  /* Expiry passed outranks the review. */
  g_assert_cmpint (partners_agreement_flag ("2026-12-01", "2026-11-28", "active", &today), ==,
                   PARTNERS_FLAG_EXPIRED);
  g_assert_cmpint (partners_agreement_flag ("2026-12-01", "2026-11-29", "active", &today), ==,
                   PARTNERS_FLAG_REVIEW_DUE);
  /* Ended agreements need nothing. */
  g_assert_cmpint (partners_agreement_flag ("2020-01-01", "2020-01-01", "ended", &today), ==,
                   PARTNERS_FLAG_NONE);
}

static void
test_demo_and_search (Fixture       *f,
                      gconstpointer  data)
{
  /* About 40 organisations across the types, every type present. */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation"), >=, 35);
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT count(DISTINCT type) FROM partners_organisation"), ==,
    stead_test_count (f->ws, "SELECT count(*) FROM taxonomy WHERE vocabulary = "
                             "'partner-type'"));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation WHERE tier "
                                            "= 'instrumental'"),
                   >, 5);

  /* Flagged agreements are found by the search index. */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM stead_search WHERE owner = "
                                            "'partners' "
                                            "AND stead_search MATCH '\"Expired\"'"),
                   >, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM stead_search WHERE owner = "
                                            "'partners' "
                                            "AND stead_search MATCH '\"Review overdue\"'"),
                   >, 0);
  /* One entry for each organisation, and one for each of its sites. */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM stead_search WHERE owner = "
                                            "'partners' AND kind = 'organisation'"),
                   ==, stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation"));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM stead_search WHERE owner = "
                                            "'partners' AND kind = 'site'"),
                   ==, stead_test_count (f->ws, "SELECT count(*) FROM partners_site"));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM stead_search WHERE owner = "
                                            "'partners'"),
                   ==, stead_test_count (f->ws, "SELECT (SELECT count(*) FROM partners_site) + "
                                                "(SELECT count(*) FROM partners_organisation)"));
}

/* The search follows edits: a renamed organisation is found by its new
 * name only (its own entry redone), and an agreement that expires flags
 * the organisation it names (everything redone). */
static gint64
search_count (SteadWorkspace *ws,
              const char     *text,
              const char     *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = stead_workspace_search (ws, text, 50, &error);
  gint64 n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    n += g_strcmp0 (((SteadSearchHit *) hits->pdata[i])->title, title) == 0;
  return n;
}

static void
test_search_follows_edits (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = stead_test_count (f->ws, "SELECT id FROM partners_organisation WHERE name = "
                                       "'Tewkesbury Foodbank'");
  gint64 n = stead_test_count (f->ws, "SELECT count(*) FROM stead_search WHERE owner = 'partners'");
  gint64 parties[] = { id };
  g_autofree char *body = NULL;

  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (search_count (f->ws, "foodbank", "Tewkesbury Foodbank"), ==, 1);
  g_assert_true (partners_organisation_set (f->ws, id, "name", "Severn Larder", &error));
  g_assert_no_error (error);
  g_assert_cmpint (search_count (f->ws, "larder", "Severn Larder"), ==, 1);
  g_assert_cmpint (search_count (f->ws, "foodbank", "Tewkesbury Foodbank"), ==, 0);
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT count(*) FROM stead_search WHERE owner = 'partners'"), ==, n);

  g_assert_cmpint (partners_agreement_save (f->ws, 0, "Larder supply contract", "contract", NULL,
                                            NULL, "2020-01-01", NULL, "2021-01-01", "active", NULL,
                                            -1, parties, 1, &error),
                   >, 0);
  g_assert_no_error (error);
  body =
    stead_test_text (f->ws, "SELECT body FROM stead_search WHERE owner = 'partners' "
                            "AND kind = 'organisation' AND ref = "
                            "(SELECT id FROM partners_organisation WHERE name = 'Severn Larder')");
  g_assert_nonnull (strstr (body, "Larder supply contract"));
  g_assert_nonnull (strstr (body, "Expired"));
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_clear_pointer (&body, g_free);
  body =
    stead_test_text (f->ws, "SELECT body FROM stead_search WHERE owner = 'partners' "
                            "AND kind = 'organisation' AND ref = "
                            "(SELECT id FROM partners_organisation WHERE name = 'Severn Larder')");
  g_assert_null (strstr (body, "Larder supply contract"));
}

/* Sites with capabilities are resources on the map, kept in step. */
static void
test_sites_on_map (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 published =
    stead_test_count (f->ws, "SELECT count(*) FROM partners_capability c JOIN partners_site "
                             "s ON s.fid = c.site "
                             "WHERE s.geom IS NOT NULL");
  gint64 org;

  g_assert_cmpint (published, >, 10);
  /* Each demo site is where its real postcode is, in the demo's directory. */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_site s "
                                            "JOIN stead_postcode p "
                                            "ON p.postcode = replace (s.postcode, ' ', '') "
                                            "WHERE ST_MinX (s.geom) = p.lon "
                                            "AND ST_MinY (s.geom) = p.lat"),
                   ==, stead_workspace_count_rows (f->ws, "partners_site"));
  g_assert_cmpint (stead_workspace_count_rows (f->ws, "partners_site"), ==, 22);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM resource WHERE owner = "
                                            "'partners'"),
                   ==, published);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM resource r JOIN partners_site s "
                                            "ON s.fid = "
                                            "r.owner_ref "
                                            "WHERE r.owner = 'partners' AND r.geom = s.geom"),
                   ==, published);

  /* Removing a partner takes its resources off the map; undo puts them back. */
  org = stead_test_count (f->ws, "SELECT c.organisation FROM partners_capability c JOIN "
                                 "partners_site s ON "
                                 "s.fid = c.site "
                                 "WHERE s.geom IS NOT NULL LIMIT 1");
  g_assert_true (partners_organisation_delete (f->ws, org, &error));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM resource WHERE owner = "
                                            "'partners'"),
                   <, published);
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM resource WHERE owner = "
                                            "'partners'"),
                   ==, published);

  /* A renamed partner's resources carry the new name. */
  g_assert_true (partners_organisation_set (f->ws, org, "name", "Renamed Partner", &error));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM resource WHERE owner = "
                                            "'partners' AND title "
                                            "LIKE 'Renamed Partner: %'"),
                   >, 0);
}

/* Import, export, import again: the same data. */
static void
test_oruk_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SteadWorkspace) other = new_workspace (f, "other.gpkg", FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *first = export_text (f, f->ws, "partners-oruk", TRUE, &error);
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  gint64 orgs = stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation");

  g_assert_no_error (error);
  file = stead_test_write_file (f->dir, "partners.json", first);
  g_assert_true (import (f, other, "partners-oruk", file, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, orgs);

  second = export_text (f, other, "partners-oruk", TRUE, &error);
  assert_same_text (first, second);
  g_assert_cmpint (stead_test_count (other, "SELECT count(*) FROM partners_contact"), ==,
                   stead_test_count (f->ws, "SELECT count(*) FROM partners_contact"));
  g_assert_cmpint (
    stead_test_count (other, "SELECT count(*) FROM resource WHERE owner = 'partners'"), ==,
    stead_test_count (f->ws, "SELECT count(*) FROM resource WHERE owner = 'partners'"));

  /* Again into the same workspace: every record matched by identifier. */
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_true (import (f, other, "partners-oruk", file, &result, &error));
  g_assert_cmpuint (result->added, ==, 0);
  g_assert_cmpuint (result->updated, ==, orgs);
  third = export_text (f, other, "partners-oruk", TRUE, &error);
  assert_same_text (first, third);

  /* Without personal data, no contacts leave the workspace. */
  {
    g_autofree char *redacted = export_text (f, f->ws, "partners-oruk", FALSE, &error);
    g_autoptr(sqlite3_stmt) stmt =
      stead_workspace_prepare (f->ws, "SELECT email FROM partners_contact LIMIT 1", NULL);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_null (strstr (redacted, (const char *) sqlite3_column_text (stmt, 0)));
    g_assert_nonnull (strstr (first, (const char *) sqlite3_column_text (stmt, 0)));
  }
  stead_workspace_close (other);
}

#define ORUK_GOOD                                                                                  \
  "{\"id\":\"a1\",\"name\":\"Vale Foodbank\",\"description\":\"Food "                              \
  "parcels\",\"email\":\"info@vale.example.org\","                                                 \
  "\"year_incorporated\":2012,\"organization_identifiers\":[{\"identifier_scheme\":\"GB-CHC\","    \
  "\"identifier\":\"1234567\"}],"                                                                  \
  "\"phones\":[{\"number\":\"01632 960111\"}],"                                                    \
  "\"locations\":[{\"id\":\"l1\",\"name\":\"Warehouse\",\"latitude\":51.99,\"longitude\":-2.15,"   \
  "\"addresses\":[{\"address_1\":\"1 Quay St\",\"city\":\"Tewkesbury\",\"postal_code\":\"GL20 "    \
  "5BH\"}]}],"                                                                                     \
  "\"services\":[{\"id\":\"s1\",\"name\":\"Emergency food\",\"description\":\"Parcels within a "   \
  "day\"}]}"

/* A contact or location with nothing to call it by gets a plain name,
 * never a made-up one. */
static void
test_oruk_unnamed_parts (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *site = NULL;

  file = stead_test_write_file (f->dir, "unnamed.json",
                                "[{\"id\":\"u1\",\"name\":\"Quiet Group\","
                                "\"contacts\":[{\"email\":\"hello@quiet.example.org\"}],"
                                "\"locations\":[{\"latitude\":51.99,\"longitude\":-2.15}]}]");
  g_assert_true (import (f, f->ws, "partners-oruk", file, &result, &error));
  g_assert_no_error (error);
  contact =
    stead_test_text (f->ws, "SELECT c.name FROM partners_contact c JOIN partners_organisation o "
                            "ON o.id = c.organisation WHERE o.name = 'Quiet Group'");
  site = stead_test_text (f->ws, "SELECT s.name FROM partners_site s JOIN partners_organisation o "
                                 "ON o.id = s.organisation WHERE o.name = 'Quiet Group'");
  g_assert_cmpstr (contact, ==, "Contact");
  g_assert_cmpstr (site, ==, "Site");
}

static void
test_oruk_bad_record (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) bad = NULL;
  g_autoptr(GFile) good = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  gint64 before = stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation");

  /* The second of three has no name: nothing is imported, and the error
   * names that record. */
  bad = stead_test_write_file (f->dir, "bad.json", "{\"organizations\":[" ORUK_GOOD ","
                                   "{\"id\":\"b2\",\"description\":\"nameless\"},"
                                   "{\"id\":\"c3\",\"name\":\"Third\"}]}");
  g_assert_false (import (f, f->ws, "partners-oruk", bad, &result, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "organization 2"));
  g_assert_nonnull (strstr (error->message, "b2"));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation"), ==,
                   before);
  g_clear_error (&error);
  g_clear_object (&bad);

  /* Not JSON; not ORUK. */
  bad = stead_test_write_file (f->dir, "trunc.json", "{\"organizations\":[{\"name\":");
  g_assert_false (import (f, f->ws, "partners-oruk", bad, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&bad);
  bad = stead_test_write_file (f->dir, "other.json",
                               "{\"type\":\"FeatureCollection\",\"features\":[]}");
  g_assert_false (import (f, f->ws, "partners-oruk", bad, NULL, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation"), ==,
                   before);

  /* A good one: charity number, site, switchboard; the members Stead has
   * no column for are kept in extra, the service as a service. */
  good = stead_test_write_file (f->dir, "good.json", "[" ORUK_GOOD "]");
  g_assert_true (import (f, f->ws, "partners-oruk", good, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (
    stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation WHERE source_id = 'a1' "
                  "AND charity_number = '1234567' AND notes IS NULL "
                  "AND json_extract (extra, '$.email') = 'info@vale.example.org' "
                  "AND json_extract (extra, '$.year_incorporated') = 2012"),
    ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_service v "
                                            "JOIN partners_organisation o ON o.id = v.organisation "
                                            "WHERE o.source_id = 'a1' AND v.source_id = 's1' "
                                            "AND v.name = 'Emergency food' "
                                            "AND v.description = 'Parcels within a day'"),
                   ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_site WHERE postcode = "
                                            "'GL20 5BH' "
                                            "AND geom IS NOT NULL "
                                            "AND address = '1 Quay St, Tewkesbury'"),
                   ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_contact WHERE phone = "
                                            "'01632 960111'"),
                   ==, 1);

  /* What ORUK v1 APIs serve: a page of services, {"content": […]}, each
   * with its organization; a bare array of services; one service. The
   * organizations come in, not the services as organizations. */
  {
    static const char *shapes[] = {
      "{\"totalElements\":2,\"content\":[%s,%s]}",
      "[%s,%s]",
      "%s",
    };

    for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
      {
        g_autofree char *org =
          g_strdup_printf ("{\"id\":\"svc-org-%u\",\"name\":\"Service Org %u\"}", i, i);
        g_autofree char *service1 = g_strdup_printf (
          "{\"id\":\"s%u-1\",\"name\":\"Lunch club\",\"organization\":%s}", i, org);
        g_autofree char *service2 = g_strdup_printf (
          "{\"id\":\"s%u-2\",\"name\":\"Befriending\",\"organization\":%s}", i, org);
        g_autofree char *text = g_strdup_printf (shapes[i], service1, service2);
        g_autofree char *name = g_strdup_printf ("services-%u.json", i);
        g_autofree char *org_name = g_strdup_printf ("Service Org %u", i);
        g_autoptr(GFile) services = stead_test_write_file (f->dir, name, text);
        g_autoptr(sqlite3_stmt) stmt = NULL;

        g_clear_pointer (&result, stead_import_result_free);
        g_assert_true (import (f, f->ws, "partners-oruk", services, &result, &error));
        g_assert_no_error (error);
        stmt = stead_workspace_prepare (
          f->ws, "SELECT count(*) FROM partners_organisation WHERE name = ?", NULL);
        sqlite3_bind_text (stmt, 1, org_name, -1, SQLITE_STATIC);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
        g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation "
                                                  "WHERE name IN "
                                                  "('Lunch club', 'Befriending')"),
                         ==, 0);
      }
  }
}

static char *
data_text (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "oruk", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* The HSDS examples put their location at latitude 100, longitude 101,
 * which is nowhere: move it to Tewkesbury. */
static char *
in_tewkesbury (const char *text)
{
  g_autoptr(GString) s = g_string_new (text);

  g_assert_cmpuint (g_string_replace (s, "\"latitude\": 100,", "\"latitude\": 51.9925,", 0), >,
                    0);
  g_assert_cmpuint (g_string_replace (s, "\"longitude\": 101,", "\"longitude\": -2.1594,", 0), >,
                    0);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Every string and number of a JSON document: the oracle for "nothing
 * the file says is dropped". */
static GHashTable *
json_text_leaves (const char *text)
{
  GHashTable *leaves = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonNode) root = json_from_string (text, NULL);

  g_assert_nonnull (root);
  stead_test_json_leaves (root, leaves);
  return leaves;
}

/* An HSDS 3.0 organisation with its location, contact and service: read,
 * exported and read again, every value it holds is still there, and the
 * second export is the first. */
static void
test_oruk_keeps_every_member (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(SteadWorkspace) other = new_workspace (f, "other.gpkg", FALSE);
  g_autofree char *raw = data_text ("hsds-organization-full-excerpt.json");
  g_autofree char *text = in_tewkesbury (raw);
  g_autoptr(GFile) file = stead_test_write_file (f->dir, "org.json", text);
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GHashTable) input = json_text_leaves (text);
  g_autoptr(GHashTable) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GFile) exported = NULL;
  GHashTableIter iter;
  const char *leaf;

  g_assert_true (import (f, f->ws, "partners-oruk", file, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_service WHERE "
                                            "name = 'Community Counselling' AND status = 'active' "
                                            "AND url = 'http://example.com/counselling' AND "
                                            "json_extract (extra, '$.minimum_age') = 12"),
                   ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_site WHERE "
                                            "address = '1-30 Main Street, MyVillage, MyCity' AND "
                                            "postcode = 'ABC 1234' AND json_extract (extra, "
                                            "'$.addresses[0].state_province') = 'MyState'"),
                   ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation WHERE "
                                            "company_number = '1234567' AND "
                                            "json_extract (extra, '$.legal_status') = "
                                            "'Limited Company'"),
                   ==, 1);

  first = export_text (f, f->ws, "partners-oruk", TRUE, &error);
  g_assert_no_error (error);
  output = json_text_leaves (first);
  g_hash_table_iter_init (&iter, input);
  while (g_hash_table_iter_next (&iter, (gpointer *) &leaf, NULL))
    if (!g_hash_table_contains (output, leaf))
      g_error ("%s is in the file but not in its export", leaf);

  exported = stead_test_write_file (f->dir, "exported.json", first);
  g_assert_true (import (f, other, "partners-oruk", exported, NULL, &error));
  g_assert_no_error (error);
  second = export_text (f, other, "partners-oruk", TRUE, &error);
  assert_same_text (first, second);
  stead_workspace_close (other);
}

/* A service, and a service at its location, bring their organisation,
 * the service and the site; the examples' own location (at latitude 100)
 * is refused naming the record. */
static void
test_oruk_services (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *service = data_text ("hsds-service-simple.json");
  g_autofree char *at = data_text ("hsds-service-at-location-simple.json");
  g_autofree char *moved = in_tewkesbury (at);
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation");

  file = stead_test_write_file (f->dir, "at.json", at);
  g_assert_false (import (f, f->ws, "partners-oruk", file, &result, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "record 1: organization 1 (Example Organization Inc."));
  g_assert_nonnull (strstr (error->message, "out of range"));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation"), ==,
                   before);
  g_clear_error (&error);
  g_clear_object (&file);

  file = stead_test_write_file (f->dir, "service.json", service);
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_true (import (f, f->ws, "partners-oruk", file, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation WHERE "
                                            "name = 'Example Organization Inc.' AND source_id = "
                                            "'d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610'"),
                   ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation "
                                            "WHERE name = 'Community Counselling'"),
                   ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_service WHERE "
                                            "name = 'Community Counselling' AND site IS NULL AND "
                                            "json_extract (extra, '$.program.name') = "
                                            "'Community Mental Health Support'"),
                   ==, 1);
  g_clear_object (&file);

  /* The same organisation again, now with the service at its location. */
  file = stead_test_write_file (f->dir, "moved.json", moved);
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_true (import (f, f->ws, "partners-oruk", file, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->updated, ==, 1);
  g_assert_cmpuint (result->added, ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_service v JOIN "
                                            "partners_site s ON s.fid = v.site WHERE "
                                            "s.name = 'MyCity Civic Center' AND "
                                            "s.source_id = '3a19ff88-4620-4d17-9830-ac1d859eb5d5' "
                                            "AND json_extract (v.extra, "
                                            "'$.service_at_locations[0].id') = "
                                            "'e94c9f38-1e8f-4564-91d4-d53501ab1765'"),
                   ==, 1);
}

/* What is not an organisation, service or location is refused by record,
 * whatever its "name". */
static void
test_oruk_refuses_other_shapes (Fixture       *f,
                                gconstpointer  data)
{
  static const struct { const char *text; const char *says; } cases[] = {
    { NULL, "record 1 is a taxonomy term, not an organization" },
    { NULL, "record 1 is a location (“MyCity Civic Center”) of no organization" },
    { "[{\"id\":\"o1\",\"name\":\"Org\"},{\"type\":\"Feature\",\"name\":\"x\","
      "\"geometry\":null},{\"name\":\"x\",\"version\":\"1.0\"}]",
      "record 2 is GeoJSON, not an organization" },
    { "{\"type\":\"FeatureCollection\",\"name\":\"wards\",\"features\":[]}",
      "the file is GeoJSON" },
  };
  gint64 before = stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cases[i].text ? g_strdup (cases[i].text)
                              : data_text (i == 0 ? "hsds-taxonomy-term-list.json"
                                                  : "hsds-location.json");
      g_autoptr(GFile) file = stead_test_write_file (f->dir, "other.json", text);
      g_autoptr(GError) error = NULL;

      g_assert_false (import (f, f->ws, "partners-oruk", file, NULL, &error));
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].says));
      g_assert_null (strstr (error->message, "line"));
      g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation"), ==,
                       before);
    }
}

/* JSON nested 100,000 deep overflowed the stack; now it is refused. */
static void
test_oruk_deep (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *deep = g_strnfill (100000, '[');
  g_autoptr(GFile) file = stead_test_write_file (f->dir, "deep.json", deep);
  g_autoptr(GError) error = NULL;

  g_assert_false (import (f, f->ws, "partners-oruk", file, NULL, &error));
  g_assert_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "nested more than 512"));
}

static void
test_csv_and_vcard (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autofree char *vcard = NULL;
  g_autofree char *csv = NULL;
  gint64 id;

  file = stead_test_write_file (f->dir, "partners.csv",
                     "Organisation,Type,Tier,Contact,Telephone,24/7,Email,Site,Postcode\r\n"
                     "Vale Scouts,Voluntary and community sector,occasional,Jo Bloggs,01632 "
                     "960222,,jo@scouts.example.org,Scout Hut,GL20 5AA\r\n"
                     "Vale Mosque,faith,contributing,,,,,,\r\n");
  g_assert_true (import (f, f->ws, "partners-csv", file, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 2);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation WHERE name "
                                            "= 'Vale "
                                            "Scouts' AND type = 'voluntary'"),
                   ==, 1);

  /* The same name and postcode: an update, not a second Vale Scouts. */
  g_clear_pointer (&result, stead_import_result_free);
  g_clear_object (&file);
  file =
    stead_test_write_file (f->dir, "again.csv",
                "name,tier,postcode,site_name\r\nvale scouts,contributing,gl20 5aa,Scout Hut\r\n");
  g_assert_true (import (f, f->ws, "partners-csv", file, &result, &error));
  g_assert_cmpuint (result->updated, ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation WHERE name "
                                            "LIKE 'vale "
                                            "scouts'"),
                   ==, 1);

  /* A row with a tier that does not exist: rejected with its line. */
  g_clear_pointer (&result, stead_import_result_free);
  g_clear_object (&file);
  file = stead_test_write_file (f->dir, "bad.csv", "name,tier\r\nA,contributing\r\nB,gold\r\n");
  g_assert_false (import (f, f->ws, "partners-csv", file, &result, &error));
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_clear_error (&error);

  /* vCards only when personal data is asked for. */
  g_assert_null (export_text (f, f->ws, "partners-vcard", FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  id = stead_test_count (f->ws, "SELECT id FROM partners_organisation WHERE name = 'Vale Mosque'");
  partners_contact_add (f->ws, id,
                        "Dr Amira Example-Longname, Emergency Planning Coordinator; Deputy", "Imam",
                        "01632 960333", "07700 900333", "amira@mosque.example.org", &error);
  vcard = export_text (f, f->ws, "partners-vcard", TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (vcard, "BEGIN:VCARD\r\nVERSION:4.0\r\n"));
  g_assert_nonnull (strstr (vcard, "FN:Dr Amira Example-Longname\\, Emergency Planning "
                                   "Coordinator\\; Deputy"));
  g_assert_nonnull (strstr (vcard, "EMAIL;TYPE=work:amira@mosque.example.org\r\n"));
  {
    g_auto(GStrv) lines = g_strsplit (vcard, "\r\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
  }

  /* With an HXL row, the CSV reads back by its tags whatever the header says. */
  {
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
    g_autoptr(GHashTable) opts = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(SteadWorkspace) other = new_workspace (f, "hxl.gpkg", FALSE);
    g_autoptr(SteadImportResult) back = NULL;
    g_autoptr(GFile) hxl_file = NULL;
    g_autofree char *text = NULL;
    SteadExportOptions options = { .include_personal = TRUE, .options = opts };

    g_hash_table_insert (opts, "hxl", "yes");
    g_assert_true (
      stead_exporter_run (stead_export_find_exporter (f->exporters, "partners-csv", NULL), f->ws,
                          out, &options, NULL, &error));
    g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
    g_output_stream_close (out, NULL, NULL);
    text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
    g_assert_nonnull (strstr (text, "\r\n#org +id,#org +name,"));
    hxl_file = stead_test_write_file (f->dir, "hxl.csv", text);
    g_assert_true (import (f, other, "partners-csv", hxl_file, &back, &error));
    g_assert_no_error (error);
    g_assert_cmpint (stead_test_count (other, "SELECT count(*) FROM partners_organisation"), ==,
                     stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation"));
    stead_workspace_close (other);
  }

  /* CSV export leaves contact details out unless asked. */
  csv = export_text (f, f->ws, "partners-csv", FALSE, &error);
  g_assert_null (strstr (csv, "amira@"));
  g_assert_null (strstr (csv, "contact_name"));
  g_assert_nonnull (strstr (csv, "Vale Mosque"));
}

/* Columns a partners CSV has and Stead does not are kept with the
 * organisation (as personal data: nobody said what they hold). */
static void
test_csv_keeps_unmapped_columns (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autofree char *extra = NULL;

  file = stead_test_write_file (f->dir, "partners.csv",
                                "Ref,Organisation,Tier,Ward,Minibus seats\r\n"
                                "P1,Vale Scouts,occasional,Tewkesbury East,16\r\n"
                                "P2,Vale Mosque,contributing,,\r\n");
  g_assert_true (import (f, f->ws, "partners-csv", file, &result, &error));
  g_assert_no_error (error);
  extra = stead_test_text (f->ws, "SELECT json_extract (extra, '$.Ward') || '|' || "
                                  "json_extract (extra, '$.\"Minibus seats\"') "
                                  "FROM partners_organisation WHERE name = 'Vale Scouts'");
  g_assert_cmpstr (extra, ==, "Tewkesbury East|16");
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation "
                                            "WHERE name = 'Vale Mosque' AND extra IS NULL"),
                   ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM stead_personal_data WHERE "
                                            "table_name = 'partners_organisation' AND "
                                            "column_name = 'extra'"),
                   ==, 1);

  /* Updated from a newer file: what it says wins, what it lacks stays. */
  g_clear_object (&file);
  g_clear_pointer (&result, stead_import_result_free);
  g_clear_pointer (&extra, g_free);
  file = stead_test_write_file (f->dir, "newer.csv",
                                "ref,name,Minibus seats\r\nP1,Vale Scouts,12\r\n");
  g_assert_true (import (f, f->ws, "partners-csv", file, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->updated, ==, 1);
  extra = stead_test_text (f->ws, "SELECT extra FROM partners_organisation "
                                  "WHERE name = 'Vale Scouts'");
  g_assert_cmpstr (extra, ==, "{\"Ward\":\"Tewkesbury East\",\"Minibus seats\":\"12\"}");
}

/* ------------------------------------------------------------------------ */
/* Exports: personal data left out column by column, formulas escaped, a
 * damaged page an error. */

/* What the workspace file itself says, read with SQLite beside the
 * workspace's own connection: the first column of every row of @sql. */
static GPtrArray *
raw_column (SteadWorkspace *ws,
            const char     *sql)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (stead_workspace_get_path (ws), &db, SQLITE_OPEN_READONLY,
                                    NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (values, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_ptr_array_add (values, NULL);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return values;
}

/* The cells of the first line of @csv. */
static GStrv
csv_header (const char *csv)
{
  g_autofree char *line = g_strndup (csv, strcspn (csv, "\r\n"));

  return g_strsplit (line, ",", -1);
}

/* Each of the four personal columns of a contact, from this list and not
 * from the plugin's registry, stays out of the CSV and ORUK exports
 * unless asked for, and is there when asked for (in the vCards too). */
static void
test_personal_columns (Fixture       *f,
                       gconstpointer  data)
{
  static const struct
  {
    const char *column;   /* in partners_contact */
    const char *header;   /* in the CSV */
    const char *value;
  } personal[] = {
    { "name", "contact_name", "Nadia Contactname" },
    { "phone", "phone", "01632 960111" },
    { "phone_24h", "phone_24h", "07700 900222" },
    { "email", "email", "nadia@mosque.example.org" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) registered = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *csv_personal = NULL;
  g_autofree char *oruk = NULL;
  g_autofree char *oruk_personal = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *vcard = NULL;
  g_autoptr(GRegex) unfold = g_regex_new ("\r\n ", 0, 0, NULL);
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) header_personal = NULL;
  gint64 org;

  org = partners_organisation_add (f->ws, "Vale Mosque", "faith", "contributing", &error);
  g_assert_no_error (error);
  partners_contact_add (f->ws, org, personal[0].value, "Imam", personal[1].value,
                        personal[2].value, personal[3].value, &error);
  g_assert_no_error (error);

  registered = raw_column (f->ws, "SELECT column_name FROM stead_personal_data "
                                  "WHERE table_name = 'partners_contact'");
  csv = export_text (f, f->ws, "partners-csv", FALSE, &error);
  g_assert_no_error (error);
  csv_personal = export_text (f, f->ws, "partners-csv", TRUE, &error);
  g_assert_no_error (error);
  oruk = export_text (f, f->ws, "partners-oruk", FALSE, &error);
  g_assert_no_error (error);
  oruk_personal = export_text (f, f->ws, "partners-oruk", TRUE, &error);
  g_assert_no_error (error);
  folded = export_text (f, f->ws, "partners-vcard", TRUE, &error);
  g_assert_no_error (error);
  /* Long lines are folded (RFC 6350 3.2): a line break and a space. */
  vcard = g_regex_replace_literal (unfold, folded, -1, 0, "", 0, &error);
  g_assert_no_error (error);
  header = csv_header (csv);
  header_personal = csv_header (csv_personal);

  /* The row is there either way, with what is not personal. */
  g_assert_nonnull (strstr (csv, "Vale Mosque"));
  g_assert_nonnull (strstr (csv, "Imam"));
  g_assert_nonnull (strstr (oruk, "Vale Mosque"));

  for (guint i = 0; i < G_N_ELEMENTS (personal); i++)
    {
      g_test_message ("partners_contact.%s", personal[i].column);
      /* Registered, for redaction elsewhere and retention. */
      g_assert_true (g_strv_contains ((const char * const *) registered->pdata,
                                      personal[i].column));
      g_assert_false (g_strv_contains ((const char * const *) header, personal[i].header));
      g_assert_true (g_strv_contains ((const char * const *) header_personal, personal[i].header));

      g_assert_null (strstr (csv, personal[i].value));
      g_assert_nonnull (strstr (csv_personal, personal[i].value));
      g_assert_null (strstr (oruk, personal[i].value));
      g_assert_nonnull (strstr (oruk_personal, personal[i].value));
      g_assert_nonnull (strstr (vcard, personal[i].value));
    }
}

/* Cells a spreadsheet would run get a quote in front; coordinates and
 * other numbers are left as they are. */
static void
test_csv_formulas (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autofree char *csv = NULL;

  file = stead_test_write_file (f->dir, "formulas.csv",
                                "name,notes,description,contact_name,phone,site_name,latitude,"
                                "longitude\r\n"
                                "\"=cmd|' /C calc'!A0\",@SUM(1+1),-2.15,Jo,+44 1632 960000,Hall,"
                                "51.99,-2.15\r\n");
  g_assert_true (import (f, f->ws, "partners-csv", file, &result, &error));
  g_assert_no_error (error);
  csv = export_text (f, f->ws, "partners-csv", TRUE, &error);
  g_assert_no_error (error);
  g_test_message ("%s", csv);
  g_assert_nonnull (strstr (csv, ",'=cmd|' /C calc'!A0,"));
  g_assert_nonnull (strstr (csv, ",-2.15,"));
  g_assert_nonnull (strstr (csv, ",'@SUM(1+1),"));
  g_assert_nonnull (strstr (csv, ",'+44 1632 960000,"));
  g_assert_nonnull (strstr (csv, ",51.990000,-2.150000\r\n"));
}

/* Opens the damaged copy @path; the export in @format (the report if
 * %NULL) fails naming @table and @row. */
static void
assert_export_fails (Fixture    *f,
                     const char *path,
                     const char *format,
                     const char *table,
                     guint       row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadWorkspace) ws = stead_workspace_open (path, f->engine, &error);

  g_assert_no_error (error);
  stead_test_assert_damaged (ws, format != NULL ? stead_export_find_exporter (f->exporters, format,
                                                                              NULL)
                                                : NULL,
                             table, row);
  stead_workspace_close (ws);
}

static void
test_exports_meet_damage (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = g_strdup (stead_workspace_get_path (f->ws));
  g_autofree char *orgs = NULL;
  g_autofree char *contacts = NULL;
  g_autofree char *agreements = NULL;
  g_autoptr(SteadTransaction) txn = NULL;
  guint orgs_before, contacts_before, agreements_before;

  /* Enough rows for tables of many pages: a root with leaves under it. */
  txn = stead_workspace_begin (f->ws, "partners", "Add partners", &error);
  g_assert_no_error (error);
  for (guint i = 1; i <= 1500; i++)
    {
      g_autofree char *name = g_strdup_printf ("Partner %04u", i);
      g_autofree char *notes = g_strnfill (200, 'n');

      g_assert_cmpint (stead_transaction_run (txn, "INSERT INTO partners_organisation "
                                                   "(id, name, notes) VALUES (?, ?, ?)",
                                              STEAD_ARGS (STEAD_INT (i), STEAD_TEXT (name),
                                                          STEAD_TEXT (notes)), &error), >=, 0);
      g_assert_cmpint (stead_transaction_run (txn, "INSERT INTO partners_contact "
                                                   "(organisation, name, role) VALUES (?, ?, ?)",
                                              STEAD_ARGS (STEAD_INT (i), STEAD_TEXT (name),
                                                          STEAD_TEXT (notes)), &error), >=, 0);
      g_assert_cmpint (stead_transaction_run (txn, "INSERT INTO partners_agreement "
                                                   "(title, kind, scope, review) "
                                                   "VALUES (?, 'mou', ?, '2000-01-01')",
                                              STEAD_ARGS (STEAD_TEXT (name), STEAD_TEXT (notes)),
                                              &error), >=, 0);
      g_assert_no_error (error);
    }
  g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));
  g_assert_no_error (error);
  stead_workspace_close (f->ws);

  orgs = stead_test_damaged_copy (source, "partners_organisation", &orgs_before);
  contacts = stead_test_damaged_copy (source, "partners_contact", &contacts_before);
  agreements = stead_test_damaged_copy (source, "partners_agreement", &agreements_before);
  g_assert_cmpuint (orgs_before, >, 0);

  /* By id: the row reached is the oracle's. */
  assert_export_fails (f, orgs, "partners-csv", "partners_organisation", orgs_before + 1);
  assert_export_fails (f, orgs, "partners-oruk", "partners_organisation", orgs_before + 1);
  assert_export_fails (f, orgs, NULL, "partners_organisation", 0);
  /* Sorted by name: SQLite meets the page before the first row. */
  assert_export_fails (f, contacts, "partners-vcard", "partners_contact", 0);
  assert_export_fails (f, agreements, NULL, "partners_agreement", 0);
}

/* An organisation with three sites (and two contacts) goes out as a row
 * each and comes back as one organisation with all three, here and in
 * another workspace; imported again, it is updated, not added. */
static void
test_csv_every_site_round_trip (Fixture       *f,
                                gconstpointer  data)
{
  static const char * const sites[] = { "Depot", "Town Hall", "Leisure Centre" };
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(SteadWorkspace) other = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *edited = NULL;
  gint64 org;

  txn = stead_workspace_begin (f->ws, "partners", "Add a partner", &error);
  g_assert_no_error (error);
  org = stead_transaction_run (txn, "INSERT INTO partners_organisation (name, type, tier) "
                                    "VALUES ('Vale Council', 'category-1', 'instrumental')",
                               NULL, 0, &error);
  g_assert_cmpint (org, >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (sites); i++)
    g_assert_cmpint (stead_transaction_run (
                       txn, "INSERT INTO partners_site (organisation, name, postcode, geom) "
                            "VALUES (?, ?, 'GL20 5AA', NULL)",
                       STEAD_ARGS (STEAD_INT (org), STEAD_STRING (sites[i])), &error), >, 0);
  g_assert_cmpint (stead_transaction_run (txn, "INSERT INTO partners_contact (organisation, name, "
                                               "role) VALUES (?, 'Duty officer', 'Lead')",
                                          STEAD_ARGS (STEAD_INT (org)), &error), >, 0);
  g_assert_cmpint (stead_transaction_run (txn, "INSERT INTO partners_contact (organisation, name, "
                                               "role) VALUES (?, 'Deputy', 'Backup')",
                                          STEAD_ARGS (STEAD_INT (org)), &error), >, 0);
  g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));
  g_assert_no_error (error);

  csv = export_text (f, f->ws, "partners-csv", TRUE, &error);
  g_assert_no_error (error);
  g_test_message ("%s", csv);
  /* A row for each site, the organisation repeated: 1 header + 3. */
  {
    g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 5);   /* and "" after the last */
    for (guint i = 0; i < G_N_ELEMENTS (sites); i++)
      {
        g_assert_nonnull (strstr (lines[1 + i], ",Vale Council,category-1,instrumental,"));
        g_assert_nonnull (strstr (lines[1 + i], sites[i]));
      }
  }

  /* Here: updated, nothing added, every site kept. */
  file = stead_test_write_file (f->dir, "partners.csv", csv);
  g_assert_true (import (f, f->ws, "partners-csv", file, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 0);
  g_assert_cmpuint (result->updated, ==, 1);
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation"), ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_site"), ==, 3);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_contact"), ==, 2);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_site WHERE name IN "
                                            "('Depot', 'Town Hall', 'Leisure Centre')"), ==, 3);

  /* In another workspace: one organisation with its three sites, then
   * updated by the same file; an edited cell reaches the row. */
  other = new_workspace (f, "other.gpkg", FALSE);
  g_assert_true (import (f, other, "partners-csv", file, &result, &error));
  g_assert_cmpuint (result->added, ==, 1);
  g_clear_pointer (&result, stead_import_result_free);
  g_assert_cmpint (stead_test_count (other, "SELECT count(*) FROM partners_site"), ==, 3);
  {
    g_auto(GStrv) parts = g_strsplit (csv, ",instrumental,", -1);

    edited = g_strjoinv (",OCCASIONAL,", parts);
  }
  g_clear_object (&file);
  file = stead_test_write_file (f->dir, "edited.csv", edited);
  g_assert_true (import (f, other, "partners-csv", file, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 0);
  g_assert_cmpuint (result->updated, ==, 1);
  g_assert_cmpint (stead_test_count (other, "SELECT count(*) FROM partners_organisation "
                                            "WHERE tier = 'occasional'"), ==, 1);
  g_assert_cmpint (stead_test_count (other, "SELECT count(*) FROM partners_site"), ==, 3);

  /* The id is the same record's in both workspaces' exports. */
  {
    g_autofree char *there = export_text (f, other, "partners-csv", TRUE, &error);
    g_auto(GStrv) here_lines = g_strsplit (csv, "\r\n", 3);
    g_auto(GStrv) there_lines = g_strsplit (there, "\r\n", 3);
    g_auto(GStrv) here_cells = g_strsplit (here_lines[1], ",", 2);
    g_auto(GStrv) there_cells = g_strsplit (there_lines[1], ",", 2);

    g_assert_true (g_str_has_prefix (here_cells[0], "stead:"));
    g_assert_cmpstr (there_cells[0], ==, here_cells[0]);
  }
  stead_workspace_close (other);
}

/* The resources a partner's sites publish come back in a resources
 * export: imported again they are left to the partners (skipped), the
 * others updated, nothing added. */
static void
test_resources_reimport_leaves_published (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *csv = export_text (f, f->ws, "resources-csv", TRUE, &error);
  gint64 published = stead_test_count (f->ws, "SELECT count(*) FROM resource "
                                              "WHERE owner = 'partners'");
  gint64 all = stead_test_count (f->ws, "SELECT count(*) FROM resource");

  g_assert_no_error (error);
  g_assert_cmpint (published, >, 0);
  file = stead_test_write_file (f->dir, "resources.csv", csv);
  g_assert_true (import (f, f->ws, "resources-csv", file, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 0);
  g_assert_cmpuint (result->skipped, ==, published);
  g_assert_cmpuint (result->updated, ==, all - published);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM resource"), ==, all);
}

/* Open Referral UK with Stead's extension: the type, tier and a service's
 * capability kind by label in any case; a wrong kind names the words. */
static void
test_oruk_vocabulary_words (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GFile) file = NULL;

  file = stead_test_write_file (
    f->dir, "org.json",
    "{\"id\": \"o1\", \"name\": \"Vale Wardens\", \"x_stead\": {\"type\": "
    "\"vOLUNTARY AND COMMUNITY SECTOR\", \"tier\": \"Instrumental\"}, \"services\": ["
    "{\"id\": \"s1\", \"name\": \"Sandbags\", \"x_stead\": {\"kind\": \"SANDBAGS\", "
    "\"quantity\": 200}}]}");
  g_assert_true (import (f, f->ws, "partners-oruk", file, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation WHERE "
                                            "type = 'voluntary' AND tier = 'instrumental'"), ==, 1);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_capability "
                                            "WHERE kind = 'sandbags'"), ==, 1);
  g_clear_pointer (&result, stead_import_result_free);
  g_clear_object (&file);

  file = stead_test_write_file (
    f->dir, "bad.json",
    "{\"id\": \"o2\", \"name\": \"Other\", \"x_stead\": {\"type\": \"pirates\"}}");
  g_assert_false (import (f, f->ws, "partners-oruk", file, &result, &error));
  g_clear_error (&error);
  g_assert_cmpuint (result->rejects->len, ==, 1);
  g_test_message ("%s", ((SteadImportReject *) g_ptr_array_index (result->rejects, 0))->reason);
  g_assert_nonnull (strstr (((SteadImportReject *) g_ptr_array_index (result->rejects, 0))->reason,
                            "“pirates” is not a partner type: "));
  g_assert_nonnull (strstr (((SteadImportReject *) g_ptr_array_index (result->rejects, 0))->reason,
                            "Voluntary and community sector"));
}

/* Without ids, the rows of one organisation are those that follow each
 * other under one name; the same name further on is another branch. */
static void
test_csv_sites_without_ids (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GFile) file = NULL;

  file = stead_test_write_file (f->dir, "sites.csv",
                                "name,site_name,postcode\r\n"
                                "Vale Foodbank,Hall,GL20 5AA\r\n"
                                "Vale Foodbank,Church,GL20 5AB\r\n"
                                "Other,Depot,\r\n"
                                "Vale Foodbank,Shop,GL20 5AD\r\n");
  g_assert_true (import (f, f->ws, "partners-csv", file, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 3);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_site s JOIN "
                                            "partners_organisation o ON o.id = s.organisation "
                                            "WHERE o.name = 'Vale Foodbank' AND s.name IN "
                                            "('Hall', 'Church') GROUP BY o.id"), ==, 2);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_site"), ==, 4);
}

/* Type and tier by code or label in any case; a wrong one names the
 * accepted words. */
static void
test_csv_vocabulary_words (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(GFile) file = NULL;

  file = stead_test_write_file (f->dir, "words.csv",
                                "name,type,tier\r\n"
                                "A,cATEGORY 1 rESPONDER,iNSTRUMENTAL\r\n"
                                "B,VOLUNTARY,Contributing\r\n"
                                "C,faith GROUP,occasional\r\n");
  g_assert_true (import (f, f->ws, "partners-csv", file, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM partners_organisation WHERE "
                                            "(name, type, tier) IN (VALUES "
                                            "('A', 'category-1', 'instrumental'), "
                                            "('B', 'voluntary', 'contributing'), "
                                            "('C', 'faith', 'occasional'))"), ==, 3);
  g_clear_pointer (&result, stead_import_result_free);
  g_clear_object (&file);

  file = stead_test_write_file (f->dir, "wrong.csv", "name,type,tier\r\nD,pirates,gold\r\n"
                                                     "E,other,top\r\n");
  g_assert_false (import (f, f->ws, "partners-csv", file, &result, &error));
  g_clear_error (&error);
  g_assert_cmpuint (result->rejects->len, ==, 2);
  {
    const SteadImportReject *r0 = g_ptr_array_index (result->rejects, 0);
    const SteadImportReject *r1 = g_ptr_array_index (result->rejects, 1);

    g_assert_true (g_str_has_prefix (r0->reason, "type “pirates” is not one of: "));
    g_assert_nonnull (strstr (r0->reason, "Category 1 responder"));
    g_assert_cmpstr (r1->reason, ==,
                     "tier “top” is not one of: Instrumental, Contributing or Occasional");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/partners/flags-by-date", test_flags_by_date);
  g_test_add ("/partners/crud-and-undo", Fixture, NULL, fixture_setup, test_crud_and_undo,
              fixture_teardown);
  g_test_add ("/partners/children", Fixture, NULL, fixture_setup, test_children, fixture_teardown);
  g_test_add ("/partners/oruk-unnamed-parts", Fixture, NULL, fixture_setup, test_oruk_unnamed_parts,
              fixture_teardown);
  g_test_add ("/partners/search-follows-edits", Fixture, "demo", fixture_setup,
              test_search_follows_edits, fixture_teardown);
  g_test_add ("/partners/demo-and-search", Fixture, "demo", fixture_setup, test_demo_and_search,
              fixture_teardown);
  g_test_add ("/partners/sites-on-map", Fixture, "demo", fixture_setup, test_sites_on_map,
              fixture_teardown);
  g_test_add ("/partners/oruk-round-trip", Fixture, "demo", fixture_setup, test_oruk_round_trip,
              fixture_teardown);
  g_test_add ("/partners/oruk-bad-record", Fixture, NULL, fixture_setup, test_oruk_bad_record,
              fixture_teardown);
  g_test_add ("/partners/oruk-keeps-every-member", Fixture, NULL, fixture_setup,
              test_oruk_keeps_every_member, fixture_teardown);
  g_test_add ("/partners/oruk-services", Fixture, NULL, fixture_setup, test_oruk_services,
              fixture_teardown);
  g_test_add ("/partners/oruk-refuses-other-shapes", Fixture, NULL, fixture_setup,
              test_oruk_refuses_other_shapes, fixture_teardown);
  g_test_add ("/partners/oruk-deep", Fixture, NULL, fixture_setup, test_oruk_deep,
              fixture_teardown);
  g_test_add ("/partners/csv-every-site-round-trip", Fixture, NULL, fixture_setup,
              test_csv_every_site_round_trip, fixture_teardown);
  g_test_add ("/partners/resources-reimport-leaves-published", Fixture, "demo", fixture_setup,
              test_resources_reimport_leaves_published, fixture_teardown);
  g_test_add ("/partners/oruk-vocabulary-words", Fixture, NULL, fixture_setup,
              test_oruk_vocabulary_words, fixture_teardown);
  g_test_add ("/partners/csv-sites-without-ids", Fixture, NULL, fixture_setup,
              test_csv_sites_without_ids, fixture_teardown);
  g_test_add ("/partners/csv-vocabulary-words", Fixture, NULL, fixture_setup,
              test_csv_vocabulary_words, fixture_teardown);
  g_test_add ("/partners/csv-keeps-unmapped-columns", Fixture, NULL, fixture_setup,
              test_csv_keeps_unmapped_columns, fixture_teardown);
  g_test_add ("/partners/csv-and-vcard", Fixture, NULL, fixture_setup, test_csv_and_vcard,
              fixture_teardown);
  g_test_add ("/partners/personal-columns", Fixture, NULL, fixture_setup, test_personal_columns,
              fixture_teardown);
  g_test_add ("/partners/csv-formulas", Fixture, NULL, fixture_setup, test_csv_formulas,
              fixture_teardown);
  g_test_add ("/partners/exports-meet-damage", Fixture, NULL, fixture_setup,
              test_exports_meet_damage, fixture_teardown);

  return g_test_run ();
}
