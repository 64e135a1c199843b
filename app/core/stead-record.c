/* stead-record.c: one row of a plugin's table, as an object with properties
 *
 * A record type is a SteadRecord subclass registered at run time from a
 * SteadRecordInfo: every field is a read-only property (so lists, labels
 * and bindings can follow it), the values are what the record's query
 * last read, and an edit goes through stead_record_save(), which checks
 * the value against the field's declaration and runs its constant
 * statement as one undo step. Changes then come back through the model
 * that made the record, which updates it in place and notifies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-record"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "stead-record.h"
#include "stead-vocabulary.h"
#include "stead-workspace.h"

/* One weak reference to a workspace, shared by every record read from it:
 * a weak reference each would make freeing N records O(N²) (GObject
 * keeps an object's weak references in a list). */
typedef struct
{
  gatomicrefcount ref_count;
  GWeakRef        workspace;
} WorkspaceAnchor;

static void
stead_record_anchor_unref (WorkspaceAnchor *anchor)
{
  if (anchor != NULL && g_atomic_ref_count_dec (&anchor->ref_count))
    {
      g_weak_ref_clear (&anchor->workspace);
      g_free (anchor);
    }
}

/* The workspace's anchor (made on first use), a new reference. */
static WorkspaceAnchor *
stead_record_anchor_for (SteadWorkspace *workspace)
{
  static GQuark quark;
  static GMutex lock;
  WorkspaceAnchor *anchor;

  if (workspace == NULL)
    return NULL;
  if (quark == 0)
    quark = g_quark_from_static_string ("stead-record-anchor");
  g_mutex_lock (&lock);
  anchor = g_object_get_qdata (G_OBJECT (workspace), quark);
  if (anchor == NULL)
    {
      anchor = g_new0 (WorkspaceAnchor, 1);
      g_atomic_ref_count_init (&anchor->ref_count);
      g_weak_ref_init (&anchor->workspace, workspace);
      g_object_set_qdata_full (G_OBJECT (workspace), quark, anchor,
                               (GDestroyNotify) stead_record_anchor_unref);
    }
  g_atomic_ref_count_inc (&anchor->ref_count);
  g_mutex_unlock (&lock);
  return anchor;
}

typedef struct
{
  gint64           id;
  WorkspaceAnchor *workspace;
  GValue   *values;      /* one per field of the class's info; unset: NULL */
  char     *haystack;    /* casefolded text for searching, made on demand */
  char    **keys;        /* collation keys of string fields, made on demand */
} SteadRecordPrivate;

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  N_PROPS
};

/* Fields are properties FIELD_PROP_BASE + their index. */
#define FIELD_PROP_BASE 16

static GParamSpec *properties[N_PROPS];

static const SteadField base_fields[] = {
  { "title", .label = N_("Title") },
};

static const SteadRecordInfo base_info = {
  .kind = "record",
  .fields = base_fields,
  .n_fields = G_N_ELEMENTS (base_fields),
};

G_DEFINE_TYPE_WITH_PRIVATE (SteadRecord, stead_record, G_TYPE_OBJECT)

#define PRIV(self) ((SteadRecordPrivate *) stead_record_get_instance_private (self))

static const SteadRecordInfo *
stead_record_class_info (gpointer klass)
{
  const SteadRecordInfo *info = STEAD_RECORD_CLASS (klass)->info;

  return info != NULL ? info : &base_info;
}

static int
stead_record_field_index (const SteadRecordInfo *info,
                          const char            *name)
{
  const SteadField *field = stead_field_find (info->fields, info->n_fields, name);

  return field != NULL ? (int) (field - info->fields) : -1;
}

static void
stead_record_forget_caches (SteadRecord *self)
{
  SteadRecordPrivate *priv = PRIV (self);

  g_clear_pointer (&priv->haystack, g_free);
  g_clear_pointer (&priv->keys, g_strfreev);
}

