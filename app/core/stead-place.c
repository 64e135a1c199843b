/* stead-place.c: a place the map can fly to, as a search finds it
 *
 * What it is called ("GL20 5AA", "Tewkesbury Town", "SO 89 32"), what
 * kind of place it is in words ("Postcode", "Ward", "Grid reference"),
 * and its shapes in WGS84: points to mark with a pin, polygons (an
 * area, a grid square) to outline. The map centres on the middle of
 * the shapes and, when they cover more than a point, fits their extent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-place"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stead-place-private.h"

struct _SteadPlace
{
  GObject         parent_instance;

  SteadPlaceKind  kind;
  char           *label;
  char           *title;
  char           *detail;
  char           *description;
  GPtrArray      *shapes;      /* of SteadGeometry, never empty */
  SteadEnvelope   extent;
  char           *owner;
  char           *record_kind;
  gint64          ref;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_LABEL,
  PROP_DETAIL,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SteadPlace, stead_place, G_TYPE_OBJECT)

/**
 * stead_place_new: (skip)
 * @kind: what kind of place
 * @label: the kind in words, translated, with a capital ("Ward")
 * @title: what it is called
 * @detail: (nullable): more that tells it apart (a code, a position)
 * @shapes: (transfer full): its SteadGeometry points and polygons, in
 *   WGS84; at least one
 *
 * Returns: (transfer full): a new place
 */
SteadPlace *
stead_place_new (SteadPlaceKind  kind,
                 const char     *label,
                 const char     *title,
                 const char     *detail,
                 GPtrArray      *shapes)
{
  SteadPlace *self;

  g_assert (label != NULL && title != NULL);
  g_assert (shapes != NULL && shapes->len > 0);

  self = g_object_new (STEAD_TYPE_PLACE, NULL);
  self->kind = kind;
  self->label = g_strdup (label);
  self->title = g_strdup (title);
  self->detail = detail != NULL && *detail != '\0' ? g_strdup (detail) : NULL;
  /* TRANSLATORS: a place found on the map: its kind, then what tells it
   * apart, e.g. "Ward · E05004418" */
  self->description = self->detail != NULL ? g_strdup_printf (_("%s · %s"), label, self->detail)
                                           : g_strdup (label);
  self->shapes = shapes;
  for (guint i = 0; i < shapes->len; i++)
    {
      SteadEnvelope env;

      if (!stead_geometry_get_envelope (g_ptr_array_index (shapes, i), &env))
        continue;
      if (i == 0)
        self->extent = env;
      self->extent.min_x = MIN (self->extent.min_x, env.min_x);
      self->extent.min_y = MIN (self->extent.min_y, env.min_y);
      self->extent.max_x = MAX (self->extent.max_x, env.max_x);
      self->extent.max_y = MAX (self->extent.max_y, env.max_y);
    }
  return self;
}

/* Which record it is, for places that are one (an area, a partner site). */
void
stead_place_set_record (SteadPlace *self,
                        const char *owner,
                        const char *record_kind,
                        gint64      ref)
{
  g_assert (STEAD_IS_PLACE (self));

  g_free (self->owner);
  g_free (self->record_kind);
  self->owner = g_strdup (owner);
  self->record_kind = g_strdup (record_kind);
  self->ref = ref;
}

SteadPlaceKind
stead_place_get_kind (SteadPlace *self)
{
  g_return_val_if_fail (STEAD_IS_PLACE (self), STEAD_PLACE_COORDINATES);

  return self->kind;
}

/**
 * stead_place_get_title:
 * @self: a #SteadPlace
 *
 * Returns: what it is called: "GL20 5AA", "Tewkesbury Town", "SO 89 32"
 */
const char *
stead_place_get_title (SteadPlace *self)
{
  g_return_val_if_fail (STEAD_IS_PLACE (self), NULL);

  return self->title;
}

/**
 * stead_place_get_label:
 * @self: a #SteadPlace
 *
 * Returns: what kind of place it is, translated: "Postcode", "Ward",
 *   "Partner site", "Grid reference"
 */
