/* stead-point-layer-badges.c: one badge per place, counts that never overlap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The merged point layer's clusters hold needs, resources and partner
 * sites together. Each is drawn as one badge with a part per class: the
 * needs' count on vermillion with a round end (needs are round on the
 * map), the resources' on blue with a square end (resources are square),
 * the sites' on grey behind a house; the shapes say it where the colours
 * cannot. Clustering alone does not keep badges apart (a badge is wider
 * than a cluster's radius when the count is long), so the layout places
 * them largest first and folds a badge that would overlap one already
 * placed into it: the counts add up, and a click lists every part. A
 * point under a badge counts in it rather than hiding beneath it. The
 * map's own controls are kept clear: a badge that would go under one is
 * moved beside it, so no count is hidden there either.
 */

#define G_LOG_DOMAIN "stead-point-layer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "stead-point-layer-private.h"

#define BADGE_HEIGHT 18.0
#define BADGE_GAP    2.0   /* the least room between two badges */
#define POINT_REACH  6.0   /* a single point's marker, from its centre */

static const double class_rgb[STEAD_POINT_INDEX_MAX_CLASSES][3] = {
  { 0xd5 / 255.0, 0x5e / 255.0, 0x00 / 255.0 },   /* needs: Okabe–Ito vermillion */
  { 0x00 / 255.0, 0x72 / 255.0, 0xb2 / 255.0 },   /* resources: Okabe–Ito blue */
  { 0x5e / 255.0, 0x5c / 255.0, 0x64 / 255.0 },   /* sites: grey */
  { 0.3, 0.3, 0.3 },
};

static cairo_t *
stead_point_layer_badges_measure (SteadPointLayer *self)
{
  if (self->measure == NULL)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);

      self->measure = cairo_create (surface);
      cairo_surface_destroy (surface);
      cairo_select_font_face (self->measure, "Sans", CAIRO_FONT_SLANT_NORMAL,
                              CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size (self->measure, 11);
    }
  return self->measure;
}

/* The width of a class's part of a badge, 0 when it has none. */
static double
stead_point_layer_badges_part_width (SteadPointLayer *self,
                                     guint            klass,
                                     guint32          count)
{
  cairo_text_extents_t extents;
  char text[16];

  if (count == 0)
    return 0;
  stead_point_layer_count_label (count, text, sizeof text);
  cairo_text_extents (stead_point_layer_badges_measure (self), text, &extents);
  return MAX (BADGE_HEIGHT,
              ceil (extents.x_advance) + 8 + (klass == STEAD_POINT_CLASS_SITE ? 10 : 0));
}

static gboolean stead_point_layer_badges_overlap (const graphene_rect_t *a,
                                                  const graphene_rect_t *b);

/* Moves @box the least way out of @r that keeps it in @bounds. */
static void
stead_point_layer_badges_move_off (graphene_rect_t       *box,
                                   const graphene_rect_t *r,
                                   const graphene_rect_t *bounds)
{
  double moves[4][2] = {
    { r->origin.x - BADGE_GAP - (box->origin.x + box->size.width), 0 },
    { r->origin.x + r->size.width + BADGE_GAP - box->origin.x, 0 },
    { 0, r->origin.y - BADGE_GAP - (box->origin.y + box->size.height) },
    { 0, r->origin.y + r->size.height + BADGE_GAP - box->origin.y },
  };
  double best = G_MAXDOUBLE;
  int pick = -1;

  for (int m = 0; m < 4; m++)
    {
      graphene_rect_t moved = *box;

      moved.origin.x += moves[m][0];
      moved.origin.y += moves[m][1];
      if (!graphene_rect_contains_rect (bounds, &moved))
        continue;
      if (fabs (moves[m][0]) + fabs (moves[m][1]) < best)
        {
          best = fabs (moves[m][0]) + fabs (moves[m][1]);
          pick = m;
        }
    }
  if (pick >= 0)
    {
      box->origin.x += moves[pick][0];
      box->origin.y += moves[pick][1];
    }
}

static void
stead_point_layer_badges_place (SteadPointLayer      *self,
                                SteadPointLayerBadge *badge)
{
  GtkWidget *widget = GTK_WIDGET (self);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                               gtk_widget_get_height (widget));
  double width = 0;

  for (guint k = 0; k < STEAD_POINT_INDEX_MAX_CLASSES; k++)
    width += stead_point_layer_badges_part_width (self, k, badge->counts[k]);
  badge->box = GRAPHENE_RECT_INIT (round (badge->x - width / 2),
                                   round (badge->y - BADGE_HEIGHT / 2), width, BADGE_HEIGHT);
  /* Twice: moved off one control, it may be under its neighbour. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->reserved_rects->len; i++)
      {
        const graphene_rect_t *r = &g_array_index (self->reserved_rects, graphene_rect_t, i);

        if (stead_point_layer_badges_overlap (&badge->box, r))
          stead_point_layer_badges_move_off (&badge->box, r, &bounds);
      }
}

/**
 * stead_point_layer_badges_find_reserved:
 *
 * Finds the bounds of the controls over the map, now, in the layer's
 * coordinates.
 *
 * Returns: whether they changed since last time
 */
