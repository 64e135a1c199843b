/* test-safe-open.c: a workspace is never refused when SQLite can read it, and reading never writes
 *
 * Each case is a state a real workspace gets into: a commit whose
 * checkpoint was cut short (kill -9, a disk that filled), a damaged page,
 * a newer Stead's schema, a FIFO or folder given as the workspace, a
 * read-only file or folder (as a user who is not root). The oracles are
 * the rows the test itself put in, the file's bytes, and SQLite's own
 * reading of the WAL, never the code under test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE /* unshare () */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "stead.h"
#include "stead-test-util.h"
#include "stead-workspace-private.h"

#define NOBODY 65534

typedef struct
{
  char *dir;
  char *path;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("stead-safe-open-XXXXXX", &error);
  g_assert_no_error (error);
  /* Others (the tests' user "nobody") may look in, not write. */
  g_chmod (f->dir, 0755);
  f->path = g_build_filename (f->dir, "area.gpkg", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  stead_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Runs stead-cli (as @uid unless it is 0) with the in-tree plugins
 * (partners, risks); fails the test if it has not finished in 20 s: a
 * command that waits on a FIFO or behind a writer is a bug. */
static Result
run_as (uid_t        uid,
        const char  *first,
        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *err_path = NULL;
  g_autofree char *redirect = NULL;
  Result r = { 0 };
  int out_fd, err_fd;
  gint64 deadline;
  int wait_status = 0;
  GPid pid;
  va_list args;

  if (uid != 0)
    {
      g_autofree char *id = g_strdup_printf ("%u", (unsigned) uid);

      g_ptr_array_add (argv, g_strdup ("setpriv"));
      g_ptr_array_add (argv, g_strdup_printf ("--reuid=%s", id));
      g_ptr_array_add (argv, g_strdup_printf ("--regid=%s", id));
      g_ptr_array_add (argv, g_strdup ("--clear-groups"));
    }
  g_ptr_array_add (argv, g_strdup (g_getenv ("STEAD_CLI")));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_setenv (envp, "STEAD_PLUGIN_PATH", g_getenv ("STEAD_INTREE_PLUGIN_DIR"), TRUE);
  envp = g_environ_setenv (envp, "HOME", "/nonexistent", TRUE);

  out_fd = g_file_open_tmp ("stead-out-XXXXXX", &out_path, &error);
  g_assert_no_error (error);
  err_fd = g_file_open_tmp ("stead-err-XXXXXX", &err_path, &error);
  g_assert_no_error (error);
  g_spawn_async_with_fds (NULL, (char **) argv->pdata, envp,
                          G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH, NULL, NULL, &pid, -1,
                          out_fd, err_fd, &error);
  g_assert_no_error (error);
  close (out_fd);
  close (err_fd);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (waitpid (pid, &wait_status, WNOHANG) == 0)
    {
      if (g_get_monotonic_time () > deadline)
        {
          kill (pid, SIGKILL);
          waitpid (pid, &wait_status, 0);
          g_error ("stead-cli %s did not finish in 20 s", first);
        }
      g_usleep (2000);
    }
  g_spawn_close_pid (pid);
  g_file_get_contents (out_path, &r.out, NULL, NULL);
  g_file_get_contents (err_path, &r.err, NULL, NULL);
  g_unlink (out_path);
  g_unlink (err_path);
  g_assert_true (WIFEXITED (wait_status));
  r.status = WEXITSTATUS (wait_status);
  return r;
}

#define run(...) run_as (0, __VA_ARGS__, NULL)
#define run_nobody(...) run_as (NOBODY, __VA_ARGS__, NULL)

static gboolean
can_be_nobody (void)
{
  g_autofree char *setpriv = g_find_program_in_path ("setpriv");

  return geteuid () == 0 && setpriv != NULL;
}

static char *
checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return g_strdup ("(none)");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *) contents, len);
}

static gint64
file_size (const char *path,
           const char *suffix)
{
  g_autofree char *name = g_strconcat (path, suffix, NULL);
  GStatBuf st;

  return g_stat (name, &st) == 0 ? (gint64) st.st_size : -1;
}

/* What a user checks in a workspace: its rows, as `info --json` says. */
static gint64
info_rows (uid_t       uid,
           const char *ws,
           const char *table)
{
  g_auto(Result) r = run_as (uid, "info", ws, "--json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *tables;

  if (r.status != 0)
    g_error ("info %s failed: %s", ws, r.err);
  json_parser_load_from_data (parser, r.out, -1, &error);
  g_assert_no_error (error);
  tables = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                          "tables");
  return json_object_get_int_member (tables, table);
}

