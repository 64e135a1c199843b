/* stead-shore.c: coastlines, lakes and rivers read offline from GSHHG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GSHHG (Wessel and Smith, LGPL-3.0-or-later) as GMT packages it, the
 * "binned" netCDF files Debian ships in gmt-gshhg-low and -high:
 * binned_GSHHS_R.nc (shorelines) and binned_river_R.nc for R = c, l, i, h.
 * The world is cut into square bins (20°, 10°, 5°, 2°), numbered west to
 * east from longitude 0 in rows from the north pole. A bin's points are
 * 16-bit steps of 1/65535 of the bin from its south-west corner.
 *
 * Shorelines are cut at the bin's edges into segments that keep dry land
 * on their left. Each segment carries, packed in one int, its point
 * count (bits 9 up), the level of its polygon (bits 6-8), the side it
 * enters by (bits 3-5) and the side it leaves by (bits 0-2): 0 south,
 * 1 east, 2 north, 3 west, 4 none (a ring closed inside the bin). The
 * bin carries the level of the polygon each corner lies in (south-west,
 * south-east, north-east, north-west in bits 9, 6, 3, 0, three bits each).
 * GMT's reader is src/gmt_shore.c; this one is written from the format.
 *
 * Areas are closed per bin from that: follow a segment to where it leaves,
 * then along the edge (anticlockwise for the dry side, clockwise for the
 * water) to the next segment that enters, until back at the start. The
 * lowest level met on the way, segments and corners, says what the ring
 * holds: for the dry side the odd level at or below it, for the water
 * the even one.
 *
 * netCDF and HDF5 are not thread-safe, so every call into them holds one
 * lock; bins once read stay in the cache of their SteadShore for the
 * session.
 *
 * netCDF (with HDF5 and curl) is opened when the first file is, on the
 * background layer's worker thread, not linked: loading it came before
 * the first frame of every start.
 */

#define G_LOG_DOMAIN "stead-shore"

#include "config.h"

#include <errno.h>
#include <gmodule.h>
#include <math.h>
#include <netcdf.h>
#include <string.h>
#if HAVE_HDF5
# include <hdf5.h>
#endif

#include "stead-shore-private.h"

#define STEAD_SHORE_DEFAULT_DIR "/usr/share/gmt-gshhg"
#define STEAD_SHORE_STEPS 65535u
#define STEAD_SHORE_PERIMETER (4 * STEAD_SHORE_STEPS)
#define STEAD_SHORE_SIDE_NONE 4
#define STEAD_SHORE_MAX_LEVEL 4

static const char stead_shore_letters[STEAD_SHORE_N_RESOLUTIONS] = { 'c', 'l', 'i', 'h' };

typedef enum
{
  SHORE_FILE_COAST,
  SHORE_FILE_RIVER,
  SHORE_N_FILES
} ShoreFileKind;

typedef struct
{
  char   *path;
  int     ncid;        /* -1 until opened */
  gboolean missing;    /* not installed: not tried again */
  int     bin_minutes;
  int     n_columns;
  int     n_bins;
  int    *first_segment;
  short  *n_segments;
  short  *corners;     /* coast only: the corners' levels, packed */
  /* Variable ids. */
  int     segment_info;   /* coast: points, level, entry, exit; river: points */
  int     segment_level;  /* river only */
  int     segment_start;
  int     dx;
  int     dy;
} ShoreFile;

struct _SteadShore
{
  gatomicrefcount ref;
  ShoreFile       files[STEAD_SHORE_N_RESOLUTIONS][SHORE_N_FILES];
  gboolean        installed[STEAD_SHORE_N_RESOLUTIONS];   /* looked for once */
  GMutex          lock;   /* the cache */
  GHashTable     *bins;   /* key from stead_shore_bin_key -> SteadShoreBin */
};

struct _SteadShoreBin
{
  SteadEnvelope envelope;
  GArray       *lines;    /* of SteadShoreLine */
  SteadCoord   *points;
};

/* What the netCDF library may be asked at once: one thing. */
static GMutex stead_shore_netcdf_lock;

/* The netCDF (and HDF5) functions used, looked up in STEAD_NETCDF_SONAME
 * once, under the lock; NULL until then, and if it cannot be loaded. */
static struct
{
  __typeof__ (nc_open)           *open;
  __typeof__ (nc_close)          *close;
  __typeof__ (nc_strerror)       *strerror;
  __typeof__ (nc_inq_varid)      *inq_varid;
  __typeof__ (nc_get_var1_int)   *get_var1_int;
  __typeof__ (nc_get_var_int)    *get_var_int;
  __typeof__ (nc_get_var_short)  *get_var_short;
  __typeof__ (nc_get_vara_int)   *get_vara_int;
  __typeof__ (nc_get_vara_short) *get_vara_short;
#if HAVE_HDF5
  __typeof__ (H5Eset_auto2)      *h5_eset_auto2;
#endif
} stead_shore_nc;

