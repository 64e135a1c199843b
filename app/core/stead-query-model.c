/* stead-query-model.c: the records one query finds, kept up to date
 *
 * A GListModel of SteadRecord over one constant SELECT (its first column
 * "id", the others named after the record type's fields). When the
 * workspace reports a change to one of the tables the model follows, the
 * query runs again: small results on the spot, large ones on a worker
 * thread with a read-only connection of their own (WAL lets it read while
 * the window writes). Rows whose id was there before keep their record,
 * updated in place with notifications, so what shows them (a list row, a
 * field row with the focus in it) is not rebuilt; a row read as it was
 * leaves its record alone (derived fields, search text and sort keys
 * too), so a change to one of 100,000 records costs a comparison of the
 * others, not their update. A row's record is made when it is first
 * asked for (a list shows a screenful of a million), from the values
 * the model keeps; the table of ids is made with the rows, off the main
 * thread, and what the model drops is freed there too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-query-model"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "stead-field.h"
#include "stead-query-model.h"
#include "stead-workspace-private.h"

#define DEFAULT_ASYNC_THRESHOLD 2000
#define LARGE_CHANGE            20000

typedef struct
{
  GArray     *ids;        /* gint64 */
  GArray     *values;     /* GValue, n_read per row: only the fields read */
  guint       n_fields;
  gboolean   *read;       /* per field: whether a column of the query is it */
  guint       n_read;
  guint      *fields;     /* n_read: the field of each value of a row */
  GHashTable *by_id;      /* gint64 -> row index + 1, or NULL: made by the model */
} RowSet;

struct _SteadQueryModel
{
  GObject          parent_instance;

  SteadWorkspace  *workspace;
  GType            record_type;
  char            *sql;
  GStrv            tables;
  GArray          *params;       /* GValue */
  RowSet          *rows;         /* the items' ids and values; NULL: none */
  GPtrArray       *items;        /* SteadRecord, or NULL until asked for */
  GHashTable      *by_id;        /* gint64 -> row index + 1 */
  guint            hidden_at;     /* items not yet reported, while they come */
  guint            n_hidden;
  GCancellable    *cancellable;
  guint            async_threshold;
  gboolean         loading;
  gboolean         notify_only;    /* changed records notify, without items-changed */
};

enum {
  PROP_0,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GType
stead_query_model_get_item_type (GListModel *model)
{
  return STEAD_QUERY_MODEL (model)->record_type;
}

static guint
stead_query_model_get_n_items (GListModel *model)
{
  SteadQueryModel *self = STEAD_QUERY_MODEL (model);

  return self->items->len - self->n_hidden;
}

/* A copy of row @i's values, for stead_record_update() to take. */
static GValue *
stead_query_model_copy_row (RowSet *rows,
                            guint   i)
{
  GValue *copy = g_new0 (GValue, MAX (rows->n_fields, 1));
  const GValue *values = &g_array_index (rows->values, GValue, i * rows->n_read);

  for (guint k = 0; k < rows->n_read; k++)
    if (G_IS_VALUE (&values[k]))
      {
        g_value_init (&copy[rows->fields[k]], G_VALUE_TYPE (&values[k]));
        g_value_copy (&values[k], &copy[rows->fields[k]]);
      }
  return copy;
}

/* The record of row @position, made now if nothing asked for it yet. */
static SteadRecord *
stead_query_model_peek (SteadQueryModel *self,
                        guint            position)
{
  SteadRecord *record = g_ptr_array_index (self->items, position);

  if (record == NULL)
    {
      g_autofree GValue *values = stead_query_model_copy_row (self->rows, position);

      record = stead_record_new_internal (self->record_type, self->workspace,
                                          g_array_index (self->rows->ids, gint64, position));
      stead_record_update (record, values, self->rows->n_fields, FALSE);
      g_ptr_array_index (self->items, position) = record;
    }
  return record;
}

static gpointer
stead_query_model_get_item (GListModel *model,
                            guint       position)
{
  SteadQueryModel *self = STEAD_QUERY_MODEL (model);

  if (self->n_hidden > 0 && position >= self->hidden_at)
    position += self->n_hidden;
  if (position >= self->items->len)
    return NULL;
  return g_object_ref (stead_query_model_peek (self, position));
}

static void
stead_query_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = stead_query_model_get_item_type;
  iface->get_n_items = stead_query_model_get_n_items;
  iface->get_item = stead_query_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (SteadQueryModel,
                               stead_query_model,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      stead_query_model_list_model_init))

