/* stead-needs-page.c: the core's needs as casework
 *
 * The Needs page of the window, on the plugin kit: every need in the
 * workspace (a million scroll, since the list model filters in its query
 * on a worker thread and the column view recycles its rows), filtered by
 * status, kind, urgency, ward, the partner it is assigned to and when it
 * was opened; the selected need's details edit in place (each change one
 * undo step), with its next steps as buttons. Personal data (the title
 * and notes) is shown only if the show-personal-data setting allows it.
 * A need a plugin published opens in that plugin's page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-needs-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-application.h"
#include "stead-field-group.h"
#include "stead-map-view.h"
#include "stead-needs-page.h"
#include "stead-position-row.h"
#include "stead-record-form.h"
#include "stead-record-page.h"
#include "stead-window.h"

struct _SteadNeedsPage
{
  SteadPage         parent_instance;

  SteadRecordPage  *records;
  GtkDropDown      *status_filter;
  GtkDropDown      *kind_filter;
  GtkDropDown      *urgency_filter;
  GtkDropDown      *area_filter;
  GtkDropDown      *assignee_filter;
  GtkDropDown      *opened_filter;
  GtkMenuButton    *more_filters;
  GtkLabel         *count_label;
  GtkWidget        *met_button;
  GtkWidget        *close_button;
  GtkWidget        *reopen_button;
  GtkWidget        *plugin_button;
  GtkWidget        *remove_button;
  SteadFieldGroup  *case_fields;
  SteadFieldGroup  *personal_fields;
  SteadFieldGroup  *time_fields;
  GtkWidget        *position_group;
  SteadPositionRow *position_row;

  SteadWorkspace   *workspace;      /* the page's */
  SteadQueryModel  *needs;
  SteadQueryModel  *detail;
  SteadRecord      *need;           /* the selected need, every field */
  GListModel       *kinds;
  GListModel       *areas;
  GListModel       *partners;
  GSettings        *settings;
  gboolean          show_personal;
  gboolean          resetting;
  SteadWorkspace   *counted;        /* followed for the count of all needs */
  gint64            total;
};

G_DEFINE_FINAL_TYPE (SteadNeedsPage, stead_needs_page, STEAD_TYPE_PAGE)

static const SteadChoice stead_needs_page_statuses[] = {
  { "", N_("All Needs") },
  { "active", N_("Open or Assigned") },
  { "open", N_("Open") },
  { "assigned", N_("Assigned") },
  { "met", N_("Met") },
  { "closed", N_("Closed") },
  { "cancelled", N_("Cancelled") },
  { NULL }
};

static const SteadChoice stead_needs_page_urgencies[] = {
  { "", N_("Any Urgency") },
  { "4", N_("Critical") },
  { "3", N_("High") },
  { "2", N_("Medium") },
  { "1", N_("Low") },
  { NULL }
};

/* Days back from now. */
static const SteadChoice stead_needs_page_opened[] = {
  { "", N_("Any Time") },
  { "1", N_("Today") },
  { "7", N_("Last 7 Days") },
  { "30", N_("Last 30 Days") },
  { "365", N_("Last Year") },
  { NULL }
};

/* ------------------------------------------------------------------------ */
/* Filters                                                                   */

static const char *
stead_needs_page_filter_code (GtkDropDown *dropdown)
{
  SteadTerm *term = gtk_drop_down_get_selected_item (dropdown);

  return term != NULL ? stead_term_get_code (term) : "";
}

/* "All …" first, then @terms, kept up to date as @terms change. */
static GListModel *
stead_needs_page_with_all (GListModel *terms,
                           const char *all_label,
                           const char *extra_code,
                           const char *extra_label)
{
  g_autoptr(GListStore) heads = g_list_store_new (G_TYPE_LIST_MODEL);
  g_autoptr(GListStore) first = g_list_store_new (STEAD_TYPE_TERM);
  g_autoptr(SteadTerm) all = stead_term_new ("", all_label, NULL);

  g_list_store_append (first, all);
  if (extra_code != NULL)
    {
      g_autoptr(SteadTerm) extra = stead_term_new (extra_code, extra_label, NULL);

      g_list_store_append (first, extra);
    }
  g_list_store_append (heads, first);
  g_list_store_append (heads, terms);
  return G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&heads))));
}

