/* stead-column-map.h: which CSV column feeds which field of an import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <glib-object.h>

#include "stead-field.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

#define STEAD_COLUMN_MAP_ERROR (stead_column_map_error_quark ())

typedef enum
{
  STEAD_COLUMN_MAP_ERROR_SYNTAX,    /* a --map string that cannot be read */
  STEAD_COLUMN_MAP_ERROR_UNKNOWN,   /* a field or column that does not exist */
  STEAD_COLUMN_MAP_ERROR_MISSING,   /* a required field has no column */
} SteadColumnMapError;

/* The fields an importer fills are SteadField declarations (name,
 * aliases, HXL tag, required; see stead-field.h). */

typedef struct _SteadColumnMap SteadColumnMap;

STEAD_AVAILABLE_IN_1_0
GQuark          stead_column_map_error_quark  (void);
STEAD_AVAILABLE_IN_1_0
SteadColumnMap *stead_column_map_new_auto     (const SteadImportField *fields,
                                               guint                   n_fields,
                                               const char * const     *header,
                                               const char * const     *hxl_tags);
STEAD_AVAILABLE_IN_1_0
gboolean        stead_column_map_apply_spec   (SteadColumnMap         *self,
                                               const char             *spec,
                                               GError                **error);
STEAD_AVAILABLE_IN_1_0
gboolean        stead_column_map_check        (SteadColumnMap         *self,
                                               GError                **error);
STEAD_AVAILABLE_IN_1_0
int             stead_column_map_get_column   (SteadColumnMap         *self,
                                               const char             *field);
STEAD_AVAILABLE_IN_1_0
char           *stead_column_map_to_spec      (SteadColumnMap         *self);
STEAD_AVAILABLE_IN_1_0
void            stead_column_map_free         (SteadColumnMap         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SteadColumnMap, stead_column_map_free)

G_END_DECLS