/* The rows an independent reader, SQLite itself with no Stead code, sees. */
static gint64
sqlite_rows (const char *ws,
             const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (ws, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
make_demo (const char *ws,
           const char *scale)
{
  g_auto(Result) r = run ("demo", ws, "--scale", scale);

  g_assert_cmpint (r.status, ==, 0);
}

static char *
write_needs_csv (const char *dir,
                 const char *name,
                 guint       n,
                 const char *prefix)
{
  g_autoptr(GString) rows = g_string_new ("kind,title,longitude,latitude\n");
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (rows, "food,%s %u,-2.%06u,51.9%05u\n", prefix, i, 100000 + i * 7, i);
  g_file_set_contents (path, rows->str, rows->len, &error);
  g_assert_no_error (error);
  g_chmod (path, 0644);
  return path;
}

/* ------------------------------------------------------------------------ */
/* A commit whose checkpoint was cut short                                  */

/* In a child: @n needs committed, then kill -9 before SQLite copies them
 * from the WAL into the file (the automatic checkpoint is off, as if the
 * process died first). */
static void
commit_then_die (const char *ws,
                 guint       n)
{
  pid_t pid = fork ();
  int status;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(SteadTransaction) txn = NULL;
      SteadWorkspace *workspace = stead_workspace_open (ws, NULL, NULL);

      if (workspace == NULL)
        _exit (3);
      sqlite3_exec (stead_workspace_get_db (workspace), "PRAGMA wal_autocheckpoint = 0", NULL,
                    NULL, NULL);
      txn = stead_workspace_begin (workspace, "core", "Needs before the crash", NULL);
      for (guint i = 0; txn != NULL && i < n; i++)
        {
          g_autofree char *title = g_strdup_printf ("Crash need %u", i);

          if (stead_transaction_insert_need (txn, "food", title, -2.1 - i * 1e-4, 51.99, 1, 2,
                                             "open", 1700000000, NULL, 0, NULL) <= 0)
            _exit (4);
        }
      if (txn == NULL || !stead_transaction_commit (g_steal_pointer (&txn), NULL))
        _exit (5);
      kill (getpid (), SIGKILL);
      _exit (6);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* What a checkpoint cut short leaves: SQLite copies the WAL's committed
 * pages into the file in page order, page 1 (with the new page count)
 * first, and here stops where the file would have to grow (the disk
 * filled, or the power went). The WAL stays complete. */
static void
cut_checkpoint_short (const char *ws)
{
  g_autofree char *wal_path = g_strconcat (ws, "-wal", NULL);
  g_autofree char *wal = NULL;
  g_autoptr(GHashTable) last = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) pending = g_hash_table_new (NULL, NULL);
  gsize wal_len;
  guint32 page_size;
  gint64 size = file_size (ws, "");
  int fd;

  g_assert_true (g_file_get_contents (wal_path, &wal, &wal_len, NULL));
  g_assert_cmpuint (wal_len, >, 32);
  page_size = read_be32 ((const guint8 *) wal + 8);
  for (gsize off = 32; off + 24 + page_size <= wal_len; off += 24 + page_size)
    {
      const guint8 *frame = (const guint8 *) wal + off;
      GHashTableIter iter;
      gpointer key, value;

      /* Frames of this WAL carry its salts. */
      if (memcmp (frame + 8, wal + 16, 8) != 0)
        break;
      g_hash_table_insert (pending, GUINT_TO_POINTER (read_be32 (frame)),
                           GSIZE_TO_POINTER (off + 24));
      if (read_be32 (frame + 4) == 0)
        continue;
      /* A commit frame: what came before it is committed. */
      g_hash_table_iter_init (&iter, pending);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (last, key, value);
      g_hash_table_remove_all (pending);
    }

  fd = g_open (ws, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  for (GList *l = g_hash_table_get_keys (last); l != NULL; l = g_list_delete_link (l, l))
    {
      guint32 pgno = GPOINTER_TO_UINT (l->data);
      gsize from = GPOINTER_TO_SIZE (g_hash_table_lookup (last, l->data));

      if ((gint64) (pgno - 1) * page_size < size)
        g_assert_cmpint (pwrite (fd, wal + from, page_size, (off_t) (pgno - 1) * page_size), ==,
                         page_size);
    }
  close (fd);
}

static gboolean
header_outgrows_file (const char *ws)
{
  guint8 header[100];
  int fd = g_open (ws, O_RDONLY, 0);
  guint32 page_size;

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (read (fd, header, sizeof header), ==, sizeof header);
  close (fd);
  page_size = ((guint32) header[16] << 8) | header[17];
  return (guint64) read_be32 (header + 28) * page_size > (guint64) file_size (ws, "");
}

static void
test_checkpoint_cut_short (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *csv = write_needs_csv (f->dir, "more.csv", 10, "After");
  g_autofree char *out = g_build_filename (f->dir, "needs-out.csv", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *main_sum = NULL;
  g_autofree char *wal_sum = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  gint64 before;

  make_demo (f->path, "50");
  before = sqlite_rows (f->path, "need");
  commit_then_die (f->path, 3000);
  cut_checkpoint_short (f->path);

  /* The state that was refused as "truncated": page 1 counts more pages
   * than the file has; the rest are in the WAL. */
  g_assert_true (header_outgrows_file (f->path));
  g_assert_cmpint (file_size (f->path, "-wal"), >, 32);
  g_assert_cmpint (sqlite_rows (f->path, "need"), ==, before + 3000);
  main_sum = checksum (f->path);
  wal_sum = checksum (wal);

  /* Every command opens it, and the committed needs are there. */
  g_assert_cmpint (info_rows (0, f->path, "need"), ==, before + 3000);
  {
    g_auto(Result) r = run ("check", f->path);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "OK"));
  }
  {
    g_auto(Result) r = run ("export", f->path, "--format", "needs-csv", "--output", out);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
    lines = g_strsplit (g_strstrip (text), "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, before + 3000 + 1);
  }
  {
    g_auto(Result) r = run ("search", f->path, "Tewkesbury");
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Result) r = run ("report", f->path, "--output", pdf);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpint (file_size (pdf, ""), >, 1000);
  }
  {
    g_auto(Result) r = run ("import", f->path, csv, "--format", "needs-csv", "--dry-run");
    g_assert_cmpint (r.status, ==, 0);
  }

  /* Reading left the file and its WAL as they were. */
  {
    g_autofree char *main_after = checksum (f->path);
    g_autofree char *wal_after = checksum (wal);

    g_assert_cmpstr (main_after, ==, main_sum);
    g_assert_cmpstr (wal_after, ==, wal_sum);
  }

  /* Editing works, and completes the checkpoint when it closes. */
  {
    g_auto(Result) r = run ("import", f->path, csv, "--format", "needs-csv");
    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_false (header_outgrows_file (f->path));
  g_assert_true (file_size (f->path, "-wal") <= 0);
  g_assert_cmpint (sqlite_rows (f->path, "need"), ==, before + 3000 + 10);
  {
    g_auto(Result) r = run ("check", f->path);
    g_assert_cmpint (r.status, ==, 0);
  }
}

/* The same in the library: opened for editing, read-only, and after the
 * kill alone (the WAL complete, the file as before the commit). */
static void
test_killed_before_checkpoint (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 before;

  make_demo (f->path, "20");
  before = sqlite_rows (f->path, "need");
  commit_then_die (f->path, 500);
  g_assert_false (header_outgrows_file (f->path));

  {
    g_autoptr(SteadWorkspace) ws =
      stead_workspace_open_full (f->path, NULL, STEAD_WORKSPACE_OPEN_READ_ONLY, &error);

    g_assert_no_error (error);
    g_assert_cmpint (stead_workspace_count_rows (ws, "need"), ==, before + 500);
    g_assert_true (stead_workspace_is_read_only (ws));
    g_assert_null (stead_workspace_get_read_only_reason (ws));
  }
  cut_checkpoint_short (f->path);
  {
    g_autoptr(SteadWorkspace) ws = stead_workspace_open (f->path, NULL, &error);

    g_assert_no_error (error);
    g_assert_false (stead_workspace_is_read_only (ws));
    g_assert_cmpint (stead_workspace_count_rows (ws, "need"), ==, before + 500);
  }
  g_assert_false (header_outgrows_file (f->path));
}

/* A file really cut short (pages in neither the file nor a WAL) is
 * refused, saying so and naming the backup to restore. */
static void
test_truncated_names_backup (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *backup = g_strconcat (f->path, ".backup-20240101-120000", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  make_demo (f->path, "200");
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (backup, contents, len, NULL));
  g_assert_true (g_file_set_contents (f->path, contents, len / 2, NULL));

  g_assert_null (stead_workspace_open (f->path, NULL, &error));
  g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_SQLITE);
  g_assert_nonnull (strstr (error->message, "truncated"));
  g_assert_nonnull (strstr (error->message, backup));
}

/* ------------------------------------------------------------------------ */
/* A disk that fills                                                         */

/* A tmpfs of 2 MiB at @dir, in a mount namespace of this process's own. */
static gboolean
mount_tmpfs (const char *dir)
{
  g_mkdir (dir, 0755);
  return unshare (CLONE_NEWNS) == 0 && mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0 &&
         mount ("tmpfs", dir, "tmpfs", 0, "size=2m") == 0;
}

static gboolean
can_mount_tmpfs (const char *dir)
{
  pid_t pid;
  int status;

  if (geteuid () != 0)
    return FALSE;
  pid = fork ();
  if (pid == 0)
    _exit (mount_tmpfs (dir) ? 0 : 1);
  return pid > 0 && waitpid (pid, &status, 0) == pid && WIFEXITED (status) &&
         WEXITSTATUS (status) == 0;
}

static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *mnt = g_build_filename (f->dir, "small-disk", NULL);
  g_autofree char *ws = g_build_filename (mnt, "area.gpkg", NULL);
  g_autofree char *filler = g_build_filename (mnt, "filler", NULL);
  g_autofree char *big = write_needs_csv (f->dir, "big.csv", 20000, "Big");
  g_autofree char *small = write_needs_csv (f->dir, "small.csv", 400, "Small");
  g_autofree char *after_full = NULL;

  if (!g_test_subprocess ())
    {
      if (!can_mount_tmpfs (mnt))
        {
          g_test_skip ("needs root, and a mount namespace, to mount a small tmpfs");
          return;
        }
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  /* A 2 MiB disk of this process's own: gone when it exits. */
  g_assert_true (mount_tmpfs (mnt));

  {
    g_auto(Result) r = run ("new", ws);
    g_assert_cmpint (r.status, ==, 0);
  }
  /* All but 200 KiB taken. */
  {
    g_autofree char *zeros = g_malloc0 (1024);
    FILE *fill = fopen (filler, "w");

    g_assert_nonnull (fill);
    while (fwrite (zeros, 1, 1024, fill) == 1024 && fflush (fill) == 0)
      ;
    fclose (fill);
    g_assert_cmpint (truncate (filler, file_size (filler, "") - 200 * 1024), ==, 0);
  }

  /* An import the disk cannot hold fails, says so, and changes nothing. */
  {
    g_auto(Result) r = run ("import", ws, big, "--format", "needs-csv");

    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "disk is full"));
    g_assert_nonnull (strstr (r.err, "Nothing was imported"));
    /* What the file would add, never what was added. */
    g_assert_null (strstr (r.out, "rows added"));
    g_assert_null (strstr (r.out, "Added:"));
  }
  g_assert_cmpint (info_rows (0, ws, "need"), ==, 0);

  /* One whose commit fits in the WAL, but not the checkpoint that would
   * grow the file: committed, and every command still opens it. */
  {
    g_auto(Result) r = run ("import", ws, small, "--format", "needs-csv");
    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_true (header_outgrows_file (ws));
  after_full = checksum (ws);
  g_assert_cmpint (info_rows (0, ws, "need"), ==, 400);
  {
    g_auto(Result) r = run ("check", ws);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Result) r = run ("search", ws, "Small");
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_autofree char *now = checksum (ws);
    g_assert_cmpstr (now, ==, after_full);
  }

  /* Space freed: the next edit completes the checkpoint. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  g_assert_cmpint (info_rows (0, ws, "need"), ==, 400);
  {
    g_autofree char *more = write_needs_csv (f->dir, "more.csv", 100, "More");
    g_auto(Result) r = run ("import", ws, more, "--format", "needs-csv");

    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_false (header_outgrows_file (ws));
  g_assert_cmpint (sqlite_rows (ws, "need"), ==, 500);
  {
    g_auto(Result) r = run ("check", ws);
    g_assert_cmpint (r.status, ==, 0);
  }
}

/* ------------------------------------------------------------------------ */
/* What is not a file                                                        */

static void
test_not_a_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.gpkg", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder.gpkg", NULL);
  g_autofree char *csv = write_needs_csv (f->dir, "needs.csv", 2, "Need");
  g_autofree char *out = g_build_filename (f->dir, "out.csv", NULL);
  const char *targets[] = { fifo, folder, "/dev/zero", NULL };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  for (guint t = 0; targets[t] != NULL; t++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_path_get_basename (targets[t]);

      /* Refused before it is opened: no wait for a writer that never comes. */
      g_assert_null (stead_workspace_open (targets[t], NULL, &error));
      g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_A_FILE);
      g_assert_nonnull (strstr (error->message, name));
      g_clear_error (&error);
      {
        g_autoptr(GPtrArray) problems = NULL;

        g_assert_false (stead_check_file (targets[t], &problems, &error));
        g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_NOT_A_FILE);
      }

      {
        g_auto(Result) info = run ("info", targets[t]);
        g_auto(Result) check = run ("check", targets[t]);
        g_auto(Result) search = run ("search", targets[t], "word");
        g_auto(Result) export = run ("export", targets[t], "--format", "needs-csv", "-o", out);
        g_auto(Result) import = run ("import", targets[t], csv, "--format", "needs-csv");
        g_auto(Result) dry = run ("import", targets[t], csv, "--format", "needs-csv", "-n");

        for (const Result *r = (const Result[]) { info, check, search, export, import, dry },
             *end = r + 6; r < end; r++)
          {
            g_assert_cmpint (r->status, ==, 1);
            g_assert_nonnull (strstr (r->err, "not a workspace file"));
          }
      }
    }
  g_assert_true (g_file_test (fifo, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* ------------------------------------------------------------------------ */
/* A newer Stead's schema                                                    */

static void
add_schema_row (const char *ws,
                const char *owner,
                int         version)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (ws, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO stead_schema (owner, version, file, applied)"
                                       " VALUES (?, ?, 'from-the-future.sql', "
                                       "'2031-01-01T00:00:00.000Z')",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, version);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_newer_schema (Fixture       *f,
                   gconstpointer  data)
{
  const char *owner = data;
  g_autofree char *expected =
    g_strdup_printf ("made by a newer Stead (%s schema 99); update Stead to edit it", owner);
  g_autofree char *csv = write_needs_csv (f->dir, "needs.csv", 5, "Need");
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  gint64 needs;

  make_demo (f->path, "30");
  add_schema_row (f->path, owner, 99);
  needs = sqlite_rows (f->path, "need");
  before = checksum (f->path);

  /* The library opens it read-only, says why, and refuses every change. */
  {
    g_autoptr(SteadPluginEngine) engine = NULL;
    g_autoptr(SteadWorkspace) ws = NULL;

    engine = stead_plugin_engine_new (NULL);
    stead_plugin_engine_load_enabled (engine);
    ws = stead_workspace_open (f->path, engine, &error);
    g_assert_no_error (error);
    g_assert_true (stead_workspace_is_read_only (ws));
    g_assert_cmpstr (stead_workspace_get_read_only_reason (ws), ==, expected);
    g_assert_cmpint (stead_workspace_count_rows (ws, "need"), ==, needs);
    g_assert_cmpint (stead_workspace_edit (ws, "core", "Rename", "UPDATE need SET title = ?",
                                           STEAD_ARGS (STEAD_TEXT ("x")), &error), ==, 0);
    g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_READ_ONLY);
    g_assert_nonnull (strstr (error->message, expected));
    g_clear_error (&error);
    g_assert_false (stead_workspace_set_area_name (ws, "Elsewhere", &error));
    g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_READ_ONLY);
    g_clear_error (&error);
  }

  /* The CLI's read commands work and say edits are off; writing refuses. */
  g_assert_cmpint (info_rows (0, f->path, "need"), ==, needs);
  {
    g_auto(Result) r = run ("info", f->path);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.err, expected));
    g_assert_nonnull (strstr (r.err, "edits are off"));
  }
  {
    g_auto(Result) r = run ("search", f->path, "Tewkesbury");
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Result) r = run ("import", f->path, csv, "--format", "needs-csv", "--dry-run");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.err, "edits are off"));
  }
  {
    g_auto(Result) r = run ("import", f->path, csv, "--format", "needs-csv");
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, expected));
    g_assert_nonnull (strstr (r.err, "area.gpkg"));
  }
  {
    g_autofree char *after = checksum (f->path);

    g_assert_cmpstr (after, ==, before);
    g_assert_cmpint (sqlite_rows (f->path, "need"), ==, needs);
  }
}

