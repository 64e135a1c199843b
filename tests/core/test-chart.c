/* test-chart.c: charts as readers see them: drawn, labelled, never overlapping, colour-blind safe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <math.h>

#include "stead.h"
#include "stead-test-util.h"

/* Okabe & Ito's palette, written out here rather than asked of the chart. */
static const guint32 okabe_ito[] = {
  0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7,
};

static const char * const weekdays[] = {
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", NULL,
};

static SteadChart *
make_chart (SteadChartKind kind,
            guint          n_categories,
            guint          n_series,
            const char    *label_format)
{
  SteadChart *chart = stead_chart_new (kind, "Needs opened per week");

  for (guint c = 0; c < n_categories; c++)
    {
      g_autofree char *label = g_strdup_printf (label_format, c + 1);

      stead_chart_add_category (chart, label);
    }
  for (guint s = 0; s < n_series; s++)
    {
      g_autofree double *values = g_new (double, n_categories);
      g_autofree char *name = kind == STEAD_CHART_HEAT_GRID ? g_strdup (weekdays[s % 7])
                                                           : g_strdup_printf ("Series %c", 'A' + s);

      for (guint c = 0; c < n_categories; c++)
        values[c] = 5 + ((c * 7 + s * 13) % 17) + s;
      stead_chart_add_series (chart, name, values, n_categories);
    }
  stead_chart_set_axis_titles (chart, "Week", "Needs");
  return chart;
}

/* How many of the surface's pixels are within a few levels of @rgb. */
static guint
count_colour (cairo_surface_t *surface,
              guint32          rgb)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint n = 0;

  cairo_surface_flush (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 px = *(const guint32 *) (gconstpointer) (data + y * stride + 4 * x);
        int dr = (int) ((px >> 16) & 0xff) - (int) ((rgb >> 16) & 0xff);
        int dg = (int) ((px >> 8) & 0xff) - (int) ((rgb >> 8) & 0xff);
        int db = (int) (px & 0xff) - (int) (rgb & 0xff);

        if (ABS (dr) <= 6 && ABS (dg) <= 6 && ABS (db) <= 6)
          n++;
      }
  return n;
}

static cairo_surface_t *
draw_image (SteadChart *chart,
            int         width,
            int         height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  stead_chart_draw (chart, cr, 0, 0, width, height);
  cairo_destroy (cr);
  return surface;
}

/* Every label box lies in the drawing's box, and no two overlap. */
static guint
count_overlaps (SteadChart *chart,
                double      width,
                double      height)
{
  GArray *boxes = stead_chart_get_label_boxes (chart);
  guint overlaps = 0;

  for (guint i = 0; i < boxes->len; i++)
    {
      cairo_rectangle_t *a = &g_array_index (boxes, cairo_rectangle_t, i);

      g_assert_cmpfloat (a->x, >=, -0.5);
      g_assert_cmpfloat (a->y, >=, -0.5);
      g_assert_cmpfloat (a->x + a->width, <=, width + 0.5);
      g_assert_cmpfloat (a->y + a->height, <=, height + 0.5);
      for (guint j = i + 1; j < boxes->len; j++)
        {
          cairo_rectangle_t *b = &g_array_index (boxes, cairo_rectangle_t, j);
          double across = MIN (a->x + a->width, b->x + b->width) - MAX (a->x, b->x);
          double down = MIN (a->y + a->height, b->y + b->height) - MAX (a->y, b->y);

          if (across > 0.5 && down > 0.5)
            overlaps++;
        }
    }
  return overlaps;
}

static void
test_kinds_draw (void)
{
  for (SteadChartKind kind = STEAD_CHART_BAR; kind <= STEAD_CHART_HEAT_GRID; kind++)
    {
      g_autoptr(SteadChart) chart = make_chart (kind, kind == STEAD_CHART_RADAR ? 5 : 12,
                                                kind == STEAD_CHART_HEAT_GRID ? 7 : 3, "C%u");
      cairo_surface_t *surface = draw_image (chart, 640, 420);
      guint used = 0;

      g_assert_false (stead_chart_is_empty (chart));
      g_assert_cmpuint (count_overlaps (chart, 640, 420), ==, 0);
      if (kind == STEAD_CHART_HEAT_GRID)
        {
          /* One hue's ramp, darker for more: the largest value's cell is
           * the ramp's end (ColorBrewer Blues, #08306b), the smallest its start. */
          g_assert_cmpuint (count_colour (surface, 0x08306b), >, 20);
          g_assert_cmpuint (count_colour (surface, 0xf7fbff), >, 20);
        }
      else
        {
          /* The three series in the palette's first three (blue, orange,
           * bluish green): never red against green. */
          for (guint i = 0; i < G_N_ELEMENTS (okabe_ito); i++)
            if (count_colour (surface, okabe_ito[i]) > 8)
              used++;
          g_assert_cmpuint (count_colour (surface, 0x0072B2), >, 8);
          g_assert_cmpuint (count_colour (surface, 0xE69F00), >, 8);
          g_assert_cmpuint (count_colour (surface, 0x009E73), >, 8);
          g_assert_cmpuint (used, ==, 3);
        }
      cairo_surface_destroy (surface);
    }
}

