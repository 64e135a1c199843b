/* stead-sql-functions.c: the SQL functions GeoPackage triggers call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GeoPackage R-tree triggers (GeoPackage 1.3 Annex F.3) call
 * ST_IsEmpty and ST_MinX/MaxX/MinY/MaxY. GDAL and QGIS register their own;
 * every connection Stead opens registers these, or any write to a spatial
 * table fails with "no such function".
 */

#define G_LOG_DOMAIN "stead-sql"

#include "config.h"

#include <gio/gio.h>

#include "stead-geometry.h"
#include "stead-sql-functions-private.h"

typedef enum
{
  WHAT_IS_EMPTY,
  WHAT_MIN_X,
  WHAT_MAX_X,
  WHAT_MIN_Y,
  WHAT_MAX_Y,
} What;

static void
stead_sql_functions_envelope_function (sqlite3_context  *context,
                                       int               argc,
                                       sqlite3_value   **argv)
{
  What what = GPOINTER_TO_INT (sqlite3_user_data (context));
  g_autoptr(GError) error = NULL;
  SteadEnvelope envelope;
  gboolean empty = TRUE;

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  if (sqlite3_value_type (argv[0]) != SQLITE_BLOB)
    {
      sqlite3_result_error (context, "ST_ functions take a GeoPackage geometry blob", -1);
      return;
    }

  if (!stead_gpkg_blob_get_envelope (sqlite3_value_blob (argv[0]), sqlite3_value_bytes (argv[0]),
                                     &envelope, &empty, &error))
    {
      sqlite3_result_error (context, error->message, -1);
      return;
    }

  if (what == WHAT_IS_EMPTY)
    {
      sqlite3_result_int (context, empty);
      return;
    }

  if (empty)
    {
      sqlite3_result_null (context);
      return;
    }

  switch (what)
    {
    case WHAT_MIN_X: sqlite3_result_double (context, envelope.min_x); break;
    case WHAT_MAX_X: sqlite3_result_double (context, envelope.max_x); break;
    case WHAT_MIN_Y: sqlite3_result_double (context, envelope.min_y); break;
    case WHAT_MAX_Y: sqlite3_result_double (context, envelope.max_y); break;
    case WHAT_IS_EMPTY:
    default: g_assert_not_reached ();
    }
}

static void
stead_sql_functions_geometry_type_function (sqlite3_context  *context,
                                            int               argc,
                                            sqlite3_value   **argv)
{
  g_autoptr(SteadGeometry) geometry = NULL;
  g_autoptr(GError) error = NULL;
  gint32 srs_id = 0;
  const char *name;

  if (sqlite3_value_type (argv[0]) != SQLITE_BLOB)
    {
      sqlite3_result_null (context);
      return;
    }
  geometry = stead_geometry_new_from_gpkg (sqlite3_value_blob (argv[0]),
                                           sqlite3_value_bytes (argv[0]), &srs_id, &error);
  if (geometry == NULL)
    {
      sqlite3_result_error (context, error->message, -1);
      return;
    }

  if (GPOINTER_TO_INT (sqlite3_user_data (context)) == 1)
    {
      sqlite3_result_int (context, srs_id);
      return;
    }

  switch (stead_geometry_get_geometry_type (geometry))
    {
    case STEAD_GEOMETRY_POINT: name = "POINT"; break;
    case STEAD_GEOMETRY_LINESTRING: name = "LINESTRING"; break;
    case STEAD_GEOMETRY_POLYGON: name = "POLYGON"; break;
    case STEAD_GEOMETRY_MULTIPOLYGON: name = "MULTIPOLYGON"; break;
    default: name = "GEOMETRY"; break;
    }
  sqlite3_result_text (context, name, -1, SQLITE_STATIC);
}

/* Stead_Contains (polygon, point): 1 if the point lies inside. NULL if
 * either is NULL or not a geometry of those kinds. */
