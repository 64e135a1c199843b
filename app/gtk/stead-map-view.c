/* stead-map-view.c: the map of needs and resources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ShumateMap whose bottom layer is always the locally drawn background,
 * so the map works with no network. OpenStreetMap tiles, when chosen, are
 * drawn over it; tiles that cannot load leave the background showing.
 *
 * This file holds the view, its base maps, zoom and extent, the shading
 * of the areas and what a click on the map does; the layer list, the
 * drawing tool and the record popover have a file each.
 */

#define G_LOG_DOMAIN "stead-map-view"

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "stead-area-layer-private.h"
#include "stead-area-panel-private.h"
#include "stead-background-layer-private.h"
#include "stead-map-view-private.h"
#include "stead-mbtiles-source.h"
#include "stead-point-layer.h"
#include "stead-shore-private.h"
#include "stead-tile-downloader.h"

#define OSM_URL "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

/* libshumate's own zoom animation lasts 200 ms; its go-to lasts a quarter
 * second per level of the zoom it goes to: four seconds to a town's
 * cluster. */
#define ZOOM_STEP_MS    200
#define CLUSTER_ZOOM_MS 500

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_BASE_MAP,
  PROP_OFFLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MAPS_CHANGED,
  AREA_DRAWN,
  AREAS_SHADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_ENUM_TYPE (SteadBaseMap, stead_base_map,
                    G_DEFINE_ENUM_VALUE (STEAD_BASE_MAP_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (STEAD_BASE_MAP_OPENSTREETMAP, "openstreetmap"),
                    G_DEFINE_ENUM_VALUE (STEAD_BASE_MAP_CUSTOM, "custom"))

G_DEFINE_FINAL_TYPE (SteadMapView, stead_map_view, GTK_TYPE_WIDGET)

typedef struct
{
  char             *path;
  ShumateMapSource *source;
  ShumateMapLayer  *layer;
} OfflineMap;

static void
stead_map_view_offline_map_free (OfflineMap *map)
{
  g_free (map->path);
  g_clear_object (&map->source);
  g_free (map);
}

static void
stead_map_view_named_layer_free (SteadMapViewNamedLayer *named)
{
  if (named->legend_destroy != NULL)
    named->legend_destroy (named->legend_data);
  g_object_unref (named->layer);
  g_free (named->title);
  g_free (named);
}

static void
stead_map_view_area_rows_free (SteadMapViewAreaRows *rows)
{
  g_free (rows->heading);
  g_strfreev (rows->columns);
  g_free (rows);
}

SteadMapView *
stead_map_view_new (void)
{
  return g_object_new (STEAD_TYPE_MAP_VIEW, NULL);
}

ShumateMap *
stead_map_view_get_map (SteadMapView *self)
{
  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), NULL);

  return self->map;
}

ShumateViewport *
stead_map_view_get_viewport (SteadMapView *self)
{
  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), NULL);

  return shumate_map_get_viewport (self->map);
}

SteadWorkspace *
stead_map_view_get_workspace (SteadMapView *self)
{
  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), NULL);

  return self->workspace;
}

static double
stead_map_view_mercator_y (double lat)
{
  double rad = CLAMP (lat, -85.0, 85.0) * G_PI / 180.0;

  return log (tan (G_PI / 4 + rad / 2));
}

/* The summary's height as a sheet: under half the map. */
static int
stead_map_view_sheet_height (SteadMapView *self)
{
  return MAX (200, (int) ((self->narrow_height - 60) * 0.5));
}

static void
stead_map_view_zoom_now (SteadMapView *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  SteadEnvelope extent = { -8.6, 49.9, 1.8, 60.9 }; /* the UK, Scilly to Shetland */
  double tile = 256.0;
  double zx, zy, zoom, dy, shift;
  int covered = 0, covered_below = 0;

  if (self->zoom_to_extent)
    extent = self->zoom_extent;
  else if (self->workspace != NULL &&
           !stead_area_layer_get_extent (self->areas, &extent))
    stead_point_source_get_extent (self->workspace, &extent);

  /* One area, its summary beside it (or below it, on a narrow map): fit
   * it into what the panel leaves of the map. */
  if (self->zoom_to_extent && gtk_widget_get_visible (self->area_panel))
    {
      if (self->narrow)
        covered_below = MIN (stead_map_view_sheet_height (self) +
                               gtk_widget_get_margin_bottom (self->area_panel) + 8,
                             height * 2 / 3);
      else
        covered = MIN (gtk_widget_get_width (self->area_panel), width / 2);
    }

  /* Fit the extent with a margin, in Web Mercator. */
  dy = stead_map_view_mercator_y (extent.max_y) - stead_map_view_mercator_y (extent.min_y);
  zx = log2 (((width - covered) * 0.85) * 360.0 / (tile * MAX (extent.max_x - extent.min_x, 1e-6)));
  zy = log2 (((height - covered_below) * 0.85) * 2 * G_PI / (tile * MAX (dy, 1e-9)));
  zoom = CLAMP (MIN (zx, zy), shumate_viewport_get_min_zoom_level (viewport),
                MIN (18, shumate_viewport_get_max_zoom_level (viewport)));

  shumate_viewport_set_zoom_level (viewport, zoom);
  shift = covered / 2.0 * 360.0 / (tile * exp2 (zoom));   /* half the panel, in degrees */
  shumate_map_center_on (self->map, (extent.min_y + extent.max_y) / 2,
                         (extent.min_x + extent.max_x) / 2 + shift);
  if (covered_below > 0)
    {
      double lat, lon;

      /* The extent's middle, half the sheet up from the map's. */
      shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map), width / 2.0,
                                                  (height + covered_below) / 2.0, &lat, &lon);
      shumate_map_center_on (self->map, lat, lon);
    }
}

/**
 * stead_map_view_zoom_to_area:
 * @self: a #SteadMapView
 *
 * Shows the whole partnership area: the boundary if there is one, else
 * every area, else every need and resource, else the whole UK.
 */
void
stead_map_view_zoom_to_area (SteadMapView *self)
{
  g_return_if_fail (STEAD_IS_MAP_VIEW (self));

  self->zoom_to_extent = FALSE;
  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    {
      self->zoom_pending = TRUE;
      return;
    }
  self->zoom_pending = FALSE;
  stead_map_view_zoom_now (self);
}

/* The licences of the workspace's open data (the postcode directory's
 * OGL statement, say) are shown with the map's own. */
static void
stead_map_view_update_data_attribution (SteadMapView *self)
{
  g_autoptr(GString) text = g_string_new (_("Offline background: Stead"));
  SteadShoreResolution installed;

  if (stead_shore_pick_resolution (stead_shore_get_default (), 0, &installed))
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("Coast, lakes and rivers: GSHHG (Wessel and Smith), LGPL-3.0"));
    }

  if (self->workspace != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      stmt = stead_workspace_prepare (self->workspace,
                                      "SELECT text FROM stead_attribution ORDER BY source", NULL);
      while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_string_append_c (text, '\n');
          g_string_append (text, (const char *) sqlite3_column_text (stmt, 0));
        }
    }
  shumate_license_set_extra_text (self->license, text->str);
}

typedef struct
{
  char             *path;
  SteadAreaMeasure  measure;
  GArray           *fids;
  GArray           *values;
  gboolean          dated;
  gint32            days[2];
} ShadeJob;

static void
stead_map_view_shade_job_free (ShadeJob *job)
{
  g_free (job->path);
  g_array_unref (job->fids);
  g_array_unref (job->values);
  g_free (job);
}

