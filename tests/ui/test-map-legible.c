/* test-map-legible.c: the 200k overview, every count readable and right
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo area at 200,000 households, on a 1280x1024 window, at zooms 8
 * to 16: no two boxes drawn overlap (badges, areas' names, rest centres'
 * names), and each badge's counts are the
 * needs and resources its members are, counted again by SQL from the
 * rows themselves (open and assigned needs, as the map shows); and none
 * is under the map's own controls (what is on top there is the map).
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <stead-gtk.h>

#include "stead-area-layer-private.h"
#include "stead-test-util.h"

static gboolean
merged_loaded (gpointer data)
{
  return stead_point_layer_get_index (data) != NULL;
}

static char *
fids_json (GArray *fids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < fids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (fids, gint64, i));
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* How many rows of @sql's table are among @fids. */
static gint64
count_rows (sqlite3_stmt *stmt,
            GArray       *fids)
{
  g_autofree char *json = fids_json (fids);

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* No box drawn (a badge, an area's name, a place's name) meets another. */
static void
assert_boxes_apart (SteadMapView    *view,
                    SteadPointLayer *merged,
                    GArray          *badges,
                    guint            zoom)
{
  g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (SteadPointName));
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  const SteadAreaLabel *labels;
  guint n_labels, n_badges = badges->len;

  stead_point_layer_get_names (merged, names);
  labels = stead_area_layer_get_labels (stead_map_view_get_area_layer (view), &n_labels);
  g_test_message ("zoom %u: %u areas named, %u places named", zoom, n_labels, names->len);
  for (guint i = 0; i < n_badges; i++)
    g_array_append_val (boxes, g_array_index (badges, SteadPointBadge, i).box);
  for (guint i = 0; i < names->len; i++)
    g_array_append_val (boxes, g_array_index (names, SteadPointName, i).box);
  for (guint i = 0; i < n_labels; i++)
    g_array_append_val (boxes, labels[i].box);
  if (zoom > 0 && zoom < STEAD_POINT_LAYER_NAME_ZOOM)
    g_assert_cmpuint (names->len, ==, 0);

  for (guint i = 0; i < boxes->len; i++)
    for (guint j = i + 1; j < boxes->len; j++)
      {
        const graphene_rect_t *a = &g_array_index (boxes, graphene_rect_t, i);
        const graphene_rect_t *b = &g_array_index (boxes, graphene_rect_t, j);

        if (graphene_rect_intersection (a, b, NULL))
          g_error ("zoom %u: box %u (%g,%g %gx%g) and %u (%g,%g %gx%g) overlap (0 to %u "
                   "badges, then %u places' names, then areas')",
                   zoom, i, a->origin.x, a->origin.y, a->size.width, a->size.height, j,
                   b->origin.x, b->origin.y, b->size.width, b->size.height, n_badges - 1,
                   names->len);
      }
}

static void
test_overview_counts_never_overlap (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stead-legible-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.gpkg", NULL);
  g_autoptr(SteadWorkspace) ws = stead_workspace_create (path, "Demo", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) open_needs = NULL;
  g_autoptr(sqlite3_stmt) resources = NULL;
  /* 0: the whole area, as the window opens on it (a zoom between levels). */
  const guint zooms[] = { 0, 8, 10, 12, 13, 14, 16 };
  ShumateViewport *viewport;
  SteadPointLayer *merged;
  GtkWidget *map;
  SteadMapView *view;
  GtkWidget *window;
  double lat, lon;

  g_assert_true (stead_demo_populate (ws, 200000, 1, &error));
  g_assert_no_error (error);
  open_needs = stead_workspace_prepare (ws,
                                        "SELECT count(*) FROM need "
                                        "WHERE status IN ('open', 'assigned') "
                                        "AND fid IN (SELECT value FROM json_each (?))",
                                        NULL);
  resources = stead_workspace_prepare (
    ws, "SELECT count(*) FROM resource WHERE fid IN (SELECT value FROM json_each (?))", NULL);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 1024);
  view = stead_map_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  stead_map_view_set_workspace (view, ws);
  gtk_window_present (GTK_WINDOW (window));
  merged = stead_map_view_get_point_layer (view, STEAD_POINT_LAYER_MERGED);
  stead_test_iterate_until (merged_loaded, merged);
  stead_test_iterate (300);
  viewport = stead_map_view_get_viewport (view);
  map = GTK_WIDGET (stead_map_view_get_map (view));
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      g_autoptr(GArray) badges = g_array_new (FALSE, FALSE, sizeof (SteadPointBadge));
      guint64 shown_needs = 0;

      if (zooms[z] > 0)
        {
          shumate_viewport_set_zoom_level (viewport, zooms[z]);
          shumate_map_center_on (stead_map_view_get_map (view), lat, lon);
        }
      stead_test_iterate (100);
      stead_point_layer_get_badges (merged, badges);
      g_test_message ("zoom %g: %u badges", shumate_viewport_get_zoom_level (viewport),
                      badges->len);
      g_assert_cmpuint (badges->len, >, 0);
      assert_boxes_apart (view, merged, badges, zooms[z]);

      for (guint i = 0; i < badges->len; i++)
        {
          const SteadPointBadge *a = &g_array_index (badges, SteadPointBadge, i);
          g_autoptr(GArray) needs = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_autoptr(GArray) res = g_array_new (FALSE, FALSE, sizeof (gint64));

          /* No two count labels overlap. */
          for (guint j = i + 1; j < badges->len; j++)
            {
              const SteadPointBadge *b = &g_array_index (badges, SteadPointBadge, j);

              if (graphene_rect_intersection (&a->box, &b->box, NULL))
                g_error ("zoom %u: badges %u (%g,%g %gx%g) and %u (%g,%g %gx%g) overlap",
                         zooms[z], i, a->box.origin.x, a->box.origin.y, a->box.size.width,
                         a->box.size.height, j, b->box.origin.x, b->box.origin.y,
                         b->box.size.width, b->box.size.height);
            }

          /* Nothing of the map's own (buttons, licence) is over it. */
          for (guint c = 0; c < 4; c++)
            {
              double cx = a->box.origin.x + (c % 2 ? a->box.size.width - 1 : 1);
              double cy = a->box.origin.y + (c / 2 ? a->box.size.height - 1 : 1);
              double vx, vy;
              GtkWidget *top;

              if (!gtk_widget_translate_coordinates (GTK_WIDGET (merged), GTK_WIDGET (view), cx,
                                                     cy, &vx, &vy) ||
                  vx < 0 || vy < 0 || vx >= gtk_widget_get_width (GTK_WIDGET (view)) ||
                  vy >= gtk_widget_get_height (GTK_WIDGET (view)))
                continue;
              top = gtk_widget_pick (GTK_WIDGET (view), vx, vy, GTK_PICK_DEFAULT);
              /* A box draws nothing itself (the bottom row spans the map). */
              if (top != map && !gtk_widget_is_ancestor (top, map) && !GTK_IS_BOX (top))
                g_error ("zoom %u: badge %u (%g,%g) is under a %s", zooms[z], i, vx, vy,
                         G_OBJECT_TYPE_NAME (top));
            }

          /* Its counts are its members, each a row of its table. */
          g_assert_true (stead_point_layer_get_badge_members (merged, i, STEAD_POINT_CLASS_NEED,
                                                              needs));
          g_assert_true (stead_point_layer_get_badge_members (merged, i,
                                                              STEAD_POINT_CLASS_RESOURCE, res));
          g_assert_cmpint (a->n_needs, ==, needs->len);
          g_assert_cmpint (a->n_needs, ==, count_rows (open_needs, needs));
          g_assert_cmpint (a->n_resources, ==, res->len);
          g_assert_cmpint (a->n_resources, ==, count_rows (resources, res));
          g_assert_cmpuint (a->n_needs + a->n_resources + a->n_sites, >, 1);
          shown_needs += a->n_needs;
        }
      g_assert_cmpuint (shown_needs, >, 0);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_pointer (&open_needs, sqlite3_finalize);
  g_clear_pointer (&resources, sqlite3_finalize);
  stead_workspace_close (ws);
  stead_test_rm_rf (dir);
}

