/* partners-network.c: who works with whom
 *
 * Organisations are nodes, agreements are edges between their parties.
 * The instrumental partners are the core, on the inner ring; the others
 * around them, nearer the more agreements they share. It shows the
 * partners the page's search and filters show; a click on a partner
 * selects it. Labels are placed where they cover no other label, node or
 * the legend (the name is the tooltip where none fits). Drawn with
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

/* Where a node is drawn and its label goes, in the widget's pixels. */
typedef struct
{
  double          cx, cy, r;
  graphene_rect_t label;
  gboolean        labelled;
  PangoLayout    *layout;
} Place;

struct _PartnersNetwork
{
  GtkWidget       parent_instance;
  SteadWorkspace *workspace;
  GListModel     *shown;     /* the records the page shows, or NULL for all */
  GArray         *nodes;     /* PartnersNode, those shown */
  GArray         *edges;     /* PartnersEdge between them */
  GArray         *places;    /* Place, one per node */
  graphene_rect_t legend;
  gint64          selected;
  int             placed_width, placed_height;
};

enum {
  PROP_0,
  PROP_SELECTED,
  PROP_LABEL_BOXES,
  PROP_NODE_POINTS,
  N_PROPS
};

enum {
  NODE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PartnersNetwork, partners_network, GTK_TYPE_WIDGET)

#define LEGEND_HEIGHT 78
#define LABEL_WIDTH   150
#define LABEL_GAP     3

static void
partners_network_clear_places (PartnersNetwork *self)
{
  for (guint i = 0; i < self->places->len; i++)
    g_clear_object (&g_array_index (self->places, Place, i).layout);
  g_array_set_size (self->places, 0);
  self->placed_width = self->placed_height = 0;
}

static void
partners_network_clear (PartnersNetwork *self)
{
  for (guint i = 0; i < self->nodes->len; i++)
    g_free (g_array_index (self->nodes, Node, i).name);
  g_array_set_size (self->nodes, 0);
  g_array_set_size (self->edges, 0);
  partners_network_clear_places (self);
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
      double radius = n->instrumental ? (n_outer > 0 ? 0.22 : 0.4) : (n_inner > 0 ? 0.44 : 0.4);
      double angle = n->instrumental ? 2 * G_PI * i_inner++ / MAX (n_inner, 1)
                                     : 2 * G_PI * (i_outer++ + 0.5) / MAX (n_outer, 1);

      if (n_inner + n_outer == 1)
        radius = 0;
      n->x = 0.5 + radius * cos (angle);
      n->y = 0.5 + radius * sin (angle);
    }
}

static gboolean
partners_network_is_shown (PartnersNetwork *self,
                           GHashTable      *shown,
                           gint64           id)
{
  return shown == NULL || g_hash_table_contains (shown, &id);
}

static void
partners_network_reload (PartnersNetwork *self)
{
  g_autoptr(GArray) nodes = g_array_new (FALSE, TRUE, sizeof (Node));
  g_autoptr(GArray) edges = g_array_new (FALSE, TRUE, sizeof (Edge));
  g_autoptr(GHashTable) shown = NULL;
  g_autofree guint *index = NULL;

  partners_network_clear (self);
  if (self->workspace != NULL && !stead_workspace_is_closed (self->workspace))
    partners_network_links (self->workspace, nodes, edges);

  if (self->shown != NULL)
    {
      shown = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < g_list_model_get_n_items (self->shown); i++)
        {
          g_autoptr(SteadRecord) record = g_list_model_get_item (self->shown, i);

          g_hash_table_add (shown, g_memdup2 (&(gint64) { stead_record_get_id (record) },
                                              sizeof (gint64)));
        }
    }
  /* Only what the page's search and filters show, and the agreements
   * between them. */
  index = g_new0 (guint, nodes->len);
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *n = &g_array_index (nodes, Node, i);

      if (partners_network_is_shown (self, shown, n->id))
        {
          index[i] = self->nodes->len + 1;
          g_array_append_val (self->nodes, *n);
        }
      else
        g_free (n->name);
    }
  for (guint i = 0; i < edges->len; i++)
    {
      Edge e = g_array_index (edges, Edge, i);

      if (index[e.a] == 0 || index[e.b] == 0)
        continue;
      e.a = index[e.a] - 1;
      e.b = index[e.b] - 1;
      g_array_append_val (self->edges, e);
    }
  partners_network_layout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL_BOXES]);
}

/* ------------------------------------------------------------------------ */
/* Placing the labels                                                        */