static void
stead_map_view_shade_thread (GTask        *task,
                             gpointer      source_object,
                             gpointer      task_data,
                             GCancellable *cancellable)
{
  ShadeJob *job = task_data;
  GError *error = NULL;

  if (stead_area_measure_compute_in_days (job->path, job->measure,
                                          job->dated ? job->days : NULL, job->fids, job->values,
                                          cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
stead_map_view_on_shaded (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  SteadMapView *self = STEAD_MAP_VIEW (object);
  ShadeJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Could not shade the areas: %s", error->message);
      return;
    }
  stead_area_layer_set_values (self->areas, (const gint64 *) job->fids->data,
                               (const double *) job->values->data, job->fids->len);
  stead_map_view_layers_update_legend (self);
  g_signal_emit (self, signals[AREAS_SHADED], 0);
}

/* Sums the chosen measure per area on a worker thread (its own read-only
 * connection), then shades the areas; a newer request cancels this one. */
void
stead_map_view_refresh_shading (SteadMapView *self)
{
  g_autoptr(GTask) task = NULL;
  ShadeJob *job;

  g_cancellable_cancel (self->shade_cancellable);
  g_clear_object (&self->shade_cancellable);
  if (self->shade_measure == STEAD_AREA_MEASURE_NONE || self->workspace == NULL)
    {
      stead_area_layer_set_values (self->areas, NULL, NULL, 0);
      stead_map_view_layers_update_legend (self);
      return;
    }

  job = g_new0 (ShadeJob, 1);
  job->path = g_strdup (stead_workspace_get_path (self->workspace));
  job->measure = self->shade_measure;
  /* Under the time slider, the needs of the days shown. */
  job->dated = stead_map_view_time_days (self, job->days) != NULL;
  job->fids = g_array_new (FALSE, FALSE, sizeof (gint64));
  job->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->shade_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->shade_cancellable, stead_map_view_on_shaded, NULL);
  g_task_set_source_tag (task, stead_map_view_refresh_shading);
  g_task_set_task_data (task, job, (GDestroyNotify) stead_map_view_shade_job_free);
  g_task_run_in_thread (task, stead_map_view_shade_thread);
}

/**
 * stead_map_view_set_area_shading:
 * @self: a #SteadMapView
 * @measure: what to shade the areas by, or %STEAD_AREA_MEASURE_NONE
 *
 * Shades the areas that divide the partnership (wards, LSOAs, …) by the
 * open needs, people affected, resources or capacity inside each: a
 * choropleth in five classes, kept up to date as the workspace changes.
 * SteadMapView::areas-shaded is emitted when the shading is drawn.
 */
void
stead_map_view_set_area_shading (SteadMapView     *self,
                                 SteadAreaMeasure  measure)
{
  g_return_if_fail (STEAD_IS_MAP_VIEW (self));
  g_return_if_fail (measure >= STEAD_AREA_MEASURE_NONE && measure <= STEAD_AREA_MEASURE_CAPACITY);

  if (self->shade_measure == measure)
    return;
  self->shade_measure = measure;
  stead_map_view_refresh_shading (self);
}

SteadAreaMeasure
stead_map_view_get_area_shading (SteadMapView *self)
{
  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), STEAD_AREA_MEASURE_NONE);

  return self->shade_measure;
}

static void
stead_map_view_on_workspace_changed (SteadMapView       *self,
                                     const char * const *tables,
                                     SteadWorkspace     *workspace)
{
  if (g_strv_contains (tables, "stead_attribution"))
    stead_map_view_update_data_attribution (self);
  if (g_strv_contains (tables, "area") || g_strv_contains (tables, "need") ||
      g_strv_contains (tables, "resource"))
    stead_map_view_empty_update (self);
  if (g_strv_contains (tables, "need"))
    stead_map_view_time_update_span (self);
  if (self->shade_measure != STEAD_AREA_MEASURE_NONE &&
      (g_strv_contains (tables, "need") || g_strv_contains (tables, "resource") ||
       g_strv_contains (tables, "area")))
    stead_map_view_refresh_shading (self);
}

void
stead_map_view_set_workspace (SteadMapView   *self,
                              SteadWorkspace *workspace)
{
  g_return_if_fail (STEAD_IS_MAP_VIEW (self));
  g_return_if_fail (workspace == NULL || STEAD_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_func (self->workspace, stead_map_view_on_workspace_changed,
                                          self);
  g_set_object (&self->workspace, workspace);
  if (workspace != NULL)
    g_signal_connect_object (workspace, "changed", G_CALLBACK (stead_map_view_on_workspace_changed),
                             self, G_CONNECT_SWAPPED);
  stead_map_view_update_data_attribution (self);

  stead_area_layer_set_workspace (self->areas, workspace);
  stead_map_view_refresh_shading (self);
  stead_point_layer_set_workspace (self->resources, workspace);
  stead_point_layer_set_workspace (self->needs, workspace);
  gtk_widget_set_visible (self->area_panel, FALSE);
  /* A workspace opens on today. */
  g_clear_handle_id (&self->time_source, g_source_remove);
  self->time_on = FALSE;
  self->time_end = 0;
  stead_map_view_time_update_span (self);
  stead_map_view_zoom_to_area (self);
  stead_map_view_empty_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

SteadBaseMap
stead_map_view_get_base_map (SteadMapView *self)
{
  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), STEAD_BASE_MAP_OFFLINE);

  return self->base_map;
}

/* The online base map (OpenStreetMap or the custom server) sits above
 * the offline background and below offline maps and overlays; offline,
 * neither it nor its attribution is shown. */
void
stead_map_view_update_online_layer (SteadMapView *self)
{
  ShumateMapSource *source = NULL;

  if (self->online_layer != NULL)
    {
      shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->online_layer));
      shumate_license_remove_map_source (self->license, self->online_source);
      self->online_layer = NULL;
      g_clear_object (&self->online_source);
    }

  if (self->offline)
    source = NULL;
  else if (self->base_map == STEAD_BASE_MAP_OPENSTREETMAP)
    source = SHUMATE_MAP_SOURCE (self->osm);
  else if (self->base_map == STEAD_BASE_MAP_CUSTOM)
    source = self->custom;

  if (source == NULL)
    return;

  self->online_source = g_object_ref (source);
  self->online_layer = shumate_map_layer_new (source, shumate_map_get_viewport (self->map));
  shumate_map_insert_layer_above (self->map, SHUMATE_LAYER (self->online_layer),
                                  SHUMATE_LAYER (self->background));
  shumate_license_append_map_source (self->license, source);
}

/**
 * stead_map_view_set_custom_tiles:
 * @self: a #SteadMapView
 * @url_template: (nullable): an XYZ template with {z}, {x}, {y}, the API
 *   key already in it; %NULL for none
 * @attribution: (nullable): the licence text to show
 *
 * Sets the tile server the custom base map uses.
 */
void
stead_map_view_set_custom_tiles (SteadMapView *self,
                                 const char   *url_template,
                                 const char   *attribution)
{
  g_return_if_fail (STEAD_IS_MAP_VIEW (self));

  g_clear_object (&self->custom);
  if (self->custom_tiles != NULL)
    g_signal_handlers_disconnect_by_func (self->custom_tiles, stead_map_view_network_update, self);
  g_clear_object (&self->custom_tiles);
  if (url_template != NULL && stead_map_view_check_tile_url (url_template, NULL))
    {
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url_template, -1);
      g_autofree char *key = g_strdup_printf ("custom-%.16s", hash);
      g_autoptr(SteadTileDownloader) source = stead_tile_downloader_new (url_template, key);
      ShumateRasterRenderer *renderer;

      renderer = shumate_raster_renderer_new_full ("custom", _("Custom tile server"),
                                                   attribution, NULL, 0, 19, 256,
                                                   SHUMATE_MAP_PROJECTION_MERCATOR,
                                                   SHUMATE_DATA_SOURCE (source));
      self->custom = SHUMATE_MAP_SOURCE (renderer);
      self->custom_tiles = g_object_ref (source);
      stead_map_view_network_watch (self, source);
    }
  if (self->base_map == STEAD_BASE_MAP_CUSTOM)
    {
      stead_map_view_update_online_layer (self);
      stead_map_view_network_update (self);
    }
}

/**
 * stead_map_view_check_tile_url:
 * @url_template: an XYZ URL template
 * @error: a #GError
 *
 * Returns: %TRUE if @url_template is an http(s) URL with {z}, {x} and {y}
 */
gboolean
stead_map_view_check_tile_url (const char  *url_template,
                               GError     **error)
{
  g_return_val_if_fail (url_template != NULL, FALSE);

  if (!g_str_has_prefix (url_template, "https://") &&
      !g_str_has_prefix (url_template, "http://"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The tile server address must start with https://"));
      return FALSE;
    }
  if (strstr (url_template, "{z}") == NULL || strstr (url_template, "{x}") == NULL ||
      strstr (url_template, "{y}") == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The tile server address needs {z}, {x} and {y} where the tile goes"));
      return FALSE;
    }
  return TRUE;
}

void
stead_map_view_set_base_map (SteadMapView *self,
                             SteadBaseMap  base_map)
{
  g_return_if_fail (STEAD_IS_MAP_VIEW (self));

  if (self->base_map == base_map)
    return;

  self->base_map = base_map;
  stead_map_view_update_online_layer (self);
  stead_map_view_network_update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_MAP]);
}

