/* stead-area-layer.c: the workspace's areas on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The partnership boundary, wards, LSOAs and hazard zones of the area
 * table, drawn in one snapshot, with an optional choropleth: a value per
 * area shaded in five classes.
 */

#define G_LOG_DOMAIN "stead-area-layer"

#include "config.h"

#include <string.h>

#include <math.h>
#include <stdlib.h>

#include "stead-area-layer-private.h"

typedef struct
{
  gint64         fid;
  char          *kind;
  SteadGeometry *geometry;
  SteadEnvelope  envelope;
} AreaShape;

struct _SteadAreaLayer
{
  ShumateLayer    parent_instance;

  SteadWorkspace *workspace;
  GPtrArray      *areas;   /* of AreaShape */
  GHashTable     *values;  /* gint64 fid -> double, for the choropleth */
  double          breaks[4];
  double          min_value;
  double          max_value;
};

G_DEFINE_FINAL_TYPE (SteadAreaLayer, stead_area_layer, SHUMATE_TYPE_LAYER)

static void
stead_area_layer_area_shape_free (AreaShape *shape)
{
  g_free (shape->kind);
  stead_geometry_unref (shape->geometry);
  g_free (shape);
}

static void
stead_area_layer_reload_areas (SteadAreaLayer *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_ptr_array_set_size (self->areas, 0);

  if (self->workspace != NULL && !stead_workspace_is_closed (self->workspace))
    stmt = stead_workspace_prepare (self->workspace,
                                    "SELECT kind, geom, fid FROM area WHERE geom IS NOT NULL "
                                    "ORDER BY kind = 'boundary', kind = 'hazard', fid",
                                    NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(SteadGeometry) geometry = NULL;
      AreaShape *shape;

      geometry = stead_geometry_new_from_gpkg (sqlite3_column_blob (stmt, 1),
                                               sqlite3_column_bytes (stmt, 1), NULL, NULL);
      if (geometry == NULL || stead_geometry_is_empty (geometry))
        continue;

      shape = g_new0 (AreaShape, 1);
      shape->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      shape->fid = sqlite3_column_int64 (stmt, 2);
      shape->geometry = g_steal_pointer (&geometry);
      stead_geometry_get_envelope (shape->geometry, &shape->envelope);
      g_ptr_array_add (self->areas, shape);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
stead_area_layer_on_workspace_changed (SteadAreaLayer     *self,
                                       const char * const *tables)
{
  if (tables != NULL && g_strv_contains (tables, "area"))
    stead_area_layer_reload_areas (self);
}

void
stead_area_layer_set_workspace (SteadAreaLayer *self,
                                SteadWorkspace *workspace)
{
  g_return_if_fail (STEAD_IS_AREA_LAYER (self));
  g_return_if_fail (workspace == NULL || STEAD_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_set_object (&self->workspace, workspace);
  if (workspace != NULL)
    g_signal_connect_object (workspace, "changed",
                             G_CALLBACK (stead_area_layer_on_workspace_changed), self,
                             G_CONNECT_SWAPPED);
  stead_area_layer_reload_areas (self);
}

/**
 * stead_area_layer_get_extent:
 * @self: a #SteadAreaLayer
 * @extent: (out): the envelope of the boundary, else of every area
 *
 * Returns: %FALSE if the workspace has no areas
 */
gboolean
stead_area_layer_get_extent (SteadAreaLayer *self,
                             SteadEnvelope  *extent)
{
  gboolean any = FALSE;

  g_return_val_if_fail (STEAD_IS_AREA_LAYER (self), FALSE);

  for (int pass = 0; pass < 2 && !any; pass++)
    for (guint i = 0; i < self->areas->len; i++)
      {
        const AreaShape *shape = g_ptr_array_index (self->areas, i);

        if (pass == 0 && g_strcmp0 (shape->kind, "boundary") != 0)
          continue;
        if (!any)
          *extent = shape->envelope;
        else
          {
            extent->min_x = MIN (extent->min_x, shape->envelope.min_x);
            extent->min_y = MIN (extent->min_y, shape->envelope.min_y);
            extent->max_x = MAX (extent->max_x, shape->envelope.max_x);
            extent->max_y = MAX (extent->max_y, shape->envelope.max_y);
          }
        any = TRUE;
      }
  return any;
}

/**
 * stead_area_layer_pick_area:
 * @self: a #SteadAreaLayer
 * @lon: longitude
 * @lat: latitude
 *
 * Returns: the fid of the smallest hazard area (a warning, a flood zone)
 *   containing the point, else of the smallest area containing it (a ward
 *   rather than the whole boundary), or 0
 */
gint64
stead_area_layer_pick_area (SteadAreaLayer *self,
                            double          lon,
                            double          lat)
{
  gint64 best = 0;
  double best_size = G_MAXDOUBLE;
  gboolean best_hazard = FALSE;

  g_return_val_if_fail (STEAD_IS_AREA_LAYER (self), 0);

  for (guint i = 0; i < self->areas->len; i++)
    {
      const AreaShape *shape = g_ptr_array_index (self->areas, i);
      double size = (shape->envelope.max_x - shape->envelope.min_x) *
                    (shape->envelope.max_y - shape->envelope.min_y);
      gboolean hazard = g_strcmp0 (shape->kind, "hazard") == 0;

      if (lon < shape->envelope.min_x || lon > shape->envelope.max_x ||
          lat < shape->envelope.min_y || lat > shape->envelope.max_y)
        continue;
      if (best_hazard && !hazard)
        continue;
      if (hazard == best_hazard && size >= best_size)
        continue;
      if (stead_geometry_contains_point (shape->geometry, lon, lat))
        {
          best = shape->fid;
          best_size = size;
          best_hazard = hazard;
        }
    }
  return best;
}

/* Five sequential classes (light to dark), split at quintiles. */
static const double *
stead_area_layer_choropleth_colour (SteadAreaLayer *self,
                                    double          value)
{
  static const double classes[5][3] = {
    { 1.00, 0.96, 0.80 }, { 0.99, 0.80, 0.54 }, { 0.99, 0.55, 0.35 },
    { 0.89, 0.29, 0.20 }, { 0.70, 0.00, 0.15 },
  };
  guint c = 0;

  while (c < 4 && value > self->breaks[c])
    c++;
  return classes[c];
}

/**
 * stead_area_layer_get_class:
 * @self: a #SteadAreaLayer
 * @index: a class of the choropleth, 0 to 4
 * @from: (out): the lowest value in it (exclusive above class 0)
 * @to: (out): the highest
 * @rgb: (out caller-allocates) (array fixed-size=3): its colour
 *
 * The legend of the shading.
 *
 * Returns: %FALSE if the areas are not shaded, or the class is empty
 */
gboolean
stead_area_layer_get_class (SteadAreaLayer *self,
                            guint           index,
                            double         *from,
                            double         *to,
                            double          rgb[3])
{
  const double *c;

  g_return_val_if_fail (STEAD_IS_AREA_LAYER (self), FALSE);
  g_return_val_if_fail (index < 5, FALSE);

  if (self->values == NULL)
    return FALSE;
  *from = index == 0 ? self->min_value : self->breaks[index - 1];
  *to = index == 4 ? self->max_value : self->breaks[index];
  /* Equal breaks leave a class with nothing in it. */
  if (index > 0 && *to <= *from)
    return FALSE;
  c = stead_area_layer_choropleth_colour (self, *to);
  memcpy (rgb, c, 3 * sizeof (double));
  return TRUE;
}

static int
stead_area_layer_compare_doubles (gconstpointer a,
                                  gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/**
 * stead_area_layer_set_values:
 * @self: a #SteadAreaLayer
 * @fids: (array length=n) (nullable): area rows
 * @values: (array length=n) (nullable): a value for each
 * @n: how many
 *
 * Shades those areas by value in five classes (a choropleth), e.g. needs
 * per ward or a deprivation score; %NULL turns it off.
 */
void
stead_area_layer_set_values (SteadAreaLayer *self,
                             const gint64   *fids,
                             const double   *values,
                             gsize           n)
{
  g_autofree double *sorted = NULL;

  g_return_if_fail (STEAD_IS_AREA_LAYER (self));

  g_clear_pointer (&self->values, g_hash_table_unref);
  if (fids != NULL && values != NULL && n > 0)
    {
      self->values = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      sorted = g_memdup2 (values, n * sizeof (double));
      qsort (sorted, n, sizeof (double), stead_area_layer_compare_doubles);
      for (guint i = 0; i < 4; i++)
        self->breaks[i] = sorted[MIN (n - 1, (i + 1) * n / 5)];
      self->min_value = sorted[0];
      self->max_value = sorted[n - 1];
      for (gsize i = 0; i < n; i++)
        g_hash_table_insert (self->values, g_memdup2 (&fids[i], sizeof (gint64)),
                             g_memdup2 (&values[i], sizeof (double)));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Adds the rings of @geometry's polygons to @cr's path, in @widget's
 * coordinates (also how the search's mark outlines an area). */
void
stead_area_layer_trace_geometry (cairo_t         *cr,
                                 ShumateViewport *viewport,
                                 GtkWidget       *widget,
                                 SteadGeometry   *geometry)
{
  for (guint p = 0; p < stead_geometry_get_n_polygons (geometry); p++)
    for (guint r = 0; r < stead_geometry_get_n_rings (geometry, p); r++)
      {
        gsize n;
        const SteadCoord *ring = stead_geometry_get_ring (geometry, p, r, &n);

        for (gsize i = 0; i < n; i++)
          {
            double x, y;

            shumate_viewport_location_to_widget_coords (viewport, widget, ring[i].y, ring[i].x, &x,
                                                        &y);
            if (i == 0)
              cairo_move_to (cr, x, y);
            else
              cairo_line_to (cr, x, y);
          }
        cairo_close_path (cr);
      }
}

static void
stead_area_layer_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SteadAreaLayer *self = STEAD_AREA_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double north, south, east, west;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || viewport == NULL || self->areas->len == 0 ||
      shumate_viewport_get_reference_map_source (viewport) == NULL)
    return;

  shumate_viewport_widget_coords_to_location (viewport, widget, 0, 0, &north, &west);
  shumate_viewport_widget_coords_to_location (viewport, widget, width, height, &south, &east);

  /* The surface covers only the areas in view (with room for the widest
   * line): allocating and clearing a window-sized one each frame is most
   * of the cost when the area is a corner of the window. */
  {
    double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

    for (guint i = 0; i < self->areas->len; i++)
      {
        const AreaShape *shape = g_ptr_array_index (self->areas, i);
        double ax, ay, bx, by;

        if (shape->envelope.max_x < MIN (west, east) || shape->envelope.min_x > MAX (west, east) ||
            shape->envelope.max_y < MIN (north, south) ||
            shape->envelope.min_y > MAX (north, south))
          continue;
        shumate_viewport_location_to_widget_coords (viewport, widget, shape->envelope.max_y,
                                                    shape->envelope.min_x, &ax, &ay);
        shumate_viewport_location_to_widget_coords (viewport, widget, shape->envelope.min_y,
                                                    shape->envelope.max_x, &bx, &by);
        x0 = MIN (x0, MIN (ax, bx));
        y0 = MIN (y0, MIN (ay, by));
        x1 = MAX (x1, MAX (ax, bx));
        y1 = MAX (y1, MAX (ay, by));
      }
    x0 = MAX (floor (x0) - 3, 0);
    y0 = MAX (floor (y0) - 3, 0);
    x1 = MIN (ceil (x1) + 3, width);
    y1 = MIN (ceil (y1) + 3, height);
    if (x1 <= x0 || y1 <= y0)
      return;
    cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0));
  }

  /* Areas: hazard zones tinted, wards thin, the boundary strong. */
  for (guint i = 0; i < self->areas->len; i++)
    {
      const AreaShape *shape = g_ptr_array_index (self->areas, i);

      if (shape->envelope.max_x < MIN (west, east) || shape->envelope.min_x > MAX (west, east) ||
          shape->envelope.max_y < MIN (north, south) || shape->envelope.min_y > MAX (north, south))
        continue;

      cairo_new_path (cr);
      stead_area_layer_trace_geometry (cr, viewport, widget, shape->geometry);
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);

      if (self->values != NULL && g_hash_table_contains (self->values, &shape->fid))
        {
          double *value = g_hash_table_lookup (self->values, &shape->fid);
          const double *c = stead_area_layer_choropleth_colour (self, *value);

          cairo_set_source_rgba (cr, c[0], c[1], c[2], 0.6);
          cairo_fill_preserve (cr);
          cairo_set_source_rgba (cr, 0.2, 0.2, 0.2, 0.8);
          cairo_set_line_width (cr, 1.0);
          cairo_stroke (cr);
        }
      else if (g_strcmp0 (shape->kind, "boundary") == 0)
        {
          cairo_set_source_rgba (cr, 1, 1, 1, 0.35);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, 0.21, 0.29, 0.40);
          cairo_set_line_width (cr, 3.0);
          cairo_stroke (cr);
        }
      else if (g_strcmp0 (shape->kind, "hazard") == 0)
        {
          cairo_set_source_rgba (cr, 0.11, 0.44, 0.85, 0.22);
          cairo_fill_preserve (cr);
          cairo_set_source_rgba (cr, 0.11, 0.44, 0.85, 0.8);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
      else
        {
          cairo_set_source_rgba (cr, 0.35, 0.38, 0.42, 0.8);
          cairo_set_line_width (cr, 1.0);
          cairo_stroke (cr);
        }
    }

  cairo_destroy (cr);
}

static void
stead_area_layer_on_viewport_changed (SteadAreaLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
stead_area_layer_constructed (GObject *object)
{
  SteadAreaLayer *self = STEAD_AREA_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (stead_area_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify", G_CALLBACK (stead_area_layer_on_viewport_changed),
                           self, G_CONNECT_SWAPPED);
}

static void
stead_area_layer_dispose (GObject *object)
{
  SteadAreaLayer *self = STEAD_AREA_LAYER (object);

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_hash_table_unref);

  G_OBJECT_CLASS (stead_area_layer_parent_class)->dispose (object);
}

static void
stead_area_layer_class_init (SteadAreaLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = stead_area_layer_constructed;
  object_class->dispose = stead_area_layer_dispose;
  widget_class->snapshot = stead_area_layer_snapshot;
}

static void
stead_area_layer_init (SteadAreaLayer *self)
{
  self->areas = g_ptr_array_new_with_free_func ((GDestroyNotify) stead_area_layer_area_shape_free);
}

SteadAreaLayer *
stead_area_layer_new (ShumateViewport *viewport)
{
  return g_object_new (STEAD_TYPE_AREA_LAYER, "viewport", viewport, NULL);
}
