/* stead-import-postcodes.c: the offline postcode directory
 *
 * Reads the ONS Postcode Directory and the National Statistics Postcode
 * Lookup (CSV with a header: the older names pcd/pcds, oseast1m, osnrth1m,
 * osgrdind and the 2025 names pcd7/pcd8, east1m, north1m, gridind, matched
 * by name) and OS Code-Point Open (CSV without a header: postcode, quality,
 * eastings, northings, …). Merges by default: live postcodes (no
 * termination date, optionally only those inside one area) are added or
 * moved to their new position, and those the file says are terminated
 * are removed; `--option replace=yes` replaces the whole directory
 * instead. Then every importer can geocode by postcode with no network.
 *
 * 2.6 million rows of 53 columns: one thread reads and checks the file,
 * the other writes a batch of 16,384 postcodes at a time, each batch in
 * a few statements over the virtual table stead_postcode_batch(): each
 * postcode is looked up once, then only what changes is written. A batch
 * that names a postcode twice is written a row at a time, in order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stead-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "stead-import-context-private.h"
#include "stead-import-formats-private.h"
#include "stead-proj.h"
#include "stead-workspace.h"
#include "stead-workspace-private.h"

/* Only for the stead_import_postcodes_column map's benefit (the directory's own names are
 * matched first); none is required, since Code-Point has no header. */
static const SteadImportField postcode_fields[] = {
  { "postcode", "pcds;pcd;pcd7;pcd8;pcd2;post code", "#loc +postcode", FALSE },
  { "terminated", "doterm;date of termination", NULL, FALSE },
  { "latitude", "lat", "#geo +lat", FALSE },
  { "longitude", "long;lon;lng", "#geo +lon", FALSE },
  { "easting", "oseast1m;east1m;eastings", NULL, FALSE },
  { "northing", "osnrth1m;north1m;northings", NULL, FALSE },
  { "grid-quality", "osgrdind;gridind", NULL, FALSE },
};

static const char * const extensions[] = { "csv", NULL };

#define ATTRIBUTION_ONS \
  "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. " \
  "Contains OS data © Crown copyright and database right %d."
#define ATTRIBUTION_OS \
  "Contains OS data © Crown copyright and database right %d. " \
  "Licensed under the Open Government Licence v.3.0."

typedef enum
{
  LAYOUT_DIRECTORY,   /* ONSPD or NSPL, with a header */
  LAYOUT_CODE_POINT,  /* Code-Point Open, no header */
} Layout;

static gboolean
stead_import_postcodes_looks_numeric (const char *text)
{
  double v;

  return text != NULL && stead_parse_double (text, &v);
}

static const char *
stead_import_postcodes_column (const char * const *row,
                               guint               n_row,
                               int                 index)
{
  if (index < 0 || (guint) index >= n_row)
    return NULL;
  return row[index];
}

#define BATCH_SIZE 16384
#define N_BATCHES 4
/* The postcodes of a batch, to see one named twice: open addressing, at
 * most half full. */
#define SEEN_BITS 15
#define SEEN_SLOTS (1u << SEEN_BITS)

/* What merging an entry into the directory does, once looked up. */
typedef enum
{
  ACTION_NONE,     /* it is there as it is, or terminated and not there */
  ACTION_ADD,
  ACTION_MOVE,
  ACTION_REMOVE,
} Action;

typedef struct
{
  char     postcode[STEAD_POSTCODE_KEY_SIZE];   /* NUL-padded */
  gboolean terminated;   /* merging: remove it */
  Action   action;
  double   lon;
  double   lat;
} Entry;

typedef struct
{
  guint64  line;
  guint64  index;
  char   **row;
  char    *reason;
} PendingReject;

typedef struct
{
  GArray    *entries;    /* Entry */
  GPtrArray *rejects;    /* PendingReject */
  guint      n_terminated;
  gboolean   repeats;    /* a postcode is in it twice: the order of its rows matters */
  guint64    skipped;
  guint64    bytes_read;
  GError    *error;
  gboolean   last;
} Batch;

static void
stead_import_postcodes_pending_reject_free (PendingReject *r)
{
  g_strfreev (r->row);
  g_free (r->reason);
  g_free (r);
}

static Batch *
stead_import_postcodes_batch_new (void)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), BATCH_SIZE);
  batch->rejects =
    g_ptr_array_new_with_free_func ((GDestroyNotify) stead_import_postcodes_pending_reject_free);
  return batch;
}

static void
stead_import_postcodes_batch_reset (Batch *batch)
{
  g_array_set_size (batch->entries, 0);
  g_ptr_array_set_size (batch->rejects, 0);
  batch->n_terminated = 0;
  batch->repeats = FALSE;
  batch->skipped = 0;
  g_clear_error (&batch->error);
  batch->last = FALSE;
}

static void
stead_import_postcodes_batch_free (Batch *batch)
{
  stead_import_postcodes_batch_reset (batch);
  g_array_unref (batch->entries);
  g_ptr_array_unref (batch->rejects);
  g_free (batch);
}

