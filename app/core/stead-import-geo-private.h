/* stead-import-geo-private.h: what the GeoJSON, GeoPackage, areas and CAP
 * files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "stead-geo-formats.h"
#include "stead-geometry.h"
#include "stead-importer.h"
#include "stead-proj.h"

G_BEGIN_DECLS

struct _SteadFeature
{
  SteadImportContext *context;
  guint64             index;
  SteadGeometry      *geometry;
  const char         *code;
  const char         *name;
  JsonObject         *properties;   /* GeoJSON */
  sqlite3_stmt       *row;          /* GeoPackage: its columns from column 3 */
  const char * const *columns;
};

gboolean     stead_geo_position_ok     (double               x,
                                        double               y);
gboolean     stead_geo_check_ring      (GArray              *ring,
                                        SteadProj           *proj,
                                        char               **reason);
const char  *stead_geo_pick_property   (const char * const  *names,
                                        const char          *wanted,
                                        gboolean             code);

gboolean     stead_geojson_foreach_feature (SteadImportContext  *context,
                                            SteadFeatureFunc     func,
                                            gpointer             user_data,
                                            GError             **error);
gboolean     stead_gpkg_foreach_feature    (SteadImportContext  *context,
                                            SteadFeatureFunc     func,
                                            gpointer             user_data,
                                            GError             **error);

/* Writes `area` rows: a new one, or the one of the same kind and code. */
typedef struct
{
  SteadTransaction *txn;
  const char       *kind;
  const char       *source;
  gboolean          no_count;   /* the caller counts */
} SteadAreaWriter;

void         stead_area_writer_init    (SteadAreaWriter     *writer,
                                        SteadImportContext  *context,
                                        const char          *kind,
                                        const char          *source);
gboolean     stead_area_writer_write   (SteadAreaWriter     *writer,
                                        SteadImportContext  *context,
                                        SteadGeometry       *geometry,
                                        const char          *code,
                                        const char          *name,
                                        gint64              *fid_out,
                                        GError             **error);

G_END_DECLS
