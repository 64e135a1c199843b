/* risks-page.c: the community risk register
 *
 * The matrix above the register (a sortable, filterable list); the
 * selected risk's details beside them, edited in place, each edit one
 * undo step; re-scoring (by form or by dragging on the matrix) keeps the
 * old scores as history.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "risks"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "risks.h"
#include "risks-page.h"

/* ------------------------------------------------------------------------ */

#define RISKS_TYPE_ROW (risks_row_get_type ())
G_DECLARE_FINAL_TYPE (RisksRow, risks_row, RISKS, ROW, GObject)

struct _RisksRow
{
  GObject  parent_instance;
  gint64   id;
  char    *reference, *title, *theme, *band, *review, *haystack;
  int      likelihood, impact, band_sort;
  gboolean overdue;
};

G_DEFINE_FINAL_TYPE (RisksRow, risks_row, G_TYPE_OBJECT)

static void
risks_row_finalize (GObject *object)
{
  RisksRow *self = RISKS_ROW (object);

  g_free (self->reference);
  g_free (self->title);
  g_free (self->theme);
  g_free (self->band);
  g_free (self->review);
  g_free (self->haystack);
  G_OBJECT_CLASS (risks_row_parent_class)->finalize (object);
}

static void risks_row_class_init (RisksRowClass *klass) { G_OBJECT_CLASS (klass)->finalize = risks_row_finalize; }
static void risks_row_init (RisksRow *self) { }

/* ------------------------------------------------------------------------ */

struct _RisksPage
{
  GtkWidget           parent_instance;
  SteadWorkspace     *workspace;
  GListStore         *store;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  GtkCustomFilter    *filter;
  char               *search;
  int                 cell_l, cell_i;
  gint64              selected;
  gboolean            loading;

  GtkWidget          *stack;
  GtkWidget          *matrix;
  GtkWidget          *column_view;
  GtkWidget          *search_entry;
  GtkWidget          *detail;
  GtkWidget          *scheme_dropdown;
  GtkStringList      *scheme_codes;
  AdwToastOverlay    *toasts;
};

G_DEFINE_FINAL_TYPE (RisksPage, risks_page, GTK_TYPE_WIDGET)

static void rebuild_detail (RisksPage *self);

static void
show_error (RisksPage    *self,
            const GError *error)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
}

static void
reload (RisksPage *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  guint position = GTK_INVALID_LIST_POSITION;

  stmt = stead_workspace_prepare (self->workspace,
                                  "SELECT r.id, r.reference, r.title, coalesce (r.theme, ''), r.likelihood, r.impact, "
                                  "  coalesce (b.label, ''), coalesce (b.sort, 0), r.review, "
                                  "  lower (r.reference || ' ' || r.title || ' ' || coalesce (r.theme, '') || ' ' || "
                                  "  coalesce (r.hazard, '') || ' ' || coalesce (b.label, '')) "
                                  "FROM risks_risk r LEFT JOIN risks_band_matrix m ON m.likelihood = r.likelihood "
                                  "AND m.impact = r.impact LEFT JOIN risks_band b ON b.code = m.band", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      RisksRow *row = g_object_new (RISKS_TYPE_ROW, NULL);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->reference = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->title = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->theme = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      row->likelihood = sqlite3_column_int (stmt, 4);
      row->impact = sqlite3_column_int (stmt, 5);
      row->band = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      row->band_sort = sqlite3_column_int (stmt, 7);
      row->review = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      row->overdue = row->review != NULL && strcmp (row->review, today) < 0;
      row->haystack = row->overdue ? g_strconcat ((const char *) sqlite3_column_text (stmt, 9), " overdue", NULL)
                                   : g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      g_ptr_array_add (rows, row);
    }

  self->loading = TRUE;
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)), rows->pdata, rows->len);
  self->loading = FALSE;
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), rows->len > 0 ? "register" : "empty");
  risks_matrix_load (RISKS_MATRIX (self->matrix), self->workspace);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sorted)); i++)
    {
      g_autoptr(RisksRow) row = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (row->id == self->selected)
        position = i;
    }
  if (position == GTK_INVALID_LIST_POSITION)
    self->selected = 0;
  gtk_single_selection_set_selected (self->selection, position);
  rebuild_detail (self);
}

