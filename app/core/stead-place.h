/* stead-place.h: a place the map can fly to, as a search finds it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <glib-object.h>

#include "stead-geometry.h"
#include "stead-types.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

typedef enum
{
  STEAD_PLACE_COORDINATES,     /* "52.0, -2.15", "52°N 2.15°W" */
  STEAD_PLACE_GRID_REFERENCE,  /* "SO 89 32", "389000,232000" */
  STEAD_PLACE_POSTCODE,        /* a postcode, or a district or sector of them */
  STEAD_PLACE_AREA,            /* a row of the area table */
  STEAD_PLACE_RECORD,          /* a plugin's record that says where it is */
} SteadPlaceKind;

#define STEAD_TYPE_PLACE (stead_place_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (SteadPlace, stead_place, STEAD, PLACE, GObject)

STEAD_AVAILABLE_IN_1_0
SteadPlaceKind  stead_place_get_kind        (SteadPlace    *self);
STEAD_AVAILABLE_IN_1_0
const char     *stead_place_get_title       (SteadPlace    *self);
STEAD_AVAILABLE_IN_1_0
const char     *stead_place_get_label       (SteadPlace    *self);
STEAD_AVAILABLE_IN_1_0
const char     *stead_place_get_detail      (SteadPlace    *self);
STEAD_AVAILABLE_IN_1_0
const char     *stead_place_get_description (SteadPlace    *self);
STEAD_AVAILABLE_IN_1_0
void            stead_place_get_location    (SteadPlace    *self,
                                             double        *lon,
                                             double        *lat);
STEAD_AVAILABLE_IN_1_0
gboolean        stead_place_get_extent      (SteadPlace    *self,
                                             SteadEnvelope *extent);
STEAD_AVAILABLE_IN_1_0
GPtrArray      *stead_place_get_shapes      (SteadPlace    *self);
STEAD_AVAILABLE_IN_1_0
const char     *stead_place_get_owner       (SteadPlace    *self);
STEAD_AVAILABLE_IN_1_0
const char     *stead_place_get_record_kind (SteadPlace    *self);
STEAD_AVAILABLE_IN_1_0
gint64          stead_place_get_ref         (SteadPlace    *self);

G_END_DECLS
