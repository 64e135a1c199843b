/* stead-bulk-index.c: the spatial index of a large import, built in one go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-import"

#include "config.h"

#include <math.h>
#include <string.h>

#include "stead-bulk-index-private.h"
#include "stead-importer.h"
#include "stead-workspace.h"

/* A GeoPackage point in WGS84, as stead_geometry_to_gpkg() writes it
 * (no envelope, little-endian), without allocating: 29 bytes. */
void
stead_gpkg_point_blob (guint8 blob[29],
                       double x,
                       double y)
{
  static const guint8 head[] = { 'G', 'P', 0, 0x01, 0xE6, 0x10, 0, 0, 0x01, 0x01, 0, 0, 0 };
  guint64 bits;

  memcpy (blob, head, sizeof head);
  memcpy (&bits, &x, 8);
  bits = GUINT64_TO_LE (bits);
  memcpy (blob + 13, &bits, 8);
  memcpy (&bits, &y, 8);
  bits = GUINT64_TO_LE (bits);
  memcpy (blob + 21, &bits, 8);
}

/* Updates keep their triggers: only new points are gathered here. */
typedef struct
{
  gint64  fid;
  guint64 key;
  double  x;
  double  y;
} BulkPoint;

struct _SteadBulkIndex
{
  SteadTransaction *txn;
  const char       *table;
  char             *trigger_sql;
  GArray           *points;
};

SteadBulkIndex *
stead_bulk_index_begin (SteadTransaction  *txn,
                        const char        *table,
                        GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *trigger = g_strdup_printf ("rtree_%s_geom_insert", table);
  g_autofree char *drop = NULL;
  SteadBulkIndex *bulk;

  stmt = stead_transaction_prepare (
    txn, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, trigger, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   "The workspace lacks the spatial index trigger %s", trigger);
      return NULL;
    }

  bulk = g_new0 (SteadBulkIndex, 1);
  bulk->txn = txn;
  bulk->table = table;
  bulk->trigger_sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  bulk->points = g_array_new (FALSE, FALSE, sizeof (BulkPoint));

  drop = g_strdup_printf ("DROP TRIGGER \"%s\"", trigger);
  if (!stead_transaction_exec (txn, drop, error))
    {
      g_array_unref (bulk->points);
      g_free (bulk->trigger_sql);
      g_free (bulk);
      return NULL;
    }
  return bulk;
}

void
stead_bulk_index_free (SteadBulkIndex *bulk)
{
  g_array_unref (bulk->points);
  g_free (bulk->trigger_sql);
  g_free (bulk);
}


static guint64
stead_bulk_index_z_order (double x,
                          double y)
{
  guint32 xi = (guint32) ((x + 180.0) / 360.0 * 4294967295.0);
  guint32 yi = (guint32) ((y + 90.0) / 180.0 * 4294967295.0);
  guint64 key = 0;

  for (int b = 31; b >= 0; b--)
    key = (key << 2) | ((guint64) ((xi >> b) & 1) << 1) | ((yi >> b) & 1);
  return key;
}

static int
stead_bulk_index_compare (gconstpointer a,
                          gconstpointer b)
{
  guint64 ka = ((const BulkPoint *) a)->key;
  guint64 kb = ((const BulkPoint *) b)->key;

  return ka < kb ? -1 : ka > kb;
}

void
stead_bulk_index_add (SteadBulkIndex *bulk,
                      gint64          fid,
                      double          x,
                      double          y)
{
  BulkPoint p = { fid, stead_bulk_index_z_order (x, y), x, y };

  g_array_append_val (bulk->points, p);
}

/* SQLite stores R-tree bounds as 32-bit floats rounded outwards; these
 * round exactly as its rtreeValueDown and rtreeValueUp do. */
#define RND_TOWARDS (1.0 - 1.0 / 8388608.0)
#define RND_AWAY    (1.0 + 1.0 / 8388608.0)

static float
stead_bulk_index_down (double d)
{
  float f = (float) d;

  if (f > d)
    f = (float) (d * (d < 0 ? RND_AWAY : RND_TOWARDS));
  return f;
}

