/* evaluation-page.c: the Evaluation page: assessments and their editor,
 * the comparison of two, trends per dimension and the actions agreed
 *
 * The page runs no SQL: evaluation-model.c reads and writes, and
 * evaluation-score.c does the arithmetic. Every edit is one undo step;
 * the editor follows the workspace, so Undo shows in it at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "evaluation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "evaluation.h"
#include "evaluation-needs-view.h"
#include "evaluation-page.h"

typedef struct
{
  char         *statement;
  AdwExpanderRow *row;
  AdwComboRow  *score;
  AdwComboRow  *confidence;
  AdwEntryRow  *evidence;
  AdwEntryRow  *link;
  AdwActionRow *links;
  AdwActionRow *actions;
} EvaluationStatementRow;

/* What an action added from a statement's row is about. */
typedef struct
{
  EvaluationPage *page;
  char           *dimension;
  char           *statement;
} EvaluationActionTarget;

struct _EvaluationPage
{
  SteadPage            parent_instance;

  SteadRecordPage     *records;
  GtkToggleButton     *list_toggle;
  GtkToggleButton     *compare_toggle;
  GtkToggleButton     *trends_toggle;
  GtkToggleButton     *actions_toggle;
  GtkToggleButton     *needs_toggle;
  EvaluationNeedsView *needs_view;
  GtkBox              *compare_box;
  GtkBox              *trends_box;
  GtkBox              *editor;
  GtkColumnView       *actions_list;
  GtkLabel            *actions_summary;

  SteadWorkspace      *workspace;
  GSettings           *settings;
  SteadQueryModel     *actions;

  gint64               assessment;
  EvaluationFramework *framework;
  GPtrArray           *statement_rows;  /* EvaluationStatementRow */
  GPtrArray           *dimension_groups; /* AdwPreferencesGroup, one per dimension */
  AdwPreferencesGroup *participants;
  GPtrArray           *participant_checks; /* GtkCheckButton, data "organisation" */
  AdwPreferencesGroup *action_group;
  GPtrArray           *action_rows;
  AdwPreferencesGroup *radar_group;
  GtkWidget           *radar;           /* SteadChartView */
  GPtrArray           *offered;         /* EvaluationOfferedFramework, for the start form */
  gboolean             updating;

  /* The comparison's and the trends' choices. */
  GtkDropDown         *compare_before;
  GtkDropDown         *compare_after;
  GArray              *compare_ids;
  GtkWidget           *compare_table;
  GtkDropDown         *trends_framework;
  GArray              *trends_ids;
  GtkWidget           *trends_table;
};

G_DEFINE_FINAL_TYPE (EvaluationPage, evaluation_page, STEAD_TYPE_PAGE)

static void evaluation_page_refresh (EvaluationPage *self);
static void evaluation_page_on_add_action (EvaluationPage *self,
                                           const char     *dimension,
                                           const char     *statement);

static void
evaluation_page_statement_row_free (EvaluationStatementRow *row)
{
  g_free (row->statement);
  g_free (row);
}

static void
evaluation_page_error (EvaluationPage *self,
                       const GError   *error)
{
  stead_record_page_show_error (self->records, error);
}

/* "67%", or "not scored". */
static char *
evaluation_page_percent (double normalised)
{
  if (isnan (normalised))
    return g_strdup (_("not scored"));
  return g_strdup_printf (_("%.0f%%"), normalised * 100);
}

static void
evaluation_page_clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
evaluation_page_label (const char *text,
                       gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

/* A small table of labels: a header row, then @cells row by row. */
static GtkWidget *
evaluation_page_table (const char * const *header,
                       guint               n_columns,
                       GPtrArray          *cells)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  for (guint c = 0; c < n_columns; c++)
    {
      GtkWidget *label = evaluation_page_label (header[c], TRUE);

      gtk_widget_set_hexpand (label, c == 0 || c + 1 == n_columns);
      gtk_grid_attach (GTK_GRID (grid), label, c, 0, 1, 1);
    }
  for (guint i = 0; i < cells->len; i++)
    {
      GtkWidget *label = evaluation_page_label (g_ptr_array_index (cells, i), FALSE);

      gtk_label_set_selectable (GTK_LABEL (label), FALSE);
      gtk_grid_attach (GTK_GRID (grid), label, i % n_columns, 1 + i / n_columns, 1, 1);
    }
  return grid;
}

/* ------------------------------------------------------------------------ */
/* The editor                                                               */

static void
evaluation_page_save_score (EvaluationPage         *self,
                            EvaluationStatementRow *row)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (row->score);
  guint confidence = adw_combo_row_get_selected (row->confidence);
  gint64 score = -1;

  if (self->updating)
    return;
  if (selected > 0 && selected <= self->framework->scale->len)
    score = g_array_index (self->framework->scale, EvaluationScaleValue, selected - 1).value;
  if (!evaluation_score_set (self->workspace, self->assessment, row->statement, score,
                             confidence > 0 ? evaluation_confidences[confidence - 1].code : NULL,
                             gtk_editable_get_text (GTK_EDITABLE (row->evidence)), &error))
    evaluation_page_error (self, error);
}

static void
evaluation_page_on_score (AdwComboRow *combo,
                          GParamSpec  *pspec,
                          gpointer     user_data)
{
  EvaluationPage *self = g_object_get_data (G_OBJECT (combo), "page");

  evaluation_page_save_score (self, user_data);
}

static void
evaluation_page_on_evidence (AdwEntryRow *entry,
                             gpointer     user_data)
{
  EvaluationPage *self = g_object_get_data (G_OBJECT (entry), "page");

  evaluation_page_save_score (self, user_data);
}

static void
evaluation_page_on_link (AdwEntryRow *entry,
                         gpointer     user_data)
{
  EvaluationPage *self = g_object_get_data (G_OBJECT (entry), "page");
  EvaluationStatementRow *row = user_data;
  g_autoptr(GError) error = NULL;

  if (evaluation_evidence_add (self->workspace, self->assessment, row->statement,
                               gtk_editable_get_text (GTK_EDITABLE (entry)), NULL, &error) <= 0)
    evaluation_page_error (self, error);
  else
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
evaluation_page_on_statement_action (GtkButton *button,
                                     gpointer   user_data)
{
  EvaluationPage *self = g_object_get_data (G_OBJECT (button), "page");
  EvaluationStatementRow *row = user_data;
  guint dimension = 0;

  if (evaluation_framework_find_statement (self->framework, row->statement, &dimension) == NULL)
    return;
  evaluation_page_on_add_action (self,
                                 ((EvaluationDimension *) g_ptr_array_index (
                                    self->framework->dimensions, dimension))->id,
                                 row->statement);
}

static GtkStringList *
evaluation_page_scale_model (EvaluationFramework *framework)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("Not scored"));
  for (guint i = 0; i < framework->scale->len; i++)
    gtk_string_list_append (list, g_array_index (framework->scale, EvaluationScaleValue,
                                                 i).label);
  return list;
}

