/* risks-window-addin.c: the Risks page in a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "risks"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "risks.h"
#include "risks-page.h"
#include "risks-private.h"

#define RISKS_TYPE_WINDOW_ADDIN (risks_window_addin_get_type ())
G_DECLARE_FINAL_TYPE (RisksWindowAddin, risks_window_addin, RISKS, WINDOW_ADDIN, GObject)

struct _RisksWindowAddin
{
  GObject parent_instance;
};

/* A polygon drawn on the map can become a hazard area of a risk. */
static void
on_save_response (AdwMessageDialog *dialog,
                  const char       *response,
                  SteadWindow      *window)
{
  GtkWidget **rows = g_object_get_data (G_OBJECT (dialog), "rows");
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "ids");
  SteadWorkspace *workspace = stead_window_get_workspace (window);
  SteadGeometry *polygon = stead_map_view_get_drawn_area (stead_window_get_map_view (window));
  g_autoptr(GError) error = NULL;
  guint selected;

  if (!g_str_equal (response, "save") || workspace == NULL || polygon == NULL)
    return;
  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (rows[0]));
  if (selected >= ids->len ||
      risks_hazard_area_add (workspace, g_array_index (ids, gint64, selected),
                             gtk_editable_get_text (GTK_EDITABLE (rows[1])), polygon, &error) == 0)
    {
      GtkWidget *alert = adw_message_dialog_new (GTK_WINDOW (window), _("Could not save the hazard area"),
                                                 error ? error->message : _("Choose a risk"));

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (alert));
    }
}

static void
save_drawn_area_activate (SteadWindow *window)
{
  SteadWorkspace *workspace = stead_window_get_workspace (window);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkWidget *dialog, *list;
  GtkWidget **rows = g_new0 (GtkWidget *, 2);

  if (workspace == NULL)
    return;
  stmt = stead_workspace_prepare (workspace, "SELECT id, reference || ' ' || title FROM risks_risk ORDER BY reference", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      gtk_string_list_append (titles, (const char *) sqlite3_column_text (stmt, 1));
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Save as Hazard Area"),
                                   _("The area you drew becomes a hazard area of the risk, on the map for everyone."));
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  rows[0] = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows[0]), _("Risk"));
  adw_combo_row_set_model (ADW_COMBO_ROW (rows[0]), G_LIST_MODEL (titles));
  rows[1] = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows[1]), _("Name"));
  gtk_list_box_append (GTK_LIST_BOX (list), rows[0]);
  gtk_list_box_append (GTK_LIST_BOX (list), rows[1]);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "rows", rows, g_free);
  g_object_set_data_full (G_OBJECT (dialog), "ids", ids, (GDestroyNotify) g_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_response), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_area_drawn (SteadMapView  *map,
               SteadGeometry *polygon,
               SteadWindow   *window)
{
  AdwToast *toast = adw_toast_new (_("Keep this area as a hazard area of a risk?"));

  adw_toast_set_button_label (toast, _("_Save as Hazard Area…"));
  adw_toast_set_action_name (toast, "risks.save-drawn-area");
  stead_window_show_toast (window, toast);
}

/* Hazard areas are `area` rows of kind 'hazard': the map's area layer
 * draws them and a click on one summarises what is inside. */
static void
load (SteadWindowAddin *addin,
      SteadWindow      *window)
{
  SteadWorkspace *workspace = stead_window_get_workspace (window);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("save-drawn-area", NULL);

  if (workspace == NULL)
    return;
  stead_window_add_page (window, "risks.register", _("Risks"), "dialog-warning-symbolic", risks_page_new (workspace));

  g_signal_connect_swapped (action, "activate", G_CALLBACK (save_drawn_area_activate), window);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (GTK_WIDGET (window), "risks", G_ACTION_GROUP (group));
  g_signal_connect_object (stead_window_get_map_view (window), "area-drawn", G_CALLBACK (on_area_drawn), window, 0);
}

static void
unload (SteadWindowAddin *addin,
        SteadWindow      *window)
{
  stead_window_remove_page (window, "risks.register");
  gtk_widget_insert_action_group (GTK_WIDGET (window), "risks", NULL);
  g_signal_handlers_disconnect_by_func (stead_window_get_map_view (window), on_area_drawn, window);
}

static void
window_addin_iface_init (SteadWindowAddinInterface *iface)
{
  iface->load = load;
  iface->unload = unload;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (RisksWindowAddin, risks_window_addin, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEAD_TYPE_WINDOW_ADDIN, window_addin_iface_init))

static void risks_window_addin_class_init (RisksWindowAddinClass *klass) { }
static void risks_window_addin_init (RisksWindowAddin *self) { }
