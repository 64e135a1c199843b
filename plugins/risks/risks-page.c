/* risks-page.c: the community risk register
 *
 * The record page of risks (risks-page.ui) with what only the register
 * needs: the matrix above the list (click a cell to filter, drag a risk
 * to re-score it), the scales it is read against, re-scoring with the
 * old scores kept as history, impact by dimension and links.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "risks"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "risks.h"
#include "risks-page.h"

struct _RisksPage
{
  SteadPage        parent_instance;

  SteadRecordPage *records;
  RisksMatrix     *matrix;
  GtkDropDown     *scheme_dropdown;
  AdwActionRow    *scores_row;
  SteadFieldGroup *fields;
  GtkListBox      *impacts;
  SteadRecordList *history;
  SteadRecordList *hazards;
  SteadRecordList *links;

  SteadWorkspace  *workspace;
  SteadQueryModel *register_model;
  SteadQueryModel *impact_model;
  GListModel      *schemes;
  GListModel      *scores;          /* "Not assessed", 1…5 */
  SteadRecord     *shown;           /* the selected risk, whose scores row is shown */
  gulong           shown_id;
  int              cell_l, cell_i;  /* the matrix cell filtering the list, or 0 */
  gboolean         updating;
};

G_DEFINE_FINAL_TYPE (RisksPage, risks_page, STEAD_TYPE_PAGE)

/* A review's fields: the new scores and why. */
static const SteadField risks_page_review_fields[] = {
  { "likelihood", .required = TRUE, .type = STEAD_FIELD_INT, .min = 1, .max = 5,
    .label = N_("Likelihood") },
  { "impact", .required = TRUE, .type = STEAD_FIELD_INT, .min = 1, .max = 5,
    .label = N_("Impact") },
  { "note", .label = N_("Why (for the history)") },
};

static const SteadField risks_page_new_fields[] = {
  { "reference", .required = TRUE, .label = N_("Reference (NRR id, or H, HL, L code)") },
  { "title", .required = TRUE, .label = N_("Title") },
  { "likelihood", .required = TRUE, .type = STEAD_FIELD_INT, .min = 1, .max = 5,
    .label = N_("Likelihood") },
  { "impact", .required = TRUE, .type = STEAD_FIELD_INT, .min = 1, .max = 5,
    .label = N_("Impact") },
};

static const SteadField risks_page_link_fields[] = {
  { "kind", .required = TRUE, .type = STEAD_FIELD_CHOICE, .label = N_("Kind"),
    .choices = (const SteadChoice[]) { { "plan", N_("Plan") }, { "document", N_("Document") },
                                       { "target-group", N_("Target group exposed") }, { NULL } } },
  { "title", .required = TRUE, .label = N_("Title") },
  { "ref", .label = N_("Link, path or target group code") },
};

static gint64
risks_page_selected_id (RisksPage *self)
{
  SteadRecord *record = stead_record_page_get_selected (self->records);

  return record != NULL ? stead_record_get_id (record) : 0;
}

static gboolean
risks_page_filter (SteadRecord *record,
                   gpointer     user_data)
{
  RisksPage *self = user_data;

  return self->cell_l == 0 || (stead_record_get_int (record, "likelihood") == self->cell_l &&
                               stead_record_get_int (record, "impact") == self->cell_i);
}

static void
risks_page_on_cell_activated (RisksPage *self,
                              int        likelihood,
                              int        impact)
{
  self->cell_l = likelihood;
  self->cell_i = impact;
  stead_record_page_refilter (self->records);
}

static void
risks_page_on_reset_filters (RisksPage *self)
{
  risks_matrix_select_cell (self->matrix, 0, 0);
}

static void
risks_page_on_risk_moved (RisksPage *self,
                          gint64     id,
                          int        likelihood,
                          int        impact)
{
  g_autoptr(GError) error = NULL;

  if (!risks_risk_rescore (self->workspace, id, likelihood, impact, _("Moved on the matrix"),
                           &error))
    stead_record_page_show_error (self->records, error);
  else
    stead_record_page_toast_undo (self->records, _("Re-scored; the old scores are in its history"));
}

static void
risks_page_on_scheme_selected (RisksPage *self)
{
  g_autoptr(GError) error = NULL;
  SteadTerm *term = gtk_drop_down_get_selected_item (self->scheme_dropdown);

  if (self->updating || term == NULL)
    return;
  if (!risks_set_scheme (self->workspace, stead_term_get_code (term), &error))
    stead_record_page_show_error (self->records, error);
}

