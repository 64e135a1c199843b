/* test-groups-coverage.c: exposure, reach and gaps of target groups, headless
 *
 * The expected numbers of the hand-checked case are worked out in the
 * comments, not by the code under test; derived exposure is checked
 * against a brute force over all pairs (winding numbers and a
 * parametric edge crossing, not the kit's even-odd and orientations).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "stead.h"
#include "stead-test-util.h"
#include "groups.h"
#include "groups-coverage.h"

typedef struct
{
  char              *dir;
  char              *path;
  GSettings         *settings;
  SteadPluginEngine *engine;
  SteadWorkspace    *ws;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *enabled[] = { "partners", "risks", "groups", NULL };
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("stead-coverage-XXXXXX", &error);
  g_assert_no_error (error);
  f->settings = g_settings_new (APP_ID);
  g_settings_set_strv (f->settings, "enabled-plugins", enabled);
  f->engine = stead_plugin_engine_new (f->settings);
  stead_plugin_engine_load_enabled (f->engine);
  f->path = g_build_filename (f->dir, "ws.gpkg", NULL);
  f->ws = stead_workspace_create (f->path, "Test", f->engine, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->ws != NULL)
    stead_workspace_close (f->ws);
  g_clear_object (&f->ws);
  g_clear_object (&f->engine);
  g_clear_object (&f->settings);
  g_chmod (f->path, 0644);
  stead_test_rm_rf (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Coordinates in hundredths of a degree from (-2, 52). */
#define X(u) (-2.0 + (u) * 0.01)
#define Y(u) (52.0 + (u) * 0.01)

static SteadGeometry *
rect (double x0,
      double y0,
      double x1,
      double y1)
{
  const SteadCoord ring[] = {
    { X (x0), Y (y0) }, { X (x1), Y (y0) }, { X (x1), Y (y1) }, { X (x0), Y (y1) },
    { X (x0), Y (y0) },
  };
  SteadGeometry *polygon = stead_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
  SteadGeometry *multi = stead_geometry_new_multipolygon ();

  stead_geometry_add_polygon (multi, polygon);
  stead_geometry_unref (polygon);
  return multi;
}

static gint64
add_area (SteadTransaction *txn,
          const char       *kind,
          const char       *name,
          SteadGeometry    *geom)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadGeometry) owned = geom;
  gint64 fid = stead_transaction_insert_area (txn, kind, NULL, name, owned, &error);

  g_assert_no_error (error);
  return fid;
}

static gint64
run (SteadTransaction *txn,
     const char       *sql,
     const SteadValue *values,
     guint             n_values)
{
  g_autoptr(GError) error = NULL;
  gint64 id = stead_transaction_run (txn, sql, values, n_values, &error);

  g_assert_no_error (error);
  return id;
}

static void
add_risk (SteadTransaction *txn,
          gint64            id,
          const char       *title,
          int               likelihood,
          int               impact,
          SteadGeometry    *hazard)
{
  g_autofree char *reference = g_strdup_printf ("T%02" G_GINT64_FORMAT, id);

  run (txn, "INSERT INTO risks_risk (id, reference, title, likelihood, impact) "
            "VALUES (?, ?, ?, ?, ?)",
       STEAD_ARGS (STEAD_INT (id), STEAD_STRING (reference), STEAD_STRING (title),
                   STEAD_INT (likelihood), STEAD_INT (impact)));
  if (hazard != NULL)
    {
      gint64 area = add_area (txn, "hazard", title, hazard);

      run (txn, "INSERT INTO risks_hazard (area, risk) VALUES (?, ?)",
           STEAD_ARGS (STEAD_INT (area), STEAD_INT (id)));
    }
}

static void
add_place (SteadTransaction *txn,
           gint64            group,
           double            x,
           double            y,
           gint64            people)
{
  g_autoptr(SteadGeometry) point = stead_geometry_new_point (X (x), Y (y));
  g_autoptr(GBytes) blob = stead_geometry_to_gpkg (point, 4326);

  run (txn, "INSERT INTO groups_place (geom, group_id, name, people) VALUES (?, ?, 'Home', ?)",
       STEAD_ARGS (STEAD_BLOB (blob), STEAD_INT (group), STEAD_INT_OR_NULL (people, people >= 0)));
}

static gint64
add_reach (SteadTransaction *txn,
           gint64            group,
           gint64            organisation,
           const char       *channel,
           gint64            area)
{
  gint64 reach = run (txn, "INSERT INTO groups_reach (group_id, organisation, channel) "
                           "VALUES (?, ?, ?)",
                      STEAD_ARGS (STEAD_INT (group), STEAD_INT (organisation),
                                  STEAD_STRING (channel)));

  if (area > 0)
    run (txn, "INSERT INTO groups_reach_area (reach, area) VALUES (?, ?)",
         STEAD_ARGS (STEAD_INT (reach), STEAD_INT (area)));
  return reach;
}

