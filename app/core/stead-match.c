/* stead-match.c: eligibility, suggestions and optimal assignment of volunteers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Volunteers are bucketed in a grid of cells (km, equirectangular about
 * their mean latitude), so that a request looks only at the cells within
 * reach, nearest ring first, skipping a cell wholly farther than the k-th
 * found; the matcher keeps their records in the grid's order too, so that
 * checking neighbours reads memory that is together. Assigning every request is a minimum-cost
 * b-matching: each request either takes one of its k nearest eligible
 * volunteers (cost: the distance in whole metres) or stays unmet (cost:
 * the penalty times its urgency weight). A volunteer of capacity c is one
 * node with c units. Requests in different connected components of the
 * candidate graph share nothing and are solved apart, on two threads;
 * one large enough is shared by both threads, split east and west.
 * Each component is solved exactly by an epsilon-scaling auction
 * (Bertsekas): requests bid for units, prices rise; costs are scaled by
 * n + 1 so that the last phase (eps = 1) is optimal, after a reverse pass
 * brings the price of every unit left free down to 0 (the condition for
 * optimality when volunteers have time to spare). Most cases are optimal
 * well before eps = 1: when a phase leaves the total as it was, label
 * correcting over the residual graph tries to turn the prices into exact
 * potentials, which prove it (and the phases stop), or gives up.
 */

#define G_LOG_DOMAIN "stead-match"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "stead-match.h"
#include "stead-match-private.h"

#define STEAD_MATCH_EARTH_KM 6371.0088
#define STEAD_MATCH_KM_PER_DEGREE (STEAD_MATCH_EARTH_KM * G_PI / 180.0)
#define STEAD_MATCH_MAX_CELLS (4u << 20)
#define STEAD_MATCH_MAX_WINDOW_DAYS 62

/* A volunteer in the grid's order, for ruling out without its record. */
typedef struct
{
  guint64 skills;
  float   x, y;      /* km, projected */
  float   reach;     /* radius / safety: beyond it projected, beyond it truly */
  guint8  dbs;
} StmPoint;

struct _SteadMatcher
{
  SteadMatchVolunteer *volunteers;
  guint                n_volunteers;
  SteadMatchOptions    options;
  double               max_radius;
  /* The grid. */
  double               kx;        /* km per degree of longitude at the mean latitude */
  double               x0, y0;    /* km of the grid's corner */
  double               cell;      /* km */
  double               safety;    /* projected distance × this ≤ the true distance */
  int                  nx, ny;
  guint               *cell_start; /* nx × ny + 1 */
  guint               *order;      /* volunteer indices by cell */
  StmPoint            *points;     /* the same order: what is quick to rule out */
  /* The same order again: the volunteers, what their records point to
   * (so that neighbours' are together in memory) and their latitudes in
   * radians, each followed by its cosine. */
  SteadMatchVolunteer *grid;
  gpointer             grid_arrays;
  double              *grid_trig;
  guint                shared_min; /* requests: a component this big is bid on by both threads */
};

void
stead_match_options_init (SteadMatchOptions *options)
{
  memset (options, 0, sizeof *options);
  options->require_insurance = TRUE;
  options->today = (gint32) (g_get_real_time () / G_USEC_PER_SEC / 86400);
  options->penalty_km = 20;
  options->urgency_weight[0] = 1;
  options->urgency_weight[1] = 1;
  options->urgency_weight[2] = 2;
  options->urgency_weight[3] = 4;
  options->urgency_weight[4] = 8;
  options->k = 8;
}

/* Haversine, latitudes in radians with their cosines given (worked out
 * once for each point): the same figure as stead_match_distance_km (). */
static inline double
stead_match_haversine (double lon1,
                       double p1,
                       double cos1,
                       double lon2,
                       double p2,
                       double cos2)
{
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180;
  double a = sin (dp / 2) * sin (dp / 2) + cos1 * cos2 * sin (dl / 2) * sin (dl / 2);

  return 2 * STEAD_MATCH_EARTH_KM * asin (MIN (1.0, sqrt (a)));
}

double
stead_match_distance_km (double lon1,
                         double lat1,
                         double lon2,
                         double lat2)
{
  double p1 = lat1 * G_PI / 180, p2 = lat2 * G_PI / 180;

  return stead_match_haversine (lon1, p1, cos (p1), lon2, p2, cos (p2));
}

/* ------------------------------------------------------------------------ */
/* The grid                                                                  */
/* ------------------------------------------------------------------------ */

static int
stead_match_cell_x (SteadMatcher *self,
                      double        longitude)
{
  return (int) floor ((longitude * self->kx - self->x0) / self->cell);
}

static int
stead_match_cell_y (SteadMatcher *self,
                      double        latitude)
{
  return (int) floor ((latitude * STEAD_MATCH_KM_PER_DEGREE - self->y0) / self->cell);
}

/* Copies @n items of @size from @from to @pool at *@at, returning where. */
static gconstpointer
stead_match_pool_copy (guint8        *pool,
                       gsize         *at,
                       gconstpointer  from,
                       guint          n,
                       gsize          size)
{
  guint8 *to = pool + *at;

  if (n == 0)
    return NULL;
  memcpy (to, from, n * size);
  *at += n * size;
  return to;
}

static void
stead_match_build_grid_records (SteadMatcher *self)
{
  guint n = self->n_volunteers;
  gsize bytes = 0, at = 0;
  guint8 *pool;

  /* Each kind together, largest alignment first (8, 4, 4, 2): every
   * size is a multiple of the alignment of the kinds after it. */
  for (guint i = 0; i < n; i++)
    {
      const SteadMatchVolunteer *volunteer = &self->volunteers[i];

      bytes += volunteer->n_insurance * sizeof (SteadMatchInsurance)
               + volunteer->n_training * sizeof (SteadMatchTraining)
               + volunteer->n_exceptions * sizeof (SteadMatchException)
               + volunteer->n_slots * sizeof (SteadMatchSlot);
    }
  self->grid = g_new (SteadMatchVolunteer, MAX (n, 1));
  self->grid_trig = g_new (double, 2 * (gsize) MAX (n, 1));
  self->grid_arrays = pool = g_malloc (MAX (bytes, 1));
  for (int kind = 0; kind < 4; kind++)
    for (guint p = 0; p < n; p++)
      {
        const SteadMatchVolunteer *volunteer = &self->volunteers[self->order[p]];
        SteadMatchVolunteer *copy = &self->grid[p];

        switch (kind)
          {
          case 0:
            *copy = *volunteer;
            self->grid_trig[2 * p] = volunteer->latitude * G_PI / 180;
            self->grid_trig[2 * p + 1] = cos (self->grid_trig[2 * p]);
            copy->insurance = stead_match_pool_copy (pool, &at, volunteer->insurance,
                                                     volunteer->n_insurance,
                                                     sizeof (SteadMatchInsurance));
            break;
          case 1:
            copy->training = stead_match_pool_copy (pool, &at, volunteer->training,
                                                    volunteer->n_training,
                                                    sizeof (SteadMatchTraining));
            break;
          case 2:
            copy->exceptions = stead_match_pool_copy (pool, &at, volunteer->exceptions,
                                                      volunteer->n_exceptions,
                                                      sizeof (SteadMatchException));
            break;
          default:
            copy->slots = stead_match_pool_copy (pool, &at, volunteer->slots,
                                                 volunteer->n_slots, sizeof (SteadMatchSlot));
            break;
          }
      }
}

static void
stead_match_build_grid (SteadMatcher *self)
{
  double lat_sum = 0, xmin = G_MAXDOUBLE, xmax = -G_MAXDOUBLE, ymin = G_MAXDOUBLE;
  double ymax = -G_MAXDOUBLE, lat_far = 0, lat0, area;
  guint n = self->n_volunteers;
  guint *fill;

  for (guint i = 0; i < n; i++)
    {
      lat_sum += self->volunteers[i].latitude;
      self->max_radius = MAX (self->max_radius, self->volunteers[i].radius_km);
      lat_far = MAX (lat_far, fabs (self->volunteers[i].latitude));
    }
  lat0 = n > 0 ? lat_sum / n : 0;
  self->kx = STEAD_MATCH_KM_PER_DEGREE * cos (lat0 * G_PI / 180);
  /* A pair within reach lies within max_radius of a volunteer. */
  lat_far = MIN (89.0, lat_far + self->max_radius / STEAD_MATCH_KM_PER_DEGREE);
  self->safety = 0.98 * MIN (1.0, cos (lat_far * G_PI / 180) / cos (lat0 * G_PI / 180));
  for (guint i = 0; i < n; i++)
    {
      double x = self->volunteers[i].longitude * self->kx;
      double y = self->volunteers[i].latitude * STEAD_MATCH_KM_PER_DEGREE;

      xmin = MIN (xmin, x), xmax = MAX (xmax, x);
      ymin = MIN (ymin, y), ymax = MAX (ymax, y);
    }
  if (n == 0)
    xmin = xmax = ymin = ymax = 0;
  area = (xmax - xmin + 0.1) * (ymax - ymin + 0.1);
  /* About four volunteers a cell, none smaller than 200 m. */
  self->cell = MAX (0.2, sqrt (area / MAX (1.0, n / 4.0)));
  while (((xmax - xmin) / self->cell + 1) * ((ymax - ymin) / self->cell + 1)
         > STEAD_MATCH_MAX_CELLS)
    self->cell *= 1.5;
  self->x0 = xmin;
  self->y0 = ymin;
  self->nx = (int) floor ((xmax - xmin) / self->cell) + 1;
  self->ny = (int) floor ((ymax - ymin) / self->cell) + 1;

  self->cell_start = g_new0 (guint, (gsize) self->nx * self->ny + 1);
  self->order = g_new (guint, MAX (n, 1));
  fill = g_new0 (guint, (gsize) self->nx * self->ny);
  for (guint i = 0; i < n; i++)
    {
      int cx = CLAMP (stead_match_cell_x (self, self->volunteers[i].longitude), 0, self->nx - 1);
      int cy = CLAMP (stead_match_cell_y (self, self->volunteers[i].latitude), 0, self->ny - 1);

      self->cell_start[(gsize) cy * self->nx + cx + 1]++;
    }
  for (gsize c = 0; c < (gsize) self->nx * self->ny; c++)
    self->cell_start[c + 1] += self->cell_start[c];
  for (guint i = 0; i < n; i++)
    {
      int cx = CLAMP (stead_match_cell_x (self, self->volunteers[i].longitude), 0, self->nx - 1);
      int cy = CLAMP (stead_match_cell_y (self, self->volunteers[i].latitude), 0, self->ny - 1);
      gsize c = (gsize) cy * self->nx + cx;

      self->order[self->cell_start[c] + fill[c]++] = i;
    }
  g_free (fill);
  self->points = g_new (StmPoint, MAX (n, 1));
  for (guint p = 0; p < n; p++)
    {
      const SteadMatchVolunteer *volunteer = &self->volunteers[self->order[p]];

      self->points[p].skills = volunteer->skills;
      self->points[p].x = (float) (volunteer->longitude * self->kx - self->x0);
      self->points[p].y = (float) (volunteer->latitude * STEAD_MATCH_KM_PER_DEGREE - self->y0);
      self->points[p].reach = (float) (volunteer->radius_km / self->safety + 0.01);
      self->points[p].dbs = (guint8) volunteer->dbs;
    }
  stead_match_build_grid_records (self);
}

