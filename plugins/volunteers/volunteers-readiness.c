/* volunteers-readiness.c: who may be deployed now, for which roles, and
 * why not; what falls due
 *
 * What each role needs is data (volunteers_role, one row per skill, '*'
 * for the rest): the lowest DBS check and whether it is regulated
 * activity, a training in date, insurance in date covering it, PPE issued.
 * Every volunteer needs to be active, to have consented to their record,
 * their identity checked and an ID badge held. The whole register is read
 * in one pass: one ordered scan per table, merged by volunteer.
 *
 * Dates: a training's or a policy's expiry is the last day it is good
 * for; a DBS certificate is due for renewal on the anniversary
 * 'dbs-renewal-years' after its date, and is not relied on from that day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "volunteers.h"

/* The seeded roles' activities (volunteers_role.activity), so that they
 * are translated when a reason names them. */
static const char * const volunteers_readiness_activities[] G_GNUC_UNUSED = {
  N_("shopping for a shielding adult"), N_("befriending"), N_("emotional support"),
  N_("rest centre staffing"), N_("driving"), N_("4x4 driving"), N_("first aid"),
  N_("chainsaw work"), N_("flood warden"), N_("sandbagging"),
};

const SteadChoice volunteers_insurance_kinds[] = {
  { "public-liability", N_("Public liability") },
  { "employers-liability", N_("Employer’s liability") },
  { "personal-accident", N_("Personal accident") },
  { "motor", N_("Motor") },
  { "professional-indemnity", N_("Professional indemnity") },
  { NULL },
};

const SteadChoice volunteers_ppe_items[] = {
  { "hi-vis", N_("Hi-vis vest") },
  { "gloves", N_("Work gloves") },
  { "helmet", N_("Safety helmet") },
  { "waders", N_("Waders") },
  { "life-jacket", N_("Life jacket") },
  { "chainsaw-ppe", N_("Chainsaw protective clothing") },
  { NULL },
};

typedef struct
{
  char    *skill;
  int      dbs;          /* rank of the lowest check */
  gboolean regulated;
  char    *training;
  GStrv    insurance;
  char    *ppe;
  char    *activity;
} Role;

typedef struct
{
  char *skill;
  char *course;
  int   completed;       /* julian day, 0: not known */
  int   expires;
} Training;

typedef struct
{
  char *kind;
  GStrv activities;      /* NULL: every activity */
  int   expires;
} Insurance;

typedef struct
{
  char *item;
  int   issued;
  int   returned;
} Ppe;

typedef struct
{
  GHashTable *roles;     /* skill → Role */
  Role       *fallback;  /* '*' */
  GHashTable *labels;    /* skill → label */
  int         today;
  int         dbs_years;
} Rules;

static void
volunteers_readiness_role_free (gpointer data)
{
  Role *role = data;

  g_free (role->skill);
  g_free (role->training);
  g_strfreev (role->insurance);
  g_free (role->ppe);
  g_free (role->activity);
  g_free (role);
}

static void
volunteers_readiness_reason_free (gpointer data)
{
  VolunteersReason *reason = data;

  g_free (reason->skill);
  g_free (reason->check);
  g_free (reason->text);
  g_free (reason);
}

void
volunteers_readiness_free (VolunteersReadiness *readiness)
{
  if (readiness == NULL)
    return;
  g_strfreev (readiness->roles_ready);
  g_ptr_array_unref (readiness->reasons);
  g_free (readiness);
}

void
volunteers_alert_free (VolunteersAlert *alert)
{
  if (alert == NULL)
    return;
  g_free (alert->check);
  g_free (alert->what);
  g_free (alert->due);
  g_free (alert->text);
  g_free (alert);
}

/* ------------------------------------------------------------------------ */
/* Dates and levels                                                         */

/* "YYYY-MM-DD…" as a julian day, or 0. */
static int
volunteers_readiness_day (const char *text)
{
  int y, m, d;
  GDate date;

  if (text == NULL || strlen (text) < 10 || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return (int) g_date_get_julian (&date);
}

static int
volunteers_readiness_column_day (sqlite3_stmt *stmt,
                                 int           column)
{
  return volunteers_readiness_day ((const char *) sqlite3_column_text (stmt, column));
}

/* Today, or @today ("YYYY-MM-DD"); 0 when @today is not a date. */
static int
volunteers_readiness_today (const char *today)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *text = NULL;

  if (today != NULL)
    return volunteers_readiness_day (today);
  now = g_date_time_new_now_local ();
  text = g_date_time_format (now, "%Y-%m-%d");
  return volunteers_readiness_day (text);
}