static gboolean stead_shore_nc_tried;
static char *stead_shore_nc_error;

/* Called with the netCDF lock held. */
static gboolean
stead_shore_netcdf_load (void)
{
  GModule *module;
  struct
  {
    const char *name;
    gpointer   *symbol;
  } symbols[] = {
    { "nc_open", (gpointer *) &stead_shore_nc.open },
    { "nc_close", (gpointer *) &stead_shore_nc.close },
    { "nc_strerror", (gpointer *) &stead_shore_nc.strerror },
    { "nc_inq_varid", (gpointer *) &stead_shore_nc.inq_varid },
    { "nc_get_var1_int", (gpointer *) &stead_shore_nc.get_var1_int },
    { "nc_get_var_int", (gpointer *) &stead_shore_nc.get_var_int },
    { "nc_get_var_short", (gpointer *) &stead_shore_nc.get_var_short },
    { "nc_get_vara_int", (gpointer *) &stead_shore_nc.get_vara_int },
    { "nc_get_vara_short", (gpointer *) &stead_shore_nc.get_vara_short },
#if HAVE_HDF5
    /* HDF5 is netCDF's own dependency: found through its handle. */
    { "H5Eset_auto2", (gpointer *) &stead_shore_nc.h5_eset_auto2 },
#endif
  };

  if (stead_shore_nc_tried)
    return stead_shore_nc_error == NULL;
  stead_shore_nc_tried = TRUE;

  module = g_module_open (STEAD_NETCDF_SONAME, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      stead_shore_nc_error = g_strdup (g_module_error ());
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (!g_module_symbol (module, symbols[i].name, symbols[i].symbol) || *symbols[i].symbol == NULL)
      {
        stead_shore_nc_error = g_strdup (g_module_error ());
        memset (&stead_shore_nc, 0, sizeof stead_shore_nc);
        return FALSE;
      }
  /* Kept for the life of the process, as a linked library would be. */
  g_module_make_resident (module);
  return TRUE;
}

/* Takes the netCDF lock. netCDF turns off HDF5's printing of its error
 * stack (a missing optional attribute is one) for the thread it starts
 * on; HDF5 keeps that per thread, so it is turned off in each. */
static void
stead_shore_netcdf_enter (void)
{
  g_mutex_lock (&stead_shore_netcdf_lock);
#if HAVE_HDF5
  if (stead_shore_netcdf_load ())
    stead_shore_nc.h5_eset_auto2 (H5E_DEFAULT, NULL, NULL);
#else
  stead_shore_netcdf_load ();
#endif
}

static void
stead_shore_netcdf_leave (void)
{
  g_mutex_unlock (&stead_shore_netcdf_lock);
}

static void
stead_shore_set_netcdf_error (GError    **error,
                              const char *path,
                              int         status)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path,
               stead_shore_nc.strerror (status));
}

static void
stead_shore_file_close (ShoreFile *file)
{
  if (file->ncid >= 0)
    stead_shore_nc.close (file->ncid);
  file->ncid = -1;
  g_clear_pointer (&file->first_segment, g_free);
  g_clear_pointer (&file->n_segments, g_free);
  g_clear_pointer (&file->corners, g_free);
}

static int
stead_shore_file_get_scalar (ShoreFile  *file,
                             const char *name,
                             int        *value)
{
  size_t index = 0;
  int status, id;

  if ((status = stead_shore_nc.inq_varid (file->ncid, name, &id)) != NC_NOERR)
    return status;
  return stead_shore_nc.get_var1_int (file->ncid, id, &index, value);
}

/* Opens the file and reads what every bin needs: where its segments are
 * and, for shorelines, its corners. Called with the netCDF lock held. */
static gboolean
stead_shore_file_open (ShoreFile     *file,
                       ShoreFileKind  kind,
                       GError       **error)
{
  int status, id, n_rows = 0;

  if (file->ncid >= 0)
    return TRUE;
  if (file->missing)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s: not installed", file->path);
      return FALSE;
    }

  if (!stead_shore_netcdf_load ())
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "%s: netCDF could not be loaded: %s", file->path, stead_shore_nc_error);
      return FALSE;
    }

  if ((status = stead_shore_nc.open (file->path, NC_NOWRITE, &file->ncid)) != NC_NOERR)
    {
      file->ncid = -1;
      file->missing = status == ENOENT;
      g_set_error (error, G_IO_ERROR, status == ENOENT ? G_IO_ERROR_NOT_FOUND : G_IO_ERROR_FAILED,
                   "%s: %s", file->path, stead_shore_nc.strerror (status));
      return FALSE;
    }

