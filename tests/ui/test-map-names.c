/* test-map-names.c: partner sites and rest centres named on the map, no label over another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo area with the partners plugin, in the window. Zoomed in to a
 * street over a rest centre and over a partner's site, each with room
 * around it, their names are drawn beside their markers: the site's by
 * its name, the rest centre's by its kind until personal data may be
 * shown, then by its title (read again by SQL). Further out no place is
 * named. At every zoom, from the whole area to the street, no box drawn
 * (an area's name, a place's name, a count's badge) meets another. At
 * 800x600 an area's summary is a sheet along the map's foot, over none
 * of its controls; at 1600x1000 it is beside the map again. With
 * STEAD_TEST_SHOTS=DIR the views are saved there as PNG, to look at.
 */

#include "config.h"

#include <math.h>

#include <stead-gtk.h>

#include "stead-area-layer-private.h"
#include "stead-test-util.h"


static SteadApplication *app;
static char *tmp_dir;

typedef struct
{
  SteadWindow     *window;
  SteadMapView    *view;
  SteadWorkspace  *ws;
  SteadPointLayer *merged;
} Names;

static gboolean
merged_loaded (gpointer data)
{
  return stead_point_layer_get_index (data) != NULL;
}

static void
names_open (Names      *n,
            const char *file,
            guint       scale)
{
  g_autofree char *path = g_build_filename (tmp_dir, file, NULL);
  g_autofree char *title = g_strdup_printf ("Namesshire %d %s", (int) getpid (), file);

  n->window = stead_test_open_window (app, path, title, scale);
  gtk_window_set_default_size (GTK_WINDOW (n->window), 1280, 900);
  n->view = stead_window_get_map_view (n->window);
  n->ws = stead_window_get_workspace (n->window);
  n->merged = stead_map_view_get_point_layer (n->view, STEAD_POINT_LAYER_MERGED);
  stead_test_iterate_until (stead_test_is_mapped, n->view);
  stead_test_iterate_until (merged_loaded, n->merged);
  stead_test_iterate (300);
}

static void
names_look_at (Names  *n,
               double  lat,
               double  lon,
               double  zoom)
{
  shumate_viewport_set_zoom_level (stead_map_view_get_viewport (n->view), zoom);
  shumate_map_center_on (stead_map_view_get_map (n->view), lat, lon);
  stead_test_iterate (150);
}

static void
names_shot (Names      *n,
            const char *what)
{
  const char *dir = g_getenv ("STEAD_TEST_SHOTS");
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;

  if (dir == NULL)
    return;
  texture = stead_test_render (GTK_WIDGET (n->view));
  file = g_strdup_printf ("%s/%s.png", dir, what);
  gdk_texture_save_to_png (texture, file);
}

typedef struct
{
  graphene_rect_t box;
  const char     *what;
} Box;

/* Every box drawn now: no two meet. Returns how many places are named. */
static guint
names_assert_apart (Names      *n,
                    const char *where)
{
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (Box));
  g_autoptr(GArray) badges = g_array_new (FALSE, FALSE, sizeof (SteadPointBadge));
  g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (SteadPointName));
  const SteadAreaLabel *labels;
  guint n_labels;

  stead_point_layer_get_badges (n->merged, badges);
  stead_point_layer_get_names (n->merged, names);
  labels = stead_area_layer_get_labels (stead_map_view_get_area_layer (n->view), &n_labels);
  for (guint i = 0; i < badges->len; i++)
    g_array_append_val (boxes, ((Box) { g_array_index (badges, SteadPointBadge, i).box,
                                        "badge" }));
  for (guint i = 0; i < names->len; i++)
    g_array_append_val (boxes, ((Box) { g_array_index (names, SteadPointName, i).box,
                                        g_array_index (names, SteadPointName, i).name }));
  for (guint i = 0; i < n_labels; i++)
    g_array_append_val (boxes, ((Box) { labels[i].box, "area name" }));
  g_test_message ("%s: %u badges, %u places named, %u areas named", where, badges->len,
                  names->len, n_labels);

  for (guint i = 0; i < boxes->len; i++)
    for (guint j = i + 1; j < boxes->len; j++)
      {
        const Box *a = &g_array_index (boxes, Box, i);
        const Box *b = &g_array_index (boxes, Box, j);

        if (graphene_rect_intersection (&a->box, &b->box, NULL))
          g_error ("%s: %s (%g,%g %gx%g) and %s (%g,%g %gx%g) overlap", where, a->what,
                   a->box.origin.x, a->box.origin.y, a->box.size.width, a->box.size.height,
                   b->what, b->box.origin.x, b->box.origin.y, b->box.size.width,
                   b->box.size.height);
      }
  return names->len;
}

