/* stead-field-group.c: the fields of a record, each a row edited in place
 *
 * Given field names, the group makes a row for each by its declaration
 * (text and numbers as entry rows, terms, choices and other plugins'
 * records as choice rows) the first time it has a record; when the record
 * changes (the user selects another) the same rows show the new one, so
 * nothing is rebuilt under the user's fingers. With "title-from-record"
 * the group's title is the record's title.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-field-group"

#include "config.h"

#include "stead-choice-row.h"
#include "stead-entry-row.h"
#include "stead-field-group.h"

struct _SteadFieldGroup
{
  AdwPreferencesGroup  parent_instance;

  SteadRecord         *record;
  GStrv                fields;
  GPtrArray           *rows;
  GHashTable          *choices;   /* field name -> GListModel of SteadTerm */
  gboolean             title_from_record;
  gulong               title_id;
};

enum {
  PROP_0,
  PROP_RECORD,
  PROP_FIELDS,
  PROP_TITLE_FROM_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SteadFieldGroup, stead_field_group, ADW_TYPE_PREFERENCES_GROUP)

static void
stead_field_group_make_rows (SteadFieldGroup *self)
{
  for (guint i = 0; self->fields != NULL && self->fields[i] != NULL; i++)
    {
      const SteadField *field;
      GtkWidget *row;

      if (*self->fields[i] == '\0')
        continue;
      field = stead_record_get_field (self->record, self->fields[i]);
      if (field == NULL)
        {
          g_critical ("%s has no field “%s”", G_OBJECT_TYPE_NAME (self->record), self->fields[i]);
          continue;
        }
      if (g_hash_table_contains (self->choices, field->name))
        {
          row = stead_choice_row_new (field->name);
          stead_choice_row_set_terms (STEAD_CHOICE_ROW (row),
                                      g_hash_table_lookup (self->choices, field->name));
        }
      else if (field->type == STEAD_FIELD_TERM || field->type == STEAD_FIELD_CHOICE ||
               field->type == STEAD_FIELD_RECORD || field->type == STEAD_FIELD_BOOL)
        row = stead_choice_row_new (field->name);
      else
        row = stead_entry_row_new (field->name);
      gtk_widget_set_name (row, field->name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), stead_field_get_label (field));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
stead_field_group_show_title (SteadFieldGroup *self)
{
  const char *title = self->record != NULL ? stead_record_get_title (self->record) : NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), title != NULL ? title : "");
}

void
stead_field_group_set_record (SteadFieldGroup *self,
                              SteadRecord     *record)
{
  g_return_if_fail (STEAD_IS_FIELD_GROUP (self));
  g_return_if_fail (record == NULL || STEAD_IS_RECORD (record));

  if (self->record == record)
    return;
  g_clear_signal_handler (&self->title_id, self->record);
  g_set_object (&self->record, record);
  if (record != NULL && self->rows->len == 0)
    stead_field_group_make_rows (self);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (STEAD_IS_ENTRY_ROW (row))
        stead_entry_row_set_record (STEAD_ENTRY_ROW (row), record);
      else
        stead_choice_row_set_record (STEAD_CHOICE_ROW (row), record);
    }
  if (self->title_from_record)
    {
      if (record != NULL)
        self->title_id = g_signal_connect_object (record, "notify::title",
                                                  G_CALLBACK (stead_field_group_show_title), self,
                                                  G_CONNECT_SWAPPED);
      stead_field_group_show_title (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

SteadRecord *
stead_field_group_get_record (SteadFieldGroup *self)
{
  g_return_val_if_fail (STEAD_IS_FIELD_GROUP (self), NULL);

  return self->record;
}

/**
 * stead_field_group_set_choices:
 * @self: a #SteadFieldGroup without a record yet
 * @field: one of its fields
 * @terms: what the field can be, as #SteadTerm (codes as it stores them)
 *
 * Shows @field as a choice among @terms (a risk's theme among the active
 * scheme's themes, say) rather than as text.
 */
void
stead_field_group_set_choices (SteadFieldGroup *self,
                               const char      *field,
                               GListModel      *terms)
{
  g_return_if_fail (STEAD_IS_FIELD_GROUP (self));
  g_return_if_fail (self->rows->len == 0);

  g_hash_table_replace (self->choices, g_strdup (field), g_object_ref (terms));
}

/**
 * stead_field_group_get_row:
 * @self: a #SteadFieldGroup
 * @field: one of its fields
 *
 * Returns: (transfer none) (nullable): the row of @field
 */
GtkWidget *
stead_field_group_get_row (SteadFieldGroup *self,
                           const char      *field)
{
  g_return_val_if_fail (STEAD_IS_FIELD_GROUP (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (gtk_widget_get_name (g_ptr_array_index (self->rows, i)), field) == 0)
      return g_ptr_array_index (self->rows, i);
  return NULL;
}

static void
stead_field_group_dispose (GObject *object)
{
  SteadFieldGroup *self = STEAD_FIELD_GROUP (object);

  g_clear_signal_handler (&self->title_id, self->record);
  g_clear_object (&self->record);
  G_OBJECT_CLASS (stead_field_group_parent_class)->dispose (object);
}

static void
stead_field_group_finalize (GObject *object)
{
  SteadFieldGroup *self = STEAD_FIELD_GROUP (object);

  g_strfreev (self->fields);
  g_ptr_array_unref (self->rows);
  g_hash_table_unref (self->choices);
  G_OBJECT_CLASS (stead_field_group_parent_class)->finalize (object);
}

static void
stead_field_group_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SteadFieldGroup *self = STEAD_FIELD_GROUP (object);

  switch (prop_id)
    {
    case PROP_RECORD: g_value_set_object (value, self->record); break;
    case PROP_FIELDS:
      {
        g_autofree char *joined = self->fields != NULL ? g_strjoinv (" ", self->fields) : NULL;

        g_value_set_string (value, joined);
      }
      break;
    case PROP_TITLE_FROM_RECORD: g_value_set_boolean (value, self->title_from_record); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_field_group_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SteadFieldGroup *self = STEAD_FIELD_GROUP (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      stead_field_group_set_record (self, g_value_get_object (value));
      break;
    case PROP_FIELDS:
      g_strfreev (self->fields);
      self->fields = g_strsplit_set (
        g_value_get_string (value) != NULL ? g_value_get_string (value) : "", " \n\t", -1);
      break;
    case PROP_TITLE_FROM_RECORD:
      self->title_from_record = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_field_group_class_init (SteadFieldGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = stead_field_group_dispose;
  object_class->finalize = stead_field_group_finalize;
  object_class->get_property = stead_field_group_get_property;
  object_class->set_property = stead_field_group_set_property;

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, STEAD_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIELDS] =
    g_param_spec_string ("fields", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE_FROM_RECORD] =
    g_param_spec_boolean ("title-from-record", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stead_field_group_init (SteadFieldGroup *self)
{
  self->rows = g_ptr_array_new ();
  self->choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/**
 * stead_field_group_new:
 * @fields: the fields' names, in order, separated by spaces
 *
 * Returns: (transfer floating): the group
 */
GtkWidget *
stead_field_group_new (const char *fields)
{
  return g_object_new (STEAD_TYPE_FIELD_GROUP, "fields", fields, NULL);
}
