/* stead-point-layer-private.h: the point layer's state, shared with its badges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stead-point-layer.h"

G_BEGIN_DECLS

/* One badge on screen: the clusters (and points) it stands for, linked
 * through the layer's parts, with their counts by class. */
typedef struct
{
  graphene_rect_t box;
  double          x;          /* its anchor, the largest part's place */
  double          y;
  guint32         counts[STEAD_POINT_INDEX_MAX_CLASSES];
  int             first_part; /* into parts; -1: merged into another */
  int             last_part;
} SteadPointLayerBadge;

/* A place's name beside its marker: where it is drawn (its text's top
 * left), the box it takes with its halo, and its text. */
typedef struct
{
  graphene_rect_t  box;
  double           x;
  double           y;
  PangoLayout     *layout;    /* borrowed from the layer's names */
  const char      *name;      /* borrowed */
  SteadPointClass  klass;
  gint64           fid;       /* a resource's row, or a site's place */
} SteadPointLayerName;

typedef struct
{
  SteadPointCluster item;
  int               next;     /* the badge's next part, or -1 */
} SteadPointLayerPart;

struct _SteadPointLayer
{
  ShumateLayer         parent_instance;

  SteadPointLayerKind  kind;
  SteadWorkspace      *workspace;
  SteadPointSnapshot  *data;
  GCancellable        *cancellable;
  GArray              *scratch;
  GHashTable          *markers;       /* category | need << 16 -> single point sprite */
  GHashTable          *bubbles;       /* radius -> cluster bubble */
  GHashTable          *textures;      /* sprite surface -> GdkTexture of it */
  GHashTable          *labels;        /* count text -> GskRenderNode centred on 0,0 */
  GHashTable          *badge_images;  /* counts, width and scale -> GdkTexture of a badge */
  int                  sprite_scale;
  char               **kinds;         /* NULL: every kind */
  char               **states;        /* NULL: the default states */
  /* The time slider's range (days since 1970, both included), if on: the
   * needs live in it, of any status but one chosen otherwise. */
  gboolean             dated;
  gint32               first_day;
  gint32               last_day;

  /* A needs or resources layer whose points another layer draws: */
  SteadPointLayer     *merged;        /* weak */

  /* The layer that draws them, with the sites of plugins' marker layers: */
  SteadPointLayer     *needs;         /* weak */
  SteadPointLayer     *resources;     /* weak */
  GPtrArray           *sites;         /* SteadMarkerLayer, as added */
  GPtrArray           *loaded_sites;  /* SteadMarkerLayer, as in the data */
  GArray              *site_offsets;  /* guint: the first site number of each */
  GArray              *badges;        /* SteadPointLayerBadge, of the last layout */
  GArray              *parts;         /* SteadPointLayerPart */
  GArray              *singles;       /* SteadPointCluster: points drawn alone */
  cairo_t             *measure;       /* for the widths of counts */
  GPtrArray           *reserved;      /* GWeakRef to controls over the map */
  GArray              *reserved_rects;/* graphene_rect_t: their bounds now */
  GArray              *names;         /* SteadPointLayerName, of the last layout */
  GHashTable          *name_layouts;  /* name -> PangoLayout, made once */
  GHashTable          *place_titles;  /* gint64 fid -> title: the rest centres */
  gboolean             show_personal;

  /* What the last layout was for: redone only when one of these changes. */
  gboolean             layout_valid;
  double               layout_key[5]; /* zoom, latitude, longitude, width, height */
  SteadPointSnapshot  *layout_data;   /* not a reference: compared only */
};

void     stead_point_layer_count_label     (guint                count,
                                            char                *text,
                                            gsize                size);
void     stead_point_layer_badges_layout   (SteadPointLayer     *self,
                                            ShumateViewport     *viewport,
                                            const GArray        *items);
void     stead_point_layer_badges_snapshot (SteadPointLayer     *self,
                                            GtkSnapshot         *snapshot);
void     stead_point_layer_names_layout    (SteadPointLayer     *self,
                                            ShumateViewport     *viewport);
void     stead_point_layer_names_snapshot  (SteadPointLayer     *self,
                                            GtkSnapshot         *snapshot);
gboolean stead_point_layer_badges_find_reserved (SteadPointLayer *self);
void     stead_point_layer_append_badge_members (SteadPointLayer            *self,
                                                 const SteadPointLayerBadge *badge,
                                                 SteadPointClass             klass,
                                                 GArray                     *fids);
SteadMarkerLayer *stead_point_layer_find_site (SteadPointLayer  *self,
                                               guint             site,
                                               guint            *place);
int      stead_point_layer_badges_pick     (SteadPointLayer     *self,
                                            double               x,
                                            double               y);

G_END_DECLS
