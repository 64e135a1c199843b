/* test-volunteers-page.c: the Volunteers page as a resilience officer
 * registers a volunteer, filters the register (skill, role, deployable
 * worked out off the main thread, expiring within N days at both bounds,
 * affiliation), takes in spontaneous volunteers by keyboard alone (a phone
 * number told from an email address, one that is neither refused) from an
 * empty register, moves a task across the board, logs it, gives it the
 * matching's suggested volunteers and takes them off, records donated
 * goods received and given out; and names and contacts stay hidden unless
 * personal data may be shown (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stead-test-util.h"

static SteadApplication *app;
static char *tmp_dir;

#define count stead_test_count

static SteadWindow *
open_window (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

  return stead_test_open_window (app, path, "Volunteershire", 50);
}

static GtkWidget *
show_page (SteadWindow *window)
{
  GtkWidget *page = stead_window_get_page (window, "volunteers.register");
  GtkWidget *records;

  g_assert_nonnull (page);
  stead_window_show_page (window, "volunteers.register");
  records = stead_test_find_by_name (page, "records");
  stead_test_iterate_until (stead_test_is_mapped, records);
  return page;
}

static GListModel *
shown (GtkWidget *page)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (stead_test_find_by_name (page, "records"));

  return G_LIST_MODEL (gtk_column_view_get_model (view));
}

/* Waits for the register to settle on @want rows. */
static void
wait_rows (GtkWidget *page,
           guint      want)
{
  stead_test_iterate (100);
  stead_test_iterate_until_count (shown (page), want);
}

static void
choose_filter (GtkWidget  *page,
               const char *name,
               const char *code)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (stead_test_find_by_name (page, name));
  GListModel *terms = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (terms); i++)
    {
      g_autoptr(SteadTerm) term = g_list_model_get_item (terms, i);

      if (g_str_equal (stead_term_get_code (term), code))
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }
  g_error ("No choice “%s” for %s", code, name);
}

/* Whether any label under @root shows @text. */
static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *shown_text = NULL;

      if (GTK_IS_LABEL (child))
        shown_text = gtk_label_get_text (GTK_LABEL (child));
      else if (GTK_IS_INSCRIPTION (child))
        shown_text = gtk_inscription_get_text (GTK_INSCRIPTION (child));
      if (shown_text != NULL && gtk_widget_get_mapped (child) && strstr (shown_text, text) != NULL)
        return TRUE;
      if (shows_text (child, text))
        return TRUE;
    }
  return FALSE;
}

static gboolean
dialog_is_open (gpointer heading)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      return TRUE;
  return FALSE;
}

static AdwMessageDialog *
find_dialog (const char *heading)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  stead_test_iterate_until (dialog_is_open, (gpointer) heading);
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      return l->data;
  return NULL;
}

static gboolean
dialog_is_closed (gpointer heading)
{
  return !dialog_is_open (heading);
}

