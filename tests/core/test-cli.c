/* test-cli.c: the stead-cli contract (exit codes, one-line errors)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/wait.h>
#include <json-glib/json-glib.h>

#include "stead-test-util.h"

typedef struct
{
  char       *dir;
  char       *config_dir;
  const char *plugin_path;  /* the in-tree plugins', when the test enables them */
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
  const char *plugins = data;
  g_autofree char *settings_dir = NULL;
  g_autofree char *keyfile = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("stead-cli-XXXXXX", &error);
  g_assert_no_error (error);
  if (plugins != NULL && strstr (plugins, "partners") != NULL)
    f->plugin_path = g_getenv ("STEAD_INTREE_PLUGIN_DIR");

  /* The CLI reads the enabled plugins from the user's settings; a keyfile
   * backend in a private config dir stands in for them. */
  f->config_dir = g_build_filename (f->dir, "config", NULL);
  settings_dir = g_build_filename (f->config_dir, "glib-2.0", "settings", NULL);
  g_mkdir_with_parents (settings_dir, 0700);
  keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  contents = g_strdup_printf ("[io/github/steadapp/Stead]\nenabled-plugins=%s\n",
                              plugins != NULL ? plugins : "@as []");
  g_file_set_contents (keyfile, contents, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  stead_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->config_dir);
}

static Result
run (Fixture *f,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  Result r = { 0 };
  const char *arg;
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, (char *) g_getenv ("STEAD_CLI"));
  va_start (args, f);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "keyfile", TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", f->config_dir, TRUE);
  if (f->plugin_path != NULL)
    envp = g_environ_setenv (envp, "STEAD_PLUGIN_PATH", f->plugin_path, TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &r.out, &r.err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r.status = WEXITSTATUS (wait_status);
  return r;
}

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* The error is one line "stead-cli: FILE: problem". Warnings about other
 * things (a refused plugin, say) may come before it in the log. */
static void
assert_one_line (const char *text,
                 const char *must_contain)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint errors = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (!g_str_has_prefix (lines[i], "stead-cli: "))
        continue;
      errors++;
      g_assert_nonnull (strstr (lines[i], must_contain));
    }
  g_assert_cmpuint (errors, ==, 1);
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Result) none = run (f, NULL);
  g_auto(Result) unknown = run (f, "frobnicate", NULL);
  g_auto(Result) missing = run (f, "new", NULL);
  g_auto(Result) extra = run (f, "check", "a.gpkg", "b.gpkg", NULL);
  g_auto(Result) bad_option = run (f, "info", "--no-such-option", "a.gpkg", NULL);
  g_auto(Result) help = run (f, "--help", NULL);

  g_assert_cmpint (none.status, ==, 2);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_cmpint (extra.status, ==, 2);
  g_assert_cmpint (bad_option.status, ==, 2);
  g_assert_cmpint (help.status, ==, 0);
  for (const char * const *c = (const char * const[]) { "new", "demo", "info", "check", "formats",
                                                       "search", NULL }; *c; c++)
    g_assert_nonnull (strstr (help.out, *c));
}