static GtkStringList *
evaluation_page_confidence_model (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("Not said"));
  for (guint i = 0; evaluation_confidences[i].code != NULL; i++)
    gtk_string_list_append (list, _(evaluation_confidences[i].label));
  return list;
}

static void
evaluation_page_add_statement (EvaluationPage      *self,
                               AdwPreferencesGroup *group,
                               EvaluationStatement *statement)
{
  EvaluationStatementRow *row = g_new0 (EvaluationStatementRow, 1);
  g_autoptr(GtkStringList) scale = evaluation_page_scale_model (self->framework);
  g_autoptr(GtkStringList) confidences = evaluation_page_confidence_model ();
  AdwActionRow *guidance = ADW_ACTION_ROW (adw_action_row_new ());
  g_autofree char *guidance_text = NULL;
  char *name;

  row->statement = g_strdup (statement->id);
  row->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), statement->text);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->row), FALSE);

  guidance_text = g_strconcat (statement->guidance != NULL ? statement->guidance : "",
                               statement->verified ? "" : "\n",
                               statement->verified ? ""
                                                   : _("Wording not checked against the source."),
                               NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (guidance), _("Guidance"));
  adw_action_row_set_subtitle (guidance, guidance_text);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (guidance), FALSE);
  adw_expander_row_add_row (row->row, GTK_WIDGET (guidance));

  row->score = ADW_COMBO_ROW (adw_combo_row_new ());
  name = g_strconcat ("score-", statement->id, NULL);
  gtk_widget_set_name (GTK_WIDGET (row->score), name);
  g_free (name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->score), _("Score"));
  adw_combo_row_set_model (row->score, G_LIST_MODEL (scale));
  g_object_set_data (G_OBJECT (row->score), "page", self);
  adw_expander_row_add_row (row->row, GTK_WIDGET (row->score));

  row->confidence = ADW_COMBO_ROW (adw_combo_row_new ());
  name = g_strconcat ("confidence-", statement->id, NULL);
  gtk_widget_set_name (GTK_WIDGET (row->confidence), name);
  g_free (name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->confidence), _("Confidence"));
  adw_combo_row_set_model (row->confidence, G_LIST_MODEL (confidences));
  g_object_set_data (G_OBJECT (row->confidence), "page", self);
  adw_expander_row_add_row (row->row, GTK_WIDGET (row->confidence));

  row->evidence = ADW_ENTRY_ROW (adw_entry_row_new ());
  name = g_strconcat ("evidence-", statement->id, NULL);
  gtk_widget_set_name (GTK_WIDGET (row->evidence), name);
  g_free (name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->evidence), _("Evidence"));
  adw_entry_row_set_show_apply_button (row->evidence, TRUE);
  g_object_set_data (G_OBJECT (row->evidence), "page", self);
  adw_expander_row_add_row (row->row, GTK_WIDGET (row->evidence));

  row->links = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->links), _("Links and Documents"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->links), FALSE);
  adw_expander_row_add_row (row->row, GTK_WIDGET (row->links));

  {
    AdwActionRow *actions = ADW_ACTION_ROW (adw_action_row_new ());
    GtkWidget *add = gtk_button_new_with_mnemonic (_("Add _Action…"));

    row->actions = actions;
    name = g_strconcat ("actions-", statement->id, NULL);
    gtk_widget_set_name (GTK_WIDGET (actions), name);
    g_free (name);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (actions), _("Actions"));
    name = g_strconcat ("add-action-", statement->id, NULL);
    gtk_widget_set_name (add, name);
    g_free (name);
    gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
    gtk_widget_set_tooltip_text (add, _("Add an action about this statement"));
    g_object_set_data (G_OBJECT (add), "page", self);
    g_signal_connect (add, "clicked", G_CALLBACK (evaluation_page_on_statement_action), row);
    adw_action_row_add_suffix (actions, add);
    adw_expander_row_add_row (row->row, GTK_WIDGET (actions));
  }

  row->link = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->link),
                                 _("Add a Link or a Document’s Path"));
  adw_entry_row_set_show_apply_button (row->link, TRUE);
  g_object_set_data (G_OBJECT (row->link), "page", self);
  adw_expander_row_add_row (row->row, GTK_WIDGET (row->link));

  g_signal_connect (row->score, "notify::selected", G_CALLBACK (evaluation_page_on_score), row);
  g_signal_connect (row->confidence, "notify::selected", G_CALLBACK (evaluation_page_on_score),
                    row);
  g_signal_connect (row->evidence, "apply", G_CALLBACK (evaluation_page_on_evidence), row);
  g_signal_connect (row->link, "apply", G_CALLBACK (evaluation_page_on_link), row);
  adw_preferences_group_add (group, GTK_WIDGET (row->row));
  g_ptr_array_add (self->statement_rows, row);
}

static void
evaluation_page_on_participant (GtkCheckButton *check,
                                EvaluationPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 *organisation = g_object_get_data (G_OBJECT (check), "organisation");

  if (self->updating)
    return;
  if (!evaluation_participant_set (self->workspace, self->assessment, *organisation,
                                   gtk_check_button_get_active (check), &error))
    evaluation_page_error (self, error);
}

static void
evaluation_page_build_participants (EvaluationPage *self)
{
  SteadRecordProvider *provider = stead_workspace_get_provider (self->workspace, "organisation");
  g_autoptr(GListModel) organisations = NULL;
  AdwExpanderRow *expander;

  self->participants = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->participants, _("Who Took Part"));
  gtk_box_append (self->editor, GTK_WIDGET (self->participants));
  if (provider == NULL)
    {
      adw_preferences_group_set_description (self->participants,
                                             _("Switch the Partners plugin on to record which "
                                               "organisations took part."));
      return;
    }
  organisations = stead_record_provider_list (provider, "organisation");
  expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Partner Organisations"));
  adw_preferences_group_add (self->participants, GTK_WIDGET (expander));
  g_object_set_data (G_OBJECT (self->participants), "expander", expander);
  for (guint i = 0; i < g_list_model_get_n_items (organisations); i++)
    {
      g_autoptr(SteadRecord) organisation = g_list_model_get_item (organisations, i);
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      GtkWidget *check = gtk_check_button_new ();
      gint64 id = stead_record_get_id (organisation);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     stead_record_get_title (organisation));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      stead_record_get_title (organisation), -1);
      g_object_set_data_full (G_OBJECT (check), "organisation", g_memdup2 (&id, sizeof id),
                              g_free);
      adw_action_row_add_prefix (row, check);
      adw_action_row_set_activatable_widget (row, check);
      g_signal_connect (check, "toggled", G_CALLBACK (evaluation_page_on_participant), self);
      adw_expander_row_add_row (expander, GTK_WIDGET (row));
      g_ptr_array_add (self->participant_checks, check);
    }
}

