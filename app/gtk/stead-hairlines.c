/* stead-hairlines.c: one-pixel outlines rasterised in one pass
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The wards and LSOAs of a district are thousands of segments a pixel or
 * two long. Stroked by cairo they are turned into polygons and scan
 * converted over the whole window, which is most of a frame's time.
 * Here each segment is drawn straight into a coverage mask, antialiased
 * across its minor axis (as in Xiaolin Wu's lines), and the mask is
 * composited once. Coverage is the maximum of what the segments give a pixel, not
 * their sum: where a ring's segments meet, or two areas share a border,
 * the line is no darker.
 */

#include "config.h"

#include <math.h>

#include "stead-hairlines-private.h"

struct _SteadHairlines
{
  cairo_surface_t *mask;  /* A8, made by begin */
  guint8          *data;
  int              stride;
  int              x;     /* the mask's pixel (0, 0) in user space */
  int              y;
  int              scale; /* device pixels a user-space unit */
  double           line_width; /* in user-space units */
  int              width; /* in device pixels */
  int              height;
  int              x0;    /* what was drawn: columns x0..x1, rows y0..y1 */
  int              y0;
  int              x1;
  int              y1;
};

SteadHairlines *
stead_hairlines_new (void)
{
  return g_new0 (SteadHairlines, 1);
}

void
stead_hairlines_free (SteadHairlines *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->mask, cairo_surface_destroy);
  g_free (self);
}

/**
 * stead_hairlines_begin:
 * @x: where the mask starts, in the user space of the cairo context it
 *   will be painted on
 * @scale: the device pixels of a unit of that space (the widget's scale
 *   factor): the mask has as many, and the lines are @scale pixels wide
 *
 * Starts an empty mask of @width by @height units. A new surface each
 * time: a recording surface (a cairo render node) keeps the last one.
 */
void
stead_hairlines_begin (SteadHairlines *self,
                       int             x,
                       int             y,
                       int             width,
                       int             height,
                       int             scale)
{
  scale = MAX (scale, 1);
  width = MAX (width, 0) * scale;
  height = MAX (height, 0) * scale;
  g_clear_pointer (&self->mask, cairo_surface_destroy);
  self->mask = cairo_image_surface_create (CAIRO_FORMAT_A8, MAX (width, 1), MAX (height, 1));
  cairo_surface_set_device_scale (self->mask, scale, scale);
  cairo_surface_flush (self->mask);
  self->data = cairo_image_surface_get_data (self->mask);
  self->stride = cairo_image_surface_get_stride (self->mask);
  if (self->data == NULL)
    width = height = 0; /* out of memory: an empty mask, drawn as nothing */
  self->x = x;
  self->y = y;
  self->scale = scale;
  self->line_width = 1;
  self->width = width;
  self->height = height;
  self->x0 = self->y0 = G_MAXINT;
  self->x1 = self->y1 = G_MININT;
}

/**
 * stead_hairlines_set_width:
 * @width: in user-space units
 *
 * Sets how wide the lines drawn from now until the next begin are (one
 * unit after begin). A line wider than a pixel is carried on half its
 * width past each end along its major axis, so that the corners of a
 * ring are filled as a square join would fill them.
 */
void
stead_hairlines_set_width (SteadHairlines *self,
                           double          width)
{
  self->line_width = MAX (width, 0);
}

static inline void
stead_hairlines_plot (SteadHairlines *self,
                      int             col,
                      int             row,
                      double          coverage)
{
  guint8 *p;
  int value;

  if (col < 0 || row < 0 || col >= self->width || row >= self->height || coverage <= 0)
    return;
  value = MIN ((int) (coverage * 255 + 0.5), 255);
  p = self->data + (gsize) row * self->stride + col;
  if (value > *p)
    *p = value;
  self->x0 = MIN (self->x0, col);
  self->x1 = MAX (self->x1, col);
  self->y0 = MIN (self->y0, row);
  self->y1 = MAX (self->y1, row);
}

/* Clips the segment to [lo, hi] on each axis (Liang–Barsky); FALSE if
 * nothing of it is left. */