static float
stead_bulk_index_up (double d)
{
  float f = (float) d;

  if (f < d)
    f = (float) (d * (d < 0 ? RND_TOWARDS : RND_AWAY));
  return f;
}

typedef struct
{
  gint64 id;      /* a rowid in a leaf, a node number above */
  float  box[4];  /* minx, maxx, miny, maxy */
} Cell;

typedef struct
{
  gint64  nodeno;
  GArray *cells;  /* Cell */
} Node;

/* A row of the R-tree's rowid table: the leaf holding a rowid. */
typedef struct
{
  gint64 rowid;
  gint64 nodeno;
} RowidEntry;

static int
stead_bulk_index_compare_rowid (gconstpointer a,
                                gconstpointer b)
{
  gint64 ra = ((const RowidEntry *) a)->rowid, rb = ((const RowidEntry *) b)->rowid;

  return ra < rb ? -1 : ra > rb;
}

static int
stead_bulk_index_compare_x (gconstpointer a,
                            gconstpointer b)
{
  const Cell *ca = a, *cb = b;
  float xa = ca->box[0] + ca->box[1], xb = cb->box[0] + cb->box[1];

  return xa < xb ? -1 : xa > xb;
}

static int
stead_bulk_index_compare_y (gconstpointer a,
                            gconstpointer b)
{
  const Cell *ca = a, *cb = b;
  float ya = ca->box[2] + ca->box[3], yb = cb->box[2] + cb->box[3];

  return ya < yb ? -1 : ya > yb;
}

/* Sort-Tile-Recursive packing of one level: cells into full nodes. */
static GPtrArray *
stead_bulk_index_pack (GArray *cells,
                       guint   capacity)
{
  GPtrArray *nodes = g_ptr_array_new ();
  guint n = cells->len;
  guint n_nodes = (n + capacity - 1) / capacity;
  guint slices = (guint) ceil (sqrt ((double) n_nodes));
  guint per_slice = slices * capacity;

  g_array_sort (cells, stead_bulk_index_compare_x);
  for (guint start = 0; start < n; start += per_slice)
    {
      guint end = MIN (n, start + per_slice);

      qsort (&g_array_index (cells, Cell, start), end - start, sizeof (Cell),
             stead_bulk_index_compare_y);
      for (guint i = start; i < end; i += capacity)
        {
          Node *node = g_new0 (Node, 1);

          node->cells = g_array_sized_new (FALSE, FALSE, sizeof (Cell), capacity);
          g_array_append_vals (node->cells, &g_array_index (cells, Cell, i),
                               MIN (capacity, end - i));
          g_ptr_array_add (nodes, node);
        }
    }
  return nodes;
}

static void
stead_bulk_index_node_bounds (Node  *node,
                              float *box)
{
  box[0] = box[2] = G_MAXFLOAT;
  box[1] = box[3] = -G_MAXFLOAT;
  for (guint i = 0; i < node->cells->len; i++)
    {
      const Cell *c = &g_array_index (node->cells, Cell, i);

      box[0] = MIN (box[0], c->box[0]);
      box[1] = MAX (box[1], c->box[1]);
      box[2] = MIN (box[2], c->box[2]);
      box[3] = MAX (box[3], c->box[3]);
    }
}

static void
stead_bulk_index_put_be16 (guint8 *p,
                           guint   v)
{
  p[0] = v >> 8;
  p[1] = v;
}

