/* test-casework.c: needs as casework: add, assign, status, notes, undo, filters, positions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "stead.h"
#include "stead-test-util.h"

typedef struct
{
  char              *dir;
  GSettings         *settings;
  SteadPluginEngine *engine;
  SteadWorkspace    *ws;
} Fixture;

/* The demo area (Tewkesbury) with partners: real postcodes and wards. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *enabled[] = { "partners", NULL };
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("stead-casework-XXXXXX", &error);
  g_assert_no_error (error);
  f->settings = g_settings_new (APP_ID);
  g_settings_set_strv (f->settings, "enabled-plugins", enabled);
  f->engine = stead_plugin_engine_new (f->settings);
  stead_plugin_engine_load_enabled (f->engine);
  path = g_build_filename (f->dir, "ws.gpkg", NULL);
  f->ws = stead_workspace_create (path, "Casework", f->engine, &error);
  g_assert_no_error (error);
  g_assert_true (stead_demo_populate (f->ws, 40, 7, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  stead_workspace_close (f->ws);
  g_clear_object (&f->ws);
  g_clear_object (&f->engine);
  g_clear_object (&f->settings);
  stead_test_rm_rf (f->dir);
  g_free (f->dir);
}

static char *
need_text (Fixture    *f,
           gint64      fid,
           const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM need WHERE fid = %" G_GINT64_FORMAT,
                                          column, fid);

  return stead_test_text (f->ws, sql);
}

static gint64
add_need (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 fid = stead_need_add (f->ws, "food", 3, 3, "Mrs A, no food", -2.16, 51.99, &error);

  g_assert_no_error (error);
  g_assert_cmpint (fid, >, 0);
  return fid;
}

/* The demo's casework reads as casework: every need past open was taken
 * on by a partner after it was opened, a met or closed one was met after
 * that, an open one is nobody's yet; no notes (personal data) are made
 * up; and notes are registered as personal data. */
static void
test_schema (Fixture       *f,
             gconstpointer  data)
{
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need"), >, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need WHERE notes IS NOT NULL"),
                   ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need WHERE status = 'open' AND "
                                            "(assignee IS NOT NULL OR assigned IS NOT NULL)"),
                   ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need "
                                            "WHERE status IN ('assigned', 'met', 'closed')"),
                   >, 0);
  /* The partner is one of the partners' own organisations. */
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need "
                                            "WHERE status IN ('assigned', 'met', 'closed') AND "
                                            "(assignee NOT IN "
                                            "(SELECT id FROM partners_organisation) "
                                            "OR assignee IS NULL OR assigned <= opened)"),
                   ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need "
                                            "WHERE status IN ('met', 'closed') AND "
                                            "(met IS NULL OR met <= assigned)"),
                   ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need WHERE "
                                            "(status = 'met' AND closed IS NOT NULL) OR "
                                            "(status = 'closed' AND closed IS NULL)"),
                   ==, 0);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM stead_personal_data "
                                            "WHERE table_name = 'need' AND column_name = 'notes'"),
                   ==, 1);
}

