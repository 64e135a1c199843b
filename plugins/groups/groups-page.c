/* groups-page.c: the Target Groups page
 *
 * The record page of target groups (groups-page.ui) with what only the
 * groups need: who they are and why they are vulnerable, what they need
 * in a disruption, how many are where (counts per area, edited in place,
 * and places), who reaches them, what they are exposed to (judged, and
 * found from hazard areas), the engagement log; beside the list, the
 * coverage view (the ranked gaps) and the household lists. Every edit is
 * one undo step, offered back in a toast where it removes something.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "groups"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "groups.h"
#include "groups-coverage.h"
#include "groups-page.h"

struct _GroupsPage
{
  SteadPage             parent_instance;

  SteadRecordPage      *records;
  SteadFieldGroup      *fields;
  GtkToggleButton      *list_toggle;
  GtkToggleButton      *coverage_toggle;
  GtkToggleButton      *households_toggle;
  GroupsCoverageView   *coverage;
  GroupsHouseholdsView *households;
  SteadRecordList      *needs;
  AdwPreferencesGroup  *counts_group;
  GtkListBox           *counts;
  GtkListBox           *places;
  SteadRecordList      *reach;
  SteadRecordList      *exposure;
  GtkListBox           *derived;
  GtkLabel             *derived_placeholder;
  AdwActionRow         *gaps_row;
  GtkWidget            *gaps_button;
  SteadRecordList      *engagement;

  SteadWorkspace       *workspace;
  SteadQueryModel      *groups;
  SteadQueryModel      *count_model;
  SteadQueryModel      *place_model;
};

G_DEFINE_FINAL_TYPE (GroupsPage, groups_page, STEAD_TYPE_PAGE)

static const SteadField groups_page_new_fields[] = {
  { "name", .required = TRUE, .label = N_("Name") },
  { "category", .type = STEAD_FIELD_TERM, .vocabulary = "target-group", .label = N_("Category") },
};

static const SteadField groups_page_need_fields[] = {
  { "kind", .required = TRUE, .type = STEAD_FIELD_TERM, .vocabulary = "need-kind",
    .label = N_("Need") },
};

static const SteadField groups_page_count_fields[] = {
  { "area", .required = TRUE, .type = STEAD_FIELD_INT, .min = 1, .max = G_MAXINT64,
    .label = N_("Area") },
  { "count", .required = TRUE, .type = STEAD_FIELD_INT, .min = 0, .max = 100000000,
    .label = N_("How Many") },
  { "source", .label = N_("Source") },
  { "date", .type = STEAD_FIELD_DATE, .label = N_("Date") },
};

static const SteadField groups_page_place_fields[] = {
  { "name", .required = TRUE, .label = N_("Name") },
  { "what", .label = N_("What It Is (care home, hostel…)") },
  { "people", .type = STEAD_FIELD_INT, .min = 0, .max = 1000000, .label = N_("People There") },
};

static const SteadField groups_page_reach_fields[] = {
  { "organisation", .required = TRUE, .type = STEAD_FIELD_RECORD, .vocabulary = "organisation",
    .label = N_("Partner") },
  { "channel", .required = TRUE, .type = STEAD_FIELD_CHOICE, .choices = groups_channels,
    .label = N_("Channel") },
  { "strength", .required = TRUE, .type = STEAD_FIELD_CHOICE, .choices = groups_strengths,
    .label = N_("Relationship") },
  { "area_names", .label = N_("Areas Covered (names separated by “;”, none: everywhere)") },
  { "notes", .label = N_("Notes") },
};

static const SteadField groups_page_exposure_fields[] = {
  { "risk", .required = TRUE, .type = STEAD_FIELD_RECORD, .vocabulary = "risk",
    .label = N_("Risk") },
  { "note", .label = N_("Why") },
};

static gint64
groups_page_selected_id (GroupsPage *self)
{
  SteadRecord *record = stead_record_page_get_selected (self->records);

  return record != NULL ? stead_record_get_id (record) : 0;
}

static char *
groups_page_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
groups_page_done (GroupsPage   *self,
                  gboolean      ok,
                  const GError *error,
                  const char   *message)
{
  if (!ok)
    stead_record_page_show_error (self->records, error);
  else if (message != NULL)
    stead_record_page_toast_undo (self->records, message);
}

static SteadWindow *
groups_page_get_window (GroupsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return STEAD_IS_WINDOW (root) ? STEAD_WINDOW (root) : NULL;
}

/* ------------------------------------------------------------------------ */
/* Rows with buttons: counts (edited in place) and places                    */

