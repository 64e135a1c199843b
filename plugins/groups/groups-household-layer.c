/* groups-household-layer.c: households on the map, counted per area
 *
 * Households are personal data. The layer writes how many there are in
 * each area (a number on the ward) and draws them as points only when
 * the map is zoomed past the workspace's privacy zoom ("privacy-zoom",
 * 15 unless set), personal data may be shown (the show-personal-data
 * setting, through :show-personal), and the list's agreement allows
 * points; the households of other lists stay counted. A list past its
 * retention date is never drawn (groups-map-model.c reads only current
 * lists). Nothing is drawn under the map's own controls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "groups"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "groups.h"
#include "groups-household-layer.h"

#define GROUPS_HOUSEHOLD_POINT_RADIUS 4.0
#define GROUPS_HOUSEHOLD_BADGE_PAD    4.0

typedef struct
{
  gint64 area;
  double lon;      /* its envelope's middle, until the map's areas say where its name is */
  double lat;
  gboolean placed; /* at the area's name point */
  gint64 count;
  char  *text;
} GroupsHouseholdCount;

struct _GroupsHouseholdLayer
{
  ShumateLayer    parent_instance;

  SteadWorkspace *workspace;
  GArray         *counts;    /* of GroupsHouseholdCount */
  GArray         *points;    /* lon, lat doubles */
  gint64          privacy_zoom;
  gboolean        show_personal;
  gboolean        points_shown;  /* what was last loaded */
  gint64          n_counted;
};

enum {
  PROP_0,
  PROP_SHOW_PERSONAL,
  PROP_POINTS_SHOWN,
  PROP_N_POINTS,
  PROP_N_COUNTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GroupsHouseholdLayer, groups_household_layer, SHUMATE_TYPE_LAYER)

static void
groups_household_layer_clear_count (gpointer data)
{
  g_free (((GroupsHouseholdCount *) data)->text);
}

/* Whether points may be drawn now: all three conditions. */
static gboolean
groups_household_layer_points_allowed (GroupsHouseholdLayer *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  return self->show_personal && viewport != NULL &&
         shumate_viewport_get_zoom_level (viewport) >= self->privacy_zoom;
}

static void
groups_household_layer_reload (GroupsHouseholdLayer *self)
{
  g_autoptr(GArray) fids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean points;
  guint n_points = self->points->len / 2;

  g_array_set_size (self->counts, 0);
  g_array_set_size (self->points, 0);
  self->n_counted = 0;
  if (self->workspace == NULL || stead_workspace_is_closed (self->workspace))
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  self->privacy_zoom = groups_map_privacy_zoom (self->workspace);
  points = groups_household_layer_points_allowed (self);
  groups_map_household_counts (self->workspace, points, fids, values);
  for (guint i = 0; i < fids->len; i++)
    {
      GroupsHouseholdCount count = { 0 };

      if (!groups_map_area_centre (self->workspace, g_array_index (fids, gint64, i), &count.lon,
                                   &count.lat))
        continue;
      count.area = g_array_index (fids, gint64, i);
      count.count = (gint64) g_array_index (values, double, i);
      /* With the locale's thousands separator: "9,660". */
      count.text = g_strdup_printf ("%'" G_GINT64_FORMAT, count.count);
      self->n_counted += count.count;
      g_array_append_val (self->counts, count);
    }
  if (points)
    groups_map_household_points (self->workspace, self->points);

  if (self->points_shown != points)
    {
      self->points_shown = points;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POINTS_SHOWN]);
    }
  if (n_points != self->points->len / 2)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_POINTS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_COUNTED]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
groups_household_layer_on_changed (GroupsHouseholdLayer *self,
                                   const char * const   *tables)
{
  if (tables == NULL || g_strv_contains (tables, "groups_household") ||
      g_strv_contains (tables, "groups_household_list") ||
      g_strv_contains (tables, "groups_setting") || g_strv_contains (tables, "area"))
    groups_household_layer_reload (self);
}

/* Crossing the privacy zoom turns points on or off. */
static void
groups_household_layer_on_zoom (GroupsHouseholdLayer *self)
{
  if (groups_household_layer_points_allowed (self) != self->points_shown)
    groups_household_layer_reload (self);
}

