/* test-chart-view.c: a chart in the window with its numbers beside it, or below when narrow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "stead-chart-view.h"
#include "stead-test-util.h"

static SteadChart *
make_chart (void)
{
  SteadChart *chart = stead_chart_new (STEAD_CHART_BAR, "Needs per week");
  const double opened[] = { 17, 42, 1234, 8 };
  const double closed[] = { 12, 40, 990, 9 };

  stead_chart_set_categories (chart, (const char *[]) { "W01", "W02", "W03", "W04", NULL });
  stead_chart_add_series (chart, "Opened", opened, G_N_ELEMENTS (opened));
  stead_chart_add_series (chart, "Closed", closed, G_N_ELEMENTS (closed));
  stead_chart_set_axis_titles (chart, "Week", "Needs");
  stead_chart_set_description (chart, "Needs opened and closed each week.");
  return chart;
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
window_has_size (gpointer data)
{
  GtkWidget *view = data;
  int *want = g_object_get_data (G_OBJECT (view), "want");

  return gtk_widget_get_width (view) == want[0] && gtk_widget_get_height (view) == want[1];
}

static void
resize (GtkWindow *window,
        GtkWidget *view,
        int        width,
        int        height)
{
  int *want = g_object_get_data (G_OBJECT (view), "want");

  want[0] = width;
  want[1] = height;
  gtk_window_set_default_size (window, width, height);
  stead_test_iterate_until (window_has_size, view);
  stead_test_iterate (100);
}

/* The two children's boxes in the view: side by side or one above the
 * other, never overlapping, both inside it. */
static void
assert_layout (GtkWidget *view,
               gboolean   beside)
{
  GtkWidget *table = find_type (view, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *canvas = gtk_widget_get_first_child (view);
  graphene_rect_t chart_box, table_box;

  g_assert_true (canvas != table);
  g_assert_true (gtk_widget_compute_bounds (canvas, view, &chart_box));
  g_assert_true (gtk_widget_compute_bounds (table, view, &table_box));
  g_assert_false (graphene_rect_intersection (&chart_box, &table_box, NULL));
  g_assert_cmpfloat (chart_box.size.width, >=, 160);
  g_assert_cmpfloat (chart_box.size.height, >=, 160);
  if (beside)
    {
      g_assert_cmpfloat (table_box.origin.x, >=, chart_box.size.width - 0.5);
      g_assert_cmpfloat (table_box.origin.y, ==, 0);
    }
  else
    {
      g_assert_cmpfloat (table_box.origin.y, >=, chart_box.size.height - 0.5);
      g_assert_cmpfloat (table_box.size.width, ==, gtk_widget_get_width (view));
    }
  g_assert_cmpfloat (table_box.origin.x + table_box.size.width, <=,
                     gtk_widget_get_width (view) + 0.5);
  g_assert_cmpfloat (table_box.origin.y + table_box.size.height, <=,
                     gtk_widget_get_height (view) + 0.5);
}

/* What the last draw placed lies in the canvas: nothing cut off at this size. */
static void
assert_drawn_inside (SteadChart *chart,
                     GtkWidget  *view)
{
  GtkWidget *canvas = gtk_widget_get_first_child (view);
  g_autoptr(GdkTexture) texture = stead_test_render (canvas);
  GArray *boxes = stead_chart_get_label_boxes (chart);

  g_assert_nonnull (texture);
  g_assert_cmpuint (boxes->len, >=, 4 + 2 + 1);
  for (guint i = 0; i < boxes->len; i++)
    {
      cairo_rectangle_t *box = &g_array_index (boxes, cairo_rectangle_t, i);

      g_assert_cmpfloat (box->x, >=, 0);
      g_assert_cmpfloat (box->x + box->width, <=, gtk_widget_get_width (canvas) + 0.5);
      g_assert_cmpfloat (box->y + box->height, <=, gtk_widget_get_height (canvas) + 0.5);
    }
}

static void
test_view (void)
{
  g_autoptr(SteadChart) chart = make_chart ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = stead_chart_view_new (chart);
  int want[2] = { 0, 0 };
  GtkColumnView *table;
  GtkWidget *number;
  GtkWidget *canvas;

  g_object_set_data (G_OBJECT (view), "want", want);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  resize (GTK_WINDOW (window), view, 1000, 600);

  /* A column a series after the categories', every value a row's cell,
   * selectable to copy. */
  table = GTK_COLUMN_VIEW (find_type (view, GTK_TYPE_COLUMN_VIEW));
  g_assert_nonnull (table);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (table)), ==, 3);
  g_assert_nonnull (stead_test_column_titled (table, "Week"));
  g_assert_nonnull (stead_test_column_titled (table, "Opened"));
  g_assert_nonnull (stead_test_column_titled (table, "Closed"));
  number = stead_test_find_by_text (GTK_WIDGET (table), "1234");
  g_assert_nonnull (number);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (number)));
  g_assert_nonnull (stead_test_find_by_text (GTK_WIDGET (table), "990"));
  g_assert_nonnull (stead_test_find_by_text (GTK_WIDGET (table), "W04"));

  /* The chart is an image named by its title, described in words. */
  canvas = gtk_widget_get_first_child (view);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (canvas)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Needs per week");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (canvas),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Needs opened and closed each week.");

  assert_layout (view, TRUE);
  assert_drawn_inside (chart, view);
  /* Narrow: the table below; and back. */
  resize (GTK_WINDOW (window), view, 500, 700);
  assert_layout (view, FALSE);
  assert_drawn_inside (chart, view);
  resize (GTK_WINDOW (window), view, 1200, 500);
  assert_layout (view, TRUE);
  assert_drawn_inside (chart, view);

  /* A new chart: its own columns and rows; none: no table. */
  {
    g_autoptr(SteadChart) other = stead_chart_new (STEAD_CHART_LINE, "Backlog");
    const double backlog[] = { 3, 5 };

    stead_chart_set_categories (other, (const char *[]) { "Mon", "Tue", NULL });
    stead_chart_add_series (other, "Open", backlog, 2);
    stead_chart_view_set_chart (STEAD_CHART_VIEW (view), other);
    stead_test_iterate (200);
    table = GTK_COLUMN_VIEW (find_type (view, GTK_TYPE_COLUMN_VIEW));
    g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (table)), ==, 2);
    g_assert_null (stead_test_find_by_text (GTK_WIDGET (table), "1234"));
    g_assert_nonnull (stead_test_find_by_text (GTK_WIDGET (table), "Tue"));
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Backlog");
    stead_chart_view_set_chart (STEAD_CHART_VIEW (view), NULL);
    stead_test_iterate (100);
    g_assert_false (gtk_widget_get_visible (find_type (view, GTK_TYPE_SCROLLED_WINDOW)));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/chart-view/table-beside-or-below", test_view);
  return g_test_run ();
}