static GtkWidget *
groups_page_row_button (GtkWidget   *row,
                        SteadRecord *record,
                        const char  *name,
                        const char  *icon,
                        const char  *tooltip,
                        GCallback    callback,
                        GroupsPage  *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_name (button, name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* The row's record, for the handler: the button lives no longer than its row. */
  g_object_set_data_full (G_OBJECT (button), "record", g_object_ref (record), g_object_unref);
  g_signal_connect_object (button, "clicked", callback, self, G_CONNECT_SWAPPED);
  if (ADW_IS_ENTRY_ROW (row))
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

static SteadRecord *
groups_page_button_record (GtkWidget *button)
{
  return g_object_get_data (G_OBJECT (button), "record");
}

static void
groups_page_count_tooltip (GtkWidget   *row,
                           GParamSpec  *pspec,
                           SteadRecord *count)
{
  g_autofree char *tooltip = g_strdup_printf (
    _("%s · counted %s from %s"), stead_record_get_string (count, "area_kind"),
    stead_record_get_string (count, "date") ? stead_record_get_string (count, "date") : "—",
    stead_record_get_string (count, "source") ? stead_record_get_string (count, "source")
                                              : _("an unnamed source"));

  gtk_widget_set_tooltip_text (row, tooltip);
}

static void
groups_page_remove_count (GroupsPage *self,
                          GtkWidget  *button)
{
  SteadRecord *count = groups_page_button_record (button);
  g_autoptr(GError) error = NULL;
  gboolean ok = groups_count_set (self->workspace, groups_page_selected_id (self),
                                  stead_record_get_int (count, "area"), -1, NULL, NULL, &error);

  groups_page_done (self, ok, error, _("Count removed"));
}

static void groups_page_show_counts_total (GroupsPage *self);

/* A count per area: the area's name over the number, which saves on
 * Enter or leaving the row (Escape puts it back), one undo step. */
static GtkWidget *
groups_page_create_count_row (gpointer item,
                              gpointer user_data)
{
  GroupsPage *self = user_data;
  SteadRecord *count = item;
  GtkWidget *row = stead_entry_row_new ("count");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 stead_record_get_string (count, "area_name"));
  gtk_widget_set_name (row, stead_record_get_string (count, "area_name"));
  stead_entry_row_set_record (STEAD_ENTRY_ROW (row), count);
  groups_page_count_tooltip (row, NULL, count);
  g_signal_connect_object (count, "notify", G_CALLBACK (groups_page_count_tooltip), row,
                           G_CONNECT_SWAPPED);
  /* A number typed over changes the total above. */
  g_signal_connect_object (count, "notify::count", G_CALLBACK (groups_page_show_counts_total),
                           self, G_CONNECT_SWAPPED);
  groups_page_row_button (row, count, "remove-count", "user-trash-symbolic", _("Remove Count"),
                          G_CALLBACK (groups_page_remove_count), self);
  return row;
}

/* "12,408 people in 22 areas", above the counts. */
static void
groups_page_show_counts_total (GroupsPage *self)
{
  GListModel *model = G_LIST_MODEL (self->count_model);
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;
  gint64 total = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SteadRecord) count = g_list_model_get_item (model, i);

      total += stead_record_get_int (count, "count");
    }
  if (n > 0)
    {
      g_autofree char *people = g_strdup_printf ("%'" G_GINT64_FORMAT, total);

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s people counted in %u area",
                                           "%s people counted in %u areas", n),
                              people, n);
    }
  adw_preferences_group_set_description (self->counts_group,
                                         text != NULL ? text
                                                      : _("Add how many of the group live in "
                                                          "each ward, LSOA or parish."));
}

static void
groups_page_remove_place (GroupsPage *self,
                          GtkWidget  *button)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = groups_place_delete (self->workspace,
                                     stead_record_get_id (groups_page_button_record (button)),
                                     &error);

  groups_page_done (self, ok, error, _("Place removed"));
}

static void
groups_page_show_place (GroupsPage *self,
                        GtkWidget  *button)
{
  SteadRecord *place = groups_page_button_record (button);
  SteadWindow *window = groups_page_get_window (self);
  SteadMapView *map_view;
  ShumateMap *map;

  if (window == NULL || stead_record_is_null (place, "longitude"))
    return;
  stead_window_show_page (window, "map");
  map_view = stead_window_get_map_view (window);
  map = stead_map_view_get_map (map_view);
  shumate_viewport_set_zoom_level (stead_map_view_get_viewport (map_view), 16);
  shumate_map_center_on (map, stead_record_get_double (place, "latitude"),
                         stead_record_get_double (place, "longitude"));
}

