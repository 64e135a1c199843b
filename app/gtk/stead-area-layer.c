/* stead-area-layer.c: the workspace's areas on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The partnership boundary, wards, LSOAs and hazard zones of the area
 * table, drawn in one snapshot, with an optional choropleth: a value per
 * area shaded in five classes. Hazard zones and CAP warnings (hazard
 * areas an alert row points at) can each be switched off; a warning is
 * drawn in its severity's colour and dash, never in the hazard blue.
 *
 * Names are placed greedily by priority (boundary, ward, LSOA, hazard):
 * a label whose box meets one already placed, or the map's own
 * controls, is left out. Wards are named from town scale, LSOAs only
 * close in, and a name is only given to an area about as wide as it.
 *
 * A plugin's overlay (stead_area_layer_new_overlay()) draws only the
 * areas it gave a value, filled by class or hatched, and names none: the
 * map's own layer above it outlines and names them.
 */

#define G_LOG_DOMAIN "stead-area-layer"

#include "config.h"

#include <string.h>

#include <math.h>
#include <stdlib.h>

#include <gtk/gtk.h>

#include "stead-area-layer-private.h"
#include "stead-background-layer-private.h"
#include "stead-hairlines-private.h"
#include "stead-workspace-private.h"

static int
stead_area_layer_compare_doubles (gconstpointer a,
                                  gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Zoom levels from which a kind of area is named (the boundary always). */
#define WARD_LABEL_ZOOM   10.0
#define LSOA_LABEL_ZOOM   13.0
#define HAZARD_LABEL_ZOOM 11.0
#define LABEL_PAD         2.0   /* around a label's box, for its halo */
#define LABEL_HALO        2     /* pixels of halo drawn around a name */
#define LABEL_MAX_WIDTH   220   /* pixels; longer names are ellipsized */

typedef struct
{
  gint64         fid;
  char          *kind;
  char          *name;
  char          *severity;  /* of the most severe alert on it; NULL: not a warning */
  SteadGeometry *geometry;
  SteadEnvelope  envelope;
  double         label_lon; /* inside the area, where its name goes */
  double         label_lat;
  PangoLayout   *layout;    /* its name, made when first placed */
  double        *xy;        /* the rings in Web Mercator, one after the other */
  gsize         *ring_end;  /* where each ring ends in @xy (in points) */
  guint          n_rings;
} AreaShape;

struct _SteadAreaLayer
{
  ShumateLayer    parent_instance;

  SteadWorkspace *workspace;
  GPtrArray      *areas;    /* of AreaShape */
  GHashTable     *values;   /* gint64 fid -> double, for the choropleth */
  SteadAreaStyle  style;
  gboolean        fixed_breaks; /* breaks given, not quintiles */
  double          given_breaks[4];
  double          breaks[4];
  double          min_value;
  double          max_value;
  gboolean        show_hazards;
  gboolean        show_warnings;
  GArray         *labels;   /* of SteadAreaLabel, placed by the last snapshot */
  GArray         *reserved; /* of graphene_rect_t: the map's controls */
  SteadPointLayer *points;  /* weak: whose badges and names to keep clear of */
  GArray         *avoid;    /* of graphene_rect_t: those, for this snapshot */
  SteadHairlines *hairlines; /* the plain outlines, drawn by snapshot */
};

enum {
  PROP_0,
  PROP_SHOW_HAZARDS,
  PROP_SHOW_WARNINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SteadAreaLayer, stead_area_layer, SHUMATE_TYPE_LAYER)

static void
stead_area_layer_area_shape_free (AreaShape *shape)
{
  g_free (shape->kind);
  g_free (shape->name);
  g_free (shape->severity);
  g_clear_object (&shape->layout);
  stead_geometry_unref (shape->geometry);
  g_free (shape->xy);
  g_free (shape->ring_end);
  g_free (shape);
}

/* Whether the area is drawn at all: hazard zones and warnings can be
 * switched off apart. */
static gboolean
stead_area_layer_shape_shown (SteadAreaLayer  *self,
                              const AreaShape *shape)
{
  if (shape->severity != NULL)
    return self->show_warnings;
  if (g_strcmp0 (shape->kind, "hazard") == 0)
    return self->show_hazards;
  return TRUE;
}

/* The rings projected once, so a frame only scales and moves them. */
static void
stead_area_layer_project_shape (AreaShape *shape)
{
  SteadGeometry *geometry = shape->geometry;
  gsize n_points = 0, k = 0;
  guint r_index = 0;

  for (guint p = 0; p < stead_geometry_get_n_polygons (geometry); p++)
    for (guint r = 0; r < stead_geometry_get_n_rings (geometry, p); r++)
      {
        gsize n;

        stead_geometry_get_ring (geometry, p, r, &n);
        n_points += n;
        shape->n_rings++;
      }
  shape->xy = g_new (double, 2 * MAX (n_points, 1));
  shape->ring_end = g_new (gsize, MAX (shape->n_rings, 1));
  for (guint p = 0; p < stead_geometry_get_n_polygons (geometry); p++)
    for (guint r = 0; r < stead_geometry_get_n_rings (geometry, p); r++)
      {
        gsize n;
        const SteadCoord *ring = stead_geometry_get_ring (geometry, p, r, &n);

        for (gsize i = 0; i < n; i++, k++)
          {
            shape->xy[2 * k] = (ring[i].x + 180) / 360;
            shape->xy[2 * k + 1] = stead_map_mercator_y (ring[i].y);
          }
        shape->ring_end[r_index++] = k;
      }
}

/* Adds projected rings to @cr's path through @m (see
 * stead_map_mercator_transform()), or draws them into @lines if given,
 * leaving out points within half a pixel of the last one drawn: at the
 * district's zoom a ward's thousand points are a few hundred pixels of
 * outline. */
static void
stead_area_layer_trace_projected (cairo_t        *cr,
                                  SteadHairlines *lines,
                                  const double    m[6],
                                  const double   *xy,
                                  const gsize    *ring_end,
                                  guint           n_rings)
{
  gsize i = 0;

  for (guint r = 0; r < n_rings; r++)
    {
      gsize first = i;
      double first_x = 0, first_y = 0, last_x = 0, last_y = 0;

      for (; i < ring_end[r]; i++)
        {
          double x = m[0] * xy[2 * i] + m[1] * xy[2 * i + 1] + m[4];
          double y = m[2] * xy[2 * i] + m[3] * xy[2 * i + 1] + m[5];

          if (i == first)
            {
              first_x = x;
              first_y = y;
              if (lines == NULL)
                cairo_move_to (cr, x, y);
            }
          else if (i + 1 == ring_end[r] || fabs (x - last_x) >= 0.5 || fabs (y - last_y) >= 0.5)
            {
              if (lines != NULL)
                stead_hairlines_line (lines, last_x, last_y, x, y);
              else
                cairo_line_to (cr, x, y);
            }
          else
            continue;
          last_x = x;
          last_y = y;
        }
      if (ring_end[r] > first)
        {
          if (lines != NULL)
            stead_hairlines_line (lines, last_x, last_y, first_x, first_y);
          else
            cairo_close_path (cr);
        }
    }
}

/* Where the name goes: the middle of the widest run of the largest
 * polygon's outer ring along the parallel through its middle, so a
 * crescent's name is on it rather than in its hollow. */
static void
stead_area_layer_find_label_point (AreaShape *shape)
{
  const SteadCoord *ring = NULL;
  double best_area = -1, y, best_width = -1;
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  SteadEnvelope env = shape->envelope;
  gsize n = 0;

  shape->label_lon = (env.min_x + env.max_x) / 2;
  shape->label_lat = (env.min_y + env.max_y) / 2;
  for (guint p = 0; p < stead_geometry_get_n_polygons (shape->geometry); p++)
    {
      gsize m;
      const SteadCoord *r = stead_geometry_get_ring (shape->geometry, p, 0, &m);
      double a = 0;

      for (gsize i = 0; i + 1 < m; i++)
        a += r[i].x * r[i + 1].y - r[i + 1].x * r[i].y;
      if (fabs (a) > best_area)
        {
          best_area = fabs (a);
          ring = r;
          n = m;
        }
    }
  if (ring == NULL || n < 4)
    return;

  env.min_y = G_MAXDOUBLE;
  env.max_y = -G_MAXDOUBLE;
  for (gsize i = 0; i < n; i++)
    {
      env.min_y = MIN (env.min_y, ring[i].y);
      env.max_y = MAX (env.max_y, ring[i].y);
    }
  y = (env.min_y + env.max_y) / 2;
  for (gsize i = 0; i + 1 < n; i++)
    {
      const SteadCoord *a = &ring[i], *b = &ring[i + 1];

      if ((a->y <= y) != (b->y <= y))
        {
          double x = a->x + (y - a->y) * (b->x - a->x) / (b->y - a->y);
          g_array_append_val (xs, x);
        }
    }
  g_array_sort (xs, (GCompareFunc) stead_area_layer_compare_doubles);
  for (guint i = 0; i + 1 < xs->len; i += 2)
    {
      double x0 = g_array_index (xs, double, i), x1 = g_array_index (xs, double, i + 1);

      if (x1 - x0 > best_width)
        {
          best_width = x1 - x0;
          shape->label_lon = (x0 + x1) / 2;
          shape->label_lat = y;
        }
    }
}

static void
stead_area_layer_reload_areas (SteadAreaLayer *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) absent = NULL;

  g_ptr_array_set_size (self->areas, 0);

  if (self->workspace != NULL && !stead_workspace_is_closed (self->workspace))
    stmt = stead_workspace_prepare (self->workspace,
                                    "SELECT a.kind, a.geom, a.fid, a.name, "
                                    "(SELECT w.severity FROM alert w WHERE w.area = a.fid "
                                    " ORDER BY CASE w.severity WHEN 'Extreme' THEN 0 "
                                    " WHEN 'Severe' THEN 1 WHEN 'Moderate' THEN 2 "
                                    " WHEN 'Minor' THEN 3 ELSE 4 END LIMIT 1) "
                                    "FROM area a WHERE a.geom IS NOT NULL "
                                    "ORDER BY a.kind = 'boundary', a.kind = 'hazard', a.fid",
                                    NULL);

  /* The areas of a plugin switched off (its hazard areas) go with it. */
  if (stmt != NULL)
    absent = stead_workspace_list_absent_areas (self->workspace);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(SteadGeometry) geometry = NULL;
      gint64 fid = sqlite3_column_int64 (stmt, 2);
      AreaShape *shape;

      if (g_hash_table_contains (absent, &fid))
        continue;

      geometry = stead_geometry_new_from_gpkg (sqlite3_column_blob (stmt, 1),
                                               sqlite3_column_bytes (stmt, 1), NULL, NULL);
      if (geometry == NULL || stead_geometry_is_empty (geometry))
        continue;

      shape = g_new0 (AreaShape, 1);
      shape->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      shape->fid = sqlite3_column_int64 (stmt, 2);
      shape->name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      shape->severity = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      shape->geometry = g_steal_pointer (&geometry);
      stead_geometry_get_envelope (shape->geometry, &shape->envelope);
      stead_area_layer_find_label_point (shape);
      stead_area_layer_project_shape (shape);
      g_ptr_array_add (self->areas, shape);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
stead_area_layer_on_workspace_changed (SteadAreaLayer     *self,
                                       const char * const *tables)
{
  if (tables != NULL && (g_strv_contains (tables, "area") || g_strv_contains (tables, "alert")))
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
          lat < shape->envelope.min_y || lat > shape->envelope.max_y ||
          !stead_area_layer_shape_shown (self, shape))
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
        self->breaks[i] = self->fixed_breaks ? self->given_breaks[i]
                                             : sorted[MIN (n - 1, (i + 1) * n / 5)];
      self->min_value = sorted[0];
      self->max_value = sorted[n - 1];
      for (gsize i = 0; i < n; i++)
        g_hash_table_insert (self->values, g_memdup2 (&fids[i], sizeof (gint64)),
                             g_memdup2 (&values[i], sizeof (double)));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * stead_area_layer_set_breaks:
 * @self: a #SteadAreaLayer
 * @breaks: (array fixed-size=4) (nullable): the highest value of each of
 *   the first four classes, ascending; %NULL for quintiles (the default)
 *
 * Fixed classes, e.g. deprivation deciles two by two; takes effect at the
 * next stead_area_layer_set_values().
 */
void
stead_area_layer_set_breaks (SteadAreaLayer *self,
                             const double   *breaks)
{
  g_return_if_fail (STEAD_IS_AREA_LAYER (self));

  self->fixed_breaks = breaks != NULL;
  if (breaks != NULL)
    memcpy (self->given_breaks, breaks, sizeof self->given_breaks);
}

/**
 * stead_area_layer_get_value:
 * @self: a #SteadAreaLayer
 * @fid: an area row
 * @value: (out) (optional): its value
 *
 * Returns: whether the area has a value (is shaded)
 */
gboolean
stead_area_layer_get_value (SteadAreaLayer *self,
                            gint64          fid,
                            double         *value)
{
  double *found;

  g_return_val_if_fail (STEAD_IS_AREA_LAYER (self), FALSE);

  found = self->values != NULL ? g_hash_table_lookup (self->values, &fid) : NULL;
  if (found != NULL && value != NULL)
    *value = *found;
  return found != NULL;
}

/**
 * stead_area_layer_get_label_point:
 * @self: a #SteadAreaLayer
 * @fid: an area row drawn by the layer
 * @lon: (out): where its name goes: inside it, on its widest part
 * @lat: (out): and the latitude
 *
 * For a plugin writing something of its own beside an area's name.
 *
 * Returns: %FALSE if the layer does not draw the area
 */
gboolean
stead_area_layer_get_label_point (SteadAreaLayer *self,
                                  gint64          fid,
                                  double         *lon,
                                  double         *lat)
{
  g_return_val_if_fail (STEAD_IS_AREA_LAYER (self), FALSE);

  for (guint i = 0; i < self->areas->len; i++)
    {
      const AreaShape *shape = g_ptr_array_index (self->areas, i);

      if (shape->fid == fid)
        {
          *lon = shape->label_lon;
          *lat = shape->label_lat;
          return TRUE;
        }
    }
  return FALSE;
}

#define HATCH_SPACING 9.0
#define HATCH_BAND    14.0   /* pixels of hatching inside a flagged area's outline */

/* Diagonal lines over the whole clip, in @rgb. */
static void
stead_area_layer_hatch (cairo_t      *cr,
                        const double  rgb[3],
                        double        x0,
                        double        y0,
                        double        x1,
                        double        y1)
{
  /* From a multiple of the spacing, so the lines stay put as the map pans. */
  double start = floor ((x0 - (y1 - y0)) / HATCH_SPACING) * HATCH_SPACING;

  cairo_save (cr);
  cairo_clip_preserve (cr);
  cairo_new_path (cr);
  for (double x = start; x < x1 + (y1 - y0); x += HATCH_SPACING)
    {
      cairo_move_to (cr, x, y1);
      cairo_line_to (cr, x + (y1 - y0), y0);
    }
  cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], 0.6);
  cairo_set_line_width (cr, 1.25);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* An overlay's hatched areas: near black, apart from any class's colour. */
