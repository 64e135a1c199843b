/* evaluation-needs-view.c: need over time in the Evaluation page: volume,
 * pattern, type, and a baseline against an incident
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kit's trends (stead_need_trends_compute_async) count off the main
 * thread, with a spinner; a new period cancels the count under way, and a
 * change to the needs counts again after a pause. Unless the user gives
 * the incident and baseline periods, the incident is the period's busiest
 * week and the baseline the same week a year before: a count by week
 * finds it first.
 */

#define G_LOG_DOMAIN "evaluation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "evaluation-needs.h"
#include "evaluation-needs-view.h"

#define DEBOUNCE_MS 500

enum
{
  PERIOD_12_MONTHS,
  PERIOD_3_MONTHS,
  PERIOD_CUSTOM,
};

struct _EvaluationNeedsView
{
  GtkWidget            parent_instance;

  SteadWorkspace      *workspace;
  GCancellable        *cancellable;
  guint                debounce;
  gboolean             dirty;
  gboolean             busy;
  gboolean             updating;
  gboolean             custom_compare;
  SteadNeedTrendsQuery query;           /* of the count under way or shown */
  SteadNeedTrends     *trends;

  GtkWidget           *scrolled;
  AdwComboRow         *period;
  AdwEntryRow         *from;
  AdwEntryRow         *to;
  AdwComboRow         *bucket;
  GtkSpinner          *spinner;
  GtkLabel            *status;
  AdwEntryRow         *incident_from;
  AdwEntryRow         *incident_to;
  AdwEntryRow         *baseline_from;
  AdwEntryRow         *baseline_to;
  GtkStack            *stack;
  GtkLabel            *volume_summary;
  GtkLabel            *resolution_summary;
  GtkLabel            *groups_note;
  GtkLabel            *compare_summary;
  GtkBox              *differences;
  GtkWidget           *show_on_map;
  GHashTable          *charts;          /* name → SteadChartView */
};

G_DEFINE_FINAL_TYPE (EvaluationNeedsView, evaluation_needs_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void evaluation_needs_view_compute (EvaluationNeedsView *self);

static GtkWidget *
evaluation_needs_view_label (const char *text,
                             const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), css_class == NULL);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
evaluation_needs_view_set_busy (EvaluationNeedsView *self,
                                gboolean             busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
evaluation_needs_view_set_entry (AdwEntryRow *entry,
                                 gint64       ms,
                                 gboolean     end)
{
  g_autofree char *day = evaluation_needs_format_iso (end ? evaluation_needs_day_start (ms, -1)
                                                          : ms);

  gtk_editable_set_text (GTK_EDITABLE (entry), day);
}

/* A day of an entry, or an error that names it. */
static gboolean
evaluation_needs_view_read_entry (EvaluationNeedsView *self,
                                  AdwEntryRow         *entry,
                                  gboolean             end,
                                  gint64              *ms)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *message = NULL;

  if (evaluation_needs_parse_iso (text, end, ms))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      return TRUE;
    }
  gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  message = g_strdup_printf (_("%s: “%s” is not a date. Write it as year-month-day, "
                               "for example 2026-07-20."),
                             adw_preferences_row_get_title (ADW_PREFERENCES_ROW (entry)), text);
  gtk_label_set_text (self->status, message);
  return FALSE;
}

static void
evaluation_needs_view_chart (EvaluationNeedsView *self,
                             const char          *name,
                             SteadChart          *chart)
{
  g_autoptr(SteadChart) owned = chart;
  SteadChartView *view = g_hash_table_lookup (self->charts, name);

  stead_chart_view_set_chart (view, owned);
}