static void
stead_needs_page_update_count (SteadNeedsPage *self)
{
  guint shown = g_list_model_get_n_items (stead_record_page_get_shown (self->records));
  gint64 total = self->total;
  g_autofree char *text = NULL;

  stead_record_page_set_n_records (self->records, (int) MIN (total, G_MAXINT));
  if (stead_query_model_get_loading (self->needs))
    text = g_strdup (_("Loading needs…"));
  else if ((gint64) shown == total)
    text = g_strdup_printf (ngettext ("%u need", "%u needs", shown), shown);
  else
    /* TRANSLATORS: needs listed of all needs: "1,204 of 56,000 needs" */
    text = g_strdup_printf (ngettext ("%u of %" G_GINT64_FORMAT " need",
                                      "%u of %" G_GINT64_FORMAT " needs", (gulong) total),
                            shown, total);
  gtk_label_set_text (self->count_label, text);
}

/* The Filters button says how many of its filters are on. */
static void
stead_needs_page_show_filters (SteadNeedsPage *self)
{
  GtkDropDown *more[] = { self->kind_filter, self->urgency_filter, self->area_filter,
                          self->assignee_filter, self->opened_filter };
  g_autofree char *label = NULL;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (more); i++)
    n += gtk_drop_down_get_selected (more[i]) > 0;
  if (n == 0)
    label = g_strdup (_("_Filters"));
  else
    /* TRANSLATORS: the button of the Needs page's other filters, with how many are on */
    label = g_strdup_printf (ngettext ("_Filters (%u)", "_Filters (%u)", n), n);
  gtk_menu_button_set_label (self->more_filters, label);
  gtk_menu_button_set_use_underline (self->more_filters, TRUE);
}

/* How many needs there are: counted again only when the needs change. */
static void
stead_needs_page_recount (gpointer owner)
{
  SteadNeedsPage *self = owner;

  self->total = stead_workspace_count_needs (self->counted);
  if (self->needs != NULL)
    stead_needs_page_update_count (self);
}

static void
stead_needs_page_refilter (SteadNeedsPage *self)
{
  SteadNeedFilter filter = { 0 };
  const char *status, *urgency, *area, *assignee, *opened;
  g_autofree char *since = NULL;

  if (self->needs == NULL || self->resetting)
    return;
  status = stead_needs_page_filter_code (self->status_filter);
  urgency = stead_needs_page_filter_code (self->urgency_filter);
  area = stead_needs_page_filter_code (self->area_filter);
  assignee = stead_needs_page_filter_code (self->assignee_filter);
  opened = stead_needs_page_filter_code (self->opened_filter);
  filter.status = *status != '\0' ? status : NULL;
  filter.kind = stead_needs_page_filter_code (self->kind_filter);
  filter.urgency = (int) g_ascii_strtoll (urgency, NULL, 10);
  filter.area = g_ascii_strtoll (area, NULL, 10);
  filter.assignee = g_ascii_strtoll (assignee, NULL, 10);
  if (*opened != '\0')
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) then = g_date_time_add_days (now, -(int) g_ascii_strtoll (opened, NULL,
                                                                                       10));

      since = g_date_time_format (then, "%Y-%m-%dT%H:%M:%S");
      filter.opened_since = since;
    }
  stead_needs_set_filter (self->needs, &filter);
  stead_needs_page_update_count (self);
  stead_needs_page_show_filters (self);
}

static void
stead_needs_page_on_reset_filters (SteadNeedsPage *self)
{
  GtkDropDown *filters[] = { self->status_filter, self->kind_filter, self->urgency_filter,
                             self->area_filter, self->assignee_filter, self->opened_filter };

  self->resetting = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    gtk_drop_down_set_selected (filters[i], 0);
  self->resetting = FALSE;
  stead_needs_page_refilter (self);
}

