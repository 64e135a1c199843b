/* stead-map-view.c: the map of needs and resources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ShumateMap whose bottom layer is always the locally drawn background,
 * so the map works with no network. OpenStreetMap tiles, when chosen, are
 * drawn over it; tiles that cannot load leave the background showing.
 */

#define G_LOG_DOMAIN "stead-map-view"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "stead-area-panel-private.h"
#include "stead-area-layer.h"
#include "stead-background-layer-private.h"
#include <adwaita.h>

#include "stead-map-view.h"
#include "stead-mbtiles-source.h"
#include "stead-point-layer.h"
#include "stead-tile-downloader.h"

#define OSM_URL "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

struct _SteadMapView
{
  GtkWidget             parent_instance;

  GtkWidget            *overlay;
  ShumateMap           *map;
  ShumateRasterRenderer *osm;
  ShumateMapLayer      *online_layer;
  ShumateMapSource     *online_source;
  ShumateMapSource     *custom;
  SteadBackgroundLayer *background;
  SteadAreaLayer       *areas;
  SteadPointLayer      *needs;
  SteadPointLayer      *resources;
  ShumateLicense       *license;
  SteadWorkspace       *workspace;
  SteadAreaMeasure      shade_measure;
  GCancellable         *shade_cancellable;
  GtkWidget            *shade_legend;     /* weak: in the open layer list */
  GPtrArray            *plugin_layers;   /* layers with a title, for the layer list */
  SteadBaseMap          base_map;
  gboolean              zoom_pending;
  GPtrArray            *offline_maps;  /* of OfflineMap */
  GtkFileChooserNative *chooser;
  GtkWidget            *popover;
  GtkWidget            *layers_button;
  GtkWidget            *area_panel;
  GtkWidget            *band;           /* the rectangle being drawn */
  GtkWidget            *sketch;         /* the polygon being drawn */
  guint32               last_release_time;
  double                last_release_x;
  double                last_release_y;
  SteadGeometry        *drawn;          /* the last polygon drawn */
  GtkWidget            *draw_button;
  GArray               *vertices;       /* SteadCoord, lon/lat */
  double                band_x, band_y;
  gboolean              band_drawn;      /* the release ends a band, not a click */
  double                press_x, press_y;
  GHashTable           *hidden_need_kinds;   /* kinds switched off */
  GHashTable           *need_states;         /* statuses shown */
  guint                 zoom_source;
};

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_BASE_MAP,
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
offline_map_free (OfflineMap *map)
{
  g_free (map->path);
  g_clear_object (&map->source);
  g_free (map);
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
mercator_y (double lat)
{
  double rad = CLAMP (lat, -85.0, 85.0) * G_PI / 180.0;

  return log (tan (G_PI / 4 + rad / 2));
}

static gboolean
points_extent (SteadWorkspace *workspace,
               SteadEnvelope  *extent)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* The R-tree indexes hold every point's box. */
  stmt = stead_workspace_prepare (workspace,
                                  "SELECT min(minx), min(miny), max(maxx), max(maxy) FROM "
                                  "(SELECT minx, miny, maxx, maxy FROM rtree_need_geom "
                                  " UNION ALL SELECT minx, miny, maxx, maxy FROM rtree_resource_geom)",
                                  NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return FALSE;
  extent->min_x = sqlite3_column_double (stmt, 0);
  extent->min_y = sqlite3_column_double (stmt, 1);
  extent->max_x = sqlite3_column_double (stmt, 2);
  extent->max_y = sqlite3_column_double (stmt, 3);
  return TRUE;
}

static void
zoom_now (SteadMapView *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  SteadEnvelope extent = { -8.0, 49.9, 1.8, 58.7 }; /* Great Britain */
  double tile = 256.0;
  double zx, zy, zoom;

  if (self->workspace != NULL &&
      !stead_area_layer_get_extent (self->areas, &extent))
    points_extent (self->workspace, &extent);

  /* Fit the extent with a margin, in Web Mercator. */
  zx = log2 ((width * 0.85) * 360.0 / (tile * MAX (extent.max_x - extent.min_x, 1e-6)));
  zy = log2 ((height * 0.85) * 2 * G_PI /
             (tile * MAX (mercator_y (extent.max_y) - mercator_y (extent.min_y), 1e-9)));
  zoom = CLAMP (MIN (zx, zy), shumate_viewport_get_min_zoom_level (viewport),
                MIN (18, shumate_viewport_get_max_zoom_level (viewport)));

  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_map_center_on (self->map, (extent.min_y + extent.max_y) / 2, (extent.min_x + extent.max_x) / 2);
}

/**
 * stead_map_view_zoom_to_area:
 * @self: a #SteadMapView
 *
 * Shows the whole partnership area: the boundary if there is one, else
 * every area, else every need and resource, else Great Britain.
 */
void
stead_map_view_zoom_to_area (SteadMapView *self)
{
  g_return_if_fail (STEAD_IS_MAP_VIEW (self));

  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    {
      self->zoom_pending = TRUE;
      return;
    }
  self->zoom_pending = FALSE;
  zoom_now (self);
}

/* The licences of the workspace's open data (the postcode directory's
 * OGL statement, say) are shown with the map's own. */
static void
update_data_attribution (SteadMapView *self)
{
  g_autoptr(GString) text = g_string_new (_("Offline background: Stead"));

  if (self->workspace != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (self->workspace,
                                                              "SELECT text FROM stead_attribution ORDER BY source",
                                                              NULL);

      while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_string_append_c (text, '\n');
          g_string_append (text, (const char *) sqlite3_column_text (stmt, 0));
        }
    }
  shumate_license_set_extra_text (self->license, text->str);
}

static void fill_shade_legend (SteadMapView *self);

typedef struct
{
  char             *path;
  SteadAreaMeasure  measure;
  GArray           *fids;
  GArray           *values;
} ShadeJob;

static void
shade_job_free (ShadeJob *job)
{
  g_free (job->path);
  g_array_unref (job->fids);
  g_array_unref (job->values);
  g_free (job);
}

