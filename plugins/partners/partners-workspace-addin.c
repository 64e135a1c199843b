/* partners-workspace-addin.c: the partners' schema, derived data, records for others and demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "partners"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "partners.h"
#include "partners-private.h"
#include "partners-exchange-private.h"

static gboolean
partners_workspace_addin_publish (SteadTransaction    *txn,
                                  const char * const  *tables,
                                  GError             **error)
{
  return !stead_tables_have (tables, "partners_") || partners_publish_resources (txn, error);
}

/* Organisations are indexed with their agreements' flags ("review due"). */
static gboolean
partners_workspace_addin_index (SteadTransaction    *txn,
                                const char * const  *tables,
                                GError             **error)
{
  if (!stead_tables_have (tables, "partners_") && !stead_tables_have (tables, "taxonomy"))
    return TRUE;
  return partners_index (txn, tables, error);
}

/* ------------------------------------------------------------------------ */
/* The demo area's partners: fictional organisations of the usual kinds.   */

typedef struct
{
  const char *name;
  const char *type;
  const char *tier;
  const char *description;
  const char *site;       /* NULL: no site */
  const char *what;
  const char *kind;       /* a resource kind it can provide, or NULL */
  int         quantity;
} DemoPartner;

static const DemoPartner demo_partners[] = {
  { "Severnvale County Council", "category-1", "instrumental",
    "County council: emergency planning, rest centres, social care", "County Emergency Centre",
    "Emergency centre", "rest-centre", 250 },
  { "Tewkesbury Borough Council", "category-1", "instrumental",
    "District council: housing, environmental health, sandbags", "Borough Depot", "Depot",
    "sandbags", 2000 },
  { "Severnvale Police", "category-1", "instrumental", "Police force for the area", NULL, NULL,
    NULL, 0 },
  { "Severnvale Fire and Rescue Service", "category-1", "instrumental",
    "Fire and rescue authority; water rescue", "Tewkesbury Fire Station", "Fire station", "4x4",
    3 },
  { "West Country Ambulance Service", "category-1", "instrumental", "Ambulance trust", NULL, NULL,
    NULL, 0 },
  { "Severnvale Integrated Care Board", "category-1", "instrumental",
    "NHS commissioning and health protection", NULL, NULL, NULL, 0 },
  { "Tewkesbury Community Hospital", "category-1", "contributing", "Community hospital",
    "Tewkesbury Community Hospital", "Hospital", NULL, 0 },
  { "Environment Agency, Severn area", "category-1", "instrumental",
    "Flood warnings, river levels, flood defences", "Tewkesbury Flood Store", "Depot", "generator",
    4 },
  { "Severnvale Coastguard liaison", "category-1", "occasional",
    "Maritime and Coastguard Agency liaison for the estuary", NULL, NULL, NULL, 0 },
  { "Midshires Electricity Networks", "category-2", "contributing",
    "Distribution network operator; Priority Services Register", "Ashchurch Substation",
    "Substation", "generator", 6 },
  { "Severn Water", "category-2", "contributing", "Water and sewerage undertaker; bottled water",
    "Mythe Water Works", "Water works", "water-supply", 5000 },
  { "Vale Gas Distribution", "category-2", "occasional", "Gas distribution network", NULL, NULL,
    NULL, 0 },
  { "Western Rail Infrastructure", "category-2", "occasional", "Railway infrastructure", NULL, NULL,
    NULL, 0 },
  { "Severnvale Bus Company", "category-2", "contributing", "Bus operator: evacuation transport",
    "Northway Bus Depot", "Depot", "transport", 12 },
  { "Vale Telecom", "category-2", "occasional", "Fixed and mobile telephone provider", NULL, NULL,
    NULL, 0 },
  { "British Red Cross, Severnvale", "voluntary", "instrumental",
    "Emergency response volunteers, rest centre support", "Red Cross Centre", "Community hub",
    "welfare-team", 20 },
  { "Royal Voluntary Service, Severnvale", "voluntary", "contributing",
    "Food and welfare in rest centres", NULL, NULL, "catering", 200 },
  { "Severnvale 4x4 Response", "voluntary", "contributing", "Volunteer 4x4 drivers",
    "4x4 Response Base", "Depot", "4x4", 8 },
  { "RAYNET Severnvale", "voluntary", "contributing", "Amateur radio emergency network", NULL, NULL,
    "radio", 10 },
  { "St John Ambulance, Tewkesbury", "voluntary", "contributing", "First aid volunteers",
    "St John Hall", "Community hub", "first-aid", 15 },
  { "Tewkesbury Foodbank", "voluntary", "contributing", "Emergency food parcels",
    "Foodbank Warehouse", "Depot", "food-supply", 400 },
  { "Severnvale Council for Voluntary Service", "voluntary", "instrumental",
    "Voluntary sector coordination and volunteer centre", "Volunteer Centre", "Community hub",
    "volunteers", 60 },
  { "Age Friendly Tewkesbury", "voluntary", "contributing", "Older people's charity: welfare calls",
    NULL, NULL, "welfare-team", 10 },
  { "Vale Carers Network", "voluntary", "occasional", "Support for unpaid carers", NULL, NULL, NULL,
    0 },
  { "Tewkesbury Interpreters Collective", "voluntary", "occasional",
    "Community interpreters: Polish, Romanian, Urdu, BSL", NULL, NULL, "translation", 6 },
  { "Tewkesbury Abbey", "faith", "contributing", "Parish church; warm space and volunteers",
    "Abbey Hall", "Community hub", "warm-space", 80 },
  { "Tewkesbury Mosque", "faith", "contributing", "Community meals and shelter",
    "Mosque Community Centre", "Community hub", "catering", 100 },
  { "Methodist Church, Tewkesbury", "faith", "occasional", "Church hall as warm space",
    "Methodist Hall", "Community hub", "warm-space", 40 },
  { "Gurdwara Severnvale", "faith", "occasional", "Community kitchen", NULL, NULL, "catering",
    150 },
  { "Northway Supermarket", "business", "contributing", "Food and water supply by agreement",
    "Northway Store", "Shop", "food-supply", 300 },
  { "Vale Plant Hire", "business", "occasional", "Pumps, generators and plant", "Plant Yard",
    "Depot", "generator", 10 },
  { "Severnvale Hotels Group", "business", "occasional", "Emergency accommodation",
    "Riverside Hotel", "Hotel", "rest-centre", 60 },
  { "Tewkesbury Taxis", "business", "occasional", "Accessible taxis", NULL, NULL, "transport", 6 },
  { "Priors Park Mutual Aid", "mutual-aid", "contributing", "Neighbourhood mutual aid group", NULL,
    NULL, "volunteers", 25 },
  { "Twyning Flood Group", "mutual-aid", "contributing", "Community flood wardens",
    "Twyning Village Hall", "Community hub", "sandbags", 500 },
  { "Ashchurch Rural Parish Council", "parish-council", "contributing",
    "Parish emergency plan; village hall", "Ashchurch Village Hall", "Community hub", "warm-space",
    50 },
  { "Tewkesbury Town Council", "parish-council", "instrumental",
    "Town emergency plan; Town Hall as rest centre", "Tewkesbury Town Hall", "Rest centre",
    "rest-centre", 120 },
  { "Deerhurst Parish Council", "parish-council", "occasional", "Parish emergency plan", NULL, NULL,
    NULL, 0 },
  { "Severnvale University Volunteers", "other", "occasional", "Student volunteers", NULL, NULL,
    "volunteers", 40 },
  { "Vale Housing Association", "other", "contributing", "Social landlord: tenants' welfare checks",
    NULL, NULL, "welfare-team", 8 },
};