/* ------------------------------------------------------------------------ */
/* The selected need                                                         */

static void
stead_needs_page_show_need (SteadNeedsPage *self)
{
  g_autoptr(SteadRecord) need = NULL;
  const char *status;
  gboolean owned, done;

  if (self->detail != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->detail)) > 0)
    need = g_list_model_get_item (G_LIST_MODEL (self->detail), 0);
  g_set_object (&self->need, need);
  stead_field_group_set_record (self->case_fields, need);
  stead_field_group_set_record (self->time_fields, need);
  stead_field_group_set_record (self->personal_fields, self->show_personal ? need : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->personal_fields), self->show_personal);
  if (need == NULL)
    return;

  {
    g_autofree char *kind = stead_workspace_get_term_label (
      self->workspace, "need-kind", stead_record_get_string (need, "kind"));

    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->case_fields),
                                     kind != NULL ? kind : stead_record_get_string (need, "kind"));
  }
  status = stead_record_get_string (need, "status");
  owned = stead_record_get_string (need, "owner") != NULL;
  done = g_strcmp0 (status, "closed") == 0 || g_strcmp0 (status, "cancelled") == 0;
  gtk_widget_set_visible (self->met_button, g_strcmp0 (status, "open") == 0 ||
                                              g_strcmp0 (status, "assigned") == 0);
  gtk_widget_set_visible (self->close_button, !done);
  gtk_widget_set_visible (self->reopen_button, done || g_strcmp0 (status, "met") == 0);
  gtk_widget_set_visible (self->plugin_button, owned);
  gtk_widget_set_visible (self->remove_button, !owned);
  /* A plugin's need is where its record is: moved there. */
  gtk_widget_set_visible (self->position_group, !owned);
  if (!stead_record_is_null (need, "longitude") && !stead_record_is_null (need, "latitude") &&
      !gtk_widget_has_focus (GTK_WIDGET (self->position_row)))
    stead_position_row_set_position (self->position_row,
                                     stead_record_get_double (need, "longitude"),
                                     stead_record_get_double (need, "latitude"));
}

static void
stead_needs_page_on_selected (SteadNeedsPage *self)
{
  SteadRecord *selected = stead_record_page_get_selected (self->records);

  if (self->detail != NULL)
    stead_need_detail_set_fid (self->detail, selected != NULL ? stead_record_get_id (selected) : 0);
}

static gint64
stead_needs_page_selected_id (SteadNeedsPage *self)
{
  return self->need != NULL ? stead_record_get_id (self->need) : 0;
}

static void
stead_needs_page_set_status (SteadNeedsPage *self,
                             const char     *status,
                             const char     *message)
{
  g_autoptr(GError) error = NULL;

  if (!stead_need_set_status (self->workspace, stead_needs_page_selected_id (self), status,
                              &error))
    stead_record_page_show_error (self->records, error);
  else
    stead_record_page_toast_undo (self->records, message);
}

static void
stead_needs_page_on_mark_met (SteadNeedsPage *self)
{
  stead_needs_page_set_status (self, "met", _("Need marked met"));
}

static void
stead_needs_page_on_close (SteadNeedsPage *self)
{
  stead_needs_page_set_status (self, "closed", _("Need closed"));
}

static void
stead_needs_page_on_reopen (SteadNeedsPage *self)
{
  gboolean assigned = self->need != NULL && !stead_record_is_null (self->need, "assignee");

  stead_needs_page_set_status (self, assigned ? "assigned" : "open", _("Need reopened"));
}

static SteadWindow *
stead_needs_page_get_window (SteadNeedsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return STEAD_IS_WINDOW (root) ? STEAD_WINDOW (root) : NULL;
}

static void
stead_needs_page_on_show_on_map (SteadNeedsPage *self)
{
  SteadWindow *window = stead_needs_page_get_window (self);
  gint64 fid = stead_needs_page_selected_id (self);

  if (window == NULL || fid == 0)
    return;
  stead_window_show_page (window, "map");
  stead_map_view_show_point (stead_window_get_map_view (window), TRUE, fid);
}