static void
shade_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ShadeJob *job = task_data;
  GError *error = NULL;

  if (stead_area_measure_compute (job->path, job->measure, job->fids, job->values, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_shaded (GObject      *object,
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
  fill_shade_legend (self);
  g_signal_emit (self, signals[AREAS_SHADED], 0);
}

/* Sums the chosen measure per area on a worker thread (its own read-only
 * connection), then shades the areas; a newer request cancels this one. */
static void
refresh_shading (SteadMapView *self)
{
  g_autoptr(GTask) task = NULL;
  ShadeJob *job;

  g_cancellable_cancel (self->shade_cancellable);
  g_clear_object (&self->shade_cancellable);
  if (self->shade_measure == STEAD_AREA_MEASURE_NONE || self->workspace == NULL)
    {
      stead_area_layer_set_values (self->areas, NULL, NULL, 0);
      fill_shade_legend (self);
      return;
    }

  job = g_new0 (ShadeJob, 1);
  job->path = g_strdup (stead_workspace_get_path (self->workspace));
  job->measure = self->shade_measure;
  job->fids = g_array_new (FALSE, FALSE, sizeof (gint64));
  job->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->shade_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->shade_cancellable, on_shaded, NULL);
  g_task_set_source_tag (task, refresh_shading);
  g_task_set_task_data (task, job, (GDestroyNotify) shade_job_free);
  g_task_run_in_thread (task, shade_thread);
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
  refresh_shading (self);
}

SteadAreaMeasure
stead_map_view_get_area_shading (SteadMapView *self)
{
  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), STEAD_AREA_MEASURE_NONE);

  return self->shade_measure;
}

static void
on_workspace_changed (SteadMapView       *self,
                      const char * const *tables,
                      SteadWorkspace     *workspace)
{
  if (g_strv_contains (tables, "stead_attribution"))
    update_data_attribution (self);
  if (self->shade_measure != STEAD_AREA_MEASURE_NONE &&
      (g_strv_contains (tables, "need") || g_strv_contains (tables, "resource") || g_strv_contains (tables, "area")))
    refresh_shading (self);
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
    g_signal_handlers_disconnect_by_func (self->workspace, on_workspace_changed, self);
  g_set_object (&self->workspace, workspace);
  if (workspace != NULL)
    g_signal_connect_object (workspace, "changed", G_CALLBACK (on_workspace_changed), self, G_CONNECT_SWAPPED);
  update_data_attribution (self);

  stead_area_layer_set_workspace (self->areas, workspace);
  refresh_shading (self);
  stead_point_layer_set_workspace (self->resources, workspace);
  stead_point_layer_set_workspace (self->needs, workspace);
  gtk_widget_set_visible (self->area_panel, FALSE);
  stead_map_view_zoom_to_area (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

SteadBaseMap
stead_map_view_get_base_map (SteadMapView *self)
{
  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), STEAD_BASE_MAP_OFFLINE);

  return self->base_map;
}

/* The online base map (OpenStreetMap or the custom server) sits above
 * the offline background and below offline maps and overlays. */
static void
update_online_layer (SteadMapView *self)
{
  ShumateMapSource *source = NULL;

  if (self->online_layer != NULL)
    {
      shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->online_layer));
      shumate_license_remove_map_source (self->license, self->online_source);
      self->online_layer = NULL;
      g_clear_object (&self->online_source);
    }

  if (self->base_map == STEAD_BASE_MAP_OPENSTREETMAP)
    source = SHUMATE_MAP_SOURCE (self->osm);
  else if (self->base_map == STEAD_BASE_MAP_CUSTOM)
    source = self->custom;

  if (source == NULL)
    return;

  self->online_source = g_object_ref (source);
  self->online_layer = shumate_map_layer_new (source, shumate_map_get_viewport (self->map));
  shumate_map_insert_layer_above (self->map, SHUMATE_LAYER (self->online_layer), SHUMATE_LAYER (self->background));
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
  if (url_template != NULL && stead_map_view_check_tile_url (url_template, NULL))
    {
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url_template, -1);
      g_autofree char *key = g_strdup_printf ("custom-%.16s", hash);
      g_autoptr(SteadTileDownloader) source = stead_tile_downloader_new (url_template, key);

      self->custom = SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full ("custom", _("Custom tile server"),
                                                                           attribution, NULL, 0, 19, 256,
                                                                           SHUMATE_MAP_PROJECTION_MERCATOR,
                                                                           SHUMATE_DATA_SOURCE (source)));
    }
  if (self->base_map == STEAD_BASE_MAP_CUSTOM)
    update_online_layer (self);
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

  if (!g_str_has_prefix (url_template, "https://") && !g_str_has_prefix (url_template, "http://"))
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
  update_online_layer (self);

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
 * @kind: needs or resources
 *
 * Returns: (transfer none): the layer drawing the core need or resource table
 */
SteadPointLayer *
stead_map_view_get_point_layer (SteadMapView        *self,
                                SteadPointLayerKind  kind)
{
  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), NULL);

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
  shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (map->layer), SHUMATE_LAYER (self->areas));
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
report_error (SteadMapView *self,
              const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  g_message ("%s", error->message);
  if (!GTK_IS_WINDOW (root))
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Could not add the offline map"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_files (SteadMapView *self,
           GListModel   *files)
{
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path != NULL && !stead_map_view_add_mbtiles (self, path, &error))
        report_error (self, error);
    }
}

static void
on_chooser_response (SteadMapView         *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      add_files (self, files);
    }
  g_clear_object (&self->chooser);
}

static void
add_offline_map (GtkWidget  *widget,
                 const char *action,
                 GVariant   *param)
{
  SteadMapView *self = STEAD_MAP_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Offline maps (*.mbtiles)"));
  gtk_file_filter_add_pattern (filter, "*.mbtiles");

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Add Offline Map"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
on_drop (GtkDropTarget *target,
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
  add_files (self, G_LIST_MODEL (files));
  return TRUE;
}

static char *
kind_label (SteadWorkspace *workspace,
            const char     *vocabulary,
            const char     *kind)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (workspace,
                                                          "SELECT label FROM taxonomy WHERE vocabulary = ? AND code = ?",
                                                          NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, vocabulary, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  return g_strdup (kind);
}

static void
on_open_record (GtkButton *button,
                gpointer   user_data)
{
  const char *action = g_object_get_data (G_OBJECT (button), "action");
  gint64 ref = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "ref"));

  /* The owning plugin installs <module>.show-record; ids are namespaced. */
  if (!gtk_widget_activate_action (GTK_WIDGET (button), action, "x", ref))
    g_message ("No plugin handles %s", action);
}