/* ------------------------------------------------------------------------ */
/* A damaged page                                                            */

/* Noise over pages in the middle of the file, where the needs are. */
static void
damage_pages (const char *ws)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (ws, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 64 * 4096);
  for (gsize i = 0; i < 4 * 4096; i++)
    contents[(len / 2 / 4096) * 4096 + i] = (char) (i * 131 + 7);
  g_assert_true (g_file_set_contents (ws, contents, len, NULL));
}

static void
test_damaged_page (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *csv = write_needs_csv (f->dir, "needs.csv", 5, "Need");
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;

  make_demo (f->path, "3000");
  damage_pages (f->path);
  before = checksum (f->path);

  /* Opened for editing, the quick check finds it: read-only, saying what
   * to do; nothing commits into it. */
  {
    g_autoptr(SteadWorkspace) ws = stead_workspace_open (f->path, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (stead_workspace_is_read_only (ws));
    g_assert_nonnull (strstr (stead_workspace_get_read_only_reason (ws), "damaged"));
    g_assert_nonnull (strstr (stead_workspace_get_read_only_reason (ws), "restore"));
    g_assert_cmpint (stead_workspace_edit (ws, "core", "Add", "INSERT INTO taxonomy (vocabulary, "
                                           "code, label) VALUES ('need-kind', 'x', 'X')",
                                           NULL, 0, &error), ==, 0);
    g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_READ_ONLY);
    g_clear_error (&error);
  }
  /* The same when the check runs in a thread: the change waits for it. */
  {
    g_autoptr(SteadWorkspace) ws =
      stead_workspace_open_full (f->path, NULL, STEAD_WORKSPACE_OPEN_CHECK_LATER, &error);

    g_assert_no_error (error);
    g_assert_cmpint (stead_workspace_edit (ws, "core", "Add", "INSERT INTO taxonomy (vocabulary, "
                                           "code, label) VALUES ('need-kind', 'x', 'X')",
                                           NULL, 0, &error), ==, 0);
    g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_READ_ONLY);
    g_assert_nonnull (strstr (error->message, "damaged"));
    g_assert_false (stead_workspace_is_checking (ws));
    g_clear_error (&error);
  }
  {
    g_auto(Result) r = run ("import", f->path, csv, "--format", "needs-csv");
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "damaged"));
  }
  {
    g_auto(Result) r = run ("check", f->path);
    g_assert_cmpint (r.status, ==, 1);
  }
  {
    g_autofree char *after = checksum (f->path);
    g_assert_cmpstr (after, ==, before);
  }
}

