/* volunteers-match.c: the register and open requests into the kit's
 * matcher, and its assignment back as offered tasks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Active volunteers with a home point and open requests with a point
 * (none with a live task already) are read into plain arrays; requests
 * are matched day by day (the window's first day, or today), each
 * volunteer taking up to 'tasks-per-day' less the tasks it holds that
 * day. A task needs a tasking partner: the request's raising
 * organisation, or else the volunteer's partner, so a request raised by
 * none can only go to a partner's volunteer. Insurance is required once
 * the workspace records any; training is required for first aid and for
 * every skill some training record qualifies for.
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "volunteers.h"

#define VOLUNTEERS_MATCH_PARTNER_BIT 63   /* a pseudo-skill: can be tasked through a partner */
#define VOLUNTEERS_MATCH_TEXT_EXCLUDED 20  /* the nearest excluded listed as text */

typedef struct
{
  gint64  fid;
  gint64  organisation;   /* 0: none */
  GArray *slots, *exceptions, *training, *insurance;
} VolunteersMatchExtra;

struct _VolunteersMatch
{
  GPtrArray            *skill_codes;   /* by bit */
  char                 *labels[64];
  GArray               *volunteers;    /* SteadMatchVolunteer */
  VolunteersMatchExtra *extra;         /* per volunteer */
  GArray               *requests;      /* SteadMatchRequest */
  GArray               *request_day;   /* gint32 per request */
  GArray               *request_org;   /* gint64 per request */
  GPtrArray            *activities;    /* owned strings */
  GHashTable           *load;          /* "fid:day" → tasks held */
  SteadMatchOptions     options;
  guint                 per_day;
  gint64                only_request;  /* > 0: read that request alone, whatever its state */
  sqlite3              *db;            /* a reader, off the main thread (or NULL) */
  SteadMatcher         *matcher;       /* for the day matcher_day, for reasons */
  gint32                matcher_day;
  /* The result */
  guint                *volunteer_of;
  double                cost, distance_km;
  guint                 n_assigned;
};

void
volunteers_match_free (VolunteersMatch *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; self->volunteers != NULL && i < self->volunteers->len; i++)
    {
      g_array_unref (self->extra[i].slots);
      g_array_unref (self->extra[i].exceptions);
      g_array_unref (self->extra[i].training);
      g_array_unref (self->extra[i].insurance);
    }
  g_free (self->extra);
  for (guint i = 0; i < 64; i++)
    g_free (self->labels[i]);
  g_clear_pointer (&self->skill_codes, g_ptr_array_unref);
  g_clear_pointer (&self->volunteers, g_array_unref);
  g_clear_pointer (&self->requests, g_array_unref);
  g_clear_pointer (&self->request_day, g_array_unref);
  g_clear_pointer (&self->request_org, g_array_unref);
  g_clear_pointer (&self->activities, g_ptr_array_unref);
  g_clear_pointer (&self->load, g_hash_table_unref);
  g_free (self->volunteer_of);
  g_clear_pointer (&self->matcher, stead_matcher_free);
  g_free (self);
}

/* The bit of skill @code, numbering it when new (G_MAXUINT past 63). */
static guint
volunteers_match_skill_bit (VolunteersMatch *self,
                            const char      *code)
{
  for (guint i = 0; i < self->skill_codes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->skill_codes, i), code))
      return i;
  if (self->skill_codes->len >= VOLUNTEERS_MATCH_PARTNER_BIT)
    return G_MAXUINT;
  g_ptr_array_add (self->skill_codes, g_strdup (code));
  self->labels[self->skill_codes->len - 1] = g_strdelimit (g_strdup (code), "-", ' ');
  return self->skill_codes->len - 1;
}

static guint64
volunteers_match_skill_mask (VolunteersMatch *self,
                             const char      *codes)
{
  g_auto(GStrv) words = g_strsplit_set (codes != NULL ? codes : "", " ,", -1);
  guint64 mask = 0;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        guint bit = volunteers_match_skill_bit (self, words[i]);

        if (bit != G_MAXUINT)
          mask |= G_GUINT64_CONSTANT (1) << bit;
      }
  return mask;
}

static SteadMatchDbs
volunteers_match_dbs (const char *level)
{
  static const char * const levels[] = { "none", "basic", "standard", "enhanced",
                                          "enhanced-barred" };

  for (guint i = 0; level != NULL && i < G_N_ELEMENTS (levels); i++)
    if (g_str_equal (level, levels[i]))
      return (SteadMatchDbs) i;
  return STEAD_MATCH_DBS_NONE;
}