static void
groups_page_show_place_row (GtkWidget   *row,
                            GParamSpec  *pspec,
                            SteadRecord *place)
{
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *parts[] = { stead_record_get_string (place, "what"), NULL,
                          stead_record_get_string (place, "postcode") };
  g_autofree char *people = NULL;

  if (!stead_record_is_null (place, "people"))
    parts[1] = people = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%" G_GINT64_FORMAT " person",
                   "%" G_GINT64_FORMAT " people", stead_record_get_int (place, "people")),
      stead_record_get_int (place, "people"));
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && *parts[i] != '\0')
      g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", parts[i]);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), stead_record_get_title (place));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
}

static GtkWidget *
groups_page_create_place_row (gpointer item,
                              gpointer user_data)
{
  GroupsPage *self = user_data;
  SteadRecord *place = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *show;

  gtk_widget_add_css_class (row, "property");
  gtk_widget_set_name (row, stead_record_get_title (place));
  groups_page_show_place_row (row, NULL, place);
  g_signal_connect_object (place, "notify", G_CALLBACK (groups_page_show_place_row), row,
                           G_CONNECT_SWAPPED);
  show = groups_page_row_button (row, place, "show-place", "find-location-symbolic",
                                 _("Show on Map"), G_CALLBACK (groups_page_show_place), self);
  gtk_widget_set_sensitive (show, !stead_record_is_null (place, "longitude"));
  groups_page_row_button (row, place, "remove-place", "user-trash-symbolic", _("Remove Place"),
                          G_CALLBACK (groups_page_remove_place), self);
  return row;
}

/* ------------------------------------------------------------------------ */
/* Exposure found from hazard areas (the coverage's derived exposure)        */

/* The group's gaps in a line: where it is exposed and nobody instrumental
 * reaches it, and the largest. */
static void
groups_page_show_gaps_row (GroupsPage     *self,
                           GroupsCoverage *coverage,
                           gint64          group)
{
  g_autoptr(GPtrArray) cells = coverage != NULL && group != 0
                                 ? groups_coverage_list_group (coverage, group) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  guint unreached = 0;

  for (guint i = 0; cells != NULL && i < cells->len; i++)
    {
      const GroupsCoverageCell *cell = g_ptr_array_index (cells, i);

      unreached += cell->size > 0 && cell->instrumental == 0 && cell->n_exposure > 0;
    }
  if (coverage == NULL)
    title = g_strdup (_("Working out where the group is reached…"));
  else if (cells == NULL || cells->len == 0)
    title = g_strdup (_("Not counted anywhere yet: add how many are where, or their places"));
  else if (unreached == 0)
    title = g_strdup (_("Reached by an instrumental partner wherever it is exposed"));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Exposed and reached by no instrumental partner in "
                                          "%u of %u area",
                                          "Exposed and reached by no instrumental partner in "
                                          "%u of %u areas", cells->len),
                             unreached, cells->len);
  if (cells != NULL && cells->len > 0)
    {
      const GroupsCoverageCell *first = g_ptr_array_index (cells, 0);

      subtitle = g_strdup_printf (_("Largest gap: %s, ranked %u of all"), first->area_name,
                                  first->rank);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->gaps_row), title);
  adw_action_row_set_subtitle (self->gaps_row, subtitle != NULL ? subtitle : "");
  gtk_widget_set_sensitive (self->gaps_button, cells != NULL && cells->len > 0);
}

static void
groups_page_show_derived (GroupsPage *self)
{
  GroupsCoverage *coverage = groups_coverage_view_get_coverage (self->coverage);
  gint64 group = groups_page_selected_id (self);
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GHashTable) areas = NULL;   /* risk -> GPtrArray of area names */
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkWidget *child;

  /* Every row, not the placeholder. */
  child = gtk_widget_get_first_child (GTK_WIDGET (self->derived));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (self->derived, child);
      child = next;
    }
  groups_page_show_gaps_row (self, coverage, group);
  gtk_label_set_text (self->derived_placeholder,
                      coverage == NULL ? _("Looking for hazard areas that touch the group…")
                                       : _("No hazard area touches the group"));
  if (coverage == NULL || group == 0)
    return;
  cells = groups_coverage_list_group (coverage, group);
  areas = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                 (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; cells != NULL && i < cells->len; i++)
    {
      const GroupsCoverageCell *cell = g_ptr_array_index (cells, i);

      for (guint e = 0; e < cell->n_exposure; e++)
        {
          const GroupsExposure *exposure = &cell->exposure[e];
          GPtrArray *names;

          if (!exposure->derived)
            continue;
          names = g_hash_table_lookup (areas, &exposure->risk);
          if (names == NULL)
            {
              names = g_ptr_array_new ();
              g_hash_table_insert (areas, g_memdup2 (&exposure->risk, sizeof (gint64)), names);
              g_array_append_val (order, exposure->risk);
            }
          g_ptr_array_add (names, (gpointer) cell->area_name);
        }
    }
  for (guint i = 0; i < order->len; i++)
    {
      gint64 risk = g_array_index (order, gint64, i);
      GPtrArray *names = g_hash_table_lookup (areas, &risk);
      const GroupsExposure *exposure = NULL;
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint c = 0; c < cells->len && exposure == NULL; c++)
        {
          const GroupsCoverageCell *cell = g_ptr_array_index (cells, c);

          for (guint e = 0; e < cell->n_exposure && exposure == NULL; e++)
            if (cell->exposure[e].risk == risk)
              exposure = &cell->exposure[e];
        }
      for (guint n = 0; n < names->len && n < 4; n++)
        g_string_append_printf (list, "%s%s", n > 0 ? ", " : "",
                                (const char *) g_ptr_array_index (names, n));
      if (names->len > 4)
        g_string_append_printf (list, _(" and %u more"), names->len - 4);
      title = exposure->band != NULL ? g_strdup_printf (_("%s (%s)"), exposure->title,
                                                        exposure->band)
                                     : g_strdup (exposure->title);
      subtitle = g_strdup_printf (_("From its hazard area, touching %s"), list->str);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_add_css_class (row, "property");
      /* Opens the risk in the register (nothing to open with the risks off). */
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "risks.show");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(sx)", "risk", risk);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->derived, row);
    }
}