#define CHECK(call)                                                                                \
  G_STMT_START                                                                                     \
  {                                                                                                \
    if ((status = (call)) != NC_NOERR)                                                             \
      goto failed;                                                                                 \
  }                                                                                                \
  G_STMT_END

  CHECK (stead_shore_file_get_scalar (file, "Bin_size_in_minutes", &file->bin_minutes));
  CHECK (stead_shore_file_get_scalar (file, "N_bins_in_360_longitude_range", &file->n_columns));
  CHECK (stead_shore_file_get_scalar (file, "N_bins_in_180_degree_latitude_range", &n_rows));
  CHECK (stead_shore_file_get_scalar (file, "N_bins_in_file", &file->n_bins));
  if (file->bin_minutes <= 0 || file->n_columns * file->bin_minutes != 360 * 60 ||
      file->n_bins != file->n_columns * n_rows || n_rows * file->bin_minutes != 180 * 60)
    {
      status = NC_EINVAL;
      goto failed;
    }

  file->first_segment = g_new (int, file->n_bins);
  file->n_segments = g_new (short, file->n_bins);
  CHECK (stead_shore_nc.inq_varid (file->ncid, "Id_of_first_segment_in_a_bin", &id));
  CHECK (stead_shore_nc.get_var_int (file->ncid, id, file->first_segment));
  CHECK (stead_shore_nc.inq_varid (file->ncid, "N_segments_in_a_bin", &id));
  CHECK (stead_shore_nc.get_var_short (file->ncid, id, file->n_segments));
  CHECK (
    stead_shore_nc.inq_varid (file->ncid, "Id_of_first_point_in_a_segment", &file->segment_start));
  CHECK (
    stead_shore_nc.inq_varid (file->ncid, "Relative_longitude_from_SW_corner_of_bin", &file->dx));
  CHECK (
    stead_shore_nc.inq_varid (file->ncid, "Relative_latitude_from_SW_corner_of_bin", &file->dy));
  if (kind == SHORE_FILE_COAST)
    {
      file->corners = g_new (short, file->n_bins);
      CHECK (stead_shore_nc.inq_varid (file->ncid, "Embedded_node_levels_in_a_bin", &id));
      CHECK (stead_shore_nc.get_var_short (file->ncid, id, file->corners));
      CHECK (stead_shore_nc.inq_varid (file->ncid, "Embedded_npts_levels_exit_entry_for_a_segment",
                                       &file->segment_info));
    }
  else
    {
      CHECK (stead_shore_nc.inq_varid (file->ncid, "N_points_for_a_segment", &file->segment_info));
      CHECK (stead_shore_nc.inq_varid (file->ncid, "Hierarchial_level_of_a_segment",
                                       &file->segment_level));
    }
  return TRUE;

#undef CHECK

failed:
  stead_shore_set_netcdf_error (error, file->path, status);
  stead_shore_file_close (file);
  return FALSE;
}

/**
 * stead_shore_new:
 * @dir: (nullable): the folder of the binned_*.nc files; %NULL for
 *   $STEAD_GSHHG_DIR, else $datadir/gmt-gshhg if Stead's prefix has them
 *   (the Flatpak's /app), else where Debian's gmt-gshhg packages put them
 *
 * Files are opened when first needed: a missing one is not an error
 * until something is loaded from it.
 *
 * Returns: (transfer full): a reader with an empty cache
 */
SteadShore *
stead_shore_new (const char *dir)
{
  SteadShore *self = g_new0 (SteadShore, 1);
  static const char * const stems[SHORE_N_FILES] = { "binned_GSHHS", "binned_river" };

  if (dir == NULL)
    dir = g_getenv ("STEAD_GSHHG_DIR");
  if (dir == NULL)
    {
      g_autofree char *ours = g_build_filename (STEAD_GSHHG_DIR, "binned_GSHHS_c.nc", NULL);

      dir = g_file_test (ours, G_FILE_TEST_EXISTS) ? STEAD_GSHHG_DIR : STEAD_SHORE_DEFAULT_DIR;
    }

  g_atomic_ref_count_init (&self->ref);
  g_mutex_init (&self->lock);
  self->bins = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) stead_shore_bin_unref);
  for (guint r = 0; r < STEAD_SHORE_N_RESOLUTIONS; r++)
    for (guint k = 0; k < SHORE_N_FILES; k++)
      {
        g_autofree char *name = g_strdup_printf ("%s_%c.nc", stems[k], stead_shore_letters[r]);

        self->files[r][k].path = g_build_filename (dir, name, NULL);
        self->files[r][k].ncid = -1;
      }
  for (guint r = 0; r < STEAD_SHORE_N_RESOLUTIONS; r++)
    self->installed[r] =
      g_file_test (self->files[r][SHORE_FILE_COAST].path, G_FILE_TEST_IS_REGULAR);
  return self;
}

/**
 * stead_shore_get_default:
 *
 * Returns: (transfer none): the reader every map shares, so what one has
 *   read is there for the others for the rest of the session
 */
SteadShore *
stead_shore_get_default (void)
{
  static SteadShore *shore;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      shore = stead_shore_new (NULL);
      g_once_init_leave (&once, 1);
    }
  return shore;
}