/* A sound file passes the check in its thread, and a change made meanwhile
 * waits for it and then commits. */
static void
test_check_later_then_edit (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SteadWorkspace) ws = NULL;

  make_demo (f->path, "3000");
  ws = stead_workspace_open_full (f->path, NULL, STEAD_WORKSPACE_OPEN_CHECK_LATER, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stead_workspace_edit (ws, "core", "Add", "INSERT INTO taxonomy (vocabulary, "
                                         "code, label) VALUES ('need-kind', 'x', 'X')",
                                         NULL, 0, &error), >, 0);
  g_assert_no_error (error);
  g_assert_false (stead_workspace_is_checking (ws));
  g_assert_false (stead_workspace_is_read_only (ws));
  g_assert_null (stead_workspace_get_read_only_reason (ws));
}

/* ------------------------------------------------------------------------ */
/* Reading never writes                                                      */

/* The main file's bytes are the same, and no change waits in a WAL: SQLite
 * may leave an empty one (and its -shm index) behind, nothing more. */
static void
assert_unchanged (const char *ws,
                  const char *before,
                  const char *what)
{
  g_autofree char *after = checksum (ws);

  if (g_strcmp0 (after, before) != 0)
    g_error ("%s changed the workspace file", what);
  /* Nor anything beside it: SQLite's -wal and -shm are gone with the
   * last connection. */
  if (file_size (ws, "-wal") >= 0 || file_size (ws, "-shm") >= 0)
    g_error ("%s left a -wal of %" G_GINT64_FORMAT " bytes or a -shm", what,
             file_size (ws, "-wal"));
}