/* A date "YYYY-MM-DD" as days since 1970; G_MAXINT32 when NULL. */
static gint32
volunteers_match_day (const char *date)
{
  int y, m, d;
  g_autoptr(GDateTime) time = NULL;

  if (date == NULL || sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    return G_MAXINT32;
  time = g_date_time_new_utc (y, m, d, 0, 0, 0);
  return time != NULL ? (gint32) (g_date_time_to_unix (time) / 86400) : G_MAXINT32;
}

/* A stored time (ISO 8601, UTC) as local minutes since 1970; 0 when NULL. */
static gint64
volunteers_match_minutes (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (text == NULL)
    return 0;
  time = g_date_time_new_from_iso8601 (text, utc);
  if (time == NULL)
    return 0;
  local = g_date_time_to_local (time);
  return (g_date_time_to_unix (local) + g_date_time_get_utc_offset (local) / G_USEC_PER_SEC) / 60;
}

static guint16
volunteers_match_clock (const char *text)
{
  int h = 0, m = 0;

  if (text == NULL || sscanf (text, "%d:%d", &h, &m) < 1)
    return 0;
  return (guint16) CLAMP (h * 60 + m, 0, 24 * 60);
}

/* On the reader when there is one, else on the workspace's connection. */
static sqlite3_stmt *
volunteers_match_prepare (VolunteersMatch *self,
                          SteadWorkspace  *workspace,
                          const char      *sql,
                          GError         **error)
{
  sqlite3_stmt *stmt = NULL;

  if (self->db == NULL)
    return stead_workspace_prepare (workspace, sql, error);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", sqlite3_errmsg (self->db));
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static gboolean
volunteers_match_read (VolunteersMatch *self,
                       SteadWorkspace  *workspace,
                       GError         **error)
{
  g_autoptr(GHashTable) by_fid = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *fids = NULL;
  sqlite3_stmt *stmt;
  guint n;

  /* The volunteers. */
  stmt = volunteers_match_prepare (self, workspace,
                                   "SELECT v.fid, ST_MinX (v.geom), ST_MinY (v.geom), v.radius_km, "
                                   "v.dbs_level, CASE WHEN v.affiliation = 'partner' "
                                   "THEN v.organisation END, "
                                   "(SELECT group_concat (s.skill, ' ') FROM volunteers_skill s "
                                   "WHERE s.volunteer = v.fid) "
                                   "FROM volunteers_volunteer v "
                                   "WHERE v.status = 'active' AND v.geom IS NOT NULL "
                                   "ORDER BY v.fid",
                                   error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      SteadMatchVolunteer volunteer = { 0, };

      volunteer.id = sqlite3_column_int64 (stmt, 0);
      volunteer.longitude = sqlite3_column_double (stmt, 1);
      volunteer.latitude = sqlite3_column_double (stmt, 2);
      volunteer.radius_km = sqlite3_column_double (stmt, 3);
      volunteer.dbs = volunteers_match_dbs ((const char *) sqlite3_column_text (stmt, 4));
      volunteer.skills = volunteers_match_skill_mask (self,
                                                      (const char *) sqlite3_column_text (stmt, 6));
      if (sqlite3_column_int64 (stmt, 5) > 0)
        volunteer.skills |= G_GUINT64_CONSTANT (1) << VOLUNTEERS_MATCH_PARTNER_BIT;
      volunteer.load = (guint) sqlite3_column_int64 (stmt, 5);   /* the partner, for now */
      g_array_append_val (self->volunteers, volunteer);
    }
  sqlite3_finalize (stmt);
  n = self->volunteers->len;
  self->extra = g_new0 (VolunteersMatchExtra, MAX (n, 1));
  fids = g_new (gint64, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      SteadMatchVolunteer *volunteer = &g_array_index (self->volunteers, SteadMatchVolunteer, i);

      self->extra[i].fid = fids[i] = volunteer->id;
      self->extra[i].organisation = volunteer->load;
      volunteer->load = 0;
      self->extra[i].slots = g_array_new (FALSE, FALSE, sizeof (SteadMatchSlot));
      self->extra[i].exceptions = g_array_new (FALSE, FALSE, sizeof (SteadMatchException));
      self->extra[i].training = g_array_new (FALSE, FALSE, sizeof (SteadMatchTraining));
      self->extra[i].insurance = g_array_new (FALSE, FALSE, sizeof (SteadMatchInsurance));
      g_hash_table_insert (by_fid, &fids[i], GUINT_TO_POINTER (i + 1));
    }

  /* Their weekly pattern, exceptions, training and insurance. */
  stmt = volunteers_match_prepare (self, workspace,
                                   "SELECT 0, volunteer, weekday, start, finish, NULL "
                                   "FROM volunteers_availability UNION ALL "
                                   "SELECT 1, volunteer, available, date_from, date_to, NULL "
                                   "FROM volunteers_exception UNION ALL "
                                   "SELECT 2, volunteer, NULL, skill, expires, NULL "
                                   "FROM volunteers_training UNION ALL "
                                   "SELECT 3, volunteer, NULL, activities, expires, NULL "
                                   "FROM volunteers_insurance",
                                   error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 fid = sqlite3_column_int64 (stmt, 1);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (by_fid, &fid));
      const char *a = (const char *) sqlite3_column_text (stmt, 3);
      const char *b = (const char *) sqlite3_column_text (stmt, 4);
      VolunteersMatchExtra *extra;

      if (sqlite3_column_int (stmt, 0) == 2 && a != NULL)
        self->options.needs_training |= G_GUINT64_CONSTANT (1)
                                        << MIN (volunteers_match_skill_bit (self, a), 63u);
      if (sqlite3_column_int (stmt, 0) == 3)
        self->options.require_insurance = TRUE;
      if (index == 0)
        continue;
      extra = &self->extra[index - 1];
      switch (sqlite3_column_int (stmt, 0))
        {
        case 0:
          {
            SteadMatchSlot slot = { (guint8) sqlite3_column_int (stmt, 2),
                                    volunteers_match_clock (a), volunteers_match_clock (b) };

            g_array_append_val (extra->slots, slot);
            break;
          }
        case 1:
          {
            SteadMatchException exception = { volunteers_match_day (a), volunteers_match_day (b),
                                              sqlite3_column_int (stmt, 2) != 0 };

            g_array_append_val (extra->exceptions, exception);
            break;
          }
        case 2:
          if (a != NULL)
            {
              SteadMatchTraining course = { volunteers_match_skill_bit (self, a),
                                            volunteers_match_day (b) };

              if (course.skill != G_MAXUINT)
                g_array_append_val (extra->training, course);
            }
          break;
        default:
          {
            SteadMatchInsurance policy = { volunteers_match_skill_mask (self, a),
                                           volunteers_match_day (b) };

            g_array_append_val (extra->insurance, policy);
            break;
          }
        }
    }
  sqlite3_finalize (stmt);
  self->options.needs_training |= G_GUINT64_CONSTANT (1)
                                  << MIN (volunteers_match_skill_bit (self, "first-aid"), 63u);
  self->options.needs_training &= ~(G_GUINT64_CONSTANT (1) << VOLUNTEERS_MATCH_PARTNER_BIT);
  for (guint i = 0; i < n; i++)
    {
      SteadMatchVolunteer *volunteer = &g_array_index (self->volunteers, SteadMatchVolunteer, i);
      VolunteersMatchExtra *extra = &self->extra[i];

      volunteer->slots = (const SteadMatchSlot *) (gpointer) extra->slots->data;
      volunteer->n_slots = extra->slots->len;
      volunteer->exceptions = (const SteadMatchException *) (gpointer) extra->exceptions->data;
      volunteer->n_exceptions = extra->exceptions->len;
      volunteer->training = (const SteadMatchTraining *) (gpointer) extra->training->data;
      volunteer->n_training = extra->training->len;
      volunteer->insurance = (const SteadMatchInsurance *) (gpointer) extra->insurance->data;
      volunteer->n_insurance = extra->insurance->len;
    }

  /* Tasks they hold, by day. */
  stmt = volunteers_match_prepare (self, workspace,
                                   "SELECT tv.volunteer, coalesce (r.window_start, t.created), "
                                   "count (*) FROM volunteers_task t "
                                   "JOIN volunteers_task_volunteer tv ON tv.task = t.id "
                                   "JOIN volunteers_request r ON r.fid = t.request "
                                   "WHERE t.status NOT IN ('done', 'cancelled') "
                                   "GROUP BY 1, 2",
                                   error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 day = volunteers_match_minutes ((const char *) sqlite3_column_text (stmt, 1)) / 1440;
      char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                   (gint64) sqlite3_column_int64 (stmt, 0), day);
      guint held = GPOINTER_TO_UINT (g_hash_table_lookup (self->load, key));

      g_hash_table_insert (self->load, key,
                           GUINT_TO_POINTER (held + (guint) sqlite3_column_int64 (stmt, 2)));
    }
  sqlite3_finalize (stmt);

  /* The open requests, with a point and no live task. */
  stmt = volunteers_match_prepare (self, workspace,
                                   "SELECT r.fid, ST_MinX (r.geom), ST_MinY (r.geom), r.skills, "
                                   "r.dbs_level, r.regulated, r.urgency, r.window_start, "
                                   "r.window_end, r.organisation, r.kind "
                                   "FROM volunteers_request r WHERE r.geom IS NOT NULL AND "
                                   "CASE WHEN ?1 > 0 THEN r.fid = ?1 ELSE r.status = 'open' "
                                   "AND NOT EXISTS (SELECT 1 FROM "
                                   "volunteers_task t WHERE t.request = r.fid "
                                   "AND t.status <> 'cancelled') END ORDER BY r.fid",
                                   error);
  if (stmt == NULL)
    return FALSE;
  stead_statement_bind (stmt, STEAD_ARGS (STEAD_INT (self->only_request)));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      SteadMatchRequest request = { 0, };
      gint64 organisation = sqlite3_column_int64 (stmt, 9);
      const char *kind = (const char *) sqlite3_column_text (stmt, 10);
      gint32 day;

      request.id = sqlite3_column_int64 (stmt, 0);
      request.longitude = sqlite3_column_double (stmt, 1);
      request.latitude = sqlite3_column_double (stmt, 2);
      request.skills = volunteers_match_skill_mask (self,
                                                    (const char *) sqlite3_column_text (stmt, 3));
      request.dbs = volunteers_match_dbs ((const char *) sqlite3_column_text (stmt, 4));
      request.regulated = sqlite3_column_int (stmt, 5) != 0;
      request.urgency = (guint) sqlite3_column_int (stmt, 6);
      request.window_start = volunteers_match_minutes ((const char *) sqlite3_column_text (stmt,
                                                                                           7));
      request.window_end = volunteers_match_minutes ((const char *) sqlite3_column_text (stmt, 8));
      if (organisation <= 0)
        request.skills |= G_GUINT64_CONSTANT (1) << VOLUNTEERS_MATCH_PARTNER_BIT;
      /* TRANSLATORS: the activity a regulated request is, for "…needed for a food request" */
      g_ptr_array_add (self->activities,
                       g_strdup_printf (_("a %s request"), kind != NULL ? kind : "?"));
      request.activity = g_ptr_array_index (self->activities, self->activities->len - 1);
      day = request.window_start > 0 ? MAX (self->options.today,
                                            (gint32) (request.window_start / 1440))
                                     : self->options.today;
      g_array_append_val (self->requests, request);
      g_array_append_val (self->request_day, day);
      g_array_append_val (self->request_org, organisation);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static VolunteersMatch *
volunteers_match_new_for (SteadWorkspace  *workspace,
                          sqlite3         *db,
                          gint64           only_request,
                          GError         **error)
{
  g_autoptr(VolunteersMatch) self = g_new0 (VolunteersMatch, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->only_request = only_request;
  self->db = db;

  self->skill_codes = g_ptr_array_new_with_free_func (g_free);
  self->volunteers = g_array_new (FALSE, FALSE, sizeof (SteadMatchVolunteer));
  self->requests = g_array_new (FALSE, FALSE, sizeof (SteadMatchRequest));
  self->request_day = g_array_new (FALSE, FALSE, sizeof (gint32));
  self->request_org = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->activities = g_ptr_array_new_with_free_func (g_free);
  self->load = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stead_match_options_init (&self->options);
  self->options.today = (gint32) ((g_date_time_to_unix (now)
                                   + g_date_time_get_utc_offset (now) / G_USEC_PER_SEC) / 86400);
  self->options.require_insurance = FALSE;
  self->labels[VOLUNTEERS_MATCH_PARTNER_BIT] = g_strdup (_("a partner organisation to task them"));
  self->options.skill_labels = (const char * const *) self->labels;
  if (self->db == NULL)
    self->per_day = (guint) MAX (0, volunteers_setting_get (workspace, "tasks-per-day"));
  else
    {
      sqlite3_stmt *stmt = volunteers_match_prepare (self, NULL, "SELECT value FROM "
                                                     "volunteers_setting WHERE key = "
                                                     "'tasks-per-day'", error);

      if (stmt == NULL)
        return NULL;
      self->per_day = sqlite3_step (stmt) == SQLITE_ROW
                        ? (guint) MAX (0, sqlite3_column_int64 (stmt, 0)) : 0;
      sqlite3_finalize (stmt);
    }

  if (!volunteers_match_read (self, workspace, error))
    return NULL;
  self->db = NULL;   /* read: the reader is the caller's */
  return g_steal_pointer (&self);
}

VolunteersMatch *
volunteers_match_new (SteadWorkspace  *workspace,
                      GError         **error)
{
  return volunteers_match_new_for (workspace, NULL, 0, error);
}

/* The volunteers as they stand on @day: what they can still take. */
static void
volunteers_match_set_day (VolunteersMatch *self,
                          gint32           day)
{
  for (guint i = 0; i < self->volunteers->len; i++)
    {
      SteadMatchVolunteer *volunteer = &g_array_index (self->volunteers, SteadMatchVolunteer, i);
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%d", volunteer->id, day);
      guint held = GPOINTER_TO_UINT (g_hash_table_lookup (self->load, key));

      volunteer->load = held;
      volunteer->capacity = held < self->per_day ? self->per_day - held : 0;
    }
}

/* A matcher of the volunteers on @day, kept for the next ask. */
static SteadMatcher *
volunteers_match_get_matcher (VolunteersMatch *self,
                              gint32           day)
{
  if (self->matcher == NULL || self->matcher_day != day)
    {
      g_clear_pointer (&self->matcher, stead_matcher_free);
      volunteers_match_set_day (self, day);
      self->matcher = stead_matcher_new ((const SteadMatchVolunteer *) (gpointer)
                                         self->volunteers->data,
                                         self->volunteers->len, &self->options);
      self->matcher_day = day;
    }
  return self->matcher;
}

/**
 * volunteers_match_suggest:
 * @request: a request with a location, whatever its status (a task's, on
 *   the task board)
 * @reasons: (element-type utf8): filled with the reason for each, in words
 *
 * Returns: (transfer full): the eligible volunteers' fids (gint64),
 *   ranked; NULL with @error when @request has no location or is gone
 */
GArray *
volunteers_match_suggest (SteadWorkspace  *workspace,
                          gint64           request,
                          GPtrArray       *reasons,
                          GError         **error)
{
  g_autoptr(VolunteersMatch) self = volunteers_match_new_for (workspace, NULL, request,
                                                              error);
  g_autoptr(GArray) eligible = g_array_new (FALSE, FALSE, sizeof (SteadMatchCandidate));
  g_autoptr(GArray) excluded = g_array_new (FALSE, FALSE, sizeof (SteadMatchCandidate));
  GArray *fids;
  SteadMatcher *matcher;
  const SteadMatchRequest *one;

  if (self == NULL)
    return NULL;
  if (self->requests->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Request %" G_GINT64_FORMAT " has no location to match volunteers near"),
                   request);
      return NULL;
    }
  one = &g_array_index (self->requests, SteadMatchRequest, 0);
  matcher = volunteers_match_get_matcher (self, g_array_index (self->request_day, gint32, 0));
  stead_matcher_suggest (matcher, one, eligible, excluded);
  fids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), eligible->len);
  for (guint i = 0; i < eligible->len; i++)
    {
      guint v = g_array_index (eligible, SteadMatchCandidate, i).volunteer;

      g_array_append_val (fids, self->extra[v].fid);
      if (reasons != NULL)
        g_ptr_array_add (reasons, stead_matcher_describe (matcher, one, v));
    }
  return fids;
}

