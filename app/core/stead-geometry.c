/* stead-geometry.c: geometries and the GeoPackage binary encoding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GeoPackage 1.3, clause 2.1.3: a small header ('GP', version, flags,
 * srs_id, optional envelope) followed by standard WKB. Reading must
 * survive hostile input: every length is checked before it is used.
 */

#define G_LOG_DOMAIN "stead-geometry"

#include "config.h"

#include <math.h>
#include <string.h>

#include "stead-geometry.h"

struct _SteadGeometry
{
  gatomicrefcount   ref_count;
  SteadGeometryType type;
  gboolean          empty;
  SteadCoord        point;
  GArray           *coords;    /* linestring */
  GPtrArray        *polygons;  /* of GPtrArray of GArray (rings) */
};

G_DEFINE_BOXED_TYPE (SteadGeometry, stead_geometry, stead_geometry_ref, stead_geometry_unref)
G_DEFINE_QUARK (stead-geometry-error-quark, stead_geometry_error)

static GPtrArray *
stead_geometry_polygon_rings_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

static GArray *
stead_geometry_ring_new (const SteadCoord *coords,
                         gsize             n)
{
  GArray *ring = g_array_sized_new (FALSE, FALSE, sizeof (SteadCoord), n);

  if (n > 0)
    g_array_append_vals (ring, coords, n);
  return ring;
}

static SteadGeometry *
stead_geometry_alloc (SteadGeometryType type)
{
  SteadGeometry *self = g_new0 (SteadGeometry, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->type = type;
  if (type == STEAD_GEOMETRY_POLYGON || type == STEAD_GEOMETRY_MULTIPOLYGON)
    self->polygons = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  else if (type == STEAD_GEOMETRY_LINESTRING)
    self->coords = g_array_new (FALSE, FALSE, sizeof (SteadCoord));
  return self;
}

SteadGeometry *
stead_geometry_new_point (double x,
                          double y)
{
  SteadGeometry *self = stead_geometry_alloc (STEAD_GEOMETRY_POINT);

  self->point.x = x;
  self->point.y = y;
  self->empty = isnan (x) && isnan (y);
  return self;
}

SteadGeometry *
stead_geometry_new_empty (SteadGeometryType type)
{
  SteadGeometry *self = stead_geometry_alloc (type);

  self->empty = TRUE;
  self->point.x = NAN;
  self->point.y = NAN;
  return self;
}

SteadGeometry *
stead_geometry_new_linestring (const SteadCoord *coords,
                               gsize             n_coords)
{
  SteadGeometry *self = stead_geometry_alloc (STEAD_GEOMETRY_LINESTRING);

  g_return_val_if_fail (coords != NULL || n_coords == 0, self);

  if (n_coords > 0)
    g_array_append_vals (self->coords, coords, n_coords);
  self->empty = n_coords == 0;
  return self;
}

SteadGeometry *
stead_geometry_new_polygon (const SteadCoord *exterior,
                            gsize             n_coords)
{
  SteadGeometry *self = stead_geometry_alloc (STEAD_GEOMETRY_POLYGON);

  g_return_val_if_fail (exterior != NULL || n_coords == 0, self);

  if (n_coords == 0)
    {
      self->empty = TRUE;
      return self;
    }

  g_ptr_array_add (self->polygons, stead_geometry_polygon_rings_new ());
  g_ptr_array_add (g_ptr_array_index (self->polygons, 0),
                   stead_geometry_ring_new (exterior, n_coords));
  return self;
}

void
stead_geometry_add_interior_ring (SteadGeometry    *polygon,
                                  const SteadCoord *ring,
                                  gsize             n_coords)
{
  g_return_if_fail (polygon != NULL);
  g_return_if_fail (polygon->type == STEAD_GEOMETRY_POLYGON);
  g_return_if_fail (!polygon->empty);

  g_ptr_array_add (g_ptr_array_index (polygon->polygons, 0),
                   stead_geometry_ring_new (ring, n_coords));
}

SteadGeometry *
stead_geometry_new_multipolygon (void)
{
  SteadGeometry *self = stead_geometry_alloc (STEAD_GEOMETRY_MULTIPOLYGON);

  self->empty = TRUE;
  return self;
}

/**
 * stead_geometry_add_polygon:
 * @multipolygon: a multipolygon
 * @polygon: a non-empty polygon, copied
 */
void
stead_geometry_add_polygon (SteadGeometry *multipolygon,
                            SteadGeometry *polygon)
{
  GPtrArray *rings;
  GPtrArray *copy;

  g_return_if_fail (multipolygon != NULL);
  g_return_if_fail (multipolygon->type == STEAD_GEOMETRY_MULTIPOLYGON);
  g_return_if_fail (polygon != NULL);
  g_return_if_fail (polygon->type == STEAD_GEOMETRY_POLYGON);

  if (polygon->empty)
    return;

  rings = g_ptr_array_index (polygon->polygons, 0);
  copy = stead_geometry_polygon_rings_new ();
  for (guint i = 0; i < rings->len; i++)
    {
      GArray *ring = g_ptr_array_index (rings, i);
      g_ptr_array_add (copy, stead_geometry_ring_new ((SteadCoord *) ring->data, ring->len));
    }
  g_ptr_array_add (multipolygon->polygons, copy);
  multipolygon->empty = FALSE;
}

SteadGeometry *
stead_geometry_ref (SteadGeometry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
stead_geometry_unref (SteadGeometry *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_pointer (&self->coords, g_array_unref);
      g_clear_pointer (&self->polygons, g_ptr_array_unref);
      g_free (self);
    }
}

SteadGeometryType
stead_geometry_get_geometry_type (SteadGeometry *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->type;
}

gboolean
stead_geometry_is_empty (SteadGeometry *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->empty;
}

gboolean
stead_geometry_get_point (SteadGeometry *self,
                          double        *x,
                          double        *y)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->type != STEAD_GEOMETRY_POINT || self->empty)
    return FALSE;
  if (x != NULL)
    *x = self->point.x;
  if (y != NULL)
    *y = self->point.y;
  return TRUE;
}

