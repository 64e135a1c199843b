/* stead-table-window-addin.c: a window addin described by a table
 *
 * The one SteadWindowAddin type behind every SteadWindowAddinInfo: it adds
 * the plugin's page, actions, map layer and what it offers for a drawn
 * area when a workspace opens, and takes them away when it closes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-window-addin"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "stead-map-view-private.h"
#include "stead-page.h"
#include "stead-window.h"
#include "stead-window-addin.h"

#define STEAD_TYPE_TABLE_WINDOW_ADDIN (stead_table_window_addin_get_type ())
G_DECLARE_FINAL_TYPE (
  SteadTableWindowAddin, stead_table_window_addin, STEAD, TABLE_WINDOW_ADDIN, GObject)

struct _SteadTableWindowAddin
{
  GObject                     parent_instance;
  const SteadWindowAddinInfo *info;
  SteadWindow                *window;   /* borrowed between load and unload */
  GtkWidget                  *page;
  ShumateLayer               *layer;
  GPtrArray                  *layers;  /* more, of ShumateLayer, from the load hook */
  GPtrArray                  *held;    /* objects the load hook keeps till unload */
  GStrv                       area_columns; /* translated */
};

/* The plugin's rows for an area row the user chose. */
static GPtrArray *
stead_table_window_addin_describe_area (SteadWorkspace *workspace,
                                        gint64          area,
                                        gpointer        user_data)
{
  SteadTableWindowAddin *self = user_data;

  return self->info->describe_area (STEAD_WINDOW_ADDIN (self), workspace, area);
}

static void
stead_table_window_addin_show_kind (SteadTableWindowAddin *self,
                                    const char            *kind,
                                    gint64                 id)
{
  GtkWidget *page = self->info->page_type != NULL
                      ? stead_window_get_page (self->window, self->info->page_name) : NULL;

  if (page == NULL || !stead_page_show (STEAD_PAGE (page), kind, id))
    return;
  stead_window_show_page (self->window, self->info->page_name);
}

static void
stead_table_window_addin_show (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  const char *kind;
  gint64 id;

  g_variant_get (parameter, "(&sx)", &kind, &id);
  stead_table_window_addin_show_kind (user_data, kind, id);
}

static void
stead_table_window_addin_show_record (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  SteadTableWindowAddin *self = user_data;
  SteadWorkspace *workspace = stead_window_get_workspace (self->window);
  const char *kind = NULL;
  gint64 id = 0;

  if (workspace == NULL || self->info->find_published == NULL ||
      !self->info->find_published (workspace, g_variant_get_int64 (parameter), &kind, &id))
    {
      stead_window_show_toast (self->window, adw_toast_new (_("That record is no longer there")));
      return;
    }
  stead_table_window_addin_show_kind (self, kind, id);
}

/* The page, made the first time it is shown or asked for. */
static GtkWidget *
stead_table_window_addin_build_page (gpointer user_data)
{
  SteadTableWindowAddin *self = user_data;

  if (self->page == NULL)
    self->page = g_object_ref_sink (g_object_new (self->info->page_type (), "workspace",
                                                  stead_window_get_workspace (self->window),
                                                  NULL));
  return self->page;
}