SteadMatcher *
stead_matcher_new (const SteadMatchVolunteer *volunteers,
                   guint                      n_volunteers,
                   const SteadMatchOptions   *options)
{
  SteadMatcher *self = g_new0 (SteadMatcher, 1);

  g_return_val_if_fail (volunteers != NULL || n_volunteers == 0, NULL);

  self->volunteers = g_memdup2 (volunteers, sizeof *volunteers * MAX (n_volunteers, 1));
  self->n_volunteers = n_volunteers;
  if (options != NULL)
    self->options = *options;
  else
    stead_match_options_init (&self->options);
  if (self->options.k == 0)
    self->options.k = 8;
  self->shared_min = STEAD_MATCH_SHARED_MIN;
  stead_match_build_grid (self);
  return self;
}

void
stead_matcher_set_shared_min (SteadMatcher *self,
                              guint         n_requests)
{
  g_return_if_fail (self != NULL);
  self->shared_min = MAX (1, n_requests);
}

void
stead_matcher_free (SteadMatcher *self)
{
  if (self == NULL)
    return;
  g_free (self->volunteers);
  g_free (self->cell_start);
  g_free (self->order);
  g_free (self->points);
  g_free (self->grid);
  g_free (self->grid_arrays);
  g_free (self->grid_trig);
  g_free (self);
}

const SteadMatchVolunteer *
stead_matcher_get_volunteer (SteadMatcher *self,
                             guint         index)
{
  g_return_val_if_fail (index < self->n_volunteers, NULL);
  return &self->volunteers[index];
}

/* ------------------------------------------------------------------------ */
/* Eligibility                                                               */
/* ------------------------------------------------------------------------ */

/* The day the request is for: its window's first, or today. */
static gint32
stead_match_request_day (SteadMatcher            *self,
                         const SteadMatchRequest *request)
{
  gint32 day = self->options.today;

  if (request->window_start > 0 || request->window_end > 0)
    day = MAX (day, (gint32) (request->window_start / 1440));
  return day;
}

/* The latest expiry of the training for @skill, or G_MININT32 when none. */
static gint32
stead_match_training_expiry (const SteadMatchVolunteer *volunteer,
                             guint                      skill)
{
  gint32 best = G_MININT32;

  for (guint i = 0; i < volunteer->n_training; i++)
    if (volunteer->training[i].skill == skill)
      best = MAX (best, volunteer->training[i].expires);
  return best;
}

/* The first skill (bit) needing training not in date by @day, or -1. */
static int
stead_match_training_failed (SteadMatcher              *self,
                             const SteadMatchVolunteer *volunteer,
                             guint64                    skills,
                             gint32                     day)
{
  guint64 need = skills & self->options.needs_training;

  for (int bit = 0; need != 0 && bit < 64; bit++)
    if ((need & (G_GUINT64_CONSTANT (1) << bit)) != 0)
      {
        if (stead_match_training_expiry (volunteer, (guint) bit) < day)
          return bit;
        need &= ~(G_GUINT64_CONSTANT (1) << bit);
      }
  return -1;
}

static gboolean
stead_match_insured (const SteadMatchVolunteer *volunteer,
                     guint64                    activities,
                     gint32                     day)
{
  for (guint i = 0; i < volunteer->n_insurance; i++)
    {
      const SteadMatchInsurance *policy = &volunteer->insurance[i];

      if (policy->expires >= day
          && (policy->activities == 0 || (policy->activities & activities) == activities))
        return TRUE;
    }
  return FALSE;
}

static const SteadMatchException *
stead_match_exception_on (const SteadMatchVolunteer *volunteer,
                          gint32                     day)
{
  for (guint i = 0; i < volunteer->n_exceptions; i++)
    if (volunteer->exceptions[i].day_from <= day && day <= volunteer->exceptions[i].day_to)
      return &volunteer->exceptions[i];
  return NULL;
}

/* Free for some of the window: the weekly pattern, unless a dated
 * exception says away (or available all day) on that day. */
static gboolean
stead_match_available (const SteadMatchVolunteer *volunteer,
                       const SteadMatchRequest   *request)
{
  gint64 start = request->window_start, end = request->window_end;
  gint64 first, last;

  if (start <= 0 && end <= 0)
    return TRUE;
  if (end <= start)
    end = start + 60;
  first = start / 1440;
  last = (end - 1) / 1440;
  last = MIN (last, first + STEAD_MATCH_MAX_WINDOW_DAYS);
  for (gint64 day = first; day <= last; day++)
    {
      const SteadMatchException *exception = stead_match_exception_on (volunteer, (gint32) day);
      gint64 lo = MAX (start, day * 1440), hi = MIN (end, day * 1440 + 1440);
      guint weekday = (guint) (((day + 3) % 7 + 7) % 7) + 1;   /* 1970-01-01: a Thursday */

      if (exception != NULL)
        {
          if (exception->available)
            return TRUE;
          continue;
        }
      if (volunteer->n_slots == 0)
        return TRUE;
      for (guint i = 0; i < volunteer->n_slots; i++)
        {
          const SteadMatchSlot *slot = &volunteer->slots[i];

          if (slot->weekday == weekday
              && day * 1440 + slot->start < hi && lo < day * 1440 + slot->finish)
            return TRUE;
        }
    }
  return FALSE;
}

static SteadMatchRule
stead_match_check_record (SteadMatcher              *self,
                          const SteadMatchRequest   *request,
                          const SteadMatchVolunteer *volunteer,
                          double                     distance)
{
  gint32 day;

  if (distance > volunteer->radius_km)
    return STEAD_MATCH_DISTANCE;
  if ((request->skills & ~volunteer->skills) != 0)
    return STEAD_MATCH_SKILL;
  if (request->regulated && volunteer->dbs < STEAD_MATCH_DBS_ENHANCED_BARRED)
    return STEAD_MATCH_REGULATED;
  if (volunteer->dbs < request->dbs)
    return STEAD_MATCH_DBS;
  day = stead_match_request_day (self, request);
  if (stead_match_training_failed (self, volunteer, request->skills, day) >= 0)
    return STEAD_MATCH_TRAINING;
  if (self->options.require_insurance && !stead_match_insured (volunteer, request->skills, day))
    return STEAD_MATCH_INSURANCE;
  if (!stead_match_available (volunteer, request))
    return STEAD_MATCH_AVAILABILITY;
  if (volunteer->capacity == 0)
    return STEAD_MATCH_CAPACITY;
  return STEAD_MATCH_ELIGIBLE;
}

SteadMatchRule
stead_matcher_check (SteadMatcher            *self,
                     const SteadMatchRequest *request,
                     guint                    index,
                     double                  *distance_km)
{
  const SteadMatchVolunteer *volunteer;
  double distance;

  g_return_val_if_fail (index < self->n_volunteers, STEAD_MATCH_DISTANCE);

  volunteer = &self->volunteers[index];
  distance = stead_match_distance_km (request->longitude, request->latitude,
                                      volunteer->longitude, volunteer->latitude);
  if (distance_km != NULL)
    *distance_km = distance;
  return stead_match_check_record (self, request, volunteer, distance);
}

/* stead_matcher_check () of the volunteer at @p in the grid's order,
 * @request's latitude in radians and its cosine given. */
static SteadMatchRule
stead_match_check_grid (SteadMatcher            *self,
                        const SteadMatchRequest *request,
                        double                   p1,
                        double                   cos1,
                        guint                    p,
                        double                  *distance_km)
{
  const SteadMatchVolunteer *volunteer = &self->grid[p];

  *distance_km = stead_match_haversine (request->longitude, p1, cos1, volunteer->longitude,
                                        self->grid_trig[2 * p], self->grid_trig[2 * p + 1]);
  return stead_match_check_record (self, request, volunteer, *distance_km);
}

/* ------------------------------------------------------------------------ */
/* Reasons in words                                                          */
/* ------------------------------------------------------------------------ */

static const char *
stead_match_dbs_words (SteadMatchDbs level)
{
  switch (level)
    {
    case STEAD_MATCH_DBS_BASIC:
      return _("basic DBS");
    case STEAD_MATCH_DBS_STANDARD:
      return _("standard DBS");
    case STEAD_MATCH_DBS_ENHANCED:
      return _("enhanced DBS");
    case STEAD_MATCH_DBS_ENHANCED_BARRED:
      return _("enhanced DBS with barred list");
    case STEAD_MATCH_DBS_NONE:
    default:
      return _("no DBS check");
    }
}

