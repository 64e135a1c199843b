/* stead-chart.c: labelled, colour-blind safe charts any plugin fills and cairo draws
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "stead-chart.h"

#define STEAD_CHART_FONT_TITLE  "Sans Bold 11"
#define STEAD_CHART_FONT_LABEL  "Sans 8"
#define STEAD_CHART_FONT_AXIS   "Sans Bold 8"
#define STEAD_CHART_GAP         4.0
#define STEAD_CHART_SWATCH      10.0

typedef struct
{
  char      *name;
  GArray    *values;   /* double, a category each; NAN where missing */
  GPtrArray *labels;   /* char *, NULL where none */
} SteadChartSeries;

struct _SteadChart
{
  GObject         parent_instance;

  SteadChartKind  kind;
  char           *title;
  char           *category_title;
  char           *value_title;
  char           *description;
  char           *unit;
  guint           decimals;
  double          min;
  double          max;
  GPtrArray      *categories;   /* char * */
  GPtrArray      *series;       /* SteadChartSeries * */
  GArray         *boxes;        /* cairo_rectangle_t of the last draw */
};

G_DEFINE_FINAL_TYPE (SteadChart, stead_chart, G_TYPE_OBJECT)

/* Okabe & Ito (2008), "Color Universal Design": distinct in every common
 * colour vision deficiency. Yellow and black last: yellow is faint on
 * white, black is the axes' colour. */
static const char * const stead_chart_palette[] = {
  "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
};

static void
stead_chart_series_free (SteadChartSeries *series)
{
  g_free (series->name);
  g_array_unref (series->values);
  g_ptr_array_unref (series->labels);
  g_free (series);
}

static void
stead_chart_finalize (GObject *object)
{
  SteadChart *self = STEAD_CHART (object);

  g_free (self->title);
  g_free (self->category_title);
  g_free (self->value_title);
  g_free (self->description);
  g_free (self->unit);
  g_ptr_array_unref (self->categories);
  g_ptr_array_unref (self->series);
  g_array_unref (self->boxes);

  G_OBJECT_CLASS (stead_chart_parent_class)->finalize (object);
}

static void
stead_chart_class_init (SteadChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = stead_chart_finalize;
}

static void
stead_chart_init (SteadChart *self)
{
  self->min = NAN;
  self->max = NAN;
  self->categories = g_ptr_array_new_with_free_func (g_free);
  self->series = g_ptr_array_new_with_free_func ((GDestroyNotify) stead_chart_series_free);
  self->boxes = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
}

/**
 * stead_chart_new:
 * @kind: what the chart shows
 * @title: (nullable): its title, translated
 *
 * Returns: (transfer full): an empty chart: fill it with categories and series
 */
SteadChart *
stead_chart_new (SteadChartKind  kind,
                 const char     *title)
{
  SteadChart *self;

  g_return_val_if_fail (kind <= STEAD_CHART_HEAT_GRID, NULL);

  self = g_object_new (STEAD_TYPE_CHART, NULL);
  self->kind = kind;
  self->title = g_strdup (title);
  return self;
}

SteadChartKind
stead_chart_get_kind (SteadChart *self)
{
  g_return_val_if_fail (STEAD_IS_CHART (self), STEAD_CHART_BAR);

  return self->kind;
}

const char *
stead_chart_get_title (SteadChart *self)
{
  g_return_val_if_fail (STEAD_IS_CHART (self), NULL);

  return self->title;
}

void
stead_chart_set_title (SteadChart *self,
                       const char *title)
{
  g_return_if_fail (STEAD_IS_CHART (self));

  g_free (self->title);
  self->title = g_strdup (title);
}

/**
 * stead_chart_set_categories:
 * @self: a #SteadChart
 * @categories: (array zero-terminated=1): the labels, in order
 *
 * Replaces the categories; the series keep their values by position.
 */
void
stead_chart_set_categories (SteadChart         *self,
                            const char * const *categories)
{
  g_return_if_fail (STEAD_IS_CHART (self));
  g_return_if_fail (categories != NULL);

  g_ptr_array_set_size (self->categories, 0);
  for (guint i = 0; categories[i] != NULL; i++)
    g_ptr_array_add (self->categories, g_strdup (categories[i]));
}

/**
 * stead_chart_add_category:
 * @self: a #SteadChart
 * @label: the category's label
 *
 * Returns: its index
 */
guint
stead_chart_add_category (SteadChart *self,
                          const char *label)
{
  g_return_val_if_fail (STEAD_IS_CHART (self), 0);

  g_ptr_array_add (self->categories, g_strdup (label != NULL ? label : ""));
  return self->categories->len - 1;
}

guint
stead_chart_get_n_categories (SteadChart *self)
{
  g_return_val_if_fail (STEAD_IS_CHART (self), 0);

  return self->categories->len;
}

const char *
stead_chart_get_category (SteadChart *self,
                          guint       index)
{
  g_return_val_if_fail (STEAD_IS_CHART (self), NULL);
  g_return_val_if_fail (index < self->categories->len, NULL);

  return g_ptr_array_index (self->categories, index);
}

/**
 * stead_chart_add_series:
 * @self: a #SteadChart
 * @name: the series' name, translated
 * @values: (array length=n_values) (nullable): its values, a category each
 * @n_values: how many there are
 *
 * Returns: the series' index
 */
guint
stead_chart_add_series (SteadChart   *self,
                        const char   *name,
                        const double *values,
                        guint         n_values)
{
  SteadChartSeries *series;

  g_return_val_if_fail (STEAD_IS_CHART (self), 0);
  g_return_val_if_fail (values != NULL || n_values == 0, 0);

  series = g_new0 (SteadChartSeries, 1);
  series->name = g_strdup (name != NULL ? name : "");
  series->values = g_array_new (FALSE, FALSE, sizeof (double));
  series->labels = g_ptr_array_new_with_free_func (g_free);
  if (n_values > 0)
    g_array_append_vals (series->values, values, n_values);
  g_ptr_array_add (self->series, series);
  return self->series->len - 1;
}

guint
stead_chart_get_n_series (SteadChart *self)
{
  g_return_val_if_fail (STEAD_IS_CHART (self), 0);

  return self->series->len;
}

