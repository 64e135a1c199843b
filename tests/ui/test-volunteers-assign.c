/* test-volunteers-assign.c: matching from the Volunteers page as a
 * resilience officer uses it — choosing a request shows the volunteers
 * `stead-cli match --request ID --json` finds eligible, in its order, and
 * as many excluded by each rule; one is tasked through a tasking partner
 * and undone; Assign All previews what `stead-cli match --json` finds and
 * Apply makes exactly those tasks as one undo step; Cancel changes
 * nothing; and with no partner allowed to task, both refuse (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "stead-test-util.h"

static SteadApplication *app;
static char *tmp_dir;

#define count stead_test_count

/* The rules in the order the matching checks them (SteadMatchRule). */
static const char * const rule_codes[] = {
  "eligible", "distance", "skill", "dbs", "regulated", "training", "insurance", "availability",
  "capacity",
};

#define TASKING_PARTNERS                                                            \
  "SELECT p.organisation FROM partners_agreement_party p "                          \
  "JOIN partners_agreement a ON a.id = p.agreement WHERE a.allows_tasking = 1 "     \
  "AND a.status = 'active' AND (a.expiry IS NULL OR a.expiry >= date ('now', 'localtime'))"

static SteadWindow *
open_window (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

  return stead_test_open_window (app, path, "Volunteershire", 50);
}

/* The page, showing requests and offers. */
static GtkWidget *
show_queues (SteadWindow *window)
{
  GtkWidget *page = stead_window_get_page (window, "volunteers.register");
  GtkWidget *queues;

  g_assert_nonnull (page);
  stead_window_show_page (window, "volunteers.register");
  stead_test_iterate_until (stead_test_is_mapped, stead_test_find_by_name (page, "records"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (stead_test_find_by_name (page,
                                                                            "view-queues")),
                                TRUE);
  queues = stead_test_find_by_name (page, "queues");
  stead_test_iterate_until (stead_test_is_mapped, queues);
  return page;
}

static JsonNode *
run_json (const char *first,
          ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  SteadTestCli cli;
  JsonNode *node;
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  while (args->len < 6)
    g_ptr_array_add (args, NULL);
  cli = stead_test_run_cli (g_ptr_array_index (args, 0), g_ptr_array_index (args, 1),
                            g_ptr_array_index (args, 2), g_ptr_array_index (args, 3),
                            g_ptr_array_index (args, 4), g_ptr_array_index (args, 5), NULL);
  if (cli.status != 0)
    {
      stead_test_cli_clear (&cli);
      return NULL;
    }
  node = json_from_string (cli.out, &error);
  g_assert_no_error (error);
  stead_test_cli_clear (&cli);
  return node;
}

/* The open request with the most eligible volunteers (more than one
 * screenful when there is one), by stead-cli. */
static JsonNode *
pick_request (SteadWorkspace *ws,
              const char     *path,
              gint64         *request)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonNode *best = NULL;
  guint most = 0;

  {
    sqlite3_stmt *stmt = stead_workspace_prepare (ws, "SELECT fid FROM volunteers_request "
                                                      "WHERE status = 'open' AND geom IS NOT NULL "
                                                      "ORDER BY fid LIMIT 15", NULL);

    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        gint64 fid = sqlite3_column_int64 (stmt, 0);

        g_array_append_val (ids, fid);
      }
    sqlite3_finalize (stmt);
  }
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             g_array_index (ids, gint64, i));
      JsonNode *node = run_json ("match", path, "--request", id, "--json", NULL);
      guint n;

      if (node == NULL)
        continue;
      n = json_array_get_length (json_object_get_array_member (json_node_get_object (node),
                                                               "eligible"));
      if (best == NULL || n > most)
        {
          g_clear_pointer (&best, json_node_unref);
          best = node;
          most = n;
          *request = g_array_index (ids, gint64, i);
        }
      else
        json_node_unref (node);
    }
  g_assert_nonnull (best);
  g_assert_cmpuint (most, >, 0);
  return best;
}