SteadShore *
stead_shore_ref (SteadShore *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
stead_shore_unref (SteadShore *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref))
    return;

  stead_shore_netcdf_enter ();
  for (guint r = 0; r < STEAD_SHORE_N_RESOLUTIONS; r++)
    for (guint k = 0; k < SHORE_N_FILES; k++)
      {
        stead_shore_file_close (&self->files[r][k]);
        g_free (self->files[r][k].path);
      }
  stead_shore_netcdf_leave ();
  g_hash_table_unref (self->bins);
  g_mutex_clear (&self->lock);
  g_free (self);
}

/**
 * stead_shore_has_resolution:
 * @self: a #SteadShore
 * @resolution: which
 *
 * Returns: whether the shorelines of @resolution were installed when
 *   @self was made (rivers come in the same package)
 */
gboolean
stead_shore_has_resolution (SteadShore           *self,
                            SteadShoreResolution  resolution)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (resolution < STEAD_SHORE_N_RESOLUTIONS, FALSE);

  return self->installed[resolution];
}

/**
 * stead_shore_resolution_for_zoom:
 * @zoom: a map zoom level (Web Mercator, 256-pixel tiles)
 *
 * The detail a map at @zoom wants: crude for the world, low for a
 * country, intermediate for a county, high from a district down. A
 * pixel at 52°N is 6 km at zoom 4, 0.75 km at 7 and 190 m at 9; the
 * four resolutions are good to about 25 km, 5 km, 1 km and 200 m.
 *
 * Returns: the resolution, whether installed or not
 */
SteadShoreResolution
stead_shore_resolution_for_zoom (double zoom)
{
  if (zoom < 4)
    return STEAD_SHORE_CRUDE;
  if (zoom < 7)
    return STEAD_SHORE_LOW;
  if (zoom < 9)
    return STEAD_SHORE_INTERMEDIATE;
  return STEAD_SHORE_HIGH;
}

/**
 * stead_shore_pick_resolution:
 * @self: a #SteadShore
 * @zoom: a map zoom level
 * @resolution: (out): the installed resolution nearest to what @zoom
 *   wants, coarser first (gmt-gshhg-high is optional)
 *
 * Returns: %FALSE if none is installed
 */
gboolean
stead_shore_pick_resolution (SteadShore           *self,
                             double                zoom,
                             SteadShoreResolution *resolution)
{
  int wanted = stead_shore_resolution_for_zoom (zoom);

  g_return_val_if_fail (self != NULL, FALSE);

  for (int r = wanted; r >= 0; r--)
    if (stead_shore_has_resolution (self, r))
      {
        *resolution = r;
        return TRUE;
      }
  for (int r = wanted + 1; r < STEAD_SHORE_N_RESOLUTIONS; r++)
    if (stead_shore_has_resolution (self, r))
      {
        *resolution = r;
        return TRUE;
      }
  return FALSE;
}

/* Building a bin. */

typedef struct
{
  guint level;
  guint entry;   /* side, or STEAD_SHORE_SIDE_NONE */
  guint exit;
  gsize start;   /* into the bin's steps */
  gsize n;
} ShoreSegment;

typedef struct
{
  double         west;
  double         south;
  double         size;      /* degrees */
  const guint16 *dx;
  const guint16 *dy;
  GArray        *lines;     /* of SteadShoreLine, points as offsets for now */
  GArray        *points;    /* of SteadCoord */
} ShoreBuilder;

static void
stead_shore_builder_add_step (ShoreBuilder *b,
                              guint         x,
                              guint         y)
{
  SteadCoord c = { b->west + x * b->size / STEAD_SHORE_STEPS,
                   b->south + y * b->size / STEAD_SHORE_STEPS };

  g_array_append_val (b->points, c);
}

static void
stead_shore_builder_add_segment (ShoreBuilder       *b,
                                 const ShoreSegment *segment)
{
  for (gsize i = segment->start; i < segment->start + segment->n; i++)
    stead_shore_builder_add_step (b, b->dx[i], b->dy[i]);
}

/* Starts a line: its points are what is added until the next one. */
static void
stead_shore_builder_begin (ShoreBuilder   *b,
                           SteadShoreKind  kind,
                           guint           level)
{
  SteadShoreLine line = { kind, level, 0, GSIZE_TO_POINTER (b->points->len) };

  g_array_append_val (b->lines, line);
}

static void
stead_shore_builder_end (ShoreBuilder *b)
{
  SteadShoreLine *line = &g_array_index (b->lines, SteadShoreLine, b->lines->len - 1);

  line->n_points = b->points->len - GPOINTER_TO_SIZE (line->points);
  if (line->n_points < 2)
    {
      g_array_set_size (b->points, GPOINTER_TO_SIZE (line->points));
      g_array_set_size (b->lines, b->lines->len - 1);
    }
}

