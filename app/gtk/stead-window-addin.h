/* stead-window-addin.h: what a plugin adds to the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_GTK_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead-gtk.h> can be included directly."
#endif

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _SteadWindow SteadWindow;

#define STEAD_TYPE_WINDOW_ADDIN (stead_window_addin_get_type ())

G_DECLARE_INTERFACE (SteadWindowAddin, stead_window_addin, STEAD, WINDOW_ADDIN, GObject)

struct _SteadWindowAddinInterface
{
  GTypeInterface parent_iface;

  /* Called when a workspace is open in @window: add pages, map layers,
   * actions (namespaced by module name). Everything added here is removed
   * again in unload. */
  void (*load)   (SteadWindowAddin *self,
                  SteadWindow      *window);
  void (*unload) (SteadWindowAddin *self,
                  SteadWindow      *window);
};

void stead_window_addin_load   (SteadWindowAddin *self,
                                SteadWindow      *window);
void stead_window_addin_unload (SteadWindowAddin *self,
                                SteadWindow      *window);

G_END_DECLS
