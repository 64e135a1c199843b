/* volunteers-queues-view.c: requests for help and offers of support
 *
 * Two queues side by side, most urgent first: requests (their need kind,
 * urgency, people and status; the title, who and what, is personal and
 * shown only while show-personal-data allows) with Add Request and Mark
 * Done, and offers (goods, skills, space) with Mark Used. Above them, the
 * register's checks, training and insurance expiring within the
 * workspace's warning days. Choosing a request shows who could take it
 * (the matching's suggestions, worked out in a thread on a reader: its
 * eligible volunteers ranked with the reason for each, by number unless
 * personal data may be shown, and how many others each rule excludes),
 * each with a button to task them through the tasking partner chosen;
 * Assign All Open Requests… is volunteers-assign-dialog.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "volunteers.h"
#include "volunteers-page.h"

/* The most a queue lists; its header counts them all. */
#define VOLUNTEERS_QUEUES_MAX_ROWS 100
/* The most suggestions listed; the rest are counted. */
#define VOLUNTEERS_QUEUES_MAX_SUGGESTIONS 20

struct _VolunteersQueuesView
{
  GtkWidget        parent_instance;

  GtkWidget       *scroller;
  AdwActionRow    *alerts_row;
  AdwPreferencesGroup *requests_group;
  AdwPreferencesGroup *offers_group;
  GtkListBox      *requests;
  GtkListBox      *offers;
  AdwPreferencesGroup *suggestions_group;
  GtkWidget       *suggest_spinner;
  GtkWidget       *partner_row;
  GtkListBox      *suggested;
  AdwPreferencesGroup *excluded_group;
  GtkListBox      *excluded;
  GCancellable    *suggest_cancel;
  gint64           request;          /* whose suggestions are shown, or 0 */
  gboolean         scroll_up;        /* to them once shown, when chosen from the queue */

  SteadWorkspace  *workspace;
  SteadQueryModel *request_model;
  SteadQueryModel *offer_model;
  gboolean         show_personal;
};

G_DEFINE_FINAL_TYPE (VolunteersQueuesView, volunteers_queues_view, GTK_TYPE_WIDGET)

static void volunteers_queues_view_suggest (VolunteersQueuesView *self,
                                            gint64                request);

static const SteadChoice volunteers_queues_request_statuses[] = {
  { "open", N_("Open") }, { "assigned", N_("Assigned") }, { "done", N_("Done") },
  { "cancelled", N_("Cancelled") }, { NULL },
};

static const SteadChoice volunteers_queues_offer_statuses[] = {
  { "available", N_("Available") }, { "committed", N_("Committed") }, { "used", N_("Used") },
  { "withdrawn", N_("Withdrawn") }, { NULL },
};

static const SteadField volunteers_queues_request_fields[] = {
  { "title", .label = N_("Request") },
  { "kind", .type = STEAD_FIELD_TERM, .vocabulary = "need-kind", .label = N_("Need") },
  { "status", .type = STEAD_FIELD_CHOICE, .choices = volunteers_queues_request_statuses,
    .label = N_("Status") },
  { "urgency", .type = STEAD_FIELD_INT, .label = N_("Urgency") },
  { "people", .type = STEAD_FIELD_INT, .label = N_("People") },
};

static const SteadRecordInfo volunteers_queues_request_info = {
  .kind = "volunteer-request-item", .owner = VOLUNTEERS_OWNER, .title_field = "title",
  .fields = volunteers_queues_request_fields,
  .n_fields = G_N_ELEMENTS (volunteers_queues_request_fields),
  .edit_summary = N_("Edit a request for help"),
};

STEAD_DEFINE_RECORD_TYPE (VolunteersQueuesRequest, volunteers_queues_request,
                          &volunteers_queues_request_info)

static const SteadField volunteers_queues_offer_fields[] = {
  { "title", .label = N_("Offer") },
  { "kind", .type = STEAD_FIELD_TERM, .vocabulary = "resource-kind", .label = N_("Kind") },
  { "status", .type = STEAD_FIELD_CHOICE, .choices = volunteers_queues_offer_statuses,
    .label = N_("Status") },
  { "quantity", .type = STEAD_FIELD_INT, .label = N_("Quantity") },
  { "held_at", .label = N_("Held At") },
};

static const SteadRecordInfo volunteers_queues_offer_info = {
  .kind = "volunteer-offer-item", .owner = VOLUNTEERS_OWNER, .title_field = "title",
  .fields = volunteers_queues_offer_fields,
  .n_fields = G_N_ELEMENTS (volunteers_queues_offer_fields),
  .edit_summary = N_("Edit an offer of support"),
};