static const double stead_area_layer_hatch_rgb[3] = { 0.16, 0.10, 0.24 };

/**
 * stead_area_layer_draw_swatch:
 * @cr: where to draw
 * @style: %STEAD_AREA_STYLE_SHADED or %STEAD_AREA_STYLE_HATCHED
 * @rgb: (array fixed-size=3) (nullable): a class's colour (shaded)
 * @width: the swatch's size
 * @height: its height
 *
 * A legend's swatch, drawn as the overlay draws its areas.
 */
void
stead_area_layer_draw_swatch (cairo_t        *cr,
                              SteadAreaStyle  style,
                              const double    rgb[3],
                              double          width,
                              double          height)
{
  cairo_rectangle (cr, 1, 1, width - 2, height - 2);
  if (style == STEAD_AREA_STYLE_HATCHED)
    {
      /* On the map's light ground, as on the map. */
      cairo_set_source_rgb (cr, 0.96, 0.95, 0.93);
      cairo_fill_preserve (cr);
      stead_area_layer_hatch (cr, stead_area_layer_hatch_rgb, 0, 0, width, height);
      cairo_set_source_rgb (cr, stead_area_layer_hatch_rgb[0], stead_area_layer_hatch_rgb[1],
                            stead_area_layer_hatch_rgb[2]);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
      return;
    }
  /* As the areas look on the map: the class's colour over the base map,
   * under the boundary's light veil. */
  cairo_set_source_rgb (cr, 0.96, 0.95, 0.93);
  cairo_fill_preserve (cr);
  if (rgb != NULL)
    cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], 0.6);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.35);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0.2, 0.2, 0.2, 0.8);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}