static gboolean
suggestions_shown (gpointer queues)
{
  GtkWidget *spinner = stead_test_find_by_name (queues, "suggest-progress");
  GtkWidget *row = stead_test_find_by_name (queues, "tasking-partner");

  return !gtk_spinner_get_spinning (GTK_SPINNER (spinner)) && row != NULL;
}

/* The suggestions' rows under list @name, in order. */
static GPtrArray *
list_rows (GtkWidget  *queues,
           const char *name)
{
  GtkWidget *list = stead_test_find_by_name (queues, name);
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_ACTION_ROW (child))
      g_ptr_array_add (rows, child);
  return rows;
}

/* Choosing a request shows stead-cli's eligible volunteers in its order
 * (the first 20, the rest counted), by number, each with its reason, and
 * as many excluded per rule as it finds; names once personal data may be
 * shown; Task makes one task through a tasking partner, undone in one. */
static void
test_suggestions (void)
{
  GSettings *settings = stead_application_get_settings (app);
  SteadWindow *window = open_window ("suggest.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  g_autofree char *path = g_build_filename (tmp_dir, "suggest.gpkg", NULL);
  GtkWidget *page = show_queues (window);
  GtkWidget *queues = stead_test_find_by_name (page, "queues");
  gint64 request = 0;
  g_autoptr(JsonNode) oracle = pick_request (ws, path, &request);
  JsonObject *object = json_node_get_object (oracle);
  JsonArray *eligible = json_object_get_array_member (object, "eligible");
  JsonArray *excluded = json_object_get_array_member (object, "excluded");
  guint want[G_N_ELEMENTS (rule_codes)] = { 0, };
  guint n_eligible = json_array_get_length (eligible);
  g_autoptr(GPtrArray) rows = NULL;
  gint64 tasks, first;
  g_autofree char *task_sql = NULL;

  want[1] = (guint) json_object_get_int_member (object, "beyond_reach");
  for (guint i = 0; i < json_array_get_length (excluded); i++)
    {
      const char *rule = json_object_get_string_member (json_array_get_object_element (excluded,
                                                                                      i),
                                                        "rule");

      for (guint r = 0; r < G_N_ELEMENTS (rule_codes); r++)
        want[r] += g_str_equal (rule, rule_codes[r]);
    }

  g_assert_false (g_settings_get_boolean (settings, "show-personal-data"));
  g_assert_true (gtk_widget_activate_action (queues, "queues.suggest", "x", request));
  stead_test_iterate_until (suggestions_shown, queues);

  rows = list_rows (queues, "suggested");
  g_assert_cmpuint (rows->len, ==, MIN (n_eligible, 20) + (n_eligible > 20));
  for (guint i = 0; i < MIN (n_eligible, 20); i++)
    {
      JsonObject *one = json_array_get_object_element (eligible, i);
      gint64 fid = json_object_get_int_member (one, "volunteer");
      g_autofree char *name = g_strdup_printf ("volunteer-%" G_GINT64_FORMAT, fid);
      g_autofree char *title = g_strdup_printf ("Volunteer %" G_GINT64_FORMAT, fid);
      GtkWidget *row = g_ptr_array_index (rows, i);

      g_assert_cmpstr (gtk_widget_get_name (row), ==, name);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, title);
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                       json_object_get_string_member (one, "reason"));
    }
  if (n_eligible > 20)
    {
      g_autofree char *more = g_strdup_printf ("And %u more, further away", n_eligible - 20);

      g_assert_cmpstr (adw_preferences_row_get_title (
                         ADW_PREFERENCES_ROW (g_ptr_array_index (rows, 20))), ==, more);
    }

  /* As many excluded by each rule, and no row for a rule none fails. */
  for (guint r = 1; r < G_N_ELEMENTS (rule_codes); r++)
    {
      g_autofree char *name = g_strdup_printf ("excluded-%u", r);
      GtkWidget *row = stead_test_find_by_name (stead_test_find_by_name (queues, "excluded"),
                                                name);
      guint shown = 0;

      if (want[r] == 0)
        {
          g_assert_null (row);
          continue;
        }
      g_assert_nonnull (row);
      g_assert_cmpint (sscanf (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "%u",
                               &shown), ==, 1);
      g_assert_cmpuint (shown, ==, want[r]);
    }
  g_assert_true (gtk_widget_get_visible (stead_test_find_by_name (queues, "excluded")) ==
                 (json_array_get_length (excluded) + want[1] > 0));

  /* Names only while personal data may be shown. */
  first = json_object_get_int_member (json_array_get_object_element (eligible, 0), "volunteer");
  g_settings_set_boolean (settings, "show-personal-data", TRUE);
  stead_test_iterate (50);
  stead_test_iterate_until (suggestions_shown, queues);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT name FROM volunteers_volunteer WHERE fid = %"
                                            G_GINT64_FORMAT, first);
    g_autofree char *name = stead_test_text (ws, sql);
    g_autoptr(GPtrArray) named = list_rows (queues, "suggested");

    g_assert_cmpstr (adw_preferences_row_get_title (
                       ADW_PREFERENCES_ROW (g_ptr_array_index (named, 0))), ==, name);
  }
  g_settings_set_boolean (settings, "show-personal-data", FALSE);
  stead_test_iterate (50);
  stead_test_iterate_until (suggestions_shown, queues);

  /* Task the first: one task, through a partner that may task, undone. */
  task_sql = g_strdup_printf ("SELECT count(*) FROM volunteers_task t "
                              "JOIN volunteers_task_volunteer v ON v.task = t.id "
                              "WHERE t.request = %" G_GINT64_FORMAT " AND v.volunteer = %"
                              G_GINT64_FORMAT " AND t.organisation IN (" TASKING_PARTNERS ")",
                              request, first);
  tasks = count (ws, "SELECT count(*) FROM volunteers_task");
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = list_rows (queues, "suggested");
  {
    GtkWidget *task = stead_test_find_by_name (g_ptr_array_index (rows, 0), "task");

    g_assert_true (gtk_widget_get_sensitive (task));
    g_signal_emit_by_name (task, "clicked");
  }
  stead_test_iterate (100);
  g_assert_cmpint (count (ws, task_sql), ==, 1);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM volunteers_task"), ==, tasks + 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  stead_test_iterate (100);
  g_assert_cmpint (count (ws, task_sql), ==, 0);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM volunteers_task"), ==, tasks);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The visible message dialog headed @heading, or NULL. */