/* ------------------------------------------------------------------------ */
/* The selected risk                                                         */

static void
risks_page_show_scores (RisksPage *self)
{
  g_autofree char *band = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *trend = NULL;
  SteadRecord *risk = self->shown;

  if (risk == NULL)
    return;
  band = stead_record_dup_display (risk, "band");
  trend = stead_record_dup_display (risk, "trend");
  title = g_strdup_printf (_("Likelihood %d · impact %d · %s"),
                           (int) stead_record_get_int (risk, "likelihood"),
                           (int) stead_record_get_int (risk, "impact"), band);
  subtitle = g_strdup_printf (
    _("Assessed %s · review by %s%s%s"),
    stead_record_get_string (risk, "assessed") ? stead_record_get_string (risk, "assessed") : "—",
    stead_record_get_string (risk, "review") ? stead_record_get_string (risk, "review") : "—",
    *trend != '\0' ? _(" · trend: ") : "", trend);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->scores_row), title);
  adw_action_row_set_subtitle (self->scores_row, subtitle);
}

static void
risks_page_on_selected (RisksPage *self)
{
  SteadRecord *risk = stead_record_page_get_selected (self->records);
  gint64 id = risk != NULL ? stead_record_get_id (risk) : 0;
  struct { SteadRecordList *list; GType type;
  } lists[] = {
    { self->history, RISKS_TYPE_REVIEW },
    { self->hazards, RISKS_TYPE_HAZARD },
    { self->links, RISKS_TYPE_LINK },
  };

  g_clear_signal_handler (&self->shown_id, self->shown);
  g_set_object (&self->shown, risk);
  if (risk != NULL)
    self->shown_id = g_signal_connect_object (risk, "notify", G_CALLBACK (risks_page_show_scores),
                                              self, G_CONNECT_SWAPPED);
  risks_page_show_scores (self);

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      GListModel *model = stead_record_list_get_model (lists[i].list);

      if (id == 0)
        stead_record_list_set_model (lists[i].list, NULL);
      else if (model != NULL)
        stead_query_model_set_params (STEAD_QUERY_MODEL (model), STEAD_ARGS (STEAD_INT (id)));
      else
        {
          g_autoptr(SteadQueryModel) children =
            risks_children_new (self->workspace, lists[i].type, id);

          stead_record_list_set_model (lists[i].list, G_LIST_MODEL (children));
        }
    }
  if (self->impact_model != NULL && id != 0)
    stead_query_model_set_params (self->impact_model, STEAD_ARGS (STEAD_INT (id)));
}

/* Impact by dimension: a score each, saved when chosen. */
static void
risks_page_on_impact_selected (AdwComboRow *row,
                               GParamSpec  *pspec,
                               RisksPage   *self)
{
  g_autoptr(GError) error = NULL;
  const char *dimension = gtk_widget_get_name (GTK_WIDGET (row));
  guint score = adw_combo_row_get_selected (row);

  if (self->updating || score == GTK_INVALID_LIST_POSITION)
    return;
  if (!risks_impact_set (self->workspace, risks_page_selected_id (self), dimension, score, &error))
    stead_record_page_show_error (self->records, error);
}

static void
risks_page_show_impact (AdwComboRow *row,
                        GParamSpec  *pspec,
                        SteadRecord *impact)
{
  RisksPage *self = RISKS_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (row), RISKS_TYPE_PAGE));

  if (self == NULL)
    return;
  self->updating = TRUE;
  adw_combo_row_set_selected (row, stead_record_get_int (impact, "score"));
  self->updating = FALSE;
}

static GtkWidget *
risks_page_create_impact_row (gpointer item,
                              gpointer user_data)
{
  RisksPage *self = user_data;
  SteadRecord *impact = item;
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkExpression) label = gtk_property_expression_new (STEAD_TYPE_TERM, NULL, "label");

  gtk_widget_set_name (row, stead_record_get_string (impact, "code"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), stead_record_get_title (impact));
  adw_combo_row_set_expression (ADW_COMBO_ROW (row), label);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), self->scores);
  self->updating = TRUE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), stead_record_get_int (impact, "score"));
  self->updating = FALSE;
  g_signal_connect (row, "notify::selected", G_CALLBACK (risks_page_on_impact_selected), self);
  g_signal_connect_object (impact, "notify::score", G_CALLBACK (risks_page_show_impact), row,
                           G_CONNECT_SWAPPED);
  return row;
}

/* ------------------------------------------------------------------------ */
/* Forms                                                                     */