/**
 * stead_map_view_get_area_layer:
 * @self: a #SteadMapView
 *
 * Returns: (transfer none): the layer drawing the area table
 */
SteadAreaLayer *
stead_map_view_get_area_layer (SteadMapView *self)
{
  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), NULL);

  return self->areas;
}

/**
 * stead_map_view_get_point_layer:
 * @self: a #SteadMapView
 * @kind: needs or resources, or the merged layer drawing both
 *
 * Returns: (transfer none): the layer of the core need or resource table
 */
SteadPointLayer *
stead_map_view_get_point_layer (SteadMapView        *self,
                                SteadPointLayerKind  kind)
{
  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), NULL);

  if (kind == STEAD_POINT_LAYER_MERGED)
    return self->points;
  return kind == STEAD_POINT_LAYER_NEEDS ? self->needs : self->resources;
}

/**
 * stead_map_view_add_mbtiles:
 * @self: a #SteadMapView
 * @path: an MBTiles file of raster tiles
 * @error: a #GError
 *
 * Adds an offline base map over the background and OpenStreetMap, below
 * the overlays. Several stack, the last added on top. A file that is not
 * a raster MBTiles file is refused and nothing changes.
 *
 * Returns: %TRUE if the map was added
 */
gboolean
stead_map_view_add_mbtiles (SteadMapView  *self,
                            const char    *path,
                            GError       **error)
{
  g_autoptr(SteadMBTiles) tiles = NULL;
  OfflineMap *map;

  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; i < self->offline_maps->len; i++)
    if (g_str_equal (((OfflineMap *) g_ptr_array_index (self->offline_maps, i))->path, path))
      return TRUE;

  if (!(tiles = stead_mbtiles_open (path, error)))
    return FALSE;

  map = g_new0 (OfflineMap, 1);
  map->path = g_strdup (path);
  map->source = stead_mbtiles_source_new_renderer (tiles);
  map->layer = shumate_map_layer_new (map->source, shumate_map_get_viewport (self->map));
  shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (map->layer),
                                   SHUMATE_LAYER (self->areas));
  shumate_license_append_map_source (self->license, map->source);
  g_ptr_array_add (self->offline_maps, map);
  g_signal_emit (self, signals[MAPS_CHANGED], 0);
  return TRUE;
}

void
stead_map_view_remove_mbtiles (SteadMapView *self,
                               const char   *path)
{
  g_return_if_fail (STEAD_IS_MAP_VIEW (self));
  g_return_if_fail (path != NULL);

  for (guint i = 0; i < self->offline_maps->len; i++)
    {
      OfflineMap *map = g_ptr_array_index (self->offline_maps, i);

      if (g_str_equal (map->path, path))
        {
          shumate_map_remove_layer (self->map, SHUMATE_LAYER (map->layer));
          shumate_license_remove_map_source (self->license, map->source);
          g_ptr_array_remove_index (self->offline_maps, i);
          g_signal_emit (self, signals[MAPS_CHANGED], 0);
          return;
        }
    }
}

/**
 * stead_map_view_get_mbtiles:
 * @self: a #SteadMapView
 *
 * Returns: (transfer full): the paths of the offline maps, bottom first
 */
char **
stead_map_view_get_mbtiles (SteadMapView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), NULL);

  for (guint i = 0; i < self->offline_maps->len; i++)
    g_strv_builder_add (builder, ((OfflineMap *) g_ptr_array_index (self->offline_maps, i))->path);
  return g_strv_builder_end (builder);
}

static void
stead_map_view_report_error (SteadMapView *self,
                             const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  g_message ("%s", error->message);
  if (!GTK_IS_WINDOW (root))
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Could not add the offline map"),
                                   error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
stead_map_view_add_files (SteadMapView *self,
                          GListModel   *files)
{
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path != NULL && !stead_map_view_add_mbtiles (self, path, &error))
        stead_map_view_report_error (self, error);
    }
}

static void
stead_map_view_on_chooser_response (SteadMapView         *self,
                                    int                   response,
                                    GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      stead_map_view_add_files (self, files);
    }
  g_clear_object (&self->chooser);
}

static void
stead_map_view_add_offline_map_action (GtkWidget  *widget,
                                       const char *action,
                                       GVariant   *param)
{
  SteadMapView *self = STEAD_MAP_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Offline maps (*.mbtiles)"));
  gtk_file_filter_add_pattern (filter, "*.mbtiles");

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Add Offline Map"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"),
                                               _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (stead_map_view_on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
stead_map_view_on_drop (GtkDropTarget *target,
                        const GValue  *value,
                        double         x,
                        double         y,
                        SteadMapView  *self)
{
  GdkFileList *list;
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = g_value_get_boxed (value);
  for (GSList *l = gdk_file_list_get_files (list); l != NULL; l = l->next)
    g_list_store_append (files, l->data);
  stead_map_view_add_files (self, G_LIST_MODEL (files));
  return TRUE;
}

/* When a warning was sent, starts and ends, in local time: "sent 29 Nov
 * 08:40, from 29 Nov 09:00 until 30 Nov 09:00", from columns 6 (sent), 4
 * (onset) and 5 (expires) of @stmt. */
static char *
stead_map_view_warning_times (sqlite3_stmt *stmt)
{
  static const int columns[] = { 6, 4, 5 };
  g_autoptr(GString) when = g_string_new (NULL);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      int c = columns[i];
      g_autoptr(GDateTime) utc = NULL;
      g_autoptr(GDateTime) dt = NULL;
      g_autofree char *text = NULL;
      const char *iso = (const char *) sqlite3_column_text (stmt, c);

      if (iso == NULL || !(utc = g_date_time_new_from_iso8601 (iso, NULL)))
        continue;
      dt = g_date_time_to_timezone (utc, local);
      text = g_date_time_format (dt, "%e %b %H:%M");
      if (when->len > 0)
        g_string_append (when, c == 4 ? _(", ") : " ");
      g_strstrip (text);
      if (c == 6)
        /* TRANSLATORS: when a warning was sent, e.g. "sent 29 Nov 08:40" */
        g_string_append_printf (when, _("sent %s"), text);
      else
        /* TRANSLATORS: when a warning starts and ends, e.g. "from 29 Nov 09:00" */
        g_string_append_printf (when, c == 4 ? _("from %s") : _("until %s"), text);
    }
  return g_string_free (g_steal_pointer (&when), FALSE);
}

/* The area's name; a warning's area also says how severe, how urgent and
 * how certain it is, and when it starts and ends. */
static char *
stead_map_view_area_title (SteadMapView  *self,
                           gint64         area_fid,
                           char         **instruction_out)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *when = NULL;
  const char *instruction;
  const char *name;

  stmt = stead_workspace_prepare (self->workspace,
                                  "SELECT a.name, w.severity, w.urgency, w.certainty, w.onset, "
                                  "w.expires, w.sent, w.instruction FROM area a "
                                  "LEFT JOIN alert w ON w.area = a.fid WHERE a.fid = ? "
                                  "ORDER BY w.info_index LIMIT 1",
                                  NULL);
  sqlite3_bind_int64 (stmt, 1, area_fid);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  name = (const char *) sqlite3_column_text (stmt, 0);
  if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
    return g_strdup (name);
  when = stead_map_view_warning_times (stmt);
  instruction = (const char *) sqlite3_column_text (stmt, 7);
  if (instruction_out != NULL && instruction != NULL && *instruction != '\0')
    /* TRANSLATORS: what a warning tells people to do */
    *instruction_out = g_strdup_printf (_("What to do: %s"), instruction);
  /* TRANSLATORS: a warning area: its name, then CAP severity, urgency, certainty, and when */
  return g_strdup_printf (_("%s\n%s · %s · %s\n%s"), name,
                          (const char *) sqlite3_column_text (stmt, 1),
                          (const char *) sqlite3_column_text (stmt, 2),
                          (const char *) sqlite3_column_text (stmt, 3), when);
}

