/* stead-background-layer.c: the offline background of the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawn locally in one snapshot, so the map is useful with no network,
 * which is exactly when it is needed: the sea, land, lakes, coastlines
 * and rivers of GSHHG (see stead-shore.c), under a graticule. The areas
 * are SteadAreaLayer's, above it.
 *
 * The detail follows the zoom; the bins for the view (and half a view
 * around it) are read on a worker thread once the first frame is out,
 * and projected to Web Mercator there, so a frame only scales points.
 * Until they arrive, and wherever GSHHG is not installed, the background
 * is plain land colour and the graticule.
 */

#define G_LOG_DOMAIN "stead-background-layer"

#include "config.h"

#include <math.h>

#include "stead-background-layer-private.h"
#include "stead-shore-private.h"

#define STEAD_BACKGROUND_MAX_LAT 85.05112878
/* Points further out are clamped: cairo's coordinates are 24.8 fixed. */
#define STEAD_BACKGROUND_FAR 4.0e6

enum {
  PROP_0,
  PROP_RESOLUTION,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  SteadShoreKind kind;
  guint          level;
  guint          start;   /* pairs into the geography's xy */
  guint          n;
  double         min_x;   /* its box in Web Mercator */
  double         min_y;
  double         max_x;
  double         max_y;
} BackgroundPath;

/* What one load brought: immutable once built. */
typedef struct
{
  SteadShoreResolution resolution;
  SteadEnvelope        box;     /* degrees: what its bins cover */
  GArray              *paths;   /* of BackgroundPath */
  GArray              *xy;      /* doubles: Web Mercator x, y in [0, 1] */
} BackgroundGeography;

typedef struct
{
  SteadShore           *shore;
  SteadShoreResolution  resolution;
  SteadEnvelope         box;
} BackgroundRequest;

struct _SteadBackgroundLayer
{
  ShumateLayer         parent_instance;

  SteadShore          *shore;
  BackgroundGeography *geography;    /* what is drawn; NULL: the grid alone */
  GCancellable        *cancellable;  /* the load under way */
  guint                load_source;  /* the load about to start */
  gboolean             drawn;        /* the first frame is out */
  gboolean             loading;      /* a load is wanted, waiting or under way */
  gboolean             failed;       /* the files would not read: the grid only */
};

G_DEFINE_FINAL_TYPE (SteadBackgroundLayer, stead_background_layer, SHUMATE_TYPE_LAYER)

static void
stead_background_layer_geography_free (BackgroundGeography *geography)
{
  g_array_unref (geography->paths);
  g_array_unref (geography->xy);
  g_free (geography);
}

static void
stead_background_layer_request_free (BackgroundRequest *request)
{
  stead_shore_unref (request->shore);
  g_free (request);
}

/**
 * stead_map_mercator_y:
 * @lat: a latitude, degrees
 *
 * Returns: its Web Mercator y, 0 (north) to 1 (south)
 */
double
stead_map_mercator_y (double lat)
{
  double rad = CLAMP (lat, -STEAD_BACKGROUND_MAX_LAT, STEAD_BACKGROUND_MAX_LAT) * G_PI / 180;

  return 0.5 - log (tan (G_PI / 4 + rad / 2)) / (2 * G_PI);
}