static char *
stead_match_skill_words (SteadMatcher *self,
                         guint         bit)
{
  const char *label = self->options.skill_labels != NULL ? self->options.skill_labels[bit] : NULL;

  if (label == NULL)
    return g_strdup_printf (_("skill %u"), bit);
  return g_strdup (label);
}

static char *
stead_match_skills_words (SteadMatcher *self,
                          guint64       skills)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint bit = 0; bit < 64; bit++)
    if ((skills & (G_GUINT64_CONSTANT (1) << bit)) != 0)
      {
        g_autofree char *words = stead_match_skill_words (self, bit);

        if (text->len > 0)
          g_string_append (text, ", ");
        g_string_append (text, words);
      }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
stead_match_day_words (gint32 day)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc ((gint64) day * 86400);

  return g_date_time_format (time, "%-d %b %Y");
}

/* "expired 3 days ago" or "expires on 4 Dec 2026, before the request". */
static char *
stead_match_expiry_words (SteadMatcher *self,
                          gint32        expires)
{
  gint32 today = self->options.today;

  if (expires < today)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "expired %d day ago",
                                         "expired %d days ago", (gulong) (today - expires)),
                            today - expires);
  else
    {
      g_autofree char *date = stead_match_day_words (expires);

      /* TRANSLATORS: a certificate or policy: "expires on 4 Dec 2026, before the request" */
      return g_strdup_printf (_("expires on %s, before the request"), date);
    }
}

static char *
stead_match_km_words (double km)
{
  return g_strdup_printf ("%.1f", km);
}

char *
stead_matcher_describe (SteadMatcher            *self,
                        const SteadMatchRequest *request,
                        guint                    index)
{
  const SteadMatchVolunteer *volunteer;
  double distance = 0;
  SteadMatchRule rule = stead_matcher_check (self, request, index, &distance);
  g_autofree char *km = stead_match_km_words (distance);
  g_autofree char *radius = NULL;
  gint32 day = stead_match_request_day (self, request);

  volunteer = &self->volunteers[index];
  radius = stead_match_km_words (volunteer->radius_km);
  switch (rule)
    {
    case STEAD_MATCH_ELIGIBLE:
      if (volunteer->load > 0)
        /* TRANSLATORS: why a volunteer is suggested: "2.1 km away, within their 5.0 km
         * radius; 1 task already" */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s km away, within their %s km radius; %u task "
                                             "already",
                                             "%s km away, within their %s km radius; %u tasks "
                                             "already", volunteer->load),
                                km, radius, volunteer->load);
      return g_strdup_printf (_("%s km away, within their %s km radius"), km, radius);
    case STEAD_MATCH_DISTANCE:
      return g_strdup_printf (_("%s km away, beyond their %s km travel radius"), km, radius);
    case STEAD_MATCH_SKILL:
      {
        g_autofree char *missing = stead_match_skills_words (self,
                                                             request->skills & ~volunteer->skills);

        return g_strdup_printf (_("does not have the skill needed: %s"), missing);
      }
    case STEAD_MATCH_REGULATED:
      /* TRANSLATORS: "… needed for shopping for a shielding adult — regulated activity" */
      return g_strdup_printf (_("%s needed for %s — regulated activity"),
                              stead_match_dbs_words (STEAD_MATCH_DBS_ENHANCED_BARRED),
                              request->activity != NULL ? request->activity : _("this request"));
    case STEAD_MATCH_DBS:
      /* TRANSLATORS: "enhanced DBS needed; they have basic DBS" */
      return g_strdup_printf (_("%s needed; they have %s"), stead_match_dbs_words (request->dbs),
                              stead_match_dbs_words (volunteer->dbs));
    case STEAD_MATCH_TRAINING:
      {
        int bit = stead_match_training_failed (self, volunteer, request->skills, day);
        g_autofree char *skill = stead_match_skill_words (self, (guint) bit);
        g_autofree char *lower = g_utf8_strdown (skill, -1);
        gint32 expires = stead_match_training_expiry (volunteer, (guint) bit);
        g_autofree char *when = NULL;

        if (expires == G_MININT32)
          return g_strdup_printf (_("no %s training on record"), lower);
        when = stead_match_expiry_words (self, expires);
        /* TRANSLATORS: "first aid certificate expired 3 days ago" */
        return g_strdup_printf (_("%s certificate %s"), lower, when);
      }
    case STEAD_MATCH_INSURANCE:
      {
        gint32 best = G_MININT32;

        if (volunteer->n_insurance == 0)
          return g_strdup (_("no insurance on record"));
        for (guint i = 0; i < volunteer->n_insurance; i++)
          {
            const SteadMatchInsurance *policy = &volunteer->insurance[i];

            if (policy->activities == 0
                || (policy->activities & request->skills) == request->skills)
              best = MAX (best, policy->expires);
          }
        if (best == G_MININT32)
          {
            g_autofree char *skills = stead_match_skills_words (self, request->skills);

            return g_strdup_printf (_("insurance does not cover %s"), skills);
          }
        else
          {
            g_autofree char *when = stead_match_expiry_words (self, best);

            /* TRANSLATORS: "insurance expired 3 days ago" */
            return g_strdup_printf (_("insurance %s"), when);
          }
      }
    case STEAD_MATCH_AVAILABILITY:
      {
        gint64 start = request->window_start / 1440;
        gint64 end = MAX (request->window_end - 1, request->window_start) / 1440;

        for (gint64 d = start; d <= end && d <= start + STEAD_MATCH_MAX_WINDOW_DAYS; d++)
          {
            const SteadMatchException *exception = stead_match_exception_on (volunteer,
                                                                             (gint32) d);

            if (exception != NULL && !exception->available)
              return g_strdup (_("away during the request’s time window"));
          }
        return g_strdup (_("not available in the request’s time window"));
      }
    case STEAD_MATCH_CAPACITY:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "already has %u task that day",
                                           "already has %u tasks that day", volunteer->load),
                              volunteer->load);
    }
}

/* ------------------------------------------------------------------------ */
/* Suggestions                                                               */
/* ------------------------------------------------------------------------ */

static int
stead_match_candidate_compare (gconstpointer a,
                               gconstpointer b,
                               gpointer      user_data)
{
  const SteadMatchCandidate *x = a, *y = b;
  SteadMatcher *self = user_data;

  if (x->distance_km != y->distance_km)
    return x->distance_km < y->distance_km ? -1 : 1;
  if (self->volunteers[x->volunteer].load != self->volunteers[y->volunteer].load)
    return self->volunteers[x->volunteer].load < self->volunteers[y->volunteer].load ? -1 : 1;
  return (x->volunteer > y->volunteer) - (x->volunteer < y->volunteer);
}

guint
stead_matcher_suggest (SteadMatcher            *self,
                       const SteadMatchRequest *request,
                       GArray                  *eligible,
                       GArray                  *excluded)
{
  double reach = self->max_radius / self->safety + self->cell;
  double x = request->longitude * self->kx - self->x0;
  double y = request->latitude * STEAD_MATCH_KM_PER_DEGREE - self->y0;
  int x1 = MAX (0, (int) floor ((x - reach) / self->cell));
  int x2 = MIN (self->nx - 1, (int) floor ((x + reach) / self->cell));
  int y1 = MAX (0, (int) floor ((y - reach) / self->cell));
  int y2 = MIN (self->ny - 1, (int) floor ((y + reach) / self->cell));
  double p1 = request->latitude * G_PI / 180, cos1 = cos (p1);
  guint seen = 0;

  g_array_set_size (eligible, 0);
  g_array_set_size (excluded, 0);
  for (int cy = y1; cy <= y2; cy++)
    for (int cx = x1; cx <= x2; cx++)
      {
        gsize c = (gsize) cy * self->nx + cx;

        for (guint i = self->cell_start[c]; i < self->cell_start[c + 1]; i++)
          {
            SteadMatchCandidate candidate = { self->order[i], 0, 0 };
            double dx = self->points[i].x - x, dy = self->points[i].y - y;

            /* Projected, then × safety, it is no farther than truly: beyond
             * any reach without the trigonometry. */
            if ((dx * dx + dy * dy) * self->safety * self->safety
                > self->max_radius * self->max_radius * 1.0001)
              continue;
            candidate.rule = stead_match_check_grid (self, request, p1, cos1, i,
                                                     &candidate.distance_km);
            if (candidate.distance_km > self->max_radius)
              continue;
            seen++;
            g_array_append_val (candidate.rule == STEAD_MATCH_ELIGIBLE ? eligible : excluded,
                                candidate);
          }
      }
  g_array_sort_with_data (eligible, stead_match_candidate_compare, self);
  g_array_sort_with_data (excluded, stead_match_candidate_compare, self);
  return self->n_volunteers - seen;
}

/* The k nearest eligible for @request (ignoring capacity), nearest first,
 * into @out (at most k); returns how many. Rings of cells outward, until
 * no nearer one can be found. */
