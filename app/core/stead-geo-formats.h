/* stead-geo-formats.h: GeoJSON areas and CAP 1.2 alerts, for importers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "stead-proj.h"
#include "stead-types.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

#define STEAD_GEO_FORMAT_ERROR (stead_geo_format_error_quark ())

/* One <info>/<area> of an alert: a hazard area. */
typedef struct
{
  char          *event;
  char          *severity;
  char          *urgency;
  char          *certainty;
  char          *onset;        /* ISO 8601 UTC, or NULL */
  char          *expires;      /* ISO 8601 UTC, or NULL */
  char          *headline;
  char          *description;
  char          *instruction;
  char          *area_desc;
  SteadGeometry *geometry;     /* a multipolygon (circles as 36-gons) */
  char          *reason;       /* non-NULL if this area cannot be mapped */
  guint          info_index;   /* its <info> in the alert, from 1 */
  guint          area_index;   /* its <area> in that <info>, from 1 */
  char          *language;     /* the info's <language>, or NULL */
  char          *category;     /* its <category>s, space-separated */
  char          *sender_name;
  char          *geocodes;     /* JSON: [{"valueName": …, "value": …}, …], or NULL */
  char          *extra;        /* JSON: {"alert", "info", "area"}: every other element */
  gboolean       is_point;     /* a circle of radius 0, drawn with STEAD_CAP_POINT_RADIUS_KM */
} SteadCapArea;

/* A <circle> of radius 0 (an earthquake's epicentre) is a point; it is
 * mapped as a circle of this radius. */
#define STEAD_CAP_POINT_RADIUS_KM 0.1
/* No real alert comes near this. */
#define STEAD_CAP_MAX_BYTES ((gsize) 64 * 1024 * 1024)

typedef struct
{
  char      *identifier;
  char      *sender;
  char      *sent;            /* ISO 8601 UTC */
  char      *status;
  char      *msg_type;
  char      *references;
  GPtrArray *areas;           /* (element-type SteadCapArea) */
} SteadCapAlert;

STEAD_AVAILABLE_IN_1_0
GQuark         stead_geo_format_error_quark (void);

STEAD_AVAILABLE_IN_1_0
gboolean       stead_cap_parse              (const char      *data,
                                             gsize            length,
                                             SteadCapAlert   *alert,
                                             GError         **error);
STEAD_AVAILABLE_IN_1_0
void           stead_cap_alert_clear        (SteadCapAlert   *alert);
STEAD_AVAILABLE_IN_1_0
void           stead_cap_area_free          (SteadCapArea    *area);

STEAD_AVAILABLE_IN_1_0
gboolean       stead_geojson_load           (GInputStream    *stream,
                                             const char      *crs_option,
                                             GPtrArray      **features,
                                             SteadProj      **proj,
                                             JsonParser     **parser,
                                             GCancellable    *cancellable,
                                             GError         **error);
STEAD_AVAILABLE_IN_1_0
SteadGeometry *stead_geojson_read_area      (JsonNode        *geometry,
                                             SteadProj       *proj,
                                             char           **reason);

typedef struct _SteadImportContext SteadImportContext;

/* ------------------------------------------------------------------------ */
/* The feature loop: polygons from GeoJSON or a GeoPackage layer            */

/* One polygon feature of the file, in WGS84. Features whose geometry
 * cannot be read are rejected (by number, with the reason) before they
 * get here. */
typedef struct _SteadFeature SteadFeature;

typedef gboolean (*SteadFeatureFunc) (SteadFeature  *feature,
                                      gpointer       user_data,
                                      GError       **error);

/* The options the loop reads: put them in a format's option table. (Shown
 * as they are: the descriptions are not in the plugin's gettext domain.) */
#define STEAD_GEOJSON_OPTIONS \
  { "crs", "The coordinate system, if the file does not say (e.g. EPSG:27700)", \
    "Coordinate system" }, \
  { "code", "The property holding each feature’s code", "Code property" }, \
  { "name", "The property holding each feature’s name", "Name property" }
#define STEAD_GPKG_OPTIONS \
  { "layer", "The polygon layer to read, if the GeoPackage has several", "Layer" }, \
  { "code", "The column holding each feature’s code", "Code column" }, \
  { "name", "The column holding each feature’s name", "Name column" }

/* Reads the file as GeoJSON, or as a GeoPackage when it is one. */
STEAD_AVAILABLE_IN_1_0
gboolean       stead_import_context_foreach_feature (SteadImportContext  *context,
                                                     SteadFeatureFunc     func,
                                                     gpointer             user_data,
                                                     GError             **error);

STEAD_AVAILABLE_IN_1_0
SteadImportContext *stead_feature_get_context   (SteadFeature        *feature);
/* The feature's number in the file, from 1. */
STEAD_AVAILABLE_IN_1_0
guint64        stead_feature_get_index          (SteadFeature        *feature);
/* A multipolygon in longitude and latitude. */
STEAD_AVAILABLE_IN_1_0
SteadGeometry *stead_feature_get_geometry       (SteadFeature        *feature);
/* Found by the "code" and "name" options, ONS's ..CD and ..NM, or
 * code/id/ref and name/title/label; %NULL if there is none. */
STEAD_AVAILABLE_IN_1_0
const char    *stead_feature_get_code           (SteadFeature        *feature);
STEAD_AVAILABLE_IN_1_0
const char    *stead_feature_get_name           (SteadFeature        *feature);
/* Any other property or column, as text; %NULL if absent or empty. */
STEAD_AVAILABLE_IN_1_0
char          *stead_feature_dup_property       (SteadFeature        *feature,
                                                 const char          *name);
/* The properties (GeoJSON) or columns (GeoPackage, but its geometry) the
 * code and name were not taken from, as a JSON object of their names to
 * their text, for the record's extra attributes; %NULL if none. */
STEAD_AVAILABLE_IN_1_0
char          *stead_feature_dup_extra          (SteadFeature        *feature);
/* Rejects the feature, by its number. */
STEAD_AVAILABLE_IN_1_0
void           stead_feature_reject             (SteadFeature        *feature,
                                                 const char          *format,
                                                 ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
