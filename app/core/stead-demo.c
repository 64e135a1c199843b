/* stead-demo.c: the demo area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real place, so real base maps line up: Tewkesbury borough, where the
 * Severn and the Avon meet and which flooded in July 2007. Its boundary
 * and wards (2013), LSOAs (2011) and postcodes (OS Code-Point Open, August
 * 2014) are real open data (data/demo/README.md, OGL v3), compiled into
 * the core's GResource and imported by the importers a user runs; the
 * flood zone is drawn for the demo. Every person, need and resource in it
 * is fictional, and sits at a real postcode inside the boundary, or, once
 * the postcodes it may take all have one (those of the flood zone, for
 * most of the flood's needs), a few metres from one. The same seed and
 * scale always give the same workspace.
 */

#define G_LOG_DOMAIN "stead-demo"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "stead-demo.h"
#include "stead-geometry.h"
#include "stead-import-formats-private.h"
#include "stead-output.h"
#include "stead-workspace.h"
#include "stead-record-provider.h"
#include "stead-workspace-addin.h"
#include "stead-workspace-private.h"

#define DEMO_DATA "resource:///io/github/steadapp/Stead/core/demo/"
#define DEMO_FLOOD_ZONE "DEMO-H01"

/* 1 December 2024 00:00 UTC: the demo's two years of needs start here,
 * and end on 1 December 2026 (DEMO_DAYS later). */
#define DEMO_HISTORY_START 1733011200
#define DAY                (24 * 60 * 60)
#define DEMO_DAYS          730
/* The incident: the Severn and the Avon flood Tewkesbury in the week
 * from Monday 20 July 2026 (local time; 23:00 UTC the day before), as
 * they did in July 2007. */
#define INCIDENT_START     1784502000
/* Its share of the demo's needs: about twelve times the usual week. */
#define INCIDENT_SHARE     0.12

/* Once the postcodes a record may take all have one, it is up to this far
 * from its postcode. */
#define JITTER_METRES     20.0
#define METRES_PER_DEGREE 111320.0

/* The demo's areas, imported as an officer would import them. */
static const struct
{
  const char *file;
  const char *kind;
} area_files[] = {
  { "district-2013.geojson", "boundary" },
  { "wards-2013.geojson", "ward" },
  { "lsoa-2011.geojson", "lsoa" },
  { "flood-zone.geojson", "hazard" },
};

static const struct {
  const char *kind;
  int         weight;
} need_kinds[] = {
  { "welfare-check", 25 }, { "food", 15 }, { "medication", 12 }, { "transport", 10 },
  { "heating", 8 }, { "power-dependent", 5 }, { "information", 5 }, { "emotional-support", 5 },
  { "water", 5 }, { "shelter", 4 }, { "evacuation", 3 }, { "clean-up", 3 },
};

/* Fictional services at real postcodes where such places plausibly are;
 * the rest centres are out of the flood zone, across the borough. */
static const struct {
  const char *kind;
  const char *title;
  const char *postcode;
  int         capacity;
} fixed_resources[] = {
  { "rest-centre", N_("Rest centre: Tewkesbury Leisure Centre (fictional)"), "GL20 5RP", 250 },
  { "rest-centre", N_("Rest centre: Northway Community Hall (fictional)"), "GL20 8SR", 120 },
  { "rest-centre", N_("Rest centre: Bishop’s Cleeve Village Hall (fictional)"), "GL52 8NE", 150 },
  { "rest-centre", N_("Rest centre: Winchcombe Town Hall (fictional)"), "GL54 5SF", 80 },
  { "rest-centre", N_("Rest centre: Churchdown Community Centre (fictional)"), "GL3 2JR", 150 },
  { "rest-centre", N_("Rest centre: Brockworth Community Centre (fictional)"), "GL3 4QY", 120 },
  { "community-hub", N_("Community hub: Abbey Lawn (fictional)"), "GL20 5AN", 60 },
  { "food-supply", N_("Food bank: High Street (fictional)"), "GL20 5AX", 400 },
  { "sandbags", N_("Sandbag store: Ashchurch depot (fictional)"), "GL20 8TU", 2000 },
  { "generator", N_("Generator: fire station (fictional)"), "GL20 5RL", 2 },
  { "warm-space", N_("Warm space: library (fictional)"), "GL20 5PL", 40 },
};

