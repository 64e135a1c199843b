/* groups-households-view.c: the household lists on the Target Groups page
 *
 * Each list from a data-sharing partner with its target group, agreement,
 * lawful basis, when it came, how many households, how long it is kept
 * ("Deleted in 12 days") and Purge Now, which asks first. The households
 * themselves are personal data: listed only while the show-personal-data
 * setting allows it. Below, the workspace's privacy settings: counts
 * under which exports and reports suppress a number, and the zoom from
 * which households may be drawn as points.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "groups"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "groups.h"
#include "groups-page.h"

struct _GroupsHouseholdsView
{
  GtkWidget        parent_instance;

  GtkWidget       *scrolled;
  GtkWidget       *empty;
  GtkListBox      *lists;
  AdwPreferencesGroup *households_group;
  GtkWidget       *hidden_row;
  GtkWidget       *households_scrolled;
  GtkColumnView   *households;
  GtkSpinButton   *suppress;
  GtkSpinButton   *privacy_zoom;
  AdwToastOverlay *toasts;

  SteadWorkspace  *workspace;
  GSettings       *settings;
  SteadQueryModel *list_model;
  SteadQueryModel *household_model;
  gint64           shown_list;
  gboolean         show_personal;
  gboolean         updating;
};

G_DEFINE_FINAL_TYPE (GroupsHouseholdsView, groups_households_view, GTK_TYPE_WIDGET)

/**
 * groups_households_view_countdown:
 * @retention: the list's retention date (YYYY-MM-DD)
 * @purged: (nullable): when it was purged
 * @today: today
 *
 * Returns: (transfer full): how long the list is kept, in words
 */
char *
groups_households_view_countdown (const char *retention,
                                  const char *purged,
                                  GDate      *today)
{
  GDate date;
  int days;

  if (purged != NULL && *purged != '\0')
    return g_strdup_printf (_("Purged %.10s"), purged);
  g_date_clear (&date, 1);
  if (retention == NULL)
    return g_strdup (_("No retention date"));
  g_date_set_parse (&date, retention);
  if (!g_date_valid (&date))
    return g_strdup_printf (_("Retention date “%s” is not a date"), retention);
  days = g_date_days_between (today, &date);
  if (days < 0)
    return g_strdup (_("Past its retention date: purge it now"));
  if (days == 0)
    return g_strdup (_("Deleted today"));
  if (days == 1)
    return g_strdup (_("Deleted tomorrow"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Deleted in %d day", "Deleted in %d days",
                                       days),
                          days);
}

static void
groups_households_view_today (GDate *today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (today, 1);
  g_date_set_dmy (today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* ------------------------------------------------------------------------ */
/* Purge Now                                                                 */

static void
groups_households_view_on_purge_response (AdwMessageDialog     *dialog,
                                          const char           *response,
                                          GroupsHouseholdsView *self)
{
  gint64 list = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "list"));
  gint64 n = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "households"));
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (!g_str_equal (response, "purge") || self->workspace == NULL)
    return;
  if (!groups_household_list_purge (self->workspace, list, &error))
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
  else
    {
      /* How many, never who. */
      done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" G_GINT64_FORMAT " household purged",
                                           "%" G_GINT64_FORMAT " households purged", n),
                              n);
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (done));
    }
}