static gboolean
stead_hairlines_clip (double *ax,
                      double *ay,
                      double *bx,
                      double *by,
                      double  lo_x,
                      double  lo_y,
                      double  hi_x,
                      double  hi_y)
{
  double dx = *bx - *ax, dy = *by - *ay;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { *ax - lo_x, hi_x - *ax, *ay - lo_y, hi_y - *ay };
  double t0 = 0, t1 = 1;

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      double t = q[i] / p[i];

      if (p[i] < 0)
        t0 = MAX (t0, t);
      else
        t1 = MIN (t1, t);
      if (t0 > t1)
        return FALSE;
    }
  if (t1 < 1)
    {
      *bx = *ax + t1 * dx;
      *by = *ay + t1 * dy;
    }
  if (t0 > 0)
    {
      *ax += t0 * dx;
      *ay += t0 * dy;
    }
  return TRUE;
}

static inline void
stead_hairlines_swap (double *a,
                      double *b)
{
  double t = *a;

  *a = *b;
  *b = t;
}

/**
 * stead_hairlines_line:
 *
 * Adds the segment from (@ax, @ay) to (@bx, @by), in user space, as
 * wide as stead_hairlines_set_width() says. Along its major axis, each
 * column (or row, for a steep segment) from one end's pixel to the
 * other's is crossed by the line's band: width × scale × sqrt (1 +
 * slope²) pixels of it, centred where the line passes.
 * Each pixel the band overlaps gets that overlap as its coverage, as a
 * box filter would give it. Ends are not tapered: the segments of a
 * ring meet without a gap.
 */
void
stead_hairlines_line (SteadHairlines *self,
                      double          ax,
                      double          ay,
                      double          bx,
                      double          by)
{
  gboolean steep;
  double gradient, half, lo, hi;
  double pixels = self->scale * self->line_width;
  double reach = MAX (pixels - 1, 0) / 2; /* past each end */
  int first, last;

  /* Device pixels, their centres at whole numbers. */
  ax = (ax - self->x) * self->scale - 0.5;
  ay = (ay - self->y) * self->scale - 0.5;
  bx = (bx - self->x) * self->scale - 0.5;
  by = (by - self->y) * self->scale - 0.5;
  if (!isfinite (ax) || !isfinite (ay) || !isfinite (bx) || !isfinite (by) ||
      !stead_hairlines_clip (&ax, &ay, &bx, &by, -2 - pixels, -2 - pixels,
                             self->width + 1 + pixels, self->height + 1 + pixels))
    return;

  steep = fabs (by - ay) > fabs (bx - ax);
  if (steep)
    {
      stead_hairlines_swap (&ax, &ay);
      stead_hairlines_swap (&bx, &by);
    }
  if (ax > bx)
    {
      stead_hairlines_swap (&ax, &bx);
      stead_hairlines_swap (&ay, &by);
    }
  gradient = bx - ax > 0 ? (by - ay) / (bx - ax) : 0;
  half = pixels * sqrt (1 + gradient * gradient) / 2;
  lo = MIN (ay, by);
  hi = MAX (ay, by);
  first = (int) floor (ax - reach + 0.5);
  last = (int) floor (bx + reach + 0.5);
  for (int major = first; major <= last; major++)
    {
      double minor = CLAMP (ay + gradient * (major - ax), lo, hi);
      double top = minor - half, bottom = minor + half;
      int k_last = (int) floor (bottom + 0.5);

      for (int k = (int) floor (top + 0.5); k <= k_last; k++)
        {
          double coverage = MIN (bottom, k + 0.5) - MAX (top, k - 0.5);

          if (steep)
            stead_hairlines_plot (self, k, major, coverage);
          else
            stead_hairlines_plot (self, major, k, coverage);
        }
    }
}

gboolean
stead_hairlines_is_empty (SteadHairlines *self)
{
  return self->x1 < self->x0;
}

/**
 * stead_hairlines_paint:
 *
 * Paints @cr's source through the lines drawn since begin, and only
 * where they are.
 */
void
stead_hairlines_paint (SteadHairlines *self,
                       cairo_t        *cr)
{
  if (self->mask == NULL || stead_hairlines_is_empty (self))
    return;
  cairo_surface_mark_dirty (self->mask);
  cairo_save (cr);
  cairo_rectangle (cr, self->x + (double) self->x0 / self->scale,
                   self->y + (double) self->y0 / self->scale,
                   (double) (self->x1 - self->x0 + 1) / self->scale,
                   (double) (self->y1 - self->y0 + 1) / self->scale);
  cairo_clip (cr);
  cairo_mask_surface (cr, self->mask, self->x, self->y);
  cairo_restore (cr);
}

/* The coverage mask, one byte a device pixel, for tests. */
const guint8 *
stead_hairlines_peek (SteadHairlines *self,
                      int            *stride)
{
  *stride = self->stride;
  return self->data;
}
