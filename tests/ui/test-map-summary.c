/* test-map-summary.c: an area summary as shown, overlapping areas, the exported view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libxml/parser.h>

#include <string.h>

#include <glib/gstdio.h>
#include <stead-gtk.h>

#include "stead-map-view-private.h"
#include "stead-test-util.h"

/* The texts of every visible label below @root, in tree order. */
static void
collect_labels (GtkWidget *root,
                GPtrArray *out)
{
  if (!gtk_widget_get_visible (root))
    return;
  if (GTK_IS_LABEL (root))
    g_ptr_array_add (out, g_strdup (gtk_label_get_text (GTK_LABEL (root))));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

static gboolean
labels_contain (GPtrArray  *labels,
                const char *text)
{
  for (guint i = 0; i < labels->len; i++)
    if (strstr (g_ptr_array_index (labels, i), text) != NULL)
      return TRUE;
  return FALSE;
}

static const char *
label_starting (GPtrArray  *labels,
                const char *prefix)
{
  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (labels, i), prefix))
      return g_ptr_array_index (labels, i);
  return NULL;
}

static void
insert_point (SteadWorkspace *ws,
              const char     *sql,
              double          x,
              double          y,
              const char     *kind,
              const char     *title,
              gint64          amount,
              const char     *state)
{
  g_autoptr(SteadGeometry) point = stead_geometry_new_point (x, y);
  g_autoptr(GError) error = NULL;

  stead_workspace_edit (ws, "core", "Add", sql,
                        STEAD_ARGS (STEAD_GEOMETRY (point), STEAD_STRING (kind),
                                    STEAD_STRING (title), STEAD_INT (amount),
                                    STEAD_STRING (state)),
                        &error);
  g_assert_no_error (error);
}

#define ADD_RESOURCE \
  "INSERT INTO resource (geom, kind, title, capacity, availability) VALUES (?, ?, ?, ?, ?)"
#define ADD_NEED \
  "INSERT INTO need (geom, kind, title, people, status, opened) " \
  "VALUES (?, ?, ?, ?, ?, '2026-01-01T00:00:00.000Z')"

static GtkWidget *
map_window (SteadWorkspace *ws,
            int             width,
            int             height,
            SteadMapView  **out_view)
{
  GtkWidget *window = gtk_window_new ();
  SteadMapView *view = stead_map_view_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  stead_map_view_set_base_map (view, STEAD_BASE_MAP_OFFLINE);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  stead_map_view_set_workspace (view, ws);
  gtk_window_present (GTK_WINDOW (window));
  stead_test_iterate (500);
  *out_view = view;
  return window;
}

/* Places and sandbags in one square, named after people: the panel shows
 * capacity per unit (SQL sums by the taxonomy file's units), needs by
 * status, and no title at all until personal data is allowed. */