static const char *resource_kinds[] = {
  "transport", "4x4", "welfare-team", "first-aid", "catering", "volunteers", "translation",
};

/* A postcode of the directory inside the boundary. */
typedef struct
{
  double lon;
  double lat;
  double edge_metres;   /* how far the boundary is: nearer than the jitter, a point is checked */
} DemoPlace;

/* Where records go: each postcode once, without replacement, from the
 * flood zone's or the rest; then any postcode again, a few metres off. */
typedef struct
{
  GArray        *places;      /* DemoPlace, in postcode order */
  GArray        *flooded;     /* guint: the places inside the flood zone */
  GArray        *unused[2];   /* guint: the dry and the flooded places not used yet */
  SteadGeometry *boundary;
} DemoPlaces;

static void
stead_demo_places_clear (DemoPlaces *places)
{
  g_clear_pointer (&places->places, g_array_unref);
  g_clear_pointer (&places->flooded, g_array_unref);
  g_clear_pointer (&places->unused[0], g_array_unref);
  g_clear_pointer (&places->unused[1], g_array_unref);
  g_clear_pointer (&places->boundary, stead_geometry_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DemoPlaces, stead_demo_places_clear)

static double
stead_demo_gaussian (GRand *rng)
{
  double u1 = g_rand_double_range (rng, 1e-12, 1.0);
  double u2 = g_rand_double (rng);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

static const char *
stead_demo_random_need_kind (GRand *rng)
{
  int total = 0;
  int pick;

  for (guint i = 0; i < G_N_ELEMENTS (need_kinds); i++)
    total += need_kinds[i].weight;
  pick = g_rand_int_range (rng, 0, total);
  for (guint i = 0; i < G_N_ELEMENTS (need_kinds); i++)
    {
      if (pick < need_kinds[i].weight)
        return need_kinds[i].kind;
      pick -= need_kinds[i].weight;
    }
  g_assert_not_reached ();
}

/* Imports one file of the demo's data with one of the core's formats. */
static gboolean
stead_demo_import (SteadTransaction         *txn,
                   const SteadImportFormat  *format,
                   const char               *name,
                   const char               *kind,
                   GError                  **error)
{
  g_autofree char *uri = g_strconcat (DEMO_DATA, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autoptr(GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);

  if (kind != NULL)
    g_hash_table_insert (options, (gpointer) "kind", (gpointer) kind);
  if (!stead_import_run_in_transaction (txn, format, file, options, NULL, error))
    {
      g_prefix_error (error, _("The demo area’s %s: "), name);
      return FALSE;
    }
  return TRUE;
}

/* The boundary, wards, LSOAs and flood zone (their names, like the
 * plugins' demo records, are data, in English), the postcode directory,
 * and the statement their licence asks for in place of the directory's
 * own (which gives this year, not the data's). The demo only adds rows. */
static gboolean
stead_demo_populate_areas (SteadTransaction  *txn,
                           GError           **error)
{
  g_autofree char *attribution = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (area_files); i++)
    if (!stead_demo_import (txn, &stead_import_geojson_areas, area_files[i].file,
                            area_files[i].kind, error))
      return FALSE;
  if (!stead_demo_import (txn, &stead_import_postcodes, "codepoint-open-2014-08-tewkesbury.csv",
                          NULL, error))
    return FALSE;

  /* The importer's row, inserted (and counted) by this transaction, becomes
   * the demo's: still one row added. */
  attribution = g_strconcat (_("Demo area: Tewkesbury borough boundary and wards (2013), LSOAs "
                               "(2011) and OS Code-Point Open postcodes (August 2014); every "
                               "record on them is fictional."),
                             "\n", STEAD_DEMO_ATTRIBUTION, NULL);
  return stead_transaction_run (txn,
                                "UPDATE stead_attribution SET source = 'demo', text = ? "
                                "WHERE source = 'postcodes'",
                                STEAD_ARGS (STEAD_TEXT (attribution)), error) >= 0;
}

static SteadGeometry *
stead_demo_load_area (SteadTransaction  *txn,
                      const char        *kind,
                      const char        *code,
                      GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = stead_transaction_prepare (txn, "SELECT geom FROM area WHERE kind = ? AND code = ?",
                                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   _("The demo area has no %s %s"), kind, code);
      return NULL;
    }
  return stead_geometry_new_from_gpkg (sqlite3_column_blob (stmt, 0),
                                       sqlite3_column_bytes (stmt, 0), NULL, error);
}

/* Metres from (lon, lat) to the nearest edge of @area. */
static double
stead_demo_edge_metres (SteadGeometry *area,
                        double         lon,
                        double         lat)
{
  double kx = METRES_PER_DEGREE * cos (lat * G_PI / 180.0);
  double best = G_MAXDOUBLE;

  for (guint p = 0; p < stead_geometry_get_n_polygons (area); p++)
    for (guint r = 0; r < stead_geometry_get_n_rings (area, p); r++)
      {
        gsize n;
        const SteadCoord *ring = stead_geometry_get_ring (area, p, r, &n);

        for (gsize i = 0; i + 1 < n; i++)
          {
            double ax = (ring[i].x - lon) * kx, ay = (ring[i].y - lat) * METRES_PER_DEGREE;
            double bx = (ring[i + 1].x - lon) * kx, by = (ring[i + 1].y - lat) * METRES_PER_DEGREE;
            double dx = bx - ax, dy = by - ay;
            double len = dx * dx + dy * dy;
            double t = len > 0 ? CLAMP (-(ax * dx + ay * dy) / len, 0.0, 1.0) : 0.0;

            best = MIN (best, hypot (ax + t * dx, ay + t * dy));
          }
      }
  return best;
}

/* Every postcode of the directory inside the boundary, in postcode order
 * (so the same seed picks the same ones), and which are in the flood zone. */
static gboolean
stead_demo_places_load (DemoPlaces        *places,
                        SteadTransaction  *txn,
                        GError           **error)
{
  g_autoptr(SteadGeometry) zone = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SteadRows rows;

  places->boundary = stead_demo_load_area (txn, "boundary", "E07000083", error);
  if (places->boundary == NULL)
    return FALSE;
  zone = stead_demo_load_area (txn, "hazard", DEMO_FLOOD_ZONE, error);
  if (zone == NULL)
    return FALSE;
  stmt = stead_transaction_prepare (txn, "SELECT lon, lat FROM stead_postcode ORDER BY postcode",
                                    error);
  if (stmt == NULL)
    return FALSE;

  places->places = g_array_new (FALSE, FALSE, sizeof (DemoPlace));
  places->flooded = g_array_new (FALSE, FALSE, sizeof (guint));
  places->unused[0] = g_array_new (FALSE, FALSE, sizeof (guint));
  places->unused[1] = g_array_new (FALSE, FALSE, sizeof (guint));
  rows = (SteadRows) STEAD_ROWS_INIT (stmt, "stead_postcode");
  while (stead_rows_next (&rows))
    {
      DemoPlace place = { sqlite3_column_double (stmt, 0), sqlite3_column_double (stmt, 1), 0 };
      gboolean flooded;
      guint index = places->places->len;

      /* Code-Point puts a few postcodes just outside the generalised line. */
      if (!stead_geometry_contains_point (places->boundary, place.lon, place.lat))
        continue;
      place.edge_metres = stead_demo_edge_metres (places->boundary, place.lon, place.lat);
      flooded = stead_geometry_contains_point (zone, place.lon, place.lat);
      g_array_append_val (places->places, place);
      g_array_append_val (places->unused[flooded], index);
      if (flooded)
        g_array_append_val (places->flooded, index);
    }
  if (!stead_rows_end (&rows, error))
    return FALSE;
  if (places->flooded->len == 0 || places->unused[0]->len == 0)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   _("The demo area has no postcodes in or out of its flood zone"));
      return FALSE;
    }
  return TRUE;
}