static gboolean
partners_network_hits (const graphene_rect_t *box,
                       double                 cx,
                       double                 cy,
                       double                 r)
{
  double nx = CLAMP (cx, box->origin.x, box->origin.x + box->size.width);
  double ny = CLAMP (cy, box->origin.y, box->origin.y + box->size.height);

  return (nx - cx) * (nx - cx) + (ny - cy) * (ny - cy) < r * r;
}

/* Whether @box is inside the widget and clear of the legend, every node
 * and the labels placed so far. */
static gboolean
partners_network_is_free (PartnersNetwork       *self,
                          const graphene_rect_t *box,
                          guint                  placed,
                          int                    width,
                          int                    height)
{
  if (box->origin.x < 0 || box->origin.y < 0 || box->origin.x + box->size.width > width ||
      box->origin.y + box->size.height > height ||
      graphene_rect_intersection (box, &self->legend, NULL))
    return FALSE;
  for (guint i = 0; i < self->places->len; i++)
    {
      const Place *p = &g_array_index (self->places, Place, i);

      if (partners_network_hits (box, p->cx, p->cy, p->r + 1))
        return FALSE;
      if (i < placed && p->labelled && graphene_rect_intersection (box, &p->label, NULL))
        return FALSE;
    }
  return TRUE;
}

static void
partners_network_place (PartnersNetwork *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double graph_height = MAX (height - LEGEND_HEIGHT, 100);
  double margin = 24;
  double size = MAX (MIN (width, graph_height) - 2 * margin, 50);
  double ox = (width - size) / 2, oy = (graph_height - size) / 2;

  if (self->placed_width == width && self->placed_height == height &&
      self->places->len == self->nodes->len)
    return;
  partners_network_clear_places (self);
  self->placed_width = width;
  self->placed_height = height;
  self->legend = GRAPHENE_RECT_INIT (8, height - LEGEND_HEIGHT + 4, MIN (width - 16, 420),
                                     LEGEND_HEIGHT - 12);

  for (guint i = 0; i < self->nodes->len; i++)
    {
      const Node *n = &g_array_index (self->nodes, Node, i);
      Place p = { 0 };

      p.cx = ox + n->x * size;
      p.cy = oy + n->y * size;
      p.r = n->instrumental ? 9 + 2 * MIN (n->degree, 4) : 5 + MIN (n->degree, 4);
      g_array_append_val (self->places, p);
    }

  /* In the nodes' order (the core first, then by agreements), each label
   * at the first of these places that is free, full width then narrower. */
  for (guint i = 0; i < self->places->len; i++)
    {
      Place *p = &g_array_index (self->places, Place, i);
      const Node *n = &g_array_index (self->nodes, Node, i);
      static const int widths[] = { 240, LABEL_WIDTH, 96 };

      p->layout = gtk_widget_create_pango_layout (widget, n->name);
      pango_layout_set_ellipsize (p->layout, PANGO_ELLIPSIZE_MIDDLE);
      for (guint w = 0; w < G_N_ELEMENTS (widths) && !p->labelled; w++)
        {
          int lw, lh;

          pango_layout_set_width (p->layout, widths[w] * PANGO_SCALE);
          pango_layout_get_pixel_size (p->layout, &lw, &lh);
          {
            double g = p->r + LABEL_GAP;
            /* below, above, right, left, then the four corners */
            const double spots[][2] = {
              { -lw / 2.0, g }, { -lw / 2.0, -g - lh }, { g, -lh / 2.0 }, { -g - lw, -lh / 2.0 },
              { g * 0.7, g * 0.7 }, { -g * 0.7 - lw, g * 0.7 }, { g * 0.7, -g * 0.7 - lh },
              { -g * 0.7 - lw, -g * 0.7 - lh },
            };

            for (guint s = 0; s < G_N_ELEMENTS (spots); s++)
              {
                graphene_rect_t box = GRAPHENE_RECT_INIT (p->cx + spots[s][0],
                                                          p->cy + spots[s][1], lw, lh);

                if (partners_network_is_free (self, &box, i, width, height))
                  {
                    p->label = box;
                    p->labelled = TRUE;
                    break;
                  }
              }
          }
        }
    }
}

static void
partners_network_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  PartnersNetwork *self = PARTNERS_NETWORK (widget);

  partners_network_clear_places (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL_BOXES]);
}

/* ------------------------------------------------------------------------ */
/* Drawing                                                                   */