/**
 * stead_geometry_get_coords:
 * @self: a linestring or point
 * @n_coords: (out): how many
 *
 * Returns: (array length=n_coords) (nullable): the coordinates
 */
const SteadCoord *
stead_geometry_get_coords (SteadGeometry *self,
                           gsize         *n_coords)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_coords != NULL, NULL);

  *n_coords = 0;
  if (self->type == STEAD_GEOMETRY_POINT)
    {
      if (self->empty)
        return NULL;
      *n_coords = 1;
      return &self->point;
    }
  if (self->type == STEAD_GEOMETRY_LINESTRING)
    {
      *n_coords = self->coords->len;
      return (const SteadCoord *) self->coords->data;
    }
  return NULL;
}

guint
stead_geometry_get_n_polygons (SteadGeometry *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->polygons != NULL ? self->polygons->len : 0;
}

guint
stead_geometry_get_n_rings (SteadGeometry *self,
                            guint          polygon)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->polygons == NULL || polygon >= self->polygons->len)
    return 0;
  return ((GPtrArray *) g_ptr_array_index (self->polygons, polygon))->len;
}

/**
 * stead_geometry_get_ring:
 * @self: a polygon or multipolygon
 * @polygon: the polygon's index (0 for a polygon)
 * @ring: the ring's index; 0 is the exterior ring
 * @n_coords: (out): how many coordinates
 *
 * Returns: (array length=n_coords) (nullable): the ring
 */
const SteadCoord *
stead_geometry_get_ring (SteadGeometry *self,
                         guint          polygon,
                         guint          ring,
                         gsize         *n_coords)
{
  GPtrArray *rings;
  GArray *coords;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_coords != NULL, NULL);

  *n_coords = 0;
  if (self->polygons == NULL || polygon >= self->polygons->len)
    return NULL;
  rings = g_ptr_array_index (self->polygons, polygon);
  if (ring >= rings->len)
    return NULL;
  coords = g_ptr_array_index (rings, ring);
  *n_coords = coords->len;
  return (const SteadCoord *) coords->data;
}

static void
stead_geometry_envelope_add (SteadEnvelope *env,
                             gboolean      *any,
                             double         x,
                             double         y)
{
  if (!*any)
    {
      env->min_x = env->max_x = x;
      env->min_y = env->max_y = y;
      *any = TRUE;
      return;
    }
  env->min_x = MIN (env->min_x, x);
  env->max_x = MAX (env->max_x, x);
  env->min_y = MIN (env->min_y, y);
  env->max_y = MAX (env->max_y, y);
}

gboolean
stead_geometry_get_envelope (SteadGeometry *self,
                             SteadEnvelope *envelope)
{
  SteadEnvelope env = { 0 };
  gboolean any = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->empty)
    return FALSE;

  if (self->type == STEAD_GEOMETRY_POINT)
    stead_geometry_envelope_add (&env, &any, self->point.x, self->point.y);
  else if (self->type == STEAD_GEOMETRY_LINESTRING)
    for (guint i = 0; i < self->coords->len; i++)
      stead_geometry_envelope_add (&env, &any, g_array_index (self->coords, SteadCoord, i).x,
                    g_array_index (self->coords, SteadCoord, i).y);
  else
    for (guint p = 0; p < self->polygons->len; p++)
      {
        GPtrArray *rings = g_ptr_array_index (self->polygons, p);
        /* The exterior ring bounds the polygon. */
        GArray *ring = rings->len > 0 ? g_ptr_array_index (rings, 0) : NULL;

        for (guint i = 0; ring != NULL && i < ring->len; i++)
          stead_geometry_envelope_add (&env, &any, g_array_index (ring, SteadCoord, i).x,
                        g_array_index (ring, SteadCoord, i).y);
      }

  if (any && envelope != NULL)
    *envelope = env;
  return any;
}

