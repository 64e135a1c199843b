/* test-output.c: files Stead writes are whole or not there, never over the workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "stead-test-util.h"

typedef struct
{
  char *dir;
  char *dest;      /* dir/out.csv */
  char *ws;        /* dir/area.gpkg, a stand-in: only its bytes matter */
  mode_t umask;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("stead-output-XXXXXX", &error);
  g_assert_no_error (error);
  f->dest = g_build_filename (f->dir, "out.csv", NULL);
  f->ws = g_build_filename (f->dir, "area.gpkg", NULL);
  g_file_set_contents (f->ws, "SQLite format 3, the workspace", -1, &error);
  g_assert_no_error (error);
  f->umask = umask (022);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  umask (f->umask);
  stead_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->dest);
  g_free (f->ws);
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static SteadOutput *
open_output (const char       *path,
             SteadOutputFlags  flags,
             GOutputStream   **stream)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SteadOutput *output = stead_output_new (file, flags);

  *stream = stead_output_open (output, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*stream);
  return output;
}

/* Until the commit the old file is there as it was; then the new one is,
 * and nothing else is left in the folder. */
static void
test_replaces_whole (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SteadOutput) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *during = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  GOutputStream *stream;

  g_file_set_contents (f->dest, "old\n", -1, &error);
  g_assert_no_error (error);
  before = stead_test_list_dir (f->dir);
  output = open_output (f->dest, STEAD_OUTPUT_FLAGS_NONE, &stream);
  g_assert_true (g_output_stream_write_all (stream, "new\n", 4, NULL, NULL, &error));
  g_assert_no_error (error);

  text = read_text (f->dest);
  g_assert_cmpstr (text, ==, "old\n");
  g_clear_pointer (&text, g_free);
  during = stead_test_list_dir (f->dir);
  g_assert_cmpstr (during, !=, before);   /* the temporary file, beside */

  g_assert_true (stead_output_commit (output, NULL, &error));
  g_assert_no_error (error);
  text = read_text (f->dest);
  g_assert_cmpstr (text, ==, "new\n");
  after = stead_test_list_dir (f->dir);
  g_assert_cmpstr (after, ==, "area.gpkg out.csv");
}

/* An error (the output dropped), or Cancel: the old file as it was,
 * nothing beside it; and no file at all where there was none. */