static char *
volunteers_readiness_format_day (int julian)
{
  GDate date;
  char text[16];

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_strdup (text);
}

/* The anniversary @years after @julian (29 February → 28 February). */
static int
volunteers_readiness_add_years (int julian,
                                int years)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  g_date_add_years (&date, years);
  return g_date_get_julian (&date);
}

static int
volunteers_readiness_dbs_rank (const char *level)
{
  for (int i = 0; level != NULL && volunteers_dbs_levels[i].code != NULL; i++)
    if (g_str_equal (volunteers_dbs_levels[i].code, level))
      return i;
  return 0;
}

static const char *
volunteers_readiness_dbs_phrase (int rank)
{
  switch (rank)
    {
    case 1:
      return _("Basic DBS");
    case 2:
      return _("Standard DBS");
    case 3:
      return _("Enhanced DBS");
    default:
      return _("Enhanced DBS with barred list");
    }
}

static gboolean
volunteers_readiness_has_word (GStrv        words,
                               const char  *word)
{
  return words == NULL || g_strv_contains ((const char * const *) words, word);
}

/* ------------------------------------------------------------------------ */
/* The rules                                                                */

static void
volunteers_readiness_rules_clear (Rules *rules)
{
  g_clear_pointer (&rules->roles, g_hash_table_unref);
  g_clear_pointer (&rules->labels, g_hash_table_unref);
}

/* On the workspace's connection, or (@db set) a reader's, off the main
 * thread. */
static sqlite3_stmt *
volunteers_readiness_prepare (SteadWorkspace  *workspace,
                              sqlite3         *db,
                              const char      *sql,
                              GError         **error)
{
  sqlite3_stmt *stmt = NULL;

  if (db == NULL)
    return stead_workspace_prepare (workspace, sql, error);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not read the register: %s"),
                   sqlite3_errmsg (db));
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  return stmt;
}