static gboolean
stead_geometry_ring_contains (GArray *ring,
                              double  x,
                              double  y)
{
  gboolean inside = FALSE;
  const SteadCoord *c = (const SteadCoord *) ring->data;

  for (guint i = 0, j = ring->len - 1; i < ring->len; j = i++)
    {
      if (((c[i].y > y) != (c[j].y > y)) &&
          (x < (c[j].x - c[i].x) * (y - c[i].y) / (c[j].y - c[i].y) + c[i].x))
        inside = !inside;
    }
  return inside;
}

/**
 * stead_geometry_contains_point:
 * @self: a polygon or multipolygon
 * @x: longitude
 * @y: latitude
 *
 * Even-odd rule over every ring, so holes are outside.
 *
 * Returns: %TRUE if (@x, @y) is inside
 */
gboolean
stead_geometry_contains_point (SteadGeometry *self,
                               double         x,
                               double         y)
{
  gboolean inside = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->polygons == NULL)
    return FALSE;

  for (guint p = 0; p < self->polygons->len; p++)
    {
      GPtrArray *rings = g_ptr_array_index (self->polygons, p);

      for (guint r = 0; r < rings->len; r++)
        {
          GArray *ring = g_ptr_array_index (rings, r);

          if (ring->len >= 3 && stead_geometry_ring_contains (ring, x, y))
            inside = !inside;
        }
    }
  return inside;
}

static int
stead_geometry_compare_doubles (gconstpointer a,
                                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * stead_geometry_point_on_surface:
 * @self: a polygon or multipolygon
 * @x: (out): its longitude
 * @y: (out): its latitude
 *
 * A point surely inside the (largest part of the) area, for a label or
 * for something placed "in the ward" rather than where it is: the middle
 * of the widest stretch of the horizontal line through the middle of the
 * part's envelope that lies inside it. Unlike the centroid or the
 * envelope's centre, it never falls outside a concave or holed area.
 *
 * Returns: %FALSE if @self has no area
 */
gboolean
stead_geometry_point_on_surface (SteadGeometry *self,
                                 double        *x,
                                 double        *y)
{
  g_autoptr(GArray) crossings = g_array_new (FALSE, FALSE, sizeof (double));
  GPtrArray *best = NULL;
  double best_area = -1, line = 0, widest = -1;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->polygons == NULL)
    return FALSE;
  /* The part with the largest envelope. */
  for (guint p = 0; p < self->polygons->len; p++)
    {
      GPtrArray *rings = g_ptr_array_index (self->polygons, p);
      GArray *outer = rings->len > 0 ? g_ptr_array_index (rings, 0) : NULL;
      double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;

      if (outer == NULL || outer->len < 3)
        continue;
      for (guint i = 0; i < outer->len; i++)
        {
          const SteadCoord *c = &g_array_index (outer, SteadCoord, i);

          min_x = MIN (min_x, c->x), max_x = MAX (max_x, c->x);
          min_y = MIN (min_y, c->y), max_y = MAX (max_y, c->y);
        }
      if ((max_x - min_x) * (max_y - min_y) > best_area)
        {
          best_area = (max_x - min_x) * (max_y - min_y);
          best = rings;
          line = (min_y + max_y) / 2;
        }
    }
  if (best == NULL || best_area <= 0)
    return FALSE;
  /* Crossings of the line with every ring's edges; a vertex exactly on
   * the line counts once, as the edge whose upper end it is. */
  for (guint r = 0; r < best->len; r++)
    {
      GArray *ring = g_ptr_array_index (best, r);

      for (guint i = 0; i + 1 < ring->len || (ring->len > 2 && i + 1 == ring->len); i++)
        {
          const SteadCoord *a = &g_array_index (ring, SteadCoord, i);
          const SteadCoord *b = &g_array_index (ring, SteadCoord, (i + 1) % ring->len);

          if ((a->y > line) != (b->y > line))
            {
              double cross = a->x + (line - a->y) * (b->x - a->x) / (b->y - a->y);

              g_array_append_val (crossings, cross);
            }
        }
    }
  g_array_sort (crossings, stead_geometry_compare_doubles);
  for (guint i = 0; i + 1 < crossings->len; i += 2)
    {
      double from = g_array_index (crossings, double, i);
      double to = g_array_index (crossings, double, i + 1);

      if (to - from > widest)
        {
          widest = to - from;
          *x = (from + to) / 2;
          *y = line;
        }
    }
  return widest >= 0;
}

static int
stead_geometry_orientation (const SteadCoord *p,
                            const SteadCoord *q,
                            const SteadCoord *r)
{
  double cross = (q->x - p->x) * (r->y - p->y) - (q->y - p->y) * (r->x - p->x);

  return cross > 0 ? 1 : cross < 0 ? -1 : 0;
}

/* @r on segment @p @q, knowing the three are collinear. */
static gboolean
stead_geometry_on_segment (const SteadCoord *p,
                           const SteadCoord *q,
                           const SteadCoord *r)
{
  return r->x >= MIN (p->x, q->x) && r->x <= MAX (p->x, q->x) && r->y >= MIN (p->y, q->y) &&
         r->y <= MAX (p->y, q->y);
}