/* A ring is closed by repeating its first point. */
static void
stead_shore_builder_close (ShoreBuilder *b)
{
  const SteadShoreLine *line = &g_array_index (b->lines, SteadShoreLine, b->lines->len - 1);
  gsize first = GPOINTER_TO_SIZE (line->points);

  if (b->points->len > first)
    {
      SteadCoord start = g_array_index (b->points, SteadCoord, first);
      SteadCoord last = g_array_index (b->points, SteadCoord, b->points->len - 1);

      if (start.x != last.x || start.y != last.y)
        g_array_append_val (b->points, start);
    }
  stead_shore_builder_end (b);
}

/* Where a point on @side lies along the bin's edge, anticlockwise from
 * the south-west corner: the corners are at 0, 1, 2 and 3 times STEPS. */
static guint
stead_shore_perimeter (guint   side,
                       guint16 x,
                       guint16 y)
{
  switch (side)
    {
    case 0:
      return x;
    case 1:
      return STEAD_SHORE_STEPS + y;
    case 2:
      return 2 * STEAD_SHORE_STEPS + (STEAD_SHORE_STEPS - x);
    default:
      return (3 * STEAD_SHORE_STEPS + (STEAD_SHORE_STEPS - y)) % STEAD_SHORE_PERIMETER;
    }
}

/* How far along the edge from @from to @to, going anticlockwise (@dry)
 * or clockwise. */
static guint
stead_shore_walk (guint    from,
                  guint    to,
                  gboolean dry)
{
  return dry ? (to + STEAD_SHORE_PERIMETER - from) % STEAD_SHORE_PERIMETER
             : (from + STEAD_SHORE_PERIMETER - to) % STEAD_SHORE_PERIMETER;
}

/* The rings on one side of the segments that cross the bin's edges: the
 * dry side (anticlockwise along the edge) or the water. */
static void
stead_shore_builder_close_areas (ShoreBuilder       *b,
                                 const ShoreSegment *segments,
                                 const guint        *crossing,
                                 guint               n_crossing,
                                 const guint         corner_level[4],
                                 gboolean            dry)
{
  static const guint corner_x[4] = { 0, STEAD_SHORE_STEPS, STEAD_SHORE_STEPS, 0 };
  static const guint corner_y[4] = { 0, 0, STEAD_SHORE_STEPS, STEAD_SHORE_STEPS };
  g_autofree gboolean *used = g_new0 (gboolean, n_crossing);

  for (guint first = 0; first < n_crossing; first++)
    {
      guint low, level, current = first;

      if (used[first])
        continue;

      low = segments[crossing[first]].level;
      stead_shore_builder_begin (b, STEAD_SHORE_AREA, 0);
      /* Each step uses a segment, so this ends within n_crossing steps. */
      for (guint step = 0; step < n_crossing; step++)
        {
          const ShoreSegment *s = &segments[crossing[current]];
          gsize last = s->start + s->n - 1;
          guint from = stead_shore_perimeter (s->exit, b->dx[last], b->dy[last]);
          guint next = first, best = G_MAXUINT;

          used[current] = TRUE;
          stead_shore_builder_add_segment (b, s);

          /* The nearest entry further along the edge; the first segment
           * is a candidate too, which closes the ring. */
          for (guint j = 0; j < n_crossing; j++)
            {
              const ShoreSegment *t = &segments[crossing[j]];
              guint d;

              if (used[j] && j != first)
                continue;
              d = stead_shore_walk (
                from, stead_shore_perimeter (t->entry, b->dx[t->start], b->dy[t->start]), dry);
              if (d < best)
                {
                  best = d;
                  next = j;
                }
            }

          /* The corners passed on the way, in the order they come. */
          for (guint k = 0; k < 4; k++)
            {
              guint corner = dry ? (from / STEAD_SHORE_STEPS + 1 + k) % 4
                                 : (from / STEAD_SHORE_STEPS + 4 - k) % 4;
              guint d = stead_shore_walk (from, corner * STEAD_SHORE_STEPS, dry);

              if (d == 0 || d >= best)
                continue;
              stead_shore_builder_add_step (b, corner_x[corner], corner_y[corner]);
              low = MIN (low, corner_level[corner]);
            }

          if (next == first)
            break;
          current = next;
          low = MIN (low, segments[crossing[current]].level);
        }

      /* Dry: land (1) or an island in a lake (3); water: the sea (0), a
       * lake (2) or a pond (4). */
      level = dry ? (low <= 1 ? 1 : (low - 1) / 2 * 2 + 1) : low / 2 * 2;
      g_array_index (b->lines, SteadShoreLine, b->lines->len - 1).level = level;
      if (level == 0)
        {
          /* The sea is the map's background. */
          SteadShoreLine *line = &g_array_index (b->lines, SteadShoreLine, b->lines->len - 1);

          g_array_set_size (b->points, GPOINTER_TO_SIZE (line->points));
          g_array_set_size (b->lines, b->lines->len - 1);
        }
      else
        stead_shore_builder_close (b);
    }
}