typedef struct
{
  gint64 alpha, beta, gamma, lsoa;
  gint64 older, care;
} Case;

/* The hand-checked case:
 *
 *   wards Alpha [0,1]×[0,1], Beta [2,3]×[0,1], Gamma [4,5]×[0,1]; an
 *   LSOA over Alpha (no count uses LSOAs: its places are not counted there)
 *   risks: 1 Fluvial flooding L4 × I5 = 20 (Very High), hazard
 *          [0.5,2.5]×[0.2,0.8]: touches Alpha and Beta, not Gamma;
 *          2 Storms L2 × I3 = 6 (Medium), hazard [4.4,4.6]×[0.4,0.6]
 *          inside Gamma; 3 Heatwave L3 × I4 = 12 (High), no hazard,
 *          judged for older people; 4 Archived flood L5 × I5, hazard
 *          over everything, archived: ignored
 *   older people living alone: Alpha 1240, Beta 300, Gamma 3
 *   care home residents: no count; a home of 40 in Gamma (4.5, 0.5)
 *          and one with no number of people (counts 1) in Alpha (0.3, 0.5)
 *   partners: 1 instrumental, 2 contributing, 3 occasional
 *   reach: older ← 1 in Beta only; ← 2 everywhere (visits) and again in
 *          Alpha (phone: the same organisation, once); ← 3 in Alpha;
 *          care ← 1 everywhere
 */
static Case
make_case (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadTransaction) txn = stead_workspace_begin (f->ws, GROUPS_OWNER, "Case", &error);
  Case c;

  g_assert_no_error (error);
  c.alpha = add_area (txn, "ward", "Alpha", rect (0, 0, 1, 1));
  c.beta = add_area (txn, "ward", "Beta", rect (2, 0, 3, 1));
  c.gamma = add_area (txn, "ward", "Gamma", rect (4, 0, 5, 1));
  c.lsoa = add_area (txn, "lsoa", "Alpha LSOA", rect (0, 0, 1, 1));
  add_risk (txn, 1, "Fluvial flooding", 4, 5, rect (0.5, 0.2, 2.5, 0.8));
  add_risk (txn, 2, "Storms", 2, 3, rect (4.4, 0.4, 4.6, 0.6));
  add_risk (txn, 3, "Heatwave", 3, 4, NULL);
  add_risk (txn, 4, "Archived flood", 5, 5, rect (-1, -1, 6, 2));
  run (txn, "UPDATE risks_risk SET status = 'archived' WHERE id = 4", NULL, 0);

  c.older = run (txn, "INSERT INTO groups_group (name) VALUES ('Older people living alone')",
                 NULL, 0);
  c.care = run (txn, "INSERT INTO groups_group (name) VALUES ('Care home residents')", NULL, 0);
  run (txn, "INSERT INTO groups_count (group_id, area, count) VALUES (?, ?, 1240), (?, ?, 300), "
            "(?, ?, 3)",
       STEAD_ARGS (STEAD_INT (c.older), STEAD_INT (c.alpha), STEAD_INT (c.older),
                   STEAD_INT (c.beta), STEAD_INT (c.older), STEAD_INT (c.gamma)));
  add_place (txn, c.care, 4.5, 0.5, 40);
  add_place (txn, c.care, 0.3, 0.5, -1);
  run (txn, "INSERT INTO groups_exposure (group_id, risk) VALUES (?, 3)",
       STEAD_ARGS (STEAD_INT (c.older)));

  run (txn, "INSERT INTO partners_organisation (id, name, tier) VALUES "
            "(1, 'Age Friends', 'instrumental'), (2, 'Faith Group', 'contributing'), "
            "(3, 'Corner Shop', 'occasional')", NULL, 0);
  add_reach (txn, c.older, 1, "visits", c.beta);
  add_reach (txn, c.older, 2, "visits", 0);
  add_reach (txn, c.older, 2, "phone", c.alpha);
  add_reach (txn, c.older, 3, "visits", c.alpha);
  add_reach (txn, c.care, 1, "visits", 0);
  g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));
  g_assert_no_error (error);
  return c;
}

static void
assert_cell (GroupsCoverage *coverage,
             gint64          group,
             gint64          area,
             guint           rank,
             gint64          size,
             guint           instrumental,
             guint           fluid,
             double          gap,
             const char     *risks)
{
  const GroupsCoverageCell *cell = groups_coverage_lookup (coverage, group, area);
  g_autoptr(GString) listed = g_string_new (NULL);

  g_assert_nonnull (cell);
  g_assert_cmpint (cell->group, ==, group);
  g_assert_cmpint (cell->area, ==, area);
  g_assert_cmpint (cell->size, ==, size);
  g_assert_cmpuint (cell->instrumental, ==, instrumental);
  g_assert_cmpuint (cell->fluid, ==, fluid);
  g_assert_cmpuint (cell->volunteers, ==, 0);
  g_assert_cmpfloat_with_epsilon (cell->gap, gap, 1e-9);
  g_assert_cmpuint (cell->rank, ==, rank);
  g_assert_true (groups_coverage_get_cell (coverage, rank - 1) == cell);
  for (guint i = 0; i < cell->n_exposure; i++)
    g_string_append_printf (listed, "%s%s/%d/%s/%c%c", i > 0 ? " " : "", cell->exposure[i].name,
                            cell->exposure[i].score, cell->exposure[i].band,
                            cell->exposure[i].derived ? 'd' : '-',
                            cell->exposure[i].judged ? 'j' : '-');
  g_assert_cmpstr (listed->str, ==, risks);
}