static void
stead_record_finalize (GObject *object)
{
  SteadRecord *self = STEAD_RECORD (object);
  SteadRecordPrivate *priv = PRIV (self);
  const SteadRecordInfo *info = stead_record_class_info (G_OBJECT_GET_CLASS (object));

  for (guint i = 0; priv->values != NULL && i < info->n_fields; i++)
    if (G_IS_VALUE (&priv->values[i]))
      g_value_unset (&priv->values[i]);
  g_free (priv->values);
  g_clear_pointer (&priv->workspace, stead_record_anchor_unref);
  stead_record_forget_caches (self);
  G_OBJECT_CLASS (stead_record_parent_class)->finalize (object);
}

static void
stead_record_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SteadRecord *self = STEAD_RECORD (object);
  SteadRecordPrivate *priv = PRIV (self);
  const SteadRecordInfo *info = stead_record_class_info (G_OBJECT_GET_CLASS (object));

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, priv->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, stead_record_get_title (self));
      break;
    default:
      if (prop_id >= FIELD_PROP_BASE && prop_id - FIELD_PROP_BASE < info->n_fields)
        {
          const GValue *v = &priv->values[prop_id - FIELD_PROP_BASE];

          if (G_IS_VALUE (v))
            g_value_copy (v, value);
        }
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_record_class_init (SteadRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stead_record_finalize;
  object_class->get_property = stead_record_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stead_record_init (SteadRecord *self)
{
  SteadRecordPrivate *priv = PRIV (self);

  /* While a subclass is made, this runs with the base class (GObject
   * runs each class's init in turn): its values come with its own init. */
  priv->values = g_new0 (GValue, base_info.n_fields);
}

/* instance_init of the types stead_record_type_register() makes. */
static void
stead_record_subclass_instance_init (GTypeInstance *instance,
                                     gpointer       g_class)
{
  SteadRecordPrivate *priv = PRIV (STEAD_RECORD (instance));
  const SteadRecordInfo *info = STEAD_RECORD_CLASS (g_class)->info;

  g_free (priv->values);
  priv->values = g_new0 (GValue, MAX (info->n_fields, 1));
}

/* class_init of the types stead_record_type_register() makes. */
static void
stead_record_subclass_init (gpointer klass,
                            gpointer class_data)
{
  const SteadRecordInfo *info = class_data;
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  STEAD_RECORD_CLASS (klass)->info = info;
  object_class->get_property = stead_record_get_property;

  for (guint i = 0; i < info->n_fields; i++)
    {
      const SteadField *field = &info->fields[i];
      GParamFlags flags =
        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB;
      g_autofree char *name = g_strdelimit (g_strdup (field->name), "_", '-');
      GParamSpec *pspec;

      if (g_str_equal (name, "title") || g_str_equal (name, "id"))
        continue;
      switch (stead_field_value_type (field))
        {
        case G_TYPE_INT64:
          pspec = g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
          break;
        case G_TYPE_DOUBLE:
          pspec = g_param_spec_double (name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
          break;
        case G_TYPE_BOOLEAN:
          pspec = g_param_spec_boolean (name, NULL, NULL, FALSE, flags);
          break;
        default:
          pspec = g_param_spec_string (name, NULL, NULL, NULL, flags);
          break;
        }
      g_object_class_install_property (object_class, FIELD_PROP_BASE + i, pspec);
    }
}

/**
 * stead_record_type_register:
 * @type_name: the record type's name ("PartnersOrganisation")
 * @info: (not nullable): what it is; must outlive the process
 *
 * Registers a SteadRecord subclass, or returns the one already
 * registered under @type_name. Use STEAD_DEFINE_RECORD_TYPE().
 *
 * Returns: the type
 */
GType
stead_record_type_register (const char            *type_name,
                            const SteadRecordInfo *info)
{
  GTypeInfo type_info = {
    .class_size = sizeof (SteadRecordClass),
    .class_init = stead_record_subclass_init,
    .class_data = info,
    .instance_size = sizeof (SteadRecord),
    .instance_init = stead_record_subclass_instance_init,
  };
  GType type;

  g_return_val_if_fail (type_name != NULL, G_TYPE_INVALID);
  g_return_val_if_fail (info != NULL, G_TYPE_INVALID);

  type = g_type_from_name (type_name);
  if (type != G_TYPE_INVALID)
    {
      g_return_val_if_fail (g_type_is_a (type, STEAD_TYPE_RECORD), G_TYPE_INVALID);
      return type;
    }
  return g_type_register_static (STEAD_TYPE_RECORD, type_name, &type_info, 0);
}

const SteadRecordInfo *
stead_record_type_get_info (GType type)
{
  g_autoptr(GTypeClass) klass = NULL;

  g_return_val_if_fail (g_type_is_a (type, STEAD_TYPE_RECORD), NULL);

  klass = g_type_class_ref (type);
  return stead_record_class_info (klass);
}

const SteadRecordInfo *
stead_record_get_info (SteadRecord *self)
{
  g_return_val_if_fail (STEAD_IS_RECORD (self), NULL);

  return stead_record_class_info (G_OBJECT_GET_CLASS (self));
}

guint
stead_record_type_get_n_values (GType type)
{
  return stead_record_type_get_info (type)->n_fields;
}

/**
 * stead_record_column_index:
 * @type: a record type
 * @column: a column name of its query
 *
 * Returns: the field the column fills, -1 for "id", -2 if none
 */
int
stead_record_column_index (GType       type,
                           const char *column)
{
  int index;

  if (g_str_equal (column, "id"))
    return -1;
  index = stead_record_field_index (stead_record_type_get_info (type), column);
  return index >= 0 ? index : -2;
}

SteadRecord *
stead_record_new_internal (GType           type,
                           SteadWorkspace *workspace,
                           gint64          id)
{
  SteadRecord *self = g_object_new (type, NULL);

  PRIV (self)->id = id;
  PRIV (self)->workspace = stead_record_anchor_for (workspace);
  return self;
}

static gboolean
stead_record_values_equal (const GValue *a,
                           const GValue *b)
{
  if (!G_IS_VALUE (a) || !G_IS_VALUE (b))
    return !G_IS_VALUE (a) && !G_IS_VALUE (b);
  if (G_VALUE_TYPE (a) != G_VALUE_TYPE (b))
    return FALSE;
  if (G_VALUE_HOLDS_STRING (a))
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
  if (G_VALUE_HOLDS_INT64 (a))
    return g_value_get_int64 (a) == g_value_get_int64 (b);
  if (G_VALUE_HOLDS_DOUBLE (a))
    return g_value_get_double (a) == g_value_get_double (b);
  if (G_VALUE_HOLDS_BOOLEAN (a))
    return g_value_get_boolean (a) == g_value_get_boolean (b);
  return FALSE;
}

/**
 * stead_record_update:
 * @self: a record
 * @values: (array length=n_values): new values read from its query, taken
 * @n_values: as many as the record has fields
 * @notify: whether to notify the properties that changed
 *
 * Takes the values, runs the info's derive function, and notifies what
 * differs from before.
 *
 * Returns: whether anything changed
 */
gboolean
stead_record_update (SteadRecord *self,
                     GValue      *values,
                     guint        n_values,
                     gboolean     notify)
{
  SteadRecordPrivate *priv = PRIV (self);
  const SteadRecordInfo *info = stead_record_get_info (self);
  GObjectClass *klass = G_OBJECT_GET_CLASS (self);
  const char *title_field = info->title_field != NULL ? info->title_field : "title";
  g_autofree GValue *old = NULL;
  gboolean changed = FALSE;
  gboolean title_changed = FALSE;

  g_return_val_if_fail (n_values == info->n_fields, FALSE);

  old = priv->values;
  priv->values = g_new0 (GValue, MAX (info->n_fields, 1));
  for (guint i = 0; i < n_values; i++)
    {
      priv->values[i] = values[i];
      memset (&values[i], 0, sizeof (GValue));
    }
  if (info->derive != NULL)
    info->derive (self);

  if (notify)
    g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < n_values; i++)
    {
      if (!stead_record_values_equal (&old[i], &priv->values[i]))
        {
          changed = TRUE;
          if (g_str_equal (info->fields[i].name, title_field))
            title_changed = TRUE;
          if (notify)
            {
              GParamSpec *pspec = g_object_class_find_property (klass, info->fields[i].name);

              if (pspec != NULL)
                g_object_notify_by_pspec (G_OBJECT (self), pspec);
            }
        }
      if (G_IS_VALUE (&old[i]))
        g_value_unset (&old[i]);
    }
  stead_record_forget_caches (self);
  if (notify && title_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  if (notify)
    g_object_thaw_notify (G_OBJECT (self));
  return changed;
}

/**
 * stead_record_set_derived:
 * @self: a record being read
 * @name: a field that is not a column
 * @value: (nullable): its value; %NULL or unset for none
 *
 * For a record info's derive function.
 */
void
stead_record_set_derived (SteadRecord  *self,
                          const char   *name,
                          const GValue *value)
{
  SteadRecordPrivate *priv;
  int index;

  g_return_if_fail (STEAD_IS_RECORD (self));

  priv = PRIV (self);
  index = stead_record_field_index (stead_record_get_info (self), name);
  g_return_if_fail (index >= 0);
  if (G_IS_VALUE (&priv->values[index]))
    g_value_unset (&priv->values[index]);
  if (value != NULL && G_IS_VALUE (value))
    {
      g_value_init (&priv->values[index], G_VALUE_TYPE (value));
      g_value_copy (value, &priv->values[index]);
    }
  stead_record_forget_caches (self);
}

gint64
stead_record_get_id (SteadRecord *self)
{
  g_return_val_if_fail (STEAD_IS_RECORD (self), 0);

  return PRIV (self)->id;
}

/**
 * stead_record_get_workspace:
 * @self: a record
 *
 * Returns: (transfer none) (nullable): the workspace it was read from,
 *   while it is open
 */
SteadWorkspace *
stead_record_get_workspace (SteadRecord *self)
{
  g_autoptr(SteadWorkspace) workspace = NULL;

  g_return_val_if_fail (STEAD_IS_RECORD (self), NULL);

  /* The model that made the record holds the workspace. */
  if (PRIV (self)->workspace == NULL)
    return NULL;
  workspace = g_weak_ref_get (&PRIV (self)->workspace->workspace);
  return workspace;
}

const SteadField *
stead_record_get_field (SteadRecord *self,
                        const char  *name)
{
  const SteadRecordInfo *info;

  g_return_val_if_fail (STEAD_IS_RECORD (self), NULL);

  info = stead_record_get_info (self);
  return stead_field_find (info->fields, info->n_fields, name);
}

/**
 * stead_record_get_value:
 * @self: a record
 * @name: a field
 *
 * Returns: (nullable): the field's value; unset for NULL; %NULL if the
 *   record has no such field
 */
const GValue *
stead_record_get_value (SteadRecord *self,
                        const char  *name)
{
  int index;

  g_return_val_if_fail (STEAD_IS_RECORD (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  index = stead_record_field_index (stead_record_get_info (self), name);
  if (index < 0)
    {
      g_critical ("A %s record has no field “%s”", G_OBJECT_TYPE_NAME (self), name);
      return NULL;
    }
  return &PRIV (self)->values[index];
}

const char *
stead_record_get_title (SteadRecord *self)
{
  const SteadRecordInfo *info;
  int index;

  g_return_val_if_fail (STEAD_IS_RECORD (self), NULL);

  info = stead_record_get_info (self);
  index = stead_record_field_index (info, info->title_field != NULL ? info->title_field : "title");
  if (index < 0 || !G_VALUE_HOLDS_STRING (&PRIV (self)->values[index]))
    return NULL;
  return g_value_get_string (&PRIV (self)->values[index]);
}

const char *
stead_record_get_string (SteadRecord *self,
                         const char  *name)
{
  const GValue *value = stead_record_get_value (self, name);

  return value != NULL && G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;
}

gint64
stead_record_get_int (SteadRecord *self,
                      const char  *name)
{
  const GValue *value = stead_record_get_value (self, name);

  if (value == NULL || !G_IS_VALUE (value))
    return 0;
  if (G_VALUE_HOLDS_INT64 (value))
    return g_value_get_int64 (value);
  if (G_VALUE_HOLDS_BOOLEAN (value))
    return g_value_get_boolean (value);
  if (G_VALUE_HOLDS_DOUBLE (value))
    return (gint64) g_value_get_double (value);
  return 0;
}

double
stead_record_get_double (SteadRecord *self,
                         const char  *name)
{
  const GValue *value = stead_record_get_value (self, name);

  if (value != NULL && G_VALUE_HOLDS_DOUBLE (value))
    return g_value_get_double (value);
  return (double) stead_record_get_int (self, name);
}

gboolean
stead_record_get_boolean (SteadRecord *self,
                          const char  *name)
{
  return stead_record_get_int (self, name) != 0;
}

gboolean
stead_record_is_null (SteadRecord *self,
                      const char  *name)
{
  const GValue *value = stead_record_get_value (self, name);

  return value == NULL || !G_IS_VALUE (value);
}

/**
 * stead_record_dup_display:
 * @self: a record
 * @name: a field
 *
 * Returns: (transfer full): the field as shown to people: a term's or
 *   choice's label, a record's title, "" for none
 */
char *
stead_record_dup_display (SteadRecord *self,
                          const char  *name)
{
  const SteadField *field;

  g_return_val_if_fail (STEAD_IS_RECORD (self), NULL);

  if (g_str_equal (name, "title") && stead_record_get_field (self, "title") == NULL)
    return g_strdup (stead_record_get_title (self) ? stead_record_get_title (self) : "");
  field = stead_record_get_field (self, name);
  if (field == NULL)
    return g_strdup ("");
  return stead_field_format (field, stead_record_get_workspace (self),
                             stead_record_get_value (self, name));
}

static const char *
stead_record_haystack (SteadRecord *self)
{
  SteadRecordPrivate *priv = PRIV (self);

  if (priv->haystack == NULL)
    {
      const SteadRecordInfo *info = stead_record_get_info (self);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < info->n_fields; i++)
        {
          const SteadField *field = &info->fields[i];
          g_autofree char *shown = NULL;

          if (field->type == STEAD_FIELD_RECORD || field->type == STEAD_FIELD_BOOL ||
              (field->flags & STEAD_FIELD_INTERNAL) != 0 || !G_IS_VALUE (&priv->values[i]))
            continue;
          shown = stead_field_format (field, stead_record_get_workspace (self), &priv->values[i]);
          g_string_append (text, shown);
          g_string_append_c (text, '\n');
        }
      priv->haystack = g_utf8_casefold (text->str, text->len);
    }
  return priv->haystack;
}

/**
 * stead_record_matches:
 * @self: a record
 * @words: (nullable): what the user searches for
 *
 * Returns: whether every word of @words is in the record's text fields
 *   (in any case), or @words is empty
 */
gboolean
stead_record_matches (SteadRecord *self,
                      const char  *words)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) parts = NULL;
  const char *haystack;

  g_return_val_if_fail (STEAD_IS_RECORD (self), FALSE);

  if (words == NULL || *words == '\0')
    return TRUE;
  folded = g_utf8_casefold (words, -1);
  parts = g_strsplit_set (folded, " \t", -1);
  haystack = stead_record_haystack (self);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0' && strstr (haystack, parts[i]) == NULL)
      return FALSE;
  return TRUE;
}

static const char *
stead_record_collate_key (SteadRecord *self,
                          int          index)
{
  SteadRecordPrivate *priv = PRIV (self);
  const SteadRecordInfo *info = stead_record_get_info (self);

  if (priv->keys == NULL)
    priv->keys = g_new0 (char *, info->n_fields + 1);
  if (priv->keys[index] == NULL)
    {
      g_autofree char *shown = stead_field_format (
        &info->fields[index], stead_record_get_workspace (self), &priv->values[index]);

      priv->keys[index] = g_utf8_collate_key (shown, -1);
    }
  return priv->keys[index];
}

/**
 * stead_record_compare:
 * @a: a record
 * @b: a record of the same type
 * @name: the field to order by
 *
 * Orders by the field as shown (text by the locale's collation, numbers
 * by value); records without a value come last.
 *
 * Returns: <0, 0 or >0
 */
int
stead_record_compare (SteadRecord *a,
                      SteadRecord *b,
                      const char  *name)
{
  const SteadRecordInfo *info;
  const GValue *x, *y;
  int index;

  g_return_val_if_fail (STEAD_IS_RECORD (a) && STEAD_IS_RECORD (b), 0);

  info = stead_record_get_info (a);
  index = stead_record_field_index (info, name);
  if (index < 0)
    return 0;
  x = &PRIV (a)->values[index];
  y = &PRIV (b)->values[index];
  if (!G_IS_VALUE (x) || !G_IS_VALUE (y))
    return (!G_IS_VALUE (x)) - (!G_IS_VALUE (y));
  if (G_VALUE_HOLDS_INT64 (x) && info->fields[index].type != STEAD_FIELD_RECORD)
    return (g_value_get_int64 (x) > g_value_get_int64 (y)) -
           (g_value_get_int64 (x) < g_value_get_int64 (y));
  if (G_VALUE_HOLDS_DOUBLE (x))
    return (g_value_get_double (x) > g_value_get_double (y)) -
           (g_value_get_double (x) < g_value_get_double (y));
  if (G_VALUE_HOLDS_BOOLEAN (x))
    return g_value_get_boolean (x) - g_value_get_boolean (y);
  if (info->fields[index].type == STEAD_FIELD_DATE || info->fields[index].type == STEAD_FIELD_TEXT)
    {
      /* Text as typed: dates (YYYY-MM-DD) order as text. */
      if (info->fields[index].type == STEAD_FIELD_DATE)
        return g_strcmp0 (g_value_get_string (x), g_value_get_string (y));
    }
  return strcmp (stead_record_collate_key (a, index), stead_record_collate_key (b, index));
}

static gboolean
stead_record_is_empty (const GValue *value)
{
  return value == NULL || !G_IS_VALUE (value) ||
         (G_VALUE_HOLDS_STRING (value) &&
          (g_value_get_string (value) == NULL || *g_value_get_string (value) == '\0'));
}

static gboolean
stead_record_save_by_id (SteadWorkspace         *workspace,
                         const SteadRecordInfo  *info,
                         gint64                  id,
                         const char             *title,
                         const SteadField       *field,
                         const GValue           *value,
                         GError                **error)
{
  g_autofree char *summary = NULL;

  if (field == NULL || field->set_sql == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "“%s” cannot be edited",
                   field != NULL ? field->name : "?");
      return FALSE;
    }
  if (field->required && stead_record_is_empty (value))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s is needed"),
                   stead_field_get_label (field));
      return FALSE;
    }
  summary =
    g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, info->edit_summary != NULL ? info->edit_summary
                                                                             : N_("Edit “%s”")),
                     title != NULL ? title : "?");
  return stead_workspace_edit (
           workspace, info->owner != NULL ? info->owner : "core", summary, field->set_sql,
           STEAD_ARGS (stead_value_from_gvalue (value), STEAD_INT (id)), error) != 0;
}