static guint
stead_match_nearest (SteadMatcher            *self,
                       const SteadMatchRequest *request,
                       guint                    k,
                       SteadMatchCandidate     *out)
{
  int cx = stead_match_cell_x (self, request->longitude);
  int cy = stead_match_cell_y (self, request->latitude);
  float rx = (float) (request->longitude * self->kx - self->x0);
  float ry = (float) (request->latitude * STEAD_MATCH_KM_PER_DEGREE - self->y0);
  guint8 dbs = request->regulated ? STEAD_MATCH_DBS_ENHANCED_BARRED : (guint8) request->dbs;
  double p1 = request->latitude * G_PI / 180, cos1 = cos (p1);
  double beyond = G_MAXDOUBLE;   /* projected, squared: farther than the k-th found */
  guint n = 0;
  int far;

  if (self->n_volunteers == 0)
    return 0;
  /* Beyond this ring, no cell of the grid is left. */
  far = MAX (MAX (ABS (cx), ABS (cx - (self->nx - 1))), MAX (ABS (cy), ABS (cy - (self->ny - 1))));
  for (int ring = 0; ring <= far; ring++)
    {
      double bound = self->safety * (ring - 1) * self->cell;

      if (bound > self->max_radius || (n == k && bound > out[k - 1].distance_km))
        break;
      for (int gy = cy - ring; gy <= cy + ring; gy++)
        {
          int step = (gy == cy - ring || gy == cy + ring) ? 1 : MAX (1, 2 * ring);

          if (gy < 0 || gy >= self->ny)
            continue;
          for (int gx = cx - ring; gx <= cx + ring; gx += step)
            {
              gsize c;

              if (gx < 0 || gx >= self->nx)
                continue;
              /* The whole cell farther (projected, less a margin for the
               * points' float coordinates) than the k-th found: skipped. */
              if (n == k)
                {
                  double x0 = gx * self->cell, y0 = gy * self->cell;
                  double ddx = MAX (0, MAX (x0 - rx, rx - (x0 + self->cell)) - 0.001);
                  double ddy = MAX (0, MAX (y0 - ry, ry - (y0 + self->cell)) - 0.001);

                  if (ddx * ddx + ddy * ddy > beyond)
                    continue;
                }
              c = (gsize) gy * self->nx + gx;
              for (guint i = self->cell_start[c]; i < self->cell_start[c + 1]; i++)
                {
                  const StmPoint *point = &self->points[i];
                  SteadMatchCandidate candidate = { self->order[i], 0, 0 };
                  float dx = point->x - rx, dy = point->y - ry, d2 = dx * dx + dy * dy;
                  guint at;

                  /* The quick rules first: skills, checks, projected distance. */
                  if ((request->skills & ~point->skills) != 0 || point->dbs < MAX (dbs,
                                                                               request->dbs)
                      || d2 > point->reach * point->reach
                      || (n == k && d2 > beyond))
                    continue;
                  candidate.rule = stead_match_check_grid (self, request, p1, cos1, i,
                                                           &candidate.distance_km);
                  if (candidate.rule != STEAD_MATCH_ELIGIBLE
                      || (n == k && candidate.distance_km >= out[k - 1].distance_km))
                    continue;
                  /* Insert, keeping the nearest k in order. */
                  at = n < k ? n++ : k - 1;
                  while (at > 0 && out[at - 1].distance_km > candidate.distance_km)
                    {
                      out[at] = out[at - 1];
                      at--;
                    }
                  out[at] = candidate;
                  if (n == k)
                    beyond = out[k - 1].distance_km * out[k - 1].distance_km * 1.0001
                             / (self->safety * self->safety);
                }
            }
        }
    }
  return n;
}

/* ------------------------------------------------------------------------ */
/* Assignment                                                                */
/* ------------------------------------------------------------------------ */

/* Each request's candidates, k a row: volunteer, cost in whole metres
 * (the objective is exact in them) and the distance for the totals. */
typedef struct
{
  SteadMatcher            *matcher;
  const SteadMatchRequest *requests;
  guint                    k;
  guint                    from, to;      /* the requests this worker finds candidates for */
  guint                   *n_edges;       /* per request */
  guint                   *edge_volunteer; /* r × k + i */
  gint64                  *edge_cost;
  double                  *edge_km;
  gint64                  *penalty;       /* per request, metres */
  guint                    n_requests;
} StmEdges;

static gint64
stead_match_metres (double km)
{
  return (gint64) llround (km * 1000);
}

static double
stead_match_penalty (SteadMatcher            *self,
                     const SteadMatchRequest *request)
{
  return self->options.penalty_km * self->options.urgency_weight[CLAMP (request->urgency, 1, 4)];
}

static gpointer
stead_match_edges_worker (gpointer data)
{
  StmEdges *edges = data;
  g_autofree SteadMatchCandidate *nearest = g_new (SteadMatchCandidate, edges->k);

  for (guint r = edges->from; r < edges->to; r++)
    {
      guint n = stead_match_nearest (edges->matcher, &edges->requests[r], edges->k, nearest);
      gsize at = (gsize) r * edges->k;
      guint kept = 0;

      edges->penalty[r] = stead_match_metres (stead_match_penalty (edges->matcher,
                                                                   &edges->requests[r]));
      for (guint i = 0; i < n; i++)
        {
          gint64 cost = stead_match_metres (nearest[i].distance_km);

          /* Dearer than leaving it unmet: in no optimal assignment. */
          if (cost > edges->penalty[r])
            break;
          edges->edge_volunteer[at + kept] = nearest[i].volunteer;
          edges->edge_cost[at + kept] = cost;
          edges->edge_km[at + kept] = nearest[i].distance_km;
          kept++;
        }
      edges->n_edges[r] = kept;
    }
  return NULL;
}

static guint
stead_match_threads (SteadMatcher *self)
{
  guint threads = self->options.threads;

  if (threads == 0)
    threads = (guint) g_get_num_processors ();
  return CLAMP (threads, 1, 2);
}

/* Runs @func on @work[0] in this thread and on @work[1] in another when
 * there are two. */
static void
stead_match_run_parallel (GThreadFunc func,
                          gpointer    work0,
                          gpointer    work1)
{
  GThread *thread = NULL;

  if (work1 != NULL)
    thread = g_thread_new ("stead-match", func, work1);
  func (work0);
  if (thread != NULL)
    g_thread_join (thread);
}

/* The auction state: requests bid for units of volunteers' capacity (a
 * volunteer of capacity c is one node with c units, each its own price),
 * or take their own "unmet" at their penalty, whose price stays 0 (no
 * other request can want it). */
#define STM_UNASSIGNED (-2)
#define STM_UNMET      (-1)
#define STM_ALPHA      4
/* A unit's holder while a bid on it is being placed, by a shared component's thread. */
#define STM_TAKING     (-3)

/* The next bidder's edges are somewhere else in memory: ask for them early. */
#if defined(__GNUC__)
# define STM_PREFETCH(address) __builtin_prefetch (address)
#else
# define STM_PREFETCH(address) ((void) (address))
#endif

/* A request's edge as the auction reads it, together in one place: its
 * cost (scaled, once its component is solved) and its volunteer's units. */
typedef struct
{
  gint64 cost;
  guint  unit;
  guint  unit_end;
} StmArc;

/* The same edge from its volunteer's side. */
typedef struct
{
  gint64 cost;
  guint  request;
} StmBack;

typedef struct
{
  const StmEdges *edges;
  guint          *unit_start;   /* per volunteer, into the units */
  guint          *unit_volunteer;
  gint64         *price;        /* per unit, scaled */
  gint           *holder;       /* per unit: a request, or -1 */
  gint           *state;        /* per request: a unit, STM_UNMET or STM_UNASSIGNED */
  gint64         *paying;       /* per request: the scaled cost plus price of what it holds
                                 * (a held unit's price moves only when it changes hands) */
  StmArc         *arcs;         /* per edge, r × k + i */
  guint          *by_volunteer_start;  /* the edges the other way, for the reverse pass */
  StmBack        *backs;
  /* For the certificate: a label per node (scaled), and whether it is queued. */
  gint64         *label_request;
  gint64         *label_unit;
  guint8         *queued;       /* requests, then units */
  /* Components */
  guint          *component_start;
  guint          *component_requests;
  guint          *component_volunteer_start;
  guint          *component_volunteers;
} StmAuction;

typedef struct
{
  StmAuction *auction;
  guint      *components;     /* the components this worker solves */
  guint       n_components;
  gint       *queue;          /* scratch: requests to bid (a ring), then units to lower */
  gint       *mailbox;        /* what the other thread hands over, when shared */
  gsize       n_requests_max;
  gsize       n_units_max;
} StmSolver;

/* The cheapest and second cheapest of @r's options at @scale, the cheapest's unit. */
static void
stead_match_best (StmAuction *auction,
                  guint       r,
                  gint64      scale,
                  gint64     *best_out,
                  gint64     *second_out,
                  gint       *best_unit_out,
                  gint64     *best_cost_out)
{
  const StmEdges *edges = auction->edges;
  const StmArc *arcs = &auction->arcs[(gsize) r * edges->k];
  const gint64 *price = auction->price;
  guint n = edges->n_edges[r];
  /* In locals, not through the pointers: the prices could alias them. */
  gint64 best = edges->penalty[r] * scale, second = G_MAXINT64, best_cost = best;
  gint best_unit = STM_UNMET;

  for (guint i = 0; i < n; i++)
    {
      gint64 cost = arcs[i].cost;

      for (guint u = arcs[i].unit; u < arcs[i].unit_end; u++)
        {
          /* Relaxed: while a component is shared, the other thread may raise it. */
          gint64 value = cost + __atomic_load_n (&price[u], __ATOMIC_RELAXED);

          if (value < best)
            {
              second = best;
              best = value;
              best_unit = (gint) u;
              best_cost = cost;
            }
          else if (value < second)
            second = value;
        }
    }
  *best_out = best;
  *second_out = second;
  *best_unit_out = best_unit;
  *best_cost_out = best_cost;
}

static void
stead_match_release (StmAuction *auction,
                     guint       r)
{
  if (auction->state[r] >= 0)
    auction->holder[auction->state[r]] = -1;
  auction->state[r] = STM_UNASSIGNED;
}

/* The reverse step's view of @volunteer's free unit: among the requests
 * that could take it, the most (@beta1, request @chosen, with its @cost1
 * and what it @paid) and second most (@beta2) it could be priced at for
 * them to stay within eps of their best, or @chosen -1. */
typedef struct
{
  gint64 beta1, beta2, cost1, paid;
  gint   chosen;
} StmReverseBest;

