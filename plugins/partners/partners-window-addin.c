/* partners-window-addin.c: the Partners page, the partner sites on the map
 * and "Open Record" for partners' records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "partners"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "partners.h"
#include "partners-page.h"
#include "partners-window-addin.h"

struct _PartnersWindowAddin
{
  GObject           parent_instance;

  SteadWindow      *window;     /* borrowed between load and unload */
  GtkWidget        *page;
  SteadQueryModel  *places;
  SteadMarkerLayer *layer;
};

static void partners_window_addin_iface_init (SteadWindowAddinInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PartnersWindowAddin, partners_window_addin, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEAD_TYPE_WINDOW_ADDIN, partners_window_addin_iface_init))

static void
partners_window_addin_show (PartnersWindowAddin *self,
                            gint64               organisation)
{
  stead_window_show_page (self->window, "partners.directory");
  partners_page_show_organisation (PARTNERS_PAGE (self->page), organisation);
}

/* "Open Record" on a resource the partners publish (owner_ref is the
 * site): the Partners page, with the site's organisation selected. */
static void
partners_window_addin_show_record (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  PartnersWindowAddin *self = user_data;
  SteadWorkspace *workspace = stead_window_get_workspace (self->window);
  gint64 organisation = workspace != NULL ? partners_site_organisation (workspace, g_variant_get_int64 (parameter)) : 0;

  if (organisation == 0)
    {
      stead_window_show_toast (self->window, adw_toast_new (_("That site is no longer in the partner directory")));
      return;
    }
  partners_window_addin_show (self, organisation);
}

/* A search result or another plugin's link: (kind, id). */
static void
partners_window_addin_show_kind (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  const char *kind;
  gint64 id;

  g_variant_get (parameter, "(&sx)", &kind, &id);
  if (g_str_equal (kind, "organisation"))
    partners_window_addin_show (user_data, id);
}

static void
partners_window_addin_load (SteadWindowAddin *addin,
                            SteadWindow      *window)
{
  PartnersWindowAddin *self = PARTNERS_WINDOW_ADDIN (addin);
  static const GActionEntry actions[] = {
    { "show-record", partners_window_addin_show_record, "x" },
    { "show", partners_window_addin_show_kind, "(sx)" },
  };
  SteadWorkspace *workspace = stead_window_get_workspace (window);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  SteadMapView *map;

  if (workspace == NULL)
    return;
  self->window = window;
  self->page = g_object_ref_sink (partners_page_new (workspace));
  stead_window_add_page (window, "partners.directory", _("Partners"), "system-users-symbolic", self->page);
  g_action_map_add_action_entries (G_ACTION_MAP (group), actions, G_N_ELEMENTS (actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "partners", G_ACTION_GROUP (group));

  map = stead_window_get_map_view (window);
  self->places = partners_places_new (workspace);
  self->layer = g_object_ref_sink (stead_marker_layer_new (stead_map_view_get_viewport (map), G_LIST_MODEL (self->places),
                                                           "system-users-symbolic", "instrumental"));
  stead_map_view_add_named_layer (map, SHUMATE_LAYER (self->layer), _("Partner sites"));
}

static void
partners_window_addin_unload (SteadWindowAddin *addin,
                              SteadWindow      *window)
{
  PartnersWindowAddin *self = PARTNERS_WINDOW_ADDIN (addin);

  if (self->page == NULL)
    return;
  stead_window_remove_page (window, "partners.directory");
  gtk_widget_insert_action_group (GTK_WIDGET (window), "partners", NULL);
  stead_map_view_remove_layer (stead_window_get_map_view (window), SHUMATE_LAYER (self->layer));
  g_clear_object (&self->layer);
  g_clear_object (&self->places);
  g_clear_object (&self->page);
  self->window = NULL;
}

static void
partners_window_addin_iface_init (SteadWindowAddinInterface *iface)
{
  iface->load = partners_window_addin_load;
  iface->unload = partners_window_addin_unload;
}

static void
partners_window_addin_dispose (GObject *object)
{
  PartnersWindowAddin *self = PARTNERS_WINDOW_ADDIN (object);

  g_clear_object (&self->layer);
  g_clear_object (&self->places);
  g_clear_object (&self->page);
  G_OBJECT_CLASS (partners_window_addin_parent_class)->dispose (object);
}

static void
partners_window_addin_class_init (PartnersWindowAddinClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = partners_window_addin_dispose;
}

static void
partners_window_addin_init (PartnersWindowAddin *self)
{
}