static void
on_changed (RisksPage          *self,
            const char * const *tables,
            SteadWorkspace     *workspace)
{
  for (guint i = 0; tables[i] != NULL; i++)
    if (g_str_has_prefix (tables[i], "risks_") || g_str_equal (tables[i], "area"))
      {
        reload (self);
        return;
      }
}

/* ------------------------------------------------------------------------ */
/* Details                                                                  */

static void
apply (RisksPage  *self,
       const char *field,
       const char *value)
{
  g_autoptr(GError) error = NULL;

  if (self->selected != 0 && !risks_risk_set (self->workspace, self->selected, field, value, &error))
    {
      show_error (self, error);
      rebuild_detail (self);
    }
}

static void
on_entry_apply (GtkWidget *row,
                RisksPage *self)
{
  g_autofree char *value = stead_detail_row_get_value (row);

  apply (self, stead_detail_row_get_field (row), value);
}

static GtkWidget *
entry_row (RisksPage  *self,
           const char *title,
           const char *field,
           const char *value)
{
  return stead_detail_entry_row_new (title, field, value, G_CALLBACK (on_entry_apply), self);
}

static void
on_combo_selected (GtkWidget  *row,
                   GParamSpec *pspec,
                   RisksPage  *self)
{
  g_autofree char *value = NULL;

  if (self->loading || (value = stead_detail_row_get_value (row)) == NULL)
    return;
  apply (self, stead_detail_row_get_field (row), value);
}

static GtkWidget *
combo_row (RisksPage     *self,
           const char    *title,
           const char    *field,
           GtkStringList *codes,
           GtkStringList *labels,
           const char    *value)
{
  return stead_detail_combo_row_new (title, field, G_LIST_MODEL (codes), G_LIST_MODEL (labels), value,
                                     G_CALLBACK (on_combo_selected), self);
}

static void
on_rescore_response (AdwMessageDialog *dialog,
                     const char       *response,
                     RisksPage        *self)
{
  GtkWidget **rows = g_object_get_data (G_OBJECT (dialog), "rows");
  g_autoptr(GError) error = NULL;
  int l = adw_combo_row_get_selected (ADW_COMBO_ROW (rows[0])) + 1;
  int i = adw_combo_row_get_selected (ADW_COMBO_ROW (rows[1])) + 1;

  if (!g_str_equal (response, "save"))
    return;
  if (!risks_risk_rescore (self->workspace, self->selected, l, i, gtk_editable_get_text (GTK_EDITABLE (rows[2])), &error))
    show_error (self, error);
}

static void
rescore_clicked (RisksPage *self)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (self->workspace,
                                                          "SELECT likelihood, impact FROM risks_risk WHERE id = ?", NULL);
  g_autoptr(GtkStringList) scores = gtk_string_list_new ((const char * const[]) { "1", "2", "3", "4", "5", NULL });
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("Review the Scores"),
                                              _("The present scores are kept in the risk's history."));
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget **rows = g_new0 (GtkWidget *, 3);

  sqlite3_bind_int64 (stmt, 1, self->selected);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_free (rows);
      gtk_window_destroy (GTK_WINDOW (dialog));
      return;
    }
  gtk_widget_add_css_class (list, "boxed-list");
  for (int k = 0; k < 2; k++)
    {
      rows[k] = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows[k]), k == 0 ? _("Likelihood") : _("Impact"));
      adw_combo_row_set_model (ADW_COMBO_ROW (rows[k]), G_LIST_MODEL (scores));
      adw_combo_row_set_selected (ADW_COMBO_ROW (rows[k]), sqlite3_column_int (stmt, k) - 1);
      gtk_list_box_append (GTK_LIST_BOX (list), rows[k]);
    }
  rows[2] = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows[2]), _("Why (for the history)"));
  gtk_list_box_append (GTK_LIST_BOX (list), rows[2]);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "rows", rows, g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_rescore_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_clicked (RisksPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!risks_risk_delete (self->workspace, self->selected, &error))
    show_error (self, error);
  else
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Risk removed (Ctrl+Z to undo)")));
}

