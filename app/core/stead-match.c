/* stead-match.c: eligibility, suggestions and optimal assignment of volunteers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Volunteers are bucketed in a grid of cells (km, equirectangular about
 * their mean latitude), so that a request looks only at the cells within
 * reach, nearest ring first. Assigning every request is a minimum-cost
 * b-matching: each request either takes one of its k nearest eligible
 * volunteers (cost: the distance) or stays unmet (cost: the penalty times
 * its urgency weight, a column of its own). Requests are added one at a
 * time, each by a shortest augmenting path (Dijkstra on reduced costs,
 * row and column potentials, stopping at the first free column), which
 * keeps the assignment of the requests added so far optimal. A volunteer
 * of capacity c is c columns.
 */

#define G_LOG_DOMAIN "stead-match"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "stead-match.h"

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

double
stead_match_distance_km (double lon1,
                         double lat1,
                         double lon2,
                         double lat2)
{
  double p1 = lat1 * G_PI / 180, p2 = lat2 * G_PI / 180;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2 * STEAD_MATCH_EARTH_KM * asin (MIN (1.0, sqrt (a)));
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
  stead_match_build_grid (self);
  return self;
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

SteadMatchRule
stead_matcher_check (SteadMatcher            *self,
                     const SteadMatchRequest *request,
                     guint                    index,
                     double                  *distance_km)
{
  const SteadMatchVolunteer *volunteer;
  double distance;
  gint32 day;

  g_return_val_if_fail (index < self->n_volunteers, STEAD_MATCH_DISTANCE);

  volunteer = &self->volunteers[index];
  distance = stead_match_distance_km (request->longitude, request->latitude,
                                      volunteer->longitude, volunteer->latitude);
  if (distance_km != NULL)
    *distance_km = distance;
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

            candidate.rule = stead_matcher_check (self, request, candidate.volunteer,
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
                      || (n == k && d2 * self->safety * self->safety
                                    > out[k - 1].distance_km * out[k - 1].distance_km * 1.0001))
                    continue;
                  candidate.rule = stead_matcher_check (self, request, candidate.volunteer,
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
                }
            }
        }
    }
  return n;
}

/* ------------------------------------------------------------------------ */
/* Assignment                                                                */
/* ------------------------------------------------------------------------ */

typedef struct
{
  double key;
  guint  column;
} StmHeapItem;

typedef struct
{
  StmHeapItem *items;
  guint        n, size;
} StmHeap;

static void
stead_match_heap_push (StmHeap *heap,
               double   key,
               guint    column)
{
  guint i;

  if (heap->n == heap->size)
    {
      heap->size = MAX (64, heap->size * 2);
      heap->items = g_renew (StmHeapItem, heap->items, heap->size);
    }
  i = heap->n++;
  while (i > 0 && heap->items[(i - 1) / 2].key > key)
    {
      heap->items[i] = heap->items[(i - 1) / 2];
      i = (i - 1) / 2;
    }
  heap->items[i].key = key;
  heap->items[i].column = column;
}

static StmHeapItem
stead_match_heap_pop (StmHeap *heap)
{
  StmHeapItem top = heap->items[0], last = heap->items[--heap->n];
  guint i = 0;

  for (;;)
    {
      guint child = 2 * i + 1;

      if (child >= heap->n)
        break;
      if (child + 1 < heap->n && heap->items[child + 1].key < heap->items[child].key)
        child++;
      if (heap->items[child].key >= last.key)
        break;
      heap->items[i] = heap->items[child];
      i = child;
    }
  if (heap->n > 0)
    heap->items[i] = last;
  return top;
}

typedef struct
{
  guint    n_rows, n_slots;
  guint   *edge_start;   /* per row, into edge_volunteer / edge_cost */
  guint   *edge_volunteer;
  double  *edge_cost;
  double  *penalty;      /* per row: the cost of its own "unmet" column */
  guint   *slot_start;   /* per volunteer, its columns */
  /* The state */
  double  *u, *v;
  guint   *row_column;   /* per row */
  guint   *column_row;   /* per column, G_MAXUINT free */
  /* Scratch for one search */
  double  *dist;
  guint   *pred;
  guint   *stamp;        /* labelled in this search when = generation */
  guint   *done;         /* finalised in this search when = generation */
  guint    generation;
  double   bound;        /* the nearest free column labelled: nothing beyond it is popped */
  GArray  *visited;
  StmHeap  heap;
} StmFlow;