static void
test_hand_checked (Fixture       *f,
                   gconstpointer  data)
{
  Case c = make_case (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GroupsCoverage) coverage = groups_coverage_compute (f->ws, &error);
  g_autoptr(GPtrArray) in_alpha = NULL;
  g_autoptr(GPtrArray) older = NULL;
  const GroupsCoverageCell *cell;

  g_assert_no_error (error);
  /* Five cells: older × 3 wards, care × Gamma and Alpha; none in the LSOA. */
  g_assert_cmpuint (groups_coverage_get_n_cells (coverage), ==, 5);
  g_assert_null (groups_coverage_lookup (coverage, c.care, c.lsoa));
  g_assert_null (groups_coverage_lookup (coverage, c.care, c.beta));

  /* Older in Alpha: 1240 × 20/25 × 1/(1 + 0 + 2/2) = 1240 × 0.8 × 0.5 = 496
   * (fluid: the Faith Group once for its two channels, and the shop). */
  assert_cell (coverage, c.older, c.alpha, 1, 1240, 0, 2, 496.0,
               "Fluvial flooding/20/Very High/d- Heatwave/12/High/-j");
  /* Older in Beta: 300 × 0.8 × 1/(1 + 1 + 1/2) = 300 × 0.8 × 0.4 = 96. */
  assert_cell (coverage, c.older, c.beta, 2, 300, 1, 1, 96.0,
               "Fluvial flooding/20/Very High/d- Heatwave/12/High/-j");
  /* Care in Gamma: 40 × 6/25 × 1/(1 + 1) = 40 × 0.24 × 0.5 = 4.8. */
  assert_cell (coverage, c.care, c.gamma, 3, 40, 1, 0, 4.8, "Storms/6/Medium/d-");
  /* Older in Gamma: 3 × 12/25 × 1/(1 + 1/2) = 3 × 0.48 / 1.5 = 0.96 (the
   * judged heatwave outranks the storms there). */
  assert_cell (coverage, c.older, c.gamma, 4, 3, 0, 1, 0.96,
               "Heatwave/12/High/-j Storms/6/Medium/d-");
  /* Care in Alpha: a home with no number counts 1: 1 × 0.8 × 0.5 = 0.4. */
  assert_cell (coverage, c.care, c.alpha, 5, 1, 1, 0, 0.4, "Fluvial flooding/20/Very High/d-");

  cell = groups_coverage_lookup (coverage, c.older, c.alpha);
  g_assert_cmpint (cell->count, ==, 1240);
  g_assert_cmpuint (cell->n_places, ==, 0);
  g_assert_cmpstr (cell->area_kind, ==, "ward");
  g_assert_cmpstr (cell->exposure[0].title, ==, "T01 Fluvial flooding");
  g_assert_cmpstr (cell->reasons, ==,
                   "1,240 older people living alone in Alpha, exposed to fluvial flooding "
                   "(Very High) and 1 other risk, reached by no instrumental partner, only 2 "
                   "fluid ones");
  /* Suppressed in the sentence: 3 is below 5. */
  cell = groups_coverage_lookup (coverage, c.older, c.gamma);
  g_assert_cmpstr (cell->reasons, ==,
                   "fewer than 5 older people living alone in Gamma, exposed to heatwave (High) "
                   "and 1 other risk, reached by no instrumental partner, only 1 fluid one");
  cell = groups_coverage_lookup (coverage, c.care, c.gamma);
  g_assert_cmpuint (cell->n_places, ==, 1);
  g_assert_cmpstr (cell->reasons, ==,
                   "40 care home residents in Gamma, exposed to storms (Medium), reached by 1 "
                   "instrumental partner");

  in_alpha = groups_coverage_list_area (coverage, c.alpha);
  g_assert_cmpuint (in_alpha->len, ==, 2);
  g_assert_cmpint (((GroupsCoverageCell *) in_alpha->pdata[0])->group, ==, c.older);
  g_assert_cmpint (((GroupsCoverageCell *) in_alpha->pdata[1])->group, ==, c.care);
  older = groups_coverage_list_group (coverage, c.older);
  g_assert_cmpuint (older->len, ==, 3);
  /* Exposed with no instrumental partner: older in Alpha and Gamma. */
  g_assert_cmpuint (groups_coverage_count_unreached (coverage), ==, 2);
  g_assert_cmpint (groups_coverage_get_suppress_below (coverage), ==, 5);
}