static void
groups_households_view_on_purge (GroupsHouseholdsView *self,
                                 GtkWidget            *button)
{
  SteadRecord *list = g_object_get_data (G_OBJECT (button), "record");
  gint64 n = stead_record_get_int (list, "households");
  g_autofree char *heading = g_strdup_printf (_("Purge “%s”?"), stead_record_get_title (list));
  g_autofree char *body = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE,
                 "The %" G_GINT64_FORMAT " household of “%s” and the needs it published are "
                 "deleted now, before the retention date. This cannot be undone.",
                 "The %" G_GINT64_FORMAT " households of “%s” and the needs they published are "
                 "deleted now, before the retention date. This cannot be undone.", n),
    n, stead_record_get_title (list));
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, body);

  gtk_widget_set_name (dialog, "purge-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "purge",
                                    _("_Purge Now"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "purge",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "list", GSIZE_TO_POINTER (stead_record_get_id (list)));
  g_object_set_data (G_OBJECT (dialog), "households", GSIZE_TO_POINTER (n));
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (groups_households_view_on_purge_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------ */
/* The lists                                                                 */

typedef struct
{
  GtkWidget *row;
  GtkWidget *countdown;
  GtkWidget *purge;
} GroupsListRow;

static void
groups_households_view_show_row (GtkWidget   *row,
                                 GParamSpec  *pspec,
                                 SteadRecord *list)
{
  GroupsListRow *parts = g_object_get_data (G_OBJECT (row), "parts");
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *group = stead_record_dup_display (list, "group_id");
  g_autofree char *agreement = stead_record_dup_display (list, "agreement");
  g_autofree char *basis = stead_record_dup_display (list, "lawful_basis");
  g_autofree char *countdown = NULL;
  gint64 n = stead_record_get_int (list, "households");
  const char *purged = stead_record_get_string (list, "purged");
  GDate today;

  groups_households_view_today (&today);
  countdown = groups_households_view_countdown (stead_record_get_string (list, "retention"),
                                                purged, &today);
  g_string_append (subtitle, *group != '\0' ? group : _("No target group"));
  g_string_append_printf (subtitle, " · %s", *agreement != '\0' ? agreement : _("No agreement"));
  if (*basis != '\0')
    g_string_append_printf (subtitle, " · %s", basis);
  if (stead_record_get_string (list, "received") != NULL)
    g_string_append_printf (subtitle, _(" · received %s"),
                            stead_record_get_string (list, "received"));
  g_string_append_printf (subtitle, " · ");
  g_string_append_printf (subtitle,
                          g_dngettext (GETTEXT_PACKAGE, "%" G_GINT64_FORMAT " household",
                                       "%" G_GINT64_FORMAT " households", n),
                          n);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), stead_record_get_title (list));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  gtk_label_set_text (GTK_LABEL (parts->countdown), countdown);
  /* A list about to go, or overdue, stands out. */
  {
    GDate retention;
    int days = G_MAXINT;

    g_date_clear (&retention, 1);
    if (stead_record_get_string (list, "retention") != NULL)
      g_date_set_parse (&retention, stead_record_get_string (list, "retention"));
    if (g_date_valid (&retention) && (purged == NULL || *purged == '\0'))
      days = g_date_days_between (&today, &retention);
    if (days <= 0)
      gtk_widget_add_css_class (parts->countdown, "error");
    else
      gtk_widget_remove_css_class (parts->countdown, "error");
    if (days > 0 && days <= 7)
      gtk_widget_add_css_class (parts->countdown, "warning");
    else
      gtk_widget_remove_css_class (parts->countdown, "warning");
  }
  gtk_widget_set_sensitive (parts->purge, n > 0 && (purged == NULL || *purged == '\0'));
}

static GtkWidget *
groups_households_view_create_row (gpointer item,
                                   gpointer user_data)
{
  GroupsHouseholdsView *self = user_data;
  SteadRecord *list = item;
  GtkWidget *row = adw_action_row_new ();
  GroupsListRow *parts = g_new0 (GroupsListRow, 1);

  parts->row = row;
  parts->countdown = gtk_label_new (NULL);
  gtk_widget_set_name (parts->countdown, "countdown");
  gtk_widget_add_css_class (parts->countdown, "caption-heading");
  gtk_widget_set_valign (parts->countdown, GTK_ALIGN_CENTER);
  parts->purge = gtk_button_new_with_mnemonic (_("_Purge Now"));
  gtk_widget_set_name (parts->purge, "purge");
  gtk_widget_set_valign (parts->purge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (parts->purge, "destructive-action");
  g_object_set_data_full (G_OBJECT (parts->purge), "record", g_object_ref (list), g_object_unref);
  g_signal_connect_object (parts->purge, "clicked", G_CALLBACK (groups_households_view_on_purge),
                           self, G_CONNECT_SWAPPED);
  g_object_set_data_full (G_OBJECT (row), "parts", parts, g_free);
  g_object_set_data_full (G_OBJECT (row), "record", g_object_ref (list), g_object_unref);
  gtk_widget_set_name (row, stead_record_get_title (list));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_add_css_class (row, "property");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), parts->countdown);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), parts->purge);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  groups_households_view_show_row (row, NULL, list);
  g_signal_connect_object (list, "notify", G_CALLBACK (groups_households_view_show_row), row,
                           G_CONNECT_SWAPPED);
  return row;
}