/* A popover with what is known of one need or resource. */
static void
show_details (SteadMapView    *self,
              SteadPointLayer *layer,
              gint64           fid,
              double           x,
              double           y)
{
  gboolean needs = stead_point_layer_get_kind (layer) == STEAD_POINT_LAYER_NEEDS;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GString) details = g_string_new (NULL);
  GtkWidget *box, *heading, *body;
  const char *owner;

  if (self->workspace == NULL)
    return;

  stmt = stead_workspace_prepare (self->workspace,
                                  needs ? "SELECT kind, title, people, urgency, status, opened, owner, owner_ref "
                                          "FROM need WHERE fid = ?"
                                        : "SELECT kind, title, capacity, NULL, availability, NULL, owner, owner_ref "
                                          "FROM resource WHERE fid = ?",
                                  NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, fid);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return;

  label = kind_label (self->workspace, needs ? "need-kind" : "resource-kind",
                      (const char *) sqlite3_column_text (stmt, 0));
  if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    g_string_append_printf (details, "%s\n", sqlite3_column_text (stmt, 1));
  if (needs)
    {
      static const char *urgency[] = { NULL, N_("Low"), N_("Medium"), N_("High"), N_("Critical") };
      int u = CLAMP (sqlite3_column_int (stmt, 3), 1, 4);
      int people = sqlite3_column_int (stmt, 2);

      g_string_append_printf (details, ngettext ("%d person affected", "%d people affected", people), people);
      g_string_append_printf (details, "\n%s: %s\n", _("Urgency"), _(urgency[u]));
      g_string_append_printf (details, "%s: %s\n", _("Status"), sqlite3_column_text (stmt, 4));
      g_string_append_printf (details, "%s: %.10s", _("Opened"), sqlite3_column_text (stmt, 5));
    }
  else
    {
      g_string_append_printf (details, "%s: %d\n", _("Capacity"), sqlite3_column_int (stmt, 2));
      g_string_append_printf (details, "%s: %s", _("Availability"), sqlite3_column_text (stmt, 4));
    }

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  self->popover = gtk_popover_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  heading = gtk_label_new (label);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  body = gtk_label_new (details->str);
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), body);

  owner = (const char *) sqlite3_column_text (stmt, 6);
  if (owner != NULL)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Open Record"));

      g_object_set_data_full (G_OBJECT (button), "action", g_strdup_printf ("%s.show-record", owner), g_free);
      g_object_set_data (G_OBJECT (button), "ref", GSIZE_TO_POINTER (sqlite3_column_int64 (stmt, 7)));
      g_signal_connect (button, "clicked", G_CALLBACK (on_open_record), NULL);
      gtk_box_append (GTK_BOX (box), button);
    }

  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &(GdkRectangle) { x - 4, y - 4, 8, 8 });
  gtk_popover_popup (GTK_POPOVER (self->popover));
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), FALSE);

  if (self->workspace == NULL ||
      !(summary = stead_area_summary_new_for_area (self->workspace, area_fid, &error)))
    {
      if (error != NULL)
        g_message ("%s", error->message);
      return FALSE;
    }

  /* A warning's area also says how severe, how urgent and how certain
   * it is, and when it starts and ends. */
  stmt = stead_workspace_prepare (self->workspace,
                                  "SELECT a.name, w.severity, w.urgency, w.certainty, w.onset, w.expires "
                                  "FROM area a LEFT JOIN alert w ON w.area = a.fid WHERE a.fid = ?",
                                  NULL);
  sqlite3_bind_int64 (stmt, 1, area_fid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        {
          g_autoptr(GString) when = g_string_new (NULL);
          g_autoptr(GTimeZone) local = g_time_zone_new_local ();

          for (int c = 4; c <= 5; c++)
            {
              g_autoptr(GDateTime) utc = NULL;
              g_autoptr(GDateTime) dt = NULL;
              g_autofree char *text = NULL;

              if (sqlite3_column_type (stmt, c) == SQLITE_NULL ||
                  !(utc = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, c), NULL)))
                continue;
              dt = g_date_time_to_timezone (utc, local);
              text = g_date_time_format (dt, "%e %b %H:%M");
              if (when->len > 0)
                g_string_append_c (when, ' ');
              /* TRANSLATORS: when a warning starts and ends, e.g. "from 29 Nov 09:00 until 30 Nov 09:00" */
              g_string_append_printf (when, c == 4 ? _("from %s") : _("until %s"), g_strstrip (text));
            }
          /* TRANSLATORS: a warning area: its name, then CAP severity, urgency, certainty, and when */
          title = g_strdup_printf (_("%s\n%s · %s · %s %s"), name,
                                   (const char *) sqlite3_column_text (stmt, 1),
                                   (const char *) sqlite3_column_text (stmt, 2),
                                   (const char *) sqlite3_column_text (stmt, 3), when->str);
        }
      else
        title = g_strdup (name);
    }

  stead_area_panel_set_summary (STEAD_AREA_PANEL (self->area_panel), self->workspace,
                                title != NULL ? title : _("Area"), summary);
  gtk_widget_set_visible (self->area_panel, TRUE);
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

  g_return_if_fail (STEAD_IS_MAP_VIEW (self));

  if (self->workspace == NULL || !(summary = stead_area_summary_new (self->workspace, box, &error)))
    return;
  stead_area_panel_set_summary (STEAD_AREA_PANEL (self->area_panel), self->workspace,
                                _("Drawn area"), summary);
  gtk_widget_set_visible (self->area_panel, TRUE);
}

/* Shift and drag draws a rectangle to summarise; a plain drag pans. */
static void
on_band_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               SteadMapView   *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  if (!(state & GDK_SHIFT_MASK) || self->workspace == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->band_drawn = TRUE;
  self->band_x = x;
  self->band_y = y;
  gtk_widget_set_margin_start (self->band, (int) x);
  gtk_widget_set_margin_top (self->band, (int) y);
  gtk_widget_set_size_request (self->band, 1, 1);
  gtk_widget_set_visible (self->band, TRUE);
}

