/* test-workspace.c: the workspace file, migrations, feature tables, transactions, undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "stead.h"
#include "stead-feature-table-private.h"
#include "stead-sql-functions-private.h"
#include "stead-test-util.h"
#include "stead-workspace-private.h"

#define GOOD_SCHEMA            "/io/github/steadapp/Stead/tests/core/schema/good"
#define BAD_SCHEMA             "/io/github/steadapp/Stead/tests/core/schema/bad"
#define FEATURE_SCHEMA         "/io/github/steadapp/Stead/tests/core/schema/feature"
#define FEATURE_BAD_SCHEMA     "/io/github/steadapp/Stead/tests/core/schema/feature-bad"
#define FEATURE_HOSTILE_SCHEMA "/io/github/steadapp/Stead/tests/core/schema/feature-hostile"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("stead-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "area.gpkg", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static SteadWorkspace *
create (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  SteadWorkspace *ws = stead_workspace_create (f->path, "Testshire", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ws);
  return ws;
}

static SteadWorkspace *
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  SteadWorkspace *ws = stead_workspace_open (f->path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ws);
  return ws;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

/* Every row of @table in primary-key order, one line each. */
static char *
dump_table (SteadWorkspace *ws,
            const char     *table)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1", table);
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (ws, sql, NULL);

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          if (sqlite3_column_type (stmt, i) == SQLITE_BLOB)
            {
              g_autofree char *hex = g_compute_checksum_for_data (G_CHECKSUM_SHA1,
                                                                  sqlite3_column_blob (stmt, i),
                                                                  sqlite3_column_bytes (stmt, i));
              g_string_append_printf (out, "%s|", hex);
            }
          else
            g_string_append_printf (out, "%s|", sqlite3_column_text (stmt, i));
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gint64
query_int (SteadWorkspace *ws,
           const char     *sql)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (ws, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
add_need (SteadWorkspace *ws,
          const char     *summary,
          double          lon,
          double          lat)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadTransaction) txn = stead_workspace_begin (ws, "core", summary, &error);

  g_assert_no_error (error);
  g_assert_cmpint (stead_transaction_insert_need (txn, "food", "Food parcel", lon, lat, 2, 3, NULL,
                                                  1767225600, NULL, 0, &error), >, 0);
  g_assert_no_error (error);
  stead_transaction_commit (g_steal_pointer (&txn), &error);
  g_assert_no_error (error);
}

static void
purge_need (SteadWorkspace     *ws,
            gint64              fid,
            const char * const *forget)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadTransaction) txn =
    stead_workspace_begin_purge (ws, "core", "Purge a need (1 need)", forget, &error);

  g_assert_no_error (error);
  g_assert_cmpint (stead_transaction_run (txn, "DELETE FROM need WHERE fid = ?1",
                                          STEAD_ARGS (STEAD_INT (fid)), &error), ==, 1);
  g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------------ */

static void
test_create_reopen (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SteadWorkspace) ws = create (f);
  g_autoptr(GError) error = NULL;
  struct stat st;

  g_assert_cmpstr (stead_workspace_get_area_name (ws), ==, "Testshire");
  g_assert_cmpint (stead_workspace_get_schema_version (ws, "core"), >=, 2);

  /* Personal data lives here: only the owner may read the file. */
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  add_need (ws, "Add a need", -2.16, 51.99);
  stead_workspace_close (ws);
  g_clear_object (&ws);

  ws = reopen (f);
  g_assert_cmpstr (stead_workspace_get_area_name (ws), ==, "Testshire");
  g_assert_cmpint (stead_workspace_count_rows (ws, "need"), ==, 1);
  g_assert_cmpint (query_int (ws, "SELECT people FROM need"), ==, 2);
  g_assert_cmpint (query_int (ws, "SELECT count(*) FROM rtree_need_geom"), ==, 1);
  /* Vocabularies are seeded from data/taxonomy. */
  g_assert_cmpint (query_int (ws, "SELECT count(*) FROM taxonomy WHERE vocabulary = 'need-kind'"),
                   >, 5);
  /* A GeoPackage: application_id 'GPKG', version 1.3. */
  g_assert_cmpint (query_int (ws, "PRAGMA application_id"), ==, 0x47504B47);
  g_assert_cmpint (query_int (ws, "PRAGMA user_version"), ==, 10300);
  g_assert_cmpint (
    query_int (ws, "SELECT count(*) FROM gpkg_contents WHERE data_type = 'features'"), ==, 3);

  /* Creating over an existing file is refused and leaves it alone. */
  g_assert_null (stead_workspace_create (f->path, "Other", NULL, &error));
  g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_EXISTS);
}

static void
test_rename_area (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SteadWorkspace) ws = create (f);
  g_autoptr(GError) error = NULL;

  g_assert_true (stead_workspace_set_area_name (ws, "Newshire", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stead_workspace_get_area_name (ws), ==, "Newshire");
  g_assert_true (stead_workspace_undo (ws, &error));
  g_assert_cmpstr (stead_workspace_get_area_name (ws), ==, "Testshire");
  g_assert_true (stead_workspace_redo (ws, &error));
  stead_workspace_close (ws);
  g_clear_object (&ws);

  ws = reopen (f);
  g_assert_cmpstr (stead_workspace_get_area_name (ws), ==, "Newshire");
}