/* ------------------------------------------------------------------------ */
/* The households of one list: personal data                                 */

static void
groups_households_view_show_households (GroupsHouseholdsView *self)
{
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  gboolean allowed = self->show_personal && self->shown_list != 0;

  if (self->workspace == NULL)
    return;
  if (self->shown_list != 0)
    name = stead_workspace_get_record_title (self->workspace, "household-list", self->shown_list);
  title = name != NULL ? g_strdup_printf (_("Households of “%s”"), name)
                       : g_strdup (_("Households"));
  adw_preferences_group_set_title (self->households_group, title);
  adw_preferences_group_set_description (
    self->households_group,
    self->shown_list == 0 ? _("Choose a list to see its households.")
    : !self->show_personal ? _("Names, phones, addresses, references and needs of households are "
                               "personal data: they are shown only while Show Personal Data is "
                               "on in Preferences.")
                           : _("Personal data: share it only as the list’s agreement allows."));
  gtk_widget_set_visible (self->hidden_row, self->shown_list != 0 && !self->show_personal);
  gtk_widget_set_visible (self->households_scrolled, allowed);
  /* Never read while hidden: the model holds personal data only when shown. */
  if (!allowed)
    {
      gtk_column_view_set_model (self->households, NULL);
      g_clear_object (&self->household_model);
      return;
    }
  if (self->household_model == NULL)
    {
      g_autoptr(GtkSelectionModel) selection = NULL;

      self->household_model =
        groups_page_children_new (self->workspace, GROUPS_TYPE_HOUSEHOLD, self->shown_list);
      selection = GTK_SELECTION_MODEL (
        gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->household_model))));
      gtk_column_view_set_model (self->households, selection);
    }
  else
    stead_query_model_set_params (self->household_model,
                                  STEAD_ARGS (STEAD_INT (self->shown_list)));
}

void
groups_households_view_select (GroupsHouseholdsView *self,
                               gint64                list)
{
  g_return_if_fail (GROUPS_IS_HOUSEHOLDS_VIEW (self));

  self->shown_list = list;
  groups_households_view_show_households (self);
  /* The list whose households are shown is the one selected. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->lists)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      SteadRecord *record = g_object_get_data (G_OBJECT (row), "record");

      if (record != NULL && stead_record_get_id (record) == list)
        gtk_list_box_select_row (self->lists, GTK_LIST_BOX_ROW (row));
    }
}

static void
groups_households_view_on_row_activated (GroupsHouseholdsView *self,
                                         GtkListBoxRow        *row)
{
  SteadRecord *list = g_object_get_data (G_OBJECT (row), "record");

  groups_households_view_select (self, list != NULL ? stead_record_get_id (list) : 0);
}

static void
groups_households_view_on_show_personal (GroupsHouseholdsView *self)
{
  self->show_personal = g_settings_get_boolean (self->settings, "show-personal-data");
  groups_households_view_show_households (self);
}

static void
groups_households_view_bind_cell (GtkSignalListItemFactory *factory,
                                  GtkListItem              *item,
                                  const char               *field)
{
  SteadRecord *household = gtk_list_item_get_item (item);
  g_autofree char *text = stead_record_dup_display (household, field);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
groups_households_view_setup_cell (GtkSignalListItemFactory *factory,
                                   GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
groups_households_view_add_columns (GroupsHouseholdsView *self)
{
  const SteadRecordInfo *info = &groups_household_info;

  for (guint i = 0; i < info->n_fields; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (groups_households_view_setup_cell), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (groups_households_view_bind_cell),
                        (gpointer) info->fields[i].name);
      column = gtk_column_view_column_new (stead_field_get_label (&info->fields[i]), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, g_str_equal (info->fields[i].name, "address"));
      gtk_column_view_append_column (self->households, column);
      g_object_unref (column);
    }
}

/* ------------------------------------------------------------------------ */
/* Privacy settings                                                          */

static void
groups_households_view_show_settings (GroupsHouseholdsView *self)
{
  self->updating = TRUE;
  gtk_spin_button_set_value (self->suppress,
                             groups_setting_get (self->workspace, "suppress-below"));
  gtk_spin_button_set_value (self->privacy_zoom,
                             groups_setting_get (self->workspace, "privacy-zoom"));
  self->updating = FALSE;
}

static void
groups_households_view_on_setting (GroupsHouseholdsView *self,
                                   GtkSpinButton        *spin)
{
  g_autoptr(GError) error = NULL;
  const char *key = spin == self->suppress ? "suppress-below" : "privacy-zoom";
  gint64 value = gtk_spin_button_get_value_as_int (spin);

  if (self->updating || self->workspace == NULL ||
      groups_setting_get (self->workspace, key) == value)
    return;
  if (!groups_setting_set (self->workspace, key, value, &error))
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
}

static GtkSpinButton *
groups_households_view_spin_row (GroupsHouseholdsView *self,
                                 AdwPreferencesGroup  *group,
                                 const char           *name,
                                 const char           *title,
                                 const char           *subtitle,
                                 double                min,
                                 double                max)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  gtk_widget_set_name (spin, name);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (groups_households_view_on_setting),
                           self, G_CONNECT_SWAPPED);
  return GTK_SPIN_BUTTON (spin);
}

