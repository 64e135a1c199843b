/* stead-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-window"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "stead-application.h"
#include "stead-entry-row.h"
#include "stead-import-dialog-private.h"
#include "stead-map-view.h"
#include "stead-needs-page.h"
#include "stead-resources-page.h"
#include "stead-search-popover-private.h"
#include "stead-tile-key-private.h"
#include "stead-window.h"
#include "stead-window-private.h"

#define MAP_PAGE_ID "map"
#define NEEDS_PAGE_ID "core.needs"
#define RESOURCES_PAGE_ID "core.resources"

/* Below this width the sidebar folds away and the pages take it all. */
#define FOLD_WIDTH 800

typedef struct
{
  char               *id;
  char               *title;
  GtkWidget          *row;
  GtkWidget          *page;     /* NULL until built */
  GtkWidget          *stand_in; /* in the stack until the page is built */
  SteadWindowPageFunc build;
  gpointer            build_data;
  GDestroyNotify      build_notify;
  guint               seq;      /* the order a plugin added its pages in */
} Page;

struct _SteadWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkWidget            *undo_box;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkWidget            *search_button;
  SteadSearchPopover   *search_popover;
  GtkStack             *main_stack;
  GtkRevealer          *read_only_revealer;
  GtkLabel             *read_only_label;
  GtkListBox           *recent_list;
  GtkWidget            *recent_label;
  GtkListBox           *sidebar;
  GtkStack             *page_stack;
  AdwFlap              *flap;
  GtkWidget            *sidebar_button;

  SteadMapView         *map_view;
  SteadWorkspace       *workspace;
  PeasExtensionSet     *addins;
  GPtrArray            *pages;      /* of Page, in the order added */
  guint                 next_seq;
  GtkFileChooserNative *chooser;
  GtkFileChooserNative *import_chooser;
  gboolean              settings_applied;
  gboolean              restoring_maps;
  GCancellable         *key_lookup;
};

G_DEFINE_FINAL_TYPE (SteadWindow, stead_window, ADW_TYPE_APPLICATION_WINDOW)

