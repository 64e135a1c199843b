/* stead-proj.c: coordinate conversion with PROJ
 *
 * British National Grid (EPSG:27700) eastings and northings, and other
 * projected boundaries, to WGS84 longitude and latitude. PROJ picks the
 * best transformation it has: with Ordnance Survey's OSTN15 grid installed
 * (uk_os_OSTN15_NTv2_OSGBtoETRS.tif in PROJ's data directory) that is
 * within centimetres; without it, a Helmert transformation, within a few
 * metres. One SteadProj per thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-proj"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <math.h>
#include <proj.h>

#include "stead-proj.h"

struct _SteadProj
{
  PJ_CONTEXT *ctx;
  PJ         *pj;
};

SteadProj *
stead_proj_new (const char  *source_crs,
                GError     **error)
{
  SteadProj *self = g_new0 (SteadProj, 1);
  PJ *pj;

  self->ctx = proj_context_create ();
  proj_log_level (self->ctx, PJ_LOG_NONE);
  pj = proj_create_crs_to_crs (self->ctx, source_crs, "EPSG:4326", NULL);
  if (pj != NULL)
    {
      self->pj = proj_normalize_for_visualization (self->ctx, pj);
      proj_destroy (pj);
    }
  if (self->pj == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot convert coordinates from %s to longitude and latitude: %s"),
                   source_crs,
                   proj_context_errno_string (self->ctx, proj_context_errno (self->ctx)));
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
  PJ_COORD c = proj_coord (x, y, 0, 0);

  c = proj_trans (self->pj, PJ_FWD, c);
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
    proj_destroy (self->pj);
  proj_context_destroy (self->ctx);
  g_free (self);
}
