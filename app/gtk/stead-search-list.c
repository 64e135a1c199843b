/* stead-search-list.c: a search entry over a list of what it finds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The part of the workspace search (Ctrl+K) and the map's search (Ctrl+F)
 * that is the same: a newer search cancels the one running, and what that
 * finds late is dropped; the first result is selected, and Up, Down,
 * Page Up and Page Down move through the results while the entry keeps
 * the focus; Enter typed before the results for what is typed are in
 * (typed fast, within the entry's pause) activates the first when they
 * come; opened, the last text is kept and selected, so typing replaces
 * it; closed, the focus goes back to where it was.
 */

#define G_LOG_DOMAIN "stead-search-list"

#include "config.h"

#include "stead-search-list-private.h"

static gboolean
stead_search_list_on_key_pressed (SteadSearchList       *self,
                                  guint                  keyval,
                                  guint                  keycode,
                                  GdkModifierType        state,
                                  GtkEventControllerKey *controller)
{
  guint n, selected, target;

  if (self->selection == NULL)
    return FALSE;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  selected = gtk_single_selection_get_selected (self->selection);
  if (n == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      target = selected == GTK_INVALID_LIST_POSITION ? 0 : MIN (selected + 1, n - 1);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      target = selected == GTK_INVALID_LIST_POSITION || selected == 0 ? 0 : selected - 1;
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      target = selected == GTK_INVALID_LIST_POSITION ? 0 : MIN (selected + 5, n - 1);
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      target = selected == GTK_INVALID_LIST_POSITION || selected < 5 ? 0 : selected - 5;
      break;
    default:
      return FALSE;
    }
  gtk_single_selection_set_selected (self->selection, target);
  gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", target);
  return TRUE;
}

/* @self lives as long as @entry: it is a part of the entry's owner. */
void
stead_search_list_init (SteadSearchList *self,
                        GtkSearchEntry  *entry,
                        GtkListView     *list,
                        GType            item_type)
{
  GtkEventController *keys;

  self->entry = entry;
  self->list = list;
  self->results = g_list_store_new (item_type);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->results)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (list, GTK_SELECTION_MODEL (self->selection));

  /* Before the entry's text sees them: Up and Down are not the text's. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (stead_search_list_on_key_pressed),
                            self);
  gtk_widget_add_controller (GTK_WIDGET (entry), keys);
}

/* In the owner's dispose. */
void
stead_search_list_clear (SteadSearchList *self)
{
  stead_search_list_cancel (self);
  g_clear_weak_pointer (&self->return_focus);
  g_clear_object (&self->selection);
  g_clear_object (&self->results);
  g_clear_pointer (&self->shown_text, g_free);
}

void
stead_search_list_cancel (SteadSearchList *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

/* A search begins: the one running is cancelled. Returns (transfer none)
 * the new one's cancellable. */
GCancellable *
stead_search_list_start (SteadSearchList *self)
{
  stead_search_list_cancel (self);
  self->cancellable = g_cancellable_new ();
  return self->cancellable;
}

/* The search ended with @items (of the list's item type) for the text
 * typed: they are listed and the first selected. Returns TRUE if Enter
 * came first: the caller activates the first now. */
gboolean
stead_search_list_finish (SteadSearchList *self,
                          GPtrArray       *items)
{
  g_clear_object (&self->cancellable);
  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       items->pdata, items->len);
  g_free (self->shown_text);
  self->shown_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  if (items->len > 0)
    gtk_single_selection_set_selected (self->selection, 0);
  if (!self->activate_when_found)
    return FALSE;
  self->activate_when_found = FALSE;
  return TRUE;
}

/* Nothing typed: nothing listed. */
void
stead_search_list_forget (SteadSearchList *self)
{
  g_clear_pointer (&self->shown_text, g_free);
  g_list_store_remove_all (self->results);
}

/* Enter in the entry. Returns TRUE with the result to activate; FALSE if
 * the results for what is typed are not in yet: the first is activated
 * when they come (the caller searches now if nothing is running). */
gboolean
stead_search_list_enter (SteadSearchList *self,
                         guint           *position)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (self->cancellable != NULL ||
      g_strcmp0 (self->shown_text, gtk_editable_get_text (GTK_EDITABLE (self->entry))) != 0)
    {
      self->activate_when_found = TRUE;
      return FALSE;
    }
  *position = selected != GTK_INVALID_LIST_POSITION ? selected : 0;
  return TRUE;
}

/* Before @widget (the search) shows: where the focus is, to go back to
 * when it closes. */
void
stead_search_list_remember_focus (SteadSearchList *self,
                                  GtkWidget       *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  g_set_weak_pointer (&self->return_focus, root != NULL ? gtk_root_get_focus (root) : NULL);
}

/* Once it shows: the focus in the entry, its text selected. */
void
stead_search_list_focus_entry (SteadSearchList *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

/* The search closed: the focus goes back, unless a result was activated
 * (g_clear_weak_pointer (&return_focus) first: what it shows takes it). */
void
stead_search_list_closed (SteadSearchList *self)
{
  g_autoptr(GtkWidget) focus = NULL;

  if (self->return_focus != NULL)
    focus = g_object_ref (self->return_focus);
  self->activate_when_found = FALSE;
  g_clear_weak_pointer (&self->return_focus);
  if (focus != NULL && gtk_widget_get_mapped (focus))
    gtk_widget_grab_focus (focus);
}