/**
 * stead_record_save_value:
 * @self: a record
 * @name: an editable field (one with set_sql)
 * @value: (nullable): its new value, of the field's type; %NULL or unset
 *   clears it
 * @error: a #GError
 *
 * Saves one field as one undo step (its set_sql with the value as ?1 and
 * the record's id as ?2). The record itself changes when its model reads
 * the change back.
 *
 * Returns: %TRUE if saved
 */
gboolean
stead_record_save_value (SteadRecord   *self,
                         const char    *name,
                         const GValue  *value,
                         GError       **error)
{
  SteadWorkspace *workspace;

  g_return_val_if_fail (STEAD_IS_RECORD (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  workspace = stead_record_get_workspace (self);
  if (workspace == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("The workspace is closed"));
      return FALSE;
    }
  return stead_record_save_by_id (workspace, stead_record_get_info (self), PRIV (self)->id,
                                  stead_record_get_title (self),
                                  stead_record_get_field (self, name), value, error);
}

/**
 * stead_workspace_save_field:
 * @workspace: a #SteadWorkspace
 * @info: the kind of record
 * @id: the record
 * @name: an editable field of @info
 * @text: (nullable): the new value as people write it
 * @error: a #GError naming the field and the problem
 *
 * As stead_record_save(), for a record known by its id.
 *
 * Returns: %TRUE if saved
 */
gboolean
stead_workspace_save_field (SteadWorkspace         *workspace,
                            const SteadRecordInfo  *info,
                            gint64                  id,
                            const char             *name,
                            const char             *text,
                            GError                **error)
{
  g_auto(GValue) value = G_VALUE_INIT;
  const SteadField *field;
  g_autofree char *title = NULL;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  field = name != NULL ? stead_field_find (info->fields, info->n_fields, name) : NULL;
  if (field == NULL || field->set_sql == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "No field “%s” to edit",
                   name ? name : "");
      return FALSE;
    }
  if (!stead_field_parse (field, workspace, text, &value, error))
    return FALSE;
  if (info->title_sql != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (workspace, info->title_sql, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("It no longer exists"));
          return FALSE;
        }
      title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  return stead_record_save_by_id (workspace, info, id, title, field, &value, error);
}

