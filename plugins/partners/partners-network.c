/* partners-network.c: who works with whom
 *
 * Organisations are nodes, agreements are edges between their parties.
 * The instrumental partners are the core, on the inner ring; the others
 * around them, nearer the more agreements they share. Drawn with
 * GtkSnapshot and cairo; a few dozen nodes, redrawn on change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "partners"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "partners.h"
#include "partners-page.h"

typedef PartnersNode Node;
typedef PartnersEdge Edge;

struct _PartnersNetwork
{
  GtkWidget       parent_instance;
  SteadWorkspace *workspace;
  GArray         *nodes;   /* PartnersNode */
  GArray         *edges;   /* PartnersEdge */
};

G_DEFINE_FINAL_TYPE (PartnersNetwork, partners_network, GTK_TYPE_WIDGET)

static void
partners_network_clear (PartnersNetwork *self)
{
  for (guint i = 0; i < self->nodes->len; i++)
    g_free (g_array_index (self->nodes, Node, i).name);
  g_array_set_size (self->nodes, 0);
  g_array_set_size (self->edges, 0);
}

/* Inner ring: the instrumental core; outer ring: everyone with an
 * agreement. Each ring ordered to keep partners of one agreement close. */
static void
partners_network_layout (PartnersNetwork *self)
{
  guint n_inner = 0, n_outer = 0, i_inner = 0, i_outer = 0;

  for (guint i = 0; i < self->nodes->len; i++)
    {
      if (g_array_index (self->nodes, Node, i).instrumental)
        n_inner++;
      else
        n_outer++;
    }
  for (guint i = 0; i < self->nodes->len; i++)
    {
      Node *n = &g_array_index (self->nodes, Node, i);
      double radius = n->instrumental ? 0.24 : 0.44;
      double angle = n->instrumental ? 2 * G_PI * i_inner++ / MAX (n_inner, 1)
                                     : 2 * G_PI * (i_outer++ + 0.5) / MAX (n_outer, 1);

      n->x = 0.5 + radius * cos (angle);
      n->y = 0.5 + radius * sin (angle);
    }
}

static void
partners_network_reload (PartnersNetwork *self)
{
  partners_network_clear (self);
  if (self->workspace != NULL && !stead_workspace_is_closed (self->workspace))
    partners_network_links (self->workspace, self->nodes, self->edges);
  partners_network_layout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * partners_network_set_workspace:
 * @self: the network view
 * @workspace: the workspace
 *
 * Shows every instrumental partner and every partner with at least one
 * agreement, and follows changes.
 */
void
partners_network_set_workspace (PartnersNetwork *self,
                                SteadWorkspace  *workspace)
{
  g_return_if_fail (PARTNERS_IS_NETWORK (self));

  stead_workspace_follow (&self->workspace, workspace, self, "partners_",
                          (SteadReloadFunc) partners_network_reload);
}

guint
partners_network_get_n_nodes (PartnersNetwork *self)
{
  return self->nodes->len;
}

guint
partners_network_get_n_edges (PartnersNetwork *self)
{
  return self->edges->len;
}

static void
partners_network_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  PartnersNetwork *self = PARTNERS_NETWORK (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double size = MIN (width, height);
  double ox = (width - size) / 2, oy = (height - size) / 2;
  GdkRGBA fg;
  cairo_t *cr;

  if (self->nodes->len == 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* Agreements: lines, thicker for more of them. */
  for (guint i = 0; i < self->edges->len; i++)
    {
      const Edge *e = &g_array_index (self->edges, Edge, i);
      const Node *a = &g_array_index (self->nodes, Node, e->a);
      const Node *b = &g_array_index (self->nodes, Node, e->b);

      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, a->instrumental && b->instrumental ? 0.8 : 0.4);
      cairo_set_line_width (cr, 1.0 + e->weight);
      cairo_move_to (cr, ox + a->x * size, oy + a->y * size);
      cairo_line_to (cr, ox + b->x * size, oy + b->y * size);
      cairo_stroke (cr);
    }

  /* Organisations: the instrumental core large and filled. */
  for (guint i = 0; i < self->nodes->len; i++)
    {
      const Node *n = &g_array_index (self->nodes, Node, i);
      double r = n->instrumental ? 9 + 2 * MIN (n->degree, 4) : 5 + MIN (n->degree, 4);
      PangoLayout *label;
      int lw, lh;

      cairo_new_path (cr);
      cairo_arc (cr, ox + n->x * size, oy + n->y * size, r, 0, 2 * G_PI);
      if (n->instrumental)
        cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);

      label = gtk_widget_create_pango_layout (widget, n->name);
      pango_layout_set_width (label, 140 * PANGO_SCALE);
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (label, &lw, &lh);
      cairo_move_to (cr, ox + n->x * size - lw / 2.0, oy + n->y * size + r + 2);
      gdk_cairo_set_source_rgba (cr, &fg);
      pango_cairo_show_layout (cr, label);
      cairo_new_path (cr);
      g_object_unref (label);
    }
  cairo_destroy (cr);
}

static void
partners_network_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = 200;
  *natural = 500;
}

static void
partners_network_dispose (GObject *object)
{
  PartnersNetwork *self = PARTNERS_NETWORK (object);

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->workspace);
  G_OBJECT_CLASS (partners_network_parent_class)->dispose (object);
}

static void
partners_network_finalize (GObject *object)
{
  PartnersNetwork *self = PARTNERS_NETWORK (object);

  partners_network_clear (self);
  g_array_unref (self->nodes);
  g_array_unref (self->edges);
  G_OBJECT_CLASS (partners_network_parent_class)->finalize (object);
}

static void
partners_network_class_init (PartnersNetworkClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = partners_network_dispose;
  G_OBJECT_CLASS (klass)->finalize = partners_network_finalize;
  widget_class->snapshot = partners_network_snapshot;
  widget_class->measure = partners_network_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
partners_network_init (PartnersNetwork *self)
{
  self->nodes = g_array_new (FALSE, TRUE, sizeof (Node));
  self->edges = g_array_new (FALSE, TRUE, sizeof (Edge));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Network of partners and their agreements"), -1);
}

GtkWidget *
partners_network_new (void)
{
  return g_object_new (PARTNERS_TYPE_NETWORK, NULL);
}
