/* stead-search-popover.c: the workspace search under the header's search button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ctrl+K (win.search) or the header's button opens it. As the user types
 * (after the entry's 150 ms pause) it asks stead_workspace_search_async()
 * for the best hits, on a reader connection in a thread, and drops what
 * an older search finds late. Up and Down choose a hit while the entry
 * keeps the focus; Enter or a click activates it with <owner>.show
 * (kind, ref), which the plugin owning the record installs (the window
 * installs core.show for areas). Escape closes it and gives the focus
 * back to where it was. SteadSearchList does what the map's search does
 * alike.
 */

#define G_LOG_DOMAIN "stead-search-popover"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "stead-search-list-private.h"
#include "stead-search-popover-private.h"
#include "stead-search-result-private.h"

/* As many as a popover shows at once without feeling like a list page. */
#define STEAD_SEARCH_POPOVER_LIMIT 20

struct _SteadSearchPopover
{
  GtkPopover          parent_instance;

  /* Template widgets */
  GtkSearchEntry     *entry;
  GtkStack           *stack;
  GtkListView        *list;
  AdwStatusPage      *no_results;

  SteadSearchList     search;       /* of SteadSearchResult, best first */
  SteadWorkspace     *workspace;
};

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SteadSearchPopover, stead_search_popover, GTK_TYPE_POPOVER)

/* With nothing typed: a hint, or that nothing can be found yet. */
static void
stead_search_popover_show_start (SteadSearchPopover *self)
{
  stead_search_list_forget (&self->search);
  gtk_stack_set_visible_child_name (self->stack,
                                    self->workspace != NULL &&
                                    stead_workspace_search_is_empty (self->workspace) ? "nothing"
                                                                                      : "start");
}

static void stead_search_popover_activate (SteadSearchPopover *self,
                                           guint               position);

static void
stead_search_popover_on_found (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(SteadSearchPopover) self = user_data;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  SteadWorkspace *workspace = STEAD_WORKSPACE (object);
  gboolean activate;

  /* A search overtaken by more typing (or a closed workspace) is
   * cancelled, and what it found is dropped here. */
  hits = stead_workspace_search_finish (workspace, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || workspace != self->workspace)
    return;
  if (hits == NULL)
    {
      g_warning ("%s", error->message);
      hits = g_ptr_array_new ();
    }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < hits->len; i++)
    {
      const SteadSearchHit *hit = g_ptr_array_index (hits, i);
      const char *label = stead_workspace_get_kind_label (workspace, hit->kind);

      g_ptr_array_add (items, stead_search_result_new (hit, label));
    }
  activate = stead_search_list_finish (&self->search, items);
  if (items->len > 0)
    gtk_stack_set_visible_child_name (self->stack, "results");
  else if (stead_workspace_search_is_empty (workspace))
    gtk_stack_set_visible_child_name (self->stack, "nothing");
  else
    {
      g_autofree char *title = g_strdup_printf (_("No results for “%s”"),
                                                gtk_editable_get_text (GTK_EDITABLE (self->entry)));

      adw_status_page_set_title (self->no_results, title);
      gtk_stack_set_visible_child_name (self->stack, "none");
    }
  if (activate)
    stead_search_popover_activate (self, 0);
}

static void
stead_search_popover_on_search_changed (SteadSearchPopover *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *query = stead_search_make_query (text);

  stead_search_list_cancel (&self->search);
  if (self->workspace == NULL || query == NULL)
    {
      stead_search_popover_show_start (self);
      return;
    }
  stead_workspace_search_async (self->workspace, text, STEAD_SEARCH_POPOVER_LIMIT,
                                stead_search_list_start (&self->search),
                                stead_search_popover_on_found, g_object_ref (self));
}

/* Shows the record: <owner>.show (kind, ref), up the widget tree from
 * here to the window, where the owning plugin installed it. */
static void
stead_search_popover_activate (SteadSearchPopover *self,
                               guint               position)
{
  g_autoptr(SteadSearchResult) result = NULL;
  g_autofree char *action = NULL;

  result = g_list_model_get_item (G_LIST_MODEL (self->search.results), position);
  if (result == NULL)
    return;
  action = g_strdup_printf ("%s.show", stead_search_result_get_owner (result));
  /* The page that shows the record takes the focus, not what had it. */
  g_clear_weak_pointer (&self->search.return_focus);
  gtk_popover_popdown (GTK_POPOVER (self));
  if (!gtk_widget_activate_action (GTK_WIDGET (self), action, "(sx)",
                                   stead_search_result_get_kind (result),
                                   stead_search_result_get_ref (result)))
    g_debug ("Nothing shows “%s”: no action %s",
             stead_search_result_get_title (result), action);
}