/* Register Volunteer: the form adds one, shown selected, by number only. */
static void
test_register (void)
{
  SteadWindow *window = open_window ("register.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_page (window);
  gint64 before = count (ws, "SELECT count(*) FROM volunteers_volunteer");
  g_autofree char *postcode = stead_test_text (ws, "SELECT postcode FROM volunteers_volunteer "
                                                   "WHERE postcode IS NOT NULL LIMIT 1");
  AdwMessageDialog *dialog;
  SteadRecord *selected;
  gint64 id;

  wait_rows (page, before);
  g_signal_emit_by_name (stead_test_find_by_name (page, "volunteers"), "add");
  dialog = find_dialog ("Register Volunteer");
  gtk_editable_set_text (GTK_EDITABLE (stead_test_find_by_name (GTK_WIDGET (dialog), "name")),
                         "Ann Registered");
  gtk_editable_set_text (GTK_EDITABLE (stead_test_find_by_name (GTK_WIDGET (dialog),
                                                                "postcode")), postcode);
  adw_message_dialog_response (dialog, "save");
  gtk_window_close (GTK_WINDOW (dialog));
  stead_test_iterate_until (dialog_is_closed, "Register Volunteer");
  wait_rows (page, before + 1);

  id = count (ws, "SELECT fid FROM volunteers_volunteer WHERE name = 'Ann Registered'");
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM volunteers_volunteer WHERE "
                              "name = 'Ann Registered' AND geom IS NOT NULL"), ==, 1);
  selected = stead_record_page_get_selected (STEAD_RECORD_PAGE (stead_test_find_by_name (
    page, "volunteers")));
  g_assert_nonnull (selected);
  g_assert_cmpint (stead_record_get_id (selected), ==, id);
  /* Personal data hidden (the default): the new volunteer by number. */
  {
    g_autofree char *label = g_strdup_printf ("Volunteer %" G_GINT64_FORMAT, id);

    g_assert_cmpstr (stead_record_get_string (selected, "name"), ==, label);
  }
  g_assert_false (shows_text (page, "Ann Registered"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
select_in (GtkWidget *page,
           gint64     id)
{
  GListModel *rows = shown (page);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(SteadRecord) v = g_list_model_get_item (rows, i);

      if (stead_record_get_id (v) == id)
        return TRUE;
    }
  return FALSE;
}

static gboolean
deployable_known (gpointer page)
{
  return !gtk_spinner_get_spinning (GTK_SPINNER (stead_test_find_by_name (page,
                                                                          "deployable-progress")));
}

/* The deployable volunteers are worked out off the main thread: waits for them. */
static void
wait_deployable (GtkWidget *page)
{
  stead_test_iterate (20);
  stead_test_iterate_until (deployable_known, page);
  stead_test_iterate (100);
}

/* Volunteers with a DBS certificate (3 years), training or insurance due
 * from today to @days days on. */
static gint64
count_due (SteadWorkspace *ws,
           const char     *days)
{
  g_autofree char *due = g_strdup_printf (
    "SELECT count(*) FROM volunteers_volunteer v WHERE "
    "date (v.dbs_date, '+3 years') BETWEEN date ('now', 'localtime') AND "
    "date ('now', 'localtime', '+%s days') OR EXISTS (SELECT 1 FROM volunteers_training t "
    "WHERE t.volunteer = v.fid AND t.expires BETWEEN date ('now', 'localtime') AND "
    "date ('now', 'localtime', '+%s days')) OR EXISTS (SELECT 1 FROM volunteers_insurance i "
    "WHERE i.volunteer = v.fid AND i.expires BETWEEN date ('now', 'localtime') AND "
    "date ('now', 'localtime', '+%s days'))", days, days, days);

  return count (ws, due);
}

/* Each filter narrows the register to what the tables say, both ways. */
static void
test_filters (void)
{
  SteadWindow *window = open_window ("filters.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_page (window);
  gint64 all = count (ws, "SELECT count(*) FROM volunteers_volunteer");
  g_autofree char *skill = stead_test_text (ws, "SELECT skill FROM volunteers_skill "
                                                "GROUP BY skill ORDER BY count(*) DESC LIMIT 1");
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  gint64 with_skill, first;

  wait_rows (page, all);
  sql = g_strdup_printf ("SELECT count(*) FROM volunteers_skill WHERE skill = '%s'", skill);
  with_skill = count (ws, sql);
  g_assert_cmpint (with_skill, >, 0);
  g_assert_cmpint (with_skill, <, all);
  choose_filter (page, "skill-filter", skill);
  wait_rows (page, with_skill);
  for (guint i = 0; i < g_list_model_get_n_items (shown (page)); i++)
    {
      g_autoptr(SteadRecord) v = g_list_model_get_item (shown (page), i);
      g_autofree char *has = g_strdup_printf ("SELECT count(*) FROM volunteers_skill WHERE "
                                              "volunteer = %" G_GINT64_FORMAT " AND skill = '%s'",
                                              stead_record_get_id (v), skill);

      g_assert_cmpint (count (ws, has), ==, 1);
    }
  /* A skill nobody has: none matches, and the register is not taken for
   * an empty one. */
  {
    g_autofree char *unheld = stead_test_text (ws, "SELECT code FROM taxonomy WHERE "
                                                   "vocabulary = 'skill' AND code NOT IN "
                                                   "(SELECT skill FROM volunteers_skill) "
                                                   "LIMIT 1");

    g_assert_nonnull (unheld);
    choose_filter (page, "skill-filter", unheld);
    wait_rows (page, 0);
    stead_test_iterate (100);
    g_assert_false (shows_text (page, "No Volunteers Yet"));
  }
  choose_filter (page, "skill-filter", "");
  wait_rows (page, all);

  /* Affiliation: spontaneous, then partner. */
  choose_filter (page, "affiliation-filter", "spontaneous");
  wait_rows (page, count (ws, "SELECT count(*) FROM volunteers_volunteer "
                              "WHERE affiliation = 'spontaneous'"));
  choose_filter (page, "affiliation-filter", "partner");
  wait_rows (page, count (ws, "SELECT count(*) FROM volunteers_volunteer "
                              "WHERE affiliation = 'partner'"));
  choose_filter (page, "affiliation-filter", "");
  wait_rows (page, all);

  /* Expiring: training due in 10 days is within 30 days, not within 7. */
  first = count (ws, "SELECT min (fid) FROM volunteers_volunteer v WHERE dbs_date IS NULL "
                     "AND NOT EXISTS (SELECT 1 FROM volunteers_training t "
                     "                WHERE t.volunteer = v.fid) "
                     "AND NOT EXISTS (SELECT 1 FROM volunteers_insurance i "
                     "                WHERE i.volunteer = v.fid)");
  g_assert_cmpint (first, >, 0);
  g_assert_cmpint (stead_workspace_edit (ws, "volunteers", "Add training",
                                         "INSERT INTO volunteers_training (volunteer, course, "
                                         "expires) VALUES (?1, 'First aid at work', "
                                         "date ('now', 'localtime', '+10 days'))",
                                         STEAD_ARGS (STEAD_INT (first)), &error), >, 0);
  g_assert_no_error (error);
  for (guint d = 0; d < 2; d++)
    {
      const char *days = d == 0 ? "30" : "7";

      choose_filter (page, "expiring-filter", days);
      wait_rows (page, count_due (ws, days));
      g_assert_true (select_in (page, first) == (d == 0));

    }
  choose_filter (page, "expiring-filter", "");

  /* Deployable: the two choices split the register, and a paused
   * volunteer is never deployable. */
  g_assert_cmpint (stead_workspace_edit (ws, "volunteers", "Pause",
                                         "UPDATE volunteers_volunteer SET status = 'paused' "
                                         "WHERE fid = ?1", STEAD_ARGS (STEAD_INT (first)),
                                         &error), >, 0);
  choose_filter (page, "deployable-filter", "1");
  /* Worked out off the main thread: the filter returns at once, saying so. */
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (stead_test_find_by_name (
    page, "deployable-progress"))));
  wait_deployable (page);
  {
    GListModel *rows = shown (page);
    guint deployable = g_list_model_get_n_items (rows);

    g_assert_cmpuint (deployable, <, all);
    for (guint i = 0; i < deployable; i++)
      {
        g_autoptr(SteadRecord) v = g_list_model_get_item (rows, i);

        g_assert_cmpint (stead_record_get_id (v), !=, first);
        g_assert_cmpstr (stead_record_get_string (v, "status"), ==, "active");
      }
    /* Paused while the filter is on: no longer listed as deployable. */
    {
      g_autoptr(SteadRecord) v = g_list_model_get_item (rows, 0);
      gint64 paused = stead_record_get_id (v);

      g_assert_cmpint (stead_workspace_edit (ws, "volunteers", "Pause",
                                             "UPDATE volunteers_volunteer SET status = 'paused' "
                                             "WHERE fid = ?1", STEAD_ARGS (STEAD_INT (paused)),
                                             &error), >, 0);
      wait_rows (page, deployable - 1);
      g_assert_false (select_in (page, paused));
      deployable--;
    }
    choose_filter (page, "deployable-filter", "2");
    wait_rows (page, all - deployable);
    g_assert_true (select_in (page, first));
  }
  /* Reset Filters puts the whole register back. */
  g_signal_emit_by_name (stead_test_find_by_name (page, "volunteers"), "reset-filters");
  wait_rows (page, all);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* xdotool key names for @text's characters. */
static char *
keysyms (const char *text)
{
  GString *keys = g_string_new (NULL);

  for (const char *c = text; *c != '\0'; c++)
    {
      const char *name = NULL;
      char one[2] = { *c, '\0' };

      switch (*c)
        {
        case ' ': name = "space"; break;
        case '@': name = "at"; break;
        case '.': name = "period"; break;
        case ',': name = "comma"; break;
        case '-': name = "minus"; break;
        default: name = one; break;
        }
      g_string_append_printf (keys, "%s%s", keys->len > 0 ? " " : "", name);
    }
  return g_string_free (keys, FALSE);
}

/* The keys go to the test's window, focused first: in a parallel suite
 * another test's window may have taken the keyboard. */
static char *intake_title;   /* the window's title, as a regular expression */

static void
press (const char *keys)
{
  g_autofree char *commands = g_strdup_printf ("key %s", keys);

  stead_test_xdotool (intake_title, commands);
  stead_test_iterate (50);
}

static void
type_text (const char *text)
{
  g_autofree char *keys = keysyms (text);

  press (keys);
}

static SteadWorkspace *intake_ws;
static gint64 intake_want;

static gboolean
intake_added (gpointer data)
{
  return count (intake_ws, "SELECT count(*) FROM volunteers_volunteer") == intake_want;
}

static gboolean
intake_cleared (gpointer name)
{
  return *gtk_editable_get_text (GTK_EDITABLE (name)) == '\0';
}

/* The intake form by keyboard alone: Enter moves on, Space ticks, Enter on
 * Save adds the person and clears the form; a bad skill adds nobody. */
static void
test_intake_keyboard (void)
{
  SteadWindow *window;
  SteadWorkspace *ws;
  GtkWidget *page, *name;
  g_autofree char *postcode = NULL;
  gint64 before;
  SteadTestFocus focus;

  if (!stead_test_can_type ())
    return;
  window = open_window ("intake.gpkg");
  ws = stead_window_get_workspace (window);
  page = show_page (window);
  postcode = stead_test_text (ws, "SELECT postcode FROM volunteers_volunteer "
                                  "WHERE postcode IS NOT NULL LIMIT 1");
  before = count (ws, "SELECT count(*) FROM volunteers_volunteer");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (stead_test_find_by_name (page,
                                                                            "view-intake")),
                                TRUE);
  name = stead_test_find_by_name (page, "intake-name");
  stead_test_iterate_until (stead_test_is_mapped, name);
  g_free (intake_title);
  intake_title = g_regex_escape_string (gtk_window_get_title (GTK_WINDOW (window)), -1);
  gtk_widget_grab_focus (name);
  focus = (SteadTestFocus) { GTK_WIDGET (window), name };
  stead_test_iterate_until (stead_test_has_focus_in, &focus);

  type_text ("Bea Intake");
  press ("Return");
  type_text ("07700 900123");
  press ("Return");
  type_text (postcode);
  press ("Return");
  type_text ("first-aid, Catering");
  press ("Return");
  press ("space Return");      /* ID seen */
  press ("Return");            /* no briefing yet */
  press ("Return");            /* Save */
  intake_ws = ws;
  intake_want = before + 1;
  stead_test_iterate_until (intake_added, NULL);
  stead_test_iterate_until (intake_cleared, name);

  g_assert_cmpint (count (ws, "SELECT count(*) FROM volunteers_volunteer"), ==, before + 1);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM volunteers_volunteer WHERE "
                              "name = 'Bea Intake' AND phone = '07700 900123' AND "
                              "affiliation = 'spontaneous' AND id_checked IS NOT NULL AND "
                              "geom IS NOT NULL AND extra IS NULL"), ==, 1);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM volunteers_skill s JOIN "
                              "volunteers_volunteer v ON v.fid = s.volunteer WHERE "
                              "v.name = 'Bea Intake' AND s.skill IN ('first-aid', 'catering')"),
                   ==, 2);
  /* The form is clear for the next, the focus back on the name. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (stead_test_find_by_name (
    page, "intake-skills"))), ==, "");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (stead_test_find_by_name (
    page, "intake-id-seen"))));
  stead_test_iterate_until (stead_test_has_focus_in, &focus);

  /* The next person: an email, briefed, with a skill that is not on the list. */
  type_text ("Cy Next");
  press ("Return");
  type_text ("cy@example.org");
  press ("Return Return");
  type_text ("juggling");
  press ("Return Return space Return Return");
  stead_test_iterate (300);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM volunteers_volunteer"), ==, before + 1);
  g_assert_true (shows_text (page, "“juggling” is not a skill"));
  /* Corrected, saved. */
  gtk_editable_set_text (GTK_EDITABLE (stead_test_find_by_name (page, "intake-skills")),
                         "radio");
  gtk_widget_grab_focus (stead_test_find_by_name (page, "intake-save"));
  stead_test_iterate (50);
  press ("Return");
  intake_want = before + 2;
  stead_test_iterate_until (intake_added, NULL);
  stead_test_iterate_until (intake_cleared, name);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM volunteers_volunteer WHERE "
                              "name = 'Cy Next' AND email = 'cy@example.org' AND phone IS NULL "
                              "AND postcode IS NULL AND id_checked IS NULL AND "
                              "json_extract (extra, '$.briefed') IS NOT NULL"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