/* Matches the requests of each day in turn. */
void
volunteers_match_run (VolunteersMatch  *self,
                      SteadMatchMethod  method)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (gint32));
  guint n = self->requests->len;

  g_free (self->volunteer_of);
  self->volunteer_of = g_new (guint, MAX (n, 1));
  self->cost = self->distance_km = 0;
  self->n_assigned = 0;
  for (guint r = 0; r < n; r++)
    {
      gint32 day = g_array_index (self->request_day, gint32, r);
      guint d;

      for (d = 0; d < days->len && g_array_index (days, gint32, d) != day; d++)
        ;
      if (d == days->len)
        g_array_append_val (days, day);
    }
  for (guint d = 0; d < days->len; d++)
    {
      gint32 day = g_array_index (days, gint32, d);
      g_autoptr(GArray) requests = g_array_new (FALSE, FALSE, sizeof (SteadMatchRequest));
      g_autoptr(GArray) index = g_array_new (FALSE, FALSE, sizeof (guint));
      SteadMatcher *matcher = volunteers_match_get_matcher (self, day);
      SteadMatchResult result;

      for (guint r = 0; r < n; r++)
        if (g_array_index (self->request_day, gint32, r) == day)
          {
            g_array_append_val (requests, g_array_index (self->requests, SteadMatchRequest, r));
            g_array_append_val (index, r);
          }
      stead_matcher_assign (matcher, (const SteadMatchRequest *) (gpointer) requests->data,
                            requests->len, method, &result);
      for (guint i = 0; i < requests->len; i++)
        self->volunteer_of[g_array_index (index, guint, i)] = result.volunteer_of[i];
      self->cost += result.cost;
      self->distance_km += result.distance_km;
      self->n_assigned += result.n_assigned;
      stead_match_result_clear (&result);
    }
}