static void
evaluation_page_action_target_free (gpointer data)
{
  EvaluationActionTarget *target = data;

  g_free (target->dimension);
  g_free (target->statement);
  g_free (target);
}

static gboolean
evaluation_page_save_action (SteadForm  *form,
                             gpointer    user_data,
                             GError    **error)
{
  EvaluationActionTarget *target = user_data;
  EvaluationPage *self = target->page;

  return evaluation_action_add (self->workspace, self->assessment, target->dimension,
                                target->statement, stead_form_get_text (form, "text"),
                                stead_form_get_int (form, "owner_organisation", 0),
                                stead_form_get_text (form, "owner_name"),
                                stead_form_get_text (form, "due"), error) > 0;
}

/* An action on the whole assessment (@statement NULL), or on a statement. */
static void
evaluation_page_on_add_action (EvaluationPage *self,
                               const char     *dimension,
                               const char     *statement)
{
  EvaluationActionTarget *target = g_new0 (EvaluationActionTarget, 1);
  const EvaluationStatement *about = NULL;

  target->page = self;
  target->dimension = g_strdup (dimension);
  target->statement = g_strdup (statement);
  if (statement != NULL && self->framework != NULL)
    about = evaluation_framework_find_statement (self->framework, statement, NULL);
  stead_form_present (stead_form_new (GTK_WIDGET (self), _("Add Action"),
                                      about != NULL ? about->text : NULL,
                                      evaluation_action_fields, evaluation_n_action_fields,
                                      "text due owner_organisation owner_name", NULL, NULL,
                                      self->workspace, evaluation_page_save_action, target,
                                      evaluation_page_action_target_free));
}

static void
evaluation_page_on_add_assessment_action (EvaluationPage *self)
{
  evaluation_page_on_add_action (self, NULL, NULL);
}

static void
evaluation_page_on_action_status (AdwComboRow    *combo,
                                  GParamSpec     *pspec,
                                  EvaluationPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = evaluation_today ();
  gint64 *id = g_object_get_data (G_OBJECT (combo), "action");
  guint selected = adw_combo_row_get_selected (combo);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (!evaluation_action_set_status (self->workspace, *id,
                                     evaluation_action_statuses[selected].code, today, &error))
    evaluation_page_error (self, error);
}

static void
evaluation_page_build (EvaluationPage *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *add;

  evaluation_page_clear_box (self->editor);
  g_ptr_array_set_size (self->statement_rows, 0);
  g_ptr_array_set_size (self->dimension_groups, 0);
  g_ptr_array_set_size (self->participant_checks, 0);
  g_ptr_array_set_size (self->action_rows, 0);
  g_clear_pointer (&self->framework, evaluation_framework_free);
  self->participants = NULL;
  self->action_group = NULL;
  self->radar_group = NULL;
  self->radar = NULL;
  if (self->assessment <= 0)
    return;
  self->framework = evaluation_framework_load (
    self->workspace, evaluation_assessment_get_framework (self->workspace, self->assessment),
    &error);
  if (self->framework == NULL)
    {
      gtk_box_append (self->editor, evaluation_page_label (error->message, FALSE));
      return;
    }

  self->radar_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->radar_group, _("Score per Dimension"));
  self->radar = stead_chart_view_new (NULL);
  gtk_widget_set_name (self->radar, "assessment-chart");
  /* The detail is narrow: the table is below the chart, and given 2/5 of
   * the height; enough for six dimensions' rows before it scrolls. */
  gtk_widget_set_size_request (self->radar, -1,
                               400 + 62 * (int) MIN (self->framework->dimensions->len, 6));
  adw_preferences_group_add (self->radar_group, self->radar);
  gtk_box_append (self->editor, GTK_WIDGET (self->radar_group));

  evaluation_page_build_participants (self);
  for (guint d = 0; d < self->framework->dimensions->len; d++)
    {
      EvaluationDimension *dimension = g_ptr_array_index (self->framework->dimensions, d);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

      adw_preferences_group_set_title (group, dimension->title);
      for (guint s = 0; s < dimension->statements->len; s++)
        evaluation_page_add_statement (self, group, g_ptr_array_index (dimension->statements, s));
      gtk_box_append (self->editor, GTK_WIDGET (group));
      g_ptr_array_add (self->dimension_groups, group);
    }

  self->action_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->action_group, _("Actions Agreed"));
  add = gtk_button_new_with_mnemonic (_("Add _Action…"));
  gtk_widget_set_name (add, "add-action");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (evaluation_page_on_add_assessment_action),
                            self);
  adw_preferences_group_set_header_suffix (self->action_group, add);
  gtk_box_append (self->editor, GTK_WIDGET (self->action_group));
  evaluation_page_refresh (self);
}

static void
evaluation_page_refresh_actions (EvaluationPage *self)
{
  g_autofree char *today = evaluation_today ();
  g_autoptr(GPtrArray) actions = NULL;
  gboolean personal = g_settings_get_boolean (self->settings, "show-personal-data");

  for (guint i = 0; i < self->action_rows->len; i++)
    adw_preferences_group_remove (self->action_group, g_ptr_array_index (self->action_rows, i));
  g_ptr_array_set_size (self->action_rows, 0);
  actions = evaluation_actions_load (self->workspace, self->assessment, FALSE, today, NULL);
  for (guint r = 0; r < self->statement_rows->len; r++)
    {
      EvaluationStatementRow *statement = g_ptr_array_index (self->statement_rows, r);
      guint n = 0;
      g_autofree char *text = NULL;

      for (guint i = 0; actions != NULL && i < actions->len; i++)
        n += g_strcmp0 (((EvaluationOpenAction *) g_ptr_array_index (actions, i))->statement,
                        statement->statement) == 0;
      text = n == 0 ? g_strdup (_("Agree what will be done about this statement."))
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u action agreed, listed below",
                                                    "%u actions agreed, listed below", n),
                                       n);
      adw_action_row_set_subtitle (statement->actions, text);
    }
  for (guint i = 0; actions != NULL && i < actions->len; i++)
    {
      EvaluationOpenAction *a = g_ptr_array_index (actions, i);
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
      g_autofree char *subtitle = NULL;
      const char *owner = a->owner == NULL ? _("No owner yet")
                          : a->owner_is_person && !personal ? _("A named person")
                                                            : a->owner;
      guint selected = 0;

      for (guint s = 0; evaluation_action_statuses[s].code != NULL; s++)
        {
          gtk_string_list_append (statuses, _(evaluation_action_statuses[s].label));
          if (g_strcmp0 (evaluation_action_statuses[s].code, a->status) == 0)
            selected = s;
        }
      /* TRANSLATORS: an action's owner and due date; "overdue" when past */
      subtitle = g_strdup_printf (a->overdue ? _("%s · due %s · overdue") : _("%s · due %s"),
                                  owner, a->due != NULL ? a->due : _("no date"));
      if (a->about != NULL)
        {
          /* TRANSLATORS: an action's owner and due date, then what it is about */
          char *about = g_strdup_printf (_("%s\nAbout: %s"), subtitle, a->about);

          g_free (subtitle);
          subtitle = about;
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), a->text);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_combo_row_set_model (row, G_LIST_MODEL (statuses));
      adw_combo_row_set_selected (row, selected);
      if (a->overdue)
        gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      g_object_set_data_full (G_OBJECT (row), "action", g_memdup2 (&a->id, sizeof a->id),
                              g_free);
      g_signal_connect (row, "notify::selected", G_CALLBACK (evaluation_page_on_action_status),
                        self);
      adw_preferences_group_add (self->action_group, GTK_WIDGET (row));
      g_ptr_array_add (self->action_rows, row);
    }
  adw_preferences_group_set_description (
    self->action_group, actions != NULL && actions->len > 0
                          ? NULL
                          : _("None yet: agree what will be done, by whom and when."));
}