static void
on_dimension_selected (AdwComboRow *row,
                       GParamSpec  *pspec,
                       RisksPage   *self)
{
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;
  if (!risks_impact_set (self->workspace, self->selected, g_object_get_data (G_OBJECT (row), "dimension"),
                         adw_combo_row_get_selected (row), &error))
    show_error (self, error);
}

static void
on_link_response (AdwMessageDialog *dialog,
                  const char       *response,
                  RisksPage        *self)
{
  static const char * const kinds[] = { "plan", "document", "target-group" };
  GtkWidget **rows = g_object_get_data (G_OBJECT (dialog), "rows");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "add"))
    return;
  if (risks_link_add (self->workspace, self->selected, kinds[adw_combo_row_get_selected (ADW_COMBO_ROW (rows[0])) % 3],
                      gtk_editable_get_text (GTK_EDITABLE (rows[1])), gtk_editable_get_text (GTK_EDITABLE (rows[2])),
                      &error) == 0)
    show_error (self, error);
}

static void
add_link_clicked (RisksPage *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new ((const char * const[]) {
    _("Plan"), _("Document"), _("Target group exposed"), NULL });
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("Link to the Risk"), NULL);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget **rows = g_new0 (GtkWidget *, 3);

  gtk_widget_add_css_class (list, "boxed-list");
  rows[0] = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows[0]), _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (rows[0]), G_LIST_MODEL (kinds));
  rows[1] = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows[1]), _("Title"));
  rows[2] = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows[2]), _("Link, path or target group code"));
  for (int k = 0; k < 3; k++)
    gtk_list_box_append (GTK_LIST_BOX (list), rows[k]);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "rows", rows, g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_link_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_link_remove (GtkButton *button,
                RisksPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!risks_link_delete (self->workspace, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "id")), &error))
    show_error (self, error);
}