static SteadApplication *
stead_window_get_app (SteadWindow *self)
{
  return STEAD_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static SteadPluginEngine *
stead_window_get_engine (SteadWindow *self)
{
  SteadApplication *app = stead_window_get_app (self);

  return app != NULL ? stead_application_get_plugin_engine (app) : NULL;
}

static void
stead_window_page_free (Page *page)
{
  if (page->build_notify != NULL)
    page->build_notify (page->build_data);
  g_free (page->id);
  g_free (page->title);
  g_free (page);
}

static Page *
stead_window_find_page (SteadWindow *self,
                        const char  *id,
                        guint       *index)
{
  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *page = g_ptr_array_index (self->pages, i);

      if (g_str_equal (page->id, id))
        {
          if (index != NULL)
            *index = i;
          return page;
        }
    }
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Pages                                                                     */

static Page *
stead_window_add_entry (SteadWindow *self,
                        const char  *id,
                        const char  *title,
                        const char  *icon_name,
                        GtkWidget   *child)
{
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *label;
  Page *entry;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  if (icon_name != NULL)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_list_box_append (self->sidebar, row);

  gtk_stack_add_titled (self->page_stack, child, id, title);

  entry = g_new0 (Page, 1);
  entry->id = g_strdup (id);
  entry->title = g_strdup (title);
  entry->row = row;
  entry->seq = self->next_seq++;
  g_object_set_data (G_OBJECT (row), "stead-page", entry);
  g_ptr_array_add (self->pages, entry);
  gtk_list_box_invalidate_sort (self->sidebar);
  return entry;
}

/**
 * stead_window_add_page:
 * @self: a #SteadWindow
 * @id: a unique id, namespaced by module name ("partners.directory")
 * @title: the sidebar title
 * @icon_name: (nullable): the sidebar icon
 * @page: the page
 *
 * Adds a page to the sidebar of an open workspace. Window addins call
 * this in load and stead_window_remove_page() in unload. A page that
 * need not exist before it is shown is better added with
 * stead_window_add_page_func().
 */
void
stead_window_add_page (SteadWindow *self,
                       const char  *id,
                       const char  *title,
                       const char  *icon_name,
                       GtkWidget   *page)
{
  g_return_if_fail (STEAD_IS_WINDOW (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (title != NULL);
  g_return_if_fail (GTK_IS_WIDGET (page));

  if (stead_window_find_page (self, id, NULL) != NULL)
    {
      g_warning ("A page “%s” is already in the window", id);
      return;
    }
  stead_window_add_entry (self, id, title, icon_name, page)->page = page;
}

/**
 * stead_window_add_page_func:
 * @self: a #SteadWindow
 * @id: a unique id, namespaced by module name ("partners.directory")
 * @title: the sidebar title
 * @icon_name: (nullable): the sidebar icon
 * @build: (scope notified): makes the page, the first time it is wanted
 * @user_data: for @build
 * @notify: frees @user_data, when the page is removed
 *
 * As stead_window_add_page(), but the page is only made when it is first
 * shown or asked for (stead_window_get_page()): the window's first frame
 * does not wait for pages nobody has looked at yet.
 */
void
stead_window_add_page_func (SteadWindow         *self,
                            const char          *id,
                            const char          *title,
                            const char          *icon_name,
                            SteadWindowPageFunc  build,
                            gpointer             user_data,
                            GDestroyNotify       notify)
{
  GtkWidget *stand_in;
  Page *entry;

  g_return_if_fail (STEAD_IS_WINDOW (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (title != NULL);
  g_return_if_fail (build != NULL);

  if (stead_window_find_page (self, id, NULL) != NULL)
    {
      g_warning ("A page “%s” is already in the window", id);
      if (notify != NULL)
        notify (user_data);
      return;
    }
  stand_in = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  entry = stead_window_add_entry (self, id, title, icon_name, stand_in);
  entry->stand_in = stand_in;
  entry->build = build;
  entry->build_data = user_data;
  entry->build_notify = notify;
}

/* Makes a page added with stead_window_add_page_func(), if not yet made,
 * in its stand-in's place. */
static GtkWidget *
stead_window_build_page (SteadWindow *self,
                         Page        *page)
{
  GtkWidget *built;

  if (page->page != NULL || page->build == NULL)
    return page->page;
  built = page->build (page->build_data);
  g_return_val_if_fail (GTK_IS_WIDGET (built), NULL);
  page->page = built;
  gtk_stack_remove (self->page_stack, page->stand_in);
  page->stand_in = NULL;
  gtk_stack_add_titled (self->page_stack, built, page->id, page->title);
  return built;
}

/* "partners" for "partners.directory" */
static char *
stead_window_page_module (const Page *page)
{
  const char *dot = strchr (page->id, '.');

  return g_strndup (page->id, dot != NULL ? (gsize) (dot - page->id) : strlen (page->id));
}

/* Where a page's plugin comes among all the plugins (Map first): the same
 * whichever was switched on last, so the sidebar keeps its order. */
static guint
stead_window_page_rank (SteadWindow *self,
                        const Page  *page)
{
  SteadPluginEngine *engine = stead_window_get_engine (self);
  g_autofree char *module = stead_window_page_module (page);
  guint rank = 1;

  /* The core's own pages (the map, needs, resources) first, as added. */
  if (g_str_equal (page->id, MAP_PAGE_ID) || g_str_has_prefix (page->id, "core."))
    return 0;
  if (engine == NULL)
    return G_MAXUINT;
  for (const GList *l = peas_engine_get_plugin_list (stead_plugin_engine_get_peas (engine));
       l != NULL; l = l->next, rank++)
    if (g_str_equal (peas_plugin_info_get_module_name (l->data), module))
      return rank;
  return G_MAXUINT;
}

static int
stead_window_sort_sidebar (GtkListBoxRow *a,
                           GtkListBoxRow *b,
                           gpointer       user_data)
{
  SteadWindow *self = user_data;
  const Page *pa = g_object_get_data (G_OBJECT (a), "stead-page");
  const Page *pb = g_object_get_data (G_OBJECT (b), "stead-page");
  guint ra, rb;

  if (pa == NULL || pb == NULL)
    return 0;
  ra = stead_window_page_rank (self, pa);
  rb = stead_window_page_rank (self, pb);
  if (ra != rb)
    return ra < rb ? -1 : 1;
  /* Plugins the engine does not know, by their module's name. */
  if (ra == G_MAXUINT)
    {
      g_autofree char *ma = stead_window_page_module (pa);
      g_autofree char *mb = stead_window_page_module (pb);
      int by_module = g_strcmp0 (ma, mb);

      if (by_module != 0)
        return by_module;
    }
  /* A plugin's own pages in the order it added them. */
  return pa->seq < pb->seq ? -1 : pa->seq > pb->seq;
}

void
stead_window_remove_page (SteadWindow *self,
                          const char  *id)
{
  Page *page;
  guint index;

  g_return_if_fail (STEAD_IS_WINDOW (self));
  g_return_if_fail (id != NULL);

  if (!(page = stead_window_find_page (self, id, &index)))
    return;

  if (page->page != NULL && gtk_stack_get_visible_child (self->page_stack) == page->page &&
      self->pages->len > 1)
    stead_window_show_page (self, MAP_PAGE_ID);

  gtk_list_box_remove (self->sidebar, page->row);
  gtk_stack_remove (self->page_stack, page->page != NULL ? page->page : page->stand_in);
  g_ptr_array_remove_index (self->pages, index);
}

GtkWidget *
stead_window_get_page (SteadWindow *self,
                       const char  *id)
{
  Page *page;

  g_return_val_if_fail (STEAD_IS_WINDOW (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  page = stead_window_find_page (self, id, NULL);
  return page != NULL ? stead_window_build_page (self, page) : NULL;
}

/* Whether the page is made yet (FALSE too if there is none): for tests. */
gboolean
stead_window_is_page_built (SteadWindow *self,
                            const char  *id)
{
  Page *page;

  g_return_val_if_fail (STEAD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  page = stead_window_find_page (self, id, NULL);
  return page != NULL && page->page != NULL;
}

const char *
stead_window_get_page_id (SteadWindow *self)
{
  g_return_val_if_fail (STEAD_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->page_stack);
}

void
stead_window_show_page (SteadWindow *self,
                        const char  *id)
{
  Page *page;

  g_return_if_fail (STEAD_IS_WINDOW (self));
  g_return_if_fail (id != NULL);

  if ((page = stead_window_find_page (self, id, NULL)))
    gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (page->row));
}

static void
stead_window_on_sidebar_row_selected (SteadWindow   *self,
                                      GtkListBoxRow *row)
{
  Page *page;

  if (row == NULL)
    return;
  if ((page = g_object_get_data (G_OBJECT (row), "stead-page")) != NULL)
    stead_window_build_page (self, page);
  gtk_stack_set_visible_child_name (self->page_stack, gtk_widget_get_name (GTK_WIDGET (row)));
  /* Folded, the sidebar covers the page: a page chosen is a page to see. */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

/* Show Pages: where the sidebar is folded away, and there are pages. */
static void
stead_window_update_sidebar_button (SteadWindow *self)
{
  gtk_widget_set_visible (self->sidebar_button,
                          self->workspace != NULL && adw_flap_get_folded (self->flap));
}

/**
 * stead_window_get_sidebar_folded:
 * @self: a #SteadWindow
 *
 * Returns: %TRUE when the window is too narrow for the sidebar beside the
 *   pages, and the Show Pages button brings it over them instead
 */
gboolean
stead_window_get_sidebar_folded (SteadWindow *self)
{
  g_return_val_if_fail (STEAD_IS_WINDOW (self), FALSE);

  return adw_flap_get_folded (self->flap);
}

SteadMapView *
stead_window_get_map_view (SteadWindow *self)
{
  g_return_val_if_fail (STEAD_IS_WINDOW (self), NULL);

  return self->map_view;
}

void
stead_window_show_toast (SteadWindow *self,
                         AdwToast    *toast)
{
  g_return_if_fail (STEAD_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ------------------------------------------------------------------------ */
/* Undo and redo                                                             */

static void
stead_window_update_undo_actions (SteadWindow *self)
{
  gboolean can_undo = self->workspace != NULL && stead_workspace_can_undo (self->workspace);
  gboolean can_redo = self->workspace != NULL && stead_workspace_can_redo (self->workspace);
  g_autofree char *undo_tip = NULL;
  g_autofree char *redo_tip = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", can_redo);

  /* Translators: %s is what the user did, e.g. "Add partner". */
  undo_tip = can_undo
               ? g_strdup_printf (_("Undo “%s”"), stead_workspace_get_undo_label (self->workspace))
               : g_strdup (_("Undo"));
  redo_tip = can_redo
               ? g_strdup_printf (_("Redo “%s”"), stead_workspace_get_redo_label (self->workspace))
               : g_strdup (_("Redo"));
  gtk_widget_set_tooltip_text (self->undo_button, undo_tip);
  gtk_widget_set_tooltip_text (self->redo_button, redo_tip);
}

/* A workspace that cannot be edited says so, and why, above every page;
 * the quick check at opening can make it so a moment after it opened. */
static void
stead_window_update_read_only (SteadWindow *self)
{
  gboolean read_only = self->workspace != NULL && stead_workspace_is_read_only (self->workspace);
  g_autofree char *text = NULL;

  if (read_only)
    {
      const char *reason = stead_workspace_get_read_only_reason (self->workspace);

      /* Translators: %s says why, e.g. "the file cannot be written (Permission denied)". */
      text = reason != NULL ? g_strdup_printf (_("Read-only: %s. Changes are off."), reason)
                            : g_strdup (_("Read-only: changes are off."));
      gtk_label_set_text (self->read_only_label, text);
    }
  gtk_revealer_set_reveal_child (self->read_only_revealer, read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", self->workspace != NULL &&
                                                                  !read_only);
}

static void
stead_window_undo_or_redo (SteadWindow *self,
                           gboolean     undo)
{
  g_autoptr(GError) error = NULL;

  if (self->workspace == NULL)
    return;

  if (!(undo ? stead_workspace_undo (self->workspace, &error)
             : stead_workspace_redo (self->workspace, &error)))
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_timeout (toast, 5);
      stead_window_show_toast (self, toast);
    }
}

static void
stead_window_undo_action (GtkWidget  *widget,
                          const char *action,
                          GVariant   *param)
{
  stead_window_undo_or_redo (STEAD_WINDOW (widget), TRUE);
}

static void
stead_window_redo_action (GtkWidget  *widget,
                          const char *action,
                          GVariant   *param)
{
  stead_window_undo_or_redo (STEAD_WINDOW (widget), FALSE);
}

/* ------------------------------------------------------------------------ */
/* Search                                                                    */

/* The header's search: only with a workspace open. */
static void
stead_window_enable_search (SteadWindow *self,
                            gboolean     enabled)
{
  stead_search_popover_set_workspace (self->search_popover, enabled ? self->workspace : NULL);
  gtk_widget_set_sensitive (self->search_button, enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", enabled);
}

static void
stead_window_search_action (GtkWidget  *widget,
                            const char *action,
                            GVariant   *param)
{
  gtk_menu_button_popup (GTK_MENU_BUTTON (STEAD_WINDOW (widget)->search_button));
}

/* The core's own records, as plugins show theirs with <module>.show
 * (kind, id): an area is shown on the map, zoomed to, with what lies
 * inside it. */
static void
stead_window_show_core_action (GtkWidget  *widget,
                               const char *action,
                               GVariant   *param)
{
  SteadWindow *self = STEAD_WINDOW (widget);
  const char *kind;
  gint64 id;

  g_variant_get (param, "(&sx)", &kind, &id);
  if (self->workspace != NULL && (g_str_equal (kind, "need") || g_str_equal (kind, "resource")))
    {
      const char *page_id = g_str_equal (kind, "need") ? NEEDS_PAGE_ID : RESOURCES_PAGE_ID;
      GtkWidget *page = stead_window_get_page (self, page_id);

      if (page != NULL && stead_page_show (STEAD_PAGE (page), kind, id))
        stead_window_show_page (self, page_id);
      return;
    }
  if (self->workspace == NULL || !g_str_equal (kind, "area"))
    return;
  stead_window_show_page (self, MAP_PAGE_ID);
  if (!stead_map_view_show_area (self->map_view, id))
    stead_window_show_toast (self, adw_toast_new (_("That area is no longer in the workspace")));
}

/* "Assign…" of a need on the map: its page, with the partners to choose
 * from open. */
static void
stead_window_assign_need_action (GtkWidget  *widget,
                                 const char *action,
                                 GVariant   *param)
{
  SteadWindow *self = STEAD_WINDOW (widget);
  GtkWidget *page = self->workspace != NULL ? stead_window_get_page (self, NEEDS_PAGE_ID) : NULL;

  if (page == NULL)
    return;
  stead_window_show_page (self, NEEDS_PAGE_ID);
  stead_needs_page_assign (STEAD_NEEDS_PAGE (page), g_variant_get_int64 (param));
}

/* The core's own pages, after the map and before the plugins': needs as
 * casework, and resources. */
static GtkWidget *
stead_window_build_needs_page (gpointer user_data)
{
  SteadWindow *self = user_data;

  return g_object_new (STEAD_TYPE_NEEDS_PAGE, "workspace", self->workspace, NULL);
}

static GtkWidget *
stead_window_build_resources_page (gpointer user_data)
{
  SteadWindow *self = user_data;

  return g_object_new (STEAD_TYPE_RESOURCES_PAGE, "workspace", self->workspace, NULL);
}

static void
stead_window_add_core_pages (SteadWindow *self)
{
  /* Made when first shown (the window owns them, and they go with the
   * workspace), so the first frame waits only for the map. */
  stead_window_add_page_func (self, NEEDS_PAGE_ID, _("Needs"), "task-due-symbolic",
                              stead_window_build_needs_page, self, NULL);
  stead_window_add_page_func (self, RESOURCES_PAGE_ID, _("Resources"), "emblem-system-symbolic",
                              stead_window_build_resources_page, self, NULL);
}

/* ------------------------------------------------------------------------ */
/* Errors and recents                                                        */

static void
stead_window_show_error (SteadWindow *self,
                         const char  *heading,
                         const char  *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
stead_window_area_name_of (const char *path)
{
  char *name = g_path_get_basename (path);
  char *dot = strrchr (name, '.');

  if (dot != NULL && dot != name)
    *dot = '\0';
  return name;
}

static void
stead_window_refresh_recents (SteadWindow *self)
{
  SteadApplication *app = stead_window_get_app (self);
  g_auto(GStrv) recents = NULL;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))))
    gtk_list_box_remove (self->recent_list, child);

  if (app != NULL)
    recents = g_settings_get_strv (stead_application_get_settings (app), "recent-workspaces");

  for (guint i = 0; recents != NULL && recents[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *dir = NULL;
      GtkWidget *row;

      if (!g_file_test (recents[i], G_FILE_TEST_IS_REGULAR))
        continue;

      name = stead_window_area_name_of (recents[i]);
      dir = g_path_get_dirname (recents[i]);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dir);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-"
                                                                                     "symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "path", g_strdup (recents[i]), g_free);
      gtk_list_box_append (self->recent_list, row);
      shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), shown > 0);
  gtk_widget_set_visible (self->recent_label, shown > 0);
}

static void stead_window_open_or_report (SteadWindow *self,
                            const char  *path);

static void
stead_window_on_recent_activated (SteadWindow   *self,
                                  GtkListBoxRow *row)
{
  const char *path = g_object_get_data (G_OBJECT (row), "path");

  if (path != NULL)
    stead_window_open_or_report (self, path);
}

/* ------------------------------------------------------------------------ */
/* Workspaces                                                                */

static void stead_window_restore_workspace_maps (SteadWindow *self);

static void
stead_window_on_addin_added (PeasExtensionSet *set,
                             PeasPluginInfo   *info,
                             GObject          *exten,
                             SteadWindow      *self)
{
  stead_window_addin_load (STEAD_WINDOW_ADDIN (exten), self);
}

static void
stead_window_on_addin_removed (PeasExtensionSet *set,
                               PeasPluginInfo   *info,
                               GObject          *exten,
                               SteadWindow      *self)
{
  stead_window_addin_unload (STEAD_WINDOW_ADDIN (exten), self);
}

static void
stead_window_load_existing_addin (PeasExtensionSet *set,
                                  PeasPluginInfo   *info,
                                  GObject          *exten,
                                  gpointer          user_data)
{
  stead_window_addin_load (STEAD_WINDOW_ADDIN (exten), user_data);
}

static void
stead_window_unload_existing_addin (PeasExtensionSet *set,
                                    PeasPluginInfo   *info,
                                    GObject          *exten,
                                    gpointer          user_data)
{
  stead_window_addin_unload (STEAD_WINDOW_ADDIN (exten), user_data);
}

static void
stead_window_update_title (SteadWindow *self)
{
  if (self->workspace != NULL)
    {
      g_autofree char *file = g_path_get_basename (stead_workspace_get_path (self->workspace));

      adw_window_title_set_title (self->window_title,
                                  stead_workspace_get_area_name (self->workspace));
      adw_window_title_set_subtitle (self->window_title, file);
      gtk_window_set_title (GTK_WINDOW (self), stead_workspace_get_area_name (self->workspace));
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("Stead"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Stead"));
    }
}

/* What the user typed in a page and has not saved yet is saved before
 * the page goes; FALSE (with the reason) if some of it cannot be. */
static gboolean
stead_window_save_edits (SteadWindow  *self,
                         GError      **error)
{
  g_autoptr(GError) local = NULL;
  GtkWidget *failed;

  if (self->workspace == NULL)
    return TRUE;
  failed = stead_entry_rows_save_all (GTK_WIDGET (self->main_stack), &local);
  if (failed == NULL)
    return TRUE;
  g_set_error (error, local->domain, local->code,
               _("The change to “%s” is not saved: %s"),
               adw_preferences_row_get_title (ADW_PREFERENCES_ROW (failed)), local->message);
  return FALSE;
}

/* Puts back what could not be saved, when the user chose to discard it. */
static void
stead_window_revert_edits (GtkWidget *root)
{
  if (STEAD_IS_ENTRY_ROW (root))
    stead_entry_row_revert (STEAD_ENTRY_ROW (root));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    stead_window_revert_edits (child);
}

/**
 * stead_window_close_workspace:
 * @self: a #SteadWindow
 *
 * Unloads the plugins' pages, closes the workspace and shows the welcome
 * page again.
 */
void
stead_window_close_workspace (SteadWindow *self)
{
  g_return_if_fail (STEAD_IS_WINDOW (self));

  if (self->workspace == NULL)
    return;

  if (self->addins != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->addins, self);
      peas_extension_set_foreach (self->addins, stead_window_unload_existing_addin, self);
      g_clear_object (&self->addins);
    }

  /* Whatever an addin left behind goes too. */
  while (self->pages->len > 1)
    stead_window_remove_page (self, ((Page *) g_ptr_array_index (self->pages, 1))->id);

  stead_window_enable_search (self, FALSE);
  stead_map_view_set_workspace (self->map_view, NULL);
  g_signal_handlers_disconnect_by_data (self->workspace, self);
  stead_workspace_close (self->workspace);
  g_clear_object (&self->workspace);

  gtk_widget_set_visible (self->undo_box, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-workspace", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.report", FALSE);
  stead_window_update_undo_actions (self);
  stead_window_update_read_only (self);
  stead_window_update_title (self);
  stead_window_refresh_recents (self);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
  stead_window_update_sidebar_button (self);
}

/**
 * stead_window_open_workspace:
 * @self: a #SteadWindow
 * @path: a workspace file
 * @error: a #GError
 *
 * Opens @path in this window, replacing any open workspace. On failure
 * the window is as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
stead_window_open_workspace (SteadWindow  *self,
                             const char   *path,
                             GError      **error)
{
  g_autoptr(SteadWorkspace) workspace = NULL;
  SteadPluginEngine *engine;

  g_return_val_if_fail (STEAD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  engine = stead_window_get_engine (self);
  /* The quick check runs in a thread, so the first frame does not wait
   * for it; a change waits. */
  workspace = stead_workspace_open_full (path, engine, STEAD_WORKSPACE_OPEN_CHECK_LATER, error);
  if (workspace == NULL)
    {
      if (self->workspace == NULL)
        {
          stead_window_update_title (self);
          gtk_stack_set_visible_child_name (self->main_stack, "welcome");
        }
      return FALSE;
    }

  /* Nothing typed in the workspace open until now is lost. */
  if (!stead_window_save_edits (self, error))
    {
      stead_workspace_close (workspace);
      return FALSE;
    }
  stead_window_close_workspace (self);
  self->workspace = g_steal_pointer (&workspace);

  g_signal_connect_object (self->workspace, "notify::area-name",
                           G_CALLBACK (stead_window_update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "notify::can-undo",
                           G_CALLBACK (stead_window_update_undo_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "notify::can-redo",
                           G_CALLBACK (stead_window_update_undo_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "notify::undo-label",
                           G_CALLBACK (stead_window_update_undo_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "notify::read-only",
                           G_CALLBACK (stead_window_update_read_only), self, G_CONNECT_SWAPPED);

  if (stead_window_get_app (self) != NULL)
    stead_application_add_recent (stead_window_get_app (self), path);

  stead_map_view_set_workspace (self->map_view, self->workspace);
  stead_window_restore_workspace_maps (self);
  stead_window_add_core_pages (self);
  gtk_widget_set_visible (self->undo_box, TRUE);
  stead_window_enable_search (self, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-workspace", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.report", TRUE);
  stead_window_update_undo_actions (self);
  stead_window_update_read_only (self);
  stead_window_update_title (self);
  gtk_stack_set_visible_child_name (self->main_stack, "workspace");
  stead_window_update_sidebar_button (self);
  stead_window_show_page (self, MAP_PAGE_ID);

  if (engine != NULL)
    {
      self->addins = stead_plugin_engine_create_extension_set (engine, STEAD_TYPE_WINDOW_ADDIN);
      g_signal_connect (self->addins, "extension-added", G_CALLBACK (stead_window_on_addin_added),
                        self);
      g_signal_connect (self->addins, "extension-removed",
                        G_CALLBACK (stead_window_on_addin_removed), self);
      peas_extension_set_foreach (self->addins, stead_window_load_existing_addin, self);
    }

  return TRUE;
}

/**
 * stead_window_get_view_name:
 * @self: a #SteadWindow
 *
 * Returns: "welcome" when no workspace is open, else "workspace"
 */
const char *
stead_window_get_view_name (SteadWindow *self)
{
  g_return_val_if_fail (STEAD_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

/**
 * stead_window_prepare_open:
 * @self: a #SteadWindow
 * @path: the workspace about to be opened
 *
 * Shows the (empty) workspace view at once, titled with the file, while
 * the workspace itself opens after the first frame; a failed open goes
 * back to the welcome page.
 */
void
stead_window_prepare_open (SteadWindow *self,
                           const char  *path)
{
  g_autofree char *file = NULL;

  g_return_if_fail (STEAD_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->workspace != NULL)
    return;
  file = g_path_get_basename (path);
  adw_window_title_set_title (self->window_title, _("Opening…"));
  adw_window_title_set_subtitle (self->window_title, file);
  gtk_stack_set_visible_child_name (self->main_stack, "workspace");
}

SteadWorkspace *
stead_window_get_workspace (SteadWindow *self)
{
  g_return_val_if_fail (STEAD_IS_WINDOW (self), NULL);

  return self->workspace;
}

static void
stead_window_open_or_report (SteadWindow *self,
                             const char  *path)
{
  g_autoptr(GError) error = NULL;

  if (!stead_window_open_workspace (self, path, &error))
    {
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *heading = g_strdup_printf (_("Could not open “%s”"), name);

      stead_window_show_error (self, heading, error->message);
    }
}

static GtkFileFilter *
stead_window_workspace_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Stead workspaces (*.gpkg)"));
  gtk_file_filter_add_pattern (filter, "*.gpkg");
  gtk_file_filter_add_mime_type (filter, "application/geopackage+sqlite3");
  return filter;
}

static void
stead_window_create_and_open (SteadWindow *self,
                              const char  *chosen)
{
  g_autoptr(SteadWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_str_has_suffix (chosen, ".gpkg") ? g_strdup (chosen)
                                                             : g_strconcat (chosen, ".gpkg", NULL);
  g_autofree char *name = stead_window_area_name_of (path);

  workspace = stead_workspace_create (path, name, stead_window_get_engine (self), &error);
  if (workspace == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("Could not create “%s”"), name);
      stead_window_show_error (self, heading, error->message);
      return;
    }

  stead_workspace_close (workspace);
  stead_window_open_or_report (self, path);
}

static void
stead_window_on_chooser_response (SteadWindow          *self,
                                  int                   response,
                                  GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) &&
      (path = g_file_get_path (file)))
    {
      if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE)
        stead_window_create_and_open (self, path);
      else
        stead_window_open_or_report (self, path);
    }

  g_clear_object (&self->chooser);
}

static void
stead_window_show_chooser (SteadWindow          *self,
                           const char           *title,
                           GtkFileChooserAction  action,
                           const char           *accept)
{
  g_clear_object (&self->chooser);
  self->chooser =
    gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("area.gpkg"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), stead_window_workspace_filter ());
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (stead_window_on_chooser_response),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
stead_window_on_imported (SteadWindow       *self,
                          SteadImportResult *result,
                          SteadImportDialog *dialog)
{
  g_autofree char *summary = stead_import_result_describe (result);
  AdwToast *toast = adw_toast_new (summary);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * stead_window_import_file:
 * @self: a #SteadWindow with a workspace open
 * @file: the file to import
 *
 * Opens the import dialog on @file: it checks the file at once and
 * imports when the user presses Import.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkWidget *
stead_window_import_file (SteadWindow *self,
                          GFile       *file)
{
  SteadImportDialog *dialog;

  g_return_val_if_fail (STEAD_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (self->workspace == NULL)
    return NULL;

  dialog = stead_import_dialog_new (GTK_WINDOW (self), self->workspace,
                                    stead_window_get_engine (self), file);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (stead_window_on_imported), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

static void
stead_window_on_import_chooser_response (SteadWindow          *self,
                                         int                   response,
                                         GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))))
    stead_window_import_file (self, file);
  g_clear_object (&self->import_chooser);
}

static void
stead_window_import_action (GtkWidget  *widget,
                            const char *action,
                            GVariant   *param)
{
  SteadWindow *self = STEAD_WINDOW (widget);
  g_autoptr(GPtrArray) importers = stead_import_list_importers (stead_window_get_engine (self));
  GtkFileFilter *known = gtk_file_filter_new ();
  GtkFileFilter *all = gtk_file_filter_new ();

  gtk_file_filter_set_name (known, _("Files Stead can import"));
  for (guint i = 0; i < importers->len; i++)
    {
      const char * const *extensions =
        stead_importer_get_extensions (g_ptr_array_index (importers, i));

      for (guint j = 0; extensions != NULL && extensions[j] != NULL; j++)
        gtk_file_filter_add_suffix (known, extensions[j]);
    }
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  g_clear_object (&self->import_chooser);
  self->import_chooser = gtk_file_chooser_native_new (
    _("Import"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->import_chooser), known);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->import_chooser), all);
  g_object_unref (known);
  g_object_unref (all);
  g_signal_connect_object (self->import_chooser, "response",
                           G_CALLBACK (stead_window_on_import_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->import_chooser));
}

/* Report: every enabled plugin's sections in one PDF (HTML for a name
 * ending .html), written beside the chosen file and renamed over it. */
gboolean
stead_window_write_report (SteadWindow  *self,
                           GFile        *file,
                           GError      **error)
{
  g_autoptr(GPtrArray) sections = NULL;

  g_return_val_if_fail (STEAD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->workspace == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("No workspace is open"));
      return FALSE;
    }
  sections = stead_report_list_sections (self->workspace);
  /* Never over the workspace; on an error the old file stays as it was. */
  return stead_report_write_file_as (self->workspace, sections,
                                     stead_report_format_for_file (file), NULL, file, NULL,
                                     error);
}

/* The same, issued with @marking (NULL: OFFICIAL). */
gboolean
stead_window_write_report_marked (SteadWindow  *self,
                                  GFile        *file,
                                  const char   *marking,
                                  GError      **error)
{
  g_autoptr(GPtrArray) sections = NULL;
  SteadReportOptions options = { .marking = marking };

  g_return_val_if_fail (STEAD_IS_WINDOW (self), FALSE);

  if (self->workspace == NULL)
    return stead_window_write_report (self, file, error);
  sections = stead_report_list_sections (self->workspace);
  return stead_report_write_file_as (self->workspace, sections,
                                     stead_report_format_for_file (file), &options, file, NULL,
                                     error);
}

static void
stead_window_on_open_clicked (AdwToast *toast,
                              GFile    *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkWidget *window = g_object_get_data (G_OBJECT (toast), "window");
  g_autoptr(GdkAppLaunchContext) context = NULL;

  if (window != NULL)
    context = gdk_display_get_app_launch_context (gtk_widget_get_display (window));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL, NULL, NULL);
}

/* "Saved as …" with Open, which opens @file in the user's application for it. */
AdwToast *
stead_window_saved_toast_new (SteadWindow *self,
                              const char  *format,
                              GFile       *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = g_strdup_printf (format, name);
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_timeout (toast, 8);
  g_object_set_data (G_OBJECT (toast), "window", self);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (stead_window_on_open_clicked),
                         g_object_ref (file), (GClosureNotify) (void (*) (void)) g_object_unref,
                         0);
  return toast;
}

/* The protective markings, as a file chooser's choice. */
static void
stead_window_add_marking_choice (GtkFileChooser *chooser)
{
  const char * const *markings = stead_report_list_markings ();

  gtk_file_chooser_add_choice (chooser, "marking", _("Protective marking"),
                               (const char **) markings, (const char **) markings);
  gtk_file_chooser_set_choice (chooser, "marking", markings[0]);
}

/* The report's file as the format chosen names it: "report.pdf" chosen
 * as HTML is written as "report.html"; a name with neither gets one. */
static GFile *
stead_window_report_file (GFile      *chosen,
                          const char *format)
{
  g_autofree char *name = g_file_get_basename (chosen);
  g_autofree char *lower = g_ascii_strdown (name, -1);
  g_autoptr(GFile) parent = g_file_get_parent (chosen);
  gboolean html = g_strcmp0 (format, "html") == 0;
  g_autofree char *stem = NULL;
  g_autofree char *renamed = NULL;

  if (parent == NULL ||
      (html ? g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm")
            : g_str_has_suffix (lower, ".pdf")))
    return g_object_ref (chosen);
  stem = g_strdup (name);
  if (g_str_has_suffix (lower, ".pdf") || g_str_has_suffix (lower, ".htm"))
    stem[strlen (stem) - 4] = '\0';
  else if (g_str_has_suffix (lower, ".html"))
    stem[strlen (stem) - 5] = '\0';
  renamed = g_strconcat (stem, html ? ".html" : ".pdf", NULL);
  return g_file_get_child (parent, renamed);
}

static void
stead_window_on_report_chooser_response (GtkNativeDialog *chooser,
                                         int              response,
                                         SteadWindow     *self)
{
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))))
    {
      const char *marking = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "marking");
      const char *format = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "format");

      file = stead_window_report_file (chosen, format);

      if (stead_window_write_report_marked (self, file, marking, &error))
        /* Translators: %s is the file's name */
        adw_toast_overlay_add_toast (self->toast_overlay,
                                     stead_window_saved_toast_new (self, _("Report saved as %s"),
                                                                   file));
      else
        stead_window_show_error (self, _("Could not write the report"), error->message);
    }
  g_object_unref (chooser);
}

