/* stead-import-csv.c: the core's own formats, and needs and resources as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-import"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stead-geometry.h"
#include "stead-import-formats-private.h"
#include "stead-workspace.h"
#include "stead-workspace-private.h"

/* ------------------------------------------------------------------------ */
/* One GObject type for every core importer, described by a table.          */

#define STEAD_TYPE_CORE_IMPORTER (stead_core_importer_get_type ())
G_DECLARE_FINAL_TYPE (SteadCoreImporter, stead_core_importer, STEAD, CORE_IMPORTER, GObject)

struct _SteadCoreImporter
{
  GObject                      parent_instance;
  const SteadCoreImportFormat *format;
};

static const char *
core_importer_get_id (SteadImporter *importer)
{
  return STEAD_CORE_IMPORTER (importer)->format->id;
}

static const char *
core_importer_get_title (SteadImporter *importer)
{
  return _(STEAD_CORE_IMPORTER (importer)->format->title);
}

static const char * const *
core_importer_get_extensions (SteadImporter *importer)
{
  return STEAD_CORE_IMPORTER (importer)->format->extensions;
}

static const SteadImportField *
core_importer_get_fields (SteadImporter *importer,
                          guint         *n_fields)
{
  const SteadCoreImportFormat *format = STEAD_CORE_IMPORTER (importer)->format;

  *n_fields = format->n_fields;
  return format->fields;
}

static gboolean
core_importer_run (SteadImporter       *importer,
                   SteadImportContext  *context,
                   GError             **error)
{
  return STEAD_CORE_IMPORTER (importer)->format->run (importer, context, error);
}

static void
core_importer_iface_init (SteadImporterInterface *iface)
{
  iface->get_id = core_importer_get_id;
  iface->get_title = core_importer_get_title;
  iface->get_extensions = core_importer_get_extensions;
  iface->get_fields = core_importer_get_fields;
  iface->run = core_importer_run;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (SteadCoreImporter, stead_core_importer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEAD_TYPE_IMPORTER, core_importer_iface_init))

static void
stead_core_importer_class_init (SteadCoreImporterClass *klass)
{
}

static void
stead_core_importer_init (SteadCoreImporter *self)
{
}

#define STEAD_TYPE_CORE_EXPORTER (stead_core_exporter_get_type ())
G_DECLARE_FINAL_TYPE (SteadCoreExporter, stead_core_exporter, STEAD, CORE_EXPORTER, GObject)

struct _SteadCoreExporter
{
  GObject                      parent_instance;
  const SteadCoreExportFormat *format;
};

static const char *
core_exporter_get_id (SteadExporter *exporter)
{
  return STEAD_CORE_EXPORTER (exporter)->format->id;
}

static const char *
core_exporter_get_title (SteadExporter *exporter)
{
  return _(STEAD_CORE_EXPORTER (exporter)->format->title);
}

static const char * const *
core_exporter_get_extensions (SteadExporter *exporter)
{
  return STEAD_CORE_EXPORTER (exporter)->format->extensions;
}

static gboolean
core_exporter_run (SteadExporter            *exporter,
                   SteadWorkspace           *workspace,
                   GOutputStream            *stream,
                   const SteadExportOptions *options,
                   GCancellable             *cancellable,
                   GError                  **error)
{
  return STEAD_CORE_EXPORTER (exporter)->format->run (exporter, workspace, stream, options, cancellable, error);
}

static void
core_exporter_iface_init (SteadExporterInterface *iface)
{
  iface->get_id = core_exporter_get_id;
  iface->get_title = core_exporter_get_title;
  iface->get_extensions = core_exporter_get_extensions;
  iface->run = core_exporter_run;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (SteadCoreExporter, stead_core_exporter, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEAD_TYPE_EXPORTER, core_exporter_iface_init))

static void
stead_core_exporter_class_init (SteadCoreExporterClass *klass)
{
}

static void
stead_core_exporter_init (SteadCoreExporter *self)
{
}

