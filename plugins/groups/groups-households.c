/* groups-households.c: household lists' retention, published needs and demo
 *
 * A household list is personal data from a data-sharing partner, kept
 * under an agreement until its retention date. On that day it is purged:
 * its households and the needs they published go in one transaction that
 * leaves no undo step and takes with it every undo or redo step holding
 * them (stead_workspace_begin_purge), recorded in the audit log by count.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "groups"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "groups.h"

#define GROUPS_PSR_RESOURCE "/io/github/steadapp/Stead/core/taxonomy/psr-needs.json"

/* ------------------------------------------------------------------------ */
/* PSR needs codes                                                          */

/* code → need kind, from the shipped vocabulary (editable data). */
static GHashTable *
groups_households_psr_kinds (void)
{
  static gsize once = 0;
  static GHashTable *kinds = NULL;

  if (g_once_init_enter (&once))
    {
      g_autoptr(GBytes) bytes = g_resources_lookup_data (GROUPS_PSR_RESOURCE, 0, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

      if (bytes != NULL &&
          json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL))
        {
          JsonObject *root = json_node_get_object (json_parser_get_root (parser));
          JsonArray *terms = json_object_get_array_member (root, "terms");

          for (guint i = 0; terms != NULL && i < json_array_get_length (terms); i++)
            {
              JsonObject *term = json_array_get_object_element (terms, i);

              g_hash_table_insert (
                table, g_strdup (json_object_get_string_member (term, "code")),
                g_strdup (json_object_get_string_member_with_default (term, "need-kind",
                                                                      "welfare-check")));
            }
        }
      else
        g_warning ("The PSR needs codes (%s) could not be read", GROUPS_PSR_RESOURCE);
      kinds = table;
      g_once_init_leave (&once, 1);
    }
  return kinds;
}

const char *
groups_psr_need_kind (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  return g_hash_table_lookup (groups_households_psr_kinds (), code);
}

static int
groups_households_compare_codes (gconstpointer a,
                          gconstpointer b)
{
  return (int) g_ascii_strtoll (*(const char **) a, NULL, 10) -
         (int) g_ascii_strtoll (*(const char **) b, NULL, 10);
}

char *
groups_psr_normalize_needs (const char  *text,
                            GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  GString *out;

  parts = g_strsplit_set (text != NULL ? text : "", ";, \t|/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *code = g_strstrip (parts[i]);

      /* "07" is 7 */
      while (code[0] == '0' && code[1] != '\0')
        code++;
      if (*code == '\0')
        continue;
      if (groups_psr_need_kind (code) == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is not a Priority Services Register needs code"), code);
          return NULL;
        }
      if (!g_ptr_array_find_with_equal_func (codes, code, g_str_equal, NULL))
        g_ptr_array_add (codes, code);
    }
  g_ptr_array_sort (codes, groups_households_compare_codes);
  out = g_string_new (NULL);
  for (guint i = 0; i < codes->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, g_ptr_array_index (codes, i));
    }
  return g_string_free (out, FALSE);
}

/* The codes and the kinds they give, as a JSON object ({"14": "welfare-
 * check", …}) for the publish statements. */
static const char *
groups_households_kinds_json (void)
{
  static gsize once = 0;
  static char *json = NULL;

  if (g_once_init_enter (&once))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      GHashTableIter iter;
      gpointer code, kind;

      json_builder_begin_object (builder);
      g_hash_table_iter_init (&iter, groups_households_psr_kinds ());
      while (g_hash_table_iter_next (&iter, &code, &kind))
        {
          json_builder_set_member_name (builder, code);
          json_builder_add_string_value (builder, kind);
        }
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json = json_generator_to_data (generator, NULL);
      g_once_init_leave (&once, 1);
    }
  return json;
}

/* ------------------------------------------------------------------------ */
/* Published needs                                                          */

/* A household's codes, one row each, joined to the kinds they give
 * (?1: groups_households_kinds_json ()). */
#define GROUPS_CODES_OF(h)                                                        \
  "json_each ('[\"' || replace (" h ".needs, ' ', '\",\"') || '\"]') j "          \
  "JOIN m ON m.code = j.value "