/* A place of @sql (fid, name, longitude, latitude) with nothing else of
 * the map within some 150 metres: room for its name. */
static gint64
names_find_alone (Names      *n,
                  const char *sql,
                  char      **name,
                  double     *lon,
                  double     *lat)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (n->ws, sql, NULL);
  gint64 fid;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  fid = sqlite3_column_int64 (stmt, 0);
  *name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  *lon = sqlite3_column_double (stmt, 2);
  *lat = sqlite3_column_double (stmt, 3);
  return fid;
}

#define NOTHING_NEAR(t, mine) \
  "NOT EXISTS (SELECT 1 FROM " t " o WHERE o.geom IS NOT NULL AND NOT (" mine ") " \
  "AND abs (ST_MinX (o.geom) - ST_MinX (p.geom)) < 0.0025 " \
  "AND abs (ST_MinY (o.geom) - ST_MinY (p.geom)) < 0.0015) "

/* A rest centre alone; a site with only the resources it publishes. */
#define CENTRE_ALONE \
  NOTHING_NEAR ("resource", "o.fid = p.fid") "AND " NOTHING_NEAR ("need", "0") \
  "AND " NOTHING_NEAR ("partners_site", "0")
#define SITE_ALONE \
  NOTHING_NEAR ("resource", "o.owner = 'partners' AND o.owner_ref = p.fid") \
  "AND " NOTHING_NEAR ("need", "0") "AND " NOTHING_NEAR ("partners_site", "o.fid = p.fid")

/* The name drawn for @fid of @klass (a resource's row) or for the site
 * named @site, or NULL; its box in @box. */
static const char *
names_find (Names           *n,
            SteadPointClass  klass,
            gint64           fid,
            const char      *site,
            GArray          *names,
            graphene_rect_t *box)
{
  g_array_set_size (names, 0);
  stead_point_layer_get_names (n->merged, names);
  for (guint i = 0; i < names->len; i++)
    {
      const SteadPointName *name = &g_array_index (names, SteadPointName, i);

      if (name->klass == klass &&
          (klass == STEAD_POINT_CLASS_SITE ? g_strcmp0 (name->name, site) == 0 : name->fid == fid))
        {
          *box = name->box;
          return name->name;
        }
    }
  return NULL;
}

/* The name is beside the marker, on its line, not over it. */
static void
names_assert_beside (Names                 *n,
                     const graphene_rect_t *box,
                     double                 lat,
                     double                 lon,
                     double                 reach)
{
  double x, y;

  shumate_viewport_location_to_widget_coords (stead_map_view_get_viewport (n->view),
                                              GTK_WIDGET (n->merged), lat, lon, &x, &y);
  g_assert_cmpfloat (fabs (box->origin.y + box->size.height / 2 - y), <, 2);
  g_assert_true (box->origin.x >= x + 6 || box->origin.x + box->size.width <= x - 6);
  g_assert_true (fabs (box->origin.x - x) < reach ||
                 fabs (box->origin.x + box->size.width - x) < reach);
}

