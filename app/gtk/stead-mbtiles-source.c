/* stead-mbtiles-source.c: an MBTiles file as a libshumate data source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tiles are read on a worker thread. libshumate 1.0's raster renderer
 * takes the image from the data source's "received-data" signal, so the
 * signal is emitted on the main thread before the read completes.
 */

#define G_LOG_DOMAIN "stead-mbtiles-source"

#include "config.h"

#include "stead-mbtiles-source.h"

struct _SteadMBTilesSource
{
  ShumateDataSource  parent_instance;

  SteadMBTiles      *tiles;
};

G_DEFINE_FINAL_TYPE (SteadMBTilesSource, stead_mbtiles_source, SHUMATE_TYPE_DATA_SOURCE)

typedef struct
{
  int x;
  int y;
  int zoom;
} TileRequest;

static void
stead_mbtiles_source_read_thread (GTask        *task,
                                  gpointer      source_object,
                                  gpointer      task_data,
                                  GCancellable *cancellable)
{
  SteadMBTilesSource *self = source_object;
  TileRequest *request = task_data;
  GError *error = NULL;
  GBytes *bytes;

  if (request->x < 0 || request->y < 0 || request->zoom < 0)
    {
      g_task_return_new_error (task, STEAD_MBTILES_ERROR, STEAD_MBTILES_ERROR_NOT_FOUND,
                               "No such tile");
      return;
    }

  bytes = stead_mbtiles_get_tile (self->tiles, request->zoom, request->x, request->y, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
stead_mbtiles_source_on_read (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  SteadMBTilesSource *self = STEAD_MBTILES_SOURCE (object);
  g_autoptr(GTask) outer = user_data;
  TileRequest *request = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  GBytes *bytes;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }

  g_signal_emit_by_name (self, "received-data", request->x, request->y, request->zoom, bytes);
  g_task_return_pointer (outer, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
stead_mbtiles_source_get_tile_data_async (ShumateDataSource   *source,
                                          int                  x,
                                          int                  y,
                                          int                  zoom_level,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  SteadMBTilesSource *self = STEAD_MBTILES_SOURCE (source);
  g_autoptr(GTask) inner = NULL;
  GTask *outer;
  TileRequest *request;

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, stead_mbtiles_source_get_tile_data_async);

  request = g_new (TileRequest, 1);
  request->x = x;
  request->y = y;
  request->zoom = zoom_level;

  inner = g_task_new (self, cancellable, stead_mbtiles_source_on_read, outer);
  g_task_set_task_data (inner, request, g_free);
  g_task_run_in_thread (inner, stead_mbtiles_source_read_thread);
}

static GBytes *
stead_mbtiles_source_get_tile_data_finish (ShumateDataSource  *source,
                                           GAsyncResult       *result,
                                           GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
stead_mbtiles_source_finalize (GObject *object)
{
  SteadMBTilesSource *self = STEAD_MBTILES_SOURCE (object);

  g_clear_object (&self->tiles);

  G_OBJECT_CLASS (stead_mbtiles_source_parent_class)->finalize (object);
}

static void
stead_mbtiles_source_class_init (SteadMBTilesSourceClass *klass)
{
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = stead_mbtiles_source_finalize;
  source_class->get_tile_data_async = stead_mbtiles_source_get_tile_data_async;
  source_class->get_tile_data_finish = stead_mbtiles_source_get_tile_data_finish;
}

static void
stead_mbtiles_source_init (SteadMBTilesSource *self)
{
}

SteadMBTilesSource *
stead_mbtiles_source_new (SteadMBTiles *tiles)
{
  SteadMBTilesSource *self;

  g_return_val_if_fail (STEAD_IS_MBTILES (tiles), NULL);

  self = g_object_new (STEAD_TYPE_MBTILES_SOURCE, NULL);
  self->tiles = g_object_ref (tiles);
  return self;
}

SteadMBTiles *
stead_mbtiles_source_get_tiles (SteadMBTilesSource *self)
{
  g_return_val_if_fail (STEAD_IS_MBTILES_SOURCE (self), NULL);

  return self->tiles;
}

/**
 * stead_mbtiles_source_new_renderer:
 * @tiles: an open MBTiles file
 *
 * Returns: (transfer full): a raster map source for @tiles, with its
 *   zoom range and attribution
 */
ShumateMapSource *
stead_mbtiles_source_new_renderer (SteadMBTiles *tiles)
{
  g_autoptr(SteadMBTilesSource) source = stead_mbtiles_source_new (tiles);
  g_autofree char *id = g_strdup_printf ("mbtiles:%s", stead_mbtiles_get_path (tiles));

  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (
    id, stead_mbtiles_get_name (tiles), stead_mbtiles_get_attribution (tiles), NULL,
    stead_mbtiles_get_min_zoom (tiles), stead_mbtiles_get_max_zoom (tiles), 256,
    SHUMATE_MAP_PROJECTION_MERCATOR, SHUMATE_DATA_SOURCE (source)));
}