#define GROUPS_KINDS_CTE \
  "WITH m (code, kind) AS MATERIALIZED (SELECT key, value FROM json_each (?1)), " \
  GROUPS_WARD_POINTS
/* Where a household's needs are put on the map: a point inside its ward,
 * never its own place (households are personal data: the map shows them
 * as counts per area, and as points only past the privacy zoom, through
 * the plugin's own layer, when their list's agreement allows it). */
#define GROUPS_WARD_POINTS \
  "w (fid, geom) AS MATERIALIZED (SELECT fid, Stead_PointOnSurface (geom) FROM area " \
  "  WHERE fid IN (SELECT DISTINCT area FROM groups_household)) "
#define GROUPS_WARD_POINT_OF(h) "(SELECT w.geom FROM w WHERE w.fid = " h ".area)"

/* Needs no longer given by their household's codes (or whose household
 * is gone, or has no place) go; a need still wanted keeps its casework.
 * Each statement twice: for one household (?2, by its index), and for
 * every one. */
#define GROUPS_NEED_DELETE(which)                                                 \
  GROUPS_KINDS_CTE                                                                \
  "DELETE FROM need WHERE owner = 'groups' " which " "                            \
  "AND NOT EXISTS (SELECT 1 FROM groups_household h, " GROUPS_CODES_OF ("h")      \
  "WHERE h.fid = need.owner_ref AND h.geom IS NOT NULL AND m.kind = need.kind)"
/* One need per kind a household's codes give, at its place: people 1,
 * open, no title (a title would be personal data). Power and water for
 * medical needs cannot wait; the rest is of the usual urgency. */
#define GROUPS_NEED_INSERT(which)                                                 \
  GROUPS_KINDS_CTE                                                                \
  "INSERT INTO need (geom, kind, title, people, urgency, status, opened, owner, owner_ref) " \
  "SELECT " GROUPS_WARD_POINT_OF ("h") ", m.kind, NULL, 1, "                     \
  "  CASE WHEN m.kind IN ('power-dependent', 'water') THEN 3 ELSE 2 END, "        \
  "  'open', ?3, 'groups', h.fid "                                                \
  "FROM groups_household h, " GROUPS_CODES_OF ("h")                               \
  "WHERE h.needs IS NOT NULL AND h.geom IS NOT NULL " which " "                   \
  "AND NOT EXISTS (SELECT 1 FROM need n WHERE n.owner = 'groups' "                \
  "  AND n.owner_ref = h.fid AND n.kind = m.kind) "                               \
  "GROUP BY h.fid, m.kind"
/* The same for every household at once: the kinds worked out once for
 * each set of codes the list has (k), not for each household, so that
 * nothing is grouped or sorted by household; a household above ?2 (the
 * last household any need was published for) has none yet, so what it
 * gives is not looked for. */
#define GROUPS_NEED_INSERT_ALL                                                    \
  GROUPS_KINDS_CTE ", "                                                           \
  "k (needs, kind) AS MATERIALIZED (SELECT DISTINCT d.needs, m.kind FROM "        \
  "  (SELECT DISTINCT needs FROM groups_household WHERE needs IS NOT NULL "       \
  "   AND geom IS NOT NULL) d, " GROUPS_CODES_OF ("d") ") "                       \
  "INSERT INTO need (geom, kind, title, people, urgency, status, opened, owner, owner_ref) " \
  "SELECT " GROUPS_WARD_POINT_OF ("h") ", k.kind, NULL, 1, "                     \
  "  CASE WHEN k.kind IN ('power-dependent', 'water') THEN 3 ELSE 2 END, "        \
  "  'open', ?3, 'groups', h.fid "                                                \
  "FROM groups_household h CROSS JOIN k ON k.needs = h.needs "                    \
  "WHERE h.geom IS NOT NULL AND (h.fid > ?2 OR NOT EXISTS (SELECT 1 FROM need n " \
  "  WHERE n.owner = 'groups' AND n.owner_ref = h.fid AND n.kind = k.kind))"
