/* stead-record-form.c: a dialog asking for a record's fields
 *
 * A row per field, made from its declaration (entry rows for text and
 * numbers, combo rows for terms, choices and records); each value is
 * checked as it is typed, the problem shown under the rows, and Save
 * stays off until every value is good. The save function then gets the
 * values already read by their fields: numbers as numbers, terms as
 * codes, dates as YYYY-MM-DD.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-record-form"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-position-row.h"
#include "stead-record-form.h"
#include "stead-record-page.h"

typedef struct
{
  const SteadField *field;
  GtkWidget        *row;
  GListModel       *terms;   /* combo rows: SteadTerm */
} FormRow;

struct _SteadForm
{
  char            *title;
  char            *body;
  const SteadField *fields;
  guint            n_fields;
  GStrv            names;
  GStrv            initial;
  GHashTable      *choices;    /* field name -> GListModel of SteadTerm */
  GtkWidget       *dialog;
  GtkWidget       *parent;
  GtkWidget       *problem;
  GtkWidget       *preview;
  SteadFormPreview preview_func;
  gpointer         preview_data;
  SteadWorkspace  *workspace;
  SteadRecord     *record;
  GArray          *rows;       /* FormRow */
  GHashTable      *values;     /* field name -> normalised text (owned) */
  gboolean         has_position;
  gboolean         position_required;
  gboolean         has_initial_position;
  double           initial_position[2];
  GtkWidget       *position;   /* SteadPositionRow, once presented */
  SteadFormSave    save;
  gpointer         user_data;
  GDestroyNotify   destroy;
};

static void
stead_record_form_free (SteadForm *form)
{
  for (guint i = 0; i < form->rows->len; i++)
    g_clear_object (&g_array_index (form->rows, FormRow, i).terms);
  g_array_unref (form->rows);
  g_hash_table_unref (form->values);
  g_clear_object (&form->workspace);
  g_clear_object (&form->record);
  g_clear_object (&form->parent);
  g_free (form->title);
  g_free (form->body);
  g_strfreev (form->names);
  g_strfreev (form->initial);
  g_hash_table_unref (form->choices);
  if (form->destroy != NULL)
    form->destroy (form->user_data);
  g_free (form);
}

static char *
stead_record_form_row_text (FormRow *r)
{
  if (r->terms != NULL)
    {
      g_autoptr(SteadTerm) term =
        g_list_model_get_item (r->terms, adw_combo_row_get_selected (ADW_COMBO_ROW (r->row)));

      return g_strdup (term != NULL ? stead_term_get_code (term) : "");
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (r->row)));
}

/* Reads every row by its field; the first problem is shown and Save is
 * off until there is none. */
static gboolean
stead_record_form_check (SteadForm *form)
{
  g_autoptr(GError) first = NULL;

  g_hash_table_remove_all (form->values);
  for (guint i = 0; i < form->rows->len; i++)
    {
      FormRow *r = &g_array_index (form->rows, FormRow, i);
      g_auto(GValue) value = G_VALUE_INIT;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = stead_record_form_row_text (r);

      if (!stead_field_parse (r->field, form->workspace, text, &value, &error))
        {
          gtk_widget_add_css_class (r->row, "error");
          if (first == NULL)
            first = g_steal_pointer (&error);
          continue;
        }
      gtk_widget_remove_css_class (r->row, "error");
      if (G_IS_VALUE (&value))
        {
          char *normal;

          if (G_VALUE_HOLDS_STRING (&value))
            normal = g_value_dup_string (&value);
          else if (G_VALUE_HOLDS_INT64 (&value))
            normal = g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (&value));
          else if (G_VALUE_HOLDS_DOUBLE (&value))
            {
              char buf[G_ASCII_DTOSTR_BUF_SIZE];

              normal = g_strdup (g_ascii_dtostr (buf, sizeof buf, g_value_get_double (&value)));
            }
          else
            normal = g_strdup (g_value_get_boolean (&value) ? "1" : "0");
          g_hash_table_insert (form->values, (gpointer) r->field->name, normal);
        }
    }
  if (form->position != NULL)
    {
      const char *problem = stead_position_row_get_problem (STEAD_POSITION_ROW (form->position));

      if (problem != NULL && first == NULL)
        first = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, problem);
    }
  if (form->preview != NULL)
    {
      g_autofree char *text = first == NULL ? form->preview_func (form, form->preview_data) : NULL;

      gtk_label_set_text (GTK_LABEL (form->preview), text != NULL ? text : "");
      gtk_widget_set_visible (form->preview, text != NULL);
    }
  gtk_label_set_text (GTK_LABEL (form->problem), first != NULL ? first->message : "");
  gtk_widget_set_visible (form->problem, first != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (form->dialog), "save",
                                           first == NULL);
  return first == NULL;
}