static void
stead_shore_builder_add_coast (ShoreBuilder       *b,
                               const ShoreSegment *segments,
                               guint               n_segments,
                               guint16             packed_corners)
{
  g_autofree guint *crossing = g_new (guint, MAX (n_segments, 1));
  guint corner_level[4];
  guint n_crossing = 0;

  for (guint k = 0; k < 4; k++)
    corner_level[k] = MIN ((packed_corners >> (9 - 3 * k)) & 7, STEAD_SHORE_MAX_LEVEL);

  for (guint i = 0; i < n_segments; i++)
    {
      stead_shore_builder_begin (b, STEAD_SHORE_COAST, segments[i].level);
      stead_shore_builder_add_segment (b, &segments[i]);
      stead_shore_builder_end (b);
      if (segments[i].entry != STEAD_SHORE_SIDE_NONE && segments[i].exit != STEAD_SHORE_SIDE_NONE)
        crossing[n_crossing++] = i;
    }

  if (n_crossing == 0 && corner_level[0] > 0)
    {
      /* Nothing crosses: the whole bin is what its corners are in. */
      stead_shore_builder_begin (b, STEAD_SHORE_AREA, corner_level[0]);
      for (guint k = 0; k < 4; k++)
        stead_shore_builder_add_step (b, k == 1 || k == 2 ? STEAD_SHORE_STEPS : 0,
                                      k >= 2 ? STEAD_SHORE_STEPS : 0);
      stead_shore_builder_close (b);
    }
  else if (n_crossing > 0)
    {
      stead_shore_builder_close_areas (b, segments, crossing, n_crossing, corner_level, TRUE);
      stead_shore_builder_close_areas (b, segments, crossing, n_crossing, corner_level, FALSE);
    }

  /* Islands and lakes wholly inside the bin, after the rest: a higher
   * level lies inside a lower one, so drawing in level order works. */
  for (guint i = 0; i < n_segments; i++)
    if (segments[i].entry == STEAD_SHORE_SIDE_NONE && segments[i].exit == STEAD_SHORE_SIDE_NONE)
      {
        stead_shore_builder_begin (b, STEAD_SHORE_AREA, segments[i].level);
        stead_shore_builder_add_segment (b, &segments[i]);
        stead_shore_builder_close (b);
      }
}

static void
stead_shore_builder_add_rivers (ShoreBuilder       *b,
                                const ShoreSegment *segments,
                                guint               n_segments)
{
  for (guint i = 0; i < n_segments; i++)
    {
      stead_shore_builder_begin (b, STEAD_SHORE_RIVER, segments[i].level);
      stead_shore_builder_add_segment (b, &segments[i]);
      stead_shore_builder_end (b);
    }
}

/* Reads bin @index of @file into @b. Called with the netCDF lock held. */
static gboolean
stead_shore_file_read_bin (ShoreFile     *file,
                           ShoreFileKind  kind,
                           int            index,
                           ShoreBuilder  *b,
                           GError       **error)
{
  size_t start, count;
  g_autofree int *info = NULL;
  g_autofree int *first_point = NULL;
  g_autofree short *levels = NULL;
  g_autofree short *n_points = NULL;
  g_autofree guint16 *dx = NULL;
  g_autofree guint16 *dy = NULL;
  g_autofree ShoreSegment *segments = NULL;
  guint n = file->n_segments[index], kept = 0;
  gsize lowest = G_MAXSIZE, highest = 0;
  int status;

  if (n == 0)
    {
      if (kind == SHORE_FILE_COAST)
        stead_shore_builder_add_coast (b, NULL, 0, file->corners[index]);
      return TRUE;
    }

  start = file->first_segment[index];
  count = n;
  first_point = g_new (int, n);
  if ((status = stead_shore_nc.get_vara_int (file->ncid, file->segment_start, &start, &count,
                                             first_point)))
    goto failed;
  if (kind == SHORE_FILE_COAST)
    {
      info = g_new (int, n);
      status = stead_shore_nc.get_vara_int (file->ncid, file->segment_info, &start, &count, info);
    }
  else
    {
      n_points = g_new (short, n);
      levels = g_new (short, n);
      status =
        stead_shore_nc.get_vara_short (file->ncid, file->segment_info, &start, &count, n_points);
      if (status == NC_NOERR)
        status =
          stead_shore_nc.get_vara_short (file->ncid, file->segment_level, &start, &count, levels);
    }
  if (status != NC_NOERR)
    goto failed;

  segments = g_new0 (ShoreSegment, n);
  for (guint i = 0; i < n; i++)
    {
      ShoreSegment *s = &segments[kept];

      if (kind == SHORE_FILE_COAST)
        {
          s->n = (guint) info[i] >> 9;
          s->level = (info[i] >> 6) & 7;
          s->entry = (info[i] >> 3) & 7;
          s->exit = info[i] & 7;
          /* Levels 5 and 6 are Antarctica's grounding line, an
           * alternative to its ice front (level 1): not drawn. */
          if (s->level == 0 || s->level > STEAD_SHORE_MAX_LEVEL || s->entry > 4 || s->exit > 4)
            continue;
        }
      else
        {
          s->n = MAX (n_points[i], 0);
          s->level = MAX (levels[i], 0);
          s->entry = s->exit = STEAD_SHORE_SIDE_NONE;
        }
      if (first_point[i] < 0 || s->n == 0)
        continue;
      s->start = first_point[i];
      lowest = MIN (lowest, s->start);
      highest = MAX (highest, s->start + s->n);
      kept++;
    }

  if (kept > 0)
    {
      /* A bin's points are one run: read it in one go. */
      start = lowest;
      count = highest - lowest;
      dx = g_new (guint16, count);
      dy = g_new (guint16, count);
      if ((status =
             stead_shore_nc.get_vara_short (file->ncid, file->dx, &start, &count, (short *) dx)) ||
          (status =
             stead_shore_nc.get_vara_short (file->ncid, file->dy, &start, &count, (short *) dy)))
        goto failed;
      for (guint i = 0; i < kept; i++)
        segments[i].start -= lowest;
    }
  b->dx = dx;
  b->dy = dy;
  if (kind == SHORE_FILE_COAST)
    stead_shore_builder_add_coast (b, segments, kept, file->corners[index]);
  else
    stead_shore_builder_add_rivers (b, segments, kept);
  b->dx = b->dy = NULL;
  return TRUE;

failed:
  stead_shore_set_netcdf_error (error, file->path, status);
  return FALSE;
}

