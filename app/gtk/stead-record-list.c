/* stead-record-list.c: a record's child records, as a group of rows
 *
 * Rows follow a list model of records (a SteadQueryModel of the selected
 * record's children, say): the title is the record's title, the subtitle
 * its "subtitle" fields shown one after another, and a "badge" field,
 * when set, a warning beside it. Buttons ask for a new record, to edit
 * one or to remove one; the page decides what that means.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-record-list"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-record-list.h"

struct _SteadRecordList
{
  AdwPreferencesGroup  parent_instance;

  GListModel          *model;
  GtkWidget           *list;
  GtkWidget           *add_button;
  GtkWidget           *placeholder;
  GStrv                subtitle;
  char                *badge;
  char                *empty_text;
  gboolean             can_edit;
  gboolean             can_remove;
};

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SUBTITLE,
  PROP_BADGE,
  PROP_CAN_ADD,
  PROP_CAN_EDIT,
  PROP_CAN_REMOVE,
  PROP_ADD_TOOLTIP,
  PROP_EMPTY_TEXT,
  N_PROPS
};

enum {
  ADD,
  EDIT,
  REMOVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SteadRecordList, stead_record_list, ADW_TYPE_PREFERENCES_GROUP)

/* A row: the record it shows and the list it belongs to. */
#define STEAD_TYPE_RECORD_LIST_ROW (stead_record_list_row_get_type ())
G_DECLARE_FINAL_TYPE (
  SteadRecordListRow, stead_record_list_row, STEAD, RECORD_LIST_ROW, AdwActionRow)

struct _SteadRecordListRow
{
  AdwActionRow     parent_instance;
  SteadRecordList *list;     /* borrowed: the list outlives its rows */
  SteadRecord     *record;
  GtkWidget       *badge;
};

G_DEFINE_FINAL_TYPE (SteadRecordListRow, stead_record_list_row, ADW_TYPE_ACTION_ROW)

static void
stead_record_list_row_dispose (GObject *object)
{
  g_clear_object (&STEAD_RECORD_LIST_ROW (object)->record);
  G_OBJECT_CLASS (stead_record_list_row_parent_class)->dispose (object);
}

static void
stead_record_list_row_class_init (SteadRecordListRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = stead_record_list_row_dispose;
}

static void
stead_record_list_row_init (SteadRecordListRow *self)
{
}

static void
stead_record_list_show (SteadRecordListRow *row)
{
  SteadRecordList *self = row->list;
  SteadRecord *record = row->record;
  GtkWidget *badge = row->badge;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), stead_record_get_title (record)
                                                              ? stead_record_get_title (record)
                                                              : "");
  for (guint i = 0; self->subtitle != NULL && self->subtitle[i] != NULL; i++)
    {
      g_autofree char *text = NULL;

      if (*self->subtitle[i] == '\0')
        continue;
      text = stead_record_dup_display (record, self->subtitle[i]);
      if (*text == '\0')
        continue;
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, text);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  if (badge != NULL)
    {
      g_autofree char *text = stead_record_dup_display (record, self->badge);

      gtk_label_set_text (GTK_LABEL (badge), text);
      gtk_widget_set_visible (badge, *text != '\0');
    }
}

static void
stead_record_list_on_edit (SteadRecordListRow *row)
{
  g_signal_emit (row->list, signals[EDIT], 0, row->record);
}

static void
stead_record_list_on_remove (SteadRecordListRow *row)
{
  g_signal_emit (row->list, signals[REMOVE], 0, row->record);
}

static GtkWidget *
stead_record_list_add_button (SteadRecordList    *self,
                              SteadRecordListRow *row,
                              const char         *icon,
                              const char         *tooltip,
                              gboolean            remove)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked",
                            remove ? G_CALLBACK (stead_record_list_on_remove)
                                   : G_CALLBACK (stead_record_list_on_edit),
                            row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

static GtkWidget *
stead_record_list_create_row (gpointer item,
                              gpointer user_data)
{
  SteadRecordList *self = user_data;
  SteadRecordListRow *row = g_object_new (STEAD_TYPE_RECORD_LIST_ROW, NULL);

  row->list = self;
  row->record = g_object_ref (item);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_widget_add_css_class (GTK_WIDGET (row), "property");
  if (self->badge != NULL)
    {
      GtkWidget *badge = gtk_label_new (NULL);

      gtk_widget_add_css_class (badge, "warning");
      gtk_widget_add_css_class (badge, "caption-heading");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      row->badge = badge;
    }
  if (self->can_edit)
    stead_record_list_add_button (self, row, "document-edit-symbolic", _("Edit"), FALSE);
  if (self->can_remove)
    stead_record_list_add_button (self, row, "user-trash-symbolic", _("Remove"), TRUE);
  g_signal_connect_object (item, "notify", G_CALLBACK (stead_record_list_show), row,
                           G_CONNECT_SWAPPED);
  stead_record_list_show (row);
  return GTK_WIDGET (row);
}