/* Where the demo's sites are: real postcodes of the borough where such
 * places plausibly are (the organisations are fictional), found in the
 * postcode directory the core's demo imports first. */
static const struct
{
  const char *site;
  const char *postcode;
  const char *locality;
} demo_site_places[] = {
  { "County Emergency Centre", "GL3 1EE", "Innsworth" },
  { "Borough Depot", "GL20 8NA", "Northway" },
  { "Tewkesbury Fire Station", "GL20 5RL", "Tewkesbury" },
  { "Tewkesbury Community Hospital", "GL20 5QH", "Tewkesbury" },
  { "Tewkesbury Flood Store", "GL20 5TW", "Tewkesbury" },
  { "Ashchurch Substation", "GL20 8LZ", "Ashchurch" },
  { "Mythe Water Works", "GL20 6EB", "The Mythe, Tewkesbury" },
  { "Northway Bus Depot", "GL20 8QR", "Northway" },
  { "Red Cross Centre", "GL52 8DP", "Bishop's Cleeve" },
  { "4x4 Response Base", "GL54 5YN", "Winchcombe" },
  { "St John Hall", "GL20 5LL", "Tewkesbury" },
  { "Foodbank Warehouse", "GL20 8JW", "Tewkesbury" },
  { "Volunteer Centre", "GL3 2NA", "Churchdown" },
  { "Abbey Hall", "GL20 5RH", "Tewkesbury" },
  { "Mosque Community Centre", "GL20 8BS", "Tewkesbury" },
  { "Methodist Hall", "GL20 5BB", "Tewkesbury" },
  { "Northway Store", "GL20 8ND", "Northway" },
  { "Plant Yard", "GL20 8LH", "Ashchurch" },
  { "Riverside Hotel", "GL20 5AW", "Tewkesbury" },
  { "Twyning Village Hall", "GL20 6DX", "Twyning" },
  { "Ashchurch Village Hall", "GL20 8JP", "Ashchurch" },
  { "Tewkesbury Town Hall", "GL20 5AX", "Tewkesbury" },
};

