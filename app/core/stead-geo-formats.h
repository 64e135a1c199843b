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
} SteadCapArea;

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

GQuark         stead_geo_format_error_quark (void);

gboolean       stead_cap_parse              (const char      *data,
                                             gsize            length,
                                             SteadCapAlert   *alert,
                                             GError         **error);
void           stead_cap_alert_clear        (SteadCapAlert   *alert);
void           stead_cap_area_free          (SteadCapArea    *area);

gboolean       stead_geojson_load           (GInputStream    *stream,
                                             const char      *crs_option,
                                             GPtrArray      **features,
                                             SteadProj      **proj,
                                             JsonParser     **parser,
                                             GCancellable    *cancellable,
                                             GError         **error);
SteadGeometry *stead_geojson_read_area      (JsonNode        *geometry,
                                             SteadProj       *proj,
                                             char           **reason);

typedef struct _SteadImportContext SteadImportContext;

/* One polygon feature read from a file, for an importer to keep. */
typedef gboolean (*SteadAreaReadFunc) (SteadImportContext  *context,
                                       guint64              index,
                                       SteadGeometry       *area,
                                       const char          *code,
                                       const char          *name,
                                       gpointer             user_data,
                                       GError             **error);

gboolean       stead_gpkg_read_areas        (SteadImportContext  *context,
                                             SteadAreaReadFunc    func,
                                             gpointer             user_data,
                                             GError             **error);

G_END_DECLS