static void
stead_query_model_row_set_free (RowSet *rows)
{
  if (rows == NULL)
    return;
  for (guint i = 0; i < rows->values->len; i++)
    {
      GValue *v = &g_array_index (rows->values, GValue, i);

      if (G_IS_VALUE (v))
        g_value_unset (v);
    }
  g_array_unref (rows->values);
  g_array_unref (rows->ids);
  g_clear_pointer (&rows->by_id, g_hash_table_unref);
  g_free (rows->read);
  g_free (rows->fields);
  g_free (rows);
}

static void
stead_query_model_clear_params (GArray *params)
{
  for (guint i = 0; i < params->len; i++)
    g_value_unset (&g_array_index (params, GValue, i));
  g_array_set_size (params, 0);
}

/* Reads every row of @stmt into a row set; runs on any thread. */
static RowSet *
stead_query_model_read (sqlite3_stmt  *stmt,
                        GType          record_type,
                        GArray        *params,
                        GCancellable  *cancellable,
                        GError       **error)
{
  const SteadRecordInfo *info = stead_record_type_get_info (record_type);
  g_autofree int *columns = NULL;
  g_autofree GType *types = NULL;
  g_autofree guint *slot = NULL;
  RowSet *rows;
  int n_columns;
  int id_column = 0;
  int rc;

  sqlite3_clear_bindings (stmt);
  for (guint i = 0; i < params->len; i++)
    {
      SteadValue value = stead_value_from_gvalue (&g_array_index (params, GValue, i));

      switch (value.type)
        {
          case STEAD_VALUE_TEXT:
            sqlite3_bind_text (stmt, i + 1, value.v.text, -1, SQLITE_TRANSIENT);
            break;
          case STEAD_VALUE_INT:
            sqlite3_bind_int64 (stmt, i + 1, value.v.i);
            break;
          case STEAD_VALUE_DOUBLE:
            sqlite3_bind_double (stmt, i + 1, value.v.d);
            break;
          default:
            sqlite3_bind_null (stmt, i + 1);
            break;
        }
    }

  n_columns = sqlite3_column_count (stmt);
  columns = g_new0 (int, n_columns);
  types = g_new0 (GType, n_columns);
  for (int c = 0; c < n_columns; c++)
    {
      columns[c] = stead_record_column_index (record_type, sqlite3_column_name (stmt, c));
      if (columns[c] == -1)
        id_column = c;
      else if (columns[c] >= 0)
        types[c] = stead_field_value_type (&info->fields[columns[c]]);
    }

  rows = g_new0 (RowSet, 1);
  rows->n_fields = info->n_fields;
  rows->read = g_new0 (gboolean, MAX (info->n_fields, 1));
  for (int c = 0; c < n_columns; c++)
    if (columns[c] >= 0)
      rows->read[columns[c]] = TRUE;
  /* Only the fields read are kept, a row's values in the fields' order. */
  rows->fields = g_new0 (guint, MAX (info->n_fields, 1));
  slot = g_new0 (guint, MAX (info->n_fields, 1));
  for (guint f = 0; f < info->n_fields; f++)
    if (rows->read[f])
      {
        slot[f] = rows->n_read;
        rows->fields[rows->n_read++] = f;
      }
  rows->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  rows->values = g_array_new (FALSE, TRUE, sizeof (GValue));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, id_column);
      guint base = rows->values->len;

      g_array_append_val (rows->ids, id);
      g_array_set_size (rows->values, base + rows->n_read);
      for (int c = 0; c < n_columns; c++)
        {
          GValue *v;

          if (columns[c] < 0 || sqlite3_column_type (stmt, c) == SQLITE_NULL)
            continue;
          v = &g_array_index (rows->values, GValue, base + slot[columns[c]]);
          if (G_IS_VALUE (v))
            g_value_unset (v);    /* a field read twice: the last column */
          g_value_init (v, types[c]);
          switch (types[c])
            {
            case G_TYPE_INT64: g_value_set_int64 (v, sqlite3_column_int64 (stmt, c)); break;
            case G_TYPE_DOUBLE: g_value_set_double (v, sqlite3_column_double (stmt, c)); break;
            case G_TYPE_BOOLEAN: g_value_set_boolean (v, sqlite3_column_int (stmt, c) != 0); break;
            default: g_value_set_string (v, (const char *) sqlite3_column_text (stmt, c)); break;
            }
        }
      if ((rows->ids->len & 0x3fff) == 0 && g_cancellable_is_cancelled (cancellable))
        break;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not read the list: %s"),
                   sqlite3_errstr (rc));
      stead_query_model_row_set_free (rows);
      return NULL;
    }
  return rows;
}

