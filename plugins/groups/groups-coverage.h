/* groups-coverage.h: who is exposed, who reaches them, and the gaps
 *
 * For every target group and every area where it has a count or places,
 * a cell: how many people (size), which risks they are exposed to, who
 * reaches them, and a gap score. Computed from one read connection of
 * its own (off the main thread with groups_coverage_compute_async()), it
 * is an immutable, reference-counted snapshot.
 *
 * Size: the group's count in the area plus the people of its places
 * inside the area (a place with no number of people counts 1). A place
 * is in an area of the kinds the group's counts use (wards when it has
 * no count) whose polygon contains it.
 *
 * Exposure: the risks whose hazard areas (the "risk" record kind's
 * locate_sql) intersect the area's polygon or contain one of the group's
 * places in the area ("derived"), and the risks the partnership judged
 * the group exposed to in groups_exposure ("judged", every area of the
 * group), best first by score (likelihood × impact, the risk kind's
 * facts), then by band order.
 *
 * Reach: the groups_reach rows of the group that cover the area (a reach
 * with no groups_reach_area rows covers every area of the group), by
 * distinct organisation: instrumental partners (the "organisation"
 * kind's facts: tier), and fluid ones (contributing or occasional)
 * counted separately (an organisation no plugin describes counts as
 * neither). Volunteers: a plugin offering the record kind "volunteer"
 * with facts_sql columns "skills" (need kinds, space separated),
 * "radius_km", "longitude" and "latitude" counts those whose skills meet
 * one of the group's needs (groups_need) and whose radius reaches the
 * centre of the area's bounding box (none is shipped today: 0). Archived
 * risks are left out. A file the groups plugin never set up (opened
 * read-only) has no cells.
 *
 * The gap score, plainly:
 *
 *   gap = size × exposure weight × reach shortfall
 *   exposure weight = best exposure score / 25 (likelihood × impact, of
 *                     1..25), or GROUPS_COVERAGE_UNEXPOSED_WEIGHT (0.1)
 *                     when no risk is known to touch the cell
 *   reach shortfall = 1 / (1 + instrumental + fluid / 2 + volunteers / 4)
 *
 * so 1,240 people exposed to a risk scored 20 and reached by nobody have
 * a gap of 1240 × 0.8 × 1 = 992; one instrumental partner halves it.
 * Cells are ranked by gap, highest first (ties: larger size, then group
 * name, then area name).
 *
 * Small numbers: GroupsCoverage knows the workspace's "suppress-below"
 * setting; groups_coverage_format_size() writes "fewer than 5" for a
 * size 1..(suppress-below − 1), and the reasons sentence of a cell
 * already uses it. The raw size stays in the cell for the page and map;
 * whoever writes it out (export, report, CLI) suppresses it, and its gap
 * with it (size × weight × shortfall would give it back).
 *
 * Threads: call everything but the cell getters on the main thread; a
 * GroupsCoverage, once made, may be read from any thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead.h>

G_BEGIN_DECLS

#define GROUPS_COVERAGE_UNEXPOSED_WEIGHT 0.1
#define GROUPS_COVERAGE_MAX_SCORE        25

/* The tables the coverage reads: the groups', the areas, and the
 * partners' and risks' record tables (through their providers' kinds),
 * for a `changed` handler to decide whether to recompute. */
GStrv groups_coverage_dup_tables (SteadWorkspace *workspace);

typedef struct
{
  gint64      risk;
  const char *title;      /* the risk's record title: "R12 Fluvial flooding" */
  const char *band;       /* its band label ("High"), or NULL if it has none */
  int         band_sort;  /* the band's order, higher is worse; 0 if none */
  int         score;      /* likelihood × impact, 1..25 */
  gboolean    derived;    /* a hazard area touches the area or a place in it */
  gboolean    judged;     /* the partnership recorded it in groups_exposure */
  const char *name;       /* the risk's name alone: "Fluvial flooding" */
} GroupsExposure;