static gboolean
volunteers_readiness_rules_load (SteadWorkspace  *workspace,
                                 sqlite3         *db,
                                 const char      *today,
                                 Rules           *rules,
                                 GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  rules->today = volunteers_readiness_today (today);
  if (rules->today == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a date (YYYY-MM-DD)"), today);
      return FALSE;
    }
  stmt = volunteers_readiness_prepare (workspace, db,
                                       "SELECT value FROM volunteers_setting "
                                       "WHERE key = 'dbs-renewal-years'", error);
  if (stmt == NULL)
    return FALSE;
  rules->dbs_years = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rules->dbs_years <= 0)
    rules->dbs_years = 3;
  rules->roles = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        volunteers_readiness_role_free);
  rules->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  stmt = volunteers_readiness_prepare (workspace, db,
                                  "SELECT skill, dbs_level, regulated, training, insurance, ppe, "
                                  "activity FROM volunteers_role",
                                  error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Role *role = g_new0 (Role, 1);
      const char *insurance = (const char *) sqlite3_column_text (stmt, 4);

      role->skill = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      role->dbs = volunteers_readiness_dbs_rank ((const char *) sqlite3_column_text (stmt, 1));
      role->regulated = sqlite3_column_int (stmt, 2) != 0;
      role->training = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      role->insurance = insurance != NULL ? g_strsplit_set (insurance, " ,", -1) : NULL;
      role->ppe = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      role->activity = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      g_hash_table_replace (rules->roles, role->skill, role);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  rules->fallback = g_hash_table_lookup (rules->roles, "*");

  stmt = volunteers_readiness_prepare (workspace, db,
                                  "SELECT code, label FROM taxonomy WHERE vocabulary = 'skill'",
                                  error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_replace (rules->labels, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                          g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  return TRUE;
}

static const char *
volunteers_readiness_label (Rules      *rules,
                            const char *skill)
{
  const char *label = g_hash_table_lookup (rules->labels, skill);

  return label != NULL ? label : skill;
}

/* The role in words for a reason: its activity, or the skill's label. */
static const char *
volunteers_readiness_activity (Rules      *rules,
                               const Role *role,
                               const char *skill)
{
  if (role != NULL && role->activity != NULL && !g_str_equal (role->skill, "*"))
    return g_dgettext (GETTEXT_PACKAGE, role->activity);
  return volunteers_readiness_label (rules, skill);
}

/* ------------------------------------------------------------------------ */
/* One volunteer                                                            */

typedef struct
{
  gint64      id;
  const char *status;
  int         consent, id_checked, badge_issued, badge_returned;
  int         dbs, dbs_date;
  GPtrArray  *skills;      /* of char* */
  GArray     *training;    /* of Training */
  GArray     *insurance;   /* of Insurance */
  GArray     *ppe;         /* of Ppe */
} Person;

static void
volunteers_readiness_add_reason (GPtrArray  *reasons,
                                 const char *skill,
                                 const char *check,
                                 char       *text)
{
  VolunteersReason *reason = g_new0 (VolunteersReason, 1);

  reason->skill = g_strdup (skill);
  reason->check = g_strdup (check);
  reason->text = text;
  g_ptr_array_add (reasons, reason);
}

static char *
volunteers_readiness_expired (const char *what,
                              int         days)
{
  /* Translators: "First aid certificate expired 3 days ago" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s expired %d day ago",
                                       "%s expired %d days ago", days),
                          what, days);
}

static void
volunteers_readiness_check_role (Rules        *rules,
                                 const Person *person,
                                 const char   *skill,
                                 GPtrArray    *reasons)
{
  const Role *role = g_hash_table_lookup (rules->roles, skill);
  const char *activity;
  int today = rules->today;

  if (role == NULL)
    role = rules->fallback;
  if (role == NULL)
    return;
  activity = volunteers_readiness_activity (rules, role, skill);

  /* The criminal record check: high enough, and not due for renewal. */
  if (person->dbs < role->dbs)
    volunteers_readiness_add_reason (
      reasons, skill, "dbs",
      role->regulated
        ? g_strdup_printf (_("%s needed for %s — regulated activity"),
                           volunteers_readiness_dbs_phrase (role->dbs), activity)
        : g_strdup_printf (_("%s needed for %s"), volunteers_readiness_dbs_phrase (role->dbs),
                           activity));
  else if (role->dbs > 0 && person->dbs_date == 0)
    volunteers_readiness_add_reason (
      reasons, skill, "dbs",
      g_strdup_printf (_("DBS certificate date not recorded (needed for %s)"), activity));
  else if (role->dbs > 0)
    {
      int due = volunteers_readiness_add_years (person->dbs_date, rules->dbs_years);

      if (today >= due)
        volunteers_readiness_add_reason (
          reasons, skill, "dbs",
          today == due
            ? g_strdup_printf (_("DBS certificate due for renewal today (needed for %s)"),
                               activity)
            : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "DBS certificate due for renewal %d day ago "
                                            "(needed for %s)",
                                            "DBS certificate due for renewal %d days ago "
                                            "(needed for %s)",
                                            today - due),
                               today - due, activity));
    }

  /* Training in date. */
  if (role->training != NULL)
    {
      const Training *latest = NULL;
      gboolean ok = FALSE;

      for (guint i = 0; i < person->training->len && !ok; i++)
        {
          const Training *t = &g_array_index (person->training, Training, i);

          if (g_strcmp0 (t->skill, role->training) != 0 ||
              (t->completed != 0 && t->completed > today))
            continue;
          if (t->expires == 0 || t->expires >= today)
            ok = TRUE;
          else if (latest == NULL || t->expires > latest->expires)
            latest = t;
        }
      if (!ok && latest != NULL)
        volunteers_readiness_add_reason (reasons, skill, "training",
                                         volunteers_readiness_expired (latest->course,
                                                                       today - latest->expires));
      else if (!ok)
        volunteers_readiness_add_reason (
          reasons, skill, "training",
          g_strdup_printf (_("No %s training recorded"),
                           volunteers_readiness_label (rules, role->training)));
    }

  /* Insurance of each kind needed, in date and covering the role. */
  for (guint k = 0; role->insurance != NULL && role->insurance[k] != NULL; k++)
    {
      const char *kind = role->insurance[k];
      const char *kind_label = stead_choice_get_label (volunteers_insurance_kinds, kind);
      const Insurance *latest = NULL;
      gboolean ok = FALSE, uncovered = FALSE;

      if (*kind == '\0')
        continue;
      kind_label = kind_label != NULL ? g_dgettext (GETTEXT_PACKAGE, kind_label) : kind;
      for (guint i = 0; i < person->insurance->len && !ok; i++)
        {
          const Insurance *p = &g_array_index (person->insurance, Insurance, i);

          if (!g_str_equal (p->kind, kind))
            continue;
          if (!volunteers_readiness_has_word (p->activities, skill))
            uncovered = TRUE;
          else if (p->expires == 0 || p->expires >= today)
            ok = TRUE;
          else if (latest == NULL || p->expires > latest->expires)
            latest = p;
        }
      if (ok)
        continue;
      if (latest != NULL)
        {
          g_autofree char *what = g_strdup_printf (_("%s insurance"), kind_label);

          volunteers_readiness_add_reason (reasons, skill, "insurance",
                                           volunteers_readiness_expired (what,
                                                                         today - latest->expires));
        }
      else if (uncovered)
        volunteers_readiness_add_reason (
          reasons, skill, "insurance",
          g_strdup_printf (_("%s insurance does not cover %s"), kind_label, activity));
      else
        volunteers_readiness_add_reason (
          reasons, skill, "insurance",
          g_strdup_printf (_("No %s insurance (needed for %s)"), kind_label, activity));
    }

  /* Protective equipment held. */
  if (role->ppe != NULL)
    {
      const char *item = stead_choice_get_label (volunteers_ppe_items, role->ppe);
      gboolean ok = FALSE, returned = FALSE;

      item = item != NULL ? g_dgettext (GETTEXT_PACKAGE, item) : role->ppe;
      for (guint i = 0; i < person->ppe->len && !ok; i++)
        {
          const Ppe *p = &g_array_index (person->ppe, Ppe, i);

          if (!g_str_equal (p->item, role->ppe) || p->issued == 0 || p->issued > today)
            continue;
          if (p->returned == 0 || p->returned > today)
            ok = TRUE;
          else
            returned = TRUE;
        }
      if (!ok)
        volunteers_readiness_add_reason (
          reasons, skill, "ppe",
          returned ? g_strdup_printf (_("%s returned (needed for %s)"), item, activity)
                   : g_strdup_printf (_("No %s issued (needed for %s)"), item, activity));
    }
}