card_in (GtkWidget  *page,
         const char *status,
         const char *title)
{
  GtkWidget *board = stead_test_find_by_name (page, "board");
  GtkWidget *list = stead_test_find_by_name (board, status);

  return stead_test_find_by_name (list, title);
}

static gboolean
card_moved (gpointer data)
{
  GtkWidget **args = data;

  return card_in (args[0], (const char *) args[1], (const char *) args[2]) != NULL;
}

static gint64
task_is (SteadWorkspace *ws,
         gint64          task,
         const char     *condition)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM volunteers_task WHERE id = %"
                                          G_GINT64_FORMAT " AND %s", task, condition);

  return count (ws, sql);
}

/* A partner an active, unexpired agreement allows to task volunteers (and
 * one none does). */
#define TASKING_PARTNERS                                                            \
  "SELECT p.organisation FROM partners_agreement_party p "                          \
  "JOIN partners_agreement a ON a.id = p.agreement WHERE a.allows_tasking = 1 "     \
  "AND a.status = 'active' AND (a.expiry IS NULL OR a.expiry >= date ('now', 'localtime'))"

static gint64
tasking_partner (SteadWorkspace *ws)
{
  gint64 organisation = count (ws, "SELECT min (organisation) FROM (" TASKING_PARTNERS ")");

  g_assert_cmpint (organisation, >, 0);
  return organisation;
}

