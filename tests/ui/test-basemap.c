/* test-basemap.c: honest base maps, the empty state, area names, CAP warnings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb with no network: the network monitor is the test's own, which
 * it plugs in and unplugs, and the tile servers are on loopback.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <libsoup/soup.h>
#include <stead-gtk.h>

#include "stead-area-layer-private.h"
#include "stead-map-view-private.h"
#include "stead-test-util.h"

/* The UK, Scilly to Shetland, as the issue gives it. */
#define UK_WEST  -8.6
#define UK_EAST   1.8
#define UK_SOUTH 49.9
#define UK_NORTH 60.9

static gboolean
is_sized (gpointer data)
{
  return gtk_widget_get_width (data) > 0 && gtk_widget_get_mapped (data);
}

static GtkWidget *
map_window_new (SteadWorkspace  *ws,
                int              width,
                int              height,
                SteadMapView   **out_view)
{
  GtkWidget *window = gtk_window_new ();
  SteadMapView *view = stead_map_view_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  if (ws != NULL)
    stead_map_view_set_workspace (view, ws);
  gtk_window_present (GTK_WINDOW (window));
  stead_test_iterate_until (is_sized, view);
  stead_test_iterate (300);
  *out_view = view;
  return window;
}

/* A network monitor the test can unplug. */
#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject  parent_instance;
  gboolean available;
};

enum { PROP_0, PROP_AVAILABLE, PROP_METERED, PROP_CONNECTIVITY };

static void test_monitor_iface_init (GNetworkMonitorInterface *iface);
static void test_monitor_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_monitor_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                      test_monitor_iface_init))

static void
test_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

static gboolean
test_monitor_initable (GInitable     *initable,
                       GCancellable  *cancellable,
                       GError       **error)
{
  return TRUE;
}

static void
test_monitor_initable_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable;
}

static void
test_monitor_init (TestMonitor *self)
{
  self->available = TRUE;
}

/* Plugs the network in or unplugs it, as a monitor reports it. */
static void
test_monitor_set (TestMonitor *self,
                  gboolean     available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
  stead_test_iterate (100);
}

/* Whether any label under @root, shown, contains @text. */
static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && strstr (gtk_label_get_text (GTK_LABEL (child)), text) != NULL)
        return TRUE;
      if (shows_text (child, text))
        return TRUE;
    }
  return FALSE;
}

/* The "Offline" chip over the map, shown. */
static gboolean
chip_shown (SteadMapView *view)
{
  GtkWidget *chip = stead_test_find_by_text (GTK_WIDGET (view), "Offline");

  return chip != NULL && gtk_widget_is_drawable (chip);
}

static void
serve_tile (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  GBytes *png = user_data;

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (png, NULL), g_bytes_get_size (png));
}

static GBytes *
grey_png (void)
{
  g_autofree guchar *pixels = g_malloc (256 * 256 * 4);
  g_autoptr(GBytes) memory = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  memset (pixels, 128, 256 * 256 * 4);
  memory = g_bytes_new (pixels, 256 * 256 * 4);
  texture = gdk_memory_texture_new (256, 256, GDK_MEMORY_R8G8B8A8, memory, 256 * 4);
  return gdk_texture_save_to_png_bytes (texture);
}

/* The layer list, opened: whether its row for @base_map's @title says
 * "Offline". */
static gboolean
layer_list_says_offline (SteadMapView *view,
                         const char   *title)
{
  GtkWidget *button = stead_test_find_by_label (GTK_WIDGET (view), "Base Map and Layers");
  g_autofree char *offline = g_strdup_printf ("%s — Offline", title);
  GtkWidget *popover;
  gboolean says;

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  stead_test_iterate (200);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_nonnull (popover);
  g_assert_true (shows_text (popover, title));
  says = shows_text (popover, offline);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  stead_test_iterate (100);
  return says;
}

/* Going offline puts "Offline" on the map and in the layer list, takes the
 * online map's attribution away and shows the offline background; the
 * network's return restores the user's choice. */