/* ------------------------------------------------------------------------ */
/* The selected group                                                        */

/* Binds @box to the selected group's records of @type; %TRUE when it
 * made the model. */
static gboolean
groups_page_bind (GroupsPage       *self,
                  SteadQueryModel **slot,
                  GtkListBox       *box,
                  GType             type,
                  gint64            id,
                  GtkListBoxCreateWidgetFunc create)
{
  if (id == 0)
    {
      gtk_list_box_bind_model (box, NULL, NULL, NULL, NULL);
      g_clear_object (slot);
      return FALSE;
    }
  if (*slot != NULL)
    {
      stead_query_model_set_params (*slot, STEAD_ARGS (STEAD_INT (id)));
      return FALSE;
    }
  *slot = groups_page_children_new (self->workspace, type, id);
  stead_query_model_set_notify_only (*slot, TRUE);
  gtk_list_box_bind_model (box, G_LIST_MODEL (*slot), create, self, NULL);
  return TRUE;
}

static void
groups_page_on_selected (GroupsPage *self)
{
  gint64 id = groups_page_selected_id (self);
  struct { SteadRecordList *list; GType type; } lists[] = {
    { self->needs, GROUPS_TYPE_NEED_ITEM }, { self->reach, GROUPS_TYPE_REACH_ITEM },
    { self->exposure, GROUPS_TYPE_EXPOSURE_ITEM },
    { self->engagement, GROUPS_TYPE_ENGAGEMENT },
  };

  if (self->workspace == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      if (!stead_record_list_follow (lists[i].list, id))
        {
          g_autoptr(SteadQueryModel) children =
            groups_page_children_new (self->workspace, lists[i].type, id);

          stead_record_list_set_model (lists[i].list, G_LIST_MODEL (children));
        }
    }
  if (groups_page_bind (self, &self->count_model, self->counts, GROUPS_TYPE_COUNT, id,
                        groups_page_create_count_row))
    g_signal_connect_object (self->count_model, "items-changed",
                             G_CALLBACK (groups_page_show_counts_total), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  groups_page_show_counts_total (self);
  groups_page_bind (self, &self->place_model, self->places, GROUPS_TYPE_PLACE, id,
                    groups_page_create_place_row);
  groups_page_show_derived (self);
}

/* ------------------------------------------------------------------------ */
/* Adding and editing                                                        */

static gboolean
groups_page_save_new (SteadForm  *form,
                      gpointer    user_data,
                      GError    **error)
{
  GroupsPage *self = user_data;
  gint64 id = groups_group_add (self->workspace, stead_form_get_text (form, "name"),
                                stead_form_get_text (form, "category"), error);

  if (id <= 0)
    return FALSE;
  gtk_toggle_button_set_active (self->list_toggle, TRUE);
  stead_record_page_reveal (self->records, id);
  stead_record_page_toast_undo (self->records, _("Target group added"));
  return TRUE;
}

static void
groups_page_on_add (GroupsPage *self)
{
  stead_form_present (stead_form_new (GTK_WIDGET (self->records), _("Add Target Group"),
                                      _("Its name and category. Add where they are, what they "
                                        "need and who reaches them in its details."),
                                      groups_page_new_fields, G_N_ELEMENTS (groups_page_new_fields),
                                      NULL, NULL, NULL, self->workspace, groups_page_save_new,
                                      self, NULL));
}

static gboolean
groups_page_save_need (SteadForm  *form,
                       gpointer    user_data,
                       GError    **error)
{
  GroupsPage *self = user_data;

  return groups_need_add (self->workspace, groups_page_selected_id (self),
                          stead_form_get_text (form, "kind"), error);
}

static void
groups_page_add_need (GroupsPage *self)
{
  stead_form_present (stead_form_new (GTK_WIDGET (self->records), _("Add a Need"),
                                      _("What the group needs from responders in a disruption."),
                                      groups_page_need_fields,
                                      G_N_ELEMENTS (groups_page_need_fields), NULL, NULL, NULL,
                                      self->workspace, groups_page_save_need, self, NULL));
}

static void
groups_page_remove_need (GroupsPage  *self,
                         SteadRecord *need)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = groups_need_remove (self->workspace, groups_page_selected_id (self),
                                    stead_record_get_string (need, "kind"), &error);

  groups_page_done (self, ok, error, _("Need removed"));
}

