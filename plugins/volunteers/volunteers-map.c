/* volunteers-map.c: the volunteers' map layer
 *
 * Volunteers' homes are personal data. The layer shows active volunteers
 * counted by postcode sector, at the sector's middle, unless the map is
 * zoomed past the workspace's privacy zoom (volunteers_setting
 * 'privacy-zoom') and personal data may be shown: then each volunteer's
 * home, never named. Open requests, offers and donations held are drawn
 * by the core, as the needs and resources the plugin publishes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "volunteers"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stead-gtk.h>

#include "volunteers.h"
#include "volunteers-map.h"

struct _VolunteersMap
{
  GObject          parent_instance;
  SteadWorkspace  *workspace;
  ShumateViewport *viewport;
  GListStore      *shown;      /* the one model drawn: sectors or homes */
  SteadQueryModel *sectors;
  SteadQueryModel *homes;      /* made when first allowed */
  gboolean         show_personal;
};

G_DEFINE_FINAL_TYPE (VolunteersMap, volunteers_map, G_TYPE_OBJECT)

static void
volunteers_map_dispose (GObject *object)
{
  VolunteersMap *self = VOLUNTEERS_MAP (object);

  g_clear_object (&self->shown);
  g_clear_object (&self->sectors);
  g_clear_object (&self->homes);
  g_clear_object (&self->viewport);
  g_clear_object (&self->workspace);
  G_OBJECT_CLASS (volunteers_map_parent_class)->dispose (object);
}

static void
volunteers_map_class_init (VolunteersMapClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = volunteers_map_dispose;
}

static void
volunteers_map_init (VolunteersMap *self)
{
}

gboolean
volunteers_map_homes_allowed (SteadWorkspace *workspace,
                              double          zoom,
                              gboolean        show_personal)
{
  return show_personal && workspace != NULL && !stead_workspace_is_closed (workspace) &&
         zoom >= (double) volunteers_setting_get (workspace, "privacy-zoom");
}

/* Sectors or homes, whichever the zoom and the setting allow now. */
static void
volunteers_map_update (VolunteersMap *self)
{
  gboolean homes = volunteers_map_homes_allowed (self->workspace,
                                                 shumate_viewport_get_zoom_level (self->viewport),
                                                 self->show_personal);
  GListModel *want;
  g_autoptr(GListModel) now = g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0
                                ? g_list_model_get_item (G_LIST_MODEL (self->shown), 0)
                                : NULL;

  if (homes && self->homes == NULL)
    self->homes = volunteers_register_new (self->workspace);
  want = homes ? G_LIST_MODEL (self->homes) : G_LIST_MODEL (self->sectors);
  if (now == want)
    return;
  g_list_store_splice (self->shown, 0, now != NULL ? 1 : 0, (gpointer *) &want, 1);
}

static void
volunteers_map_on_show_personal (GObject    *panel,
                                 GParamSpec *pspec,
                                 gpointer    user_data)
{
  VolunteersMap *self = user_data;
  gboolean show = FALSE;

  g_object_get (panel, "show-personal", &show, NULL);
  self->show_personal = show;
  volunteers_map_update (self);
}

static void
volunteers_map_legend_add (GtkBox     *box,
                           const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (box, label);
}

static GtkWidget *
volunteers_map_legend (ShumateLayer *layer,
                       gpointer      user_data)
{
  VolunteersMap *self = user_data;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *text = g_strdup_printf (
    _("Active volunteers counted by postcode sector, at its middle; each home only past zoom "
      "%" G_GINT64_FORMAT " and where personal data may be shown."),
    volunteers_setting_get (self->workspace, "privacy-zoom"));

  volunteers_map_legend_add (GTK_BOX (box), text);
  volunteers_map_legend_add (GTK_BOX (box), _("Requests for help, offers and donations held are "
                                              "on the map as needs and resources."));
  return box;
}

void
volunteers_map_load (SteadWindowAddin *addin,
                     SteadWindow      *window)
{
  SteadMapView *map = stead_window_get_map_view (window);
  ShumateViewport *viewport = stead_map_view_get_viewport (map);
  GObject *panel = G_OBJECT (stead_map_view_get_area_panel (map));
  g_autoptr(VolunteersMap) self = g_object_new (VOLUNTEERS_TYPE_MAP, NULL);
  g_autoptr(GtkFlattenListModel) flat = NULL;
  SteadMarkerLayer *layer;

  self->workspace = g_object_ref (stead_window_get_workspace (window));
  self->viewport = g_object_ref (viewport);
  self->sectors = volunteers_sectors_new (self->workspace);
  self->shown = g_list_store_new (G_TYPE_LIST_MODEL);
  flat = gtk_flatten_list_model_new (G_LIST_MODEL (g_object_ref (self->shown)));
  layer = stead_marker_layer_new (viewport, G_LIST_MODEL (flat), "avatar-default-symbolic",
                                  NULL);
  /* No name field: a sector's count, or a home, is never named. */
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (volunteers_map_update),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (panel, "notify::show-personal",
                           G_CALLBACK (volunteers_map_on_show_personal), self, 0);
  volunteers_map_on_show_personal (panel, NULL, self);
  stead_window_addin_add_layer (addin, SHUMATE_LAYER (layer), _("Volunteers"));
  stead_map_view_set_layer_legend (map, SHUMATE_LAYER (layer), volunteers_map_legend,
                                   g_object_ref (self), g_object_unref);
  stead_window_addin_hold (addin, self);
}