/* Where the next record goes: a postcode no record has yet, exactly
 * there (one in the flood zone if @flooded, else any); when its pool has
 * none left, a postcode of the pool again, a few metres off and still
 * inside the boundary. */
static void
stead_demo_places_pick (DemoPlaces *places,
                        GRand      *rng,
                        gboolean    flooded,
                        double     *lon,
                        double     *lat)
{
  guint n_dry = places->unused[0]->len, n_flooded = places->unused[1]->len;
  const DemoPlace *place;
  GArray *pool = NULL;
  guint k;

  if (flooded && n_flooded > 0)
    pool = places->unused[1];
  else if (!flooded && n_dry + n_flooded > 0)
    {
      /* Every unused postcode as likely as any other. */
      gint32 pick = g_rand_int_range (rng, 0, (gint32) (n_dry + n_flooded));

      pool = places->unused[pick >= (gint32) n_dry];
    }
  if (pool != NULL)
    {
      k = g_rand_int_range (rng, 0, pool->len);
      place = &g_array_index (places->places, DemoPlace, g_array_index (pool, guint, k));
      g_array_remove_index_fast (pool, k);
      *lon = place->lon;
      *lat = place->lat;
      return;
    }

  if (flooded)
    k = g_array_index (places->flooded, guint,
                       g_rand_int_range (rng, 0, places->flooded->len));
  else
    k = g_rand_int_range (rng, 0, places->places->len);
  place = &g_array_index (places->places, DemoPlace, k);
  for (int tries = 0; tries < 8; tries++)
    {
      double r = JITTER_METRES * sqrt (g_rand_double (rng));
      double angle = 2 * G_PI * g_rand_double (rng);

      *lat = place->lat + r * sin (angle) / METRES_PER_DEGREE;
      *lon = place->lon + r * cos (angle) / (METRES_PER_DEGREE * cos (place->lat * G_PI / 180));
      if (place->edge_metres > JITTER_METRES ||
          stead_geometry_contains_point (places->boundary, *lon, *lat))
        return;
    }
  *lon = place->lon;
  *lat = place->lat;
}

