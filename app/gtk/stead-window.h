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

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadWindow, stead_window, STEAD, WINDOW, AdwApplicationWindow)

STEAD_AVAILABLE_IN_1_0
SteadWindow    *stead_window_new                (AdwApplication *application);
STEAD_AVAILABLE_IN_1_0
SteadWorkspace *stead_window_get_workspace      (SteadWindow    *self);
STEAD_AVAILABLE_IN_1_0
GtkWidget      *stead_window_import_file        (SteadWindow    *self,
                                                 GFile          *file);
STEAD_AVAILABLE_IN_1_0
gboolean        stead_window_open_workspace     (SteadWindow    *self,
                                                 const char     *path,
                                                 GError        **error);
STEAD_AVAILABLE_IN_1_0
void            stead_window_close_workspace    (SteadWindow    *self);
STEAD_AVAILABLE_IN_1_0
void            stead_window_prepare_open       (SteadWindow    *self,
                                                 const char     *path);
STEAD_AVAILABLE_IN_1_0
const char     *stead_window_get_view_name      (SteadWindow    *self);

/* Pages in the sidebar; @id is namespaced by the plugin's module name. */
STEAD_AVAILABLE_IN_1_0
void            stead_window_add_page           (SteadWindow    *self,
                                                 const char     *id,
                                                 const char     *title,
                                                 const char     *icon_name,
                                                 GtkWidget      *page);
/* Makes a page added with stead_window_add_page_func(), when first wanted. */
typedef GtkWidget *(*SteadWindowPageFunc) (gpointer user_data);

STEAD_AVAILABLE_IN_1_0
void            stead_window_add_page_func      (SteadWindow         *self,
                                                 const char          *id,
                                                 const char          *title,
                                                 const char          *icon_name,
                                                 SteadWindowPageFunc  build,
                                                 gpointer             user_data,
                                                 GDestroyNotify       notify);
STEAD_AVAILABLE_IN_1_0
void            stead_window_remove_page        (SteadWindow    *self,
                                                 const char     *id);
/* The id of the page shown. */
STEAD_AVAILABLE_IN_1_0
const char     *stead_window_get_page_id        (SteadWindow    *self);
STEAD_AVAILABLE_IN_1_0
GtkWidget      *stead_window_get_page           (SteadWindow    *self,
                                                 const char     *id);
STEAD_AVAILABLE_IN_1_0
void            stead_window_show_page          (SteadWindow    *self,
                                                 const char     *id);
STEAD_PRIVATE_API
gboolean        stead_window_write_report       (SteadWindow    *self,
                                                 GFile          *file,
                                                 GError        **error);
STEAD_AVAILABLE_IN_1_0
struct _SteadMapView *stead_window_get_map_view (SteadWindow    *self);

STEAD_AVAILABLE_IN_1_0
void            stead_window_show_toast         (SteadWindow    *self,
                                                 AdwToast       *toast);

STEAD_AVAILABLE_IN_1_0
gboolean        stead_window_get_sidebar_folded (SteadWindow *self);

G_END_DECLS
