/* stead-match.h: who can help with a request, and who should take which
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain arrays in, no tables: the caller (a plugin) reads its volunteers
 * and requests into these structures. Skills are bits of a guint64 (at
 * most 64 skills; the caller numbers them and gives their labels). Times
 * are minutes since 1970-01-01 00:00 in local time, days are days since
 * then; G_MAXINT32 as a day means "never expires".
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <glib.h>

#include "stead-version-macros.h"

G_BEGIN_DECLS

typedef enum
{
  STEAD_MATCH_DBS_NONE,
  STEAD_MATCH_DBS_BASIC,
  STEAD_MATCH_DBS_STANDARD,
  STEAD_MATCH_DBS_ENHANCED,
  STEAD_MATCH_DBS_ENHANCED_BARRED,
} SteadMatchDbs;

/* Why a volunteer cannot take a request, in the order they are checked. */
typedef enum
{
  STEAD_MATCH_ELIGIBLE,
  STEAD_MATCH_DISTANCE,      /* beyond their travel radius */
  STEAD_MATCH_SKILL,         /* a needed skill they do not have */
  STEAD_MATCH_DBS,           /* a lower check than the request needs */
  STEAD_MATCH_REGULATED,     /* regulated activity: enhanced with barred list needed */
  STEAD_MATCH_TRAINING,      /* training for a needed skill missing or out of date */
  STEAD_MATCH_INSURANCE,     /* no in-date policy covering the activity */
  STEAD_MATCH_AVAILABILITY,  /* not available in the request's window */
  STEAD_MATCH_CAPACITY,      /* no task left for the day */
} SteadMatchRule;

typedef struct
{
  guint8  weekday;     /* 1 Monday … 7 Sunday */
  guint16 start;       /* minutes after midnight */
  guint16 finish;
} SteadMatchSlot;

typedef struct
{
  gint32   day_from;   /* inclusive */
  gint32   day_to;     /* inclusive */
  gboolean available;  /* FALSE: away; TRUE: available all those days */
} SteadMatchException;

typedef struct
{
  guint   skill;       /* the bit number of the skill it qualifies for */
  gint32  expires;     /* day; G_MAXINT32: never */
} SteadMatchTraining;

typedef struct
{
  guint64 activities;  /* skills covered; 0: every activity */
  gint32  expires;     /* day; G_MAXINT32: never */
} SteadMatchInsurance;

typedef struct
{
  gint64                     id;
  double                     longitude;
  double                     latitude;
  double                     radius_km;
  guint64                    skills;
  SteadMatchDbs              dbs;
  guint                      capacity;  /* tasks they can still take that day */
  guint                      load;      /* tasks they already hold, for ranking */
  const SteadMatchSlot      *slots;     /* weekly pattern; none: any time */
  guint                      n_slots;
  const SteadMatchException *exceptions;
  guint                      n_exceptions;
  const SteadMatchTraining  *training;
  guint                      n_training;
  const SteadMatchInsurance *insurance;
  guint                      n_insurance;
} SteadMatchVolunteer;

typedef struct
{
  gint64        id;
  double        longitude;
  double        latitude;
  guint64       skills;        /* all needed */
  SteadMatchDbs dbs;           /* at least this */
  gboolean      regulated;     /* regulated activity: enhanced with barred list */
  guint         urgency;       /* 1 low … 4 critical */
  gint64        window_start;  /* minutes; 0 and 0: any time */
  gint64        window_end;
  const char   *activity;      /* in words, for reasons: "shopping for a shielding adult" */
} SteadMatchRequest;

typedef struct
{
  const char * const *skill_labels;    /* by bit number, e.g. "First aid"; may be NULL */
  guint64             needs_training;  /* skills that need training in date */
  gboolean            require_insurance;
  gint32              today;           /* day, for "expired 3 days ago" */
  double              penalty_km;      /* cost of leaving a request unmet; default 20 */
  double              urgency_weight[5]; /* × penalty by urgency; default 1, 2, 4, 8 */
  guint               k;               /* nearest eligible candidates per request; default 8 */
  guint               threads;         /* for assigning: 0 as many as cores (at most 2) */
} SteadMatchOptions;

typedef struct
{
  guint  volunteer;        /* index in the matcher's volunteers */
  double distance_km;
  SteadMatchRule rule;     /* STEAD_MATCH_ELIGIBLE when eligible */
} SteadMatchCandidate;

typedef enum
{
  STEAD_MATCH_OPTIMAL,  /* minimum cost in whole metres: epsilon-scaling auction */
  STEAD_MATCH_GREEDY,   /* most urgent first, nearest free eligible: the baseline */
} SteadMatchMethod;

typedef struct
{
  guint  *volunteer_of;   /* per request: a volunteer index, or G_MAXUINT unmet */
  guint   n_assigned;
  double  distance_km;    /* total over assigned */
  double  cost;           /* distance + penalties of the unmet */
  gint64  cost_m;         /* the same in whole metres, each distance rounded: what is minimised */
} SteadMatchResult;

typedef struct _SteadMatcher SteadMatcher;

STEAD_AVAILABLE_IN_1_0
void           stead_match_options_init (SteadMatchOptions *options);
STEAD_AVAILABLE_IN_1_0
double         stead_match_distance_km  (double lon1, double lat1, double lon2, double lat2);

/* @volunteers is copied (not the arrays it points to, which must outlive it). */
STEAD_AVAILABLE_IN_1_0
SteadMatcher  *stead_matcher_new        (const SteadMatchVolunteer *volunteers,
                                         guint                      n_volunteers,
                                         const SteadMatchOptions   *options);
STEAD_AVAILABLE_IN_1_0
void           stead_matcher_free       (SteadMatcher *self);
STEAD_AVAILABLE_IN_1_0
const SteadMatchVolunteer *stead_matcher_get_volunteer (SteadMatcher *self,
                                                        guint         index);

/* The first rule @request fails for volunteer @index, and the distance. */
STEAD_AVAILABLE_IN_1_0
SteadMatchRule stead_matcher_check      (SteadMatcher            *self,
                                         const SteadMatchRequest *request,
                                         guint                    index,
                                         double                  *distance_km);
/* That, in words (the reason for eligibility too): (transfer full). */
STEAD_AVAILABLE_IN_1_0
char          *stead_matcher_describe   (SteadMatcher            *self,
                                         const SteadMatchRequest *request,
                                         guint                    index);

/* Suggest for one request: the eligible ranked by distance then load into
 * @eligible, the others within reach (the largest radius) with their rule
 * into @excluded (nearest first); returns how many are beyond any reach.
 * Both arrays hold SteadMatchCandidate. */
STEAD_AVAILABLE_IN_1_0
guint          stead_matcher_suggest    (SteadMatcher            *self,
                                         const SteadMatchRequest *request,
                                         GArray                  *eligible,
                                         GArray                  *excluded);

/* Assign every request of @requests; fills @result (free with
 * stead_match_result_clear). Each volunteer takes at most its capacity. */
STEAD_AVAILABLE_IN_1_0
void           stead_matcher_assign     (SteadMatcher            *self,
                                         const SteadMatchRequest *requests,
                                         guint                    n_requests,
                                         SteadMatchMethod         method,
                                         SteadMatchResult        *result);
STEAD_AVAILABLE_IN_1_0
void           stead_match_result_clear (SteadMatchResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SteadMatcher, stead_matcher_free)

G_END_DECLS