/* Why request @r stays unmet, in words: (transfer full). */
static char *
volunteers_match_unmet_reason (VolunteersMatch *self,
                               guint            r)
{
  const SteadMatchRequest *request = &g_array_index (self->requests, SteadMatchRequest, r);
  SteadMatcher *matcher = volunteers_match_get_matcher (self,
                                                        g_array_index (self->request_day,
                                                                       gint32, r));
  g_autoptr(GArray) eligible = g_array_new (FALSE, FALSE, sizeof (SteadMatchCandidate));
  g_autoptr(GArray) excluded = g_array_new (FALSE, FALSE, sizeof (SteadMatchCandidate));
  g_autofree char *nearest = NULL;

  stead_matcher_suggest (matcher, request, eligible, excluded);
  if (eligible->len > 0)
    return g_strdup (_("every eligible volunteer is needed more elsewhere"));
  if (excluded->len == 0)
    return g_strdup (_("no volunteer within reach"));
  nearest = stead_matcher_describe (matcher, request,
                                    g_array_index (excluded, SteadMatchCandidate, 0).volunteer);
  /* TRANSLATORS: "no eligible volunteer; the nearest: 1.2 km away, beyond their 1.0 km …" */
  return g_strdup_printf (_("no eligible volunteer; the nearest: %s"), nearest);
}

