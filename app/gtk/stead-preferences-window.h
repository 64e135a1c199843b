/* stead-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <stead.h>

G_BEGIN_DECLS

#define STEAD_TYPE_PREFERENCES_WINDOW (stead_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (
  SteadPreferencesWindow, stead_preferences_window, STEAD, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *stead_preferences_window_new (GtkWindow         *parent,
                                         SteadPluginEngine *engine,
                                         GSettings         *settings);

G_END_DECLS