static void
stead_query_model_set_loading (SteadQueryModel *self,
                               gboolean         loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
stead_query_model_emit_range (SteadQueryModel *self,
                              guint            position,
                              guint            removed,
                              guint            added)
{
  if (removed == 0 && added == 0)
    return;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static gboolean
stead_query_model_values_equal (const GValue *a,
                                const GValue *b)
{
  if (a == NULL || !G_IS_VALUE (a) || !G_IS_VALUE (b))
    return (a == NULL || !G_IS_VALUE (a)) && !G_IS_VALUE (b);
  if (G_VALUE_TYPE (a) != G_VALUE_TYPE (b))
    return FALSE;
  switch (G_VALUE_TYPE (a))
    {
    case G_TYPE_STRING: return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
    case G_TYPE_INT64: return g_value_get_int64 (a) == g_value_get_int64 (b);
    case G_TYPE_DOUBLE: return g_value_get_double (a) == g_value_get_double (b);
    case G_TYPE_BOOLEAN: return g_value_get_boolean (a) == g_value_get_boolean (b);
    default: return FALSE;
    }
}

/* Whether the row read is what @record holds already: then it is left
 * alone (no derive, no notify, and its search text and sort keys stay). */
static gboolean
stead_query_model_row_is_unchanged (SteadRecord  *record,
                                    RowSet       *rows,
                                    const GValue *values)
{
  const SteadRecordInfo *info = stead_record_get_info (record);

  for (guint k = 0; k < rows->n_read; k++)
    {
      const GValue *have = stead_record_get_value (record, info->fields[rows->fields[k]].name);

      if (!stead_query_model_values_equal (have, &values[k]))
        return FALSE;
    }
  return TRUE;
}

/* Takes row @i's values into @record; TRUE if something changed. */
static gboolean
stead_query_model_update_record (SteadRecord *record,
                                 RowSet      *rows,
                                 guint        i)
{
  GValue *values = &g_array_index (rows->values, GValue, i * rows->n_read);
  g_autofree GValue *copy = NULL;

  if (stead_query_model_row_is_unchanged (record, rows, values))
    return FALSE;
  copy = stead_query_model_copy_row (rows, i);
  return stead_record_update (record, copy, rows->n_fields, TRUE);
}

/* Whether row @i of @a and row @j of @b read the same. */
static gboolean
stead_query_model_rows_equal (RowSet *a,
                              guint   i,
                              RowSet *b,
                              guint   j)
{
  const GValue *va = &g_array_index (a->values, GValue, i * a->n_read);
  const GValue *vb = &g_array_index (b->values, GValue, j * b->n_read);

  /* One query: the same fields, in the same order. */
  if (a->n_read != b->n_read)
    return FALSE;
  for (guint k = 0; k < b->n_read; k++)
    if (!stead_query_model_values_equal (&va[k], &vb[k]))
      return FALSE;
  return TRUE;
}

static void
stead_query_model_unref_nullable (gpointer record)
{
  if (record != NULL)
    g_object_unref (record);
}

/* The table of @rows' ids: row index + 1 by id. */
static GHashTable *
stead_query_model_index_rows (RowSet *rows)
{
  GHashTable *by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < rows->ids->len; i++)
    {
      gint64 *key = g_new (gint64, 1);

      *key = g_array_index (rows->ids, gint64, i);
      g_hash_table_insert (by_id, key, GUINT_TO_POINTER (i + 1));
    }
  return by_id;
}

typedef struct
{
  RowSet     *rows;
  GPtrArray  *items;
  GHashTable *by_id;
} Dropped;

static void
stead_query_model_dropped_free (Dropped *dropped)
{
  stead_query_model_row_set_free (dropped->rows);
  g_clear_pointer (&dropped->items, g_ptr_array_unref);
  g_clear_pointer (&dropped->by_id, g_hash_table_unref);
  g_free (dropped);
}

static void
stead_query_model_free_thread (GTask        *task,
                               gpointer      source_object,
                               gpointer      task_data,
                               GCancellable *cancellable)
{
  g_task_return_boolean (task, TRUE);
}

/* What the model no longer holds: freed on a worker thread when there
 * is much of it (a million rows' values). Records anything else holds
 * stay with their holders. */
static void
stead_query_model_drop (RowSet     *rows,
                        GPtrArray  *items,
                        GHashTable *by_id)
{
  Dropped *dropped = g_new0 (Dropped, 1);
  g_autoptr(GTask) task = NULL;

  dropped->rows = rows;
  dropped->items = items;
  dropped->by_id = by_id;
  if (rows == NULL || rows->ids->len < 20000)
    {
      stead_query_model_dropped_free (dropped);
      return;
    }
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, stead_query_model_drop);
  g_task_set_task_data (task, dropped, (GDestroyNotify) stead_query_model_dropped_free);
  g_task_run_in_thread (task, stead_query_model_free_thread);
}

