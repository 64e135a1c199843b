/* risks-window-addin.c: the Risks page in a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "risks"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "risks.h"
#include "risks-page.h"
#include "risks-window-addin.h"

struct _RisksWindowAddin
{
  GObject      parent_instance;

  SteadWindow *window;   /* borrowed between load and unload */
  GtkWidget   *page;
  gulong       drawn_id;
};

static void risks_window_addin_iface_init (SteadWindowAddinInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RisksWindowAddin, risks_window_addin, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEAD_TYPE_WINDOW_ADDIN, risks_window_addin_iface_init))

/* A polygon drawn on the map can become a hazard area of a risk. */
static gboolean
risks_window_addin_save_area (SteadForm  *form,
                              gpointer    user_data,
                              GError    **error)
{
  RisksWindowAddin *self = user_data;
  SteadGeometry *polygon = stead_map_view_get_drawn_area (stead_window_get_map_view (self->window));

  if (polygon == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Draw an area on the map first"));
      return FALSE;
    }
  return risks_hazard_area_add (stead_form_get_workspace (form), stead_form_get_int (form, "risk", 0),
                                stead_form_get_text (form, "name"), polygon, error) != 0;
}

static void
risks_window_addin_save_drawn_area (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  static const SteadField fields[] = {
    { "risk", .required = TRUE, .type = STEAD_FIELD_RECORD, .vocabulary = "risk", .label = N_("Risk") },
    { "name", .required = TRUE, .label = N_("Name") },
  };
  RisksWindowAddin *self = user_data;
  SteadWorkspace *workspace = stead_window_get_workspace (self->window);

  if (workspace == NULL)
    return;
  stead_form_present (stead_form_new (GTK_WIDGET (self->window), _("Save as Hazard Area"),
                                      _("The area you drew becomes a hazard area of the risk, on the map for everyone."),
                                      fields, G_N_ELEMENTS (fields), NULL, NULL, NULL, workspace,
                                      risks_window_addin_save_area, self, NULL));
}

static void
risks_window_addin_show (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  RisksWindowAddin *self = user_data;
  const char *kind;
  gint64 id;

  g_variant_get (parameter, "(&sx)", &kind, &id);
  if (!g_str_equal (kind, "risk"))
    return;
  stead_window_show_page (self->window, "risks.register");
  risks_page_show_risk (RISKS_PAGE (self->page), id);
}

static void
risks_window_addin_on_area_drawn (SteadWindow *window)
{
  AdwToast *toast = adw_toast_new (_("Keep this area as a hazard area of a risk?"));

  adw_toast_set_button_label (toast, _("_Save as Hazard Area…"));
  adw_toast_set_action_name (toast, "risks.save-drawn-area");
  stead_window_show_toast (window, toast);
}

/* Hazard areas are `area` rows of kind 'hazard': the map's area layer
 * draws them and a click on one summarises what is inside. */
static void
risks_window_addin_load (SteadWindowAddin *addin,
                         SteadWindow      *window)
{
  RisksWindowAddin *self = RISKS_WINDOW_ADDIN (addin);
  static const GActionEntry actions[] = {
    { "save-drawn-area", risks_window_addin_save_drawn_area },
    { "show", risks_window_addin_show, "(sx)" },
  };
  SteadWorkspace *workspace = stead_window_get_workspace (window);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  if (workspace == NULL)
    return;
  self->window = window;
  self->page = g_object_ref_sink (risks_page_new (workspace));
  stead_window_add_page (window, "risks.register", _("Risks"), "dialog-warning-symbolic", self->page);
  g_action_map_add_action_entries (G_ACTION_MAP (group), actions, G_N_ELEMENTS (actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "risks", G_ACTION_GROUP (group));
  self->drawn_id = g_signal_connect_object (stead_window_get_map_view (window), "area-drawn",
                                            G_CALLBACK (risks_window_addin_on_area_drawn), window, G_CONNECT_SWAPPED);
}

static void
risks_window_addin_unload (SteadWindowAddin *addin,
                           SteadWindow      *window)
{
  RisksWindowAddin *self = RISKS_WINDOW_ADDIN (addin);

  if (self->page == NULL)
    return;
  stead_window_remove_page (window, "risks.register");
  gtk_widget_insert_action_group (GTK_WIDGET (window), "risks", NULL);
  g_clear_signal_handler (&self->drawn_id, stead_window_get_map_view (window));
  g_clear_object (&self->page);
  self->window = NULL;
}

static void
risks_window_addin_iface_init (SteadWindowAddinInterface *iface)
{
  iface->load = risks_window_addin_load;
  iface->unload = risks_window_addin_unload;
}

static void
risks_window_addin_dispose (GObject *object)
{
  g_clear_object (&RISKS_WINDOW_ADDIN (object)->page);
  G_OBJECT_CLASS (risks_window_addin_parent_class)->dispose (object);
}

static void
risks_window_addin_class_init (RisksWindowAddinClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = risks_window_addin_dispose;
}

static void
risks_window_addin_init (RisksWindowAddin *self)
{
}
