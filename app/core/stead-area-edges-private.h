/* stead-area-edges-private.h: the edges of the areas, for point-in-area in plain SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "stead-types.h"

G_BEGIN_DECLS

gboolean stead_area_edges_update (SteadTransaction  *txn,
                                  const gint64      *fids,
                                  guint              n_fids,
                                  GError           **error);

G_END_DECLS