static AdwMessageDialog *
open_dialog (const char *heading)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      return l->data;
  return NULL;
}

static gboolean
dialog_is_open (gpointer heading)
{
  return open_dialog (heading) != NULL;
}

static gboolean
dialog_is_closed (gpointer heading)
{
  return open_dialog (heading) == NULL;
}

static AdwMessageDialog *
find_dialog (const char *heading)
{
  stead_test_iterate_until (dialog_is_open, (gpointer) heading);
  return open_dialog (heading);
}

static gboolean
preview_ready (gpointer dialog)
{
  return !gtk_spinner_get_spinning (GTK_SPINNER (stead_test_find_by_name (dialog,
                                                                         "assign-progress")));
}

/* Every task and its volunteer, "request:volunteer:organisation", sorted. */
static char *
tasks_made (SteadWorkspace *ws)
{
  return stead_test_text (ws, "SELECT group_concat (x, ' ') FROM (SELECT t.request || ':' || "
                              "v.volunteer || ':' || t.organisation AS x FROM volunteers_task t "
                              "JOIN volunteers_task_volunteer v ON v.task = t.id "
                              "ORDER BY t.request, v.volunteer)");
}

/* Assign All shows what stead-cli match finds before changing anything;
 * Apply makes exactly its tasks through the partner chosen, one undo step. */
