/* groups-private.h: the target groups' data module, inside the plugin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead.h>

G_BEGIN_DECLS

extern const SteadWorkspaceAddinInfo groups_workspace_addin;

G_END_DECLS
