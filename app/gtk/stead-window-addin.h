/* stead-window-addin.h: what a plugin adds to the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_GTK_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead-gtk.h> can be included directly."
#endif

#include <gtk/gtk.h>
#include <libpeas/peas.h>
#include <shumate/shumate.h>

#include <stead.h>

G_BEGIN_DECLS

typedef struct _SteadWindow SteadWindow;

#define STEAD_TYPE_WINDOW_ADDIN (stead_window_addin_get_type ())

STEAD_AVAILABLE_IN_1_0
G_DECLARE_INTERFACE (SteadWindowAddin, stead_window_addin, STEAD, WINDOW_ADDIN, GObject)

struct _SteadWindowAddinInterface
{
  GTypeInterface parent_iface;

  /* Called when a workspace is open in @window: add pages, map layers,
   * actions (namespaced by module name). Everything added here is removed
   * again in unload. */
  void (*load)   (SteadWindowAddin *self,
                  SteadWindow      *window);
  void (*unload) (SteadWindowAddin *self,
                  SteadWindow      *window);
};

STEAD_AVAILABLE_IN_1_0
void stead_window_addin_load   (SteadWindowAddin *self,
                                SteadWindow      *window);
STEAD_AVAILABLE_IN_1_0
void stead_window_addin_unload (SteadWindowAddin *self,
                                SteadWindow      *window);

/* ------------------------------------------------------------------------ */
/* A window addin described by a table: one page, its actions, a map layer  */

/* What a plugin's window module is, with no GObject of its own. The page
 * is created when a workspace opens and added to the sidebar; the
 * action group "<module>" holds .actions plus
 *   show ("(sx)"): the page, with the record of that kind selected
 *     (search results, other plugins' links);
 *   show-record ("x"): "Open Record" of a need or resource the plugin
 *     published, by its owner_ref.
 * Signal handlers connected with the addin as data, on the window or its
 * map view, are disconnected when the workspace closes. */
/* What a plugin offers to do with an area drawn on the map: a menu item
 * in the panel that summarises it. The action is one of the module's
 * (.actions); it finds the area with stead_map_view_get_drawn_area(). */
typedef struct
{
  const char *label;    /* N_("Save as Hazard Area…") */
  const char *action;   /* "risks.save-drawn-area" */
} SteadAreaAction;

typedef struct
{
  const char          *module;        /* the plugin's module name: the action group */
  const char          *page_name;     /* "partners.directory" */
  const char          *title;         /* N_("Partners") */
  const char          *icon_name;
  GType               (*page_type)     (void);   /* a SteadPage subclass: its get_type () */
  /* The record a published row's owner_ref stands for, or %FALSE. */
  gboolean            (*find_published) (SteadWorkspace  *workspace,
                                         gint64           owner_ref,
                                         const char     **kind,
                                         gint64          *id);
  const char          *layer_title;   /* N_("Partner sites"): its map layer, or NULL */
  ShumateLayer       *(*create_layer)  (SteadWorkspace   *workspace,
                                        ShumateViewport  *viewport);
  const GActionEntry  *actions;       /* more actions; their user_data is the SteadWindowAddin */
  guint                n_actions;
  /* Anything else, after the page, actions and layer are in. */
  void                (*load)          (SteadWindowAddin *addin,
                                        SteadWindow      *window);
  const char          *domain;        /* gettext domain of the strings (NULL: Stead's) */
  const SteadAreaAction *area_actions; /* offered for an area drawn on the map */
  gsize                n_area_actions;
  /* Rows of the plugin's own in the panel beside the map when the user
   * chooses an area row (a ward): under @area_heading (N_("Target
   * Groups")), in columns titled @area_columns (N_() strings, up to five,
   * NULL-terminated); describe_area returns a GPtrArray of GStrv, one
   * per row (as many cells as columns), or NULL for none there. Its
   * cells are shown as they are: never personal data unless the
   * show-personal-data setting allows it. */
  const char          *area_heading;
  const char * const  *area_columns;
  GPtrArray          *(*describe_area) (SteadWindowAddin *addin,
                                        SteadWorkspace   *workspace,
                                        gint64            area);
  gpointer             padding[3];
} SteadWindowAddinInfo;

STEAD_AVAILABLE_IN_1_0
void         stead_window_addin_register   (PeasObjectModule           *module,
                                            const SteadWindowAddinInfo *info);
/* For a table-described addin's actions and hooks. */
STEAD_AVAILABLE_IN_1_0
SteadWindow *stead_window_addin_get_window (SteadWindowAddin           *self);
STEAD_AVAILABLE_IN_1_0
GtkWidget   *stead_window_addin_get_page   (SteadWindowAddin           *self);
/* For a table-described addin's load hook: more map layers than the one
 * of create_layer, each with its switch titled @title in the layer list,
 * and the object that keeps them up to date (held until the workspace
 * closes); all removed when the workspace closes or the plugin is
 * switched off. */
STEAD_AVAILABLE_IN_1_0
void         stead_window_addin_add_layer  (SteadWindowAddin           *self,
                                            ShumateLayer               *layer,
                                            const char                 *title);
STEAD_AVAILABLE_IN_1_0
void         stead_window_addin_hold       (SteadWindowAddin           *self,
                                            gpointer                    object);

G_END_DECLS