static void
test_new_info_check (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *ws = path_in (f, "area.gpkg");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonObject *tables;

  {
    g_auto(Result) r = run (f, "new", ws, "--name", "Testshire", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_test (ws, G_FILE_TEST_IS_REGULAR));
  }

  {
    /* Not over an existing file: exit 1, one line naming it. */
    g_auto(Result) r = run (f, "new", ws, NULL);
    g_assert_cmpint (r.status, ==, 1);
    assert_one_line (r.err, ws);
  }

  {
    g_auto(Result) r = run (f, "info", ws, "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    json_parser_load_from_data (parser, r.out, -1, &error);
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (root, "area_name"), ==, "Testshire");
    tables = json_object_get_object_member (root, "tables");
    g_assert_cmpint (json_object_get_int_member (tables, "need"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (tables, "area"), ==, 0);
    g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (root, "schema"), "core"), >=, 2);
  }

  {
    g_auto(Result) r = run (f, "info", ws, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "Testshire"));
    g_assert_nonnull (strstr (r.out, "need"));
  }

  {
    g_auto(Result) r = run (f, "check", ws, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "OK"));
  }
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *ws = path_in (f, "demo.gpkg");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  {
    g_auto(Result) r = run (f, "demo", ws, "--scale", "120", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Result) r = run (f, "info", ws, "--json", NULL);
    JsonObject *tables;

    g_assert_cmpint (r.status, ==, 0);
    json_parser_load_from_data (parser, r.out, -1, &error);
    g_assert_no_error (error);
    tables = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                            "tables");
    g_assert_cmpint (json_object_get_int_member (tables, "need"), ==, 120);
    g_assert_cmpint (json_object_get_int_member (tables, "resource"), >, 0);
    g_assert_cmpint (json_object_get_int_member (tables, "area"), >, 2);
  }
  {
    g_auto(Result) r = run (f, "check", ws, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Result) r = run (f, "demo", ws, "--scale", "-3", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
}

static void
test_check_damaged (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *ws = path_in (f, "damaged.gpkg");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  {
    g_auto(Result) r = run (f, "demo", ws, "--scale", "2000", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }

  /* A disk fault: eight pages of noise in the middle of the file. */
  g_file_get_contents (ws, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 16 * 4096);
  for (gsize i = 0; i < 8 * 4096; i++)
    contents[len / 2 + i] = (char) (i * 131 + 7);
  g_file_set_contents (ws, contents, len, &error);
  g_assert_no_error (error);

  {
    g_auto(Result) r = run (f, "check", ws, NULL);
    g_auto(GStrv) lines = g_strsplit (g_strstrip (r.err), "\n", -1);

    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpuint (g_strv_length (lines), >=, 1);
    /* Each problem is a line of its own that names the file. (The test
     * plugin folder's refused "noabi" plugin logs its own warning.) */
    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_autofree char *prefix = g_strdup_printf ("stead-cli: %s: ", ws);

        if (lines[i][0] == '\0' || strstr (lines[i], "stead-plugins-WARNING") != NULL)
          continue;
        g_assert_true (g_str_has_prefix (lines[i], prefix));
      }
  }
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *text = path_in (f, "partners.csv");
  g_autofree char *missing = path_in (f, "missing.gpkg");
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_file_set_contents (text, "name,postcode\nRed Cross,GL20 5AA\n", -1, &error);
  g_assert_no_error (error);

  for (const char * const *cmd = (const char * const[]) { "info", "check", NULL }; *cmd; cmd++)
    {
      g_auto(Result) r = run (f, *cmd, text, NULL);
      g_auto(Result) m = run (f, *cmd, missing, NULL);

      g_assert_cmpint (r.status, ==, 1);
      assert_one_line (r.err, "partners.csv");
      g_assert_cmpint (m.status, ==, 1);
      assert_one_line (m.err, "missing.gpkg");
    }

  /* The refused file is left exactly as it was. */
  g_file_get_contents (text, &after, NULL, &error);
  g_assert_cmpstr (after, ==, "name,postcode\nRed Cross,GL20 5AA\n");
}

static void
test_formats_and_plugins (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *ws = path_in (f, "area.gpkg");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  {
    g_auto(Result) r = run (f, "formats", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "testplugin-items"));
    g_assert_nonnull (strstr (r.out, "csv"));
  }
  {
    g_auto(Result) r = run (f, "demo", ws, "--scale", "20", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Result) r = run (f, "info", ws, "--json", NULL);
    JsonObject *root;
    JsonArray *plugins;

    g_assert_cmpint (r.status, ==, 0);
    json_parser_load_from_data (parser, r.out, -1, &error);
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    plugins = json_object_get_array_member (root, "plugins");
    g_assert_cmpuint (json_array_get_length (plugins), ==, 1);
    g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (plugins, 0), "module"), ==,
      "testplugin");
    g_assert_cmpint (
      json_object_get_int_member (json_array_get_object_element (plugins, 0), "schema_version"), ==,
      10);
    /* The plugin added its share of the demo through populate_demo. */
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "tables"),
                                                 "testplugin_item"), ==, 3);
  }
}

static gint64
table_rows (Fixture    *f,
            const char *ws,
            const char *table)
{
  g_auto(Result) r = run (f, "info", ws, "--json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *tables;

  g_assert_cmpint (r.status, ==, 0);
  json_parser_load_from_data (parser, r.out, -1, &error);
  g_assert_no_error (error);
  tables =
    json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "tables");
  return json_object_has_member (tables, table) ? json_object_get_int_member (tables, table) : 0;
}