/* The values shown, from the workspace, without saving them again. */
static void
evaluation_page_refresh (EvaluationPage *self)
{
  g_autoptr(EvaluationScores) scores = NULL;
  g_autoptr(GArray) dimensions = NULL;
  g_autoptr(GHashTable) participants = NULL;
  guint n_taking_part = 0;

  if (self->framework == NULL || self->assessment <= 0)
    return;
  scores = evaluation_scores_load (self->workspace, self->assessment, NULL);
  if (scores == NULL)
    return;
  self->updating = TRUE;
  for (guint i = 0; i < self->statement_rows->len; i++)
    {
      EvaluationStatementRow *row = g_ptr_array_index (self->statement_rows, i);
      const char *evidence = g_hash_table_lookup (scores->evidence, row->statement);
      const char *confidence = g_hash_table_lookup (scores->confidence, row->statement);
      g_autoptr(GPtrArray) links = evaluation_evidence_load (self->workspace, self->assessment,
                                                             row->statement);
      g_autofree char *joined = NULL;
      guint selected = 0, conf = 0;
      gint64 score;

      if (evaluation_scores_get (scores, row->statement, &score))
        for (guint v = 0; v < self->framework->scale->len; v++)
          if (g_array_index (self->framework->scale, EvaluationScaleValue, v).value == score)
            selected = v + 1;
      for (guint c = 0; confidence != NULL && evaluation_confidences[c].code != NULL; c++)
        if (g_str_equal (evaluation_confidences[c].code, confidence))
          conf = c + 1;
      adw_combo_row_set_selected (row->score, selected);
      adw_combo_row_set_selected (row->confidence, conf);
      adw_expander_row_set_subtitle (row->row,
                                     selected > 0 ? g_array_index (self->framework->scale,
                                                                   EvaluationScaleValue,
                                                                   selected - 1).label
                                                  : _("Not scored"));
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row->evidence)),
                     evidence != NULL ? evidence : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (row->evidence), evidence != NULL ? evidence : "");
      g_ptr_array_add (links, NULL);
      joined = g_strjoinv ("; ", (char **) links->pdata);
      adw_action_row_set_subtitle (row->links, joined[0] != '\0' ? joined : _("None yet"));
    }

  if (self->radar != NULL)
    {
      const EvaluationScores *one[] = { scores };
      g_autoptr(SteadChart) radar = evaluation_chart_radar (self->framework, one, 1);

      stead_chart_view_set_chart (STEAD_CHART_VIEW (self->radar), radar);
      adw_preferences_group_set_description (
        self->radar_group, evaluation_scores_any (scores)
                             ? _("Each dimension’s score as a share of the scale.")
                             : _("Nothing is scored yet: score a statement below to see it "
                                 "here."));
    }
  dimensions = evaluation_score_dimensions (self->framework, scores);
  for (guint d = 0; d < dimensions->len; d++)
    {
      EvaluationDimensionScore *score = &g_array_index (dimensions, EvaluationDimensionScore, d);
      g_autofree char *percent = evaluation_page_percent (score->normalised);
      /* TRANSLATORS: a dimension's score, and its statements scored of all */
      g_autofree char *text = score->n_scored == 0
                                ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "Not scored yet · %u statement",
                                                                "Not scored yet · %u statements",
                                                                score->n_statements),
                                                   score->n_statements)
                                : g_strdup_printf (_("Score %s · %u of %u statements scored"),
                                                   percent, score->n_scored,
                                                   score->n_statements);

      adw_preferences_group_set_description (g_ptr_array_index (self->dimension_groups, d),
                                             text);
    }

  participants = evaluation_participants_load (self->workspace, self->assessment);
  for (guint i = 0; i < self->participant_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->participant_checks, i);
      gboolean active = g_hash_table_contains (participants,
                                               g_object_get_data (G_OBJECT (check),
                                                                  "organisation"));

      gtk_check_button_set_active (check, active);
      n_taking_part += active;
    }
  if (self->participants != NULL && self->participant_checks->len > 0)
    {
      g_autofree char *text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u organisation took part", "%u organisations took part",
                     n_taking_part),
        n_taking_part);

      adw_expander_row_set_subtitle (g_object_get_data (G_OBJECT (self->participants),
                                                        "expander"),
                                     text);
    }
  if (self->action_group != NULL)
    evaluation_page_refresh_actions (self);
  self->updating = FALSE;
}

/* ------------------------------------------------------------------------ */
/* Comparison and trends                                                    */

static GtkDropDown *
evaluation_page_drop_down (const char *accessible_label)
{
  GtkDropDown *drop = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));

  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  return drop;
}

/* An empty state inside a view: what is missing, and what to do. */
static GtkWidget *
evaluation_page_status (const char *name,
                        const char *title,
                        const char *description)
{
  GtkWidget *status = adw_status_page_new ();

  gtk_widget_set_name (status, name);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (status), description);
  gtk_widget_add_css_class (status, "compact");
  return status;
}

static GtkWidget *
evaluation_page_chart_view (SteadChart *chart,
                            const char *name)
{
  GtkWidget *view = stead_chart_view_new (chart);

  gtk_widget_set_name (view, name);
  gtk_widget_set_size_request (view, -1, 400);
  return view;
}