static void
stead_window_report_action (GtkWidget  *widget,
                            const char *action,
                            GVariant   *param)
{
  SteadWindow *self = STEAD_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->workspace == NULL)
    return;
  name = stead_window_suggest_file_name (self, _("Partnership report"), "pdf");
  chooser = gtk_file_chooser_native_new (_("Save Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  stead_window_add_marking_choice (GTK_FILE_CHOOSER (chooser));
  {
    /* The same report as a PDF to print or an HTML page to publish. */
    const char *formats[] = { "pdf", "html", NULL };
    const char *labels[] = { _("PDF"), _("HTML (web page)"), NULL };

    gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "format", _("Format"), formats,
                                 labels);
    gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "format", "pdf");
  }
  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (stead_window_on_report_chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* A file name from the area, what is in the file and today's date:
 * "Tewkesbury – Risk register – 2026-12-01.csv"; no path separators. */
char *
stead_window_suggest_file_name (SteadWindow *self,
                                const char  *what,
                                const char  *extension)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  const char *area = self->workspace != NULL ? stead_workspace_get_area_name (self->workspace)
                                             : NULL;
  g_autofree char *name = NULL;

  if (area == NULL || *area == '\0')
    area = _("Unnamed area");
  /* Translators: a file name offered: the area, what the file holds, the date */
  name = g_strdup_printf (_("%s – %s – %s"), area, what, date);
  g_strdelimit (name, "/\\:", '-');
  return g_strdup_printf ("%s.%s", name, extension != NULL ? extension : "txt");
}

