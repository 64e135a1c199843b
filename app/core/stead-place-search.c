/* stead-place-search.c: finding a place on the map from what a user types
 *
 * What the map's search (Ctrl+F) finds, in this order:
 * - coordinates: "52.0, -2.15", "52°N 2.15°W", "52°0′0″N 2°9′0″W";
 * - British National Grid references: letters and 2 to 10 digits
 *   ("SO 89 32", "SO8932", "SO 89000 32000": the square whose south-west
 *   corner they give), or eastings and northings in metres
 *   ("389000,232000"), read by stead-position.c and converted to WGS84
 *   with PROJ (EPSG:27700, the OSGB36 datum: about 100 m from WGS84 in
 *   places, so it matters);
 * - postcodes from the workspace's offline directory (stead_postcode):
 *   a whole one, with or without its space and in any case, a district
 *   ("GL20") or sector ("GL20 5") as the box their postcodes cover, then
 *   the first few postcodes that start with what is typed;
 * - areas (wards, parishes, LSOAs…) whose name holds what is typed, or
 *   whose words start with it (the search index);
 * - records the plugins index that say where they are (a record kind's
 *   locate_sql: a partner site, a partner's sites, a risk's hazard areas).
 *
 * The search itself reads only: stead_workspace_find_places_async() runs
 * on a read-only connection of its own in a thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-place-search"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "stead-importer.h"
#include "stead-place-private.h"
#include "stead-place-search.h"
#include "stead-position.h"
#include "stead-proj.h"
#include "stead-record-provider.h"
#include "stead-search-private.h"
#include "stead-search.h"
#include "stead-workspace-private.h"

/* How many postcodes that start with what is typed are listed. */
#define POSTCODE_PREFIX_MAX 8

/* ------------------------------------------------------------------------ */
/* What a search needs to know, gathered where the workspace lives           */

/* A kind of record that says where it is. */
typedef struct
{
  char *label;       /* "Partner site": translated, with a capital */
  char *locate_sql;
} LocatableKind;

static void
stead_place_search_locatable_free (LocatableKind *kind)
{
  g_free (kind->label);
  g_free (kind->locate_sql);
  g_free (kind);
}

typedef struct
{
  char       *text;
  guint       limit;
  GHashTable *kinds;  /* kind -> LocatableKind */
} PlaceQuery;

static void
stead_place_search_query_free (PlaceQuery *query)
{
  g_free (query->text);
  g_clear_pointer (&query->kinds, g_hash_table_unref);
  g_free (query);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlaceQuery, stead_place_search_query_free)

/* "partner site" starts a line here: "Partner site". */
static char *
stead_place_search_capitalise (const char *label)
{
  char head[8] = { 0 };

  g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (label)), head);
  return g_strconcat (head, g_utf8_next_char (label), NULL);
}

static void
stead_place_search_add_kinds (SteadWorkspace *workspace,
                              const char     *module_name,
                              GObject        *addin,
                              gpointer        user_data)
{
  GHashTable *kinds = user_data;
  SteadRecordProviderInterface *iface;
  const SteadRecordKind *list;
  guint n = 0;

  if (!STEAD_IS_RECORD_PROVIDER (addin))
    return;
  iface = STEAD_RECORD_PROVIDER_GET_IFACE (addin);
  list = iface->get_kinds != NULL ? iface->get_kinds (STEAD_RECORD_PROVIDER (addin), &n) : NULL;
  for (guint i = 0; i < n; i++)
    {
      LocatableKind *kind;

      if (list[i].locate_sql == NULL || g_hash_table_contains (kinds, list[i].kind))
        continue;
      kind = g_new0 (LocatableKind, 1);
      kind->label =
        stead_place_search_capitalise (stead_workspace_get_kind_label (workspace, list[i].kind));
      kind->locate_sql = g_strdup (list[i].locate_sql);
      g_hash_table_insert (kinds, g_strdup (list[i].kind), kind);
    }
}

/* Everything the search needs from the workspace's plugins, copied, so
 * that it can run in a thread. */
static PlaceQuery *
stead_place_search_query_new (SteadWorkspace *workspace,
                              const char     *text,
                              guint           limit)
{
  PlaceQuery *query = g_new0 (PlaceQuery, 1);

  query->text = g_strstrip (g_strdup (text));
  query->limit = limit;
  query->kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) stead_place_search_locatable_free);
  stead_workspace_foreach_addin (workspace, stead_place_search_add_kinds, query->kinds);
  return query;
}