static void
test_panel_units_and_personal_data (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-summary-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "panel.gpkg", NULL);
  g_autoptr(SteadWorkspace) ws = stead_workspace_create (path, "Panel", NULL, NULL);
  g_autoptr(GHashTable) units = stead_test_taxonomy_units ();
  g_autoptr(GHashTable) per_unit = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GtkWidget *window, *panel;
  SteadMapView *view;
  const char *shown;
  g_auto(GStrv) parts = NULL;

  insert_point (ws, ADD_RESOURCE, -2.15, 51.95, "rest-centre", "Home of J. Smith", 40, "available");
  insert_point (ws, ADD_RESOURCE, -2.16, 51.96, "rest-centre", "St Mary's Hall", 12, "limited");
  insert_point (ws, ADD_RESOURCE, -2.14, 51.94, "sandbags", "P. Patel's yard", 700, "available");
  insert_point (ws, ADD_RESOURCE, -2.13, 51.93, "sandbags", "Depot", 3, "available");
  insert_point (ws, ADD_NEED, -2.12, 51.92, "welfare-check", "Mrs A. Jones", 2, "open");
  insert_point (ws, ADD_NEED, -2.11, 51.91, "welfare-check", "Mr B. Brown", 1, "assigned");
  insert_point (ws, ADD_NEED, -2.17, 51.97, "welfare-check", "Ms C. Green", 1, "met");

  /* The oracle: per unit, from SQL grouped by the file's units. */
  stmt = stead_workspace_prepare (ws,
                                  "SELECT kind, total (capacity) FROM resource WHERE "
                                  "availability IN ('available', 'limited') GROUP BY kind",
                                  NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *unit = g_hash_table_lookup (units, sqlite3_column_text (stmt, 0));
      gint64 sum = GPOINTER_TO_SIZE (g_hash_table_lookup (per_unit, unit));

      g_hash_table_insert (per_unit, g_strdup (unit),
                           GSIZE_TO_POINTER (sum + sqlite3_column_int64 (stmt, 1)));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_assert_cmpuint (g_hash_table_size (per_unit), ==, 2);

  window = map_window (ws, 1000, 700, &view);
  panel = stead_map_view_get_area_panel (view);
  stead_map_view_select_box (view, -2.2, 51.9, -2.1, 52.0);
  stead_test_iterate (300);

  collect_labels (panel, labels);
  /* No personal title anywhere: every row is named by its kind. */
  g_assert_false (labels_contain (labels, "Smith"));
  g_assert_false (labels_contain (labels, "Patel"));
  g_assert_false (labels_contain (labels, "Jones"));
  g_assert_false (labels_contain (labels, "Brown"));
  g_assert_true (labels_contain (labels, "Rest centre"));

  /* "Available: 52 places, 703 sandbags": each unit its own sum. */
  shown = label_starting (labels, "Available: ");
  g_assert_nonnull (shown);
  parts = g_strsplit (shown + strlen ("Available: "), ", ", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, g_hash_table_size (per_unit));
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *unit = NULL;
      gint64 amount = g_ascii_strtoll (parts[i], &unit, 10);

      g_assert_true (g_hash_table_contains (per_unit, unit + 1));
      g_assert_cmpint (amount, ==, GPOINTER_TO_SIZE (g_hash_table_lookup (per_unit, unit + 1)));
    }
  g_assert_cmpstr (label_starting (labels, "Needs: "), ==, "Needs: 1 open, 1 in progress, 1 met");

  /* A need chosen in the list: the map centred on it, its popover open. */
  {
    GtkWidget *views[2] = { NULL, NULL };
    guint found = 0;
    double lat, lon;
    ShumateViewport *viewport = stead_map_view_get_viewport (view);

    for (GtkWidget *w = gtk_widget_get_first_child (panel); w != NULL;)
      {
        if (GTK_IS_COLUMN_VIEW (w) && found < 2)
          views[found++] = w;
        /* Depth first, in tree order. */
        if (gtk_widget_get_first_child (w) != NULL && !GTK_IS_COLUMN_VIEW (w))
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != panel && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w);
            w = w == panel ? NULL : gtk_widget_get_next_sibling (w);
          }
      }
    g_assert_cmpuint (found, ==, 2);
    /* The items: needs first, in the summary's order. */
    g_signal_emit_by_name (views[1], "activate", 0);
    stead_test_iterate (500);
    g_assert_nonnull (view->popover);
    g_assert_true (gtk_widget_get_visible (view->popover));
    lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
    lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
    /* The centre is one of the open or in-progress needs' places. */
    {
      g_autofree char *sql = g_strdup_printf (
        "SELECT count(*) FROM need WHERE status IN ('open', 'assigned') "
        "AND abs (ST_MinX (geom) - (%.9f)) < 1e-6 AND abs (ST_MinY (geom) - (%.9f)) < 1e-6",
        lon, lat);

      g_assert_cmpint (stead_test_count (ws, sql), ==, 1);
    }
    gtk_popover_popdown (GTK_POPOVER (view->popover));
    stead_test_iterate (100);
  }

  /* Allowed: the titles are the rows' names. */
  g_object_set (panel, "show-personal", TRUE, NULL);
  stead_map_view_select_box (view, -2.2, 51.9, -2.1, 52.0);
  stead_test_iterate (300);
  g_ptr_array_set_size (labels, 0);
  collect_labels (panel, labels);
  g_assert_true (labels_contain (labels, "Mrs A. Jones"));
  g_assert_true (labels_contain (labels, "St Mary's Hall"));

  gtk_window_destroy (GTK_WINDOW (window));
  stead_workspace_close (ws);
  stead_test_rm_rf (dir);
}