static void
evaluation_page_show_comparison (EvaluationPage *self)
{
  g_autoptr(EvaluationFramework) framework = NULL;
  g_autoptr(EvaluationScores) before = NULL;
  g_autoptr(EvaluationScores) after = NULL;
  g_autoptr(EvaluationComparison) comparison = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) moved = g_ptr_array_new_with_free_func (g_free);
  guint b = gtk_drop_down_get_selected (self->compare_before);
  guint a = gtk_drop_down_get_selected (self->compare_after);
  const char *dimension_header[] = { _("Dimension"), _("Before"), _("After"), _("Change") };
  const char *statement_header[] = { _("Statement"), _("Before"), _("After"), _("Moved"),
                                     _("Evidence for the Later Score") };
  GtkWidget *box;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(SteadChart) radar = NULL;
  gint64 fb, fa;

  if (self->compare_table != NULL)
    gtk_box_remove (self->compare_box, self->compare_table);
  self->compare_table = box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (self->compare_box, box);
  if (self->compare_ids->len < 2)
    {
      gtk_box_append (GTK_BOX (box),
                      evaluation_page_status ("compare-empty",
                                              _("Score a Second Assessment to Compare"),
                                              _("A comparison shows what moved between two "
                                                "assessments of the same framework, and the "
                                                "evidence for it.")));
      return;
    }
  if (b >= self->compare_ids->len || a >= self->compare_ids->len)
    return;
  fb = evaluation_assessment_get_framework (self->workspace,
                                            g_array_index (self->compare_ids, gint64, b));
  fa = evaluation_assessment_get_framework (self->workspace,
                                            g_array_index (self->compare_ids, gint64, a));
  if (fb != fa)
    {
      gtk_box_append (GTK_BOX (box),
                      evaluation_page_label (_("These two assessments are of different "
                                               "frameworks: choose two of the same one."),
                                             FALSE));
      return;
    }
  history = evaluation_history_load (self->workspace, fa, NULL);
  if (history != NULL && history->len < 2)
    {
      gtk_box_append (GTK_BOX (box),
                      evaluation_page_status ("compare-empty",
                                              _("Score a Second Assessment to Compare"),
                                              _("Only one assessment of this framework exists: "
                                                "start another of it to see what moved.")));
      return;
    }
  if (a == b)
    {
      gtk_box_append (GTK_BOX (box),
                      evaluation_page_label (_("Choose two different assessments."), FALSE));
      return;
    }
  framework = evaluation_framework_load (self->workspace, fa, NULL);
  before = evaluation_scores_load (self->workspace, g_array_index (self->compare_ids, gint64, b),
                                   NULL);
  after = evaluation_scores_load (self->workspace, g_array_index (self->compare_ids, gint64, a),
                                  NULL);
  if (framework == NULL || before == NULL || after == NULL)
    return;
  if (!evaluation_scores_any (before) && !evaluation_scores_any (after))
    {
      gtk_box_append (GTK_BOX (box),
                      evaluation_page_status ("compare-empty", _("Nothing Scored Yet"),
                                              _("Score the statements of these assessments to "
                                                "compare them.")));
      return;
    }
  {
    const EvaluationScores *both[] = { before, after };

    radar = evaluation_chart_radar (framework, both, 2);
    gtk_box_append (GTK_BOX (box), evaluation_page_chart_view (radar, "compare-chart"));
  }
  comparison = evaluation_compare (framework, before, after);
  for (guint d = 0; d < comparison->dimensions->len; d++)
    {
      EvaluationDimension *dimension = g_ptr_array_index (framework->dimensions, d);
      EvaluationDimensionChange *c = &g_array_index (comparison->dimensions,
                                                     EvaluationDimensionChange, d);

      g_ptr_array_add (cells, g_strdup (dimension->title));
      g_ptr_array_add (cells, evaluation_page_percent (c->before));
      g_ptr_array_add (cells, evaluation_page_percent (c->after));
      if (c->move == EVALUATION_MOVE_UNKNOWN || c->move == EVALUATION_MOVE_SAME)
        g_ptr_array_add (cells, g_strdup (c->move == EVALUATION_MOVE_SAME ? _("no change")
                                                                          : _("not compared")));
      else
        /* TRANSLATORS: "up by 22 points": a dimension's change, in percentage points */
        g_ptr_array_add (cells, g_strdup_printf (_("%s by %.0f points"),
                                                 evaluation_move_label (c->move),
                                                 fabs (c->delta) * 100));
    }
  gtk_box_append (GTK_BOX (box), evaluation_page_label (_("By Dimension"), TRUE));
  gtk_box_append (GTK_BOX (box), evaluation_page_table (dimension_header, 4, cells));

  for (guint i = 0; i < comparison->statements->len; i++)
    {
      EvaluationStatementChange *c = &g_array_index (comparison->statements,
                                                     EvaluationStatementChange, i);

      if (c->move != EVALUATION_MOVE_UP && c->move != EVALUATION_MOVE_DOWN)
        continue;
      g_ptr_array_add (moved, g_strdup (c->statement->text));
      g_ptr_array_add (moved, g_strdup (evaluation_framework_scale_label (framework, c->before)));
      g_ptr_array_add (moved, g_strdup (evaluation_framework_scale_label (framework, c->after)));
      g_ptr_array_add (moved, g_strdup_printf (_("%s %" G_GINT64_FORMAT),
                                               evaluation_move_label (c->move), ABS (c->delta)));
      g_ptr_array_add (moved, g_strdup (c->evidence != NULL ? c->evidence
                                                            : _("none recorded")));
    }
  gtk_box_append (GTK_BOX (box), evaluation_page_label (_("Statements That Moved"), TRUE));
  if (moved->len == 0)
    gtk_box_append (GTK_BOX (box), evaluation_page_label (_("No statement’s score moved."),
                                                          FALSE));
  else
    gtk_box_append (GTK_BOX (box), evaluation_page_table (statement_header, 5, moved));
}

static void
evaluation_page_show_trends (EvaluationPage *self)
{
  g_autoptr(EvaluationFramework) framework = NULL;
  g_autoptr(GPtrArray) history = NULL;
  guint f = gtk_drop_down_get_selected (self->trends_framework);
  gboolean any = FALSE;
  gint64 id;

  if (self->trends_table != NULL)
    gtk_box_remove (self->trends_box, self->trends_table);
  self->trends_table = NULL;
  if (f < self->trends_ids->len)
    {
      id = g_array_index (self->trends_ids, gint64, f);
      framework = evaluation_framework_load (self->workspace, id, NULL);
      history = evaluation_history_load (self->workspace, id, NULL);
    }
  for (guint a = 0; history != NULL && a < history->len; a++)
    any |= evaluation_scores_any (g_ptr_array_index (history, a));
  if (framework == NULL || history == NULL || history->len < 2)
    self->trends_table = evaluation_page_status (
      "trends-empty", _("Score a Second Assessment to See Trends"),
      _("Trends show each dimension’s score in every assessment of a framework: they need "
        "two assessments of it at least."));
  else if (!any)
    self->trends_table = evaluation_page_status (
      "trends-empty", _("Nothing Scored Yet"),
      _("Score the statements of this framework’s assessments to see their trends."));
  else
    {
      /* Small multiples: a chart a dimension, each with its few numbers
       * below it, two across when there is room. */
      GtkWidget *grid = gtk_flow_box_new ();
      /* The table below the chart: a header and a row an assessment. */
      int height = CLAMP ((40 + 36 * (int) history->len) * 5 / 2, 380, 640);

      gtk_widget_set_name (grid, "trends-charts");
      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (grid), GTK_SELECTION_NONE);
      gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (grid), TRUE);
      gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (grid), 2);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (grid), 2);
      gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (grid), 12);
      gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (grid), 12);
      for (guint d = 0; d < framework->dimensions->len; d++)
        {
          g_autoptr(SteadChart) one = evaluation_chart_dimension_trend (framework, history, d);
          g_autofree char *name = g_strdup_printf ("trends-chart-%u", d);
          GtkWidget *view = evaluation_page_chart_view (one, name);

          gtk_widget_set_size_request (view, 280, height);
          gtk_flow_box_append (GTK_FLOW_BOX (grid), view);
        }
      self->trends_table = grid;
    }
  gtk_box_append (self->trends_box, self->trends_table);
}