static void
on_band_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                SteadMapView   *self)
{
  gtk_widget_set_margin_start (self->band, (int) MIN (self->band_x, self->band_x + dx));
  gtk_widget_set_margin_top (self->band, (int) MIN (self->band_y, self->band_y + dy));
  gtk_widget_set_size_request (self->band, (int) MAX (1, fabs (dx)), (int) MAX (1, fabs (dy)));
}

static void
on_band_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             SteadMapView   *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double lat0, lon0, lat1, lon1;
  double x0 = MIN (self->band_x, self->band_x + dx), x1 = MAX (self->band_x, self->band_x + dx);
  double y0 = MIN (self->band_y, self->band_y + dy), y1 = MAX (self->band_y, self->band_y + dy);

  gtk_widget_set_visible (self->band, FALSE);
  if (x1 - x0 < 4 || y1 - y0 < 4)
    return;
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map), x0, y0, &lat0, &lon0);
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map), x1, y1, &lat1, &lon1);
  stead_map_view_select_box (self, lon0, lat1, lon1, lat0);
}

GtkWidget *
stead_map_view_get_area_panel (SteadMapView *self)
{
  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), NULL);

  return self->area_panel;
}

static void finish_polygon (SteadMapView *self);

static void
draw_sketch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  SteadMapView *self = user_data;
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);

  if (self->vertices->len == 0)
    return;
  for (guint i = 0; i < self->vertices->len; i++)
    {
      const SteadCoord *c = &g_array_index (self->vertices, SteadCoord, i);
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self->map), c->y, c->x, &x, &y);
      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
      cairo_arc (cr, x, y, 3, 0, 2 * G_PI);
      cairo_move_to (cr, x, y);
    }
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
}

static void
end_drawing (SteadMapView *self)
{
  g_array_set_size (self->vertices, 0);
  gtk_widget_queue_draw (self->sketch);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->draw_button), FALSE);
}

/* Summarises what lies inside the polygon drawn so far, and stops drawing. */
static void
finish_polygon (SteadMapView *self)
{
  if (self->vertices->len >= 3 && self->workspace != NULL)
    {
      g_autoptr(GArray) ring = g_array_copy (self->vertices);
      g_autoptr(SteadGeometry) polygon = NULL;
      g_autoptr(SteadAreaSummary) summary = NULL;
      SteadCoord first = g_array_index (ring, SteadCoord, 0);

      g_array_append_val (ring, first);
      polygon = stead_geometry_new_polygon ((const SteadCoord *) ring->data, ring->len);
      summary = stead_area_summary_new (self->workspace, polygon, NULL);
      if (summary != NULL)
        {
          stead_area_panel_set_summary (STEAD_AREA_PANEL (self->area_panel), self->workspace,
                                        _("Drawn area"), summary);
          gtk_widget_set_visible (self->area_panel, TRUE);
        }
      g_clear_pointer (&self->drawn, stead_geometry_unref);
      self->drawn = stead_geometry_ref (polygon);
      end_drawing (self);
      /* Plugins can keep it: a hazard area of a risk, say. */
      g_signal_emit (self, signals[AREA_DRAWN], 0, polygon);
      return;
    }
  end_drawing (self);
}

static void
on_draw_toggled (GtkToggleButton *button,
                 SteadMapView    *self)
{
  /* The double click that ends a polygon must not zoom the map. */
  shumate_map_set_zoom_on_double_click (self->map, !gtk_toggle_button_get_active (button));
  if (!gtk_toggle_button_get_active (button))
    {
      g_array_set_size (self->vertices, 0);
      gtk_widget_queue_draw (self->sketch);
    }
}

static void
finish_drawing_action (GtkWidget  *widget,
                       const char *action,
                       GVariant   *param)
{
  SteadMapView *self = STEAD_MAP_VIEW (widget);

  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->draw_button)))
    finish_polygon (self);
}

static void
cancel_drawing_action (GtkWidget  *widget,
                       const char *action,
                       GVariant   *param)
{
  end_drawing (STEAD_MAP_VIEW (widget));
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  SteadMapView    *self)
{
  self->press_x = x;
  self->press_y = y;
  self->band_drawn = FALSE;
}

/* A click on a cluster zooms to where it splits; on a point, shows it;
 * anywhere else inside an area, summarises the area. */
static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   SteadMapView    *self)
{
  SteadPointLayer *layers[] = { self->needs, self->resources };
  GtkWidget *target;

  /* Drawing a polygon: each click adds a corner, a double click ends. */
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->draw_button)))
    {
      target = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
      if (target == NULL || (target != GTK_WIDGET (self->map) && !gtk_widget_is_ancestor (target, GTK_WIDGET (self->map))))
        return;
      /* The map's own gestures claim each click, which resets this
       * one's count: n_press stays 1 for a real double click. So double
       * clicks are told by the release times and places too. */
      {
        guint32 time = gtk_event_controller_get_current_event_time (GTK_EVENT_CONTROLLER (gesture));
        int double_time = 400, double_distance = 5;
        gboolean is_double;

        g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                      "gtk-double-click-time", &double_time,
                      "gtk-double-click-distance", &double_distance,
                      NULL);
        is_double = n_press >= 2 ||
                    (self->last_release_time != 0 && time >= self->last_release_time &&
                     time - self->last_release_time <= (guint32) double_time &&
                     hypot (x - self->last_release_x, y - self->last_release_y) <= MAX (double_distance, 8));
        self->last_release_time = is_double ? 0 : time;
        self->last_release_x = x;
        self->last_release_y = y;
        if (is_double)
          {
            finish_polygon (self);
            return;
          }
      }
      if (hypot (x - self->press_x, y - self->press_y) <= 8)
        {
          SteadCoord c;

          shumate_viewport_widget_coords_to_location (shumate_map_get_viewport (self->map), GTK_WIDGET (self->map),
                                                      x, y, &c.y, &c.x);
          g_array_append_val (self->vertices, c);
          gtk_widget_queue_draw (self->sketch);
        }
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

  /* Only clicks on the map itself: not on the buttons or the panel. */
  target = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  if (target == NULL || (target != GTK_WIDGET (self->map) && !gtk_widget_is_ancestor (target, GTK_WIDGET (self->map))))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    {
      SteadPointCluster item;
      gint64 fid = 0;
      double lx, ly;

      if (!gtk_widget_translate_coordinates (GTK_WIDGET (self), GTK_WIDGET (layers[i]), x, y, &lx, &ly) ||
          !stead_point_layer_pick (layers[i], lx, ly, &item, &fid))
        continue;

      if (item.count > 1)
        {
          guint zoom = stead_point_index_get_expansion_zoom (stead_point_layer_get_index (layers[i]), item.id);

          shumate_map_go_to_full (self->map, item.lat, item.lon, MIN (zoom, 19));
        }
      else
        show_details (self, layers[i], fid, x, y);
      return;
    }

  {
    double lat, lon;
    gint64 area;

    shumate_viewport_widget_coords_to_location (shumate_map_get_viewport (self->map), GTK_WIDGET (self->map),
                                                x, y, &lat, &lon);
    area = stead_area_layer_pick_area (self->areas, lon, lat);
    if (area > 0)
      stead_map_view_select_area (self, area);
    else
      gtk_widget_set_visible (self->area_panel, FALSE);
  }
}

