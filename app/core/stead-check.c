/* stead-check.c: integrity and GeoPackage conformance of a workspace file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PRAGMA integrity_check (and foreign_key_check) runs on a connection of
 * its own in a second thread, while this one checks the GeoPackage tables,
 * every geometry and every spatial index. A spatial index is read once,
 * in order, not a lookup per entry: its nodes, checked from the root as
 * SQLite's rtreecheck() does (cell bounds, each child within its parent
 * cell, the %_parent and %_rowid tables, their counts), then its entries
 * sorted by rowid and merged with the feature table, so that each
 * geometry has exactly one entry, with its envelope.
 */

#define G_LOG_DOMAIN "stead-check"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "stead-check.h"
#include "stead-geometry.h"
#include "stead-sql-functions-private.h"
#include "stead-workspace-private.h"

#define GPKG_APPLICATION_ID 0x47504B47
/* SQLite's limit on the depth of an R-tree (RTREE_MAX_DEPTH). */
#define RTREE_MAX_DEPTH 40
/* A GeoPackage spatial index: an id and four 32-bit floats a cell. */
#define RTREE_CELL_SIZE 24
/* Problems told of one table or index before a count of the rest. */
#define MAX_PROBLEMS 10

typedef struct
{
  sqlite3   *db;
  GPtrArray *problems;
} Check;

static void G_GNUC_PRINTF (2, 3)
stead_check_problem (Check      *check,
                     const char *format,
                     ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (check->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

static sqlite3_stmt *
stead_check_prepare (Check      *check,
                     const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (check->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      stead_check_problem (check, _("Query failed: %s"), sqlite3_errmsg (check->db));
      return NULL;
    }
  return stmt;
}

static gboolean
stead_check_has_table (Check      *check,
                       const char *name)
{
  g_autoptr(sqlite3_stmt) stmt =
    stead_check_prepare (check, "SELECT 1 FROM sqlite_master WHERE name = ? AND type = 'table'");

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static void
stead_check_integrity (Check *check)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if ((stmt = stead_check_prepare (check, "PRAGMA integrity_check")))
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *row = (const char *) sqlite3_column_text (stmt, 0);
        g_auto(GStrv) lines = NULL;

        if (g_strcmp0 (row, "ok") == 0)
          continue;
        /* One stead_check_problem per line, as the CLI prints them. */
        lines = g_strsplit (row, "\n", -1);
        for (guint i = 0; lines[i] != NULL; i++)
          if (lines[i][0] != '\0' && !g_str_has_prefix (lines[i], "*** in database"))
            stead_check_problem (check, _("Integrity: %s"), lines[i]);
      }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if ((stmt = stead_check_prepare (check, "PRAGMA foreign_key_check")))
    while (sqlite3_step (stmt) == SQLITE_ROW)
      stead_check_problem (check, _("Foreign key: row %lld of %s refers to a missing row of %s"),
               (long long) sqlite3_column_int64 (stmt, 1),
               sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 2));
}