static VolunteersReadiness *
volunteers_readiness_compute (Rules        *rules,
                              const Person *person)
{
  VolunteersReadiness *readiness = g_new0 (VolunteersReadiness, 1);
  g_autoptr(GPtrArray) ready = g_ptr_array_new ();
  GPtrArray *reasons = g_ptr_array_new_with_free_func (volunteers_readiness_reason_free);
  int today = rules->today;
  guint general;

  readiness->volunteer = person->id;
  readiness->reasons = reasons;

  if (g_strcmp0 (person->status, "applicant") == 0)
    volunteers_readiness_add_reason (reasons, NULL, "status",
                                     g_strdup (_("Not yet active: still an applicant")));
  else if (g_strcmp0 (person->status, "paused") == 0)
    volunteers_readiness_add_reason (reasons, NULL, "status",
                                     g_strdup (_("Paused: not taking tasks")));
  else if (g_strcmp0 (person->status, "left") == 0)
    volunteers_readiness_add_reason (reasons, NULL, "status", g_strdup (_("Has left")));
  if (person->consent == 0 || person->consent > today)
    volunteers_readiness_add_reason (reasons, NULL, "consent",
                                     g_strdup (_("No consent recorded for keeping their record")));
  if (person->id_checked == 0 || person->id_checked > today)
    volunteers_readiness_add_reason (reasons, NULL, "id",
                                     g_strdup (_("Identity documents not checked")));
  if (person->badge_issued == 0 || person->badge_issued > today)
    volunteers_readiness_add_reason (reasons, NULL, "badge", g_strdup (_("No ID badge issued")));
  else if (person->badge_returned != 0 && person->badge_returned <= today)
    volunteers_readiness_add_reason (reasons, NULL, "badge", g_strdup (_("ID badge returned")));
  if (person->skills->len == 0)
    volunteers_readiness_add_reason (reasons, NULL, "skills",
                                     g_strdup (_("No skills or roles recorded")));
  general = reasons->len;

  for (guint s = 0; s < person->skills->len; s++)
    {
      const char *skill = g_ptr_array_index (person->skills, s);
      guint before = reasons->len;

      volunteers_readiness_check_role (rules, person, skill, reasons);
      if (reasons->len == before)
        g_ptr_array_add (ready, (gpointer) skill);
    }

  /* Not deployable at all: for no role either. */
  if (general > 0)
    g_ptr_array_set_size (ready, 0);
  readiness->deployable = ready->len > 0;
  g_ptr_array_add (ready, NULL);
  readiness->roles_ready = g_strdupv ((char **) ready->pdata);
  return readiness;
}