/* "Name (kind)" of every area containing the point, by the test's own
 * winding-number test over every row. */
static GPtrArray *
areas_containing (SteadWorkspace *ws,
                  double          lon,
                  double          lat)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt =
    stead_workspace_prepare (ws, "SELECT geom, name, kind FROM area", NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(SteadGeometry) area = stead_geometry_new_from_gpkg (
        sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), NULL, NULL);

      if (area != NULL && stead_test_inside_by_winding (area, lon, lat))
        g_ptr_array_add (names, g_strdup_printf ("%s (%s)", sqlite3_column_text (stmt, 1),
                                                 sqlite3_column_text (stmt, 2)));
    }
  return names;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
add_area (SteadWorkspace   *ws,
          const char       *kind,
          const char       *name,
          const SteadCoord *ring,
          gsize             n)
{
  g_autoptr(SteadGeometry) shape = stead_geometry_new_polygon (ring, n);
  g_autoptr(GError) error = NULL;

  stead_workspace_edit (ws, "core", "Add an area",
                        "INSERT INTO area (geom, kind, code, name) VALUES (?, ?, ?, ?)",
                        STEAD_ARGS (STEAD_GEOMETRY (shape), STEAD_STRING (kind),
                                    STEAD_STRING (name), STEAD_STRING (name)),
                        &error);
  g_assert_no_error (error);
}

/* A real click (the X server's pointer) where a boundary, a ward and an
 * LSOA overlap offers exactly the areas containing the point, by the
 * test's own winding number: not the L-shaped ward whose envelope holds
 * the point but whose shape does not, nor the ward beside. The one chosen
 * is summarised and outlined; closing the summary takes the outline away. */