typedef struct
{
  SteadImportContext *context;
  SteadCsvReader     *reader;
  GCancellable       *cancellable;
  gboolean            header_is_data;
  const char * const *header;
  int                 c_postcode, c_term, c_grid, c_lat, c_lon, c_east, c_north;
  SteadProj          *proj;
  GAsyncQueue        *full;
  GAsyncQueue        *empty;
  GThread            *thread;
  int                 stop;
  gboolean            merge;
  guint64            *seen;          /* merging: the batch's postcodes, SEEN_SLOTS */
} Producer;

/* What the writer does with each batch, and counts. */
typedef struct
{
  /* A batch at a time, over stead_postcode_batch(). */
  sqlite3_stmt *batch_replace;  /* replacing: INSERT OR REPLACE */
  sqlite3_stmt *batch_look;     /* merging: each postcode's Action */
  sqlite3_stmt *batch_add;      /* then those of each Action */
  sqlite3_stmt *batch_move;
  sqlite3_stmt *batch_remove;
  /* A batch that names a postcode twice: a row at a time. */
  sqlite3_stmt *insert;
  sqlite3_stmt *update;
  sqlite3_stmt *remove;
  guint64       added;
  guint64       updated;
  guint64       removed;
  guint64       unchanged;
} Writer;

/* ------------------------------------------------------------------------ */
/* stead_postcode_batch(?): the entries of the batch bound to ? with
 * sqlite3_bind_pointer(), in order, as a table. */

#define BATCH_POINTER "stead-postcode-batch"

enum
{
  BATCH_COLUMN_POSTCODE,
  BATCH_COLUMN_LON,
  BATCH_COLUMN_LAT,
  BATCH_COLUMN_TERMINATED,
  BATCH_COLUMN_ACTION,
  BATCH_COLUMN_ENTRIES,   /* hidden: the argument */
};

typedef struct
{
  sqlite3_vtab_cursor  base;
  GArray              *entries;
  guint                index;
} BatchCursor;

static int
stead_import_postcodes_vtab_connect (sqlite3             *db,
                                     void                *aux,
                                     int                  argc,
                                     const char * const  *argv,
                                     sqlite3_vtab       **vtab,
                                     char               **err)
{
  int rc = sqlite3_declare_vtab (db, "CREATE TABLE x (postcode TEXT, lon REAL, lat REAL, "
                                     "terminated INTEGER, action INTEGER, entries HIDDEN)");

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_vtab_config (db, SQLITE_VTAB_DIRECTONLY);
  *vtab = sqlite3_malloc (sizeof (sqlite3_vtab));
  if (*vtab == NULL)
    return SQLITE_NOMEM;
  memset (*vtab, 0, sizeof (sqlite3_vtab));
  return SQLITE_OK;
}

static int
stead_import_postcodes_vtab_disconnect (sqlite3_vtab *vtab)
{
  sqlite3_free (vtab);
  return SQLITE_OK;
}

/* Only with its argument: stead_postcode_batch(?). */
static int
stead_import_postcodes_vtab_best_index (sqlite3_vtab       *vtab,
                                        sqlite3_index_info *info)
{
  for (int i = 0; i < info->nConstraint; i++)
    if (info->aConstraint[i].iColumn == BATCH_COLUMN_ENTRIES &&
        info->aConstraint[i].op == SQLITE_INDEX_CONSTRAINT_EQ)
      {
        if (!info->aConstraint[i].usable)
          return SQLITE_CONSTRAINT;
        info->aConstraintUsage[i].argvIndex = 1;
        info->aConstraintUsage[i].omit = 1;
        info->estimatedCost = BATCH_SIZE;
        info->estimatedRows = BATCH_SIZE;
        return SQLITE_OK;
      }
  return SQLITE_CONSTRAINT;
}

static int
stead_import_postcodes_vtab_open (sqlite3_vtab         *vtab,
                                  sqlite3_vtab_cursor **cursor)
{
  BatchCursor *c = sqlite3_malloc (sizeof (BatchCursor));

  if (c == NULL)
    return SQLITE_NOMEM;
  memset (c, 0, sizeof (BatchCursor));
  *cursor = &c->base;
  return SQLITE_OK;
}

static int
stead_import_postcodes_vtab_close (sqlite3_vtab_cursor *cursor)
{
  sqlite3_free (cursor);
  return SQLITE_OK;
}

static int
stead_import_postcodes_vtab_filter (sqlite3_vtab_cursor  *cursor,
                                    int                   index_number,
                                    const char           *index_string,
                                    int                   argc,
                                    sqlite3_value       **argv)
{
  BatchCursor *c = (BatchCursor *) cursor;

  c->entries = argc > 0 ? sqlite3_value_pointer (argv[0], BATCH_POINTER) : NULL;
  c->index = 0;
  return SQLITE_OK;
}

static int
stead_import_postcodes_vtab_next (sqlite3_vtab_cursor *cursor)
{
  ((BatchCursor *) cursor)->index++;
  return SQLITE_OK;
}