STEAD_DEFINE_RECORD_TYPE (VolunteersQueuesOffer, volunteers_queues_offer,
                          &volunteers_queues_offer_info)

/* ?1 show personal data, ?2 "Request %d" (or "Offer %d"). Open and
 * assigned first, most urgent first. */
static const char volunteers_queues_request_sql[] =
  "SELECT r.fid AS id, CASE WHEN ?1 AND r.title IS NOT NULL THEN r.title "
  "  ELSE printf (?2, r.fid) END AS title, r.kind, r.status, r.urgency, r.people "
  "FROM volunteers_request r "
  "ORDER BY r.status IN ('done', 'cancelled'), r.urgency, r.fid DESC "
  "LIMIT " G_STRINGIFY (VOLUNTEERS_QUEUES_MAX_ROWS);

static const char volunteers_queues_offer_sql[] =
  "SELECT o.fid AS id, coalesce (o.item, o.description, printf (?2, o.fid)) AS title, o.kind, "
  "  o.status, o.quantity, o.held_at, ?1 AS shown "
  "FROM volunteers_offer o "
  "ORDER BY o.status IN ('used', 'withdrawn'), o.fid DESC "
  "LIMIT " G_STRINGIFY (VOLUNTEERS_QUEUES_MAX_ROWS);

static void
volunteers_queues_view_toast (VolunteersQueuesView *self,
                              gboolean              ok,
                              const GError         *error,
                              const char           *message)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), STEAD_TYPE_RECORD_PAGE);

  if (page == NULL)
    return;
  if (!ok && error != NULL)
    stead_record_page_show_error (STEAD_RECORD_PAGE (page), error);
  else if (ok)
    stead_record_page_toast_undo (STEAD_RECORD_PAGE (page), message);
}

static void
volunteers_queues_view_request_done (VolunteersQueuesView *self,
                                     GtkWidget            *button)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "id"));
  g_autoptr(GError) error = NULL;
  gboolean ok = stead_workspace_edit (
    self->workspace, VOLUNTEERS_OWNER, _("Mark a request for help done"),
    "UPDATE volunteers_request SET status = 'done', "
    "  closed = strftime ('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE fid = ?1 AND status != 'done'",
    STEAD_ARGS (STEAD_INT (id)), &error) > 0;

  volunteers_queues_view_toast (self, ok, error, _("Request marked done"));
}

static void
volunteers_queues_view_offer_used (VolunteersQueuesView *self,
                                   GtkWidget            *button)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "id"));
  g_autoptr(GError) error = NULL;
  gboolean ok = stead_workspace_edit (
    self->workspace, VOLUNTEERS_OWNER, _("Mark an offer of support used"),
    "UPDATE volunteers_offer SET status = 'used' WHERE fid = ?1 AND status != 'used'",
    STEAD_ARGS (STEAD_INT (id)), &error) > 0;

  volunteers_queues_view_toast (self, ok, error, _("Offer marked used"));
}