/* Moves @task by the board's action: whether it reached @status. */
static gboolean
board_try (SteadWorkspace *ws,
           GtkWidget      *board,
           gint64          task,
           const char     *status)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM volunteers_task WHERE id = %"
                                          G_GINT64_FORMAT " AND status = '%s'", task, status);

  g_assert_true (gtk_widget_activate_action (board, "board.move", "(xs)", task, status));
  stead_test_iterate (50);
  return count (ws, sql) == 1;
}

static gint64
non_tasking_partner (SteadWorkspace *ws)
{
  gint64 organisation = count (ws, "SELECT min (id) FROM partners_organisation "
                                   "WHERE id NOT IN (" TASKING_PARTNERS ")");

  g_assert_cmpint (organisation, >, 0);
  return organisation;
}

/* Another view (requests, board, reception, donations) has the page to
 * itself: no "No Volunteer Selected" beside it, until a volunteer is
 * chosen. The register keeps its details beside it. */
static void
test_views_use_the_width (void)
{
  SteadWindow *window = open_window ("views.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_page (window);
  GtkWidget *records = stead_test_find_by_name (page, "records");
  SteadRecordPage *record_page =
    STEAD_RECORD_PAGE (gtk_widget_get_ancestor (records, STEAD_TYPE_RECORD_PAGE));
  GtkWidget *side = stead_test_find_by_name (page, "detail-side");
  const char *views[] = { "view-queues", "view-board", "view-intake", "view-donations" };

  g_assert_true (gtk_widget_get_visible (side));
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (stead_test_find_by_name (page, views[i])),
                                    TRUE);
      stead_test_iterate (100);
      g_assert_false (gtk_widget_get_visible (side));
    }

  /* Chosen from another view: its details beside it. */
  g_assert_true (stead_record_page_select (
    record_page, count (ws, "SELECT min (fid) FROM volunteers_volunteer")));
  stead_test_iterate (100);
  g_assert_true (gtk_widget_get_visible (side));
  g_assert_true (stead_test_is_mapped (side));

  /* Still chosen on the board; and the register with it. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (stead_test_find_by_name (page, "view-board")),
                                TRUE);
  stead_test_iterate (100);
  g_assert_true (gtk_widget_get_visible (side));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (stead_test_find_by_name (page, "view-list")),
                                TRUE);
  stead_test_iterate (100);
  g_assert_true (gtk_widget_get_visible (side));
  g_assert_true (stead_test_is_mapped (side));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A task moved by its card's menu (the keyboard's way), then dropped on
 * another column; each move is one undo step. */
static void
test_board (void)
{
  SteadWindow *window = open_window ("board.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_page (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 request, task;
  GtkWidget *card, *column;
  GtkEventController *target = NULL;
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;
  gpointer args[3];

  request = count (ws, "SELECT min (fid) FROM volunteers_request");
  task = stead_workspace_edit (ws, "volunteers", "Add a task",
                               "INSERT INTO volunteers_task (request, organisation) "
                               "VALUES (?1, ?2)",
                               STEAD_ARGS (STEAD_INT (request), STEAD_INT (tasking_partner (ws))),
                               &error);
  g_assert_no_error (error);
  title = g_strdup_printf ("Task %" G_GINT64_FORMAT, task);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (stead_test_find_by_name (page, "view-board")),
                                TRUE);
  args[0] = page;
  args[1] = (gpointer) "new";
  args[2] = title;
  stead_test_iterate_until (card_moved, args);
  card = card_in (page, "new", title);

  /* The menu's move. */
  g_assert_true (gtk_widget_activate_action (card, "board.move", "(xs)", task, "offered"));
  args[1] = (gpointer) "offered";
  stead_test_iterate_until (card_moved, args);
  g_assert_null (card_in (page, "new", title));
  g_assert_cmpint (task_is (ws, task, "status = 'offered' "
                              "AND offered IS NOT NULL AND accepted IS NULL"), ==, 1);
  g_assert_true (gtk_widget_activate_action (card_in (page, "offered", title), "board.move",
                                             "(xs)", task, "accepted"));
  args[1] = (gpointer) "accepted";
  stead_test_iterate_until (card_moved, args);
  /* Done straight from accepted is refused: nothing changes. */
  g_assert_true (gtk_widget_activate_action (card_in (page, "accepted", title), "board.move",
                                             "(xs)", task, "done"));
  stead_test_iterate (200);
  g_assert_nonnull (card_in (page, "accepted", title));
  g_assert_cmpint (task_is (ws, task, "status = 'accepted' "
                              "AND finished IS NULL"), ==, 1);

  /* A drop on In Progress. */
  column = gtk_widget_get_parent (stead_test_find_by_name (stead_test_find_by_name (page,
                                                                                     "board"),
                                                           "in-progress"));
  /* The column's drop target: on the list or a widget holding it. */
  for (; column != NULL && target == NULL; column = gtk_widget_get_parent (column))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (column);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

          if (GTK_IS_DROP_TARGET (c))
            target = c;
        }
    }
  g_assert_nonnull (target);
  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, task);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped);
  g_value_unset (&value);
  g_assert_true (dropped);
  args[1] = (gpointer) "in-progress";
  stead_test_iterate_until (card_moved, args);
  g_assert_cmpint (task_is (ws, task, "status = 'in-progress' AND started IS NOT NULL"), ==, 1);

  /* Undo takes the drop back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  args[1] = (gpointer) "accepted";
  stead_test_iterate_until (card_moved, args);
  g_assert_cmpint (task_is (ws, task, "status = 'accepted'"),
                   ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The ids listed, each checked against @sql (a count for "?" the id). */
static void
assert_each_listed (GtkWidget      *page,
                    SteadWorkspace *ws,
                    const char     *sql)
{
  GListModel *rows = shown (page);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(SteadRecord) v = g_list_model_get_item (rows, i);
      g_autofree char *one = g_strdup_printf (sql, stead_record_get_id (v));

      g_assert_cmpint (count (ws, one), ==, 1);
    }
}

/* Role: a role is the top of the skill list; the filter keeps those with
 * the role itself or any skill under it, for each of two roles. */