static void
partners_network_draw_legend (PartnersNetwork *self,
                              cairo_t         *cr,
                              const GdkRGBA   *fg)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const char *items[] = { _("Instrumental partner (the core)"),
                          _("Other partner with an agreement"),
                          _("Agreement between partners (thicker: more of them)") };
  double x = self->legend.origin.x + 12, y = self->legend.origin.y + 12;

  for (guint i = 0; i < G_N_ELEMENTS (items); i++, y += 20)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, items[i]);
      int lh;

      cairo_new_path (cr);
      if (i < 2)
        {
          cairo_arc (cr, x + 6, y + 8, 6, 0, 2 * G_PI);
          if (i == 0)
            cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
          else
            cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
      else
        {
          cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.8);
          cairo_set_line_width (cr, 3);
          cairo_move_to (cr, x - 2, y + 8);
          cairo_line_to (cr, x + 14, y + 8);
          cairo_stroke (cr);
        }
      pango_layout_set_width (layout, (self->legend.size.width - 36) * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (layout, NULL, &lh);
      gdk_cairo_set_source_rgba (cr, fg);
      cairo_move_to (cr, x + 20, y + 8 - lh / 2.0);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
partners_network_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  PartnersNetwork *self = PARTNERS_NETWORK (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA fg;
  cairo_t *cr;

  partners_network_place (self);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (self->nodes->len == 0)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (
        widget, _("No partner shown has an agreement or is in the core"));
      int lw, lh;

      pango_layout_get_pixel_size (layout, &lw, &lh);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, (width - lw) / 2.0, (height - lh) / 2.0);
      pango_cairo_show_layout (cr, layout);
      cairo_destroy (cr);
      return;
    }

  /* Agreements: lines, thicker for more of them. */
  for (guint i = 0; i < self->edges->len; i++)
    {
      const Edge *e = &g_array_index (self->edges, Edge, i);
      const Place *a = &g_array_index (self->places, Place, e->a);
      const Place *b = &g_array_index (self->places, Place, e->b);
      gboolean core = g_array_index (self->nodes, Node, e->a).instrumental &&
                      g_array_index (self->nodes, Node, e->b).instrumental;

      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, core ? 0.8 : 0.4);
      cairo_set_line_width (cr, 1.0 + e->weight);
      cairo_move_to (cr, a->cx, a->cy);
      cairo_line_to (cr, b->cx, b->cy);
      cairo_stroke (cr);
    }

  /* Organisations: the instrumental core large and filled; the selected
   * one ringed. */
  for (guint i = 0; i < self->places->len; i++)
    {
      const Node *n = &g_array_index (self->nodes, Node, i);
      const Place *p = &g_array_index (self->places, Place, i);

      if (n->id == self->selected)
        {
          cairo_new_path (cr);
          cairo_arc (cr, p->cx, p->cy, p->r + 4, 0, 2 * G_PI);
          gdk_cairo_set_source_rgba (cr, &fg);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
      cairo_new_path (cr);
      cairo_arc (cr, p->cx, p->cy, p->r, 0, 2 * G_PI);
      if (n->instrumental)
        cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);

      if (p->labelled)
        {
          cairo_move_to (cr, p->label.origin.x, p->label.origin.y);
          gdk_cairo_set_source_rgba (cr, &fg);
          pango_cairo_show_layout (cr, p->layout);
          cairo_new_path (cr);
        }
    }
  partners_network_draw_legend (self, cr, &fg);
  cairo_destroy (cr);
}

/* ------------------------------------------------------------------------ */
/* Pointing at partners                                                      */

/* The node under (@x, @y), by its circle or its label; -1 if none. */
static int
partners_network_node_at (PartnersNetwork *self,
                          double           x,
                          double           y)
{
  partners_network_place (self);
  for (guint i = 0; i < self->places->len; i++)
    {
      const Place *p = &g_array_index (self->places, Place, i);
      double dx = x - p->cx, dy = y - p->cy;

      if (dx * dx + dy * dy <= (p->r + 3) * (p->r + 3) ||
          (p->labelled && graphene_rect_contains_point (&p->label, &GRAPHENE_POINT_INIT (x, y))))
        return i;
    }
  return -1;
}

static void
partners_network_on_released (GtkGestureClick *gesture,
                              int              n_press,
                              double           x,
                              double           y,
                              PartnersNetwork *self)
{
  int i = partners_network_node_at (self, x, y);

  if (i < 0)
    return;
  g_signal_emit (self, signals[NODE_ACTIVATED], 0, g_array_index (self->nodes, Node, i).id);
}