static GtkWidget *
volunteers_queues_view_row (VolunteersQueuesView *self,
                            SteadRecord          *record,
                            const char           *vocabulary,
                            const SteadChoice    *statuses,
                            const char           *count_field,
                            const char           *done_status,
                            const char           *done_label,
                            GCallback             done)
{
  GtkWidget *row = adw_action_row_new ();
  const char *status = stead_record_get_string (record, "status");
  g_autofree char *kind = stead_workspace_get_term_label (self->workspace, vocabulary,
                                                          stead_record_get_string (record,
                                                                                   "kind"));
  const char *status_label = stead_choice_get_label (statuses, status);
  g_autofree char *subtitle = NULL;

  if (g_str_equal (count_field, "urgency"))
    /* TRANSLATORS: a request's row: need kind · status · urgency · people */
    {
      gint64 people = stead_record_get_int (record, "people");
      g_autofree char *who = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%" G_GINT64_FORMAT " person",
                                                           "%" G_GINT64_FORMAT " people", people),
                                              people);

      subtitle = g_strdup_printf (_("%s · %s · urgency %" G_GINT64_FORMAT " · %s"),
                                  kind != NULL ? kind : "",
                                  status_label != NULL ? _(status_label) : status,
                                  stead_record_get_int (record, "urgency"), who);
    }
  else
    /* TRANSLATORS: an offer's row: kind · status · quantity */
    subtitle = g_strdup_printf (_("%s · %s · quantity %" G_GINT64_FORMAT),
                                kind != NULL ? kind : "",
                                status_label != NULL ? _(status_label) : status,
                                stead_record_get_int (record, "quantity"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), stead_record_get_title (record));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_name (row, stead_record_get_title (record));
  g_object_set_data (G_OBJECT (row), "id",
                     GSIZE_TO_POINTER ((gsize) stead_record_get_id (record)));
  if (!g_str_equal (status, done_status))
    {
      GtkWidget *button = gtk_button_new_with_label (done_label);

      gtk_widget_set_name (button, "mark-done");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "id",
                         GSIZE_TO_POINTER ((gsize) stead_record_get_id (record)));
      g_signal_connect_object (button, "clicked", done, self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static GtkWidget *
volunteers_queues_view_request_row (gpointer item,
                                    gpointer user_data)
{
  return volunteers_queues_view_row (user_data, item, "need-kind",
                                     volunteers_queues_request_statuses, "urgency", "done",
                                     _("Mark Done"),
                                     G_CALLBACK (volunteers_queues_view_request_done));
}

static GtkWidget *
volunteers_queues_view_offer_row (gpointer item,
                                  gpointer user_data)
{
  return volunteers_queues_view_row (user_data, item, "resource-kind",
                                     volunteers_queues_offer_statuses, "quantity", "used",
                                     _("Mark Used"),
                                     G_CALLBACK (volunteers_queues_view_offer_used));
}

/* The headers count every open request and available offer; the alerts
 * row counts what expires soon. */
static void
volunteers_queues_view_count (VolunteersQueuesView *self)
{
  gint64 open, available, dbs, training, insurance, agreements, days;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *requests = NULL;
  g_autofree char *offers = NULL;
  g_autofree char *alerts = NULL;

  if (self->workspace == NULL)
    return;
  open = stead_workspace_query_int64 (self->workspace,
                                      "SELECT count (*) FROM volunteers_request "
                                      "WHERE status IN ('open', 'assigned')", NULL, 0);
  available = stead_workspace_query_int64 (self->workspace,
                                           "SELECT count (*) FROM volunteers_offer "
                                           "WHERE status IN ('available', 'committed')", NULL, 0);
  requests = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%" G_GINT64_FORMAT " open, most urgent first",
                                           "%" G_GINT64_FORMAT " open, most urgent first", open),
                              open);
  offers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" G_GINT64_FORMAT " available",
                                         "%" G_GINT64_FORMAT " available", available), available);
  adw_preferences_group_set_description (self->requests_group, requests);
  adw_preferences_group_set_description (self->offers_group, offers);

  days = volunteers_setting_get (self->workspace, "expiry-warning-days");
  days = days > 0 ? days : 30;
  dbs = training = insurance = agreements = 0;
  list = volunteers_expiry_alerts (self->workspace, NULL, NULL);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      VolunteersAlert *alert = g_ptr_array_index (list, i);

      dbs += g_str_equal (alert->check, "dbs");
      training += g_str_equal (alert->check, "training");
      insurance += g_str_equal (alert->check, "insurance");
      agreements += g_str_equal (alert->check, "agreement");
    }
  alerts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due or passed within %" G_GINT64_FORMAT
                                         " day", "Due or passed within %" G_GINT64_FORMAT
                                         " days", days), days);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->alerts_row), alerts);
  g_free (alerts);
  /* TRANSLATORS: expiry alerts: criminal record checks, training records, insurance policies,
   * partners' agreements */
  alerts = g_strdup_printf (_("%" G_GINT64_FORMAT " criminal record checks · %" G_GINT64_FORMAT
                              " training records · %" G_GINT64_FORMAT " insurance policies · %"
                              G_GINT64_FORMAT " agreements"),
                            dbs, training, insurance, agreements);
  adw_action_row_set_subtitle (self->alerts_row, alerts);
  adw_action_row_set_icon_name (self->alerts_row, dbs + training + insurance + agreements > 0
                                                    ? "dialog-warning-symbolic"
                                                    : "emblem-ok-symbolic");
}

