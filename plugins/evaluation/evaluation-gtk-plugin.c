/* evaluation-gtk-plugin.c: the evaluation plugin's window module: the
 * Evaluation page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "evaluation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stead-gtk.h>

#include "evaluation.h"
#include "evaluation-needs-view.h"
#include "evaluation-page.h"

static const SteadWindowAddinInfo evaluation_gtk_plugin = {
  .module = EVALUATION_OWNER,
  .page_name = "evaluation.assessments",
  .title = N_("Evaluation"),
  .icon_name = "emblem-ok-symbolic",
  .page_type = evaluation_page_get_type,
  .load = evaluation_needs_map_load,
  .domain = GETTEXT_PACKAGE,
};

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  stead_window_addin_register (module, &evaluation_gtk_plugin);
}