/* Adds the rings of @geometry's polygons to @cr's path, in @widget's
 * coordinates (also how the search's mark outlines an area). */
void
stead_area_layer_trace_geometry (cairo_t         *cr,
                                 ShumateViewport *viewport,
                                 GtkWidget       *widget,
                                 SteadGeometry   *geometry)
{
  double m[6];

  stead_map_mercator_transform (viewport, widget, m);
  for (guint p = 0; p < stead_geometry_get_n_polygons (geometry); p++)
    for (guint r = 0; r < stead_geometry_get_n_rings (geometry, p); r++)
      {
        gsize n;
        const SteadCoord *ring = stead_geometry_get_ring (geometry, p, r, &n);
        g_autofree double *xy = g_new (double, 2 * MAX (n, 1));

        for (gsize i = 0; i < n; i++)
          {
            xy[2 * i] = (ring[i].x + 180) / 360;
            xy[2 * i + 1] = stead_map_mercator_y (ring[i].y);
          }
        stead_area_layer_trace_projected (cr, NULL, m, xy, &n, 1);
      }
}

/**
 * stead_area_layer_warning_style:
 * @severity: a CAP severity (Extreme, Severe, Moderate, Minor, Unknown)
 * @rgb: (out caller-allocates) (array fixed-size=3): the outline's colour
 * @dashes: (out caller-allocates) (array fixed-size=2): on and off lengths
 * @n_dashes: (out): 0 for a solid line, else 2
 *
 * How a CAP warning of @severity is outlined: dark red, red-orange, amber
 * and yellow from Extreme to Minor, each with its own dash as well, so
 * they differ without colour and from hazard zones (blue, solid).
 */