static const char *first_names[] = { "Alex", "Sam",    "Priya", "Tomasz", "Grace",
                                     "Owen", "Fatima", "Rhys",  "Ana",    "Joe" };
static const char *last_names[] = { "Hughes", "Patel",   "Nowak",  "Evans", "Khan",
                                    "Davies", "Ionescu", "Morgan", "Smith", "Ali" };
static const char *roles[] = { "Emergency planning officer", "Duty manager",
                               "Volunteer coordinator", "Operations lead", "Chair" };

/* The title the target groups' demo finds its PSR list's agreement by. */
static const char partners_demo_psr_agreement[] = "Priority Services Register data sharing (demo)";

/* Agreements of the demo: parties are indexes into demo_partners. */
static const struct
{
  const char *title;
  const char *kind;
  const char *scope;
  const char *data_fields;
  int         signed_days, review_days, expiry_days;
  int         parties[4];
} demo_agreements[] = {
  { "LRF memorandum of understanding",
    "mou",
    "Co-operation in planning, response and recovery",
    NULL,
    -700,
    200,
    900,
    { 0, 1, 2, 3 } },
  /* The title the target groups' demo finds its PSR list's agreement by
   * (GROUPS_DEMO_AGREEMENT); it lets households be drawn as points. */
  { partners_demo_psr_agreement,
    "data-sharing",
    "Households on the electricity Priority Services Register, for welfare checks in a "
    "power cut",
    "reference; postcode; UPRN; PSR needs codes; name; telephone; address",
    -60,
    120,
    300,
    { 0, 9, -1, -1 } },
  { "Vulnerable people data-sharing agreement",
    "data-sharing",
    "Sharing lists of people at risk in an emergency",
    "name; address; postcode; date of birth; PSR needs code; telephone",
    -500,
    20,
    600,
    { 0, 9, 10, 5 } },
  { "Rest centre mutual aid agreement",
    "mutual-aid",
    "Staff and premises for rest centres",
    NULL,
    -900,
    -30,
    400,
    { 0, 1, 36, 15 } },
  { "Emergency catering contract",
    "contract",
    "Hot meals at rest centres within 4 hours",
    NULL,
    -800,
    -100,
    -10,
    { 0, 16, -1, -1 } },
  { "Voluntary sector emergency support MoU",
    "mou",
    "Call-out of voluntary organisations",
    NULL,
    -300,
    300,
    1000,
    { 0, 21, 15, 17 } },
  /* Lets the councils and the two national volunteering charities task
   * the volunteers' register (the volunteers' demo tasks under it). */
  { "Volunteer tasking agreement",
    "mou",
    "Partners may task registered volunteers for welfare, shopping and transport",
    NULL,
    -120,
    240,
    610,
    { 0, 1, 15, 16 } },
  { "Sandbag distribution agreement",
    "mutual-aid",
    "Sandbags to flood groups",
    NULL,
    -200,
    160,
    700,
    { 1, 34, 35, -1 } },
};