static void
apply_need_filter (SteadMapView *self)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) states = g_ptr_array_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTableIter iter;
  gpointer key;

  if (self->workspace != NULL && g_hash_table_size (self->hidden_need_kinds) > 0)
    {
      stmt = stead_workspace_prepare (self->workspace,
                                      "SELECT code FROM taxonomy WHERE vocabulary = 'need-kind' "
                                      "UNION SELECT DISTINCT kind FROM need",
                                      NULL);
      while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *kind = (const char *) sqlite3_column_text (stmt, 0);

          if (!g_hash_table_contains (self->hidden_need_kinds, kind))
            g_ptr_array_add (kinds, g_strdup (kind));
        }
    }
  g_ptr_array_add (kinds, NULL);

  g_hash_table_iter_init (&iter, self->need_states);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (states, key);
  g_ptr_array_add (states, NULL);

  stead_point_layer_set_filter (self->needs,
                                g_hash_table_size (self->hidden_need_kinds) > 0
                                  ? (const char * const *) kinds->pdata : NULL,
                                (const char * const *) states->pdata);
}

static void
on_kind_toggled (GtkCheckButton *check,
                 SteadMapView   *self)
{
  const char *kind = g_object_get_data (G_OBJECT (check), "kind");

  if (gtk_check_button_get_active (check))
    g_hash_table_remove (self->hidden_need_kinds, kind);
  else
    g_hash_table_add (self->hidden_need_kinds, g_strdup (kind));
  apply_need_filter (self);
}

static void
on_state_toggled (GtkCheckButton *check,
                  SteadMapView   *self)
{
  const char *state = g_object_get_data (G_OBJECT (check), "state");

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->need_states, (gpointer) state);
  else
    g_hash_table_remove (self->need_states, state);
  apply_need_filter (self);
}

static void
on_base_map_toggled (GtkCheckButton *check,
                     SteadMapView   *self)
{
  if (gtk_check_button_get_active (check))
    stead_map_view_set_base_map (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "base-map")));
}

static void
on_remove_offline_map (GtkButton    *button,
                       SteadMapView *self)
{
  stead_map_view_remove_mbtiles (self, g_object_get_data (G_OBJECT (button), "path"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->layers_button));
}

static GtkWidget *
section (GtkWidget  *box,
         const char *title)
{
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static GtkWidget *
swatch_row (const char  *text,
            const double rgb[3],
            gboolean     square)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dot = gtk_label_new (square ? "■" : "●");
  g_autofree char *markup = g_strdup_printf ("<span foreground=\"#%02x%02x%02x\">%s</span>",
                                             (int) (rgb[0] * 255), (int) (rgb[1] * 255), (int) (rgb[2] * 255),
                                             square ? "■" : "●");

  gtk_label_set_markup (GTK_LABEL (dot), markup);
  gtk_box_append (GTK_BOX (row), dot);
  gtk_box_append (GTK_BOX (row), gtk_label_new (text));
  return row;
}

/* The legend of the shading: five classes of equal numbers of areas. */
static void
fill_shade_legend (SteadMapView *self)
{
  GtkWidget *child;

  if (self->shade_legend == NULL)
    return;
  while ((child = gtk_widget_get_first_child (self->shade_legend)) != NULL)
    gtk_box_remove (GTK_BOX (self->shade_legend), child);

  for (guint i = 0; i < 5; i++)
    {
      double from, to, rgb[3];
      g_autofree char *text = NULL;
      GtkWidget *swatch;

      if (!stead_area_layer_get_class (self->areas, i, &from, &to, rgb))
        continue;
      /* Sums of whole things; classes above the first start above. */
      if (i > 0)
        from = floor (from) + 1;
      if (from >= to)
        text = g_strdup_printf ("%.0f", to);
      else
        text = g_strdup_printf ("%.0f – %.0f", from, to);
      swatch = swatch_row (text, rgb, TRUE);
      gtk_widget_set_margin_start (swatch, 24);
      gtk_box_append (GTK_BOX (self->shade_legend), swatch);
    }
}

static void
on_shade_selected (GtkDropDown  *dropdown,
                   GParamSpec   *pspec,
                   SteadMapView *self)
{
  stead_map_view_set_area_shading (self, (SteadAreaMeasure) gtk_drop_down_get_selected (dropdown) - 1);
}

/* The layers popover: base map, offline maps, overlays with their
 * legend, and the needs filter. Rebuilt each time it opens. */