static void
stead_check_header (Check *check)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if ((stmt = stead_check_prepare (check, "PRAGMA application_id")) &&
      sqlite3_step (stmt) == SQLITE_ROW &&
      (guint32) sqlite3_column_int (stmt, 0) != GPKG_APPLICATION_ID)
    stead_check_problem (check, _("GeoPackage: application_id is 0x%08x, not 'GPKG'"),
             (guint32) sqlite3_column_int (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);

  if ((stmt = stead_check_prepare (check, "PRAGMA user_version")) &&
      sqlite3_step (stmt) == SQLITE_ROW &&
      (sqlite3_column_int (stmt, 0) < 10200 || sqlite3_column_int (stmt, 0) >= 10400))
    stead_check_problem (check,
                         _("GeoPackage: user_version is %d, not a GeoPackage 1.2/1.3 version"),
                         sqlite3_column_int (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (const char * const *t = (const char * const[]) { "gpkg_spatial_ref_sys", "gpkg_contents",
                                                         "gpkg_geometry_columns", "stead_workspace",
                                                         "stead_schema", "stead_audit", NULL };
       *t != NULL; t++)
    if (!stead_check_has_table (check, *t))
      stead_check_problem (check, _("Missing table %s"), *t);

  if (stead_check_has_table (check, "gpkg_spatial_ref_sys"))
    {
      static const int required[] = { -1, 0, 4326 };

      for (guint i = 0; i < G_N_ELEMENTS (required); i++)
        {
          int srs = required[i];

          g_clear_pointer (&stmt, sqlite3_finalize);
          if ((stmt = stead_check_prepare (check, "SELECT 1 FROM gpkg_spatial_ref_sys WHERE srs_id "
                                                  "= ?")))
            {
              sqlite3_bind_int (stmt, 1, srs);
              if (sqlite3_step (stmt) != SQLITE_ROW)
                stead_check_problem (
                  check, _("GeoPackage: gpkg_spatial_ref_sys lacks the required srs_id %d"), srs);
            }
        }
    }
}

/* The triggers that keep stead_audit append-only, and the core schema
 * version that made each: dropping one lets the change log be rewritten. */
static const struct
{
  const char *name;
  int         since;
} stead_check_audit_triggers[] = {
  { "stead_audit_no_update", 2 },
  { "stead_audit_no_delete", 2 },
  { "stead_audit_no_replace", 5 },
};

static void
stead_check_audit (Check *check)
{
  g_autoptr(sqlite3_stmt) version = NULL;
  g_autoptr(sqlite3_stmt) trigger = NULL;
  int core = 0;

  if (!stead_check_has_table (check, "stead_audit") ||
      !stead_check_has_table (check, "stead_schema"))
    return;
  version = stead_check_prepare (check,
                                 "SELECT max (version) FROM stead_schema WHERE owner = 'core'");
  trigger = stead_check_prepare (check, "SELECT 1 FROM sqlite_master WHERE type = 'trigger' "
                                        "AND name = ? AND tbl_name = 'stead_audit' "
                                        "AND sql LIKE '%RAISE%ABORT%'");
  if (version == NULL || trigger == NULL)
    return;
  if (sqlite3_step (version) == SQLITE_ROW)
    core = sqlite3_column_int (version, 0);

  for (guint i = 0; i < G_N_ELEMENTS (stead_check_audit_triggers); i++)
    {
      if (core < stead_check_audit_triggers[i].since)
        continue;
      sqlite3_bind_text (trigger, 1, stead_check_audit_triggers[i].name, -1, SQLITE_STATIC);
      if (sqlite3_step (trigger) != SQLITE_ROW)
        stead_check_problem (check,
                             _("Audit: the trigger %s that keeps stead_audit append-only is "
                               "missing; the change log could be rewritten"),
                             stead_check_audit_triggers[i].name);
      sqlite3_reset (trigger);
    }
}

static gboolean
stead_check_type_matches (const char        *declared,
                          SteadGeometryType  type)
{
  if (g_ascii_strcasecmp (declared, "GEOMETRY") == 0)
    return TRUE;
  switch (type)
    {
    case STEAD_GEOMETRY_POINT: return g_ascii_strcasecmp (declared, "POINT") == 0;
    case STEAD_GEOMETRY_LINESTRING: return g_ascii_strcasecmp (declared, "LINESTRING") == 0;
    case STEAD_GEOMETRY_POLYGON: return g_ascii_strcasecmp (declared, "POLYGON") == 0 ||
                                        g_ascii_strcasecmp (declared, "CURVEPOLYGON") == 0;
    case STEAD_GEOMETRY_MULTIPOLYGON: return g_ascii_strcasecmp (declared, "MULTIPOLYGON") == 0 ||
                                             g_ascii_strcasecmp (declared, "MULTISURFACE") == 0;
    default: return FALSE;
    }
}

/* ------------------------------------------------------------------------ */
/* A spatial index, read once                                                */

typedef struct
{
  gint64 id;       /* the feature's rowid */
  gint64 node;     /* the leaf that holds it */
  float  box[4];   /* minx, maxx, miny, maxy */
} Leaf;

typedef struct
{
  Check      *check;
  const char *name;         /* rtree_<table>_<column> */
  GHashTable *nodes;        /* node number (gint64 *) -> GBytes, its blob */
  GHashTable *parents;      /* node number (gint64 *) -> its parent's (gint64 *) */
  GHashTable *visited;      /* the keys of nodes reached from the root */
  GArray     *leaves;       /* Leaf; by rowid once read */
  guint64     n_children;   /* cells of inner nodes */
  guint64     n_problems;
} SpatialIndex;

static void G_GNUC_PRINTF (2, 3)
stead_check_index_damaged (SpatialIndex *index,
                           const char   *format,
                           ...)
{
  g_autofree char *what = NULL;
  va_list args;

  if (index->n_problems++ >= MAX_PROBLEMS)
    return;
  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  stead_check_problem (index->check, _("GeoPackage: the spatial index %s is damaged: %s"),
                       index->name, what);
}

/* A statement's last step, @rc: if it did not run to its end, the query
 * failed, which is a problem of its own. */
static void
stead_check_finished (Check *check,
                      int    rc)
{
  if (rc != SQLITE_DONE)
    stead_check_problem (check, _("Query failed: %s"), sqlite3_errmsg (check->db));
}

/* @format with the identifier @name (quoted there with "%w"). */
static sqlite3_stmt *
stead_check_prepare_on (Check      *check,
                        const char *format,
                        const char *name)
{
  char *sql = sqlite3_mprintf (format, name);
  sqlite3_stmt *stmt = stead_check_prepare (check, sql);

  sqlite3_free (sql);
  return stmt;
}

static gint64 *
stead_check_int64_dup (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
}

static guint
stead_check_be16 (const guint8 *p)
{
  return (guint) p[0] << 8 | p[1];
}

static guint32
stead_check_be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static void
stead_check_index_free (SpatialIndex *index)
{
  g_clear_pointer (&index->nodes, g_hash_table_unref);
  g_clear_pointer (&index->parents, g_hash_table_unref);
  g_clear_pointer (&index->visited, g_hash_table_unref);
  g_clear_pointer (&index->leaves, g_array_unref);
  g_free (index);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpatialIndex, stead_check_index_free)

/* The %_node and %_parent tables, whole. */
static gboolean
stead_check_index_load (SpatialIndex *index)
{
  Check *check = index->check;
  g_autoptr(sqlite3_stmt) nodes = NULL;
  g_autoptr(sqlite3_stmt) parents = NULL;
  int rc;

  nodes = stead_check_prepare_on (check, "SELECT nodeno, data FROM \"%w_node\"", index->name);
  parents = stead_check_prepare_on (check, "SELECT nodeno, parentnode FROM \"%w_parent\"",
                                    index->name);
  if (nodes == NULL || parents == NULL)
    return FALSE;
  while ((rc = sqlite3_step (nodes)) == SQLITE_ROW)
    g_hash_table_insert (index->nodes, stead_check_int64_dup (sqlite3_column_int64 (nodes, 0)),
                         g_bytes_new (sqlite3_column_blob (nodes, 1),
                                      sqlite3_column_bytes (nodes, 1)));
  stead_check_finished (check, rc);
  if (rc != SQLITE_DONE)
    return FALSE;
  while ((rc = sqlite3_step (parents)) == SQLITE_ROW)
    g_hash_table_insert (index->parents, stead_check_int64_dup (sqlite3_column_int64 (parents, 0)),
                         stead_check_int64_dup (sqlite3_column_int64 (parents, 1)));
  stead_check_finished (check, rc);
  return rc == SQLITE_DONE;
}

/* Node @nodeno, @depth levels above the leaves, and the nodes below it:
 * within @bounds (its cell in its parent; %NULL for the root). */
static void
stead_check_index_node (SpatialIndex *index,
                        gint64        nodeno,
                        guint         depth,
                        const float  *bounds)
{
  gpointer key = NULL;
  GBytes *bytes = NULL;
  const guint8 *data;
  gsize size;
  guint n_cells;

  if (!g_hash_table_lookup_extended (index->nodes, &nodeno, &key, (gpointer *) &bytes))
    {
      stead_check_index_damaged (index, _("node %lld is missing"), (long long) nodeno);
      return;
    }
  if (!g_hash_table_add (index->visited, key))
    {
      stead_check_index_damaged (index, _("node %lld is in the tree twice"), (long long) nodeno);
      return;
    }
  data = g_bytes_get_data (bytes, &size);
  n_cells = size >= 4 ? stead_check_be16 (data + 2) : 0;
  if (size < 4 || 4 + (gsize) n_cells * RTREE_CELL_SIZE > size)
    {
      stead_check_index_damaged (index, _("node %lld is %zu bytes, too small for %u cells"),
                                 (long long) nodeno, size, n_cells);
      return;
    }

  for (guint i = 0; i < n_cells; i++)
    {
      const guint8 *cell = data + 4 + (gsize) i * RTREE_CELL_SIZE;
      gint64 id = (gint64) ((guint64) stead_check_be32 (cell) << 32 | stead_check_be32 (cell + 4));
      float box[4];

      for (guint k = 0; k < 4; k++)
        {
          guint32 bits = stead_check_be32 (cell + 8 + 4 * k);

          memcpy (&box[k], &bits, sizeof bits);
        }
      if (box[0] > box[1] || box[2] > box[3])
        stead_check_index_damaged (index, _("cell %u of node %lld has a minimum above its maximum"),
                                   i, (long long) nodeno);
      if (bounds != NULL && (box[0] < bounds[0] || box[1] > bounds[1] || box[2] < bounds[2] ||
                             box[3] > bounds[3]))
        stead_check_index_damaged (index, _("cell %u of node %lld lies outside its parent cell"),
                                   i, (long long) nodeno);

      if (depth > 0)
        {
          const gint64 *parent = g_hash_table_lookup (index->parents, &id);

          index->n_children++;
          if (parent == NULL)
            stead_check_index_damaged (index, _("%s_parent does not have node %lld"),
                                       index->name, (long long) id);
          else if (*parent != nodeno)
            stead_check_index_damaged (index, _("%s_parent puts node %lld under %lld, not %lld"),
                                       index->name, (long long) id, (long long) *parent,
                                       (long long) nodeno);
          stead_check_index_node (index, id, depth - 1, box);
        }
      else
        {
          Leaf leaf = { id, nodeno, { box[0], box[1], box[2], box[3] } };

          g_array_append_val (index->leaves, leaf);
        }
    }
}

/* Sorts @leaves by rowid, a radix sort over the 16-bit digits in which
 * the rowids differ: linear, as the rest of the check. */
static void
stead_check_sort_leaves (GArray *leaves)
{
  guint n = leaves->len;
  g_autofree Leaf *spare = g_new (Leaf, MAX (n, 1));
  g_autofree guint *counts = g_new (guint, 65536);
  Leaf *from = (Leaf *) leaves->data;
  Leaf *to = spare;
  guint64 any = 0, all = G_MAXUINT64;

  /* Flipping the sign bit orders negative rowids first. */
#define LEAF_KEY(leaf) ((guint64) (leaf).id ^ G_GUINT64_CONSTANT (0x8000000000000000))
  for (guint i = 0; i < n; i++)
    {
      any |= LEAF_KEY (from[i]);
      all &= LEAF_KEY (from[i]);
    }
  for (guint shift = 0; shift < 64; shift += 16)
    {
      guint total = 0;
      Leaf *swap;

      if ((((any ^ all) >> shift) & 0xFFFF) == 0)
        continue;
      memset (counts, 0, 65536 * sizeof (guint));
      for (guint i = 0; i < n; i++)
        counts[(LEAF_KEY (from[i]) >> shift) & 0xFFFF]++;
      for (guint d = 0; d < 65536; d++)
        {
          guint c = counts[d];

          counts[d] = total;
          total += c;
        }
      for (guint i = 0; i < n; i++)
        to[counts[(LEAF_KEY (from[i]) >> shift) & 0xFFFF]++] = from[i];
      swap = from;
      from = to;
      to = swap;
    }
#undef LEAF_KEY
  if (from != (Leaf *) leaves->data)
    memcpy (leaves->data, from, (gsize) n * sizeof (Leaf));
}

/* The %_rowid table against the leaves (by rowid): each row in the leaf
 * it names, once. */
static void
stead_check_index_rowids (SpatialIndex *index)
{
  g_autoptr(sqlite3_stmt) stmt =
    stead_check_prepare_on (index->check, "SELECT rowid, nodeno FROM \"%w_rowid\" ORDER BY rowid",
                            index->name);
  const Leaf *leaves = (const Leaf *) index->leaves->data;
  guint n = index->leaves->len, i = 0;
  int rc;

  for (guint j = 1; j < n; j++)
    if (leaves[j].id == leaves[j - 1].id)
      stead_check_index_damaged (index, _("row %lld is in it twice"), (long long) leaves[j].id);
  if (stmt == NULL)
    return;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      gint64 node = sqlite3_column_int64 (stmt, 1);

      for (; i < n && leaves[i].id < rowid; i++)
        stead_check_index_damaged (index, _("%s_rowid does not have row %lld"), index->name,
                                   (long long) leaves[i].id);
      if (i < n && leaves[i].id == rowid)
        {
          if (leaves[i].node != node)
            stead_check_index_damaged (index, _("%s_rowid puts row %lld in node %lld, not %lld"),
                                       index->name, (long long) rowid, (long long) node,
                                       (long long) leaves[i].node);
          for (; i < n && leaves[i].id == rowid; i++)
            ;
        }
      else
        stead_check_index_damaged (index, _("%s_rowid has row %lld, which no leaf holds"),
                                   index->name, (long long) rowid);
    }
  stead_check_finished (index->check, rc);
  for (; i < n; i++)
    stead_check_index_damaged (index, _("%s_rowid does not have row %lld"), index->name,
                               (long long) leaves[i].id);
}

/* Reads and checks the spatial index @name of a feature table: its
 * entries by rowid, or %NULL if it could not be read at all. */
static SpatialIndex *
stead_check_index_read (Check      *check,
                        const char *name)
{
  g_autoptr(SpatialIndex) index = g_new0 (SpatialIndex, 1);
  g_autoptr(sqlite3_stmt) columns = stead_check_prepare_on (check, "SELECT * FROM \"%w\"", name);
  const gint64 root = 1;
  GBytes *bytes;
  guint depth;

  index->check = check;
  index->name = name;
  index->nodes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                        (GDestroyNotify) g_bytes_unref);
  index->parents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  index->visited = g_hash_table_new (NULL, NULL);
  index->leaves = g_array_new (FALSE, FALSE, sizeof (Leaf));

  if (columns == NULL)
    return NULL;
  if (sqlite3_column_count (columns) != 5)
    {
      stead_check_problem (check, _("GeoPackage: the spatial index %s has %d columns, not 5"),
                           name, sqlite3_column_count (columns));
      return NULL;
    }
  if (!stead_check_index_load (index))
    return NULL;

  bytes = g_hash_table_lookup (index->nodes, &root);
  depth = bytes != NULL && g_bytes_get_size (bytes) >= 2
            ? stead_check_be16 (g_bytes_get_data (bytes, NULL))
            : 0;
  if (depth > RTREE_MAX_DEPTH)
    stead_check_index_damaged (index, _("its depth is %u (at most %d)"), depth, RTREE_MAX_DEPTH);
  else
    stead_check_index_node (index, root, depth, NULL);
  if (index->n_children != g_hash_table_size (index->parents))
    stead_check_index_damaged (index, _("%s_parent has %u rows for %llu nodes under the root"),
                               name, g_hash_table_size (index->parents),
                               (unsigned long long) index->n_children);

  stead_check_sort_leaves (index->leaves);
  stead_check_index_rowids (index);
  return g_steal_pointer (&index);
}