static void
stead_match_reverse_best (StmAuction     *auction,
                          guint           volunteer,
                          StmReverseBest *best)
{
  best->beta1 = best->beta2 = G_MININT64;
  best->cost1 = best->paid = 0;
  best->chosen = -1;
  for (guint i = auction->by_volunteer_start[volunteer];
       i < auction->by_volunteer_start[volunteer + 1]; i++)
    {
      guint r = auction->backs[i].request;
      /* Relaxed: in a shared pass the other thread may lower it. */
      gint64 pays = __atomic_load_n (&auction->paying[r], __ATOMIC_RELAXED);
      gint64 beta = pays - auction->backs[i].cost;

      if (beta > best->beta1)
        {
          best->beta2 = best->beta1;
          best->beta1 = beta;
          best->chosen = (gint) r;
          best->cost1 = auction->backs[i].cost;
          best->paid = pays;
        }
      else if (beta > best->beta2)
        best->beta2 = beta;
    }
}

/* The reverse queue's chains are independent of one another: the next
 * unit's edges and what its first request pays are asked for while this
 * one is worked on, not read late, a cache miss each. */
static inline void
stead_match_reverse_prefetch (StmAuction *auction,
                              gint        unit)
{
  const StmBack *next = &auction->backs[auction->by_volunteer_start
                                        [auction->unit_volunteer[unit]]];

  STM_PREFETCH (next);
  STM_PREFETCH (&auction->paying[next->request]);
}

/* After each phase: a unit left free at a price above 0 breaks optimality
 * (its volunteer has time to spare, yet the prices say it is wanted).
 * Lower its price to what keeps everyone within eps of their best; when
 * a request would then be more than eps better off with it, that one
 * moves to it (a reverse auction step), freeing what it held. */
static void
stead_match_reverse (StmSolver *solver,
                     guint      c,
                     gint64     scale,
                     gint64     eps)
{
  StmAuction *auction = solver->auction;
  gint *units = solver->queue + solver->n_requests_max;
  gsize head = 0, tail = 0;

  for (guint i = auction->component_volunteer_start[c];
       i < auction->component_volunteer_start[c + 1]; i++)
    {
      guint volunteer = auction->component_volunteers[i];

      for (guint u = auction->unit_start[volunteer]; u < auction->unit_start[volunteer + 1]; u++)
        if (auction->holder[u] < 0 && auction->price[u] > 0)
          units[tail++ % solver->n_units_max] = (gint) u;
    }
  while (head != tail)
    {
      gint unit = units[head++ % solver->n_units_max];
      StmReverseBest best;
      gint chosen, old;

      if (head != tail)
        stead_match_reverse_prefetch (auction, units[head % solver->n_units_max]);
      if (auction->holder[unit] >= 0 || auction->price[unit] == 0)
        continue;
      stead_match_reverse_best (auction, auction->unit_volunteer[unit], &best);
      chosen = best.chosen;
      if (chosen < 0 || best.beta1 <= eps)
        {
          auction->price[unit] = 0;
          continue;
        }
      old = auction->state[chosen];
      stead_match_release (auction, (guint) chosen);
      if (old >= 0 && auction->price[old] > 0)
        units[tail++ % solver->n_units_max] = old;
      auction->price[unit] = best.beta2 > eps ? best.beta2 - eps : 0;
      auction->holder[unit] = chosen;
      auction->state[chosen] = unit;
      auction->paying[chosen] = best.cost1 + auction->price[unit];
    }
}

/* Sharing out the queued work of a component shared by two threads: one
 * whose queue runs dry says so (HUNGRY), and the other, every so often,
 * hands it half of what it has queued (FED); both are done when both are
 * dry, as then neither can give the other anything more. */
enum
{
  STM_BUSY,
  STM_HUNGRY,
  STM_FED,
  STM_DONE,
};

typedef struct
{
  gint   state[2];
  gint  *mailbox[2];
  gsize  n_mail[2];
} StmBalance;

static void
stead_match_balance_init (StmBalance *balance,
                          StmSolver  *a,
                          StmSolver  *b)
{
  balance->state[0] = balance->state[1] = STM_BUSY;
  balance->mailbox[0] = a->mailbox;
  balance->mailbox[1] = b->mailbox;
  balance->n_mail[0] = balance->n_mail[1] = 0;
}

/* @side's ring is empty: TRUE once the other side has put work in it,
 * FALSE when there is none left on either. */
static gboolean
stead_match_balance_wait (StmBalance *balance,
                          guint       side,
                          gint       *ring,
                          gsize       size,
                          gsize      *tail)
{
  guint spins = 0;

  g_atomic_int_set (&balance->state[side], STM_HUNGRY);
  for (;;)
    {
      gint other = g_atomic_int_get (&balance->state[!side]);

      if (g_atomic_int_get (&balance->state[side]) == STM_FED)
        {
          for (gsize i = 0; i < balance->n_mail[side]; i++)
            ring[(*tail)++ % size] = balance->mailbox[side][i];
          g_atomic_int_set (&balance->state[side], STM_BUSY);
          return TRUE;
        }
      /* A hungry side feeds no one: both hungry, nothing is left. */
      if ((other == STM_HUNGRY || other == STM_DONE)
          && g_atomic_int_compare_and_exchange (&balance->state[side], STM_HUNGRY, STM_DONE))
        return FALSE;
      if (++spins % 64 == 0)
        g_thread_yield ();
    }
}

/* Every so often on @side: half of its ring's last items to the other
 * side if that is waiting. */
static void
stead_match_balance_feed (StmBalance *balance,
                          guint       side,
                          gint       *ring,
                          gsize       size,
                          gsize       head,
                          gsize      *tail)
{
  gsize n = (*tail - head) / 2;
  guint other = !side;

  if (n < 16 || g_atomic_int_get (&balance->state[other]) != STM_HUNGRY)
    return;
  for (gsize i = 0; i < n; i++)
    balance->mailbox[other][i] = ring[(*tail - n + i) % size];
  balance->n_mail[other] = n;
  if (g_atomic_int_compare_and_exchange (&balance->state[other], STM_HUNGRY, STM_FED))
    *tail -= n;
}

/* The reverse pass of a component shared by two threads, one's half of
 * its volunteers (@from, @to), after the same rules. A free unit is
 * taken by setting its holder to STM_TAKING, a request to move by
 * setting its state to STM_MOVING, and it moves only if it pays what was
 * read: in this pass what a request pays only falls, so a value read
 * since changed was too high, which can only make the price left on the
 * unit higher than it need be, never one that leaves anyone more than
 * eps from their best. Units freed go to this thread's queue, and the
 * queues are balanced between the threads. */
#define STM_MOVING (-4)

typedef struct
{
  StmSolver  *solver;
  guint       from, to;   /* into the component's volunteers */
  gint64      eps;
  StmBalance *balance;
  guint       side;
} StmReversal;

static gpointer
stead_match_reverse_shared (gpointer data)
{
  StmReversal *reversal = data;
  StmSolver *solver = reversal->solver;
  StmAuction *auction = solver->auction;
  gint *units = solver->queue + solver->n_requests_max;
  gsize head = 0, tail = 0, size = solver->n_units_max, busy = 0, handled = 0;
  gint64 eps = reversal->eps;

  for (guint i = reversal->from; i < reversal->to; i++)
    {
      guint volunteer = auction->component_volunteers[i];

      /* The other thread may be freeing one now: then it is in its queue. */
      for (guint u = auction->unit_start[volunteer]; u < auction->unit_start[volunteer + 1]; u++)
        if (g_atomic_int_get (&auction->holder[u]) == -1
            && __atomic_load_n (&auction->price[u], __ATOMIC_RELAXED) > 0)
          units[tail++ % size] = (gint) u;
    }
  for (;;)
    {
      gint unit;
      guint volunteer;

      if (head == tail)
        {
          if (!stead_match_balance_wait (reversal->balance, reversal->side, units, size, &tail))
            break;
          continue;
        }
      if ((++handled & 63) == 0)
        stead_match_balance_feed (reversal->balance, reversal->side, units, size, head, &tail);
      unit = units[head++ % size];
      volunteer = auction->unit_volunteer[unit];
      if (head != tail)
        stead_match_reverse_prefetch (auction, units[head % size]);
      if (!g_atomic_int_compare_and_exchange (&auction->holder[unit], -1, STM_TAKING))
        continue;
      for (;;)
        {
          StmReverseBest best;
          gint chosen, old;

          if (auction->price[unit] == 0)
            {
              g_atomic_int_set (&auction->holder[unit], -1);
              break;
            }
          stead_match_reverse_best (auction, volunteer, &best);
          chosen = best.chosen;
          if (chosen < 0 || best.beta1 <= eps)
            {
              __atomic_store_n (&auction->price[unit], 0, __ATOMIC_RELAXED);
              g_atomic_int_set (&auction->holder[unit], -1);
              break;
            }
          old = g_atomic_int_get (&auction->state[chosen]);
          if (old == STM_MOVING
              || !g_atomic_int_compare_and_exchange (&auction->state[chosen], old, STM_MOVING))
            {
              /* The other thread is moving it: this unit later, not waiting. */
              g_atomic_int_set (&auction->holder[unit], -1);
              units[tail++ % size] = unit;
              if (++busy > tail - head)
                {
                  g_thread_yield ();
                  busy = 0;
                }
              break;
            }
          busy = 0;
          if (auction->paying[chosen] != best.paid)
            {
              /* Moved by the other thread since: look again. */
              g_atomic_int_set (&auction->state[chosen], old);
              continue;
            }
          if (old >= 0)
            {
              /* Read before it is let go: then the other thread may take it. */
              gboolean priced = auction->price[old] > 0;

              g_atomic_int_set (&auction->holder[old], -1);
              if (priced)
                units[tail++ % size] = old;
            }
          __atomic_store_n (&auction->price[unit], best.beta2 > eps ? best.beta2 - eps : 0,
                            __ATOMIC_RELAXED);
          __atomic_store_n (&auction->paying[chosen], best.cost1 + auction->price[unit],
                            __ATOMIC_RELAXED);
          g_atomic_int_set (&auction->holder[unit], chosen);
          g_atomic_int_set (&auction->state[chosen], unit);
          break;
        }
    }
  return NULL;
}