static void
test_street_names (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (SteadPointName));
  g_autofree char *centre_title = NULL;
  g_autofree char *site_name = NULL;
  graphene_rect_t box;
  double lon, lat, site_lon, site_lat;
  gint64 centre, site;
  Names n = { 0 };

  g_settings_set_boolean (settings, "show-personal-data", FALSE);
  names_open (&n, "street.gpkg", 200);

  centre = names_find_alone (&n,
                             "SELECT fid, title, ST_MinX (geom), ST_MinY (geom) FROM resource p "
                             "WHERE kind = 'rest-centre' AND " CENTRE_ALONE "ORDER BY fid LIMIT 1",
                             &centre_title, &lon, &lat);
  site = names_find_alone (&n,
                           "SELECT fid, name, ST_MinX (geom), ST_MinY (geom) FROM partners_site "
                           "p WHERE geom IS NOT NULL AND " SITE_ALONE "ORDER BY fid LIMIT 1",
                           &site_name, &site_lon, &site_lat);
  g_assert_nonnull (centre_title);
  g_assert_nonnull (site_name);
  g_assert_cmpint (site, >, 0);

  /* A street over the rest centre: named by its kind, its title being
   * personal data. */
  names_look_at (&n, lat, lon, 17);
  names_shot (&n, "street-rest-centre");
  g_assert_cmpstr (names_find (&n, STEAD_POINT_CLASS_RESOURCE, centre, NULL, names, &box), ==,
                   "Rest centre");
  names_assert_beside (&n, &box, lat, lon, 20);
  names_assert_apart (&n, "rest centre, zoom 17");

  /* Allowed to show personal data, by its title. */
  g_settings_set_boolean (settings, "show-personal-data", TRUE);
  stead_test_iterate (150);
  names_shot (&n, "street-rest-centre-personal");
  g_assert_cmpstr (names_find (&n, STEAD_POINT_CLASS_RESOURCE, centre, NULL, names, &box), ==,
                   centre_title);
  names_assert_beside (&n, &box, lat, lon, 20);
  names_assert_apart (&n, "rest centre titled, zoom 17");

  /* Further out, no place is named. */
  names_look_at (&n, lat, lon, STEAD_POINT_LAYER_NAME_ZOOM - 0.5);
  g_assert_null (names_find (&n, STEAD_POINT_CLASS_RESOURCE, centre, NULL, names, &box));
  g_assert_cmpuint (names->len, ==, 0);

  /* A street over the partner's site: named by the site's name. */
  names_look_at (&n, site_lat, site_lon, 17);
  names_shot (&n, "street-site");
  g_assert_cmpstr (names_find (&n, STEAD_POINT_CLASS_SITE, 0, site_name, names, &box), ==,
                   site_name);
  names_assert_beside (&n, &box, site_lat, site_lon, 60);
  names_assert_apart (&n, "site, zoom 17");

  g_settings_set_boolean (settings, "show-personal-data", FALSE);
  gtk_window_destroy (GTK_WINDOW (n.window));
}

/* From the whole area to a street, over the town and over each rest
 * centre: no box drawn meets another, and places are named. */
static void
check_apart_at_zooms (guint scale)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *file = g_strdup_printf ("apart-%u.gpkg", scale);
  const double zooms[] = { 9, 10, 11, 12, 13, 14, 15, 16 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (double));
  guint named = 0;
  Names n = { 0 };

  g_settings_set_boolean (settings, "show-personal-data", TRUE);
  names_open (&n, file, scale);
  names_assert_apart (&n, "as opened");
  names_shot (&n, "apart-opened");

  g_array_append_vals (places, (double[]) { STEAD_DEMO_CENTER_LON, STEAD_DEMO_CENTER_LAT }, 2);
  stmt = stead_workspace_prepare (n.ws,
                                  "SELECT ST_MinX (geom), ST_MinY (geom) FROM resource "
                                  "WHERE kind = 'rest-centre' ORDER BY fid LIMIT 3",
                                  NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_array_append_vals (places, (double[]) { sqlite3_column_double (stmt, 0),
                                              sqlite3_column_double (stmt, 1) }, 2);
  g_assert_cmpuint (places->len, ==, 8);

  for (guint p = 0; p < places->len / 2; p++)
    for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
      {
        g_autofree char *where = g_strdup_printf ("place %u, zoom %g", p, zooms[z]);
        guint here;

        names_look_at (&n, g_array_index (places, double, 2 * p + 1),
                       g_array_index (places, double, 2 * p), zooms[z]);
        here = names_assert_apart (&n, where);
        if (zooms[z] < STEAD_POINT_LAYER_NAME_ZOOM)
          g_assert_cmpuint (here, ==, 0);
        named += here;
        if (p == 0 && (zooms[z] == 13 || zooms[z] == 16))
          {
            g_autofree char *shot = g_strdup_printf ("apart-%u-z%g", scale, zooms[z]);

            names_shot (&n, shot);
          }
      }
  g_assert_cmpuint (named, >, 0);

  g_clear_pointer (&stmt, sqlite3_finalize);
  g_settings_set_boolean (settings, "show-personal-data", FALSE);
  gtk_window_destroy (GTK_WINDOW (n.window));
}