static void
rebuild_detail (RisksPage *self)
{
  g_autoptr(sqlite3_stmt) risk = NULL;
  g_autoptr(GtkStringList) theme_codes = gtk_string_list_new ((const char * const[]) { "", NULL });
  g_autoptr(GtkStringList) theme_labels = gtk_string_list_new ((const char * const[]) { _("No theme"), NULL });
  g_autoptr(GtkStringList) status_codes = gtk_string_list_new ((const char * const[]) { "draft", "active", "archived", NULL });
  g_autoptr(GtkStringList) status_labels = gtk_string_list_new ((const char * const[]) { _("Draft"), _("Active"), _("Archived"), NULL });
  g_autoptr(GtkStringList) yes_no_codes = gtk_string_list_new ((const char * const[]) { "0", "1", NULL });
  g_autoptr(GtkStringList) yes_no_labels = gtk_string_list_new ((const char * const[]) {
    _("Non-malicious (assessed over 5 years)"), _("Malicious (assessed over 2 years)"), NULL });
  g_autoptr(GtkStringList) org_codes = gtk_string_list_new ((const char * const[]) { "", NULL });
  g_autoptr(GtkStringList) org_labels = gtk_string_list_new ((const char * const[]) { _("Not set"), NULL });
  GtkWidget *box, *g, *button;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);

  if (self->selected != 0)
    {
      risk = stead_workspace_prepare (self->workspace,
                                      "SELECT r.reference, r.title, r.theme, r.hazard, r.rwcs, r.malicious, r.controls, r.treatment, "
                                      "r.status, r.likelihood, r.impact, r.likelihood_min, r.likelihood_max, r.impact_min, "
                                      "r.impact_max, r.review, r.assessed, r.trend, coalesce (b.label, ''), r.owner, r.lead_assessor "
                                      "FROM risks_risk r LEFT JOIN risks_band_matrix m ON m.likelihood = r.likelihood "
                                      "AND m.impact = r.impact LEFT JOIN risks_band b ON b.code = m.band WHERE r.id = ?", NULL);
      sqlite3_bind_int64 (risk, 1, self->selected);
    }
  if (risk == NULL || sqlite3_step (risk) != SQLITE_ROW)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "dialog-warning-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Risk Selected"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("Choose a risk from the register, or click a cell of the matrix to see its risks."));
      gtk_box_append (GTK_BOX (box), status);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->detail), box);
      return;
    }

  {
    g_autoptr(sqlite3_stmt) themes = stead_workspace_prepare (self->workspace,
      "SELECT label FROM risks_theme WHERE scheme = (SELECT code FROM risks_scheme WHERE active) ORDER BY sort", NULL);
    g_autoptr(sqlite3_stmt) has = stead_workspace_prepare (self->workspace,
      "SELECT 1 FROM sqlite_master WHERE name = 'partners_organisation'", NULL);

    while (themes != NULL && sqlite3_step (themes) == SQLITE_ROW)
      {
        gtk_string_list_append (theme_codes, (const char *) sqlite3_column_text (themes, 0));
        gtk_string_list_append (theme_labels, (const char *) sqlite3_column_text (themes, 0));
      }
    if (has != NULL && sqlite3_step (has) == SQLITE_ROW)
      {
        g_autoptr(sqlite3_stmt) orgs = stead_workspace_prepare (self->workspace,
          "SELECT id, name FROM partners_organisation ORDER BY name COLLATE NOCASE", NULL);

        while (orgs != NULL && sqlite3_step (orgs) == SQLITE_ROW)
          {
            gtk_string_list_append (org_codes, (const char *) sqlite3_column_text (orgs, 0));
            gtk_string_list_append (org_labels, (const char *) sqlite3_column_text (orgs, 1));
          }
      }
  }

#define T(i) ((const char *) sqlite3_column_text (risk, i))
  self->loading = TRUE;
  {
    g_autofree char *heading = g_strdup_printf ("%s %s", T (0), T (1));
    g_autofree char *scores = NULL;
    g_autofree char *ranges = NULL;
    GtkWidget *row;

    g = stead_detail_group_new (heading, NULL);
    button = gtk_button_new_with_mnemonic (_("_Remove"));
    gtk_widget_add_css_class (button, "destructive-action");
    g_signal_connect_swapped (button, "clicked", G_CALLBACK (remove_clicked), self);
    adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (g), button);

    scores = g_strdup_printf (_("Likelihood %d · impact %d · %s"), sqlite3_column_int (risk, 9), sqlite3_column_int (risk, 10), T (18));
    ranges = g_strdup_printf (_("Assessed %s · review by %s%s%s"), T (16) ? T (16) : "—", T (15) ? T (15) : "—",
                              T (17) ? _(" · trend: ") : "", T (17) ? T (17) : "");
    row = stead_detail_info_row_new (scores, ranges);
    button = gtk_button_new_with_mnemonic (_("Re-_score…"));
    gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
    g_signal_connect_swapped (button, "clicked", G_CALLBACK (rescore_clicked), self);
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);

    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), entry_row (self, _("Reference"), "reference", T (0)));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), entry_row (self, _("Title"), "title", T (1)));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), combo_row (self, _("Theme"), "theme", theme_codes, theme_labels, T (2)));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), combo_row (self, _("Assessment"), "malicious", yes_no_codes, yes_no_labels,
                                                                     sqlite3_column_int (risk, 5) ? "1" : "0"));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), combo_row (self, _("Status"), "status", status_codes, status_labels, T (8)));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), combo_row (self, _("Owner"), "owner", org_codes, org_labels, T (19)));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), combo_row (self, _("Lead Assessor"), "lead_assessor", org_codes, org_labels, T (20)));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), entry_row (self, _("Hazard"), "hazard", T (3)));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), entry_row (self, _("Reasonable Worst Case"), "rwcs", T (4)));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), entry_row (self, _("Controls in Place"), "controls", T (6)));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), entry_row (self, _("Further Treatment"), "treatment", T (7)));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), entry_row (self, _("Likelihood From"), "likelihood_min", T (11)));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), entry_row (self, _("Likelihood To"), "likelihood_max", T (12)));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), entry_row (self, _("Impact From"), "impact_min", T (13)));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), entry_row (self, _("Impact To"), "impact_max", T (14)));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), entry_row (self, _("Review By (YYYY-MM-DD)"), "review", T (15)));
    gtk_box_append (GTK_BOX (box), g);
  }
  self->loading = FALSE;