const char *
stead_chart_get_series_name (SteadChart *self,
                             guint       series)
{
  g_return_val_if_fail (STEAD_IS_CHART (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);

  return ((SteadChartSeries *) g_ptr_array_index (self->series, series))->name;
}

void
stead_chart_set_value (SteadChart *self,
                       guint       series,
                       guint       category,
                       double      value)
{
  SteadChartSeries *s;

  g_return_if_fail (STEAD_IS_CHART (self));
  g_return_if_fail (series < self->series->len);

  s = g_ptr_array_index (self->series, series);
  while (s->values->len <= category)
    {
      double missing = NAN;

      g_array_append_val (s->values, missing);
    }
  g_array_index (s->values, double, category) = value;
}

/**
 * stead_chart_get_value:
 * @self: a #SteadChart
 * @series: a series' index
 * @category: a category's index
 *
 * Returns: the value, NAN if there is none
 */
double
stead_chart_get_value (SteadChart *self,
                       guint       series,
                       guint       category)
{
  SteadChartSeries *s;

  g_return_val_if_fail (STEAD_IS_CHART (self), NAN);
  g_return_val_if_fail (series < self->series->len, NAN);

  s = g_ptr_array_index (self->series, series);
  if (category >= s->values->len || category >= self->categories->len)
    return NAN;
  return g_array_index (s->values, double, category);
}

void
stead_chart_set_value_label (SteadChart *self,
                             guint       series,
                             guint       category,
                             const char *label)
{
  SteadChartSeries *s;

  g_return_if_fail (STEAD_IS_CHART (self));
  g_return_if_fail (series < self->series->len);

  s = g_ptr_array_index (self->series, series);
  if (s->labels->len <= category)
    g_ptr_array_set_size (s->labels, category + 1);
  g_free (g_ptr_array_index (s->labels, category));
  g_ptr_array_index (s->labels, category) = g_strdup (label);
}

static const char *
stead_chart_value_label (SteadChart *self,
                         guint       series,
                         guint       category)
{
  SteadChartSeries *s = g_ptr_array_index (self->series, series);

  return category < s->labels->len ? g_ptr_array_index (s->labels, category) : NULL;
}

void
stead_chart_set_range (SteadChart *self,
                       double      min,
                       double      max)
{
  g_return_if_fail (STEAD_IS_CHART (self));
  g_return_if_fail (isnan (min) || isnan (max) || min < max);

  self->min = min;
  self->max = max;
}

void
stead_chart_set_value_format (SteadChart *self,
                              guint       decimals,
                              const char *unit)
{
  g_return_if_fail (STEAD_IS_CHART (self));

  self->decimals = MIN (decimals, 6);
  g_free (self->unit);
  self->unit = g_strdup (unit);
}

/**
 * stead_chart_format_value:
 * @self: a #SteadChart
 * @value: a value
 *
 * Returns: (transfer full): @value with the chart's decimals and unit; a
 *   dash if it is NAN
 */
char *
stead_chart_format_value (SteadChart *self,
                          double      value)
{
  g_return_val_if_fail (STEAD_IS_CHART (self), NULL);

  if (isnan (value))
    return g_strdup ("—");
  /* No "-0" from a rounding. */
  if (fabs (value) < 0.5 * pow (10, -(double) self->decimals))
    value = 0;
  return g_strdup_printf ("%.*f%s", (int) self->decimals, value,
                          self->unit != NULL ? self->unit : "");
}

void
stead_chart_set_axis_titles (SteadChart *self,
                             const char *category_axis,
                             const char *value_axis)
{
  g_return_if_fail (STEAD_IS_CHART (self));

  g_free (self->category_title);
  g_free (self->value_title);
  self->category_title = g_strdup (category_axis);
  self->value_title = g_strdup (value_axis);
}

void
stead_chart_set_description (SteadChart *self,
                             const char *description)
{
  g_return_if_fail (STEAD_IS_CHART (self));

  g_free (self->description);
  self->description = g_strdup (description);
}

/* The smallest and largest values (stacked: the largest total). */
static gboolean
stead_chart_data_range (SteadChart *self,
                        double     *min,
                        double     *max)
{
  gboolean any = FALSE;

  *min = INFINITY;
  *max = -INFINITY;
  for (guint c = 0; c < self->categories->len; c++)
    {
      double total = 0;

      for (guint s = 0; s < self->series->len; s++)
        {
          double v = stead_chart_get_value (self, s, c);

          if (isnan (v) || isinf (v))
            continue;
          any = TRUE;
          if (self->kind == STEAD_CHART_STACKED_BAR)
            total += MAX (v, 0);
          else
            {
              *min = MIN (*min, v);
              *max = MAX (*max, v);
            }
        }
      if (self->kind == STEAD_CHART_STACKED_BAR)
        {
          *min = MIN (*min, 0);
          *max = MAX (*max, total);
        }
    }
  return any;
}

gboolean
stead_chart_is_empty (SteadChart *self)
{
  double min, max;

  g_return_val_if_fail (STEAD_IS_CHART (self), TRUE);

  return !stead_chart_data_range (self, &min, &max);
}

/**
 * stead_chart_get_description:
 * @self: a #SteadChart
 *
 * Returns: (transfer full): the description set, or one made from the
 *   chart: its kind, title, categories and series, and its range
 */
char *
stead_chart_get_description (SteadChart *self)
{
  static const char * const kinds[] = {
    [STEAD_CHART_BAR] = N_("Bar chart"),
    [STEAD_CHART_STACKED_BAR] = N_("Stacked bar chart"),
    [STEAD_CHART_LINE] = N_("Line chart"),
    [STEAD_CHART_RADAR] = N_("Radar chart"),
    [STEAD_CHART_HEAT_GRID] = N_("Heat grid"),
  };
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  g_autofree char *counts = NULL;
  double min, max;

  g_return_val_if_fail (STEAD_IS_CHART (self), NULL);

  if (self->description != NULL)
    return g_strdup (self->description);
  if (!stead_chart_data_range (self, &min, &max))
    /* Translators: "Bar chart: Needs per week. No data." */
    return g_strdup_printf (_("%s: %s. No data."), _(kinds[self->kind]),
                            self->title != NULL ? self->title : "");
  low = stead_chart_format_value (self, min);
  high = stead_chart_format_value (self, max);
  counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u category", "%u categories",
                                         self->categories->len), self->categories->len);
  /* Translators: "Bar chart: Needs per week, 52 categories, 2 series, values from 0 to 40." */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s: %s, %s, %u series, values from %s to %s.",
                                       "%s: %s, %s, %u series, values from %s to %s.",
                                       self->series->len),
                          _(kinds[self->kind]), self->title != NULL ? self->title : "", counts,
                          self->series->len, low, high);
}

/**
 * stead_chart_get_table:
 * @self: a #SteadChart
 * @rows: (out) (transfer full) (element-type GStrv): a row a category
 *
 * Returns: (transfer full): the columns' titles: the category axis' title
 *   (or "Category"), then a series each
 */