static void
test_apart_demo (void)
{
  check_apart_at_zooms (200);
}

static void
test_apart_200k (void)
{
  check_apart_at_zooms (200000);
}

static GtkWidget *
find_of_type (GtkWidget *root,
              GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_of_type (child, type)) != NULL)
        return found;
    }
  return NULL;
}

/* The area's summary is over none of the map's own controls; on a narrow
 * map it is a sheet along the foot, leaving more than half the map. */
static void
summary_assert_clear (Names    *n,
                      gboolean  narrow)
{
  const char *labels[] = { "Zoom In", "Export View…", "Base Map and Layers" };
  GtkWidget *view = GTK_WIDGET (n->view);
  GtkWidget *panel = stead_map_view_get_area_panel (n->view);
  GtkWidget *credits = stead_test_find_by_name (view, "map-credits");
  GtkWidget *controls[G_N_ELEMENTS (labels) + 3];
  graphene_rect_t p, v;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    g_assert_nonnull ((controls[i] = stead_test_find_by_label (view, labels[i])));
  controls[G_N_ELEMENTS (labels)] = find_of_type (view, SHUMATE_TYPE_SCALE);
  controls[G_N_ELEMENTS (labels) + 1] = credits;
  controls[G_N_ELEMENTS (labels) + 2] = find_of_type (view, SHUMATE_TYPE_LICENSE);
  g_assert_nonnull (controls[G_N_ELEMENTS (labels)]);
  g_assert_nonnull (credits);

  g_assert_true (gtk_widget_is_drawable (panel));
  g_assert_true (gtk_widget_compute_bounds (panel, view, &p));
  g_assert_true (gtk_widget_compute_bounds (view, view, &v));
  g_assert_true (graphene_rect_contains_rect (&v, &p));
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      graphene_rect_t c;

      if (controls[i] == NULL || !gtk_widget_is_drawable (controls[i]))
        continue;
      g_assert_true (gtk_widget_compute_bounds (controls[i], view, &c));
      if (graphene_rect_intersection (&p, &c, NULL))
        g_error ("the summary (%g,%g %gx%g) is over a %s (%g,%g %gx%g)", p.origin.x, p.origin.y,
                 p.size.width, p.size.height, G_OBJECT_TYPE_NAME (controls[i]), c.origin.x,
                 c.origin.y, c.size.width, c.size.height);
    }
  g_assert_true (gtk_widget_is_drawable (credits) == narrow);
  if (narrow)
    {
      g_assert_cmpfloat (p.size.height, <, v.size.height / 2);
      g_assert_cmpfloat (p.size.width, >, v.size.width / 2);
    }
  else
    g_assert_cmpfloat (p.origin.x, >, v.size.width / 2);
}

static void
test_narrow_summary (void)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 ward;
  Names n = { 0 };

  names_open (&n, "narrow.gpkg", 200);
  stmt = stead_workspace_prepare (n.ws, "SELECT fid FROM area WHERE kind = 'ward' LIMIT 1", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  ward = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  gtk_window_set_default_size (GTK_WINDOW (n.window), 800, 600);
  stead_test_iterate (300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (n.view)), <, 800);
  g_assert_true (stead_map_view_show_area (n.view, ward));
  stead_test_iterate (300);
  names_shot (&n, "narrow-summary");
  summary_assert_clear (&n, TRUE);

  gtk_window_set_default_size (GTK_WINDOW (n.window), 1600, 1000);
  stead_test_iterate (300);
  names_shot (&n, "wide-summary");
  summary_assert_clear (&n, FALSE);

  gtk_window_destroy (GTK_WINDOW (n.window));
}

int
main (int   argc,
      char *argv[])
{
  const char *enabled[] = { "partners", NULL };

  app = stead_test_app_new (&argc, &argv, enabled, &tmp_dir);

  g_test_add_func ("/ui/map-names/street", test_street_names);
  g_test_add_func ("/ui/map-names/narrow-summary", test_narrow_summary);
  g_test_add_func ("/ui/map-names/apart-demo", test_apart_demo);
  g_test_add_func ("/ui/map-names/apart-200k", test_apart_200k);

  return stead_test_app_run (app, tmp_dir);
}
