/* stead-place-search.h: finding a place on the map from what a user types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <gio/gio.h>

#include "stead-place.h"
#include "stead-types.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

STEAD_AVAILABLE_IN_1_0
GPtrArray      *stead_workspace_find_places        (SteadWorkspace       *workspace,
                                                    const char           *text,
                                                    guint                 limit,
                                                    GError              **error);
STEAD_AVAILABLE_IN_1_0
void            stead_workspace_find_places_async  (SteadWorkspace       *workspace,
                                                    const char           *text,
                                                    guint                 limit,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
STEAD_AVAILABLE_IN_1_0
GPtrArray      *stead_workspace_find_places_finish (SteadWorkspace       *workspace,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