static gboolean
partners_network_on_query_tooltip (GtkWidget  *widget,
                                   int         x,
                                   int         y,
                                   gboolean    keyboard,
                                   GtkTooltip *tooltip)
{
  PartnersNetwork *self = PARTNERS_NETWORK (widget);
  int i = partners_network_node_at (self, x, y);
  const Node *n;
  g_autofree char *text = NULL;

  if (i < 0)
    return FALSE;
  n = &g_array_index (self->nodes, Node, i);
  text = g_strdup_printf (ngettext ("%s: %u agreement", "%s: %u agreements", n->degree), n->name,
                          n->degree);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* API                                                                       */

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

/**
 * partners_network_set_shown:
 * @self: the network view
 * @shown: (nullable): the organisations the page shows (its search and
 *   filters), followed as they change; %NULL for all
 */
void
partners_network_set_shown (PartnersNetwork *self,
                            GListModel      *shown)
{
  g_return_if_fail (PARTNERS_IS_NETWORK (self));

  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_data (self->shown, self);
  g_set_object (&self->shown, shown);
  if (shown != NULL)
    g_signal_connect_object (shown, "items-changed", G_CALLBACK (partners_network_reload), self,
                             G_CONNECT_SWAPPED);
  partners_network_reload (self);
}

void
partners_network_set_selected (PartnersNetwork *self,
                               gint64           id)
{
  g_return_if_fail (PARTNERS_IS_NETWORK (self));

  if (self->selected == id)
    return;
  self->selected = id;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
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

/* a(dddd): each label's box (x, y, width, height), for tests */
static GVariant *
partners_network_dup_label_boxes (PartnersNetwork *self)
{
  GVariantBuilder builder;

  partners_network_place (self);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(dddd)"));
  for (guint i = 0; i < self->places->len; i++)
    {
      const Place *p = &g_array_index (self->places, Place, i);

      if (p->labelled)
        g_variant_builder_add (&builder, "(dddd)", (double) p->label.origin.x,
                               (double) p->label.origin.y, (double) p->label.size.width,
                               (double) p->label.size.height);
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* a(xdd): each node's organisation and centre, for tests */
static GVariant *
partners_network_dup_node_points (PartnersNetwork *self)
{
  GVariantBuilder builder;

  partners_network_place (self);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(xdd)"));
  for (guint i = 0; i < self->places->len; i++)
    g_variant_builder_add (&builder, "(xdd)", g_array_index (self->nodes, Node, i).id,
                           g_array_index (self->places, Place, i).cx,
                           g_array_index (self->places, Place, i).cy);
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */

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
partners_network_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PartnersNetwork *self = PARTNERS_NETWORK (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_int64 (value, self->selected);
      break;
    case PROP_LABEL_BOXES:
      g_value_take_variant (value, partners_network_dup_label_boxes (self));
      break;
    case PROP_NODE_POINTS:
      g_value_take_variant (value, partners_network_dup_node_points (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
partners_network_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SELECTED:
      partners_network_set_selected (PARTNERS_NETWORK (object), g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
partners_network_dispose (GObject *object)
{
  PartnersNetwork *self = PARTNERS_NETWORK (object);

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->workspace);
  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_data (self->shown, self);
  g_clear_object (&self->shown);
  G_OBJECT_CLASS (partners_network_parent_class)->dispose (object);
}

static void
partners_network_finalize (GObject *object)
{
  PartnersNetwork *self = PARTNERS_NETWORK (object);

  partners_network_clear (self);
  g_array_unref (self->nodes);
  g_array_unref (self->edges);
  g_array_unref (self->places);
  G_OBJECT_CLASS (partners_network_parent_class)->finalize (object);
}

static void
partners_network_class_init (PartnersNetworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = partners_network_dispose;
  object_class->finalize = partners_network_finalize;
  object_class->get_property = partners_network_get_property;
  object_class->set_property = partners_network_set_property;
  widget_class->snapshot = partners_network_snapshot;
  widget_class->measure = partners_network_measure;
  widget_class->size_allocate = partners_network_size_allocate;
  widget_class->query_tooltip = partners_network_on_query_tooltip;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  properties[PROP_SELECTED] =
    g_param_spec_int64 ("selected", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL_BOXES] =
    g_param_spec_variant ("label-boxes", NULL, NULL, G_VARIANT_TYPE ("a(dddd)"), NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NODE_POINTS] =
    g_param_spec_variant ("node-points", NULL, NULL, G_VARIANT_TYPE ("a(xdd)"), NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PartnersNetwork::node-activated:
   * @id: the organisation clicked
   */
  signals[NODE_ACTIVATED] = g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                          G_TYPE_INT64);
}

static void
partners_network_init (PartnersNetwork *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->nodes = g_array_new (FALSE, TRUE, sizeof (Node));
  self->edges = g_array_new (FALSE, TRUE, sizeof (Edge));
  self->places = g_array_new (FALSE, TRUE, sizeof (Place));
  g_signal_connect (click, "released", G_CALLBACK (partners_network_on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Network of partners and their agreements"), -1);
}

GtkWidget *
partners_network_new (void)
{
  return g_object_new (PARTNERS_TYPE_NETWORK, NULL);
}
