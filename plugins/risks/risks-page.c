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

#include <json-glib/json-glib.h>

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
  GtkWidget       *filter_info;
  GtkLabel        *filter_info_label;
  GtkFlowBox      *legend;

  SteadWorkspace  *workspace;
  SteadQueryModel *register_model;
  SteadQueryModel *impact_model;
  GListModel      *schemes;
  GListModel      *scores;          /* "Not assessed", 1…5 */
  SteadRecord     *shown;           /* the selected risk, whose scores row is shown */
  gulong           shown_id;
  int              cell_l, cell_i;  /* the matrix cell filtering the list, or 0 */
  gint64           kept;            /* the risk just re-scored: shown, whatever the filter */
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
                               stead_record_get_int (record, "impact") == self->cell_i) ||
         (self->kept != 0 && stead_record_get_id (record) == self->kept);
}

/* The risk just re-scored stays in view when it leaves the cell the list
 * is filtered to; this line says so, with a way to show every risk. */
static void
risks_page_update_filter_info (RisksPage *self)
{
  g_autofree char *reference = NULL;

  if (self->kept != 0 && self->cell_l != 0)
    reference = stead_workspace_query_text (
      self->workspace,
      "SELECT reference FROM risks_risk WHERE id = ?1 AND NOT (likelihood = ?2 AND impact = ?3)",
      STEAD_ARGS (STEAD_INT (self->kept), STEAD_INT (self->cell_l), STEAD_INT (self->cell_i)));
  if (reference != NULL)
    {
      g_autofree char *text = g_strdup_printf (
        _("Showing %s, which no longer matches the filter (likelihood %d, impact %d)"), reference,
        self->cell_l, self->cell_i);

      gtk_label_set_text (self->filter_info_label, text);
    }
  gtk_widget_set_visible (self->filter_info, reference != NULL);
}

/* Keeps @id in the list through a re-score. */
static void
risks_page_keep (RisksPage *self,
                 gint64     id)
{
  self->kept = id;
  stead_record_page_refilter (self->records);
  stead_record_page_select (self->records, id);
  risks_page_update_filter_info (self);
}

static void
risks_page_on_cell_activated (RisksPage *self,
                              int        likelihood,
                              int        impact)
{
  self->cell_l = likelihood;
  self->cell_i = impact;
  self->kept = 0;
  stead_record_page_refilter (self->records);
  risks_page_update_filter_info (self);
}

static void
risks_page_on_reset_filters (RisksPage *self)
{
  risks_matrix_select_cell (self->matrix, 0, 0);
}

static void risks_page_present_rescore (RisksPage  *self,
                                        gint64      id,
                                        int         likelihood,
                                        int         impact,
                                        const char *body);

/* A drop on another cell asks why before it re-scores. */
static void
risks_page_on_risk_moved (RisksPage *self,
                          gint64     id,
                          int        likelihood,
                          int        impact)
{
  g_autofree char *label = risks_get_label (self->workspace, id);
  g_autofree char *body = g_strdup_printf (
    _("%s moves on the matrix. Say why, for its history: the present scores are kept there."),
    label != NULL ? label : "");

  risks_page_present_rescore (self, id, likelihood, impact, body);
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

/* "3 (1–5%)", "4 (Significant)": a score with its label on the active
 * scale, the threshold where the label is the number itself. */
static char *
risks_page_score_label (RisksPage  *self,
                        const char *axis,
                        gint64      score)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
    self->workspace,
    "SELECT CASE WHEN s.label = CAST (s.score AS TEXT) THEN nullif (s.threshold, '') "
    "  ELSE s.label END FROM risks_scale s JOIN risks_scheme c ON c.code = s.scheme AND c.active "
    "WHERE s.axis = ?1 AND s.score = ?2", NULL);
  const char *label = NULL;

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, axis, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, score);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        label = (const char *) sqlite3_column_text (stmt, 0);
    }
  if (label == NULL)
    return g_strdup_printf ("%d", (int) score);
  return g_strdup_printf (_("%d (%s)"), (int) score, label);
}

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
  {
    g_autofree char *l = risks_page_score_label (self, "likelihood",
                                                 stead_record_get_int (risk, "likelihood"));
    g_autofree char *i = risks_page_score_label (self, "impact",
                                                 stead_record_get_int (risk, "impact"));

    title = g_strdup_printf (_("Likelihood %s · impact %s · %s"), l, i, band);
  }
  subtitle = g_strdup_printf (
    _("Assessed %s · review by %s%s%s"),
    stead_record_get_string (risk, "assessed") ? stead_record_get_string (risk, "assessed") : "—",
    stead_record_get_string (risk, "review") ? stead_record_get_string (risk, "review") : "—",
    *trend != '\0' ? _(" · trend: ") : "", trend);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->scores_row), title);
  adw_action_row_set_subtitle (self->scores_row, subtitle);
  risks_page_update_filter_info (self);
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
      if (!stead_record_list_follow (lists[i].list, id))
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