static void
evaluation_needs_view_show (EvaluationNeedsView *self)
{
  const SteadNeedTrends *t = self->trends;
  GtkWidget *child;
  g_autofree char *period = evaluation_needs_format_period (t->from, t->to);
  g_autofree char *summary = evaluation_needs_summary (t);
  g_autofree char *median = NULL;
  g_autofree char *p90 = NULL;
  g_autofree char *resolution = NULL;
  g_autofree char *status = NULL;
  gboolean compare = evaluation_needs_has_compare (t);
  guint groups;

  /* Translators: the period counted, then what it held */
  status = g_strdup_printf (_("%s: %s"), period, summary);
  gtk_label_set_text (self->status, status);
  evaluation_needs_map_set (GTK_WIDGET (self), t, period);
  if (t->total == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "results");

  gtk_label_set_text (self->volume_summary, summary);
  evaluation_needs_view_chart (self, "volume-chart", evaluation_needs_volume_chart (t));
  median = evaluation_needs_format_hours (t->resolution.count > 0 ? t->resolution.median_hours
                                                                  : NAN);
  p90 = evaluation_needs_format_hours (t->resolution.count > 0 ? t->resolution.p90_hours : NAN);
  resolution = g_strdup_printf (_("From opened to met or closed: median %s, 90th percentile %s "
                                  "(%u resolved)."),
                                median, p90, t->resolution.count);
  gtk_label_set_text (self->resolution_summary, resolution);
  evaluation_needs_view_chart (self, "resolution-chart", evaluation_needs_resolution_chart (t));

  evaluation_needs_view_chart (self, "areas-chart", evaluation_needs_areas_chart (t));
  evaluation_needs_view_chart (self, "when-chart", evaluation_needs_when_chart (t));
  groups = evaluation_needs_n_groups (t);
  evaluation_needs_view_chart (self, "groups-chart",
                               groups > 0 ? evaluation_needs_groups_chart (t) : NULL);
  gtk_widget_set_visible (g_hash_table_lookup (self->charts, "groups-chart"), groups > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->groups_note), groups == 0);

  evaluation_needs_view_chart (self, "kinds-chart", evaluation_needs_kinds_chart (t));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->differences))) != NULL)
    gtk_box_remove (self->differences, child);
  if (compare)
    {
      g_autofree char *incident = evaluation_needs_format_period (self->query.incident_from,
                                                                  self->query.incident_to);
      g_autofree char *baseline = evaluation_needs_format_period (self->query.baseline_from,
                                                                  self->query.baseline_to);
      g_autofree char *text = g_strdup_printf (_("Incident %s: %u needs. Baseline %s: %u needs."),
                                               incident, t->incident_total, baseline,
                                               t->baseline_total);

      gtk_label_set_text (self->compare_summary, text);
      for (guint i = 0; i < t->differences->len; i++)
        {
          /* Translators: one of a list of the differences */
          g_autofree char *item = g_strdup_printf (_("• %s"), (const char *)
                                                   g_ptr_array_index (t->differences, i));

          gtk_box_append (self->differences, evaluation_needs_view_label (item, NULL));
        }
    }
  else
    gtk_label_set_text (self->compare_summary,
                        _("Give an incident and a baseline period to compare them."));
  evaluation_needs_view_chart (self, "compare-kinds-chart",
                               compare ? evaluation_needs_compare_kinds_chart (t) : NULL);
  evaluation_needs_view_chart (self, "compare-areas-chart",
                               compare ? evaluation_needs_compare_areas_chart (t) : NULL);
}

static void
evaluation_needs_view_on_computed (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  g_autoptr(EvaluationNeedsView) self = user_data;
  g_autoptr(GError) error = NULL;
  SteadNeedTrends *trends;

  trends = stead_need_trends_compute_finish (STEAD_WORKSPACE (object), result, &error);
  if (trends == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      evaluation_needs_view_set_busy (self, FALSE);
      gtk_label_set_text (self->status, error->message);
      return;
    }
  g_clear_pointer (&self->trends, stead_need_trends_free);
  self->trends = trends;
  evaluation_needs_view_show (self);
  evaluation_needs_view_set_busy (self, FALSE);
}

static void
evaluation_needs_view_compute_final (EvaluationNeedsView *self)
{
  stead_need_trends_compute_async (self->workspace, &self->query, self->cancellable,
                                   evaluation_needs_view_on_computed, g_object_ref (self));
}

