/* stead-proj.c: coordinate conversion with PROJ
 *
 * British National Grid (EPSG:27700) eastings and northings, and other
 * projected boundaries, to WGS84 longitude and latitude. PROJ picks the
 * best transformation it has: with Ordnance Survey's OSTN15 grid installed
 * (uk_os_OSTN15_NTv2_OSGBtoETRS.tif in PROJ's data directory) that is
 * within centimetres; without it, a Helmert transformation, within a few
 * metres. One SteadProj per thread.
 *
 * PROJ (with the C++ runtime, curl and libtiff it brings) is opened on the
 * first conversion, not when Stead starts: loading it cost a few
 * milliseconds before the first frame of every start, and most starts
 * convert nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-proj"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <gmodule.h>
#include <math.h>
#include <proj.h>

#include "stead-proj.h"

struct _SteadProj
{
  PJ_CONTEXT *ctx;
  PJ         *pj;
};

/* The PROJ functions used, looked up in STEAD_PROJ_SONAME once. */
static struct
{
  __typeof__ (proj_context_create)              *context_create;
  __typeof__ (proj_context_destroy)             *context_destroy;
  __typeof__ (proj_context_errno)               *context_errno;
  __typeof__ (proj_context_errno_string)        *context_errno_string;
  __typeof__ (proj_log_level)                   *log_level;
  __typeof__ (proj_create_crs_to_crs)           *create_crs_to_crs;
  __typeof__ (proj_normalize_for_visualization) *normalize_for_visualization;
  __typeof__ (proj_destroy)                     *destroy;
  __typeof__ (proj_trans)                       *trans;
} stead_proj_api;

static char *stead_proj_load_error;

static gpointer
stead_proj_load_once (gpointer data)
{
  GModule *module = g_module_open (STEAD_PROJ_SONAME, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  struct
  {
    const char *name;
    gpointer   *symbol;
  } symbols[] = {
    { "proj_context_create", (gpointer *) &stead_proj_api.context_create },
    { "proj_context_destroy", (gpointer *) &stead_proj_api.context_destroy },
    { "proj_context_errno", (gpointer *) &stead_proj_api.context_errno },
    { "proj_context_errno_string", (gpointer *) &stead_proj_api.context_errno_string },
    { "proj_log_level", (gpointer *) &stead_proj_api.log_level },
    { "proj_create_crs_to_crs", (gpointer *) &stead_proj_api.create_crs_to_crs },
    { "proj_normalize_for_visualization",
      (gpointer *) &stead_proj_api.normalize_for_visualization },
    { "proj_destroy", (gpointer *) &stead_proj_api.destroy },
    { "proj_trans", (gpointer *) &stead_proj_api.trans },
  };

  if (module == NULL)
    {
      stead_proj_load_error = g_strdup (g_module_error ());
      return GINT_TO_POINTER (FALSE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (!g_module_symbol (module, symbols[i].name, symbols[i].symbol) || *symbols[i].symbol == NULL)
      {
        stead_proj_load_error = g_strdup (g_module_error ());
        return GINT_TO_POINTER (FALSE);
      }
  /* Kept for the life of the process, as a linked library would be. */
  g_module_make_resident (module);
  return GINT_TO_POINTER (TRUE);
}

static gboolean
stead_proj_load (GError **error)
{
  static GOnce once = G_ONCE_INIT;

  if (GPOINTER_TO_INT (g_once (&once, stead_proj_load_once, NULL)))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _("Cannot convert coordinates: PROJ could not be loaded: %s"),
               stead_proj_load_error);
  return FALSE;
}

SteadProj *
stead_proj_new (const char  *source_crs,
                GError     **error)
{
  SteadProj *self;
  PJ *pj;

  if (!stead_proj_load (error))
    return NULL;

  self = g_new0 (SteadProj, 1);
  self->ctx = stead_proj_api.context_create ();
  stead_proj_api.log_level (self->ctx, PJ_LOG_NONE);
  pj = stead_proj_api.create_crs_to_crs (self->ctx, source_crs, "EPSG:4326", NULL);
  if (pj != NULL)
    {
      self->pj = stead_proj_api.normalize_for_visualization (self->ctx, pj);
      stead_proj_api.destroy (pj);
    }
  if (self->pj == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot convert coordinates from %s to longitude and latitude: %s"),
                   source_crs,
                   stead_proj_api.context_errno_string (
                     self->ctx, stead_proj_api.context_errno (self->ctx)));
      stead_proj_free (self);
      return NULL;
    }
  return self;
}

gboolean
stead_proj_to_wgs84 (SteadProj *self,
                     double     x,
                     double     y,
                     double    *lon,
                     double    *lat)
{
  PJ_COORD c = { .v = { x, y, 0, 0 } };

  c = stead_proj_api.trans (self->pj, PJ_FWD, c);
  if (!isfinite (c.xy.x) || !isfinite (c.xy.y) || c.xy.x == HUGE_VAL)
    return FALSE;
  *lon = c.xy.x;
  *lat = c.xy.y;
  return TRUE;
}

void
stead_proj_free (SteadProj *self)
{
  if (self == NULL)
    return;
  if (self->pj != NULL)
    stead_proj_api.destroy (self->pj);
  stead_proj_api.context_destroy (self->ctx);
  g_free (self);
}