/* The total of component @c in scaled units, as assigned now. */
static gint64
stead_match_component_cost (StmAuction *auction,
                            guint       c,
                            gint64      scale)
{
  gint64 total = 0;

  for (guint i = auction->component_start[c]; i < auction->component_start[c + 1]; i++)
    {
      guint r = auction->component_requests[i];
      gint unit = auction->state[r];

      /* A held unit's price has not moved since it was taken: the rest is the cost. */
      total += unit >= 0 ? auction->paying[r] - auction->price[unit]
                         : auction->edges->penalty[r] * scale;
    }
  return total;
}

#define STM_SINK (-1)

/* Lowers the label of node @node (a request, n + a unit, or STM_SINK) to @label. */
static inline void
stead_match_relax (StmSolver *solver,
                   gint64    *labels,
                   guint      index,
                   gint       node,
                   gint64     label,
                   gsize     *tail,
                   gboolean  *sink_queued)
{
  StmAuction *auction = solver->auction;
  gsize size = solver->n_requests_max + solver->n_units_max;

  if (label >= labels[index])
    return;
  labels[index] = label;
  /* The sink reaches every held unit: it waits until the others are done. */
  if (node == STM_SINK)
    *sink_queued = TRUE;
  else if (!auction->queued[node])
    {
      auction->queued[node] = 1;
      solver->queue[(*tail)++ % size] = node;
    }
}

/* Whether the assignment of component @c is already optimal, to stop
 * before the last phases: the auction's prices are near potentials that
 * prove it, and label correcting (Bellman-Ford with a queue) over the
 * residual graph (request → unit not held: cost; held unit → request:
 * −cost; request → sink: penalty, sink → unmet request: −penalty; free
 * unit → sink and sink → held unit: 0) corrects them into exact ones,
 * every residual arc then of reduced cost ≥ 0: no cycle would lower the
 * total. A negative cycle would lower labels forever: it gives up after
 * a budget of work and the phases go on. */
static gboolean
stead_match_certify (StmSolver *solver,
                     guint      c,
                     gint64     scale)
{
  StmAuction *auction = solver->auction;
  const StmEdges *edges = auction->edges;
  guint n = edges->n_requests, first = auction->component_start[c];
  guint last = auction->component_start[c + 1];
  guint vfirst = auction->component_volunteer_start[c];
  guint vlast = auction->component_volunteer_start[c + 1];
  gsize size = solver->n_requests_max + solver->n_units_max, head = 0, tail = 0;
  gsize n_nodes = last - first + 1, work = 0, budget;
  gint64 sink = 0;
  gboolean sink_queued = TRUE;

  /* Every node queued once, labelled by the auction's duals. */
  for (guint i = first; i < last; i++)
    {
      guint r = auction->component_requests[i];
      gint64 best, second, cost;
      gint unit;

      stead_match_best (auction, r, scale, &best, &second, &unit, &cost);
      auction->label_request[r] = -best;
      auction->queued[r] = 1;
      solver->queue[tail++ % size] = (gint) r;
    }
  for (guint i = vfirst; i < vlast; i++)
    {
      guint v = auction->component_volunteers[i];

      for (guint u = auction->unit_start[v]; u < auction->unit_start[v + 1]; u++)
        {
          auction->label_unit[u] = -auction->price[u];
          auction->queued[n + u] = 1;
          solver->queue[tail++ % size] = (gint) (n + u);
          n_nodes++;
        }
    }
  budget = 8 * n_nodes;
  while (head != tail || sink_queued)
    {
      gint node = head != tail ? solver->queue[head++ % size] : STM_SINK;

      if (++work > budget)
        {
          /* Not proved (maybe not optimal yet): leave it to the phases. */
          while (head != tail)
            auction->queued[solver->queue[head++ % size]] = 0;
          return FALSE;
        }
      if (node == STM_SINK)
        {
          sink_queued = FALSE;
          work += n_nodes / 4;
          for (guint i = first; i < last; i++)
            {
              guint r = auction->component_requests[i];

              if (auction->state[r] == STM_UNMET)
                stead_match_relax (solver, auction->label_request, r, (gint) r,
                                   sink - edges->penalty[r] * scale, &tail, &sink_queued);
            }
          for (guint i = vfirst; i < vlast; i++)
            {
              guint v = auction->component_volunteers[i];

              for (guint u = auction->unit_start[v]; u < auction->unit_start[v + 1]; u++)
                if (auction->holder[u] >= 0)
                  stead_match_relax (solver, auction->label_unit, u, (gint) (n + u), sink,
                                     &tail, &sink_queued);
            }
        }
      else if ((guint) node < n)
        {
          guint r = (guint) node;
          gsize at = (gsize) r * edges->k;
          gint64 label = auction->label_request[r];

          auction->queued[r] = 0;
          for (guint i = 0; i < edges->n_edges[r]; i++)
            {
              const StmArc *arc = &auction->arcs[at + i];

              for (guint u = arc->unit; u < arc->unit_end; u++)
                if ((gint) u != auction->state[r])
                  stead_match_relax (solver, auction->label_unit, u, (gint) (n + u),
                                     label + arc->cost, &tail, &sink_queued);
            }
          if (auction->state[r] != STM_UNMET)
            stead_match_relax (solver, &sink, 0, STM_SINK, label + edges->penalty[r] * scale,
                               &tail, &sink_queued);
        }
      else
        {
          guint u = (guint) node - n;
          gint holder = auction->holder[u];

          auction->queued[node] = 0;
          if (holder >= 0)
            stead_match_relax (solver, auction->label_request, (guint) holder, holder,
                               auction->label_unit[u]
                               - (auction->paying[holder] - auction->price[u]),
                               &tail, &sink_queued);
          else
            stead_match_relax (solver, &sink, 0, STM_SINK, auction->label_unit[u], &tail,
                               &sink_queued);
        }
    }
  return TRUE;
}

/* One thread's bidding in a phase of component @c: first who is no
 * longer within eps of their best among its share of the requests gives
 * up what it holds (requests[from, to), the first step), then whoever is
 * queued bids until none is left (the second). Shared with another
 * thread, a bid takes its unit by setting the holder to STM_TAKING, and is
 * placed only if the unit's price is still the one bid on; whoever it
 * outbids joins this thread's queue. The second price may be one the
 * other thread has since raised: the bid is then lower than it could be,
 * but the bidder is still within eps of its best. */
typedef struct
{
  StmSolver   *solver;
  const guint *requests;
  guint        from, to;
  gint64       scale;
  gint64       eps;
  gboolean     shared;
  gboolean     release;   /* the first step, else the second */
  gsize        tail;      /* the first step's queue, for the second */
  StmBalance  *balance;   /* shared: the queues balanced */
  guint        side;
} StmBidding;

static gpointer
stead_match_bid (gpointer data)
{
  StmBidding *bidding = data;
  StmSolver *solver = bidding->solver;
  StmAuction *auction = solver->auction;
  const StmEdges *edges = auction->edges;
  gsize size = solver->n_requests_max, head = 0, tail = bidding->tail, busy = 0, handled = 0;
  gint64 scale = bidding->scale, eps = bidding->eps;

  if (bidding->release)
    {
      tail = 0;
      /* Keep who is still within eps of their best; the others bid again. */
      for (guint i = bidding->from; i < bidding->to; i++)
        {
          guint r = bidding->requests[i];
          gint64 best, second, cost;
          gint unit;

          if (i + 4 < bidding->to)
            STM_PREFETCH (&auction->arcs[(gsize) bidding->requests[i + 4] * edges->k]);

          if (auction->state[r] != STM_UNASSIGNED)
            {
              stead_match_best (auction, r, scale, &best, &second, &unit, &cost);
              if (auction->paying[r] <= best + eps)
                continue;
              stead_match_release (auction, r);
            }
          solver->queue[tail++] = (gint) r;
        }
      bidding->tail = tail;
      return NULL;
    }

  for (;;)
    {
      gint64 best, second, cost, price;
      gint unit, previous = -1;
      guint r;

      if (head == tail)
        {
          if (bidding->balance == NULL
              || !stead_match_balance_wait (bidding->balance, bidding->side, solver->queue, size,
                                            &tail))
            break;
          continue;
        }
      if (bidding->balance != NULL && (++handled & 63) == 0)
        stead_match_balance_feed (bidding->balance, bidding->side, solver->queue, size, head,
                                  &tail);
      r = (guint) solver->queue[head++ % size];
      if (head != tail)
        STM_PREFETCH (&auction->arcs[(gsize) solver->queue[head % size] * edges->k]);

      for (;;)
        {
          stead_match_best (auction, r, scale, &best, &second, &unit, &cost);
          if (unit == STM_UNMET || !bidding->shared)
            break;
          previous = g_atomic_int_get (&auction->holder[unit]);
          if (previous == STM_TAKING
              || !g_atomic_int_compare_and_exchange (&auction->holder[unit], previous,
                                                     STM_TAKING))
            {
              unit = STM_TAKING;
              break;
            }
          if (auction->price[unit] == best - cost)
            break;
          /* Raised by the other thread since: look again. */
          g_atomic_int_set (&auction->holder[unit], previous);
        }
      if (unit == STM_TAKING)
        {
          /* The other thread is placing a bid on it: this one later, not
           * waiting (that thread may not be running). */
          solver->queue[tail++ % size] = (gint) r;
          if (++busy > tail - head)
            {
              g_thread_yield ();
              busy = 0;
            }
          continue;
        }
      busy = 0;
      if (unit == STM_UNMET)
        {
          auction->state[r] = STM_UNMET;
          auction->paying[r] = best;
          continue;
        }
      /* second is finite: "unmet" is always an option. */
      price = auction->price[unit] + second - best + eps;
      __atomic_store_n (&auction->price[unit], price, __ATOMIC_RELAXED);
      previous = bidding->shared ? previous : auction->holder[unit];
      if (previous >= 0)
        {
          auction->state[previous] = STM_UNASSIGNED;
          solver->queue[tail++ % size] = previous;
        }
      auction->state[r] = unit;
      auction->paying[r] = cost + price;
      /* Last: once it is set, the other thread may outbid r. */
      if (bidding->shared)
        g_atomic_int_set (&auction->holder[unit], (gint) r);
      else
        auction->holder[unit] = (gint) r;
    }
  return NULL;
}

