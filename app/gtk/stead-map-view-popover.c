/* stead-map-view-popover.c: the record popover of a need or resource clicked on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is known of one point: its kind, title and state; "Open Record"
 * activates <module>.show-record, which the plugin that owns the record
 * installs, with the record's id.
 */

#define G_LOG_DOMAIN "stead-map-view"

#include "config.h"

#include <glib/gi18n.h>

#include "stead-map-view-private.h"

static void
stead_map_view_popover_on_open_record (GtkButton    *button,
                                       SteadMapView *self)
{
  /* The owning plugin installs <module>.show-record; ids are namespaced. */
  if (!gtk_widget_activate_action (GTK_WIDGET (button), self->popover_action, "x",
                                   self->popover_ref))
    g_message ("No plugin handles %s", self->popover_action);
}

/* The popover's text under its heading. */
static char *
stead_map_view_popover_describe (const SteadPointDetails *details,
                                 gboolean                 needs)
{
  GString *text = g_string_new (NULL);

  if (details->title != NULL)
    g_string_append_printf (text, "%s\n", details->title);
  if (needs)
    {
      static const char *urgency[] = { NULL, N_("Low"), N_("Medium"), N_("High"), N_("Critical") };
      int u = CLAMP (details->urgency, 1, 4);
      int people = details->amount;

      g_string_append_printf (text, ngettext ("%d person affected", "%d people affected", people),
                              people);
      g_string_append_printf (text, "\n%s: %s\n", _("Urgency"), _(urgency[u]));
      g_string_append_printf (text, "%s: %s\n", _("Status"), details->state);
      g_string_append_printf (text, "%s: %.10s", _("Opened"), details->opened);
    }
  else
    {
      g_string_append_printf (text, "%s: %d\n", _("Capacity"), details->amount);
      g_string_append_printf (text, "%s: %s", _("Availability"), details->state);
    }
  return g_string_free (text, FALSE);
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
  text = stead_map_view_popover_describe (details, needs);

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  self->popover = gtk_popover_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  heading = gtk_label_new (label);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  body = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), body);

  g_clear_pointer (&self->popover_action, g_free);
  if (details->owner != NULL)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Open Record"));

      self->popover_action = g_strdup_printf ("%s.show-record", details->owner);
      self->popover_ref = details->owner_ref;
      g_signal_connect (button, "clicked", G_CALLBACK (stead_map_view_popover_on_open_record),
                        self);
      gtk_box_append (GTK_BOX (box), button);
    }

  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                               &(GdkRectangle) { x - 4, y - 4, 8, 8 });
  gtk_popover_popup (GTK_POPOVER (self->popover));
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
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->popover_action, g_free);
}
