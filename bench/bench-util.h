/* bench-util.h: what the benchmarks share: percentiles of timings, a scratch workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

static inline int
bench_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The @p quantile (0.5: the median, 1: the largest) of @values, sorting
 * them; 0 if there are none. */
static inline double
bench_percentile (GArray *values,
                  double  p)
{
  guint index;

  if (values->len == 0)
    return 0;
  g_array_sort (values, bench_compare_doubles);
  index = (guint) (p * (values->len - 1) + 0.5);
  return g_array_index (values, double, index);
}

/* Removes the workspace a benchmark made at @path, with its SQLite side
 * files. */
static inline void
bench_remove_workspace_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* Removes the workspace a benchmark made at @path in the scratch folder
 * @dir, with its SQLite side files, and the folder. */
static inline void
bench_remove_workspace (const char *dir,
                        const char *path)
{
  bench_remove_workspace_files (path);
  g_rmdir (dir);
}