static gboolean
risks_page_save_rescore (SteadForm  *form,
                         gpointer    user_data,
                         GError    **error)
{
  RisksPage *self = user_data;

  return risks_risk_rescore (
    self->workspace, risks_page_selected_id (self), stead_form_get_int (form, "likelihood", 0),
    stead_form_get_int (form, "impact", 0), stead_form_get_text (form, "note"), error);
}

static SteadForm *
risks_page_scores_form (RisksPage          *self,
                        const char         *title,
                        const char         *body,
                        const SteadField   *fields,
                        guint               n_fields,
                        const char * const *initial,
                        SteadFormSave       save)
{
  SteadForm *form = stead_form_new (GTK_WIDGET (self), title, body, fields, n_fields, NULL, NULL,
                                    initial, self->workspace, save, self, NULL);
  g_autoptr(GListModel) likelihood = risks_scale_labels_new (self->workspace, "likelihood");
  g_autoptr(GListModel) impact = risks_scale_labels_new (self->workspace, "impact");

  /* Scores as the active scale labels them. */
  stead_form_set_choices (form, "likelihood", likelihood);
  stead_form_set_choices (form, "impact", impact);
  return form;
}

static void
risks_page_on_rescore (RisksPage *self)
{
  g_autofree char *l = NULL, *i = NULL;
  const char *initial[5] = { "likelihood", NULL, "impact", NULL, NULL };

  if (self->shown == NULL)
    return;
  initial[1] = l = g_strdup_printf ("%d", (int) stead_record_get_int (self->shown, "likelihood"));
  initial[3] = i = g_strdup_printf ("%d", (int) stead_record_get_int (self->shown, "impact"));
  stead_form_present (risks_page_scores_form (
    self, _("Review the Scores"), _("The present scores are kept in the risk’s history."),
    risks_page_review_fields, G_N_ELEMENTS (risks_page_review_fields), initial,
    risks_page_save_rescore));
}

static gboolean
risks_page_save_new (SteadForm  *form,
                     gpointer    user_data,
                     GError    **error)
{
  RisksPage *self = user_data;
  gint64 id = risks_risk_add (self->workspace, stead_form_get_text (form, "reference"),
                              stead_form_get_text (form, "title"), NULL,
                              stead_form_get_int (form, "likelihood", 0),
                              stead_form_get_int (form, "impact", 0), FALSE, error);

  if (id == 0)
    return FALSE;
  stead_record_page_select (self->records, id);
  return TRUE;
}

static void
risks_page_on_add (RisksPage *self)
{
  static const char * const initial[] = { "likelihood", "3", "impact", "3", NULL };

  stead_form_present (risks_page_scores_form (
    self, _("Add Risk"), _("The review date follows from the band the scores give."),
    risks_page_new_fields, G_N_ELEMENTS (risks_page_new_fields), initial, risks_page_save_new));
}

static gboolean
risks_page_save_link (SteadForm  *form,
                      gpointer    user_data,
                      GError    **error)
{
  RisksPage *self = user_data;

  return risks_link_add (self->workspace, risks_page_selected_id (self),
                         stead_form_get_text (form, "kind"), stead_form_get_text (form, "title"),
                         stead_form_get_text (form, "ref"), error) != 0;
}

static void
risks_page_on_add_link (RisksPage *self)
{
  static const char * const initial[] = { "kind", "plan", NULL };

  stead_form_present (stead_form_new (GTK_WIDGET (self), _("Link to the Risk"), NULL,
                                      risks_page_link_fields, G_N_ELEMENTS (risks_page_link_fields),
                                      NULL, NULL, initial, self->workspace, risks_page_save_link,
                                      self, NULL));
}

static void
risks_page_on_remove_link (RisksPage   *self,
                           SteadRecord *link)
{
  g_autoptr(GError) error = NULL;

  if (!risks_link_delete (self->workspace, stead_record_get_id (link), &error))
    stead_record_page_show_error (self->records, error);
  else
    stead_record_page_toast_undo (self->records, _("Removed"));
}

/* ------------------------------------------------------------------------ */

static void
risks_page_show_scheme (RisksPage *self)
{
  g_autofree char *active = stead_workspace_query_text (
    self->workspace, "SELECT code FROM risks_scheme WHERE active", NULL, 0);
  guint position = active != NULL ? stead_terms_find (self->schemes, active) : G_MAXUINT;

  self->updating = TRUE;
  if (position != G_MAXUINT)
    gtk_drop_down_set_selected (self->scheme_dropdown, position);
  self->updating = FALSE;
}