static void
stead_table_window_addin_load (SteadWindowAddin *addin,
                               SteadWindow      *window)
{
  SteadTableWindowAddin *self = STEAD_TABLE_WINDOW_ADDIN (addin);
  const SteadWindowAddinInfo *info = self->info;
  static const GActionEntry actions[] = {
    { "show", stead_table_window_addin_show, "(sx)" },
    { "show-record", stead_table_window_addin_show_record, "x" },
  };
  SteadWorkspace *workspace = stead_window_get_workspace (window);
  const char *domain = info->domain != NULL ? info->domain : GETTEXT_PACKAGE;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  if (workspace == NULL)
    return;
  self->window = window;
  if (info->page_type != NULL)
    stead_window_add_page_func (window, info->page_name, g_dgettext (domain, info->title),
                                info->icon_name, stead_table_window_addin_build_page, self, NULL);
  g_action_map_add_action_entries (G_ACTION_MAP (group), actions, G_N_ELEMENTS (actions), self);
  if (info->actions != NULL)
    g_action_map_add_action_entries (G_ACTION_MAP (group), info->actions, info->n_actions, self);
  gtk_widget_insert_action_group (GTK_WIDGET (window), info->module, G_ACTION_GROUP (group));
  for (gsize i = 0; i < info->n_area_actions; i++)
    stead_map_view_add_area_action (stead_window_get_map_view (window),
                                    g_dgettext (domain, info->area_actions[i].label),
                                    info->area_actions[i].action);
  if (info->create_layer != NULL)
    {
      SteadMapView *map = stead_window_get_map_view (window);

      self->layer =
        g_object_ref_sink (info->create_layer (workspace, stead_map_view_get_viewport (map)));
      stead_map_view_add_named_layer (map, self->layer, g_dgettext (domain, info->layer_title));
    }
  if (info->describe_area != NULL)
    {
      g_autoptr(GStrvBuilder) columns = g_strv_builder_new ();

      for (guint i = 0; info->area_columns != NULL && info->area_columns[i] != NULL; i++)
        g_strv_builder_add (columns, g_dgettext (domain, info->area_columns[i]));
      g_strfreev (self->area_columns);
      self->area_columns = g_strv_builder_end (columns);
      stead_map_view_add_area_rows (stead_window_get_map_view (window),
                                    info->area_heading != NULL
                                      ? g_dgettext (domain, info->area_heading)
                                      : g_dgettext (domain, info->title),
                                    (const char * const *) self->area_columns,
                                    stead_table_window_addin_describe_area, self);
    }
  if (info->load != NULL)
    info->load (addin, window);
}

static void
stead_table_window_addin_unload (SteadWindowAddin *addin,
                                 SteadWindow      *window)
{
  SteadTableWindowAddin *self = STEAD_TABLE_WINDOW_ADDIN (addin);
  SteadMapView *map = stead_window_get_map_view (window);

  if (self->window == NULL)
    return;
  g_signal_handlers_disconnect_by_data (window, self);
  g_signal_handlers_disconnect_by_data (map, self);
  if (self->info->page_type != NULL)
    stead_window_remove_page (window, self->info->page_name);
  gtk_widget_insert_action_group (GTK_WIDGET (window), self->info->module, NULL);
  for (gsize i = 0; i < self->info->n_area_actions; i++)
    stead_map_view_remove_area_action (map, self->info->area_actions[i].action);
  stead_map_view_remove_area_rows (map, self);
  if (self->layer != NULL)
    stead_map_view_remove_layer (map, self->layer);
  g_clear_object (&self->layer);
  for (guint i = 0; i < self->layers->len; i++)
    stead_map_view_remove_layer (map, g_ptr_array_index (self->layers, i));
  g_ptr_array_set_size (self->layers, 0);
  g_ptr_array_set_size (self->held, 0);
  g_clear_object (&self->page);
  self->window = NULL;
}

static void
stead_table_window_addin_iface_init (SteadWindowAddinInterface *iface)
{
  iface->load = stead_table_window_addin_load;
  iface->unload = stead_table_window_addin_unload;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (SteadTableWindowAddin,
                               stead_table_window_addin,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEAD_TYPE_WINDOW_ADDIN,
                                                      stead_table_window_addin_iface_init))

static void
stead_table_window_addin_dispose (GObject *object)
{
  SteadTableWindowAddin *self = STEAD_TABLE_WINDOW_ADDIN (object);

  g_clear_object (&self->layer);
  g_clear_object (&self->page);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_clear_pointer (&self->held, g_ptr_array_unref);
  g_clear_pointer (&self->area_columns, g_strfreev);
  G_OBJECT_CLASS (stead_table_window_addin_parent_class)->dispose (object);
}

static void
stead_table_window_addin_class_init (SteadTableWindowAddinClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = stead_table_window_addin_dispose;
}