#undef T

  {
    g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (self->workspace,
      "SELECT d.code, d.label, coalesce (i.score, 0) FROM risks_dimension d "
      "LEFT JOIN risks_impact i ON i.dimension = d.code AND i.risk = ? "
      "WHERE d.scheme = (SELECT code FROM risks_scheme WHERE active) ORDER BY d.sort", NULL);
    g_autoptr(GtkStringList) scores = gtk_string_list_new ((const char * const[]) { _("Not assessed"), "1", "2", "3", "4", "5", NULL });

    g = stead_detail_group_new (_("Impact by Dimension"), NULL);
    sqlite3_bind_int64 (stmt, 1, self->selected);
    self->loading = TRUE;
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        GtkWidget *row = adw_combo_row_new ();

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), (const char *) sqlite3_column_text (stmt, 1));
        adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (scores));
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), sqlite3_column_int (stmt, 2));
        g_object_set_data_full (G_OBJECT (row), "dimension", g_strdup ((const char *) sqlite3_column_text (stmt, 0)), g_free);
        g_signal_connect (row, "notify::selected", G_CALLBACK (on_dimension_selected), self);
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
      }
    self->loading = FALSE;
    gtk_box_append (GTK_BOX (box), g);
  }

  {
    g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (self->workspace,
      "SELECT date, likelihood, impact, coalesce (note, '') FROM risks_review WHERE risk = ? ORDER BY date DESC, id DESC", NULL);

    g = stead_detail_group_new (_("History"), _("The scores each review replaced."));
    sqlite3_bind_int64 (stmt, 1, self->selected);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        g_autofree char *title = g_strdup_printf (_("Likelihood %d · impact %d"), sqlite3_column_int (stmt, 1), sqlite3_column_int (stmt, 2));
        g_autofree char *sub = g_strdup_printf ("%s %s", (const char *) sqlite3_column_text (stmt, 0),
                                                (const char *) sqlite3_column_text (stmt, 3));

        adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), stead_detail_info_row_new (title, sub));
      }
    gtk_box_append (GTK_BOX (box), g);
  }

  {
    g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (self->workspace,
      "SELECT a.name FROM risks_hazard h JOIN area a ON a.fid = h.area WHERE h.risk = ? ORDER BY a.name", NULL);

    g = stead_detail_group_new (_("Hazard Areas"), _("On the map as hazard zones; click one there to see the needs and resources inside. "
                                    "Import more from GeoJSON (Import…, “Hazard areas of risks”)."));
    sqlite3_bind_int64 (stmt, 1, self->selected);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), stead_detail_info_row_new ((const char *) sqlite3_column_text (stmt, 0), NULL));
    gtk_box_append (GTK_BOX (box), g);
  }

  {
    g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (self->workspace,
      "SELECT kind, title, coalesce (ref, ''), id FROM risks_link WHERE risk = ? ORDER BY kind, title", NULL);

    g = stead_detail_group_new (_("Plans, Documents and Target Groups"), NULL);
    button = gtk_button_new_from_icon_name ("list-add-symbolic");
    gtk_widget_set_tooltip_text (button, _("Add a Link"));
    gtk_widget_add_css_class (button, "flat");
    g_signal_connect_swapped (button, "clicked", G_CALLBACK (add_link_clicked), self);
    adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (g), button);
    sqlite3_bind_int64 (stmt, 1, self->selected);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        GtkWidget *row = stead_detail_info_row_new ((const char *) sqlite3_column_text (stmt, 1), (const char *) sqlite3_column_text (stmt, 2));
        GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

        gtk_widget_add_css_class (remove, "flat");
        gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
        gtk_widget_set_tooltip_text (remove, _("Remove"));
        g_object_set_data (G_OBJECT (remove), "id", GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 3)));
        g_signal_connect (remove, "clicked", G_CALLBACK (on_link_remove), self);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
      }
    gtk_box_append (GTK_BOX (box), g);
  }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->detail), box);
}

