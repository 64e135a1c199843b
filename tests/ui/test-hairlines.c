/* test-hairlines.c: the map's one-pixel outlines against cairo's own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The oracle is cairo stroking the same segment one pixel wide (butt
 * caps, gray antialiasing) into a mask of the same size: along the
 * segment, each column (or row) must carry as much ink, centred in the
 * same place.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "stead-hairlines-private.h"

#define W 64
#define H 48

/* cairo's coverage of the segment, one byte a pixel, @stride W. */
static guint8 *
cairo_coverage (double ax,
                double ay,
                double bx,
                double by,
                double line_width)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, W, H);
  cairo_t *cr = cairo_create (surface);
  guint8 *out = g_new (guint8, W * H);
  const guint8 *data;
  int stride;

  cairo_set_line_width (cr, line_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_move_to (cr, ax, ay);
  cairo_line_to (cr, bx, by);
  cairo_stroke (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int row = 0; row < H; row++)
    memcpy (out + row * W, data + row * stride, W);
  cairo_surface_destroy (surface);
  return out;
}

static guint8 *
hairline_coverage (SteadHairlines *lines)
{
  guint8 *out = g_new (guint8, W * H);
  const guint8 *data;
  int stride;

  data = stead_hairlines_peek (lines, &stride);
  for (int row = 0; row < H; row++)
    memcpy (out + row * W, data + row * stride, W);
  return out;
}

/* Ink in column (or row) @i of @mask and where its middle is. */
static double
ink (const guint8 *mask,
     gboolean      by_row,
     int           i,
     double       *centre)
{
  double sum = 0, moment = 0;

  for (int j = 0; j < (by_row ? W : H); j++)
    {
      double v = (by_row ? mask[i * W + j] : mask[j * W + i]) / 255.0;

      sum += v;
      moment += v * (j + 0.5);
    }
  *centre = sum > 0 ? moment / sum : -1;
  return sum;
}

/* Compares the two along the segment's major axis, away from its ends
 * (cairo's butt caps cut them square; the hairline does not). The
 * segment is in device pixels; at @scale 2 the hairline is given it in
 * units of two pixels, and cairo strokes it two pixels wide; a line
 * @width units wide is stroked @width × @scale pixels wide. */
static void
check_segment_at (double ax,
                  double ay,
                  double bx,
                  double by,
                  int    scale,
                  double width)
{
  g_autoptr(SteadHairlines) lines = stead_hairlines_new ();
  g_autofree guint8 *expected = cairo_coverage (ax, ay, bx, by, scale * width);
  g_autofree guint8 *got = NULL;
  gboolean steep = fabs (by - ay) > fabs (bx - ax);
  double from = steep ? MIN (ay, by) : MIN (ax, bx);
  double to = steep ? MAX (ay, by) : MAX (ax, bx);
  int checked = 0;

  stead_hairlines_begin (lines, 0, 0, W / scale, H / scale, scale);
  if (width != 1)
    stead_hairlines_set_width (lines, width);
  stead_hairlines_line (lines, ax / scale, ay / scale, bx / scale, by / scale);
  got = hairline_coverage (lines);
  for (int i = (int) ceil (from + scale * width); i < (int) floor (to - scale * width); i++)
    {
      double centre_expected, centre_got;
      double ink_expected = ink (expected, steep, i, &centre_expected);
      double ink_got = ink (got, steep, i, &centre_got);

      g_assert_cmpfloat_with_epsilon (ink_got, ink_expected, 0.08 * ink_expected);
      g_assert_cmpfloat_with_epsilon (centre_got, centre_expected, 0.15);
      checked++;
    }
  g_assert_cmpint (checked, >, 10);
}

static void
check_segment (double ax,
               double ay,
               double bx,
               double by)
{
  check_segment_at (ax, ay, bx, by, 1, 1);
  check_segment_at (ax, ay, bx, by, 2, 1);
  check_segment_at (ax, ay, bx, by, 1, 3);
}

/* Level on a pixel row's middle, level between two rows, a quarter
 * way, shallow both ways, 45 degrees, steep both ways, upright. */
static void
test_against_cairo (void)
{
  check_segment (4, 20.5, 60, 20.5);
  check_segment (4, 20, 60, 20);
  check_segment (60, 20.25, 4, 20.25);
  check_segment (3.3, 10.2, 61.1, 30.9);
  check_segment (3.3, 40.2, 61.1, 25.7);
  check_segment (5, 3, 45, 43);
  check_segment (20.4, 2.2, 31.9, 45.6);
  check_segment (41.7, 44.1, 30.2, 2.8);
  check_segment (33.5, 2, 33.5, 46);
}

/* A pixel-centred level line gives its row full coverage and its
 * neighbours none. */
static void
test_level_row (void)
{
  g_autoptr(SteadHairlines) lines = stead_hairlines_new ();
  g_autofree guint8 *got = NULL;

  stead_hairlines_begin (lines, 0, 0, W, H, 1);
  g_assert_true (stead_hairlines_is_empty (lines));
  stead_hairlines_line (lines, 10, 7.5, 30, 7.5);
  g_assert_false (stead_hairlines_is_empty (lines));
  got = hairline_coverage (lines);
  for (int col = 11; col < 30; col++)
    {
      g_assert_cmpint (got[7 * W + col], ==, 255);
      g_assert_cmpint (got[6 * W + col], ==, 0);
      g_assert_cmpint (got[8 * W + col], ==, 0);
    }
  g_assert_cmpint (got[7 * W + 40], ==, 0);
}

/* Two areas sharing a border, a ring's segments meeting: the shared
 * pixels are no darker than one line's. */
