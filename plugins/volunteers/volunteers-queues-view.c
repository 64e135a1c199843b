/* volunteers-queues-view.c: requests for help and offers of support
 *
 * Two queues side by side, most urgent first: requests (their need kind,
 * urgency, people and status; the title, who and what, is personal and
 * shown only while show-personal-data allows) with Add Request and Mark
 * Done, and offers (goods, skills, space) with Mark Used. Above them, the
 * register's checks, training and insurance expiring within the
 * workspace's warning days.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "volunteers.h"
#include "volunteers-page.h"

/* The most a queue lists; its header counts them all. */
#define VOLUNTEERS_QUEUES_MAX_ROWS 100

struct _VolunteersQueuesView
{
  GtkWidget        parent_instance;

  GtkWidget       *scroller;
  AdwActionRow    *alerts_row;
  AdwPreferencesGroup *requests_group;
  AdwPreferencesGroup *offers_group;
  GtkListBox      *requests;
  GtkListBox      *offers;

  SteadWorkspace  *workspace;
  SteadQueryModel *request_model;
  SteadQueryModel *offer_model;
  gboolean         show_personal;
};

G_DEFINE_FINAL_TYPE (VolunteersQueuesView, volunteers_queues_view, GTK_TYPE_WIDGET)

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
  adw_preferences_group_set_header_suffix (self->requests_group, add);
  gtk_flow_box_append (GTK_FLOW_BOX (queues), requests_box);
  gtk_flow_box_append (GTK_FLOW_BOX (queues), offers_box);
  gtk_box_append (GTK_BOX (outer), queues);
}