static int
stead_import_postcodes_vtab_eof (sqlite3_vtab_cursor *cursor)
{
  BatchCursor *c = (BatchCursor *) cursor;

  return c->entries == NULL || c->index >= c->entries->len;
}

static int
stead_import_postcodes_vtab_column (sqlite3_vtab_cursor *cursor,
                                    sqlite3_context     *context,
                                    int                  column)
{
  BatchCursor *c = (BatchCursor *) cursor;
  const Entry *e = &g_array_index (c->entries, Entry, c->index);

  switch (column)
    {
    case BATCH_COLUMN_POSTCODE:
      sqlite3_result_text (context, e->postcode, -1, SQLITE_STATIC);
      break;
    case BATCH_COLUMN_LON:
      sqlite3_result_double (context, e->lon);
      break;
    case BATCH_COLUMN_LAT:
      sqlite3_result_double (context, e->lat);
      break;
    case BATCH_COLUMN_TERMINATED:
      sqlite3_result_int (context, e->terminated);
      break;
    case BATCH_COLUMN_ACTION:
      sqlite3_result_int (context, e->action);
      break;
    default:
      sqlite3_result_null (context);
      break;
    }
  return SQLITE_OK;
}

static int
stead_import_postcodes_vtab_rowid (sqlite3_vtab_cursor *cursor,
                                   sqlite3_int64       *rowid)
{
  *rowid = ((BatchCursor *) cursor)->index;
  return SQLITE_OK;
}

/* Eponymous only: there is no CREATE VIRTUAL TABLE for it. */
static const sqlite3_module stead_import_postcodes_vtab = {
  .xConnect = stead_import_postcodes_vtab_connect,
  .xBestIndex = stead_import_postcodes_vtab_best_index,
  .xDisconnect = stead_import_postcodes_vtab_disconnect,
  .xOpen = stead_import_postcodes_vtab_open,
  .xClose = stead_import_postcodes_vtab_close,
  .xFilter = stead_import_postcodes_vtab_filter,
  .xNext = stead_import_postcodes_vtab_next,
  .xEof = stead_import_postcodes_vtab_eof,
  .xColumn = stead_import_postcodes_vtab_column,
  .xRowid = stead_import_postcodes_vtab_rowid,
};

/* stead_postcode_batch_look(batch, index, lon, lat): sets the Action of
 * entry @index of @batch from its position in the directory (NULL: not
 * there); 1 if it changes something. */
static void
stead_import_postcodes_look (sqlite3_context  *context,
                             int               argc,
                             sqlite3_value   **argv)
{
  GArray *entries = sqlite3_value_pointer (argv[0], BATCH_POINTER);
  sqlite3_int64 index = sqlite3_value_int64 (argv[1]);
  gboolean found = sqlite3_value_type (argv[2]) != SQLITE_NULL;
  Entry *e;

  if (entries == NULL || index < 0 || index >= entries->len)
    {
      sqlite3_result_error (context, "stead_postcode_batch_look: no such entry", -1);
      return;
    }
  e = &g_array_index (entries, Entry, index);
  if (e->terminated)
    e->action = found ? ACTION_REMOVE : ACTION_NONE;
  else if (!found)
    e->action = ACTION_ADD;
  else if (sqlite3_value_double (argv[2]) != e->lon || sqlite3_value_double (argv[3]) != e->lat)
    e->action = ACTION_MOVE;
  else
    e->action = ACTION_NONE;
  sqlite3_result_int (context, e->action != ACTION_NONE);
}

/* ------------------------------------------------------------------------ */

static void
stead_import_postcodes_add_reject (Batch              *batch,
                                   guint64             line,
                                   guint64             index,
                                   const char * const *row,
                                   guint               n_row,
                                   char               *reason)
{
  PendingReject *r = g_new0 (PendingReject, 1);

  r->line = line;
  r->index = index;
  r->row = g_new0 (char *, n_row + 1);
  for (guint i = 0; i < n_row; i++)
    r->row[i] = g_strdup (row[i]);
  r->reason = reason;
  g_ptr_array_add (batch->rejects, r);
}

/* Merging: whether @postcode is in the batch already (then the batch is
 * written a row at a time, in order); adds it. */
