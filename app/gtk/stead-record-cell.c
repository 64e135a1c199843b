/* stead-record-cell.c: one field of a record in a list's column
 *
 * A label that shows a field as people read it (labels of terms and
 * choices, titles of records) and follows it as the record changes; long
 * text is shortened in the middle, with the whole of it as the tooltip.
 * With an alert field, the text is shown as an error while that field is
 * set (an overdue review, an expired agreement).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-record-cell"

#include "config.h"

#include "stead-record-cell.h"

struct _SteadRecordCell
{
  GtkWidget    parent_instance;

  GtkWidget   *label;
  SteadRecord *record;
  char        *field;
  char        *alert_field;
  gulong       notify_id;
};

G_DEFINE_FINAL_TYPE (SteadRecordCell, stead_record_cell, GTK_TYPE_WIDGET)

static void
stead_record_cell_show (SteadRecordCell *self)
{
  g_autofree char *text = NULL;
  gboolean alert = FALSE;

  if (self->record != NULL)
    {
      text = stead_record_dup_display (self->record, self->field);
      alert = self->alert_field != NULL && !stead_record_is_null (self->record, self->alert_field);
    }
  gtk_inscription_set_text (GTK_INSCRIPTION (self->label), text != NULL ? text : "");
  if (alert)
    gtk_widget_add_css_class (self->label, "error");
  else
    gtk_widget_remove_css_class (self->label, "error");
}

/* The tooltip is asked for when shown, not set at every bind: setting one
 * makes GTK look for the pointer (a round trip to an X server). */
static gboolean
stead_record_cell_on_query_tooltip (GtkWidget  *label,
                                    int         x,
                                    int         y,
                                    gboolean    keyboard,
                                    GtkTooltip *tooltip,
                                    gpointer    user_data)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (label));

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
stead_record_cell_on_notify (SteadRecordCell *self,
                             GParamSpec      *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  /* Property names have '-' where fields have '_'. */
  for (const char *a = name, *f = self->field;; a++, f++)
    {
      if (*a == '\0' && *f == '\0')
        {
          stead_record_cell_show (self);
          return;
        }
      if (*a != *f && !(*a == '-' && *f == '_'))
        break;
    }
  if (self->alert_field != NULL)
    stead_record_cell_show (self);
}

void
stead_record_cell_set_record (SteadRecordCell *self,
                              SteadRecord     *record)
{
  g_return_if_fail (STEAD_IS_RECORD_CELL (self));

  if (self->record != record)
    {
      g_clear_signal_handler (&self->notify_id, self->record);
      g_set_object (&self->record, record);
      if (record != NULL)
        self->notify_id = g_signal_connect_object (
          record, "notify", G_CALLBACK (stead_record_cell_on_notify), self, G_CONNECT_SWAPPED);
    }
  stead_record_cell_show (self);
}

const char *
stead_record_cell_get_text (SteadRecordCell *self)
{
  g_return_val_if_fail (STEAD_IS_RECORD_CELL (self), NULL);

  return gtk_inscription_get_text (GTK_INSCRIPTION (self->label));
}

static void
stead_record_cell_dispose (GObject *object)
{
  SteadRecordCell *self = STEAD_RECORD_CELL (object);

  g_clear_signal_handler (&self->notify_id, self->record);
  g_clear_object (&self->record);
  g_clear_pointer (&self->label, gtk_widget_unparent);
  G_OBJECT_CLASS (stead_record_cell_parent_class)->dispose (object);
}

static void
stead_record_cell_finalize (GObject *object)
{
  SteadRecordCell *self = STEAD_RECORD_CELL (object);

  g_free (self->field);
  g_free (self->alert_field);
  G_OBJECT_CLASS (stead_record_cell_parent_class)->finalize (object);
}

static void
stead_record_cell_class_init (SteadRecordCellClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = stead_record_cell_dispose;
  G_OBJECT_CLASS (klass)->finalize = stead_record_cell_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
stead_record_cell_init (SteadRecordCell *self)
{
  self->label = gtk_inscription_new (NULL);
  gtk_inscription_set_xalign (GTK_INSCRIPTION (self->label), 0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (self->label),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_MIDDLE);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (self->label), 4);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (self->label), 16);
  gtk_widget_set_has_tooltip (self->label, TRUE);
  g_signal_connect (self->label, "query-tooltip", G_CALLBACK (stead_record_cell_on_query_tooltip),
                    NULL);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
}

/**
 * stead_record_cell_new:
 * @field: the field shown
 * @alert_field: (nullable): a field that, when set, shows the text as an
 *   error
 *
 * Returns: (transfer floating): the cell
 */
GtkWidget *
stead_record_cell_new (const char *field,
                       const char *alert_field)
{
  SteadRecordCell *self = g_object_new (STEAD_TYPE_RECORD_CELL, NULL);

  self->field = g_strdup (field);
  self->alert_field = g_strdup (alert_field);
  return GTK_WIDGET (self);
}