void
stead_area_layer_warning_style (const char *severity,
                                double      rgb[3],
                                double      dashes[2],
                                int        *n_dashes)
{
  static const struct
  {
    const char *severity;
    double      rgb[3];
    double      dashes[2];
  } styles[] = {
    { "Extreme", { 0.50, 0.00, 0.05 }, { 0, 0 } },     /* dark red, solid */
    { "Severe", { 0.89, 0.29, 0.10 }, { 12, 3 } },     /* red-orange, long dashes */
    { "Moderate", { 0.96, 0.64, 0.00 }, { 6, 5 } },    /* amber, short dashes */
    { "Minor", { 0.95, 0.86, 0.10 }, { 0.1, 8 } },     /* yellow, dots */
    { "Unknown", { 0.45, 0.45, 0.45 }, { 2, 2 } },     /* grey, fine dashes */
  };
  guint i = 0;

  while (i < G_N_ELEMENTS (styles) - 1 && g_strcmp0 (styles[i].severity, severity) != 0)
    i++;
  memcpy (rgb, styles[i].rgb, sizeof styles[i].rgb);
  memcpy (dashes, styles[i].dashes, sizeof styles[i].dashes);
  *n_dashes = styles[i].dashes[0] > 0 ? 2 : 0;
}

/* Lower first: the order names are placed in. */
static guint
stead_area_layer_label_priority (const AreaShape *shape)
{
  if (g_strcmp0 (shape->kind, "boundary") == 0)
    return 0;
  if (g_strcmp0 (shape->kind, "ward") == 0)
    return 1;
  if (g_strcmp0 (shape->kind, "lsoa") == 0)
    return 2;
  return 3;
}

static double
stead_area_layer_label_zoom (guint priority)
{
  static const double zooms[] = { 0, WARD_LABEL_ZOOM, LSOA_LABEL_ZOOM, HAZARD_LABEL_ZOOM };

  return zooms[priority];
}

static gboolean
stead_area_layer_box_is_free (SteadAreaLayer        *self,
                              const graphene_rect_t *box)
{
  for (guint i = 0; i < self->labels->len; i++)
    if (graphene_rect_intersection (&g_array_index (self->labels, SteadAreaLabel, i).box, box,
                                    NULL))
      return FALSE;
  for (guint i = 0; i < self->reserved->len; i++)
    if (graphene_rect_intersection (&g_array_index (self->reserved, graphene_rect_t, i), box,
                                    NULL))
      return FALSE;
  for (guint i = 0; i < self->avoid->len; i++)
    if (graphene_rect_intersection (&g_array_index (self->avoid, graphene_rect_t, i), box, NULL))
      return FALSE;
  return TRUE;
}

