/* stead-record.h: one row of a plugin's table, as an object with properties
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <glib-object.h>

#include "stead-field.h"
#include "stead-types.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

/* What a kind of record is: its fields (each a property of the record,
 * '_' in names read as '-'), which field is its title, who owns it, and
 * how an edit is labelled in the undo history. */
typedef struct
{
  const char       *kind;          /* "organisation" */
  const char       *owner;         /* the plugin's module name */
  const char       *title_field;   /* the field that names it; NULL: a "title" column */
  const SteadField *fields;
  guint             n_fields;
  const char       *edit_summary;  /* N_("Edit partner “%s”"): %s is the title */
  const char       *title_sql;     /* SELECT <title> FROM … WHERE id = ?1: for edits by id */
  /* Called after the record's values are read, to compute fields that are
   * not columns (flags from dates, say) with stead_record_set_derived(). */
  void            (*derive)        (SteadRecord *record);
} SteadRecordInfo;

#define STEAD_TYPE_RECORD (stead_record_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_DERIVABLE_TYPE (SteadRecord, stead_record, STEAD, RECORD, GObject)

struct _SteadRecordClass
{
  GObjectClass           parent_class;

  const SteadRecordInfo *info;

  gpointer               padding[8];
};

/* STEAD_DEFINE_RECORD_TYPE (PartnersOrganisation, partners_organisation, &info)
 * defines partners_organisation_get_type(): a SteadRecord subclass with
 * a property per field of @info. The type is registered once by name, so
 * two modules of a plugin may both define it. */
/* The constant statement that saves one column: "UPDATE t SET c = ?1 WHERE id = ?2". */
#define STEAD_SET_SQL(table, column) "UPDATE " table " SET " column " = ?1 WHERE id = ?2"

#define STEAD_DEFINE_RECORD_TYPE(TypeName, type_name, INFO)                   \
  GType                                                                       \
  type_name##_get_type (void)                                                 \
  {                                                                           \
    static gsize type = 0;                                                    \
    if (g_once_init_enter (&type))                                            \
      g_once_init_leave (&type, stead_record_type_register (#TypeName, INFO)); \
    return type;                                                              \
  }

STEAD_AVAILABLE_IN_1_0
GType                  stead_record_type_register    (const char             *type_name,
                                                      const SteadRecordInfo  *info);
STEAD_AVAILABLE_IN_1_0
const SteadRecordInfo *stead_record_get_info         (SteadRecord            *self);
STEAD_AVAILABLE_IN_1_0
const SteadRecordInfo *stead_record_type_get_info    (GType                   type);

STEAD_AVAILABLE_IN_1_0
gint64                 stead_record_get_id           (SteadRecord            *self);
STEAD_AVAILABLE_IN_1_0
const char            *stead_record_get_title        (SteadRecord            *self);
STEAD_AVAILABLE_IN_1_0
SteadWorkspace        *stead_record_get_workspace    (SteadRecord            *self);
STEAD_AVAILABLE_IN_1_0
const SteadField      *stead_record_get_field        (SteadRecord            *self,
                                                      const char             *name);
STEAD_AVAILABLE_IN_1_0
const GValue          *stead_record_get_value        (SteadRecord            *self,
                                                      const char             *name);
STEAD_AVAILABLE_IN_1_0
const char            *stead_record_get_string       (SteadRecord            *self,
                                                      const char             *name);
STEAD_AVAILABLE_IN_1_0
gint64                 stead_record_get_int          (SteadRecord            *self,
                                                      const char             *name);
STEAD_AVAILABLE_IN_1_0
double                 stead_record_get_double       (SteadRecord            *self,
                                                      const char             *name);
STEAD_AVAILABLE_IN_1_0
gboolean               stead_record_get_boolean      (SteadRecord            *self,
                                                      const char             *name);
STEAD_AVAILABLE_IN_1_0
gboolean               stead_record_is_null          (SteadRecord            *self,
                                                      const char             *name);
STEAD_AVAILABLE_IN_1_0
char                  *stead_record_dup_display      (SteadRecord            *self,
                                                      const char             *name);
STEAD_AVAILABLE_IN_1_0
gboolean               stead_record_matches          (SteadRecord            *self,
                                                      const char             *words);
STEAD_AVAILABLE_IN_1_0
int                    stead_record_compare          (SteadRecord            *a,
                                                      SteadRecord            *b,
                                                      const char             *name);

/* Saving one field: parsed and checked by its declaration, then its
 * set_sql as one undo step. */
STEAD_AVAILABLE_IN_1_0
gboolean               stead_record_save             (SteadRecord            *self,
                                                      const char             *name,
                                                      const char             *text,
                                                      GError                **error);
STEAD_AVAILABLE_IN_1_0
gboolean               stead_record_save_value       (SteadRecord            *self,
                                                      const char             *name,
                                                      const GValue           *value,
                                                      GError                **error);

STEAD_AVAILABLE_IN_1_0
gboolean               stead_workspace_save_field    (SteadWorkspace         *workspace,
                                                      const SteadRecordInfo  *info,
                                                      gint64                  id,
                                                      const char             *name,
                                                      const char             *text,
                                                      GError                **error);

/* For the info's derive function. */
STEAD_AVAILABLE_IN_1_0
void                   stead_record_set_derived      (SteadRecord            *self,
                                                      const char             *name,
                                                      const GValue           *value);

/* For SteadQueryModel. */
STEAD_PRIVATE_API
SteadRecord           *stead_record_new_internal     (GType                   type,
                                                      SteadWorkspace         *workspace,
                                                      gint64                  id);
STEAD_PRIVATE_API
int                    stead_record_column_index     (GType                   type,
                                                      const char             *column);
STEAD_PRIVATE_API
gboolean               stead_record_update           (SteadRecord            *self,
                                                      GValue                 *values,
                                                      guint                   n_values,
                                                      gboolean                notify);
STEAD_PRIVATE_API
guint                  stead_record_type_get_n_values (GType                  type);

G_END_DECLS