static void
evaluation_page_fill_views (EvaluationPage *self)
{
  g_autoptr(GListModel) assessments = G_LIST_MODEL (evaluation_assessments_new (self->workspace));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) frameworks = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) rows = evaluation_frameworks_load (self->workspace);
  guint before = gtk_drop_down_get_selected (self->compare_before);
  guint after = gtk_drop_down_get_selected (self->compare_after);
  guint chosen = gtk_drop_down_get_selected (self->trends_framework);
  guint n;

  g_array_set_size (self->compare_ids, 0);
  n = g_list_model_get_n_items (assessments);
  /* Oldest first, as a comparison reads. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(SteadRecord) record = g_list_model_get_item (assessments, i - 1);
      gint64 id = stead_record_get_id (record);
      g_autofree char *name = g_strdup_printf ("%s — %s",
                                               stead_record_get_string (record, "date"),
                                               stead_record_get_title (record));

      g_array_append_val (self->compare_ids, id);
      gtk_string_list_append (names, name);
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->compare_before, G_LIST_MODEL (names));
  gtk_drop_down_set_model (self->compare_after, G_LIST_MODEL (names));
  if (after == GTK_INVALID_LIST_POSITION || after >= n)
    after = n >= 1 ? n - 1 : 0;
  /* At first, the latest and the one before it of the same framework. */
  if ((before == GTK_INVALID_LIST_POSITION || before >= n) && n > 0)
    {
      g_autoptr(SteadRecord) latest = g_list_model_get_item (assessments, n - 1 - after);
      gint64 framework = stead_record_get_int (latest, "framework");

      before = after;
      for (guint i = after; i > 0; i--)
        {
          g_autoptr(SteadRecord) record = g_list_model_get_item (assessments, n - i);

          if (stead_record_get_int (record, "framework") == framework)
            {
              before = i - 1;
              break;
            }
        }
    }
  gtk_drop_down_set_selected (self->compare_before, before);
  gtk_drop_down_set_selected (self->compare_after, after);

  g_array_set_size (self->trends_ids, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      EvaluationFrameworkRow *row = g_ptr_array_index (rows, i);
      g_autofree char *name = g_strdup_printf (_("%s (version %s)"), row->title, row->version);

      g_array_append_val (self->trends_ids, row->id);
      gtk_string_list_append (frameworks, name);
    }
  gtk_drop_down_set_model (self->trends_framework, G_LIST_MODEL (frameworks));
  gtk_drop_down_set_selected (self->trends_framework,
                              chosen < rows->len ? chosen : 0);
  self->updating = FALSE;
  evaluation_page_show_comparison (self);
  evaluation_page_show_trends (self);
}

static void
evaluation_page_on_view_choice (EvaluationPage *self)
{
  if (self->updating)
    return;
  evaluation_page_show_comparison (self);
  evaluation_page_show_trends (self);
}

static void
evaluation_page_build_views (EvaluationPage *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *trends_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label;

  gtk_box_append (self->compare_box, evaluation_page_label (_("Compare Two Assessments"), TRUE));
  self->compare_before = evaluation_page_drop_down (_("Earlier assessment"));
  self->compare_after = evaluation_page_drop_down (_("Later assessment"));
  gtk_widget_set_name (GTK_WIDGET (self->compare_before), "compare-before");
  gtk_widget_set_name (GTK_WIDGET (self->compare_after), "compare-after");
  gtk_widget_set_hexpand (GTK_WIDGET (self->compare_before), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->compare_after), TRUE);
  label = gtk_label_new (_("with"));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->compare_before));
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->compare_after));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (row), GTK_ORIENTATION_VERTICAL);
  gtk_box_append (self->compare_box, row);
  g_signal_connect_swapped (self->compare_before, "notify::selected",
                            G_CALLBACK (evaluation_page_on_view_choice), self);
  g_signal_connect_swapped (self->compare_after, "notify::selected",
                            G_CALLBACK (evaluation_page_on_view_choice), self);

  gtk_box_append (self->trends_box, evaluation_page_label (_("Trends per Dimension"), TRUE));
  gtk_box_append (self->trends_box,
                  evaluation_page_label (_("Each dimension’s score in every assessment of the "
                                           "framework, oldest first."),
                                         FALSE));
  self->trends_framework = evaluation_page_drop_down (_("Framework"));
  gtk_widget_set_name (GTK_WIDGET (self->trends_framework), "trends-framework");
  gtk_widget_set_hexpand (GTK_WIDGET (self->trends_framework), TRUE);
  gtk_box_append (GTK_BOX (trends_row), GTK_WIDGET (self->trends_framework));
  gtk_box_append (self->trends_box, trends_row);
  g_signal_connect_swapped (self->trends_framework, "notify::selected",
                            G_CALLBACK (evaluation_page_on_view_choice), self);
}

/* ------------------------------------------------------------------------ */
/* The actions view: a column view of the actions, sortable by due date     */

static void
evaluation_page_setup_cell (GtkSignalListItemFactory *factory,
                            GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);
  const char *field = g_object_get_data (G_OBJECT (factory), "field");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* What is to be done is read whole; the other cells are short. */
  if (g_str_equal (field, "text") || g_str_equal (field, "about"))
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (label), 20);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
    }
  /* "2026-11-11 overdue" is short and must be read whole. */
  else if (!g_str_equal (field, "due"))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
