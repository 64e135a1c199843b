/* stead-plugin-engine.h: finding, checking and loading plugins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <gio/gio.h>
#include <libpeas/peas.h>

#include "stead-types.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

#define STEAD_TYPE_PLUGIN_ENGINE (stead_plugin_engine_get_type ())

/* The plugin ABI this build provides; plugins declare X-Stead-ABI=1. */
#define STEAD_PLUGIN_ABI "1"

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadPluginEngine, stead_plugin_engine, STEAD, PLUGIN_ENGINE, GObject)

STEAD_AVAILABLE_IN_1_0
SteadPluginEngine *stead_plugin_engine_new              (GSettings          *settings);
STEAD_AVAILABLE_IN_1_0
PeasEngine        *stead_plugin_engine_get_peas         (SteadPluginEngine  *self);
STEAD_AVAILABLE_IN_1_0
GList             *stead_plugin_engine_list_plugins     (SteadPluginEngine  *self);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_plugin_engine_is_enabled       (SteadPluginEngine  *self,
                                                         const char         *module_name);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_plugin_engine_set_enabled      (SteadPluginEngine  *self,
                                                         const char         *module_name,
                                                         gboolean            enabled,
                                                         GError            **error);
STEAD_AVAILABLE_IN_1_0
const char        *stead_plugin_engine_get_error        (SteadPluginEngine  *self,
                                                         const char         *module_name);
STEAD_AVAILABLE_IN_1_0
void               stead_plugin_engine_load_enabled     (SteadPluginEngine  *self);
STEAD_AVAILABLE_IN_1_0
void               stead_plugin_engine_set_with_ui      (SteadPluginEngine  *self,
                                                         gboolean            with_ui);
STEAD_AVAILABLE_IN_1_0
PeasExtensionSet  *stead_plugin_engine_create_extension_set (SteadPluginEngine *self,
                                                         GType               exten_type);

G_END_DECLS