/* The week counts: the busiest week, then the whole count. */
static void
evaluation_needs_view_on_weeks (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(EvaluationNeedsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadNeedTrends) weekly = NULL;
  SteadNeedTrendsQuery *q = &self->query;

  weekly = stead_need_trends_compute_finish (STEAD_WORKSPACE (object), result, &error);
  if (weekly == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      evaluation_needs_view_set_busy (self, FALSE);
      gtk_label_set_text (self->status, error->message);
      return;
    }
  if (evaluation_needs_peak_week (weekly, q->from,
                                  evaluation_needs_settled_limit (
                                    q->to, evaluation_needs_anchor (self->workspace)),
                                  &q->incident_from, &q->incident_to))
    {
      evaluation_needs_year_before (q->incident_from, q->incident_to, &q->baseline_from,
                                    &q->baseline_to);
      self->updating = TRUE;
      evaluation_needs_view_set_entry (self->incident_from, q->incident_from, FALSE);
      evaluation_needs_view_set_entry (self->incident_to, q->incident_to, TRUE);
      evaluation_needs_view_set_entry (self->baseline_from, q->baseline_from, FALSE);
      evaluation_needs_view_set_entry (self->baseline_to, q->baseline_to, TRUE);
      self->updating = FALSE;
    }
  else
    q->incident_from = q->incident_to = q->baseline_from = q->baseline_to = 0;
  evaluation_needs_view_compute_final (self);
}

static void
evaluation_needs_view_compute (EvaluationNeedsView *self)
{
  guint period = adw_combo_row_get_selected (self->period);
  SteadNeedTrendsBucket bucket = adw_combo_row_get_selected (self->bucket);
  gint64 from, to;

  g_clear_handle_id (&self->debounce, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->dirty = FALSE;
  if (self->workspace == NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->from), period == PERIOD_CUSTOM);
  gtk_widget_set_visible (GTK_WIDGET (self->to), period == PERIOD_CUSTOM);
  if (period == PERIOD_CUSTOM)
    {
      if (!evaluation_needs_view_read_entry (self, self->from, FALSE, &from) ||
          !evaluation_needs_view_read_entry (self, self->to, TRUE, &to))
        {
          evaluation_needs_view_set_busy (self, FALSE);
          return;
        }
      if (to <= from)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->to), "error");
          gtk_label_set_text (self->status, _("The period’s last day is before its first."));
          evaluation_needs_view_set_busy (self, FALSE);
          return;
        }
    }
  else
    {
      evaluation_needs_last_months (evaluation_needs_anchor (self->workspace),
                                    period == PERIOD_3_MONTHS ? 3 : 12, &from, &to);
      self->updating = TRUE;
      evaluation_needs_view_set_entry (self->from, from, FALSE);
      evaluation_needs_view_set_entry (self->to, to, TRUE);
      self->updating = FALSE;
    }

  stead_need_trends_query_init (&self->query, from, to, MIN (bucket, STEAD_NEED_TRENDS_MONTH));
  if (self->custom_compare)
    {
      SteadNeedTrendsQuery *q = &self->query;

      if (!evaluation_needs_view_read_entry (self, self->incident_from, FALSE, &q->incident_from) ||
          !evaluation_needs_view_read_entry (self, self->incident_to, TRUE, &q->incident_to) ||
          !evaluation_needs_view_read_entry (self, self->baseline_from, FALSE, &q->baseline_from) ||
          !evaluation_needs_view_read_entry (self, self->baseline_to, TRUE, &q->baseline_to))
        {
          evaluation_needs_view_set_busy (self, FALSE);
          return;
        }
      if (q->incident_to <= q->incident_from || q->baseline_to <= q->baseline_from)
        {
          gtk_label_set_text (self->status,
                              _("The incident and the baseline periods each end on or after "
                                "their first day."));
          evaluation_needs_view_set_busy (self, FALSE);
          return;
        }
    }

  self->cancellable = g_cancellable_new ();
  evaluation_needs_view_set_busy (self, TRUE);
  gtk_label_set_text (self->status, _("Counting the needs…"));
  if (self->custom_compare)
    {
      evaluation_needs_view_compute_final (self);
    }
  else
    {
      SteadNeedTrendsQuery weeks;

      stead_need_trends_query_init (&weeks, from, to, STEAD_NEED_TRENDS_WEEK);
      stead_need_trends_compute_async (self->workspace, &weeks, self->cancellable,
                                       evaluation_needs_view_on_weeks, g_object_ref (self));
    }
}