/* The point layer's badges and names, laid out for this view before it
 * draws them: no area's name goes under a count or a place's name. */
static void
stead_area_layer_find_avoid (SteadAreaLayer *self)
{
  g_autoptr(GArray) badges = NULL;
  g_autoptr(GArray) names = NULL;

  g_array_set_size (self->avoid, 0);
  if (self->points == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->points)))
    return;
  badges = g_array_new (FALSE, FALSE, sizeof (SteadPointBadge));
  names = g_array_new (FALSE, FALSE, sizeof (SteadPointName));
  stead_point_layer_get_badges (self->points, badges);
  stead_point_layer_get_names (self->points, names);
  for (guint i = 0; i < badges->len; i++)
    {
      graphene_rect_t box;

      /* With a little room, so a name does not touch a badge. */
      graphene_rect_inset_r (&g_array_index (badges, SteadPointBadge, i).box, -LABEL_PAD,
                             -LABEL_PAD, &box);
      g_array_append_val (self->avoid, box);
    }
  for (guint i = 0; i < names->len; i++)
    g_array_append_val (self->avoid, g_array_index (names, SteadPointName, i).box);
}

/**
 * stead_area_layer_set_avoid:
 * @self: a #SteadAreaLayer
 * @points: (nullable): the merged point layer drawn over this one
 *
 * Areas' names are placed after @points' badges and names of places,
 * and only where they meet none of them.
 */
void
stead_area_layer_set_avoid (SteadAreaLayer  *self,
                            SteadPointLayer *points)
{
  g_return_if_fail (STEAD_IS_AREA_LAYER (self));

  if (self->points != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->points, self);
      g_object_remove_weak_pointer (G_OBJECT (self->points), (gpointer *) &self->points);
    }
  self->points = points;
  if (points != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (points), (gpointer *) &self->points);
      g_signal_connect_object (points, "layout-changed", G_CALLBACK (gtk_widget_queue_draw), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

typedef struct
{
  GdkTexture *texture;
  int         scale;
} LabelImage;

static void
stead_area_layer_label_image_free (gpointer data)
{
  LabelImage *image = data;

  g_clear_object (&image->texture);
  g_free (image);
}

/* @layout with its halo, drawn once at @scale and kept on the layout: a
 * name is then one texture a frame, not eight blurred copies of its text,
 * which the cairo renderer blurred again on every frame of a pan. */
static GdkTexture *
stead_area_layer_label_texture (PangoLayout *layout,
                                int          scale)
{
  LabelImage *image = g_object_get_data (G_OBJECT (layout), "stead-label-image");
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GBytes) bytes = NULL;
  int lw, lh, width, height;

  if (image != NULL && image->scale == scale)
    return image->texture;

  pango_layout_get_pixel_size (layout, &lw, &lh);
  width = (lw + 2 * LABEL_HALO) * scale;
  height = (lh + 2 * LABEL_HALO) * scale;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (width, 1), MAX (height, 1));
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  cairo_move_to (cr, LABEL_HALO, LABEL_HALO);

  /* The halo: the text's outline, stroked wide in white. */
  pango_cairo_layout_path (cr, layout);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 2 * LABEL_HALO - 0.5);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_stroke (cr);

  cairo_move_to (cr, LABEL_HALO, LABEL_HALO);
  cairo_set_source_rgb (cr, 0.13, 0.16, 0.22);
  pango_cairo_show_layout (cr, layout);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Cairo's ARGB32 is premultiplied BGRA in memory here: GDK_MEMORY_DEFAULT. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  image = g_new0 (LabelImage, 1);
  image->scale = scale;
  image->texture = gdk_memory_texture_new (MAX (width, 1), MAX (height, 1), GDK_MEMORY_DEFAULT,
                                           bytes, cairo_image_surface_get_stride (surface));
  g_object_set_data_full (G_OBJECT (layout), "stead-label-image", image,
                          stead_area_layer_label_image_free);
  return image->texture;
}

/**
 * stead_area_layer_draw_label:
 *
 * Draws @layout at @x, @y with a light halo, so a name reads over any
 * base map; @widget gives the scale to draw it at. The point layer's
 * names of places are drawn so too.
 */
void
stead_area_layer_draw_label (GtkWidget   *widget,
                             GtkSnapshot *snapshot,
                             PangoLayout *layout,
                             double       x,
                             double       y)
{
  int scale = gtk_widget_get_scale_factor (widget);
  GdkTexture *texture = stead_area_layer_label_texture (layout, scale);
  double width = gdk_texture_get_width (texture) / (double) scale;
  double height = gdk_texture_get_height (texture) / (double) scale;

  gtk_snapshot_append_texture (snapshot, texture,
                               &GRAPHENE_RECT_INIT (round (x) - LABEL_HALO,
                                                    round (y) - LABEL_HALO, width, height));
}

/* Names the areas in view, most important first, each only where its box
 * meets no name already placed and none of the map's controls. */