static void
create_layers_popup (GtkMenuButton *button,
                     gpointer       user_data)
{
  SteadMapView *self = user_data;
  static const struct { const char *code; const char *label; } states[] = {
    { "open", N_("Open") }, { "assigned", N_("Assigned") }, { "met", N_("Met") }, { "closed", N_("Closed") },
  };
  static const double available[3][3] = { { 0.6, 0.6, 0.6 }, { 0.96, 0.76, 0.07 }, { 0.24, 0.22, 0.27 } };
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *offline, *osm, *check, *add;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(GStrv) maps = stead_map_view_get_mbtiles (self);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  section (box, _("Base Map"));
  offline = gtk_check_button_new_with_label (_("Offline background only"));
  osm = gtk_check_button_new_with_label (_("OpenStreetMap"));
  gtk_check_button_set_group (GTK_CHECK_BUTTON (osm), GTK_CHECK_BUTTON (offline));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (offline), self->base_map == STEAD_BASE_MAP_OFFLINE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (osm), self->base_map == STEAD_BASE_MAP_OPENSTREETMAP);
  g_object_set_data (G_OBJECT (offline), "base-map", GINT_TO_POINTER (STEAD_BASE_MAP_OFFLINE));
  g_object_set_data (G_OBJECT (osm), "base-map", GINT_TO_POINTER (STEAD_BASE_MAP_OPENSTREETMAP));
  g_signal_connect (offline, "toggled", G_CALLBACK (on_base_map_toggled), self);
  g_signal_connect (osm, "toggled", G_CALLBACK (on_base_map_toggled), self);
  gtk_box_append (GTK_BOX (box), offline);
  gtk_box_append (GTK_BOX (box), osm);
  if (self->custom != NULL)
    {
      GtkWidget *custom = gtk_check_button_new_with_label (_("Custom tile server"));

      gtk_check_button_set_group (GTK_CHECK_BUTTON (custom), GTK_CHECK_BUTTON (offline));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (custom), self->base_map == STEAD_BASE_MAP_CUSTOM);
      g_object_set_data (G_OBJECT (custom), "base-map", GINT_TO_POINTER (STEAD_BASE_MAP_CUSTOM));
      g_signal_connect (custom, "toggled", G_CALLBACK (on_base_map_toggled), self);
      gtk_box_append (GTK_BOX (box), custom);
    }

  for (guint i = 0; maps[i] != NULL; i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      g_autofree char *name = g_path_get_basename (maps[i]);
      GtkWidget *label = gtk_label_new (name);
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

      gtk_widget_set_hexpand (label, TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove This Offline Map"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove This Offline Map"), -1);
      g_object_set_data_full (G_OBJECT (remove), "path", g_strdup (maps[i]), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_offline_map), self);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (row), remove);
      gtk_box_append (GTK_BOX (box), row);
    }
  add = gtk_button_new_with_mnemonic (_("_Add Offline Map…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "map.add-offline-map");
  gtk_box_append (GTK_BOX (box), add);

  section (box, _("Layers"));
  check = gtk_check_button_new_with_label (_("Areas"));
  g_object_bind_property (self->areas, "visible", check, "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), check);
  {
    /* In the order of SteadAreaMeasure, after "not shaded". */
    static const char *measures[] = {
      N_("Not Shaded"), N_("Open Needs"), N_("People Affected"), N_("Resources"), N_("Capacity Available"),
    };
    GtkStringList *names = gtk_string_list_new (NULL);
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *label = gtk_label_new_with_mnemonic (_("_Shade by"));
    GtkWidget *dropdown;

    for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
      gtk_string_list_append (names, _(measures[i]));
    dropdown = gtk_drop_down_new (G_LIST_MODEL (names), NULL);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), (guint) (self->shade_measure + 1));
    gtk_label_set_mnemonic_widget (GTK_LABEL (label), dropdown);
    gtk_widget_set_margin_start (row, 24);
    gtk_widget_set_hexpand (label, TRUE);
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_shade_selected), self);
    gtk_box_append (GTK_BOX (row), label);
    gtk_box_append (GTK_BOX (row), dropdown);
    gtk_box_append (GTK_BOX (box), row);

    /* The last list's legend is going: stop it clearing this pointer. */
    if (self->shade_legend != NULL)
      g_object_remove_weak_pointer (G_OBJECT (self->shade_legend), (gpointer *) &self->shade_legend);
    self->shade_legend = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    g_object_add_weak_pointer (G_OBJECT (self->shade_legend), (gpointer *) &self->shade_legend);
    gtk_box_append (GTK_BOX (box), self->shade_legend);
    fill_shade_legend (self);
  }
  check = gtk_check_button_new_with_label (_("Needs"));
  g_object_bind_property (self->needs, "visible", check, "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), check);
  {
    static const char *notes[] = {
      N_("Colour: the kind of need (below)"),
      N_("Larger: high or critical urgency"),
      N_("Dark ring: assigned"),
    };

    for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
      {
        GtkWidget *note = gtk_label_new (_(notes[i]));

        gtk_label_set_xalign (GTK_LABEL (note), 0);
        gtk_widget_add_css_class (note, "dim-label");
        gtk_widget_set_margin_start (note, 24);
        gtk_box_append (GTK_BOX (box), note);
      }
  }
  for (guint i = 0; i < self->plugin_layers->len; i++)
    {
      ShumateLayer *layer = g_ptr_array_index (self->plugin_layers, i);

      check = gtk_check_button_new_with_label (g_object_get_data (G_OBJECT (layer), "stead-layer-title"));
      g_object_bind_property (layer, "visible", check, "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      gtk_box_append (GTK_BOX (box), check);
    }
  check = gtk_check_button_new_with_label (_("Resources"));
  g_object_bind_property (self->resources, "visible", check, "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), check);
  for (guint i = 0; i < 3; i++)
    {
      static const char *names[] = { N_("White ring: available"), N_("Amber ring: limited"), N_("Dark ring: committed") };
      GtkWidget *row = swatch_row (_(names[i]), available[i], TRUE);

      gtk_widget_set_margin_start (row, 24);
      gtk_box_append (GTK_BOX (box), row);
    }

  section (box, _("Needs Shown"));
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      check = gtk_check_button_new_with_label (_(states[i].label));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_hash_table_contains (self->need_states, states[i].code));
      g_object_set_data (G_OBJECT (check), "state", (gpointer) states[i].code);
      g_signal_connect (check, "toggled", G_CALLBACK (on_state_toggled), self);
      gtk_box_append (GTK_BOX (box), check);
    }

  if (self->workspace != NULL)
    stmt = stead_workspace_prepare (self->workspace,
                                    "SELECT code, label, sort FROM taxonomy WHERE vocabulary = 'need-kind' ORDER BY sort",
                                    NULL);
  if (stmt != NULL)
    section (box, _("Kinds of Need"));
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *markup = NULL;
      GtkWidget *label;
      GdkRGBA colour;

      /* The label starts with the kind's colour on the map: the legend. */
      stead_point_layer_kind_colour (sqlite3_column_int (stmt, 2), &colour);
      markup = g_markup_printf_escaped ("<span foreground=\"#%02x%02x%02x\">●</span> %s",
                                        (int) (colour.red * 255), (int) (colour.green * 255),
                                        (int) (colour.blue * 255), sqlite3_column_text (stmt, 1));
      check = gtk_check_button_new ();
      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_check_button_set_child (GTK_CHECK_BUTTON (check), label);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), !g_hash_table_contains (self->hidden_need_kinds, code));
      g_object_set_data_full (G_OBJECT (check), "kind", g_strdup (code), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_kind_toggled), self);
      gtk_box_append (GTK_BOX (box), check);
    }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 480);
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);
  gtk_menu_button_set_popover (button, popover);
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
 * stead_map_view_get_drawn_area:
 * @self: a #SteadMapView
 *
 * Returns: (transfer none) (nullable): the last polygon the user drew
 */
