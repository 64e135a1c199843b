/* stead-map-view-popover.c: the record popover of a need or resource clicked on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is known of one point: its kind, title (personal data: only if the
 * user allows it) and state; "Open Record" activates <module>.show-record,
 * which the plugin that owns the record installs, with the record's id,
 * or for the core's own needs and resources core.show, their page. A need
 * not yet met can be marked met here (one undo step, with Undo in a
 * toast) or assigned, on the Needs page. A cluster that is still one at the last
 * zoom lists its members instead, each showing its own popover.
 */

#define G_LOG_DOMAIN "stead-map-view"

#include "config.h"

#include <glib/gi18n.h>

#include "stead-area-panel-private.h"
#include "stead-map-view-private.h"
#include "stead-window.h"

static void
stead_map_view_popover_on_open_record (GtkButton    *button,
                                       SteadMapView *self)
{
  gboolean done;

  /* The owning plugin installs <module>.show-record; ids are namespaced.
   * The core's own records are core.show's. */
  if (g_str_equal (self->popover_action, "core.show"))
    done = gtk_widget_activate_action (GTK_WIDGET (self), "core.show", "(sx)",
                                       self->popover_need ? "need" : "resource",
                                       self->popover_ref);
  else
    done = gtk_widget_activate_action (GTK_WIDGET (self), self->popover_action, "x",
                                       self->popover_ref);
  if (!done)
    g_message ("No plugin handles %s", self->popover_action);
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

/* Assigning is choosing among the partners: the need's page does it. */
static void
stead_map_view_popover_on_assign (GtkButton    *button,
                                  SteadMapView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "core.assign-need", "x", self->popover_fid);
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
stead_map_view_popover_on_mark_met (GtkButton    *button,
                                    SteadMapView *self)
{
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->workspace == NULL)
    return;
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  if (!stead_need_set_status (self->workspace, self->popover_fid, "met", &error))
    g_warning ("%s", error->message);
  else if (STEAD_IS_WINDOW (root))
    {
      AdwToast *toast = adw_toast_new (_("Need marked met"));

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
      stead_window_show_toast (STEAD_WINDOW (root), toast);
    }
}

/* The popover's text under its heading. */
static char *
stead_map_view_popover_describe (const SteadPointDetails *details,
                                 gboolean                 needs,
                                 gboolean                 show_title)
{
  GString *text = g_string_new (NULL);

  if (details->title != NULL && show_title)
    g_string_append_printf (text, "%s\n", details->title);
  if (needs)
    {
      static const char *urgency[] = { NULL, N_("Low"), N_("Medium"), N_("High"), N_("Critical") };
      int u = CLAMP (details->urgency, 1, 4);
      int people = details->amount;

      g_string_append_printf (text, ngettext ("%d person affected", "%d people affected", people),
                              people);
      g_string_append_printf (text, "\n%s: %s\n", _("Urgency"), _(urgency[u]));
      g_string_append_printf (text, "%s: %s\n", _("Status"),
                              stead_need_status_label (details->state));
      g_string_append_printf (text, "%s: %.10s", _("Opened"), details->opened);
    }
  else
    {
      g_string_append_printf (text, "%s: %d\n", _("Capacity"), details->amount);
      g_string_append_printf (text, "%s: %s", _("Availability"), details->state);
    }
  return g_string_free (text, FALSE);
}

/* Shows @child in a new popover pointing at (@x, @y) of the view, in place
 * of any other. */
static void
stead_map_view_popover_open (SteadMapView *self,
                             GtkWidget    *child,
                             double        x,
                             double        y)
{
  /* Popped down first: unparented while shown, it keeps the pointer's grab. */
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), child);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
  self->popover_at = (GdkRectangle) { x - 4, y - 4, 8, 8 };
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &self->popover_at);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

/* A popover with what is known of one need or resource, pointing at
 * (@x, @y) of the view. */