/* ------------------------------------------------------------------------ */
/* The search                                                                */

typedef struct
{
  sqlite3      *db;
  PlaceQuery   *query;
  GPtrArray    *places;      /* of SteadPlace */
  GHashTable   *seen;        /* "kind:ref" of the records found */
  GCancellable *cancellable;
} Search;

static gboolean
stead_place_search_full (Search *search)
{
  return search->places->len >= search->query->limit;
}

static void
stead_place_search_add (Search     *search,
                        SteadPlace *place)
{
  if (stead_place_search_full (search))
    {
      g_object_unref (place);
      return;
    }
  g_ptr_array_add (search->places, place);
}

static GPtrArray *
stead_place_search_shapes_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) stead_geometry_unref);
}

static GPtrArray *
stead_place_search_point (double lon,
                          double lat)
{
  GPtrArray *shapes = stead_place_search_shapes_new ();

  g_ptr_array_add (shapes, stead_geometry_new_point (lon, lat));
  return shapes;
}

/* "52.00000° N, 2.15000° W" in degrees, minutes and seconds: "52°0′0″ N". */
static char *
stead_place_search_format_dms (double      degrees,
                               const char *positive,
                               const char *negative)
{
  double value = fabs (degrees);
  int total = (int) round (value * 3600);

  /* TRANSLATORS: degrees, minutes, seconds and hemisphere: 52°0′0″ N */
  return g_strdup_printf (_("%d°%d′%d″ %s"), total / 3600, total / 60 % 60, total % 60,
                          degrees < 0 ? negative : positive);
}

static void
stead_place_search_coordinates (Search *search,
                                double  lat,
                                double  lon)
{
  char la[G_ASCII_DTOSTR_BUF_SIZE], lo[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *title = NULL;
  g_autofree char *dms_lat = NULL;
  g_autofree char *dms_lon = NULL;
  g_autofree char *detail = NULL;

  g_ascii_formatd (la, sizeof la, "%.5f", lat);
  g_ascii_formatd (lo, sizeof lo, "%.5f", lon);
  title = g_strdup_printf ("%s, %s", la, lo);
  dms_lat = stead_place_search_format_dms (lat, C_("hemisphere", "N"), C_("hemisphere", "S"));
  dms_lon = stead_place_search_format_dms (lon, C_("hemisphere", "E"), C_("hemisphere", "W"));
  /* TRANSLATORS: a latitude, then a longitude */
  detail = g_strdup_printf (_("%s, %s"), dms_lat, dms_lon);
  stead_place_search_add (search,
                          stead_place_new (STEAD_PLACE_COORDINATES, _("Coordinates"), title,
                                           detail, stead_place_search_point (lon, lat)));
}

/* Where a grid reference is: its point, or the outline of its square
 * (each side in eight steps: the grid is not quite square to the
 * meridians). */
static GPtrArray *
stead_place_search_grid_shapes (SteadProj *proj,
                                double     e,
                                double     n,
                                double     size)
{
  g_autoptr(GPtrArray) shapes = stead_place_search_shapes_new ();
  static const double corners[][2] = { { 0, 0 }, { 1, 0 }, { 1, 1 }, { 0, 1 }, { 0, 0 } };
  g_autoptr(GArray) ring = g_array_new (FALSE, FALSE, sizeof (SteadCoord));
  double lon, lat;

  if (size <= 1)
    {
      if (!stead_proj_to_wgs84 (proj, e, n, &lon, &lat))
        return NULL;
      g_ptr_array_add (shapes, stead_geometry_new_point (lon, lat));
      return g_steal_pointer (&shapes);
    }
  for (guint c = 0; c + 1 < G_N_ELEMENTS (corners); c++)
    for (guint step = 0; step < 8 || (c == 3 && step == 8); step++)
      {
        double t = step / 8.0;
        double x = corners[c][0] + (corners[c + 1][0] - corners[c][0]) * t;
        double y = corners[c][1] + (corners[c + 1][1] - corners[c][1]) * t;
        SteadCoord coord;

        if (!stead_proj_to_wgs84 (proj, e + x * size, n + y * size, &coord.x, &coord.y))
          return NULL;
        g_array_append_val (ring, coord);
      }
  g_ptr_array_add (shapes, stead_geometry_new_polygon ((SteadCoord *) ring->data, ring->len));
  return g_steal_pointer (&shapes);
}

static void
stead_place_search_grid_ref (Search *search,
                             double  e,
                             double  n,
                             double  size)
{
  g_autoptr(SteadProj) proj = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  GPtrArray *shapes;
  const char *text = search->query->text;

  if (!(proj = stead_proj_new ("EPSG:27700", &error)))
    {
      g_warning ("%s", error->message);
      return;
    }
  if (!(shapes = stead_place_search_grid_shapes (proj, e, n, size)))
    return;
  if (g_ascii_isalpha (text[0]))
    {
      /* As it is usually written, and the corner it names in metres. */
      title = stead_grid_ref_format (e, n, 5 - (guint) round (log10 (size)));
      detail = g_strdup_printf ("%.0f, %.0f", e, n);
    }
  else
    {
      title = g_strdup_printf ("%.0f, %.0f", e, n);
      detail = stead_grid_ref_format (e, n, 5);
    }
  stead_place_search_add (search, stead_place_new (STEAD_PLACE_GRID_REFERENCE,
                                                   _("Grid reference"), title, detail, shapes));
}

/* "GL205AA" as it is written: "GL20 5AA". */
static char *
stead_place_search_postcode_title (const char *key)
{
  gsize len = strlen (key);

  return g_strdup_printf ("%.*s %s", (int) (len - 3), key, key + len - 3);
}

/* What is typed, upper case without spaces, if it could start a
 * postcode: a letter first, letters and digits, a digit among them. */
static char *
stead_place_search_postcode_key (const char *text)
{
  g_autoptr(GString) key = g_string_new (NULL);
  gboolean digit = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        continue;
      if (!g_ascii_isalnum (*p) || key->len == 7)
        return NULL;
      digit |= g_ascii_isdigit (*p);
      g_string_append_c (key, g_ascii_toupper (*p));
    }
  if (key->len < 2 || !g_ascii_isalpha (key->str[0]) || !digit)
    return NULL;
  return g_string_free (g_steal_pointer (&key), FALSE);
}

