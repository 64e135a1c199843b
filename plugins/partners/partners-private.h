/* partners-private.h: the partners plugin's types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead.h>

G_BEGIN_DECLS

extern const SteadWorkspaceAddinInfo partners_workspace_addin;

extern const SteadReportSectionInfo partners_report_section;

G_END_DECLS