static void
test_reading_never_writes (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *good = write_needs_csv (f->dir, "good.csv", 20, "Read");
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *before = NULL;
  const char * const commands[][8] = {
    { "info", NULL },
    { "info", "--json", NULL },
    { "check", NULL },
    { "search", "Tewkesbury", NULL },
    { "search", "flood", "--json", NULL },
    { "export", "--format", "needs-csv", "--output", out, NULL },
    { "export", "--format", "partners-csv", "--output", out, NULL },
    { "export", "--format", "risks-csv", "--output", out, NULL },
    { "report", "--output", pdf, NULL },
    { "import", good, "--format", "needs-csv", "--dry-run", NULL },
    { "import", bad, "--format", "needs-csv", NULL },
    { "import", bad, "--format", "needs-csv", "--dry-run", NULL },
    { "import", good, "--format", "no-such-format", NULL },
  };

  g_assert_true (g_file_set_contents (bad, "kind,title,longitude,latitude\n"
                                           "food,A,-2.1,51.9\nfood,B,-2.1,north\n", -1, NULL));
  make_demo (f->path, "300");
  /* Opened, closed and checkpointed once: its settled state. */
  {
    g_auto(Result) r = run ("import", f->path, good, "--format", "needs-csv");
    g_assert_cmpint (r.status, ==, 0);
  }
  before = checksum (f->path);

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autofree char *what = NULL;

      g_ptr_array_add (argv, (char *) commands[c][0]);
      g_ptr_array_add (argv, f->path);
      for (guint i = 1; commands[c][i] != NULL; i++)
        g_ptr_array_add (argv, (char *) commands[c][i]);
      g_ptr_array_add (argv, NULL);
      what = g_strjoinv (" ", (char **) argv->pdata);
      {
        g_auto(Result) r = { 0 };

        /* run_as takes a NULL-ended list: at most seven arguments here. */
        r = run_as (0, argv->pdata[0], argv->pdata[1], argv->len > 2 ? argv->pdata[2] : NULL,
                    argv->len > 3 ? argv->pdata[3] : NULL, argv->len > 4 ? argv->pdata[4] : NULL,
                    argv->len > 5 ? argv->pdata[5] : NULL, argv->len > 6 ? argv->pdata[6] : NULL,
                    NULL);
        g_test_message ("%s: exit %d", what, r.status);
      }
      assert_unchanged (f->path, before, what);
    }

  /* Opened by the library only to read, with the plugins' addins loaded. */
  {
    g_autoptr(SteadPluginEngine) engine = NULL;
    g_autoptr(SteadWorkspace) ws = NULL;
    g_autoptr(GError) error = NULL;

    engine = stead_plugin_engine_new (NULL);
    stead_plugin_engine_load_enabled (engine);
    ws = stead_workspace_open_full (f->path, engine, STEAD_WORKSPACE_OPEN_READ_ONLY, &error);
    g_assert_no_error (error);
    g_assert_nonnull (stead_workspace_get_addin (ws, "partners"));
    stead_workspace_close (ws);
  }
  assert_unchanged (f->path, before, "stead_workspace_open_full (READ_ONLY)");
}

