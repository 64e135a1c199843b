/* stead-point-layer.c: needs or resources on the map, clustered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws in one snapshot from a SteadPointIndex (never a widget per point).
 * The core's point source builds the index on a worker thread, from a
 * read-only connection of its own; it is rebuilt when the workspace
 * reports a change to the layer's table. No SQL here.
 *
 * On the map view a third, merged layer draws the needs, the resources
 * and the plugins' sites from one index, so that one badge per place
 * shows them all (stead-point-layer-badges.c); the needs and resources
 * layers then only say what is shown (their visibility and filter) and
 * answer for their own points.
 */

#define G_LOG_DOMAIN "stead-point-layer"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "stead-point-layer-private.h"

G_DEFINE_FINAL_TYPE (SteadPointLayer, stead_point_layer, SHUMATE_TYPE_LAYER)

enum {
  LAYOUT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_SHOW_PERSONAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void stead_point_layer_invalidate_layout (SteadPointLayer *self);

/* With the time slider on, a need is shown for its dates, whatever its
 * status now (unless the user chose statuses). */
static const char * const every_status[] = {
  "open", "assigned", "met", "closed", "cancelled", NULL
};

static const char * const *
stead_point_layer_states_to_load (SteadPointLayer *self,
                                  SteadPointLayer *needs)
{
  if (self->dated && needs->states == NULL)
    return every_status;
  return (const char * const *) needs->states;
}

/* Filters the points to the range in place: no rebuild. */
static void
stead_point_layer_apply_days (SteadPointLayer *self)
{
  if (self->data != NULL)
    stead_point_snapshot_set_days (self->data, self->dated ? &self->first_day : NULL,
                                   self->last_day);
}

/* The merged layer names the rest centres: their titles, read when the
 * points are (there are a few dozen). */
static void
stead_point_layer_load_titles (SteadPointLayer *self)
{
  SteadWorkspace *workspace = self->needs != NULL ? self->needs->workspace : NULL;

  g_clear_pointer (&self->place_titles, g_hash_table_unref);
  if (workspace != NULL && !stead_workspace_is_closed (workspace))
    self->place_titles = stead_point_source_get_titles (workspace, "rest-centre");
}

static void
stead_point_layer_on_loaded (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(SteadPointLayer) self = user_data;
  g_autoptr(GError) error = NULL;
  SteadPointSnapshot *data;

  data = stead_point_source_load_finish (STEAD_WORKSPACE (object), result, &error);
  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("%s", error->message);
      return;
    }