static void
stead_search_popover_on_entry_activate (SteadSearchPopover *self)
{
  guint position;

  /* Enter before the hits for what is typed are in: search now (unless
   * that search runs), and activate the best hit when it comes. */
  if (stead_search_list_enter (&self->search, &position))
    stead_search_popover_activate (self, position);
  else if (self->search.cancellable == NULL)
    stead_search_popover_on_search_changed (self);
}

static void
stead_search_popover_on_list_activate (SteadSearchPopover *self,
                                       guint               position)
{
  stead_search_popover_activate (self, position);
}

static void
stead_search_popover_on_stop_search (SteadSearchPopover *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
stead_search_popover_show (GtkWidget *widget)
{
  SteadSearchPopover *self = STEAD_SEARCH_POPOVER (widget);

  stead_search_list_remember_focus (&self->search, widget);
  GTK_WIDGET_CLASS (stead_search_popover_parent_class)->show (widget);

  /* What was searched last is kept, selected, so typing replaces it. */
  if (gtk_editable_get_text (GTK_EDITABLE (self->entry))[0] == '\0')
    stead_search_popover_show_start (self);
  stead_search_list_focus_entry (&self->search);
}

static void
stead_search_popover_closed (GtkPopover *popover)
{
  stead_search_list_closed (&STEAD_SEARCH_POPOVER (popover)->search);
}

SteadWorkspace *
stead_search_popover_get_workspace (SteadSearchPopover *self)
{
  g_return_val_if_fail (STEAD_IS_SEARCH_POPOVER (self), NULL);

  return self->workspace;
}

/**
 * stead_search_popover_set_workspace:
 * @self: a #SteadSearchPopover
 * @workspace: (nullable): what to search
 *
 * Forgets what was typed and found in the workspace before.
 */
void
stead_search_popover_set_workspace (SteadSearchPopover *self,
                                    SteadWorkspace     *workspace)
{
  g_return_if_fail (STEAD_IS_SEARCH_POPOVER (self));
  g_return_if_fail (workspace == NULL || STEAD_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;
  stead_search_list_cancel (&self->search);
  g_set_object (&self->workspace, workspace);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  stead_search_list_cancel (&self->search);
  stead_search_popover_show_start (self);
  if (workspace == NULL)
    gtk_popover_popdown (GTK_POPOVER (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

static void
stead_search_popover_dispose (GObject *object)
{
  SteadSearchPopover *self = STEAD_SEARCH_POPOVER (object);

  stead_search_list_cancel (&self->search);
  gtk_widget_dispose_template (GTK_WIDGET (self), STEAD_TYPE_SEARCH_POPOVER);
  stead_search_list_clear (&self->search);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (stead_search_popover_parent_class)->dispose (object);
}

static void
stead_search_popover_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SteadSearchPopover *self = STEAD_SEARCH_POPOVER (object);

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
stead_search_popover_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SteadSearchPopover *self = STEAD_SEARCH_POPOVER (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      stead_search_popover_set_workspace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_search_popover_class_init (SteadSearchPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkPopoverClass *popover_class = GTK_POPOVER_CLASS (klass);

  object_class->dispose = stead_search_popover_dispose;
  object_class->get_property = stead_search_popover_get_property;
  object_class->set_property = stead_search_popover_set_property;
  widget_class->show = stead_search_popover_show;
  popover_class->closed = stead_search_popover_closed;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, STEAD_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The row template names it. */
  g_type_ensure (STEAD_TYPE_SEARCH_RESULT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steadapp/Stead/stead-search-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, SteadSearchPopover, entry);
  gtk_widget_class_bind_template_child (widget_class, SteadSearchPopover, stack);
  gtk_widget_class_bind_template_child (widget_class, SteadSearchPopover, list);
  gtk_widget_class_bind_template_child (widget_class, SteadSearchPopover, no_results);
  gtk_widget_class_bind_template_callback (widget_class, stead_search_popover_on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, stead_search_popover_on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, stead_search_popover_on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, stead_search_popover_on_stop_search);
}

static void
stead_search_popover_init (SteadSearchPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  stead_search_list_init (&self->search, self->entry, self->list, STEAD_TYPE_SEARCH_RESULT);
}
