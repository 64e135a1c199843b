/* groups.h: target groups' records and edits, shared by the plugin's two
 * modules (data and window) and its tests
 *
 * Other plugins reach target groups through the SteadRecordProvider for
 * kind "target-group", never through this header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead.h>

G_BEGIN_DECLS

#define GROUPS_OWNER "groups"

/* Every table of the plugin, for models that follow `changed`. */
#define GROUPS_TABLES STEAD_STRV ("groups_", "area")

extern const SteadChoice groups_channels[];     /* visits, phone, faith-meeting, … */
extern const SteadChoice groups_strengths[];    /* "1" weak … "3" strong */
extern const SteadChoice groups_lawful_bases[]; /* UK GDPR bases for a household list */

/* Records: a group, and what belongs to one. */
#define GROUPS_TYPE_GROUP          (groups_group_get_type ())
#define GROUPS_TYPE_COUNT          (groups_count_get_type ())
#define GROUPS_TYPE_PLACE          (groups_place_get_type ())
#define GROUPS_TYPE_REACH          (groups_reach_get_type ())
#define GROUPS_TYPE_ENGAGEMENT     (groups_engagement_get_type ())
#define GROUPS_TYPE_HOUSEHOLD_LIST (groups_household_list_get_type ())
GType groups_group_get_type          (void);
GType groups_count_get_type          (void);
GType groups_place_get_type          (void);
GType groups_reach_get_type          (void);
GType groups_engagement_get_type     (void);
GType groups_household_list_get_type (void);

extern const SteadRecordInfo groups_group_info;
extern const SteadRecordInfo groups_count_info;
extern const SteadRecordInfo groups_place_info;
extern const SteadRecordInfo groups_reach_info;
extern const SteadRecordInfo groups_engagement_info;
extern const SteadRecordInfo groups_household_list_info;

/* The groups, by name, with their counted size and how many reach them. */
SteadQueryModel *groups_groups_new          (SteadWorkspace  *workspace);
/* One group's records of @type (GROUPS_TYPE_COUNT, _PLACE, _REACH,
 * _ENGAGEMENT or _HOUSEHOLD_LIST). */
SteadQueryModel *groups_children_new        (SteadWorkspace  *workspace,
                                             GType            type,
                                             gint64           group);
/* Every household list, with how many households and days left. */
SteadQueryModel *groups_household_lists_new (SteadWorkspace  *workspace);

gint64   groups_group_add           (SteadWorkspace  *workspace,
                                     const char      *name,
                                     const char      *category,
                                     GError         **error);
gboolean groups_group_delete        (SteadWorkspace  *workspace,
                                     gint64           id,
                                     GError         **error);
/* Sets (or, with a negative @count, removes) a group's count in an area. */
gboolean groups_count_set           (SteadWorkspace  *workspace,
                                     gint64           group,
                                     gint64           area,
                                     gint64           count,
                                     const char      *source,
                                     const char      *date,
                                     GError         **error);
gint64   groups_reach_add           (SteadWorkspace  *workspace,
                                     gint64           group,
                                     gint64           organisation,
                                     const char      *channel,
                                     int              strength,
                                     GError         **error);
gint64   groups_engagement_add      (SteadWorkspace  *workspace,
                                     gint64           group,
                                     const char      *date,
                                     gint64           organisation,
                                     const char      *channel,
                                     const char      *summary,
                                     const char      *needs_change,
                                     GError         **error);
/* Deletes a household list's households and the needs they published,
 * one undo step (the audit log records how many, never who). */
gboolean groups_household_list_purge (SteadWorkspace *workspace,
                                      gint64          list,
                                      GError        **error);

/* Workspace settings: "suppress-below" (counts under it are never
 * shown in exports and reports; default 5) and "privacy-zoom". */
gint64   groups_setting_get         (SteadWorkspace  *workspace,
                                     const char      *key);
gboolean groups_setting_set         (SteadWorkspace  *workspace,
                                     const char      *key,
                                     gint64           value,
                                     GError         **error);

/* ------------------------------------------------------------------------ */
/* gpage: what the Target Groups page lists and edits (groups-page-model.c) */

#define GROUPS_TYPE_NEED_ITEM     (groups_need_item_get_type ())
#define GROUPS_TYPE_REACH_ITEM    (groups_reach_item_get_type ())
#define GROUPS_TYPE_EXPOSURE_ITEM (groups_exposure_item_get_type ())
#define GROUPS_TYPE_HOUSEHOLD     (groups_household_get_type ())
GType groups_need_item_get_type     (void);
GType groups_reach_item_get_type    (void);
GType groups_exposure_item_get_type (void);
GType groups_household_get_type     (void);

extern const SteadRecordInfo groups_need_item_info;
extern const SteadRecordInfo groups_reach_item_info;
extern const SteadRecordInfo groups_exposure_item_info;
extern const SteadRecordInfo groups_household_info;