static void
test_migrations_ordered_once (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(SteadWorkspace) ws = create (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *order = NULL;
  g_autofree char *backup = NULL;

  g_assert_true (stead_workspace_apply_schema (ws, "t", GOOD_SCHEMA, &error));
  g_assert_no_error (error);
  order = dump_table (ws, "t_order");
  g_assert_cmpstr (order, ==, "1|001|\n2|002|\n3|010|\n");
  g_assert_cmpint (stead_workspace_get_schema_version (ws, "t"), ==, 10);

  /* A backup was made before the schema changed, readable by the owner only. */
  backup = stead_workspace_get_last_backup (ws);
  g_assert_nonnull (backup);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  /* Applying again, or reopening, applies nothing. */
  g_assert_true (stead_workspace_apply_schema (ws, "t", GOOD_SCHEMA, &error));
  g_assert_no_error (error);
  stead_workspace_close (ws);
  g_clear_object (&ws);

  ws = reopen (f);
  g_assert_true (stead_workspace_apply_schema (ws, "t", GOOD_SCHEMA, &error));
  g_clear_pointer (&order, g_free);
  order = dump_table (ws, "t_order");
  g_assert_cmpstr (order, ==, "1|001|\n2|002|\n3|010|\n");
  g_assert_cmpint (query_int (ws, "SELECT count(*) FROM stead_schema WHERE owner = 't'"), ==, 3);
}

/* The backup written before a migration holds the same personal data as
 * the workspace: only its owner may read it, whatever the umask (000
 * lets a file keep every permission bit it is created with). Each umask
 * gets a workspace of its own, so no backup is a file already there. */
static void
test_migration_backup_owner_only (Fixture       *f,
                                  gconstpointer  data)
{
  const mode_t umasks[] = { 022, 000 };
  mode_t saved = umask (022);

  for (guint i = 0; i < G_N_ELEMENTS (umasks); i++)
    {
      g_autofree char *name = g_strdup_printf ("umask-%03o.gpkg", (guint) umasks[i]);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autoptr(SteadWorkspace) ws = NULL;
      g_autoptr(GError) error = NULL;
      const char *backup;
      struct stat st;

      umask (umasks[i]);
      ws = stead_workspace_create (path, "Testshire", NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);

      g_assert_null (stead_workspace_get_last_backup (ws));
      g_assert_true (stead_workspace_apply_schema (ws, "t", GOOD_SCHEMA, &error));
      g_assert_no_error (error);
      backup = stead_workspace_get_last_backup (ws);
      g_assert_nonnull (backup);
      g_assert_cmpint (g_stat (backup, &st), ==, 0);
      g_assert_true (S_ISREG (st.st_mode));
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      /* A real copy, not an empty file with the right mode. */
      g_assert_cmpint (st.st_size, >, 0);

      stead_workspace_close (ws);
    }
  umask (saved);
}

static void
test_failed_migration_unchanged (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(SteadWorkspace) ws = create (f);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  add_need (ws, "Add a need", -2.16, 51.99);
  stead_workspace_close (ws);
  g_clear_object (&ws);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  before = read_bytes (f->path);

  ws = reopen (f);
  g_assert_false (stead_workspace_apply_schema (ws, "t", BAD_SCHEMA, &error));
  g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_MIGRATION);
  /* It says which plugin and which file. */
  g_assert_nonnull (strstr (error->message, "“t”"));
  g_assert_nonnull (strstr (error->message, "002-broken.sql"));
  g_assert_nonnull (strstr (error->message, "no_such_table"));
  g_clear_error (&error);

  /* Nothing of 001, which worked, nor of half of 002, remains. */
  g_assert_cmpint (stead_workspace_count_rows (ws, "t_bad"), ==, -1);
  g_assert_cmpint (stead_workspace_get_schema_version (ws, "t"), ==, 0);
  stead_workspace_close (ws);
  g_clear_object (&ws);

  after = read_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
}

/* A purge (personal data past retention) is no undo step, is audited by
 * count, and leaves no undo or redo step that holds what it deleted;
 * steps newer than any that held it stay. */
static void
test_purge_leaves_no_step (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(SteadWorkspace) ws = create (f);
  g_autoptr(GError) error = NULL;
  const char * const need_table[] = { "need", NULL };

  add_need (ws, "Add first need", -2.16, 51.99);
  add_need (ws, "Add second need", -2.15, 51.98);
  add_need (ws, "Add third need", -2.14, 51.97);
  add_need (ws, "Add fourth need", -2.13, 51.96);
  g_assert_true (stead_workspace_undo (ws, &error));          /* redo holds need 4 */
  g_assert_cmpstr (stead_workspace_get_redo_label (ws), ==, "Add fourth need");

  purge_need (ws, 1, NULL);
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM need WHERE fid = 1"), ==, 0);
  /* No step of its own; the newer steps, which never held need 1, stay. */
  g_assert_cmpstr (stead_workspace_get_undo_label (ws), ==, "Add third need");
  g_assert_cmpstr (stead_workspace_get_redo_label (ws), ==, "Add fourth need");
  g_assert_cmpint (stead_test_count (ws, "SELECT rows FROM stead_audit WHERE summary = "
                                         "'Purge a need (1 need)' AND table_name = 'need' "
                                         "AND action = 'delete'"), ==, 1);
  g_assert_true (stead_workspace_undo (ws, &error));
  g_assert_true (stead_workspace_undo (ws, &error));
  g_assert_no_error (error);
  /* "Add first need" went with the purge: need 1 never comes back. */
  g_assert_false (stead_workspace_can_undo (ws));
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM need WHERE fid = 1"), ==, 0);

  /* The steps kept still redo and undo in order. */
  g_assert_true (stead_workspace_redo (ws, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stead_workspace_get_redo_label (ws), ==, "Add third need");
  g_assert_true (stead_workspace_undo (ws, &error));
  g_assert_cmpstr (stead_workspace_get_redo_label (ws), ==, "Add second need");
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM need"), ==, 0);

  add_need (ws, "Add fifth need", -2.12, 51.95);
  add_need (ws, "Add sixth need", -2.11, 51.94);
  /* Forgetting a whole table: every undo and redo step holding any of
   * its rows goes (the redo steps of needs 2 to 4 too). */
  purge_need (ws, stead_test_count (ws, "SELECT min (fid) FROM need"), need_table);
  g_assert_false (stead_workspace_can_undo (ws));
  g_assert_false (stead_workspace_can_redo (ws));
  g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM need"), ==, 1);
}

static void
test_undo_redo_exact (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SteadWorkspace) ws = create (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *state0 = NULL;
  g_autofree char *state1 = NULL;
  g_autofree char *state2 = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *back0 = NULL;
  SteadTransaction *txn;

  g_assert_false (stead_workspace_can_undo (ws));
  add_need (ws, "Add first need", -2.16, 51.99);
  add_need (ws, "Add second need", -2.15, 51.98);
  state0 = dump_table (ws, "need");

  /* One user action: an update, a delete and an insert together. */
  txn = stead_workspace_begin (ws, "core", "Rework needs", &error);
  g_assert_no_error (error);
  g_assert_true (stead_transaction_exec (
    txn, "UPDATE need SET status = 'met', people = 5 WHERE fid = 1", &error));
  g_assert_true (stead_transaction_exec (txn, "DELETE FROM need WHERE fid = 2", &error));
  g_assert_cmpint (stead_transaction_insert_need (txn, "water", NULL, -2.14, 51.97, 1, 4, "open",
                                                  1767225600, NULL, 0, &error), >, 0);
  g_assert_true (stead_transaction_commit (txn, &error));
  g_assert_no_error (error);
  state1 = dump_table (ws, "need");
  g_assert_cmpstr (state0, !=, state1);

  g_assert_true (stead_workspace_can_undo (ws));
  g_assert_cmpstr (stead_workspace_get_undo_label (ws), ==, "Rework needs");
  g_assert_true (stead_workspace_undo (ws, &error));
  g_assert_no_error (error);
  undone = dump_table (ws, "need");
  g_assert_cmpstr (undone, ==, state0);
  /* The spatial index follows: two points again. */
  g_assert_cmpint (query_int (ws, "SELECT count(*) FROM rtree_need_geom"), ==, 2);

  g_assert_true (stead_workspace_can_redo (ws));
  g_assert_cmpstr (stead_workspace_get_redo_label (ws), ==, "Rework needs");
  g_assert_true (stead_workspace_redo (ws, &error));
  g_assert_no_error (error);
  redone = dump_table (ws, "need");
  g_assert_cmpstr (redone, ==, state1);

  /* Undo everything, then a new change clears the redo stack. */
  g_assert_true (stead_workspace_undo (ws, &error));
  g_assert_true (stead_workspace_undo (ws, &error));
  g_assert_true (stead_workspace_undo (ws, &error));
  g_assert_no_error (error);
  g_assert_false (stead_workspace_can_undo (ws));
  back0 = dump_table (ws, "need");
  g_assert_cmpstr (back0, ==, "");
  g_assert_false (stead_workspace_undo (ws, &error));
  g_clear_error (&error);
  add_need (ws, "Add third need", -2.1, 51.9);
  g_assert_false (stead_workspace_can_redo (ws));

  /* Undo steps do not survive the session. */
  stead_workspace_close (ws);
  g_clear_object (&ws);
  ws = reopen (f);
  g_assert_false (stead_workspace_can_undo (ws));
  g_assert_false (stead_workspace_can_redo (ws));
}

/* Three edits undone, then redone one at a time: each redo brings back
 * the next state in the order the edits were made, under its own label.
 * The states are the table as it was read after each edit. */
static void
test_redo_in_order (Fixture       *f,
                    gconstpointer  data)
{
  static const char *labels[] = { "Add need A", "Add need B", "Raise need A" };
  g_autoptr(SteadWorkspace) ws = create (f);
  g_autoptr(GError) error = NULL;
  char *states[4] = { NULL };

  states[0] = dump_table (ws, "need");
  add_need (ws, labels[0], -2.16, 51.99);
  states[1] = dump_table (ws, "need");
  add_need (ws, labels[1], -2.15, 51.98);
  states[2] = dump_table (ws, "need");
  {
    g_autoptr(SteadTransaction) txn = stead_workspace_begin (ws, "core", labels[2], &error);

    g_assert_true (stead_transaction_exec (txn, "UPDATE need SET people = 9 WHERE fid = 1",
                                           &error));
    g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));
    g_assert_no_error (error);
  }
  states[3] = dump_table (ws, "need");
  for (guint i = 1; i < 4; i++)
    g_assert_cmpstr (states[i - 1], !=, states[i]);

  for (guint i = 3; i > 0; i--)
    {
      g_assert_cmpstr (stead_workspace_get_undo_label (ws), ==, labels[i - 1]);
      g_assert_true (stead_workspace_undo (ws, &error));
      g_assert_no_error (error);
      {
        g_autofree char *now = dump_table (ws, "need");

        g_assert_cmpstr (now, ==, states[i - 1]);
      }
    }
  g_assert_false (stead_workspace_can_undo (ws));

  for (guint i = 1; i <= 3; i++)
    {
      g_assert_true (stead_workspace_can_redo (ws));
      g_assert_cmpstr (stead_workspace_get_redo_label (ws), ==, labels[i - 1]);
      g_assert_true (stead_workspace_redo (ws, &error));
      g_assert_no_error (error);
      {
        g_autofree char *now = dump_table (ws, "need");

        g_assert_cmpstr (now, ==, states[i]);
      }
      g_assert_cmpstr (stead_workspace_get_undo_label (ws), ==, labels[i - 1]);
    }
  g_assert_false (stead_workspace_can_redo (ws));

  for (guint i = 0; i < 4; i++)
    g_free (states[i]);
}