static gboolean
stead_import_postcodes_seen (Producer   *p,
                             const char *postcode)
{
  guint64 key;
  guint slot;

  memcpy (&key, postcode, sizeof key);
  slot = (guint) ((key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> (64 - SEEN_BITS));
  while (p->seen[slot] != 0)
    {
      if (p->seen[slot] == key)
        return TRUE;
      slot = (slot + 1) & (SEEN_SLOTS - 1);
    }
  p->seen[slot] = key;
  return FALSE;
}

/* Adds an entry for @postcode to @batch. */
static Entry *
stead_import_postcodes_add_entry (Producer   *p,
                                  Batch      *batch,
                                  const char *postcode)
{
  Entry *entry;

  G_STATIC_ASSERT (sizeof entry->postcode == sizeof (guint64));
  if (p->merge && stead_import_postcodes_seen (p, postcode))
    batch->repeats = TRUE;
  g_array_set_size (batch->entries, batch->entries->len + 1);
  entry = &g_array_index (batch->entries, Entry, batch->entries->len - 1);
  memcpy (entry->postcode, postcode, sizeof entry->postcode);
  entry->action = ACTION_NONE;
  return entry;
}

/* One row into the batch: an entry, a skip or a reject. */
static void
stead_import_postcodes_produce_row (Producer           *p,
                                    Batch              *batch,
                                    const char * const *row,
                                    guint               n_row,
                                    guint64             line,
                                    guint64             index)
{
  char postcode[STEAD_POSTCODE_KEY_SIZE] = { 0 };
  const char *text;
  double lon, lat;
  Entry *entry;

  if (stead_csv_reader_get_undecodable (p->reader) > 0)
    {
      stead_import_postcodes_add_reject (batch, line, index, row, n_row,
                                         g_strdup_printf (_("column %u holds bytes that are "
                                                            "neither UTF-8 nor Windows-1252 text"),
                                                          stead_csv_reader_get_undecodable (
                                                            p->reader)));
      return;
    }
  text = stead_import_postcodes_column (row, n_row, p->c_postcode);
  if (!stead_postcode_normalize_to (text, postcode))
    {
      stead_import_postcodes_add_reject (batch, line, index, row, n_row,
                  g_strdup_printf (_("“%s” is not a UK postcode"), text ? text : ""));
      return;
    }

  /* Terminated postcodes are history, not addresses: merging removes them. */
  text = stead_import_postcodes_column (row, n_row, p->c_term);
  if (text != NULL && text[0] != '\0')
    {
      if (!p->merge)
        {
          batch->skipped++;
          return;
        }
      entry = stead_import_postcodes_add_entry (p, batch, postcode);
      entry->terminated = TRUE;
      entry->lon = entry->lat = 0;
      batch->n_terminated++;
      return;
    }
  /* Grid reference quality 9: no grid reference. */
  text = stead_import_postcodes_column (row, n_row, p->c_grid);
  if (text != NULL && g_str_equal (text, "9"))
    {
      batch->skipped++;
      return;
    }

  if (p->proj == NULL)
    {
      const char *lat_text = stead_import_postcodes_column (row, n_row, p->c_lat);
      const char *lon_text = stead_import_postcodes_column (row, n_row, p->c_lon);

      if (!stead_parse_double (lat_text ? lat_text : "", &lat) ||
          !stead_parse_double (lon_text ? lon_text : "", &lon))
        {
          stead_import_postcodes_add_reject (batch, line, index, row, n_row,
                      g_strdup_printf (_("postcode %s: lat and long are not numbers"), postcode));
          return;
        }
      /* The directory writes 99.999999, 0 for postcodes with no position. */
      if (lat > 90 || lat < -90 || lon < -180 || lon > 180)
        {
          batch->skipped++;
          return;
        }
    }
  else
    {
      const char *e_text = stead_import_postcodes_column (row, n_row, p->c_east);
      const char *n_text = stead_import_postcodes_column (row, n_row, p->c_north);
      double e, n;

      if (!stead_parse_double (e_text ? e_text : "", &e) ||
          !stead_parse_double (n_text ? n_text : "", &n) ||
          e < 0 || e > 800000 || n < 0 || n > 1400000)
        {
          stead_import_postcodes_add_reject (batch, line, index, row, n_row,
                                             g_strdup_printf (_("postcode %s: eastings and "
                                                                 "northings are not a British "
                                                                 "National Grid position"),
                                                              postcode));
          return;
        }
      if (e == 0 && n == 0)
        {
          batch->skipped++;
          return;
        }
      if (!stead_proj_to_wgs84 (p->proj, e, n, &lon, &lat))
        {
          stead_import_postcodes_add_reject (
            batch, line, index, row, n_row,
            g_strdup_printf (_("postcode %s: cannot convert its grid reference"), postcode));
          return;
        }
    }

  if (!stead_import_context_is_within (p->context, lon, lat))
    {
      batch->skipped++;
      return;
    }

  entry = stead_import_postcodes_add_entry (p, batch, postcode);
  entry->terminated = FALSE;
  entry->lon = lon;
  entry->lat = lat;
}

static gpointer
stead_import_postcodes_produce (gpointer data)
{
  Producer *p = data;
  guint64 index = 0;
  gboolean last = FALSE;

  while (!last)
    {
      Batch *batch = g_async_queue_pop (p->empty);

      if (p->merge)
        memset (p->seen, 0, SEEN_SLOTS * sizeof (guint64));
      while (batch->entries->len < BATCH_SIZE && batch->rejects->len < BATCH_SIZE)
        {
          const char * const *row;
          guint n_row;
          guint64 line;

          if (g_atomic_int_get (&p->stop))
            {
              last = TRUE;
              break;
            }
          if (p->header_is_data)
            {
              row = p->header;
              n_row = g_strv_length ((char **) p->header);
              line = 1;
              p->header_is_data = FALSE;
            }
          else if (!stead_csv_reader_next_fields (p->reader, &row, &n_row, &line, p->cancellable,
                                                  &batch->error))
            {
              last = TRUE;
              break;
            }
          stead_import_postcodes_produce_row (p, batch, row, n_row, line, ++index);
        }
      batch->bytes_read = stead_csv_reader_get_bytes_read (p->reader);
      batch->last = last;
      g_async_queue_push (p->full, batch);
    }
  return NULL;
}

/* Which columns hold what: a directory's header, or Code-Point Open,
 * whose first line is already a postcode. */
static gboolean
stead_import_postcodes_columns (Producer        *producer,
                                SteadColumnMap  *map,
                                Layout          *layout,
                                GError         **error)
{
  const char * const *header = producer->header;

  producer->c_postcode = stead_column_map_get_column (map, "postcode");
  producer->c_term = stead_column_map_get_column (map, "terminated");
  producer->c_lat = stead_column_map_get_column (map, "latitude");
  producer->c_lon = stead_column_map_get_column (map, "longitude");
  producer->c_east = stead_column_map_get_column (map, "easting");
  producer->c_north = stead_column_map_get_column (map, "northing");
  producer->c_grid = stead_column_map_get_column (map, "grid-quality");
  *layout = LAYOUT_DIRECTORY;

  if (producer->c_postcode < 0 && g_strv_length ((char **) header) >= 4)
    {
      g_autofree char *pc = stead_postcode_normalize (header[0]);

      if (pc != NULL && stead_import_postcodes_looks_numeric (header[2]) &&
          stead_import_postcodes_looks_numeric (header[3]))
        {
          *layout = LAYOUT_CODE_POINT;
          producer->c_postcode = 0;
          producer->c_east = 2;
          producer->c_north = 3;
          producer->c_lat = producer->c_lon = producer->c_term = producer->c_grid = -1;
          producer->header_is_data = TRUE;
        }
    }

  if (producer->c_postcode < 0)
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   _("This is not a postcode directory: no postcode column (pcds, pcd, pcd7) "
                     "and not Code-Point Open"));
      return FALSE;
    }
  if ((producer->c_lat < 0 || producer->c_lon < 0) &&
      (producer->c_east < 0 || producer->c_north < 0))
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_FORMAT,
                   _("This postcode directory has no positions: neither lat and long "
                     "nor eastings and northings (oseast1m/osnrth1m or east1m/north1m)"));
      return FALSE;
    }
  if (producer->c_lat < 0 || producer->c_lon < 0)
    {
      producer->proj = stead_proj_new ("EPSG:27700", error);
      if (producer->proj == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
stead_import_postcodes_step (SteadTransaction  *txn,
                             sqlite3_stmt      *stmt,
                             guint64           *changed,
                             GError           **error)
{
  if (!stead_transaction_step (txn, stmt, error))
    return FALSE;
  if (changed != NULL)
    *changed = sqlite3_changes (sqlite3_db_handle (stmt));
  return TRUE;
}

/* Merging one entry: an insert of a new postcode, else its new position
 * if it moved, or the removal of a terminated one. */
static gboolean
stead_import_postcodes_write_entry (SteadTransaction  *txn,
                                    Writer            *w,
                                    const Entry       *e,
                                    GError           **error)
{
  guint64 changed = 0;

  if (e->terminated)
    {
      sqlite3_bind_text (w->remove, 1, e->postcode, -1, SQLITE_STATIC);
      if (!stead_import_postcodes_step (txn, w->remove, &changed, error))
        return FALSE;
      w->removed += changed;
      w->unchanged += 1 - changed;
      return TRUE;
    }

  sqlite3_bind_text (w->insert, 1, e->postcode, -1, SQLITE_STATIC);
  sqlite3_bind_double (w->insert, 2, e->lon);
  sqlite3_bind_double (w->insert, 3, e->lat);
  if (!stead_import_postcodes_step (txn, w->insert, &changed, error))
    return FALSE;
  w->added += changed;
  if (changed > 0)
    return TRUE;

  sqlite3_bind_text (w->update, 1, e->postcode, -1, SQLITE_STATIC);
  sqlite3_bind_double (w->update, 2, e->lon);
  sqlite3_bind_double (w->update, 3, e->lat);
  if (!stead_import_postcodes_step (txn, w->update, &changed, error))
    return FALSE;
  w->updated += changed;
  w->unchanged += 1 - changed;
  return TRUE;
}

/* One of the batch statements over the entries of @batch; how many rows
 * it changed into *@changed, if not %NULL. */
static gboolean
stead_import_postcodes_step_batch (SteadTransaction  *txn,
                                   sqlite3_stmt      *stmt,
                                   Batch             *batch,
                                   guint64           *changed,
                                   GError           **error)
{
  sqlite3_bind_pointer (stmt, 1, batch->entries, BATCH_POINTER, NULL);
  return stead_import_postcodes_step (txn, stmt, changed, error);
}

/* A batch in which each postcode is once, as a whole: the same changes
 * and counts as a row at a time, in a few statements. Replacing, every
 * entry is live and new; merging, each postcode is looked up once, then
 * only those that change are written. */
static gboolean
stead_import_postcodes_write_batch (SteadTransaction  *txn,
                                    Writer            *w,
                                    Batch             *batch,
                                    GError           **error)
{
  guint64 counts[ACTION_REMOVE + 1] = { 0 };
  guint64 added = 0, updated = 0, removed = 0;

  if (w->batch_replace != NULL)
    {
      if (!stead_import_postcodes_step_batch (txn, w->batch_replace, batch, &added, error))
        return FALSE;
      w->added += added;
      return TRUE;
    }

  if (!stead_import_postcodes_step_batch (txn, w->batch_look, batch, NULL, error))
    return FALSE;
  for (guint i = 0; i < batch->entries->len; i++)
    counts[g_array_index (batch->entries, Entry, i).action]++;
  if (counts[ACTION_ADD] > 0 &&
      !stead_import_postcodes_step_batch (txn, w->batch_add, batch, &added, error))
    return FALSE;
  if (counts[ACTION_MOVE] > 0 &&
      !stead_import_postcodes_step_batch (txn, w->batch_move, batch, &updated, error))
    return FALSE;
  if (counts[ACTION_REMOVE] > 0 &&
      !stead_import_postcodes_step_batch (txn, w->batch_remove, batch, &removed, error))
    return FALSE;
  g_assert (added == counts[ACTION_ADD] && updated == counts[ACTION_MOVE] &&
            removed == counts[ACTION_REMOVE]);
  w->added += added;
  w->updated += updated;
  w->removed += removed;
  w->unchanged += counts[ACTION_NONE];
  return TRUE;
}

/* Writes one batch the reading thread produced; FALSE stops the import. */
static gboolean
stead_import_postcodes_write (Producer      *producer,
                              Batch         *batch,
                              Writer        *writer,
                              GError       **error)
{
  SteadImportContext *context = producer->context;
  SteadTransaction *txn = stead_import_context_get_transaction (context);

  for (guint i = 0; i < batch->rejects->len; i++)
    {
      PendingReject *r = g_ptr_array_index (batch->rejects, i);

      stead_import_context_reject (context, r->line, r->index, (const char * const *) r->row,
                                   g_strv_length (r->row), "%s", r->reason);
    }
  stead_import_context_skipped (context, batch->skipped);
  if (batch->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&batch->error));
      return FALSE;
    }
  if (!batch->repeats)
    {
      if (!stead_import_postcodes_write_batch (txn, writer, batch, error))
        return FALSE;
    }
  else
    for (guint i = 0; i < batch->entries->len; i++)
      if (!stead_import_postcodes_write_entry (txn, writer,
                                               &g_array_index (batch->entries, Entry, i), error))
        return FALSE;
  return stead_import_context_check_cancelled (context, error);
}