/* ------------------------------------------------------------------------ */
/* Reading: one ordered scan per table, merged                              */

enum { SQL_ALL, SQL_ONE };

static const char * const volunteers_readiness_sql[][2] = {
  { "SELECT fid, status, consent, id_checked, badge_issued, badge_returned, dbs_level, dbs_date "
    "FROM volunteers_volunteer ORDER BY fid",
    "SELECT fid, status, consent, id_checked, badge_issued, badge_returned, dbs_level, dbs_date "
    "FROM volunteers_volunteer WHERE fid = ?1" },
  { "SELECT volunteer, skill FROM volunteers_skill ORDER BY volunteer, skill",
    "SELECT volunteer, skill FROM volunteers_skill WHERE volunteer = ?1 ORDER BY skill" },
  { "SELECT volunteer, skill, course, completed, expires FROM volunteers_training "
    "ORDER BY volunteer",
    "SELECT volunteer, skill, course, completed, expires FROM volunteers_training "
    "WHERE volunteer = ?1" },
  { "SELECT volunteer, kind, activities, expires FROM volunteers_insurance ORDER BY volunteer",
    "SELECT volunteer, kind, activities, expires FROM volunteers_insurance WHERE volunteer = ?1" },
  { "SELECT volunteer, item, issued, returned FROM volunteers_ppe ORDER BY volunteer",
    "SELECT volunteer, item, issued, returned FROM volunteers_ppe WHERE volunteer = ?1" },
};

enum { T_VOLUNTEER, T_SKILL, T_TRAINING, T_INSURANCE, T_PPE, N_TABLES };

typedef struct
{
  sqlite3_stmt *stmt;
  gboolean      row;   /* the statement stands on a row */
} Cursor;

static void
volunteers_readiness_clear_arrays (Person *person)
{
  g_ptr_array_set_size (person->skills, 0);
  for (guint i = 0; i < person->training->len; i++)
    {
      g_free (g_array_index (person->training, Training, i).skill);
      g_free (g_array_index (person->training, Training, i).course);
    }
  g_array_set_size (person->training, 0);
  for (guint i = 0; i < person->insurance->len; i++)
    {
      g_free (g_array_index (person->insurance, Insurance, i).kind);
      g_strfreev (g_array_index (person->insurance, Insurance, i).activities);
    }
  g_array_set_size (person->insurance, 0);
  for (guint i = 0; i < person->ppe->len; i++)
    g_free (g_array_index (person->ppe, Ppe, i).item);
  g_array_set_size (person->ppe, 0);
}

/* Reads the children of @id from each cursor standing at or before it. */
static void
volunteers_readiness_gather (Cursor *cursors,
                             Person *person)
{
  for (int t = T_SKILL; t < N_TABLES; t++)
    {
      Cursor *c = &cursors[t];

      while (c->row && sqlite3_column_int64 (c->stmt, 0) < person->id)
        c->row = sqlite3_step (c->stmt) == SQLITE_ROW;
      for (; c->row && sqlite3_column_int64 (c->stmt, 0) == person->id;
           c->row = sqlite3_step (c->stmt) == SQLITE_ROW)
        {
          sqlite3_stmt *s = c->stmt;
          const char *activities;

          switch (t)
            {
            case T_SKILL:
              g_ptr_array_add (person->skills,
                               g_strdup ((const char *) sqlite3_column_text (s, 1)));
              break;
            case T_TRAINING:
              g_array_append_val (person->training, ((Training){
                                    g_strdup ((const char *) sqlite3_column_text (s, 1)),
                                    g_strdup ((const char *) sqlite3_column_text (s, 2)),
                                    volunteers_readiness_column_day (s, 3),
                                    volunteers_readiness_column_day (s, 4) }));
              break;
            case T_INSURANCE:
              activities = (const char *) sqlite3_column_text (s, 2);
              g_array_append_val (person->insurance, ((Insurance){
                                    g_strdup ((const char *) sqlite3_column_text (s, 1)),
                                    activities != NULL && *activities != '\0'
                                      ? g_strsplit_set (activities, " ,", -1) : NULL,
                                    volunteers_readiness_column_day (s, 3) }));
              break;
            default:
              g_array_append_val (person->ppe, ((Ppe){
                                    g_strdup ((const char *) sqlite3_column_text (s, 1)),
                                    volunteers_readiness_column_day (s, 2),
                                    volunteers_readiness_column_day (s, 3) }));
              break;
            }
        }
    }
}

