/* stead-geometry.h: geometries and the GeoPackage binary encoding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include "stead-types.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

#define STEAD_TYPE_GEOMETRY (stead_geometry_get_type ())
#define STEAD_GEOMETRY_ERROR (stead_geometry_error_quark ())

typedef enum
{
  STEAD_GEOMETRY_ERROR_INVALID,     /* malformed or truncated blob */
  STEAD_GEOMETRY_ERROR_UNSUPPORTED, /* a well-formed type Stead does not handle */
} SteadGeometryError;

/* Values are the WKB geometry type codes. */
typedef enum
{
  STEAD_GEOMETRY_POINT        = 1,
  STEAD_GEOMETRY_LINESTRING   = 2,
  STEAD_GEOMETRY_POLYGON      = 3,
  STEAD_GEOMETRY_MULTIPOLYGON = 6,
} SteadGeometryType;

typedef struct
{
  double x;
  double y;
} SteadCoord;

typedef struct
{
  double min_x;
  double min_y;
  double max_x;
  double max_y;
} SteadEnvelope;

STEAD_AVAILABLE_IN_1_0
GQuark             stead_geometry_error_quark          (void);
STEAD_AVAILABLE_IN_1_0
GType              stead_geometry_get_type             (void) G_GNUC_CONST;

STEAD_AVAILABLE_IN_1_0
SteadGeometry     *stead_geometry_new_point            (double               x,
                                                        double               y);
STEAD_AVAILABLE_IN_1_0
SteadGeometry     *stead_geometry_new_empty            (SteadGeometryType    type);
STEAD_AVAILABLE_IN_1_0
SteadGeometry     *stead_geometry_new_linestring       (const SteadCoord    *coords,
                                                        gsize                n_coords);
STEAD_AVAILABLE_IN_1_0
SteadGeometry     *stead_geometry_new_polygon          (const SteadCoord    *exterior,
                                                        gsize                n_coords);
STEAD_AVAILABLE_IN_1_0
void               stead_geometry_add_interior_ring    (SteadGeometry       *polygon,
                                                        const SteadCoord    *ring,
                                                        gsize                n_coords);
STEAD_AVAILABLE_IN_1_0
SteadGeometry     *stead_geometry_new_multipolygon     (void);
STEAD_AVAILABLE_IN_1_0
void               stead_geometry_add_polygon          (SteadGeometry       *multipolygon,
                                                        SteadGeometry       *polygon);
STEAD_AVAILABLE_IN_1_0
SteadGeometry     *stead_geometry_ref                  (SteadGeometry       *self);
STEAD_AVAILABLE_IN_1_0
void               stead_geometry_unref                (SteadGeometry       *self);

STEAD_AVAILABLE_IN_1_0
SteadGeometryType  stead_geometry_get_geometry_type    (SteadGeometry       *self);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_geometry_is_empty             (SteadGeometry       *self);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_geometry_get_point            (SteadGeometry       *self,
                                                        double              *x,
                                                        double              *y);
STEAD_AVAILABLE_IN_1_0
const SteadCoord  *stead_geometry_get_coords           (SteadGeometry       *self,
                                                        gsize               *n_coords);
STEAD_AVAILABLE_IN_1_0
guint              stead_geometry_get_n_polygons       (SteadGeometry       *self);
STEAD_AVAILABLE_IN_1_0
guint              stead_geometry_get_n_rings          (SteadGeometry       *self,
                                                        guint                polygon);
STEAD_AVAILABLE_IN_1_0
const SteadCoord  *stead_geometry_get_ring             (SteadGeometry       *self,
                                                        guint                polygon,
                                                        guint                ring,
                                                        gsize               *n_coords);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_geometry_get_envelope         (SteadGeometry       *self,
                                                        SteadEnvelope       *envelope);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_geometry_contains_point       (SteadGeometry       *self,
                                                        double               x,
                                                        double               y);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_geometry_point_on_surface     (SteadGeometry       *self,
                                                        double              *x,
                                                        double              *y);
/* Whether they share a point (points, polygons, multipolygons). */
STEAD_AVAILABLE_IN_1_0
gboolean           stead_geometry_intersects           (SteadGeometry       *a,
                                                        SteadGeometry       *b);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_geometry_equal                (SteadGeometry       *a,
                                                        SteadGeometry       *b);

STEAD_AVAILABLE_IN_1_0
GBytes            *stead_geometry_to_gpkg              (SteadGeometry       *self,
                                                        gint32               srs_id);
STEAD_AVAILABLE_IN_1_0
SteadGeometry     *stead_geometry_new_from_gpkg        (const guint8        *data,
                                                        gsize                length,
                                                        gint32              *srs_id,
                                                        GError             **error);
STEAD_AVAILABLE_IN_1_0
gboolean           stead_gpkg_blob_get_envelope        (const guint8        *data,
                                                        gsize                length,
                                                        SteadEnvelope       *envelope,
                                                        gboolean            *is_empty,
                                                        GError             **error);

STEAD_AVAILABLE_IN_1_0
gboolean           stead_gpkg_blob_get_point           (const guint8        *data,
                                                        gsize                length,
                                                        double              *x,
                                                        double              *y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SteadGeometry, stead_geometry_unref)

G_END_DECLS
