/* stead-entry-row.c: a record's field, edited in place
 *
 * Shows one field of a record and follows it: when the record changes
 * (an undo, another window) the text changes with it, unless the user is
 * in the middle of typing. Enter or the Apply button saves, as one undo
 * step, and so does leaving the row with a change; Escape puts the saved
 * value back. A value the field's declaration refuses is not saved: the
 * row says why and keeps what was typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-entry-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-entry-row.h"
#include "stead-record-page.h"

struct _SteadEntryRow
{
  AdwEntryRow  parent_instance;

  SteadRecord *record;
  char        *field;
  char        *shown;      /* the saved value as shown, to tell edits from it */
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

G_DEFINE_FINAL_TYPE (SteadEntryRow, stead_entry_row, ADW_TYPE_ENTRY_ROW)

static gboolean
stead_entry_row_is_modified (SteadEntryRow *self)
{
  return self->shown != NULL &&
         g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self)), self->shown) != 0;
}

static void
stead_entry_row_show_value (SteadEntryRow *self)
{
  g_autofree char *text = NULL;

  if (self->record != NULL && self->field != NULL)
    text = stead_record_dup_display (self->record, self->field);
  stead_set_str (&self->shown, text != NULL ? text : "");
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self), self->shown);
  self->updating = FALSE;
  gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  /* The saved value is back: nothing to apply (the row forgets the change). */
  if (adw_entry_row_get_show_apply_button (ADW_ENTRY_ROW (self)))
    {
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self), FALSE);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self), TRUE);
    }
}

static void
stead_entry_row_on_notify (SteadEntryRow *self)
{
  /* What the user is typing is theirs until they save or cancel it. */
  if (stead_entry_row_is_modified (self) && gtk_widget_has_focus (GTK_WIDGET (self)))
    return;
  stead_entry_row_show_value (self);
}

static void
stead_entry_row_report (SteadEntryRow *self,
                        const GError  *error)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), STEAD_TYPE_RECORD_PAGE);

  gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  if (page != NULL)
    stead_record_page_show_error (STEAD_RECORD_PAGE (page), error);
  else
    g_warning ("%s", error->message);
}

/**
 * stead_entry_row_save:
 * @self: a #SteadEntryRow
 * @error: why it could not be saved
 *
 * Saves what the user typed, if it differs from the record (one undo
 * step). On failure the row keeps what was typed and says why.
 *
 * Returns: %TRUE if there is nothing left unsaved
 */
gboolean
stead_entry_row_save (SteadEntryRow  *self,
                      GError        **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (STEAD_IS_ENTRY_ROW (self), FALSE);

  if (self->record == NULL || !stead_entry_row_is_modified (self))
    return TRUE;
  text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self)));
  if (!stead_record_save (self->record, self->field, text, &local))
    {
      stead_entry_row_report (self, local);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  /* Saved: the record follows when its model reads the change back. */
  stead_set_str (&self->shown, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  return TRUE;
}

/**
 * stead_entry_row_commit:
 * @self: a #SteadEntryRow
 *
 * Saves what the user typed, if it differs from the record (one undo
 * step).
 *
 * Returns: %FALSE if it could not be saved (the row says why)
 */
gboolean
stead_entry_row_commit (SteadEntryRow *self)
{
  return stead_entry_row_save (self, NULL);
}

/**
 * stead_entry_row_get_modified:
 * @self: a #SteadEntryRow
 *
 * Returns: %TRUE if the row holds typing not saved yet
 */
gboolean
stead_entry_row_get_modified (SteadEntryRow *self)
{
  g_return_val_if_fail (STEAD_IS_ENTRY_ROW (self), FALSE);

  return self->record != NULL && stead_entry_row_is_modified (self);
}

/**
 * stead_entry_row_revert:
 * @self: a #SteadEntryRow
 *
 * Drops what the user typed: the row shows the saved value again.
 */
void
stead_entry_row_revert (SteadEntryRow *self)
{
  g_return_if_fail (STEAD_IS_ENTRY_ROW (self));

  stead_entry_row_show_value (self);
}

/**
 * stead_entry_rows_save_all:
 * @root: a window or part of one
 * @error: why the first one could not be saved
 *
 * Saves every entry row under @root that holds unsaved typing, before
 * the rows go (a workspace or window closing).
 *
 * Returns: (transfer none) (nullable): the first row that could not be
 *   saved, or %NULL when nothing is left unsaved
 */
GtkWidget *
stead_entry_rows_save_all (GtkWidget  *root,
                           GError    **error)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);

  if (STEAD_IS_ENTRY_ROW (root) && !stead_entry_row_save (STEAD_ENTRY_ROW (root), error))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *failed = stead_entry_rows_save_all (child, error);

      if (failed != NULL)
        return failed;
    }
  return NULL;
}

