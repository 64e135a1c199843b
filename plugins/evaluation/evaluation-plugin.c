/* evaluation-plugin.c: registers the evaluation plugin's data module
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libpeas/peas.h>

#include "evaluation-private.h"

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  stead_workspace_addin_register (module, &evaluation_workspace_addin);
}