/* Reading and checking on one core, writing on the other. */
static gboolean
stead_import_postcodes_pump (Producer      *producer,
                             Writer        *writer,
                             goffset        size,
                             GError       **error)
{
  gboolean ok = TRUE;
  gboolean last = FALSE;

  producer->full = g_async_queue_new ();
  producer->empty = g_async_queue_new ();
  for (guint i = 0; i < N_BATCHES; i++)
    g_async_queue_push (producer->empty, stead_import_postcodes_batch_new ());
  producer->thread = g_thread_new ("stead-postcodes", stead_import_postcodes_produce, producer);

  while (!last)
    {
      Batch *batch = g_async_queue_pop (producer->full);

      last = batch->last;
      if (ok)
        {
          ok = stead_import_postcodes_write (producer, batch, writer, error);
          stead_import_context_progress (producer->context, batch->bytes_read, size);
          if (!ok)
            g_atomic_int_set (&producer->stop, 1);
        }
      stead_import_postcodes_batch_reset (batch);
      g_async_queue_push (producer->empty, batch);
    }

  g_thread_join (producer->thread);
  while (g_async_queue_length (producer->empty) > 0)
    stead_import_postcodes_batch_free (g_async_queue_pop (producer->empty));
  g_async_queue_unref (producer->full);
  g_async_queue_unref (producer->empty);
  return ok;
}