static void
stead_bulk_index_put_be32 (guint8  *p,
                           guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

static void
stead_bulk_index_put_be64 (guint8  *p,
                           guint64  v)
{
  stead_bulk_index_put_be32 (p, v >> 32);
  stead_bulk_index_put_be32 (p + 4, (guint32) v);
}

/* Rebuilds the whole R-tree of @bulk's table from its present entries
 * and the new points, packed level by level, written straight into the
 * R-tree's node, rowid and parent tables in SQLite's node format (a
 * 2-byte depth, for the root, and a 2-byte cell count, then cells of an
 * 8-byte id and four big-endian 32-bit floats). */
static gboolean
stead_bulk_index_rebuild (SteadBulkIndex  *bulk,
                          GError         **error)
{
  SteadTransaction *txn = bulk->txn;
  g_autofree char *rtree = g_strdup_printf ("rtree_%s_geom", bulk->table);
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  g_autoptr(GPtrArray) levels = g_ptr_array_new ();   /* GPtrArray of Node, leaves first */
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (RowidEntry));
  g_autoptr(sqlite3_stmt) put_node = NULL;
  g_autoptr(sqlite3_stmt) put_rowid = NULL;
  g_autoptr(sqlite3_stmt) put_parent = NULL;
  g_autofree guint8 *blob = NULL;
  GPtrArray *top;
  guint node_size = 0, capacity, depth;
  gint64 next_nodeno = 2;
  gboolean ok = FALSE;

  sql = g_strdup_printf ("SELECT length(data) FROM \"%s_node\" WHERE nodeno = 1", rtree);
  stmt = stead_transaction_prepare (txn, sql, error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    node_size = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  capacity = node_size > 4 ? (node_size - 4) / 24 : 0;
  if (capacity < 4)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   "Unexpected R-tree node size %u", node_size);
      return FALSE;
    }

  g_free (sql);
  sql = g_strdup_printf ("SELECT id, minx, maxx, miny, maxy FROM \"%s\"", rtree);
  stmt = stead_transaction_prepare (txn, sql, error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Cell c = { sqlite3_column_int64 (stmt, 0),
                 { (float) sqlite3_column_double (stmt, 1), (float) sqlite3_column_double (stmt, 2),
                   (float) sqlite3_column_double (stmt, 3),
                   (float) sqlite3_column_double (stmt, 4) } };

      g_array_append_val (cells, c);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  for (guint i = 0; i < bulk->points->len; i++)
    {
      const BulkPoint *p = &g_array_index (bulk->points, BulkPoint, i);
      Cell c = { p->fid,
                 { stead_bulk_index_down (p->x), stead_bulk_index_up (p->x),
                   stead_bulk_index_down (p->y), stead_bulk_index_up (p->y) } };

      g_array_append_val (cells, c);
    }

  /* Leaves, then each level above, until one node holds the rest. */
  top = stead_bulk_index_pack (cells, capacity);
  g_ptr_array_add (levels, top);
  while (top->len > 1)
    {
      g_autoptr(GArray) parents = g_array_new (FALSE, FALSE, sizeof (Cell));

      for (guint i = 0; i < top->len; i++)
        {
          Node *node = g_ptr_array_index (top, i);
          Cell c = { 0 };

          node->nodeno = next_nodeno++;
          c.id = node->nodeno;
          stead_bulk_index_node_bounds (node, c.box);
          g_array_append_val (parents, c);
        }
      top = stead_bulk_index_pack (parents, capacity);
      g_ptr_array_add (levels, top);
    }
  if (top->len == 0)
    {
      /* No entries at all: an empty root leaf. */
      Node *root = g_new0 (Node, 1);

      root->cells = g_array_new (FALSE, FALSE, sizeof (Cell));
      g_ptr_array_add (top, root);
    }
  ((Node *) g_ptr_array_index (top, 0))->nodeno = 1;
  depth = levels->len - 1;

  g_free (sql);
  sql = g_strdup_printf ("DELETE FROM \"%s_node\"; DELETE FROM \"%s_rowid\"; DELETE FROM "
                         "\"%s_parent\";",
                         rtree, rtree, rtree);
  if (!stead_transaction_exec (txn, sql, error))
    goto out;

  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO \"%s_node\" (nodeno, data) VALUES (?, ?)", rtree);
  put_node = stead_transaction_prepare (txn, sql, error);
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO \"%s_rowid\" (rowid, nodeno) VALUES (?, ?)", rtree);
  put_rowid = stead_transaction_prepare (txn, sql, error);
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO \"%s_parent\" (nodeno, parentnode) VALUES (?, ?)", rtree);
  put_parent = stead_transaction_prepare (txn, sql, error);
  if (put_node == NULL || put_rowid == NULL || put_parent == NULL)
    goto out;

  blob = g_malloc (node_size);
  for (guint level = 0; level < levels->len; level++)
    {
      GPtrArray *nodes = g_ptr_array_index (levels, level);

      for (guint i = 0; i < nodes->len; i++)
        {
          Node *node = g_ptr_array_index (nodes, i);

          memset (blob, 0, node_size);
          stead_bulk_index_put_be16 (blob, node->nodeno == 1 ? depth : 0);
          stead_bulk_index_put_be16 (blob + 2, node->cells->len);
          for (guint j = 0; j < node->cells->len; j++)
            {
              const Cell *c = &g_array_index (node->cells, Cell, j);
              guint8 *cell = blob + 4 + 24 * j;

              stead_bulk_index_put_be64 (cell, (guint64) c->id);
              for (guint k = 0; k < 4; k++)
                {
                  guint32 bits;

                  memcpy (&bits, &c->box[k], 4);
                  stead_bulk_index_put_be32 (cell + 8 + 4 * k, bits);
                }

              /* Leaves map rowids to nodes (written below, by rowid);
               * inner nodes are their children's parents. */
              if (level == 0)
                {
                  RowidEntry entry = { c->id, node->nodeno };

                  g_array_append_val (rowids, entry);
                  continue;
                }
              sqlite3_bind_int64 (put_parent, 1, c->id);
              sqlite3_bind_int64 (put_parent, 2, node->nodeno);
              if (!stead_transaction_step (txn, put_parent, error))
                goto out;
            }
          sqlite3_bind_int64 (put_node, 1, node->nodeno);
          sqlite3_bind_blob (put_node, 2, blob, node_size, SQLITE_STATIC);
          if (!stead_transaction_step (txn, put_node, error))
            goto out;
        }
    }
  /* In rowid order, the rowid table is appended to, page after page; in
   * the leaves' order every row would land on a page of its own. */
  g_array_sort (rowids, stead_bulk_index_compare_rowid);
  for (guint i = 0; i < rowids->len; i++)
    {
      const RowidEntry *entry = &g_array_index (rowids, RowidEntry, i);

      sqlite3_bind_int64 (put_rowid, 1, entry->rowid);
      sqlite3_bind_int64 (put_rowid, 2, entry->nodeno);
      if (!stead_transaction_step (txn, put_rowid, error))
        goto out;
    }
  ok = TRUE;

