/* stead-plugin-engine-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stead-plugin-engine.h"

G_BEGIN_DECLS

void stead_plugin_engine_report_error (SteadPluginEngine *self,
                                       const char        *module_name,
                                       const char        *message);

G_END_DECLS