/* The risk a review form re-scores: the one it opened for, whatever is
 * selected meanwhile. */
typedef struct
{
  RisksPage *page;
  gint64     id;
} RisksRescore;

static void
risks_page_rescore_free (gpointer data)
{
  RisksRescore *rescore = data;

  g_object_unref (rescore->page);
  g_free (rescore);
}

static gboolean
risks_page_save_rescore (SteadForm  *form,
                         gpointer    user_data,
                         GError    **error)
{
  RisksRescore *rescore = user_data;
  RisksPage *self = rescore->page;

  if (!risks_risk_rescore (self->workspace, rescore->id,
                           stead_form_get_int (form, "likelihood", 0),
                           stead_form_get_int (form, "impact", 0),
                           stead_form_get_text (form, "note"), error))
    return FALSE;
  risks_page_keep (self, rescore->id);
  stead_record_page_toast_undo (self->records, _("Re-scored; the old scores are in its history"));
  return TRUE;
}

/* What the scores chosen give, before saving: each score's label, the
 * band and the next review date. */
static char *
risks_page_preview (SteadForm *form,
                    gpointer   user_data)
{
  RisksPage *self = user_data;
  int l = stead_form_get_int (form, "likelihood", 0), i = stead_form_get_int (form, "impact", 0);
  g_autoptr(RisksBand) band = NULL;
  g_autofree char *review = NULL;
  g_autofree char *l_label = NULL, *i_label = NULL;
  GDate today;

  if (l < 1 || l > 5 || i < 1 || i > 5)
    return NULL;
  band = risks_band_for (self->workspace, l, i);
  risks_today (&today);
  review = risks_review_date (self->workspace, l, i, &today);
  l_label = risks_page_score_label (self, "likelihood", l);
  i_label = risks_page_score_label (self, "impact", i);
  return g_strdup_printf (_("Likelihood %s, impact %s: %s band, next review by %s"), l_label,
                          i_label, band != NULL ? band->label : _("no"),
                          review != NULL ? review : "—");
}

static SteadForm *
risks_page_scores_form (RisksPage          *self,
                        const char         *title,
                        const char         *body,
                        const SteadField   *fields,
                        guint               n_fields,
                        const char * const *initial,
                        SteadFormSave       save,
                        gpointer            user_data,
                        GDestroyNotify      destroy)
{
  SteadForm *form = stead_form_new (GTK_WIDGET (self), title, body, fields, n_fields, NULL, NULL,
                                    initial, self->workspace, save, user_data, destroy);
  g_autoptr(GListModel) likelihood = risks_scale_labels_new (self->workspace, "likelihood");
  g_autoptr(GListModel) impact = risks_scale_labels_new (self->workspace, "impact");

  /* Scores as the active scale labels them. */
  stead_form_set_choices (form, "likelihood", likelihood);
  stead_form_set_choices (form, "impact", impact);
  stead_form_set_preview (form, risks_page_preview, self);
  return form;
}

static void
risks_page_present_rescore (RisksPage  *self,
                            gint64      id,
                            int         likelihood,
                            int         impact,
                            const char *body)
{
  g_autofree char *l = g_strdup_printf ("%d", likelihood);
  g_autofree char *i = g_strdup_printf ("%d", impact);
  const char *initial[] = { "likelihood", l, "impact", i, NULL };
  RisksRescore *rescore = g_new0 (RisksRescore, 1);

  rescore->page = g_object_ref (self);
  rescore->id = id;
  stead_form_present (risks_page_scores_form (
    self, _("Review the Scores"), body, risks_page_review_fields,
    G_N_ELEMENTS (risks_page_review_fields), initial, risks_page_save_rescore, rescore,
    risks_page_rescore_free));
}

static void
risks_page_on_rescore (RisksPage *self)
{
  if (self->shown == NULL)
    return;
  risks_page_present_rescore (self, stead_record_get_id (self->shown),
                              stead_record_get_int (self->shown, "likelihood"),
                              stead_record_get_int (self->shown, "impact"),
                              _("The present scores are kept in the risk’s history."));
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
    risks_page_new_fields, G_N_ELEMENTS (risks_page_new_fields), initial, risks_page_save_new,
    self, NULL));
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
/* The legend: what the colours, bars and dashed lines of the matrix mean   */