/* Runs of changed positions, reported as changed in place (so a sorted
 * or filtered view looks at them again). */
static void
stead_query_model_emit_changed (SteadQueryModel *self,
                                GArray          *changed)
{
  for (guint i = 0; i < changed->len;)
    {
      guint start = g_array_index (changed, guint, i), run = 1;

      while (i + run < changed->len && g_array_index (changed, guint, i + run) == start + run)
        run++;
      stead_query_model_emit_range (self, start, run, run);
      i += run;
    }
}

/* Makes the items the rows (the model takes @rows): same id, same record
 * (updated in place), or still no record if none was asked for. */
static void
stead_query_model_apply (SteadQueryModel *self,
                         RowSet          *rows)
{
  RowSet *old = self->rows;
  guint n_old = self->items->len, n_new = rows->ids->len;
  guint prefix = 0, suffix = 0;
  GPtrArray *items;
  GHashTable *old_by_id;
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (guint));
  guint old_n_items = n_old;

#define OLD_ID(i) g_array_index (old->ids, gint64, (i))
#define NEW_ID(i) g_array_index (rows->ids, gint64, (i))
  while (prefix < n_old && prefix < n_new && OLD_ID (prefix) == NEW_ID (prefix))
    prefix++;

  /* The same ids in the same order (a change to some of the records, or
   * to none of them): the items stay, the records are updated. */
  if (prefix == n_old && prefix == n_new)
    {
      for (guint i = 0; i < n_new; i++)
        {
          SteadRecord *record = g_ptr_array_index (self->items, i);
          gboolean differs = record != NULL ? stead_query_model_update_record (record, rows, i)
                                            : !stead_query_model_rows_equal (old, i, rows, i);

          if (differs && !self->notify_only)
            g_array_append_val (changed, i);
        }
      self->rows = rows;
      g_clear_pointer (&rows->by_id, g_hash_table_unref);   /* by_id holds already */
      stead_query_model_drop (old, NULL, NULL);
      stead_query_model_emit_changed (self, changed);
      return;
    }

  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         OLD_ID (n_old - 1 - suffix) == NEW_ID (n_new - 1 - suffix))
    suffix++;

  items = g_ptr_array_new_full (n_new, stead_query_model_unref_nullable);
  g_ptr_array_set_size (items, n_new);
  for (guint i = 0; i < n_new; i++)
    {
      gint64 id = NEW_ID (i);
      guint at = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_id, &id));
      gboolean in_place = i < prefix || i >= n_new - suffix;
      SteadRecord *record;

      if (at == 0)
        continue;
      record = g_ptr_array_index (self->items, at - 1);
      if (record != NULL)
        {
          /* It goes with its id: taken from the old items. */
          g_ptr_array_index (self->items, at - 1) = NULL;
          g_ptr_array_index (items, i) = record;
          if (stead_query_model_update_record (record, rows, i) && in_place && !self->notify_only)
            g_array_append_val (changed, i);
        }
      else if (in_place && !self->notify_only &&
               !stead_query_model_rows_equal (old, at - 1, rows, i))
        g_array_append_val (changed, i);
    }