/* The plugins' rows for the area row @fid, in the panel. */
static void
stead_map_view_describe_area (SteadMapView *self,
                              gint64        fid)
{
  SteadAreaPanel *panel = STEAD_AREA_PANEL (self->area_panel);

  stead_area_panel_clear_sections (panel);
  for (guint i = 0; fid != 0 && i < self->area_rows->len; i++)
    {
      SteadMapViewAreaRows *rows = g_ptr_array_index (self->area_rows, i);
      g_autoptr(GPtrArray) found = rows->func (self->workspace, fid, rows->data);

      if (found != NULL && found->len > 0)
        stead_area_panel_add_section (panel, rows->heading,
                                      (const char * const *) rows->columns, found);
    }
}

/* Shows a summary in the panel beside the map. */
void
stead_map_view_show_summary (SteadMapView     *self,
                             const char       *title,
                             SteadAreaSummary *summary)
{
  g_assert (STEAD_IS_MAP_VIEW (self));
  g_assert (summary != NULL);

  stead_map_view_sketch_hide_drawn (self);
  stead_map_view_select_outline (self, NULL);
  /* Its caller says what it is of, if the time slider may count it again. */
  stead_map_view_remember_summary (self, 0, NULL, NULL);
  stead_area_panel_clear_sections (STEAD_AREA_PANEL (self->area_panel));
  stead_area_panel_set_summary (STEAD_AREA_PANEL (self->area_panel), self->workspace,
                                title, summary);
  stead_area_panel_set_note (STEAD_AREA_PANEL (self->area_panel), NULL);
  gtk_widget_set_visible (self->area_panel, TRUE);
}

/**
 * stead_map_view_select_area:
 * @self: a #SteadMapView
 * @area_fid: a row of the area table
 *
 * Shows the needs and resources inside the area, by kind, beside the map.
 *
 * Returns: %TRUE if the area was found
 */
gboolean
stead_map_view_select_area (SteadMapView *self,
                            gint64        area_fid)
{
  g_autoptr(SteadAreaSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *instruction = NULL;
  gint32 days[2];

  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), FALSE);

  if (self->workspace == NULL ||
      !(summary = stead_area_summary_new_for_area_in_days (
          self->workspace, area_fid, stead_map_view_time_days (self, days), &error)))
    {
      if (error != NULL)
        g_message ("%s", error->message);
      return FALSE;
    }

  title = stead_map_view_area_title (self, area_fid, &instruction);
  stead_map_view_show_summary (self, title != NULL ? title : _("Area"), summary);
  stead_map_view_remember_summary (self, area_fid, NULL, title != NULL ? title : _("Area"));
  stead_map_view_describe_area (self, area_fid);
  stead_area_panel_set_note (STEAD_AREA_PANEL (self->area_panel), instruction);
  stead_map_view_select_outline_area (self, area_fid);
  return TRUE;
}

/**
 * stead_map_view_show_area:
 * @self: a #SteadMapView
 * @area_fid: a row of the area table
 *
 * Zooms to the area and shows what lies inside it beside the map, as a
 * click on it does: what a search hit for an area opens.
 *
 * Returns: %TRUE if the area was found
 */
gboolean
stead_map_view_show_area (SteadMapView *self,
                          gint64        area_fid)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), FALSE);

  if (!stead_map_view_select_area (self, area_fid))
    return FALSE;
  stmt = stead_workspace_prepare (self->workspace,
                                  "SELECT minx, miny, maxx, maxy FROM rtree_area_geom WHERE id = ?",
                                  NULL);
  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_int64 (stmt, 1, area_fid);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;  /* no geometry: nothing to zoom to */
  self->zoom_extent.min_x = sqlite3_column_double (stmt, 0);
  self->zoom_extent.min_y = sqlite3_column_double (stmt, 1);
  self->zoom_extent.max_x = sqlite3_column_double (stmt, 2);
  self->zoom_extent.max_y = sqlite3_column_double (stmt, 3);
  self->zoom_to_extent = TRUE;
  /* Zoomed once laid out: the map may only now be shown, at a new size. */
  self->zoom_pending = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  return TRUE;
}

/**
 * stead_map_view_select_box:
 * @self: a #SteadMapView
 * @west: west longitude
 * @south: south latitude
 * @east: east longitude
 * @north: north latitude
 *
 * Shows the needs and resources inside a drawn rectangle, by kind.
 */
void
stead_map_view_select_box (SteadMapView *self,
                           double        west,
                           double        south,
                           double        east,
                           double        north)
{
  const SteadCoord ring[] = {
    { west, south }, { east, south }, { east, north }, { west, north }, { west, south },
  };
  g_autoptr(SteadGeometry) box = stead_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
  g_autoptr(SteadAreaSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  gint32 days[2];

  g_return_if_fail (STEAD_IS_MAP_VIEW (self));

  if (self->workspace == NULL ||
      !(summary = stead_area_summary_new_in_days (self->workspace, box,
                                                  stead_map_view_time_days (self, days), &error)))
    return;
  stead_map_view_show_summary (self, _("Drawn area"), summary);
  stead_map_view_remember_summary (self, 0, box, _("Drawn area"));
}

GtkWidget *
stead_map_view_get_area_panel (SteadMapView *self)
{
  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), NULL);

  return self->area_panel;
}

void
stead_map_view_emit_area_drawn (SteadMapView  *self,
                                SteadGeometry *polygon)
{
  g_signal_emit (self, signals[AREA_DRAWN], 0, polygon);
}

/* Only clicks on the map itself count: not on the buttons or the panel. */
gboolean
stead_map_view_is_on_map (SteadMapView *self,
                          double        x,
                          double        y)
{
  GtkWidget *target = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  return target != NULL &&
         (target == GTK_WIDGET (self->map) ||
          gtk_widget_is_ancestor (target, GTK_WIDGET (self->map)));
}

static void
stead_map_view_on_click_pressed (GtkGestureClick *gesture,
                                 int              n_press,
                                 double           x,
                                 double           y,
                                 SteadMapView    *self)
{
  self->press_x = x;
  self->press_y = y;
  self->band_drawn = FALSE;
  if (stead_map_view_sketch_is_drawing (self))
    stead_map_view_sketch_press (self, gesture, n_press, x, y);
}

/* A click on a cluster zooms to where it splits, or lists it if it never
 * does; on a point, shows it. Returns FALSE if no point is there. */
static gboolean
stead_map_view_click_points (SteadMapView *self,
                             double        x,
                             double        y)
{
  SteadPointLayer *layers[] = { self->needs, self->resources };

  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    {
      SteadPointCluster item;
      gint64 fid = 0;
      double lx, ly;

      if (!gtk_widget_translate_coordinates (GTK_WIDGET (self), GTK_WIDGET (layers[i]), x, y,
                                             &lx, &ly) ||
          !stead_point_layer_pick (layers[i], lx, ly, &item, &fid))
        continue;

      if (item.count > 1)
        {
          SteadPointIndex *index = stead_point_layer_get_index (layers[i]);
          ShumateViewport *viewport = shumate_map_get_viewport (self->map);
          guint zoom = stead_point_index_get_expansion_zoom (index, item.id);

          /* Still one cluster at the last zoom: its members are in one
           * place (a care home's residents), so list them. */
          if (zoom > shumate_viewport_get_max_zoom_level (viewport))
            stead_map_view_popover_show_members (self, layers[i], &item, x, y);
          else
            shumate_map_go_to_full_with_duration (self->map, item.lat, item.lon, zoom,
                                                  CLUSTER_ZOOM_MS);
        }
      else
        stead_map_view_popover_show (self, layers[i], fid, x, y);
      return TRUE;
    }
  return FALSE;
}

/* A click on a point or cluster shows it; anywhere else inside an area,
 * summarises the area. While drawing, the drawing tool has the clicks. */