static void
test_failure_leaves_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh = g_build_filename (f->dir, "fresh.csv", NULL);

  g_file_set_contents (f->dest, "old\n", -1, &error);
  g_assert_no_error (error);
  {
    g_autoptr(SteadOutput) output = NULL;
    GOutputStream *stream;

    output = open_output (f->dest, STEAD_OUTPUT_FLAGS_PERSONAL, &stream);
    g_assert_true (g_output_stream_write_all (stream, "half a fi", 9, NULL, NULL, NULL));
  }
  {
    g_autofree char *text = read_text (f->dest);
    g_autofree char *names = stead_test_list_dir (f->dir);

    g_assert_cmpstr (text, ==, "old\n");
    g_assert_cmpstr (names, ==, "area.gpkg out.csv");
  }
  {
    g_autoptr(SteadOutput) output = NULL;
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autofree char *text = NULL;
    g_autofree char *names = NULL;
    GOutputStream *stream;

    output = open_output (f->dest, STEAD_OUTPUT_FLAGS_NONE, &stream);
    g_assert_true (g_output_stream_write_all (stream, "all of it\n", 10, NULL, NULL, NULL));
    g_cancellable_cancel (cancellable);
    g_assert_false (stead_output_commit (output, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    text = read_text (f->dest);
    names = stead_test_list_dir (f->dir);
    g_assert_cmpstr (text, ==, "old\n");
    g_assert_cmpstr (names, ==, "area.gpkg out.csv");
  }
  {
    g_autoptr(SteadOutput) output = NULL;
    g_autofree char *names = NULL;
    GOutputStream *stream;

    output = open_output (fresh, STEAD_OUTPUT_FLAGS_NONE, &stream);
    g_assert_true (g_output_stream_write_all (stream, "half", 4, NULL, NULL, NULL));
    stead_output_abandon (output);
    names = stead_test_list_dir (f->dir);
    g_assert_cmpstr (names, ==, "area.gpkg out.csv");
  }
}

static guint
commit_mode (const char       *path,
             SteadOutputFlags  flags)
{
  g_autoptr(SteadOutput) output = NULL;
  g_autoptr(GError) error = NULL;
  GOutputStream *stream;

  output = open_output (path, flags, &stream);
  g_assert_true (g_output_stream_write_all (stream, "x\n", 2, NULL, NULL, &error));
  g_assert_true (stead_output_commit (output, NULL, &error));
  g_assert_no_error (error);
  return stead_test_file_mode (path);
}

/* Personal data is 0600 whatever the umask, over an existing 0644 file
 * too; the rest is 0644 less the umask. */
static void
test_modes (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *other = g_build_filename (f->dir, "other.csv", NULL);

  umask (0);
  g_assert_cmpuint (commit_mode (f->dest, STEAD_OUTPUT_FLAGS_NONE), ==, 0644);
  g_assert_cmpuint (commit_mode (f->dest, STEAD_OUTPUT_FLAGS_PERSONAL), ==, 0600);
  g_assert_cmpuint (commit_mode (other, STEAD_OUTPUT_FLAGS_PERSONAL), ==, 0600);
  umask (022);
  g_assert_cmpuint (commit_mode (other, STEAD_OUTPUT_FLAGS_NONE), ==, 0644);
  umask (077);
  g_assert_cmpuint (commit_mode (other, STEAD_OUTPUT_FLAGS_NONE), ==, 0600);
}

/* Refused before anything is created: the protected file's bytes and the
 * folder as they were. */
static void
assert_refused (Fixture    *f,
                const char *dest,
                GFile      *input,
                int         code,
                const char *message_part)
{
  g_autoptr(GFile) file = g_file_new_for_path (dest);
  g_autoptr(SteadOutput) output = stead_output_new (file, STEAD_OUTPUT_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = stead_test_list_dir (f->dir);
  g_autofree char *after = NULL;
  g_autofree char *ws = NULL;

  stead_output_protect_workspace (output, f->ws);
  if (input != NULL)
    stead_output_protect (output, input);
  g_assert_false (stead_output_check (output, &error));
  g_assert_error (error, G_IO_ERROR, code);
  g_assert_nonnull (strstr (error->message, message_part));
  g_clear_error (&error);
  g_assert_null (stead_output_open (output, &error));
  g_assert_error (error, G_IO_ERROR, code);
  after = stead_test_list_dir (f->dir);
  g_assert_cmpstr (after, ==, before);
  ws = read_text (f->ws);
  g_assert_cmpstr (ws, ==, "SQLite format 3, the workspace");
}

static void
test_protects (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *spelled = g_build_filename (f->dir, ".", "area.gpkg", NULL);
  g_autofree char *hard = g_build_filename (f->dir, "hard.gpkg", NULL);
  g_autofree char *soft = g_build_filename (f->dir, "soft.gpkg", NULL);
  g_autofree char *wal = g_strconcat (f->ws, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->ws, "-shm", NULL);
  g_autofree char *link_dir = g_build_filename (f->dir, "same-folder", NULL);
  g_autofree char *linked_wal = g_build_filename (link_dir, "area.gpkg-wal", NULL);
  g_autofree char *input_path = g_build_filename (f->dir, "needs.csv", NULL);
  g_autofree char *input_hard = g_build_filename (f->dir, "needs-hard.csv", NULL);
  g_autofree char *input_soft = g_build_filename (f->dir, "needs-soft.csv", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder", NULL);
  g_autofree char *fifo = g_build_filename (f->dir, "fifo", NULL);
  g_autoptr(GFile) input = NULL;

  g_assert_cmpint (link (f->ws, hard), ==, 0);
  g_assert_cmpint (symlink (f->ws, soft), ==, 0);
  g_assert_cmpint (symlink (f->dir, link_dir), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_true (g_file_set_contents (input_path, "kind\nfood\n", -1, NULL));
  input = g_file_new_for_path (input_path);
  g_assert_cmpint (link (input_path, input_hard), ==, 0);
  g_assert_cmpint (symlink (input_path, input_soft), ==, 0);

  assert_refused (f, f->ws, NULL, G_IO_ERROR_EXISTS, "is the workspace");
  assert_refused (f, spelled, NULL, G_IO_ERROR_EXISTS, "is the workspace");
  assert_refused (f, hard, NULL, G_IO_ERROR_EXISTS, "is the workspace");
  assert_refused (f, soft, NULL, G_IO_ERROR_EXISTS, "is the workspace");
  /* Not there while the workspace is closed, refused all the same. */
  assert_refused (f, wal, NULL, G_IO_ERROR_EXISTS, "belongs to the workspace");
  assert_refused (f, shm, NULL, G_IO_ERROR_EXISTS, "belongs to the workspace");
  assert_refused (f, linked_wal, NULL, G_IO_ERROR_EXISTS, "belongs to the workspace");
  assert_refused (f, input_path, input, G_IO_ERROR_EXISTS, "this command reads");
  assert_refused (f, input_hard, input, G_IO_ERROR_EXISTS, "this command reads");
  assert_refused (f, input_soft, input, G_IO_ERROR_EXISTS, "this command reads");
  assert_refused (f, folder, NULL, G_IO_ERROR_IS_DIRECTORY, "folder");
  /* Checked, never opened: a FIFO would hang. */
  assert_refused (f, fifo, NULL, G_IO_ERROR_NOT_REGULAR_FILE, "not a regular file");
  {
    g_autofree char *text = read_text (input_path);

    g_assert_cmpstr (text, ==, "kind\nfood\n");
  }
  /* A file of the same name in another folder is another file. */
  {
    g_autofree char *sub = g_build_filename (f->dir, "sub", NULL);
    g_autofree char *other = g_build_filename (sub, "area.gpkg", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (other);
    g_autoptr(SteadOutput) output = stead_output_new (file, STEAD_OUTPUT_FLAGS_NONE);
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
    stead_output_protect_workspace (output, f->ws);
    g_assert_true (stead_output_check (output, &error));
    g_assert_no_error (error);
  }
}

/* A plain SQLite table of @n rows, closed. */
static void
make_table (const char *path,
            guint       n)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); BEGIN",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO t (v) VALUES (printf ('%0100d', ?))", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < n; i++)
    {
      sqlite3_bind_int (stmt, 1, i);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static guint
read_all (const char  *path,
          GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  SteadRows rows;
  guint n = 0;
  gboolean ok;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, v FROM t ORDER BY id", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  rows = (SteadRows) STEAD_ROWS_INIT (stmt, "t");
  while (stead_rows_next (&rows))
    {
      g_assert_cmpuint (rows.n_rows, ==, n);
      n++;
    }
  ok = stead_rows_end (&rows, error);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_true (ok == (error == NULL || *error == NULL));
  return n;
}

/* A damaged page ends the loop with an error naming the table and the
 * row it reached; the oracle counts the rows in the b-tree's bytes. */
static void
test_rows_corrupt (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "t.db", NULL);
  g_autofree char *reached = NULL;
  g_autoptr(GError) error = NULL;
  guint before;

  make_table (db, 3000);
  g_assert_cmpuint (read_all (db, &error), ==, 3000);
  g_assert_no_error (error);

  before = stead_test_corrupt_table (db, "t");
  g_assert_cmpuint (before, >, 0);
  g_assert_cmpuint (before, <, 3000);
  g_assert_cmpuint (read_all (db, &error), ==, before);
  g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_CORRUPT);
  reached = g_strdup_printf ("“t” at row %u:", before + 1);
  g_assert_nonnull (strstr (error->message, reached));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/output/replaces-whole", Fixture, NULL, fixture_setup, test_replaces_whole,
              fixture_teardown);
  g_test_add ("/output/failure-leaves-nothing", Fixture, NULL, fixture_setup,
              test_failure_leaves_nothing, fixture_teardown);
  g_test_add ("/output/modes", Fixture, NULL, fixture_setup, test_modes, fixture_teardown);
  g_test_add ("/output/protects", Fixture, NULL, fixture_setup, test_protects, fixture_teardown);
  g_test_add ("/output/rows-corrupt", Fixture, NULL, fixture_setup, test_rows_corrupt,
              fixture_teardown);

  return g_test_run ();
}
