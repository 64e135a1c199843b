/* stead-choice-row.c: a record's field chosen from its terms or choices
 *
 * The choices come from the field's declaration: a taxonomy vocabulary,
 * fixed choices, or another plugin's records through their provider; an
 * optional field can also be "Not set". Choosing saves at once, as one
 * undo step; the row follows the record when it changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-choice-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-choice-row.h"
#include "stead-record-page.h"

struct _SteadChoiceRow
{
  AdwComboRow  parent_instance;

  SteadRecord *record;
  char        *field;
  GListModel  *terms;       /* SteadTerm, with "" first for optional fields */
  gulong       notify_id;
  gboolean     updating;
};

enum {
  PROP_0,
  PROP_RECORD,
  PROP_FIELD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SteadChoiceRow, stead_choice_row, ADW_TYPE_COMBO_ROW)

static char *
stead_choice_row_current_code (SteadChoiceRow *self)
{
  const GValue *value;

  if (self->record == NULL)
    return NULL;
  value = stead_record_get_value (self->record, self->field);
  if (value == NULL || !G_IS_VALUE (value))
    return g_strdup ("");
  if (G_VALUE_HOLDS_INT64 (value))
    return g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (value));
  if (G_VALUE_HOLDS_BOOLEAN (value))
    return g_strdup (g_value_get_boolean (value) ? "1" : "0");
  return g_value_dup_string (value);
}

static void
stead_choice_row_show_value (SteadChoiceRow *self)
{
  g_autofree char *code = stead_choice_row_current_code (self);
  guint position = self->terms != NULL ? stead_terms_find (self->terms, code) : G_MAXUINT;

  self->updating = TRUE;
  if (position != G_MAXUINT)
    adw_combo_row_set_selected (ADW_COMBO_ROW (self), position);
  else
    adw_combo_row_set_selected (ADW_COMBO_ROW (self), GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;
}

static void
stead_choice_row_on_selected (SteadChoiceRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadTerm) term = NULL;
  g_autofree char *now = NULL;
  guint position;

  if (self->updating || self->record == NULL || self->terms == NULL)
    return;
  position = adw_combo_row_get_selected (ADW_COMBO_ROW (self));
  if (position == GTK_INVALID_LIST_POSITION ||
      (term = g_list_model_get_item (self->terms, position)) == NULL)
    return;
  now = stead_choice_row_current_code (self);
  if (g_strcmp0 (now, stead_term_get_code (term)) == 0)
    return;
  if (!stead_record_save (self->record, self->field, stead_term_get_code (term), &error))
    {
      GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), STEAD_TYPE_RECORD_PAGE);

      if (page != NULL)
        stead_record_page_show_error (STEAD_RECORD_PAGE (page), error);
      stead_choice_row_show_value (self);
    }
}

/**
 * stead_choice_row_set_terms:
 * @self: a #SteadChoiceRow
 * @terms: (nullable): the choices as #SteadTerm (codes as the field
 *   stores them), or %NULL for the field's own
 *
 * For fields whose choices are not in their declaration (a risk's themes
 * of the active scheme, say).
 */
void
stead_choice_row_set_terms (SteadChoiceRow *self,
                            GListModel     *terms)
{
  g_return_if_fail (STEAD_IS_CHOICE_ROW (self));

  self->updating = TRUE;
  g_set_object (&self->terms, terms);
  adw_combo_row_set_model (ADW_COMBO_ROW (self), terms);
  self->updating = FALSE;
  stead_choice_row_show_value (self);
}