static void
test_import_export (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *ws = path_in (f, "area.gpkg");
  g_autofree char *csv = path_in (f, "needs.csv");
  g_autofree char *bad = path_in (f, "bad.csv");
  g_autofree char *rejects = path_in (f, "rejects.csv");
  g_autofree char *out = path_in (f, "out.csv");
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_file_set_contents (csv, "Case,Need,Notes,Lon,Lat\n"
                            "C1,food,Mrs Example at number 3,-2.15,51.99\n"
                            "C2,water,,-2.16,51.98\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (bad, "kind,longitude,latitude\nfood,-2.1,52\nfood,-2.1,north\n", -1, &error);
  g_assert_no_error (error);
  {
    g_auto(Result) r = run (f, "new", ws, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    /* A header both needs and resources read as well: the user must
     * choose, and the message names both. */
    g_auto(Result) r = run (f, "import", ws, bad, NULL);
    g_assert_cmpint (r.status, ==, 1);
    assert_one_line (r.err, "could be Needs (CSV) or Resources (CSV); choose one with --format "
                            "(needs-csv, resources-csv)");
  }
  {
    /* Without --format, the header says which: "Need" is a need's kind. */
    g_auto(Result) r = run (f, "import", ws, csv, "--dry-run", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "2 rows would be added"));
  }
  {
    g_auto(Result) r = run (f, "import", ws, csv, "--format", "needs-csv", "--dry-run", "--json",
                            "--map", "id=Case,title=Notes", NULL);
    JsonObject *root;

    g_assert_cmpint (r.status, ==, 0);
    json_parser_load_from_data (parser, r.out, -1, &error);
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    /* A dry run adds nothing; it says what it would add. */
    g_assert_cmpint (json_object_get_int_member (root, "would_add"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (root, "added"), ==, 0);
    g_assert_false (json_object_get_boolean_member (root, "committed"));
    g_assert_nonnull (strstr (json_object_get_string_member (root, "map"), "id=Case"));
  }
  g_assert_cmpint (table_rows (f, ws, "need"), ==, 0);
  {
    g_auto(Result) r =
      run (f, "import", ws, csv, "--format", "needs-csv", "--map", "id=Case,title=Notes", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "2 rows added"));
  }
  g_assert_cmpint (table_rows (f, ws, "need"), ==, 2);
  {
    /* A bad last row: exit 1, one line naming it, nothing imported; the
     * rejects go to a file the user can fix. */
    g_auto(Result) r = run (f, "import", ws, bad, "-f", "needs-csv", "--rejects", rejects, NULL);
    g_assert_cmpint (r.status, ==, 1);
    assert_one_line (r.err, "line 3");
    g_assert_true (g_file_get_contents (rejects, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, "\r\n3,2,"));
    g_clear_pointer (&text, g_free);
  }
  g_assert_cmpint (table_rows (f, ws, "need"), ==, 2);
  {
    g_auto(Result) r = run (f, "export", ws, "--format", "needs-csv", "--output", out, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
    g_assert_true (g_str_has_prefix (text, "id,kind,"));
    /* The id a row came with is its id in the export. */
    g_assert_nonnull (strstr (text, "\nC1,food,"));
    g_assert_null (strstr (text, "Mrs Example"));
    g_clear_pointer (&text, g_free);
  }
  {
    g_auto(Result) r = run (f, "export", ws, "--format", "needs-csv", "--include-personal", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "Mrs Example"));
  }
  {
    g_auto(Result) r = run (f, "export", ws, "--format", "nope", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
}

/* The first row of @sql (two columns: text, id) read straight from the
 * file with SQLite, not through the code under test. */
static char *
read_row (const char *ws,
          const char *sql,
          gint64     *id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_open_v2 (ws, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  *id = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return g_strdup ("absent");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *) contents, length);
}

/* The line of @out that names @owner_ref (owner:ref), or NULL. */
static char *
line_with (const char *out,
           const char *owner_ref)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_suffix (lines[i], owner_ref))
      return g_strdup (lines[i]);
  return NULL;
}

/* `stead-cli search` finds a demo partner by its name and an area by
 * its name, prints JSON that parses, says so when nothing matches, and
 * never writes to the workspace. */