static void
test_undo_conflict (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SteadWorkspace) ws = create (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db;

  add_need (ws, "Add a need", -2.16, 51.99);

  /* Someone else (another tool on the same file) changes the row. */
  {
    sqlite3 *other = NULL;
    g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
    g_assert_true (stead_sql_register_functions (other, NULL));
    g_assert_cmpint (sqlite3_exec (other, "UPDATE need SET people = 9", NULL, NULL, NULL), ==,
                     SQLITE_OK);
    sqlite3_close (other);
  }

  db = stead_workspace_get_db (ws);
  g_assert_nonnull (db);
  before = dump_table (ws, "need");
  g_assert_false (stead_workspace_undo (ws, &error));
  g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_CONFLICT);
  after = dump_table (ws, "need");
  g_assert_cmpstr (before, ==, after);
  g_assert_true (stead_workspace_can_undo (ws));
}

static void
test_rollback_on_drop (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SteadWorkspace) ws = create (f);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(SteadTransaction) txn = stead_workspace_begin (ws, "core", "Abandoned", &error);
    g_assert_no_error (error);
    stead_transaction_insert_need (txn, "food", NULL, 0, 0, 1, 1, NULL, 0, NULL, 0, &error);
    g_assert_no_error (error);

    /* One change at a time. */
    g_assert_null (stead_workspace_begin (ws, "core", "Second", &error));
    g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_BUSY);
    g_clear_error (&error);
  }

  g_assert_cmpint (stead_workspace_count_rows (ws, "need"), ==, 0);
  g_assert_false (stead_workspace_can_undo (ws));

  /* A constraint violation fails the statement; the rest rolls back. */
  {
    g_autoptr(SteadTransaction) txn = stead_workspace_begin (ws, "core", "Bad urgency", &error);
    g_assert_no_error (error);
    stead_transaction_insert_need (txn, "food", NULL, 0, 0, 1, 1, NULL, 0, NULL, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpint (
      stead_transaction_insert_need (txn, "food", NULL, 0, 0, 1, 9, NULL, 0, NULL, 0, &error), <,
      0);
    g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_SQL);
  }
  g_assert_cmpint (stead_workspace_count_rows (ws, "need"), ==, 0);
}

static void
on_changed (SteadWorkspace     *ws,
            const char * const *tables,
            gpointer            user_data)
{
  GPtrArray *seen = user_data;

  g_ptr_array_add (seen, g_strjoinv (",", (char **) tables));
}