static void
volunteers_queues_view_bind (VolunteersQueuesView *self)
{
  g_clear_object (&self->request_model);
  g_clear_object (&self->offer_model);
  if (self->workspace == NULL)
    return;
  self->request_model = stead_query_model_new (self->workspace,
                                               volunteers_queues_request_get_type (),
                                               volunteers_queues_request_sql, VOLUNTEERS_TABLES);
  /* TRANSLATORS: a request for help by its number, personal data hidden */
  stead_query_model_set_params (self->request_model,
                                STEAD_ARGS (STEAD_INT (self->show_personal),
                                            STEAD_STRING (_("Request %d"))));
  self->offer_model = stead_query_model_new (self->workspace, volunteers_queues_offer_get_type (),
                                             volunteers_queues_offer_sql, VOLUNTEERS_TABLES);
  /* TRANSLATORS: an offer of support by its number */
  stead_query_model_set_params (self->offer_model,
                                STEAD_ARGS (STEAD_INT (self->show_personal),
                                            STEAD_STRING (_("Offer %d"))));
  gtk_list_box_bind_model (self->requests, G_LIST_MODEL (self->request_model),
                           volunteers_queues_view_request_row, self, NULL);
  gtk_list_box_bind_model (self->offers, G_LIST_MODEL (self->offer_model),
                           volunteers_queues_view_offer_row, self, NULL);
  g_signal_connect_object (self->request_model, "items-changed",
                           G_CALLBACK (volunteers_queues_view_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->offer_model, "items-changed",
                           G_CALLBACK (volunteers_queues_view_count), self, G_CONNECT_SWAPPED);
  volunteers_queues_view_count (self);
}

void
volunteers_queues_view_set_workspace (VolunteersQueuesView *self,
                                      SteadWorkspace       *workspace,
                                      gboolean              show_personal)
{
  g_return_if_fail (VOLUNTEERS_IS_QUEUES_VIEW (self));

  self->workspace = workspace;
  self->show_personal = show_personal;
  volunteers_queues_view_bind (self);
  volunteers_queues_view_suggest (self, self->request);
}

/* ------------------------------------------------------------------------ */
/* Who could take the chosen request                                         */

static void
volunteers_queues_view_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL &&
         GTK_IS_LIST_BOX_ROW (child))
    gtk_list_box_remove (list, child);
  /* The placeholder is not a row: the loop stops at it. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (list, child);
      child = next;
    }
}

/* The excluded, by the first rule they fail: "212 too far for their
 * travel radius". */
static char *
volunteers_queues_view_excluded_text (SteadMatchRule  rule,
                                      guint           n,
                                      const char     *dbs)
{
  switch (rule)
    {
    case STEAD_MATCH_DISTANCE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u too far for their travel radius",
                                           "%u too far for their travel radius", n), n);
    case STEAD_MATCH_SKILL:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lacks a needed skill",
                                           "%u lack a needed skill", n), n);
    case STEAD_MATCH_DBS:
      /* TRANSLATORS: %s is a DBS level, "Enhanced" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lacks the DBS check needed (%s)",
                                           "%u lack the DBS check needed (%s)", n), n, dbs);
    case STEAD_MATCH_REGULATED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u not checked against the barred list (regulated "
                                           "activity)",
                                           "%u not checked against the barred list (regulated "
                                           "activity)", n), n);
    case STEAD_MATCH_TRAINING:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u without training in date for a needed skill",
                                           "%u without training in date for a needed skill", n),
                              n);
    case STEAD_MATCH_INSURANCE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u not insured for this activity",
                                           "%u not insured for this activity", n), n);
    case STEAD_MATCH_AVAILABILITY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u not available in the request’s window",
                                           "%u not available in the request’s window", n), n);
    case STEAD_MATCH_CAPACITY:
    case STEAD_MATCH_ELIGIBLE:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u already has all the tasks they can take that day",
                                           "%u already have all the tasks they can take that day",
                                           n), n);
    }
}

static void
volunteers_queues_view_on_task (VolunteersQueuesView *self,
                                GtkWidget            *button)
{
  gint64 volunteer = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "id"));
  gint64 partner = self->partner_row != NULL ? volunteers_partner_row_get (self->partner_row) : 0;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 request = self->request;

  if (partner == 0)
    {
      volunteers_assign_check_partners (GTK_WIDGET (self), self->workspace);
      return;
    }
  if (volunteers_task_add (self->workspace, request, partner, &volunteer, 1, &error) < 0)
    {
      volunteers_queues_view_toast (self, FALSE, error, NULL);
      return;
    }
  /* TRANSLATORS: a task made from a suggestion; volunteers by number */
  message = g_strdup_printf (_("Task made for volunteer %" G_GINT64_FORMAT), volunteer);
  volunteers_queues_view_toast (self, TRUE, NULL, message);
  volunteers_queues_view_suggest (self, request);
}

