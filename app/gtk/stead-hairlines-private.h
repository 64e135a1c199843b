/* stead-hairlines-private.h: one-pixel outlines rasterised in one pass
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include <stead.h>

G_BEGIN_DECLS

typedef struct _SteadHairlines SteadHairlines;

STEAD_PRIVATE_API
SteadHairlines *stead_hairlines_new     (void);
STEAD_PRIVATE_API
void            stead_hairlines_free    (SteadHairlines *self);
STEAD_PRIVATE_API
void            stead_hairlines_begin   (SteadHairlines *self,
                                         int             x,
                                         int             y,
                                         int             width,
                                         int             height,
                                         int             scale);
STEAD_PRIVATE_API
void            stead_hairlines_set_width (SteadHairlines *self,
                                           double          width);
STEAD_PRIVATE_API
void            stead_hairlines_line    (SteadHairlines *self,
                                         double          ax,
                                         double          ay,
                                         double          bx,
                                         double          by);
STEAD_PRIVATE_API
gboolean        stead_hairlines_is_empty (SteadHairlines *self);
STEAD_PRIVATE_API
void            stead_hairlines_paint   (SteadHairlines *self,
                                         cairo_t        *cr);
STEAD_PRIVATE_API
const guint8   *stead_hairlines_peek    (SteadHairlines *self,
                                         int            *stride);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SteadHairlines, stead_hairlines_free)

G_END_DECLS
