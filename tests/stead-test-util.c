/* stead-test-util.c: what the tests share
 *
 * Widgets are found by what a user or an accessibility tool sees of them:
 * their name (set in the .ui) or their label (accessible label, row title
 * or button label), never by type and position.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "stead-test-util.h"

#include <sys/wait.h>

SteadTestCli
stead_test_run_cli (const char *first,
                    ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  SteadTestCli result = { 0 };
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, (char *) g_getenv ("STEAD_CLI"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &result.out,
                &result.err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  result.status = WEXITSTATUS (wait_status);
  return result;
}

void
stead_test_cli_clear (SteadTestCli *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

#ifdef STEAD_TEST_WITH_GTK
# ifdef GDK_WINDOWING_X11
#  include <gdk/x11/gdkx.h>
# endif
#endif

void
stead_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        stead_test_rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
stead_test_plugins_setup (SteadTestPlugins   *f,
                          const char * const *enabled,
                          gboolean            demo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("stead-plugins-XXXXXX", &error);
  g_assert_no_error (error);
  f->settings = g_settings_new (APP_ID);
  g_settings_set_strv (f->settings, "enabled-plugins", enabled);
  f->engine = stead_plugin_engine_new (f->settings);
  stead_plugin_engine_load_enabled (f->engine);
  path = g_build_filename (f->dir, "ws.gpkg", NULL);
  f->ws = stead_workspace_create (path, "Test", f->engine, &error);
  g_assert_no_error (error);
  if (demo)
    g_assert_true (stead_demo_populate (f->ws, 50, 5, &error));
  g_assert_no_error (error);
}

void
stead_test_plugins_teardown (SteadTestPlugins *f)
{
  stead_workspace_close (f->ws);
  g_clear_object (&f->ws);
  g_clear_object (&f->engine);
  g_clear_object (&f->settings);
  stead_test_rm_rf (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

gint64
stead_test_count (SteadWorkspace *workspace,
                  const char     *sql)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (workspace, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

char *
stead_test_text (SteadWorkspace *workspace,
                 const char     *sql)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (workspace, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

GFile *
stead_test_write_file (const char *dir,
                       const char *name,
                       const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

/* PDFs are read back with poppler's tools (poppler-utils): an oracle
 * that shares nothing with the cairo code that wrote them. */
gboolean
stead_test_have_poppler (void)
{
  g_autofree char *text = g_find_program_in_path ("pdftotext");
  g_autofree char *info = g_find_program_in_path ("pdfinfo");

  return text != NULL && info != NULL;
}

static char *
stead_test_run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The text of page @page of @pdf (every page if 0), laid out as printed. */
char *
stead_test_pdf_text (const char *pdf,
                     guint       page)
{
  g_autofree char *number = g_strdup_printf ("%u", page);

  if (page == 0)
    return stead_test_run_tool ((const char *[]) { "pdftotext", "-layout", "-enc", "UTF-8",
                                                   pdf, "-", NULL });
  return stead_test_run_tool ((const char *[]) { "pdftotext", "-layout", "-enc", "UTF-8",
                                                 "-f", number, "-l", number, pdf, "-", NULL });
}

guint
stead_test_pdf_pages (const char *pdf)
{
  g_autofree char *info = stead_test_run_tool ((const char *[]) { "pdfinfo", pdf, NULL });
  const char *line = strstr (info, "\nPages:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("\nPages:"), NULL, 10);
}

/* Adds every leaf of @node to @leaves (a set of strings it owns): strings
 * as they are, numbers and booleans as JSON. */
void
stead_test_json_leaves (JsonNode   *node,
                        GHashTable *leaves)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        stead_test_json_leaves (json_object_get_member (json_node_get_object (node), l->data),
                                leaves);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
      stead_test_json_leaves (json_array_get_element (json_node_get_array (node), i), leaves);
  else if (JSON_NODE_HOLDS_VALUE (node))
    g_hash_table_add (leaves, json_node_get_value_type (node) == G_TYPE_STRING
                                ? g_strdup (json_node_get_string (node))
                                : json_to_string (node, FALSE));
}

/* Asserts that every value the query's first column holds is in @text
 * (what a PDF shows of a table, say); returns how many there were. */
guint
stead_test_assert_all_in (SteadWorkspace *workspace,
                          const char     *sql,
                          const char     *text)
{
  g_autoptr(sqlite3_stmt) stmt = stead_workspace_prepare (workspace, sql, NULL);
  guint n = 0;

  g_assert_nonnull (stmt);
  for (; sqlite3_step (stmt) == SQLITE_ROW; n++)
    g_assert_nonnull (strstr (text, (const char *) sqlite3_column_text (stmt, 0)));
  return n;
}