static gboolean
groups_page_save_count (SteadForm  *form,
                        gpointer    user_data,
                        GError    **error)
{
  GroupsPage *self = user_data;

  return groups_count_set (self->workspace, groups_page_selected_id (self),
                           stead_form_get_int (form, "area", 0),
                           stead_form_get_int (form, "count", 0),
                           stead_form_get_text (form, "source"), stead_form_get_text (form, "date"),
                           error);
}

static void
groups_page_add_count (GroupsPage *self)
{
  g_autofree char *today = groups_page_today ();
  const char *initial[] = { "date", today, NULL };
  g_autoptr(GListModel) areas = NULL;
  SteadForm *form;

  if (groups_page_selected_id (self) == 0)
    return;
  form = stead_form_new (GTK_WIDGET (self->records), _("Add a Count for an Area"),
                         _("How many of the group are in one area of the workspace. A count "
                           "already there for the area is replaced."),
                         groups_page_count_fields, G_N_ELEMENTS (groups_page_count_fields), NULL,
                         NULL, initial, self->workspace, groups_page_save_count, self, NULL);
  areas = groups_areas_new (self->workspace);
  stead_form_set_choices (form, "area", areas);
  stead_form_present (form);
}

static gboolean
groups_page_save_place (SteadForm  *form,
                        gpointer    user_data,
                        GError    **error)
{
  GroupsPage *self = user_data;
  double lon, lat;

  if (!stead_form_get_position (form, &lon, &lat))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Say where the place is: a postcode, a grid reference or a point on the "
                     "map"));
      return FALSE;
    }
  return groups_place_add (self->workspace, groups_page_selected_id (self),
                           stead_form_get_text (form, "name"), stead_form_get_text (form, "what"),
                           stead_form_get_int (form, "people", -1), lon, lat, error) > 0;
}

static void
groups_page_add_place (GroupsPage *self)
{
  SteadForm *form;

  if (groups_page_selected_id (self) == 0)
    return;
  form = stead_form_new (GTK_WIDGET (self->records), _("Add a Place"),
                         _("Where the group is found: it is shown on the map and counted in the "
                           "area it is in."),
                         groups_page_place_fields, G_N_ELEMENTS (groups_page_place_fields), NULL,
                         NULL, NULL, self->workspace, groups_page_save_place, self, NULL);
  stead_form_add_position (form, TRUE, NULL);
  stead_form_present (form);
}

/* The areas a reach names, by name (";" between), or an error naming
 * the first that is not an area of the workspace. */
static GArray *
groups_page_parse_areas (GroupsPage  *self,
                         const char  *text,
                         GError     **error)
{
  g_autoptr(GArray) areas = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) names = g_strsplit_set (text != NULL ? text : "", ";", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (names[i]));
      gint64 area;

      if (*name == '\0')
        continue;
      area = groups_area_find (self->workspace, name);
      if (area == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("No area called “%s” in the workspace"), name);
          return NULL;
        }
      g_array_append_val (areas, area);
    }
  return g_steal_pointer (&areas);
}

static gboolean
groups_page_save_reach (SteadForm  *form,
                        gpointer    user_data,
                        GError    **error)
{
  GroupsPage *self = user_data;
  SteadRecord *reach = stead_form_get_record (form);
  g_autoptr(GArray) areas = groups_page_parse_areas (self, stead_form_get_text (form, "area_names"),
                                                     error);

  if (areas == NULL)
    return FALSE;
  return groups_reach_save (self->workspace, reach != NULL ? stead_record_get_id (reach) : 0,
                            groups_page_selected_id (self),
                            stead_form_get_int (form, "organisation", 0),
                            stead_form_get_text (form, "channel"),
                            stead_form_get_int (form, "strength", 2),
                            stead_form_get_text (form, "notes"),
                            (const gint64 *) (gpointer) areas->data, areas->len, error) > 0;
}