static void
stead_map_view_on_click_released (GtkGestureClick *gesture,
                                  int              n_press,
                                  double           x,
                                  double           y,
                                  SteadMapView    *self)
{
  double lat, lon;

  if (stead_map_view_sketch_is_drawing (self))
    {
      stead_map_view_sketch_click (self, x, y);
      return;
    }

  if (n_press != 1)
    return;

  /* The end of a drawn rectangle, or of a pan, is not a click. */
  if (self->band_drawn || hypot (x - self->press_x, y - self->press_y) > 8)
    {
      self->band_drawn = FALSE;
      return;
    }

  if (!stead_map_view_is_on_map (self, x, y) || stead_map_view_pick_click (self, x, y) ||
      stead_map_view_click_points (self, x, y))
    return;

  shumate_viewport_widget_coords_to_location (shumate_map_get_viewport (self->map),
                                              GTK_WIDGET (self->map), x, y, &lat, &lon);
  stead_map_view_select_at (self, lon, lat, x, y);
}

void
stead_map_view_add_layer (SteadMapView *self,
                          ShumateLayer *layer)
{
  g_return_if_fail (STEAD_IS_MAP_VIEW (self));
  g_return_if_fail (SHUMATE_IS_LAYER (layer));

  shumate_map_add_layer (self->map, layer);
}

/**
 * stead_map_view_add_named_layer:
 * @self: a #SteadMapView
 * @layer: a layer over the map's viewport
 * @title: its name in the layer list, where it can be switched off
 *
 * How plugins add their own layers (a partner's sites, hazard zones).
 * Remove it again with stead_map_view_remove_layer(). The layer draws
 * itself again when the viewport moves (connect to its notify); the
 * map queues it a draw whenever the badges are laid out again for
 * another reason, so what it keeps clear of
 * (stead_map_view_get_label_bounds()) is never out of date.
 */
void
stead_map_view_add_named_layer (SteadMapView *self,
                                ShumateLayer *layer,
                                const char   *title)
{
  SteadMapViewNamedLayer *named;

  g_return_if_fail (STEAD_IS_MAP_VIEW (self));
  g_return_if_fail (SHUMATE_IS_LAYER (layer));

  named = g_new0 (SteadMapViewNamedLayer, 1);
  named->layer = g_object_ref (layer);
  named->title = g_strdup (title);
  g_ptr_array_add (self->named_layers, named);
  /* A plugin's places join the clusters: under the badges, which count them.
   * Its areas go under the map's, whose outlines and names stay on top;
   * anything else under the needs and resources. */
  if (STEAD_IS_MARKER_LAYER (layer))
    {
      shumate_map_insert_layer_behind (self->map, layer, SHUMATE_LAYER (self->points));
      stead_point_layer_add_sites (self->points, STEAD_MARKER_LAYER (layer));
    }
  else if (STEAD_IS_AREA_LAYER (layer))
    shumate_map_insert_layer_behind (self->map, layer, SHUMATE_LAYER (self->areas));
  else
    shumate_map_insert_layer_behind (self->map, layer, SHUMATE_LAYER (self->resources));
}

/**
 * stead_map_view_set_layer_legend:
 * @self: a #SteadMapView
 * @layer: a layer added with stead_map_view_add_named_layer()
 * @legend: (nullable): makes what is shown under its switch in the layer
 *   list (its classes, a choice of what it shows), each time it opens
 * @user_data: for @legend
 * @destroy: (nullable): frees @user_data when the layer goes
 */
void
stead_map_view_set_layer_legend (SteadMapView       *self,
                                 ShumateLayer       *layer,
                                 SteadMapLegendFunc  legend,
                                 gpointer            user_data,
                                 GDestroyNotify      destroy)
{
  g_return_if_fail (STEAD_IS_MAP_VIEW (self));
  g_return_if_fail (SHUMATE_IS_LAYER (layer));

  for (guint i = 0; i < self->named_layers->len; i++)
    {
      SteadMapViewNamedLayer *named = g_ptr_array_index (self->named_layers, i);

      if (named->layer != layer)
        continue;
      if (named->legend_destroy != NULL)
        named->legend_destroy (named->legend_data);
      named->legend = legend;
      named->legend_data = user_data;
      named->legend_destroy = destroy;
      return;
    }
  g_critical ("%s: the layer is not one of the map's named layers", G_STRFUNC);
}

void
stead_map_view_add_area_rows (SteadMapView         *self,
                              const char           *heading,
                              const char * const   *columns,
                              SteadMapAreaRowsFunc  func,
                              gpointer              data)
{
  SteadMapViewAreaRows *rows = g_new0 (SteadMapViewAreaRows, 1);

  rows->heading = g_strdup (heading);
  rows->columns = g_strdupv ((char **) columns);
  rows->func = func;
  rows->data = data;
  g_ptr_array_add (self->area_rows, rows);
}

void
stead_map_view_remove_area_rows (SteadMapView *self,
                                 gpointer      data)
{
  for (guint i = self->area_rows->len; i > 0; i--)
    if (((SteadMapViewAreaRows *) g_ptr_array_index (self->area_rows, i - 1))->data == data)
      g_ptr_array_remove_index (self->area_rows, i - 1);
}

/**
 * stead_map_view_get_named_layer:
 * @self: a #SteadMapView
 * @title: a layer's name in the layer list
 *
 * Returns: (transfer none) (nullable): the plugin layer called @title
 */
ShumateLayer *
stead_map_view_get_named_layer (SteadMapView *self,
                                const char   *title)
{
  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), NULL);

  for (guint i = 0; self->named_layers != NULL && i < self->named_layers->len; i++)
    {
      SteadMapViewNamedLayer *named = g_ptr_array_index (self->named_layers, i);

      if (g_strcmp0 (named->title, title) == 0)
        return named->layer;
    }
  return NULL;
}

void
stead_map_view_remove_layer (SteadMapView *self,
                             ShumateLayer *layer)
{
  g_return_if_fail (STEAD_IS_MAP_VIEW (self));
  g_return_if_fail (SHUMATE_IS_LAYER (layer));

  for (guint i = 0; self->named_layers != NULL && i < self->named_layers->len; i++)
    {
      SteadMapViewNamedLayer *named = g_ptr_array_index (self->named_layers, i);

      if (named->layer == layer)
        {
          g_ptr_array_remove_index (self->named_layers, i);
          break;
        }
    }
  if (STEAD_IS_MARKER_LAYER (layer))
    stead_point_layer_remove_sites (self->points, STEAD_MARKER_LAYER (layer));
  shumate_map_remove_layer (self->map, layer);
}

/* Zooms by @levels, keeping what is at (@x, @y) of the map where it is: a
 * whole level doubles the scale (libshumate 1.0 steps by 0.2). Steps in
 * quick succession add up from where the last one is going. */
static void
stead_map_view_zoom_by (SteadMapView *self,
                        double        levels,
                        double        x,
                        double        y)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  GtkWidget *map = GTK_WIDGET (self->map);
  double now_zoom = shumate_viewport_get_zoom_level (viewport);
  double from = now_zoom, to, scale, lat, lon;
  gint64 now = g_get_monotonic_time ();
  guint duration = shumate_map_get_animate_zoom (self->map) ? ZOOM_STEP_MS : 0;

  if (now < self->zoom_step_until)
    from = self->zoom_step_to;
  to = CLAMP (from + levels, shumate_viewport_get_min_zoom_level (viewport),
              shumate_viewport_get_max_zoom_level (viewport));
  if (to == now_zoom)
    return;

  /* The new centre: the point that is now between (x, y) and the centre,
   * 1 / scale of the way from (x, y). */
  scale = exp2 (to - now_zoom);
  shumate_viewport_widget_coords_to_location (
    viewport, map, x + (gtk_widget_get_width (map) / 2.0 - x) / scale,
    y + (gtk_widget_get_height (map) / 2.0 - y) / scale, &lat, &lon);
  lat = CLAMP (lat, SHUMATE_MIN_LATITUDE, SHUMATE_MAX_LATITUDE);
  lon = CLAMP (lon, SHUMATE_MIN_LONGITUDE, SHUMATE_MAX_LONGITUDE);

  self->zoom_step_to = to;
  self->zoom_step_until = now + duration * G_TIME_SPAN_MILLISECOND;
  shumate_map_go_to_full_with_duration (self->map, lat, lon, to, duration);
}