static void
stead_sql_functions_contains_function (sqlite3_context  *context,
                                       int               argc,
                                       sqlite3_value   **argv)
{
  g_autoptr(SteadGeometry) area = NULL;
  double x, y;

  if (sqlite3_value_type (argv[0]) != SQLITE_BLOB || sqlite3_value_type (argv[1]) != SQLITE_BLOB)
    {
      sqlite3_result_null (context);
      return;
    }
  if (!stead_gpkg_blob_get_point (sqlite3_value_blob (argv[1]), sqlite3_value_bytes (argv[1]), &x,
                                  &y))
    {
      sqlite3_result_null (context);
      return;
    }
  area = stead_geometry_new_from_gpkg (sqlite3_value_blob (argv[0]), sqlite3_value_bytes (argv[0]),
                                       NULL, NULL);
  if (area == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  sqlite3_result_int (context, stead_geometry_contains_point (area, x, y));
}

/* Stead_PointOnSurface (area): a GeoPackage point inside the area. */
static void
stead_sql_functions_point_on_surface_function (sqlite3_context  *context,
                                               int               argc,
                                               sqlite3_value   **argv)
{
  g_autoptr(SteadGeometry) area = NULL;
  g_autoptr(SteadGeometry) point = NULL;
  g_autoptr(GBytes) blob = NULL;
  gint32 srs_id = 4326;
  double x, y;

  if (sqlite3_value_type (argv[0]) != SQLITE_BLOB)
    {
      sqlite3_result_null (context);
      return;
    }
  area = stead_geometry_new_from_gpkg (sqlite3_value_blob (argv[0]), sqlite3_value_bytes (argv[0]),
                                       &srs_id, NULL);
  if (area == NULL || !stead_geometry_point_on_surface (area, &x, &y))
    {
      sqlite3_result_null (context);
      return;
    }
  point = stead_geometry_new_point (x, y);
  blob = stead_geometry_to_gpkg (point, srs_id);
  sqlite3_result_blob (context, g_bytes_get_data (blob, NULL), g_bytes_get_size (blob),
                       SQLITE_TRANSIENT);
}

/* SQLite counts its memory under one global mutex unless told not to.
 * A child forked while a worker thread holds it (g_spawn, launching
 * Help or an exported file) inherits it locked, and PROJ's fork handler,
 * which closes its SQLite database in the child, then waits on it for
 * ever. Stead never reads SQLite's memory statistics; this runs when the
 * library loads, before any connection initialises SQLite (it is refused
 * harmlessly if one already did). */
__attribute__ ((constructor)) static void
stead_sql_configure (void)
{
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
}

gboolean
stead_sql_register_functions (sqlite3  *db,
                              GError  **error)
{
  static const struct {
    const char *name;
    What        what;
  } envelope_functions[] = {
    { "ST_IsEmpty", WHAT_IS_EMPTY },
    { "ST_MinX", WHAT_MIN_X },
    { "ST_MaxX", WHAT_MAX_X },
    { "ST_MinY", WHAT_MIN_Y },
    { "ST_MaxY", WHAT_MAX_Y },
  };
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc = SQLITE_OK;

  g_return_val_if_fail (db != NULL, FALSE);

  for (guint i = 0; rc == SQLITE_OK && i < G_N_ELEMENTS (envelope_functions); i++)
    rc = sqlite3_create_function (db, envelope_functions[i].name, 1, flags,
                                  GINT_TO_POINTER (envelope_functions[i].what),
                                  stead_sql_functions_envelope_function, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "ST_GeometryType", 1, flags, GINT_TO_POINTER (0),
                                  stead_sql_functions_geometry_type_function, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "ST_SRID", 1, flags, GINT_TO_POINTER (1),
                                  stead_sql_functions_geometry_type_function, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "Stead_Contains", 2, flags, NULL,
                                  stead_sql_functions_contains_function, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "Stead_PointOnSurface", 1, flags, NULL,
                                  stead_sql_functions_point_on_surface_function, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Could not register the GeoPackage SQL functions: %s", sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}