void
stead_import_add_core_importers (GPtrArray *importers)
{
  static const SteadCoreImportFormat *formats[] = {
    &stead_import_needs_csv,
    &stead_import_resources_csv,
    &stead_import_postcodes,
    &stead_import_geojson_areas,
    &stead_import_gpkg_areas,
    &stead_import_cap,
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      SteadCoreImporter *importer = g_object_new (STEAD_TYPE_CORE_IMPORTER, NULL);

      importer->format = formats[i];
      g_ptr_array_add (importers, importer);
    }
}

void
stead_export_add_core_exporters (GPtrArray *exporters)
{
  static const SteadCoreExportFormat *formats[] = {
    &stead_export_needs_csv,
    &stead_export_resources_csv,
    &stead_export_areas_geojson,
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      SteadCoreExporter *exporter = g_object_new (STEAD_TYPE_CORE_EXPORTER, NULL);

      exporter->format = formats[i];
      g_ptr_array_add (exporters, exporter);
    }
}

/* ------------------------------------------------------------------------ */
/* Parsing fields                                                            */

gboolean
stead_import_parse_int (const char *text,
                        gint64      min,
                        gint64      max,
                        gint64     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;
  gint64 v;

  if (copy[0] == '\0')
    return FALSE;
  errno = 0;
  v = g_ascii_strtoll (copy, &end, 10);
  if (errno != 0 || end == copy || *end != '\0' || v < min || v > max)
    return FALSE;
  *value = v;
  return TRUE;
}

