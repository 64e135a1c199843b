/* stead-demo.c: the demo area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real place, so real base maps line up: Tewkesbury, where the Severn
 * and the Avon meet and which flooded in July 2007. The boundary and ward
 * shapes are simplified outlines drawn for the demo, not official
 * boundaries; every person, need and resource in it is fictional. The
 * same seed and scale always give the same workspace.
 */

#define G_LOG_DOMAIN "stead-demo"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "stead-demo.h"
#include "stead-geometry.h"
#include "stead-workspace.h"
#include "stead-workspace-addin.h"
#include "stead-workspace-private.h"

/* 1 November 2025 00:00 UTC: the demo's year of needs starts here. */
#define DEMO_YEAR_START 1761955200
#define DAY             (24 * 60 * 60)
/* The incident: river flooding from 12 January 2026, for about ten days. */
#define INCIDENT_DAY    72

typedef struct
{
  const char *name;
  const char *code;
  double      min_lon, min_lat, max_lon, max_lat;
} DemoWard;

/* Simplified ward outlines (a grid over the town), codes are fictional. */
static const DemoWard wards[] = {
  { "Tewkesbury North and Twyning", "DEMO-W01", -2.200, 52.005, -2.130, 52.035 },
  { "Tewkesbury Town",              "DEMO-W02", -2.175, 51.985, -2.145, 52.005 },
  { "Tewkesbury Newtown",           "DEMO-W03", -2.145, 51.985, -2.110, 52.005 },
  { "Prior's Park",                 "DEMO-W04", -2.175, 51.960, -2.145, 51.985 },
  { "Ashchurch with Walton Cardiff", "DEMO-W05", -2.145, 51.960, -2.090, 51.985 },
  { "Northway",                     "DEMO-W06", -2.110, 51.985, -2.080, 52.005 },
};

/* Boundary: an irregular outline around the wards and the river meadows. */
static const SteadCoord boundary[] = {
  { -2.215, 51.955 }, { -2.150, 51.950 }, { -2.085, 51.955 }, { -2.075, 51.985 },
  { -2.080, 52.010 }, { -2.125, 52.040 }, { -2.190, 52.042 }, { -2.225, 52.020 },
  { -2.230, 51.985 }, { -2.215, 51.955 },
};

/* The Severn and Avon floodplain west and north of the town centre. */
static const SteadCoord flood_zone[] = {
  { -2.225, 51.960 }, { -2.180, 51.960 }, { -2.172, 51.985 }, { -2.160, 51.996 },
  { -2.150, 52.006 }, { -2.140, 52.030 }, { -2.170, 52.038 }, { -2.200, 52.030 },
  { -2.222, 52.000 }, { -2.225, 51.960 },
};

typedef struct
{
  double lon;
  double lat;
  double spread;
  double weight;
} Cluster;

/* Where people live: the town centre, the estates, the villages. */
static const Cluster homes[] = {
  { -2.160, 51.993, 0.006, 0.30 },
  { -2.130, 51.995, 0.006, 0.20 },
  { -2.158, 51.973, 0.006, 0.15 },
  { -2.100, 51.990, 0.006, 0.15 },
  { -2.115, 51.972, 0.008, 0.10 },
  { -2.165, 52.020, 0.008, 0.10 },
};

static const struct {
  const char *kind;
  int         weight;
} need_kinds[] = {
  { "welfare-check", 25 }, { "food", 15 }, { "medication", 12 }, { "transport", 10 },
  { "heating", 8 }, { "power-dependent", 5 }, { "information", 5 }, { "emotional-support", 5 },
  { "water", 5 }, { "shelter", 4 }, { "evacuation", 3 }, { "clean-up", 3 },
};