/* The tasking partner of request @r given to volunteer @v: the request's
 * raising organisation, else the volunteer's partner, whichever an
 * agreement allows to task volunteers (@tasking; NULL: the first there
 * is, as proposed); 0 if neither. */
static gint64
volunteers_match_partner (VolunteersMatch *self,
                          GHashTable      *tasking,
                          guint            r,
                          guint            v)
{
  gint64 organisation = g_array_index (self->request_org, gint64, r);

  if (organisation > 0 && (tasking == NULL || g_hash_table_contains (tasking, &organisation)))
    return organisation;
  organisation = self->extra[v].organisation;
  return organisation > 0 && (tasking == NULL || g_hash_table_contains (tasking, &organisation))
           ? organisation
           : 0;
}

/* @by > 0: every task through that partner (refused unless it may task). */
static gboolean
volunteers_match_apply_full (VolunteersMatch *self,
                             SteadWorkspace  *workspace,
                             gint64           by,
                             guint           *n_tasks,
                             GError         **error)
{
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(GHashTable) tasking = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *summary = NULL;
  guint n = 0;

  if (n_tasks != NULL)
    *n_tasks = 0;
  /* Only a partner whose agreement allows it tasks volunteers: a request
   * neither its raiser nor the volunteer's partner may task is left open. */
  tasking = volunteers_tasking_organisations (workspace, today);
  if (by > 0 && !g_hash_table_contains (tasking, &by))
    {
      g_autofree char *name = stead_workspace_get_record_title (workspace, "organisation", by);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("“%s” has no active agreement that allows it to task volunteers"),
                   name != NULL ? name : "?");
      return FALSE;
    }
  for (guint r = 0; r < self->requests->len; r++)
    if (self->volunteer_of[r] != G_MAXUINT &&
        (by > 0 || volunteers_match_partner (self, tasking, r, self->volunteer_of[r]) > 0))
      n++;
  if (n == 0)
    return TRUE;
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offer %u request to volunteers",
                                          "Offer %u requests to volunteers", n),
                             n);
  txn = stead_workspace_begin (workspace, VOLUNTEERS_OWNER, summary, error);
  if (txn == NULL)
    return FALSE;
  for (guint r = 0; r < self->requests->len; r++)
    {
      const SteadMatchRequest *request = &g_array_index (self->requests, SteadMatchRequest, r);
      guint v = self->volunteer_of[r];
      gint64 partner;
      gint64 task;

      if (v == G_MAXUINT ||
          (partner = by > 0 ? by : volunteers_match_partner (self, tasking, r, v)) == 0)
        continue;
      task = stead_transaction_run (txn,
                                    "INSERT INTO volunteers_task (request, organisation, status, "
                                    "offered) VALUES (?1, ?2, 'offered', "
                                    "strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                                    STEAD_ARGS (STEAD_INT (request->id), STEAD_INT (partner)),
                                    error);
      if (task < 0
          || stead_transaction_run (txn,
                                    "INSERT INTO volunteers_task_volunteer (task, volunteer) "
                                    "VALUES (?1, ?2)",
                                    STEAD_ARGS (STEAD_INT (task), STEAD_INT (self->extra[v].fid)),
                                    error) < 0
          || stead_transaction_run (txn,
                                    "UPDATE volunteers_request SET status = 'assigned' "
                                    "WHERE fid = ?1",
                                    STEAD_ARGS (STEAD_INT (request->id)), error) < 0)
        return FALSE;   /* rolled back as txn goes */
    }
  if (!stead_transaction_commit (g_steal_pointer (&txn), error))
    return FALSE;
  if (n_tasks != NULL)
    *n_tasks = n;
  return TRUE;
}

gboolean
volunteers_match_apply (VolunteersMatch *self,
                        SteadWorkspace  *workspace,
                        GError         **error)
{
  return volunteers_match_apply_full (self, workspace, 0, NULL, error);
}

guint
volunteers_match_get_n_requests (VolunteersMatch *self)
{
  return self->requests->len;
}

gint64
volunteers_match_get_volunteer (VolunteersMatch *self,
                                guint            r)
{
  return self->volunteer_of[r] == G_MAXUINT ? 0 : self->extra[self->volunteer_of[r]].fid;
}

/* ------------------------------------------------------------------------ */
/* vol-assign: the page's suggestions and its assignment off the main thread */
/* ------------------------------------------------------------------------ */

static const char * const volunteers_match_rule_codes[] = {
  "eligible", "distance", "skill", "dbs", "regulated", "training", "insurance", "availability",
  "capacity",
};

G_STATIC_ASSERT (G_N_ELEMENTS (volunteers_match_rule_codes) == VOLUNTEERS_MATCH_N_RULES);

/**
 * volunteers_match_new_reader:
 * @db: a reader of the workspace (stead_workspace_open_reader()), used
 *   only during the call
 * @request: 0 for every open request with no live task, or that request
 *   alone, whatever its status
 *
 * The same as volunteers_match_new(), for a worker thread: read in one
 * snapshot. Returns: NULL with @error (G_IO_ERROR_CANCELLED when cancelled)
 */
