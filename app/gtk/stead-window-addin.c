/* stead-window-addin.c: what a plugin adds to the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-window-addin"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "stead-map-view.h"
#include "stead-page.h"
#include "stead-window.h"
#include "stead-window-addin.h"

G_DEFINE_INTERFACE (SteadWindowAddin, stead_window_addin, G_TYPE_OBJECT)

static void
stead_window_addin_default_init (SteadWindowAddinInterface *iface)
{
}

void
stead_window_addin_load (SteadWindowAddin *self,
                         SteadWindow      *window)
{
  SteadWindowAddinInterface *iface;

  g_return_if_fail (STEAD_IS_WINDOW_ADDIN (self));
  g_return_if_fail (window != NULL);

  iface = STEAD_WINDOW_ADDIN_GET_IFACE (self);
  if (iface->load != NULL)
    iface->load (self, window);
}

void
stead_window_addin_unload (SteadWindowAddin *self,
                           SteadWindow      *window)
{
  SteadWindowAddinInterface *iface;

  g_return_if_fail (STEAD_IS_WINDOW_ADDIN (self));
  g_return_if_fail (window != NULL);

  iface = STEAD_WINDOW_ADDIN_GET_IFACE (self);
  if (iface->unload != NULL)
    iface->unload (self, window);
}