static void
stead_record_form_on_response (AdwMessageDialog *dialog,
                               const char       *response,
                               SteadForm        *form)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "save") || !stead_record_form_check (form))
    return;
  if (!form->save (form, form->user_data, &error) && error != NULL)
    {
      GtkWidget *page = gtk_widget_get_ancestor (form->parent, STEAD_TYPE_RECORD_PAGE);

      if (page != NULL)
        stead_record_page_show_error (STEAD_RECORD_PAGE (page), error);
      else
        g_warning ("%s", error->message);
    }
}

static void
stead_record_form_closure_free (gpointer  data,
                                GClosure *closure)
{
  stead_record_form_free (data);
}

static char *
stead_record_form_initial (SteadRecord        *record,
                           const char * const *initial,
                           const SteadField   *field)
{
  if (record != NULL && stead_record_get_field (record, field->name) != NULL)
    {
      const GValue *value = stead_record_get_value (record, field->name);

      if (value == NULL || !G_IS_VALUE (value))
        return NULL;
      if (G_VALUE_HOLDS_INT64 (value))
        return g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (value));
      if (G_VALUE_HOLDS_BOOLEAN (value))
        return g_strdup (g_value_get_boolean (value) ? "1" : "0");
      if (G_VALUE_HOLDS_DOUBLE (value))
        return g_strdup_printf ("%.6f", g_value_get_double (value));
      return g_value_dup_string (value);
    }
  for (guint i = 0; initial != NULL && initial[i] != NULL && initial[i + 1] != NULL; i += 2)
    if (g_str_equal (initial[i], field->name))
      return g_strdup (initial[i + 1]);
  return NULL;
}

static GtkWidget *
stead_record_form_make_row (SteadForm        *form,
                            const SteadField *field,
                            const char       *value,
                            GListModel      **terms)
{
  GtkWidget *row;

  GListModel *given = g_hash_table_lookup (form->choices, field->name);

  *terms = NULL;
  if (given != NULL || field->type == STEAD_FIELD_TERM || field->type == STEAD_FIELD_CHOICE ||
      field->type == STEAD_FIELD_RECORD || field->type == STEAD_FIELD_BOOL)
    {
      static const SteadChoice yes_no[] = { { "1", N_("Yes") }, { "0", N_("No") }, { NULL } };
      g_autoptr(GListModel) choices = given != NULL ? g_object_ref (given)
                                       : field->type == STEAD_FIELD_BOOL
                                         ? stead_choices_model_new (yes_no)
                                         : stead_field_choices_new (field, form->workspace);
      g_autoptr(GtkExpression) label = gtk_property_expression_new (STEAD_TYPE_TERM, NULL, "label");
      GListStore *all = g_list_store_new (STEAD_TYPE_TERM);
      guint position;

      if (!field->required)
        {
          g_autoptr(SteadTerm) none = stead_term_new ("", _("Not set"), NULL);

          g_list_store_append (all, none);
        }
      for (guint i = 0; choices != NULL && i < g_list_model_get_n_items (choices); i++)
        {
          g_autoptr(GObject) term = g_list_model_get_item (choices, i);

          g_list_store_append (all, term);
        }
      row = adw_combo_row_new ();
      adw_combo_row_set_expression (ADW_COMBO_ROW (row), label);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (all));
      position = stead_terms_find (G_LIST_MODEL (all), value != NULL ? value : "");
      if (position != G_MAXUINT)
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), position);
      g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (stead_record_form_check),
                                form);
      *terms = G_LIST_MODEL (all);
    }
  else
    {
      row = adw_entry_row_new ();
      gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
      g_signal_connect_swapped (row, "changed", G_CALLBACK (stead_record_form_check), form);
    }
  gtk_widget_set_name (row, field->name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), stead_field_get_label (field));
  return row;
}