/* Where a demo site is: its postcode, town or village, and position. */
static gboolean
partners_workspace_addin_demo_place (SteadTransaction  *txn,
                                     const char        *site,
                                     const char       **postcode,
                                     const char       **locality,
                                     double            *lon,
                                     double            *lat,
                                     GError           **error)
{
  SteadWorkspace *workspace = stead_transaction_get_workspace (txn);

  for (guint k = 0; k < G_N_ELEMENTS (demo_site_places); k++)
    if (g_str_equal (demo_site_places[k].site, site))
      {
        *postcode = demo_site_places[k].postcode;
        *locality = demo_site_places[k].locality;
        if (stead_workspace_lookup_postcode (workspace, *postcode, lon, lat))
          return TRUE;
        break;
      }
  g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
               _("The demo site “%s” has no postcode in the directory"), site);
  return FALSE;
}

static char *
partners_workspace_addin_days_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static gboolean
partners_workspace_addin_populate_demo (SteadTransaction     *txn,
                                        guint                 scale,
                                        GRand                *rng,
                                        GError              **error)
{
  gint64 ids[G_N_ELEMENTS (demo_partners)];

  for (guint i = 0; i < G_N_ELEMENTS (demo_partners); i++)
    {
      const DemoPartner *p = &demo_partners[i];
      g_autofree char *slug = g_ascii_strdown (p->name, -1);
      g_autofree char *website = NULL;
      g_autofree char *date = NULL;
      gint64 site_fid = 0;

      g_strdelimit (slug, " ,'", '-');
      website = g_strdup_printf ("https://%s.example.org", slug);
      ids[i] = stead_transaction_run (
        txn,
        "INSERT INTO partners_organisation (name, type, tier, description, website, "
        "areas_served, created, updated) VALUES (?, ?, ?, ?, ?, 'Tewkesbury borough', "
        "strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))",
        STEAD_ARGS (STEAD_TEXT (p->name), STEAD_TEXT (p->type), STEAD_TEXT (p->tier),
                    STEAD_TEXT (p->description), STEAD_TEXT (website)),
        error);
      if (ids[i] < 0)
        return FALSE;

      /* One or two fictional contacts (phone numbers from Ofcom's drama range). */
      for (guint c = 0; c < 1 + (i % 2); c++)
        {
          g_autofree char *name = g_strdup_printf (
            "%s %s", first_names[g_rand_int_range (rng, 0, G_N_ELEMENTS (first_names))],
            last_names[g_rand_int_range (rng, 0, G_N_ELEMENTS (last_names))]);
          g_autofree char *phone =
            g_strdup_printf ("01632 960%03d", g_rand_int_range (rng, 0, 1000));
          g_autofree char *phone24 =
            g_strdup_printf ("07700 900%03d", g_rand_int_range (rng, 0, 1000));
          g_autofree char *email = g_strdup_printf ("contact%d@%s.example.org", c + 1, slug);

          if (stead_transaction_run (
                txn,
                "INSERT INTO partners_contact (organisation, name, role, phone, phone_24h, email) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                STEAD_ARGS (STEAD_INT (ids[i]), STEAD_TEXT (name),
                            STEAD_TEXT (roles[(i + c) % G_N_ELEMENTS (roles)]), STEAD_TEXT (phone),
                            STEAD_TEXT (g_str_equal (p->tier, "instrumental") ? phone24 : NULL),
                            STEAD_TEXT (email)),
                error) < 0)
            return FALSE;
        }

      if (p->site != NULL)
        {
          g_autoptr(SteadGeometry) point = NULL;
          const char *postcode, *locality;
          double lon, lat;
          gboolean places = p->kind != NULL && (g_str_equal (p->kind, "rest-centre") ||
                                                g_str_equal (p->kind, "warm-space"));

          if (!partners_workspace_addin_demo_place (txn, p->site, &postcode, &locality, &lon,
                                                    &lat, error))
            return FALSE;
          point = stead_geometry_new_point (lon, lat);

          site_fid = stead_transaction_run (
            txn,
            "INSERT INTO partners_site (geom, organisation, name, address, postcode, "
            "what, capacity) VALUES (?, ?, ?, ?, ?, ?, ?)",
            STEAD_ARGS (STEAD_GEOMETRY (point), STEAD_INT (ids[i]), STEAD_TEXT (p->site),
                        STEAD_TEXT (locality), STEAD_TEXT (postcode), STEAD_TEXT (p->what),
                        STEAD_INT_OR_NULL (p->quantity, places)),
            error);
          if (site_fid < 0)
            return FALSE;
        }

      if (p->kind != NULL &&
          stead_transaction_run (
            txn,
            "INSERT INTO partners_capability (organisation, site, kind, quantity, lead_time_hours) "
            "VALUES (?, ?, ?, ?, ?)",
            STEAD_ARGS (STEAD_INT (ids[i]), STEAD_INT_OR_NULL (site_fid, site_fid > 0),
                        STEAD_TEXT (p->kind), STEAD_INT (p->quantity),
                        STEAD_INT (g_rand_int_range (rng, 1, 12))),
            error) < 0)
        return FALSE;

      date = partners_workspace_addin_days_from_today (-g_rand_int_range (rng, 5, 400));
      if (stead_transaction_run (
            txn, "INSERT INTO partners_log (organisation, date, note) VALUES (?, ?, ?)",
            STEAD_ARGS (STEAD_INT (ids[i]), STEAD_TEXT (date),
                        STEAD_TEXT (i % 2 ? "Attended the LRF exercise" : "Annual catch-up call")),
            error) < 0)
        return FALSE;
    }

  /* Agreements between the core and the others: some current, one due for
   * review, one overdue, one expired, so the flags show in the demo. */
  for (guint a = 0; a < G_N_ELEMENTS (demo_agreements); a++)
    {
      g_autofree char *signed_on =
        partners_workspace_addin_days_from_today (demo_agreements[a].signed_days);
      g_autofree char *review =
        partners_workspace_addin_days_from_today (demo_agreements[a].review_days);
      g_autofree char *expiry =
        partners_workspace_addin_days_from_today (demo_agreements[a].expiry_days);
      gint64 id;

      id = stead_transaction_run (
        txn,
        "INSERT INTO partners_agreement (title, kind, scope, data_fields, signed, review, "
        "expiry, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'active')",
        STEAD_ARGS (STEAD_TEXT (demo_agreements[a].title), STEAD_TEXT (demo_agreements[a].kind),
                    STEAD_TEXT (demo_agreements[a].scope),
                    STEAD_TEXT (demo_agreements[a].data_fields), STEAD_TEXT (signed_on),
                    STEAD_TEXT (review), STEAD_TEXT (expiry)),
        error);
      if (id < 0)
        return FALSE;
      if (g_str_equal (demo_agreements[a].title, "Volunteer tasking agreement") &&
          stead_transaction_run (txn,
                                 "UPDATE partners_agreement SET allows_tasking = 1 WHERE id = ?1",
                                 STEAD_ARGS (STEAD_INT (id)), error) < 0)
        return FALSE;
      if (demo_agreements[a].title == partners_demo_psr_agreement &&
          stead_transaction_run (txn,
                                           "UPDATE partners_agreement SET allows_points = 1 "
                                           "WHERE id = ?1",
                                           STEAD_ARGS (STEAD_INT (id)), error) < 0)
        return FALSE;
      for (guint p = 0; p < 4; p++)
        if (demo_agreements[a].parties[p] >= 0 &&
            stead_transaction_run (
              txn, "INSERT INTO partners_agreement_party (agreement, organisation) VALUES (?, ?)",
              STEAD_ARGS (STEAD_INT (id), STEAD_INT (ids[demo_agreements[a].parties[p]])),
              error) < 0)
          return FALSE;
    }

  return TRUE;
}

