/* stead-marker-layer.c: a few dozen records on the map, drawn in one snapshot
 *
 * For a plugin's own places (partner sites, rest centres): the records of
 * a list model with "longitude" and "latitude" fields, each drawn as an
 * icon on a disc, named by its title in a tooltip, redone when the list
 * changes. A plugin whose places have public names (a partner's site)
 * says which field holds them (stead_marker_layer_set_name_field()): the
 * point layer writes them beside the markers when zoomed in. Needs and
 * resources, by the million, are drawn by SteadPointLayer from its
 * clustered index instead. On the map view the
 * places join that index (stead_marker_layer_set_merged()): where they
 * fall in a cluster they count in its badge, and the point layer draws
 * the ones alone through stead_marker_layer_snapshot_place(), so that no
 * icon is drawn over a count.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-marker-layer"

#include "config.h"

#include "stead-marker-layer.h"

#define MARKER_SIZE 22.0
#define ICON_SIZE   14.0

typedef struct
{
  double    lon;
  double    lat;
  char     *title;
  char     *name;     /* beside its marker when zoomed in, or NULL */
  gboolean  accent;
} Place;

struct _SteadMarkerLayer
{
  ShumateLayer        parent_instance;

  GListModel         *records;
  GArray             *places;   /* Place */
  char               *icon_name;
  char               *accent_field;
  char               *name_field;
  gboolean            merged;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SteadMarkerLayer, stead_marker_layer, SHUMATE_TYPE_LAYER)

static void
stead_marker_layer_clear_place (Place *place)
{
  g_free (place->title);
  g_free (place->name);
}

static void
stead_marker_layer_fill (SteadMarkerLayer *self)
{
  guint n = g_list_model_get_n_items (self->records);

  g_array_set_size (self->places, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SteadRecord) record = g_list_model_get_item (self->records, i);
      Place place;

      if (stead_record_is_null (record, "longitude") || stead_record_is_null (record, "latitude"))
        continue;
      place.lon = stead_record_get_double (record, "longitude");
      place.lat = stead_record_get_double (record, "latitude");
      place.title = g_strdup (stead_record_get_title (record));
      place.name = NULL;
      if (self->name_field != NULL && !stead_record_is_null (record, self->name_field))
        place.name = g_strdup (stead_record_get_string (record, self->name_field));
      place.accent =
        self->accent_field != NULL && stead_record_get_boolean (record, self->accent_field);
      g_array_append_val (self->places, place);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * stead_marker_layer_get_positions:
 * @self: a #SteadMarkerLayer
 * @lonlat: (element-type double): where to append longitude and latitude
 *   of each place on the map, in the order of
 *   stead_marker_layer_snapshot_place()
 */
void
stead_marker_layer_get_positions (SteadMarkerLayer *self,
                                  GArray           *lonlat)
{
  g_return_if_fail (STEAD_IS_MARKER_LAYER (self));
  g_return_if_fail (lonlat != NULL);

  for (guint i = 0; i < self->places->len; i++)
    {
      const Place *place = &g_array_index (self->places, Place, i);

      g_array_append_val (lonlat, place->lon);
      g_array_append_val (lonlat, place->lat);
    }
}

/**
 * stead_marker_layer_set_merged:
 * @self: a #SteadMarkerLayer
 * @merged: whether a point layer draws the places
 *
 * While merged, the layer draws nothing itself (its tooltips stay).
 */
void
stead_marker_layer_set_merged (SteadMarkerLayer *self,
                               gboolean          merged)
{
  g_return_if_fail (STEAD_IS_MARKER_LAYER (self));

  self->merged = !!merged;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * stead_marker_layer_set_name_field:
 * @self: a #SteadMarkerLayer
 * @name_field: (nullable): a text field of the records: each place's
 *   name, written beside its marker on the map when zoomed in to streets
 *   (where there is room for it); %NULL for none (the default)
 *
 * Only for names that are not personal data (a site's name, not a
 * contact's): they are shown whatever the show-personal-data setting.
 */
void
stead_marker_layer_set_name_field (SteadMarkerLayer *self,
                                   const char       *name_field)
{
  g_return_if_fail (STEAD_IS_MARKER_LAYER (self));

  if (g_strcmp0 (self->name_field, name_field) == 0)
    return;
  g_free (self->name_field);
  self->name_field = g_strdup (name_field);
  stead_marker_layer_fill (self);
}

/**
 * stead_marker_layer_get_place_name:
 * @self: a #SteadMarkerLayer
 * @place: a place's number (stead_marker_layer_get_positions())
 *
 * Returns: (nullable): the place's name to write beside its marker, or
 *   %NULL if it has none (no name field set, or the field is empty)
 */
const char *
stead_marker_layer_get_place_name (SteadMarkerLayer *self,
                                   guint             place)
{
  const char *name;

  g_return_val_if_fail (STEAD_IS_MARKER_LAYER (self), NULL);

  if (place >= self->places->len)
    return NULL;
  name = g_array_index (self->places, Place, place).name;
  return name != NULL && name[0] != '\0' ? name : NULL;
}

/**
 * stead_marker_layer_get_count:
 *
 * Returns: how many records are on the map (those with a position)
 */
guint
stead_marker_layer_get_count (SteadMarkerLayer *self)
{
  g_return_val_if_fail (STEAD_IS_MARKER_LAYER (self), 0);

  return self->places->len;
}

static GtkIconPaintable *
stead_marker_layer_lookup_icon (SteadMarkerLayer *self,
                                GtkWidget        *widget)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));

  return gtk_icon_theme_lookup_icon (theme, self->icon_name, NULL, ICON_SIZE,
                                     gtk_widget_get_scale_factor (widget),
                                     gtk_widget_get_direction (widget), 0);
}

