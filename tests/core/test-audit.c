/* test-audit.c: the change log is append-only, against every write SQL allows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is written with SQLite directly, as any other program that
 * opens a GeoPackage could, and read back the same way: the oracle shares
 * nothing with the workspace code.
 */

#include "config.h"

#include <string.h>

#include "stead-test-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
audited_edit (SteadWorkspace *ws,
              const char     *code)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (stead_workspace_edit (ws, "core", "Add a need kind",
                                         "INSERT INTO taxonomy (vocabulary, code, label) "
                                         "VALUES ('need-kind', ?, 'Audit test')",
                                         STEAD_ARGS (STEAD_TEXT (code)), &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadWorkspace) ws = NULL;

  f->dir = g_dir_make_tmp ("stead-audit-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "area.gpkg", NULL);
  ws = stead_workspace_create (f->path, "Testshire", NULL, &error);
  g_assert_no_error (error);
  audited_edit (ws, "audit-one");
  audited_edit (ws, "audit-two");
  stead_workspace_close (ws);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  stead_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  return db;
}

/* Every audit row, every column, in id order. */
static char *
audit_rows (sqlite3 *db)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT * FROM stead_audit ORDER BY id", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (out, "%s|", sqlite3_column_text (stmt, i));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_refused (sqlite3    *db,
                const char *sql)
{
  g_autofree char *before = audit_rows (db);
  g_autofree char *after = NULL;
  char *message = NULL;

  g_test_message ("%s", sql);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, &message), !=, SQLITE_OK);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "append-only"));
  sqlite3_free (message);
  after = audit_rows (db);
  g_assert_cmpstr (after, ==, before);
}

#define ROW_1 "(1, 1, '2000-01-01T00:00:00.000Z', 'core', 'need', 'insert', 1, 'rewritten')"

static void
test_rows_immutable (Fixture       *f,
                     gconstpointer  data)
{
  sqlite3 *db = open_raw (f->path);
  g_autofree char *rows = audit_rows (db);

  /* The two edits, as the workspace wrote them. */
  g_assert_nonnull (strstr (rows, "|Add a need kind|\n"));
  g_assert_nonnull (strstr (rows, "1|1|"));

  assert_refused (db, "INSERT OR REPLACE INTO stead_audit VALUES " ROW_1);
  assert_refused (db, "REPLACE INTO stead_audit VALUES " ROW_1);
  assert_refused (db, "INSERT OR IGNORE INTO stead_audit VALUES " ROW_1);
  assert_refused (db, "INSERT INTO stead_audit VALUES " ROW_1
                      " ON CONFLICT (id) DO UPDATE SET summary = excluded.summary");
  assert_refused (db, "INSERT OR REPLACE INTO stead_audit "
                      "SELECT id, txn, time, owner, table_name, action, rows, 'rewritten' "
                      "FROM stead_audit");
  assert_refused (db, "UPDATE stead_audit SET summary = 'rewritten'");
  assert_refused (db, "UPDATE OR REPLACE stead_audit SET id = 1 WHERE id = 2");
  assert_refused (db, "DELETE FROM stead_audit WHERE id = 1");
  assert_refused (db, "DELETE FROM stead_audit");
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA recursive_triggers = ON", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  assert_refused (db, "INSERT OR REPLACE INTO stead_audit VALUES " ROW_1);

  /* A plain INSERT of a new id is the one write allowed. */
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO stead_audit VALUES (1000, 9, "
                                     "'2000-01-01T00:00:00.000Z', 'core', 'need', 'insert', 1, "
                                     "'new')", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO stead_audit (txn, time, owner, table_name, "
                                     "action, rows, summary) VALUES (10, "
                                     "'2000-01-01T00:00:00.000Z', 'core', 'need', 'insert', 1, "
                                     "'new')", NULL, NULL, NULL), ==, SQLITE_OK);
  {
    g_autofree char *after = audit_rows (db);

    g_assert_true (g_str_has_prefix (after, rows));
    g_assert_nonnull (strstr (after + strlen (rows), "1000|9|"));
    g_assert_nonnull (strstr (after + strlen (rows), "1001|10|"));
  }
  sqlite3_close (db);

  /* The workspace's own audit rows still go in. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SteadWorkspace) ws = stead_workspace_open (f->path, NULL, &error);

    g_assert_no_error (error);
    audited_edit (ws, "audit-three");
    g_assert_cmpint (stead_test_count (ws, "SELECT count (*) FROM stead_audit"), ==, 5);
    stead_workspace_close (ws);
  }
}

static gint64
count_triggers (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT count (*) FROM sqlite_master WHERE type = 'trigger' "
                                       "AND tbl_name = 'stead_audit' AND name IN "
                                       "('stead_audit_no_update', 'stead_audit_no_delete', "
                                       "'stead_audit_no_replace')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* A workspace made before 005 (core schema 4) gets the triggers when it
 * is opened, one of 002's lost on the way too, and REPLACE is refused
 * there as well. */
static void
test_older_workspace_migrated (Fixture       *f,
                               gconstpointer  data)
{
  sqlite3 *db = open_raw (f->path);

  g_assert_cmpint (count_triggers (db), ==, 3);
  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TRIGGER stead_audit_no_replace; "
                                 "DROP TRIGGER stead_audit_no_update; "
                                 "DELETE FROM stead_schema WHERE owner = 'core' AND version = 5",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (count_triggers (db), ==, 1);
  sqlite3_close (db);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SteadWorkspace) ws = stead_workspace_open (f->path, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (stead_workspace_get_schema_version (ws, "core"), >=, 5);
    stead_workspace_close (ws);
  }
  db = open_raw (f->path);
  g_assert_cmpint (count_triggers (db), ==, 3);
  assert_refused (db, "INSERT OR REPLACE INTO stead_audit VALUES " ROW_1);
  assert_refused (db, "UPDATE stead_audit SET summary = 'rewritten'");
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/audit/rows-immutable", Fixture, NULL, fixture_setup, test_rows_immutable,
              fixture_teardown);
  g_test_add ("/audit/older-workspace-migrated", Fixture, NULL, fixture_setup,
              test_older_workspace_migrated, fixture_teardown);

  return g_test_run ();
}
