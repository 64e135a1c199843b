/* stead-vocabulary.c: terms of the shared vocabularies, as lists and lookups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-vocabulary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-record-provider.h"
#include "stead-vocabulary.h"
#include "stead-workspace-private.h"

struct _SteadTerm
{
  GObject  parent_instance;
  char    *code;
  char    *label;
  char    *description;
};

enum {
  TERM_PROP_0,
  TERM_PROP_CODE,
  TERM_PROP_LABEL,
  TERM_PROP_DESCRIPTION,
  TERM_N_PROPS
};

static GParamSpec *term_properties[TERM_N_PROPS];

G_DEFINE_FINAL_TYPE (SteadTerm, stead_term, G_TYPE_OBJECT)

static void
stead_term_finalize (GObject *object)
{
  SteadTerm *self = STEAD_TERM (object);

  g_free (self->code);
  g_free (self->label);
  g_free (self->description);
  G_OBJECT_CLASS (stead_term_parent_class)->finalize (object);
}

static void
stead_term_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SteadTerm *self = STEAD_TERM (object);

  switch (prop_id)
    {
    case TERM_PROP_CODE: g_value_set_string (value, self->code); break;
    case TERM_PROP_LABEL: g_value_set_string (value, self->label); break;
    case TERM_PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_term_class_init (SteadTermClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stead_term_finalize;
  object_class->get_property = stead_term_get_property;
  term_properties[TERM_PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  term_properties[TERM_PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  term_properties[TERM_PROP_DESCRIPTION] = g_param_spec_string (
    "description", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, TERM_N_PROPS, term_properties);
}

static void
stead_term_init (SteadTerm *self)
{
}

SteadTerm *
stead_term_new (const char *code,
                const char *label,
                const char *description)
{
  SteadTerm *self = g_object_new (STEAD_TYPE_TERM, NULL);

  self->code = g_strdup (code);
  self->label = g_strdup (label != NULL ? label : code);
  self->description = g_strdup (description);
  return self;
}

const char *
stead_term_get_code (SteadTerm *self)
{
  g_return_val_if_fail (STEAD_IS_TERM (self), NULL);
  return self->code;
}
const char *
stead_term_get_label (SteadTerm *self)
{
  g_return_val_if_fail (STEAD_IS_TERM (self), NULL);
  return self->label;
}
const char *
stead_term_get_description (SteadTerm *self)
{
  g_return_val_if_fail (STEAD_IS_TERM (self), NULL);
  return self->description;
}

/* ------------------------------------------------------------------------ */
/* Terms from a query, as a list that follows the workspace                 */

#define STEAD_TYPE_TERM_LIST (stead_term_list_get_type ())
G_DECLARE_FINAL_TYPE (SteadTermList, stead_term_list, STEAD, TERM_LIST, GObject)

struct _SteadTermList
{
  GObject      parent_instance;
  GListStore  *store;
  GWeakRef     workspace;
  char        *sql;
  char        *param;
  GStrv        tables;
};

static GType
stead_term_list_get_item_type (GListModel *model)
{
  return STEAD_TYPE_TERM;
}

static guint
stead_term_list_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (STEAD_TERM_LIST (model)->store));
}

static gpointer
stead_term_list_get_item (GListModel *model,
                          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (STEAD_TERM_LIST (model)->store), position);
}

static void
stead_term_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = stead_term_list_get_item_type;
  iface->get_n_items = stead_term_list_get_n_items;
  iface->get_item = stead_term_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (SteadTermList,
                               stead_term_list,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      stead_term_list_model_init))

static void
stead_term_list_finalize (GObject *object)
{
  SteadTermList *self = STEAD_TERM_LIST (object);

  g_clear_object (&self->store);
  g_weak_ref_clear (&self->workspace);
  g_free (self->sql);
  g_free (self->param);
  g_strfreev (self->tables);
  G_OBJECT_CLASS (stead_term_list_parent_class)->finalize (object);
}

static void
stead_term_list_class_init (SteadTermListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = stead_term_list_finalize;
}

static void
stead_term_list_init (SteadTermList *self)
{
  self->store = g_list_store_new (STEAD_TYPE_TERM);
  g_weak_ref_init (&self->workspace, NULL);
}

static void
stead_term_list_reload (SteadTermList  *self,
                        SteadWorkspace *workspace)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint before = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  stmt = stead_workspace_prepare (workspace, self->sql, NULL);
  if (stmt != NULL)
    {
      if (self->param != NULL)
        sqlite3_bind_text (stmt, 1, self->param, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (terms, stead_term_new ((const char *) sqlite3_column_text (stmt, 0),
                                                (const char *) sqlite3_column_text (stmt, 1),
                                                sqlite3_column_count (stmt) > 2
                                                  ? (const char *) sqlite3_column_text (stmt, 2)
                                                  : NULL));
    }
  g_list_store_splice (self->store, 0, before, terms->pdata, terms->len);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, before, terms->len);
}

