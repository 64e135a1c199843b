/* risks-plugin.c: registers the risks plugin's data module
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libpeas/peas.h>

#include "risks-private.h"

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  peas_object_module_register_extension_type (module, STEAD_TYPE_WORKSPACE_ADDIN, RISKS_TYPE_WORKSPACE_ADDIN);
}