/* A household moved to another ward: its needs move with it. */
#define GROUPS_NEED_MOVE(which)                                                   \
  "WITH " GROUPS_WARD_POINTS                                                      \
  "UPDATE need SET geom = " GROUPS_WARD_POINT_OF ("h") " FROM groups_household h " \
  "WHERE need.owner = 'groups' AND need.owner_ref = h.fid " which " "             \
  "AND need.geom IS NOT " GROUPS_WARD_POINT_OF ("h")

static gboolean
groups_households_publish_rows (SteadTransaction  *txn,
                                gint64             fid,   /* 0: every household */
                                const char        *now,
                                GError           **error)
{
  const char *kinds = groups_households_kinds_json ();
  g_autoptr(SteadBulkIndex) bulk = NULL;
  gint64 last = 0, published = 0;

  if (fid > 0)
    return stead_transaction_run (txn, GROUPS_NEED_DELETE ("AND owner_ref = ?2"),
                                  STEAD_ARGS (STEAD_STRING (kinds), STEAD_INT (fid)),
                                  error) >= 0 &&
           stead_transaction_run (txn, GROUPS_NEED_MOVE ("AND h.fid = ?1"),
                                  STEAD_ARGS (STEAD_INT (fid)), error) >= 0 &&
           stead_transaction_run (txn, GROUPS_NEED_INSERT ("AND h.fid = ?2"),
                                  STEAD_ARGS (STEAD_STRING (kinds), STEAD_INT (fid),
                                              STEAD_STRING (now)),
                                  error) >= 0;

  /* Every household: thousands of new needs, their R-tree built in one go. */
  if (stead_transaction_run (txn, GROUPS_NEED_DELETE ("AND ?2 IS NULL"),
                             STEAD_ARGS (STEAD_STRING (kinds), STEAD_NULL), error) < 0 ||
      stead_transaction_run (txn, GROUPS_NEED_MOVE (""), NULL, 0, error) < 0 ||
      !stead_transaction_query_int64 (txn, "SELECT coalesce (max (fid), 0) FROM need", NULL, 0,
                                      &last) ||
      (bulk = stead_bulk_index_begin (txn, "need", error)) == NULL)
    return FALSE;
  if (!stead_transaction_query_int64 (txn,
                                      "SELECT coalesce (max (owner_ref), 0) FROM need "
                                      "WHERE owner = 'groups'",
                                      NULL, 0, &published) ||
      stead_transaction_run (txn, GROUPS_NEED_INSERT_ALL,
                             STEAD_ARGS (STEAD_STRING (kinds), STEAD_INT (published),
                                         STEAD_STRING (now)),
                             error) < 0)
    return FALSE;
  {
    g_autoptr(sqlite3_stmt) added = stead_transaction_prepare (
      txn, "SELECT fid, ST_MinX (geom), ST_MinY (geom) FROM need WHERE fid > ?1 "
           "AND geom IS NOT NULL",
      error);

    if (added == NULL)
      return FALSE;
    sqlite3_bind_int64 (added, 1, last);
    while (sqlite3_step (added) == SQLITE_ROW)
      stead_bulk_index_add (bulk, sqlite3_column_int64 (added, 0),
                            sqlite3_column_double (added, 1), sqlite3_column_double (added, 2));
  }
  return stead_bulk_index_finish (bulk, error);
}

/* The agreements that let their lists' households be shown as points on
 * the map, from the partners' facts of kind "agreement" (never their
 * tables): a set of ids. */
GHashTable *
groups_households_agreements_allowing_points (SteadWorkspace *workspace)
{
  const SteadRecordKind *kind = stead_workspace_get_record_kind (workspace, "agreement");
  GHashTable *allowed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) facts = NULL;
  int column;

  if (kind == NULL || kind->facts_sql == NULL)
    return allowed;   /* the partners plugin is off: no agreement allows anything */
  facts = stead_record_kind_prepare_facts (kind, workspace, NULL, NULL);
  if (facts == NULL)
    return allowed;
  column = stead_statement_column_index (facts, "allows_points");
  while (column >= 0 && sqlite3_step (facts) == SQLITE_ROW)
    if (sqlite3_column_int (facts, column) != 0)
      {
        gint64 *id = g_new (gint64, 1);

        *id = sqlite3_column_int64 (facts, 0);
        g_hash_table_add (allowed, id);
      }
  return allowed;
}