static void
stead_term_list_on_changed (SteadTermList      *self,
                            const char * const *tables,
                            SteadWorkspace     *workspace)
{
  for (guint i = 0; self->tables[i] != NULL; i++)
    if (stead_tables_have (tables, self->tables[i]))
      {
        stead_term_list_reload (self, workspace);
        return;
      }
}

/**
 * stead_terms_new_for_query:
 * @workspace: a #SteadWorkspace
 * @sql: a constant SELECT of code, label and (optionally) description
 * @param: (nullable): text bound to ?1
 * @tables: (array zero-terminated=1): the tables it reads
 *
 * Returns: (transfer full): its rows as #SteadTerm, following changes
 */
GListModel *
stead_terms_new_for_query (SteadWorkspace     *workspace,
                           const char         *sql,
                           const char         *param,
                           const char * const *tables)
{
  SteadTermList *self;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  self = g_object_new (STEAD_TYPE_TERM_LIST, NULL);
  g_weak_ref_set (&self->workspace, workspace);
  self->sql = g_strdup (sql);
  self->param = g_strdup (param);
  self->tables = g_strdupv ((char **) tables);
  stead_term_list_reload (self, workspace);
  g_signal_connect_object (workspace, "changed", G_CALLBACK (stead_term_list_on_changed), self,
                           G_CONNECT_SWAPPED);
  return G_LIST_MODEL (self);
}

/**
 * stead_vocabulary_new:
 * @workspace: a #SteadWorkspace
 * @vocabulary: a vocabulary of the taxonomy ("partner-type")
 *
 * Returns: (transfer full): its terms (#SteadTerm) in their order,
 *   following changes to the taxonomy
 */
GListModel *
stead_vocabulary_new (SteadWorkspace *workspace,
                      const char     *vocabulary)
{
  static const char * const tables[] = { "taxonomy", NULL };

  g_return_val_if_fail (vocabulary != NULL, NULL);

  return stead_terms_new_for_query (workspace,
                                    "SELECT code, label, description FROM taxonomy WHERE "
                                    "vocabulary = ?1 "
                                    "ORDER BY sort, label",
                                    vocabulary, tables);
}

/**
 * stead_choices_model_new:
 * @choices: choices ending with { NULL }
 *
 * Returns: (transfer full): the choices as #SteadTerm, labels translated
 */
GListModel *
stead_choices_model_new (const SteadChoice *choices)
{
  GListStore *store = g_list_store_new (STEAD_TYPE_TERM);

  for (guint i = 0; choices != NULL && choices[i].code != NULL; i++)
    {
      g_autoptr(SteadTerm) term =
        stead_term_new (choices[i].code, g_dgettext (GETTEXT_PACKAGE, choices[i].label), NULL);

      g_list_store_append (store, term);
    }
  return G_LIST_MODEL (store);
}

/* Records of a kind as terms: code is the id, label the title. */
static GListModel *
stead_vocabulary_records (SteadWorkspace *workspace,
                          const char     *kind)
{
  GListStore *store = g_list_store_new (STEAD_TYPE_TERM);
  SteadRecordProvider *provider = stead_workspace_get_provider (workspace, kind);
  g_autoptr(GListModel) records =
    provider != NULL ? stead_record_provider_list (provider, kind) : NULL;

  for (guint i = 0; records != NULL && i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(SteadRecord) record = g_list_model_get_item (records, i);
      g_autofree char *code = g_strdup_printf ("%" G_GINT64_FORMAT, stead_record_get_id (record));
      g_autoptr(SteadTerm) term = stead_term_new (code, stead_record_get_title (record), NULL);

      g_list_store_append (store, term);
    }
  return G_LIST_MODEL (store);
}

/**
 * stead_field_choices_new:
 * @field: a term, choice or record field
 * @workspace: where its vocabulary or records are
 *
 * Returns: (transfer full) (nullable): what the field can be, as
 *   #SteadTerm (records: code is the id), or %NULL for other fields
 */
GListModel *
stead_field_choices_new (const SteadField *field,
                         SteadWorkspace   *workspace)
{
  g_return_val_if_fail (field != NULL, NULL);

  switch (field->type)
    {
    case STEAD_FIELD_TERM: return stead_vocabulary_new (workspace, field->vocabulary);
    case STEAD_FIELD_CHOICE: return stead_choices_model_new (field->choices);
    case STEAD_FIELD_RECORD: return stead_vocabulary_records (workspace, field->vocabulary);
    default: return NULL;
    }
}

/**
 * stead_terms_find:
 * @terms: a list of #SteadTerm
 * @code: (nullable): a code
 *
 * Returns: the position of @code in @terms, or %GTK_INVALID_LIST_POSITION
 */
guint
stead_terms_find (GListModel *terms,
                  const char *code)
{
  for (guint i = 0; code != NULL && i < g_list_model_get_n_items (terms); i++)
    {
      g_autoptr(SteadTerm) term = g_list_model_get_item (terms, i);

      if (g_strcmp0 (term->code, code) == 0)
        return i;
    }
  return G_MAXUINT;
}