evaluation_page_bind_cell (GtkSignalListItemFactory *factory,
                           GtkListItem              *item,
                           EvaluationPage           *self)
{
  const char *field = g_object_get_data (G_OBJECT (factory), "field");
  SteadRecord *record = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;
  const char *overdue = stead_record_get_string (record, "overdue");

  if (g_str_equal (field, "owner"))
    {
      gint64 organisation = stead_record_get_int (record, "owner_organisation");
      const char *name = stead_record_get_string (record, "owner_name");

      if (organisation > 0)
        text = stead_workspace_get_record_title (self->workspace, "organisation", organisation);
      else if (name != NULL)
        text = g_strdup (g_settings_get_boolean (self->settings, "show-personal-data")
                           ? name : _("A named person"));
    }
  else if (g_str_equal (field, "about"))
    text = g_strdup (stead_record_get_string (record, "about") != NULL
                       ? stead_record_get_string (record, "about")
                       : _("The whole assessment"));
  else if (g_str_equal (field, "status"))
    text = g_strdup (stead_choice_get_label (evaluation_action_statuses,
                                             stead_record_get_string (record, "status")));
  else if (g_str_equal (field, "due"))
    {
      const char *due = stead_record_get_string (record, "due");

      text = overdue != NULL && due != NULL ? g_strdup_printf (_("%s overdue"), due)
                                            : g_strdup (due);
    }
  else
    text = g_strdup (stead_record_get_string (record, field));
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
  if (overdue != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

static void
evaluation_page_add_column (EvaluationPage *self,
                            const char     *field,
                            const char     *title,
                            gboolean        expand,
                            GtkSorter      *sorter)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "field", (gpointer) field);
  g_signal_connect (factory, "setup", G_CALLBACK (evaluation_page_setup_cell), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (evaluation_page_bind_cell), self);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (sorter != NULL)
    gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_append_column (self->actions_list, column);
  g_object_unref (column);
}

static gboolean
evaluation_page_is_open (gpointer item,
                         gpointer user_data)
{
  return evaluation_action_is_open (stead_record_get_string (item, "status"));
}

/* The due date to sort by; an action with none (NULL, which a string
 * sorter refuses) after every dated one. */
static char *
evaluation_page_due_key (SteadRecord *record,
                         gpointer     user_data)
{
  const char *due = stead_record_get_string (record, "due");

  return g_strdup (due != NULL ? due : "9999-12-31");
}

static void
evaluation_page_build_actions (EvaluationPage *self)
{
  GtkSorter *by_due = GTK_SORTER (gtk_string_sorter_new (NULL));
  GtkFilter *open = GTK_FILTER (gtk_custom_filter_new (evaluation_page_is_open, NULL, NULL));
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;

  gtk_string_sorter_set_expression (GTK_STRING_SORTER (by_due),
                                    gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                                 G_CALLBACK (
                                                                   evaluation_page_due_key),
                                                                 NULL, NULL));
  evaluation_page_add_column (self, "due", _("Due"), FALSE, by_due);
  evaluation_page_add_column (self, "text", _("Action"), TRUE, NULL);
  evaluation_page_add_column (self, "about", _("About"), TRUE, NULL);
  evaluation_page_add_column (self, "owner", _("Owner"), FALSE, NULL);
  evaluation_page_add_column (self, "status", _("Status"), FALSE, NULL);
  evaluation_page_add_column (self, "assessment_title", _("Assessment"), FALSE, NULL);

  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->actions)), open);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered),
                                    g_object_ref (gtk_column_view_get_sorter (self->actions_list)));
  gtk_column_view_set_model (self->actions_list,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (sorted))));
  gtk_column_view_sort_by_column (
    self->actions_list,
    g_list_model_get_item (gtk_column_view_get_columns (self->actions_list), 0),
    GTK_SORT_ASCENDING);
}

static void
evaluation_page_summarise_actions (EvaluationPage *self)
{
  g_autofree char *today = evaluation_today ();
  g_autoptr(GPtrArray) open = evaluation_open_actions_load (self->workspace, today, NULL);
  g_autofree char *text = NULL;
  guint overdue = 0;

  if (open == NULL)
    return;
  for (guint i = 0; i < open->len; i++)
    overdue += ((EvaluationOpenAction *) g_ptr_array_index (open, i))->overdue;
  if (open->len == 0)
    text = g_strdup (_("No action agreed in an assessment is open."));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action open, of which %u overdue.",
                                         "%u actions open, of which %u overdue.", open->len),
                            open->len, overdue);
  gtk_label_set_text (self->actions_summary, text);
}

/* ------------------------------------------------------------------------ */

static void
evaluation_page_reload (gpointer owner)
{
  EvaluationPage *self = owner;

  /* An assessment's framework is fixed: the editor stays, its values follow. */
  evaluation_page_refresh (self);
  evaluation_page_fill_views (self);
  evaluation_page_summarise_actions (self);
}

static void
evaluation_page_on_selected (EvaluationPage *self)
{
  SteadRecord *record = stead_record_page_get_selected (self->records);
  gint64 id = record != NULL ? stead_record_get_id (record) : 0;

  if (id == self->assessment)
    return;
  self->assessment = id;
  evaluation_page_build (self);
}

static void
evaluation_page_on_view_toggled (EvaluationPage *self)
{
  const char *view = gtk_toggle_button_get_active (self->compare_toggle)  ? "compare"
                     : gtk_toggle_button_get_active (self->trends_toggle) ? "trends"
                     : gtk_toggle_button_get_active (self->actions_toggle) ? "actions"
                     : gtk_toggle_button_get_active (self->needs_toggle) ? "needs"
                                                                          : "list";

  stead_record_page_show_view (self->records, view);
}

/* From the empty state, which has no view buttons: need over time does
 * not wait for an assessment. */
static void
evaluation_page_on_show_needs (EvaluationPage *self)
{
  gtk_toggle_button_set_active (self->needs_toggle, TRUE);
}

static const SteadField evaluation_page_start_fields[] = {
  { "framework", .required = TRUE, .type = STEAD_FIELD_INT, .label = N_("Framework") },
  { "title", .required = TRUE, .label = N_("Title") },
  { "date", .required = TRUE, .type = STEAD_FIELD_DATE, .label = N_("Date") },
};

/* Codes of the framework choice: a workspace framework by its row id, an
 * offered one (shipped, or a plugin's or the user's file) not yet in the
 * workspace by minus its place in self->offered, from 1. */
static gboolean
evaluation_page_save_start (SteadForm  *form,
                            gpointer    user_data,
                            GError    **error)
{
  EvaluationPage *self = user_data;
  gint64 choice = stead_form_get_int (form, "framework", 0);
  EvaluationOfferedFramework *offered = NULL;
  gint64 id;

  if (choice < 0 && self->offered != NULL && (guint64) -choice <= self->offered->len)
    offered = g_ptr_array_index (self->offered, -choice - 1);
  id = evaluation_assessment_start (self->workspace, offered != NULL ? offered->name : NULL,
                                    choice > 0 ? choice : 0, stead_form_get_text (form, "date"),
                                    stead_form_get_text (form, "title"), error);
  if (id <= 0)
    return FALSE;
  stead_record_page_reveal (self->records, id);
  return TRUE;
}