/* Where the partner reaches the group, as the areas typed resolve,
 * before saving: "Covers Twyning, Tewkesbury Prior's Park", or which
 * name is not an area. */
static char *
groups_page_reach_preview (SteadForm *form,
                           gpointer   user_data)
{
  GroupsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) areas = groups_page_parse_areas (self, stead_form_get_text (form, "area_names"),
                                                     &error);

  if (areas == NULL)
    return g_strdup (error->message);
  if (areas->len == 0)
    return g_strdup (_("Covers everywhere the group is"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Covers %u area", "Covers %u areas",
                                       areas->len),
                          areas->len);
}

static void
groups_page_edit_reach (GroupsPage  *self,
                        SteadRecord *reach)
{
  SteadForm *form;
  g_autofree char *names = NULL;
  const char *initial[] = { "channel", "visits", "strength", "2", "area_names", NULL, NULL };

  if (groups_page_selected_id (self) == 0)
    return;
  if (reach != NULL && stead_record_get_string (reach, "areas") != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (stead_record_get_string (reach, "areas"), ", ", -1);

      initial[5] = names = g_strjoinv ("; ", parts);
    }
  else
    initial[4] = NULL;
  form = stead_form_new (
    GTK_WIDGET (self->records),
    reach != NULL ? _("Edit How a Partner Reaches Them") : _("Add a Partner Who Reaches Them"),
    _("A trusted partner with a channel to the group. Instrumental partners close a gap; "
      "others are counted as fluid reach."),
    groups_page_reach_fields, G_N_ELEMENTS (groups_page_reach_fields), NULL, reach, initial,
    self->workspace, groups_page_save_reach, self, NULL);
  stead_form_set_preview (form, groups_page_reach_preview, self);
  stead_form_present (form);
}

static void
groups_page_add_reach (GroupsPage *self)
{
  groups_page_edit_reach (self, NULL);
}

static void
groups_page_remove_reach (GroupsPage  *self,
                          SteadRecord *reach)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = groups_reach_delete (self->workspace, stead_record_get_id (reach), &error);

  groups_page_done (self, ok, error, _("Partner removed from the group’s reach"));
}

static gboolean
groups_page_save_exposure (SteadForm  *form,
                           gpointer    user_data,
                           GError    **error)
{
  GroupsPage *self = user_data;

  return groups_exposure_add (self->workspace, groups_page_selected_id (self),
                              stead_form_get_int (form, "risk", 0),
                              stead_form_get_text (form, "note"), error);
}

static void
groups_page_add_exposure (GroupsPage *self)
{
  if (groups_page_selected_id (self) == 0)
    return;
  stead_form_present (stead_form_new (GTK_WIDGET (self->records),
                                      _("Add a Risk They Are Exposed To"),
                                      _("A risk of the register the partnership judges this group "
                                        "exposed to, wherever they are."),
                                      groups_page_exposure_fields,
                                      G_N_ELEMENTS (groups_page_exposure_fields), NULL, NULL, NULL,
                                      self->workspace, groups_page_save_exposure, self, NULL));
}

static void
groups_page_remove_exposure (GroupsPage  *self,
                             SteadRecord *exposure)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = groups_exposure_remove (self->workspace, groups_page_selected_id (self),
                                        stead_record_get_int (exposure, "risk"), &error);

  groups_page_done (self, ok, error, _("Exposure removed"));
}

static gboolean
groups_page_save_engagement (SteadForm  *form,
                             gpointer    user_data,
                             GError    **error)
{
  GroupsPage *self = user_data;
  SteadRecord *engagement = stead_form_get_record (form);
  const char *date = stead_form_get_text (form, "date");
  gint64 organisation = stead_form_get_int (form, "organisation", 0);
  const char *channel = stead_form_get_text (form, "channel");
  const char *summary = stead_form_get_text (form, "summary");
  const char *needs_change = stead_form_get_text (form, "needs_change");

  if (engagement != NULL)
    return groups_engagement_update (self->workspace, stead_record_get_id (engagement), date,
                                     organisation, channel, summary, needs_change, error);
  return groups_engagement_add (self->workspace, groups_page_selected_id (self), date,
                                organisation, channel, summary, needs_change, error) > 0;
}

static void
groups_page_edit_engagement (GroupsPage  *self,
                             SteadRecord *engagement)
{
  g_autofree char *today = groups_page_today ();
  const char *initial[] = { "date", today, NULL };

  if (groups_page_selected_id (self) == 0)
    return;
  stead_form_present (stead_form_new (
    GTK_WIDGET (self->records),
    engagement != NULL ? _("Edit Engagement") : _("Log an Engagement"), NULL,
    groups_engagement_info.fields, groups_engagement_info.n_fields,
    "date organisation channel summary needs_change", engagement, initial, self->workspace,
    groups_page_save_engagement, self, NULL));
}