/* The bytes of @gz, decompressed, at @path. */
static void
gunzip_to (const char *gz,
           const char *path)
{
  g_autoptr(GFile) in_file = g_file_new_for_path (gz);
  g_autoptr(GFile) out_file = g_file_new_for_path (path);
  g_autoptr(GZlibDecompressor) gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) raw = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  raw = G_INPUT_STREAM (g_file_read (in_file, NULL, &error));
  g_assert_no_error (error);
  in = g_converter_input_stream_new (raw, G_CONVERTER (gunzip));
  out = g_file_replace (out_file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_splice (G_OUTPUT_STREAM (out), in,
                          G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                          NULL, &error);
  g_assert_no_error (error);
}

/* SQLite's own answer, with no Stead code: one integer. */
static gint64
sqlite_int (const char *ws,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (ws, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* A workspace an earlier release wrote: every read command leaves it as
 * it is (working on a migrated copy in memory); the first edit upgrades
 * it, after a backup with its old bytes, and keeps every row. */
static void
test_upgrade_earlier_release (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *gz = g_test_build_filename (G_TEST_DIST, "data", "workspaces",
                                               "demo-core4-partners1-risks2.gpkg.gz", NULL);
  g_autofree char *good = write_needs_csv (f->dir, "good.csv", 5, "Upgrade");
  g_autofree char *out = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *backup = NULL;
  const char * const tables[] = { "need", "resource", "area", "partners_organisation",
                                  "partners_contact", "risks_risk", "stead_audit" };
  gint64 rows[G_N_ELEMENTS (tables)];

  gunzip_to (gz, f->path);
  before = checksum (f->path);
  g_assert_cmpint (sqlite_int (f->path, "SELECT max(version) FROM stead_schema "
                                        "WHERE owner = 'core'"), ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", tables[i]);

      rows[i] = sqlite_int (f->path, sql);
      g_assert_cmpint (rows[i], >, 0);
    }

  {
    g_auto(Result) r = run ("check", f->path);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Result) r = run ("export", f->path, "--format", "partners-csv", "--output", out);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Result) r = run ("import", f->path, good, "--format", "needs-csv", "--dry-run");
    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_cmpint (info_rows (0, f->path, "need"), ==, rows[0]);
  assert_unchanged (f->path, before, "reading an earlier release's workspace");
  /* That release's notes pointed at a developers' document and kept
   * their marks; the upgrade below replaces them. */
  g_assert_cmpint (sqlite_int (f->path, "SELECT count(*) FROM taxonomy "
                                        "WHERE source LIKE '%DOMAIN.md%'"), >, 0);
  g_assert_cmpint (sqlite_int (f->path, "SELECT count(*) FROM risks_scale "
                                        "WHERE threshold LIKE '%[I]%'"), >, 0);

  {
    g_auto(Result) r = run ("import", f->path, good, "--format", "needs-csv");
    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_cmpint (sqlite_int (f->path, "SELECT max(version) FROM stead_schema "
                                        "WHERE owner = 'core'"), >=, 8);
  g_assert_cmpint (sqlite_int (f->path, "SELECT max(version) FROM stead_schema "
                                        "WHERE owner = 'partners'"), >, 1);
  g_assert_cmpint (sqlite_int (f->path, "SELECT max(version) FROM stead_schema "
                                        "WHERE owner = 'risks'"), >, 2);
  g_assert_cmpint (sqlite_int (f->path, "SELECT count(*) FROM taxonomy "
                                        "WHERE source LIKE '%DOMAIN.md%' OR source IS NULL"),
                   ==, 0);
  g_assert_cmpint (sqlite_int (f->path, "SELECT count(*) FROM risks_scale "
                                        "WHERE threshold LIKE '%[I]%' OR threshold LIKE '%[V]%'"),
                   ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", tables[i]);

      if (g_str_equal (tables[i], "need"))
        g_assert_cmpint (sqlite_int (f->path, sql), ==, rows[i] + 5);
      else if (g_str_equal (tables[i], "stead_audit"))
        g_assert_cmpint (sqlite_int (f->path, sql), >, rows[i]);
      else
        g_assert_cmpint (sqlite_int (f->path, sql), ==, rows[i]);
    }
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      if (g_str_has_prefix (name, "area.gpkg.backup-"))
        backup = g_build_filename (f->dir, name, NULL);
  }
  /* The backup is the workspace as it was (SQLite's copy of it: the same
   * rows, not always the same bytes). */
  g_assert_nonnull (backup);
  g_assert_cmpint (sqlite_int (backup, "SELECT max(version) FROM stead_schema "
                                       "WHERE owner = 'core'"), ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", tables[i]);
      g_assert_cmpint (sqlite_int (backup, sql), ==, rows[i]);
    }
  {
    g_auto(Result) r = run ("check", f->path);
    g_assert_cmpint (r.status, ==, 0);
  }
}

/* An earlier release's workspace opened read-only is read as this
 * build's schema from a private copy; the readers the window's threads
 * use (search, lists, coverage) must read that copy too, not the file
 * with its older schema. Core 006 added need.extra: the file has no such
 * column, so a reader of the file fails the query. */
static void
test_earlier_release_readers (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *gz = g_test_build_filename (G_TEST_DIST, "data", "workspaces",
                                               "demo-core4-partners1-risks2.gpkg.gz", NULL);
  g_autoptr(SteadPluginEngine) engine = NULL;
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  gint64 needs;

  gunzip_to (gz, f->path);
  before = checksum (f->path);
  needs = sqlite_int (f->path, "SELECT count(*) FROM need");
  g_assert_cmpint (needs, >, 0);

  engine = stead_plugin_engine_new (NULL);
  stead_plugin_engine_load_enabled (engine);
  ws = stead_workspace_open_full (f->path, engine, STEAD_WORKSPACE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      sqlite3 *db = stead_workspace_open_reader (ws, &error);
      g_autoptr(sqlite3_stmt) stmt = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*), count(extra) FROM need",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, needs);
      g_clear_pointer (&stmt, sqlite3_finalize);
      /* A reader cannot write, to the copy or anywhere else. */
      g_assert_cmpint (sqlite3_exec (db, "DELETE FROM need", NULL, NULL, NULL), !=, SQLITE_OK);
      sqlite3_close (db);
    }
  g_clear_object (&ws);
  assert_unchanged (f->path, before, "reading an earlier release's workspace with readers");
}