  g_clear_pointer (&self->data, stead_point_snapshot_unref);
  self->data = data;
  stead_point_layer_apply_days (self);
  if (self->kind == STEAD_POINT_LAYER_MERGED)
    {
      stead_point_layer_load_titles (self);
      stead_point_layer_invalidate_layout (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The merged layer loads what its needs and resources layers show, with
 * the sites of the visible marker layers. */
static void
stead_point_layer_reload_merged (SteadPointLayer *self)
{
  static const char * const none[] = { NULL };
  g_autoptr(GArray) sites = g_array_new (FALSE, FALSE, sizeof (double));
  SteadWorkspace *workspace = self->needs != NULL ? self->needs->workspace : NULL;
  gboolean needs_shown = self->needs != NULL && gtk_widget_get_visible (GTK_WIDGET (self->needs));
  gboolean resources_shown =
    self->resources != NULL && gtk_widget_get_visible (GTK_WIDGET (self->resources));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (workspace == NULL || stead_workspace_is_closed (workspace))
    {
      g_clear_pointer (&self->data, stead_point_snapshot_unref);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  g_ptr_array_set_size (self->loaded_sites, 0);
  g_array_set_size (self->site_offsets, 0);
  for (guint i = 0; i < self->sites->len; i++)
    {
      SteadMarkerLayer *layer = g_ptr_array_index (self->sites, i);
      guint first = sites->len / 2;

      if (!gtk_widget_get_visible (GTK_WIDGET (layer)))
        continue;
      g_ptr_array_add (self->loaded_sites, g_object_ref (layer));
      g_array_append_val (self->site_offsets, first);
      stead_marker_layer_get_positions (layer, sites);
    }

  self->cancellable = g_cancellable_new ();
  stead_point_source_load_merged_async (
    workspace, needs_shown ? (const char * const *) self->needs->kinds : none,
    needs_shown ? stead_point_layer_states_to_load (self, self->needs) : NULL,
    resources_shown ? NULL : none, (const double *) sites->data, sites->len / 2,
    self->cancellable, stead_point_layer_on_loaded, g_object_ref (self));
}

static void
stead_point_layer_reload (SteadPointLayer *self)
{
  SteadPointSourceKind kind;

  if (self->merged != NULL)
    {
      stead_point_layer_reload_merged (self->merged);
      return;
    }
  if (self->kind == STEAD_POINT_LAYER_MERGED)
    {
      stead_point_layer_reload_merged (self);
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->workspace == NULL || stead_workspace_is_closed (self->workspace))
    {
      g_clear_pointer (&self->data, stead_point_snapshot_unref);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  self->cancellable = g_cancellable_new ();
  kind = self->kind == STEAD_POINT_LAYER_NEEDS ? STEAD_POINT_SOURCE_NEEDS
                                               : STEAD_POINT_SOURCE_RESOURCES;
  stead_point_source_load_async (self->workspace, kind, (const char * const *) self->kinds,
                                 kind == STEAD_POINT_SOURCE_NEEDS
                                   ? stead_point_layer_states_to_load (self, self)
                                   : (const char * const *) self->states,
                                 self->cancellable,
                                 stead_point_layer_on_loaded, g_object_ref (self));
}

static void
stead_point_layer_on_workspace_changed (SteadPointLayer    *self,
                                        const char * const *tables)
{
  const char *table = self->kind == STEAD_POINT_LAYER_NEEDS ? "need" : "resource";

  if (self->merged != NULL)
    {
      /* The needs layer answers for both tables of the merged one. */
      if (self == self->merged->needs && tables != NULL &&
          (g_strv_contains (tables, "need") || g_strv_contains (tables, "resource")))
        stead_point_layer_reload (self);
      return;
    }
  if (tables != NULL && g_strv_contains (tables, table))
    stead_point_layer_reload (self);
}

void
stead_point_layer_set_workspace (SteadPointLayer *self,
                                 SteadWorkspace  *workspace)
{
  g_return_if_fail (STEAD_IS_POINT_LAYER (self));
  g_return_if_fail (workspace == NULL || STEAD_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_set_object (&self->workspace, workspace);
  if (workspace != NULL)
    g_signal_connect_object (workspace, "changed",
                             G_CALLBACK (stead_point_layer_on_workspace_changed), self,
                             G_CONNECT_SWAPPED);
  g_clear_pointer (&self->data, stead_point_snapshot_unref);
  stead_point_layer_reload (self);
}

/**
 * stead_point_layer_get_index:
 * @self: a #SteadPointLayer
 *
 * Returns: (transfer none) (nullable): the index drawn now, or %NULL
 *   while the first one is being built
 */
SteadPointIndex *
stead_point_layer_get_index (SteadPointLayer *self)
{
  g_return_val_if_fail (STEAD_IS_POINT_LAYER (self), NULL);

  if (self->merged != NULL)
    return stead_point_layer_get_index (self->merged);
  return self->data != NULL ? stead_point_snapshot_get_index (self->data) : NULL;
}

static SteadPointClass
stead_point_layer_class (SteadPointLayer *self)
{
  return self->kind == STEAD_POINT_LAYER_NEEDS ? STEAD_POINT_CLASS_NEED
                                               : STEAD_POINT_CLASS_RESOURCE;
}

/**
 * stead_point_layer_get_n_points:
 * @self: a #SteadPointLayer
 *
 * Returns: how many of the layer's points are loaded: of a needs or
 *   resources layer merged into another, its own class's
 */
gsize
stead_point_layer_get_n_points (SteadPointLayer *self)
{
  const guint8 *classes;
  SteadPointClass klass;
  gsize n = 0, total;

  g_return_val_if_fail (STEAD_IS_POINT_LAYER (self), 0);

  if (self->merged == NULL)
    {
      if (self->data == NULL)
        return 0;
      total = stead_point_snapshot_get_n_points (self->data);
      if (!self->dated)
        return total;
      for (gsize i = 0; i < total; i++)
        n += stead_point_snapshot_is_live (self->data, i, self->first_day, self->last_day);
      return n;
    }
  if (self->merged->data == NULL)
    return 0;
  classes = stead_point_snapshot_get_classes (self->merged->data);
  total = stead_point_snapshot_get_n_points (self->merged->data);
  klass = stead_point_layer_class (self);
  for (gsize i = 0; i < total; i++)
    n += classes[i] == klass &&
         (!self->merged->dated || stead_point_snapshot_is_live (self->merged->data, i,
                                                                self->merged->first_day,
                                                                self->merged->last_day));
  return n;
}

/**
 * stead_point_layer_set_filter:
 * @self: a #SteadPointLayer
 * @kinds: (nullable): the kinds to show (taxonomy codes), or %NULL for all
 * @states: (nullable): the statuses (needs) or availabilities (resources)
 *   to show; %NULL for open and assigned needs, or every resource
 *
 * Shows only the matching points; the index is rebuilt off the main thread.
 */
void
stead_point_layer_set_filter (SteadPointLayer    *self,
                              const char * const *kinds,
                              const char * const *states)
{
  g_return_if_fail (STEAD_IS_POINT_LAYER (self));

  g_strfreev (self->kinds);
  g_strfreev (self->states);
  self->kinds = g_strdupv ((char **) kinds);
  self->states = g_strdupv ((char **) states);
  stead_point_layer_reload (self);
}

/**
 * stead_point_layer_set_days:
 * @self: a #SteadPointLayer
 * @dated: whether to show only what is live in the range
 * @first: the range's first day (days since 1 January 1970)
 * @last: its last day, included
 *
 * The time slider: with @dated, the needs live in [@first, @last] (opened
 * on or before @last, not closed before @first), whatever their status
 * now; resources, which have no dates, stay. Switching it on or off
 * reloads the points once; moving the range filters the index in place,
 * without rebuilding it.
 */
void
stead_point_layer_set_days (SteadPointLayer *self,
                            gboolean         dated,
                            gint32           first,
                            gint32           last)
{
  gboolean reload;

  g_return_if_fail (STEAD_IS_POINT_LAYER (self));

  if (self->merged != NULL)
    {
      stead_point_layer_set_days (self->merged, dated, first, last);
      return;
    }
  dated = !!dated;
  if (dated == self->dated && (!dated || (first == self->first_day && last == self->last_day)))
    return;
  reload = dated != self->dated;
  self->dated = dated;
  self->first_day = first;
  self->last_day = last;
  if (reload)
    {
      stead_point_layer_reload (self);
      return;
    }
  stead_point_layer_apply_days (self);
  if (self->kind == STEAD_POINT_LAYER_MERGED)
    stead_point_layer_invalidate_layout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

SteadPointLayerKind
stead_point_layer_get_kind (SteadPointLayer *self)
{
  g_return_val_if_fail (STEAD_IS_POINT_LAYER (self), STEAD_POINT_LAYER_NEEDS);

  return self->kind;
}

static double
stead_point_layer_item_radius (const SteadPointCluster *item)
{
  return item->count == 1 ? 6 : 10 + 4 * log10 (item->count);
}

/* A badge (with needs: the needs layer's; else the resources'), or a point of @klass. */
static gboolean
stead_point_layer_pick_merged (SteadPointLayer   *self,
                               SteadPointClass    klass,
                               double             x,
                               double             y,
                               SteadPointCluster *item,
                               gint64            *fid)
{
  const guint8 *classes;
  int badge;

  if (self->data == NULL)
    return FALSE;
  badge = stead_point_layer_badges_pick (self, x, y);
  if (badge >= 0)
    {
      const SteadPointLayerBadge *b = &g_array_index (self->badges, SteadPointLayerBadge, badge);

      /* The needs layer opens a badge with needs, so that what it lists
       * is there; the resources layer the others. */
      if ((klass == STEAD_POINT_CLASS_NEED) != (b->counts[STEAD_POINT_CLASS_NEED] > 0))
        return FALSE;

      *item = g_array_index (self->parts, SteadPointLayerPart, b->first_part).item;
      if (fid != NULL)
        *fid = 0;
      return TRUE;
    }

  classes = stead_point_snapshot_get_classes (self->data);
  for (guint i = self->singles->len; i > 0; i--)
    {
      const SteadPointCluster *c = &g_array_index (self->singles, SteadPointCluster, i - 1);
      double cx, cy;

      if (classes[c->id] != klass)
        continue;
      shumate_viewport_location_to_widget_coords (shumate_layer_get_viewport (SHUMATE_LAYER (self)),
                                                  GTK_WIDGET (self), c->lat, c->lon, &cx, &cy);
      if ((cx - x) * (cx - x) + (cy - y) * (cy - y) <= 8 * 8)
        {
          *item = *c;
          if (fid != NULL)
            *fid = stead_point_snapshot_get_fids (self->data)[c->id];
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * stead_point_layer_pick:
 * @self: a #SteadPointLayer
 * @x: widget x
 * @y: widget y
 * @item: (out): the cluster or point drawn there
 * @fid: (out) (optional): for a single point, its row in the table
 *
 * Finds what a click at (@x, @y) hits, the topmost first.
 *
 * Returns: %TRUE if something was hit
 */
gboolean
stead_point_layer_pick (SteadPointLayer   *self,
                        double             x,
                        double             y,
                        SteadPointCluster *item,
                        gint64            *fid)
{
  ShumateViewport *viewport;
  GtkWidget *widget = GTK_WIDGET (self);
  double north, south, east, west;
  guint zoom;

  g_return_val_if_fail (STEAD_IS_POINT_LAYER (self), FALSE);
  g_return_val_if_fail (item != NULL, FALSE);

  if (self->merged != NULL)
    return gtk_widget_get_visible (widget) &&
           stead_point_layer_pick_merged (self->merged, stead_point_layer_class (self), x, y, item,
                                          fid);
  if (self->data == NULL || !gtk_widget_get_visible (widget))
    return FALSE;

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  shumate_viewport_widget_coords_to_location (viewport, widget, x - 40, y - 40, &north, &west);
  shumate_viewport_widget_coords_to_location (viewport, widget, x + 40, y + 40, &south, &east);
  zoom = (guint) MAX (0, floor (shumate_viewport_get_zoom_level (viewport)));

  g_array_set_size (self->scratch, 0);
  stead_point_index_query (stead_point_snapshot_get_index (self->data), zoom,
                           west, south, east, north, self->scratch);

  /* Drawn last is on top: search backwards. */
  for (guint i = self->scratch->len; i > 0; i--)
    {
      const SteadPointCluster *c = &g_array_index (self->scratch, SteadPointCluster, i - 1);
      double cx, cy, r = stead_point_layer_item_radius (c);

      shumate_viewport_location_to_widget_coords (viewport, widget, c->lat, c->lon, &cx, &cy);
      if ((cx - x) * (cx - x) + (cy - y) * (cy - y) <= (r + 2) * (r + 2))
        {
          *item = *c;
          if (fid != NULL)
            *fid = c->count == 1 ? stead_point_snapshot_get_fids (self->data)[c->id] : 0;
          return TRUE;
        }
    }
  return FALSE;
}

/* Appends the rows of the points of @klass in @item. */
static gboolean
stead_point_layer_append_members (SteadPointLayer         *self,
                                  SteadPointClass          klass,
                                  const SteadPointCluster *item,
                                  GArray                  *fids)
{
  g_autoptr(GArray) leaves = g_array_new (FALSE, FALSE, sizeof (guint32));
  const guint8 *classes = stead_point_snapshot_get_classes (self->data);
  const gint64 *rows = stead_point_snapshot_get_fids (self->data);

  if (item->count == 1)
    {
      if (item->id >= stead_point_snapshot_get_n_points (self->data))
        return FALSE;
      g_array_append_val (leaves, item->id);
    }
  else if (!stead_point_index_get_leaves (stead_point_snapshot_get_index (self->data), item->id,
                                          leaves))
    return FALSE;
  for (guint i = 0; i < leaves->len; i++)
    {
      guint32 p = g_array_index (leaves, guint32, i);

      if (classes[p] == klass)
        g_array_append_val (fids, rows[p]);
    }
  return TRUE;
}

/* Every part of @badge: what it counts. */
void
stead_point_layer_append_badge_members (SteadPointLayer            *self,
                                        const SteadPointLayerBadge *badge,
                                        SteadPointClass             klass,
                                        GArray                     *fids)
{
  for (int p = badge->first_part; p >= 0;
       p = g_array_index (self->parts, SteadPointLayerPart, p).next)
    stead_point_layer_append_members (self, klass,
                                      &g_array_index (self->parts, SteadPointLayerPart, p).item,
                                      fids);
}

/* The points of @klass of the badge @item opens, or of @item itself. */
static gboolean
stead_point_layer_members_merged (SteadPointLayer         *self,
                                  SteadPointClass          klass,
                                  const SteadPointCluster *item,
                                  GArray                  *fids)
{
  if (self->data == NULL)
    return FALSE;
  for (guint j = 0; j < self->badges->len; j++)
    {
      const SteadPointLayerBadge *b = &g_array_index (self->badges, SteadPointLayerBadge, j);
      const SteadPointLayerPart *first = &g_array_index (self->parts, SteadPointLayerPart,
                                                          b->first_part);

      if (first->item.id != item->id || first->item.count != item->count)
        continue;
      stead_point_layer_append_badge_members (self, b, klass, fids);
      return TRUE;
    }
  return stead_point_layer_append_members (self, klass, item, fids);
}

/**
 * stead_point_layer_get_members:
 * @self: a #SteadPointLayer
 * @item: a cluster or single point of the points drawn now (from
 *   stead_point_layer_pick(), say)
 * @fids: (element-type gint64): where to append the rows of its points
 *
 * Returns: %FALSE if @item is not one of the points drawn now
 */
gboolean
stead_point_layer_get_members (SteadPointLayer         *self,
                               const SteadPointCluster *item,
                               GArray                  *fids)
{
  g_autoptr(GArray) leaves = NULL;
  const gint64 *rows;

  g_return_val_if_fail (STEAD_IS_POINT_LAYER (self), FALSE);
  g_return_val_if_fail (item != NULL && fids != NULL, FALSE);

  if (self->merged != NULL)
    return stead_point_layer_members_merged (self->merged, stead_point_layer_class (self), item,
                                             fids);
  if (self->data == NULL)
    return FALSE;
  rows = stead_point_snapshot_get_fids (self->data);
  if (item->count == 1)
    {
      if (item->id >= stead_point_snapshot_get_n_points (self->data))
        return FALSE;
      g_array_append_val (fids, rows[item->id]);
      return TRUE;
    }
  leaves = g_array_new (FALSE, FALSE, sizeof (guint32));
  if (!stead_point_index_get_leaves (stead_point_snapshot_get_index (self->data), item->id,
                                     leaves))
    return FALSE;
  for (guint i = 0; i < leaves->len; i++)
    g_array_append_val (fids, rows[g_array_index (leaves, guint32, i)]);
  return TRUE;
}

/* Need kinds by their place in data/taxonomy/need-kinds.json: seven
 * colours of the Okabe–Ito palette, safe for colour-blind eyes (its black
 * is left out: it vanishes on a dark popover), kinds of one family
 * sharing one, and a shape per kind, so that colour is never the only
 * code. Kinds added later cycle through both. */
typedef enum
{
  SHAPE_CIRCLE,
  SHAPE_SQUARE,
  SHAPE_TRIANGLE,
  SHAPE_TRIANGLE_DOWN,
  SHAPE_DIAMOND,
  SHAPE_STAR,
  SHAPE_PLUS,
  SHAPE_CROSS,
  SHAPE_HEXAGON,
  SHAPE_PENTAGON,
  SHAPE_TRIANGLE_RIGHT,
  SHAPE_RING,
  N_SHAPES
} KindShape;

#define ORANGE     0xe69f00
#define SKY_BLUE   0x56b4e9
#define GREEN      0x009e73
#define YELLOW     0xf0e442
#define BLUE       0x0072b2
#define VERMILLION 0xd55e00
#define PURPLE     0xcc79a7

static const struct
{
  guint32   colour;
  KindShape shape;
} need_kind_style[] = {
  { PURPLE, SHAPE_RING },               /* welfare-check: care */
  { ORANGE, SHAPE_CIRCLE },             /* food: supplies */
  { VERMILLION, SHAPE_PLUS },           /* medication: health */
  { VERMILLION, SHAPE_DIAMOND },        /* power-dependent: health */
  { SKY_BLUE, SHAPE_TRIANGLE_DOWN },    /* water */
  { BLUE, SHAPE_TRIANGLE_RIGHT },       /* transport: moving */
  { GREEN, SHAPE_TRIANGLE },            /* shelter: a roof */
  { GREEN, SHAPE_SQUARE },              /* heating: a warm room */
  { BLUE, SHAPE_CROSS },                /* evacuation: moving */
  { YELLOW, SHAPE_STAR },               /* information */
  { PURPLE, SHAPE_HEXAGON },            /* emotional-support: care */
  { YELLOW, SHAPE_PENTAGON },           /* clean-up */
};

static const guint32 kind_palette[] = { ORANGE, SKY_BLUE, GREEN, YELLOW, BLUE, VERMILLION, PURPLE };

static guint32
stead_point_layer_kind_rgb (guint kind_index)
{
  if (kind_index == 255)
    return 0x9a9996;
  if (kind_index < G_N_ELEMENTS (need_kind_style))
    return need_kind_style[kind_index].colour;
  return kind_palette[kind_index % G_N_ELEMENTS (kind_palette)];
}

static KindShape
stead_point_layer_kind_shape (guint kind_index)
{
  if (kind_index == 255)
    return SHAPE_CIRCLE;
  if (kind_index < G_N_ELEMENTS (need_kind_style))
    return need_kind_style[kind_index].shape;
  return (kind_index + kind_index / N_SHAPES) % N_SHAPES;
}

/**
 * stead_point_layer_kind_colour:
 * @kind_index: the kind's place in its taxonomy (255 for unknown)
 * @rgba: (out): its colour
 *
 * The fill colour of points of a kind, shared with the legend.
 */
void
stead_point_layer_kind_colour (guint    kind_index,
                               GdkRGBA *rgba)
{
  guint32 c = stead_point_layer_kind_rgb (kind_index);

  rgba->red = ((c >> 16) & 0xff) / 255.0;
  rgba->green = ((c >> 8) & 0xff) / 255.0;
  rgba->blue = (c & 0xff) / 255.0;
  rgba->alpha = 1.0;
}

/**
 * stead_point_layer_kind_symbol:
 * @kind_index: the kind's place in its taxonomy (255 for unknown)
 *
 * Returns: the number of the kind's shape: two kinds told apart by
 *   colour are told apart by shape too
 */
guint
stead_point_layer_kind_symbol (guint kind_index)
{
  return stead_point_layer_kind_shape (kind_index);
}

static void
stead_point_layer_polygon (cairo_t *cr,
                           double   cx,
                           double   cy,
                           double   r,
                           guint    n,
                           double   start,
                           double   inner)
{
  for (guint i = 0; i < (inner > 0 ? 2 * n : n); i++)
    {
      double a = start + i * (inner > 0 ? G_PI / n : 2 * G_PI / n);
      double rr = inner > 0 && i % 2 == 1 ? inner : r;

      cairo_line_to (cr, cx + rr * cos (a), cy + rr * sin (a));
    }
  cairo_close_path (cr);
}

/**
 * stead_point_layer_draw_kind_symbol:
 * @cr: a cairo context
 * @kind_index: the kind's place in its taxonomy (255 for unknown)
 * @cx: the centre
 * @cy: the centre
 * @r: its radius
 *
 * Adds the kind's shape to @cr's path (fill it with the kind's colour):
 * as on the map, for the legend.
 */
void
stead_point_layer_draw_kind_symbol (cairo_t *cr,
                                    guint    kind_index,
                                    double   cx,
                                    double   cy,
                                    double   r)
{
  double t = r * 0.42;   /* half the width of a plus or a cross's bar */

  cairo_new_sub_path (cr);
  switch (stead_point_layer_kind_shape (kind_index))
    {
    case SHAPE_CIRCLE:
      cairo_arc (cr, cx, cy, r * 0.9, 0, 2 * G_PI);
      break;
    case SHAPE_RING:
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_arc (cr, cx, cy, r * 0.95, 0, 2 * G_PI);
      cairo_new_sub_path (cr);
      cairo_arc (cr, cx, cy, r * 0.45, 0, 2 * G_PI);
      break;
    case SHAPE_SQUARE:
      cairo_rectangle (cr, cx - r * 0.8, cy - r * 0.8, r * 1.6, r * 1.6);
      break;
    case SHAPE_TRIANGLE:
      stead_point_layer_polygon (cr, cx, cy + r * 0.15, r * 1.05, 3, -G_PI / 2, 0);
      break;
    case SHAPE_TRIANGLE_DOWN:
      stead_point_layer_polygon (cr, cx, cy - r * 0.15, r * 1.05, 3, G_PI / 2, 0);
      break;
    case SHAPE_TRIANGLE_RIGHT:
      stead_point_layer_polygon (cr, cx - r * 0.15, cy, r * 1.05, 3, 0, 0);
      break;
    case SHAPE_DIAMOND:
      stead_point_layer_polygon (cr, cx, cy, r, 4, 0, 0);
      break;
    case SHAPE_STAR:
      stead_point_layer_polygon (cr, cx, cy, r * 1.05, 5, -G_PI / 2, r * 0.45);
      break;
    case SHAPE_HEXAGON:
      stead_point_layer_polygon (cr, cx, cy, r * 0.95, 6, 0, 0);
      break;
    case SHAPE_PENTAGON:
      stead_point_layer_polygon (cr, cx, cy, r * 0.95, 5, -G_PI / 2, 0);
      break;
    case SHAPE_PLUS:
      cairo_move_to (cr, cx - t, cy - r);
      cairo_line_to (cr, cx + t, cy - r);
      cairo_line_to (cr, cx + t, cy - t);
      cairo_line_to (cr, cx + r, cy - t);
      cairo_line_to (cr, cx + r, cy + t);
      cairo_line_to (cr, cx + t, cy + t);
      cairo_line_to (cr, cx + t, cy + r);
      cairo_line_to (cr, cx - t, cy + r);
      cairo_line_to (cr, cx - t, cy + t);
      cairo_line_to (cr, cx - r, cy + t);
      cairo_line_to (cr, cx - r, cy - t);
      cairo_line_to (cr, cx - t, cy - t);
      cairo_close_path (cr);
      break;
    case SHAPE_CROSS:
    case N_SHAPES:
    default:
      {
        cairo_matrix_t saved;

        cairo_get_matrix (cr, &saved);
        cairo_translate (cr, cx, cy);
        cairo_rotate (cr, G_PI / 4);
        stead_point_layer_draw_kind_symbol (cr, 2, 0, 0, r);   /* the plus, turned */
        cairo_set_matrix (cr, &saved);
      }
      break;
    }
}

static cairo_surface_t *
stead_point_layer_new_sprite (SteadPointLayer *self,
                              int              size,
                              cairo_t        **cr)
{
  int scale = MAX (self->sprite_scale, 1);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         size * scale, size * scale);

  cairo_surface_set_device_scale (surface, scale, scale);
  *cr = cairo_create (surface);
  cairo_set_line_width (*cr, 1.5);
  return surface;
}

static cairo_surface_t *
stead_point_layer_marker_sprite (SteadPointLayer *self,
                                 guint16          category,
                                 gboolean         need)
{
  guint key = category | (need ? 1u << 16 : 0);
  cairo_surface_t *sprite = g_hash_table_lookup (self->markers, GUINT_TO_POINTER (key));
  guint kind = STEAD_POINT_CATEGORY_KIND (category);
  guint state = STEAD_POINT_CATEGORY_STATE (category);
  guint urgency = STEAD_POINT_CATEGORY_URGENCY (category);
  double r;
  GdkRGBA fill;
  cairo_t *cr;

  if (sprite != NULL)
    return sprite;

  /* Fill: the kind. Needs have their kind's shape, larger when urgency
   * is high or critical, with a dark outline once assigned; resources
   * are squares ringed by availability. */
  stead_point_layer_kind_colour (kind, &fill);
  sprite = stead_point_layer_new_sprite (self, 16, &cr);
  gdk_cairo_set_source_rgba (cr, &fill);
  if (need)
    {
      r = urgency >= 3 ? 6.5 : 5.5;
      stead_point_layer_draw_kind_symbol (cr, kind, 8, 8, r);
      /* The outline first, the fill over its inner half: thin shapes keep their colour. */
      if (state == 0)
        cairo_set_source_rgb (cr, 1, 1, 1);
      else
        cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
      cairo_set_line_width (cr, state == 0 ? 2.5 : 3.5);
      cairo_stroke_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &fill);
      cairo_fill (cr);
      cairo_destroy (cr);
      g_hash_table_insert (self->markers, GUINT_TO_POINTER (key), sprite);
      return sprite;
    }
  else
    {
      static const double ring[4][3] = {
        { 1, 1, 1 }, { 0.96, 0.76, 0.07 }, { 0.24, 0.22, 0.27 }, { 0.88, 0.11, 0.14 },
      };
      const double *rgb = ring[MIN (state, 3)];

      cairo_rectangle (cr, 3.5, 3.5, 9, 9);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_set_line_width (cr, state == 0 ? 1.5 : 2.5);
    }
  cairo_stroke (cr);
  cairo_destroy (cr);
  g_hash_table_insert (self->markers, GUINT_TO_POINTER (key), sprite);
  return sprite;
}

static cairo_surface_t *
stead_point_layer_bubble_sprite (SteadPointLayer *self,
                                 int              r)
{
  cairo_surface_t *surface = g_hash_table_lookup (self->bubbles, GINT_TO_POINTER (r));
  int size = 2 * r + 4;
  cairo_t *cr;

  if (surface != NULL)
    return surface;

  surface = stead_point_layer_new_sprite (self, size, &cr);
  if (self->kind == STEAD_POINT_LAYER_NEEDS)
    {
      cairo_arc (cr, size / 2.0, size / 2.0, r, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, 0.85);
    }
  else
    {
      cairo_rectangle (cr, 2, 2, 2 * r, 2 * r);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.85);
    }
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_stroke (cr);
  cairo_destroy (cr);
  g_hash_table_insert (self->bubbles, GINT_TO_POINTER (r), surface);
  return surface;
}

/* A single point's marker, or a cluster's bubble. */
static cairo_surface_t *
stead_point_layer_item_sprite (SteadPointLayer         *self,
                               const guint16           *category,
                               const SteadPointCluster *item)
{
  const guint8 *classes = stead_point_snapshot_get_classes (self->data);
  gboolean need = classes != NULL ? classes[item->id] == STEAD_POINT_CLASS_NEED
                                  : self->kind == STEAD_POINT_LAYER_NEEDS;

  if (item->count == 1)
    return stead_point_layer_marker_sprite (self, category[item->id], need);
  return stead_point_layer_bubble_sprite (self, (int) round (stead_point_layer_item_radius (item)));
}

static void
stead_point_layer_drop_sprites (SteadPointLayer *self)
{
  if (self->textures != NULL)
    g_hash_table_remove_all (self->textures);
  if (self->labels != NULL)
    g_hash_table_remove_all (self->labels);
  if (self->markers != NULL)
    g_hash_table_remove_all (self->markers);
  if (self->bubbles != NULL)
    g_hash_table_remove_all (self->bubbles);
  if (self->badge_images != NULL)
    g_hash_table_remove_all (self->badge_images);
}

static GdkTexture *
stead_point_layer_sprite_texture (SteadPointLayer *self,
                                  cairo_surface_t *sprite)
{
  GdkTexture *texture = g_hash_table_lookup (self->textures, sprite);

  if (texture == NULL)
    {
      int width = cairo_image_surface_get_width (sprite);
      int height = cairo_image_surface_get_height (sprite);
      int stride = cairo_image_surface_get_stride (sprite);
      g_autoptr(GBytes) bytes = NULL;

      cairo_surface_flush (sprite);
      bytes = g_bytes_new (cairo_image_surface_get_data (sprite), (gsize) stride * height);
      /* Cairo's ARGB32 is premultiplied, in native byte order. */
      texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
      g_hash_table_insert (self->textures, sprite, texture);
    }
  return texture;
}

void
stead_point_layer_count_label (guint  count,
                               char  *text,
                               gsize  size)
{
  if (count < 1000)
    g_snprintf (text, size, "%u", count);
  else
    g_snprintf (text, size, "%.*fk", count < 10000 ? 1 : 0, count / 1000.0);
}

/* A bubble's count as a render node centred on 0,0, made once per text:
 * glyphs from the renderer's glyph cache, no layout per frame. */
static GskRenderNode *
stead_point_layer_label_node (SteadPointLayer *self,
                              const char      *text)
{
  GskRenderNode *node = g_hash_table_lookup (self->labels, text);

  if (node == NULL)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans Bold");
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      PangoRectangle ink;

      pango_font_description_set_absolute_size (font, 11 * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_layout_get_pixel_extents (layout, &ink, NULL);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-ink.x - ink.width / 2,
                                                              -ink.y - ink.height / 2));
      gtk_snapshot_append_layout (snapshot, layout, &(GdkRGBA) { 1, 1, 1, 1 });
      node = gtk_snapshot_free_to_node (snapshot);
      if (g_hash_table_size (self->labels) > 4096)
        g_hash_table_remove_all (self->labels);
      g_hash_table_insert (self->labels, g_strdup (text), node);
    }
  return node;
}

/* GL and Vulkan renderers: a texture node per marker (small textures share
 * the renderer's atlas, so they go out in a few draws) and a cached text
 * node per count. Under software GL this is about half the cost of one
 * window-sized cairo surface, which has to be filled, uploaded and blended
 * every frame. */
static void
stead_point_layer_snapshot_nodes (SteadPointLayer *self,
                                  GtkSnapshot     *snapshot,
                                  ShumateViewport *viewport)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_full (self->scratch->len * 2,
                                                     (GDestroyNotify) gsk_render_node_unref);
  g_autoptr(GPtrArray) labels = NULL;
  const guint16 *category = stead_point_snapshot_get_categories (self->data);
  GskRenderNode *container;

  labels = g_ptr_array_new_with_free_func ((GDestroyNotify) gsk_render_node_unref);
  for (guint i = 0; i < self->scratch->len; i++)
    {
      const SteadPointCluster *item = &g_array_index (self->scratch, SteadPointCluster, i);
      cairo_surface_t *sprite;
      double x, y;
      int size;

      shumate_viewport_location_to_widget_coords (viewport, widget, item->lat, item->lon, &x, &y);
      sprite = stead_point_layer_item_sprite (self, category, item);
      size = cairo_image_surface_get_width (sprite) / self->sprite_scale;
      g_ptr_array_add (nodes, gsk_texture_node_new (stead_point_layer_sprite_texture (self, sprite),
                                                    &GRAPHENE_RECT_INIT (round (x) - size / 2,
                                                                         round (y) - size / 2,
                                                                         size, size)));
      if (item->count > 1)
        {
          char text[16];
          g_autoptr(GskTransform) at = NULL;

          stead_point_layer_count_label (item->count, text, sizeof text);
          at = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (round (x), round (y)));
          g_ptr_array_add (labels,
                           gsk_transform_node_new (stead_point_layer_label_node (self, text), at));
        }
    }

  /* Counts over every bubble, so a neighbour never hides one. */
  for (guint i = 0; i < labels->len; i++)
    g_ptr_array_add (nodes, gsk_render_node_ref (g_ptr_array_index (labels, i)));

  container = gsk_container_node_new ((GskRenderNode **) nodes->pdata, nodes->len);
  gtk_snapshot_append_node (snapshot, container);
  gsk_render_node_unref (container);
}

typedef struct
{
  cairo_surface_t *sprite;
  double           x;      /* top left, whole pixels */
  double           y;
  int              size;
} Placed;

static gboolean
stead_point_layer_renderer_is_cairo (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  return renderer == NULL || GSK_IS_CAIRO_RENDERER (renderer);
}

/* What the index has in view, into the scratch; FALSE if nothing. */
static gboolean
stead_point_layer_query_view (SteadPointLayer *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double north, south, east, west, margin;
  guint zoom;

  g_array_set_size (self->scratch, 0);
  if (self->data == NULL || width <= 0 || height <= 0 ||
      shumate_viewport_get_reference_map_source (viewport) == NULL)
    return FALSE;

  /* A margin of a bubble's size, so bubbles at the edges are not cut. */
  margin = 24;
  shumate_viewport_widget_coords_to_location (viewport, widget, -margin, -margin, &north, &west);
  shumate_viewport_widget_coords_to_location (viewport, widget, width + margin, height + margin,
                                              &south, &east);
  zoom = (guint) MAX (0, floor (shumate_viewport_get_zoom_level (viewport)));

  stead_point_index_query (stead_point_snapshot_get_index (self->data), zoom,
                           west, south, east, north, self->scratch);
  return self->scratch->len > 0;
}

/* The merged layer's layout for the view now: badges, points alone and
 * places' names. Made once for a view (the area layer below asks for it
 * before this layer draws it) and again only when the view, the data or
 * the controls over the map change. */
static void
stead_point_layer_layout_merged (SteadPointLayer *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double key[G_N_ELEMENTS (self->layout_key)] = {
    shumate_viewport_get_zoom_level (viewport),
    shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
    shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
    gtk_widget_get_width (widget),
    gtk_widget_get_height (widget),
  };
  gboolean moved = stead_point_layer_badges_find_reserved (self);

  if (self->layout_valid && !moved && self->layout_data == self->data &&
      memcmp (key, self->layout_key, sizeof key) == 0)
    return;
  memcpy (self->layout_key, key, sizeof key);
  self->layout_data = self->data;
  self->layout_valid = TRUE;

  g_array_set_size (self->badges, 0);
  g_array_set_size (self->singles, 0);
  g_array_set_size (self->names, 0);
  if (stead_point_layer_query_view (self))
    {
      stead_point_layer_badges_layout (self, viewport, self->scratch);
      stead_point_layer_names_layout (self, viewport);
    }
}

/* Something other than the view changed what the layout would be. */
static void
stead_point_layer_invalidate_layout (SteadPointLayer *self)
{
  self->layout_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[LAYOUT_CHANGED], 0);
}

/**
 * stead_point_layer_find_site:
 * @site: a site's number in the data (its row)
 * @place: (out): its place in its marker layer
 *
 * Returns: (nullable): the marker layer the site comes from
 */
SteadMarkerLayer *
stead_point_layer_find_site (SteadPointLayer *self,
                             guint            site,
                             guint           *place)
{
  guint layer = 0;

  while (layer + 1 < self->site_offsets->len &&
         g_array_index (self->site_offsets, guint, layer + 1) <= site)
    layer++;
  if (layer >= self->loaded_sites->len)
    return NULL;
  *place = site - g_array_index (self->site_offsets, guint, layer);
  return g_ptr_array_index (self->loaded_sites, layer);
}

/* A site alone: drawn as its own layer would. */
static void
stead_point_layer_snapshot_sites (SteadPointLayer *self,
                                  GtkSnapshot     *snapshot)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  const guint8 *classes = stead_point_snapshot_get_classes (self->data);
  const gint64 *rows = stead_point_snapshot_get_fids (self->data);

  for (guint i = 0; i < self->singles->len; i++)
    {
      const SteadPointCluster *c = &g_array_index (self->singles, SteadPointCluster, i);
      SteadMarkerLayer *layer;
      guint place;
      double x, y;

      if (classes[c->id] != STEAD_POINT_CLASS_SITE ||
          (layer = stead_point_layer_find_site (self, (guint) rows[c->id], &place)) == NULL)
        continue;
      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), c->lat, c->lon, &x,
                                                  &y);
      stead_marker_layer_snapshot_place (layer, snapshot, GTK_WIDGET (self), place, x, y);
    }
}