static void
stead_map_view_zoom_in_action (GtkWidget  *widget,
                               const char *action,
                               GVariant   *param)
{
  SteadMapView *self = STEAD_MAP_VIEW (widget);
  GtkWidget *map = GTK_WIDGET (self->map);

  stead_map_view_zoom_by (self, 1, gtk_widget_get_width (map) / 2.0,
                          gtk_widget_get_height (map) / 2.0);
}

static void
stead_map_view_zoom_out_action (GtkWidget  *widget,
                                const char *action,
                                GVariant   *param)
{
  SteadMapView *self = STEAD_MAP_VIEW (widget);
  GtkWidget *map = GTK_WIDGET (self->map);

  stead_map_view_zoom_by (self, -1, gtk_widget_get_width (map) / 2.0,
                          gtk_widget_get_height (map) / 2.0);
}

/* A mouse wheel's notch is a whole zoom level about the pointer; a
 * touchpad's smooth scrolling is left to the map, in proportion. */
static gboolean
stead_map_view_on_scroll (GtkEventControllerScroll *controller,
                          double                    dx,
                          double                    dy,
                          SteadMapView             *self)
{
  GtkWidget *map = GTK_WIDGET (self->map);
  gboolean known = !isnan (self->pointer_x);

  if (dy == 0 || gtk_event_controller_scroll_get_unit (controller) != GDK_SCROLL_UNIT_WHEEL)
    return FALSE;
  stead_map_view_zoom_by (self, -dy, known ? self->pointer_x : gtk_widget_get_width (map) / 2.0,
                          known ? self->pointer_y : gtk_widget_get_height (map) / 2.0);
  return TRUE;
}

static void
stead_map_view_on_motion (GtkEventControllerMotion *controller,
                          double                    x,
                          double                    y,
                          SteadMapView             *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  if (stead_map_view_sketch_is_drawing (self))
    gtk_widget_queue_draw (self->sketch);
}

static void
stead_map_view_on_leave (GtkEventControllerMotion *controller,
                         SteadMapView             *self)
{
  self->pointer_x = self->pointer_y = NAN;
  if (stead_map_view_sketch_is_drawing (self))
    gtk_widget_queue_draw (self->sketch);
}

static void
stead_map_view_zoom_area_action (GtkWidget  *widget,
                                 const char *action,
                                 GVariant   *param)
{
  stead_map_view_zoom_to_area (STEAD_MAP_VIEW (widget));
}

/* A round button over the map (the search's is one too). */
GtkWidget *
stead_map_view_control_button (const char *icon,
                               const char *action,
                               const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_add_css_class (button, "osd");
  return button;
}

/**
 * stead_map_view_get_control_bounds:
 * @self: a #SteadMapView
 * @widget: a layer of the map
 * @boxes: (element-type graphene_rect_t): where to append the bounds of
 *   each of the map's controls shown (layer list, zoom and drawing
 *   buttons, search, licences, the panel of an area), in @widget's
 *   coordinates
 */
void
stead_map_view_get_control_bounds (SteadMapView *self,
                                   GtkWidget    *widget,
                                   GArray       *boxes)
{
  GtkWidget *controls[] = {
    self->layers_button, self->controls, self->bottom, self->offline_chip, self->empty_state,
    self->area_panel, self->search, self->time_button,
  };

  g_return_if_fail (STEAD_IS_MAP_VIEW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      graphene_rect_t box;

      if (controls[i] != NULL && gtk_widget_should_layout (controls[i]) &&
          gtk_widget_compute_bounds (controls[i], widget, &box))
        g_array_append_val (boxes, box);
    }
}

/**
 * stead_map_view_get_label_bounds:
 * @self: a #SteadMapView
 * @widget: a layer of the map, drawn after its areas
 * @boxes: (element-type graphene_rect_t): where to append the boxes of
 *   the areas' names placed in this frame, and of the badges and names of
 *   the needs, resources and places, in @widget's coordinates
 */
void
stead_map_view_get_label_bounds (SteadMapView *self,
                                 GtkWidget    *widget,
                                 GArray       *boxes)
{
  g_autoptr(GArray) badges = g_array_new (FALSE, FALSE, sizeof (SteadPointBadge));
  g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (SteadPointName));
  const SteadAreaLabel *labels;
  graphene_point_t origin;
  guint n;

  g_return_if_fail (STEAD_IS_MAP_VIEW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* The layers share the map's allocation; a widget elsewhere is moved. */
  if (!gtk_widget_compute_point (GTK_WIDGET (self->areas), widget, &GRAPHENE_POINT_INIT (0, 0),
                                 &origin))
    return;
  labels = stead_area_layer_get_labels (self->areas, &n);
  for (guint i = 0; gtk_widget_get_visible (GTK_WIDGET (self->areas)) && i < n; i++)
    {
      graphene_rect_t box;

      graphene_rect_offset_r (&labels[i].box, origin.x, origin.y, &box);
      g_array_append_val (boxes, box);
    }
  if (!gtk_widget_get_visible (GTK_WIDGET (self->points)))
    return;
  stead_point_layer_get_badges (self->points, badges);
  stead_point_layer_get_names (self->points, names);
  for (guint i = 0; i < badges->len; i++)
    {
      graphene_rect_t box;

      graphene_rect_offset_r (&g_array_index (badges, SteadPointBadge, i).box, origin.x, origin.y,
                              &box);
      g_array_append_val (boxes, box);
    }
  for (guint i = 0; i < names->len; i++)
    {
      graphene_rect_t box;

      graphene_rect_offset_r (&g_array_index (names, SteadPointName, i).box, origin.x, origin.y,
                              &box);
      g_array_append_val (boxes, box);
    }
}

/* The badges or the areas' names moved for something other than the
 * view (the index ready, new points): a plugin's layer that keeps clear
 * of them (stead_map_view_get_label_bounds()) lays itself out again,
 * or it would keep the places it found before, under today's badges. */
static void
stead_map_view_queue_named_layers (SteadMapView *self)
{
  for (guint i = 0; self->named_layers != NULL && i < self->named_layers->len; i++)
    {
      SteadMapViewNamedLayer *named = g_ptr_array_index (self->named_layers, i);

      gtk_widget_queue_draw (GTK_WIDGET (named->layer));
    }
}

/* No area's name is drawn under the map's own controls. */
static void
stead_map_view_reserve_controls (SteadMapView *self)
{
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));

  stead_map_view_get_control_bounds (self, GTK_WIDGET (self->areas), boxes);
  /* The areas' names move off the controls: a plugin's text follows. */
  if (stead_area_layer_set_reserved (self->areas,
                                     (const graphene_rect_t *) (gpointer) boxes->data,
                                     boxes->len))
    stead_map_view_queue_named_layers (self);
}

static gboolean
stead_map_view_zoom_idle (gpointer user_data)
{
  SteadMapView *self = user_data;

  self->zoom_source = 0;
  stead_map_view_zoom_now (self);
  return G_SOURCE_REMOVE;
}

/* Below this width (the map's, in pixels: a window under some 1,030
 * with the sidebar) the licences are behind a button and the area's
 * summary is a sheet along the map's foot, so the map stays usable; the
 * default window (1100) keeps them beside it. */
#define STEAD_MAP_VIEW_NARROW 800

/* Moves @child from where it is to the end of @box. */
static void
stead_map_view_move_to (GtkWidget *child,
                        GtkWidget *box)
{
  g_autoptr(GtkWidget) keep = g_object_ref (child);
  GtkWidget *parent = gtk_widget_get_parent (child);

  if (parent == box)
    return;
  if (parent != NULL)
    gtk_box_remove (GTK_BOX (parent), child);
  gtk_box_append (GTK_BOX (box), child);
}

/* In the credits' popover the licences' lines wrap short; back under
 * the map they are as they were. */
static void
stead_map_view_wrap_credits (GtkWidget *widget,
                             gboolean   narrow)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        {
          GtkLabel *label = GTK_LABEL (child);
          gpointer was = g_object_get_data (G_OBJECT (label), "stead-wide-chars");

          if (narrow && was == NULL)
            g_object_set_data (G_OBJECT (label), "stead-wide-chars",
                               GINT_TO_POINTER (gtk_label_get_max_width_chars (label) + 2));
          if (narrow)
            gtk_label_set_wrap (label, TRUE);
          gtk_label_set_max_width_chars (label,
                                         narrow ? 48
                                         : was != NULL ? GPOINTER_TO_INT (was) - 2
                                                       : gtk_label_get_max_width_chars (label));
        }
      stead_map_view_wrap_credits (child, narrow);
    }
}