/* Whether @stored is @value rounded outwards (@down for a minimum) to a
 * 32-bit float, as SQLite's R-tree stores bounds, give or take a float. */
static gboolean
stead_check_rounds_to (float    stored,
                       double   value,
                       gboolean down)
{
  float nearest = (float) value;

  if (down)
    return stored <= value && stored >= nextafterf (nextafterf (nearest, -INFINITY), -INFINITY);
  return stored >= value && stored <= nextafterf (nextafterf (nearest, INFINITY), INFINITY);
}

/* ------------------------------------------------------------------------ */

typedef struct
{
  Check        *check;
  const char   *table;
  SpatialIndex *index;
  guint         next;      /* the first leaf not yet matched with a row */
  guint64       n_problems;
} Matching;

static void G_GNUC_PRINTF (2, 3)
stead_check_mismatch (Matching   *m,
                      const char *format,
                      ...)
{
  va_list args;

  if (m->n_problems++ >= MAX_PROBLEMS)
    return;
  va_start (args, format);
  g_ptr_array_add (m->check->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

/* The leaves before row @rowid (or all that are left, @to_end), of which
 * no row has a geometry. */
static void
stead_check_match_unowned (Matching *m,
                           gint64    rowid,
                           gboolean  to_end)
{
  const Leaf *leaves = (const Leaf *) m->index->leaves->data;

  for (; m->next < m->index->leaves->len && (to_end || leaves[m->next].id < rowid); m->next++)
    if (m->next == 0 || leaves[m->next].id != leaves[m->next - 1].id)
      stead_check_mismatch (m,
                            _("GeoPackage: the spatial index %s has an entry for row %lld of %s, "
                              "which has no geometry"),
                            m->index->name, (long long) leaves[m->next].id, m->table);
}

/* Row @rowid of the feature table, in rowid order: its geometry's
 * envelope (%NULL: none, or empty), or @unreadable. */
static void
stead_check_match_row (Matching            *m,
                       gint64               rowid,
                       const SteadEnvelope *envelope,
                       gboolean             unreadable)
{
  const Leaf *leaves = (const Leaf *) m->index->leaves->data;
  guint n = m->index->leaves->len;
  const Leaf *leaf;

  stead_check_match_unowned (m, rowid, FALSE);
  leaf = m->next < n && leaves[m->next].id == rowid ? &leaves[m->next] : NULL;
  for (; m->next < n && leaves[m->next].id == rowid; m->next++)
    ;
  if (unreadable)
    return;
  if (envelope == NULL && leaf != NULL)
    stead_check_mismatch (m,
                          _("GeoPackage: the spatial index %s has an entry for row %lld of %s, "
                            "which has no geometry"),
                          m->index->name, (long long) rowid, m->table);
  else if (envelope != NULL && leaf == NULL)
    stead_check_mismatch (m, _("%s row %lld has no entry in the spatial index %s"), m->table,
                          (long long) rowid, m->index->name);
  else if (envelope != NULL && !(stead_check_rounds_to (leaf->box[0], envelope->min_x, TRUE) &&
                                 stead_check_rounds_to (leaf->box[1], envelope->max_x, FALSE) &&
                                 stead_check_rounds_to (leaf->box[2], envelope->min_y, TRUE) &&
                                 stead_check_rounds_to (leaf->box[3], envelope->max_y, FALSE)))
    stead_check_mismatch (m,
                          _("%s row %lld: its entry in the spatial index %s is not its "
                            "geometry's envelope"),
                          m->table, (long long) rowid, m->index->name);
}

/* The spatial index of @table.@column, if the extension says it has one. */
static SpatialIndex *
stead_check_spatial_index (Check      *check,
                           const char *table,
                           const char *column,
                           const char *rtree)
{
  g_autoptr(sqlite3_stmt) ext =
    stead_check_prepare (check, "SELECT 1 FROM gpkg_extensions WHERE table_name = ? "
                                "AND column_name = ? AND extension_name = 'gpkg_rtree_index'");

  if (ext == NULL)
    return NULL;
  sqlite3_bind_text (ext, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (ext, 2, column, -1, SQLITE_STATIC);
  if (sqlite3_step (ext) != SQLITE_ROW)
    return NULL;
  if (!stead_check_has_table (check, rtree))
    {
      stead_check_problem (check, _("GeoPackage: the spatial index %s is missing"), rtree);
      return NULL;
    }
  return stead_check_index_read (check, rtree);
}

static void
stead_check_feature_table (Check      *check,
                           const char *table,
                           const char *column,
                           const char *declared,
                           int         srs_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(SpatialIndex) index = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *rtree = NULL;
  Matching matching = { check, table };
  char *quoted_t;
  char *quoted_c;
  gint64 with_geometry = 0;
  gint64 bad = 0;
  int rc;

  if (!stead_check_has_table (check, table))
    {
      stead_check_problem (check, _("GeoPackage: gpkg_contents lists %s, which does not exist"),
                           table);
      return;
    }

  /* The spatial index first, to merge its entries with the rows. */
  rtree = g_strdup_printf ("rtree_%s_%s", table, column);
  index = stead_check_spatial_index (check, table, column, rtree);
  matching.index = index;

  /* Identifiers come from gpkg_geometry_columns and are quoted with %w. */
  quoted_t = sqlite3_mprintf ("%w", table);
  quoted_c = sqlite3_mprintf ("%w", column);
  sql = g_strdup_printf ("SELECT rowid, \"%s\" FROM \"%s\" ORDER BY rowid", quoted_c, quoted_t);
  sqlite3_free (quoted_t);
  sqlite3_free (quoted_c);

  if (!(stmt = stead_check_prepare (check, sql)))
    return;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(SteadGeometry) geometry = NULL;
      g_autoptr(GError) error = NULL;
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      const guint8 *blob = sqlite3_column_blob (stmt, 1);
      gsize size = sqlite3_column_bytes (stmt, 1);
      SteadEnvelope envelope;
      gboolean empty = TRUE;
      gint32 blob_srs = 0;

      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        {
          if (index != NULL)
            stead_check_match_row (&matching, rowid, NULL, FALSE);
          continue;
        }

      geometry = stead_geometry_new_from_gpkg (blob, size, &blob_srs, &error);
      if (geometry == NULL)
        {
          if (bad++ < MAX_PROBLEMS)
            stead_check_problem (check, _("%s row %lld: %s"), table, (long long) rowid,
                                 error->message);
          if (index != NULL)
            stead_check_match_row (&matching, rowid, NULL, TRUE);
          continue;
        }
      if (blob_srs != srs_id && bad++ < MAX_PROBLEMS)
        stead_check_problem (check,
                             _("%s row %lld: geometry has srs_id %d, the column declares %d"),
                             table, (long long) rowid, blob_srs, srs_id);
      if (!stead_check_type_matches (declared, stead_geometry_get_geometry_type (geometry)) &&
          bad++ < MAX_PROBLEMS)
        stead_check_problem (check, _("%s row %lld: geometry type does not match the declared %s"),
                             table, (long long) rowid, declared);
      if (!stead_geometry_is_empty (geometry))
        with_geometry++;
      /* As the R-tree triggers see it (ST_IsEmpty, ST_MinX…). */
      if (index != NULL)
        {
          gboolean readable = stead_gpkg_blob_get_envelope (blob, size, &envelope, &empty, NULL);

          stead_check_match_row (&matching, rowid, readable && !empty ? &envelope : NULL,
                                 !readable);
        }
    }
  stead_check_finished (check, rc);

  if (bad > MAX_PROBLEMS)
    stead_check_problem (check, _("%s: %lld more bad geometries"), table,
                         (long long) (bad - MAX_PROBLEMS));
  if (index == NULL)
    return;

  /* The spatial index must hold exactly the non-empty geometries. */
  stead_check_match_unowned (&matching, 0, TRUE);
  if (index->leaves->len != (guint64) with_geometry)
    stead_check_problem (check,
                         _("GeoPackage: the spatial index %s has %lld entries for %lld geometries"),
                         rtree, (long long) index->leaves->len, (long long) with_geometry);
  if (index->n_problems > MAX_PROBLEMS)
    stead_check_problem (check, _("GeoPackage: the spatial index %s: %llu more problems"), rtree,
                         (unsigned long long) (index->n_problems - MAX_PROBLEMS));
  if (matching.n_problems > MAX_PROBLEMS)
    stead_check_problem (check, _("GeoPackage: %s and its spatial index: %llu more differences"),
                         table, (unsigned long long) (matching.n_problems - MAX_PROBLEMS));
}

static void
stead_check_features (Check *check)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!stead_check_has_table (check, "gpkg_contents") ||
      !stead_check_has_table (check, "gpkg_geometry_columns"))
    return;

  stmt = stead_check_prepare (check,
                  "SELECT c.table_name, g.column_name, g.geometry_type_name, g.srs_id "
                  "FROM gpkg_contents c LEFT JOIN gpkg_geometry_columns g USING (table_name) "
                  "WHERE c.data_type = 'features' ORDER BY c.table_name");
  if (stmt == NULL)
    return;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (stmt, 0);

      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        {
          stead_check_problem (
            check, _("GeoPackage: feature table %s has no gpkg_geometry_columns row"), table);
          continue;
        }
      stead_check_feature_table (check, table, (const char *) sqlite3_column_text (stmt, 1),
                                 (const char *) sqlite3_column_text (stmt, 2),
                                 sqlite3_column_int (stmt, 3));
    }
}