static gboolean
stead_geometry_segments_cross (const SteadCoord *a,
                               const SteadCoord *b,
                               const SteadCoord *c,
                               const SteadCoord *d)
{
  int o1 = stead_geometry_orientation (a, b, c);
  int o2 = stead_geometry_orientation (a, b, d);
  int o3 = stead_geometry_orientation (c, d, a);
  int o4 = stead_geometry_orientation (c, d, b);

  if (o1 != o2 && o3 != o4)
    return TRUE;
  return (o1 == 0 && stead_geometry_on_segment (a, b, c)) ||
         (o2 == 0 && stead_geometry_on_segment (a, b, d)) ||
         (o3 == 0 && stead_geometry_on_segment (c, d, a)) ||
         (o4 == 0 && stead_geometry_on_segment (c, d, b));
}

/* Whether an edge of @ring crosses or touches an edge of @other's rings;
 * edges outside @clip (the other's envelope) are skipped. */
static gboolean
stead_geometry_ring_crosses (const GArray        *ring,
                             SteadGeometry       *other,
                             const SteadEnvelope *clip)
{
  const SteadCoord *c = (const SteadCoord *) ring->data;

  /* Rings may or may not repeat their first vertex: the closing edge of
   * one that does is a point, which is harmless. */
  for (guint i = 0; i < ring->len; i++)
    {
      const SteadCoord *a = &c[i], *b = &c[(i + 1) % ring->len];

      if (MAX (a->x, b->x) < clip->min_x || MIN (a->x, b->x) > clip->max_x ||
          MAX (a->y, b->y) < clip->min_y || MIN (a->y, b->y) > clip->max_y)
        continue;
      for (guint p = 0; p < other->polygons->len; p++)
        {
          GPtrArray *rings = g_ptr_array_index (other->polygons, p);

          for (guint r = 0; r < rings->len; r++)
            {
              GArray *oring = g_ptr_array_index (rings, r);
              const SteadCoord *o = (const SteadCoord *) oring->data;

              for (guint j = 0; j < oring->len; j++)
                {
                  const SteadCoord *e = &o[j], *f = &o[(j + 1) % oring->len];

                  if (MAX (e->x, f->x) < MIN (a->x, b->x) || MIN (e->x, f->x) > MAX (a->x, b->x) ||
                      MAX (e->y, f->y) < MIN (a->y, b->y) || MIN (e->y, f->y) > MAX (a->y, b->y))
                    continue;
                  if (stead_geometry_segments_cross (a, b, e, f))
                    return TRUE;
                }
            }
        }
    }
  return FALSE;
}

/* Whether the first vertex of one of @self's polygons is inside @other. */
static gboolean
stead_geometry_some_vertex_inside (SteadGeometry *self,
                                   SteadGeometry *other)
{
  for (guint p = 0; p < self->polygons->len; p++)
    {
      GPtrArray *rings = g_ptr_array_index (self->polygons, p);
      GArray *exterior = rings->len > 0 ? g_ptr_array_index (rings, 0) : NULL;

      if (exterior != NULL && exterior->len > 0)
        {
          const SteadCoord *c = (const SteadCoord *) exterior->data;

          if (stead_geometry_contains_point (other, c->x, c->y))
            return TRUE;
        }
    }
  return FALSE;
}

/**
 * stead_geometry_intersects:
 * @a: a point, polygon or multipolygon
 * @b: a point, polygon or multipolygon
 *
 * Whether @a and @b share a point: a point inside a polygon (even-odd,
 * so holes are outside), edges that cross or touch, or one polygon
 * inside the other. Envelopes are compared first, then only the edges
 * inside the other's envelope. Linestrings and empty geometries
 * intersect nothing.
 *
 * Returns: %TRUE if they intersect
 */
gboolean
stead_geometry_intersects (SteadGeometry *a,
                           SteadGeometry *b)
{
  SteadEnvelope ea, eb;

  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->empty || b->empty || a->type == STEAD_GEOMETRY_LINESTRING ||
      b->type == STEAD_GEOMETRY_LINESTRING)
    return FALSE;
  if (a->type == STEAD_GEOMETRY_POINT && b->type == STEAD_GEOMETRY_POINT)
    return a->point.x == b->point.x && a->point.y == b->point.y;
  if (a->type == STEAD_GEOMETRY_POINT)
    return stead_geometry_contains_point (b, a->point.x, a->point.y);
  if (b->type == STEAD_GEOMETRY_POINT)
    return stead_geometry_contains_point (a, b->point.x, b->point.y);

  if (!stead_geometry_get_envelope (a, &ea) || !stead_geometry_get_envelope (b, &eb))
    return FALSE;
  if (ea.max_x < eb.min_x || eb.max_x < ea.min_x || ea.max_y < eb.min_y || eb.max_y < ea.min_y)
    return FALSE;

  /* One inside the other (cheap, and common: a ward inside a flood zone),
   * else they meet only where edges cross or touch. */
  if (stead_geometry_some_vertex_inside (a, b) || stead_geometry_some_vertex_inside (b, a))
    return TRUE;
  for (guint p = 0; p < a->polygons->len; p++)
    {
      GPtrArray *rings = g_ptr_array_index (a->polygons, p);

      for (guint r = 0; r < rings->len; r++)
        if (stead_geometry_ring_crosses (g_ptr_array_index (rings, r), b, &eb))
          return TRUE;
    }
  return FALSE;
}