/* A list may show its households as points only while its agreement
 * allows it. */
static gboolean
groups_households_follow_agreements (SteadTransaction  *txn,
                                     GError           **error)
{
  g_autoptr(GHashTable) allowed =
    groups_households_agreements_allowing_points (stead_transaction_get_workspace (txn));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) flip = g_array_new (FALSE, FALSE, sizeof (gint64));

  stmt = stead_transaction_prepare (txn,
                                    "SELECT id, agreement, points_allowed "
                                    "FROM groups_household_list",
                                    error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 agreement = sqlite3_column_int64 (stmt, 1);

      if (g_hash_table_contains (allowed, &agreement) != (sqlite3_column_int (stmt, 2) != 0))
        g_array_append_val (flip, id);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  for (guint i = 0; i < flip->len; i++)
    if (stead_transaction_run (txn,
                               "UPDATE groups_household_list "
                               "SET points_allowed = 1 - points_allowed WHERE id = ?1",
                               STEAD_ARGS (STEAD_INT (g_array_index (flip, gint64, i))), error) < 0)
      return FALSE;
  return TRUE;
}

gboolean
groups_households_publish (SteadTransaction    *txn,
                           const char * const  *tables,
                           GError             **error)
{
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
  g_autofree char *now = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.000Z");
  const gint64 *rowids = NULL;
  guint n = 0;

  if (stead_tables_have (tables, "partners_agreement") &&
      !groups_households_follow_agreements (txn, error))
    return FALSE;
  if (!stead_tables_have (tables, "groups_household"))
    return TRUE;

  if (!stead_transaction_get_changed_rows (txn, tables, "groups_household", "groups_household",
                                           &rowids, &n))
    return groups_households_publish_rows (txn, 0, now, error);
  for (guint i = 0; i < n; i++)
    if (!groups_households_publish_rows (txn, rowids[i], now, error))
      return FALSE;
  return TRUE;
}

gint64
groups_household_list_of_need (SteadWorkspace *workspace,
                               gint64          owner_ref)
{
  return stead_workspace_query_int64 (workspace,
                                      "SELECT list FROM groups_household_current WHERE fid = ?1",
                                      STEAD_ARGS (STEAD_INT (owner_ref)));
}

/* ------------------------------------------------------------------------ */
/* Retention                                                                */

char *
groups_households_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

gboolean
groups_households_purge_expired (SteadWorkspace  *workspace,
                                 const char      *today,
                                 guint           *n_lists,
                                 GError         **error)
{
  g_autofree char *local_today = NULL;
  g_autoptr(GArray) lists = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), FALSE);

  if (n_lists != NULL)
    *n_lists = 0;
  if (stead_workspace_is_read_only (workspace))
    return TRUE;   /* never written: the households are read through the view */
  if (today == NULL)
    today = local_today = groups_households_today ();
  stmt = stead_workspace_prepare (workspace,
                                  "SELECT id FROM groups_household_list WHERE purged IS NULL "
                                  "AND retention <= ?1 ORDER BY retention, id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (lists, id);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  for (guint i = 0; i < lists->len; i++)
    {
      if (!groups_household_list_purge (workspace, g_array_index (lists, gint64, i), error))
        return FALSE;
      if (n_lists != NULL)
        (*n_lists)++;
    }
  return TRUE;
}

char *
groups_households_next_expiry (SteadWorkspace *workspace)
{
  return stead_workspace_query_text (workspace,
                                     "SELECT min (retention) FROM groups_household_list "
                                     "WHERE purged IS NULL",
                                     NULL, 0);
}

/* ------------------------------------------------------------------------ */
/* The demo's households                                                    */

/* Codes drawn for demo households, about as common as on a real list:
 * pensionable age most, then chronic illness, physical impairment… */
static const char *groups_demo_codes[] = {
  "14", "14", "14", "14", "22", "22", "15", "15", "20", "8", "9", "35", "17", "26", "3", "24",
  "12", "29", "30", "37", "23", "33", "19", "25", "2",
};

