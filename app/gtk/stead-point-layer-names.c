/* stead-point-layer-names.c: places' names beside their markers, never over a count
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Zoomed in to streets (from STEAD_POINT_LAYER_NAME_ZOOM), a partner's
 * site and a rest centre drawn alone are named beside their marker:
 * sites by the name their marker layer gives (a public place's), rest
 * centres by their title when personal data may be shown and by their
 * kind otherwise (a resource's title is personal data). A name goes to
 * the right of its marker, or to the left if there is no room there,
 * ellipsized past NAME_MAX_WIDTH; one whose box would meet a badge,
 * another name, another point's marker or one of the map's controls is
 * dropped, never drawn over. The area layer below places its names after these and keeps
 * clear of them and of the badges. Zoom 13 is where the view spans a
 * town (some 6 km across a 1600-pixel window at 52°N): sites are a few
 * dozen, far enough apart to be named; further out the wards are what
 * an officer briefs from, and names would only crowd the counts.
 */

#define G_LOG_DOMAIN "stead-point-layer"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "stead-area-layer-private.h"
#include "stead-point-layer-private.h"

#define NAME_MAX_WIDTH 180   /* pixels; longer names are ellipsized */
#define NAME_PAD       2.0   /* around a name's box, for its halo */
#define NAME_GAP       2.0   /* the least room between a name and a badge */
#define SITE_REACH     13.0  /* from a site's marker's centre: past its disc */
#define POINT_REACH    8.0   /* from a point's */
#define NAMED_BADGE_MAX 8    /* a badge of more is a crowd, not a place */

static PangoLayout *
stead_point_layer_names_layout_for (SteadPointLayer *self,
                                    const char      *name)
{
  PangoLayout *layout = g_hash_table_lookup (self->name_layouts, name);

  if (layout == NULL)
    {
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), name);
      pango_layout_set_width (layout, NAME_MAX_WIDTH * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (layout, TRUE);
      g_hash_table_insert (self->name_layouts, g_strdup (name), layout);
    }
  return layout;
}

static gboolean
stead_point_layer_names_meet (const graphene_rect_t *a,
                              const graphene_rect_t *b,
                              double                 gap)
{
  return a->origin.x < b->origin.x + b->size.width + gap &&
         b->origin.x < a->origin.x + a->size.width + gap &&
         a->origin.y < b->origin.y + b->size.height + gap &&
         b->origin.y < a->origin.y + a->size.height + gap;
}

static gboolean
stead_point_layer_names_box_is_free (SteadPointLayer       *self,
                                     const GArray          *markers,
                                     const graphene_rect_t *box)
{
  GtkWidget *widget = GTK_WIDGET (self);

  if (box->origin.x < 0 || box->origin.y < 0 ||
      box->origin.x + box->size.width > gtk_widget_get_width (widget) ||
      box->origin.y + box->size.height > gtk_widget_get_height (widget))
    return FALSE;
  for (guint i = 0; i < self->badges->len; i++)
    if (stead_point_layer_names_meet (box, &g_array_index (self->badges, SteadPointLayerBadge,
                                                           i).box, NAME_GAP))
      return FALSE;
  for (guint i = 0; i < self->names->len; i++)
    if (stead_point_layer_names_meet (box, &g_array_index (self->names, SteadPointLayerName,
                                                           i).box, 0))
      return FALSE;
  for (guint i = 0; i < self->reserved_rects->len; i++)
    if (stead_point_layer_names_meet (box, &g_array_index (self->reserved_rects, graphene_rect_t,
                                                           i), 0))
      return FALSE;
  for (guint i = 0; i < markers->len; i++)
    if (stead_point_layer_names_meet (box, &g_array_index (markers, graphene_rect_t, i), 0))
      return FALSE;
  return TRUE;
}

/* What the site or resource @row is called on the map, or NULL if it is
 * not named there. */
static const char *
stead_point_layer_names_name_of (SteadPointLayer *self,
                                 SteadPointClass  klass,
                                 gint64           row)
{
  const char *title;

  if (klass == STEAD_POINT_CLASS_SITE)
    {
      guint place;
      SteadMarkerLayer *layer = stead_point_layer_find_site (self, (guint) row, &place);

      return layer != NULL ? stead_marker_layer_get_place_name (layer, place) : NULL;
    }
  title = self->place_titles != NULL ? g_hash_table_lookup (self->place_titles, &row) : NULL;
  if (title == NULL)
    return NULL;
  return self->show_personal && title[0] != '\0' ? title : _("Rest centre");
}

/* The one place of @klass a small badge stands for (a site and the
 * resources it publishes, a rest centre and a need at its door), or
 * NULL if it has none or several. */
static const char *
stead_point_layer_names_badge_name (SteadPointLayer            *self,
                                    const SteadPointLayerBadge *badge,
                                    SteadPointClass             klass,
                                    gint64                     *row)
{
  g_autoptr(GArray) fids = NULL;
  guint32 total = 0;
  const char *found = NULL;

  for (guint k = 0; k < STEAD_POINT_INDEX_MAX_CLASSES; k++)
    total += badge->counts[k];
  if (total > NAMED_BADGE_MAX || badge->counts[klass] == 0 ||
      (klass == STEAD_POINT_CLASS_SITE) != (badge->counts[STEAD_POINT_CLASS_SITE] > 0))
    return NULL;
  fids = g_array_new (FALSE, FALSE, sizeof (gint64));
  stead_point_layer_append_badge_members (self, badge, klass, fids);
  for (guint i = 0; i < fids->len; i++)
    {
      const char *name = stead_point_layer_names_name_of (self, klass,
                                                          g_array_index (fids, gint64, i));

      if (name == NULL)
        continue;
      if (found != NULL)
        return NULL;
      found = name;
      *row = g_array_index (fids, gint64, i);
    }
  return found;
}