/* "No areas listed = everywhere the group is": a reach with areas covers
 * only those; removing its last area makes it cover every area. */
static void
test_reach_everywhere (Fixture       *f,
                       gconstpointer  data)
{
  Case c = make_case (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GroupsCoverage) before = groups_coverage_compute (f->ws, &error);
  g_autoptr(GroupsCoverage) after = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (groups_coverage_lookup (before, c.older, c.alpha)->instrumental, ==, 0);
  g_assert_cmpuint (groups_coverage_lookup (before, c.older, c.gamma)->instrumental, ==, 0);
  /* Age Friends' reach of older people, in Beta only, becomes everywhere. */
  g_assert_cmpint (stead_workspace_edit (f->ws, GROUPS_OWNER, "Everywhere",
                                         "DELETE FROM groups_reach_area WHERE reach IN "
                                         "(SELECT id FROM groups_reach WHERE organisation = 1 "
                                         "AND group_id = ?)",
                                         STEAD_ARGS (STEAD_INT (c.older)), &error), ==, 1);
  g_assert_no_error (error);
  after = groups_coverage_compute (f->ws, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups_coverage_lookup (after, c.older, c.alpha)->instrumental, ==, 1);
  g_assert_cmpuint (groups_coverage_lookup (after, c.older, c.beta)->instrumental, ==, 1);
  g_assert_cmpuint (groups_coverage_lookup (after, c.older, c.gamma)->instrumental, ==, 1);
  /* Older in Alpha now: 1240 × 0.8 × 1/(1 + 1 + 1) = 330.666… */
  g_assert_cmpfloat_with_epsilon (groups_coverage_lookup (after, c.older, c.alpha)->gap,
                                  1240 * 0.8 / 3, 1e-9);
  /* The tier is the partners' fact: an occasional partner made
   * instrumental moves from fluid to instrumental. */
  g_assert_cmpint (stead_workspace_edit (f->ws, GROUPS_OWNER, "Tier",
                                         "UPDATE partners_organisation SET tier = 'instrumental' "
                                         "WHERE id = 3", NULL, 0, &error), ==, 1);
  g_clear_pointer (&after, groups_coverage_unref);
  after = groups_coverage_compute (f->ws, &error);
  g_assert_cmpuint (groups_coverage_lookup (after, c.older, c.alpha)->instrumental, ==, 2);
  g_assert_cmpuint (groups_coverage_lookup (after, c.older, c.alpha)->fluid, ==, 1);
}

/* ------------------------------------------------------------------------ */
/* Derived exposure against a brute force                                    */

/* A star-shaped polygon of @n vertices around (@cx, @cy), radii in [r/2, r]. */
static SteadGeometry *
random_star (GRand  *rng,
             double  cx,
             double  cy,
             double  r,
             guint   n,
             GArray *coords)
{
  SteadGeometry *polygon, *multi;

  g_array_set_size (coords, 0);
  for (guint i = 0; i < n; i++)
    {
      double t = 2 * G_PI * (i + g_rand_double_range (rng, 0, 0.8)) / n;
      double k = g_rand_double_range (rng, 0.5, 1.0) * r;
      SteadCoord c = { X (cx + k * cos (t)), Y (cy + k * sin (t)) };

      g_array_append_val (coords, c);
    }
  g_array_append_val (coords, g_array_index (coords, SteadCoord, 0));
  polygon = stead_geometry_new_polygon ((SteadCoord *) coords->data, coords->len);
  multi = stead_geometry_new_multipolygon ();
  stead_geometry_add_polygon (multi, polygon);
  stead_geometry_unref (polygon);
  return multi;
}

/* Segments p1p2 and p3p4 cross: solve p1 + t (p2 − p1) = p3 + u (p4 − p3). */
static gboolean
brute_segments_cross (const SteadCoord *p1,
                      const SteadCoord *p2,
                      const SteadCoord *p3,
                      const SteadCoord *p4)
{
  double d = (p2->x - p1->x) * (p4->y - p3->y) - (p2->y - p1->y) * (p4->x - p3->x);
  double t, u;

  if (d == 0)
    return FALSE;   /* parallel: random coordinates never overlap exactly */
  t = ((p3->x - p1->x) * (p4->y - p3->y) - (p3->y - p1->y) * (p4->x - p3->x)) / d;
  u = ((p3->x - p1->x) * (p2->y - p1->y) - (p3->y - p1->y) * (p2->x - p1->x)) / d;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1;
}

/* No envelopes, no pruning: every vertex in the other by winding
 * number, then every pair of edges. */