/* The worker: reads (or finds in the cache) the bins and projects them. */
static void
stead_background_layer_load_thread (GTask        *task,
                                    gpointer      source_object,
                                    gpointer      task_data,
                                    GCancellable *cancellable)
{
  BackgroundRequest *request = task_data;
  g_autoptr(GPtrArray) bins = NULL;
  g_autoptr(GError) error = NULL;
  BackgroundGeography *geography;

  bins = stead_shore_load (request->shore, request->resolution, &request->box, cancellable,
                           &error);
  if (bins == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  geography = g_new0 (BackgroundGeography, 1);
  geography->resolution = request->resolution;
  geography->paths = g_array_new (FALSE, FALSE, sizeof (BackgroundPath));
  geography->xy = g_array_new (FALSE, FALSE, sizeof (double));
  geography->box = (SteadEnvelope) { 180, 90, -180, -90 };
  for (guint b = 0; b < bins->len; b++)
    {
      guint n_lines;
      const SteadShoreLine *lines = stead_shore_bin_get_lines (bins->pdata[b], &n_lines);
      SteadEnvelope e;

      stead_shore_bin_get_envelope (bins->pdata[b], &e);
      geography->box.min_x = MIN (geography->box.min_x, e.min_x);
      geography->box.min_y = MIN (geography->box.min_y, e.min_y);
      geography->box.max_x = MAX (geography->box.max_x, e.max_x);
      geography->box.max_y = MAX (geography->box.max_y, e.max_y);

      for (guint i = 0; i < n_lines; i++)
        {
          BackgroundPath path = { lines[i].kind, lines[i].level, geography->xy->len / 2,
                                  lines[i].n_points, G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE,
                                  -G_MAXDOUBLE };

          for (gsize p = 0; p < lines[i].n_points; p++)
            {
              double xy[2] = { (lines[i].points[p].x + 180) / 360,
                               stead_map_mercator_y (lines[i].points[p].y) };

              g_array_append_vals (geography->xy, xy, 2);
              path.min_x = MIN (path.min_x, xy[0]);
              path.max_x = MAX (path.max_x, xy[0]);
              path.min_y = MIN (path.min_y, xy[1]);
              path.max_y = MAX (path.max_y, xy[1]);
            }
          g_array_append_val (geography->paths, path);
        }
    }
  g_task_return_pointer (task, geography, (GDestroyNotify) stead_background_layer_geography_free);
}

/* The view in degrees, clamped to the world. */
static gboolean
stead_background_layer_get_view (SteadBackgroundLayer *self,
                                 SteadEnvelope        *view)
{
  GtkWidget *widget = GTK_WIDGET (self);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const double corners[4][2] = { { 0, 0 }, { width, 0 }, { 0, height }, { width, height } };

  if (width <= 0 || height <= 0 || viewport == NULL ||
      shumate_viewport_get_reference_map_source (viewport) == NULL)
    return FALSE;

  /* Four corners, for a rotated map. */
  *view = (SteadEnvelope) { 180, 90, -180, -90 };
  for (guint i = 0; i < 4; i++)
    {
      double lat, lon;

      shumate_viewport_widget_coords_to_location (viewport, widget, corners[i][0], corners[i][1],
                                                  &lat, &lon);
      view->min_x = MIN (view->min_x, CLAMP (lon, -180, 180));
      view->max_x = MAX (view->max_x, CLAMP (lon, -180, 180));
      view->min_y = MIN (view->min_y, CLAMP (lat, -90, 90));
      view->max_y = MAX (view->max_y, CLAMP (lat, -90, 90));
    }
  return TRUE;
}

static void
stead_background_layer_set_loading (SteadBackgroundLayer *self,
                                    gboolean              loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* What the view wants: a resolution, and whether what is loaded covers it. */
static gboolean
stead_background_layer_wants (SteadBackgroundLayer *self,
                              SteadShoreResolution *resolution,
                              SteadEnvelope        *view)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  const BackgroundGeography *g = self->geography;

  if (self->failed || !stead_background_layer_get_view (self, view) ||
      !stead_shore_pick_resolution (self->shore, shumate_viewport_get_zoom_level (viewport),
                                    resolution))
    return FALSE;
  return g == NULL || g->resolution != *resolution || view->min_x < g->box.min_x ||
         view->max_x > g->box.max_x || view->min_y < g->box.min_y || view->max_y > g->box.max_y;
}

static void stead_background_layer_update (SteadBackgroundLayer *self);

static void
stead_background_layer_on_loaded (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(SteadBackgroundLayer) self = user_data;
  g_autoptr(GError) error = NULL;
  BackgroundGeography *geography;

  geography = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* disposed */

  g_clear_object (&self->cancellable);
  if (geography == NULL)
    {
      /* Missing or unreadable: the grid stays, as with no GSHHG at all. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_message ("Offline map: %s", error->message);
      self->failed = TRUE;
      stead_background_layer_set_loading (self, FALSE);
      return;
    }

  g_clear_pointer (&self->geography, stead_background_layer_geography_free);
  self->geography = geography;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLUTION]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  /* The view may have moved on meanwhile. */
  stead_background_layer_update (self);
}

static gboolean
stead_background_layer_start_load (gpointer user_data)
{
  SteadBackgroundLayer *self = user_data;
  g_autoptr(GTask) task = NULL;
  BackgroundRequest *request;
  SteadShoreResolution resolution;
  SteadEnvelope view;
  double margin_x, margin_y;

  self->load_source = 0;
  if (!stead_background_layer_wants (self, &resolution, &view))
    {
      stead_background_layer_set_loading (self, FALSE);
      return G_SOURCE_REMOVE;
    }

  /* Half a view around the view, so a pan loads nothing new. */
  margin_x = (view.max_x - view.min_x) / 2;
  margin_y = (view.max_y - view.min_y) / 2;
  request = g_new0 (BackgroundRequest, 1);
  request->shore = stead_shore_ref (self->shore);
  request->resolution = resolution;
  request->box = (SteadEnvelope) { MAX (view.min_x - margin_x, -180),
                                   MAX (view.min_y - margin_y, -90),
                                   MIN (view.max_x + margin_x, 180),
                                   MIN (view.max_y + margin_y, 90) };

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, stead_background_layer_on_loaded,
                     g_object_ref (self));
  g_task_set_source_tag (task, stead_background_layer_start_load);
  g_task_set_task_data (task, request, (GDestroyNotify) stead_background_layer_request_free);
  g_task_run_in_thread (task, stead_background_layer_load_thread);
  return G_SOURCE_REMOVE;
}

/* Decides whether the view needs a load; it starts once the first frame
 * is out (the snapshot calls this again), one load at a time. */
static void
stead_background_layer_update (SteadBackgroundLayer *self)
{
  SteadShoreResolution resolution;
  SteadEnvelope view;

  if (self->cancellable != NULL || self->load_source != 0)
    return;
  if (!stead_background_layer_wants (self, &resolution, &view))
    {
      stead_background_layer_set_loading (self, FALSE);
      return;
    }
  stead_background_layer_set_loading (self, TRUE);
  if (self->drawn)
    self->load_source = g_idle_add (stead_background_layer_start_load, self);
}

static double
stead_background_layer_graticule_step (double span)
{
  static const double steps[] = { 30,  10,   5,    2,    1,     0.5,   0.2,
                                  0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (span / steps[i] >= 4)
      return steps[i];
  return steps[G_N_ELEMENTS (steps) - 1];
}

/**
 * stead_map_mercator_transform:
 * @viewport: the map's viewport
 * @widget: a layer of the map
 * @m: (out caller-allocates) (array fixed-size=6): the map
 *
 * Web Mercator (x and y in [0, 1]) to @widget's coordinates: an affine
 * map (scale, rotation, offset) found from three points of the view, so
 * it is exactly what the viewport does, for a frame's worth of points at
 * a multiply-add each. m = { xx, xy, yx, yy, x0, y0 }.
 */
void
stead_map_mercator_transform (ShumateViewport *viewport,
                              GtkWidget       *widget,
                              double           m[6])
{
  double cx = gtk_widget_get_width (widget) / 2.0, cy = gtk_widget_get_height (widget) / 2.0;
  const double wx[3] = { cx, cx + 64, cx }, wy[3] = { cy, cy, cy + 64 };
  double mx[3], my[3], det;

  for (guint i = 0; i < 3; i++)
    {
      double lat, lon;

      shumate_viewport_widget_coords_to_location (viewport, widget, wx[i], wy[i], &lat, &lon);
      mx[i] = (lon + 180) / 360;
      my[i] = stead_map_mercator_y (lat);
    }
  /* Solve w - w0 = A (p - p0) from the two offsets. */
  det = (mx[1] - mx[0]) * (my[2] - my[0]) - (mx[2] - mx[0]) * (my[1] - my[0]);
  if (det == 0)
    det = 1e-300;
  m[0] = ((wx[1] - wx[0]) * (my[2] - my[0]) - (wx[2] - wx[0]) * (my[1] - my[0])) / det;
  m[1] = ((wx[2] - wx[0]) * (mx[1] - mx[0]) - (wx[1] - wx[0]) * (mx[2] - mx[0])) / det;
  m[2] = ((wy[1] - wy[0]) * (my[2] - my[0]) - (wy[2] - wy[0]) * (my[1] - my[0])) / det;
  m[3] = ((wy[2] - wy[0]) * (mx[1] - mx[0]) - (wy[1] - wy[0]) * (mx[2] - mx[0])) / det;
  m[4] = wx[0] - m[0] * mx[0] - m[1] * my[0];
  m[5] = wy[0] - m[2] * mx[0] - m[3] * my[0];
}

static void
stead_background_layer_get_transform (SteadBackgroundLayer *self,
                                      double                m[6])
{
  stead_map_mercator_transform (shumate_layer_get_viewport (SHUMATE_LAYER (self)),
                                GTK_WIDGET (self), m);
}

typedef struct
{
  cairo_t *cr;
  double   m[6];
  double   min_x;   /* the view in Web Mercator */
  double   min_y;
  double   max_x;
  double   max_y;
  double   width;   /* the widget */
  double   height;
} BackgroundFrame;

/* Which sides of the view, with room for the widest line, a point is
 * beyond: left, right, above, below. */
static guint
stead_background_layer_outcode (const BackgroundFrame *f,
                                double                 x,
                                double                 y)
{
  const double margin = 8;

  return (x < -margin) | (x > f->width + margin) << 1 | (y < -margin) << 2 |
         (y > f->height + margin) << 3;
}

/* Adds the paths of @kind with a level from @low to @high, those in view,
 * dropping points less than half a pixel from the last one drawn. */
static void
stead_background_layer_trace (const BackgroundFrame     *f,
                              const BackgroundGeography *g,
                              SteadShoreKind             kind,
                              guint                      low,
                              guint                      high)
{
  const double *xy = (const double *) g->xy->data;

  for (guint i = 0; i < g->paths->len; i++)
    {
      const BackgroundPath *path = &g_array_index (g->paths, BackgroundPath, i);
      double last_x = 0, last_y = 0;

      if (path->kind != kind || path->level < low || path->level > high ||
          path->max_x < f->min_x || path->min_x > f->max_x || path->max_y < f->min_y ||
          path->min_y > f->max_y)
        continue;

      /* A run of points all beyond one side of the view is drawn as its
       * first and last: the path between them stays beyond that side, so
       * what is in view (fill and stroke) is the same. Most of a bin's
       * ring is off screen when zoomed in. */
      guint run = 0;           /* the sides every point of the run is beyond */
      gboolean held = FALSE;   /* the run's last point, not drawn yet */
      double held_x = 0, held_y = 0;

      for (guint p = 0; p < path->n; p++)
        {
          double px = xy[2 * (path->start + p)], py = xy[2 * (path->start + p) + 1];
          double x = CLAMP (f->m[0] * px + f->m[1] * py + f->m[4], -STEAD_BACKGROUND_FAR,
                            STEAD_BACKGROUND_FAR);
          double y = CLAMP (f->m[2] * px + f->m[3] * py + f->m[5], -STEAD_BACKGROUND_FAR,
                            STEAD_BACKGROUND_FAR);
          guint code = stead_background_layer_outcode (f, x, y);

          if (p > 0 && (run & code) != 0)
            {
              run &= code;
              held = TRUE;
              held_x = x;
              held_y = y;
              if (p + 1 < path->n)
                continue;
              held = FALSE;
            }
          else if (held)
            {
              cairo_line_to (f->cr, held_x, held_y);
              held = FALSE;
            }
          if (run == 0 || (run & code) == 0)
            run = code;

          if (p == 0)
            cairo_move_to (f->cr, x, y);
          else if (fabs (x - last_x) + fabs (y - last_y) >= 0.5 || p + 1 == path->n || code != 0)
            cairo_line_to (f->cr, x, y);
          else
            continue;
          last_x = x;
          last_y = y;
        }
      if (kind == STEAD_SHORE_AREA)
        cairo_close_path (f->cr);
    }
}

/* Rivers by zoom: the major ones for a continent, every permanent one
 * from a county down, intermittent ones and canals for a district. */
static void
stead_background_layer_draw_rivers (const BackgroundFrame     *f,
                                    const BackgroundGeography *g,
                                    double                     zoom)
{
  guint max_class = zoom < 4 ? 1 : zoom < 6 ? 2 : zoom < 8 ? 3 : STEAD_SHORE_RIVER_MINOR;
  double width = CLAMP (1.0 + 0.4 * (zoom - 5), 0.8, 5.0);
  const double dash[] = { 4, 3 };

  cairo_set_source_rgb (f->cr, 0.42, 0.64, 0.86);
  for (guint level = 0; level <= max_class; level++)
    {
      /* Major rivers (and those wide enough to have banks) widest. */
      double scale = level <= 2 ? 1.0 : level == 3 ? 0.85 : 0.7;

      cairo_set_line_width (f->cr, MAX (width * scale, 0.8));
      stead_background_layer_trace (f, g, STEAD_SHORE_RIVER, level, level);
      cairo_stroke (f->cr);
    }
  if (zoom < 10)
    return;

  cairo_set_line_width (f->cr, MAX (width * 0.5, 0.8));
  cairo_set_dash (f->cr, dash, G_N_ELEMENTS (dash), 0);
  stead_background_layer_trace (f, g, STEAD_SHORE_RIVER, 5, 7);
  cairo_stroke (f->cr);
  cairo_set_dash (f->cr, NULL, 0, 0);
  stead_background_layer_trace (f, g, STEAD_SHORE_RIVER, 8, 10);
  cairo_stroke (f->cr);
}

/* Sea where the geography reaches, land and lakes in level order (each
 * lies inside the one before), then shorelines and rivers; on @land
 * where the geography does not reach. */
static void
stead_background_layer_draw_geography (SteadBackgroundLayer *self,
                                       GtkSnapshot          *snapshot,
                                       int                   width,
                                       int                   height,
                                       double                zoom,
                                       const GdkRGBA        *land_rgba)
{
  static const double land[3] = { 0.949, 0.937, 0.914 };
  static const double water[3] = { 0.68, 0.81, 0.88 };
  const BackgroundGeography *g = self->geography;
  const double box[4][2] = { { g->box.min_x, g->box.min_y }, { g->box.max_x, g->box.min_y },
                             { g->box.max_x, g->box.max_y }, { g->box.min_x, g->box.max_y } };
  const double corners[4][2] = { { 0, 0 }, { width, 0 }, { 0, height }, { width, height } };
  BackgroundFrame f = { NULL };
  double det, coast_width;

  stead_background_layer_get_transform (self, f.m);
  f.width = width;
  f.height = height;
  det = f.m[0] * f.m[3] - f.m[1] * f.m[2];
  if (det == 0)
    {
      gtk_snapshot_append_color (snapshot, land_rgba, &GRAPHENE_RECT_INIT (0, 0, width, height));
      return;
    }

  /* The view in Web Mercator, from its corners, for culling. */
  f.min_x = f.min_y = G_MAXDOUBLE;
  f.max_x = f.max_y = -G_MAXDOUBLE;
  for (guint i = 0; i < 4; i++)
    {
      double dx = corners[i][0] - f.m[4], dy = corners[i][1] - f.m[5];
      double px = (f.m[3] * dx - f.m[1] * dy) / det, py = (f.m[0] * dy - f.m[2] * dx) / det;

      f.min_x = MIN (f.min_x, px);
      f.max_x = MAX (f.max_x, px);
      f.min_y = MIN (f.min_y, py);
      f.max_y = MAX (f.max_y, py);
    }

  /* The sea painted over the whole view hides anything under it: a
   * window-sized fill less on every frame. */
  {
    double y0 = stead_map_mercator_y (g->box.min_y), y1 = stead_map_mercator_y (g->box.max_y);

    if (f.min_x < (g->box.min_x + 180) / 360 || f.max_x > (g->box.max_x + 180) / 360 ||
        f.min_y < MIN (y0, y1) || f.max_y > MAX (y0, y1))
      gtk_snapshot_append_color (snapshot, land_rgba, &GRAPHENE_RECT_INIT (0, 0, width, height));
  }

  f.cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_join (f.cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (f.cr, CAIRO_LINE_CAP_ROUND);

  for (guint i = 0; i < 4; i++)
    {
      double px = (box[i][0] + 180) / 360, py = stead_map_mercator_y (box[i][1]);

      cairo_line_to (f.cr, f.m[0] * px + f.m[1] * py + f.m[4], f.m[2] * px + f.m[3] * py + f.m[5]);
    }
  cairo_close_path (f.cr);
  cairo_set_source_rgb (f.cr, water[0], water[1], water[2]);
  cairo_fill (f.cr);

  for (guint level = 1; level <= 4; level++)
    {
      const double *c = level % 2 == 1 ? land : water;

      stead_background_layer_trace (&f, g, STEAD_SHORE_AREA, level, level);
      cairo_set_source_rgb (f.cr, c[0], c[1], c[2]);
      cairo_fill (f.cr);
    }

  /* The coast a darker tone of the sea; lakes outlined in a lighter one. */
  coast_width = CLAMP (0.8 + 0.1 * zoom, 1.0, 1.8);
  cairo_set_line_width (f.cr, coast_width);
  cairo_set_source_rgb (f.cr, 0.36, 0.52, 0.62);
  stead_background_layer_trace (&f, g, STEAD_SHORE_COAST, 1, 1);
  stead_background_layer_trace (&f, g, STEAD_SHORE_COAST, 3, 3);
  cairo_stroke (f.cr);
  cairo_set_line_width (f.cr, MAX (coast_width - 0.3, 0.8));
  cairo_set_source_rgb (f.cr, 0.45, 0.62, 0.75);
  stead_background_layer_trace (&f, g, STEAD_SHORE_COAST, 2, 2);
  stead_background_layer_trace (&f, g, STEAD_SHORE_COAST, 4, 4);
  cairo_stroke (f.cr);

  stead_background_layer_draw_rivers (&f, g, zoom);
  cairo_destroy (f.cr);
}

static void
stead_background_layer_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  static const GdkRGBA land = { 0.949, 0.937, 0.914, 1.0 };
  static const GdkRGBA line = { 0.55, 0.6, 0.65, 0.45 };
  SteadBackgroundLayer *self = STEAD_BACKGROUND_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double north, south, east, west;
  double lat_step, lon_step;

  if (width <= 0 || height <= 0 || viewport == NULL ||
      shumate_viewport_get_reference_map_source (viewport) == NULL)
    return;

  /* Colour nodes only until the geography is in: cheap on every
   * renderer, which matters most for the very first frame. */
  if (self->geography != NULL)
    stead_background_layer_draw_geography (self, snapshot, width, height,
                                            shumate_viewport_get_zoom_level (viewport), &land);
  else
    gtk_snapshot_append_color (snapshot, &land, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* Graticule, every step degrees, about 4 to 12 lines across. */
  shumate_viewport_widget_coords_to_location (viewport, widget, 0, 0, &north, &west);
  shumate_viewport_widget_coords_to_location (viewport, widget, width, height, &south, &east);
  lon_step = stead_background_layer_graticule_step (fabs (east - west));
  lat_step = stead_background_layer_graticule_step (fabs (north - south));

  for (double lon = floor (MIN (west, east) / lon_step) * lon_step; lon <= MAX (west, east);
       lon += lon_step)
    {
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, widget, north, lon, &x, &y);
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (round (x), 0, 1, height));
    }
  for (double lat = floor (MIN (north, south) / lat_step) * lat_step; lat <= MAX (north, south);
       lat += lat_step)
    {
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, widget, lat, west, &x, &y);
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, round (y), width, 1));
    }

  /* The first frame is out: what the view needs may load now. */
  self->drawn = TRUE;
  stead_background_layer_update (self);
  if (self->loading && self->cancellable == NULL && self->load_source == 0)
    self->load_source = g_idle_add (stead_background_layer_start_load, self);
}