static gboolean
groups_household_layer_box_free (const graphene_rect_t *box,
                                 GArray                *taken)
{
  for (guint i = 0; i < taken->len; i++)
    if (graphene_rect_intersection (box, &g_array_index (taken, graphene_rect_t, i), NULL))
      return FALSE;
  return TRUE;
}

static void
groups_household_layer_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  GroupsHouseholdLayer *self = GROUPS_HOUSEHOLD_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  GtkWidget *map = gtk_widget_get_ancestor (widget, STEAD_TYPE_MAP_VIEW);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  guint n_controls = 0;
  double north, south, east, west;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || viewport == NULL ||
      shumate_viewport_get_reference_map_source (viewport) == NULL ||
      (self->counts->len == 0 && self->points->len == 0))
    return;

  /* The map's controls, the areas' names and the points' badges are
   * taken before any count is placed. */
  if (map != NULL)
    {
      stead_map_view_get_control_bounds (STEAD_MAP_VIEW (map), widget, taken);
      n_controls = taken->len;
      stead_map_view_get_label_bounds (STEAD_MAP_VIEW (map), widget, taken);
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* Points: the Okabe–Ito blue, ringed in white; only those in view,
   * found by position first (a list may have many thousands). */
  shumate_viewport_widget_coords_to_location (viewport, widget, -8, -8, &north, &west);
  shumate_viewport_widget_coords_to_location (viewport, widget, width + 8, height + 8, &south,
                                              &east);
  for (guint i = 0; i + 1 < self->points->len; i += 2)
    {
      double lon = g_array_index (self->points, double, i);
      double lat = g_array_index (self->points, double, i + 1);
      double x, y;

      if (lon < west || lon > east || lat < south || lat > north)
        continue;

      shumate_viewport_location_to_widget_coords (viewport, widget,
                                                  g_array_index (self->points, double, i + 1),
                                                  g_array_index (self->points, double, i), &x,
                                                  &y);
      if (x < -GROUPS_HOUSEHOLD_POINT_RADIUS || y < -GROUPS_HOUSEHOLD_POINT_RADIUS ||
          x > width + GROUPS_HOUSEHOLD_POINT_RADIUS || y > height + GROUPS_HOUSEHOLD_POINT_RADIUS)
        continue;
      /* Never under the map's own controls (the first boxes taken). */
      {
        gboolean under = FALSE;

        for (guint c = 0; c < n_controls && !under; c++)
          under = graphene_rect_contains_point (&g_array_index (taken, graphene_rect_t, c),
                                                &GRAPHENE_POINT_INIT (x, y));
        if (under)
          continue;
      }
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, GROUPS_HOUSEHOLD_POINT_RADIUS, 0, 2 * G_PI);
    }
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 0.0, 0.45, 0.70);
  cairo_fill (cr);

  /* Counts: a number in a small white tag with a dark border, a little
   * below the middle of its area (its name is on the middle). */
  for (guint i = 0; i < self->counts->len; i++)
    {
      GroupsHouseholdCount *count = &g_array_index (self->counts, GroupsHouseholdCount, i);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, count->text);
      graphene_rect_t box;
      int lw, lh;
      double x, y;

      /* Under the area's name, where the map writes it (inside the area,
       * on its widest part), once the map has its areas. */
      if (!count->placed && map != NULL)
        count->placed = stead_area_layer_get_label_point (
          stead_map_view_get_area_layer (STEAD_MAP_VIEW (map)), count->area, &count->lon,
          &count->lat);
      shumate_viewport_location_to_widget_coords (viewport, widget, count->lat, count->lon, &x,
                                                  &y);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      {
        /* Below the area's name, else above it, beside it, or on it. */
        double w = lw + 2 * GROUPS_HOUSEHOLD_BADGE_PAD, h = lh + 2;
        const double shifts[][2] = {
          { -w / 2, lh / 2.0 + 4 }, { -w / 2, -lh / 2.0 - 4 - h }, { 8, -h / 2 },
          { -w - 8, -h / 2 }, { -w / 2, -h / 2 }, { -w / 2, lh + 8 + h },
        };
        guint k;

        for (k = 0; k < G_N_ELEMENTS (shifts); k++)
          {
            graphene_rect_init (&box, round (x + shifts[k][0]), round (y + shifts[k][1]), w, h);
            if (box.origin.x >= 0 && box.origin.y >= 0 && box.origin.x + w <= width &&
                box.origin.y + h <= height && groups_household_layer_box_free (&box, taken))
              break;
          }
        if (k == G_N_ELEMENTS (shifts))
          continue;
      }
      g_array_append_val (taken, box);

      cairo_new_path (cr);
      cairo_rectangle (cr, box.origin.x + 0.5, box.origin.y + 0.5, box.size.width - 1,
                       box.size.height - 1);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.0, 0.45, 0.70);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.05, 0.10, 0.20);
      cairo_move_to (cr, box.origin.x + GROUPS_HOUSEHOLD_BADGE_PAD, box.origin.y + 1);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_destroy (cr);
}