static gboolean
stead_geometry_coords_equal (const GArray *a,
                             const GArray *b)
{
  return a->len == b->len && memcmp (a->data, b->data, a->len * sizeof (SteadCoord)) == 0;
}

gboolean
stead_geometry_equal (SteadGeometry *a,
                      SteadGeometry *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->type != b->type || a->empty != b->empty)
    return FALSE;
  if (a->empty)
    return TRUE;

  switch (a->type)
    {
    case STEAD_GEOMETRY_POINT:
      return a->point.x == b->point.x && a->point.y == b->point.y;

    case STEAD_GEOMETRY_LINESTRING:
      return stead_geometry_coords_equal (a->coords, b->coords);

    case STEAD_GEOMETRY_POLYGON:
    case STEAD_GEOMETRY_MULTIPOLYGON:
      if (a->polygons->len != b->polygons->len)
        return FALSE;
      for (guint p = 0; p < a->polygons->len; p++)
        {
          GPtrArray *ra = g_ptr_array_index (a->polygons, p);
          GPtrArray *rb = g_ptr_array_index (b->polygons, p);

          if (ra->len != rb->len)
            return FALSE;
          for (guint r = 0; r < ra->len; r++)
            if (!stead_geometry_coords_equal (g_ptr_array_index (ra, r), g_ptr_array_index (rb, r)))
              return FALSE;
        }
      return TRUE;

    default:
      return FALSE;
    }
}

/* ------------------------------------------------------------------------ */
/* Writing                                                                   */

static void
stead_geometry_put_u32 (GByteArray *out,
                        guint32     v)
{
  v = GUINT32_TO_LE (v);
  g_byte_array_append (out, (const guint8 *) &v, 4);
}

static void
stead_geometry_put_double (GByteArray *out,
                           double      d)
{
  guint64 bits;

  memcpy (&bits, &d, 8);
  bits = GUINT64_TO_LE (bits);
  g_byte_array_append (out, (const guint8 *) &bits, 8);
}

static void
stead_geometry_put_ring (GByteArray   *out,
                         const GArray *ring)
{
  stead_geometry_put_u32 (out, ring->len);
  for (guint i = 0; i < ring->len; i++)
    {
      stead_geometry_put_double (out, g_array_index (ring, SteadCoord, i).x);
      stead_geometry_put_double (out, g_array_index (ring, SteadCoord, i).y);
    }
}

static void
stead_geometry_put_polygon_wkb (GByteArray      *out,
                                const GPtrArray *rings)
{
  g_byte_array_append (out, (const guint8 *) "\1", 1);
  stead_geometry_put_u32 (out, STEAD_GEOMETRY_POLYGON);
  stead_geometry_put_u32 (out, rings != NULL ? rings->len : 0);
  for (guint r = 0; rings != NULL && r < rings->len; r++)
    stead_geometry_put_ring (out, g_ptr_array_index (rings, r));
}

/**
 * stead_geometry_to_gpkg:
 * @self: a geometry
 * @srs_id: the spatial reference system id
 *
 * Encodes as a GeoPackage geometry blob: little endian, an XY envelope
 * for everything but points, the empty flag for empty geometries.
 *
 * Returns: (transfer full): the blob
 */
GBytes *
stead_geometry_to_gpkg (SteadGeometry *self,
                        gint32         srs_id)
{
  GByteArray *out = g_byte_array_new ();
  SteadEnvelope env;
  gboolean has_env;
  guint8 flags = 0x01; /* little-endian header */

  g_return_val_if_fail (self != NULL, NULL);

  has_env = self->type != STEAD_GEOMETRY_POINT && stead_geometry_get_envelope (self, &env);
  if (has_env)
    flags |= 1 << 1;
  if (self->empty)
    flags |= 1 << 4;

  g_byte_array_append (out, (const guint8 *) "GP\0", 3);
  g_byte_array_append (out, &flags, 1);
  stead_geometry_put_u32 (out, (guint32) srs_id);
  if (has_env)
    {
      stead_geometry_put_double (out, env.min_x);
      stead_geometry_put_double (out, env.max_x);
      stead_geometry_put_double (out, env.min_y);
      stead_geometry_put_double (out, env.max_y);
    }

  switch (self->type)
    {
    case STEAD_GEOMETRY_POINT:
      g_byte_array_append (out, (const guint8 *) "\1", 1);
      stead_geometry_put_u32 (out, STEAD_GEOMETRY_POINT);
      stead_geometry_put_double (out, self->empty ? NAN : self->point.x);
      stead_geometry_put_double (out, self->empty ? NAN : self->point.y);
      break;

    case STEAD_GEOMETRY_LINESTRING:
      g_byte_array_append (out, (const guint8 *) "\1", 1);
      stead_geometry_put_u32 (out, STEAD_GEOMETRY_LINESTRING);
      stead_geometry_put_ring (out, self->coords);
      break;

    case STEAD_GEOMETRY_POLYGON:
      stead_geometry_put_polygon_wkb (
        out, self->polygons->len > 0 ? g_ptr_array_index (self->polygons, 0) : NULL);
      break;

    case STEAD_GEOMETRY_MULTIPOLYGON:
      g_byte_array_append (out, (const guint8 *) "\1", 1);
      stead_geometry_put_u32 (out, STEAD_GEOMETRY_MULTIPOLYGON);
      stead_geometry_put_u32 (out, self->polygons->len);
      for (guint p = 0; p < self->polygons->len; p++)
        stead_geometry_put_polygon_wkb (out, g_ptr_array_index (self->polygons, p));
      break;

    default:
      g_assert_not_reached ();
    }

  return g_byte_array_free_to_bytes (out);
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                   */

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
  GError      **error;
} Reader;

