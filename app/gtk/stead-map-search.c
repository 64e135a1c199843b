/* stead-map-search.c: the search on the map (Ctrl+F), over its top edge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A card with an entry and the places found, shown by Ctrl+F (map.search)
 * or the map's search button. As the user types (after the entry's
 * 150 ms pause) it asks stead_workspace_find_places_async() for
 * postcodes, areas, partner sites and other records, coordinates and
 * grid references, in a thread. Up and Down choose a place while the
 * entry keeps the focus; Enter or a click emits
 * SteadMapSearch::place-chosen and closes the card, for the map to fly
 * there and mark it. Escape closes it and gives the focus back to where
 * it was. SteadSearchList does what the workspace search does alike.
 */

#define G_LOG_DOMAIN "stead-map-search"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "stead-map-search-private.h"
#include "stead-search-list-private.h"

/* As many as fit under the entry without hiding the map. */
#define STEAD_MAP_SEARCH_LIMIT 20

struct _SteadMapSearch
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkWidget          *card;
  GtkSearchEntry     *entry;
  GtkStack           *stack;
  GtkListView        *list;

  SteadSearchList     search;       /* of SteadPlace, best first */
  SteadWorkspace     *workspace;
};

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PLACE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SteadMapSearch, stead_map_search, GTK_TYPE_WIDGET)

GtkWidget *
stead_map_search_new (void)
{
  return g_object_new (STEAD_TYPE_MAP_SEARCH, NULL);
}

/* With nothing typed: what can be found. */
static void
stead_map_search_show_start (SteadMapSearch *self)
{
  stead_search_list_forget (&self->search);
  gtk_stack_set_visible_child_name (self->stack, "start");
}

static void stead_map_search_choose (SteadMapSearch *self,
                                     guint           position);

static void
stead_map_search_on_found (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(SteadMapSearch) self = user_data;
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GError) error = NULL;
  SteadWorkspace *workspace = STEAD_WORKSPACE (object);
  gboolean choose;

  /* A search overtaken by more typing (or another workspace) is
   * cancelled, and what it found is dropped here. */
  places = stead_workspace_find_places_finish (workspace, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || workspace != self->workspace)
    return;
  if (places == NULL)
    {
      g_warning ("%s", error->message);
      places = g_ptr_array_new ();
    }
  choose = stead_search_list_finish (&self->search, places);
  gtk_stack_set_visible_child_name (self->stack, places->len > 0 ? "results" : "none");
  if (choose)
    stead_map_search_choose (self, 0);
}

static void
stead_map_search_on_search_changed (SteadMapSearch *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  stead_search_list_cancel (&self->search);
  if (self->workspace == NULL || stripped[0] == '\0')
    {
      stead_map_search_show_start (self);
      return;
    }
  stead_workspace_find_places_async (self->workspace, text, STEAD_MAP_SEARCH_LIMIT,
                                     stead_search_list_start (&self->search),
                                     stead_map_search_on_found, g_object_ref (self));
}

/* Closes the card and hands the place over: the map flies there. */
static void
stead_map_search_choose (SteadMapSearch *self,
                         guint           position)
{
  g_autoptr(SteadPlace) place = g_list_model_get_item (G_LIST_MODEL (self->search.results),
                                                      position);

  if (place == NULL)
    return;
  /* The map takes the focus, not what had it. */
  g_clear_weak_pointer (&self->search.return_focus);
  stead_map_search_close (self);
  g_signal_emit (self, signals[PLACE_CHOSEN], 0, place);
}

static void
stead_map_search_on_entry_activate (SteadMapSearch *self)
{
  guint position;

  /* Enter before the places for what is typed are in: search now
   * (unless that search runs), and go to the first when it comes. */
  if (stead_search_list_enter (&self->search, &position))
    stead_map_search_choose (self, position);
  else if (self->search.cancellable == NULL)
    stead_map_search_on_search_changed (self);
}