static GtkWidget *
volunteers_queues_view_suggestion_row (VolunteersQueuesView       *self,
                                       const VolunteersSuggestion *suggestion)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Task"));
  g_autofree char *name = NULL;
  g_autofree char *id = g_strdup_printf ("volunteer-%" G_GINT64_FORMAT, suggestion->volunteer);

  if (self->show_personal)
    name = stead_workspace_query_text (self->workspace,
                                       "SELECT name FROM volunteers_volunteer WHERE fid = ?1",
                                       STEAD_ARGS (STEAD_INT (suggestion->volunteer)));
  if (name == NULL)
    /* TRANSLATORS: a volunteer by number, personal data hidden */
    name = g_strdup_printf (_("Volunteer %" G_GINT64_FORMAT), suggestion->volunteer);
  gtk_widget_set_name (row, id);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), suggestion->reason);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_set_name (button, "task");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Task them through the tasking partner"));
  gtk_widget_set_sensitive (button, volunteers_partner_row_get (self->partner_row) > 0);
  g_object_set_data (G_OBJECT (button), "id", GSIZE_TO_POINTER ((gsize) suggestion->volunteer));
  g_signal_connect_object (button, "clicked", G_CALLBACK (volunteers_queues_view_on_task), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
volunteers_queues_view_show_suggestions (VolunteersQueuesView        *self,
                                         const VolunteersSuggestions *suggestions,
                                         const GError                *error)
{
  g_autofree char *dbs_code = NULL;
  g_autofree char *description = NULL;
  g_autofree char *title = NULL;
  const char *dbs = NULL;
  gint64 raised_by;
  guint excluded = 0;

  volunteers_queues_view_clear_list (self->suggested);
  volunteers_queues_view_clear_list (self->excluded);
  if (self->partner_row != NULL)
    adw_preferences_group_remove (self->suggestions_group, self->partner_row);
  self->partner_row = NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->excluded_group), FALSE);
  if (self->request == 0)
    {
      adw_preferences_group_set_title (self->suggestions_group, _("Suggested Volunteers"));
      adw_preferences_group_set_description (self->suggestions_group,
                                             _("Choose a request to see who could take it."));
      gtk_widget_set_visible (GTK_WIDGET (self->suggested), FALSE);
      return;
    }
  /* TRANSLATORS: the suggestions' heading, a request by number */
  title = g_strdup_printf (_("Suggested Volunteers for Request %" G_GINT64_FORMAT),
                           self->request);
  adw_preferences_group_set_title (self->suggestions_group, title);
  if (suggestions == NULL)
    {
      adw_preferences_group_set_description (self->suggestions_group,
                                             error != NULL ? error->message
                                                           : _("Working out who could take it…"));
      gtk_widget_set_visible (GTK_WIDGET (self->suggested), FALSE);
      return;
    }

  raised_by = stead_workspace_query_int64 (self->workspace,
                                           "SELECT organisation FROM volunteers_request "
                                           "WHERE fid = ?1",
                                           STEAD_ARGS (STEAD_INT (self->request)));
  self->partner_row = volunteers_partner_row_new (self->workspace, raised_by);
  adw_preferences_group_add (self->suggestions_group, self->partner_row);
  if (volunteers_partner_row_get (self->partner_row) == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->partner_row),
                                 _("No partner’s agreement allows tasking volunteers now"));

  for (guint i = 0; i < VOLUNTEERS_MATCH_N_RULES; i++)
    excluded += suggestions->excluded[i];
  if (suggestions->eligible->len == 0)
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "No one eligible; %u volunteer excluded",
                                                "No one eligible; %u volunteers excluded",
                                                excluded), excluded);
  else
    /* TRANSLATORS: "4 eligible, nearest first; 540 others excluded" */
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u eligible, nearest first; %u other excluded",
                                                "%u eligible, nearest first; %u others excluded",
                                                excluded),
                                   suggestions->eligible->len, excluded);
  adw_preferences_group_set_description (self->suggestions_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->suggested), TRUE);
  for (guint i = 0; i < suggestions->eligible->len && i < VOLUNTEERS_QUEUES_MAX_SUGGESTIONS; i++)
    gtk_list_box_append (self->suggested,
                         volunteers_queues_view_suggestion_row (
                           self, &g_array_index (suggestions->eligible, VolunteersSuggestion, i)));
  if (suggestions->eligible->len > VOLUNTEERS_QUEUES_MAX_SUGGESTIONS)
    {
      GtkWidget *more = adw_action_row_new ();
      guint n = suggestions->eligible->len - VOLUNTEERS_QUEUES_MAX_SUGGESTIONS;
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "And %u more, further away",
                                                            "And %u more, further away", n), n);

      gtk_widget_set_name (more, "more-suggestions");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), text);
      gtk_list_box_append (self->suggested, more);
    }

  dbs_code = stead_workspace_query_text (self->workspace,
                                         "SELECT dbs_level FROM volunteers_request WHERE fid = ?1",
                                         STEAD_ARGS (STEAD_INT (self->request)));
  dbs = dbs_code != NULL ? stead_choice_get_label (volunteers_dbs_levels, dbs_code) : NULL;
  for (guint rule = STEAD_MATCH_DISTANCE; rule < VOLUNTEERS_MATCH_N_RULES; rule++)
    {
      GtkWidget *row;
      g_autofree char *text = NULL;
      g_autofree char *name = NULL;
      g_autofree char *nearest = NULL;

      if (suggestions->excluded[rule] == 0)
        continue;
      row = adw_action_row_new ();
      text = volunteers_queues_view_excluded_text (rule, suggestions->excluded[rule],
                                                   dbs != NULL ? _(dbs) : "");
      name = g_strdup_printf ("excluded-%u", rule);
      gtk_widget_set_name (row, name);
      g_object_set_data (G_OBJECT (row), "count", GUINT_TO_POINTER (suggestions->excluded[rule]));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      if (suggestions->nearest[rule] != NULL)
        /* TRANSLATORS: the nearest volunteer a rule excludes, and why */
        nearest = g_strdup_printf (_("The nearest: %s"), suggestions->nearest[rule]);
      else if (rule == STEAD_MATCH_DISTANCE)
        nearest = g_strdup (_("Beyond any volunteer’s travel radius"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), nearest != NULL ? nearest : "");
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_list_box_append (self->excluded, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->excluded_group), excluded > 0);
}