static GPtrArray *
volunteers_readiness_read (SteadWorkspace  *workspace,
                           sqlite3         *db,
                           gint64           one,
                           const char      *today,
                           GCancellable    *cancellable,
                           GError         **error)
{
  Rules rules = { 0 };
  Cursor cursors[N_TABLES] = { { 0 } };
  Person person = { 0 };
  GPtrArray *result = NULL;
  gboolean ok = TRUE;

  if (!volunteers_readiness_rules_load (workspace, db, today, &rules, error))
    {
      volunteers_readiness_rules_clear (&rules);
      return NULL;
    }
  for (int t = 0; t < N_TABLES && ok; t++)
    {
      cursors[t].stmt =
        volunteers_readiness_prepare (workspace, db,
                                      volunteers_readiness_sql[t][one ? SQL_ONE : SQL_ALL], error);
      ok = cursors[t].stmt != NULL;
      if (ok && one)
        stead_statement_bind (cursors[t].stmt, STEAD_ARGS (STEAD_INT (one)));
      if (ok && t != T_VOLUNTEER)
        cursors[t].row = sqlite3_step (cursors[t].stmt) == SQLITE_ROW;
    }

  if (ok)
    {
      person.skills = g_ptr_array_new_with_free_func (g_free);
      person.training = g_array_new (FALSE, TRUE, sizeof (Training));
      person.insurance = g_array_new (FALSE, TRUE, sizeof (Insurance));
      person.ppe = g_array_new (FALSE, TRUE, sizeof (Ppe));
      result = g_ptr_array_new_with_free_func ((GDestroyNotify) volunteers_readiness_free);
      while (sqlite3_step (cursors[T_VOLUNTEER].stmt) == SQLITE_ROW)
        {
          sqlite3_stmt *v = cursors[T_VOLUNTEER].stmt;

          person.id = sqlite3_column_int64 (v, 0);
          person.status = (const char *) sqlite3_column_text (v, 1);
          person.consent = volunteers_readiness_column_day (v, 2);
          person.id_checked = volunteers_readiness_column_day (v, 3);
          person.badge_issued = volunteers_readiness_column_day (v, 4);
          person.badge_returned = volunteers_readiness_column_day (v, 5);
          person.dbs = volunteers_readiness_dbs_rank ((const char *) sqlite3_column_text (v, 6));
          person.dbs_date = volunteers_readiness_column_day (v, 7);
          volunteers_readiness_gather (cursors, &person);
          g_ptr_array_add (result, volunteers_readiness_compute (&rules, &person));
          volunteers_readiness_clear_arrays (&person);
          if (result->len % 1024 == 0 &&
              g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              g_clear_pointer (&result, g_ptr_array_unref);
              break;
            }
        }
      g_ptr_array_unref (person.skills);
      g_array_unref (person.training);
      g_array_unref (person.insurance);
      g_array_unref (person.ppe);
    }
  for (int t = 0; t < N_TABLES; t++)
    g_clear_pointer (&cursors[t].stmt, sqlite3_finalize);
  volunteers_readiness_rules_clear (&rules);
  return result;
}

/**
 * volunteers_readiness_get:
 * @today: (nullable): the day to judge on, "YYYY-MM-DD"; NULL for today
 *
 * Returns: (transfer full): whether @volunteer may be deployed, for which
 *   roles, and every reason not; NULL with @error when there is no such
 *   volunteer
 */
VolunteersReadiness *
volunteers_readiness_get (SteadWorkspace  *workspace,
                          gint64           volunteer,
                          const char      *today,
                          GError         **error)
{
  g_autoptr(GPtrArray) all = NULL;

  if (volunteer > 0)
    all = volunteers_readiness_read (workspace, NULL, volunteer, today, NULL, error);
  if (volunteer > 0 && all == NULL)
    return NULL;
  if (all == NULL || all->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("That volunteer is no longer on the register"));
      return NULL;
    }
  return g_ptr_array_steal_index (all, 0);
}

/**
 * volunteers_readiness_all:
 *
 * Returns: (transfer container): every volunteer's readiness, by id
 */
GPtrArray *
volunteers_readiness_all (SteadWorkspace  *workspace,
                          const char      *today,
                          GError         **error)
{
  return volunteers_readiness_read (workspace, NULL, 0, today, NULL, error);
}