void
stead_record_list_set_model (SteadRecordList *self,
                             GListModel      *model)
{
  g_return_if_fail (STEAD_IS_RECORD_LIST (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (!g_set_object (&self->model, model))
    return;
  /* Rows follow their records; a changed record must not rebuild its row. */
  if (STEAD_IS_QUERY_MODEL (model))
    stead_query_model_set_notify_only (STEAD_QUERY_MODEL (model), TRUE);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list), model, stead_record_list_create_row, self,
                           NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

GListModel *
stead_record_list_get_model (SteadRecordList *self)
{
  g_return_val_if_fail (STEAD_IS_RECORD_LIST (self), NULL);

  return self->model;
}

/**
 * stead_record_list_follow:
 * @self: a list of the selected record's children
 * @parent: the record now selected, or 0 for none
 *
 * Moves the list to @parent's children, as a detail pane does when the
 * selection changes: no rows for 0, and a #SteadQueryModel already set
 * is given @parent as its `?1`, so the rows follow without the model
 * being made again.
 *
 * Returns: %FALSE if the list has no model yet: make one for @parent
 *   and give it to stead_record_list_set_model()
 */
gboolean
stead_record_list_follow (SteadRecordList *self,
                          gint64           parent)
{
  g_return_val_if_fail (STEAD_IS_RECORD_LIST (self), TRUE);

  if (parent == 0)
    stead_record_list_set_model (self, NULL);
  else if (STEAD_IS_QUERY_MODEL (self->model))
    stead_query_model_set_params (STEAD_QUERY_MODEL (self->model),
                                  STEAD_ARGS (STEAD_INT (parent)));
  else
    return FALSE;
  return TRUE;
}

static void
stead_record_list_on_add (SteadRecordList *self)
{
  g_signal_emit (self, signals[ADD], 0);
}

static void
stead_record_list_dispose (GObject *object)
{
  SteadRecordList *self = STEAD_RECORD_LIST (object);

  if (self->list != NULL)
    gtk_list_box_bind_model (GTK_LIST_BOX (self->list), NULL, NULL, NULL, NULL);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (stead_record_list_parent_class)->dispose (object);
}

static void
stead_record_list_finalize (GObject *object)
{
  SteadRecordList *self = STEAD_RECORD_LIST (object);

  g_strfreev (self->subtitle);
  g_free (self->badge);
  g_free (self->empty_text);
  G_OBJECT_CLASS (stead_record_list_parent_class)->finalize (object);
}

static void
stead_record_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SteadRecordList *self = STEAD_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL: g_value_set_object (value, self->model); break;
    case PROP_BADGE: g_value_set_string (value, self->badge); break;
    case PROP_CAN_ADD:
      g_value_set_boolean (value, gtk_widget_get_visible (self->add_button));
      break;
    case PROP_CAN_EDIT: g_value_set_boolean (value, self->can_edit); break;
    case PROP_CAN_REMOVE: g_value_set_boolean (value, self->can_remove); break;
    case PROP_ADD_TOOLTIP:
      g_value_set_string (value, gtk_widget_get_tooltip_text (self->add_button));
      break;
    case PROP_EMPTY_TEXT: g_value_set_string (value, self->empty_text); break;
    case PROP_SUBTITLE:
      {
        g_autofree char *joined = self->subtitle != NULL ? g_strjoinv (" ", self->subtitle) : NULL;

        g_value_set_string (value, joined);
      }
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_record_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SteadRecordList *self = STEAD_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      stead_record_list_set_model (self, g_value_get_object (value));
      break;
    case PROP_SUBTITLE:
      g_strfreev (self->subtitle);
      self->subtitle =
        g_strsplit_set (g_value_get_string (value) ? g_value_get_string (value) : "", " \n\t", -1);
      break;
    case PROP_BADGE:
      stead_set_str (&self->badge, g_value_get_string (value));
      break;
    case PROP_CAN_ADD:
      gtk_widget_set_visible (self->add_button, g_value_get_boolean (value));
      break;
    case PROP_CAN_EDIT:
      self->can_edit = g_value_get_boolean (value);
      break;
    case PROP_CAN_REMOVE:
      self->can_remove = g_value_get_boolean (value);
      break;
    case PROP_ADD_TOOLTIP:
      gtk_widget_set_tooltip_text (self->add_button, g_value_get_string (value));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, g_value_get_string (value),
                                      -1);
      break;
    case PROP_EMPTY_TEXT:
      stead_set_str (&self->empty_text, g_value_get_string (value));
      gtk_label_set_text (GTK_LABEL (self->placeholder), self->empty_text ? self->empty_text : "");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_record_list_class_init (SteadRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = stead_record_list_dispose;
  object_class->finalize = stead_record_list_finalize;
  object_class->get_property = stead_record_list_get_property;
  object_class->set_property = stead_record_list_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BADGE] =
    g_param_spec_string ("badge", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_ADD] =
    g_param_spec_boolean ("can-add", NULL, NULL, TRUE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_EDIT] =
    g_param_spec_boolean ("can-edit", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REMOVE] =
    g_param_spec_boolean ("can-remove", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADD_TOOLTIP] = g_param_spec_string ("add-tooltip", NULL, NULL, NULL,
                                                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY_TEXT] = g_param_spec_string ("empty-text", NULL, NULL, NULL,
                                                     G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SteadRecordList::add:
   *
   * The user asks for a new record.
   */
  signals[ADD] = g_signal_new ("add", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                               NULL, G_TYPE_NONE, 0);
  signals[EDIT] = g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 1, STEAD_TYPE_RECORD);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 1, STEAD_TYPE_RECORD);
}

static void
stead_record_list_init (SteadRecordList *self)
{
  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  self->placeholder = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->placeholder, "dim-label");
  gtk_widget_set_margin_top (self->placeholder, 12);
  gtk_widget_set_margin_bottom (self->placeholder, 12);
  gtk_label_set_wrap (GTK_LABEL (self->placeholder), TRUE);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->list), self->placeholder);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->list);

  self->add_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (self->add_button, "flat");
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (stead_record_list_on_add),
                            self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), self->add_button);
}

GtkWidget *
stead_record_list_new (void)
{
  return g_object_new (STEAD_TYPE_RECORD_LIST, NULL);
}