/* While Stead has a workspace open, another program reading it (the
 * sqlite3 shell, QGIS) must see it in use: were Stead's locks dropped,
 * that program would checkpoint the file and delete the WAL Stead still
 * writes to, and the next edits would be lost. Opening the same file
 * again in the same process (the window does) must not drop them either. */
static void
test_outside_reader_keeps_wal (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *sqlite3_shell = g_find_program_in_path ("sqlite3");
  g_autoptr(SteadWorkspace) ws = NULL;
  g_autoptr(SteadWorkspace) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { NULL, f->path, "SELECT count(*) FROM need", NULL };
  gint64 demo_needs;
  int status = -1;

  if (sqlite3_shell == NULL)
    {
      g_test_skip ("needs the sqlite3 shell");
      return;
    }
  make_demo (f->path, "50");
  ws = stead_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
  /* The demo's needs: the core's 50 and those plugins publish. */
  demo_needs = stead_workspace_query_int64 (ws, "SELECT count (*) FROM need", NULL, 0);
  {
    SteadTransaction *txn = stead_workspace_begin (ws, "core", "Add", &error);

    g_assert_no_error (error);
    stead_transaction_insert_need (txn, "food", "In the WAL", -2.15, 51.99, 1, 2, "open", 0, NULL,
                                   0, &error);
    g_assert_no_error (error);
    g_assert_true (stead_transaction_commit (txn, &error));
  }
  g_assert_cmpint (file_size (f->path, "-wal"), >, 32);

  /* The same file opened a second time in this process, and closed. */
  again = stead_workspace_open_full (f->path, NULL, STEAD_WORKSPACE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  stead_workspace_close (again);

  argv[0] = sqlite3_shell;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (g_ascii_strtoll (out, NULL, 10), ==, demo_needs + 1);
  /* Still Stead's WAL: the other program did not take the file as unused. */
  g_assert_cmpint (file_size (f->path, "-wal"), >, 32);

  {
    SteadTransaction *txn = stead_workspace_begin (ws, "core", "Add", &error);

    g_assert_no_error (error);
    stead_transaction_insert_need (txn, "food", "After the reader", -2.15, 51.99, 1, 2, "open", 0,
                                   NULL, 0, &error);
    g_assert_no_error (error);
    g_assert_true (stead_transaction_commit (txn, &error));
  }
  /* What an independent reader sees while Stead still has it open. */
  g_assert_cmpint (sqlite_rows (f->path, "need"), ==, demo_needs + 2);
  stead_workspace_close (ws);
  g_assert_cmpint (sqlite_rows (f->path, "need"), ==, demo_needs + 2);
}

/* A read command does not wait behind a writer holding the write lock. */
static void
test_no_wait_behind_writer (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *good = write_needs_csv (f->dir, "good.csv", 5, "Read");
  g_autofree char *out = g_build_filename (f->dir, "out.csv", NULL);
  sqlite3 *writer = NULL;

  make_demo (f->path, "100");
  g_assert_cmpint (sqlite3_open (f->path, &writer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (writer, "BEGIN IMMEDIATE; "
                                         "UPDATE stead_workspace SET area_name = 'Busy'", NULL,
                                 NULL, NULL), ==, SQLITE_OK);
  {
    gint64 start = g_get_monotonic_time ();
    g_auto(Result) info = run ("info", f->path);
    g_auto(Result) search = run ("search", f->path, "Tewkesbury");
    g_auto(Result) export = run ("export", f->path, "--format", "needs-csv", "-o", out);
    g_auto(Result) dry = run ("import", f->path, good, "--format", "needs-csv", "--dry-run");

    g_assert_cmpint (info.status, ==, 0);
    g_assert_cmpint (search.status, ==, 0);
    g_assert_cmpint (export.status, ==, 0);
    g_assert_cmpint (dry.status, ==, 0);
    /* Four commands, none waiting the 5 s busy timeout. */
    g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
    /* And they read the last commit, not the writer's change. */
    g_assert_nonnull (strstr (info.out, "Tewkesbury"));
  }
  sqlite3_exec (writer, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (writer);
}

/* ------------------------------------------------------------------------ */
/* A read-only file and folder, as a user who is not root                    */

static void
assert_reads_as_nobody (const char *ws,
                        const char *out_dir,
                        const char *csv,
                        gint64      needs)
{
  g_autofree char *out = g_build_filename (out_dir, "needs.csv", NULL);
  g_autofree char *pdf = g_build_filename (out_dir, "report.pdf", NULL);
  g_autofree char *before = checksum (ws);

  g_assert_cmpint (info_rows (NOBODY, ws, "need"), ==, needs);
  {
    g_auto(Result) r = run_nobody ("info", ws);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.err, "cannot be written"));
    g_assert_nonnull (strstr (r.err, "edits are off"));
    g_assert_null (strstr (r.err, "WARNING"));
  }
  {
    /* Not "missing tables" on a valid file. */
    g_auto(Result) r = run_nobody ("check", ws);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "OK"));
  }
  {
    g_auto(Result) r = run_nobody ("search", ws, "Tewkesbury");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "Tewkesbury"));
  }
  {
    g_auto(Result) r = run_nobody ("export", ws, "--format", "needs-csv", "--output", out);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
    lines = g_strsplit (g_strstrip (text), "\n", -1);
    g_assert_cmpint (g_strv_length (lines), ==, needs + 1);
  }
  {
    g_auto(Result) r = run_nobody ("report", ws, "--output", pdf);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Result) r = run_nobody ("import", ws, csv, "--format", "needs-csv", "--dry-run");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "5"));
    g_assert_nonnull (strstr (r.err, "edits are off"));
  }
  {
    g_auto(Result) r = run_nobody ("import", ws, csv, "--format", "needs-csv");
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "read-only"));
    g_assert_nonnull (strstr (r.err, "cannot be written"));
  }
  {
    g_autofree char *after = checksum (ws);
    g_assert_cmpstr (after, ==, before);
  }
}