static const char *groups_demo_streets[] = {
  "Demo Street", "Sample Road", "Example Lane", "Fictional Close", "Placeholder Way",
};

void
groups_household_place_set_point (GroupsHouseholdPlace *place)
{
  stead_gpkg_point_blob (place->point, place->lon, place->lat);
  g_clear_pointer (&place->blob, g_bytes_unref);
  place->blob = g_bytes_new_static (place->point, sizeof place->point);
}

void
groups_household_place_clear (GroupsHouseholdPlace *place)
{
  g_clear_pointer (&place->postcode, g_free);
  g_clear_pointer (&place->blob, g_bytes_unref);
}

static void
groups_households_demo_postcode_clear (gpointer data)
{
  groups_household_place_clear (data);
}

static gboolean
groups_households_demo_list (SteadTransaction  *txn,
                             const char        *name,
                             gint64             group,
                             gint64             agreement,
                             gboolean           points,
                             const char        *received,
                             const char        *retention,
                             guint              n,
                             guint              first,
                             GArray            *postcodes,
                             GRand             *rng,
                             GError           **error)
{
  g_autoptr(SteadBulkIndex) bulk = NULL;
  gint64 list;

  list = stead_transaction_run (
    txn,
    "INSERT INTO groups_household_list (name, group_id, agreement, lawful_basis, received, "
    "retention, points_allowed, source, imported) VALUES (?, ?, ?, 'public-task', ?, ?, ?, "
    "'Demo data: synthetic PSR extract', strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))",
    STEAD_ARGS (STEAD_STRING (name), STEAD_INT_OR_NULL (group, group > 0),
                STEAD_INT_OR_NULL (agreement, agreement > 0), STEAD_STRING (received),
                STEAD_STRING (retention), STEAD_INT (points)),
    error);
  if (list < 0 || (bulk = stead_bulk_index_begin (txn, "groups_household", error)) == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const GroupsHouseholdPlace *at =
        &g_array_index (postcodes, GroupsHouseholdPlace, g_rand_int_range (rng, 0, postcodes->len));
      guint n_codes = g_rand_int_range (rng, 1, 4);
      g_autoptr(GPtrArray) codes = g_ptr_array_new ();
      gint64 fid;
      g_autofree char *needs_text = NULL;
      g_autofree char *needs = NULL;
      g_autofree char *reference = g_strdup_printf ("DEMO-PSR-%06u", first + i);
      g_autofree char *householder = g_strdup_printf ("Demo Householder %04u", first + i);
      g_autofree char *phone = g_strdup_printf ("01632 960%03u", (first + i) % 1000);
      g_autofree char *address = g_strdup_printf (
        "%u %s", (guint) g_rand_int_range (rng, 1, 120),
        groups_demo_streets[g_rand_int_range (rng, 0, G_N_ELEMENTS (groups_demo_streets))]);

      for (guint c = 0; c < n_codes; c++)
        g_ptr_array_add (codes, (gpointer) groups_demo_codes[g_rand_int_range (
                                  rng, 0, G_N_ELEMENTS (groups_demo_codes))]);
      g_ptr_array_add (codes, NULL);
      needs_text = g_strjoinv (" ", (char **) codes->pdata);
      needs = groups_psr_normalize_needs (needs_text, error);
      if (needs == NULL)
        return FALSE;
      fid = stead_transaction_run (
        txn,
        "INSERT INTO groups_household (geom, list, reference, postcode, needs, name, phone, "
        "address, area) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        STEAD_ARGS (STEAD_BLOB (at->blob), STEAD_INT (list), STEAD_STRING (reference),
                    STEAD_STRING (at->postcode), STEAD_STRING (needs), STEAD_STRING (householder),
                    STEAD_STRING (phone), STEAD_STRING (address),
                    STEAD_INT_OR_NULL (at->ward, at->ward > 0)),
        error);
      if (fid < 0)
        return FALSE;
      stead_bulk_index_add (bulk, fid, at->lon, at->lat);
    }
  return stead_bulk_index_finish (bulk, error);
}