static void
stead_match_relax (StmFlow *flow,
           guint    row,
           double   base,
           guint    column,
           double   cost)
{
  double d = base + cost - flow->u[row] - flow->v[column];

  if (flow->done[column] == flow->generation || d >= flow->bound)
    return;
  if (flow->column_row[column] == G_MAXUINT)
    flow->bound = d;
  if (flow->stamp[column] != flow->generation || d < flow->dist[column])
    {
      flow->stamp[column] = flow->generation;
      flow->dist[column] = d;
      flow->pred[column] = row;
      stead_match_heap_push (&flow->heap, d, column);
    }
}

static void
stead_match_relax_row (StmFlow *flow,
               guint    row,
               double   base)
{
  /* Its own "unmet" first: a free column, it bounds the rest. */
  stead_match_relax (flow, row, base, flow->n_slots + row, flow->penalty[row]);
  for (guint e = flow->edge_start[row]; e < flow->edge_start[row + 1]; e++)
    {
      guint volunteer = flow->edge_volunteer[e];

      for (guint s = flow->slot_start[volunteer]; s < flow->slot_start[volunteer + 1]; s++)
        stead_match_relax (flow, row, base, s, flow->edge_cost[e]);
    }
}

/* Adds @r0 by a shortest augmenting path to the first free column. */
static void
stead_match_augment (StmFlow *flow,
             guint    r0)
{
  guint last = G_MAXUINT;
  double delta = 0;

  flow->generation++;
  flow->bound = G_MAXDOUBLE;
  flow->heap.n = 0;
  g_array_set_size (flow->visited, 0);
  stead_match_relax_row (flow, r0, 0);
  while (flow->heap.n > 0)
    {
      StmHeapItem item = stead_match_heap_pop (&flow->heap);
      guint j = item.column;

      if (flow->done[j] == flow->generation || item.key > flow->dist[j])
        continue;
      flow->done[j] = flow->generation;
      g_array_append_val (flow->visited, j);
      if (flow->column_row[j] == G_MAXUINT)
        {
          last = j;
          delta = item.key;
          break;
        }
      stead_match_relax_row (flow, flow->column_row[j], item.key);
    }
  g_assert (last != G_MAXUINT);   /* the row's own "unmet" column is always free */

  /* Potentials: reduced costs stay ≥ 0, and 0 along the new path. */
  flow->u[r0] += delta;
  for (guint i = 0; i < flow->visited->len; i++)
    {
      guint j = g_array_index (flow->visited, guint, i);
      double gain = delta - flow->dist[j];

      flow->v[j] -= gain;
      if (flow->column_row[j] != G_MAXUINT)
        flow->u[flow->column_row[j]] += gain;
    }
  /* Flip the path. */
  for (guint j = last;;)
    {
      guint row = flow->pred[j];
      guint previous = flow->row_column[row];

      flow->row_column[row] = j;
      flow->column_row[j] = row;
      if (row == r0)
        break;
      j = previous;
    }
}