static gboolean
brute_intersects (SteadGeometry *a,
                  SteadGeometry *b)
{
  gsize na, nb;
  const SteadCoord *ca = stead_geometry_get_ring (a, 0, 0, &na);
  const SteadCoord *cb = stead_geometry_get_ring (b, 0, 0, &nb);

  for (gsize i = 0; i < na; i++)
    if (stead_test_inside_by_winding (b, ca[i].x, ca[i].y))
      return TRUE;
  for (gsize j = 0; j < nb; j++)
    if (stead_test_inside_by_winding (a, cb[j].x, cb[j].y))
      return TRUE;
  for (gsize i = 0; i + 1 < na; i++)
    for (gsize j = 0; j + 1 < nb; j++)
      if (brute_segments_cross (&ca[i], &ca[i + 1], &cb[j], &cb[j + 1]))
        return TRUE;
  return FALSE;
}

static void
test_exposure_brute_force (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (1414);
  g_autoptr(GArray) coords = g_array_new (FALSE, FALSE, sizeof (SteadCoord));
  g_autoptr(GPtrArray) areas =
    g_ptr_array_new_with_free_func ((GDestroyNotify) stead_geometry_unref);
  g_autoptr(GPtrArray) hazards =
    g_ptr_array_new_with_free_func ((GDestroyNotify) stead_geometry_unref);
  g_autoptr(GArray) fids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(GroupsCoverage) coverage = NULL;
  g_autoptr(GError) error = NULL;
  guint pairs = 0, touching = 0;
  gint64 group;

  txn = stead_workspace_begin (f->ws, GROUPS_OWNER, "Random", &error);
  group = run (txn, "INSERT INTO groups_group (name) VALUES ('Everyone')", NULL, 0);
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("Ward %u", i);
      SteadGeometry *geom = random_star (rng, g_rand_double_range (rng, 0, 30),
                                         g_rand_double_range (rng, 0, 30),
                                         g_rand_double_range (rng, 0.5, 3), 12, coords);
      gint64 fid = add_area (txn, "ward", name, stead_geometry_ref (geom));

      g_ptr_array_add (areas, geom);
      g_array_append_val (fids, fid);
      run (txn, "INSERT INTO groups_count (group_id, area, count) VALUES (?, ?, 100)",
           STEAD_ARGS (STEAD_INT (group), STEAD_INT (fid)));
    }
  for (guint r = 0; r < 12; r++)
    {
      g_autofree char *title = g_strdup_printf ("Hazard %u", r);
      SteadGeometry *geom = random_star (rng, g_rand_double_range (rng, 0, 30),
                                         g_rand_double_range (rng, 0, 30),
                                         g_rand_double_range (rng, 1, 8), 40, coords);

      g_ptr_array_add (hazards, geom);
      add_risk (txn, 100 + r, title, 3, 3, stead_geometry_ref (geom));
    }
  g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));
  coverage = groups_coverage_compute (f->ws, &error);
  g_assert_no_error (error);

  for (guint a = 0; a < areas->len; a++)
    {
      const GroupsCoverageCell *cell =
        groups_coverage_lookup (coverage, group, g_array_index (fids, gint64, a));

      g_assert_nonnull (cell);
      for (guint r = 0; r < hazards->len; r++)
        {
          gboolean expected = brute_intersects (areas->pdata[a], hazards->pdata[r]);
          gboolean found = FALSE;

          for (guint e = 0; e < cell->n_exposure; e++)
            if (cell->exposure[e].risk == 100 + r)
              found = cell->exposure[e].derived;
          if (expected != found)
            g_error ("ward %u and hazard %u: brute force %d, coverage %d", a, r, expected, found);
          g_assert_cmpint (stead_geometry_intersects (areas->pdata[a], hazards->pdata[r]), ==,
                           expected);
          g_assert_cmpint (stead_geometry_intersects (hazards->pdata[r], areas->pdata[a]), ==,
                           expected);
          pairs++;
          touching += expected;
        }
    }
  /* Both answers are well represented. */
  g_assert_cmpuint (pairs, ==, 720);
  g_assert_cmpuint (touching, >, 40);
  g_assert_cmpuint (touching, <, pairs - 40);
}