VolunteersMatch *
volunteers_match_new_reader (sqlite3       *db,
                             gint64         request,
                             GCancellable  *cancellable,
                             GError       **error)
{
  VolunteersMatch *self;

  g_return_val_if_fail (db != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  self = volunteers_match_new_for (NULL, db, request, error);
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  if (self != NULL && g_cancellable_set_error_if_cancelled (cancellable, error))
    g_clear_pointer (&self, volunteers_match_free);
  return self;
}

gboolean
volunteers_match_apply_by (VolunteersMatch *self,
                           SteadWorkspace  *workspace,
                           gint64           partner,
                           guint           *n_tasks,
                           GError         **error)
{
  g_return_val_if_fail (self != NULL && self->volunteer_of != NULL, FALSE);

  return volunteers_match_apply_full (self, workspace, partner, n_tasks, error);
}

guint
volunteers_match_get_n_volunteers (VolunteersMatch *self)
{
  return self->volunteers->len;
}

guint
volunteers_match_get_n_assigned (VolunteersMatch *self)
{
  return self->n_assigned;
}

double
volunteers_match_get_distance_km (VolunteersMatch *self)
{
  return self->distance_km;
}

gint64
volunteers_match_get_request (VolunteersMatch *self,
                              guint            r)
{
  return g_array_index (self->requests, SteadMatchRequest, r).id;
}

/* Why request @r stays unmet, as a rule: STEAD_MATCH_CAPACITY when
 * someone eligible is needed more elsewhere, STEAD_MATCH_DISTANCE when no
 * one is within reach, else the nearest excluded's rule. */
static SteadMatchRule
volunteers_match_unmet_rule (VolunteersMatch *self,
                             guint            r)
{
  const SteadMatchRequest *request = &g_array_index (self->requests, SteadMatchRequest, r);
  SteadMatcher *matcher = volunteers_match_get_matcher (self,
                                                        g_array_index (self->request_day,
                                                                       gint32, r));
  g_autoptr(GArray) eligible = g_array_new (FALSE, FALSE, sizeof (SteadMatchCandidate));
  g_autoptr(GArray) excluded = g_array_new (FALSE, FALSE, sizeof (SteadMatchCandidate));

  stead_matcher_suggest (matcher, request, eligible, excluded);
  if (eligible->len > 0)
    return STEAD_MATCH_CAPACITY;
  if (excluded->len == 0)
    return STEAD_MATCH_DISTANCE;
  return g_array_index (excluded, SteadMatchCandidate, 0).rule;
}

/**
 * volunteers_match_count_unmet:
 * @counts: (out caller-allocates): by rule, how many unmet requests it
 *   explains (volunteers_match_unmet_rule)
 * @most: how many unmet requests to look at, at most
 *
 * Day by day, so that each day's matcher is made once. Returns: how many
 *   were looked at (fewer than @most only when there are fewer, or when
 *   cancelled)
 */
guint
volunteers_match_count_unmet (VolunteersMatch *self,
                              guint           *counts,
                              guint            most,
                              GCancellable    *cancellable)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (gint32));
  guint seen = 0;

  memset (counts, 0, sizeof (guint) * VOLUNTEERS_MATCH_N_RULES);
  for (guint r = 0; r < self->requests->len; r++)
    {
      gint32 day = g_array_index (self->request_day, gint32, r);
      guint d;

      for (d = 0; d < days->len && g_array_index (days, gint32, d) != day; d++)
        ;
      if (d == days->len && self->volunteer_of[r] == G_MAXUINT)
        g_array_append_val (days, day);
    }
  for (guint d = 0; d < days->len && seen < most; d++)
    for (guint r = 0; r < self->requests->len && seen < most; r++)
      if (self->volunteer_of[r] == G_MAXUINT &&
          g_array_index (self->request_day, gint32, r) == g_array_index (days, gint32, d))
        {
          if (g_cancellable_is_cancelled (cancellable))
            return seen;
          counts[volunteers_match_unmet_rule (self, r)]++;
          seen++;
        }
  return seen;
}

static void
volunteers_match_suggestion_clear (gpointer data)
{
  g_free (((VolunteersSuggestion *) data)->reason);
}

void
volunteers_suggestions_free (VolunteersSuggestions *suggestions)
{
  if (suggestions == NULL)
    return;
  g_array_unref (suggestions->eligible);
  for (guint i = 0; i < VOLUNTEERS_MATCH_N_RULES; i++)
    g_free (suggestions->nearest[i]);
  g_free (suggestions);
}

/**
 * volunteers_match_suggest_for:
 * @self: a match read for @request (or for every open request)
 *
 * Who could take @request, ranked, with the reason for each; and how many
 * of the others each rule excludes (the first rule they fail), with the
 * nearest such one's reason. Returns: NULL with @error when @self has no
 * such request
 */