gint64
groups_households_ward_at (SteadTransaction  *txn,
                           double             lon,
                           double             lat,
                           GError           **error)
{
  g_autoptr(SteadGeometry) point = stead_geometry_new_point (lon, lat);
  gint64 ward = 0;

  if (!stead_transaction_query_int64 (
        txn,
        "SELECT coalesce ((SELECT a.fid FROM rtree_area_geom r JOIN area a ON a.fid = r.id "
        "WHERE r.minx <= ?1 AND r.maxx >= ?1 AND r.miny <= ?2 AND r.maxy >= ?2 "
        "AND a.kind = 'ward' AND Stead_Contains (a.geom, ?3) ORDER BY a.fid LIMIT 1), 0)",
        STEAD_ARGS (STEAD_DOUBLE (lon), STEAD_DOUBLE (lat), STEAD_GEOMETRY (point)), &ward))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Could not find the ward of a household"));
      return -1;
    }
  return ward;
}

gboolean
groups_households_populate_demo (SteadTransaction  *txn,
                                 guint              scale,
                                 GRand             *rng,
                                 GError           **error)
{
  SteadWorkspace *workspace = stead_transaction_get_workspace (txn);
  SteadRecordProvider *agreements = stead_workspace_get_provider (workspace, "agreement");
  g_autoptr(GArray) postcodes = g_array_new (FALSE, TRUE, sizeof (GroupsHouseholdPlace));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) received = g_date_time_add_days (now, -20);
  g_autoptr(GDateTime) keep = g_date_time_add_months (now, 4);
  g_autoptr(GDateTime) soon = g_date_time_add_days (now, 3);
  g_autoptr(GDateTime) older = g_date_time_add_days (now, -85);
  g_autofree char *received_day = g_date_time_format (received, "%Y-%m-%d");
  g_autofree char *keep_day = g_date_time_format (keep, "%Y-%m-%d");
  g_autofree char *soon_day = g_date_time_format (soon, "%Y-%m-%d");
  g_autofree char *older_day = g_date_time_format (older, "%Y-%m-%d");
  gint64 agreement = 0;
  gint64 power, water;
  /* Ten households a unit of scale (2,000 at the default), up to 200,000:
   * a county's share of a network's register, the size bench/import
   * times; beyond it the demo would be all households. */
  guint n = CLAMP ((guint64) scale * 10, 20, 200000);

  g_array_set_clear_func (postcodes, groups_households_demo_postcode_clear);
  if (agreements != NULL)
    agreement = stead_record_provider_find (agreements, "agreement",
                                            GROUPS_DEMO_AGREEMENT);
  power = stead_workspace_query_int64 (
    workspace, "SELECT id FROM groups_group WHERE category = 'power-dependent'", NULL, 0);
  water = stead_workspace_query_int64 (
    workspace, "SELECT id FROM groups_group WHERE category = 'water-dependent'", NULL, 0);

  /* The directory's postcodes with their ward, found once; households go
   * only where there is a ward (the borough, not its fringe). */
  stmt = stead_transaction_prepare (txn,
                                    "SELECT postcode, lon, lat FROM stead_postcode "
                                    "ORDER BY postcode",
                                    error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GroupsHouseholdPlace at = { NULL, sqlite3_column_double (stmt, 1),
                                  sqlite3_column_double (stmt, 2), 0, TRUE };

      at.ward = groups_households_ward_at (txn, at.lon, at.lat, error);
      if (at.ward < 0)
        return FALSE;
      if (at.ward == 0)
        continue;
      at.postcode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      g_array_append_val (postcodes, at);
    }
  if (postcodes->len == 0)
    return TRUE;
  /* Their points, once the array no longer moves. */
  for (guint i = 0; i < postcodes->len; i++)
    {
      groups_household_place_set_point (&g_array_index (postcodes, GroupsHouseholdPlace, i));
    }

  return groups_households_demo_list (txn, "Midshires PSR extract (demo)", power, agreement,
                                      TRUE, received_day, keep_day, n, 1, postcodes, rng,
                                      error) &&
         groups_households_demo_list (txn, "Severn Water PSR, winter check (demo)", water, 0,
                                      FALSE, older_day, soon_day, MAX (5, n / 40), n + 1,
                                      postcodes, rng, error);
}