static void stead_point_layer_snapshot_items (SteadPointLayer *self,
                                              GtkSnapshot     *snapshot);

static void
stead_point_layer_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  SteadPointLayer *self = STEAD_POINT_LAYER (widget);
  const guint8 *classes;

  if (self->merged != NULL)
    return;   /* the merged layer draws this one's points */
  if (self->kind != STEAD_POINT_LAYER_MERGED)
    {
      if (stead_point_layer_query_view (self))
        stead_point_layer_snapshot_items (self, snapshot);
      return;
    }

  stead_point_layer_layout_merged (self);
  if (self->data == NULL)
    return;
  /* Points alone first, then the sites' markers, the badges on top. */
  classes = stead_point_snapshot_get_classes (self->data);
  g_array_set_size (self->scratch, 0);
  for (guint i = 0; i < self->singles->len; i++)
    {
      const SteadPointCluster *c = &g_array_index (self->singles, SteadPointCluster, i);

      if (classes[c->id] != STEAD_POINT_CLASS_SITE)
        g_array_append_val (self->scratch, *c);
    }
  if (self->scratch->len > 0)
    stead_point_layer_snapshot_items (self, snapshot);
  stead_point_layer_snapshot_sites (self, snapshot);
  stead_point_layer_names_snapshot (self, snapshot);
  stead_point_layer_badges_snapshot (self, snapshot);
}