void
stead_map_view_popover_show (SteadMapView    *self,
                             SteadPointLayer *layer,
                             gint64           fid,
                             double           x,
                             double           y)
{
  gboolean needs = stead_point_layer_get_kind (layer) == STEAD_POINT_LAYER_NEEDS;
  g_autoptr(SteadPointDetails) details = NULL;
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  GtkWidget *box, *heading, *body;
  gboolean show_title;

  if (self->workspace == NULL ||
      !(details = stead_point_source_get_details (self->workspace,
                                                  needs ? STEAD_POINT_SOURCE_NEEDS
                                                        : STEAD_POINT_SOURCE_RESOURCES,
                                                  fid)))
    return;

  label = stead_workspace_get_term_label (self->workspace, needs ? "need-kind" : "resource-kind",
                                          details->kind);
  if (label == NULL)
    label = g_strdup (details->kind);
  show_title = stead_area_panel_get_show_personal (STEAD_AREA_PANEL (self->area_panel));
  text = stead_map_view_popover_describe (details, needs, show_title);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  heading = gtk_label_new (label);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  body = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), body);

  g_clear_pointer (&self->popover_action, g_free);
  self->popover_need = needs;
  self->popover_fid = fid;
  if (needs && (g_strcmp0 (details->state, "open") == 0 ||
                g_strcmp0 (details->state, "assigned") == 0))
    {
      GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *assign = gtk_button_new_with_mnemonic (_("_Assign…"));
      GtkWidget *met = gtk_button_new_with_mnemonic (_("Mark _Met"));

      gtk_widget_set_name (assign, "assign");
      gtk_widget_set_name (met, "mark-met");
      gtk_widget_set_hexpand (assign, TRUE);
      gtk_widget_set_hexpand (met, TRUE);
      gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
      g_signal_connect (assign, "clicked", G_CALLBACK (stead_map_view_popover_on_assign), self);
      g_signal_connect (met, "clicked", G_CALLBACK (stead_map_view_popover_on_mark_met), self);
      gtk_box_append (GTK_BOX (buttons), assign);
      gtk_box_append (GTK_BOX (buttons), met);
      gtk_box_append (GTK_BOX (box), buttons);
    }
  {
    GtkWidget *button = gtk_button_new_with_mnemonic (_("_Open Record"));

    gtk_widget_set_name (button, "open-record");
    if (details->owner != NULL)
      {
        self->popover_action = g_strdup_printf ("%s.show-record", details->owner);
        self->popover_ref = details->owner_ref;
      }
    else
      {
        self->popover_action = g_strdup ("core.show");
        self->popover_ref = fid;
      }
    g_signal_connect (button, "clicked", G_CALLBACK (stead_map_view_popover_on_open_record),
                      self);
    gtk_box_append (GTK_BOX (box), button);
  }

  stead_map_view_popover_open (self, box, x, y);
}

/* A member's row: what it is, then its kind, amount and state. */
static void
stead_map_view_popover_setup_member (GtkSignalListItemFactory *factory,
                                     GtkListItem              *item,
                                     gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_item_set_child (item, box);
}

/* A member's row is its class and fid, as text ("need:12", "resource:3"):
 * all a row needs to look its record up when it is shown. */
static gboolean
stead_map_view_popover_row_is_need (const char *row)
{
  return g_str_has_prefix (row, "need:");
}

static gint64
stead_map_view_popover_row_fid (const char *row)
{
  const char *colon = strchr (row, ':');

  return g_ascii_strtoll (colon != NULL ? colon + 1 : row, NULL, 10);
}

/* Looked up as it is shown: a cluster can have thousands of members. */
static void
stead_map_view_popover_bind_member (GtkSignalListItemFactory *factory,
                                    GtkListItem              *item,
                                    SteadMapView             *self)
{
  const char *row = gtk_string_object_get_string (gtk_list_item_get_item (item));
  gboolean needs = stead_map_view_popover_row_is_need (row);
  GtkWidget *title = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autoptr(SteadPointDetails) details = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *text = NULL;

  if (self->workspace == NULL ||
      !(details = stead_point_source_get_details (self->workspace,
                                                  needs ? STEAD_POINT_SOURCE_NEEDS
                                                        : STEAD_POINT_SOURCE_RESOURCES,
                                                  stead_map_view_popover_row_fid (row))))
    {
      gtk_label_set_text (GTK_LABEL (title), _("No longer there"));
      gtk_label_set_text (GTK_LABEL (subtitle), NULL);
      return;
    }
  kind = stead_workspace_get_term_label (self->workspace, needs ? "need-kind" : "resource-kind",
                                         details->kind);
  if (kind == NULL)
    kind = g_strdup (details->kind);
  if (needs)
    /* TRANSLATORS: a need listed on the map: its kind, people affected, status */
    text = g_strdup_printf (ngettext ("%s · %d person · %s", "%s · %d people · %s",
                                      details->amount),
                            kind, details->amount, details->state);
  else
    /* TRANSLATORS: a resource listed on the map: its kind, capacity, availability */
    text = g_strdup_printf (_("%s · capacity %d · %s"), kind, details->amount, details->state);
  /* Titles are personal data: shown only if the user allows it. */
  gtk_label_set_text (GTK_LABEL (title),
                      details->title != NULL && stead_area_panel_get_show_personal (
                                                  STEAD_AREA_PANEL (self->area_panel))
                        ? details->title
                        : kind);
  gtk_label_set_text (GTK_LABEL (subtitle), text);
}

/* The popover is being replaced: not while its list is still handling the
 * click. */