static void
evaluation_page_on_add (EvaluationPage *self)
{
  g_autofree char *today = evaluation_today ();
  const char *initial[] = { "date", today, "title", _("Self-assessment"), NULL, NULL, NULL };
  g_autoptr(GListStore) choices = g_list_store_new (STEAD_TYPE_TERM);
  g_autoptr(GPtrArray) rows = evaluation_frameworks_load (self->workspace);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *first = NULL;
  g_autofree char *body = NULL;
  SteadForm *form;

  g_clear_pointer (&self->offered, g_ptr_array_unref);
  self->offered = evaluation_frameworks_offered (NULL, &problems);
  for (guint i = 0; i < rows->len; i++)
    {
      EvaluationFrameworkRow *row = g_ptr_array_index (rows, i);
      g_autofree char *code = g_strdup_printf ("%" G_GINT64_FORMAT, row->id);
      g_autofree char *label = g_strdup_printf (_("%s (version %s)"), row->title, row->version);
      g_autoptr(SteadTerm) term = stead_term_new (code, label, NULL);

      g_list_store_append (choices, term);
      if (first == NULL)
        first = g_strdup (code);
    }
  for (guint i = 0; i < self->offered->len; i++)
    {
      EvaluationFramework *framework = ((EvaluationOfferedFramework *)
                                          g_ptr_array_index (self->offered, i))->framework;
      g_autofree char *code = g_strdup_printf ("%d", -(int) i - 1);
      g_autofree char *label = NULL;
      g_autoptr(SteadTerm) term = NULL;
      gboolean kept = FALSE;

      for (guint r = 0; r < rows->len; r++)
        kept |= g_strcmp0 (((EvaluationFrameworkRow *) g_ptr_array_index (rows, r))->key,
                           framework->key) == 0 &&
                g_strcmp0 (((EvaluationFrameworkRow *) g_ptr_array_index (rows, r))->version,
                           framework->version) == 0;
      if (kept)
        continue;
      label = g_strdup_printf (_("%s (version %s)"), framework->title, framework->version);
      term = stead_term_new (code, label, NULL);
      g_list_store_append (choices, term);
      if (first == NULL)
        first = g_strdup (code);
    }
  if (problems->len == 0)
    body = g_strdup (_("Choose the framework to assess the partnership against."));
  else
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (problems, NULL);
      joined = g_strjoinv ("\n", (char **) problems->pdata);
      /* TRANSLATORS: then a framework file a line, with the JSON path of its problem */
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Choose the framework to assess the partnership "
                                           "against. This framework file was skipped:\n%s",
                                           "Choose the framework to assess the partnership "
                                           "against. These framework files were skipped:\n%s",
                                           problems->len - 1),
                              joined);
    }
  initial[4] = "framework";
  initial[5] = first;
  form = stead_form_new (GTK_WIDGET (self), _("Start an Assessment"), body,
                         evaluation_page_start_fields, G_N_ELEMENTS (evaluation_page_start_fields),
                         "framework title date", NULL, initial, self->workspace,
                         evaluation_page_save_start, self, NULL);
  stead_form_set_choices (form, "framework", G_LIST_MODEL (choices));
  stead_form_present (form);
}

static void
evaluation_page_load (SteadPage      *page,
                      SteadWorkspace *workspace)
{
  EvaluationPage *self = EVALUATION_PAGE (page);
  g_autoptr(SteadQueryModel) assessments = evaluation_assessments_new (workspace);

  self->actions = evaluation_actions_new (workspace);
  stead_record_page_set_workspace (self->records, workspace);
  stead_record_page_set_model (self->records, G_LIST_MODEL (assessments));
  stead_workspace_follow (&self->workspace, workspace, self, "evaluation_",
                          evaluation_page_reload);
  evaluation_needs_view_set_workspace (self->needs_view, workspace);
  evaluation_page_build_actions (self);
  evaluation_page_fill_views (self);
  evaluation_page_summarise_actions (self);
}

static gboolean
evaluation_page_show (SteadPage  *page,
                      const char *kind,
                      gint64      id)
{
  EvaluationPage *self = EVALUATION_PAGE (page);

  if (g_str_equal (kind, "assessment"))
    {
      gtk_toggle_button_set_active (self->list_toggle, TRUE);
      stead_record_page_reveal (self->records, id);
      return TRUE;
    }
  if (g_str_equal (kind, "evaluation-action"))
    {
      gtk_toggle_button_set_active (self->actions_toggle, TRUE);
      return TRUE;
    }
  return FALSE;
}

static void
evaluation_page_dispose (GObject *object)
{
  EvaluationPage *self = EVALUATION_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), evaluation_page_get_type ());
  g_clear_object (&self->actions);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->framework, evaluation_framework_free);
  g_clear_pointer (&self->statement_rows, g_ptr_array_unref);
  g_clear_pointer (&self->dimension_groups, g_ptr_array_unref);
  g_clear_pointer (&self->participant_checks, g_ptr_array_unref);
  g_clear_pointer (&self->action_rows, g_ptr_array_unref);
  g_clear_pointer (&self->compare_ids, g_array_unref);
  g_clear_pointer (&self->trends_ids, g_array_unref);
  g_clear_pointer (&self->offered, g_ptr_array_unref);
  G_OBJECT_CLASS (evaluation_page_parent_class)->dispose (object);
}

static void
evaluation_page_class_init (EvaluationPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = evaluation_page_dispose;
  STEAD_PAGE_CLASS (klass)->load = evaluation_page_load;
  STEAD_PAGE_CLASS (klass)->show = evaluation_page_show;
  g_type_ensure (EVALUATION_TYPE_NEEDS_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               EVALUATION_RESOURCES "/evaluation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EvaluationPage, records);
  gtk_widget_class_bind_template_child (widget_class, EvaluationPage, list_toggle);
  gtk_widget_class_bind_template_child (widget_class, EvaluationPage, compare_toggle);
  gtk_widget_class_bind_template_child (widget_class, EvaluationPage, trends_toggle);
  gtk_widget_class_bind_template_child (widget_class, EvaluationPage, actions_toggle);
  gtk_widget_class_bind_template_child (widget_class, EvaluationPage, needs_toggle);
  gtk_widget_class_bind_template_child (widget_class, EvaluationPage, needs_view);
  gtk_widget_class_bind_template_child (widget_class, EvaluationPage, compare_box);
  gtk_widget_class_bind_template_child (widget_class, EvaluationPage, trends_box);
  gtk_widget_class_bind_template_child (widget_class, EvaluationPage, editor);
  gtk_widget_class_bind_template_child (widget_class, EvaluationPage, actions_list);
  gtk_widget_class_bind_template_child (widget_class, EvaluationPage, actions_summary);
  gtk_widget_class_bind_template_callback (widget_class, evaluation_page_on_add);
  gtk_widget_class_bind_template_callback (widget_class, evaluation_page_on_selected);
  gtk_widget_class_bind_template_callback (widget_class, evaluation_page_on_view_toggled);
  gtk_widget_class_bind_template_callback (widget_class, evaluation_page_on_show_needs);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
evaluation_page_init (EvaluationPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new ("io.github.steadapp.Stead");
  self->statement_rows = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                         evaluation_page_statement_row_free);
  self->dimension_groups = g_ptr_array_new ();
  self->participant_checks = g_ptr_array_new ();
  self->action_rows = g_ptr_array_new ();
  self->compare_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->trends_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  evaluation_page_build_views (self);
}