static void
stead_choice_row_load_terms (SteadChoiceRow *self)
{
  const SteadField *field = stead_record_get_field (self->record, self->field);
  g_autoptr(GListModel) choices = NULL;
  GListStore *all;

  if (field == NULL)
    return;
  if (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self))[0] == '\0')
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), stead_field_get_label (field));
  gtk_widget_set_sensitive (GTK_WIDGET (self), field->set_sql != NULL);

  if (field->type == STEAD_FIELD_BOOL)
    {
      static const SteadChoice yes_no[] = { { "1", N_("Yes") }, { "0", N_("No") }, { NULL } };

      choices = stead_choices_model_new (yes_no);
    }
  else
    choices = stead_field_choices_new (field, stead_record_get_workspace (self->record));
  if (choices == NULL)
    return;

  /* An optional field can be unset. */
  all = g_list_store_new (STEAD_TYPE_TERM);
  if (!field->required)
    {
      g_autoptr(SteadTerm) none = stead_term_new ("", _("Not set"), NULL);

      g_list_store_append (all, none);
    }
  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(GObject) term = g_list_model_get_item (choices, i);

      g_list_store_append (all, term);
    }
  stead_choice_row_set_terms (self, G_LIST_MODEL (all));
  g_object_unref (all);
}

void
stead_choice_row_set_record (SteadChoiceRow *self,
                             SteadRecord    *record)
{
  g_return_if_fail (STEAD_IS_CHOICE_ROW (self));
  g_return_if_fail (record == NULL || STEAD_IS_RECORD (record));

  if (self->record == record)
    return;
  g_clear_signal_handler (&self->notify_id, self->record);
  g_set_object (&self->record, record);
  if (self->record != NULL && self->field != NULL)
    {
      g_autofree char *name = g_strdelimit (g_strdup (self->field), "_", '-');
      g_autofree char *signal = g_strconcat ("notify::", name, NULL);

      self->notify_id = g_signal_connect_object (
        self->record, signal, G_CALLBACK (stead_choice_row_show_value), self, G_CONNECT_SWAPPED);
      if (self->terms == NULL)
        stead_choice_row_load_terms (self);
    }
  stead_choice_row_show_value (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

SteadRecord *
stead_choice_row_get_record (SteadChoiceRow *self)
{
  g_return_val_if_fail (STEAD_IS_CHOICE_ROW (self), NULL);

  return self->record;
}

static void
stead_choice_row_dispose (GObject *object)
{
  SteadChoiceRow *self = STEAD_CHOICE_ROW (object);

  g_clear_signal_handler (&self->notify_id, self->record);
  g_clear_object (&self->record);
  g_clear_object (&self->terms);
  G_OBJECT_CLASS (stead_choice_row_parent_class)->dispose (object);
}

static void
stead_choice_row_finalize (GObject *object)
{
  g_free (STEAD_CHOICE_ROW (object)->field);
  G_OBJECT_CLASS (stead_choice_row_parent_class)->finalize (object);
}

static void
stead_choice_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SteadChoiceRow *self = STEAD_CHOICE_ROW (object);

  switch (prop_id)
    {
    case PROP_RECORD: g_value_set_object (value, self->record); break;
    case PROP_FIELD: g_value_set_string (value, self->field); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_choice_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SteadChoiceRow *self = STEAD_CHOICE_ROW (object);

  switch (prop_id)
    {
    case PROP_RECORD: stead_choice_row_set_record (self, g_value_get_object (value)); break;
    case PROP_FIELD: stead_set_str (&self->field, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_choice_row_class_init (SteadChoiceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = stead_choice_row_dispose;
  object_class->finalize = stead_choice_row_finalize;
  object_class->get_property = stead_choice_row_get_property;
  object_class->set_property = stead_choice_row_set_property;

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, STEAD_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIELD] =
    g_param_spec_string ("field", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stead_choice_row_init (SteadChoiceRow *self)
{
  g_autoptr(GtkExpression) label = gtk_property_expression_new (STEAD_TYPE_TERM, NULL, "label");

  adw_combo_row_set_expression (ADW_COMBO_ROW (self), label);
  g_signal_connect (self, "notify::selected", G_CALLBACK (stead_choice_row_on_selected), NULL);
}

/**
 * stead_choice_row_new:
 * @field: the field of the records it shows
 *
 * Returns: (transfer floating): a row showing nothing until it has a record
 */
GtkWidget *
stead_choice_row_new (const char *field)
{
  return g_object_new (STEAD_TYPE_CHOICE_ROW, "field", field, NULL);
}