/* A group's records of @type: the types above (for GROUPS_TYPE_HOUSEHOLD,
 * @group is a household list), else as groups_children_new(). */
SteadQueryModel *groups_page_children_new (SteadWorkspace  *workspace,
                                           GType            type,
                                           gint64           group);
/* Areas a count or a reach may name, as terms (code: the area's fid). */
GListModel      *groups_areas_new         (SteadWorkspace  *workspace);
gint64           groups_area_find         (SteadWorkspace  *workspace,
                                           const char      *name);

gboolean groups_need_add          (SteadWorkspace  *workspace,
                                   gint64           group,
                                   const char      *kind,
                                   GError         **error);
gboolean groups_need_remove       (SteadWorkspace  *workspace,
                                   gint64           group,
                                   const char      *kind,
                                   GError         **error);
gint64   groups_place_add         (SteadWorkspace  *workspace,
                                   gint64           group,
                                   const char      *name,
                                   const char      *what,
                                   gint64           people,
                                   double           lon,
                                   double           lat,
                                   GError         **error);
gboolean groups_place_delete      (SteadWorkspace  *workspace,
                                   gint64           place,
                                   GError         **error);
gint64   groups_reach_save        (SteadWorkspace  *workspace,
                                   gint64           reach,
                                   gint64           group,
                                   gint64           organisation,
                                   const char      *channel,
                                   int              strength,
                                   const char      *notes,
                                   const gint64    *areas,
                                   guint            n_areas,
                                   GError         **error);
gboolean groups_reach_delete      (SteadWorkspace  *workspace,
                                   gint64           reach,
                                   GError         **error);
gboolean groups_exposure_add      (SteadWorkspace  *workspace,
                                   gint64           group,
                                   gint64           risk,
                                   const char      *note,
                                   GError         **error);
gboolean groups_exposure_remove   (SteadWorkspace  *workspace,
                                   gint64           group,
                                   gint64           risk,
                                   GError         **error);
gboolean groups_engagement_update (SteadWorkspace  *workspace,
                                   gint64           id,
                                   const char      *date,
                                   gint64           organisation,
                                   const char      *channel,
                                   const char      *summary,
                                   const char      *needs_change,
                                   GError         **error);
gboolean groups_engagement_delete (SteadWorkspace  *workspace,
                                   gint64           id,
                                   GError         **error);
gint64   groups_household_list_of (SteadWorkspace  *workspace,
                                   gint64           household);

/* gexch: the exchange formats (Census counts, IMD, HXL, the groups as CSV)  */
/* and small-number suppression, for every export and report.               */

extern const SteadImportFormat groups_census_import;   /* groups-census.c (data module) */
extern const SteadImportFormat groups_imd_import;      /* groups-imd.c (data module) */
extern const SteadImportFormat groups_csv_import;      /* groups-hxl.c */
extern const SteadExportFormat groups_hxl_export;
extern const SteadExportFormat groups_csv_export;

/* For the importers: every area with a code (upper case, trimmed) -> its
 * fid; and a file's size, for progress (0 if unknown). */
GHashTable *groups_areas_by_code    (SteadTransaction  *txn,
                                     GError           **error);
guint64     groups_file_size        (GFile             *file);

/* One count to write: suppressed when 1 to below − 1 (secondary: when it
 * is suppressed only so that a total cannot reveal another). A negative
 * value is no count at all. */
typedef struct
{
  gint64   value;
  gboolean suppressed;
  gboolean secondary;
} GroupsCell;

/* The workspace's "suppress-below" (5 unless set). */
gint64   groups_suppress_below      (SteadWorkspace  *workspace);
/* Whether a single count (a total) must not be shown. */
gboolean groups_suppress_hides      (gint64           value,
                                     gint64           below);
/* Marks @cells, a set that adds up to a total someone may see: each 1 to
 * below − 1, and, when that leaves exactly one, the smallest other cell
 * above zero too. Returns how many are suppressed. */
guint    groups_suppress_cells      (GroupsCell      *cells,
                                     guint            n_cells,
                                     gint64           below);
/* gmap: what the map layers draw (groups-map-model.c)                      */

/* The zoom past which households may be points, when the workspace sets
 * none ("privacy-zoom"). */
#define GROUPS_MAP_PRIVACY_ZOOM 15

/* Every group's places with a position, as GROUPS_TYPE_PLACE records
 * with longitude and latitude. */
SteadQueryModel *groups_map_places_new       (SteadWorkspace *workspace);
/* Appends area fids and values: a group's count in each area (raw, not
 * suppressed: the window is the officer's), an attribute per area. */
void             groups_map_group_counts     (SteadWorkspace *workspace,
                                              gint64          group,
                                              GArray         *fids,
                                              GArray         *values);