typedef struct
{
  gint64                group;
  const char           *group_name;
  gint64                area;        /* area.fid */
  const char           *area_name;
  const char           *area_code;   /* may be NULL */
  const char           *area_kind;   /* "ward", "lsoa", … */
  gint64                size;        /* count + people of its places in the area */
  gint64                count;       /* the groups_count number, 0 if none */
  guint                 n_places;    /* its places in the area */
  const GroupsExposure *exposure;    /* best first */
  guint                 n_exposure;
  guint                 instrumental; /* distinct instrumental organisations */
  guint                 fluid;        /* distinct contributing/occasional ones */
  guint                 volunteers;   /* 0 until a plugin offers "volunteer" */
  double                exposure_weight;
  double                shortfall;
  double                gap;         /* size × exposure_weight × shortfall */
  guint                 rank;        /* 1 = the largest gap */
  /* "1,240 older people living alone in Prior's Park, exposed to fluvial
   * flooding (High), reached by no instrumental partner" (suppressed) */
  const char           *reasons;
} GroupsCoverageCell;

typedef struct _GroupsCoverage GroupsCoverage;

#define GROUPS_TYPE_COVERAGE (groups_coverage_get_type ())
GType           groups_coverage_get_type      (void) G_GNUC_CONST;

/* Synchronous, on the calling thread (the CLI, the report, tests). */
GroupsCoverage *groups_coverage_compute       (SteadWorkspace      *workspace,
                                               GError             **error);
/* In a GTask thread, with a read connection of its own. */
void            groups_coverage_compute_async (SteadWorkspace      *workspace,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GroupsCoverage *groups_coverage_compute_finish (SteadWorkspace     *workspace,
                                                GAsyncResult       *result,
                                                GError            **error);
/* Computes from an open connection (a reader); for the two above and the bench. */
GroupsCoverage *groups_coverage_compute_db    (SteadWorkspace      *workspace,
                                               sqlite3             *db,
                                               GCancellable        *cancellable,
                                               GError             **error);

GroupsCoverage *groups_coverage_ref           (GroupsCoverage      *self);
void            groups_coverage_unref         (GroupsCoverage      *self);

/* Cells ranked by gap: index 0 is rank 1. */
guint                     groups_coverage_get_n_cells (GroupsCoverage *self);
const GroupsCoverageCell *groups_coverage_get_cell    (GroupsCoverage *self,
                                                       guint           index);
/* NULL if the group has neither count nor place there. */
const GroupsCoverageCell *groups_coverage_lookup      (GroupsCoverage *self,
                                                       gint64          group,
                                                       gint64          area);
/* The cells of an area, ranked by gap; (transfer container), NULL-free. */
GPtrArray                *groups_coverage_list_area   (GroupsCoverage *self,
                                                       gint64          area);
/* The cells of a group, ranked by gap; (transfer container). */
GPtrArray                *groups_coverage_list_group  (GroupsCoverage *self,
                                                       gint64          group);
/* How many cells with people have some exposure and no instrumental partner. */
guint                     groups_coverage_count_unreached (GroupsCoverage *self);
gint64                    groups_coverage_get_suppress_below (GroupsCoverage *self);
/* "1,240", or "fewer than 5" for a size the setting suppresses. */
char                     *groups_coverage_format_size (GroupsCoverage *self,
                                                       gint64          size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GroupsCoverage, groups_coverage_unref)

/* Keeps a coverage up to date for a page or the map: computes it off the
 * main thread when made and again, 300 ms after the last `changed` that
 * touches one of groups_coverage_dup_tables() (one computation at a
 * time); "coverage" (notify::coverage) is NULL until the first ends. */
#define GROUPS_TYPE_COVERAGE_MONITOR (groups_coverage_monitor_get_type ())
G_DECLARE_FINAL_TYPE (GroupsCoverageMonitor, groups_coverage_monitor, GROUPS, COVERAGE_MONITOR,
                      GObject)

GroupsCoverageMonitor *groups_coverage_monitor_new          (SteadWorkspace        *workspace);
/* (transfer none) (nullable) */
GroupsCoverage        *groups_coverage_monitor_get_coverage (GroupsCoverageMonitor *self);
/* Recomputes soon, debounced as after a change (a setting changed, say). */
void                   groups_coverage_monitor_refresh      (GroupsCoverageMonitor *self);

G_END_DECLS