static void
test_audit_and_changed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SteadWorkspace) ws = create (f);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 audit_before = stead_workspace_count_rows (ws, "stead_audit");

  g_signal_connect (ws, "changed", G_CALLBACK (on_changed), seen);
  add_need (ws, "Add a need", -2.16, 51.99);

  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "need");

  stmt = stead_workspace_prepare (ws,
                                  "SELECT owner, table_name, action, rows, summary, time FROM "
                                  "stead_audit "
                                  "ORDER BY id DESC LIMIT 1",
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "core");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "need");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "insert");
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 1);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, "Add a need");
  g_assert_true (g_str_has_prefix ((const char *) sqlite3_column_text (stmt, 5), "20"));
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Undo is audited too, and reported to listeners. */
  g_assert_true (stead_workspace_undo (ws, &error));
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, "need");
  stmt = stead_workspace_prepare (
    ws, "SELECT action, summary FROM stead_audit ORDER BY id DESC LIMIT 1", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "delete");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "Undo “Add a need”");
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_assert_cmpint (stead_workspace_count_rows (ws, "stead_audit"), ==, audit_before + 2);

  /* The log is append-only, and survives reopening. */
  {
    g_autoptr(SteadTransaction) txn = stead_workspace_begin (ws, "core", "Tamper", &error);
    g_assert_false (stead_transaction_exec (txn, "DELETE FROM stead_audit", &error));
    g_assert_nonnull (strstr (error->message, "append-only"));
    g_clear_error (&error);
  }
  stead_workspace_close (ws);
  g_clear_object (&ws);
  ws = reopen (f);
  g_assert_cmpint (stead_workspace_count_rows (ws, "stead_audit"), ==, audit_before + 2);
}

static void
write_file (const char   *path,
            const guint8 *data,
            gsize         len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) data, len, &error);
  g_assert_no_error (error);
}

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autofree char *text_path = g_build_filename (f->dir, "notes.gpkg", NULL);
  g_autofree char *short_path = g_build_filename (f->dir, "short.gpkg", NULL);
  g_autofree char *cut_path = g_build_filename (f->dir, "cut.gpkg", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.gpkg", NULL);
  g_autoptr(GBytes) whole = NULL;
  const guint8 *bytes;
  gsize len;

  g_assert_null (stead_workspace_open (missing, NULL, &error));
  g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  write_file (text_path, (const guint8 *) "name,postcode\nA,GL20 5AA\n", 25);
  g_assert_null (stead_workspace_open (text_path, NULL, &error));
  g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_SQLITE);
  g_assert_nonnull (strstr (error->message, "notes.gpkg"));
  g_clear_error (&error);

  /* A real workspace, cut short: inside the header, then mid-file. */
  ws = create (f);
  add_need (ws, "Add a need", -2.16, 51.99);
  stead_workspace_close (ws);
  g_clear_object (&ws);
  whole = read_bytes (f->path);
  bytes = g_bytes_get_data (whole, &len);
  g_assert_cmpuint (len, >, 8192);

  write_file (short_path, bytes, 50);
  g_assert_null (stead_workspace_open (short_path, NULL, &error));
  g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_SQLITE);
  g_assert_nonnull (strstr (error->message, "truncated"));
  g_clear_error (&error);

  write_file (cut_path, bytes, len / 2 + 100);
  g_assert_null (stead_workspace_open (cut_path, NULL, &error));
  g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_SQLITE);
  g_assert_nonnull (strstr (error->message, "truncated"));
  g_clear_error (&error);

  /* The refused files were not touched. */
  {
    g_autoptr(GBytes) still = read_bytes (short_path);
    g_assert_cmpuint (g_bytes_get_size (still), ==, 50);
  }
}

static void
test_not_stead (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *gpkg = g_build_filename (f->dir, "other.gpkg", NULL);
  g_autofree char *plain = g_build_filename (f->dir, "plain.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  /* A GeoPackage made by another tool. */
  g_assert_cmpint (sqlite3_open (gpkg, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA application_id = 1196444487; PRAGMA user_version = 10300;"
                                 "CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, "
                                 "data_type TEXT);"
                                 "CREATE TABLE gpkg_spatial_ref_sys (srs_id INTEGER PRIMARY KEY);",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_null (stead_workspace_open (gpkg, NULL, &error));
  g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_STEAD);
  g_assert_nonnull (strstr (error->message, "GeoPackage"));
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_open (plain, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (a)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_null (stead_workspace_open (plain, NULL, &error));
  g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_STEAD);
  g_clear_error (&error);

  /* Neither was changed into a workspace. */
  g_assert_cmpint (sqlite3_open (plain, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;
    sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_master", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
}

static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(SteadWorkspace) ws = create (f);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  stead_workspace_close (ws);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (
    sqlite3_exec (db, "UPDATE stead_workspace SET format_version = 99", NULL, NULL, NULL), ==,
    SQLITE_OK);
  sqlite3_close (db);

  g_clear_object (&ws);
  g_assert_null (stead_workspace_open (f->path, NULL, &error));
  g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_TOO_NEW);
}

static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(SteadWorkspace) ws = create (f);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_true (stead_demo_populate (ws, 50, 1, &error));
  g_assert_no_error (error);
  stead_workspace_close (ws);

  g_assert_true (stead_check_file (f->path, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Damage one geometry and the spatial index behind Stead's back. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_true (stead_sql_register_functions (db, NULL));
  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TRIGGER rtree_need_geom_update1;"
                                 "DROP TRIGGER rtree_need_geom_update2;"
                                 "UPDATE need SET geom = x'4750000112' WHERE fid = 3;"
                                 "DELETE FROM rtree_need_geom WHERE id IN (5, 6);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_true (stead_check_file (f->path, &problems, &error));
  g_assert_cmpuint (problems->len, >=, 2);
  {
    g_autofree char *all = NULL;

    g_ptr_array_add (problems, NULL);
    all = g_strjoinv ("\n", (char **) problems->pdata);
    g_assert_nonnull (strstr (all, "need row 3"));
    g_assert_nonnull (strstr (all, "rtree_need_geom"));
  }
}

/* Runs @sql on the workspace file behind Stead's back. */
static void
check_damage (Fixture    *f,
              const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_true (stead_sql_register_functions (db, NULL));
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* The oracle for the tree itself: SQLite's own rtreecheck(). */
static char *
check_rtreecheck (Fixture *f)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = NULL;
  char *result;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rtreecheck ('rtree_need_geom')", -1, &stmt,
                                       NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
  return result;
}

/* What stead_check_file() says, a problem a line. */
static char *
check_problems (Fixture *f)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (stead_check_file (f->path, &problems, &error));
  g_assert_no_error (error);
  g_ptr_array_add (problems, NULL);
  return g_strjoinv ("\n", (char **) problems->pdata);
}

/* Cell 0 of the leaf that holds need @fid gets a minimum x above its
 * maximum, in the node's own bytes. */
static gint64
check_break_cell (Fixture *f,
                  gint64   fid)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree guint8 *data = NULL;
  sqlite3 *db = NULL;
  gint64 node;
  gsize size;
  guint32 bits;
  float max_x;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT nodeno, data FROM rtree_need_geom_node "
                                       "WHERE nodeno = (SELECT nodeno FROM rtree_need_geom_rowid "
                                       "WHERE rowid = ?)",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, fid);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  node = sqlite3_column_int64 (stmt, 0);
  size = sqlite3_column_bytes (stmt, 1);
  data = g_memdup2 (sqlite3_column_blob (stmt, 1), size);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* A 4-byte header, then cells of an 8-byte id and four big-endian floats. */
  memcpy (&bits, data + 4 + 8 + 4, 4);
  bits = GUINT32_FROM_BE (bits);
  memcpy (&max_x, &bits, 4);
  max_x += 1;
  memcpy (&bits, &max_x, 4);
  bits = GUINT32_TO_BE (bits);
  memcpy (data + 4 + 8, &bits, 4);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "UPDATE rtree_need_geom_node SET data = ? WHERE nodeno = ?",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, data, size, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, node);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
  return node;
}