/* The summary's margin at the foot: clear of the scale and licences. */
static int
stead_map_view_panel_margin (int below)
{
  return MAX (48, below + 8);
}

/* Changes what the width allows; after the allocation that found it. */
static gboolean
stead_map_view_narrow_idle (gpointer user_data)
{
  SteadMapView *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  self->narrow_source = 0;
  self->narrow = width > 0 && width < STEAD_MAP_VIEW_NARROW;
  /* The licences stay one click away, in full; the summary leaves more
   * than half the map. */
  stead_map_view_move_to (GTK_WIDGET (self->license),
                          self->narrow ? self->credits_box : self->bottom);
  gtk_widget_set_halign (GTK_WIDGET (self->license),
                         self->narrow ? GTK_ALIGN_START : GTK_ALIGN_END);
  stead_map_view_wrap_credits (GTK_WIDGET (self->license), self->narrow);
  gtk_widget_set_visible (self->credits, self->narrow);
  if (!self->narrow)
    gtk_menu_button_popdown (GTK_MENU_BUTTON (self->credits));
  /* The summary: beside the map when there is room, else a sheet along
   * its foot (clear of the controls on the right), the map above it. */
  self->narrow_height = gtk_widget_get_height (GTK_WIDGET (self));
  gtk_widget_set_halign (self->area_panel, self->narrow ? GTK_ALIGN_FILL : GTK_ALIGN_END);
  gtk_widget_set_valign (self->area_panel, self->narrow ? GTK_ALIGN_END : GTK_ALIGN_FILL);
  gtk_widget_set_margin_start (self->area_panel, self->narrow ? 12 : 0);
  /* Above the scale and the licences, never over them (as they were last
   * laid out: if that changes, this is done again). */
  gtk_widget_set_margin_bottom (self->area_panel,
                                stead_map_view_panel_margin (gtk_widget_get_height (self->bottom)));
  gtk_widget_set_size_request (self->area_panel, self->narrow ? -1 : 360,
                               self->narrow ? stead_map_view_sheet_height (self) : -1);
  return G_SOURCE_REMOVE;
}

static void
stead_map_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  SteadMapView *self = STEAD_MAP_VIEW (widget);

  if (width > 0 && self->narrow_source == 0 &&
      ((width < STEAD_MAP_VIEW_NARROW) != self->narrow ||
       (self->narrow && height != self->narrow_height)))
    self->narrow_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, stead_map_view_narrow_idle,
                                           self, NULL);

  gtk_widget_allocate (self->overlay, width, height, baseline, NULL);
  /* The licences grew (a workspace's own were added): the summary's foot
   * moves up above them. */
  if (self->narrow_source == 0 &&
      gtk_widget_get_margin_bottom (self->area_panel) !=
        stead_map_view_panel_margin (gtk_widget_get_height (self->bottom)))
    self->narrow_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, stead_map_view_narrow_idle,
                                           self, NULL);
  stead_map_view_popover_present (self);
  if (self->choice != NULL)
    gtk_popover_present (GTK_POPOVER (self->choice));
  stead_map_view_reserve_controls (self);

  /* Zooming changes the viewport, which must not happen mid-allocation. */
  if (self->zoom_pending && width > 0 && self->zoom_source == 0)
    {
      self->zoom_pending = FALSE;
      self->zoom_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, stead_map_view_zoom_idle,
                                           self, NULL);
    }
}

static void
stead_map_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  gtk_widget_measure (STEAD_MAP_VIEW (widget)->overlay, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
stead_map_view_dispose (GObject *object)
{
  SteadMapView *self = STEAD_MAP_VIEW (object);

  g_cancellable_cancel (self->shade_cancellable);
  g_clear_object (&self->shade_cancellable);
  g_clear_pointer (&self->named_layers, g_ptr_array_unref);
  g_clear_pointer (&self->area_rows, g_ptr_array_unref);
  g_clear_handle_id (&self->zoom_source, g_source_remove);
  g_clear_handle_id (&self->narrow_source, g_source_remove);
  stead_map_view_popover_dispose (self);
  stead_map_view_pick_dispose (self);
  stead_map_view_time_dispose (self);
  g_clear_pointer (&self->overlay, gtk_widget_unparent);
  stead_map_view_layers_dispose (self);
  stead_map_view_sketch_dispose (self);
  stead_map_view_select_dispose (self);
  stead_map_view_export_dispose (self);
  stead_map_view_network_dispose (self);
  g_clear_object (&self->workspace);
  g_clear_object (&self->osm);
  g_clear_object (&self->custom);
  g_clear_object (&self->online_source);
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->offline_maps, g_ptr_array_unref);

  G_OBJECT_CLASS (stead_map_view_parent_class)->dispose (object);
}

static void
stead_map_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SteadMapView *self = STEAD_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;

    case PROP_BASE_MAP:
      g_value_set_enum (value, self->base_map);
      break;

    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_map_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SteadMapView *self = STEAD_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      stead_map_view_set_workspace (self, g_value_get_object (value));
      break;

    case PROP_BASE_MAP:
      stead_map_view_set_base_map (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_map_view_class_init (SteadMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stead_map_view_dispose;
  object_class->get_property = stead_map_view_get_property;
  object_class->set_property = stead_map_view_set_property;
  widget_class->size_allocate = stead_map_view_size_allocate;
  widget_class->measure = stead_map_view_measure;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, STEAD_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_MAP] =
    g_param_spec_enum ("base-map", NULL, NULL, STEAD_TYPE_BASE_MAP, STEAD_BASE_MAP_OFFLINE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SteadMapView:offline:
   *
   * Whether the online base maps are set aside for want of a network: the
   * offline background is shown, and :base-map is the choice to go back to.
   */
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SteadMapView::maps-changed:
   *
   * Emitted when offline maps are added or removed.
   */
  /**
   * SteadMapView::area-drawn:
   * @polygon: (type SteadGeometry): the polygon the user drew, in WGS84
   *
   * The user finished drawing a polygon on the map.
   */
  /**
   * SteadMapView::areas-shaded:
   *
   * The areas have been shaded by the measure asked for, with the
   * workspace as it was then.
   */
  signals[AREAS_SHADED] = g_signal_new ("areas-shaded", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  signals[AREA_DRAWN] = g_signal_new ("area-drawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, STEAD_TYPE_GEOMETRY);
  signals[MAPS_CHANGED] = g_signal_new ("maps-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL,
                                   stead_map_view_zoom_in_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL,
                                   stead_map_view_zoom_out_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-area", NULL,
                                   stead_map_view_zoom_area_action);
  gtk_widget_class_install_action (widget_class, "map.add-offline-map", NULL,
                                   stead_map_view_add_offline_map_action);
  stead_map_view_sketch_class_init (widget_class);
  stead_map_view_export_class_init (widget_class);
  stead_map_view_search_class_init (widget_class);
  /* + and -, with or without Ctrl; = is + without Shift. */
  for (guint i = 0; i < 2; i++)
    {
      GdkModifierType mods = i == 0 ? 0 : GDK_CONTROL_MASK;

      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, mods, "map.zoom-in", NULL);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, mods, "map.zoom-in", NULL);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, mods, "map.zoom-in", NULL);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, mods, "map.zoom-out", NULL);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, mods, "map.zoom-out",
                                           NULL);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "map.zoom-area", NULL);

  gtk_widget_class_set_css_name (widget_class, "steadmapview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* The base layers, bottom up: the offline background, the areas, then
 * resources under needs. The OSM source is the projection's reference
 * even when its tiles are not shown; nothing is downloaded until its
 * layer is added. */
static void
stead_map_view_init_map (SteadMapView *self)
{
  /* Fetched by Stead itself, so the OSM servers see who is asking. */
  SteadTileDownloader *source = stead_tile_downloader_new (OSM_URL, "openstreetmap");
  ShumateViewport *viewport;

  self->osm_tiles = source;
  self->map = shumate_map_new ();
  gtk_widget_add_css_class (GTK_WIDGET (self->map), "stead-map");
  gtk_widget_set_focusable (GTK_WIDGET (self->map), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->map), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Map of needs and resources"), -1);
  viewport = shumate_map_get_viewport (self->map);

  self->osm = shumate_raster_renderer_new_full ("openstreetmap", "OpenStreetMap",
                                                "© OpenStreetMap contributors",
                                                "https://www.openstreetmap.org/copyright",
                                                0, 19, 256, SHUMATE_MAP_PROJECTION_MERCATOR,
                                                SHUMATE_DATA_SOURCE (source));
  shumate_viewport_set_reference_map_source (viewport, SHUMATE_MAP_SOURCE (self->osm));
  shumate_viewport_set_min_zoom_level (viewport, 2);
  shumate_viewport_set_max_zoom_level (viewport, STEAD_POINT_SOURCE_MAX_ZOOM);

  self->background = stead_background_layer_new (viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->background));
  self->areas = stead_area_layer_new (viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->areas));
  self->resources = stead_point_layer_new (viewport, STEAD_POINT_LAYER_RESOURCES);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->resources));
  self->needs = stead_point_layer_new (viewport, STEAD_POINT_LAYER_NEEDS);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->needs));
  /* One badge per place for needs, resources and sites, over them all. */
  self->points = stead_point_layer_new_merged (viewport, self->needs, self->resources);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->points));
  stead_area_layer_set_avoid (self->areas, self->points);
  g_signal_connect_object (self->points, "layout-changed",
                           G_CALLBACK (stead_map_view_queue_named_layers), self,
                           G_CONNECT_SWAPPED);
}