static void
stead_area_layer_place_labels (SteadAreaLayer *self,
                               GtkSnapshot    *snapshot,
                               double          north,
                               double          south,
                               double          east,
                               double          west)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  GtkWidget *widget = GTK_WIDGET (self);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  stead_area_layer_find_avoid (self);
  for (guint priority = 0; priority < 4; priority++)
    {
      if (zoom < stead_area_layer_label_zoom (priority))
        continue;
      for (guint i = 0; i < self->areas->len; i++)
        {
          AreaShape *shape = g_ptr_array_index (self->areas, i);
          double x, y, ax, ay, bx, by;
          int lw, lh;
          SteadAreaLabel label;

          if (shape->name == NULL || shape->name[0] == '\0' ||
              stead_area_layer_label_priority (shape) != priority ||
              !stead_area_layer_shape_shown (self, shape) ||
              shape->label_lon < MIN (west, east) || shape->label_lon > MAX (west, east) ||
              shape->label_lat < MIN (north, south) || shape->label_lat > MAX (north, south))
            continue;

          /* A warning's long name ("Flood warning: River Severn at…") ends
           * in an ellipsis; the whole is in the area's summary. */
          if (shape->layout == NULL)
            {
              shape->layout = gtk_widget_create_pango_layout (widget, shape->name);
              pango_layout_set_width (shape->layout, LABEL_MAX_WIDTH * PANGO_SCALE);
              pango_layout_set_ellipsize (shape->layout, PANGO_ELLIPSIZE_END);
            }
          pango_layout_get_pixel_size (shape->layout, &lw, &lh);

          /* An area much narrower than its name is not named; a hazard's
           * name, over other areas' outlines, stays within its own. */
          shumate_viewport_location_to_widget_coords (viewport, widget, shape->envelope.max_y,
                                                      shape->envelope.min_x, &ax, &ay);
          shumate_viewport_location_to_widget_coords (viewport, widget, shape->envelope.min_y,
                                                      shape->envelope.max_x, &bx, &by);
          if (fabs (bx - ax) < lw * (priority == 3 ? 1.0 : 0.6) || fabs (by - ay) < lh)
            continue;

          shumate_viewport_location_to_widget_coords (viewport, widget, shape->label_lat,
                                                      shape->label_lon, &x, &y);
          x -= lw / 2.0;
          y -= lh / 2.0;

          /* On its point, else just above, below or beside it (a count
           * may be there): the first place free, or none. */
          {
            const double shifts[][2] = {
              { 0, 0 }, { 0, -(lh + 6) }, { 0, lh + 6 }, { -(lw / 2.0 + 12), 0 },
              { lw / 2.0 + 12, 0 },
            };
            guint s;

            for (s = 0; s < G_N_ELEMENTS (shifts); s++)
              {
                graphene_rect_init (&label.box, x + shifts[s][0] - LABEL_PAD,
                                    y + shifts[s][1] - LABEL_PAD, lw + 2 * LABEL_PAD,
                                    lh + 2 * LABEL_PAD);
                if (label.box.origin.x >= 0 && label.box.origin.y >= 0 &&
                    label.box.origin.x + label.box.size.width <= width &&
                    label.box.origin.y + label.box.size.height <= height &&
                    stead_area_layer_box_is_free (self, &label.box))
                  break;
              }
            if (s == G_N_ELEMENTS (shifts))
              continue;
            x += shifts[s][0];
            y += shifts[s][1];
          }

          label.fid = shape->fid;
          label.priority = priority;
          g_array_append_val (self->labels, label);
          stead_area_layer_draw_label (widget, snapshot, shape->layout, x, y);
        }
    }
}

/**
 * stead_area_layer_get_labels:
 * @self: a #SteadAreaLayer
 * @n_labels: (out): how many
 *
 * Returns: (array length=n_labels) (transfer none): the names placed when
 *   the layer was last drawn, in the order placed, with their boxes
 */
const SteadAreaLabel *
stead_area_layer_get_labels (SteadAreaLayer *self,
                             guint          *n_labels)
{
  g_return_val_if_fail (STEAD_IS_AREA_LAYER (self), NULL);

  *n_labels = self->labels->len;
  return (const SteadAreaLabel *) (gpointer) self->labels->data;
}

/**
 * stead_area_layer_set_reserved:
 * @self: a #SteadAreaLayer
 * @boxes: (array length=n): where the map's controls are, in the layer's
 *   coordinates
 * @n: how many
 *
 * No name is placed over these.
 *
 * Returns: %TRUE if they are not those given before
 */
