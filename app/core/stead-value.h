/* stead-value.h: typed values bound to a statement's parameters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <glib.h>

#include "stead-types.h"
#include "stead-compat.h"
#include "stead-version-macros.h"

G_BEGIN_DECLS

typedef enum
{
  STEAD_VALUE_NULL,
  STEAD_VALUE_TEXT,
  STEAD_VALUE_INT,
  STEAD_VALUE_DOUBLE,
  STEAD_VALUE_BLOB,
  STEAD_VALUE_GEOMETRY,
} SteadValueType;

/* One parameter of a statement. Text, blobs and geometries are borrowed:
 * they must outlive the call the value is passed to. */
typedef struct
{
  SteadValueType type;
  union
  {
    const char    *text;
    gint64         i;
    double         d;
    GBytes        *blob;
    SteadGeometry *geometry;
  } v;
} SteadValue;

/* Text that is NULL or empty is bound as NULL: clearing an optional field. */
#define STEAD_NULL              ((SteadValue) { .type = STEAD_VALUE_NULL })
#define STEAD_TEXT(s)           stead_value_text (s)
/* Text bound as it is: "" stays "" (NULL is still NULL). */
#define STEAD_STRING(s)         stead_value_string (s)
#define STEAD_INT(n)            ((SteadValue) { .type = STEAD_VALUE_INT, .v.i = (n) })
#define STEAD_INT_OR_NULL(n, present) \
  ((present) ? STEAD_INT (n) : STEAD_NULL)
#define STEAD_DOUBLE(x)         ((SteadValue) { .type = STEAD_VALUE_DOUBLE, .v.d = (x) })
#define STEAD_BLOB(b)           stead_value_blob (b)
#define STEAD_GEOMETRY(g)       stead_value_geometry (g)

/* STEAD_ARGS (STEAD_TEXT (name), STEAD_INT (id)) expands to the array
 * and its length, as the functions taking values expect. */
#define STEAD_ARGS(...) \
  ((const SteadValue[]) { __VA_ARGS__ }), \
  ((guint) (sizeof ((const SteadValue[]) { __VA_ARGS__ }) / sizeof (SteadValue)))

static inline SteadValue
stead_value_text (const char *text)
{
  SteadValue v = { .type = STEAD_VALUE_NULL };

  if (text != NULL && *text != '\0')
    {
      v.type = STEAD_VALUE_TEXT;
      v.v.text = text;
    }
  return v;
}

static inline SteadValue
stead_value_string (const char *text)
{
  SteadValue v = { .type = STEAD_VALUE_NULL };

  if (text != NULL)
    {
      v.type = STEAD_VALUE_TEXT;
      v.v.text = text;
    }
  return v;
}

static inline SteadValue
stead_value_blob (GBytes *blob)
{
  SteadValue v = { .type = STEAD_VALUE_NULL };

  if (blob != NULL)
    {
      v.type = STEAD_VALUE_BLOB;
      v.v.blob = blob;
    }
  return v;
}

static inline SteadValue
stead_value_geometry (SteadGeometry *geometry)
{
  SteadValue v = { .type = STEAD_VALUE_NULL };

  if (geometry != NULL)
    {
      v.type = STEAD_VALUE_GEOMETRY;
      v.v.geometry = geometry;
    }
  return v;
}

G_END_DECLS