static void
test_read_only_as_nobody (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *file_dir = g_build_filename (f->dir, "shared", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "archive", NULL);
  g_autofree char *out_dir = g_build_filename (f->dir, "nobody-out", NULL);
  g_autofree char *in_file_dir = g_build_filename (file_dir, "area.gpkg", NULL);
  g_autofree char *in_folder = g_build_filename (folder, "area.gpkg", NULL);
  g_autofree char *csv = write_needs_csv (f->dir, "needs.csv", 5, "Need");
  g_autofree char *contents = NULL;
  gsize len;
  gint64 needs;

  if (!can_be_nobody ())
    {
      g_test_skip ("needs root and setpriv to run as nobody");
      return;
    }

  make_demo (f->path, "100");
  needs = sqlite_rows (f->path, "need");
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_mkdir (out_dir, 0755);
  g_assert_cmpint (chown (out_dir, NOBODY, NOBODY), ==, 0);

  /* Someone else's file, readable, in a folder anyone may write to. */
  g_mkdir (file_dir, 0777);
  g_chmod (file_dir, 01777);
  g_assert_true (g_file_set_contents (in_file_dir, contents, len, NULL));
  g_chmod (in_file_dir, 0644);
  assert_reads_as_nobody (in_file_dir, out_dir, csv, needs);
  /* Nothing left behind that would lock its owner out (a -shm or -wal
   * the owner could not write). */
  g_assert_cmpint (file_size (in_file_dir, "-wal"), ==, -1);
  g_assert_cmpint (file_size (in_file_dir, "-shm"), ==, -1);
  {
    g_autofree char *more = write_needs_csv (f->dir, "owner.csv", 3, "Owner");
    g_auto(Result) r = run ("import", in_file_dir, more, "--format", "needs-csv");

    g_assert_cmpint (r.status, ==, 0);
  }

  /* A folder nobody may write to. */
  g_mkdir (folder, 0755);
  g_assert_true (g_file_set_contents (in_folder, contents, len, NULL));
  g_chmod (in_folder, 0644);
  assert_reads_as_nobody (in_folder, out_dir, csv, needs);
  g_assert_cmpint (file_size (in_folder, "-wal"), ==, -1);

  /* There, a WAL with changes and its -shm (the owner's, read-only to
   * us) is read; a WAL without one cannot be, and says what to do. */
  {
    g_autofree char *wal = g_strconcat (in_folder, "-wal", NULL);
    g_autofree char *shm = g_strconcat (in_folder, "-shm", NULL);

    g_chmod (in_folder, 0600);
    commit_then_die (in_folder, 40);
    g_chmod (in_folder, 0644);
    g_chmod (wal, 0644);
    g_chmod (shm, 0644);
    g_assert_cmpint (info_rows (NOBODY, in_folder, "need"), ==, needs + 40);
    g_assert_cmpint (g_unlink (shm), ==, 0);
    {
      g_auto(Result) r = run_nobody ("info", in_folder);

      g_assert_cmpint (r.status, ==, 1);
      g_assert_nonnull (strstr (r.err, "area.gpkg-wal"));
      g_assert_nonnull (strstr (r.err, "copy both files"));
    }
  }
}

int
main (int   argc,
      char *argv[])
{
  /* The library's plugins are the CLI's: the in-tree ones. */
  g_setenv ("STEAD_PLUGIN_PATH", g_getenv ("STEAD_INTREE_PLUGIN_DIR"), TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func, data) \
  g_test_add ("/safe-open/" name, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("checkpoint-cut-short", test_checkpoint_cut_short, NULL);
  ADD ("killed-before-checkpoint", test_killed_before_checkpoint, NULL);
  ADD ("truncated-names-backup", test_truncated_names_backup, NULL);
  ADD ("disk-full", test_disk_full, NULL);
  ADD ("not-a-file", test_not_a_file, NULL);
  ADD ("newer-core-schema", test_newer_schema, "core");
  ADD ("newer-plugin-schema", test_newer_schema, "partners");
  ADD ("damaged-page", test_damaged_page, NULL);
  ADD ("check-later-then-edit", test_check_later_then_edit, NULL);
  ADD ("reading-never-writes", test_reading_never_writes, NULL);
  ADD ("no-wait-behind-writer", test_no_wait_behind_writer, NULL);
  ADD ("read-only-as-nobody", test_read_only_as_nobody, NULL);
  ADD ("upgrade-earlier-release", test_upgrade_earlier_release, NULL);
  ADD ("earlier-release-readers", test_earlier_release_readers, NULL);
  ADD ("outside-reader-keeps-wal", test_outside_reader_keeps_wal, NULL);

  return g_test_run ();
}