static void
evaluation_needs_view_on_period (EvaluationNeedsView *self)
{
  if (!self->updating)
    evaluation_needs_view_compute (self);
}

static void
evaluation_needs_view_on_compare (EvaluationNeedsView *self)
{
  if (self->updating)
    return;
  self->custom_compare = TRUE;
  evaluation_needs_view_compute (self);
}

static void
evaluation_needs_view_on_busiest (EvaluationNeedsView *self)
{
  self->custom_compare = FALSE;
  evaluation_needs_view_compute (self);
}

static void
evaluation_needs_view_on_show_on_map (EvaluationNeedsView *self)
{
  evaluation_needs_map_show (GTK_WIDGET (self));
}

static gboolean
evaluation_needs_view_on_debounce (gpointer user_data)
{
  EvaluationNeedsView *self = user_data;

  self->debounce = 0;
  evaluation_needs_view_compute (self);
  return G_SOURCE_REMOVE;
}

/* The needs changed: counted again after a pause, or when next shown. */
static void
evaluation_needs_view_reload (gpointer owner)
{
  EvaluationNeedsView *self = owner;

  self->dirty = TRUE;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  g_clear_handle_id (&self->debounce, g_source_remove);
  self->debounce = g_timeout_add (DEBOUNCE_MS, evaluation_needs_view_on_debounce, self);
}

static void
evaluation_needs_view_map (GtkWidget *widget)
{
  EvaluationNeedsView *self = EVALUATION_NEEDS_VIEW (widget);

  GTK_WIDGET_CLASS (evaluation_needs_view_parent_class)->map (widget);
  if (self->dirty)
    evaluation_needs_view_compute (self);
}

void
evaluation_needs_view_set_workspace (EvaluationNeedsView *self,
                                     SteadWorkspace      *workspace)
{
  g_return_if_fail (EVALUATION_IS_NEEDS_VIEW (self));

  stead_workspace_follow (&self->workspace, workspace, self, "need",
                          evaluation_needs_view_reload);
}

static GtkWidget *
evaluation_needs_view_entry (EvaluationNeedsView *self,
                             GtkWidget           *group,
                             const char          *name,
                             const char          *title,
                             GCallback            applied)
{
  GtkWidget *entry = adw_entry_row_new ();

  gtk_widget_set_name (entry, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (entry), TRUE);
  gtk_widget_set_tooltip_text (entry, _("A day, year-month-day: Enter counts again"));
  g_signal_connect_swapped (entry, "apply", applied, self);
  g_signal_connect_swapped (entry, "entry-activated", applied, self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), entry);
  return entry;
}

static GtkWidget *
evaluation_needs_view_combo (GtkWidget          *group,
                             const char         *name,
                             const char         *title,
                             const char * const *choices,
                             guint               selected)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    gtk_string_list_append (list, _(choices[i]));
  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

/* A section: its heading, what it says, and its charts. */
static GtkBox *
evaluation_needs_view_section (GtkBox     *parent,
                               const char *title,
                               const char *description)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = g_object_new (GTK_TYPE_LABEL, "label", title, "xalign", 0.0f,
                                     "wrap", TRUE, "accessible-role",
                                     GTK_ACCESSIBLE_ROLE_HEADING, NULL);

  gtk_widget_add_css_class (heading, "title-2");
  gtk_box_append (GTK_BOX (box), heading);
  if (description != NULL)
    gtk_box_append (GTK_BOX (box), evaluation_needs_view_label (description, "dim-label"));
  gtk_box_append (parent, box);
  return GTK_BOX (box);
}