/* An outward code alone: "GL20", "SW1A", "B1". */
static gboolean
stead_place_search_is_outward (const char *text)
{
  gsize i = 0, letters, digits;

  while (g_ascii_isalpha (text[i]))
    i++;
  letters = i;
  while (g_ascii_isdigit (text[i]))
    i++;
  digits = i - letters;
  if (g_ascii_isalpha (text[i]))
    i++;
  return text[i] == '\0' && letters >= 1 && letters <= 2 && digits >= 1 && digits <= 2;
}

/* The box of the postcodes of a district (@prefix "GL20", its postcodes
 * @length long) or a sector ("GL205"). */
static void
stead_place_search_postcode_group (Search     *search,
                                   const char *prefix,
                                   gsize       length,
                                   const char *title,
                                   const char *label)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *detail = NULL;
  gint64 count;

  if (sqlite3_prepare_v2 (search->db,
                          "SELECT count(*), min (lon), min (lat), max (lon), max (lat) "
                          "FROM stead_postcode WHERE postcode >= ?1 AND postcode < ?1 || '~' "
                          "AND length (postcode) = ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, (gint64) length);
  if (sqlite3_step (stmt) != SQLITE_ROW || (count = sqlite3_column_int64 (stmt, 0)) == 0)
    return;
  {
    double w = sqlite3_column_double (stmt, 1), s = sqlite3_column_double (stmt, 2);
    double e = sqlite3_column_double (stmt, 3), n = sqlite3_column_double (stmt, 4);
    const SteadCoord box[] = { { w, s }, { e, s }, { e, n }, { w, n }, { w, s } };
    GPtrArray *shapes = stead_place_search_shapes_new ();

    g_ptr_array_add (shapes, stead_geometry_new_polygon (box, G_N_ELEMENTS (box)));
    detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld postcode", "%lld postcodes",
                                           (gulong) count),
                              (long long) count);
    stead_place_search_add (search,
                            stead_place_new (STEAD_PLACE_POSTCODE, label, title, detail, shapes));
  }
}

