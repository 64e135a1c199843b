/* stead-application.h: the application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_GTK_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead-gtk.h> can be included directly."
#endif

#include <adwaita.h>
#include <stead.h>

G_BEGIN_DECLS

#define STEAD_TYPE_APPLICATION (stead_application_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadApplication, stead_application, STEAD, APPLICATION, AdwApplication)

STEAD_AVAILABLE_IN_1_0
SteadApplication  *stead_application_new               (void);
STEAD_AVAILABLE_IN_1_0
SteadPluginEngine *stead_application_get_plugin_engine (SteadApplication *self);
STEAD_AVAILABLE_IN_1_0
GSettings         *stead_application_get_settings      (SteadApplication *self);
STEAD_AVAILABLE_IN_1_0
void               stead_application_add_recent        (SteadApplication *self,
                                                        const char       *path);

G_END_DECLS