#undef OLD_ID
#undef NEW_ID

  old_by_id = self->by_id;
  self->by_id = rows->by_id != NULL ? g_steal_pointer (&rows->by_id)
                                    : stead_query_model_index_rows (rows);
  stead_query_model_drop (old, self->items, old_by_id);
  self->items = items;
  self->rows = rows;

  /* What moved, came or went; then what changed in place. A list that
   * loses rows looks among the rows it gains for the items it showed
   * (GTK asks for each one): past a point, all go, then all come, so
   * that the rows' records are made only as they are shown. */
  if (n_old - prefix - suffix > 0 && n_new - prefix - suffix > LARGE_CHANGE)
    {
      /* Between the two, the model is what it was less what went. */
      self->hidden_at = prefix;
      self->n_hidden = n_new - prefix - suffix;
      stead_query_model_emit_range (self, prefix, n_old - prefix - suffix, 0);
      self->n_hidden = 0;
      stead_query_model_emit_range (self, prefix, 0, n_new - prefix - suffix);
    }
  else
    stead_query_model_emit_range (self, prefix, n_old - prefix - suffix, n_new - prefix - suffix);
  stead_query_model_emit_changed (self, changed);
  if (old_n_items != self->items->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
stead_query_model_load_thread (GTask        *task,
                               gpointer      source_object,
                               gpointer      task_data,
                               GCancellable *cancellable)
{
  SteadQueryModel *self = source_object;
  GArray *params = task_data;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  RowSet *rows;
  int rc;

  db = stead_workspace_open_reader (self->workspace, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  rc = sqlite3_prepare_v2 (db, self->sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Could not read the list: %s"), sqlite3_errmsg (db));
      sqlite3_close (db);
      return;
    }
  rows = stead_query_model_read (stmt, self->record_type, params, cancellable, &error);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  if (rows != NULL && !g_cancellable_is_cancelled (cancellable))
    rows->by_id = stead_query_model_index_rows (rows);
  if (rows == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, rows, (GDestroyNotify) stead_query_model_row_set_free);
  else
    stead_query_model_row_set_free (rows);
}

static void
stead_query_model_on_loaded (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  SteadQueryModel *self = STEAD_QUERY_MODEL (object);
  g_autoptr(GError) error = NULL;
  RowSet *rows;

  rows = g_task_propagate_pointer (G_TASK (result), &error);
  if (rows == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("%s", error->message);
          stead_query_model_set_loading (self, FALSE);
        }
      return;
    }
  stead_query_model_apply (self, rows);
  stead_query_model_set_loading (self, FALSE);
  g_signal_emit (self, signals[LOADED], 0);
}

static GArray *
stead_query_model_copy_params (GArray *params)
{
  GArray *copy = g_array_sized_new (FALSE, TRUE, sizeof (GValue), params->len);

  g_array_set_clear_func (copy, (GDestroyNotify) g_value_unset);
  g_array_set_size (copy, params->len);
  for (guint i = 0; i < params->len; i++)
    {
      g_value_init (&g_array_index (copy, GValue, i),
                    G_VALUE_TYPE (&g_array_index (params, GValue, i)));
      g_value_copy (&g_array_index (params, GValue, i), &g_array_index (copy, GValue, i));
    }
  return copy;
}

/**
 * stead_query_model_reload:
 * @self: a #SteadQueryModel
 *
 * Runs the query again now (it also does when the tables it follows
 * change).
 */
void
stead_query_model_reload (SteadQueryModel *self)
{
  g_return_if_fail (STEAD_IS_QUERY_MODEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (stead_workspace_is_closed (self->workspace))
    {
      RowSet *empty = g_new0 (RowSet, 1);

      empty->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      empty->values = g_array_new (FALSE, TRUE, sizeof (GValue));
      empty->n_fields = stead_record_type_get_n_values (self->record_type);
      empty->read = g_new0 (gboolean, MAX (empty->n_fields, 1));
      stead_query_model_apply (self, empty);
      stead_query_model_set_loading (self, FALSE);
      return;
    }

  if (self->items->len < self->async_threshold)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (self->workspace, self->sql, &error);
      RowSet *rows =
        stmt != NULL ? stead_query_model_read (stmt, self->record_type, self->params, NULL, &error)
                     : NULL;

      if (rows == NULL)
        {
          g_warning ("%s", error->message);
          return;
        }
      stead_query_model_apply (self, rows);
      stead_query_model_set_loading (self, FALSE);
      g_signal_emit (self, signals[LOADED], 0);
      return;
    }

  {
    g_autoptr(GTask) task = NULL;

    self->cancellable = g_cancellable_new ();
    task = g_task_new (self, self->cancellable, stead_query_model_on_loaded, NULL);
    g_task_set_source_tag (task, stead_query_model_reload);
    g_task_set_task_data (task, stead_query_model_copy_params (self->params),
                          (GDestroyNotify) g_array_unref);
    stead_query_model_set_loading (self, TRUE);
    g_task_run_in_thread (task, stead_query_model_load_thread);
  }
}

static gboolean
stead_query_model_follows (SteadQueryModel    *self,
                           const char * const *tables)
{
  for (guint i = 0; self->tables != NULL && self->tables[i] != NULL; i++)
    if (stead_tables_have (tables, self->tables[i]))
      return TRUE;
  return FALSE;
}

static void
stead_query_model_on_changed (SteadQueryModel    *self,
                              const char * const *tables,
                              SteadWorkspace     *workspace)
{
  if (stead_query_model_follows (self, tables))
    stead_query_model_reload (self);
}

static void
stead_query_model_dispose (GObject *object)
{
  SteadQueryModel *self = STEAD_QUERY_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->workspace);
  G_OBJECT_CLASS (stead_query_model_parent_class)->dispose (object);
}