/* The check reads the spatial index once, in order: it finds what SQLite's
 * rtreecheck() finds in the tree, and also an entry that is not where its
 * row is, which the tree alone cannot show. */
static void
test_check_spatial_index (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(SteadWorkspace) ws = create (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *problems = NULL;
  g_autofree char *oracle = NULL;
  g_autofree char *expected = NULL;
  gint64 node;

  /* Enough needs for a tree of more than one level. */
  g_assert_true (stead_demo_populate (ws, 2000, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (ws, "SELECT count(*) FROM rtree_need_geom_parent"), >, 1);
  stead_workspace_close (ws);
  problems = check_problems (f);
  g_assert_cmpstr (problems, ==, "");
  oracle = check_rtreecheck (f);
  g_assert_cmpstr (oracle, ==, "ok");

  /* A need moved behind Stead's back: the tree is sound, the entry wrong. */
  check_damage (f, "DROP TRIGGER rtree_need_geom_update1;"
                   "UPDATE need SET geom = (SELECT geom FROM need WHERE fid = 1) WHERE fid = 7;");
  g_clear_pointer (&oracle, g_free);
  oracle = check_rtreecheck (f);
  g_assert_cmpstr (oracle, ==, "ok");
  g_clear_pointer (&problems, g_free);
  problems = check_problems (f);
  g_assert_nonnull (strstr (problems, "need row 7: its entry in the spatial index rtree_need_geom "
                                      "is not its geometry's envelope"));

  /* A row that the rowid table lost. */
  check_damage (f, "DELETE FROM rtree_need_geom_rowid WHERE rowid = 9");
  g_clear_pointer (&oracle, g_free);
  oracle = check_rtreecheck (f);
  g_assert_cmpstr (oracle, !=, "ok");
  g_clear_pointer (&problems, g_free);
  problems = check_problems (f);
  g_assert_nonnull (strstr (problems, "rtree_need_geom_rowid does not have row 9"));

  /* A node under the wrong parent. */
  check_damage (f, "UPDATE rtree_need_geom_parent SET parentnode = 99999 "
                   "WHERE nodeno = (SELECT min (nodeno) FROM rtree_need_geom_parent)");
  g_clear_pointer (&problems, g_free);
  problems = check_problems (f);
  g_assert_nonnull (strstr (problems, "rtree_need_geom_parent puts node"));
  g_assert_nonnull (strstr (problems, "under 99999"));

  /* A cell whose minimum lies above its maximum. */
  node = check_break_cell (f, 11);
  g_clear_pointer (&oracle, g_free);
  oracle = check_rtreecheck (f);
  expected = g_strdup_printf ("Dimension 0 of cell 0 on node %lld is corrupt", (long long) node);
  g_assert_nonnull (strstr (oracle, expected));
  g_clear_pointer (&problems, g_free);
  problems = check_problems (f);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("cell 0 of node %lld has a minimum above its maximum",
                              (long long) node);
  g_assert_nonnull (strstr (problems, expected));
}

static void
test_demo_deterministic (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *other = g_build_filename (f->dir, "other.gpkg", NULL);
  g_autoptr(SteadWorkspace) a = create (f);
  g_autoptr(SteadWorkspace) b = stead_workspace_create (other, "Testshire", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dump_a = NULL;
  g_autofree char *dump_b = NULL;

  g_assert_true (stead_demo_populate (a, 300, 7, &error));
  g_assert_true (stead_demo_populate (b, 300, 7, &error));
  g_assert_no_error (error);
  dump_a = dump_table (a, "need");
  dump_b = dump_table (b, "need");
  g_assert_cmpstr (dump_a, ==, dump_b);
  g_assert_cmpint (stead_workspace_count_rows (a, "need"), ==, 300);
  g_assert_cmpint (query_int (a, "SELECT count(*) FROM area WHERE kind = 'boundary'"), ==, 1);
  /* The real borough (tests/core/test-demo.c checks them against the files). */
  g_assert_cmpint (query_int (a, "SELECT count(*) FROM area WHERE kind = 'ward'"), ==, 22);
  g_assert_cmpint (query_int (a, "SELECT count(*) FROM area WHERE kind = 'lsoa'"), ==, 50);
  /* Two years of needs with an incident: the flood's week in July 2026
   * holds more than a tenth of them (an ordinary week, one in a hundred). */
  g_assert_cmpint (query_int (a, "SELECT count(*) FROM need WHERE opened BETWEEN '2026-07-19T23' "
                                 "AND '2026-07-26T23'"),
                   >, 300 / 10);

  /* The demo goes into an empty workspace only. */
  g_assert_false (stead_demo_populate (a, 10, 7, &error));
  g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_EXISTS);
}

/* The demo is one audited transaction but no undo step (at --scale 1000000
 * an undo step would hold every row in memory); the history before it is
 * dropped, as its steps no longer describe the file. The audit's counts are
 * checked against the tables themselves. */
static void
test_demo_audited_not_undoable (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(SteadWorkspace) ws = create (f);
  g_autoptr(GError) error = NULL;

  add_need (ws, "Before the demo", -2.16, 51.99);
  g_assert_true (stead_workspace_can_undo (ws));

  g_assert_true (stead_demo_populate (ws, 120, 3, &error));
  g_assert_no_error (error);
  g_assert_false (stead_workspace_can_undo (ws));
  g_assert_false (stead_workspace_can_redo (ws));

  /* The need added before is txn 1, the demo is all of txn 2. */
  g_assert_cmpint (query_int (ws, "SELECT max(txn) FROM stead_audit"), ==, 2);
  g_assert_cmpint (query_int (ws, "SELECT rows FROM stead_audit WHERE txn = 2 "
                                  "AND table_name = 'need' AND action = 'insert'"),
                   ==, stead_workspace_count_rows (ws, "need") - 1);
  g_assert_cmpint (query_int (ws, "SELECT rows FROM stead_audit WHERE txn = 2 "
                                  "AND table_name = 'area' AND action = 'insert'"),
                   ==, stead_workspace_count_rows (ws, "area"));
  g_assert_cmpint (query_int (ws, "SELECT count(*) FROM stead_audit WHERE txn = 2 "
                                  "AND action <> 'insert'"),
                   ==, 0);
}

/* A view following a workspace reloads at once and on each change to its
 * tables, not on others, and no more once it is gone. */
static guint follow_reloads;

static void
follow_reload (gpointer owner)
{
  g_assert_true (G_IS_OBJECT (owner));
  follow_reloads++;
}

static void
test_follow (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadWorkspace) ws = stead_workspace_create (f->path, "Follow", NULL, &error);
  g_autoptr(SteadGeometry) square = NULL;
  SteadCoord ring[] = { { 1, 50 }, { 1.5, 50 }, { 1.5, 50.5 }, { 1, 50 } };
  SteadWorkspace *slot = NULL;
  GObject *owner = g_object_new (G_TYPE_OBJECT, NULL);

  g_assert_no_error (error);
  square = stead_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
  follow_reloads = 0;
  stead_workspace_follow (&slot, ws, owner, "area", follow_reload);
  g_assert_true (slot == ws);
  g_assert_cmpuint (follow_reloads, ==, 1);

  g_assert_cmpint (stead_workspace_edit (ws, "core", "Add an area",
                                         "INSERT INTO area (geom, kind, code, name) VALUES (?, "
                                         "'boundary', 'A', 'A')",
                                         STEAD_ARGS (STEAD_GEOMETRY (square)), &error),
                   >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (follow_reloads, ==, 2);
  g_assert_true (stead_workspace_set_area_name (ws, "Followed", &error));
  g_assert_cmpuint (follow_reloads, ==, 2);

  /* Following nothing: no more reloads from this workspace. */
  stead_workspace_follow (&slot, NULL, owner, "area", follow_reload);
  g_assert_null (slot);
  g_assert_cmpuint (follow_reloads, ==, 3);
  g_assert_cmpint (stead_workspace_edit (ws, "core", "Add another",
                                         "INSERT INTO area (geom, kind, code, name) VALUES (?, "
                                         "'boundary', 'B', 'B')",
                                         STEAD_ARGS (STEAD_GEOMETRY (square)), &error),
                   >, 0);
  g_assert_cmpuint (follow_reloads, ==, 3);

  /* Gone: the workspace does not call it. */
  stead_workspace_follow (&slot, ws, owner, "area", follow_reload);
  g_assert_cmpuint (follow_reloads, ==, 4);
  g_clear_object (&slot);
  g_object_unref (owner);
  g_assert_cmpint (stead_workspace_edit (ws, "core", "Add a third",
                                         "INSERT INTO area (geom, kind, code, name) VALUES (?, "
                                         "'boundary', 'C', 'C')",
                                         STEAD_ARGS (STEAD_GEOMETRY (square)), &error),
                   >, 0);
  g_assert_cmpuint (follow_reloads, ==, 4);

  /* The one-value readers: a value, no row, and NULL. */
  g_assert_cmpint (
    stead_workspace_query_int64 (ws, "SELECT count(*) FROM area WHERE code IN (?, ?)",
                                 STEAD_ARGS (STEAD_STRING ("A"), STEAD_STRING ("C"))),
    ==, 2);
  g_assert_cmpint (
    stead_workspace_query_int64 (ws, "SELECT fid FROM area WHERE code = 'none'", NULL, 0), ==, 0);
  {
    g_autofree char *name = stead_workspace_query_text (ws, "SELECT name FROM area WHERE code = ?",
                                                        STEAD_ARGS (STEAD_STRING ("B")));
    g_autofree char *none = stead_workspace_query_text (ws, "SELECT NULL", NULL, 0);

    g_assert_cmpstr (name, ==, "B");
    g_assert_null (none);
  }
  stead_workspace_close (ws);
}

/* ------------------------------------------------------------------------ */
/* Feature tables in one line of a schema file                              */

/* What the R-tree holds, "id:x,y" by id: the index as a GIS tool reads it. */
static void
assert_index (SteadWorkspace *ws,
              const char     *expected)
{
  g_autofree char *index = NULL;

  index = stead_test_text (ws,
                           "SELECT coalesce (group_concat (id || ':' || minx || ',' || miny, ' '),"
                           " '') FROM (SELECT * FROM rtree_t_place_location ORDER BY id)");
  g_assert_cmpstr (index, ==, expected);
}

static void
place_edit (SteadWorkspace *ws,
            const char     *sql,
            double          x,
            double          y)
{
  g_autoptr(SteadGeometry) point = stead_geometry_new_point (x, y);
  g_autoptr(GError) error = NULL;
  SteadValue values[] = { STEAD_GEOMETRY (point) };

  g_assert_cmpint (stead_workspace_edit (ws, "t", "Edit a place", sql, values, 1, &error), >, 0);
  g_assert_no_error (error);
}

static void
place_run (SteadWorkspace *ws,
           const char     *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (stead_workspace_edit (ws, "t", "Edit a place", sql, NULL, 0, &error), >, 0);
  g_assert_no_error (error);
}

/* Stead_AddFeatureTable runs only while schema files do. */
static void
assert_refused_outside_schema (SteadWorkspace *ws)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (stead_workspace_edit (ws, "t", "Add a layer",
                                         "SELECT Stead_AddFeatureTable "
                                         "('t_spot', 'geom', 'POINT', 'Spots', '')",
                                         NULL, 0, &error), ==, 0);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "only schema files add feature tables"));
  g_assert_cmpint (stead_test_count (ws, "SELECT count(*) FROM gpkg_contents "
                                         "WHERE table_name = 't_spot'"), ==, 0);
}

