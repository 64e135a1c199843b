/* stead-detail-rows.c: rows for a plugin page's detail pane
 *
 * Editable rows apply on the row's Apply button (entries) or on a new
 * choice (combos); the page turns that into one transaction, one undo
 * step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "stead-detail-rows.h"

GtkWidget *
stead_detail_group_new (const char *title,
                        const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

GtkWidget *
stead_detail_info_row_new (const char *title,
                           const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_widget_add_css_class (row, "property");
  return row;
}

/**
 * stead_detail_entry_row_new:
 * @on_apply: (scope notified): connected to AdwEntryRow::apply
 *
 * Returns: (transfer floating): an entry row with an Apply button
 */
GtkWidget *
stead_detail_entry_row_new (const char *title,
                            const char *field,
                            const char *value,
                            GCallback   on_apply,
                            gpointer    user_data)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "stead-field", g_strdup (field), g_free);
  g_signal_connect (row, "apply", on_apply, user_data);
  return row;
}

/**
 * stead_detail_combo_row_new:
 * @codes: the values of the choices, as GtkStringObjects
 * @labels: what the user reads for each
 * @value: (nullable): the code chosen now
 * @on_selected: (scope notified): connected to notify::selected, after @value is set
 *
 * Returns: (transfer floating): a combo row
 */
GtkWidget *
stead_detail_combo_row_new (const char *title,
                            const char *field,
                            GListModel *codes,
                            GListModel *labels,
                            const char *value,
                            GCallback   on_selected,
                            gpointer    user_data)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), labels);
  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(GtkStringObject) code = g_list_model_get_item (codes, i);

      if (g_strcmp0 (gtk_string_object_get_string (code), value ? value : "") == 0)
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
    }
  g_object_set_data_full (G_OBJECT (row), "stead-codes", g_object_ref (codes), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "stead-field", g_strdup (field), g_free);
  g_signal_connect (row, "notify::selected", on_selected, user_data);
  return row;
}

const char *
stead_detail_row_get_field (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "stead-field");
}

/**
 * stead_detail_row_get_value:
 * @row: a row from this file
 *
 * Returns: (transfer full) (nullable): the entry's text or the chosen code
 */
char *
stead_detail_row_get_value (GtkWidget *row)
{
  GListModel *codes = g_object_get_data (G_OBJECT (row), "stead-codes");

  if (codes != NULL)
    {
      g_autoptr(GtkStringObject) code = NULL;
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

      if (selected == GTK_INVALID_LIST_POSITION)
        return NULL;
      code = g_list_model_get_item (codes, selected);
      return code != NULL ? g_strdup (gtk_string_object_get_string (code)) : NULL;
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
}
