/* stead-search-list-private.h: a search entry over a list of what it finds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the workspace search (Ctrl+K) and the map's search (Ctrl+F) do
 * alike, held in each: the results and their selection, the search
 * running, Enter typed before its results, and where the focus was. */
typedef struct
{
  GtkSearchEntry     *entry;
  GtkListView        *list;
  GListStore         *results;
  GtkSingleSelection *selection;
  GCancellable       *cancellable;         /* the search running */
  GtkWidget          *return_focus;        /* weak: what had the focus before it opened */
  char               *shown_text;          /* what the results shown were found for */
  gboolean            activate_when_found; /* Enter came before the results */
} SteadSearchList;

void          stead_search_list_init         (SteadSearchList *self,
                                              GtkSearchEntry  *entry,
                                              GtkListView     *list,
                                              GType            item_type);
void          stead_search_list_clear        (SteadSearchList *self);
void          stead_search_list_cancel       (SteadSearchList *self);
GCancellable *stead_search_list_start        (SteadSearchList *self);
gboolean      stead_search_list_finish       (SteadSearchList *self,
                                              GPtrArray       *items);
void          stead_search_list_forget       (SteadSearchList *self);
gboolean      stead_search_list_enter        (SteadSearchList *self,
                                              guint           *position);
void          stead_search_list_remember_focus (SteadSearchList *self,
                                                GtkWidget       *widget);
void          stead_search_list_focus_entry  (SteadSearchList *self);
void          stead_search_list_closed       (SteadSearchList *self);

G_END_DECLS