/* The shape of a kind, drawn alone: its pixels are what tell it apart. */
static guchar *
kind_mask (guint kind)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 24, 24);
  cairo_t *cr = cairo_create (surface);
  guchar *mask = g_malloc (24 * 24);

  stead_point_layer_draw_kind_symbol (cr, kind, 12, 12, 10);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  for (int y = 0; y < 24; y++)
    memcpy (mask + y * 24,
            cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface),
            24);
  cairo_surface_destroy (surface);
  return mask;
}

/* The need kinds of the shipped taxonomy: at most 8 colours, all of the
 * Okabe-Ito palette but its black; and no two kinds look alike even to
 * someone who sees no colour at all (their shapes differ by pixels). */
static void
test_kinds_not_by_colour_alone (void)
{
  static const guint32 okabe_ito[] = {
    0xe69f00, 0x56b4e9, 0x009e73, 0xf0e442, 0x0072b2, 0xd55e00, 0xcc79a7,
  };
  g_autofree char *json_path = g_test_build_filename (G_TEST_DIST, "..", "data", "taxonomy",
                                                       "need-kinds.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  JsonArray *terms;
  guint n;
  guchar **masks;

  g_assert_true (json_parser_load_from_file (parser, json_path, &error));
  g_assert_no_error (error);
  terms = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "terms");
  n = json_array_get_length (terms);
  g_assert_cmpuint (n, >=, 12);

  masks = g_new0 (guchar *, n);
  for (guint i = 0; i < n; i++)
    {
      GdkRGBA rgba;
      guint32 rgb;
      gboolean safe = FALSE;

      stead_point_layer_kind_colour (i, &rgba);
      rgb = (guint32) round (rgba.red * 255) << 16 | (guint32) round (rgba.green * 255) << 8 |
            (guint32) round (rgba.blue * 255);
      for (guint c = 0; c < G_N_ELEMENTS (okabe_ito); c++)
        safe |= rgb == okabe_ito[c];
      if (!safe)
        g_error ("kind %u (%s) is #%06x, not of the palette", i,
                 json_object_get_string_member (json_array_get_object_element (terms, i), "code"),
                 rgb);
      g_hash_table_add (colours, GUINT_TO_POINTER (rgb));
      masks[i] = kind_mask (i);
    }
  g_assert_cmpuint (g_hash_table_size (colours), <=, 8);

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        guint differ = 0;

        for (guint p = 0; p < 24 * 24; p++)
          differ += abs ((int) masks[i][p] - (int) masks[j][p]) > 128;
        if (differ < 20)
          g_error ("kinds %s and %s have the same shape (%u pixels apart)",
                   json_object_get_string_member (json_array_get_object_element (terms, i),
                                                  "code"),
                   json_object_get_string_member (json_array_get_object_element (terms, j),
                                                  "code"),
                   differ);
      }
  for (guint i = 0; i < n; i++)
    g_free (masks[i]);
  g_free (masks);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/map-legible/kinds-not-by-colour-alone", test_kinds_not_by_colour_alone);
  g_test_add_func ("/ui/map-legible/overview-counts-never-overlap",
                   test_overview_counts_never_overlap);
  return g_test_run ();
}