static void
risks_page_load (SteadPage      *page,
                 SteadWorkspace *workspace)
{
  RisksPage *self = RISKS_PAGE (page);
  static const SteadChoice scores[] = {
    { "0", N_("Not assessed") },
    { "1", "1" },
    { "2", "2" },
    { "3", "3" },
    { "4", "4" },
    { "5", "5" },
    { NULL },
  };
  g_autoptr(GListModel) themes = NULL;

  self->workspace = workspace;   /* the page's, for as long as it lives */
  stead_record_page_set_workspace (self->records, workspace);
  self->register_model = risks_register_new (workspace);
  stead_record_page_set_model (self->records, G_LIST_MODEL (self->register_model));
  stead_record_page_set_filter_func (self->records, risks_page_filter, self, NULL);
  risks_matrix_set_workspace (self->matrix, workspace);

  themes = risks_themes_new (workspace);
  stead_field_group_set_choices (self->fields, "theme", themes);

  self->schemes = risks_schemes_new (workspace);
  gtk_drop_down_set_model (self->scheme_dropdown, self->schemes);
  g_signal_connect_object (self->schemes, "items-changed", G_CALLBACK (risks_page_show_scheme),
                           self, G_CONNECT_SWAPPED);
  risks_page_show_scheme (self);

  self->scores = stead_choices_model_new (scores);
  self->impact_model = risks_children_new (workspace, RISKS_TYPE_IMPACT, 0);
  stead_query_model_set_notify_only (self->impact_model, TRUE);
  gtk_list_box_bind_model (self->impacts, G_LIST_MODEL (self->impact_model),
                           risks_page_create_impact_row, self, NULL);
}

static void
risks_page_dispose (GObject *object)
{
  RisksPage *self = RISKS_PAGE (object);

  g_clear_signal_handler (&self->shown_id, self->shown);
  g_clear_object (&self->shown);
  if (self->impacts != NULL)
    gtk_list_box_bind_model (self->impacts, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RISKS_TYPE_PAGE);
  g_clear_object (&self->register_model);
  g_clear_object (&self->impact_model);
  g_clear_object (&self->schemes);
  g_clear_object (&self->scores);
  G_OBJECT_CLASS (risks_page_parent_class)->dispose (object);
}

/* "Open Record" and search results: the risk selected, whatever hid it. */
static gboolean
risks_page_show (SteadPage  *page,
                const char *kind,
                gint64      id)
{
  if (!g_str_equal (kind, "risk"))
    return FALSE;
  stead_record_page_reveal (RISKS_PAGE (page)->records, id);
  return TRUE;
}

static void
risks_page_class_init (RisksPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = risks_page_dispose;
  STEAD_PAGE_CLASS (klass)->load = risks_page_load;
  STEAD_PAGE_CLASS (klass)->show = risks_page_show;

  g_type_ensure (RISKS_TYPE_MATRIX);
  g_type_ensure (RISKS_TYPE_RISK);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/steadapp/Stead/plugins/"
                                                             "risks/risks-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RisksPage, records);
  gtk_widget_class_bind_template_child (widget_class, RisksPage, matrix);
  gtk_widget_class_bind_template_child (widget_class, RisksPage, scheme_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RisksPage, scores_row);
  gtk_widget_class_bind_template_child (widget_class, RisksPage, fields);
  gtk_widget_class_bind_template_child (widget_class, RisksPage, impacts);
  gtk_widget_class_bind_template_child (widget_class, RisksPage, history);
  gtk_widget_class_bind_template_child (widget_class, RisksPage, hazards);
  gtk_widget_class_bind_template_child (widget_class, RisksPage, links);
  gtk_widget_class_bind_template_callback (widget_class, risks_page_on_add);
  gtk_widget_class_bind_template_callback (widget_class, risks_page_on_reset_filters);
  gtk_widget_class_bind_template_callback (widget_class, risks_page_on_selected);
  gtk_widget_class_bind_template_callback (widget_class, risks_page_on_cell_activated);
  gtk_widget_class_bind_template_callback (widget_class, risks_page_on_risk_moved);
  gtk_widget_class_bind_template_callback (widget_class, risks_page_on_scheme_selected);
  gtk_widget_class_bind_template_callback (widget_class, risks_page_on_rescore);
  gtk_widget_class_bind_template_callback (widget_class, risks_page_on_add_link);
  gtk_widget_class_bind_template_callback (widget_class, risks_page_on_remove_link);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
risks_page_init (RisksPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