const char *
stead_place_get_label (SteadPlace *self)
{
  g_return_val_if_fail (STEAD_IS_PLACE (self), NULL);

  return self->label;
}

/**
 * stead_place_get_detail:
 * @self: a #SteadPlace
 *
 * Returns: (nullable): what tells it apart from others of the same name:
 *   an area's code, a grid reference's eastings and northings
 */
const char *
stead_place_get_detail (SteadPlace *self)
{
  g_return_val_if_fail (STEAD_IS_PLACE (self), NULL);

  return self->detail;
}

/**
 * stead_place_get_description:
 * @self: a #SteadPlace
 *
 * Returns: the label and the detail, for a result's second line:
 *   "Ward · E05004418"
 */
const char *
stead_place_get_description (SteadPlace *self)
{
  g_return_val_if_fail (STEAD_IS_PLACE (self), NULL);

  return self->description;
}

/**
 * stead_place_get_location:
 * @self: a #SteadPlace
 * @lon: (out): longitude
 * @lat: (out): latitude
 *
 * Where to centre the map: the point, or the middle of the shapes.
 */
void
stead_place_get_location (SteadPlace *self,
                          double     *lon,
                          double     *lat)
{
  g_return_if_fail (STEAD_IS_PLACE (self));
  g_return_if_fail (lon != NULL && lat != NULL);

  *lon = (self->extent.min_x + self->extent.max_x) / 2;
  *lat = (self->extent.min_y + self->extent.max_y) / 2;
}

/**
 * stead_place_get_extent:
 * @self: a #SteadPlace
 * @extent: (out): what the shapes cover, in WGS84
 *
 * Returns: %FALSE if the place is a single point: no extent to fit
 */
gboolean
stead_place_get_extent (SteadPlace    *self,
                        SteadEnvelope *extent)
{
  g_return_val_if_fail (STEAD_IS_PLACE (self), FALSE);
  g_return_val_if_fail (extent != NULL, FALSE);

  *extent = self->extent;
  return self->extent.max_x > self->extent.min_x || self->extent.max_y > self->extent.min_y;
}

/**
 * stead_place_get_shapes:
 * @self: a #SteadPlace
 *
 * Returns: (transfer none) (element-type SteadGeometry): its points (to
 *   mark) and polygons (to outline), in WGS84
 */
GPtrArray *
stead_place_get_shapes (SteadPlace *self)
{
  g_return_val_if_fail (STEAD_IS_PLACE (self), NULL);

  return self->shapes;
}

/**
 * stead_place_get_owner:
 * @self: a #SteadPlace
 *
 * Returns: (nullable): for a record, the module that owns it ("core" for
 *   an area); %NULL for a position
 */
const char *
stead_place_get_owner (SteadPlace *self)
{
  g_return_val_if_fail (STEAD_IS_PLACE (self), NULL);

  return self->owner;
}

/**
 * stead_place_get_record_kind:
 * @self: a #SteadPlace
 *
 * Returns: (nullable): for a record, its kind ("area", "site"…)
 */
const char *
stead_place_get_record_kind (SteadPlace *self)
{
  g_return_val_if_fail (STEAD_IS_PLACE (self), NULL);

  return self->record_kind;
}

/**
 * stead_place_get_ref:
 * @self: a #SteadPlace
 *
 * Returns: for a record, its id; else 0
 */
gint64
stead_place_get_ref (SteadPlace *self)
{
  g_return_val_if_fail (STEAD_IS_PLACE (self), 0);

  return self->ref;
}

static void
stead_place_finalize (GObject *object)
{
  SteadPlace *self = STEAD_PLACE (object);

  g_free (self->label);
  g_free (self->title);
  g_free (self->detail);
  g_free (self->description);
  g_clear_pointer (&self->shapes, g_ptr_array_unref);
  g_free (self->owner);
  g_free (self->record_kind);

  G_OBJECT_CLASS (stead_place_parent_class)->finalize (object);
}

static void
stead_place_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SteadPlace *self = STEAD_PLACE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stead_place_class_init (SteadPlaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stead_place_finalize;
  object_class->get_property = stead_place_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stead_place_init (SteadPlace *self)
{
}
