/* partners-window-addin.c: the Partners page in a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "partners"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "partners-page.h"
#include "partners-private.h"

#define PARTNERS_TYPE_WINDOW_ADDIN (partners_window_addin_get_type ())
G_DECLARE_FINAL_TYPE (PartnersWindowAddin, partners_window_addin, PARTNERS, WINDOW_ADDIN, GObject)

struct _PartnersWindowAddin
{
  GObject parent_instance;
};

static void
load (SteadWindowAddin *addin,
      SteadWindow      *window)
{
  SteadWorkspace *workspace = stead_window_get_workspace (window);

  if (workspace == NULL)
    return;
  stead_window_add_page (window, "partners.directory", _("Partners"), "system-users-symbolic",
                         partners_page_new (workspace));
}

static void
unload (SteadWindowAddin *addin,
        SteadWindow      *window)
{
  stead_window_remove_page (window, "partners.directory");
}

static void
window_addin_iface_init (SteadWindowAddinInterface *iface)
{
  iface->load = load;
  iface->unload = unload;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PartnersWindowAddin, partners_window_addin, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEAD_TYPE_WINDOW_ADDIN, window_addin_iface_init))

static void
partners_window_addin_class_init (PartnersWindowAddinClass *klass)
{
}

static void
partners_window_addin_init (PartnersWindowAddin *self)
{
}