static void
test_offline_toggles_label_attribution_and_base_map (void)
{
  g_autoptr(TestMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  g_autoptr(GBytes) png = grey_png ();
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *url = NULL;
  SteadMapView *view;
  GtkWidget *window;

  soup_server_add_handler (server, NULL, serve_tile, png, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/{z}/{x}/{y}.png", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  /* Wide enough that the licences are on the map itself. */
  window = map_window_new (NULL, 1024, 700, &view);
  stead_map_view_set_network_monitor (view, G_NETWORK_MONITOR (monitor));
  stead_map_view_set_custom_tiles (view, url, "© Partnership tiles");
  stead_map_view_set_base_map (view, STEAD_BASE_MAP_CUSTOM);
  stead_test_iterate (300);

  /* Online: credited, no chip. */
  g_assert_false (stead_map_view_get_offline (view));
  g_assert_true (shows_text (GTK_WIDGET (view), "© Partnership tiles"));
  g_assert_false (chip_shown (view));
  g_assert_false (layer_list_says_offline (view, "Custom tile server"));

  /* The network goes. */
  test_monitor_set (monitor, FALSE);
  g_assert_true (stead_map_view_get_offline (view));
  g_assert_true (chip_shown (view));
  g_assert_false (shows_text (GTK_WIDGET (view), "© Partnership tiles"));
  g_assert_true (shows_text (GTK_WIDGET (view), "Offline background"));
  g_assert_true (layer_list_says_offline (view, "Custom tile server"));
  /* The choice stays, to come back to. */
  g_assert_cmpint (stead_map_view_get_base_map (view), ==, STEAD_BASE_MAP_CUSTOM);

  /* Offline background chosen: nothing online to be offline from. */
  stead_map_view_set_base_map (view, STEAD_BASE_MAP_OFFLINE);
  g_assert_false (chip_shown (view));
  stead_map_view_set_base_map (view, STEAD_BASE_MAP_CUSTOM);
  g_assert_true (chip_shown (view));

  /* It comes back. */
  test_monitor_set (monitor, TRUE);
  g_assert_false (stead_map_view_get_offline (view));
  g_assert_true (shows_text (GTK_WIDGET (view), "© Partnership tiles"));
  g_assert_false (chip_shown (view));
  g_assert_cmpint (stead_map_view_get_base_map (view), ==, STEAD_BASE_MAP_CUSTOM);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_offline (gpointer data)
{
  return stead_map_view_get_offline (data);
}

/* A tile server that cannot be reached (nothing listens on the port) is
 * offline too, though the monitor sees a network. */
static void
test_unreachable_tile_server_is_offline (void)
{
  g_autoptr(TestMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autofree char *url = NULL;
  SteadMapView *view;
  GtkWidget *window;
  guint16 port;

  /* A port nobody listens on: bound, then closed. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u/{z}/{x}/{y}.png", port);

  window = map_window_new (NULL, 640, 480, &view);
  stead_map_view_set_network_monitor (view, G_NETWORK_MONITOR (monitor));
  stead_map_view_set_custom_tiles (view, url, "© Unreachable tiles");
  stead_map_view_set_base_map (view, STEAD_BASE_MAP_CUSTOM);
  shumate_viewport_set_zoom_level (stead_map_view_get_viewport (view), 9);
  stead_test_iterate_until (is_offline, view);

  g_assert_true (stead_map_view_get_offline (view));
  g_assert_true (chip_shown (view));
  g_assert_false (shows_text (GTK_WIDGET (view), "© Unreachable tiles"));
  g_assert_cmpint (stead_map_view_get_base_map (view), ==, STEAD_BASE_MAP_CUSTOM);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_import (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  (*(guint *) user_data)++;
}

/* What the map shows, in degrees: west, south, east, north. */
static void
visible_box (SteadMapView *view,
             double        box[4])
{
  ShumateViewport *viewport = stead_map_view_get_viewport (view);
  GtkWidget *map = GTK_WIDGET (stead_map_view_get_map (view));

  shumate_viewport_widget_coords_to_location (viewport, map, 0, 0, &box[3], &box[0]);
  shumate_viewport_widget_coords_to_location (viewport, map, gtk_widget_get_width (map),
                                              gtk_widget_get_height (map), &box[1], &box[2]);
}

#define BOUNDARY_GEOJSON                                                                  \
  "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "             \
  "\"properties\": {\"name\": \"Newshire\"}, \"geometry\": {\"type\": \"Polygon\", "     \
  "\"coordinates\": [[[-2.20, 51.96], [-2.10, 51.96], [-2.10, 52.02], [-2.20, 52.02], "  \
  "[-2.20, 51.96]]]}}]}"

/* A new workspace shows the whole UK and says how to begin; the button
 * asks the window to import, and the message goes once an area is in. */
static void
test_new_workspace_shows_uk_and_empty_state (void)
{
  static const int sizes[][2] = { { 800, 600 }, { 1600, 1000 } };
  g_autofree char *dir = g_dir_make_tmp ("stead-basemap-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "new.gpkg", NULL);
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) import = g_simple_action_new ("import", NULL);
  GtkWidget *title, *button;
  guint imports = 0;

  ws = stead_workspace_create (path, "Newshire", NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (import, "activate", G_CALLBACK (on_import), &imports);
  g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (import));

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      SteadMapView *view;
      GtkWidget *window = map_window_new (NULL, sizes[s][0], sizes[s][1], &view);
      double box[4];

      gtk_widget_insert_action_group (window, "win", G_ACTION_GROUP (actions));
      stead_map_view_set_workspace (view, ws);
      stead_test_iterate (400);

      visible_box (view, box);
      g_test_message ("%dx%d shows %.2f %.2f %.2f %.2f", sizes[s][0], sizes[s][1], box[0], box[1],
                      box[2], box[3]);
      g_assert_cmpfloat (box[0], <=, UK_WEST);
      g_assert_cmpfloat (box[1], <=, UK_SOUTH);
      g_assert_cmpfloat (box[2], >=, UK_EAST);
      g_assert_cmpfloat (box[3], >=, UK_NORTH);
      /* ...and is not the whole world. */
      g_assert_cmpfloat (box[2] - box[0], <, 60);

      title = stead_test_find_by_text (GTK_WIDGET (view), "Import your boundary");
      g_assert_nonnull (title);
      g_assert_true (gtk_widget_is_drawable (title));
      g_assert_true (shows_text (GTK_WIDGET (view), "GeoPackage"));
      button = stead_test_find_by_label (GTK_WIDGET (view), "Import Boundary…");
      g_assert_nonnull (button);
      g_assert_true (gtk_widget_is_drawable (button));
      g_assert_true (gtk_widget_is_sensitive (button));
      /* A button's activation clicks it after its press is seen. */
      g_assert_true (gtk_widget_activate (button));
      stead_test_iterate (500);
      g_assert_cmpuint (imports, ==, s + 1);

      if (s + 1 < G_N_ELEMENTS (sizes))
        {
          gtk_window_destroy (GTK_WINDOW (window));
          continue;
        }

      /* A boundary arrives through the GeoJSON importer, as the button's
       * Import would bring it. */
      {
        g_autoptr(GSettings) settings = g_settings_new (APP_ID);
        g_autoptr(SteadPluginEngine) engine = stead_plugin_engine_new (settings);
        g_autoptr(GPtrArray) importers = stead_import_list_importers (engine);
        g_autoptr(GFile) file = stead_test_write_file (dir, "boundary.geojson", BOUNDARY_GEOJSON);
        SteadImporter *importer =
          stead_import_find_importer (importers, "geojson-areas", file, &error);
        SteadImportOptions options = { 0 };
        g_autoptr(SteadImportResult) result = NULL;

        g_assert_no_error (error);
        g_assert_true (stead_import_run (ws, importer, file, &options, NULL, NULL, NULL, &result,
                                         &error));
        g_assert_no_error (error);
        g_assert_true (result->committed);
        g_assert_cmpuint (result->added, ==, 1);
      }
      stead_test_iterate (400);
      g_assert_false (gtk_widget_is_drawable (title));

      /* ...and the map goes to it. */
      visible_box (view, box);
      g_assert_cmpfloat (box[2] - box[0], <, 2);

      /* Undone, the workspace is empty again and says so. */
      g_assert_true (stead_workspace_undo (ws, &error));
      stead_test_iterate (200);
      g_assert_true (gtk_widget_is_drawable (title));

      gtk_window_destroy (GTK_WINDOW (window));
    }
  stead_workspace_close (ws);
  stead_test_rm_rf (dir);
}

/* Whether two boxes share any area (touching edges do not). */
static gboolean
boxes_overlap (const graphene_rect_t *a,
               const graphene_rect_t *b)
{
  return a->origin.x < b->origin.x + b->size.width && b->origin.x < a->origin.x + a->size.width &&
         a->origin.y < b->origin.y + b->size.height && b->origin.y < a->origin.y + a->size.height;
}

static gint64
area_fid_of_kind (SteadWorkspace *ws,
                  gint64          fid,
                  const char     *kind)
{
  g_autoptr(sqlite3_stmt) stmt =
    stead_workspace_prepare (ws, "SELECT 1 FROM area WHERE fid = ? AND kind = ?", NULL);

  sqlite3_bind_int64 (stmt, 1, fid);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* The demo's real Tewkesbury wards, named at several zooms: no two names
 * overlap, none is over the map's buttons, enough are placed, the boundary
 * first, and LSOAs only close in. */
static void
test_area_labels_do_not_overlap (void)
{
  static const struct { double zoom; guint at_least; } zooms[] = {
    { 9, 1 }, { 10, 4 }, { 11, 8 }, { 12, 8 }, { 13, 6 }, { 14, 3 },
  };
  static const char *controls[] = {
    "Base Map and Layers", "Zoom In", "Zoom Out", "Show the Whole Area",
  };
  g_autofree char *dir = g_dir_make_tmp ("stead-basemap-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.gpkg", NULL);
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  SteadMapView *view;
  SteadAreaLayer *layer;
  GtkWidget *window;

  ws = stead_workspace_create (path, "Demo", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (stead_demo_populate (ws, 50, 1, &error));
  g_assert_no_error (error);
  window = map_window_new (ws, 1200, 800, &view);
  layer = stead_map_view_get_area_layer (view);

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      g_autoptr(GdkTexture) texture = NULL;
      const SteadAreaLabel *labels;
      guint n, wards = 0, lsoas = 0;

      shumate_viewport_set_zoom_level (stead_map_view_get_viewport (view), zooms[z].zoom);
      shumate_map_center_on (stead_map_view_get_map (view), STEAD_DEMO_CENTER_LAT,
                             STEAD_DEMO_CENTER_LON);
      stead_test_iterate (200);
      texture = stead_test_render (GTK_WIDGET (view));
      labels = stead_area_layer_get_labels (layer, &n);
      g_test_message ("zoom %g: %u names", zooms[z].zoom, n);
      g_assert_cmpuint (n, >=, zooms[z].at_least);

      for (guint i = 0; i < n; i++)
        {
          wards += area_fid_of_kind (ws, labels[i].fid, "ward");
          lsoas += area_fid_of_kind (ws, labels[i].fid, "lsoa");
          g_assert_cmpfloat (labels[i].box.size.width, >, 4);
          g_assert_cmpfloat (labels[i].box.size.height, >, 4);
          for (guint j = i + 1; j < n; j++)
            if (boxes_overlap (&labels[i].box, &labels[j].box))
              g_error ("names %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT " overlap at zoom %g",
                       labels[i].fid, labels[j].fid, zooms[z].zoom);
          for (guint c = 0; c < G_N_ELEMENTS (controls); c++)
            {
              GtkWidget *control = stead_test_find_by_label (GTK_WIDGET (view), controls[c]);
              graphene_rect_t bounds;

              g_assert_nonnull (control);
              g_assert_true (gtk_widget_compute_bounds (control, GTK_WIDGET (layer), &bounds));
              g_assert_false (boxes_overlap (&labels[i].box, &bounds));
            }
        }
      if (zooms[z].zoom >= 11)
        g_assert_cmpuint (wards, >=, 3);
      if (zooms[z].zoom < 13)
        g_assert_cmpuint (lsoas, ==, 0);
    }

  /* The search's card, open over the top of the map, is kept clear too. */
  {
    g_autoptr(GdkTexture) texture = NULL;
    const SteadAreaLabel *labels;
    graphene_rect_t card;
    guint n;

    /* The town's wards near the top, where the card opens. */
    shumate_viewport_set_zoom_level (stead_map_view_get_viewport (view), 12);
    shumate_map_center_on (stead_map_view_get_map (view), STEAD_DEMO_CENTER_LAT - 0.07,
                           STEAD_DEMO_CENTER_LON);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.search", NULL));
    stead_test_iterate (300);
    g_assert_true (gtk_widget_get_visible (view->search));
    texture = stead_test_render (GTK_WIDGET (view));
    g_assert_true (gtk_widget_compute_bounds (view->search, GTK_WIDGET (layer), &card));
    labels = stead_area_layer_get_labels (layer, &n);
    g_assert_cmpuint (n, >=, 4);
    for (guint i = 0; i < n; i++)
      g_assert_false (boxes_overlap (&labels[i].box, &card));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  stead_workspace_close (ws);
  stead_test_rm_rf (dir);
}

/* Inserts a warning of @severity over a square at @lon. */
static void
add_warning (SteadWorkspace *ws,
             const char     *severity,
             double          lon)
{
  const SteadCoord ring[] = {
    { lon, 51.90 }, { lon + 0.04, 51.90 }, { lon + 0.04, 51.98 }, { lon, 51.98 }, { lon, 51.90 },
  };
  g_autoptr(SteadGeometry) polygon = stead_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("test-%s", severity);
  SteadTransaction *txn = stead_workspace_begin (ws, "core", "Warning", &error);
  gint64 fid = stead_transaction_insert_area (txn, "hazard", NULL, severity, polygon, &error);

  g_assert_cmpint (fid, >, 0);
  g_assert_cmpint (stead_transaction_run (
                     txn,
                     "INSERT INTO alert (area, identifier, sender, sent, status, msg_type, event, "
                     "severity, urgency, certainty, area_desc) VALUES (?, ?, 'test', "
                     "'2026-01-01T00:00:00Z', 'Actual', 'Alert', 'Flood', ?, 'Expected', "
                     "'Likely', 'Here')",
                     STEAD_ARGS (STEAD_INT (fid), STEAD_STRING (id), STEAD_STRING (severity)),
                     &error), >=, 0);
  g_assert_no_error (error);
  g_assert_true (stead_transaction_commit (txn, &error));
}

/* Pixels of @texture in column @x, rows @y0 to @y1, within 40 of @rgb
 * (0-255) in each channel. */
static guint
count_colour (const guchar *pixels,
              int           stride,
              int           x,
              int           y0,
              int           y1,
              const int     rgb[3])
{
  guint n = 0;

  for (int y = y0; y < y1; y++)
    {
      const guchar *p = pixels + (gsize) y * stride + x * 4;  /* B G R A */

      n += abs (p[2] - rgb[0]) < 40 && abs (p[1] - rgb[1]) < 40 && abs (p[0] - rgb[2]) < 40;
    }
  return n;
}

/* Each CAP severity is outlined in its own colour (Extreme dark red,
 * Severe red-orange, Moderate amber, Minor yellow) and dash; a hazard
 * zone without a warning stays blue; the warnings switch off alone. */
static void
test_cap_severity_colours (void)
{
  /* The palette, as 0-255 RGB. */
  static const struct { const char *severity; int rgb[3]; } expect[] = {
    { "Extreme", { 128, 0, 13 } },
    { "Severe", { 227, 74, 26 } },
    { "Moderate", { 245, 163, 0 } },
    { "Minor", { 242, 219, 26 } },
  };
  g_autofree char *dir = g_dir_make_tmp ("stead-basemap-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cap.gpkg", NULL);
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  guint on[G_N_ELEMENTS (expect)];
  SteadMapView *view;
  ShumateViewport *viewport;
  GtkWidget *window;

  ws = stead_workspace_create (path, "Capshire", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    add_warning (ws, expect[i].severity, -2.40 + 0.08 * i);

  window = map_window_new (ws, 1000, 700, &view);
  viewport = stead_map_view_get_viewport (view);
  shumate_viewport_set_zoom_level (viewport, 11);
  shumate_map_center_on (stead_map_view_get_map (view), 51.94, -2.26);
  stead_test_iterate (300);

  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr(GdkTexture) texture = stead_test_render (GTK_WIDGET (view));
      int width = gdk_texture_get_width (texture);
      int height = gdk_texture_get_height (texture);
      g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);

      gdk_texture_download (texture, pixels, width * 4);
      for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
        {
          double x, y0, y1;

          /* The west edge of the warning's square. */
          shumate_viewport_location_to_widget_coords (
            viewport, GTK_WIDGET (stead_map_view_get_map (view)), 51.975, -2.40 + 0.08 * i, &x,
            &y0);
          shumate_viewport_location_to_widget_coords (
            viewport, GTK_WIDGET (stead_map_view_get_map (view)), 51.905, -2.40 + 0.08 * i, &x,
            &y1);
          for (guint j = 0; j < G_N_ELEMENTS (expect); j++)
            {
              guint n = count_colour (pixels, width * 4, (int) round (x), (int) y0, (int) y1,
                                      expect[j].rgb);

              g_test_message ("%s edge: %u px of %s", expect[i].severity, n, expect[j].severity);
              if (pass == 1)
                g_assert_cmpuint (n, ==, 0);     /* switched off */
              else if (i == j)
                {
                  g_assert_cmpuint (n, >, 10);
                  on[i] = n;
                }
              else
                g_assert_cmpuint (n, <, 3);
            }
        }
      if (pass == 0)
        {
          /* Solid, long dashes, short dashes, dots: less ink each. */
          for (guint i = 1; i < G_N_ELEMENTS (expect); i++)
            g_assert_cmpuint (on[i], <, on[i - 1]);
          g_object_set (stead_map_view_get_area_layer (view), "show-warnings", FALSE, NULL);
          stead_test_iterate (100);
        }
    }

  gtk_window_destroy (GTK_WINDOW (window));
  stead_workspace_close (ws);
  stead_test_rm_rf (dir);
}

/* On a narrow map the licences are behind a Credits button, whole; on a
 * wide one they are on the map and the button is gone. */
static void
test_narrow_map_credits_behind_button (void)
{
  SteadMapView *view;
  GtkWidget *window = map_window_new (NULL, 700, 600, &view);
  GtkWidget *credits = stead_test_find_by_name (GTK_WIDGET (view), "map-credits");
  GtkWidget *popover;

  g_assert_true (GTK_IS_MENU_BUTTON (credits));
  g_assert_true (gtk_widget_is_drawable (credits));
  g_assert_false (shows_text (GTK_WIDGET (view), "Offline background: Stead"));

  gtk_menu_button_popup (GTK_MENU_BUTTON (credits));
  stead_test_iterate (200);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (credits)));
  g_assert_true (shows_text (popover, "Offline background: Stead"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (credits));
  stead_test_iterate (100);

  /* Wider: on the map again, whole. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  stead_test_iterate (300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view)), >=, 1000);
  g_assert_false (gtk_widget_get_visible (credits));
  g_assert_true (shows_text (GTK_WIDGET (view), "Offline background: Stead"));
  g_assert_false (shows_text (popover, "Offline background: Stead"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/basemap/offline-toggles-label-attribution-and-base-map",
                   test_offline_toggles_label_attribution_and_base_map);
  g_test_add_func ("/ui/basemap/unreachable-tile-server-is-offline",
                   test_unreachable_tile_server_is_offline);
  g_test_add_func ("/ui/basemap/new-workspace-shows-uk-and-empty-state",
                   test_new_workspace_shows_uk_and_empty_state);
  g_test_add_func ("/ui/basemap/area-labels-do-not-overlap", test_area_labels_do_not_overlap);
  g_test_add_func ("/ui/basemap/narrow-map-credits-behind-button",
                   test_narrow_map_credits_behind_button);
  g_test_add_func ("/ui/basemap/cap-severity-colours", test_cap_severity_colours);

  return g_test_run ();
}