static void
stead_needs_page_on_open_record (SteadNeedsPage *self)
{
  g_autofree char *action = NULL;

  if (self->need == NULL || stead_record_get_string (self->need, "owner") == NULL)
    return;
  action = g_strdup_printf ("%s.show-record", stead_record_get_string (self->need, "owner"));
  if (!gtk_widget_activate_action (GTK_WIDGET (self), action, "x",
                                   stead_record_get_int (self->need, "owner_ref")))
    stead_record_page_toast (self->records, _("The plugin this need comes from is switched off"));
}

static void
stead_needs_page_on_move (SteadNeedsPage *self)
{
  g_autoptr(GError) error = NULL;
  double lon, lat;

  if (self->need == NULL)
    return;
  if (!stead_position_row_get_position (self->position_row, &lon, &lat))
    {
      const char *problem = stead_position_row_get_problem (self->position_row);

      error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                   problem != NULL ? problem : _("That is not a position"));
      stead_record_page_show_error (self->records, error);
      return;
    }
  if (!stead_need_move (self->workspace, stead_needs_page_selected_id (self), lon, lat, &error))
    stead_record_page_show_error (self->records, error);
  else
    stead_record_page_toast_undo (self->records, _("Need moved"));
}

static void
stead_needs_page_on_remove (SteadNeedsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!stead_need_remove (self->workspace, stead_needs_page_selected_id (self), &error))
    stead_record_page_show_error (self->records, error);
  else
    stead_record_page_toast_undo (self->records, _("Need removed"));
}

/* ------------------------------------------------------------------------ */
/* Adding                                                                    */

static gboolean
stead_needs_page_save_new (SteadForm  *form,
                           gpointer    user_data,
                           GError    **error)
{
  SteadNeedsPage *self = user_data;
  double lon, lat;
  gint64 fid;

  if (!stead_form_get_position (form, &lon, &lat))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Give the need a position on the map"));
      return FALSE;
    }
  fid = stead_need_add (self->workspace, stead_form_get_text (form, "kind"),
                        stead_form_get_int (form, "people", 1),
                        (int) stead_form_get_int (form, "urgency", 2),
                        stead_form_get_text (form, "title"), lon, lat, error);
  if (fid == 0)
    return FALSE;
  stead_record_page_reveal (self->records, fid);
  stead_record_page_toast_undo (self->records, _("Need added"));
  return TRUE;
}

static void
stead_needs_page_on_add (SteadNeedsPage *self)
{
  const SteadRecordInfo *info = stead_record_type_get_info (STEAD_TYPE_NEED);
  const char *initial[] = { "people", "1", "urgency", "2", NULL };
  SteadForm *form;

  form = stead_form_new (GTK_WIDGET (self), _("Add Need"),
                         _("Where is it? A postcode, a grid reference, a latitude and longitude, "
                           "or a place picked on the map."),
                         info->fields, info->n_fields,
                         self->show_personal ? "kind people urgency title" : "kind people urgency",
                         NULL, initial, self->workspace, stead_needs_page_save_new, self, NULL);
  stead_form_add_position (form, TRUE, NULL);
  stead_form_present (form);
}

/* ------------------------------------------------------------------------ */
/* SteadPage                                                                 */

static void
stead_needs_page_on_show_personal (SteadNeedsPage *self)
{
  self->show_personal = g_settings_get_boolean (self->settings, "show-personal-data");
  stead_needs_page_show_need (self);
}

