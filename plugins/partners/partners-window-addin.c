/* partners-window-addin.c: the Partners page in a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "partners"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "partners-page.h"
#include "partners-private.h"

#define PARTNERS_TYPE_WINDOW_ADDIN (partners_window_addin_get_type ())
G_DECLARE_FINAL_TYPE (PartnersWindowAddin, partners_window_addin, PARTNERS, WINDOW_ADDIN, GObject)

struct _PartnersWindowAddin
{
  GObject parent_instance;
};

/* The partners' sites on the map: a marker each, named on hover. A few
 * dozen, so widgets are fine here (needs and resources, by the million,
 * are drawn by the core's point layers). */
static void
fill_sites (ShumateMarkerLayer *layer,
            SteadWorkspace     *workspace)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  shumate_marker_layer_remove_all (layer);
  stmt = stead_workspace_prepare (workspace,
                                  "SELECT s.geom, o.name || ': ' || s.name || coalesce (' (' || s.what || ')', ''), "
                                  "  o.tier = 'instrumental' "
                                  "FROM partners_site s JOIN partners_organisation o ON o.id = s.organisation "
                                  "WHERE s.geom IS NOT NULL", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      ShumateMarker *marker;
      GtkWidget *image;
      double x, y;

      if (!stead_gpkg_blob_get_point (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), &x, &y))
        continue;
      marker = shumate_marker_new ();
      image = gtk_image_new_from_icon_name ("system-users-symbolic");
      gtk_widget_add_css_class (image, sqlite3_column_int (stmt, 2) ? "accent" : "dim-label");
      gtk_widget_set_tooltip_text (image, (const char *) sqlite3_column_text (stmt, 1));
      shumate_marker_set_child (marker, image);
      shumate_location_set_location (SHUMATE_LOCATION (marker), y, x);
      shumate_marker_layer_add_marker (layer, marker);
    }
}

static void
on_changed (ShumateMarkerLayer *layer,
            const char * const *tables,
            SteadWorkspace     *workspace)
{
  for (guint i = 0; tables[i] != NULL; i++)
    if (g_str_equal (tables[i], "partners_site") || g_str_equal (tables[i], "partners_organisation"))
      {
        fill_sites (layer, workspace);
        return;
      }
}

/* "Open Record" on a resource the partners publish (owner_ref is the
 * site): the Partners page, with the site's organisation selected. */
static void
show_record (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  SteadWindow *window = user_data;
  SteadWorkspace *workspace = stead_window_get_workspace (window);
  GtkWidget *page = stead_window_get_page (window, "partners.directory");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 organisation;

  if (workspace == NULL || page == NULL)
    return;
  stmt = stead_workspace_prepare (workspace, "SELECT organisation FROM partners_site WHERE fid = ?", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, g_variant_get_int64 (parameter));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      stead_window_show_toast (window, adw_toast_new (_("That site is no longer in the partner directory")));
      return;
    }
  organisation = sqlite3_column_int64 (stmt, 0);

  stead_window_show_page (window, "partners.directory");
  if (!partners_page_select (PARTNERS_PAGE (page), organisation))
    {
      partners_page_show_all (PARTNERS_PAGE (page));
      partners_page_select (PARTNERS_PAGE (page), organisation);
    }
}

static void
load (SteadWindowAddin *addin,
      SteadWindow      *window)
{
  static const GActionEntry actions[] = {
    { "show-record", show_record, "x" },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  SteadWorkspace *workspace = stead_window_get_workspace (window);
  SteadMapView *map;
  ShumateMarkerLayer *layer;

  if (workspace == NULL)
    return;
  stead_window_add_page (window, "partners.directory", _("Partners"), "system-users-symbolic",
                         partners_page_new (workspace));
  g_action_map_add_action_entries (G_ACTION_MAP (group), actions, G_N_ELEMENTS (actions), window);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "partners", G_ACTION_GROUP (group));

  map = stead_window_get_map_view (window);
  layer = shumate_marker_layer_new (stead_map_view_get_viewport (map));
  fill_sites (layer, workspace);
  g_signal_connect_object (workspace, "changed", G_CALLBACK (on_changed), layer, G_CONNECT_SWAPPED);
  stead_map_view_add_named_layer (map, SHUMATE_LAYER (layer), _("Partner sites"));
  g_object_set_data_full (G_OBJECT (window), "partners-sites-layer", g_object_ref (layer), g_object_unref);
}

static void
unload (SteadWindowAddin *addin,
        SteadWindow      *window)
{
  ShumateLayer *layer = g_object_get_data (G_OBJECT (window), "partners-sites-layer");

  stead_window_remove_page (window, "partners.directory");
  gtk_widget_insert_action_group (GTK_WIDGET (window), "partners", NULL);
  if (layer != NULL)
    {
      SteadWorkspace *workspace = stead_window_get_workspace (window);

      if (workspace != NULL)
        g_signal_handlers_disconnect_by_data (workspace, layer);
      stead_map_view_remove_layer (stead_window_get_map_view (window), layer);
      g_object_set_data (G_OBJECT (window), "partners-sites-layer", NULL);
    }
}

static void
window_addin_iface_init (SteadWindowAddinInterface *iface)
{
  iface->load = load;
  iface->unload = unload;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PartnersWindowAddin, partners_window_addin, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEAD_TYPE_WINDOW_ADDIN, window_addin_iface_init))

static void
partners_window_addin_class_init (PartnersWindowAddinClass *klass)
{
}

static void
partners_window_addin_init (PartnersWindowAddin *self)
{
}