static void
stead_shore_bin_free (SteadShoreBin *bin)
{
  g_clear_pointer (&bin->lines, g_array_unref);
  g_clear_pointer (&bin->points, g_free);
}

SteadShoreBin *
stead_shore_bin_ref (SteadShoreBin *bin)
{
  g_return_val_if_fail (bin != NULL, NULL);

  return g_atomic_rc_box_acquire (bin);
}

void
stead_shore_bin_unref (SteadShoreBin *bin)
{
  g_return_if_fail (bin != NULL);

  g_atomic_rc_box_release_full (bin, (GDestroyNotify) stead_shore_bin_free);
}

/**
 * stead_shore_bin_get_envelope:
 * @bin: a #SteadShoreBin
 * @envelope: (out): the square of the bin, in degrees
 */
void
stead_shore_bin_get_envelope (SteadShoreBin *bin,
                              SteadEnvelope *envelope)
{
  g_return_if_fail (bin != NULL);

  *envelope = bin->envelope;
}

/**
 * stead_shore_bin_get_lines:
 * @bin: a #SteadShoreBin
 * @n_lines: (out): how many
 *
 * Returns: (array length=n_lines) (transfer none): its shorelines, areas
 *   in increasing level, then rivers
 */
const SteadShoreLine *
stead_shore_bin_get_lines (SteadShoreBin *bin,
                           guint         *n_lines)
{
  g_return_val_if_fail (bin != NULL, NULL);

  *n_lines = bin->lines->len;
  return (const SteadShoreLine *) bin->lines->data;
}

/* Reads bin @index at @resolution: shorelines then rivers, from whichever
 * of the two files is installed. */
static SteadShoreBin *
stead_shore_read_bin (SteadShore           *self,
                      SteadShoreResolution  resolution,
                      int                   index,
                      GError              **error)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (SteadShoreLine));
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (SteadCoord));
  g_autoptr(GArray) sorted = NULL;
  ShoreFile *coast = &self->files[resolution][SHORE_FILE_COAST];
  SteadShoreBin *bin;
  double size = coast->bin_minutes / 60.0;
  ShoreBuilder b = { 0 };

  b.size = size;
  b.west = (index % coast->n_columns) * size;
  if (b.west >= 180)
    b.west -= 360;
  b.south = 90 - (index / coast->n_columns + 1) * size;
  b.lines = lines;
  b.points = points;

  for (guint k = 0; k < SHORE_N_FILES; k++)
    {
      ShoreFile *file = &self->files[resolution][k];
      g_autoptr(GError) local_error = NULL;

      if (!stead_shore_file_open (file, k, &local_error))
        {
          /* Rivers are optional; shorelines were opened by the caller. */
          g_debug ("%s", local_error->message);
          continue;
        }
      if (file->n_bins != coast->n_bins || file->n_columns != coast->n_columns)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: its bins are not those of %s", file->path, coast->path);
          return NULL;
        }
      if (!stead_shore_file_read_bin (file, k, index, &b, error))
        return NULL;
    }

  /* Coast lines, areas by level, rivers: the order things are drawn in. */
  sorted = g_array_sized_new (FALSE, FALSE, sizeof (SteadShoreLine), lines->len);
  for (guint pass = 0; pass <= STEAD_SHORE_MAX_LEVEL + 1; pass++)
    for (guint i = 0; i < lines->len; i++)
      {
        SteadShoreLine line = g_array_index (lines, SteadShoreLine, i);

        if ((pass == 0 && line.kind == STEAD_SHORE_COAST) ||
            (pass >= 1 && pass <= STEAD_SHORE_MAX_LEVEL && line.kind == STEAD_SHORE_AREA &&
             line.level == pass) ||
            (pass == STEAD_SHORE_MAX_LEVEL + 1 && line.kind == STEAD_SHORE_RIVER))
          g_array_append_val (sorted, line);
      }

  bin = g_atomic_rc_box_new0 (SteadShoreBin);
  bin->envelope.min_x = b.west;
  bin->envelope.min_y = b.south;
  bin->envelope.max_x = b.west + size;
  bin->envelope.max_y = b.south + size;
  bin->points = (SteadCoord *) g_array_free (g_steal_pointer (&points), FALSE);
  bin->lines = g_steal_pointer (&sorted);
  for (guint i = 0; i < bin->lines->len; i++)
    {
      SteadShoreLine *line = &g_array_index (bin->lines, SteadShoreLine, i);

      line->points = bin->points + GPOINTER_TO_SIZE (line->points);
    }
  return bin;
}