static void
test_one_line_feature_table (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(SteadWorkspace) ws = create (f);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *triggers = NULL;

  g_assert_true (stead_workspace_apply_schema (ws, "t", FEATURE_SCHEMA, &error));
  g_assert_no_error (error);
  assert_refused_outside_schema (ws);

  /* The GeoPackage rows GIS tools read the layer from. */
  rows = stead_test_text (ws,
                          "SELECT c.data_type || '|' || c.identifier || '|' || c.description "
                          "|| '|' || c.srs_id || '|' || g.column_name || '|' "
                          "|| g.geometry_type_name || '|' || g.srs_id || '|' || g.z || '|' || g.m "
                          "|| '|' || e.column_name || '|' || e.extension_name || '|' || e.scope "
                          "FROM gpkg_contents c JOIN gpkg_geometry_columns g USING (table_name) "
                          "JOIN gpkg_extensions e USING (table_name) "
                          "WHERE table_name = 't_place'");
  g_assert_cmpstr (rows, ==,
                   "features|Places|Where things are|4326|location|POINT|4326|0|0|"
                   "location|gpkg_rtree_index|write-only");
  /* The six triggers by the names GIS tools look for (Annex F.3). */
  triggers = stead_test_text (ws,
                              "SELECT group_concat (name, ' ') FROM (SELECT name "
                              "FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 't_place' "
                              "ORDER BY name)");
  g_assert_cmpstr (triggers, ==,
                   "rtree_t_place_location_delete rtree_t_place_location_insert "
                   "rtree_t_place_location_update1 rtree_t_place_location_update2 "
                   "rtree_t_place_location_update3 rtree_t_place_location_update4");

  /* Each trigger keeps the index as the places are: insert, */
  place_edit (ws, "INSERT INTO t_place (location, name) VALUES (?, 'one')", 1, 2);
  place_edit (ws, "INSERT INTO t_place (location, name) VALUES (?, 'two')", 3, 4);
  place_edit (ws, "INSERT INTO t_place (location, name) VALUES (?, 'three')", 5, 6);
  assert_index (ws, "1:1.0,2.0 2:3.0,4.0 3:5.0,6.0");
  /* a move (update1), a place without a location (update2), */
  place_edit (ws, "UPDATE t_place SET location = ? WHERE id = 1", 7, 8);
  place_run (ws, "UPDATE t_place SET location = NULL WHERE id = 2");
  assert_index (ws, "1:7.0,8.0 3:5.0,6.0");
  /* a new id (update3), a new id and no location (update4), */
  place_run (ws, "UPDATE t_place SET id = 30 WHERE id = 3");
  assert_index (ws, "1:7.0,8.0 30:5.0,6.0");
  place_run (ws, "UPDATE t_place SET id = 10, location = NULL WHERE id = 1");
  assert_index (ws, "30:5.0,6.0");
  /* a delete, and its undo. */
  place_run (ws, "DELETE FROM t_place WHERE id = 30");
  assert_index (ws, "");
  g_assert_true (stead_workspace_undo (ws, &error));
  g_assert_no_error (error);
  assert_index (ws, "30:5.0,6.0");

  /* The workspace's own GeoPackage check finds nothing wrong. */
  stead_workspace_close (ws);
  g_assert_true (stead_check_file (f->path, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_failed_feature_table_says_why (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(SteadWorkspace) ws = create (f);
  g_autoptr(GError) error = NULL;

  g_assert_false (stead_workspace_apply_schema (ws, "t", FEATURE_BAD_SCHEMA, &error));
  g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_MIGRATION);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "001-misspelt.sql"));
  g_assert_nonnull (strstr (error->message, "Stead_AddFeatureTable"));
  g_assert_nonnull (strstr (error->message, "The table “t_spot” has no column “shape”"));

  /* Nothing of it is left, and the function is gone again. */
  g_assert_cmpint (stead_workspace_count_rows (ws, "t_spot"), ==, -1);
  g_assert_cmpint (stead_test_count (ws, "SELECT count(*) FROM gpkg_contents "
                                            "WHERE table_name = 't_spot'"), ==, 0);
  assert_refused_outside_schema (ws);
}