GStrv
stead_chart_get_table (SteadChart  *self,
                       GPtrArray  **rows)
{
  g_autoptr(GStrvBuilder) columns = g_strv_builder_new ();

  g_return_val_if_fail (STEAD_IS_CHART (self), NULL);
  g_return_val_if_fail (rows != NULL, NULL);

  g_strv_builder_add (columns, self->category_title != NULL ? self->category_title
                                                            : _("Category"));
  for (guint s = 0; s < self->series->len; s++)
    g_strv_builder_add (columns, stead_chart_get_series_name (self, s));
  *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint c = 0; c < self->categories->len; c++)
    {
      g_autoptr(GStrvBuilder) row = g_strv_builder_new ();

      g_strv_builder_add (row, g_ptr_array_index (self->categories, c));
      for (guint s = 0; s < self->series->len; s++)
        {
          g_autofree char *value = stead_chart_format_value (self,
                                                             stead_chart_get_value (self, s, c));
          const char *label = stead_chart_value_label (self, s, c);

          if (label != NULL)
            {
              /* Translators: a value and its label in a chart's table: "2 (Good practice)" */
              g_autofree char *text = g_strdup_printf (_("%s (%s)"), value, label);

              g_strv_builder_add (row, text);
            }
          else
            g_strv_builder_add (row, value);
        }
      g_ptr_array_add (*rows, g_strv_builder_end (row));
    }
  return g_strv_builder_end (columns);
}

const char *
stead_chart_series_colour (guint series)
{
  return stead_chart_palette[series % G_N_ELEMENTS (stead_chart_palette)];
}

/* ColorBrewer's "Blues": light to dark on one hue, readable in greyscale. */
void
stead_chart_ramp_colour (double  t,
                         double *red,
                         double *green,
                         double *blue)
{
  static const double stops[][3] = {
    { 0xf7, 0xfb, 0xff }, { 0xc6, 0xdb, 0xef }, { 0x6b, 0xae, 0xd6 },
    { 0x21, 0x71, 0xb5 }, { 0x08, 0x30, 0x6b },
  };
  double at;
  guint i;

  t = isnan (t) ? 0 : CLAMP (t, 0, 1);
  at = t * (G_N_ELEMENTS (stops) - 1);
  i = MIN ((guint) at, G_N_ELEMENTS (stops) - 2);
  at -= i;
  *red = (stops[i][0] + (stops[i + 1][0] - stops[i][0]) * at) / 255;
  *green = (stops[i][1] + (stops[i + 1][1] - stops[i][1]) * at) / 255;
  *blue = (stops[i][2] + (stops[i + 1][2] - stops[i][2]) * at) / 255;
}

GArray *
stead_chart_get_label_boxes (SteadChart *self)
{
  g_return_val_if_fail (STEAD_IS_CHART (self), NULL);

  return self->boxes;
}

/* ------------------------------------------------------------------------ */
/* Drawing                                                                  */

static void
stead_chart_set_hex (cairo_t    *cr,
                     const char *hex,
                     double      alpha)
{
  guint rgb = (guint) g_ascii_strtoull (hex + 1, NULL, 16);

  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

static PangoLayout *
stead_chart_layout (cairo_t    *cr,
                    const char *text,
                    const char *font,
                    double      width,
                    int         lines)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -MAX (lines, 1));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

static void
stead_chart_size (PangoLayout *layout,
                  double      *width,
                  double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = logical.width / (double) PANGO_SCALE;
  if (height != NULL)
    *height = logical.height / (double) PANGO_SCALE;
}

/* Draws @layout with its top left at @x, @y, turned a quarter to read
 * upwards if @upright, and records the box it takes. */
static void
stead_chart_show (SteadChart  *self,
                  cairo_t     *cr,
                  PangoLayout *layout,
                  double       x,
                  double       y,
                  gboolean     upright)
{
  cairo_rectangle_t box = { x, y, 0, 0 };
  PangoRectangle ink, logical;
  double w, h;

  pango_layout_get_extents (layout, &ink, &logical);
  w = logical.width / (double) PANGO_SCALE;
  h = logical.height / (double) PANGO_SCALE;
  cairo_save (cr);
  if (upright)
    {
      /* The box is h wide and w tall; the text's start at its bottom. */
      cairo_translate (cr, x, y + w);
      cairo_rotate (cr, -G_PI / 2);
      box.width = h;
      box.height = w;
    }
  else
    {
      cairo_translate (cr, x, y);
      box.width = w;
      box.height = h;
    }
  cairo_move_to (cr, -logical.x / (double) PANGO_SCALE, 0);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  if (box.width > 0 && box.height > 0)
    g_array_append_val (self->boxes, box);
}

/* One line of @text in @font, at most @max_width wide (0: any), placed
 * by @align (0 left, 0.5 centre, 1 right of @x); returns its height. */
static double
stead_chart_text (SteadChart *self,
                  cairo_t    *cr,
                  const char *text,
                  const char *font,
                  double      x,
                  double      y,
                  double      max_width,
                  double      align)
{
  g_autoptr(PangoLayout) layout = stead_chart_layout (cr, text, font, max_width, 1);
  double w, h;

  if (text == NULL || *text == '\0')
    return 0;
  stead_chart_size (layout, &w, &h);
  if (max_width > 0)
    w = MIN (w, max_width);
  stead_chart_show (self, cr, layout, x - align * w, y, FALSE);
  return h;
}

static double
stead_chart_line_height (cairo_t    *cr,
                         const char *font)
{
  g_autoptr(PangoLayout) layout = stead_chart_layout (cr, "Ag", font, 0, 1);
  double h;

  stead_chart_size (layout, NULL, &h);
  return h;
}

/* The second code beside colour: each series' bars a fill pattern. */
static void
stead_chart_fill_bar (cairo_t *cr,
                      guint    series,
                      double   x,
                      double   y,
                      double   width,
                      double   height)
{
  guint pattern = series % 6;

  if (width <= 0 || height <= 0)
    return;
  cairo_save (cr);
  stead_chart_set_hex (cr, stead_chart_series_colour (series), 1);
  cairo_rectangle (cr, x, y, width, height);
  cairo_fill_preserve (cr);
  cairo_clip (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.75);
  cairo_set_line_width (cr, 1.2);
  if (pattern == 1 || pattern == 4)
    for (double d = -height; d < width; d += 5)
      {
        cairo_move_to (cr, x + d, y + height);
        cairo_line_to (cr, x + d + height, y);
      }
  if (pattern == 2)
    for (double dy = 2.5; dy < height; dy += 5)
      for (double dx = 2.5; dx < width; dx += 5)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, x + dx, y + dy, 1.1, 0, 2 * G_PI);
        }
  if (pattern == 3 || pattern == 4)
    for (double d = 0; d < width + height; d += 5)
      {
        cairo_move_to (cr, x + d, y + height);
        cairo_line_to (cr, x + d - height, y);
      }
  if (pattern == 5)
    for (double dy = 2; dy < height; dy += 4)
      {
        cairo_move_to (cr, x, y + dy);
        cairo_line_to (cr, x + width, y + dy);
      }
  if (pattern == 2)
    cairo_fill (cr);
  else
    cairo_stroke (cr);
  cairo_restore (cr);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, x, y, width, height);
  cairo_stroke (cr);
}