gboolean
stead_area_layer_set_reserved (SteadAreaLayer        *self,
                               const graphene_rect_t *boxes,
                               guint                  n)
{
  g_return_val_if_fail (STEAD_IS_AREA_LAYER (self), FALSE);

  if (n == self->reserved->len &&
      (n == 0 || memcmp (self->reserved->data, boxes, n * sizeof (graphene_rect_t)) == 0))
    return FALSE;
  g_array_set_size (self->reserved, 0);
  g_array_append_vals (self->reserved, boxes, n);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

/* Starts a mask of lines @width wide over what the snapshot draws (x_min
 * to x_max, whole pixels), in @widget's device pixels. Most of a frame,
 * when the district fills the map, was cairo stroking outlines: they are
 * rasterised straight into the mask instead (stead-hairlines.c). */
static void
stead_area_layer_begin_lines (SteadHairlines *lines,
                              GtkWidget      *widget,
                              double          x_min,
                              double          y_min,
                              double          x_max,
                              double          y_max,
                              double          width)
{
  stead_hairlines_begin (lines, (int) x_min, (int) y_min, (int) (x_max - x_min),
                         (int) (y_max - y_min), gtk_widget_get_scale_factor (widget));
  stead_hairlines_set_width (lines, width);
}

/* Paints the plain outlines drawn into @lines since the last call. */
static void
stead_area_layer_paint_outlines (cairo_t        *cr,
                                 SteadHairlines *lines,
                                 guint          *n_outlines)
{
  if (*n_outlines == 0)
    return;
  *n_outlines = 0;
  cairo_set_source_rgba (cr, 0.35, 0.38, 0.42, 0.8);
  stead_hairlines_paint (lines, cr);
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
  double x_min, y_min, x_max, y_max;
  double m[6];
  guint n_outlines = 0;
  SteadHairlines *lines = self->hairlines; /* the plain outlines */
  cairo_pattern_t *hatch = NULL;  /* an overlay's hatching, made once a frame */
  cairo_t *cr;

  g_array_set_size (self->labels, 0);
  if (width <= 0 || height <= 0 || viewport == NULL || self->areas->len == 0 ||
      shumate_viewport_get_reference_map_source (viewport) == NULL)
    return;
  stead_map_mercator_transform (viewport, widget, m);

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
    x_min = x0;
    y_min = y0;
    x_max = x1;
    y_max = y1;
  }

  /* Areas: hazard zones tinted, wards thin, the boundary strong. Plain
   * outlines in a row (the wards and LSOAs, listed first) are drawn into
   * one mask, painted once: one composite instead of one per area, and a
   * border two areas share is no darker. */
  for (guint i = 0; i < self->areas->len; i++)
    {
      const AreaShape *shape = g_ptr_array_index (self->areas, i);
      gboolean plain;

      /* An overlay draws only its areas, and outlines or names no other. */
      if (self->style != STEAD_AREA_STYLE_MAP)
        {
          const double *value;
          const double *c;

          if (self->values == NULL ||
              (value = g_hash_table_lookup (self->values, &shape->fid)) == NULL ||
              shape->envelope.max_x < MIN (west, east) ||
              shape->envelope.min_x > MAX (west, east) ||
              shape->envelope.max_y < MIN (north, south) ||
              shape->envelope.min_y > MAX (north, south))
            continue;
          cairo_new_path (cr);
          stead_area_layer_trace_projected (cr, NULL, m, shape->xy, shape->ring_end,
                                            shape->n_rings);
          cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
          if (self->style == STEAD_AREA_STYLE_HATCHED)
            {
              const double *h = stead_area_layer_hatch_rgb;

              /* A hatched band inside the outline: the area stands out at
               * any zoom, and what is inside stays readable. */
              if (hatch == NULL)
                {
                  cairo_save (cr);
                  cairo_new_path (cr);
                  cairo_rectangle (cr, x_min, y_min, x_max - x_min, y_max - y_min);
                  cairo_push_group (cr);
                  stead_area_layer_hatch (cr, h, x_min, y_min, x_max, y_max);
                  hatch = cairo_pop_group (cr);
                  cairo_restore (cr);
                  cairo_new_path (cr);
                  stead_area_layer_trace_projected (cr, NULL, m, shape->xy, shape->ring_end,
                                                    shape->n_rings);
                }
              cairo_save (cr);
              cairo_clip_preserve (cr);
              cairo_set_source (cr, hatch);
              cairo_set_line_width (cr, 2 * HATCH_BAND);
              cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
              cairo_stroke_preserve (cr);
              cairo_set_source_rgb (cr, h[0], h[1], h[2]);
              cairo_set_line_width (cr, 2.5);
              cairo_stroke (cr);
              cairo_restore (cr);
              continue;
            }
          c = stead_area_layer_choropleth_colour (self, *value);
          cairo_set_source_rgba (cr, c[0], c[1], c[2], 0.6);
          cairo_fill (cr);
          continue;
        }

      if (shape->envelope.max_x < MIN (west, east) || shape->envelope.min_x > MAX (west, east) ||
          shape->envelope.max_y < MIN (north, south) ||
          shape->envelope.min_y > MAX (north, south) || !stead_area_layer_shape_shown (self, shape))
        continue;

      plain = (self->values == NULL || !g_hash_table_contains (self->values, &shape->fid)) &&
              shape->severity == NULL && g_strcmp0 (shape->kind, "boundary") != 0 &&
              g_strcmp0 (shape->kind, "hazard") != 0;
      if (plain)
        {
          if (n_outlines == 0)
            stead_area_layer_begin_lines (lines, widget, x_min, y_min, x_max, y_max, 1.0);
          stead_area_layer_trace_projected (cr, lines, m, shape->xy, shape->ring_end,
                                            shape->n_rings);
          n_outlines++;
          continue;
        }
      stead_area_layer_paint_outlines (cr, lines, &n_outlines);

      cairo_new_path (cr);
      stead_area_layer_trace_projected (cr, NULL, m, shape->xy, shape->ring_end, shape->n_rings);
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
          cairo_fill (cr);
          /* Its strong line, in a mask as the plain outlines are. */
          stead_area_layer_begin_lines (lines, widget, x_min, y_min, x_max, y_max, 3.0);
          stead_area_layer_trace_projected (cr, lines, m, shape->xy, shape->ring_end,
                                            shape->n_rings);
          cairo_set_source_rgb (cr, 0.21, 0.29, 0.40);
          stead_hairlines_paint (lines, cr);
        }
      else if (shape->severity != NULL)
        {
          double rgb[3], dashes[2];
          int n_dashes;

          stead_area_layer_warning_style (shape->severity, rgb, dashes, &n_dashes);
          cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], 0.18);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
          cairo_set_line_width (cr, 3.0);
          cairo_set_line_cap (cr, n_dashes > 0 && dashes[0] < 3 ? CAIRO_LINE_CAP_ROUND
                                                                : CAIRO_LINE_CAP_BUTT);
          cairo_set_dash (cr, dashes, n_dashes, 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
        }
      else if (g_strcmp0 (shape->kind, "hazard") == 0)
        {
          cairo_set_source_rgba (cr, 0.11, 0.44, 0.85, 0.22);
          cairo_fill_preserve (cr);
          cairo_set_source_rgba (cr, 0.11, 0.44, 0.85, 0.8);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
    }
  stead_area_layer_paint_outlines (cr, lines, &n_outlines);

  g_clear_pointer (&hatch, cairo_pattern_destroy);
  cairo_destroy (cr);
  if (self->style == STEAD_AREA_STYLE_MAP)
    stead_area_layer_place_labels (self, snapshot, north, south, east, west);
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
  g_clear_pointer (&self->labels, g_array_unref);
  g_clear_pointer (&self->reserved, g_array_unref);
  g_clear_pointer (&self->avoid, g_array_unref);
  g_clear_pointer (&self->hairlines, stead_hairlines_free);
  if (self->points != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->points, self);
      g_object_remove_weak_pointer (G_OBJECT (self->points), (gpointer *) &self->points);
      self->points = NULL;
    }

  G_OBJECT_CLASS (stead_area_layer_parent_class)->dispose (object);
}

