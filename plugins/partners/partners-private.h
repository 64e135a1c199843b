/* partners-private.h: the partners plugin's types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead.h>

G_BEGIN_DECLS

#define PARTNERS_TYPE_WORKSPACE_ADDIN (partners_workspace_addin_get_type ())
G_DECLARE_FINAL_TYPE (PartnersWorkspaceAddin, partners_workspace_addin, PARTNERS, WORKSPACE_ADDIN, GObject)

extern const SteadReportSectionInfo partners_report_section;

G_END_DECLS