/* ------------------------------------------------------------------------ */
/* Lookups, cached per workspace until the taxonomy changes                 */

typedef struct
{
  GHashTable *by_text;   /* lower-case code or label -> code */
  GHashTable *labels;    /* code -> label */
  GPtrArray  *order;     /* the labels, in the vocabulary's order */
} Terms;

static void
stead_vocabulary_terms_free (Terms *terms)
{
  g_hash_table_unref (terms->by_text);
  g_hash_table_unref (terms->labels);
  g_ptr_array_unref (terms->order);
  g_free (terms);
}

static Terms *
stead_vocabulary_load_terms (SteadWorkspace *workspace,
                             const char     *vocabulary)
{
  Terms *terms = g_new0 (Terms, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  terms->by_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  terms->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  terms->order = g_ptr_array_new_with_free_func (g_free);
  stmt = stead_workspace_prepare (workspace,
                                  "SELECT code, label FROM taxonomy WHERE vocabulary = ? "
                                  "ORDER BY label COLLATE NOCASE", NULL);
  if (stmt == NULL)
    return terms;
  sqlite3_bind_text (stmt, 1, vocabulary, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      const char *label = (const char *) sqlite3_column_text (stmt, 1);

      g_hash_table_replace (terms->by_text, g_utf8_casefold (label, -1), g_strdup (code));
      g_hash_table_replace (terms->by_text, g_utf8_casefold (code, -1), g_strdup (code));
      g_hash_table_replace (terms->labels, g_strdup (code), g_strdup (label));
      g_ptr_array_add (terms->order, g_strdup (label));
    }
  return terms;
}

static Terms *
stead_vocabulary_get_terms (SteadWorkspace *self,
                            const char     *vocabulary)
{
  Terms *terms;

  if (self->terms == NULL)
    self->terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) stead_vocabulary_terms_free);
  terms = g_hash_table_lookup (self->terms, vocabulary);
  if (terms == NULL)
    {
      terms = stead_vocabulary_load_terms (self, vocabulary);
      g_hash_table_insert (self->terms, g_strdup (vocabulary), terms);
    }
  return terms;
}

/**
 * stead_workspace_lookup_term:
 * @workspace: a #SteadWorkspace
 * @vocabulary: a vocabulary
 * @text: a code or a label, in any case
 *
 * Returns: (transfer full) (nullable): the term's code
 */
char *
stead_workspace_lookup_term (SteadWorkspace *workspace,
                             const char     *vocabulary,
                             const char     *text)
{
  g_autofree char *key = NULL;
  char *code;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (vocabulary != NULL, NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  key = g_utf8_casefold (text, -1);
  g_strstrip (key);
  g_mutex_lock (&workspace->terms_lock);
  code = g_strdup (
    g_hash_table_lookup (stead_vocabulary_get_terms (workspace, vocabulary)->by_text, key));
  g_mutex_unlock (&workspace->terms_lock);
  return code;
}

/**
 * stead_workspace_get_term_label:
 * @workspace: a #SteadWorkspace
 * @vocabulary: a vocabulary
 * @code: (nullable): a code
 *
 * Returns: (transfer full) (nullable): the term's label
 */
char *
stead_workspace_get_term_label (SteadWorkspace *workspace,
                                const char     *vocabulary,
                                const char     *code)
{
  char *label;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (vocabulary != NULL, NULL);

  if (code == NULL)
    return NULL;
  g_mutex_lock (&workspace->terms_lock);
  label = g_strdup (
    g_hash_table_lookup (stead_vocabulary_get_terms (workspace, vocabulary)->labels, code));
  g_mutex_unlock (&workspace->terms_lock);
  return label;
}

/**
 * stead_workspace_list_terms:
 * @workspace: a #SteadWorkspace
 * @vocabulary: a vocabulary
 *
 * What a message says the accepted words are: the labels of the
 * vocabulary's terms, in order ("Food, Shelter or Water"), the first
 * twenty and then "…".
 *
 * Returns: (transfer full): the labels, or "" for an empty vocabulary
 */
char *
stead_workspace_list_terms (SteadWorkspace *workspace,
                            const char     *vocabulary)
{
  g_autoptr(GString) list = g_string_new (NULL);
  GPtrArray *order;
  guint n;

  g_return_val_if_fail (STEAD_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (vocabulary != NULL, NULL);

  g_mutex_lock (&workspace->terms_lock);
  order = stead_vocabulary_get_terms (workspace, vocabulary)->order;
  n = MIN (order->len, 20);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (list, i + 1 == order->len ? _(" or ") : ", ");
      g_string_append (list, g_ptr_array_index (order, i));
    }
  if (n < order->len)
    g_string_append (list, ", …");
  g_mutex_unlock (&workspace->terms_lock);
  return g_string_free (g_steal_pointer (&list), FALSE);
}