void             groups_map_area_attribute   (SteadWorkspace *workspace,
                                              const char     *attribute,
                                              GArray         *fids,
                                              GArray         *values);
/* Households of lists within their retention, counted per area; with
 * @except_points, leaving out those groups_map_household_points() gives. */
void             groups_map_household_counts (SteadWorkspace *workspace,
                                              gboolean        except_points,
                                              GArray         *fids,
                                              GArray         *counts);
/* Longitude, latitude of each household of a list within its retention
 * whose agreement allows points (doubles, two a household). */
void             groups_map_household_points (SteadWorkspace *workspace,
                                              GArray         *lonlat);
gint64           groups_map_privacy_zoom     (SteadWorkspace *workspace);
gboolean         groups_map_area_centre      (SteadWorkspace *workspace,
                                              gint64          area,
                                              double         *lon,
                                              double         *lat);

G_END_DECLS

/* ------------------------------------------------------------------------ */
/* ghh: household lists (groups-households.c, groups-psr.c)                 */
/*                                                                          */
/* Households are personal data. Read them only through the view            */
/* groups_household_current (households of lists whose retention date has   */
/* not come: a read-only workspace may still hold an expired list), never   */
/* groups_household itself, and count them with groups_setting_get          */
/* ("suppress-below") applied. A household's published needs are `need`     */
/* rows with owner 'groups' and owner_ref = groups_household.fid, one per   */
/* need kind its PSR codes give, title NULL: Open Record on one finds the   */
/* household's list with groups_household_list_of_need.                     */

/* The importer of PSR-style household extracts (CSV). */
extern const SteadImportFormat groups_psr_format;

/* The need kind a PSR needs code gives ("26" → "power-dependent"), from
 * data/taxonomy/psr-needs.json, or NULL for a code not in the list. */
const char *groups_psr_need_kind          (const char     *code);
/* "14;22", "14 22", "14,22 " → "14 22" (sorted, each once); NULL with
 * @error naming the first code that is not a PSR needs code. */
char       *groups_psr_normalize_needs    (const char     *text,
                                           GError        **error);

/* Today, as the retention dates are compared: the local day, YYYY-MM-DD. */
char       *groups_households_today       (void);
/* Purges every list whose retention date is @today (NULL: today) or before
 * and is not purged yet, each as groups_household_list_purge() does.
 * Does nothing on a read-only workspace. Sets @n_lists to how many. */
gboolean    groups_households_purge_expired (SteadWorkspace *workspace,
                                             const char     *today,
                                             guint          *n_lists,
                                             GError        **error);
/* The earliest retention date of a list not purged yet, or NULL. */
char       *groups_households_next_expiry (SteadWorkspace *workspace);
/* The household list a need published for a household belongs to, or 0. */
gint64      groups_household_list_of_need (SteadWorkspace *workspace,
                                           gint64          owner_ref);
/* The publish hook's share: the households' `need` rows in step with them. */
gboolean    groups_households_publish     (SteadTransaction    *txn,
                                           const char * const  *tables,
                                           GError             **error);
/* The demo's household lists: ~2,000 households × @scale. */
gboolean    groups_households_populate_demo (SteadTransaction  *txn,
                                             guint              scale,
                                             GRand             *rng,
                                             GError           **error);
/* The title of the demo's data-sharing agreement, which the partners'
 * demo makes. */
#define GROUPS_DEMO_AGREEMENT "Priority Services Register data sharing (demo)"
/* A postcode's place as households are written there: its point, as a
 * GeoPackage blob to bind, and its ward. */
typedef struct
{
  char     *postcode;     /* as the directory writes it: "GL20 5AD" */
  double    lon, lat;
  gint64    ward;         /* 0: in no ward */
  gboolean  found;        /* in the postcode directory */
  guint8    point[29];
  GBytes   *blob;         /* over point: the place must not move once set */
} GroupsHouseholdPlace;

void        groups_household_place_set_point (GroupsHouseholdPlace *place);
void        groups_household_place_clear     (GroupsHouseholdPlace *place);
/* The ward (area of kind 'ward') at a point, 0 if none, -1 on error. */
gint64      groups_households_ward_at     (SteadTransaction  *txn,
                                           double             lon,
                                           double             lat,
                                           GError           **error);
/* The data-sharing agreements that let the households of their lists be
 * shown as points on the map (a set of gint64 ids), from the facts of
 * record kind "agreement"; empty without the partners plugin. */
GHashTable *groups_households_agreements_allowing_points (SteadWorkspace *workspace);
/* While @workspace is open (writable), each list is purged the moment its
 * retention date comes (the addin's load and unload hooks). */
void        groups_households_watch       (SteadWorkspace    *workspace);
void        groups_households_unwatch     (SteadWorkspace    *workspace);
/* Whether a purge is scheduled for @workspace (for tests). */
gboolean    groups_households_is_watched  (SteadWorkspace    *workspace);
