/* risks-window-addin.c: the Risks page in a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "risks"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "risks-page.h"
#include "risks-private.h"

#define RISKS_TYPE_WINDOW_ADDIN (risks_window_addin_get_type ())
G_DECLARE_FINAL_TYPE (RisksWindowAddin, risks_window_addin, RISKS, WINDOW_ADDIN, GObject)

struct _RisksWindowAddin
{
  GObject parent_instance;
};

/* Hazard areas are `area` rows of kind 'hazard': the map's area layer
 * draws them and a click on one summarises what is inside. */
static void
load (SteadWindowAddin *addin,
      SteadWindow      *window)
{
  SteadWorkspace *workspace = stead_window_get_workspace (window);

  if (workspace != NULL)
    stead_window_add_page (window, "risks.register", _("Risks"), "dialog-warning-symbolic", risks_page_new (workspace));
}

static void
unload (SteadWindowAddin *addin,
        SteadWindow      *window)
{
  stead_window_remove_page (window, "risks.register");
}

static void
window_addin_iface_init (SteadWindowAddinInterface *iface)
{
  iface->load = load;
  iface->unload = unload;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (RisksWindowAddin, risks_window_addin, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEAD_TYPE_WINDOW_ADDIN, window_addin_iface_init))

static void risks_window_addin_class_init (RisksWindowAddinClass *klass) { }
static void risks_window_addin_init (RisksWindowAddin *self) { }