static void
test_role_filter (void)
{
  SteadWindow *window = open_window ("role.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_page (window);
  gint64 all = count (ws, "SELECT count(*) FROM volunteers_volunteer");
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  wait_rows (page, all);
  /* The two roles held by the most volunteers, by the taxonomy's parents. */
  stmt = stead_workspace_prepare (ws, "SELECT coalesce (t.parent, t.code) AS role "
                                      "FROM volunteers_skill s JOIN taxonomy t ON "
                                      "t.vocabulary = 'skill' AND t.code = s.skill "
                                      "GROUP BY role ORDER BY count (DISTINCT s.volunteer) DESC "
                                      "LIMIT 2", NULL);
  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (roles, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (roles->len, ==, 2);
  for (guint r = 0; r < roles->len; r++)
    {
      const char *role = g_ptr_array_index (roles, r);
      g_autofree char *want = g_strdup_printf (
        "SELECT count (DISTINCT s.volunteer) FROM volunteers_skill s, taxonomy t "
        "WHERE t.vocabulary = 'skill' AND t.code = s.skill "
        "AND (t.code = '%s' OR t.parent = '%s')", role, role);
      g_autofree char *each = g_strdup_printf (
        "SELECT count (*) > 0 FROM volunteers_skill s, taxonomy t WHERE t.vocabulary = 'skill' "
        "AND t.code = s.skill AND s.volunteer = %%" G_GINT64_FORMAT " "
        "AND (t.code = '%s' OR t.parent = '%s')", role, role);
      gint64 n = count (ws, want);

      g_assert_cmpint (n, >, 0);
      g_assert_cmpint (n, <, all);
      choose_filter (page, "role-filter", role);
      wait_rows (page, n);
      assert_each_listed (page, ws, each);
    }
  choose_filter (page, "role-filter", "");
  wait_rows (page, all);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Expiring within N days counts today and the Nth day, not yesterday nor
 * the day after the Nth: training, insurance and a DBS certificate each. */
static void
test_expiring_bounds (void)
{
  SteadWindow *window = open_window ("expiring.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_page (window);
  gint64 all = count (ws, "SELECT count(*) FROM volunteers_volunteer");
  /* Days from today, and whether within 7 days. */
  static const struct { int days; gboolean within; const char *table; } cases[] = {
    { 0, TRUE, "training" }, { 7, TRUE, "training" }, { -1, FALSE, "training" },
    { 8, FALSE, "training" }, { 7, TRUE, "insurance" }, { 8, FALSE, "insurance" },
    { 7, TRUE, "dbs" }, { 8, FALSE, "dbs" }, { 0, TRUE, "dbs" },
  };
  gint64 ids[G_N_ELEMENTS (cases)];
  g_autoptr(GError) error = NULL;
  gint64 due;

  wait_rows (page, all);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *modifier = g_strdup_printf ("%+d days", cases[i].days);

      ids[i] = stead_workspace_edit (ws, "volunteers", "Add",
                                     "INSERT INTO volunteers_volunteer (name) VALUES ('Exp Iring')",
                                     NULL, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ids[i], >, 0);
      if (g_str_equal (cases[i].table, "training"))
        stead_workspace_edit (ws, "volunteers", "Add training",
                              "INSERT INTO volunteers_training (volunteer, course, expires) "
                              "VALUES (?1, 'First aid', date ('now', 'localtime', ?2))",
                              STEAD_ARGS (STEAD_INT (ids[i]), STEAD_STRING (modifier)), &error);
      else if (g_str_equal (cases[i].table, "insurance"))
        stead_workspace_edit (ws, "volunteers", "Add insurance",
                              "INSERT INTO volunteers_insurance (volunteer, kind, expires) "
                              "VALUES (?1, 'public-liability', date ('now', 'localtime', ?2))",
                              STEAD_ARGS (STEAD_INT (ids[i]), STEAD_STRING (modifier)), &error);
      else
        stead_workspace_edit (ws, "volunteers", "DBS",
                              "UPDATE volunteers_volunteer SET dbs_level = 'basic', dbs_date = "
                              "date ('now', 'localtime', ?2, '-3 years') WHERE fid = ?1",
                              STEAD_ARGS (STEAD_INT (ids[i]), STEAD_STRING (modifier)), &error);
      g_assert_no_error (error);
    }
  all += G_N_ELEMENTS (cases);
  wait_rows (page, all);
  due = count_due (ws, "7");
  choose_filter (page, "expiring-filter", "7");
  wait_rows (page, due);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (select_in (page, ids[i]) != cases[i].within)
      g_error ("%s due in %d days: %s within 7 days", cases[i].table, cases[i].days,
               cases[i].within ? "not listed" : "listed");
  choose_filter (page, "expiring-filter", "");
  wait_rows (page, all);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gint64
intake_save (GtkWidget  *page,
             const char *name,
             const char *contact)
{
  SteadWorkspace *ws = stead_record_page_get_workspace (
    STEAD_RECORD_PAGE (stead_test_find_by_name (page, "volunteers")));

  gtk_editable_set_text (GTK_EDITABLE (stead_test_find_by_name (page, "intake-name")), name);
  gtk_editable_set_text (GTK_EDITABLE (stead_test_find_by_name (page, "intake-contact")),
                         contact);
  g_signal_emit_by_name (stead_test_find_by_name (page, "intake-save"), "clicked");
  stead_test_iterate (20);
  return count (ws, "SELECT count(*) FROM volunteers_volunteer");
}

/* The intake tells a phone number from an email address by their forms
 * (each kept in its own column), and refuses a contact that is neither,
 * adding nobody. It is reached from the empty register. */
static void
test_intake_contact (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "empty.gpkg", NULL);
  SteadWindow *window = stead_test_open_window (app, path, "Volunteershire", 0);
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = stead_window_get_page (window, "volunteers.register");
  GtkLabel *status;
  static const struct { const char *contact; const char *column; } forms[] = {
    { "07700 900123", "phone" }, { "+44 (0)7700-900124", "phone" },
    { "ann@example.org", "email" }, { "b.c+d@mail.example.co.uk", "email" },
  };
  static const char *neither[] = { "ring the bell", "ann@example", "@example.org", "12345",
                                   "07700 900123 ext", "a b@example.org" };

  g_assert_nonnull (page);
  stead_window_show_page (window, "volunteers.register");
  stead_test_iterate_until (stead_test_is_mapped, stead_test_find_by_name (page, "empty"));
  g_assert_cmpint (count (ws, "SELECT count(*) FROM volunteers_volunteer"), ==, 0);
  /* The empty register offers the intake, which opens with its name focused. */
  gtk_widget_activate (stead_test_find_by_name (page, "empty-intake"));
  stead_test_iterate_until (stead_test_is_mapped, stead_test_find_by_name (page, "intake-name"));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    stead_test_find_by_name (page, "view-intake"))));
  g_assert_true (gtk_widget_is_visible (stead_test_find_by_name (page, "view-board")));
  status = GTK_LABEL (stead_test_find_by_name (page, "intake-status"));

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *name = g_strdup_printf ("Contact Form %u", i);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM volunteers_volunteer WHERE "
                                              "name = '%s' AND %s = '%s' AND %s IS NULL", name,
                                              forms[i].column, forms[i].contact,
                                              g_str_equal (forms[i].column, "phone")
                                                ? "email" : "phone");

      if (intake_save (page, name, forms[i].contact) != i + 1)
        g_error ("%s not added: %s", forms[i].contact, gtk_label_get_text (status));
      g_assert_cmpint (count (ws, sql), ==, 1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (neither); i++)
    {
      g_assert_cmpint (intake_save (page, "Not Added", neither[i]), ==, G_N_ELEMENTS (forms));
      g_assert_nonnull (strstr (gtk_label_get_text (status), "neither a phone number"));
      /* The form keeps what was typed, to be put right. */
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (stead_test_find_by_name (
        page, "intake-contact"))), ==, neither[i]);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The board logs hours and outcome, and gives a volunteer the task and
 * takes them off it, each one undo step; it never scrolls sideways. */