/* One component by epsilon-scaling auction, with @partner's help (NULL:
 * alone). Costs are scaled by n + 1: at eps = 1 every request is within
 * 1 of its best, so the total is within n of the optimum in scaled
 * units, less than a metre: optimal. */
static void
stead_match_solve_component (StmSolver *solver,
                             StmSolver *partner,
                             guint      c)
{
  StmAuction *auction = solver->auction;
  const StmEdges *edges = auction->edges;
  guint first = auction->component_start[c], last = auction->component_start[c + 1];
  guint middle = first + (last - first) / 2;
  gint64 scale = (gint64) (last - first) + 1, top = 1, eps, total = -1;
  guint attempts = 0;

  for (guint i = first; i < last; i++)
    {
      guint r = auction->component_requests[i];

      top = MAX (top, edges->penalty[r] * scale);
      for (guint e = 0; e < edges->n_edges[r]; e++)
        auction->arcs[(gsize) r * edges->k + e].cost *= scale;
    }
  for (guint i = auction->component_volunteer_start[c];
       i < auction->component_volunteer_start[c + 1]; i++)
    {
      guint v = auction->component_volunteers[i];

      for (guint e = auction->by_volunteer_start[v]; e < auction->by_volunteer_start[v + 1]; e++)
        auction->backs[e].cost *= scale;
    }
  eps = MAX (1, top / STM_ALPHA);
  for (;;)
    {
      StmBidding own = { solver, auction->component_requests, first, last, scale, eps, FALSE };
      StmBidding other = own;
      StmBalance balance;

      own.release = TRUE;
      if (partner != NULL)
        {
          /* The requests are south, then north of the middle: each thread a side. */
          own.shared = other.shared = TRUE;
          own.to = other.from = middle;
          other.solver = partner;
          other.release = TRUE;
          other.side = 1;
          stead_match_run_parallel (stead_match_bid, &own, &other);
          own.release = other.release = FALSE;
          stead_match_balance_init (&balance, solver, partner);
          own.balance = other.balance = &balance;
          stead_match_run_parallel (stead_match_bid, &own, &other);
        }
      else
        {
          stead_match_bid (&own);
          own.release = FALSE;
          stead_match_bid (&own);
        }
      /* At every phase, not only the last: the prices left to lower stay
       * within a few eps, not the whole range of costs. */
      if (partner != NULL)
        {
          guint vfirst = auction->component_volunteer_start[c];
          guint vlast = auction->component_volunteer_start[c + 1];
          StmReversal south = { solver, vfirst, vfirst + (vlast - vfirst) / 2, eps, &balance, 0 };
          StmReversal north = { partner, south.to, vlast, eps, &balance, 1 };

          stead_match_balance_init (&balance, solver, partner);
          stead_match_run_parallel (stead_match_reverse_shared, &south, &north);
        }
      else
        stead_match_reverse (solver, c, scale, eps);
      if (eps == 1)
        break;
      /* The same total as after the phase before: it may be optimal already.
       * (Each step of the certificate lowers a label by at most eps: its
       * budget of steps times eps stays far from overflowing.) */
      if (stead_match_component_cost (auction, c, scale) == total && attempts < 3
          && eps <= G_MAXINT64 / 16 / (gint64) (solver->n_requests_max + solver->n_units_max))
        {
          attempts++;
          if (stead_match_certify (solver, c, scale))
            break;
        }
      total = stead_match_component_cost (auction, c, scale);
      eps = MAX (1, eps / STM_ALPHA);
    }
}

static gpointer
stead_match_solver_worker (gpointer data)
{
  StmSolver *solver = data;

  for (guint i = 0; i < solver->n_components; i++)
    stead_match_solve_component (solver, NULL, solver->components[i]);
  return NULL;
}