/* ------------------------------------------------------------------------ */

static void
groups_households_view_on_lists_changed (GroupsHouseholdsView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list_model));

  gtk_widget_set_visible (self->empty, n == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->lists), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->households_group), n > 0);
  if (self->shown_list == 0 && n > 0)
    {
      g_autoptr(SteadRecord) first = g_list_model_get_item (G_LIST_MODEL (self->list_model), 0);

      groups_households_view_select (self, stead_record_get_id (first));
    }
  else
    groups_households_view_show_households (self);
}

static void
groups_households_view_on_changed (GroupsHouseholdsView *self)
{
  if (self->workspace != NULL && !stead_workspace_is_closed (self->workspace))
    groups_households_view_show_settings (self);
}

void
groups_households_view_set_workspace (GroupsHouseholdsView *self,
                                      SteadWorkspace       *workspace)
{
  GApplication *app = g_application_get_default ();

  g_return_if_fail (GROUPS_IS_HOUSEHOLDS_VIEW (self));
  g_return_if_fail (self->workspace == NULL);

  self->workspace = workspace;   /* the page's, which owns this view */
  if (STEAD_IS_APPLICATION (app))
    {
      self->settings = g_object_ref (stead_application_get_settings (STEAD_APPLICATION (app)));
      g_signal_connect_object (self->settings, "changed::show-personal-data",
                               G_CALLBACK (groups_households_view_on_show_personal), self,
                               G_CONNECT_SWAPPED);
      self->show_personal = g_settings_get_boolean (self->settings, "show-personal-data");
    }
  self->list_model = groups_household_lists_new (workspace);
  stead_query_model_set_notify_only (self->list_model, TRUE);
  gtk_list_box_bind_model (self->lists, G_LIST_MODEL (self->list_model),
                           groups_households_view_create_row, self, NULL);
  g_signal_connect_object (self->list_model, "items-changed",
                           G_CALLBACK (groups_households_view_on_lists_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "changed", G_CALLBACK (groups_households_view_on_changed),
                           self, G_CONNECT_SWAPPED);
  groups_households_view_show_settings (self);
  groups_households_view_on_lists_changed (self);
}

static void
groups_households_view_dispose (GObject *object)
{
  GroupsHouseholdsView *self = GROUPS_HOUSEHOLDS_VIEW (object);

  if (self->lists != NULL)
    gtk_list_box_bind_model (self->lists, NULL, NULL, NULL, NULL);
  if (self->toasts != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->toasts)));
  g_clear_object (&self->list_model);
  g_clear_object (&self->household_model);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (groups_households_view_parent_class)->dispose (object);
}

