/* stead-search.h: the workspace's search index, and searching it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <gio/gio.h>

#include "stead-types.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

/* One record the index finds. */
typedef struct
{
  char   *owner;     /* the module that indexed it ("core" for areas) */
  char   *kind;      /* "organisation", "risk", "area"… */
  gint64  ref;       /* its id, for <owner>.show */
  char   *title;
  char   *snippet;   /* the matching part of its text, or NULL */
} SteadSearchHit;

STEAD_AVAILABLE_IN_1_0
void        stead_search_hit_free     (SteadSearchHit    *hit);
STEAD_AVAILABLE_IN_1_0
char       *stead_search_make_query   (const char        *text);
STEAD_AVAILABLE_IN_1_0
GPtrArray  *stead_workspace_search    (SteadWorkspace    *workspace,
                                       const char        *text,
                                       guint              limit,
                                       GError           **error);
STEAD_AVAILABLE_IN_1_0
void        stead_workspace_search_async  (SteadWorkspace      *workspace,
                                           const char          *text,
                                           guint                limit,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
STEAD_AVAILABLE_IN_1_0
GPtrArray  *stead_workspace_search_finish (SteadWorkspace      *workspace,
                                           GAsyncResult        *result,
                                           GError             **error);
STEAD_AVAILABLE_IN_1_0
gboolean    stead_workspace_search_is_empty (SteadWorkspace    *workspace);
STEAD_AVAILABLE_IN_1_0
const char *stead_workspace_get_kind_label (SteadWorkspace     *workspace,
                                            const char         *kind);

/* For index hooks: entries are replaced, never duplicated. */
STEAD_AVAILABLE_IN_1_0
gboolean    stead_search_put          (SteadTransaction  *txn,
                                       const char        *owner,
                                       const char        *kind,
                                       gint64             ref,
                                       const char        *title,
                                       const char        *body,
                                       GError           **error);
STEAD_AVAILABLE_IN_1_0
gboolean    stead_search_delete       (SteadTransaction  *txn,
                                       const char        *owner,
                                       const char        *kind,
                                       gint64             ref,
                                       GError           **error);
STEAD_AVAILABLE_IN_1_0
gboolean    stead_search_delete_all   (SteadTransaction  *txn,
                                       const char        *owner,
                                       const char        *kind,
                                       GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SteadSearchHit, stead_search_hit_free)

G_END_DECLS
