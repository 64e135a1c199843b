/* volunteers.h: volunteers' records and edits, shared by the plugin's two
 * modules (data and window) and its tests
 *
 * Other plugins reach volunteers through the SteadRecordProvider for kind
 * "volunteer", never through this header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead.h>

G_BEGIN_DECLS

#define VOLUNTEERS_OWNER "volunteers"

/* Every table of the plugin, for models that follow `changed`. */
#define VOLUNTEERS_TABLES STEAD_STRV ("volunteers_")

extern const SteadChoice volunteers_travel_modes[];   /* foot, bike, car, 4x4 */
extern const SteadChoice volunteers_affiliations[];   /* partner, mutual-aid, spontaneous */
extern const SteadChoice volunteers_dbs_levels[];     /* none … enhanced-barred */
extern const SteadChoice volunteers_dbs_schemes[];    /* dbs, disclosure-scotland, accessni */
extern const SteadChoice volunteers_statuses[];       /* applicant, active, paused, left */

#define VOLUNTEERS_TYPE_VOLUNTEER (volunteers_volunteer_get_type ())
GType volunteers_volunteer_get_type (void);
extern const SteadRecordInfo volunteers_volunteer_info;

/* The register, by name. */
SteadQueryModel *volunteers_register_new   (SteadWorkspace  *workspace);

/* A volunteer by name, at a postcode of the directory (or nowhere). */
gint64   volunteers_volunteer_add          (SteadWorkspace  *workspace,
                                            const char      *name,
                                            const char      *postcode,
                                            GError         **error);
gboolean volunteers_volunteer_delete       (SteadWorkspace  *workspace,
                                            gint64           id,
                                            GError         **error);

gint64   volunteers_setting_get            (SteadWorkspace  *workspace,
                                            const char      *key);
gboolean volunteers_setting_set            (SteadWorkspace  *workspace,
                                            const char      *key,
                                            gint64           value,
                                            GError         **error);

/* vexch: donations, exchange and publishing. */

/* The volunteer's fields (volunteers_volunteer_info's), which the CSV
 * import maps columns by and the export writes. */
#define VOLUNTEERS_N_VOLUNTEER_FIELDS 26
extern const SteadField volunteers_volunteer_fields[VOLUNTEERS_N_VOLUNTEER_FIELDS];

/* What an offer holds: goods received less goods given out. */
gint64   volunteers_donation_balance       (SteadWorkspace  *workspace,
                                            gint64           offer);
/* Goods received (@out FALSE) or given out against @request (or 0), one
 * undo step: the movement's id, or -1 with @error (giving out more than
 * the offer holds is refused). */
gint64   volunteers_movement_add           (SteadWorkspace  *workspace,
                                            gint64           offer,
                                            gint64           request,
                                            gboolean         out,
                                            gint64           quantity,
                                            GError         **error);

/* Active volunteers by postcode sector ("GL20 5"), at the mean of the
 * sector's postcodes: the map's view of the register below the privacy
 * zoom. Records of fields sector, volunteers, longitude, latitude. */
#define VOLUNTEERS_TYPE_SECTOR (volunteers_sector_get_type ())
GType            volunteers_sector_get_type (void);
SteadQueryModel *volunteers_sectors_new     (SteadWorkspace  *workspace);

G_END_DECLS

/* ------------------------------------------------------------------------ */
/* vready: readiness, expiry alerts, tasks, and the volunteer's child       */
/* records (volunteers-readiness.c, volunteers-tasks.c)                     */
/* ------------------------------------------------------------------------ */

G_BEGIN_DECLS

extern const SteadChoice volunteers_insurance_kinds[]; /* public-liability … */
extern const SteadChoice volunteers_ppe_items[];       /* hi-vis, gloves, … */
extern const SteadChoice volunteers_weekdays[];        /* "1" Monday … "7" Sunday */

/* Why a volunteer is not ready, for every role (skill NULL) or for one. */
typedef struct
{
  char *skill;      /* the role (taxonomy 'skill'), or NULL: every role */
  char *check;      /* "status" "consent" "id" "badge" "skills" "dbs" "training" "insurance"
                     * "ppe" */
  char *text;       /* in words, translated: "first aid certificate expired 3 days ago" */
} VolunteersReason;

typedef struct
{
  gint64     volunteer;
  gboolean   deployable;   /* no reason for every role, and ready for at least one */
  GStrv      roles_ready;  /* skills they may be deployed for now: none when a reason is for
                            * every role (never NULL) */
  GPtrArray *reasons;      /* of VolunteersReason, the general ones first */
} VolunteersReadiness;

void                 volunteers_readiness_free  (VolunteersReadiness *readiness);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VolunteersReadiness, volunteers_readiness_free)