static void
groups_page_add_engagement (GroupsPage *self)
{
  groups_page_edit_engagement (self, NULL);
}

static void
groups_page_remove_engagement (GroupsPage  *self,
                               SteadRecord *engagement)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = groups_engagement_delete (self->workspace, stead_record_get_id (engagement),
                                          &error);

  groups_page_done (self, ok, error, _("Engagement removed"));
}

/* ------------------------------------------------------------------------ */
/* Views: the list, the coverage, the household lists                        */

static void
groups_page_on_view_toggled (GroupsPage *self)
{
  const char *view = gtk_toggle_button_get_active (self->coverage_toggle)     ? "coverage"
                     : gtk_toggle_button_get_active (self->households_toggle) ? "households"
                                                                              : "list";

  stead_record_page_show_view (self->records, view);
}

/* The record page shows its list itself (Ctrl+F, Show All): the buttons
 * follow the view shown. */
static void
groups_page_on_view_shown (GroupsPage *self,
                           GParamSpec *pspec,
                           GtkStack   *views)
{
  const char *name = gtk_stack_get_visible_child_name (views);

  if (g_strcmp0 (name, "coverage") == 0)
    gtk_toggle_button_set_active (self->coverage_toggle, TRUE);
  else if (g_strcmp0 (name, "households") == 0)
    gtk_toggle_button_set_active (self->households_toggle, TRUE);
  else
    gtk_toggle_button_set_active (self->list_toggle, TRUE);
}

static void
groups_page_on_reset_filters (GroupsPage *self)
{
  gtk_toggle_button_set_active (self->list_toggle, TRUE);
}

/* A gap opened: its group selected, beside the coverage. */
static void
groups_page_on_gap_activated (GroupsPage *self,
                              gint64      group,
                              gint64      area)
{
  SteadWindow *window = groups_page_get_window (self);

  stead_record_page_select (self->records, group);
  /* The area is selected on the map too, for when the user goes there. */
  if (window != NULL)
    stead_map_view_select_area (stead_window_get_map_view (window), area);
}

/* The coverage view, narrowed to the selected group's gaps. */
static void
groups_page_on_show_gaps (GroupsPage *self)
{
  SteadRecord *group = stead_record_page_get_selected (self->records);

  if (group == NULL)
    return;
  gtk_toggle_button_set_active (self->coverage_toggle, TRUE);
  stead_record_page_set_search (self->records, stead_record_get_title (group));
}

static void
groups_page_on_search (GroupsPage *self)
{
  groups_coverage_view_set_search (self->coverage, stead_record_page_get_search (self->records));
}

static void
groups_page_on_show_area (GroupsPage *self,
                          gint64      area)
{
  SteadWindow *window = groups_page_get_window (self);

  if (window == NULL)
    return;
  stead_window_show_page (window, "map");
  stead_map_view_show_area (stead_window_get_map_view (window), area);
}

/* ------------------------------------------------------------------------ */
/* SteadPage                                                                 */

static void
groups_page_load (SteadPage      *page,
                  SteadWorkspace *workspace)
{
  GroupsPage *self = GROUPS_PAGE (page);

  self->workspace = workspace;   /* the page's, for as long as it lives */
  stead_record_page_set_workspace (self->records, workspace);
  self->groups = groups_groups_new (workspace);
  stead_record_page_set_model (self->records, G_LIST_MODEL (self->groups));
  groups_coverage_view_set_workspace (self->coverage, workspace);
  groups_households_view_set_workspace (self->households, workspace);
  g_signal_connect_object (self->records, "notify::search", G_CALLBACK (groups_page_on_search),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->coverage, "notify::coverage",
                           G_CALLBACK (groups_page_show_derived), self, G_CONNECT_SWAPPED);
}

/* Search results and other plugins' links: the group selected, whatever
 * hid it; a household list in the household lists. */
static gboolean
groups_page_show (SteadPage  *page,
                  const char *kind,
                  gint64      id)
{
  GroupsPage *self = GROUPS_PAGE (page);

  if (g_str_equal (kind, "household-list"))
    {
      gtk_toggle_button_set_active (self->households_toggle, TRUE);
      groups_households_view_select (self->households, id);
      return TRUE;
    }
  if (!g_str_equal (kind, "target-group"))
    return FALSE;
  gtk_toggle_button_set_active (self->list_toggle, TRUE);
  stead_record_page_reveal (self->records, id);
  return TRUE;
}