static void
test_board_edits (void)
{
  SteadWindow *window = open_window ("board-edits.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_page (window);
  g_autoptr(GError) error = NULL;
  gint64 request, task, volunteer;
  g_autoptr(GPtrArray) suggested = NULL;
  g_autofree char *on_task = NULL;
  GtkWidget *board;

  /* The oracle: stead-cli's suggestion for an open request, asked before
   * the task is made. */
  suggested = g_ptr_array_new_with_free_func (g_free);
  request = 0;
  for (gint64 r = count (ws, "SELECT min (fid) FROM volunteers_request WHERE status = 'open' "
                             "AND geom IS NOT NULL");
       r > 0 && suggested->len == 0 && r < 1000; r++)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, r);
      g_autofree char *path = g_build_filename (tmp_dir, "board-edits.gpkg", NULL);
      SteadTestCli cli = stead_test_run_cli ("match", path, "--request", id, NULL);
      g_auto(GStrv) lines = g_strsplit (cli.out != NULL ? cli.out : "", "\n", -1);

      for (guint i = 0; cli.status == 0 && lines[i] != NULL; i++)
        {
          gint64 v = 0;

          if (g_str_has_prefix (lines[i], "Excluded:"))
            break;
          if (sscanf (lines[i], "  volunteer %" G_GINT64_FORMAT ":", &v) == 1)
            g_ptr_array_add (suggested, g_strdup_printf ("%" G_GINT64_FORMAT, v));
        }
      if (suggested->len > 0)
        request = r;
      stead_test_cli_clear (&cli);
    }
  g_assert_cmpint (request, >, 0);
  volunteer = g_ascii_strtoll (g_ptr_array_index (suggested, 0), NULL, 10);
  task = stead_workspace_edit (ws, "volunteers", "Add a task",
                               "INSERT INTO volunteers_task (request, organisation) "
                               "VALUES (?1, ?2)",
                               STEAD_ARGS (STEAD_INT (request), STEAD_INT (tasking_partner (ws))),
                               &error);
  g_assert_no_error (error);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (stead_test_find_by_name (page, "view-board")),
                                TRUE);
  board = stead_test_find_by_name (page, "board");
  stead_test_iterate_until (stead_test_is_mapped, board);

  on_task = g_strdup_printf ("SELECT count(*) FROM volunteers_task_volunteer WHERE task = %"
                             G_GINT64_FORMAT " AND volunteer = %" G_GINT64_FORMAT, task,
                             volunteer);
  g_assert_true (gtk_widget_activate_action (board, "board.assign", "x", task));
  {
    g_autofree char *title = g_strdup_printf ("Assign Task %" G_GINT64_FORMAT, task);
    AdwMessageDialog *dialog = find_dialog (title);
    GListModel *choices = adw_combo_row_get_model (ADW_COMBO_ROW (
      stead_test_find_by_name (GTK_WIDGET (dialog), "volunteer")));

    /* The form offers the suggestions, nearest first, the first chosen. */
    g_assert_cmpuint (g_list_model_get_n_items (choices), ==, MIN (suggested->len, 30));
    for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
      {
        g_autoptr(SteadTerm) term = g_list_model_get_item (choices, i);

        g_assert_cmpstr (stead_term_get_code (term), ==, g_ptr_array_index (suggested, i));
      }
    adw_message_dialog_response (dialog, "save");
    gtk_window_close (GTK_WINDOW (dialog));
    stead_test_iterate_until (dialog_is_closed, title);
  }
  g_assert_cmpint (count (ws, on_task), ==, 1);
  g_assert_true (gtk_widget_activate_action (board, "board.unassign", "(xx)", task, volunteer));
  stead_test_iterate (50);
  g_assert_cmpint (count (ws, on_task), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  stead_test_iterate (50);
  g_assert_cmpint (count (ws, on_task), ==, 1);

  g_assert_true (gtk_widget_activate_action (board, "board.log", "x", task));
  {
    g_autofree char *title = g_strdup_printf ("Log Task %" G_GINT64_FORMAT, task);
    AdwMessageDialog *dialog = find_dialog (title);
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM volunteers_task WHERE id = %"
                                            G_GINT64_FORMAT " AND hours = 2.5 AND outcome = "
                                            "'Shopping delivered'", task);

    gtk_editable_set_text (GTK_EDITABLE (stead_test_find_by_name (GTK_WIDGET (dialog), "hours")),
                           "2.5");
    gtk_editable_set_text (GTK_EDITABLE (stead_test_find_by_name (GTK_WIDGET (dialog),
                                                                  "outcome")),
                           "Shopping delivered");
    adw_message_dialog_response (dialog, "save");
    gtk_window_close (GTK_WINDOW (dialog));
    stead_test_iterate_until (dialog_is_closed, title);
    g_assert_cmpint (count (ws, sql), ==, 1);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  stead_test_iterate (50);
  {
    g_autofree char *unlogged = g_strdup_printf ("SELECT count(*) FROM volunteers_task WHERE "
                                                 "id = %" G_GINT64_FORMAT " AND hours IS NULL "
                                                 "AND outcome IS NULL", task);

    g_assert_cmpint (count (ws, unlogged), ==, 1);
  }

  /* A partner without a tasking agreement: neither moved on nor given a
   * volunteer; still cancelled. */
  {
    gint64 untasked = stead_workspace_edit (ws, "volunteers", "Add a task",
                                            "INSERT INTO volunteers_task (request, "
                                            "organisation) VALUES (?1, ?2)",
                                            STEAD_ARGS (STEAD_INT (request),
                                                        STEAD_INT (non_tasking_partner (ws))),
                                            &error);
    g_autofree char *status = g_strdup_printf ("SELECT status FROM volunteers_task WHERE id = %"
                                               G_GINT64_FORMAT, untasked);
    g_autofree char *state = NULL;

    g_autofree char *untasked_on = g_strdup_printf ("SELECT count(*) FROM "
                                                    "volunteers_task_volunteer WHERE task = %"
                                                    G_GINT64_FORMAT, untasked);
    g_autofree char *title = g_strdup_printf ("Assign Task %" G_GINT64_FORMAT, untasked);

    g_assert_no_error (error);
    g_assert_true (gtk_widget_activate_action (board, "board.assign", "x", untasked));
    {
      AdwMessageDialog *dialog = find_dialog (title);

      adw_message_dialog_response (dialog, "save");
      gtk_window_close (GTK_WINDOW (dialog));
      stead_test_iterate_until (dialog_is_closed, title);
    }
    g_assert_cmpint (count (ws, untasked_on), ==, 0);
    g_assert_false (board_try (ws, board, untasked, "offered"));
    state = stead_test_text (ws, status);
    g_assert_cmpstr (state, ==, "new");
    g_clear_pointer (&state, g_free);
    g_assert_true (board_try (ws, board, untasked, "cancelled"));
    state = stead_test_text (ws, status);
    g_assert_cmpstr (state, ==, "cancelled");
  }

  /* Narrow: the board folds its columns rather than scroll sideways. */
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  stead_test_iterate (200);
  {
    GtkWidget *scroller = gtk_widget_get_first_child (board);

    g_assert_true (GTK_IS_SCROLLED_WINDOW (scroller));
    g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_scrolled_window_get_hadjustment (
                         GTK_SCROLLED_WINDOW (scroller))), <=,
                       gtk_widget_get_width (scroller) + 1);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Donated goods: answers a form of @heading with @quantity (and @request). */