static void
test_overlapping_areas_choice (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-summary-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "areas.gpkg", NULL);
  g_autoptr(SteadWorkspace) ws = stead_workspace_create (path, "Areas", NULL, NULL);
  g_autoptr(GPtrArray) want = NULL;
  g_autoptr(GPtrArray) offered = g_ptr_array_new_with_free_func (g_free);
  static const SteadCoord boundary[] = {
    { -2.30, 51.90 }, { -2.00, 51.90 }, { -2.00, 52.10 }, { -2.30, 52.10 }, { -2.30, 51.90 }
  };
  static const SteadCoord ward[] = {
    { -2.20, 51.95 }, { -2.10, 51.95 }, { -2.10, 52.05 }, { -2.20, 52.05 }, { -2.20, 51.95 }
  };
  static const SteadCoord lsoa[] = {
    { -2.17, 51.98 }, { -2.13, 51.98 }, { -2.13, 52.02 }, { -2.17, 52.02 }, { -2.17, 51.98 }
  };
  /* An L round the point: its envelope holds (-2.15, 52.0), its shape not. */
  static const SteadCoord l_ward[] = {
    { -2.25, 51.92 }, { -2.05, 51.92 }, { -2.05, 51.94 }, { -2.23, 51.94 }, { -2.23, 52.08 },
    { -2.25, 52.08 }, { -2.25, 51.92 }
  };
  static const SteadCoord beside[] = {
    { -2.08, 51.95 }, { -2.02, 51.95 }, { -2.02, 52.05 }, { -2.08, 52.05 }, { -2.08, 51.95 }
  };
  const double lon = -2.15, lat = 52.0;
  GtkWidget *window, *map, *chosen = NULL;
  SteadMapView *view;
  double x, y;

  if (!stead_test_have_xdotool ())
    {
      g_test_skip ("needs an X server (Xvfb) and xdotool for pointer events");
      return;
    }

  add_area (ws, "boundary", "Borough", boundary, G_N_ELEMENTS (boundary));
  add_area (ws, "ward", "Northway", ward, G_N_ELEMENTS (ward));
  add_area (ws, "lsoa", "Northway 001A", lsoa, G_N_ELEMENTS (lsoa));
  add_area (ws, "ward", "Ashchurch", l_ward, G_N_ELEMENTS (l_ward));
  add_area (ws, "ward", "Beside", beside, G_N_ELEMENTS (beside));
  want = areas_containing (ws, lon, lat);
  g_assert_cmpuint (want->len, ==, 3);

  window = map_window (ws, 900, 700, &view);
  stead_test_iterate (500);
  map = GTK_WIDGET (stead_map_view_get_map (view));
  shumate_viewport_location_to_widget_coords (stead_map_view_get_viewport (view), map, lat, lon,
                                              &x, &y);
  stead_test_pointer (map, x, y, "click 1");
  stead_test_iterate (500);

  g_assert_true (gtk_widget_get_visible (view->choice));
  for (GtkWidget *child = gtk_widget_get_first_child (gtk_popover_get_child (
         GTK_POPOVER (view->choice)));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      {
        g_ptr_array_add (offered, g_strdup (gtk_button_get_label (GTK_BUTTON (child))));
        if (chosen == NULL)
          chosen = child;
      }
  g_ptr_array_sort (offered, compare_strings);
  g_ptr_array_sort (want, compare_strings);
  g_assert_cmpuint (offered->len, ==, want->len);
  for (guint i = 0; i < want->len; i++)
    g_assert_cmpstr (g_ptr_array_index (offered, i), ==, g_ptr_array_index (want, i));
  /* Nothing summarised until one is chosen. */
  g_assert_false (gtk_widget_get_visible (stead_map_view_get_area_panel (view)));

  /* The first offered (the smallest: the LSOA) chosen: summarised and outlined. */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (chosen)), ==, "Northway 001A (lsoa)");
  g_signal_emit_by_name (chosen, "clicked");
  stead_test_iterate (300);
  g_assert_true (gtk_widget_get_visible (stead_map_view_get_area_panel (view)));
  g_assert_nonnull (view->selected);
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

    collect_labels (stead_map_view_get_area_panel (view), labels);
    g_assert_true (labels_contain (labels, "Northway 001A"));
  }
  /* Closed: no outline left on the map. */
  gtk_widget_set_visible (stead_map_view_get_area_panel (view), FALSE);
  g_assert_null (view->selected);

  gtk_window_destroy (GTK_WINDOW (window));
  stead_workspace_close (ws);
  stead_test_rm_rf (dir);
}

static gboolean
indexes_built (gpointer data)
{
  SteadMapView *view = data;

  return stead_point_layer_get_index (
           stead_map_view_get_point_layer (view, STEAD_POINT_LAYER_NEEDS)) != NULL &&
         stead_point_layer_get_index (
           stead_map_view_get_point_layer (view, STEAD_POINT_LAYER_RESOURCES)) != NULL;
}

/* Dark pixels (text, the legend's swatches' outlines) in a rectangle of
 * an ARGB32 image. */
static guint
dark_pixels (const guchar *data,
             gsize         stride,
             int           x0,
             int           y0,
             int           x1,
             int           y1)
{
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        const guchar *p = data + y * stride + x * 4;

        if (p[0] < 60 && p[1] < 60 && p[2] < 60 && p[3] > 200)
          n++;
      }
  return n;
}

/* Pixels of the selected area's orange outline. */
static guint
outline_pixels (const guchar *data,
                gsize         n)
{
  guint count = 0;

  /* ARGB32 in memory order: blue, green, red, alpha. */
  for (gsize i = 0; i < n; i++)
    if (data[4 * i + 2] > 200 && data[4 * i + 1] > 70 && data[4 * i + 1] < 130 &&
        data[4 * i] < 40)
      count++;
  return count;
}