static guint
stead_match_find (guint *parent,
                  guint  x)
{
  while (parent[x] != x)
    {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
  return x;
}

static int
stead_match_size_compare (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  const guint *start = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;
  guint nx = start[x + 1] - start[x], ny = start[y + 1] - start[y];

  if (nx != ny)
    return nx > ny ? -1 : 1;
  return (x > y) - (x < y);
}

/* Requests in different components share no volunteer: each is solved on
 * its own, and with two threads each takes about half the requests; a
 * component of at least shared_min requests is shared by both.
 *
 * The auction numbers requests and volunteers afresh: a component's
 * together, its volunteers in the grid's order (south to north, row by
 * row) and its requests in the order of their nearest volunteer, so that
 * what a bid reads is near what the last one read, and the two threads
 * sharing a component (the south half of its requests, the north half)
 * write apart. */
static void
stead_match_optimal (SteadMatcher *self,
                     StmEdges     *edges,
                     guint        *volunteer_of)
{
  guint n = edges->n_requests, nv = self->n_volunteers, k = edges->k;
  guint threads = stead_match_threads (self), n_components = 0, n_units, ni = 0, nj = 0;
  StmEdges inner = *edges;
  StmAuction auction = { &inner, };
  StmSolver solvers[2] = { { &auction, }, { &auction, } };
  g_autofree guint *parent = g_new (guint, MAX (nv, 1));
  g_autofree guint *component_of = g_new (guint, MAX (nv, 1));
  g_autofree guint *volunteer_index = g_new (guint, MAX (nv, 1));   /* v → j */
  g_autofree guint *volunteer_outer = g_new (guint, MAX (nv, 1));   /* j → v */
  g_autofree guint *request_outer = g_new (guint, MAX (n, 1));      /* i → r */
  g_autofree guint *order = NULL;
  g_autofree guint *fill = NULL;
  guint load[2] = { 0, 0 };

  /* Components: volunteers joined by the requests they could both take. */
  for (guint v = 0; v < nv; v++)
    parent[v] = v;
  for (guint r = 0; r < n; r++)
    for (guint e = 1; e < edges->n_edges[r]; e++)
      {
        guint a = stead_match_find (parent, edges->edge_volunteer[(gsize) r * k]);
        guint b = stead_match_find (parent, edges->edge_volunteer[(gsize) r * k + e]);

        if (a != b)
          parent[MAX (a, b)] = MIN (a, b);
      }
  memset (component_of, 0xff, sizeof (guint) * MAX (nv, 1));
  for (guint r = 0; r < n; r++)
    if (edges->n_edges[r] > 0)
      {
        guint root = stead_match_find (parent, edges->edge_volunteer[(gsize) r * k]);

        if (component_of[root] == G_MAXUINT)
          component_of[root] = n_components++;
      }
  auction.component_start = g_new0 (guint, n_components + 1);
  auction.component_volunteer_start = g_new0 (guint, n_components + 1);
  for (guint v = 0; v < nv; v++)
    {
      guint c = component_of[stead_match_find (parent, v)];

      volunteer_index[v] = c;
      if (c != G_MAXUINT)
        auction.component_volunteer_start[c + 1]++;
    }
  /* From here on, parent is each volunteer's component (or none). */
  memcpy (parent, volunteer_index, sizeof (guint) * nv);
  for (guint r = 0; r < n; r++)
    if (edges->n_edges[r] > 0)
      auction.component_start[parent[edges->edge_volunteer[(gsize) r * k]] + 1]++;
  for (guint c = 0; c < n_components; c++)
    {
      auction.component_start[c + 1] += auction.component_start[c];
      auction.component_volunteer_start[c + 1] += auction.component_volunteer_start[c];
    }
  ni = auction.component_start[n_components];
  nj = auction.component_volunteer_start[n_components];

  /* Volunteers in the grid's order within their component. */
  fill = g_new0 (guint, MAX (n_components, 1));
  for (guint p = 0; p < nv; p++)
    {
      guint v = self->order[p], c = parent[v];

      if (c == G_MAXUINT)
        continue;
      volunteer_index[v] = auction.component_volunteer_start[c] + fill[c]++;
      volunteer_outer[volunteer_index[v]] = v;
    }
  /* Requests in the order of their nearest volunteer (a counting sort). */
    {
      g_autofree guint *start = g_new0 (guint, (gsize) nj + 1);

      for (guint r = 0; r < n; r++)
        if (edges->n_edges[r] > 0)
          start[volunteer_index[edges->edge_volunteer[(gsize) r * k]] + 1]++;
      for (guint j = 0; j < nj; j++)
        start[j + 1] += start[j];
      /* Components' volunteers are contiguous: so are their requests. */
      for (guint r = 0; r < n; r++)
        if (edges->n_edges[r] > 0)
          request_outer[start[volunteer_index[edges->edge_volunteer[(gsize) r * k]]]++] = r;
    }

  /* The requests' side, numbered afresh. */
  inner.n_requests = ni;
  inner.n_edges = g_new (guint, MAX (ni, 1));
  inner.penalty = g_new (gint64, MAX (ni, 1));
  auction.unit_start = g_new (guint, (gsize) nj + 1);
  auction.unit_start[0] = 0;
  for (guint j = 0; j < nj; j++)
    auction.unit_start[j + 1] = auction.unit_start[j]
                                + self->volunteers[volunteer_outer[j]].capacity;
  n_units = auction.unit_start[nj];
  auction.unit_volunteer = g_new (guint, MAX (n_units, 1));
  for (guint j = 0; j < nj; j++)
    for (guint u = auction.unit_start[j]; u < auction.unit_start[j + 1]; u++)
      auction.unit_volunteer[u] = j;
  auction.arcs = g_new (StmArc, (gsize) MAX (ni, 1) * k);
  auction.by_volunteer_start = g_new0 (guint, (gsize) nj + 1);
  for (guint i = 0; i < ni; i++)
    {
      guint r = request_outer[i];

      inner.n_edges[i] = edges->n_edges[r];
      inner.penalty[i] = edges->penalty[r];
      for (guint e = 0; e < edges->n_edges[r]; e++)
        {
          guint j = volunteer_index[edges->edge_volunteer[(gsize) r * k + e]];
          StmArc *arc = &auction.arcs[(gsize) i * k + e];

          arc->cost = edges->edge_cost[(gsize) r * k + e];
          arc->unit = auction.unit_start[j];
          arc->unit_end = auction.unit_start[j + 1];
          auction.by_volunteer_start[j + 1]++;
        }
    }
  /* The edges by volunteer, for the reverse pass. */
  for (guint j = 0; j < nj; j++)
    auction.by_volunteer_start[j + 1] += auction.by_volunteer_start[j];
  auction.backs = g_new (StmBack, MAX (auction.by_volunteer_start[nj], 1));
  g_free (fill);
  fill = g_new0 (guint, MAX (nj, 1));
  for (guint i = 0; i < ni; i++)
    for (guint e = 0; e < inner.n_edges[i]; e++)
      {
        guint j = auction.unit_volunteer[auction.arcs[(gsize) i * k + e].unit];
        guint at = auction.by_volunteer_start[j] + fill[j]++;

        auction.backs[at].request = i;
        auction.backs[at].cost = auction.arcs[(gsize) i * k + e].cost;
      }
  auction.component_requests = g_new (guint, MAX (ni, 1));
  for (guint i = 0; i < ni; i++)
    auction.component_requests[i] = i;
  auction.component_volunteers = g_new (guint, MAX (nj, 1));
  for (guint j = 0; j < nj; j++)
    auction.component_volunteers[j] = j;

  auction.price = g_new0 (gint64, MAX (n_units, 1));
  auction.holder = g_new (gint, MAX (n_units, 1));
  memset (auction.holder, 0xff, sizeof (gint) * MAX (n_units, 1));
  auction.state = g_new (gint, MAX (ni, 1));
  for (guint i = 0; i < ni; i++)
    auction.state[i] = STM_UNASSIGNED;
  auction.paying = g_new0 (gint64, MAX (ni, 1));
  auction.label_request = g_new (gint64, MAX (ni, 1));
  auction.label_unit = g_new (gint64, MAX (n_units, 1));
  auction.queued = g_new0 (guint8, (gsize) ni + n_units + 1);

  /* Largest first, each to the less loaded thread. */
  order = g_new (guint, MAX (n_components, 1));
  for (guint c = 0; c < n_components; c++)
    order[c] = c;
  g_qsort_with_data (order, n_components, sizeof (guint), stead_match_size_compare,
                     auction.component_start);
  for (guint t = 0; t < threads; t++)
    {
      solvers[t].components = g_new (guint, MAX (n_components, 1));
      solvers[t].n_requests_max = (gsize) ni + 1;
      solvers[t].n_units_max = (gsize) n_units + 1;
      solvers[t].queue = g_new (gint, (gsize) ni + 1 + n_units + 1);
      solvers[t].mailbox = g_new (gint, MAX (ni, n_units) + 1);
    }
  for (guint o = 0; o < n_components; o++)
    {
      guint c = order[o], t = threads > 1 && load[1] < load[0] ? 1 : 0;
      guint size = auction.component_start[c + 1] - auction.component_start[c];

      if (threads > 1 && size >= self->shared_min)
        {
          /* Both threads on it together, now. */
          stead_match_solve_component (&solvers[0], &solvers[1], c);
          continue;
        }
      solvers[t].components[solvers[t].n_components++] = c;
      load[t] += size;
    }
  stead_match_run_parallel (stead_match_solver_worker, &solvers[0],
                            threads > 1 && solvers[1].n_components > 0 ? &solvers[1] : NULL);

  for (guint r = 0; r < n; r++)
    volunteer_of[r] = G_MAXUINT;
  for (guint i = 0; i < ni; i++)
    if (auction.state[i] >= 0)
      volunteer_of[request_outer[i]] = volunteer_outer[auction.unit_volunteer[auction.state[i]]];
  for (guint t = 0; t < threads; t++)
    {
      g_free (solvers[t].components);
      g_free (solvers[t].queue);
      g_free (solvers[t].mailbox);
    }
  g_free (inner.n_edges);
  g_free (inner.penalty);
  g_free (auction.unit_start);
  g_free (auction.unit_volunteer);
  g_free (auction.price);
  g_free (auction.holder);
  g_free (auction.state);
  g_free (auction.paying);
  g_free (auction.label_request);
  g_free (auction.label_unit);
  g_free (auction.queued);
  g_free (auction.arcs);
  g_free (auction.by_volunteer_start);
  g_free (auction.backs);
  g_free (auction.component_start);
  g_free (auction.component_requests);
  g_free (auction.component_volunteer_start);
  g_free (auction.component_volunteers);
}

static int
stead_match_urgency_compare (gconstpointer a,
                             gconstpointer b,
                             gpointer      user_data)
{
  const SteadMatchRequest *requests = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (requests[x].urgency != requests[y].urgency)
    return requests[x].urgency > requests[y].urgency ? -1 : 1;
  return (x > y) - (x < y);
}

/* Most urgent first, each its nearest volunteer with time left. */
static void
stead_match_greedy (SteadMatcher            *self,
                    const SteadMatchRequest *requests,
                    StmEdges                *edges,
                    guint                   *volunteer_of)
{
  guint n = edges->n_requests;
  g_autofree guint *left = g_new (guint, MAX (self->n_volunteers, 1));
  g_autofree guint *order = g_new (guint, MAX (n, 1));

  for (guint i = 0; i < self->n_volunteers; i++)
    left[i] = self->volunteers[i].capacity;
  for (guint r = 0; r < n; r++)
    order[r] = r;
  g_qsort_with_data (order, n, sizeof (guint), stead_match_urgency_compare, (gpointer) requests);
  for (guint i = 0; i < n; i++)
    {
      guint r = order[i];
      gsize at = (gsize) r * edges->k;

      volunteer_of[r] = G_MAXUINT;
      /* Edges are nearest first. */
      for (guint e = 0; e < edges->n_edges[r]; e++)
        if (left[edges->edge_volunteer[at + e]] > 0
            && edges->edge_cost[at + e] < edges->penalty[r])
          {
            volunteer_of[r] = edges->edge_volunteer[at + e];
            left[edges->edge_volunteer[at + e]]--;
            break;
          }
    }
}

void
stead_matcher_assign (SteadMatcher            *self,
                      const SteadMatchRequest *requests,
                      guint                    n_requests,
                      SteadMatchMethod         method,
                      SteadMatchResult        *result)
{
  guint k = self->options.k, threads = stead_match_threads (self);
  StmEdges edges[2];

  memset (result, 0, sizeof *result);
  result->volunteer_of = g_new (guint, MAX (n_requests, 1));

  /* The candidate edges: each request's k nearest eligible, on both threads. */
  memset (&edges[0], 0, sizeof edges[0]);
  edges[0].matcher = self;
  edges[0].requests = requests;
  edges[0].k = k;
  edges[0].n_requests = n_requests;
  edges[0].n_edges = g_new (guint, MAX (n_requests, 1));
  edges[0].edge_volunteer = g_new (guint, (gsize) MAX (n_requests, 1) * k);
  edges[0].edge_cost = g_new (gint64, (gsize) MAX (n_requests, 1) * k);
  edges[0].edge_km = g_new (double, (gsize) MAX (n_requests, 1) * k);
  edges[0].penalty = g_new (gint64, MAX (n_requests, 1));
  edges[0].from = 0;
  edges[0].to = n_requests;
  edges[1] = edges[0];
  if (threads > 1 && n_requests >= 64)
    {
      edges[0].to = edges[1].from = n_requests / 2;
      stead_match_run_parallel (stead_match_edges_worker, &edges[0], &edges[1]);
    }
  else
    stead_match_edges_worker (&edges[0]);

  if (method == STEAD_MATCH_GREEDY)
    stead_match_greedy (self, requests, &edges[0], result->volunteer_of);
  else
    stead_match_optimal (self, &edges[0], result->volunteer_of);

  /* The totals, from the edges chosen. */
  for (guint r = 0; r < n_requests; r++)
    {
      guint chosen = result->volunteer_of[r];
      gsize at = (gsize) r * k;

      if (chosen == G_MAXUINT)
        {
          result->cost += stead_match_penalty (self, &requests[r]);
          result->cost_m += edges[0].penalty[r];
          continue;
        }
      for (guint e = 0; e < edges[0].n_edges[r]; e++)
        if (edges[0].edge_volunteer[at + e] == chosen)
          {
            result->distance_km += edges[0].edge_km[at + e];
            result->cost += edges[0].edge_km[at + e];
            result->cost_m += edges[0].edge_cost[at + e];
            break;
          }
      result->n_assigned++;
    }
  g_free (edges[0].n_edges);
  g_free (edges[0].edge_volunteer);
  g_free (edges[0].edge_cost);
  g_free (edges[0].edge_km);
  g_free (edges[0].penalty);
}

void
stead_match_result_clear (SteadMatchResult *result)
{
  g_clear_pointer (&result->volunteer_of, g_free);
  result->n_assigned = 0;
  result->distance_km = 0;
  result->cost = 0;
  result->cost_m = 0;
}