/* ------------------------------------------------------------------------ */
/* Purged the moment the retention date comes, while a workspace is open   */

typedef struct
{
  SteadWorkspace *workspace;   /* borrowed: unwatched before it goes */
  guint           timeout;
  gulong          changed;
} GroupsRetentionWatch;

static GHashTable *groups_retention_watches;   /* SteadWorkspace * → GroupsRetentionWatch */

static void groups_households_schedule (GroupsRetentionWatch *watch);

static gboolean
groups_households_on_timeout (gpointer user_data)
{
  GroupsRetentionWatch *watch = user_data;
  g_autoptr(GError) error = NULL;

  watch->timeout = 0;
  /* Busy with another change (an import in its thread): soon again. */
  if (!groups_households_purge_expired (watch->workspace, NULL, NULL, &error))
    {
      g_debug ("Household lists not purged yet: %s", error->message);
      watch->timeout = g_timeout_add_seconds (60, groups_households_on_timeout, watch);
      return G_SOURCE_REMOVE;
    }
  groups_households_schedule (watch);
  return G_SOURCE_REMOVE;
}

/* The next check: at the start of the next list's retention day, and at
 * least hourly (a clock changed, a laptop asleep over midnight). */
static void
groups_households_schedule (GroupsRetentionWatch *watch)
{
  g_autofree char *next = groups_households_next_expiry (watch->workspace);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint seconds = 3600;

  g_clear_handle_id (&watch->timeout, g_source_remove);
  if (next == NULL)
    return;
  {
    int y = 0, m = 0, d = 0;

    if (sscanf (next, "%d-%d-%d", &y, &m, &d) == 3)
      {
        g_autoptr(GDateTime) due = g_date_time_new_local (y, m, d, 0, 0, 0);

        if (due != NULL)
          {
            GTimeSpan left = g_date_time_difference (due, now) / G_TIME_SPAN_SECOND;

            seconds = (guint) CLAMP (left + 1, 0, 3600);
          }
      }
  }
  watch->timeout = g_timeout_add_seconds (seconds, groups_households_on_timeout, watch);
}

static void
groups_households_on_changed (SteadWorkspace     *workspace,
                              const char * const *tables,
                              gpointer            user_data)
{
  if (stead_tables_have (tables, "groups_household_list"))
    groups_households_schedule (user_data);
}

static void
groups_households_watch_free (gpointer data)
{
  GroupsRetentionWatch *watch = data;

  g_clear_handle_id (&watch->timeout, g_source_remove);
  g_clear_signal_handler (&watch->changed, watch->workspace);
  g_free (watch);
}

void
groups_households_watch (SteadWorkspace *workspace)
{
  GroupsRetentionWatch *watch;

  g_return_if_fail (STEAD_IS_WORKSPACE (workspace));

  if (stead_workspace_is_read_only (workspace))
    return;
  if (groups_retention_watches == NULL)
    groups_retention_watches = g_hash_table_new_full (NULL, NULL, NULL,
                                                      groups_households_watch_free);
  if (g_hash_table_contains (groups_retention_watches, workspace))
    return;
  watch = g_new0 (GroupsRetentionWatch, 1);
  watch->workspace = workspace;
  watch->changed = g_signal_connect (workspace, "changed",
                                     G_CALLBACK (groups_households_on_changed), watch);
  g_hash_table_insert (groups_retention_watches, workspace, watch);
  groups_households_schedule (watch);
}

void
groups_households_unwatch (SteadWorkspace *workspace)
{
  if (groups_retention_watches != NULL)
    g_hash_table_remove (groups_retention_watches, workspace);
}

gboolean
groups_households_is_watched (SteadWorkspace *workspace)
{
  GroupsRetentionWatch *watch = groups_retention_watches != NULL
                                  ? g_hash_table_lookup (groups_retention_watches, workspace)
                                  : NULL;

  return watch != NULL && watch->timeout != 0;
}