/* Metres between two WGS84 positions (equirectangular: plenty within a
 * town): how far a place found is from where it should be. */
double
stead_test_metres_between (double lon1,
                           double lat1,
                           double lon2,
                           double lat2)
{
  double k = G_PI / 180 * 6371008.8;

  return hypot ((lon2 - lon1) * cos ((lat1 + lat2) / 2 * G_PI / 180) * k, (lat2 - lat1) * k);
}

#ifdef STEAD_TEST_WITH_GTK

/* Whether the keyboard focus is @focus's widget or inside it (the text of
 * an entry), for stead_test_iterate_until(). */
gboolean
stead_test_has_focus_in (gpointer focus)
{
  SteadTestFocus *wait = focus;
  GtkWidget *widget = gtk_root_get_focus (GTK_ROOT (wait->root));

  return widget != NULL &&
         (widget == wait->widget || gtk_widget_is_ancestor (widget, wait->widget));
}

/* Whether keys can be typed at windows (an X server and xdotool); if not,
 * the test is skipped, saying why. */
gboolean
stead_test_can_type (void)
{
  g_autofree char *xdotool_path = g_find_program_in_path ("xdotool");

#ifdef GDK_WINDOWING_X11
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
#endif
    {
      g_test_skip ("needs an X server (Xvfb) for key events");
      return FALSE;
    }
  if (xdotool_path == NULL)
    {
      g_test_skip ("needs xdotool (build-aux/deps.txt installs it)");
      return FALSE;
    }
  return TRUE;
}

/* Runs xdotool's @commands against the window titled @window_title: real
 * keys from the X server, so no other window may take the keyboard. */
void
stead_test_xdotool (const char *window_title,
                    const char *commands)
{
  g_autofree char *cmd = g_strdup_printf ("xdotool search --onlyvisible --sync --name '^%s$' "
                                          "windowfocus --sync %s", window_title, commands);
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

void
stead_test_iterate_until (gboolean (*condition) (gpointer),
                          gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (condition (data));
}

/* Runs the main loop until @model holds @want items (10 s at most). */
typedef struct
{
  GListModel *model;
  guint       want;
} SteadTestCountWait;

static gboolean
stead_test_has_count (gpointer data)
{
  SteadTestCountWait *wait = data;

  return g_list_model_get_n_items (wait->model) == wait->want;
}

void
stead_test_iterate_until_count (GListModel *model,
                                guint       want)
{
  SteadTestCountWait wait = { model, want };

  stead_test_iterate_until (stead_test_has_count, &wait);
}

void
stead_test_iterate (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* The first widget below @root that @match says is the one for @text,
 * depth first. */
static GtkWidget *
stead_test_find_where (GtkWidget  *root,
                       gboolean  (*match) (GtkWidget  *widget,
                                           const char *text),
                       const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (match (child, text))
        return child;
      if ((found = stead_test_find_where (child, match, text)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
stead_test_has_name (GtkWidget  *widget,
                     const char *name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

/* The column of @view titled @title, or NULL. */
GtkColumnViewColumn *
stead_test_column_titled (GtkColumnView *view,
                          const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  return NULL;
}

GtkWidget *
stead_test_find_by_name (GtkWidget  *root,
                         const char *name)
{
  return stead_test_find_where (root, stead_test_has_name, name);
}

static gboolean
stead_test_has_label (GtkWidget  *widget,
                      const char *label)
{
  const char *text = NULL;

  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), label) == 0)
    return TRUE;
  if (GTK_IS_BUTTON (widget))
    text = gtk_button_get_label (GTK_BUTTON (widget));
  else if (GTK_IS_MENU_BUTTON (widget))
    text = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));
  if (text != NULL)
    {
      g_autofree char *plain = g_strdup (text);
      char *out = plain;

      /* Mnemonics are not what the user reads. */
      for (const char *in = plain; *in != '\0'; in++)
        if (*in != '_')
          *out++ = *in;
      *out = '\0';
      if (g_strcmp0 (plain, label) == 0)
        return TRUE;
    }
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), label) == 0;
}

GtkWidget *
stead_test_find_by_label (GtkWidget  *root,
                          const char *label)
{
  return stead_test_find_where (root, stead_test_has_label, label);
}