static void
stead_map_search_on_list_activate (SteadMapSearch *self,
                                   guint           position)
{
  stead_map_search_choose (self, position);
}

static void
stead_map_search_on_stop_search (SteadMapSearch *self)
{
  stead_map_search_close (self);
}

/**
 * stead_map_search_open:
 * @self: a #SteadMapSearch
 *
 * Shows the search with the focus in its entry; what was searched last
 * is kept, selected, so that typing replaces it.
 */
void
stead_map_search_open (SteadMapSearch *self)
{
  g_return_if_fail (STEAD_IS_MAP_SEARCH (self));

  if (self->workspace == NULL)
    return;
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    stead_search_list_remember_focus (&self->search, GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  stead_search_list_focus_entry (&self->search);
}

/**
 * stead_map_search_close:
 * @self: a #SteadMapSearch
 *
 * Hides the search, and gives the focus back to what had it.
 */
void
stead_map_search_close (SteadMapSearch *self)
{
  g_return_if_fail (STEAD_IS_MAP_SEARCH (self));

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  stead_search_list_closed (&self->search);
}

SteadWorkspace *
stead_map_search_get_workspace (SteadMapSearch *self)
{
  g_return_val_if_fail (STEAD_IS_MAP_SEARCH (self), NULL);

  return self->workspace;
}

/**
 * stead_map_search_set_workspace:
 * @self: a #SteadMapSearch
 * @workspace: (nullable): where to search
 *
 * Forgets what was typed and found in the workspace before; with no
 * workspace, closes.
 */
void
stead_map_search_set_workspace (SteadMapSearch *self,
                                SteadWorkspace *workspace)
{
  g_return_if_fail (STEAD_IS_MAP_SEARCH (self));
  g_return_if_fail (workspace == NULL || STEAD_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;
  stead_search_list_cancel (&self->search);
  g_set_object (&self->workspace, workspace);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  stead_search_list_cancel (&self->search);
  stead_map_search_show_start (self);
  if (workspace == NULL)
    stead_map_search_close (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

static void
stead_map_search_dispose (GObject *object)
{
  SteadMapSearch *self = STEAD_MAP_SEARCH (object);

  stead_search_list_cancel (&self->search);
  gtk_widget_dispose_template (GTK_WIDGET (self), STEAD_TYPE_MAP_SEARCH);
  stead_search_list_clear (&self->search);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (stead_map_search_parent_class)->dispose (object);
}

static void
stead_map_search_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SteadMapSearch *self = STEAD_MAP_SEARCH (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_map_search_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SteadMapSearch *self = STEAD_MAP_SEARCH (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      stead_map_search_set_workspace (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_map_search_class_init (SteadMapSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stead_map_search_dispose;
  object_class->get_property = stead_map_search_get_property;
  object_class->set_property = stead_map_search_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, STEAD_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SteadMapSearch::place-chosen:
   * @place: (type SteadPlace): where to go
   *
   * The user chose a place; the search has closed.
   */
  signals[PLACE_CHOSEN] = g_signal_new ("place-chosen", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                        STEAD_TYPE_PLACE);

  /* The row template names it. */
  g_type_ensure (STEAD_TYPE_PLACE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steadapp/Stead/stead-map-search.ui");
  gtk_widget_class_bind_template_child (widget_class, SteadMapSearch, card);
  gtk_widget_class_bind_template_child (widget_class, SteadMapSearch, entry);
  gtk_widget_class_bind_template_child (widget_class, SteadMapSearch, stack);
  gtk_widget_class_bind_template_child (widget_class, SteadMapSearch, list);
  gtk_widget_class_bind_template_callback (widget_class, stead_map_search_on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, stead_map_search_on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, stead_map_search_on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, stead_map_search_on_stop_search);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "steadmapsearch");
}

static void
stead_map_search_init (SteadMapSearch *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  stead_search_list_init (&self->search, self->entry, self->list, STEAD_TYPE_PLACE);
}