static void
stead_background_layer_on_viewport_changed (SteadBackgroundLayer *self)
{
  stead_background_layer_update (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
stead_background_layer_constructed (GObject *object)
{
  SteadBackgroundLayer *self = STEAD_BACKGROUND_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (stead_background_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify",
                           G_CALLBACK (stead_background_layer_on_viewport_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
stead_background_layer_dispose (GObject *object)
{
  SteadBackgroundLayer *self = STEAD_BACKGROUND_LAYER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->load_source, g_source_remove);
  g_clear_pointer (&self->geography, stead_background_layer_geography_free);
  g_clear_pointer (&self->shore, stead_shore_unref);

  G_OBJECT_CLASS (stead_background_layer_parent_class)->dispose (object);
}

static void
stead_background_layer_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SteadBackgroundLayer *self = STEAD_BACKGROUND_LAYER (object);

  switch (prop_id)
    {
    case PROP_RESOLUTION:
      g_value_set_int (value, self->geography != NULL ? (int) self->geography->resolution : -1);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_background_layer_class_init (SteadBackgroundLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = stead_background_layer_constructed;
  object_class->dispose = stead_background_layer_dispose;
  object_class->get_property = stead_background_layer_get_property;
  widget_class->snapshot = stead_background_layer_snapshot;

  /**
   * SteadBackgroundLayer:resolution:
   *
   * The GSHHG resolution drawn (a #SteadShoreResolution), -1 while only
   * the grid is.
   */
  properties[PROP_RESOLUTION] =
    g_param_spec_int ("resolution", NULL, NULL, -1, STEAD_SHORE_N_RESOLUTIONS - 1, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SteadBackgroundLayer:loading:
   *
   * Whether the view waits for geography to be read.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stead_background_layer_init (SteadBackgroundLayer *self)
{
  self->shore = stead_shore_ref (stead_shore_get_default ());
}

SteadBackgroundLayer *
stead_background_layer_new (ShumateViewport *viewport)
{
  return g_object_new (STEAD_TYPE_BACKGROUND_LAYER, "viewport", viewport, NULL);
}