/* Draws the scratch's items. */
static void
stead_point_layer_snapshot_items (SteadPointLayer *self,
                                  GtkSnapshot     *snapshot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean font_set = FALSE;
  const guint16 *category;
  cairo_t *cr;

  if (self->sprite_scale != gtk_widget_get_scale_factor (widget))
    stead_point_layer_drop_sprites (self);
  self->sprite_scale = gtk_widget_get_scale_factor (widget);

  category = stead_point_snapshot_get_categories (self->data);
  if (!stead_point_layer_renderer_is_cairo (widget))
    {
      stead_point_layer_snapshot_nodes (self, snapshot, viewport);
      return;
    }

  /* The cairo renderer: markers are drawn once into small sprites and then
   * blitted at whole pixels, far cheaper than filling and stroking
   * thousands of paths (texture nodes would be converted back to a cairo
   * surface one by one). */
  {
    g_autofree Placed *placed = g_new (Placed, self->scratch->len);
    double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

    /* Where each goes first: the surface then covers only what is drawn
     * (a town seen from afar is a corner of the window), which is most
     * of the cost under the cairo renderer: allocating and clearing it. */
    for (guint i = 0; i < self->scratch->len; i++)
      {
        const SteadPointCluster *item = &g_array_index (self->scratch, SteadPointCluster, i);
        Placed *p = &placed[i];
        double x, y;

        shumate_viewport_location_to_widget_coords (viewport, widget, item->lat, item->lon, &x, &y);
        p->sprite = stead_point_layer_item_sprite (self, category, item);
        p->size = cairo_image_surface_get_width (p->sprite) / self->sprite_scale;
        p->x = round (x) - p->size / 2;
        p->y = round (y) - p->size / 2;
        x0 = MIN (x0, p->x);
        y0 = MIN (y0, p->y);
        x1 = MAX (x1, p->x + p->size);
        y1 = MAX (y1, p->y + p->size);
      }
    x0 = MAX (floor (x0), 0);
    y0 = MAX (floor (y0), 0);
    x1 = MIN (ceil (x1), width);
    y1 = MIN (ceil (y1), height);
    if (x1 <= x0 || y1 <= y0)
      return;

    cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0));

    for (guint i = 0; i < self->scratch->len; i++)
      {
        const SteadPointCluster *item = &g_array_index (self->scratch, SteadPointCluster, i);
        const Placed *p = &placed[i];

        cairo_set_source_surface (cr, p->sprite, p->x, p->y);
        cairo_paint (cr);

        if (item->count > 1)
          {
            char text[16];
            cairo_text_extents_t extents;
            double cx = p->x + p->size / 2, cy = p->y + p->size / 2;

            /* Cairo's own text: counts are digits, and a Pango layout per
             * bubble costs more than the rest of the frame. */
            if (!font_set)
              {
                cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL,
                                        CAIRO_FONT_WEIGHT_BOLD);
                cairo_set_font_size (cr, 11);
                font_set = TRUE;
              }
            cairo_set_source_rgb (cr, 1, 1, 1);
            stead_point_layer_count_label (item->count, text, sizeof text);
            cairo_text_extents (cr, text, &extents);
            cairo_move_to (cr, round (cx - extents.width / 2 - extents.x_bearing),
                           round (cy - extents.height / 2 - extents.y_bearing));
            cairo_show_text (cr, text);
          }
      }
  }

  cairo_destroy (cr);
}