typedef enum
{
  RISKS_LEGEND_BAND,
  RISKS_LEGEND_RANGE,
  RISKS_LEGEND_MOVED,
} RisksLegendKind;

static void
risks_page_draw_legend (GtkDrawingArea *area,
                        cairo_t        *cr,
                        int             width,
                        int             height,
                        gpointer        user_data)
{
  RisksLegendKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "kind"));
  const GdkRGBA *colour = g_object_get_data (G_OBJECT (area), "colour");
  static const double dash[] = { 4, 3 };

  switch (kind)
    {
    case RISKS_LEGEND_BAND:
      gdk_cairo_set_source_rgba (cr, colour);
      cairo_rectangle (cr, 1, 1, width - 2, height - 2);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      break;
    case RISKS_LEGEND_RANGE:
      /* As the matrix draws a range of scores. */
      cairo_set_source_rgba (cr, 0.15, 0.15, 0.15, 0.55);
      cairo_set_line_width (cr, 3);
      cairo_move_to (cr, 1, height / 2.0);
      cairo_line_to (cr, width - 1, height / 2.0);
      cairo_stroke (cr);
      break;
    case RISKS_LEGEND_MOVED:
      /* As the matrix draws a move since the last review. */
      cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, 0.7);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_move_to (cr, 4, height / 2.0);
      cairo_line_to (cr, width - 1, height / 2.0);
      cairo_stroke (cr);
      cairo_arc (cr, 4, height / 2.0, 3, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
risks_page_add_legend (RisksPage       *self,
                       RisksLegendKind  kind,
                       const char      *colour,
                       const char      *text,
                       const char      *tooltip)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *symbol = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (text);
  GdkRGBA *rgba = g_new0 (GdkRGBA, 1);

  if (colour == NULL || !gdk_rgba_parse (rgba, colour))
    gdk_rgba_parse (rgba, "#deddda");
  g_object_set_data (G_OBJECT (symbol), "kind", GINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (symbol), "colour", rgba, g_free);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (symbol),
                                      kind == RISKS_LEGEND_BAND ? 14 : 24);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (symbol), 12);
  gtk_widget_set_valign (symbol, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (symbol), risks_page_draw_legend, NULL, NULL);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), symbol);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_tooltip_text (box, tooltip);
  gtk_flow_box_append (self->legend, box);
}

static void
risks_page_build_legend (RisksPage *self)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (
    self->workspace, "SELECT label, colour, review_months FROM risks_band ORDER BY sort DESC",
    NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->legend))) != NULL)
    gtk_flow_box_remove (self->legend, child);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      int months = sqlite3_column_int (stmt, 2);
      g_autofree char *tooltip = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "Reviewed every month", "Reviewed every %d months", months),
        months);

      risks_page_add_legend (self, RISKS_LEGEND_BAND, (const char *) sqlite3_column_text (stmt, 1),
                             (const char *) sqlite3_column_text (stmt, 0), tooltip);
    }
  risks_page_add_legend (self, RISKS_LEGEND_RANGE, NULL, _("Range of scores"),
                         _("The lowest to the highest likelihood or impact the assessment "
                           "allows"));
  risks_page_add_legend (self, RISKS_LEGEND_MOVED, NULL, _("Moved since the last review"),
                         _("From where the last review placed the risk"));
}

/* ------------------------------------------------------------------------ */
/* A starter set from the National Risk Register 2023                       */

static void
risks_page_on_starter_response (AdwMessageDialog *dialog,
                                const char       *response,
                                RisksPage        *self)
{
  GPtrArray *checks = g_object_get_data (G_OBJECT (dialog), "checks");
  JsonArray *risks = g_object_get_data (G_OBJECT (dialog), "risks");
  g_autoptr(GArray) chosen = g_array_new (FALSE, TRUE, sizeof (RisksStarter));
  g_autoptr(GError) error = NULL;
  guint added;

  if (!g_str_equal (response, "add"))
    return;
  for (guint i = 0; i < checks->len; i++)
    {
      JsonObject *risk = json_array_get_object_element (risks, i);
      RisksStarter starter = {
        json_object_get_string_member (risk, "reference"),
        json_object_get_string_member (risk, "title"),
        json_object_get_string_member_with_default (risk, "theme", NULL),
        json_object_get_int_member_with_default (risk, "likelihood", 3),
        json_object_get_int_member_with_default (risk, "impact", 3),
        json_object_get_boolean_member_with_default (risk, "malicious", FALSE),
      };

      if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
        g_array_append_val (chosen, starter);
    }
  if (chosen->len == 0)
    return;
  added = risks_add_starter (self->workspace, (const RisksStarter *) (gpointer) chosen->data,
                             chosen->len, &error);
  if (added == 0)
    stead_record_page_show_error (self->records, error);
  else
    {
      g_autofree char *text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "Added %u risk as a draft: score it for your area",
                     "Added %u risks as drafts: score each for your area", added), added);

      stead_record_page_toast_undo (self->records, text);
    }
}