SteadGeometry *
stead_map_view_get_drawn_area (SteadMapView *self)
{
  g_return_val_if_fail (STEAD_IS_MAP_VIEW (self), NULL);

  return self->drawn;
}

/**
 * stead_map_view_add_named_layer:
 * @self: a #SteadMapView
 * @layer: a layer over the map's viewport
 * @title: its name in the layer list, where it can be switched off
 *
 * How plugins add their own layers (a partner's sites, hazard zones).
 * Remove it again with stead_map_view_remove_layer().
 */
void
stead_map_view_add_named_layer (SteadMapView *self,
                                ShumateLayer *layer,
                                const char   *title)
{
  g_return_if_fail (STEAD_IS_MAP_VIEW (self));
  g_return_if_fail (SHUMATE_IS_LAYER (layer));

  g_object_set_data_full (G_OBJECT (layer), "stead-layer-title", g_strdup (title), g_free);
  g_ptr_array_add (self->plugin_layers, g_object_ref (layer));
  shumate_map_add_layer (self->map, layer);
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

  for (guint i = 0; self->plugin_layers != NULL && i < self->plugin_layers->len; i++)
    {
      ShumateLayer *layer = g_ptr_array_index (self->plugin_layers, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (layer), "stead-layer-title"), title) == 0)
        return layer;
    }
  return NULL;
}

void
stead_map_view_remove_layer (SteadMapView *self,
                             ShumateLayer *layer)
{
  g_return_if_fail (STEAD_IS_MAP_VIEW (self));
  g_return_if_fail (SHUMATE_IS_LAYER (layer));

  if (self->plugin_layers != NULL)
    g_ptr_array_remove (self->plugin_layers, layer);
  shumate_map_remove_layer (self->map, layer);
}

static void
zoom_in (GtkWidget  *widget,
         const char *action,
         GVariant   *param)
{
  shumate_map_zoom_in (STEAD_MAP_VIEW (widget)->map);
}

static void
zoom_out (GtkWidget  *widget,
          const char *action,
          GVariant   *param)
{
  shumate_map_zoom_out (STEAD_MAP_VIEW (widget)->map);
}

static void
zoom_area (GtkWidget  *widget,
           const char *action,
           GVariant   *param)
{
  stead_map_view_zoom_to_area (STEAD_MAP_VIEW (widget));
}

static GtkWidget *
control_button (const char *icon,
                const char *action,
                const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "osd");
  return button;
}

static gboolean
zoom_in_idle (gpointer user_data)
{
  SteadMapView *self = user_data;

  self->zoom_source = 0;
  zoom_now (self);
  return G_SOURCE_REMOVE;
}

