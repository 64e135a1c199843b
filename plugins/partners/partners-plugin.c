/* partners-plugin.c: registers the partners plugin's extensions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libpeas/peas.h>

#include "partners-private.h"

#ifdef PARTNERS_WITH_GTK
# include <stead-gtk.h>
#endif

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  peas_object_module_register_extension_type (module, STEAD_TYPE_WORKSPACE_ADDIN, PARTNERS_TYPE_WORKSPACE_ADDIN);
#ifdef PARTNERS_WITH_GTK
  peas_object_module_register_extension_type (module, STEAD_TYPE_WINDOW_ADDIN, partners_window_addin_get_type ());
#endif
}