static gboolean
stead_map_view_popover_show_chosen (gpointer user_data)
{
  SteadMapView *self = user_data;

  self->popover_idle = 0;
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    stead_map_view_popover_show (self, self->popover_layer, self->popover_chosen,
                                 self->popover_at.x + self->popover_at.width / 2.0,
                                 self->popover_at.y + self->popover_at.height / 2.0);
  return G_SOURCE_REMOVE;
}

static void
stead_map_view_popover_on_member_activated (GtkListView  *list,
                                            guint         position,
                                            SteadMapView *self)
{
  g_autoptr(GtkStringObject) row = g_list_model_get_item (
    G_LIST_MODEL (gtk_list_view_get_model (list)), position);

  if (row == NULL)
    return;
  self->popover_chosen = stead_map_view_popover_row_fid (gtk_string_object_get_string (row));
  self->popover_layer = stead_map_view_popover_row_is_need (gtk_string_object_get_string (row))
                          ? self->needs
                          : self->resources;
  g_clear_handle_id (&self->popover_idle, g_source_remove);
  self->popover_idle = g_idle_add (stead_map_view_popover_show_chosen, self);
}

/* Appends the rows of @layer's points in @cluster to @rows, if @layer is
 * shown; returns how many. */
static guint
stead_map_view_popover_append_rows (SteadPointLayer         *layer,
                                    const SteadPointCluster *cluster,
                                    const char              *prefix,
                                    GtkStringList           *rows)
{
  g_autoptr(GArray) fids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!gtk_widget_get_visible (GTK_WIDGET (layer)) ||
      !stead_point_layer_get_members (layer, cluster, fids))
    return 0;
  for (guint i = 0; i < fids->len; i++)
    {
      char row[48];

      g_snprintf (row, sizeof row, "%s:%" G_GINT64_FORMAT, prefix, g_array_index (fids, gint64, i));
      gtk_string_list_append (rows, row);
    }
  return fids->len;
}

/* A popover listing the needs and resources of @cluster (one badge of
 * the merged layer, which @layer's pick gave), pointing at (@x, @y) of
 * the view; each shows its own popover. */
void
stead_map_view_popover_show_members (SteadMapView            *self,
                                     SteadPointLayer         *layer,
                                     const SteadPointCluster *cluster,
                                     double                   x,
                                     double                   y)
{
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  g_autofree char *heading_text = NULL;
  GtkListItemFactory *factory;
  GtkWidget *box, *heading, *scroller, *list;
  guint n_needs, n_resources;

  if (self->workspace == NULL)
    return;

  /* Both layers' points are one index's, so @cluster is a cluster of
   * each: the needs first, then the resources. */
  n_needs = stead_map_view_popover_append_rows (self->needs, cluster, "need", rows);
  n_resources = stead_map_view_popover_append_rows (self->resources, cluster, "resource", rows);
  if (n_needs + n_resources == 0)
    return;
  self->popover_layer = layer;

  if (n_resources == 0)
    heading_text = g_strdup_printf (ngettext ("%u need here", "%u needs here", n_needs),
                                    n_needs);
  else if (n_needs == 0)
    heading_text = g_strdup_printf (ngettext ("%u resource here", "%u resources here",
                                              n_resources),
                                    n_resources);
  else
    {
      g_autofree char *needs_text = g_strdup_printf (ngettext ("%u need", "%u needs", n_needs),
                                                     n_needs);
      g_autofree char *resources_text = g_strdup_printf (
        ngettext ("%u resource", "%u resources", n_resources), n_resources);

      /* TRANSLATORS: a place's members on the map: "3 needs and 2 resources here" */
      heading_text = g_strdup_printf (_("%s and %s here"), needs_text, resources_text);
    }
  heading = gtk_label_new (heading_text);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (stead_map_view_popover_setup_member), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (stead_map_view_popover_bind_member), self,
                           0);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (
                              G_LIST_MODEL (g_steal_pointer (&rows)))),
                            factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (list), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  heading_text, -1);
  g_signal_connect_object (list, "activate",
                           G_CALLBACK (stead_map_view_popover_on_member_activated), self, 0);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  /* As wide as the rows, within reason; scrolls beyond a dozen. */
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_width (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 280);
  gtk_widget_set_size_request (scroller, 240, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), scroller);
  stead_map_view_popover_open (self, box, x, y);
}

/* Keeps the popover in place as the view is allocated. */
void
stead_map_view_popover_present (SteadMapView *self)
{
  if (self->popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->popover));
}

void
stead_map_view_popover_dispose (SteadMapView *self)
{
  g_clear_handle_id (&self->popover_idle, g_source_remove);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->popover_action, g_free);
}