static void
stead_area_layer_set_shown (SteadAreaLayer *self,
                            gboolean       *field,
                            gboolean        shown,
                            guint           prop)
{
  shown = !!shown;
  if (*field == shown)
    return;
  *field = shown;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
stead_area_layer_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SteadAreaLayer *self = STEAD_AREA_LAYER (object);

  switch (prop_id)
    {
    case PROP_SHOW_HAZARDS:
      g_value_set_boolean (value, self->show_hazards);
      break;

    case PROP_SHOW_WARNINGS:
      g_value_set_boolean (value, self->show_warnings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_area_layer_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SteadAreaLayer *self = STEAD_AREA_LAYER (object);

  switch (prop_id)
    {
    case PROP_SHOW_HAZARDS:
      stead_area_layer_set_shown (self, &self->show_hazards, g_value_get_boolean (value),
                                  PROP_SHOW_HAZARDS);
      break;

    case PROP_SHOW_WARNINGS:
      stead_area_layer_set_shown (self, &self->show_warnings, g_value_get_boolean (value),
                                  PROP_SHOW_WARNINGS);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_area_layer_class_init (SteadAreaLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = stead_area_layer_constructed;
  object_class->dispose = stead_area_layer_dispose;
  object_class->get_property = stead_area_layer_get_property;
  object_class->set_property = stead_area_layer_set_property;
  widget_class->snapshot = stead_area_layer_snapshot;

  /**
   * SteadAreaLayer:show-hazards:
   *
   * Whether hazard zones (flood zones, planning zones) are drawn.
   */
  properties[PROP_SHOW_HAZARDS] =
    g_param_spec_boolean ("show-hazards", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SteadAreaLayer:show-warnings:
   *
   * Whether the areas of CAP warnings (the alert table) are drawn.
   */
  properties[PROP_SHOW_WARNINGS] =
    g_param_spec_boolean ("show-warnings", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stead_area_layer_init (SteadAreaLayer *self)
{
  self->areas = g_ptr_array_new_with_free_func ((GDestroyNotify) stead_area_layer_area_shape_free);
  self->labels = g_array_new (FALSE, FALSE, sizeof (SteadAreaLabel));
  self->reserved = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  self->avoid = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  self->hairlines = stead_hairlines_new ();
  self->show_hazards = TRUE;
  self->show_warnings = TRUE;
}

SteadAreaLayer *
stead_area_layer_new (ShumateViewport *viewport)
{
  return g_object_new (STEAD_TYPE_AREA_LAYER, "viewport", viewport, NULL);
}

/**
 * stead_area_layer_new_overlay:
 * @viewport: the map's viewport
 * @style: %STEAD_AREA_STYLE_SHADED or %STEAD_AREA_STYLE_HATCHED
 *
 * A plugin's layer of areas (a choropleth of its counts, the areas it
 * flags): only the areas given a value (stead_area_layer_set_values())
 * are drawn, none named; the map view puts it under its own areas, whose
 * outlines and names stay on top. Give it the workspace with
 * stead_area_layer_set_workspace().
 *
 * Returns: (transfer floating): the layer
 */
SteadAreaLayer *
stead_area_layer_new_overlay (ShumateViewport *viewport,
                              SteadAreaStyle   style)
{
  SteadAreaLayer *self = g_object_new (STEAD_TYPE_AREA_LAYER, "viewport", viewport, NULL);

  self->style = style;
  return self;
}