static void
test_assign_all (void)
{
  SteadWindow *window = open_window ("assign.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  g_autofree char *path = g_build_filename (tmp_dir, "assign.gpkg", NULL);
  GtkWidget *page = show_queues (window);
  g_autoptr(JsonNode) oracle = run_json ("match", path, "--json", NULL);
  JsonObject *object = json_node_get_object (oracle);
  JsonArray *assignments = json_object_get_array_member (object, "assignments");
  guint n = (guint) json_object_get_int_member (object, "requests");
  guint assigned = (guint) json_object_get_int_member (object, "assigned");
  g_autofree char *before = tasks_made (ws);
  g_autofree char *want_assigned = g_strdup_printf ("Assigned %u of %u open requests",
                                                    assigned, n);
  g_autofree char *want_unmet = g_strdup_printf ("%u unmet", n - assigned);
  g_autofree char *want_distance = g_strdup_printf ("%.1f km", json_object_get_double_member (
                                                                 object, "distance_km"));
  gint64 tasks = count (ws, "SELECT count(*) FROM volunteers_task");
  gint64 partner;
  AdwMessageDialog *dialog;
  GtkWidget *partner_row;

  g_assert_cmpuint (assigned, >, 0);
  g_assert_cmpuint (assigned, <, n);   /* the demo leaves some unmet: the case is shown */
  g_assert_true (gtk_widget_activate_action (page, "volunteers.assign-all", NULL));
  dialog = find_dialog ("Assign All Open Requests");
  stead_test_iterate_until (preview_ready, dialog);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     stead_test_find_by_name (GTK_WIDGET (dialog), "assigned"))), ==,
                   want_assigned);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     stead_test_find_by_name (GTK_WIDGET (dialog), "unmet"))), ==, want_unmet);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (
                     stead_test_find_by_name (GTK_WIDGET (dialog), "distance"))), ==,
                   want_distance);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (
                              stead_test_find_by_name (GTK_WIDGET (dialog), "unmet"))), ": "));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
  /* Nothing changed yet. */
  g_assert_cmpint (count (ws, "SELECT count(*) FROM volunteers_task"), ==, tasks);

  /* The second tasking partner, when there is one: the choice is used. */
  partner_row = stead_test_find_by_name (GTK_WIDGET (dialog), "tasking-partner");
  if (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (partner_row))) > 1)
    adw_combo_row_set_selected (ADW_COMBO_ROW (partner_row), 1);
  partner = stead_workspace_query_int64 (
    ws, "SELECT id FROM partners_organisation WHERE name = ?1",
    STEAD_ARGS (STEAD_STRING (gtk_string_object_get_string (GTK_STRING_OBJECT (
      adw_combo_row_get_selected_item (ADW_COMBO_ROW (partner_row)))))));
  g_assert_cmpint (partner, >, 0);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM (" TASKING_PARTNERS ") "
                                            "WHERE organisation = %" G_GINT64_FORMAT, partner);

    g_assert_cmpint (count (ws, sql), >, 0);
  }
  adw_message_dialog_response (dialog, "apply");
  gtk_window_close (GTK_WINDOW (dialog));
  stead_test_iterate_until (dialog_is_closed, (gpointer) "Assign All Open Requests");
  stead_test_iterate (100);

  /* Exactly the oracle's pairs, each a task through the partner. */
  g_assert_cmpint (count (ws, "SELECT count(*) FROM volunteers_task"), ==, tasks + assigned);
  for (guint i = 0; i < json_array_get_length (assignments); i++)
    {
      JsonObject *one = json_array_get_object_element (assignments, i);
      gint64 request = json_object_get_int_member (one, "request");
      g_autofree char *sql = NULL;

      if (json_object_get_null_member (one, "volunteer"))
        sql = g_strdup_printf ("SELECT count(*) FROM volunteers_task WHERE request = %"
                               G_GINT64_FORMAT, request);
      else
        sql = g_strdup_printf ("SELECT count(*) FROM volunteers_task t JOIN "
                               "volunteers_task_volunteer v ON v.task = t.id WHERE t.request = %"
                               G_GINT64_FORMAT " AND v.volunteer = %" G_GINT64_FORMAT
                               " AND t.organisation = %" G_GINT64_FORMAT
                               " AND t.status = 'offered'",
                               request, json_object_get_int_member (one, "volunteer"), partner);
      g_assert_cmpint (count (ws, sql), ==, json_object_get_null_member (one, "volunteer") ? 0
                                                                                         : 1);
    }

  /* One undo step takes them all away. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  stead_test_iterate (100);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM volunteers_task"), ==, tasks);
  {
    g_autofree char *after = tasks_made (ws);

    g_assert_cmpstr (after, ==, before);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Cancel while it works, or once shown: nothing changes. */