static void
stead_needs_page_load (SteadPage      *page,
                       SteadWorkspace *workspace)
{
  SteadNeedsPage *self = STEAD_NEEDS_PAGE (page);
  GApplication *app = g_application_get_default ();
  const SteadRecordInfo *info = stead_record_type_get_info (STEAD_TYPE_NEED);
  const SteadField *assignee = stead_field_find (info->fields, info->n_fields, "assignee");
  g_autoptr(GListModel) statuses = stead_choices_model_new (stead_needs_page_statuses);
  g_autoptr(GListModel) urgencies = stead_choices_model_new (stead_needs_page_urgencies);
  g_autoptr(GListModel) opened = stead_choices_model_new (stead_needs_page_opened);
  g_autoptr(GListModel) kinds = NULL;
  g_autoptr(GListModel) areas = NULL;
  g_autoptr(GListModel) partners = NULL;

  self->workspace = workspace;   /* the page's, for as long as it lives */
  if (STEAD_IS_APPLICATION (app))
    {
      self->settings = g_object_ref (stead_application_get_settings (STEAD_APPLICATION (app)));
      g_signal_connect_object (self->settings, "changed::show-personal-data",
                               G_CALLBACK (stead_needs_page_on_show_personal), self,
                               G_CONNECT_SWAPPED);
      self->show_personal = g_settings_get_boolean (self->settings, "show-personal-data");
    }
  stead_record_page_set_workspace (self->records, workspace);
  stead_position_row_set_workspace (self->position_row, workspace);

  self->resetting = TRUE;
  gtk_drop_down_set_model (self->status_filter, statuses);
  gtk_drop_down_set_model (self->urgency_filter, urgencies);
  gtk_drop_down_set_model (self->opened_filter, opened);
  self->kinds = stead_vocabulary_new (workspace, "need-kind");
  kinds = stead_needs_page_with_all (self->kinds, _("All Kinds"), NULL, NULL);
  gtk_drop_down_set_model (self->kind_filter, kinds);
  self->areas = stead_workspace_list_areas (workspace, "ward");
  areas = stead_needs_page_with_all (self->areas, _("All Wards"), NULL, NULL);
  gtk_drop_down_set_model (self->area_filter, areas);
  self->partners = stead_field_choices_new (assignee, workspace);
  if (self->partners == NULL)
    self->partners = G_LIST_MODEL (g_list_store_new (STEAD_TYPE_TERM));
  partners = stead_needs_page_with_all (self->partners, _("Anyone"), "-1", _("Unassigned"));
  gtk_drop_down_set_model (self->assignee_filter, partners);
  self->resetting = FALSE;

  stead_workspace_follow (&self->counted, workspace, self, "need", stead_needs_page_recount);
  self->needs = stead_needs_new (workspace);
  self->detail = stead_need_detail_new (workspace);
  g_signal_connect_object (self->detail, "items-changed",
                           G_CALLBACK (stead_needs_page_show_need), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->needs, "notify::loading",
                           G_CALLBACK (stead_needs_page_update_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (stead_record_page_get_shown (self->records), "items-changed",
                           G_CALLBACK (stead_needs_page_update_count), self, G_CONNECT_SWAPPED);
  stead_record_page_set_model (self->records, G_LIST_MODEL (self->needs));
  stead_needs_page_refilter (self);
}

/* "Open Record" of a need the core recorded, and search results. */
static gboolean
stead_needs_page_show (SteadPage  *page,
                       const char *kind,
                       gint64      id)
{
  SteadNeedsPage *self = STEAD_NEEDS_PAGE (page);

  if (!g_str_equal (kind, "need") || id <= 0)
    return FALSE;
  stead_record_page_reveal (self->records, id);
  return TRUE;
}

static void
stead_needs_page_dispose (GObject *object)
{
  SteadNeedsPage *self = STEAD_NEEDS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STEAD_TYPE_NEEDS_PAGE);
  g_clear_object (&self->need);
  g_clear_object (&self->needs);
  g_clear_object (&self->detail);
  g_clear_object (&self->kinds);
  g_clear_object (&self->areas);
  g_clear_object (&self->partners);
  g_clear_object (&self->settings);
  g_clear_object (&self->counted);
  G_OBJECT_CLASS (stead_needs_page_parent_class)->dispose (object);
}

static void
stead_needs_page_class_init (SteadNeedsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stead_needs_page_dispose;
  STEAD_PAGE_CLASS (klass)->load = stead_needs_page_load;
  STEAD_PAGE_CLASS (klass)->show = stead_needs_page_show;

  g_type_ensure (STEAD_TYPE_RECORD_PAGE);
  g_type_ensure (STEAD_TYPE_FIELD_GROUP);
  g_type_ensure (STEAD_TYPE_POSITION_ROW);
  g_type_ensure (STEAD_TYPE_NEED);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/steadapp/Stead/"
                                                             "stead-needs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SteadNeedsPage, records);
  gtk_widget_class_bind_template_child (widget_class, SteadNeedsPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, SteadNeedsPage, kind_filter);
  gtk_widget_class_bind_template_child (widget_class, SteadNeedsPage, urgency_filter);
  gtk_widget_class_bind_template_child (widget_class, SteadNeedsPage, area_filter);
  gtk_widget_class_bind_template_child (widget_class, SteadNeedsPage, assignee_filter);
  gtk_widget_class_bind_template_child (widget_class, SteadNeedsPage, opened_filter);
  gtk_widget_class_bind_template_child (widget_class, SteadNeedsPage, more_filters);
  gtk_widget_class_bind_template_child (widget_class, SteadNeedsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SteadNeedsPage, met_button);
  gtk_widget_class_bind_template_child (widget_class, SteadNeedsPage, close_button);
  gtk_widget_class_bind_template_child (widget_class, SteadNeedsPage, reopen_button);
  gtk_widget_class_bind_template_child (widget_class, SteadNeedsPage, plugin_button);
  gtk_widget_class_bind_template_child (widget_class, SteadNeedsPage, remove_button);
  gtk_widget_class_bind_template_child (widget_class, SteadNeedsPage, case_fields);
  gtk_widget_class_bind_template_child (widget_class, SteadNeedsPage, personal_fields);
  gtk_widget_class_bind_template_child (widget_class, SteadNeedsPage, time_fields);
  gtk_widget_class_bind_template_child (widget_class, SteadNeedsPage, position_group);
  gtk_widget_class_bind_template_child (widget_class, SteadNeedsPage, position_row);
  gtk_widget_class_bind_template_callback (widget_class, stead_needs_page_on_add);
  gtk_widget_class_bind_template_callback (widget_class, stead_needs_page_on_reset_filters);
  gtk_widget_class_bind_template_callback (widget_class, stead_needs_page_on_selected);
  gtk_widget_class_bind_template_callback (widget_class, stead_needs_page_refilter);
  gtk_widget_class_bind_template_callback (widget_class, stead_needs_page_on_mark_met);
  gtk_widget_class_bind_template_callback (widget_class, stead_needs_page_on_close);
  gtk_widget_class_bind_template_callback (widget_class, stead_needs_page_on_reopen);
  gtk_widget_class_bind_template_callback (widget_class, stead_needs_page_on_show_on_map);
  gtk_widget_class_bind_template_callback (widget_class, stead_needs_page_on_open_record);
  gtk_widget_class_bind_template_callback (widget_class, stead_needs_page_on_move);
  gtk_widget_class_bind_template_callback (widget_class, stead_needs_page_on_remove);
}

static void
stead_needs_page_init (SteadNeedsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * stead_needs_page_select:
 * @self: a #SteadNeedsPage
 * @fid: a need
 *
 * Shows the need, clearing any filter that hides it.
 */
void
stead_needs_page_select (SteadNeedsPage *self,
                         gint64          fid)
{
  g_return_if_fail (STEAD_IS_NEEDS_PAGE (self));

  stead_record_page_reveal (self->records, fid);
}

/**
 * stead_needs_page_assign:
 * @self: a #SteadNeedsPage
 * @fid: a need
 *
 * Shows the need with the choice of partner to assign it to open.
 */
void
stead_needs_page_assign (SteadNeedsPage *self,
                         gint64          fid)
{
  GtkWidget *row;

  g_return_if_fail (STEAD_IS_NEEDS_PAGE (self));

  stead_record_page_reveal (self->records, fid);
  row = stead_field_group_get_row (self->case_fields, "assignee");
  if (self->need == NULL || stead_record_get_id (self->need) != fid || row == NULL)
    return;
  gtk_widget_grab_focus (row);
  gtk_widget_activate (row);
}