static double
stead_match_penalty (SteadMatcher            *self,
             const SteadMatchRequest *request)
{
  return self->options.penalty_km * self->options.urgency_weight[CLAMP (request->urgency, 1, 4)];
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

void
stead_matcher_assign (SteadMatcher            *self,
                      const SteadMatchRequest *requests,
                      guint                    n_requests,
                      SteadMatchMethod         method,
                      SteadMatchResult        *result)
{
  StmFlow flow = { 0, };
  guint k = self->options.k;
  g_autofree SteadMatchCandidate *nearest = g_new (SteadMatchCandidate, k);
  g_autoptr(GArray) volunteers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) costs = g_array_new (FALSE, FALSE, sizeof (double));

  memset (result, 0, sizeof *result);
  result->volunteer_of = g_new (guint, MAX (n_requests, 1));

  /* The candidate edges: each request's k nearest eligible. */
  flow.n_rows = n_requests;
  flow.edge_start = g_new (guint, n_requests + 1);
  flow.penalty = g_new (double, MAX (n_requests, 1));
  for (guint r = 0; r < n_requests; r++)
    {
      guint n = stead_match_nearest (self, &requests[r], k, nearest);

      flow.edge_start[r] = volunteers->len;
      flow.penalty[r] = stead_match_penalty (self, &requests[r]);
      for (guint i = 0; i < n; i++)
        {
          g_array_append_val (volunteers, nearest[i].volunteer);
          g_array_append_val (costs, nearest[i].distance_km);
        }
    }
  flow.edge_start[n_requests] = volunteers->len;
  flow.edge_volunteer = (guint *) (gpointer) volunteers->data;
  flow.edge_cost = (double *) (gpointer) costs->data;

  if (method == STEAD_MATCH_GREEDY)
    {
      g_autofree guint *left = g_new (guint, MAX (self->n_volunteers, 1));
      g_autofree guint *order = g_new (guint, MAX (n_requests, 1));

      for (guint i = 0; i < self->n_volunteers; i++)
        left[i] = self->volunteers[i].capacity;
      for (guint r = 0; r < n_requests; r++)
        order[r] = r;
      g_qsort_with_data (order, n_requests, sizeof (guint), stead_match_urgency_compare,
                         (gpointer) requests);
      for (guint i = 0; i < n_requests; i++)
        {
          guint r = order[i];

          result->volunteer_of[r] = G_MAXUINT;
          /* Edges are nearest first. */
          for (guint e = flow.edge_start[r]; e < flow.edge_start[r + 1]; e++)
            if (left[flow.edge_volunteer[e]] > 0 && flow.edge_cost[e] < flow.penalty[r])
              {
                result->volunteer_of[r] = flow.edge_volunteer[e];
                left[flow.edge_volunteer[e]]--;
                break;
              }
        }
    }
  else
    {
      guint n_columns;
      g_autofree guint *slot_volunteer = NULL;

      flow.slot_start = g_new (guint, self->n_volunteers + 1);
      flow.slot_start[0] = 0;
      for (guint i = 0; i < self->n_volunteers; i++)
        flow.slot_start[i + 1] = flow.slot_start[i] + self->volunteers[i].capacity;
      flow.n_slots = flow.slot_start[self->n_volunteers];
      n_columns = flow.n_slots + n_requests;
      slot_volunteer = g_new (guint, MAX (flow.n_slots, 1));
      for (guint i = 0; i < self->n_volunteers; i++)
        for (guint s = flow.slot_start[i]; s < flow.slot_start[i + 1]; s++)
          slot_volunteer[s] = i;
      flow.u = g_new0 (double, MAX (n_requests, 1));
      flow.v = g_new0 (double, MAX (n_columns, 1));
      flow.row_column = g_new (guint, MAX (n_requests, 1));
      flow.column_row = g_new (guint, MAX (n_columns, 1));
      memset (flow.column_row, 0xff, sizeof (guint) * n_columns);
      flow.dist = g_new (double, MAX (n_columns, 1));
      flow.pred = g_new (guint, MAX (n_columns, 1));
      flow.stamp = g_new0 (guint, MAX (n_columns, 1));
      flow.done = g_new0 (guint, MAX (n_columns, 1));
      flow.visited = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint r = 0; r < n_requests; r++)
        stead_match_augment (&flow, r);
      for (guint r = 0; r < n_requests; r++)
        result->volunteer_of[r] = flow.row_column[r] < flow.n_slots
                                  ? slot_volunteer[flow.row_column[r]] : G_MAXUINT;

      g_free (flow.slot_start);
      g_free (flow.u);
      g_free (flow.v);
      g_free (flow.row_column);
      g_free (flow.column_row);
      g_free (flow.dist);
      g_free (flow.pred);
      g_free (flow.stamp);
      g_free (flow.done);
      g_free (flow.heap.items);
      g_array_unref (flow.visited);
    }

  /* The totals, from the edges chosen. */
  for (guint r = 0; r < n_requests; r++)
    {
      guint chosen = result->volunteer_of[r];

      if (chosen == G_MAXUINT)
        {
          result->cost += flow.penalty[r];
          continue;
        }
      for (guint e = flow.edge_start[r]; e < flow.edge_start[r + 1]; e++)
        if (flow.edge_volunteer[e] == chosen)
          {
            result->distance_km += flow.edge_cost[e];
            result->cost += flow.edge_cost[e];
            break;
          }
      result->n_assigned++;
    }
  g_free (flow.edge_start);
  g_free (flow.penalty);
}

void
stead_match_result_clear (SteadMatchResult *result)
{
  g_clear_pointer (&result->volunteer_of, g_free);
  result->n_assigned = 0;
  result->distance_km = 0;
  result->cost = 0;
}