/**
 * stead_record_save:
 * @self: a record
 * @name: an editable field
 * @text: (nullable): the new value as the user typed it
 * @error: a #GError naming the field and the problem
 *
 * Reads @text by the field's declaration (stead_field_parse()) and saves
 * it as one undo step. Saving the value it already has changes nothing.
 *
 * Returns: %TRUE if saved (or unchanged)
 */
gboolean
stead_record_save (SteadRecord  *self,
                   const char   *name,
                   const char   *text,
                   GError      **error)
{
  g_auto(GValue) value = G_VALUE_INIT;
  const SteadField *field;
  g_autofree char *now = NULL;
  g_autofree char *then = NULL;

  g_return_val_if_fail (STEAD_IS_RECORD (self), FALSE);

  field = stead_record_get_field (self, name);
  if (field == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "“%s” is not a field of %s", name,
                   G_OBJECT_TYPE_NAME (self));
      return FALSE;
    }
  if (!stead_field_parse (field, stead_record_get_workspace (self), text, &value, error))
    return FALSE;

  /* Unchanged: no undo step. */
  now = stead_field_format (field, NULL, stead_record_get_value (self, name));
  then = stead_field_format (field, NULL, &value);
  if (g_strcmp0 (now, then) == 0 && G_IS_VALUE (&value) == !stead_record_is_null (self, name))
    return TRUE;

  return stead_record_save_value (self, name, &value, error);
}