static void
donation_form (const char *heading,
               const char *quantity,
               const char *request)
{
  AdwMessageDialog *dialog = find_dialog (heading);

  gtk_editable_set_text (GTK_EDITABLE (stead_test_find_by_name (GTK_WIDGET (dialog),
                                                                "quantity")), quantity);
  if (request != NULL)
    gtk_editable_set_text (GTK_EDITABLE (stead_test_find_by_name (GTK_WIDGET (dialog),
                                                                  "request")), request);
  adw_message_dialog_response (dialog, "save");
  gtk_window_close (GTK_WINDOW (dialog));
  stead_test_iterate_until (dialog_is_closed, (gpointer) heading);
  stead_test_iterate (50);
}

static gint64
donation_held (SteadWorkspace *ws,
               gint64          offer)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (sum (CASE direction WHEN 'in' THEN "
                                          "quantity ELSE -quantity END), 0) FROM "
                                          "volunteers_movement WHERE offer = %" G_GINT64_FORMAT,
                                          offer);

  return count (ws, sql);
}

typedef struct
{
  GtkWidget  *root;
  const char *list;
  const char *row;
  const char *text;   /* NULL: the row is not there */
} RowShows;

/* Whether list @list under @root has the row named @row showing @text. */
static gboolean
row_shows (gpointer data)
{
  RowShows *want = data;
  GtkWidget *list = stead_test_find_by_name (want->root, want->list);
  GtkWidget *row = stead_test_find_by_name (list, want->row);

  if (want->text == NULL)
    return row == NULL;
  return row != NULL && strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                want->text) != NULL;
}

/* Goods received and given out against a request, each one undo step;
 * giving out more than is held is refused and changes nothing; what is
 * held per item, and goods held unclaimed for a fortnight, are shown. */