gboolean
stead_import_parse_double (const char *text,
                           double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;
  double v;

  if (copy[0] == '\0')
    return FALSE;
  errno = 0;
  v = g_ascii_strtod (copy, &end);
  if (errno != 0 || end == copy || *end != '\0' || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

/* ISO 8601 (date, or date and time with 'T' or a space) or the UK's
 * DD/MM/YYYY with an optional HH:MM[:SS]. Times without a zone are UK
 * local time (GMT or BST); dates alone are midnight UTC. */
gboolean
stead_import_parse_date (const char *text,
                         gint64     *unix_time)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  GTimeZone *local = london != NULL ? london : utc;
  int d, m, y, hour, minute, second = 0, n;
  char tail;

  if (copy[0] == '\0')
    return FALSE;
  if (strlen (copy) == 10 && copy[4] == '-' && sscanf (copy, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3)
    dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (dt == NULL && strlen (copy) > 10 && copy[4] == '-' && copy[10] == ' ')
    copy[10] = 'T';
  if (dt == NULL)
    dt = g_date_time_new_from_iso8601 (copy, local);
  if (dt == NULL && copy[4] == '-' &&
      sscanf (copy, "%4d-%2d-%2dT%2d:%2d%c", &y, &m, &d, &hour, &minute, &tail) == 5)
    dt = g_date_time_new (local, y, m, d, hour, minute, 0);
  if (dt == NULL && sscanf (copy, "%2d/%2d/%4d%c", &d, &m, &y, &tail) == 3)
    dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (dt == NULL)
    {
      n = sscanf (copy, "%2d/%2d/%4d %2d:%2d:%2d%c", &d, &m, &y, &hour, &minute, &second, &tail);
      if (n == 5 || n == 6)
        dt = g_date_time_new (local, y, m, d, hour, minute, n == 6 ? second : 0);
    }
  if (dt == NULL)
    return FALSE;
  *unix_time = g_date_time_to_unix (dt);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Needs and resources                                                       */

static const SteadImportField need_fields[] = {
  { "id", "identifier;ref;reference;source id;case;case number", "#x_id;#id", FALSE },
  { "kind", "need;type;need kind;category", "#x_kind;#sector", FALSE },
  { "title", "description;summary;name;details", "#description", FALSE },
  { "people", "people affected;persons;household size;number of people", "#affected;#reached", FALSE },
  { "urgency", "priority", "#x_urgency;#priority", FALSE },
  { "status", "state", "#status", FALSE },
  { "opened", "date;reported;created;date opened", "#date", FALSE },
  { "postcode", "post code;postal code;zip", "#loc +postcode;#adm4 +postcode", FALSE },
  { "longitude", "lon;long;lng;x", "#geo +lon", FALSE },
  { "latitude", "lat;y", "#geo +lat", FALSE },
};

static const SteadImportField resource_fields[] = {
  { "id", "identifier;ref;reference;source id", "#x_id;#id", FALSE },
  { "kind", "resource;type;resource kind;category", "#x_kind;#sector", FALSE },
  { "title", "name;description;summary", "#description;#org", FALSE },
  { "capacity", "quantity;places;beds;count", "#capacity;#value", FALSE },
  { "availability", "status;available", "#status", FALSE },
  { "postcode", "post code;postal code;zip", "#loc +postcode;#adm4 +postcode", FALSE },
  { "longitude", "lon;long;lng;x", "#geo +lon", FALSE },
  { "latitude", "lat;y", "#geo +lat", FALSE },
};

static const char * const csv_extensions[] = { "csv", "tsv", "txt", NULL };

typedef struct
{
  SteadImportContext *context;
  SteadColumnMap     *map;
  const char * const *row;
  guint               n_row;
  guint64             line;
  guint64             index;
} Row;

static const char *
field (Row        *r,
       const char *name)
{
  int column = stead_column_map_get_column (r->map, name);
  const char *value;

  if (column < 0 || (guint) column >= r->n_row)
    return NULL;
  value = r->row[column];
  while (*value == ' ')
    value++;
  return *value != '\0' ? value : NULL;
}

/* The vocabulary's codes, by code and by label, lower case. */
static GHashTable *
load_vocabulary (SteadWorkspace *workspace,
                 const char     *vocabulary)
{
  GHashTable *terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = stead_workspace_prepare (workspace, "SELECT code, label FROM taxonomy WHERE vocabulary = ?", NULL);
  if (stmt == NULL)
    return terms;
  sqlite3_bind_text (stmt, 1, vocabulary, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      const char *label = (const char *) sqlite3_column_text (stmt, 1);

      g_hash_table_insert (terms, g_utf8_strdown (code, -1), g_strdup (code));
      g_hash_table_insert (terms, g_utf8_strdown (label, -1), g_strdup (code));
    }
  return terms;
}

static const char *
lookup_term (GHashTable *terms,
             const char *text)
{
  g_autofree char *key = g_utf8_strdown (text, -1);

  g_strstrip (key);
  return g_hash_table_lookup (terms, key);
}

/* Where the row is: longitude and latitude, or a postcode from the
 * directory. Rejects the row and returns FALSE if neither. */
static gboolean
row_location (Row    *r,
              double *lon,
              double *lat)
{
  const char *lon_text = field (r, "longitude");
  const char *lat_text = field (r, "latitude");
  const char *postcode = field (r, "postcode");

  if (lon_text != NULL || lat_text != NULL)
    {
      if (lon_text == NULL || lat_text == NULL ||
          !stead_import_parse_double (lon_text, lon) || !stead_import_parse_double (lat_text, lat) ||
          *lon < -180 || *lon > 180 || *lat < -90 || *lat > 90)
        {
          stead_import_context_reject (r->context, r->line, r->index, r->row, r->n_row,
                                       _("longitude and latitude “%s”, “%s” are not a position in degrees"),
                                       lon_text ? lon_text : "", lat_text ? lat_text : "");
          return FALSE;
        }
      return TRUE;
    }

  if (postcode != NULL)
    {
      g_autofree char *normal = stead_postcode_normalize (postcode);

      if (normal == NULL)
        {
          stead_import_context_reject (r->context, r->line, r->index, r->row, r->n_row,
                                       _("“%s” is not a UK postcode"), postcode);
          return FALSE;
        }
      if (!stead_import_context_geocode (r->context, postcode, lon, lat))
        {
          stead_import_context_reject (r->context, r->line, r->index, r->row, r->n_row,
                                       _("postcode “%s” is not in the workspace’s postcode directory"),
                                       postcode);
          return FALSE;
        }
      return TRUE;
    }

  stead_import_context_reject (r->context, r->line, r->index, r->row, r->n_row,
                               _("no location: give a postcode, or longitude and latitude"));
  return FALSE;
}

static goffset
file_size (SteadImportContext *context)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (stead_import_context_get_file (context), G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  return info != NULL ? g_file_info_get_size (info) : 0;
}

typedef enum { TABLE_NEED, TABLE_RESOURCE } Table;

/* A GeoPackage point in WGS84, as stead_geometry_to_gpkg() writes it
 * (no envelope, little-endian), without allocating: 29 bytes. */
static void
point_blob (guint8 blob[29],
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

/* Building the R-tree of a large import row by row, in file order, costs
 * more than the rest of the import together. Inside the import's
 * transaction the insert trigger is set aside, the new points are
 * gathered, sorted along a Z-order curve and indexed in that order, and
 * the trigger is put back: a crash or a rollback restores the trigger
 * with everything else. Updates keep their triggers. */
typedef struct
{
  gint64  fid;
  guint64 key;
  double  x;
  double  y;
} BulkPoint;

typedef struct
{
  SteadTransaction *txn;
  const char       *table;
  char             *trigger_sql;
  GArray           *points;
} BulkIndex;

static BulkIndex *
bulk_index_begin (SteadTransaction  *txn,
                  const char        *table,
                  GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *trigger = g_strdup_printf ("rtree_%s_geom_insert", table);
  g_autofree char *drop = NULL;
  BulkIndex *bulk;

  stmt = stead_transaction_prepare (txn, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, trigger, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   "The workspace lacks the spatial index trigger %s", trigger);
      return NULL;
    }

  bulk = g_new0 (BulkIndex, 1);
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

static void
bulk_index_free (BulkIndex *bulk)
{
  g_array_unref (bulk->points);
  g_free (bulk->trigger_sql);
  g_free (bulk);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BulkIndex, bulk_index_free)

static guint64
z_order (double x,
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
compare_bulk (gconstpointer a,
              gconstpointer b)
{
  guint64 ka = ((const BulkPoint *) a)->key;
  guint64 kb = ((const BulkPoint *) b)->key;

  return ka < kb ? -1 : ka > kb;
}

static void
bulk_index_add (BulkIndex *bulk,
                gint64     fid,
                double     x,
                double     y)
{
  BulkPoint p = { fid, z_order (x, y), x, y };

  g_array_append_val (bulk->points, p);
}

/* SQLite stores R-tree bounds as 32-bit floats rounded outwards; these
 * round exactly as its rtreeValueDown and rtreeValueUp do. */
#define RND_TOWARDS (1.0 - 1.0 / 8388608.0)
#define RND_AWAY    (1.0 + 1.0 / 8388608.0)

static float
value_down (double d)
{
  float f = (float) d;

  if (f > d)
    f = (float) (d * (d < 0 ? RND_AWAY : RND_TOWARDS));
  return f;
}

static float
value_up (double d)
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

static int
compare_cell_x (gconstpointer a,
                gconstpointer b)
{
  const Cell *ca = a, *cb = b;
  float xa = ca->box[0] + ca->box[1], xb = cb->box[0] + cb->box[1];

  return xa < xb ? -1 : xa > xb;
}

static int
compare_cell_y (gconstpointer a,
                gconstpointer b)
{
  const Cell *ca = a, *cb = b;
  float ya = ca->box[2] + ca->box[3], yb = cb->box[2] + cb->box[3];

  return ya < yb ? -1 : ya > yb;
}

/* Sort-Tile-Recursive packing of one level: cells into full nodes. */
static GPtrArray *
str_pack (GArray *cells,
          guint   capacity)
{
  GPtrArray *nodes = g_ptr_array_new ();
  guint n = cells->len;
  guint n_nodes = (n + capacity - 1) / capacity;
  guint slices = (guint) ceil (sqrt ((double) n_nodes));
  guint per_slice = slices * capacity;

  g_array_sort (cells, compare_cell_x);
  for (guint start = 0; start < n; start += per_slice)
    {
      guint end = MIN (n, start + per_slice);

      qsort (&g_array_index (cells, Cell, start), end - start, sizeof (Cell), compare_cell_y);
      for (guint i = start; i < end; i += capacity)
        {
          Node *node = g_new0 (Node, 1);

          node->cells = g_array_sized_new (FALSE, FALSE, sizeof (Cell), capacity);
          g_array_append_vals (node->cells, &g_array_index (cells, Cell, i), MIN (capacity, end - i));
          g_ptr_array_add (nodes, node);
        }
    }
  return nodes;
}

static void
node_bounds (Node  *node,
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
put_be16 (guint8 *p, guint v) { p[0] = v >> 8; p[1] = v; }

static void
put_be32 (guint8 *p, guint32 v) { p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v; }

static void
put_be64 (guint8 *p, guint64 v) { put_be32 (p, v >> 32); put_be32 (p + 4, (guint32) v); }

/* Rebuilds the whole R-tree of @bulk's table from its present entries
 * and the new points, packed level by level, written straight into the
 * R-tree's node, rowid and parent tables in SQLite's node format (a
 * 2-byte depth, for the root, and a 2-byte cell count, then cells of an
 * 8-byte id and four big-endian 32-bit floats). */
static gboolean
rtree_rebuild (BulkIndex  *bulk,
               GError    **error)
{
  SteadTransaction *txn = bulk->txn;
  g_autofree char *rtree = g_strdup_printf ("rtree_%s_geom", bulk->table);
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  g_autoptr(GPtrArray) levels = g_ptr_array_new ();   /* GPtrArray of Node, leaves first */
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
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT, "Unexpected R-tree node size %u", node_size);
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
                   (float) sqlite3_column_double (stmt, 3), (float) sqlite3_column_double (stmt, 4) } };

      g_array_append_val (cells, c);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  for (guint i = 0; i < bulk->points->len; i++)
    {
      const BulkPoint *p = &g_array_index (bulk->points, BulkPoint, i);
      Cell c = { p->fid, { value_down (p->x), value_up (p->x), value_down (p->y), value_up (p->y) } };

      g_array_append_val (cells, c);
    }

  /* Leaves, then each level above, until one node holds the rest. */
  top = str_pack (cells, capacity);
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
          node_bounds (node, c.box);
          g_array_append_val (parents, c);
        }
      top = str_pack (parents, capacity);
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
  sql = g_strdup_printf ("DELETE FROM \"%s_node\"; DELETE FROM \"%s_rowid\"; DELETE FROM \"%s_parent\";",
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
          put_be16 (blob, node->nodeno == 1 ? depth : 0);
          put_be16 (blob + 2, node->cells->len);
          for (guint j = 0; j < node->cells->len; j++)
            {
              const Cell *c = &g_array_index (node->cells, Cell, j);
              guint8 *cell = blob + 4 + 24 * j;

              put_be64 (cell, (guint64) c->id);
              for (guint k = 0; k < 4; k++)
                {
                  guint32 bits;

                  memcpy (&bits, &c->box[k], 4);
                  put_be32 (cell + 8 + 4 * k, bits);
                }

              /* Leaves map rowids to nodes; inner nodes are their
               * children's parents. */
              stmt = level == 0 ? put_rowid : put_parent;
              sqlite3_bind_int64 (stmt, 1, c->id);
              sqlite3_bind_int64 (stmt, 2, node->nodeno);
              if (!stead_transaction_step (txn, stmt, error))
                {
                  stmt = NULL;
                  goto out;
                }
              stmt = NULL;
            }
          sqlite3_bind_int64 (put_node, 1, node->nodeno);
          sqlite3_bind_blob (put_node, 2, blob, node_size, SQLITE_STATIC);
          if (!stead_transaction_step (txn, put_node, error))
            goto out;
        }
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

static gboolean
bulk_index_finish (BulkIndex  *bulk,
                   GError    **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"rtree_%s_geom_rowid\"", bulk->table);
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
      if (!rtree_rebuild (bulk, error))
        return FALSE;
      return stead_transaction_exec (bulk->txn, bulk->trigger_sql, error);
    }

  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO \"rtree_%s_geom\" VALUES (?, ?, ?, ?, ?)", bulk->table);
  g_array_sort (bulk->points, compare_bulk);
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

static gboolean
import_features (SteadImporter       *importer,
                 SteadImportContext  *context,
                 Table                table,
                 GError             **error)
{
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  SteadWorkspace *workspace = stead_import_context_get_workspace (context);
  GCancellable *cancellable = stead_import_context_get_cancellable (context);
  g_autoptr(SteadCsvReader) reader = NULL;
  g_autoptr(SteadColumnMap) map = NULL;
  g_autoptr(GHashTable) terms = NULL;
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(BulkIndex) bulk = NULL;
  g_autofree char *last_kind_text = NULL;
  const char *last_kind = NULL;
  const char *default_kind = stead_import_context_get_option (context, "kind");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  goffset size;
  Row r = { context, NULL, NULL, 0, 0 };

  reader = stead_import_context_open_csv (context, &map, error);
  if (reader == NULL)
    return FALSE;
  r.map = map;
  size = file_size (context);

  terms = load_vocabulary (workspace, table == TABLE_NEED ? "need-kind" : "resource-kind");
  if (default_kind != NULL && lookup_term (terms, default_kind) == NULL)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION,
                   _("“%s” is not a %s kind in this workspace’s vocabulary"), default_kind,
                   table == TABLE_NEED ? _("need") : _("resource"));
      return FALSE;
    }
  if (stead_column_map_get_column (map, "kind") < 0 && default_kind == NULL)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   _("No column gives the kind; map one (kind=Column) or give one kind for every row (--option kind=…)"));
      return FALSE;
    }
  if (stead_column_map_get_column (map, "postcode") < 0 &&
      (stead_column_map_get_column (map, "longitude") < 0 || stead_column_map_get_column (map, "latitude") < 0))
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   _("No column gives a location; map a postcode, or longitude and latitude"));
      return FALSE;
    }

  if (table == TABLE_NEED)
    {
      find = stead_transaction_prepare (txn, "SELECT fid FROM need WHERE source_id = ?", error);
      insert = stead_transaction_prepare (txn,
                                          "INSERT INTO need (geom, kind, title, people, urgency, status, opened, source_id) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
      update = stead_transaction_prepare (txn,
                                          "UPDATE need SET geom = ?1, kind = ?2, title = ?3, people = ?4, "
                                          "urgency = ?5, status = ?6, opened = ?7 WHERE fid = ?9", error);
    }
  else
    {
      find = stead_transaction_prepare (txn, "SELECT fid FROM resource WHERE source_id = ?", error);
      insert = stead_transaction_prepare (txn,
                                          "INSERT INTO resource (geom, kind, title, capacity, availability, source_id) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5, ?8)", error);
      update = stead_transaction_prepare (txn,
                                          "UPDATE resource SET geom = ?1, kind = ?2, title = ?3, capacity = ?4, "
                                          "availability = ?5 WHERE fid = ?9", error);
    }
  if (find == NULL || insert == NULL || update == NULL)
    return FALSE;

  bulk = bulk_index_begin (txn, table == TABLE_NEED ? "need" : "resource", error);
  if (bulk == NULL)
    return FALSE;

  for (;;)
    {
      guint8 blob[29];
      const char *kind_text, *kind, *id, *text;
      gint64 count = 1, urgency = 2, opened = now, fid = 0;
      const char *status;
      double lon, lat;
      sqlite3_stmt *stmt;

      if (!stead_csv_reader_next_fields (reader, &r.row, &r.n_row, &r.line, cancellable, error))
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          break;
        }
      r.index++;
      if ((r.index & 1023) == 0)
        {
          if (!stead_import_context_check_cancelled (context, error))
            return FALSE;
          stead_import_context_progress (context, stead_csv_reader_get_bytes_read (reader), size);
        }

      kind_text = field (&r, "kind");
      if (kind_text == NULL)
        kind_text = default_kind;
      if (kind_text == NULL)
        {
          stead_import_context_reject (context, r.line, r.index, r.row, r.n_row, _("no kind"));
          continue;
        }
      /* Files repeat a handful of kinds: remember the last one. */
      if (last_kind_text != NULL && strcmp (last_kind_text, kind_text) == 0)
        kind = last_kind;
      else
        {
          kind = lookup_term (terms, kind_text);
          g_free (last_kind_text);
          last_kind_text = g_strdup (kind_text);
          last_kind = kind;
        }
      if (kind == NULL)
        {
          stead_import_context_reject (context, r.line, r.index, r.row, r.n_row,
                                       _("“%s” is not a kind in the vocabulary"), kind_text);
          continue;
        }

      if (table == TABLE_NEED)
        {
          status = "open";
          if ((text = field (&r, "people")) != NULL && !stead_import_parse_int (text, 0, 1000000, &count))
            {
              stead_import_context_reject (context, r.line, r.index, r.row, r.n_row,
                                           _("people “%s” is not a whole number of 0 or more"), text);
              continue;
            }
          if ((text = field (&r, "urgency")) != NULL && !stead_import_parse_int (text, 1, 4, &urgency))
            {
              stead_import_context_reject (context, r.line, r.index, r.row, r.n_row,
                                           _("urgency “%s” is not 1, 2, 3 or 4"), text);
              continue;
            }
          if ((text = field (&r, "status")) != NULL)
            {
              static const char * const statuses[] = { "open", "assigned", "met", "closed", "cancelled", NULL };
              g_autofree char *lower = g_ascii_strdown (text, -1);

              if (!g_strv_contains (statuses, g_strstrip (lower)))
                {
                  stead_import_context_reject (context, r.line, r.index, r.row, r.n_row,
                                               _("status “%s” is not one of open, assigned, met, closed, cancelled"),
                                               text);
                  continue;
                }
              status = g_intern_string (lower);
            }
          if ((text = field (&r, "opened")) != NULL && !stead_import_parse_date (text, &opened))
            {
              stead_import_context_reject (context, r.line, r.index, r.row, r.n_row,
                                           _("date “%s” is not a date (YYYY-MM-DD or DD/MM/YYYY)"), text);
              continue;
            }
        }
      else
        {
          status = "available";
          if ((text = field (&r, "capacity")) != NULL && !stead_import_parse_int (text, 0, 10000000, &count))
            {
              stead_import_context_reject (context, r.line, r.index, r.row, r.n_row,
                                           _("capacity “%s” is not a whole number of 0 or more"), text);
              continue;
            }
          if ((text = field (&r, "availability")) != NULL)
            {
              static const char * const states[] = { "available", "limited", "committed", "unavailable", NULL };
              g_autofree char *lower = g_ascii_strdown (text, -1);

              if (!g_strv_contains (states, g_strstrip (lower)))
                {
                  stead_import_context_reject (context, r.line, r.index, r.row, r.n_row,
                                               _("availability “%s” is not one of available, limited, committed, unavailable"),
                                               text);
                  continue;
                }
              status = g_intern_string (lower);
            }
        }

      if (!row_location (&r, &lon, &lat))
        continue;
      if (!stead_import_context_is_within (context, lon, lat))
        {
          stead_import_context_skipped (context, 1);
          continue;
        }

      id = field (&r, "id");
      if (id != NULL)
        {
          sqlite3_bind_text (find, 1, id, -1, SQLITE_STATIC);
          if (sqlite3_step (find) == SQLITE_ROW)
            fid = sqlite3_column_int64 (find, 0);
          sqlite3_reset (find);
        }

      point_blob (blob, lon, lat);
      stmt = fid != 0 ? update : insert;
      sqlite3_bind_blob (stmt, 1, blob, sizeof blob, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
      text = field (&r, "title");
      if (text != NULL)
        sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 3);
      sqlite3_bind_int64 (stmt, 4, count);
      if (table == TABLE_NEED)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (opened);
          g_autofree char *iso = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");

          sqlite3_bind_int64 (stmt, 5, urgency);
          sqlite3_bind_text (stmt, 6, status, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 7, iso, -1, SQLITE_TRANSIENT);
        }
      else
        sqlite3_bind_text (stmt, 5, status, -1, SQLITE_STATIC);
      if (fid != 0)
        sqlite3_bind_int64 (stmt, 9, fid);
      else if (id != NULL)
        sqlite3_bind_text (stmt, 8, id, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 8);

      if (!stead_transaction_step (txn, stmt, error))
        {
          g_prefix_error (error, _("Line %llu: "), (unsigned long long) r.line);
          return FALSE;
        }
      sqlite3_clear_bindings (stmt);
      if (fid != 0)
        stead_import_context_updated (context, 1);
      else
        {
          bulk_index_add (bulk, sqlite3_last_insert_rowid (stead_workspace_get_db (workspace)), lon, lat);
          stead_import_context_added (context, 1);
        }
    }

  if (!bulk_index_finish (bulk, error))
    return FALSE;
  stead_import_context_progress (context, size, size);
  return TRUE;
}