static void
stead_place_search_postcode_row (Search       *search,
                                 sqlite3_stmt *stmt)
{
  const char *key = (const char *) sqlite3_column_text (stmt, 0);
  g_autofree char *title = stead_place_search_postcode_title (key);

  stead_place_search_add (search,
                          stead_place_new (STEAD_PLACE_POSTCODE, _("Postcode"), title, NULL,
                                           stead_place_search_point (
                                             sqlite3_column_double (stmt, 1),
                                             sqlite3_column_double (stmt, 2))));
}

/* A whole postcode, or the district or sector typed. */
static gboolean
stead_place_search_postcodes (Search *search)
{
  const char *text = search->query->text;
  g_autofree char *unit = stead_postcode_normalize (text);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *space;

  if (unit != NULL)
    {
      if (sqlite3_prepare_v2 (search->db,
                              "SELECT postcode, lon, lat FROM stead_postcode WHERE postcode = ?1",
                              -1, &stmt, NULL) != SQLITE_OK)
        return FALSE;
      sqlite3_bind_text (stmt, 1, unit, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          stead_place_search_postcode_row (search, stmt);
          return TRUE;
        }
    }

  space = strchr (text, ' ');
  if (space == NULL && stead_place_search_is_outward (text))
    {
      g_autofree char *district = g_ascii_strup (text, -1);

      stead_place_search_postcode_group (search, district, strlen (district) + 3, district,
                                         _("Postcode district"));
    }
  else if (space != NULL && g_ascii_isdigit (space[1]) && space[2] == '\0')
    {
      g_autofree char *outward = g_ascii_strup (text, space - text);
      g_autofree char *sector = g_strconcat (outward, space + 1, NULL);
      g_autofree char *title = g_strdup_printf ("%s %c", outward, space[1]);

      if (stead_place_search_is_outward (outward))
        stead_place_search_postcode_group (search, sector, strlen (outward) + 3, title,
                                           _("Postcode sector"));
    }
  return FALSE;
}

