/* stead-bulk-index-private.h: the spatial index of a large import, built in one go
 *
 * Building the R-tree of a large import row by row, in file order, costs
 * more than the rest of the import together. Inside the import's
 * transaction stead_bulk_index_begin() sets the table's R-tree insert
 * trigger aside; stead_bulk_index_add() gathers the new points and
 * stead_bulk_index_finish() indexes them along a Z-order curve (or packs
 * the whole tree anew when most points are new) and puts the trigger
 * back. A crash or a rollback restores the trigger with everything else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stead-types.h"

G_BEGIN_DECLS

typedef struct _SteadBulkIndex SteadBulkIndex;

SteadBulkIndex *stead_bulk_index_begin  (SteadTransaction  *txn,
                                         const char        *table,
                                         GError           **error);
void            stead_bulk_index_add    (SteadBulkIndex    *bulk,
                                         gint64             fid,
                                         double             x,
                                         double             y);
gboolean        stead_bulk_index_finish (SteadBulkIndex    *bulk,
                                         GError           **error);
void            stead_bulk_index_free   (SteadBulkIndex    *bulk);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SteadBulkIndex, stead_bulk_index_free)

/* A GeoPackage point in WGS84, as stead_geometry_to_gpkg() writes it (no
 * envelope, little-endian), without allocating: 29 bytes. */
void            stead_gpkg_point_blob   (guint8             blob[29],
                                         double             x,
                                         double             y);

G_END_DECLS