/* @name beside @box (a marker's or a badge's), on the right if there is
 * room, else on the left, else not at all. */
static void
stead_point_layer_names_place (SteadPointLayer       *self,
                               const GArray          *markers,
                               SteadPointLayerName   *name,
                               const graphene_rect_t *box)
{
  int lw, lh;

  name->layout = stead_point_layer_names_layout_for (self, name->name);
  pango_layout_get_pixel_size (name->layout, &lw, &lh);
  for (guint side = 0; side < 2; side++)
    {
      name->x = round (side == 0 ? box->origin.x + box->size.width + NAME_PAD
                                 : box->origin.x - NAME_PAD - lw);
      name->y = round (box->origin.y + box->size.height / 2 - lh / 2.0);
      graphene_rect_init (&name->box, name->x - NAME_PAD, name->y - NAME_PAD, lw + 2 * NAME_PAD,
                          lh + 2 * NAME_PAD);
      if (stead_point_layer_names_box_is_free (self, markers, &name->box))
        {
          g_array_append_val (self->names, *name);
          return;
        }
    }
}

/**
 * stead_point_layer_names_layout:
 * @self: the merged layer, its badges laid out
 * @viewport: its viewport
 *
 * Places the names of the sites, then of the rest centres: each drawn
 * alone beside its marker, or beside the small badge it is in.
 */
void
stead_point_layer_names_layout (SteadPointLayer *self,
                                ShumateViewport *viewport)
{
  static const SteadPointClass order[] = { STEAD_POINT_CLASS_SITE, STEAD_POINT_CLASS_RESOURCE };
  g_autoptr(GArray) markers = NULL;
  const guint8 *classes;
  const gint64 *rows;

  g_array_set_size (self->names, 0);
  if (self->data == NULL || shumate_viewport_get_zoom_level (viewport) <
                              STEAD_POINT_LAYER_NAME_ZOOM)
    return;

  classes = stead_point_snapshot_get_classes (self->data);
  rows = stead_point_snapshot_get_fids (self->data);

  /* A name hides no other point's marker either. */
  markers = g_array_sized_new (FALSE, FALSE, sizeof (graphene_rect_t), self->singles->len);
  for (guint i = 0; i < self->singles->len; i++)
    {
      const SteadPointCluster *c = &g_array_index (self->singles, SteadPointCluster, i);
      /* Less a pixel: a name is placed on whole pixels, beside its own. */
      double reach = (classes[c->id] == STEAD_POINT_CLASS_SITE ? SITE_REACH : POINT_REACH) -
                     NAME_PAD - 1;
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), c->lat, c->lon,
                                                  &x, &y);
      g_array_append_val (markers,
                          GRAPHENE_RECT_INIT (x - reach, y - reach, 2 * reach, 2 * reach));
    }

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      double reach = order[k] == STEAD_POINT_CLASS_SITE ? SITE_REACH : POINT_REACH;

      for (guint i = 0; i < self->singles->len; i++)
        {
          const SteadPointCluster *c = &g_array_index (self->singles, SteadPointCluster, i);
          SteadPointLayerName name = { .klass = order[k], .fid = rows[c->id] };
          double x, y;

          if (classes[c->id] != order[k] ||
              (name.name = stead_point_layer_names_name_of (self, order[k], name.fid)) == NULL)
            continue;
          shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), c->lat,
                                                      c->lon, &x, &y);
          stead_point_layer_names_place (
            self, markers, &name,
            &GRAPHENE_RECT_INIT (x - reach + NAME_PAD, y, 2 * (reach - NAME_PAD), 0));
        }
      for (guint i = 0; i < self->badges->len; i++)
        {
          const SteadPointLayerBadge *b = &g_array_index (self->badges, SteadPointLayerBadge, i);
          SteadPointLayerName name = { .klass = order[k] };
          graphene_rect_t beside;

          if ((name.name = stead_point_layer_names_badge_name (self, b, order[k], &name.fid)) ==
              NULL)
            continue;
          /* Clear of the badge itself. */
          graphene_rect_inset_r (&b->box, -NAME_GAP - 0.5, 0, &beside);
          stead_point_layer_names_place (self, markers, &name, &beside);
        }
    }
}

/**
 * stead_point_layer_names_snapshot:
 *
 * Draws the names of the last layout, each with a halo.
 */
void
stead_point_layer_names_snapshot (SteadPointLayer *self,
                                  GtkSnapshot     *snapshot)
{
  for (guint i = 0; i < self->names->len; i++)
    {
      const SteadPointLayerName *name = &g_array_index (self->names, SteadPointLayerName, i);

      stead_area_layer_draw_label (GTK_WIDGET (self), snapshot, name->layout, name->x, name->y);
    }
}