static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *ws = path_in (f, "demo.gpkg");
  g_autofree char *wal = path_in (f, "demo.gpkg-wal");
  g_autofree char *partner = NULL;
  g_autofree char *area = NULL;
  g_autofree char *partner_ref = NULL;
  g_autofree char *area_ref = NULL;
  g_autofree char *before = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gint64 partner_id, area_id;

  if (f->plugin_path == NULL)
    {
      g_test_skip ("STEAD_INTREE_PLUGIN_DIR is not set");
      return;
    }
  {
    g_auto(Result) r = run (f, "demo", ws, "--scale", "30", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  partner = read_row (ws, "SELECT name, id FROM partners_organisation "
                          "ORDER BY length (name) DESC, id LIMIT 1", &partner_id);
  area = read_row (ws, "SELECT name, fid FROM area WHERE kind = 'ward' ORDER BY fid LIMIT 1",
                   &area_id);
  partner_ref = g_strdup_printf ("partners:%" G_GINT64_FORMAT, partner_id);
  area_ref = g_strdup_printf ("core:%" G_GINT64_FORMAT, area_id);
  before = file_checksum (ws);

  {
    /* A partner by its whole name: first, as kind, title, owner:ref. */
    g_auto(Result) r = run (f, "search", ws, partner, NULL);
    g_autofree char *line = NULL;

    g_assert_cmpint (r.status, ==, 0);
    line = line_with (r.out, partner_ref);
    g_assert_nonnull (line);
    g_assert_true (g_str_has_prefix (r.out, line));
    g_assert_true (g_str_has_prefix (line, "organisation "));
    g_assert_nonnull (strstr (line, partner));
  }
  {
    /* An area by the start of its words. */
    g_auto(GStrv) words = g_strsplit (area, " ", -1);
    g_autofree char *prefix = g_strndup (words[0], 4);
    g_autofree char *text = g_strdup_printf ("%s %s", prefix, words[1]);
    g_auto(Result) r = run (f, "search", ws, text, "--limit", "50", NULL);
    g_autofree char *line = NULL;

    g_assert_cmpint (r.status, ==, 0);
    line = line_with (r.out, area_ref);
    g_assert_nonnull (line);
    g_assert_true (g_str_has_prefix (line, "area "));
    g_assert_nonnull (strstr (line, area));
  }
  {
    g_auto(Result) r = run (f, "search", ws, partner, "--json", NULL);
    JsonArray *hits;
    JsonObject *first;

    g_assert_cmpint (r.status, ==, 0);
    json_parser_load_from_data (parser, r.out, -1, &error);
    g_assert_no_error (error);
    g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
    hits = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpuint (json_array_get_length (hits), >=, 1);
    first = json_array_get_object_element (hits, 0);
    g_assert_cmpstr (json_object_get_string_member (first, "kind"), ==, "organisation");
    g_assert_cmpstr (json_object_get_string_member (first, "owner"), ==, "partners");
    g_assert_cmpint (json_object_get_int_member (first, "ref"), ==, partner_id);
    g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, partner);
    g_assert_true (json_object_has_member (first, "snippet"));
  }
  {
    /* --limit: at most that many. */
    g_auto(Result) r = run (f, "search", ws, "tewkesbury", "--limit", "2", NULL);
    g_auto(GStrv) lines = g_strsplit (g_strchomp (r.out), "\n", -1);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpuint (g_strv_length (lines), ==, 2);
  }
  {
    /* Nothing found is not an error; it says so on stderr. */
    g_auto(Result) r = run (f, "search", ws, "qqzzxxv", NULL);
    g_auto(Result) json = run (f, "search", ws, "qqzzxxv", "--json", NULL);
    JsonArray *hits;

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, "");
    g_assert_nonnull (strstr (r.err, "No results"));
    g_assert_cmpint (json.status, ==, 0);
    json_parser_load_from_data (parser, json.out, -1, &error);
    g_assert_no_error (error);
    hits = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpuint (json_array_get_length (hits), ==, 0);
  }
  {
    g_autofree char *missing = path_in (f, "missing.gpkg");
    g_auto(Result) no_text = run (f, "search", ws, NULL);
    g_auto(Result) no_words = run (f, "search", ws, "?!", NULL);
    g_auto(Result) bad_limit = run (f, "search", ws, "red", "--limit", "0", NULL);
    g_auto(Result) no_file = run (f, "search", missing, "red", NULL);

    g_assert_cmpint (no_text.status, ==, 2);
    g_assert_cmpint (no_words.status, ==, 2);
    g_assert_cmpint (bad_limit.status, ==, 2);
    g_assert_cmpint (no_file.status, ==, 1);
    assert_one_line (no_file.err, "missing.gpkg");
  }

  /* Searching only reads: the file is as it was, and no change waits in
   * its write-ahead log (SQLite may leave that log empty, or remove it). */
  {
    g_autofree char *after = file_checksum (ws);
    GStatBuf st;

    g_assert_cmpstr (after, ==, before);
    g_assert_true (g_stat (wal, &st) != 0 || st.st_size == 0);
  }
}

/* kill -9 in the middle of an import: the workspace is valid and holds
 * exactly what it held before. */