static gboolean
stead_geometry_truncated (Reader *r)
{
  g_set_error (r->error, STEAD_GEOMETRY_ERROR, STEAD_GEOMETRY_ERROR_INVALID,
               "GeoPackage geometry blob is truncated at byte %" G_GSIZE_FORMAT, r->pos);
  return FALSE;
}

static gboolean
stead_geometry_read_u8 (Reader *r,
                        guint8 *v)
{
  if (r->len - r->pos < 1)
    return stead_geometry_truncated (r);
  *v = r->data[r->pos++];
  return TRUE;
}

static gboolean
stead_geometry_read_u32 (Reader   *r,
                         gboolean  little,
                         guint32  *v)
{
  guint32 raw;

  if (r->len - r->pos < 4)
    return stead_geometry_truncated (r);
  memcpy (&raw, r->data + r->pos, 4);
  r->pos += 4;
  *v = little ? GUINT32_FROM_LE (raw) : GUINT32_FROM_BE (raw);
  return TRUE;
}

static gboolean
stead_geometry_read_double (Reader   *r,
                            gboolean  little,
                            double   *v)
{
  guint64 raw;

  if (r->len - r->pos < 8)
    return stead_geometry_truncated (r);
  memcpy (&raw, r->data + r->pos, 8);
  r->pos += 8;
  raw = little ? GUINT64_FROM_LE (raw) : GUINT64_FROM_BE (raw);
  memcpy (v, &raw, 8);
  return TRUE;
}

/* Reads a WKB type code, ISO (1001, 2001, 3001) or EWKB (high bits), and
 * gives the 2D type and how many ordinates each coordinate has. */
static gboolean
stead_geometry_read_type (Reader   *r,
                          gboolean  little,
                          guint32  *type,
                          guint    *dims)
{
  guint32 code;
  guint extra = 0;

  if (!stead_geometry_read_u32 (r, little, &code))
    return FALSE;

  if (code & 0x80000000u)
    extra++;
  if (code & 0x40000000u)
    extra++;
  code &= 0x0fffffffu;

  switch (code / 1000)
    {
    case 0: break;
    case 1: case 2: extra = MAX (extra, 1); break;
    case 3: extra = 2; break;
    default:
      g_set_error (r->error, STEAD_GEOMETRY_ERROR, STEAD_GEOMETRY_ERROR_INVALID,
                   "Unknown WKB geometry type %u", code);
      return FALSE;
    }

  *type = code % 1000;
  *dims = 2 + extra;
  return TRUE;
}

static gboolean
stead_geometry_read_coords (Reader   *r,
                            gboolean  little,
                            guint     dims,
                            GArray  **out)
{
  guint32 n;
  GArray *coords;

  if (!stead_geometry_read_u32 (r, little, &n))
    return FALSE;
  /* Reject counts the remaining bytes cannot hold before allocating. */
  if ((guint64) n * dims * 8 > r->len - r->pos)
    return stead_geometry_truncated (r);

  coords = g_array_sized_new (FALSE, FALSE, sizeof (SteadCoord), n);
  for (guint32 i = 0; i < n; i++)
    {
      SteadCoord c;
      double ignored;

      stead_geometry_read_double (r, little, &c.x);
      stead_geometry_read_double (r, little, &c.y);
      for (guint d = 2; d < dims; d++)
        stead_geometry_read_double (r, little, &ignored);
      g_array_append_val (coords, c);
    }
  *out = coords;
  return TRUE;
}

static gboolean
stead_geometry_read_byte_order (Reader   *r,
                                gboolean *little)
{
  guint8 order;

  if (!stead_geometry_read_u8 (r, &order))
    return FALSE;
  if (order > 1)
    {
      g_set_error (r->error, STEAD_GEOMETRY_ERROR, STEAD_GEOMETRY_ERROR_INVALID,
                   "Bad WKB byte order %u at byte %" G_GSIZE_FORMAT, order, r->pos - 1);
      return FALSE;
    }
  *little = order == 1;
  return TRUE;
}