static gboolean
stead_test_is_label_reading (GtkWidget  *widget,
                             const char *text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* The label reading @text below @root (a menu item's, a list row's). */
GtkWidget *
stead_test_find_by_text (GtkWidget  *root,
                         const char *text)
{
  return stead_test_find_where (root, stead_test_is_label_reading, text);
}

static GdkTexture *
stead_test_render_once (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;   /* nothing drawn yet */
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* What @widget shows now, as its window's renderer draws it. The
 * paintable is empty while a relayout is pending: this lets it settle. */
GdkTexture *
stead_test_render (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GdkTexture *texture;

  while (!(texture = stead_test_render_once (widget)) && g_get_monotonic_time () < deadline)
    stead_test_iterate (50);
  return texture;
}

/* Whether real pointer and key events can be sent: the display is an X
 * server (Xvfb) and xdotool is there. */
gboolean
stead_test_have_xdotool (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

#ifdef GDK_WINDOWING_X11
  if (GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    return xdotool != NULL;
#endif
  return FALSE;
}

static void
stead_test_run_xdotool (const char *args)
{
  g_autofree char *cmd = g_strdup_printf ("xdotool %s", args);
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Moves the X pointer to (@x, @y) of @widget, in whichever window or
 * popover it is, then does @then with xdotool ("click 1"; NULL: nothing).
 * Needs stead_test_have_xdotool(). */
void
stead_test_pointer (GtkWidget  *widget,
                    double      x,
                    double      y,
                    const char *then)
{
#ifdef GDK_WINDOWING_X11
  GtkNative *native = gtk_widget_get_native (widget);
  g_autofree char *args = NULL;
  graphene_point_t p;
  double nx, ny;

  g_assert_nonnull (native);
  g_assert_true (
    gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &p));
  gtk_native_get_surface_transform (native, &nx, &ny);
  args = g_strdup_printf ("mousemove --window %lu %d %d %s",
                          (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                          (int) round (p.x + nx), (int) round (p.y + ny), then != NULL ? then : "");
  stead_test_run_xdotool (args);
#else
  g_assert_not_reached ();
#endif
}

/* Clicks the middle of @widget with the X pointer. */
void
stead_test_click (GtkWidget *widget)
{
  stead_test_pointer (widget, gtk_widget_get_width (widget) / 2.0,
                      gtk_widget_get_height (widget) / 2.0, "click 1");
}

/* Types @keys ("Escape", "ctrl+minus") from the X server's keyboard, to
 * the window that has the focus. */
void
stead_test_keys (const char *keys)
{
  g_autofree char *args = g_strdup_printf ("key %s", keys);

  stead_test_run_xdotool (args);
}

gboolean
stead_test_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

gboolean
stead_test_is_unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

gboolean
stead_test_model_has_count (GListModel *model,
                            guint       want)
{
  return g_list_model_get_n_items (model) == want;
}

/* For a UI test's main(): GTK and GTest set up (criticals fatal), a
 * scratch folder in @tmp_dir, and the application as the test runs it:
 * @plugins enabled, the offline base map (no network), not unique,
 * registered. */
SteadApplication *
stead_test_app_new (int                 *argc,
                    char              ***argv,
                    const char * const  *plugins,
                    char               **tmp_dir)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  SteadApplication *app;

  gtk_test_init (argc, argv, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  *tmp_dir = g_dir_make_tmp ("stead-ui-XXXXXX", &error);
  g_assert_no_error (error);

  settings = g_settings_new (APP_ID);
  g_settings_set_strv (settings, "enabled-plugins", plugins);
  g_settings_set_string (settings, "base-map", "offline");
  app = stead_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

/* Runs the tests added, then removes @app and the scratch folder. */
int
stead_test_app_run (SteadApplication *app,
                    char             *tmp_dir)
{
  int status = g_test_run ();

  g_object_unref (app);
  stead_test_rm_rf (tmp_dir);
  g_free (tmp_dir);
  return status;
}

/* A new workspace at @path (the demo area at @demo_scale, 0: empty),
 * open in a new window of @app, shown. */
SteadWindow *
stead_test_open_window (SteadApplication *app,
                        const char       *path,
                        const char       *area_name,
                        guint             demo_scale)
{
  SteadPluginEngine *engine = stead_application_get_plugin_engine (app);
  g_autoptr(GError) error = NULL;
  SteadWindow *window;

  {
    g_autoptr(SteadWorkspace) ws = stead_workspace_create (path, area_name, engine, &error);

    g_assert_no_error (error);
    if (demo_scale > 0)
      g_assert_true (stead_demo_populate (ws, demo_scale, 3, &error));
    g_assert_no_error (error);
    stead_workspace_close (ws);
  }
  window = stead_window_new (ADW_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  stead_test_iterate_until (stead_test_is_mapped, window);
  g_assert_true (stead_window_open_workspace (window, path, &error));
  g_assert_no_error (error);
  return window;
}

#endif

static guint
stead_test_be16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

static guint32
stead_test_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Damages a leaf page in the middle of @table's b-tree, as a failing disk
 * would: its header becomes bytes no b-tree page has, so SQLite reads it
 * as SQLITE_CORRUPT. The file must be closed, its WAL checkpointed away,
 * and the table two levels deep (a root with leaves under it). Read from
 * the bytes of the file (https://www.sqlite.org/fileformat2.html), not
 * through SQLite: returns how many rows the leaves before the damaged one
 * hold, so a full scan in rowid order reads exactly that many. @table may
 * be an index: then the entries before the damaged leaf are those of the
 * leaves before it and the keys of the root's cells between them, which
 * a scan in the index's order reads. */
guint
stead_test_corrupt_table (const char *path,
                          const char *table)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree guint8 *root = NULL;
  g_autoptr(GArray) children = g_array_new (FALSE, FALSE, sizeof (guint32));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint32 root_page, page_size, damaged;
  guint rows_before = 0, n_cells;
  gboolean index;
  const guint8 header_garbage[8] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
  GStatBuf st;
  FILE *file;

  /* Where the table's root is: the one thing asked of SQLite. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_master WHERE name = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  root_page = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_true (g_stat (wal, &st) != 0 || st.st_size == 0);

  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  {
    guint8 header[100];

    g_assert_cmpuint (fread (header, 1, sizeof header, file), ==, sizeof header);
    page_size = stead_test_be16 (header + 16);
    if (page_size == 1)
      page_size = 65536;
  }
  g_assert_cmpuint (root_page, >, 1);
  root = g_malloc (page_size);
  g_assert_cmpint (fseek (file, (long) (root_page - 1) * page_size, SEEK_SET), ==, 0);
  g_assert_cmpuint (fread (root, 1, page_size, file), ==, page_size);
  /* 0x05: an interior table page, 0x02 an interior index page; its
   * children left to right, then the right-most pointer. */
  g_assert_true (root[0] == 0x05 || root[0] == 0x02);
  index = root[0] == 0x02;
  n_cells = stead_test_be16 (root + 3);
  for (guint i = 0; i < n_cells; i++)
    {
      guint32 child = stead_test_be32 (root + stead_test_be16 (root + 12 + 2 * i));

      g_array_append_val (children, child);
    }
  {
    guint32 right = stead_test_be32 (root + 8);

    g_array_append_val (children, right);
  }
  g_assert_cmpuint (children->len, >=, 3);

  for (guint i = 0; i < children->len / 2; i++)
    {
      guint8 leaf_header[8];

      g_assert_cmpint (fseek (file, (long) (g_array_index (children, guint32, i) - 1) * page_size,
                              SEEK_SET), ==, 0);
      g_assert_cmpuint (fread (leaf_header, 1, sizeof leaf_header, file), ==, sizeof leaf_header);
      /* A leaf table page, or a leaf index page and the key after it. */
      g_assert_cmpuint (leaf_header[0], ==, index ? 0x0a : 0x0d);
      rows_before += stead_test_be16 (leaf_header + 3) + (index ? 1 : 0);
    }
  damaged = g_array_index (children, guint32, children->len / 2);
  g_assert_cmpint (fseek (file, (long) (damaged - 1) * page_size, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (header_garbage, 1, sizeof header_garbage, file), ==,
                    sizeof header_garbage);
  g_assert_cmpint (fclose (file), ==, 0);
  return rows_before;
}

static int
stead_test_compare_names (gconstpointer a,
                          gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The folder's entries, sorted and space-separated, hidden ones
 * included: what a user would find there, temporary files left behind
 * among them. */
char *
stead_test_list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, stead_test_compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* The permission bits of @path. */
guint
stead_test_file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* A copy of the workspace file @source beside it, named after @table,
 * with a page of @table damaged (see stead_test_corrupt_table()). */
char *
stead_test_damaged_copy (const char *source,
                         const char *table,
                         guint      *rows_before)
{
  g_autofree char *dir = g_path_get_dirname (source);
  g_autofree char *name = g_strconcat ("damaged-", table, ".gpkg", NULL);
  g_autofree char *contents = NULL;
  char *path = g_build_filename (dir, name, NULL);
  gsize len;

  g_assert_true (g_file_get_contents (source, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  *rows_before = stead_test_corrupt_table (path, table);
  return path;
}

/* The export with @exporter (the report if %NULL) of a damaged workspace
 * fails as corrupt, naming @table and, unless it is 0, the @row reached,
 * and leaves no file. */
void
stead_test_assert_damaged (SteadWorkspace *workspace,
                           SteadExporter  *exporter,
                           const char     *table,
                           guint           row)
{
  g_autofree char *dir = g_path_get_dirname (stead_workspace_get_path (workspace));
  g_autofree char *out_path = g_build_filename (dir, "damaged-export.out", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autofree char *named = g_strdup_printf ("“%s” at row ", table);
  g_autofree char *reached = g_strdup_printf ("“%s” at row %u:", table, row);
  g_autoptr(GError) error = NULL;
  SteadExportOptions options = { .include_personal = TRUE };

  if (exporter != NULL)
    g_assert_false (stead_exporter_write_file (exporter, workspace, out, &options, NULL, &error));
  else
    {
      g_autoptr(GPtrArray) sections = stead_report_list_sections (workspace);

      g_assert_false (stead_report_write_file (workspace, sections, out, NULL, &error));
    }
  g_assert_error (error, STEAD_WORKSPACE_ERROR, STEAD_WORKSPACE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, row > 0 ? reached : named));
  g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));
}

/* Where the edge a→b passes (x, y): > 0 on its left, < 0 on its right. */
static double
stead_test_is_left (const SteadCoord *a,
         const SteadCoord *b,
         double            x,
         double            y)
{
  return (b->x - a->x) * (y - a->y) - (x - a->x) * (b->y - a->y);
}

/* The winding number of @ring around (x, y) (Sunday's algorithm): an
 * oracle that shares nothing with the even-odd crossing test of
 * stead_geometry_contains_point(). Each edge i → i + 1, and the last back
 * to the first, so an unclosed ring is closed too. */
static int
stead_test_winding_number (const SteadCoord *ring,
                gsize             n,
                double            x,
                double            y)
{
  int wn = 0;

  for (gsize i = 0; i < n; i++)
    {
      const SteadCoord *a = &ring[i];
      const SteadCoord *b = &ring[(i + 1) % n];

      if (a->y <= y)
        {
          if (b->y > y && stead_test_is_left (a, b, x, y) > 0)
            wn++;
        }
      else if (b->y <= y && stead_test_is_left (a, b, x, y) < 0)
        wn--;
    }
  return wn;
}

/* Inside one of the polygons of @area: within its exterior ring and in
 * none of its holes; an oracle for stead_geometry_contains_point(). */
gboolean
stead_test_inside_by_winding (SteadGeometry *area,
                              double         x,
                              double         y)
{
  for (guint p = 0; p < stead_geometry_get_n_polygons (area); p++)
    {
      gboolean inside = FALSE;

      for (guint r = 0; r < stead_geometry_get_n_rings (area, p); r++)
        {
          gsize n;
          const SteadCoord *ring = stead_geometry_get_ring (area, p, r, &n);
          gboolean in_ring = n >= 3 && stead_test_winding_number (ring, n, x, y) != 0;

          if (r == 0)
            inside = in_ring;
          else if (in_ring)
            inside = FALSE;
        }
      if (inside)
        return TRUE;
    }
  return FALSE;
}

/* The unit of each resource kind, as data/taxonomy/resource-kinds.json
 * says, read with json-glib: not the workspace's loader. Every kind has one. */
GHashTable *
stead_test_taxonomy_units (void)
{
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "..", "data", "taxonomy",
                                                 "resource-kinds.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GHashTable *units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *terms;

  g_assert_true (json_parser_load_from_file (parser, file, &error));
  g_assert_no_error (error);
  terms = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "terms");
  for (guint i = 0; i < json_array_get_length (terms); i++)
    {
      JsonObject *term = json_array_get_object_element (terms, i);

      g_assert_true (json_object_has_member (term, "unit"));
      g_hash_table_insert (units, g_strdup (json_object_get_string_member (term, "code")),
                           g_strdup (json_object_get_string_member (term, "unit")));
    }
  return units;
}