/* What an export holds: the format's title without "(CSV)" and the like. */
char *
stead_window_suggest_export_name (SteadWindow   *self,
                                  SteadExporter *exporter)
{
  const char * const *extensions = stead_exporter_get_extensions (exporter);
  g_autofree char *what = g_strdup (stead_exporter_get_title (exporter));
  char *paren = strrchr (what, '(');

  if (paren != NULL && paren > what)
    *paren = '\0';
  g_strstrip (what);
  return stead_window_suggest_file_name (self, what,
                                         extensions != NULL ? extensions[0] : NULL);
}

/* The first exporter of the plugin whose page is in view (the core's on
 * the map), or 0. */
guint
stead_window_suggest_export_format (SteadWindow *self,
                                    GPtrArray   *exporters)
{
  const char *page = gtk_stack_get_visible_child_name (self->page_stack);
  const char *dot = page != NULL ? strchr (page, '.') : NULL;
  g_autofree char *module = dot != NULL ? g_strndup (page, dot - page) : g_strdup ("core");

  for (guint i = 0; i < exporters->len; i++)
    if (g_strcmp0 (stead_exporter_get_owner (g_ptr_array_index (exporters, i)), module) == 0)
      return i;
  return 0;
}

gboolean
stead_window_exporter_has_option (SteadExporter *exporter,
                                  const char    *key)
{
  const SteadFormatOption *options = stead_exporter_get_options (exporter);

  for (guint i = 0; options != NULL && options[i].key != NULL; i++)
    if (g_str_equal (options[i].key, key))
      return TRUE;
  return FALSE;
}

