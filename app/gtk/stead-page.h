/* stead-page.h: a plugin's page in the window, showing one workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_GTK_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead-gtk.h> can be included directly."
#endif

#include <gtk/gtk.h>

#include <stead.h>

G_BEGIN_DECLS

#define STEAD_TYPE_PAGE (stead_page_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_DERIVABLE_TYPE (SteadPage, stead_page, STEAD, PAGE, GtkWidget)

/* A page has one child (usually from its template) and the construct-only
 * "workspace" property; subclasses fill the page in load. */
struct _SteadPageClass
{
  GtkWidgetClass parent_class;

  /* Called once, when the page is constructed with its workspace. */
  void     (*load) (SteadPage      *self,
                    SteadWorkspace *workspace);
  /* Selects the record of @kind (whatever filter hid it); %FALSE if the
   * page does not show that kind. */
  gboolean (*show) (SteadPage      *self,
                    const char     *kind,
                    gint64          id);

  gpointer padding[8];
};

STEAD_AVAILABLE_IN_1_0
SteadWorkspace *stead_page_get_workspace (SteadPage  *self);
STEAD_AVAILABLE_IN_1_0
gboolean        stead_page_show          (SteadPage  *self,
                                          const char *kind,
                                          gint64      id);

G_END_DECLS