/* The first few postcodes that start with what is typed ("GL20 5A"). */
static void
stead_place_search_postcode_units (Search *search)
{
  g_autofree char *key = stead_place_search_postcode_key (search->query->text);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (key == NULL || stead_place_search_full (search))
    return;
  if (sqlite3_prepare_v2 (search->db,
                          "SELECT postcode, lon, lat FROM stead_postcode "
                          "WHERE postcode >= ?1 AND postcode < ?1 || '~' AND postcode != ?1 "
                          "ORDER BY postcode LIMIT ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, POSTCODE_PREFIX_MAX);
  while (sqlite3_step (stmt) == SQLITE_ROW && !stead_place_search_full (search))
    stead_place_search_postcode_row (search, stmt);
}

/* What a user calls an area of @kind, translated. */
static char *
stead_place_search_area_label (const char *kind)
{
  static const struct
  {
    const char *kind;
    const char *label;
  } labels[] = {
    { "boundary", N_("Boundary") },
    { "ward", N_("Ward") },
    { "parish", N_("Parish") },
    { "lsoa", N_("LSOA") },
    { "msoa", N_("MSOA") },
    { "oa", N_("Output area") },
    { "district", N_("District") },
    { "county", N_("County") },
    { "hazard", N_("Hazard area") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_ascii_strcasecmp (kind, labels[i].kind) == 0 ||
        /* "lsoa21", "lsoa11": the vintage does not change what it is. */
        (g_ascii_strncasecmp (kind, labels[i].kind, strlen (labels[i].kind)) == 0 &&
         strlen (labels[i].kind) > 2 && g_ascii_isdigit (kind[strlen (labels[i].kind)])))
      return g_strdup (_(labels[i].label));
  return stead_place_search_capitalise (kind);
}

/* An area row: fid, kind, code, name, geom. */
static void
stead_place_search_area_row (Search       *search,
                             sqlite3_stmt *stmt)
{
  gint64 fid = sqlite3_column_int64 (stmt, 0);
  g_autofree char *key = g_strdup_printf ("area:%" G_GINT64_FORMAT, fid);
  g_autofree char *label = NULL;
  g_autoptr(SteadGeometry) geom = NULL;
  GPtrArray *shapes;
  SteadPlace *place;

  if (g_hash_table_contains (search->seen, key) || sqlite3_column_type (stmt, 4) != SQLITE_BLOB)
    return;
  geom = stead_geometry_new_from_gpkg (sqlite3_column_blob (stmt, 4),
                                       sqlite3_column_bytes (stmt, 4), NULL, NULL);
  if (geom == NULL || stead_geometry_is_empty (geom))
    return;
  g_hash_table_add (search->seen, g_steal_pointer (&key));
  label = stead_place_search_area_label ((const char *) sqlite3_column_text (stmt, 1));
  shapes = stead_place_search_shapes_new ();
  g_ptr_array_add (shapes, g_steal_pointer (&geom));
  place = stead_place_new (STEAD_PLACE_AREA, label, (const char *) sqlite3_column_text (stmt, 3),
                           (const char *) sqlite3_column_text (stmt, 2), shapes);
  stead_place_set_record (place, STEAD_CORE_OWNER, "area", fid);
  stead_place_search_add (search, place);
}

/* Areas whose name holds what is typed, those it starts first. */
static void
stead_place_search_areas (Search *search)
{
  g_autoptr(GString) pattern = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  for (const char *p = search->query->text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  if (sqlite3_prepare_v2 (search->db,
                          "SELECT fid, kind, code, name, geom FROM area "
                          "WHERE geom IS NOT NULL AND (name LIKE '%' || ?1 || '%' ESCAPE '\\' "
                          "OR code = ?2 COLLATE NOCASE) "
                          "ORDER BY code = ?2 COLLATE NOCASE DESC, "
                          "name LIKE ?1 || '%' ESCAPE '\\' DESC, length (name), name LIMIT ?3",
                          -1, &stmt, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_text (stmt, 1, pattern->str, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, search->query->text, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, (int) search->query->limit);
  while (sqlite3_step (stmt) == SQLITE_ROW && !stead_place_search_full (search))
    stead_place_search_area_row (search, stmt);
}

/* A record the index found, where its kind's locate_sql says it is. */
static void
stead_place_search_record (Search               *search,
                           const SteadSearchHit *hit)
{
  LocatableKind *kind = g_hash_table_lookup (search->query->kinds, hit->kind);
  g_autofree char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, hit->kind, hit->ref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) shapes = stead_place_search_shapes_new ();
  SteadPlace *place;

  if (kind == NULL || g_hash_table_contains (search->seen, key))
    return;
  if (sqlite3_prepare_v2 (search->db, kind->locate_sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_debug ("Cannot locate %s: %s", hit->kind, sqlite3_errmsg (search->db));
      return;
    }
  sqlite3_bind_int64 (stmt, 1, hit->ref);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      SteadGeometry *geom;

      if (sqlite3_column_type (stmt, 0) != SQLITE_BLOB)
        continue;
      geom = stead_geometry_new_from_gpkg (sqlite3_column_blob (stmt, 0),
                                           sqlite3_column_bytes (stmt, 0), NULL, NULL);
      if (geom != NULL && !stead_geometry_is_empty (geom))
        g_ptr_array_add (shapes, geom);
      else if (geom != NULL)
        stead_geometry_unref (geom);
    }
  if (shapes->len == 0)
    return;   /* not on the map */
  g_hash_table_add (search->seen, g_steal_pointer (&key));
  place = stead_place_new (STEAD_PLACE_RECORD, kind->label, hit->title, NULL,
                           g_steal_pointer (&shapes));
  stead_place_set_record (place, hit->owner, hit->kind, hit->ref);
  stead_place_search_add (search, place);
}

/* What the search index finds by the start of its words: areas
 * ("tewk town"), then records that say where they are. */
static void
stead_place_search_index (Search *search)
{
  g_autofree char *query = stead_search_make_query (search->query->text);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) area = NULL;

  if (query == NULL || stead_place_search_full (search))
    return;
  /* Room for the hits that are not on the map. */
  hits = stead_search_run (search->db, query, search->query->limit * 3, &error);
  if (hits == NULL)
    {
      g_debug ("%s", error->message);
      return;
    }
  if (sqlite3_prepare_v2 (search->db, "SELECT fid, kind, code, name, geom FROM area WHERE fid = ?",
                          -1, &area, NULL) != SQLITE_OK)
    return;
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < hits->len && !stead_place_search_full (search); i++)
      {
        const SteadSearchHit *hit = g_ptr_array_index (hits, i);
        gboolean is_area =
          g_strcmp0 (hit->owner, STEAD_CORE_OWNER) == 0 && g_strcmp0 (hit->kind, "area") == 0;

        if (g_cancellable_is_cancelled (search->cancellable))
          return;
        if (pass == 0 && is_area)
          {
            sqlite3_bind_int64 (area, 1, hit->ref);
            if (sqlite3_step (area) == SQLITE_ROW)
              stead_place_search_area_row (search, area);
            sqlite3_reset (area);
          }
        else if (pass == 1 && !is_area)
          stead_place_search_record (search, hit);
      }
}

static GPtrArray *
stead_place_search_run (sqlite3      *db,
                        PlaceQuery   *query,
                        GCancellable *cancellable)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Search search = { db, query, g_ptr_array_new_with_free_func (g_object_unref), seen,
                    cancellable };
  double a, b, size;

  if (query->text[0] == '\0' || query->limit == 0)
    return search.places;

  /* A position is all that numbers can be. */
  if (stead_coordinates_parse (query->text, &a, &b))
    {
      stead_place_search_coordinates (&search, a, b);
      return search.places;
    }
  if (stead_grid_ref_parse (query->text, &a, &b, &size))
    {
      stead_place_search_grid_ref (&search, a, b, size);
      if (!g_ascii_isalpha (query->text[0]))
        return search.places;
    }
  /* "SO16" is a grid square and a postcode district too: both are found.
   * What can only start a postcode lists postcodes before names. */
  if (stead_place_search_postcodes (&search) || g_cancellable_is_cancelled (cancellable))
    return search.places;
  stead_place_search_postcode_units (&search);
  if (!g_cancellable_is_cancelled (cancellable))
    stead_place_search_areas (&search);
  if (!g_cancellable_is_cancelled (cancellable))
    stead_place_search_index (&search);
  return search.places;
}

/**
 * stead_workspace_find_places:
 * @workspace: a #SteadWorkspace
 * @text: what the user typed
 * @limit: at most this many places
 * @error: a #GError
 *
 * Finds where @text is: a position (coordinates, a grid reference), a
 * postcode, an area or a record that is on the map, best first. Reads
 * only.
 *
 * Returns: (transfer container) (element-type SteadPlace): the places
 */
GPtrArray *
stead_workspace_find_places (SteadWorkspace  *workspace,
                             const char      *text,
                             guint            limit,
                             GError         **error)
{
  g_autoptr(PlaceQuery) query = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (workspace->db == NULL)
    {
      g_set_error_literal (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_CLOSED,
                           _("The workspace is closed"));
      return NULL;
    }
  query = stead_place_search_query_new (workspace, text, limit);
  return stead_place_search_run (workspace->db, query, NULL);
}

static void
stead_place_search_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *places;
  sqlite3 *db;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!(db = stead_workspace_open_reader (source_object, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  places = stead_place_search_run (db, task_data, cancellable);
  sqlite3_close (db);
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, places, (GDestroyNotify) g_ptr_array_unref);
  else
    g_ptr_array_unref (places);
}

/**
 * stead_workspace_find_places_async:
 * @workspace: a #SteadWorkspace
 * @text: what the user typed
 * @limit: at most this many places
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the places
 * @user_data: for @callback
 *
 * Finds places as stead_workspace_find_places() does, in a thread on a
 * read-only connection of its own, so a large postcode directory never
 * holds up the window.
 */
void
stead_workspace_find_places_async (SteadWorkspace      *workspace,
                                   const char          *text,
                                   guint                limit,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STEAD_IS_WORKSPACE (workspace));
  g_return_if_fail (text != NULL);

  task = g_task_new (workspace, cancellable, callback, user_data);
  g_task_set_source_tag (task, stead_workspace_find_places_async);
  g_task_set_task_data (task, stead_place_search_query_new (workspace, text, limit),
                        (GDestroyNotify) stead_place_search_query_free);
  g_task_run_in_thread (task, stead_place_search_thread);
}

/**
 * stead_workspace_find_places_finish:
 * @workspace: a #SteadWorkspace
 * @result: the #GAsyncResult
 * @error: a #GError; %G_IO_ERROR_CANCELLED if it was cancelled
 *
 * Returns: (transfer container) (element-type SteadPlace): the places,
 *   best first
 */
GPtrArray *
stead_workspace_find_places_finish (SteadWorkspace  *workspace,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, workspace), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
