/* stead-bulk-index.h: the spatial index of a large write, built in one go
 *
 * Building the R-tree of a large import row by row, in file order, costs
 * more than the rest of the import together. Inside the transaction,
 * stead_bulk_index_begin() sets the feature table's R-tree insert trigger
 * aside; stead_bulk_index_add() gathers the new points (by fid) and
 * stead_bulk_index_finish() indexes them along a Z-order curve (or packs
 * the whole tree anew when most points are new) and puts the trigger
 * back. A rollback restores the trigger with everything else. Updates
 * keep their triggers: only new points go through it. Plugins use it for
 * their own feature tables and for the `need` or `resource` rows their
 * publish hook writes by the thousand.
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

typedef struct _SteadBulkIndex SteadBulkIndex;

STEAD_AVAILABLE_IN_1_0
SteadBulkIndex *stead_bulk_index_begin  (SteadTransaction  *txn,
                                         const char        *table,
                                         GError           **error);
STEAD_AVAILABLE_IN_1_0
void            stead_bulk_index_add    (SteadBulkIndex    *bulk,
                                         gint64             fid,
                                         double             x,
                                         double             y);
STEAD_AVAILABLE_IN_1_0
gboolean        stead_bulk_index_finish (SteadBulkIndex    *bulk,
                                         GError           **error);
STEAD_AVAILABLE_IN_1_0
void            stead_bulk_index_free   (SteadBulkIndex    *bulk);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SteadBulkIndex, stead_bulk_index_free)

/* A GeoPackage point in WGS84, as stead_geometry_to_gpkg() writes it (no
 * envelope, little-endian), without allocating: 29 bytes. */
STEAD_AVAILABLE_IN_1_0
void            stead_gpkg_point_blob   (guint8             blob[29],
                                         double             x,
                                         double             y);

G_END_DECLS