static void
volunteers_queues_view_close_reader (gpointer db)
{
  sqlite3_close (db);
}

static void
volunteers_queues_view_suggest_thread (GTask        *task,
                                       gpointer      source,
                                       gpointer      task_data,
                                       GCancellable *cancellable)
{
  gint64 request = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (task), "request"));
  g_autoptr(VolunteersMatch) match = NULL;
  g_autoptr(GError) error = NULL;
  VolunteersSuggestions *suggestions = NULL;

  match = volunteers_match_new_reader (task_data, request, cancellable, &error);
  if (match != NULL)
    suggestions = volunteers_match_suggest_for (match, request, &error);
  if (suggestions == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, suggestions, (GDestroyNotify) volunteers_suggestions_free);
}

static void
volunteers_queues_view_suggest_done (GObject      *source,
                                     GAsyncResult *result,
                                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VolunteersSuggestions) suggestions = g_task_propagate_pointer (G_TASK (result),
                                                                           &error);
  VolunteersQueuesView *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  self = VOLUNTEERS_QUEUES_VIEW (source);
  gtk_spinner_stop (GTK_SPINNER (self->suggest_spinner));
  g_clear_object (&self->suggest_cancel);
  volunteers_queues_view_show_suggestions (self, suggestions, error);
  if (self->scroll_up)
    {
      GtkAdjustment *adjustment =
        gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
      self->scroll_up = FALSE;
    }
}

/* Works out who could take @request (0: none chosen) in a thread. */
static void
volunteers_queues_view_suggest (VolunteersQueuesView *self,
                                gint64                request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  sqlite3 *db;

  if (self->suggest_cancel != NULL)
    g_cancellable_cancel (self->suggest_cancel);
  g_clear_object (&self->suggest_cancel);
  self->request = request;
  volunteers_queues_view_show_suggestions (self, NULL, NULL);
  if (request == 0 || self->workspace == NULL)
    {
      gtk_spinner_stop (GTK_SPINNER (self->suggest_spinner));
      return;
    }
  db = stead_workspace_open_reader (self->workspace, &error);
  if (db == NULL)
    {
      volunteers_queues_view_show_suggestions (self, NULL, error);
      return;
    }
  self->suggest_cancel = g_cancellable_new ();
  gtk_spinner_start (GTK_SPINNER (self->suggest_spinner));
  task = g_task_new (self, self->suggest_cancel, volunteers_queues_view_suggest_done, NULL);
  g_task_set_source_tag (task, volunteers_queues_view_suggest);
  g_task_set_check_cancellable (task, FALSE);
  g_object_set_data (G_OBJECT (task), "request", GSIZE_TO_POINTER ((gsize) request));
  g_task_set_task_data (task, db, volunteers_queues_view_close_reader);
  g_task_run_in_thread (task, volunteers_queues_view_suggest_thread);
}

static void
volunteers_queues_view_on_request_selected (VolunteersQueuesView *self,
                                            GtkListBoxRow        *row)
{
  gint64 id = row != NULL ? GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "id")) : 0;

  /* The queue rebuilt after an edit drops its selection: keep what is shown. */
  if (id != 0 && id != self->request)
    {
      volunteers_queues_view_suggest (self, id);
      self->scroll_up = TRUE;
    }
}