/* Export: choose a format and whether personal data goes with it, then
 * where. The file is written beside and renamed over, never half. */
typedef struct
{
  SteadWindow   *window;
  SteadExporter *exporter;
  gboolean       include_personal;
} ExportJob;

static void
stead_window_on_export_chooser_response (GtkNativeDialog *chooser,
                                         int              response,
                                         ExportJob       *job)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  SteadExportOptions options = { .include_personal = job->include_personal, .options = keys };

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))))
    {
      const char *marking = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "marking");

      if (marking != NULL)
        g_hash_table_insert (keys, (gpointer) "marking", (gpointer) marking);
      /* Never over the workspace; 0600 with personal data; whole or not at all. */
      if (stead_exporter_write_file (job->exporter, job->window->workspace, file, &options, NULL,
                                     &error))
        /* Translators: %s is the file's name */
        adw_toast_overlay_add_toast (
          job->window->toast_overlay,
          stead_window_saved_toast_new (job->window, _("Exported to %s"), file));
      else
        stead_window_show_error (job->window, _("Could not export"), error->message);
    }
  g_object_unref (chooser);
  g_object_unref (job->exporter);
  g_object_unref (job->window);
  g_free (job);
}

static void
stead_window_on_export_response (AdwMessageDialog *dialog,
                                 const char       *response,
                                 SteadWindow      *self)
{
  GPtrArray *exporters = g_object_get_data (G_OBJECT (dialog), "exporters");
  AdwComboRow *format = g_object_get_data (G_OBJECT (dialog), "format");
  GtkSwitch *personal = g_object_get_data (G_OBJECT (dialog), "personal");
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  ExportJob *job;

  if (!g_str_equal (response, "export") || self->workspace == NULL)
    return;

  job = g_new0 (ExportJob, 1);
  job->window = g_object_ref (self);
  job->exporter = g_object_ref (g_ptr_array_index (exporters, adw_combo_row_get_selected (format)));
  job->include_personal = gtk_switch_get_active (personal);
  name = stead_window_suggest_export_name (self, job->exporter);

  chooser = gtk_file_chooser_native_new (
    _("Export"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  if (stead_window_exporter_has_option (job->exporter, "marking"))
    stead_window_add_marking_choice (GTK_FILE_CHOOSER (chooser));
  g_signal_connect (chooser, "response", G_CALLBACK (stead_window_on_export_chooser_response), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
stead_window_export_action (GtkWidget  *widget,
                            const char *action,
                            GVariant   *param)
{
  SteadWindow *self = STEAD_WINDOW (widget);
  GPtrArray *exporters = stead_export_list_exporters (stead_window_get_engine (self));
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  GtkWidget *dialog, *list, *format, *row, *personal;

  for (guint i = 0; i < exporters->len; i++)
    gtk_string_list_append (titles, stead_exporter_get_title (g_ptr_array_index (exporters, i)));

  dialog = adw_message_dialog_new (
    GTK_WINDOW (self), _("Export"),
    _("Personal data (names, contact details, notes about people) is left out "
       "unless you include it. Include it only when you may share it."));
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  format = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (format), _("Format"));
  adw_combo_row_set_model (ADW_COMBO_ROW (format), G_LIST_MODEL (titles));
  /* The format of the page in view first: its records are what the user means. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (format),
                              stead_window_suggest_export_format (self, exporters));
  gtk_list_box_append (GTK_LIST_BOX (list), format);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Include Personal Data"));
  personal = gtk_switch_new ();
  gtk_widget_set_valign (personal, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), personal);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), personal);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "export",
                                    _("_Export…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  g_object_set_data_full (G_OBJECT (dialog), "exporters", exporters,
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data (G_OBJECT (dialog), "format", format);
  g_object_set_data (G_OBJECT (dialog), "personal", personal);
  g_signal_connect_object (dialog, "response", G_CALLBACK (stead_window_on_export_response), self,
                           0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
stead_window_open_action (GtkWidget  *widget,
                          const char *action,
                          GVariant   *param)
{
  stead_window_show_chooser (STEAD_WINDOW (widget), _("Open Workspace"),
                             GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
}

static void
stead_window_new_action (GtkWidget  *widget,
                         const char *action,
                         GVariant   *param)
{
  stead_window_show_chooser (STEAD_WINDOW (widget), _("New Workspace"),
                             GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"));
}

/* A demo area made by an earlier Stead (drawn wards, no postcodes) has no
 * attribution row of the demo's: it is put aside, not deleted (someone may
 * have tried things in it), and the real one made. */
static void
stead_window_retire_old_demo (SteadWindow *self,
                              const char  *path)
{
  g_autoptr(SteadWorkspace) old = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *aside = NULL;
  gint64 current;

  if (!g_file_test (path, G_FILE_TEST_EXISTS) ||
      (self->workspace != NULL &&
       g_strcmp0 (stead_workspace_get_path (self->workspace), path) == 0))
    return;
  /* Only the core's attribution table is read: no plugins loaded for it. */
  old = stead_workspace_open_full (path, NULL, STEAD_WORKSPACE_OPEN_READ_ONLY, NULL);
  if (old == NULL)
    return;
  current = stead_workspace_query_int64 (old, "SELECT count(*) FROM stead_attribution "
                                              "WHERE source = 'demo'", NULL, 0);
  stead_workspace_close (old);
  if (current != 0)
    return;

  now = g_date_time_new_now_local ();
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  aside = g_strdup_printf ("%s.old-%s", path, stamp);
  if (g_rename (path, aside) != 0)
    g_warning ("Could not put the old demo area aside as %s: %s", aside, g_strerror (errno));
}

static void
stead_window_open_demo_action (GtkWidget  *widget,
                               const char *action,
                               GVariant   *param)
{
  SteadWindow *self = STEAD_WINDOW (widget);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "stead", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.gpkg", NULL);
  g_autoptr(GError) error = NULL;

  stead_window_retire_old_demo (self, path);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(SteadWorkspace) workspace = NULL;

      g_mkdir_with_parents (dir, 0700);
      workspace = stead_workspace_create (path, _("Tewkesbury (demo)"),
                                          stead_window_get_engine (self), &error);
      if (workspace == NULL || !stead_demo_populate (workspace, STEAD_DEMO_DEFAULT_SCALE,
                                                     STEAD_DEMO_DEFAULT_SEED, &error))
        {
          if (workspace != NULL)
            {
              stead_workspace_close (workspace);
              g_unlink (path);
            }
          stead_window_show_error (self, _("Could not create the demo area"), error->message);
          return;
        }
      stead_workspace_close (workspace);
    }

  stead_window_open_or_report (self, path);
}

static void
stead_window_close_workspace_action (GtkWidget  *widget,
                                     const char *action,
                                     GVariant   *param)
{
  SteadWindow *self = STEAD_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!stead_window_save_edits (self, &error))
    {
      stead_window_show_error (self, _("The Workspace Stays Open"), error->message);
      return;
    }
  stead_window_close_workspace (self);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */

static void
stead_window_save_window_state (SteadWindow *self)
{
  SteadApplication *app = stead_window_get_app (self);
  GSettings *settings;
  int width, height;

  if (app == NULL || !(settings = stead_application_get_settings (app)))
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
stead_window_close_later (gpointer data)
{
  gtk_window_close (data);
  return G_SOURCE_REMOVE;
}

static void
stead_window_on_unsaved_response (AdwMessageDialog *dialog,
                                  const char       *response,
                                  SteadWindow      *self)
{
  if (!g_str_equal (response, "discard"))
    return;
  stead_window_revert_edits (GTK_WIDGET (self->main_stack));
  /* Once the dialog, which is the window's, has gone. */
  g_idle_add_full (G_PRIORITY_DEFAULT, stead_window_close_later, g_object_ref (self),
                   g_object_unref);
}

static gboolean
stead_window_close_request (GtkWindow *window)
{
  SteadWindow *self = STEAD_WINDOW (window);
  g_autoptr(GError) error = NULL;

  /* A change that cannot be saved is asked about, not dropped. */
  if (!stead_window_save_edits (self, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (window, _("Discard the Change?"),
                                                  error->message);

      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep Editing"),
                                        "discard", _("_Discard"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
      g_signal_connect_object (dialog, "response", G_CALLBACK (stead_window_on_unsaved_response),
                               self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }
  stead_window_save_window_state (self);
  stead_window_close_workspace (self);

  return GTK_WINDOW_CLASS (stead_window_parent_class)->close_request (window);
}

static void
stead_window_on_key_found (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(SteadWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = stead_tile_key_lookup_finish (result, &error);
  g_autofree char *url = NULL;
  GSettings *settings;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      stead_window_get_app (self) == NULL)
    return;
  if (error != NULL)
    g_message ("No keyring for the tile server key: %s", error->message);

  settings = stead_application_get_settings (stead_window_get_app (self));
  url = g_settings_get_string (settings, "custom-tile-url");
  {
    g_autofree char *filled = stead_tile_key_fill (url, key);
    g_autofree char *attribution = g_settings_get_string (settings, "custom-tile-attribution");

    stead_map_view_set_custom_tiles (self->map_view, filled, attribution);
  }
}

/* The custom tile server: its template from settings, its key from the
 * keyring (asynchronously: a missing keyring must not block the window). */
static void
stead_window_apply_custom_tiles (SteadWindow *self)
{
  GSettings *settings = stead_application_get_settings (stead_window_get_app (self));
  g_autofree char *url = g_settings_get_string (settings, "custom-tile-url");
  g_autofree char *attribution = g_settings_get_string (settings, "custom-tile-attribution");

  g_cancellable_cancel (self->key_lookup);
  g_clear_object (&self->key_lookup);

  if (url[0] == '\0')
    stead_map_view_set_custom_tiles (self->map_view, NULL, NULL);
  else if (strstr (url, "{key}") == NULL)
    stead_map_view_set_custom_tiles (self->map_view, url, attribution);
  else
    {
      self->key_lookup = g_cancellable_new ();
      stead_tile_key_lookup_async (url, self->key_lookup, stead_window_on_key_found,
                                   g_object_ref (self));
    }
}

/* Each workspace remembers its base map and offline maps. */
static void
stead_window_save_workspace_maps (SteadWindow *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GVariant) old = NULL;
  g_autofree char *json = NULL;
  g_auto(GStrv) maps = NULL;
  GVariantBuilder dict;
  GVariantIter iter;
  GSettings *settings;
  const char *path;
  const char *key, *value;

  if (self->workspace == NULL || self->restoring_maps || stead_window_get_app (self) == NULL)
    return;

  path = stead_workspace_get_path (self->workspace);
  maps = stead_map_view_get_mbtiles (self->map_view);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "base");
  json_builder_add_int_value (builder, stead_map_view_get_base_map (self->map_view));
  json_builder_set_member_name (builder, "mbtiles");
  json_builder_begin_array (builder);
  for (guint i = 0; maps[i] != NULL; i++)
    json_builder_add_string_value (builder, maps[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);

  settings = stead_application_get_settings (stead_window_get_app (self));
  old = g_settings_get_value (settings, "workspace-maps");
  g_variant_builder_init (&dict, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    if (!g_str_equal (key, path) && g_file_test (key, G_FILE_TEST_EXISTS))
      g_variant_builder_add (&dict, "{ss}", key, value);
  g_variant_builder_add (&dict, "{ss}", path, json);
  g_settings_set_value (settings, "workspace-maps", g_variant_builder_end (&dict));
}

static void
stead_window_restore_workspace_maps (SteadWindow *self)
{
  g_autoptr(GVariant) all = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) current = NULL;
  const char *json = NULL;
  JsonObject *object;

  if (stead_window_get_app (self) == NULL)
    return;

  self->restoring_maps = TRUE;
  current = stead_map_view_get_mbtiles (self->map_view);
  for (guint i = 0; current[i] != NULL; i++)
    stead_map_view_remove_mbtiles (self->map_view, current[i]);

  /* Without a remembered choice, the default from Preferences. */
  stead_map_view_set_base_map (
    self->map_view,
    g_settings_get_enum (stead_application_get_settings (stead_window_get_app (self)), "base-map"));
  all = g_settings_get_value (stead_application_get_settings (stead_window_get_app (self)),
                              "workspace-maps");
  if (g_variant_lookup (all, stead_workspace_get_path (self->workspace), "&s", &json) &&
      json_parser_load_from_data (parser, json, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      object = json_node_get_object (json_parser_get_root (parser));
      if (json_object_has_member (object, "base"))
        stead_map_view_set_base_map (self->map_view, json_object_get_int_member (object, "base"));
      if (json_object_has_member (object, "mbtiles"))
        {
          JsonArray *maps = json_object_get_array_member (object, "mbtiles");

          for (guint i = 0; i < json_array_get_length (maps); i++)
            {
              g_autoptr(GError) error = NULL;

              /* A file moved or deleted since is skipped, not an error dialog. */
              if (!stead_map_view_add_mbtiles (self->map_view,
                                               json_array_get_string_element (maps, i), &error))
                g_message ("Offline map not restored: %s", error->message);
            }
        }
    }
  self->restoring_maps = FALSE;
}

/* The first monitor's size (the window is not on one yet) less room for
 * panels, as the bound of a default size. */
static void
stead_window_fit_to_screen (SteadWindow *self,
                            int         *width,
                            int         *height)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle geometry;

  if (monitor == NULL)
    return;
  gdk_monitor_get_geometry (monitor, &geometry);
  *width = MIN (*width, geometry.width * 9 / 10);
  *height = MIN (*height, geometry.height * 9 / 10);
}

/* "application" is set after construction, so the settings are applied
 * when it is. */
static void
stead_window_on_application_set (SteadWindow *self)
{
  SteadApplication *app = stead_window_get_app (self);

  if (app != NULL && !self->settings_applied)
    {
      GSettings *settings = stead_application_get_settings (app);

      int width = g_settings_get_int (settings, "window-width");
      int height = g_settings_get_int (settings, "window-height");
      g_autoptr(GVariant) user_width = g_settings_get_user_value (settings, "window-width");

      /* Never sized by the user: the default, as the screen allows. */
      if (user_width == NULL)
        stead_window_fit_to_screen (self, &width, &height);
      gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      /* The setting is the default; each workspace remembers its own. */
      g_settings_bind (settings, "base-map", self->map_view, "base-map", G_SETTINGS_BIND_GET);
      /* Titles of needs and resources are personal data: shown if allowed. */
      g_settings_bind (settings, "show-personal-data",
                       stead_map_view_get_area_panel (self->map_view), "show-personal",
                       G_SETTINGS_BIND_GET);
      g_signal_connect_object (settings, "changed::custom-tile-url",
                               G_CALLBACK (stead_window_apply_custom_tiles), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (settings, "changed::custom-tile-attribution",
                               G_CALLBACK (stead_window_apply_custom_tiles), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (app, "tile-key-changed",
                               G_CALLBACK (stead_window_apply_custom_tiles), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->map_view, "notify::base-map",
                               G_CALLBACK (stead_window_save_workspace_maps), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->map_view, "maps-changed",
                               G_CALLBACK (stead_window_save_workspace_maps), self,
                               G_CONNECT_SWAPPED);
      stead_window_apply_custom_tiles (self);
      g_signal_connect_object (settings, "changed::recent-workspaces",
                               G_CALLBACK (stead_window_refresh_recents), self, G_CONNECT_SWAPPED);
      self->settings_applied = TRUE;
      stead_window_refresh_recents (self);
    }
}

static void
stead_window_dispose (GObject *object)
{
  SteadWindow *self = STEAD_WINDOW (object);

  stead_window_close_workspace (self);
  g_clear_object (&self->chooser);
  g_clear_object (&self->import_chooser);
  g_cancellable_cancel (self->key_lookup);
  g_clear_object (&self->key_lookup);
  gtk_widget_dispose_template (GTK_WIDGET (self), STEAD_TYPE_WINDOW);

  G_OBJECT_CLASS (stead_window_parent_class)->dispose (object);
}

static void
stead_window_finalize (GObject *object)
{
  SteadWindow *self = STEAD_WINDOW (object);

  g_clear_pointer (&self->pages, g_ptr_array_unref);

  G_OBJECT_CLASS (stead_window_parent_class)->finalize (object);
}

/* The keyboard shortcuts window is built when it is first asked for, not
 * with every window (as GTK does with "gtk/help-overlay.ui"): it is a large
 * template that would otherwise come before the first frame. */
static void
stead_window_show_help_overlay_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/steadapp/Stead/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static void
stead_window_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  SteadWindow *self = STEAD_WINDOW (widget);
  AdwFlapFoldPolicy policy = width < FOLD_WIDTH ? ADW_FLAP_FOLD_POLICY_ALWAYS
                                                : ADW_FLAP_FOLD_POLICY_NEVER;

  /* Before the flap is given its size, so it folds in this same frame. */
  if (adw_flap_get_fold_policy (self->flap) != policy)
    adw_flap_set_fold_policy (self->flap, policy);
  GTK_WIDGET_CLASS (stead_window_parent_class)->size_allocate (widget, width, height, baseline);
}

static void
stead_window_class_init (SteadWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = stead_window_dispose;
  object_class->finalize = stead_window_finalize;
  window_class->close_request = stead_window_close_request;
  widget_class->size_allocate = stead_window_size_allocate;

  g_type_ensure (STEAD_TYPE_MAP_VIEW);
  g_type_ensure (STEAD_TYPE_SEARCH_POPOVER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/steadapp/Stead/"
                                                             "stead-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SteadWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SteadWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SteadWindow, undo_box);
  gtk_widget_class_bind_template_child (widget_class, SteadWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, SteadWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, SteadWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, SteadWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, SteadWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, SteadWindow, search_popover);
  gtk_widget_class_bind_template_child (widget_class, SteadWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SteadWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, SteadWindow, recent_label);
  gtk_widget_class_bind_template_child (widget_class, SteadWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SteadWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, SteadWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, SteadWindow, sidebar_button);
  gtk_widget_class_bind_template_callback (widget_class, stead_window_on_recent_activated);
  gtk_widget_class_bind_template_callback (widget_class, stead_window_on_sidebar_row_selected);

  gtk_widget_class_install_action (widget_class, "win.new", NULL, stead_window_new_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, stead_window_open_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL,
                                   stead_window_open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, stead_window_import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, stead_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.report", NULL, stead_window_report_action);
  gtk_widget_class_install_action (widget_class, "win.close-workspace", NULL,
                                   stead_window_close_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, stead_window_undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, stead_window_redo_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, stead_window_search_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   stead_window_show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "core.assign-need", "x",
                                   stead_window_assign_need_action);
  gtk_widget_class_install_action (widget_class, "core.show", "(sx)",
                                   stead_window_show_core_action);
}

static void
stead_window_init (SteadWindow *self)
{
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) stead_window_page_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_sort_func (self->sidebar, stead_window_sort_sidebar, self, NULL);
  g_signal_connect_swapped (self->flap, "notify::folded",
                            G_CALLBACK (stead_window_update_sidebar_button), self);
  /* The page already shown, chosen again: the sidebar goes all the same. */
  g_signal_connect_swapped (self->sidebar, "row-activated",
                            G_CALLBACK (stead_window_on_sidebar_row_selected), self);
  g_object_bind_property (self->flap, "reveal-flap", self->sidebar_button, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  self->map_view = stead_map_view_new ();
  stead_window_add_page (self, MAP_PAGE_ID, _("Map"), "mark-location-symbolic",
                         GTK_WIDGET (self->map_view));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-workspace", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.report", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", FALSE);
  stead_window_update_undo_actions (self);
  stead_window_refresh_recents (self);
  g_signal_connect (self, "notify::application", G_CALLBACK (stead_window_on_application_set),
                    NULL);
}

SteadWindow *
stead_window_new (AdwApplication *application)
{
  return g_object_new (STEAD_TYPE_WINDOW, "application", application, NULL);
}