static void
stead_query_model_finalize (GObject *object)
{
  SteadQueryModel *self = STEAD_QUERY_MODEL (object);

  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->items);
  stead_query_model_row_set_free (self->rows);
  stead_query_model_clear_params (self->params);
  g_array_unref (self->params);
  g_strfreev (self->tables);
  g_free (self->sql);
  G_OBJECT_CLASS (stead_query_model_parent_class)->finalize (object);
}

static void
stead_query_model_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SteadQueryModel *self = STEAD_QUERY_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING: g_value_set_boolean (value, self->loading); break;
    case PROP_N_ITEMS: g_value_set_uint (value, self->items->len); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_query_model_class_init (SteadQueryModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = stead_query_model_dispose;
  object_class->finalize = stead_query_model_finalize;
  object_class->get_property = stead_query_model_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SteadQueryModel::loaded:
   *
   * Emitted after the query's rows are the model's items.
   */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 0);
}

static void
stead_query_model_init (SteadQueryModel *self)
{
  self->items = g_ptr_array_new_with_free_func (stead_query_model_unref_nullable);
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->params = g_array_new (FALSE, TRUE, sizeof (GValue));
  self->async_threshold = DEFAULT_ASYNC_THRESHOLD;
}

/**
 * stead_query_model_new:
 * @workspace: a #SteadWorkspace
 * @record_type: a SteadRecord type (STEAD_TYPE_RECORD for id and title)
 * @sql: one constant SELECT; its first column or the one named "id" is
 *   the record's id, the others are named after its fields
 * @tables: (array zero-terminated=1): the tables it reads; names ending
 *   in "_" are prefixes ("partners_")
 *
 * Returns: (transfer full): the model, loaded
 */