gboolean
stead_point_layer_badges_find_reserved (SteadPointLayer *self)
{
  graphene_rect_t rects[16];
  guint n = 0;

  for (guint i = 0; i < self->reserved->len && n < G_N_ELEMENTS (rects); i++)
    {
      g_autoptr(GtkWidget) control = g_weak_ref_get (g_ptr_array_index (self->reserved, i));

      if (control != NULL && gtk_widget_get_mapped (control) &&
          gtk_widget_compute_bounds (control, GTK_WIDGET (self), &rects[n]))
        n++;
    }
  if (n == self->reserved_rects->len &&
      (n == 0 || memcmp (rects, self->reserved_rects->data, n * sizeof rects[0]) == 0))
    return FALSE;
  g_array_set_size (self->reserved_rects, 0);
  g_array_append_vals (self->reserved_rects, rects, n);
  return TRUE;
}

static gboolean
stead_point_layer_badges_overlap (const graphene_rect_t *a,
                                  const graphene_rect_t *b)
{
  return a->origin.x < b->origin.x + b->size.width + BADGE_GAP &&
         b->origin.x < a->origin.x + a->size.width + BADGE_GAP &&
         a->origin.y < b->origin.y + b->size.height + BADGE_GAP &&
         b->origin.y < a->origin.y + a->size.height + BADGE_GAP;
}

static guint32
stead_point_layer_badges_total (const SteadPointLayerBadge *badge)
{
  guint32 total = 0;

  for (guint k = 0; k < STEAD_POINT_INDEX_MAX_CLASSES; k++)
    total += badge->counts[k];
  return total;
}

/* @badge joins the placed ones; whatever it would overlap is folded into
 * it first (the larger keeps its place), again until it overlaps none:
 * placed badges never overlap each other. */
static void
stead_point_layer_badges_add (SteadPointLayer      *self,
                              SteadPointLayerBadge *badge)
{
  gboolean again = TRUE;

  while (again)
    {
      again = FALSE;
      for (guint j = 0; j < self->badges->len; j++)
        {
          SteadPointLayerBadge *other = &g_array_index (self->badges, SteadPointLayerBadge, j);

          if (other->first_part < 0 || !stead_point_layer_badges_overlap (&badge->box, &other->box))
            continue;
          if (stead_point_layer_badges_total (other) >= stead_point_layer_badges_total (badge))
            {
              badge->x = other->x;
              badge->y = other->y;
            }
          for (guint k = 0; k < STEAD_POINT_INDEX_MAX_CLASSES; k++)
            badge->counts[k] += other->counts[k];
          g_array_index (self->parts, SteadPointLayerPart, badge->last_part).next =
            other->first_part;
          badge->last_part = other->last_part;
          other->first_part = -1;
          stead_point_layer_badges_place (self, badge);
          again = TRUE;
        }
    }
  g_array_append_val (self->badges, *badge);
}

static int
stead_point_layer_badges_by_count (gconstpointer a,
                                   gconstpointer b)
{
  const SteadPointCluster *x = *(const SteadPointCluster * const *) a;
  const SteadPointCluster *y = *(const SteadPointCluster * const *) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return (x > y) - (x < y);
}

static void
stead_point_layer_badges_start (SteadPointLayer         *self,
                                ShumateViewport         *viewport,
                                const SteadPointCluster *item,
                                SteadPointLayerBadge    *badge)
{
  SteadPointIndex *index = stead_point_snapshot_get_index (self->data);
  SteadPointLayerPart part = { *item, -1 };

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), item->lat, item->lon,
                                              &badge->x, &badge->y);
  stead_point_index_get_class_counts (index, item, badge->counts);
  badge->first_part = badge->last_part = self->parts->len;
  g_array_append_val (self->parts, part);
  stead_point_layer_badges_place (self, badge);
}

/* Which cells of 32 pixels any badge (with a point's reach) has
 * covered: a point in a cell none has is alone without a search. */
typedef struct
{
  guint8 *cells;
  int     columns;
  int     rows;
} Coverage;

#define CELL 32.0

static int
stead_point_layer_badges_cell (double v,
                               int    n)
{
  return CLAMP ((int) floor ((v + CELL) / CELL), 0, n - 1);   /* one cell of margin */
}