static void
groups_household_layer_constructed (GObject *object)
{
  GroupsHouseholdLayer *self = GROUPS_HOUSEHOLD_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (groups_household_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify", G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level",
                           G_CALLBACK (groups_household_layer_on_zoom), self, G_CONNECT_SWAPPED);
}

static void
groups_household_layer_dispose (GObject *object)
{
  GroupsHouseholdLayer *self = GROUPS_HOUSEHOLD_LAYER (object);

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->counts, g_array_unref);
  g_clear_pointer (&self->points, g_array_unref);
  G_OBJECT_CLASS (groups_household_layer_parent_class)->dispose (object);
}

static void
groups_household_layer_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  GroupsHouseholdLayer *self = GROUPS_HOUSEHOLD_LAYER (object);

  switch (prop_id)
    {
    case PROP_SHOW_PERSONAL:
      g_value_set_boolean (value, self->show_personal);
      break;

    case PROP_POINTS_SHOWN:
      g_value_set_boolean (value, self->points_shown);
      break;

    case PROP_N_POINTS:
      g_value_set_uint (value, self->points->len / 2);
      break;

    case PROP_N_COUNTED:
      g_value_set_int64 (value, self->n_counted);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
groups_household_layer_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  GroupsHouseholdLayer *self = GROUPS_HOUSEHOLD_LAYER (object);

  switch (prop_id)
    {
    case PROP_SHOW_PERSONAL:
      if (self->show_personal == g_value_get_boolean (value))
        break;
      self->show_personal = g_value_get_boolean (value);
      g_object_notify_by_pspec (object, pspec);
      if (self->counts != NULL)
        groups_household_layer_reload (self);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
groups_household_layer_class_init (GroupsHouseholdLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = groups_household_layer_constructed;
  object_class->dispose = groups_household_layer_dispose;
  object_class->get_property = groups_household_layer_get_property;
  object_class->set_property = groups_household_layer_set_property;
  widget_class->snapshot = groups_household_layer_snapshot;

  /* Whether the user allowed personal data to be shown. */
  properties[PROP_SHOW_PERSONAL] =
    g_param_spec_boolean ("show-personal", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether households of lists that allow it are drawn as points now. */
  properties[PROP_POINTS_SHOWN] =
    g_param_spec_boolean ("points-shown", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_POINTS] =
    g_param_spec_uint ("n-points", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* How many households the numbers on the areas add up to. */
  properties[PROP_N_COUNTED] =
    g_param_spec_int64 ("n-counted", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
groups_household_layer_init (GroupsHouseholdLayer *self)
{
  self->counts = g_array_new (FALSE, TRUE, sizeof (GroupsHouseholdCount));
  g_array_set_clear_func (self->counts, groups_household_layer_clear_count);
  self->points = g_array_new (FALSE, FALSE, sizeof (double));
  self->privacy_zoom = GROUPS_MAP_PRIVACY_ZOOM;
}

GroupsHouseholdLayer *
groups_household_layer_new (ShumateViewport *viewport,
                            SteadWorkspace  *workspace)
{
  GroupsHouseholdLayer *self =
    g_object_new (GROUPS_TYPE_HOUSEHOLD_LAYER, "viewport", viewport, NULL);

  self->workspace = g_object_ref (workspace);
  g_signal_connect_object (workspace, "changed", G_CALLBACK (groups_household_layer_on_changed),
                           self, G_CONNECT_SWAPPED);
  groups_household_layer_reload (self);
  return self;
}

gboolean
groups_household_layer_get_points_shown (GroupsHouseholdLayer *self)
{
  g_return_val_if_fail (GROUPS_IS_HOUSEHOLD_LAYER (self), FALSE);

  return self->points_shown;
}