/* queues.suggest (x): shows request @id's suggestions, as choosing its row does. */
static void
volunteers_queues_view_suggest_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  VolunteersQueuesView *self = VOLUNTEERS_QUEUES_VIEW (widget);

  volunteers_queues_view_suggest (self, g_variant_get_int64 (parameter));
}

/* queues.assign-all: Assign All Open Requests…. */
static void
volunteers_queues_view_assign_all_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  VolunteersQueuesView *self = VOLUNTEERS_QUEUES_VIEW (widget);

  if (self->workspace != NULL)
    volunteers_assign_dialog_present (widget, self->workspace);
}

/* Add Request */

static const SteadChoice volunteers_queues_urgencies[] = {
  { "1", N_("1 — immediate") }, { "2", N_("2 — today") }, { "3", N_("3 — this week") },
  { "4", N_("4 — when possible") }, { NULL },
};

static const SteadField volunteers_queues_new_request_fields[] = {
  { "kind", .required = TRUE, .type = STEAD_FIELD_TERM, .vocabulary = "need-kind",
    .label = N_("Need") },
  { "title", .label = N_("Who and What (personal)") },
  { "people", .type = STEAD_FIELD_INT, .min = 0, .max = 100000, .label = N_("People") },
  { "urgency", .required = TRUE, .type = STEAD_FIELD_CHOICE,
    .choices = volunteers_queues_urgencies, .label = N_("Urgency") },
};

static gboolean
volunteers_queues_view_save_request (SteadForm  *form,
                                     gpointer    user_data,
                                     GError    **error)
{
  VolunteersQueuesView *self = user_data;
  gint64 id = stead_workspace_edit (
    self->workspace, VOLUNTEERS_OWNER, _("Add a request for help"),
    "INSERT INTO volunteers_request (kind, title, people, urgency) VALUES (?1, ?2, ?3, ?4)",
    STEAD_ARGS (STEAD_STRING (stead_form_get_text (form, "kind")),
                STEAD_TEXT (stead_form_get_text (form, "title")),
                STEAD_INT (stead_form_get_int (form, "people", 1)),
                STEAD_INT (g_ascii_strtoll (stead_form_get_text (form, "urgency"), NULL, 10))),
    error);

  if (id <= 0)
    return FALSE;
  volunteers_queues_view_toast (self, TRUE, NULL, _("Request added"));
  return TRUE;
}

static void
volunteers_queues_view_on_add_request (VolunteersQueuesView *self)
{
  if (self->workspace == NULL)
    return;
  stead_form_present (stead_form_new (GTK_WIDGET (self), _("Add a Request for Help"),
                                      _("What is needed, for how many people, how urgently."),
                                      volunteers_queues_new_request_fields,
                                      G_N_ELEMENTS (volunteers_queues_new_request_fields), NULL,
                                      NULL, NULL, self->workspace,
                                      volunteers_queues_view_save_request, self, NULL));
}

static GtkWidget *
volunteers_queues_view_group (VolunteersQueuesView *self,
                              GtkWidget            *box,
                              const char           *name,
                              const char           *title,
                              const char           *empty,
                              GtkListBox          **list_out)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *placeholder = gtk_label_new (empty);

  gtk_widget_set_name (group, name);
  gtk_widget_set_hexpand (group, TRUE);
  gtk_widget_set_valign (group, GTK_ALIGN_START);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_widget_set_name (list, name);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), placeholder);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  gtk_box_append (GTK_BOX (box), group);
  *list_out = GTK_LIST_BOX (list);
  return group;
}

static void
volunteers_queues_view_dispose (GObject *object)
{
  VolunteersQueuesView *self = VOLUNTEERS_QUEUES_VIEW (object);

  if (self->suggest_cancel != NULL)
    g_cancellable_cancel (self->suggest_cancel);
  g_clear_object (&self->suggest_cancel);
  g_clear_object (&self->request_model);
  g_clear_object (&self->offer_model);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (volunteers_queues_view_parent_class)->dispose (object);
}

static void
volunteers_queues_view_class_init (VolunteersQueuesViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = volunteers_queues_view_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "queues.suggest", "x",
                                   volunteers_queues_view_suggest_action);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "queues.assign-all", NULL,
                                   volunteers_queues_view_assign_all_action);
}

