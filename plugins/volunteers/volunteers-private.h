/* volunteers-private.h: the volunteers' data module, inside the plugin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead.h>

G_BEGIN_DECLS

extern const SteadWorkspaceAddinInfo volunteers_workspace_addin;

/* volunteers-demo.c: the demo area's volunteers, requests and offers. */
gboolean volunteers_demo_populate (SteadTransaction  *txn,
                                   guint              scale,
                                   GRand             *rng,
                                   GError           **error);

G_END_DECLS