/* Replacing: the whole directory goes first, and the dry run says how
 * much of it. */
static gboolean
stead_import_postcodes_clear (SteadImportContext  *context,
                              GError             **error)
{
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  gint64 replaced = stead_transaction_run (txn, "DELETE FROM stead_postcode", NULL, 0, error);
  g_autofree char *count = NULL;

  if (replaced < 0)
    return FALSE;
  count = stead_format_count (replaced);
  stead_transaction_note_bulk (txn, "stead_postcode", SQLITE_DELETE, replaced);
  stead_import_context_removed (context, replaced);
  stead_import_context_warn (context,
                             g_dngettext (GETTEXT_PACKAGE,
                                          "Replaces the whole directory (%s postcode)",
                                          "Replaces the whole directory (%s postcodes)",
                                          replaced),
                             count);
  return TRUE;
}

static void
stead_import_postcodes_writer_clear (Writer *w)
{
  g_clear_pointer (&w->batch_replace, sqlite3_finalize);
  g_clear_pointer (&w->batch_look, sqlite3_finalize);
  g_clear_pointer (&w->batch_add, sqlite3_finalize);
  g_clear_pointer (&w->batch_move, sqlite3_finalize);
  g_clear_pointer (&w->batch_remove, sqlite3_finalize);
  g_clear_pointer (&w->insert, sqlite3_finalize);
  g_clear_pointer (&w->update, sqlite3_finalize);
  g_clear_pointer (&w->remove, sqlite3_finalize);
}