static void
test_refuses_bad_tables (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(SteadWorkspace) ws = create (f);
  static const struct {
    const char *table;
    const char *column;
    const char *type;
    const char *message;
  } cases[] = {
    { "t ok", "geom", "POINT", "not a plain SQL name" },
    { "t_ok\"; DROP TABLE need; --", "geom", "POINT", "not a plain SQL name" },
    { "select", "geom", "POINT", "not a plain SQL name" },
    { "t_ok", "geom)", "POINT", "not a plain SQL name" },
    { "gpkg_contents", "geom", "POINT", "belong to GeoPackage" },
    { "t_ok", "geom", "CIRCLE", "not a GeoPackage geometry type" },
    { "t_ok", "geom", "CIRCULARSTRING", "not a GeoPackage geometry type" },
    { "t_missing", "geom", "POINT", "There is no table “t_missing”" },
    { "t_view", "geom", "POINT", "There is no table “t_view”" },
    { "rtree_need_geom", "minx", "POINT", "There is no table “rtree_need_geom”" },
    { "t_ok", "shape", "POINT", "has no column “shape”" },
    { "t_ok", "GEOM", "POINT", "has no column “GEOM”" },
    { "t_ok", "geom", "MULTIPOLYGON", "is declared “POINT”, not MULTIPOLYGON" },
    { "t_text_key", "geom", "POINT", "needs an INTEGER PRIMARY KEY" },
    { "t_two_keys", "geom", "POINT", "needs an INTEGER PRIMARY KEY" },
    { "need", "geom", "POINT", "UNIQUE constraint failed: gpkg_contents.table_name" },
  };
  sqlite3 *db = stead_workspace_get_db (ws);
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  gint64 objects;

  g_assert_true (stead_sql_exec (db,
                                 "BEGIN;"
                                 "CREATE TABLE t_ok (fid INTEGER PRIMARY KEY, geom POINT);"
                                 "CREATE TABLE t_text_key (code TEXT PRIMARY KEY, geom POINT);"
                                 "CREATE TABLE t_two_keys (a INTEGER, b INTEGER, geom POINT,"
                                 "  PRIMARY KEY (a, b));"
                                 "CREATE VIEW t_view AS SELECT * FROM t_ok;",
                                 &error));
  g_assert_no_error (error);
  objects = stead_test_count (ws, "SELECT count(*) FROM sqlite_master");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s.%s %s", cases[i].table, cases[i].column, cases[i].type);
      g_assert_false (stead_feature_table_add (db, cases[i].table, cases[i].column, cases[i].type,
                                               "Refused", "", &error));
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_clear_error (&error);
      g_assert_cmpint (stead_test_count (ws, "SELECT count(*) FROM sqlite_master"), ==, objects);
      g_assert_cmpint (stead_test_count (ws, "SELECT count(*) FROM gpkg_contents "
                                                "WHERE identifier = 'Refused'"), ==, 0);
    }

  /* The geometry type may be written in any case; GeoPackage stores capitals. */
  g_assert_true (stead_feature_table_add (db, "t_ok", "geom", "point", "OK", "", &error));
  g_assert_no_error (error);
  stored = stead_test_text (ws, "SELECT geometry_type_name FROM gpkg_geometry_columns "
                                   "WHERE table_name = 't_ok'");
  g_assert_cmpstr (stored, ==, "POINT");
  g_assert_true (stead_sql_exec (db, "ROLLBACK", &error));

  /* Outside a transaction it would leave half a feature table behind. */
  g_assert_false (stead_feature_table_add (db, "need", "geom", "POINT", "Needs", "", &error));
  g_assert_nonnull (strstr (error->message, "inside its transaction"));
}

/* A trigger or view of a hostile file cannot call it, not even while
 * schema files run. */