/**
 * stead_form_new:
 * @parent: the widget the dialog is for (its page shows save errors)
 * @title: the dialog's heading
 * @body: (nullable): a sentence under it
 * @fields: (array length=n_fields): the declarations; must outlive the form
 * @n_fields: how many
 * @names: (nullable): the fields to ask for, in order, separated by
 *   spaces; %NULL for every one not hidden
 * @record: (nullable): the record being edited, for the values it has
 * @initial: (nullable) (array zero-terminated=1): name, value pairs for
 *   a new record
 * @workspace: for terms and records
 * @save: called when the user saves good values
 * @user_data: for @save
 * @destroy: (nullable): frees @user_data when the dialog is gone
 *
 * A dialog asking for the fields; show it with stead_form_present().
 *
 * Returns: (transfer full): the form, owned by its dialog once presented
 */
SteadForm *
stead_form_new (GtkWidget          *parent,
                const char         *title,
                const char         *body,
                const SteadField   *fields,
                guint               n_fields,
                const char         *names,
                SteadRecord        *record,
                const char * const *initial,
                SteadWorkspace     *workspace,
                SteadFormSave       save,
                gpointer            user_data,
                GDestroyNotify      destroy)
{
  SteadForm *form = g_new0 (SteadForm, 1);

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (save != NULL, NULL);

  form->parent = g_object_ref (parent);
  form->title = g_strdup (title);
  form->body = g_strdup (body);
  form->fields = fields;
  form->n_fields = n_fields;
  form->names = names != NULL ? g_strsplit_set (names, " \n\t", -1) : NULL;
  form->initial = g_strdupv ((char **) initial);
  form->choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  form->workspace = g_object_ref (workspace);
  form->record = record != NULL ? g_object_ref (record) : NULL;
  form->rows = g_array_new (FALSE, TRUE, sizeof (FormRow));
  form->values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  form->save = save;
  form->user_data = user_data;
  form->destroy = destroy;
  return form;
}

/**
 * stead_form_set_choices:
 * @form: a form not yet presented
 * @field: one of its fields
 * @terms: what it can be, as #SteadTerm (codes as the field stores them)
 *
 * For fields whose choices are not in their declaration (a capability's
 * site among its organisation's sites, say).
 */
void
stead_form_set_choices (SteadForm  *form,
                        const char *field,
                        GListModel *terms)
{
  g_return_if_fail (form != NULL && form->dialog == NULL);

  g_hash_table_replace (form->choices, g_strdup (field), g_object_ref (terms));
}

/**
 * stead_form_add_position:
 * @form: a form not yet presented
 * @required: whether a position must be given
 * @lon_lat: (nullable) (array fixed-size=2): where it is now
 *
 * Asks where the record is, after its fields, with a #SteadPositionRow
 * (a postcode, a grid reference, a latitude and longitude, or Pick on
 * Map); read it with stead_form_get_position().
 */
void
stead_form_add_position (SteadForm    *form,
                         gboolean      required,
                         const double *lon_lat)
{
  g_return_if_fail (form != NULL && form->dialog == NULL);

  form->has_position = TRUE;
  form->position_required = required;
  form->has_initial_position = lon_lat != NULL;
  if (lon_lat != NULL)
    {
      form->initial_position[0] = lon_lat[0];
      form->initial_position[1] = lon_lat[1];
    }
}

/**
 * stead_form_get_position:
 * @form: the form being saved
 * @lon: (out): longitude
 * @lat: (out): latitude
 *
 * Returns: %TRUE if a position was given
 */
gboolean
stead_form_get_position (SteadForm *form,
                         double    *lon,
                         double    *lat)
{
  g_return_val_if_fail (form != NULL, FALSE);

  return form->position != NULL &&
         stead_position_row_get_position (STEAD_POSITION_ROW (form->position), lon, lat);
}

/**
 * stead_form_present:
 * @form: (transfer full): a form from stead_form_new()
 *
 * Shows the dialog; the form is freed when it closes.
 */