/* ------------------------------------------------------------------------ */
/* The register                                                             */

static gboolean
match (gpointer item,
       gpointer user_data)
{
  RisksPage *self = user_data;
  RisksRow *row = item;

  if (self->cell_l != 0 && (row->likelihood != self->cell_l || row->impact != self->cell_i))
    return FALSE;
  if (self->search != NULL && *self->search != '\0')
    {
      g_auto(GStrv) words = g_strsplit (self->search, " ", -1);

      for (guint i = 0; words[i] != NULL; i++)
        if (*words[i] != '\0' && strstr (row->haystack, words[i]) == NULL)
          return FALSE;
    }
  return TRUE;
}

static void
on_search_changed (GtkSearchEntry *entry,
                   RisksPage      *self)
{
  g_free (self->search);
  self->search = g_utf8_strdown (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_scheme_selected (GtkDropDown *dropdown,
                    GParamSpec  *pspec,
                    RisksPage   *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->loading || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (!risks_set_scheme (self->workspace, gtk_string_list_get_string (self->scheme_codes, selected), &error))
    show_error (self, error);
}

static void
on_cell_activated (RisksMatrix *matrix,
                   int          likelihood,
                   int          impact,
                   RisksPage   *self)
{
  self->cell_l = likelihood;
  self->cell_i = impact;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_risk_moved (RisksMatrix *matrix,
               gint64       id,
               int          likelihood,
               int          impact,
               RisksPage   *self)
{
  g_autoptr(GError) error = NULL;

  if (!risks_risk_rescore (self->workspace, id, likelihood, impact, _("Moved on the matrix"), &error))
    show_error (self, error);
  else
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Re-scored; the old scores are in its history (Ctrl+Z to undo)")));
}

static void
on_selection_changed (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      RisksPage          *self)
{
  RisksRow *row = gtk_single_selection_get_selected_item (selection);
  gint64 id = row != NULL ? row->id : 0;

  if (self->loading || id == self->selected)
    return;
  self->selected = id;
  rebuild_detail (self);
}

typedef enum { COL_REF, COL_TITLE, COL_THEME, COL_L, COL_I, COL_BAND, COL_REVIEW } Column;

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  RisksRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  gtk_widget_remove_css_class (label, "error");
  switch ((Column) GPOINTER_TO_INT (data))
    {
    case COL_REF: text = g_strdup (row->reference); break;
    case COL_TITLE: text = g_strdup (row->title); break;
    case COL_THEME: text = g_strdup (row->theme); break;
    case COL_L: text = g_strdup_printf ("%d", row->likelihood); break;
    case COL_I: text = g_strdup_printf ("%d", row->impact); break;
    case COL_BAND: text = g_strdup (row->band); break;
    case COL_REVIEW:
      if (row->overdue)
        {
          text = g_strdup_printf (_("%s · overdue"), row->review);
          gtk_widget_add_css_class (label, "error");
        }
      else
        text = g_strdup (row->review ? row->review : "—");
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (label), text);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const RisksRow *x = a, *y = b;

  switch ((Column) GPOINTER_TO_INT (data))
    {
    case COL_REF: return g_utf8_collate (x->reference, y->reference);
    case COL_TITLE: return g_utf8_collate (x->title, y->title);
    case COL_THEME: return g_utf8_collate (x->theme, y->theme);
    case COL_L: return x->likelihood - y->likelihood;
    case COL_I: return x->impact - y->impact;
    case COL_BAND: return x->band_sort != y->band_sort ? x->band_sort - y->band_sort
                                                     : x->likelihood * x->impact - y->likelihood * y->impact;
    case COL_REVIEW:
      if (x->review == NULL || y->review == NULL)
        return (x->review == NULL) - (y->review == NULL);
      return strcmp (x->review, y->review);
    default: return 0;
    }
}

static void
add_column (RisksPage  *self,
            const char *title,
            Column      column,
            gboolean    expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;
  GtkSorter *sorter;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label), GINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, factory);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, GINT_TO_POINTER (column), NULL));
  gtk_column_view_column_set_sorter (col, sorter);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), col);
  if (column == COL_BAND)
    gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (self->column_view), col, GTK_SORT_DESCENDING);
  g_object_unref (sorter);
  g_object_unref (col);
}