/* ... each line a dash pattern and a marker shape. */
static void
stead_chart_set_dash (cairo_t *cr,
                      guint    series)
{
  static const double dashes[][4] = {
    { 0 }, { 6, 3 }, { 1.5, 2.5 }, { 7, 2, 1.5, 2 }, { 10, 3 }, { 3, 3 },
  };
  static const int n_dashes[] = { 0, 2, 2, 4, 2, 2 };
  guint i = series % G_N_ELEMENTS (n_dashes);

  cairo_set_dash (cr, dashes[i], n_dashes[i], 0);
}

static void
stead_chart_marker (cairo_t *cr,
                    guint    series,
                    double   x,
                    double   y,
                    double   r)
{
  guint shape = series % 6;

  cairo_save (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_new_path (cr);
  switch (shape)
    {
    case 0:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    case 1:
      cairo_rectangle (cr, x - r * 0.9, y - r * 0.9, 1.8 * r, 1.8 * r);
      break;
    case 2:
      cairo_move_to (cr, x, y - r * 1.15);
      cairo_line_to (cr, x + r * 1.1, y + r * 0.8);
      cairo_line_to (cr, x - r * 1.1, y + r * 0.8);
      break;
    case 3:
      cairo_move_to (cr, x, y - r * 1.25);
      cairo_line_to (cr, x + r * 1.25, y);
      cairo_line_to (cr, x, y + r * 1.25);
      cairo_line_to (cr, x - r * 1.25, y);
      break;
    case 4:
      cairo_move_to (cr, x, y + r * 1.15);
      cairo_line_to (cr, x + r * 1.1, y - r * 0.8);
      cairo_line_to (cr, x - r * 1.1, y - r * 0.8);
      break;
    default:
      for (int k = 0; k < 10; k++)
        {
          double a = k * G_PI / 5 - G_PI / 2, rr = k % 2 == 0 ? r * 1.3 : r * 0.55;

          cairo_line_to (cr, x + rr * cos (a), y + rr * sin (a));
        }
      break;
    }
  cairo_close_path (cr);
  stead_chart_set_hex (cr, stead_chart_series_colour (series), 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* A legend item's key: the bar's pattern, or the line's dash and marker. */
static void
stead_chart_key (SteadChart *self,
                 cairo_t    *cr,
                 guint       series,
                 double      x,
                 double      y)
{
  if (self->kind == STEAD_CHART_BAR || self->kind == STEAD_CHART_STACKED_BAR)
    {
      stead_chart_fill_bar (cr, series, x, y, STEAD_CHART_SWATCH * 1.4, STEAD_CHART_SWATCH);
      return;
    }
  cairo_save (cr);
  stead_chart_set_hex (cr, stead_chart_series_colour (series), 1);
  cairo_set_line_width (cr, 2);
  stead_chart_set_dash (cr, series);
  cairo_move_to (cr, x, y + STEAD_CHART_SWATCH / 2);
  cairo_rel_line_to (cr, STEAD_CHART_SWATCH * 2.2, 0);
  cairo_stroke (cr);
  cairo_restore (cr);
  stead_chart_marker (cr, series, x + STEAD_CHART_SWATCH * 1.1, y + STEAD_CHART_SWATCH / 2, 3);
}

/* The series' legend, flowing in rows below the title; returns its height. */
static double
stead_chart_legend (SteadChart *self,
                    cairo_t    *cr,
                    double      x,
                    double      y,
                    double      width)
{
  double key_width = self->kind == STEAD_CHART_BAR || self->kind == STEAD_CHART_STACKED_BAR
                       ? STEAD_CHART_SWATCH * 1.4 : STEAD_CHART_SWATCH * 2.2;
  double lh = stead_chart_line_height (cr, STEAD_CHART_FONT_LABEL);
  double row = MAX (lh, STEAD_CHART_SWATCH) + 2, cx = x, cy = y;

  if (self->series->len < 2)
    return 0;
  for (guint s = 0; s < self->series->len; s++)
    {
      g_autoptr(PangoLayout) name = stead_chart_layout (cr, stead_chart_get_series_name (self, s),
                                                        STEAD_CHART_FONT_LABEL,
                                                        MAX (width - key_width - 12, 20), 1);
      double w, item;

      stead_chart_size (name, &w, NULL);
      item = key_width + 4 + w;
      if (cx > x && cx + item > x + width)
        {
          cx = x;
          cy += row;
        }
      stead_chart_key (self, cr, s, cx, cy + (row - STEAD_CHART_SWATCH) / 2 - 1);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      stead_chart_show (self, cr, name, cx + key_width + 4, cy + (row - lh) / 2 - 1, FALSE);
      cx += item + 12;
    }
  return cy + row - y + 2;
}

/* A round step near @range / @n: 1, 2, 2.5 or 5 × 10^k. */
static double
stead_chart_nice_step (double range,
                       double n,
                       guint  decimals)
{
  double raw = range / MAX (n, 1), power, fraction;

  if (raw <= 0 || isnan (raw))
    return 1;
  power = pow (10, floor (log10 (raw)));
  fraction = raw / power;
  fraction = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5
                                                                                            : 10;
  raw = fraction * power;
  /* Every tick a value the decimals shown can say: 2.5 becomes 5 where
   * there is no decimal for its half. */
  if (fabs (raw * pow (10, decimals) - round (raw * pow (10, decimals))) > 1e-6)
    raw = 5 * power;
  return MAX (raw, pow (10, -(double) decimals));
}

typedef struct
{
  double min;
  double max;
  double step;
} SteadChartScale;

static void
stead_chart_scale (SteadChart      *self,
                   double           ticks,
                   SteadChartScale *scale)
{
  double low, high;

  if (!stead_chart_data_range (self, &low, &high))
    low = 0, high = 1;
  if (self->kind != STEAD_CHART_HEAT_GRID)
    {
      low = MIN (low, 0);
      high = MAX (high, 0);
    }
  if (!isnan (self->min))
    low = self->min;
  if (!isnan (self->max))
    high = self->max;
  if (high <= low)
    high = low + 1;
  scale->step = stead_chart_nice_step (high - low, ticks, self->decimals);
  scale->min = isnan (self->min) ? floor (low / scale->step + 1e-9) * scale->step : low;
  scale->max = isnan (self->max) ? ceil (high / scale->step - 1e-9) * scale->step : high;
  if (self->kind == STEAD_CHART_HEAT_GRID)
    {
      scale->min = isnan (self->min) ? low : self->min;
      scale->max = isnan (self->max) ? high : self->max;
    }
  if (scale->max <= scale->min)
    scale->max = scale->min + scale->step;
}

/* How the category labels fit along @length: across (each in its slot),
 * or turned upright with every @skip-th shown, at most @max_len long. */
typedef struct
{
  gboolean upright;
  guint    skip;
  double   extent;   /* the room they take across the axis */
  double   max_len;
} SteadChartTicks;

static void
stead_chart_fit_categories (SteadChart      *self,
                            cairo_t         *cr,
                            double           length,
                            double           room,
                            SteadChartTicks *ticks)
{
  guint n = self->categories->len;
  double slot = length / MAX (n, 1), lh = stead_chart_line_height (cr, STEAD_CHART_FONT_LABEL);
  double widest = 0;

  for (guint c = 0; c < n; c++)
    {
      g_autoptr(PangoLayout) layout = stead_chart_layout (cr, g_ptr_array_index (self->categories,
                                                                                 c),
                                                          STEAD_CHART_FONT_LABEL, 0, 1);
      double w;

      stead_chart_size (layout, &w, NULL);
      widest = MAX (widest, w);
    }
  ticks->skip = 1;
  if (widest + STEAD_CHART_GAP <= slot)
    {
      ticks->upright = FALSE;
      ticks->extent = lh;
      ticks->max_len = slot - STEAD_CHART_GAP;
      return;
    }
  ticks->upright = TRUE;
  ticks->skip = (guint) ceil ((lh + 2) / MAX (slot, 0.01));
  ticks->max_len = MAX (MIN (widest, room * 0.3), lh);
  ticks->extent = ticks->max_len;
}

/* The category labels below an axis from @x, @length long, at @y. */
static void
stead_chart_draw_categories (SteadChart            *self,
                             cairo_t               *cr,
                             const SteadChartTicks *ticks,
                             double                 x,
                             double                 y,
                             double                 length)
{
  guint n = self->categories->len;
  double slot = length / MAX (n, 1);

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  for (guint c = 0; c < n; c += ticks->skip)
    {
      g_autoptr(PangoLayout) layout = stead_chart_layout (cr, g_ptr_array_index (self->categories,
                                                                                 c),
                                                          STEAD_CHART_FONT_LABEL, ticks->max_len,
                                                          1);
      double w, h, centre = x + (c + 0.5) * slot;

      stead_chart_size (layout, &w, &h);
      w = MIN (w, ticks->max_len);
      if (ticks->upright)
        /* Its end at the axis. */
        stead_chart_show (self, cr, layout, centre - h / 2, y, TRUE);
      else
        stead_chart_show (self, cr, layout, centre - w / 2, y, FALSE);
    }
}

static void
stead_chart_no_data (SteadChart *self,
                     cairo_t    *cr,
                     double      x,
                     double      y,
                     double      width,
                     double      height)
{
  static const double dash[] = { 4, 3 };
  double lh = stead_chart_line_height (cr, STEAD_CHART_FONT_TITLE);

  if (width <= 2 || height <= 2)
    return;
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.97, 0.97, 0.97);
  cairo_rectangle (cr, x + 0.5, y + 0.5, width - 1, height - 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_stroke (cr);
  cairo_restore (cr);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  stead_chart_text (self, cr, _("No data"), STEAD_CHART_FONT_TITLE, x + width / 2,
                    y + (height - lh) / 2, width - 8, 0.5);
}

static double
stead_chart_value_y (const SteadChartScale *scale,
                     double                 value,
                     double                 top,
                     double                 height)
{
  return top + height * (1 - (value - scale->min) / (scale->max - scale->min));
}

/* Bars, stacked bars and lines: the value axis up the left, the
 * categories along the bottom. */
static void
stead_chart_draw_cartesian (SteadChart *self,
                            cairo_t    *cr,
                            double      x,
                            double      y,
                            double      width,
                            double      height)
{
  double lh = stead_chart_line_height (cr, STEAD_CHART_FONT_LABEL);
  double ah = stead_chart_line_height (cr, STEAD_CHART_FONT_AXIS);
  double left = x, bottom = y + height, tick_width = 0, plot_x, plot_y, plot_w, plot_h, slot;
  guint n = self->categories->len, n_series = self->series->len;
  SteadChartScale scale;
  SteadChartTicks ticks;

  /* Room for half a tick label above the top tick. */
  y += lh / 2;
  height -= lh / 2;
  if (self->value_title != NULL)
    left += ah + STEAD_CHART_GAP;
  if (self->category_title != NULL)
    bottom -= ah + STEAD_CHART_GAP;
  stead_chart_scale (self, CLAMP (height / (lh * 3), 2, 8), &scale);
  for (double v = scale.min; v <= scale.max + scale.step * 1e-6; v += scale.step)
    {
      g_autofree char *text = stead_chart_format_value (self, v);
      g_autoptr(PangoLayout) layout = stead_chart_layout (cr, text, STEAD_CHART_FONT_LABEL, 0, 1);
      double w;

      stead_chart_size (layout, &w, NULL);
      tick_width = MAX (tick_width, w);
    }
  tick_width = MIN (tick_width, width * 0.3);
  plot_x = left + tick_width + STEAD_CHART_GAP;
  /* Half an upright label's height to the right of the last category. */
  plot_w = x + width - plot_x - (lh / 2 + 1);
  stead_chart_fit_categories (self, cr, plot_w, bottom - y, &ticks);
  plot_y = y;
  plot_h = bottom - STEAD_CHART_GAP - ticks.extent - plot_y;
  if (plot_w < 8 || plot_h < 8)
    return;
  slot = plot_w / MAX (n, 1);

  /* Grid lines and the value axis' labels, kept inside the plot's height. */
  cairo_set_line_width (cr, 0.5);
  for (double v = scale.min; v <= scale.max + scale.step * 1e-6; v += scale.step)
    {
      g_autofree char *text = stead_chart_format_value (self, v);
      double ty = stead_chart_value_y (&scale, v, plot_y, plot_h);

      cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
      cairo_move_to (cr, plot_x, round (ty) + 0.25);
      cairo_rel_line_to (cr, plot_w, 0);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      stead_chart_text (self, cr, text, STEAD_CHART_FONT_LABEL, plot_x - STEAD_CHART_GAP,
                        MIN (ty - lh / 2, plot_y + plot_h - lh), tick_width, 1);
    }

  if (self->kind == STEAD_CHART_LINE)
    {
      for (guint s = 0; s < n_series; s++)
        {
          gboolean drawing = FALSE;

          cairo_save (cr);
          stead_chart_set_hex (cr, stead_chart_series_colour (s), 1);
          cairo_set_line_width (cr, 2);
          cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
          stead_chart_set_dash (cr, s);
          cairo_new_path (cr);
          for (guint c = 0; c < n; c++)
            {
              double v = stead_chart_get_value (self, s, c);
              double px = plot_x + (c + 0.5) * slot;

              if (isnan (v))
                {
                  drawing = FALSE;
                  continue;
                }
              v = CLAMP (v, scale.min, scale.max);
              if (drawing)
                cairo_line_to (cr, px, stead_chart_value_y (&scale, v, plot_y, plot_h));
              else
                cairo_move_to (cr, px, stead_chart_value_y (&scale, v, plot_y, plot_h));
              drawing = TRUE;
            }
          cairo_stroke (cr);
          cairo_restore (cr);
          /* Markers where there is room for them. */
          for (guint c = 0; c < n && slot >= 5; c++)
            {
              double v = stead_chart_get_value (self, s, c);

              if (!isnan (v))
                stead_chart_marker (cr, s, plot_x + (c + 0.5) * slot,
                                    stead_chart_value_y (&scale, CLAMP (v, scale.min, scale.max),
                                                         plot_y, plot_h),
                                    MIN (3, slot / 3));
            }
        }
    }
  else
    {
      double base = stead_chart_value_y (&scale, CLAMP (0, scale.min, scale.max), plot_y, plot_h);
      double group = slot * (n_series > 1 && self->kind == STEAD_CHART_BAR ? 0.85 : 0.7);
      double bar = self->kind == STEAD_CHART_BAR ? group / MAX (n_series, 1) : group;

      for (guint c = 0; c < n; c++)
        {
          double stack = 0, gx = plot_x + c * slot + (slot - group) / 2;

          for (guint s = 0; s < n_series; s++)
            {
              double v = stead_chart_get_value (self, s, c), top, end;

              if (isnan (v))
                continue;
              if (self->kind == STEAD_CHART_STACKED_BAR)
                {
                  double from = stead_chart_value_y (&scale, CLAMP (stack, scale.min, scale.max),
                                                     plot_y, plot_h);

                  stack += MAX (v, 0);
                  end = stead_chart_value_y (&scale, CLAMP (stack, scale.min, scale.max), plot_y,
                                             plot_h);
                  stead_chart_fill_bar (cr, s, gx, end, bar, from - end);
                  continue;
                }
              v = CLAMP (v, scale.min, scale.max);
              top = stead_chart_value_y (&scale, v, plot_y, plot_h);
              stead_chart_fill_bar (cr, s, gx + s * bar, MIN (top, base), bar,
                                    fabs (base - top));
            }
        }
    }

  /* The axes. */
  cairo_new_path (cr);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, plot_x, plot_y);
  cairo_line_to (cr, plot_x, plot_y + plot_h);
  cairo_line_to (cr, plot_x + plot_w, plot_y + plot_h);
  cairo_stroke (cr);
  stead_chart_draw_categories (self, cr, &ticks, plot_x, plot_y + plot_h + STEAD_CHART_GAP,
                               plot_w);
  if (self->category_title != NULL)
    stead_chart_text (self, cr, self->category_title, STEAD_CHART_FONT_AXIS,
                      plot_x + plot_w / 2, bottom + STEAD_CHART_GAP, plot_w, 0.5);
  if (self->value_title != NULL)
    {
      g_autoptr(PangoLayout) layout = stead_chart_layout (cr, self->value_title,
                                                          STEAD_CHART_FONT_AXIS, plot_h, 1);
      double w, h;

      stead_chart_size (layout, &w, &h);
      w = MIN (w, plot_h);
      stead_chart_show (self, cr, layout, x, plot_y + (plot_h - w) / 2, TRUE);
    }
}

/* A spoke a category round the centre, rings at the value ticks. */
static void
stead_chart_draw_radar (SteadChart *self,
                        cairo_t    *cr,
                        double      x,
                        double      y,
                        double      width,
                        double      height)
{
  guint n = self->categories->len;
  double lh = stead_chart_line_height (cr, STEAD_CHART_FONT_LABEL);
  double max_label = width * 0.22, widest = 0, cx, cy, r;
  SteadChartScale scale;

  for (guint c = 0; c < n; c++)
    {
      g_autoptr(PangoLayout) layout = stead_chart_layout (cr, g_ptr_array_index (self->categories,
                                                                                 c),
                                                          STEAD_CHART_FONT_LABEL, max_label, 2);
      double w;

      stead_chart_size (layout, &w, NULL);
      widest = MAX (widest, MIN (w, max_label));
    }
  r = MIN ((width - 2 * (widest + 8)) / 2, (height - 2 * (2 * lh + 8)) / 2);
  if (r < 10)
    return;
  cx = x + width / 2;
  cy = y + height / 2;
  stead_chart_scale (self, MAX (2, MIN (5, r / (lh * 1.5))), &scale);

  cairo_set_line_width (cr, 0.5);
  for (double v = scale.min; v <= scale.max + scale.step * 1e-6; v += scale.step)
    {
      double rr = r * (v - scale.min) / (scale.max - scale.min);

      cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
      cairo_new_path (cr);
      for (guint c = 0; c < n; c++)
        {
          double a = 2 * G_PI * c / n;

          cairo_line_to (cr, cx + rr * sin (a), cy - rr * cos (a));
        }
      cairo_close_path (cr);
      cairo_stroke (cr);
    }
  for (guint c = 0; c < n; c++)
    {
      double a = 2 * G_PI * c / n;

      cairo_move_to (cr, cx, cy);
      cairo_line_to (cr, cx + r * sin (a), cy - r * cos (a));
    }
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_stroke (cr);

  for (guint s = 0; s < self->series->len; s++)
    {
      cairo_new_path (cr);
      for (guint c = 0; c < n; c++)
        {
          double v = stead_chart_get_value (self, s, c), a = 2 * G_PI * c / n, rr;

          v = isnan (v) ? scale.min : CLAMP (v, scale.min, scale.max);
          rr = r * (v - scale.min) / (scale.max - scale.min);
          cairo_line_to (cr, cx + rr * sin (a), cy - rr * cos (a));
        }
      cairo_close_path (cr);
      stead_chart_set_hex (cr, stead_chart_series_colour (s), 0.12);
      cairo_fill_preserve (cr);
      cairo_save (cr);
      stead_chart_set_hex (cr, stead_chart_series_colour (s), 1);
      cairo_set_line_width (cr, 2);
      stead_chart_set_dash (cr, s);
      cairo_stroke (cr);
      cairo_restore (cr);
      for (guint c = 0; c < n; c++)
        {
          double v = stead_chart_get_value (self, s, c), a = 2 * G_PI * c / n, rr;

          if (isnan (v))
            continue;
          rr = r * (CLAMP (v, scale.min, scale.max) - scale.min) / (scale.max - scale.min);
          stead_chart_marker (cr, s, cx + rr * sin (a), cy - rr * cos (a), 3);
        }
    }

  /* The rings' values up the first spoke's right, then the spokes' labels. */
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  for (double v = scale.min + scale.step; v <= scale.max + scale.step * 1e-6; v += scale.step)
    {
      g_autofree char *text = stead_chart_format_value (self, v);
      double rr = r * (v - scale.min) / (scale.max - scale.min);

      stead_chart_text (self, cr, text, STEAD_CHART_FONT_LABEL, cx + 3, cy - rr, r / 3, 0);
    }
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  for (guint c = 0; c < n; c++)
    {
      /* Three lines, then two, then one, then narrower, until it clears
       * the labels placed before it; a label that never does is left to
       * the table. */
      static const struct { double share; int lines; } tries[] = {
        { 1, 3 }, { 1, 2 }, { 1, 1 }, { 0.6, 1 }, { 0.35, 1 },
      };
      double a = 2 * G_PI * c / n;

      for (guint t = 0; t < G_N_ELEMENTS (tries); t++)
        {
          g_autoptr(PangoLayout) layout = stead_chart_layout (
            cr, g_ptr_array_index (self->categories, c), STEAD_CHART_FONT_LABEL,
            max_label * tries[t].share, tries[t].lines);
          double px = cx + (r + 6) * sin (a), py = cy - (r + 6) * cos (a), w, h;
          cairo_rectangle_t box;
          gboolean clear = TRUE;

          stead_chart_size (layout, &w, &h);
          w = MIN (w, max_label * tries[t].share);
          if (fabs (sin (a)) < 0.3)
            px -= w / 2;
          else if (sin (a) < 0)
            px -= w;
          if (cos (a) > 0.3)
            py -= h;
          else if (cos (a) > -0.3)
            py -= h / 2;
          box = (cairo_rectangle_t) { px, py, w, h };
          for (guint b = 0; b < self->boxes->len && clear; b++)
            {
              cairo_rectangle_t *other = &g_array_index (self->boxes, cairo_rectangle_t, b);

              clear = MIN (box.x + box.width, other->x + other->width) - MAX (box.x, other->x)
                        <= 0.5 ||
                      MIN (box.y + box.height, other->y + other->height) - MAX (box.y, other->y)
                        <= 0.5;
            }
          clear = clear && box.x >= x - 0.5 && box.x + box.width <= x + width + 0.5 &&
                  box.y >= y - 0.5 && box.y + box.height <= y + height + 0.5;
          if (!clear)
            continue;
          pango_layout_set_alignment (layout, sin (a) < -0.3 ? PANGO_ALIGN_RIGHT
                                                             : PANGO_ALIGN_LEFT);
          stead_chart_show (self, cr, layout, px, py, FALSE);
          break;
        }
    }
}

/* A row a series, a column a category, shaded from the lowest value to
 * the highest; the ramp's legend is drawn above by the caller. */
static void
stead_chart_draw_heat (SteadChart            *self,
                       cairo_t               *cr,
                       const SteadChartScale *scale,
                       double                 x,
                       double                 y,
                       double                 width,
                       double                 height)
{
  double lh = stead_chart_line_height (cr, STEAD_CHART_FONT_LABEL);
  double ah = stead_chart_line_height (cr, STEAD_CHART_FONT_AXIS);
  guint n = self->categories->len, rows = self->series->len;
  double names = 0, bottom = y + height, grid_x, grid_w, grid_h, cell_w, cell_h;
  SteadChartTicks ticks;

  for (guint s = 0; s < rows; s++)
    {
      g_autoptr(PangoLayout) layout = stead_chart_layout (cr, stead_chart_get_series_name (self,
                                                                                           s),
                                                          STEAD_CHART_FONT_LABEL, 0, 1);
      double w;

      stead_chart_size (layout, &w, NULL);
      names = MAX (names, w);
    }
  names = MIN (names, width * 0.25);
  grid_x = x + names + STEAD_CHART_GAP;
  grid_w = x + width - grid_x - (lh / 2 + 1);
  if (self->category_title != NULL)
    bottom -= ah + STEAD_CHART_GAP;
  stead_chart_fit_categories (self, cr, grid_w, bottom - y, &ticks);
  grid_h = bottom - STEAD_CHART_GAP - ticks.extent - y;
  if (grid_w < 8 || grid_h < 8)
    return;
  cell_w = grid_w / n;
  cell_h = MIN (grid_h / rows, MAX (cell_w, lh + 6) * 1.5);
  grid_h = cell_h * rows;

  for (guint s = 0; s < rows; s++)
    {
      g_autoptr(PangoLayout) layout = stead_chart_layout (cr, stead_chart_get_series_name (self,
                                                                                           s),
                                                          STEAD_CHART_FONT_LABEL, names, 1);
      double w, h;

      stead_chart_size (layout, &w, &h);
      /* A row's name only where the rows are tall enough for it. */
      if (h <= cell_h + 0.5)
        {
          cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
          stead_chart_show (self, cr, layout, grid_x - STEAD_CHART_GAP - MIN (w, names),
                            y + s * cell_h + (cell_h - h) / 2, FALSE);
        }
      for (guint c = 0; c < n; c++)
        {
          double v = stead_chart_get_value (self, s, c), t, red, green, blue;
          double cx = grid_x + c * cell_w, cy = y + s * cell_h;

          if (isnan (v))
            {
              /* Nothing known: white, crossed. */
              cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
              cairo_set_line_width (cr, 0.5);
              cairo_move_to (cr, cx + 1, cy + cell_h - 1);
              cairo_line_to (cr, cx + cell_w - 1, cy + 1);
              cairo_stroke (cr);
              continue;
            }
          t = (v - scale->min) / (scale->max - scale->min);
          stead_chart_ramp_colour (t, &red, &green, &blue);
          cairo_set_source_rgb (cr, red, green, blue);
          cairo_rectangle (cr, cx, cy, cell_w, cell_h);
          cairo_fill (cr);
          /* The number in the cell where it fits. */
          {
            g_autofree char *text = stead_chart_format_value (self, v);
            g_autoptr(PangoLayout) number = stead_chart_layout (cr, text, STEAD_CHART_FONT_LABEL,
                                                                0, 1);
            double nw, nh;

            stead_chart_size (number, &nw, &nh);
            if (nw <= cell_w - 2 && nh <= cell_h - 2)
              {
                if (t > 0.55)
                  cairo_set_source_rgb (cr, 1, 1, 1);
                else
                  cairo_set_source_rgb (cr, 0.05, 0.05, 0.05);
                stead_chart_show (self, cr, number, cx + (cell_w - nw) / 2,
                                  cy + (cell_h - nh) / 2, FALSE);
              }
          }
        }
    }
  /* White rules between the cells, a frame round them. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, MIN (1, cell_w / 6));
  for (guint c = 1; c < n; c++)
    {
      cairo_move_to (cr, grid_x + c * cell_w, y);
      cairo_rel_line_to (cr, 0, grid_h);
    }
  for (guint s = 1; s < rows; s++)
    {
      cairo_move_to (cr, grid_x, y + s * cell_h);
      cairo_rel_line_to (cr, grid_w, 0);
    }
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, grid_x, y, grid_w, grid_h);
  cairo_stroke (cr);
  stead_chart_draw_categories (self, cr, &ticks, grid_x, y + grid_h + STEAD_CHART_GAP, grid_w);
  if (self->category_title != NULL)
    stead_chart_text (self, cr, self->category_title, STEAD_CHART_FONT_AXIS, grid_x + grid_w / 2,
                      y + grid_h + 2 * STEAD_CHART_GAP + ticks.extent, grid_w, 0.5);
}

/* The heat grid's legend: the lowest value, the ramp, the highest, and
 * what the values are. Returns its height. */
static double
stead_chart_ramp_legend (SteadChart            *self,
                         cairo_t               *cr,
                         const SteadChartScale *scale,
                         double                 x,
                         double                 y,
                         double                 width)
{
  g_autofree char *low = stead_chart_format_value (self, scale->min);
  g_autofree char *high = stead_chart_format_value (self, scale->max);
  double lh = stead_chart_line_height (cr, STEAD_CHART_FONT_LABEL);
  double ramp = MIN (120, width / 3), cx = x, w;
  g_autoptr(PangoLayout) layout = stead_chart_layout (cr, low, STEAD_CHART_FONT_LABEL,
                                                      width / 6, 1);

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  stead_chart_size (layout, &w, NULL);
  stead_chart_show (self, cr, layout, cx, y, FALSE);
  cx += MIN (w, width / 6) + STEAD_CHART_GAP;
  for (int i = 0; i < 24; i++)
    {
      double red, green, blue;

      stead_chart_ramp_colour ((i + 0.5) / 24, &red, &green, &blue);
      cairo_set_source_rgb (cr, red, green, blue);
      cairo_rectangle (cr, cx + i * ramp / 24, y + 1, ramp / 24 + 0.3, lh - 2);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, cx, y + 1, ramp, lh - 2);
  cairo_stroke (cr);
  cx += ramp + STEAD_CHART_GAP;
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  g_object_unref (layout);
  layout = stead_chart_layout (cr, high, STEAD_CHART_FONT_LABEL, width / 6, 1);
  stead_chart_size (layout, &w, NULL);
  stead_chart_show (self, cr, layout, cx, y, FALSE);
  cx += MIN (w, width / 6) + 3 * STEAD_CHART_GAP;
  if (self->value_title != NULL && x + width - cx > 20)
    stead_chart_text (self, cr, self->value_title, STEAD_CHART_FONT_AXIS, cx, y,
                      x + width - cx, 0);
  return lh + STEAD_CHART_GAP;
}

/**
 * stead_chart_draw:
 * @self: a #SteadChart
 * @cr: where to draw
 * @x: the box's left
 * @y: the box's top
 * @width: its width
 * @height: its height
 *
 * Draws the chart into the box: its title, then the legend (a key a
 * series: colour and pattern, or colour, dash and marker; the heat grid's
 * ramp), then the chart with its axes' labels and titles. Category labels
 * that do not fit across are turned upright, and thinned to every second
 * or more when even that is too close; long labels end in an ellipsis.
 * With no value to draw, the box says "No data".
 */
void
stead_chart_draw (SteadChart *self,
                  cairo_t    *cr,
                  double      x,
                  double      y,
                  double      width,
                  double      height)
{
  g_return_if_fail (STEAD_IS_CHART (self));
  g_return_if_fail (cr != NULL);

  g_array_set_size (self->boxes, 0);
  if (width <= 0 || height <= 0)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  cairo_new_path (cr);
  if (self->title != NULL && *self->title != '\0')
    {
      g_autoptr(PangoLayout) title = stead_chart_layout (cr, self->title, STEAD_CHART_FONT_TITLE,
                                                         width, 2);
      double h;

      stead_chart_size (title, NULL, &h);
      cairo_set_source_rgb (cr, 0.05, 0.05, 0.05);
      stead_chart_show (self, cr, title, x, y, FALSE);
      y += h + STEAD_CHART_GAP;
      height -= h + STEAD_CHART_GAP;
    }
  if (stead_chart_is_empty (self))
    stead_chart_no_data (self, cr, x, y, width, height);
  else if (self->kind == STEAD_CHART_HEAT_GRID)
    {
      SteadChartScale scale;
      double h;

      stead_chart_scale (self, 5, &scale);
      h = stead_chart_ramp_legend (self, cr, &scale, x, y, width);
      stead_chart_draw_heat (self, cr, &scale, x, y + h, width, height - h);
    }
  else
    {
      double h = stead_chart_legend (self, cr, x, y, width);

      if (self->kind == STEAD_CHART_RADAR)
        stead_chart_draw_radar (self, cr, x, y + h, width, height - h);
      else
        stead_chart_draw_cartesian (self, cr, x, y + h, width, height - h);
    }
  cairo_restore (cr);
}