VolunteersSuggestions *
volunteers_match_suggest_for (VolunteersMatch  *self,
                              gint64            request,
                              GError          **error)
{
  g_autoptr(GArray) eligible = g_array_new (FALSE, FALSE, sizeof (SteadMatchCandidate));
  g_autoptr(GArray) excluded = g_array_new (FALSE, FALSE, sizeof (SteadMatchCandidate));
  const SteadMatchRequest *one = NULL;
  VolunteersSuggestions *suggestions;
  SteadMatcher *matcher;
  guint r;

  for (r = 0; r < self->requests->len && one == NULL; r++)
    if (g_array_index (self->requests, SteadMatchRequest, r).id == request)
      one = &g_array_index (self->requests, SteadMatchRequest, r);
  if (one == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Request %" G_GINT64_FORMAT " has no location to match volunteers near"),
                   request);
      return NULL;
    }
  matcher = volunteers_match_get_matcher (self, g_array_index (self->request_day, gint32, r - 1));
  suggestions = g_new0 (VolunteersSuggestions, 1);
  suggestions->request = request;
  suggestions->eligible = g_array_sized_new (FALSE, FALSE, sizeof (VolunteersSuggestion),
                                             eligible->len);
  g_array_set_clear_func (suggestions->eligible, volunteers_match_suggestion_clear);
  suggestions->beyond_reach = stead_matcher_suggest (matcher, one, eligible, excluded);
  for (guint i = 0; i < eligible->len; i++)
    {
      const SteadMatchCandidate *candidate = &g_array_index (eligible, SteadMatchCandidate, i);
      VolunteersSuggestion suggestion = {
        self->extra[candidate->volunteer].fid, candidate->distance_km,
        stead_matcher_describe (matcher, one, candidate->volunteer),
      };

      g_array_append_val (suggestions->eligible, suggestion);
    }
  suggestions->excluded[STEAD_MATCH_DISTANCE] = suggestions->beyond_reach;
  for (guint i = 0; i < excluded->len; i++)
    {
      const SteadMatchCandidate *candidate = &g_array_index (excluded, SteadMatchCandidate, i);
      guint rule = MIN ((guint) candidate->rule, VOLUNTEERS_MATCH_N_RULES - 1);

      if (suggestions->nearest[rule] == NULL)
        suggestions->nearest[rule] = stead_matcher_describe (matcher, one, candidate->volunteer);
      suggestions->excluded[rule]++;
    }
  return suggestions;
}

/* ------------------------------------------------------------------------ */
/* stead-cli match WS [--apply] [--json]                                     */
/* ------------------------------------------------------------------------ */

static double
volunteers_match_distance (VolunteersMatch *self,
                           guint            r)
{
  const SteadMatchRequest *request = &g_array_index (self->requests, SteadMatchRequest, r);
  const SteadMatchVolunteer *volunteer = &g_array_index (self->volunteers, SteadMatchVolunteer,
                                                         self->volunteer_of[r]);

  return stead_match_distance_km (request->longitude, request->latitude,
                                  volunteer->longitude, volunteer->latitude);
}

static void
volunteers_match_print_json (VolunteersMatch *self,
                             gboolean         applied)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "requests");
  json_builder_add_int_value (builder, self->requests->len);
  json_builder_set_member_name (builder, "volunteers");
  json_builder_add_int_value (builder, self->volunteers->len);
  json_builder_set_member_name (builder, "assigned");
  json_builder_add_int_value (builder, self->n_assigned);
  json_builder_set_member_name (builder, "unmet");
  json_builder_add_int_value (builder, self->requests->len - self->n_assigned);
  json_builder_set_member_name (builder, "distance_km");
  json_builder_add_double_value (builder, self->distance_km);
  json_builder_set_member_name (builder, "cost");
  json_builder_add_double_value (builder, self->cost);
  json_builder_set_member_name (builder, "applied");
  json_builder_add_boolean_value (builder, applied);
  json_builder_set_member_name (builder, "assignments");
  json_builder_begin_array (builder);
  for (guint r = 0; r < self->requests->len; r++)
    {
      guint v = self->volunteer_of[r];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "request");
      json_builder_add_int_value (builder, g_array_index (self->requests, SteadMatchRequest, r).id);
      json_builder_set_member_name (builder, "volunteer");
      if (v == G_MAXUINT)
        {
          g_autofree char *reason = volunteers_match_unmet_reason (self, r);

          json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "reason");
          json_builder_add_string_value (builder, reason);
        }
      else
        {
          json_builder_add_int_value (builder, self->extra[v].fid);
          json_builder_set_member_name (builder, "distance_km");
          json_builder_add_double_value (builder, volunteers_match_distance (self, r));
          json_builder_set_member_name (builder, "organisation");
          json_builder_add_int_value (builder, volunteers_match_partner (self, NULL, r, v));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
volunteers_match_print_text (VolunteersMatch *self,
                             gboolean         applied,
                             guint            made)
{
  /* TRANSLATORS: "12 open requests, 570 volunteers: 10 assigned (8.4 km in all), 2 unmet" */
  g_print (_("%u open requests, %u volunteers: %u assigned (%.1f km in all), %u unmet\n"),
           self->requests->len, self->volunteers->len, self->n_assigned, self->distance_km,
           self->requests->len - self->n_assigned);
  for (guint r = 0; r < self->requests->len; r++)
    {
      gint64 id = g_array_index (self->requests, SteadMatchRequest, r).id;

      if (self->volunteer_of[r] == G_MAXUINT)
        {
          g_autofree char *reason = volunteers_match_unmet_reason (self, r);

          /* TRANSLATORS: "request 12: unmet — no eligible volunteer; …" */
          g_print (_("request %" G_GINT64_FORMAT ": unmet — %s\n"), id, reason);
        }
      else
        /* TRANSLATORS: "request 12: volunteer 45, 1.2 km" */
        g_print (_("request %" G_GINT64_FORMAT ": volunteer %" G_GINT64_FORMAT ", %.1f km\n"), id,
                 self->extra[self->volunteer_of[r]].fid, volunteers_match_distance (self, r));
    }
  /* Fewer than assigned when neither a request's raiser nor its volunteer's
   * partner may task volunteers. */
  if (applied)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u task offered (one undo step)\n",
                          "%u tasks offered (one undo step)\n", made),
             made);
}

/* stead-cli match WS --request ID: who could take it, ranked, and why
 * not the others within reach. */