static void
test_not_from_triggers_or_views (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(SteadWorkspace) ws = create (f);
  sqlite3 *db = stead_workspace_get_db (ws);
  g_autoptr(GError) error = NULL;

  g_assert_false (stead_workspace_apply_schema (ws, "t", FEATURE_HOSTILE_SCHEMA, &error));
  g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_MIGRATION);
  g_assert_nonnull (strstr (error->message, "unsafe use of Stead_AddFeatureTable"));
  g_clear_error (&error);
  g_assert_cmpint (stead_test_count (ws, "SELECT count(*) FROM gpkg_contents "
                                         "WHERE table_name IN ('t_spot', 't_place')"), ==, 0);

  /* A view in the file; the application's own TEMP views are trusted. */
  g_assert_true (stead_sql_exec (db,
                                 "CREATE VIEW t_sneaky AS"
                                 "  SELECT Stead_AddFeatureTable ('need', 'geom', 'POINT',"
                                 "    'Needs', '')",
                                 &error));
  g_assert_no_error (error);
  g_assert_false (stead_sql_exec (db, "SELECT * FROM t_sneaky", &error));
  g_assert_nonnull (strstr (error->message, "unsafe use of Stead_AddFeatureTable"));
}

static void
add_square_area (SteadTransaction *txn,
                 const char       *kind,
                 const char       *code,
                 const char       *name)
{
  const SteadCoord ring[] = {
    { -2.2, 51.9 }, { -2.1, 51.9 }, { -2.1, 52.0 }, { -2.2, 52.0 }, { -2.2, 51.9 },
  };
  g_autoptr(SteadGeometry) square = stead_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (stead_transaction_insert_area (txn, kind, code, name, square, &error), >, 0);
  g_assert_no_error (error);
}

static const char *
hit_title (GPtrArray *hits,
           guint      i)
{
  g_assert_cmpuint (i, <, hits->len);
  return ((SteadSearchHit *) g_ptr_array_index (hits, i))->title;
}

static void
on_searched (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GPtrArray *
search_in_thread (SteadWorkspace  *ws,
                  const char      *text,
                  GCancellable    *cancellable,
                  GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stead_workspace_search_async (ws, text, 10, cancellable, on_searched, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return stead_workspace_search_finish (ws, result, error);
}

/* The search finds what the core indexed (areas) by the start of each
 * word, title before text, reads only what is committed, and the same
 * in a thread. */
static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  static const char * const syntax[] = {
    "oak OR mill", "\"oak", "oak*", "NEAR(oak rise)", "title:oak", "-oak", "^oak", NULL,
  };
  g_autoptr(SteadWorkspace) ws = create (f);
  g_autoptr(SteadTransaction) txn = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (stead_workspace_search_is_empty (ws));
  hits = stead_workspace_search (ws, "severn", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  txn = stead_workspace_begin (ws, "core", "Add areas", &error);
  g_assert_no_error (error);
  /* "severn" is in the second one's text (its code), the first one's title. */
  add_square_area (txn, "ward", "SEVERNSIDE", "Mill Lane");
  add_square_area (txn, "ward", "E05000001", "Severn Fields");
  add_square_area (txn, "hazard", "H1", "Flood cell (Severn)");
  add_square_area (txn, "ward", "E05000002", "Oak Rise");
  g_assert_true (stead_transaction_commit (g_steal_pointer (&txn), &error));
  g_assert_no_error (error);
  g_assert_false (stead_workspace_search_is_empty (ws));

  hits = stead_workspace_search (ws, "sev", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_cmpstr (hit_title (hits, 2), ==, "Mill Lane");
  g_assert_cmpstr (((SteadSearchHit *) g_ptr_array_index (hits, 0))->owner, ==, "core");
  g_assert_cmpstr (((SteadSearchHit *) g_ptr_array_index (hits, 0))->kind, ==, "area");
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Every word must match, each as the start of a word; case and
   * accents do not matter. */
  hits = stead_workspace_search (ws, "FIELDS sévern", 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (hit_title (hits, 0), ==, "Severn Fields");
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Search syntax typed by a user is only words. */
  for (const char * const *text = syntax; *text; text++)
    {
      hits = stead_workspace_search (ws, *text, 10, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (hits->len, <=, 1);
      g_clear_pointer (&hits, g_ptr_array_unref);
    }
  hits = stead_workspace_search (ws, "  ?! ", 10, &error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = stead_workspace_search (ws, "sev", 2, &error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* In a thread, on a reader of its own: the same hits. */
  hits = search_in_thread (ws, "sev", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_cmpstr (hit_title (hits, 2), ==, "Mill Lane");
  g_clear_pointer (&hits, g_ptr_array_unref);
  g_cancellable_cancel (cancelled);
  hits = search_in_thread (ws, "sev", cancelled, &error);
  g_assert_null (hits);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* What a user calls the kind: the core's areas, or the kind itself. */
  g_assert_cmpstr (stead_workspace_get_kind_label (ws, "area"), ==, "area");
  g_assert_cmpstr (stead_workspace_get_kind_label (ws, "no-such-kind"), ==, "no-such-kind");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/core/workspace/create-reopen", test_create_reopen);
  ADD ("/core/workspace/rename-area", test_rename_area);
  ADD ("/core/workspace/migrations-ordered-once", test_migrations_ordered_once);
  ADD ("/core/workspace/migration-backup-owner-only", test_migration_backup_owner_only);
  ADD ("/core/workspace/failed-migration-unchanged", test_failed_migration_unchanged);
  ADD ("/core/workspace/undo-redo-exact", test_undo_redo_exact);
  ADD ("/core/workspace/purge-leaves-no-step", test_purge_leaves_no_step);
  ADD ("/core/workspace/redo-in-order", test_redo_in_order);
  ADD ("/core/workspace/undo-conflict", test_undo_conflict);
  ADD ("/core/workspace/rollback-on-drop", test_rollback_on_drop);
  ADD ("/core/workspace/audit-and-changed", test_audit_and_changed);
  ADD ("/core/workspace/bad-files", test_bad_files);
  ADD ("/core/workspace/not-stead", test_not_stead);
  ADD ("/core/workspace/too-new", test_too_new);
  ADD ("/core/workspace/check", test_check);
  ADD ("/core/workspace/check-spatial-index", test_check_spatial_index);
  ADD ("/core/workspace/demo-deterministic", test_demo_deterministic);
  ADD ("/core/workspace/demo-audited-not-undoable", test_demo_audited_not_undoable);
  ADD ("/core/workspace/follow", test_follow);
  ADD ("/core/workspace/feature-table/one-line", test_one_line_feature_table);
  ADD ("/core/workspace/feature-table/failed-says-why", test_failed_feature_table_says_why);
  ADD ("/core/workspace/feature-table/refuses-bad-tables", test_refuses_bad_tables);
  ADD ("/core/workspace/feature-table/not-from-triggers-or-views",
       test_not_from_triggers_or_views);
  ADD ("/core/workspace/search", test_search);

  return g_test_run ();
}
