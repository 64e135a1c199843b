/* test-evaluation-needs.c: need over time in the report, in PDF and HTML,
 * against counts of the test's own over the need table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stead.h"
#include "stead-test-util.h"

typedef struct
{
  SteadTestPlugins plugins;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *enabled[] = { "partners", "evaluation", NULL };

  stead_test_plugins_setup (&f->plugins, enabled, g_strcmp0 (data, "demo") == 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  stead_test_plugins_teardown (&f->plugins);
}

/* The oracle: the needs opened per UK week of the report's twelve months,
 * read with its own SQL and GDateTime, not with the kit's trends. */
typedef struct
{
  GTimeZone  *london;
  GDateTime  *from;       /* the first month's first day, UK midnight */
  GDateTime  *to;         /* after the twelfth */
  GDateTime  *settled;    /* weeks ending after it are not an incident */
  GHashTable *weeks;      /* "YYYY-MM-DD" of a Monday → count (all needs, any date) */
  guint       total;      /* opened in [from, to) */
} Oracle;

static void
oracle_clear (Oracle *o)
{
  g_clear_pointer (&o->from, g_date_time_unref);
  g_clear_pointer (&o->to, g_date_time_unref);
  g_clear_pointer (&o->settled, g_date_time_unref);
  g_clear_pointer (&o->weeks, g_hash_table_unref);
  g_clear_pointer (&o->london, g_time_zone_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Oracle, oracle_clear)

static char *
monday_of (GDateTime *local)
{
  g_autoptr(GDateTime) monday = g_date_time_add_days (local,
                                                      1 - g_date_time_get_day_of_week (local));

  return g_date_time_format (monday, "%Y-%m-%d");
}

static void
oracle_init (Oracle         *o,
             SteadWorkspace *ws)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 last_day = stead_workspace_query_int64 (
    ws,
    "SELECT CAST (max (max (julianday (opened), coalesce (julianday (closed), 0))) - 2440587.5 "
    "AS INTEGER) FROM need WHERE julianday (opened) IS NOT NULL",
    NULL, 0);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) after_utc = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) end = NULL;
  int y, m, d, ly, lm, ld;

  /* The end: the start of today (UK), or of the day after the last need's
   * UTC day if that is earlier. */
  o->london = g_time_zone_new_identifier ("Europe/London");
  g_assert_nonnull (o->london);
  now = g_date_time_new_now (o->london);
  g_date_time_get_ymd (now, &y, &m, &d);
  after_utc = g_date_time_new_from_unix_utc ((last_day + 1) * 86400);
  after = g_date_time_to_timezone (after_utc, o->london);
  g_date_time_get_ymd (after, &ly, &lm, &ld);
  if (ly * 10000 + lm * 100 + ld < y * 10000 + m * 100 + d)
    {
      y = ly;
      m = lm;
      d = ld;
    }
  end = g_date_time_new (o->london, y, m, d, 0, 0, 0);
  o->to = g_date_time_new (o->london, y, m, 1, 0, 0, 0);
  o->from = g_date_time_add_months (o->to, -12);
  o->settled = g_date_time_add_days (end, -28);
  o->weeks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  stmt = stead_workspace_prepare (ws, "SELECT opened FROM need", NULL);
  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) opened = g_date_time_new_from_iso8601 (
        (const char *) sqlite3_column_text (stmt, 0), utc);
      g_autoptr(GDateTime) local = NULL;
      char *week;

      g_assert_nonnull (opened);
      local = g_date_time_to_timezone (opened, o->london);
      week = monday_of (local);
      g_hash_table_insert (o->weeks, week,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (o->weeks,
                                                                                    week)) + 1));
      if (g_date_time_compare (local, o->from) >= 0 && g_date_time_compare (local, o->to) < 0)
        o->total++;
    }
}

static guint
oracle_week (Oracle    *o,
             GDateTime *monday)
{
  g_autofree char *key = g_date_time_format (monday, "%Y-%m-%d");

  return GPOINTER_TO_UINT (g_hash_table_lookup (o->weeks, key));
}

/* The busiest whole week of the months, settled: (transfer full). */
static GDateTime *
oracle_peak (Oracle *o,
             guint  *count)
{
  g_autoptr(GDateTime) monday = NULL;
  GDateTime *peak = NULL;
  int dow = g_date_time_get_day_of_week (o->from);

  monday = g_date_time_add_days (o->from, dow == 1 ? 0 : 8 - dow);
  *count = 0;
  for (;;)
    {
      g_autoptr(GDateTime) end = g_date_time_add_weeks (monday, 1);
      GDateTime *next;
      guint n;

      if (g_date_time_compare (end, o->to) > 0 || g_date_time_compare (end, o->settled) > 0)
        break;
      n = oracle_week (o, monday);
      if (n > *count)
        {
          g_clear_pointer (&peak, g_date_time_unref);
          peak = g_date_time_ref (monday);
          *count = n;
        }
      next = g_steal_pointer (&end);
      g_date_time_unref (monday);
      monday = next;
    }
  return peak;
}