static void
on_add_response (AdwMessageDialog *dialog,
                 const char       *response,
                 RisksPage        *self)
{
  GtkWidget **rows = g_object_get_data (G_OBJECT (dialog), "rows");
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!g_str_equal (response, "add"))
    return;
  id = risks_risk_add (self->workspace, gtk_editable_get_text (GTK_EDITABLE (rows[0])),
                       gtk_editable_get_text (GTK_EDITABLE (rows[1])), NULL,
                       adw_combo_row_get_selected (ADW_COMBO_ROW (rows[2])) + 1,
                       adw_combo_row_get_selected (ADW_COMBO_ROW (rows[3])) + 1, FALSE, &error);
  if (id == 0)
    show_error (self, error);
  else
    self->selected = id;
}

static void
add_clicked (RisksPage *self)
{
  g_autoptr(GtkStringList) scores = gtk_string_list_new ((const char * const[]) { "1", "2", "3", "4", "5", NULL });
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("Add Risk"),
                                              _("The review date follows from the band the scores give."));
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget **rows = g_new0 (GtkWidget *, 4);
  const char *titles[] = { N_("Reference (NRR id, or H, HL, L code)"), N_("Title"), N_("Likelihood"), N_("Impact") };

  gtk_widget_add_css_class (list, "boxed-list");
  for (int k = 0; k < 4; k++)
    {
      if (k < 2)
        rows[k] = adw_entry_row_new ();
      else
        {
          rows[k] = adw_combo_row_new ();
          adw_combo_row_set_model (ADW_COMBO_ROW (rows[k]), G_LIST_MODEL (scores));
          adw_combo_row_set_selected (ADW_COMBO_ROW (rows[k]), 2);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows[k]), _(titles[k]));
      gtk_list_box_append (GTK_LIST_BOX (list), rows[k]);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "rows", rows, g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_add_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
risks_page_dispose (GObject *object)
{
  RisksPage *self = RISKS_PAGE (object);
  GtkWidget *child;

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_func (self->workspace, on_changed, self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->workspace);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->scheme_codes);
  G_OBJECT_CLASS (risks_page_parent_class)->dispose (object);
}

static void
risks_page_finalize (GObject *object)
{
  g_free (RISKS_PAGE (object)->search);
  G_OBJECT_CLASS (risks_page_parent_class)->finalize (object);
}