static void
stead_table_window_addin_init (SteadTableWindowAddin *self)
{
  self->layers = g_ptr_array_new_with_free_func (g_object_unref);
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
}

/* libpeas' factory type still names the deprecated GParameter. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static GObject *
stead_table_window_addin_new (guint       n_parameters,
                              GParameter *parameters,
                              gpointer    user_data)
{
  SteadTableWindowAddin *self = g_object_new (STEAD_TYPE_TABLE_WINDOW_ADDIN, NULL);

  self->info = user_data;
  return G_OBJECT (self);
}
G_GNUC_END_IGNORE_DEPRECATIONS

/**
 * stead_window_addin_register:
 * @module: the plugin's window module, in its peas_register_types()
 * @info: (not nullable): a static description of the addin
 */
void
stead_window_addin_register (PeasObjectModule           *module,
                             const SteadWindowAddinInfo *info)
{
  g_return_if_fail (PEAS_IS_OBJECT_MODULE (module));
  g_return_if_fail (info != NULL && info->module != NULL);
  g_return_if_fail (info->page_type == NULL || (info->page_name != NULL && info->title != NULL));
  g_return_if_fail (info->create_layer == NULL || info->layer_title != NULL);

  peas_object_module_register_extension_factory (
    module, STEAD_TYPE_WINDOW_ADDIN, stead_table_window_addin_new, (gpointer) info, NULL);
}

/**
 * stead_window_addin_get_window:
 * @self: a window addin registered with stead_window_addin_register()
 *
 * Returns: (transfer none) (nullable): its window, while a workspace is open
 */
SteadWindow *
stead_window_addin_get_window (SteadWindowAddin *self)
{
  g_return_val_if_fail (STEAD_IS_TABLE_WINDOW_ADDIN (self), NULL);

  return STEAD_TABLE_WINDOW_ADDIN (self)->window;
}

/**
 * stead_window_addin_get_page:
 * @self: a window addin registered with stead_window_addin_register()
 *
 * Returns: (transfer none) (nullable): its page, while a workspace is open
 */
GtkWidget *
stead_window_addin_get_page (SteadWindowAddin *self)
{
  SteadTableWindowAddin *addin = (SteadTableWindowAddin *) self;

  g_return_val_if_fail (STEAD_IS_TABLE_WINDOW_ADDIN (self), NULL);

  /* Made now if it was not yet shown. */
  if (addin->window == NULL || addin->info->page_type == NULL)
    return NULL;
  return stead_window_get_page (addin->window, addin->info->page_name);
}

/**
 * stead_window_addin_add_layer:
 * @self: a window addin registered with stead_window_addin_register()
 * @layer: a layer over the map's viewport
 * @title: its switch's title in the layer list, translated
 *
 * For the addin's load hook: another map layer, removed at unload.
 */
void
stead_window_addin_add_layer (SteadWindowAddin *self,
                              ShumateLayer     *layer,
                              const char       *title)
{
  SteadTableWindowAddin *table;

  g_return_if_fail (STEAD_IS_TABLE_WINDOW_ADDIN (self));
  g_return_if_fail (SHUMATE_IS_LAYER (layer));
  table = STEAD_TABLE_WINDOW_ADDIN (self);
  g_return_if_fail (table->window != NULL);

  g_ptr_array_add (table->layers, g_object_ref_sink (layer));
  stead_map_view_add_named_layer (stead_window_get_map_view (table->window), layer, title);
}

/**
 * stead_window_addin_hold:
 * @self: a window addin registered with stead_window_addin_register()
 * @object: (type GObject): what keeps the addin's layers up to date
 *
 * For the addin's load hook: keeps a reference to @object until the
 * workspace closes.
 */
void
stead_window_addin_hold (SteadWindowAddin *self,
                         gpointer          object)
{
  g_return_if_fail (STEAD_IS_TABLE_WINDOW_ADDIN (self));
  g_return_if_fail (G_IS_OBJECT (object));

  g_ptr_array_add (STEAD_TABLE_WINDOW_ADDIN (self)->held, g_object_ref (object));
}
