/* stead-check.h: integrity and GeoPackage conformance of a workspace file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <glib.h>
#include "stead-version-macros.h"

G_BEGIN_DECLS

STEAD_AVAILABLE_IN_1_0
gboolean stead_check_file (const char  *path,
                           GPtrArray  **problems,
                           GError     **error);

G_END_DECLS
