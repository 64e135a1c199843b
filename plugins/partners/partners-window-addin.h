/* partners-window-addin.h: the partners plugin's window addin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead-gtk.h>

G_BEGIN_DECLS

#define PARTNERS_TYPE_WINDOW_ADDIN (partners_window_addin_get_type ())
G_DECLARE_FINAL_TYPE (PartnersWindowAddin, partners_window_addin, PARTNERS, WINDOW_ADDIN, GObject)

G_END_DECLS