SteadQueryModel *
stead_query_model_new (SteadWorkspace     *workspace,
                       GType               record_type,
                       const char         *sql,
                       const char * const *tables)
{
  SteadQueryModel *self;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (g_type_is_a (record_type, STEAD_TYPE_RECORD), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  self = g_object_new (STEAD_TYPE_QUERY_MODEL, NULL);
  self->workspace = g_object_ref (workspace);
  self->record_type = record_type;
  self->sql = g_strdup (sql);
  self->tables = g_strdupv ((char **) tables);
  g_signal_connect_object (workspace, "changed", G_CALLBACK (stead_query_model_on_changed), self,
                           G_CONNECT_SWAPPED);
  stead_query_model_reload (self);
  return self;
}

/**
 * stead_query_model_set_params:
 * @self: a #SteadQueryModel
 * @values: (array length=n_values): the query's parameters, from ?1 on
 * @n_values: how many
 *
 * Sets the query's parameters (copied) and runs it again.
 */
void
stead_query_model_set_params (SteadQueryModel  *self,
                              const SteadValue *values,
                              guint             n_values)
{
  g_return_if_fail (STEAD_IS_QUERY_MODEL (self));

  stead_query_model_clear_params (self->params);
  g_array_set_size (self->params, n_values);
  for (guint i = 0; i < n_values; i++)
    {
      GValue *v = &g_array_index (self->params, GValue, i);

      switch (values[i].type)
        {
        case STEAD_VALUE_TEXT:
          g_value_init (v, G_TYPE_STRING);
          g_value_set_string (v, values[i].v.text);
          break;
        case STEAD_VALUE_INT:
          g_value_init (v, G_TYPE_INT64);
          g_value_set_int64 (v, values[i].v.i);
          break;
        case STEAD_VALUE_DOUBLE:
          g_value_init (v, G_TYPE_DOUBLE);
          g_value_set_double (v, values[i].v.d);
          break;
        default:
          g_value_init (v, G_TYPE_POINTER);   /* bound as NULL */
          break;
        }
    }
  stead_query_model_reload (self);
}

gboolean
stead_query_model_get_loading (SteadQueryModel *self)
{
  g_return_val_if_fail (STEAD_IS_QUERY_MODEL (self), FALSE);

  return self->loading;
}

SteadWorkspace *
stead_query_model_get_workspace (SteadQueryModel *self)
{
  g_return_val_if_fail (STEAD_IS_QUERY_MODEL (self), NULL);

  return self->workspace;
}

/**
 * stead_query_model_lookup:
 * @self: a #SteadQueryModel
 * @id: a record's id
 *
 * Returns: (transfer none) (nullable): the record with @id
 */
SteadRecord *
stead_query_model_lookup (SteadQueryModel *self,
                          gint64           id)
{
  guint at;

  g_return_val_if_fail (STEAD_IS_QUERY_MODEL (self), NULL);

  at = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_id, &id));
  return at > 0 ? stead_query_model_peek (self, at - 1) : NULL;
}

/**
 * stead_query_model_get_position:
 * @self: a #SteadQueryModel
 * @id: a record's id
 *
 * Returns: the position of the record with @id, or -1
 */
int
stead_query_model_get_position (SteadQueryModel *self,
                                gint64           id)
{
  guint at;

  g_return_val_if_fail (STEAD_IS_QUERY_MODEL (self), -1);

  at = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_id, &id));
  return (int) at - 1;
}

/**
 * stead_query_model_set_notify_only:
 * @self: a #SteadQueryModel
 * @notify_only: %TRUE if records changed in place only notify their
 *   properties
 *
 * By default a record that changed is also reported as an item changed,
 * so that sorted and filtered views look at it again; a list whose rows
 * follow their records' properties (a detail pane's) keeps its rows, and
 * the focus in them, with this set.
 */
void
stead_query_model_set_notify_only (SteadQueryModel *self,
                                   gboolean         notify_only)
{
  g_return_if_fail (STEAD_IS_QUERY_MODEL (self));

  self->notify_only = notify_only;
}

/**
 * stead_query_model_set_async_threshold:
 * @self: a #SteadQueryModel
 * @n_rows: from how many rows on the query runs on a worker thread
 */
void
stead_query_model_set_async_threshold (SteadQueryModel *self,
                                       guint            n_rows)
{
  g_return_if_fail (STEAD_IS_QUERY_MODEL (self));

  self->async_threshold = n_rows;
}
