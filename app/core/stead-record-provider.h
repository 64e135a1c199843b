/* stead-record-provider.h: records one plugin owns and others refer to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sqlite3.h>

#include "stead-record.h"
#include "stead-types.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

/* A kind of record, described by constant statements: enough for the
 * default implementation of every method. */
typedef struct _SteadRecordKind
{
  const char         *kind;        /* "organisation" */
  const char         *label;       /* N_("Partner organisation") */
  const char         *list_sql;    /* SELECT id, <title> AS title FROM … ORDER BY … */
  const char         *title_sql;   /* SELECT <title> FROM … WHERE id = ?1 */
  const char         *find_sql;    /* SELECT id FROM … WHERE <title> = ?1 COLLATE NOCASE */
  const char *tables; /* what list_sql reads, ';'-separated ("partners_organisation") */
  /* Removing one: DELETEs of its own rows, children first, each with the
   * id as ?1, ending with NULL. */
  const char * const *delete_sql;
  /* Its entries in the workspace search, rebuilt when @tables change:
   * SELECT id, <title>, <body> FROM …; NULL: not searched (or indexed by
   * the plugin's own index hook). */
  const char         *index_sql;
  /* Where a record is, for the map's search: SELECT <a GeoPackage
   * geometry, WGS84> … with the id as ?1, a row for each place it has (a
   * site, its sites, its hazard areas); NULL: not on the map. */
  const char         *locate_sql;
  /* A new record by its title alone, for imports that name one not yet
   * there (a risk register's owners): INSERT … with the title as ?1;
   * NULL: records of this kind are never added that way. */
  const char         *create_sql;
  /* What other plugins may know of a record beyond its title, as named
   * columns: SELECT id, <value> AS <name>, … FROM … (an organisation's
   * tier, a risk's score and band); read with
   * stead_record_kind_prepare_facts(). NULL: none. */
  const char         *facts_sql;
} SteadRecordKind;

#define STEAD_TYPE_RECORD_PROVIDER (stead_record_provider_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_INTERFACE (SteadRecordProvider, stead_record_provider, STEAD, RECORD_PROVIDER, GObject)

/* Implemented by a plugin's SteadWorkspaceAddin for the kinds of record
 * it owns; other plugins find it with stead_workspace_get_provider() and
 * keep only ids. libpeas loads plugins with local linkage: this is how
 * one plugin reaches another's records. */
struct _SteadRecordProviderInterface
{
  GTypeInterface parent_iface;

  const SteadRecordKind *(*get_kinds) (SteadRecordProvider  *self,
                                       guint                *n_kinds);
  GListModel            *(*list)      (SteadRecordProvider  *self,
                                       const char           *kind);
  char                  *(*get_title) (SteadRecordProvider  *self,
                                       const char           *kind,
                                       gint64                id);
  gboolean               (*exists)    (SteadRecordProvider  *self,
                                       const char           *kind,
                                       gint64                id);
  gint64                 (*find)      (SteadRecordProvider  *self,
                                       const char           *kind,
                                       const char           *title);
  /* Deletes the record's rows in @txn (the others' references are
   * already cleared by then). The default runs the kind's delete_sql. */
  gboolean               (*remove)    (SteadRecordProvider  *self,
                                       SteadTransaction     *txn,
                                       const char           *kind,
                                       gint64                id,
                                       GError              **error);

  gpointer padding[8];
};

STEAD_AVAILABLE_IN_1_0
const SteadRecordKind *stead_record_provider_get_kind   (SteadRecordProvider  *self,
                                                         const char           *kind);
STEAD_AVAILABLE_IN_1_0
GListModel            *stead_record_provider_list       (SteadRecordProvider  *self,
                                                         const char           *kind);
STEAD_AVAILABLE_IN_1_0
char                  *stead_record_provider_get_title  (SteadRecordProvider  *self,
                                                         const char           *kind,
                                                         gint64                id);
STEAD_AVAILABLE_IN_1_0
gboolean               stead_record_provider_exists     (SteadRecordProvider  *self,
                                                         const char           *kind,
                                                         gint64                id);
STEAD_AVAILABLE_IN_1_0
gint64                 stead_record_provider_find       (SteadRecordProvider  *self,
                                                         const char           *kind,
                                                         const char           *title);

/* The kind's facts_sql prepared on @db (a reader of the workspace, from
 * any thread) or, if NULL, on the workspace's connection (main thread);
 * NULL with @error if the kind has none. */
STEAD_AVAILABLE_IN_1_0
sqlite3_stmt          *stead_record_kind_prepare_facts  (const SteadRecordKind *kind,
                                                         SteadWorkspace       *workspace,
                                                         sqlite3              *db,
                                                         GError              **error);
/* The index of the result column called @name, or -1. */
STEAD_AVAILABLE_IN_1_0
int                    stead_statement_column_index     (sqlite3_stmt         *stmt,
                                                         const char           *name);
/* The description of @kind from whichever plugin offers it, or NULL. */
STEAD_AVAILABLE_IN_1_0
const SteadRecordKind *stead_workspace_get_record_kind  (SteadWorkspace       *workspace,
                                                         const char           *kind);

STEAD_AVAILABLE_IN_1_0
SteadRecordProvider   *stead_workspace_get_provider     (SteadWorkspace       *workspace,
                                                         const char           *kind);
STEAD_AVAILABLE_IN_1_0
char                  *stead_workspace_get_record_title (SteadWorkspace       *workspace,
                                                         const char           *kind,
                                                         gint64                id);
/* How many of a plugin's rows name another plugin's record of @kind,
 * for its describe_references hook: @count_sql counts them (the id as
 * ?1); @one and @many are N_() sentences with a %" G_GINT64_FORMAT "
 * for the count. */
typedef struct
{
  const char *kind;
  const char *count_sql;
  const char *one;
  const char *many;
} SteadReferenceCount;

/* The sentence of the first of @counts of @kind whose count is not 0,
 * translated in @domain; NULL if none. */
STEAD_AVAILABLE_IN_1_0
char                  *stead_describe_reference_counts  (SteadWorkspace            *workspace,
                                                         const SteadReferenceCount *counts,
                                                         guint                      n_counts,
                                                         const char                *domain,
                                                         const char                *kind,
                                                         gint64                     id);
STEAD_AVAILABLE_IN_1_0
char                 **stead_workspace_describe_removal (SteadWorkspace       *workspace,
                                                         const char           *kind,
                                                         gint64                id);
STEAD_AVAILABLE_IN_1_0
gboolean               stead_workspace_remove_record    (SteadWorkspace       *workspace,
                                                         const char           *kind,
                                                         gint64                id,
                                                         GError              **error);

G_END_DECLS
