/* stead-types.h: shared typedefs for libstead-core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _SteadGeometry         SteadGeometry;
typedef struct _SteadPluginEngine     SteadPluginEngine;
typedef struct _SteadRecord           SteadRecord;
typedef struct _SteadTransaction      SteadTransaction;
typedef struct _SteadWorkspace        SteadWorkspace;
typedef struct _SteadWorkspaceAddin   SteadWorkspaceAddin;

/* One option a file format takes (`--option key=value`, a row of the
 * import dialog). Formats declare theirs; an import or export given one
 * it does not declare is refused. */
typedef struct
{
  const char *key;
  const char *description;   /* N_(), in the format's gettext domain */
} SteadFormatOption;

/* The GeoPackage spatial reference system every Stead feature table uses. */
#define STEAD_SRS_WGS84 4326

G_END_DECLS