/* The writer's statements: replacing, one that inserts a batch; merging,
 * those that look up, add, move and remove the postcodes of a batch, and
 * those that do it a row at a time. */
static gboolean
stead_import_postcodes_prepare (SteadTransaction  *txn,
                                gboolean           replacing,
                                Writer            *w,
                                GError           **error)
{
  static const struct
  {
    gsize       offset;
    const char *sql;
  } merging[] = {
    { G_STRUCT_OFFSET (Writer, batch_look),
      "SELECT sum (stead_postcode_batch_look (?1, b.rowid, p.lon, p.lat)) "
      "FROM stead_postcode_batch (?1) AS b LEFT JOIN stead_postcode AS p USING (postcode)" },
    { G_STRUCT_OFFSET (Writer, batch_add),
      "INSERT INTO stead_postcode (postcode, lon, lat) "
      "SELECT postcode, lon, lat FROM stead_postcode_batch (?) WHERE action = 1" },
    { G_STRUCT_OFFSET (Writer, batch_move),
      "UPDATE stead_postcode AS p SET lon = b.lon, lat = b.lat "
      "FROM stead_postcode_batch (?) AS b WHERE b.action = 2 AND p.postcode = b.postcode" },
    { G_STRUCT_OFFSET (Writer, batch_remove),
      "DELETE FROM stead_postcode WHERE postcode IN "
      "(SELECT postcode FROM stead_postcode_batch (?) WHERE action = 3)" },
    { G_STRUCT_OFFSET (Writer, insert),
      "INSERT INTO stead_postcode (postcode, lon, lat) VALUES (?1, ?2, ?3) "
      "ON CONFLICT DO NOTHING" },
    { G_STRUCT_OFFSET (Writer, update),
      "UPDATE stead_postcode SET lon = ?2, lat = ?3 "
      "WHERE postcode = ?1 AND (lon, lat) IS NOT (?2, ?3)" },
    { G_STRUCT_OFFSET (Writer, remove), "DELETE FROM stead_postcode WHERE postcode = ?" },
  };
  sqlite3 *db = stead_workspace_get_db (stead_transaction_get_workspace (txn));
  int rc;

  G_STATIC_ASSERT (ACTION_ADD == 1 && ACTION_MOVE == 2 && ACTION_REMOVE == 3);
  rc = sqlite3_create_module (db, "stead_postcode_batch", &stead_import_postcodes_vtab, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "stead_postcode_batch_look", 4,
                                  SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL,
                                  stead_import_postcodes_look, NULL, NULL);
  if (rc != SQLITE_OK)
    return stead_sqlite_set_error (error, db, rc, _("Could not save the change"));

  if (replacing)
    return (w->batch_replace = stead_transaction_prepare (
              txn,
              "INSERT OR REPLACE INTO stead_postcode (postcode, lon, lat) "
              "SELECT postcode, lon, lat FROM stead_postcode_batch (?)",
              error)) != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (merging); i++)
    {
      sqlite3_stmt **stmt = G_STRUCT_MEMBER_P (w, merging[i].offset);

      *stmt = stead_transaction_prepare (txn, merging[i].sql, error);
      if (*stmt == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
stead_import_postcodes_run_postcodes (SteadImportContext  *context,
                                      GError             **error)
{
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  const char *replace = stead_import_context_get_option (context, "replace");
  g_autoptr(SteadCsvReader) reader = NULL;
  g_autoptr(SteadColumnMap) map = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *attribution = NULL;
  g_autofree char *now_iso = stead_datetime_format (now);
  Producer producer = { 0 };
  Writer writer = { 0 };
  gboolean replacing = FALSE;
  Layout layout;
  goffset size;
  gboolean ok;

  if (replace != NULL && !stead_parse_bool (replace, &replacing))
    {
      g_set_error (error, STEAD_IMPORT_ERROR, STEAD_IMPORT_ERROR_OPTION,
                   _("replace takes yes or no, not “%s”"), replace);
      return FALSE;
    }
  reader = stead_import_context_open_csv (context, &map, error);
  if (reader == NULL)
    return FALSE;
  info = g_file_query_info (stead_import_context_get_file (context), G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  size = info != NULL ? g_file_info_get_size (info) : 0;

  producer.context = context;
  producer.reader = reader;
  producer.cancellable = stead_import_context_get_cancellable (context);
  producer.header = stead_csv_reader_get_header (reader);
  producer.merge = !replacing;
  if (!stead_import_postcodes_columns (&producer, map, &layout, error))
    {
      g_clear_pointer (&producer.proj, stead_proj_free);
      return FALSE;
    }

  ok = !replacing || stead_import_postcodes_clear (context, error);
  if (ok)
    ok = stead_import_postcodes_prepare (txn, replacing, &writer, error);
  if (ok)
    {
      g_autofree guint64 *seen = producer.merge ? g_new (guint64, SEEN_SLOTS) : NULL;

      producer.seen = seen;
      /* Only stead_postcode is written, which the undo history does not keep. */
      stead_transaction_pause_session (txn, TRUE);
      ok = stead_import_postcodes_pump (&producer, &writer, size, error);
      stead_transaction_pause_session (txn, FALSE);
      producer.seen = NULL;
    }
  stead_import_postcodes_writer_clear (&writer);
  g_clear_pointer (&producer.proj, stead_proj_free);
  if (!ok)
    return FALSE;
  stead_import_context_note_csv (context, reader);

  /* Merging: a terminated postcode the directory did not have, or a live
   * one where it was, changes nothing. */
  stead_import_context_added (context, writer.added);
  stead_import_context_updated (context, writer.updated);
  stead_import_context_removed (context, writer.removed);
  stead_import_context_skipped (context, writer.unchanged);
  if (writer.unchanged > 0)
    {
      g_autofree char *count = stead_format_count (writer.unchanged);

      stead_import_context_warn (context,
                                 g_dngettext (GETTEXT_PACKAGE,
                                              "%s postcode is in the directory already, as it is "
                                              "(or was terminated before)",
                                              "%s postcodes are in the directory already, as they "
                                              "are (or were terminated before)",
                                              writer.unchanged),
                                 count);
    }
  stead_transaction_note_bulk (txn, "stead_postcode", SQLITE_INSERT, writer.added);
  stead_transaction_note_bulk (txn, "stead_postcode", SQLITE_UPDATE, writer.updated);
  stead_transaction_note_bulk (txn, "stead_postcode", SQLITE_DELETE, writer.removed);
  attribution = g_strdup_printf (layout == LAYOUT_CODE_POINT ? ATTRIBUTION_OS : ATTRIBUTION_ONS,
                                 g_date_time_get_year (now));
  if (stead_transaction_run (txn,
                             "INSERT OR REPLACE INTO stead_attribution (source, text, imported) "
                             "VALUES ('postcodes', ?, ?)",
                             STEAD_ARGS (STEAD_STRING (attribution), STEAD_STRING (now_iso)),
                             error) < 0)
    return FALSE;
  stead_transaction_note_bulk (txn, "stead_attribution", SQLITE_INSERT, 1);
  stead_import_context_progress (context, size, size);
  return TRUE;
}

static const SteadFormatOption stead_import_postcodes_options[] = {
  { "replace", N_("yes: replace the whole directory with this file; by default it is merged "
                  "(new postcodes added, moved ones updated, terminated ones removed)"),
    N_("Replace the whole directory"), STEAD_FIELD_BOOL },
  { NULL }
};

/* ONSPD and NSPL by their column names; Code-Point Open, which has no
 * header, by its first row: a postcode, then numbers. */
static guint
stead_import_postcodes_detect (const SteadImportSample *sample)
{
  const char * const *h = sample->header;

  if (sample->content != STEAD_IMPORT_CONTENT_TEXT || h == NULL)
    return 0;
  if ((stead_import_sample_has_column (sample, "pcd") ||
       stead_import_sample_has_column (sample, "pcds") ||
       stead_import_sample_has_column (sample, "pcd7") ||
       stead_import_sample_has_column (sample, "pcd8")) &&
      ((stead_import_sample_has_column (sample, "lat") &&
        stead_import_sample_has_column (sample, "long")) ||
       stead_import_sample_has_column (sample, "oseast1m")))
    return STEAD_IMPORT_FITS_SURELY;
  if (h[0] != NULL && h[1] != NULL && h[2] != NULL && h[3] != NULL)
    {
      g_autofree char *postcode = stead_postcode_normalize (h[0]);

      if (postcode != NULL && stead_import_postcodes_looks_numeric (h[1]) &&
          stead_import_postcodes_looks_numeric (h[2]) &&
          stead_import_postcodes_looks_numeric (h[3]))
        return STEAD_IMPORT_FITS_SURELY / 2;
    }
  return 0;
}

const SteadImportFormat stead_import_postcodes = {
  .id = "postcodes",
  .title = N_("Postcode directory (ONSPD, NSPL, Code-Point Open)"),
  .extensions = extensions,
  .fields = postcode_fields,
  .n_fields = G_N_ELEMENTS (postcode_fields),
  .options = stead_import_postcodes_options,
  .run = stead_import_postcodes_run_postcodes,
  .detect = stead_import_postcodes_detect,
};
