/* risks-window-addin.h: the risks plugin's window addin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead-gtk.h>

G_BEGIN_DECLS

#define RISKS_TYPE_WINDOW_ADDIN (risks_window_addin_get_type ())
G_DECLARE_FINAL_TYPE (RisksWindowAddin, risks_window_addin, RISKS, WINDOW_ADDIN, GObject)

G_END_DECLS