static gboolean
volunteers_match_print_suggestion (VolunteersMatch  *self,
                                   gint64            id,
                                   gboolean          json,
                                   GError          **error)
{
  g_autoptr(GArray) eligible = g_array_new (FALSE, FALSE, sizeof (SteadMatchCandidate));
  g_autoptr(GArray) excluded = g_array_new (FALSE, FALSE, sizeof (SteadMatchCandidate));
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const SteadMatchRequest *request = NULL;
  SteadMatcher *matcher;
  guint beyond, r;

  for (r = 0; r < self->requests->len && request == NULL; r++)
    if (g_array_index (self->requests, SteadMatchRequest, r).id == id)
      request = &g_array_index (self->requests, SteadMatchRequest, r);
  if (request == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Request %" G_GINT64_FORMAT " is not an open request with a location and "
                     "no task"), id);
      return FALSE;
    }
  matcher = volunteers_match_get_matcher (self, g_array_index (self->request_day, gint32, r - 1));
  beyond = stead_matcher_suggest (matcher, request, eligible, excluded);
  if (!json)
    /* TRANSLATORS: "Request 12: 4 eligible, 9 excluded within reach, 540 beyond reach" */
    g_print (_("Request %" G_GINT64_FORMAT ": %u eligible, %u excluded within reach, %u beyond "
               "reach\n"), id, eligible->len, excluded->len, beyond);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "request");
  json_builder_add_int_value (builder, id);
  json_builder_set_member_name (builder, "beyond_reach");
  json_builder_add_int_value (builder, beyond);
  for (guint list = 0; list < 2; list++)
    {
      GArray *candidates = list == 0 ? eligible : excluded;

      json_builder_set_member_name (builder, list == 0 ? "eligible" : "excluded");
      json_builder_begin_array (builder);
      if (!json && list == 1 && candidates->len > 0)
        g_print ("%s\n", _("Excluded:"));
      for (guint i = 0; i < candidates->len; i++)
        {
          const SteadMatchCandidate *candidate = &g_array_index (candidates,
                                                                 SteadMatchCandidate, i);
          g_autofree char *reason = stead_matcher_describe (matcher, request,
                                                            candidate->volunteer);
          gint64 fid = self->extra[candidate->volunteer].fid;

          if (!json && list == 1 && i == VOLUNTEERS_MATCH_TEXT_EXCLUDED)
            g_print (g_dngettext (GETTEXT_PACKAGE,
                                  "  and %u more, further away (--json lists all)\n",
                                  "  and %u more, further away (--json lists all)\n",
                                  candidates->len - i), candidates->len - i);
          else if (!json && (list == 0 || i < VOLUNTEERS_MATCH_TEXT_EXCLUDED))
            /* TRANSLATORS: "  volunteer 45: 1.2 km away, within their 5.0 km radius" */
            g_print (_("  volunteer %" G_GINT64_FORMAT ": %s\n"), fid, reason);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "volunteer");
          json_builder_add_int_value (builder, fid);
          json_builder_set_member_name (builder, "distance_km");
          json_builder_add_double_value (builder, candidate->distance_km);
          json_builder_set_member_name (builder, "reason");
          json_builder_add_string_value (builder, reason);
          json_builder_set_member_name (builder, "rule");
          json_builder_add_string_value (builder,
                                         volunteers_match_rule_codes[MIN ((guint) candidate->rule,
                                                                          VOLUNTEERS_MATCH_N_RULES
                                                                          - 1)]);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  if (json)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      g_autofree char *text = NULL;

      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }
  return TRUE;
}

static int
volunteers_match_command_run (SteadPluginEngine *engine,
                              int                argc,
                              char             **argv)
{
  gboolean json = FALSE, apply = FALSE;
  gint64 request = 0;
  guint made = 0;
  const GOptionEntry entries[] = {
    { "request", 0, 0, G_OPTION_ARG_INT64, &request,
      N_("Only suggest for this request: the eligible ranked, and why not the others"), "ID" },
    { "apply", 0, 0, G_OPTION_ARG_NONE, &apply, N_("Offer the tasks (one undo step)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("match WS.gpkg");
  g_autoptr(SteadWorkspace) workspace = NULL;
  g_autoptr(VolunteersMatch) match = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, _("Assign volunteers to every open request at the "
                                           "least total distance, leaving as few unmet as "
                                           "possible, most urgent first."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2
      || (request != 0 && apply))
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("stead-cli: %s\n%s", error != NULL ? error->message
                                      : argc < 2 ? _("Missing argument")
                                      : argc > 2 ? _("Too many arguments")
                                                 : _("--request only suggests: not with --apply"),
                  help);
      return STEAD_EXIT_USAGE;
    }

  workspace = stead_workspace_open_full (argv[1], engine,
                                         apply ? STEAD_WORKSPACE_OPEN_DEFAULT
                                               : STEAD_WORKSPACE_OPEN_READ_ONLY, &error);
  if (workspace != NULL && apply && stead_workspace_is_read_only (workspace))
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_READ_ONLY, "%s",
                 stead_workspace_get_read_only_reason (workspace) != NULL
                 ? stead_workspace_get_read_only_reason (workspace)
                 : _("The workspace is read-only"));
  if (error == NULL)
    match = volunteers_match_new (workspace, &error);
  if (match != NULL && request != 0)
    {
      if (volunteers_match_print_suggestion (match, request, json, &error))
        return EXIT_SUCCESS;
      g_clear_pointer (&match, volunteers_match_free);
    }
  if (match != NULL)
    {
      volunteers_match_run (match, STEAD_MATCH_OPTIMAL);
      if (apply && !volunteers_match_apply_full (match, workspace, 0, &made, &error))
        g_clear_pointer (&match, volunteers_match_free);
    }
  if (match == NULL)
    {
      g_autofree char *message = g_strdelimit (g_strdup (error->message), "\n", ' ');

      g_printerr ("stead-cli: %s: %s\n", argv[1], message);
      return STEAD_EXIT_BAD_INPUT;
    }
  if (json)
    volunteers_match_print_json (match, apply);
  else
    volunteers_match_print_text (match, apply, made);
  return EXIT_SUCCESS;
}

const SteadCommand volunteers_match_command = {
  .name = "match",
  .args = "WS.gpkg [--apply] [--json] [--request ID]",
  .summary = N_("Assign volunteers to open requests"),
  .run = volunteers_match_command_run,
};
