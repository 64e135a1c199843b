/* stead-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_GTK_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead-gtk.h> can be included directly."
#endif

#include <adwaita.h>
#include <stead.h>

#include "stead-window-addin.h"

G_BEGIN_DECLS

#define STEAD_TYPE_WINDOW (stead_window_get_type ())

G_DECLARE_FINAL_TYPE (SteadWindow, stead_window, STEAD, WINDOW, AdwApplicationWindow)

SteadWindow    *stead_window_new                (AdwApplication *application);
SteadWorkspace *stead_window_get_workspace      (SteadWindow    *self);
GtkWidget      *stead_window_import_file        (SteadWindow    *self,
                                                 GFile          *file);
gboolean        stead_window_open_workspace     (SteadWindow    *self,
                                                 const char     *path,
                                                 GError        **error);
void            stead_window_close_workspace    (SteadWindow    *self);
void            stead_window_prepare_open       (SteadWindow    *self,
                                                 const char     *path);
const char     *stead_window_get_view_name      (SteadWindow    *self);

/* Pages in the sidebar; @id is namespaced by the plugin's module name. */
void            stead_window_add_page           (SteadWindow    *self,
                                                 const char     *id,
                                                 const char     *title,
                                                 const char     *icon_name,
                                                 GtkWidget      *page);
void            stead_window_remove_page        (SteadWindow    *self,
                                                 const char     *id);
GtkWidget      *stead_window_get_page           (SteadWindow    *self,
                                                 const char     *id);
void            stead_window_show_page          (SteadWindow    *self,
                                                 const char     *id);
struct _SteadMapView *stead_window_get_map_view (SteadWindow    *self);

void            stead_window_show_toast         (SteadWindow    *self,
                                                 AdwToast       *toast);

G_END_DECLS