static char *
report_text (Fixture    *f,
             const char *name)
{
  g_autofree char *path = g_build_filename (f->plugins.dir, name, NULL);
  SteadTestCli cli = stead_test_run_cli ("report", stead_workspace_get_path (f->plugins.ws),
                                         "--output", path, NULL);
  GString *all = g_string_new (NULL);
  char *contents = NULL;

  g_assert_cmpint (cli.status, ==, 0);
  stead_test_cli_clear (&cli);
  if (g_str_has_suffix (name, ".html"))
    {
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_string_append (all, contents);
      g_free (contents);
    }
  else
    {
      guint pages = stead_test_pdf_pages (path);

      for (guint p = 1; p <= pages; p++)
        {
          g_autofree char *text = stead_test_pdf_text (path, p);

          g_string_append (all, text);
        }
    }
  /* One line, one space: the PDF wraps where it likes. */
  for (char *c = all->str; *c != '\0'; c++)
    if (*c == '\n')
      *c = ' ';
  return g_string_free (all, FALSE);
}

static void
assert_has (const char *text,
            const char *expected)
{
  if (strstr (text, expected) == NULL)
    g_error ("“%s” is not in the report", expected);
}

static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Oracle) oracle = { NULL };
  g_autoptr(GDateTime) peak = NULL;
  g_autoptr(GDateTime) peak_end = NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *html = NULL;
  g_autofree char *week = NULL;
  g_autofree char *week_before = NULL;
  g_autofree char *all_needs = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *first = NULL;
  g_autofree char *peak_first = NULL;
  g_autofree char *peak_last = NULL;
  guint count;

  if (!stead_test_have_poppler ())
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  oracle_init (&oracle, f->plugins.ws);
  peak = oracle_peak (&oracle, &count);
  g_assert_nonnull (peak);
  /* The demo's flood: the week from Monday 20 July 2026. */
  week = g_date_time_format (peak, "%Y-%m-%d");
  g_assert_cmpstr (week, ==, "2026-07-20");
  g_assert_cmpuint (count, >, 0);

  pdf = report_text (f, "report.pdf");
  html = report_text (f, "report.html");
  for (guint i = 0; i < 2; i++)
    {
      const char *text = i == 0 ? pdf : html;

      assert_has (text, "Need over time");
      assert_has (text, "Volume");
      assert_has (text, "Needs opened and closed");
      assert_has (text, "Time to resolution");
      assert_has (text, "Kinds of need");
      assert_has (text, "When needs are opened");
      assert_has (text, "Where");
      assert_has (text, "The busiest week against the same week a year before");
      assert_has (text, "The differences");
    }

  /* The peak week, and the week 52 weeks before. */
  peak_end = g_date_time_add_days (peak, 6);
  g_clear_pointer (&week, g_free);
  peak_first = g_date_time_format (peak, "%-d %b %Y");
  peak_last = g_date_time_format (peak_end, "%-d %b %Y");
  week = g_strdup_printf ("%s – %s", peak_first, peak_last);
  assert_has (pdf, week);
  before = g_date_time_add_weeks (peak, -52);
  week_before = g_date_time_format (before, "%-d %b %Y");
  assert_has (pdf, week_before);

  /* A named difference: all needs in the incident week, as counted here. */
  all_needs = g_strdup_printf ("All needs: %u in the incident week against", count);
  assert_has (pdf, all_needs);
  assert_has (html, all_needs);
  g_clear_pointer (&all_needs, g_free);
  all_needs = g_strdup_printf ("had %u needs; the same week a year before, %s", count,
                               week_before);
  assert_has (pdf, all_needs);

  /* The twelve months, and what they held. */
  first = g_date_time_format (oracle.from, "%-d %b %Y");
  assert_has (pdf, first);
  summary = g_strdup_printf (": %u needs opened,", oracle.total);
  assert_has (pdf, summary);
}

static void
test_report_empty (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *pdf = NULL;

  if (!stead_test_have_poppler ())
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  pdf = report_text (f, "empty.pdf");
  assert_has (pdf, "Need over time");
  assert_has (pdf, "No need was opened from");
  g_assert_null (strstr (pdf, "The busiest week against"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/evaluation/needs/report", Fixture, "demo", fixture_setup, test_report,
              fixture_teardown);
  g_test_add ("/evaluation/needs/report-empty", Fixture, NULL, fixture_setup, test_report_empty,
              fixture_teardown);
  return g_test_run ();
}