static void
stead_entry_row_apply (SteadEntryRow *self)
{
  stead_entry_row_commit (self);
}

static gboolean
stead_entry_row_on_key (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        SteadEntryRow         *self)
{
  if (keyval != GDK_KEY_Escape || !stead_entry_row_is_modified (self))
    return GDK_EVENT_PROPAGATE;
  stead_entry_row_show_value (self);
  return GDK_EVENT_STOP;
}

static void
stead_entry_row_on_leave (SteadEntryRow *self)
{
  if (stead_entry_row_is_modified (self))
    stead_entry_row_commit (self);
}

static void
stead_entry_row_update_editable (SteadEntryRow *self)
{
  const SteadField *field = self->record != NULL && self->field != NULL
                              ? stead_record_get_field (self->record, self->field) : NULL;
  gboolean editable = field != NULL && field->set_sql != NULL;

  if (field != NULL && adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self))[0] == '\0')
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), stead_field_get_label (field));
  gtk_editable_set_editable (GTK_EDITABLE (self), editable);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self), editable);
}

void
stead_entry_row_set_record (SteadEntryRow *self,
                            SteadRecord   *record)
{
  g_return_if_fail (STEAD_IS_ENTRY_ROW (self));
  g_return_if_fail (record == NULL || STEAD_IS_RECORD (record));

  if (self->record == record)
    return;
  /* A change typed for the record shown until now is saved first. */
  if (self->record != NULL && stead_entry_row_is_modified (self))
    stead_entry_row_commit (self);
  g_clear_signal_handler (&self->notify_id, self->record);
  g_set_object (&self->record, record);
  if (self->record != NULL && self->field != NULL)
    {
      g_autofree char *name = g_strdelimit (g_strdup (self->field), "_", '-');
      g_autofree char *signal = g_strconcat ("notify::", name, NULL);

      self->notify_id = g_signal_connect_object (
        self->record, signal, G_CALLBACK (stead_entry_row_on_notify), self, G_CONNECT_SWAPPED);
    }
  stead_entry_row_update_editable (self);
  stead_entry_row_show_value (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

SteadRecord *
stead_entry_row_get_record (SteadEntryRow *self)
{
  g_return_val_if_fail (STEAD_IS_ENTRY_ROW (self), NULL);

  return self->record;
}

const char *
stead_entry_row_get_field (SteadEntryRow *self)
{
  g_return_val_if_fail (STEAD_IS_ENTRY_ROW (self), NULL);

  return self->field;
}

static void
stead_entry_row_dispose (GObject *object)
{
  SteadEntryRow *self = STEAD_ENTRY_ROW (object);

  g_clear_signal_handler (&self->notify_id, self->record);
  g_clear_object (&self->record);
  G_OBJECT_CLASS (stead_entry_row_parent_class)->dispose (object);
}

static void
stead_entry_row_finalize (GObject *object)
{
  SteadEntryRow *self = STEAD_ENTRY_ROW (object);

  g_free (self->field);
  g_free (self->shown);
  G_OBJECT_CLASS (stead_entry_row_parent_class)->finalize (object);
}

static void
stead_entry_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SteadEntryRow *self = STEAD_ENTRY_ROW (object);

  switch (prop_id)
    {
    case PROP_RECORD: g_value_set_object (value, self->record); break;
    case PROP_FIELD: g_value_set_string (value, self->field); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_entry_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SteadEntryRow *self = STEAD_ENTRY_ROW (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      stead_entry_row_set_record (self, g_value_get_object (value));
      break;
    case PROP_FIELD:
      stead_set_str (&self->field, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_entry_row_class_init (SteadEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = stead_entry_row_dispose;
  object_class->finalize = stead_entry_row_finalize;
  object_class->get_property = stead_entry_row_get_property;
  object_class->set_property = stead_entry_row_set_property;

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, STEAD_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIELD] =
    g_param_spec_string ("field", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stead_entry_row_init (SteadEntryRow *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (stead_entry_row_on_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (stead_entry_row_on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  g_signal_connect (self, "apply", G_CALLBACK (stead_entry_row_apply), NULL);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self), TRUE);
}

/**
 * stead_entry_row_new:
 * @field: the field of the records it shows
 *
 * Returns: (transfer floating): a row showing nothing until it has a record
 */
GtkWidget *
stead_entry_row_new (const char *field)
{
  return g_object_new (STEAD_TYPE_ENTRY_ROW, "field", field, NULL);
}