/**
 * volunteers_readiness_all_reader:
 * @db: a reader of the workspace (stead_workspace_open_reader()), used by
 *   the calling thread only
 * @cancellable: (nullable): stops it early, with %G_IO_ERROR_CANCELLED
 *
 * volunteers_readiness_all() for a worker thread.
 */
GPtrArray *
volunteers_readiness_all_reader (sqlite3       *db,
                                 const char    *today,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_return_val_if_fail (db != NULL, NULL);

  return volunteers_readiness_read (NULL, db, 0, today, cancellable, error);
}

char *
volunteers_readiness_describe (const VolunteersReadiness *readiness)
{
  g_autoptr(GString) text = NULL;

  if (readiness == NULL || readiness->reasons->len == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < readiness->reasons->len; i++)
    {
      const VolunteersReason *reason = g_ptr_array_index (readiness->reasons, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, reason->text);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ------------------------------------------------------------------------ */
/* Expiry alerts                                                            */

static char *
volunteers_readiness_due_text (const char *what,
                               int         days)
{
  if (days < 0)
    return volunteers_readiness_expired (what, -days);
  if (days == 0)
    return g_strdup_printf (_("%s expires today"), what);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s expires in %d day",
                                       "%s expires in %d days", days),
                          what, days);
}

static void
volunteers_readiness_add_alert (GPtrArray  *alerts,
                                const char *check,
                                gint64      volunteer,
                                gint64      record,
                                const char *what,
                                int         due,
                                int         today,
                                char       *text)
{
  VolunteersAlert *alert = g_new0 (VolunteersAlert, 1);

  alert->check = g_strdup (check);
  alert->volunteer = volunteer;
  alert->record = record;
  alert->what = g_strdup (what);
  alert->due = volunteers_readiness_format_day (due);
  alert->days = due - today;
  alert->text = text != NULL ? text : volunteers_readiness_due_text (what, due - today);
  g_ptr_array_add (alerts, alert);
}

static int
volunteers_readiness_alert_compare (gconstpointer a,
                                    gconstpointer b)
{
  const VolunteersAlert *x = *(VolunteersAlert * const *) a;
  const VolunteersAlert *y = *(VolunteersAlert * const *) b;
  int c = g_strcmp0 (x->due, y->due);

  if (c != 0)
    return c;
  c = g_strcmp0 (x->check, y->check);
  return c != 0 ? c : (x->record > y->record) - (x->record < y->record);
}

/**
 * volunteers_expiry_alerts:
 * @today: (nullable): "YYYY-MM-DD", NULL for today
 *
 * DBS certificates due for renewal, training and insurance expiring,
 * within the 'expiry-warning-days' setting or passed, of volunteers who
 * have not left (only the latest of each course or kind: one renewed is
 * not flagged), and tasking agreements expiring (through the "agreement"
 * record kind's facts).
 *
 * Returns: (transfer container): of VolunteersAlert, by due date
 */