static const struct {
  const char *kind;
  const char *title;
  double      lon, lat;
  int         capacity;
} fixed_resources[] = {
  { "rest-centre", N_("Rest centre: Tewkesbury Leisure Centre (fictional)"), -2.1405, 51.9860,
    250 },
  { "rest-centre", N_("Rest centre: Northway Community Hall (fictional)"), -2.1010, 51.9930, 120 },
  { "community-hub", N_("Community hub: Abbey Lawn (fictional)"), -2.1620, 51.9900, 60 },
  { "food-supply", N_("Food bank: High Street (fictional)"), -2.1600, 51.9940, 400 },
  { "sandbags", N_("Sandbag store: Ashchurch depot (fictional)"), -2.1150, 51.9990, 2000 },
  { "generator", N_("Generator: fire station (fictional)"), -2.1480, 51.9910, 2 },
  { "warm-space", N_("Warm space: library (fictional)"), -2.1585, 51.9925, 40 },
};

static const char *resource_kinds[] = {
  "transport", "4x4", "welfare-team", "first-aid", "catering", "volunteers", "translation",
};

static double
stead_demo_gaussian (GRand *rng)
{
  double u1 = g_rand_double_range (rng, 1e-12, 1.0);
  double u2 = g_rand_double (rng);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

static void
stead_demo_random_home (GRand  *rng,
                        double *lon,
                        double *lat)
{
  double pick = g_rand_double (rng);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (homes) - 1; i++)
    {
      if (pick < homes[i].weight)
        break;
      pick -= homes[i].weight;
    }

  *lon = homes[i].lon + stead_demo_gaussian (rng) * homes[i].spread * 1.6;
  *lat = homes[i].lat + stead_demo_gaussian (rng) * homes[i].spread;
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

static gboolean
stead_demo_insert_polygon (SteadTransaction  *txn,
                           const char        *kind,
                           const char        *code,
                           const char        *name,
                           const SteadCoord  *ring,
                           gsize              n,
                           GError           **error)
{
  g_autoptr(SteadGeometry) polygon = stead_geometry_new_polygon (ring, n);

  return stead_transaction_insert_area (txn, kind, code, name, polygon, error) > 0;
}

static gboolean
stead_demo_populate_areas (SteadTransaction  *txn,
                           GError           **error)
{
  if (!stead_demo_insert_polygon (txn, "boundary", "DEMO-B",
                                  _("Tewkesbury demo area (simplified outline)"), boundary,
                                  G_N_ELEMENTS (boundary), error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (wards); i++)
    {
      const DemoWard *w = &wards[i];
      const SteadCoord ring[] = {
        { w->min_lon, w->min_lat }, { w->max_lon, w->min_lat }, { w->max_lon, w->max_lat },
        { w->min_lon, w->max_lat }, { w->min_lon, w->min_lat },
      };

      if (!stead_demo_insert_polygon (txn, "ward", w->code, w->name, ring, G_N_ELEMENTS (ring),
                                      error))
        return FALSE;
    }

  return stead_demo_insert_polygon (txn, "hazard", "DEMO-H01",
                                    _("Severn and Avon flood zone (illustrative)"), flood_zone,
                                    G_N_ELEMENTS (flood_zone), error);
}

/* A year of needs: a steady background, and an incident in January when
 * the rivers flood and needs spike in and near the flood zone. */
static gboolean
stead_demo_populate_needs (SteadTransaction  *txn,
                           guint              scale,
                           GRand             *rng,
                           GError           **error)
{
  g_autoptr(SteadGeometry) zone =
    stead_geometry_new_polygon (flood_zone, G_N_ELEMENTS (flood_zone));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  static const char *statuses[] = { "closed", "met", "closed", "met", "closed" };

  stmt = stead_transaction_prepare (txn,
                                    "INSERT INTO need (geom, kind, title, people, urgency, status, "
                                    "opened, closed) "
                                    "VALUES (?, ?, NULL, ?, ?, ?, ?, ?)",
                                    error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < scale; i++)
    {
      gboolean incident = g_rand_double (rng) < 0.35;
      g_autoptr(SteadGeometry) point = NULL;
      g_autoptr(GBytes) blob = NULL;
      g_autoptr(GDateTime) opened = NULL;
      g_autoptr(GDateTime) closed = NULL;
      g_autofree char *opened_s = NULL;
      g_autofree char *closed_s = NULL;
      const char *kind;
      const char *status;
      double lon, lat;
      int day;

      stead_demo_random_home (rng, &lon, &lat);
      if (incident)
        {
          /* Pull incident needs towards the flooded streets. */
          for (int tries = 0; tries < 4 && !stead_geometry_contains_point (zone, lon, lat); tries++)
            stead_demo_random_home (rng, &lon, &lat);
          day = INCIDENT_DAY + (int) fabs (stead_demo_gaussian (rng) * 4.0);
          kind = g_rand_boolean (rng) ? stead_demo_random_need_kind (rng)
                                      : (g_rand_boolean (rng) ? "evacuation" : "shelter");
        }
      else
        {
          day = g_rand_int_range (rng, 0, 365);
          kind = stead_demo_random_need_kind (rng);
        }

      opened = g_date_time_new_from_unix_utc (DEMO_YEAR_START + (gint64) day * DAY
                                              + g_rand_int_range (rng, 7 * 3600, 21 * 3600));
      opened_s = stead_datetime_format (opened);

      /* The last few weeks are still open; earlier ones were met. */
      if (day > 340)
        status = g_rand_boolean (rng) ? "open" : "assigned";
      else
        {
          status = statuses[g_rand_int_range (rng, 0, G_N_ELEMENTS (statuses))];
          closed = g_date_time_add_hours (opened, g_rand_int_range (rng, 2, 24 * 6));
          closed_s = stead_datetime_format (closed);
        }

      point = stead_geometry_new_point (lon, lat);
      blob = stead_geometry_to_gpkg (point, STEAD_SRS_WGS84);
      sqlite3_bind_blob (stmt, 1, g_bytes_get_data (blob, NULL), (int) g_bytes_get_size (blob),
                         SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, 1 + (int) fabs (stead_demo_gaussian (rng) * 1.5));
      sqlite3_bind_int (stmt, 4,
                        incident ? g_rand_int_range (rng, 2, 5) : g_rand_int_range (rng, 1, 4));
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
                               guint              scale,
                               GRand             *rng,
                               GError           **error)
{
  guint n_extra = MAX (8, scale / 20);

  for (guint i = 0; i < G_N_ELEMENTS (fixed_resources); i++)
    {
      if (stead_transaction_insert_resource (
            txn, fixed_resources[i].kind, _(fixed_resources[i].title), fixed_resources[i].lon,
            fixed_resources[i].lat, fixed_resources[i].capacity, "available", NULL, 0, error) < 0)
        return FALSE;
    }

  for (guint i = 0; i < n_extra; i++)
    {
      const char *kind = resource_kinds[g_rand_int_range (rng, 0, G_N_ELEMENTS (resource_kinds))];
      static const char *availability[] = { "available", "available", "limited", "committed" };
      double lon, lat;

      stead_demo_random_home (rng, &lon, &lat);
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

/**
 * stead_demo_populate:
 * @workspace: a new, empty workspace
 * @scale: about how many households' needs the demo year has
 * @seed: the random seed; the same seed gives the same workspace
 * @error: a #GError
 *
 * Fills @workspace with the demo area: boundary, wards, a flood zone, a
 * year of needs with a flood in January, resources, and whatever each
 * loaded plugin adds through its populate_demo(). One transaction: on
 * failure nothing is added. It is in the audit log but is no undo step.
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
      !stead_demo_populate_needs (txn, scale, rng, error) ||
      !stead_demo_populate_resources (txn, scale, rng, error))
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

  return stead_transaction_commit (g_steal_pointer (&txn), error);
}