static gboolean
run_needs (SteadImporter       *importer,
           SteadImportContext  *context,
           GError             **error)
{
  return import_features (importer, context, TABLE_NEED, error);
}

static gboolean
run_resources (SteadImporter       *importer,
               SteadImportContext  *context,
               GError             **error)
{
  return import_features (importer, context, TABLE_RESOURCE, error);
}

const SteadCoreImportFormat stead_import_needs_csv = {
  "needs-csv", N_("Needs (CSV)"), csv_extensions,
  need_fields, G_N_ELEMENTS (need_fields), run_needs,
};

const SteadCoreImportFormat stead_import_resources_csv = {
  "resources-csv", N_("Resources (CSV)"), csv_extensions,
  resource_fields, G_N_ELEMENTS (resource_fields), run_resources,
};

/* ------------------------------------------------------------------------ */
/* Export                                                                    */

static GHashTable *
personal_columns (SteadWorkspace *workspace,
                  const char     *table)
{
  GHashTable *columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = stead_workspace_prepare (workspace,
                                  "SELECT column_name FROM stead_personal_data WHERE table_name = ?", NULL);
  if (stmt == NULL)
    return columns;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  return columns;
}

/* Columns (names in the table) exported for a feature table; the geometry
 * comes out as longitude and latitude. */