static void
test_donations (void)
{
  SteadWindow *window = open_window ("donations.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_page (window);
  gint64 offer = count (ws, "SELECT min (fid) FROM volunteers_offer WHERE item IS NOT NULL");
  gint64 other = count (ws, "SELECT max (fid) FROM volunteers_offer WHERE item IS NOT NULL");
  gint64 request = count (ws, "SELECT min (fid) FROM volunteers_request");
  gint64 movements;
  g_autofree char *row = g_strdup_printf ("offer-%" G_GINT64_FORMAT, offer);
  g_autofree char *other_row = g_strdup_printf ("offer-%" G_GINT64_FORMAT, other);
  g_autofree char *receive = g_strdup_printf ("Receive Into Offer %" G_GINT64_FORMAT, offer);
  g_autofree char *give = g_strdup_printf ("Give Out From Offer %" G_GINT64_FORMAT, offer);
  g_autofree char *request_text = g_strdup_printf ("%" G_GINT64_FORMAT, request);
  g_autofree char *against = g_strdup_printf ("SELECT count(*) FROM volunteers_movement WHERE "
                                              "offer = %" G_GINT64_FORMAT " AND direction = "
                                              "'out' AND quantity = 3 AND request = %"
                                              G_GINT64_FORMAT, offer, request);
  g_autoptr(GError) error = NULL;
  GtkWidget *view;
  RowShows shows = { page, "goods", row, "5 held" };

  g_assert_cmpint (offer, >, 0);
  g_assert_cmpint (other, >, offer);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (stead_test_find_by_name (page,
                                                                            "view-donations")),
                                TRUE);
  view = stead_test_find_by_name (page, "donations");
  stead_test_iterate_until (stead_test_is_mapped, stead_test_find_by_name (view, "goods"));
  g_assert_cmpint (donation_held (ws, offer), ==, 0);

  /* Received: 5. */
  g_assert_true (gtk_widget_activate_action (view, "donations.receive", "x", offer));
  donation_form (receive, "5", NULL);
  g_assert_cmpint (donation_held (ws, offer), ==, 5);
  stead_test_iterate_until (row_shows, &shows);

  /* 7 given out of 5: refused, nothing recorded. */
  movements = count (ws, "SELECT count(*) FROM volunteers_movement");
  g_assert_true (gtk_widget_activate_action (view, "donations.give", "x", offer));
  donation_form (give, "7", NULL);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM volunteers_movement"), ==, movements);
  g_assert_cmpint (donation_held (ws, offer), ==, 5);

  /* 3 given out against a request, then undone. */
  g_assert_true (gtk_widget_activate_action (view, "donations.give", "x", offer));
  donation_form (give, "3", request_text);
  g_assert_cmpint (count (ws, against), ==, 1);
  g_assert_cmpint (donation_held (ws, offer), ==, 2);
  shows.text = "2 held · 5 received · 3 given out";
  stead_test_iterate_until (row_shows, &shows);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  stead_test_iterate (50);
  g_assert_cmpint (donation_held (ws, offer), ==, 5);
  g_assert_cmpint (count (ws, against), ==, 0);
  shows.text = "5 held · 5 received · 0 given out";
  stead_test_iterate_until (row_shows, &shows);

  /* Held for 20 days with none given out: unclaimed; the goods just
   * received are not, yet. */
  g_assert_cmpint (stead_workspace_edit (ws, "volunteers", "Receive",
                                         "INSERT INTO volunteers_movement (offer, direction, "
                                         "quantity, time) VALUES (?1, 'in', 4, "
                                         "strftime ('%Y-%m-%dT%H:%M:%fZ', 'now', '-20 days'))",
                                         STEAD_ARGS (STEAD_INT (other)), &error), >, 0);
  g_assert_no_error (error);
  shows.list = "unclaimed";
  shows.row = other_row;
  shows.text = "none given out for 20 days";
  stead_test_iterate_until (row_shows, &shows);
  shows.row = row;
  shows.text = NULL;
  g_assert_true (row_shows (&shows));
  /* Held per item: every item's goods add up to the title's. */
  {
    gint64 total = count (ws, "SELECT sum (held) FROM (SELECT max (0, sum (CASE direction "
                              "WHEN 'in' THEN quantity ELSE -quantity END)) AS held FROM "
                              "volunteers_movement GROUP BY offer)");
    g_autofree char *title = g_strdup_printf ("Held: %" G_GINT64_FORMAT " Items", total);

    g_assert_cmpint (total, ==, 9);
    g_assert_true (shows_text (view, title));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Names and contacts: hidden by default, shown when allowed, hidden again. */
static void
test_personal_data (void)
{
  GSettings *settings = stead_application_get_settings (app);
  SteadWindow *window = open_window ("personal.gpkg");
  SteadWorkspace *ws = stead_window_get_workspace (window);
  GtkWidget *page = show_page (window);
  gint64 all = count (ws, "SELECT count(*) FROM volunteers_volunteer");
  g_autofree char *name = stead_test_text (ws, "SELECT name FROM volunteers_volunteer "
                                               "ORDER BY fid LIMIT 1");
  gint64 first = count (ws, "SELECT min (fid) FROM volunteers_volunteer");
  g_autofree char *numbered = g_strdup_printf ("Volunteer %" G_GINT64_FORMAT, first);

  g_assert_false (g_settings_get_boolean (settings, "show-personal-data"));
  wait_rows (page, all);
  for (guint i = 0; i < g_list_model_get_n_items (shown (page)); i++)
    {
      g_autoptr(SteadRecord) v = g_list_model_get_item (shown (page), i);

      g_assert_true (g_str_has_prefix (stead_record_get_string (v, "name"), "Volunteer ") ||
                     g_str_has_prefix (stead_record_get_string (v, "name"), "Badge "));
      g_assert_true (stead_record_is_null (v, "phone"));
      g_assert_true (stead_record_is_null (v, "postcode"));
    }
  stead_record_page_select (STEAD_RECORD_PAGE (stead_test_find_by_name (page, "volunteers")),
                            first);
  stead_test_iterate (100);
  g_assert_true (shows_text (page, numbered));
  g_assert_false (shows_text (page, name));
  g_assert_false (shows_text (page, "Demo Volunteer"));
  g_assert_false (shows_text (page, "07700"));
  g_assert_false (gtk_widget_get_visible (stead_test_find_by_name (page, "personal")));

  g_settings_set_boolean (settings, "show-personal-data", TRUE);
  wait_rows (page, all);
  stead_record_page_select (STEAD_RECORD_PAGE (stead_test_find_by_name (page, "volunteers")),
                            first);
  stead_test_iterate (200);
  g_assert_true (gtk_widget_get_visible (stead_test_find_by_name (page, "personal")));
  g_assert_true (shows_text (page, name));

  g_settings_set_boolean (settings, "show-personal-data", FALSE);
  stead_test_iterate (200);
  g_assert_false (shows_text (page, "Demo Volunteer"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *enabled[] = { "partners", "volunteers", NULL };

  app = stead_test_app_new (&argc, &argv, enabled, &tmp_dir);

  g_test_add_func ("/ui/volunteers/register", test_register);
  g_test_add_func ("/ui/volunteers/filters", test_filters);
  g_test_add_func ("/ui/volunteers/intake-keyboard", test_intake_keyboard);
  g_test_add_func ("/ui/volunteers/board", test_board);
  g_test_add_func ("/ui/volunteers/views-use-the-width", test_views_use_the_width);
  g_test_add_func ("/ui/volunteers/role-filter", test_role_filter);
  g_test_add_func ("/ui/volunteers/expiring-bounds", test_expiring_bounds);
  g_test_add_func ("/ui/volunteers/intake-contact", test_intake_contact);
  g_test_add_func ("/ui/volunteers/board-edits", test_board_edits);
  g_test_add_func ("/ui/volunteers/donations", test_donations);
  g_test_add_func ("/ui/volunteers/personal-data", test_personal_data);

  return stead_test_app_run (app, tmp_dir);
}