static gpointer
stead_check_integrity_thread (gpointer data)
{
  stead_check_integrity (data);
  return NULL;
}

/* A read-only connection to @path with the functions that triggers and
 * CHECK constraints call. Only one thread uses it: without the mutex each
 * call would take (a million rows, five calls a row). */
static sqlite3 *
stead_check_open (const char             *path,
                  const SteadFileAccess  *access,
                  GError                **error)
{
  /* The first read opens the write-ahead log's index, which the other
   * connection may be building: it waits. */
  sqlite3 *db = stead_file_access_open (access, path, FALSE, SQLITE_OPEN_NOMUTEX, 10000, error);

  if (db != NULL && !stead_sql_register_functions (db, error))
    g_clear_pointer (&db, sqlite3_close);
  return db;
}

/**
 * stead_check_file:
 * @path: a workspace file
 * @problems: (out) (transfer full): one line per stead_check_problem found
 * @error: a #GError
 *
 * Checks a workspace without changing it: SQLite integrity, foreign keys,
 * the GeoPackage tables, the triggers that keep the audit log
 * append-only, every geometry blob and every spatial index.
 *
 * Returns: %FALSE if the file could not be checked at all (@error says
 *   why); otherwise %TRUE, with an empty @problems if all is well
 */
gboolean
stead_check_file (const char  *path,
                  GPtrArray  **problems,
                  GError     **error)
{
  g_auto(SteadFileAccess) access = { 0 };
  Check integrity = { 0 };
  Check check = { 0 };
  GThread *thread;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  if (!stead_workspace_probe_file (path, FALSE, &access, error))
    return FALSE;

  /* PRAGMA integrity_check takes as long as the rest together: it runs
   * on a connection of its own, on the other core. */
  if (!(integrity.db = stead_check_open (path, &access, error)))
    return FALSE;
  integrity.problems = g_ptr_array_new_with_free_func (g_free);
  check.problems = g_ptr_array_new_with_free_func (g_free);
  thread = g_thread_new ("stead-check", stead_check_integrity_thread, &integrity);
  if (!(check.db = stead_check_open (path, &access, error)))
    {
      g_thread_join (thread);
      sqlite3_close (integrity.db);
      g_ptr_array_unref (integrity.problems);
      g_ptr_array_unref (check.problems);
      return FALSE;
    }
  stead_check_header (&check);
  stead_check_audit (&check);
  stead_check_features (&check);
  g_thread_join (thread);
  sqlite3_close (integrity.db);
  sqlite3_close (check.db);

  /* In the order they were always told: integrity first. */
  g_ptr_array_extend_and_steal (integrity.problems, check.problems);
  *problems = integrity.problems;
  return TRUE;
}