GPtrArray *
volunteers_expiry_alerts (SteadWorkspace  *workspace,
                          const char      *today,
                          GError         **error)
{
  const SteadRecordKind *kind = stead_workspace_get_record_kind (workspace, "agreement");
  g_autoptr(GPtrArray) alerts =
    g_ptr_array_new_with_free_func ((GDestroyNotify) volunteers_alert_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int day = volunteers_readiness_today (today);
  gint64 warn = volunteers_setting_get (workspace, "expiry-warning-days");
  gint64 years = volunteers_setting_get (workspace, "dbs-renewal-years");
  g_autofree char *horizon = NULL;

  if (day == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a date (YYYY-MM-DD)"), today);
      return NULL;
    }
  horizon = volunteers_readiness_format_day (day + (int) MAX (warn, 0));
  years = years > 0 ? years : 3;

  /* DBS certificates: due on the anniversary. */
  stmt = stead_workspace_prepare (
    workspace,
    "SELECT fid, dbs_date FROM volunteers_volunteer WHERE status != 'left' "
    "AND dbs_level != 'none' AND dbs_date IS NOT NULL "
    "AND date (dbs_date, '+' || ?1 || ' years') <= ?2",
    error);
  if (stmt == NULL)
    return NULL;
  stead_statement_bind (stmt, STEAD_ARGS (STEAD_INT (years), STEAD_STRING (horizon)));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int due = volunteers_readiness_add_years (volunteers_readiness_column_day (stmt, 1),
                                                (int) years);
      int days = due - day;
      char *text = days < 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "DBS renewal overdue by %d day",
                                                            "DBS renewal overdue by %d days",
                                                            -days), -days)
                 : days == 0 ? g_strdup (_("DBS renewal due today"))
                 : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "DBS renewal due in %d day",
                                                 "DBS renewal due in %d days", days), days);

      volunteers_readiness_add_alert (alerts, "dbs", sqlite3_column_int64 (stmt, 0),
                                      sqlite3_column_int64 (stmt, 0), _("DBS certificate"), due,
                                      day, text);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Training: the latest of each course or skill. */
  stmt = stead_workspace_prepare (
    workspace,
    "SELECT t.id, t.volunteer, t.course, t.expires FROM volunteers_training t "
    "JOIN volunteers_volunteer v ON v.fid = t.volunteer "
    "WHERE v.status != 'left' AND t.expires IS NOT NULL AND t.expires <= ?1 "
    "AND NOT EXISTS (SELECT 1 FROM volunteers_training u WHERE u.volunteer = t.volunteer "
    "  AND coalesce (u.skill, u.course) = coalesce (t.skill, t.course) AND u.id != t.id "
    "  AND (u.expires IS NULL OR u.expires > t.expires))",
    error);
  if (stmt == NULL)
    return NULL;
  stead_statement_bind (stmt, STEAD_ARGS (STEAD_STRING (horizon)));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    volunteers_readiness_add_alert (alerts, "training", sqlite3_column_int64 (stmt, 1),
                                    sqlite3_column_int64 (stmt, 0),
                                    (const char *) sqlite3_column_text (stmt, 2),
                                    volunteers_readiness_column_day (stmt, 3), day, NULL);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Insurance: the latest of each kind. */
  stmt = stead_workspace_prepare (
    workspace,
    "SELECT i.id, i.volunteer, i.kind, i.expires FROM volunteers_insurance i "
    "JOIN volunteers_volunteer v ON v.fid = i.volunteer "
    "WHERE v.status != 'left' AND i.expires IS NOT NULL AND i.expires <= ?1 "
    "AND NOT EXISTS (SELECT 1 FROM volunteers_insurance u WHERE u.volunteer = i.volunteer "
    "  AND u.kind = i.kind AND u.id != i.id AND (u.expires IS NULL OR u.expires > i.expires))",
    error);
  if (stmt == NULL)
    return NULL;
  stead_statement_bind (stmt, STEAD_ARGS (STEAD_STRING (horizon)));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *label = stead_choice_get_label (volunteers_insurance_kinds,
                                                  (const char *) sqlite3_column_text (stmt, 2));
      g_autofree char *what =
        g_strdup_printf (_("%s insurance"), label != NULL ? g_dgettext (GETTEXT_PACKAGE, label)
                                                          : (const char *) sqlite3_column_text (
                                                              stmt, 2));

      volunteers_readiness_add_alert (alerts, "insurance", sqlite3_column_int64 (stmt, 1),
                                      sqlite3_column_int64 (stmt, 0), what,
                                      volunteers_readiness_column_day (stmt, 3), day, NULL);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Tasking agreements, through the partners' facts. */
  if (kind != NULL && kind->facts_sql != NULL &&
      (stmt = stead_record_kind_prepare_facts (kind, workspace, NULL, NULL)) != NULL)
    {
      int tasking = stead_statement_column_index (stmt, "allows_tasking");
      int status = stead_statement_column_index (stmt, "status");
      int expiry = stead_statement_column_index (stmt, "expiry");
      int title = stead_statement_column_index (stmt, "title");

      while (tasking >= 0 && expiry >= 0 && sqlite3_step (stmt) == SQLITE_ROW)
        {
          int due = volunteers_readiness_column_day (stmt, expiry);
          const char *name = title >= 0 ? (const char *) sqlite3_column_text (stmt, title) : NULL;

          if (sqlite3_column_int (stmt, tasking) == 0 || due == 0 ||
              due > day + (int) MAX (warn, 0) ||
              (status >= 0 && g_strcmp0 ((const char *) sqlite3_column_text (stmt, status),
                                         "active") != 0))
            continue;
          volunteers_readiness_add_alert (alerts, "agreement", 0, sqlite3_column_int64 (stmt, 0),
                                          name != NULL ? name : _("Tasking agreement"), due, day,
                                          NULL);
        }
    }

  g_ptr_array_sort (alerts, volunteers_readiness_alert_compare);
  return g_steal_pointer (&alerts);
}