/* "All risks" chooses every one, or none. */
static void
risks_page_on_starter_all (GtkCheckButton *all,
                           GPtrArray      *checks)
{
  for (guint i = 0; i < checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (checks, i),
                                 gtk_check_button_get_active (all));
}

/* Add Risks only with one chosen at least. */
static void
risks_page_on_starter_toggled (AdwMessageDialog *dialog)
{
  GPtrArray *checks = g_object_get_data (G_OBJECT (dialog), "checks");
  gboolean any = FALSE;

  for (guint i = 0; i < checks->len && !any; i++)
    any = gtk_check_button_get_active (g_ptr_array_index (checks, i));
  adw_message_dialog_set_response_enabled (dialog, "add", any);
}

static void
risks_page_on_starter (RisksPage *self)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (
    "/io/github/steadapp/Stead/plugins/risks/nrr-2023.json", 0, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *checks = g_ptr_array_new ();
  GtkWidget *dialog, *list, *scrolled;
  JsonObject *root;
  JsonArray *risks;

  if (bytes == NULL || !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                                    g_bytes_get_size (bytes), &error))
    {
      g_warning ("The starter set is damaged: %s", error != NULL ? error->message : "missing");
      g_ptr_array_unref (checks);
      return;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  risks = json_object_get_array_member (root, "risks");

  dialog = adw_message_dialog_new (
    GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
    _("Start from the National Risk Register"),
    _("Choose the risks of the National Risk Register 2023 your area faces. They are added as "
      "drafts with the national scores (3 and 3 where none is given): score each for your area."));
  gtk_widget_set_name (dialog, "starter-dialog");
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  for (guint i = 0; i < json_array_get_length (risks); i++)
    {
      JsonObject *risk = json_array_get_object_element (risks, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *title = g_strdup_printf (_("%s %s"),
                                                json_object_get_string_member (risk, "reference"),
                                                json_object_get_string_member (risk, "title"));

      gtk_widget_set_name (check, json_object_get_string_member (risk, "reference"));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   json_object_get_string_member_with_default (risk, "theme", ""));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (checks, check);
    }
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    /* Where it comes from, as its licence asks. */
    g_autofree char *credit = g_strdup_printf (
      "%s. %s", json_object_get_string_member (root, "source"),
      json_object_get_string_member (root, "licence"));
    GtkWidget *source = gtk_label_new (credit);
    GtkWidget *all = gtk_check_button_new_with_mnemonic (_("A_ll risks"));

    gtk_label_set_wrap (GTK_LABEL (source), TRUE);
    gtk_label_set_xalign (GTK_LABEL (source), 0);
    gtk_widget_add_css_class (source, "caption");
    gtk_widget_add_css_class (source, "dim-label");
    gtk_widget_set_name (all, "starter-all");
    gtk_check_button_set_active (GTK_CHECK_BUTTON (all), TRUE);
    g_signal_connect (all, "toggled", G_CALLBACK (risks_page_on_starter_all), checks);
    gtk_box_append (GTK_BOX (box), all);
    gtk_box_append (GTK_BOX (box), scrolled);
    gtk_box_append (GTK_BOX (box), source);
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  }
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add",
                                    _("_Add Risks"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "checks", checks, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < checks->len; i++)
    g_signal_connect_swapped (g_ptr_array_index (checks, i), "toggled",
                              G_CALLBACK (risks_page_on_starter_toggled), dialog);
  g_object_set_data_full (G_OBJECT (dialog), "risks", json_array_ref (risks),
                          (GDestroyNotify) json_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "parser", g_object_ref (parser), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (risks_page_on_starter_response), self,
                           0);
  gtk_window_present (GTK_WINDOW (dialog));
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
  risks_page_build_legend (self);

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
  gtk_widget_class_bind_template_child (widget_class, RisksPage, legend);
  gtk_widget_class_bind_template_child (widget_class, RisksPage, filter_info);
  gtk_widget_class_bind_template_child (widget_class, RisksPage, filter_info_label);
  gtk_widget_class_bind_template_callback (widget_class, risks_page_on_starter);
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