static void
stead_marker_layer_draw_place (SteadMarkerLayer *self,
                               GtkSnapshot      *snapshot,
                               GtkIconPaintable *icon,
                               const Place      *place,
                               double            x,
                               double            y)
{
  GdkRGBA fg = { 1, 1, 1, 1 };
  GdkRGBA accent = { 0.21, 0.52, 0.89, 1 };
  GdkRGBA dim = { 0.36, 0.36, 0.40, 1 };
  GskRoundedRect disc;

  gsk_rounded_rect_init_from_rect (
    &disc, &GRAPHENE_RECT_INIT (x - MARKER_SIZE / 2, y - MARKER_SIZE / 2, MARKER_SIZE, MARKER_SIZE),
    MARKER_SIZE / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &disc);
  gtk_snapshot_append_color (snapshot, place->accent ? &accent : &dim, &disc.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x - ICON_SIZE / 2, y - ICON_SIZE / 2));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot, ICON_SIZE,
                                            ICON_SIZE, &fg, 1);
  gtk_snapshot_restore (snapshot);
}

/**
 * stead_marker_layer_snapshot_place:
 * @self: a #SteadMarkerLayer
 * @snapshot: a snapshot of @widget
 * @widget: the widget drawing (a point layer), for the icon theme
 * @place: the place's number (stead_marker_layer_get_positions())
 * @x: where, in @widget's coordinates
 * @y: where
 *
 * Draws one place's marker: for a point layer the places are merged into.
 */
void
stead_marker_layer_snapshot_place (SteadMarkerLayer *self,
                                   GtkSnapshot      *snapshot,
                                   GtkWidget        *widget,
                                   guint             place,
                                   double            x,
                                   double            y)
{
  g_autoptr(GtkIconPaintable) icon = NULL;

  g_return_if_fail (STEAD_IS_MARKER_LAYER (self));

  if (place >= self->places->len)
    return;
  icon = stead_marker_layer_lookup_icon (self, widget);
  stead_marker_layer_draw_place (self, snapshot, icon, &g_array_index (self->places, Place, place),
                                 x, y);
}