/* Zoom and offline map buttons, top right; the drawing tool joins them. */
static GtkWidget *
stead_map_view_init_controls (SteadMapView *self)
{
  GtkWidget *controls = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_add_css_class (controls, "linked");
  gtk_widget_set_halign (controls, GTK_ALIGN_END);
  gtk_widget_set_valign (controls, GTK_ALIGN_START);
  gtk_widget_set_margin_top (controls, 12);
  gtk_widget_set_margin_end (controls, 12);
  gtk_box_append (GTK_BOX (controls),
                  stead_map_view_control_button ("zoom-in-symbolic", "map.zoom-in",
                                                 _("Zoom In")));
  gtk_box_append (GTK_BOX (controls),
                  stead_map_view_control_button ("zoom-out-symbolic", "map.zoom-out",
                                                 _("Zoom Out")));
  gtk_box_append (GTK_BOX (controls),
                  stead_map_view_control_button ("zoom-fit-best-symbolic", "map.zoom-area",
                                                 _("Show the Whole Area")));
  gtk_box_append (GTK_BOX (controls),
                  stead_map_view_control_button ("document-open-symbolic", "map.add-offline-map",
                                                 _("Add Offline Map (MBTiles)…")));
  gtk_box_append (GTK_BOX (controls),
                  stead_map_view_control_button ("document-save-as-symbolic", "map.export-view",
                                                 _("Export View…")));
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), controls);
  self->controls = controls;
  return controls;
}

/* The scale and the licences, along the bottom. */
static void
stead_map_view_init_bottom (SteadMapView *self)
{
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  ShumateScale *scale = shumate_scale_new (shumate_map_get_viewport (self->map));

  gtk_widget_set_valign (bottom, GTK_ALIGN_END);
  gtk_widget_set_halign (GTK_WIDGET (scale), GTK_ALIGN_START);
  gtk_widget_set_valign (GTK_WIDGET (scale), GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (scale));
  self->license = shumate_license_new ();
  gtk_widget_set_hexpand (GTK_WIDGET (self->license), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self->license), GTK_ALIGN_END);
  stead_map_view_update_data_attribution (self);
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (self->license));

  /* On a narrow map the licences, in full, are behind this. */
  {
    GtkWidget *popover = gtk_popover_new ();
    GtkWidget *child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

    gtk_box_append (GTK_BOX (child), gtk_image_new_from_icon_name ("help-about-symbolic"));
    gtk_box_append (GTK_BOX (child), gtk_label_new (_("Credits")));
    self->credits = gtk_menu_button_new ();
    gtk_widget_set_name (self->credits, "map-credits");
    gtk_menu_button_set_child (GTK_MENU_BUTTON (self->credits), child);
    gtk_widget_set_tooltip_text (self->credits, _("Map data sources and licences"));
    gtk_widget_add_css_class (self->credits, "osd");
    /* Beside the scale: its popover opens over the map, not off it. */
    gtk_widget_set_halign (self->credits, GTK_ALIGN_START);
    gtk_widget_set_valign (self->credits, GTK_ALIGN_END);
    gtk_widget_set_margin_bottom (self->credits, 6);
    gtk_widget_set_visible (self->credits, FALSE);
    self->credits_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    gtk_popover_set_child (GTK_POPOVER (popover), self->credits_box);
    gtk_menu_button_set_direction (GTK_MENU_BUTTON (self->credits), GTK_ARROW_UP);
    gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->credits), popover);
    gtk_box_append (GTK_BOX (bottom), self->credits);
  }
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), bottom);
  self->bottom = bottom;
}

static void
stead_map_view_init (SteadMapView *self)
{
  GtkWidget *controls;
  GtkGesture *click;
  GtkEventController *scroll, *motion;
  GtkDropTarget *drop;

  self->named_layers =
    g_ptr_array_new_with_free_func ((GDestroyNotify) stead_map_view_named_layer_free);
  self->area_rows =
    g_ptr_array_new_with_free_func ((GDestroyNotify) stead_map_view_area_rows_free);
  self->offline_maps =
    g_ptr_array_new_with_free_func ((GDestroyNotify) stead_map_view_offline_map_free);
  self->base_map = STEAD_BASE_MAP_OFFLINE;
  self->shade_measure = STEAD_AREA_MEASURE_NONE;

  stead_map_view_init_map (self);
  self->overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), GTK_WIDGET (self->map));
  gtk_widget_set_parent (self->overlay, GTK_WIDGET (self));
  controls = stead_map_view_init_controls (self);

  /* Captured before the map sees it, never claimed: dragging still pans. */
  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (stead_map_view_on_click_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (stead_map_view_on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  /* Before the map's own: a wheel's notch is a whole level. */
  self->pointer_x = self->pointer_y = NAN;
  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (stead_map_view_on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), scroll);
  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (stead_map_view_on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (stead_map_view_on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), motion);

  /* Made before the drawing tool, which follows it; shown above it. */
  self->area_panel = stead_area_panel_new ();
  /* The window says whether personal data may be shown; rest centres'
   * names on the map follow it as the summary's titles do. */
  g_object_bind_property (self->area_panel, "show-personal", self->points, "show-personal",
                          G_BINDING_SYNC_CREATE);
  stead_map_view_sketch_init (self, GTK_BOX (controls));
  stead_map_view_select_init (self);

  gtk_widget_set_visible (self->area_panel, FALSE);
  gtk_widget_set_halign (self->area_panel, GTK_ALIGN_END);
  gtk_widget_set_valign (self->area_panel, GTK_ALIGN_FILL);
  gtk_widget_set_margin_top (self->area_panel, 12);
  gtk_widget_set_margin_bottom (self->area_panel, 48);
  gtk_widget_set_margin_end (self->area_panel, 64);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->area_panel);

  stead_map_view_empty_init (self);
  stead_map_view_layers_init (self);
  stead_map_view_time_init (self);
  stead_map_view_init_bottom (self);
  stead_map_view_network_init (self);
  stead_map_view_search_init (self, GTK_BOX (controls));

  /* No count under the map's own controls. */
  stead_point_layer_keep_clear_of (self->points, controls);
  stead_point_layer_keep_clear_of (self->points, self->layers_button);
  stead_point_layer_keep_clear_of (self->points, self->time_button);
  stead_point_layer_keep_clear_of (self->points, GTK_WIDGET (self->license));
  stead_point_layer_keep_clear_of (self->points,
                                   gtk_widget_get_first_child (gtk_widget_get_parent (
                                     GTK_WIDGET (self->license))));
  stead_point_layer_keep_clear_of (self->points, self->area_panel);
  stead_point_layer_keep_clear_of (self->points, self->credits);

  /* Drop .mbtiles files on the map to add them. */
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (stead_map_view_on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  self->zoom_pending = TRUE;
}