out:
  for (guint level = 0; level < levels->len; level++)
    {
      GPtrArray *nodes = g_ptr_array_index (levels, level);

      for (guint i = 0; i < nodes->len; i++)
        {
          Node *node = g_ptr_array_index (nodes, i);

          g_array_unref (node->cells);
          g_free (node);
        }
      g_ptr_array_unref (nodes);
    }
  return ok;
}

gboolean
stead_bulk_index_finish (SteadBulkIndex  *bulk,
                         GError    **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autofree char *sql =
    g_strdup_printf ("SELECT count(*) FROM \"rtree_%s_geom_rowid\"", bulk->table);
  gint64 existing = 0;

  /* Many new points: pack the whole tree anew. A few among many: insert
   * them, in Z-order. */
  count = stead_transaction_prepare (bulk->txn, sql, error);
  if (count == NULL)
    return FALSE;
  if (sqlite3_step (count) == SQLITE_ROW)
    existing = sqlite3_column_int64 (count, 0);
  g_clear_pointer (&count, sqlite3_finalize);

  if (bulk->points->len >= 1000 && (gint64) bulk->points->len >= existing)
    {
      if (!stead_bulk_index_rebuild (bulk, error))
        return FALSE;
      return stead_transaction_exec (bulk->txn, bulk->trigger_sql, error);
    }

  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO \"rtree_%s_geom\" VALUES (?, ?, ?, ?, ?)", bulk->table);
  g_array_sort (bulk->points, stead_bulk_index_compare);
  insert = stead_transaction_prepare (bulk->txn, sql, error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < bulk->points->len; i++)
    {
      const BulkPoint *p = &g_array_index (bulk->points, BulkPoint, i);

      sqlite3_bind_int64 (insert, 1, p->fid);
      sqlite3_bind_double (insert, 2, p->x);
      sqlite3_bind_double (insert, 3, p->x);
      sqlite3_bind_double (insert, 4, p->y);
      sqlite3_bind_double (insert, 5, p->y);
      if (!stead_transaction_step (bulk->txn, insert, error))
        return FALSE;
    }
  return stead_transaction_exec (bulk->txn, bulk->trigger_sql, error);
}