static gboolean
stead_geometry_unsupported (Reader  *r,
                            guint32  type)
{
  g_set_error (r->error, STEAD_GEOMETRY_ERROR, STEAD_GEOMETRY_ERROR_UNSUPPORTED,
               "WKB geometry type %u is not supported", type);
  return FALSE;
}

static gboolean
stead_geometry_read_polygon_body (Reader     *r,
                                  gboolean    little,
                                  guint       dims,
                                  GPtrArray **out)
{
  g_autoptr(GPtrArray) rings = stead_geometry_polygon_rings_new ();
  guint32 n;

  if (!stead_geometry_read_u32 (r, little, &n))
    return FALSE;
  /* Each ring needs at least its 4-byte count. */
  if ((guint64) n * 4 > r->len - r->pos)
    return stead_geometry_truncated (r);

  for (guint32 i = 0; i < n; i++)
    {
      GArray *ring;

      if (!stead_geometry_read_coords (r, little, dims, &ring))
        return FALSE;
      g_ptr_array_add (rings, ring);
    }
  *out = g_steal_pointer (&rings);
  return TRUE;
}

static SteadGeometry *
stead_geometry_read_wkb (Reader *r)
{
  g_autoptr(SteadGeometry) geometry = NULL;
  gboolean little;
  guint32 type;
  guint dims;

  if (!stead_geometry_read_byte_order (r, &little) ||
      !stead_geometry_read_type (r, little, &type, &dims))
    return NULL;

  switch (type)
    {
    case STEAD_GEOMETRY_POINT:
      {
        double x, y, ignored;

        if (!stead_geometry_read_double (r, little, &x) ||
            !stead_geometry_read_double (r, little, &y))
          return NULL;
        for (guint d = 2; d < dims; d++)
          if (!stead_geometry_read_double (r, little, &ignored))
            return NULL;
        return stead_geometry_new_point (x, y);
      }

    case STEAD_GEOMETRY_LINESTRING:
      geometry = stead_geometry_alloc (STEAD_GEOMETRY_LINESTRING);
      g_clear_pointer (&geometry->coords, g_array_unref);
      if (!stead_geometry_read_coords (r, little, dims, &geometry->coords))
        return NULL;
      geometry->empty = geometry->coords->len == 0;
      return g_steal_pointer (&geometry);

    case STEAD_GEOMETRY_POLYGON:
      {
        GPtrArray *rings;

        geometry = stead_geometry_alloc (STEAD_GEOMETRY_POLYGON);
        if (!stead_geometry_read_polygon_body (r, little, dims, &rings))
          return NULL;
        if (rings->len == 0)
          {
            g_ptr_array_unref (rings);
            geometry->empty = TRUE;
          }
        else
          g_ptr_array_add (geometry->polygons, rings);
        return g_steal_pointer (&geometry);
      }

    case STEAD_GEOMETRY_MULTIPOLYGON:
      {
        guint32 n;

        geometry = stead_geometry_alloc (STEAD_GEOMETRY_MULTIPOLYGON);
        if (!stead_geometry_read_u32 (r, little, &n))
          return NULL;
        /* Each polygon needs at least 9 bytes. */
        if ((guint64) n * 9 > r->len - r->pos)
          {
            stead_geometry_truncated (r);
            return NULL;
          }
        for (guint32 i = 0; i < n; i++)
          {
            gboolean part_little;
            guint32 part_type;
            guint part_dims;
            GPtrArray *rings;

            if (!stead_geometry_read_byte_order (r, &part_little) ||
                !stead_geometry_read_type (r, part_little, &part_type, &part_dims))
              return NULL;
            if (part_type != STEAD_GEOMETRY_POLYGON)
              {
                g_set_error (r->error, STEAD_GEOMETRY_ERROR, STEAD_GEOMETRY_ERROR_INVALID,
                             "A multipolygon holds a WKB type %u", part_type);
                return NULL;
              }
            if (!stead_geometry_read_polygon_body (r, part_little, part_dims, &rings))
              return NULL;
            if (rings->len > 0)
              g_ptr_array_add (geometry->polygons, rings);
            else
              g_ptr_array_unref (rings);
          }
        geometry->empty = geometry->polygons->len == 0;
        return g_steal_pointer (&geometry);
      }

    default:
      stead_geometry_unsupported (r, type);
      return NULL;
    }
}

typedef struct
{
  gint32        srs_id;
  gboolean      empty;
  gboolean      has_envelope;
  SteadEnvelope envelope;
} Header;