static void
stead_point_layer_badges_cover (Coverage              *coverage,
                                const graphene_rect_t *box)
{
  int x0 = stead_point_layer_badges_cell (box->origin.x - POINT_REACH, coverage->columns);
  int x1 = stead_point_layer_badges_cell (box->origin.x + box->size.width + POINT_REACH,
                                          coverage->columns);
  int y0 = stead_point_layer_badges_cell (box->origin.y - POINT_REACH, coverage->rows);
  int y1 = stead_point_layer_badges_cell (box->origin.y + box->size.height + POINT_REACH,
                                          coverage->rows);

  for (int y = y0; y <= y1; y++)
    memset (coverage->cells + y * coverage->columns + x0, 1, x1 - x0 + 1);
}

static void
stead_point_layer_badges_add_covered (SteadPointLayer      *self,
                                      SteadPointLayerBadge *badge,
                                      Coverage             *coverage)
{
  stead_point_layer_badges_add (self, badge);
  stead_point_layer_badges_cover (
    coverage, &g_array_index (self->badges, SteadPointLayerBadge, self->badges->len - 1).box);
}

/**
 * stead_point_layer_badges_layout:
 * @self: the merged layer
 * @viewport: its viewport
 * @items: what the index has in view
 *
 * Makes the badges (largest first) and the list of points drawn alone.
 */
void
stead_point_layer_badges_layout (SteadPointLayer *self,
                                 ShumateViewport *viewport,
                                 const GArray    *items)
{
  g_autoptr(GPtrArray) order = g_ptr_array_sized_new (items->len);
  Coverage coverage;
  g_autofree guint8 *cells = NULL;
  guint kept = 0;

  coverage.columns = (int) ceil (gtk_widget_get_width (GTK_WIDGET (self)) / CELL) + 3;
  coverage.rows = (int) ceil (gtk_widget_get_height (GTK_WIDGET (self)) / CELL) + 3;
  coverage.cells = cells = g_malloc0 ((gsize) coverage.columns * coverage.rows);

  g_array_set_size (self->badges, 0);
  g_array_set_size (self->parts, 0);
  g_array_set_size (self->singles, 0);

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (order, &g_array_index (items, SteadPointCluster, i));
  g_ptr_array_sort (order, stead_point_layer_badges_by_count);

  for (guint i = 0; i < order->len; i++)
    {
      const SteadPointCluster *item = g_ptr_array_index (order, i);
      SteadPointLayerBadge badge;

      if (item->count > 1)
        {
          stead_point_layer_badges_start (self, viewport, item, &badge);
          stead_point_layer_badges_add_covered (self, &badge, &coverage);
          continue;
        }

      /* A point: alone, unless it is under a badge. */
      {
        double x, y;
        int under = -1;

        shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), item->lat,
                                                    item->lon, &x, &y);
        if (!cells[stead_point_layer_badges_cell (y, coverage.rows) * coverage.columns +
                   stead_point_layer_badges_cell (x, coverage.columns)])
          {
            g_array_append_val (self->singles, *item);
            continue;
          }
        for (guint j = 0; j < self->badges->len && under < 0; j++)
          {
            const SteadPointLayerBadge *b = &g_array_index (self->badges, SteadPointLayerBadge, j);
            graphene_rect_t reach;

            graphene_rect_inset_r (&b->box, -POINT_REACH, -POINT_REACH, &reach);
            if (b->first_part >= 0 && graphene_rect_contains_point (&reach,
                                                                    &GRAPHENE_POINT_INIT (x, y)))
              under = j;
          }
        if (under < 0)
          {
            g_array_append_val (self->singles, *item);
            continue;
          }
        stead_point_layer_badges_start (self, viewport, item, &badge);
        stead_point_layer_badges_add_covered (self, &badge, &coverage);
      }
    }

  /* Only the badges still standing. */
  for (guint j = 0; j < self->badges->len; j++)
    {
      SteadPointLayerBadge *b = &g_array_index (self->badges, SteadPointLayerBadge, j);

      if (b->first_part >= 0)
        g_array_index (self->badges, SteadPointLayerBadge, kept++) = *b;
    }
  g_array_set_size (self->badges, kept);
}

/**
 * stead_point_layer_badges_pick:
 *
 * Returns: the badge drawn at (@x, @y), the topmost, or -1
 */
int
stead_point_layer_badges_pick (SteadPointLayer *self,
                               double           x,
                               double           y)
{
  for (guint j = self->badges->len; j > 0; j--)
    {
      const SteadPointLayerBadge *b = &g_array_index (self->badges, SteadPointLayerBadge, j - 1);
      graphene_rect_t reach;

      graphene_rect_inset_r (&b->box, -2, -2, &reach);
      if (graphene_rect_contains_point (&reach, &GRAPHENE_POINT_INIT (x, y)))
        return j - 1;
    }
  return -1;
}