static void
evaluation_needs_view_add_chart (EvaluationNeedsView *self,
                                 GtkBox              *section,
                                 const char          *name)
{
  GtkWidget *view = stead_chart_view_new (NULL);

  gtk_widget_set_name (view, name);
  gtk_widget_set_size_request (view, -1, 320);
  gtk_box_append (section, view);
  g_hash_table_insert (self->charts, (gpointer) name, view);
}

static void
evaluation_needs_view_build (EvaluationNeedsView *self)
{
  static const char *periods[] = { N_("Last 12 Months"), N_("Last 3 Months"),
                                   N_("Custom Dates"), NULL };
  static const char *buckets[] = { N_("Day"), N_("Week"), N_("Month"), NULL };
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *results = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *group, *status_box, *empty, *button;
  GtkBox *section;

  self->scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (self->scrolled, TRUE);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1100);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), clamp);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);

  /* The period. */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Need over Time"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Needs every plugin published, counted in UK days."));
  self->period = ADW_COMBO_ROW (evaluation_needs_view_combo (group, "period", _("Period"),
                                                             periods, PERIOD_12_MONTHS));
  self->from = ADW_ENTRY_ROW (evaluation_needs_view_entry (self, group, "from", _("First Day"),
                                                           G_CALLBACK (
                                                             evaluation_needs_view_on_period)));
  self->to = ADW_ENTRY_ROW (evaluation_needs_view_entry (self, group, "to", _("Last Day"),
                                                         G_CALLBACK (
                                                           evaluation_needs_view_on_period)));
  gtk_widget_set_visible (GTK_WIDGET (self->from), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->to), FALSE);
  self->bucket = ADW_COMBO_ROW (evaluation_needs_view_combo (group, "bucket", _("Count per"),
                                                             buckets, STEAD_NEED_TRENDS_MONTH));
  g_signal_connect_swapped (self->period, "notify::selected",
                            G_CALLBACK (evaluation_needs_view_on_period), self);
  g_signal_connect_swapped (self->bucket, "notify::selected",
                            G_CALLBACK (evaluation_needs_view_on_period), self);
  gtk_box_append (GTK_BOX (content), group);

  status_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_name (GTK_WIDGET (self->spinner), "spinner");
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  self->status = GTK_LABEL (evaluation_needs_view_label ("", NULL));
  gtk_widget_set_name (GTK_WIDGET (self->status), "status");
  gtk_widget_set_hexpand (GTK_WIDGET (self->status), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Counting the needs"), -1);
  gtk_box_append (GTK_BOX (status_box), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (status_box), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (content), status_box);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_stack_set_hhomogeneous (self->stack, FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->stack));
  empty = adw_status_page_new ();
  gtk_widget_set_name (empty, "empty");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "x-office-spreadsheet-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Needs in This Period"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("No need was opened in the period. Choose a longer one, or "
                                     "record needs on the Needs page or through a plugin."));
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_stack_add_named (self->stack, results, "results");

  /* Volume. */
  section = evaluation_needs_view_section (GTK_BOX (results), _("Volume"), NULL);
  self->volume_summary = GTK_LABEL (evaluation_needs_view_label ("", NULL));
  gtk_box_append (section, GTK_WIDGET (self->volume_summary));
  evaluation_needs_view_add_chart (self, section, "volume-chart");
  self->resolution_summary = GTK_LABEL (evaluation_needs_view_label ("", NULL));
  gtk_box_append (section, GTK_WIDGET (self->resolution_summary));
  evaluation_needs_view_add_chart (self, section, "resolution-chart");

  /* Pattern. */
  section = evaluation_needs_view_section (GTK_BOX (results), _("Where, When and Who"), NULL);
  button = gtk_button_new_with_mnemonic (_("Show on _Map"));
  gtk_widget_set_name (button, "show-on-map");
  gtk_widget_set_tooltip_text (button, _("Shade the map’s wards by the needs of this period"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (evaluation_needs_view_on_show_on_map),
                            self);
  self->show_on_map = button;
  gtk_box_append (section, button);
  evaluation_needs_view_add_chart (self, section, "areas-chart");
  evaluation_needs_view_add_chart (self, section, "when-chart");
  evaluation_needs_view_add_chart (self, section, "groups-chart");
  self->groups_note = GTK_LABEL (evaluation_needs_view_label (
    _("No need of the period is linked to a target group."), "dim-label"));
  gtk_box_append (section, GTK_WIDGET (self->groups_note));

  /* Type. */
  section = evaluation_needs_view_section (GTK_BOX (results), _("Kinds of Need"),
                                           _("The share of each kind, and its share in the "
                                             "baseline and the incident below."));
  evaluation_needs_view_add_chart (self, section, "kinds-chart");

  /* Compare. */
  section = evaluation_needs_view_section (GTK_BOX (results), _("Baseline and Incident"), NULL);
  group = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("At first the period’s busiest week, against the "
                                           "same week a year before; the last four weeks, "
                                           "whose needs may still be open, are not counted "
                                           "as the busiest."));
  button = gtk_button_new_with_mnemonic (_("_Busiest Week"));
  gtk_widget_set_name (button, "busiest-week");
  gtk_widget_set_tooltip_text (button, _("Compare the busiest week with the same week a year "
                                         "before"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (evaluation_needs_view_on_busiest),
                            self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
  self->incident_from = ADW_ENTRY_ROW (evaluation_needs_view_entry (
    self, group, "incident-from", _("Incident From"),
    G_CALLBACK (evaluation_needs_view_on_compare)));
  self->incident_to = ADW_ENTRY_ROW (evaluation_needs_view_entry (
    self, group, "incident-to", _("Incident To"), G_CALLBACK (evaluation_needs_view_on_compare)));
  self->baseline_from = ADW_ENTRY_ROW (evaluation_needs_view_entry (
    self, group, "baseline-from", _("Baseline From"),
    G_CALLBACK (evaluation_needs_view_on_compare)));
  self->baseline_to = ADW_ENTRY_ROW (evaluation_needs_view_entry (
    self, group, "baseline-to", _("Baseline To"), G_CALLBACK (evaluation_needs_view_on_compare)));
  gtk_box_append (section, group);
  self->compare_summary = GTK_LABEL (evaluation_needs_view_label ("", NULL));
  gtk_widget_set_name (GTK_WIDGET (self->compare_summary), "compare-summary");
  gtk_box_append (section, GTK_WIDGET (self->compare_summary));
  self->differences = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_widget_set_name (GTK_WIDGET (self->differences), "differences");
  gtk_box_append (section, GTK_WIDGET (self->differences));
  evaluation_needs_view_add_chart (self, section, "compare-kinds-chart");
  evaluation_needs_view_add_chart (self, section, "compare-areas-chart");
}

static void
evaluation_needs_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  EvaluationNeedsView *self = EVALUATION_NEEDS_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
evaluation_needs_view_dispose (GObject *object)
{
  EvaluationNeedsView *self = EVALUATION_NEEDS_VIEW (object);

  g_clear_handle_id (&self->debounce, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_pointer (&self->charts, g_hash_table_unref);
  G_OBJECT_CLASS (evaluation_needs_view_parent_class)->dispose (object);
}

static void
evaluation_needs_view_finalize (GObject *object)
{
  EvaluationNeedsView *self = EVALUATION_NEEDS_VIEW (object);

  g_clear_pointer (&self->trends, stead_need_trends_free);
  g_clear_object (&self->workspace);
  G_OBJECT_CLASS (evaluation_needs_view_parent_class)->finalize (object);
}

static void
evaluation_needs_view_class_init (EvaluationNeedsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = evaluation_needs_view_get_property;
  object_class->dispose = evaluation_needs_view_dispose;
  object_class->finalize = evaluation_needs_view_finalize;
  widget_class->map = evaluation_needs_view_map;

  /**
   * EvaluationNeedsView:busy:
   *
   * Whether the needs are being counted.
   */
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
evaluation_needs_view_init (EvaluationNeedsView *self)
{
  self->charts = g_hash_table_new (g_str_hash, g_str_equal);
  self->dirty = TRUE;
  evaluation_needs_view_build (self);
}