static void
stead_map_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  SteadMapView *self = STEAD_MAP_VIEW (widget);

  gtk_widget_allocate (self->overlay, width, height, baseline, NULL);
  if (self->popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->popover));

  /* Zooming changes the viewport, which must not happen mid-allocation. */
  if (self->zoom_pending && width > 0 && self->zoom_source == 0)
    {
      self->zoom_pending = FALSE;
      self->zoom_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, zoom_in_idle, self, NULL);
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
  if (self->shade_legend != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->shade_legend), (gpointer *) &self->shade_legend);
  self->shade_legend = NULL;
  g_clear_pointer (&self->plugin_layers, g_ptr_array_unref);
  g_clear_pointer (&self->drawn, stead_geometry_unref);
  g_clear_handle_id (&self->zoom_source, g_source_remove);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->overlay, gtk_widget_unparent);
  g_clear_object (&self->workspace);
  g_clear_object (&self->osm);
  g_clear_object (&self->custom);
  g_clear_object (&self->online_source);
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->offline_maps, g_ptr_array_unref);
  g_clear_pointer (&self->hidden_need_kinds, g_hash_table_unref);
  g_clear_pointer (&self->vertices, g_array_unref);
  g_clear_pointer (&self->need_states, g_hash_table_unref);

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
  signals[AREAS_SHADED] = g_signal_new ("areas-shaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  signals[AREA_DRAWN] = g_signal_new ("area-drawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, STEAD_TYPE_GEOMETRY);
  signals[MAPS_CHANGED] = g_signal_new ("maps-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_in);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_out);
  gtk_widget_class_install_action (widget_class, "map.zoom-area", NULL, zoom_area);
  gtk_widget_class_install_action (widget_class, "map.add-offline-map", NULL, add_offline_map);
  gtk_widget_class_install_action (widget_class, "map.finish-drawing", NULL, finish_drawing_action);
  gtk_widget_class_install_action (widget_class, "map.cancel-drawing", NULL, cancel_drawing_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "map.finish-drawing", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "map.cancel-drawing", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "map.zoom-area", NULL);

  gtk_widget_class_set_css_name (widget_class, "steadmapview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
stead_map_view_init (SteadMapView *self)
{
  self->plugin_layers = g_ptr_array_new_with_free_func (g_object_unref);
  ShumateViewport *viewport;
  GtkWidget *controls;
  GtkWidget *bottom;
  ShumateScale *scale;

  self->base_map = STEAD_BASE_MAP_OFFLINE;

  self->map = shumate_map_new ();
  gtk_widget_add_css_class (GTK_WIDGET (self->map), "stead-map");
  gtk_widget_set_focusable (GTK_WIDGET (self->map), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->map), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Map of needs and resources"), -1);
  viewport = shumate_map_get_viewport (self->map);

  /* The OSM source is the projection's reference even when its tiles are
   * not shown; nothing is downloaded until its layer is added. */
  {
    /* Fetched by Stead itself, so the OSM servers see who is asking. */
    g_autoptr(SteadTileDownloader) source = stead_tile_downloader_new (OSM_URL, "openstreetmap");

    self->osm = shumate_raster_renderer_new_full ("openstreetmap", "OpenStreetMap",
                                                  "© OpenStreetMap contributors",
                                                  "https://www.openstreetmap.org/copyright",
                                                  0, 19, 256, SHUMATE_MAP_PROJECTION_MERCATOR,
                                                  SHUMATE_DATA_SOURCE (source));
  }
  shumate_viewport_set_reference_map_source (viewport, SHUMATE_MAP_SOURCE (self->osm));
  shumate_viewport_set_min_zoom_level (viewport, 2);
  shumate_viewport_set_max_zoom_level (viewport, 19);

  self->background = stead_background_layer_new (viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->background));
  self->areas = stead_area_layer_new (viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->areas));
  self->resources = stead_point_layer_new (viewport, STEAD_POINT_LAYER_RESOURCES);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->resources));
  self->needs = stead_point_layer_new (viewport, STEAD_POINT_LAYER_NEEDS);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->needs));

  self->overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), GTK_WIDGET (self->map));
  gtk_widget_set_parent (self->overlay, GTK_WIDGET (self));

  controls = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (controls, "linked");
  gtk_widget_set_halign (controls, GTK_ALIGN_END);
  gtk_widget_set_valign (controls, GTK_ALIGN_START);
  gtk_widget_set_margin_top (controls, 12);
  gtk_widget_set_margin_end (controls, 12);
  gtk_box_append (GTK_BOX (controls), control_button ("zoom-in-symbolic", "map.zoom-in", _("Zoom In")));
  gtk_box_append (GTK_BOX (controls), control_button ("zoom-out-symbolic", "map.zoom-out", _("Zoom Out")));
  gtk_box_append (GTK_BOX (controls), control_button ("zoom-fit-best-symbolic", "map.zoom-area",
                                                      _("Show the Whole Area")));
  gtk_box_append (GTK_BOX (controls), control_button ("document-open-symbolic", "map.add-offline-map",
                                                      _("Add Offline Map (MBTiles)…")));

  /* Draw a polygon: click its corners, double-click or Enter to finish. */
  self->draw_button = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (self->draw_button), "edit-select-all-symbolic");
  gtk_widget_set_tooltip_text (self->draw_button,
                               _("Draw an Area: click its corners, double-click to see what is inside"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->draw_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Draw an Area"), -1);
  gtk_widget_add_css_class (self->draw_button, "osd");
  g_signal_connect (self->draw_button, "toggled", G_CALLBACK (on_draw_toggled), self);
  gtk_box_append (GTK_BOX (controls), self->draw_button);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), controls);

  self->band = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->band, "stead-selection-band");
  gtk_widget_set_halign (self->band, GTK_ALIGN_START);
  gtk_widget_set_valign (self->band, GTK_ALIGN_START);
  gtk_widget_set_can_target (self->band, FALSE);
  gtk_widget_set_visible (self->band, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->band);

  self->shade_measure = STEAD_AREA_MEASURE_NONE;
  self->vertices = g_array_new (FALSE, FALSE, sizeof (SteadCoord));
  self->sketch = gtk_drawing_area_new ();
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->sketch), draw_sketch, self, NULL);
  gtk_widget_set_can_target (self->sketch, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->sketch);
  g_signal_connect_object (viewport, "notify", G_CALLBACK (gtk_widget_queue_draw), self->sketch, G_CONNECT_SWAPPED);

  self->area_panel = stead_area_panel_new ();
  gtk_widget_set_visible (self->area_panel, FALSE);
  gtk_widget_set_halign (self->area_panel, GTK_ALIGN_END);
  gtk_widget_set_valign (self->area_panel, GTK_ALIGN_FILL);
  gtk_widget_set_margin_top (self->area_panel, 12);
  gtk_widget_set_margin_bottom (self->area_panel, 48);
  gtk_widget_set_margin_end (self->area_panel, 64);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->area_panel);

  self->layers_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->layers_button), "view-list-bullet-symbolic");
  gtk_widget_set_tooltip_text (self->layers_button, _("Base Map and Layers"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->layers_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Base Map and Layers"), -1);
  gtk_widget_add_css_class (self->layers_button, "osd");
  gtk_widget_set_halign (self->layers_button, GTK_ALIGN_START);
  gtk_widget_set_valign (self->layers_button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->layers_button, 12);
  gtk_widget_set_margin_start (self->layers_button, 12);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->layers_button), create_layers_popup, self, NULL);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->layers_button);

  bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (bottom, GTK_ALIGN_END);
  scale = shumate_scale_new (viewport);
  gtk_widget_set_halign (GTK_WIDGET (scale), GTK_ALIGN_START);
  gtk_widget_set_valign (GTK_WIDGET (scale), GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (scale));
  self->license = shumate_license_new ();
  gtk_widget_set_hexpand (GTK_WIDGET (self->license), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self->license), GTK_ALIGN_END);
  update_data_attribution (self);
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (self->license));
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), bottom);

  self->offline_maps = g_ptr_array_new_with_free_func ((GDestroyNotify) offline_map_free);
  self->hidden_need_kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->need_states = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_add (self->need_states, (gpointer) "open");
  g_hash_table_add (self->need_states, (gpointer) "assigned");
  {
    /* Captured before the map sees it, never claimed: dragging still pans. */
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
    g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
    g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  }
  {
    GtkGesture *drag = gtk_gesture_drag_new ();

    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
    g_signal_connect (drag, "drag-begin", G_CALLBACK (on_band_begin), self);
    g_signal_connect (drag, "drag-update", G_CALLBACK (on_band_update), self);
    g_signal_connect (drag, "drag-end", G_CALLBACK (on_band_end), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  }
  {
    /* Drop .mbtiles files on the map to add them. */
    GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }

  self->zoom_pending = TRUE;
}