/* A small house before the sites' count. */
static void
stead_point_layer_badges_house (cairo_t *cr,
                                double   x,
                                double   y)
{
  cairo_move_to (cr, x, y + 1);
  cairo_line_to (cr, x + 4.5, y - 3.5);
  cairo_line_to (cr, x + 9, y + 1);
  cairo_close_path (cr);
  cairo_rectangle (cr, x + 1.5, y + 1, 6, 4);
  cairo_fill (cr);
}

static void
stead_point_layer_badges_draw (SteadPointLayer            *self,
                               cairo_t                    *cr,
                               const SteadPointLayerBadge *badge)
{
  double x = badge->box.origin.x, y = badge->box.origin.y, h = BADGE_HEIGHT, r = h / 2;
  double right = x + badge->box.size.width;
  for (guint k = 0; k < STEAD_POINT_INDEX_MAX_CLASSES; k++)
    {
      double w = stead_point_layer_badges_part_width (self, k, badge->counts[k]);
      gboolean last = x + w >= right - 0.5;
      cairo_text_extents_t extents;
      double text_x;
      char text[16];

      if (w == 0)
        continue;
      /* Needs round, the rest square, as their points are. */
      cairo_new_path (cr);
      if (k == STEAD_POINT_CLASS_NEED)
        {
          cairo_arc (cr, x + r, y + r, r, G_PI / 2, 3 * G_PI / 2);
          cairo_line_to (cr, x + w - (last ? r : 0), y);
          if (last)
            cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, G_PI / 2);
          else
            cairo_line_to (cr, x + w, y + h);
          cairo_close_path (cr);
        }
      else
        cairo_rectangle (cr, x, y, w, h);
      cairo_set_source_rgb (cr, class_rgb[k][0], class_rgb[k][1], class_rgb[k][2]);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);

      stead_point_layer_count_label (badge->counts[k], text, sizeof text);
      cairo_text_extents (cr, text, &extents);
      text_x = x + (w - extents.x_advance) / 2;
      if (k == STEAD_POINT_CLASS_SITE)
        {
          stead_point_layer_badges_house (cr, x + 4, y + h / 2 - 1);
          text_x += 5;
        }
      cairo_move_to (cr, round (text_x),
                     round (y + h / 2 - extents.height / 2 - extents.y_bearing));
      cairo_show_text (cr, text);
      x += w;
    }
}

#define BADGE_MARGIN 2   /* room around a badge's image for its white edge */

/* A badge drawn once into an image, for every frame it is in view: its
 * look depends only on its counts and width. One image of all the badges
 * (a window-sized one at the overview) was allocated, cleared, drawn and
 * blended on every frame of a pan or zoom; these are small, and drawn
 * again only for counts not seen before. */
static GdkTexture *
stead_point_layer_badges_image (SteadPointLayer            *self,
                                const SteadPointLayerBadge *badge,
                                int                         scale)
{
  SteadPointLayerBadge at = *badge;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  GdkTexture *texture;
  char key[96];
  int width, height;
  cairo_t *cr;

  g_snprintf (key, sizeof key, "%u %u %u %u %.2f %d", badge->counts[0], badge->counts[1],
              badge->counts[2], badge->counts[3], badge->box.size.width, scale);
  if ((texture = g_hash_table_lookup (self->badge_images, key)) != NULL)
    return texture;

  width = (int) ceil (badge->box.size.width) + 2 * BADGE_MARGIN;
  height = (int) ceil (BADGE_HEIGHT) + 2 * BADGE_MARGIN;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 11);
  at.box.origin.x = BADGE_MARGIN;
  at.box.origin.y = BADGE_MARGIN;
  stead_point_layer_badges_draw (self, cr, &at);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Cairo's ARGB32 is premultiplied BGRA in memory here: GDK_MEMORY_DEFAULT. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) *
                                        height * scale,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (width * scale, height * scale, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  if (g_hash_table_size (self->badge_images) > 4096)
    g_hash_table_remove_all (self->badge_images);
  g_hash_table_insert (self->badge_images, g_strdup (key), texture);
  return texture;
}

/**
 * stead_point_layer_badges_snapshot:
 *
 * Draws the badges of the last layout, over everything the layer drew,
 * each from its image at whole pixels.
 */
void
stead_point_layer_badges_snapshot (SteadPointLayer *self,
                                   GtkSnapshot     *snapshot)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  for (guint j = 0; j < self->badges->len; j++)
    {
      const SteadPointLayerBadge *b = &g_array_index (self->badges, SteadPointLayerBadge, j);
      GdkTexture *texture = stead_point_layer_badges_image (self, b, scale);

      gtk_snapshot_append_texture (snapshot, texture,
                                   &GRAPHENE_RECT_INIT (round (b->box.origin.x) - BADGE_MARGIN,
                                                        round (b->box.origin.y) - BADGE_MARGIN,
                                                        gdk_texture_get_width (texture) /
                                                          (double) scale,
                                                        gdk_texture_get_height (texture) /
                                                          (double) scale));
    }
}