static void
test_overlap_is_not_darker (void)
{
  g_autoptr(SteadHairlines) once = stead_hairlines_new ();
  g_autoptr(SteadHairlines) twice = stead_hairlines_new ();
  g_autofree guint8 *a = NULL;
  g_autofree guint8 *b = NULL;

  stead_hairlines_begin (once, 0, 0, W, H, 1);
  stead_hairlines_line (once, 2.2, 3.7, 50.1, 33.3);
  stead_hairlines_begin (twice, 0, 0, W, H, 1);
  stead_hairlines_line (twice, 2.2, 3.7, 50.1, 33.3);
  stead_hairlines_line (twice, 50.1, 33.3, 2.2, 3.7);
  a = hairline_coverage (once);
  b = hairline_coverage (twice);
  g_assert_cmpmem (a, W * H, b, W * H);
}

/* A thick ring's corner is filled as cairo's mitre fills it (no notch
 * on the outside), and the line is no wider than cairo's. */
static void
test_thick_corner (void)
{
  g_autoptr(SteadHairlines) lines = stead_hairlines_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, W, H);
  cairo_t *cr = cairo_create (surface);
  g_autofree guint8 *got = NULL;
  const guint8 *expected;
  int stride;

  /* Right along y 10.5, then down x 40.5: the outer corner is up right. */
  cairo_set_line_width (cr, 3);
  cairo_move_to (cr, 8.5, 10.5);
  cairo_line_to (cr, 40.5, 10.5);
  cairo_line_to (cr, 40.5, 40.5);
  cairo_stroke (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  expected = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  stead_hairlines_begin (lines, 0, 0, W, H, 1);
  stead_hairlines_set_width (lines, 3);
  stead_hairlines_line (lines, 8.5, 10.5, 40.5, 10.5);
  stead_hairlines_line (lines, 40.5, 10.5, 40.5, 40.5);
  got = hairline_coverage (lines);
  /* The corner's 3x3 pixels, the outer one (41, 9) too. */
  for (int row = 9; row <= 11; row++)
    for (int col = 39; col <= 41; col++)
      {
        g_assert_cmpint (expected[row * stride + col], ==, 255);
        g_assert_cmpint (got[row * W + col], ==, 255);
      }
  /* Nothing past the mitre. */
  g_assert_cmpint (expected[8 * stride + 42], ==, 0);
  g_assert_cmpint (got[8 * W + 42], ==, 0);
  g_assert_cmpint (got[10 * W + 43], ==, 0);
  g_assert_cmpint (got[7 * W + 41], ==, 0);
  cairo_surface_destroy (surface);
}

/* Street level: a border thousands of pixels long crossing the mask
 * draws only what is in it, one far outside draws nothing, and a
 * point at infinity is left out. */
static void
test_clipped (void)
{
  g_autoptr(SteadHairlines) lines = stead_hairlines_new ();
  g_autofree guint8 *got = NULL;

  stead_hairlines_begin (lines, 0, 0, W, H, 1);
  stead_hairlines_line (lines, -1e7, -2000, 1e7, -2000);
  stead_hairlines_line (lines, 5, 5, INFINITY, 5);
  stead_hairlines_line (lines, NAN, 9, 20, 9);
  g_assert_true (stead_hairlines_is_empty (lines));
  stead_hairlines_line (lines, -1e6, 12.5, 1e6, 12.5);
  got = hairline_coverage (lines);
  for (int col = 0; col < W; col++)
    g_assert_cmpint (got[12 * W + col], ==, 255);
  for (int row = 0; row < H; row++)
    if (row != 12)
      for (int col = 0; col < W; col++)
        g_assert_cmpint (got[row * W + col], ==, 0);
}

/* The mask where it was begun, in the user space it is painted in, and
 * the source's colour through it; at scale 2, two device rows. */
static void
check_painted_in_place (int scale)
{
  g_autoptr(SteadHairlines) lines = stead_hairlines_new ();
  cairo_surface_t *target =
    cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 100 * scale, 80 * scale);
  cairo_t *cr;
  const guint32 *pixels;
  int stride;

  cairo_surface_set_device_scale (target, scale, scale);
  cr = cairo_create (target);
  /* Begun at (30, 20), 40 by 30: a line at y 25.5 is the mask's row 5. */
  stead_hairlines_begin (lines, 30, 20, 40, 30, scale);
  stead_hairlines_line (lines, 35, 25.5, 60, 25.5);
  cairo_set_source_rgb (cr, 1, 0, 0);
  stead_hairlines_paint (lines, cr);
  cairo_destroy (cr);
  cairo_surface_flush (target);
  pixels = (const guint32 *) cairo_image_surface_get_data (target);
  stride = cairo_image_surface_get_stride (target) / 4;
  for (int k = 0; k < scale; k++)
    g_assert_cmphex (pixels[(25 * scale + k) * stride + 45 * scale], ==, 0xffff0000);
  g_assert_cmphex (pixels[(25 * scale - 1) * stride + 45 * scale], ==, 0);
  g_assert_cmphex (pixels[(26 * scale) * stride + 45 * scale], ==, 0);
  g_assert_cmphex (pixels[25 * scale * stride + 70 * scale], ==, 0);
  g_assert_cmphex (pixels[5 * scale * stride + 45 * scale], ==, 0);
  cairo_surface_destroy (target);
}

static void
test_painted_in_place (void)
{
  check_painted_in_place (1);
  check_painted_in_place (2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hairlines/against-cairo", test_against_cairo);
  g_test_add_func ("/hairlines/level-row", test_level_row);
  g_test_add_func ("/hairlines/overlap-is-not-darker", test_overlap_is_not_darker);
  g_test_add_func ("/hairlines/thick-corner", test_thick_corner);
  g_test_add_func ("/hairlines/clipped", test_clipped);
  g_test_add_func ("/hairlines/painted-in-place", test_painted_in_place);
  return g_test_run ();
}