static void
risks_page_class_init (RisksPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = risks_page_dispose;
  G_OBJECT_CLASS (klass)->finalize = risks_page_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
risks_page_init (RisksPage *self)
{
}

GtkWidget *
risks_page_new (SteadWorkspace *workspace)
{
  RisksPage *self = g_object_new (RISKS_TYPE_PAGE, NULL);
  GtkWidget *paned, *left, *toolbar, *scroller, *empty, *buttons, *button;

  self->workspace = g_object_ref (workspace);
  self->store = g_list_store_new (RISKS_TYPE_ROW);
  self->filter = gtk_custom_filter_new (match, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (self->store), GTK_FILTER (self->filter));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)), NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->toasts), GTK_WIDGET (self));
  self->stack = gtk_stack_new ();
  adw_toast_overlay_set_child (self->toasts, self->stack);

  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "dialog-warning-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Risks Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Add the risks of your Community Risk Register, or import the register from CSV."));
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  button = gtk_button_new_with_mnemonic (_("_Add Risk"));
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_add_css_class (button, "pill");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (add_clicked), self);
  gtk_box_append (GTK_BOX (buttons), button);
  button = gtk_button_new_with_mnemonic (_("_Import…"));
  gtk_widget_add_css_class (button, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.import");
  gtk_box_append (GTK_BOX (buttons), button);
  adw_status_page_set_child (ADW_STATUS_PAGE (empty), buttons);
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");

  paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_position (GTK_PANED (paned), 560);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_stack_add_named (GTK_STACK (self->stack), paned, "register");

  left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->matrix = risks_matrix_new ();
  gtk_widget_set_margin_top (self->matrix, 6);
  gtk_widget_set_margin_end (self->matrix, 6);
  g_signal_connect (self->matrix, "cell-activated", G_CALLBACK (on_cell_activated), self);
  g_signal_connect (self->matrix, "risk-moved", G_CALLBACK (on_risk_moved), self);
  gtk_box_append (GTK_BOX (left), self->matrix);

  toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (toolbar, 6);
  gtk_widget_set_margin_end (toolbar, 6);
  self->search_entry = gtk_search_entry_new ();
  gtk_widget_set_hexpand (self->search_entry, TRUE);
  g_object_set (self->search_entry, "placeholder-text", _("Search risks, themes, “overdue”…"), NULL);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  gtk_box_append (GTK_BOX (toolbar), self->search_entry);
  self->scheme_codes = gtk_string_list_new (NULL);
  {
    g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
    g_autoptr(sqlite3_stmt) schemes = stead_workspace_prepare (workspace, "SELECT code, name, active FROM risks_scheme ORDER BY code DESC", NULL);
    guint active = 0;

    while (schemes != NULL && sqlite3_step (schemes) == SQLITE_ROW)
      {
        if (sqlite3_column_int (schemes, 2))
          active = g_list_model_get_n_items (G_LIST_MODEL (names));
        gtk_string_list_append (self->scheme_codes, (const char *) sqlite3_column_text (schemes, 0));
        gtk_string_list_append (names, (const char *) sqlite3_column_text (schemes, 1));
      }
    self->scheme_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->scheme_dropdown), active);
    gtk_widget_set_tooltip_text (self->scheme_dropdown, _("The scales the register is scored on"));
    g_signal_connect (self->scheme_dropdown, "notify::selected", G_CALLBACK (on_scheme_selected), self);
    gtk_box_append (GTK_BOX (toolbar), self->scheme_dropdown);
  }
  button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_tooltip_text (button, _("Add Risk"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (add_clicked), self);
  gtk_box_append (GTK_BOX (toolbar), button);
  gtk_box_append (GTK_BOX (left), toolbar);

  self->column_view = gtk_column_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)));
  add_column (self, _("Ref"), COL_REF, FALSE);
  add_column (self, _("Risk"), COL_TITLE, TRUE);
  add_column (self, _("L"), COL_L, FALSE);
  add_column (self, _("I"), COL_I, FALSE);
  add_column (self, _("Band"), COL_BAND, FALSE);
  add_column (self, _("Review"), COL_REVIEW, FALSE);
  add_column (self, _("Theme"), COL_THEME, FALSE);
  gtk_sort_list_model_set_sorter (self->sorted, gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view)));
  g_signal_connect (self->selection, "notify::selected", G_CALLBACK (on_selection_changed), self);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->column_view);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (left), scroller);
  gtk_paned_set_start_child (GTK_PANED (paned), left);

  self->detail = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->detail), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (self->detail, 320, -1);
  gtk_paned_set_end_child (GTK_PANED (paned), self->detail);

  g_signal_connect_object (workspace, "changed", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  reload (self);
  return GTK_WIDGET (self);
}