static void
stead_point_layer_on_viewport_changed (SteadPointLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
stead_point_layer_constructed (GObject *object)
{
  SteadPointLayer *self = STEAD_POINT_LAYER (object);

  G_OBJECT_CLASS (stead_point_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (stead_point_layer_on_viewport_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
stead_point_layer_forget_partner (SteadPointLayer  *self,
                                  SteadPointLayer **partner)
{
  if (*partner == NULL)
    return;
  g_signal_handlers_disconnect_by_data (*partner, self);
  g_object_remove_weak_pointer (G_OBJECT (*partner), (gpointer *) partner);
  if ((*partner)->merged == self)
    {
      g_object_remove_weak_pointer (G_OBJECT (self), (gpointer *) &(*partner)->merged);
      (*partner)->merged = NULL;
    }
  *partner = NULL;
}

static void
stead_point_layer_dispose (GObject *object)
{
  SteadPointLayer *self = STEAD_POINT_LAYER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->data, stead_point_snapshot_unref);
  g_clear_pointer (&self->scratch, g_array_unref);
  g_clear_pointer (&self->kinds, g_strfreev);
  stead_point_layer_drop_sprites (self);
  g_clear_pointer (&self->textures, g_hash_table_unref);
  g_clear_pointer (&self->labels, g_hash_table_unref);
  g_clear_pointer (&self->badge_images, g_hash_table_unref);
  g_clear_pointer (&self->bubbles, g_hash_table_unref);
  g_clear_pointer (&self->markers, g_hash_table_unref);
  g_clear_pointer (&self->states, g_strfreev);
  if (self->merged != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->merged), (gpointer *) &self->merged);
  self->merged = NULL;
  stead_point_layer_forget_partner (self, &self->needs);
  stead_point_layer_forget_partner (self, &self->resources);
  while (self->sites != NULL && self->sites->len > 0)
    stead_point_layer_remove_sites (self, g_ptr_array_index (self->sites, 0));
  g_clear_pointer (&self->sites, g_ptr_array_unref);
  g_clear_pointer (&self->loaded_sites, g_ptr_array_unref);
  g_clear_pointer (&self->site_offsets, g_array_unref);
  g_clear_pointer (&self->badges, g_array_unref);
  g_clear_pointer (&self->parts, g_array_unref);
  g_clear_pointer (&self->singles, g_array_unref);
  g_clear_pointer (&self->measure, cairo_destroy);
  g_clear_pointer (&self->reserved, g_ptr_array_unref);
  g_clear_pointer (&self->reserved_rects, g_array_unref);
  g_clear_pointer (&self->names, g_array_unref);
  g_clear_pointer (&self->name_layouts, g_hash_table_unref);
  g_clear_pointer (&self->place_titles, g_hash_table_unref);

  G_OBJECT_CLASS (stead_point_layer_parent_class)->dispose (object);
}

static void
stead_point_layer_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SteadPointLayer *self = STEAD_POINT_LAYER (object);

  switch (prop_id)
    {
    case PROP_SHOW_PERSONAL:
      g_value_set_boolean (value, self->show_personal);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_point_layer_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SteadPointLayer *self = STEAD_POINT_LAYER (object);

  switch (prop_id)
    {
    case PROP_SHOW_PERSONAL:
      stead_point_layer_set_show_personal (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_point_layer_class_init (SteadPointLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = stead_point_layer_constructed;
  object_class->dispose = stead_point_layer_dispose;
  object_class->get_property = stead_point_layer_get_property;
  object_class->set_property = stead_point_layer_set_property;
  widget_class->snapshot = stead_point_layer_snapshot;

  /**
   * SteadPointLayer:show-personal:
   *
   * Whether the user allowed personal data to be shown (the
   * show-personal-data setting): then a rest centre is named by its
   * title, otherwise by its kind.
   */
  properties[PROP_SHOW_PERSONAL] =
    g_param_spec_boolean ("show-personal", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SteadPointLayer::layout-changed:
   *
   * The badges and names will be laid out again, for something other
   * than the view moving (new points, a setting): a layer that keeps
   * clear of them lays itself out again too.
   */
  signals[LAYOUT_CHANGED] = g_signal_new ("layout-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
stead_point_layer_free_weak_ref (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
stead_point_layer_init (SteadPointLayer *self)
{
  self->scratch = g_array_new (FALSE, FALSE, sizeof (SteadPointCluster));
  self->bubbles = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) cairo_surface_destroy);
  self->markers = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) cairo_surface_destroy);
  self->textures = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) gsk_render_node_unref);
  self->badge_images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->sprite_scale = 1;
  self->sites = g_ptr_array_new_with_free_func (g_object_unref);
  self->loaded_sites = g_ptr_array_new_with_free_func (g_object_unref);
  self->site_offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  self->badges = g_array_new (FALSE, FALSE, sizeof (SteadPointLayerBadge));
  self->parts = g_array_new (FALSE, FALSE, sizeof (SteadPointLayerPart));
  self->singles = g_array_new (FALSE, FALSE, sizeof (SteadPointCluster));
  self->reserved = g_ptr_array_new_with_free_func (stead_point_layer_free_weak_ref);
  self->reserved_rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  self->names = g_array_new (FALSE, FALSE, sizeof (SteadPointLayerName));
  self->name_layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

SteadPointLayer *
stead_point_layer_new (ShumateViewport     *viewport,
                       SteadPointLayerKind  kind)
{
  SteadPointLayer *self = g_object_new (STEAD_TYPE_POINT_LAYER, "viewport", viewport, NULL);

  self->kind = kind;
  return self;
}

static void
stead_point_layer_on_shown_changed (SteadPointLayer *self)
{
  stead_point_layer_reload_merged (self);
}

static void
stead_point_layer_adopt (SteadPointLayer  *self,
                         SteadPointLayer  *partner,
                         SteadPointLayer **slot)
{
  *slot = partner;
  g_object_add_weak_pointer (G_OBJECT (partner), (gpointer *) slot);
  partner->merged = self;
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &partner->merged);
  g_clear_pointer (&partner->data, stead_point_snapshot_unref);
  g_cancellable_cancel (partner->cancellable);
  g_signal_connect_object (partner, "notify::visible",
                           G_CALLBACK (stead_point_layer_on_shown_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_queue_draw (GTK_WIDGET (partner));
}

/**
 * stead_point_layer_new_merged:
 * @viewport: the map's viewport
 * @needs: the needs layer
 * @resources: the resources layer
 *
 * A layer that draws the points of @needs and @resources (and of the
 * marker layers given to stead_point_layer_add_sites()) from one index:
 * one badge per place with a count per class, badges never overlapping.
 * @needs and @resources draw nothing themselves from then on; their
 * workspace, filter and visibility say what this layer shows, and their
 * pick and members answer for their own points.
 *
 * Returns: (transfer full): the layer
 */
SteadPointLayer *
stead_point_layer_new_merged (ShumateViewport *viewport,
                              SteadPointLayer *needs,
                              SteadPointLayer *resources)
{
  SteadPointLayer *self;

  g_return_val_if_fail (STEAD_IS_POINT_LAYER (needs) && needs->kind == STEAD_POINT_LAYER_NEEDS,
                        NULL);
  g_return_val_if_fail (STEAD_IS_POINT_LAYER (resources) &&
                        resources->kind == STEAD_POINT_LAYER_RESOURCES, NULL);

  self = stead_point_layer_new (viewport, STEAD_POINT_LAYER_MERGED);
  stead_point_layer_adopt (self, needs, &self->needs);
  stead_point_layer_adopt (self, resources, &self->resources);
  stead_point_layer_reload_merged (self);
  return self;
}

/**
 * stead_point_layer_add_sites:
 * @self: a merged layer
 * @sites: a plugin's marker layer (partner sites)
 *
 * Clusters the places of @sites with the needs and resources: a place in
 * a cluster counts in its badge instead of being drawn over it. While
 * added, @sites draws nothing itself; hiding it leaves its places out.
 */
void
stead_point_layer_add_sites (SteadPointLayer  *self,
                             SteadMarkerLayer *sites)
{
  g_return_if_fail (STEAD_IS_POINT_LAYER (self) && self->kind == STEAD_POINT_LAYER_MERGED);
  g_return_if_fail (STEAD_IS_MARKER_LAYER (sites));

  g_ptr_array_add (self->sites, g_object_ref (sites));
  stead_marker_layer_set_merged (sites, TRUE);
  g_signal_connect_object (sites, "changed", G_CALLBACK (stead_point_layer_on_shown_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sites, "notify::visible",
                           G_CALLBACK (stead_point_layer_on_shown_changed), self,
                           G_CONNECT_SWAPPED);
  stead_point_layer_reload_merged (self);
}

/**
 * stead_point_layer_remove_sites:
 * @self: a merged layer
 * @sites: a marker layer given to stead_point_layer_add_sites()
 *
 * Undoes stead_point_layer_add_sites(): @sites draws its places again.
 */
void
stead_point_layer_remove_sites (SteadPointLayer  *self,
                                SteadMarkerLayer *sites)
{
  g_return_if_fail (STEAD_IS_POINT_LAYER (self));
  g_return_if_fail (STEAD_IS_MARKER_LAYER (sites));

  g_signal_handlers_disconnect_by_data (sites, self);
  stead_marker_layer_set_merged (sites, FALSE);
  if (g_ptr_array_remove (self->sites, sites) && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    stead_point_layer_reload_merged (self);
}

/**
 * stead_point_layer_get_badges:
 * @self: a merged layer
 * @badges: (element-type SteadPointBadge): where to append them
 *
 * Lays the badges out for the view now, as the next frame draws them,
 * and appends each one's box (in the layer's coordinates) and counts.
 *
 * Returns: how many were appended
 */
guint
stead_point_layer_get_badges (SteadPointLayer *self,
                              GArray          *badges)
{
  g_return_val_if_fail (STEAD_IS_POINT_LAYER (self) && self->kind == STEAD_POINT_LAYER_MERGED, 0);
  g_return_val_if_fail (badges != NULL, 0);

  stead_point_layer_layout_merged (self);
  for (guint j = 0; j < self->badges->len; j++)
    {
      const SteadPointLayerBadge *b = &g_array_index (self->badges, SteadPointLayerBadge, j);
      SteadPointBadge out = {
        .box = b->box,
        .n_needs = b->counts[STEAD_POINT_CLASS_NEED],
        .n_resources = b->counts[STEAD_POINT_CLASS_RESOURCE],
        .n_sites = b->counts[STEAD_POINT_CLASS_SITE],
      };

      g_array_append_val (badges, out);
    }
  return self->badges->len;
}

/**
 * stead_point_layer_get_badge_members:
 * @self: a merged layer
 * @badge: a badge's number in the last stead_point_layer_get_badges()
 * @klass: which of its points
 * @fids: (element-type gint64): where to append their rows (a site: its
 *   place among the sites)
 *
 * Returns: %FALSE if there is no such badge
 */
gboolean
stead_point_layer_get_badge_members (SteadPointLayer *self,
                                     guint            badge,
                                     SteadPointClass  klass,
                                     GArray          *fids)
{
  g_return_val_if_fail (STEAD_IS_POINT_LAYER (self), FALSE);
  g_return_val_if_fail (fids != NULL, FALSE);

  if (self->data == NULL || badge >= self->badges->len)
    return FALSE;
  stead_point_layer_append_badge_members (
    self, &g_array_index (self->badges, SteadPointLayerBadge, badge), klass, fids);
  return TRUE;
}

/**
 * stead_point_layer_get_names:
 * @self: a merged layer
 * @names: (element-type SteadPointName): where to append them
 *
 * Lays the layer out for the view now, as the next frame draws it, and
 * appends each name written beside a marker (a partner site's, a rest
 * centre's) with its box, in the layer's coordinates. Names are written
 * from %STEAD_POINT_LAYER_NAME_ZOOM, only where the box meets no badge,
 * no other name and none of the map's controls.
 *
 * Returns: how many were appended
 */
guint
stead_point_layer_get_names (SteadPointLayer *self,
                             GArray          *names)
{
  g_return_val_if_fail (STEAD_IS_POINT_LAYER (self) && self->kind == STEAD_POINT_LAYER_MERGED, 0);
  g_return_val_if_fail (names != NULL, 0);

  stead_point_layer_layout_merged (self);
  for (guint j = 0; j < self->names->len; j++)
    {
      const SteadPointLayerName *n = &g_array_index (self->names, SteadPointLayerName, j);
      SteadPointName out = { .box = n->box, .name = n->name, .klass = n->klass, .fid = n->fid };

      g_array_append_val (names, out);
    }
  return self->names->len;
}

/**
 * stead_point_layer_set_show_personal:
 * @self: a merged layer
 * @show_personal: whether the user allowed personal data to be shown
 *
 * A resource's title is personal data: a rest centre is named by it
 * only when allowed, otherwise by its kind ("Rest centre").
 */
void
stead_point_layer_set_show_personal (SteadPointLayer *self,
                                     gboolean         show_personal)
{
  g_return_if_fail (STEAD_IS_POINT_LAYER (self));

  show_personal = !!show_personal;
  if (self->show_personal == show_personal)
    return;
  self->show_personal = show_personal;
  stead_point_layer_invalidate_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PERSONAL]);
}

/**
 * stead_point_layer_keep_clear_of:
 * @self: a merged layer
 * @control: a widget over the map (its zoom buttons, its licence)
 *
 * Badges are never laid out under @control while it is shown: one that
 * would be is moved beside it.
 */
void
stead_point_layer_keep_clear_of (SteadPointLayer *self,
                                 GtkWidget       *control)
{
  GWeakRef *ref;

  g_return_if_fail (STEAD_IS_POINT_LAYER (self));
  g_return_if_fail (GTK_IS_WIDGET (control));

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, control);
  g_ptr_array_add (self->reserved, ref);
}