/* The view of the demo area exported, a ward selected: a PNG of the map's
 * size with the legend drawn in its top left corner and the ward's
 * outline (neither is in the map widget itself), and
 * a PDF whose text (pdftotext) has the attribution, today's date and a
 * scale whose bar, by the metres between two pixels the viewport gives,
 * is between a tenth and a quarter of the width. Needs are shown: 0600. */
static void
test_export_view (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-summary-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.gpkg", NULL);
  g_autofree char *png = g_build_filename (dir, "view.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "view.pdf", NULL);
  g_autoptr(SteadWorkspace) ws = stead_workspace_create (path, "Demo", NULL, NULL);
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) plain = NULL;
  g_autofree guchar *pixels = NULL;
  g_autofree guchar *plain_pixels = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *text = NULL;
  g_autoptr(GRegex) scale_re = g_regex_new ("Scale: ([0-9.]+) (km|m)\\b", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GtkWidget *window, *map;
  SteadMapView *view;
  int width, height;

  g_assert_true (stead_demo_populate (ws, 300, 5, &error));
  window = map_window (ws, 900, 700, &view);
  stead_test_iterate_until (indexes_built, view);
  stead_test_iterate (500);
  map = GTK_WIDGET (stead_map_view_get_map (view));
  width = gtk_widget_get_width (map);
  height = gtk_widget_get_height (map);
  g_assert_true (stead_map_view_select_area (
    view, stead_test_count (ws, "SELECT min (fid) FROM area WHERE kind = 'ward'")));
  stead_test_iterate (300);

  g_assert_true (stead_map_view_export_view (view, png_file, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  /* The map as the window draws it, without the legend. */
  {
    GdkPaintable *paintable = gtk_widget_paintable_new (map);
    GtkSnapshot *snapshot = gtk_snapshot_new ();
    g_autoptr(GskRenderNode) node = NULL;

    gdk_paintable_snapshot (paintable, snapshot, width, height);
    node = gtk_snapshot_free_to_node (snapshot);
    plain = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (map)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
    g_object_unref (paintable);
    plain_pixels = g_malloc ((gsize) width * height * 4);
    gdk_texture_download (plain, plain_pixels, (gsize) width * 4);
  }
  g_assert_cmpuint (dark_pixels (pixels, width * 4, 12, 12, 162, 90), >, 50);
  g_assert_cmpuint (dark_pixels (plain_pixels, width * 4, 12, 12, 162, 90), <, 10);
  /* Markers may be orange too: the outline adds its own, hundreds of them. */
  g_assert_cmpuint (outline_pixels (pixels, (gsize) width * height), >,
                    outline_pixels (plain_pixels, (gsize) width * height) + 300);
  g_assert_cmpuint (stead_test_file_mode (png), ==, 0600);

  g_assert_true (stead_map_view_export_view (view, pdf_file, &error));
  g_assert_no_error (error);
  if (!stead_test_have_poppler ())
    {
      g_test_message ("pdftotext not found: the PDF's text is not read");
    }
  else
    {
      double lat1, lon1, lat2, lon2, mpp, metres;
      g_autofree char *number = NULL, *unit = NULL;

      text = stead_test_pdf_text (pdf, 0);
      g_test_message ("%s", text);
      g_assert_nonnull (strstr (text, "Offline background: Stead"));
      g_assert_nonnull (strstr (text, today));
      g_assert_true (g_regex_match (scale_re, text, 0, &match));
      number = g_match_info_fetch (match, 1);
      unit = g_match_info_fetch (match, 2);
      metres = g_ascii_strtod (number, NULL) * (g_str_equal (unit, "km") ? 1000 : 1);
      shumate_viewport_widget_coords_to_location (stead_map_view_get_viewport (view), map,
                                                  width / 2.0 - 100, height / 2.0, &lat1, &lon1);
      shumate_viewport_widget_coords_to_location (stead_map_view_get_viewport (view), map,
                                                  width / 2.0 + 100, height / 2.0, &lat2, &lon2);
      mpp = stead_test_metres_between (lon1, lat1, lon2, lat2) / 200;
      g_assert_cmpfloat (metres / mpp, >=, width / 10.0 * 0.98);
      g_assert_cmpfloat (metres / mpp, <=, width / 4.0 * 1.02);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  stead_workspace_close (ws);
  stead_test_rm_rf (dir);
}

/* A real Environment Agency severe flood warning: its area's summary says
 * how severe, when it was sent and when it expires (in local time), and
 * what to do, from the alert's own <instruction>, read here from the
 * file with libxml2. */
static void
test_warning_summary (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-summary-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "warning.gpkg", NULL);
  g_autofree char *cap = g_test_build_filename (G_TEST_DIST, "data", "cap",
                                                "ea-severe-flood-warning-wainfleet.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (cap);
  g_autoptr(GPtrArray) importers = stead_import_list_importers (NULL);
  g_autoptr(SteadImportResult) result = NULL;
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *instruction = NULL;
  SteadImportOptions options = { 0 };
  SteadMapView *view;
  GtkWidget *window;
  xmlDoc *doc;
  gint64 fid;

  /* The oracle: the file's own instruction and times. */
  doc = xmlReadFile (cap, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  for (xmlNode *n = xmlDocGetRootElement (doc)->children; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE && xmlStrEqual (n->name, BAD_CAST "info"))
      for (xmlNode *m = n->children; m != NULL; m = m->next)
        if (m->type == XML_ELEMENT_NODE && xmlStrEqual (m->name, BAD_CAST "instruction"))
          {
            xmlChar *text = xmlNodeGetContent (m);
            instruction = g_strstrip (g_strdup ((const char *) text));
            xmlFree (text);
          }
  xmlFreeDoc (doc);
  g_assert_nonnull (instruction);

  ws = stead_workspace_create (path, "Wainfleet", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (stead_import_run (ws, stead_import_find_importer (importers, "cap", NULL, NULL),
                                   file, &options, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  fid = stead_workspace_query_int64 (ws, "SELECT area FROM alert LIMIT 1", NULL, 0);
  g_assert_cmpint (fid, >, 0);

  window = map_window (ws, 1280, 800, &view);
  g_assert_true (stead_map_view_select_area (view, fid));
  stead_test_iterate (200);
  collect_labels (GTK_WIDGET (view), labels);

  g_assert_true (labels_contain (labels, "Severe"));
  /* <sent>2020-02-16T23:01:13-00:00</sent>, <expires>2020-02-26T23:01:14-00:00: in
   * February the UK is on GMT, so local time is the same. */
  g_assert_true (labels_contain (labels, "sent 16 Feb 23:01"));
  g_assert_true (labels_contain (labels, "until 26 Feb 23:01"));
  {
    const char *note = label_starting (labels, "What to do: ");

    g_assert_nonnull (note);
    g_assert_cmpstr (note + strlen ("What to do: "), ==, instruction);
  }

  /* A drawn area, or an area without a warning, has no instruction. */
  {
    const SteadCoord ring[] = { { 0.20, 53.10 }, { 0.30, 53.10 }, { 0.30, 53.20 },
                                { 0.20, 53.10 } };
    g_autoptr(SteadGeometry) polygon = stead_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
    gint64 plain = stead_workspace_edit (ws, "core", "Add area",
                                         "INSERT INTO area (geom, kind, code, name) "
                                         "VALUES (?, 'ward', 'W1', 'Plain ward')",
                                         STEAD_ARGS (STEAD_GEOMETRY (polygon)), &error);

    g_assert_no_error (error);
    g_assert_true (stead_map_view_select_area (view, plain));
    stead_test_iterate (200);
    g_ptr_array_set_size (labels, 0);
    collect_labels (GTK_WIDGET (view), labels);
    g_assert_null (label_starting (labels, "What to do: "));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  stead_workspace_close (ws);
  stead_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/map-summary/panel-units-and-personal-data",
                   test_panel_units_and_personal_data);
  g_test_add_func ("/ui/map-summary/overlapping-areas-choice", test_overlapping_areas_choice);
  g_test_add_func ("/ui/map-summary/export-view", test_export_view);
  g_test_add_func ("/ui/map-summary/warning-summary", test_warning_summary);

  return g_test_run ();
}