/* Adding is one undo step, with the position and an open status. */
static void
test_add_undo (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 before = stead_test_count (f->ws, "SELECT count(*) FROM need");
  gint64 fid = add_need (f);
  g_autofree char *status = need_text (f, fid, "status");
  g_autofree char *lon = need_text (f, fid, "round (ST_MinX (geom), 2)");
  g_autofree char *lat = need_text (f, fid, "round (ST_MinY (geom), 2)");

  g_assert_cmpstr (status, ==, "open");
  g_assert_cmpstr (lon, ==, "-2.16");
  g_assert_cmpstr (lat, ==, "51.99");
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need"), ==, before + 1);
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need"), ==, before);
  g_assert_true (stead_workspace_redo (f->ws, &error));
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need"), ==, before + 1);

  /* Bad values change nothing and say what is wrong. */
  g_assert_cmpint (stead_need_add (f->ws, "no-such-kind", 1, 2, NULL, -2.1, 51.9, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (stead_need_add (f->ws, "food", 1, 5, NULL, -2.1, 51.9, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpint (stead_need_add (f->ws, "food", 1, 2, NULL, NAN, 51.9, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpint (stead_test_count (f->ws, "SELECT count(*) FROM need"), ==, before + 1);
}

/* open → assigned (by assigning a partner) → met → closed, each stamped
 * once, each one undo step; undo brings the times back as they were. */
static void
test_status_and_assign (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 fid = add_need (f);
  gint64 org = stead_test_count (f->ws, "SELECT min(id) FROM partners_organisation");
  g_autofree char *status = NULL, *assigned = NULL, *met = NULL, *closed = NULL;
  g_autofree char *assignee = NULL;

  g_assert_cmpint (org, >, 0);
  g_assert_true (stead_need_assign (f->ws, fid, org, &error));
  g_assert_no_error (error);
  status = need_text (f, fid, "status");
  assigned = need_text (f, fid, "assigned");
  assignee = need_text (f, fid, "assignee");
  g_assert_cmpstr (status, ==, "assigned");
  g_assert_nonnull (assigned);
  g_assert_cmpint (g_ascii_strtoll (assignee, NULL, 10), ==, org);

  /* A partner that is not there is refused, and nothing changes. */
  g_assert_false (stead_need_assign (f->ws, fid, 999999, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&assignee, g_free);
  assignee = need_text (f, fid, "assignee");
  g_assert_cmpint (g_ascii_strtoll (assignee, NULL, 10), ==, org);

  g_assert_true (stead_need_set_status (f->ws, fid, "met", &error));
  met = need_text (f, fid, "met");
  g_assert_nonnull (met);
  g_assert_true (stead_need_set_status (f->ws, fid, "closed", &error));
  closed = need_text (f, fid, "closed");
  g_assert_nonnull (closed);
  g_assert_cmpstr (closed, >=, met);
  g_assert_cmpstr (met, >=, assigned);

  /* Undo the closing: met again, no closed time; redo: closed again. */
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_clear_pointer (&status, g_free);
  status = need_text (f, fid, "status");
  g_assert_cmpstr (status, ==, "met");
  g_assert_null (need_text (f, fid, "closed"));
  g_assert_true (stead_workspace_redo (f->ws, &error));
  g_clear_pointer (&status, g_free);
  status = need_text (f, fid, "status");
  g_assert_cmpstr (status, ==, "closed");

  /* Reopening clears closed and met. */
  g_assert_true (stead_need_set_status (f->ws, fid, "open", &error));
  g_assert_null (need_text (f, fid, "closed"));
  g_assert_null (need_text (f, fid, "met"));
  /* Cancelled is closed too. */
  g_assert_true (stead_need_set_status (f->ws, fid, "cancelled", &error));
  g_clear_pointer (&closed, g_free);
  closed = need_text (f, fid, "closed");
  g_assert_nonnull (closed);
  g_assert_false (stead_need_set_status (f->ws, fid, "lost", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Notes: one undo step. */
  g_assert_true (stead_need_set_notes (f->ws, fid, "Called back Tuesday", &error));
  g_clear_pointer (&status, g_free);
  status = need_text (f, fid, "notes");
  g_assert_cmpstr (status, ==, "Called back Tuesday");
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_assert_null (need_text (f, fid, "notes"));
}

/* Removing the partner unassigns its needs in the same step. */
static void
test_partner_removed (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 fid = add_need (f);
  gint64 org = stead_test_count (f->ws, "SELECT max(id) FROM partners_organisation");
  g_autofree char *status = NULL;

  g_assert_true (stead_need_assign (f->ws, fid, org, &error));
  g_assert_true (stead_workspace_remove_record (f->ws, "organisation", org, &error));
  g_assert_no_error (error);
  g_assert_null (need_text (f, fid, "assignee"));
  status = need_text (f, fid, "status");
  g_assert_cmpstr (status, ==, "open");
  g_assert_true (stead_workspace_undo (f->ws, &error));
  g_clear_pointer (&status, g_free);
  status = need_text (f, fid, "assignee");
  g_assert_cmpint (g_ascii_strtoll (status, NULL, 10), ==, org);
}

static gboolean
is_loaded (gpointer model)
{
  return !stead_query_model_get_loading (model);
}

static guint
filtered (Fixture               *f,
          SteadQueryModel       *model,
          const SteadNeedFilter *filter)
{
  stead_needs_set_filter (model, filter);
  while (!is_loaded (model))
    g_main_context_iteration (NULL, TRUE);
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

/* Each filter against a count of its own SQL; the list holds no title. */
static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadQueryModel) model = stead_needs_new (f->ws);
  gint64 fid = add_need (f);
  gint64 org = stead_test_count (f->ws, "SELECT min(id) FROM partners_organisation");
  gint64 ward = stead_test_count (f->ws, "SELECT n.area FROM need_area n WHERE n.kind = 'ward' "
                                         "GROUP BY n.area ORDER BY count(*) DESC LIMIT 1");
  g_autoptr(SteadRecord) first = NULL;

  g_assert_true (stead_need_assign (f->ws, fid, org, &error));
  g_assert_cmpuint (filtered (f, model, NULL), ==,
                    stead_test_count (f->ws, "SELECT count(*) FROM need"));
  g_assert_cmpuint (filtered (f, model, &(SteadNeedFilter) { .status = "closed" }), ==,
                    stead_test_count (f->ws, "SELECT count(*) FROM need WHERE status = 'closed'"));
  g_assert_cmpuint (filtered (f, model, &(SteadNeedFilter) { .status = "active" }), ==,
                    stead_test_count (f->ws, "SELECT count(*) FROM need "
                                             "WHERE status IN ('open', 'assigned')"));
  g_assert_cmpuint (filtered (f, model, &(SteadNeedFilter) { .kind = "food" }), ==,
                    stead_test_count (f->ws, "SELECT count(*) FROM need WHERE kind = 'food'"));
  g_assert_cmpuint (filtered (f, model, &(SteadNeedFilter) { .urgency = 4 }), ==,
                    stead_test_count (f->ws, "SELECT count(*) FROM need WHERE urgency = 4"));
  g_assert_cmpuint (filtered (f, model, &(SteadNeedFilter) { .urgency = 1 }), ==,
                    stead_test_count (f->ws, "SELECT count(*) FROM need WHERE urgency = 1"));
  g_assert_cmpuint (filtered (f, model, &(SteadNeedFilter) { .assignee = org }), ==,
                    stead_test_count (f->ws, g_strdup_printf ("SELECT count(*) FROM need "
                                                              "WHERE assignee = %" G_GINT64_FORMAT,
                                                              org)));
  g_assert_cmpint (stead_test_count (f->ws, g_strdup_printf ("SELECT count(*) FROM need "
                                                             "WHERE assignee = %" G_GINT64_FORMAT
                                                             " AND fid = %" G_GINT64_FORMAT,
                                                             org, fid)),
                   ==, 1);
  g_assert_cmpuint (filtered (f, model, &(SteadNeedFilter) { .assignee = -1 }), ==,
                    stead_test_count (f->ws, "SELECT count(*) FROM need WHERE assignee IS NULL"));
  g_assert_cmpuint (filtered (f, model, &(SteadNeedFilter) { .opened_since = "2026-06-01" }), ==,
                    stead_test_count (f->ws, "SELECT count(*) FROM need "
                                             "WHERE opened >= '2026-06-01'"));
  /* The oracle is the need_area view (a join of its own), not the list's R-tree query. */
  g_assert_cmpint (ward, >, 0);
  g_assert_cmpuint (filtered (f, model, &(SteadNeedFilter) { .area = ward }), ==,
                    stead_test_count (f->ws, g_strdup_printf ("SELECT count(*) FROM need_area "
                                                              "WHERE area = %" G_GINT64_FORMAT,
                                                              ward)));
  g_assert_cmpuint (filtered (f, model, &(SteadNeedFilter) { .status = "closed", .urgency = 4,
                                                             .kind = "food" }),
                    ==,
                    stead_test_count (f->ws, "SELECT count(*) FROM need WHERE status = 'closed' "
                                             "AND urgency = 4 AND kind = 'food'"));

  filtered (f, model, &(SteadNeedFilter) { .assignee = org });
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpint (stead_record_get_id (first), ==, fid);
  g_assert_true (stead_record_is_null (first, "title"));
  g_assert_true (stead_record_is_null (first, "notes"));
}

/* A postcode of the directory, a grid reference, coordinates; a bad value
 * says what a position can be. The oracles: the postcode's own row, and
 * the centre of the square SO 89 32 (E 389500, N 232500) as PROJ's cs2cs
 * gives it: 51.99085 N, 2.15432 W. */
static void
test_position (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *postcode = stead_test_text (f->ws, "SELECT postcode FROM stead_postcode "
                                                      "ORDER BY postcode LIMIT 1");
  g_autofree char *sql = NULL;
  double lon = 0, lat = 0;
  gint64 expected_lon;

  g_assert_true (stead_workspace_resolve_position (f->ws, "51.99, -2.16", &lon, &lat, &text,
                                                   &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (lat, 51.99, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, -2.16, 1e-9);
  g_clear_pointer (&text, g_free);

  g_assert_true (stead_workspace_resolve_position (f->ws, "SO 89 32", &lon, &lat, &text, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (stead_test_metres_between (lon, lat, -2.15432, 51.99085), <, 5);
  g_assert_nonnull (strstr (text, "SO"));
  g_clear_pointer (&text, g_free);

  g_assert_nonnull (postcode);
  g_assert_true (stead_workspace_resolve_position (f->ws, postcode, &lon, &lat, &text, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT CAST (round (lon * 100000) AS INTEGER) FROM stead_postcode "
                         "WHERE postcode = '%s'", postcode);
  expected_lon = stead_test_count (f->ws, sql);
  g_assert_cmpint ((gint64) round (lon * 100000), ==, expected_lon);
  g_clear_pointer (&text, g_free);

  g_assert_false (stead_workspace_resolve_position (f->ws, "somewhere nice", &lon, &lat, &text,
                                                    &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "somewhere nice"));
  g_clear_error (&error);
  g_assert_false (stead_workspace_resolve_position (f->ws, "ZE9 9ZZ", &lon, &lat, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "ZE99ZZ"));
  g_clear_error (&error);
  g_assert_false (stead_workspace_resolve_position (f->ws, "  ", &lon, &lat, NULL, &error));
  g_assert_nonnull (error);
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint signals;
} Changed;

static void
on_loaded (SteadQueryModel *model,
           gboolean        *loaded)
{
  *loaded = TRUE;
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changed    *changed)
{
  changed->position = position;
  changed->removed = removed;
  changed->added = added;
  changed->signals++;
}

/* The model makes a record only when asked, yet a change to a row no one
 * asked for is still reported where it is, and its record, when made,
 * reads what the file holds. */
static void
test_rows_on_demand (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadQueryModel) model = stead_needs_new (f->ws);
  g_autoptr(SteadRecord) last = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *kind = NULL;
  Changed changed = { 0 };
  gboolean loaded = FALSE;
  guint n;
  gint64 fid;

  n = filtered (f, model, NULL);
  g_assert_cmpuint (n, >, 10);
  /* The oldest need is last (newest first): never asked for yet. */
  fid = stead_test_count (f->ws, "SELECT fid FROM need ORDER BY opened, fid LIMIT 1");
  g_assert_cmpint (stead_query_model_get_position (model, fid), ==, n - 1);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changed);
  g_signal_connect (model, "loaded", G_CALLBACK (on_loaded), &loaded);
  g_assert_true (stead_need_set_status (f->ws, fid, "cancelled", &error));
  g_assert_no_error (error);
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (changed.signals, ==, 1);
  g_assert_cmpuint (changed.position, ==, n - 1);
  g_assert_cmpuint (changed.removed, ==, 1);
  g_assert_cmpuint (changed.added, ==, 1);
  last = g_list_model_get_item (G_LIST_MODEL (model), n - 1);
  g_assert_cmpint (stead_record_get_id (last), ==, fid);
  g_assert_cmpstr (stead_record_get_string (last, "status"), ==, "cancelled");
  sql = g_strdup_printf ("SELECT kind FROM need WHERE fid = %" G_GINT64_FORMAT, fid);
  kind = stead_test_text (f->ws, sql);
  g_assert_cmpstr (stead_record_get_string (last, "kind"), ==, kind);
  g_assert_true (stead_query_model_lookup (model, fid) == last);
}

typedef struct
{
  guint n;
  guint signals;
  gboolean consistent;
} Running;

/* At each signal the model holds what the signals so far say. */
static void
on_items_changed_running (GListModel *model,
                          guint       position,
                          guint       removed,
                          guint       added,
                          Running    *running)
{
  running->n = running->n - removed + added;
  running->signals++;
  if (g_list_model_get_n_items (model) != running->n || position > running->n)
    running->consistent = FALSE;
}

/* A large change (tens of thousands of rows come) is reported as what
 * went, then what came, the model consistent at each; the rows are the
 * query's, in its order. */
static void
test_large_change (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadQueryModel) model = stead_needs_new (f->ws);
  Running running = { 0, 0, TRUE };
  gint64 total;
  guint n;

  g_assert_cmpint (stead_workspace_edit (
                     f->ws, "core", "Add many needs",
                     "WITH RECURSIVE c (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                     "  WHERE x < 50000) "
                     "INSERT INTO need (kind, urgency, status, opened) "
                     "SELECT 'food', 1 + x % 4, CASE WHEN x % 2 = 1 THEN 'closed' ELSE 'open' END, "
                     "  printf ('2027-01-01T00:00:%05d', x) FROM c",
                     NULL, 0, &error),
                   ==, 50000);
  g_assert_no_error (error);
  total = stead_test_count (f->ws, "SELECT count(*) FROM need");
  n = filtered (f, model, &(SteadNeedFilter) { .status = "closed" });
  g_assert_cmpuint (n, ==, stead_test_count (f->ws, "SELECT count(*) FROM need "
                                                    "WHERE status = 'closed'"));
  running.n = n;
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_running), &running);
  g_assert_cmpuint (filtered (f, model, NULL), ==, total);
  g_assert_true (running.consistent);
  g_assert_cmpuint (running.n, ==, total);
  g_assert_cmpuint (running.signals, ==, 2);
  /* Newest first: the last added is first, the first added after it. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SteadRecord) record = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autofree char *sql = g_strdup_printf ("SELECT fid FROM need ORDER BY opened DESC, "
                                              "fid DESC LIMIT 1 OFFSET %u", i);

      g_assert_cmpint (stead_record_get_id (record), ==, stead_test_count (f->ws, sql));
    }
}

/* A resource's availability: one undo step; a value it cannot be is
 * refused. */
static void
test_resource_availability (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 fid = stead_test_count (f->ws, "SELECT min(fid) FROM resource");
  g_autofree char *before = NULL, *after = NULL, *undone = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT availability FROM resource WHERE fid = %"
                                          G_GINT64_FORMAT, fid);

  g_assert_cmpint (fid, >, 0);
  before = stead_test_text (f->ws, sql);
  g_assert_true (stead_resource_set_availability (
    f->ws, fid, g_strcmp0 (before, "committed") == 0 ? "limited" : "committed", &error));
  g_assert_no_error (error);
  after = stead_test_text (f->ws, sql);
  g_assert_cmpstr (after, !=, before);
  g_assert_false (stead_resource_set_availability (f->ws, fid, "maybe", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (stead_workspace_undo (f->ws, &error));
  undone = stead_test_text (f->ws, sql);
  g_assert_cmpstr (undone, ==, before);
}

/* A time as stored (UTC) reads as the local date and time to the minute,
 * on both sides of a clock change; other text is left as it is. */
static void
test_times_shown (void)
{
  static const struct
  {
    const char *stored;
    const char *shown;
  } cases[] = {
    { "2026-07-09T19:14:05.000Z", "2026-07-09 20:14" },   /* BST: UTC+1 */
    { "2026-01-09T19:14:05.000Z", "2026-01-09 19:14" },   /* GMT */
    { "2026-03-29T00:59:59Z", "2026-03-29 00:59" },       /* the minute before the change */
    { "2026-03-29T01:00:00Z", "2026-03-29 02:00" },
    { "2026-07-09", "2026-07-09" },                       /* a date stays a date */
    { "Called back 2026-07-09T19:14:05Z", "Called back 2026-07-09T19:14:05Z" },
  };
  const SteadField field = { "opened", NULL, NULL, .label = "Opened" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *shown = NULL;

      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, cases[i].stored);
      shown = stead_field_format (&field, NULL, &value);
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

/* Who published a resource reads as the plugin's name, not its module;
 * a module that is not there reads as it is written. */
static void
test_publisher_shown (Fixture       *f,
                      gconstpointer  data)
{
  const SteadField field = { "owner", NULL, NULL, .label = "Published by",
                             .flags = STEAD_FIELD_PLUGIN };
  static const char *const cases[][2] = {
    { "partners", "Partners" },   /* Name= in partners.plugin */
    { "risks", "Risks" },
    { "no-such-plugin", "no-such-plugin" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *shown = NULL;

      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, cases[i][0]);
      shown = stead_field_format (&field, f->ws, &value);
      g_assert_cmpstr (shown, ==, cases[i][1]);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* The officers' clock, for the times shown. */
  g_setenv ("TZ", "Europe/London", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/casework/times-shown", test_times_shown);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/casework/schema", test_schema);
  ADD ("/casework/add-undo", test_add_undo);
  ADD ("/casework/status-and-assign", test_status_and_assign);
  ADD ("/casework/partner-removed", test_partner_removed);
  ADD ("/casework/filters", test_filters);
  ADD ("/casework/position", test_position);
  ADD ("/casework/rows-on-demand", test_rows_on_demand);
  ADD ("/casework/resource-availability", test_resource_availability);
  ADD ("/casework/large-change", test_large_change);
  ADD ("/casework/publisher-shown", test_publisher_shown);
#undef ADD
  return g_test_run ();
}