static void
test_import_killed (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *ws = path_in (f, "area.gpkg");
  g_autofree char *csv = path_in (f, "big.csv");
  g_autofree char *wal = g_strconcat (ws, "-wal", NULL);
  g_autoptr(GString) rows = g_string_new ("kind,title,longitude,latitude\n");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  GPid pid;
  gint64 before, deadline;
  int wait_status;
  gboolean killed_midway = FALSE;

  {
    g_auto(Result) r = run (f, "demo", ws, "--scale", "200", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  before = table_rows (f, ws, "need");
  g_assert_cmpint (before, >, 0);

  for (guint i = 0; i < 600000; i++)
    g_string_append_printf (rows, "food,Row %u,-2.%06u,51.9%05u\n", i, i, i % 100000);
  g_file_set_contents (csv, rows->str, rows->len, &error);
  g_assert_no_error (error);

  g_ptr_array_add (argv, (char *) g_getenv ("STEAD_CLI"));
  g_ptr_array_add (argv, "import");
  g_ptr_array_add (argv, ws);
  g_ptr_array_add (argv, csv);
  g_ptr_array_add (argv, "--format");
  g_ptr_array_add (argv, "needs-csv");
  g_ptr_array_add (argv, NULL);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "keyfile", TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", f->config_dir, TRUE);
  if (f->plugin_path != NULL)
    envp = g_environ_setenv (envp, "STEAD_PLUGIN_PATH", f->plugin_path, TRUE);
  g_spawn_async (NULL, (char **) argv->pdata, envp,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid, &error);
  g_assert_no_error (error);

  /* Wait until the import is writing (its changes spill into the WAL),
   * then kill it without warning. */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      GStatBuf st;

      if (waitpid (pid, &wait_status, WNOHANG) == pid)
        break;
      if (g_stat (wal, &st) == 0 && st.st_size > 1024 * 1024)
        {
          kill (pid, SIGKILL);
          g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);
          killed_midway = WIFSIGNALED (wait_status);
          break;
        }
      g_usleep (5000);
    }
  g_spawn_close_pid (pid);
  g_assert_true (killed_midway);

  {
    g_auto(Result) r = run (f, "check", ws, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_cmpint (table_rows (f, ws, "need"), ==, before);
}

/* ------------------------------------------------------------------------ */
/* Outputs: never over the workspace or an input, whole or not at all, 0600
 * with personal data. */

/* The workspace is still a valid workspace holding @needs needs. */
static void
assert_workspace_intact (Fixture    *f,
                         const char *ws,
                         gint64      needs)
{
  g_autofree char *head = NULL;
  g_auto(Result) r = run (f, "check", ws, NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (ws, &head, NULL, NULL));
  g_assert_true (g_str_has_prefix (head, "SQLite format 3"));
  g_assert_cmpint (table_rows (f, ws, "need"), ==, needs);
}

static void
test_outputs_never_over_inputs (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *ws = path_in (f, "area.gpkg");
  g_autofree char *spelled = g_build_filename (f->dir, ".", "area.gpkg", NULL);
  g_autofree char *hard = path_in (f, "hard-link.gpkg");
  g_autofree char *wal = g_strconcat (ws, "-wal", NULL);
  g_autofree char *csv = path_in (f, "needs.csv");
  g_autofree char *names = NULL;
  g_autofree char *before = NULL;
  const char *needs = "kind,title,longitude,latitude\nfood,One,-2.1,52\nfood,Two,-2.1,north\n";

  g_assert_true (g_file_set_contents (csv, needs, -1, NULL));
  {
    g_auto(Result) r = run (f, "new", ws, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Result) r = run (f, "import", ws, csv, "-f", "needs-csv", "--skip-rejected", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_cmpint (link (ws, hard), ==, 0);
  names = stead_test_list_dir (f->dir);
  before = file_checksum (ws);

  for (const char * const *out = (const char * const[]) { ws, spelled, hard, NULL }; *out; out++)
    {
      g_auto(Result) r = run (f, "export", ws, "-f", "needs-csv", "-o", *out, NULL);

      g_assert_cmpint (r.status, ==, 1);
      assert_one_line (r.err, "is the workspace");
    }
  {
    /* Its journal, not there while no one has it open. */
    g_auto(Result) r = run (f, "export", ws, "-f", "needs-csv", "-o", wal, NULL);

    g_assert_cmpint (r.status, ==, 1);
    assert_one_line (r.err, "belongs to the workspace");
  }
  {
    g_auto(Result) r = run (f, "report", ws, "-o", hard, NULL);

    g_assert_cmpint (r.status, ==, 1);
    assert_one_line (r.err, "is the workspace");
  }
  {
    /* Refused before the import: with --skip-rejected the good row would
     * have gone in. */
    g_auto(Result) r = run (f, "import", ws, csv, "-f", "needs-csv", "--skip-rejected",
                            "--rejects", csv, NULL);
    g_autofree char *text = NULL;

    g_assert_cmpint (r.status, ==, 1);
    assert_one_line (r.err, "this command reads");
    g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
    g_assert_cmpstr (text, ==, needs);
  }
  {
    g_auto(Result) r = run (f, "import", ws, csv, "-f", "needs-csv", "--skip-rejected",
                            "--rejects", ws, NULL);

    g_assert_cmpint (r.status, ==, 1);
    assert_one_line (r.err, "is the workspace");
  }
  {
    /* Byte for byte as it was, and nothing new beside it. */
    g_autofree char *after = file_checksum (ws);
    g_autofree char *names_after = stead_test_list_dir (f->dir);

    g_assert_cmpstr (after, ==, before);
    g_assert_cmpstr (names_after, ==, names);
  }
  assert_workspace_intact (f, ws, 1);
}

/* 0600 when the file holds personal data, whatever the umask; the rest
 * 0644 less the umask; nothing left beside them. */
static void
test_output_modes (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *ws = path_in (f, "area.gpkg");
  g_autofree char *csv = path_in (f, "needs.csv");
  g_autofree char *plain = path_in (f, "plain.csv");
  g_autofree char *personal = path_in (f, "personal.csv");
  g_autofree char *rejects = path_in (f, "rejects.csv");
  g_autofree char *pdf = path_in (f, "report.pdf");
  g_autofree char *names = NULL;
  mode_t old_umask = umask (0);

  g_assert_true (g_file_set_contents (csv, "kind,title,longitude,latitude\n"
                                           "food,Mrs Example,-2.1,52\nfood,Two,-2.1,north\n",
                                      -1, NULL));
  {
    g_auto(Result) r = run (f, "new", ws, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Result) r = run (f, "import", ws, csv, "-f", "needs-csv", "--skip-rejected",
                            "--rejects", rejects, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_cmpuint (stead_test_file_mode (rejects), ==, 0600);
  {
    g_auto(Result) r = run (f, "export", ws, "-f", "needs-csv", "-o", plain, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_cmpuint (stead_test_file_mode (plain), ==, 0644);
  {
    g_auto(Result) r = run (f, "export", ws, "-f", "needs-csv", "--include-personal", "-o",
                            personal, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_cmpuint (stead_test_file_mode (personal), ==, 0600);
  {
    /* Over the 0644 one: the personal data does not inherit its mode. */
    g_auto(Result) r = run (f, "export", ws, "-f", "needs-csv", "--include-personal", "-o",
                            plain, NULL);
    g_autofree char *text = NULL;

    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_get_contents (plain, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, "Mrs Example"));
  }
  g_assert_cmpuint (stead_test_file_mode (plain), ==, 0600);
  {
    g_auto(Result) r = run (f, "report", ws, "-o", pdf, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_cmpuint (stead_test_file_mode (pdf), ==, 0644);
  umask (old_umask);

  names = stead_test_list_dir (f->dir);
  g_assert_cmpstr (names, ==, "area.gpkg config needs.csv personal.csv plain.csv rejects.csv "
                              "report.pdf");
}

/* The report's protective marking and version, as the window offers them:
 * printed on its pages; a marking that is not one of the two is refused
 * by name and no file is written. */
static void
test_report_marking (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *ws = path_in (f, "demo.gpkg");
  g_autofree char *pdf = path_in (f, "report.pdf");
  g_autofree char *secret = path_in (f, "secret.pdf");
  g_autofree char *text = NULL;

  {
    g_auto(Result) r = run (f, "demo", ws, "--scale", "40", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Result) r = run (f, "report", ws, "--marking", "official-sensitive", "--version",
                            "3.1", "-o", pdf, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  if (!stead_test_have_poppler ())
    {
      g_test_skip ("needs pdftotext and pdfinfo (poppler-utils, in build-aux/deps.txt)");
      return;
    }
  text = stead_test_pdf_text (pdf, 1);
  g_assert_nonnull (strstr (text, "OFFICIAL-SENSITIVE"));
  g_assert_nonnull (strstr (text, "Version 3.1"));
  {
    g_auto(Result) r = run (f, "report", ws, "--marking", "SECRET", "-o", secret, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "SECRET"));
  }
  g_assert_false (g_file_test (secret, G_FILE_TEST_EXISTS));
}

/* A damaged page of `need` in the middle of the table: the export fails
 * naming the table and the row it reached, and leaves no file; one there
 * before stays as it was. */
static void
test_export_corrupt (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *ws = path_in (f, "area.gpkg");
  g_autofree char *csv = path_in (f, "many.csv");
  g_autofree char *previous = path_in (f, "previous.csv");
  g_autofree char *fresh = path_in (f, "fresh.csv");
  g_autofree char *reached = NULL;
  g_autoptr(GString) rows = g_string_new ("kind,title,longitude,latitude\n");
  guint before;

  for (guint i = 0; i < 4000; i++)
    g_string_append_printf (rows, "food,Household %u,-2.%04u,51.9%04u\n", i, i, i);
  g_assert_true (g_file_set_contents (csv, rows->str, rows->len, NULL));
  {
    g_auto(Result) r = run (f, "new", ws, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Result) r = run (f, "import", ws, csv, "-f", "needs-csv", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Result) r = run (f, "export", ws, "-f", "needs-csv", "-o", fresh, NULL);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_get_contents (fresh, &text, NULL, NULL));
    lines = g_strsplit (text, "\r\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 4000 + 2);   /* header, rows, "" */
    g_unlink (fresh);
  }

  before = stead_test_corrupt_table (ws, "need");
  g_assert_cmpuint (before, >, 100);
  g_assert_cmpuint (before, <, 3900);
  reached = g_strdup_printf ("“need” at row %u", before + 1);
  g_assert_true (g_file_set_contents (previous, "the previous export\n", -1, NULL));

  {
    g_auto(Result) r = run (f, "export", ws, "-f", "needs-csv", "-o", previous, NULL);
    g_autofree char *text = NULL;

    g_assert_cmpint (r.status, ==, 1);
    assert_one_line (r.err, reached);
    g_assert_true (g_file_get_contents (previous, &text, NULL, NULL));
    g_assert_cmpstr (text, ==, "the previous export\n");
  }
  {
    g_auto(Result) r = run (f, "export", ws, "-f", "needs-csv", "-o", fresh, NULL);

    g_assert_cmpint (r.status, ==, 1);
    assert_one_line (r.err, reached);
    g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  }
  {
    /* To standard output: what was written is cut short, and it says so. */
    g_auto(Result) r = run (f, "export", ws, "-f", "needs-csv", NULL);

    g_assert_cmpint (r.status, ==, 1);
    assert_one_line (r.err, reached);
  }
  {
    /* Nothing beside them (SQLite's -wal and -shm go when it closes). */
    g_autofree char *after = stead_test_list_dir (f->dir);

    g_assert_cmpstr (after, ==, "area.gpkg config many.csv previous.csv");
  }
}

/* Cells a spreadsheet would run are written with a quote in front, in the
 * needs export and in the rejects file; numbers are left as they are. */
static void
test_csv_formulas (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *ws = path_in (f, "area.gpkg");
  g_autofree char *csv = path_in (f, "needs.csv");
  g_autofree char *rejects = path_in (f, "rejects.csv");
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (csv,
                                      "Case,Need,Notes,Lon,Lat\n"
                                      "@SUM(A1),food,"
                                      "\"=HYPERLINK(\"\"http://x.example\"\",\"\"y\"\")\","
                                      "-2.15,51.99\n"
                                      "C2,water,-2.15,-2.16,51.98\n"
                                      "C3,water,+44 1632 960000,-2.17,51.97\n"
                                      "C4,food,=1+2,-2.18,north\n",
                                      -1, NULL));
  {
    g_auto(Result) r = run (f, "new", ws, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Result) r = run (f, "import", ws, csv, "-f", "needs-csv", "--map",
                            "id=Case,title=Notes", "--skip-rejected", "--rejects", rejects, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Result) r = run (f, "export", ws, "-f", "needs-csv", "--include-personal", NULL);

    g_assert_cmpint (r.status, ==, 0);
    /* The ids first, as they came (a formula made harmless too). */
    g_assert_nonnull (strstr (r.out, "\n'@SUM(A1),food,\"'=HYPERLINK(\"\"http://x.example\"\","
                                     "\"\"y\"\")\","));
    g_assert_nonnull (strstr (r.out, "\nC2,water,-2.15,"));
    g_assert_nonnull (strstr (r.out, "\nC3,water,'+44 1632 960000,"));
    g_assert_nonnull (strstr (r.out, ",-2.150000,51.990000\r\n"));
    g_assert_null (strstr (r.out, "'-2.1"));
  }
  g_assert_true (g_file_get_contents (rejects, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\r\n5,4,"));
  g_assert_nonnull (strstr (text, ",C4,food,'=1+2,-2.18,north\r\n"));
}

/* Runs @sql on the workspace file with SQLite itself, as any program could. */
static void
exec_raw (const char *ws,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (ws, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Each trigger that keeps the audit log append-only, dropped or made
 * harmless by another program: check names it and fails. */
static void
test_check_audit_triggers (Fixture       *f,
                           gconstpointer  data)
{
  static const char * const triggers[] = {
    "stead_audit_no_update", "stead_audit_no_delete", "stead_audit_no_replace",
  };

  for (guint i = 0; i < G_N_ELEMENTS (triggers); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.gpkg", triggers[i]);
      g_autofree char *ws = path_in (f, name);
      g_autofree char *drop = g_strdup_printf ("DROP TRIGGER %s", triggers[i]);

      {
        g_auto(Result) r = run (f, "new", ws, NULL);
        g_assert_cmpint (r.status, ==, 0);
      }
      {
        g_auto(Result) r = run (f, "check", ws, NULL);
        g_assert_cmpint (r.status, ==, 0);
      }
      exec_raw (ws, drop);
      {
        g_auto(Result) r = run (f, "check", ws, NULL);
        g_autofree char *problem =
          g_strdup_printf ("Audit: the trigger %s that keeps stead_audit append-only is missing",
                           triggers[i]);

        g_assert_cmpint (r.status, ==, 1);
        assert_one_line (r.err, problem);
      }
    }
  {
    /* There by name, but refusing nothing. */
    g_autofree char *ws = path_in (f, "harmless.gpkg");
    g_auto(Result) made = run (f, "new", ws, NULL);
    g_auto(Result) r = { 0 };

    g_assert_cmpint (made.status, ==, 0);
    exec_raw (ws, "DROP TRIGGER stead_audit_no_delete; "
                  "CREATE TRIGGER stead_audit_no_delete BEFORE DELETE ON stead_audit "
                  "BEGIN SELECT 1; END");
    r = run (f, "check", ws, NULL);
    g_assert_cmpint (r.status, ==, 1);
    assert_one_line (r.err, "stead_audit_no_delete");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/usage", Fixture, NULL, fixture_setup, test_usage, fixture_teardown);
  g_test_add ("/cli/new-info-check", Fixture, NULL, fixture_setup, test_new_info_check,
              fixture_teardown);
  g_test_add ("/cli/demo", Fixture, NULL, fixture_setup, test_demo, fixture_teardown);
  g_test_add ("/cli/report-marking", Fixture, NULL, fixture_setup, test_report_marking,
              fixture_teardown);
  g_test_add ("/cli/check-damaged", Fixture, NULL, fixture_setup, test_check_damaged,
              fixture_teardown);
  g_test_add ("/cli/bad-input", Fixture, NULL, fixture_setup, test_bad_input, fixture_teardown);
  g_test_add ("/cli/formats-and-plugins", Fixture, "['testplugin']", fixture_setup,
              test_formats_and_plugins, fixture_teardown);

  g_test_add ("/cli/import-export", Fixture, NULL, fixture_setup, test_import_export,
              fixture_teardown);
  g_test_add ("/cli/import-killed", Fixture, NULL, fixture_setup, test_import_killed,
              fixture_teardown);
  g_test_add ("/cli/search", Fixture, "['partners', 'risks']", fixture_setup, test_search,
              fixture_teardown);
  g_test_add ("/cli/outputs-never-over-inputs", Fixture, NULL, fixture_setup,
              test_outputs_never_over_inputs, fixture_teardown);
  g_test_add ("/cli/output-modes", Fixture, NULL, fixture_setup, test_output_modes,
              fixture_teardown);
  g_test_add ("/cli/export-corrupt", Fixture, NULL, fixture_setup, test_export_corrupt,
              fixture_teardown);
  g_test_add ("/cli/csv-formulas", Fixture, NULL, fixture_setup, test_csv_formulas,
              fixture_teardown);
  g_test_add ("/cli/check-audit-triggers", Fixture, NULL, fixture_setup,
              test_check_audit_triggers, fixture_teardown);

  return g_test_run ();
}