static void
stead_marker_layer_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  SteadMarkerLayer *self = STEAD_MARKER_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_autoptr(GtkIconPaintable) icon = NULL;
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  if (self->merged)
    return;
  icon = stead_marker_layer_lookup_icon (self, widget);
  for (guint i = 0; i < self->places->len; i++)
    {
      const Place *place = &g_array_index (self->places, Place, i);
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, widget, place->lat, place->lon, &x, &y);
      if (x < -MARKER_SIZE || y < -MARKER_SIZE || x > width + MARKER_SIZE ||
          y > height + MARKER_SIZE)
        continue;
      stead_marker_layer_draw_place (self, snapshot, icon, place, x, y);
    }
}

/* The title of the place under the pointer. */
static gboolean
stead_marker_layer_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard,
                                  GtkTooltip *tooltip)
{
  SteadMarkerLayer *self = STEAD_MARKER_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  for (guint i = self->places->len; i > 0; i--)
    {
      const Place *place = &g_array_index (self->places, Place, i - 1);
      double px, py;

      shumate_viewport_location_to_widget_coords (viewport, widget, place->lat, place->lon, &px,
                                                  &py);
      if ((px - x) * (px - x) + (py - y) * (py - y) <= MARKER_SIZE * MARKER_SIZE / 4)
        {
          gtk_tooltip_set_text (tooltip, place->title);
          return TRUE;
        }
    }
  return FALSE;
}

static void
stead_marker_layer_dispose (GObject *object)
{
  SteadMarkerLayer *self = STEAD_MARKER_LAYER (object);

  if (self->records != NULL)
    g_signal_handlers_disconnect_by_data (self->records, self);
  g_clear_object (&self->records);
  G_OBJECT_CLASS (stead_marker_layer_parent_class)->dispose (object);
}

static void
stead_marker_layer_finalize (GObject *object)
{
  SteadMarkerLayer *self = STEAD_MARKER_LAYER (object);

  g_array_unref (self->places);
  g_free (self->icon_name);
  g_free (self->accent_field);
  g_free (self->name_field);
  G_OBJECT_CLASS (stead_marker_layer_parent_class)->finalize (object);
}

static void
stead_marker_layer_class_init (SteadMarkerLayerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = stead_marker_layer_dispose;
  G_OBJECT_CLASS (klass)->finalize = stead_marker_layer_finalize;
  widget_class->snapshot = stead_marker_layer_snapshot;
  widget_class->query_tooltip = stead_marker_layer_query_tooltip;

  /**
   * SteadMarkerLayer::changed:
   *
   * The places were read again from the records.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
stead_marker_layer_init (SteadMarkerLayer *self)
{
  self->places = g_array_new (FALSE, TRUE, sizeof (Place));
  g_array_set_clear_func (self->places, (GDestroyNotify) stead_marker_layer_clear_place);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

/**
 * stead_marker_layer_new:
 * @viewport: the map's viewport
 * @records: records with "longitude" and "latitude" fields
 * @icon_name: the markers' symbolic icon
 * @accent_field: (nullable): a boolean field: markers of records where it
 *   is set are drawn in the accent colour, the others dim
 *
 * Returns: (transfer full): the layer
 */
SteadMarkerLayer *
stead_marker_layer_new (ShumateViewport *viewport,
                        GListModel      *records,
                        const char      *icon_name,
                        const char      *accent_field)
{
  SteadMarkerLayer *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (records), NULL);

  self = g_object_new (STEAD_TYPE_MARKER_LAYER, "viewport", viewport, NULL);
  self->records = g_object_ref (records);
  self->icon_name = g_strdup (icon_name);
  self->accent_field = g_strdup (accent_field);
  g_signal_connect_object (records, "items-changed", G_CALLBACK (stead_marker_layer_fill), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify", G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
  stead_marker_layer_fill (self);
  return self;
}