/* @today: (nullable) "YYYY-MM-DD", NULL for today (tests pass a date).
 * Returns NULL with @error when there is no such volunteer. */
VolunteersReadiness *volunteers_readiness_get   (SteadWorkspace  *workspace,
                                                 gint64           volunteer,
                                                 const char      *today,
                                                 GError         **error);
/* Every volunteer of the register, in one pass, ordered by id
 * (of VolunteersReadiness). */
GPtrArray           *volunteers_readiness_all   (SteadWorkspace  *workspace,
                                                 const char      *today,
                                                 GError         **error);
/* The same on a reader of the workspace (stead_workspace_open_reader()),
 * for a worker thread; NULL with G_IO_ERROR_CANCELLED when cancelled. */
GPtrArray           *volunteers_readiness_all_reader (sqlite3       *db,
                                                      const char    *today,
                                                      GCancellable  *cancellable,
                                                      GError       **error);
/* The reasons as one line each, joined by "\n" (NULL when none). */
char                *volunteers_readiness_describe (const VolunteersReadiness *readiness);

/* Expiry alerts: what falls due within the 'expiry-warning-days' setting,
 * or has passed (days < 0). DBS certificates are due 'dbs-renewal-years'
 * (a setting, default 3) after their date. */
typedef struct
{
  char  *check;       /* "dbs" "training" "insurance" "agreement" */
  gint64 volunteer;   /* 0 for an agreement */
  gint64 record;      /* the training, insurance or agreement id; the volunteer for "dbs" */
  char  *what;        /* the course, the insurance kind, the agreement's title (not personal) */
  char  *due;         /* "YYYY-MM-DD" */
  int    days;        /* from @today: negative when passed */
  char  *text;        /* in words: "First aid at work expires in 12 days" */
} VolunteersAlert;

void       volunteers_alert_free      (VolunteersAlert *alert);
/* Ordered by due date (of VolunteersAlert). */
GPtrArray *volunteers_expiry_alerts   (SteadWorkspace  *workspace,
                                       const char      *today,
                                       GError         **error);

/* Tasks: new → offered → accepted → in-progress → done, or cancelled from
 * any but done; offered may go back to new (declined). */
extern const SteadChoice volunteers_task_statuses[];
gboolean volunteers_task_move_allowed     (const char      *from,
                                           const char      *to);
/* Whether @organisation is a party to an active, unexpired agreement that
 * allows tasking (read through the "agreement" record kind's facts). */
gboolean volunteers_organisation_can_task (SteadWorkspace  *workspace,
                                           gint64           organisation,
                                           const char      *today);
/* All of them at once (gint64 * keys), for matching many requests. */
GHashTable *volunteers_tasking_organisations (SteadWorkspace *workspace,
                                              const char     *today);
/* A task for @request by @organisation with @volunteers (may be empty):
 * refused, naming the organisation, without a tasking agreement. One undo
 * step; the request becomes assigned. */
gint64   volunteers_task_add              (SteadWorkspace  *workspace,
                                           gint64           request,
                                           gint64           organisation,
                                           const gint64    *volunteers,
                                           guint            n_volunteers,
                                           GError         **error);
/* Moves a task, stamping the time (@now: NULL for now, "YYYY-MM-DDTHH:MM:SS.SSSZ");
 * a move the state machine does not allow is refused. Done closes the request;
 * cancelled reopens it when no other task is live. One undo step. */
gboolean volunteers_task_move             (SteadWorkspace  *workspace,
                                           gint64           task,
                                           const char      *status,
                                           const char      *now,
                                           GError         **error);
/* Hours logged and outcome notes (@hours < 0: unchanged). One undo step. */
gboolean volunteers_task_log              (SteadWorkspace  *workspace,
                                           gint64           task,
                                           double           hours,
                                           const char      *outcome,
                                           GError         **error);
gboolean volunteers_task_assign           (SteadWorkspace  *workspace,
                                           gint64           task,
                                           gint64           volunteer,
                                           gboolean         assigned,
                                           GError         **error);
#define VOLUNTEERS_TYPE_TASK (volunteers_task_get_type ())
GType volunteers_task_get_type (void);
extern const SteadRecordInfo volunteers_task_info;
/* Every task (?1 NULL) or one status's (?1 a status), newest first. */
SteadQueryModel *volunteers_tasks_new     (SteadWorkspace  *workspace,
                                           const char      *status);

/* A volunteer's child records: availability (weekly pattern), exceptions,
 * training, insurance, PPE. Each has a SteadField table for stead_form_new
 * (n_fields beside it), a record type for SteadRecordList, a list of one
 * volunteer's (?1), an add taking the form's texts by field name, and a
 * remove; each edit one undo step. */