/* When people ask for help: more by day than by night, more on weekdays
 * (relative weights by local hour, and Monday to Sunday). */
static const int demo_hour_weight[24] = {
  1, 1, 1, 1, 1, 2, 3, 6, 9, 12, 12, 11, 10, 10, 11, 11, 10, 9, 8, 7, 5, 4, 3, 2,
};
static const int demo_weekday_weight[7] = { 12, 11, 10, 10, 11, 7, 6 };

/* The kinds of need a flood brings. */
static const struct {
  const char *kind;
  int         weight;
} flood_kinds[] = {
  { "evacuation", 25 }, { "shelter", 20 }, { "welfare-check", 20 }, { "clean-up", 20 },
  { "water", 8 }, { "power-dependent", 7 },
};

static int
stead_demo_pick_weighted (GRand     *rng,
                          const int *weights,
                          guint      n)
{
  int total = 0, pick;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  pick = g_rand_int_range (rng, 0, total);
  for (guint i = 0; i < n; i++)
    {
      if (pick < weights[i])
        return (int) i;
      pick -= weights[i];
    }
  g_assert_not_reached ();
}

static const char *
stead_demo_flood_need_kind (GRand *rng)
{
  int weights[G_N_ELEMENTS (flood_kinds)];

  for (guint i = 0; i < G_N_ELEMENTS (flood_kinds); i++)
    weights[i] = flood_kinds[i].weight;
  return flood_kinds[stead_demo_pick_weighted (rng, weights, G_N_ELEMENTS (flood_kinds))].kind;
}

/* A local hour of a day of @month (UK time: an hour ahead of UTC from the
 * last Sunday of March to the last Sunday of October, near enough by
 * month). */
static gint64
stead_demo_opened_at (GRand *rng,
                      gint64 day_start,
                      int    month)
{
  int hour = stead_demo_pick_weighted (rng, demo_hour_weight, G_N_ELEMENTS (demo_hour_weight));
  int bst = month >= 4 && month <= 10;

  return day_start + (gint64) hour * 3600 - bst * 3600 + g_rand_int_range (rng, 0, 3600);
}

/* Two years of needs: a steady background with a daily and weekly rhythm,
 * more in winter, and a flood in July 2026 when needs of the flood's kinds
 * spike in the flood zone, the Tewkesbury town wards by the Severn and
 * the Avon. Each was met or closed after a while (hours to weeks) but
 * today's caseload, opened in the last weeks and still open: the needs
 * page lists that, not the history. */