/* Containment with no crossing edges, and a hole. */
static void
test_intersects_cases (void)
{
  g_autoptr(SteadGeometry) big = rect (0, 0, 10, 10);
  g_autoptr(SteadGeometry) small = rect (4, 4, 5, 5);
  g_autoptr(SteadGeometry) apart = rect (11, 0, 12, 1);
  g_autoptr(SteadGeometry) corner = rect (10, 10, 11, 11);
  g_autoptr(SteadGeometry) point_in = stead_geometry_new_point (X (4.5), Y (4.5));
  g_autoptr(SteadGeometry) point_out = stead_geometry_new_point (X (10.5), Y (4.5));
  const SteadCoord outer[] = {
    { X (0), Y (0) }, { X (10), Y (0) }, { X (10), Y (10) }, { X (0), Y (10) }, { X (0), Y (0) },
  };
  const SteadCoord hole[] = {
    { X (3), Y (3) }, { X (6), Y (3) }, { X (6), Y (6) }, { X (3), Y (6) }, { X (3), Y (3) },
  };
  g_autoptr(SteadGeometry) holed = stead_geometry_new_polygon (outer, G_N_ELEMENTS (outer));

  stead_geometry_add_interior_ring (holed, hole, G_N_ELEMENTS (hole));
  g_assert_true (stead_geometry_intersects (big, small));
  g_assert_true (stead_geometry_intersects (small, big));
  g_assert_false (stead_geometry_intersects (big, apart));
  g_assert_true (stead_geometry_intersects (big, corner));   /* a shared corner */
  g_assert_true (stead_geometry_intersects (big, point_in));
  g_assert_false (stead_geometry_intersects (point_out, big));
  /* Inside the hole: apart. */
  g_assert_false (stead_geometry_intersects (holed, small));
  g_assert_false (stead_geometry_intersects (small, holed));
  g_assert_true (stead_geometry_intersects (holed, big));
}

/* ------------------------------------------------------------------------ */
/* Asynchronous, and kept up to date                                         */

