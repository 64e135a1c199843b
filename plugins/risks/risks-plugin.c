/* risks-plugin.c: registers the risks plugin's extensions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libpeas/peas.h>

#include "risks-private.h"

#ifdef RISKS_WITH_GTK
# include <stead-gtk.h>
#endif

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  peas_object_module_register_extension_type (module, STEAD_TYPE_WORKSPACE_ADDIN, RISKS_TYPE_WORKSPACE_ADDIN);
#ifdef RISKS_WITH_GTK
  peas_object_module_register_extension_type (module, STEAD_TYPE_WINDOW_ADDIN, risks_window_addin_get_type ());
#endif
}