static gboolean
export_features (SteadWorkspace            *workspace,
                 const char                *table,
                 const char * const        *columns,
                 GOutputStream             *stream,
                 const SteadExportOptions  *options,
                 GCancellable              *cancellable,
                 GError                   **error)
{
  g_autoptr(GHashTable) personal = personal_columns (workspace, table);
  g_autoptr(GString) sql = g_string_new ("SELECT geom");
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  guint64 n = 0;

  for (guint i = 0; columns[i] != NULL; i++)
    {
      if (!options->include_personal && g_hash_table_contains (personal, columns[i]))
        continue;
      g_ptr_array_add (kept, (gpointer) columns[i]);
      g_string_append_printf (sql, ", \"%s\"", columns[i]);
    }
  /* Table and column names come from this file, never from input. */
  g_string_append_printf (sql, " FROM \"%s\" ORDER BY fid", table);

  stmt = stead_workspace_prepare (workspace, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < kept->len; i++)
    {
      stead_csv_append_field (out, g_ptr_array_index (kept, i));
      g_string_append_c (out, ',');
    }
  g_string_append (out, "longitude,latitude\r\n");

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double x, y;

      for (guint i = 0; i < kept->len; i++)
        {
          stead_csv_append_field (out, (const char *) sqlite3_column_text (stmt, i + 1));
          g_string_append_c (out, ',');
        }
      if (stead_gpkg_blob_get_point (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), &x, &y))
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.6f", x));
          g_string_append_c (out, ',');
          g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.6f", y));
        }
      else
        g_string_append_c (out, ',');
      g_string_append (out, "\r\n");

      if (out->len > 1 << 16)
        {
          if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
            return FALSE;
          g_string_truncate (out, 0);
        }
      if ((++n & 1023) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }

  return g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error);
}

static gboolean
export_needs (SteadExporter            *exporter,
              SteadWorkspace           *workspace,
              GOutputStream            *stream,
              const SteadExportOptions *options,
              GCancellable             *cancellable,
              GError                  **error)
{
  static const char * const columns[] = {
    "fid", "source_id", "kind", "title", "people", "urgency", "status", "opened", "closed", "owner", NULL
  };

  return export_features (workspace, "need", columns, stream, options, cancellable, error);
}

static gboolean
export_resources (SteadExporter            *exporter,
                  SteadWorkspace           *workspace,
                  GOutputStream            *stream,
                  const SteadExportOptions *options,
                  GCancellable             *cancellable,
                  GError                  **error)
{
  static const char * const columns[] = {
    "fid", "source_id", "kind", "title", "capacity", "availability", "owner", NULL
  };

  return export_features (workspace, "resource", columns, stream, options, cancellable, error);
}

static const char * const csv_only[] = { "csv", NULL };

const SteadCoreExportFormat stead_export_needs_csv = {
  "needs-csv", N_("Needs (CSV)"), csv_only, export_needs,
};

const SteadCoreExportFormat stead_export_resources_csv = {
  "resources-csv", N_("Resources (CSV)"), csv_only, export_resources,
};