static gboolean
stead_geometry_read_header (Reader *r,
                            Header *h)
{
  guint8 magic[2];
  guint8 version;
  guint8 flags;
  guint32 srs;
  guint indicator;
  gboolean little;
  double values[8];
  guint n_values;

  if (!stead_geometry_read_u8 (r, &magic[0]) || !stead_geometry_read_u8 (r, &magic[1]))
    return FALSE;
  if (magic[0] != 'G' || magic[1] != 'P')
    {
      g_set_error_literal (r->error, STEAD_GEOMETRY_ERROR, STEAD_GEOMETRY_ERROR_INVALID,
                           "Not a GeoPackage geometry blob: bad magic");
      return FALSE;
    }
  if (!stead_geometry_read_u8 (r, &version) || !stead_geometry_read_u8 (r, &flags))
    return FALSE;
  if (version != 0)
    {
      g_set_error (r->error, STEAD_GEOMETRY_ERROR, STEAD_GEOMETRY_ERROR_INVALID,
                   "Unknown GeoPackage geometry blob version %u", version);
      return FALSE;
    }
  if (flags & (1 << 5))
    {
      g_set_error_literal (r->error, STEAD_GEOMETRY_ERROR, STEAD_GEOMETRY_ERROR_UNSUPPORTED,
                           "Extended GeoPackage geometry types are not supported");
      return FALSE;
    }

  little = flags & 1;
  indicator = (flags >> 1) & 7;
  h->empty = (flags >> 4) & 1;

  if (!stead_geometry_read_u32 (r, little, &srs))
    return FALSE;
  h->srs_id = (gint32) srs;

  switch (indicator)
    {
    case 0: n_values = 0; break;
    case 1: n_values = 4; break;
    case 2: case 3: n_values = 6; break;
    case 4: n_values = 8; break;
    default:
      g_set_error (r->error, STEAD_GEOMETRY_ERROR, STEAD_GEOMETRY_ERROR_INVALID,
                   "Bad GeoPackage envelope indicator %u", indicator);
      return FALSE;
    }

  for (guint i = 0; i < n_values; i++)
    if (!stead_geometry_read_double (r, little, &values[i]))
      return FALSE;

  h->has_envelope = n_values > 0;
  if (h->has_envelope)
    {
      h->envelope.min_x = values[0];
      h->envelope.max_x = values[1];
      h->envelope.min_y = values[2];
      h->envelope.max_y = values[3];
    }
  return TRUE;
}

/**
 * stead_geometry_new_from_gpkg:
 * @data: (array length=length): a GeoPackage geometry blob
 * @length: its size
 * @srs_id: (out) (optional): the blob's spatial reference system id
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the geometry
 */
SteadGeometry *
stead_geometry_new_from_gpkg (const guint8  *data,
                              gsize          length,
                              gint32        *srs_id,
                              GError       **error)
{
  Reader r = { data, length, 0, error };
  SteadGeometry *geometry;
  Header h = { 0 };

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!stead_geometry_read_header (&r, &h))
    return NULL;
  if (!(geometry = stead_geometry_read_wkb (&r)))
    return NULL;

  if (srs_id != NULL)
    *srs_id = h.srs_id;
  return geometry;
}

/**
 * stead_gpkg_blob_get_envelope:
 * @data: (array length=length): a GeoPackage geometry blob
 * @length: its size
 * @envelope: (out): the XY envelope, unset if empty
 * @is_empty: (out) (optional): whether the geometry is empty
 * @error: a #GError
 *
 * Reads the envelope from the header where it has one, otherwise from
 * the geometry itself.
 *
 * Returns: %FALSE if the blob is malformed
 */
gboolean
stead_gpkg_blob_get_envelope (const guint8   *data,
                              gsize           length,
                              SteadEnvelope  *envelope,
                              gboolean       *is_empty,
                              GError        **error)
{
  Reader r = { data, length, 0, error };
  g_autoptr(SteadGeometry) geometry = NULL;
  Header h = { 0 };
  gboolean empty;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (envelope != NULL, FALSE);

  if (!stead_geometry_read_header (&r, &h))
    return FALSE;

  if (h.has_envelope && !h.empty)
    {
      *envelope = h.envelope;
      if (is_empty != NULL)
        *is_empty = FALSE;
      return TRUE;
    }

  if (!(geometry = stead_geometry_read_wkb (&r)))
    return FALSE;

  empty = h.empty || !stead_geometry_get_envelope (geometry, envelope);
  if (is_empty != NULL)
    *is_empty = empty;
  return TRUE;
}

/**
 * stead_gpkg_blob_get_point:
 * @data: (array length=length): a GeoPackage geometry blob
 * @length: its size
 * @x: (out): longitude
 * @y: (out): latitude
 *
 * Reads a non-empty point without allocating: the fast path for loading a
 * million points onto the map.
 *
 * Returns: %FALSE if the blob is not a non-empty point
 */
gboolean
stead_gpkg_blob_get_point (const guint8 *data,
                           gsize         length,
                           double       *x,
                           double       *y)
{
  Reader r = { data, length, 0, NULL };
  Header h = { 0 };
  gboolean little;
  guint32 type;
  guint dims;

  if (data == NULL || !stead_geometry_read_header (&r, &h) || h.empty)
    return FALSE;
  if (!stead_geometry_read_byte_order (&r, &little) ||
      !stead_geometry_read_type (&r, little, &type, &dims) || type != STEAD_GEOMETRY_POINT)
    return FALSE;
  if (!stead_geometry_read_double (&r, little, x) || !stead_geometry_read_double (&r, little, y))
    return FALSE;
  return !isnan (*x) && !isnan (*y);
}