static void
groups_page_dispose (GObject *object)
{
  GroupsPage *self = GROUPS_PAGE (object);

  if (self->counts != NULL)
    gtk_list_box_bind_model (self->counts, NULL, NULL, NULL, NULL);
  if (self->places != NULL)
    gtk_list_box_bind_model (self->places, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), GROUPS_TYPE_PAGE);
  g_clear_object (&self->groups);
  g_clear_object (&self->count_model);
  g_clear_object (&self->place_model);
  G_OBJECT_CLASS (groups_page_parent_class)->dispose (object);
}

static void
groups_page_class_init (GroupsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = groups_page_dispose;
  STEAD_PAGE_CLASS (klass)->load = groups_page_load;
  STEAD_PAGE_CLASS (klass)->show = groups_page_show;
  g_type_ensure (GROUPS_TYPE_GROUP);
  g_type_ensure (GROUPS_TYPE_COVERAGE_VIEW);
  g_type_ensure (GROUPS_TYPE_HOUSEHOLDS_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steadapp/Stead/plugins/groups/"
                                               "groups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GroupsPage, records);
  gtk_widget_class_bind_template_child (widget_class, GroupsPage, fields);
  gtk_widget_class_bind_template_child (widget_class, GroupsPage, list_toggle);
  gtk_widget_class_bind_template_child (widget_class, GroupsPage, coverage_toggle);
  gtk_widget_class_bind_template_child (widget_class, GroupsPage, households_toggle);
  gtk_widget_class_bind_template_child (widget_class, GroupsPage, coverage);
  gtk_widget_class_bind_template_child (widget_class, GroupsPage, households);
  gtk_widget_class_bind_template_child (widget_class, GroupsPage, needs);
  gtk_widget_class_bind_template_child (widget_class, GroupsPage, counts_group);
  gtk_widget_class_bind_template_child (widget_class, GroupsPage, counts);
  gtk_widget_class_bind_template_child (widget_class, GroupsPage, places);
  gtk_widget_class_bind_template_child (widget_class, GroupsPage, reach);
  gtk_widget_class_bind_template_child (widget_class, GroupsPage, exposure);
  gtk_widget_class_bind_template_child (widget_class, GroupsPage, derived);
  gtk_widget_class_bind_template_child (widget_class, GroupsPage, derived_placeholder);
  gtk_widget_class_bind_template_child (widget_class, GroupsPage, gaps_row);
  gtk_widget_class_bind_template_child (widget_class, GroupsPage, gaps_button);
  gtk_widget_class_bind_template_callback (widget_class, groups_page_on_show_gaps);
  gtk_widget_class_bind_template_child (widget_class, GroupsPage, engagement);
  gtk_widget_class_bind_template_callback (widget_class, groups_page_on_add);
  gtk_widget_class_bind_template_callback (widget_class, groups_page_on_selected);
  gtk_widget_class_bind_template_callback (widget_class, groups_page_on_reset_filters);
  gtk_widget_class_bind_template_callback (widget_class, groups_page_on_view_toggled);
  gtk_widget_class_bind_template_callback (widget_class, groups_page_on_gap_activated);
  gtk_widget_class_bind_template_callback (widget_class, groups_page_on_show_area);
  gtk_widget_class_bind_template_callback (widget_class, groups_page_add_need);
  gtk_widget_class_bind_template_callback (widget_class, groups_page_remove_need);
  gtk_widget_class_bind_template_callback (widget_class, groups_page_add_count);
  gtk_widget_class_bind_template_callback (widget_class, groups_page_add_place);
  gtk_widget_class_bind_template_callback (widget_class, groups_page_add_reach);
  gtk_widget_class_bind_template_callback (widget_class, groups_page_edit_reach);
  gtk_widget_class_bind_template_callback (widget_class, groups_page_remove_reach);
  gtk_widget_class_bind_template_callback (widget_class, groups_page_add_exposure);
  gtk_widget_class_bind_template_callback (widget_class, groups_page_remove_exposure);
  gtk_widget_class_bind_template_callback (widget_class, groups_page_add_engagement);
  gtk_widget_class_bind_template_callback (widget_class, groups_page_edit_engagement);
  gtk_widget_class_bind_template_callback (widget_class, groups_page_remove_engagement);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
groups_page_init (GroupsPage *self)
{
  GtkWidget *views;

  gtk_widget_init_template (GTK_WIDGET (self));
  views = gtk_widget_get_parent (GTK_WIDGET (self->coverage));
  if (GTK_IS_STACK (views))
    g_signal_connect_object (views, "notify::visible-child-name",
                             G_CALLBACK (groups_page_on_view_shown), self, G_CONNECT_SWAPPED);
}