static void
groups_households_view_class_init (GroupsHouseholdsViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = groups_households_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
groups_households_view_init (GroupsHouseholdsView *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  AdwPreferencesGroup *lists_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *privacy = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->toasts), GTK_WIDGET (self));
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (self->scrolled, TRUE);
  adw_toast_overlay_set_child (self->toasts, self->scrolled);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), clamp);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);

  adw_preferences_group_set_title (lists_group, _("Household Lists"));
  adw_preferences_group_set_description (
    lists_group, _("Person-level lists from data-sharing partners, such as Priority Services "
                   "Register extracts. Each is purged when its retention date comes."));
  /* Not an AdwStatusPage: that scrolls by itself, and is cut short here. */
  self->empty = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_name (self->empty, "households-empty");
  gtk_widget_set_margin_top (self->empty, 18);
  gtk_widget_set_margin_bottom (self->empty, 18);
  {
    GtkWidget *icon = gtk_image_new_from_icon_name ("x-office-address-book-symbolic");
    GtkWidget *title = gtk_label_new (_("No Household Lists"));
    GtkWidget *text = gtk_label_new (
      _("Import a Priority Services Register extract to plan for the households on it, under "
        "its data-sharing agreement."));
    GtkWidget *import = gtk_button_new_with_mnemonic (_("_Import…"));

    gtk_image_set_pixel_size (GTK_IMAGE (icon), 64);
    gtk_widget_add_css_class (icon, "dim-label");
    gtk_widget_add_css_class (title, "title-2");
    gtk_label_set_wrap (GTK_LABEL (title), TRUE);
    gtk_label_set_wrap (GTK_LABEL (text), TRUE);
    gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (import), "win.import");
    gtk_widget_set_halign (import, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (import, "pill");
    gtk_box_append (GTK_BOX (self->empty), icon);
    gtk_box_append (GTK_BOX (self->empty), title);
    gtk_box_append (GTK_BOX (self->empty), text);
    gtk_box_append (GTK_BOX (self->empty), import);
  }
  adw_preferences_group_add (lists_group, self->empty);
  self->lists = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->lists), "household-lists");
  gtk_list_box_set_selection_mode (self->lists, GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (GTK_WIDGET (self->lists), "boxed-list");
  g_signal_connect_object (self->lists, "row-activated",
                           G_CALLBACK (groups_households_view_on_row_activated), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (lists_group, GTK_WIDGET (self->lists));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (lists_group));

  self->households_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  gtk_widget_set_name (GTK_WIDGET (self->households_group), "households");
  self->hidden_row = adw_action_row_new ();
  gtk_widget_set_name (self->hidden_row, "personal-hidden");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->hidden_row),
                                 _("Personal data hidden"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (self->hidden_row),
                             gtk_image_new_from_icon_name ("changes-prevent-symbolic"));
  {
    GtkWidget *list = gtk_list_box_new ();

    gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (list, "boxed-list");
    gtk_list_box_append (GTK_LIST_BOX (list), self->hidden_row);
    adw_preferences_group_add (self->households_group, list);
    /* The row's list goes with the row. */
    g_object_bind_property (self->hidden_row, "visible", list, "visible", G_BINDING_SYNC_CREATE);
  }
  self->households = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->households), "household-rows");
  gtk_widget_add_css_class (GTK_WIDGET (self->households), "card");
  groups_households_view_add_columns (self);
  self->households_scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->households_scrolled),
                                              260);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->households_scrolled),
                                 GTK_WIDGET (self->households));
  adw_preferences_group_add (self->households_group, self->households_scrolled);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->households_group));

  adw_preferences_group_set_title (privacy, _("Privacy in This Workspace"));
  adw_preferences_group_set_description (
    privacy, _("Small numbers could identify people: exports and reports leave out counts "
               "below the threshold."));
  self->suppress = groups_households_view_spin_row (
    self, privacy, "suppress-below", _("Hide Counts Below"),
    _("Counts from 1 up to this number less one are suppressed"), 2, 100);
  self->privacy_zoom = groups_households_view_spin_row (
    self, privacy, "privacy-zoom", _("Households as Points from Zoom"),
    _("Closer in than this, lists whose agreement allows it show each household"), 10, 20);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (privacy));
}