static void
test_assign_cancel (void)
{
  SteadWindow *window = open_window ("cancel.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_queues (window);
  g_autofree char *before = tasks_made (ws);
  g_autofree char *open = stead_test_text (ws, "SELECT group_concat (fid) FROM "
                                               "volunteers_request WHERE status = 'open'");

  for (guint round = 0; round < 2; round++)
    {
      AdwMessageDialog *dialog;

      g_assert_true (gtk_widget_activate_action (page, "volunteers.assign-all", NULL));
      dialog = find_dialog ("Assign All Open Requests");
      if (round == 1)
        stead_test_iterate_until (preview_ready, dialog);
      adw_message_dialog_response (dialog, "cancel");
      gtk_window_close (GTK_WINDOW (dialog));
      stead_test_iterate_until (dialog_is_closed, (gpointer) "Assign All Open Requests");
      stead_test_iterate (500);
      {
        g_autofree char *after = tasks_made (ws);
        g_autofree char *still = stead_test_text (ws, "SELECT group_concat (fid) FROM "
                                                      "volunteers_request WHERE status = 'open'");

        g_assert_cmpstr (after, ==, before);
        g_assert_cmpstr (still, ==, open);
      }
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* No partner's agreement allows tasking: Assign All refuses saying so,
 * and a suggestion cannot be tasked. */
static void
test_refused (void)
{
  SteadWindow *window = open_window ("refused.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  g_autofree char *path = g_build_filename (tmp_dir, "refused.gpkg", NULL);
  GtkWidget *page = show_queues (window);
  GtkWidget *queues = stead_test_find_by_name (page, "queues");
  g_autoptr(GError) error = NULL;
  gint64 request = 0;
  g_autoptr(JsonNode) oracle = pick_request (ws, path, &request);
  g_autofree char *before = tasks_made (ws);
  g_autoptr(GPtrArray) rows = NULL;
  AdwMessageDialog *refusal;

  stead_workspace_edit (ws, "partners", "No tasking", "UPDATE partners_agreement SET "
                        "allows_tasking = 0", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM (" TASKING_PARTNERS ")"), ==, 0);

  g_assert_true (gtk_widget_activate_action (page, "volunteers.assign-all", NULL));
  refusal = find_dialog ("No Partner May Task Volunteers");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (refusal), "Nothing was changed"));
  g_assert_false (dialog_is_open ((gpointer) "Assign All Open Requests"));
  adw_message_dialog_response (refusal, "close");
  gtk_window_close (GTK_WINDOW (refusal));
  stead_test_iterate_until (dialog_is_closed, (gpointer) "No Partner May Task Volunteers");

  g_assert_true (gtk_widget_activate_action (queues, "queues.suggest", "x", request));
  stead_test_iterate_until (suggestions_shown, queues);
  rows = list_rows (queues, "suggested");
  g_assert_cmpuint (rows->len, >, 0);
  g_assert_false (gtk_widget_get_sensitive (stead_test_find_by_name (g_ptr_array_index (rows, 0),
                                                                     "task")));
  {
    g_autofree char *after = tasks_made (ws);

    g_assert_cmpstr (after, ==, before);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *enabled[] = { "partners", "volunteers", NULL };

  app = stead_test_app_new (&argc, &argv, enabled, &tmp_dir);

  g_test_add_func ("/ui/volunteers-assign/suggestions", test_suggestions);
  g_test_add_func ("/ui/volunteers-assign/assign-all", test_assign_all);
  g_test_add_func ("/ui/volunteers-assign/cancel", test_assign_cancel);
  g_test_add_func ("/ui/volunteers-assign/refused", test_refused);

  return stead_test_app_run (app, tmp_dir);
}