static gboolean
stead_demo_populate_needs (SteadTransaction  *txn,
                           DemoPlaces        *places,
                           guint              scale,
                           guint32            seed,
                           GRand             *rng,
                           GError           **error)
{
  g_autoptr(GRand) own = g_rand_new_with_seed (seed ^ 0x6e656564);   /* "need" */
  g_autoptr(sqlite3_stmt) stmt = NULL;
  static const char *statuses[] = { "closed", "met", "closed", "met", "closed", "met",
                                    "closed", "met", "closed", "cancelled" };
  const gint64 end = DEMO_HISTORY_START + (gint64) DEMO_DAYS * DAY;
  guint8 month_of[DEMO_DAYS], weekday_of[DEMO_DAYS];   /* 1–12; 1 (Monday) – 7 */
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_DECEMBER, 2024);   /* DEMO_HISTORY_START */
  for (guint d = 0; d < DEMO_DAYS; d++, g_date_add_days (&date, 1))
    {
      month_of[d] = g_date_get_month (&date);
      weekday_of[d] = g_date_get_weekday (&date);
    }

  stmt = stead_transaction_prepare (txn,
                                    "INSERT INTO need (geom, kind, title, people, urgency, status, "
                                    "opened, closed) "
                                    "VALUES (?, ?, NULL, ?, ?, ?, ?, ?)",
                                    error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < scale; i++)
    {
      /* The draws from @rng are those the demo has always made, one for
       * one (a need's place, kind, people and urgency among them), so
       * that every plugin's share after it stays as it was; the history
       * draws from @own. A third of the needs (placed mostly in the
       * flooded streets) are the flood's: its week, then the weeks of
       * recovery after it. */
      gboolean flood = g_rand_double (rng) < 0.35;
      g_autoptr(SteadGeometry) point = NULL;
      g_autoptr(GBytes) blob = NULL;
      g_autoptr(GDateTime) opened_dt = NULL;
      g_autoptr(GDateTime) closed_dt = NULL;
      g_autofree char *opened_s = NULL;
      g_autofree char *closed_s = NULL;
      const char *kind;
      const char *status;
      double lon, lat, hours;
      gint64 opened, closed;
      int people, urgency, old_day;
      const char *still_open;

      if (flood)
        {
          stead_demo_places_pick (places, rng, g_rand_double (rng) < 0.7, &lon, &lat);
          old_day = 72 + (int) fabs (stead_demo_gaussian (rng) * 4.0);
          kind = g_rand_boolean (rng) ? stead_demo_random_need_kind (rng)
                                      : (g_rand_boolean (rng) ? "evacuation" : "shelter");
        }
      else
        {
          stead_demo_places_pick (places, rng, FALSE, &lon, &lat);
          old_day = g_rand_int_range (rng, 0, 365);
          kind = stead_demo_random_need_kind (rng);
        }
      /* The hour, status and hours to closing it had: the needs it left
       * open (the map's) are still open, in the last weeks. */
      (void) g_rand_int_range (rng, 7 * 3600, 21 * 3600);
      still_open = NULL;
      if (old_day > 340)
        still_open = g_rand_boolean (rng) ? "open" : "assigned";
      else
        {
          (void) g_rand_int_range (rng, 0, 5);
          (void) g_rand_int_range (rng, 2, 24 * 6);
        }
      people = 1 + (int) fabs (stead_demo_gaussian (rng) * 1.5);
      urgency = flood ? g_rand_int_range (rng, 2, 5) : g_rand_int_range (rng, 1, 4);

      if (still_open != NULL)
        opened = stead_demo_opened_at (own, end - (gint64) (365 - old_day) * DAY, 11);
      else if (flood && g_rand_double (own) < INCIDENT_SHARE / 0.35)
        {
          /* The week of the flood. */
          opened = INCIDENT_START + (gint64) g_rand_int_range (own, 0, 7) * DAY +
                   g_rand_int_range (own, 6 * 3600, 23 * 3600);
          if (g_rand_double (own) < 0.8)
            kind = stead_demo_flood_need_kind (own);
        }
      else if (flood)
        {
          /* Recovery: clean-up, welfare and support over ten weeks, fewer
           * each week. */
          gint64 day = 7 + (gint64) fabs (stead_demo_gaussian (own) * 25.0);

          day = MIN (day, 70);
          opened = stead_demo_opened_at (own, INCIDENT_START + 3600 + day * DAY, 8);
          if (g_rand_double (own) < 0.5)
            kind = g_rand_boolean (own) ? "clean-up" : "emotional-support";
        }
      else
        {
          gint64 day;

          /* A day by its weekday's weight, and a third more in winter. */
          for (;;)
            {
              int month;

              day = g_rand_int_range (own, 0, DEMO_DAYS);
              month = month_of[day];
              if (g_rand_int_range (own, 0, 16) <
                  demo_weekday_weight[weekday_of[day] - 1] + (month <= 2 || month == 12 ? 4 : 0))
                break;
            }
          opened = stead_demo_opened_at (own, DEMO_HISTORY_START + day * DAY, month_of[day]);
        }
      opened = CLAMP (opened, DEMO_HISTORY_START, end - 1);
      opened_dt = g_date_time_new_from_unix_utc (opened);
      opened_s = stead_datetime_format (opened_dt);

      /* Hours to weeks: a day and a half as the middle, a long tail. */
      hours = CLAMP (exp (log (36.0) + 1.1 * stead_demo_gaussian (own)), 0.5, 24.0 * 60);
      closed = opened + (gint64) (hours * 3600);
      if (closed >= end)
        closed = opened + (end - opened) / 2;   /* the rest were all closed by now */
      if (still_open != NULL)
        status = still_open;
      else
        {
          status = statuses[g_rand_int_range (own, 0, G_N_ELEMENTS (statuses))];
          closed_dt = g_date_time_new_from_unix_utc (closed);
          closed_s = stead_datetime_format (closed_dt);
        }

      point = stead_geometry_new_point (lon, lat);
      blob = stead_geometry_to_gpkg (point, STEAD_SRS_WGS84);
      sqlite3_bind_blob (stmt, 1, g_bytes_get_data (blob, NULL), (int) g_bytes_get_size (blob),
                         SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, people);
      sqlite3_bind_int (stmt, 4, urgency);
      sqlite3_bind_text (stmt, 5, status, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, opened_s, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, closed_s, -1, SQLITE_STATIC);
      if (!stead_transaction_step (txn, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
stead_demo_populate_resources (SteadTransaction  *txn,
                               DemoPlaces        *places,
                               guint              scale,
                               GRand             *rng,
                               GError           **error)
{
  SteadWorkspace *workspace = stead_transaction_get_workspace (txn);
  guint n_extra = MAX (8, scale / 20);

  for (guint i = 0; i < G_N_ELEMENTS (fixed_resources); i++)
    {
      double lon, lat;

      if (!stead_workspace_lookup_postcode (workspace, fixed_resources[i].postcode, &lon, &lat))
        {
          g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                       _("The demo area has no postcode %s"), fixed_resources[i].postcode);
          return FALSE;
        }
      if (stead_transaction_insert_resource (txn, fixed_resources[i].kind,
                                             _(fixed_resources[i].title), lon, lat,
                                             fixed_resources[i].capacity, "available", NULL, 0,
                                             error) < 0)
        return FALSE;
    }

  for (guint i = 0; i < n_extra; i++)
    {
      const char *kind = resource_kinds[g_rand_int_range (rng, 0, G_N_ELEMENTS (resource_kinds))];
      static const char *availability[] = { "available", "available", "limited", "committed" };
      double lon, lat;

      stead_demo_places_pick (places, rng, FALSE, &lon, &lat);
      if (stead_transaction_insert_resource (txn, kind, NULL, lon, lat,
                                             g_rand_int_range (rng, 1, 12),
                                             availability[g_rand_int_range (rng, 0, 4)],
                                             NULL, 0, error) < 0)
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  SteadTransaction *txn;
  guint             scale;
  GRand            *rng;
  GError           *error;
} PopulateData;

static void
stead_demo_populate_addin (SteadWorkspace *workspace,
                           const char     *module_name,
                           GObject        *addin,
                           gpointer        user_data)
{
  PopulateData *data = user_data;

  if (data->error != NULL)
    return;
  if (!stead_workspace_addin_populate_demo (STEAD_WORKSPACE_ADDIN (addin), data->txn,
                                            data->scale, data->rng, &data->error))
    g_prefix_error (&data->error, _("Plugin “%s” could not add its demo data: "), module_name);
}

/* Once the partners are in (a plugin's, through the record provider):
 * every need past open was taken on by one of them an hour after it was
 * opened, and a met one was met when it was closed before casework kept
 * the two apart. In one statement, so a million needs take a moment. */
static gboolean
stead_demo_assign_needs (SteadTransaction  *txn,
                         GError           **error)
{
  SteadWorkspace *workspace = stead_transaction_get_workspace (txn);
  SteadRecordProvider *provider = stead_workspace_get_provider (workspace, "organisation");
  const SteadRecordKind *kind =
    provider != NULL ? stead_record_provider_get_kind (provider, "organisation") : NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  if (kind == NULL || kind->list_sql == NULL)
    return TRUE;   /* no partners to assign them to */

  sql = g_strdup_printf (
    "WITH o (i, id) AS (SELECT row_number () OVER () - 1, id FROM (%s)), "
    "n (count) AS (SELECT count (*) FROM o) "
    "UPDATE need SET "
    "  assignee = (SELECT id FROM o WHERE i = need.fid %% (SELECT count FROM n)), "
    "  assigned = strftime ('%%Y-%%m-%%dT%%H:%%M:%%fZ', opened, '+1 hour'), "
    "  met = CASE WHEN status IN ('met', 'closed') THEN closed END, "
    "  closed = CASE WHEN status = 'closed' THEN closed END "
    "WHERE status IN ('assigned', 'met', 'closed') AND (SELECT count FROM n) > 0",
    kind->list_sql);
  stmt = stead_transaction_prepare (txn, sql, error);
  return stmt != NULL && stead_transaction_step (txn, stmt, error);
}

/**
 * stead_demo_populate:
 * @workspace: a new, empty workspace
 * @scale: about how many households' needs the demo year has
 * @seed: the random seed; the same seed gives the same workspace
 * @error: a #GError
 *
 * Fills @workspace with the demo area: the real boundary, wards and LSOAs
 * of Tewkesbury borough and its postcode directory (open data, with their
 * attribution in `stead_attribution`), a flood zone, a year of needs with
 * a flood in January, resources, and whatever each loaded plugin adds
 * through its populate_demo(). Plugins find the postcodes with
 * stead_workspace_lookup_postcode(). One transaction: on failure nothing
 * is added. It is in the audit log but is no undo step.
 *
 * Returns: %TRUE on success
 */
gboolean
stead_demo_populate (SteadWorkspace  *workspace,
                     guint            scale,
                     guint32          seed,
                     GError         **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(GRand) rng = NULL;
  g_auto(DemoPlaces) places = { 0 };
  PopulateData data = { 0 };

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), FALSE);

  if (stead_workspace_count_rows (workspace, "area") > 0)
    {
      g_set_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_EXISTS,
                   _("The demo area can only be added to an empty workspace"));
      return FALSE;
    }

  rng = g_rand_new_with_seed (seed);
  /* One transaction, audited, but no undo step: at --scale 1000000 the
   * step would hold every row in memory (450 MB), and the demo is how the
   * workspace is made, not an edit to take back. */
  txn = stead_workspace_begin_bulk (workspace, STEAD_CORE_OWNER, _("Create the demo area"),
                                    error);
  if (txn == NULL)
    return FALSE;

  if (!stead_demo_populate_areas (txn, error) ||
      !stead_demo_places_load (&places, txn, error) ||
      !stead_demo_populate_needs (txn, &places, scale, seed, rng, error) ||
      !stead_demo_populate_resources (txn, &places, scale, rng, error))
    return FALSE;

  data.txn = txn;
  data.scale = scale;
  data.rng = rng;
  stead_workspace_foreach_addin (workspace, stead_demo_populate_addin, &data);
  if (data.error != NULL)
    {
      g_propagate_error (error, data.error);
      return FALSE;
    }

  if (!stead_demo_assign_needs (txn, error))
    return FALSE;

  return stead_transaction_commit (g_steal_pointer (&txn), error);
}
