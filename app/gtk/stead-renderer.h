/* stead-renderer.h: which GSK renderer the windows use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_GTK_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead-gtk.h> can be included directly."
#endif

#include <glib.h>

#include <stead.h>

G_BEGIN_DECLS

STEAD_AVAILABLE_IN_1_0
gboolean stead_renderer_prefer_cairo_on_software_gl (void);
STEAD_AVAILABLE_IN_1_0
void     stead_renderer_reuse_frame_memory          (void);
STEAD_AVAILABLE_IN_1_0
gboolean stead_renderer_skip_gl_without_gpu         (void);
STEAD_AVAILABLE_IN_1_0
void     stead_renderer_restore_environment         (void);
STEAD_AVAILABLE_IN_1_0
gboolean stead_renderer_has_gpu_nodes               (const char *dev);

G_END_DECLS