static void
on_coverage (GObject    *object,
             GParamSpec *pspec,
             gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static gboolean
monitor_notified (gpointer data)
{
  return *(guint *) data > 0;
}

static void
test_monitor (Fixture       *f,
              gconstpointer  data)
{
  Case c = make_case (f);
  g_autoptr(GroupsCoverageMonitor) monitor = groups_coverage_monitor_new (f->ws);
  g_autoptr(GError) error = NULL;
  GroupsCoverage *coverage;
  guint notified = 0;
  gint64 deadline;

  g_signal_connect (monitor, "notify::coverage", G_CALLBACK (on_coverage), &notified);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!monitor_notified (&notified) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  coverage = groups_coverage_monitor_get_coverage (monitor);
  g_assert_nonnull (coverage);
  g_assert_cmpint (groups_coverage_lookup (coverage, c.older, c.beta)->size, ==, 300);

  /* A change it reads: recomputed. */
  notified = 0;
  g_assert_true (groups_count_set (f->ws, c.older, c.beta, 3000, NULL, NULL, &error));
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!monitor_notified (&notified) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (notified, ==, 1);
  coverage = groups_coverage_monitor_get_coverage (monitor);
  g_assert_cmpint (groups_coverage_lookup (coverage, c.older, c.beta)->size, ==, 3000);
  /* Now the largest gap: 3000 × 0.8 × 0.4 = 960. */
  g_assert_cmpint (groups_coverage_get_cell (coverage, 0)->area, ==, c.beta);
}

/* ------------------------------------------------------------------------ */
/* The CLI and the report                                                    */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static Result
run_cli (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Result r = { 0 };
  const char *arg;
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, (char *) g_getenv ("STEAD_CLI"));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &r.out, &r.err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r.status = WEXITSTATUS (wait_status);
  return r;
}

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing.gpkg", NULL);
  JsonArray *gaps;
  JsonObject *first, *fourth;
  Result r;

  make_case (f);
  stead_workspace_close (f->ws);
  g_clear_object (&f->ws);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  before = read_bytes (f->path);

  r = run_cli ("groups-gaps", f->path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  /* Ranked, the reasons written out, 3 suppressed and its gap left out. */
  g_assert_nonnull (strstr (r.out, "   1         496  1,240 older people living alone in Alpha, "
                                   "exposed to fluvial flooding (Very High)"));
  g_assert_nonnull (strstr (r.out, "   2          96  300 older people living alone in Beta"));
  g_assert_nonnull (strstr (r.out, "   4  suppressed  fewer than 5 older people living alone in "
                                   "Gamma"));
  g_assert_null (strstr (r.out, " 3 older"));
  g_assert_null (strstr (r.out, "0.96"));
  /* Nothing but the ranked list: 1 heading + 5 lines. */
  g_assert_cmpuint (g_strv_length (g_strsplit (r.out, "\n", -1)), ==, 7);
  result_clear (&r);

  r = run_cli ("groups-gaps", f->path, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  json_parser_load_from_data (parser, r.out, -1, &error);
  g_assert_no_error (error);
  gaps = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                       "gaps");
  g_assert_cmpuint (json_array_get_length (gaps), ==, 5);
  first = json_array_get_object_element (gaps, 0);
  g_assert_cmpint (json_object_get_int_member (first, "size"), ==, 1240);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "gap"), 496, 1e-9);
  g_assert_cmpint (json_object_get_int_member (first, "fluid"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (first, "area"), ==, "Alpha");
  fourth = json_array_get_object_element (gaps, 3);
  g_assert_true (json_object_get_boolean_member (fourth, "suppressed"));
  g_assert_true (json_node_is_null (json_object_get_member (fourth, "size")));
  g_assert_true (json_node_is_null (json_object_get_member (fourth, "gap")));
  g_assert_cmpstr (json_object_get_string_member (fourth, "size_text"), ==, "fewer than 5");
  g_assert_null (strstr (r.out, "\"size\" : 3,"));
  result_clear (&r);

  r = run_cli ("groups-gaps", f->path, "--limit", "2", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (g_strv_length (g_strsplit (r.out, "\n", -1)), ==, 4);
  result_clear (&r);

  /* Bad usage: 2; bad input: 1, one line naming the file. */
  r = run_cli ("groups-gaps", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  r = run_cli ("groups-gaps", f->path, "--frobnicate", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  r = run_cli ("groups-gaps", f->path, f->path, NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  r = run_cli ("groups-gaps", missing, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "missing.gpkg"));
  g_assert_null (strchr (strchr (r.err, '\n') + 1, '\n'));
  result_clear (&r);

  /* Listed by stead-cli --help, which knows no plugin by name. */
  r = run_cli ("--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "groups-gaps WS.gpkg"));
  result_clear (&r);

  /* It only read: the same bytes, and no -wal or -shm left. */
  after = read_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
  listing = stead_test_list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "ws.gpkg");
}

/* The suppression setting is the workspace's: at 1000, Beta's 300 is too. */
static void
test_cli_setting (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Result r;

  make_case (f);
  g_assert_true (groups_setting_set (f->ws, "suppress-below", 1000, &error));
  stead_workspace_close (f->ws);
  g_clear_object (&f->ws);
  r = run_cli ("groups-gaps", f->path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "fewer than 1000 older people living alone in Beta"));
  g_assert_nonnull (strstr (r.out, "1,240 older people living alone in Alpha"));
  g_assert_null (strstr (r.out, "300"));
  result_clear (&r);
}

static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  Result r;

  make_case (f);
  stead_workspace_close (f->ws);
  g_clear_object (&f->ws);
  r = run_cli ("report", f->path, "--output", pdf, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  if (!stead_test_have_poppler ())
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  text = stead_test_pdf_text (pdf, 0);
  flat = g_regex_replace (g_regex_new ("\\s+", 0, 0, NULL), text, -1, 0, " ", 0, NULL);
  g_assert_nonnull (strstr (flat, "Target groups and coverage gaps"));
  g_assert_nonnull (strstr (flat, "Coverage gaps"));
  g_assert_nonnull (strstr (flat, "1,240"));
  g_assert_nonnull (strstr (flat, "fewer than 5"));
  /* Older people's total, 1240 + 300 + 3 = 1543, is rounded (about 1,540)
   * so that it does not give the 3 away. */
  g_assert_nonnull (strstr (flat, "about 1,540"));
  g_assert_null (strstr (flat, "1,543"));
  g_assert_nonnull (strstr (flat, "rounded to the nearest 10"));
  /* Neither the 3 nor its gap. */
  g_assert_null (strstr (flat, "0.96"));
  g_assert_null (strstr (flat, " 3 older"));
}

/* The kit's facts: what the coverage may know of other plugins' records. */
static void
test_facts (Fixture       *f,
            gconstpointer  data)
{
  const SteadRecordKind *risk = stead_workspace_get_record_kind (f->ws, "risk");
  const SteadRecordKind *organisation = stead_workspace_get_record_kind (f->ws, "organisation");
  const SteadRecordKind *site = stead_workspace_get_record_kind (f->ws, "site");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int score, band, band_sort, tier;
  guint rows = 0;

  make_case (f);
  g_assert_nonnull (risk);
  g_assert_nonnull (organisation);
  g_assert_null (stead_workspace_get_record_kind (f->ws, "no-such-kind"));

  stmt = stead_record_kind_prepare_facts (risk, f->ws, NULL, &error);
  g_assert_no_error (error);
  score = stead_statement_column_index (stmt, "score");
  band = stead_statement_column_index (stmt, "band");
  band_sort = stead_statement_column_index (stmt, "band_sort");
  g_assert_cmpint (score, >, 0);
  g_assert_cmpint (band, >, 0);
  g_assert_cmpint (stead_statement_column_index (stmt, "no-such-column"), ==, -1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (sqlite3_column_int64 (stmt, 0) == 1)
      {
        /* Fluvial flooding: L4 × I5 = 20, Very High, above High (Heatwave). */
        g_assert_cmpint (sqlite3_column_int (stmt, score), ==, 20);
        g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, band), ==, "Very High");
        g_assert_cmpint (sqlite3_column_int (stmt, band_sort), >, 0);
        rows++;
      }
  g_assert_cmpuint (rows, ==, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* On a reader of its own, as a thread would. */
  {
    sqlite3 *db = stead_workspace_open_reader (f->ws, &error);

    g_assert_no_error (error);
    stmt = stead_record_kind_prepare_facts (organisation, f->ws, db, &error);
    g_assert_no_error (error);
    tier = stead_statement_column_index (stmt, "tier");
    rows = 0;
    while (sqlite3_step (stmt) == SQLITE_ROW)
      if (sqlite3_column_int64 (stmt, 0) == 3)
        {
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, tier), ==, "occasional");
          rows++;
        }
    g_assert_cmpuint (rows, ==, 1);
    g_clear_pointer (&stmt, sqlite3_finalize);
    sqlite3_close (db);
  }

  /* A kind with no facts says so. */
  g_assert_nonnull (site);
  g_assert_null (stead_record_kind_prepare_facts (site, f->ws, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

/* Volunteers, when a plugin offers them: with a skill the group needs,
 * within their travel radius of the area's centre. */
static void
test_volunteers (Fixture       *f,
                 gconstpointer  data)
{
  const char *enabled[] = { "partners", "risks", "groups", "testvolunteers", NULL };
  g_autoptr(GroupsCoverage) coverage = NULL;
  g_autoptr(GError) error = NULL;
  Case c;

  /* The same workspace with the volunteers' plugin on too. */
  stead_workspace_close (f->ws);
  g_clear_object (&f->ws);
  g_clear_object (&f->engine);
  g_settings_set_strv (f->settings, "enabled-plugins", enabled);
  f->engine = stead_plugin_engine_new (f->settings);
  stead_plugin_engine_load_enabled (f->engine);
  g_assert_true (stead_plugin_engine_is_enabled (f->engine, "testvolunteers"));
  f->ws = stead_workspace_open (f->path, f->engine, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stead_workspace_get_record_kind (f->ws, "volunteer"));
  c = make_case (f);
  g_assert_cmpint (stead_workspace_edit (f->ws, GROUPS_OWNER, "Needs",
                                         "INSERT INTO groups_need (group_id, kind) "
                                         "VALUES (?, 'transport')",
                                         STEAD_ARGS (STEAD_INT (c.older)), &error), ==, 1);
  coverage = groups_coverage_compute (f->ws, &error);
  g_assert_no_error (error);
  /* Volunteer 1 (transport, 2 km) is at Alpha's centre (0 km) and 0.02°
   * of longitude from Beta's: 0.02 × 111.2 km × cos 52° ≈ 1.37 km; from
   * Gamma's 2.74 km: too far. Volunteer 2 is far away, 3 cannot drive. */
  g_assert_cmpuint (groups_coverage_lookup (coverage, c.older, c.alpha)->volunteers, ==, 1);
  g_assert_cmpuint (groups_coverage_lookup (coverage, c.older, c.beta)->volunteers, ==, 1);
  g_assert_cmpuint (groups_coverage_lookup (coverage, c.older, c.gamma)->volunteers, ==, 0);
  /* Care home residents need nothing a volunteer offers. */
  g_assert_cmpuint (groups_coverage_lookup (coverage, c.care, c.alpha)->volunteers, ==, 0);
  /* Older in Alpha: 1240 × 0.8 × 1/(1 + 0 + 2/2 + 1/4) = 992 / 2.25. */
  g_assert_cmpfloat_with_epsilon (groups_coverage_lookup (coverage, c.older, c.alpha)->gap,
                                  992 / 2.25, 1e-9);
  g_assert_nonnull (strstr (groups_coverage_lookup (coverage, c.older, c.alpha)->reasons,
                            ", 1 volunteer nearby"));
}

/* A file made before the groups plugin was on, opened read-only: no
 * gaps, and nothing written. */
static void
test_cli_without_groups (void)
{
  const char *enabled[] = { "partners", "risks", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("stead-coverage-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "ws.gpkg", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(SteadPluginEngine) engine = NULL;
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  Result r;

  g_settings_set_strv (settings, "enabled-plugins", enabled);
  engine = stead_plugin_engine_new (settings);
  stead_plugin_engine_load_enabled (engine);
  ws = stead_workspace_create (path, "Test", engine, &error);
  g_assert_no_error (error);
  stead_workspace_close (ws);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  before = read_bytes (path);
  r = run_cli ("groups-gaps", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, ": 0 areas of target groups"));
  result_clear (&r);
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_chmod (path, 0644);
  stead_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/groups-coverage/hand-checked", test_hand_checked);
  ADD ("/groups-coverage/reach-everywhere", test_reach_everywhere);
  ADD ("/groups-coverage/exposure-brute-force", test_exposure_brute_force);
  g_test_add_func ("/groups-coverage/intersects", test_intersects_cases);
  ADD ("/groups-coverage/monitor", test_monitor);
  ADD ("/groups-coverage/cli", test_cli);
  ADD ("/groups-coverage/cli-setting", test_cli_setting);
  ADD ("/groups-coverage/report", test_report);
  ADD ("/groups-coverage/facts", test_facts);
  ADD ("/groups-coverage/volunteers", test_volunteers);
  g_test_add_func ("/groups-coverage/cli-without-groups", test_cli_without_groups);
#undef ADD

  return g_test_run ();
}