typedef enum
{
  VOLUNTEERS_CHILD_AVAILABILITY,
  VOLUNTEERS_CHILD_EXCEPTION,
  VOLUNTEERS_CHILD_TRAINING,
  VOLUNTEERS_CHILD_INSURANCE,
  VOLUNTEERS_CHILD_PPE,
  VOLUNTEERS_N_CHILDREN,
} VolunteersChild;

extern const SteadRecordInfo volunteers_child_info[VOLUNTEERS_N_CHILDREN];
GType            volunteers_child_get_type (VolunteersChild  child);
SteadQueryModel *volunteers_children_new   (SteadWorkspace  *workspace,
                                            VolunteersChild  child,
                                            gint64           volunteer);
/* @names and @values: parallel, NULL-terminated, the fields' texts as the
 * form gives them (stead_form_get_text). Returns the new row's id, or -1. */
gint64           volunteers_child_add      (SteadWorkspace      *workspace,
                                            VolunteersChild      child,
                                            gint64               volunteer,
                                            const char * const  *names,
                                            const char * const  *values,
                                            GError             **error);
gboolean         volunteers_child_remove   (SteadWorkspace  *workspace,
                                            VolunteersChild  child,
                                            gint64           id,
                                            GError         **error);

G_END_DECLS
/* vmatch: matching open requests with volunteers (volunteers-match.c). */
typedef struct _VolunteersMatch VolunteersMatch;

VolunteersMatch *volunteers_match_new            (SteadWorkspace   *workspace,
                                                  GError          **error);
void             volunteers_match_free           (VolunteersMatch  *self);
void             volunteers_match_run            (VolunteersMatch  *self,
                                                  SteadMatchMethod  method);
/* Offers each assigned request's task, in one undo step. */
gboolean         volunteers_match_apply          (VolunteersMatch  *self,
                                                  SteadWorkspace   *workspace,
                                                  GError          **error);
guint            volunteers_match_get_n_requests (VolunteersMatch  *self);
/* The volunteer (fid) given request number @r, or 0 if it stays unmet. */
gint64           volunteers_match_get_volunteer  (VolunteersMatch  *self,
                                                  guint             r);
/* vol-ui: who could take @request (any status: a task's), ranked; the
 * reason for each into @reasons (of char *). */
GArray          *volunteers_match_suggest        (SteadWorkspace   *workspace,
                                                  gint64            request,
                                                  GPtrArray        *reasons,
                                                  GError          **error);
extern const SteadCommand volunteers_match_command;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VolunteersMatch, volunteers_match_free)

/* vol-assign: the page's suggestions for one request and its assignment
 * of every open request, read and run off the main thread. */
G_BEGIN_DECLS

#define VOLUNTEERS_MATCH_N_RULES (STEAD_MATCH_CAPACITY + 1)

typedef struct
{
  gint64  volunteer;     /* fid */
  double  distance_km;
  char   *reason;        /* in words, translated */
} VolunteersSuggestion;

typedef struct
{
  gint64  request;
  GArray *eligible;                            /* VolunteersSuggestion, ranked */
  guint   excluded[VOLUNTEERS_MATCH_N_RULES];  /* others by the first rule they fail; distance
                                                * counts those beyond any reach too */
  char   *nearest[VOLUNTEERS_MATCH_N_RULES];   /* the nearest excluded one's reason, by rule */
  guint   beyond_reach;
} VolunteersSuggestions;

void                   volunteers_suggestions_free      (VolunteersSuggestions *suggestions);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VolunteersSuggestions, volunteers_suggestions_free)

VolunteersMatch       *volunteers_match_new_reader      (sqlite3          *db,
                                                         gint64            request,
                                                         GCancellable     *cancellable,
                                                         GError          **error);
VolunteersSuggestions *volunteers_match_suggest_for     (VolunteersMatch  *self,
                                                         gint64            request,
                                                         GError          **error);
/* @partner > 0: every task through it (refused unless its agreement allows
 * tasking); 0: as volunteers_match_apply(). @n_tasks: how many made. */
gboolean               volunteers_match_apply_by        (VolunteersMatch  *self,
                                                         SteadWorkspace   *workspace,
                                                         gint64            partner,
                                                         guint            *n_tasks,
                                                         GError          **error);
guint                  volunteers_match_get_n_volunteers (VolunteersMatch *self);
guint                  volunteers_match_get_n_assigned  (VolunteersMatch  *self);
double                 volunteers_match_get_distance_km (VolunteersMatch  *self);
gint64                 volunteers_match_get_request     (VolunteersMatch  *self,
                                                         guint             r);
guint                  volunteers_match_count_unmet     (VolunteersMatch  *self,
                                                         guint            *counts,
                                                         guint             most,
                                                         GCancellable     *cancellable);

G_END_DECLS