/* Labels are text a reader (and pdftotext) finds: title, categories,
 * series, axis titles. */
static void
test_labels_in_pdf (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-chart-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "charts.pdf", NULL);
  cairo_surface_t *surface;
  cairo_t *cr;

  if (!stead_test_have_poppler ())
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  surface = cairo_pdf_surface_create (pdf, 500, 360);
  cr = cairo_create (surface);
  for (SteadChartKind kind = STEAD_CHART_BAR; kind <= STEAD_CHART_HEAT_GRID; kind++)
    {
      g_autoptr(SteadChart) chart = make_chart (kind, 6, kind == STEAD_CHART_HEAT_GRID ? 7 : 2,
                                                "Cat%u");

      stead_chart_draw (chart, cr, 10, 10, 480, 340);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  for (guint page = 1; page <= 5; page++)
    {
      g_autofree char *text = stead_test_pdf_text (pdf, page);

      g_assert_nonnull (strstr (text, "Needs opened per week"));
      for (guint c = 1; c <= 6; c++)
        {
          g_autofree char *label = g_strdup_printf ("Cat%u", c);

          g_assert_nonnull (strstr (text, label));
        }
      if (page == 5)
        {
          g_assert_nonnull (strstr (text, "Monday"));
          g_assert_nonnull (strstr (text, "Sunday"));
        }
      else
        {
          g_assert_nonnull (strstr (text, "Series A"));
          g_assert_nonnull (strstr (text, "Series B"));
        }
      if (page != 4)
        {
          g_assert_nonnull (strstr (text, "Week"));
          g_assert_nonnull (strstr (text, "Needs"));
        }
    }
  stead_test_rm_rf (dir);
}

/* Dense categories: upright, thinned, never overlapping, in the box;
 * at both a report's width and a narrow window's. */