static gpointer
stead_shore_bin_key (SteadShoreResolution resolution,
                     int                  index)
{
  return GUINT_TO_POINTER (((resolution + 1) << 20) | (guint) index);
}

/**
 * stead_shore_load:
 * @self: a #SteadShore
 * @resolution: which detail
 * @box: longitudes -180 to 180 and latitudes, in degrees
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Reads the bins that @box touches, or finds them in the cache. May be
 * called from any thread; it blocks while it reads.
 *
 * Returns: (transfer container) (element-type SteadShoreBin): the bins,
 *   or %NULL with @error set (%G_IO_ERROR_NOT_FOUND: not installed)
 */
GPtrArray *
stead_shore_load (SteadShore           *self,
                  SteadShoreResolution  resolution,
                  const SteadEnvelope  *box,
                  GCancellable         *cancellable,
                  GError              **error)
{
  g_autoptr(GPtrArray) bins = NULL;
  ShoreFile *coast;
  double size, west, east;
  int first_row, last_row, first_column, last_column;
  gboolean opened;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (resolution < STEAD_SHORE_N_RESOLUTIONS, NULL);
  g_return_val_if_fail (box != NULL, NULL);

  coast = &self->files[resolution][SHORE_FILE_COAST];
  stead_shore_netcdf_enter ();
  opened = stead_shore_file_open (coast, SHORE_FILE_COAST, error);
  stead_shore_netcdf_leave ();
  if (!opened)
    return NULL;

  size = coast->bin_minutes / 60.0;
  west = CLAMP (box->min_x, -180, 180);
  east = CLAMP (box->max_x, -180, 180);
  first_column = (int) floor (west / size);
  last_column = MIN ((int) ceil (east / size), (int) (180 / size)) - 1;
  first_row = CLAMP ((int) floor ((90 - CLAMP (box->max_y, -90, 90)) / size), 0,
                     coast->n_bins / coast->n_columns - 1);
  last_row = CLAMP ((int) ceil ((90 - CLAMP (box->min_y, -90, 90)) / size) - 1, first_row,
                    coast->n_bins / coast->n_columns - 1);
  last_column = MAX (last_column, first_column);

  bins = g_ptr_array_new_with_free_func ((GDestroyNotify) stead_shore_bin_unref);
  for (int row = first_row; row <= last_row; row++)
    for (int column = first_column; column <= last_column; column++)
      {
        /* Columns count east from 0°: the western hemisphere is 180-360. */
        int index = row * coast->n_columns +
                    (column + coast->n_columns) % coast->n_columns;
        gpointer key = stead_shore_bin_key (resolution, index);
        SteadShoreBin *bin;

        if (g_cancellable_set_error_if_cancelled (cancellable, error))
          return NULL;

        g_mutex_lock (&self->lock);
        bin = g_hash_table_lookup (self->bins, key);
        if (bin != NULL)
          stead_shore_bin_ref (bin);
        g_mutex_unlock (&self->lock);

        if (bin == NULL)
          {
            stead_shore_netcdf_enter ();
            bin = stead_shore_read_bin (self, resolution, index, error);
            stead_shore_netcdf_leave ();
            if (bin == NULL)
              return NULL;

            g_mutex_lock (&self->lock);
            g_hash_table_replace (self->bins, key, stead_shore_bin_ref (bin));
            g_mutex_unlock (&self->lock);
          }
        g_ptr_array_add (bins, bin);
      }
  return g_steal_pointer (&bins);
}
