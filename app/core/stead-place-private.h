/* stead-place-private.h: making places (for the place search)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stead-place.h"

G_BEGIN_DECLS

SteadPlace *stead_place_new        (SteadPlaceKind  kind,
                                    const char     *label,
                                    const char     *title,
                                    const char     *detail,
                                    GPtrArray      *shapes);
void        stead_place_set_record (SteadPlace     *self,
                                    const char     *owner,
                                    const char     *record_kind,
                                    gint64          ref);

G_END_DECLS