/* Organisations, for the risks' owners and other plugins' links (the
 * partners' own index hook puts them in the search), and their sites,
 * which the search and the map's search find by name. */
static const SteadRecordKind partners_record_kinds[] = {
  { "organisation", N_("partner"),
    "SELECT id, name AS title FROM partners_organisation ORDER BY name COLLATE NOCASE",
    "SELECT name FROM partners_organisation WHERE id = ?1",
    "SELECT id FROM partners_organisation WHERE name = ?1 COLLATE NOCASE ORDER BY id LIMIT 1",
    "partners_organisation",
    STEAD_STATEMENTS ("DELETE FROM partners_capability WHERE organisation = ?1",
                      "DELETE FROM partners_contact WHERE organisation = ?1",
                      "DELETE FROM partners_log WHERE organisation = ?1",
                      "DELETE FROM partners_agreement_party WHERE organisation = ?1",
                      "DELETE FROM partners_site WHERE organisation = ?1",
                      "DELETE FROM partners_organisation WHERE id = ?1"),
    NULL,
    "SELECT geom FROM partners_site WHERE organisation = ?1 AND geom IS NOT NULL ORDER BY fid",
    /* A register's owner not yet a partner: added with the defaults. */
    "INSERT INTO partners_organisation (name) VALUES (?1)",
    /* For coverage: who is instrumental, who contributes now and then. */
    "SELECT id, tier FROM partners_organisation" },
  { "site", N_("partner site"),
    "SELECT fid AS id, name AS title FROM partners_site ORDER BY name COLLATE NOCASE",
    "SELECT name FROM partners_site WHERE fid = ?1",
    "SELECT fid FROM partners_site WHERE name = ?1 COLLATE NOCASE ORDER BY fid LIMIT 1",
    "partners_site;partners_organisation",
    STEAD_STATEMENTS ("DELETE FROM partners_site WHERE fid = ?1"),
    "SELECT s.fid AS id, s.name, coalesce (s.what, '') || ' ' || o.name || ' ' || "
    "coalesce (s.address, '') || ' ' || coalesce (s.postcode, '') "
    "FROM partners_site s JOIN partners_organisation o ON o.id = s.organisation",
    "SELECT geom FROM partners_site WHERE fid = ?1 AND geom IS NOT NULL" },
  /* Data-sharing agreements, for the lists of people that came under one
   * (the target groups' household lists); other kinds are not offered.
   * Its facts, for every agreement of any kind: whether the households of
   * lists under it may be shown as points on the map, whether its parties
   * may task volunteers (the volunteers' tasks), its parties' ids
   * (space-separated), status, dates and title (for expiry alerts). */
  { "agreement", N_("data-sharing agreement"),
    "SELECT id, title FROM partners_agreement WHERE kind = 'data-sharing' "
    "ORDER BY title COLLATE NOCASE, id",
    "SELECT title FROM partners_agreement WHERE id = ?1 AND kind = 'data-sharing'",
    "SELECT id FROM partners_agreement WHERE title = ?1 COLLATE NOCASE "
    "AND kind = 'data-sharing' ORDER BY id LIMIT 1",
    "partners_agreement",
    STEAD_STATEMENTS ("DELETE FROM partners_agreement_party WHERE agreement = ?1",
                      "DELETE FROM partners_agreement WHERE id = ?1"),
    .facts_sql = "SELECT a.id, a.allows_points, a.allows_tasking, a.status, a.expiry, "
                 "a.signed, a.kind, a.title, (SELECT group_concat (p.organisation, ' ') "
                 "FROM partners_agreement_party p WHERE p.agreement = a.id) AS parties "
                 "FROM partners_agreement a" },
};

const SteadWorkspaceAddinInfo partners_workspace_addin = {
  .module = PARTNERS_OWNER,
  .schema_path = "/io/github/steadapp/Stead/plugins/partners/schema",
  .record_kinds = partners_record_kinds,
  .n_record_kinds = G_N_ELEMENTS (partners_record_kinds),
  .importers =
    (const SteadImportFormat * const[]){ &partners_oruk_import, &partners_csv_import, NULL },
  .exporters = (const SteadExportFormat * const[]){ &partners_oruk_export, &partners_csv_export,
                                                   &partners_vcard_export, NULL },
  .report_sections = (const SteadReportSectionInfo * const[]){ &partners_report_section, NULL },
  .populate_demo = partners_workspace_addin_populate_demo,
  .publish = partners_workspace_addin_publish,
  .index = partners_workspace_addin_index,
};