static void
volunteers_queues_view_init (VolunteersQueuesView *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *alerts = adw_preferences_group_new ();
  GtkWidget *queues = gtk_flow_box_new ();
  GtkWidget *requests_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *offers_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *assign = gtk_button_new_with_mnemonic (_("A_ssign All…"));
  GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *none;
  GtkWidget *suggestions;

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  gtk_widget_set_margin_start (outer, 12);
  gtk_widget_set_margin_end (outer, 12);
  gtk_widget_set_margin_top (outer, 12);
  gtk_widget_set_margin_bottom (outer, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), outer);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (alerts), _("Expiry Alerts"));
  self->alerts_row = ADW_ACTION_ROW (adw_action_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->alerts_row), "expiry-alerts");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (alerts), GTK_WIDGET (self->alerts_row));
  gtk_box_append (GTK_BOX (outer), alerts);

  /* Side by side when there is room, one above the other when not. */
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (queues), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (queues), 2);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (queues), TRUE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (queues), 18);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (queues), 18);
  gtk_widget_set_size_request (requests_box, 340, -1);
  gtk_widget_set_size_request (offers_box, 340, -1);
  self->requests_group = ADW_PREFERENCES_GROUP (volunteers_queues_view_group (
    self, requests_box, "requests", _("Requests for Help"),
    _("No requests for help: add one as partners ask for volunteers."), &self->requests));
  self->offers_group = ADW_PREFERENCES_GROUP (volunteers_queues_view_group (
    self, offers_box, "offers", _("Offers of Support"),
    _("No offers of support or donations recorded."), &self->offers));
  gtk_widget_set_name (add, "add-request");
  gtk_widget_set_tooltip_text (add, _("Add a Request for Help"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add a Request for Help"), -1);
  gtk_widget_add_css_class (add, "flat");
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (volunteers_queues_view_on_add_request),
                            self);
  gtk_widget_set_name (assign, "assign-all");
  gtk_widget_set_tooltip_text (assign, _("Match every open request with the eligible "
                                         "volunteers, shown before anything changes"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (assign), "queues.assign-all");
  gtk_box_append (GTK_BOX (suffix), assign);
  gtk_box_append (GTK_BOX (suffix), add);
  adw_preferences_group_set_header_suffix (self->requests_group, suffix);
  gtk_list_box_set_selection_mode (self->requests, GTK_SELECTION_SINGLE);
  g_signal_connect_object (self->requests, "row-selected",
                           G_CALLBACK (volunteers_queues_view_on_request_selected), self,
                           G_CONNECT_SWAPPED);

  /* Who could take the chosen request, below the requests. */
  self->suggestions_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  gtk_widget_set_name (GTK_WIDGET (self->suggestions_group), "suggestions");
  self->suggest_spinner = gtk_spinner_new ();
  gtk_widget_set_name (self->suggest_spinner, "suggest-progress");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->suggest_spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Working out who could take the request"), -1);
  adw_preferences_group_set_header_suffix (self->suggestions_group, self->suggest_spinner);
  self->suggested = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->suggested), "suggested");
  gtk_list_box_set_selection_mode (self->suggested, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->suggested), "boxed-list");
  gtk_widget_set_margin_top (GTK_WIDGET (self->suggested), 12);
  none = gtk_label_new (_("No volunteer is eligible: see why below."));
  gtk_label_set_wrap (GTK_LABEL (none), TRUE);
  gtk_widget_add_css_class (none, "dim-label");
  gtk_widget_set_margin_top (none, 12);
  gtk_widget_set_margin_bottom (none, 12);
  gtk_list_box_set_placeholder (self->suggested, none);
  self->excluded_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  gtk_widget_set_name (GTK_WIDGET (self->excluded_group), "excluded");
  gtk_widget_set_margin_top (GTK_WIDGET (self->excluded_group), 18);
  adw_preferences_group_set_title (self->excluded_group, _("Why Not the Others"));
  self->excluded = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->excluded), "excluded");
  gtk_list_box_set_selection_mode (self->excluded, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->excluded), "boxed-list");
  adw_preferences_group_add (self->excluded_group, GTK_WIDGET (self->excluded));
  /* Above the queues, where choosing a request scrolls to. */
  suggestions = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_name (suggestions, "suggestions-pane");
  gtk_box_append (GTK_BOX (suggestions), GTK_WIDGET (self->suggestions_group));
  gtk_box_append (GTK_BOX (suggestions), GTK_WIDGET (self->suggested));
  gtk_box_append (GTK_BOX (suggestions), GTK_WIDGET (self->excluded_group));
  gtk_box_append (GTK_BOX (outer), suggestions);
  volunteers_queues_view_show_suggestions (self, NULL, NULL);
  gtk_flow_box_append (GTK_FLOW_BOX (queues), requests_box);
  gtk_flow_box_append (GTK_FLOW_BOX (queues), offers_box);
  gtk_box_append (GTK_BOX (outer), queues);
}