void
stead_form_present (SteadForm *form)
{
  GtkWidget *box, *list;

  g_return_if_fail (form != NULL && form->dialog == NULL);

  form->dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (form->parent)),
                                         form->title, form->body);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_box_append (GTK_BOX (box), list);
  form->problem = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (form->problem), TRUE);
  gtk_label_set_xalign (GTK_LABEL (form->problem), 0);
  gtk_widget_add_css_class (form->problem, "error");
  gtk_box_append (GTK_BOX (box), form->problem);
  if (form->preview_func != NULL)
    {
      form->preview = gtk_label_new (NULL);
      gtk_widget_set_name (form->preview, "preview");
      gtk_label_set_wrap (GTK_LABEL (form->preview), TRUE);
      gtk_label_set_xalign (GTK_LABEL (form->preview), 0);
      gtk_box_append (GTK_BOX (box), form->preview);
    }

  for (guint k = 0; form->names != NULL ? form->names[k] != NULL : k < form->n_fields; k++)
    {
      const SteadField *field = form->names != NULL
                                  ? stead_field_find (form->fields, form->n_fields, form->names[k])
                                  : &form->fields[k];
      g_autofree char *value = NULL;
      FormRow r = { 0 };

      if (field == NULL || (form->names == NULL &&
                            (field->flags & (STEAD_FIELD_HIDDEN | STEAD_FIELD_INTERNAL)) != 0))
        continue;
      value = stead_record_form_initial (form->record, (const char * const *) form->initial, field);
      r.field = field;
      r.row = stead_record_form_make_row (form, field, value, &r.terms);
      gtk_list_box_append (GTK_LIST_BOX (list), r.row);
      g_array_append_val (form->rows, r);
    }

  if (form->has_position)
    {
      form->position = stead_position_row_new (form->workspace);
      gtk_widget_set_name (form->position, "position");
      stead_position_row_set_required (STEAD_POSITION_ROW (form->position),
                                       form->position_required);
      if (form->has_initial_position)
        stead_position_row_set_position (STEAD_POSITION_ROW (form->position),
                                         form->initial_position[0], form->initial_position[1]);
      g_signal_connect_swapped (form->position, "notify::problem",
                                G_CALLBACK (stead_record_form_check), form);
      gtk_list_box_append (GTK_LIST_BOX (list), form->position);
    }

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (form->dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (form->dialog), "cancel", _("_Cancel"),
                                    "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (form->dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (form->dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (form->dialog), "cancel");
  g_signal_connect_data (form->dialog, "response", G_CALLBACK (stead_record_form_on_response), form,
                         stead_record_form_closure_free, 0);
  stead_record_form_check (form);
  gtk_window_present (GTK_WINDOW (form->dialog));
}

/**
 * stead_form_set_preview:
 * @form: a form not yet presented
 * @func: (scope notified): what the values would give, as one line
 * @user_data: for @func
 *
 * Shows, below the rows, what saving the values would give (a band and
 * a date that follow from scores, say), updated as they change; nothing
 * while a value is not valid.
 */
void
stead_form_set_preview (SteadForm        *form,
                        SteadFormPreview  func,
                        gpointer          user_data)
{
  g_return_if_fail (form != NULL && form->dialog == NULL);

  form->preview_func = func;
  form->preview_data = user_data;
}

/**
 * stead_form_get_text:
 * @form: the form being saved
 * @name: a field
 *
 * Returns: (nullable): the field's value as text (numbers in C form, terms
 *   and choices as codes, records as ids, dates as YYYY-MM-DD), or %NULL
 *   if it is empty
 */
const char *
stead_form_get_text (SteadForm  *form,
                     const char *name)
{
  g_return_val_if_fail (form != NULL, NULL);

  return g_hash_table_lookup (form->values, name);
}

gint64
stead_form_get_int (SteadForm  *form,
                    const char *name,
                    gint64      unset)
{
  const char *text = stead_form_get_text (form, name);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : unset;
}

gboolean
stead_form_get_double (SteadForm  *form,
                       const char *name,
                       double     *value)
{
  const char *text = stead_form_get_text (form, name);

  if (text == NULL)
    return FALSE;
  *value = g_ascii_strtod (text, NULL);
  return TRUE;
}

/**
 * stead_form_get_record:
 *
 * Returns: (transfer none) (nullable): the record being edited
 */
SteadRecord *
stead_form_get_record (SteadForm *form)
{
  return form->record;
}

SteadWorkspace *
stead_form_get_workspace (SteadForm *form)
{
  return form->workspace;
}

/**
 * stead_form_get_dialog:
 *
 * Returns: (transfer none): the dialog, for tests
 */
GtkWidget *
stead_form_get_dialog (SteadForm *form)
{
  return form->dialog;
}