static void
test_dense_no_overlap (void)
{
  const double sizes[][2] = { { 483, 260 }, { 320, 240 }, { 1200, 400 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(SteadChart) bars = make_chart (STEAD_CHART_BAR, 60, 3,
                                               "Week commencing 2026-%02u-01");
      g_autoptr(SteadChart) stacked = make_chart (STEAD_CHART_STACKED_BAR, 52, 4, "W%u");
      g_autoptr(SteadChart) line = make_chart (STEAD_CHART_LINE, 365, 2, "Day %u of the year");
      g_autoptr(SteadChart) heat = make_chart (STEAD_CHART_HEAT_GRID, 24, 7, "%u");
      g_autoptr(SteadChart) radar = make_chart (STEAD_CHART_RADAR, 10, 2,
                                                "Dimension %u of the framework's ten");
      SteadChart *charts[] = { bars, stacked, line, heat, radar };

      for (guint k = 0; k < G_N_ELEMENTS (charts); k++)
        {
          cairo_surface_t *surface = draw_image (charts[k], (int) sizes[i][0], (int) sizes[i][1]);
          GArray *boxes = stead_chart_get_label_boxes (charts[k]);

          g_test_message ("chart %u at %gx%g: %u labels", k, sizes[i][0], sizes[i][1],
                          boxes->len);
          g_assert_cmpuint (count_overlaps (charts[k], sizes[i][0], sizes[i][1]), ==, 0);
          /* Thinned, not gone: a good share of the categories keep their label. */
          g_assert_cmpuint (boxes->len, >, 10);
          cairo_surface_destroy (surface);
        }
    }
}

/* The 24 × 7 grid at a report's width labels every hour and every day. */
static void
test_heat_grid_labels (void)
{
  g_autoptr(SteadChart) heat = make_chart (STEAD_CHART_HEAT_GRID, 24, 7, "%02u");
  cairo_surface_t *surface = draw_image (heat, 483, 240);
  GArray *boxes = stead_chart_get_label_boxes (heat);

  /* Title, the legend's two ends and its title, 7 days, 24 hours, the axis title. */
  g_assert_cmpuint (boxes->len, >=, 1 + 3 + 7 + 24 + 1);
  g_assert_cmpuint (count_overlaps (heat, 483, 240), ==, 0);
  cairo_surface_destroy (surface);
}

/* Nothing to draw: "No data", not an empty frame or a NaN axis. */
static void
test_no_data (void)
{
  g_autoptr(SteadChart) empty = stead_chart_new (STEAD_CHART_BAR, "Needs by kind");
  g_autoptr(SteadChart) missing = make_chart (STEAD_CHART_LINE, 4, 1, "C%u");
  g_autofree char *dir = g_dir_make_tmp ("stead-chart-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "empty.pdf", NULL);
  g_autofree char *description = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  for (guint c = 0; c < 4; c++)
    stead_chart_set_value (missing, 0, c, NAN);
  g_assert_true (stead_chart_is_empty (empty));
  g_assert_true (stead_chart_is_empty (missing));
  description = stead_chart_get_description (empty);
  g_assert_nonnull (strstr (description, "No data"));

  surface = draw_image (missing, 400, 300);
  for (guint i = 0; i < G_N_ELEMENTS (okabe_ito); i++)
    g_assert_cmpuint (count_colour (surface, okabe_ito[i]), ==, 0);
  cairo_surface_destroy (surface);

  if (!stead_test_have_poppler ())
    return;
  surface = cairo_pdf_surface_create (pdf, 400, 300);
  cr = cairo_create (surface);
  stead_chart_draw (empty, cr, 0, 0, 400, 300);
  cairo_show_page (cr);
  stead_chart_draw (missing, cr, 0, 0, 400, 300);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  for (guint page = 1; page <= 2; page++)
    {
      g_autofree char *text = stead_test_pdf_text (pdf, page);

      g_assert_nonnull (strstr (text, "No data"));
    }
  stead_test_rm_rf (dir);
}

/* The numbers as a table: a row a category, a column a series, in the
 * chart's format, with a value's label, a dash where none. */
static void
test_table (void)
{
  g_autoptr(SteadChart) chart = stead_chart_new (STEAD_CHART_RADAR, "Assessment");
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) columns = NULL;
  const double first[] = { 1, 2.25, NAN };
  const double second[] = { 3, -0.001 };
  char **row;

  stead_chart_set_categories (chart, (const char *[]) { "Strategy", "Intelligence",
                                                        "Operations", NULL });
  stead_chart_add_series (chart, "2025", first, G_N_ELEMENTS (first));
  stead_chart_add_series (chart, "2026", second, G_N_ELEMENTS (second));
  stead_chart_set_value_label (chart, 1, 0, "Leading practice");
  stead_chart_set_value_format (chart, 1, " pts");
  stead_chart_set_axis_titles (chart, "Dimension", "Score");

  columns = stead_chart_get_table (chart, &rows);
  g_assert_cmpstrv (columns, ((const char *[]) { "Dimension", "2025", "2026", NULL }));
  g_assert_cmpuint (rows->len, ==, 3);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstrv (row, ((const char *[]) { "Strategy", "1.0 pts", "3.0 pts (Leading practice)",
                                             NULL }));
  row = g_ptr_array_index (rows, 1);
  /* 2.25 to one decimal (printf's rounding), and no "-0.0". */
  g_assert_cmpstrv (row, ((const char *[]) { "Intelligence", "2.2 pts", "0.0 pts", NULL }));
  row = g_ptr_array_index (rows, 2);
  g_assert_cmpstrv (row, ((const char *[]) { "Operations", "—", "—", NULL }));
}

/* The ramp darkens steadily from its start to its end. */
static void
test_ramp (void)
{
  double last = INFINITY;

  for (guint i = 0; i <= 20; i++)
    {
      double r, g, b, luma;

      stead_chart_ramp_colour (i / 20.0, &r, &g, &b);
      luma = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      g_assert_cmpfloat (luma, <, last);
      g_assert_cmpfloat (b, >=, r);
      last = luma;
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/kinds-draw-in-okabe-ito", test_kinds_draw);
  g_test_add_func ("/chart/labels-in-pdf", test_labels_in_pdf);
  g_test_add_func ("/chart/dense-labels-never-overlap", test_dense_no_overlap);
  g_test_add_func ("/chart/heat-grid-24x7-labelled", test_heat_grid_labels);
  g_test_add_func ("/chart/no-data", test_no_data);
  g_test_add_func ("/chart/table", test_table);
  g_test_add_func ("/chart/ramp-single-hue", test_ramp);
  return g_test_run ();
}
